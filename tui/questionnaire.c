/*
 * questionnaire.c - the screen where an assessment is answered.
 *
 * Left, the tree: every category in scope with decided/total, the current
 * one opened to its control points. Right, the current requirement: ID at
 * the target level, importance and methods, control point, text, the
 * answer with note, evidence, risk and plan, then the high-risk scenario,
 * guidance and remediation hint.
 *
 * An item answered on several objects (测评对象: servers, databases ...)
 * lists them under its text, each with its answer; the answer keys act on
 * the highlighted object and move to the next unanswered object of the
 * item, then to the next item. An item with one object reads as if there
 * were no objects. Walking one object (O) keeps to the items answered on
 * it, the way an evaluator works through one machine.
 *
 * One key answers and moves to the next item that passes the filter. Every
 * answer and edit goes through tui_save_answer() the moment it is made;
 * nothing is kept only on screen. The score is recomputed after each save
 * (it is cheap, and it gives the tree and title their counts), which also
 * keeps every pointer into the assessment's answers fresh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "localtime.h"
#include "dialog.h"
#include "doc.h"
#include "screen.h"
#include "utf8.h"

enum filter { FILTER_ALL = 0, FILTER_UNANSWERED, FILTER_GAPS, FILTER_TODO, FILTER_HIGH_RISK, FILTER_COUNT };

static const char *const filter_labels[FILTER_COUNT][2] = {
	{ "全部", "all" },
	{ "未答", "unanswered" },
	{ "差距（部分符合、不符合）", "gaps (partial, noncompliant)" },
	{ "待确认（含复评沿用的答案）", "to confirm (and carried answers)" },
	{ "关联高风险场景", "linked to a high-risk scenario" },
};

static const char *const importance_labels[MLPS_IMP_COUNT][2] = {
	{ "关键", "key" },
	{ "重要", "important" },
	{ "一般", "general" },
};

static const char *const plan_labels[MLPS_PLAN_COUNT][2] = {
	{ "无", "none" },
	{ "待整改", "open" },
	{ "整改中", "in progress" },
	{ "已完成", "done" },
};

/* Extension tags: control points of an extension often share a general one's name. */
static const char *const ext_tags[MLPS_EXT_COUNT][2] = {
	{ "", "" },
	{ "云", "cloud" },
	{ "移动", "mobile" },
	{ "物联", "IoT" },
	{ "工控", "ICS" },
};

static const char *const ext_names[MLPS_EXT_COUNT][2] = {
	{ "", "" },
	{ "云计算扩展要求", "cloud extension" },
	{ "移动互联扩展要求", "mobile extension" },
	{ "物联网扩展要求", "IoT extension" },
	{ "工业控制扩展要求", "industrial control extension" },
};

/* Where answer fields start, after their label. */
#define LABEL_COL 12
#define NONE SIZE_MAX

struct tree_row {
	const struct mlps_category *cat;
	const struct mlps_control_point *cp;    /* NULL on a category row */
	size_t item;                            /* an item row (its objects' progress): its index, else NONE */
};

struct questionnaire {
	struct screen base;
	const struct mlps_catalog *cat;
	long long id;
	struct mlps_assessment *a;              /* owned */
	struct mlps_score *score;               /* owned; recomputed after every save */
	const struct mlps_requirement **reqs;   /* in scope at the target level, catalogue order */
	const struct mlps_scenario **scenario;  /* per item: a high-risk scenario mapped to it, or NULL */
	size_t n, cur;
	const struct mlps_object **objs;        /* the current item's objects, into a->objects */
	size_t n_objs, objs_alloc;
	size_t obj;                             /* the highlighted one: the answer keys act on it */
	char *only;                             /* walking one object: its name (owned); NULL: all */
	struct mlps_assessment *parent;         /* last year's, for a re-audit (owned); NULL otherwise */
	enum filter filter;
	bool tree_focus;
	struct tree_row *rows;
	size_t n_rows, rows_alloc;
	size_t tree_cur;                        /* the selected row while the tree has focus */
	size_t tree_top;
	struct doc detail;
	size_t detail_top;
	char *last_search;
	WINDOW *wtree, *wsep, *wdetail;
	int tree_width;
	bool dirty_tree, dirty_detail;
	bool stale;                             /* the detail must be laid out again */
	bool reload;                            /* the assessment was edited: load it again on enter */
	/* A note or evidence that could not be saved (the database was unreachable): offered again. */
	struct {
		char *key, *object, *text;
		bool evidence;
	} draft;
};

static void draft_clear(struct questionnaire *q)
{
	free(q->draft.key);
	free(q->draft.object);
	free(q->draft.text);
	memset(&q->draft, 0, sizeof(q->draft));
}

/* The unsaved text for this field of (key, object), or NULL. */
static const char *draft_for(const struct questionnaire *q, const char *key, const char *object, bool evidence)
{
	if (!q->draft.text || q->draft.evidence != evidence || strcmp(q->draft.key, key) ||
	    strcmp(q->draft.object ? q->draft.object : "", object ? object : ""))
		return NULL;
	return q->draft.text;
}

/* The object the answer keys act on (NULL only when the item has none). */
static const struct mlps_object *cur_object(const struct questionnaire *q)
{
	return q->obj < q->n_objs ? q->objs[q->obj] : NULL;
}

/* The answer of item i on an object, or NULL. */
static const struct mlps_answer *answer_on(const struct questionnaire *q, size_t i, const struct mlps_object *o)
{
	return o ? mlps_assessment_answer(q->a, q->reqs[i]->key, o->name) : NULL;
}

static enum mlps_status status_on(const struct questionnaire *q, size_t i, const struct mlps_object *o)
{
	const struct mlps_answer *ans = answer_on(q, i, o);

	return ans ? ans->status : MLPS_ST_UNANSWERED;
}

/* The current item's answer on the highlighted object: what the edit keys change. */
static const struct mlps_answer *answer_of(const struct questionnaire *q)
{
	return answer_on(q, q->cur, cur_object(q));
}

/* The object being walked, or NULL. */
static const struct mlps_object *only_object(const struct questionnaire *q)
{
	return q->only ? mlps_assessment_find_object(q->a, q->only) : NULL;
}

/*
 * Whether item i passes filter f. Walking one object, only items answered
 * on it pass, by its answer; otherwise an item passes when any of its
 * objects does (an item is unanswered while one object is), so the counts
 * agree with the score's results.
 */
static bool matches(const struct questionnaire *q, size_t i, enum filter f)
{
	const struct mlps_result *res;
	const struct mlps_answer *ans;
	enum mlps_status st;

	if (q->only) {
		const struct mlps_object *o = only_object(q);

		if (!o || !mlps_assessment_req_on(q->cat, q->a, q->reqs[i], o))
			return false;
		ans = answer_on(q, i, o);
		st = ans ? ans->status : MLPS_ST_UNANSWERED;
		switch (f) {
		case FILTER_UNANSWERED:
			return st == MLPS_ST_UNANSWERED;
		case FILTER_GAPS:
			return st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT;
		case FILTER_TODO:
			return st == MLPS_ST_TODO || (ans && ans->to_confirm);
		case FILTER_HIGH_RISK:
			return q->scenario[i] != NULL;
		default:
			return true;
		}
	}
	res = q->score ? mlps_score_result(q->score, q->reqs[i]) : NULL;
	if (!res)
		return f == FILTER_ALL || (f == FILTER_HIGH_RISK && q->scenario[i]);
	switch (f) {
	case FILTER_UNANSWERED:
		return res->n[MLPS_ST_UNANSWERED] > 0;
	case FILTER_GAPS:
		return res->n[MLPS_ST_PARTIAL] + res->n[MLPS_ST_NONCOMPLIANT] > 0;
	case FILTER_TODO:
		return res->n[MLPS_ST_TODO] > 0 || res->to_confirm > 0;
	case FILTER_HIGH_RISK:
		return q->scenario[i] != NULL;
	default:
		return true;
	}
}

static size_t count_matching(const struct questionnaire *q, enum filter f)
{
	size_t i, n = 0;

	for (i = 0; i < q->n; i++)
		n += matches(q, i, f);
	return n;
}

/* The next item after `from` (before it when dir < 0) passing filter f; NONE at the end. */
static size_t step(const struct questionnaire *q, size_t from, int dir, enum filter f)
{
	size_t i = from;

	for (;;) {
		if (dir > 0 ? i + 1 >= q->n : i == 0)
			return NONE;
		i = dir > 0 ? i + 1 : i - 1;
		if (matches(q, i, f))
			return i;
	}
}

/* The first item at or after `from`, wrapping round, passing filter f; NONE when none does. */
static size_t find_wrapping(const struct questionnaire *q, size_t from, enum filter f)
{
	size_t k;

	for (k = 0; k < q->n; k++) {
		size_t i = (from + k) % q->n;

		if (matches(q, i, f))
			return i;
	}
	return NONE;
}

static size_t index_of_key(const struct questionnaire *q, const char *key)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		if (!strcmp(q->reqs[i]->key, key))
			return i;
	return NONE;
}

/* Decided: everything but unanswered and to confirm. */
static int done_of(const struct mlps_tally *tl)
{
	return tl->total - tl->n[MLPS_ST_UNANSWERED] - tl->n[MLPS_ST_TODO];
}

static void all_dirty(struct questionnaire *q)
{
	q->dirty_tree = true;
	q->dirty_detail = true;
	q->stale = true;
}

/* The first object of the current item from `from` on without an answer, or NONE. */
static size_t unanswered_object(const struct questionnaire *q, size_t from)
{
	size_t k;

	for (k = from; k < q->n_objs; k++)
		if (status_on(q, q->cur, q->objs[k]) == MLPS_ST_UNANSWERED)
			return k;
	return NONE;
}

/*
 * Fills q->objs with the current item's objects and highlights `keep` (a
 * name) when it is among them; else the walked object, else the first
 * unanswered one, else the first.
 */
static void load_objects(struct questionnaire *q, const char *keep)
{
	size_t k;

	mlps_grow((void **)&q->objs, &q->objs_alloc, q->a->n_objects ? q->a->n_objects : 1, sizeof(*q->objs));
	q->n_objs = q->n ? mlps_assessment_req_objects(q->cat, q->a, q->reqs[q->cur], q->objs) : 0;
	if (!keep)
		keep = q->only;
	for (k = 0; keep && k < q->n_objs; k++)
		if (!strcmp(q->objs[k]->name, keep)) {
			q->obj = k;
			return;
		}
	q->obj = unanswered_object(q, 0);
	if (q->obj == NONE)
		q->obj = 0;
}

