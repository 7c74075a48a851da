/*
 * test_score.c - scoring against cases computed by hand: values, weights,
 * N/A, unanswered, the level rules, default and high risks with and without
 * their conditions, overrides, every verdict boundary of both rules, the
 * worked example of docs/scoring.md with its variants (min over objects,
 * per-part base score, y = 0.3 and 0.7), the composite's floors, and the
 * rules file's bad-input messages. The `mixed` and `flat` fixtures keep a
 * version-1 rules file: what they assert is what version 1 always scored.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalog.h"
#include "score.h"
#include "store.h"
#include "strbuf.h"
#include "testutil.h"
#include "yamldoc.h"

#define EPS 1e-9
#define WORKED MLPS_FIXTURES "/score/worked"

static struct mlps_catalog *mixed, *flat, *worked, *bands, *shipped;

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

/* Version 2 */

/* An answer on a named object (NULL: the system object). */
static void put_on(struct mlps_assessment *a, const char *key, const char *object, enum mlps_status st)
{
	struct mlps_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.object = (char *)object;
	ans.status = st;
	ans.na_reason = st == MLPS_ST_NA ? (char *)"not on this host" : NULL;
	mlps_assessment_put(a, &ans);
}

/*
 * The worked example of docs/scoring.md: control point A (technical, on the
 * servers H1 and H2), control point B (management, on the system object).
 *   A1 key        H1 compliant      H2 partial
 *   A2 important  H1 noncompliant   H2 partial
 *   A3 general    H1 compliant      H2 N/A
 *   B1 important  partial
 *   B2 general    compliant
 */
static struct mlps_assessment *worked_answers(void)
{
	struct mlps_assessment *a = make(3, 0, 0);

	mlps_assessment_system_object(a);
	mlps_assessment_add_object(a, "H1", "server", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(a, "H2", "server", MLPS_IMP_KEY, NULL);
	put_on(a, "a.1", "H1", MLPS_ST_COMPLIANT);
	put_on(a, "a.1", "H2", MLPS_ST_PARTIAL);
	put_on(a, "a.2", "H1", MLPS_ST_NONCOMPLIANT);
	put_on(a, "a.2", "H2", MLPS_ST_PARTIAL);
	put_on(a, "a.3", "H1", MLPS_ST_COMPLIANT);
	put_on(a, "a.3", "H2", MLPS_ST_NA);
	put_on(a, "b.1", NULL, MLPS_ST_PARTIAL);
	put_on(a, "b.2", NULL, MLPS_ST_COMPLIANT);
	return a;
}

/* The worked example's rules file with the first `from` replaced by `to`; caller frees. */
static char *worked_rules_with(const char *from, const char *to)
{
	struct mlps_error err;
	struct strbuf text = STRBUF_INIT;
	char *buf, *at;
	size_t len;

	mlps_error_init(&err);
	if (ydoc_read_file(WORKED "/99-rules.yaml", 1 << 20, &buf, &len, &err))
		abort();
	mlps_error_release(&err);
	at = strstr(buf, from);
	if (!at)
		abort();
	strbuf_add(&text, buf, (size_t)(at - buf));
	strbuf_adds(&text, to);
	strbuf_adds(&text, at + strlen(from));
	free(buf);
	return strbuf_detach(&text, NULL);
}

/* The worked example's profile with one line of its rules file replaced. */
static struct mlps_catalog *worked_variant(const char *from, const char *to)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	char *text = worked_rules_with(from, to), *dir = make_temp_dir(), *rules = path_join(dir, "99-rules.yaml");
	const char *paths[3];

	mlps_error_init(&err);
	write_file(rules, text, strlen(text));
	paths[0] = WORKED "/00-objects.yaml";
	paths[1] = WORKED "/10-example.yaml";
	paths[2] = rules;
	cat = mlps_catalog_load_files(paths, 3, &err);
	if (!cat)
		fprintf(stderr, "\n%s\n", mlps_error_message(&err));
	remove_tree(dir);
	free(rules);
	free(dir);
	free(text);
	mlps_error_release(&err);
	return cat;
}

static const struct mlps_tally *cp(const struct mlps_score *s, const struct mlps_catalog *cat, const char *key)
{
	size_t i;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);

		if (!strcmp(r->cp->key, key))
			return mlps_score_control_point(s, 3, r->cp->index);
	}
	return NULL;
}

static const char *conclusion(const struct mlps_score *s, const char *rule)
{
	size_t i;

	for (i = 0; i < mlps_score_rules(s)->n_verdicts; i++)
		if (!strcmp(mlps_score_rules(s)->verdicts[i].id, rule))
			return mlps_score_verdict(s, 3, i)->band->label.zh;
	return "?";
}

