/*
 * main.c - mlps entry point: global options, locale, and the subcommand table.
 */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "fileio.h"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "catalog", cmd_catalog, "list, show: browse the requirement catalogue" },
	{ "grade", cmd_grade, "grade a system (GB/T 22240): S?A?G? and its level" },
	{ "new", cmd_new, "create an assessment" },
	{ "open", cmd_open, "answer an assessment in the terminal UI" },
	{ "list", cmd_list, "list the assessments in the database" },
	{ "object", cmd_object, "add, list, rm, rename: the assessment's evaluation objects" },
	{ "answer", cmd_answer, "record one answer (per object)" },
	{ "score", cmd_score, "rate, score, verdicts and high-risk findings" },
	{ "report", cmd_report, "report: text, md, csv, json, html, xlsx or pdf" },
	{ "plan", cmd_plan, "import FILE: read the remediation plan back from Excel or CSV" },
	{ "reaudit", cmd_reaudit, "start a new assessment from a previous one" },
	{ "diff", cmd_diff, "what changed between two assessments" },
	{ "history", cmd_history, "a system's assessments over time" },
	{ "export", cmd_export, "write an assessment as JSON" },
	{ "import", cmd_import, "read an exported assessment into the database" },
	{ "db", cmd_db, "check, backup, init, copy, org: look after the database" },
	{ "profile", cmd_profile, "validate FILE|DIR...: check profile files" },
	{ "set", cmd_set, "correct the system, organisation, assessor, level or extensions" },
	{ "finalise", cmd_finalise, "sign an assessment off (final: no more changes)" },
	{ "reopen", cmd_reopen, "return a final assessment to draft, with a reason" },
	{ "delete", cmd_delete, "delete an assessment (asks; --yes in scripts)" },
	{ "log", cmd_log, "an assessment's trail: who changed which answer when" },
	{ "probe", cmd_probe, "read this host's configuration: evidence and proposed answers" },
	{ "help", NULL, "help COMMAND: the same as 'mlps COMMAND --help'" },
};

/*
 * Global options may also follow the command (`mlps list --db x.db`): they
 * are taken out of argv before the command parses the rest, up to a "--".
 * A text value that starts with one of them needs the --opt=VALUE form.
 */
static int take_global_options(struct cli *cli, const char **lang, int argc, char **argv)
{
	static const char *const names[] = { "--db", "--profiles", "--lang" };
	int i, j, k = 1;

	for (i = 1; i < argc; i++) {
		const char *value = NULL;
		size_t n;

		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[k++] = argv[i++];
			break;
		}
		for (j = 0; j < 3 && !value; j++) {
			n = strlen(names[j]);
			if (strncmp(argv[i], names[j], n))
				continue;
			if (argv[i][n] == '=') {
				value = argv[i] + n + 1;
			} else if (argv[i][n] == '\0') {
				if (i + 1 >= argc) {
					cli_errorf("option '%s' needs a value (see 'mlps --help')", names[j]);
					return -1;
				}
				value = argv[++i];
			} else {
				continue;
			}
			if (j == 0)
				cli->db = value;
			else if (j == 1)
				cli->profiles = value;
			else
				*lang = value;
		}
		if (!value)
			argv[k++] = argv[i];
	}
	argv[k] = NULL;
	return k;
}

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: mlps [--db PATH] [--profiles DIR] [--lang zh|en] COMMAND [ARGS]\n"
	      "\n"
	      "Self-assessment for China's Multi-Level Protection Scheme 2.0 (GB/T 22239-2019).\n"
	      "With no COMMAND on a terminal, mlps opens the terminal UI.\n"
	      "\n"
	      "Commands:\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Global options (before or after the command):\n"
	      "  --db PATH        assessment database (also MLPS_DB;\n"
	      "                   default $XDG_DATA_HOME/mlps/mlps.db), or a PostgreSQL\n"
	      "                   connection string: postgresql://..., service=NAME\n"
	      "  --profiles DIR   profile set to load (also MLPS_PROFILES;\n"
	      "                   default: the shipped gbt22239-2019 set)\n"
	      "  --lang zh|en     language of catalogue text (default: from the locale, else zh)\n"
	      "  -h, --help       this help; 'mlps COMMAND --help' for a command\n"
	      "  -V, --version    print the version\n"
	      "\n"
	      "Exit status: 0 success, 1 runtime failure, 2 bad usage or bad input.\n"
	      "'man mlps' has every command, option, key and example.\n", out);
}

/* Widths of Chinese text come from wcwidth(): make sure LC_CTYPE is UTF-8. */
static void setup_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (!cs || (strcmp(cs, "UTF-8") && strcmp(cs, "utf8")))
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "en_US.UTF-8");
	/* Numbers in machine formats always use a dot. */
	setlocale(LC_NUMERIC, "C");
}

/*
 * The program's version and the catalogue it would use: its folder, content
 * hash and size, so that a report can be traced to the exact texts.
 */
