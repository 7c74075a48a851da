/*
 * report.h - the gap report in every format (DESIGN.md §7): text (80
 * columns, CJK-aware), Markdown, CSV, JSON (schema mlps-report/2), one
 * self-contained HTML file, XLSX and PDF (cairo + pango). Every format carries the same
 * content; the writers are handed a catalogue, an assessment and its score
 * and never touch the database.
 */
#ifndef MLPS_REPORT_H
#define MLPS_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "assessment.h"
#include "catalog.h"
#include "diff.h"
#include "score.h"
#include "strbuf.h"

enum mlps_report_format {
	MLPS_REPORT_TEXT = 0,
	MLPS_REPORT_MD,
	MLPS_REPORT_CSV,
	MLPS_REPORT_JSON,
	MLPS_REPORT_HTML,
	MLPS_REPORT_XLSX,
	MLPS_REPORT_PDF,
	MLPS_REPORT_COUNT
};

/*
 * The sections of the report, in the order of the evaluation report
 * (网络安全等级测评报告): cover, conclusion, objects, problems by risk,
 * control points, remediation plan, the single-item records appendix, the
 * delta of a re-audit; then the statement of applicability, the open items
 * and the score explanation. Every format writes the same ones in this order.
 */
enum mlps_report_section {
	MLPS_RS_COVER = 0,
	MLPS_RS_CONCLUSION,
	MLPS_RS_OBJECTS,
	MLPS_RS_PROBLEMS,
	MLPS_RS_CONTROLS,
	MLPS_RS_PLAN,
	MLPS_RS_RECORDS,
	MLPS_RS_DELTA,
	MLPS_RS_SOA,
	MLPS_RS_OPEN,
	MLPS_RS_EXPLAIN,
	MLPS_RS_COUNT
};
#define MLPS_RS_BIT(s) (1u << (s))
#define MLPS_RS_ALL ((1u << MLPS_RS_COUNT) - 1u)
/* --summary: cover, conclusion and problems. */
#define MLPS_RS_SUMMARY (MLPS_RS_BIT(MLPS_RS_COVER) | MLPS_RS_BIT(MLPS_RS_CONCLUSION) | MLPS_RS_BIT(MLPS_RS_PROBLEMS))

struct mlps_report_opts {
	enum mlps_lang lang;
	size_t width;               /* text: display columns, default 80 */
	bool csv_bom;               /* CSV: start with a UTF-8 byte-order mark for Excel */
	/* The delta section, when the assessment has a parent: NULL otherwise. Borrowed. */
	const struct mlps_diff *delta;
	unsigned sections;          /* MLPS_RS_BIT()s; 0: all */
	const char *today;          /* YYYY-MM-DD that decides "overdue"; NULL: the local date */
};

/* "cover,problems,plan" -> mask; -1 with the unknown name in err. Names: mlps_report_section_name(). */
int mlps_report_sections_parse(const char *list, unsigned *mask, struct mlps_error *err);
const char *mlps_report_section_name(enum mlps_report_section s);

/* "text", "md", "csv", "json", "html", "xlsx", "pdf" -> format; -1 otherwise. */
int mlps_report_format_parse(const char *name, enum mlps_report_format *out);
const char *mlps_report_format_name(enum mlps_report_format f);

/*
 * Renders the report into out (for XLSX and PDF: the bytes of the file).
 * Returns 0, or -1 with err filled.
 */
int mlps_report_render(struct strbuf *out, enum mlps_report_format f, const struct mlps_catalog *cat,
		       const struct mlps_assessment *a, const struct mlps_score *s,
		       const struct mlps_report_opts *opts, struct mlps_error *err);

/*
 * Renders and writes to path atomically (temporary file, then rename);
 * an existing file is replaced only when `force` is set.
 */
int mlps_report_write_file(const char *path, bool force, enum mlps_report_format f,
			   const struct mlps_catalog *cat, const struct mlps_assessment *a,
			   const struct mlps_score *s, const struct mlps_report_opts *opts,
			   struct mlps_error *err);

#endif
