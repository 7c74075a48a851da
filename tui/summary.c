/*
 * summary.c - where an assessment stands: rate, score, coverage and
 * verdicts per level, why each verdict is what it is, a bar per category,
 * and every gap with the high-risk ones first. Enter on a gap opens it in
 * the questionnaire; x exports a report in any format.
 *
 * All the figures come from mlps_score_compute(); this file only lays
 * them out. The assessment is read from the store on entering, so the
 * summary is never behind the questionnaire it was opened from.
 */
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "doc.h"
#include "screen.h"
#include "summary.h"
#include "utf8.h"

struct summary {
	struct screen base;
	long long id;
	struct mlps_assessment *a;
	struct mlps_score *score;
	struct doc doc;
	size_t top;
	long sel;                   /* the selected gap (finding index), -1 when there is none */
	bool follow;                /* keep the selected gap in view (after j/k, not after paging) */
	WINDOW *w;
	bool stale;
	bool explain;               /* `e`: the deductions are shown at the end */
};

/* Columns of the per-level table. */
enum { C_LEVEL = 0, C_APPLICABLE = 6, C_ANSWERED = 12, C_COVERAGE = 19, C_RATE = 27, C_SCORE = 35, C_RISK = 43,
       C_VERDICT = 52 };

static void cell(struct doc *d, int col, enum crt_style st, const char *fmt, double v)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, fmt, v);
	doc_seg(d, col, st, sb.buf);
	strbuf_release(&sb);
}

static void level_table(struct summary *sm, struct tui *t)
{
	struct doc *d = &sm->doc;
	const struct mlps_rules *rules = mlps_score_rules(sm->score);
	enum mlps_lang lang = t->lang;
	int level;

	doc_line(d, -1);
	doc_seg(d, 0, STYLE_HEADING, TR(t, "各级得分与结论", "Scores and verdicts by level"));
	doc_line(d, -1);
	doc_seg(d, C_LEVEL, STYLE_DIM, TR(t, "级别", "level"));
	doc_seg(d, C_APPLICABLE, STYLE_DIM, TR(t, " 适用", "appl."));
	doc_seg(d, C_ANSWERED, STYLE_DIM, TR(t, " 已答", "done"));
	doc_seg(d, C_COVERAGE, STYLE_DIM, TR(t, "覆盖率", "cover."));
	doc_seg(d, C_RATE, STYLE_DIM, TR(t, "符合率", " rate"));
	doc_seg(d, C_SCORE, STYLE_DIM, TR(t, "  得分", " score"));
	doc_seg(d, C_RISK, STYLE_DIM, TR(t, "最高风险", "worst"));
	doc_seg(d, C_VERDICT, STYLE_DIM, TR(t, "结论", "verdicts"));
	for (level = MLPS_LEVEL_MIN; level <= sm->a->level; level++) {
		const struct mlps_tally *tl = mlps_score_level(sm->score, level);
		struct strbuf sb = STRBUF_INIT;
		size_t r;

		doc_line(d, -1);
		strbuf_addf(&sb, "L%d%s", level, level == sm->a->level ? " *" : "");
		doc_seg(d, C_LEVEL, level == sm->a->level ? STYLE_ID : STYLE_NORMAL, sb.buf);
		cell(d, C_APPLICABLE, STYLE_NORMAL, "%5.0f", tl->applicable);
		cell(d, C_ANSWERED, STYLE_NORMAL, "%5.0f", tl->answered);
		cell(d, C_COVERAGE, STYLE_NORMAL, "%5.1f%%", tl->coverage);
		cell(d, C_RATE, STYLE_NORMAL, "%6.1f", tl->rate);
		cell(d, C_SCORE, STYLE_NORMAL, "%6.1f", tl->score);
		doc_seg(d, C_RISK, tl->worst == MLPS_RISK_HIGH ? STYLE_HIGH_RISK : STYLE_NORMAL,
			mlps_risk_label(tl->worst, lang));
		strbuf_reset(&sb);
		for (r = 0; r < rules->n_verdicts; r++) {
			const struct mlps_verdict *v = mlps_score_verdict(sm->score, level, r);

			strbuf_addf(&sb, "%s%s", r ? " / " : "", mlps_text_get(&v->band->label, lang));
		}
		doc_seg(d, C_VERDICT, STYLE_HEADING, sb.buf);
		strbuf_release(&sb);
	}
	doc_line(d, -1);
	doc_seg(d, 0, STYLE_DIM, TR(t, "* 目标级别。覆盖率 = 已答/适用；符合率、得分按规则文件计算。",
				    "* target level. coverage = answered/applicable; rate and score follow the rules file."));
}

