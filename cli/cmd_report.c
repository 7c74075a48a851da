/*
 * cmd_report.c - `mlps report`: the gap report of one assessment in any of
 * the six formats, to stdout or atomically to a file. When the assessment
 * re-audits an earlier one, the report carries the delta against it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common.h"
#include "diff.h"
#include "report.h"
#include "score.h"
#include "store.h"

#define WIDTH_MIN 77
#define WIDTH_MAX 1000

static const char report_usage[] =
	"usage: mlps report ASSESSMENT [--format text|md|csv|json|html|xlsx|pdf] [--lang zh|en]\n"
	"                   [-o FILE] [--force] [--width N] [--bom] [--sections LIST | --summary]\n"
	"\n"
	"Writes the report of an assessment in the order of the evaluation report: cover\n"
	"(with the disclaimer), conclusion, evaluation objects, security problems by\n"
	"risk, control points, remediation plan, the single-item records of every object,\n"
	"the changes since the assessment it re-audits; then the statement of\n"
	"applicability, unanswered and to-confirm items, and how the score was computed.\n"
	"docs/reports.md describes the formats.\n"
	"\n"
	"  --format F     text, md, csv, json (schema mlps-report/2), html, xlsx, pdf;\n"
	"                 default: from the extension of -o FILE (.txt .md .csv .json\n"
	"                 .html .xlsx .pdf), else text; a --format that contradicts the\n"
	"                 extension is refused\n"
	"  --sections L   only these sections, comma-separated: cover, conclusion,\n"
	"                 objects, problems, controls, plan, records, delta, soa, open,\n"
	"                 explain (default: all)\n"
	"  --summary      cover, conclusion and problems only\n"
	"  --lang L       zh or en (default: the global --lang, else the locale, else zh)\n"
	"  -o FILE        write FILE (temporary file, then rename) instead of stdout;\n"
	"                 '-o -' is stdout (xlsx only when stdout is not a terminal)\n"
	"  --force        replace FILE when it exists (otherwise: exit 2)\n"
	"  --width N      text: wrap at N display columns (default 80, 77-1000;\n"
	"                 77 is the width of the per-level table)\n"
	"  --bom, --no-bom  csv: a UTF-8 byte-order mark first, for Excel on Chinese\n"
	"                 Windows; the default is a BOM when the report is in Chinese\n";

/* The format a file name's extension says, or -1 when it says none. */
static int format_of_path(const char *path)
{
	static const struct {
		const char *ext;
		enum mlps_report_format f;
	} exts[] = {
		{ ".txt", MLPS_REPORT_TEXT }, { ".md", MLPS_REPORT_MD },     { ".csv", MLPS_REPORT_CSV },
		{ ".json", MLPS_REPORT_JSON }, { ".html", MLPS_REPORT_HTML }, { ".htm", MLPS_REPORT_HTML },
		{ ".xlsx", MLPS_REPORT_XLSX }, { ".pdf", MLPS_REPORT_PDF },
	};
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t i;

	if (!dot || (slash && dot < slash))
		return -1;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcasecmp(dot, exts[i].ext))
			return (int)exts[i].f;
	return -1;
}