static void rescore(struct questionnaire *q, struct tui *t)
{
	mlps_score_free(q->score);
	q->score = tui_score(t, q->a);
	all_dirty(q);
	tui_frame_dirty(t);
}

/* Makes item i current: the detail starts from its top and the tree follows. */
static void go(struct questionnaire *q, struct tui *t, size_t i)
{
	if (i == NONE || i >= q->n || i == q->cur)
		return;
	/* The tree only changes when the control point does (or while it has the cursor). */
	if (q->reqs[i]->cp != q->reqs[q->cur]->cp || q->tree_focus)
		q->dirty_tree = true;
	q->cur = i;
	load_objects(q, NULL);
	q->detail_top = 0;
	q->dirty_detail = true;
	q->stale = true;
	tui_frame_dirty(t);
}

/* Tree */

static const struct mlps_tally *cat_tally(const struct questionnaire *q, const struct mlps_category *c)
{
	return mlps_score_category(q->score, q->a->level, c->index);
}

static const struct mlps_tally *cp_tally(const struct questionnaire *q, const struct mlps_control_point *cp)
{
	return mlps_score_control_point(q->score, q->a->level, cp->index);
}

static int n_objects_of(const struct questionnaire *q, size_t i)
{
	const struct mlps_result *res = mlps_score_result(q->score, q->reqs[i]);

	return res ? res->n_objects : 0;
}

/*
 * Decided and total of a row. Requirements count once, by their result
 * over their objects (the score's tallies), on category and control point
 * rows; an item row counts its objects. Walking one object, rows count the
 * items answered on it, by its answers.
 */
static void row_progress(const struct questionnaire *q, const struct tree_row *r, int *done, int *total)
{
	const struct mlps_object *o = only_object(q);
	size_t i;

	if (r->item != NONE) {
		const struct mlps_result *res = mlps_score_result(q->score, q->reqs[r->item]);

		*total = res ? res->n_objects : 0;
		*done = res ? *total - res->n[MLPS_ST_UNANSWERED] - res->n[MLPS_ST_TODO] : 0;
		return;
	}
	if (!o && q->filter == FILTER_ALL) {
		const struct mlps_tally *tl = r->cp ? cp_tally(q, r->cp) : cat_tally(q, r->cat);

		*done = done_of(tl);
		*total = tl->total;
		return;
	}
	/* Walking one object, or filtered: count the items shown, so the tree and its counts agree. */
	*done = *total = 0;
	for (i = 0; i < q->n; i++) {
		const struct mlps_control_point *cp = q->reqs[i]->cp;
		enum mlps_status st;

		if ((r->cp ? cp != r->cp : cp->category != r->cat) ||
		    (o && !mlps_assessment_req_on(q->cat, q->a, q->reqs[i], o)) ||
		    (q->filter != FILTER_ALL && !matches(q, i, q->filter)))
			continue;
		if (o) {
			st = status_on(q, i, o);
		} else {
			const struct mlps_result *res = mlps_score_result(q->score, q->reqs[i]);

			st = res ? res->status : MLPS_ST_UNANSWERED;
		}
		(*total)++;
		*done += st != MLPS_ST_UNANSWERED && st != MLPS_ST_TODO;
	}
}

static void add_row(struct questionnaire *q, const struct mlps_category *c, const struct mlps_control_point *cp,
		    size_t item)
{
	mlps_grow((void **)&q->rows, &q->rows_alloc, q->n_rows + 1, sizeof(*q->rows));
	q->rows[q->n_rows].cat = c;
	q->rows[q->n_rows].cp = cp;
	q->rows[q->n_rows].item = item;
	q->n_rows++;
}

/* Whether the current control point lists its items: when one of them has several objects. */
static bool lists_items(const struct questionnaire *q, const struct mlps_control_point *cp)
{
	size_t i;

	if (q->only || cp != q->reqs[q->cur]->cp)
		return false;
	for (i = 0; i < q->n; i++)
		if (q->reqs[i]->cp == cp && n_objects_of(q, i) > 1)
			return true;
	return false;
}

/*
 * Every category in scope; the open one followed by its control points in
 * scope, and the current control point by its items when they have
 * objects to count. Walking one object, only rows with items on it.
 */
static void build_rows(struct questionnaire *q, const struct mlps_category *open)
{
	size_t c, p, i;
	int done, total;

	q->n_rows = 0;
	if (!q->score)
		return;
	for (c = 0; c < mlps_catalog_n_categories(q->cat); c++) {
		const struct mlps_category *cat = mlps_catalog_category(q->cat, c);
		struct tree_row row = { cat, NULL, NONE };

		row_progress(q, &row, &done, &total);
		if (total == 0)
			continue;
		add_row(q, cat, NULL, NONE);
		if (cat != open)
			continue;
		for (p = 0; p < cat->n_cps; p++) {
			row.cp = cat->cps[p];
			row_progress(q, &row, &done, &total);
			if (total == 0)
				continue;
			add_row(q, cat, row.cp, NONE);
			if (!lists_items(q, row.cp))
				continue;
			for (i = 0; i < q->n; i++)
				if (q->reqs[i]->cp == row.cp &&
				    (q->filter == FILTER_ALL || matches(q, i, q->filter) || i == q->cur))
					add_row(q, cat, row.cp, i);
		}
	}
}

/*
 * The row of the current item: the row the tree cursor is on while it
 * still shows the current item's control point, else the item's own row,
 * else its control point's.
 */
static size_t row_of_current(const struct questionnaire *q)
{
	const struct mlps_control_point *cp = q->reqs[q->cur]->cp;
	size_t i, cp_row = 0;

	if (q->tree_focus && q->tree_cur < q->n_rows && q->rows[q->tree_cur].cp == cp &&
	    (q->rows[q->tree_cur].item == NONE || q->rows[q->tree_cur].item == q->cur))
		return q->tree_cur;
	for (i = 0; i < q->n_rows; i++) {
		if (q->rows[i].item == q->cur)
			return i;
		if (q->rows[i].cp == cp && q->rows[i].item == NONE)
			cp_row = i;
	}
	return cp_row;
}

/* The first item in a category, or in a control point, or the item of an item row. */
static size_t first_in(const struct questionnaire *q, const struct tree_row *row)
{
	size_t i;

	if (row->item != NONE)
		return row->item;
	for (i = 0; i < q->n; i++) {
		const struct mlps_control_point *cp = q->reqs[i]->cp;

		if (row->cp ? cp == row->cp : cp->category == row->cat)
			return i;
	}
	return NONE;
}

static void draw_tree(struct questionnaire *q, struct tui *t)
{
	int h = getmaxy(q->wtree), w = getmaxx(q->wtree), y;
	size_t sel;

	werase(q->wtree);
	if (!q->n) {
		wnoutrefresh(q->wtree);
		return;
	}
	/* The open category is the one the cursor is in: on a category row, that one. */
	if (q->tree_focus && q->tree_cur < q->n_rows && !q->rows[q->tree_cur].cp) {
		const struct mlps_category *c = q->rows[q->tree_cur].cat;

		build_rows(q, c);
		for (sel = 0; sel < q->n_rows && q->rows[sel].cat != c; sel++)
			;
	} else {
		build_rows(q, q->reqs[q->cur]->cp->category);
		sel = row_of_current(q);
	}
	q->tree_cur = sel;
	if (sel < q->tree_top)
		q->tree_top = sel;
	if (sel >= q->tree_top + (size_t)h)
		q->tree_top = sel - (size_t)h + 1;
	if (q->tree_top + (size_t)h > q->n_rows)
		q->tree_top = q->n_rows > (size_t)h ? q->n_rows - (size_t)h : 0;
	for (y = 0; y < h && q->tree_top + (size_t)y < q->n_rows; y++) {
		const struct tree_row *r = &q->rows[q->tree_top + (size_t)y];
		struct strbuf name = STRBUF_INIT, count = STRBUF_INIT;
		bool selected = q->tree_top + (size_t)y == sel;
		enum crt_style base = selected ? (q->tree_focus ? STYLE_CURSOR : STYLE_CURSOR_DIM)
					       : r->cp ? STYLE_NORMAL : STYLE_HEADING;
		int done, total, cw;

		row_progress(q, r, &done, &total);
		if (r->item != NONE)
			strbuf_addf(&name, "    %s", q->reqs[r->item]->ids[q->a->level]);
		else if (r->cp && r->cp->ext != MLPS_EXT_GENERAL)
			strbuf_addf(&name, t->lang == MLPS_LANG_EN ? "  [%s] %s" : "  [%s]%s", ext_tags[r->cp->ext][t->lang == MLPS_LANG_EN],
				    mlps_text_get(mlps_cp_name(r->cp, q->a->level), t->lang));
		else if (r->cp)
			strbuf_addf(&name, "  %s", mlps_text_get(mlps_cp_name(r->cp, q->a->level), t->lang));
		else
			strbuf_addf(&name, "%s %s", r->cat->code, mlps_text_get(&r->cat->name, t->lang));
		/* An item with one object has nothing to count: its status is the detail's. */
		if (r->item == NONE || total > 1)
			strbuf_addf(&count, "%d/%d", done, total);
		cw = (int)count.len;
		crt_fill(q->wtree, y, 0, w, base);
		crt_put(q->wtree, y, 1, w - cw - 4, base, name.buf);
		crt_put(q->wtree, y, w - cw - 1, cw, selected ? base : done == total ? STYLE_COMPLIANT : STYLE_DIM,
			count.buf);
		strbuf_release(&name);
		strbuf_release(&count);
	}
	wnoutrefresh(q->wtree);
}

/* Detail */

static void methods_text(struct strbuf *sb, unsigned methods, enum mlps_lang lang)
{
	static const struct {
		unsigned bit;
		const char *label[2];
	} m[] = {
		{ MLPS_METHOD_INTERVIEW, { "访谈", "interview" } },
		{ MLPS_METHOD_EXAMINE, { "核查", "examine" } },
		{ MLPS_METHOD_TEST, { "测试", "test" } },
	};
	size_t i;
	bool first = true;

	for (i = 0; i < 3; i++)
		if (methods & m[i].bit) {
			if (!first)
				strbuf_adds(sb, " ");
			strbuf_adds(sb, m[i].label[lang == MLPS_LANG_EN]);
			first = false;
		}
}

