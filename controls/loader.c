/*
 * loader.c - builds a struct mlps_catalog from the YAML files of a profile set.
 *
 * Each file is parsed into a ynode tree (yamldoc.c), then checked against the
 * key tables below and converted. Problems never stop the walk: every one is
 * recorded with file:line:column and its path in the document, so that an
 * author sees all of them at once (up to the error cap). Checks that span
 * files (unique keys and IDs, scenario references) run after the last file.
 * Any recorded problem fails the whole load, and the half-built catalogue is
 * freed at the one exit.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "catalog_impl.h"
#include "checks_impl.h"
#include "yamldoc.h"
#include "ywalk.h"

/*
 * Names defined so far (requirement keys, IDs, ...), for duplicate checks
 * across files and for the sorted lookup indexes. What gets sorted is the
 * small `v`; where each name was defined sits in `at`, in definition order.
 */
struct loc_entry {
	const char *name;
	size_t seq;                 /* index into at[] */
};

struct loc_pos {
	const char *file;
	unsigned line, col;
	const void *item;
};

struct loc_list {
	struct loc_entry *v;
	struct loc_pos *at;
	size_t n, alloc, alloc_at;
};

static void loc_add(struct loc_list *l, const char *name, const char *file, unsigned line,
		    unsigned col, const void *item)
{
	mlps_grow((void **)&l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	mlps_grow((void **)&l->at, &l->alloc_at, l->n + 1, sizeof(*l->at));
	l->v[l->n] = (struct loc_entry){ name, l->n };
	l->at[l->n] = (struct loc_pos){ file, line, col, item };
	l->n++;
}

/* A category while files still add control points to it. */
struct build_cat {
	struct mlps_category *cat;
	const struct mlps_control_point **cps;
	size_t n, alloc;
};

/* A scenario's requirement key, resolved once every file is loaded. */
struct pending_ref {
	size_t scenario;
	const char *key;
	const char *file;
	unsigned line, col;
};

/*
 * One name of a `kinds:` list, resolved against the vocabulary once every
 * file is loaded (the vocabulary file may come first or last).
 */
struct pending_kind {
	uint32_t *mask;             /* where the bit lands */
	const char *name;           /* in the catalogue arena */
	const char *file;
	unsigned line, col;
};

struct loader {
	struct mlps_catalog *cat;
	struct ywalk w;             /* errors, the current file and place in it */
	int errors_at_start;        /* err->count before this load */

	struct build_cat *bcats;
	size_t n_bcats, a_bcats;
	struct loc_list req_keys, cp_keys, ids, scenario_ids;
	struct mlps_scenario *scenarios;
	size_t n_scenarios, a_scenarios;
	struct pending_ref *refs;
	size_t n_refs, a_refs;
	const char *rules_file;
	unsigned rules_line;
	struct pending_kind *kinds;
	size_t n_kinds, a_kinds;
	struct loc_list kind_names;
	struct mlps_object_kind *vocab;
	size_t n_vocab, a_vocab;
};

/* Key tables */

struct keyspec {
	const char *name;
	enum ynode_type type;
	int required;
};

static const char *const type_names[] = { "a scalar", "a mapping", "a list" };

static void bad(struct loader *L, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct loader *L, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ywalk_vbad(&L->w, n, fmt, ap);
	va_end(ap);
}

static size_t path_push(struct loader *L, const char *key)
{
	return ywalk_push(&L->w, key);
}

static size_t path_push_index(struct loader *L, size_t i)
{
	return ywalk_push_index(&L->w, i);
}

static void path_pop(struct loader *L, size_t mark)
{
	ywalk_pop(&L->w, mark);
}

/*
 * Checks a mapping against its key table: every key known, none twice, each
 * value of the declared node type, every required key present. vals[i] gets
 * the value of spec[i], or NULL when absent or of the wrong type.
 */
static void check_map(struct loader *L, const struct ynode *map, const struct keyspec *spec,
		      size_t n, const struct ynode **vals)
{
	unsigned char seen[32] = { 0 };
	size_t i, j;

	for (j = 0; j < n; j++)
		vals[j] = NULL;
	if (map->type != YN_MAP) {
		bad(L, map, "expected a mapping, found %s", type_names[map->type]);
		return;
	}
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];
		size_t mark;

		if (k->type != YN_SCALAR) {
			bad(L, k, "keys must be scalars, found %s", type_names[k->type]);
			continue;
		}
		for (j = 0; j < n; j++)
			if (!strcmp(k->str, spec[j].name))
				break;
		if (j == n) {
			struct strbuf expected = STRBUF_INIT;

			for (j = 0; j < n; j++)
				strbuf_addf(&expected, "%s%s", j ? ", " : "", spec[j].name);
			bad(L, k, "unknown key '%s' (expected one of: %s)", k->str, expected.buf);
			strbuf_release(&expected);
			continue;
		}
		mark = path_push(L, k->str);
		if (seen[j]) {
			bad(L, k, "duplicate key '%s'", k->str);
		} else if (v->type != spec[j].type) {
			bad(L, v, "expected %s, found %s", type_names[spec[j].type], type_names[v->type]);
		} else {
			vals[j] = v;
		}
		seen[j] = 1;
		path_pop(L, mark);
	}
	/* A wrongly typed key was present: it is not also called missing. */
	for (j = 0; j < n; j++)
		if (spec[j].required && !seen[j])
			bad(L, map, "missing required key '%s'", spec[j].name);
}

/* Scalar conversions. Each takes a possibly NULL node and reports its own problems. */

static const char *get_string(struct loader *L, const struct ynode *n)
{
	if (!n)
		return NULL;
	if (strlen(n->str) != n->len) {
		bad(L, n, "text contains a NUL character");
		return NULL;
	}
	if (n->len == 0 || strspn(n->str, " \t\r\n") == n->len) {
		bad(L, n, "must not be empty");
		return NULL;
	}
	/* Scalars were parsed into the catalogue's arena: keep them, no copy. */
	return n->str;
}

