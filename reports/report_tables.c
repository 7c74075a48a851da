/*
 * report_tables.c - the tables of the evaluation report's structure
 * (issue 16), built once from the score and laid out by every format: the
 * conclusion, the problems by risk, the control points, the remediation plan
 * and one single-item record per object.
 *
 * Every figure comes from the score (mlps_score_*, mlps_summary_*): a writer
 * never counts. Cells are unwrapped text; each writer wraps, escapes and
 * styles them its own way.
 */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "summary.h"

static void table_init(struct report_table *t, const enum report_label *cols, const unsigned char *widths,
		       size_t n)
{
	memset(t, 0, sizeof(*t));
	t->n_cols = n;
	memcpy(t->cols, cols, n * sizeof(*cols));
	memcpy(t->widths, widths, n);
}

/* Starts a row; its cells are set with cell_set(), empty until then. */
static size_t row_add(struct report_table *t, int tag)
{
	size_t old = t->alloc;

	if (t->n_rows == t->alloc) {
		mlps_grow((void **)&t->tags, &t->alloc, t->n_rows + 1, sizeof(*t->tags));
		t->cells = mlps_realloc(t->cells, t->alloc * t->n_cols * sizeof(*t->cells));
		memset(t->cells + old * t->n_cols, 0, (t->alloc - old) * t->n_cols * sizeof(*t->cells));
	}
	t->tags[t->n_rows] = tag;
	return t->n_rows++;
}

static void cell_set(struct report_table *t, size_t row, size_t col, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;

	free(t->cells[row * t->n_cols + col]);
	t->cells[row * t->n_cols + col] = s && *s ? mlps_strdup(report_clean(&tmp, s)) : NULL;
	strbuf_release(&tmp);
}

/* Moves the buffer's text into the cell and leaves the buffer empty. */
static void cell_take(struct report_table *t, size_t row, size_t col, struct strbuf *sb)
{
	cell_set(t, row, col, sb->buf);
	strbuf_reset(sb);
}

const char *report_cell(const struct report_table *t, size_t row, size_t col)
{
	const char *s = t->cells[row * t->n_cols + col];

	return s ? s : "";
}

static void table_release(struct report_table *t)
{
	size_t i;

	for (i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->tags);
	free(t->title);
	memset(t, 0, sizeof(*t));
}

/* A verdict's confidence: the rules' tag (version 2), or checked / unverified (version 1). */
static void confidence(struct strbuf *out, const struct report *r, const struct mlps_verdict_rule *rule)
{
	if (r->rules->version >= 2)
		strbuf_adds(out, mlps_confidence_label(rule->confidence, r->lang));
	else
		strbuf_adds(out, report_label(r, rule->verified ? RL_VERIFIED : RL_UNVERIFIED));
}

static void verdict_row(struct report *r, size_t k, bool primary)
{
	struct report_table *t = &r->conclusion;
	const struct mlps_verdict *v = mlps_score_verdict(r->s, r->level, k);
	struct strbuf sb = STRBUF_INIT;
	size_t row = row_add(t, primary);

	cell_set(t, row, 0, report_text(r, &v->rule->name));
	cell_set(t, row, 1, report_text(r, &v->band->label));
	strbuf_adds(&sb, report_label(r, primary ? RL_PRIMARY : RL_COMPARISON));
	strbuf_adds(&sb, report_comma(r));
	strbuf_adds(&sb, report_label(r, v->rule->measure == MLPS_MEASURE_RATE ? RL_RATE_ROW
					 : v->rule->measure == MLPS_MEASURE_COMPOSITE ? RL_COMPOSITE_ROW
										      : RL_COL_SCORE));
	strbuf_adds(&sb, " ");
	mlps_summary_figure(&sb, v->measure);
	if (v->rule->measure == MLPS_MEASURE_RATE)
		strbuf_adds(&sb, "%");
	strbuf_adds(&sb, report_comma(r));
	strbuf_addf(&sb, r->lang == MLPS_LANG_EN ? "%s %s" : "%s%s", report_label(r, RL_COL_WORST),
		    report_risk(r, v->worst));
	strbuf_adds(&sb, report_comma(r));
	confidence(&sb, r, v->rule);
	cell_take(t, row, 2, &sb);
	strbuf_release(&sb);
}

/*
 * 测评结论: the primary conclusion first, the rate and the high-risk count
 * behind it, then the 2021 composite and the other verdicts for comparison.
 */
