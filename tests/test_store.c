/*
 * test_store.c - the assessment database: round trips, file permissions,
 * refusal of foreign, corrupt and newer files without touching them, a
 * SIGKILL in the middle of a stream of writes, and two writers at once.
 * Registered again as test_store_pg: what is about the store runs on a
 * PostgreSQL database too (test_store_name), what is about SQLite files only
 * on SQLite (test_sqlite_only).
 */
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "testutil.h"
#include "yamldoc.h"

static char *dir;

static long long create(struct mlps_store *st, const char *system, int level)
{
	struct mlps_assessment a;
	struct mlps_error err;

	memset(&a, 0, sizeof(a));
	mlps_error_init(&err);
	a.sys.name = (char *)system;
	a.sys.org = (char *)"示例单位";
	a.sys.s_level = 3;
	a.sys.a_level = 2;
	a.sys.flags = MLPS_COND_CONTINUITY | MLPS_COND_CLOUD_CUSTOMER;
	a.level = level;
	a.ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL) | MLPS_EXT_BIT(MLPS_EXT_CLOUD);
	a.profile_hash = (char *)"0123456789abcdef";
	a.rules_id = (char *)"rules-x";
	a.assessor = (char *)"张三";
	CU_ASSERT_EQUAL(mlps_store_create(st, &a, &err), 0);
	free(a.created);
	free(a.updated);
	mlps_error_release(&err);
	return a.id;
}

static int save(struct mlps_store *st, long long id, const char *key, enum mlps_status status,
		const char *note)
{
	struct mlps_answer ans;
	struct mlps_error err;
	int rc;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.status = status;
	ans.note = (char *)note;
	mlps_error_init(&err);
	rc = mlps_store_save_answer(st, id, &ans, "tester", &err);
	if (rc)
		fprintf(stderr, "\nsave %s: %s\n", key, mlps_error_message(&err));
	mlps_error_release(&err);
	return rc;
}

