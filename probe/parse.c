/*
 * parse.c - config parsers of the probe (parse.h). Each walks a buffer line
 * by line, never reads past len, and treats the buffer as untrusted bytes:
 * embedded NULs end nothing early, long lines are fine, and nothing here
 * allocates more than a line's worth at a time.
 */
#include "parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "usertext.h"
#include "util.h"

/* Line iteration: [*s, *e) is the next line without its newline (and CR). */
static bool next_line(const char **p, const char *end, const char **s, const char **e)
{
	const char *nl;

	if (*p >= end)
		return false;
	*s = *p;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*e = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (*e > *s && (*e)[-1] == '\r')
		(*e)--;
	return true;
}

static bool is_sp(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && is_sp(**s))
		(*s)++;
	while (*e > *s && is_sp((*e)[-1]))
		(*e)--;
}

static void unquote(const char **s, const char **e)
{
	if (*e - *s >= 2 && ((**s == '"' && (*e)[-1] == '"') || (**s == '\'' && (*e)[-1] == '\''))) {
		(*s)++;
		(*e)--;
	}
}

bool mem_ieq(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b), i;

	if (alen != blen)
		return false;
	for (i = 0; i < alen; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

bool mem_eq(const char *a, size_t alen, const char *b)
{
	return alen == strlen(b) && !memcmp(a, b, alen);
}

void evidence_add(struct strbuf *ev, const char *file, unsigned line, const char *text, size_t len)
{
	size_t n = len > 300 ? 300 : len;

	if (ev->len)
		strbuf_addch(ev, '\n');
	if (line)
		strbuf_addf(ev, "%s:%u: ", file, line);
	else if (*file)
		strbuf_addf(ev, "%s: ", file);
	else
		strbuf_adds(ev, "  ");
	/* Tabs become spaces: evidence lines are for reading, not for copying back. */
	for (size_t i = 0; i < n; i++) {
		size_t run = strcspn(text + i, "\t");

		if (run > n - i)
			run = n - i;
		strbuf_add_visible(ev, text + i, run, 0);
		i += run;
		if (i < n)
			strbuf_addch(ev, ' ');
	}
	if (len > 300)
		strbuf_adds(ev, "...");
}

int cfg_syntax_parse(const char *name, enum cfg_syntax *out)
{
	static const char *const names[CFG_COUNT] = { "sshd", "keyword", "equals", "ini", "shell" };
	int i;

	for (i = 0; i < CFG_COUNT; i++)
		if (!strcmp(name, names[i])) {
			*out = (enum cfg_syntax)i;
			return 0;
		}
	return -1;
}

/* The shell words that may precede an assignment. */
static bool shell_prefix(const char *s, size_t n)
{
	return mem_eq(s, n, "export") || mem_eq(s, n, "readonly") || mem_eq(s, n, "declare") ||
	       mem_eq(s, n, "typeset") || mem_eq(s, n, "local") || (n >= 2 && s[0] == '-');
}

unsigned cfg_parse(enum cfg_syntax syn, const char *buf, size_t len, const char *section, cfg_fn fn, void *ctx)
{
	const char *p = buf, *end = buf + len, *s, *e;
	unsigned lineno = 0, seen = 0;
	bool in_section = section == NULL;

	while (next_line(&p, end, &s, &e)) {
		struct cfg_line l;
		const char *k, *ke, *v, *ve;

		lineno++;
		trim(&s, &e);
		if (s == e || *s == '#' || (*s == ';' && syn != CFG_SSHD))
			continue;
		memset(&l, 0, sizeof(l));
		l.text = s;
		l.text_len = (size_t)(e - s);
		l.line = lineno;
		if (syn == CFG_INI && *s == '[') {
			const char *close = memchr(s, ']', (size_t)(e - s));

			in_section = !section || (close && mem_eq(s + 1, (size_t)(close - s - 1), section));
			continue;
		}
		if (syn == CFG_INI && !in_section)
			continue;
		k = s;
		if (syn == CFG_SHELL) {
			/* Skip the words before NAME=value. */
			for (;;) {
				ke = k;
				while (ke < e && !is_sp(*ke) && *ke != '=')
					ke++;
				if (ke < e && *ke == '=')
					break;
				if (!shell_prefix(k, (size_t)(ke - k)))
					break;
				k = ke;
				while (k < e && is_sp(*k))
					k++;
			}
			ke = k;
			while (ke < e && *ke != '=' && !is_sp(*ke))
				ke++;
			if (ke >= e || *ke != '=' || ke == k)
				continue;
			v = ke + 1;
			ve = v;
			/* A value ends at unquoted whitespace or ';' (TMOUT=600; export TMOUT). */
			if (v < e && (*v == '"' || *v == '\'')) {
				const char *q = memchr(v + 1, *v, (size_t)(e - v - 1));

				ve = q ? q + 1 : e;
			} else {
				while (ve < e && !is_sp(*ve) && *ve != ';')
					ve++;
			}
		} else if (syn == CFG_EQUALS || syn == CFG_INI) {
			const char *eq = memchr(s, '=', (size_t)(e - s));

			if (!eq)
				continue;
			ke = eq;
			v = eq + 1;
			ve = e;
			/* sysctl.d: a leading '-' means "ignore errors"; the key is the rest. */
			if (syn == CFG_EQUALS && *k == '-')
				k++;
		} else {
			ke = k;
			while (ke < e && !is_sp(*ke) && !(syn == CFG_SSHD && *ke == '='))
				ke++;
			v = ke;
			while (v < e && is_sp(*v))
				v++;
			if (syn == CFG_SSHD && v < e && *v == '=') {
				v++;
			}
			ve = e;
			/* chrony/ntp/login.defs allow trailing comments after a space. */
			if (syn == CFG_KEYWORD) {
				const char *hash = v;

				while (hash < ve && !(*hash == '#' && hash > v && is_sp(hash[-1])))
					hash++;
				ve = hash;
			}
		}
		{
			const char *tk = k, *tke = ke;

			trim(&tk, &tke);
			trim(&v, &ve);
			unquote(&v, &ve);
			if (tk == tke)
				continue;
			l.key = tk;
			l.key_len = (size_t)(tke - tk);
			l.val = v;
			l.val_len = (size_t)(ve - v);
		}
		seen++;
		if (fn(&l, ctx))
			break;
	}
	return seen;
}

/* Word iteration within [*s, e). */
static bool next_word(const char **s, const char *e, const char **w, size_t *wl)
{
	while (*s < e && is_sp(**s))
		(*s)++;
	if (*s >= e)
		return false;
	*w = *s;
	while (*s < e && !is_sp(**s))
		(*s)++;
	*wl = (size_t)(*s - *w);
	return true;
}

unsigned pam_parse(const char *buf, size_t len, pam_fn fn, void *ctx)
{
	const char *p = buf, *end = buf + len, *s, *e;
	unsigned lineno = 0, seen = 0;

	while (next_line(&p, end, &s, &e)) {
		struct pam_line l;
		const char *cur, *w, *hash;
		size_t wl;

		lineno++;
		trim(&s, &e);
		hash = memchr(s, '#', (size_t)(e - s));
		if (hash)
			e = hash;
		trim(&s, &e);
		if (s == e)
			continue;
		memset(&l, 0, sizeof(l));
		l.text = s;
		l.text_len = (size_t)(e - s);
		l.line = lineno;
		cur = s;
		if (!next_word(&cur, e, &w, &wl))
			continue;
		if (mem_eq(w, wl, "@include")) {
			if (!next_word(&cur, e, &w, &wl))
				continue;
			l.type = "";
			l.control = "include";
			l.control_len = 7;
			l.module = w;
			l.module_len = wl;
			l.include = true;
		} else {
			if (*w == '-') {    /* "-session optional ...": the module may be missing */
				w++;
				wl--;
			}
			l.type = w;
			l.type_len = wl;
			while (cur < e && is_sp(*cur))
				cur++;
			if (cur < e && *cur == '[') {
				const char *close = memchr(cur, ']', (size_t)(e - cur));

				if (!close)
					continue;
				l.control = cur;
				l.control_len = (size_t)(close + 1 - cur);
				cur = close + 1;
			} else {
				if (!next_word(&cur, e, &w, &wl))
					continue;
				l.control = w;
				l.control_len = wl;
			}
			if (!next_word(&cur, e, &w, &wl))
				continue;
			l.module = w;
			l.module_len = wl;
			l.include = mem_eq(l.control, l.control_len, "include") ||
				    mem_eq(l.control, l.control_len, "substack");
			while (cur < e && is_sp(*cur))
				cur++;
			l.args = cur;
			l.args_len = (size_t)(e - cur);
		}
		seen++;
		if (fn(&l, ctx))
			break;
	}
	return seen;
}

bool pam_arg(const char *args, size_t len, const char *name, const char **val, size_t *vlen)
{
	const char *s = args, *e = args + len, *w;
	size_t wl, nl = strlen(name);

	while (next_word(&s, e, &w, &wl)) {
		if (wl >= nl && !memcmp(w, name, nl)) {
			if (wl == nl) {
				*val = w + wl;
				*vlen = 0;
				return true;
			}
			if (w[nl] == '=') {
				*val = w + nl + 1;
				*vlen = wl - nl - 1;
				return true;
			}
		}
	}
	return false;
}

unsigned audit_parse(const char *buf, size_t len, tok_fn fn, void *ctx)
{
	const char *p = buf, *end = buf + len, *s, *e;
	unsigned lineno = 0, seen = 0;

	while (next_line(&p, end, &s, &e)) {
		struct tokens t;
		const char *cur, *w;
		size_t wl;

		lineno++;
		trim(&s, &e);
		if (s == e || *s == '#')
			continue;
		t.n = 0;
		t.text = s;
		t.text_len = (size_t)(e - s);
		t.line = lineno;
		cur = s;
		while (t.n < TOK_MAX && next_word(&cur, e, &w, &wl)) {
			t.p[t.n] = w;
			t.len[t.n++] = wl;
		}
		seen++;
		if (fn(&t, ctx))
			break;
	}
	return seen;
}

static bool word_at(const char *s, const char *w)
{
	size_t n = strlen(w);

	return !strncmp(s, w, n) && (s[n] == '\0' || is_sp(s[n]));
}

unsigned sudo_parse(const char *buf, size_t len, sudo_fn fn, void *ctx)
{
	const char *p = buf, *end = buf + len, *s, *e;
	unsigned lineno = 0, first = 0, seen = 0;
	struct strbuf joined = STRBUF_INIT, who = STRBUF_INIT;

	while (next_line(&p, end, &s, &e)) {
		struct sudo_line l;
		const char *t, *te, *sp;
		bool cont;

		lineno++;
		if (!joined.len)
			first = lineno;
		cont = e > s && e[-1] == '\\';
		strbuf_add(&joined, s, (size_t)(e - s - cont));
		if (joined.len > 65536)
			strbuf_setlen(&joined, 65536);     /* a runaway continuation stays bounded */
		if (cont && p < end) {
			strbuf_addch(&joined, ' ');
			continue;
		}
		t = joined.buf;
		te = joined.buf + joined.len;
		trim(&t, &te);
		memset(&l, 0, sizeof(l));
		l.line = first;
		if (t == te)
			goto next;
		/* Directives first: "#include" is a directive, "# include" a comment. */
		if (!strncmp(t, "#includedir", 11) || !strncmp(t, "@includedir", 11)) {
			l.kind = SUDO_INCLUDEDIR;
			sp = t + 11;
		} else if (!strncmp(t, "#include", 8) || !strncmp(t, "@include", 8)) {
			l.kind = SUDO_INCLUDE;
			sp = t + 8;
		} else if (*t == '#') {
			goto next;
		} else if (word_at(t, "Defaults") || !strncmp(t, "Defaults:", 9) || !strncmp(t, "Defaults@", 9) ||
			   !strncmp(t, "Defaults!", 9) || !strncmp(t, "Defaults>", 9)) {
			l.kind = SUDO_DEFAULTS;
			sp = te;
		} else if (word_at(t, "User_Alias") || word_at(t, "Runas_Alias") || word_at(t, "Host_Alias") ||
			   word_at(t, "Cmnd_Alias") || word_at(t, "Cmd_Alias")) {
			l.kind = SUDO_ALIAS;
			sp = te;
		} else {
			l.kind = SUDO_SPEC;
			sp = t;
			while (sp < te && !is_sp(*sp))
				sp++;
			strbuf_reset(&who);
			strbuf_add(&who, t, (size_t)(sp - t));
			while (sp < te && is_sp(*sp))
				sp++;
			*(char *)te = '\0';
			l.arg = who.buf;
			l.rest = sp;
		}
		if (l.kind == SUDO_INCLUDE || l.kind == SUDO_INCLUDEDIR) {
			const char *a = sp, *ae = te;

			if (a < ae && !is_sp(*a))
				goto next;  /* "#includefoo": a comment after all */
			trim(&a, &ae);
			unquote(&a, &ae);
			strbuf_reset(&who);
			strbuf_add(&who, a, (size_t)(ae - a));
			l.arg = who.buf;
		}
		*(char *)te = '\0';
		l.text = t;
		seen++;
		if (fn(&l, ctx)) {
			strbuf_reset(&joined);
			break;
		}
next:
		strbuf_reset(&joined);
	}
	strbuf_release(&joined);
	strbuf_release(&who);
	return seen;
}

void sudo_spec_grants(const char *rest, bool *full, bool *nopasswd_all)
{
	const char *eq = strchr(rest, '=');
	const char *s;
	bool nopasswd = false;

	*full = *nopasswd_all = false;
	if (!eq)
		return;
	s = eq + 1;
	/* host=(runas) TAG: TAG: cmd, (runas) cmd, ... */
	while (*s) {
		const char *w, *we;

		while (*s && (is_sp(*s) || *s == ','))
			s++;
		if (*s == '(') {
			const char *close = strchr(s, ')');

			s = close ? close + 1 : s + strlen(s);
			continue;
		}
		w = s;
		while (*s && !is_sp(*s) && *s != ',')
			s++;
		we = s;
		if (we > w && we[-1] == ':') {
			if (mem_eq(w, (size_t)(we - w), "NOPASSWD:"))
				nopasswd = true;
			else if (mem_eq(w, (size_t)(we - w), "PASSWD:"))
				nopasswd = false;
			continue;
		}
		if (mem_eq(w, (size_t)(we - w), "ALL")) {
			*full = true;
			if (nopasswd)
				*nopasswd_all = true;
		}
		/* Skip the command's arguments up to the next comma. */
		while (*s && *s != ',')
			s++;
	}
}

void lr_init(struct lr_state *st)
{
	memset(st, 0, sizeof(*st));
	st->global.rotate = -1;
	st->global.maxage = -1;
}

void lr_release(struct lr_state *st)
{
	size_t i, j;

	for (i = 0; i < st->n_stanzas; i++) {
		for (j = 0; j < st->stanzas[i].n_patterns; j++)
			free(st->stanzas[i].patterns[j]);
		free(st->stanzas[i].patterns);
		free(st->stanzas[i].file);
	}
	free(st->stanzas);
	lr_init(st);
}

static int lr_number(const char *w, size_t wl)
{
	long v = 0;
	size_t i;

	if (!wl || wl > 6)
		return -1;
	for (i = 0; i < wl; i++) {
		if (w[i] < '0' || w[i] > '9')
			return -1;
		v = v * 10 + (w[i] - '0');
	}
	return (int)v;
}

/* One directive into s; returns false when it is not a retention directive. */
static void lr_directive(struct lr_settings *s, const char *line, const char *e)
{
	const char *cur = line, *w, *a;
	size_t wl, al;

	if (!next_word(&cur, e, &w, &wl))
		return;
	if (mem_eq(w, wl, "daily"))
		s->period = 1;
	else if (mem_eq(w, wl, "weekly"))
		s->period = 7;
	else if (mem_eq(w, wl, "monthly"))
		s->period = 31;
	else if (mem_eq(w, wl, "yearly"))
		s->period = 366;
	else if (mem_eq(w, wl, "hourly"))
		s->period = -24;    /* marker: 1/24 day; retention in hours */
	else if (mem_eq(w, wl, "size"))
		s->size_only = true;
	else if ((mem_eq(w, wl, "rotate") || mem_eq(w, wl, "maxage")) && next_word(&cur, e, &a, &al)) {
		int n = lr_number(a, al);

		if (n >= 0) {
			if (w[0] == 'r')
				s->rotate = n;
			else
				s->maxage = n;
		}
	}
}

void lr_parse(struct lr_state *st, const char *file, const char *buf, size_t len, int depth, lr_include_fn inc,
	      void *ctx)
{
	const char *p = buf, *end = buf + len, *s, *e;
	unsigned lineno = 0;
	struct lr_stanza *cur = NULL;
	size_t pending = 0;         /* patterns seen before a '{' on a later line */
	struct strbuf pat = STRBUF_INIT;

	while (next_line(&p, end, &s, &e)) {
		const char *brace, *w;
		size_t wl;

		lineno++;
		trim(&s, &e);
		if (s == e || *s == '#')
			continue;
		if (cur) {
			const char *close = memchr(s, '}', (size_t)(e - s));
			const char *cw = s;

			/* Scripts (postrotate ... endscript) are text, not directives. */
			if (next_word(&cw, e, &w, &wl) &&
			    (mem_eq(w, wl, "postrotate") || mem_eq(w, wl, "prerotate") || mem_eq(w, wl, "firstaction") ||
			     mem_eq(w, wl, "lastaction") || mem_eq(w, wl, "preremove"))) {
				while (next_line(&p, end, &s, &e)) {
					lineno++;
					trim(&s, &e);
					if (mem_eq(s, (size_t)(e - s), "endscript"))
						break;
				}
				continue;
			}
			if (close) {
				lr_directive(&cur->s, s, close);
				cur = NULL;
				continue;
			}
			lr_directive(&cur->s, s, e);
			continue;
		}
		brace = memchr(s, '{', (size_t)(e - s));
		if (!brace && *s != '/' && *s != '"' && *s != '\'' && *s != '*') {
			const char *cw = s;

			if (next_word(&cw, e, &w, &wl) && mem_eq(w, wl, "include") && inc && depth < 8) {
				const char *a = cw, *ae = e;

				trim(&a, &ae);
				unquote(&a, &ae);
				if (a < ae) {
					char *path = mlps_strndup(a, (size_t)(ae - a));

					inc(path, st, ctx);
					free(path);
				}
				continue;
			}
			if (pending == 0)
				lr_directive(&st->global, s, e);
			continue;
		}
		/* Patterns, up to a '{' on this line or a later one. */
		{
			const char *pe = brace ? brace : e, *cw = s;

			if (!pending) {
				struct lr_stanza z;

				if (st->n_stanzas >= 10000)
					break;
				memset(&z, 0, sizeof(z));
				z.s = st->global;
				z.file = mlps_strdup(file);
				z.line = lineno;
				mlps_grow((void **)&st->stanzas, &st->alloc, st->n_stanzas + 1, sizeof(*st->stanzas));
				st->stanzas[st->n_stanzas++] = z;
			}
			while (next_word(&cw, pe, &w, &wl)) {
				struct lr_stanza *z = &st->stanzas[st->n_stanzas - 1];
				const char *a = w, *ae = w + wl;

				unquote(&a, &ae);
				if (z->n_patterns >= 256)
					break;
				strbuf_reset(&pat);
				strbuf_add(&pat, a, (size_t)(ae - a));
				z->patterns = mlps_realloc(z->patterns, (z->n_patterns + 1) * sizeof(*z->patterns));
				z->patterns[z->n_patterns++] = strbuf_detach(&pat, NULL);
			}
			pending = 1;
			if (brace) {
				pending = 0;
				cur = &st->stanzas[st->n_stanzas - 1];
				/* "path { rotate 5 }" on one line */
				if (brace + 1 < e) {
					const char *close = memchr(brace + 1, '}', (size_t)(e - brace - 1));

					lr_directive(&cur->s, brace + 1, close ? close : e);
					if (close)
						cur = NULL;
				}
			}
		}
	}
	strbuf_release(&pat);
}
