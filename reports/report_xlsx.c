/*
 * report_xlsx.c - the report as an Excel workbook, through libxlsxwriter.
 * Sheets in the report language, in the report's order: 汇总 (cover, conclusion, levels, categories, high
 * risks, applicability, open items, delta, explanation), Checklist (every
 * requirement in scope with its answer, filterable), Gaps (report order)
 * and Remediation plan (worst risk first).
 *
 * libxlsxwriter writes to a file name, so the workbook goes to a temporary
 * file that is read back into the buffer and removed. It runs in constant
 * memory mode: rows are streamed to disk as they are finished, so a
 * checklist of 100,000 rows costs no more memory than one of 300. In that
 * mode every sheet must be written top to bottom, and only merges within
 * the current row work, which is all this file does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "fileio.h"
#include "report_impl.h"
#include "utf8.h"

/* Excel refuses longer cell texts. */
#define CELL_MAX 32000
/* Summary: column A for labels and IDs, B to N for text and numbers. */
#define SUM_LAST_COL 13
/* Display columns of text per line of the merged B:N (about 152 character widths), with room to spare. */
#define SUM_TEXT_UNITS 120

struct xw {
	const struct report *r;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_row_t row;
	struct strbuf tmp;
	lxw_format *title, *h2, *head, *label, *wrap, *text, *num, *pct, *date, *note;
	lxw_format *risk[MLPS_RISK_COUNT];
	lxw_format *status[MLPS_ST_COUNT];
};

/* A cell text: valid UTF-8, at most CELL_MAX bytes, cut at a character boundary. */
static const char *cell_text(struct xw *x, const char *s)
{
	struct strbuf clean = STRBUF_INIT;
	const char *c = report_clean(&clean, s);
	size_t len = strlen(c);

	strbuf_reset(&x->tmp);
	if (len > CELL_MAX) {
		len = CELL_MAX;
		while (len > 0 && ((unsigned char)c[len] & 0xC0) == 0x80)
			len--;
	}
	strbuf_add(&x->tmp, c, len);
	strbuf_release(&clean);
	return x->tmp.buf;
}

static void put(struct xw *x, lxw_col_t col, const char *s, lxw_format *f)
{
	if (s && *s)
		worksheet_write_string(x->ws, x->row, col, cell_text(x, s), f);
	else if (f)
		worksheet_write_blank(x->ws, x->row, col, f);
}

static void put_num(struct xw *x, lxw_col_t col, double v, lxw_format *f)
{
	worksheet_write_number(x->ws, x->row, col, v, f);
}

/* A YYYY-MM-DD date as an Excel date (sortable, filterable), else as text. */
static void put_date(struct xw *x, lxw_col_t col, const char *s)
{
	lxw_datetime dt;

	if (!s || !mlps_date_valid(s)) {
		put(x, col, s, x->text);
		return;
	}
	memset(&dt, 0, sizeof(dt));
	dt.year = atoi(s);
	dt.month = atoi(s + 5);
	dt.day = atoi(s + 8);
	worksheet_write_datetime(x->ws, x->row, col, &dt, x->date);
}

/*
 * Text in B:N of the Summary, merged and wrapped, with the row tall enough
 * for it: Excel does not size merged cells itself.
 */
static void put_wide(struct xw *x, lxw_col_t first, const char *s, lxw_format *f)
{
	const char *t = cell_text(x, s);
	size_t w = mlps_utf8_width(t), lines = w / SUM_TEXT_UNITS + 1;
	const char *p;

	for (p = t; *p; p++)
		lines += *p == '\n';
	if (lines > 1)
		worksheet_set_row(x->ws, x->row, 16.0 * (double)lines, NULL);
	worksheet_merge_range(x->ws, x->row, first, x->row, SUM_LAST_COL, t, f ? f : x->wrap);
}

static lxw_format *fmt(struct xw *x)
{
	return workbook_add_format(x->wb);
}

static void formats(struct xw *x)
{
	static const lxw_color_t risk_colours[MLPS_RISK_COUNT] = { LXW_COLOR_BLACK, 0x3F6212, 0xB54708, 0xB42318 };
	static const lxw_color_t status_colours[MLPS_ST_COUNT] = { 0x52606D, 0x2F855A, 0xB7791F,
								  0xC53030, 0x52606D, 0x2B6CB0 };
	size_t i;

	x->title = fmt(x);
	format_set_bold(x->title);
	format_set_font_size(x->title, 16);
	format_set_font_color(x->title, 0x1F4E79);
	x->h2 = fmt(x);
	format_set_bold(x->h2);
	format_set_font_size(x->h2, 12);
	format_set_font_color(x->h2, 0x1F4E79);
	format_set_bottom(x->h2, LXW_BORDER_THIN);
	x->head = fmt(x);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDCE6F0);
	format_set_border(x->head, LXW_BORDER_THIN);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	x->label = fmt(x);
	format_set_bold(x->label);
	format_set_align(x->label, LXW_ALIGN_VERTICAL_TOP);
	x->wrap = fmt(x);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	x->text = fmt(x);
	format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
	x->num = fmt(x);
	format_set_align(x->num, LXW_ALIGN_VERTICAL_TOP);
	x->pct = fmt(x);
	format_set_num_format(x->pct, "0.0");
	format_set_align(x->pct, LXW_ALIGN_VERTICAL_TOP);
	x->date = fmt(x);
	format_set_num_format(x->date, "yyyy-mm-dd");
	format_set_align(x->date, LXW_ALIGN_VERTICAL_TOP);
	x->note = fmt(x);
	format_set_text_wrap(x->note);
	format_set_italic(x->note);
	format_set_font_color(x->note, 0x7A4A00);
	format_set_bg_color(x->note, 0xFFF8EB);
	format_set_align(x->note, LXW_ALIGN_VERTICAL_TOP);
	for (i = 0; i < MLPS_RISK_COUNT; i++) {
		x->risk[i] = fmt(x);
		format_set_font_color(x->risk[i], risk_colours[i]);
		format_set_align(x->risk[i], LXW_ALIGN_VERTICAL_TOP);
		if (i == MLPS_RISK_HIGH)
			format_set_bold(x->risk[i]);
	}
	for (i = 0; i < MLPS_ST_COUNT; i++) {
		x->status[i] = fmt(x);
		format_set_font_color(x->status[i], status_colours[i]);
		format_set_align(x->status[i], LXW_ALIGN_VERTICAL_TOP);
	}
}

