/*
 * test_objects.c - evaluation objects (测评对象): the rule that combines an
 * item's objects, which objects an item is answered on, findings that name
 * their objects, the store's object operations, the migration of a schema 1
 * database and the import of an mlps-export/1 file (both committed
 * fixtures written by the release before objects), re-audit and diff per
 * object, and the command line with its refusals.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "diff.h"
#include "exchange.h"
#include "reaudit.h"
#include "score.h"
#include "store.h"
#include "testutil.h"
#include "yamldoc.h"

#define EPS 1e-9

static struct mlps_catalog *shipped;

static const double values[MLPS_ST_COUNT] = {
	[MLPS_ST_UNANSWERED] = 0, [MLPS_ST_COMPLIANT] = 1, [MLPS_ST_PARTIAL] = 0.5,
	[MLPS_ST_NONCOMPLIANT] = 0, [MLPS_ST_NA] = 0, [MLPS_ST_TODO] = 0,
};

/* The rule as issue 11 states it, written out independently of the code under test. */
static enum mlps_status expected_status(const enum mlps_status *st, size_t n)
{
	size_t i, na = 0, c = 0, nc = 0, un = 0, todo = 0;

	for (i = 0; i < n; i++) {
		na += st[i] == MLPS_ST_NA;
		c += st[i] == MLPS_ST_COMPLIANT;
		nc += st[i] == MLPS_ST_NONCOMPLIANT;
		un += st[i] == MLPS_ST_UNANSWERED;
		todo += st[i] == MLPS_ST_TODO;
	}
	if (na == n)
		return MLPS_ST_NA;
	if (un)
		return MLPS_ST_UNANSWERED;
	if (todo)
		return MLPS_ST_TODO;
	if (c == n - na)
		return MLPS_ST_COMPLIANT;
	if (nc == n - na)
		return MLPS_ST_NONCOMPLIANT;
	return MLPS_ST_PARTIAL;
}

static double expected_value(const enum mlps_status *st, size_t n)
{
	double sum = 0;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (st[i] != MLPS_ST_NA) {
			sum += values[st[i]];
			k++;
		}
	return k ? sum / (double)k : 0;
}

static void check_combination(const enum mlps_status *st, size_t n)
{
	struct mlps_result res;

	mlps_result_combine(st, n, values, false, &res);
	CU_ASSERT_EQUAL(res.status, expected_status(st, n));
	CU_ASSERT_EQUAL(res.n_objects, (int)n);
	if (res.status != MLPS_ST_NA)
		CU_ASSERT_DOUBLE_EQUAL(res.value, expected_value(st, n), EPS);
}

static void test_objects_combine_every_pair_and_triple(void)
{
	enum mlps_status st[3];
	int a, b, c, combos = 0;

	for (a = 0; a < MLPS_ST_COUNT; a++)
		for (b = 0; b < MLPS_ST_COUNT; b++) {
			st[0] = (enum mlps_status)a;
			st[1] = (enum mlps_status)b;
			check_combination(st, 2);
			combos++;
			for (c = 0; c < MLPS_ST_COUNT; c++) {
				st[2] = (enum mlps_status)c;
				check_combination(st, 3);
				combos++;
			}
		}
	CU_ASSERT_EQUAL(combos, 36 + 216);
}

/* A few cases by hand, so the rule is also pinned without the second implementation. */
static void test_objects_combine_by_hand(void)
{
	enum mlps_status st[3] = { MLPS_ST_COMPLIANT, MLPS_ST_NONCOMPLIANT, MLPS_ST_PARTIAL };
	struct mlps_result res;

	mlps_result_combine(st, 3, values, false, &res);
	CU_ASSERT_EQUAL(res.status, MLPS_ST_PARTIAL);
	CU_ASSERT_DOUBLE_EQUAL(res.value, 0.5, EPS);
	CU_ASSERT_EQUAL(res.n[MLPS_ST_NONCOMPLIANT], 1);
	mlps_result_combine(st, 3, values, true, &res);
	CU_ASSERT_DOUBLE_EQUAL(res.value, 0.0, EPS);

	st[1] = MLPS_ST_NA;
	st[2] = MLPS_ST_COMPLIANT;
	mlps_result_combine(st, 3, values, false, &res);
	CU_ASSERT_EQUAL(res.status, MLPS_ST_COMPLIANT);
	CU_ASSERT_DOUBLE_EQUAL(res.value, 1.0, EPS);

	st[0] = MLPS_ST_NONCOMPLIANT;
	st[2] = MLPS_ST_NONCOMPLIANT;
	mlps_result_combine(st, 3, values, false, &res);
	CU_ASSERT_EQUAL(res.status, MLPS_ST_NONCOMPLIANT);

	st[0] = MLPS_ST_COMPLIANT;
	st[1] = MLPS_ST_UNANSWERED;
	st[2] = MLPS_ST_COMPLIANT;
	mlps_result_combine(st, 3, values, false, &res);
	CU_ASSERT_EQUAL(res.status, MLPS_ST_UNANSWERED);
	CU_ASSERT_DOUBLE_EQUAL(res.value, 2.0 / 3.0, EPS);

	mlps_result_combine(st, 0, values, false, &res);
	CU_ASSERT_EQUAL(res.status, MLPS_ST_UNANSWERED);
	CU_ASSERT_EQUAL(res.n_objects, 0);
}

