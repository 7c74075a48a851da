/*
 * test_cli_life.c - an assessment's life from the shell (issue 15): set,
 * finalise, reopen, delete and log with their refusals; the sign-off in
 * every report format; report formats inferred from -o; global options after
 * the command and `mlps help CMD`; messages in the user's language naming
 * the ID typed; the schema-3 fixture migrated; and an install into a
 * temporary prefix that runs from another folder.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "testutil.h"
#include "util.h"

static char *dir, *db_env, *db_path;
static const char *env[4];

#define RUN(r, ...) run_mlps(r, env, (const char *const[]){ __VA_ARGS__, NULL })
#define CONTAINS(s, x) CU_ASSERT_PTR_NOT_NULL(strstr((s), (x)))
#define LACKS(s, x) CU_ASSERT_PTR_NULL(strstr((s), (x)))

/* An empty store for MLPS_DB: the file a.db, removed; on PostgreSQL a new database. */
static void empty_store(void)
{
	struct strbuf sb = STRBUF_INIT;

	free(db_path);
	free(db_env);
	db_path = test_store_name(dir, "a.db");
	if (!test_on_pg())
		unlink(db_path);
	strbuf_addf(&sb, "MLPS_DB=%s", db_path);
	db_env = strbuf_detach(&sb, NULL);
	env[0] = db_env;
}

static void setup_env(void)
{
	dir = make_temp_dir();
	empty_store();
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = "MLPS_NOW=2025-07-01T08:00:00Z";
	env[3] = NULL;
}

/* A fresh database with assessment 1: 网上银行, level 3, cloud, objects web01 and orders. */
static void fresh(void)
{
	struct run r;

	empty_store();
	RUN(&r, "new", "--system", "网上银行", "--org", "示例银行", "--level", "3", "--ext", "cloud", "--flags",
	    "cloud-customer", "--object", "server:web01", "--object", "database:orders");
	CU_ASSERT_EQUAL_FATAL(r.status, 0);
	run_free(&r);
	RUN(&r, "answer", "1", "L3-CES1-01", "noncompliant", "--object", "web01", "--note", "弱口令");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	/* pes.theft.c exists from level 3 up: it leaves the scope at level 2. */
	RUN(&r, "answer", "1", "L3-PES1-06", "compliant", "--evidence", "门禁记录");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
}

static void test_life_set_changes_identity_and_keeps_answers_by_requirement(void)
{
	struct run r;

	fresh();
	RUN(&r, "--lang", "en", "set", "1", "--level", "2");
	CU_ASSERT_EQUAL(r.status, 0);
	CONTAINS(r.out, "assessment 1: level 3 -> 2");
	/* The one answer of an item that left the scope is kept, hidden. */
	CONTAINS(r.out, "left (their 1 answers are kept, hidden");
	run_free(&r);
	RUN(&r, "report", "1", "--format", "json");
	LACKS(r.out, "pes.theft.c");
	run_free(&r);
	RUN(&r, "set", "1", "--level", "3", "--lang", "en");
	CU_ASSERT_EQUAL(r.status, 0);
	CONTAINS(r.out, "1 earlier answers count again");
	run_free(&r);
	RUN(&r, "report", "1", "--format", "json");
	CONTAINS(r.out, "门禁记录");
	run_free(&r);
	/* Extensions are replaced; "" is the general requirements only. */
	RUN(&r, "--lang", "en", "set", "1", "--ext", "");
	CU_ASSERT_EQUAL(r.status, 0);
	CONTAINS(r.out, "ext general,cloud -> general");
	run_free(&r);
	/* A typo corrected: the system and its system object follow the name. */
	RUN(&r, "set", "1", "--system", "网上银行系统", "--assessor", "李四", "--org", "");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "object", "list", "1");
	CONTAINS(r.out, "网上银行系统");
	run_free(&r);
	RUN(&r, "export", "1");
	CONTAINS(r.out, "\"assessor\": \"李四\"");
	run_free(&r);
	/* Refusals: nothing to change, both level forms, an unknown assessment. */
	RUN(&r, "--lang", "en", "set", "1");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "nothing to change");
	run_free(&r);
	RUN(&r, "set", "1", "--level", "2", "--business", "society:serious", "--service", "citizen:serious");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "set", "9", "--level", "2", "--lang", "en");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "no assessment 9");
	run_free(&r);
}

