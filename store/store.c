/*
 * store.c - SQLite persistence for systems, assessments and answers.
 *
 * Conventions: prepared statements only (never a value spliced into SQL);
 * every write is one transaction begun IMMEDIATE so that two writers queue
 * on the busy timeout instead of failing half-way; every failure path ends
 * at one `out:` label that finalizes what was prepared.
 */
#include "store.h"
#include "store_int.h"
#include "store_vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "score.h"
#include "usertext.h"
#include "utf8.h"

/* "MLPS" in ASCII: marks the file as ours in the SQLite header. */
#define MLPS_APPLICATION_ID 0x4D4C5053
#define BUSY_TIMEOUT_MS 10000


/* The tables scan() checks every row of. */
enum {
	SCAN_SYSTEMS = 1u << 0,
	SCAN_ASSESSMENTS = 1u << 1,
	SCAN_OBJECTS = 1u << 2,
	SCAN_ANSWERS = 1u << 3,
	SCAN_LOGS = 1u << 4,
	SCAN_ALL = 0x1f,
};

/*
 * Forward migrations: entry i takes the schema from version i to i + 1, as
 * SQL pieces run in order (NULL ends an entry; each piece stays under the
 * length C compilers must support).
 */
#define MIGRATION_PIECES 8
static const char *const migrations[MLPS_STORE_SCHEMA][MIGRATION_PIECES] = {
	/* 0 -> 1 */
	{
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
	},
	/*
	 * 1 -> 2: evaluation objects. Each assessment gets its system object
	 * (named after the system), which takes over every answer it had; the
	 * answers table is rebuilt keyed by (assessment, requirement, object),
	 * and the log records the object's name (it outlives renames and removals).
	 */
	{
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
	},
	/*
	 * 2 -> 3: trust. Every answer has a revision that each write must name
	 * (compare-and-set), and every assessment a stable identifier that
	 * travels with its exports, so a second import of the same file is
	 * recognised. Existing rows get revision 1 and a random identifier.
	 */
	{
		"ALTER TABLE answers ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);"
		"ALTER TABLE assessments ADD COLUMN uid TEXT;"
		"UPDATE assessments SET uid = lower(hex(randomblob(16)));"
		"CREATE UNIQUE INDEX assessments_by_uid ON assessments(uid);",
	},
	/*
	 * 3 -> 4: an assessment's life. The sign-off of a final assessment
	 * (reviewer, date, the open items it was signed with, the catalogue and
	 * rules in force then), why it was last reopened, which texts each
	 * answer change touched, and a log of the assessment's own events
	 * (set, finalise, reopen). Existing rows keep what they had: nothing
	 * was signed, and old log lines do not say which texts changed.
	 */
	{
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
	},
	/*
	 * 4 -> 5: the file guards itself. Every column gets the NOT NULL and
	 * CHECK constraints its readers assume (types, ranges, vocabularies,
	 * date forms, identifiers), so that no program writing to the file can
	 * store what mlps would refuse to read. SQLite adds constraints only by
	 * rebuilding a table: each is created anew, filled, the old one dropped
	 * and the new one renamed, with foreign keys off for the rebuild and
	 * checked before the commit (migrate()); rowids and indexes are kept.
	 * Every row was checked by the readers before this runs, so the copy
	 * cannot fail on a constraint.
	 */
	{
		"CREATE TABLE systems_v5 ("
		"  id INTEGER PRIMARY KEY,"
		"  name TEXT NOT NULL CHECK (typeof(name) = 'text' AND length(name) > 0),"
		"  org TEXT NOT NULL DEFAULT '' CHECK (typeof(org) = 'text'),"
		"  s_level INTEGER NOT NULL DEFAULT 0 CHECK (typeof(s_level) = 'integer' AND s_level BETWEEN 0 AND 5),"
		"  a_level INTEGER NOT NULL DEFAULT 0 CHECK (typeof(a_level) = 'integer' AND a_level BETWEEN 0 AND 5),"
		"  flags INTEGER NOT NULL DEFAULT 0 CHECK (typeof(flags) = 'integer' AND flags BETWEEN 0 AND 15),"
		"  created TEXT NOT NULL CHECK (created GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),"
		"  UNIQUE (name, org));"
		"INSERT INTO systems_v5 (id, name, org, s_level, a_level, flags, created) "
		"  SELECT id, name, org, s_level, a_level, flags, created FROM systems;",
		"CREATE TABLE assessments_v5 ("
		"  id INTEGER PRIMARY KEY,"
		"  system_id INTEGER NOT NULL REFERENCES systems(id) CHECK (typeof(system_id) = 'integer'),"
		"  level INTEGER NOT NULL CHECK (typeof(level) = 'integer' AND level BETWEEN 1 AND 4),"
		"  extensions INTEGER NOT NULL CHECK (typeof(extensions) = 'integer' AND extensions BETWEEN 0 AND 31),"
		"  profile_hash TEXT NOT NULL CHECK (typeof(profile_hash) = 'text' AND length(profile_hash) > 0),"
		"  rules_id TEXT NOT NULL CHECK (typeof(rules_id) = 'text' AND length(rules_id) > 0),"
		"  assessor TEXT CHECK (assessor IS NULL OR typeof(assessor) = 'text'),"
		"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),"
		"  created TEXT NOT NULL CHECK (created GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),"
		"  updated TEXT NOT NULL CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),"
		"  parent_id INTEGER REFERENCES assessments(id) CHECK (parent_id IS NULL OR typeof(parent_id) = 'integer'),"
		"  uid TEXT NOT NULL CHECK (length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*'),"
		"  reviewer TEXT CHECK (reviewer IS NULL OR typeof(reviewer) = 'text'),"
		"  signed_date TEXT CHECK (signed_date IS NULL OR "
		"    signed_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
		"  signed_open INTEGER NOT NULL DEFAULT 0 CHECK (typeof(signed_open) = 'integer' AND signed_open >= 0),"
		"  signed_catalog TEXT CHECK (signed_catalog IS NULL OR typeof(signed_catalog) = 'text'),"
		"  signed_rules TEXT CHECK (signed_rules IS NULL OR typeof(signed_rules) = 'text'),"
		"  reopen_reason TEXT CHECK (reopen_reason IS NULL OR length(reopen_reason) > 0));"
		"INSERT INTO assessments_v5 (id, system_id, level, extensions, profile_hash, rules_id, assessor, status, "
		"  created, updated, parent_id, uid, reviewer, signed_date, signed_open, signed_catalog, signed_rules, "
		"  reopen_reason) SELECT id, system_id, level, extensions, profile_hash, rules_id, assessor, status, "
		"  created, updated, parent_id, uid, reviewer, signed_date, signed_open, signed_catalog, signed_rules, "
		"  reopen_reason FROM assessments;",
		"CREATE TABLE objects_v5 ("
		"  id INTEGER PRIMARY KEY,"
		"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
		"  name TEXT NOT NULL CHECK (typeof(name) = 'text' AND length(name) > 0),"
		"  kind TEXT NOT NULL CHECK (length(kind) > 0 AND kind NOT GLOB '*[^a-z0-9-]*'),"
		"  importance TEXT NOT NULL DEFAULT 'important' CHECK (importance IN ('key', 'important', 'general')),"
		"  description TEXT CHECK (description IS NULL OR typeof(description) = 'text'),"
		"  UNIQUE (assessment_id, name));"
		"INSERT INTO objects_v5 (id, assessment_id, name, kind, importance, description) "
		"  SELECT id, assessment_id, name, kind, importance, description FROM objects;",
		"CREATE TABLE answers_v5 ("
		"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
		"  req_key TEXT NOT NULL CHECK (typeof(req_key) = 'text' AND length(req_key) > 0),"
		"  object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,"
		"  status TEXT NOT NULL CHECK (status IN ('unanswered', 'compliant', 'partial', 'noncompliant', 'na', "
		"    'todo')),"
		"  note TEXT CHECK (note IS NULL OR typeof(note) = 'text'),"
		"  evidence TEXT CHECK (evidence IS NULL OR typeof(evidence) = 'text'),"
		"  na_reason TEXT CHECK (na_reason IS NULL OR typeof(na_reason) = 'text'),"
		"  risk TEXT NOT NULL DEFAULT 'none' CHECK (risk IN ('none', 'low', 'medium', 'high')),"
		"  mitigation TEXT CHECK (mitigation IS NULL OR typeof(mitigation) = 'text'),"
		"  owner TEXT CHECK (owner IS NULL OR typeof(owner) = 'text'),"
		"  due TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
		"  plan TEXT NOT NULL DEFAULT 'none' CHECK (plan IN ('none', 'open', 'in-progress', 'done')),"
		"  to_confirm INTEGER NOT NULL DEFAULT 0 CHECK (to_confirm IN (0, 1)),"
		"  text_hash TEXT CHECK (text_hash IS NULL OR (length(text_hash) = 16 AND text_hash NOT GLOB "
		"    '*[^0-9a-f]*')),"
		"  who TEXT CHECK (who IS NULL OR typeof(who) = 'text'),"
		"  updated TEXT NOT NULL CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),"
		"  revision INTEGER NOT NULL DEFAULT 1 CHECK (typeof(revision) = 'integer' AND revision >= 1),"
		"  PRIMARY KEY (assessment_id, req_key, object_id));"
		"INSERT INTO answers_v5 (rowid, assessment_id, req_key, object_id, status, note, evidence, na_reason, risk, "
		"  mitigation, owner, due, plan, to_confirm, text_hash, who, updated, revision) SELECT rowid, "
		"  assessment_id, req_key, object_id, status, note, evidence, na_reason, risk, mitigation, owner, due, "
		"  plan, to_confirm, text_hash, who, updated, revision FROM answers;",
		"CREATE TABLE answer_log_v5 ("
		"  id INTEGER PRIMARY KEY,"
		"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
		"  req_key TEXT NOT NULL CHECK (typeof(req_key) = 'text' AND length(req_key) > 0),"
		"  who TEXT CHECK (who IS NULL OR typeof(who) = 'text'),"
		"  at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),"
		"  old_status TEXT CHECK (old_status IS NULL OR old_status IN ('unanswered', 'compliant', 'partial', "
		"    'noncompliant', 'na', 'todo')),"
		"  new_status TEXT NOT NULL CHECK (new_status IN ('unanswered', 'compliant', 'partial', 'noncompliant', "
		"    'na', 'todo')),"
		"  old_note TEXT CHECK (old_note IS NULL OR typeof(old_note) = 'text'),"
		"  new_note TEXT CHECK (new_note IS NULL OR typeof(new_note) = 'text'),"
		"  object TEXT CHECK (object IS NULL OR typeof(object) = 'text'),"
		"  changed TEXT CHECK (changed IS NULL OR (length(changed) > 0 AND changed NOT GLOB '*[^a-z,]*')));"
		"INSERT INTO answer_log_v5 (id, assessment_id, req_key, who, at, old_status, new_status, old_note, "
		"  new_note, object, changed) SELECT id, assessment_id, req_key, who, at, old_status, new_status, "
		"  old_note, new_note, object, changed FROM answer_log;",
		"CREATE TABLE assessment_log_v5 ("
		"  id INTEGER PRIMARY KEY,"
		"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
		"  who TEXT NOT NULL CHECK (typeof(who) = 'text' AND length(who) > 0),"
		"  at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),"
		"  event TEXT NOT NULL CHECK (event IN ('set', 'finalise', 'reopen')),"
		"  detail TEXT NOT NULL DEFAULT '' CHECK (typeof(detail) = 'text'));"
		"INSERT INTO assessment_log_v5 (id, assessment_id, who, at, event, detail) "
		"  SELECT id, assessment_id, who, at, event, detail FROM assessment_log;",
		"DROP TABLE assessment_log;"
		"DROP TABLE answer_log;"
		"DROP TABLE answers;"
		"DROP TABLE objects;"
		"DROP TABLE assessments;"
		"DROP TABLE systems;"
		"ALTER TABLE systems_v5 RENAME TO systems;"
		"ALTER TABLE assessments_v5 RENAME TO assessments;"
		"ALTER TABLE objects_v5 RENAME TO objects;"
		"ALTER TABLE answers_v5 RENAME TO answers;"
		"ALTER TABLE answer_log_v5 RENAME TO answer_log;"
		"ALTER TABLE assessment_log_v5 RENAME TO assessment_log;"
		"CREATE INDEX assessments_by_system ON assessments(system_id);"
		"CREATE UNIQUE INDEX assessments_by_uid ON assessments(uid);"
		"CREATE INDEX answers_by_object ON answers(object_id);"
		"CREATE INDEX answer_log_by_assessment ON answer_log(assessment_id, req_key);"
		"CREATE INDEX assessment_log_by_assessment ON assessment_log(assessment_id);",
	},
	/*
	 * 5 -> 6: listing without rescoring. The answers table is rebuilt
	 * WITHOUT ROWID, so that its rows are stored in key order (assessment,
	 * requirement, object) and one assessment's answers sit together on disk
	 * however they were written (answers written across many assessments in
	 * turn made `list` read the whole file). Every column, constraint and
	 * index is kept. Each assessment gets a summary row: its figures at the
	 * target level as the score computes them with the catalogue and rules
	 * named in the row, rewritten in the same transaction as every change.
	 * None is computed here (the migration has no catalogue): the first list
	 * fills them.
	 */
	{
		"CREATE TABLE answers_v6 ("
		"  assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,"
		"  req_key TEXT NOT NULL CHECK (typeof(req_key) = 'text' AND length(req_key) > 0),"
		"  object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,"
		"  status TEXT NOT NULL CHECK (status IN ('unanswered', 'compliant', 'partial', 'noncompliant', 'na', "
		"    'todo')),"
		"  note TEXT CHECK (note IS NULL OR typeof(note) = 'text'),"
		"  evidence TEXT CHECK (evidence IS NULL OR typeof(evidence) = 'text'),"
		"  na_reason TEXT CHECK (na_reason IS NULL OR typeof(na_reason) = 'text'),"
		"  risk TEXT NOT NULL DEFAULT 'none' CHECK (risk IN ('none', 'low', 'medium', 'high')),"
		"  mitigation TEXT CHECK (mitigation IS NULL OR typeof(mitigation) = 'text'),"
		"  owner TEXT CHECK (owner IS NULL OR typeof(owner) = 'text'),"
		"  due TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
		"  plan TEXT NOT NULL DEFAULT 'none' CHECK (plan IN ('none', 'open', 'in-progress', 'done')),"
		"  to_confirm INTEGER NOT NULL DEFAULT 0 CHECK (to_confirm IN (0, 1)),"
		"  text_hash TEXT CHECK (text_hash IS NULL OR (length(text_hash) = 16 AND text_hash NOT GLOB "
		"    '*[^0-9a-f]*')),"
		"  who TEXT CHECK (who IS NULL OR typeof(who) = 'text'),"
		"  updated TEXT NOT NULL CHECK (updated GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),"
		"  revision INTEGER NOT NULL DEFAULT 1 CHECK (typeof(revision) = 'integer' AND revision >= 1),"
		"  PRIMARY KEY (assessment_id, req_key, object_id)) WITHOUT ROWID;"
		"INSERT INTO answers_v6 (assessment_id, req_key, object_id, status, note, evidence, na_reason, risk, "
		"  mitigation, owner, due, plan, to_confirm, text_hash, who, updated, revision) SELECT "
		"  assessment_id, req_key, object_id, status, note, evidence, na_reason, risk, mitigation, owner, due, "
		"  plan, to_confirm, text_hash, who, updated, revision FROM answers "
		"  ORDER BY assessment_id, req_key, object_id;"
		"DROP TABLE answers;"
		"ALTER TABLE answers_v6 RENAME TO answers;"
		"CREATE INDEX answers_by_object ON answers(object_id);",
		"CREATE TABLE assessment_summary ("
		"  assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,"
		"  profile_hash TEXT NOT NULL CHECK (typeof(profile_hash) = 'text' AND length(profile_hash) > 0),"
		"  rules_id TEXT NOT NULL CHECK (typeof(rules_id) = 'text' AND length(rules_id) > 0),"
		"  decided INTEGER NOT NULL CHECK (typeof(decided) = 'integer' AND decided >= 0),"
		"  in_scope INTEGER NOT NULL CHECK (typeof(in_scope) = 'integer' AND in_scope >= decided),"
		"  answered INTEGER NOT NULL CHECK (typeof(answered) = 'integer' AND answered >= 0),"
		"  applicable INTEGER NOT NULL CHECK (typeof(applicable) = 'integer' AND applicable >= 0),"
		"  rate REAL NOT NULL CHECK (typeof(rate) = 'real'),"
		"  composite REAL NOT NULL CHECK (typeof(composite) = 'real'),"
		"  worst_risk TEXT NOT NULL CHECK (worst_risk IN ('none', 'low', 'medium', 'high')),"
		"  primary_band INTEGER NOT NULL CHECK (typeof(primary_band) = 'integer' AND primary_band >= -1),"
		"  bands TEXT NOT NULL CHECK (typeof(bands) = 'text' AND bands NOT GLOB '*[^0-9,]*'),"
		"  high_risk INTEGER NOT NULL CHECK (typeof(high_risk) = 'integer' AND high_risk >= 0),"
		"  mitigated INTEGER NOT NULL CHECK (typeof(mitigated) = 'integer' AND mitigated BETWEEN 0 AND "
		"    high_risk),"
		"  unconfirmed INTEGER NOT NULL CHECK (typeof(unconfirmed) = 'integer' AND unconfirmed >= 0),"
		"  answers INTEGER NOT NULL CHECK (typeof(answers) = 'integer' AND answers >= 0),"
		"  to_confirm INTEGER NOT NULL CHECK (typeof(to_confirm) = 'integer' AND to_confirm >= 0));",
	},
};

