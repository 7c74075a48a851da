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
		      "check: integrity, foreign keys and schema version of the database.\n"
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
		int rc = mlps_store_check(st, &out, &err);

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
