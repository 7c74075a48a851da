/*
 * report.h - the gap report in every format (DESIGN.md §7): text (80
 * columns, CJK-aware), Markdown, CSV, JSON (schema mlps-report/2), one
 * self-contained HTML file, and XLSX. Every format carries the same
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
	MLPS_REPORT_COUNT
};

struct mlps_report_opts {
	enum mlps_lang lang;
	size_t width;               /* text: display columns, default 80 */
	bool csv_bom;               /* CSV: start with a UTF-8 byte-order mark for Excel */
	/* The delta section, when the assessment has a parent: NULL otherwise. Borrowed. */
	const struct mlps_diff *delta;
};

/* "text", "md", "csv", "json", "html", "xlsx" -> format; -1 otherwise. */
int mlps_report_format_parse(const char *name, enum mlps_report_format *out);
const char *mlps_report_format_name(enum mlps_report_format f);

/*
 * Renders the report into out (for XLSX: the bytes of the .xlsx file).
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