/* A header row of labels starting at column 0. */
static void head_row(struct xw *x, const enum report_label *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		put(x, (lxw_col_t)i, report_label(x->r, cols[i]), x->head);
	x->row++;
}

static void sum_heading(struct xw *x, int n, const char *title)
{
	struct strbuf line = STRBUF_INIT;

	x->row++;
	strbuf_addf(&line, "%d. %s", n, title);
	put(x, 0, line.buf, x->h2);
	x->row++;
	strbuf_release(&line);
}

/* The format of a column of the objects sheet: wide ones wrap. */
static lxw_format *col_format(struct xw *x, double width)
{
	return width >= 30 ? x->wrap : x->text;
}

/*
 * Print setup of every sheet: A4, landscape when wide, fit to the page width,
 * the header row repeated on each page, the system in the page header and
 * "page N / M" in the footer. The header is frozen and filterable on screen.
 */
static void sheet_setup(struct xw *x, size_t n_cols, bool table)
{
	struct strbuf hf = STRBUF_INIT;

	worksheet_set_paper(x->ws, 9);
	if (n_cols > 5)
		worksheet_set_landscape(x->ws);
	else
		worksheet_set_portrait(x->ws);
	worksheet_fit_to_pages(x->ws, 1, 0);
	worksheet_set_margins(x->ws, 0.5, 0.5, 0.7, 0.7);
	if (table) {
		worksheet_repeat_rows(x->ws, 0, 0);
		worksheet_freeze_panes(x->ws, 1, 0);
	}
	/*
	 * "&" starts a control code in Excel's header language. Excel reads "&&"
	 * as a literal "&", but libxlsxwriter still finds "&[Picture]" or "&G"
	 * inside it, refuses the header for want of an image, and then writes
	 * out the copy it freed (a use-after-free, found by fuzz_reports). So a
	 * name's "&" is the full-width "＆" here; the cells keep the name as it is.
	 */
	strbuf_adds(&hf, "&L");
	for (const char *p = cell_text(x, x->r->a->sys.name); *p && hf.len < 200; p++) {
		if (*p == '&')
			strbuf_adds(&hf, "\xEF\xBC\x86");
		else
			strbuf_addch(&hf, *p);
	}
	strbuf_addf(&hf, "&R%lld", x->r->a->id);
	worksheet_set_header(x->ws, hf.buf);
	strbuf_reset(&hf);
	strbuf_adds(&hf, x->r->lang == MLPS_LANG_EN ? "&Cpage &P / &N" : "&C第 &P 页，共 &N 页");
	worksheet_set_footer(x->ws, hf.buf);
	strbuf_release(&hf);
}

/* Display columns of the widest line of s. */
static size_t line_width(const char *s)
{
	size_t w = 0;

	while (*s) {
		size_t len = strcspn(s, "\n"), lw = mlps_utf8_nwidth(s, len);

		if (lw > w)
			w = lw;
		s += len + (s[len] == '\n');
	}
	return w;
}

/*
 * Column widths that fit CJK text: the widest header or cell in display
 * columns (a Chinese character is two, as Excel measures it), from 6 to a
 * cap; columns that reach the cap wrap.
 */
static void fit_widths(struct xw *x, const struct report_table *const *ts, size_t n_t, size_t first_col,
		       double *widths, bool *wrap)
{
	size_t c, i, k;

	for (c = 0; c < ts[0]->n_cols; c++) {
		size_t w = line_width(report_label(x->r, ts[0]->cols[c]));
		size_t cap = ts[0]->widths[c] >= 6 ? 60 : ts[0]->widths[c] >= 4 ? 30 : 16;

		for (k = 0; k < n_t; k++)
			for (i = 0; i < ts[k]->n_rows && w < cap; i++) {
				size_t cw = line_width(report_cell(ts[k], i, c));

				if (cw > w)
					w = cw;
			}
		wrap[first_col + c] = w >= cap;
		widths[first_col + c] = (double)(w < 6 ? 6 : w > cap ? cap : w) + 2;
	}
}