static void verdicts(struct summary *sm, struct tui *t)
{
	struct doc *d = &sm->doc;
	struct strbuf sb = STRBUF_INIT;

	doc_line(d, -1);
	doc_line(d, -1);
	strbuf_addf(&sb, TR(t, "结论（第%d级）", "Verdicts (level %d)"), sm->a->level);
	doc_seg(d, 0, STYLE_HEADING, sb.buf);
	/* Each rule's verdict with the reason it is not the next band up. */
	strbuf_reset(&sb);
	mlps_summary_explain(&sb, sm->a, sm->score, t->lang, (size_t)(sm->doc.width - 2));
	doc_wrap(d, 2, STYLE_NORMAL, sb.buf, -1);
	doc_wrap(d, 2, STYLE_DIM, TR(t, "这是自评估结果，不是等级测评结论。", "This is a self-assessment, not an official evaluation."), -1);
	strbuf_release(&sb);
}

static void categories(struct summary *sm, struct tui *t)
{
	struct doc *d = &sm->doc;
	int level = sm->a->level, name_w = 0, bar_w;
	size_t c;
	enum mlps_kind k;

	for (c = 0; c < mlps_catalog_n_categories(t->cat); c++) {
		const struct mlps_category *cat = mlps_catalog_category(t->cat, c);
		int w = 4 + (int)mlps_utf8_width(mlps_text_get(&cat->name, t->lang));

		if (w > name_w)
			name_w = w;
	}
	if (name_w > 30)
		name_w = 30;
	bar_w = d->width - name_w - 18;
	if (bar_w > 40)
		bar_w = 40;
	if (bar_w < 8)
		bar_w = 8;
	doc_line(d, -1);
	doc_line(d, -1);
	{
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, TR(t, "各类别得分（第%d级；已答/适用）", "Score by category (level %d; done/applicable)"), level);
		doc_seg(d, 0, STYLE_HEADING, sb.buf);
		strbuf_release(&sb);
	}
	for (c = 0; c < mlps_catalog_n_categories(t->cat); c++) {
		const struct mlps_category *cat = mlps_catalog_category(t->cat, c);
		const struct mlps_tally *tl = mlps_score_category(sm->score, level, c);
		struct strbuf sb = STRBUF_INIT;

		if (!tl->total)
			continue;
		doc_line(d, -1);
		strbuf_addf(&sb, "%s %s", cat->code, mlps_text_get(&cat->name, t->lang));
		doc_seg(d, 0, STYLE_NORMAL, sb.buf);
		doc_bar(d, name_w + 1, bar_w, tl->score);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%5.1f  %d/%d", tl->score, tl->answered, tl->applicable);
		doc_seg(d, name_w + bar_w + 2, tl->worst == MLPS_RISK_HIGH ? STYLE_GAP : STYLE_NORMAL, sb.buf);
		strbuf_release(&sb);
	}
	for (k = MLPS_KIND_TECHNICAL; k <= MLPS_KIND_MANAGEMENT; k++) {
		const struct mlps_tally *tl = mlps_score_kind(sm->score, level, k);
		struct strbuf sb = STRBUF_INIT;

		doc_line(d, -1);
		doc_seg(d, 0, STYLE_DIM, k == MLPS_KIND_TECHNICAL ? TR(t, "技术类合计", "technical") : TR(t, "管理类合计", "management"));
		doc_bar(d, name_w + 1, bar_w, tl->score);
		strbuf_addf(&sb, "%5.1f  %d/%d", tl->score, tl->answered, tl->applicable);
		doc_seg(d, name_w + bar_w + 2, STYLE_DIM, sb.buf);
		strbuf_release(&sb);
	}
}

