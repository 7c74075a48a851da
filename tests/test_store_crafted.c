/*
 * test_store_crafted.c - a database file is input like any other (issue
 * 20, item 2). Each case builds, with the sqlite3 API, a file that carries
 * mlps's application id and the current schema version but whose tables
 * have none of the constraints, holding one bad row; every command that
 * reads that row must give one clear message naming the table, row and
 * column, exit 1, and leave the file byte for byte as it was. `db check`
 * names the same problem. Also here: the schema-4 fixture migrates with
 * nothing lost, a newer schema is refused untouched, and a database in a
 * read-only directory can be read but not written (item 7).
 */
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "testutil.h"
#include "util.h"

static char *dir, *base_path;

/* The commands of the issue, on assessment 1 of system "S". */
static const char *const commands[][6] = {
	{ "list", NULL },
	{ "score", "1", NULL },
	{ "report", "1", NULL },
	{ "history", "S", NULL },
	{ "answer", "1", "L3-CES1-01", "compliant", "--object", "web01" },
	{ "export", "1", NULL },
	{ "object", "list", "1", NULL },
	{ "log", "1", NULL },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))
#define ALL_COMMANDS ((1u << N_COMMANDS) - 1)
#define LOG_ONLY (1u << 7)

static char *slurp(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			strbuf_add(&sb, buf, (size_t)n);
		close(fd);
	}
	*len = sb.len;
	return strbuf_detach(&sb, NULL);
}

static void sql(sqlite3 *db, const char *s)
{
	char *msg = NULL;

	if (sqlite3_exec(db, s, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "test_store_crafted: %s: %s\n", s, msg);
		exit(1);
	}
}

/*
 * The baseline, written by mlps itself (so every value is one mlps writes):
 * assessment 1 of system S at level 3 with a server object web01, two
 * answers (rowids 1 and 2 of the loose copies craft() makes: (1, ces.ia.a, 2) and
 * (1, pes.location.a, 1)) and their log, and a set event.
 */
static void make_base(void)
{
	struct strbuf e1 = STRBUF_INIT;
	const char *env[5];
	struct run r;
	static const char *const steps[][9] = {
		{ "new", "--system", "S", "--level", "3", "--object", "server:web01", NULL },
		{ "answer", "1", "L3-CES1-01", "noncompliant", "--object", "web01", "--note", "weak", NULL },
		{ "answer", "1", "L3-PES1-01", "na", "--reason", "hosted", NULL },
		{ "set", "1", "--assessor", "li", NULL },
	};
	size_t i;

	base_path = path_join(dir, "base.db");
	strbuf_addf(&e1, "MLPS_DB=%s", base_path);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = "MLPS_NOW=2025-07-01T08:00:00Z";
	env[3] = "USER=tester";
	env[4] = NULL;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		run_mlps(&r, env, steps[i]);
		if (r.status != 0) {
			fprintf(stderr, "test_store_crafted: base: %s", r.err);
			exit(1);
		}
		run_free(&r);
	}
	/* mlps keeps its write-ahead log: fold it into the file, which craft() copies alone. */
	{
		sqlite3 *db;

		if (sqlite3_open(base_path, &db) != SQLITE_OK)
			exit(1);
		sql(db, "PRAGMA wal_checkpoint(TRUNCATE)");
		sqlite3_close(db);
	}
	strbuf_release(&e1);
}

/*
 * A copy of the baseline whose tables have lost every constraint (each
 * rebuilt by CREATE TABLE AS, rowids in their old order), with `bad`
 * applied, mlps's application id and the current schema version: what a
 * tool other than mlps could leave behind. Caller frees the path.
 */