/* A dropdown of `items` (NULL-terminated) on rows 1..last of column col. */
static void dropdown(struct xw *x, lxw_col_t col, lxw_row_t last, const char **items)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)items;
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	worksheet_data_validation_range(x->ws, 1, col, last > 1 ? last : 1, col, &dv);
}

/* A date validation (2000-01-01 to 2099-12-31) on rows 1..last of column col. */
static void date_rule(struct xw *x, lxw_col_t col, lxw_row_t last)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_DATE;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_datetime = (lxw_datetime){ 2000, 1, 1, 0, 0, 0 };
	dv.maximum_datetime = (lxw_datetime){ 2099, 12, 31, 0, 0, 0 };
	dv.ignore_blank = LXW_VALIDATION_ON;
	dv.show_error = LXW_VALIDATION_ON;
	worksheet_data_validation_range(x->ws, 1, col, last > 1 ? last : 1, col, &dv);
}

/* A sub-heading inside a section of the Summary. */
static void sum_sub(struct xw *x, const char *title)
{
	x->row++;
	put(x, 0, title, x->label);
	x->row++;
}

/* A list row of the Summary: ID in A, text in B:N. */
static void sum_item(struct xw *x, const char *id, const char *text)
{
	put(x, 0, id, x->text);
	put_wide(x, 1, text, NULL);
	x->row++;
}

static void sum_levels(struct xw *x)
{
	static const enum report_label cols[] = {
		RL_COL_LEVEL, RL_COL_TOTAL, RL_COL_APPLICABLE, RL_COL_ANSWERED, RL_COL_COMPLIANT,
		RL_COL_PARTIAL, RL_COL_NONCOMPLIANT, RL_COL_NA, RL_COL_OPEN, RL_COL_RATE, RL_COL_SCORE,
		RL_COL_COVERAGE, RL_COL_WORST,
	};
	const struct report *r = x->r;
	struct strbuf name = STRBUF_INIT;
	size_t nc = sizeof(cols) / sizeof(cols[0]), i;
	int level;

	sum_sub(x, report_label(r, RL_SEC_LEVELS));
	/* Three lines for the rule names in the header. */
	worksheet_set_row(x->ws, x->row, 48, NULL);
	for (i = 0; i < r->rules->n_verdicts; i++) {
		strbuf_reset(&name);
		strbuf_adds(&name, report_text(r, &r->rules->verdicts[i].name));
		if (!r->rules->verdicts[i].verified)
			strbuf_adds(&name, " †");
		put(x, (lxw_col_t)(nc + i), name.buf, x->head);
	}
	head_row(x, cols, nc);
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *t = mlps_score_level(r->s, level);

		if (t->total == 0)
			continue;
		strbuf_reset(&name);
		strbuf_addf(&name, level == r->level ? "L%d *" : "L%d", level);
		put(x, 0, name.buf, level == r->level ? x->label : x->text);
		put_num(x, 1, t->total, x->num);
		put_num(x, 2, t->applicable, x->num);
		put_num(x, 3, t->answered, x->num);
		put_num(x, 4, t->n[MLPS_ST_COMPLIANT], x->num);
		put_num(x, 5, t->n[MLPS_ST_PARTIAL], x->num);
		put_num(x, 6, t->n[MLPS_ST_NONCOMPLIANT], x->num);
		put_num(x, 7, t->n[MLPS_ST_NA], x->num);
		put_num(x, 8, t->n[MLPS_ST_UNANSWERED] + t->n[MLPS_ST_TODO], x->num);
		if (level <= r->level) {
			put_num(x, 9, t->rate, x->pct);
			put_num(x, 10, t->score, x->pct);
		} else {
			put(x, 9, "–", x->text);
			put(x, 10, "–", x->text);
		}
		put_num(x, 11, t->coverage, x->pct);
		put(x, 12, report_risk(r, t->worst), x->risk[t->worst]);
		for (i = 0; i < r->rules->n_verdicts; i++)
			put(x, (lxw_col_t)(nc + i),
			    level <= r->level ? report_text(r, &mlps_score_verdict(r->s, level, i)->band->label) : "–",
			    x->text);
		x->row++;
	}
	strbuf_reset(&name);
	strbuf_addf(&name, "%s † %s", report_label(r, RL_TARGET_NOTE), report_label(r, RL_UNVERIFIED));
	put(x, 0, name.buf, NULL);
	x->row++;
	strbuf_release(&name);
}

static void sum_categories(struct xw *x)
{
	static const enum report_label cols[] = {
		RL_COL_CATEGORY, RL_COL_CATEGORY_NAME, RL_COL_APPLICABLE, RL_COL_ANSWERED,
		RL_COL_RATE, RL_COL_SCORE, RL_COL_COVERAGE, RL_COL_WORST,
	};
	const struct report *r = x->r;
	struct strbuf title = STRBUF_INIT;
	size_t i;

	report_labelf(&title, r, RL_SEC_CATEGORIES, r->level);
	sum_heading(x, report_section_number(r, MLPS_RS_CONTROLS), title.buf);
	strbuf_release(&title);
	head_row(x, cols, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		const struct mlps_tally *t = mlps_score_category(r->s, r->level, i);

		if (t->total == 0)
			continue;
		put(x, 0, c->code, x->text);
		put(x, 1, report_text(r, &c->name), x->text);
		put_num(x, 2, t->applicable, x->num);
		put_num(x, 3, t->answered, x->num);
		put_num(x, 4, t->rate, x->pct);
		put_num(x, 5, t->score, x->pct);
		put_num(x, 6, t->coverage, x->pct);
		put(x, 7, report_risk(r, t->worst), x->risk[t->worst]);
		x->row++;
	}
}

