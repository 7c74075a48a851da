/*
 * editor.c - the line editor (see editor.h).
 *
 * The visual layout is recomputed from the text whenever it is needed:
 * texts are short (a note, a reason), and one source of truth is simpler
 * than keeping a cache in step with every edit.
 */
#include "editor.h"

#include <stdlib.h>
#include <string.h>

#include "crt.h"
#include "utf8.h"

void editor_init(struct editor *e, const char *initial, bool multiline)
{
	size_t len = initial ? strlen(initial) : 0, i = 0;

	memset(e, 0, sizeof(*e));
	e->multiline = multiline;
	e->want_col = -1;
	e->width = 60;
	while (i < len && e->len < EDITOR_MAX_CHARS) {
		uint32_t cp;
		size_t n = mlps_utf8_decode(initial + i, len - i, &cp);

		if (!n)
			break;
		i += n;
		if (cp == '\r')
			continue;
		if (cp == '\n' && !multiline)
			cp = ' ';
		else if (cp == '\t')
			cp = ' ';
		mlps_grow((void **)&e->text, &e->alloc, e->len + 1, sizeof(*e->text));
		e->text[e->len++] = cp;
	}
	e->cur = e->len;
}

void editor_release(struct editor *e)
{
	free(e->text);
	memset(e, 0, sizeof(*e));
}

static int width_of(uint32_t cp)
{
	return cp == '\n' ? 0 : mlps_cp_width(cp);
}

/*
 * Visual rows for `width` columns: starts[r] is the index of the first
 * character of row r. One column is kept free for the cursor at a row's end.
 * Caller frees *starts.
 */
static size_t layout(const struct editor *e, int width, size_t **starts)
{
	size_t n = 0, alloc = 0, i;
	int col = 0;

	if (width < 2)
		width = 2;
	*starts = NULL;
	mlps_grow((void **)starts, &alloc, 1, sizeof(**starts));
	(*starts)[n++] = 0;
	for (i = 0; i < e->len; i++) {
		int w = width_of(e->text[i]);

		if (e->text[i] == '\n') {
			mlps_grow((void **)starts, &alloc, n + 1, sizeof(**starts));
			(*starts)[n++] = i + 1;
			col = 0;
			continue;
		}
		if (col + w > width - 1) {
			mlps_grow((void **)starts, &alloc, n + 1, sizeof(**starts));
			(*starts)[n++] = i;
			col = 0;
		}
		col += w;
	}
	return n;
}

/* The row of index c, and the column of c within it. */
static size_t row_of(const struct editor *e, const size_t *starts, size_t rows, size_t c, int *col)
{
	size_t r = rows - 1, i;

	while (r > 0 && starts[r] > c)
		r--;
	*col = 0;
	for (i = starts[r]; i < c; i++)
		*col += width_of(e->text[i]);
	return r;
}

/* The last index the cursor may take on row r. */
static size_t row_end(const struct editor *e, const size_t *starts, size_t rows, size_t r)
{
	if (r + 1 >= rows)
		return e->len;
	/* A row ended by a newline: the cursor may stand on the newline; a wrapped row: before the next. */
	return starts[r + 1] - 1;
}

static void insert(struct editor *e, uint32_t cp)
{
	if (e->len >= EDITOR_MAX_CHARS) {
		beep();
		return;
	}
	mlps_grow((void **)&e->text, &e->alloc, e->len + 1, sizeof(*e->text));
	memmove(&e->text[e->cur + 1], &e->text[e->cur], (e->len - e->cur) * sizeof(*e->text));
	e->text[e->cur++] = cp;
	e->len++;
	e->changed = true;
}

static void delete_range(struct editor *e, size_t from, size_t to)
{
	if (from >= to)
		return;
	memmove(&e->text[from], &e->text[to], (e->len - to) * sizeof(*e->text));
	e->len -= to - from;
	e->cur = from;
	e->changed = true;
}

static size_t line_start(const struct editor *e)
{
	size_t i = e->cur;

	while (i > 0 && e->text[i - 1] != '\n')
		i--;
	return i;
}

static size_t line_end(const struct editor *e)
{
	size_t i = e->cur;

	while (i < e->len && e->text[i] != '\n')
		i++;
	return i;
}

/* Up or down one visual row, keeping the column the user started from. Uses a default width. */
static void vertical(struct editor *e, int dir, int width)
{
	size_t *starts, rows, r, i, end;
	int col, c = 0;

	rows = layout(e, width, &starts);
	r = row_of(e, starts, rows, e->cur, &col);
	if (e->want_col < 0)
		e->want_col = col;
	if ((dir < 0 && r == 0) || (dir > 0 && r + 1 >= rows)) {
		e->cur = dir < 0 ? 0 : e->len;
		free(starts);
		return;
	}
	r = dir < 0 ? r - 1 : r + 1;
	end = row_end(e, starts, rows, r);
	for (i = starts[r]; i < end; i++) {
		int w = width_of(e->text[i]);

		if (c + w > e->want_col)
			break;
		c += w;
	}
	e->cur = i;
	free(starts);
}

static bool printable(int key)
{
	if (CRT_IS_FKEY(key) || key < 0x20 || key == 0x7f || key > 0x10FFFF)
		return false;
	if (key >= 0x80 && key < 0xA0)
		return false;
	return !(key >= 0xD800 && key <= 0xDFFF);
}

enum editor_action editor_key(struct editor *e, int key)
{
	int keep_col = 0;

