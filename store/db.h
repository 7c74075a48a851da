/*
 * db.h - the statement interface store.c runs its SQL through, on SQLite or
 * on PostgreSQL (libpq). Private to store/: nothing outside includes it.
 *
 * It is deliberately the SQLite shape (prepare, bind, step, column) with
 * SQLite's numbered parameters (?1, ?2, ...): the SQLite side is a thin
 * wrapper; the PostgreSQL side rewrites ?N as $N, sends the statement with
 * its parameters as text in one round trip on the first step, and steps
 * through the result. Values come back as SQLite's storage classes, mapped
 * from PostgreSQL's column types, so the row checkers read both alike.
 */
#ifndef MLPS_STORE_DB_H
#define MLPS_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sqlite3 sqlite3;
typedef struct pg_conn PGconn;

enum db_kind { DB_SQLITE, DB_PG };

/* What step() says. */
enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/* A value's class, as SQLite names them. */
enum db_type { DB_NULL, DB_INTEGER, DB_FLOAT, DB_TEXT, DB_BLOB };

/* Why the last call failed, as far as the store words its message differently. */
enum db_fail {
	DB_FAIL_OTHER,
	DB_FAIL_CONSTRAINT,     /* a UNIQUE, CHECK, NOT NULL or foreign key refused the row */
	DB_FAIL_READONLY,       /* the file or the transaction is read-only */
	DB_FAIL_DENIED,         /* PostgreSQL: the role lacks the privilege */
	DB_FAIL_NOTADB,         /* SQLite: not a database file */
	DB_FAIL_CORRUPT,        /* SQLite: the file is damaged */
	DB_FAIL_FULL,           /* the disk is full */
	DB_FAIL_LOST,           /* PostgreSQL: the connection is gone (server down, restarted, network) */
	DB_FAIL_CONFLICT,       /* PostgreSQL: a serialization failure or deadlock; nothing was written */
};

struct db {
	enum db_kind kind;
	sqlite3 *lite;
	PGconn *pg;
	/* PostgreSQL: the last failure, kept until the next statement. */
	char *message;
	char sqlstate[6];
	long long changes;      /* rows the last INSERT, UPDATE or DELETE touched */
	bool in_tx;             /* PostgreSQL: a transaction is open (a lost connection is not made again) */
	unsigned resets;        /* PostgreSQL: times the connection was made again */
	/* PostgreSQL: the statements prepared on this connection, by their SQL (planned once, not per run). */
	char **prepared;
	size_t n_prepared, alloc_prepared;
	unsigned prepared_at;   /* the value of resets they were prepared under: a new connection has none */
};

struct db_stmt;

int db_prepare(struct db *db, const char *sql, struct db_stmt **stmt);
void db_finalize(struct db_stmt *stmt);
/* Clears the result and the bindings' use: the statement can be stepped again. */
void db_reset(struct db_stmt *stmt);

void db_bind_int(struct db_stmt *stmt, int i, long long v);
void db_bind_double(struct db_stmt *stmt, int i, double v);
/* s NULL binds NULL; the text is copied. */
void db_bind_text(struct db_stmt *stmt, int i, const char *s);
void db_bind_null(struct db_stmt *stmt, int i);

int db_step(struct db_stmt *stmt);

enum db_type db_column_type(struct db_stmt *stmt, int col);
long long db_column_int(struct db_stmt *stmt, int col);
double db_column_double(struct db_stmt *stmt, int col);
/* NULL for SQL NULL; valid until the statement is reset or finalized. */
const char *db_column_text(struct db_stmt *stmt, int col);
size_t db_column_bytes(struct db_stmt *stmt, int col);

/* Runs SQL without parameters or results (several statements allowed). 0 or -1. */
int db_exec(struct db *db, const char *sql);
/* The same, for a rollback after a failure: keeps the failure's message and class. */
void db_exec_quiet(struct db *db, const char *sql);

/*
 * PostgreSQL: makes a lost connection again when no transaction is open
 * (what a transaction had done is gone with it: it fails instead). Every
 * statement outside a transaction starts with this.
 */
void db_pg_ready(struct db *db);

/* Forgets the prepared statements (the connection is closing). */
void db_pg_forget(struct db *db);

enum db_fail db_failure(struct db *db);
const char *db_message(struct db *db);
/* PostgreSQL's SQLSTATE of the last failure ("" for SQLite). */
const char *db_sqlstate(struct db *db);

#endif
