/*
 * store.c - SQLite persistence for systems, assessments and answers.
 *
 * Conventions: prepared statements only (never a value spliced into SQL);
 * every write is one transaction begun IMMEDIATE so that two writers queue
 * on the busy timeout instead of failing half-way; every failure path ends
 * at one `out:` label that finalizes what was prepared.
 */
#include "store.h"
#include "store_vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* "MLPS" in ASCII: marks the file as ours in the SQLite header. */
#define MLPS_APPLICATION_ID 0x4D4C5053
#define BUSY_TIMEOUT_MS 10000

struct mlps_store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *data_version;     /* PRAGMA data_version, kept prepared: it is polled */
	long long seen_version;
};

/* Forward migrations: entry i takes the schema from version i to i + 1. */
static const char *const migrations[MLPS_STORE_SCHEMA] = {
	/* 0 -> 1 */
	"CREATE TABLE systems ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  org TEXT NOT NULL DEFAULT '',"
	"  s_level INTEGER NOT NULL DEFAULT 0 CHECK (s_level BETWEEN 0 AND 5),"
	"  a_level INTEGER NOT NULL DEFAULT 0 CHECK (a_level BETWEEN 0 AND 5),"
	"  flags INTEGER NOT NULL DEFAULT 0,"
	"  created TEXT NOT NULL,"
	"  UNIQUE (name, org));"
	"CREATE TABLE assessments ("
	"  id INTEGER PRIMARY KEY,"
	"  system_id INTEGER NOT NULL REFERENCES systems(id),"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),"
	"  extensions INTEGER NOT NULL,"
	"  profile_hash TEXT NOT NULL,"
	"  rules_id TEXT NOT NULL,"
	"  assessor TEXT,"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES assessments(id));"
	"CREATE TABLE answers ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  req_key TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  note TEXT, evidence TEXT, na_reason TEXT,"
	"  risk TEXT NOT NULL DEFAULT 'none', mitigation TEXT,"
	"  owner TEXT, due TEXT, plan TEXT NOT NULL DEFAULT 'none',"
	"  to_confirm INTEGER NOT NULL DEFAULT 0,"
	"  text_hash TEXT,"
	"  who TEXT, updated TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, req_key));"
	"CREATE TABLE answer_log ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  req_key TEXT NOT NULL,"
	"  who TEXT, at TEXT NOT NULL,"
	"  old_status TEXT, new_status TEXT NOT NULL,"
	"  old_note TEXT, new_note TEXT);"
	"CREATE INDEX answer_log_by_assessment ON answer_log(assessment_id, req_key);"
	"CREATE INDEX assessments_by_system ON assessments(system_id);",
	/*
	 * 1 -> 2: evaluation objects. Each assessment gets its system object
	 * (named after the system), which takes over every answer it had; the
	 * answers table is rebuilt keyed by (assessment, requirement, object),
	 * and the log records the object's name (it outlives renames and removals).
	 */
	"CREATE TABLE objects ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL CHECK (length(name) > 0),"
	"  kind TEXT NOT NULL CHECK (length(kind) > 0),"
	"  importance TEXT NOT NULL DEFAULT 'important' CHECK (importance IN ('key', 'important', 'general')),"
	"  description TEXT,"
	"  UNIQUE (assessment_id, name));"
	"INSERT INTO objects (assessment_id, name, kind, importance) "
	"  SELECT a.id, s.name, 'system', 'key' FROM assessments a JOIN systems s ON s.id = a.system_id "
	"  ORDER BY a.id;"
	"CREATE TABLE answers_v2 ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  req_key TEXT NOT NULL,"
	"  object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,"
	"  status TEXT NOT NULL,"
	"  note TEXT, evidence TEXT, na_reason TEXT,"
	"  risk TEXT NOT NULL DEFAULT 'none', mitigation TEXT,"
	"  owner TEXT, due TEXT, plan TEXT NOT NULL DEFAULT 'none',"
	"  to_confirm INTEGER NOT NULL DEFAULT 0,"
	"  text_hash TEXT,"
	"  who TEXT, updated TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, req_key, object_id));"
	"INSERT INTO answers_v2 SELECT x.assessment_id, x.req_key, o.id, x.status, x.note, x.evidence, "
	"  x.na_reason, x.risk, x.mitigation, x.owner, x.due, x.plan, x.to_confirm, x.text_hash, x.who, "
	"  x.updated FROM answers x JOIN objects o ON o.assessment_id = x.assessment_id AND o.kind = 'system';"
	"DROP TABLE answers;"
	"ALTER TABLE answers_v2 RENAME TO answers;"
	"CREATE INDEX answers_by_object ON answers(object_id);"
	"ALTER TABLE answer_log ADD COLUMN object TEXT;"
	"UPDATE answer_log SET object = (SELECT o.name FROM objects o WHERE o.assessment_id = "
	"  answer_log.assessment_id AND o.kind = 'system');",
	/*
	 * 2 -> 3: trust. Every answer has a revision that each write must name
	 * (compare-and-set), and every assessment a stable identifier that
	 * travels with its exports, so a second import of the same file is
	 * recognised. Existing rows get revision 1 and a random identifier.
	 */
	"ALTER TABLE answers ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);"
	"ALTER TABLE assessments ADD COLUMN uid TEXT;"
	"UPDATE assessments SET uid = lower(hex(randomblob(16)));"
	"CREATE UNIQUE INDEX assessments_by_uid ON assessments(uid);",
	/*
	 * 3 -> 4: an assessment's life. The sign-off of a final assessment
	 * (reviewer, date, the open items it was signed with, the catalogue and
	 * rules in force then), why it was last reopened, which texts each
	 * answer change touched, and a log of the assessment's own events
	 * (set, finalise, reopen). Existing rows keep what they had: nothing
	 * was signed, and old log lines do not say which texts changed.
	 */
	"ALTER TABLE assessments ADD COLUMN reviewer TEXT;"
	"ALTER TABLE assessments ADD COLUMN signed_date TEXT CHECK (signed_date IS NULL OR "
	"  signed_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');"
	"ALTER TABLE assessments ADD COLUMN signed_open INTEGER NOT NULL DEFAULT 0 CHECK (signed_open >= 0);"
	"ALTER TABLE assessments ADD COLUMN signed_catalog TEXT;"
	"ALTER TABLE assessments ADD COLUMN signed_rules TEXT;"
	"ALTER TABLE assessments ADD COLUMN reopen_reason TEXT CHECK (reopen_reason IS NULL OR "
	"  length(reopen_reason) > 0);"
	"ALTER TABLE answer_log ADD COLUMN changed TEXT;"
	"CREATE TABLE assessment_log ("
	"  id INTEGER PRIMARY KEY,"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
	"  who TEXT NOT NULL, at TEXT NOT NULL,"
	"  event TEXT NOT NULL CHECK (event IN ('set', 'finalise', 'reopen')),"
	"  detail TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX assessment_log_by_assessment ON assessment_log(assessment_id);",
};

static int db_error(struct mlps_store *st, struct mlps_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;

	/* A bad file is the user's input, whatever we were doing when we found out. */
	if (code == SQLITE_NOTADB)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: not an SQLite database (damaged, or some "
				      "other kind of file); it was not changed", st->path);
	if (code == SQLITE_CORRUPT)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the database file is corrupt; restore a "
				      "backup (made with 'mlps db backup')", st->path);
	if (code == SQLITE_READONLY)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the database is read-only; nothing was "
				      "changed", st->path);
	if (code == SQLITE_FULL)
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: %s: the disk is full; the last change "
				      "was not saved", st->path, what);
	return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static int exec(struct mlps_store *st, const char *sql, struct mlps_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(st, err, "query failed");
	return 0;
}

