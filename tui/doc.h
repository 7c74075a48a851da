/*
 * doc.h - a scrollable page of styled lines, laid out for a width: the
 * requirement pane, the summary and the help are built as docs, then any
 * window-sized slice of one is painted. Text is wrapped by display width
 * (utf8.h), so Chinese and English lay out alike.
 *
 * A doc owns copies of every string added to it; doc_clear() and
 * doc_release() free them.
 */
#ifndef MLPS_TUI_DOC_H
#define MLPS_TUI_DOC_H

#include <curses.h>
#include <stddef.h>

#include "crt.h"

/* One run of text on a line, or a bar when text is NULL. */
struct doc_seg {
	int col;                /* first display column */
	enum crt_style style;
	char *text;
	int bar_width;          /* for a bar: columns, and how full (0-100) */
	double bar_pct;
};

struct doc_line {
	struct doc_seg *segs;
	size_t n, alloc;
	long tag;               /* what the line is about (a selectable item), or -1 */
};

struct doc {
	int width;              /* display columns to lay out for */
	struct doc_line *lines;
	size_t n, alloc;
};

void doc_init(struct doc *d, int width);
/* Drops every line; the width stays. */
void doc_clear(struct doc *d);
void doc_release(struct doc *d);

/* Starts a new, empty line; returns its index. */
size_t doc_line(struct doc *d, long tag);
/* Adds a run of text to the last line at column col (clipped to the width when drawn). */
void doc_seg(struct doc *d, int col, enum crt_style st, const char *text);
/* Adds a bar to the last line. */
void doc_bar(struct doc *d, int col, int width, double pct);
/*
 * Wraps text into new lines from column col to the width; every new line
 * carries tag. An empty text adds nothing.
 */
void doc_wrap(struct doc *d, int col, enum crt_style st, const char *text, long tag);
/*
 * A labelled field: label at column 0 of a new line, text wrapped from
 * column `at` (on the same line when the label fits before it).
 */
void doc_field(struct doc *d, enum crt_style label_st, const char *label, int at, enum crt_style st,
	       const char *text);
/* Paints lines [top, top + height of w) into w, which is cleared first. */
void doc_draw(const struct doc *d, WINDOW *w, size_t top);
/* The first line carrying tag, or d->n when none does. */
size_t doc_find_tag(const struct doc *d, long tag);

#endif