static void test_score_worked_example_of_the_docs(void)
{
	struct mlps_assessment *a = worked_answers();
	struct mlps_score *s = score(worked, a);
	const struct mlps_composite *c = mlps_score_composite(s, 3);
	const struct mlps_deduction *d;
	const struct mlps_tally *t = mlps_score_level(s, 3);
	size_t n;

	/* Item values: A1 0.75, A2 0.25, A3 1 (H2 N/A left out), B1 0.5, B2 1. */
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_result(s, mlps_catalog_find_key(worked, "a.1"))->value, 0.75, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_result(s, mlps_catalog_find_key(worked, "a.2"))->value, 0.25, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_result(s, mlps_catalog_find_key(worked, "a.3"))->value, 1, EPS);
	/* Control points: A = (0.75*1 + 0.25*0.7 + 1*0.4) / 2.1 * 10; B = (0.5*0.7 + 1*0.4) / 1.1 * 10. */
	CU_ASSERT_DOUBLE_EQUAL(cp(s, worked, "a")->score10, 1.325 / 2.1 * 10, EPS);
	CU_ASSERT_DOUBLE_EQUAL(cp(s, worked, "a")->score10, 6.3095238095, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(cp(s, worked, "b")->score10, 6.8181818182, 1e-9);
	CU_ASSERT_EQUAL(cp(s, worked, "a")->status, MLPS_CP_PARTIAL);
	CU_ASSERT_EQUAL(cp(s, worked, "b")->status, MLPS_CP_PARTIAL);
	/* Rate: (0.75 + 0.25 + 1 + 0.5 + 1) / 5 = 70 %. */
	CU_ASSERT_EQUAL(t->applicable, 5);
	CU_ASSERT_DOUBLE_EQUAL(t->rate, 70, EPS);
	/* Composite, whole: S = 20; technical units 3*0.25 + 2*0.75 = 2.25, management 2*0.5 = 1. */
	CU_ASSERT_TRUE(c->present);
	CU_ASSERT_EQUAL(c->n, 5);
	CU_ASSERT_EQUAL(c->n_t, 3);
	CU_ASSERT_EQUAL(c->n_m, 2);
	CU_ASSERT_DOUBLE_EQUAL(c->s, 20, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->ded_t, 45, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->ded_m, 20, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->v_t, 5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->v_m, 30, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->m, 35, EPS);
	CU_ASSERT_FALSE(c->floored_t);
	CU_ASSERT_FALSE(c->floored_m);
	CU_ASSERT_DOUBLE_EQUAL(t->score, 35, EPS);
	/* Deductions, largest first: A2 30, B1 20, A1 15; running 30, 50, 65 = 100 - M. */
	d = mlps_score_deductions(s, 3, &n);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_STRING_EQUAL(d[0].req->key, "a.2");
	CU_ASSERT_DOUBLE_EQUAL(d[0].points, 30, EPS);
	CU_ASSERT_DOUBLE_EQUAL(d[0].factor, 2, EPS);
	CU_ASSERT_EQUAL(d[0].status, MLPS_ST_PARTIAL);
	CU_ASSERT_STRING_EQUAL(d[1].req->key, "b.1");
	CU_ASSERT_DOUBLE_EQUAL(d[1].points, 20, EPS);
	CU_ASSERT_EQUAL(d[1].part, MLPS_KIND_MANAGEMENT);
	CU_ASSERT_STRING_EQUAL(d[2].req->key, "a.1");
	CU_ASSERT_DOUBLE_EQUAL(d[2].points, 15, EPS);
	CU_ASSERT_DOUBLE_EQUAL(d[2].running, 65, EPS);
	CU_ASSERT_DOUBLE_EQUAL(d[2].running, 100 - c->m, EPS);
	/* Category figures: the deducted points by category. */
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_category(s, 3, 0)->deducted, 45, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_category(s, 3, 1)->deducted, 20, EPS);
	/* Conclusions: 70 % -> 基本符合 (primary, first); M = 35 -> 差. */
	CU_ASSERT_STRING_EQUAL(mlps_score_primary(s, 3)->band->label.zh, "基本符合");
	CU_ASSERT_STRING_EQUAL(mlps_score_primary(s, 3)->rule->id, "rate-2025");
	CU_ASSERT_STRING_EQUAL(conclusion(s, "grade-2021"), "差");
	mlps_score_free(s);
	mlps_assessment_free(a);
}

