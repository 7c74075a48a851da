/*
 * probe.c - the probe's proposals for one server object, item by item.
 *
 * Opened from the questionnaire (P) on an object of kind server: runs the
 * probe on this host (or reads a probe file with i) and lists one proposal
 * per requirement, with the evidence of the highlighted one below. y
 * accepts (the answer is saved as the person's, confirmed, with the probe's
 * evidence), c picks another status with the same evidence, s skips. An
 * answer someone already gave is replaced only after a yes. Every save goes
 * through tui_save_answer() (compare-and-set), as in the questionnaire.
 */
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "doc.h"
#include "probe.h"
#include "screen.h"
#include "yamldoc.h"

enum decision { DEC_PENDING = 0, DEC_ACCEPTED, DEC_CHANGED, DEC_SKIPPED };

struct probe_screen {
	struct screen base;
	long long id;
	char *object;                           /* owned */
	char *import;                           /* owned; NULL: this host */
	struct mlps_assessment *a;              /* owned */
	struct mlps_probe_run *run;             /* owned */
	struct mlps_probe_proposal *props;      /* owned */
	size_t n_props;
	size_t *rows;                           /* proposals to decide on, by index */
	enum decision *dec;
	size_t n_rows, cur, top;
	size_t ev_top;                          /* scroll of the evidence pane (PgDn, PgUp) */
	bool loaded;
	WINDOW *w, *wev;                        /* the list, and the evidence below it */
	struct doc doc, ev;
};

static void drop_run(struct probe_screen *p)
{
	mlps_probe_proposals_free(p->props, p->n_props);
	mlps_probe_free(p->run);
	free(p->rows);
	free(p->dec);
	p->props = NULL;
	p->run = NULL;
	p->rows = NULL;
	p->dec = NULL;
	p->n_props = p->n_rows = p->cur = p->top = 0;
}

/* Proposals worth deciding on: in scope, assessed on servers, with a status. */
static void take_run(struct probe_screen *p, struct tui *t, struct mlps_probe_run *run)
{
	size_t i;

	drop_run(p);
	p->run = run;
	mlps_probe_propose(t->cat, run, "server", t->lang, &p->props, &p->n_props);
	p->rows = mlps_calloc(p->n_props + 1, sizeof(*p->rows));
	p->dec = mlps_calloc(p->n_props + 1, sizeof(*p->dec));
	for (i = 0; i < p->n_props; i++) {
		const struct mlps_probe_proposal *pr = &p->props[i];

		if (pr->assessed_on_kind && pr->status != MLPS_ST_UNANSWERED && p->a &&
		    mlps_req_applies(pr->req, p->a->level, p->a->ext))
			p->rows[p->n_rows++] = i;
	}
}

static struct mlps_probe_run *read_file(struct tui *t, const char *path)
{
	struct mlps_error err;
	struct mlps_probe_run *run = NULL;
	char *buf = NULL;
	size_t len = 0, skipped = 0;

	mlps_error_init(&err);
	if (ydoc_read_file(path, 16u * 1024u * 1024u, &buf, &len, &err) == 0)
		run = mlps_probe_from_json(t->cat, path, buf, len, &skipped, &err);
	if (!run)
		tui_error(t, &err);
	else if (skipped)
		tui_message(t, STYLE_DIM, TR(t, "跳过了 %zu 项本配置集没有的检查。",
					     "%zu checks this profile set does not have were skipped."), skipped);
	free(buf);
	mlps_error_release(&err);
	return run;
}

static void load(struct probe_screen *p, struct tui *t)
{
	struct mlps_probe_run *run;

	p->a = tui_load(t, p->id);
	if (!p->a)
		return;
	if (p->import) {
		run = read_file(t, p->import);
	} else {
		struct mlps_probe_opts o;
		struct mlps_error err;

		memset(&o, 0, sizeof(o));
		mlps_error_init(&err);
		run = mlps_probe_run(t->cat, &o, &err);
		if (!run)
			tui_error(t, &err);
		mlps_error_release(&err);
	}
	if (run)
		take_run(p, t, run);
}