static void test_life_set_joins_the_system_that_has_the_name(void)
{
	struct run r;

	fresh();
	RUN(&r, "new", "--system", "网上银航", "--org", "示例银行", "--level", "3");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "set", "2", "--system", "网上银行");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "history", "网上银行");
	CU_ASSERT_EQUAL(r.status, 0);
	CONTAINS(r.out, "1");
	CONTAINS(r.out, "2");
	run_free(&r);
}

static void test_life_finalise_refuses_open_items_and_then_every_change(void)
{
	struct run r;

	fresh();
	RUN(&r, "--lang", "en", "finalise", "1", "--assessor", "李四");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "items unanswered or to confirm");
	run_free(&r);
	RUN(&r, "finalise", "1", "--date", "2025-02-30", "--force", "--assessor", "x");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "finalise", "1", "--force");
	CU_ASSERT_EQUAL(r.status, 2);   /* no assessor anywhere */
	run_free(&r);
	RUN(&r, "--lang", "en", "finalise", "1", "--assessor", "李四", "--reviewer", "王五", "--date", "2025-07-02",
	    "--force");
	CU_ASSERT_EQUAL(r.status, 0);
	CONTAINS(r.out, "assessment 1 is final: assessor 李四, reviewer 王五, date 2025-07-02");
	CONTAINS(r.out, "items open");
	run_free(&r);
	/* Every write path refuses: answers, objects, set, a second finalise. */
	RUN(&r, "--lang", "en", "answer", "1", "L3-CES1-01", "compliant", "--object", "web01");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "assessment 1 is final (signed off); reopen it with 'mlps reopen 1 --reason TEXT'");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-CES1-01", "compliant", "--object", "web01", "--lang", "zh");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "评估 1 已定稿");
	run_free(&r);
	RUN(&r, "object", "add", "1", "--kind", "server", "--name", "x");
	CU_ASSERT_NOT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "object", "rename", "1", "web01", "web02");
	CU_ASSERT_NOT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "set", "1", "--assessor", "x");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "finalise", "1", "--assessor", "x", "--force");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	/* Reopen needs a reason; then changes are allowed again. */
	RUN(&r, "reopen", "1");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "reopen", "1", "--reason", "复核发现 web01 已整改");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "reopen", "1", "--reason", "again");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "answer", "1", "L3-CES1-01", "compliant", "--object", "web01");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "log", "1");
	CONTAINS(r.out, "[finalise] assessor 李四; reviewer 王五; date 2025-07-02");
	CONTAINS(r.out, "[reopen] 复核发现 web01 已整改");
	run_free(&r);
}

/* The sign-off in every format, and no draft mark once final. */
static void test_life_reports_of_a_final_assessment_carry_the_sign_off(void)
{
	static const char *const formats[] = { "text", "md", "csv", "json", "html" };
	char *xlsx = path_join(dir, "final.xlsx");
	struct strbuf cmd = STRBUF_INIT;
	struct run r;
	size_t i;
	FILE *p;

	fresh();
	RUN(&r, "report", "1");
	CONTAINS(r.out, "草稿");
	run_free(&r);
	RUN(&r, "finalise", "1", "--assessor", "李四", "--reviewer", "王五", "--date", "2025-07-02", "--force");
	CU_ASSERT_EQUAL_FATAL(r.status, 0);
	run_free(&r);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		RUN(&r, "report", "1", "--format", formats[i], "--lang", "zh");
		CU_ASSERT_EQUAL(r.status, 0);
		LACKS(r.out, "草稿");
		CONTAINS(r.out, "定稿");
		CONTAINS(r.out, "审核人");
		CONTAINS(r.out, "王五");
		CONTAINS(r.out, "2025-07-02");
		CONTAINS(r.out, "gbt22239-2019 ");
		CONTAINS(r.out, "签署时评分规则");
		CONTAINS(r.out, "签署时未完成项");
		run_free(&r);
	}
	RUN(&r, "report", "1", "--lang", "en");
	CONTAINS(r.out, "Reviewer");
	CONTAINS(r.out, "Rules at sign-off");
	LACKS(r.out, "no. 1, draft");
	CONTAINS(r.out, "no. 1, final");
	run_free(&r);
	RUN(&r, "report", "1", "-o", xlsx);
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	strbuf_addf(&cmd, "unzip -p '%s' xl/sharedStrings.xml 2>/dev/null", xlsx);
	p = popen(cmd.buf, "r");
	if (p) {
		struct strbuf all = STRBUF_INIT;
		char buf[4096];
		size_t n;

		while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
			strbuf_add(&all, buf, n);
		if (pclose(p) == 0) {
			CONTAINS(all.buf, "王五");
			CONTAINS(all.buf, "签署日期");
			LACKS(all.buf, "草稿");
		}
		strbuf_release(&all);
	}
	strbuf_release(&cmd);
	free(xlsx);
}