/* The worked example under a variant of the rules: M, V_t, V_m. */
static void worked_case(const char *from, const char *to, double v_t, double v_m, double m, double rate)
{
	struct mlps_catalog *cat = worked_variant(from, to);
	struct mlps_assessment *a;
	struct mlps_score *s;
	const struct mlps_composite *c;
	const struct mlps_deduction *d;
	double counted = 0;
	size_t n, i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(cat);
	a = worked_answers();
	s = score(cat, a);
	c = mlps_score_composite(s, 3);
	CU_ASSERT_DOUBLE_EQUAL(c->v_t, v_t, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(c->v_m, v_m, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(c->m, m, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, rate, 1e-9);
	/* Whatever the variant, the deductions account for every point lost. */
	d = mlps_score_deductions(s, 3, &n);
	for (i = 0; i < n; i++)
		counted += d[i].points - d[i].beyond;
	CU_ASSERT_DOUBLE_EQUAL(counted, 100 - c->m, 1e-9);
	if (n)
		CU_ASSERT_DOUBLE_EQUAL(d[n - 1].running, 100 - c->m, 1e-9);
	if (fabs(c->m - m) > 1e-9)
		fprintf(stderr, "\n  %s -> %s: V_t %g V_m %g M %g\n", from, to, c->v_t, c->v_m, c->m);
	mlps_score_free(s);
	mlps_assessment_free(a);
	mlps_catalog_free(cat);
}

static void test_score_base_score_variants_and_attention(void)
{
	/* whole: S = 20. */
	worked_case("value: 0.5", "value: 0.5", 5, 30, 35, 70);
	/* y = 0.7: 70 - 45 = 25, 30 - 20 = 10; M unchanged (no floor): the whole variant's property. */
	worked_case("value: 0.5", "value: 0.7", 25, 10, 35, 70);
	/* y = 0.3: 30 - 45 is floored at 0; 70 - 20 = 50. */
	worked_case("value: 0.5", "value: 0.3", 0, 50, 50, 70);
	/* per-part: S_t = 50/3, S_m = 25: 50 - 37.5, 50 - 25. */
	worked_case("value: whole", "value: per-part", 12.5, 25, 37.5, 70);
}

static void test_score_per_part_with_other_attention(void)
{
	/* y = 0.3 with per-part: S_t = 10, S_m = 35 -> V_t 7.5, V_m 35, M 42.5. */
	worked_case("    value: 0.5\n    source: {zh: 重建, en: reconstructed}\n    confidence: reconstructed\n"
		    "  base_score:\n    value: whole",
		    "    value: 0.3\n    source: {zh: 重建, en: reconstructed}\n    confidence: reconstructed\n"
		    "  base_score:\n    value: per-part", 7.5, 35, 42.5, 70);
	/* y = 0.7 with per-part: S_t = 70/3, S_m = 15 -> 70 - 52.5, 30 - 15. */
	worked_case("    value: 0.5\n    source: {zh: 重建, en: reconstructed}\n    confidence: reconstructed\n"
		    "  base_score:\n    value: whole",
		    "    value: 0.7\n    source: {zh: 重建, en: reconstructed}\n    confidence: reconstructed\n"
		    "  base_score:\n    value: per-part", 17.5, 15, 32.5, 70);
}

static void test_score_min_over_objects_floors_the_technical_part(void)
{
	struct mlps_catalog *cat = worked_variant("value: mean", "value: min");
	struct mlps_assessment *a = worked_answers();
	struct mlps_score *s = score(cat, a);
	const struct mlps_composite *c = mlps_score_composite(s, 3);
	const struct mlps_deduction *d;
	size_t n;

	/* A1 min 0.5 (1.5 units), A2 min 0 (2 units): 3.5 * 20 = 70 > 50, floored. */
	CU_ASSERT_DOUBLE_EQUAL(c->ded_t, 70, EPS);
	CU_ASSERT_TRUE(c->floored_t);
	CU_ASSERT_FALSE(c->floored_m);
	CU_ASSERT_DOUBLE_EQUAL(c->v_t, 0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->v_m, 30, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->m, 30, EPS);
	/* The rate uses the same item values: (0.5 + 0 + 1 + 0.5 + 1) / 5 = 60, exactly 60 -> 基本符合. */
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, 60, EPS);
	CU_ASSERT_STRING_EQUAL(conclusion(s, "rate-2025"), "基本符合");
	/* A2 40, A1 30 of which 20 fall past the technical floor, B1 20: 100 - M = 70. */
	d = mlps_score_deductions(s, 3, &n);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_STRING_EQUAL(d[0].req->key, "a.2");
	CU_ASSERT_DOUBLE_EQUAL(d[0].points, 40, EPS);
	CU_ASSERT_DOUBLE_EQUAL(d[0].beyond, 0, EPS);
	CU_ASSERT_STRING_EQUAL(d[1].req->key, "a.1");
	CU_ASSERT_DOUBLE_EQUAL(d[1].points, 30, EPS);
	CU_ASSERT_DOUBLE_EQUAL(d[1].beyond, 20, EPS);
	CU_ASSERT_DOUBLE_EQUAL(d[1].running, 50, EPS);
	CU_ASSERT_STRING_EQUAL(d[2].req->key, "b.1");
	CU_ASSERT_DOUBLE_EQUAL(d[2].running, 70, EPS);
	mlps_score_free(s);
	mlps_assessment_free(a);
	mlps_catalog_free(cat);
}

static void test_score_all_compliant_is_100_compliant_and_excellent(void)
{
	struct mlps_assessment *a = make(3, 0, 0);
	struct mlps_score *s;
	size_t n;

	mlps_assessment_system_object(a);
	mlps_assessment_add_object(a, "H1", "server", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(a, "H2", "server", MLPS_IMP_KEY, NULL);
	put_on(a, "a.1", "H1", MLPS_ST_COMPLIANT);
	put_on(a, "a.1", "H2", MLPS_ST_COMPLIANT);
	put_on(a, "a.2", "H1", MLPS_ST_COMPLIANT);
	put_on(a, "a.2", "H2", MLPS_ST_COMPLIANT);
	put_on(a, "a.3", "H1", MLPS_ST_COMPLIANT);
	put_on(a, "a.3", "H2", MLPS_ST_COMPLIANT);
	put_on(a, "b.1", NULL, MLPS_ST_COMPLIANT);
	put_on(a, "b.2", NULL, MLPS_ST_COMPLIANT);
	s = score(worked, a);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_composite(s, 3)->m, 100, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, 100, EPS);
	CU_ASSERT_DOUBLE_EQUAL(cp(s, worked, "a")->score10, 10, EPS);
	CU_ASSERT_EQUAL(cp(s, worked, "a")->status, MLPS_CP_COMPLIANT);
	mlps_score_deductions(s, 3, &n);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_STRING_EQUAL(conclusion(s, "rate-2025"), "符合");
	CU_ASSERT_STRING_EQUAL(conclusion(s, "grade-2021"), "优");
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static void test_score_all_na_control_point_is_not_applicable_and_left_out(void)
{
	struct mlps_assessment *a = worked_answers();
	struct mlps_score *s;
	const struct mlps_composite *c;

	put_on(a, "b.1", NULL, MLPS_ST_NA);
	put_on(a, "b.2", NULL, MLPS_ST_NA);
	s = score(worked, a);
	c = mlps_score_composite(s, 3);
	CU_ASSERT_EQUAL(cp(s, worked, "b")->status, MLPS_CP_NA);
	CU_ASSERT_EQUAL(cp(s, worked, "b")->applicable, 0);
	CU_ASSERT_EQUAL(cp(s, worked, "a")->status, MLPS_CP_PARTIAL);
	/* Left out of n, the rate and the deductions: n = 3, S = 100/3, rate 2/3. */
	CU_ASSERT_EQUAL(c->n, 3);
	CU_ASSERT_EQUAL(c->n_m, 0);
	CU_ASSERT_DOUBLE_EQUAL(c->s, 100.0 / 3, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, 200.0 / 3, EPS);
	CU_ASSERT_DOUBLE_EQUAL(c->ded_m, 0, EPS);
	/* 2.25 units * 100/3 = 75 > 50: the technical part is floored; management keeps its 50. */
	CU_ASSERT_DOUBLE_EQUAL(c->m, 50, EPS);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

/* The decision alone, on the shipped rules: every boundary of both rules. */
static const char *decide(const char *rule, double measure, enum mlps_risk worst)
{
	const struct mlps_rules *rules = mlps_catalog_rules(shipped);
	struct mlps_verdict v;
	size_t i;

	for (i = 0; i < rules->n_verdicts; i++)
		if (!strcmp(rules->verdicts[i].id, rule)) {
			mlps_score_decide(&rules->verdicts[i], measure, worst, &v);
			return v.band->label.zh;
		}
	return "?";
}

static void test_score_shipped_band_boundaries(void)
{
	const struct mlps_rules *rules = mlps_catalog_rules(shipped);

	CU_ASSERT_EQUAL(rules->version, 2);
	/* The 2025 rule leads. */
	CU_ASSERT_STRING_EQUAL(rules->verdicts[rules->primary].id, "rate-2025");
	CU_ASSERT_EQUAL(rules->primary, 0);
	/* 2025: above 90 and no unmitigated high risk; 60-90 whatever the risks; below 60. */
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 100, MLPS_RISK_NONE), "符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 90.01, MLPS_RISK_MEDIUM), "符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 90, MLPS_RISK_NONE), "基本符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 95, MLPS_RISK_HIGH), "基本符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 85, MLPS_RISK_HIGH), "基本符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 60, MLPS_RISK_HIGH), "基本符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 60, MLPS_RISK_NONE), "基本符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 59.99, MLPS_RISK_NONE), "不符合");
	CU_ASSERT_STRING_EQUAL(decide("rate-2025", 0, MLPS_RISK_NONE), "不符合");
	/* 2021: 优 >= 90 no medium/high; 良 >= 80 no high; 中 >= 70 no high; 差. */
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 100, MLPS_RISK_NONE), "优");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 90, MLPS_RISK_LOW), "优");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 90, MLPS_RISK_MEDIUM), "良");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 89.99, MLPS_RISK_NONE), "良");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 80, MLPS_RISK_MEDIUM), "良");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 79.99, MLPS_RISK_NONE), "中");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 70, MLPS_RISK_MEDIUM), "中");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 69.99, MLPS_RISK_NONE), "差");
	CU_ASSERT_STRING_EQUAL(decide("grade-2021", 100, MLPS_RISK_HIGH), "差");
}

