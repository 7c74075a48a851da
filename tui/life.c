/*
 * life.c - an assessment's life from the UI, as `mlps finalise`, `mlps
 * reopen` and `mlps log ASSESSMENT ID` do it from the shell: sign-off in a
 * few dialogs (assessor, reviewer, date), reopening with a reason, and one
 * item's history in a list. The store checks the status of every write; the
 * dialogs only ask for what it needs.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "localtime.h"
#include "dialog.h"
#include "screen.h"

static void today(char out[11])
{
	const char *fixed = getenv("MLPS_NOW");
	time_t now = time(NULL);
	struct tm tm;

	if (fixed && strlen(fixed) >= 10) {
		memcpy(out, fixed, 10);
		out[10] = '\0';
		return;
	}
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Asks for one text; false when cancelled. */
static bool ask(struct tui *t, const char *title, const char *note, const char *initial, struct strbuf *out)
{
	bool changed;

	return dialog_edit(t, title, note, initial, false, out, &changed) == DIALOG_OK;
}

static void reopen(struct tui *t, const struct mlps_assessment *a)
{
	struct strbuf reason = STRBUF_INIT;
	struct mlps_error err;

	mlps_error_init(&err);
	if (!ask(t, TR(t, "重新打开：理由", "Reopen: the reason"),
		 TR(t, "已定稿的评估要改动，须说明理由（记入修改记录）。", "A final assessment is changed only for a "
		    "reason, which the log keeps."), NULL, &reason))
		goto out;
	if (!reason.len) {
		tui_message(t, STYLE_ERROR, "%s", TR(t, "理由不能为空；评估仍为定稿。", "A reason is needed; still final."));
		goto out;
	}
	if (mlps_store_reopen(t->st, a->id, reason.buf, NULL, &err))
		tui_error(t, &err);
	else
		tui_message(t, STYLE_DONE, TR(t, "评估 #%lld 已重新打开为草稿", "assessment #%lld is a draft again"),
			    a->id);
out:
	strbuf_release(&reason);
	mlps_error_release(&err);
}

void tui_finalise(struct tui *t, long long id)
{
	struct mlps_assessment *a = tui_load(t, id);
	struct mlps_score *s = NULL;
	struct strbuf assessor = STRBUF_INIT, reviewer = STRBUF_INIT, date = STRBUF_INIT, q = STRBUF_INIT;
	struct strbuf catalog = STRBUF_INIT;
	struct mlps_signoff so;
	struct mlps_error err;
	const struct mlps_tally *tally;
	const char *base;
	char day[11];

	mlps_error_init(&err);
	if (!a)
		goto out;
	if (a->status == MLPS_FINAL) {
		reopen(t, a);
		goto out;
	}
	s = tui_score(t, a);
	if (!s)
		goto out;
	memset(&so, 0, sizeof(so));
	tally = mlps_score_level(s, a->level);
	so.open = tally->n[MLPS_ST_UNANSWERED] + tally->n[MLPS_ST_TODO];
	if (so.open) {
		strbuf_addf(&q, TR(t, "还有 %d 项未答或待确认。仍然定稿吗？未完成的项数会记入签署信息。",
				   "%d items are unanswered or to confirm. Finalise anyway? The number left open is "
				   "recorded in the sign-off."), so.open);
		if (!dialog_confirm(t, TR(t, "定稿", "Finalise"), q.buf))
			goto out;
	}
	if (!ask(t, TR(t, "定稿：评估人", "Finalise: assessor"), TR(t, "签署人，必填", "who signs (required)"),
		 a->assessor, &assessor))
		goto out;
	if (!assessor.len) {
		tui_message(t, STYLE_ERROR, "%s", TR(t, "签署需要评估人；未定稿。", "A sign-off needs the assessor; "
						     "not finalised."));
		goto out;
	}
	if (!ask(t, TR(t, "定稿：审核人", "Finalise: reviewer"), TR(t, "可留空", "may be empty"), NULL, &reviewer))
		goto out;
	today(day);
	if (!ask(t, TR(t, "定稿：签署日期", "Finalise: date"), "YYYY-MM-DD", day, &date))
		goto out;
	if (!mlps_date_valid(date.buf)) {
		tui_message(t, STYLE_ERROR, TR(t, "'%s' 不是有效日期（YYYY-MM-DD）；未定稿。",
					       "'%s' is not a date (YYYY-MM-DD); not finalised."), date.buf);
		goto out;
	}
	base = strrchr(mlps_catalog_dir(t->cat), '/');
	strbuf_addf(&catalog, "%s %s", base ? base + 1 : mlps_catalog_dir(t->cat), mlps_catalog_hash(t->cat));
	so.assessor = assessor.buf;
	so.reviewer = reviewer.buf;
	so.date = date.buf;
	so.catalog = catalog.buf;
	so.rules = mlps_catalog_rules(t->cat) ? mlps_catalog_rules(t->cat)->id : NULL;
	if (mlps_store_finalise(t->st, id, &so, NULL, &err))
		tui_error(t, &err);
	else
		tui_message(t, STYLE_DONE, TR(t, "评估 #%lld 已定稿：评估人 %s，日期 %s。报告带签署信息，修改须先重新打开（F）。",
					      "Assessment #%lld is final: assessor %s, date %s. Reports carry the sign-off; "
					      "reopen (F) to change it."), id, so.assessor, so.date);
out:
	strbuf_release(&assessor);
	strbuf_release(&reviewer);
	strbuf_release(&date);
	strbuf_release(&catalog);
	strbuf_release(&q);
	mlps_error_release(&err);
	mlps_score_free(s);
	mlps_assessment_free(a);
	tui_touch(t);
	tui_frame_dirty(t);
}

