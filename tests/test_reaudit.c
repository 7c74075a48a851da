/*
 * test_reaudit.c - carrying answers into next year's assessment and the diff
 * between two assessments, in memory and through the store (SQLite, or
 * PostgreSQL in the _pg run).
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "reaudit.h"
#include "store.h"
#include "testutil.h"

static struct mlps_catalog *cat, *changed;

/* An answer as `mlps answer` would save it: with the wording's hash at the level. */
static void answer(struct mlps_assessment *a, const struct mlps_catalog *c, const char *key,
		   enum mlps_status st)
{
	struct mlps_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.status = st;
	ans.na_reason = st == MLPS_ST_NA ? (char *)"不涉及" : NULL;
	ans.text_hash = mlps_catalog_find_key(c, key)->hash[a->level];
	mlps_assessment_put(a, &ans);
}

static struct mlps_assessment *year_one(void)
{
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	struct mlps_answer full;

	a->id = 1;
	a->level = 3;
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a->sys.id = 1;
	a->sys.name = mlps_strdup("网上银行");
	a->sys.flags = MLPS_COND_CONTINUITY;
	a->assessor = mlps_strdup("张三");
	memset(&full, 0, sizeof(full));
	full.key = (char *)"a.one";
	full.status = MLPS_ST_NONCOMPLIANT;
	full.note = (char *)"门禁损坏";
	full.evidence = (char *)"photo-3.jpg";
	full.risk = MLPS_RISK_MEDIUM;
	full.mitigation = (char *)"保安值守";
	full.owner = (char *)"李四";
	full.due = (char *)"2027-03-01";
	full.plan = MLPS_PLAN_IN_PROGRESS;
	full.who = (char *)"zhang";
	full.updated = (char *)"2026-01-02T03:04:05Z";
	full.text_hash = mlps_catalog_find_key(cat, "a.one")->hash[3];
	mlps_assessment_put(a, &full);
	answer(a, cat, "a.two", MLPS_ST_PARTIAL);
	answer(a, cat, "a.three", MLPS_ST_COMPLIANT);
	answer(a, cat, "a.four", MLPS_ST_NA);
	answer(a, cat, "m.one", MLPS_ST_NONCOMPLIANT);
	return a;
}

/* The carried answers of the sample assessment: every field of a.one kept, to confirm, and a.four's reason. */
static void assert_carried(const struct mlps_assessment *a)
{
	const struct mlps_answer *x = mlps_assessment_answer(a, "a.one", NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_STRING_EQUAL(x->note, "门禁损坏");
	CU_ASSERT_STRING_EQUAL(x->evidence, "photo-3.jpg");
	CU_ASSERT_EQUAL(x->risk, MLPS_RISK_MEDIUM);
	CU_ASSERT_STRING_EQUAL(x->mitigation, "保安值守");
	CU_ASSERT_STRING_EQUAL(x->owner, "李四");
	CU_ASSERT_STRING_EQUAL(x->due, "2027-03-01");
	CU_ASSERT_EQUAL(x->plan, MLPS_PLAN_IN_PROGRESS);
	CU_ASSERT_TRUE(x->to_confirm);
	CU_ASSERT_STRING_EQUAL(mlps_assessment_answer(a, "a.four", NULL)->na_reason, "不涉及");
}

static void test_reaudit_carries_every_field_and_marks_to_confirm(void)
{
	struct mlps_assessment *old = year_one(), *next;
	struct mlps_reaudit_stats st;

	next = mlps_reaudit_prepare(cat, old, 3, old->ext, &st);
	CU_ASSERT_EQUAL(st.carried, 5);
	CU_ASSERT_EQUAL(st.changed, 0);
	CU_ASSERT_EQUAL(st.out_of_scope, 0);
	CU_ASSERT_EQUAL(next->parent, 1);
	CU_ASSERT_EQUAL(next->level, 3);
	CU_ASSERT_STRING_EQUAL(next->sys.name, "网上银行");
	CU_ASSERT_EQUAL(next->sys.flags, MLPS_COND_CONTINUITY);
	CU_ASSERT_STRING_EQUAL(next->profile_hash, mlps_catalog_hash(cat));
	assert_carried(next);
	mlps_assessment_free(next);
	mlps_assessment_free(old);
}

static void test_reaudit_does_not_carry_changed_wording(void)
{
	struct mlps_assessment *old = year_one(), *next;
	struct mlps_reaudit_stats st;

	next = mlps_reaudit_prepare(changed, old, 3, old->ext, &st);
	CU_ASSERT_EQUAL(st.carried, 4);
	CU_ASSERT_EQUAL(st.changed, 1);
	CU_ASSERT_PTR_NULL(mlps_assessment_answer(next, "a.three", NULL));
	CU_ASSERT_PTR_NOT_NULL(mlps_assessment_answer(next, "a.two", NULL));
	mlps_assessment_free(next);
	mlps_assessment_free(old);
}

static void test_reaudit_with_another_level_or_extensions(void)
{
	struct mlps_assessment *old = year_one(), *next;
	struct mlps_reaudit_stats st;

	/* Down to level 2: a.two is worded differently there, a.three and a.four do not exist. */
	next = mlps_reaudit_prepare(cat, old, 2, old->ext, &st);
	CU_ASSERT_EQUAL(next->level, 2);
	CU_ASSERT_EQUAL(st.out_of_scope, 2);
	CU_ASSERT_EQUAL(st.changed, 1);
	CU_ASSERT_EQUAL(st.carried, 2);
	CU_ASSERT_PTR_NOT_NULL(mlps_assessment_answer(next, "a.one", NULL));
	CU_ASSERT_PTR_NOT_NULL(mlps_assessment_answer(next, "m.one", NULL));
	mlps_assessment_free(next);
	/* Adding the cloud extension keeps every answer and widens the scope. */
	next = mlps_reaudit_prepare(cat, old, 3, old->ext | MLPS_EXT_BIT(MLPS_EXT_CLOUD), &st);
	CU_ASSERT_EQUAL(st.carried, 5);
	CU_ASSERT_TRUE(next->ext & MLPS_EXT_BIT(MLPS_EXT_CLOUD));
	mlps_assessment_free(next);
	mlps_assessment_free(old);
}

static void test_diff_of_an_assessment_with_itself_is_empty(void)
{
	struct mlps_assessment *a = year_one();
	struct mlps_error err;
	struct mlps_diff *d;
	int c;

	mlps_error_init(&err);
	d = mlps_diff_compute(cat, a, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	for (c = 0; c < MLPS_CHG_COUNT; c++)
		if (c != MLPS_CHG_UNCHANGED_GAP)
			CU_ASSERT_EQUAL(mlps_diff_count(d, (enum mlps_change)c), 0);
	/* Only the standing gaps are listed: a.one, a.two, m.one. */
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_UNCHANGED_GAP), 3);
	CU_ASSERT_EQUAL(mlps_diff_n_items(d), 3);
	mlps_diff_free(d);
	mlps_error_release(&err);
	mlps_assessment_free(a);
}

