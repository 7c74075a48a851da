/*
 * cmd_db.c - `mlps db`: check, backup, and the PostgreSQL store's init,
 * copy between stores, and organisation grants (docs/team.md).
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "exchange.h"
#include "store.h"

static const char db_usage[] =
	"usage: mlps db check\n"
	"       mlps db backup FILE\n"
	"       mlps db init CONNINFO [--per-org]\n"
	"       mlps db init --print-sql [--per-org]\n"
	"       mlps db copy FROM TO\n"
	"       mlps db org grant|revoke ROLE ORG\n"
	"\n"
	"check: integrity, foreign keys, every row as mlps reads it (with the profile\n"
	"set's rules: requirement keys, kinds of object, N/A reasons) and the schema\n"
	"version; each problem names its table and row. Exit 1 when there is any.\n"
	"backup: a consistent copy through SQLite's online backup API; FILE must not exist.\n"
	"init: makes the mlps schema in a PostgreSQL database with the roles mlps_owner,\n"
	"mlps_writer and mlps_reader (--per-org: each role sees only the organisations\n"
	"granted to it); --print-sql shows the SQL it runs, and runs nothing.\n"
	"copy: every system, assessment, object, answer and log line from one store to\n"
	"an empty one (an SQLite file or a PostgreSQL database, either way round) in one\n"
	"transaction, then compares the exports of both sides.\n"
	"org: on a --per-org database, lets ROLE see (or no longer see) ORG's systems.\n"
	"\n"
	"CONNINFO, FROM, TO and --db take a file or a libpq connection string\n"
	"(postgresql://..., or service=NAME); passwords belong in ~/.pgpass, never here.\n";

static int db_init(int argc, char **argv)
{
	struct mlps_error err;
	struct strbuf sql = STRBUF_INIT;
	const char *target = NULL;
	bool per_org = false, print = false;
	char *shown = NULL;
	int i, status = EXIT_OK;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--per-org"))
			per_org = true;
		else if (!strcmp(argv[i], "--print-sql"))
			print = true;
		else if (argv[i][0] == '-' || target)
			return cli_usage("db", "init: unexpected '%s'", argv[i]);
		else
			target = argv[i];
	}
	if (print) {
		if (target)
			return cli_usage("db", "init --print-sql connects to nothing: leave out '%s'", target);
		mlps_store_init_sql(per_org, &sql);
		status = cli_write_stdout(sql.buf);
		strbuf_release(&sql);
		return status;
	}
	if (!target)
		return cli_usage("db", "init takes the PostgreSQL database to make the schema in");
	if (!mlps_store_is_pg(target))
		return cli_usage("db", "init: '%s' is not a PostgreSQL connection string (postgresql://... or "
				 "service=NAME); an SQLite file is made by the first 'mlps new'", target);
	mlps_error_init(&err);
	if (mlps_store_init(target, per_org, &shown, &err))
		status = cli_report(&err);
	else
		printf("%s: made the mlps schema (version %d)%s, with the roles mlps_owner, mlps_writer and "
		       "mlps_reader\n", shown, MLPS_STORE_SCHEMA, per_org ? " with per-organisation visibility" : "");
	free(shown);
	mlps_error_release(&err);
	return status;
}

/*
 * After a copy: each assessment's export and answer log, read back from
 * both sides, must be the same. Prints what differs; EXIT_RUNTIME then.
 */
static int compare_sides(struct mlps_store *from, struct mlps_store *to, long long *checked,
			 struct mlps_error *err)
{
	struct mlps_store_row *rows = NULL;
	size_t n = 0, i;
	int status = EXIT_OK;

	*checked = 0;
	if (mlps_store_list(from, &rows, &n, err))
		return cli_report(err);
	for (i = 0; i < n && status == EXIT_OK; i++) {
		struct mlps_assessment *a = mlps_store_load(from, rows[i].id, err);
		struct mlps_assessment *b = a ? mlps_store_load(to, rows[i].id, err) : NULL;
		char *ja = a ? mlps_export_json(a) : NULL, *jb = b ? mlps_export_json(b) : NULL;
		long long la = a ? mlps_store_log_count(from, rows[i].id, err) : -1;
		long long lb = b ? mlps_store_log_count(to, rows[i].id, err) : -1;

		if (!a || !b || la < 0 || lb < 0)
			status = cli_report(err);
		else if (strcmp(ja, jb) || la != lb) {
			cli_errorf("db copy: assessment %lld differs between %s and %s after the copy", rows[i].id,
				   mlps_store_path(from), mlps_store_path(to));
			status = EXIT_RUNTIME;
		}
		*checked += status == EXIT_OK;
		free(ja);
		free(jb);
		mlps_assessment_free(a);
		mlps_assessment_free(b);
	}
	mlps_store_rows_free(rows, n);
	return status;
}

