/*
 * test_cli_assess.c - a whole self-assessment from the shell, as a user runs
 * it: grade, new, answer, score, export, import, db; and the bad inputs.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "util.h"

static char *dir, *db_env, *db_path;
static const char *env[3];

#define RUN(r, ...) run_mlps(r, env, (const char *const[]){ __VA_ARGS__, NULL })

static void setup_env(void)
{
	struct strbuf sb = STRBUF_INIT;

	dir = make_temp_dir();
	db_path = test_store_name(dir, "a.db");
	strbuf_addf(&sb, "MLPS_DB=%s", db_path);
	db_env = strbuf_detach(&sb, NULL);
	env[0] = db_env;
	env[1] = "MLPS_PROFILES=" MLPS_FIXTURES "/score/mixed";
	env[2] = NULL;
}

static void test_cli_grade_prints_notation_level_and_duties(void)
{
	struct run r;

	RUN(&r, "--lang", "en", "grade", "--business", "society:serious", "--service", "citizen:serious",
	    "--last", "2026-03-31");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out,
			       "S3A2G3\n"
			       "level 3\n"
			       "business information (S3): social order and public interest, serious harm\n"
			       "system service (A2): rights of citizens, legal persons and organisations, serious harm\n"
			       "filing with public security: required\n"
			       "evaluation: at least every 12 months\n"
			       "next evaluation due: 2027-03-31\n");
	run_free(&r);
	RUN(&r, "grade", "--business", "society:fatal", "--service", "citizen:serious");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "--business: 'society:fatal' is not OBJ:HARM"));
	run_free(&r);
}

static void test_cli_new_and_answer_a_whole_assessment(void)
{
	struct run r;

	/*
	 * Reading never creates an SQLite file; the first `new` does, and says
	 * so. A PostgreSQL database is made beforehand, with the schema
	 * ('mlps db init'): `new` has nothing to create there and says nothing.
	 */
	if (!test_on_pg()) {
		RUN(&r, "list");
		CU_ASSERT_EQUAL(r.status, 1);
		CU_ASSERT_STRING_EQUAL(r.out, "");
		CU_ASSERT_EQUAL(strncmp(r.err, "mlps: no database at ", 21), 0);
		CU_ASSERT_NOT_EQUAL(access(db_path, F_OK), 0);
		run_free(&r);
	}
	RUN(&r, "new", "--system", "网上银行", "--org", "示例银行", "--level", "3");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "1\n");
	if (test_on_pg()) {
		CU_ASSERT_STRING_EQUAL(r.err, "");
	} else {
		CU_ASSERT_EQUAL(strncmp(r.err, "mlps: created a new database at ", 32), 0);
	}
	run_free(&r);

	/* The level found by grading. */
	RUN(&r, "new", "--system", "门户", "--business", "citizen:serious", "--service", "society:serious",
	    "--ext", "cloud", "--flags", "cloud-customer");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "2\n");
	CU_ASSERT_STRING_EQUAL(r.err, "");      /* only the first one made the file */
	run_free(&r);
	RUN(&r, "new", "--system", "x", "--business", "nation:especially-serious", "--service", "citizen:general");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: new: the grading gives S5A1G5, level 5: its requirements are "
				      "not published, so mlps assesses levels 1 to 4 only\n");
	run_free(&r);

	/* By the ID at another level, by key, with a Chinese status. */
	RUN(&r, "answer", "1", "L2-PES1-01", "compliant");
	CU_ASSERT_EQUAL(r.status, 0);
	/* Every answer says what it recorded: the target level's ID, the object, the status. */
	CU_ASSERT_STRING_EQUAL(r.out, "L3-PES1-01 @ 网上银行: compliant\n");
	run_free(&r);
	RUN(&r, "answer", "1", "a.two", "部分符合", "--note", "只有一半机房有门禁");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES1-03", "noncompliant", "--owner", "李四", "--due", "2027-01-31");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "answer", "1", "a.four", "na", "--reason", "没有该设备");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "answer", "1", "m.one", "todo");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
}

