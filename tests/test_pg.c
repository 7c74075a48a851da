/*
 * test_pg.c - what only the PostgreSQL store has: roles, per-organisation
 * visibility, many writers over the network, a client killed with an open
 * transaction, the server restarting or down, a password in the connection
 * string, a newer schema, and `db copy` both ways. Runs only with the test
 * cluster (MLPS_TEST_PG, CMakeLists.txt); alone (RUN_SERIAL), since it stops
 * and restarts the server the other _pg suites share.
 */
#define _DEFAULT_SOURCE 1
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "testutil.h"
#include "util.h"

#define CLUSTER MLPS_FIXTURES "/../pg/cluster.sh"
#define WRITERS 8
#define INCREMENTS 25

static char *dir;

/* Runs mlps on store `db` (a connection string or a file) with the shipped profiles, in English. */
static void run_on(struct run *r, const char *db, const char *const *argv)
{
	struct strbuf e = STRBUF_INIT;
	const char *env[] = { NULL, "MLPS_PROFILES=" MLPS_SHIPPED, "MLPS_NOW=2026-05-01T08:00:00Z", "LANG=C.UTF-8",
			      NULL };
	const char *args[24];
	size_t i;

	strbuf_addf(&e, "MLPS_DB=%s", db);
	env[0] = e.buf;
	args[0] = "--lang";
	args[1] = "en";
	for (i = 0; argv[i] && i < 20; i++)
		args[i + 2] = argv[i];
	args[i + 2] = NULL;
	run_mlps(r, env, args);
	strbuf_release(&e);
}

#define ON(r, db, ...) run_on(r, db, (const char *const[]){ __VA_ARGS__, NULL })

/* A fresh database, by name, with the schema (a copy of the template). */
static char *fresh(const char *name)
{
	struct strbuf sql = STRBUF_INIT;
	char *uri;

	strbuf_addf(&sql, "DROP DATABASE IF EXISTS %s", name);
	test_pg_exec("postgres", sql.buf);
	strbuf_reset(&sql);
	strbuf_addf(&sql, "CREATE DATABASE %s TEMPLATE mlps_template", name);
	test_pg_exec("postgres", sql.buf);
	strbuf_release(&sql);
	uri = test_pg_uri(name, "mlps_admin");
	return uri;
}

/* A login role (made once per cluster) in the group role `group`. */
static void login_role(const char *name, const char *group)
{
	struct strbuf sql = STRBUF_INIT;

	strbuf_addf(&sql, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN "
		    "CREATE ROLE %s LOGIN IN ROLE %s; END IF; END $$", name, name, group);
	test_pg_exec("postgres", sql.buf);
	strbuf_release(&sql);
}

/* One text value of a query on dbname (as the superuser); "" when no row. Caller frees. */
static char *value(const char *dbname, const char *sql)
{
	char *uri = test_pg_uri(dbname, "mlps_admin");
	PGconn *conn = PQconnectdb(uri);
	PGresult *res = PQexec(conn, sql);
	char *v = mlps_strdup(PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) ? PQgetvalue(res, 0, 0) : "");

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fprintf(stderr, "\n%s: %s\n", sql, PQerrorMessage(conn));
	PQclear(res);
	PQfinish(conn);
	free(uri);
	return v;
}

static void cluster(const char *verb)
{
	struct strbuf cmd = STRBUF_INIT;

	strbuf_addf(&cmd, "sh '%s' %s '%s' >/dev/null 2>&1", CLUSTER, verb, getenv("MLPS_TEST_PG"));
	CU_ASSERT_EQUAL(system(cmd.buf), 0);
	strbuf_release(&cmd);
}

/* An assessment made through the CLI: level 3, one server object; its number. */
static void seed(const char *db, const char *system, const char *org)
{
	struct run r;

	ON(&r, db, "new", "--system", system, "--org", org, "--level", "3", "--object", "server:web01");
	CU_ASSERT_EQUAL(r.status, 0);
	if (r.status)
		fprintf(stderr, "\nseed: %s", r.err);
	run_free(&r);
}