static const struct mlps_finding *finding_of(const struct questionnaire *q, const struct mlps_requirement *r)
{
	size_t i;

	if (!q->score)
		return NULL;
	for (i = 0; i < mlps_score_n_findings(q->score); i++)
		if (mlps_score_finding(q->score, i)->req == r)
			return mlps_score_finding(q->score, i);
	return NULL;
}

static void conditions_text(struct strbuf *sb, unsigned cond, enum mlps_lang lang)
{
	static const struct {
		unsigned bit;
		const char *label[2];
	} c[] = {
		{ MLPS_COND_CONTINUITY, { "业务连续性要求高", "business continuity critical" } },
		{ MLPS_COND_KEY_INDUSTRY, { "关键行业", "key industry" } },
		{ MLPS_COND_CLOUD_PLATFORM, { "云计算平台", "cloud platform" } },
		{ MLPS_COND_CLOUD_CUSTOMER, { "云服务客户", "cloud customer" } },
	};
	size_t i;

	for (i = 0; i < 4; i++)
		if (cond & c[i].bit) {
			if (sb->len)
				strbuf_adds(sb, lang == MLPS_LANG_EN ? ", " : "、");
			strbuf_adds(sb, c[i].label[lang == MLPS_LANG_EN]);
		}
}

/* A field of the answer block; an empty value shows a dim hint of the key that fills it. */
static void field(struct doc *d, const char *label, const char *value, enum crt_style st, const char *empty)
{
	if (value && *value)
		doc_field(d, STYLE_DIM, label, LABEL_COL, st, value);
	else if (empty)
		doc_field(d, STYLE_DIM, label, LABEL_COL, STYLE_DIM, empty);
}

/* The kind of an object as people read it. */
static const char *kind_label(const struct questionnaire *q, const struct mlps_object *o, enum mlps_lang lang)
{
	const struct mlps_object_kind *k = mlps_catalog_find_kind(q->cat, o->kind);

	return k ? mlps_text_get(&k->label, lang) : o->kind;
}

/*
 * One row per object of an item answered on several: the highlighted one
 * (which the answer keys act on) marked, each with its answer.
 */
static void object_rows(struct questionnaire *q, struct tui *t)
{
	struct doc *d = &q->detail;
	struct strbuf sb = STRBUF_INIT;
	size_t k, answered = 0;
	int name_w = 0, st_w = 0;

	for (k = 0; k < q->n_objs; k++) {
		enum mlps_status st = status_on(q, q->cur, q->objs[k]);
		int w = (int)mlps_utf8_width(q->objs[k]->name), sw = (int)mlps_utf8_width(mlps_status_label(st, t->lang));

		name_w = w > name_w ? w : name_w;
		st_w = sw > st_w ? sw : st_w;
		answered += st != MLPS_ST_UNANSWERED;
	}
	if (name_w > 24)
		name_w = 24;
	strbuf_addf(&sb, TR(t, "测评对象  已答 %zu/%zu · j/k 选择 · * 其余全部", "Objects  %zu/%zu answered · j/k choose · * all the rest"),
		    answered, q->n_objs);
	doc_line(d, -1);
	doc_seg(d, 0, STYLE_HEADING, sb.buf);
	for (k = 0; k < q->n_objs; k++) {
		enum mlps_status st = status_on(q, q->cur, q->objs[k]);
		bool hl = k == q->obj;

		doc_line(d, -1);
		if (hl)
			doc_seg(d, 0, STYLE_CURSOR, "▶");
		doc_seg(d, 2, hl ? STYLE_CURSOR : STYLE_NORMAL, q->objs[k]->name);
		doc_seg(d, 2 + name_w + 2, crt_status_style(st), mlps_status_label(st, t->lang));
		doc_seg(d, 2 + name_w + 2 + st_w + 2, STYLE_DIM, kind_label(q, q->objs[k], t->lang));
	}
	doc_line(d, -1);
	strbuf_release(&sb);
}

/* Last year's answer to the current item on the same object, or NULL. */
static const struct mlps_answer *last_answer(const struct questionnaire *q)
{
	const struct mlps_object *o = cur_object(q);

	if (!q->parent || !q->n)
		return NULL;
	return mlps_assessment_answer(q->parent, q->reqs[q->cur]->key, o ? o->name : NULL);
}

/*
 * A note or evidence that is still the one carried from last year (not
 * edited since): the screen says so until someone writes their own.
 */
static bool carried_text(const struct questionnaire *q, const struct mlps_answer *ans, bool evidence)
{
	const struct mlps_answer *last = last_answer(q);
	const char *mine = ans ? (evidence ? ans->evidence : ans->note) : NULL;
	const char *theirs = last ? (evidence ? last->evidence : last->note) : NULL;

	return mine && theirs && !strcmp(mine, theirs);
}

/* Last year's answer beside this year's: status, note and evidence. */
static void last_year(struct questionnaire *q, struct tui *t, const struct mlps_answer *ans)
{
	const struct mlps_answer *last = last_answer(q);
	struct strbuf sb = STRBUF_INIT;

	if (!last)
		return;
	strbuf_addf(&sb, TR(t, "评估 #%lld：%s", "assessment %lld: %s"), q->parent->id,
		    mlps_status_label(last->status, t->lang));
	if (last->note && !carried_text(q, ans, false))
		strbuf_addf(&sb, TR(t, " · 备注：%s", " · note: %s"), last->note);
	if (last->evidence && !carried_text(q, ans, true))
		strbuf_addf(&sb, TR(t, " · 证据：%s", " · evidence: %s"), last->evidence);
	field(&q->detail, TR(t, "上次", "Last time"), sb.buf, STYLE_DIM, NULL);
	strbuf_release(&sb);
}

static void build_detail(struct questionnaire *q, struct tui *t)
{
	const struct mlps_requirement *r = q->reqs[q->cur];
	const struct mlps_answer *ans = answer_of(q);
	const struct mlps_finding *f = finding_of(q, r);
	const struct mlps_scenario *sc = q->scenario[q->cur];
	enum mlps_lang lang = t->lang;
	enum mlps_status st = ans ? ans->status : MLPS_ST_UNANSWERED;
	struct doc *d = &q->detail;
	struct strbuf sb = STRBUF_INIT;
	int level = q->a->level;

	doc_clear(d);
	doc_line(d, -1);
	doc_seg(d, 0, STYLE_ID, r->ids[level]);
	strbuf_addf(&sb, "%s · ", importance_labels[r->importance][lang == MLPS_LANG_EN]);
	methods_text(&sb, r->methods, lang);
	doc_seg(d, (int)strlen(r->ids[level]) + 2, STYLE_DIM, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s / %s", mlps_text_get(&r->cp->category->name, lang),
		    mlps_text_get(mlps_cp_name(r->cp, level), lang));
	if (r->cp->ext != MLPS_EXT_GENERAL)
		strbuf_addf(&sb, TR(t, "（%s）", " (%s)"), ext_names[r->cp->ext][lang == MLPS_LANG_EN]);
	doc_wrap(d, 0, STYLE_DIM, sb.buf, -1);
	doc_line(d, -1);
	/* The text is the project's rendering of the standard: said once, where it is shown in full. */
	doc_seg(d, 0, STYLE_DIM, TR(t, "要求（释义，以 GB/T 22239-2019 原文为准）",
				    "Requirement (paraphrase; GB/T 22239-2019 is authoritative)"));
	doc_wrap(d, 0, STYLE_NORMAL, mlps_text_get(mlps_req_text(r, level), lang), -1);
	doc_line(d, -1);
	if (st == MLPS_ST_UNANSWERED && mlps_req_role_reason(r, q->a->sys.flags, lang)) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, TR(t, "%s按 a 以此为理由设为不适用。", "%s Press a to set it not applicable with "
								 "this reason."),
			    mlps_req_role_reason(r, q->a->sys.flags, lang));
		doc_wrap(d, 0, STYLE_TODO, sb.buf, -1);
		doc_line(d, -1);
	}
	/* Walking one object, the answer is that object's: the others' rows would only distract. */
	if (q->n_objs > 1 && !q->only)
		object_rows(q, t);

	/* The answer block: the highlighted object's (the item's only one's, usually). */
	strbuf_reset(&sb);
	if (q->n_objs > 1 || q->only)
		strbuf_addf(&sb, "%s: ", cur_object(q)->name);
	strbuf_adds(&sb, mlps_status_label(st, lang));
	if (st == MLPS_ST_UNANSWERED)
		strbuf_adds(&sb, TR(t, "（y 符合  p 部分  n 不符合  a 不适用  t 待确认）",
				    " (y yes  p partial  n no  a n/a  t to confirm)"));
	doc_field(d, STYLE_DIM, TR(t, "答案", "Answer"), LABEL_COL, crt_status_style(st), sb.buf);
	if (ans && ans->to_confirm)
		doc_seg(d, LABEL_COL + (int)mlps_utf8_width(sb.buf) + 2, STYLE_TODO,
			TR(t, "沿用自上次评估，待确认：C 保持不变，或 y/p/n/a 改答", "carried over: C keeps it, or y/p/n/a"));
	last_year(q, t, ans);
	if (st == MLPS_ST_NA)
		field(d, TR(t, "不适用理由", "N/A reason"), ans->na_reason, STYLE_NORMAL, NULL);
	field(d, carried_text(q, ans, false) ? TR(t, "上次备注", "Last note") : TR(t, "备注", "Note"),
	      ans ? ans->note : NULL, STYLE_NORMAL, TR(t, "—（c 填写）", "- (c to write)"));
	field(d, carried_text(q, ans, true) ? TR(t, "上次证据", "Last evid.") : TR(t, "证据", "Evidence"),
	      ans ? ans->evidence : NULL, STYLE_NORMAL, TR(t, "—（e 填写）", "- (e to write)"));
	/* The requirement's finding, on an object that is part of the gap (whose answer then exists). */
	if (f && ans && (st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT)) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, mlps_risk_label(f->risk, lang));
		if (f->scenario)
			strbuf_addf(&sb, TR(t, "（高风险场景 %s）", " (high-risk scenario %s)"), f->scenario->id);
		if (f->mitigated || (ans->risk != MLPS_RISK_NONE && ans->mitigation))
			strbuf_addf(&sb, TR(t, "，已调整，原为%s", ", overridden; was %s"), mlps_risk_label(f->base, lang));
		field(d, TR(t, "风险", "Risk"), sb.buf, f->risk == MLPS_RISK_HIGH ? STYLE_HIGH_RISK : STYLE_PARTIAL, NULL);
		field(d, TR(t, "缓解措施", "Mitigation"), ans->risk != MLPS_RISK_NONE ? ans->mitigation : NULL,
		      STYLE_NORMAL, TR(t, "—（r 调整风险并填写）", "- (r to override the risk)"));
	}
	if (ans && (ans->owner || ans->due || ans->plan != MLPS_PLAN_NONE)) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s", plan_labels[ans->plan][lang == MLPS_LANG_EN]);
		if (ans->owner)
			strbuf_addf(&sb, TR(t, " · 负责人 %s", " · owner %s"), ans->owner);
		if (ans->due)
			strbuf_addf(&sb, TR(t, " · 期限 %s", " · due %s"), ans->due);
		field(d, TR(t, "整改计划", "Plan"), sb.buf, STYLE_NORMAL, NULL);
	} else if (f && (st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT)) {
		field(d, TR(t, "整改计划", "Plan"), NULL, STYLE_NORMAL, TR(t, "—（o 填写）", "- (o to plan)"));
	}
	if (ans && ans->updated) {
		strbuf_reset(&sb);
		char when[17];

		mlps_local_datetime(when, ans->updated);
		strbuf_addf(&sb, "%s %s", ans->who ? ans->who : "", when);
		field(d, TR(t, "修改", "Changed"), sb.buf, STYLE_DIM, NULL);
	}

	if (sc) {
		doc_line(d, -1);
		doc_line(d, -1);
		doc_seg(d, 0, STYLE_HEADING, TR(t, "高风险场景", "High-risk scenario"));
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s %s", sc->id, mlps_text_get(&sc->title, lang));
		doc_wrap(d, 2, f && f->scenario ? STYLE_HIGH_RISK : STYLE_NORMAL, sb.buf, -1);
		strbuf_reset(&sb);
		conditions_text(&sb, sc->conditions, lang);
		if (sb.len) {
			struct strbuf line = STRBUF_INIT;

			strbuf_addf(&line, TR(t, "适用条件：%s", "applies when: %s"), sb.buf);
			doc_wrap(d, 2, STYLE_DIM, line.buf, -1);
			strbuf_release(&line);
		}
		doc_wrap(d, 2, STYLE_DIM,
			 TR(t, "此项不符合时构成高风险，结论最高为“差”；可在 r 中记录缓解措施后调整。",
			    "If this is noncompliant it is a high-risk finding and caps the verdict; record a "
			    "mitigating measure with r to lower it."), -1);
	}
	doc_line(d, -1);
	doc_line(d, -1);
	doc_seg(d, 0, STYLE_HEADING, TR(t, "测评指引", "Guidance"));
	doc_wrap(d, 2, STYLE_NORMAL, mlps_text_get(&r->guidance, lang), -1);
	if (st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT) {
		doc_line(d, -1);
		doc_line(d, -1);
		doc_seg(d, 0, STYLE_HEADING, TR(t, "整改建议", "Remediation"));
		doc_wrap(d, 2, STYLE_NORMAL, mlps_text_get(&r->remediation, lang), -1);
	}
	strbuf_release(&sb);
	q->stale = false;
}

