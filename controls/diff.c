#include "diff.h"

#include <stdlib.h>
#include <string.h>

struct mlps_diff {
	const struct mlps_assessment *old_a, *new_a;
	struct mlps_score *old_s, *new_s;
	struct mlps_diff_item *items;
	size_t n, alloc;
	int counts[MLPS_CHG_COUNT];
	const struct mlps_object **added, **removed;
	size_t n_added, n_removed;
};

static bool is_gap(enum mlps_status st)
{
	return st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT;
}

/* Higher is better; undecided statuses have no rank. */
static int rank(enum mlps_status st)
{
	return st == MLPS_ST_COMPLIANT ? 3 : st == MLPS_ST_PARTIAL ? 2 : st == MLPS_ST_NONCOMPLIANT ? 1 : 0;
}

static bool classify(enum mlps_status o, enum mlps_status n, enum mlps_change *out)
{
	if (o == MLPS_ST_NA && n != MLPS_ST_NA)
		*out = MLPS_CHG_NO_LONGER_NA;
	else if (o != MLPS_ST_NA && n == MLPS_ST_NA)
		*out = MLPS_CHG_NEWLY_NA;
	else if (is_gap(o) && n == MLPS_ST_COMPLIANT)
		*out = MLPS_CHG_RESOLVED;
	else if (is_gap(n) && o == n)
		*out = MLPS_CHG_UNCHANGED_GAP;
	else if (is_gap(n) && rank(o) > rank(n) && rank(o) > 0)
		*out = MLPS_CHG_REGRESSED;
	else if (is_gap(n) && !is_gap(o))
		*out = MLPS_CHG_NEW_GAP;
	else if (is_gap(o) && is_gap(n))
		*out = MLPS_CHG_IMPROVED;
	else if (o != n)
		*out = MLPS_CHG_OTHER;
	else
		return false;
	return true;
}

/* The object of `a` with the name and kind of o, or NULL. */
static const struct mlps_object *same_object(const struct mlps_assessment *a, const struct mlps_object *o)
{
	const struct mlps_object *x = mlps_assessment_find_object(a, o->name);

	return x && !strcmp(x->kind, o->kind) ? x : NULL;
}

static bool listed(const struct mlps_object *const *objs, size_t n, const struct mlps_object *o)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (objs[i] == o)
			return true;
	return false;
}

/* The status of r on object o of a, when r is in a's scope and assessed on o there. */
static enum mlps_status status_on(const struct mlps_assessment *a, const struct mlps_requirement *r,
				   const struct mlps_object *o, const struct mlps_object *const *objs,
				   size_t n_objs, bool *in_scope)
{
	const struct mlps_answer *ans;

	*in_scope = o && mlps_req_applies(r, a->level, a->ext) && listed(objs, n_objs, o);
	if (!*in_scope)
		return MLPS_ST_UNANSWERED;
	ans = mlps_assessment_answer(a, r->key, o->name);
	return ans ? ans->status : MLPS_ST_UNANSWERED;
}

static void add_item(struct mlps_diff *d, struct mlps_diff_item *it)
{
	if (!it->old_in_scope && !it->new_in_scope)
		return;
	/* A carried answer says nothing about this year until someone confirms it. */
	if (it->carried)
		it->change = MLPS_CHG_UNCONFIRMED;
	else if (!classify(it->old_status, it->new_status, &it->change))
		return;
	d->counts[it->change]++;
	mlps_grow((void **)&d->items, &d->alloc, d->n + 1, sizeof(*d->items));
	d->items[d->n++] = *it;
}

/*
 * One requirement, object by object: the new side's objects in their order
 * (matched to the old side by name and kind), then the old side's objects
 * that the new one does not have.
 */
static void diff_requirement(struct mlps_diff *d, const struct mlps_catalog *cat,
			     const struct mlps_requirement *r, const struct mlps_object **oo,
			     const struct mlps_object **no)
{
	const struct mlps_assessment *old_a = d->old_a, *new_a = d->new_a;
	size_t n_old = mlps_assessment_req_objects(cat, old_a, r, oo);
	size_t n_new = mlps_assessment_req_objects(cat, new_a, r, no);
	size_t i;

	for (i = 0; i < n_new; i++) {
		struct mlps_diff_item it = { .req = r, .object = no[i]->name };
		const struct mlps_answer *na = mlps_assessment_answer(new_a, r->key, no[i]->name);

		it.new_status = status_on(new_a, r, no[i], no, n_new, &it.new_in_scope);
		it.old_status = status_on(old_a, r, same_object(old_a, no[i]), oo, n_old, &it.old_in_scope);
		it.carried = it.new_in_scope && na && na->to_confirm;
		add_item(d, &it);
	}
	for (i = 0; i < n_old; i++) {
		const struct mlps_object *twin = same_object(new_a, oo[i]);
		struct mlps_diff_item it = { .req = r, .object = oo[i]->name };

		if (twin && listed(no, n_new, twin))
			continue;   /* compared above */
		it.old_status = status_on(old_a, r, oo[i], oo, n_old, &it.old_in_scope);
		it.new_status = status_on(new_a, r, twin, no, n_new, &it.new_in_scope);
		add_item(d, &it);
	}
}

