/*
 * db.c - one statement interface over SQLite and PostgreSQL (db.h).
 */
#include "db.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* PostgreSQL type OIDs (pg_type.h is a server header; these numbers are fixed). */
enum {
	OID_BOOL = 16,
	OID_BYTEA = 17,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_OID = 26,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700,
};

struct db_stmt {
	struct db *db;
	sqlite3_stmt *lite;
	/* PostgreSQL */
	char *sql;              /* with $N for ?N */
	char **values;          /* parameter i + 1 as text; NULL: SQL NULL */
	int n_values;
	PGresult *res;
	int row;                /* the current row; -1 before the first step */
};

/* ?N (and a bare ?, numbered in order) as $N, outside quoted text. Caller frees. */
static char *pg_sql(const char *sql, int *n_params)
{
	struct strbuf sb = STRBUF_INIT;
	char quote = 0;
	int next = 0, max = 0;
	const char *p;

	for (p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			strbuf_addch(&sb, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			strbuf_addch(&sb, *p);
		} else if (*p == '?') {
			int n = 0;

			while (p[1] >= '0' && p[1] <= '9')
				n = n * 10 + (*++p - '0');
			if (!n)
				n = ++next;
			if (n > max)
				max = n;
			strbuf_addf(&sb, "$%d", n);
		} else {
			strbuf_addch(&sb, *p);
		}
	}
	*n_params = max;
	return strbuf_detach(&sb, NULL);
}

static void pg_forget(struct db *db)
{
	free(db->message);
	db->message = NULL;
	db->sqlstate[0] = '\0';
}

/* Keeps why res (or the connection, when res says nothing) failed. */
static void pg_failed(struct db *db, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	size_t len;

	pg_forget(db);
	if (!msg || !*msg)
		msg = PQerrorMessage(db->pg);
	if (!msg || !*msg)
		msg = "the server gave no reason";
	len = strcspn(msg, "\n");
	db->message = mlps_strndup(msg, len);
	if (state)
		snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", state);
}

void db_pg_ready(struct db *db)
{
	if (db->kind != DB_PG || db->in_tx || PQstatus(db->pg) == CONNECTION_OK)
		return;
	PQreset(db->pg);
	if (PQstatus(db->pg) == CONNECTION_OK)
		db->resets++;
}

/*
 * After a failure: when it was the connection that died (a server restart,
 * the network) and no transaction is open, it is made again once; true
 * when the statement can be sent again.
 */
static bool pg_again(struct db *db)
{
	if (db->in_tx || PQstatus(db->pg) == CONNECTION_OK)
		return false;
	PQreset(db->pg);
	if (PQstatus(db->pg) != CONNECTION_OK)
		return false;
	db->resets++;
	return true;
}

/* Follows BEGIN, COMMIT and ROLLBACK as they are sent. */
static void pg_track(struct db *db, const char *sql)
{
	if (!strncmp(sql, "BEGIN", 5))
		db->in_tx = true;
	else if (!strncmp(sql, "COMMIT", 6) || !strncmp(sql, "ROLLBACK", 8))
		db->in_tx = false;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct db_stmt *stmt = mlps_calloc(1, sizeof(*stmt));

	stmt->db = db;
	stmt->row = -1;
	if (db->kind == DB_SQLITE) {
		if (sqlite3_prepare_v2(db->lite, sql, -1, &stmt->lite, NULL) != SQLITE_OK) {
			free(stmt);
			*out = NULL;
			return -1;
		}
	} else {
		stmt->sql = pg_sql(sql, &stmt->n_values);
		stmt->values = mlps_calloc(stmt->n_values ? (size_t)stmt->n_values : 1, sizeof(*stmt->values));
	}
	*out = stmt;
	return 0;
}

static void pg_clear(struct db_stmt *stmt)
{
	PQclear(stmt->res);
	stmt->res = NULL;
	stmt->row = -1;
}

void db_finalize(struct db_stmt *stmt)
{
	int i;

	if (!stmt)
		return;
	sqlite3_finalize(stmt->lite);
	pg_clear(stmt);
	for (i = 0; i < stmt->n_values; i++)
		free(stmt->values[i]);
	free(stmt->values);
	free(stmt->sql);
	free(stmt);
}

void db_reset(struct db_stmt *stmt)
{
	if (stmt->lite)
		sqlite3_reset(stmt->lite);
	else
		pg_clear(stmt);
}

/* Parameter i (from 1) of a PostgreSQL statement takes the text v (NULL: SQL NULL), owned. */
static void pg_bind(struct db_stmt *stmt, int i, char *v)
{
	if (i < 1 || i > stmt->n_values) {
		free(v);
		return;
	}
	free(stmt->values[i - 1]);
	stmt->values[i - 1] = v;
}

