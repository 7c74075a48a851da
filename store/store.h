/*
 * store.h - the assessment database: an SQLite file (the default), or a
 * PostgreSQL database for a team (a libpq connection string; docs/team.md).
 * The only module that includes sqlite3.h and libpq-fe.h. Versioned schema
 * (SQLite's PRAGMA user_version with forward migrations; PostgreSQL's
 * mlps.meta), one committed transaction per answer change together with its
 * line in the answer log, so killing the program never loses an
 * acknowledged answer, and writers queue on one write lock on both.
 */
#ifndef MLPS_STORE_H
#define MLPS_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "assessment.h"

#define MLPS_STORE_SCHEMA 6

struct mlps_store;

/*
 * Opens (creating when absent, with its directory 0700 and the file 0600)
 * the database at path. Refuses a file that is not SQLite, an SQLite file
 * that is not an mlps database, and a schema newer than this build knows;
 * migrates an older one forward. An SQLite URI opens as SQLite reads it:
 * "file:/path/mlps.db?mode=ro" gives a read-only store that refuses every
 * write with a clear message. Caller closes with mlps_store_close().
 */
struct mlps_store *mlps_store_open(const char *path, struct mlps_error *err);
/*
 * The same with a choice: create false refuses a missing file ("no database
 * at PATH", a runtime error) instead of creating it; *created, when given, is
 * set when this call made a new file.
 */
struct mlps_store *mlps_store_open_ex(const char *path, bool create, bool *created, struct mlps_error *err);
void mlps_store_close(struct mlps_store *st);
/* $XDG_DATA_HOME/mlps/mlps.db, else ~/.local/share/mlps/mlps.db. Caller frees. */
char *mlps_store_default_path(void);

/*
 * The figures of one assessment at its target level, as mlps_score_compute()
 * gives them with the catalogue set by mlps_store_set_catalog(): what `mlps
 * list` and Home show, kept in the database in the same transaction as every
 * change of the assessment, so that listing never rescores.
 */
struct mlps_store_summary {
	int decided, in_scope;      /* progress (mlps_score_progress) */
	int answered, applicable;   /* the level's tally */
	double rate, score;         /* the level's rate and 100-point score (composite) */
	enum mlps_risk worst;       /* worst risk of a gap at the level */
	int primary;                /* band index of the primary verdict rule; -1: the rules have none */
	int *bands;                 /* band index of each verdict rule, in the rules' order (owned by the row) */
	size_t n_bands;
	int high_risk, mitigated;   /* findings of a high-risk scenario; of those, mitigated */
	int unconfirmed;            /* carried answers to confirm, in scope (mlps_score_unconfirmed) */
	int answers, to_confirm;    /* answer rows other than unanswered; rows to confirm */
};

/* A summary row of `mlps list`. */
struct mlps_store_row {
	long long id;
	char *system, *org;
	int level, s_level, a_level;
	unsigned ext;
	char *created, *updated;
	enum mlps_astatus status;
	long long parent;
	int answers;                /* answers other than unanswered */
	int unconfirmed;            /* carried answers still to confirm */
	bool has_summary;           /* sum is filled: a catalogue was set on the store */
	struct mlps_store_summary sum;
};

/*
 * Creates the assessment described by a (system name, org, levels, flags,
 * scope, hashes): the system is found by name and organisation or created.
 * Sets a->id and a->sys.id.
 */
int mlps_store_create(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err);
/* Loads one assessment with its answers; caller frees with mlps_assessment_free(). */
struct mlps_assessment *mlps_store_load(struct mlps_store *st, long long id, struct mlps_error *err);
/*
 * Saves one answer of an assessment and logs the change (who, when, old, new)
 * in the same transaction, whatever is stored (imports, tests, tools that
 * own the assessment). `who` is the user name to record (NULL: login name).
 */
int mlps_store_save_answer(struct mlps_store *st, long long assessment, const struct mlps_answer *ans,
			   const char *who, struct mlps_error *err);
/*
 * The same as a compare-and-set, for a writer that shows what it read (the
 * UI): ans->revision is the revision the caller read (0: it saw no answer),
 * and if the stored answer has moved on since, nothing is written and the
 * error (MLPS_ERR_CONFLICT) says who changed it when. On success
 * ans->revision is the new one.
 */
int mlps_store_save_answer_cas(struct mlps_store *st, long long assessment, struct mlps_answer *ans,
			       const char *who, struct mlps_error *err);
/*
 * Changes one answer in place: reads the stored answer of (key, object)
 * (object NULL: the system object) inside one immediate transaction, hands
 * it to `edit` (zeroed but for key and object when there is none), and writes
 * what edit left, with its log line. edit returns 0, or -1 with err set to
 * write nothing. Two writers never revert each other's fields: each changes
 * only what it means to. *out, when given, gets the stored answer (caller
 * releases it).
 */
