#include "assessment.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static char *dup_or_null(const char *s)
{
	return s ? mlps_strdup(s) : NULL;
}

void mlps_answer_release(struct mlps_answer *a)
{
	free(a->key);
	free(a->object);
	free(a->note);
	free(a->evidence);
	free(a->na_reason);
	free(a->mitigation);
	free(a->owner);
	free(a->due);
	free(a->who);
	free(a->updated);
	memset(a, 0, sizeof(*a));
}

void mlps_answer_copy(struct mlps_answer *dst, const struct mlps_answer *src)
{
	*dst = *src;
	dst->key = dup_or_null(src->key);
	dst->object = dup_or_null(src->object);
	dst->note = dup_or_null(src->note);
	dst->evidence = dup_or_null(src->evidence);
	dst->na_reason = dup_or_null(src->na_reason);
	dst->mitigation = dup_or_null(src->mitigation);
	dst->owner = dup_or_null(src->owner);
	dst->due = dup_or_null(src->due);
	dst->who = dup_or_null(src->who);
	dst->updated = dup_or_null(src->updated);
}

void mlps_assessment_free(struct mlps_assessment *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->n_answers; i++)
		mlps_answer_release(&a->answers[i]);
	free(a->answers);
	for (i = 0; i < a->n_objects; i++) {
		free(a->objects[i].name);
		free(a->objects[i].kind);
		free(a->objects[i].desc);
	}
	free(a->objects);
	free(a->sys.name);
	free(a->sys.org);
	free(a->profile_hash);
	free(a->rules_id);
	free(a->assessor);
	free(a->created);
	free(a->updated);
	free(a->uid);
	free(a->reviewer);
	free(a->signed_date);
	free(a->signed_catalog);
	free(a->signed_rules);
	free(a->reopen_reason);
	free(a);
}

/*
 * Answers are kept sorted by key, then object name, so that a lookup is a
 * binary search and the answers of one requirement sit side by side. The
 * store reads them in that order and an export writes them so, which makes
 * the common insertions appends.
 */
static int cmp_pair(const struct mlps_answer *x, const char *key, const char *object)
{
	int c = strcmp(x->key, key);

	return c ? c : strcmp(x->object ? x->object : "", object);
}