void db_bind_int(struct db_stmt *stmt, int i, long long v)
{
	struct strbuf sb = STRBUF_INIT;

	if (stmt->lite) {
		sqlite3_bind_int64(stmt->lite, i, v);
		return;
	}
	strbuf_addf(&sb, "%lld", v);
	pg_bind(stmt, i, strbuf_detach(&sb, NULL));
}

void db_bind_double(struct db_stmt *stmt, int i, double v)
{
	struct strbuf sb = STRBUF_INIT;

	if (stmt->lite) {
		sqlite3_bind_double(stmt->lite, i, v);
		return;
	}
	/* 17 significant digits bring the same double back. */
	strbuf_addf(&sb, "%.17g", v);
	pg_bind(stmt, i, strbuf_detach(&sb, NULL));
}

void db_bind_text(struct db_stmt *stmt, int i, const char *s)
{
	if (stmt->lite) {
		if (s)
			sqlite3_bind_text(stmt->lite, i, s, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(stmt->lite, i);
		return;
	}
	pg_bind(stmt, i, s ? mlps_strdup(s) : NULL);
}

void db_bind_null(struct db_stmt *stmt, int i)
{
	db_bind_text(stmt, i, NULL);
}

void db_pg_forget(struct db *db)
{
	size_t i;

	for (i = 0; i < db->n_prepared; i++)
		free(db->prepared[i]);
	free(db->prepared);
	db->prepared = NULL;
	db->n_prepared = db->alloc_prepared = 0;
}

/*
 * Runs a statement as a prepared one: the first run on a connection
 * prepares it (named after its place in the list), later runs only bind and
 * execute, so the server parses and plans each of the store's queries once
 * per connection. What cannot be prepared runs unprepared, to fail with
 * the server's own message.
 */
static PGresult *pg_run(struct db *db, struct db_stmt *stmt)
{
	const char *const *values = (const char *const *)stmt->values;
	char name[32];
	size_t i;

	if (db->prepared_at != db->resets) {
		db_pg_forget(db);
		db->prepared_at = db->resets;
	}
	for (i = 0; i < db->n_prepared && strcmp(db->prepared[i], stmt->sql); i++)
		;
	snprintf(name, sizeof(name), "mlps_%zu", i);
	if (i == db->n_prepared) {
		PGresult *res = PQprepare(db->pg, name, stmt->sql, stmt->n_values, NULL);
		bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;

		PQclear(res);
		if (!ok)
			return PQexecParams(db->pg, stmt->sql, stmt->n_values, NULL, values, NULL, NULL, 0);
		mlps_grow((void **)&db->prepared, &db->alloc_prepared, db->n_prepared + 1, sizeof(*db->prepared));
		db->prepared[db->n_prepared++] = mlps_strdup(stmt->sql);
	}
	return PQexecPrepared(db->pg, name, stmt->n_values, values, NULL, NULL, 0);
}

int db_step(struct db_stmt *stmt)
{
	struct db *db = stmt->db;
	ExecStatusType status;

	if (stmt->lite) {
		int rc = sqlite3_step(stmt->lite);

		if (rc == SQLITE_ROW)
			return DB_ROW;
		if (rc == SQLITE_DONE) {
			db->changes = sqlite3_changes(db->lite);
			return DB_DONE;
		}
		return DB_ERROR;
	}
	if (stmt->res) {
		stmt->row++;
		return stmt->row < PQntuples(stmt->res) ? DB_ROW : DB_DONE;
	}
	db_pg_ready(db);
	stmt->res = pg_run(db, stmt);
	status = stmt->res ? PQresultStatus(stmt->res) : PGRES_FATAL_ERROR;
	/* A connection found dead by this statement, outside a transaction: made again, and the statement sent again. */
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && pg_again(db)) {
		PQclear(stmt->res);
		stmt->res = pg_run(db, stmt);
		status = stmt->res ? PQresultStatus(stmt->res) : PGRES_FATAL_ERROR;
	}
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		pg_failed(db, stmt->res);
		pg_clear(stmt);
		return DB_ERROR;
	}
	db->changes = strtoll(PQcmdTuples(stmt->res), NULL, 10);
	stmt->row = 0;
	return PQntuples(stmt->res) > 0 ? DB_ROW : DB_DONE;
}

static bool pg_has(struct db_stmt *stmt, int col)
{
	return stmt->res && stmt->row >= 0 && stmt->row < PQntuples(stmt->res) && col >= 0 &&
	       col < PQnfields(stmt->res);
}

