/*
 * probe.c - the probe primitives and the run over a catalogue's checks.
 *
 * One function per primitive, each reading through fsroot (never outside
 * the root, never a FIFO or device, never above the size cap) and writing
 * into the item: a result, the evidence lines (file:line: text), and for
 * "not checked" the reason. The files several checks share (passwd,
 * shadow, group, the dpkg status, the socket and process tables) are read
 * once per run. Nothing here starts another program: probe/ has no call
 * that could, and tests/test_probe.c searches its sources for them.
 */
#define _GNU_SOURCE
#include "probe.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsroot.h"
#include "parse.h"

#define MAX_INCLUDE_DEPTH 8
#define DPKG_CAP (64u * 1024u * 1024u)
#define EVIDENCE_MAX_LINES 40

struct account {
	char *name;
	long uid, gid;
	char *shell;
	char *pw;               /* passwd's password field */
	char *hash;             /* shadow's; NULL when shadow is unreadable or has no line */
	long max_days;          /* -1: empty field */
	unsigned line, sline;
};

struct listener {
	char proto[4];          /* tcp, udp */
	unsigned port;
	bool loopback;
	char addr[48];
};

struct ctx {
	const struct mlps_catalog *cat;
	const struct mlps_probe_opts *o;
	struct fsroot fs;
	struct fsroot procfs;
	bool have_proc;         /* live-only probes can look */
	bool live;
	/* The evidence and reason of the current check */
	struct strbuf ev, why;
	size_t ev_lines;
	/* Caches */
	bool acc_loaded;
	struct account *acc;
	size_t n_acc;
	enum fsr_rc passwd_rc, shadow_rc;
	bool groups_loaded;
	char **group_names;
	long *group_ids;
	size_t n_groups;
	bool dpkg_loaded;
	enum fsr_rc dpkg_rc;
	char **pkgs;            /* "name\tversion", sorted */
	size_t n_pkgs;
	bool sock_loaded;
	struct listener *socks;
	size_t n_socks;
	enum fsr_rc sock_rc;
	bool proc_loaded;
	char **procs;           /* "pid\tcomm" */
	size_t n_procs;
	int lr_depth;           /* logrotate include nesting */
};

/* Evidence and reasons */

static void ev_line(struct ctx *x, const char *file, unsigned line, const char *text, size_t len)
{
	if (x->ev_lines == EVIDENCE_MAX_LINES)
		strbuf_adds(&x->ev, "\n...");
	if (x->ev_lines++ >= EVIDENCE_MAX_LINES)
		return;
	evidence_add(&x->ev, file, line, text, len);
}

static void evf(struct ctx *x, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void evf(struct ctx *x, const char *file, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ev_line(x, file, 0, sb.buf, sb.len);
	strbuf_release(&sb);
}

static void whyf(struct ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void whyf(struct ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->why.len)
		strbuf_adds(&x->why, "; ");
	va_start(ap, fmt);
	strbuf_vaddf(&x->why, fmt, ap);
	va_end(ap);
}

/* Notes an unreadable file in the reason; true when it was a real failure (not just missing). */
static bool note_rc(struct ctx *x, const char *path, enum fsr_rc rc)
{
	if (rc == FSR_OK || rc == FSR_MISSING)
		return false;
	whyf(x, "%s: %s", path, fsr_rc_text(rc));
	return true;
}

/*
 * Reads every file the patterns name, in order, handing each to fn; what
 * cannot be read is noted (note_rc) and sets *denied. Returns the number of
 * files read.
 */
typedef void (*file_fn)(const char *path, const char *buf, size_t len, void *ctx);

static size_t read_each(struct ctx *x, const struct mlps_check_arg *files, file_fn fn, void *ctx, bool *denied)
{
	size_t i, j, read = 0;

	for (i = 0; i < files->n; i++) {
		char **v;
		size_t n;
		enum fsr_rc rc = fsr_expand(&x->fs, files->v[i], false, &v, &n);

		if (rc != FSR_OK) {
			*denied |= note_rc(x, files->v[i], rc);
			continue;
		}
		for (j = 0; j < n; j++) {
			char *buf;
			size_t len;

			rc = fsr_read(&x->fs, v[j], &buf, &len);
			if (rc != FSR_OK) {
				*denied |= note_rc(x, v[j], rc);
				continue;
			}
			read++;
			fn(v[j], buf, len, ctx);
			free(buf);
		}
		fsr_free_list(v, n);
	}
	return read;
}

static const struct mlps_check_arg no_arg = { NULL, NULL, 0 };

static const struct mlps_check_arg *arg(const struct mlps_check *c, const char *name)
{
	const struct mlps_check_arg *a = mlps_check_get(c, name);

	return a ? a : &no_arg;
}

static long num_arg(const struct mlps_check *c, const char *name, long dflt)
{
	const char *s = mlps_check_str(c, name);

	return s ? strtol(s, NULL, 10) : dflt;
}

static bool in_list(const struct mlps_check_arg *a, const char *s, size_t len, bool icase)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (icase ? mem_ieq(s, len, a->v[i]) : mem_eq(s, len, a->v[i]))
			return true;
	return false;
}

static bool parse_long(const char *s, size_t len, long *out)
{
	char buf[32];
	char *end;

	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	*out = strtol(buf, &end, 10);
	return !errno && *end == '\0' && end != buf;
}

/* Accounts: passwd, shadow, group of the tree */

static char *field(char **p)
{
	char *s = *p, *c;

	if (!s)
		return NULL;
	c = strchr(s, ':');
	if (c) {
		*c = '\0';
		*p = c + 1;
	} else {
		*p = NULL;
	}
	return s;
}

static void load_accounts(struct ctx *x)
{
	char *buf = NULL, *line, *save = NULL;
	size_t len, i;
	unsigned ln = 0;

	if (x->acc_loaded)
		return;
	x->acc_loaded = true;
	x->passwd_rc = fsr_read(&x->fs, "/etc/passwd", &buf, &len);
	if (x->passwd_rc == FSR_OK) {
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *p = line, *name, *pw, *uid, *gid, *shell;
			struct account a;

			ln++;   /* blank lines are skipped by strtok_r: numbers may run short there */
			if (*line == '#' || *line == '+' || *line == '-')
				continue;
			name = field(&p);
			pw = field(&p);
			uid = field(&p);
			gid = field(&p);
			field(&p);
			field(&p);
			shell = field(&p);
			if (!name || !uid || !gid || !*name)
				continue;
			memset(&a, 0, sizeof(a));
			a.name = mlps_strdup(name);
			a.pw = mlps_strdup(pw ? pw : "");
			a.uid = strtol(uid, NULL, 10);
			a.gid = strtol(gid, NULL, 10);
			a.shell = mlps_strdup(shell ? shell : "");
			a.max_days = -1;
			a.line = ln;
			x->acc = mlps_realloc(x->acc, (x->n_acc + 1) * sizeof(*x->acc));
			x->acc[x->n_acc++] = a;
		}
	}
	free(buf);
	buf = NULL;
	ln = 0;
	x->shadow_rc = fsr_read(&x->fs, "/etc/shadow", &buf, &len);
	if (x->shadow_rc == FSR_OK) {
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *p = line, *name, *hash, *max;

			ln++;
			name = field(&p);
			hash = field(&p);
			field(&p);
			field(&p);
			max = field(&p);
			if (!name || !hash)
				continue;
			for (i = 0; i < x->n_acc; i++)
				if (!strcmp(x->acc[i].name, name) && !x->acc[i].hash) {
					x->acc[i].hash = mlps_strdup(hash);
					x->acc[i].max_days = max && *max ? strtol(max, NULL, 10) : -1;
					x->acc[i].sline = ln;
				}
		}
	}
	free(buf);
}

static void load_groups(struct ctx *x)
{
	char *buf = NULL, *line, *save = NULL;
	size_t len;

	if (x->groups_loaded)
		return;
	x->groups_loaded = true;
	if (fsr_read(&x->fs, "/etc/group", &buf, &len) != FSR_OK)
		return;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = line, *name = field(&p), *gid;

		field(&p);
		gid = field(&p);
		if (!name || !gid)
			continue;
		x->group_names = mlps_realloc(x->group_names, (x->n_groups + 1) * sizeof(char *));
		x->group_ids = mlps_realloc(x->group_ids, (x->n_groups + 1) * sizeof(long));
		x->group_names[x->n_groups] = mlps_strdup(name);
		x->group_ids[x->n_groups++] = strtol(gid, NULL, 10);
	}
	free(buf);
}

/* A uid's name in the tree ("root" for 0 when passwd is unreadable), or its number. */
static void user_of(struct ctx *x, long uid, struct strbuf *out)
{
	size_t i;

	load_accounts(x);
	for (i = 0; i < x->n_acc; i++)
		if (x->acc[i].uid == uid) {
			strbuf_adds(out, x->acc[i].name);
			return;
		}
	if (uid == 0)
		strbuf_adds(out, "root");
	else
		strbuf_addf(out, "%ld", uid);
}

