/*
 * report_text.c - the gap report for a terminal or a printer: plain UTF-8
 * laid out for r->width display columns (80 by default). Chinese characters
 * are two columns wide, so every measure goes through utf8.h; paragraphs
 * wrap with mlps_utf8_wrap(), which breaks between CJK characters and keeps
 * closing punctuation on its line.
 *
 * The level table, the verdict lines, the method and the verdict reasons
 * are summary.c's, the same pieces `mlps score` prints.
 */
#include <string.h>

#include "report_impl.h"
#include "summary.h"
#include "utf8.h"

/* "3. Title" and a rule of dashes as wide as it. */
static void section(struct strbuf *out, int n, const char *title)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addf(&line, "%d. %s", n, title);
	strbuf_addf(out, "\n%s\n", line.buf);
	strbuf_addchars(out, '-', mlps_utf8_width(line.buf));
	strbuf_addch(out, '\n');
	strbuf_release(&line);
}

/* "Label: value" wrapped, continuation lines indented two more than the label. */
static void field(struct strbuf *out, const struct report *r, size_t indent, enum report_label label,
		  const char *value)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addf(&line, "%s%s%s", report_label(r, label), report_colon(r), value);
	mlps_utf8_wrap(out, line.buf, r->width, indent, indent + 2);
	strbuf_release(&line);
}

/*
 * Appends s cut to at most `cols` display columns (cut short with "..."),
 * then pads it to exactly `cols`.
 */
static void fit(struct strbuf *out, const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, w = 0;

	if (mlps_utf8_width(s) <= cols) {
		mlps_utf8_pad(out, s, cols);
		return;
	}
	while (i < len) {
		uint32_t cp;
		size_t n = mlps_utf8_decode(s + i, len - i, &cp);
		size_t cw = (size_t)mlps_cp_width(cp);

		if (w + cw + 3 > cols)
			break;
		strbuf_add(out, s + i, n);
		w += cw;
		i += n;
	}
	strbuf_adds(out, "...");
	strbuf_addchars(out, ' ', cols > w + 3 ? cols - w - 3 : 0);
}

static void header(struct strbuf *out, const struct report *r)
{
	size_t i, lw = 0;
	const char *title = report_label(r, RL_TITLE);

	strbuf_adds(out, title);
	strbuf_addch(out, '\n');
	strbuf_addchars(out, '=', mlps_utf8_width(title));
	strbuf_adds(out, "\n\n");
	for (i = 0; i < r->n_fields; i++) {
		size_t w = mlps_utf8_width(report_label(r, r->fields[i].label));

		if (w > lw)
			lw = w;
	}
	for (i = 0; i < r->n_fields; i++) {
		mlps_utf8_pad(out, report_label(r, r->fields[i].label), lw + 2);
		mlps_utf8_wrap_at(out, r->fields[i].value, r->width, lw + 2, lw + 2);
	}
	strbuf_addch(out, '\n');
	mlps_utf8_wrap(out, report_label(r, RL_DISCLAIMER), r->width, 0, 0);
	if (mlps_score_unconfirmed(r->s)) {
		struct strbuf line = STRBUF_INIT;

		strbuf_addch(out, '\n');
		report_labelf(&line, r, RL_UNCONFIRMED_COUNT, mlps_score_unconfirmed(r->s));
		mlps_utf8_wrap(out, line.buf, r->width, 0, 2);
		strbuf_release(&line);
	}
}

static void levels(struct strbuf *out, const struct report *r)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	strbuf_addf(out, "\n%s\n", report_label(r, RL_SEC_LEVELS));
	mlps_summary_levels(out, r->a, r->s, r->lang);
	strbuf_addf(out, "\n%s\n", report_label(r, RL_VERDICTS));
	mlps_summary_verdicts(out, r->a, r->s, r->lang);
	/* The verdict lines name rules by id: say which rule each id is. */
	for (i = 0; i < r->rules->n_verdicts; i++) {
		const struct mlps_verdict_rule *rule = &r->rules->verdicts[i];

		strbuf_reset(&line);
		strbuf_addf(&line, "%s = %s", rule->id, report_text(r, &rule->name));
		mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
	}
	strbuf_release(&line);
}