/*
 * Twenty general items (ten technical, ten management, S = 5): tc/tp/tn
 * technical compliant/partial/noncompliant and the same for management;
 * the rest compliant. t.r0 is the high-risk scenario's item: it is the first
 * noncompliant technical one.
 */
static void bands_case(int tp, int tn, int mp, int mn, const char *mitigation, double rate, double m,
		       const char *c2025, const char *g2021)
{
	struct mlps_assessment *a = make(3, 0, 0);
	struct mlps_score *s;
	char key[16];
	int i;

	for (i = 0; i < 10; i++) {
		enum mlps_status st = i < tn ? MLPS_ST_NONCOMPLIANT : i < tn + tp ? MLPS_ST_PARTIAL
										   : MLPS_ST_COMPLIANT;

		snprintf(key, sizeof(key), "t.r%d", i);
		if (i == 0 && mitigation)
			put_override(a, key, st, MLPS_RISK_MEDIUM, mitigation);
		else
			put(a, key, st);
		snprintf(key, sizeof(key), "m.r%d", i);
		put(a, key, i < mn ? MLPS_ST_NONCOMPLIANT : i < mn + mp ? MLPS_ST_PARTIAL : MLPS_ST_COMPLIANT);
	}
	s = score(bands, a);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, rate, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_composite(s, 3)->m, m, EPS);
	CU_ASSERT_STRING_EQUAL(conclusion(s, "rate-2025"), c2025);
	CU_ASSERT_STRING_EQUAL(conclusion(s, "grade-2021"), g2021);
	if (strcmp(conclusion(s, "rate-2025"), c2025) || strcmp(conclusion(s, "grade-2021"), g2021))
		fprintf(stderr, "\n  case %d/%d/%d/%d: got %s %s (rate %g, M %g)\n", tp, tn, mp, mn,
			conclusion(s, "rate-2025"), conclusion(s, "grade-2021"), mlps_score_level(s, 3)->rate,
			mlps_score_composite(s, 3)->m);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

