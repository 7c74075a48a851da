/*
 * checks.c - loading and validating check files (mlps-checks: 1).
 *
 * loader.c hands every document whose first key is mlps-checks to
 * checks_load_doc(); its checks are kept in the catalogue arena on a list
 * until checks_finish() (after the last file) makes the array, refuses a
 * duplicate id, and resolves requirement keys and the object kind against
 * the whole set. Every problem is reported as file:line:col: path: message,
 * and none stops the walk, as in loader.c.
 *
 * Each primitive's parameters are described once in prim_specs[]: name,
 * whether a list is allowed, whether required, and the value's form (free
 * text, whole number, octal mode, one of a few words, absolute path,
 * NAME=NUMBER). Unknown parameters are errors, like unknown keys.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog_impl.h"
#include "checks.h"
#include "checks_impl.h"
#include "ywalk.h"

enum pform { PF_TEXT = 0, PF_NUM, PF_OCTAL, PF_ENUM, PF_PATH, PF_NAMENUM };

struct pspec {
	const char *name;
	bool list;          /* a list is allowed (a scalar is always) */
	bool required;
	enum pform form;
	const char *words;  /* PF_ENUM: "a|b|c" */
};

#define P_END { NULL, false, false, PF_TEXT, NULL }

static const struct pspec file_spec[] = {
	{ "paths", true, true, PF_PATH, NULL },
	{ "match", false, false, PF_ENUM, "all|any" },
	{ "exists", false, false, PF_ENUM, "yes|no" },
	{ "type", false, false, PF_ENUM, "file|dir|any" },
	{ "owner", true, false, PF_TEXT, NULL },
	{ "group", true, false, PF_TEXT, NULL },
	{ "mode_max", false, false, PF_OCTAL, NULL },
	P_END
};
static const struct pspec setting_spec[] = {
	{ "syntax", false, true, PF_ENUM, "sshd|keyword|equals|ini|shell" },
	{ "files", true, true, PF_PATH, NULL },
	{ "key", true, true, PF_TEXT, NULL },
	{ "section", false, false, PF_TEXT, NULL },
	{ "default", false, false, PF_TEXT, NULL },
	{ "pass", true, false, PF_TEXT, NULL },
	{ "partial", true, false, PF_TEXT, NULL },
	{ "min", false, false, PF_NUM, NULL },
	{ "max", false, false, PF_NUM, NULL },
	{ "forbid", true, false, PF_TEXT, NULL },
	{ "discourage", true, false, PF_TEXT, NULL },
	{ "contains", true, false, PF_TEXT, NULL },
	{ "present", false, false, PF_ENUM, "yes" },
	P_END
};
static const struct pspec pam_spec[] = {
	{ "services", true, true, PF_TEXT, NULL },
	{ "type", false, true, PF_ENUM, "auth|account|password|session" },
	{ "modules", true, true, PF_TEXT, NULL },
	{ "min", true, false, PF_NAMENUM, NULL },
	{ "max", true, false, PF_NAMENUM, NULL },
	{ "defaults", true, false, PF_NAMENUM, NULL },
	{ "conf", true, false, PF_PATH, NULL },
	P_END
};
static const struct pspec accounts_spec[] = {
	{ "test", false, true, PF_ENUM, "uid0|empty-password|system-shell|ageing|named|duplicate-uid" },
	{ "names", true, false, PF_TEXT, NULL },
	{ "max_days", false, false, PF_NUM, NULL },
	{ "uid_min", false, false, PF_NUM, NULL },
	P_END
};
static const struct pspec audit_spec[] = {
	{ "files", true, false, PF_PATH, NULL },
	{ "watch", true, false, PF_PATH, NULL },
	{ "match", false, false, PF_ENUM, "all|any" },
	{ "immutable", false, false, PF_ENUM, "yes" },
	P_END
};
static const struct pspec sudoers_spec[] = {
	{ "files", true, false, PF_PATH, NULL },
	P_END
};
static const struct pspec logrotate_spec[] = {
	{ "files", true, false, PF_PATH, NULL },
	{ "logs", true, true, PF_PATH, NULL },
	{ "min_days", false, true, PF_NUM, NULL },
	P_END
};
static const struct pspec text_spec[] = {
	{ "files", true, true, PF_PATH, NULL },
	{ "any", true, true, PF_TEXT, NULL },
	{ "want", false, false, PF_ENUM, "present|absent" },
	P_END
};
static const struct pspec sockets_spec[] = {
	{ "allow", true, false, PF_TEXT, NULL },
	{ "deny", true, false, PF_TEXT, NULL },
	P_END
};
static const struct pspec processes_spec[] = {
	{ "names", true, true, PF_TEXT, NULL },
	{ "want", false, false, PF_ENUM, "present|absent" },
	P_END
};
static const struct pspec packages_spec[] = {
	{ "names", true, true, PF_TEXT, NULL },
	{ "want", false, false, PF_ENUM, "installed|absent" },
	P_END
};
static const struct pspec lsm_spec[] = { P_END };
static const struct pspec ima_spec[] = {
	{ "what", false, true, PF_ENUM, "ima|secureboot" },
	P_END
};

