/*
 * pg.c - the store on PostgreSQL: connecting, the schema and its roles,
 * the write queue and telling other sessions what changed. Everything else
 * (every query the store runs) is store.c's, through db.h.
 *
 * The tables live in a schema named mlps, made once by `mlps db init` with
 * the roles that may use it (docs/team.md has the SQL, from
 * mlps_store_init_sql()); a session finds them through its search_path, set
 * as a connection option so that it survives a reconnection. Credentials are
 * libpq's business alone (pgpass, service file, environment, SSL or GSS):
 * a password written into the connection string is refused.
 */
#include "store.h"
#include "store_int.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "mlps" in ASCII (0x6d6c7073): the key of the advisory lock every write transaction holds. */
#define WRITE_LOCK "1835823219"
#define CHANNEL "mlps"

bool mlps_store_is_pg(const char *name)
{
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz_");

	if (!strncmp(name, "postgresql://", 13) || !strncmp(name, "postgres://", 11))
		return true;
	/* keyword=value ("service=mlps", "host=db dbname=mlps"): a keyword, then '='. */
	return n > 0 && name[n] == '=';
}

/* The options libpq reads from conninfo; NULL with err set when it cannot parse it. */
static PQconninfoOption *parse(const char *conninfo, struct mlps_error *err)
{
	char *why = NULL;
	PQconninfoOption *opts = PQconninfoParse(conninfo, &why);
	const PQconninfoOption *o;

	if (!opts) {
		size_t len = why ? strcspn(why, "\n") : 0;

		mlps_error_set(err, MLPS_ERR_INPUT, "the PostgreSQL connection string cannot be read: %.*s",
			       (int)len, why ? why : "out of memory");
		PQfreemem(why);
		return NULL;
	}
	for (o = opts; o->keyword; o++)
		if ((!strcmp(o->keyword, "password") || !strcmp(o->keyword, "sslpassword")) && o->val && *o->val) {
			PQconninfoFree(opts);
			mlps_error_set(err, MLPS_ERR_INPUT, "the PostgreSQL connection string carries a password; "
				       "nothing was opened: leave it out and put it in ~/.pgpass (or PGPASSFILE, or a "
				       "service file), see docs/team.md");
			return NULL;
		}
	return opts;
}

static const char *option(const PQconninfoOption *opts, const char *keyword)
{
	for (; opts->keyword; opts++)
		if (!strcmp(opts->keyword, keyword))
			return opts->val && *opts->val ? opts->val : NULL;
	return NULL;
}

/*
 * How people see a database: postgresql://user@host:port/dbname, from what
 * is known (never a password), a string libpq takes back as it is.
 */
static char *shown(const char *user, const char *host, const char *port, const char *dbname)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "postgresql://");
	if (user)
		strbuf_addf(&sb, "%s@", user);
	/* A socket directory is written as a URI writes it (%2Ftmp%2Fpg), so what is shown can be used. */
	for (; host && *host; host++) {
		if (*host == '/' || *host == '%' || *host == '@')
			strbuf_addf(&sb, "%%%02X", (unsigned char)*host);
		else
			strbuf_addch(&sb, *host);
	}
	if (port && strcmp(port, "5432"))
		strbuf_addf(&sb, ":%s", port);
	strbuf_addf(&sb, "/%s", dbname ? dbname : "");
	return strbuf_detach(&sb, NULL);
}

static char *shown_options(const PQconninfoOption *opts)
{
	const char *service = option(opts, "service");
	struct strbuf sb = STRBUF_INIT;
	char *s;

	if (service && !option(opts, "host") && !option(opts, "dbname")) {
		strbuf_addf(&sb, "postgresql service %s", service);
		return strbuf_detach(&sb, NULL);
	}
	s = shown(option(opts, "user"), option(opts, "host"), option(opts, "port"), option(opts, "dbname"));
	return s;
}

/*
 * A connection to conninfo with the store's session settings; NULL with
 * err set (naming the database as shown, never the string itself).
 */