static void group_of(struct ctx *x, long gid, struct strbuf *out)
{
	size_t i;

	load_groups(x);
	for (i = 0; i < x->n_groups; i++)
		if (x->group_ids[i] == gid) {
			strbuf_adds(out, x->group_names[i]);
			return;
		}
	if (gid == 0)
		strbuf_adds(out, "root");
	else
		strbuf_addf(out, "%ld", gid);
}

static bool usable_hash(const char *h)
{
	return h && *h && *h != '!' && *h != '*';
}

static bool login_shell(const char *sh)
{
	const char *b = strrchr(sh, '/');

	b = b ? b + 1 : sh;
	return *sh && strcmp(b, "nologin") && strcmp(b, "false") && strcmp(b, "sync") && strcmp(b, "shutdown") &&
	       strcmp(b, "halt") && strcmp(b, "true");
}

/* file */

static enum mlps_probe_result p_file(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *paths = arg(c, "paths"), *owner = arg(c, "owner"), *group = arg(c, "group");
	const char *match = mlps_check_str(c, "match"), *exists = mlps_check_str(c, "exists");
	const char *type = mlps_check_str(c, "type"), *mode_s = mlps_check_str(c, "mode_max");
	bool want_absent = exists && !strcmp(exists, "no"), any = match && !strcmp(match, "any");
	unsigned long mode_max = mode_s ? strtoul(mode_s, NULL, 8) : 07777;
	size_t i, ok = 0, unknown = 0;

	for (i = 0; i < paths->n; i++) {
		const char *path = paths->v[i];
		struct stat st;
		enum fsr_rc rc = fsr_stat(&x->fs, path, false, &st);
		struct strbuf u = STRBUF_INIT, g = STRBUF_INIT;
		bool good = true;
		const char *kind;

		if (rc == FSR_MISSING) {
			evf(x, path, "absent");
			ok += want_absent;
			continue;
		}
		if (rc != FSR_OK) {
			note_rc(x, path, rc);
			unknown++;
			continue;
		}
		if (want_absent) {
			evf(x, path, "present");
			continue;
		}
		kind = S_ISREG(st.st_mode) ? "regular file" : S_ISDIR(st.st_mode) ? "directory" : "special file";
		if (x->o->runner_is_root && st.st_uid == geteuid())
			st.st_uid = 0;
		if (x->o->runner_is_root && st.st_gid == getegid())
			st.st_gid = 0;
		user_of(x, (long)st.st_uid, &u);
		group_of(x, (long)st.st_gid, &g);
		if (type && strcmp(type, "any") &&
		    ((!strcmp(type, "file") && !S_ISREG(st.st_mode)) || (!strcmp(type, "dir") && !S_ISDIR(st.st_mode))))
			good = false;
		if (owner->n && !in_list(owner, u.buf, u.len, false))
			good = false;
		if (group->n && !in_list(group, g.buf, g.len, false))
			good = false;
		if (((unsigned long)st.st_mode & 07777 & ~mode_max) != 0)
			good = false;
		evf(x, path, "%s, owner %s:%s, mode %04lo%s", kind, u.buf, g.buf, (unsigned long)st.st_mode & 07777,
		    good ? "" : mode_s ? " (expected at most " : "");
		if (!good && mode_s) {
			strbuf_addf(&x->ev, "%s", mode_s);
			if (owner->n)
				strbuf_addf(&x->ev, ", owner %s", owner->v[0]);
			strbuf_addch(&x->ev, ')');
		}
		ok += good;
		strbuf_release(&u);
		strbuf_release(&g);
	}
	if (unknown == paths->n)
		return MLPS_PR_NOT_CHECKED;
	if (any)
		return ok ? MLPS_PR_PASS : unknown ? MLPS_PR_NOT_CHECKED : MLPS_PR_FAIL;
	if (ok == paths->n)
		return MLPS_PR_PASS;
	if (unknown && ok + unknown == paths->n)
		return MLPS_PR_NOT_CHECKED;
	return ok ? MLPS_PR_PARTIAL : MLPS_PR_FAIL;
}

/* setting */

struct found {
	char *value;            /* NULL: not set */
	char *file;
	unsigned line;
	char *text;
	size_t count;           /* occurrences (for `present`) */
};

struct setting_walk {
	struct ctx *x;
	const struct mlps_check_arg *keys;
	const char *file;
	enum cfg_syntax syn;
	bool first_wins;
	bool stop;              /* sshd: a Match block started, or the key was found */
	const char *section;    /* ini: the section to read */
	int depth;
	struct found *f;
	struct strbuf includes; /* sshd: Include lines seen, as "pattern\n" */
};

static void found_set(struct found *f, const char *file, const struct cfg_line *l)
{
	free(f->value);
	free(f->file);
	free(f->text);
	f->value = mlps_strndup(l->val, l->val_len);
	f->file = mlps_strdup(file);
	f->line = l->line;
	f->text = mlps_strndup(l->text, l->text_len);
	f->count++;
}

static void read_setting_file(struct setting_walk *w, const char *path);

static int setting_line(const struct cfg_line *l, void *vctx)
{
	struct setting_walk *w = vctx;

	if (w->syn == CFG_SSHD) {
		if (mem_ieq(l->key, l->key_len, "Match")) {
			w->stop = true;
			return 1;
		}
		if (mem_ieq(l->key, l->key_len, "Include")) {
			/* Included files are read in place: their settings come first. */
			const char *s = l->val, *e = l->val + l->val_len;

			while (s < e && !w->stop) {
				const char *t;
				char *pat;
				struct strbuf full = STRBUF_INIT;
				char **v;
				size_t n, i;

				while (s < e && (*s == ' ' || *s == '\t'))
					s++;
				t = s;
				while (t < e && *t != ' ' && *t != '\t')
					t++;
				if (t == s)
					break;
				pat = mlps_strndup(s, (size_t)(t - s));
				if (pat[0] != '/')
					strbuf_adds(&full, "/etc/ssh/");
				strbuf_adds(&full, pat);
				free(pat);
				if (w->depth < MAX_INCLUDE_DEPTH &&
				    fsr_expand(&w->x->fs, full.buf, false, &v, &n) == FSR_OK) {
					for (i = 0; i < n && !w->stop; i++) {
						const char *saved = w->file;

						w->depth++;
						read_setting_file(w, v[i]);
						w->depth--;
						w->file = saved;
					}
					fsr_free_list(v, n);
				}
				strbuf_release(&full);
				s = t;
			}
			return w->stop;
		}
	}
	if (in_list(w->keys, l->key, l->key_len, w->syn == CFG_SSHD)) {
		if (w->first_wins && w->f->value) {
			w->f->count++;
			return 0;
		}
		found_set(w->f, w->file, l);
		if (w->syn == CFG_SSHD) {
			w->stop = true;
			return 1;
		}
	}
	return 0;
}

static void read_setting_file(struct setting_walk *w, const char *path)
{
	char *buf;
	size_t len;
	enum fsr_rc rc = fsr_read(&w->x->fs, path, &buf, &len);
	const char *section = NULL;

	if (rc != FSR_OK) {
		note_rc(w->x, path, rc);
		return;
	}
	w->file = path;
	if (w->syn == CFG_INI)
		section = w->section;
	cfg_parse(w->syn, buf, len, section, setting_line, w);
	free(buf);
}

/* Items of a list value: "aes128-ctr,aes256-ctr" or "a b c". */
static bool value_item_hit(const char *value, const struct mlps_check_arg *subs, struct ctx *x, const char *what)
{
	const char *s = value;
	bool hit = false;

	while (*s) {
		size_t n = strcspn(s, ", \t"), i;

		for (i = 0; n && i < subs->n; i++) {
			char *item = mlps_strndup(s, n);

			if (strstr(item, subs->v[i])) {
				evf(x, "", "%s: %s", what, item);
				hit = true;
				free(item);
				break;
			}
			free(item);
		}
		s += n;
		while (*s == ',' || *s == ' ' || *s == '\t')
			s++;
	}
	return hit;
}