static struct mlps_assessment *make(const char *system, int level)
{
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));

	a->sys.name = mlps_strdup(system);
	a->level = level;
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a->profile_hash = mlps_strdup(mlps_catalog_hash(shipped));
	a->rules_id = mlps_strdup(mlps_catalog_rules(shipped)->id);
	mlps_assessment_system_object(a);
	return a;
}

static void put(struct mlps_assessment *a, const char *key, const char *object, enum mlps_status st)
{
	const struct mlps_requirement *r = mlps_catalog_find(shipped, key);
	struct mlps_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)r->key;
	ans.object = (char *)object;
	ans.status = st;
	ans.na_reason = st == MLPS_ST_NA ? (char *)"不涉及" : NULL;
	ans.text_hash = r->hash[a->level];
	mlps_assessment_put(a, &ans);
}

static void names_of(struct strbuf *sb, const struct mlps_object *const *objs, size_t n)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? "," : "", objs[i]->name);
}

static void test_objects_requirement_objects_and_fallback(void)
{
	struct mlps_assessment *a = make("OA", 3);
	const struct mlps_object *objs[8];
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	/* Only the system object: everything is answered there, as before objects. */
	n = mlps_assessment_req_objects(shipped, a, mlps_catalog_find(shipped, "L3-CES1-01"), objs);
	names_of(&sb, objs, n);
	CU_ASSERT_STRING_EQUAL(sb.buf, "OA");
	mlps_assessment_add_object(a, "web01", "server", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(a, "orders", "database", MLPS_IMP_IMPORTANT, "MySQL 8.0");
	n = mlps_assessment_req_objects(shipped, a, mlps_catalog_find(shipped, "L3-CES1-01"), objs);
	names_of(&sb, objs, n);
	CU_ASSERT_STRING_EQUAL(sb.buf, "web01,orders");
	/* No room among the objects: the physical items stay on the system object. */
	n = mlps_assessment_req_objects(shipped, a, mlps_catalog_find(shipped, "L3-PES1-01"), objs);
	names_of(&sb, objs, n);
	CU_ASSERT_STRING_EQUAL(sb.buf, "OA");
	CU_ASSERT_TRUE(mlps_assessment_req_on(shipped, a, mlps_catalog_find(shipped, "L3-PES1-01"), &a->objects[0]));
	CU_ASSERT_FALSE(mlps_assessment_req_on(shipped, a, mlps_catalog_find(shipped, "L3-CES1-01"), &a->objects[0]));
	mlps_assessment_add_object(a, "IDC-A", "room", MLPS_IMP_KEY, NULL);
	n = mlps_assessment_req_objects(shipped, a, mlps_catalog_find(shipped, "L3-PES1-01"), objs);
	names_of(&sb, objs, n);
	CU_ASSERT_STRING_EQUAL(sb.buf, "IDC-A");
	/* Management items are the system's. */
	n = mlps_assessment_req_objects(shipped, a, mlps_catalog_find(shipped, "L3-PSS1-01"), objs);
	names_of(&sb, objs, n);
	CU_ASSERT_STRING_EQUAL(sb.buf, "OA");
	strbuf_release(&sb);
	mlps_assessment_free(a);
}

static void test_objects_check_refusals(void)
{
	struct mlps_assessment *a = make("OA", 3);
	struct mlps_error err;

	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_object_check(shipped, a, "web01", "server", &err), 0);
	CU_ASSERT_EQUAL(mlps_object_check(shipped, a, "web01", "sever", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "unknown object kind 'sever' (known: room, "));
	mlps_error_release(&err);
	CU_ASSERT_EQUAL(mlps_object_check(shipped, a, "OA", "server", &err), -1);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "assessment 0 already has an object named 'OA'");
	mlps_error_release(&err);
	CU_ASSERT_EQUAL(mlps_object_check(shipped, a, "a\x1b[2Jb", "server", &err), -1);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "object name contains a control character");
	mlps_error_release(&err);
	CU_ASSERT_EQUAL(mlps_object_check(shipped, a, "", "server", &err), -1);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "an object needs a name");
	mlps_error_release(&err);
	mlps_assessment_free(a);
}