typedef int (*mlps_answer_edit_fn)(struct mlps_answer *ans, void *ctx, struct mlps_error *err);
int mlps_store_edit_answer(struct mlps_store *st, long long assessment, const char *key, const char *object,
			   mlps_answer_edit_fn edit, void *ctx, const char *who, struct mlps_answer *out,
			   struct mlps_error *err);
/*
 * Deletes an assessment with its answers and answer log in one transaction,
 * and its system once no other assessment of it is left. Refuses (input
 * error, nothing changed) an assessment that a re-audit in this database
 * starts from: that re-audit's delta would lose its base.
 */
int mlps_store_delete(struct mlps_store *st, long long id, struct mlps_error *err);
/* The same; a final assessment is refused unless force. mlps_store_delete() is this without force. */
int mlps_store_delete_ex(struct mlps_store *st, long long id, bool force, struct mlps_error *err);

/*
 * Every write below, like every answer and object write above, checks the
 * assessment's status inside its own transaction: a final assessment refuses
 * all of them (an input error, nothing changed) until it is reopened.
 */

/* What `mlps set` changes; each field left at its "unchanged" value stays as stored. */
struct mlps_store_changes {
	const char *system;         /* NULL: unchanged (see the rules of mlps_store_set) */
	const char *org;            /* NULL: unchanged; "": none */
	const char *assessor;       /* NULL: unchanged; "": none */
	int level;                  /* 0: unchanged */
	int s_level, a_level;       /* -1: unchanged */
	long long ext;              /* -1: unchanged; else the MLPS_EXT_BIT mask */
	long long flags;            /* -1: unchanged; else enum mlps_condition bits */
	const char *detail;         /* the line for the assessment log (what changed, scope counts) */
};
/*
 * Changes an assessment's identity and scope in one transaction, with a line
 * in the assessment log. Answers are kept by requirement whatever the scope:
 * those now out of scope stay stored (hidden) and count again when the scope
 * returns. A new system name or organisation joins the system that already
 * has them, renames the system when this is its only assessment, and else
 * moves this assessment to a new system (other assessments never change);
 * the system object follows the name.
 */
int mlps_store_set(struct mlps_store *st, long long id, const struct mlps_store_changes *ch, const char *who,
		   struct mlps_error *err);

/* A sign-off: who signed, when, and against what. */
struct mlps_signoff {
	const char *assessor;       /* required */
	const char *reviewer;       /* NULL or "": none */
	const char *date;           /* YYYY-MM-DD (checked by the caller and by the schema) */
	int open;                   /* items still unanswered or to confirm (finalised with --force) */
	const char *catalog;        /* "name hash" of the catalogue in force */
	const char *rules;          /* rules id in force */
};
/* Draft -> final with its sign-off, logged. Refuses a final one. */
int mlps_store_finalise(struct mlps_store *st, long long id, const struct mlps_signoff *so, const char *who,
			struct mlps_error *err);
/* Final -> draft, recording why (required), logged; the last sign-off stays on record. */
int mlps_store_reopen(struct mlps_store *st, long long id, const char *reason, const char *who,
		      struct mlps_error *err);

/* One line of an assessment's trail: an answer change, or an event of the assessment itself. */
struct mlps_log_entry {
	char *at, *who;             /* ISO 8601 UTC; user name */
	char *key;                  /* requirement key; NULL for an assessment event */
	char *object;               /* the object's name at the time */
	char *old_status;           /* NULL: there was no answer */
	char *new_status;
	char *changed;              /* "note,evidence,...": texts and plan fields changed; NULL: none */
	char *event;                /* assessment events: "set", "finalise", "reopen" */
	char *detail;               /* what the event changed */
};
/*
 * The trail of an assessment, oldest first: every answer change (of `key`
 * only, when given: then no assessment events) and every assessment event.
 * Caller frees with mlps_store_log_free().
 */
int mlps_store_log(struct mlps_store *st, long long id, const char *key, struct mlps_log_entry **out, size_t *n,
		   struct mlps_error *err);
void mlps_store_log_free(struct mlps_log_entry *e, size_t n);
/*
 * The catalogue the summaries are computed with (borrowed: keep it alive
 * while the store is open). Once set, every change of an assessment rewrites
 * its summary in the same transaction, and mlps_store_list() fills each
 * row's summary: read from the database when it was computed with this
 * catalogue and rules, else recomputed (and written back when the store is
 * writable). Without a catalogue a change deletes the summary instead, to be
 * recomputed by the next list.
 */
