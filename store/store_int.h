/*
 * store_int.h - what store.c (the store's logic, and its SQLite side) and
 * pg.c (its PostgreSQL side) share. Private to store/.
 */
#ifndef MLPS_STORE_INT_H
#define MLPS_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "util.h"

struct mlps_catalog;

struct mlps_store {
	struct db db;
	char *path;                     /* the file, or the PostgreSQL database as people see it (no secret) */
	char *readonly;                 /* why nothing can be written here ("the directory X is read-only",
					   "role alice may only read"); NULL */
	struct db_stmt *data_version;   /* SQLite: PRAGMA data_version, kept prepared: it is polled */
	bool tables_checked;            /* check_tables() passed: the tables have their constraints */
	long long seen_version;
	const struct mlps_catalog *cat; /* summaries are computed with it (borrowed); NULL: not kept */
	long long *dirty;               /* assessments changed by the open transaction: summaries to rewrite */
	size_t n_dirty, alloc_dirty;
	bool defer_summaries;           /* the open transaction writes answers: drop the summaries, the next
					   list computes them */
	char *role;                     /* PostgreSQL: the role the server authenticated, who changes are by */
	int listen_pid;                 /* PostgreSQL: our server process, whose notifications are our own */
	unsigned resets_seen;           /* PostgreSQL: reconnections already reported as a change */
};

/* The message for the last failure of st's database, as an error of err; -1. */
int store_db_error(struct mlps_store *st, struct mlps_error *err, const char *what);

/* pg.c */

/* Connects and checks the schema (pg.c); a store with db.kind DB_PG, or NULL with err set. */
struct mlps_store *store_pg_open(const char *conninfo, struct mlps_error *err);
/* BEGIN and the store's write lock (the same queue SQLite's BEGIN IMMEDIATE gives). */
int store_pg_begin(struct mlps_store *st, struct mlps_error *err);
/* Inside the transaction: tells other sessions which assessments it changed (sent at COMMIT). */
int store_pg_notify(struct mlps_store *st, struct mlps_error *err);
bool store_pg_changed_elsewhere(struct mlps_store *st);
int store_pg_version(struct mlps_store *st, long long *version, struct mlps_error *err);
void store_pg_close(struct mlps_store *st);

#endif