/* Three objects on L3-CES1-01: the finding is partial, high risk, and names its gap objects. */
static void test_objects_finding_names_its_objects(void)
{
	struct mlps_assessment *a = make("OA", 3);
	const struct mlps_finding *f = NULL;
	const struct mlps_result *res;
	struct mlps_error err;
	struct mlps_score *s;
	size_t i;

	mlps_assessment_add_object(a, "web01", "server", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(a, "db01", "server", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(a, "app01", "application", MLPS_IMP_KEY, NULL);
	put(a, "L3-CES1-01", "web01", MLPS_ST_COMPLIANT);
	put(a, "L3-CES1-01", "db01", MLPS_ST_NONCOMPLIANT);
	put(a, "L3-CES1-01", "app01", MLPS_ST_PARTIAL);
	mlps_error_init(&err);
	s = mlps_score_compute(shipped, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	res = mlps_score_result(s, mlps_catalog_find(shipped, "L3-CES1-01"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_EQUAL(res->status, MLPS_ST_PARTIAL);
	CU_ASSERT_EQUAL(res->n_objects, 3);
	CU_ASSERT_DOUBLE_EQUAL(res->value, 0.5, EPS);
	for (i = 0; i < mlps_score_n_findings(s); i++)
		if (!strcmp(mlps_score_finding(s, i)->req->key, "ces.ia.a"))
			f = mlps_score_finding(s, i);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->n_gaps, 2);
	CU_ASSERT_STRING_EQUAL(f->gaps[0]->object, "db01");
	CU_ASSERT_STRING_EQUAL(f->gaps[1]->object, "app01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->scenario);
	CU_ASSERT_STRING_EQUAL(f->scenario->id, "6.4.1.1");
	CU_ASSERT_EQUAL(f->risk, MLPS_RISK_HIGH);
	CU_ASSERT_STRING_EQUAL(f->ans->object, "db01");
	/* The level-3 CES rate counts the item once, at its mean value 0.5. */
	CU_ASSERT_DOUBLE_EQUAL(mlps_score_category(s, 3, mlps_catalog_find_category(shipped, "CES")->index)->value,
			       0.5, EPS);
	mlps_score_free(s);
	mlps_error_release(&err);
	mlps_assessment_free(a);
}

/* web01 non-compliant while db01 is unanswered: a finding and a high risk now, not later. */
static void test_objects_gap_before_every_object_is_answered(void)
{
	struct mlps_assessment *a = make("OA", 3);
	const struct mlps_finding *f = NULL;
	struct mlps_error err;
	struct mlps_score *s;
	size_t i;

	mlps_assessment_add_object(a, "web01", "server", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(a, "db01", "server", MLPS_IMP_KEY, NULL);
	put(a, "L3-CES1-01", "web01", MLPS_ST_NONCOMPLIANT);
	mlps_error_init(&err);
	s = mlps_score_compute(shipped, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(mlps_score_result(s, mlps_catalog_find(shipped, "L3-CES1-01"))->status, MLPS_ST_UNANSWERED);
	for (i = 0; i < mlps_score_n_findings(s); i++)
		if (!strcmp(mlps_score_finding(s, i)->req->key, "ces.ia.a"))
			f = mlps_score_finding(s, i);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->res.status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_EQUAL(f->n_gaps, 1);
	CU_ASSERT_STRING_EQUAL(f->gaps[0]->object, "web01");
	CU_ASSERT_EQUAL(f->risk, MLPS_RISK_HIGH);
	CU_ASSERT_EQUAL(mlps_score_n_high_risk(s), 1);
	mlps_score_free(s);
	mlps_error_release(&err);
	mlps_assessment_free(a);
}

/*
 * A fully compliant level-3 assessment is 100 % at every level up to 3:
 * the items that exist only at level 2 (L2-CMS2-03, …) are not assessed by
 * a level-3 assessment and are left out of level 2, not counted unanswered.
 */
static void test_objects_levels_below_target_read_right(void)
{
	struct mlps_assessment *a = make("全符合", 3);
	struct mlps_error err;
	struct mlps_score *s;
	size_t i;
	int level, only_lower = 0;

	a->ext = MLPS_EXT_ALL;
	for (i = 0; i < mlps_catalog_n_requirements(shipped); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(shipped, i);

		if (r->ids[3])
			put(a, r->ids[3], NULL, MLPS_ST_COMPLIANT);
		else if (r->ids[1] || r->ids[2])
			only_lower++;
	}
	CU_ASSERT_TRUE(only_lower > 0);
	mlps_error_init(&err);
	s = mlps_score_compute(shipped, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (level = 1; level <= 3; level++) {
		CU_ASSERT_DOUBLE_EQUAL(mlps_score_level(s, level)->rate, 100.0, EPS);
		CU_ASSERT_EQUAL(mlps_score_level(s, level)->n[MLPS_ST_UNANSWERED], 0);
	}
	mlps_score_free(s);
	mlps_error_release(&err);
	mlps_assessment_free(a);
}

static char *copy_fixture(const char *dir, const char *name, const char *fixture)
{
	char *path = path_join(dir, name);
	FILE *in = fopen(fixture, "rb");
	char buf[65536];
	size_t n;
	struct strbuf all = STRBUF_INIT;

	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		strbuf_add(&all, buf, n);
	fclose(in);
	write_file(path, all.buf, all.len);
	strbuf_release(&all);
	return path;
}

/* A database written by the release before objects opens migrated, with nothing lost. */
static void test_objects_migrates_schema1_database(void)
{
	char *dir, *path;
	struct mlps_store *st;
	struct mlps_assessment *a, *b;
	struct mlps_error err;
	const struct mlps_answer *x;
	sqlite3 *db;
	sqlite3_stmt *stmt;

	if (test_sqlite_only("migration of the committed schema 1 file"))
		return;
	dir = make_temp_dir();
	path = copy_fixture(dir, "old.db", MLPS_FIXTURES "/store/schema1.db");
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	a = mlps_store_load(st, 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->n_objects, 1);
	CU_ASSERT_STRING_EQUAL(a->objects[0].name, "网上银行");
	CU_ASSERT_STRING_EQUAL(a->objects[0].kind, "system");
	CU_ASSERT_EQUAL(a->n_answers, 5);
	x = mlps_assessment_answer(a, "ces.ia.a", "网上银行");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_STRING_EQUAL(x->note, "运维账号存在弱口令；已通知");
	CU_ASSERT_STRING_EQUAL(x->evidence, "抽查 web01");
	x = mlps_assessment_answer(a, "pes.location.b", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_STRING_EQUAL(x->na_reason, "机房位于租用的数据中心");
	x = mlps_assessment_answer(a, "ces.ia.c", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_STRING_EQUAL(x->owner, "张三");
	CU_ASSERT_STRING_EQUAL(x->due, "2025-09-30");
	CU_ASSERT_EQUAL(x->plan, MLPS_PLAN_OPEN);
	x = mlps_assessment_answer(a, "abs.bp.a", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->risk, MLPS_RISK_MEDIUM);
	CU_ASSERT_STRING_EQUAL(x->mitigation, "边界有临时ACL");
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), 6);
	/* The re-audit keeps its parent and its answers still to confirm. */
	b = mlps_store_load(st, 3, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(b->parent, 1);
	CU_ASSERT_EQUAL(b->n_answers, 5);
	CU_ASSERT_TRUE(b->answers[0].to_confirm);
	mlps_assessment_free(b);
	b = mlps_store_load(st, 2, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_EQUAL(b->objects[0].name, "OA");
	CU_ASSERT_EQUAL(b->n_answers, 1);
	mlps_assessment_free(b);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_error_release(&err);

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version), "
					       "(SELECT count(*) FROM answer_log WHERE object IS NULL), "
					       "(SELECT count(*) FROM answer_log WHERE object = '网上银行')",
					   -1, &stmt, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(stmt), SQLITE_ROW);
	CU_ASSERT_EQUAL(sqlite3_column_int(stmt, 0), MLPS_STORE_SCHEMA);
	CU_ASSERT_EQUAL(sqlite3_column_int(stmt, 1), 0);
	CU_ASSERT_EQUAL(sqlite3_column_int(stmt, 2), 6);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	free(path);
	remove_tree(dir);
	free(dir);
}

/* A schema 2 database (objects, before revisions) opens migrated: revisions 1, an identifier each. */
static void test_objects_migrates_schema2_database(void)
{
	char *dir, *path;
	struct mlps_store *st;
	struct mlps_assessment *a, *b;
	struct mlps_error err;
	const struct mlps_answer *x;
	size_t i;

	if (test_sqlite_only("migration of the committed schema 2 file"))
		return;
	dir = make_temp_dir();
	path = copy_fixture(dir, "v2.db", MLPS_FIXTURES "/store/schema2.db");
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	a = mlps_store_load(st, 1, &err);
	b = mlps_store_load(st, 2, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(a->n_objects, 3);
	CU_ASSERT_STRING_EQUAL(a->objects[1].name, "web01");
	CU_ASSERT_STRING_EQUAL(a->objects[2].kind, "database");
	CU_ASSERT_EQUAL(a->n_answers, 4);
	for (i = 0; i < a->n_answers; i++)
		CU_ASSERT_EQUAL(a->answers[i].revision, 1);
	x = mlps_assessment_answer(a, "ces.ia.a", "web01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_STRING_EQUAL(x->note, "弱口令");
	CU_ASSERT_STRING_EQUAL(mlps_assessment_answer(a, "ces.ia.a", "orders")->evidence, "已核查");
	CU_ASSERT_STRING_EQUAL(mlps_assessment_answer(a, "ces.ia.c", "web01")->owner, "张三");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a->uid);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b->uid);
	CU_ASSERT_EQUAL(strlen(a->uid), 32);
	CU_ASSERT_EQUAL(strspn(a->uid, "0123456789abcdef"), 32);
	CU_ASSERT_STRING_NOT_EQUAL(a->uid, b->uid);
	CU_ASSERT_EQUAL(mlps_store_find_uid(st, a->uid, &err), 1);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), 4);
	mlps_assessment_free(a);
	mlps_assessment_free(b);
	mlps_store_close(st);
	mlps_error_release(&err);
	free(path);
	remove_tree(dir);
	free(dir);
}

/* An mlps-export/1 file (written before objects) imports onto the system object. */
static void test_objects_imports_export_v1(void)
{
	char *text = NULL;
	size_t len = 0, i;
	struct mlps_error err;
	struct mlps_assessment *a;

	mlps_error_init(&err);
	CU_ASSERT_EQUAL_FATAL(ydoc_read_file(MLPS_FIXTURES "/exchange/export1.json", 1 << 20, &text, &len, &err), 0);
	a = mlps_import_json(text, len, "export1.json", shipped, &err);
	if (!a)
		fprintf(stderr, "\n%s\n", mlps_error_message(&err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->n_objects, 1);
	CU_ASSERT_STRING_EQUAL(a->objects[0].kind, "system");
	CU_ASSERT_STRING_EQUAL(a->objects[0].name, "网上银行");
	CU_ASSERT_EQUAL(a->n_answers, 5);
	for (i = 0; i < a->n_answers; i++)
		CU_ASSERT_STRING_EQUAL(a->answers[i].object, "网上银行");
	mlps_assessment_free(a);
	free(text);
	mlps_error_release(&err);
}

/* mlps-export/2 refuses answers on objects it does not define, and items on the wrong kind. */
static void test_objects_import_refuses_unknown_objects(void)
{
	static const char head[] =
		"{\"schema\": \"mlps-export/2\", \"system\": {\"name\": \"S\", \"org\": null, \"s_level\": 0, "
		"\"a_level\": 0, \"flags\": []}, \"assessment\": {\"level\": 3, \"extensions\": [], "
		"\"profile_hash\": \"x\", \"rules_id\": \"r\", \"assessor\": null, \"status\": \"draft\", "
		"\"created\": \"2026-01-01T00:00:00Z\", \"updated\": \"2026-01-01T00:00:00Z\"}, "
		"\"objects\": [{\"name\": \"S\", \"kind\": \"system\", \"importance\": \"key\", \"description\": null}, "
		"{\"name\": \"web01\", \"kind\": \"server\", \"importance\": \"important\", \"description\": null}], "
		"\"answers\": [{\"key\": \"ces.ia.a\", \"object\": \"%s\", \"status\": \"compliant\"}]}";
	struct strbuf doc = STRBUF_INIT;
	struct mlps_error err;
	struct mlps_assessment *a;

	mlps_error_init(&err);
	strbuf_addf(&doc, head, "web02");
	CU_ASSERT_PTR_NULL(mlps_import_json(doc.buf, doc.len, "x.json", shipped, &err));
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "x.json: answers[0]: object 'web02' is not among the "
							 "file's objects");
	mlps_error_release(&err);
	strbuf_reset(&doc);
	strbuf_addf(&doc, head, "S");
	CU_ASSERT_PTR_NULL(mlps_import_json(doc.buf, doc.len, "x.json", shipped, &err));
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "x.json: answers[0]: ces.ia.a is not assessed on "
							 "object 'S' (kind system)");
	mlps_error_release(&err);
	strbuf_reset(&doc);
	strbuf_addf(&doc, head, "web01");
	a = mlps_import_json(doc.buf, doc.len, "x.json", shipped, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->n_objects, 2);
	CU_ASSERT_EQUAL(mlps_assessment_answer(a, "ces.ia.a", "web01")->status, MLPS_ST_COMPLIANT);
	mlps_assessment_free(a);
	strbuf_release(&doc);
	mlps_error_release(&err);
}

static void test_objects_store_operations(void)
{
	char *dir = make_temp_dir(), *path = test_store_name(dir, "o.db");
	struct mlps_store *st = open_store(path);
	struct mlps_assessment *a = make("OA", 3), *got;
	struct mlps_object web = { (char *)"web01", (char *)"server", MLPS_IMP_KEY, (char *)"10.0.0.5" };
	struct mlps_answer ans;
	struct mlps_error err;
	int removed = -1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL_FATAL(mlps_store_create(st, a, &err), 0);
	CU_ASSERT_EQUAL(mlps_store_add_object(st, a->id, &web, &err), 0);
	CU_ASSERT_EQUAL(mlps_store_add_object(st, a->id, &web, &err), -1);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "assessment 1 already has an object named 'web01'; "
							 "nothing was changed");
	mlps_error_release(&err);
	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)"ces.ia.a";
	ans.object = (char *)"web01";
	ans.status = MLPS_ST_NONCOMPLIANT;
	ans.note = (char *)"弱口令";
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, a->id, &ans, "tester", &err), 0);
	ans.object = (char *)"nosuch";
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, a->id, &ans, "tester", &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	mlps_error_release(&err);
	CU_ASSERT_EQUAL(mlps_store_rename_object(st, a->id, "web01", "web-01", &err), 0);
	CU_ASSERT_EQUAL(mlps_store_rename_object(st, a->id, "web-01", "OA", &err), -1);
	mlps_error_release(&err);
	got = mlps_store_load(st, a->id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_EQUAL(got->n_objects, 2);
	CU_ASSERT_STRING_EQUAL(got->objects[1].name, "web-01");
	CU_ASSERT_STRING_EQUAL(got->objects[1].desc, "10.0.0.5");
	CU_ASSERT_EQUAL(got->objects[1].importance, MLPS_IMP_KEY);
	CU_ASSERT_STRING_EQUAL(mlps_assessment_answer(got, "ces.ia.a", "web-01")->note, "弱口令");
	mlps_assessment_free(got);
	/* An object with answers needs force; the log keeps what went. */
	CU_ASSERT_EQUAL(mlps_store_remove_object(st, a->id, "web-01", false, "tester", &removed, &err), -1);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "object 'web-01' has 1 answer; removing it deletes them: "
							 "add --force to remove it anyway; nothing was changed");
	mlps_error_release(&err);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, a->id, &err), 1);
	CU_ASSERT_EQUAL(mlps_store_remove_object(st, a->id, "web-01", true, "tester", &removed, &err), 0);
	CU_ASSERT_EQUAL(removed, 1);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, a->id, &err), 2);
	CU_ASSERT_EQUAL(mlps_store_remove_object(st, a->id, "OA", true, "tester", &removed, &err), -1);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), "'OA' is the assessment's only object of kind system "
							 "(the system as a whole); it cannot be removed; nothing was changed");
	mlps_error_release(&err);
	got = mlps_store_load(st, a->id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_EQUAL(got->n_objects, 1);
	CU_ASSERT_EQUAL(got->n_answers, 0);
	mlps_assessment_free(got);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_error_release(&err);
	free(path);
	remove_tree(dir);
	free(dir);
}

