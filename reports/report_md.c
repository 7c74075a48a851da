/*
 * report_md.c - the report as Markdown (CommonMark with GitHub tables), for
 * wikis, merge requests and any viewer that renders Markdown.
 *
 * Every text from the catalogue or the operator goes through md_text(),
 * which backslash-escapes the punctuation that would otherwise become
 * markup (emphasis, links, raw HTML, table pipes, headings, list markers),
 * so a note reads the same rendered as typed and cannot inject HTML.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "summary.h"

enum md_mode {
	MD_BLOCK,   /* starts a line; a line break becomes a Markdown hard break */
	MD_INLINE,  /* continues a line; the same */
	MD_CELL,    /* a table cell or a heading: a line break becomes a space */
};

/* True when c at the start of a line would make a list item, a rule or a heading underline. */
static bool line_marker(char c)
{
	return c == '-' || c == '+' || c == '=';
}

/*
 * Appends s escaped. `indent` is what continuation lines need to stay inside
 * a list item.
 */
static void md_text(struct strbuf *out, const char *s, enum md_mode mode, const char *indent)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p = report_clean(&clean, s);
	bool at_start = mode == MD_BLOCK;

	for (; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			if (mode == MD_CELL) {
				strbuf_addch(out, ' ');
			} else {
				strbuf_addf(out, "\\\n%s", indent);
				at_start = true;
			}
			continue;
		}
		if (at_start && line_marker(*p))
			strbuf_addch(out, '\\');
		if (at_start && isdigit((unsigned char)*p)) {
			/* "1." or "1)" at the start of a line is an ordered list. */
			const char *q = p;

			while (isdigit((unsigned char)*q))
				q++;
			if (*q == '.' || *q == ')') {
				strbuf_add(out, p, (size_t)(q - p));
				strbuf_addch(out, '\\');
				p = q;
			}
		}
		at_start = false;
		if (strchr("\\`*_[]<>|#~&!", *p))
			strbuf_addch(out, '\\');
		strbuf_addch(out, *p);
	}
	strbuf_release(&clean);
}

/* Ends what came before with an empty line, once: Markdown blocks need one between them. */
static void blank_line(struct strbuf *out)
{
	if (out->len == 0)
		return;
	if (out->buf[out->len - 1] != '\n')
		strbuf_addch(out, '\n');
	if (out->len < 2 || out->buf[out->len - 2] != '\n')
		strbuf_addch(out, '\n');
}

static void cell(struct strbuf *out, const char *s)
{
	strbuf_adds(out, " ");
	md_text(out, s, MD_CELL, "");
	strbuf_adds(out, " |");
}

static void cellf_pct(struct strbuf *out, double v)
{
	strbuf_addf(out, " %.1f |", v);
}

static void celli(struct strbuf *out, int v)
{
	strbuf_addf(out, " %d |", v);
}

/* "| a | b |" and "| :-- | --: |": `align` holds 'l' or 'r' per column. */
static void table_head(struct strbuf *out, const char *const *heads, const char *align, size_t n)
{
	size_t i;

	strbuf_addch(out, '|');
	for (i = 0; i < n; i++)
		cell(out, heads[i]);
	strbuf_adds(out, "\n|");
	for (i = 0; i < n; i++)
		strbuf_adds(out, align[i] == 'r' ? " --: |" : " :-- |");
	strbuf_addch(out, '\n');
}

static void heading(struct strbuf *out, int depth, const char *text)
{
	blank_line(out);
	strbuf_addchars(out, '#', (size_t)depth);
	strbuf_addch(out, ' ');
	md_text(out, text, MD_CELL, "");
	strbuf_adds(out, "\n\n");
}

/* "- **Label**: value" */
static void item(struct strbuf *out, const struct report *r, enum report_label label, const char *value)
{
	strbuf_adds(out, "- **");
	md_text(out, report_label(r, label), MD_CELL, "");
	strbuf_addf(out, "**%s", report_colon(r));
	md_text(out, value, MD_INLINE, "  ");
	strbuf_addch(out, '\n');
}

static void header(struct strbuf *out, const struct report *r)
{
	size_t i;

	strbuf_adds(out, "# ");
	md_text(out, report_label(r, RL_TITLE), MD_CELL, "");
	strbuf_adds(out, "\n\n");
	for (i = 0; i < r->n_fields; i++)
		item(out, r, r->fields[i].label, r->fields[i].value);
	strbuf_adds(out, "\n> ");
	md_text(out, report_label(r, RL_DISCLAIMER), MD_CELL, "");
	strbuf_addch(out, '\n');
	if (mlps_score_unconfirmed(r->s)) {
		struct strbuf line = STRBUF_INIT;

		report_labelf(&line, r, RL_UNCONFIRMED_COUNT, mlps_score_unconfirmed(r->s));
		strbuf_adds(out, "\n");
		md_text(out, line.buf, MD_BLOCK, "");
		strbuf_addch(out, '\n');
		strbuf_release(&line);
	}
}