/* The note of one answer holds a number; each edit adds one to it. */
static int increment(struct mlps_answer *ans, void *ctx, struct mlps_error *err)
{
	struct strbuf sb = STRBUF_INIT;

	(void)ctx;
	(void)err;
	strbuf_addf(&sb, "%d", ans->note ? atoi(ans->note) + 1 : 1);
	free(ans->note);
	ans->note = strbuf_detach(&sb, NULL);
	ans->status = MLPS_ST_PARTIAL;
	return 0;
}

/*
 * Eight processes, each with its own connection, add one to the same
 * answer's note 25 times (read, change, write) and answer 25 items of their
 * own: with a lost update the count would fall short of 200.
 */
static void test_pg_eight_writers_lose_nothing(void)
{
	char *db = fresh("eight");
	struct mlps_store *st;
	struct mlps_error err;
	struct run r;
	pid_t pid[WRITERS];
	char *n;
	int w;

	seed(db, "Eight", "");
	for (w = 0; w < WRITERS; w++) {
		pid[w] = fork();
		if (pid[w] == 0) {
			static const char *const keys[] = { "pes.location.a", "pes.location.b" };
			struct mlps_store *mine;
			struct strbuf who = STRBUF_INIT;
			int i, rc = 0;

			mlps_error_init(&err);
			strbuf_addf(&who, "writer%d", w);
			mine = mlps_store_open(db, &err);
			for (i = 0; mine && i < INCREMENTS && !rc; i++) {
				struct mlps_answer own;
				struct strbuf key = STRBUF_INIT;

				rc = mlps_store_edit_answer(mine, 1, "pes.access.a", NULL, increment, NULL, who.buf,
							    NULL, &err);
				/* And an answer of its own (two items shared in turn; the note names writer and round). */
				memset(&own, 0, sizeof(own));
				own.key = (char *)keys[i % 2];
				own.status = MLPS_ST_COMPLIANT;
				strbuf_addf(&key, "%s-%d", who.buf, i);
				own.note = key.buf;
				if (!rc)
					rc = mlps_store_save_answer(mine, 1, &own, who.buf, &err);
				strbuf_release(&key);
			}
			if (rc || !mine)
				fprintf(stderr, "\nwriter %d: %s\n", w, mlps_error_message(&err));
			mlps_store_close(mine);
			mlps_error_release(&err);
			strbuf_release(&who);
			_exit(rc || !mine);
		}
	}
	for (w = 0; w < WRITERS; w++) {
		int status;

		CU_ASSERT_EQUAL(waitpid(pid[w], &status, 0), pid[w]);
		CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	n = value("eight", "SELECT note || ' ' || revision FROM mlps.answers WHERE req_key = 'pes.access.a'");
	CU_ASSERT_STRING_EQUAL(n, "200 200");
	free(n);
	/* Every write has its line: 200 increments and 200 own answers. */
	n = value("eight", "SELECT count(*) FROM mlps.answer_log");
	CU_ASSERT_STRING_EQUAL(n, "400");
	free(n);
	n = value("eight", "SELECT count(DISTINCT who) FROM mlps.answer_log");
	CU_ASSERT_STRING_EQUAL(n, "8");
	free(n);
	/* The summary kept by every write agrees with a score computed afresh. */
	mlps_error_init(&err);
	st = mlps_store_open(db, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), 400);
	mlps_store_close(st);
	mlps_error_release(&err);
	ON(&r, db, "list");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "    3/211    "));
	run_free(&r);
	free(db);
}

/* Stops inside the write transaction: tells the parent, then waits to be killed. */
static int hang(struct mlps_answer *ans, void *ctx, struct mlps_error *err)
{
	int fd = *(int *)ctx;

	(void)err;
	free(ans->note);
	ans->note = mlps_strdup("half-written");
	if (write(fd, "x", 1) != 1)
		_exit(3);
	for (;;)
		pause();
	return 0;
}

/*
 * A client killed with SIGKILL while its transaction is open (the
 * assessment already touched, the answer about to be written) leaves
 * nothing: the server rolls the transaction back when the connection
 * drops, and the write lock is free again for the next writer.
 */
