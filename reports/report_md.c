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
	section(out, 1, report_label(r, RL_SEC_LEVELS));
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
	section(out, 2, title.buf);
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

	report_labelf(&title, r, RL_SEC_OBJECTS, r->a->n_objects);
	section(out, 3, title.buf);
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

static void high_risks(struct strbuf *out, const struct report *r)
{
	const char *heads[] = { report_label(r, RL_COL_SCENARIO), report_label(r, RL_COL_ID),
				report_label(r, RL_COL_REQUIREMENT), report_label(r, RL_COL_STATUS),
				report_label(r, RL_COL_MITIGATION) };
	struct strbuf title = STRBUF_INIT, line = STRBUF_INIT;
	size_t i;

	report_high_title(&title, r);
	section(out, 4, title.buf);
	if (mlps_score_n_high_risk(r->s) == 0) {
		md_text(out, report_label(r, RL_NO_HIGH), MD_CELL, "");
		strbuf_addch(out, '\n');
	} else {
		table_head(out, heads, "lllll", 5);
	}
	for (i = 0; i < mlps_score_n_findings(r->s); i++) {
		const struct mlps_finding *f = mlps_score_finding(r->s, i);

		if (!f->scenario)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "%s %s", f->scenario->id, report_text(r, &f->scenario->title));
		strbuf_addch(out, '|');
		cell(out, line.buf);
		cell(out, report_req_id(r, f->req));
		cell(out, report_req_text(r, f->req));
		strbuf_reset(&line);
		report_gap_summary(&line, r, f);
		if (report_multi(r)) {
			strbuf_addf(&line, "%s%s%s", report_comma(r), report_label(r, RL_COL_OBJECTS), report_colon(r));
			report_high_objects(&line, r, f);
		}
		cell(out, line.buf);
		strbuf_reset(&line);
		if (f->mitigated) {
			report_on_object(&line, r, f->ans->object);
			strbuf_adds(&line, f->ans->mitigation);
		} else
			strbuf_addf(&line, "%s%s%s", report_label(r, RL_SUGGESTED), report_colon(r),
				    report_text(r, &f->scenario->mitigation));
		cell(out, line.buf);
		strbuf_addch(out, '\n');
	}
	strbuf_release(&title);
	strbuf_release(&line);
}

/* "- [object] Label: value" inside a gap (the object only when the assessment has several). */
static void gap_field(struct strbuf *out, const struct report *r, const char *object, enum report_label label,
		      const char *value)
{
	struct strbuf pre = STRBUF_INIT;

	report_on_object(&pre, r, object);
	strbuf_adds(&pre, report_label(r, label));
	strbuf_adds(out, "- ");
	md_text(out, pre.buf, MD_CELL, "");
	strbuf_release(&pre);
	strbuf_adds(out, report_colon(r));
	md_text(out, value, MD_INLINE, "  ");
	strbuf_addch(out, '\n');
}

static void gaps(struct strbuf *out, const struct report *r)
{
	const struct mlps_category *cat = NULL;
	const struct mlps_control_point *cp = NULL;
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_labelf(&line, r, RL_SEC_GAPS, r->n_gaps);
	section(out, 5, line.buf);
	if (r->n_gaps == 0) {
		md_text(out, report_label(r, RL_NO_GAPS), MD_CELL, "");
		strbuf_addch(out, '\n');
	}
	for (i = 0; i < r->n_gaps; i++) {
		const struct mlps_finding *f = r->gaps[i];
		size_t k;

		if (f->req->cp->category != cat) {
			cat = f->req->cp->category;
			strbuf_reset(&line);
			strbuf_addf(&line, "%s %s", cat->code, report_text(r, &cat->name));
			heading(out, 3, line.buf);
		}
		if (f->req->cp != cp) {
			cp = f->req->cp;
			heading(out, 4, report_cp_name(r, cp));
		}
		blank_line(out);
		strbuf_adds(out, "**");
		md_text(out, report_req_id(r, f->req), MD_CELL, "");
		strbuf_adds(out, "** · ");
		strbuf_reset(&line);
		report_gap_summary(&line, r, f);
		if (report_multi(r)) {
			strbuf_adds(&line, " — ");
			report_gap_objects(&line, r, f);
		}
		md_text(out, line.buf, MD_CELL, "");
		strbuf_adds(out, "\n\n");
		md_text(out, report_req_text(r, f->req), MD_BLOCK, "");
		strbuf_adds(out, "\n\n");
		for (k = 0; k < f->n_gaps; k++) {
			const struct mlps_answer *ans = f->gaps[k];

			if (ans->risk != MLPS_RISK_NONE && ans->mitigation)
				gap_field(out, r, ans->object, RL_COL_MITIGATION, ans->mitigation);
			if (ans->note)
				gap_field(out, r, ans->object, RL_COL_NOTE, ans->note);
			if (ans->evidence)
				gap_field(out, r, ans->object, RL_COL_EVIDENCE, ans->evidence);
		}
		gap_field(out, r, NULL, RL_COL_REMEDIATION, report_text(r, &f->req->remediation));
		for (k = 0; k < f->n_gaps; k++) {
			strbuf_reset(&line);
			report_on_object(&line, r, f->gaps[k]->object);
			report_plan_summary(&line, r, f->gaps[k]);
			strbuf_adds(out, "- ");
			md_text(out, line.buf, MD_INLINE, "  ");
			strbuf_addch(out, '\n');
		}
	}
	strbuf_release(&line);
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

	section(out, 6, report_label(r, RL_SEC_SOA));
	report_scope_lists(&in, &not_chosen, r);
	item(out, r, RL_SOA_SCOPE, in.buf);
	item(out, r, RL_SOA_NOT_CHOSEN, not_chosen.buf);
	req_table(out, r, RL_SOA_NA, r->na, r->n_na, RL_COL_NA_REASON);
	strbuf_release(&in);
	strbuf_release(&not_chosen);
}

static void open_items(struct strbuf *out, const struct report *r)
{
	section(out, 7, report_label(r, RL_SEC_OPEN));
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
	section(out, 8, line.buf);
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

static void explanation(struct strbuf *out, const struct report *r, int n)
{
	size_t i;

	section(out, n, report_label(r, RL_SEC_EXPLAIN));
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

void report_write_md(struct strbuf *out, const struct report *r)
{
	header(out, r);
	levels(out, r);
	categories(out, r);
	objects(out, r);
	high_risks(out, r);
	gaps(out, r);
	applicability(out, r);
	open_items(out, r);
	if (r->delta)
		delta(out, r);
	explanation(out, r, r->delta ? 9 : 8);
	footer(out, r);
}