/* The delta against the parent, or NULL (with a warning) when it cannot be had. */
static struct mlps_diff *parent_delta(const struct mlps_catalog *cat, struct mlps_store *st,
				      const struct mlps_assessment *a, struct mlps_assessment **parent)
{
	struct mlps_error err;
	struct mlps_diff *d = NULL;

	*parent = NULL;
	if (!a->parent)
		return NULL;
	mlps_error_init(&err);
	*parent = mlps_store_load(st, a->parent, &err);
	if (*parent)
		d = mlps_diff_compute(cat, *parent, a, &err);
	if (!d)
		/* The report is still worth having without its delta section. */
		cli_errorf("report: warning: no delta against assessment %lld: %s", a->parent,
			   mlps_error_message(&err));
	mlps_error_release(&err);
	return d;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' }, { "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' }, { "force", no_argument, NULL, 'F' },
		{ "width", required_argument, NULL, 'w' },  { "bom", no_argument, NULL, 'b' },
		{ "no-bom", no_argument, NULL, 'B' },       { "help", no_argument, NULL, 'h' },
		{ "sections", required_argument, NULL, 's' }, { "summary", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	enum mlps_report_format fmt = MLPS_REPORT_TEXT;
	struct mlps_report_opts ro;
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL, *parent = NULL;
	struct mlps_score *s = NULL;
	struct mlps_diff *d = NULL;
	struct mlps_error err;
	const char *id = NULL, *path = NULL;
	bool force = false, fmt_given = false, to_stdout = false;
	int c, status = EXIT_OK, bom = -1, inferred;

	memset(&ro, 0, sizeof(ro));
	ro.lang = cli->lang;
	ro.width = 80;
	if (cli_wants_help(argc, argv)) {
		fputs(report_usage, stdout);
		return EXIT_OK;
	}
	optind = 0;
	opterr = 0;
	/* Options may come before or after ASSESSMENT. */
	while ((c = getopt_long(argc, argv, "-o:", opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (id)
				return cli_usage("report", "unexpected argument '%s'", optarg);
			id = optarg;
			break;
		case 'f':
			if (mlps_report_format_parse(optarg, &fmt))
				return cli_usage("report", "--format: '%s' is not text, md, csv, json, html, xlsx or pdf",
						 optarg);
			fmt_given = true;
			break;
		case 'l':
			if (cli_parse_lang(optarg, &ro.lang))
				return cli_usage("report", "--lang: '%s' is not zh or en", optarg);
			break;
		case 'o':
			if (!*optarg)
				return cli_usage("report", "-o: the file name is empty");
			path = optarg;
			break;
		case 'F':
			force = true;
			break;
		case 'w': {
			char *end;
			long w = strtol(optarg, &end, 10);

			if (!*optarg || *end || w < WIDTH_MIN || w > WIDTH_MAX)
				return cli_usage("report", "--width: '%s' is not a number from %d to %d", optarg,
						 WIDTH_MIN, WIDTH_MAX);
			ro.width = (size_t)w;
			break;
		}
		case 'b':
			bom = 1;
			break;
		case 's': {
			struct mlps_error serr;
			int rc = 0;

			if (ro.sections)
				return cli_usage("report", "--sections and --summary: give one of them");
			mlps_error_init(&serr);
			if (mlps_report_sections_parse(optarg, &ro.sections, &serr))
				rc = cli_usage("report", "--sections: %s", mlps_error_message(&serr));
			mlps_error_release(&serr);
			if (rc)
				return rc;
			break;
		}
		case 'S':
			if (ro.sections)
				return cli_usage("report", "--sections and --summary: give one of them");
			ro.sections = MLPS_RS_SUMMARY;
			break;
		case 'B':
			bom = 0;
			break;
		default:
			return cli_usage("report", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (!id)
		return cli_usage("report", "expected ASSESSMENT");
	if (path && !strcmp(path, "-")) {
		path = NULL;
		to_stdout = true;
	}
	/* r.xlsx means XLSX: never plain text under a name that says otherwise. */
	inferred = path ? format_of_path(path) : -1;
	if (inferred >= 0 && fmt_given && (int)fmt != inferred)
		return cli_usage("report", "--format %s contradicts the file name '%s' (a %s file); drop --format "
				 "or change the name", mlps_report_format_name(fmt), path,
				 mlps_report_format_name((enum mlps_report_format)inferred));
	if (inferred >= 0 && !fmt_given)
		fmt = (enum mlps_report_format)inferred;
	if ((fmt == MLPS_REPORT_XLSX || fmt == MLPS_REPORT_PDF) && !path && !to_stdout)
		return cli_usage("report", "%s is a binary format: give -o FILE", mlps_report_format_name(fmt));
	if ((fmt == MLPS_REPORT_XLSX || fmt == MLPS_REPORT_PDF) && to_stdout && isatty(STDOUT_FILENO))
		return cli_usage("report", "%s is a binary format: '-o -' only into a pipe or a file, not a terminal",
				 mlps_report_format_name(fmt));
	if (force && !path)
		return cli_usage("report", "--force only makes sense with -o FILE");
	/* The UI's export default: a BOM for a Chinese report, so that Excel on Chinese Windows reads UTF-8. */
	ro.csv_bom = bom >= 0 ? bom == 1 : ro.lang == MLPS_LANG_ZH;
	if (cli_open_assessment(cli, id, "report", &cat, &st, &a, &status))
		return status;
	mlps_error_init(&err);
	s = mlps_score_compute(cat, a, &err);
	if (!s) {
		status = cli_report(&err);
		goto out;
	}
	d = parent_delta(cat, st, a, &parent);
	ro.delta = d;
	if (path) {
		if (mlps_report_write_file(path, force, fmt, cat, a, s, &ro, &err))
			status = cli_report(&err);
	} else {
		struct strbuf out = STRBUF_INIT;

		if (mlps_report_render(&out, fmt, cat, a, s, &ro, &err))
			status = cli_report(&err);
		else if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
			/* Bytes, not a string: an XLSX holds NULs. Reported here, once. */
			cli_errorf("cannot write the output: %s", strerror(errno));
			clearerr(stdout);
			status = EXIT_RUNTIME;
		}
		strbuf_release(&out);
	}
out:
	mlps_diff_free(d);
	mlps_assessment_free(parent);
	mlps_score_free(s);
	mlps_error_release(&err);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}