static void test_pg_killed_client_leaves_nothing(void)
{
	char *db = fresh("killed");
	char *before, *after, c;
	struct run r;
	int fds[2], status;
	pid_t pid;

	seed(db, "Killed", "");
	ON(&r, db, "answer", "1", "L3-PES1-01", "compliant", "--note", "kept");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	before = value("killed", "SELECT updated || ' ' || (SELECT count(*) FROM mlps.answer_log) || ' ' || "
		       "(SELECT count(*) FROM mlps.answers) FROM mlps.assessments");
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		struct mlps_error err;
		struct mlps_store *st;

		close(fds[0]);
		mlps_error_init(&err);
		setenv("MLPS_NOW", "2026-06-01T00:00:00Z", 1);
		st = mlps_store_open(db, &err);
		if (st)
			mlps_store_edit_answer(st, 1, "pes.location.b", NULL, hang, &fds[1], "killed", NULL, &err);
		_exit(2);
	}
	close(fds[1]);
	CU_ASSERT_EQUAL(read(fds[0], &c, 1), 1);
	close(fds[0]);
	CU_ASSERT_EQUAL(kill(pid, SIGKILL), 0);
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	/* The next writer gets the lock (it would wait forever if the dead one still held it). */
	ON(&r, db, "answer", "1", "L3-PES1-02", "noncompliant");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "L3-PES1-02 @ Killed: noncompliant\n");
	run_free(&r);
	after = value("killed", "SELECT count(*) FROM mlps.answers WHERE note = 'half-written' OR updated LIKE "
		      "'2026-06-01%'");
	CU_ASSERT_STRING_EQUAL(after, "0");
	free(after);
	after = value("killed", "SELECT (SELECT count(*) FROM mlps.answer_log) || ' ' || "
		      "(SELECT count(*) FROM mlps.answers) FROM mlps.assessments");
	CU_ASSERT_PTR_NOT_NULL(strchr(before, ' '));
	/* One more line and one more answer than before: the second command's, nothing of the killed one. */
	{
		long long logs = 0, answers = 0;

		CU_ASSERT_EQUAL(sscanf(strchr(before, ' ') + 1, "%lld %lld", &logs, &answers), 2);
		{
			struct strbuf want = STRBUF_INIT;

			strbuf_addf(&want, "%lld %lld", logs + 1, answers + 1);
			CU_ASSERT_STRING_EQUAL(after, want.buf);
			strbuf_release(&want);
		}
	}
	free(before);
	free(after);
	free(db);
}

/*
 * Whether the store hears of another session's commit. The notification
 * travels after the commit, as the UI's once-a-second poll expects: asked
 * again for up to five seconds before it counts as never heard.
 */
static bool heard(struct mlps_store *st)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (mlps_store_changed_elsewhere(st))
			return true;
		usleep(10000);
	}
	return false;
}

/*
 * The server restarts between two commands, and under an open store
 * (the UI's): the next command connects afresh; the open store makes its
 * lost connection again before its next statement and says it changed.
 */
static void test_pg_survives_a_server_restart(void)
{
	char *db = fresh("restart");
	struct mlps_store *st;
	struct mlps_error err;
	struct mlps_answer ans;
	struct run r;
	char *n;

	seed(db, "Restart", "");
	mlps_error_init(&err);
	st = mlps_store_open(db, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_FALSE(mlps_store_changed_elsewhere(st));
	ON(&r, db, "answer", "1", "L3-PES1-01", "compliant");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	cluster("restart");
	ON(&r, db, "answer", "1", "L3-PES1-02", "compliant");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_free(&r);
	/* The open store: its connection died with the server. */
	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)"pes.theft.b";
	ans.status = MLPS_ST_NA;
	ans.na_reason = (char *)"no such door";
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, 1, &ans, "ui", &err), 0);
	if (mlps_error_message(&err)[0])
		fprintf(stderr, "\nafter the restart: %s\n", mlps_error_message(&err));
	CU_ASSERT_TRUE(mlps_store_changed_elsewhere(st));
	CU_ASSERT_FALSE(mlps_store_changed_elsewhere(st));
	/* And it hears other writers again after the reconnection. */
	ON(&r, db, "answer", "1", "L3-PES1-04", "compliant");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	CU_ASSERT_TRUE(heard(st));
	/* The database as messages name it is itself a connection string that works. */
	CU_ASSERT_NSTRING_EQUAL(mlps_store_path(st), "postgresql://mlps_admin@%2F", 27);
	ON(&r, mlps_store_path(st), "list", "--format", "tsv");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1\tRestart\t"));
	run_free(&r);
	mlps_store_close(st);
	mlps_error_release(&err);
	n = value("restart", "SELECT count(*) FROM mlps.answers");
	CU_ASSERT_STRING_EQUAL(n, "4");
	free(n);
	free(db);
}