static int db_copy(struct cli *cli, int argc, char **argv)
{
	struct mlps_store *from = NULL, *to = NULL;
	struct mlps_catalog *cat;
	struct mlps_store_counts n;
	struct mlps_error err;
	bool created = false;
	long long checked = 0;
	int status = EXIT_OK, cat_status = EXIT_OK;

	if (argc != 4)
		return cli_usage("db", "copy takes FROM and TO");
	if (!strcmp(argv[2], argv[3]))
		return cli_usage("db", "copy: FROM and TO are the same store");
	mlps_error_init(&err);
	/* The summaries of the copy are computed as every write computes them; without a catalogue, by the next list. */
	cat = cli_load_catalog(cli, &cat_status);
	from = mlps_store_open_ex(argv[2], false, NULL, &err);
	if (!from || !(to = mlps_store_open_ex(argv[3], true, &created, &err))) {
		status = cli_report(&err);
		goto out;
	}
	if (cat)
		mlps_store_set_catalog(to, cat);
	if (mlps_store_copy(from, to, &n, &err)) {
		status = cli_report(&err);
		goto out;
	}
	printf("copied %s to %s: %lld system%s, %lld assessment%s, %lld object%s, %lld answer%s, %lld answer log "
	       "line%s, %lld assessment event%s\n", mlps_store_path(from), mlps_store_path(to),
	       n.systems, n.systems == 1 ? "" : "s", n.assessments, n.assessments == 1 ? "" : "s",
	       n.objects, n.objects == 1 ? "" : "s", n.answers, n.answers == 1 ? "" : "s",
	       n.answer_log, n.answer_log == 1 ? "" : "s", n.assessment_log, n.assessment_log == 1 ? "" : "s");
	status = compare_sides(from, to, &checked, &err);
	if (status == EXIT_OK)
		printf("checked: the export and the answer log of each of the %lld assessment%s are the same on "
		       "both sides\n", checked, checked == 1 ? "" : "s");
out:
	mlps_store_close(from);
	mlps_store_close(to);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}

static int db_org(struct cli *cli, int argc, char **argv)
{
	struct mlps_store *st;
	struct mlps_error err;
	bool grant;
	int status = EXIT_OK;

	if (argc != 5 || (strcmp(argv[2], "grant") && strcmp(argv[2], "revoke")))
		return cli_usage("db", "org takes grant or revoke, a ROLE and an ORG");
	grant = !strcmp(argv[2], "grant");
	st = cli_open_store(cli, false, &status);
	if (!st)
		return status;
	mlps_error_init(&err);
	if (mlps_store_org(st, grant, argv[3], argv[4], &err))
		status = cli_report(&err);
	else
		printf("%s: role %s %s organisation %s\n", mlps_store_path(st), argv[3],
		       grant ? "now sees the systems of" : "no longer sees the systems of", argv[4]);
	mlps_error_release(&err);
	mlps_store_close(st);
	return status;
}

int cmd_db(struct cli *cli, int argc, char **argv)
{
	struct mlps_store *st;
	struct mlps_error err;
	struct strbuf out = STRBUF_INIT;
	int status = EXIT_OK;

	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(db_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "init"))
		return db_init(argc, argv);
	if (!strcmp(argv[1], "copy"))
		return db_copy(cli, argc, argv);
	if (!strcmp(argv[1], "org"))
		return db_org(cli, argc, argv);
	if (strcmp(argv[1], "check") && strcmp(argv[1], "backup"))
		return cli_usage("db", "'%s' is not a db command (check, backup, init, copy or org)", argv[1]);
	if (!strcmp(argv[1], "check") && argc != 2)
		return cli_usage("db", "check takes no arguments");
	if (!strcmp(argv[1], "backup") && argc != 3)
		return cli_usage("db", "backup takes one FILE");
	st = cli_open_store(cli, false, &status);
	if (!st)
		return status;
	mlps_error_init(&err);
	if (!strcmp(argv[1], "check")) {
		/* A profile set that does not load must not stop the check of the database itself. */
		int cat_status = EXIT_OK;
		struct mlps_catalog *cat = cli_load_catalog(cli, &cat_status);
		int rc = mlps_store_check(st, cat, &out, &err);

		if (!cat)
			strbuf_adds(&out, "profile set: not loaded: requirement keys, kinds and N/A reasons not "
				    "checked\n");
		mlps_catalog_free(cat);

		status = cli_write_text(out.buf);
		if (rc)
			status = cli_report(&err);
	} else if (mlps_store_backup(st, argv[2], &err)) {
		status = cli_report(&err);
	} else {
		printf("%s\n", argv[2]);
	}
	strbuf_release(&out);
	mlps_error_release(&err);
	mlps_store_close(st);
	return status;
}