static int prepare(struct mlps_store *st, const char *sql, sqlite3_stmt **stmt, struct mlps_error *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK) {
		*stmt = NULL;
		return db_error(st, err, "cannot prepare a query");
	}
	return 0;
}

/* One integer from a query with no parameters, e.g. a PRAGMA. */
static int query_int(struct mlps_store *st, const char *sql, long long *out, struct mlps_error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if (prepare(st, sql, &stmt, err))
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return db_error(st, err, "cannot read the database");
	return 0;
}

/* Current time, UTC, ISO 8601; MLPS_NOW overrides it for reproducible tests. */
static char *now_iso(void)
{
	const char *fixed = getenv("MLPS_NOW");
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;

	if (fixed && *fixed)
		return mlps_strdup(fixed);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return mlps_strdup(buf);
}

static const char *user_name(void)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

char *mlps_store_default_path(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		strbuf_addf(&sb, "%s/mlps/mlps.db", xdg);
	else
		strbuf_addf(&sb, "%s/.local/share/mlps/mlps.db", home && *home ? home : ".");
	return strbuf_detach(&sb, NULL);
}

/* mkdir -p of the directories above path; new ones are private (0700). */
static int make_parents(const char *path, struct mlps_error *err)
{
	char *copy = mlps_strdup(path), *p;
	int rc = 0;

	for (p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			rc = mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot create directory %s: %s", path,
					    copy, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

static int migrate(struct mlps_store *st, long long from, struct mlps_error *err)
{
	struct strbuf sql = STRBUF_INIT;
	long long v;
	int rc = 0;

	if (exec(st, "BEGIN IMMEDIATE", err))
		return -1;
	for (v = from; v < MLPS_STORE_SCHEMA; v++) {
		if (exec(st, migrations[v], err)) {
			rc = -1;
			goto out;
		}
	}
	strbuf_addf(&sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;", MLPS_STORE_SCHEMA,
		    MLPS_APPLICATION_ID);
	rc = exec(st, sql.buf, err);
out:
	if (rc) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	} else if (exec(st, "COMMIT", err)) {
		rc = -1;
	}
	strbuf_release(&sql);
	return rc;
}

struct mlps_store *mlps_store_open(const char *path, struct mlps_error *err)
{
	return mlps_store_open_ex(path, true, NULL, err);
}

struct mlps_store *mlps_store_open_ex(const char *path, bool create, bool *created, struct mlps_error *err)
{
	struct mlps_store *st = mlps_calloc(1, sizeof(*st));
	long long version, app, objects;
	int is_uri = !strncmp(path, "file:", 5), flags = SQLITE_OPEN_READWRITE;
	struct stat sb;

	st->path = mlps_strdup(path);
	/* An SQLite URI ("file:x.db?mode=ro") is passed through as it is: no file is created. */
	if (is_uri) {
		flags |= SQLITE_OPEN_URI;
	} else if (stat(path, &sb) != 0) {
		int fd;

		/* Reading never creates: a typo in --db must not leave an empty database behind. */
		if (!create) {
			mlps_error_set(err, MLPS_ERR_RUNTIME, "no database at %s", path);
			goto fail;
		}
		if (make_parents(path, err))
			goto fail;
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd < 0 && errno != EEXIST) {
			mlps_error_set(err, errno == ENOENT || errno == ENOTDIR ? MLPS_ERR_INPUT : MLPS_ERR_RUNTIME,
				       "%s: cannot create the database: %s", path, strerror(errno));
			goto fail;
		}
		if (fd >= 0) {
			close(fd);
			if (created)
				*created = true;
		}
	} else if (!S_ISREG(sb.st_mode)) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: not a regular file", path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &st->db, flags, mlps_store_vfs()) != SQLITE_OK) {
		db_error(st, err, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db, 1);
	/*
	 * The write-ahead log outlives each process: closing neither checkpoints
	 * nor deletes it (autocheckpoint folds it in every 1000 pages), so that
	 * an answer costs one fdatasync (its commit) instead of five (creating,
	 * checkpointing and deleting the log each time). Durability is the
	 * commit's: synchronous = FULL syncs the log before a command returns.
	 */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &(int){ 1 });
	if (query_int(st, "SELECT count(*) FROM sqlite_master", &objects, err) ||
	    query_int(st, "PRAGMA user_version", &version, err) ||
	    query_int(st, "PRAGMA application_id", &app, err))
		goto fail;
	if (app != MLPS_APPLICATION_ID && (app != 0 || objects > 0)) {
		mlps_error_set(err, MLPS_ERR_INPUT,
			       "%s: an SQLite database, but not an mlps one; refusing to touch it", path);
		goto fail;
	}
	if (version > MLPS_STORE_SCHEMA) {
		mlps_error_set(err, MLPS_ERR_INPUT,
			       "%s: database schema version %lld is newer than this mlps knows (%d); "
			       "use a newer mlps; the file was not changed", path, version, MLPS_STORE_SCHEMA);
		goto fail;
	}
	if (exec(st, "PRAGMA foreign_keys = ON", err))
		goto fail;
	if (!sqlite3_db_readonly(st->db, "main")) {
		if (exec(st, "PRAGMA journal_mode = WAL", err) || exec(st, "PRAGMA synchronous = FULL", err) ||
		    exec(st, "PRAGMA journal_size_limit = 4194304", err))
			goto fail;
		if (version < MLPS_STORE_SCHEMA && migrate(st, version, err))
			goto fail;
	} else if (version < MLPS_STORE_SCHEMA) {
		mlps_error_set(err, MLPS_ERR_INPUT,
			       "%s: the database is read-only and needs an upgrade to schema %d", path,
			       MLPS_STORE_SCHEMA);
		goto fail;
	}
	return st;
fail:
	mlps_store_close(st);
	return NULL;
}

void mlps_store_close(struct mlps_store *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->data_version);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *mlps_store_path(const struct mlps_store *st)
{
	return st->path;
}

static void bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, i);
}

static char *col_text(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s ? mlps_strdup((const char *)s) : NULL;
}

static int begin(struct mlps_store *st, struct mlps_error *err)
{
	if (sqlite3_db_readonly(st->db, "main"))
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the database is read-only; nothing was changed",
				      st->path);
	return exec(st, "BEGIN IMMEDIATE", err);
}