int store_db_error(struct mlps_store *st, struct mlps_error *err, const char *what)
{
	/* A bad file is the user's input, whatever we were doing when we found out. */
	switch (db_failure(&st->db)) {
	case DB_FAIL_NOTADB:
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: not an SQLite database (damaged, or some "
				      "other kind of file); it was not changed", st->path);
	case DB_FAIL_CORRUPT:
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the database file is corrupt; restore a "
				      "backup (made with 'mlps db backup')", st->path);
	case DB_FAIL_READONLY:
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: %s: the database is read-only%s%s", st->path, what,
				      st->readonly ? ": " : "", st->readonly ? st->readonly : "");
	case DB_FAIL_FULL:
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: %s: the disk is full; the last change "
				      "was not saved", st->path, what);
	case DB_FAIL_LOST:
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: %s: the connection to the server was lost (%s); "
				      "nothing was saved", st->path, what, db_message(&st->db));
	case DB_FAIL_DENIED:
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: %s: this role may not (%s); nothing was changed "
				      "(roles: docs/team.md)", st->path, what, db_message(&st->db));
	case DB_FAIL_CONFLICT:
		return mlps_error_set(err, MLPS_ERR_CONFLICT, "%s: %s: another writer got in the way (%s); nothing "
				      "was saved; try again", st->path, what, db_message(&st->db));
	default:
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: %s: %s", st->path, what, db_message(&st->db));
	}
}


static int exec(struct mlps_store *st, const char *sql, struct mlps_error *err)
{
	if (db_exec(&st->db, sql))
		return store_db_error(st, err, "query failed");
	return 0;
}

static int prepare(struct mlps_store *st, const char *sql, struct db_stmt **stmt, struct mlps_error *err)
{
	if (db_prepare(&st->db, sql, stmt)) {
		*stmt = NULL;
		return store_db_error(st, err, "cannot prepare a query");
	}
	return 0;
}

/* One integer from a query with no parameters, e.g. a PRAGMA. */
static int query_int(struct mlps_store *st, const char *sql, long long *out, struct mlps_error *err)
{
	struct db_stmt *stmt;
	int rc;

	if (prepare(st, sql, &stmt, err))
		return -1;
	rc = db_step(stmt);
	if (rc == DB_ROW)
		*out = db_column_int(stmt, 0);
	db_finalize(stmt);
	if (rc != DB_ROW)
		return store_db_error(st, err, "cannot read the database");
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

/*
 * Who a change is recorded as when the caller names nobody: on PostgreSQL
 * the role the server authenticated (a team's log must not take a name
 * from the environment), else the login name.
 */
static const char *user_name(const struct mlps_store *st)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (st->role)
		return st->role;
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

/*
 * Takes the schema from `from` to MLPS_STORE_SCHEMA in one transaction.
 * Before the step that adds the constraints (4 -> 5) every row is checked
 * as the readers check it: a bad one is named and nothing is changed. The
 * table rebuilds run with foreign keys off (SQLite's procedure for them:
 * a DROP TABLE must not cascade), and the references are checked before
 * the commit.
 */
static int scan(struct mlps_store *st, unsigned which, const struct mlps_catalog *cat, struct strbuf *out,
		const char *after, struct mlps_error *err);

static int migrate(struct mlps_store *st, long long from, struct mlps_error *err)
{
	struct strbuf sql = STRBUF_INIT;
	struct db_stmt *fk = NULL;
	long long v;
	size_t i;
	int rc = 0;

	if (exec(st, "PRAGMA foreign_keys = OFF", err) || exec(st, "BEGIN IMMEDIATE", err))
		return -1;
	for (v = from; v < MLPS_STORE_SCHEMA; v++) {
		if (v == 4 && scan(st, SCAN_ALL, NULL, NULL, "the database cannot be upgraded to schema 5 until "
				   "this is mended; nothing was changed", err)) {
			rc = -1;
			goto out;
		}
		for (i = 0; i < MIGRATION_PIECES && migrations[v][i]; i++)
			if (exec(st, migrations[v][i], err)) {
				rc = -1;
				goto out;
			}
	}
	if (prepare(st, "PRAGMA foreign_key_check", &fk, err)) {
		rc = -1;
		goto out;
	}
	if (db_step(fk) == DB_ROW) {
		rc = mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: %s row %lld refers to a missing %s row; the database "
				    "cannot be upgraded; nothing was changed", st->path, db_column_text(fk, 0),
				    (long long)db_column_int(fk, 1), db_column_text(fk, 2));
		goto out;
	}
	strbuf_addf(&sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;", MLPS_STORE_SCHEMA,
		    MLPS_APPLICATION_ID);
	rc = exec(st, sql.buf, err);
out:
	db_finalize(fk);
	if (rc) {
		db_exec_quiet(&st->db, "ROLLBACK");
	} else if (exec(st, "COMMIT", err)) {
		db_exec_quiet(&st->db, "ROLLBACK");
		rc = -1;
	}
	strbuf_release(&sql);
	if (db_exec(&st->db, "PRAGMA foreign_keys = ON") && !rc)
		rc = store_db_error(st, err, "cannot turn foreign keys on");
	return rc;
}

struct mlps_store *mlps_store_open(const char *path, struct mlps_error *err)
{
	return mlps_store_open_ex(path, true, NULL, err);
}

/*
 * Why a database file cannot be written, in the words a refusal gives
 * ("the directory X is read-only"); NULL when nothing stops a write. A file
 * that can be read where its -wal and -shm cannot be created is opened
 * read-only (mlps_store_open_ex), so this is also why reading takes the
 * read-only path. Caller frees.
 */
static char *why_readonly(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? mlps_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : mlps_strdup(".");
	struct statvfs vfs;

	if (statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		strbuf_addf(&sb, "the file system holding %s is read-only", dir);
	else if (access(dir, W_OK) != 0)
		strbuf_addf(&sb, "the directory %s is read-only%s", dir, errno == EROFS ? "" : " (for this user)");
	else if (access(path, W_OK) != 0)
		strbuf_addf(&sb, "the file is read-only%s", errno == EROFS ? "" : " (for this user)");
	free(dir);
	return sb.len ? strbuf_detach(&sb, NULL) : (strbuf_release(&sb), NULL);
}

/* path as an SQLite URI with `params` ("mode=ro", "immutable=1"): '?', '#' and '%' escaped. Caller frees. */
static char *file_uri(const char *path, const char *params)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "file:");
	for (; *path; path++) {
		if (*path == '?' || *path == '#' || *path == '%')
			strbuf_addf(&sb, "%%%02X", (unsigned char)*path);
		else
			strbuf_addch(&sb, *path);
	}
	strbuf_addf(&sb, "?%s", params);
	return strbuf_detach(&sb, NULL);
}

/* An URI given by the user with one more parameter. Caller frees. */
static char *uri_with(const char *uri, const char *param)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s%c%s", uri, strchr(uri, '?') ? '&' : '?', param);
	return strbuf_detach(&sb, NULL);
}

static int open_db(struct mlps_store *st, const char *name, int flags, struct mlps_error *err)
{
	sqlite3_close(st->db.lite);
	st->db.lite = NULL;
	if (sqlite3_open_v2(name, &st->db.lite, flags, mlps_store_vfs()) != SQLITE_OK)
		return store_db_error(st, err, "cannot open");
	sqlite3_busy_timeout(st->db.lite, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(st->db.lite, 1);
	/*
	 * The write-ahead log outlives each process: closing neither checkpoints
	 * nor deletes it (autocheckpoint folds it in every 1000 pages), so that
	 * an answer costs one fdatasync (its commit) instead of five (creating,
	 * checkpointing and deleting the log each time). Durability is the
	 * commit's: synchronous = FULL syncs the log before a command returns.
	 */
	sqlite3_db_config(st->db.lite, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	sqlite3_file_control(st->db.lite, "main", SQLITE_FCNTL_PERSIST_WAL, &(int){ 1 });
	return 0;
}

/*
 * True when the first read failed because SQLite could not create or open
 * what a WAL database needs beside it (-shm, -wal): a read-only directory
 * or medium. The immutable open reads such a file as it is.
 */
static bool needs_immutable(struct mlps_store *st)
{
	int rc = sqlite3_exec(st->db.lite, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL), code;

	if (rc == SQLITE_OK)
		return false;
	code = sqlite3_extended_errcode(st->db.lite) & 0xff;
	return code == SQLITE_CANTOPEN || code == SQLITE_READONLY;
}

struct mlps_store *mlps_store_open_ex(const char *path, bool create, bool *created, struct mlps_error *err)
{
	struct mlps_store *st = mlps_calloc(1, sizeof(*st));
	long long version, app, objects;
	int is_uri = !strncmp(path, "file:", 5), flags = SQLITE_OPEN_READWRITE;
	char *name = NULL;
	struct stat sb;

	/* A connection string is a PostgreSQL store: its schema is made by 'mlps db init', never here. */
	if (mlps_store_is_pg(path)) {
		free(st);
		if (created)
			*created = false;
		return store_pg_open(path, err);
	}
	st->db.kind = DB_SQLITE;
	st->path = mlps_strdup(path);
	/* An SQLite URI ("file:x.db?mode=ro") is passed through as it is: no file is created. */
	if (is_uri) {
		flags |= SQLITE_OPEN_URI;
		name = mlps_strdup(path);
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
		name = mlps_strdup(path);
	} else if (!S_ISREG(sb.st_mode)) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: not a regular file", path);
		goto fail;
	} else if ((st->readonly = why_readonly(path))) {
		/* Nothing can be written here: open for reading only, never trying to. */
		name = file_uri(path, "mode=ro");
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	} else {
		name = mlps_strdup(path);
	}
	if (open_db(st, name, flags, err))
		goto fail;
	/*
	 * Reading a WAL database needs its -shm (and -wal) beside it; where they
	 * cannot be made (a read-only directory, a CD, a read-only mount) the
	 * file is read as it is, immutable: nothing else can be changing it there.
	 */
	if ((st->readonly || (is_uri && strstr(path, "mode=ro"))) && !strstr(path, "immutable=") &&
	    needs_immutable(st)) {
		char *imm = is_uri ? uri_with(path, "immutable=1") : file_uri(path, "immutable=1");
		struct strbuf wal = STRBUF_INIT;
		struct stat wb;

		/* An immutable open ignores the log: one holding changes would show stale answers. */
		strbuf_addf(&wal, "%s-wal", path);
		if (!is_uri && stat(wal.buf, &wb) == 0 && wb.st_size > 0) {
			mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot be read here: %s, and its write-ahead log "
				       "%s holds changes that SQLite reads only with the -shm file beside it; copy the "
				       "database with its -wal to a place that can be written", path,
				       st->readonly ? st->readonly : "it was opened read-only", wal.buf);
			strbuf_release(&wal);
			free(imm);
			goto fail;
		}
		strbuf_release(&wal);

		free(name);
		name = imm;
		if (open_db(st, name, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err))
			goto fail;
	}
	if (query_int(st, "SELECT count(*) FROM sqlite_master", &objects, err) ||
	    query_int(st, "PRAGMA user_version", &version, err) ||
	    query_int(st, "PRAGMA application_id", &app, err))
		goto fail;
	if (app != MLPS_APPLICATION_ID && (app != 0 || objects > 0)) {
		mlps_error_set(err, MLPS_ERR_INPUT,
			       "%s: an SQLite database, but not an mlps one; refusing to touch it", path);
		goto fail;
	}
	/* user_version is any 32-bit number: a negative one would index before the migrations (fuzz_store). */
	if (version < 0) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: database schema version %lld is not one mlps ever wrote; "
			       "the file was not changed", path, version);
		goto fail;
	}
	if (version > MLPS_STORE_SCHEMA) {
		mlps_error_set(err, MLPS_ERR_INPUT,
			       "%s: database schema version %lld is newer than this mlps knows (%d); "
			       "use a newer mlps; the file was not changed", path, version, MLPS_STORE_SCHEMA);
		goto fail;
	}
	if (!sqlite3_db_readonly(st->db.lite, "main")) {
		if (exec(st, "PRAGMA journal_mode = WAL", err) || exec(st, "PRAGMA synchronous = FULL", err) ||
		    exec(st, "PRAGMA journal_size_limit = 4194304", err))
			goto fail;
		if (version < MLPS_STORE_SCHEMA && migrate(st, version, err))
			goto fail;
	} else if (version < MLPS_STORE_SCHEMA) {
		mlps_error_set(err, MLPS_ERR_INPUT,
			       "%s: the database is read-only%s%s and needs an upgrade to schema %d; open it once "
			       "where it can be written", path, st->readonly ? ": " : "",
			       st->readonly ? st->readonly : "", MLPS_STORE_SCHEMA);
		goto fail;
	}
	if (exec(st, "PRAGMA foreign_keys = ON", err))
		goto fail;
	free(name);
	return st;