static void layout(struct screen *s, struct tui *t)
{
	struct probe_screen *p = (struct probe_screen *)s;

	(void)t;
	int h = tui_body_height(), hl = h * 2 / 5 < 4 ? 4 : h * 2 / 5;

	if (p->w)
		delwin(p->w);
	if (p->wev)
		delwin(p->wev);
	p->w = newwin(hl, COLS - 2, tui_body_top(), 1);
	p->wev = newwin(h - hl > 1 ? h - hl : 1, COLS - 2, tui_body_top() + hl, 1);
	doc_release(&p->doc);
	doc_init(&p->doc, COLS - 3);
	doc_release(&p->ev);
	doc_init(&p->ev, COLS - 3);
	s->dirty = true;
}

static void enter(struct screen *s, struct tui *t)
{
	struct probe_screen *p = (struct probe_screen *)s;

	layout(s, t);
	if (!p->loaded) {
		p->loaded = true;
		load(p, t);
	}
}

static void leave(struct screen *s, struct tui *t)
{
	struct probe_screen *p = (struct probe_screen *)s;

	(void)t;
	if (p->w)
		delwin(p->w);
	if (p->wev)
		delwin(p->wev);
	p->w = p->wev = NULL;
}

static const char *decision_label(struct tui *t, enum decision d)
{
	switch (d) {
	case DEC_ACCEPTED:
		return TR(t, "已采纳", "accepted");
	case DEC_CHANGED:
		return TR(t, "已改答", "changed");
	case DEC_SKIPPED:
		return TR(t, "已跳过", "skipped");
	default:
		return "";
	}
}

static void build(struct probe_screen *p, struct tui *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	doc_clear(&p->doc);
	doc_clear(&p->ev);
	if (!p->run) {
		doc_line(&p->doc, -1);
		doc_seg(&p->doc, 0, STYLE_DIM, TR(t, "没有探测结果。按 i 导入探测文件，q 返回。",
						  "No probe results. Press i to import a probe file, q to go back."));
		return;
	}
	doc_line(&p->doc, -1);
	strbuf_addf(&sb, TR(t, "%s 的探测结果 → 对象 %s：%zu 项建议（均为待人工确认的证据，不是结论）",
			    "Probe of %s -> object %s: %zu proposals (evidence to confirm, not a verdict)"),
		    p->run->host ? p->run->host : "?", p->object, p->n_rows);
	doc_seg(&p->doc, 0, STYLE_HEADING, sb.buf);
	doc_line(&p->doc, -1);
	for (i = 0; i < p->n_rows; i++) {
		const struct mlps_probe_proposal *pr = &p->props[p->rows[i]];
		const struct mlps_answer *cur = mlps_assessment_answer(p->a, pr->req->key, p->object);
		const char *id = pr->req->ids[p->a->level] ? pr->req->ids[p->a->level] : pr->req->key;

		doc_line(&p->doc, (long)i);
		doc_seg(&p->doc, 0, i == p->cur ? STYLE_CURSOR : STYLE_ID, id);
		doc_seg(&p->doc, 13, crt_status_style(pr->status), mlps_status_label(pr->status, t->lang));
		strbuf_reset(&sb);
		if (cur && cur->status != MLPS_ST_UNANSWERED)
			strbuf_addf(&sb, "%s %s%s", TR(t, "现答案", "now"), mlps_status_label(cur->status, t->lang),
				    cur->to_confirm ? TR(t, "（待确认）", " (to confirm)") : "");
		doc_seg(&p->doc, 28, STYLE_DIM, sb.buf);
		doc_seg(&p->doc, 56, STYLE_DONE, decision_label(t, p->dec[i]));
	}
	if (p->n_rows) {
		const struct mlps_probe_proposal *pr = &p->props[p->rows[p->cur]];

		doc_line(&p->ev, -1);
		doc_seg(&p->ev, 0, STYLE_FRAME, "────");
		doc_seg(&p->ev, 5, STYLE_HEADING, TR(t, "要求与证据", "Requirement and evidence"));
		doc_wrap(&p->ev, 2, STYLE_NORMAL, mlps_text_get(mlps_req_text(pr->req, p->a->level), t->lang), -1);
		{
			const char *e = pr->evidence;

			while (e && *e) {
				size_t n = strcspn(e, "\n");
				char *line = mlps_strndup(e, n);

				doc_wrap(&p->ev, 2, line[0] == '[' ? STYLE_ID : STYLE_NORMAL, line, -1);
				free(line);
				e += n + (e[n] == '\n');
			}
		}
	}
	strbuf_release(&sb);
}