static PGconn *connect_to(const char *conninfo, char **shown_as, struct mlps_error *err)
{
	static const char *const keywords[] = { "dbname", "options", "fallback_application_name", NULL };
	const char *values[] = { conninfo, "-c search_path=mlps -c client_encoding=UTF8", "mlps", NULL };
	PQconninfoOption *opts = parse(conninfo, err);
	PGconn *conn;

	*shown_as = NULL;
	if (!opts)
		return NULL;
	*shown_as = shown_options(opts);
	PQconninfoFree(opts);
	conn = PQconnectdbParams(keywords, values, 1);
	if (!conn || PQstatus(conn) != CONNECTION_OK) {
		const char *why = conn ? PQerrorMessage(conn) : "out of memory";
		size_t len = strcspn(why, "\n");

		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot connect to the PostgreSQL server: %.*s", *shown_as,
			       (int)len, why);
		PQfinish(conn);
		return NULL;
	}
	free(*shown_as);
	*shown_as = shown(PQuser(conn), PQhost(conn), PQport(conn), PQdb(conn));
	return conn;
}

/*
 * Whether the schema is there but this role may not use it: its tables are
 * then simply not on the search path, which looks like no schema at all.
 */
static bool schema_hidden(struct mlps_store *st)
{
	PGresult *res = PQexec(st->db.pg, "SELECT n.oid IS NOT NULL AND NOT has_schema_privilege(n.oid, 'USAGE') "
			       "FROM (SELECT 1) x LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = 'mlps'");
	bool hidden = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && *PQgetvalue(res, 0, 0) == 't';

	PQclear(res);
	return hidden;
}

/*
 * Reads the schema version, whether this role may write, who we are, and
 * starts listening for other sessions' changes: one round trip.
 */
static int session(struct mlps_store *st, struct mlps_error *err)
{
	PGresult *res = PQexec(st->db.pg, "LISTEN " CHANNEL "; SELECT (SELECT value FROM meta WHERE key = 'schema'), "
			       "has_table_privilege('answers', 'INSERT'), pg_backend_pid(), current_user");
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	long long version;
	int rc = -1;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		if (state && (!strcmp(state, "42P01") || !strcmp(state, "3F000")) && schema_hidden(st))
			mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: role %s may not read the mlps schema; an "
				       "administrator grants it mlps_reader or mlps_writer (docs/team.md)", st->path,
				       PQuser(st->db.pg));
		else if (state && (!strcmp(state, "42P01") || !strcmp(state, "3F000")))
			mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: no mlps schema in this database; an administrator "
				       "makes it with 'mlps db init' (docs/team.md)", st->path);
		else if (state && !strcmp(state, "42501"))
			mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: role %s may not read the mlps schema; an "
				       "administrator grants it mlps_reader or mlps_writer (docs/team.md)", st->path,
				       PQuser(st->db.pg));
		else
			mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot read the database: %s", st->path,
				       res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : "no answer");
		goto out;
	}
	version = PQgetisnull(res, 0, 0) ? -1 : strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	if (version < 1) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: the mlps schema has no version mlps ever wrote; it was not "
			       "changed", st->path);
		goto out;
	}
	if (version > MLPS_STORE_SCHEMA) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: database schema version %lld is newer than this mlps knows "
			       "(%d); use a newer mlps; the database was not changed", st->path, version,
			       MLPS_STORE_SCHEMA);
		goto out;
	}
	/* Schema 6 is where PostgreSQL starts: a later version adds its migration here, as store.c has SQLite's. */
	if (version < MLPS_STORE_SCHEMA) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: database schema version %lld was never one of PostgreSQL's "
			       "(they start at 6); it was not changed", st->path, version);
		goto out;
	}
	if (*PQgetvalue(res, 0, 1) != 't') {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "role %s may only read this database (mlps_reader)", PQgetvalue(res, 0, 3));
		st->readonly = strbuf_detach(&sb, NULL);
	}
	st->listen_pid = (int)strtol(PQgetvalue(res, 0, 2), NULL, 10);
	st->role = mlps_strdup(PQgetvalue(res, 0, 3));
	rc = 0;
out:
	PQclear(res);
	return rc;
}

struct mlps_store *store_pg_open(const char *conninfo, struct mlps_error *err)
{
	struct mlps_store *st = mlps_calloc(1, sizeof(*st));

	st->db.kind = DB_PG;
	st->db.pg = connect_to(conninfo, &st->path, err);
	if (!st->db.pg) {
		if (!st->path)
			st->path = mlps_strdup("postgresql");
		goto fail;
	}
	if (session(st, err))
		goto fail;
	/* The tables are made by db init with every constraint: nothing to check, as there is for a file. */
	st->tables_checked = true;
	return st;
fail:
	mlps_store_close(st);
	return NULL;
}