enum db_type db_column_type(struct db_stmt *stmt, int col)
{
	if (stmt->lite) {
		switch (sqlite3_column_type(stmt->lite, col)) {
		case SQLITE_INTEGER:
			return DB_INTEGER;
		case SQLITE_FLOAT:
			return DB_FLOAT;
		case SQLITE_TEXT:
			return DB_TEXT;
		case SQLITE_BLOB:
			return DB_BLOB;
		default:
			return DB_NULL;
		}
	}
	if (!pg_has(stmt, col) || PQgetisnull(stmt->res, stmt->row, col))
		return DB_NULL;
	switch (PQftype(stmt->res, col)) {
	case OID_BOOL:
	case OID_INT8:
	case OID_INT2:
	case OID_INT4:
	case OID_OID:
		return DB_INTEGER;
	case OID_FLOAT4:
	case OID_FLOAT8:
		return DB_FLOAT;
	case OID_NUMERIC:
		/* sum() and the like: a whole number unless it has a fraction. */
		return strpbrk(PQgetvalue(stmt->res, stmt->row, col), ".eE") ? DB_FLOAT : DB_INTEGER;
	case OID_BYTEA:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

const char *db_column_text(struct db_stmt *stmt, int col)
{
	const char *v;

	if (stmt->lite)
		return (const char *)sqlite3_column_text(stmt->lite, col);
	if (!pg_has(stmt, col) || PQgetisnull(stmt->res, stmt->row, col))
		return NULL;
	v = PQgetvalue(stmt->res, stmt->row, col);
	if (PQftype(stmt->res, col) == OID_BOOL)
		return *v == 't' ? "1" : "0";
	return v;
}

size_t db_column_bytes(struct db_stmt *stmt, int col)
{
	const char *v;

	if (stmt->lite)
		return (size_t)sqlite3_column_bytes(stmt->lite, col);
	v = db_column_text(stmt, col);
	/* Text from PostgreSQL cannot hold a NUL byte: its length is the string's. */
	return v ? strlen(v) : 0;
}

long long db_column_int(struct db_stmt *stmt, int col)
{
	const char *v;

	if (stmt->lite)
		return sqlite3_column_int64(stmt->lite, col);
	v = db_column_text(stmt, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

double db_column_double(struct db_stmt *stmt, int col)
{
	const char *v;

	if (stmt->lite)
		return sqlite3_column_double(stmt->lite, col);
	v = db_column_text(stmt, col);
	return v ? strtod(v, NULL) : 0;
}

int db_exec(struct db *db, const char *sql)
{
	PGresult *res;
	ExecStatusType status;
	bool was_in_tx;

	if (db->kind == DB_SQLITE)
		return sqlite3_exec(db->lite, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	db_pg_ready(db);
	was_in_tx = db->in_tx;
	pg_track(db, sql);
	res = PQexec(db->pg, sql);
	status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && !was_in_tx) {
		/* As in db_step: a BEGIN (or a statement alone) on a connection found dead is sent again. */
		db->in_tx = false;
		if (pg_again(db)) {
			PQclear(res);
			pg_track(db, sql);
			res = PQexec(db->pg, sql);
			status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
		}
	}
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
		pg_failed(db, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	return 0;
}

void db_exec_quiet(struct db *db, const char *sql)
{
	char *message;
	char state[sizeof(db->sqlstate)];

	if (db->kind == DB_SQLITE) {
		sqlite3_exec(db->lite, sql, NULL, NULL, NULL);
		return;
	}
	message = db->message;
	db->message = NULL;
	memcpy(state, db->sqlstate, sizeof(state));
	pg_track(db, sql);
	PQclear(PQexec(db->pg, sql));
	free(db->message);
	db->message = message;
	memcpy(db->sqlstate, state, sizeof(state));
}

enum db_fail db_failure(struct db *db)
{
	const char *s = db->sqlstate;

	if (db->kind == DB_SQLITE) {
		switch (sqlite3_extended_errcode(db->lite) & 0xff) {
		case SQLITE_CONSTRAINT:
			return DB_FAIL_CONSTRAINT;
		case SQLITE_READONLY:
			return DB_FAIL_READONLY;
		case SQLITE_NOTADB:
			return DB_FAIL_NOTADB;
		case SQLITE_CORRUPT:
			return DB_FAIL_CORRUPT;
		case SQLITE_FULL:
			return DB_FAIL_FULL;
		default:
			return DB_FAIL_OTHER;
		}
	}
	if (PQstatus(db->pg) != CONNECTION_OK || !strncmp(s, "08", 2) || !strncmp(s, "57P0", 4))
		return DB_FAIL_LOST;
	if (!strncmp(s, "23", 2))
		return DB_FAIL_CONSTRAINT;
	if (!strcmp(s, "42501"))
		return DB_FAIL_DENIED;
	if (!strcmp(s, "25006"))
		return DB_FAIL_READONLY;
	if (!strcmp(s, "40001") || !strcmp(s, "40P01"))
		return DB_FAIL_CONFLICT;
	if (!strcmp(s, "53100"))
		return DB_FAIL_FULL;
	return DB_FAIL_OTHER;
}

const char *db_message(struct db *db)
{
	if (db->kind == DB_SQLITE)
		return sqlite3_errmsg(db->lite);
	return db->message ? db->message : "unknown failure";
}

const char *db_sqlstate(struct db *db)
{
	return db->kind == DB_PG ? db->sqlstate : "";
}