static char *craft(const char *name, const char *bad)
{
	static const char *const tables[] = { "systems", "assessments", "objects", "answers", "answer_log",
					      "assessment_log", "assessment_summary" };
	char *path = path_join(dir, name);
	struct strbuf cmd = STRBUF_INIT;
	sqlite3 *db;
	size_t i;

	strbuf_addf(&cmd, "rm -f '%s' '%s-wal' '%s-shm' && cp '%s' '%s'", path, path, path, base_path, path);
	if (system(cmd.buf) != 0)
		exit(1);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		exit(1);
	sql(db, "PRAGMA foreign_keys = OFF; BEGIN");
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		strbuf_reset(&cmd);
		/* answers has no rowid (schema 6): its rows are taken in key order, which is the order written. */
		strbuf_addf(&cmd, "CREATE TABLE loose AS SELECT * FROM %s ORDER BY %s; DROP TABLE %s; "
			    "ALTER TABLE loose RENAME TO %s;", tables[i],
			    strcmp(tables[i], "answers") ? "rowid" : "assessment_id, req_key, object_id", tables[i],
			    tables[i]);
		sql(db, cmd.buf);
	}
	if (bad)
		sql(db, bad);
	strbuf_reset(&cmd);
	/* "MLPS" in ASCII, as store.c marks its files. */
	strbuf_addf(&cmd, "COMMIT; PRAGMA user_version = %d; PRAGMA application_id = %d;", MLPS_STORE_SCHEMA,
		    0x4D4C5053);
	sql(db, cmd.buf);
	sqlite3_close(db);
	strbuf_release(&cmd);
	return path;
}

struct crafted {
	const char *name;
	const char *bad;            /* SQL that spoils one row */
	const char *problem;        /* what every reader says: "table row N: what" */
	unsigned failing;           /* bits of commands[] that read the row */
};