void store_pg_close(struct mlps_store *st)
{
	db_pg_forget(&st->db);
	PQfinish(st->db.pg);
	st->db.pg = NULL;
}

int store_pg_begin(struct mlps_store *st, struct mlps_error *err)
{
	if (st->readonly)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: cannot be changed: %s; nothing was changed",
				      st->path, st->readonly);
	/*
	 * Writers queue on one lock held to the end of the transaction, as they
	 * do on SQLite's write lock: a read-change-write (the revision check,
	 * `mlps answer` changing one field) sees every earlier commit and no
	 * later one can come between.
	 */
	if (db_exec(&st->db, "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")")) {
		store_db_error(st, err, "cannot start a transaction");
		db_exec_quiet(&st->db, "ROLLBACK");
		return -1;
	}
	return 0;
}

int store_pg_notify(struct mlps_store *st, struct mlps_error *err)
{
	struct strbuf ids = STRBUF_INIT;
	struct db_stmt *stmt = NULL;
	size_t i;
	int rc = -1;

	for (i = 0; i < st->n_dirty; i++)
		strbuf_addf(&ids, "%s%lld", i ? "," : "", st->dirty[i]);
	/* Delivered at COMMIT, to every session listening but ours; nothing if we roll back. */
	if (db_prepare(&st->db, "SELECT pg_notify('" CHANNEL "', ?1)", &stmt)) {
		store_db_error(st, err, "cannot prepare a query");
		goto out;
	}
	db_bind_text(stmt, 1, ids.buf);
	if (db_step(stmt) == DB_ERROR) {
		store_db_error(st, err, "cannot tell other sessions of the change");
		goto out;
	}
	rc = 0;
out:
	db_finalize(stmt);
	strbuf_release(&ids);
	return rc;
}

bool store_pg_changed_elsewhere(struct mlps_store *st)
{
	PGnotify *n;
	bool changed = false;

	/* A lost connection is made again; what was missed meanwhile is unknown: reload. */
	db_pg_ready(&st->db);
	if (st->db.resets != st->resets_seen) {
		PGresult *res = PQexec(st->db.pg, "LISTEN " CHANNEL);

		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			st->resets_seen = st->db.resets;
			st->listen_pid = PQbackendPID(st->db.pg);
		}
		PQclear(res);
		return true;
	}
	if (!PQconsumeInput(st->db.pg))
		return false;
	while ((n = PQnotifies(st->db.pg))) {
		changed |= n->be_pid != st->listen_pid;
		PQfreemem(n);
	}
	return changed;
}

int store_pg_version(struct mlps_store *st, long long *version, struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
	int rc;

	if (db_prepare(&st->db, "SELECT value FROM meta WHERE key = 'schema'", &stmt))
		return store_db_error(st, err, "cannot prepare a query");
	rc = db_step(stmt);
	if (rc == DB_ROW)
		*version = strtoll(db_column_text(stmt, 0), NULL, 10);
	db_finalize(stmt);
	return rc == DB_ROW ? 0 : store_db_error(st, err, "cannot read the schema version");
}

/*
 * The schema and the roles, as `mlps db init` runs them (and docs/team.md
 * shows them): one transaction. Tables, columns and constraints are the
 * SQLite schema's (version 6) in PostgreSQL's types; texts that are sorted
 * compare byte by byte (COLLATE "C"), as SQLite's do, so that both list in
 * the same order.
 */