/* Next year's assessment carries the objects and each object's answer; diff compares per object. */
static void test_objects_reaudit_and_diff_per_object(void)
{
	struct mlps_assessment *old = make("OA", 3), *next;
	struct mlps_reaudit_stats stats;
	struct mlps_error err;
	struct mlps_diff *d;
	size_t i;
	int found = 0;

	old->id = 1;
	mlps_assessment_add_object(old, "web01", "server", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(old, "db01", "server", MLPS_IMP_KEY, NULL);
	put(old, "L3-CES1-01", "web01", MLPS_ST_NONCOMPLIANT);
	put(old, "L3-CES1-01", "db01", MLPS_ST_COMPLIANT);
	next = mlps_reaudit_prepare(shipped, old, 3, old->ext, &stats);
	CU_ASSERT_EQUAL(stats.carried, 2);
	CU_ASSERT_EQUAL(next->n_objects, 3);
	CU_ASSERT_EQUAL(mlps_assessment_answer(next, "ces.ia.a", "web01")->status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_TRUE(mlps_assessment_answer(next, "ces.ia.a", "db01")->to_confirm);
	/* This year web01 was fixed, db01 regressed, and app01 is new. */
	mlps_assessment_add_object(next, "app01", "application", MLPS_IMP_KEY, NULL);
	put(next, "L3-CES1-01", "web01", MLPS_ST_COMPLIANT);
	put(next, "L3-CES1-01", "db01", MLPS_ST_PARTIAL);
	put(next, "L3-CES1-01", "app01", MLPS_ST_NONCOMPLIANT);
	mlps_error_init(&err);
	d = mlps_diff_compute(shipped, old, next, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	for (i = 0; i < mlps_diff_n_items(d); i++) {
		const struct mlps_diff_item *it = mlps_diff_item(d, i);

		if (strcmp(it->req->key, "ces.ia.a"))
			continue;
		found++;
		if (!strcmp(it->object, "web01"))
			CU_ASSERT_EQUAL(it->change, MLPS_CHG_RESOLVED);
		if (!strcmp(it->object, "db01"))
			CU_ASSERT_EQUAL(it->change, MLPS_CHG_REGRESSED);
		if (!strcmp(it->object, "app01")) {
			CU_ASSERT_EQUAL(it->change, MLPS_CHG_NEW_GAP);
			CU_ASSERT_FALSE(it->old_in_scope);
		}
	}
	CU_ASSERT_EQUAL(found, 3);
	CU_ASSERT_EQUAL(mlps_diff_n_added(d), 1);
	CU_ASSERT_STRING_EQUAL(mlps_diff_added(d, 0)->name, "app01");
	CU_ASSERT_EQUAL(mlps_diff_n_removed(d), 0);
	mlps_diff_free(d);
	mlps_error_release(&err);
	mlps_assessment_free(next);
	mlps_assessment_free(old);
}

static void test_objects_loader_rejects_unknown_kind(void)
{
	struct mlps_error err;

	mlps_error_init(&err);
	CU_ASSERT_PTR_NULL(mlps_catalog_load(MLPS_FIXTURES "/objects/unknown-kind", &err));
	CU_ASSERT_EQUAL(err.count, 2);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err),
			       MLPS_FIXTURES "/objects/unknown-kind/10-ces.yaml:10:25: unknown object kind 'databse' "
			       "(known: server, system)\n"
			       MLPS_FIXTURES "/objects/unknown-kind/10-ces.yaml:22:13: requirement 'ces.ac.a' names no "
			       "object kinds (give 'kinds:' on it or on its control point)");
	mlps_error_release(&err);
}

static const char *env[3];

#define RUN(r, ...) run_mlps(r, env, (const char *const[]){ __VA_ARGS__, NULL })

static void test_objects_cli(void)
{
	char *dir = make_temp_dir(), *name;
	struct strbuf db = STRBUF_INIT;
	struct run r;

	name = test_store_name(dir, "cli.db");
	strbuf_addf(&db, "MLPS_DB=%s", name);
	env[0] = db.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	RUN(&r, "new", "--system", "S", "--level", "3", "--object", "server:web01", "--object", "server:db01",
	    "--object", "database:orders");
	CU_ASSERT_STRING_EQUAL(r.out, "1\n");
	run_free(&r);
	RUN(&r, "new", "--system", "T", "--level", "3", "--object", "sever:x");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "mlps: new: --object sever:x: unknown object kind 'sever'"));
	run_free(&r);
	RUN(&r, "new", "--system", "T", "--level", "3", "--object", "server:a", "--object", "server:a");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "already has an object named 'a'"));
	run_free(&r);
	RUN(&r, "list", "--format", "tsv");
	CU_ASSERT_EQUAL(count_lines(r.out), 2);   /* the refused ones left nothing behind */
	run_free(&r);

	/* Several objects and no choice: refused, and the objects are listed. */
	RUN(&r, "answer", "1", "L3-CES1-01", "noncompliant");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: answer: L3-CES1-01 is assessed on 3 objects of assessment 1: web01 "
				      "(server), db01 (server), orders (database); say which with --object NAME, "
				      "or --all-objects for all of them\n");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-CES1-01", "noncompliant", "--object", "web01", "--note", "弱口令");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "L3-CES1-01 @ web01: noncompliant\n");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-CES1-02", "compliant", "--all-objects");
	CU_ASSERT_STRING_EQUAL(r.out, "L3-CES1-02 @ web01: compliant\nL3-CES1-02 @ db01: compliant\n"
				      "L3-CES1-02 @ orders: compliant\n");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES1-01", "compliant", "--object", "web01");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: answer: L3-PES1-01 is not assessed on 'web01' (kind server); in "
				      "assessment 1 it is assessed on: S (system)\n");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-CES1-01", "compliant", "--object", "web09");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "has no object named 'web09' (its objects: S (system), web01"));
	run_free(&r);
	/* An ID of another level is taken with a note naming the item at this level. */
	RUN(&r, "--lang", "en", "answer", "1", "L4-PES1-06", "compliant");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: answer: note: L4-PES1-06 is L3-PES1-05 at level 3\n");
	CU_ASSERT_STRING_EQUAL(r.out, "L3-PES1-05 @ S: compliant\n");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES1-05", "compliant");
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_free(&r);
	/* Compliant now: a plan without an owner is closed, one with an owner is left to the owner. */
	RUN(&r, "answer", "1", "L3-PES1-03", "partial", "--due", "2026-06-30");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES1-03", "compliant");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES1-04", "partial", "--owner", "张三");
	run_free(&r);
	RUN(&r, "--lang", "en", "answer", "1", "L3-PES1-04", "compliant");
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: answer: note: L3-PES1-04 @ S is compliant; its plan (owner 张三) stays "
				      "open until closed with --plan done\n");
	run_free(&r);
	RUN(&r, "export", "1");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"due\": \"2026-06-30\",\n      \"plan\": \"done\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"owner\": \"张三\",\n      \"due\": null,\n      \"plan\": \"open\""));
	run_free(&r);
	/* One object: no --object needed. */
	RUN(&r, "answer", "1", "L3-PES1-01", "compliant");
	CU_ASSERT_STRING_EQUAL(r.out, "L3-PES1-01 @ S: compliant\n");
	run_free(&r);

	RUN(&r, "object", "add", "1", "--kind", "room", "--name", "IDC-A", "--importance", "key", "--desc", "3F");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "object", "add", "1", "--kind", "rooom", "--name", "IDC-B");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "object", "list", "1", "--format", "tsv");
	CU_ASSERT_STRING_EQUAL(r.out, "name\tkind\timportance\titems\tanswered\tdescription\n"
				      "S\tsystem\tkey\t164\t0\t\n"
				      "web01\tserver\timportant\t25\t2\t\n"
				      "db01\tserver\timportant\t25\t1\t\n"
				      "orders\tdatabase\timportant\t23\t1\t\n"
				      "IDC-A\troom\tkey\t22\t0\t3F\n");
	run_free(&r);
	RUN(&r, "object", "rm", "1", "web01");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "object 'web01' has 2 answers; removing it deletes them: add --force"));
	run_free(&r);
	RUN(&r, "object", "rename", "1", "web01", "db01");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "object", "rename", "1", "web01", "web-01");
	CU_ASSERT_STRING_EQUAL(r.out, "web-01\n");
	run_free(&r);
	RUN(&r, "object", "rm", "1", "web-01", "--force");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "object", "rm", "1", "S", "--force");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "object", "list", "1", "--format", "tsv");
	CU_ASSERT_EQUAL(count_lines(r.out), 5);
	run_free(&r);
	strbuf_release(&db);
	free(name);
	remove_tree(dir);
	free(dir);
}