fail:
	free(name);
	mlps_store_close(st);
	return NULL;
}

void mlps_store_close(struct mlps_store *st)
{
	if (!st)
		return;
	db_finalize(st->data_version);
	if (st->db.kind == DB_PG)
		store_pg_close(st);
	else
		sqlite3_close(st->db.lite);
	free(st->db.message);
	free(st->role);
	free(st->path);
	free(st->readonly);
	free(st->dirty);
	free(st);
}

const char *mlps_store_path(const struct mlps_store *st)
{
	return st->path;
}

/*
 * Reading. The store never trusts its file (DESIGN.md §4, §8): a database
 * edited by hand or written by some other program can hold rows that no
 * constraint stopped, and files of schema 4 and older have few. Every value
 * is checked on the way in by one checker per table, the same checker that
 * `mlps db check` runs over every row: the first bad value is a runtime
 * error naming the table, the row and the column ("answers row 7: status
 * is NULL"), and nothing is written.
 */
struct row {
	struct mlps_store *st;
	struct db_stmt *stmt;
	const char *table;
	long long id;               /* the rowid of the row being read */
	int keycol;                 /* answers (no rowid): the column of assessment_id; req_key and object_id
				       are read at keycol + 1 and keycol + 15 to name the row */
	struct strbuf *out;         /* db check: one line per problem; NULL: the first into err */
	const char *after;          /* the end of that error (NULL: damaged, see db check) */
	const struct mlps_catalog *cat;     /* db check: the semantic rules too; NULL: form only */
	struct mlps_error *err;
	int problems;
};

#define ROW_INIT(st_, stmt_, err_) { (st_), (stmt_), NULL, 0, 0, NULL, NULL, NULL, (err_), 0 }
#define VALUE_SHOWN 40          /* bytes of a bad value quoted in a message */

static void row_problem(struct row *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *shown(struct strbuf *tmp, const char *s);

static void row_problem(struct row *r, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (!strcmp(r->table, "answers")) {
		/* A WITHOUT ROWID table: its rows are named by their key (assessment, requirement, object). */
		struct strbuf tmp = STRBUF_INIT;
		const int cols[] = { r->keycol, r->keycol + 1, r->keycol + 15 };
		size_t i;

		strbuf_addf(&sb, "%s row (", r->table);
		for (i = 0; i < 3; i++) {
			const char *v = db_column_type(r->stmt, cols[i]) == DB_NULL ? NULL :
					(const char *)db_column_text(r->stmt, cols[i]);

			strbuf_addf(&sb, "%s%s", i ? ", " : "", v ? shown(&tmp, v) : "NULL");
		}
		strbuf_adds(&sb, "): ");
		strbuf_release(&tmp);
	} else {
		strbuf_addf(&sb, "%s row %lld: ", r->table, r->id);
	}
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (r->out)
		strbuf_addf(r->out, "%s\n", sb.buf);
	else if (!r->problems)
		mlps_error_set(r->err, MLPS_ERR_RUNTIME, "%s: %s; %s", r->st->path, sb.buf,
			       r->after ? r->after : "the database is damaged (see 'mlps db check'); nothing was "
			       "changed");
	r->problems++;
	strbuf_release(&sb);
}

/* A bad value as a message quotes it: cut short, on one line, controls shown. */
static const char *shown(struct strbuf *tmp, const char *s)
{
	size_t len = strlen(s);

	strbuf_reset(tmp);
	strbuf_add_visible(tmp, s, len > VALUE_SHOWN ? VALUE_SHOWN : len, 0);
	if (len > VALUE_SHOWN)
		strbuf_adds(tmp, "...");
	return tmp->buf;
}

enum { OPTIONAL = 0, REQUIRED = 1u << 0, NONEMPTY = 1u << 1 };

static bool is_null(struct row *r, int col)
{
	return db_column_type(r->stmt, col) == DB_NULL;
}

/*
 * A text column: valid UTF-8 without NUL bytes (NONEMPTY: not ""). NULL when
 * the value is SQL NULL (a problem when REQUIRED) or bad. The text lives
 * until the statement moves on.
 */
static const char *row_text(struct row *r, int col, const char *name, unsigned how)
{
	int type = db_column_type(r->stmt, col);
	const char *s;
	size_t len, bad;

	if (type == DB_NULL) {
		if (how & REQUIRED)
			row_problem(r, "%s is NULL", name);
		return NULL;
	}
	if (type == DB_BLOB) {
		row_problem(r, "%s is a blob, not text", name);
		return NULL;
	}
	s = (const char *)db_column_text(r->stmt, col);
	if (!s) {
		row_problem(r, "%s cannot be read", name);
		return NULL;
	}
	len = (size_t)db_column_bytes(r->stmt, col);
	if (strlen(s) != len) {
		row_problem(r, "%s contains a NUL byte", name);
		return NULL;
	}
	if (!mlps_utf8_valid(s, len, &bad)) {
		row_problem(r, "%s is not valid UTF-8 (byte %zu)", name, bad);
		return NULL;
	}
	if ((how & NONEMPTY) && !*s) {
		row_problem(r, "%s is empty", name);
		return NULL;
	}
	return s;
}

static char *row_dup(struct row *r, int col, const char *name, unsigned how)
{
	const char *s = row_text(r, col, name, how);

	return s ? mlps_strdup(s) : NULL;
}

/* A whole number from min to max; min when it is not (a problem). */
static long long row_int(struct row *r, int col, const char *name, long long min, long long max)
{
	int type = db_column_type(r->stmt, col);
	struct strbuf tmp = STRBUF_INIT;
	long long v;

	if (type == DB_NULL) {
		row_problem(r, "%s is NULL", name);
		return min;
	}
	if (type != DB_INTEGER) {
		const char *s = type == DB_BLOB ? "(a blob)" : (const char *)db_column_text(r->stmt, col);

		row_problem(r, "%s is '%s' (not a whole number)", name, shown(&tmp, s ? s : ""));
		strbuf_release(&tmp);
		return min;
	}
	v = db_column_int(r->stmt, col);
	if (v >= min && v <= max)
		return v;
	if (max == LLONG_MAX)
		row_problem(r, "%s is %lld (expected %lld or more)", name, v, min);
	else
		row_problem(r, "%s is %lld (expected %lld to %lld)", name, v, min, max);
	return min;
}

/* The index of a text column's value in names[0..n) (spelled exactly); -1 when NULL or unknown. */
static int row_word(struct row *r, int col, const char *name, unsigned how, const char *const *names, int n)
{
	const char *s = row_text(r, col, name, how);
	struct strbuf tmp = STRBUF_INIT;
	int i;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	row_problem(r, "%s is '%s' (unknown)", name, shown(&tmp, s));
	strbuf_release(&tmp);
	return -1;
}

static const char *const status_words[MLPS_ST_COUNT] = { "unanswered", "compliant", "partial",
							 "noncompliant", "na", "todo" };
static const char *const risk_words[] = { "none", "low", "medium", "high" };
static const char *const plan_words[MLPS_PLAN_COUNT] = { "none", "open", "in-progress", "done" };
static const char *const importance_words[MLPS_IMP_COUNT] = { "key", "important", "general" };
static const char *const astatus_words[] = { "draft", "final" };
static const char *const event_words[] = { "set", "finalise", "reopen" };
static const char *const changed_words[] = { "note", "evidence", "reason", "risk", "mitigation", "owner",
					     "due", "plan" };
#define N_WORDS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A date and time (ISO 8601, as now_iso() writes it). */
static char *row_time(struct row *r, int col, const char *name, unsigned how)
{
	const char *s = row_text(r, col, name, how);
	struct strbuf tmp = STRBUF_INIT;

	if (s && !mlps_timestamp_valid(s)) {
		row_problem(r, "%s is '%s' (not a date and time)", name, shown(&tmp, s));
		s = NULL;
	}
	strbuf_release(&tmp);
	return s ? mlps_strdup(s) : NULL;
}

/* A calendar date YYYY-MM-DD. */
static char *row_date(struct row *r, int col, const char *name, unsigned how)
{
	const char *s = row_text(r, col, name, how);
	struct strbuf tmp = STRBUF_INIT;

	if (s && !mlps_date_valid(s)) {
		row_problem(r, "%s is '%s' (not a date YYYY-MM-DD)", name, shown(&tmp, s));
		s = NULL;
	}
	strbuf_release(&tmp);
	return s ? mlps_strdup(s) : NULL;
}

/* n lowercase hexadecimal digits (a uid, a text hash). */
static bool lower_hex(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

/* A kind of object is a word of the vocabulary's form: lowercase letters, digits, '-'. */
static bool kind_form(const char *s)
{
	return *s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

/* The columns system_from_row() reads (systems s), in its order. */
#define SYSTEM_COLUMNS "s.id, s.name, s.org, s.s_level, s.a_level, s.flags, s.created"
#define SYSTEM_NCOLS 7
#define ALL_CONDITIONS ((long long)MLPS_COND_CLOUD_CUSTOMER * 2 - 1)

static void system_from_row(struct row *r, int c, struct mlps_system *sys)
{
	const char *table = r->table, *org;
	long long id = r->id;
	char *created;

	r->table = "systems";
	r->id = db_column_int(r->stmt, c);
	sys->id = r->id;
	sys->name = row_dup(r, c + 1, "name", REQUIRED | NONEMPTY);
	org = row_text(r, c + 2, "org", REQUIRED);
	sys->org = org && *org ? mlps_strdup(org) : NULL;
	sys->s_level = (int)row_int(r, c + 3, "s_level", 0, 5);
	sys->a_level = (int)row_int(r, c + 4, "a_level", 0, 5);
	sys->flags = (unsigned)row_int(r, c + 5, "flags", 0, ALL_CONDITIONS);
	created = row_time(r, c + 6, "created", REQUIRED);
	free(created);
	r->table = table;
	r->id = id;
}

/*
 * The columns assessment_from_row() reads (assessments a), in its order;
 * the last two say whether the system and the parent named exist.
 */
#define ASSESSMENT_COLUMNS "a.id, a.system_id, a.level, a.extensions, a.profile_hash, a.rules_id, " \
	"a.assessor, a.status, a.created, a.updated, a.parent_id, a.uid, a.reviewer, a.signed_date, " \
	"a.signed_open, a.signed_catalog, a.signed_rules, a.reopen_reason, " \
	"EXISTS (SELECT 1 FROM systems y WHERE y.id = a.system_id), " \
	"EXISTS (SELECT 1 FROM assessments p WHERE p.id = a.parent_id)"
#define ASSESSMENT_NCOLS 20

static unsigned parse_ext(long long v)
{
	return (unsigned)v | MLPS_EXT_BIT(MLPS_EXT_GENERAL);
}

/* An assessment's own columns into a (not its system, objects or answers). */
static void assessment_from_row(struct row *r, int c, struct mlps_assessment *a)
{
	struct strbuf tmp = STRBUF_INIT;
	long long v;
	int w;

	r->table = "assessments";
	r->id = db_column_int(r->stmt, c);
	a->id = r->id;
	v = row_int(r, c + 1, "system_id", 1, LLONG_MAX);
	if (!is_null(r, c + 1) && db_column_int(r->stmt, c + 18) == 0)
		row_problem(r, "system_id %lld names no system", v);
	a->sys.id = v;
	a->level = (int)row_int(r, c + 2, "level", MLPS_LEVEL_MIN, MLPS_LEVEL_MAX);
	a->ext = parse_ext(row_int(r, c + 3, "extensions", 0, MLPS_EXT_ALL));
	a->profile_hash = row_dup(r, c + 4, "profile_hash", REQUIRED | NONEMPTY);
	a->rules_id = row_dup(r, c + 5, "rules_id", REQUIRED | NONEMPTY);
	a->assessor = row_dup(r, c + 6, "assessor", OPTIONAL);
	w = row_word(r, c + 7, "status", REQUIRED, astatus_words, N_WORDS(astatus_words));
	a->status = w == 1 ? MLPS_FINAL : MLPS_DRAFT;
	a->created = row_time(r, c + 8, "created", REQUIRED);
	a->updated = row_time(r, c + 9, "updated", REQUIRED);
	if (!is_null(r, c + 10)) {
		v = row_int(r, c + 10, "parent_id", 1, LLONG_MAX);
		/* A re-audit is always made after what it starts from: no cycle can be followed. */
		if (v >= a->id)
			row_problem(r, "parent_id %lld is not an earlier assessment", v);
		else if (db_column_int(r->stmt, c + 19) == 0)
			row_problem(r, "parent_id %lld names no assessment", v);
		a->parent = v;
	}
	a->uid = row_dup(r, c + 11, "uid", REQUIRED);
	if (a->uid && !lower_hex(a->uid, 32))
		row_problem(r, "uid is '%s' (not 32 lowercase hexadecimal digits)", shown(&tmp, a->uid));
	a->reviewer = row_dup(r, c + 12, "reviewer", OPTIONAL);
	a->signed_date = row_date(r, c + 13, "signed_date", OPTIONAL);
	a->signed_open = (int)row_int(r, c + 14, "signed_open", 0, INT_MAX);
	a->signed_catalog = row_dup(r, c + 15, "signed_catalog", OPTIONAL);
	a->signed_rules = row_dup(r, c + 16, "signed_rules", OPTIONAL);
	a->reopen_reason = row_dup(r, c + 17, "reopen_reason", OPTIONAL | NONEMPTY);
	strbuf_release(&tmp);
}

/* The columns object_from_row() reads (objects o), in its order; the last: its assessment exists. */
#define OBJECT_COLUMNS "o.id, o.assessment_id, o.name, o.kind, o.importance, o.description, " \
	"EXISTS (SELECT 1 FROM assessments p WHERE p.id = o.assessment_id)"

/* One object; *assessment gets the assessment it belongs to. Caller frees the strings. */
static void object_from_row(struct row *r, int c, struct mlps_object *o, long long *assessment)
{
	struct strbuf tmp = STRBUF_INIT;
	int w;

	r->table = "objects";
	r->id = db_column_int(r->stmt, c);
	*assessment = row_int(r, c + 1, "assessment_id", 1, LLONG_MAX);
	if (!is_null(r, c + 1) && db_column_int(r->stmt, c + 6) == 0)
		row_problem(r, "assessment_id %lld names no assessment", *assessment);
	o->name = row_dup(r, c + 2, "name", REQUIRED | NONEMPTY);
	o->kind = row_dup(r, c + 3, "kind", REQUIRED | NONEMPTY);
	if (o->kind && !kind_form(o->kind))
		row_problem(r, "kind is '%s' (not a kind of object)", shown(&tmp, o->kind));
	else if (o->kind && r->cat && strcmp(o->kind, MLPS_KIND_SYSTEM) && !mlps_catalog_find_kind(r->cat, o->kind))
		row_problem(r, "kind '%s' is not in the profile set's vocabulary", o->kind);
	w = row_word(r, c + 4, "importance", REQUIRED, importance_words, N_WORDS(importance_words));
	o->importance = w < 0 ? MLPS_IMP_IMPORTANT : (enum mlps_importance)w;
	o->desc = row_dup(r, c + 5, "description", OPTIONAL);
	strbuf_release(&tmp);
}

/*
 * The columns answer_from_row() reads, in its order: answers x LEFT JOIN
 * objects o ON o.id = x.object_id (an answer whose object is gone is seen).
 */
#define ANSWER_COLUMNS "0, x.assessment_id, x.req_key, x.status, x.note, x.evidence, x.na_reason, " \
	"x.risk, x.mitigation, x.owner, x.due, x.plan, x.to_confirm, x.text_hash, x.who, x.updated, " \
	"x.object_id, x.revision, o.id, o.assessment_id, o.name, " \
	"EXISTS (SELECT 1 FROM assessments p WHERE p.id = x.assessment_id)"
#define ANSWER_FROM "answers x LEFT JOIN objects o ON o.id = x.object_id"

/* One answer into *ans (caller releases it); *assessment gets its assessment. */
static void answer_from_row(struct row *r, int c, struct mlps_answer *ans, long long *assessment)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *s;
	long long object;
	int w;

	memset(ans, 0, sizeof(*ans));
	r->table = "answers";
	r->id = 0;
	r->keycol = c + 1;
	*assessment = row_int(r, c + 1, "assessment_id", 1, LLONG_MAX);
	if (!is_null(r, c + 1) && db_column_int(r->stmt, c + 21) == 0)
		row_problem(r, "assessment_id %lld names no assessment", *assessment);
	ans->key = row_dup(r, c + 2, "req_key", REQUIRED | NONEMPTY);
	if (ans->key && r->cat && !mlps_catalog_find_key(r->cat, ans->key))
		row_problem(r, "req_key '%s' is not a requirement of the profile set", shown(&tmp, ans->key));
	w = row_word(r, c + 3, "status", REQUIRED, status_words, N_WORDS(status_words));
	ans->status = w < 0 ? MLPS_ST_UNANSWERED : (enum mlps_status)w;
	ans->note = row_dup(r, c + 4, "note", OPTIONAL);
	ans->evidence = row_dup(r, c + 5, "evidence", OPTIONAL);
	ans->na_reason = row_dup(r, c + 6, "na_reason", OPTIONAL);
	if (r->cat && w == MLPS_ST_NA && (!ans->na_reason || !*ans->na_reason))
		row_problem(r, "status is na but na_reason is empty");
	w = row_word(r, c + 7, "risk", REQUIRED, risk_words, N_WORDS(risk_words));
	ans->risk = w < 0 ? MLPS_RISK_NONE : (enum mlps_risk)w;
	ans->mitigation = row_dup(r, c + 8, "mitigation", OPTIONAL);
	ans->owner = row_dup(r, c + 9, "owner", OPTIONAL);
	ans->due = row_date(r, c + 10, "due", OPTIONAL);
	w = row_word(r, c + 11, "plan", REQUIRED, plan_words, N_WORDS(plan_words));
	ans->plan = w < 0 ? MLPS_PLAN_NONE : (enum mlps_plan)w;
	ans->to_confirm = row_int(r, c + 12, "to_confirm", 0, 1) != 0;
	s = row_text(r, c + 13, "text_hash", OPTIONAL);
	if (s && !lower_hex(s, 16))
		row_problem(r, "text_hash is '%s' (not 16 hexadecimal digits)", shown(&tmp, s));
	else if (s)
		ans->text_hash = (uint64_t)strtoull(s, NULL, 16);
	ans->who = row_dup(r, c + 14, "who", OPTIONAL);
	ans->updated = row_time(r, c + 15, "updated", REQUIRED);
	object = row_int(r, c + 16, "object_id", 1, LLONG_MAX);
	if (!is_null(r, c + 16) && is_null(r, c + 18))
		row_problem(r, "object_id %lld names no object", object);
	else if (!is_null(r, c + 16) && db_column_int(r->stmt, c + 19) != *assessment)
		row_problem(r, "object_id %lld is an object of assessment %lld, not of %lld", object,
			    db_column_int(r->stmt, c + 19), *assessment);
	else if (!is_null(r, c + 16))
		ans->object = row_dup(r, c + 20, "the object's name", REQUIRED | NONEMPTY);
	ans->revision = row_int(r, c + 17, "revision", 1, LLONG_MAX);
	strbuf_release(&tmp);
}

/* The columns log_from_row() reads (answer_log l), in its order. */
#define ANSWER_LOG_COLUMNS "l.id, l.assessment_id, l.req_key, l.who, l.at, l.old_status, l.new_status, " \
	"l.old_note, l.new_note, l.object, l.changed, " \
	"EXISTS (SELECT 1 FROM assessments p WHERE p.id = l.assessment_id)"

static bool known_changes(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, ","), i;
		bool ok = false;

		for (i = 0; i < (size_t)N_WORDS(changed_words); i++)
			ok |= strlen(changed_words[i]) == n && !strncmp(s, changed_words[i], n);
		if (!ok)
			return false;
		s += n;
		if (*s == ',' && *++s == '\0')
			return false;
	}
	return true;
}