static const char *const schema_sql[] = {
	"DO $roles$ BEGIN\n"
	"  -- Group roles (no login); people are roles granted one of them.\n"
	"  BEGIN CREATE ROLE mlps_owner NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;\n"
	"  BEGIN CREATE ROLE mlps_writer NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;\n"
	"  BEGIN CREATE ROLE mlps_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;\n"
	"END $roles$;\n",
	"CREATE SCHEMA mlps AUTHORIZATION mlps_owner;\n"
	"SET LOCAL ROLE mlps_owner;\n"
	"SET LOCAL search_path = mlps;\n",
	"CREATE TABLE meta (\n"
	"  key text PRIMARY KEY,\n"
	"  value text NOT NULL);\n"
	"INSERT INTO meta (key, value) VALUES ('schema', '6');\n",
	"CREATE TABLE systems (\n"
	"  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
	"  name text COLLATE \"C\" NOT NULL CHECK (length(name) > 0),\n"
	"  org text COLLATE \"C\" NOT NULL DEFAULT '',\n"
	"  s_level integer NOT NULL DEFAULT 0 CHECK (s_level BETWEEN 0 AND 5),\n"
	"  a_level integer NOT NULL DEFAULT 0 CHECK (a_level BETWEEN 0 AND 5),\n"
	"  flags integer NOT NULL DEFAULT 0 CHECK (flags BETWEEN 0 AND 15),\n"
	"  created text NOT NULL CHECK (created ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'),\n"
	"  UNIQUE (name, org));\n",
	"CREATE TABLE assessments (\n"
	"  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
	"  system_id bigint NOT NULL REFERENCES systems(id),\n"
	"  level integer NOT NULL CHECK (level BETWEEN 1 AND 4),\n"
	"  extensions integer NOT NULL CHECK (extensions BETWEEN 0 AND 31),\n"
	"  profile_hash text NOT NULL CHECK (length(profile_hash) > 0),\n"
	"  rules_id text NOT NULL CHECK (length(rules_id) > 0),\n"
	"  assessor text,\n"
	"  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),\n"
	"  created text NOT NULL CHECK (created ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'),\n"
	"  updated text NOT NULL CHECK (updated ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'),\n"
	"  parent_id bigint REFERENCES assessments(id),\n"
	"  uid text NOT NULL UNIQUE CHECK (uid ~ '^[0-9a-f]{32}$'),\n"
	"  reviewer text,\n"
	"  signed_date text CHECK (signed_date ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),\n"
	"  signed_open integer NOT NULL DEFAULT 0 CHECK (signed_open >= 0),\n"
	"  signed_catalog text,\n"
	"  signed_rules text,\n"
	"  reopen_reason text CHECK (length(reopen_reason) > 0));\n"
	"CREATE INDEX assessments_by_system ON assessments(system_id);\n",
	"CREATE TABLE objects (\n"
	"  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
	"  assessment_id bigint NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,\n"
	"  name text COLLATE \"C\" NOT NULL CHECK (length(name) > 0),\n"
	"  kind text COLLATE \"C\" NOT NULL CHECK (kind ~ '^[a-z0-9-]+$'),\n"
	"  importance text NOT NULL DEFAULT 'important' CHECK (importance IN ('key', 'important', 'general')),\n"
	"  description text,\n"
	"  UNIQUE (assessment_id, name));\n",
	"CREATE TABLE answers (\n"
	"  assessment_id bigint NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,\n"
	"  req_key text COLLATE \"C\" NOT NULL CHECK (length(req_key) > 0),\n"
	"  object_id bigint NOT NULL REFERENCES objects(id) ON DELETE CASCADE,\n"
	"  status text NOT NULL CHECK (status IN ('unanswered', 'compliant', 'partial', 'noncompliant', 'na', "
	"'todo')),\n"
	"  note text, evidence text, na_reason text,\n"
	"  risk text NOT NULL DEFAULT 'none' CHECK (risk IN ('none', 'low', 'medium', 'high')),\n"
	"  mitigation text, owner text,\n"
	"  due text CHECK (due ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'),\n"
	"  plan text NOT NULL DEFAULT 'none' CHECK (plan IN ('none', 'open', 'in-progress', 'done')),\n"
	"  to_confirm integer NOT NULL DEFAULT 0 CHECK (to_confirm IN (0, 1)),\n"
	"  text_hash text CHECK (text_hash ~ '^[0-9a-f]{16}$'),\n"
	"  who text,\n"
	"  updated text NOT NULL CHECK (updated ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'),\n"
	"  revision bigint NOT NULL DEFAULT 1 CHECK (revision >= 1),\n"
	"  PRIMARY KEY (assessment_id, req_key, object_id));\n"
	"CREATE INDEX answers_by_object ON answers(object_id);\n",
	"CREATE TABLE answer_log (\n"
	"  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
	"  assessment_id bigint NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,\n"
	"  req_key text COLLATE \"C\" NOT NULL CHECK (length(req_key) > 0),\n"
	"  who text,\n"
	"  at text NOT NULL CHECK (at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'),\n"
	"  old_status text CHECK (old_status IN ('unanswered', 'compliant', 'partial', 'noncompliant', 'na', "
	"'todo')),\n"
	"  new_status text NOT NULL CHECK (new_status IN ('unanswered', 'compliant', 'partial', 'noncompliant', "
	"'na', 'todo')),\n"
	"  old_note text, new_note text,\n"
	"  object text,\n"
	"  changed text CHECK (changed ~ '^[a-z,]+$'));\n"
	"CREATE INDEX answer_log_by_assessment ON answer_log(assessment_id, req_key);\n",
	"CREATE TABLE assessment_log (\n"
	"  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
	"  assessment_id bigint NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,\n"
	"  who text NOT NULL CHECK (length(who) > 0),\n"
	"  at text NOT NULL CHECK (at ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'),\n"
	"  event text NOT NULL CHECK (event IN ('set', 'finalise', 'reopen')),\n"
	"  detail text NOT NULL DEFAULT '');\n"
	"CREATE INDEX assessment_log_by_assessment ON assessment_log(assessment_id);\n",
	"CREATE TABLE assessment_summary (\n"
	"  assessment_id bigint PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,\n"
	"  profile_hash text NOT NULL CHECK (length(profile_hash) > 0),\n"
	"  rules_id text NOT NULL CHECK (length(rules_id) > 0),\n"
	"  decided integer NOT NULL CHECK (decided >= 0),\n"
	"  in_scope integer NOT NULL CHECK (in_scope >= decided),\n"
	"  answered integer NOT NULL CHECK (answered >= 0),\n"
	"  applicable integer NOT NULL CHECK (applicable >= 0),\n"
	"  rate double precision NOT NULL,\n"
	"  composite double precision NOT NULL,\n"
	"  worst_risk text NOT NULL CHECK (worst_risk IN ('none', 'low', 'medium', 'high')),\n"
	"  primary_band integer NOT NULL CHECK (primary_band >= -1),\n"
	"  bands text NOT NULL CHECK (bands ~ '^[0-9,]*$'),\n"
	"  high_risk integer NOT NULL CHECK (high_risk >= 0),\n"
	"  mitigated integer NOT NULL CHECK (mitigated BETWEEN 0 AND high_risk),\n"
	"  unconfirmed integer NOT NULL CHECK (unconfirmed >= 0),\n"
	"  answers integer NOT NULL CHECK (answers >= 0),\n"
	"  to_confirm integer NOT NULL CHECK (to_confirm >= 0));\n",
	"-- Readers read; writers read and write rows (and move the counters, for db copy); only the owner\n"
	"-- changes the tables.\n"
	"GRANT USAGE ON SCHEMA mlps TO mlps_reader, mlps_writer;\n"
	"GRANT SELECT ON ALL TABLES IN SCHEMA mlps TO mlps_reader;\n"
	"GRANT SELECT, INSERT, UPDATE, DELETE ON systems, assessments, objects, answers, answer_log, "
	"assessment_log, assessment_summary TO mlps_writer;\n"
	"GRANT SELECT ON meta TO mlps_writer;\n"
	"GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA mlps TO mlps_writer;\n",
	NULL,
};