/* Cuts the store's own connection from the server side, as a dropped network would, mid-transaction. */
static int cut(struct mlps_answer *ans, void *ctx, struct mlps_error *err)
{
	struct strbuf sql = STRBUF_INIT;

	(void)err;
	strbuf_addf(&sql, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'cut' AND "
		    "application_name = 'mlps' AND pid <> pg_backend_pid()");
	test_pg_exec("postgres", sql.buf);
	strbuf_release(&sql);
	free(ans->note);
	ans->note = mlps_strdup(ctx);
	ans->status = MLPS_ST_COMPLIANT;
	return 0;
}

/*
 * The connection lost inside a write (the assessment already touched, the
 * answer not yet written): one message, nothing of it stored, and the same
 * open store writes again once the connection is made anew.
 */
static void test_pg_connection_lost_mid_transaction(void)
{
	char *db = fresh("cut"), *v;
	struct mlps_store *st;
	struct mlps_error err;
	struct mlps_answer ans;

	seed(db, "Cut", "");
	mlps_error_init(&err);
	st = mlps_store_open(db, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	v = value("cut", "SELECT updated FROM mlps.assessments");
	CU_ASSERT_EQUAL(mlps_store_edit_answer(st, 1, "pes.location.a", NULL, cut, "lost", "t", NULL, &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_RUNTIME);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), ": the connection to the server was lost ("));
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "); nothing was saved"));
	{
		char *after = value("cut", "SELECT updated || ' ' || (SELECT count(*) FROM mlps.answers) || ' ' || "
				    "(SELECT count(*) FROM mlps.answer_log) FROM mlps.assessments");
		struct strbuf want = STRBUF_INIT;

		strbuf_addf(&want, "%s 0 0", v);
		CU_ASSERT_STRING_EQUAL(after, want.buf);
		strbuf_release(&want);
		free(after);
	}
	mlps_error_release(&err);
	mlps_error_init(&err);
	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)"pes.location.a";
	ans.status = MLPS_ST_PARTIAL;
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, 1, &ans, "t", &err), 0);
	mlps_store_close(st);
	mlps_error_release(&err);
	free(v);
	v = value("cut", "SELECT status FROM mlps.answers");
	CU_ASSERT_STRING_EQUAL(v, "partial");
	free(v);
	free(db);
}

/* A service file names the database: MLPS_DB=service=NAME, nothing else on the command line. */
static void test_pg_service_file(void)
{
	char *db = fresh("svc"), *file = path_join(dir, "pg_service.conf");
	const char *host = strstr(db, "host=") + 5;
	struct strbuf conf = STRBUF_INIT, env = STRBUF_INIT;
	struct run r;

	strbuf_addf(&conf, "[mlpst]\nhost=%.*s\nport=5432\ndbname=svc\nuser=mlps_admin\n", (int)strcspn(host, "&"), host);
	write_file(file, conf.buf, conf.len);
	strbuf_addf(&env, "PGSERVICEFILE=%s", file);
	{
		const char *e[] = { "MLPS_DB=service=mlpst", env.buf, "MLPS_PROFILES=" MLPS_SHIPPED, NULL };

		run_mlps(&r, e, (const char *const[]){ "new", "--system", "Service", "--level", "2", NULL });
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_STRING_EQUAL(r.out, "1\n");
		run_free(&r);
		run_mlps(&r, e, (const char *const[]){ "list", "--format", "tsv", NULL });
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n1\tService\t"));
		run_free(&r);
	}
	strbuf_release(&conf);
	strbuf_release(&env);
	free(file);
	free(db);
}