/* The gaps: high-risk ones (`high`) or the others, one selectable line each. */
static void findings(struct summary *sm, struct tui *t, bool high)
{
	struct doc *d = &sm->doc;
	size_t n = mlps_score_n_findings(sm->score), i, count = 0;
	struct strbuf sb = STRBUF_INIT;
	int col_status = 14, col_risk, col_text, w, k;

	/* Columns as wide as the longest label of the language. */
	for (i = 0, w = 0; i < MLPS_ST_COUNT; i++)
		if ((k = (int)mlps_utf8_width(mlps_status_label((enum mlps_status)i, t->lang))) > w)
			w = k;
	col_risk = col_status + w + 2;
	for (i = 0, w = 0; i < MLPS_RISK_COUNT; i++)
		if ((k = (int)mlps_utf8_width(mlps_risk_label((enum mlps_risk)i, t->lang))) > w)
			w = k;
	col_text = col_risk + w + 2;
	/* High-risk: a scenario applies, mitigated or not, as in every other view. */
	for (i = 0; i < n; i++)
		count += (mlps_score_finding(sm->score, i)->scenario != NULL) == high;
	doc_line(d, -1);
	doc_line(d, -1);
	if (high) {
		struct strbuf c = STRBUF_INIT;

		mlps_summary_high_count(&c, sm->score, t->lang);
		strbuf_addf(&sb, TR(t, "高风险项 %s", "High-risk findings: %s"), c.buf);
		strbuf_release(&c);
	} else {
		strbuf_addf(&sb, TR(t, "其他差距（%zu）", "Other gaps (%zu)"), count);
	}
	doc_seg(d, 0, high && count ? STYLE_GAP : STYLE_HEADING, sb.buf);
	if (!count)
		doc_wrap(d, 2, STYLE_DIM, TR(t, "无", "none"), -1);
	for (i = 0; i < n; i++) {
		const struct mlps_finding *f = mlps_score_finding(sm->score, i);

		if ((f->scenario != NULL) != high)
			continue;
		strbuf_reset(&sb);
		if (f->scenario)
			strbuf_addf(&sb, "%s %s", f->scenario->id, mlps_text_get(&f->scenario->title, t->lang));
		else
			strbuf_adds(&sb, mlps_text_get(mlps_req_text(f->req, sm->a->level), t->lang));
		doc_line(d, (long)i);
		doc_seg(d, 2, STYLE_ID, f->req->ids[sm->a->level]);
		doc_seg(d, col_status, crt_status_style(f->ans->status), mlps_status_label(f->ans->status, t->lang));
		doc_seg(d, col_risk, f->risk == MLPS_RISK_HIGH ? STYLE_HIGH_RISK : STYLE_NORMAL,
			mlps_risk_label(f->risk, t->lang));
		doc_seg(d, col_text, STYLE_NORMAL, sb.buf);
	}
	strbuf_release(&sb);
}

static void open_items(struct summary *sm, struct tui *t)
{
	const struct mlps_tally *tl = mlps_score_level(sm->score, sm->a->level);
	struct strbuf sb = STRBUF_INIT;

	doc_line(&sm->doc, -1);
	doc_line(&sm->doc, -1);
	strbuf_addf(&sb, TR(t, "未答 %d 项 · 待确认 %d 项 · 不适用 %d 项", "%d unanswered · %d to confirm · %d not applicable"),
		    tl->n[MLPS_ST_UNANSWERED], tl->n[MLPS_ST_TODO] + mlps_score_unconfirmed(sm->score), tl->n[MLPS_ST_NA]);
	doc_seg(&sm->doc, 0, STYLE_DIM, sb.buf);
	strbuf_release(&sb);
}