static const struct crafted cases[] = {
	{ "status-null", "UPDATE answers SET status = NULL WHERE rowid = 2",
	  "answers row (1, pes.location.a, 1): status is NULL",
	  ALL_COMMANDS },
	{ "status-unknown", "UPDATE answers SET status = 'maybe' WHERE rowid = 2",
	  "answers row (1, pes.location.a, 1): status is 'maybe' (unknown)", ALL_COMMANDS },
	{ "key-null", "UPDATE answers SET req_key = NULL WHERE rowid = 1",
	  "answers row (1, NULL, 2): req_key is NULL",
	  ALL_COMMANDS },
	{ "system-name-null", "UPDATE systems SET name = NULL", "systems row 1: name is NULL", ALL_COMMANDS },
	{ "object-name-null", "UPDATE objects SET name = NULL WHERE id = 2", "objects row 2: name is NULL",
	  ALL_COMMANDS },
	{ "level-99", "UPDATE assessments SET level = 99", "assessments row 1: level is 99 (expected 1 to 4)",
	  ALL_COMMANDS },
	{ "level-0", "UPDATE assessments SET level = 0", "assessments row 1: level is 0 (expected 1 to 4)",
	  ALL_COMMANDS },
	{ "level-minus-5", "UPDATE assessments SET level = -5",
	  "assessments row 1: level is -5 (expected 1 to 4)", ALL_COMMANDS },
	{ "level-text", "UPDATE assessments SET level = 'three'",
	  "assessments row 1: level is 'three' (not a whole number)", ALL_COMMANDS },
	{ "s-level", "UPDATE systems SET s_level = 9", "systems row 1: s_level is 9 (expected 0 to 5)",
	  ALL_COMMANDS },
	{ "extensions", "UPDATE assessments SET extensions = 4096",
	  "assessments row 1: extensions is 4096 (expected 0 to 31)", ALL_COMMANDS },
	{ "kind-bad", "UPDATE objects SET kind = 'Server!' WHERE id = 2",
	  "objects row 2: kind is 'Server!' (not a kind of object)", ALL_COMMANDS },
	{ "importance", "UPDATE objects SET importance = 'vital' WHERE id = 2",
	  "objects row 2: importance is 'vital' (unknown)", ALL_COMMANDS },
	{ "no-system-object", "UPDATE objects SET kind = 'server' WHERE id = 1",
	  "assessments row 1: the assessment has no object of kind system", ALL_COMMANDS },
	{ "object-twice", "INSERT INTO objects (id, assessment_id, name, kind, importance) VALUES "
			  "(3, 1, 'web01', 'server', 'key')",
	  "objects row 3: a second object named 'web01' in assessment 1", ALL_COMMANDS },
	{ "created-garbage", "UPDATE assessments SET created = 'garbage'",
	  "assessments row 1: created is 'garbage' (not a date and time)", ALL_COMMANDS },
	{ "updated-feb-30", "UPDATE answers SET updated = '2025-02-30T00:00:00Z' WHERE rowid = 1",
	  "answers row (1, ces.ia.a, 2): updated is '2025-02-30T00:00:00Z' (not a date and time)", ALL_COMMANDS },
	{ "due-bad", "UPDATE answers SET due = '2025-13-01' WHERE rowid = 1",
	  "answers row (1, ces.ia.a, 2): due is '2025-13-01' (not a date YYYY-MM-DD)", ALL_COMMANDS },
	{ "signed-date-bad", "UPDATE assessments SET signed_date = 'soon'",
	  "assessments row 1: signed_date is 'soon' (not a date YYYY-MM-DD)", ALL_COMMANDS },
	{ "object-dangling", "UPDATE answers SET object_id = 99 WHERE rowid = 1",
	  "answers row (1, ces.ia.a, 99): object_id 99 names no object", ALL_COMMANDS },
	{ "system-dangling", "UPDATE assessments SET system_id = 9",
	  "assessments row 1: system_id 9 names no system", ALL_COMMANDS },
	{ "parent-self", "UPDATE assessments SET parent_id = 1",
	  "assessments row 1: parent_id 1 is not an earlier assessment", ALL_COMMANDS },
	{ "revision-negative", "UPDATE answers SET revision = -1 WHERE rowid = 2",
	  "answers row (1, pes.location.a, 1): revision is -1 (expected 1 or more)", ALL_COMMANDS },
	{ "to-confirm", "UPDATE answers SET to_confirm = 7 WHERE rowid = 2",
	  "answers row (1, pes.location.a, 1): to_confirm is 7 (expected 0 to 1)", ALL_COMMANDS },
	{ "text-hash", "UPDATE answers SET text_hash = '-12' WHERE rowid = 2",
	  "answers row (1, pes.location.a, 1): text_hash is '-12' (not 16 hexadecimal digits)", ALL_COMMANDS },
	{ "uid", "UPDATE assessments SET uid = 'not-a-uid'",
	  "assessments row 1: uid is 'not-a-uid' (not 32 lowercase hexadecimal digits)", ALL_COMMANDS },
	{ "risk", "UPDATE answers SET risk = 'extreme' WHERE rowid = 1",
	  "answers row (1, ces.ia.a, 2): risk is 'extreme' (unknown)", ALL_COMMANDS },
	{ "note-not-utf8", "UPDATE answers SET note = CAST(x'77ff6b' AS TEXT) WHERE rowid = 1",
	  "answers row (1, ces.ia.a, 2): note is not valid UTF-8 (byte 1)", ALL_COMMANDS },
	{ "name-blob", "UPDATE systems SET name = x'00'", "systems row 1: name is a blob, not text",
	  ALL_COMMANDS },
	{ "answer-twice", "INSERT INTO answers SELECT * FROM answers WHERE rowid = 1",
	  "answers row (1, ces.ia.a, 2): a second answer to ces.ia.a on object 'web01'", ALL_COMMANDS },
	{ "log-status-null", "UPDATE answer_log SET new_status = NULL WHERE id = 1",
	  "answer_log row 1: new_status is NULL", LOG_ONLY },
	{ "log-at-bad", "UPDATE answer_log SET at = 'yesterday' WHERE id = 2",
	  "answer_log row 2: at is 'yesterday' (not a date and time)", LOG_ONLY },
	{ "event-unknown", "UPDATE assessment_log SET event = 'explode'",
	  "assessment_log row 1: event is 'explode' (unknown)", LOG_ONLY },
	{ "event-who-null", "UPDATE assessment_log SET who = NULL", "assessment_log row 1: who is NULL",
	  LOG_ONLY },
};

/*
 * Every case against every command: the commands that read the bad row
 * fail with exactly its message and exit 1; the others (but the writing
 * `answer`) succeed; the file is unchanged byte for byte; db check lists it.
 */