/* With --per-org: who sees which organisation's systems, and the policies that hide the others. */
static const char *const per_org_sql[] = {
	"CREATE TABLE org_members (\n"
	"  member text NOT NULL,\n"
	"  org text COLLATE \"C\" NOT NULL,\n"
	"  PRIMARY KEY (member, org));\n"
	"GRANT SELECT ON org_members TO mlps_reader, mlps_writer;\n"
	"INSERT INTO meta (key, value) VALUES ('per_org', 'yes');\n",
	"-- A role sees a system when it, or a group role it belongs to, is granted the system's organisation.\n"
	"CREATE FUNCTION org_visible(o text) RETURNS boolean LANGUAGE sql STABLE AS\n"
	"  $f$ SELECT EXISTS (SELECT 1 FROM mlps.org_members m JOIN pg_catalog.pg_roles r ON r.rolname = m.member\n"
	"      WHERE m.org = o AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')) $f$;\n"
	"GRANT EXECUTE ON FUNCTION org_visible(text) TO mlps_reader, mlps_writer;\n",
	"-- Everything else follows its system, through its assessment (policies apply inside them too).\n"
	"ALTER TABLE systems ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY by_org ON systems USING (org_visible(org));\n"
	"ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY by_org ON assessments USING (EXISTS (SELECT 1 FROM systems s WHERE s.id = system_id));\n",
	"ALTER TABLE objects ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY by_org ON objects USING (EXISTS (SELECT 1 FROM assessments a WHERE a.id = assessment_id));\n"
	"ALTER TABLE answers ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY by_org ON answers USING (EXISTS (SELECT 1 FROM assessments a WHERE a.id = assessment_id));\n"
	"ALTER TABLE answer_log ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY by_org ON answer_log USING (EXISTS (SELECT 1 FROM assessments a WHERE a.id = "
	"assessment_id));\n",
	"ALTER TABLE assessment_log ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY by_org ON assessment_log USING (EXISTS (SELECT 1 FROM assessments a WHERE a.id = "
	"assessment_id));\n"
	"ALTER TABLE assessment_summary ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY by_org ON assessment_summary USING (EXISTS (SELECT 1 FROM assessments a WHERE a.id = "
	"assessment_id));\n",
	NULL,
};