static void test_store_round_trips_an_assessment_and_every_answer_field(void)
{
	char *path = test_store_name(dir, "round.db");
	struct mlps_store *st = open_store(path);
	struct mlps_assessment *a;
	struct mlps_answer ans;
	struct mlps_error err;
	const struct mlps_answer *got;
	struct strbuf expect = STRBUF_INIT;
	long long id;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	id = create(st, "网上银行", 3);
	CU_ASSERT_EQUAL(id, 1);
	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)"ces.ia.a";
	ans.status = MLPS_ST_NONCOMPLIANT;
	ans.note = (char *)"存在弱口令\n第二行";
	ans.evidence = (char *)"screenshot-17.png";
	ans.risk = MLPS_RISK_LOW;
	ans.mitigation = (char *)"只能经堡垒机访问";
	ans.owner = (char *)"李四";
	ans.due = (char *)"2027-01-31";
	ans.plan = MLPS_PLAN_IN_PROGRESS;
	ans.to_confirm = true;
	ans.text_hash = 0xfedcba9876543210ull;
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, id, &ans, "tester", &err), 0);
	CU_ASSERT_EQUAL(save(st, id, "pes.location.b", MLPS_ST_NA, NULL), 0);
	CU_ASSERT_EQUAL(save(st, id, "ces.ia.a", MLPS_ST_NONCOMPLIANT, "存在弱口令\n第二行"), 0);

	a = mlps_store_load(st, id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_STRING_EQUAL(a->sys.name, "网上银行");
	CU_ASSERT_STRING_EQUAL(a->sys.org, "示例单位");
	CU_ASSERT_EQUAL(a->sys.s_level, 3);
	CU_ASSERT_EQUAL(a->sys.a_level, 2);
	CU_ASSERT_EQUAL(a->sys.flags, MLPS_COND_CONTINUITY | MLPS_COND_CLOUD_CUSTOMER);
	CU_ASSERT_EQUAL(a->level, 3);
	CU_ASSERT_EQUAL(a->ext, MLPS_EXT_BIT(MLPS_EXT_GENERAL) | MLPS_EXT_BIT(MLPS_EXT_CLOUD));
	CU_ASSERT_STRING_EQUAL(a->profile_hash, "0123456789abcdef");
	CU_ASSERT_STRING_EQUAL(a->rules_id, "rules-x");
	CU_ASSERT_STRING_EQUAL(a->assessor, "张三");
	CU_ASSERT_EQUAL(a->status, MLPS_DRAFT);
	CU_ASSERT_EQUAL(a->parent, 0);
	CU_ASSERT_EQUAL_FATAL(a->n_answers, 2);
	got = mlps_assessment_answer(a, "ces.ia.a", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	/* The second save replaced the fields it did not give. */
	CU_ASSERT_STRING_EQUAL(got->note, "存在弱口令\n第二行");
	CU_ASSERT_PTR_NULL(got->evidence);
	CU_ASSERT_STRING_EQUAL(got->who, "tester");
	mlps_assessment_free(a);

	CU_ASSERT_EQUAL(mlps_store_save_answer(st, id, &ans, "tester", &err), 0);
	a = mlps_store_load(st, id, &err);
	got = mlps_assessment_answer(a, "ces.ia.a", NULL);
	CU_ASSERT_EQUAL(got->status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_STRING_EQUAL(got->evidence, "screenshot-17.png");
	CU_ASSERT_EQUAL(got->risk, MLPS_RISK_LOW);
	CU_ASSERT_STRING_EQUAL(got->mitigation, "只能经堡垒机访问");
	CU_ASSERT_STRING_EQUAL(got->owner, "李四");
	CU_ASSERT_STRING_EQUAL(got->due, "2027-01-31");
	CU_ASSERT_EQUAL(got->plan, MLPS_PLAN_IN_PROGRESS);
	CU_ASSERT_TRUE(got->to_confirm);
	CU_ASSERT_EQUAL(got->text_hash, 0xfedcba9876543210ull);
	CU_ASSERT_EQUAL(mlps_assessment_answer(a, "pes.location.b", NULL)->status, MLPS_ST_NA);
	mlps_assessment_free(a);

	/* Every change is in the log. */
	CU_ASSERT_EQUAL(mlps_store_log_count(st, id, &err), 4);
	/* The same system again is found, not duplicated. */
	CU_ASSERT_EQUAL(create(st, "网上银行", 2), 2);
	a = mlps_store_load(st, 2, &err);
	CU_ASSERT_EQUAL(a->sys.id, 1);
	mlps_assessment_free(a);
	CU_ASSERT_PTR_NULL(mlps_store_load(st, 99, &err));
	/* The store as it names itself: the file, or the database as shown (postgresql://user@host/db). */
	strbuf_addf(&expect, "no assessment 99 in %s (see 'mlps list')", mlps_store_path(st));
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), expect.buf);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	strbuf_release(&expect);
	mlps_error_release(&err);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(save(st, 99, "ces.ia.a", MLPS_ST_COMPLIANT, NULL), -1);
	mlps_error_release(&err);
	mlps_store_close(st);
	free(path);
}

static void test_store_creates_private_directory_and_file(void)
{
	char *path, *sub;
	struct mlps_store *st;
	struct stat sb;

	if (test_sqlite_only("file and directory modes"))
		return;
	path = path_join(dir, "new/sub/mlps.db");
	sub = path_join(dir, "new/sub");
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_store_close(st);
	CU_ASSERT_EQUAL(stat(sub, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0700);
	CU_ASSERT_EQUAL(stat(path, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0600);
	free(path);
	free(sub);
}

static char *read_all(const char *path, size_t *len)
{
	struct mlps_error err;
	char *buf = NULL;

	mlps_error_init(&err);
	if (ydoc_read_file(path, 1u << 30, &buf, len, &err))
		buf = NULL;
	mlps_error_release(&err);
	return buf;
}

/* Opening must fail with `expect` in the message and leave the file byte for byte as it was. */
static void expect_refused(const char *path, const char *expect)
{
	struct mlps_error err;
	size_t before_len, after_len;
	char *before = read_all(path, &before_len), *after;

	mlps_error_init(&err);
	CU_ASSERT_PTR_NULL(mlps_store_open(path, &err));
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), expect));
	if (!strstr(mlps_error_message(&err), expect))
		fprintf(stderr, "\n  got: %s\n  expected: %s\n", mlps_error_message(&err), expect);
	after = read_all(path, &after_len);
	CU_ASSERT_EQUAL(before_len, after_len);
	CU_ASSERT_TRUE(before && after && memcmp(before, after, before_len) == 0);
	free(before);
	free(after);
	mlps_error_release(&err);
}