/* A numbered section heading "## n. title". */
static void section(struct strbuf *out, int n, const char *title)
{
	blank_line(out);
	strbuf_addf(out, "## %d. ", n);
	md_text(out, title, MD_CELL, "");
	strbuf_adds(out, "\n\n");
}

/* A rule's name with a dagger when its source is unverified. */
static void rule_name(struct strbuf *out, const struct report *r, const struct mlps_verdict_rule *rule)
{
	strbuf_adds(out, report_text(r, &rule->name));
	if (!rule->verified)
		strbuf_adds(out, " †");
}

static void levels(struct strbuf *out, const struct report *r)
{
	static const enum report_label cols[] = {
		RL_COL_LEVEL, RL_COL_TOTAL, RL_COL_APPLICABLE, RL_COL_ANSWERED, RL_COL_COMPLIANT,
		RL_COL_PARTIAL, RL_COL_NONCOMPLIANT, RL_COL_NA, RL_COL_OPEN, RL_COL_RATE, RL_COL_SCORE,
		RL_COL_COVERAGE, RL_COL_WORST,
	};
	size_t nc = sizeof(cols) / sizeof(cols[0]), nv = r->rules->n_verdicts + 1, i;
	const char **heads = mlps_calloc(nc > nv ? nc : nv, sizeof(*heads));
	struct strbuf *names = mlps_calloc(nv, sizeof(*names));
	char *align = mlps_calloc((nc > nv ? nc : nv) + 1, 1);
	int level;

	for (i = 0; i < nc; i++) {
		heads[i] = report_label(r, cols[i]);
		align[i] = i == 0 || i == nc - 1 ? 'l' : 'r';
	}
	strbuf_adds(out, "**");
	md_text(out, report_label(r, RL_SEC_LEVELS), MD_CELL, "");
	strbuf_adds(out, "**\n\n");
	table_head(out, heads, align, nc);
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *t = mlps_score_level(r->s, level);

		if (t->total == 0)
			continue;
		strbuf_addf(out, level == r->level ? "| **L%d** \\* |" : "| L%d |", level);
		celli(out, t->total);
		celli(out, t->applicable);
		celli(out, t->answered);
		celli(out, t->n[MLPS_ST_COMPLIANT]);
		celli(out, t->n[MLPS_ST_PARTIAL]);
		celli(out, t->n[MLPS_ST_NONCOMPLIANT]);
		celli(out, t->n[MLPS_ST_NA]);
		celli(out, t->n[MLPS_ST_UNANSWERED] + t->n[MLPS_ST_TODO]);
		if (level <= r->level) {
			cellf_pct(out, t->rate);
			cellf_pct(out, t->score);
		} else {
			strbuf_adds(out, " – | – |");
		}
		cellf_pct(out, t->coverage);
		cell(out, report_risk(r, t->worst));
		strbuf_addch(out, '\n');
	}
	/* The verdicts in a table of their own: rule names are long. */
	heads[0] = report_label(r, RL_COL_LEVEL);
	for (i = 1; i < nv; i++) {
		strbuf_init(&names[i]);
		rule_name(&names[i], r, &r->rules->verdicts[i - 1]);
		heads[i] = names[i].buf;
	}
	memset(align, 'l', nv);
	strbuf_addch(out, '\n');
	table_head(out, heads, align, nv);
	for (level = MLPS_LEVEL_MIN; level <= r->level; level++) {
		if (mlps_score_level(r->s, level)->total == 0)
			continue;
		strbuf_addf(out, level == r->level ? "| **L%d** \\* |" : "| L%d |", level);
		for (i = 0; i < r->rules->n_verdicts; i++)
			cell(out, report_text(r, &mlps_score_verdict(r->s, level, i)->band->label));
		strbuf_addch(out, '\n');
	}
	strbuf_addch(out, '\n');
	md_text(out, report_label(r, RL_TARGET_NOTE), MD_BLOCK, "");
	strbuf_addf(out, " † %s%s\n", report_label(r, RL_UNVERIFIED), r->lang == MLPS_LANG_EN ? "." : "。");
	for (i = 1; i < nv; i++)
		strbuf_release(&names[i]);
	free(names);
	free(heads);
	free(align);
}