/* The server down: one message naming the database, exit 1, nothing else. */
static void test_pg_server_down_is_one_clear_message(void)
{
	const char *host;
	char *db = fresh("down");
	struct strbuf want = STRBUF_INIT;
	struct run r;

	seed(db, "Down", "");
	cluster("kill");
	ON(&r, db, "answer", "1", "L3-PES1-01", "compliant");
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	strbuf_adds(&want, "mlps: postgresql://mlps_admin@");
	for (host = strstr(db, "host=") + 5; *host && *host != '&'; host++)
		strbuf_addf(&want, *host == '/' ? "%%2F" : "%c", *host);
	strbuf_adds(&want, "/down: cannot connect to the PostgreSQL server: ");
	CU_ASSERT_NSTRING_EQUAL(r.err, want.buf, want.len);
	CU_ASSERT_EQUAL(count_lines(r.err), 1);
	run_free(&r);
	cluster("startagain");
	ON(&r, db, "answer", "1", "L3-PES1-01", "compliant");
	CU_ASSERT_EQUAL(r.status, 0);
	if (r.status)
		fprintf(stderr, "\nafter startagain: %s", r.err);
	run_free(&r);
	strbuf_release(&want);
	free(db);
}

/*
 * A reader is refused every write by mlps with one message, and by the
 * server too when it tries behind mlps's back; the data stay as they were.
 */
static void test_pg_reader_cannot_write(void)
{
	static const char *const writes[][8] = {
		{ "new", "--system", "R2", "--level", "2", NULL },
		{ "answer", "1", "L3-PES1-01", "noncompliant", NULL },
		{ "object", "add", "1", "--kind", "database", "--name", "db01", NULL },
		{ "object", "rename", "1", "web01", "web02", NULL },
		{ "object", "rm", "1", "web01", "--force", NULL },
		{ "set", "1", "--assessor", "Mallory", NULL },
		{ "finalise", "1", "--assessor", "Mallory", "--force", NULL },
		{ "delete", "1", "--yes", NULL },
		{ "reaudit", "1", NULL },
	};
	char *db = fresh("reader"), *as_reader = test_pg_uri("reader", "mlps_reader_t"), *before, *after;
	struct strbuf want = STRBUF_INIT;
	PGconn *conn;
	PGresult *res;
	struct run r;
	size_t i;

	login_role("mlps_reader_t", "mlps_reader");
	seed(db, "Readable", "");
	ON(&r, db, "answer", "1", "L3-PES1-01", "compliant");
	run_free(&r);
	ON(&r, db, "export", "1");
	before = mlps_strdup(r.out);
	run_free(&r);
	strbuf_addf(&want, "cannot be changed: role mlps_reader_t may only read this database (mlps_reader); "
		    "nothing was changed\n");
	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		run_on(&r, as_reader, writes[i]);
		CU_ASSERT_EQUAL(r.status, 2);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.err, want.buf));
		if (!strstr(r.err, want.buf))
			fprintf(stderr, "\n%s: %s", writes[i][0], r.err);
		run_free(&r);
	}
	/* Reading works. */
	ON(&r, as_reader, "score", "1");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	ON(&r, db, "export", "1");
	after = mlps_strdup(r.out);
	run_free(&r);
	CU_ASSERT_STRING_EQUAL(after, before);
	/* Straight SQL as the reader: the grants themselves refuse it. */
	conn = PQconnectdb(as_reader);
	res = PQexec(conn, "UPDATE mlps.answers SET status = 'noncompliant'");
	CU_ASSERT_STRING_EQUAL(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
	PQclear(res);
	res = PQexec(conn, "DELETE FROM mlps.assessments");
	CU_ASSERT_STRING_EQUAL(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
	PQclear(res);
	PQfinish(conn);
	strbuf_release(&want);
	free(before);
	free(after);
	free(as_reader);
	/* A role granted nothing of mlps: one message saying what to ask for, and nothing read. */
	test_pg_exec("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mlps_nobody_t') "
		     "THEN CREATE ROLE mlps_nobody_t LOGIN; END IF; END $$");
	as_reader = test_pg_uri("reader", "mlps_nobody_t");
	ON(&r, as_reader, "list");
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "/reader: role mlps_nobody_t may not read the mlps schema; an "
					     "administrator grants it mlps_reader or mlps_writer (docs/team.md)\n"));
	run_free(&r);
	free(as_reader);
	free(db);
}