static int get_int(struct loader *L, const struct ynode *n, long min, long max, int *out)
{
	char *end;
	long v;

	if (!n)
		return -1;
	if (n->type != YN_SCALAR || !n->plain || n->len == 0 || n->len > 9 ||
	    strspn(n->str, "0123456789") != n->len) {
		bad(L, n, "expected a whole number from %ld to %ld, found '%s'", min, max,
		    n->type == YN_SCALAR ? n->str : type_names[n->type]);
		return -1;
	}
	v = strtol(n->str, &end, 10);
	if (v < min || v > max) {
		bad(L, n, "%ld is out of range (%ld to %ld)", v, min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int get_number(struct loader *L, const struct ynode *n, double min, double max, double *out)
{
	char *end;
	double v;

	if (!n)
		return -1;
	if (n->type != YN_SCALAR || !n->plain || n->len == 0 ||
	    strspn(n->str + (n->str[0] == '-'), "0123456789.") != n->len - (n->str[0] == '-')) {
		bad(L, n, "expected a number from %g to %g, found '%s'", min, max,
		    n->type == YN_SCALAR ? n->str : type_names[n->type]);
		return -1;
	}
	v = strtod(n->str, &end);
	/* A sign slip is the likeliest mistake in a table of weights: say it plainly. */
	if (!*end && v < 0 && min >= 0) {
		bad(L, n, "must not be negative, found '%s'", n->str);
		return -1;
	}
	if (*end || v < min || v > max) {
		bad(L, n, "'%s' is not a number from %g to %g", n->str, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

static int get_enum(struct loader *L, const struct ynode *n, const char *const *names, size_t count,
		    int *out)
{
	struct strbuf expected = STRBUF_INIT;
	size_t i;

	if (!n)
		return -1;
	if (n->type == YN_SCALAR)
		for (i = 0; i < count; i++)
			if (names[i] && !strcmp(n->str, names[i])) {
				*out = (int)i;
				return 0;
			}
	for (i = 0; i < count; i++)
		if (names[i])
			strbuf_addf(&expected, "%s%s", expected.len ? ", " : "", names[i]);
	bad(L, n, "'%s' is not one of: %s", n->type == YN_SCALAR ? n->str : type_names[n->type],
	    expected.buf);
	strbuf_release(&expected);
	return -1;
}

static int get_bool(struct loader *L, const struct ynode *n, bool *out)
{
	static const char *const names[] = { "false", "true" };
	int v;

	if (get_enum(L, n, names, 2, &v))
		return -1;
	*out = v == 1;
	return 0;
}

static int get_text(struct loader *L, const struct ynode *n, struct mlps_text *out)
{
	static const struct keyspec spec[] = {
		{ "zh", YN_SCALAR, 1 },
		{ "en", YN_SCALAR, 1 },
	};
	const struct ynode *v[2];
	size_t mark;

	if (!n)
		return -1;
	check_map(L, n, spec, 2, v);
	mark = path_push(L, "zh");
	out->zh = get_string(L, v[0]);
	path_pop(L, mark);
	mark = path_push(L, "en");
	out->en = get_string(L, v[1]);
	path_pop(L, mark);
	return out->zh && out->en ? 0 : -1;
}

static bool valid_key(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		      s[i] == '_' || s[i] == '-'))
			return false;
	return i <= 64;
}

static const char *get_key(struct loader *L, const struct ynode *n, struct loc_list *seen,
			   const void *item)
{
	const char *s = get_string(L, n);

	if (!s)
		return NULL;
	if (!valid_key(s)) {
		bad(L, n, "key '%s' must be lowercase ASCII letters, digits, '.', '_' or '-' "
			  "(starting with a letter or digit, at most 64 characters)", s);
		return NULL;
	}
	loc_add(seen, s, L->w.file, n->line, n->col, item);
	return s;
}

/* Variants: a mapping from level to text, ascending. */
static const struct mlps_variant *get_variants(struct loader *L, const struct ynode *n,
					       unsigned allowed_levels, int lowest, size_t *count)
{
	struct mlps_variant *v;
	size_t i, k = 0;

	*count = 0;
	if (!n)
		return NULL;
	if (n->type != YN_MAP) {
		bad(L, n, "expected a mapping from level to text");
		return NULL;
	}
	v = arena_alloc(&L->cat->arena, (n->n ? n->n : 1) * sizeof(*v));
	for (i = 0; i < n->n; i++) {
		const struct ynode *kn = n->items[2 * i];
		size_t mark = path_push(L, kn->type == YN_SCALAR ? kn->str : "?");
		int level, ok = 1;
		size_t j;

		if (get_int(L, kn, MLPS_LEVEL_MIN, MLPS_LEVEL_MAX, &level) == 0) {
			if (!(allowed_levels & (1u << level))) {
				bad(L, kn, "variant for level %d, but the item has no ID at level %d",
				    level, level);
				ok = 0;
			} else if (level <= lowest) {
				bad(L, kn, "variant for level %d must be above the lowest level (%d)",
				    level, lowest);
				ok = 0;
			}
			for (j = 0; j < k; j++)
				if (v[j].level == level) {
					bad(L, kn, "duplicate key '%d'", level);
					ok = 0;
				}
		} else {
			ok = 0;
		}
		if (get_text(L, n->items[2 * i + 1], &v[k].text) == 0 && ok)
			v[k++].level = level;
		path_pop(L, mark);
	}
	/* Ascending by level: a short insertion sort, at most three entries. */
	for (i = 1; i < k; i++) {
		struct mlps_variant t = v[i];
		size_t j = i;

		while (j > 0 && v[j - 1].level > t.level) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = t;
	}
	*count = k;
	return v;
}

/*
 * A `kinds:` list of a control point or requirement: the names are checked
 * against the vocabulary in finish(), since it may live in a later file.
 */
static void get_kinds(struct loader *L, const struct ynode *n, uint32_t *mask)
{
	size_t i, j, mark;

	if (!n)
		return;
	mark = path_push(L, "kinds");
	if (n->n == 0)
		bad(L, n, "must list at least one object kind");
	for (i = 0; i < n->n; i++) {
		const struct ynode *k = n->items[i];
		size_t m2 = path_push_index(L, i);
		const char *name;

		if (k->type != YN_SCALAR) {
			bad(L, k, "expected an object kind name, found %s", type_names[k->type]);
		} else if ((name = get_string(L, k)) != NULL) {
			for (j = 0; j < i; j++)
				if (n->items[j]->type == YN_SCALAR && !strcmp(n->items[j]->str, name))
					break;
			if (j < i) {
				bad(L, k, "object kind '%s' is listed twice", name);
			} else {
				mlps_grow((void **)&L->kinds, &L->a_kinds, L->n_kinds + 1, sizeof(*L->kinds));
				L->kinds[L->n_kinds++] = (struct pending_kind){ mask, name, L->w.file, k->line, k->col };
			}
		}
		path_pop(L, m2);
	}
	path_pop(L, mark);
}

static const char *const role_names[] = { "platform", "customer" };

/* A `roles:` list: only cloud-extension items have one (who the item is for). */
static void get_roles(struct loader *L, const struct ynode *n, enum mlps_ext ext, unsigned *roles)
{
	size_t i, mark;

	if (!n)
		return;
	mark = path_push(L, "roles");
	if (ext != MLPS_EXT_CLOUD)
		bad(L, n, "only cloud-extension items have cloud roles");
	else if (n->n == 0)
		bad(L, n, "must list platform, customer or both");
	for (i = 0; ext == MLPS_EXT_CLOUD && i < n->n; i++) {
		size_t m2 = path_push_index(L, i);
		int r;

		if (get_enum(L, n->items[i], role_names, 2, &r) == 0) {
			if (*roles & (1u << r))
				bad(L, n->items[i], "role '%s' is listed twice", role_names[r]);
			*roles |= 1u << r;
		}
		path_pop(L, m2);
	}
	path_pop(L, mark);
}

static const char *const ext_names[MLPS_EXT_COUNT] = { "general", "cloud", "mobile", "iot", "ics" };
static const char *const importance_names[MLPS_IMP_COUNT] = { "key", "important", "general" };
static const char *const kind_names[] = { "technical", "management" };
static const char *const method_names[] = { "interview", "examine", "test" };
static const char *const risk_names[MLPS_RISK_COUNT] = { "none", "low", "medium", "high" };
static const char *const condition_names[] = { "continuity", "key-industry", "cloud-platform",
					       "cloud-customer" };

/*
 * Checks one GB/T 28448 ID against where it is listed: L<level>-<CAT><type>-<nn>.
 */
static int check_id(struct loader *L, const struct ynode *n, const char *id, int level,
		    const char *code, enum mlps_ext ext)
{
	if (strlen(id) != 10 || id[0] != 'L' || id[1] < '1' || id[1] > '9' || id[2] != '-' ||
	    id[3] < 'A' || id[3] > 'Z' || id[4] < 'A' || id[4] > 'Z' || id[5] < 'A' || id[5] > 'Z' ||
	    id[6] < '1' || id[6] > '9' || id[7] != '-' || id[8] < '0' || id[8] > '9' || id[9] < '0' ||
	    id[9] > '9' || (id[8] == '0' && id[9] == '0')) {
		bad(L, n, "'%s' does not have the form L<level>-<CAT><type>-<nn> (e.g. L3-CES1-01)", id);
		return -1;
	}
	if (id[1] - '0' != level) {
		bad(L, n, "'%s' names level %c but is listed under level %d", id, id[1], level);
		return -1;
	}
	if (code && strncmp(id + 3, code, 3)) {
		bad(L, n, "'%s' names category %.3s but belongs to category %s", id, id + 3, code);
		return -1;
	}
	if (id[6] - '1' != (int)ext) {
		bad(L, n, "'%s' has type digit %c but extension '%s' needs %d", id, id[6],
		    ext_names[ext], (int)ext + 1);
		return -1;
	}
	return 0;
}

static void load_requirement(struct loader *L, const struct ynode *n, struct mlps_requirement *r,
			     const struct mlps_category *c, enum mlps_ext ext)
{
	enum { K, IDS, IMP, METHODS, TEXT, VARIANTS, GUIDANCE, REMEDIATION, KINDS, ROLES, NKEYS };
	static const struct keyspec spec[NKEYS] = {
		[K] = { "key", YN_SCALAR, 1 },
		[IDS] = { "ids", YN_MAP, 1 },
		[IMP] = { "importance", YN_SCALAR, 1 },
		[METHODS] = { "methods", YN_SEQ, 1 },
		[TEXT] = { "text", YN_MAP, 1 },
		[VARIANTS] = { "variants", YN_MAP, 0 },
		[GUIDANCE] = { "guidance", YN_MAP, 1 },
		[REMEDIATION] = { "remediation", YN_MAP, 1 },
		[KINDS] = { "kinds", YN_SEQ, 0 },
		[ROLES] = { "roles", YN_SEQ, 0 },
	};
	const struct ynode *v[NKEYS];
	unsigned levels = 0;
	int lowest = 0, imp, level;
	size_t i, mark;

	r->file = L->w.file;
	r->line = n->line;
	r->col = n->col;
	check_map(L, n, spec, NKEYS, v);

	mark = path_push(L, "key");
	r->key = get_key(L, v[K], &L->req_keys, r);
	path_pop(L, mark);

	mark = path_push(L, "ids");
	if (v[IDS] && v[IDS]->n == 0)
		bad(L, v[IDS], "must list the ID for at least one level");
	for (i = 0; v[IDS] && i < v[IDS]->n; i++) {
		const struct ynode *kn = v[IDS]->items[2 * i], *vn = v[IDS]->items[2 * i + 1];
		size_t m2 = path_push(L, kn->type == YN_SCALAR ? kn->str : "?");
		const char *id;

		if (get_int(L, kn, MLPS_LEVEL_MIN, MLPS_LEVEL_MAX, &level) == 0) {
			if (levels & (1u << level)) {
				bad(L, kn, "duplicate key '%d'", level);
			} else if (vn->type != YN_SCALAR) {
				bad(L, vn, "expected an ID such as L3-CES1-01, found %s",
				    type_names[vn->type]);
			} else if ((id = get_string(L, vn)) &&
				   check_id(L, vn, id, level, c->code, ext) == 0) {
				r->ids[level] = id;
				levels |= 1u << level;
				loc_add(&L->ids, id, L->w.file, vn->line, vn->col, r);
			}
		}
		path_pop(L, m2);
	}
	path_pop(L, mark);
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX && !lowest; level++)
		if (levels & (1u << level))
			lowest = level;

	mark = path_push(L, "importance");
	if (get_enum(L, v[IMP], importance_names, MLPS_IMP_COUNT, &imp) == 0)
		r->importance = (enum mlps_importance)imp;
	path_pop(L, mark);

	mark = path_push(L, "methods");
	if (v[METHODS] && v[METHODS]->n == 0)
		bad(L, v[METHODS], "must list at least one method");
	for (i = 0; v[METHODS] && i < v[METHODS]->n; i++) {
		size_t m2 = path_push_index(L, i);
		int m;

		if (get_enum(L, v[METHODS]->items[i], method_names, 3, &m) == 0) {
			if (r->methods & (1u << m))
				bad(L, v[METHODS]->items[i], "method '%s' is listed twice",
				    method_names[m]);
			r->methods |= 1u << m;
		}
		path_pop(L, m2);
	}
	path_pop(L, mark);

	mark = path_push(L, "text");
	get_text(L, v[TEXT], &r->text);
	path_pop(L, mark);
	mark = path_push(L, "variants");
	r->variants = get_variants(L, v[VARIANTS], levels, lowest, &r->n_variants);
	path_pop(L, mark);
	mark = path_push(L, "guidance");
	get_text(L, v[GUIDANCE], &r->guidance);
	path_pop(L, mark);
	mark = path_push(L, "remediation");
	get_text(L, v[REMEDIATION], &r->remediation);
	path_pop(L, mark);
	get_kinds(L, v[KINDS], &r->kinds);
	get_roles(L, v[ROLES], ext, &r->roles);
	if (!r->roles)
		r->roles = r->cp->roles;
	if (ext == MLPS_EXT_CLOUD && !r->roles)
		bad(L, n, "cloud requirement '%s' names no cloud roles (give 'roles:' with platform, customer "
			  "or both, on it or on its control point)", r->key ? r->key : "?");

	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const char *zh;

		if (!r->ids[level])
			continue;
		zh = mlps_req_text(r, level)->zh;
		r->hash[level] = zh ? XXH3_64bits(zh, strlen(zh)) : 0;
	}
}

static void load_control_point(struct loader *L, const struct ynode *n,
			       struct mlps_control_point *cp, const struct mlps_category *c,
			       enum mlps_ext ext)
{
	enum { K, NAME, VARIANTS, KINDS, ROLES, REQS, NKEYS };
	static const struct keyspec spec[NKEYS] = {
		[K] = { "key", YN_SCALAR, 1 },
		[NAME] = { "name", YN_MAP, 1 },
		[VARIANTS] = { "variants", YN_MAP, 0 },
		[KINDS] = { "kinds", YN_SEQ, 0 },
		[ROLES] = { "roles", YN_SEQ, 0 },
		[REQS] = { "requirements", YN_SEQ, 1 },
	};
	const struct ynode *v[NKEYS];
	struct mlps_requirement *reqs;
	size_t i, mark;

	cp->ext = ext;
	cp->category = c;
	check_map(L, n, spec, NKEYS, v);
	mark = path_push(L, "key");
	cp->key = get_key(L, v[K], &L->cp_keys, cp);
	path_pop(L, mark);
	mark = path_push(L, "name");
	get_text(L, v[NAME], &cp->name);
	path_pop(L, mark);
	mark = path_push(L, "variants");
	cp->variants = get_variants(L, v[VARIANTS], 0x1e, 1, &cp->n_variants);
	path_pop(L, mark);
	get_kinds(L, v[KINDS], &cp->kinds);
	get_roles(L, v[ROLES], ext, &cp->roles);
	if (!v[REQS])
		return;
	if (v[REQS]->n == 0)
		bad(L, v[REQS], "requirements: must list at least one requirement");
	reqs = arena_alloc(&L->cat->arena, (v[REQS]->n ? v[REQS]->n : 1) * sizeof(*reqs));
	cp->reqs = arena_alloc(&L->cat->arena, (v[REQS]->n ? v[REQS]->n : 1) * sizeof(*cp->reqs));
	mark = path_push(L, "requirements");
	for (i = 0; i < v[REQS]->n; i++) {
		size_t m2 = path_push_index(L, i);

		reqs[i].cp = cp;
		load_requirement(L, v[REQS]->items[i], &reqs[i], c, ext);
		cp->reqs[i] = &reqs[i];
		path_pop(L, m2);
	}
	cp->n_reqs = v[REQS]->n;
	path_pop(L, mark);
}

/* Finds the category with `code`, or adds it; a repeated one must agree. */
static struct build_cat *category_for(struct loader *L, const struct ynode *n, const char *code,
				      int kind, const struct mlps_text *name)
{
	struct mlps_category *c;
	size_t i;

	for (i = 0; i < L->n_bcats; i++) {
		c = L->bcats[i].cat;
		if (strcmp(c->code, code))
			continue;
		if ((int)c->kind != kind || strcmp(c->name.zh, name->zh) || strcmp(c->name.en, name->en))
			bad(L, n, "category %s is declared again with a different kind or name "
				  "(it is %s, %s / %s)", code, kind_names[c->kind], c->name.zh, c->name.en);
		return &L->bcats[i];
	}
	c = arena_alloc(&L->cat->arena, sizeof(*c));
	memcpy(c->code, code, 3);
	c->kind = (enum mlps_kind)kind;
	c->name = *name;
	mlps_grow((void **)&L->bcats, &L->a_bcats, L->n_bcats + 1, sizeof(*L->bcats));
	L->bcats[L->n_bcats] = (struct build_cat){ c, NULL, 0, 0 };
	return &L->bcats[L->n_bcats++];
}

static void load_category(struct loader *L, const struct ynode *n, enum mlps_ext ext)
{
	enum { CODE, KIND, NAME, CPS, NKEYS };
	static const struct keyspec spec[NKEYS] = {
		[CODE] = { "code", YN_SCALAR, 1 },
		[KIND] = { "kind", YN_SCALAR, 1 },
		[NAME] = { "name", YN_MAP, 1 },
		[CPS] = { "control_points", YN_SEQ, 1 },
	};
	const struct ynode *v[NKEYS];
	struct mlps_text name = { NULL, NULL };
	struct build_cat *bc;
	const char *code = NULL;
	int kind = -1;
	size_t i, mark;

	check_map(L, n, spec, NKEYS, v);
	mark = path_push(L, "code");
	if (v[CODE]) {
		code = v[CODE]->str;
		if (strlen(code) != 3 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
			bad(L, v[CODE], "category code '%s' must be three capital letters", code);
			code = NULL;
		}
	}
	path_pop(L, mark);
	mark = path_push(L, "kind");
	get_enum(L, v[KIND], kind_names, 2, &kind);
	path_pop(L, mark);
	mark = path_push(L, "name");
	get_text(L, v[NAME], &name);
	path_pop(L, mark);
	if (!code || kind < 0 || !name.zh || !name.en || !v[CPS])
		return;
	bc = category_for(L, n, code, kind, &name);
	if (v[CPS]->n == 0)
		bad(L, v[CPS], "control_points: must list at least one control point");
	mark = path_push(L, "control_points");
	for (i = 0; i < v[CPS]->n; i++) {
		struct mlps_control_point *cp = arena_alloc(&L->cat->arena, sizeof(*cp));
		size_t m2 = path_push_index(L, i);

		/* bc may move when categories grow, but only category_for() grows them. */
		load_control_point(L, v[CPS]->items[i], cp, bc->cat, ext);
		mlps_grow((void **)&bc->cps, &bc->alloc, bc->n + 1, sizeof(*bc->cps));
		bc->cps[bc->n++] = cp;
		path_pop(L, m2);
	}
	path_pop(L, mark);
}

static void load_profile(struct loader *L, const struct ynode *root)
{
	enum { VERSION, EXT, CATS, NKEYS };
	static const struct keyspec spec[NKEYS] = {
		[VERSION] = { "mlps-profile", YN_SCALAR, 1 },
		[EXT] = { "extension", YN_SCALAR, 1 },
		[CATS] = { "categories", YN_SEQ, 1 },
	};
	const struct ynode *v[NKEYS];
	int ext = -1;
	size_t i, mark;

	check_map(L, root, spec, NKEYS, v);
	mark = path_push(L, "extension");
	get_enum(L, v[EXT], ext_names, MLPS_EXT_COUNT, &ext);
	path_pop(L, mark);
	if (ext < 0 || !v[CATS])
		return;
	if (v[CATS]->n == 0)
		bad(L, v[CATS], "categories: must list at least one category");
	mark = path_push(L, "categories");
	for (i = 0; i < v[CATS]->n; i++) {
		size_t m2 = path_push_index(L, i);

		load_category(L, v[CATS]->items[i], (enum mlps_ext)ext);
		path_pop(L, m2);
	}
	path_pop(L, mark);
}

static bool valid_scenario_id(const char *s)
{
	size_t i, dots = 0;

	if (!s[0] || s[0] == '.')
		return false;
	for (i = 0; s[i]; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.' || s[i + 1] == '\0')
				return false;
			dots++;
		} else if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return dots >= 1 && i <= 16;
}

static void load_scenario(struct loader *L, const struct ynode *n)
{
	enum { ID, SCOPE, REQ, MIN, GUIDE, COND, TITLE, DESC, MITIG, NKEYS };
	static const struct keyspec spec[NKEYS] = {
		[ID] = { "id", YN_SCALAR, 1 },
		[SCOPE] = { "scope", YN_SCALAR, 1 },
		[REQ] = { "requirement", YN_SCALAR, 1 },
		[MIN] = { "min_level", YN_SCALAR, 1 },
		[GUIDE] = { "guide_level", YN_SCALAR, 0 },
		[COND] = { "conditions", YN_SEQ, 0 },
		[TITLE] = { "title", YN_MAP, 1 },
		[DESC] = { "description", YN_MAP, 1 },
		[MITIG] = { "mitigation", YN_MAP, 1 },
	};
	const struct ynode *v[NKEYS];
	struct mlps_scenario *s;
	int scope, c;
	size_t i, mark;

	mlps_grow((void **)&L->scenarios, &L->a_scenarios, L->n_scenarios + 1, sizeof(*L->scenarios));
	s = &L->scenarios[L->n_scenarios++];
	memset(s, 0, sizeof(*s));
	check_map(L, n, spec, NKEYS, v);

	mark = path_push(L, "id");
	if ((s->id = get_string(L, v[ID])) != NULL) {
		if (!valid_scenario_id(s->id)) {
			bad(L, v[ID], "scenario id '%s' must be dotted numbers such as 6.4.1.1", s->id);
		} else {
			loc_add(&L->scenario_ids, s->id, L->w.file, v[ID]->line, v[ID]->col,
				(const void *)(L->n_scenarios - 1));
		}
	}
	path_pop(L, mark);
	mark = path_push(L, "scope");
	if (get_enum(L, v[SCOPE], ext_names, MLPS_EXT_COUNT, &scope) == 0)
		s->scope = (enum mlps_ext)scope;
	path_pop(L, mark);
	mark = path_push(L, "min_level");
	get_int(L, v[MIN], MLPS_LEVEL_MIN, MLPS_LEVEL_MAX, &s->min_level);
	/* Where the catalogue departs from the guide's level, the guide's is kept so users are told. */
	if (v[GUIDE] && get_int(L, v[GUIDE], MLPS_LEVEL_MIN, MLPS_LEVEL_MAX, &s->guide_level) == 0 &&
	    s->guide_level == s->min_level)
		bad(L, v[GUIDE], "guide_level %d is min_level: give it only where the two differ", s->guide_level);
	path_pop(L, mark);
	mark = path_push(L, "conditions");
	for (i = 0; v[COND] && i < v[COND]->n; i++) {
		size_t m2 = path_push_index(L, i);

		if (get_enum(L, v[COND]->items[i], condition_names, 4, &c) == 0) {
			if (s->conditions & (1u << c))
				bad(L, v[COND]->items[i], "condition '%s' is listed twice",
				    condition_names[c]);
			s->conditions |= 1u << c;
		}
		path_pop(L, m2);
	}
	path_pop(L, mark);
	mark = path_push(L, "requirement");
	if (v[REQ] && get_string(L, v[REQ])) {
		mlps_grow((void **)&L->refs, &L->a_refs, L->n_refs + 1, sizeof(*L->refs));
		L->refs[L->n_refs++] = (struct pending_ref){
			L->n_scenarios - 1, arena_strdup(&L->cat->arena, v[REQ]->str), L->w.file,
			v[REQ]->line, v[REQ]->col
		};
	}
	path_pop(L, mark);
	mark = path_push(L, "title");
	get_text(L, v[TITLE], &s->title);
	path_pop(L, mark);
	mark = path_push(L, "description");
	get_text(L, v[DESC], &s->description);
	path_pop(L, mark);
	mark = path_push(L, "mitigation");
	get_text(L, v[MITIG], &s->mitigation);
	path_pop(L, mark);
}

static void load_high_risk(struct loader *L, const struct ynode *root)
{
	static const struct keyspec spec[] = {
		{ "mlps-high-risk", YN_SCALAR, 1 },
		{ "scenarios", YN_SEQ, 1 },
	};
	const struct ynode *v[2];
	size_t i, mark;

	check_map(L, root, spec, 2, v);
	if (!v[1])
		return;
	mark = path_push(L, "scenarios");
	for (i = 0; i < v[1]->n; i++) {
		size_t m2 = path_push_index(L, i);

		load_scenario(L, v[1]->items[i]);
		path_pop(L, m2);
	}
	path_pop(L, mark);
}

static const char *const confidence_names[MLPS_CONF_COUNT] = { "confirmed", "single-source",
								 "reconstructed" };

/* A constant's `source` (text) and `confidence` (rules version 2). */
static void get_provenance(struct loader *L, const struct ynode *src, const struct ynode *conf,
			   struct mlps_provenance *p)
{
	size_t mark;
	int c;

	mark = path_push(L, "source");
	get_text(L, src, &p->source);
	path_pop(L, mark);
	mark = path_push(L, "confidence");
	if (get_enum(L, conf, confidence_names, MLPS_CONF_COUNT, &c) == 0)
		p->confidence = (enum mlps_confidence)c;
	path_pop(L, mark);
}

/* "above 90" or "min 60", for messages about band order. */
static void bound_text(struct strbuf *sb, const struct mlps_band *b)
{
	strbuf_addf(sb, "%s %g", b->above ? "above" : "min", b->min);
}

/*
 * One band. Version 1: `min` (inclusive) and `max_risk`, both required.
 * Version 2: exactly one lower bound, `above` (exclusive) or `min`
 * (inclusive), and an optional `max_risk` (none: the band holds whatever
 * the risks).
 */
static void load_band(struct loader *L, const struct ynode *n, struct mlps_band *b, int version)
{
	enum { LABEL, MIN, MAX_RISK, ABOVE, NKEYS };
	static const struct keyspec spec1[] = {
		[LABEL] = { "label", YN_MAP, 1 },
		[MIN] = { "min", YN_SCALAR, 1 },
		[MAX_RISK] = { "max_risk", YN_SCALAR, 1 },
	};
	static const struct keyspec spec2[NKEYS] = {
		[LABEL] = { "label", YN_MAP, 1 },
		[MIN] = { "min", YN_SCALAR, 0 },
		[MAX_RISK] = { "max_risk", YN_SCALAR, 0 },
		[ABOVE] = { "above", YN_SCALAR, 0 },
	};
	const struct ynode *v[NKEYS] = { NULL };
	size_t mark;
	int risk;

	b->max_risk = version == 1 ? MLPS_RISK_NONE : MLPS_RISK_HIGH;
	b->min = 101;   /* an unloadable band never matches */
	b->above = false;
	if (version == 1)
		check_map(L, n, spec1, 3, v);
	else
		check_map(L, n, spec2, NKEYS, v);
	mark = path_push(L, "label");
	get_text(L, v[LABEL], &b->label);
	path_pop(L, mark);
	if (version == 2 && n->type == YN_MAP) {
		if (!v[MIN] && !v[ABOVE])
			bad(L, n, "a band needs a lower bound: above (exclusive) or min (inclusive)");
		else if (v[MIN] && v[ABOVE])
			bad(L, v[ABOVE], "a band has one lower bound: above or min, not both");
	}
	mark = path_push(L, v[ABOVE] ? "above" : "min");
	if (v[ABOVE] && !v[MIN]) {
		if (get_number(L, v[ABOVE], 0, 100, &b->min) == 0)
			b->above = true;
	} else if (v[MIN]) {
		get_number(L, v[MIN], 0, 100, &b->min);
	}
	path_pop(L, mark);
	mark = path_push(L, "max_risk");
	if (v[MAX_RISK] && get_enum(L, v[MAX_RISK], risk_names, MLPS_RISK_COUNT, &risk) == 0)
		b->max_risk = (enum mlps_risk)risk;
	path_pop(L, mark);
}

static void load_verdict(struct loader *L, const struct ynode *n, struct mlps_verdict_rule *r, int version)
{
	enum { ID, NAME, SOURCE, MEASURE, BANDS, VERIFIED, CONFIDENCE = VERIFIED, PRIMARY, NKEYS };
	static const struct keyspec spec1[] = {
		[ID] = { "id", YN_SCALAR, 1 },
		[NAME] = { "name", YN_MAP, 1 },
		[SOURCE] = { "source", YN_MAP, 1 },
		[MEASURE] = { "measure", YN_SCALAR, 1 },
		[BANDS] = { "bands", YN_SEQ, 1 },
		[VERIFIED] = { "verified", YN_SCALAR, 1 },
	};
	/* Version 2 says how sure a rule is (confidence) instead of yes/no (verified). */
	static const struct keyspec spec2[NKEYS] = {
		[ID] = { "id", YN_SCALAR, 1 },
		[NAME] = { "name", YN_MAP, 1 },
		[SOURCE] = { "source", YN_MAP, 1 },
		[MEASURE] = { "measure", YN_SCALAR, 1 },
		[BANDS] = { "bands", YN_SEQ, 1 },
		[CONFIDENCE] = { "confidence", YN_SCALAR, 1 },
		[PRIMARY] = { "primary", YN_SCALAR, 0 },
	};
	static const char *const measure_names1[] = { "score", "rate" };
	/* The importance-weighted `score` of version 1 is not a figure of any report template. */
	static const char *const measure_names2[] = { NULL, "rate", "composite" };
	const struct ynode *v[NKEYS] = { NULL };
	struct mlps_band *bands;
	size_t i, mark;
	int measure, conf;

	if (version == 1)
		check_map(L, n, spec1, VERIFIED + 1, v);
	else
		check_map(L, n, spec2, NKEYS, v);
	mark = path_push(L, "id");
	r->id = get_string(L, v[ID]);
	if (r->id && !valid_key(r->id)) {
		bad(L, v[ID], "verdict id '%s' must be lowercase ASCII letters, digits, '.', '_' or '-'",
		    r->id);
		r->id = NULL;
	}
	path_pop(L, mark);
	mark = path_push(L, "name");
	get_text(L, v[NAME], &r->name);
	path_pop(L, mark);
	mark = path_push(L, "source");
	get_text(L, v[SOURCE], &r->source);
	path_pop(L, mark);
	if (version == 1) {
		mark = path_push(L, "verified");
		get_bool(L, v[VERIFIED], &r->verified);
		path_pop(L, mark);
		r->confidence = r->verified ? MLPS_CONF_CONFIRMED : MLPS_CONF_RECONSTRUCTED;
	} else {
		mark = path_push(L, "confidence");
		if (get_enum(L, v[CONFIDENCE], confidence_names, MLPS_CONF_COUNT, &conf) == 0)
			r->confidence = (enum mlps_confidence)conf;
		path_pop(L, mark);
		r->verified = r->confidence == MLPS_CONF_CONFIRMED;
		mark = path_push(L, "primary");
		if (v[PRIMARY])
			get_bool(L, v[PRIMARY], &r->primary);
		path_pop(L, mark);
	}
	mark = path_push(L, "measure");
	if (get_enum(L, v[MEASURE], version == 1 ? measure_names1 : measure_names2, version == 1 ? 2 : 3,
		     &measure) == 0)
		r->measure = (enum mlps_measure)measure;
	path_pop(L, mark);
	if (!v[BANDS])
		return;
	if (v[BANDS]->n == 0) {
		bad(L, v[BANDS], "bands: must list at least one band");
		return;
	}
	bands = arena_alloc(&L->cat->arena, v[BANDS]->n * sizeof(*bands));
	mark = path_push(L, "bands");
	for (i = 0; i < v[BANDS]->n; i++) {
		size_t m2 = path_push_index(L, i);

		load_band(L, v[BANDS]->items[i], &bands[i], version);
		/*
		 * The first band that fits wins, so a band whose lower bound is
		 * higher than the one before it could never be reached on its
		 * bound alone: that is a mistake in the file, not a rule.
		 */
		if (i > 0 && bands[i].min <= 100 && bands[i - 1].min <= 100 &&
		    (bands[i].min > bands[i - 1].min ||
		     (bands[i].min == bands[i - 1].min && bands[i].above && !bands[i - 1].above))) {
			struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

			bound_text(&a, &bands[i]);
			bound_text(&b, &bands[i - 1]);
			bad(L, v[BANDS]->items[i],
			    "bands out of order: %s is higher than the previous band's %s; list bands "
			    "from the highest lower bound down", a.buf, b.buf);
			strbuf_release(&a);
			strbuf_release(&b);
		}
		path_pop(L, m2);
	}
	if (bands[i - 1].min != 0 || bands[i - 1].above || bands[i - 1].max_risk != MLPS_RISK_HIGH)
		bad(L, v[BANDS]->items[i - 1],
		    version == 1 ? "the last band must fit every case: min 0 and max_risk high"
				 : "the last band must fit every case: min: 0 and no max_risk");
	path_pop(L, mark);
	r->bands = bands;
	r->n_bands = v[BANDS]->n;
}

/* A map of importance -> number, plus source and confidence (version 2). */
static void load_by_importance(struct loader *L, const struct ynode *n, double out[MLPS_IMP_COUNT],
			       struct mlps_provenance *p, const char *what)
{
	static const struct keyspec spec[] = {
		{ "key", YN_SCALAR, 1 }, { "important", YN_SCALAR, 1 }, { "general", YN_SCALAR, 1 },
		{ "source", YN_MAP, 1 }, { "confidence", YN_SCALAR, 1 },
	};
	const struct ynode *v[5];
	size_t i;

	if (!n)
		return;
	check_map(L, n, spec, p ? 5 : 3, v);
	for (i = 0; i < MLPS_IMP_COUNT; i++) {
		size_t m2 = path_push(L, spec[i].name);

		if (get_number(L, v[i], 0, 1000, &out[i]) == 0 && out[i] <= 0)
			bad(L, v[i], "%s must be greater than 0", what);
		path_pop(L, m2);
	}
	if (p)
		get_provenance(L, v[3], v[4], p);
}

/* {value: X, source: ..., confidence: ...}: one constant with its provenance. Returns the value node. */
static const struct ynode *load_constant(struct loader *L, const struct ynode *n, struct mlps_provenance *p)
{
	static const struct keyspec spec[] = {
		{ "value", YN_SCALAR, 1 }, { "source", YN_MAP, 1 }, { "confidence", YN_SCALAR, 1 },
	};
	const struct ynode *v[3];

	if (!n)
		return NULL;
	check_map(L, n, spec, 3, v);
	get_provenance(L, v[1], v[2], p);
	path_push(L, "value");
	return v[0];
}

static const char *const combine_names[] = { "mean", "min" };
static const char *const base_names[] = { "whole", "per-part" };

/* The 2021 composite: deduction factors, the attention coefficient y, the base score. */
static void load_composite(struct loader *L, const struct ynode *n, struct mlps_rules *r)
{
	enum { FACTORS, ATTENTION, BASE, NKEYS };
	static const struct keyspec spec[NKEYS] = {
		[FACTORS] = { "factors", YN_MAP, 1 },
		[ATTENTION] = { "attention", YN_MAP, 1 },
		[BASE] = { "base_score", YN_MAP, 1 },
	};
	const struct ynode *v[NKEYS], *x;
	size_t mark, m2;
	int e;

	check_map(L, n, spec, NKEYS, v);
	mark = path_push(L, "factors");
	load_by_importance(L, v[FACTORS], r->factors, &r->factors_src, "a deduction factor");
	path_pop(L, mark);
	mark = path_push(L, "attention");
	m2 = L->w.path.len;
	if ((x = load_constant(L, v[ATTENTION], &r->attention_src)) &&
	    get_number(L, x, -1e9, 1e9, &r->attention) == 0 && (r->attention < 0 || r->attention > 1))
		bad(L, x, "the attention coefficient y must be from 0 to 1, found '%s'", x->str);
	path_pop(L, m2);
	path_pop(L, mark);
	mark = path_push(L, "base_score");
	m2 = L->w.path.len;
	if ((x = load_constant(L, v[BASE], &r->base_src)) && get_enum(L, x, base_names, 2, &e) == 0)
		r->base = (enum mlps_base_score)e;
	path_pop(L, m2);
	path_pop(L, mark);
	r->has_composite = true;
}

/*
 * A rules file. Version 1 (values, weights, default_risk, verdicts with
 * `min`/`max_risk` bands and a `verified` flag) still loads and scores as
 * it always did. Version 2 gives every constant a source and a confidence,
 * adds how objects combine, the control-point scale, the composite, and
 * bands with an exclusive or inclusive bound and an optional risk condition.
 */
static void load_rules(struct loader *L, const struct ynode *root, int version)
{
	enum { VERSION, ID, VALUES, WEIGHTS, RISK, VERDICTS, COMBINE, SCALE, COMPOSITE, NKEYS };
	static const struct keyspec spec1[] = {
		[VERSION] = { "mlps-rules", YN_SCALAR, 1 },
		[ID] = { "id", YN_SCALAR, 1 },
		[VALUES] = { "values", YN_MAP, 1 },
		[WEIGHTS] = { "weights", YN_MAP, 1 },
		[RISK] = { "default_risk", YN_MAP, 1 },
		[VERDICTS] = { "verdicts", YN_SEQ, 1 },
	};
	static const struct keyspec spec2[NKEYS] = {
		[VERSION] = { "mlps-rules", YN_SCALAR, 1 },
		[ID] = { "id", YN_SCALAR, 1 },
		[VALUES] = { "values", YN_MAP, 1 },
		[WEIGHTS] = { "weights", YN_MAP, 1 },
		[RISK] = { "default_risk", YN_MAP, 1 },
		[VERDICTS] = { "verdicts", YN_SEQ, 1 },
		[COMBINE] = { "combine", YN_MAP, 1 },
		[SCALE] = { "scale", YN_MAP, 1 },
		[COMPOSITE] = { "composite", YN_MAP, 1 },
	};
	static const struct keyspec value_spec[] = {
		{ "compliant", YN_SCALAR, 1 },    { "partial", YN_SCALAR, 1 },
		{ "noncompliant", YN_SCALAR, 1 }, { "todo", YN_SCALAR, 1 },
		{ "unanswered", YN_SCALAR, 1 },   { "source", YN_MAP, 1 },
		{ "confidence", YN_SCALAR, 1 },
	};
	static const enum mlps_status value_status[] = { MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL,
							  MLPS_ST_NONCOMPLIANT, MLPS_ST_TODO,
							  MLPS_ST_UNANSWERED };
	static const struct keyspec risk_spec[] = {
		{ "noncompliant", YN_SCALAR, 1 }, { "partial", YN_SCALAR, 1 },
		{ "source", YN_MAP, 1 },          { "confidence", YN_SCALAR, 1 },
	};
	const size_t extra = version == 1 ? 0 : 2;     /* source and confidence */
	const struct ynode *v[NKEYS], *sub[7], *x;
	struct mlps_rules *r;
	struct mlps_verdict_rule *verdicts;
	size_t i, j, mark, m2;
	int risk, e;

	if (L->rules_file) {
		bad(L, root, "a second rules file; the set already has one in %s (line %u)",
		    L->rules_file, L->rules_line);
		return;
	}
	L->rules_file = L->w.file;
	L->rules_line = root->line;
	r = arena_alloc(&L->cat->arena, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->version = version;
	/* What version 1 implied: the mean over objects, scores on 100 points. */
	r->combine = MLPS_COMBINE_MEAN;
	r->scale = version == 1 ? 100 : 10;
	if (version == 1)
		check_map(L, root, spec1, VERDICTS + 1, v);
	else
		check_map(L, root, spec2, NKEYS, v);
	mark = path_push(L, "id");
	r->id = get_string(L, v[ID]);
	path_pop(L, mark);

	mark = path_push(L, "values");
	if (v[VALUES]) {
		check_map(L, v[VALUES], value_spec, 5 + extra, sub);
		for (i = 0; i < 5; i++) {
			m2 = path_push(L, value_spec[i].name);
			get_number(L, sub[i], 0, 1, &r->values[value_status[i]]);
			path_pop(L, m2);
		}
		if (extra)
			get_provenance(L, sub[5], sub[6], &r->values_src);
	}
	path_pop(L, mark);
	mark = path_push(L, "weights");
	load_by_importance(L, v[WEIGHTS], r->weights, extra ? &r->weights_src : NULL, "a weight");
	path_pop(L, mark);
	mark = path_push(L, "default_risk");
	if (v[RISK]) {
		check_map(L, v[RISK], risk_spec, 2 + extra, sub);
		for (i = 0; i < 2; i++) {
			m2 = path_push(L, risk_spec[i].name);
			if (get_enum(L, sub[i], risk_names, MLPS_RISK_COUNT, &risk) == 0) {
				if (risk == MLPS_RISK_NONE)
					bad(L, sub[i], "a gap carries a risk: low, medium or high");
				else if (i == 0)
					r->default_risk_noncompliant = (enum mlps_risk)risk;
				else
					r->default_risk_partial = (enum mlps_risk)risk;
			}
			path_pop(L, m2);
		}
		if (extra)
			get_provenance(L, sub[2], sub[3], &r->risk_src);
	}
	path_pop(L, mark);
	if (version == 2) {
		mark = path_push(L, "combine");
		m2 = L->w.path.len;
		if ((x = load_constant(L, v[COMBINE], &r->combine_src)) &&
		    get_enum(L, x, combine_names, 2, &e) == 0)
			r->combine = (enum mlps_combine)e;
		path_pop(L, m2);
		path_pop(L, mark);
		mark = path_push(L, "scale");
		m2 = L->w.path.len;
		if ((x = load_constant(L, v[SCALE], &r->scale_src)) &&
		    get_number(L, x, 0, 1000, &r->scale) == 0 && r->scale <= 0)
			bad(L, x, "the scale must be greater than 0");
		path_pop(L, m2);
		path_pop(L, mark);
		mark = path_push(L, "composite");
		if (v[COMPOSITE])
			load_composite(L, v[COMPOSITE], r);
		path_pop(L, mark);
	}
	if (v[VERDICTS]) {
		mark = path_push(L, "verdicts");
		if (v[VERDICTS]->n == 0)
			bad(L, v[VERDICTS], "must list at least one verdict rule");
		verdicts = arena_alloc(&L->cat->arena,
				       (v[VERDICTS]->n ? v[VERDICTS]->n : 1) * sizeof(*verdicts));
		memset(verdicts, 0, (v[VERDICTS]->n ? v[VERDICTS]->n : 1) * sizeof(*verdicts));
		r->primary = SIZE_MAX;
		for (i = 0; i < v[VERDICTS]->n; i++) {
			m2 = path_push_index(L, i);
			load_verdict(L, v[VERDICTS]->items[i], &verdicts[i], version);
			for (j = 0; j < i && verdicts[i].id; j++)
				if (verdicts[j].id && !strcmp(verdicts[j].id, verdicts[i].id))
					bad(L, v[VERDICTS]->items[i], "verdict id '%s' is used twice",
					    verdicts[i].id);
			if (verdicts[i].primary && r->primary != SIZE_MAX)
				bad(L, v[VERDICTS]->items[i], "only one verdict rule may be primary; "
				    "verdicts[%zu] already is", r->primary);
			else if (verdicts[i].primary)
				r->primary = i;
			if (verdicts[i].measure == MLPS_MEASURE_COMPOSITE && !r->has_composite)
				bad(L, v[VERDICTS]->items[i], "measure composite needs a composite section");
			path_pop(L, m2);
		}
		/* Without a primary rule the first one leads, as version 1 always did. */
		if (r->primary == SIZE_MAX)
			r->primary = 0;
		verdicts[r->primary].primary = true;
		r->verdicts = verdicts;
		r->n_verdicts = v[VERDICTS]->n;
		path_pop(L, mark);
	}
	L->cat->rules = r;
}

/*
 * The object-kind vocabulary (mlps-objects: 1): what an assessment's objects
 * may be. Requirements refer to these names in their `kinds:` lists.
 */
static void load_objects(struct loader *L, const struct ynode *root)
{
	static const struct keyspec spec[] = {
		{ "mlps-objects", YN_SCALAR, 1 },
		{ "kinds", YN_SEQ, 1 },
	};
	static const struct keyspec kind_spec[] = {
		{ "name", YN_SCALAR, 1 },
		{ "label", YN_MAP, 1 },
	};
	const struct ynode *v[2];
	size_t i, mark;

	check_map(L, root, spec, 2, v);
	if (!v[1])
		return;
	if (v[1]->n == 0)
		bad(L, v[1], "kinds: must list at least one object kind");
	mark = path_push(L, "kinds");
	for (i = 0; i < v[1]->n; i++) {
		const struct ynode *kv[2];
		struct mlps_object_kind k = { NULL, { NULL, NULL }, 0 };
		size_t m2 = path_push_index(L, i), m3;

		check_map(L, v[1]->items[i], kind_spec, 2, kv);
		m3 = path_push(L, "name");
		k.name = get_key(L, kv[0], &L->kind_names, (const void *)(uintptr_t)L->n_vocab);
		path_pop(L, m3);
		m3 = path_push(L, "label");
		get_text(L, kv[1], &k.label);
		path_pop(L, m3);
		if (k.name && k.label.zh && k.label.en) {
			if (L->n_vocab == MLPS_KINDS_MAX) {
				bad(L, v[1]->items[i], "more than %d object kinds", MLPS_KINDS_MAX);
			} else {
				k.index = L->n_vocab;
				mlps_grow((void **)&L->vocab, &L->a_vocab, L->n_vocab + 1, sizeof(*L->vocab));
				L->vocab[L->n_vocab++] = k;
			}
		}
		path_pop(L, m2);
	}
	path_pop(L, mark);
}

/* Which schema and version a file holds, from its first key. */
static void load_document(struct loader *L, const struct ynode *root)
{
	static const char *const kinds[] = { "mlps-profile", "mlps-high-risk", "mlps-rules", "mlps-objects",
					     "mlps-checks" };
	const struct ynode *k, *v;
	size_t i, mark;
	int version;

	if (root->type != YN_MAP || root->n == 0) {
		bad(L, root, "expected a mapping whose first key is mlps-profile, mlps-high-risk, "
			     "mlps-rules, mlps-objects or mlps-checks");
		return;
	}
	k = root->items[0];
	v = root->items[1];
	for (i = 0; i < 5; i++)
		if (k->type == YN_SCALAR && !strcmp(k->str, kinds[i]))
			break;
	if (i == 5) {
		bad(L, k, "the first key must be mlps-profile, mlps-high-risk, mlps-rules, "
			  "mlps-objects or mlps-checks, found '%s'", k->type == YN_SCALAR ? k->str : type_names[k->type]);
		return;
	}
	mark = path_push(L, kinds[i]);
	version = 0;
	/* Rules files have a version 2 (sources and confidence, the composite); the others only 1. */
	if (get_int(L, v, 0, 999999, &version) == 0 && version != 1 && !(i == 2 && version == 2)) {
		if (i == 2)
			bad(L, v, "schema version %d is not supported (this mlps reads versions 1 and 2)",
			    version);
		else
			bad(L, v, "schema version %d is not supported (this mlps reads version 1)", version);
		version = 0;
	}
	path_pop(L, mark);
	if (i == 0)
		load_profile(L, root);
	else if (i == 1)
		load_high_risk(L, root);
	else if (i == 2) {
		/* An unknown version's keys would only add noise to the one message that matters. */
		if (version)
			load_rules(L, root, version);
	}
	else if (i == 3)
		load_objects(L, root);
	else
		checks_load_doc(L->cat, L->w.file, root, L->w.err);
}

static int cmp_loc(const void *a, const void *b)
{
	const struct loc_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	/* Definition order breaks ties, so the later definition is the one reported. */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void report_duplicates(struct loader *L, struct loc_list *list, const char *what)
{
	size_t i;

	if (list->n > 1)
		qsort(list->v, list->n, sizeof(*list->v), cmp_loc);
	for (i = 1; i < list->n; i++)
		if (!strcmp(list->v[i].name, list->v[i - 1].name)) {
			const struct loc_pos *dup = &list->at[list->v[i].seq];
			const struct loc_pos *first = &list->at[list->v[i - 1].seq];

			mlps_error_at(L->w.err, dup->file, dup->line, dup->col,
				      "%s '%s' is defined twice (first at %s:%u:%u)", what,
				      list->v[i].name, first->file, first->line, first->col);
		}
}

static int cmp_index(const void *a, const void *b)
{
	return strcmp(((const struct cat_index *)a)->name, ((const struct cat_index *)b)->name);
}

static struct cat_index *make_index(struct mlps_catalog *cat, const struct loc_list *list)
{
	struct cat_index *ix = arena_alloc(&cat->arena, (list->n ? list->n : 1) * sizeof(*ix));
	size_t i;

	for (i = 0; i < list->n; i++)
		ix[i] = (struct cat_index){ list->v[i].name, list->at[list->v[i].seq].item };
	return ix;
}

/*
 * Object kinds: the vocabulary becomes the catalogue's; every `kinds:` name
 * must be in it, and with a vocabulary every requirement must end up with at
 * least one kind (its own list, else its control point's). A set without a
 * vocabulary (a lone file being validated, an old user profile) skips the
 * checks: its requirements are then answered on the system object alone.
 */
static void resolve_kinds(struct loader *L)
{
	struct mlps_catalog *cat = L->cat;
	size_t i;
	bool has_system = false;

	report_duplicates(L, &L->kind_names, "object kind");
	cat->n_kinds = L->n_vocab;
	cat->kinds = arena_alloc(&cat->arena, (L->n_vocab ? L->n_vocab : 1) * sizeof(*cat->kinds));
	if (L->n_vocab)
		memcpy(cat->kinds, L->vocab, L->n_vocab * sizeof(*cat->kinds));
	if (!cat->n_kinds)
		return;
	for (i = 0; i < cat->n_kinds; i++)
		has_system |= !strcmp(cat->kinds[i].name, MLPS_KIND_SYSTEM);
	if (!has_system)
		mlps_error_set(L->w.err, MLPS_ERR_INPUT, "%s: the object kinds must include '%s' (the "
			       "system as a whole)", cat->dir, MLPS_KIND_SYSTEM);
	for (i = 0; i < L->n_kinds; i++) {
		const struct pending_kind *pk = &L->kinds[i];
		const struct mlps_object_kind *k = mlps_catalog_find_kind(cat, pk->name);

		if (!k) {
			struct strbuf known = STRBUF_INIT;
			size_t j;

			for (j = 0; j < cat->n_kinds; j++)
				strbuf_addf(&known, "%s%s", j ? ", " : "", cat->kinds[j].name);
			mlps_error_at(L->w.err, pk->file, pk->line, pk->col,
				      "unknown object kind '%s' (known: %s)", pk->name, known.buf);
			strbuf_release(&known);
			continue;
		}
		*pk->mask |= UINT32_C(1) << k->index;
	}
	for (i = 0; i < cat->n_reqs; i++) {
		struct mlps_requirement *r = (struct mlps_requirement *)cat->reqs[i];

		if (!r->kinds)
			r->kinds = r->cp->kinds;
		if (!r->kinds && r->key)
			mlps_error_at(L->w.err, r->file, r->line, r->col,
				      "requirement '%s' names no object kinds (give 'kinds:' on it or on "
				      "its control point)", r->key);
	}
}

/*
 * The scenarios of each requirement, so that scoring finds them by index
 * instead of scanning all of them for every requirement (a counting sort:
 * scenarios keep their definition order within a requirement).
 */
static void index_scenarios(struct mlps_catalog *cat)
{
	size_t i;

	cat->scen_first = arena_alloc(&cat->arena, (cat->n_reqs + 1) * sizeof(*cat->scen_first));
	cat->scen_of_req = arena_alloc(&cat->arena, (cat->n_scenarios ? cat->n_scenarios : 1) *
				       sizeof(*cat->scen_of_req));
	/* Counts, then running totals: scen_first[i] is where the run of i ends... */
	for (i = 0; i < cat->n_scenarios; i++)
		if (cat->scenarios[i].req)
			cat->scen_first[cat->scenarios[i].req->index]++;
	for (i = 1; i < cat->n_reqs; i++)
		cat->scen_first[i] += cat->scen_first[i - 1];
	if (cat->n_reqs)
		cat->scen_first[cat->n_reqs] = cat->scen_first[cat->n_reqs - 1];
	/* ...and filling from the back leaves it where the run starts, in definition order. */
	for (i = cat->n_scenarios; i-- > 0;) {
		const struct mlps_requirement *r = cat->scenarios[i].req;

		if (r)
			cat->scen_of_req[--cat->scen_first[r->index]] = &cat->scenarios[i];
	}
}

/* Cross-file checks and the final arrays, once every file is in. */
static void finish(struct loader *L)
{
	struct mlps_catalog *cat = L->cat;
	size_t i, j, k, n = 0;

	report_duplicates(L, &L->req_keys, "requirement key");
	report_duplicates(L, &L->cp_keys, "control point key");
	report_duplicates(L, &L->ids, "ID");
	report_duplicates(L, &L->scenario_ids, "scenario");

	cat->n_categories = L->n_bcats;
	cat->categories = arena_alloc(&cat->arena, (L->n_bcats ? L->n_bcats : 1) * sizeof(*cat->categories));
	for (i = 0; i < L->n_bcats; i++) {
		struct mlps_category *c = L->bcats[i].cat;

		c->cps = arena_alloc(&cat->arena, (L->bcats[i].n ? L->bcats[i].n : 1) * sizeof(*c->cps));
		if (L->bcats[i].n)
			memcpy(c->cps, L->bcats[i].cps, L->bcats[i].n * sizeof(*c->cps));
		c->n_cps = L->bcats[i].n;
		c->index = i;
		cat->categories[i] = c;
		for (j = 0; j < c->n_cps; j++) {
			((struct mlps_control_point *)c->cps[j])->index = cat->n_cps++;
			n += c->cps[j]->n_reqs;
		}
	}
	cat->reqs = arena_alloc(&cat->arena, (n ? n : 1) * sizeof(*cat->reqs));
	for (i = 0; i < cat->n_categories; i++)
		for (j = 0; j < cat->categories[i]->n_cps; j++) {
			const struct mlps_control_point *cp = cat->categories[i]->cps[j];

			for (k = 0; k < cp->n_reqs; k++) {
				((struct mlps_requirement *)cp->reqs[k])->index = cat->n_reqs;
				cat->reqs[cat->n_reqs++] = cp->reqs[k];
			}
		}
	cat->by_key = make_index(cat, &L->req_keys);
	cat->n_by_key = L->req_keys.n;
	cat->by_id = make_index(cat, &L->ids);
	cat->n_by_id = L->ids.n;

	/* Scenarios point at requirements by key; resolve and check them now. */
	cat->scenarios = arena_alloc(&cat->arena, (L->n_scenarios ? L->n_scenarios : 1) * sizeof(*cat->scenarios));
	if (L->n_scenarios)
		memcpy(cat->scenarios, L->scenarios, L->n_scenarios * sizeof(*cat->scenarios));
	cat->n_scenarios = L->n_scenarios;
	for (i = 0; i < L->n_refs; i++) {
		struct pending_ref *ref = &L->refs[i];
		struct mlps_scenario *s = &cat->scenarios[ref->scenario];
		const struct mlps_requirement *r;

		if (cat->n_reqs == 0)
			continue;   /* a lone scenario file: nothing to resolve against */
		r = mlps_catalog_find_key(cat, ref->key);
		if (!r) {
			mlps_error_at(L->w.err, ref->file, ref->line, ref->col,
				      "scenario %s: requirement '%s' does not exist in the set",
				      s->id ? s->id : "?", ref->key);
			continue;
		}
		if (s->min_level && !r->ids[s->min_level]) {
			mlps_error_at(L->w.err, ref->file, ref->line, ref->col,
				      "scenario %s: requirement '%s' does not apply at level %d, "
				      "the scenario's min_level", s->id ? s->id : "?", ref->key,
				      s->min_level);
			continue;
		}
		if (r->cp->ext != s->scope) {
			mlps_error_at(L->w.err, ref->file, ref->line, ref->col,
				      "scenario %s: requirement '%s' belongs to '%s', not to scope '%s'",
				      s->id ? s->id : "?", ref->key, ext_names[r->cp->ext],
				      ext_names[s->scope]);
			continue;
		}
		s->req = r;
	}
	resolve_kinds(L);
	checks_finish(cat, L->w.err);
	cat->by_scenario = make_index(cat, &L->scenario_ids);
	for (i = 0; i < L->scenario_ids.n; i++)
		cat->by_scenario[i].item = &cat->scenarios[(size_t)cat->by_scenario[i].item];
	if (L->scenario_ids.n > 1)
		qsort(cat->by_scenario, L->scenario_ids.n, sizeof(*cat->by_scenario), cmp_index);
	index_scenarios(cat);
}

static void loader_release(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->n_bcats; i++)
		free(L->bcats[i].cps);
	free(L->bcats);
	free(L->req_keys.v);
	free(L->req_keys.at);
	free(L->cp_keys.v);
	free(L->cp_keys.at);
	free(L->ids.v);
	free(L->ids.at);
	free(L->scenario_ids.v);
	free(L->scenario_ids.at);
	free(L->scenarios);
	free(L->refs);
	free(L->kinds);
	free(L->kind_names.v);
	free(L->kind_names.at);
	free(L->vocab);
	strbuf_release(&L->w.path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml files of dir, sorted by name; caller frees each and the array. */
static int list_yaml(const char *dir, char ***out, size_t *count, struct mlps_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0;

	if (!d)
		return mlps_error_set(err, errno == ENOENT || errno == ENOTDIR ? MLPS_ERR_INPUT : MLPS_ERR_RUNTIME,
				      "%s: cannot open profile directory: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		struct strbuf p = STRBUF_INIT;

		if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".yaml"))
			continue;
		strbuf_addf(&p, "%s/%s", dir, de->d_name);
		mlps_grow((void **)&names, &alloc, n + 1, sizeof(*names));
		names[n++] = strbuf_detach(&p, NULL);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	*out = names;
	*count = n;
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* A file of the set's checks/ folder (probe check definitions). */
static bool in_checks_dir(const char *path)
{
	const char *base = base_name(path);

	return base - path >= 8 && !strncmp(base - 8, "/checks/", 8);
}

/*
 * Loads the files `paths` as one set. With `mem`, the single path names a
 * buffer already in memory (the fuzzers' entry point) instead of a file.
 */
void catalog_hash_file(XXH3_state_t *content, const char *path, const void *buf, size_t len)
{
	uint64_t n = len;

	XXH3_64bits_update(content, path, strlen(path) + 1);
	XXH3_64bits_update(content, &n, sizeof(n));
	XXH3_64bits_update(content, buf, len);
}

static struct mlps_catalog *load_paths(const char *dir, const char *const *paths, size_t n,
				       const char *mem, size_t mem_len, XXH3_state_t *content,
				       struct mlps_error *err)
{
	struct mlps_catalog *cat = mlps_calloc(1, sizeof(*cat));
	struct loader L;
	XXH3_state_t *hs = XXH3_createState();
	size_t i;

	memset(&L, 0, sizeof(L));
	strbuf_init(&L.w.path);
	L.cat = cat;
	L.w.err = err;
	L.errors_at_start = err->count;
	arena_init(&cat->arena);
	cat->dir = arena_strdup(&cat->arena, dir);
	cat->checks_tail = &cat->checks_head;
	XXH3_64bits_reset(hs);

	for (i = 0; i < n; i++) {
		struct arena doc_arena;
		struct ynode *root;
		char *buf;
		size_t len;

		L.w.file = arena_strdup(&cat->arena, paths[i]);
		if (mem) {
			if (mem_len > YDOC_MAX_BYTES) {
				mlps_error_set(err, MLPS_ERR_INPUT, "%s: over the limit of %u bytes", paths[i],
					       YDOC_MAX_BYTES);
				continue;
			}
			buf = mlps_strndup(mem, mem_len);
			len = mem_len;
		} else if (ydoc_read_file(paths[i], YDOC_MAX_BYTES, &buf, &len, err)) {
			continue;
		}
		/* Check files (checks/) are evidence collection, not wording: editing
		 * a check must not make every assessment look like its texts moved. */
		if (content)
			catalog_hash_file(content, paths[i], buf, len);
		if (!in_checks_dir(paths[i])) {
			XXH3_64bits_update(hs, base_name(paths[i]), strlen(base_name(paths[i])) + 1);
			XXH3_64bits_update(hs, buf, len);
		}
		arena_init(&doc_arena);
		root = ydoc_parse(&doc_arena, &cat->arena, L.w.file, buf, len, err);
		if (root)
			load_document(&L, root);
		arena_release(&doc_arena);
		free(buf);
	}
	if (n == 0)
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: no *.yaml profile files found", dir);
	snprintf(cat->hash, sizeof(cat->hash), "%016llx", (unsigned long long)XXH3_64bits_digest(hs));
	XXH3_freeState(hs);
	L.w.file = NULL;
	finish(&L);
	loader_release(&L);
	if (err->count > L.errors_at_start) {
		mlps_catalog_free(cat);
		return NULL;
	}
	return cat;
}

/*
 * The probe check files of a set live in its checks/ folder (loaded after
 * the set's own files); a set without one has no checks.
 */
static int add_checks_dir(const char *dir, char ***names, size_t *n, struct mlps_error *err)
{
	struct strbuf sub = STRBUF_INIT;
	struct stat st;
	char **more = NULL;
	size_t n_more = 0, alloc = *n, i;
	int rc = 0;

	strbuf_addf(&sub, "%s/checks", dir);
	if (stat(sub.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = list_yaml(sub.buf, &more, &n_more, err);
		for (i = 0; i < n_more; i++) {
			mlps_grow((void **)names, &alloc, *n + 1, sizeof(**names));
			(*names)[(*n)++] = more[i];
		}
		free(more);
	}
	strbuf_release(&sub);
	return rc;
}

int catalog_list_files(const char *dir, char ***names, size_t *n, struct mlps_error *err)
{
	size_t i;

	*names = NULL;
	*n = 0;
	if (list_yaml(dir, names, n, err))
		return -1;
	if (*n && add_checks_dir(dir, names, n, err)) {
		for (i = 0; i < *n; i++)
			free((*names)[i]);
		free(*names);
		*names = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

struct mlps_catalog *catalog_load_list(const char *dir, const char *const *paths, size_t n,
				       XXH3_state_t *content, struct mlps_error *err)
{
	return load_paths(dir, paths, n, NULL, 0, content, err);
}

struct mlps_catalog *mlps_catalog_load(const char *dir, struct mlps_error *err)
{
	struct mlps_catalog *cat;
	char **names;
	size_t n, i;

	if (catalog_list_files(dir, &names, &n, err))
		return NULL;
	cat = load_paths(dir, (const char *const *)names, n, NULL, 0, NULL, err);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return cat;
}

struct mlps_catalog *mlps_catalog_load_files(const char *const *paths, size_t n,
					     struct mlps_error *err)
{
	return load_paths(n ? paths[0] : ".", paths, n, NULL, 0, NULL, err);
}

struct mlps_catalog *mlps_catalog_load_memory(const char *name, const char *buf, size_t len,
					      struct mlps_error *err)
{
	return load_paths(name, &name, 1, buf, len, NULL, err);
}

const char *mlps_ext_name(enum mlps_ext ext)
{
	return (unsigned)ext < MLPS_EXT_COUNT ? ext_names[ext] : "?";
}

int mlps_importance_parse(const char *s, enum mlps_importance *out)
{
	int i;

	for (i = 0; s && i < MLPS_IMP_COUNT; i++)
		if (!strcmp(s, importance_names[i])) {
			*out = (enum mlps_importance)i;
			return 0;
		}
	return -1;
}

const char *mlps_importance_name(enum mlps_importance imp)
{
	return (unsigned)imp < MLPS_IMP_COUNT ? importance_names[imp] : "?";
}

const char *mlps_kind_name(enum mlps_kind kind)
{
	return kind == MLPS_KIND_MANAGEMENT ? kind_names[1] : kind_names[0];
}

const char *mlps_risk_name(enum mlps_risk risk)
{
	return (unsigned)risk < MLPS_RISK_COUNT ? risk_names[risk] : "?";
}

const char *mlps_confidence_name(enum mlps_confidence c)
{
	return (unsigned)c < MLPS_CONF_COUNT ? confidence_names[c] : "?";
}

const char *mlps_condition_name(enum mlps_condition c)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if ((unsigned)c == 1u << i)
			return condition_names[i];
	return "?";
}

int mlps_ext_parse(const char *name, enum mlps_ext *out)
{
	int i;

	for (i = 0; i < MLPS_EXT_COUNT; i++)
		if (!strcmp(name, ext_names[i])) {
			*out = (enum mlps_ext)i;
			return 0;
		}
	return -1;
}