static void draw(struct screen *s, struct tui *t)
{
	struct probe_screen *p = (struct probe_screen *)s;
	size_t h = (size_t)getmaxy(p->w), line;

	if (!s->dirty || !p->w)
		return;
	s->dirty = false;
	build(p, t);
	/* Keep the highlighted proposal on screen. */
	line = doc_find_tag(&p->doc, (long)p->cur);
	if (line < p->doc.n) {
		if (line < p->top)
			p->top = line > 2 ? line - 2 : 0;
		if (line >= p->top + h)
			p->top = line - h + 1;
	}
	doc_draw(&p->doc, p->w, p->top);
	wnoutrefresh(p->w);
	if (p->ev_top + 1 > p->ev.n)
		p->ev_top = p->ev.n ? p->ev.n - 1 : 0;
	doc_draw(&p->ev, p->wev, p->ev_top);
	wnoutrefresh(p->wev);
}

static void title(struct screen *s, struct tui *t, struct strbuf *left, struct strbuf *right)
{
	struct probe_screen *p = (struct probe_screen *)s;

	strbuf_addf(left, TR(t, "探测建议 · #%lld @ %s", "Probe proposals · #%lld @ %s"), p->id, p->object);
	if (p->run)
		strbuf_addf(right, TR(t, "%zu 项检查", "%zu checks"), p->run->n_items);
}

/*
 * Saves the proposal as the person's answer with `status`: the probe's
 * evidence, confirmed (a person decided). An answer already given is
 * replaced only after a yes.
 */
static int save(struct probe_screen *p, struct tui *t, enum mlps_status status)
{
	const struct mlps_probe_proposal *pr = &p->props[p->rows[p->cur]];
	const struct mlps_answer *cur = mlps_assessment_answer(p->a, pr->req->key, p->object);
	struct mlps_answer ans;
	int rc;

	if (cur && cur->status != MLPS_ST_UNANSWERED && !cur->to_confirm && !mlps_probe_wrote(cur->who) &&
	    cur->status != status) {
		struct strbuf q = STRBUF_INIT;
		bool yes;

		strbuf_addf(&q, TR(t, "此项已答“%s”（%s），改为“%s”？", "Already answered %s (%s). Replace with %s?"),
			    mlps_status_label(cur->status, t->lang), cur->who ? cur->who : "?",
			    mlps_status_label(status, t->lang));
		yes = dialog_confirm(t, TR(t, "替换答案", "Replace the answer"), q.buf);
		strbuf_release(&q);
		tui_touch(t);
		if (!yes)
			return -1;
	}
	memset(&ans, 0, sizeof(ans));
	if (cur) {
		mlps_answer_copy(&ans, cur);
	} else {
		ans.key = mlps_strdup(pr->req->key);
		ans.object = mlps_strdup(p->object);
	}
	ans.status = status;
	free(ans.evidence);
	ans.evidence = mlps_strdup(pr->evidence);
	ans.to_confirm = false;
	ans.text_hash = pr->req->hash[p->a->level];
	if (status != MLPS_ST_NA) {
		free(ans.na_reason);
		ans.na_reason = NULL;
	}
	rc = tui_save_answer(t, p->a, &ans);
	mlps_answer_release(&ans);
	return rc;
}

static void next(struct probe_screen *p)
{
	if (p->cur + 1 < p->n_rows)
		p->cur++;
}