/* One line of the answer log into *e (caller frees its strings). */
static void log_from_row(struct row *r, int c, struct mlps_log_entry *e)
{
	struct strbuf tmp = STRBUF_INIT;
	long long assessment;
	int w;

	memset(e, 0, sizeof(*e));
	r->table = "answer_log";
	r->id = db_column_int(r->stmt, c);
	assessment = row_int(r, c + 1, "assessment_id", 1, LLONG_MAX);
	if (!is_null(r, c + 1) && db_column_int(r->stmt, c + 11) == 0)
		row_problem(r, "assessment_id %lld names no assessment", assessment);
	e->key = row_dup(r, c + 2, "req_key", REQUIRED | NONEMPTY);
	e->who = row_dup(r, c + 3, "who", OPTIONAL);
	e->at = row_time(r, c + 4, "at", REQUIRED);
	w = row_word(r, c + 5, "old_status", OPTIONAL, status_words, N_WORDS(status_words));
	e->old_status = w < 0 ? NULL : mlps_strdup(status_words[w]);
	w = row_word(r, c + 6, "new_status", REQUIRED, status_words, N_WORDS(status_words));
	e->new_status = w < 0 ? NULL : mlps_strdup(status_words[w]);
	(void)row_text(r, c + 7, "old_note", OPTIONAL);
	(void)row_text(r, c + 8, "new_note", OPTIONAL);
	e->object = row_dup(r, c + 9, "object", OPTIONAL);
	e->changed = row_dup(r, c + 10, "changed", OPTIONAL);
	if (e->changed && !known_changes(e->changed))
		row_problem(r, "changed is '%s' (unknown fields)", shown(&tmp, e->changed));
	/* Lines from before schema 4 do not say which texts changed; their notes do. */
	if (!e->changed) {
		const char *o = db_column_text(r->stmt, c + 7), *n = db_column_text(r->stmt, c + 8);

		if (strcmp(o ? o : "", n ? n : ""))
			e->changed = mlps_strdup("note");
	}
	strbuf_release(&tmp);
}

static void log_entry_release(struct mlps_log_entry *e)
{
	free(e->at);
	free(e->who);
	free(e->key);
	free(e->object);
	free(e->old_status);
	free(e->new_status);
	free(e->changed);
	free(e->event);
	free(e->detail);
	memset(e, 0, sizeof(*e));
}

/* The columns event_from_row() reads (assessment_log e), in its order. */
#define EVENT_COLUMNS "e.id, e.assessment_id, e.who, e.at, e.event, e.detail, " \
	"EXISTS (SELECT 1 FROM assessments p WHERE p.id = e.assessment_id)"

/* One event of the assessment log into *e (caller frees its strings). */
static void event_from_row(struct row *r, int c, struct mlps_log_entry *e)
{
	long long assessment;
	int w;

	memset(e, 0, sizeof(*e));
	r->table = "assessment_log";
	r->id = db_column_int(r->stmt, c);
	assessment = row_int(r, c + 1, "assessment_id", 1, LLONG_MAX);
	if (!is_null(r, c + 1) && db_column_int(r->stmt, c + 6) == 0)
		row_problem(r, "assessment_id %lld names no assessment", assessment);
	e->who = row_dup(r, c + 2, "who", REQUIRED | NONEMPTY);
	e->at = row_time(r, c + 3, "at", REQUIRED);
	w = row_word(r, c + 4, "event", REQUIRED, event_words, N_WORDS(event_words));
	e->event = w < 0 ? NULL : mlps_strdup(event_words[w]);
	e->detail = row_dup(r, c + 5, "detail", REQUIRED);
}


/*
 * Checks every row of the tables in `which`. With out, each problem is a
 * line there and the count is returned; without, the first problem is an
 * error in err (its end `after`) and -1 is returned. -1 with err set also
 * when the database cannot be read.
 */
static int scan(struct mlps_store *st, unsigned which, const struct mlps_catalog *cat, struct strbuf *out,
		const char *after, struct mlps_error *err)
{
	static const struct {
		unsigned what;
		const char *sql;
	} q[] = {
		{ SCAN_SYSTEMS, "SELECT " SYSTEM_COLUMNS " FROM systems s ORDER BY s.id" },
		{ SCAN_ASSESSMENTS, "SELECT " ASSESSMENT_COLUMNS " FROM assessments a ORDER BY a.id" },
		{ SCAN_OBJECTS, "SELECT " OBJECT_COLUMNS ", (SELECT count(*) FROM objects d WHERE "
				"d.assessment_id = o.assessment_id AND d.name = o.name AND d.id < o.id) "
				"FROM objects o ORDER BY o.id" },
		{ SCAN_ANSWERS, "SELECT " ANSWER_COLUMNS ", row_number() OVER (PARTITION BY x.assessment_id, "
				"x.req_key, x.object_id) - 1 FROM " ANSWER_FROM " ORDER BY x.assessment_id, "
				"x.req_key, x.object_id" },
		{ SCAN_LOGS, "SELECT " ANSWER_LOG_COLUMNS " FROM answer_log l ORDER BY l.id" },
		{ SCAN_LOGS, "SELECT " EVENT_COLUMNS " FROM assessment_log e ORDER BY e.id" },
		{ SCAN_OBJECTS, "SELECT a.id FROM assessments a WHERE NOT EXISTS (SELECT 1 FROM objects o WHERE "
				"o.assessment_id = a.id AND o.kind = 'system') ORDER BY a.id" },
	};
	struct row r = ROW_INIT(st, NULL, err);
	size_t i;
	int rc = 0;

	r.out = out;
	r.after = after;
	r.cat = cat;
	for (i = 0; i < sizeof(q) / sizeof(q[0]) && (out || !r.problems); i++) {
		if (!(which & q[i].what))
			continue;
		if (prepare(st, q[i].sql, &r.stmt, err))
			return -1;
		while ((rc = db_step(r.stmt)) == DB_ROW && (out || !r.problems)) {
			struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
			struct mlps_object o;
			struct mlps_answer ans;
			struct mlps_log_entry e;
			long long owner;

			switch (i) {
			case 0:
				system_from_row(&r, 0, &a->sys);
				break;
			case 1:
				assessment_from_row(&r, 0, a);
				break;
			case 2:
				memset(&o, 0, sizeof(o));
				object_from_row(&r, 0, &o, &owner);
				if (db_column_int(r.stmt, 7))
					row_problem(&r, "a second object named '%s' in assessment %lld",
						    o.name ? o.name : "", owner);
				free(o.name);
				free(o.kind);
				free(o.desc);
				break;
			case 3:
				answer_from_row(&r, 0, &ans, &owner);
				if (db_column_int(r.stmt, 22))
					row_problem(&r, "a second answer to %s on object '%s'", ans.key ? ans.key : "",
						    ans.object ? ans.object : "");
				mlps_answer_release(&ans);
				break;
			case 4:
				log_from_row(&r, 0, &e);
				log_entry_release(&e);
				break;
			case 5:
				event_from_row(&r, 0, &e);
				log_entry_release(&e);
				break;
			default:
				r.table = "assessments";
				r.id = db_column_int(r.stmt, 0);
				row_problem(&r, "the assessment has no object of kind system");
				break;
			}
			mlps_assessment_free(a);
		}
		db_finalize(r.stmt);
		r.stmt = NULL;
		if (rc != DB_ROW && rc != DB_DONE)
			return store_db_error(st, err, "cannot read the database");
	}
	if (out)
		return r.problems;
	return r.problems ? -1 : 0;
}

/*
 * Writes rely on the constraints: INSERT OR REPLACE needs the answers' key,
 * a log line its NOT NULLs. A file carrying our id and version whose tables
 * lack them was not made by mlps; it can be read (every row is checked) but
 * is never written.
 */
static int check_tables(struct mlps_store *st, struct mlps_error *err)
{
	long long n;

	if (query_int(st, "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('systems', "
			  "'assessments', 'objects', 'answers', 'answer_log', 'assessment_log', 'assessment_summary') "
			  "AND sql LIKE "
			  "'%NOT NULL%CHECK%') + (SELECT count(*) FROM pragma_table_info('answers') WHERE pk > 0)",
		      &n, err))
		return -1;
	if (n != 7 + 3)
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: its tables lack the constraints mlps makes them "
				      "with (the file was made or changed by another program); it can be read but "
				      "not written; nothing was changed", st->path);
	st->tables_checked = true;
	return 0;
}

