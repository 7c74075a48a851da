/*
 * help.c - the `?` screen: the key table of the screen it was opened from,
 * then the keys that work everywhere, straight from keymap.c; a few lines
 * on top say what a newcomer most needs to know.
 */
#include <stdlib.h>

#include "doc.h"
#include "screen.h"
#include "utf8.h"

struct help {
	struct screen base;
	enum keyscope scope;        /* the screen whose keys are shown */
	struct doc doc;
	size_t top;
	WINDOW *w;
};

static const char *intro(enum keyscope scope, struct tui *t)
{
	switch (scope) {
	case KS_QUESTIONNAIRE:
		return TR(t, "一个键作答并跳到下一项；每个答案和修改都立即保存，随时退出也不会丢失。"
			     "复评沿用的答案标为待确认，按 y/p/n/a 确认。编辑框中 Enter 保存，Ctrl-J 换行，Esc 取消。",
			  "One key answers and moves to the next item; every answer and edit is saved at once, so "
			  "quitting at any time loses nothing. Carried answers of a re-audit are marked to confirm: "
			  "confirm them with y/p/n/a. In a text box Enter saves, Ctrl-J starts a new line, Esc cancels.");
	case KS_WIZARD:
		return TR(t, "系统名称一打开就可直接输入，Enter 确定后转到运营单位，再 Enter；↑ 或 Shift-Tab 离开输入框。"
			     "级别直接按数字键，或改用定级向导。Ctrl-D 创建。",
			  "The name field is open for typing at once: type it, Enter moves to the organisation, Enter "
			  "again; Up or Shift-Tab leave the field. Press a digit for the level or switch to the grading "
			  "wizard. Ctrl-D creates it.");
	case KS_HOME:
		return TR(t, "每个系统下列出它的各次评估：级别、创建日期、进度、得分、结论；系统行右侧是下次测评到期日。",
			  "Each system lists its assessments: grade, date, progress, score, verdict; the system's line "
			  "shows when its next evaluation is due.");
	case KS_SUMMARY:
		return TR(t, "得分和结论由规则文件计算；j/k 选择差距项，Enter 在问卷中打开它。",
			  "Scores and verdicts follow the rules file; j/k select a gap, Enter opens it in the questionnaire.");
	default:
		return "";
	}
}

static void add_scope(struct help *h, struct tui *t, enum keyscope scope)
{
	size_t i;

	doc_line(&h->doc, -1);
	doc_line(&h->doc, -1);
	doc_seg(&h->doc, 0, STYLE_HEADING, keymap_scope_name(scope, t->lang));
	for (i = 0; i < keymap_size(); i++) {
		const struct keybinding *b = keymap_entry(i);
		struct strbuf keys = STRBUF_INIT;

		if (b->scope != scope)
			continue;
		keymap_keys(&keys, b);
		doc_field(&h->doc, STYLE_HINT_KEY, keys.buf, 20, STYLE_NORMAL, b->help[t->lang == MLPS_LANG_EN]);
		/* The key column starts at 2. */
		h->doc.lines[h->doc.n - 1].segs[0].col = 2;
		strbuf_release(&keys);
	}
}

static void build(struct help *h, struct tui *t)
{
	doc_clear(&h->doc);
	doc_wrap(&h->doc, 0, STYLE_NORMAL, intro(h->scope, t), -1);
	if (h->scope != KS_GENERIC && h->scope != KS_HELP)
		add_scope(h, t, h->scope);
	add_scope(h, t, KS_GENERIC);
	doc_line(&h->doc, -1);
	doc_line(&h->doc, -1);
	doc_seg(&h->doc, 0, STYLE_DIM, TR(t, "q、Esc 或 ? 关闭帮助。", "q, Esc or ? closes the help."));
}

static void layout(struct screen *s, struct tui *t)
{
	struct help *h = (struct help *)s;

	if (h->w)
		delwin(h->w);
	h->w = newwin(tui_body_height(), COLS - 2, tui_body_top(), 1);
	doc_release(&h->doc);
	doc_init(&h->doc, COLS - 3);
	build(h, t);
	s->dirty = true;
}

static void enter(struct screen *s, struct tui *t)
{
	layout(s, t);
}

static void leave(struct screen *s, struct tui *t)
{
	struct help *h = (struct help *)s;

	(void)t;
	if (h->w)
		delwin(h->w);
	h->w = NULL;
}

static void draw(struct screen *s, struct tui *t)
{
	struct help *h = (struct help *)s;
	size_t rows = (size_t)getmaxy(h->w);

	(void)t;
	if (!s->dirty)
		return;
	s->dirty = false;
	if (h->top + rows > h->doc.n)
		h->top = h->doc.n > rows ? h->doc.n - rows : 0;
	doc_draw(&h->doc, h->w, h->top);
	wnoutrefresh(h->w);
}

static void title(struct screen *s, struct tui *t, struct strbuf *left, struct strbuf *right)
{
	struct help *h = (struct help *)s;

	(void)right;
	strbuf_addf(left, TR(t, "帮助 · %s", "Help · %s"), keymap_scope_name(h->scope, t->lang));
}

static unsigned request(struct screen *s, struct tui *t, enum request req)
{
	struct help *h = (struct help *)s;
	size_t page = (size_t)getmaxy(h->w) - 1;

	(void)t;
	s->dirty = true;
	switch (req) {
	case REQ_BACK:
		return SCR_BACK;
	case REQ_DOWN:
		h->top++;
		break;
	case REQ_UP:
		if (h->top)
			h->top--;
		break;
	case REQ_PAGE_DOWN:
		h->top += page;
		break;
	case REQ_PAGE_UP:
		h->top = h->top > page ? h->top - page : 0;
		break;
	case REQ_FIRST:
		h->top = 0;
		break;
	case REQ_LAST:
		h->top = h->doc.n;
		break;
	default:
		break;
	}
	return SCR_OK;
}

static void free_screen(struct screen *s)
{
	struct help *h = (struct help *)s;

	if (h->w)
		delwin(h->w);
	doc_release(&h->doc);
	free(h);
}

static const struct screen_ops help_ops = {
	.scope = KS_HELP,
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.draw = draw,
	.request = request,
	.title = title,
	.free = free_screen,
};

struct screen *help_screen_new(struct tui *t, enum keyscope scope)
{
	struct help *h = mlps_calloc(1, sizeof(*h));

	(void)t;
	h->base.ops = &help_ops;
	h->scope = scope;
	doc_init(&h->doc, 76);
	return &h->base;
}