/* Appends s right-aligned in `cols` display columns. */
static void right(struct strbuf *out, const char *s, size_t cols)
{
	size_t w = mlps_utf8_width(s);

	strbuf_addchars(out, ' ', w < cols ? cols - w : 1);
	strbuf_adds(out, s);
}

/*
 * One bar per category: the score as a run of '#' on a track of '.'.
 * Columns: "  " code(4) name " " bar score(6) rate(6) "  " answered/applicable(11),
 * so the name and the bar share what is left of the width.
 */
static void categories(struct strbuf *out, const struct report *r)
{
	struct strbuf title = STRBUF_INIT;
	size_t i, name_w = 0, bar_w;

	report_labelf(&title, r, RL_SEC_CATEGORIES, r->level);
	strbuf_addf(out, "\n%s\n", title.buf);
	strbuf_release(&title);
	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		size_t w = mlps_utf8_width(report_text(r, &c->name));

		if (mlps_score_category(r->s, r->level, i)->total && w > name_w)
			name_w = w;
	}
	if (r->width >= 32 + name_w + 10)
		bar_w = r->width - 32 - name_w;
	else {
		bar_w = 10;
		name_w = r->width > 32 + bar_w + 8 ? r->width - 32 - bar_w : 8;
	}
	if (bar_w > 40)
		bar_w = 40;
	strbuf_adds(out, "  ");
	mlps_utf8_pad(out, report_label(r, RL_COL_CATEGORY), 4 + name_w + 1 + bar_w);
	right(out, report_label(r, RL_COL_SCORE), 6);
	right(out, report_label(r, RL_COL_RATE), 6);
	strbuf_addf(out, "  %s\n", report_label(r, RL_COL_DONE));
	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		const struct mlps_tally *t = mlps_score_category(r->s, r->level, i);
		size_t fill;

		if (t->total == 0)
			continue;
		fill = (size_t)(t->score / 100.0 * (double)bar_w + 0.5);
		if (fill > bar_w)
			fill = bar_w;
		strbuf_addf(out, "  %-4s", c->code);
		fit(out, report_text(r, &c->name), name_w);
		strbuf_addch(out, ' ');
		strbuf_addchars(out, '#', fill);
		strbuf_addchars(out, '.', bar_w - fill);
		strbuf_addf(out, "%6.1f%6.1f  %5d/%d\n", t->score, t->rate, t->answered, t->applicable);
	}
	mlps_utf8_wrap(out, report_label(r, RL_CHART_NOTE), r->width, 2, 2);
}

/*
 * The evaluation objects (the template's 被测对象 list): name, kind and
 * importance in columns, the description wrapped under the kind.
 */
static void objects(struct strbuf *out, const struct report *r)
{
	const struct mlps_assessment *a = r->a;
	struct strbuf title = STRBUF_INIT;
	size_t i, name_w = mlps_utf8_width(report_label(r, RL_COL_OBJECT)), kind_w, imp_w, hang;

	report_section_title(&title, r, MLPS_RS_OBJECTS);
	section(out, report_section_number(r, MLPS_RS_OBJECTS), title.buf);
	kind_w = mlps_utf8_width(report_label(r, RL_COL_KIND));
	imp_w = mlps_utf8_width(report_label(r, RL_COL_IMPORTANCE));
	for (i = 0; i < a->n_objects; i++) {
		size_t w = mlps_utf8_width(a->objects[i].name);

		if (w > name_w)
			name_w = w;
		w = mlps_utf8_width(report_kind_label(r, a->objects[i].kind));
		if (w > kind_w)
			kind_w = w;
		w = mlps_utf8_width(report_importance(r, a->objects[i].importance));
		if (w > imp_w)
			imp_w = w;
	}
	/* Long names are cut in the table so that the kind column stays put. */
	if (name_w > 24)
		name_w = 24;
	hang = 2 + name_w + 2;
	strbuf_adds(out, "  ");
	mlps_utf8_pad(out, report_label(r, RL_COL_OBJECT), name_w + 2);
	mlps_utf8_pad(out, report_label(r, RL_COL_KIND), kind_w + 2);
	strbuf_adds(out, report_label(r, RL_COL_IMPORTANCE));
	strbuf_addch(out, '\n');
	for (i = 0; i < a->n_objects; i++) {
		const struct mlps_object *o = &a->objects[i];

		strbuf_adds(out, "  ");
		fit(out, o->name, name_w);
		strbuf_adds(out, "  ");
		mlps_utf8_pad(out, report_kind_label(r, o->kind), kind_w + 2);
		strbuf_adds(out, report_importance(r, o->importance));
		strbuf_addch(out, '\n');
		if (o->desc)
			mlps_utf8_wrap(out, o->desc, r->width, hang, hang);
	}
	strbuf_release(&title);
}

