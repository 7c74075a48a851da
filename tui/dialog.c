/*
 * dialog.c - modal boxes (see dialog.h). A dialog's window is made anew
 * after every resize, centred on the terminal, and deleted when it closes.
 */
#include "dialog.h"

#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "utf8.h"

static WINDOW *centred(int h, int w)
{
	WINDOW *win;

	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	crt_input(win);
	return win;
}

static void frame(WINDOW *w, const char *title)
{
	werase(w);
	crt_box(w);
	if (title && *title) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, " %s ", title);
		crt_put(w, 0, 2, getmaxx(w) - 4, STYLE_HEADING, sb.buf);
		strbuf_release(&sb);
	}
}

/* Closes a dialog: the screen below is painted again on the next round. */
static void close_dialog(struct tui *t, WINDOW *w)
{
	curs_set(0);
	delwin(w);
	tui_touch(t);
}

/* Wrapped lines of text, for a width. Caller releases sb. */
static int wrap_lines(struct strbuf *sb, const char *text, int width)
{
	int n = 0;
	size_t i;

	mlps_utf8_wrap(sb, text, (size_t)width, 0, 0);
	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] == '\n')
			n++;
	return n;
}

static void put_lines(WINDOW *w, int y, int x, int width, enum crt_style st, const char *wrapped)
{
	const char *p = wrapped;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = mlps_strndup(p, len);

		crt_put(w, y++, x, width, st, line);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static bool confirm_modal(struct tui *t, const char *title, const char *question)
{
	struct strbuf text = STRBUF_INIT;
	const char *footer = TR(t, "y 是    n 否", "y yes    n no");
	WINDOW *w = NULL;
	bool answer = false;
	int width, lines, key;

	for (;;) {
		enum crt_event ev;

		if (!w) {
			width = COLS - 4 < 64 ? COLS - 4 : 64;
			strbuf_reset(&text);
			lines = wrap_lines(&text, question, width - 4);
			w = centred(lines + 4, width);
		}
		tui_paint(t);
		frame(w, title);
		put_lines(w, 1, 2, width - 4, STYLE_NORMAL, text.buf);
		crt_put(w, lines + 2, 2, width - 4, STYLE_HINT_KEY, footer);
		wnoutrefresh(w);
		doupdate();
		ev = tui_read(t, w, &key);
		if (ev == CRT_SIGNAL)
			break;
		if (ev == CRT_RESIZE) {
			delwin(w);
			w = NULL;
			continue;
		}
		if (key == 'y' || key == 'Y') {
			answer = true;
			break;
		}
		if (key == 'n' || key == 'N' || key == 'q' || key == CRT_ESC)
			break;
	}
	close_dialog(t, w);
	strbuf_release(&text);
	return answer;
}

static int menu_modal(struct tui *t, const char *title, const char *const *items, int n, int current)
{
	WINDOW *w = NULL;
	const char *footer = TR(t, "Enter 选择  Esc 取消", "Enter choose  Esc cancel");
	int i, width = (int)mlps_utf8_width(title) + 8, choice = current, key, result = -1;

	if ((int)mlps_utf8_width(footer) + 4 > width)
		width = (int)mlps_utf8_width(footer) + 4;
	for (i = 0; i < n; i++) {
		int iw = (int)mlps_utf8_width(items[i]) + 10;

		if (iw > width)
			width = iw;
	}
	if (choice < 0 || choice >= n)
		choice = 0;
	for (;;) {
		enum crt_event ev;
		int top = 0, rows;

		if (!w)
			w = centred(n + 4, width);
		rows = getmaxy(w) - 4;
		if (choice >= rows)
			top = choice - rows + 1;
		tui_paint(t);
		frame(w, title);
		for (i = 0; i < rows && top + i < n; i++) {
			struct strbuf sb = STRBUF_INIT;
			enum crt_style st = top + i == choice ? STYLE_CURSOR : STYLE_NORMAL;

			if (top + i < 9)
				strbuf_addf(&sb, " %d  %s", top + i + 1, items[top + i]);
			else
				strbuf_addf(&sb, "    %s", items[top + i]);
			crt_fill(w, i + 1, 1, getmaxx(w) - 2, st);
			crt_put(w, i + 1, 1, getmaxx(w) - 2, st, sb.buf);
			strbuf_release(&sb);
		}
		crt_put(w, getmaxy(w) - 2, 2, getmaxx(w) - 4, STYLE_DIM, footer);
		wnoutrefresh(w);
		doupdate();
		ev = tui_read(t, w, &key);
		if (ev == CRT_SIGNAL)
			break;
		if (ev == CRT_RESIZE) {
			delwin(w);
			w = NULL;
			continue;
		}
		if (key >= '1' && key <= '9' && key - '1' < n) {
			result = key - '1';
			break;
		}
		if (key == '\r' || key == '\n' || key == CRT_FKEY(KEY_ENTER) || key == ' ') {
			result = choice;
			break;
		}
		if (key == CRT_ESC || key == 'q')
			break;
		if ((key == 'j' || key == CRT_FKEY(KEY_DOWN)) && choice + 1 < n)
			choice++;
		if ((key == 'k' || key == CRT_FKEY(KEY_UP)) && choice > 0)
			choice--;
	}
	close_dialog(t, w);
	return result;
}

static enum dialog_result edit_modal(struct tui *t, const char *title, const char *note, const char *initial,
			       bool multiline, struct strbuf *out, bool *changed)
{
	struct editor ed;
	struct strbuf wrapped = STRBUF_INIT;
	const char *footer = multiline
		? TR(t, "Ctrl-D 保存   Enter 换行   Esc 取消", "Ctrl-D save   Enter new line   Esc cancel")
		: TR(t, "Enter 确定   Esc 取消", "Enter OK   Esc cancel");
	enum dialog_result result = DIALOG_CANCEL;
	WINDOW *w = NULL;
	int width = 0, note_lines = 0, rows = 1, key;

	editor_init(&ed, initial, multiline);
	for (;;) {
		enum crt_event ev;
		enum editor_action act;

		if (!w) {
			width = COLS - 4 < 76 ? COLS - 4 : 76;
			strbuf_reset(&wrapped);
			note_lines = note && *note ? wrap_lines(&wrapped, note, width - 4) : 0;
			if (note_lines > 4)
				note_lines = 4;
			rows = multiline ? LINES - 8 - note_lines : 1;
			if (rows > 10)
				rows = 10;
			if (rows < 1)
				rows = 1;
			w = centred(note_lines + rows + 5, width);
		}
		tui_paint(t);
		frame(w, title);
		put_lines(w, 1, 2, width - 4, STYLE_DIM, wrapped.buf);
		crt_put(w, note_lines + rows + 3, 2, width - 4, STYLE_HINT_KEY, footer);
		curs_set(1);
		editor_draw(&ed, w, note_lines + 2, 2, rows, width - 4);
		wnoutrefresh(w);
		doupdate();
		ev = tui_read(t, w, &key);
		if (ev == CRT_SIGNAL) {
			result = DIALOG_SIGNAL;
			break;
		}
		if (ev == CRT_RESIZE) {
			delwin(w);
			w = NULL;
			continue;
		}
		act = editor_key(&ed, key);
		if (act == EDITOR_ACCEPT) {
			result = DIALOG_OK;
			break;
		}
		if (act == EDITOR_CANCEL) {
			if (!ed.changed)
				break;
			curs_set(0);
			if (dialog_confirm(t, TR(t, "放弃修改？", "Discard changes?"),
					   TR(t, "已输入的内容尚未保存。放弃它吗？", "What you typed is not saved yet. Discard it?")))
				break;
			if (t->quit) {
				result = DIALOG_SIGNAL;
				break;
			}
		}
	}
	*changed = false;
	if (result == DIALOG_OK || (result == DIALOG_SIGNAL && ed.changed)) {
		strbuf_reset(out);
		editor_text(&ed, out);
		*changed = ed.changed && strcmp(out->buf, initial ? initial : "") != 0;
	}
	editor_release(&ed);
	strbuf_release(&wrapped);
	close_dialog(t, w);
	return result;
}

/*
 * The public dialogs count themselves open (t->modal), so that a reload of
 * changes made elsewhere, which can arrive while one waits for a key,
 * updates the data underneath without painting over the dialog.
 */
bool dialog_confirm(struct tui *t, const char *title, const char *question)
{
	bool r;

	t->modal++;
	r = confirm_modal(t, title, question);
	t->modal--;
	return r;
}

int dialog_menu(struct tui *t, const char *title, const char *const *items, int n, int current)
{
	int r;

	t->modal++;
	r = menu_modal(t, title, items, n, current);
	t->modal--;
	return r;
}

enum dialog_result dialog_edit(struct tui *t, const char *title, const char *note, const char *initial,
			       bool multiline, struct strbuf *out, bool *changed)
{
	enum dialog_result r;

	t->modal++;
	r = edit_modal(t, title, note, initial, multiline, out, changed);
	t->modal--;
	return r;
}