static enum mlps_probe_result p_setting(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *files = arg(c, "files"), *pass = arg(c, "pass"), *partial = arg(c, "partial");
	const struct mlps_check_arg *forbid = arg(c, "forbid"), *discourage = arg(c, "discourage");
	const struct mlps_check_arg *contains = arg(c, "contains");
	const char *dflt = mlps_check_str(c, "default"), *present = mlps_check_str(c, "present");
	const char *min_s = mlps_check_str(c, "min"), *max_s = mlps_check_str(c, "max");
	struct found f = { NULL, NULL, 0, NULL, 0 };
	struct setting_walk w;
	enum cfg_syntax syn = CFG_KEYWORD;
	enum mlps_probe_result res = MLPS_PR_FAIL;
	const char *value;
	char *effective = NULL;
	size_t i, readable = 0, denied = 0;

	cfg_syntax_parse(mlps_check_str(c, "syntax"), &syn);
	memset(&w, 0, sizeof(w));
	w.x = x;
	w.keys = arg(c, "key");
	w.syn = syn;
	w.first_wins = syn == CFG_SSHD;
	w.section = mlps_check_str(c, "section");
	w.f = &f;
	for (i = 0; i < files->n && !w.stop; i++) {
		char **v;
		size_t n, j;
		enum fsr_rc rc = fsr_expand(&x->fs, files->v[i], false, &v, &n);

		if (rc != FSR_OK) {
			denied += note_rc(x, files->v[i], rc);
			continue;
		}
		for (j = 0; j < n && !w.stop; j++) {
			struct stat st;
			enum fsr_rc src = fsr_stat(&x->fs, v[j], false, &st);

			if (src == FSR_OK)
				readable++;
			else
				denied += note_rc(x, v[j], src);
			if (src == FSR_OK) {
				size_t before = x->why.len;

				read_setting_file(&w, v[j]);
				if (x->why.len != before) {
					denied++;
					readable--;
				}
			}
		}
		fsr_free_list(v, n);
	}
	if (syn == CFG_SSHD && !readable && !denied) {
		whyf(x, "%s: no such file (no OpenSSH server configuration)", files->v[0]);
		goto out_nc;
	}
	if (!f.value && denied) {
		res = MLPS_PR_NOT_CHECKED;
		goto out;
	}
	if (f.value) {
		ev_line(x, f.file, f.line, f.text, strlen(f.text));
		value = f.value;
	} else if (dflt && !present && readable) {
		evf(x, files->v[0], "%s not set: the default is %s", w.keys->v[0], dflt);
		value = dflt;
	} else {
		evf(x, files->v[0], "%s not set%s", w.keys->v[0], readable ? "" : " (no such file)");
		goto out;
	}
	/* sshd list modifiers: +add, -remove, ^prepend apply to the default list. */
	if (syn == CFG_SSHD && dflt && f.value && (value[0] == '+' || value[0] == '^' || value[0] == '-')) {
		struct strbuf sb = STRBUF_INIT;

		if (value[0] == '-')
			strbuf_adds(&sb, dflt);  /* removing from the default cannot add a weak item */
		else
			strbuf_addf(&sb, "%s,%s", dflt, value + 1);
		effective = strbuf_detach(&sb, NULL);
		value = effective;
	}
	if (present) {
		res = MLPS_PR_PASS;
	} else if (pass->n || partial->n) {
		res = in_list(pass, value, strlen(value), true) ? MLPS_PR_PASS
		      : in_list(partial, value, strlen(value), true) ? MLPS_PR_PARTIAL : MLPS_PR_FAIL;
	} else if (min_s || max_s) {
		long v;

		if (!parse_long(value, strlen(value), &v))
			res = MLPS_PR_FAIL;
		else
			res = (!min_s || v >= strtol(min_s, NULL, 10)) && (!max_s || v <= strtol(max_s, NULL, 10))
			      ? MLPS_PR_PASS : MLPS_PR_FAIL;
	} else if (forbid->n || discourage->n) {
		if (value_item_hit(value, forbid, x, "weak"))
			res = MLPS_PR_FAIL;
		else if (value_item_hit(value, discourage, x, "discouraged"))
			res = MLPS_PR_PARTIAL;
		else
			res = MLPS_PR_PASS;
	} else if (contains->n) {
		res = MLPS_PR_FAIL;
		for (i = 0; i < contains->n; i++)
			if (strstr(value, contains->v[i]))
				res = MLPS_PR_PASS;
	} else {
		res = MLPS_PR_PASS;
	}
out:
	free(effective);
	free(f.value);
	free(f.file);
	free(f.text);
	strbuf_release(&w.includes);
	return res;
out_nc:
	res = MLPS_PR_NOT_CHECKED;
	goto out;
}

/* pam */

struct pam_walk {
	struct ctx *x;
	const char *type;
	const struct mlps_check_arg *modules;
	int depth;
	const char *file;
	bool found;
	char *args;             /* the module line's arguments */
	char *where;            /* file */
	unsigned line;
	char *text;
	bool denied;
};

static void pam_service(struct pam_walk *w, const char *service);

static int pam_line_cb(const struct pam_line *l, void *vctx)
{
	struct pam_walk *w = vctx;
	const char *base;
	size_t blen;

	if (w->found)
		return 1;
	if (l->include) {
		if (!*l->type || mem_eq(l->type, l->type_len, w->type)) {
			char *svc = mlps_strndup(l->module, l->module_len);
			const char *saved = w->file;

			if (!strchr(svc, '/') && w->depth < MAX_INCLUDE_DEPTH) {
				w->depth++;
				pam_service(w, svc);
				w->depth--;
			}
			w->file = saved;
			free(svc);
		}
		return w->found;
	}
	if (!mem_eq(l->type, l->type_len, w->type))
		return 0;
	base = l->module;
	blen = l->module_len;
	{
		const char *sl = memrchr(base, '/', blen);

		if (sl) {
			blen -= (size_t)(sl + 1 - base);
			base = sl + 1;
		}
	}
	if (in_list(w->modules, base, blen, false)) {
		w->found = true;
		w->args = mlps_strndup(l->args ? l->args : "", l->args_len);
		w->where = mlps_strdup(w->file);
		w->line = l->line;
		w->text = mlps_strndup(l->text, l->text_len);
		return 1;
	}
	return 0;
}

static void pam_service(struct pam_walk *w, const char *service)
{
	struct strbuf path = STRBUF_INIT;
	char *buf;
	size_t len;
	enum fsr_rc rc;

	strbuf_addf(&path, "/etc/pam.d/%s", service);
	rc = fsr_read(&w->x->fs, path.buf, &buf, &len);
	if (rc == FSR_OK) {
		const char *saved = w->file;

		w->file = path.buf;
		pam_parse(buf, len, pam_line_cb, w);
		w->file = saved;
		free(buf);
	} else if (note_rc(w->x, path.buf, rc)) {
		w->denied = true;
	}
	strbuf_release(&path);
}

struct conf_lookup {
	const char *name;
	char *value;
	unsigned line;
	char *text;
};

static int conf_cb(const struct cfg_line *l, void *vctx)
{
	struct conf_lookup *cl = vctx;

	if (mem_eq(l->key, l->key_len, cl->name)) {
		free(cl->value);
		free(cl->text);
		cl->value = mlps_strndup(l->val, l->val_len);
		cl->text = mlps_strndup(l->text, l->text_len);
		cl->line = l->line;
	}
	return 0;
}

/*
 * An option of a PAM module: its argument on the module line, else the
 * module's conf files (last wins), else the check's default. *src names
 * where it came from for the evidence.
 */
static bool pam_option(struct ctx *x, const struct pam_walk *w, const struct mlps_check *c, const char *name,
		       long *out, struct strbuf *src)
{
	const char *v;
	size_t vl, i;
	const struct mlps_check_arg *conf = arg(c, "conf"), *defaults = arg(c, "defaults");
	bool got = false;

	if (pam_arg(w->args, strlen(w->args), name, &v, &vl)) {
		strbuf_addf(src, "%s:%u", w->where, w->line);
		return parse_long(v, vl, out);
	}
	for (i = 0; i < conf->n; i++) {
		char **files;
		size_t n, j;

		if (fsr_expand(&x->fs, conf->v[i], false, &files, &n) != FSR_OK)
			continue;
		for (j = 0; j < n; j++) {
			char *buf;
			size_t len;
			struct conf_lookup cl = { name, NULL, 0, NULL };
			enum fsr_rc rc = fsr_read(&x->fs, files[j], &buf, &len);

			if (rc != FSR_OK) {
				note_rc(x, files[j], rc);
				continue;
			}
			cfg_parse(CFG_EQUALS, buf, len, NULL, conf_cb, &cl);
			free(buf);
			if (cl.value && parse_long(cl.value, strlen(cl.value), out)) {
				strbuf_reset(src);
				strbuf_addf(src, "%s:%u", files[j], cl.line);
				ev_line(x, files[j], cl.line, cl.text, strlen(cl.text));
				got = true;
			}
			free(cl.value);
			free(cl.text);
		}
		fsr_free_list(files, n);
	}
	if (got)
		return true;
	for (i = 0; i < defaults->n; i++) {
		const char *eq = strchr(defaults->v[i], '=');

		if (eq && mem_eq(defaults->v[i], (size_t)(eq - defaults->v[i]), name)) {
			strbuf_adds(src, "the module's default");
			*out = strtol(eq + 1, NULL, 10);
			return true;
		}
	}
	return false;
}