/* With --per-org, a role sees only the systems of the organisations granted to it. */
static void test_pg_per_org_visibility(void)
{
	char *admin, *as_a, *as_b;
	struct run r;

	test_pg_exec("postgres", "DROP DATABASE IF EXISTS perorg");
	test_pg_exec("postgres", "CREATE DATABASE perorg");
	admin = test_pg_uri("perorg", "mlps_admin");
	as_a = test_pg_uri("perorg", "mlps_org_a");
	as_b = test_pg_uri("perorg", "mlps_org_b");
	login_role("mlps_org_a", "mlps_writer");
	login_role("mlps_org_b", "mlps_writer");
	ON(&r, admin, "db", "init", admin, "--per-org");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	seed(admin, "甲的系统", "甲");
	seed(admin, "乙的系统", "乙");
	ON(&r, admin, "db", "org", "grant", "mlps_org_a", "甲");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	ON(&r, admin, "db", "org", "grant", "mlps_org_b", "乙");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	ON(&r, as_a, "list", "--format", "tsv");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(count_lines(r.out), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "甲的系统"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "乙的系统"));
	run_free(&r);
	/* 乙's assessment does not exist for 甲's role: not readable, not writable. */
	ON(&r, as_a, "answer", "2", "L3-PES1-01", "compliant");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "no assessment 2"));
	run_free(&r);
	ON(&r, as_a, "score", "2");
	CU_ASSERT_NOT_EQUAL(r.status, 0);
	run_free(&r);
	/* Nor can it make a system in an organisation it was not granted. */
	ON(&r, as_a, "new", "--system", "偷偷", "--org", "乙", "--level", "2");
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "row-level security"));
	run_free(&r);
	/* Granting organisations is the owner's: the server refuses a writer, and mlps says so. */
	ON(&r, as_a, "db", "org", "grant", "mlps_org_a", "乙");
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, ": cannot grant the organisation: this role may not (permission denied "
					     "for table org_members); nothing was changed (roles: docs/team.md)\n"));
	run_free(&r);
	ON(&r, as_b, "list", "--format", "tsv");
	CU_ASSERT_EQUAL(count_lines(r.out), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "乙的系统"));
	CU_ASSERT_PTR_NULL(strstr(r.out, "甲的系统"));
	run_free(&r);
	/* The owner sees both; a revoked role sees none. */
	ON(&r, admin, "list", "--format", "tsv");
	CU_ASSERT_EQUAL(count_lines(r.out), 3);
	run_free(&r);
	ON(&r, admin, "db", "org", "revoke", "mlps_org_b", "乙");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	ON(&r, as_b, "list", "--format", "tsv");
	CU_ASSERT_EQUAL(count_lines(r.out), 1);
	run_free(&r);
	free(admin);
	free(as_a);
	free(as_b);
}

/*
 * SQLite -> PostgreSQL -> SQLite: every assessment, object, answer and log
 * line arrives; the exports of the three stores are the same byte for byte.
 */
