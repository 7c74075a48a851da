#define _DEFAULT_SOURCE 1 /* setgroups() */
#include "testutil.h"

#include <CUnit/Basic.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "store.h"
#include "util.h"

int test_main(const char *suite, const CU_TestInfo *tests)
{
	CU_SuiteInfo suites[] = {
		{ suite, NULL, NULL, NULL, NULL, (CU_TestInfo *)tests },
		CU_SUITE_INFO_NULL,
	};
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	if (CU_register_suites(suites) != CUE_SUCCESS) {
		CU_cleanup_registry();
		return 1;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}

static char *slurp_fd(int fd)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(&sb, buf, (size_t)n);
	return strbuf_detach(&sb, NULL);
}

void run_mlps(struct run *r, const char *const *env, const char *const *argv)
{
	run_mlps_as(r, -1, env, argv);
}

/* The copy of the binary run_mlps_as() runs as another user, made once; removed at exit. */
static char shared_bin_dir[] = "/tmp/mlps-test-bin-XXXXXX";
static char *shared_bin;

static void remove_shared_bin(void)
{
	if (shared_bin) {
		unlink(shared_bin);
		rmdir(shared_bin_dir);
	}
}

static const char *binary_for_anyone(void)
{
	struct strbuf cmd = STRBUF_INIT;

	if (shared_bin)
		return shared_bin;
	if (!mkdtemp(shared_bin_dir)) {
		perror("mkdtemp");
		abort();
	}
	shared_bin = path_join(shared_bin_dir, "mlps");
	strbuf_addf(&cmd, "chmod 0755 '%s' && cp '%s' '%s' && chmod 0755 '%s'", shared_bin_dir, MLPS_BINARY,
		    shared_bin, shared_bin);
	if (system(cmd.buf) != 0) {
		fprintf(stderr, "cannot copy %s for another user\n", MLPS_BINARY);
		abort();
	}
	strbuf_release(&cmd);
	atexit(remove_shared_bin);
	return shared_bin;
}

char *test_share_tree(const char *src, const char *dir, const char *name)
{
	struct strbuf cmd = STRBUF_INIT;
	char *to = path_join(dir, name);

	strbuf_addf(&cmd, "chmod a+x '%s' && cp -R '%s' '%s' && chmod -R a+rX '%s'", dir, src, to, to);
	if (system(cmd.buf) != 0) {
		fprintf(stderr, "cannot share %s as %s\n", src, to);
		abort();
	}
	strbuf_release(&cmd);
	return to;
}

void run_mlps_as(struct run *r, long uid, const char *const *env, const char *const *argv)
{
	const char *bin = uid >= 0 ? binary_for_anyone() : MLPS_BINARY;
	char out_path[] = "/tmp/mlps-test-out-XXXXXX", err_path[] = "/tmp/mlps-test-err-XXXXXX";
	int out = mkstemp(out_path), err = mkstemp(err_path), st;
	pid_t pid;
	size_t n = 0;

	while (argv[n])
		n++;
	pid = fork();
	if (pid == 0) {
		const char **args = mlps_calloc(n + 2, sizeof(*args));
		int devnull = open("/dev/null", O_RDONLY);
		size_t i;

		args[0] = bin;
		for (i = 0; i < n; i++)
			args[i + 1] = argv[i];
		for (i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		if (uid >= 0 && (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 || setuid((uid_t)uid) != 0))
			_exit(126);
		dup2(devnull, 0);
		dup2(out, 1);
		dup2(err, 2);
		execv(bin, (char *const *)args);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	lseek(out, 0, SEEK_SET);
	lseek(err, 0, SEEK_SET);
	r->out = slurp_fd(out);
	r->err = slurp_fd(err);
	close(out);
	close(err);
	unlink(out_path);
	unlink(err_path);
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

struct mlps_store *open_store(const char *path)
{
	struct mlps_error err;
	struct mlps_store *st;

	mlps_error_init(&err);
	st = mlps_store_open(path, &err);
	if (!st)
		fprintf(stderr, "\n%s\n", mlps_error_message(&err));
	mlps_error_release(&err);
	return st;
}

char *path_join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/%s", dir, name);
	return strbuf_detach(&sb, NULL);
}

struct mlps_catalog *load_catalog(const char *dir)
{
	struct mlps_error err;
	struct mlps_catalog *cat;

	mlps_error_init(&err);
	cat = mlps_catalog_load(dir, &err);
	if (!cat)
		fprintf(stderr, "%s\n", mlps_error_message(&err));
	mlps_error_release(&err);
	return cat;
}

size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

char *make_temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/mlps-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(sb.buf)) {
		perror("mkdtemp");
		abort();
	}
	return strbuf_detach(&sb, NULL);
}

void remove_tree(const char *dir)
{
	struct strbuf cmd = STRBUF_INIT;

	/* Only ever called on our own mkdtemp directories. */
	if (strncmp(dir, "/tmp/", 5) && !getenv("TMPDIR"))
		return;
	strbuf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.buf) != 0)
		fprintf(stderr, "warning: could not remove %s\n", dir);
	strbuf_release(&cmd);
}