static void test_score_band_boundaries_end_to_end(void)
{
	bands_case(0, 0, 0, 0, NULL, 100, 100, "符合", "优");
	/* 3 partial: 92.5 % (just above 90), low risk; M = 92.5. */
	bands_case(2, 0, 1, 0, NULL, 92.5, 92.5, "符合", "优");
	/* 4 partial: exactly 90 % -> 基本符合; M = 90 with low risk -> 优. */
	bands_case(2, 0, 2, 0, NULL, 90, 90, "基本符合", "优");
	/* One non-compliant management item: 95 %, medium risk -> 符合; M 95 -> 良. */
	bands_case(0, 0, 0, 1, NULL, 95, 95, "符合", "良");
	/* t.r0 non-compliant: the scenario makes it high: 95 % -> 基本符合, 2021 差. */
	bands_case(0, 1, 0, 0, NULL, 95, 95, "基本符合", "差");
	/* The same, mitigated to medium: it no longer counts. */
	bands_case(0, 1, 0, 0, "isolated segment, jump host", 95, 95, "符合", "良");
	/* 85 % with the high risk -> 基本符合 whatever the risks. */
	bands_case(0, 3, 0, 0, NULL, 85, 85, "基本符合", "差");
	/* 8 non-compliant: exactly 60 % -> 基本符合; M = 60. */
	bands_case(0, 4, 0, 4, "isolated segment, jump host", 60, 60, "基本符合", "差");
	/* One more partial: 57.5 % -> 不符合. */
	bands_case(1, 4, 0, 4, "isolated segment, jump host", 57.5, 57.5, "不符合", "差");
	/* 2021 boundaries at 80 and 70 (medium risk). */
	bands_case(0, 2, 0, 2, "isolated segment, jump host", 80, 80, "基本符合", "良");
	bands_case(1, 2, 0, 2, "isolated segment, jump host", 77.5, 77.5, "基本符合", "中");
	bands_case(0, 3, 0, 3, "isolated segment, jump host", 70, 70, "基本符合", "中");
	bands_case(1, 3, 0, 3, "isolated segment, jump host", 67.5, 67.5, "基本符合", "差");
}

static void test_score_version_1_rules_score_as_before(void)
{
	const struct mlps_rules *rules = mlps_catalog_rules(mixed);
	struct mlps_assessment *a = mixed_answers(0);
	struct mlps_score *s = score(mixed, a);
	size_t n;

	CU_ASSERT_EQUAL(rules->version, 1);
	CU_ASSERT_FALSE(rules->has_composite);
	CU_ASSERT_EQUAL(rules->verdicts[0].measure, MLPS_MEASURE_SCORE);
	CU_ASSERT_TRUE(rules->verdicts[0].primary);
	CU_ASSERT_FALSE(mlps_score_composite(s, 3)->present);
	mlps_score_deductions(s, 3, &n);
	CU_ASSERT_EQUAL(n, 0);
	/* The level's score is the importance-weighted mean it always was. */
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->score, 100.0 * 1.25 / 1.9, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_verdict(s, 3, 0)->measure, 100.0 * 1.25 / 1.9, EPS);
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, 3)->rate, 37.5, EPS);
	mlps_score_free(s);
	mlps_assessment_free(a);
}