static void test_cli_answer_bad_input(void)
{
	struct run r;

	RUN(&r, "answer", "1", "a.one", "na");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: a.one: not applicable (na) needs a reason (--reason)\n");
	run_free(&r);
	RUN(&r, "answer", "1", "a.one", "maybe");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "mlps: answer: 'maybe' is not a status"));
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES1-99", "compliant");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: answer: no requirement has the ID or key 'L3-PES1-99' (see "
				      "'mlps catalog list')\n");
	run_free(&r);
	RUN(&r, "answer", "1", "a.five", "compliant");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: answer: a.five (a.five) is not in assessment 1's scope (level 3)\n");
	run_free(&r);
	RUN(&r, "answer", "1", "c.one", "compliant");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "answer", "7", "a.one", "compliant");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "mlps: no assessment 7 in "));
	run_free(&r);
	RUN(&r, "answer", "x1", "a.one", "compliant");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "'x1' is not an assessment number"));
	run_free(&r);
	RUN(&r, "answer", "1", "a.one", "compliant", "--due", "2027-02-30");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: a.one: due date '2027-02-30' is not a date of the form YYYY-MM-DD\n");
	run_free(&r);
	RUN(&r, "answer", "1", "a.one", "noncompliant", "--risk", "low");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "a risk override needs the mitigating measure"));
	run_free(&r);
}

static json_t *score_json(const char *id)
{
	json_error_t jerr;
	json_t *doc;
	struct run r;

	RUN(&r, "score", id, "--format", "json");
	CU_ASSERT_EQUAL(r.status, 0);
	doc = json_loads(r.out, 0, &jerr);
	run_free(&r);
	return doc;
}

static json_t *level_of(json_t *doc, int level)
{
	size_t i;
	json_t *l;

	json_array_foreach(json_object_get(doc, "levels"), i, l)
		if (json_integer_value(json_object_get(l, "level")) == level)
			return l;
	return NULL;
}

static void test_cli_score_json_follows_the_schema(void)
{
	json_t *doc = score_json("1"), *l3, *l4, *cat;

	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(doc, "schema")), "mlps-score/2");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(doc, "assessment")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(doc, "target_level")), 3);
	l3 = level_of(doc, 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l3);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "applicable")), 4);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "answered")), 3);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "compliant")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "partial")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "noncompliant")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "na")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "todo")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(l3, "unanswered")), 0);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(l3, "rate")), 37.5, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(l3, "score")), 125.0 / 1.9, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(l3, "coverage")), 75, 1e-9);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(l3, "worst_risk")), "medium");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(l3, "verdicts"), "grade-2021")), "差");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(l3, "verdicts"), "rate-2025")), "不符合");
	/* mlps-score/2: a version-1 rules file has no composite; conclusions lead with the primary rule. */
	CU_ASSERT_TRUE(json_is_null(json_object_get(l3, "composite")));
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(json_object_get(l3, "conclusions"), 0),
								 "rule")), "grade-2021");
	CU_ASSERT_TRUE(json_is_true(json_object_get(json_array_get(json_object_get(l3, "conclusions"), 0), "primary")));
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(json_object_get(l3, "control_points"), 0),
								 "status")), "partial");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(l3, "deductions")), 0);
	l4 = level_of(doc, 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l4);
	CU_ASSERT_TRUE(json_is_null(json_object_get(l4, "score")));
	CU_ASSERT_PTR_NULL(json_object_get(l4, "composite"));
	cat = json_array_get(json_object_get(doc, "categories"), 0);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(cat, "category")), "PES");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "high_risks")), 0);
	json_decref(doc);
}

static void test_cli_high_risk_shows_in_score(void)
{
	json_t *doc, *h;
	struct run r;

	RUN(&r, "answer", "1", "a.one", "noncompliant");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	doc = score_json("1");
	h = json_array_get(json_object_get(doc, "high_risks"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(h, "scenario")), "6.1.1.1");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(h, "requirement")), "L3-PES1-01");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(h, "status")), "noncompliant");
	CU_ASSERT_TRUE(json_is_false(json_object_get(h, "mitigated")));
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(level_of(doc, 3), "worst_risk")), "high");
	json_decref(doc);
	RUN(&r, "answer", "1", "a.one", "noncompliant", "--risk", "medium", "--mitigation", "专人值守并登记");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	doc = score_json("1");
	h = json_array_get(json_object_get(doc, "high_risks"), 0);
	CU_ASSERT_TRUE(json_is_true(json_object_get(h, "mitigated")));
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(level_of(doc, 3), "worst_risk")), "medium");
	json_decref(doc);
}

