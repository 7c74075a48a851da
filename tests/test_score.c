/*
 * test_score.c - scoring against cases computed by hand: values, weights,
 * N/A, unanswered, the level rules, default and high risks with and without
 * their conditions, overrides, and every verdict boundary of both rules.
 */
#include <string.h>

#include "catalog.h"
#include "score.h"
#include "testutil.h"

#define EPS 1e-9

static struct mlps_catalog *mixed, *flat;

static struct mlps_assessment *make(int level, unsigned ext, unsigned flags)
{
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));

	a->level = level;
	a->ext = ext | MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a->sys.flags = flags;
	a->sys.name = mlps_strdup("test");
	return a;
}

static void put(struct mlps_assessment *a, const char *key, enum mlps_status st)
{
	struct mlps_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.status = st;
	ans.na_reason = st == MLPS_ST_NA ? (char *)"no such thing here" : NULL;
	mlps_assessment_put(a, &ans);
}

static void put_override(struct mlps_assessment *a, const char *key, enum mlps_status st,
			 enum mlps_risk risk, const char *mitigation)
{
	struct mlps_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.status = st;
	ans.risk = risk;
	ans.mitigation = (char *)mitigation;
	mlps_assessment_put(a, &ans);
}

static struct mlps_score *score(const struct mlps_catalog *cat, const struct mlps_assessment *a)
{
	struct mlps_error err;
	struct mlps_score *s;

	mlps_error_init(&err);
	s = mlps_score_compute(cat, a, &err);
	mlps_error_release(&err);
	return s;
}

static const char *verdict(const struct mlps_score *s, int level, size_t rule)
{
	return mlps_score_verdict(s, level, rule)->band->label.zh;
}