/*
 * The column at which the text after an ID starts and every following line
 * of the item hangs: right of the ID when that leaves room for 40 columns
 * of text, else just indented under it.
 */
static size_t hang_col(const struct report *r, size_t indent, const char *id)
{
	size_t h = indent + mlps_utf8_width(id) + 2;

	return r->width >= h + 40 ? h : indent + 2;
}

/* "ID  text" with the text wrapped at the hanging column. */
static void id_line(struct strbuf *out, const struct report *r, size_t indent, const char *id,
		    const char *text, size_t hang)
{
	size_t w = mlps_utf8_width(id);

	strbuf_addchars(out, ' ', indent);
	strbuf_adds(out, id);
	if (hang >= indent + w + 2) {
		strbuf_addchars(out, ' ', hang - indent - w);
		mlps_utf8_wrap_at(out, text, r->width, hang, hang);
	} else {
		strbuf_addch(out, '\n');
		mlps_utf8_wrap(out, text, r->width, hang, hang);
	}
}

/* A titled list of requirements, each "ID  text", or "none". */
static void req_list(struct strbuf *out, const struct report *r, enum report_label title,
		     const struct mlps_requirement *const *reqs, size_t n, bool with_status)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_labelf(&line, r, title, n);
	mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
	for (i = 0; i < n; i++) {
		const char *id = report_req_id(r, reqs[i]);

		strbuf_reset(&line);
		if (with_status)
			strbuf_addf(&line, "%s%s", report_status(r, report_req_status(r, reqs[i])),
				    report_colon(r));
		strbuf_adds(&line, report_req_text(r, reqs[i]));
		id_line(out, r, 4, id, line.buf, hang_col(r, 4, id));
	}
	if (n == 0)
		mlps_utf8_wrap(out, report_label(r, RL_NONE), r->width, 4, 4);
	strbuf_release(&line);
}

static void applicability(struct strbuf *out, const struct report *r)
{
	struct strbuf in = STRBUF_INIT, out_of = STRBUF_INIT, line = STRBUF_INIT;
	size_t i;

	section(out, report_section_number(r, MLPS_RS_SOA), report_label(r, RL_SEC_SOA));
	report_scope_lists(&in, &out_of, r);
	field(out, r, 2, RL_SOA_SCOPE, in.buf);
	field(out, r, 2, RL_SOA_NOT_CHOSEN, out_of.buf);
	report_labelf(&line, r, RL_SOA_NA, r->n_na);
	mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
	for (i = 0; i < r->n_na; i++) {
		const struct mlps_answer *ans = report_answer(r, r->na[i]);
		const char *id = report_req_id(r, r->na[i]);
		size_t hang = hang_col(r, 4, id);

		id_line(out, r, 4, id, report_req_text(r, r->na[i]), hang);
		field(out, r, hang, RL_COL_NA_REASON, ans->na_reason ? ans->na_reason : report_label(r, RL_NOT_GIVEN));
	}
	if (r->n_na == 0)
		mlps_utf8_wrap(out, report_label(r, RL_NONE), r->width, 4, 4);
	strbuf_release(&in);
	strbuf_release(&out_of);
	strbuf_release(&line);
}

static void open_items(struct strbuf *out, const struct report *r)
{
	section(out, report_section_number(r, MLPS_RS_OPEN), report_label(r, RL_SEC_OPEN));
	req_list(out, r, RL_OPEN_UNANSWERED, r->unanswered, r->n_unanswered, false);
	req_list(out, r, RL_OPEN_TODO, r->todo, r->n_todo, false);
	req_list(out, r, RL_OPEN_CARRIED, r->carried, r->n_carried, true);
}