static void test_cli_export_import_round_trips(void)
{
	struct strbuf path = STRBUF_INIT;
	json_t *a, *b, *sa, *sb;
	json_error_t jerr;
	struct run r, e2;

	strbuf_addf(&path, "%s/one.json", dir);
	RUN(&r, "export", "1", "-o", path.buf);
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "export", "1", "-o", path.buf);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "already exists; use --force to replace it"));
	run_free(&r);
	/* The same assessment twice is refused: an export carries its identifier. */
	RUN(&r, "import", path.buf);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_EQUAL(strncmp(r.err, "mlps: import: ", 14), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, ": this assessment is already in the database as assessment 1; nothing "
					     "was imported (--as-new imports it again as a separate one)\n"));
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_free(&r);
	RUN(&r, "import", path.buf, "--as-new");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "3\n");
	run_free(&r);
	RUN(&r, "export", "1");
	RUN(&e2, "export", "3");
	a = json_loads(r.out, 0, &jerr);
	b = json_loads(e2.out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(a, "answers")), 5);
	CU_ASSERT_TRUE(json_equal(json_object_get(a, "answers"), json_object_get(b, "answers")));
	CU_ASSERT_TRUE(json_equal(json_object_get(a, "system"), json_object_get(b, "system")));
	json_decref(a);
	json_decref(b);
	run_free(&r);
	run_free(&e2);
	sa = score_json("1");
	sb = score_json("3");
	json_object_del(sa, "assessment");
	json_object_del(sb, "assessment");
	CU_ASSERT_TRUE(json_equal(sa, sb));
	json_decref(sa);
	json_decref(sb);
	strbuf_release(&path);
}

static void test_cli_import_names_the_offending_field(void)
{
	struct strbuf path = STRBUF_INIT, doc = STRBUF_INIT;
	struct run r;

	strbuf_addf(&path, "%s/bad.json", dir);
	strbuf_adds(&doc, "{\"schema\":\"mlps-export/1\",\"system\":{\"name\":\"x\",\"org\":null,\"s_level\":0,"
			  "\"a_level\":0,\"flags\":[]},\"assessment\":{\"level\":3,\"extensions\":[],"
			  "\"profile_hash\":\"h\",\"rules_id\":\"r\",\"assessor\":null,\"status\":\"draft\","
			  "\"created\":\"2025-01-01T00:00:00Z\",\"updated\":\"2025-01-01T00:00:00Z\"},\"answers\":[{\"key\":\"a.one\",\"status\":\"maybe\"}]}");
	write_file(path.buf, doc.buf, doc.len);
	RUN(&r, "import", path.buf);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "bad.json: answers[0].status: 'maybe' is not a status\n"));
	run_free(&r);
	write_file(path.buf, "{\"schema\": ", 11);
	RUN(&r, "import", path.buf);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "bad.json:1:11: not valid JSON"));
	run_free(&r);
	strbuf_release(&path);
	strbuf_release(&doc);
}

static void test_cli_db_check_backup_and_bad_files(void)
{
	struct strbuf path = STRBUF_INIT, bad = STRBUF_INIT;
	const char *bad_env[3];
	struct run r;

	RUN(&r, "db", "check");
	CU_ASSERT_EQUAL(r.status, 0);
	if (test_on_pg()) {
		CU_ASSERT_STRING_EQUAL(r.out, "integrity: kept by the PostgreSQL server\nforeign keys: enforced by the "
					      "server\nrows: ok\nschema: 6 (this mlps: 6)\n");
	} else {
		CU_ASSERT_STRING_EQUAL(r.out, "integrity: ok\nforeign keys: ok\nrows: ok\nschema: 6 (this mlps: 6)\n");
	}
	run_free(&r);
	/* Backups and foreign files are SQLite's. */
	if (test_sqlite_only("db backup, a file that is not a database"))
		return;
	strbuf_addf(&path, "%s/backup.db", dir);
	RUN(&r, "db", "backup", path.buf);
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "db", "backup", path.buf);
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);

	strbuf_addf(&bad, "MLPS_DB=%s/notes.txt", dir);
	strbuf_setlen(&path, 0);
	strbuf_addf(&path, "%s/notes.txt", dir);
	write_file(path.buf, "hello, not a database at all............................................"
			     "..........................................................................", 140);
	bad_env[0] = bad.buf;
	bad_env[1] = env[1];
	bad_env[2] = NULL;
	run_mlps(&r, bad_env, (const char *const[]){ "list", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "notes.txt: not an SQLite database"));
	CU_ASSERT_EQUAL(count_lines(r.err), 1);
	run_free(&r);
	strbuf_release(&path);
	strbuf_release(&bad);
}

