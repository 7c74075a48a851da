/*
 * testutil.h - what the CUnit suites share: a runner that exits non-zero on
 * any failure, running the real mlps binary with captured output, and files.
 */
#ifndef MLPS_TESTUTIL_H
#define MLPS_TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stdbool.h>
#include <stddef.h>

/* Registers one suite with `tests` (NULL-terminated), runs it verbosely, returns the exit status. */
int test_main(const char *suite, const CU_TestInfo *tests);

/* Output of one run of the mlps binary. */
struct run {
	int status;     /* exit status, or 128+signal */
	char *out;      /* stdout, NUL-terminated; caller frees via run_free */
	char *err;      /* stderr */
};

/*
 * Runs MLPS_BINARY with argv (NULL-terminated, without argv[0]) and the extra
 * environment `env` ("NAME=value" strings, NULL-terminated, may be NULL);
 * stdin is /dev/null.
 */
void run_mlps(struct run *r, const char *const *env, const char *const *argv);
/*
 * The same as user uid (group uid too), for a test run as root; uid < 0: as
 * the caller. The binary it runs then is a copy in a directory anyone can
 * read: the checkout may be private (a clone in `mktemp -d` is 0700).
 */
void run_mlps_as(struct run *r, long uid, const char *const *env, const char *const *argv);
void run_free(struct run *r);

struct mlps_catalog;
struct mlps_store;
/* Opens a database, printing any problem and returning NULL on failure. */
struct mlps_store *open_store(const char *path);
/*
 * A copy of the tree src as dir/name that any user can read (dir itself
 * made traversable), for what a test runs as another user. Caller frees.
 */
char *test_share_tree(const char *src, const char *dir, const char *name);
/* dir/name; caller frees. */
char *path_join(const char *dir, const char *name);
/* Loads a profile set, printing every problem and returning NULL on failure. */
struct mlps_catalog *load_catalog(const char *dir);

/*
 * The store a test works on. A suite registered a second time with
 * MLPS_TEST_PG (the state file of tests/pg/cluster.sh) runs on PostgreSQL:
 * each call then makes a fresh database from the template that holds the
 * mlps schema (tests/pg/fixture.sh) and returns its connection string; else
 * it is the file dir/name. Caller frees.
 */
char *test_store_name(const char *dir, const char *name);
/* True when the suite runs on PostgreSQL (see test_store_name). */
bool test_on_pg(void);
/*
 * For a test of what only an SQLite file does (its mode, its header, its
 * migrations): true, with a line saying so, when the suite runs on
 * PostgreSQL, and the test returns.
 */
bool test_sqlite_only(const char *what);
/* A connection string to the test cluster's database dbname as role user (both known safe). Caller frees. */
char *test_pg_uri(const char *dbname, const char *user);
/* Runs SQL on the test cluster's database dbname as its superuser; aborts the test program on failure. */
void test_pg_exec(const char *dbname, const char *sql);

/*
 * One query read straight from the database named `name` (a file, or under
 * MLPS_TEST_PG a connection string), behind the store's back; aborts the
 * test (CUnit fatal) when it cannot run.
 */
struct test_rows {
	struct sqlite3 *lite;
	struct sqlite3_stmt *stmt;
	struct pg_conn *pg;
	struct pg_result *res;
	int row;
};
void test_rows_open(struct test_rows *q, const char *name, const char *sql);
bool test_rows_next(struct test_rows *q);
/* NULL for SQL NULL. */
const char *test_rows_text(struct test_rows *q, int col);
long long test_rows_int(struct test_rows *q, int col);
/* PostgreSQL writes a double precision in the fewest digits that read back as the same value. */
double test_rows_double(struct test_rows *q, int col);
void test_rows_close(struct test_rows *q);
/* The first column of the first row as a number (-1: no row). */
long long test_rows_count(const char *name, const char *sql);
/* Runs SQL (no results) straight on the database named `name`. */
void test_rows_exec(const char *name, const char *sql);

/* Count of '\n'-terminated lines in s. */
size_t count_lines(const char *s);
/* Writes data to path; aborts the test program on failure. */
void write_file(const char *path, const void *data, size_t len);
/* A fresh empty directory under $TMPDIR; caller frees the string. */
char *make_temp_dir(void);
/* rm -rf of a directory made by make_temp_dir(). */
void remove_tree(const char *dir);

#endif