static void test_crafted_bad_rows_are_named_and_nothing_is_written(void)
{
	size_t i, c;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = craft("crafted.db", cases[i].bad);
		struct strbuf e1 = STRBUF_INIT, want = STRBUF_INIT, line = STRBUF_INIT;
		const char *env[4];
		size_t len_before, len_after;
		char *before = slurp(path, &len_before), *after;
		struct run r;

		strbuf_addf(&e1, "MLPS_DB=%s", path);
		env[0] = e1.buf;
		env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
		env[2] = "LANG=C.UTF-8";
		env[3] = NULL;
		strbuf_addf(&want, "mlps: %s: %s; the database is damaged (see 'mlps db check'); nothing was changed\n",
			    path, cases[i].problem);
		for (c = 0; c < N_COMMANDS; c++) {
			const char *argv[7] = { NULL };
			bool fails = cases[i].failing & (1u << c);

			memcpy(argv, commands[c], sizeof(commands[c]));
			if (!fails && !strcmp(argv[0], "answer"))
				continue;
			run_mlps(&r, env, argv);
			if (fails) {
				CU_ASSERT_EQUAL(r.status, 1);
				CU_ASSERT_STRING_EQUAL(r.err, want.buf);
				if (r.status != 1 || strcmp(r.err, want.buf))
					fprintf(stderr, "\n  %s / %s: status %d: %s", cases[i].name, argv[0], r.status, r.err);
			} else {
				CU_ASSERT_EQUAL(r.status, 0);
				if (r.status != 0)
					fprintf(stderr, "\n  %s / %s: status %d: %s", cases[i].name, argv[0], r.status, r.err);
			}
			run_free(&r);
		}
		after = slurp(path, &len_after);
		CU_ASSERT_TRUE(len_before == len_after && !memcmp(before, after, len_before));
		if (len_before != len_after || memcmp(before, after, len_before))
			fprintf(stderr, "\n  %s: the file changed", cases[i].name);
		/* db check names it (and exits 1). */
		run_mlps(&r, env, (const char *const[]){ "db", "check", NULL });
		CU_ASSERT_EQUAL(r.status, 1);
		strbuf_addf(&line, "\n%s\n", cases[i].problem);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, line.buf));
		if (!strstr(r.out, line.buf))
			fprintf(stderr, "\n  %s / db check: %s", cases[i].name, r.out);
		run_free(&r);
		free(before);
		free(after);
		strbuf_release(&e1);
		strbuf_release(&want);
		strbuf_release(&line);
		free(path);
	}
}

/*
 * The same file without a bad row can be read by every command, and db
 * check calls its rows healthy; but it is not written to, for its tables
 * lack what writes rely on (the answers' key).
 */
static void test_crafted_loose_tables_without_bad_rows_are_read_not_written(void)
{
	char *path = craft("loose.db", NULL);
	struct strbuf e1 = STRBUF_INIT;
	const char *env[3];
	struct run r;
	size_t c;

	strbuf_addf(&e1, "MLPS_DB=%s", path);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	for (c = 0; c < N_COMMANDS; c++) {
		const char *argv[7] = { NULL };

		memcpy(argv, commands[c], sizeof(commands[c]));
		run_mlps(&r, env, argv);
		if (!strcmp(argv[0], "answer")) {
			CU_ASSERT_EQUAL(r.status, 1);
			CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "loose.db: its tables lack the constraints mlps makes them "
						      "with (the file was made or changed by another program); it can "
						      "be read but not written; nothing was changed\n"));
		} else {
			CU_ASSERT_EQUAL(r.status, 0);
		}
		if (r.status && strcmp(argv[0], "answer"))
			fprintf(stderr, "\n  %s: %s", argv[0], r.err);
		run_free(&r);
	}
	run_mlps(&r, env, (const char *const[]){ "db", "check", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "rows: ok\n"));
	run_free(&r);
	strbuf_release(&e1);
	free(path);
}

/* db check applies the profile set's rules: unknown keys and kinds, N/A without a reason; each by row. */
static void test_db_check_names_semantic_problems_by_row(void)
{
	char *path = craft("semantic.db", "UPDATE answers SET na_reason = NULL WHERE rowid = 2; "
					  "INSERT INTO answers SELECT * FROM answers WHERE rowid = 1; "
					  "UPDATE answers SET req_key = 'no.such.key' WHERE rowid = 3; "
					  "UPDATE objects SET kind = 'toaster' WHERE id = 2");
	struct strbuf e1 = STRBUF_INIT;
	const char *env[3];
	struct run r;

	strbuf_addf(&e1, "MLPS_DB=%s", path);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	run_mlps(&r, env, (const char *const[]){ "db", "check", NULL });
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.out, "integrity: ok\n"
			       "foreign keys: ok\n"
			       "objects row 2: kind 'toaster' is not in the profile set's vocabulary\n"
			       "answers row (1, no.such.key, 2): req_key 'no.such.key' is not a requirement of the profile "
			       "set\n"
			       "answers row (1, pes.location.a, 1): status is na but na_reason is empty\n"
			       "rows: 3 problems\n"
			       "schema: 6 (this mlps: 6)\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "the database has problems (see above)"));
	run_free(&r);
	strbuf_release(&e1);
	free(path);
}