static void test_cli_list_shows_progress(void)
{
	struct run r;

	RUN(&r, "list", "--format", "tsv");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(count_lines(r.out), 4);
	CU_ASSERT_EQUAL(strncmp(r.out, "id\tsystem\torg\tlevel\tnotation\textensions\tcreated\tstatus\tanswered\t"
				       "applicable\trate\tscore\tunconfirmed\tparent\n1\t网上银行\t示例银行\t3\tG3\t-\t", 115), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n2\t门户\t\t3\tS2A3G3\tcloud\t"));
	run_free(&r);
}

static void test_cli_reaudit_confirm_diff_and_history(void)
{
	json_error_t jerr;
	json_t *doc;
	struct run r;

	RUN(&r, "reaudit", "1");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "4\n");
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: reaudit: 沿用 5 条答案（待确认）；0 条因要求措辞变化未沿用；0 条不在新范围内\n");
	run_free(&r);
	doc = score_json("4");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(doc, "unconfirmed")), 5);
	json_decref(doc);
	/* Re-giving the same status confirms it. */
	RUN(&r, "answer", "4", "a.two", "partial");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "answer", "4", "a.one", "compliant");
	run_free(&r);
	doc = score_json("4");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(doc, "unconfirmed")), 3);
	json_decref(doc);
	RUN(&r, "list", "--format", "tsv");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\t3\t1\n"));   /* unconfirmed 3, parent 1 */
	run_free(&r);

	RUN(&r, "diff", "1", "4", "--format", "json");
	CU_ASSERT_EQUAL(r.status, 0);
	doc = json_loads(r.out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(doc, "schema")), "mlps-diff/1");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(doc, "counts"), "resolved")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(doc, "counts"), "regressed")), 0);
	json_decref(doc);
	run_free(&r);
	RUN(&r, "diff", "1", "2");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: assessments 1 and 2 belong to different systems (网上银行, 门户)\n");
	run_free(&r);
	RUN(&r, "--lang", "en", "history", "网上银行");
	CU_ASSERT_EQUAL(r.status, 0);
	if (r.status)
		fprintf(stderr, "\nstatus %d err [%s] out [%s]\n", r.status, r.err, r.out);
	CU_ASSERT_EQUAL(strncmp(r.out, "网上银行 · 示例银行 — assessments over time\n", strlen("网上银行 · 示例银行 — assessments over time\n")), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "(re-audit of 1)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "  score trend: "));
	run_free(&r);
	RUN(&r, "history", "nobody");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
}

/* A read-only database: reading works, every write is refused, nothing changes. */
static void test_cli_read_only_database(void)
{
	struct strbuf ro = STRBUF_INIT;
	const char *ro_env[3];
	struct run r;

	if (test_sqlite_only("an SQLite URI with mode=ro"))
		return;
	strbuf_addf(&ro, "MLPS_DB=file:%s?mode=ro", db_path);
	ro_env[0] = ro.buf;
	ro_env[1] = env[1];
	ro_env[2] = NULL;
	run_mlps(&r, ro_env, (const char *const[]){ "score", "1", "--format", "json", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	run_mlps(&r, ro_env, (const char *const[]){ "answer", "1", "a.one", "compliant", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "?mode=ro: the database is read-only; nothing was changed\n"));
	run_free(&r);
	run_mlps(&r, ro_env, (const char *const[]){ "new", "--system", "z", "--level", "2", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_free(&r);
	/* Read-write again: the answer is as it was before. */
	RUN(&r, "export", "1");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"key\": \"a.one\",\n      \"object\": \"网上银行\",\n      \"status\": \"noncompliant\""));
	run_free(&r);
	strbuf_release(&ro);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "grade", test_cli_grade_prints_notation_level_and_duties },
		{ "new and answer", test_cli_new_and_answer_a_whole_assessment },
		{ "answer: bad input", test_cli_answer_bad_input },
		{ "score json schema", test_cli_score_json_follows_the_schema },
		{ "high risk and mitigation", test_cli_high_risk_shows_in_score },
		{ "export/import round trip", test_cli_export_import_round_trips },
		{ "import names the offending field", test_cli_import_names_the_offending_field },
		{ "db check, backup, bad files", test_cli_db_check_backup_and_bad_files },
		{ "list", test_cli_list_shows_progress },
		{ "reaudit, confirm, diff, history", test_cli_reaudit_confirm_diff_and_history },
		{ "read-only database", test_cli_read_only_database },
		CU_TEST_INFO_NULL,
	};
	int status;

	setup_env();
	status = test_main("cli-assess", tests);
	remove_tree(dir);
	free(dir);
	free(db_env);
	free(db_path);
	return status;
}
