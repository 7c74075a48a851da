/*
 * home.c - the first screen: every system and its assessments, with level,
 * date, progress, score, verdict and when the next evaluation is due.
 * From here an assessment is created, opened, summarised, exported,
 * re-audited or deleted.
 *
 * The list is read again from the store every time Home comes back to the
 * top, so what it shows is what the database holds.
 */
#include <stdlib.h>
#include <string.h>

#include "localtime.h"
#include "dialog.h"
#include "grading.h"
#include "reaudit.h"
#include "screen.h"
#include "utf8.h"

struct item {
	long long id, parent;
	char *system, *org;
	int level;
	char notation[16];
	char date[11];
	char next_due[11];          /* "" when the level has no fixed cycle */
	int done, total;
	double score;
	const struct mlps_band *verdict;    /* first rule's band at the target level; borrowed from the catalogue */
	enum mlps_astatus status;
	int unconfirmed;
	bool first_of_system;       /* a system heading goes above it */
};

struct home {
	struct screen base;
	struct item *items;
	size_t n, alloc;
	size_t sel, top;            /* selected item; first visible line */
	WINDOW *w;
};

/* Column positions of the assessment lines. */
enum { COL_ID = 2, COL_NOTATION = 8, COL_DATE = 17, COL_PROGRESS = 28, COL_SCORE = 41, COL_VERDICT = 47,
       COL_EXTRA = 57 };

static void clear_items(struct home *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->items[i].system);
		free(h->items[i].org);
	}
	h->n = 0;
}

static bool same_system(const struct item *a, const struct item *b)
{
	return !strcmp(a->system, b->system) && !strcmp(a->org ? a->org : "", b->org ? b->org : "");
}

static int by_system(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	int c = strcmp(a->system, b->system);

	if (!c)
		c = strcmp(a->org ? a->org : "", b->org ? b->org : "");
	if (!c)
		c = a->id < b->id ? -1 : a->id > b->id;
	return c;
}

/* Reads every assessment and scores it; keeps the selection on the same assessment. */
static void reload(struct home *h, struct tui *t)
{
	struct mlps_store_row *rows = NULL;
	const struct mlps_rules *rules;
	struct mlps_error err;
	long long keep = h->n && h->sel < h->n ? h->items[h->sel].id : 0;
	size_t n = 0, i;

	if (t->current_id)
		keep = t->current_id;
	clear_items(h);
	mlps_error_init(&err);
	if (mlps_store_list(t->st, &rows, &n, &err)) {
		tui_error(t, &err);
		mlps_error_release(&err);
		return;
	}
	/* One summary row per assessment: Home does not rescore (mlps_store_list() fills stale ones). */
	rules = mlps_catalog_rules(t->cat);
	for (i = 0; i < n; i++) {
		const struct mlps_store_row *r = &rows[i];
		struct strbuf sb = STRBUF_INIT;
		struct item *it;

		mlps_grow((void **)&h->items, &h->alloc, h->n + 1, sizeof(*h->items));
		it = &h->items[h->n++];
		memset(it, 0, sizeof(*it));
		it->id = r->id;
		it->parent = r->parent;
		it->system = mlps_strdup(r->system);
		it->org = r->org && *r->org ? mlps_strdup(r->org) : NULL;
		it->level = r->level;
		mlps_grade_notation(&sb, r->s_level, r->a_level, r->level);
		snprintf(it->notation, sizeof(it->notation), "%s", sb.buf);
		mlps_local_date(it->date, r->created);
		if (mlps_next_evaluation(r->level, it->date, it->next_due))
			it->next_due[0] = '\0';
		/* Progress as every view counts it (mlps_score_progress), as the summary holds it. */
		it->total = r->sum.in_scope;
		it->done = r->sum.decided;
		it->score = r->sum.score;
		if (rules && r->sum.primary >= 0)
			it->verdict = &rules->verdicts[rules->primary].bands[r->sum.primary];
		it->status = r->status;
		it->unconfirmed = r->sum.unconfirmed;
		strbuf_release(&sb);
	}
	mlps_store_rows_free(rows, n);
	mlps_error_release(&err);
	/* Systems together, each one's assessments oldest first. */
	if (h->n > 1)
		qsort(h->items, h->n, sizeof(*h->items), by_system);
	for (i = 0; i < h->n; i++)
		h->items[i].first_of_system = i == 0 || !same_system(&h->items[i - 1], &h->items[i]);
	h->sel = 0;
	for (i = 0; i < h->n; i++)
		if (h->items[i].id == keep)
			h->sel = i;
	h->base.dirty = true;
}