/* `e`: the composite's deductions as `mlps score --explain` lists them, already wrapped. */
static void deductions(struct summary *sm, struct tui *t)
{
	struct strbuf sb = STRBUF_INIT;
	char *line, *next;

	doc_line(&sm->doc, -1);
	doc_line(&sm->doc, -1);
	doc_seg(&sm->doc, 0, STYLE_HEADING, TR(t, "扣分明细（从大到小）", "Deductions, largest first"));
	mlps_summary_deductions(&sb, t->cat, sm->a, sm->score, t->lang, (size_t)sm->doc.width);
	for (line = sb.buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		doc_line(&sm->doc, -1);
		doc_seg(&sm->doc, 0, STYLE_NORMAL, line);
	}
	strbuf_release(&sb);
}

static void build(struct summary *sm, struct tui *t)
{
	doc_clear(&sm->doc);
	if (!sm->score) {
		doc_line(&sm->doc, -1);
		doc_seg(&sm->doc, 0, STYLE_ERROR, TR(t, "无法计算得分。", "The score cannot be computed."));
		return;
	}
	/* What caps the verdict comes right after the table, where an 80x24 screen still shows it. */
	level_table(sm, t);
	findings(sm, t, true);
	verdicts(sm, t);
	categories(sm, t);
	findings(sm, t, false);
	open_items(sm, t);
	if (sm->explain)
		deductions(sm, t);
	sm->stale = false;
}

static void layout(struct screen *s, struct tui *t)
{
	struct summary *sm = (struct summary *)s;

	(void)t;
	if (sm->w)
		delwin(sm->w);
	sm->w = newwin(tui_body_height(), COLS - 2, tui_body_top(), 1);
	doc_release(&sm->doc);
	doc_init(&sm->doc, COLS - 3);
	sm->stale = true;
	s->dirty = true;
}

static void reload(struct summary *sm, struct tui *t)
{
	mlps_score_free(sm->score);
	mlps_assessment_free(sm->a);
	sm->score = NULL;
	sm->a = tui_load(t, sm->id);
	if (sm->a)
		sm->score = tui_score(t, sm->a);
	sm->sel = sm->score && mlps_score_n_findings(sm->score) ? 0 : -1;
	sm->follow = false;
	sm->stale = true;
}

static void enter(struct screen *s, struct tui *t)
{
	layout(s, t);
	reload((struct summary *)s, t);
}

static void sync_screen(struct screen *s, struct tui *t)
{
	reload((struct summary *)s, t);
}

static void leave(struct screen *s, struct tui *t)
{
	struct summary *sm = (struct summary *)s;

	(void)t;
	if (sm->w)
		delwin(sm->w);
	sm->w = NULL;
}

static void draw(struct screen *s, struct tui *t)
{
	struct summary *sm = (struct summary *)s;
	int h = getmaxy(sm->w);

	if (!s->dirty)
		return;
	s->dirty = false;
	/* The doc must exist for the window first when the screen was just laid out. */
	if (sm->stale && sm->a)
		build(sm, t);
	if (sm->sel >= 0) {
		size_t line = doc_find_tag(&sm->doc, sm->sel), i;

		for (i = 0; i < sm->doc.n; i++) {
			size_t j;

			for (j = 0; j < sm->doc.lines[i].n; j++)
				if (sm->doc.lines[i].segs[j].style == STYLE_CURSOR)
					sm->doc.lines[i].segs[j].style = STYLE_ID;
		}
		if (line < sm->doc.n) {
			if (sm->doc.lines[line].n)
				sm->doc.lines[line].segs[0].style = STYLE_CURSOR;
		}
		if (line < sm->doc.n && sm->follow) {
			if (line < sm->top)
				sm->top = line;
			if (line >= sm->top + (size_t)h)
				sm->top = line - (size_t)h + 1;
		}
	}
	if (sm->top + (size_t)h > sm->doc.n)
		sm->top = sm->doc.n > (size_t)h ? sm->doc.n - (size_t)h : 0;
	doc_draw(&sm->doc, sm->w, sm->top);
	wnoutrefresh(sm->w);
}