static int begin(struct mlps_store *st, struct mlps_error *err)
{
	if (st->readonly)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: cannot be changed: %s; nothing was changed",
				      st->path, st->readonly);
	if (st->db.kind == DB_PG)
		return store_pg_begin(st, err);
	if (sqlite3_db_readonly(st->db.lite, "main"))
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the database is read-only; nothing was changed",
				      st->path);
	if (!st->tables_checked && check_tables(st, err))
		return -1;
	return exec(st, "BEGIN IMMEDIATE", err);
}

static int refresh_dirty(struct mlps_store *st, struct mlps_error *err);

/*
 * Ends the transaction begun by begin(): commits when rc is 0, after the
 * summaries of the assessments it changed are rewritten (in it, so that a
 * summary is never older than what it sums up), else rolls back.
 */
static int end(struct mlps_store *st, int rc, struct mlps_error *err)
{
	if (!rc && st->n_dirty && st->db.kind == DB_PG)
		rc = store_pg_notify(st, err);
	if (!rc && st->n_dirty)
		rc = refresh_dirty(st, err);
	st->n_dirty = 0;
	st->defer_summaries = false;
	if (rc) {
		db_exec_quiet(&st->db, "ROLLBACK");
		return -1;
	}
	if (exec(st, "COMMIT", err)) {
		db_exec_quiet(&st->db, "ROLLBACK");
		return -1;
	}
	return 0;
}

/* Marks an assessment whose summary the open transaction must rewrite before it commits. */
static void mark_dirty(struct mlps_store *st, long long id)
{
	size_t i;

	for (i = 0; i < st->n_dirty; i++)
		if (st->dirty[i] == id)
			return;
	mlps_grow((void **)&st->dirty, &st->alloc_dirty, st->n_dirty + 1, sizeof(*st->dirty));
	st->dirty[st->n_dirty++] = id;
}

/* Marks every assessment of a system: its levels and flags enter their scores. */
static int mark_system(struct mlps_store *st, long long system, struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
	int rc;

	if (prepare(st, "SELECT id FROM assessments WHERE system_id = ?1", &stmt, err))
		return -1;
	db_bind_int(stmt, 1, system);
	while ((rc = db_step(stmt)) == DB_ROW)
		mark_dirty(st, db_column_int(stmt, 0));
	db_finalize(stmt);
	return rc == DB_DONE ? 0 : store_db_error(st, err, "cannot read the assessments");
}

/* Finds the system by name and organisation, or creates it; updates levels and flags. */
static int upsert_system(struct mlps_store *st, struct mlps_system *sys, const char *now,
			 struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
	int rc = -1;

	if (prepare(st, "INSERT INTO systems (name, org, s_level, a_level, flags, created) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (name, org) DO UPDATE SET "
			"s_level = excluded.s_level, a_level = excluded.a_level, flags = excluded.flags "
			"RETURNING id", &stmt, err))
		goto out;
	db_bind_text(stmt, 1, sys->name);
	db_bind_text(stmt, 2, sys->org ? sys->org : "");
	db_bind_int(stmt, 3, sys->s_level);
	db_bind_int(stmt, 4, sys->a_level);
	db_bind_int(stmt, 5, sys->flags);
	db_bind_text(stmt, 6, now);
	if (db_step(stmt) != DB_ROW) {
		store_db_error(st, err, "cannot save the system");
		goto out;
	}
	sys->id = db_column_int(stmt, 0);
	db_finalize(stmt);
	stmt = NULL;
	rc = mark_system(st, sys->id, err);
out:
	db_finalize(stmt);
	return rc;
}

/* 32 lowercase hexadecimal digits from the kernel's random source: an assessment's stable identifier. */
static void new_uid(char out[33])
{
	unsigned char raw[16];
	size_t i, got = 0;

	while (got < sizeof(raw)) {
		ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);

		if (n > 0)
			got += (size_t)n;
		else if (n < 0 && errno != EINTR)
			abort();
	}
	for (i = 0; i < sizeof(raw); i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
}

static int insert_assessment(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err)
{
	char uid[33];
	struct db_stmt *stmt = NULL;
	int rc = -1;

	/* A new assessment gets a new identifier; an imported one keeps the one it travelled with. */
	if (prepare(st, "INSERT INTO assessments (system_id, level, extensions, profile_hash, rules_id, "
			"assessor, status, created, updated, parent_id, uid) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
			"RETURNING id", &stmt, err))
		goto out;
	if (a->uid) {
		db_bind_text(stmt, 11, a->uid);
	} else {
		new_uid(uid);
		db_bind_text(stmt, 11, uid);
	}
	db_bind_int(stmt, 1, a->sys.id);
	db_bind_int(stmt, 2, a->level);
	db_bind_int(stmt, 3, a->ext);
	db_bind_text(stmt, 4, a->profile_hash);
	db_bind_text(stmt, 5, a->rules_id);
	db_bind_text(stmt, 6, a->assessor);
	db_bind_text(stmt, 7, a->status == MLPS_FINAL ? "final" : "draft");
	db_bind_text(stmt, 8, a->created);
	db_bind_text(stmt, 9, a->updated);
	if (a->parent)
		db_bind_int(stmt, 10, a->parent);
	else
		db_bind_null(stmt, 10);
	if (db_step(stmt) != DB_ROW) {
		if (db_failure(&st->db) == DB_FAIL_CONSTRAINT && a->uid)
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: an assessment with identifier %s is already in the "
				       "database; nothing was saved", st->path, a->uid);
		else
			store_db_error(st, err, "cannot save the assessment");
		goto out;
	}
	a->id = db_column_int(stmt, 0);
	mark_dirty(st, a->id);
	rc = 0;
out:
	db_finalize(stmt);
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
	struct db_stmt *stmt = NULL;
	int rc = -1;

	if (prepare(st, "INSERT INTO objects (assessment_id, name, kind, importance, description) "
			"VALUES (?1, ?2, ?3, ?4, ?5)", &stmt, err))
		goto out;
	db_bind_int(stmt, 1, assessment);
	db_bind_text(stmt, 2, o->name);
	db_bind_text(stmt, 3, o->kind);
	db_bind_text(stmt, 4, mlps_importance_name(o->importance));
	db_bind_text(stmt, 5, o->desc);
	if (db_step(stmt) != DB_DONE) {
		if (db_failure(&st->db) == DB_FAIL_CONSTRAINT)
			mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld already has an object named '%s'; "
				       "nothing was changed", assessment, o->name);
		else
			store_db_error(st, err, "cannot save the object");
		goto out;
	}
	rc = 0;
out:
	db_finalize(stmt);
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
	struct row r = ROW_INIT(st, NULL, err);
	struct mlps_object o;
	long long id = 0, owner;
	int rc;

	if (prepare(st, name ? "SELECT " OBJECT_COLUMNS " FROM objects o WHERE o.assessment_id = ?1 AND o.name = ?2"
			     : "SELECT " OBJECT_COLUMNS " FROM objects o WHERE o.assessment_id = ?1 AND "
			       "o.kind = 'system' ORDER BY o.id LIMIT 1", &r.stmt, err))
		return 0;
	db_bind_int(r.stmt, 1, assessment);
	if (name)
		db_bind_text(r.stmt, 2, name);
	rc = db_step(r.stmt);
	if (rc == DB_ROW) {
		memset(&o, 0, sizeof(o));
		object_from_row(&r, 0, &o, &owner);
		if (!r.problems) {
			id = r.id;
			if (found_name) {
				*found_name = o.name;
				o.name = NULL;
			}
		}
		free(o.name);
		free(o.kind);
		free(o.desc);
	} else if (rc == DB_DONE) {
		mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld has no object named '%s' (see 'mlps "
			       "object list %lld'); nothing was changed", assessment, name ? name : "", assessment);
	} else {
		store_db_error(st, err, "cannot read the objects");
	}
	db_finalize(r.stmt);
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

/*
 * The stored answer of (key, object id) into *ans, inside the caller's
 * transaction; *found 0 (and *ans zeroed) when there is none.
 */
static int read_answer(struct mlps_store *st, long long assessment, const char *key, long long object,
		       struct mlps_answer *ans, int *found, struct mlps_error *err)
{
	struct row r = ROW_INIT(st, NULL, err);
	long long owner;
	int rc;

	memset(ans, 0, sizeof(*ans));
	*found = 0;
	if (prepare(st, "SELECT " ANSWER_COLUMNS " FROM " ANSWER_FROM " WHERE x.assessment_id = ?1 AND "
			"x.req_key = ?2 AND x.object_id = ?3", &r.stmt, err))
		return -1;
	db_bind_int(r.stmt, 1, assessment);
	db_bind_text(r.stmt, 2, key);
	db_bind_int(r.stmt, 3, object);
	rc = db_step(r.stmt);
	if (rc == DB_ROW) {
		*found = 1;
		answer_from_row(&r, 0, ans, &owner);
		rc = r.problems ? -1 : 0;
	} else if (rc == DB_DONE) {
		rc = 0;
	} else {
		rc = store_db_error(st, err, "cannot read the answer");
	}
	db_finalize(r.stmt);
	if (rc) {
		mlps_answer_release(ans);
		*found = 0;
	}
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
	struct db_stmt *put = NULL, *line = NULL;
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
	if (prepare(st, "INSERT INTO answers (assessment_id, req_key, status, note, evidence, "
			"na_reason, risk, mitigation, owner, due, plan, to_confirm, text_hash, who, updated, "
			"object_id, revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
			"?15, ?16, ?17) ON CONFLICT (assessment_id, req_key, object_id) DO UPDATE SET status = excluded.status, "
			"note = excluded.note, evidence = excluded.evidence, na_reason = excluded.na_reason, "
			"risk = excluded.risk, mitigation = excluded.mitigation, owner = excluded.owner, due = excluded.due, "
			"plan = excluded.plan, to_confirm = excluded.to_confirm, text_hash = excluded.text_hash, "
			"who = excluded.who, updated = excluded.updated, revision = excluded.revision", &put, err))
		goto out;
	db_bind_int(put, 16, object);
	db_bind_int(put, 17, cur.revision + 1);
	hash_text(hash, ans->text_hash);
	db_bind_int(put, 1, assessment);
	db_bind_text(put, 2, ans->key);
	db_bind_text(put, 3, mlps_status_name(ans->status));
	db_bind_text(put, 4, ans->note);
	db_bind_text(put, 5, ans->evidence);
	db_bind_text(put, 6, ans->na_reason);
	db_bind_text(put, 7, mlps_risk_name(ans->risk));
	db_bind_text(put, 8, ans->mitigation);
	db_bind_text(put, 9, ans->owner);
	db_bind_text(put, 10, ans->due);
	db_bind_text(put, 11, mlps_plan_name(ans->plan));
	db_bind_int(put, 12, ans->to_confirm);
	db_bind_text(put, 13, ans->text_hash ? hash : NULL);
	db_bind_text(put, 14, ans->who ? ans->who : who);
	db_bind_text(put, 15, ans->updated ? ans->updated : now);
	if (db_step(put) != DB_DONE) {
		store_db_error(st, err, "cannot save the answer");
		goto out;
	}
	if (log) {
		if (prepare(st, "INSERT INTO answer_log (assessment_id, req_key, who, at, old_status, "
				"new_status, old_note, new_note, object, changed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
				"?8, ?9, ?10)", &line, err))
			goto out;
		changed_fields(&changed, found ? &cur : NULL, ans);
		db_bind_text(line, 10, changed.len ? changed.buf : NULL);
		db_bind_text(line, 9, object_name);
		db_bind_int(line, 1, assessment);
		db_bind_text(line, 2, ans->key);
		db_bind_text(line, 3, who);
		db_bind_text(line, 4, now);
		db_bind_text(line, 5, found ? mlps_status_name(cur.status) : NULL);
		db_bind_text(line, 6, mlps_status_name(ans->status));
		db_bind_text(line, 7, cur.note);
		db_bind_text(line, 8, ans->note);
		if (db_step(line) != DB_DONE) {
			store_db_error(st, err, "cannot write the answer log");
			goto out;
		}
	}
	if (new_rev)
		*new_rev = cur.revision + 1;
	rc = 0;
out:
	db_finalize(put);
	db_finalize(line);
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
	struct db_stmt *stmt = NULL;
	int rc = -1;

	/* Only a draft changes: a final assessment is what was signed, every write path comes here. */
	if (prepare(st, "UPDATE assessments SET updated = ?2 WHERE id = ?1 AND status = 'draft'", &stmt, err))
		goto out;
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, now);
	if (db_step(stmt) != DB_DONE) {
		store_db_error(st, err, "cannot update the assessment");
		goto out;
	}
	if (st->db.changes == 0) {
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
	mark_dirty(st, id);
	rc = 0;
out:
	db_finalize(stmt);
	return rc;
}

/* One answer in its own transaction; expect < 0: no revision check. */
static int save_answer(struct mlps_store *st, long long assessment, const struct mlps_answer *ans,
		       long long expect, long long *rev, const char *who, struct mlps_error *err)
{
	char *now = now_iso();
	int rc;

	if (!who)
		who = user_name(st);
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	st->defer_summaries = true;
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
		who = user_name(st);
	if (begin(st, err)) {
		free(now);
		return -1;
	}
	st->defer_summaries = true;
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
	struct db_stmt *stmt;
	int rc;

	if (prepare(st, sql, &stmt, err))
		return -1;
	db_bind_int(stmt, 1, id);
	rc = db_step(stmt);
	*found = rc == DB_ROW && db_column_type(stmt, 0) != DB_NULL;
	if (*found)
		*out = db_column_int(stmt, 0);
	db_finalize(stmt);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_db_error(st, err, "cannot read the database");
	return 0;
}

int mlps_store_delete(struct mlps_store *st, long long id, struct mlps_error *err)
{
	return mlps_store_delete_ex(st, id, false, err);
}

int mlps_store_delete_ex(struct mlps_store *st, long long id, bool force, struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
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
	db_bind_int(stmt, 1, id);
	if (db_step(stmt) != DB_DONE) {
		store_db_error(st, err, "cannot delete the assessment");
		goto out;
	}
	db_finalize(stmt);
	if (prepare(st, "DELETE FROM systems WHERE id = ?1 AND NOT EXISTS "
			"(SELECT 1 FROM assessments WHERE system_id = ?1)", &stmt, err))
		goto out;
	db_bind_int(stmt, 1, system);
	if (db_step(stmt) != DB_DONE) {
		store_db_error(st, err, "cannot delete the system");
		goto out;
	}
	rc = 0;
out:
	db_finalize(stmt);
	return end(st, rc, err);
}

/*
 * The objects of a, in the order they were added. Every assessment has an
 * object of kind system and no two objects share a name: a file where that
 * does not hold is refused, as a bad value is.
 */