static enum mlps_probe_result p_pam(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *services = arg(c, "services"), *mins = arg(c, "min"), *maxs = arg(c, "max");
	enum mlps_probe_result worst = MLPS_PR_PASS;
	size_t i, j, seen = 0;
	bool denied = false;

	for (i = 0; i < services->n; i++) {
		struct pam_walk w;
		struct stat st;
		struct strbuf path = STRBUF_INIT;
		enum fsr_rc rc;
		size_t met = 0, total = mins->n + maxs->n;

		strbuf_addf(&path, "/etc/pam.d/%s", services->v[i]);
		rc = fsr_stat(&x->fs, path.buf, false, &st);
		strbuf_release(&path);
		if (rc != FSR_OK) {
			denied |= note_rc(x, services->v[i], rc);
			continue;
		}
		seen++;
		memset(&w, 0, sizeof(w));
		w.x = x;
		w.type = mlps_check_str(c, "type");
		w.modules = arg(c, "modules");
		pam_service(&w, services->v[i]);
		if (!w.found) {
			struct strbuf mods = STRBUF_INIT;

			for (j = 0; j < w.modules->n; j++)
				strbuf_addf(&mods, "%s%s", j ? " or " : "", w.modules->v[j]);
			evf(x, "/etc/pam.d/", "%s: no %s in its %s stack", services->v[i], mods.buf, w.type);
			strbuf_release(&mods);
			if (w.denied)
				denied = true;
			else
				worst = MLPS_PR_FAIL;
			continue;
		}
		ev_line(x, w.where, w.line, w.text, strlen(w.text));
		for (j = 0; j < mins->n + maxs->n; j++) {
			const char *spec = j < mins->n ? mins->v[j] : maxs->v[j - mins->n];
			const char *eq = strchr(spec, '=');
			char *name = mlps_strndup(spec, (size_t)(eq - spec));
			long want = strtol(eq + 1, NULL, 10), have;
			struct strbuf src = STRBUF_INIT;

			if (!pam_option(x, &w, c, name, &have, &src)) {
				evf(x, "", "%s not set", name);
			} else {
				bool ok = j < mins->n ? have >= want : (have >= 1 && have <= want);

				evf(x, "", "%s=%ld (%s): %s %s %ld", name, have, src.buf, ok ? "meets" : "misses",
				    j < mins->n ? ">=" : "<=", want);
				met += ok;
			}
			free(name);
			strbuf_release(&src);
		}
		if (met < total && worst == MLPS_PR_PASS)
			worst = MLPS_PR_PARTIAL;
		free(w.args);
		free(w.where);
		free(w.text);
	}
	if (!seen) {
		if (!denied)
			whyf(x, "none of the PAM services %s%s exists in /etc/pam.d", services->v[0],
			     services->n > 1 ? " ..." : "");
		return MLPS_PR_NOT_CHECKED;
	}
	if (denied && worst == MLPS_PR_PASS)
		return MLPS_PR_NOT_CHECKED;
	return worst;
}

/* accounts */

static enum mlps_probe_result p_accounts(struct ctx *x, const struct mlps_check *c)
{
	const char *test = mlps_check_str(c, "test");
	long uid_min = num_arg(c, "uid_min", 1000), max_days = num_arg(c, "max_days", 90);
	const struct mlps_check_arg *names = arg(c, "names");
	size_t i, j, bad = 0, considered = 0;
	bool need_shadow = !strcmp(test, "empty-password") || !strcmp(test, "ageing");

	load_accounts(x);
	if (x->passwd_rc != FSR_OK) {
		whyf(x, "/etc/passwd: %s", fsr_rc_text(x->passwd_rc));
		return MLPS_PR_NOT_CHECKED;
	}
	for (i = 0; i < x->n_acc; i++) {
		const struct account *a = &x->acc[i];

		if (!strcmp(test, "uid0")) {
			if (a->uid == 0 && strcmp(a->name, "root")) {
				evf(x, "/etc/passwd", "line %u: %s has uid 0", a->line, a->name);
				bad++;
			}
		} else if (!strcmp(test, "duplicate-uid")) {
			for (j = 0; j < i; j++)
				if (x->acc[j].uid == a->uid) {
					evf(x, "/etc/passwd", "line %u: %s has uid %ld, as %s does", a->line, a->name,
					    a->uid, x->acc[j].name);
					bad++;
					break;
				}
		} else if (!strcmp(test, "empty-password")) {
			if (!*a->pw) {
				evf(x, "/etc/passwd", "line %u: %s has an empty password field", a->line, a->name);
				bad++;
			} else if (a->hash && !*a->hash) {
				evf(x, "/etc/shadow", "line %u: %s has an empty password", a->sline, a->name);
				bad++;
			}
		} else if (!strcmp(test, "system-shell")) {
			if (a->uid != 0 && a->uid < uid_min && login_shell(a->shell)) {
				evf(x, "/etc/passwd", "line %u: system account %s (uid %ld) has the login shell %s", a->line,
				    a->name, a->uid, a->shell);
				bad++;
			}
		} else if (!strcmp(test, "ageing")) {
			if (usable_hash(a->hash)) {
				considered++;
				if (a->max_days < 0 || a->max_days > max_days) {
					evf(x, "/etc/shadow", "line %u: %s: maximum password age %s%ld days", a->sline,
					    a->name, a->max_days < 0 ? "unset, " : "",
					    a->max_days < 0 ? 0L : a->max_days);
					bad++;
				} else {
					evf(x, "/etc/shadow", "line %u: %s: maximum password age %ld days", a->sline,
					    a->name, a->max_days);
				}
			}
		} else if (!strcmp(test, "named")) {
			if (!in_list(names, a->name, strlen(a->name), false))
				continue;
			if (!*a->pw || (a->hash && !*a->hash)) {
				evf(x, "/etc/passwd", "line %u: default account %s is usable (no password at all)", a->line,
				    a->name);
				bad++;
			} else if (usable_hash(a->hash) || (!a->hash && login_shell(a->shell))) {
				evf(x, "/etc/passwd", "line %u: default account %s is usable (%s)", a->line, a->name,
				    a->hash ? "has a password" : "login shell; shadow not read");
				bad++;
			} else {
				evf(x, "/etc/passwd", "line %u: default account %s exists but is locked", a->line, a->name);
			}
		}
	}
	if (need_shadow && x->shadow_rc != FSR_OK && !bad) {
		whyf(x, "/etc/shadow: %s", fsr_rc_text(x->shadow_rc));
		return MLPS_PR_NOT_CHECKED;
	}
	if (!strcmp(test, "ageing") && bad && bad < considered)
		return MLPS_PR_PARTIAL;
	if (!bad && !x->ev_lines)
		evf(x, "/etc/passwd", "%zu accounts, none affected", x->n_acc);
	return bad ? MLPS_PR_FAIL : MLPS_PR_PASS;
}

/* audit rules */

struct audit_walk {
	struct ctx *x;
	const char *file;
	const struct mlps_check_arg *watch;
	bool *covered;
	bool immutable;
	unsigned imm_line;
	size_t rules;
};

static bool path_covers(const char *rule, size_t rl, const char *target)
{
	size_t tl = strlen(target);

	while (rl > 1 && rule[rl - 1] == '/')
		rl--;
	if (rl == tl && !memcmp(rule, target, rl))
		return true;
	return rl < tl && !memcmp(rule, target, rl) && target[rl] == '/';
}

static int audit_cb(const struct tokens *t, void *vctx)
{
	struct audit_walk *w = vctx;
	size_t i, k;
	bool hit = false;

	w->rules++;
	for (i = 0; i < t->n; i++) {
		const char *p = NULL;
		size_t pl = 0;

		if (mem_eq(t->p[i], t->len[i], "-e") && i + 1 < t->n) {
			w->immutable = mem_eq(t->p[i + 1], t->len[i + 1], "2");
			w->imm_line = t->line;
			if (w->immutable)
				ev_line(w->x, w->file, t->line, t->text, t->text_len);
		}
		if (mem_eq(t->p[i], t->len[i], "-w") && i + 1 < t->n) {
			p = t->p[i + 1];
			pl = t->len[i + 1];
		} else if (mem_eq(t->p[i], t->len[i], "-F") && i + 1 < t->n &&
			   ((t->len[i + 1] > 5 && !memcmp(t->p[i + 1], "path=", 5)) ||
			    (t->len[i + 1] > 4 && !memcmp(t->p[i + 1], "dir=", 4)))) {
			size_t skip = t->p[i + 1][0] == 'p' ? 5 : 4;

			p = t->p[i + 1] + skip;
			pl = t->len[i + 1] - skip;
		}
		if (!p)
			continue;
		for (k = 0; k < w->watch->n; k++)
			if (path_covers(p, pl, w->watch->v[k])) {
				if (!w->covered[k])
					hit = true;
				w->covered[k] = true;
			}
	}
	if (hit)
		ev_line(w->x, w->file, t->line, t->text, t->text_len);
	return 0;
}