static void test_life_delete_asks_refuses_and_needs_force_when_final(void)
{
	struct run r;

	fresh();
	/* stdin is /dev/null: no terminal to ask on. */
	RUN(&r, "--lang", "en", "delete", "1");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "add --yes");
	run_free(&r);
	RUN(&r, "finalise", "1", "--assessor", "李四", "--force");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "--lang", "en", "delete", "1", "--yes");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "needs --force");
	run_free(&r);
	RUN(&r, "delete", "1", "--yes", "--force");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "--lang", "en", "score", "1");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "no assessment 1");
	run_free(&r);
	RUN(&r, "delete", "1", "--yes");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
}

static void test_life_log_shows_who_what_and_which_texts(void)
{
	json_t *root, *entries, *e;
	json_error_t jerr;
	struct run r;

	fresh();
	RUN(&r, "answer", "1", "L3-CES1-01", "partial", "--object", "web01", "--evidence", "截图", "--owner", "张三");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "log", "1", "L3-CES1-01");
	CU_ASSERT_EQUAL(r.status, 0);
	CONTAINS(r.out, "L3-CES1-01 @ web01  - -> noncompliant  (note)");
	CONTAINS(r.out, "L3-CES1-01 @ web01  noncompliant -> partial  (evidence,owner,plan)");
	LACKS(r.out, "L3-PES1-06");
	CU_ASSERT_EQUAL(count_lines(r.out), 2);
	run_free(&r);
	/* The key works as well as the ID; the ID shown is the one at the assessment's level. */
	RUN(&r, "log", "1", "ces.ia.a", "--format", "json");
	CU_ASSERT_EQUAL(r.status, 0);
	root = json_loads(r.out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(root, "schema")), "mlps-log/1");
	entries = json_object_get(root, "entries");
	CU_ASSERT_EQUAL(json_array_size(entries), 2);
	e = json_array_get(entries, 1);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(e, "id")), "L3-CES1-01");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(e, "object")), "web01");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(e, "old")), "noncompliant");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(e, "new")), "partial");
	/* The login name ($USER) on SQLite; on PostgreSQL the role the server authenticated. */
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(e, "who")), test_on_pg() ? "mlps_admin" : "tester");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(e, "at")), "2025-07-01T08:00:00Z");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(e, "changed")), 3);
	json_decref(root);
	run_free(&r);
	RUN(&r, "--lang", "en", "log", "1", "L9-XXX");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "'L9-XXX'");
	run_free(&r);
	RUN(&r, "log", "1", "--format", "xml");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
}

static void test_life_report_format_follows_the_file_name(void)
{
	char *xlsx = path_join(dir, "r.xlsx"), *csv = path_join(dir, "r.csv"), *html = path_join(dir, "r.HTML");
	struct run r;
	FILE *f;
	char head[4] = { 0 };

	fresh();
	RUN(&r, "report", "1", "-o", xlsx);
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	f = fopen(xlsx, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fread(head, 1, 2, f), 2);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(head, "PK");   /* a zip: an XLSX, not text */
	RUN(&r, "--lang", "en", "report", "1", "-o", csv, "--format", "json");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "--format json contradicts the file name");
	run_free(&r);
	CU_ASSERT_NOT_EQUAL(access(csv, F_OK), 0);
	RUN(&r, "report", "1", "-o", html);
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	/* -o - is stdout; xlsx there only into a pipe (run_mlps captures into a file). */
	RUN(&r, "report", "1", "-o", "-", "--format", "md");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(r.out[0], '#');
	run_free(&r);
	RUN(&r, "report", "1", "-o", "-", "--format", "xlsx");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(memcmp(r.out, "PK", 2), 0);
	run_free(&r);
	/* CSV: a BOM for a Chinese report, none in English or with --no-bom. */
	RUN(&r, "report", "1", "--format", "csv", "--lang", "zh");
	CU_ASSERT_EQUAL(memcmp(r.out, "\xEF\xBB\xBF", 3), 0);
	run_free(&r);
	RUN(&r, "report", "1", "--format", "csv", "--lang", "zh", "--no-bom");
	CU_ASSERT_NOT_EQUAL(memcmp(r.out, "\xEF\xBB\xBF", 3), 0);
	run_free(&r);
	RUN(&r, "report", "1", "--format", "csv", "--lang", "en");
	CU_ASSERT_NOT_EQUAL(memcmp(r.out, "\xEF\xBB\xBF", 3), 0);
	run_free(&r);
	free(xlsx);
	free(csv);
	free(html);
}