static void test_pg_copy_round_trips_both_ways(void)
{
	char *lite = path_join(dir, "from.db"), *back = path_join(dir, "back.db"), *pg = fresh("copyto");
	char *exports[3][2];
	const char *stores[3] = { lite, pg, back };
	struct run r;
	int s, i;

	seed(lite, "网上银行", "示例银行");
	seed(lite, "OA", "");
	ON(&r, lite, "answer", "1", "L3-PES1-01", "noncompliant", "--note", "门禁失效", "--risk", "high",
	   "--mitigation", "派人值守", "--owner", "王五", "--due", "2026-09-30");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	ON(&r, lite, "answer", "1", "L3-CES1-01", "partial", "--object", "web01", "--evidence", "截图 3");
	run_free(&r);
	ON(&r, lite, "object", "add", "2", "--kind", "database", "--name", "主库");
	run_free(&r);
	ON(&r, lite, "answer", "2", "L3-CES1-01", "compliant", "--object", "主库");
	run_free(&r);
	ON(&r, lite, "finalise", "2", "--assessor", "张三", "--force");
	run_free(&r);
	ON(&r, lite, "reopen", "2", "--reason", "复核");
	run_free(&r);
	ON(&r, lite, "reaudit", "2");
	run_free(&r);
	ON(&r, lite, "db", "copy", lite, pg);
	CU_ASSERT_EQUAL(r.status, 0);
	{
		struct strbuf want = STRBUF_INIT;
		struct mlps_error err;
		struct mlps_store *st;

		mlps_error_init(&err);
		st = mlps_store_open(pg, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(st);
		strbuf_addf(&want, "copied %s to %s: 2 systems, 3 assessments, 8 objects, 4 answers, 3 answer log "
			    "lines, 2 assessment events\nchecked: the export and the answer log of each of the 3 "
			    "assessments are the same on both sides\n", lite, mlps_store_path(st));
		CU_ASSERT_STRING_EQUAL(r.out, want.buf);
		mlps_store_close(st);
		mlps_error_release(&err);
		strbuf_release(&want);
	}
	run_free(&r);
	/* A second copy into the same place is refused: it is not empty. */
	ON(&r, lite, "db", "copy", lite, pg);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "already holds 3 assessments of 2 systems; a copy goes into an empty "
					     "store; nothing was copied"));
	run_free(&r);
	ON(&r, lite, "db", "copy", pg, back);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, ": 2 systems, 3 assessments, 8 objects, 4 answers, 3 answer log lines, "
					     "2 assessment events\n"));
	run_free(&r);
	for (s = 0; s < 3; s++)
		for (i = 0; i < 2; i++) {
			ON(&r, stores[s], "export", i ? "3" : "1");
			CU_ASSERT_EQUAL(r.status, 0);
			exports[s][i] = mlps_strdup(r.out);
			run_free(&r);
		}
	for (i = 0; i < 2; i++) {
		CU_ASSERT_STRING_EQUAL(exports[1][i], exports[0][i]);
		CU_ASSERT_STRING_EQUAL(exports[2][i], exports[0][i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(exports[0][i], "\"uid\""));
	}
	/* The logs came too, in order, with who and when. */
	ON(&r, lite, "log", "1");
	exports[0][0] = (free(exports[0][0]), mlps_strdup(r.out));
	run_free(&r);
	ON(&r, pg, "log", "1");
	CU_ASSERT_STRING_EQUAL(r.out, exports[0][0]);
	CU_ASSERT_EQUAL(count_lines(r.out), 2);
	run_free(&r);
	/* New numbers on PostgreSQL go on after the copied ones. */
	seed(pg, "New", "");
	ON(&r, pg, "list", "--format", "tsv");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n4\t"));
	run_free(&r);
	for (s = 0; s < 3; s++)
		for (i = 0; i < 2; i++)
			free(exports[s][i]);
	free(lite);
	free(back);
	free(pg);
}