static void sum_high_risks(struct xw *x)
{
	const struct report *r = x->r;
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_high_title(&line, r);
	sum_sub(x, line.buf);
	if (mlps_score_n_high_risk(r->s) == 0) {
		put(x, 0, report_label(r, RL_NO_HIGH), NULL);
		x->row++;
	}
	for (i = 0; i < mlps_score_n_findings(r->s); i++) {
		const struct mlps_finding *f = mlps_score_finding(r->s, i);

		if (!f->scenario)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "%s — %s%s", report_text(r, &f->scenario->title), report_req_id(r, f->req),
			    report_colon(r));
		report_gap_summary(&line, r, f);
		if (report_multi(r)) {
			strbuf_addf(&line, "\n%s%s", report_label(r, RL_COL_OBJECTS), report_colon(r));
			report_high_objects(&line, r, f);
		}
		strbuf_addf(&line, "\n%s\n", report_req_text(r, f->req));
		if (f->mitigated)
			strbuf_addf(&line, "%s%s%s", report_label(r, RL_COL_MITIGATION), report_colon(r),
				    f->ans->mitigation);
		else
			strbuf_addf(&line, "%s%s%s", report_label(r, RL_SUGGESTED), report_colon(r),
				    report_text(r, &f->scenario->mitigation));
		sum_item(x, f->scenario->id, line.buf);
	}
	strbuf_release(&line);
}

/* The objects in the Summary: "name | kind, importance; description" (the full list is the Objects sheet). */
static void sum_objects(struct xw *x)
{
	const struct report *r = x->r;
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_labelf(&line, r, RL_SEC_OBJECTS, r->a->n_objects);
	sum_heading(x, report_section_number(r, MLPS_RS_OBJECTS), line.buf);
	for (i = 0; i < r->a->n_objects; i++) {
		const struct mlps_object *o = &r->a->objects[i];

		strbuf_reset(&line);
		strbuf_addf(&line, "%s%s%s", report_kind_label(r, o->kind), report_label(r, RL_LIST_SEP),
			    report_importance(r, o->importance));
		if (o->desc)
			strbuf_addf(&line, "%s%s", report_label(r, RL_LIST_SEP), o->desc);
		sum_item(x, o->name, line.buf);
	}
	strbuf_release(&line);
}

/* A titled list of requirements in the Summary: "ID | text (extra)". */
static void sum_reqs(struct xw *x, enum report_label title, const struct mlps_requirement *const *reqs,
		     size_t n, enum report_label extra)
{
	const struct report *r = x->r;
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_labelf(&line, r, title, n);
	put(x, 0, line.buf, x->label);
	x->row++;
	for (i = 0; i < n; i++) {
		const struct mlps_answer *ans = report_answer(r, reqs[i]);

		strbuf_reset(&line);
		if (extra == RL_COL_STATUS)
			strbuf_addf(&line, "%s  ", report_status(r, report_req_status(r, reqs[i])));
		strbuf_adds(&line, report_req_text(r, reqs[i]));
		if (extra == RL_COL_NA_REASON)
			strbuf_addf(&line, "\n%s%s%s", report_label(r, RL_COL_NA_REASON), report_colon(r),
				    ans && ans->na_reason ? ans->na_reason : report_label(r, RL_NOT_GIVEN));
		sum_item(x, report_req_id(r, reqs[i]), line.buf);
	}
	if (n == 0) {
		put(x, 1, report_label(r, RL_NONE), x->text);
		x->row++;
	}
	strbuf_release(&line);
}