static void draw_detail(struct questionnaire *q, struct tui *t)
{
	int h = getmaxy(q->wdetail), w = getmaxx(q->wdetail);

	if (!q->n) {
		werase(q->wdetail);
		crt_put(q->wdetail, 1, 0, w, STYLE_DIM,
			TR(t, "此评估的范围内没有要求。", "No requirement is in this assessment's scope."));
		wnoutrefresh(q->wdetail);
		return;
	}
	if (q->stale)
		build_detail(q, t);
	if (q->detail.n > (size_t)h && q->detail_top > q->detail.n - (size_t)h)
		q->detail_top = q->detail.n - (size_t)h;
	if (q->detail.n <= (size_t)h)
		q->detail_top = 0;
	doc_draw(&q->detail, q->wdetail, q->detail_top);
	if (q->detail.n > (size_t)h) {
		/* Say that there is more, and how to get at it: guidance is often longer than a screen. */
		struct strbuf sb = STRBUF_INIT;
		size_t below = q->detail.n - q->detail_top - (size_t)h;

		if (below)
			strbuf_addf(&sb, TR(t, " -- 还有 %zu 行：空格或 PgDn -- ", " -- %zu more lines: Space or PgDn -- "), below);
		else
			strbuf_adds(&sb, TR(t, " -- 到底了：b 或 PgUp 回到上面 -- ", " -- end: b or PgUp scrolls back -- "));
		crt_fill(q->wdetail, h - 1, 0, w, STYLE_NORMAL);
		crt_put_right(q->wdetail, h - 1, 0, w - 1, STYLE_HINT_KEY, sb.buf);
		strbuf_release(&sb);
	}
	wnoutrefresh(q->wdetail);
}

static void draw_sep(struct questionnaire *q)
{
	werase(q->wsep);
	crt_set(q->wsep, STYLE_FRAME);
	mvwvline(q->wsep, 0, 0, ACS_VLINE, getmaxy(q->wsep));
	crt_set(q->wsep, STYLE_NORMAL);
	wnoutrefresh(q->wsep);
}

/* Screen ops */

/* English names are about twice as long as Chinese ones: give them more room when there is some. */
static int tree_width_for(int cols, enum mlps_lang lang)
{
	int w = lang == MLPS_LANG_EN ? cols * 36 / 100 : cols * 3 / 10;

	if (w < 28)
		w = 28;
	if (w > 44)
		w = 44;
	return w;
}

static void free_windows(struct questionnaire *q)
{
	if (q->wtree)
		delwin(q->wtree);
	if (q->wsep)
		delwin(q->wsep);
	if (q->wdetail)
		delwin(q->wdetail);
	q->wtree = q->wsep = q->wdetail = NULL;
}

static void layout(struct screen *s, struct tui *t)
{
	struct questionnaire *q = (struct questionnaire *)s;
	int top = tui_body_top(), h = tui_body_height();

	free_windows(q);
	q->tree_width = tree_width_for(COLS, t->lang);
	q->wtree = newwin(h, q->tree_width, top, 0);
	q->wsep = newwin(h, 2, top, q->tree_width);
	q->wdetail = newwin(h, COLS - q->tree_width - 2, top, q->tree_width + 2);
	doc_release(&q->detail);
	doc_init(&q->detail, COLS - q->tree_width - 3);
	s->dirty = true;
}

/* Loads the assessment and what hangs off it; false when it cannot be shown. */
static bool load(struct questionnaire *q, struct tui *t)
{
	size_t i, j, n = mlps_catalog_n_requirements(q->cat);

	q->a = tui_load(t, q->id);
	if (!q->a)
		return false;
	/* A re-audit shows last year's answer beside this year's; a missing parent just means none. */
	if (q->a->parent) {
		struct mlps_error err;

		mlps_error_init(&err);
		q->parent = mlps_store_load(t->st, q->a->parent, &err);
		mlps_error_release(&err);
	}
	q->score = tui_score(t, q->a);
	if (!q->score)
		return false;
	q->reqs = mlps_calloc(n ? n : 1, sizeof(*q->reqs));
	q->scenario = mlps_calloc(n ? n : 1, sizeof(*q->scenario));
	for (i = 0; i < n; i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(q->cat, i);

		if (mlps_req_applies(r, q->a->level, q->a->ext))
			q->reqs[q->n++] = r;
	}
	/* Scenarios by requirement: those that can apply at this level (their conditions are shown). */
	for (j = 0; j < mlps_catalog_n_scenarios(q->cat); j++) {
		const struct mlps_scenario *sc = mlps_catalog_scenario(q->cat, j);

		if (sc->min_level > q->a->level)
			continue;
		for (i = 0; i < q->n; i++)
			if (q->reqs[i] == sc->req && !q->scenario[i])
				q->scenario[i] = sc;
	}
	/* Start where work is left: the first unanswered item, else the first to confirm (a re-audit). */
	q->cur = q->n ? find_wrapping(q, 0, FILTER_UNANSWERED) : 0;
	if (q->cur == NONE)
		q->cur = find_wrapping(q, 0, FILTER_TODO);
	if (q->cur == NONE)
		q->cur = 0;
	load_objects(q, NULL);
	return true;
}

static void enter(struct screen *s, struct tui *t)
{
	struct questionnaire *q = (struct questionnaire *)s;

	layout(s, t);
	t->current_id = q->id;
	if (q->reload && q->a) {
		/* Back from the edit form: scope and names may have changed; stay on the item if it is still in. */
		struct mlps_assessment *probe = tui_load(t, q->id);
		char *key = q->n && probe ? mlps_strdup(q->reqs[q->cur]->key) : NULL;

		q->reload = false;
		if (!probe) {
			/* Gone (deleted elsewhere): the message line says why; back to Home. */
			t->pending = REQ_BACK;
			return;
		}
		mlps_assessment_free(probe);
		mlps_score_free(q->score);
		mlps_assessment_free(q->a);
		free(q->reqs);
		free(q->scenario);
		free(q->only);
		q->score = NULL;
		q->a = NULL;
		q->reqs = NULL;
		q->scenario = NULL;
		q->only = NULL;
		q->n = q->cur = q->obj = 0;
		if (load(q, t) && key) {
			size_t i = index_of_key(q, key);

			if (i != NONE)
				go(q, t, i);
		}
		free(key);
		q->dirty_tree = q->dirty_detail = q->stale = true;
		tui_frame_dirty(t);
	}
	if (t->jump_key && q->a) {
		size_t i = index_of_key(q, t->jump_key);

		if (i != NONE) {
			go(q, t, i);
			q->tree_focus = false;
		}
		free(t->jump_key);
		t->jump_key = NULL;
	}
}

/*
 * Another mlps committed: take the assessment again, keep the item and the
 * highlighted object, and score again, so the next key acts on what is
 * stored now.
 */
static void sync_screen(struct screen *s, struct tui *t)
{
	struct questionnaire *q = (struct questionnaire *)s;
	char *keep;

	if (!q->a || !q->n)
		return;
	keep = cur_object(q) ? mlps_strdup(cur_object(q)->name) : NULL;
	if (tui_reload(t, q->a) == 0) {
		load_objects(q, keep);
		rescore(q, t);
		q->stale = true;
	}
	free(keep);
}