void mlps_store_set_catalog(struct mlps_store *st, const struct mlps_catalog *cat);
/* Every assessment, oldest first. Caller frees with mlps_store_rows_free(). */
int mlps_store_list(struct mlps_store *st, struct mlps_store_row **rows, size_t *n, struct mlps_error *err);
void mlps_store_rows_free(struct mlps_store_row *rows, size_t n);
/* Inserts a whole assessment with its answers in one transaction; sets a->id. */
int mlps_store_import(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err);
/* The same, keeping a->parent (a re-audit of an assessment in this database). */
int mlps_store_insert(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err);
/* Objects (测评对象): the caller checks names and kinds first (mlps_object_check). */
int mlps_store_add_object(struct mlps_store *st, long long assessment, const struct mlps_object *o,
			  struct mlps_error *err);
/* Renames an object; its answers follow it. Refuses a name that is taken. */
int mlps_store_rename_object(struct mlps_store *st, long long assessment, const char *from, const char *to,
			     struct mlps_error *err);
/*
 * Removes an object with its answers in one transaction. An object that has
 * answers is refused unless `force`; then each removed answer gets a line in
 * the answer log (new status unanswered, the old note kept). The last object
 * of kind system cannot be removed. *removed gets the number of answers
 * removed.
 */
int mlps_store_remove_object(struct mlps_store *st, long long assessment, const char *name, bool force,
			     const char *who, int *removed, struct mlps_error *err);
/*
 * True when another connection (another mlps, another user) has committed
 * since the last call: a screen showing data reloads it. The first call
 * only records where things stand and returns false.
 */
bool mlps_store_changed_elsewhere(struct mlps_store *st);
/* The latest line of an assessment's answer log (all NULL when none). */
struct mlps_store_change {
	char *who, *at, *key, *object, *status;
	int level;                  /* the assessment's level (0: unknown) */
};
int mlps_store_last_change(struct mlps_store *st, long long assessment, struct mlps_store_change *c,
			   struct mlps_error *err);
void mlps_store_change_release(struct mlps_store_change *c);
/* The assessment with this stable identifier (export "uid"): its id, 0 when none, -1 on error. */
long long mlps_store_find_uid(struct mlps_store *st, const char *uid, struct mlps_error *err);
/* The first re-audit started from assessment id: its id, 0 when none, -1 on error. */
long long mlps_store_child(struct mlps_store *st, long long id, struct mlps_error *err);
/* Number of lines in the answer log of an assessment (for tests and `db check`). */
long long mlps_store_log_count(struct mlps_store *st, long long assessment, struct mlps_error *err);

/*
 * `mlps db check`: SQLite's integrity and foreign key checks, then every row
 * as the readers check it (NULLs, ranges, statuses, dates, identifiers,
 * references between tables) and, with cat, the profile set's rules too
 * (requirement keys known, kinds of object in its vocabulary, N/A reasons
 * given), then the schema version: one line per problem into out, each
 * naming the table and row. A runtime error when there is any problem.
 */
struct mlps_catalog;
int mlps_store_check(struct mlps_store *st, const struct mlps_catalog *cat, struct strbuf *out,
		     struct mlps_error *err);
/*
 * PostgreSQL (docs/team.md). A store name that is a libpq connection string
 * (postgresql://..., postgres://..., or keyword=value such as service=NAME)
 * opens the mlps schema of that database; a password written into it is
 * refused. The schema is made once by mlps_store_init() with the roles
 * mlps_owner, mlps_writer and mlps_reader; a reader's store refuses every
 * write. mlps_store_init_sql() appends the SQL it runs (one transaction);
 * per_org adds the organisation grants and row-level security.
 */
bool mlps_store_is_pg(const char *name);
void mlps_store_init_sql(bool per_org, struct strbuf *out);
/* *shown_as gets the database as people see it (no secret; caller frees, also on failure). */
int mlps_store_init(const char *conninfo, bool per_org, char **shown_as, struct mlps_error *err);
/* Grants (or revokes) a role the systems of an organisation, on a store made with per_org. */
int mlps_store_org(struct mlps_store *st, bool grant, const char *role, const char *org,
		   struct mlps_error *err);

/* What mlps_store_copy() copied. */
struct mlps_store_counts {
	long long systems, assessments, objects, answers, answer_log, assessment_log;
};
/*
 * Copies every system, assessment, object, answer and log line of `from`
 * into `to`, which must hold no assessment, in one transaction on `to`:
 * numbers are kept, so "assessment 3" is 3 on both sides. Every row of
 * `from` is checked first, as `db check` does. Summaries are computed on
 * `to` (with its catalogue) as every write does.
 */
int mlps_store_copy(struct mlps_store *from, struct mlps_store *to, struct mlps_store_counts *n,
		    struct mlps_error *err);
/* Counts what a store holds, as mlps_store_copy() counts. */
int mlps_store_count(struct mlps_store *st, struct mlps_store_counts *n, struct mlps_error *err);

/* `mlps db backup`: a consistent copy through SQLite's online backup API. */
int mlps_store_backup(struct mlps_store *st, const char *dest, struct mlps_error *err);
const char *mlps_store_path(const struct mlps_store *st);

#endif