static void title(struct screen *s, struct tui *t, struct strbuf *left, struct strbuf *right)
{
	struct summary *sm = (struct summary *)s;

	if (!sm->a)
		return;
	strbuf_addf(left, TR(t, "汇总 · #%lld %s ", "Summary · #%lld %s "), sm->id, sm->a->sys.name);
	tui_notation(left, sm->a);
	strbuf_addf(right, TR(t, "第%d级", "level %d"), sm->a->level);
}

static unsigned request(struct screen *s, struct tui *t, enum request req)
{
	struct summary *sm = (struct summary *)s;
	long n = sm->score ? (long)mlps_score_n_findings(sm->score) : 0;
	int page = getmaxy(sm->w) - 2;

	s->dirty = true;
	switch (req) {
	case REQ_BACK:
		return SCR_BACK;
	case REQ_EXPORT:
		tui_export(t, sm->id);
		return SCR_OK;
	case REQ_EXPLAIN:
		sm->explain = !sm->explain;
		sm->stale = true;
		return SCR_OK;
	case REQ_DOWN:
		/* j/k walk the gaps (the view follows); past the last one they scroll. */
		if (n && sm->sel + 1 < n && sm->follow)
			sm->sel++;
		else if (n && !sm->follow)
			sm->follow = true;
		else
			sm->top++;
		return SCR_OK;
	case REQ_UP:
		if (n && sm->sel > 0 && sm->follow)
			sm->sel--;
		else if (sm->top > 0)
			sm->top--;
		return SCR_OK;
	case REQ_PAGE_DOWN:
		sm->follow = false;
		sm->top += (size_t)(page > 1 ? page : 1);
		return SCR_OK;
	case REQ_PAGE_UP:
		sm->follow = false;
		sm->top = sm->top > (size_t)page ? sm->top - (size_t)page : 0;
		return SCR_OK;
	case REQ_FIRST:
		sm->follow = false;
		sm->top = 0;
		return SCR_OK;
	case REQ_LAST:
		sm->follow = false;
		sm->top = sm->doc.n;
		return SCR_OK;
	case REQ_ENTER:
		if (sm->sel < 0 || sm->sel >= n) {
			tui_message(t, STYLE_DIM, "%s", TR(t, "没有差距项可转到。", "There is no gap to go to."));
			return SCR_OK;
		}
		free(t->jump_key);
		t->jump_key = mlps_strdup(mlps_score_finding(sm->score, (size_t)sm->sel)->req->key);
		/* Back to the questionnaire it came from, or a new one in the summary's place. */
		if (t->depth >= 2 && t->stack[t->depth - 2]->ops->scope == KS_QUESTIONNAIRE)
			return SCR_BACK;
		t->next = questionnaire_screen_new(t, sm->id);
		if (!t->next) {
			free(t->jump_key);
			t->jump_key = NULL;
			return SCR_OK;
		}
		return SCR_REPLACE;
	default:
		return SCR_OK;
	}
}

static void free_screen(struct screen *s)
{
	struct summary *sm = (struct summary *)s;

	if (sm->w)
		delwin(sm->w);
	doc_release(&sm->doc);
	mlps_score_free(sm->score);
	mlps_assessment_free(sm->a);
	free(sm);
}

static const struct screen_ops summary_ops = {
	.scope = KS_SUMMARY,
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.draw = draw,
	.request = request,
	.sync = sync_screen,
	.title = title,
	.free = free_screen,
};

struct screen *summary_screen_new(struct tui *t, long long id)
{
	struct summary *sm = mlps_calloc(1, sizeof(*sm));

	(void)t;
	sm->base.ops = &summary_ops;
	sm->id = id;
	sm->sel = -1;
	doc_init(&sm->doc, 76);
	return &sm->base;
}