static size_t find_slot(const struct mlps_assessment *a, const char *key, const char *object, bool *found)
{
	size_t lo = 0, hi = a->n_answers;

	*found = false;
	if (hi && cmp_pair(&a->answers[hi - 1], key, object) < 0)
		return hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_pair(&a->answers[mid], key, object);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The system object's name without creating it: "" when there is none yet. */
static const char *system_name(const struct mlps_assessment *a)
{
	size_t i;

	for (i = 0; i < a->n_objects; i++)
		if (!strcmp(a->objects[i].kind, MLPS_KIND_SYSTEM))
			return a->objects[i].name;
	return "";
}

const struct mlps_answer *mlps_assessment_answer(const struct mlps_assessment *a, const char *key,
						 const char *object)
{
	bool found;
	size_t i = find_slot(a, key, object ? object : system_name(a), &found);

	return found ? &a->answers[i] : NULL;
}

const struct mlps_answer *mlps_assessment_answers_for(const struct mlps_assessment *a, const char *key,
						      size_t *n)
{
	bool found;
	size_t first = find_slot(a, key, "", &found), end = first;

	while (end < a->n_answers && !strcmp(a->answers[end].key, key))
		end++;
	*n = end - first;
	return *n ? &a->answers[first] : NULL;
}

void mlps_assessment_put(struct mlps_assessment *a, const struct mlps_answer *ans)
{
	const char *object = ans->object ? ans->object : mlps_assessment_system_object(a)->name;
	bool found;
	size_t i = find_slot(a, ans->key, object, &found);
	struct mlps_answer copy;

	mlps_answer_copy(&copy, ans);
	if (!copy.object)
		copy.object = mlps_strdup(object);
	if (found) {
		mlps_answer_release(&a->answers[i]);
		a->answers[i] = copy;
		return;
	}
	mlps_grow((void **)&a->answers, &a->alloc_answers, a->n_answers + 1, sizeof(*a->answers));
	memmove(&a->answers[i + 1], &a->answers[i], (a->n_answers - i) * sizeof(*a->answers));
	a->answers[i] = copy;
	a->n_answers++;
}

void mlps_assessment_drop(struct mlps_assessment *a, const char *key, const char *object)
{
	bool found;
	size_t i = find_slot(a, key, object ? object : system_name(a), &found);

	if (!found)
		return;
	mlps_answer_release(&a->answers[i]);
	memmove(&a->answers[i], &a->answers[i + 1], (a->n_answers - i - 1) * sizeof(*a->answers));
	a->n_answers--;
}

struct mlps_object *mlps_assessment_add_object(struct mlps_assessment *a, const char *name,
					       const char *kind, enum mlps_importance imp,
					       const char *desc)
{
	struct mlps_object *o;

	mlps_grow((void **)&a->objects, &a->alloc_objects, a->n_objects + 1, sizeof(*a->objects));
	o = &a->objects[a->n_objects++];
	o->name = mlps_strdup(name);
	o->kind = mlps_strdup(kind);
	o->importance = imp;
	o->desc = desc && *desc ? mlps_strdup(desc) : NULL;
	return o;
}

const struct mlps_object *mlps_assessment_find_object(const struct mlps_assessment *a, const char *name)
{
	size_t i;

	for (i = 0; name && i < a->n_objects; i++)
		if (!strcmp(a->objects[i].name, name))
			return &a->objects[i];
	return NULL;
}

const struct mlps_object *mlps_assessment_system_object(struct mlps_assessment *a)
{
	size_t i;

	for (i = 0; i < a->n_objects; i++)
		if (!strcmp(a->objects[i].kind, MLPS_KIND_SYSTEM))
			return &a->objects[i];
	return mlps_assessment_add_object(a, a->sys.name && *a->sys.name ? a->sys.name : MLPS_KIND_SYSTEM,
					  MLPS_KIND_SYSTEM, MLPS_IMP_KEY, NULL);
}

int mlps_object_check(const struct mlps_catalog *cat, const struct mlps_assessment *a,
		      const char *name, const char *kind, struct mlps_error *err)
{
	const unsigned char *p;

	/* `system` is always a kind: a set without a vocabulary answers everything there. */
	if (strcmp(kind, MLPS_KIND_SYSTEM) && !mlps_catalog_find_kind(cat, kind)) {
		struct strbuf known = STRBUF_INIT;
		size_t i;

		for (i = 0; i < mlps_catalog_n_kinds(cat); i++)
			strbuf_addf(&known, "%s%s", i ? ", " : "", mlps_catalog_kind(cat, i)->name);
		mlps_error_set(err, MLPS_ERR_INPUT, "unknown object kind '%s' (known: %s)", kind,
			       known.len ? known.buf : "none: the profile set has no object kinds");
		strbuf_release(&known);
		return -1;
	}
	if (!name || !*name || strspn(name, " \t") == strlen(name))
		return mlps_error_set(err, MLPS_ERR_INPUT, "an object needs a name");
	for (p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return mlps_error_set(err, MLPS_ERR_INPUT, "object name contains a control character");
	if (strlen(name) > 200)
		return mlps_error_set(err, MLPS_ERR_INPUT, "object name is longer than 200 bytes");
	if (mlps_assessment_find_object(a, name))
		return mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld already has an object named '%s'",
				      a->id, name);
	return 0;
}

static bool assessed_on(const struct mlps_catalog *cat, const struct mlps_requirement *req,
			const struct mlps_object *o)
{
	const struct mlps_object_kind *k = mlps_catalog_find_kind(cat, o->kind);

	return k && (req->kinds & (UINT32_C(1) << k->index));
}

size_t mlps_assessment_req_objects(const struct mlps_catalog *cat, const struct mlps_assessment *a,
				   const struct mlps_requirement *req, const struct mlps_object **out)
{
	size_t i, n = 0;

	for (i = 0; i < a->n_objects; i++)
		if (assessed_on(cat, req, &a->objects[i]))
			out[n++] = &a->objects[i];
	if (n)
		return n;
	for (i = 0; i < a->n_objects; i++)
		if (!strcmp(a->objects[i].kind, MLPS_KIND_SYSTEM))
			out[n++] = &a->objects[i];
	return n;
}

bool mlps_assessment_req_on(const struct mlps_catalog *cat, const struct mlps_assessment *a,
			    const struct mlps_requirement *req, const struct mlps_object *object)
{
	size_t i;

	if (assessed_on(cat, req, object))
		return true;
	if (strcmp(object->kind, MLPS_KIND_SYSTEM))
		return false;
	for (i = 0; i < a->n_objects; i++)
		if (assessed_on(cat, req, &a->objects[i]))
			return false;
	return true;
}

void mlps_result_combine(const enum mlps_status *st, size_t n, const double values[MLPS_ST_COUNT],
			 bool use_min, struct mlps_result *res)
{
	int applicable;
	double sum = 0, lowest = 1e300;
	size_t i;

	memset(res, 0, sizeof(*res));
	res->n_objects = (int)n;
	for (i = 0; i < n; i++) {
		res->n[st[i]]++;
		if (st[i] == MLPS_ST_NA)
			continue;
		sum += values[st[i]];
		if (values[st[i]] < lowest)
			lowest = values[st[i]];
	}
	applicable = res->n_objects - res->n[MLPS_ST_NA];
	if (n == 0 || applicable == 0) {
		res->status = n == 0 ? MLPS_ST_UNANSWERED : MLPS_ST_NA;
		res->value = n == 0 ? values[MLPS_ST_UNANSWERED] : 0;
		return;
	}
	res->value = use_min ? lowest : sum / applicable;
	if (res->n[MLPS_ST_UNANSWERED])
		res->status = MLPS_ST_UNANSWERED;
	else if (res->n[MLPS_ST_TODO])
		res->status = MLPS_ST_TODO;
	else if (res->n[MLPS_ST_COMPLIANT] == applicable)
		res->status = MLPS_ST_COMPLIANT;
	else if (res->n[MLPS_ST_NONCOMPLIANT] == applicable)
		res->status = MLPS_ST_NONCOMPLIANT;
	else
		res->status = MLPS_ST_PARTIAL;
}

void mlps_assessment_result(const struct mlps_catalog *cat, const struct mlps_assessment *a,
			    const struct mlps_requirement *req, const double values[MLPS_ST_COUNT],
			    bool use_min, struct mlps_result *res)
{
	enum mlps_status small[16] = { 0 }, *st = small;
	const struct mlps_object *osmall[16], **objs = osmall;
	size_t i, n;
	int carried = 0;

	if (a->n_objects > 16) {
		st = mlps_calloc(a->n_objects, sizeof(*st));
		objs = mlps_calloc(a->n_objects, sizeof(*objs));
	}
	n = mlps_assessment_req_objects(cat, a, req, objs);
	for (i = 0; i < n; i++) {
		const struct mlps_answer *ans = mlps_assessment_answer(a, req->key, objs[i]->name);

		/* A carried answer nobody has looked at yet counts as no answer (DESIGN §4). */
		st[i] = ans && !ans->to_confirm ? ans->status : MLPS_ST_UNANSWERED;
		carried += ans && ans->to_confirm;
	}
	mlps_result_combine(st, n, values, use_min, res);
	res->to_confirm = carried;
	if (st != small) {
		free(st);
		free((void *)objs);
	}
}

bool mlps_date_valid(const char *s)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

/* n digits at s, as a number no larger than max; -1 otherwise. */
static int digits(const char *s, int n, int max)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

bool mlps_timestamp_valid(const char *s)
{
	char date[11];

	if (strlen(s) < 10)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!mlps_date_valid(date))
		return false;
	s += 10;
	if (!*s)
		return true;
	if ((*s != 'T' && *s != ' ') || digits(s + 1, 2, 23) < 0 || s[3] != ':' || digits(s + 4, 2, 59) < 0)
		return false;
	s += 6;
	if (*s == ':') {
		if (digits(s + 1, 2, 60) < 0)
			return false;
		s += 3;
		if (*s == '.') {
			size_t n = strspn(s + 1, "0123456789");

			if (n == 0 || n > 9)
				return false;
			s += 1 + n;
		}
	}
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return digits(s + 1, 2, 23) >= 0 && s[3] == ':' && digits(s + 4, 2, 59) >= 0 && s[6] == '\0';
	return *s == '\0';
}