static void sum_delta(struct xw *x)
{
	const struct report *r = x->r;
	const struct mlps_score *so = mlps_diff_old_score(r->delta), *sn = mlps_diff_new_score(r->delta);
	const struct mlps_assessment *n = mlps_diff_new(r->delta), *o = mlps_diff_old(r->delta);
	struct strbuf line = STRBUF_INIT, id = STRBUF_INIT;
	int level, c;
	size_t i, k;

	report_labelf(&line, r, RL_SEC_DELTA, o->id);
	sum_heading(x, report_section_number(r, MLPS_RS_DELTA), line.buf);
	strbuf_reset(&line);
	report_delta_from(&line, r);
	put_wide(x, 0, line.buf, NULL);
	x->row++;
	for (level = MLPS_LEVEL_MIN; level <= report_delta_top(r); level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);

		if (to->total == 0 && tn->total == 0)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "%s %.1f → %.1f (%+.1f); %s %.1f → %.1f (%+.1f)", report_label(r, RL_COL_RATE),
			    to->rate, tn->rate, tn->rate - to->rate, report_label(r, RL_COL_SCORE), to->score,
			    tn->score, tn->score - to->score);
		for (k = 0; k < r->rules->n_verdicts; k++) {
			int move = report_verdict_move(r, level, k);

			strbuf_addf(&line, "\n%s%s%s → %s", report_text(r, &r->rules->verdicts[k].name),
				    report_colon(r), report_text(r, &mlps_score_verdict(so, level, k)->band->label),
				    report_text(r, &mlps_score_verdict(sn, level, k)->band->label));
			if (move)
				strbuf_addf(&line, " %s", report_label(r, move > 0 ? RL_BETTER : RL_WORSE));
		}
		strbuf_reset(&id);
		strbuf_addf(&id, "L%d", level);
		sum_item(x, id.buf, line.buf);
	}
	strbuf_reset(&line);
	strbuf_addf(&line, "%s%s", report_label(r, RL_DELTA_COUNTS), report_colon(r));
	report_delta_counts(&line, r);
	put_wide(x, 0, line.buf, NULL);
	x->row++;
	for (c = 0; c < 2; c++) {
		strbuf_reset(&line);
		if (!report_delta_objects(&line, r, c == 0))
			continue;
		put(x, 0, report_label(r, c == 0 ? RL_OBJECTS_ADDED : RL_OBJECTS_REMOVED), x->label);
		put_wide(x, 1, line.buf, NULL);
		x->row++;
	}
	for (c = 0; c < MLPS_CHG_COUNT; c++) {
		if (!report_delta_listed((enum mlps_change)c) || !mlps_diff_count(r->delta, (enum mlps_change)c))
			continue;
		strbuf_reset(&line);
		report_change_title(&line, r, (enum mlps_change)c);
		put(x, 0, line.buf, x->label);
		x->row++;
		for (i = 0; i < mlps_diff_n_items(r->delta); i++) {
			const struct mlps_diff_item *it = mlps_diff_item(r->delta, i);
			int lv = it->req->ids[n->level] ? n->level : o->level;

			if (it->change != (enum mlps_change)c)
				continue;
			strbuf_reset(&line);
			report_on_object(&line, r, it->object);
			strbuf_addf(&line, "%s → %s  %s", report_status(r, it->old_status),
				    report_status(r, it->new_status), report_text(r, mlps_req_text(it->req, lv)));
			sum_item(x, it->req->ids[lv] ? it->req->ids[lv] : it->req->key, line.buf);
		}
	}
	strbuf_release(&line);
	strbuf_release(&id);
}

/* The conclusion table in the summary: the measure in A, the result and its basis in B:N. */
static void sum_conclusion(struct xw *x)
{
	const struct report *r = x->r;
	const struct report_table *t = &r->conclusion;
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_section_title(&line, r, MLPS_RS_CONCLUSION);
	sum_heading(x, report_section_number(r, MLPS_RS_CONCLUSION), line.buf);
	for (i = 0; i < t->n_rows; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s　（%s）", report_cell(t, i, 1), report_cell(t, i, 2));
		put(x, 0, report_cell(t, i, 0), x->label);
		put_wide(x, 1, line.buf, t->tags[i] ? x->label : NULL);
		x->row++;
	}
	strbuf_release(&line);
}

static void sheet_summary(struct xw *x)
{
	const struct report *r = x->r;
	struct strbuf line = STRBUF_INIT, in = STRBUF_INIT, not_chosen = STRBUF_INIT;
	size_t i;

	x->ws = workbook_add_worksheet(x->wb, report_label(r, RL_SHEET_SUMMARY));
	x->row = 0;
	worksheet_set_column(x->ws, 0, 0, 16, NULL);
	worksheet_set_column(x->ws, 1, 24, 11, NULL);
	sheet_setup(x, SUM_LAST_COL + 1, false);
	put(x, 0, report_label(r, RL_TITLE), x->title);
	x->row += 2;
	if (report_has(r, MLPS_RS_COVER)) {
		for (i = 0; i < r->n_fields; i++) {
			put(x, 0, report_label(r, r->fields[i].label), x->label);
			put_wide(x, 1, r->fields[i].value, NULL);
			x->row++;
		}
		x->row++;
		put_wide(x, 0, report_label(r, RL_DISCLAIMER), x->note);
		x->row++;
		if (mlps_score_unconfirmed(r->s)) {
			report_labelf(&line, r, RL_UNCONFIRMED_COUNT, mlps_score_unconfirmed(r->s));
			put(x, 0, line.buf, x->label);
			x->row++;
		}
	}
	if (report_has(r, MLPS_RS_CONCLUSION)) {
		sum_conclusion(x);
		sum_levels(x);
	}
	if (report_has(r, MLPS_RS_OBJECTS))
		sum_objects(x);
	if (report_has(r, MLPS_RS_PROBLEMS)) {
		strbuf_reset(&line);
		report_section_title(&line, r, MLPS_RS_PROBLEMS);
		sum_heading(x, report_section_number(r, MLPS_RS_PROBLEMS), line.buf);
		put_wide(x, 0, report_label(r, RL_SEE_SHEETS), NULL);
		x->row++;
		sum_high_risks(x);
	}
	if (report_has(r, MLPS_RS_CONTROLS))
		sum_categories(x);
	if (report_has(r, MLPS_RS_DELTA))
		sum_delta(x);
	if (report_has(r, MLPS_RS_SOA)) {
		sum_heading(x, report_section_number(r, MLPS_RS_SOA), report_label(r, RL_SEC_SOA));
		report_scope_lists(&in, &not_chosen, r);
		put(x, 0, report_label(r, RL_SOA_SCOPE), x->label);
		put_wide(x, 1, in.buf, NULL);
		x->row++;
		put(x, 0, report_label(r, RL_SOA_NOT_CHOSEN), x->label);
		put_wide(x, 1, not_chosen.buf, NULL);
		x->row++;
		sum_reqs(x, RL_SOA_NA, r->na, r->n_na, RL_COL_NA_REASON);
	}
	if (report_has(r, MLPS_RS_OPEN)) {
		sum_heading(x, report_section_number(r, MLPS_RS_OPEN), report_label(r, RL_SEC_OPEN));
		sum_reqs(x, RL_OPEN_UNANSWERED, r->unanswered, r->n_unanswered, RL_COUNT);
		sum_reqs(x, RL_OPEN_TODO, r->todo, r->n_todo, RL_COUNT);
		sum_reqs(x, RL_OPEN_CARRIED, r->carried, r->n_carried, RL_COL_STATUS);
	}
	if (report_has(r, MLPS_RS_EXPLAIN)) {
		sum_heading(x, report_section_number(r, MLPS_RS_EXPLAIN), report_label(r, RL_SEC_EXPLAIN));
		for (i = 0; i < r->n_explain; i++) {
			put_wide(x, 0, r->explain[i], NULL);
			x->row++;
		}
	}
	strbuf_release(&line);
	strbuf_release(&in);
	strbuf_release(&not_chosen);
}