/* The fixture written by the schema-4 code (e2caff0) opens migrated to 5 with nothing lost. */
static void test_schema4_database_migrates_with_nothing_lost(void)
{
	char *path = path_join(dir, "old4.db");
	struct strbuf cmd = STRBUF_INIT;
	struct mlps_store *st;
	struct mlps_assessment *a;
	struct mlps_error err;
	const struct mlps_answer *x;
	struct mlps_log_entry *e;
	struct mlps_store_row *rows;
	size_t n;
	sqlite3 *db;
	sqlite3_stmt *q;

	strbuf_addf(&cmd, "cp '%s/store/schema4.db' '%s'", MLPS_FIXTURES, path);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_list(st, &rows, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 3);
	if (n == 3) {
		CU_ASSERT_EQUAL(rows[2].parent, 1);
		CU_ASSERT_EQUAL(rows[0].status, MLPS_FINAL);
		CU_ASSERT_EQUAL(rows[2].unconfirmed, 3);
	}
	mlps_store_rows_free(rows, n);
	a = mlps_store_load(st, 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_STRING_EQUAL(a->sys.name, "网上银行");
	CU_ASSERT_STRING_EQUAL(a->sys.org, "示例银行");
	CU_ASSERT_STRING_EQUAL(a->assessor, "张三");
	CU_ASSERT_STRING_EQUAL(a->uid, "386fc518cd98227f5fbf38322e577549");
	CU_ASSERT_EQUAL(a->status, MLPS_FINAL);
	CU_ASSERT_STRING_EQUAL(a->signed_date, "2025-03-04");
	CU_ASSERT_EQUAL(a->signed_open, 208);
	CU_ASSERT_STRING_EQUAL(a->reopen_reason, "补充证据");
	CU_ASSERT_EQUAL(a->n_objects, 3);
	CU_ASSERT_EQUAL(a->n_answers, 5);
	x = mlps_assessment_answer(a, "ces.ia.a", "web01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_STRING_EQUAL(x->note, "运维账号存在弱口令");
	CU_ASSERT_EQUAL(x->text_hash, 0x80a9c694f3d4d615ULL);
	x = mlps_assessment_answer(a, "ces.ia.b", "web01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->revision, 2);
	x = mlps_assessment_answer(a, "abs.bp.a", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_EQUAL(x->risk, MLPS_RISK_MEDIUM);
	CU_ASSERT_EQUAL(x->plan, MLPS_PLAN_OPEN);
	CU_ASSERT_STRING_EQUAL(x->due, "2025-06-30");
	mlps_assessment_free(a);
	a = mlps_store_load(st, 2, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->n_objects, 2);
	CU_ASSERT_STRING_EQUAL(a->objects[1].name, "pc02");
	CU_ASSERT_STRING_EQUAL(a->objects[1].desc, "Windows 11");
	CU_ASSERT_EQUAL(a->objects[1].importance, MLPS_IMP_GENERAL);
	CU_ASSERT_EQUAL(a->sys.flags, 8u);
	mlps_assessment_free(a);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), 6);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 2, &err), 4);
	CU_ASSERT_EQUAL(mlps_store_log(st, 1, NULL, &e, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 10);
	if (n == 10) {
		CU_ASSERT_STRING_EQUAL(e[5].event, "set");
		CU_ASSERT_STRING_EQUAL(e[9].detail, "assessor 张三; reviewer -; date 2025-03-04; open 208; catalogue "
				       "gbt22239-2019 c45700f39a3b5783; rules mlps-rules-2025.2");
	}
	mlps_store_log_free(e, n);
	mlps_store_close(st);
	mlps_error_release(&err);
	/* The current schema on disk (4 -> 5 -> 6 in one go): the constraints, the indexes, the version. */
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version), "
				       "(SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
				       "('assessments_by_system', 'assessments_by_uid', 'answers_by_object', "
				       "'answer_log_by_assessment', 'assessment_log_by_assessment')), "
				       "(SELECT sql FROM sqlite_master WHERE name = 'answers')", -1, &q, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
	CU_ASSERT_EQUAL(sqlite3_column_int(q, 0), MLPS_STORE_SCHEMA);
	CU_ASSERT_EQUAL(sqlite3_column_int(q, 1), 5);
	CU_ASSERT_PTR_NOT_NULL(strstr((const char *)sqlite3_column_text(q, 2), "status TEXT NOT NULL CHECK"));
	CU_ASSERT_PTR_NOT_NULL(strstr((const char *)sqlite3_column_text(q, 2), "WITHOUT ROWID"));
	sqlite3_finalize(q);
	/* The constraints hold: a NULL status is refused by the file itself. */
	CU_ASSERT_NOT_EQUAL(sqlite3_exec(db, "UPDATE answers SET status = NULL", NULL, NULL, NULL), SQLITE_OK);
	CU_ASSERT_NOT_EQUAL(sqlite3_exec(db, "UPDATE assessments SET level = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	strbuf_release(&cmd);
	free(path);
}

/* A schema-4 file with a bad row is not upgraded half-way: the row is named, nothing changes. */
static void test_schema4_database_with_a_bad_row_is_not_migrated(void)
{
	char *path = craft("bad4.db", "UPDATE answers SET status = NULL WHERE rowid = 1");
	struct strbuf e1 = STRBUF_INIT;
	const char *env[3];
	sqlite3 *db;
	sqlite3_stmt *q;
	struct run r;

	/* craft() set the current version: go back to 4, in WAL as mlps leaves its files. */
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	sql(db, "PRAGMA user_version = 4");
	sqlite3_close(db);
	strbuf_addf(&e1, "MLPS_DB=%s", path);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	run_mlps(&r, env, (const char *const[]){ "list", NULL });
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "answers row (1, ces.ia.a, 2): status is NULL; the database cannot be "
					     "upgraded to schema 5 until this is mended; nothing was changed\n"));
	run_free(&r);
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
	CU_ASSERT_EQUAL(sqlite3_column_int(q, 0), 4);
	sqlite3_finalize(q);
	sqlite3_close(db);
	strbuf_release(&e1);
	free(path);
}