static void test_score_all_unanswered_is_zero_and_poor(void)
{
	struct mlps_assessment *a = make(3, 0, 0);
	struct mlps_score *s = score(mixed, a);
	const struct mlps_tally *t = mlps_score_level(s, 3);

	CU_ASSERT_EQUAL(t->total, 5);
	CU_ASSERT_EQUAL(t->applicable, 5);
	CU_ASSERT_EQUAL(t->answered, 0);
	CU_ASSERT_EQUAL(t->n[MLPS_ST_UNANSWERED], 5);
	CU_ASSERT_DOUBLE_EQUAL(t->rate, 0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(t->score, 0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(t->coverage, 0, EPS);
	CU_ASSERT_EQUAL(t->worst, MLPS_RISK_NONE);
	CU_ASSERT_STRING_EQUAL(verdict(s, 3, 0), "差");
	CU_ASSERT_STRING_EQUAL(verdict(s, 3, 1), "不符合");
	CU_ASSERT_EQUAL(mlps_score_n_findings(s), 0);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

/* r1 key compliant, r2 important partial, r3 general noncompliant, r4 na, m.one todo. */
static struct mlps_assessment *mixed_answers(unsigned flags)
{
	struct mlps_assessment *a = make(3, 0, flags);

	put(a, "a.one", MLPS_ST_COMPLIANT);
	put(a, "a.two", MLPS_ST_PARTIAL);
	put(a, "a.three", MLPS_ST_NONCOMPLIANT);
	put(a, "a.four", MLPS_ST_NA);
	put(a, "m.one", MLPS_ST_TODO);
	return a;
}

static void test_score_values_weights_and_na(void)
{
	struct mlps_assessment *a = mixed_answers(0);
	struct mlps_score *s = score(mixed, a);
	const struct mlps_tally *t = mlps_score_level(s, 3);

	/* applicable 4 (N/A leaves); values 1 + 0.5 + 0 + 0. */
	CU_ASSERT_EQUAL(t->total, 5);
	CU_ASSERT_EQUAL(t->applicable, 4);
	CU_ASSERT_EQUAL(t->n[MLPS_ST_NA], 1);
	CU_ASSERT_EQUAL(t->n[MLPS_ST_TODO], 1);
	CU_ASSERT_EQUAL(t->answered, 3);
	CU_ASSERT_DOUBLE_EQUAL(t->rate, 37.5, EPS);
	/* weights 1 + 0.5 + 0.2 + 0.2 = 1.9; weighted 1*1 + 0.5*0.5 = 1.25. */
	CU_ASSERT_DOUBLE_EQUAL(t->score, 100.0 * 1.25 / 1.9, EPS);
	CU_ASSERT_DOUBLE_EQUAL(t->coverage, 75, EPS);
	CU_ASSERT_EQUAL(t->worst, MLPS_RISK_MEDIUM);
	CU_ASSERT_EQUAL(t->risks[MLPS_RISK_MEDIUM], 1);
	CU_ASSERT_EQUAL(t->risks[MLPS_RISK_LOW], 1);
	CU_ASSERT_STRING_EQUAL(verdict(s, 3, 0), "差");

	/* Technical half: a.one, a.two, a.three, a.four(na) -> rate 1.5/3 = 50. */
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_kind(s, 3, MLPS_KIND_TECHNICAL)->rate, 50, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_kind(s, 3, MLPS_KIND_MANAGEMENT)->rate, 0, EPS);
	CU_ASSERT_EQUAL(mlps_score_category(s, 3, 1)->applicable, 1);
	CU_ASSERT_EQUAL(mlps_score_control_point(s, 3, 0)->applicable, 3);

	/* Findings: medium first, then low. */
	CU_ASSERT_EQUAL_FATAL(mlps_score_n_findings(s), 2);
	CU_ASSERT_STRING_EQUAL(mlps_score_finding(s, 0)->req->key, "a.three");
	CU_ASSERT_EQUAL(mlps_score_finding(s, 0)->risk, MLPS_RISK_MEDIUM);
	CU_ASSERT_STRING_EQUAL(mlps_score_finding(s, 1)->req->key, "a.two");
	CU_ASSERT_EQUAL(mlps_score_finding(s, 1)->risk, MLPS_RISK_LOW);
	CU_ASSERT_EQUAL(mlps_score_n_high_risk(s), 0);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static void test_score_answers_count_at_lower_levels_not_at_higher_ones(void)
{
	struct mlps_assessment *a = mixed_answers(0);
	struct mlps_score *s = score(mixed, a);
	const struct mlps_tally *t;

	/* L2 has a.one, a.two (weaker wording, still counts), m.one. */
	t = mlps_score_level(s, 2);
	CU_ASSERT_EQUAL(t->applicable, 3);
	CU_ASSERT_DOUBLE_EQUAL(t->rate, 50, EPS);
	CU_ASSERT_DOUBLE_EQUAL(t->score, 100.0 * 1.25 / 1.7, EPS);
	CU_ASSERT_EQUAL(t->worst, MLPS_RISK_LOW);
	CU_ASSERT_STRING_EQUAL(verdict(s, 2, 0), "中");
	CU_ASSERT_STRING_EQUAL(verdict(s, 2, 1), "不符合");
	/* L1 has a.one only. */
	t = mlps_score_level(s, 1);
	CU_ASSERT_DOUBLE_EQUAL(t->rate, 100, EPS);
	CU_ASSERT_STRING_EQUAL(verdict(s, 1, 0), "优");
	CU_ASSERT_STRING_EQUAL(verdict(s, 1, 1), "符合");
	/* L4: a.four (same wording, na), a.five (only at L4: not assessed), m.one (todo). */
	t = mlps_score_level(s, 4);
	CU_ASSERT_EQUAL(t->total, 3);
	CU_ASSERT_EQUAL(t->n[MLPS_ST_NA], 1);
	CU_ASSERT_EQUAL(t->n[MLPS_ST_UNANSWERED], 1);
	CU_ASSERT_EQUAL(t->n[MLPS_ST_TODO], 1);
	CU_ASSERT_DOUBLE_EQUAL(t->coverage, 0, EPS);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static void test_score_stronger_wording_above_target_is_not_assessed(void)
{
	struct mlps_assessment *a = make(2, 0, 0);
	struct mlps_score *s;

	put(a, "a.one", MLPS_ST_COMPLIANT);
	put(a, "a.two", MLPS_ST_COMPLIANT);
	put(a, "m.one", MLPS_ST_COMPLIANT);
	s = score(mixed, a);
	/* At L3 a.two is worded more strongly, a.three and a.four exist only there. */
	CU_ASSERT_EQUAL(mlps_score_level(s, 3)->n[MLPS_ST_COMPLIANT], 2);
	CU_ASSERT_EQUAL(mlps_score_level(s, 3)->n[MLPS_ST_UNANSWERED], 3);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->coverage, 40, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 2)->coverage, 100, EPS);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static void test_score_high_risk_caps_the_verdict(void)
{
	struct mlps_assessment *a = make(3, 0, 0);
	struct mlps_score *s;
	const struct mlps_finding *f;

	put(a, "a.one", MLPS_ST_NONCOMPLIANT);
	put(a, "a.two", MLPS_ST_COMPLIANT);
	put(a, "a.three", MLPS_ST_COMPLIANT);
	put(a, "a.four", MLPS_ST_COMPLIANT);
	put(a, "m.one", MLPS_ST_COMPLIANT);
	s = score(mixed, a);
	CU_ASSERT_EQUAL(mlps_score_level(s, 3)->worst, MLPS_RISK_HIGH);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, 80, EPS);
	CU_ASSERT_STRING_EQUAL(verdict(s, 3, 0), "差");
	CU_ASSERT_STRING_EQUAL(verdict(s, 3, 1), "不符合");
	/* The scenario starts at level 3: at level 2 the same gap is an ordinary medium risk. */
	CU_ASSERT_EQUAL(mlps_score_level(s, 2)->worst, MLPS_RISK_MEDIUM);
	CU_ASSERT_EQUAL_FATAL(mlps_score_n_findings(s), 1);
	f = mlps_score_finding(s, 0);
	CU_ASSERT_STRING_EQUAL(f->scenario->id, "6.1.1.1");
	CU_ASSERT_EQUAL(f->risk, MLPS_RISK_HIGH);
	CU_ASSERT_FALSE(f->mitigated);
	CU_ASSERT_EQUAL(mlps_score_n_high_risk(s), 1);
	mlps_score_free(s);
	mlps_assessment_free(a);

	/* A partial answer to the same item is not a high-risk finding. */
	a = make(3, 0, 0);
	put(a, "a.one", MLPS_ST_PARTIAL);
	s = score(mixed, a);
	CU_ASSERT_EQUAL(mlps_score_level(s, 3)->worst, MLPS_RISK_LOW);
	CU_ASSERT_PTR_NULL(mlps_score_finding(s, 0)->scenario);
	CU_ASSERT_EQUAL(mlps_score_n_high_risk(s), 0);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static void test_score_mitigated_override_lowers_high_risk(void)
{
	struct mlps_assessment *a = make(3, 0, 0);
	struct mlps_score *s;
	const struct mlps_finding *f;

	put_override(a, "a.one", MLPS_ST_NONCOMPLIANT, MLPS_RISK_LOW, "guard on duty, visitor log");
	s = score(mixed, a);
	f = mlps_score_finding(s, 0);
	CU_ASSERT_EQUAL(f->base, MLPS_RISK_HIGH);
	CU_ASSERT_EQUAL(f->risk, MLPS_RISK_LOW);
	CU_ASSERT_TRUE(f->mitigated);
	CU_ASSERT_PTR_NOT_NULL(f->scenario);
	CU_ASSERT_EQUAL(mlps_score_level(s, 3)->worst, MLPS_RISK_LOW);
	mlps_score_free(s);
	mlps_assessment_free(a);

	/* An override without a mitigating measure is ignored. */
	a = make(3, 0, 0);
	put_override(a, "a.one", MLPS_ST_NONCOMPLIANT, MLPS_RISK_LOW, NULL);
	s = score(mixed, a);
	CU_ASSERT_EQUAL(mlps_score_level(s, 3)->worst, MLPS_RISK_HIGH);
	mlps_score_free(s);
	mlps_assessment_free(a);

	/* An override may also raise a risk. */
	a = make(3, 0, 0);
	put_override(a, "a.three", MLPS_ST_PARTIAL, MLPS_RISK_HIGH, "exposed to the internet");
	s = score(mixed, a);
	CU_ASSERT_EQUAL(mlps_score_level(s, 3)->worst, MLPS_RISK_HIGH);
	CU_ASSERT_FALSE(mlps_score_finding(s, 0)->mitigated);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static enum mlps_risk worst_with(const char *key, unsigned ext, unsigned flags)
{
	struct mlps_assessment *a = make(3, ext, flags);
	struct mlps_score *s;
	enum mlps_risk r;

	put(a, key, MLPS_ST_NONCOMPLIANT);
	s = score(mixed, a);
	r = mlps_score_level(s, 3)->worst;
	mlps_score_free(s);
	mlps_assessment_free(a);
	return r;
}

static void test_score_high_risk_conditions(void)
{
	unsigned cloud = MLPS_EXT_BIT(MLPS_EXT_CLOUD);

	CU_ASSERT_EQUAL(worst_with("a.four", 0, 0), MLPS_RISK_MEDIUM);
	CU_ASSERT_EQUAL(worst_with("a.four", 0, MLPS_COND_KEY_INDUSTRY), MLPS_RISK_MEDIUM);
	CU_ASSERT_EQUAL(worst_with("a.four", 0, MLPS_COND_CONTINUITY), MLPS_RISK_HIGH);
	/* Either cloud role satisfies a scenario that lists both. */
	CU_ASSERT_EQUAL(worst_with("c.one", cloud, 0), MLPS_RISK_MEDIUM);
	CU_ASSERT_EQUAL(worst_with("c.one", cloud, MLPS_COND_CLOUD_CUSTOMER), MLPS_RISK_HIGH);
	CU_ASSERT_EQUAL(worst_with("c.one", cloud, MLPS_COND_CLOUD_PLATFORM), MLPS_RISK_HIGH);
	/* Without the cloud extension the cloud requirement is out of scope. */
	CU_ASSERT_EQUAL(worst_with("c.one", 0, MLPS_COND_CLOUD_PLATFORM), MLPS_RISK_NONE);
}

/* Ten general items at level 3: c compliant, p partial, n noncompliant, the rest unanswered. */
static void flat_case(int c, int p, int n, const char *grade, const char *rule2025, double rate)
{
	struct mlps_assessment *a = make(3, 0, 0);
	struct mlps_score *s;
	char key[16];
	int i;

	for (i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "f.r%d", i);
		put(a, key, i < c ? MLPS_ST_COMPLIANT : i < c + p ? MLPS_ST_PARTIAL
			    : i < c + p + n ? MLPS_ST_NONCOMPLIANT : MLPS_ST_UNANSWERED);
	}
	s = score(flat, a);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, rate, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->score, rate, EPS);
	CU_ASSERT_STRING_EQUAL(verdict(s, 3, 0), grade);
	CU_ASSERT_STRING_EQUAL(verdict(s, 3, 1), rule2025);
	if (strcmp(verdict(s, 3, 0), grade) || strcmp(verdict(s, 3, 1), rule2025))
		fprintf(stderr, "\n  case %d/%d/%d: got %s %s\n", c, p, n, verdict(s, 3, 0), verdict(s, 3, 1));
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static void test_score_verdict_boundaries(void)
{
	/* 2021 grade: 优 >= 90 with at most low risk; 良 >= 80, 中 >= 70 with at most medium. */
	flat_case(10, 0, 0, "优", "符合", 100);
	flat_case(8, 2, 0, "优", "符合", 90);       /* exactly 90, low risk */
	flat_case(9, 0, 1, "良", "符合", 90);       /* 90 but a medium risk */
	flat_case(7, 3, 0, "良", "基本符合", 85);
	flat_case(6, 4, 0, "良", "基本符合", 80);
	flat_case(5, 5, 0, "中", "基本符合", 75);
	flat_case(4, 6, 0, "中", "基本符合", 70);
	flat_case(3, 7, 0, "差", "基本符合", 65);
	flat_case(2, 8, 0, "差", "基本符合", 60);   /* exactly 60 */
	flat_case(1, 9, 0, "差", "不符合", 55);
	flat_case(6, 0, 0, "差", "基本符合", 60);   /* unanswered count as 0 */
}

static void test_score_without_rules_is_refused(void)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	struct mlps_assessment *a = make(3, 0, 0);

	{
		const char *path = MLPS_FIXTURES "/loader/base.yaml";

		mlps_error_init(&err);
		cat = mlps_catalog_load_files(&path, 1, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cat);
		CU_ASSERT_PTR_NULL(mlps_score_compute(cat, a, &err));
		CU_ASSERT_STRING_EQUAL(mlps_error_message(&err),
				       MLPS_FIXTURES "/loader/base.yaml: the profile set has no rules file "
				       "(mlps-rules: 1)");
		mlps_error_release(&err);
		mlps_catalog_free(cat);
	}
	mlps_assessment_free(a);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "all unanswered is zero and poor", test_score_all_unanswered_is_zero_and_poor },
		{ "values, weights and N/A", test_score_values_weights_and_na },
		{ "answers count at lower levels, not higher", test_score_answers_count_at_lower_levels_not_at_higher_ones },
		{ "stronger wording above target is not assessed", test_score_stronger_wording_above_target_is_not_assessed },
		{ "high risk caps the verdict", test_score_high_risk_caps_the_verdict },
		{ "mitigated override", test_score_mitigated_override_lowers_high_risk },
		{ "high-risk conditions", test_score_high_risk_conditions },
		{ "verdict boundaries", test_score_verdict_boundaries },
		{ "no rules file", test_score_without_rules_is_refused },
		CU_TEST_INFO_NULL,
	};
	int status;

	mixed = load_catalog(MLPS_FIXTURES "/score/mixed");
	flat = load_catalog(MLPS_FIXTURES "/score/flat");
	if (!mixed || !flat)
		return 1;
	status = test_main("score", tests);
	mlps_catalog_free(mixed);
	mlps_catalog_free(flat);
	return status;
}