struct mlps_diff *mlps_diff_compute(const struct mlps_catalog *cat, const struct mlps_assessment *old_a,
				    const struct mlps_assessment *new_a, struct mlps_error *err)
{
	const struct mlps_object **oo, **no;
	struct mlps_diff *d;
	size_t i;

	if (old_a->sys.id && new_a->sys.id && old_a->sys.id != new_a->sys.id) {
		mlps_error_set(err, MLPS_ERR_INPUT, "assessments %lld and %lld belong to different systems "
			       "(%s, %s)", old_a->id, new_a->id, old_a->sys.name, new_a->sys.name);
		return NULL;
	}
	d = mlps_calloc(1, sizeof(*d));
	d->old_a = old_a;
	d->new_a = new_a;
	d->old_s = mlps_score_compute(cat, old_a, err);
	d->new_s = d->old_s ? mlps_score_compute(cat, new_a, err) : NULL;
	if (!d->new_s) {
		mlps_diff_free(d);
		return NULL;
	}
	oo = mlps_calloc(old_a->n_objects + 1, sizeof(*oo));
	no = mlps_calloc(new_a->n_objects + 1, sizeof(*no));
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++)
		diff_requirement(d, cat, mlps_catalog_requirement(cat, i), oo, no);
	free((void *)oo);
	free((void *)no);
	d->added = mlps_calloc(new_a->n_objects + 1, sizeof(*d->added));
	d->removed = mlps_calloc(old_a->n_objects + 1, sizeof(*d->removed));
	for (i = 0; i < new_a->n_objects; i++)
		if (!same_object(old_a, &new_a->objects[i]))
			d->added[d->n_added++] = &new_a->objects[i];
	for (i = 0; i < old_a->n_objects; i++)
		if (!same_object(new_a, &old_a->objects[i]))
			d->removed[d->n_removed++] = &old_a->objects[i];
	return d;
}

size_t mlps_diff_n_added(const struct mlps_diff *d)
{
	return d->n_added;
}

const struct mlps_object *mlps_diff_added(const struct mlps_diff *d, size_t i)
{
	return i < d->n_added ? d->added[i] : NULL;
}

size_t mlps_diff_n_removed(const struct mlps_diff *d)
{
	return d->n_removed;
}

const struct mlps_object *mlps_diff_removed(const struct mlps_diff *d, size_t i)
{
	return i < d->n_removed ? d->removed[i] : NULL;
}

void mlps_diff_free(struct mlps_diff *d)
{
	if (!d)
		return;
	mlps_score_free(d->old_s);
	mlps_score_free(d->new_s);
	free(d->items);
	free((void *)d->added);
	free((void *)d->removed);
	free(d);
}

size_t mlps_diff_n_items(const struct mlps_diff *d)
{
	return d->n;
}

const struct mlps_diff_item *mlps_diff_item(const struct mlps_diff *d, size_t i)
{
	return i < d->n ? &d->items[i] : NULL;
}

int mlps_diff_count(const struct mlps_diff *d, enum mlps_change c)
{
	return (unsigned)c < MLPS_CHG_COUNT ? d->counts[c] : 0;
}

const struct mlps_score *mlps_diff_old_score(const struct mlps_diff *d)
{
	return d->old_s;
}

const struct mlps_score *mlps_diff_new_score(const struct mlps_diff *d)
{
	return d->new_s;
}

const struct mlps_assessment *mlps_diff_old(const struct mlps_diff *d)
{
	return d->old_a;
}

const struct mlps_assessment *mlps_diff_new(const struct mlps_diff *d)
{
	return d->new_a;
}

static const char *const change_names[MLPS_CHG_COUNT][3] = {
	{ "resolved", "已整改", "resolved" },
	{ "new-gap", "新增差距", "new gap" },
	{ "regressed", "退步", "regressed" },
	{ "improved", "改善", "improved" },
	{ "unchanged-gap", "仍存在的差距", "unchanged gap" },
	{ "newly-na", "新不适用", "newly N/A" },
	{ "no-longer-na", "不再不适用", "no longer N/A" },
	{ "other", "其他变化", "other change" },
	{ "unconfirmed", "已结转待确认", "carried, not yet confirmed" },
};

const char *mlps_change_name(enum mlps_change c)
{
	return (unsigned)c < MLPS_CHG_COUNT ? change_names[c][0] : "?";
}

const char *mlps_change_label(enum mlps_change c, enum mlps_lang lang)
{
	return (unsigned)c < MLPS_CHG_COUNT ? change_names[c][lang == MLPS_LANG_EN ? 2 : 1] : "?";
}