/* Dates for people are local; machine formats keep UTC (issue 14). */
static void test_objects_local_time_for_people(void)
{
	char *dir = make_temp_dir(), *name;
	struct strbuf db = STRBUF_INIT;
	const char *local_env[5];
	struct run r;

	name = test_store_name(dir, "t.db");
	strbuf_addf(&db, "MLPS_DB=%s", name);
	local_env[0] = db.buf;
	local_env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	local_env[2] = "TZ=CST-8";                          /* Beijing, with no tz database needed */
	local_env[3] = "MLPS_NOW=2026-03-01T21:40:00Z";     /* 05:40 on 2 March in Beijing */
	local_env[4] = NULL;
	run_mlps(&r, local_env, (const char *const[]){ "new", "--system", "早班", "--level", "2", NULL });
	CU_ASSERT_STRING_EQUAL(r.out, "1\n");
	run_free(&r);
	run_mlps(&r, local_env, (const char *const[]){ "--lang", "en", "report", "1", NULL });
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "created 2026-03-02, last changed 2026-03-02"));
	run_free(&r);
	run_mlps(&r, local_env, (const char *const[]){ "list", NULL });
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " 2026-03-02 "));
	run_free(&r);
	run_mlps(&r, local_env, (const char *const[]){ "export", "1", NULL });
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"created\": \"2026-03-01T21:40:00Z\""));
	run_free(&r);
	strbuf_release(&db);
	free(name);
	remove_tree(dir);
	free(dir);
}