static void categories(struct strbuf *out, const struct report *r)
{
	const char *heads[] = { report_label(r, RL_COL_CATEGORY), report_label(r, RL_COL_SCORE),
				report_label(r, RL_COL_RATE), report_label(r, RL_COL_DONE) };
	struct strbuf title = STRBUF_INIT, name = STRBUF_INIT;
	size_t i;

	report_labelf(&title, r, RL_SEC_CATEGORIES, r->level);
	blank_line(out);
	strbuf_adds(out, "**");
	md_text(out, title.buf, MD_CELL, "");
	strbuf_adds(out, "**\n\n");
	table_head(out, heads, "llrr", 4);
	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		const struct mlps_tally *t = mlps_score_category(r->s, r->level, i);
		int fill, k;

		if (t->total == 0)
			continue;
		strbuf_reset(&name);
		strbuf_addf(&name, "%s %s", c->code, report_text(r, &c->name));
		strbuf_addch(out, '|');
		cell(out, name.buf);
		/* Twenty blocks, one per five points of score. */
		fill = (int)(t->score / 5.0 + 0.5);
		strbuf_adds(out, " `");
		for (k = 0; k < 20; k++)
			strbuf_adds(out, k < fill ? "█" : "░");
		strbuf_addf(out, "` %.1f |", t->score);
		cellf_pct(out, t->rate);
		strbuf_addf(out, " %d/%d |\n", t->answered, t->applicable);
	}
	strbuf_addch(out, '\n');
	md_text(out, report_label(r, RL_CHART_NOTE), MD_BLOCK, "");
	strbuf_addch(out, '\n');
	strbuf_release(&title);
	strbuf_release(&name);
}

/* The evaluation objects (the template's 被测对象 list) as a table. */
static void objects(struct strbuf *out, const struct report *r)
{
	const char *heads[] = { report_label(r, RL_COL_OBJECT), report_label(r, RL_COL_KIND),
				report_label(r, RL_COL_IMPORTANCE), report_label(r, RL_COL_DESC) };
	struct strbuf title = STRBUF_INIT;
	size_t i;

	report_section_title(&title, r, MLPS_RS_OBJECTS);
	section(out, report_section_number(r, MLPS_RS_OBJECTS), title.buf);
	table_head(out, heads, "llll", 4);
	for (i = 0; i < r->a->n_objects; i++) {
		const struct mlps_object *o = &r->a->objects[i];

		strbuf_addch(out, '|');
		cell(out, o->name);
		cell(out, report_kind_label(r, o->kind));
		cell(out, report_importance(r, o->importance));
		cell(out, o->desc ? o->desc : "");
		strbuf_addch(out, '\n');
	}
	strbuf_release(&title);
}

/* "**Title (n)**" and a table of ID, requirement and one more column (or "none"). */
static void req_table(struct strbuf *out, const struct report *r, enum report_label title,
		      const struct mlps_requirement *const *reqs, size_t n, enum report_label extra)
{
	const char *heads[] = { report_label(r, RL_COL_ID), report_label(r, RL_COL_REQUIREMENT),
				extra == RL_COUNT ? "" : report_label(r, extra) };
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_labelf(&line, r, title, n);
	blank_line(out);
	strbuf_adds(out, "**");
	md_text(out, line.buf, MD_CELL, "");
	strbuf_adds(out, "**\n\n");
	if (n == 0) {
		md_text(out, report_label(r, RL_NONE), MD_CELL, "");
		strbuf_addch(out, '\n');
		strbuf_release(&line);
		return;
	}
	table_head(out, heads, "lll", extra == RL_COUNT ? 2 : 3);
	for (i = 0; i < n; i++) {
		const struct mlps_answer *ans = report_answer(r, reqs[i]);

		strbuf_addch(out, '|');
		cell(out, report_req_id(r, reqs[i]));
		cell(out, report_req_text(r, reqs[i]));
		if (extra == RL_COL_NA_REASON)
			cell(out, ans && ans->na_reason ? ans->na_reason : report_label(r, RL_NOT_GIVEN));
		else if (extra == RL_COL_STATUS)
			cell(out, report_status(r, report_req_status(r, reqs[i])));
		strbuf_addch(out, '\n');
	}
	strbuf_release(&line);
}