/* Loads the worked rules file alone with `from` replaced by `to`; returns the first message. */
static char *bad_rules(const char *from, const char *to)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	char *text = worked_rules_with(from, to), *msg;

	mlps_error_init(&err);
	cat = mlps_catalog_load_memory("rules.yaml", text, strlen(text), &err);
	msg = mlps_strdup(cat ? "(loaded)" : mlps_error_message(&err));
	mlps_catalog_free(cat);
	free(text);
	mlps_error_release(&err);
	return msg;
}

static void expect_bad(const char *from, const char *to, const char *message)
{
	char *msg = bad_rules(from, to);

	CU_ASSERT_STRING_EQUAL(msg, message);
	if (strcmp(msg, message))
		fprintf(stderr, "\n  got: %s\n", msg);
	free(msg);
}

static void test_score_rules_bad_input_names_the_place(void)
{
	expect_bad("  important: 0.7", "  important: -0.7",
		   "rules.yaml:19:14: weights.important: must not be negative, found '-0.7'");
	expect_bad("value: 0.5", "value: 1.5",
		   "rules.yaml:35:12: composite.attention.value: the attention coefficient y must be from 0 to 1, "
		   "found '1.5'");
	expect_bad("value: 0.5", "value: -0.1",
		   "rules.yaml:35:12: composite.attention.value: the attention coefficient y must be from 0 to 1, "
		   "found '-0.1'");
	expect_bad("value: whole", "value: per_part",
		   "rules.yaml:39:12: composite.base_score.value: 'per_part' is not one of: whole, per-part");
	expect_bad("        min: 80\n", "        min: 95\n",
		   "rules.yaml:71:9: verdicts[1].bands[1]: bands out of order: min 95 is higher than the previous "
		   "band's min 90; list bands from the highest lower bound down");
	expect_bad("      - label: {zh: 基本符合, en: Basically compliant}\n        min: 60\n",
		   "      - label: {zh: 基本符合, en: Basically compliant}\n        max_risk: medium\n",
		   "rules.yaml:58:9: verdicts[0].bands[1]: a band needs a lower bound: above (exclusive) or min "
		   "(inclusive)");
	expect_bad("        above: 90\n", "        above: 90\n        min: 90\n",
		   "rules.yaml:56:16: verdicts[0].bands[0]: a band has one lower bound: above or min, not both");
	expect_bad("mlps-rules: 2", "mlps-rules: 3",
		   "rules.yaml:1:13: mlps-rules: schema version 3 is not supported (this mlps reads versions 1 "
		   "and 2)");
	expect_bad("  confidence: confirmed\ncombine", "  confidence: sure\ncombine",
		   "rules.yaml:12:15: values.confidence: 'sure' is not one of: confirmed, single-source, reconstructed");
}

static void test_score_rules_bad_input_exits_2_from_the_cli(void)
{
	struct run r;
	char *dir = make_temp_dir(), *path = path_join(dir, "99-rules.yaml");
	char *text = worked_rules_with("  general: 0.4", "  general: -1");

	write_file(path, text, strlen(text));
	run_mlps(&r, NULL, (const char *const[]){ "profile", "validate", path, NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "99-rules.yaml:20:12: weights.general: must not be negative, found '-1'"));
	if (!strstr(r.err, "99-rules.yaml:20:12:"))
		fprintf(stderr, "\n  stderr: %s\n", r.err);
	run_free(&r);
	remove_tree(dir);
	free(path);
	free(dir);
	free(text);
}

/* Cross-check */

/* A JSON document from one run of mlps; NULL (with the output shown) on failure. */
static json_t *mlps_json(const char *db, const char *const *args)
{
	static const char *const env[] = { "MLPS_PROFILES=" MLPS_SHIPPED, NULL };
	const char *argv[12] = { "--db", db };
	json_error_t jerr;
	struct run r;
	json_t *doc = NULL;
	size_t i;

	for (i = 0; args[i] && i < 9; i++)
		argv[2 + i] = args[i];
	argv[2 + i] = NULL;
	run_mlps(&r, env, argv);
	if (r.status == 0)
		doc = json_loads(r.out, 0, &jerr);
	if (!doc)
		fprintf(stderr, "\n  mlps %s: status %d\n%s\n", args[0], r.status, r.err);
	run_free(&r);
	return doc;
}

static json_t *find_level(json_t *levels, int level)
{
	size_t i;
	json_t *x;

	json_array_foreach(levels, i, x)
		if (json_integer_value(json_object_get(x, "level")) == level)
			return x;
	return NULL;
}

/* The report rounds to 2 decimals: equal when the full figure rounds to it. */
static void same(json_t *full, json_t *rounded, const char *what, int level)
{
	double a = json_number_value(full), b = json_number_value(rounded);

	CU_ASSERT_TRUE(json_is_number(full) && json_is_number(rounded));
	CU_ASSERT_DOUBLE_EQUAL(a, b, 0.005 + 1e-9);
	if (fabs(a - b) > 0.005 + 1e-9)
		fprintf(stderr, "\n  L%d %s: score %g, report %g\n", level, what, a, b);
}