static void test_life_conventions_global_options_help_and_messages(void)
{
	struct run r, h;
	char *other = test_store_name(dir, "other.db");
	static const char *const cmds[] = { "set", "finalise", "reopen", "delete", "log", "report", "answer", "new" };
	size_t i;

	fresh();
	/*
	 * Global options after the command, in both forms. --db names another
	 * store: a missing file (no database there), or on PostgreSQL another
	 * database with the schema and no assessment (the header alone).
	 */
	if (test_on_pg()) {
		RUN(&r, "list", "--db", other, "--format", "tsv");
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_EQUAL(count_lines(r.out), 1);
		CU_ASSERT_EQUAL(strncmp(r.out, "id\tsystem\t", 10), 0);
		CU_ASSERT_STRING_EQUAL(r.err, "");
		run_free(&r);
		RUN(&r, "list", "--format", "tsv");
		CU_ASSERT_EQUAL(count_lines(r.out), 2);
		run_free(&r);
	} else {
		RUN(&r, "list", "--db", other);
		CU_ASSERT_EQUAL(r.status, 1);
		CONTAINS(r.err, other);
		run_free(&r);
	}
	RUN(&r, "list", "--lang=en", "--format", "tsv");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "score", "1", "--lang", "de");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		RUN(&r, "help", cmds[i]);
		RUN(&h, cmds[i], "--help");
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_STRING_EQUAL(r.out, h.out);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "usage: mlps"));
		run_free(&r);
		run_free(&h);
	}
	RUN(&r, "help", "nosuch");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	/* Messages follow --lang and name the ID typed, not the key. */
	RUN(&r, "--lang", "en", "answer", "1", "L3-CES1-02", "na", "--object", "web01");
	CU_ASSERT_EQUAL(r.status, 2);
	CONTAINS(r.err, "L3-CES1-02: not applicable (na) needs a reason");
	LACKS(r.err, "ces.ia.b");
	run_free(&r);
	RUN(&r, "--lang", "zh", "answer", "1", "L3-CES1-02", "na", "--object", "web01");
	CONTAINS(r.err, "L3-CES1-02：不适用（na）需要理由");
	run_free(&r);
	free(other);
}

static void test_life_no_profiles_says_where_it_looked(void)
{
	char *bin = path_join(dir, "bin"), *copy = path_join(bin, "mlps");
	struct strbuf cmd = STRBUF_INIT;

	/* A copy of the binary outside any tree, in a build configured for a prefix without profiles. */
	mkdir(bin, 0700);
	strbuf_addf(&cmd, "cp '%s' '%s'", MLPS_BINARY, copy);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "cd '%s' && MLPS_DB='%s' MLPS_PROFILES= '%s' score 1 >/dev/null 2>'%s/err'; echo $? >'%s/rc'",
		    dir, db_path, copy, dir, dir);
	if (access(MLPS_DATADIR "/profiles", F_OK) == 0) {
		/* An mlps is installed on this machine: the copy finds its profiles, rightly. */
		strbuf_release(&cmd);
		free(bin);
		free(copy);
		return;
	}
	CU_ASSERT_EQUAL(system(cmd.buf), 0);
	{
		char *errp = path_join(dir, "err"), *rcp = path_join(dir, "rc");
		FILE *f = fopen(rcp, "r");
		char buf[512] = { 0 };
		int rc = -1;

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL(fscanf(f, "%d", &rc), 1);
		fclose(f);
		CU_ASSERT_EQUAL(rc, 1);
		f = fopen(errp, "r");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT(fread(buf, 1, sizeof(buf) - 1, f) > 0);
		fclose(f);
		CONTAINS(buf, "no profiles found (looked in ");
		CONTAINS(buf, "/bin/../share/mlps/profiles/gbt22239-2019");
		free(errp);
		free(rcp);
	}
	strbuf_release(&cmd);
	free(bin);
	free(copy);
}

