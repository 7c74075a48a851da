/*
 * tui.c - the main loop and the frame around every screen.
 *
 * The loop knows no screen in particular (tig's view loop): it paints the
 * top screen and the frame, reads a key, turns it into a request through
 * the keymap, lets the top screen handle it, and acts on the SCR_* bits
 * that come back. Help, language, redraw and quit are the same on every
 * screen and are handled here.
 */
#include "tui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "localtime.h"
#include "screen.h"
#include "summary.h"
#include "utf8.h"

int tui_body_top(void)
{
	return 1;
}

int tui_body_height(void)
{
	return LINES - 3 > 1 ? LINES - 3 : 1;
}

void tui_message(struct tui *t, enum crt_style st, const char *fmt, ...)
{
	va_list ap;

	strbuf_reset(&t->message);
	va_start(ap, fmt);
	strbuf_vaddf(&t->message, fmt, ap);
	va_end(ap);
	t->message_style = st;
	t->status_dirty = true;
}

void tui_error(struct tui *t, struct mlps_error *err)
{
	const char *msg = mlps_error_message(err), *db = t->st ? mlps_store_path(t->st) : NULL;
	size_t len;

	/* The screen is of one database: the message line starts with what went wrong, not its name. */
	if (db && !strncmp(msg, db, strlen(db)) && !strncmp(msg + strlen(db), ": ", 2))
		msg += strlen(db) + 2;
	len = strcspn(msg, "\n");
	strbuf_reset(&t->message);
	strbuf_add(&t->message, msg, len);
	t->message_style = STYLE_ERROR;
	t->status_dirty = true;
}

void tui_frame_dirty(struct tui *t)
{
	t->frame_dirty = true;
}