/* Column widths of the checklist, in the order of report_checklist_cols. */
static const double checklist_widths[REPORT_CHECKLIST_COLS] = {
	12, 20, 14, 8, 14, 18, 14, 8, 60, 11, 11, 7, 11, 30, 40, 30, 26, 40, 12, 11, 10, 9, 21,
};

static void sheet_checklist(struct xw *x)
{
	const struct report *r = x->r;
	lxw_format *colfmt[REPORT_CHECKLIST_COLS];
	struct strbuf cell = STRBUF_INIT;
	size_t i, col;

	x->ws = workbook_add_worksheet(x->wb, report_label(r, RL_SHEET_CHECKLIST));
	x->row = 0;
	for (col = 0; col < REPORT_CHECKLIST_COLS; col++) {
		enum report_label l = report_checklist_cols[col];
		bool wrap = l == RL_COL_REQUIREMENT || l == RL_COL_NOTE || l == RL_COL_EVIDENCE ||
			    l == RL_COL_MITIGATION || l == RL_COL_REMEDIATION || l == RL_COL_NA_REASON ||
			    l == RL_COL_CONTROL_POINT;

		/* Cells carry their own format: Excel ignores the column's for cells that exist. */
		colfmt[col] = wrap ? x->wrap : x->text;
		worksheet_set_column(x->ws, (lxw_col_t)col, (lxw_col_t)col, checklist_widths[col], colfmt[col]);
	}
	head_row(x, report_checklist_cols, REPORT_CHECKLIST_COLS);
	for (i = 0; i < r->n_scope; i++) {
		const struct mlps_requirement *req = r->scope[i];
		const struct mlps_finding *f = r->finding_of[req->index];
		size_t k, n;
		const struct mlps_object **objs = report_req_objects(r, req, &n);

		for (k = 0; k < n; k++) {
			const struct mlps_answer *ans = mlps_assessment_answer(r->a, req->key, objs[k]->name);
			enum mlps_status st = ans ? ans->status : MLPS_ST_UNANSWERED;

			for (col = 0; col < REPORT_CHECKLIST_COLS; col++) {
				enum report_label l = report_checklist_cols[col];
				lxw_format *format = colfmt[col];

				if (l == RL_COL_DUE) {
					put_date(x, (lxw_col_t)col, ans ? ans->due : NULL);
					continue;
				}
				strbuf_reset(&cell);
				report_checklist_cell(&cell, r, req, objs[k], col);
				if (l == RL_COL_STATUS)
					format = x->status[st];
				else if (l == RL_COL_RESULT)
					format = x->status[report_req_status(r, req)];
				else if (l == RL_COL_RISK && f && cell.len)
					format = x->risk[f->risk];
				put(x, (lxw_col_t)col, cell.buf, format);
			}
			x->row++;
		}
		free((void *)objs);
	}
	worksheet_autofilter(x->ws, 0, 0, x->row ? x->row - 1 : 0, REPORT_CHECKLIST_COLS - 1);
	sheet_setup(x, REPORT_CHECKLIST_COLS, true);
	worksheet_freeze_panes(x->ws, 1, 1);
	{
		const char *statuses[MLPS_ST_COUNT + 1], *plans[MLPS_PLAN_COUNT + 1];

		for (i = 0; i < MLPS_ST_COUNT; i++)
			statuses[i] = report_status(r, (enum mlps_status)i);
		statuses[MLPS_ST_COUNT] = NULL;
		for (i = 0; i < MLPS_PLAN_COUNT; i++)
			plans[i] = report_plan(r, (enum mlps_plan)i);
		plans[MLPS_PLAN_COUNT] = NULL;
		for (col = 0; col < REPORT_CHECKLIST_COLS; col++)
			if (report_checklist_cols[col] == RL_COL_STATUS)
				dropdown(x, (lxw_col_t)col, x->row, statuses);
			else if (report_checklist_cols[col] == RL_COL_PLAN)
				dropdown(x, (lxw_col_t)col, x->row, plans);
			else if (report_checklist_cols[col] == RL_COL_DUE)
				date_rule(x, (lxw_col_t)col, x->row);
	}
	strbuf_release(&cell);
}