/* make install's cmake --install into a temporary prefix, moved, then run from another folder. */
static void test_life_install_into_a_prefix_runs_from_anywhere(void)
{
	char *prefix = path_join(dir, "prefix"), *moved = path_join(dir, "moved"), *elsewhere = path_join(dir, "cwd");
	struct strbuf cmd = STRBUF_INIT, build = STRBUF_INIT;
	const char *slash = strrchr(MLPS_BINARY, '/');

	fresh();
	strbuf_add(&build, MLPS_BINARY, (size_t)(slash - MLPS_BINARY));
	mkdir(elsewhere, 0700);
	strbuf_addf(&cmd, "cmake --install '%s' --prefix '%s' >/dev/null", build.buf, prefix);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "test -f '%s/share/man/man1/mlps.1' && test -f '%s/share/bash-completion/completions/mlps' "
		    "&& test -f '%s/share/zsh/site-functions/_mlps' && test -d '%s/share/mlps/profiles/gbt22239-2019'",
		    prefix, prefix, prefix, prefix);
	CU_ASSERT_EQUAL(system(cmd.buf), 0);
	/* Relocated: nothing points back at the prefix or the build tree. */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "mv '%s' '%s'", prefix, moved);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "cd '%s' && env -u MLPS_PROFILES MLPS_DB='%s' '%s/bin/mlps' --lang en score 1 >'%s/score.out' "
		    "2>&1 && grep -q 'level 3' '%s/score.out' && env -u MLPS_PROFILES '%s/bin/mlps' --version | "
		    "grep -q 'catalogue gbt22239-2019'", elsewhere, db_path, moved, dir, dir, moved);
	CU_ASSERT_EQUAL(system(cmd.buf), 0);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "cat '%s/score.out' >&2", dir);
	if (system(cmd.buf) != 0)
		fprintf(stderr, "(no score output)\n");
	strbuf_release(&cmd);
	strbuf_release(&build);
	free(prefix);
	free(moved);
	free(elsewhere);
}