static struct screen *top(struct tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

void tui_touch(struct tui *t)
{
	if (top(t))
		top(t)->dirty = true;
	t->frame_dirty = true;
	t->status_dirty = true;
}

/* Frame */

static void frame_free(struct tui *t)
{
	if (t->title)
		delwin(t->title);
	if (t->status)
		delwin(t->status);
	if (t->hints)
		delwin(t->hints);
	t->title = t->status = t->hints = NULL;
}

static void frame_layout(struct tui *t)
{
	frame_free(t);
	t->title = newwin(1, COLS, 0, 0);
	t->status = newwin(1, COLS, LINES - 2, 0);
	t->hints = newwin(1, COLS, LINES - 1, 0);
	/* Keys are read on the hint line: it is refreshed with the rest, so reading repaints nothing. */
	crt_input(t->hints);
	t->frame_dirty = true;
	t->status_dirty = true;
}

static void draw_title(struct tui *t)
{
	struct strbuf left = STRBUF_INIT, right = STRBUF_INIT;
	struct screen *s = top(t);
	int rw;

	if (s && s->ops->title)
		s->ops->title(s, t, &left, &right);
	if (right.len)
		strbuf_adds(&right, "  ");
	strbuf_adds(&right, TR(t, "中文 ", "EN "));
	crt_fill(t->title, 0, 0, COLS, STYLE_TITLE);
	rw = (int)mlps_utf8_width(right.buf);
	if (rw > COLS / 2)
		rw = COLS / 2;
	crt_put(t->title, 0, 0, 6, STYLE_TITLE, " mlps ");
	crt_put(t->title, 0, 6, COLS - 6 - rw - 1, STYLE_TITLE, left.buf);
	crt_put_right(t->title, 0, COLS - rw, rw, STYLE_TITLE, right.buf);
	wnoutrefresh(t->title);
	strbuf_release(&left);
	strbuf_release(&right);
}

/* The binding of req seen from a scope (its own first), or NULL. */
static const struct keybinding *binding_for(enum keyscope scope, enum request req)
{
	const struct keybinding *generic = NULL;
	size_t i;

	for (i = 0; i < keymap_size(); i++) {
		const struct keybinding *b = keymap_entry(i);

		if (b->req != req)
			continue;
		if (b->scope == scope)
			return b;
		if (b->scope == KS_GENERIC && !generic)
			generic = b;
	}
	return generic;
}

/* A Chinese label reads fine right after its key ("y符合"), and a column saved is a hint more at 80. */
static const char *hint_gap(const char *label)
{
	uint32_t cp = 0;

	mlps_utf8_decode(label, strlen(label), &cp);
	return mlps_cp_width(cp) == 2 ? "" : " ";
}

/* label NULL: the binding's own hint. */
static int hint_width(const struct keybinding *b, enum mlps_lang lang, const char *label)
{
	struct strbuf k = STRBUF_INIT;
	int w;

	if (!label)
		label = b->hint[lang == MLPS_LANG_EN];
	keymap_key_name(&k, b->keys[0]);
	w = (int)mlps_utf8_width(k.buf) + (int)strlen(hint_gap(label)) + (int)mlps_utf8_width(label) + 2;
	strbuf_release(&k);
	return w;
}

static int draw_hint(WINDOW *w, int x, int limit, const struct keybinding *b, enum mlps_lang lang,
		     const char *label)
{
	struct strbuf k = STRBUF_INIT;
	int used;

	if (!label)
		label = b->hint[lang == MLPS_LANG_EN];
	keymap_key_name(&k, b->keys[0]);
	used = crt_put(w, 0, x, limit - x, STYLE_HINT_KEY, k.buf);
	used += crt_put(w, 0, x + used, limit - x - used, STYLE_HINT, hint_gap(label));
	used += crt_put(w, 0, x + used, limit - x - used, STYLE_HINT, label);
	strbuf_release(&k);
	return used + 2;
}

/*
 * The hint line: summary (where the screen has one), back, language and
 * help always show on the right; the screen's own hints fill the left in
 * table order, as many as fit. When some do not fit, help says so ("?
 * more keys"): the rest are one key away, in the help it opens.
 */
static void draw_hints(struct tui *t)
{
	static const enum request fixed[] = { REQ_SUMMARY, REQ_BACK, REQ_LANG, REQ_HELP };
	static const char *const more[2] = { "更多键", "more keys" };
	const char *more_label = more[t->lang == MLPS_LANG_EN];
	struct screen *s = top(t);
	enum keyscope scope = s ? s->ops->scope : KS_GENERIC;
	int right = 0, x = 1, limit, i, hidden = 0;
	size_t n, f;

	werase(t->hints);
	for (i = 0; i < 4; i++) {
		const struct keybinding *b = binding_for(scope, fixed[i]);

		if (b && b->hint[0])
			right += hint_width(b, t->lang, fixed[i] == REQ_HELP ? more_label : NULL);
	}
	limit = COLS - 1 - right;
	for (n = 0; scope != KS_GENERIC && n < keymap_size(); n++) {
		const struct keybinding *b = keymap_entry(n);
		bool is_fixed = false;

		for (f = 0; f < 4; f++)
			is_fixed |= b->req == fixed[f];
		if (b->scope != scope || !b->hint[0] || is_fixed)
			continue;
		if (hidden || x + hint_width(b, t->lang, NULL) > limit) {
			hidden++;
			continue;
		}
		x += draw_hint(t->hints, x, limit, b, t->lang, NULL);
	}
	x = limit;
	for (i = 0; i < 4; i++) {
		const struct keybinding *b = binding_for(scope, fixed[i]);

		if (b && b->hint[0])
			x += draw_hint(t->hints, x, COLS - 1, b, t->lang,
				       fixed[i] == REQ_HELP && hidden ? more_label : NULL);
	}
	wnoutrefresh(t->hints);
}

static void draw_status(struct tui *t)
{
	werase(t->status);
	if (t->message.len)
		crt_put(t->status, 0, 1, COLS - 2, t->message_style, t->message.buf);
	wnoutrefresh(t->status);
}

/*
 * The frame first, the screen last: the terminal's cursor ends where the
 * last refreshed window left it, which must be the screen (a field being
 * typed in), never the hint line.
 */
void tui_paint(struct tui *t)
{
	struct screen *s = top(t);

	if (t->frame_dirty) {
		draw_title(t);
		draw_hints(t);
		t->frame_dirty = false;
	}
	if (t->status_dirty) {
		draw_status(t);
		t->status_dirty = false;
	}
	if (s)
		s->ops->draw(s, t);
}

static void relayout(struct tui *t)
{
	struct screen *s = top(t);

	frame_layout(t);
	if (s)
		s->ops->layout(s, t);
	/* A resize may leave garbage on some terminals: repaint every cell once. */
	clearok(curscr, TRUE);
}

/* "noncompliant" -> 不符合 (the name as the log stores it). */
static const char *status_label(const char *name, enum mlps_lang lang)
{
	enum mlps_status st;

	return name && mlps_status_parse(name, &st) == 0 ? mlps_status_label(st, lang) : name ? name : "?";
}

/*
 * Changes committed by another mlps (the CLI, another user): the top screen
 * reloads what it shows, and the message line says who changed what. While a
 * dialog is open nothing is reloaded (the code that opened it holds pointers
 * into the data); the reload waits until it closes, and a save made from
 * the dialog meanwhile is a compare-and-set that notices. Returns true when
 * something changed.
 */
static bool poll_elsewhere(struct tui *t)
{
	struct screen *s = t->depth ? t->stack[t->depth - 1] : NULL;
	struct mlps_store_change c;
	struct mlps_error err;

	if (!t->st || (!mlps_store_changed_elsewhere(t->st) && !t->sync_pending))
		return false;
	if (t->modal) {
		t->sync_pending = true;
		return true;
	}
	t->sync_pending = false;
	if (!s || !s->ops->sync)
		return true;
	s->ops->sync(s, t);
	s->dirty = true;
	t->frame_dirty = true;
	mlps_error_init(&err);
	if (t->current_id && mlps_store_last_change(t->st, t->current_id, &c, &err) == 0 && c.who) {
		struct strbuf what = STRBUF_INIT;
		const struct mlps_requirement *r = c.key ? mlps_catalog_find_key(t->cat, c.key) : NULL;
		/* The item as people know it: its ID at the assessment's level, and the time in local time. */
		const char *id = r && c.level ? r->ids[c.level] : NULL;
		char at[17];

		mlps_local_datetime(at, c.at);
		strbuf_addf(&what, "%s%s%s", id ? id : c.key, c.object ? " @ " : "", c.object ? c.object : "");
		if (t->lang == MLPS_LANG_EN)
			tui_message(t, STYLE_TODO, "Reloaded a change made elsewhere: %s set %s to %s at %s",
				    c.who, what.buf, status_label(c.status, t->lang), at);
		else
			tui_message(t, STYLE_TODO, "已载入别处的修改：%s 于 %s 将 %s 设为 %s", c.who, at, what.buf,
				    status_label(c.status, t->lang));
		strbuf_release(&what);
		mlps_store_change_release(&c);
	} else {
		tui_message(t, STYLE_TODO, "%s", TR(t, "已载入别处的修改。", "Reloaded changes made elsewhere."));
	}
	mlps_error_release(&err);
	tui_paint(t);
	doupdate();
	return true;
}

enum crt_event tui_read(struct tui *t, WINDOW *w, int *key)
{
	enum crt_event ev;

	/* Idle and before each key: act on what the screen shows now, not on what it showed. */
	while ((ev = crt_read(w, key)) == CRT_IDLE)
		poll_elsewhere(t);
	if (ev == CRT_KEY)
		poll_elsewhere(t);
	if (ev == CRT_SIGNAL) {
		t->quit = true;
		return ev;
	}
	if (ev != CRT_RESIZE)
		return ev;
	/* Below the minimum size nothing else is drawn; keys wait until it grows. */
	while (crt_too_small()) {
		crt_draw_too_small(t->lang);
		while ((ev = crt_read(stdscr, key)) == CRT_IDLE)
			;
		if (ev == CRT_SIGNAL) {
			t->quit = true;
			return ev;
		}
	}
	relayout(t);
	return CRT_RESIZE;
}

/* Stack */

static void push(struct tui *t, struct screen *s)
{
	if (t->depth == TUI_MAX_DEPTH) {
		s->ops->free(s);
		tui_message(t, STYLE_ERROR, "%s", TR(t, "打开的屏幕太多，请先按 q 返回", "too many screens open: press q first"));
		return;
	}
	if (top(t))
		top(t)->ops->leave(top(t), t);
	t->stack[t->depth++] = s;
	s->dirty = true;
	s->ops->enter(s, t);
	t->frame_dirty = true;
}

static void pop(struct tui *t, bool enter_below)
{
	struct screen *s = top(t);

	if (!s)
		return;
	s->ops->leave(s, t);
	s->ops->free(s);
	t->depth--;
	if (enter_below && top(t)) {
		top(t)->dirty = true;
		top(t)->ops->enter(top(t), t);
	}
	t->frame_dirty = true;
}

/* Requests that mean the same on every screen. Returns true when handled. */
static bool generic_request(struct tui *t, enum request req)
{
	struct screen *s = top(t);

	switch (req) {
	case REQ_HELP:
		if (s->ops->scope == KS_HELP)
			pop(t, true);
		else
			push(t, help_screen_new(t, s->ops->scope));
		return true;
	case REQ_LANG:
		t->lang = t->lang == MLPS_LANG_EN ? MLPS_LANG_ZH : MLPS_LANG_EN;
		s->ops->layout(s, t);
		tui_touch(t);
		return true;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		tui_touch(t);
		return true;
	case REQ_QUIT:
		t->quit = true;
		return true;
	default:
		return false;
	}
}

static void unbound_key(struct tui *t, int key)
{
	struct strbuf name = STRBUF_INIT;

	if (CRT_IS_FKEY(key) || key < 0x20 || key == 0x7f)
		keymap_key_name(&name, key);
	else
		strbuf_addf(&name, "%lc", (wint_t)key);
	tui_message(t, STYLE_DIM, TR(t, "按键 %s 在此没有作用；按 ? 查看全部按键", "%s does nothing here; press ? for every key"),
		    name.buf);
	strbuf_release(&name);
}

static void run(struct tui *t)
{
	while (!t->quit && t->depth > 0) {
		struct screen *s = top(t);
		enum crt_event ev;
		enum request req;
		unsigned flags;
		int key = 0;

		tui_paint(t);
		doupdate();
		if (t->pending != REQ_NONE) {
			/* A screen asked to start with a request of its own (the wizard's first field). */
			req = t->pending;
			t->pending = REQ_NONE;
		} else {
			ev = tui_read(t, t->hints, &key);
			if (ev != CRT_KEY)
				continue;
			if (t->message.len) {
				strbuf_reset(&t->message);
				t->status_dirty = true;
			}
			req = keymap_request(s->ops->scope, key);
			if (req == REQ_NONE) {
				unbound_key(t, key);
				continue;
			}
		}
		if (generic_request(t, req))
			continue;
		t->next = NULL;
		flags = s->ops->request(s, t, req);
		if (flags & SCR_QUIT)
			t->quit = true;
		if (flags & (SCR_BACK | SCR_REPLACE))
			pop(t, !(flags & SCR_REPLACE) || !t->next);
		if ((flags & (SCR_PUSH | SCR_REPLACE)) && t->next)
			push(t, t->next);
		t->next = NULL;
	}
}

int mlps_tui_run(const struct mlps_tui_args *args, int *signo, struct mlps_error *err)
{
	struct tui t;
	struct screen *s;

	*signo = 0;
	if (!mlps_catalog_rules(args->cat))
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the profile set has no rules file",
				      mlps_catalog_dir(args->cat));
	/* Where the database stands before anything is read: later commits elsewhere are seen. */
	mlps_store_changed_elsewhere(args->st);
	if (args->open_id) {
		/* Fail before taking the terminal, so the message lands on a normal screen. */
		struct mlps_assessment *a = mlps_store_load(args->st, args->open_id, err);

		if (!a)
			return -1;
		mlps_assessment_free(a);
	}
	memset(&t, 0, sizeof(t));
	t.cat = args->cat;
	t.st = args->st;
	t.lang = args->lang;
	strbuf_init(&t.message);
	if (crt_init(err))
		return -1;
	crt_input(stdscr);
	frame_layout(&t);
	if (crt_too_small()) {
		int key;

		/* Start small: wait, like any later shrink, until the window is big enough. */
		while (crt_too_small() && !t.quit) {
			crt_draw_too_small(t.lang);
			if (crt_read(stdscr, &key) == CRT_SIGNAL)
				t.quit = true;
		}
		frame_layout(&t);
		clearok(curscr, TRUE);
	}
	if (!t.quit) {
		struct screen *home = home_screen_new(&t);

		s = args->open_id ? questionnaire_screen_new(&t, args->open_id) : NULL;
		if (s) {
			/*
			 * `mlps open N` paints the questionnaire first. Home, which reads
			 * and scores every assessment, waits below unentered: it loads
			 * when it is first shown (pop() enters the screen below).
			 */
			t.stack[t.depth++] = home;
			push(&t, s);
		} else {
			push(&t, home);
		}
		run(&t);
	}
	while (t.depth > 0)
		pop(&t, false);
	frame_free(&t);
	crt_done();
	*signo = crt_signal();
	strbuf_release(&t.message);
	free(t.jump_key);
	return 0;
}