/*
 * A sheet from tables of the model (several: the records of every object,
 * with the object's name in a first column). Numbers as numbers, dates as
 * dates, nothing where a cell has no value; rows styled by their tag.
 */
static void sheet_model(struct xw *x, enum report_label name, const struct report_table *const *ts, size_t n_t,
			const char *const *row_names)
{
	const struct report *r = x->r;
	const struct report_table *t = ts[0];
	size_t off = row_names ? 1 : 0, nc = t->n_cols + off, c, i, k;
	double widths[REPORT_MAX_COLS + 1];
	bool wrap[REPORT_MAX_COLS + 1];
	lxw_format *colfmt[REPORT_MAX_COLS + 1];

	x->ws = workbook_add_worksheet(x->wb, report_label(r, name));
	x->row = 0;
	if (row_names) {
		size_t w = line_width(report_label(r, RL_COL_OBJECT));

		for (k = 0; k < n_t; k++)
			if (line_width(row_names[k]) > w)
				w = line_width(row_names[k]);
		widths[0] = (double)(w > 24 ? 24 : w) + 2;
		wrap[0] = false;
	}
	fit_widths(x, ts, n_t, off, widths, wrap);
	for (c = 0; c < nc; c++) {
		colfmt[c] = wrap[c] ? x->wrap : x->text;
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], colfmt[c]);
	}
	if (row_names)
		put(x, 0, report_label(r, RL_COL_OBJECT), x->head);
	for (c = 0; c < t->n_cols; c++)
		put(x, (lxw_col_t)(c + off), report_label(r, t->cols[c]), x->head);
	x->row++;
	for (k = 0; k < n_t; k++)
		for (i = 0; i < ts[k]->n_rows; i++) {
			if (row_names)
				put(x, 0, row_names[k], x->text);
			for (c = 0; c < t->n_cols; c++) {
				const char *v = report_cell(ts[k], i, c);
				lxw_col_t col = (lxw_col_t)(c + off);
				enum report_label l = t->cols[c];

				if (!*v)
					continue;
				if (l == RL_COL_ITEM)
					put_num(x, col, atof(v), x->num);
				else if (l == RL_COL_SCORE10)
					put_num(x, col, atof(v), x->pct);
				else if (l == RL_COL_DUE)
					put_date(x, col, v);
				else if (l == RL_COL_RISK && name == RL_SHEET_PROBLEMS)
					put(x, col, v, x->risk[ts[k]->tags[i]]);
				else if (l == RL_COL_STATUS && name == RL_SHEET_RECORDS)
					put(x, col, v, x->status[ts[k]->tags[i]]);
				else
					put(x, col, v, colfmt[c + off]);
			}
			x->row++;
		}
	worksheet_autofilter(x->ws, 0, 0, x->row ? x->row - 1 : 0, (lxw_col_t)(nc - 1));
	sheet_setup(x, nc, true);
}

/*
 * 整改计划, the sheet owners fill in and `mlps plan import` reads back:
 * drop-downs for the plan status, dates for the due date, the columns of
 * r->plan in their order (docs/reports.md names them).
 */
static void sheet_plan(struct xw *x)
{
	const struct report *r = x->r;
	const struct report_table *t = &r->plan;
	const char *plans[MLPS_PLAN_COUNT + 1];
	size_t c, i;

	sheet_model(x, RL_SHEET_PLAN, &t, 1, NULL);
	for (i = 0; i < MLPS_PLAN_COUNT; i++)
		plans[i] = report_plan(r, (enum mlps_plan)i);
	plans[MLPS_PLAN_COUNT] = NULL;
	/* Room to add rows below the last one: the validation reaches 200 rows further. */
	for (c = 0; c < t->n_cols; c++) {
		if (t->cols[c] == RL_COL_PLAN)
			dropdown(x, (lxw_col_t)c, (lxw_row_t)(t->n_rows + 200), plans);
		else if (t->cols[c] == RL_COL_DUE)
			date_rule(x, (lxw_col_t)c, (lxw_row_t)(t->n_rows + 200));
	}
}