/* A password in the connection string is refused before anything connects, and never echoed. */
static void test_pg_password_in_uri_refused(void)
{
	char *uri = test_pg_uri("postgres", "mlps_admin");
	struct strbuf with = STRBUF_INIT;
	struct run r;

	strbuf_addf(&with, "postgresql://mlps_admin:s3cret@%s", strstr(uri, "://") + 3);
	ON(&r, with.buf, "list");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: the PostgreSQL connection string carries a password; nothing was "
			       "opened: leave it out and put it in ~/.pgpass (or PGPASSFILE, or a service file), see "
			       "docs/team.md\n");
	run_free(&r);
	ON(&r, "host=/nonexistent dbname=x password=s3cret", "list");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NULL(strstr(r.err, "s3cret"));
	run_free(&r);
	strbuf_release(&with);
	free(uri);
}

/* A schema from a newer mlps is refused and left exactly as it is. */
static void test_pg_newer_schema_refused_untouched(void)
{
	char *db = fresh("newer"), *v;
	struct run r;

	seed(db, "Newer", "");
	test_pg_exec("newer", "UPDATE mlps.meta SET value = '7' WHERE key = 'schema'");
	ON(&r, db, "answer", "1", "L3-PES1-01", "compliant");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "/newer: database schema version 7 is newer than this mlps knows (6); use "
					     "a newer mlps; the database was not changed\n"));
	run_free(&r);
	v = value("newer", "SELECT (SELECT value FROM mlps.meta WHERE key = 'schema') || ' ' || "
		  "(SELECT count(*) FROM mlps.answers) || ' ' || (SELECT count(*) FROM mlps.answer_log)");
	CU_ASSERT_STRING_EQUAL(v, "7 0 0");
	free(v);
	/* A database without the schema says what to do. */
	test_pg_exec("postgres", "DROP DATABASE IF EXISTS bare");
	test_pg_exec("postgres", "CREATE DATABASE bare");
	v = test_pg_uri("bare", "mlps_admin");
	ON(&r, v, "list");
	CU_ASSERT_EQUAL(r.status, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "/bare: no mlps schema in this database; an administrator makes it with "
					     "'mlps db init' (docs/team.md)\n"));
	run_free(&r);
	free(v);
	free(db);
}

/* docs/team.md shows exactly the SQL that db init runs. */
static void test_pg_team_doc_has_the_init_sql(void)
{
	struct strbuf doc = STRBUF_INIT;
	FILE *f = fopen(MLPS_FIXTURES "/../../docs/team.md", "r");
	char buf[4096];
	size_t n;
	struct run r;
	int per_org;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&doc, buf, n);
	fclose(f);
	for (per_org = 0; per_org < 2; per_org++) {
		if (per_org)
			ON(&r, "x.db", "db", "init", "--print-sql", "--per-org");
		else
			ON(&r, "x.db", "db", "init", "--print-sql");
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "CREATE ROLE mlps_reader NOLOGIN"));
		CU_ASSERT_PTR_NOT_NULL(strstr(doc.buf, r.out));
		run_free(&r);
	}
	strbuf_release(&doc);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "eight writers lose nothing", test_pg_eight_writers_lose_nothing },
		{ "a killed client leaves nothing", test_pg_killed_client_leaves_nothing },
		{ "survives a server restart", test_pg_survives_a_server_restart },
		{ "server down is one clear message", test_pg_server_down_is_one_clear_message },
		{ "connection lost mid-transaction", test_pg_connection_lost_mid_transaction },
		{ "a service file names the database", test_pg_service_file },
		{ "a reader cannot write", test_pg_reader_cannot_write },
		{ "per-organisation visibility", test_pg_per_org_visibility },
		{ "db copy round-trips both ways", test_pg_copy_round_trips_both_ways },
		{ "a password in the URI is refused", test_pg_password_in_uri_refused },
		{ "a newer schema is refused untouched", test_pg_newer_schema_refused_untouched },
		{ "docs/team.md has the init SQL", test_pg_team_doc_has_the_init_sql },
		CU_TEST_INFO_NULL,
	};
	int rc;

	if (!test_on_pg()) {
		printf("test_pg: needs the PostgreSQL test cluster (MLPS_TEST_PG; run through ctest)\n");
		return 1;
	}
	dir = make_temp_dir();
	rc = test_main("pg", tests);
	remove_tree(dir);
	free(dir);
	return rc;
}