/* A line laid out by hand (aligned with runs of spaces): as is when it fits, else wrapped. */
static void line_or_wrap(struct strbuf *out, const struct report *r, const char *s, size_t indent, size_t rest)
{
	if (indent + mlps_utf8_width(s) <= r->width) {
		strbuf_addchars(out, ' ', indent);
		strbuf_adds(out, s);
		strbuf_addch(out, '\n');
	} else {
		mlps_utf8_wrap(out, s, r->width, indent, rest);
	}
}

static void signed_change(struct strbuf *out, double from, double to)
{
	strbuf_addf(out, "%.1f → %.1f (%+.1f)", from, to, to - from);
}

static void delta(struct strbuf *out, const struct report *r)
{
	const struct mlps_score *so = mlps_diff_old_score(r->delta), *sn = mlps_diff_new_score(r->delta);
	const struct mlps_assessment *n = mlps_diff_new(r->delta);
	struct strbuf line = STRBUF_INIT;
	const char *id;
	int level, c;
	size_t i, k;

	report_labelf(&line, r, RL_SEC_DELTA, mlps_diff_old(r->delta)->id);
	section(out, report_section_number(r, MLPS_RS_DELTA), line.buf);
	strbuf_reset(&line);
	report_delta_from(&line, r);
	mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
	for (level = MLPS_LEVEL_MIN; level <= report_delta_top(r); level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);

		if (to->total == 0 && tn->total == 0)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "L%d  %s ", level, report_label(r, RL_COL_RATE));
		signed_change(&line, to->rate, tn->rate);
		strbuf_addf(&line, "  %s ", report_label(r, RL_COL_SCORE));
		signed_change(&line, to->score, tn->score);
		line_or_wrap(out, r, line.buf, 2, 6);
		for (k = 0; k < r->rules->n_verdicts; k++) {
			int move = report_verdict_move(r, level, k);

			strbuf_reset(&line);
			strbuf_addf(&line, "%s%s%s → %s", r->rules->verdicts[k].id, report_colon(r),
				    report_text(r, &mlps_score_verdict(so, level, k)->band->label),
				    report_text(r, &mlps_score_verdict(sn, level, k)->band->label));
			if (move)
				strbuf_addf(&line, "  %s", report_label(r, move > 0 ? RL_BETTER : RL_WORSE));
			line_or_wrap(out, r, line.buf, 6, 8);
		}
	}
	strbuf_reset(&line);
	strbuf_addf(&line, "%s%s", report_label(r, RL_DELTA_COUNTS), report_colon(r));
	report_delta_counts(&line, r);
	strbuf_addch(out, '\n');
	mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
	for (c = 0; c < 2; c++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s%s", report_label(r, c == 0 ? RL_OBJECTS_ADDED : RL_OBJECTS_REMOVED),
			    report_colon(r));
		if (report_delta_objects(&line, r, c == 0))
			mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
	}
	for (c = 0; c < MLPS_CHG_COUNT; c++) {
		if (!report_delta_listed((enum mlps_change)c) || !mlps_diff_count(r->delta, (enum mlps_change)c))
			continue;
		strbuf_reset(&line);
		report_change_title(&line, r, (enum mlps_change)c);
		mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
		for (i = 0; i < mlps_diff_n_items(r->delta); i++) {
			const struct mlps_diff_item *it = mlps_diff_item(r->delta, i);
			int lv = it->req->ids[n->level] ? n->level : mlps_diff_old(r->delta)->level;

			if (it->change != (enum mlps_change)c)
				continue;
			strbuf_reset(&line);
			report_on_object(&line, r, it->object);
			strbuf_addf(&line, "%s → %s%s%s", report_status(r, it->old_status),
				    report_status(r, it->new_status), report_colon(r),
				    report_text(r, mlps_req_text(it->req, lv)));
			id = it->req->ids[lv] ? it->req->ids[lv] : it->req->key;
			id_line(out, r, 4, id, line.buf, hang_col(r, 4, id));
		}
	}
	strbuf_release(&line);
}