static void leave(struct screen *s, struct tui *t)
{
	(void)t;
	free_windows((struct questionnaire *)s);
}

static void draw(struct screen *s, struct tui *t)
{
	struct questionnaire *q = (struct questionnaire *)s;

	if (s->dirty) {
		all_dirty(q);
		draw_sep(q);
		s->dirty = false;
	}
	if (q->dirty_tree) {
		draw_tree(q, t);
		q->dirty_tree = false;
	}
	if (q->dirty_detail) {
		draw_detail(q, t);
		q->dirty_detail = false;
	}
}

static void title(struct screen *s, struct tui *t, struct strbuf *left, struct strbuf *right)
{
	struct questionnaire *q = (struct questionnaire *)s;
	const struct mlps_tally *tl = q->score ? mlps_score_level(q->score, q->a->level) : NULL;

	strbuf_addf(left, "#%lld %s ", q->id, q->a->sys.name);
	tui_notation(left, q->a);
	if (q->filter != FILTER_ALL)
		strbuf_addf(left, TR(t, " · 筛选：%s", " · filter: %s"),
			    filter_labels[q->filter][t->lang == MLPS_LANG_EN]);
	if (q->only)
		strbuf_addf(left, TR(t, " · 对象：%s", " · object: %s"), q->only);
	if (tl && q->n)
		strbuf_addf(right, TR(t, "第 %zu/%zu 项 · 已答 %d (%d%%)", "item %zu/%zu · done %d (%d%%)"),
			    q->cur + 1, q->n, done_of(tl), tl->total ? done_of(tl) * 100 / tl->total : 0);
	if (tl && q->n && mlps_score_unconfirmed(q->score))
		strbuf_addf(right, TR(t, " · 已结转待确认 %d", " · %d carried, to confirm"), mlps_score_unconfirmed(q->score));
}

/* Answering */

/*
 * A working copy of the current item's answer on object o (or a fresh one
 * naming it), to change and save. Caller releases.
 */
static void working_copy(const struct questionnaire *q, const struct mlps_object *o, struct mlps_answer *ans)
{
	const struct mlps_answer *old = answer_on(q, q->cur, o);

	memset(ans, 0, sizeof(*ans));
	if (old) {
		mlps_answer_copy(ans, old);
		return;
	}
	ans->key = mlps_strdup(q->reqs[q->cur]->key);
	ans->object = o ? mlps_strdup(o->name) : NULL;
}

static void set_text(char **slot, const char *value)
{
	free(*slot);
	*slot = value && *value ? mlps_strdup(value) : NULL;
}

/* Saves and rescores; the object pointers are taken again from the reloaded assessment. */
static int save(struct questionnaire *q, struct tui *t, struct mlps_answer *ans)
{
	char *keep = cur_object(q) ? mlps_strdup(cur_object(q)->name) : NULL;
	int rc = tui_save_answer(t, q->a, ans);

	load_objects(q, keep);
	free(keep);
	rescore(q, t);
	return rc;
}

/* Nothing is unanswered: say what is left to do. */
static void all_answered(struct questionnaire *q, struct tui *t)
{
	size_t todo = count_matching(q, FILTER_TODO);

	if (todo)
		tui_message(t, STYLE_DONE, TR(t, "没有未答项了；还有 %zu 项待确认（f 选“待确认”逐一处理）。s 查看汇总。",
					      "Nothing is unanswered; %zu items are still to confirm (f, then \"to confirm\"). "
					      "s for the summary."), todo);
	else
		tui_message(t, STYLE_DONE, "%s", TR(t, "全部已答完。按 s 查看汇总和结论，在汇总中按 x 导出报告。",
						    "Everything is answered. s for the summary and verdicts, then x to export."));
}

/* After an answer: on to the next item that passes the filter, or say why not. */
static void advance(struct questionnaire *q, struct tui *t)
{
	size_t next = step(q, q->cur, 1, q->filter);

	if (next != NONE) {
		go(q, t, next);
		return;
	}
	next = find_wrapping(q, 0, FILTER_UNANSWERED);
	if (next == NONE)
		all_answered(q, t);
	else
		tui_message(t, STYLE_DONE, "%s", TR(t, "已到最后一项；按 N 跳到下一个未答项。",
						    "That was the last item; N jumps to the next unanswered one."));
}

/*
 * After answering an object: on to the item's next unanswered object (after
 * this one, then from the top), else to the next item.
 */
static void move_on(struct questionnaire *q, struct tui *t)
{
	size_t k = q->only ? NONE : unanswered_object(q, q->obj + 1);

	if (k == NONE && !q->only)
		k = unanswered_object(q, 0);
	if (k == NONE) {
		advance(q, t);
		return;
	}
	q->obj = k;
	q->dirty_detail = true;
	q->stale = true;
}

/* "L3-CES1-01" or, on an item with several objects, "L3-CES1-01 @ web01" (as `mlps answer` echoes). */
static void answer_name(const struct questionnaire *q, struct strbuf *sb)
{
	strbuf_adds(sb, q->reqs[q->cur]->ids[q->a->level]);
	if (q->n_objs > 1 || q->only)
		strbuf_addf(sb, " @ %s", cur_object(q)->name);
}

/* Asks why an item is not applicable; false (and says why) when no reason was given. */
static bool ask_na_reason(struct questionnaire *q, struct tui *t, const char *old, struct strbuf *reason)
{
	const struct mlps_requirement *r = q->reqs[q->cur];
	struct strbuf heading = STRBUF_INIT;
	enum dialog_result res;
	bool changed;

	strbuf_addf(&heading, TR(t, "不适用的理由 · %s", "Why not applicable · %s"), r->ids[q->a->level]);
	res = dialog_edit(t, heading.buf, mlps_text_get(mlps_req_text(r, q->a->level), t->lang), old, false, reason,
			  &changed);
	strbuf_release(&heading);
	/* A reason typed when the line dropped still counts: the user meant it. */
	if ((res != DIALOG_OK && !(res == DIALOG_SIGNAL && changed)) || !reason->len) {
		if (res == DIALOG_OK)
			tui_message(t, STYLE_ERROR, "%s", TR(t, "不适用必须写明理由；答案未改变。",
							     "N/A needs a reason; the answer is unchanged."));
		return false;
	}
	return true;
}

/* Saves status st (and the N/A reason) on object o of the current item. */
static int answer_object(struct questionnaire *q, struct tui *t, const struct mlps_object *o, enum mlps_status st,
			 const char *reason)
{
	const struct mlps_requirement *r = q->reqs[q->cur];
	struct mlps_answer ans;
	int rc;

	working_copy(q, o, &ans);
	/*
	 * A gap that is compliant now closes its remediation plan; one with an
	 * owner asks first (the owner may still have work to report).
	 */
	if (st == MLPS_ST_COMPLIANT && (ans.plan == MLPS_PLAN_OPEN || ans.plan == MLPS_PLAN_IN_PROGRESS)) {
		struct strbuf question = STRBUF_INIT;

		if (ans.owner)
			strbuf_addf(&question, TR(t, "此项已符合。把 %s 负责的整改计划标记为已完成？",
						  "This item is compliant now. Mark the plan owned by %s as done?"), ans.owner);
		if (!ans.owner || dialog_confirm(t, TR(t, "整改计划", "Remediation plan"), question.buf))
			ans.plan = MLPS_PLAN_DONE;
		strbuf_release(&question);
	}
	ans.status = st;
	/* Answering confirms a carried answer; its wording is the one in force now. */
	ans.to_confirm = false;
	ans.text_hash = r->hash[q->a->level];
	set_text(&ans.na_reason, st == MLPS_ST_NA ? reason : NULL);
	rc = save(q, t, &ans);
	mlps_answer_release(&ans);
	return rc;
}

static unsigned answer(struct questionnaire *q, struct tui *t, enum mlps_status st)
{
	const struct mlps_answer *old = answer_of(q);
	struct strbuf reason = STRBUF_INIT, name = STRBUF_INIT;

	/* The same answer again, already confirmed: nothing to save, just move on. */
	if (old && old->status == st && !old->to_confirm && st != MLPS_ST_NA) {
		move_on(q, t);
		return SCR_OK;
	}
	/*
	 * A cloud item for the other role is offered as N/A with its reason
	 * prepared: one key accepts it (the reason can be edited with a again).
	 */
	if (st == MLPS_ST_NA && !(old && old->status == MLPS_ST_NA) &&
	    mlps_req_role_reason(q->reqs[q->cur], q->a->sys.flags, t->lang))
		strbuf_adds(&reason, mlps_req_role_reason(q->reqs[q->cur], q->a->sys.flags, t->lang));
	else if (st == MLPS_ST_NA && !ask_na_reason(q, t, old ? old->na_reason : NULL, &reason))
		goto out;
	answer_name(q, &name);
	if (answer_object(q, t, cur_object(q), st, reason.buf) == 0) {
		tui_message(t, crt_status_style(st), TR(t, "%s：%s（已保存）", "%s: %s (saved)"), name.buf,
			    mlps_status_label(st, t->lang));
		if (st != MLPS_ST_UNANSWERED)
			move_on(q, t);
	}
out:
	strbuf_release(&reason);
	strbuf_release(&name);
	return SCR_OK;
}

/* Keeps a carried answer as it is: saved as this year's, no longer to confirm. */
static int confirm_object(struct questionnaire *q, struct tui *t, size_t item, const char *object)
{
	const struct mlps_answer *old = mlps_assessment_answer(q->a, q->reqs[item]->key, object);
	struct mlps_answer ans;
	int rc;

	if (!old || !old->to_confirm)
		return 1;
	mlps_answer_copy(&ans, old);
	ans.to_confirm = false;
	ans.text_hash = q->reqs[item]->hash[q->a->level];
	rc = tui_save_answer(t, q->a, &ans);
	mlps_answer_release(&ans);
	return rc;
}