void tui_history(struct tui *t, long long id, const struct mlps_requirement *req, int level)
{
	struct mlps_log_entry *e = NULL;
	struct mlps_error err;
	struct strbuf title = STRBUF_INIT, *lines = NULL;
	const char **items = NULL;
	size_t n = 0, i;

	mlps_error_init(&err);
	if (mlps_store_log(t->st, id, req->key, &e, &n, &err)) {
		tui_error(t, &err);
		goto out;
	}
	strbuf_addf(&title, TR(t, "修改记录 · %s", "History · %s"), req->ids[level] ? req->ids[level] : req->key);
	if (!n) {
		tui_message(t, STYLE_DIM, TR(t, "%s 还没有修改记录。", "%s has no history yet."), title.buf);
		goto out;
	}
	lines = mlps_calloc(n, sizeof(*lines));
	items = mlps_calloc(n, sizeof(*items));
	/* Newest first: the question is usually "who changed this last". */
	for (i = 0; i < n; i++) {
		const struct mlps_log_entry *x = &e[n - 1 - i];
		enum mlps_status before = MLPS_ST_UNANSWERED, after = MLPS_ST_UNANSWERED;
		char when[17];

		strbuf_init(&lines[i]);
		if (x->old_status)
			mlps_status_parse(x->old_status, &before);
		if (x->new_status)
			mlps_status_parse(x->new_status, &after);
		mlps_local_datetime(when, x->at);
		strbuf_addf(&lines[i], "%s  %s  %s: %s → %s", when, x->who ? x->who : "?",
			    x->object ? x->object : "", x->old_status ? mlps_status_label(before, t->lang) : "—",
			    mlps_status_label(after, t->lang));
		if (x->changed)
			strbuf_addf(&lines[i], TR(t, "（改：%s）", " (changed: %s)"), x->changed);
		items[i] = lines[i].buf;
	}
	dialog_menu(t, title.buf, items, (int)n, 0);
	for (i = 0; i < n; i++)
		strbuf_release(&lines[i]);
out:
	free(lines);
	free((void *)items);
	strbuf_release(&title);
	mlps_store_log_free(e, n);
	mlps_error_release(&err);
	tui_touch(t);
}