static void audit_file(const char *path, const char *buf, size_t len, void *ctx)
{
	struct audit_walk *w = ctx;

	w->file = path;
	audit_parse(buf, len, audit_cb, w);
}

static enum mlps_probe_result p_audit(struct ctx *x, const struct mlps_check *c)
{
	static const char *const dflt_v[] = { "/etc/audit/audit.rules", "/etc/audit/rules.d/*.rules" };
	static const struct mlps_check_arg dflt = { "files", dflt_v, 2 };
	const struct mlps_check_arg *files = mlps_check_get(c, "files") ? arg(c, "files") : &dflt;
	const char *match = mlps_check_str(c, "match");
	struct audit_walk w;
	size_t i, n_cov = 0;
	bool denied = false;

	memset(&w, 0, sizeof(w));
	w.x = x;
	w.watch = arg(c, "watch");
	w.covered = mlps_calloc(w.watch->n ? w.watch->n : 1, sizeof(bool));
	if (!read_each(x, files, audit_file, &w, &denied)) {
		free(w.covered);
		if (denied)
			return MLPS_PR_NOT_CHECKED;
		evf(x, files->v[0], "no audit rules file");
		return MLPS_PR_FAIL;
	}
	for (i = 0; i < w.watch->n; i++) {
		n_cov += w.covered[i];
		if (!w.covered[i] && (!match || strcmp(match, "any")))
			evf(x, "audit rules", "no rule watches %s", w.watch->v[i]);
	}
	free(w.covered);
	if (match && !strcmp(match, "any") && !n_cov)
		evf(x, "audit rules", "no rule watches %s%s", w.watch->v[0], w.watch->n > 1 ? " or the other paths" : "");
	if (mlps_check_str(c, "immutable")) {
		if (!w.immutable)
			evf(x, "audit rules", "no '-e 2': the rules can be changed without a reboot");
		return w.immutable ? MLPS_PR_PASS : denied ? MLPS_PR_NOT_CHECKED : MLPS_PR_FAIL;
	}
	if (match && !strcmp(match, "any"))
		return n_cov ? MLPS_PR_PASS : denied ? MLPS_PR_NOT_CHECKED : MLPS_PR_FAIL;
	if (n_cov == w.watch->n)
		return MLPS_PR_PASS;
	return n_cov ? MLPS_PR_PARTIAL : denied ? MLPS_PR_NOT_CHECKED : MLPS_PR_FAIL;
}

/* sudoers */

struct sudo_walk {
	struct ctx *x;
	const char *file;
	int depth;
	bool nopasswd_all, user_all, no_auth, denied;
	size_t n_files;
};

static void sudo_file(struct sudo_walk *w, const char *path);

static int sudo_cb(const struct sudo_line *l, void *vctx)
{
	struct sudo_walk *w = vctx;

	switch (l->kind) {
	case SUDO_INCLUDE:
	case SUDO_INCLUDEDIR:
		if (w->depth < MAX_INCLUDE_DEPTH && *l->arg) {
			struct strbuf p = STRBUF_INIT;
			const char *saved = w->file;

			if (l->arg[0] != '/') {
				const char *sl = strrchr(w->file, '/');

				strbuf_add(&p, w->file, sl ? (size_t)(sl - w->file + 1) : 0);
			}
			strbuf_adds(&p, l->arg);
			w->depth++;
			if (l->kind == SUDO_INCLUDEDIR) {
				char **v;
				size_t n, i;

				/* sudo skips names with a '.' or ending in '~' in an includedir. */
				if (fsr_expand(&w->x->fs, p.buf, true, &v, &n) == FSR_OK) {
					for (i = 0; i < n; i++) {
						const char *b = strrchr(v[i], '/');

						if (!strchr(b ? b + 1 : v[i], '.'))
							sudo_file(w, v[i]);
					}
					fsr_free_list(v, n);
				}
			} else {
				sudo_file(w, p.buf);
			}
			w->depth--;
			w->file = saved;
			strbuf_release(&p);
		}
		break;
	case SUDO_DEFAULTS:
		if (strstr(l->text, "!authenticate")) {
			ev_line(w->x, w->file, l->line, l->text, strlen(l->text));
			w->no_auth = true;
		}
		break;
	case SUDO_ALIAS:
		break;
	case SUDO_SPEC: {
		bool full, nopw;

		if (!strcmp(l->arg, "root"))
			break;
		sudo_spec_grants(l->rest, &full, &nopw);
		if (nopw)
			w->nopasswd_all = true;
		if (full && l->arg[0] != '%')
			w->user_all = true;
		if (full)
			ev_line(w->x, w->file, l->line, l->text, strlen(l->text));
		break;
	}
	}
	return 0;
}

static void sudo_file(struct sudo_walk *w, const char *path)
{
	char *buf;
	size_t len;
	enum fsr_rc rc = fsr_read(&w->x->fs, path, &buf, &len);

	if (rc != FSR_OK) {
		w->denied |= note_rc(w->x, path, rc);
		return;
	}
	w->n_files++;
	w->file = path;
	sudo_parse(buf, len, sudo_cb, w);
	free(buf);
}

static enum mlps_probe_result p_sudoers(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *files = arg(c, "files");
	struct sudo_walk w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.x = x;
	if (!files->n)
		sudo_file(&w, "/etc/sudoers");
	for (i = 0; i < files->n; i++)
		sudo_file(&w, files->v[i]);
	if (w.denied && !w.nopasswd_all && !w.no_auth)
		return MLPS_PR_NOT_CHECKED;
	if (!w.n_files) {
		evf(x, "/etc/sudoers", "absent: sudo grants nothing");
		return MLPS_PR_PASS;
	}
	if (w.nopasswd_all || w.no_auth) {
		evf(x, "sudoers", "full rights without a password");
		return MLPS_PR_FAIL;
	}
	if (w.user_all) {
		evf(x, "sudoers", "individual users hold ALL rather than the commands their role needs");
		return MLPS_PR_PARTIAL;
	}
	if (!x->ev_lines)
		evf(x, "sudoers", "no grant of ALL besides root");
	return MLPS_PR_PASS;
}

/* logrotate */

static void lr_include(const char *path, struct lr_state *st, void *vctx);

static void lr_file(struct ctx *x, struct lr_state *st, const char *path, int depth)
{
	char *buf;
	size_t len;
	enum fsr_rc rc = fsr_read(&x->fs, path, &buf, &len);

	if (rc != FSR_OK) {
		note_rc(x, path, rc);
		return;
	}
	lr_parse(st, path, buf, len, depth, lr_include, x);
	free(buf);
}

static void lr_include(const char *path, struct lr_state *st, void *vctx)
{
	struct ctx *x = vctx;
	struct stat sb;
	char **v;
	size_t n, i;

	if (fsr_stat(&x->fs, path, false, &sb) != FSR_OK || x->lr_depth >= MAX_INCLUDE_DEPTH)
		return;
	x->lr_depth++;
	if (S_ISDIR(sb.st_mode)) {
		if (fsr_expand(&x->fs, path, true, &v, &n) == FSR_OK) {
			for (i = 0; i < n; i++)
				lr_file(x, st, v[i], x->lr_depth);
			fsr_free_list(v, n);
		}
	} else {
		lr_file(x, st, path, x->lr_depth);
	}
	x->lr_depth--;
}