static const struct {
	const char *name;
	const struct pspec *spec;
	bool live_only;
} prims[MLPS_PRIM_COUNT] = {
	[MLPS_PRIM_FILE] = { "file", file_spec, false },
	[MLPS_PRIM_SETTING] = { "setting", setting_spec, false },
	[MLPS_PRIM_PAM] = { "pam", pam_spec, false },
	[MLPS_PRIM_ACCOUNTS] = { "accounts", accounts_spec, false },
	[MLPS_PRIM_AUDIT_RULES] = { "audit-rules", audit_spec, false },
	[MLPS_PRIM_SUDOERS] = { "sudoers", sudoers_spec, false },
	[MLPS_PRIM_LOGROTATE] = { "logrotate", logrotate_spec, false },
	[MLPS_PRIM_TEXT] = { "text", text_spec, false },
	[MLPS_PRIM_SOCKETS] = { "sockets", sockets_spec, true },
	[MLPS_PRIM_PROCESSES] = { "processes", processes_spec, true },
	[MLPS_PRIM_PACKAGES] = { "packages", packages_spec, false },
	[MLPS_PRIM_LSM] = { "lsm", lsm_spec, false },
	[MLPS_PRIM_IMA] = { "ima", ima_spec, false },
};

static const char *const outcome_names[MLPS_OUT_COUNT] = { "pass", "partial", "fail" };

const char *mlps_primitive_name(enum mlps_primitive p)
{
	return (unsigned)p < MLPS_PRIM_COUNT ? prims[p].name : "?";
}

bool mlps_primitive_live_only(enum mlps_primitive p)
{
	return (unsigned)p < MLPS_PRIM_COUNT && prims[p].live_only;
}

const char *mlps_outcome_name(enum mlps_outcome o)
{
	return (unsigned)o < MLPS_OUT_COUNT ? outcome_names[o] : "?";
}

/* The walker's state for one document (position and messages: ywalk.h). */
struct cwalk {
	struct mlps_catalog *cat;
	struct ywalk w;
};

static void cbad(struct cwalk *w, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cbad(struct cwalk *w, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ywalk_vbad(&w->w, n, fmt, ap);
	va_end(ap);
}

static size_t cpush(struct cwalk *w, const char *key)
{
	return ywalk_push(&w->w, key);
}

static size_t cpush_index(struct cwalk *w, size_t i)
{
	return ywalk_push_index(&w->w, i);
}

static void cpop(struct cwalk *w, size_t mark)
{
	ywalk_pop(&w->w, mark);
}

static const char *const tnames[] = { "a scalar", "a mapping", "a list" };

/*
 * Checks a mapping's keys against names[] (NULL-terminated) and fills vals
 * in that order; required[i] says which must be there.
 */
static bool cmap(struct cwalk *w, const struct ynode *map, const char *const *names, const bool *required,
		 const struct ynode **vals)
{
	size_t i, j, n;

	for (n = 0; names[n]; n++)
		vals[n] = NULL;
	if (map->type != YN_MAP) {
		cbad(w, map, "expected a mapping, found %s", tnames[map->type]);
		return false;
	}
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];

		if (k->type != YN_SCALAR) {
			cbad(w, k, "keys must be scalars, found %s", tnames[k->type]);
			continue;
		}
		for (j = 0; j < n; j++)
			if (!strcmp(k->str, names[j]))
				break;
		if (j == n) {
			struct strbuf exp = STRBUF_INIT;

			for (j = 0; j < n; j++)
				strbuf_addf(&exp, "%s%s", j ? ", " : "", names[j]);
			cbad(w, k, "unknown key '%s' (expected one of: %s)", k->str, n ? exp.buf : "none");
			strbuf_release(&exp);
			continue;
		}
		if (vals[j]) {
			cbad(w, k, "key '%s' appears twice", k->str);
			continue;
		}
		vals[j] = v;
	}
	for (j = 0; j < n; j++)
		if (required && required[j] && !vals[j])
			cbad(w, map, "missing required key '%s'", names[j]);
	return true;
}