static void build_conclusion(struct report *r)
{
	static const enum report_label cols[] = { RL_COL_MEASURE, RL_COL_VALUE, RL_COL_BASIS };
	static const unsigned char widths[] = { 3, 3, 6 };
	const struct mlps_tally *lt = mlps_score_level(r->s, r->level);
	const struct mlps_composite *c = mlps_score_composite(r->s, r->level);
	struct report_table *t = &r->conclusion;
	struct strbuf sb = STRBUF_INIT, x = STRBUF_INIT, y = STRBUF_INIT, z = STRBUF_INIT;
	size_t row, k;

	table_init(t, cols, widths, 3);
	verdict_row(r, r->rules->primary, true);

	row = row_add(t, 0);
	cell_set(t, row, 0, report_label(r, RL_RATE_ROW));
	mlps_summary_figure(&sb, lt->rate);
	strbuf_adds(&sb, "%");
	cell_take(t, row, 1, &sb);
	report_labelf(&sb, r, RL_RATE_BASIS, lt->applicable, lt->answered);
	cell_take(t, row, 2, &sb);

	row = row_add(t, 0);
	cell_set(t, row, 0, report_label(r, RL_HIGH_ROW));
	mlps_summary_high_count(&sb, r->s, r->lang);
	cell_take(t, row, 1, &sb);
	cell_set(t, row, 2, report_label(r, RL_HIGH_BASIS));

	if (c->present) {
		row = row_add(t, 0);
		cell_set(t, row, 0, report_label(r, RL_COMPOSITE_ROW));
		mlps_summary_figure(&x, c->m);
		mlps_summary_figure(&y, c->v_t);
		mlps_summary_figure(&z, c->v_m);
		report_labelf(&sb, r, RL_COMPOSITE_VALUE, x.buf, y.buf, z.buf);
		cell_take(t, row, 1, &sb);
		mlps_summary_footnote(&sb, r->s, r->lang);
		/* The footnote starts with its mark; the table cell is the note itself. */
		cell_set(t, row, 2, !strncmp(sb.buf, "¹", strlen("¹")) ? sb.buf + strlen("¹")
						+ (sb.buf[strlen("¹")] == ' ') : sb.buf);
		strbuf_reset(&sb);
	}
	for (k = 0; k < r->rules->n_verdicts; k++)
		if (k != r->rules->primary)
			verdict_row(r, k, false);
	strbuf_release(&sb);
	strbuf_release(&x);
	strbuf_release(&y);
	strbuf_release(&z);
}

static int cmp_problem(const void *pa, const void *pb)
{
	const struct mlps_finding *x = *(const struct mlps_finding *const *)pa;
	const struct mlps_finding *y = *(const struct mlps_finding *const *)pb;

	if (x->risk != y->risk)
		return x->risk > y->risk ? -1 : 1;
	if (x->req->cp->category->index != y->req->cp->category->index)
		return x->req->cp->category->index < y->req->cp->category->index ? -1 : 1;
	if (x->req->cp->index != y->req->cp->index)
		return x->req->cp->index < y->req->cp->index ? -1 : 1;
	return x->req->index < y->req->index ? -1 : x->req->index > y->req->index;
}

/* "不符合：<requirement>": the problem as a statement, with "carried" when nobody confirmed it. */
static void problem_statement(struct strbuf *out, const struct report *r, const struct mlps_finding *f)
{
	strbuf_addf(out, "%s%s%s", report_status(r, f->res.status), report_colon(r), report_req_text(r, f->req));
	if (f->res.to_confirm)
		strbuf_addf(out, r->lang == MLPS_LANG_EN ? " (%s)" : "（%s）", report_label(r, RL_CARRIED));
}