/*
 * A seeded random level-3 assessment with every extension and several
 * objects of many kinds: the in-process score (what the TUI summary shows),
 * `mlps score --format json` and `mlps report --format json` must give the
 * same rates, composite scores, conclusions and worst risks at every level,
 * and the same category figures.
 */
static void test_score_cross_check_score_report_and_summary_agree(void)
{
	static const char *const objects[][2] = {
		{ "web01", "server" }, { "db01", "server" },     { "orders", "database" },
		{ "portal", "application" }, { "IDC-A", "room" }, { "core-sw", "network" },
		{ "fw01", "security" }, { "cloud", "cloud-platform" }, { "app-phone", "mobile-terminal" },
		{ "gw01", "iot-node" }, { "plc01", "ics-device" },
	};
	static const enum mlps_status pick[] = { MLPS_ST_UNANSWERED, MLPS_ST_COMPLIANT, MLPS_ST_COMPLIANT,
						 MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL, MLPS_ST_NONCOMPLIANT,
						 MLPS_ST_NA, MLPS_ST_TODO };
	struct mlps_assessment a, *loaded;
	struct mlps_error err;
	struct mlps_store *st;
	struct mlps_score *sc;
	char *dir = make_temp_dir(), *db = test_store_name(dir, "x.db");
	const struct mlps_object **objs;
	json_t *sj, *rj, *sl, *rl, *x;
	unsigned seed = 12;
	size_t i, j, k;
	int level;

	mlps_error_init(&err);
	memset(&a, 0, sizeof(a));
	a.sys.name = (char *)"随机系统";
	a.sys.s_level = 3;
	a.sys.a_level = 3;
	a.sys.flags = MLPS_COND_CONTINUITY | MLPS_COND_CLOUD_CUSTOMER;
	a.level = 3;
	a.ext = MLPS_EXT_ALL;
	a.profile_hash = (char *)mlps_catalog_hash(shipped);
	a.rules_id = (char *)mlps_catalog_rules(shipped)->id;
	st = open_store(db);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL_FATAL(mlps_store_create(st, &a, &err), 0);
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
		struct mlps_object o = { (char *)objects[i][0], (char *)objects[i][1], MLPS_IMP_IMPORTANT, NULL };

		CU_ASSERT_EQUAL(mlps_store_add_object(st, a.id, &o, &err), 0);
	}
	loaded = mlps_store_load(st, a.id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(loaded);
	objs = mlps_calloc(loaded->n_objects, sizeof(*objs));
	for (i = 0; i < mlps_catalog_n_requirements(shipped); i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(shipped, i);
		size_t n = mlps_assessment_req_objects(shipped, loaded, req, objs);

		if (!req->ids[3] && !req->ids[2] && !req->ids[1])
			continue;
		for (j = 0; j < n; j++) {
			struct mlps_answer ans;

			memset(&ans, 0, sizeof(ans));
			ans.key = (char *)req->key;
			ans.object = objs[j]->name;
			ans.status = pick[rand_r(&seed) % (sizeof(pick) / sizeof(pick[0]))];
			if (ans.status == MLPS_ST_UNANSWERED)
				continue;
			if (ans.status == MLPS_ST_NA)
				ans.na_reason = (char *)"不在范围内";
			/* Now and then a mitigated gap, which lowers a high risk. */
			if (ans.status == MLPS_ST_NONCOMPLIANT && rand_r(&seed) % 4 == 0) {
				ans.risk = MLPS_RISK_MEDIUM;
				ans.mitigation = (char *)"隔离网段，堡垒机";
			}
			CU_ASSERT_EQUAL(mlps_store_save_answer(st, a.id, &ans, "test", &err), 0);
		}
	}
	free((void *)objs);
	mlps_assessment_free(loaded);
	loaded = mlps_store_load(st, a.id, &err);
	sc = score(shipped, loaded);
	mlps_store_close(st);

	sj = mlps_json(db, (const char *const[]){ "score", "1", "--format", "json", NULL });
	rj = mlps_json(db, (const char *const[]){ "report", "1", "--format", "json", NULL });
	CU_ASSERT_PTR_NOT_NULL_FATAL(sj);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rj);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(sj, "schema")), "mlps-score/2");
	for (level = 1; level <= 3; level++) {
		const struct mlps_composite *c = mlps_score_composite(sc, level);
		const struct mlps_tally *t = mlps_score_level(sc, level);
		json_t *concl;

		sl = find_level(json_object_get(sj, "levels"), level);
		rl = find_level(json_object_get(rj, "levels"), level);
		CU_ASSERT_PTR_NOT_NULL_FATAL(sl);
		CU_ASSERT_PTR_NOT_NULL_FATAL(rl);
		same(json_object_get(sl, "rate"), json_object_get(rl, "rate"), "rate", level);
		same(json_object_get(sl, "score"), json_object_get(rl, "score"), "score", level);
		same(json_object_get(json_object_get(sl, "composite"), "M"), json_object_get(rl, "score"), "M", level);
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(sl, "worst_risk")),
				       json_string_value(json_object_get(rl, "worst_risk")));
		/* The in-process figures, as the TUI summary shows them. */
		CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(sl, "rate")), t->rate, 1e-9);
		CU_ASSERT_DOUBLE_EQUAL(json_number_value(json_object_get(json_object_get(sl, "composite"), "M")), c->m,
				       1e-9);
		CU_ASSERT_DOUBLE_EQUAL(t->score, c->m, 1e-9);
		/* Conclusions: the same label under every rule; the 2025 one first. */
		concl = json_object_get(sl, "conclusions");
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(concl, 0), "rule")), "rate-2025");
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(concl, 0), "label")),
				       mlps_score_primary(sc, level)->band->label.zh);
		json_array_foreach(json_object_get(rl, "verdicts"), k, x) {
			const char *rule = json_string_value(json_object_get(x, "rule"));

			CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(sl, "verdicts"), rule)),
					       json_string_value(json_object_get(x, "label")));
		}
		CU_ASSERT_EQUAL(json_array_size(json_object_get(rl, "verdicts")), mlps_score_rules(sc)->n_verdicts);
		/* The deductions account for every point. */
		{
			size_t n;
			const struct mlps_deduction *d = mlps_score_deductions(sc, level, &n);

			CU_ASSERT_TRUE(n > 0);
			if (n)
				CU_ASSERT_DOUBLE_EQUAL(d[n - 1].running, 100 - c->m, 1e-6);
		}
	}
	/* Categories at the target level. */
	json_array_foreach(json_object_get(rj, "categories"), k, x) {
		const char *code = json_string_value(json_object_get(x, "code"));
		size_t m;
		json_t *y;

		json_array_foreach(json_object_get(sj, "categories"), m, y)
			if (json_integer_value(json_object_get(y, "level")) == 3 &&
			    !strcmp(json_string_value(json_object_get(y, "category")), code)) {
				same(json_object_get(y, "rate"), json_object_get(x, "rate"), code, 3);
				same(json_object_get(y, "score"), json_object_get(x, "score"), code, 3);
			}
	}
	/* --explain: the deductions add up to 100 - M, and the 2025 conclusion leads the page. */
	{
		static const char *const env[] = { "MLPS_PROFILES=" MLPS_SHIPPED, NULL };
		const struct mlps_composite *c = mlps_score_composite(sc, 3);
		struct run r;
		char want[128];

		run_mlps(&r, env, (const char *const[]){ "--db", db, "score", "1", "--explain", NULL });
		CU_ASSERT_EQUAL(r.status, 0);
		snprintf(want, sizeof(want), "合计扣分 %.2f = 100 − 综合得分 %.2f", 100 - c->m, c->m);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, want));
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "扣分明细（第3级，从大到小）"));
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "结论（第3级）\n  2025 版测评报告模板结论："));
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "¹ 综合得分按 2021 版报告模板公开描述重建，未经原文核实：基准分算法"));
		run_free(&r);
	}
	/* A random assessment at level 3 with every extension has gaps and at least one high risk. */
	CU_ASSERT_TRUE(mlps_score_n_findings(sc) > 0);
	json_decref(sj);
	json_decref(rj);
	mlps_score_free(sc);
	mlps_assessment_free(loaded);
	free(a.created);    /* set by mlps_store_create() */
	free(a.updated);
	remove_tree(dir);
	free(db);
	free(dir);
	mlps_error_release(&err);
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
		{ "worked example of the docs", test_score_worked_example_of_the_docs },
		{ "base-score variants and attention", test_score_base_score_variants_and_attention },
		{ "per-part with y 0.3 and 0.7", test_score_per_part_with_other_attention },
		{ "min over objects floors the technical part", test_score_min_over_objects_floors_the_technical_part },
		{ "all compliant: M 100, 符合 and 优", test_score_all_compliant_is_100_compliant_and_excellent },
		{ "all-N/A control point", test_score_all_na_control_point_is_not_applicable_and_left_out },
		{ "shipped band boundaries", test_score_shipped_band_boundaries },
		{ "band boundaries end to end", test_score_band_boundaries_end_to_end },
		{ "version-1 rules score as before", test_score_version_1_rules_score_as_before },
		{ "bad rules name the place", test_score_rules_bad_input_names_the_place },
		{ "bad rules exit 2", test_score_rules_bad_input_exits_2_from_the_cli },
		{ "cross-check: score, report and summary agree", test_score_cross_check_score_report_and_summary_agree },
		CU_TEST_INFO_NULL,
	};
	int status;

	mixed = load_catalog(MLPS_FIXTURES "/score/mixed");
	flat = load_catalog(MLPS_FIXTURES "/score/flat");
	worked = load_catalog(WORKED);
	bands = load_catalog(MLPS_FIXTURES "/score/bands");
	shipped = load_catalog(MLPS_SHIPPED);
	if (!mixed || !flat || !worked || !bands || !shipped)
		return 1;
	status = test_main("score", tests);
	mlps_catalog_free(mixed);
	mlps_catalog_free(flat);
	mlps_catalog_free(worked);
	mlps_catalog_free(bands);
	mlps_catalog_free(shipped);
	return status;
}
