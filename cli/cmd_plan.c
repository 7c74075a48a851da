/*
 * cmd_plan.c - `mlps plan import N FILE [--apply]`: the remediation plan as
 * the owners filled it in (the 整改计划 sheet of a report workbook, or the
 * same columns as CSV) back into the assessment. By default it only shows
 * what would change; --apply writes each change through
 * mlps_store_edit_answer(), so it is logged and only the plan fields (owner,
 * due date, plan status, note) change. Rows that match no item or object, or
 * carry a bad date or status, are listed with their row number and skipped.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "plan_import.h"
#include "store.h"
#include "usertext.h"

static const char plan_usage[] =
	"usage: mlps plan import ASSESSMENT FILE.xlsx|FILE.csv [--apply]\n"
	"\n"
	"Reads the remediation plan (the 整改计划 / Plan sheet of `mlps report -o r.xlsx`,\n"
	"or a CSV with the same header) as the owners edited it, and shows the changes\n"
	"to each item's owner, due date, plan status and note. Rows that match no item\n"
	"or object of the assessment, or carry an invalid date or status, are listed\n"
	"with their row number and none of their cells is applied.\n"
	"\n"
	"  --apply        write the changes (each one logged, as `mlps log` shows)\n"
	"\n"
	"Exit status: 0 when every row was good, 2 when some row was not taken.\n";

static bool same(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

static void set_text(char **field, const char *value)
{
	free(*field);
	*field = value && *value ? mlps_strdup(value) : NULL;
}

/* The edit: the plan fields of the row, nothing else. */
static int apply_row(struct mlps_answer *ans, void *ctx, struct mlps_error *err)
{
	const struct mlps_plan_row *row = ctx;

	(void)err;
	set_text(&ans->owner, row->owner);
	set_text(&ans->due, row->due);
	set_text(&ans->note, row->note);
	ans->plan = row->plan;
	return 0;
}

/* "owner 李娜 → 张三; due – → 2025-09-30": what a row changes, or nothing. */
static void describe(struct strbuf *out, const struct mlps_answer *ans, const struct mlps_plan_row *row)
{
	const char *owner = ans ? ans->owner : NULL, *due = ans ? ans->due : NULL, *note = ans ? ans->note : NULL;
	enum mlps_plan plan = ans ? ans->plan : MLPS_PLAN_NONE;

	if (!same(owner, row->owner))
		strbuf_addf(out, "%sowner %s → %s", out->len ? "; " : "", owner ? owner : "–",
			    row->owner ? row->owner : "–");
	if (!same(due, row->due))
		strbuf_addf(out, "%sdue %s → %s", out->len ? "; " : "", due ? due : "–", row->due ? row->due : "–");
	if (plan != row->plan)
		strbuf_addf(out, "%splan %s → %s", out->len ? "; " : "", mlps_plan_name(plan),
			    mlps_plan_name(row->plan));
	if (!same(note, row->note))
		strbuf_addf(out, "%snote changed", out->len ? "; " : "");
}

static int plan_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "apply", no_argument, NULL, 'a' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_plan_sheet sheet;
	struct mlps_error err;
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT, vis = STRBUF_INIT;
	const char *id = NULL, *file = NULL;
	bool apply = false;
	size_t i, changed = 0;
	int c, status = EXIT_OK;

	memset(&sheet, 0, sizeof(sheet));
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-", opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (!id)
				id = optarg;
			else if (!file)
				file = optarg;
			else
				return cli_usage("plan import", "unexpected argument '%s'", optarg);
			break;
		case 'a':
			apply = true;
			break;
		case 'h':
			fputs(plan_usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage("plan import", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (!id || !file)
		return cli_usage("plan import", "expected ASSESSMENT and FILE");
	if (cli_open_assessment(cli, id, "plan import", &cat, &st, &a, &status))
		return status;
	mlps_error_init(&err);
	if (mlps_plan_read(file, cat, a, &sheet, &err)) {
		status = cli_report(&err);
		goto out;
	}
	for (i = 0; i < sheet.n_rows; i++) {
		const struct mlps_plan_row *row = &sheet.rows[i];
		const struct mlps_answer *ans = mlps_assessment_answer(a, row->req->key, row->object);

		strbuf_reset(&line);
		describe(&line, ans, row);
		if (!line.len)
			continue;
		changed++;
		strbuf_addf(&out, "row %zu: %s @ %s: %s\n", row->row, row->req->ids[a->level] ? row->req->ids[a->level]
									    : row->req->key,
			    row->object, line.buf);
		if (apply && mlps_store_edit_answer(st, a->id, row->req->key, row->object, apply_row, (void *)row, NULL,
						    NULL, &err)) {
			status = cli_report(&err);
			goto out;
		}
	}
	for (i = 0; i < sheet.n_bad; i++)
		strbuf_addf(&out, "row %zu: not applied: %s\n", sheet.bad[i].row, sheet.bad[i].why);
	strbuf_addf(&out, "%zu change%s %s, %zu row%s not applied%s\n", changed, changed == 1 ? "" : "s",
		    apply ? "applied" : "to apply", sheet.n_bad, sheet.n_bad == 1 ? "" : "s",
		    apply || !changed ? "" : " (preview: --apply writes them)");
	status = cli_write_text(mlps_visible(&vis, out.buf, MLPS_VIS_MULTILINE));
	if (!status && sheet.n_bad)
		status = EXIT_USAGE;
out:
	mlps_plan_sheet_release(&sheet);
	strbuf_release(&out);
	strbuf_release(&line);
	strbuf_release(&vis);
	mlps_error_release(&err);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

int cmd_plan(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(plan_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "import"))
		return plan_import(cli, argc - 1, argv + 1);
	return cli_usage("plan", "unknown subcommand '%s' (import)", argv[1]);
}