static void layout(struct screen *s, struct tui *t)
{
	struct home *h = (struct home *)s;

	(void)t;
	if (h->w)
		delwin(h->w);
	h->w = newwin(tui_body_height(), COLS, tui_body_top(), 0);
	s->dirty = true;
}

static void enter(struct screen *s, struct tui *t)
{
	layout(s, t);
	reload((struct home *)s, t);
}

static void sync_screen(struct screen *s, struct tui *t)
{
	reload((struct home *)s, t);
}

static void leave(struct screen *s, struct tui *t)
{
	struct home *h = (struct home *)s;

	(void)t;
	if (h->w)
		delwin(h->w);
	h->w = NULL;
}

/* The display line of each item: its heading line (if any) comes just before. */
static size_t line_of(const struct home *h, size_t item)
{
	size_t i, line = 0;

	for (i = 0; i <= item && i < h->n; i++) {
		if (h->items[i].first_of_system)
			line += i ? 2 : 1;
		if (i < item)
			line++;
	}
	return line;
}

static void draw_item(struct home *h, struct tui *t, int y, const struct item *it, bool selected)
{
	struct strbuf sb = STRBUF_INIT;
	enum crt_style st = selected ? STYLE_CURSOR : STYLE_NORMAL;
	int w = getmaxx(h->w);

	crt_fill(h->w, y, 0, w, st);
	strbuf_addf(&sb, "#%lld", it->id);
	crt_put(h->w, y, COL_ID, 6, selected ? st : STYLE_ID, sb.buf);
	crt_put(h->w, y, COL_NOTATION, 8, st, it->notation);
	crt_put(h->w, y, COL_DATE, 11, st, it->date);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%d/%d %3d%%", it->done, it->total, it->total ? it->done * 100 / it->total : 0);
	crt_put(h->w, y, COL_PROGRESS, COL_SCORE - COL_PROGRESS - 1, selected ? st : it->done == it->total ? STYLE_COMPLIANT : STYLE_NORMAL,
		sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%5.1f", it->score);
	crt_put(h->w, y, COL_SCORE, 5, st, sb.buf);
	if (it->verdict)
		crt_put(h->w, y, COL_VERDICT, 10, st, mlps_text_get(&it->verdict->label, t->lang));
	strbuf_reset(&sb);
	if (it->status == MLPS_FINAL)
		strbuf_adds(&sb, TR(t, "定稿 ", "final "));
	/* What is left to confirm matters more than whose re-audit it is: it comes first. */
	if (it->unconfirmed)
		strbuf_addf(&sb, TR(t, "已结转待确认 %d ", "%d carried, to confirm "), it->unconfirmed);
	if (it->parent)
		strbuf_addf(&sb, TR(t, "复评自 #%lld", "of #%lld"), it->parent);
	crt_put(h->w, y, COL_EXTRA, w - COL_EXTRA - 1, selected ? st : STYLE_TODO, sb.buf);
	strbuf_release(&sb);
}

static void draw_heading(struct home *h, struct tui *t, int y, const struct item *it)
{
	struct strbuf sb = STRBUF_INIT;
	const struct item *last = it;
	int w = getmaxx(h->w);

	/* The next evaluation follows from the system's latest assessment. */
	while (last + 1 < h->items + h->n && same_system(last, last + 1))
		last++;
	strbuf_adds(&sb, it->system);
	if (it->org)
		strbuf_addf(&sb, " · %s", it->org);
	crt_put(h->w, y, 1, w - 30, STYLE_HEADING, sb.buf);
	strbuf_reset(&sb);
	if (last->next_due[0])
		strbuf_addf(&sb, TR(t, "下次测评 %s", "next evaluation %s"), last->next_due);
	else
		strbuf_adds(&sb, TR(t, "无固定测评周期", "no fixed evaluation cycle"));
	crt_put_right(h->w, y, w - 30, 29, STYLE_DIM, sb.buf);
	strbuf_release(&sb);
}

static void draw_empty(struct home *h, struct tui *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *line;
	int y = 2, w = getmaxx(h->w);

	mlps_utf8_wrap(&sb,
		       TR(t, "还没有评估。\n\n按 n 新建评估：填写系统名称和单位，直接输入级别或用定级向导"
			     "（GB/T 22240）确定，再选扩展要求。之后逐项作答，每个答案都会立即保存。\n\n"
			     "按 ? 查看全部按键，L 切换到 English，q 退出。",
			  "No assessments yet.\n\nPress n to create one: name the system and its organisation, "
			  "type the level or find it with the grading wizard (GB/T 22240), pick the extensions. "
			  "Then answer item by item; every answer is saved the moment you give it.\n\n"
			  "Press ? for every key, L for 中文, q to quit."),
		       (size_t)(w - 8 > 20 ? w - 8 : 20), 0, 0);
	for (line = sb.buf; *line && y < getmaxy(h->w); y++) {
		size_t len = strcspn(line, "\n");
		char *copy = mlps_strndup(line, len);

		crt_put(h->w, y, 4, w - 8, y == 2 ? STYLE_HEADING : STYLE_NORMAL, copy);
		free(copy);
		line += len;
		if (*line == '\n')
			line++;
	}
	strbuf_release(&sb);
}

static void draw(struct screen *s, struct tui *t)
{
	struct home *h = (struct home *)s;
	int rows = getmaxy(h->w), y;
	size_t i, line, sel_line;

	if (!s->dirty)
		return;
	s->dirty = false;
	werase(h->w);
	if (!h->n) {
		draw_empty(h, t);
		wnoutrefresh(h->w);
		return;
	}
	/* Column heads on the first line; the list scrolls below them. */
	crt_put(h->w, 0, COL_ID, 6, STYLE_DIM, TR(t, "编号", "no."));
	crt_put(h->w, 0, COL_NOTATION, 8, STYLE_DIM, TR(t, "定级", "grade"));
	crt_put(h->w, 0, COL_DATE, 11, STYLE_DIM, TR(t, "创建日期", "created"));
	crt_put(h->w, 0, COL_PROGRESS, 12, STYLE_DIM, TR(t, "进度", "progress"));
	crt_put(h->w, 0, COL_SCORE, 5, STYLE_DIM, TR(t, " 得分", "score"));
	crt_put(h->w, 0, COL_VERDICT, 10, STYLE_DIM, TR(t, "结论", "verdict"));
	rows--;
	sel_line = line_of(h, h->sel);
	/* Keep the system heading of the selection in view too. */
	if (h->items[h->sel].first_of_system && sel_line > 0 && sel_line - 1 < h->top)
		h->top = sel_line - 1;
	if (sel_line < h->top)
		h->top = sel_line;
	if (sel_line >= h->top + (size_t)rows)
		h->top = sel_line - (size_t)rows + 1;
	for (i = 0, line = 0; i < h->n; i++) {
		if (h->items[i].first_of_system) {
			if (i)
				line++;
			if (line >= h->top && line < h->top + (size_t)rows)
				draw_heading(h, t, 1 + (int)(line - h->top), &h->items[i]);
			line++;
		}
		y = 1 + (int)(line - h->top);
		if (line >= h->top && line < h->top + (size_t)rows)
			draw_item(h, t, y, &h->items[i], i == h->sel);
		line++;
	}
	wnoutrefresh(h->w);
}

static void title(struct screen *s, struct tui *t, struct strbuf *left, struct strbuf *right)
{
	struct home *h = (struct home *)s;

	strbuf_adds(left, TR(t, "等级保护 2.0 自评估 · 评估列表", "MLPS 2.0 self-assessment · assessments"));
	strbuf_addf(right, TR(t, "%zu 个评估", "%zu assessments"), h->n);
}

static unsigned reaudit(struct home *h, struct tui *t)
{
	const struct item *it = &h->items[h->sel];
	struct mlps_assessment *old, *next;
	struct mlps_reaudit_stats stats;
	struct mlps_error err;
	struct strbuf q = STRBUF_INIT;
	bool yes;

	strbuf_addf(&q, TR(t, "以 #%lld（%s，第%d级）为基础开始复评？答案会沿用并标为待确认；要求措辞有变化的项从未答开始。",
			   "Start a re-audit from #%lld (%s, level %d)? Answers are carried over and marked to "
			   "confirm; items whose wording changed start unanswered."),
		    it->id, it->system, it->level);
	yes = dialog_confirm(t, TR(t, "复评", "Re-audit"), q.buf);
	strbuf_release(&q);
	if (!yes)
		return SCR_OK;
	old = tui_load(t, it->id);
	if (!old)
		return SCR_OK;
	mlps_error_init(&err);
	next = mlps_reaudit_prepare(t->cat, old, old->level, old->ext, &stats);
	if (mlps_store_insert(t->st, next, &err)) {
		tui_error(t, &err);
	} else {
		tui_message(t, STYLE_DONE,
			    TR(t, "复评 #%lld：沿用 %d 条（待确认），%d 条因措辞变化未沿用，%d 条不在范围内",
			       "re-audit #%lld: %d answers carried (to confirm), %d not carried (wording changed), %d out of scope"),
			    next->id, stats.carried, stats.changed, stats.out_of_scope);
		t->current_id = next->id;
		t->next = questionnaire_screen_new(t, next->id);
	}
	mlps_error_release(&err);
	mlps_assessment_free(next);
	mlps_assessment_free(old);
	return t->next ? SCR_PUSH : SCR_OK;
}

static unsigned delete_selected(struct home *h, struct tui *t)
{
	const struct item *it = &h->items[h->sel];
	struct strbuf q = STRBUF_INIT;
	struct mlps_error err;
	long long id = it->id;

	strbuf_addf(&q, TR(t, "删除评估 #%lld（%s，%d/%d 已答）及其全部答案和修改记录？此操作不能撤销。",
			   "Delete assessment #%lld (%s, %d/%d done) with all its answers and history? This cannot "
			   "be undone."),
		    id, it->system, it->done, it->total);
	if (dialog_confirm(t, TR(t, "删除评估", "Delete assessment"), q.buf)) {
		mlps_error_init(&err);
		if (mlps_store_delete(t->st, id, &err)) {
			tui_error(t, &err);
		} else {
			tui_message(t, STYLE_DONE, TR(t, "评估 #%lld 已删除", "assessment #%lld deleted"), id);
			if (t->current_id == id)
				t->current_id = 0;
			reload(h, t);
			if (h->sel >= h->n && h->n)
				h->sel = h->n - 1;
		}
		mlps_error_release(&err);
	}
	strbuf_release(&q);
	tui_frame_dirty(t);
	return SCR_OK;
}

static unsigned request(struct screen *s, struct tui *t, enum request req)
{
	struct home *h = (struct home *)s;
	int page = getmaxy(h->w) / 2;
	long long id = h->n ? h->items[h->sel].id : 0;

	switch (req) {
	case REQ_BACK:
		return SCR_QUIT;
	case REQ_NEW:
		t->next = wizard_screen_new(t);
		return SCR_PUSH;
	default:
		break;
	}
	if (!h->n) {
		tui_message(t, STYLE_DIM, "%s", TR(t, "还没有评估：按 n 新建。", "No assessments yet: press n to create one."));
		return SCR_OK;
	}
	switch (req) {
	case REQ_DOWN:
		if (h->sel + 1 < h->n)
			h->sel++;
		break;
	case REQ_UP:
		if (h->sel > 0)
			h->sel--;
		break;
	case REQ_PAGE_DOWN:
		h->sel = h->sel + (size_t)page < h->n ? h->sel + (size_t)page : h->n - 1;
		break;
	case REQ_PAGE_UP:
		h->sel = h->sel > (size_t)page ? h->sel - (size_t)page : 0;
		break;
	case REQ_FIRST:
		h->sel = 0;
		break;
	case REQ_LAST:
		h->sel = h->n - 1;
		break;
	case REQ_OPEN:
		t->current_id = id;
		t->next = questionnaire_screen_new(t, id);
		return SCR_PUSH;
	case REQ_SUMMARY:
		t->current_id = id;
		t->next = summary_screen_new(t, id);
		return SCR_PUSH;
	case REQ_EXPORT:
		tui_export(t, id);
		break;
	case REQ_REAUDIT:
		return reaudit(h, t);
	case REQ_DELETE:
		return delete_selected(h, t);
	case REQ_EDIT:
		t->current_id = id;
		t->next = wizard_edit_screen_new(t, id);
		return t->next ? SCR_PUSH : SCR_OK;
	case REQ_FINALISE:
		tui_finalise(t, id);
		reload(h, t);
		break;
	default:
		return SCR_OK;
	}
	s->dirty = true;
	return SCR_OK;
}

static void free_screen(struct screen *s)
{
	struct home *h = (struct home *)s;

	if (h->w)
		delwin(h->w);
	clear_items(h);
	free(h->items);
	free(h);
}

static const struct screen_ops home_ops = {
	.scope = KS_HOME,
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.draw = draw,
	.request = request,
	.sync = sync_screen,
	.title = title,
	.free = free_screen,
};

struct screen *home_screen_new(struct tui *t)
{
	struct home *h = mlps_calloc(1, sizeof(*h));

	(void)t;
	h->base.ops = &home_ops;
	return &h->base;
}