static unsigned confirm(struct questionnaire *q, struct tui *t)
{
	const struct mlps_answer *old = answer_of(q);
	struct strbuf name = STRBUF_INIT;
	char *keep = cur_object(q) ? mlps_strdup(cur_object(q)->name) : NULL;

	if (!old || !old->to_confirm) {
		tui_message(t, STYLE_DIM, "%s", TR(t, "这不是沿用自上次评估、待确认的答案。",
						   "This is not an answer carried over for confirmation."));
		free(keep);
		return SCR_OK;
	}
	answer_name(q, &name);
	if (confirm_object(q, t, q->cur, keep) == 0) {
		load_objects(q, keep);
		rescore(q, t);
		tui_message(t, STYLE_DONE, TR(t, "%s：已确认沿用（%s）", "%s: confirmed as carried (%s)"), name.buf,
			    mlps_status_label(answer_of(q) ? answer_of(q)->status : MLPS_ST_UNANSWERED, t->lang));
		move_on(q, t);
	}
	free(keep);
	strbuf_release(&name);
	return SCR_OK;
}

/*
 * Confirms every carried answer of the current control point, or of one
 * object across the assessment: the menu says how many and is the one
 * question asked.
 */
static unsigned confirm_bulk(struct questionnaire *q, struct tui *t)
{
	const struct mlps_control_point *cp = q->n ? q->reqs[q->cur]->cp : NULL;
	const struct mlps_object *o = cur_object(q);
	struct strbuf items[2];
	const char *labels[2];
	char *object = o ? mlps_strdup(o->name) : NULL;
	size_t i, k, in_cp = 0, on_obj = 0, done = 0;
	int choice, n = 1;

	for (i = 0; i < q->a->n_answers; i++) {
		const struct mlps_answer *x = &q->a->answers[i];
		const struct mlps_requirement *r;

		if (!x->to_confirm || !(r = mlps_catalog_find_key(q->cat, x->key)) || !mlps_req_applies(r, q->a->level, q->a->ext))
			continue;
		in_cp += r->cp == cp;
		on_obj += object && !strcmp(x->object, object);
	}
	strbuf_init(&items[0]);
	strbuf_init(&items[1]);
	strbuf_addf(&items[0], TR(t, "本控制点（%s）：确认 %zu 条沿用答案", "this control point (%s): confirm %zu carried answers"),
		    cp ? mlps_text_get(mlps_cp_name(cp, q->a->level), t->lang) : "-", in_cp);
	labels[0] = items[0].buf;
	if (object && q->a->n_objects > 1) {
		strbuf_addf(&items[1], TR(t, "对象 %s：确认 %zu 条沿用答案", "object %s: confirm %zu carried answers"), object,
			    on_obj);
		labels[1] = items[1].buf;
		n = 2;
	}
	choice = dialog_menu(t, TR(t, "批量确认沿用答案（保持不变）", "Confirm carried answers as they are"), labels, n, 0);
	for (k = 0; choice >= 0 && k < q->n; k++) {
		const struct mlps_requirement *r = q->reqs[k];
		size_t j, cnt;

		if (choice == 0 && r->cp != cp)
			continue;
		/* Each save reloads the assessment: look the answers up again every time. */
		for (j = 0;; j++) {
			const struct mlps_answer *xs = mlps_assessment_answers_for(q->a, r->key, &cnt);
			char *name;

			if (j >= cnt)
				break;
			if (!xs[j].to_confirm || (choice == 1 && strcmp(xs[j].object, object)))
				continue;
			name = mlps_strdup(xs[j].object);
			done += confirm_object(q, t, k, name) == 0;
			free(name);
		}
	}
	if (choice >= 0) {
		load_objects(q, object);
		rescore(q, t);
		tui_message(t, STYLE_DONE, TR(t, "已确认 %zu 条沿用答案。", "%zu carried answers confirmed."), done);
	}
	strbuf_release(&items[0]);
	strbuf_release(&items[1]);
	free(object);
	return SCR_OK;
}

/*
 * Gives every object of the current item still without an answer the same
 * one (picked from a menu; N/A asks for one reason), then moves to the
 * next item. Objects already answered keep their answers.
 */
static unsigned answer_rest(struct questionnaire *q, struct tui *t)
{
	static const enum mlps_status choices[] = { MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL, MLPS_ST_NONCOMPLIANT,
						    MLPS_ST_NA, MLPS_ST_TODO };
	const char *items[5];
	char **names;
	struct strbuf heading = STRBUF_INIT, reason = STRBUF_INIT;
	size_t k, n = 0, saved = 0;
	enum mlps_status st;
	int choice, i;

	if (q->n_objs < 2 || q->only) {
		tui_message(t, STYLE_DIM, "%s", TR(t, "此项只在一个对象上作答：直接按 y/p/n/a/t。",
						   "This item is answered on one object: just press y/p/n/a/t."));
		return SCR_OK;
	}
	names = mlps_calloc(q->n_objs, sizeof(*names));
	for (k = 0; k < q->n_objs; k++)
		if (status_on(q, q->cur, q->objs[k]) == MLPS_ST_UNANSWERED)
			names[n++] = mlps_strdup(q->objs[k]->name);
	if (!n) {
		tui_message(t, STYLE_DIM, "%s", TR(t, "此项的各对象都已作答。", "Every object of this item is answered."));
		goto out;
	}
	for (i = 0; i < 5; i++)
		items[i] = mlps_status_label(choices[i], t->lang);
	strbuf_addf(&heading, TR(t, "其余 %zu 个未答对象都设为", "The %zu objects without an answer: all"), n);
	choice = dialog_menu(t, heading.buf, items, 5, 0);
	if (choice < 0)
		goto out;
	st = choices[choice];
	if (st == MLPS_ST_NA && !ask_na_reason(q, t, NULL, &reason))
		goto out;
	/* By name: every save reloads the assessment and with it the objects. */
	for (k = 0; k < n; k++) {
		const struct mlps_object *o = mlps_assessment_find_object(q->a, names[k]);

		if (!o || answer_object(q, t, o, st, reason.buf))
			break;
		saved++;
	}
	if (saved == n) {
		tui_message(t, crt_status_style(st), TR(t, "%s：%zu 个对象%s（已保存）", "%s: %zu objects %s (saved)"),
			    q->reqs[q->cur]->ids[q->a->level], n, mlps_status_label(st, t->lang));
		advance(q, t);
	}
out:
	for (k = 0; k < n; k++)
		free(names[k]);
	free(names);
	strbuf_release(&heading);
	strbuf_release(&reason);
	return SCR_OK;
}

/* Edits one text of the current answer (note, evidence) and saves it. */
/*
 * What to keep when the text being edited was changed elsewhere meanwhile:
 * mine, theirs, or both (mine first, then theirs, under a line saying
 * whose). Returns false when the user cancels (nothing is written).
 */
static bool resolve_text(struct questionnaire *q, struct tui *t, const struct mlps_answer *now, const char *mine,
			 bool evidence, struct strbuf *out)
{
	const char *theirs = now ? (evidence ? now->evidence : now->note) : NULL;
	const char *items[3];
	struct strbuf title = STRBUF_INIT;
	int choice;

	items[0] = TR(t, "保留我的文字", "keep my text");
	items[1] = TR(t, "保留对方的文字", "keep theirs");
	items[2] = TR(t, "两者都保留（我的在前）", "keep both (mine first)");
	strbuf_addf(&title, TR(t, "%s 在你编辑时被 %s 修改（现为%s）。对方的文字：%s",
			       "%s was changed by %s while you edited (now %s). Their text: %s"),
		    q->reqs[q->cur]->ids[q->a->level], now && now->who ? now->who : "?",
		    now ? mlps_status_label(now->status, t->lang) : "-", theirs ? theirs : TR(t, "（空）", "(empty)"));
	choice = dialog_menu(t, title.buf, items, 3, 2);
	strbuf_release(&title);
	strbuf_reset(out);
	if (choice < 0)
		return false;
	if (choice == 0 || (choice == 2 && !theirs))
		strbuf_adds(out, mine);
	else if (choice == 1)
		strbuf_adds(out, theirs ? theirs : "");
	else
		strbuf_addf(out, "%s\n--- %s %s ---\n%s", mine, TR(t, "以下为", "below:"), now && now->who ? now->who : "?",
			    theirs);
	return true;
}

static unsigned edit_text(struct questionnaire *q, struct tui *t, bool evidence)
{
	const struct mlps_requirement *r = q->reqs[q->cur];
	const struct mlps_answer *old = answer_of(q);
	struct strbuf heading = STRBUF_INIT, text = STRBUF_INIT, keep = STRBUF_INIT;
	/* A copy: a reload while the dialog is open frees the objects it was read from. */
	char *object = cur_object(q) ? mlps_strdup(cur_object(q)->name) : NULL;
	long long seen = old ? old->revision : 0;
	const char *draft = draft_for(q, r->key, object, evidence);
	struct mlps_answer ans;
	enum dialog_result res;
	bool changed;
	int rc, tries;

	strbuf_addf(&heading, "%s · %s", evidence ? TR(t, "证据", "Evidence") : TR(t, "备注", "Note"),
		    r->ids[q->a->level]);
	res = dialog_edit(t, heading.buf,
			  evidence ? TR(t, "文件名、截图、记录编号、访谈对象……", "file names, screenshots, record numbers, who was interviewed...")
				   : mlps_text_get(mlps_req_text(r, q->a->level), t->lang),
			  draft ? draft : old ? (evidence ? old->evidence : old->note) : NULL, true, &text, &changed);
	strbuf_release(&heading);
	/* Typing is kept even when a hang-up interrupts it; a draft offered again is a change. */
	if ((res != DIALOG_OK && res != DIALOG_SIGNAL) || (!changed && !draft))
		goto out;
	/*
	 * The answer may have moved on while the dialog was open (another user,
	 * the CLI): the text typed is never lost, and never silently overwrites
	 * theirs. A write that still loses the race comes back here.
	 */
	for (tries = 0; tries < 3; tries++) {
		const struct mlps_answer *now = object ? mlps_assessment_answer(q->a, r->key, object) : answer_of(q);
		const char *their_text = now ? (evidence ? now->evidence : now->note) : NULL;

		strbuf_reset(&keep);
		strbuf_add(&keep, text.buf, text.len);
		if ((now ? now->revision : 0) != seen && their_text && strcmp(their_text, text.buf) &&
		    !resolve_text(q, t, now, text.buf, evidence, &keep))
			break;
		working_copy(q, cur_object(q), &ans);
		set_text(evidence ? &ans.evidence : &ans.note, keep.buf);
		rc = save(q, t, &ans);
		seen = ans.revision;
		mlps_answer_release(&ans);
		if (rc == 0) {
			draft_clear(q);
			tui_message(t, STYLE_DONE, TR(t, "%s：%s已保存", "%s: %s saved"), r->ids[q->a->level],
				    evidence ? TR(t, "证据", "evidence") : TR(t, "备注", "note"));
			break;
		}
		/*
		 * Not saved for another reason (the server down, the network gone):
		 * what was typed is kept, saved again on request, or offered the
		 * next time this field is edited.
		 */
		if (rc < 0 && res != DIALOG_SIGNAL &&
		    dialog_confirm(t, TR(t, "未能保存", "Not saved"),
				   TR(t, "没有保存（原因见底部消息），输入的内容还在。现在重试吗？",
				      "It was not saved (the reason is at the bottom); what you typed is kept. Try again "
				      "now?"))) {
			tries = -1;
			continue;
		}
		if (rc < 0) {
			draft_clear(q);
			q->draft.key = mlps_strdup(r->key);
			q->draft.object = object ? mlps_strdup(object) : NULL;
			q->draft.text = mlps_strdup(keep.buf);
			q->draft.evidence = evidence;
			tui_message(t, STYLE_ERROR, "%s", TR(t, "输入的内容已保留：再次编辑这一项时会带出。",
							     "What you typed is kept: it comes back the next time you "
							     "edit this."));
			break;
		}
		/* Lost the race: the assessment was reloaded; ask again with what is stored now. */
		seen = -1;
	}
out:
	free(object);
	strbuf_release(&text);
	strbuf_release(&keep);
	return SCR_OK;
}

