/*
 * test_store_delete.c - deleting an assessment: its answers and answer log
 * go with it, its system goes once it has no assessment left, other
 * assessments are untouched, and the base of a re-audit or an unknown
 * number is refused without changing anything. Every test runs on
 * PostgreSQL too (test_store_delete_pg, test_store_name).
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "testutil.h"

static char *dir;

static long long create(struct mlps_store *st, const char *system, long long parent)
{
	struct mlps_assessment a;
	struct mlps_error err;

	memset(&a, 0, sizeof(a));
	mlps_error_init(&err);
	a.sys.name = (char *)system;
	a.sys.org = (char *)"示例单位";
	a.level = 3;
	a.ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a.profile_hash = (char *)"0123456789abcdef";
	a.rules_id = (char *)"rules-x";
	a.parent = parent;
	CU_ASSERT_EQUAL(parent ? mlps_store_insert(st, &a, &err) : mlps_store_create(st, &a, &err), 0);
	free(a.created);
	free(a.updated);
	mlps_error_release(&err);
	return a.id;
}

static void answer(struct mlps_store *st, long long id, const char *key, enum mlps_status status)
{
	struct mlps_answer ans;
	struct mlps_error err;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.status = status;
	ans.note = (char *)"备注";
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, id, &ans, "tester", &err), 0);
	mlps_error_release(&err);
}

/* Rows that refer to a row that is not there, over every reference of the schema (both backends). */
static const char dangling[] =
	"SELECT (SELECT count(*) FROM assessments x WHERE NOT EXISTS (SELECT 1 FROM systems s WHERE s.id = x.system_id))"
	" + (SELECT count(*) FROM assessments x WHERE x.parent_id IS NOT NULL"
	"    AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = x.parent_id))"
	" + (SELECT count(*) FROM objects x WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = x.assessment_id))"
	" + (SELECT count(*) FROM answers x WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = x.assessment_id)"
	"    OR NOT EXISTS (SELECT 1 FROM objects o WHERE o.id = x.object_id))"
	" + (SELECT count(*) FROM answer_log x"
	"    WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = x.assessment_id))"
	" + (SELECT count(*) FROM assessment_log x"
	"    WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = x.assessment_id))"
	" + (SELECT count(*) FROM assessment_summary x"
	"    WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = x.assessment_id))";

static void test_store_delete_removes_answers_and_log_and_keeps_the_rest(void)
{
	char *path = test_store_name(dir, "delete.db");
	struct mlps_store *st = open_store(path);
	struct mlps_assessment *a;
	struct mlps_error err;
	long long one, two;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	one = create(st, "系统甲", 0);
	two = create(st, "系统甲", 0);
	answer(st, one, "ces.ia.a", MLPS_ST_COMPLIANT);
	answer(st, one, "ces.ia.b", MLPS_ST_PARTIAL);
	answer(st, two, "ces.ia.a", MLPS_ST_NONCOMPLIANT);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_delete(st, one, &err), 0);
	/* The other assessment of the same system, and the system, stay. */
	a = mlps_store_load(st, two, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->n_answers, 1);
	CU_ASSERT_STRING_EQUAL(a->sys.name, "系统甲");
	mlps_assessment_free(a);
	CU_ASSERT_PTR_NULL(mlps_store_load(st, one, &err));
	mlps_error_release(&err);
	mlps_store_close(st);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM answers WHERE assessment_id = 1"), 0);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM answer_log WHERE assessment_id = 1"), 0);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM answer_log WHERE assessment_id = 2"), 1);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM systems"), 1);
	free(path);
}

static void test_store_delete_removes_the_system_with_its_last_assessment(void)
{
	char *path = test_store_name(dir, "last.db");
	struct mlps_store *st = open_store(path);
	struct mlps_store_row *rows;
	struct mlps_error err;
	size_t n;
	long long id;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	id = create(st, "系统乙", 0);
	create(st, "系统丙", 0);
	answer(st, id, "pes.location.a", MLPS_ST_COMPLIANT);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_delete(st, id, &err), 0);
	CU_ASSERT_EQUAL(mlps_store_list(st, &rows, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		CU_ASSERT_STRING_EQUAL(rows[0].system, "系统丙");
	mlps_store_rows_free(rows, n);
	mlps_error_release(&err);
	mlps_store_close(st);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM systems"), 1);
	CU_ASSERT_EQUAL(test_rows_count(path, dangling), 0);
	/* SQLite enforces references only when asked: its own check of every one, too. */
	if (!test_on_pg())
		CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	free(path);
}

static void test_store_delete_refuses_unknown_and_reaudit_base_unchanged(void)
{
	char *path = test_store_name(dir, "refuse.db");
	struct mlps_store *st = open_store(path);
	struct mlps_error err;
	long long base, child;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	base = create(st, "系统丁", 0);
	answer(st, base, "ces.ia.a", MLPS_ST_COMPLIANT);
	child = create(st, "系统丁", base);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_delete(st, base, &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "re-audit"));
	mlps_error_release(&err);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_delete(st, 999, &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "no assessment 999"));
	mlps_error_release(&err);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM answers"), 1);
	/* Deleting the re-audit first frees its base. */
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_delete(st, child, &err), 0);
	CU_ASSERT_EQUAL(mlps_store_delete(st, base, &err), 0);
	mlps_error_release(&err);
	mlps_store_close(st);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM assessments"), 0);
	CU_ASSERT_EQUAL(test_rows_count(path, "SELECT count(*) FROM systems"), 0);
	free(path);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "removes answers and log, keeps the rest", test_store_delete_removes_answers_and_log_and_keeps_the_rest },
		{ "removes the system with its last assessment", test_store_delete_removes_the_system_with_its_last_assessment },
		{ "refuses unknown and re-audit base, unchanged", test_store_delete_refuses_unknown_and_reaudit_base_unchanged },
		CU_TEST_INFO_NULL,
	};
	int status;

	dir = make_temp_dir();
	status = test_main("store_delete", tests);
	remove_tree(dir);
	free(dir);
	return status;
}
