/*
 * cmd_tui.c - the terminal UI from the shell: plain `mlps` opens Home,
 * `mlps open ASSESSMENT` the questionnaire of one assessment at its first
 * unanswered requirement. The UI itself lives in tui/; this file loads the
 * catalogue and the database, and turns the outcome into an exit status.
 */
#include <string.h>

#include "common.h"
#include "store.h"
#include "tui.h"

static const char open_usage[] =
	"usage: mlps open ASSESSMENT\n"
	"\n"
	"Opens the questionnaire of ASSESSMENT (a number from 'mlps list') in the\n"
	"terminal UI, at its first unanswered requirement. Every answer is saved the\n"
	"moment it is given; q goes back, ? shows every key. Plain 'mlps' opens the\n"
	"list of assessments instead.\n";

/* Runs the UI on assessment `id` (0: Home). A signal that ended it gives 128 + its number. */
static int run_tui(struct cli *cli, long long id)
{
	struct mlps_tui_args args;
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_error err;
	int status = EXIT_OK, signo = 0;

	cat = cli_load_catalog(cli, &status);
	if (!cat)
		return status;
	st = cli_open_store(cli, true, &status);
	if (!st) {
		mlps_catalog_free(cat);
		return status;
	}
	mlps_store_set_catalog(st, cat);
	mlps_error_init(&err);
	/*
	 * Home lists every assessment: a database with a bad row is refused
	 * here, with the row named and exit 1, before the screen is taken
	 * (inside, Home would only show an empty list and the message).
	 */
	{
		struct mlps_store_row *rows = NULL;
		size_t n = 0;

		if (mlps_store_list(st, &rows, &n, &err)) {
			status = cli_report(&err);
			mlps_error_release(&err);
			mlps_store_close(st);
			mlps_catalog_free(cat);
			return status;
		}
		mlps_store_rows_free(rows, n);
	}
	memset(&args, 0, sizeof(args));
	args.cat = cat;
	args.st = st;
	args.lang = cli->lang;
	args.open_id = id;
	if (mlps_tui_run(&args, &signo, &err))
		status = cli_report(&err);
	else if (signo)
		status = 128 + signo;
	mlps_error_release(&err);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

int cmd_tui(struct cli *cli)
{
	return run_tui(cli, 0);
}

int cmd_open(struct cli *cli, int argc, char **argv)
{
	long long id;

	if (cli_wants_help(argc, argv)) {
		fputs(open_usage, stdout);
		return EXIT_OK;
	}
	if (argc != 2)
		return cli_usage("open", "expected ASSESSMENT");
	if (cli_parse_id(argv[1], &id))
		return cli_usage("open", "'%s' is not an assessment number (see 'mlps list')", argv[1]);
	return run_tui(cli, id);
}