/* A file from a newer mlps, or with a version no mlps wrote, is refused and left exactly as it was. */
static void test_newer_schema_is_refused_untouched(void)
{
	char *path = craft("newer.db", NULL);
	struct strbuf e1 = STRBUF_INIT;
	const char *env[3];
	size_t l1, l2;
	char *before, *after;
	sqlite3 *db;
	struct run r;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	sql(db, "PRAGMA user_version = 7");
	sqlite3_close(db);
	before = slurp(path, &l1);
	strbuf_addf(&e1, "MLPS_DB=%s", path);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	run_mlps(&r, env, (const char *const[]){ "list", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "database schema version 7 is newer than this mlps knows (6)"));
	run_free(&r);
	after = slurp(path, &l2);
	CU_ASSERT_TRUE(l1 == l2 && !memcmp(before, after, l1));
	free(before);
	free(after);
	/* A negative version (found by fuzz_store: it indexed before the migrations) is refused too. */
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &db), SQLITE_OK);
	sql(db, "PRAGMA user_version = -3");
	sqlite3_close(db);
	before = slurp(path, &l1);
	run_mlps(&r, env, (const char *const[]){ "list", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "database schema version -3 is not one mlps ever wrote; the file was "
					     "not changed\n"));
	run_free(&r);
	after = slurp(path, &l2);
	CU_ASSERT_TRUE(l1 == l2 && !memcmp(before, after, l1));
	free(before);
	free(after);
	strbuf_release(&e1);
	free(path);
}

/*
 * Item 7: a database in a directory the user cannot write (chmod 0555) is
 * listed and read (SQLite cannot create its -shm there: the store opens it
 * mode=ro, then immutable), with ?mode=ro too; a write is refused naming
 * the directory, and list never says "nothing was changed". Root is not
 * stopped by chmod: run as root, the commands run as user nobody instead.
 */