	switch (key) {
	case CRT_ESC:
		return EDITOR_CANCEL;
	/*
	 * One rule in every text dialog: Enter accepts; Ctrl-J (a line feed)
	 * starts a new line where the text may have several.
	 */
	case '\r':
	case CRT_FKEY(KEY_ENTER):
		return EDITOR_ACCEPT;
	case '\n':
		if (!e->multiline)
			return EDITOR_ACCEPT;
		insert(e, '\n');
		break;
	case CRT_CTRL('d'):
	case CRT_CTRL('x'):
		return EDITOR_ACCEPT;
	case CRT_FKEY(KEY_BACKSPACE):
	case 0x7f:
	case CRT_CTRL('h'):
		if (e->cur > 0)
			delete_range(e, e->cur - 1, e->cur);
		break;
	case CRT_FKEY(KEY_DC):
		if (e->cur < e->len)
			delete_range(e, e->cur, e->cur + 1);
		break;
	case CRT_FKEY(KEY_LEFT):
	case CRT_CTRL('b'):
		if (e->cur > 0)
			e->cur--;
		break;
	case CRT_FKEY(KEY_RIGHT):
	case CRT_CTRL('f'):
		if (e->cur < e->len)
			e->cur++;
		break;
	case CRT_FKEY(KEY_HOME):
	case CRT_CTRL('a'):
		e->cur = line_start(e);
		break;
	case CRT_FKEY(KEY_END):
	case CRT_CTRL('e'):
		e->cur = line_end(e);
		break;
	case CRT_FKEY(KEY_UP):
	case CRT_CTRL('p'):
		if (e->multiline) {
			vertical(e, -1, e->width);
			keep_col = 1;
		}
		break;
	case CRT_FKEY(KEY_DOWN):
	case CRT_CTRL('n'):
		if (e->multiline) {
			vertical(e, 1, e->width);
			keep_col = 1;
		}
		break;
	case CRT_CTRL('u'):
		delete_range(e, line_start(e), e->cur);
		break;
	case CRT_CTRL('k'): {
		size_t end = line_end(e), at = e->cur;

		/* At the end of a line, Ctrl-K joins the next one, as in Emacs. */
		if (end == at && end < e->len)
			end++;
		delete_range(e, at, end);
		e->cur = at;
		break;
	}
	case CRT_CTRL('w'): {
		size_t i = e->cur;

		while (i > 0 && (e->text[i - 1] == ' ' || e->text[i - 1] == '\n'))
			i--;
		while (i > 0 && e->text[i - 1] != ' ' && e->text[i - 1] != '\n')
			i--;
		delete_range(e, i, e->cur);
		break;
	}
	case '\t':
		break;
	default:
		if (printable(key))
			insert(e, (uint32_t)key);
		break;
	}
	if (!keep_col)
		e->want_col = -1;
	return EDITOR_CONTINUE;
}

static void put_cp(struct strbuf *sb, uint32_t cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

static void draw_span(const struct editor *e, WINDOW *w, int y, int x, int width, size_t from, size_t to)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = from; i < to; i++)
		if (e->text[i] != '\n')
			put_cp(&sb, e->text[i]);
	crt_fill(w, y, x, width, STYLE_INPUT);
	crt_put(w, y, x, width, STYLE_INPUT, sb.buf);
	strbuf_release(&sb);
}

static void draw_single(struct editor *e, WINDOW *w, int y, int x, int width)
{
	size_t i, end;
	int used = 0, col = 0;

	if (e->left > e->cur)
		e->left = e->cur;
	/* Scroll right until the cursor fits, then left while more fits. */
	for (;;) {
		used = 0;
		for (i = e->left; i < e->cur; i++)
			used += width_of(e->text[i]);
		if (used <= width - 1 || e->left >= e->cur)
			break;
		e->left++;
	}
	while (e->left > 0 && used + width_of(e->text[e->left - 1]) <= width - 1) {
		e->left--;
		used += width_of(e->text[e->left]);
	}
	for (end = e->left; end < e->len; end++) {
		if (col + width_of(e->text[end]) > width)
			break;
		col += width_of(e->text[end]);
	}
	draw_span(e, w, y, x, width, e->left, end);
	wmove(w, y, x + used);
}

void editor_draw(struct editor *e, WINDOW *w, int y, int x, int height, int width)
{
	size_t *starts, rows, r, i;
	int col;

	if (width < 2)
		return;
	e->width = width;
	if (!e->multiline || height <= 1) {
		draw_single(e, w, y, x, width);
		return;
	}
	rows = layout(e, width, &starts);
	r = row_of(e, starts, rows, e->cur, &col);
	if (r < e->top)
		e->top = r;
	if (r >= e->top + (size_t)height)
		e->top = r - (size_t)height + 1;
	for (i = 0; i < (size_t)height; i++) {
		size_t row = e->top + i;

		if (row < rows)
			draw_span(e, w, y + (int)i, x, width, starts[row], row + 1 < rows ? starts[row + 1] : e->len);
		else
			crt_fill(w, y + (int)i, x, width, STYLE_INPUT);
	}
	wmove(w, y + (int)(r - e->top), x + col);
	free(starts);
}

void editor_text(const struct editor *e, struct strbuf *out)
{
	size_t end = e->len, start = 0, i;

	while (end > 0 && (e->text[end - 1] == ' ' || e->text[end - 1] == '\n'))
		end--;
	while (start < end && (e->text[start] == ' ' || e->text[start] == '\n'))
		start++;
	for (i = start; i < end; i++)
		put_cp(out, e->text[i]);
}
