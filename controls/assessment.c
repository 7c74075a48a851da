#include "assessment.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? mlps_strdup(s) : NULL;
}

void mlps_answer_release(struct mlps_answer *a)
{
	free(a->key);
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
	free(a->sys.name);
	free(a->sys.org);
	free(a->profile_hash);
	free(a->rules_id);
	free(a->assessor);
	free(a->created);
	free(a->updated);
	free(a);
}

/*
 * Answers are kept sorted by key, so that a lookup is a binary search. The
 * store reads them in key order and an export writes them so, which makes the
 * common insertions appends.
 */
static size_t find_slot(const struct mlps_assessment *a, const char *key, bool *found)
{
	size_t lo = 0, hi = a->n_answers;

	*found = false;
	if (hi && strcmp(a->answers[hi - 1].key, key) < 0)
		return hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(a->answers[mid].key, key);

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

const struct mlps_answer *mlps_assessment_answer(const struct mlps_assessment *a, const char *key)
{
	bool found;
	size_t i = find_slot(a, key, &found);

	return found ? &a->answers[i] : NULL;
}

void mlps_assessment_put(struct mlps_assessment *a, const struct mlps_answer *ans)
{
	bool found;
	size_t i = find_slot(a, ans->key, &found);
	struct mlps_answer copy;

	mlps_answer_copy(&copy, ans);
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