static unsigned import(struct probe_screen *p, struct tui *t)
{
	struct strbuf path = STRBUF_INIT;
	bool changed = false;
	enum dialog_result r;

	r = dialog_edit(t, TR(t, "导入探测文件", "Import a probe file"),
			TR(t, "mlps probe --format json 生成的文件路径", "path of a file written by mlps probe --format json"),
			p->import ? p->import : "", false, &path, &changed);
	tui_touch(t);
	if (r == DIALOG_OK && path.len) {
		struct mlps_probe_run *run = read_file(t, path.buf);

		if (run) {
			free(p->import);
			p->import = strbuf_detach(&path, NULL);
			take_run(p, t, run);
		}
	}
	strbuf_release(&path);
	p->base.dirty = true;
	return r == DIALOG_SIGNAL ? SCR_QUIT : SCR_OK;
}

static unsigned request(struct screen *s, struct tui *t, enum request req)
{
	struct probe_screen *p = (struct probe_screen *)s;
	static const enum mlps_status choices[] = { MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL, MLPS_ST_NONCOMPLIANT,
						    MLPS_ST_TODO };

	s->dirty = true;
	if (req == REQ_BACK)
		return SCR_BACK;
	if (req == REQ_IMPORT)
		return import(p, t);
	if (!p->a || !p->n_rows)
		return SCR_OK;
	if (req != REQ_PAGE_DOWN && req != REQ_PAGE_UP)
		p->ev_top = 0;
	switch (req) {
	case REQ_PAGE_DOWN:
		p->ev_top += (size_t)(p->wev ? getmaxy(p->wev) - 2 : 10);
		break;
	case REQ_PAGE_UP:
		p->ev_top = p->ev_top > 10 ? p->ev_top - (size_t)(p->wev ? getmaxy(p->wev) - 2 : 10) : 0;
		break;
	case REQ_DOWN:
		next(p);
		break;
	case REQ_UP:
		if (p->cur)
			p->cur--;
		break;
	case REQ_FIRST:
		p->cur = 0;
		break;
	case REQ_LAST:
		p->cur = p->n_rows - 1;
		break;
	case REQ_ACCEPT:
		if (save(p, t, p->props[p->rows[p->cur]].status) == 0) {
			p->dec[p->cur] = DEC_ACCEPTED;
			next(p);
		}
		break;
	case REQ_CHANGE: {
		const char *items[4];
		int i, pick;

		for (i = 0; i < 4; i++)
			items[i] = mlps_status_label(choices[i], t->lang);
		pick = dialog_menu(t, TR(t, "改为", "Answer instead"), items, 4, 0);
		tui_touch(t);
		if (pick >= 0 && save(p, t, choices[pick]) == 0) {
			p->dec[p->cur] = DEC_CHANGED;
			next(p);
		}
		break;
	}
	case REQ_SKIP:
		p->dec[p->cur] = DEC_SKIPPED;
		next(p);
		break;
	default:
		break;
	}
	return SCR_OK;
}

static void free_screen(struct screen *s)
{
	struct probe_screen *p = (struct probe_screen *)s;

	if (p->w)
		delwin(p->w);
	if (p->wev)
		delwin(p->wev);
	drop_run(p);
	mlps_assessment_free(p->a);
	doc_release(&p->doc);
	doc_release(&p->ev);
	free(p->object);
	free(p->import);
	free(p);
}

static const struct screen_ops probe_ops = {
	.scope = KS_PROBE,
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.draw = draw,
	.request = request,
	.title = title,
	.free = free_screen,
};

struct screen *probe_screen_new(struct tui *t, long long id, const char *object, const char *import)
{
	struct probe_screen *p = mlps_calloc(1, sizeof(*p));

	(void)t;
	p->base.ops = &probe_ops;
	p->id = id;
	p->object = mlps_strdup(object);
	p->import = import ? mlps_strdup(import) : NULL;
	doc_init(&p->doc, 76);
	doc_init(&p->ev, 76);
	return &p->base;
}