static int end(struct mlps_store *st, int rc, struct mlps_error *err)
{
	if (rc) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (exec(st, "COMMIT", err)) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* Finds the system by name and organisation, or creates it; updates levels and flags. */
static int upsert_system(struct mlps_store *st, struct mlps_system *sys, const char *now,
			 struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	if (prepare(st, "INSERT INTO systems (name, org, s_level, a_level, flags, created) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (name, org) DO UPDATE SET "
			"s_level = excluded.s_level, a_level = excluded.a_level, flags = excluded.flags "
			"RETURNING id", &stmt, err))
		goto out;
	sqlite3_bind_text(stmt, 1, sys->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, sys->org ? sys->org : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(stmt, 3, sys->s_level);
	sqlite3_bind_int(stmt, 4, sys->a_level);
	sqlite3_bind_int64(stmt, 5, sys->flags);
	sqlite3_bind_text(stmt, 6, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_error(st, err, "cannot save the system");
		goto out;
	}
	sys->id = sqlite3_column_int64(stmt, 0);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

static int insert_assessment(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	/* A new assessment gets a new identifier; an imported one keeps the one it travelled with. */
	if (prepare(st, "INSERT INTO assessments (system_id, level, extensions, profile_hash, rules_id, "
			"assessor, status, created, updated, parent_id, uid) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(?11, lower(hex(randomblob(16))))) "
			"RETURNING id", &stmt, err))
		goto out;
	bind_text(stmt, 11, a->uid);
	sqlite3_bind_int64(stmt, 1, a->sys.id);
	sqlite3_bind_int(stmt, 2, a->level);
	sqlite3_bind_int64(stmt, 3, a->ext);
	sqlite3_bind_text(stmt, 4, a->profile_hash, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 5, a->rules_id, -1, SQLITE_TRANSIENT);
	bind_text(stmt, 6, a->assessor);
	sqlite3_bind_text(stmt, 7, a->status == MLPS_FINAL ? "final" : "draft", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 8, a->created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 9, a->updated, -1, SQLITE_TRANSIENT);
	if (a->parent)
		sqlite3_bind_int64(stmt, 10, a->parent);
	else
		sqlite3_bind_null(stmt, 10);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT && a->uid)
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: an assessment with identifier %s is already in the "
				       "database; nothing was saved", st->path, a->uid);
		else
			db_error(st, err, "cannot save the assessment");
		goto out;
	}
	a->id = sqlite3_column_int64(stmt, 0);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

static void stamp(struct mlps_assessment *a)
{
	if (!a->created)
		a->created = now_iso();
	if (!a->updated)
		a->updated = mlps_strdup(a->created);
}

static int insert_object(struct mlps_store *st, long long assessment, const struct mlps_object *o,
			 struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	if (prepare(st, "INSERT INTO objects (assessment_id, name, kind, importance, description) "
			"VALUES (?1, ?2, ?3, ?4, ?5)", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, assessment);
	sqlite3_bind_text(stmt, 2, o->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, o->kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, mlps_importance_name(o->importance), -1, SQLITE_STATIC);
	bind_text(stmt, 5, o->desc);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
			mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld already has an object named '%s'; "
				       "nothing was changed", assessment, o->name);
		else
			db_error(st, err, "cannot save the object");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * The assessment's objects. Every assessment has a system object: one named
 * after the system is added first when a has none (a itself is not changed;
 * loading the assessment back shows it).
 */
static int insert_objects(struct mlps_store *st, const struct mlps_assessment *a, struct mlps_error *err)
{
	size_t i;
	bool has_system = false;

	for (i = 0; i < a->n_objects; i++)
		has_system |= !strcmp(a->objects[i].kind, MLPS_KIND_SYSTEM);
	if (!has_system) {
		struct mlps_object sys = { a->sys.name, (char *)MLPS_KIND_SYSTEM, MLPS_IMP_KEY, NULL };

		if (insert_object(st, a->id, &sys, err))
			return -1;
	}
	for (i = 0; i < a->n_objects; i++)
		if (insert_object(st, a->id, &a->objects[i], err))
			return -1;
	return 0;
}

int mlps_store_create(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err)
{
	int rc;

	stamp(a);
	if (begin(st, err))
		return -1;
	rc = upsert_system(st, &a->sys, a->created, err);
	if (!rc)
		rc = insert_assessment(st, a, err);
	if (!rc)
		rc = insert_objects(st, a, err);
	return end(st, rc, err);
}

/*
 * The id of an assessment's object by name (NULL: its first object of kind
 * system, as mlps_assessment_put() has it); 0 (with an input error) when
 * there is none. *found_name, when given, gets the name (caller frees).
 */
static long long object_id_name(struct mlps_store *st, long long assessment, const char *name,
				char **found_name, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	long long id = 0;
	int rc;

	if (prepare(st, name ? "SELECT id, name FROM objects WHERE assessment_id = ?1 AND name = ?2"
			     : "SELECT id, name FROM objects WHERE assessment_id = ?1 AND kind = 'system' "
			       "ORDER BY id LIMIT 1", &stmt, err))
		return 0;
	sqlite3_bind_int64(stmt, 1, assessment);
	if (name)
		sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		if (found_name)
			*found_name = col_text(stmt, 1);
	}
	else if (rc == SQLITE_DONE)
		mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld has no object named '%s' (see 'mlps "
			       "object list %lld'); nothing was changed", assessment, name ? name : "", assessment);
	else
		db_error(st, err, "cannot read the objects");
	sqlite3_finalize(stmt);
	return id;
}

static long long object_id(struct mlps_store *st, long long assessment, const char *name,
			   struct mlps_error *err)
{
	return object_id_name(st, assessment, name, NULL, err);
}

static void hash_text(char out[17], uint64_t h)
{
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* The columns answer_from_row() reads, in its order (answers x, objects o). */
#define ANSWER_COLUMNS "x.req_key, x.status, x.note, x.evidence, x.na_reason, x.risk, x.mitigation, " \
	"x.owner, x.due, x.plan, x.to_confirm, x.text_hash, x.who, x.updated, o.name, x.revision"

static uint64_t parse_hash(const char *s)
{
	return s ? (uint64_t)strtoull(s, NULL, 16) : 0;
}

/* One answer from a row of ANSWER_COLUMNS into *ans (caller releases it). */
static int answer_from_row(struct mlps_store *st, sqlite3_stmt *rows, long long id, struct mlps_answer *ans,
			   struct mlps_error *err)
{
	enum mlps_status status;
	enum mlps_risk risk;
	enum mlps_plan plan;

	memset(ans, 0, sizeof(*ans));
	if (mlps_status_parse((const char *)sqlite3_column_text(rows, 1), &status) ||
	    mlps_risk_parse((const char *)sqlite3_column_text(rows, 5), &risk) ||
	    mlps_plan_parse((const char *)sqlite3_column_text(rows, 9), &plan))
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: assessment %lld: answer to %s has an unknown "
				      "status, risk or plan", st->path, id, sqlite3_column_text(rows, 0));
	ans->key = col_text(rows, 0);
	ans->status = status;
	ans->note = col_text(rows, 2);
	ans->evidence = col_text(rows, 3);
	ans->na_reason = col_text(rows, 4);
	ans->risk = risk;
	ans->mitigation = col_text(rows, 6);
	ans->owner = col_text(rows, 7);
	ans->due = col_text(rows, 8);
	ans->plan = plan;
	ans->to_confirm = sqlite3_column_int(rows, 10) != 0;
	ans->text_hash = parse_hash((const char *)sqlite3_column_text(rows, 11));
	ans->who = col_text(rows, 12);
	ans->updated = col_text(rows, 13);
	ans->object = col_text(rows, 14);
	ans->revision = sqlite3_column_int64(rows, 15);
	return 0;
}

/*
 * The stored answer of (key, object id) into *ans, inside the caller's
 * transaction; *found 0 (and *ans zeroed) when there is none.
 */
static int read_answer(struct mlps_store *st, long long assessment, const char *key, long long object,
		       struct mlps_answer *ans, int *found, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(ans, 0, sizeof(*ans));
	*found = 0;
	if (prepare(st, "SELECT " ANSWER_COLUMNS " FROM answers x JOIN objects o ON o.id = x.object_id "
			"WHERE x.assessment_id = ?1 AND x.req_key = ?2 AND x.object_id = ?3", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, assessment);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 3, object);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*found = 1;
		rc = answer_from_row(st, stmt, assessment, ans, err) ? -1 : 0;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_error(st, err, "cannot read the answer");
	}
	sqlite3_finalize(stmt);
	return rc;
}