static void test_store_refuses_foreign_and_newer_files_untouched(void)
{
	char *text, *foreign, *newer;
	struct strbuf expect = STRBUF_INIT;
	sqlite3 *db;

	if (test_sqlite_only("foreign and newer SQLite files"))
		return;
	text = path_join(dir, "notes.txt");
	foreign = path_join(dir, "foreign.db");
	newer = path_join(dir, "newer.db");
	write_file(text, "this is not a database, just some text\n", 39);
	strbuf_addf(&expect, "%s: not an SQLite database (damaged, or some other kind of file); it was not changed", text);
	expect_refused(text, expect.buf);

	CU_ASSERT_EQUAL(sqlite3_open(foreign, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, "CREATE TABLE payroll(x); INSERT INTO payroll VALUES (1)", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	strbuf_reset(&expect);
	strbuf_addf(&expect, "%s: an SQLite database, but not an mlps one; refusing to touch it", foreign);
	expect_refused(foreign, expect.buf);

	mlps_store_close(open_store(newer));
	CU_ASSERT_EQUAL(sqlite3_open(newer, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, "PRAGMA user_version = 7", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	strbuf_reset(&expect);
	strbuf_addf(&expect, "%s: database schema version 7 is newer than this mlps knows (%d); use a "
			     "newer mlps; the file was not changed", newer, MLPS_STORE_SCHEMA);
	expect_refused(newer, expect.buf);
	strbuf_release(&expect);
	free(text);
	free(foreign);
	free(newer);
}

static void test_store_migrates_an_empty_sqlite_file(void)
{
	char *path;
	struct mlps_store *st;
	sqlite3 *db;
	sqlite3_stmt *stmt;

	if (test_sqlite_only("migration of an SQLite file"))
		return;
	path = path_join(dir, "empty.db");
	/* A fresh SQLite file (schema 0) is brought forward to the current schema. */
	CU_ASSERT_EQUAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(db, "PRAGMA user_version = 0", 0, 0, 0), SQLITE_OK);
	sqlite3_close(db);
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_store_close(st);
	CU_ASSERT_EQUAL(sqlite3_open(path, &db), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(stmt), SQLITE_ROW);
	CU_ASSERT_EQUAL(sqlite3_column_int(stmt, 0), MLPS_STORE_SCHEMA);
	sqlite3_finalize(stmt);
	CU_ASSERT_EQUAL(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", -1, &stmt, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_step(stmt), SQLITE_ROW);
	/* systems, assessments, answers, answer_log, objects, assessment_log (schema 4), assessment_summary (6) */
	CU_ASSERT_EQUAL(sqlite3_column_int(stmt, 0), 7);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	free(path);
}

static void test_store_reports_a_truncated_file(void)
{
	char *path;
	struct mlps_store *st;
	struct mlps_error err;
	struct mlps_assessment *a;
	char key[32];
	int i;

	if (test_sqlite_only("a truncated SQLite file"))
		return;
	path = path_join(dir, "trunc.db");
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	create(st, "sys", 3);
	for (i = 0; i < 300; i++) {
		snprintf(key, sizeof(key), "k.%03d", i);
		save(st, 1, key, MLPS_ST_COMPLIANT, "a note long enough to fill several database pages");
	}
	mlps_store_close(st);   /* the last close checkpoints the WAL into the file */
	CU_ASSERT_EQUAL(truncate(path, 4096 * 3), 0);
	mlps_error_init(&err);
	st = mlps_store_open(path, &err);
	a = st ? mlps_store_load(st, 1, &err) : NULL;
	CU_ASSERT_PTR_NULL(a);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "corrupt"));
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_error_release(&err);
	free(path);
}

/*
 * The child writes answers k.0, k.1, ... and after each commit writes the
 * number to the pipe; the parent kills it at a random moment. Every number
 * the parent read must be in the database afterwards, and the file intact.
 */
static void test_store_keeps_every_acknowledged_answer_through_sigkill(void)
{
	char *path = test_store_name(dir, "crash.db");
	struct mlps_store *st = open_store(path);
	struct mlps_error err;
	struct strbuf out = STRBUF_INIT;
	int round, total_acked = 0, base = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	create(st, "crash", 3);
	mlps_store_close(st);
	srand(12345);
	for (round = 0; round < 25; round++) {
		int fds[2], acked = -1, status, n, want = 5 + rand() % 40;
		char buf[64], key[32];
		pid_t pid;
		FILE *in;

		CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
		pid = fork();
		if (pid == 0) {
			struct mlps_store *cs;
			int i;

			close(fds[0]);
			cs = open_store(path);
			for (i = base;; i++) {
				snprintf(key, sizeof(key), "k.%d", i);
				if (save(cs, 1, key, MLPS_ST_PARTIAL, "written before the kill"))
					_exit(3);
				n = snprintf(buf, sizeof(buf), "%d\n", i);
				if (write(fds[1], buf, (size_t)n) != n)
					_exit(4);
			}
		}
		close(fds[1]);
		in = fdopen(fds[0], "r");
		for (n = 0; n < want && fgets(buf, sizeof(buf), in); n++)
			acked = atoi(buf);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		/* Whatever else arrived in the pipe before the kill was acknowledged too. */
		while (fgets(buf, sizeof(buf), in))
			acked = atoi(buf);
		fclose(in);
		CU_ASSERT_TRUE(WIFSIGNALED(status));
		CU_ASSERT_TRUE_FATAL(acked >= base);
		total_acked += acked - base + 1;
		base = acked + 1;
	}
	st = open_store(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	{
		struct mlps_assessment *a = mlps_store_load(st, 1, &err);
		int i, missing = 0;
		char key[32];

		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		for (i = 0; i < base; i++) {
			snprintf(key, sizeof(key), "k.%d", i);
			missing += mlps_assessment_answer(a, key, NULL) == NULL;
		}
		CU_ASSERT_EQUAL(missing, 0);
		CU_ASSERT_TRUE((int)a->n_answers >= total_acked);
		mlps_assessment_free(a);
	}
	CU_ASSERT_EQUAL(mlps_store_check(st, NULL, &out, &err), 0);
	/* SQLite checks the file; on PostgreSQL the server keeps it whole and the check says so. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, test_on_pg() ? "integrity: kept by the PostgreSQL server\n"
							    : "integrity: ok\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "rows: ok\n"));
	strbuf_release(&out);
	mlps_error_release(&err);
	mlps_store_close(st);
	free(path);
}

static void test_store_two_writers_at_once_lose_nothing(void)
{
	char *path = test_store_name(dir, "two.db");
	struct mlps_store *st = open_store(path);
	struct mlps_error err;
	struct mlps_assessment *a;
	pid_t pids[2];
	int w, status;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	create(st, "shared", 3);
	mlps_store_close(st);
	for (w = 0; w < 2; w++) {
		pids[w] = fork();
		if (pids[w] == 0) {
			struct mlps_store *cs = open_store(path);
			char key[32];
			int i;

			for (i = 0; i < 150; i++) {
				snprintf(key, sizeof(key), "w%d.%d", w, i);
				if (!cs || save(cs, 1, key, MLPS_ST_COMPLIANT, NULL))
					_exit(1);
			}
			mlps_store_close(cs);
			_exit(0);
		}
	}
	for (w = 0; w < 2; w++) {
		CU_ASSERT_EQUAL(waitpid(pids[w], &status, 0), pids[w]);
		CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	st = open_store(path);
	mlps_error_init(&err);
	a = mlps_store_load(st, 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->n_answers, 300);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), 300);
	mlps_assessment_free(a);
	mlps_error_release(&err);
	mlps_store_close(st);
	free(path);
}

static void test_store_backup_is_a_working_copy(void)
{
	char *path, *copy;
	struct mlps_store *st;
	struct mlps_error err;
	struct mlps_assessment *a;

	if (test_sqlite_only("mlps_store_backup, SQLite's backup API"))
		return;
	path = path_join(dir, "orig.db");
	copy = path_join(dir, "copy.db");
	st = open_store(path);
	create(st, "backed up", 3);
	save(st, 1, "ces.ia.a", MLPS_ST_COMPLIANT, "原件");
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_backup(st, copy, &err), 0);
	/* Never over an existing file. */
	CU_ASSERT_EQUAL(mlps_store_backup(st, copy, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "already exists"));
	mlps_error_release(&err);
	mlps_store_close(st);
	st = open_store(copy);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	a = mlps_store_load(st, 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_STRING_EQUAL(mlps_assessment_answer(a, "ces.ia.a", NULL)->note, "原件");
	mlps_assessment_free(a);
	mlps_error_release(&err);
	mlps_store_close(st);
	free(path);
	free(copy);
}

/* A stale revision is refused, names who wrote, and writes nothing; the right one goes through. */
static void test_store_compare_and_set_refuses_a_stale_write(void)
{
	char *path = test_store_name(dir, "cas.db");
	struct mlps_store *st = open_store(path);
	struct mlps_answer mine, theirs;
	struct mlps_assessment *a;
	struct mlps_error err;
	long long id;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	id = create(st, "CAS", 3);
	mlps_error_init(&err);
	memset(&mine, 0, sizeof(mine));
	mine.key = (char *)"ces.ia.a";
	mine.status = MLPS_ST_COMPLIANT;
	mine.note = (char *)"mine";
	CU_ASSERT_EQUAL(mlps_store_save_answer_cas(st, id, &mine, "ui", &err), 0);
	CU_ASSERT_EQUAL(mine.revision, 1);
	/* Another writer, who read revision 1 too, gets there first. */
	theirs = mine;
	theirs.note = (char *)"theirs";
	theirs.status = MLPS_ST_NONCOMPLIANT;
	CU_ASSERT_EQUAL(mlps_store_save_answer_cas(st, id, &theirs, "alice", &err), 0);
	CU_ASSERT_EQUAL(theirs.revision, 2);
	mine.revision = 1;
	mine.note = (char *)"mine again";
	CU_ASSERT_EQUAL(mlps_store_save_answer_cas(st, id, &mine, "ui", &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_CONFLICT);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "was changed by alice at "));
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "(revision 2, read 1); nothing was written"));
	mlps_error_release(&err);
	/* A writer that saw no answer is refused too once there is one. */
	mine.revision = 0;
	CU_ASSERT_EQUAL(mlps_store_save_answer_cas(st, id, &mine, "ui", &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_CONFLICT);
	mlps_error_release(&err);
	a = mlps_store_load(st, id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_STRING_EQUAL(mlps_assessment_answer(a, "ces.ia.a", NULL)->note, "theirs");
	CU_ASSERT_EQUAL(mlps_assessment_answer(a, "ces.ia.a", NULL)->revision, 2);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, id, &err), 2);
	mlps_assessment_free(a);
	mine.revision = 2;
	CU_ASSERT_EQUAL(mlps_store_save_answer_cas(st, id, &mine, "ui", &err), 0);
	CU_ASSERT_EQUAL(mine.revision, 3);
	mlps_store_close(st);
	mlps_error_release(&err);
	free(path);
}

struct field_edit {
	int note;               /* 1: set the note, 0: set the evidence */
	int i;
};

static int set_field(struct mlps_answer *ans, void *ctx, struct mlps_error *err)
{
	const struct field_edit *e = ctx;
	char buf[32];

	(void)err;
	snprintf(buf, sizeof(buf), "%s-%04d", e->note ? "note" : "evidence", e->i);
	free(e->note ? ans->note : ans->evidence);
	if (e->note)
		ans->note = mlps_strdup(buf);
	else
		ans->evidence = mlps_strdup(buf);
	ans->status = MLPS_ST_PARTIAL;
	return 0;
}

/*
 * Two processes change different fields of one answer, 150 times each: one
 * the note, one the evidence. With read-change-write in one transaction no
 * write carries a stale copy of the other field, so the note seen in the log
 * never goes back to an older value (it did 79 times in 500 before).
 */
static void test_store_edits_never_revert_another_writers_field(void)
{
	char *path = test_store_name(dir, "edits.db");
	struct mlps_store *st = open_store(path);
	struct mlps_error err;
	struct test_rows q;
	long long id;
	pid_t pid[2];
	int w, last = -1, reverted = 0, lines = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	id = create(st, "Edits", 3);
	mlps_store_close(st);
	for (w = 0; w < 2; w++) {
		pid[w] = fork();
		if (pid[w] == 0) {
			struct mlps_store *mine;
			struct field_edit e = { w == 0, 0 };
			int rc = 0;

			mlps_error_init(&err);
			mine = mlps_store_open(path, &err);
			for (e.i = 1; mine && e.i <= 150 && !rc; e.i++)
				rc = mlps_store_edit_answer(mine, id, "ces.ia.a", NULL, set_field, &e, w ? "b" : "a",
							    NULL, &err);
			if (rc || !mine)
				fprintf(stderr, "\nwriter %d: %s\n", w, mlps_error_message(&err));
			mlps_store_close(mine);
			mlps_error_release(&err);
			_exit(rc || !mine);
		}
	}
	for (w = 0; w < 2; w++) {
		int status;

		CU_ASSERT_EQUAL(waitpid(pid[w], &status, 0), pid[w]);
		CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	test_rows_open(&q, path, "SELECT new_note FROM answer_log ORDER BY id");
	while (test_rows_next(&q)) {
		const char *note = test_rows_text(&q, 0);
		int n = note ? atoi(note + 5) : 0;

		lines++;
		reverted += n < last;
		if (n > last)
			last = n;
	}
	test_rows_close(&q);
	CU_ASSERT_EQUAL(lines, 300);
	CU_ASSERT_EQUAL(reverted, 0);
	CU_ASSERT_EQUAL(last, 150);
	test_rows_open(&q, path, "SELECT note, evidence, revision FROM answers");
	CU_ASSERT_TRUE_FATAL(test_rows_next(&q));
	CU_ASSERT_STRING_EQUAL(test_rows_text(&q, 0), "note-0150");
	CU_ASSERT_STRING_EQUAL(test_rows_text(&q, 1), "evidence-0150");
	CU_ASSERT_EQUAL(test_rows_int(&q, 2), 300);
	CU_ASSERT_FALSE(test_rows_next(&q));
	test_rows_close(&q);
	free(path);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "round-trips every answer field", test_store_round_trips_an_assessment_and_every_answer_field },
		{ "private directory and file", test_store_creates_private_directory_and_file },
		{ "refuses foreign and newer files untouched", test_store_refuses_foreign_and_newer_files_untouched },
		{ "migrates an empty SQLite file", test_store_migrates_an_empty_sqlite_file },
		{ "reports a truncated file", test_store_reports_a_truncated_file },
		{ "keeps acknowledged answers through SIGKILL", test_store_keeps_every_acknowledged_answer_through_sigkill },
		{ "two writers at once lose nothing", test_store_two_writers_at_once_lose_nothing },
		{ "compare-and-set refuses a stale write", test_store_compare_and_set_refuses_a_stale_write },
		{ "edits never revert another writer's field", test_store_edits_never_revert_another_writers_field },
		{ "backup is a working copy", test_store_backup_is_a_working_copy },
		CU_TEST_INFO_NULL,
	};
	int status;

	dir = make_temp_dir();
	status = test_main("store", tests);
	remove_tree(dir);
	free(dir);
	return status;
}