static int load_objects(struct mlps_store *st, struct mlps_assessment *a, struct mlps_error *err)
{
	struct row r = ROW_INIT(st, NULL, err);
	bool has_system = false;
	int rc;

	if (prepare(st, "SELECT " OBJECT_COLUMNS " FROM objects o WHERE o.assessment_id = ?1 ORDER BY o.id",
		    &r.stmt, err))
		return -1;
	db_bind_int(r.stmt, 1, a->id);
	while ((rc = db_step(r.stmt)) == DB_ROW) {
		struct mlps_object o;
		long long owner;

		memset(&o, 0, sizeof(o));
		object_from_row(&r, 0, &o, &owner);
		if (!r.problems && mlps_assessment_find_object(a, o.name))
			row_problem(&r, "a second object named '%s' in assessment %lld", o.name, a->id);
		if (!r.problems) {
			mlps_assessment_add_object(a, o.name, o.kind, o.importance, o.desc);
			has_system |= !strcmp(o.kind, MLPS_KIND_SYSTEM);
		}
		free(o.name);
		free(o.kind);
		free(o.desc);
		if (r.problems)
			break;
	}
	db_finalize(r.stmt);
	if (r.problems)
		return -1;
	if (rc != DB_DONE)
		return store_db_error(st, err, "cannot read the objects");
	if (!has_system) {
		r.table = "assessments";
		r.id = a->id;
		row_problem(&r, "the assessment has no object of kind system");
		return -1;
	}
	return 0;
}

struct mlps_assessment *mlps_store_load(struct mlps_store *st, long long id, struct mlps_error *err)
{
	struct mlps_assessment *a = NULL;
	struct row r = ROW_INIT(st, NULL, err);
	int rc;

	if (prepare(st, "SELECT " ASSESSMENT_COLUMNS ", " SYSTEM_COLUMNS " FROM assessments a LEFT JOIN "
			"systems s ON s.id = a.system_id WHERE a.id = ?1", &r.stmt, err))
		goto fail;
	db_bind_int(r.stmt, 1, id);
	rc = db_step(r.stmt);
	if (rc == DB_DONE) {
		mlps_error_set(err, MLPS_ERR_INPUT, "no assessment %lld in %s (see 'mlps list')", id, st->path);
		goto fail;
	}
	if (rc != DB_ROW) {
		store_db_error(st, err, "cannot read the assessment");
		goto fail;
	}
	a = mlps_calloc(1, sizeof(*a));
	assessment_from_row(&r, 0, a);
	if (!r.problems && !is_null(&r, ASSESSMENT_NCOLS))
		system_from_row(&r, ASSESSMENT_NCOLS, &a->sys);
	if (r.problems)
		goto fail;
	db_finalize(r.stmt);
	r.stmt = NULL;

	if (load_objects(st, a, err))
		goto fail;
	/* The order of mlps_assessment_put(): key, then object name, both bytewise. */
	if (prepare(st, "SELECT " ANSWER_COLUMNS " FROM " ANSWER_FROM " WHERE x.assessment_id = ?1 "
			"ORDER BY x.req_key, o.name, x.object_id", &r.stmt, err))
		goto fail;
	db_bind_int(r.stmt, 1, id);
	while ((rc = db_step(r.stmt)) == DB_ROW) {
		struct mlps_answer ans;
		const struct mlps_answer *prev = a->n_answers ? &a->answers[a->n_answers - 1] : NULL;
		long long owner;

		answer_from_row(&r, 0, &ans, &owner);
		if (!r.problems && prev && !strcmp(prev->key, ans.key) && !strcmp(prev->object, ans.object))
			row_problem(&r, "a second answer to %s on object '%s'", ans.key, ans.object);
		if (r.problems) {
			mlps_answer_release(&ans);
			goto fail;
		}
		mlps_grow((void **)&a->answers, &a->alloc_answers, a->n_answers + 1, sizeof(*a->answers));
		a->answers[a->n_answers++] = ans;
	}
	if (rc != DB_DONE) {
		store_db_error(st, err, "cannot read the answers");
		goto fail;
	}
	db_finalize(r.stmt);
	return a;
fail:
	db_finalize(r.stmt);
	mlps_assessment_free(a);
	return NULL;
}

static int run(struct mlps_store *st, struct db_stmt *stmt, const char *what, struct mlps_error *err);

void mlps_store_set_catalog(struct mlps_store *st, const struct mlps_catalog *cat)
{
	st->cat = cat;
}

/*
 * The summary of a loaded assessment as the score computes it with the
 * store's catalogue (the one definition of each figure: score.h); also the
 * answer rows other than unanswered and those to confirm. Fills m->bands,
 * which the caller frees.
 */
static int compute_summary(struct mlps_store *st, long long id, struct mlps_store_summary *m,
			   struct mlps_error *err)
{
	struct mlps_assessment *a = mlps_store_load(st, id, err);
	struct mlps_score *s = a ? mlps_score_compute(st->cat, a, err) : NULL;
	const struct mlps_tally *t;
	const struct mlps_rules *rules;
	size_t i;

	memset(m, 0, sizeof(*m));
	if (!s) {
		mlps_assessment_free(a);
		return -1;
	}
	t = mlps_score_level(s, a->level);
	rules = mlps_score_rules(s);
	mlps_score_progress(s, a->level, &m->decided, &m->in_scope);
	m->answered = t->answered;
	m->applicable = t->applicable;
	m->rate = t->rate;
	m->score = t->score;
	m->worst = t->worst;
	m->primary = rules->n_verdicts ? (int)mlps_score_primary(s, a->level)->band_index : -1;
	m->n_bands = rules->n_verdicts;
	m->bands = mlps_calloc(m->n_bands ? m->n_bands : 1, sizeof(*m->bands));
	for (i = 0; i < m->n_bands; i++)
		m->bands[i] = (int)mlps_score_verdict(s, a->level, i)->band_index;
	m->high_risk = (int)mlps_score_n_high_risk(s);
	m->mitigated = (int)mlps_score_n_high_mitigated(s);
	m->unconfirmed = mlps_score_unconfirmed(s);
	for (i = 0; i < a->n_answers; i++) {
		m->answers += a->answers[i].status != MLPS_ST_UNANSWERED;
		m->to_confirm += a->answers[i].to_confirm != 0;
	}
	mlps_score_free(s);
	mlps_assessment_free(a);
	return 0;
}

/* Writes (or replaces) the summary row of assessment id; inside a transaction. */
static int write_summary(struct mlps_store *st, long long id, const struct mlps_store_summary *m,
			 struct mlps_error *err)
{
	struct strbuf bands = STRBUF_INIT;
	struct db_stmt *stmt = NULL;
	size_t i;
	int rc = -1;

	for (i = 0; i < m->n_bands; i++)
		strbuf_addf(&bands, "%s%d", i ? "," : "", m->bands[i]);
	if (prepare(st, "INSERT INTO assessment_summary (assessment_id, profile_hash, rules_id, decided, "
			"in_scope, answered, applicable, rate, composite, worst_risk, primary_band, bands, high_risk, "
			"mitigated, unconfirmed, answers, to_confirm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
			"?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) ON CONFLICT (assessment_id) DO UPDATE SET "
			"profile_hash = excluded.profile_hash, rules_id = excluded.rules_id, decided = excluded.decided, "
			"in_scope = excluded.in_scope, answered = excluded.answered, applicable = excluded.applicable, "
			"rate = excluded.rate, composite = excluded.composite, worst_risk = excluded.worst_risk, "
			"primary_band = excluded.primary_band, bands = excluded.bands, high_risk = excluded.high_risk, "
			"mitigated = excluded.mitigated, unconfirmed = excluded.unconfirmed, answers = excluded.answers, "
			"to_confirm = excluded.to_confirm", &stmt, err))
		goto out;
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, mlps_catalog_hash(st->cat));
	db_bind_text(stmt, 3, mlps_catalog_rules(st->cat)->id);
	db_bind_int(stmt, 4, m->decided);
	db_bind_int(stmt, 5, m->in_scope);
	db_bind_int(stmt, 6, m->answered);
	db_bind_int(stmt, 7, m->applicable);
	db_bind_double(stmt, 8, m->rate);
	db_bind_double(stmt, 9, m->score);
	db_bind_text(stmt, 10, risk_words[m->worst]);
	db_bind_int(stmt, 11, m->primary);
	db_bind_text(stmt, 12, bands.buf);
	db_bind_int(stmt, 13, m->high_risk);
	db_bind_int(stmt, 14, m->mitigated);
	db_bind_int(stmt, 15, m->unconfirmed);
	db_bind_int(stmt, 16, m->answers);
	db_bind_int(stmt, 17, m->to_confirm);
	rc = run(st, stmt, "cannot write the assessment's summary", err);
	stmt = NULL;
out:
	db_finalize(stmt);
	strbuf_release(&bands);
	return rc;
}

/*
 * Rewrites the summary of each assessment the open transaction changed;
 * the summary is deleted instead (the next list computes it and writes it
 * back) without a catalogue with rules, and when the transaction writes an
 * answer: rescoring inside every answer's transaction cost it 2.5 ms of
 * its 3 (load and score, measured with `make bench`), held under the
 * write lock every other writer queues on; the list pays it once per
 * assessment changed since, and reads the rest.
 */
static int refresh_dirty(struct mlps_store *st, struct mlps_error *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < st->n_dirty; i++) {
		struct mlps_store_summary m;

		if (st->defer_summaries || !st->cat || !mlps_catalog_rules(st->cat)) {
			struct db_stmt *stmt = NULL;

			if (prepare(st, "DELETE FROM assessment_summary WHERE assessment_id = ?1", &stmt, err))
				return -1;
			db_bind_int(stmt, 1, st->dirty[i]);
			rc = run(st, stmt, "cannot delete the assessment's summary", err);
			continue;
		}
		rc = compute_summary(st, st->dirty[i], &m, err);
		if (!rc)
			rc = write_summary(st, st->dirty[i], &m, err);
		free(m.bands);
	}
	return rc;
}

/* The columns summary_from_row() reads: assessment_summary m, LEFT JOINed (all NULL: no row). */
#define SUMMARY_COLUMNS "m.assessment_id, m.profile_hash, m.rules_id, m.decided, m.in_scope, m.answered, " \
	"m.applicable, m.rate, m.composite, m.worst_risk, m.primary_band, m.bands, m.high_risk, m.mitigated, " \
	"m.unconfirmed, m.answers, m.to_confirm"

/* Whether the summary at column c was computed with the store's catalogue and rules (false: none). */
static bool summary_fresh(struct row *r, int c)
{
	const struct mlps_rules *rules = r->st->cat ? mlps_catalog_rules(r->st->cat) : NULL;
	const char *hash = (const char *)db_column_text(r->stmt, c + 1);
	const char *rid = (const char *)db_column_text(r->stmt, c + 2);

	return rules && !is_null(r, c) && hash && rid && !strcmp(hash, mlps_catalog_hash(r->st->cat)) &&
	       !strcmp(rid, rules->id);
}

/* A real number column; 0 when it is not one (a problem). */
static double row_real(struct row *r, int col, const char *name)
{
	if (db_column_type(r->stmt, col) != DB_FLOAT) {
		row_problem(r, "%s is not a real number", name);
		return 0;
	}
	return db_column_double(r->stmt, col);
}

/*
 * A fresh summary into *m (caller frees m->bands), each value checked as
 * every read is, and the band indexes against the catalogue's rules.
 */
static void summary_from_row(struct row *r, int c, struct mlps_store_summary *m)
{
	const struct mlps_rules *rules = mlps_catalog_rules(r->st->cat);
	struct strbuf tmp = STRBUF_INIT;
	const char *bands, *p;
	size_t i;
	int w;

	memset(m, 0, sizeof(*m));
	r->table = "assessment_summary";
	r->id = db_column_int(r->stmt, c);
	m->decided = (int)row_int(r, c + 3, "decided", 0, INT_MAX);
	m->in_scope = (int)row_int(r, c + 4, "in_scope", m->decided, INT_MAX);
	m->answered = (int)row_int(r, c + 5, "answered", 0, INT_MAX);
	m->applicable = (int)row_int(r, c + 6, "applicable", 0, INT_MAX);
	m->rate = row_real(r, c + 7, "rate");
	m->score = row_real(r, c + 8, "composite");
	w = row_word(r, c + 9, "worst_risk", REQUIRED, risk_words, MLPS_RISK_COUNT);
	m->worst = w < 0 ? MLPS_RISK_NONE : (enum mlps_risk)w;
	m->n_bands = rules->n_verdicts;
	m->bands = mlps_calloc(m->n_bands ? m->n_bands : 1, sizeof(*m->bands));
	m->primary = (int)row_int(r, c + 10, "primary_band", rules->n_verdicts ? 0 : -1,
				  rules->n_verdicts ? (long long)rules->verdicts[rules->primary].n_bands - 1 : -1);
	bands = row_text(r, c + 11, "bands", REQUIRED);
	for (i = 0, p = bands; p && i < m->n_bands; i++) {
		char *e;
		long v = strtol(p, &e, 10);

		if (e == p || v < 0 || (size_t)v >= rules->verdicts[i].n_bands || (*e && *e != ',') ||
		    (i + 1 < m->n_bands) != (*e == ',')) {
			p = NULL;
			break;
		}
		m->bands[i] = (int)v;
		p = *e ? e + 1 : e;
	}
	if (bands && (!p || (!m->n_bands && *bands)))
		row_problem(r, "bands is '%s' (not one band of each verdict rule)", shown(&tmp, bands));
	m->high_risk = (int)row_int(r, c + 12, "high_risk", 0, INT_MAX);
	m->mitigated = (int)row_int(r, c + 13, "mitigated", 0, m->high_risk);
	m->unconfirmed = (int)row_int(r, c + 14, "unconfirmed", 0, INT_MAX);
	m->answers = (int)row_int(r, c + 15, "answers", 0, INT_MAX);
	m->to_confirm = (int)row_int(r, c + 16, "to_confirm", 0, INT_MAX);
	strbuf_release(&tmp);
}

/*
 * Fills the summaries the list found missing or stale (stale[0..n) index
 * rows): computed and written back in one transaction when the store is
 * writable and its tables are mlps's own, else computed in memory.
 */