static void applicability(struct strbuf *out, const struct report *r)
{
	struct strbuf in = STRBUF_INIT, not_chosen = STRBUF_INIT;

	section(out, report_section_number(r, MLPS_RS_SOA), report_label(r, RL_SEC_SOA));
	report_scope_lists(&in, &not_chosen, r);
	item(out, r, RL_SOA_SCOPE, in.buf);
	item(out, r, RL_SOA_NOT_CHOSEN, not_chosen.buf);
	req_table(out, r, RL_SOA_NA, r->na, r->n_na, RL_COL_NA_REASON);
	strbuf_release(&in);
	strbuf_release(&not_chosen);
}

static void open_items(struct strbuf *out, const struct report *r)
{
	section(out, report_section_number(r, MLPS_RS_OPEN), report_label(r, RL_SEC_OPEN));
	req_table(out, r, RL_OPEN_UNANSWERED, r->unanswered, r->n_unanswered, RL_COUNT);
	req_table(out, r, RL_OPEN_TODO, r->todo, r->n_todo, RL_COUNT);
	req_table(out, r, RL_OPEN_CARRIED, r->carried, r->n_carried, RL_COL_STATUS);
}

static void delta(struct strbuf *out, const struct report *r)
{
	const struct mlps_score *so = mlps_diff_old_score(r->delta), *sn = mlps_diff_new_score(r->delta);
	const struct mlps_assessment *n = mlps_diff_new(r->delta), *o = mlps_diff_old(r->delta);
	size_t nh = 3 + r->rules->n_verdicts, i, k;
	const char **heads = mlps_calloc(nh, sizeof(*heads));
	struct strbuf line = STRBUF_INIT, *names = mlps_calloc(r->rules->n_verdicts + 1, sizeof(*names));
	char *align = mlps_calloc(nh + 1, 1);
	int level, c;

	report_labelf(&line, r, RL_SEC_DELTA, o->id);
	section(out, report_section_number(r, MLPS_RS_DELTA), line.buf);
	strbuf_reset(&line);
	report_delta_from(&line, r);
	md_text(out, line.buf, MD_BLOCK, "");
	strbuf_adds(out, "\n\n");
	heads[0] = report_label(r, RL_COL_LEVEL);
	heads[1] = report_label(r, RL_COL_RATE);
	heads[2] = report_label(r, RL_COL_SCORE);
	memset(align, 'l', nh);
	for (k = 0; k < r->rules->n_verdicts; k++) {
		strbuf_init(&names[k]);
		rule_name(&names[k], r, &r->rules->verdicts[k]);
		heads[3 + k] = names[k].buf;
	}
	table_head(out, heads, align, nh);
	for (level = MLPS_LEVEL_MIN; level <= report_delta_top(r); level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);

		if (to->total == 0 && tn->total == 0)
			continue;
		strbuf_addf(out, "| L%d | %.1f → %.1f (%+.1f) | %.1f → %.1f (%+.1f) |", level, to->rate, tn->rate,
			    tn->rate - to->rate, to->score, tn->score, tn->score - to->score);
		for (k = 0; k < r->rules->n_verdicts; k++) {
			int move = report_verdict_move(r, level, k);

			strbuf_reset(&line);
			strbuf_addf(&line, "%s → %s", report_text(r, &mlps_score_verdict(so, level, k)->band->label),
				    report_text(r, &mlps_score_verdict(sn, level, k)->band->label));
			if (move)
				strbuf_addf(&line, " %s", report_label(r, move > 0 ? RL_BETTER : RL_WORSE));
			cell(out, line.buf);
		}
		strbuf_addch(out, '\n');
	}
	strbuf_reset(&line);
	strbuf_addf(&line, "%s%s", report_label(r, RL_DELTA_COUNTS), report_colon(r));
	report_delta_counts(&line, r);
	strbuf_addch(out, '\n');
	md_text(out, line.buf, MD_BLOCK, "");
	strbuf_addch(out, '\n');
	for (c = 0; c < 2; c++) {
		strbuf_reset(&line);
		if (!report_delta_objects(&line, r, c == 0))
			continue;
		blank_line(out);
		item(out, r, c == 0 ? RL_OBJECTS_ADDED : RL_OBJECTS_REMOVED, line.buf);
	}
	for (c = 0; c < MLPS_CHG_COUNT; c++) {
		const char *ih[] = { report_label(r, RL_COL_ID), report_label(r, RL_COL_BEFORE),
				     report_label(r, RL_COL_AFTER), report_label(r, RL_COL_REQUIREMENT) };

		if (!report_delta_listed((enum mlps_change)c) || !mlps_diff_count(r->delta, (enum mlps_change)c))
			continue;
		strbuf_reset(&line);
		report_change_title(&line, r, (enum mlps_change)c);
		blank_line(out);
		strbuf_adds(out, "**");
		md_text(out, line.buf, MD_CELL, "");
		strbuf_adds(out, "**\n\n");
		table_head(out, ih, "llll", 4);
		for (i = 0; i < mlps_diff_n_items(r->delta); i++) {
			const struct mlps_diff_item *it = mlps_diff_item(r->delta, i);
			int lv = it->req->ids[n->level] ? n->level : o->level;

			if (it->change != (enum mlps_change)c)
				continue;
			strbuf_addch(out, '|');
			cell(out, it->req->ids[lv] ? it->req->ids[lv] : it->req->key);
			cell(out, report_status(r, it->old_status));
			cell(out, report_status(r, it->new_status));
			strbuf_reset(&line);
			report_on_object(&line, r, it->object);
			strbuf_adds(&line, report_text(r, mlps_req_text(it->req, lv)));
			cell(out, line.buf);
			strbuf_addch(out, '\n');
		}
	}
	for (k = 0; k < r->rules->n_verdicts; k++)
		strbuf_release(&names[k]);
	free(names);
	free(heads);
	free(align);
	strbuf_release(&line);
}