/* 安全问题汇总: worst risk first, then category, control point and catalogue order. */
static void build_problems(struct report *r)
{
	static const enum report_label cols[] = {
		RL_COL_ITEM, RL_COL_RISK, RL_COL_CATEGORY, RL_COL_ID, RL_COL_PROBLEM,
		RL_COL_OBJECTS, RL_COL_SCENARIO, RL_COL_MITIGATION, RL_COL_REMEDIATION,
	};
	static const unsigned char widths[] = { 2, 2, 2, 5, 12, 5, 4, 7, 10 };
	struct report_table *t = &r->problem_table;
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;

	table_init(t, cols, widths, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->n_gaps; i++) {
		const struct mlps_finding *f = r->problems[i];
		size_t row = row_add(t, (int)f->risk);

		strbuf_addf(&sb, "%zu", i + 1);
		cell_take(t, row, 0, &sb);
		cell_set(t, row, 1, report_risk(r, f->risk));
		cell_set(t, row, 2, f->req->cp->category->code);
		cell_set(t, row, 3, report_req_id(r, f->req));
		problem_statement(&sb, r, f);
		cell_take(t, row, 4, &sb);
		if (report_multi(r))
			report_gap_objects(&sb, r, f);
		else if (f->n_gaps && f->gaps[0]->object)
			strbuf_adds(&sb, f->gaps[0]->object);
		cell_take(t, row, 5, &sb);
		if (f->scenario) {
			report_labelf(&sb, r, RL_SCENARIO_VALUE, f->scenario->id);
			if (f->scenario->guide_level) {
				strbuf_adds(&sb, report_comma(r));
				report_labelf(&sb, r, RL_GUIDE_LEVEL, f->scenario->guide_level, f->scenario->min_level);
			}
			if (f->mitigated) {
				strbuf_adds(&sb, report_comma(r));
				report_labelf(&sb, r, RL_MITIGATED, report_risk(r, f->risk));
			}
		}
		cell_take(t, row, 6, &sb);
		for (k = 0; k < f->n_gaps; k++) {
			const struct mlps_answer *ans = f->gaps[k];

			if (ans->risk == MLPS_RISK_NONE || !ans->mitigation)
				continue;
			if (sb.len)
				strbuf_adds(&sb, "\n");
			report_on_object(&sb, r, ans->object);
			strbuf_adds(&sb, ans->mitigation);
		}
		cell_take(t, row, 7, &sb);
		cell_set(t, row, 8, report_text(r, &f->req->remediation));
	}
	strbuf_release(&sb);
}

/* 控制点符合情况汇总: every control point in scope at the target level, catalogue order. */
static void build_controls(struct report *r)
{
	static const enum report_label cols[] = {
		RL_COL_CATEGORY, RL_COL_CONTROL_POINT, RL_COL_SCORE10, RL_COL_CP_STATUS, RL_COL_DONE,
	};
	static const unsigned char widths[] = { 5, 6, 3, 3, 3 };
	struct report_table *t = &r->controls;
	const struct mlps_control_point *prev = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	table_init(t, cols, widths, sizeof(cols) / sizeof(cols[0]));
	r->control_cps = mlps_calloc(r->n_scope + 1, sizeof(*r->control_cps));
	for (i = 0; i < r->n_scope; i++) {
		const struct mlps_control_point *cp = r->scope[i]->cp;
		const struct mlps_tally *ct;
		size_t row;

		if (cp == prev)
			continue;
		prev = cp;
		ct = mlps_score_control_point(r->s, r->level, cp->index);
		if (ct->total == 0)
			continue;
		row = row_add(t, (int)ct->status);
		r->control_cps[n++] = cp;
		strbuf_addf(&sb, "%s %s", cp->category->code, report_text(r, &cp->category->name));
		cell_take(t, row, 0, &sb);
		cell_set(t, row, 1, report_cp_name(r, cp));
		if (ct->status != MLPS_CP_NA) {
			mlps_summary_figure(&sb, ct->score10);
			cell_take(t, row, 2, &sb);
		}
		cell_set(t, row, 3, mlps_cp_status_label(ct->status, r->lang));
		strbuf_addf(&sb, "%d/%d", ct->answered, ct->applicable);
		cell_take(t, row, 4, &sb);
	}
	strbuf_release(&sb);
}

/* 整改计划: one row per gap object, in problem order; "overdue" when due before today and not done. */
static void build_plan(struct report *r)
{
	static const enum report_label cols[] = {
		RL_COL_ITEM, RL_COL_ID, RL_COL_OBJECT, RL_COL_PROBLEM, RL_COL_RISK,
		RL_COL_OWNER, RL_COL_DUE, RL_COL_PLAN, RL_COL_OVERDUE, RL_COL_NOTE,
	};
	static const unsigned char widths[] = { 2, 5, 4, 12, 2, 3, 4, 3, 2, 8 };
	struct report_table *t = &r->plan;
	struct strbuf sb = STRBUF_INIT;
	size_t i, k, n = 0;

	table_init(t, cols, widths, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < r->n_gaps; i++) {
		const struct mlps_finding *f = r->problems[i];

		for (k = 0; k < f->n_gaps; k++) {
			const struct mlps_answer *ans = f->gaps[k];
			bool overdue = ans->due && ans->plan != MLPS_PLAN_DONE && strcmp(ans->due, r->today) < 0;
			size_t row = row_add(t, overdue ? REPORT_TAG_OVERDUE : 0);

			strbuf_addf(&sb, "%zu", ++n);
			cell_take(t, row, 0, &sb);
			cell_set(t, row, 1, report_req_id(r, f->req));
			cell_set(t, row, 2, ans->object);
			cell_set(t, row, 3, report_req_text(r, f->req));
			cell_set(t, row, 4, report_risk(r, f->risk));
			cell_set(t, row, 5, ans->owner);
			cell_set(t, row, 6, ans->due);
			cell_set(t, row, 7, ans->plan != MLPS_PLAN_NONE ? report_plan(r, ans->plan) : NULL);
			cell_set(t, row, 8, overdue ? report_label(r, RL_YES) : NULL);
			cell_set(t, row, 9, ans->note);
		}
	}
	strbuf_release(&sb);
}