/* The fixture written by the schema-3 code (d5090e8) opens migrated to 4 with nothing lost. */
static void test_life_schema3_database_migrates_with_nothing_lost(void)
{
	char *path = path_join(dir, "old3.db");
	struct strbuf cmd = STRBUF_INIT;
	struct mlps_store *st;
	struct mlps_assessment *a;
	struct mlps_error err;
	const struct mlps_answer *x;
	struct mlps_log_entry *e;
	size_t n;
	const char *fenv[] = { NULL, "MLPS_PROFILES=" MLPS_SHIPPED, NULL };
	struct strbuf dbe = STRBUF_INIT;
	struct run r;

	if (test_sqlite_only("migration of the committed schema 3 file")) {
		free(path);
		return;
	}
	strbuf_addf(&cmd, "cp '%s/store/schema3.db' '%s'", MLPS_FIXTURES, path);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	a = mlps_store_load(st, 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_STRING_EQUAL(a->sys.name, "网上银行");
	CU_ASSERT_STRING_EQUAL(a->sys.org, "示例银行");
	CU_ASSERT_STRING_EQUAL(a->assessor, "李四");
	CU_ASSERT_STRING_EQUAL(a->uid, "c385d193ddfe3ede2219e5ff5366ae6f");
	CU_ASSERT_EQUAL(a->status, MLPS_DRAFT);
	CU_ASSERT_PTR_NULL(a->reviewer);
	CU_ASSERT_PTR_NULL(a->signed_date);
	CU_ASSERT_EQUAL(a->n_objects, 3);
	CU_ASSERT_EQUAL(a->n_answers, 6);
	x = mlps_assessment_answer(a, "ces.ia.a", "web01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_STRING_EQUAL(x->note, "运维账号存在弱口令");
	CU_ASSERT_STRING_EQUAL(x->evidence, "抽查 web01");
	CU_ASSERT_EQUAL(x->revision, 1);
	x = mlps_assessment_answer(a, "abs.bp.a", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->risk, MLPS_RISK_MEDIUM);
	CU_ASSERT_STRING_EQUAL(x->mitigation, "边界有临时ACL");
	mlps_assessment_free(a);
	a = mlps_store_load(st, 3, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->parent, 1);
	CU_ASSERT_EQUAL(a->n_answers, 6);
	CU_ASSERT_TRUE(a->answers[0].to_confirm);
	mlps_assessment_free(a);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), 6);
	/* Old log lines still read; their note changes show as changed texts. */
	CU_ASSERT_EQUAL(mlps_store_log(st, 1, "ces.ia.a", &e, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 2);
	if (n == 2) {
		CU_ASSERT_STRING_EQUAL(e[0].who, "tester");
		CU_ASSERT_STRING_EQUAL(e[0].changed, "note");
		CU_ASSERT_PTR_NULL(e[1].changed);
	}
	mlps_store_log_free(e, n);
	mlps_store_close(st);
	mlps_error_release(&err);
	/* And the life cycle works on it from the shell. */
	strbuf_addf(&dbe, "MLPS_DB=%s", path);
	fenv[0] = dbe.buf;
	run_mlps(&r, fenv, (const char *const[]){ "finalise", "2", "--assessor", "x", "--force", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	run_mlps(&r, fenv, (const char *const[]){ "db", "check", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CONTAINS(r.out, "schema: 6");
	run_free(&r);
	strbuf_release(&dbe);
	strbuf_release(&cmd);
	free(path);
}

/* The man page names every command and every option of every command's help. */
static void test_life_man_page_documents_every_command_and_option(void)
{
	static const char *const cmds[] = { "catalog", "grade", "new", "open", "list", "object", "answer", "score",
					    "report", "reaudit", "diff", "history", "export", "import", "db",
					    "profile", "set", "finalise", "reopen", "delete", "log", "plan", "help" };
	struct strbuf man = STRBUF_INIT, opt = STRBUF_INIT;
	char buf[4096];
	size_t i, n;
	FILE *f = fopen(MLPS_FIXTURES "/../../docs/mlps.1", "r");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&man, buf, n);
	fclose(f);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		struct run r;
		const char *p;

		strbuf_reset(&opt);
		strbuf_addf(&opt, ".B %s", cmds[i]);
		if (!strstr(man.buf, opt.buf)) {
			fprintf(stderr, "man page lacks the command %s\n", cmds[i]);
			CU_FAIL("a command is not in the man page");
		}
		if (!strcmp(cmds[i], "help"))
			continue;
		RUN(&r, cmds[i], "--help");
		/* Every --option of the usage, written as the man page writes it: \-\-option. */
		for (p = r.out; (p = strstr(p, "--")); ) {
			size_t len = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");

			strbuf_reset(&opt);
			strbuf_adds(&opt, "\\-\\-");
			for (size_t k = 0; k < len; k++) {
				if (p[2 + k] == '-')
					strbuf_adds(&opt, "\\-");
				else
					strbuf_addch(&opt, p[2 + k]);
			}
			if (len && !strstr(man.buf, opt.buf)) {
				fprintf(stderr, "man page lacks %.*s (mlps %s)\n", (int)len + 2, p, cmds[i]);
				CU_FAIL("an option is not in the man page");
			}
			p += 2 + len;
		}
		run_free(&r);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(man.buf, ".SH EXAMPLES"));
	CU_ASSERT_PTR_NOT_NULL(strstr(man.buf, ".SH EXIT STATUS"));
	CU_ASSERT_PTR_NOT_NULL(strstr(man.buf, ".SH ENVIRONMENT"));
	CU_ASSERT_PTR_NOT_NULL(strstr(man.buf, ".SH TERMINAL UI"));
	CU_ASSERT_PTR_NOT_NULL(strstr(man.buf, "MLPS_NOW"));
	strbuf_release(&man);
	strbuf_release(&opt);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "set keeps answers by requirement", test_life_set_changes_identity_and_keeps_answers_by_requirement },
		{ "set joins the named system", test_life_set_joins_the_system_that_has_the_name },
		{ "finalise, refusals, reopen", test_life_finalise_refuses_open_items_and_then_every_change },
		{ "sign-off in every report", test_life_reports_of_a_final_assessment_carry_the_sign_off },
		{ "delete", test_life_delete_asks_refuses_and_needs_force_when_final },
		{ "log", test_life_log_shows_who_what_and_which_texts },
		{ "report format from -o", test_life_report_format_follows_the_file_name },
		{ "conventions", test_life_conventions_global_options_help_and_messages },
		{ "no profiles", test_life_no_profiles_says_where_it_looked },
		{ "install anywhere", test_life_install_into_a_prefix_runs_from_anywhere },
		{ "schema 3 fixture migrates", test_life_schema3_database_migrates_with_nothing_lost },
		{ "man page", test_life_man_page_documents_every_command_and_option },
		CU_TEST_INFO_NULL,
	};
	int status;

	setenv("USER", "tester", 1);
	setup_env();
	status = test_main("cli-life", tests);
	remove_tree(dir);
	free(dir);
	free(db_env);
	free(db_path);
	return status;
}