static enum mlps_probe_result p_logrotate(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *files = arg(c, "files"), *logs = arg(c, "logs");
	long min_days = num_arg(c, "min_days", 180);
	struct lr_state st;
	enum mlps_probe_result res = MLPS_PR_PARTIAL;
	size_t i, j, k;
	bool matched = false;

	lr_init(&st);
	if (!files->n)
		lr_file(x, &st, "/etc/logrotate.conf", 0);
	for (i = 0; i < files->n; i++)
		lr_file(x, &st, files->v[i], 0);
	for (i = 0; i < logs->n && !matched; i++)
		for (j = 0; j < st.n_stanzas && !matched; j++)
			for (k = 0; k < st.stanzas[j].n_patterns; k++) {
				const struct lr_stanza *z = &st.stanzas[j];
				const struct lr_settings *s = &z->s;
				long days;

				if (fnmatch(z->patterns[k], logs->v[i], 0) != 0)
					continue;
				matched = true;
				if (s->period == 0 && s->size_only) {
					evf(x, z->file, "line %u: %s rotated by size only: retention depends on volume",
					    z->line, logs->v[i]);
					res = MLPS_PR_PARTIAL;
					break;
				}
				days = (long)(s->rotate < 0 ? 0 : s->rotate) + 1;
				days = s->period < 0 ? days / 24 : days * (s->period ? s->period : 1);
				if (s->maxage >= 0 && s->maxage < days)
					days = s->maxage;
				evf(x, z->file, "line %u: %s kept about %ld days (rotate %d, %s%s)", z->line, logs->v[i],
				    days, s->rotate < 0 ? 0 : s->rotate,
				    s->period == 1 ? "daily" : s->period == 7 ? "weekly" : s->period == 31 ? "monthly"
				    : s->period == 366 ? "yearly" : s->period < 0 ? "hourly" : "each run",
				    s->maxage >= 0 ? ", maxage" : "");
				res = days >= min_days ? MLPS_PR_PASS : MLPS_PR_FAIL;
				break;
			}
	if (!matched) {
		if (x->why.len && !st.n_stanzas) {
			res = MLPS_PR_NOT_CHECKED;
		} else {
			evf(x, files->n ? files->v[0] : "/etc/logrotate.conf", "no rotation rule for %s%s: retention "
			    "is not set by logrotate", logs->v[0], logs->n > 1 ? " or the other logs named" : "");
		}
	}
	lr_release(&st);
	return res;
}

/* text: lines (not comments) holding any of the strings */
struct text_walk {
	struct ctx *x;
	const struct mlps_check_arg *any;
	size_t hits;
};

static void text_file(const char *path, const char *buf, size_t len, void *ctx)
{
	struct text_walk *w = ctx;
	const char *p = buf, *end = buf + len;
	unsigned ln = 0;
	size_t k;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *s = p, *e = nl ? nl : end;

		ln++;
		p = nl ? nl + 1 : end;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s == e || *s == '#')
			continue;
		for (k = 0; k < w->any->n; k++)
			if (memmem(s, (size_t)(e - s), w->any->v[k], strlen(w->any->v[k]))) {
				ev_line(w->x, path, ln, s, (size_t)(e - s));
				w->hits++;
				break;
			}
	}
}

static enum mlps_probe_result p_text(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *files = arg(c, "files");
	const char *want = mlps_check_str(c, "want");
	bool absent = want && !strcmp(want, "absent"), denied = false;
	struct text_walk w = { x, arg(c, "any"), 0 };
	size_t readable = read_each(x, files, text_file, &w, &denied);

	if (!w.hits) {
		if (denied)
			return MLPS_PR_NOT_CHECKED;
		evf(x, files->v[0], "%s", readable ? "no matching line" : "no such file");
	}
	return (w.hits > 0) != absent ? MLPS_PR_PASS : MLPS_PR_FAIL;
}

/* live state: sockets and processes */

static bool live_check(struct ctx *x)
{
	if (x->have_proc)
		return true;
	whyf(x, "live-only probe: --root shows files, not the running state of that host");
	return false;
}

static void parse_net(struct ctx *x, const char *proto, bool v6, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	bool header = true;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char line[512];
		size_t n = (size_t)((nl ? nl : end) - p);
		char local[64];
		unsigned st, port;
		int cnt;

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		if (header) {
			header = false;
			continue;
		}
		cnt = sscanf(line, " %*u: %63[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x", local, &port, &st);
		if (cnt != 3 || port == 0 || port > 65535)
			continue;
		/* TCP LISTEN is 0A; a bound UDP socket without a peer shows 07. */
		if ((proto[0] == 't' && st != 0x0A) || (proto[0] == 'u' && st != 0x07))
			continue;
		{
			struct listener l;
			size_t i;

			memset(&l, 0, sizeof(l));
			snprintf(l.proto, sizeof(l.proto), "%s", proto);
			l.port = port;
			if (!v6 && strlen(local) == 8) {
				unsigned long a = strtoul(local, NULL, 16);

				snprintf(l.addr, sizeof(l.addr), "%lu.%lu.%lu.%lu", a & 255, (a >> 8) & 255,
					 (a >> 16) & 255, (a >> 24) & 255);
				l.loopback = (a & 255) == 127;
			} else if (v6 && strlen(local) == 32) {
				/* Four little-endian words: ::1 is ...00000000 01000000. */
				l.loopback = !strcmp(local, "00000000000000000000000001000000") ||
					     (!strncmp(local, "0000000000000000FFFF0000", 24) &&
					      !strncmp(local + 30, "7F", 2));
				snprintf(l.addr, sizeof(l.addr), "%s", !strcmp(local, "00000000000000000000000000000000")
					 ? "[::]" : l.loopback ? "[::1]" : "[v6]");
			} else {
				continue;
			}
			for (i = 0; i < x->n_socks; i++)
				if (!strcmp(x->socks[i].proto, l.proto) && x->socks[i].port == l.port &&
				    !strcmp(x->socks[i].addr, l.addr))
					break;
			if (i < x->n_socks)
				continue;
			x->socks = mlps_realloc(x->socks, (x->n_socks + 1) * sizeof(*x->socks));
			x->socks[x->n_socks++] = l;
		}
	}
}

static void load_sockets(struct ctx *x)
{
	static const struct {
		const char *file, *proto;
		bool v6;
	} tables[] = {
		{ "/proc/net/tcp", "tcp", false }, { "/proc/net/tcp6", "tcp", true },
		{ "/proc/net/udp", "udp", false }, { "/proc/net/udp6", "udp", true },
	};
	size_t i;

	if (x->sock_loaded)
		return;
	x->sock_loaded = true;
	x->sock_rc = FSR_MISSING;
	for (i = 0; i < 4; i++) {
		char *buf;
		size_t len;
		enum fsr_rc rc = fsr_read(&x->procfs, tables[i].file, &buf, &len);

		if (rc != FSR_OK)
			continue;
		x->sock_rc = FSR_OK;
		parse_net(x, tables[i].proto, tables[i].v6, buf, len);
		free(buf);
	}
}

/* "22" (tcp and udp), "tcp/22", "udp/123" */
static bool port_listed(const char *const *v, size_t n, const struct listener *l)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = v[i], *sl = strchr(s, '/');

		if (sl && (size_t)(sl - s) == strlen(l->proto) && !strncmp(s, l->proto, (size_t)(sl - s)))
			s = sl + 1;
		else if (sl)
			continue;
		if (strtoul(s, NULL, 10) == l->port)
			return true;
	}
	return false;
}

static enum mlps_probe_result p_sockets(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *allow = arg(c, "allow"), *deny = arg(c, "deny");
	size_t i, bad = 0, open = 0;

	if (!live_check(x))
		return MLPS_PR_NOT_CHECKED;
	load_sockets(x);
	if (x->sock_rc != FSR_OK) {
		whyf(x, "/proc/net/tcp: %s", fsr_rc_text(x->sock_rc));
		return MLPS_PR_NOT_CHECKED;
	}
	for (i = 0; i < x->n_socks; i++) {
		const struct listener *l = &x->socks[i];

		if (l->loopback)
			continue;
		open++;
		if (deny->n && port_listed(deny->v, deny->n, l)) {
			evf(x, "/proc/net", "%s %s:%u listening: an insecure service's port", l->proto, l->addr, l->port);
			bad++;
		} else if (allow->n && !port_listed(allow->v, allow->n, l) &&
			   !port_listed(x->o->allow, x->o->n_allow, l)) {
			evf(x, "/proc/net", "%s %s:%u listening, not in the allow-list", l->proto, l->addr, l->port);
			bad++;
		} else if (allow->n) {
			evf(x, "/proc/net", "%s %s:%u listening (allowed)", l->proto, l->addr, l->port);
		}
	}
	if (!bad && !x->ev_lines)
		evf(x, "/proc/net", "%zu sockets listening beyond loopback, none %s", open,
		    deny->n ? "on an insecure service's port" : "outside the allow-list");
	return bad ? MLPS_PR_FAIL : MLPS_PR_PASS;
}

static void load_procs(struct ctx *x)
{
	char **v;
	size_t n, i;

	if (x->proc_loaded)
		return;
	x->proc_loaded = true;
	if (fsr_expand(&x->procfs, "/proc/[0-9]*", false, &v, &n) != FSR_OK)
		return;
	for (i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		char *buf;
		size_t len;

		strbuf_addf(&p, "%s/comm", v[i]);
		if (fsr_read(&x->procfs, p.buf, &buf, &len) == FSR_OK) {
			struct strbuf e = STRBUF_INIT;

			while (len && (buf[len - 1] == '\n'))
				len--;
			strbuf_addf(&e, "%s\t", v[i] + 6);
			strbuf_add(&e, buf, len);
			x->procs = mlps_realloc(x->procs, (x->n_procs + 1) * sizeof(*x->procs));
			x->procs[x->n_procs++] = strbuf_detach(&e, NULL);
			free(buf);
		}
		strbuf_release(&p);
	}
	fsr_free_list(v, n);
}

