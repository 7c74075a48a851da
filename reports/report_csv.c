/*
 * report_csv.c - the checklist as CSV (RFC 4180): a header row, then one
 * row per requirement in scope at the target level and object it is
 * assessed on (the system object when it names no kind the assessment has),
 * N/A and unanswered ones included, with that object's answer, the
 * requirement's result over its objects and its risk. Records end in CRLF;
 * a field is quoted when it holds
 * a comma, a double quote, CR or LF, and quotes inside are doubled. UTF-8
 * throughout, with an optional byte-order mark so that Excel on Chinese
 * Windows does not read it as GBK. A cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, TAB or CR) gets a leading single quote.
 * The columns are report.c's checklist columns, shared with the XLSX
 * Checklist sheet (docs/reports.md).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"

/*
 * True when a spreadsheet would take a cell starting with s as a formula
 * (OWASP "CSV injection"): =, +, -, @, and TAB or CR, which some spreadsheets
 * skip before looking for one of those.
 */
static bool formula_start(const char *s)
{
	return *s && strchr("=+-@\t\r", *s);
}

/*
 * Appends one field, quoted when needed. A field that could start a formula
 * gets a leading single quote, which every spreadsheet shows as text and
 * which a reader can strip: a note such as "=HYPERLINK(...)" must never run.
 */
static void csv_field(struct strbuf *out, const char *s)
{
	const char *p;

	if (!s[strcspn(s, ",\"\r\n")]) {
		if (formula_start(s))
			strbuf_addch(out, '\'');
		strbuf_adds(out, s);
		return;
	}
	strbuf_addch(out, '"');
	if (formula_start(s))
		strbuf_addch(out, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *p);
	}
	strbuf_addch(out, '"');
}

void report_write_csv(struct strbuf *out, const struct report *r)
{
	struct strbuf cell = STRBUF_INIT, clean = STRBUF_INIT;
	size_t i, col;

	if (r->csv_bom)
		strbuf_adds(out, "\xEF\xBB\xBF");
	for (col = 0; col < REPORT_CHECKLIST_COLS; col++) {
		if (col)
			strbuf_addch(out, ',');
		csv_field(out, report_label(r, report_checklist_cols[col]));
	}
	strbuf_adds(out, "\r\n");
	for (i = 0; i < r->n_scope; i++) {
		size_t k, n;
		const struct mlps_object **objs = report_req_objects(r, r->scope[i], &n);

		for (k = 0; k < n; k++) {
			for (col = 0; col < REPORT_CHECKLIST_COLS; col++) {
				strbuf_reset(&cell);
				report_checklist_cell(&cell, r, r->scope[i], objs[k], col);
				if (col)
					strbuf_addch(out, ',');
				csv_field(out, report_clean(&clean, cell.buf));
			}
			strbuf_adds(out, "\r\n");
		}
		free((void *)objs);
	}
	/*
	 * A final assessment's CSV ends with its header and sign-off, after an
	 * empty record: label in the first column, value in the second.
	 */
	if (r->a->status == MLPS_FINAL) {
		strbuf_adds(out, "\r\n");
		for (i = 0; i < r->n_fields; i++) {
			csv_field(out, report_label(r, r->fields[i].label));
			strbuf_addch(out, ',');
			csv_field(out, report_clean(&clean, r->fields[i].value));
			strbuf_adds(out, "\r\n");
		}
	}
	strbuf_release(&cell);
	strbuf_release(&clean);
}