static int print_version(const struct cli *cli)
{
	char *dir = cli_profile_dir(cli);
	struct mlps_error err;
	struct mlps_catalog *cat;
	const char *base;

	printf("mlps %s\n", MLPS_VERSION);
	mlps_error_init(&err);
	cat = dir ? mlps_catalog_open(dir, &err) : NULL;
	if (cat) {
		base = strrchr(mlps_catalog_dir(cat), '/');
		printf("catalogue %s, hash %s, %zu requirements (texts are the project's paraphrase; "
		       "GB/T 22239-2019 is authoritative)\n", base ? base + 1 : mlps_catalog_dir(cat),
		       mlps_catalog_hash(cat), mlps_catalog_n_requirements(cat));
	} else {
		printf("catalogue: none loaded from %s\n", dir ? dir : "(no profile directory found)");
	}
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	free(dir);
	return EXIT_OK;
}

/*
 * A terminating signal during a report or export write must not leave
 * FILE.tmp-XXXXXX behind: remove the tracked temporary files (fileio.h),
 * then die of the same signal with its default action so that the parent
 * sees what happened. The signal is blocked while the handler runs, so the
 * raise() takes effect when it returns.
 */
static void on_terminating_signal(int signo)
{
	mlps_tmpfiles_remove();
	signal(signo, SIG_DFL);
	raise(signo);
}

static void install_cleanup(void)
{
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_terminating_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		struct sigaction old;

		/* A signal ignored by whoever started us (nohup) stays ignored. */
		if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(signals[i], &sa, NULL);
	}
	/* Past `ulimit -f` a write then fails with EFBIG, which the writers
	 * report and clean up after, instead of killing the process mid-file. */
	signal(SIGXFSZ, SIG_IGN);
	atexit(mlps_tmpfiles_remove);
}

/*
 * Everything printed to stdout reaches it, or the exit status says not:
 * output is buffered, so a full disk or a closed pipe shows only when it is
 * flushed. Commands that print through cli_write_stdout() have reported
 * their own failure already (and cleared the error).
 */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_errorf("cannot write the output: %s", errno ? strerror(errno) : "write error");
		clearerr(stdout);
		if (status == EXIT_OK)
			status = EXIT_RUNTIME;
	}
	return status;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "profiles", required_argument, NULL, 'p' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli;
	char *help_argv[] = { NULL, (char *)"--help", NULL };
	const char *lang = NULL;
	size_t i;
	int c;

	setup_locale();
	install_cleanup();
	memset(&cli, 0, sizeof(cli));
	cli.argv0 = argv[0];
	cli.db = getenv("MLPS_DB");
	cli.profiles = getenv("MLPS_PROFILES");
	if (cli.db && !*cli.db)
		cli.db = NULL;
	if (cli.profiles && !*cli.profiles)
		cli.profiles = NULL;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			cli.db = optarg;
			break;
		case 'p':
			cli.profiles = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'h':
			usage(stdout);
			return finish(EXIT_OK);
		case 'V':
			return finish(print_version(&cli));
		default:
			if (optopt)
				cli_errorf("unknown option '-%c' (see 'mlps --help')", optopt);
			else
				cli_errorf("unknown or incomplete option '%s' (see 'mlps --help')",
					   argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	if (lang) {
		if (cli_parse_lang(lang, &cli.lang)) {
			cli_errorf("--lang: '%s' is not zh or en", lang);
			return EXIT_USAGE;
		}
	} else {
		cli.lang = cli_locale_lang();
	}
	cli.msg_lang = lang ? cli.lang : cli_message_lang();
	cli_set_message_lang(cli.msg_lang);
	if (optind >= argc) {
		/* On a terminal, no command means the terminal UI; in a script, the usage. */
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
			return finish(cmd_tui(&cli));
		usage(stderr);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	argc = take_global_options(&cli, &lang, argc, argv);
	if (argc < 0)
		return EXIT_USAGE;
	if (lang && cli_parse_lang(lang, &cli.lang)) {
		cli_errorf("--lang: '%s' is not zh or en", lang);
		return EXIT_USAGE;
	}
	cli.msg_lang = lang ? cli.lang : cli_message_lang();
	cli_set_message_lang(cli.msg_lang);
	/* `mlps help CMD` is `mlps CMD --help`. */
	if (!strcmp(argv[0], "help")) {
		if (argc < 2) {
			usage(stdout);
			return finish(EXIT_OK);
		}
		if (argc > 2) {
			cli_errorf("help: one command at a time (see 'mlps --help')");
			return EXIT_USAGE;
		}
		help_argv[0] = argv[1];
		argv = help_argv;
		argc = 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].run && !strcmp(argv[0], commands[i].name))
			return finish(commands[i].run(&cli, argc, argv));
	cli_errorf("'%s' is not a command (see 'mlps --help')", argv[0]);
	return EXIT_USAGE;
}