static enum mlps_probe_result p_processes(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *names = arg(c, "names");
	const char *want = mlps_check_str(c, "want");
	bool absent = want && !strcmp(want, "absent");
	size_t i, j, hits = 0;

	if (!live_check(x))
		return MLPS_PR_NOT_CHECKED;
	load_procs(x);
	if (!x->n_procs) {
		whyf(x, "/proc: no process readable");
		return MLPS_PR_NOT_CHECKED;
	}
	for (i = 0; i < x->n_procs; i++) {
		const char *comm = strchr(x->procs[i], '\t') + 1;

		for (j = 0; j < names->n; j++)
			/* comm is cut at 15 bytes */
			if (!strncmp(comm, names->v[j], 15) && strlen(comm) == (strlen(names->v[j]) > 15 ? 15
										: strlen(names->v[j]))) {
				evf(x, "/proc", "pid %.*s: %s running", (int)(comm - 1 - x->procs[i]), x->procs[i], comm);
				hits++;
				break;
			}
	}
	if (!hits)
		evf(x, "/proc", "none of %s%s running among %zu processes", names->v[0], names->n > 1 ? " ..." : "",
		    x->n_procs);
	return (hits > 0) != absent ? MLPS_PR_PASS : MLPS_PR_FAIL;
}

/* packages (dpkg) */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_dpkg(struct ctx *x)
{
	char *buf;
	size_t len, cap = x->fs.cap;
	const char *p, *end;
	char pkg[256] = "", ver[128] = "";
	bool installed = false;

	if (x->dpkg_loaded)
		return;
	x->dpkg_loaded = true;
	x->fs.cap = DPKG_CAP;
	x->dpkg_rc = fsr_read(&x->fs, "/var/lib/dpkg/status", &buf, &len);
	x->fs.cap = cap;
	if (x->dpkg_rc != FSR_OK)
		return;
	p = buf;
	end = buf + len;
	for (;;) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - p);

		if (p >= end || n == 0) {
			if (*pkg && installed) {
				struct strbuf sb = STRBUF_INIT;

				strbuf_addf(&sb, "%s\t%s", pkg, ver);
				x->pkgs = mlps_realloc(x->pkgs, (x->n_pkgs + 1) * sizeof(*x->pkgs));
				x->pkgs[x->n_pkgs++] = strbuf_detach(&sb, NULL);
			}
			pkg[0] = ver[0] = '\0';
			installed = false;
			if (p >= end)
				break;
		} else if (n > 9 && !memcmp(p, "Package: ", 9) && n - 9 < sizeof(pkg)) {
			memcpy(pkg, p + 9, n - 9);
			pkg[n - 9] = '\0';
		} else if (n > 9 && !memcmp(p, "Version: ", 9) && n - 9 < sizeof(ver)) {
			memcpy(ver, p + 9, n - 9);
			ver[n - 9] = '\0';
		} else if (n > 8 && !memcmp(p, "Status: ", 8)) {
			installed = n >= 8 + 13 && !memcmp(e - 13, "ok installed", 12) ? true
				    : (n >= 10 && !memcmp(e - 9, "installed", 9) && memmem(p, n, " ok ", 4));
		}
		p = nl ? nl + 1 : end;
	}
	free(buf);
	if (x->n_pkgs > 1)
		qsort(x->pkgs, x->n_pkgs, sizeof(*x->pkgs), cmp_str);
}

static enum mlps_probe_result p_packages(struct ctx *x, const struct mlps_check *c)
{
	const struct mlps_check_arg *names = arg(c, "names");
	const char *want = mlps_check_str(c, "want");
	bool absent = want && !strcmp(want, "absent");
	size_t i, j, hits = 0;

	load_dpkg(x);
	if (x->dpkg_rc != FSR_OK) {
		whyf(x, "/var/lib/dpkg/status: %s%s", fsr_rc_text(x->dpkg_rc),
		     x->dpkg_rc == FSR_MISSING ? " (not a Debian-family system; the rpm database is not read)" : "");
		return MLPS_PR_NOT_CHECKED;
	}
	for (i = 0; i < x->n_pkgs; i++) {
		const char *tab = strchr(x->pkgs[i], '\t');
		char *name = mlps_strndup(x->pkgs[i], (size_t)(tab - x->pkgs[i]));

		for (j = 0; j < names->n; j++)
			if (fnmatch(names->v[j], name, 0) == 0) {
				evf(x, "/var/lib/dpkg/status", "%s %s installed", name, tab + 1);
				hits++;
				break;
			}
		free(name);
	}
	if (!hits)
		evf(x, "/var/lib/dpkg/status", "none of %s%s installed (%zu packages)", names->v[0],
		    names->n > 1 ? " ..." : "", x->n_pkgs);
	return (hits > 0) != absent ? MLPS_PR_PASS : MLPS_PR_FAIL;
}

/* LSM and IMA from /sys */

static enum fsr_rc sys_read(struct ctx *x, const char *path, char *out, size_t size)
{
	char *buf;
	size_t len;
	enum fsr_rc rc = fsr_read(&x->fs, path, &buf, &len);

	if (rc != FSR_OK)
		return rc;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(out, buf, len);
	out[len] = '\0';
	free(buf);
	return FSR_OK;
}

static bool sys_visible(struct ctx *x, const char *dir)
{
	struct stat st;

	if (fsr_stat(&x->fs, dir, false, &st) == FSR_OK)
		return true;
	whyf(x, "%s is not in the tree: kernel state is visible on the running host only", dir);
	return false;
}

static enum mlps_probe_result p_lsm(struct ctx *x, const struct mlps_check *c)
{
	char v[64];
	enum fsr_rc rc;
	char *buf;
	size_t len;

	(void)c;
	if (!sys_visible(x, "/sys/kernel"))
		return MLPS_PR_NOT_CHECKED;
	if (sys_read(x, "/sys/fs/selinux/enforce", v, sizeof(v)) == FSR_OK) {
		evf(x, "/sys/fs/selinux/enforce", "%s (%s)", v, !strcmp(v, "1") ? "enforcing" : "permissive");
		return !strcmp(v, "1") ? MLPS_PR_PASS : MLPS_PR_PARTIAL;
	}
	if (sys_read(x, "/sys/module/apparmor/parameters/enabled", v, sizeof(v)) != FSR_OK || strcmp(v, "Y")) {
		evf(x, "/sys", "neither SELinux nor AppArmor is enabled");
		return MLPS_PR_FAIL;
	}
	evf(x, "/sys/module/apparmor/parameters/enabled", "Y");
	rc = fsr_read(&x->fs, "/sys/kernel/security/apparmor/profiles", &buf, &len);
	if (rc != FSR_OK) {
		whyf(x, "AppArmor is enabled; /sys/kernel/security/apparmor/profiles: %s", fsr_rc_text(rc));
		return MLPS_PR_NOT_CHECKED;
	}
	{
		size_t enforce = 0, complain = 0;
		const char *p = buf, *end = buf + len;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;

			if (memmem(p, (size_t)(e - p), "(enforce)", 9))
				enforce++;
			else if (memmem(p, (size_t)(e - p), "(complain)", 10))
				complain++;
			p = nl ? nl + 1 : end;
		}
		free(buf);
		evf(x, "/sys/kernel/security/apparmor/profiles", "%zu profiles enforced, %zu in complain mode",
		    enforce, complain);
		return enforce ? MLPS_PR_PASS : MLPS_PR_PARTIAL;
	}
}

static enum mlps_probe_result p_ima(struct ctx *x, const struct mlps_check *c)
{
	const char *what = mlps_check_str(c, "what");
	char v[64];
	enum fsr_rc rc;