/* 单项测评结果记录: per object, every item in scope on it, with its status, note and evidence. */
static void build_records(struct report *r)
{
	static const enum report_label cols[] = {
		RL_COL_ID, RL_COL_CONTROL_POINT, RL_COL_REQUIREMENT, RL_COL_STATUS, RL_COL_NOTE, RL_COL_EVIDENCE,
	};
	static const unsigned char widths[] = { 5, 4, 12, 3, 8, 6 };
	const struct mlps_assessment *a = r->a;
	const struct mlps_object **objs = mlps_calloc(a->n_objects + 1, sizeof(*objs));
	struct strbuf sb = STRBUF_INIT;
	size_t i, k, j;

	/* One table more than objects, empty: a sheet of records has its columns even with no object. */
	r->records = mlps_calloc(a->n_objects + 1, sizeof(*r->records));
	table_init(&r->records[a->n_objects], cols, widths, sizeof(cols) / sizeof(cols[0]));
	for (i = 0; i < a->n_objects; i++) {
		const struct mlps_object *o = &a->objects[i];

		table_init(&r->records[i], cols, widths, sizeof(cols) / sizeof(cols[0]));
		report_labelf(&sb, r, RL_RECORD_OBJECT, o->name, report_kind_label(r, o->kind),
			      report_importance(r, o->importance));
		r->records[i].title = strbuf_detach(&sb, NULL);
	}
	/* One pass over the scope: each requirement's objects are looked up once. */
	for (k = 0; k < r->n_scope; k++) {
		const struct mlps_requirement *req = r->scope[k];
		size_t n = mlps_assessment_req_objects(r->cat, a, req, objs);

		for (j = 0; j < n; j++) {
			const struct mlps_answer *ans = mlps_assessment_answer(a, req->key, objs[j]->name);
			enum mlps_status st = ans ? ans->status : MLPS_ST_UNANSWERED;
			/* The objects are a->objects' own entries: the index is the offset. */
			size_t idx = (size_t)(objs[j] - a->objects), row;
			struct report_table *t;

			if (idx >= a->n_objects)
				continue;
			t = &r->records[idx];
			row = row_add(t, (int)st);
			cell_set(t, row, 0, report_req_id(r, req));
			cell_set(t, row, 1, report_cp_name(r, req->cp));
			cell_set(t, row, 2, report_req_text(r, req));
			strbuf_adds(&sb, report_status(r, st));
			if (ans && ans->to_confirm)
				strbuf_addf(&sb, r->lang == MLPS_LANG_EN ? " (%s)" : "（%s）", report_label(r, RL_CARRIED));
			cell_take(t, row, 3, &sb);
			if (ans && ans->note)
				strbuf_adds(&sb, ans->note);
			if (ans && st == MLPS_ST_NA && ans->na_reason)
				strbuf_addf(&sb, "%s%s%s%s", sb.len ? "\n" : "", report_label(r, RL_COL_NA_REASON),
					    report_colon(r), ans->na_reason);
			cell_take(t, row, 4, &sb);
			cell_set(t, row, 5, ans ? ans->evidence : NULL);
		}
	}
	strbuf_release(&sb);
	free((void *)objs);
}

void report_tables_build(struct report *r)
{
	r->problems = mlps_calloc(r->n_gaps + 1, sizeof(*r->problems));
	memcpy(r->problems, r->gaps, r->n_gaps * sizeof(*r->problems));
	qsort(r->problems, r->n_gaps, sizeof(*r->problems), cmp_problem);
	/* The summary sheet and the conclusion table are small: always built. */
	build_conclusion(r);
	build_problems(r);
	build_controls(r);
	build_plan(r);
	if (r->sections & MLPS_RS_BIT(MLPS_RS_RECORDS))
		build_records(r);
}

void report_tables_release(struct report *r)
{
	size_t i;

	table_release(&r->conclusion);
	table_release(&r->problem_table);
	table_release(&r->controls);
	table_release(&r->plan);
	if (r->records)
		for (i = 0; i <= r->a->n_objects; i++)
			table_release(&r->records[i]);
	free(r->records);
	free((void *)r->control_cps);
	free((void *)r->problems);
}