static const char *cstring(struct cwalk *w, const struct ynode *n)
{
	if (!n)
		return NULL;
	if (n->type != YN_SCALAR) {
		cbad(w, n, "expected a scalar, found %s", tnames[n->type]);
		return NULL;
	}
	if (strlen(n->str) != n->len) {
		cbad(w, n, "text contains a NUL character");
		return NULL;
	}
	if (n->len == 0 || strspn(n->str, " \t\r\n") == n->len) {
		cbad(w, n, "must not be empty");
		return NULL;
	}
	return n->str;
}

static void ctext(struct cwalk *w, const struct ynode *n, struct mlps_text *out)
{
	static const char *const names[] = { "zh", "en", NULL };
	static const bool req[] = { true, true };
	const struct ynode *v[2];
	size_t mark;

	out->zh = out->en = NULL;
	if (!n || !cmap(w, n, names, req, v))
		return;
	mark = cpush(w, "zh");
	out->zh = cstring(w, v[0]);
	cpop(w, mark);
	mark = cpush(w, "en");
	out->en = cstring(w, v[1]);
	cpop(w, mark);
}

static bool valid_id(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')) || strlen(s) > 64)
		return false;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		      s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static bool is_number(const char *s)
{
	size_t i = (s[0] == '-');

	return s[i] && strlen(s + i) <= 9 && strspn(s + i, "0123456789") == strlen(s + i);
}

static bool word_in(const char *word, const char *words)
{
	size_t len = strlen(word);
	const char *p = words;

	while (*p) {
		size_t n = strcspn(p, "|");

		if (n == len && !strncmp(p, word, len))
			return true;
		p += n + (p[n] == '|');
	}
	return false;
}

/* One value of a parameter in its declared form. */
static void check_value(struct cwalk *w, const struct ynode *n, const char *s, const struct pspec *ps)
{
	const char *eq;

	switch (ps->form) {
	case PF_TEXT:
		break;
	case PF_NUM:
		if (!is_number(s))
			cbad(w, n, "expected a whole number, found '%s'", s);
		break;
	case PF_OCTAL:
		if (strlen(s) < 3 || strlen(s) > 4 || strspn(s, "01234567") != strlen(s))
			cbad(w, n, "expected an octal mode such as 0640, found '%s'", s);
		break;
	case PF_ENUM:
		if (!word_in(s, ps->words))
			cbad(w, n, "expected one of %s, found '%s'", ps->words, s);
		break;
	case PF_PATH:
		if (s[0] != '/' || strstr(s, "/../") || (strlen(s) >= 3 && !strcmp(s + strlen(s) - 3, "/.."))
		    || strchr(s, '\\'))
			cbad(w, n, "expected an absolute path without '..', found '%s'", s);
		break;
	case PF_NAMENUM:
		eq = strchr(s, '=');
		if (!eq || eq == s || !is_number(eq + 1))
			cbad(w, n, "expected NAME=NUMBER, found '%s'", s);
		break;
	}
}

/* The `with:` mapping of a check against its primitive's parameter table. */
static void load_args(struct cwalk *w, struct mlps_check *c, const struct ynode *with,
		      const struct ynode *at)
{
	const struct pspec *spec = prims[c->prim].spec;
	struct mlps_check_arg *args;
	size_t n = 0, i, j, k;

	for (n = 0; spec[n].name; n++)
		;
	if (!with) {
		for (j = 0; j < n; j++)
			if (spec[j].required)
				cbad(w, at, "primitive '%s' needs 'with: { %s: ... }'", prims[c->prim].name,
				     spec[j].name);
		return;
	}
	if (with->type != YN_MAP) {
		cbad(w, with, "expected a mapping, found %s", tnames[with->type]);
		return;
	}
	args = arena_alloc(&w->cat->arena, (with->n ? with->n : 1) * sizeof(*args));
	c->args = args;
	for (i = 0; i < with->n; i++) {
		const struct ynode *kn = with->items[2 * i], *vn = with->items[2 * i + 1];
		const struct pspec *ps = NULL;
		const char **vals;
		size_t mark;

		if (kn->type != YN_SCALAR) {
			cbad(w, kn, "keys must be scalars, found %s", tnames[kn->type]);
			continue;
		}
		for (j = 0; j < n; j++)
			if (!strcmp(kn->str, spec[j].name))
				ps = &spec[j];
		if (!ps) {
			struct strbuf exp = STRBUF_INIT;

			for (j = 0; j < n; j++)
				strbuf_addf(&exp, "%s%s", j ? ", " : "", spec[j].name);
			cbad(w, kn, "primitive '%s' has no parameter '%s' (expected one of: %s)",
			     prims[c->prim].name, kn->str, n ? exp.buf : "none");
			strbuf_release(&exp);
			continue;
		}
		for (k = 0; k < c->n_args; k++)
			if (!strcmp(args[k].name, ps->name))
				cbad(w, kn, "parameter '%s' appears twice", ps->name);
		mark = cpush(w, ps->name);
		if (vn->type == YN_MAP) {
			cbad(w, vn, "expected %s, found a mapping", ps->list ? "a scalar or a list" : "a scalar");
		} else if (vn->type == YN_SEQ && !ps->list) {
			cbad(w, vn, "expected a scalar, found a list");
		} else {
			size_t nv = vn->type == YN_SEQ ? vn->n : 1;
			bool ok = true;

			if (nv == 0) {
				cbad(w, vn, "must list at least one value");
				ok = false;
			}
			vals = arena_alloc(&w->cat->arena, (nv ? nv : 1) * sizeof(*vals));
			for (k = 0; k < nv; k++) {
				const struct ynode *e = vn->type == YN_SEQ ? vn->items[k] : vn;
				size_t m2 = vn->type == YN_SEQ ? cpush_index(w, k) : w->w.path.len;
				const char *s = cstring(w, e);

				if (s)
					check_value(w, e, s, ps);
				else
					ok = false;
				vals[k] = s;
				cpop(w, m2);
			}
			if (ok)
				args[c->n_args++] = (struct mlps_check_arg){ ps->name, vals, nv };
		}
		cpop(w, mark);
	}
	for (j = 0; j < n; j++) {
		if (!spec[j].required)
			continue;
		for (k = 0; k < with->n; k++)
			if (with->items[2 * k]->type == YN_SCALAR && !strcmp(with->items[2 * k]->str, spec[j].name))
				break;
		if (k == with->n)
			cbad(w, with, "primitive '%s' needs parameter '%s'", prims[c->prim].name, spec[j].name);
	}
	if (c->prim == MLPS_PRIM_SOCKETS && !mlps_check_get(c, "allow") && !mlps_check_get(c, "deny"))
		cbad(w, with, "primitive 'sockets' needs 'allow' or 'deny'");
}

static void load_check(struct cwalk *w, const struct ynode *n, struct mlps_check *c)
{
	enum {
		ID, REQS, KIND, GROUP, TITLE, STEP, BLIND, PROBE, WITH, EXPLAIN, STATUS, NKEYS
	};
	static const char *const names[] = { "id", "requirements", "kind", "group", "title", "step",
					     "blind", "probe", "with", "explain", "status", NULL };
	static const bool req[] = { true, true, true, false, true, true, true, true, false, true, false };
	static const char *const out_names[] = { "pass", "partial", "fail", NULL };
	static const bool out_req[] = { true, false, true };
	const struct ynode *v[NKEYS], *o[MLPS_OUT_COUNT];
	size_t i, mark;
	const char *s;

	c->file = w->w.file;
	c->line = n->line;
	c->col = n->col;
	c->status[MLPS_OUT_PASS] = MLPS_ST_COMPLIANT;
	c->status[MLPS_OUT_PARTIAL] = MLPS_ST_PARTIAL;
	c->status[MLPS_OUT_FAIL] = MLPS_ST_NONCOMPLIANT;
	c->prim = MLPS_PRIM_COUNT;
	if (!cmap(w, n, names, req, v))
		return;

	mark = cpush(w, "id");
	s = cstring(w, v[ID]);
	if (s && !valid_id(s))
		cbad(w, v[ID], "id '%s' must be lowercase ASCII letters, digits, '.', '_' or '-' (at most 64)", s);
	else
		c->id = s;
	cpop(w, mark);

	mark = cpush(w, "requirements");
	if (v[REQS]) {
		if (v[REQS]->type != YN_SEQ || v[REQS]->n == 0) {
			cbad(w, v[REQS], "expected a list of at least one requirement key");
		} else {
			const char **keys = arena_alloc(&w->cat->arena, v[REQS]->n * sizeof(*keys));

			for (i = 0; i < v[REQS]->n; i++) {
				size_t m2 = cpush_index(w, i);

				keys[i] = cstring(w, v[REQS]->items[i]);
				cpop(w, m2);
			}
			c->req_keys = keys;
			c->n_reqs = v[REQS]->n;
			c->reqs = arena_alloc(&w->cat->arena, c->n_reqs * sizeof(*c->reqs));
		}
	}
	cpop(w, mark);

	mark = cpush(w, "kind");
	c->kind = cstring(w, v[KIND]);
	cpop(w, mark);
	mark = cpush(w, "group");
	c->group = cstring(w, v[GROUP]);
	if (c->group && !valid_id(c->group))
		cbad(w, v[GROUP], "group '%s' must be lowercase ASCII letters, digits, '.', '_' or '-'", c->group);
	cpop(w, mark);
	mark = cpush(w, "title");
	ctext(w, v[TITLE], &c->title);
	cpop(w, mark);
	mark = cpush(w, "step");
	ctext(w, v[STEP], &c->step);
	cpop(w, mark);
	mark = cpush(w, "blind");
	ctext(w, v[BLIND], &c->blind);
	cpop(w, mark);

	mark = cpush(w, "probe");
	s = cstring(w, v[PROBE]);
	if (s) {
		for (i = 0; i < MLPS_PRIM_COUNT; i++)
			if (!strcmp(s, prims[i].name))
				c->prim = (enum mlps_primitive)i;
		if (c->prim == MLPS_PRIM_COUNT) {
			struct strbuf exp = STRBUF_INIT;

			for (i = 0; i < MLPS_PRIM_COUNT; i++)
				strbuf_addf(&exp, "%s%s", i ? ", " : "", prims[i].name);
			cbad(w, v[PROBE], "unknown probe primitive '%s' (the fixed set is: %s)", s, exp.buf);
			strbuf_release(&exp);
		}
	}
	cpop(w, mark);
	if (c->prim != MLPS_PRIM_COUNT) {
		mark = cpush(w, "with");
		load_args(w, c, v[WITH], n);
		cpop(w, mark);
	}

	mark = cpush(w, "explain");
	if (v[EXPLAIN] && cmap(w, v[EXPLAIN], out_names, out_req, o))
		for (i = 0; i < MLPS_OUT_COUNT; i++) {
			size_t m2 = cpush(w, out_names[i]);

			if (o[i])
				ctext(w, o[i], &c->explain[i]);
			cpop(w, m2);
		}
	cpop(w, mark);

	mark = cpush(w, "status");
	if (v[STATUS] && cmap(w, v[STATUS], out_names, NULL, o))
		for (i = 0; i < MLPS_OUT_COUNT; i++) {
			size_t m2 = cpush(w, out_names[i]);
			enum mlps_status st;

			s = cstring(w, o[i]);
			if (s && (mlps_status_parse(s, &st) || st == MLPS_ST_UNANSWERED || st == MLPS_ST_NA))
				cbad(w, o[i], "expected compliant, partial, noncompliant or todo, found '%s'", s);
			else if (s)
				c->status[i] = st;
			cpop(w, m2);
		}
	cpop(w, mark);
}

void checks_load_doc(struct mlps_catalog *cat, const char *file, const struct ynode *root,
		     struct mlps_error *err)
{
	static const char *const names[] = { "mlps-checks", "checks", NULL };
	static const bool req[] = { true, true };
	struct cwalk w = { cat, { err, file, STRBUF_INIT } };
	const struct ynode *v[2];
	size_t i, mark;

	if (!cmap(&w, root, names, req, v) || !v[1])
		goto out;
	mark = cpush(&w, "checks");
	if (v[1]->type != YN_SEQ || v[1]->n == 0) {
		cbad(&w, v[1], "expected a list of at least one check");
		cpop(&w, mark);
		goto out;
	}
	for (i = 0; i < v[1]->n; i++) {
		struct check_node *cn = arena_alloc(&cat->arena, sizeof(*cn));
		size_t m2 = cpush_index(&w, i);

		load_check(&w, v[1]->items[i], &cn->check);
		cpop(&w, m2);
		cn->next = NULL;
		*cat->checks_tail = cn;
		cat->checks_tail = &cn->next;
		cat->n_checks++;
	}
	cpop(&w, mark);
out:
	strbuf_release(&w.w.path);
}

static int cmp_check(const void *a, const void *b)
{
	const struct mlps_check *x = *(const struct mlps_check *const *)a;
	const struct mlps_check *y = *(const struct mlps_check *const *)b;

	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

void checks_finish(struct mlps_catalog *cat, struct mlps_error *err)
{
	struct check_node *cn;
	size_t i = 0, j;

	cat->checks = arena_alloc(&cat->arena, (cat->n_checks ? cat->n_checks : 1) * sizeof(*cat->checks));
	cat->checks_by_id = arena_alloc(&cat->arena, (cat->n_checks ? cat->n_checks : 1) *
					sizeof(*cat->checks_by_id));
	for (cn = cat->checks_head; cn; cn = cn->next, i++) {
		cat->checks[i] = &cn->check;
		cat->checks_by_id[i] = &cn->check;
	}
	if (cat->n_checks > 1)
		qsort(cat->checks_by_id, cat->n_checks, sizeof(*cat->checks_by_id), cmp_check);
	for (i = 1; i < cat->n_checks; i++) {
		const struct mlps_check *a = cat->checks_by_id[i - 1], *b = cat->checks_by_id[i];

		if (a->id && b->id && !strcmp(a->id, b->id)) {
			if (a->line > b->line && !strcmp(a->file, b->file)) {
				const struct mlps_check *t = a;

				a = b;
				b = t;
			}
			mlps_error_at(err, b->file, b->line, b->col, "check '%s' is defined twice (first at %s:%u:%u)",
				      b->id, a->file, a->line, a->col);
		}
	}
	for (i = 0; i < cat->n_checks; i++) {
		struct mlps_check *c = (struct mlps_check *)cat->checks[i];

		if (cat->n_kinds && c->kind && !mlps_catalog_find_kind(cat, c->kind))
			mlps_error_at(err, c->file, c->line, c->col, "check '%s': unknown object kind '%s'",
				      c->id ? c->id : "?", c->kind);
		if (cat->n_reqs == 0)
			continue;   /* a lone checks file: nothing to resolve against */
		for (j = 0; j < c->n_reqs; j++) {
			if (!c->req_keys[j])
				continue;
			c->reqs[j] = mlps_catalog_find_key(cat, c->req_keys[j]);
			if (!c->reqs[j])
				mlps_error_at(err, c->file, c->line, c->col,
					      "check '%s': requirement '%s' does not exist in the set",
					      c->id ? c->id : "?", c->req_keys[j]);
		}
	}
}

size_t mlps_catalog_n_checks(const struct mlps_catalog *cat)
{
	return cat->n_checks;
}

const struct mlps_check *mlps_catalog_check(const struct mlps_catalog *cat, size_t i)
{
	return i < cat->n_checks ? cat->checks[i] : NULL;
}

const struct mlps_check *mlps_catalog_find_check(const struct mlps_catalog *cat, const char *id)
{
	size_t lo = 0, hi = cat->n_checks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, cat->checks_by_id[mid]->id ? cat->checks_by_id[mid]->id : "");

		if (!c)
			return cat->checks_by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct mlps_check_arg *mlps_check_get(const struct mlps_check *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_args; i++)
		if (!strcmp(c->args[i].name, name))
			return &c->args[i];
	return NULL;
}

const char *mlps_check_str(const struct mlps_check *c, const char *name)
{
	const struct mlps_check_arg *a = mlps_check_get(c, name);

	return a && a->n ? a->v[0] : NULL;
}