static void test_diff_classifies_a_constructed_pair(void)
{
	struct mlps_assessment *o = year_one(), *n = year_one();
	struct mlps_error err;
	struct mlps_diff *d;
	const struct mlps_diff_item *it;

	n->id = 2;
	answer(n, cat, "a.one", MLPS_ST_COMPLIANT);      /* resolved */
	answer(n, cat, "a.two", MLPS_ST_PARTIAL);        /* unchanged gap */
	answer(n, cat, "a.three", MLPS_ST_NONCOMPLIANT); /* regressed */
	answer(n, cat, "a.four", MLPS_ST_COMPLIANT);     /* no longer N/A */
	answer(n, cat, "m.one", MLPS_ST_PARTIAL);        /* improved */
	mlps_error_init(&err);
	d = mlps_diff_compute(cat, o, n, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_RESOLVED), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_UNCHANGED_GAP), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_REGRESSED), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_NO_LONGER_NA), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_IMPROVED), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_NEW_GAP), 0);
	CU_ASSERT_EQUAL(mlps_diff_n_items(d), 5);
	it = mlps_diff_item(d, 2);
	CU_ASSERT_STRING_EQUAL(it->req->key, "a.three");
	CU_ASSERT_EQUAL(it->old_status, MLPS_ST_COMPLIANT);
	CU_ASSERT_EQUAL(it->new_status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_EQUAL(it->change, MLPS_CHG_REGRESSED);
	/* Rates: old 1.5/4 (a.three 1, a.two .5; a.one, m.one 0) -> new 1 + .5 + 0 + 1 + .5 = 3/5. */
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(mlps_diff_old_score(d), 3)->rate, 37.5, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(mlps_diff_new_score(d), 3)->rate, 60, 1e-9);
	mlps_diff_free(d);

	/* The other way round: a.one and m.one regress, a.four becomes N/A. */
	d = mlps_diff_compute(cat, n, o, &err);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_NEWLY_NA), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_REGRESSED), 2);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_RESOLVED), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_NEW_GAP), 0);
	mlps_diff_free(d);

	/* A gap where there was no decision before is a new gap. */
	answer(o, cat, "a.two", MLPS_ST_TODO);
	d = mlps_diff_compute(cat, o, n, &err);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_NEW_GAP), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_UNCHANGED_GAP), 0);
	mlps_diff_free(d);
	mlps_error_release(&err);
	mlps_assessment_free(o);
	mlps_assessment_free(n);
}

static void test_diff_refuses_two_systems(void)
{
	struct mlps_assessment *o = year_one(), *n = year_one();
	struct mlps_error err;

	n->sys.id = 2;
	n->id = 9;
	mlps_error_init(&err);
	CU_ASSERT_PTR_NULL(mlps_diff_compute(cat, o, n, &err));
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "assessments 1 and 9 belong to different systems "
							 "(网上银行, 网上银行)");
	mlps_error_release(&err);
	mlps_assessment_free(o);
	mlps_assessment_free(n);
}