static unsigned edit_risk(struct questionnaire *q, struct tui *t)
{
	const struct mlps_requirement *r = q->reqs[q->cur];
	const struct mlps_answer *old = answer_of(q);
	const struct mlps_finding *f = finding_of(q, r);
	const char *items[4];
	struct strbuf heading = STRBUF_INIT, text = STRBUF_INIT;
	struct mlps_answer ans;
	enum mlps_risk risk;
	bool changed;
	int choice, i;

	if (!f || !old || (old->status != MLPS_ST_PARTIAL && old->status != MLPS_ST_NONCOMPLIANT)) {
		tui_message(t, STYLE_DIM, "%s", TR(t, "只有差距项（部分符合、不符合）才有风险可调整。",
						   "Only gaps (partial, noncompliant) carry a risk to override."));
		return SCR_OK;
	}
	items[0] = TR(t, "不调整（按规则）", "no override (by the rules)");
	for (i = 1; i < 4; i++)
		items[i] = mlps_risk_label((enum mlps_risk)i, t->lang);
	strbuf_addf(&heading, TR(t, "风险 · 按规则为%s", "Risk · by the rules: %s"), mlps_risk_label(f->base, t->lang));
	choice = dialog_menu(t, heading.buf, items, 4, old->risk);
	strbuf_release(&heading);
	if (choice < 0)
		return SCR_OK;
	risk = (enum mlps_risk)choice;
	if (risk != MLPS_RISK_NONE) {
		enum dialog_result res = dialog_edit(t, TR(t, "缓解措施", "Mitigating measure"),
						     TR(t, "调整风险必须写明已采取的缓解措施。",
							"An override needs the mitigating measure that justifies it."),
						     old->mitigation, true, &text, &changed);

		if (res != DIALOG_OK || !text.len) {
			if (res == DIALOG_OK)
				tui_message(t, STYLE_ERROR, "%s", TR(t, "没有缓解措施，风险未调整。",
								     "No mitigating measure: the risk is unchanged."));
			strbuf_release(&text);
			return SCR_OK;
		}
	}
	working_copy(q, cur_object(q), &ans);
	ans.risk = risk;
	set_text(&ans.mitigation, risk != MLPS_RISK_NONE ? text.buf : NULL);
	if (save(q, t, &ans) == 0)
		tui_message(t, STYLE_DONE, "%s", TR(t, "风险已保存", "risk saved"));
	mlps_answer_release(&ans);
	strbuf_release(&text);
	return SCR_OK;
}

static unsigned edit_plan(struct questionnaire *q, struct tui *t)
{
	const struct mlps_answer *old = answer_of(q);
	struct strbuf owner = STRBUF_INIT, due = STRBUF_INIT;
	const char *items[MLPS_PLAN_COUNT];
	const char *id = q->reqs[q->cur]->ids[q->a->level];
	struct strbuf heading = STRBUF_INIT;
	struct mlps_answer ans;
	enum mlps_plan plan;
	bool changed;
	int i, choice;

	strbuf_addf(&heading, TR(t, "整改负责人 · %s", "Remediation owner · %s"), id);
	if (dialog_edit(t, heading.buf, NULL, old ? old->owner : NULL, false, &owner, &changed) != DIALOG_OK)
		goto out;
	strbuf_reset(&heading);
	strbuf_addf(&heading, TR(t, "整改期限 · %s", "Due date · %s"), id);
	strbuf_adds(&due, old && old->due ? old->due : "");
	for (;;) {
		struct strbuf typed = STRBUF_INIT;

		if (dialog_edit(t, heading.buf, TR(t, "格式 YYYY-MM-DD，可留空", "YYYY-MM-DD, or empty"), due.buf, false,
				&typed, &changed) != DIALOG_OK) {
			strbuf_release(&typed);
			goto out;
		}
		strbuf_reset(&due);
		strbuf_add(&due, typed.buf, typed.len);
		strbuf_release(&typed);
		if (!due.len || mlps_date_valid(due.buf))
			break;
		tui_message(t, STYLE_ERROR, TR(t, "“%s”不是有效日期（YYYY-MM-DD）", "'%s' is not a date (YYYY-MM-DD)"), due.buf);
	}
	for (i = 0; i < MLPS_PLAN_COUNT; i++)
		items[i] = plan_labels[i][t->lang == MLPS_LANG_EN];
	plan = old ? old->plan : MLPS_PLAN_NONE;
	if (plan == MLPS_PLAN_NONE && (owner.len || due.len))
		plan = MLPS_PLAN_OPEN;
	choice = dialog_menu(t, TR(t, "整改状态", "Plan status"), items, MLPS_PLAN_COUNT, (int)plan);
	if (choice < 0)
		goto out;
	working_copy(q, cur_object(q), &ans);
	set_text(&ans.owner, owner.buf);
	set_text(&ans.due, due.buf);
	ans.plan = (enum mlps_plan)choice;
	if ((ans.owner || ans.due) && ans.plan == MLPS_PLAN_NONE)
		ans.plan = MLPS_PLAN_OPEN;
	if (save(q, t, &ans) == 0)
		tui_message(t, STYLE_DONE, TR(t, "%s：整改计划已保存", "%s: plan saved"), id);
	mlps_answer_release(&ans);
out:
	strbuf_release(&heading);
	strbuf_release(&owner);
	strbuf_release(&due);
	return SCR_OK;
}