static bool text_differs(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/*
 * Which of an answer's texts and plan fields a change touches, for the log:
 * "note,evidence,..." in a fixed order (old NULL: a new answer).
 */
static void changed_fields(struct strbuf *sb, const struct mlps_answer *old, const struct mlps_answer *ans)
{
	static const struct mlps_answer none;
	const struct mlps_answer *o = old ? old : &none;
	const struct {
		const char *name;
		bool differs;
	} f[] = {
		{ "note", text_differs(o->note, ans->note) },
		{ "evidence", text_differs(o->evidence, ans->evidence) },
		{ "reason", text_differs(o->na_reason, ans->na_reason) },
		{ "risk", o->risk != ans->risk },
		{ "mitigation", text_differs(o->mitigation, ans->mitigation) },
		{ "owner", text_differs(o->owner, ans->owner) },
		{ "due", text_differs(o->due, ans->due) },
		{ "plan", o->plan != ans->plan },
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].differs)
			strbuf_addf(sb, "%s%s", sb->len ? "," : "", f[i].name);
}

/* Writes one answer row (insert or replace) and its log line; inside a transaction. */
static int write_answer(struct mlps_store *st, long long assessment, const struct mlps_answer *ans,
			long long expect, long long *new_rev, const char *who, const char *now, int log,
			struct mlps_error *err)
{
	sqlite3_stmt *put = NULL, *line = NULL;
	char *object_name = NULL;
	long long object = object_id_name(st, assessment, ans->object, &object_name, err);
	struct mlps_answer cur;
	struct strbuf changed = STRBUF_INIT;
	char hash[17];
	int rc = -1, found = 0;

