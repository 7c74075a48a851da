/*
 * common.h - what every subcommand shares: the global options, exit codes,
 * error printing, and finding and loading the profile set.
 * Only cli/ prints errors and picks exit statuses.
 */
#ifndef MLPS_CLI_COMMON_H
#define MLPS_CLI_COMMON_H

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
	const char *argv0;
};

/* Prints "mlps: <what>: <why>" to stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints every message of err (each already "place: why") and returns its exit status. */
int cli_report(const struct mlps_error *err);
/* Prints a usage error with a pointer to --help; returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The profile directory to use: --profiles, MLPS_PROFILES, beside the binary, installed. Caller frees. */
char *cli_profile_dir(const struct cli *cli);
/* Loads the profile set, printing every problem; NULL with *status set on failure. */
struct mlps_catalog *cli_load_catalog(const struct cli *cli, int *status);

/* Parses "zh" / "en"; -1 otherwise. */
int cli_parse_lang(const char *s, enum mlps_lang *out);
/* zh unless the locale says English (or another non-Chinese language). */
enum mlps_lang cli_locale_lang(void);
/* Parses a level 1-4; -1 otherwise. */
int cli_parse_level(const char *s, int *out);

/* Subcommands */
int cmd_catalog(struct cli *cli, int argc, char **argv);
int cmd_profile(struct cli *cli, int argc, char **argv);

#endif
