/*
 * common.h - what every subcommand shares: the global options, exit codes,
 * error printing, and finding and loading the profile set.
 * Only cli/ prints errors and picks exit statuses.
 */
#ifndef MLPS_CLI_COMMON_H
#define MLPS_CLI_COMMON_H

#include <stdbool.h>
#include <stdio.h>

#include "catalog.h"
#include "util.h"

enum {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,   /* the system failed: I/O, database */
	EXIT_USAGE = 2,     /* bad usage or bad input */
};

/* Global options, given before the subcommand. */
struct cli {
	const char *db;         /* --db or MLPS_DB; NULL: the default path */
	const char *profiles;   /* --profiles or MLPS_PROFILES; NULL: the shipped set */
	enum mlps_lang lang;    /* --lang, else the locale, else zh */
	enum mlps_lang msg_lang;    /* messages: --lang, else zh for a zh_* locale, else en */
	const char *argv0;
};

/* The language of error messages (--lang, else the locale); main() sets it. */
void cli_set_message_lang(enum mlps_lang lang);
/* Prints "mlps: <what>: <why>" to stderr (in Chinese where a translation is known). */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints every message of err (each already "place: why") and returns its exit status. */
int cli_report(const struct mlps_error *err);
/* Prints a usage error with a pointer to --help; returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The profile directory to use: --profiles, MLPS_PROFILES, <bindir>/../share/mlps/profiles, the build
 * tree's profiles/, the configured data directory; NULL when none exists. Caller frees.
 */
char *cli_profile_dir(const struct cli *cli);
/* Loads the profile set, printing every problem; NULL with *status set on failure. */
struct mlps_catalog *cli_load_catalog(const struct cli *cli, int *status);

/* Parses "zh" / "en"; -1 otherwise. */
int cli_parse_lang(const char *s, enum mlps_lang *out);
/* zh unless the locale says English (or another non-Chinese language). */
enum mlps_lang cli_locale_lang(void);
/* Messages without --lang: zh for a zh_* locale, else English (C, POSIX, unset). */
enum mlps_lang cli_message_lang(void);
/* Parses a level 1-4; -1 otherwise. */
int cli_parse_level(const char *s, int *out);

struct mlps_store;
/*
 * Opens --db, MLPS_DB or the default database, printing any problem. Only
 * the commands that make assessments (new, import, the UI) pass create: they
 * say on stderr when they made a new file; every other one refuses a missing
 * database ("no database at PATH", exit 1).
 */
struct mlps_store *cli_open_store(const struct cli *cli, bool create, int *status);
/* Both of the above; on failure prints, sets *status, frees what it opened and returns -1. */
int cli_open_catalog_and_store(const struct cli *cli, struct mlps_catalog **cat, struct mlps_store **st,
			       int *status);
/* Parses an assessment number (a positive integer); -1 otherwise. */
int cli_parse_id(const char *s, long long *out);
/* Loads catalogue, store and one assessment; on failure prints, sets *status, returns -1. */
struct mlps_assessment;
int cli_open_assessment(const struct cli *cli, const char *id_arg, const char *cmd,
			struct mlps_catalog **cat, struct mlps_store **st,
			struct mlps_assessment **a, int *status);
/*
 * The requirement an ID or key names, for a command working on assessment
 * a; prints why not (NULL). An ID of another level is accepted with a note
 * on stderr naming the item at a's level ("L4-PES1-06 is L3-PES1-05 at
 * level 3").
 */
const struct mlps_requirement *cli_find_requirement(const struct cli *cli, const struct mlps_catalog *cat,
						    const struct mlps_assessment *a, const char *arg,
						    const char *cmd);
/* Writes a whole string to stdout; EXIT_RUNTIME when stdout fails (full disk, closed pipe). */
int cli_write_stdout(const char *s);
/*
 * Prints the number of an assessment just created and flushes it. On a write
 * failure says that the assessment exists and where to find it, and returns
 * EXIT_RUNTIME: the database already holds it.
 */
int cli_print_created(const char *cmd, long long id);
/* The same for text meant for a terminal: control characters shown as \xNN, LF and TAB kept. */
int cli_write_text(const char *s);
/* True when argv has -h or --help before a "--". */
int cli_wants_help(int argc, char **argv);

/* Subcommands */
int cmd_catalog(struct cli *cli, int argc, char **argv);
int cmd_profile(struct cli *cli, int argc, char **argv);
int cmd_grade(struct cli *cli, int argc, char **argv);
int cmd_new(struct cli *cli, int argc, char **argv);
int cmd_list(struct cli *cli, int argc, char **argv);
int cmd_answer(struct cli *cli, int argc, char **argv);
int cmd_object(struct cli *cli, int argc, char **argv);
int cmd_score(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_db(struct cli *cli, int argc, char **argv);
int cmd_reaudit(struct cli *cli, int argc, char **argv);
int cmd_diff(struct cli *cli, int argc, char **argv);
int cmd_history(struct cli *cli, int argc, char **argv);
int cmd_set(struct cli *cli, int argc, char **argv);
int cmd_finalise(struct cli *cli, int argc, char **argv);
int cmd_reopen(struct cli *cli, int argc, char **argv);
int cmd_delete(struct cli *cli, int argc, char **argv);
int cmd_log(struct cli *cli, int argc, char **argv);
int cmd_probe(struct cli *cli, int argc, char **argv);
int cmd_plan(struct cli *cli, int argc, char **argv);
/* The terminal UI: plain `mlps` (Home) and `mlps open ASSESSMENT`. */
int cmd_tui(struct cli *cli);
int cmd_open(struct cli *cli, int argc, char **argv);

#endif