static int fill_stale(struct mlps_store *st, struct mlps_store_row *rows, const size_t *stale, size_t n,
		      bool trusted, struct mlps_error *err)
{
	bool write = trusted && !st->readonly &&
		     (st->db.kind == DB_PG || !sqlite3_db_readonly(st->db.lite, "main"));
	struct mlps_error ignored;
	size_t i;
	int rc = 0;

	mlps_error_init(&ignored);
	if (write && begin(st, &ignored))
		write = false;
	mlps_error_release(&ignored);
	for (i = 0; !rc && i < n; i++) {
		struct mlps_store_row *x = &rows[stale[i]];

		rc = compute_summary(st, x->id, &x->sum, err);
		if (!rc && write)
			rc = write_summary(st, x->id, &x->sum, err);
		if (!rc) {
			x->has_summary = true;
			x->answers = x->sum.answers;
			x->unconfirmed = x->sum.to_confirm;
		}
	}
	if (write)
		rc = end(st, rc, err);
	return rc;
}

/*
 * The list reads each assessment's identity and its summary row. A file
 * whose tables lack mlps's constraints (made or changed by another program)
 * is not trusted: the rows the list counts (objects, answers) are checked
 * first, so that a bad one is named rather than miscounted, and every
 * summary is computed afresh. Without a catalogue only the identity and the
 * answer counts are filled.
 */
int mlps_store_list(struct mlps_store *st, struct mlps_store_row **out, size_t *n, struct mlps_error *err)
{
	struct row r = ROW_INIT(st, NULL, err);
	struct mlps_store_row *rows = NULL;
	size_t count = 0, alloc = 0, *stale = NULL, n_stale = 0, alloc_stale = 0;
	struct mlps_error ignored;
	bool trusted, summaries = st->cat != NULL;
	int rc;

	*out = NULL;
	*n = 0;
	mlps_error_init(&ignored);
	trusted = st->tables_checked || !check_tables(st, &ignored);
	mlps_error_release(&ignored);
	if ((!trusted || !summaries) && scan(st, SCAN_OBJECTS | SCAN_ANSWERS, NULL, NULL, NULL, err))
		return -1;
	if (prepare(st, summaries ?
		    "SELECT " ASSESSMENT_COLUMNS ", " SYSTEM_COLUMNS ", " SUMMARY_COLUMNS " FROM assessments a "
		    "LEFT JOIN systems s ON s.id = a.system_id LEFT JOIN assessment_summary m ON "
		    "m.assessment_id = a.id ORDER BY a.id" :
		    "SELECT " ASSESSMENT_COLUMNS ", " SYSTEM_COLUMNS ", "
		    "(SELECT count(*) FROM answers x WHERE x.assessment_id = a.id AND x.status <> 'unanswered'), "
		    "(SELECT count(*) FROM answers x WHERE x.assessment_id = a.id AND x.to_confirm <> 0) "
		    "FROM assessments a LEFT JOIN systems s ON s.id = a.system_id ORDER BY a.id", &r.stmt, err))
		return -1;
	while ((rc = db_step(r.stmt)) == DB_ROW) {
		struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
		struct mlps_store_row *x;

		assessment_from_row(&r, 0, a);
		if (!r.problems && !is_null(&r, ASSESSMENT_NCOLS))
			system_from_row(&r, ASSESSMENT_NCOLS, &a->sys);
		if (r.problems) {
			mlps_assessment_free(a);
			break;
		}
		mlps_grow((void **)&rows, &alloc, count + 1, sizeof(*rows));
		x = &rows[count++];
		memset(x, 0, sizeof(*x));
		x->id = a->id;
		x->system = a->sys.name;
		x->org = a->sys.org ? a->sys.org : mlps_strdup("");
		x->level = a->level;
		x->s_level = a->sys.s_level;
		x->a_level = a->sys.a_level;
		x->ext = a->ext;
		x->created = a->created;
		x->updated = a->updated;
		x->status = a->status;
		x->parent = a->parent;
		a->sys.name = a->sys.org = a->created = a->updated = NULL;
		mlps_assessment_free(a);
		if (!summaries) {
			x->answers = db_column_int(r.stmt, ASSESSMENT_NCOLS + SYSTEM_NCOLS);
			x->unconfirmed = db_column_int(r.stmt, ASSESSMENT_NCOLS + SYSTEM_NCOLS + 1);
		} else if (trusted && summary_fresh(&r, ASSESSMENT_NCOLS + SYSTEM_NCOLS)) {
			summary_from_row(&r, ASSESSMENT_NCOLS + SYSTEM_NCOLS, &x->sum);
			if (r.problems)
				break;
			x->has_summary = true;
			x->answers = x->sum.answers;
			x->unconfirmed = x->sum.to_confirm;
		} else {
			mlps_grow((void **)&stale, &alloc_stale, n_stale + 1, sizeof(*stale));
			stale[n_stale++] = count - 1;
		}
	}
	db_finalize(r.stmt);
	if (r.problems || rc != DB_DONE) {
		if (!r.problems)
			store_db_error(st, err, "cannot list the assessments");
		goto fail;
	}
	if (n_stale && fill_stale(st, rows, stale, n_stale, trusted, err))
		goto fail;
	free(stale);
	*out = rows;
	*n = count;
	return 0;
fail:
	free(stale);
	mlps_store_rows_free(rows, count);
	return -1;
}

void mlps_store_rows_free(struct mlps_store_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].system);
		free(rows[i].org);
		free(rows[i].created);
		free(rows[i].updated);
		free(rows[i].sum.bands);
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
		rc = write_answer(st, a->id, &a->answers[i], -1, NULL, user_name(st), now, 0, err);
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
	struct db_stmt *stmt = NULL;
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
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, to);
	if (db_step(stmt) != DB_DONE) {
		if (db_failure(&st->db) == DB_FAIL_CONSTRAINT)
			mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld already has an object named '%s'; "
				       "nothing was changed", assessment, to);
		else
			store_db_error(st, err, "cannot rename the object");
		goto out;
	}
	rc = 0;
out:
	db_finalize(stmt);
	free(now);
	return end(st, rc, err);
}

int mlps_store_remove_object(struct mlps_store *st, long long assessment, const char *name, bool force,
			     const char *who, int *removed, struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
	char *now = now_iso();
	long long id, n = 0, others = 0;
	int found, rc = -1;

	*removed = 0;
	if (!who)
		who = user_name(st);
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
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, who);
	db_bind_text(stmt, 3, now);
	db_bind_text(stmt, 4, name);
	if (db_step(stmt) != DB_DONE) {
		store_db_error(st, err, "cannot write the answer log");
		goto out;
	}
	db_finalize(stmt);
	if (prepare(st, "DELETE FROM objects WHERE id = ?1", &stmt, err))
		goto out;
	db_bind_int(stmt, 1, id);
	if (db_step(stmt) != DB_DONE) {
		store_db_error(st, err, "cannot remove the object");
		goto out;
	}
	*removed = (int)n;
	rc = 0;
out:
	db_finalize(stmt);
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

	if (st->db.kind == DB_PG)
		return store_pg_changed_elsewhere(st);
	if (!st->data_version && db_prepare(&st->db, "PRAGMA data_version", &st->data_version))
		return false;
	if (db_step(st->data_version) != DB_ROW) {
		db_reset(st->data_version);
		return false;
	}
	v = db_column_int(st->data_version, 0);
	db_reset(st->data_version);
	changed = st->seen_version && v != st->seen_version;
	st->seen_version = v;
	return changed;
}

int mlps_store_last_change(struct mlps_store *st, long long assessment, struct mlps_store_change *c,
			   struct mlps_error *err)
{
	struct row r = ROW_INIT(st, NULL, err);
	struct mlps_log_entry e;
	int rc;

	memset(c, 0, sizeof(*c));
	/* With the assessment's level, for naming the item by its ID there (the load checks it; 0 when odd). */
	if (prepare(st, "SELECT " ANSWER_LOG_COLUMNS ", (SELECT a.level FROM assessments a WHERE a.id = ?1) "
			"FROM answer_log l WHERE l.assessment_id = ?1 ORDER BY l.id DESC LIMIT 1", &r.stmt, err))
		return -1;
	db_bind_int(r.stmt, 1, assessment);
	rc = db_step(r.stmt);
	if (rc == DB_ROW) {
		long long level = db_column_type(r.stmt, 12) == DB_INTEGER ? db_column_int(r.stmt, 12) : 0;

		c->level = level >= 1 && level <= MLPS_LEVEL_MAX ? (int)level : 0;
		log_from_row(&r, 0, &e);
		if (!r.problems) {
			c->who = e.who;
			c->at = e.at;
			c->key = e.key;
			c->object = e.object;
			c->status = e.new_status;
			e.who = e.at = e.key = e.object = e.new_status = NULL;
		}
		log_entry_release(&e);
	}
	db_finalize(r.stmt);
	if (r.problems)
		return -1;
	if (rc != DB_ROW && rc != DB_DONE)
		return store_db_error(st, err, "cannot read the answer log");
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
	struct db_stmt *stmt = NULL;
	long long id = 0;
	int rc;

	if (prepare(st, "SELECT id FROM assessments WHERE uid = ?1", &stmt, err))
		return -1;
	db_bind_text(stmt, 1, uid);
	rc = db_step(stmt);
	if (rc == DB_ROW)
		id = db_column_int(stmt, 0);
	else if (rc != DB_DONE)
		id = store_db_error(st, err, "cannot read the assessments");
	db_finalize(stmt);
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
	struct db_stmt *stmt;
	long long n = -1;

	if (prepare(st, "SELECT count(*) FROM answer_log WHERE assessment_id = ?1", &stmt, err))
		return -1;
	db_bind_int(stmt, 1, assessment);
	if (db_step(stmt) == DB_ROW)
		n = db_column_int(stmt, 0);
	else
		store_db_error(st, err, "cannot read the answer log");
	db_finalize(stmt);
	return n;
}

/*
 * The part of `db check` both backends share: every row as the readers
 * check it, with the catalogue's rules (keys, kinds, N/A reasons), and the
 * schema version. PostgreSQL keeps its own pages and references whole: it
 * has nothing like SQLite's integrity and foreign key checks to run.
 */
static int check_rows(struct mlps_store *st, const struct mlps_catalog *cat, struct strbuf *out, bool ok,
		      struct mlps_error *err)
{
	long long version = 0;
	int problems;

	if (st->db.kind == DB_PG)
		strbuf_adds(out, "integrity: kept by the PostgreSQL server\nforeign keys: enforced by the server\n");
	problems = scan(st, SCAN_ALL, cat, out, NULL, err);
	if (problems < 0)
		return -1;
	if (!problems)
		strbuf_adds(out, "rows: ok\n");
	else
		strbuf_addf(out, "rows: %d problem%s\n", problems, problems == 1 ? "" : "s");
	if (st->db.kind == DB_PG ? store_pg_version(st, &version, err) :
	    query_int(st, "PRAGMA user_version", &version, err))
		return -1;
	strbuf_addf(out, "schema: %lld (this mlps: %d)\n", version, MLPS_STORE_SCHEMA);
	if (!ok || problems)
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: the database has problems (see above)", st->path);
	return 0;
}

int mlps_store_check(struct mlps_store *st, const struct mlps_catalog *cat, struct strbuf *out,
		     struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
	long long fk = 0;
	int rc, ok = 1;

	if (st->db.kind == DB_PG)
		return check_rows(st, cat, out, true, err);
	if (prepare(st, "PRAGMA integrity_check", &stmt, err))
		return -1;
	while ((rc = db_step(stmt)) == DB_ROW) {
		const char *line = (const char *)db_column_text(stmt, 0);

		if (line && strcmp(line, "ok")) {
			strbuf_addf(out, "integrity: %s\n", line);
			ok = 0;
		}
	}
	db_finalize(stmt);
	if (rc != DB_DONE)
		return store_db_error(st, err, "integrity check failed");
	if (ok)
		strbuf_adds(out, "integrity: ok\n");
	/* Each broken reference by the table and row that holds it. */
	if (prepare(st, "PRAGMA foreign_key_check", &stmt, err))
		return -1;
	while (db_step(stmt) == DB_ROW) {
		const char *table = db_column_text(stmt, 0), *parent = db_column_text(stmt, 2);

		strbuf_addf(out, "foreign key: %s row %lld refers to a missing %s row\n", table ? table : "?",
			    db_column_int(stmt, 1), parent ? parent : "?");
		fk++;
	}
	db_finalize(stmt);
	if (!fk)
		strbuf_adds(out, "foreign keys: ok\n");
	return check_rows(st, cat, out, ok && !fk, err);
}

int mlps_store_backup(struct mlps_store *st, const char *dest, struct mlps_error *err)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	struct stat sb;
	int fd, rc;

	if (st->db.kind == DB_PG)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: a PostgreSQL store is backed up with the server's "
				      "own tools (pg_dump, docs/team.md), or copied into an SQLite file with 'mlps db "
				      "copy'; nothing was written", st->path);
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
	b = sqlite3_backup_init(to, "main", st->db.lite, "main");
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
	struct row r = ROW_INIT(st, NULL, err);
	int rc;

	if (prepare(st, "SELECT a.id, a.status, a.system_id FROM assessments a WHERE a.id = ?1", &r.stmt, err))
		return -1;
	db_bind_int(r.stmt, 1, id);
	rc = db_step(r.stmt);
	if (rc == DB_ROW) {
		r.table = "assessments";
		r.id = id;
		*final = row_word(&r, 1, "status", REQUIRED, astatus_words, N_WORDS(astatus_words)) == 1;
		if (system)
			*system = row_int(&r, 2, "system_id", 1, LLONG_MAX);
		rc = r.problems ? -1 : 0;
	} else if (rc == DB_DONE) {
		rc = mlps_error_set(err, MLPS_ERR_INPUT, "no assessment %lld in %s (see 'mlps list')", id, st->path);
	} else {
		rc = store_db_error(st, err, "cannot read the assessment");
	}
	db_finalize(r.stmt);
	return rc;
}

/* Steps a prepared write and finalizes it; a broken constraint is the user's input. */
static int run(struct mlps_store *st, struct db_stmt *stmt, const char *what, struct mlps_error *err)
{
	int rc = db_step(stmt) == DB_DONE ? 0 : -1;

	if (rc) {
		if (db_failure(&st->db) == DB_FAIL_CONSTRAINT)
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: %s; nothing was changed", what,
				       db_message(&st->db));
		else
			store_db_error(st, err, what);
	}
	db_finalize(stmt);
	return rc;
}