static void explanation(struct strbuf *out, const struct report *r)
{
	size_t i;

	section(out, report_section_number(r, MLPS_RS_EXPLAIN), report_label(r, RL_SEC_EXPLAIN));
	for (i = 0; i < r->n_explain; i++) {
		if (i)
			strbuf_addch(out, '\n');
		mlps_utf8_wrap(out, r->explain[i], r->width, 2, 2);
	}
}

static void footer(struct strbuf *out, const struct report *r)
{
	struct strbuf line = STRBUF_INIT;

	report_footer(&line, r);
	strbuf_addch(out, '\n');
	mlps_utf8_wrap(out, line.buf, r->width, 0, 0);
	strbuf_release(&line);
}

/*
 * A table of the model as records: the first `head` cells on one line
 * (joined by two spaces), each other non-empty cell as "Label: value"
 * wrapped under it. Tables with many long cells read better so in 80 columns.
 */
static void model_table(struct strbuf *out, const struct report *r, const struct report_table *t, size_t head,
			enum report_label none)
{
	struct strbuf line = STRBUF_INIT;
	size_t i, c;

	if (t->title) {
		strbuf_addch(out, '\n');
		mlps_utf8_wrap(out, t->title, r->width, 2, 4);
	}
	if (t->n_rows == 0)
		mlps_utf8_wrap(out, report_label(r, none), r->width, 2, 2);
	for (i = 0; i < t->n_rows; i++) {
		strbuf_reset(&line);
		for (c = 0; c < head && c < t->n_cols; c++) {
			const char *v = report_cell(t, i, c);

			if (!*v)
				continue;
			if (line.len)
				strbuf_adds(&line, "  ");
			strbuf_adds(&line, v);
		}
		mlps_utf8_wrap(out, line.buf, r->width, 2, 4);
		for (c = head; c < t->n_cols; c++)
			if (*report_cell(t, i, c))
				field(out, r, 4, t->cols[c], report_cell(t, i, c));
	}
	strbuf_release(&line);
}

static void titled(struct strbuf *out, const struct report *r, enum mlps_report_section s)
{
	struct strbuf title = STRBUF_INIT;

	report_section_title(&title, r, s);
	section(out, report_section_number(r, s), title.buf);
	strbuf_release(&title);
}

void report_write_text(struct strbuf *out, const struct report *r)
{
	size_t i;

	if (report_has(r, MLPS_RS_COVER))
		header(out, r);
	if (report_has(r, MLPS_RS_CONCLUSION)) {
		titled(out, r, MLPS_RS_CONCLUSION);
		model_table(out, r, &r->conclusion, 2, RL_NONE);
		levels(out, r);
	}
	if (report_has(r, MLPS_RS_OBJECTS))
		objects(out, r);
	if (report_has(r, MLPS_RS_PROBLEMS)) {
		titled(out, r, MLPS_RS_PROBLEMS);
		model_table(out, r, &r->problem_table, 4, RL_NO_GAPS);
	}
	if (report_has(r, MLPS_RS_CONTROLS)) {
		titled(out, r, MLPS_RS_CONTROLS);
		model_table(out, r, &r->controls, 5, RL_NONE);
		categories(out, r);
	}
	if (report_has(r, MLPS_RS_PLAN)) {
		titled(out, r, MLPS_RS_PLAN);
		model_table(out, r, &r->plan, 3, RL_NONE);
	}
	if (report_has(r, MLPS_RS_RECORDS)) {
		titled(out, r, MLPS_RS_RECORDS);
		for (i = 0; i < r->a->n_objects; i++)
			model_table(out, r, &r->records[i], 2, RL_NONE);
	}
	if (report_has(r, MLPS_RS_DELTA))
		delta(out, r);
	if (report_has(r, MLPS_RS_SOA))
		applicability(out, r);
	if (report_has(r, MLPS_RS_OPEN))
		open_items(out, r);
	if (report_has(r, MLPS_RS_EXPLAIN))
		explanation(out, r);
	footer(out, r);
}