/* Searching */

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	if (!hay || !n)
		return false;
	for (; *hay; hay++) {
		for (i = 0; i < n; i++) {
			unsigned char a = (unsigned char)hay[i], b = (unsigned char)needle[i];

			if (!a)
				return false;
			if (a >= 'A' && a <= 'Z')
				a = (unsigned char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (unsigned char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

/*
 * Whether item i matches the term. Pass 0 looks only at the target level's
 * IDs, so that "PES1-06" at level 3 finds L3-PES1-06 before the item whose
 * level-4 ID happens to be L4-PES1-06; pass 1 looks at everything else.
 * *other gets the other level whose ID matched, when that was the match.
 */
static bool search_hit(const struct questionnaire *q, size_t i, const char *term, int pass, int *other)
{
	const struct mlps_requirement *r = q->reqs[i];
	const struct mlps_text *text = mlps_req_text(r, q->a->level);
	const struct mlps_text *cp = mlps_cp_name(r->cp, q->a->level);
	int l;

	*other = 0;
	if (pass == 0)
		return r->ids[q->a->level] && contains_nocase(r->ids[q->a->level], term);
	for (l = MLPS_LEVEL_MIN; l <= MLPS_LEVEL_MAX; l++)
		if (l != q->a->level && r->ids[l] && contains_nocase(r->ids[l], term)) {
			*other = l;
			return true;
		}
	return contains_nocase(r->key, term) || contains_nocase(text->zh, term) || contains_nocase(text->en, term) ||
	       contains_nocase(cp->zh, term) || contains_nocase(cp->en, term);
}

static unsigned search(struct questionnaire *q, struct tui *t)
{
	struct strbuf term = STRBUF_INIT;
	size_t k;
	bool changed;
	int pass, other;

	if (dialog_edit(t, TR(t, "搜索", "Search"),
			TR(t, "编号（L3-CES1-01、CES1-01）、关键词或控制点；留空则查找下一个",
			   "an ID (L3-CES1-01, CES1-01), words or a control point; empty: the next match"),
			NULL, false, &term, &changed) != DIALOG_OK)
		goto out;
	if (term.len) {
		free(q->last_search);
		q->last_search = mlps_strdup(term.buf);
	}
	if (!q->last_search) {
		strbuf_release(&term);
		return SCR_OK;
	}
	for (pass = 0; pass < 2; pass++)
		for (k = 1; k <= q->n; k++) {
			size_t i = (q->cur + k) % q->n;

			if (!search_hit(q, i, q->last_search, pass, &other))
				continue;
			go(q, t, i);
			q->tree_focus = false;
			if (other)
				tui_message(t, STYLE_TODO, TR(t, "找到“%s”：%s 是本项第%d级的编号，本评估（第%d级）中为 %s",
							      "found '%s': %s is this item's level-%d ID; at level %d it is %s"),
					    q->last_search, q->reqs[i]->ids[other], other, q->a->level,
					    q->reqs[i]->ids[q->a->level]);
			else
				tui_message(t, STYLE_DONE, TR(t, "找到“%s”：%s%s", "found '%s': %s%s"), q->last_search,
					    q->reqs[i]->ids[q->a->level],
					    i == q->cur && k == q->n ? TR(t, "（仅此一处）", " (the only match)") : "");
			goto out;
		}
	tui_message(t, STYLE_ERROR, TR(t, "没有找到“%s”", "'%s' not found"), q->last_search);
out:
	strbuf_release(&term);
	return SCR_OK;
}

static unsigned choose_filter(struct questionnaire *q, struct tui *t)
{
	struct strbuf labels[FILTER_COUNT];
	const char *items[FILTER_COUNT];
	int i, choice;

	for (i = 0; i < FILTER_COUNT; i++) {
		strbuf_init(&labels[i]);
		strbuf_addf(&labels[i], "%s (%zu)", filter_labels[i][t->lang == MLPS_LANG_EN],
			    count_matching(q, (enum filter)i));
		items[i] = labels[i].buf;
	}
	choice = dialog_menu(t, TR(t, "筛选", "Filter"), items, FILTER_COUNT, (int)q->filter);
	for (i = 0; i < FILTER_COUNT; i++)
		strbuf_release(&labels[i]);
	if (choice < 0)
		return SCR_OK;
	q->filter = (enum filter)choice;
	tui_frame_dirty(t);
	if (!matches(q, q->cur, q->filter)) {
		size_t i2 = find_wrapping(q, q->cur, q->filter);

		if (i2 == NONE)
			tui_message(t, STYLE_DIM, "%s", TR(t, "没有符合此筛选的项。", "Nothing matches this filter."));
		else
			go(q, t, i2);
	}
	return SCR_OK;
}

/*
 * Walks one object through its items (or, first choice, all of them
 * again): the tree and the filters keep to the items answered on it, and
 * the answer keys act on it.
 */
static unsigned choose_object(struct questionnaire *q, struct tui *t)
{
	size_t n = q->a->n_objects + 1, k, i;
	struct strbuf *labels = mlps_calloc(n, sizeof(*labels));
	const char **items = mlps_calloc(n, sizeof(*items));
	int choice, current = 0;

	for (k = 0; k < n; k++) {
		strbuf_init(&labels[k]);
		if (!k) {
			strbuf_adds(&labels[k], TR(t, "全部对象", "all objects"));
		} else {
			const struct mlps_object *o = &q->a->objects[k - 1];
			size_t items_on = 0;

			for (i = 0; i < q->n; i++)
				items_on += mlps_assessment_req_on(q->cat, q->a, q->reqs[i], o);
			strbuf_addf(&labels[k], TR(t, "%s（%s，%zu 项）", "%s (%s, %zu items)"), o->name,
				    kind_label(q, o, t->lang), items_on);
			if (q->only && !strcmp(q->only, o->name))
				current = (int)k;
		}
		items[k] = labels[k].buf;
	}
	choice = dialog_menu(t, TR(t, "逐个对象：只看某一对象的各项", "Walk one object through its items"), items, (int)n,
			     current);
	if (choice >= 0) {
		free(q->only);
		q->only = choice > 0 ? mlps_strdup(q->a->objects[choice - 1].name) : NULL;
		load_objects(q, NULL);
		all_dirty(q);
		tui_frame_dirty(t);
		if (!matches(q, q->cur, q->filter)) {
			i = find_wrapping(q, q->cur, q->filter);
			if (i == NONE)
				tui_message(t, STYLE_DIM, "%s", TR(t, "没有符合此筛选的项。", "Nothing matches this filter."));
			else
				go(q, t, i);
		}
	}
	for (k = 0; k < n; k++)
		strbuf_release(&labels[k]);
	free(labels);
	free(items);
	return SCR_OK;
}

/* Moves the tree cursor; the requirement shown follows it. */
static void tree_move(struct questionnaire *q, struct tui *t, long delta)
{
	long target = (long)q->tree_cur + delta;
	size_t i;

	if (target < 0)
		target = 0;
	if (target >= (long)q->n_rows)
		target = (long)q->n_rows - 1;
	if (target < 0)
		return;
	q->tree_cur = (size_t)target;
	i = first_in(q, &q->rows[q->tree_cur]);
	go(q, t, i);
	/* On a category row the tree keeps the category selected rather than its first control point. */
	q->dirty_tree = true;
}

static unsigned request(struct screen *s, struct tui *t, enum request req)
{
	struct questionnaire *q = (struct questionnaire *)s;
	int page = getmaxy(q->wdetail) - 2;
	size_t i;

	if (!q->a || !q->score)
		return req == REQ_BACK ? SCR_BACK : SCR_OK;
	if (!q->n && req != REQ_BACK && req != REQ_SUMMARY)
		return SCR_OK;
	switch (req) {
	case REQ_BACK:
		return SCR_BACK;
	case REQ_COMPLIANT:
		return answer(q, t, MLPS_ST_COMPLIANT);
	case REQ_PARTIAL:
		return answer(q, t, MLPS_ST_PARTIAL);
	case REQ_NONCOMPLIANT:
		return answer(q, t, MLPS_ST_NONCOMPLIANT);
	case REQ_NA:
		return answer(q, t, MLPS_ST_NA);
	case REQ_TODO:
		return answer(q, t, MLPS_ST_TODO);
	case REQ_CONFIRM:
		return confirm(q, t);
	case REQ_CONFIRM_BULK:
		return confirm_bulk(q, t);
	case REQ_CLEAR:
		if (status_on(q, q->cur, cur_object(q)) == MLPS_ST_UNANSWERED) {
			tui_message(t, STYLE_DIM, "%s", TR(t, "此项还没有答案。", "This item has no answer yet."));
			return SCR_OK;
		}
		return answer(q, t, MLPS_ST_UNANSWERED);
	case REQ_NOTE:
		return edit_text(q, t, false);
	case REQ_EVIDENCE:
		return edit_text(q, t, true);
	case REQ_RISK:
		return edit_risk(q, t);
	case REQ_PLAN:
		return edit_plan(q, t);
	case REQ_SEARCH:
		return search(q, t);
	case REQ_FILTER:
		return choose_filter(q, t);
	case REQ_ALL_OBJECTS:
		return answer_rest(q, t);
	case REQ_OBJECT:
		return choose_object(q, t);
	case REQ_SUMMARY:
		t->next = summary_screen_new(t, q->id);
		return SCR_PUSH;
	case REQ_HISTORY:
		if (q->n)
			tui_history(t, q->id, q->reqs[q->cur], q->a->level);
		return SCR_OK;
	case REQ_EDIT:
		/* The scope may change: enter() loads the assessment again on the way back. */
		t->next = wizard_edit_screen_new(t, q->id);
		q->reload = t->next != NULL;
		return t->next ? SCR_PUSH : SCR_OK;
	case REQ_PROBE:
		if (!cur_object(q) || strcmp(cur_object(q)->kind, "server")) {
			tui_message(t, STYLE_DIM, "%s", TR(t, "探测只为服务器类对象给出建议：先选中一个服务器对象。",
							   "The probe proposes answers for server objects: select one first."));
			return SCR_OK;
		}
		t->next = probe_screen_new(t, q->id, cur_object(q)->name, NULL);
		return SCR_PUSH;
	case REQ_NEXT_UNANSWERED:
		i = find_wrapping(q, (q->cur + 1) % q->n, FILTER_UNANSWERED);
		if (i == NONE)
			all_answered(q, t);
		else
			go(q, t, i);
		q->tree_focus = false;
		return SCR_OK;
	case REQ_SWITCH_PANE:
	case REQ_FOCUS_TREE:
	case REQ_FOCUS_DETAIL:
	case REQ_ENTER: {
		bool focus_tree = req == REQ_SWITCH_PANE ? !q->tree_focus : req == REQ_FOCUS_TREE;

		if (req == REQ_ENTER && !q->tree_focus) {
			tui_message(t, STYLE_DIM, "%s", TR(t, "作答：y 符合  p 部分符合  n 不符合  a 不适用  t 待确认",
							   "Answer with y yes, p partial, n no, a n/a, t to confirm"));
			return SCR_OK;
		}
		q->tree_focus = focus_tree;
		q->dirty_tree = true;
		return SCR_OK;
	}
	case REQ_DOWN:
	case REQ_UP:
		if (q->tree_focus) {
			tree_move(q, t, req == REQ_DOWN ? 1 : -1);
			return SCR_OK;
		}
		/* Through the item's object rows first, then on to the next item. */
		if (!q->only && (req == REQ_DOWN ? q->obj + 1 < q->n_objs : q->obj > 0)) {
			q->obj = req == REQ_DOWN ? q->obj + 1 : q->obj - 1;
			q->dirty_detail = true;
			q->stale = true;
			return SCR_OK;
		}
		i = step(q, q->cur, req == REQ_DOWN ? 1 : -1, q->filter);
		if (i == NONE)
			tui_message(t, STYLE_DIM, "%s", req == REQ_DOWN ? TR(t, "已是最后一项", "This is the last item")
								   : TR(t, "已是第一项", "This is the first item"));
		go(q, t, i);
		if (i != NONE && req == REQ_UP && !q->only && q->n_objs)
			q->obj = q->n_objs - 1;
		return SCR_OK;
	case REQ_PAGE_DOWN:
		if (q->detail_top + (size_t)getmaxy(q->wdetail) < q->detail.n) {
			q->detail_top += (size_t)(page > 1 ? page : 1);
			q->dirty_detail = true;
		}
		return SCR_OK;
	case REQ_PAGE_UP:
		q->detail_top = q->detail_top > (size_t)page ? q->detail_top - (size_t)page : 0;
		q->dirty_detail = true;
		return SCR_OK;
	case REQ_FIRST:
		go(q, t, matches(q, 0, q->filter) ? 0 : step(q, 0, 1, q->filter));
		return SCR_OK;
	case REQ_LAST:
		go(q, t, matches(q, q->n - 1, q->filter) ? q->n - 1 : step(q, q->n - 1, -1, q->filter));
		return SCR_OK;
	default:
		return SCR_OK;
	}
}

static void free_screen(struct screen *s)
{
	struct questionnaire *q = (struct questionnaire *)s;

	free_windows(q);
	doc_release(&q->detail);
	mlps_score_free(q->score);
	mlps_assessment_free(q->a);
	mlps_assessment_free(q->parent);
	free(q->reqs);
	free(q->scenario);
	free(q->rows);
	free(q->objs);
	free(q->only);
	free(q->last_search);
	draft_clear(q);
	free(q);
}

static const struct screen_ops questionnaire_ops = {
	.scope = KS_QUESTIONNAIRE,
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.draw = draw,
	.request = request,
	.sync = sync_screen,
	.title = title,
	.free = free_screen,
};

struct screen *questionnaire_screen_new(struct tui *t, long long id)
{
	struct questionnaire *q = mlps_calloc(1, sizeof(*q));

	q->base.ops = &questionnaire_ops;
	q->cat = t->cat;
	q->id = id;
	doc_init(&q->detail, 40);
	if (!load(q, t)) {
		free_screen(&q->base);
		return NULL;
	}
	return &q->base;
}
