/*
 * doc.c - styled lines laid out for a width (see doc.h).
 */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void doc_init(struct doc *d, int width)
{
	memset(d, 0, sizeof(*d));
	d->width = width;
}

void doc_clear(struct doc *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		for (j = 0; j < d->lines[i].n; j++)
			free(d->lines[i].segs[j].text);
		free(d->lines[i].segs);
	}
	d->n = 0;
}

void doc_release(struct doc *d)
{
	doc_clear(d);
	free(d->lines);
	d->lines = NULL;
	d->alloc = 0;
}

size_t doc_line(struct doc *d, long tag)
{
	struct doc_line *l;

	mlps_grow((void **)&d->lines, &d->alloc, d->n + 1, sizeof(*d->lines));
	l = &d->lines[d->n];
	memset(l, 0, sizeof(*l));
	l->tag = tag;
	return d->n++;
}

static struct doc_seg *new_seg(struct doc *d)
{
	struct doc_line *l;
	struct doc_seg *s;

	if (d->n == 0)
		doc_line(d, -1);
	l = &d->lines[d->n - 1];
	mlps_grow((void **)&l->segs, &l->alloc, l->n + 1, sizeof(*l->segs));
	s = &l->segs[l->n++];
	memset(s, 0, sizeof(*s));
	return s;
}

void doc_seg(struct doc *d, int col, enum crt_style st, const char *text)
{
	struct doc_seg *s = new_seg(d);

	s->col = col;
	s->style = st;
	s->text = mlps_strdup(text ? text : "");
}

void doc_bar(struct doc *d, int col, int width, double pct)
{
	struct doc_seg *s = new_seg(d);

	s->col = col;
	s->style = STYLE_BAR;
	s->bar_width = width;
	s->bar_pct = pct;
}

/* Adds each line of already wrapped text; the first goes onto the current line when `same`. */
static void add_wrapped(struct doc *d, int col, enum crt_style st, const char *wrapped, long tag, int same)
{
	const char *p = wrapped;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = mlps_strndup(p, len);
		/* Wrapped lines come back indented by `col` spaces: the segment starts after them. */
		const char *text = line;

		while (*text == ' ' && text - line < col)
			text++;
		if (!same)
			doc_line(d, tag);
		same = 0;
		doc_seg(d, col, st, text);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
}

void doc_wrap(struct doc *d, int col, enum crt_style st, const char *text, long tag)
{
	struct strbuf sb = STRBUF_INIT;
	int width = d->width - col;

	if (!text || !*text)
		return;
	if (width < 4)
		width = 4;
	mlps_utf8_wrap(&sb, text, (size_t)(col + width), (size_t)col, (size_t)col);
	add_wrapped(d, col, st, sb.buf, tag, 0);
	strbuf_release(&sb);
}

void doc_field(struct doc *d, enum crt_style label_st, const char *label, int at, enum crt_style st,
	       const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	int lw = (int)mlps_utf8_width(label);

	doc_line(d, -1);
	doc_seg(d, 0, label_st, label);
	if (!text || !*text)
		return;
	if (lw + 1 > at) {
		doc_wrap(d, at, st, text, -1);
		return;
	}
	mlps_utf8_wrap(&sb, text, (size_t)(d->width > at + 4 ? d->width : at + 4), (size_t)at, (size_t)at);
	add_wrapped(d, at, st, sb.buf, -1, 1);
	strbuf_release(&sb);
}

void doc_draw(const struct doc *d, WINDOW *w, size_t top)
{
	int h = getmaxy(w), wd = getmaxx(w), y;

	werase(w);
	for (y = 0; y < h && top + (size_t)y < d->n; y++) {
		const struct doc_line *l = &d->lines[top + (size_t)y];
		size_t i;

		for (i = 0; i < l->n; i++) {
			const struct doc_seg *s = &l->segs[i];

			if (s->col >= wd)
				continue;
			if (s->text)
				crt_put(w, y, s->col, wd - s->col, s->style, s->text);
			else
				crt_bar(w, y, s->col, s->bar_width < wd - s->col ? s->bar_width : wd - s->col,
					s->bar_pct);
		}
	}
}

size_t doc_find_tag(const struct doc *d, long tag)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->lines[i].tag == tag)
			return i;
	return d->n;
}