	if (!strcmp(what, "secureboot")) {
		char *buf;
		size_t len;
		struct stat st;

		if (!sys_visible(x, "/sys/firmware"))
			return MLPS_PR_NOT_CHECKED;
		if (fsr_stat(&x->fs, "/sys/firmware/efi", false, &st) != FSR_OK) {
			evf(x, "/sys/firmware/efi", "absent: booted without UEFI, so without secure boot");
			return MLPS_PR_FAIL;
		}
		rc = fsr_read(&x->fs, "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c",
			      &buf, &len);
		if (rc == FSR_MISSING) {
			evf(x, "/sys/firmware/efi/efivars", "no SecureBoot variable");
			return MLPS_PR_FAIL;
		}
		if (rc != FSR_OK) {
			note_rc(x, "/sys/firmware/efi/efivars/SecureBoot-*", rc);
			return MLPS_PR_NOT_CHECKED;
		}
		/* Four bytes of attributes, then the value. */
		{
			bool on = len >= 5 && buf[4] == 1;

			free(buf);
			evf(x, "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c", "%s",
			    on ? "secure boot enabled" : "secure boot disabled");
			return on ? MLPS_PR_PASS : MLPS_PR_FAIL;
		}
	}
	if (!sys_visible(x, "/sys/kernel"))
		return MLPS_PR_NOT_CHECKED;
	rc = sys_read(x, "/sys/kernel/security/ima/runtime_measurements_count", v, sizeof(v));
	if (rc == FSR_MISSING) {
		struct stat st;

		if (fsr_stat(&x->fs, "/sys/kernel/security/ima", false, &st) == FSR_MISSING &&
		    fsr_stat(&x->fs, "/sys/kernel/security", false, &st) == FSR_OK) {
			evf(x, "/sys/kernel/security/ima", "absent: IMA is not enabled in this kernel");
			return MLPS_PR_FAIL;
		}
	}
	if (rc != FSR_OK) {
		if (rc == FSR_MISSING)
			whyf(x, "/sys/kernel/security: not readable or not mounted (needs root)");
		else
			note_rc(x, "/sys/kernel/security/ima/runtime_measurements_count", rc);
		return MLPS_PR_NOT_CHECKED;
	}
	evf(x, "/sys/kernel/security/ima/runtime_measurements_count", "%s", v);
	return strtol(v, NULL, 10) > 1 ? MLPS_PR_PASS : MLPS_PR_PARTIAL;
}

/* The run */

typedef enum mlps_probe_result (*prim_fn)(struct ctx *x, const struct mlps_check *c);
static const prim_fn prim_fns[MLPS_PRIM_COUNT] = {
	[MLPS_PRIM_FILE] = p_file,
	[MLPS_PRIM_SETTING] = p_setting,
	[MLPS_PRIM_PAM] = p_pam,
	[MLPS_PRIM_ACCOUNTS] = p_accounts,
	[MLPS_PRIM_AUDIT_RULES] = p_audit,
	[MLPS_PRIM_SUDOERS] = p_sudoers,
	[MLPS_PRIM_LOGROTATE] = p_logrotate,
	[MLPS_PRIM_TEXT] = p_text,
	[MLPS_PRIM_SOCKETS] = p_sockets,
	[MLPS_PRIM_PROCESSES] = p_processes,
	[MLPS_PRIM_PACKAGES] = p_packages,
	[MLPS_PRIM_LSM] = p_lsm,
	[MLPS_PRIM_IMA] = p_ima,
};

static bool is_live_root(const char *root)
{
	return !root || !*root || !strcmp(root, "/");
}

static int ctx_open(struct ctx *x, const struct mlps_catalog *cat, const struct mlps_probe_opts *o,
		    struct mlps_error *err)
{
	memset(x, 0, sizeof(*x));
	x->cat = cat;
	x->o = o;
	x->procfs.rootfd = -1;
	x->live = is_live_root(o->root);
	if (fsr_open(&x->fs, x->live ? "/" : o->root, err))
		return -1;
	x->fs.force_walk = o->force_walk;
	if (o->cap)
		x->fs.cap = o->cap;
	if (o->proc) {
		if (fsr_open(&x->procfs, o->proc, err)) {
			fsr_close(&x->fs);
			return -1;
		}
		x->have_proc = true;
	} else if (x->live) {
		if (fsr_open(&x->procfs, "/", err)) {
			fsr_close(&x->fs);
			return -1;
		}
		x->have_proc = true;
	}
	x->procfs.force_walk = o->force_walk;
	return 0;
}

static void ctx_close(struct ctx *x)
{
	size_t i;

	fsr_close(&x->fs);
	if (x->have_proc)
		fsr_close(&x->procfs);
	for (i = 0; i < x->n_acc; i++) {
		free(x->acc[i].name);
		free(x->acc[i].shell);
		free(x->acc[i].pw);
		free(x->acc[i].hash);
	}
	free(x->acc);
	for (i = 0; i < x->n_groups; i++)
		free(x->group_names[i]);
	free(x->group_names);
	free(x->group_ids);
	for (i = 0; i < x->n_pkgs; i++)
		free(x->pkgs[i]);
	free(x->pkgs);
	free(x->socks);
	for (i = 0; i < x->n_procs; i++)
		free(x->procs[i]);
	free(x->procs);
	strbuf_release(&x->ev);
	strbuf_release(&x->why);
}

static void run_one(struct ctx *x, const struct mlps_check *c, struct mlps_probe_item *it)
{
	memset(it, 0, sizeof(*it));
	it->check = c;
	strbuf_reset(&x->ev);
	strbuf_reset(&x->why);
	x->ev_lines = 0;
	if ((unsigned)c->prim >= MLPS_PRIM_COUNT) {
		it->result = MLPS_PR_NOT_CHECKED;
		it->reason = mlps_strdup("unknown primitive");
		return;
	}
	it->result = prim_fns[c->prim](x, c);
	if (it->result == MLPS_PR_NOT_CHECKED && !x->why.len)
		whyf(x, "nothing readable to decide on");
	it->evidence = x->ev.len ? mlps_strdup(x->ev.buf) : NULL;
	it->reason = x->why.len ? mlps_strdup(x->why.buf) : NULL;
}

static char *now_iso(void)
{
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	const char *fixed = getenv("MLPS_NOW");

	if (fixed && *fixed)
		return mlps_strdup(fixed);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return mlps_strdup(buf);
}

struct mlps_probe_run *mlps_probe_run(const struct mlps_catalog *cat, const struct mlps_probe_opts *o,
				      struct mlps_error *err)
{
	const char *kind = o->kind ? o->kind : "server";
	struct mlps_probe_run *r;
	struct ctx x;
	size_t i;

	if (ctx_open(&x, cat, o, err))
		return NULL;
	r = mlps_calloc(1, sizeof(*r));
	r->items = mlps_calloc(mlps_catalog_n_checks(cat) + 1, sizeof(*r->items));
	for (i = 0; i < mlps_catalog_n_checks(cat); i++) {
		const struct mlps_check *c = mlps_catalog_check(cat, i);

		if (!c->kind || strcmp(c->kind, kind))
			continue;
		run_one(&x, c, &r->items[r->n_items]);
		r->counts[r->items[r->n_items].result]++;
		r->n_items++;
	}
	if (x.live) {
		char host[256];

		if (gethostname(host, sizeof(host)) != 0)
			snprintf(host, sizeof(host), "localhost");
		host[sizeof(host) - 1] = '\0';
		r->host = mlps_strdup(host);
	} else {
		r->host = mlps_strdup(o->root);
		r->root = mlps_strdup(o->root);
	}
	r->when = now_iso();
	r->catalog_hash = mlps_strdup(mlps_catalog_hash(cat));
	r->privileged = geteuid() == 0;
	ctx_close(&x);
	return r;
}

int mlps_probe_check(const struct mlps_catalog *cat, const struct mlps_check *c, const struct mlps_probe_opts *o,
		     struct mlps_probe_item *out, struct mlps_error *err)
{
	struct ctx x;

	if (ctx_open(&x, cat, o, err))
		return -1;
	run_one(&x, c, out);
	ctx_close(&x);
	return 0;
}

void mlps_probe_item_release(struct mlps_probe_item *it)
{
	free(it->evidence);
	free(it->reason);
	it->evidence = it->reason = NULL;
}

void mlps_probe_free(struct mlps_probe_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_items; i++)
		mlps_probe_item_release(&r->items[i]);
	free(r->items);
	free(r->host);
	free(r->root);
	free(r->when);
	free(r->catalog_hash);
	free(r);
}

static const char *const result_names[MLPS_PR_COUNT] = { "pass", "partial", "fail", "not-checked" };

const char *mlps_probe_result_name(enum mlps_probe_result r)
{
	return (unsigned)r < MLPS_PR_COUNT ? result_names[r] : "?";
}

int mlps_probe_result_parse(const char *s, enum mlps_probe_result *out)
{
	int i;

	for (i = 0; i < MLPS_PR_COUNT; i++)
		if (!strcmp(s, result_names[i])) {
			*out = (enum mlps_probe_result)i;
			return 0;
		}
	return -1;
}

const char *mlps_probe_result_label(enum mlps_probe_result r, enum mlps_lang lang)
{
	static const char *const zh[MLPS_PR_COUNT] = { "通过", "部分", "未通过", "未检查" };
	static const char *const en[MLPS_PR_COUNT] = { "pass", "partial", "fail", "not checked" };

	if ((unsigned)r >= MLPS_PR_COUNT)
		return "?";
	return lang == MLPS_LANG_EN ? en[r] : zh[r];
}

char *mlps_probe_who(const char *user)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "mlps-probe (%s)", user && *user ? user : "unknown");
	return strbuf_detach(&sb, NULL);
}

bool mlps_probe_wrote(const char *who)
{
	return who && !strncmp(who, "mlps-probe", 10);
}