static void test_read_only_directory_reads_and_refuses_writes_naming_it(void)
{
	char *top = make_temp_dir(), *ro = path_join(top, "ro"), *path = path_join(ro, "m.db");
	struct strbuf cmd = STRBUF_INIT, e1 = STRBUF_INIT, e2 = STRBUF_INIT, e3 = STRBUF_INIT, want = STRBUF_INIT;
	const char *env[4], *env_uri[4];
	char *shared = NULL;
	struct passwd *pw = geteuid() == 0 ? getpwnam("nobody") : NULL;
	long uid = pw ? (long)pw->pw_uid : -1;
	size_t l1, l2;
	char *before, *after;
	struct stat sb;
	struct run r;

	if (geteuid() == 0 && !pw) {
		fprintf(stderr, "\n  skipped: running as root and there is no user nobody to drop to\n");
		goto out;
	}
	strbuf_addf(&cmd, "mkdir '%s' && cp '%s' '%s' && chmod 0755 '%s' && chmod 0644 '%s' && chmod 0555 '%s'",
		    ro, base_path, path, top, path, ro);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	before = slurp(path, &l1);
	strbuf_addf(&e1, "MLPS_DB=%s", path);
	strbuf_addf(&e2, "MLPS_DB=file:%s?mode=ro", path);
	env[0] = e1.buf;
	env_uri[0] = e2.buf;
	/* The profiles as user nobody can read them wherever the checkout is. */
	shared = test_share_tree(MLPS_SHIPPED, top, "profiles");
	strbuf_addf(&e3, "MLPS_PROFILES=%s", shared);
	env[1] = env_uri[1] = e3.buf;
	env[2] = env_uri[2] = "HOME=/nonexistent";
	env[3] = env_uri[3] = NULL;
	run_mlps_as(&r, uid, env, (const char *const[]){ "list", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "   1  S "));
	CU_ASSERT_PTR_NULL(strstr(r.err, "nothing was changed"));
	if (r.status)
		fprintf(stderr, "\n  list: %s", r.err);
	run_free(&r);
	run_mlps_as(&r, uid, env, (const char *const[]){ "report", "1", "--lang", "en", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	run_mlps_as(&r, uid, env_uri, (const char *const[]){ "score", "1", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	if (r.status)
		fprintf(stderr, "\n  score (mode=ro): %s", r.err);
	run_free(&r);
	run_mlps_as(&r, uid, env, (const char *const[]){ "answer", "1", "L3-CES1-01", "compliant", "--object", "web01",
							 NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	strbuf_addf(&want, "mlps: %s: cannot be changed: the directory %s is read-only (for this user); nothing was "
		    "changed\n", path, ro);
	CU_ASSERT_STRING_EQUAL(r.err, want.buf);
	run_free(&r);
	after = slurp(path, &l2);
	CU_ASSERT_TRUE(l1 == l2 && !memcmp(before, after, l1));
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "%s-shm", path);
	CU_ASSERT_NOT_EQUAL(stat(cmd.buf, &sb), 0);
	free(before);
	free(after);
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "chmod 0755 '%s'", ro);
	CU_ASSERT_EQUAL(system(cmd.buf), 0);
out:
	remove_tree(top);
	strbuf_release(&cmd);
	strbuf_release(&e1);
	strbuf_release(&e2);
	strbuf_release(&e3);
	strbuf_release(&want);
	free(shared);
	free(top);
	free(ro);
	free(path);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "bad rows named, nothing written", test_crafted_bad_rows_are_named_and_nothing_is_written },
		{ "loose tables read, not written", test_crafted_loose_tables_without_bad_rows_are_read_not_written },
		{ "db check semantic rules", test_db_check_names_semantic_problems_by_row },
		{ "schema 4 fixture migrates", test_schema4_database_migrates_with_nothing_lost },
		{ "schema 4 bad row not migrated", test_schema4_database_with_a_bad_row_is_not_migrated },
		{ "newer schema refused", test_newer_schema_is_refused_untouched },
		{ "read-only directory", test_read_only_directory_reads_and_refuses_writes_naming_it },
		CU_TEST_INFO_NULL,
	};
	int status;

	dir = make_temp_dir();
	make_base();
	status = test_main("store_crafted", tests);
	remove_tree(dir);
	free(dir);
	free(base_path);
	return status;
}