/* A system is its name and organisation (issue 14): history never merges two, re-audits warn. */
static void test_objects_history_keys_on_name_and_org(void)
{
	char *dir = make_temp_dir(), *name;
	struct strbuf db = STRBUF_INIT;
	struct run r;

	name = test_store_name(dir, "h.db");
	strbuf_addf(&db, "MLPS_DB=%s", name);
	env[0] = db.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	RUN(&r, "new", "--system", "OA", "--org", "甲公司", "--level", "2");
	run_free(&r);
	RUN(&r, "new", "--system", "OA", "--org", "乙公司", "--level", "2");
	run_free(&r);
	RUN(&r, "--lang", "en", "history", "OA");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: history: several systems are named 'OA': OA (甲公司), OA (乙公司); say "
				      "which with --org ORG or an assessment number\n");
	run_free(&r);
	RUN(&r, "--lang", "en", "history", "OA", "--org", "乙公司");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "OA · 乙公司 — assessments over time\n     2  ", 38), 0);
	CU_ASSERT_PTR_NULL(strstr(r.out, "\n     1  "));
	run_free(&r);
	RUN(&r, "--lang", "en", "reaudit", "1");
	CU_ASSERT_STRING_EQUAL(r.out, "3\n");
	CU_ASSERT_PTR_NULL(strstr(r.err, "warning"));
	run_free(&r);
	RUN(&r, "--lang", "en", "reaudit", "1");
	CU_ASSERT_STRING_EQUAL(r.out, "4\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "mlps: reaudit: warning: assessment 1 already has a re-audit, "
					     "assessment 3; this starts another one\n"));
	run_free(&r);
	/* An assessment number stands for its system. */
	RUN(&r, "--lang", "en", "history", "3");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "OA · 甲公司 — assessments over time\n     1  ", 38), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n     3  "));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n     4  "));
	CU_ASSERT_PTR_NULL(strstr(r.out, "\n     2  "));
	run_free(&r);
	strbuf_release(&db);
	free(name);
	remove_tree(dir);
	free(dir);
}