void mlps_store_init_sql(bool per_org, struct strbuf *out)
{
	size_t i;

	strbuf_adds(out, "BEGIN;\n");
	for (i = 0; schema_sql[i]; i++)
		strbuf_adds(out, schema_sql[i]);
	for (i = 0; per_org && per_org_sql[i]; i++)
		strbuf_adds(out, per_org_sql[i]);
	strbuf_adds(out, "COMMIT;\n");
}

int mlps_store_init(const char *conninfo, bool per_org, char **shown_as, struct mlps_error *err)
{
	struct strbuf sql = STRBUF_INIT;
	PGconn *conn = connect_to(conninfo, shown_as, err);
	PGresult *res;
	int rc = -1;

	if (!conn)
		return -1;
	res = PQexec(conn, "SELECT (SELECT value FROM mlps.meta WHERE key = 'schema') FROM pg_namespace "
		     "WHERE nspname = 'mlps'");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: already has an mlps schema (version %s); nothing was "
			       "changed", *shown_as, PQgetisnull(res, 0, 0) ? "unknown" : PQgetvalue(res, 0, 0));
		goto out;
	}
	PQclear(res);
	mlps_store_init_sql(per_org, &sql);
	res = PQexec(conn, sql.buf);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		const char *why = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot create the mlps schema: %s; nothing was changed "
			       "(it takes a role that may create roles and schemas)", *shown_as,
			       why ? why : PQerrorMessage(conn));
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	PQfinish(conn);
	strbuf_release(&sql);
	return rc;
}

int mlps_store_org(struct mlps_store *st, bool grant, const char *role, const char *org,
		   struct mlps_error *err)
{
	struct db_stmt *stmt = NULL;
	int rc = -1;

	if (st->db.kind != DB_PG)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: organisations are granted on a PostgreSQL store "
				      "made with 'mlps db init --per-org'; an SQLite file has no roles", st->path);
	if (db_prepare(&st->db, grant ? "INSERT INTO org_members (member, org) SELECT r.rolname, ?2 FROM pg_catalog.pg_roles r "
			"WHERE r.rolname = CAST(?1 AS name) ON CONFLICT DO NOTHING"
			: "DELETE FROM org_members WHERE member = ?1 AND org = ?2", &stmt)) {
		store_db_error(st, err, "cannot prepare a query");
		goto out;
	}
	db_bind_text(stmt, 1, role);
	db_bind_text(stmt, 2, org);
	if (db_step(stmt) == DB_ERROR) {
		if (!strcmp(db_sqlstate(&st->db), "42P01"))
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: this database was made without --per-org: every "
				       "reader and writer sees every organisation", st->path);
		else
			store_db_error(st, err, grant ? "cannot grant the organisation" : "cannot revoke it");
		goto out;
	}
	if (grant && st->db.changes == 0) {
		/* Either there is no such role, or it already had the organisation. */
		db_finalize(stmt);
		stmt = NULL;
		if (db_prepare(&st->db, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?1", &stmt)) {
			store_db_error(st, err, "cannot prepare a query");
			goto out;
		}
		db_bind_text(stmt, 1, role);
		if (db_step(stmt) != DB_ROW) {
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: there is no role '%s'; nothing was changed", st->path,
				       role);
			goto out;
		}
	}
	if (!grant && st->db.changes == 0) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: role '%s' was not granted organisation '%s'; nothing was "
			       "changed", st->path, role, org);
		goto out;
	}
	rc = 0;
out:
	db_finalize(stmt);
	return rc;
}