	memset(&cur, 0, sizeof(cur));
	if (!object || read_answer(st, assessment, ans->key, object, &cur, &found, err))
		goto out;
	/*
	 * Compare-and-set: the writer says which revision it read (0: none), and
	 * a row that moved on since then is not overwritten. This is what keeps
	 * the UI and another writer from silently undoing each other.
	 */
	if (expect >= 0 && expect != cur.revision) {
		mlps_error_set(err, MLPS_ERR_CONFLICT, "the answer to %s on %s was changed by %s at %s since it was "
			       "read (revision %lld, read %lld); nothing was written", ans->key, object_name,
			       cur.who ? cur.who : "someone", cur.updated ? cur.updated : "?", cur.revision, expect);
		goto out;
	}
	if (prepare(st, "INSERT OR REPLACE INTO answers (assessment_id, req_key, status, note, evidence, "
			"na_reason, risk, mitigation, owner, due, plan, to_confirm, text_hash, who, updated, "
			"object_id, revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
			"?15, ?16, ?17)", &put, err))
		goto out;
	sqlite3_bind_int64(put, 16, object);
	sqlite3_bind_int64(put, 17, cur.revision + 1);
	hash_text(hash, ans->text_hash);
	sqlite3_bind_int64(put, 1, assessment);
	sqlite3_bind_text(put, 2, ans->key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(put, 3, mlps_status_name(ans->status), -1, SQLITE_STATIC);
	bind_text(put, 4, ans->note);
	bind_text(put, 5, ans->evidence);
	bind_text(put, 6, ans->na_reason);
	sqlite3_bind_text(put, 7, mlps_risk_name(ans->risk), -1, SQLITE_STATIC);
	bind_text(put, 8, ans->mitigation);
	bind_text(put, 9, ans->owner);
	bind_text(put, 10, ans->due);
	sqlite3_bind_text(put, 11, mlps_plan_name(ans->plan), -1, SQLITE_STATIC);
	sqlite3_bind_int(put, 12, ans->to_confirm);
	bind_text(put, 13, ans->text_hash ? hash : NULL);
	bind_text(put, 14, ans->who ? ans->who : who);
	bind_text(put, 15, ans->updated ? ans->updated : now);
	if (sqlite3_step(put) != SQLITE_DONE) {
		db_error(st, err, "cannot save the answer");
		goto out;
	}
	if (log) {
		if (prepare(st, "INSERT INTO answer_log (assessment_id, req_key, who, at, old_status, "
				"new_status, old_note, new_note, object, changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
				"?8, ?9, ?10)", &line, err))
			goto out;
		changed_fields(&changed, found ? &cur : NULL, ans);
		bind_text(line, 10, changed.len ? changed.buf : NULL);
		sqlite3_bind_text(line, 9, object_name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(line, 1, assessment);
		sqlite3_bind_text(line, 2, ans->key, -1, SQLITE_TRANSIENT);
		bind_text(line, 3, who);
		sqlite3_bind_text(line, 4, now, -1, SQLITE_TRANSIENT);
		bind_text(line, 5, found ? mlps_status_name(cur.status) : NULL);
		sqlite3_bind_text(line, 6, mlps_status_name(ans->status), -1, SQLITE_STATIC);
		bind_text(line, 7, cur.note);
		bind_text(line, 8, ans->note);
		if (sqlite3_step(line) != SQLITE_DONE) {
			db_error(st, err, "cannot write the answer log");
			goto out;
		}
	}
	if (new_rev)
		*new_rev = cur.revision + 1;
	rc = 0;
out:
	sqlite3_finalize(put);
	sqlite3_finalize(line);
	mlps_answer_release(&cur);
	strbuf_release(&changed);
	free(object_name);
	return rc;
}

static int query_id(struct mlps_store *st, const char *sql, long long id, long long *out, int *found,
		    struct mlps_error *err);

/* The refusal every write to a final assessment gets (an input error: nothing was changed). */
static int refuse_final(struct mlps_store *st, long long id, struct mlps_error *err)
{
	(void)st;
	return mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld is final (signed off); reopen it with "
			      "'mlps reopen %lld --reason TEXT' to change it; nothing was changed", id, id);
}

static int touch_assessment(struct mlps_store *st, long long id, const char *now, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc = -1;

	/* Only a draft changes: a final assessment is what was signed, every write path comes here. */
	if (prepare(st, "UPDATE assessments SET updated = ?2 WHERE id = ?1 AND status = 'draft'", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_error(st, err, "cannot update the assessment");
		goto out;
	}
	if (sqlite3_changes(st->db) == 0) {
		int found = 0;
		long long dummy;

		if (query_id(st, "SELECT id FROM assessments WHERE id = ?1", id, &dummy, &found, err))
			goto out;
		if (found)
			refuse_final(st, id, err);
		else
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: no assessment %lld", st->path, id);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return rc;
}

/* One answer in its own transaction; expect < 0: no revision check. */
static int save_answer(struct mlps_store *st, long long assessment, const struct mlps_answer *ans,
		       long long expect, long long *rev, const char *who, struct mlps_error *err)
{
	char *now = now_iso();
	int rc;

	if (!who)
		who = user_name();
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	rc = touch_assessment(st, assessment, now, err);
	if (!rc)
		rc = write_answer(st, assessment, ans, expect, rev, who, now, 1, err);
	free(now);
	return end(st, rc, err);
}

int mlps_store_save_answer(struct mlps_store *st, long long assessment, const struct mlps_answer *ans,
			   const char *who, struct mlps_error *err)
{
	return save_answer(st, assessment, ans, -1, NULL, who, err);
}

int mlps_store_save_answer_cas(struct mlps_store *st, long long assessment, struct mlps_answer *ans,
			       const char *who, struct mlps_error *err)
{
	long long rev = 0;

	if (save_answer(st, assessment, ans, ans->revision, &rev, who, err))
		return -1;
	ans->revision = rev;
	return 0;
}

int mlps_store_edit_answer(struct mlps_store *st, long long assessment, const char *key, const char *object,
			   mlps_answer_edit_fn edit, void *ctx, const char *who, struct mlps_answer *out,
			   struct mlps_error *err)
{
	struct mlps_answer ans;
	char *now = now_iso(), *object_name = NULL;
	long long id, rev = 0;
	int rc = -1, found = 0;

	memset(&ans, 0, sizeof(ans));
	if (!who)
		who = user_name();
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	/* The read, the change and the write happen under one write lock: no writer comes between. */
	if (touch_assessment(st, assessment, now, err) ||
	    !(id = object_id_name(st, assessment, object, &object_name, err)) ||
	    read_answer(st, assessment, key, id, &ans, &found, err))
		goto out;
	if (!found) {
		ans.key = mlps_strdup(key);
		ans.object = mlps_strdup(object_name);
	}
	if (edit(&ans, ctx, err))
		goto out;
	free(ans.who);
	free(ans.updated);
	ans.who = mlps_strdup(who);
	ans.updated = mlps_strdup(now);
	rc = write_answer(st, assessment, &ans, -1, &rev, who, now, 1, err);
	ans.revision = rev;
out:
	rc = end(st, rc, err);
	if (!rc && out)
		*out = ans;
	else
		mlps_answer_release(&ans);
	free(object_name);
	free(now);
	return rc;
}

/* One integer column of a one-row query with the parameter ?1 = id; *found 0 when no row. */
static int query_id(struct mlps_store *st, const char *sql, long long id, long long *out, int *found,
		    struct mlps_error *err)
{
	sqlite3_stmt *stmt;
	int rc;

	if (prepare(st, sql, &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	*found = rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL;
	if (*found)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, "cannot read the database");
	return 0;
}

int mlps_store_delete(struct mlps_store *st, long long id, struct mlps_error *err)
{
	return mlps_store_delete_ex(st, id, false, err);
}

int mlps_store_delete_ex(struct mlps_store *st, long long id, bool force, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	long long system = 0, child = 0;
	int found, rc = -1;

	if (begin(st, err))
		return -1;
	if (query_id(st, "SELECT system_id FROM assessments WHERE id = ?1", id, &system, &found, err))
		goto out;
	if (!found) {
		mlps_error_set(err, MLPS_ERR_INPUT, "no assessment %lld in %s (see 'mlps list')", id, st->path);
		goto out;
	}
	if (query_id(st, "SELECT 1 FROM assessments WHERE id = ?1 AND status = 'final'", id, &child, &found, err))
		goto out;
	if (found && !force) {
		mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld is final (signed off); deleting it needs "
			       "--force; nothing was deleted", id);
		goto out;
	}
	child = 0;
	if (query_id(st, "SELECT min(id) FROM assessments WHERE parent_id = ?1", id, &child, &found, err))
		goto out;
	if (found) {
		mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld is the base of re-audit %lld; delete %lld "
			       "first; nothing was deleted", id, child, child);
		goto out;
	}
	/* Answers and the answer log go with it (ON DELETE CASCADE). */
	if (prepare(st, "DELETE FROM assessments WHERE id = ?1", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_error(st, err, "cannot delete the assessment");
		goto out;
	}
	sqlite3_finalize(stmt);
	if (prepare(st, "DELETE FROM systems WHERE id = ?1 AND NOT EXISTS "
			"(SELECT 1 FROM assessments WHERE system_id = ?1)", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, system);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_error(st, err, "cannot delete the system");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return end(st, rc, err);
}

static unsigned parse_ext(long long v)
{
	return (unsigned)v | MLPS_EXT_BIT(MLPS_EXT_GENERAL);
}

/* The objects of a, in the order they were added. */
static int load_objects(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (prepare(st, "SELECT name, kind, importance, description FROM objects WHERE assessment_id = ?1 "
			"ORDER BY id", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, a->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		const char *kind = (const char *)sqlite3_column_text(stmt, 1);
		enum mlps_importance imp;

		if (!name || !*name || !kind || !*kind ||
		    mlps_importance_parse((const char *)sqlite3_column_text(stmt, 2), &imp)) {
			sqlite3_finalize(stmt);
			return mlps_error_set(err, MLPS_ERR_INPUT, "%s: assessment %lld: an object has no name, "
					      "no kind or an unknown importance", st->path, a->id);
		}
		mlps_assessment_add_object(a, name, kind, imp, (const char *)sqlite3_column_text(stmt, 3));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, err, "cannot read the objects");
	return 0;
}

struct mlps_assessment *mlps_store_load(struct mlps_store *st, long long id, struct mlps_error *err)
{
	struct mlps_assessment *a = NULL;
	sqlite3_stmt *head = NULL, *rows = NULL;
	int rc;

	if (prepare(st, "SELECT a.level, a.extensions, a.profile_hash, a.rules_id, a.assessor, a.status, "
			"a.created, a.updated, a.parent_id, s.id, s.name, s.org, s.s_level, s.a_level, s.flags, a.uid, "
			"a.reviewer, a.signed_date, a.signed_open, a.signed_catalog, a.signed_rules, a.reopen_reason "
			"FROM assessments a JOIN systems s ON s.id = a.system_id WHERE a.id = ?1", &head, err))
		goto fail;
	sqlite3_bind_int64(head, 1, id);
	rc = sqlite3_step(head);
	if (rc == SQLITE_DONE) {
		mlps_error_set(err, MLPS_ERR_INPUT, "no assessment %lld in %s (see 'mlps list')", id, st->path);
		goto fail;
	}
	if (rc != SQLITE_ROW) {
		db_error(st, err, "cannot read the assessment");
		goto fail;
	}
	a = mlps_calloc(1, sizeof(*a));
	a->id = id;
	a->level = sqlite3_column_int(head, 0);
	a->ext = parse_ext(sqlite3_column_int64(head, 1));
	a->profile_hash = col_text(head, 2);
	a->rules_id = col_text(head, 3);
	a->assessor = col_text(head, 4);
	a->status = !strcmp((const char *)sqlite3_column_text(head, 5), "final") ? MLPS_FINAL : MLPS_DRAFT;
	a->created = col_text(head, 6);
	a->updated = col_text(head, 7);
	a->parent = sqlite3_column_int64(head, 8);
	a->sys.id = sqlite3_column_int64(head, 9);
	a->sys.name = col_text(head, 10);
	a->sys.org = col_text(head, 11);
	if (a->sys.org && !*a->sys.org) {
		free(a->sys.org);
		a->sys.org = NULL;
	}
	a->sys.s_level = sqlite3_column_int(head, 12);
	a->sys.a_level = sqlite3_column_int(head, 13);
	a->sys.flags = (unsigned)sqlite3_column_int64(head, 14);
	a->uid = col_text(head, 15);
	a->reviewer = col_text(head, 16);
	a->signed_date = col_text(head, 17);
	a->signed_open = sqlite3_column_int(head, 18);
	a->signed_catalog = col_text(head, 19);
	a->signed_rules = col_text(head, 20);
	a->reopen_reason = col_text(head, 21);

	if (load_objects(st, a, err))
		goto fail;
	/* The order of mlps_assessment_put(): key, then object name, both bytewise. */
	if (prepare(st, "SELECT " ANSWER_COLUMNS " FROM answers x JOIN objects o ON o.id = x.object_id "
			"WHERE x.assessment_id = ?1 ORDER BY x.req_key, o.name", &rows, err))
		goto fail;
	sqlite3_bind_int64(rows, 1, id);
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		struct mlps_answer ans;

		if (answer_from_row(st, rows, id, &ans, err))
			goto fail;
		mlps_grow((void **)&a->answers, &a->alloc_answers, a->n_answers + 1, sizeof(*a->answers));
		a->answers[a->n_answers++] = ans;
	}
	if (rc != SQLITE_DONE) {
		db_error(st, err, "cannot read the answers");
		goto fail;
	}
	sqlite3_finalize(head);
	sqlite3_finalize(rows);
	return a;
fail:
	sqlite3_finalize(head);
	sqlite3_finalize(rows);
	mlps_assessment_free(a);
	return NULL;
}

int mlps_store_list(struct mlps_store *st, struct mlps_store_row **out, size_t *n, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	struct mlps_store_row *rows = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (prepare(st, "SELECT a.id, s.name, s.org, a.level, s.s_level, s.a_level, a.extensions, "
			"a.created, a.updated, a.status, a.parent_id, "
			"(SELECT count(*) FROM answers x WHERE x.assessment_id = a.id AND x.status <> 'unanswered'), "
			"(SELECT count(*) FROM answers x WHERE x.assessment_id = a.id AND x.to_confirm) "
			"FROM assessments a JOIN systems s ON s.id = a.system_id ORDER BY a.id", &stmt, err))
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct mlps_store_row *r;

		mlps_grow((void **)&rows, &alloc, count + 1, sizeof(*rows));
		r = &rows[count++];
		r->id = sqlite3_column_int64(stmt, 0);
		r->system = col_text(stmt, 1);
		r->org = col_text(stmt, 2);
		r->level = sqlite3_column_int(stmt, 3);
		r->s_level = sqlite3_column_int(stmt, 4);
		r->a_level = sqlite3_column_int(stmt, 5);
		r->ext = parse_ext(sqlite3_column_int64(stmt, 6));
		r->created = col_text(stmt, 7);
		r->updated = col_text(stmt, 8);
		r->status = !strcmp((const char *)sqlite3_column_text(stmt, 9), "final") ? MLPS_FINAL : MLPS_DRAFT;
		r->parent = sqlite3_column_int64(stmt, 10);
		r->answers = sqlite3_column_int(stmt, 11);
		r->unconfirmed = sqlite3_column_int(stmt, 12);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		mlps_store_rows_free(rows, count);
		return db_error(st, err, "cannot list the assessments");
	}
	*out = rows;
	*n = count;
	return 0;
}

void mlps_store_rows_free(struct mlps_store_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].system);
		free(rows[i].org);
		free(rows[i].created);
		free(rows[i].updated);
	}
	free(rows);
}