/* 7.4.3.2's level departs from the guide's: the catalogue and every report say so (issue 13). */
static void test_objects_guide_level_departure_is_shown(void)
{
	char *dir = make_temp_dir(), *name;
	struct strbuf db = STRBUF_INIT;
	struct run r;
	size_t i;
	int departures = 0;

	for (i = 0; i < mlps_catalog_n_scenarios(shipped); i++)
		if (mlps_catalog_scenario(shipped, i)->guide_level) {
			departures++;
			CU_ASSERT_STRING_EQUAL(mlps_catalog_scenario(shipped, i)->id, "7.4.3.2");
			CU_ASSERT_EQUAL(mlps_catalog_scenario(shipped, i)->guide_level, 2);
			CU_ASSERT_EQUAL(mlps_catalog_scenario(shipped, i)->min_level, 3);
		}
	CU_ASSERT_EQUAL(departures, 1);
	name = test_store_name(dir, "g.db");
	strbuf_addf(&db, "MLPS_DB=%s", name);
	env[0] = db.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	RUN(&r, "catalog", "risks", "--format", "tsv");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n7.4.3.2\tL3-CES2-17\t3\tcloud-platform\t未提供云计算平台迁移技术手段\t2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n6.1.1.1\tL3-PES1-03\t3\t-\t机房出入口访问控制措施缺失\t\n"));
	run_free(&r);
	RUN(&r, "new", "--system", "云平台", "--level", "3", "--ext", "cloud", "--flags", "cloud-platform");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-CES2-17", "noncompliant");
	run_free(&r);
	RUN(&r, "--lang", "en", "report", "1", "--format", "md");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "7.4.3.2, the guide applies it from level 2, this "
					     "catalogue from level 3 (where the item starts)"));
	run_free(&r);
	strbuf_release(&db);
	free(name);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "combine: every pair and triple of statuses", test_objects_combine_every_pair_and_triple },
		{ "combine: cases by hand", test_objects_combine_by_hand },
		{ "an item's objects, and the system fallback", test_objects_requirement_objects_and_fallback },
		{ "object checks refuse bad names and kinds", test_objects_check_refusals },
		{ "a finding names its gap objects", test_objects_finding_names_its_objects },
		{ "levels below the target read right", test_objects_levels_below_target_read_right },
		{ "a gap before every object is answered", test_objects_gap_before_every_object_is_answered },
		{ "a schema 1 database migrates with nothing lost", test_objects_migrates_schema1_database },
		{ "a schema 2 database migrates: revisions and identifiers", test_objects_migrates_schema2_database },
		{ "an mlps-export/1 file imports onto the system object", test_objects_imports_export_v1 },
		{ "import refuses unknown objects and wrong kinds", test_objects_import_refuses_unknown_objects },
		{ "store: add, rename, remove with force and log", test_objects_store_operations },
		{ "re-audit and diff per object", test_objects_reaudit_and_diff_per_object },
		{ "loader rejects an unknown kind with its position", test_objects_loader_rejects_unknown_kind },
		{ "command line: objects, answers and refusals", test_objects_cli },
		{ "the guide's level where the catalogue departs", test_objects_guide_level_departure_is_shown },
		{ "history keys on name and organisation", test_objects_history_keys_on_name_and_org },
		{ "local time for people, UTC in JSON", test_objects_local_time_for_people },
		CU_TEST_INFO_NULL,
	};
	int rc;

	shipped = load_catalog(MLPS_SHIPPED);
	if (!shipped)
		return 1;
	rc = test_main("objects", tests);
	mlps_catalog_free(shipped);
	return rc;
}