static void sheet_records(struct xw *x)
{
	const struct report *r = x->r;
	const struct report_table **ts = mlps_calloc(r->a->n_objects + 1, sizeof(*ts));
	const char **names = mlps_calloc(r->a->n_objects + 1, sizeof(*names));
	const char *statuses[MLPS_ST_COUNT + 1];
	size_t i, n = 0;

	for (i = 0; i < r->a->n_objects; i++) {
		ts[i] = &r->records[i];
		names[i] = r->a->objects[i].name;
		n += r->records[i].n_rows;
	}
	if (!r->a->n_objects) {
		/* No object: the empty table after the objects' gives the sheet its columns. */
		ts[0] = &r->records[0];
		names[0] = "";
	}
	sheet_model(x, RL_SHEET_RECORDS, ts, r->a->n_objects ? r->a->n_objects : 1, names);
	for (i = 0; i < MLPS_ST_COUNT; i++)
		statuses[i] = report_status(r, (enum mlps_status)i);
	statuses[MLPS_ST_COUNT] = NULL;
	dropdown(x, 4, (lxw_row_t)n, statuses);
	free((void *)ts);
	free((void *)names);
}

/* The evaluation objects (被测对象): name, kind, importance of the asset, description. */
static void sheet_objects(struct xw *x)
{
	static const enum report_label cols[] = {
		RL_COL_ITEM, RL_COL_OBJECT, RL_COL_KIND, RL_COL_IMPORTANCE, RL_COL_DESC,
	};
	static const double widths[] = { 6, 20, 24, 10, 60 };
	const size_t nc = sizeof(cols) / sizeof(cols[0]);
	const struct report *r = x->r;
	size_t i;

	x->ws = workbook_add_worksheet(x->wb, report_label(r, RL_SHEET_OBJECTS));
	x->row = 0;
	for (i = 0; i < nc; i++)
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], col_format(x, widths[i]));
	head_row(x, cols, nc);
	for (i = 0; i < r->a->n_objects; i++) {
		const struct mlps_object *o = &r->a->objects[i];

		put_num(x, 0, (double)(i + 1), x->num);
		put(x, 1, o->name, x->text);
		put(x, 2, report_kind_label(r, o->kind), x->text);
		put(x, 3, report_importance(r, o->importance), x->text);
		put(x, 4, o->desc, x->wrap);
		x->row++;
	}
	worksheet_autofilter(x->ws, 0, 0, x->row ? x->row - 1 : 0, (lxw_col_t)(nc - 1));
	sheet_setup(x, nc, true);
}

static int slurp(struct strbuf *out, const char *path, struct mlps_error *err)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot read the workbook back: %s", path,
				      strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(out, buf, n);
	if (ferror(f))
		rc = mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot read the workbook back: %s", path,
				    strerror(errno));
	fclose(f);
	return rc;
}

int report_write_xlsx(struct strbuf *out, const struct report *r, struct mlps_error *err)
{
	const char *tmpdir = getenv("TMPDIR");
	lxw_workbook_options options;
	struct strbuf path = STRBUF_INIT;
	struct xw x;
	lxw_error e;
	int fd, rc = -1;

	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	strbuf_addf(&path, "%s/mlps-report-XXXXXX", tmpdir);
	/* Tracked: a signal while the workbook is written must not leave it in TMPDIR. */
	fd = mlps_tmpfile_open(path.buf);
	if (fd < 0) {
		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot create a temporary file: %s", tmpdir,
			       strerror(errno));
		strbuf_release(&path);
		return -1;
	}
	close(fd);
	memset(&x, 0, sizeof(x));
	x.r = r;
	strbuf_init(&x.tmp);
	memset(&options, 0, sizeof(options));
	options.constant_memory = LXW_TRUE;
	options.tmpdir = (char *)tmpdir;
	x.wb = workbook_new_opt(path.buf, &options);
	if (!x.wb) {
		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot start the workbook", path.buf);
		goto out;
	}
	workbook_set_properties(x.wb, &(lxw_doc_properties){
		.title = (char *)report_label(r, RL_TITLE),
		.subject = (char *)cell_text(&x, r->a->sys.name),
		.comments = (char *)"mlps " MLPS_VERSION,
	});
	formats(&x);
	/* The sheets in the report's order; the summary holds the cover and the conclusion. */
	sheet_summary(&x);
	if (report_has(r, MLPS_RS_PROBLEMS)) {
		const struct report_table *t = &r->problem_table;

		sheet_model(&x, RL_SHEET_PROBLEMS, &t, 1, NULL);
	}
	if (report_has(r, MLPS_RS_CONTROLS)) {
		const struct report_table *t = &r->controls;

		sheet_model(&x, RL_SHEET_CONTROLS, &t, 1, NULL);
	}
	if (report_has(r, MLPS_RS_PLAN))
		sheet_plan(&x);
	if (report_has(r, MLPS_RS_RECORDS))
		sheet_records(&x);
	if (report_has(r, MLPS_RS_OBJECTS))
		sheet_objects(&x);
	if (report_has(r, MLPS_RS_RECORDS))
		sheet_checklist(&x);
	e = workbook_close(x.wb);
	if (e != LXW_NO_ERROR) {
		mlps_error_set(err, MLPS_ERR_RUNTIME, "cannot write the workbook: %s", lxw_strerror(e));
		goto out;
	}
	rc = slurp(out, path.buf, err);
out:
	unlink(path.buf);
	mlps_tmpfile_forget(path.buf);
	strbuf_release(&path);
	strbuf_release(&x.tmp);
	return rc;
}