static void explanation(struct strbuf *out, const struct report *r)
{
	size_t i;

	section(out, report_section_number(r, MLPS_RS_EXPLAIN), report_label(r, RL_SEC_EXPLAIN));
	for (i = 0; i < r->n_explain; i++) {
		if (i)
			strbuf_addch(out, '\n');
		md_text(out, r->explain[i], MD_BLOCK, "");
		strbuf_addch(out, '\n');
	}
}

static void footer(struct strbuf *out, const struct report *r)
{
	struct strbuf line = STRBUF_INIT;

	report_footer(&line, r);
	strbuf_adds(out, "\n---\n\n");
	md_text(out, line.buf, MD_BLOCK, "");
	strbuf_addch(out, '\n');
	strbuf_release(&line);
}

/* A table of the model as a GitHub table; `none` when it has no rows. */
static void model_table(struct strbuf *out, const struct report *r, const struct report_table *t,
			enum report_label none)
{
	const char *heads[REPORT_MAX_COLS];
	char align[REPORT_MAX_COLS + 1];
	size_t i, c;

	if (t->title)
		heading(out, 3, t->title);
	blank_line(out);
	if (t->n_rows == 0) {
		md_text(out, report_label(r, none), MD_CELL, "");
		strbuf_addch(out, '\n');
		return;
	}
	for (c = 0; c < t->n_cols; c++) {
		heads[c] = report_label(r, t->cols[c]);
		align[c] = t->cols[c] == RL_COL_ITEM || t->cols[c] == RL_COL_SCORE10 || t->cols[c] == RL_COL_DONE
				   ? 'r' : 'l';
	}
	table_head(out, heads, align, t->n_cols);
	for (i = 0; i < t->n_rows; i++) {
		strbuf_addch(out, '|');
		for (c = 0; c < t->n_cols; c++)
			cell(out, report_cell(t, i, c));
		strbuf_addch(out, '\n');
	}
}

static void titled(struct strbuf *out, const struct report *r, enum mlps_report_section s)
{
	struct strbuf title = STRBUF_INIT;

	report_section_title(&title, r, s);
	section(out, report_section_number(r, s), title.buf);
	strbuf_release(&title);
}

void report_write_md(struct strbuf *out, const struct report *r)
{
	size_t i;

	if (report_has(r, MLPS_RS_COVER))
		header(out, r);
	if (report_has(r, MLPS_RS_CONCLUSION)) {
		titled(out, r, MLPS_RS_CONCLUSION);
		model_table(out, r, &r->conclusion, RL_NONE);
		blank_line(out);
		levels(out, r);
	}
	if (report_has(r, MLPS_RS_OBJECTS))
		objects(out, r);
	if (report_has(r, MLPS_RS_PROBLEMS)) {
		titled(out, r, MLPS_RS_PROBLEMS);
		model_table(out, r, &r->problem_table, RL_NO_GAPS);
	}
	if (report_has(r, MLPS_RS_CONTROLS)) {
		titled(out, r, MLPS_RS_CONTROLS);
		model_table(out, r, &r->controls, RL_NONE);
		categories(out, r);
	}
	if (report_has(r, MLPS_RS_PLAN)) {
		titled(out, r, MLPS_RS_PLAN);
		model_table(out, r, &r->plan, RL_NONE);
	}
	if (report_has(r, MLPS_RS_RECORDS)) {
		titled(out, r, MLPS_RS_RECORDS);
		for (i = 0; i < r->a->n_objects; i++)
			model_table(out, r, &r->records[i], RL_NONE);
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