int mlps_store_import(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err)
{
	/* The parent lives in the database it came from, not necessarily in this one. */
	a->parent = 0;
	return mlps_store_insert(st, a, err);
}

int mlps_store_insert(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err)
{
	char *now = now_iso();
	size_t i;
	int rc;

	stamp(a);
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	rc = upsert_system(st, &a->sys, a->created, err);
	if (!rc)
		rc = insert_assessment(st, a, err);
	if (!rc)
		rc = insert_objects(st, a, err);
	for (i = 0; !rc && i < a->n_answers; i++)
		rc = write_answer(st, a->id, &a->answers[i], -1, NULL, user_name(), now, 0, err);
	free(now);
	return end(st, rc, err);
}

int mlps_store_add_object(struct mlps_store *st, long long assessment, const struct mlps_object *o,
			  struct mlps_error *err)
{
	char *now = now_iso();
	int rc;

	if (begin(st, err)) {
		free(now);
		return -1;
	}
	rc = touch_assessment(st, assessment, now, err);
	if (!rc)
		rc = insert_object(st, assessment, o, err);
	free(now);
	return end(st, rc, err);
}

int mlps_store_rename_object(struct mlps_store *st, long long assessment, const char *from, const char *to,
			     struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char *now = now_iso();
	long long id;
	int rc = -1;

	if (begin(st, err)) {
		free(now);
		return -1;
	}
	if (touch_assessment(st, assessment, now, err) || !(id = object_id(st, assessment, from, err)))
		goto out;
	if (prepare(st, "UPDATE objects SET name = ?2 WHERE id = ?1", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
			mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld already has an object named '%s'; "
				       "nothing was changed", assessment, to);
		else
			db_error(st, err, "cannot rename the object");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(now);
	return end(st, rc, err);
}

int mlps_store_remove_object(struct mlps_store *st, long long assessment, const char *name, bool force,
			     const char *who, int *removed, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char *now = now_iso();
	long long id, n = 0, others = 0;
	int found, rc = -1;

	*removed = 0;
	if (!who)
		who = user_name();
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	if (touch_assessment(st, assessment, now, err) || !(id = object_id(st, assessment, name, err)))
		goto out;
	if (query_id(st, "SELECT count(*) FROM objects WHERE assessment_id = (SELECT assessment_id FROM "
			 "objects WHERE id = ?1) AND kind = 'system' AND id <> ?1", id, &others, &found, err))
		goto out;
	if (query_id(st, "SELECT count(*) FROM objects WHERE id = ?1 AND kind = 'system'", id, &n, &found, err))
		goto out;
	if (n && !others) {
		mlps_error_set(err, MLPS_ERR_INPUT, "'%s' is the assessment's only object of kind system (the "
			       "system as a whole); it cannot be removed; nothing was changed", name);
		goto out;
	}
	if (query_id(st, "SELECT count(*) FROM answers WHERE object_id = ?1", id, &n, &found, err))
		goto out;
	if (n && !force) {
		mlps_error_set(err, MLPS_ERR_INPUT, "object '%s' has %lld answer%s; removing it deletes them: "
			       "add --force to remove it anyway; nothing was changed", name, n, n == 1 ? "" : "s");
		goto out;
	}
	/* The log keeps what was removed: one line per answer, its old status and note. */
	if (prepare(st, "INSERT INTO answer_log (assessment_id, req_key, who, at, old_status, new_status, "
			"old_note, new_note, object) SELECT assessment_id, req_key, ?2, ?3, status, 'unanswered', "
			"note, NULL, ?4 FROM answers WHERE object_id = ?1 ORDER BY req_key", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_error(st, err, "cannot write the answer log");
		goto out;
	}
	sqlite3_finalize(stmt);
	if (prepare(st, "DELETE FROM objects WHERE id = ?1", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		db_error(st, err, "cannot remove the object");
		goto out;
	}
	*removed = (int)n;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(now);
	return end(st, rc, err);
}

/*
 * SQLite's data_version moves when another connection commits (never for
 * our own writes), so polling it costs one cached statement and no I/O
 * beyond what SQLite already does to stay consistent.
 */
bool mlps_store_changed_elsewhere(struct mlps_store *st)
{
	long long v;
	bool changed;

	if (!st->data_version &&
	    sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &st->data_version, NULL) != SQLITE_OK) {
		st->data_version = NULL;
		return false;
	}
	if (sqlite3_step(st->data_version) != SQLITE_ROW) {
		sqlite3_reset(st->data_version);
		return false;
	}
	v = sqlite3_column_int64(st->data_version, 0);
	sqlite3_reset(st->data_version);
	changed = st->seen_version && v != st->seen_version;
	st->seen_version = v;
	return changed;
}

int mlps_store_last_change(struct mlps_store *st, long long assessment, struct mlps_store_change *c,
			   struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(c, 0, sizeof(*c));
	if (prepare(st, "SELECT who, at, req_key, object, new_status FROM answer_log WHERE assessment_id = ?1 "
			"ORDER BY id DESC LIMIT 1", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, assessment);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		c->who = col_text(stmt, 0);
		c->at = col_text(stmt, 1);
		c->key = col_text(stmt, 2);
		c->object = col_text(stmt, 3);
		c->status = col_text(stmt, 4);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, "cannot read the answer log");
	return 0;
}

void mlps_store_change_release(struct mlps_store_change *c)
{
	free(c->who);
	free(c->at);
	free(c->key);
	free(c->object);
	free(c->status);
	memset(c, 0, sizeof(*c));
}

long long mlps_store_find_uid(struct mlps_store *st, const char *uid, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	long long id = 0;
	int rc;

	if (prepare(st, "SELECT id FROM assessments WHERE uid = ?1", &stmt, err))
		return -1;
	sqlite3_bind_text(stmt, 1, uid, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		id = db_error(st, err, "cannot read the assessments");
	sqlite3_finalize(stmt);
	return id;
}

long long mlps_store_child(struct mlps_store *st, long long id, struct mlps_error *err)
{
	long long child = 0;
	int found;

	if (query_id(st, "SELECT min(id) FROM assessments WHERE parent_id = ?1", id, &child, &found, err))
		return -1;
	return found ? child : 0;
}

long long mlps_store_log_count(struct mlps_store *st, long long assessment, struct mlps_error *err)
{
	sqlite3_stmt *stmt;
	long long n = -1;

	if (prepare(st, "SELECT count(*) FROM answer_log WHERE assessment_id = ?1", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, assessment);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	else
		db_error(st, err, "cannot read the answer log");
	sqlite3_finalize(stmt);
	return n;
}

int mlps_store_check(struct mlps_store *st, struct strbuf *out, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	long long version = 0, fk = 0;
	int rc, ok = 1;

	if (prepare(st, "PRAGMA integrity_check", &stmt, err))
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(stmt, 0);

		if (strcmp(line, "ok")) {
			strbuf_addf(out, "integrity: %s\n", line);
			ok = 0;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, err, "integrity check failed");
	if (ok)
		strbuf_adds(out, "integrity: ok\n");
	if (prepare(st, "PRAGMA foreign_key_check", &stmt, err))
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW)
		fk++;
	sqlite3_finalize(stmt);
	strbuf_addf(out, "foreign keys: %s", fk ? "" : "ok");
	if (fk)
		strbuf_addf(out, "%lld broken references", fk);
	strbuf_addch(out, '\n');
	if (query_int(st, "PRAGMA user_version", &version, err))
		return -1;
	strbuf_addf(out, "schema: %lld (this mlps: %d)\n", version, MLPS_STORE_SCHEMA);
	if (!ok || fk)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the database has problems (see above)", st->path);
	return 0;
}

int mlps_store_backup(struct mlps_store *st, const char *dest, struct mlps_error *err)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	struct stat sb;
	int fd, rc;

	if (stat(dest, &sb) == 0)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: already exists; choose a new file name", dest);
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return mlps_error_set(err, errno == ENOENT ? MLPS_ERR_INPUT : MLPS_ERR_RUNTIME,
				      "%s: cannot create: %s", dest, strerror(errno));
	close(fd);
	if (sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot open: %s", dest, sqlite3_errmsg(to));
		goto out;
	}
	b = sqlite3_backup_init(to, "main", st->db, "main");
	if (!b) {
		rc = mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: backup failed: %s", dest, sqlite3_errmsg(to));
		goto out;
	}
	/* Copy in steps so that writers elsewhere are not locked out for long. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: backup failed: %s", dest, sqlite3_errstr(rc));
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(to);
	if (rc)
		unlink(dest);
	return rc;
}

/* The assessment's status and system, inside the caller's transaction; an input error when there is none. */
static int read_status(struct mlps_store *st, long long id, bool *final, long long *system, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (prepare(st, "SELECT status = 'final', system_id FROM assessments WHERE id = ?1", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*final = sqlite3_column_int(stmt, 0) != 0;
		if (system)
			*system = sqlite3_column_int64(stmt, 1);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = mlps_error_set(err, MLPS_ERR_INPUT, "no assessment %lld in %s (see 'mlps list')", id, st->path);
	} else {
		rc = db_error(st, err, "cannot read the assessment");
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Steps a prepared write and finalizes it; a broken constraint is the user's input. */
static int run(struct mlps_store *st, sqlite3_stmt *stmt, const char *what, struct mlps_error *err)
{
	int rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : -1;

	if (rc) {
		if ((sqlite3_extended_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT)
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: %s; nothing was changed", what,
				       sqlite3_errmsg(st->db));
		else
			db_error(st, err, what);
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int log_event(struct mlps_store *st, long long id, const char *who, const char *now, const char *event,
		     const char *detail, struct mlps_error *err)
{
	sqlite3_stmt *stmt;

	if (prepare(st, "INSERT INTO assessment_log (assessment_id, who, at, event, detail) "
			"VALUES (?1, ?2, ?3, ?4, ?5)", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 4, event, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, detail ? detail : "", -1, SQLITE_TRANSIENT);
	return run(st, stmt, "cannot write the assessment log", err);
}

/*
 * A new name or organisation. When another system already has them, the
 * assessment joins it (a typo no longer splits a system's history) and the
 * old system goes once nothing is left of it; when this assessment is its
 * system's only one, the system is renamed; otherwise the assessment moves
 * to a new system, so that no other assessment (a final one perhaps) changes.
 * The system object named after the system follows the name.
 */
static int rename_system(struct mlps_store *st, long long id, long long system, const char *name,
			 const char *org, struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char *old_name = NULL, *old_org = NULL;
	long long other = 0, n = 0;
	int found, rc = -1;

	if (prepare(st, "SELECT name, org FROM systems WHERE id = ?1", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, system);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		db_error(st, err, "cannot read the system");
		goto out;
	}
	old_name = col_text(stmt, 0);
	old_org = col_text(stmt, 1);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (!name)
		name = old_name;
	if (!org)
		org = old_org;
	if (!strcmp(name, old_name) && !strcmp(org, old_org)) {
		rc = 0;
		goto out;
	}
	if (prepare(st, "SELECT id FROM systems WHERE name = ?1 AND org = ?2", &stmt, err))
		goto out;
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, org, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		other = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (query_id(st, "SELECT count(*) FROM assessments WHERE system_id = ?1", system, &n, &found, err))
		goto out;
	if (!other && n == 1) {
		if (prepare(st, "UPDATE systems SET name = ?2, org = ?3 WHERE id = ?1", &stmt, err))
			goto out;
		sqlite3_bind_int64(stmt, 1, system);
	} else {
		if (!other) {
			if (prepare(st, "INSERT INTO systems (name, org, s_level, a_level, flags, created) SELECT ?2, "
					"?3, s_level, a_level, flags, created FROM systems WHERE id = ?1 RETURNING id",
				    &stmt, err))
				goto out;
			sqlite3_bind_int64(stmt, 1, system);
			sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 3, org, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(stmt) != SQLITE_ROW) {
				db_error(st, err, "cannot save the system");
				goto out;
			}
			other = sqlite3_column_int64(stmt, 0);
			sqlite3_finalize(stmt);
		}
		if (prepare(st, "UPDATE assessments SET system_id = ?2 WHERE id = ?1", &stmt, err))
			goto out;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, other);
		if (run(st, stmt, "cannot move the assessment", err)) {
			stmt = NULL;
			goto out;
		}
		if (prepare(st, "DELETE FROM systems WHERE id = ?1 AND NOT EXISTS "
				"(SELECT 1 FROM assessments WHERE system_id = ?1)", &stmt, err))
			goto out;
		sqlite3_bind_int64(stmt, 1, system);
		if (run(st, stmt, "cannot delete the old system", err)) {
			stmt = NULL;
			goto out;
		}
		stmt = NULL;
		rc = 0;
		goto objects;
	}
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, org, -1, SQLITE_TRANSIENT);
	rc = run(st, stmt, "cannot rename the system", err);
	stmt = NULL;
	if (rc)
		goto out;
objects:
	if (strcmp(name, old_name)) {
		long long taken = 0;

		if (prepare(st, "SELECT count(*) FROM objects WHERE assessment_id = ?1 AND name = ?2", &stmt, err))
			goto fail;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_text(stmt, 2, name, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			taken = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
		stmt = NULL;
		/* An object already carrying the new name keeps it; the system object keeps its own. */
		if (!taken) {
			if (prepare(st, "UPDATE objects SET name = ?3 WHERE assessment_id = ?1 AND kind = 'system' "
					"AND name = ?2", &stmt, err))
				goto fail;
			sqlite3_bind_int64(stmt, 1, id);
			sqlite3_bind_text(stmt, 2, old_name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 3, name, -1, SQLITE_TRANSIENT);
			rc = run(st, stmt, "cannot rename the system object", err);
			stmt = NULL;
		}
	}
	goto out;
fail:
	rc = -1;
out:
	sqlite3_finalize(stmt);
	free(old_name);
	free(old_org);
	return rc;
}

int mlps_store_set(struct mlps_store *st, long long id, const struct mlps_store_changes *ch, const char *who,
		   struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char *now = now_iso();
	long long system = 0;
	bool final = false;
	int rc = -1;

	if (!who)
		who = user_name();
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	if (read_status(st, id, &final, &system, err))
		goto out;
	if (final) {
		refuse_final(st, id, err);
		goto out;
	}
	if ((ch->system || ch->org) && rename_system(st, id, system, ch->system, ch->org, err))
		goto out;
	if (read_status(st, id, &final, &system, err))
		goto out;
	/* ?n IS NULL keeps a column: only what the caller names changes. */
	if (prepare(st, "UPDATE systems SET s_level = coalesce(?2, s_level), a_level = coalesce(?3, a_level), "
			"flags = coalesce(?4, flags) WHERE id = ?1", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, system);
	if (ch->s_level >= 0)
		sqlite3_bind_int(stmt, 2, ch->s_level);
	if (ch->a_level >= 0)
		sqlite3_bind_int(stmt, 3, ch->a_level);
	if (ch->flags >= 0)
		sqlite3_bind_int64(stmt, 4, ch->flags);
	if (run(st, stmt, "cannot update the system", err))
		goto out;
	if (prepare(st, "UPDATE assessments SET level = coalesce(?2, level), extensions = coalesce(?3, extensions), "
			"assessor = CASE WHEN ?4 IS NULL THEN assessor WHEN ?4 = '' THEN NULL ELSE ?4 END, "
			"updated = ?5 WHERE id = ?1", &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	if (ch->level > 0)
		sqlite3_bind_int(stmt, 2, ch->level);
	if (ch->ext >= 0)
		sqlite3_bind_int64(stmt, 3, ch->ext);
	bind_text(stmt, 4, ch->assessor);
	sqlite3_bind_text(stmt, 5, now, -1, SQLITE_TRANSIENT);
	if (run(st, stmt, "cannot update the assessment", err))
		goto out;
	rc = log_event(st, id, who, now, "set", ch->detail, err);
out:
	free(now);
	return end(st, rc, err);
}

int mlps_store_finalise(struct mlps_store *st, long long id, const struct mlps_signoff *so, const char *who,
			struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	struct strbuf detail = STRBUF_INIT;
	char *now = now_iso();
	bool final = false;
	int rc = -1;

	if (!who)
		who = user_name();
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	if (read_status(st, id, &final, NULL, err))
		goto out;
	if (final) {
		mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld is already final; nothing was changed", id);
		goto out;
	}
	if (prepare(st, "UPDATE assessments SET status = 'final', assessor = ?2, reviewer = ?3, signed_date = ?4, "
			"signed_open = ?5, signed_catalog = ?6, signed_rules = ?7, updated = ?8 WHERE id = ?1",
		    &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, so->assessor, -1, SQLITE_TRANSIENT);
	bind_text(stmt, 3, so->reviewer && *so->reviewer ? so->reviewer : NULL);
	sqlite3_bind_text(stmt, 4, so->date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(stmt, 5, so->open);
	bind_text(stmt, 6, so->catalog);
	bind_text(stmt, 7, so->rules);
	sqlite3_bind_text(stmt, 8, now, -1, SQLITE_TRANSIENT);
	if (run(st, stmt, "cannot finalise the assessment", err))
		goto out;
	strbuf_addf(&detail, "assessor %s; reviewer %s; date %s; open %d; catalogue %s; rules %s", so->assessor,
		    so->reviewer && *so->reviewer ? so->reviewer : "-", so->date, so->open,
		    so->catalog ? so->catalog : "-", so->rules ? so->rules : "-");
	rc = log_event(st, id, who, now, "finalise", detail.buf, err);
out:
	strbuf_release(&detail);
	free(now);
	return end(st, rc, err);
}

int mlps_store_reopen(struct mlps_store *st, long long id, const char *reason, const char *who,
		      struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	char *now = now_iso();
	bool final = false;
	int rc = -1;

	if (!who)
		who = user_name();
	if (!reason || !*reason)
		return free(now), mlps_error_set(err, MLPS_ERR_INPUT, "reopening needs a reason; nothing was changed");
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	if (read_status(st, id, &final, NULL, err))
		goto out;
	if (!final) {
		mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld is a draft, not final; nothing was changed", id);
		goto out;
	}
	if (prepare(st, "UPDATE assessments SET status = 'draft', reopen_reason = ?2, updated = ?3 WHERE id = ?1",
		    &stmt, err))
		goto out;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_text(stmt, 2, reason, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_TRANSIENT);
	if (run(st, stmt, "cannot reopen the assessment", err))
		goto out;
	rc = log_event(st, id, who, now, "reopen", reason, err);
out:
	free(now);
	return end(st, rc, err);
}

int mlps_store_log(struct mlps_store *st, long long id, const char *key, struct mlps_log_entry **out, size_t *n,
		   struct mlps_error *err)
{
	sqlite3_stmt *stmt = NULL;
	struct mlps_log_entry *e = NULL;
	size_t count = 0, alloc = 0;
	bool final;
	int rc;

	*out = NULL;
	*n = 0;
	if (read_status(st, id, &final, NULL, err))
		return -1;
	if (prepare(st, "SELECT at, who, req_key, object, old_status, new_status, changed, "
			"coalesce(old_note, '') <> coalesce(new_note, ''), NULL, NULL, 0 AS k, id "
			"FROM answer_log WHERE assessment_id = ?1 AND (?2 IS NULL OR req_key = ?2) "
			"UNION ALL SELECT at, who, NULL, NULL, NULL, NULL, NULL, 0, event, detail, 1 AS k, id "
			"FROM assessment_log WHERE assessment_id = ?1 AND ?2 IS NULL "
			"ORDER BY 1, 11, 12", &stmt, err))
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	bind_text(stmt, 2, key);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct mlps_log_entry *x;

		mlps_grow((void **)&e, &alloc, count + 1, sizeof(*e));
		x = &e[count++];
		memset(x, 0, sizeof(*x));
		x->at = col_text(stmt, 0);
		x->who = col_text(stmt, 1);
		x->key = col_text(stmt, 2);
		x->object = col_text(stmt, 3);
		x->old_status = col_text(stmt, 4);
		x->new_status = col_text(stmt, 5);
		x->changed = col_text(stmt, 6);
		/* Lines from before schema 4 do not say; their notes do. */
		if (!x->changed && x->key && sqlite3_column_int(stmt, 7))
			x->changed = mlps_strdup("note");
		x->event = col_text(stmt, 8);
		x->detail = col_text(stmt, 9);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		mlps_store_log_free(e, count);
		return db_error(st, err, "cannot read the log");
	}
	*out = e;
	*n = count;
	return 0;
}

void mlps_store_log_free(struct mlps_log_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].at);
		free(e[i].who);
		free(e[i].key);
		free(e[i].object);
		free(e[i].old_status);
		free(e[i].new_status);
		free(e[i].changed);
		free(e[i].event);
		free(e[i].detail);
	}
	free(e);
}