/* Saved, loaded, carried into a re-audit that is saved and loaded again: nothing lost on the way. */
static void test_reaudit_through_the_store(void)
{
	char *dir = make_temp_dir(), *name = test_store_name(dir, "r.db");
	struct mlps_store *st = open_store(name);
	struct mlps_assessment *old = year_one(), *loaded, *next, *back;
	struct mlps_reaudit_stats stats;
	struct mlps_error err;
	struct mlps_diff *d;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	old->profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	old->rules_id = mlps_strdup(mlps_catalog_rules(cat)->id);
	mlps_assessment_system_object(old);
	CU_ASSERT_EQUAL_FATAL(mlps_store_import(st, old, &err), 0);
	loaded = mlps_store_load(st, old->id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(loaded);
	CU_ASSERT_EQUAL(loaded->n_answers, 5);
	CU_ASSERT_EQUAL(mlps_store_child(st, loaded->id, &err), 0);

	next = mlps_reaudit_prepare(cat, loaded, 3, loaded->ext, &stats);
	CU_ASSERT_EQUAL(stats.carried, 5);
	CU_ASSERT_EQUAL(stats.changed, 0);
	CU_ASSERT_EQUAL(stats.out_of_scope, 0);
	CU_ASSERT_EQUAL_FATAL(mlps_store_insert(st, next, &err), 0);
	CU_ASSERT_NOT_EQUAL(next->id, loaded->id);
	CU_ASSERT_EQUAL(mlps_store_child(st, loaded->id, &err), next->id);
	back = mlps_store_load(st, next->id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(back->parent, loaded->id);
	CU_ASSERT_EQUAL(back->level, 3);
	CU_ASSERT_STRING_EQUAL(back->sys.name, "网上银行");
	CU_ASSERT_EQUAL(back->sys.flags, MLPS_COND_CONTINUITY);
	CU_ASSERT_STRING_EQUAL(back->profile_hash, mlps_catalog_hash(cat));
	CU_ASSERT_EQUAL(back->n_answers, 5);
	for (i = 0; i < back->n_answers; i++)
		CU_ASSERT_TRUE(back->answers[i].to_confirm);
	assert_carried(back);
	CU_ASSERT_EQUAL(mlps_assessment_answer(back, "a.two", NULL)->status, MLPS_ST_PARTIAL);

	/* Nobody has looked yet: every carried answer is unconfirmed. */
	d = mlps_diff_compute(cat, loaded, back, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_UNCONFIRMED), 5);
	CU_ASSERT_EQUAL(mlps_diff_n_items(d), 5);
	mlps_diff_free(d);
	mlps_assessment_free(back);
	/* a.one fixed this year, a.two the same gap, both confirmed in the store. */
	answer(next, cat, "a.one", MLPS_ST_COMPLIANT);
	answer(next, cat, "a.two", MLPS_ST_PARTIAL);
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, next->id, mlps_assessment_answer(next, "a.one", NULL), "tester",
					       &err), 0);
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, next->id, mlps_assessment_answer(next, "a.two", NULL), "tester",
					       &err), 0);
	back = mlps_store_load(st, next->id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_FALSE(mlps_assessment_answer(back, "a.one", NULL)->to_confirm);
	CU_ASSERT_FALSE(mlps_assessment_answer(back, "a.two", NULL)->to_confirm);
	CU_ASSERT_TRUE(mlps_assessment_answer(back, "m.one", NULL)->to_confirm);
	d = mlps_diff_compute(cat, loaded, back, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_RESOLVED), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_UNCHANGED_GAP), 1);
	CU_ASSERT_EQUAL(mlps_diff_count(d, MLPS_CHG_UNCONFIRMED), 3);
	CU_ASSERT_EQUAL(mlps_diff_n_items(d), 5);
	mlps_diff_free(d);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, next->id, &err), 2);
	mlps_assessment_free(back);
	mlps_assessment_free(next);
	mlps_assessment_free(loaded);
	mlps_assessment_free(old);
	mlps_store_close(st);
	mlps_error_release(&err);
	free(name);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "carries every field, to confirm", test_reaudit_carries_every_field_and_marks_to_confirm },
		{ "changed wording is not carried", test_reaudit_does_not_carry_changed_wording },
		{ "another level or extensions", test_reaudit_with_another_level_or_extensions },
		{ "diff with itself is empty", test_diff_of_an_assessment_with_itself_is_empty },
		{ "diff classifies a constructed pair", test_diff_classifies_a_constructed_pair },
		{ "diff refuses two systems", test_diff_refuses_two_systems },
		{ "re-audit through the store", test_reaudit_through_the_store },
		CU_TEST_INFO_NULL,
	};
	int status;

	cat = load_catalog(MLPS_FIXTURES "/score/mixed");
	changed = load_catalog(MLPS_FIXTURES "/reaudit/changed");
	if (!cat || !changed)
		return 1;
	status = test_main("reaudit", tests);
	mlps_catalog_free(cat);
	mlps_catalog_free(changed);
	return status;
}