static int log_event(struct mlps_store *st, long long id, const char *who, const char *now, const char *event,
		     const char *detail, struct mlps_error *err)
{
	struct db_stmt *stmt;

	if (prepare(st, "INSERT INTO assessment_log (assessment_id, who, at, event, detail) "
			"VALUES (?1, ?2, ?3, ?4, ?5)", &stmt, err))
		return -1;
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, who);
	db_bind_text(stmt, 3, now);
	db_bind_text(stmt, 4, event);
	db_bind_text(stmt, 5, detail ? detail : "");
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
	struct db_stmt *stmt = NULL;
	char *old_name = NULL, *old_org = NULL;
	long long other = 0, n = 0;
	int found, rc = -1;

	if (prepare(st, "SELECT " SYSTEM_COLUMNS " FROM systems s WHERE s.id = ?1", &stmt, err))
		return -1;
	db_bind_int(stmt, 1, system);
	if (db_step(stmt) != DB_ROW) {
		store_db_error(st, err, "cannot read the system");
		goto out;
	} else {
		struct row r = ROW_INIT(st, stmt, err);
		struct mlps_system sys;

		memset(&sys, 0, sizeof(sys));
		system_from_row(&r, 0, &sys);
		old_name = sys.name;
		old_org = sys.org ? sys.org : mlps_strdup("");
		if (r.problems)
			goto out;
	}
	db_finalize(stmt);
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
	db_bind_text(stmt, 1, name);
	db_bind_text(stmt, 2, org);
	if (db_step(stmt) == DB_ROW)
		other = db_column_int(stmt, 0);
	db_finalize(stmt);
	stmt = NULL;
	if (query_id(st, "SELECT count(*) FROM assessments WHERE system_id = ?1", system, &n, &found, err))
		goto out;
	if (!other && n == 1) {
		if (prepare(st, "UPDATE systems SET name = ?2, org = ?3 WHERE id = ?1", &stmt, err))
			goto out;
		db_bind_int(stmt, 1, system);
	} else {
		if (!other) {
			if (prepare(st, "INSERT INTO systems (name, org, s_level, a_level, flags, created) SELECT ?2, "
					"?3, s_level, a_level, flags, created FROM systems WHERE id = ?1 RETURNING id",
				    &stmt, err))
				goto out;
			db_bind_int(stmt, 1, system);
			db_bind_text(stmt, 2, name);
			db_bind_text(stmt, 3, org);
			if (db_step(stmt) != DB_ROW) {
				store_db_error(st, err, "cannot save the system");
				goto out;
			}
			other = db_column_int(stmt, 0);
			db_finalize(stmt);
		}
		if (prepare(st, "UPDATE assessments SET system_id = ?2 WHERE id = ?1", &stmt, err))
			goto out;
		db_bind_int(stmt, 1, id);
		db_bind_int(stmt, 2, other);
		if (run(st, stmt, "cannot move the assessment", err)) {
			stmt = NULL;
			goto out;
		}
		if (prepare(st, "DELETE FROM systems WHERE id = ?1 AND NOT EXISTS "
				"(SELECT 1 FROM assessments WHERE system_id = ?1)", &stmt, err))
			goto out;
		db_bind_int(stmt, 1, system);
		if (run(st, stmt, "cannot delete the old system", err)) {
			stmt = NULL;
			goto out;
		}
		stmt = NULL;
		rc = 0;
		goto objects;
	}
	db_bind_text(stmt, 2, name);
	db_bind_text(stmt, 3, org);
	rc = run(st, stmt, "cannot rename the system", err);
	stmt = NULL;
	if (rc)
		goto out;
objects:
	if (strcmp(name, old_name)) {
		long long taken = 0;

		if (prepare(st, "SELECT count(*) FROM objects WHERE assessment_id = ?1 AND name = ?2", &stmt, err))
			goto fail;
		db_bind_int(stmt, 1, id);
		db_bind_text(stmt, 2, name);
		if (db_step(stmt) == DB_ROW)
			taken = db_column_int(stmt, 0);
		db_finalize(stmt);
		stmt = NULL;
		/* An object already carrying the new name keeps it; the system object keeps its own. */
		if (!taken) {
			if (prepare(st, "UPDATE objects SET name = ?3 WHERE assessment_id = ?1 AND kind = 'system' "
					"AND name = ?2", &stmt, err))
				goto fail;
			db_bind_int(stmt, 1, id);
			db_bind_text(stmt, 2, old_name);
			db_bind_text(stmt, 3, name);
			rc = run(st, stmt, "cannot rename the system object", err);
			stmt = NULL;
		}
	}
	goto out;
fail:
	rc = -1;
out:
	db_finalize(stmt);
	free(old_name);
	free(old_org);
	return rc;
}

int mlps_store_set(struct mlps_store *st, long long id, const struct mlps_store_changes *ch, const char *who,
		   struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
	char *now = now_iso();
	long long system = 0;
	bool final = false;
	int rc = -1;

	if (!who)
		who = user_name(st);
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
	db_bind_int(stmt, 1, system);
	if (ch->s_level >= 0)
		db_bind_int(stmt, 2, ch->s_level);
	if (ch->a_level >= 0)
		db_bind_int(stmt, 3, ch->a_level);
	if (ch->flags >= 0)
		db_bind_int(stmt, 4, ch->flags);
	if (run(st, stmt, "cannot update the system", err) || mark_system(st, system, err))
		goto out;
	if (prepare(st, "UPDATE assessments SET level = coalesce(?2, level), extensions = coalesce(?3, extensions), "
			"assessor = CASE WHEN CAST(?4 AS TEXT) IS NULL THEN assessor WHEN ?4 = '' THEN NULL ELSE ?4 END, "
			"updated = ?5 WHERE id = ?1", &stmt, err))
		goto out;
	db_bind_int(stmt, 1, id);
	if (ch->level > 0)
		db_bind_int(stmt, 2, ch->level);
	if (ch->ext >= 0)
		db_bind_int(stmt, 3, ch->ext);
	db_bind_text(stmt, 4, ch->assessor);
	db_bind_text(stmt, 5, now);
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
	struct db_stmt *stmt = NULL;
	struct strbuf detail = STRBUF_INIT;
	char *now = now_iso();
	bool final = false;
	int rc = -1;

	if (!who)
		who = user_name(st);
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
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, so->assessor);
	db_bind_text(stmt, 3, so->reviewer && *so->reviewer ? so->reviewer : NULL);
	db_bind_text(stmt, 4, so->date);
	db_bind_int(stmt, 5, so->open);
	db_bind_text(stmt, 6, so->catalog);
	db_bind_text(stmt, 7, so->rules);
	db_bind_text(stmt, 8, now);
	if (run(st, stmt, "cannot finalise the assessment", err))
		goto out;
	mark_dirty(st, id);
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
	struct db_stmt *stmt = NULL;
	char *now = now_iso();
	bool final = false;
	int rc = -1;

	if (!who)
		who = user_name(st);
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
	db_bind_int(stmt, 1, id);
	db_bind_text(stmt, 2, reason);
	db_bind_text(stmt, 3, now);
	if (run(st, stmt, "cannot reopen the assessment", err))
		goto out;
	mark_dirty(st, id);
	rc = log_event(st, id, who, now, "reopen", reason, err);
out:
	free(now);
	return end(st, rc, err);
}

/* Reads the lines of one log (events: the assessment log) into *e, each checked. */
static int read_log(struct mlps_store *st, long long id, const char *key, bool events, struct mlps_log_entry **e,
		    size_t *n, struct mlps_error *err)
{
	struct row r = ROW_INIT(st, NULL, err);
	size_t alloc = 0;
	int rc;

	*e = NULL;
	*n = 0;
	if (prepare(st, events ? "SELECT " EVENT_COLUMNS " FROM assessment_log e WHERE e.assessment_id = ?1 "
				 "ORDER BY e.at, e.id"
			       : "SELECT " ANSWER_LOG_COLUMNS " FROM answer_log l WHERE l.assessment_id = ?1 AND "
				 "(CAST(?2 AS TEXT) IS NULL OR l.req_key = ?2) ORDER BY l.at, l.id", &r.stmt, err))
		return -1;
	db_bind_int(r.stmt, 1, id);
	if (!events)
		db_bind_text(r.stmt, 2, key);
	while ((rc = db_step(r.stmt)) == DB_ROW) {
		mlps_grow((void **)e, &alloc, *n + 1, sizeof(**e));
		if (events)
			event_from_row(&r, 0, &(*e)[(*n)++]);
		else
			log_from_row(&r, 0, &(*e)[(*n)++]);
		if (r.problems)
			break;
	}
	db_finalize(r.stmt);
	if (r.problems || rc != DB_DONE) {
		mlps_store_log_free(*e, *n);
		*e = NULL;
		*n = 0;
		return r.problems ? -1 : store_db_error(st, err, "cannot read the log");
	}
	return 0;
}

/*
 * The answer log and the assessment log merged by time; at the same time
 * answer changes come first, each log in the order it was written.
 */
int mlps_store_log(struct mlps_store *st, long long id, const char *key, struct mlps_log_entry **out, size_t *n,
		   struct mlps_error *err)
{
	struct mlps_log_entry *lines = NULL, *events = NULL, *e;
	size_t n_lines = 0, n_events = 0, i = 0, j = 0;
	bool final;

	*out = NULL;
	*n = 0;
	if (read_status(st, id, &final, NULL, err) || read_log(st, id, key, false, &lines, &n_lines, err))
		return -1;
	if (!key && read_log(st, id, NULL, true, &events, &n_events, err)) {
		mlps_store_log_free(lines, n_lines);
		return -1;
	}
	e = mlps_calloc(n_lines + n_events + 1, sizeof(*e));
	while (i < n_lines || j < n_events) {
		if (j == n_events || (i < n_lines && strcmp(lines[i].at, events[j].at) <= 0))
			e[*n] = lines[i++];
		else
			e[*n] = events[j++];
		(*n)++;
	}
	free(lines);
	free(events);
	*out = e;
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

/* The tables a copy moves, in an order that never refers forward, with every column each keeps. */
static const struct {
	const char *table, *columns, *order;
} copied[] = {
	{ "systems", "id, name, org, s_level, a_level, flags, created", "id" },
	{ "assessments", "id, system_id, level, extensions, profile_hash, rules_id, assessor, status, created, "
	  "updated, parent_id, uid, reviewer, signed_date, signed_open, signed_catalog, signed_rules, reopen_reason",
	  "id" },
	{ "objects", "id, assessment_id, name, kind, importance, description", "id" },
	{ "answers", "assessment_id, req_key, object_id, status, note, evidence, na_reason, risk, mitigation, owner, "
	  "due, plan, to_confirm, text_hash, who, updated, revision", "assessment_id, req_key, object_id" },
	{ "answer_log", "id, assessment_id, req_key, who, at, old_status, new_status, old_note, new_note, object, "
	  "changed", "id" },
	{ "assessment_log", "id, assessment_id, who, at, event, detail", "id" },
};
#define N_COPIED (sizeof(copied) / sizeof(copied[0]))

static long long *count_slot(struct mlps_store_counts *n, size_t i)
{
	long long *slots[N_COPIED] = { &n->systems, &n->assessments, &n->objects, &n->answers, &n->answer_log,
				       &n->assessment_log };

	return slots[i];
}

int mlps_store_count(struct mlps_store *st, struct mlps_store_counts *n, struct mlps_error *err)
{
	struct strbuf sql = STRBUF_INIT;
	size_t i;
	int rc = 0;

	memset(n, 0, sizeof(*n));
	for (i = 0; !rc && i < N_COPIED; i++) {
		strbuf_reset(&sql);
		strbuf_addf(&sql, "SELECT count(*) FROM %s", copied[i].table);
		rc = query_int(st, sql.buf, count_slot(n, i), err);
	}
	strbuf_release(&sql);
	return rc;
}

/* Copies one table's rows, each value as the class it has (checked by scan() before). */
static int copy_table(struct mlps_store *from, struct mlps_store *to, size_t t, long long *count,
		      struct mlps_error *err)
{
	struct strbuf sql = STRBUF_INIT;
	struct db_stmt *get = NULL, *put = NULL;
	int n_cols = 1, i, rc = -1, step;
	const char *p;

	for (p = copied[t].columns; *p; p++)
		n_cols += *p == ',';
	strbuf_addf(&sql, "SELECT %s FROM %s ORDER BY %s", copied[t].columns, copied[t].table, copied[t].order);
	if (prepare(from, sql.buf, &get, err))
		goto out;
	strbuf_reset(&sql);
	strbuf_addf(&sql, "INSERT INTO %s (%s) VALUES (", copied[t].table, copied[t].columns);
	for (i = 1; i <= n_cols; i++)
		strbuf_addf(&sql, "%s?%d", i > 1 ? ", " : "", i);
	strbuf_adds(&sql, ")");
	if (prepare(to, sql.buf, &put, err))
		goto out;
	while ((step = db_step(get)) == DB_ROW) {
		for (i = 0; i < n_cols; i++) {
			switch (db_column_type(get, i)) {
			case DB_INTEGER:
				db_bind_int(put, i + 1, db_column_int(get, i));
				break;
			case DB_FLOAT:
				db_bind_double(put, i + 1, db_column_double(get, i));
				break;
			case DB_NULL:
				db_bind_null(put, i + 1);
				break;
			default:
				db_bind_text(put, i + 1, db_column_text(get, i));
				break;
			}
		}
		if (db_step(put) != DB_DONE) {
			store_db_error(to, err, "cannot copy a row");
			goto out;
		}
		db_reset(put);
		(*count)++;
		if (t == 1)
			mark_dirty(to, db_column_int(get, 0));
	}
	if (step != DB_DONE) {
		store_db_error(from, err, "cannot read the rows to copy");
		goto out;
	}
	rc = 0;
out:
	db_finalize(get);
	db_finalize(put);
	strbuf_release(&sql);
	return rc;
}

int mlps_store_copy(struct mlps_store *from, struct mlps_store *to, struct mlps_store_counts *n,
		    struct mlps_error *err)
{
	struct mlps_store_counts there;
	size_t i;
	int rc = 0;

	memset(n, 0, sizeof(*n));
	if (scan(from, SCAN_ALL, NULL, NULL, "nothing was copied", err) || mlps_store_count(to, &there, err))
		return -1;
	if (there.systems || there.assessments)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: already holds %lld assessment%s of %lld system%s; "
				      "a copy goes into an empty store; nothing was copied", to->path,
				      there.assessments, there.assessments == 1 ? "" : "s", there.systems,
				      there.systems == 1 ? "" : "s");
	if (begin(to, err))
		return -1;
	for (i = 0; !rc && i < N_COPIED; i++)
		rc = copy_table(from, to, i, count_slot(n, i), err);
	/* Numbers were kept: PostgreSQL's counters go on after the highest, as SQLite's rowids do by themselves. */
	for (i = 0; !rc && to->db.kind == DB_PG && i < N_COPIED; i++) {
		struct strbuf sql = STRBUF_INIT;

		if (strcmp(copied[i].order, "id"))
			continue;
		strbuf_addf(&sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce(max(id), 0) + 1, false) "
			    "FROM %s", copied[i].table, copied[i].table);
		rc = exec(to, sql.buf, err);
		strbuf_release(&sql);
	}
	return end(to, rc, err);
}