/* Data helpers shared by the screens */

struct mlps_assessment *tui_load(struct tui *t, long long id)
{
	struct mlps_error err;
	struct mlps_assessment *a;

	mlps_error_init(&err);
	a = mlps_store_load(t->st, id, &err);
	if (!a)
		tui_error(t, &err);
	mlps_error_release(&err);
	return a;
}

struct mlps_score *tui_score(struct tui *t, const struct mlps_assessment *a)
{
	struct mlps_error err;
	struct mlps_score *s;

	mlps_error_init(&err);
	s = mlps_score_compute(t->cat, a, &err);
	if (!s)
		tui_error(t, &err);
	mlps_error_release(&err);
	return s;
}

int tui_reload(struct tui *t, struct mlps_assessment *a)
{
	struct mlps_error err;
	struct mlps_assessment *fresh, old;

	/*
	 * Take the whole assessment back from the store, so that what is shown
	 * is exactly what is committed and every answer names an object of
	 * a->objects, even if another mlps changed the objects meanwhile. fresh
	 * takes the old contents of a and frees them.
	 */
	mlps_error_init(&err);
	fresh = mlps_store_load(t->st, a->id, &err);
	if (!fresh) {
		tui_error(t, &err);
		mlps_error_release(&err);
		return -1;
	}
	old = *a;
	*a = *fresh;
	*fresh = old;
	mlps_assessment_free(fresh);
	mlps_error_release(&err);
	return 0;
}

int tui_save_answer(struct tui *t, struct mlps_assessment *a, struct mlps_answer *ans)
{
	struct mlps_error err;
	int rc = -1;

	mlps_error_init(&err);
	/* The store stamps who and when; what the answer carried is stale. */
	free(ans->who);
	free(ans->updated);
	ans->who = ans->updated = NULL;
	if (mlps_answer_check(ans, &err)) {
		tui_error(t, &err);
		goto out;
	}
	if (mlps_store_save_answer_cas(t->st, a->id, ans, NULL, &err)) {
		/* Someone else wrote first: show theirs, never overwrite it unseen. */
		if (err.kind == MLPS_ERR_CONFLICT)
			tui_reload(t, a);
		tui_error(t, &err);
		rc = err.kind == MLPS_ERR_CONFLICT ? 1 : -1;
		goto out;
	}
	rc = 0;
	mlps_assessment_put(a, ans);
	tui_reload(t, a);
out:
	mlps_error_release(&err);
	return rc;
}

void tui_notation(struct strbuf *out, const struct mlps_assessment *a)
{
	mlps_summary_notation(out, a);
}
