/*
 * cmd_exchange.c - `mlps export` and `mlps import`: one assessment as a
 * versioned JSON file (schema mlps-export/1), for moving it between machines
 * and databases.
 */
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "common.h"
#include "exchange.h"
#include "fileio.h"
#include "store.h"
#include "yamldoc.h"

#define IMPORT_MAX_BYTES (64u * 1024u * 1024u)

int cmd_export(struct cli *cli, int argc, char **argv)
{
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_assessment *a;
	struct mlps_error err;
	const char *id = NULL, *file = NULL;
	int i, force = 0, status = EXIT_OK;
	char *json;

	if (cli_wants_help(argc, argv)) {
		fputs("usage: mlps export ASSESSMENT [-o FILE] [--force]\n"
		      "\n"
		      "Writes the assessment and all its answers as JSON (schema mlps-export/1) to\n"
		      "stdout or FILE; an existing FILE is kept unless --force is given.\n", stdout);
		return EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
			file = argv[++i];
		else if (!strcmp(argv[i], "--force"))
			force = 1;
		else if (argv[i][0] == '-' || id)
			return cli_usage("export", "unexpected argument '%s'", argv[i]);
		else
			id = argv[i];
	}
	if (!id)
		return cli_usage("export", "expected ASSESSMENT");
	if (cli_open_assessment(cli, id, "export", &cat, &st, &a, &status))
		return status;
	json = mlps_export_json(a);
	mlps_error_init(&err);
	if (file) {
		struct strbuf doc = STRBUF_INIT;

		strbuf_addf(&doc, "%s\n", json);
		if (mlps_write_file_atomic(file, doc.buf, doc.len, force, &err))
			status = cli_report(&err);
		strbuf_release(&doc);
	} else {
		status = cli_write_stdout(json);
		if (!status)
			status = cli_write_stdout("\n");
	}
	free(json);
	mlps_error_release(&err);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

int cmd_import(struct cli *cli, int argc, char **argv)
{
	struct mlps_catalog *cat;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_error err;
	char *buf = NULL;
	size_t len;
	long long twin;
	bool as_new = false;
	int status = EXIT_OK;

	if (cli_wants_help(argc, argv)) {
		fputs("usage: mlps import FILE [--as-new]\n"
		      "\n"
		      "Reads a file written by 'mlps export' into the database as a new assessment\n"
		      "and prints its number. Every field is checked first; nothing is saved when\n"
		      "any is wrong. An assessment already imported (the same identifier) is\n"
		      "refused; --as-new imports it again as a separate assessment.\n", stdout);
		return EXIT_OK;
	}
	if (argc == 3 && !strcmp(argv[2], "--as-new")) {
		as_new = true;
	} else if (argc == 3 && !strcmp(argv[1], "--as-new")) {
		as_new = true;
		argv[1] = argv[2];
	} else if (argc != 2) {
		return cli_usage("import", "expected one FILE [--as-new]");
	}
	cat = cli_load_catalog(cli, &status);
	if (!cat)
		return status;
	mlps_error_init(&err);
	if (ydoc_read_file(argv[1], IMPORT_MAX_BYTES, &buf, &len, &err)) {
		status = cli_report(&err);
		goto out;
	}
	a = mlps_import_json(buf, len, argv[1], cat, &err);
	if (!a) {
		status = cli_report(&err);
		goto out;
	}
	st = cli_open_store(cli, true, &status);
	if (!st)
		goto out;
	mlps_store_set_catalog(st, cat);
	if (as_new) {
		free(a->uid);
		a->uid = NULL;
	} else if (a->uid && (twin = mlps_store_find_uid(st, a->uid, &err)) != 0) {
		if (twin < 0)
			status = cli_report(&err);
		else
			cli_errorf("import: %s: this assessment is already in the database as assessment %lld; "
				   "nothing was imported (--as-new imports it again as a separate one)", argv[1], twin);
		status = twin < 0 ? status : EXIT_USAGE;
		goto out;
	}
	if (mlps_store_import(st, a, &err)) {
		status = cli_report(&err);
		goto out;
	}
	status = cli_print_created("import", a->id);
out:
	free(buf);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}
