/*
 * cmd_db.c - `mlps db check` and `mlps db backup FILE`.
 */
#include <string.h>

#include "common.h"
#include "store.h"

int cmd_db(struct cli *cli, int argc, char **argv)
{
	struct mlps_store *st;
	struct mlps_error err;
	struct strbuf out = STRBUF_INIT;
	int status = EXIT_OK;

	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs("usage: mlps db check\n"
		      "       mlps db backup FILE\n"
		      "\n"
		      "check: integrity, foreign keys, every row as mlps reads it (with the profile\n"
		      "set's rules: requirement keys, kinds of object, N/A reasons) and the schema\n"
		      "version; each problem names its table and row. Exit 1 when there is any.\n"
		      "backup: a consistent copy through SQLite's online backup API; FILE must not exist.\n",
		      argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "check") && strcmp(argv[1], "backup"))
		return cli_usage("db", "'%s' is not a db command (check or backup)", argv[1]);
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