int mlps_answer_check(const struct mlps_answer *ans, struct mlps_error *err)
{
	if (ans->status == MLPS_ST_NA && (!ans->na_reason || !*ans->na_reason))
		return mlps_error_set(err, MLPS_ERR_INPUT,
				      "%s: not applicable (na) needs a reason (--reason)", ans->key);
	if (ans->risk != MLPS_RISK_NONE && (!ans->mitigation || !*ans->mitigation))
		return mlps_error_set(err, MLPS_ERR_INPUT,
				      "%s: a risk override needs the mitigating measure that justifies it "
				      "(--mitigation)", ans->key);
	if (ans->due && !mlps_date_valid(ans->due))
		return mlps_error_set(err, MLPS_ERR_INPUT,
				      "%s: due date '%s' is not a date of the form YYYY-MM-DD", ans->key,
				      ans->due);
	return 0;
}

static const char *const plan_names[MLPS_PLAN_COUNT] = { "none", "open", "in-progress", "done" };

const char *mlps_plan_name(enum mlps_plan p)
{
	return (unsigned)p < MLPS_PLAN_COUNT ? plan_names[p] : "?";
}

int mlps_plan_parse(const char *s, enum mlps_plan *out)
{
	int i;

	for (i = 0; i < MLPS_PLAN_COUNT; i++)
		if (!strcmp(s, plan_names[i])) {
			*out = (enum mlps_plan)i;
			return 0;
		}
	return -1;
}

void mlps_scope_change(const struct mlps_catalog *cat, const struct mlps_assessment *a, int level, unsigned ext,
		       struct mlps_scope_change *sc)
{
	size_t i, n;

	memset(sc, 0, sizeof(*sc));
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(cat, i);
		bool before = mlps_req_applies(req, a->level, a->ext), after = mlps_req_applies(req, level, ext);
		const struct mlps_answer *ans;
		size_t k;
		int given = 0;

		if (before == after)
			continue;
		ans = mlps_assessment_answers_for(a, req->key, &n);
		for (k = 0; ans && k < n; k++)
			given += ans[k].status != MLPS_ST_UNANSWERED;
		if (after) {
			sc->entered++;
			sc->back += given;
		} else {
			sc->left++;
			sc->hidden += given;
		}
	}
}