/* The test cluster's socket directory and port, read once from MLPS_TEST_PG's state file. */
static const char *pg_setting(const char *name)
{
	static char host[256], port[16];
	static bool read_done;
	const char *state = getenv("MLPS_TEST_PG");

	if (!state || !*state)
		return NULL;
	if (!read_done) {
		FILE *f = fopen(state, "r");
		char line[512];

		if (!f) {
			fprintf(stderr, "MLPS_TEST_PG: cannot read %s (is the pg_setup fixture running?)\n", state);
			abort();
		}
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = '\0';
			if (!strncmp(line, "PGHOST=", 7))
				snprintf(host, sizeof(host), "%s", line + 7);
			else if (!strncmp(line, "PGPORT=", 7))
				snprintf(port, sizeof(port), "%s", line + 7);
		}
		fclose(f);
		read_done = true;
	}
	return !strcmp(name, "host") ? host : port;
}

bool test_on_pg(void)
{
	return pg_setting("host") != NULL;
}

bool test_sqlite_only(const char *what)
{
	if (!test_on_pg())
		return false;
	printf("(SQLite only: %s) ", what);
	return true;
}

char *test_pg_uri(const char *dbname, const char *user)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "postgresql:///%s?host=%s&port=%s&user=%s", dbname, pg_setting("host"), pg_setting("port"),
		    user);
	return strbuf_detach(&sb, NULL);
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

void test_pg_exec(const char *dbname, const char *sql)
{
	char *uri = test_pg_uri(dbname, "mlps_admin");
	PGconn *conn = PQconnectdb(uri);
	PGresult *res;

	/* "database x does not exist, skipping" and the like are not the test's output. */
	PQsetNoticeProcessor(conn, quiet, NULL);
	res = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, sql) : NULL;

	if (!res || (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)) {
		fprintf(stderr, "test cluster: %s: %s\n", sql, PQerrorMessage(conn));
		abort();
	}
	PQclear(res);
	PQfinish(conn);
	free(uri);
}

char *test_store_name(const char *dir, const char *name)
{
	static unsigned n;
	struct strbuf db = STRBUF_INIT, sql = STRBUF_INIT;
	char *uri;

	if (!test_on_pg())
		return path_join(dir, name);
	/* A database per store, named after the process and a counter: suites run side by side. */
	strbuf_addf(&db, "t%ld_%u", (long)getpid(), ++n);
	strbuf_addf(&sql, "CREATE DATABASE %s TEMPLATE mlps_template", db.buf);
	test_pg_exec("postgres", sql.buf);
	uri = test_pg_uri(db.buf, "mlps_admin");
	strbuf_release(&db);
	strbuf_release(&sql);
	return uri;
}

/* A connection to the store's database as the tests reach it: its tables on the search path. */
static PGconn *rows_connect(const char *name)
{
	static const char *const keys[] = { "dbname", "options", NULL };
	const char *values[] = { name, "-c search_path=mlps", NULL };
	PGconn *pg = PQconnectdbParams(keys, values, 1);

	if (PQstatus(pg) != CONNECTION_OK)
		fprintf(stderr, "\n%s\n", PQerrorMessage(pg));
	return pg;
}

void test_rows_open(struct test_rows *q, const char *name, const char *sql)
{
	memset(q, 0, sizeof(*q));
	q->row = -1;
	if (!test_on_pg()) {
		CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(name, &q->lite, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(q->lite, sql, -1, &q->stmt, NULL), SQLITE_OK);
		return;
	}
	q->pg = rows_connect(name);
	q->res = PQexec(q->pg, sql);
	if (PQresultStatus(q->res) != PGRES_TUPLES_OK)
		fprintf(stderr, "\n%s: %s\n", sql, PQerrorMessage(q->pg));
	CU_ASSERT_EQUAL_FATAL(PQresultStatus(q->res), PGRES_TUPLES_OK);
}

bool test_rows_next(struct test_rows *q)
{
	return q->lite ? sqlite3_step(q->stmt) == SQLITE_ROW : ++q->row < PQntuples(q->res);
}

const char *test_rows_text(struct test_rows *q, int col)
{
	if (q->lite)
		return (const char *)sqlite3_column_text(q->stmt, col);
	return PQgetisnull(q->res, q->row, col) ? NULL : PQgetvalue(q->res, q->row, col);
}

long long test_rows_int(struct test_rows *q, int col)
{
	return q->lite ? sqlite3_column_int64(q->stmt, col) : strtoll(PQgetvalue(q->res, q->row, col), NULL, 10);
}

double test_rows_double(struct test_rows *q, int col)
{
	return q->lite ? sqlite3_column_double(q->stmt, col) : strtod(PQgetvalue(q->res, q->row, col), NULL);
}

void test_rows_close(struct test_rows *q)
{
	sqlite3_finalize(q->stmt);
	sqlite3_close(q->lite);
	PQclear(q->res);
	PQfinish(q->pg);
}

long long test_rows_count(const char *name, const char *sql)
{
	struct test_rows q;
	long long n = -1;

	test_rows_open(&q, name, sql);
	if (test_rows_next(&q) && test_rows_text(&q, 0))
		n = test_rows_int(&q, 0);
	test_rows_close(&q);
	return n;
}

void test_rows_exec(const char *name, const char *sql)
{
	if (!test_on_pg()) {
		sqlite3 *db;

		CU_ASSERT_EQUAL_FATAL(sqlite3_open(name, &db), SQLITE_OK);
		CU_ASSERT_EQUAL(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	} else {
		PGconn *pg = rows_connect(name);
		PGresult *res = PQexec(pg, sql);

		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			fprintf(stderr, "\n%s: %s\n", sql, PQerrorMessage(pg));
		CU_ASSERT_EQUAL(PQresultStatus(res), PGRES_COMMAND_OK);
		PQclear(res);
		PQfinish(pg);
	}
}
