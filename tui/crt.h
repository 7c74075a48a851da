/*
 * crt.h - the terminal, in one place (after htop's CRT): setup and
 * restoration, colours by meaning, key reading with resize and signals,
 * and the few drawing primitives every screen uses.
 *
 * Nothing else in mlps starts or ends curses. crt_init() installs handlers
 * for SIGINT, SIGTERM and SIGHUP that only set a flag; crt_read() reports
 * the flag as CRT_SIGNAL so that the caller unwinds normally and
 * crt_done() restores the terminal on the way out, whatever the exit path.
 */
#ifndef MLPS_TUI_CRT_H
#define MLPS_TUI_CRT_H

#include <curses.h>
#include <stdbool.h>

#include "catalog.h"
#include "util.h"

/* The smallest terminal the screens are laid out for. */
#define CRT_MIN_COLS 80
#define CRT_MIN_LINES 24

/*
 * Keys as one int: a character is its code point; a curses function key
 * (KEY_DOWN, ...) is tagged so that it never collides with a code point.
 */
#define CRT_FKEY(k) ((int)(k) | 0x40000000)
#define CRT_IS_FKEY(k) (((k) & 0x40000000) != 0)
#define CRT_CTRL(c) ((c) & 0x1f)
#define CRT_ESC 27

/*
 * What a piece of text means; crt picks the look (colour, or attributes on
 * a monochrome terminal and under NO_COLOR). Screens never name a colour.
 */
enum crt_style {
	STYLE_NORMAL = 0,
	STYLE_TITLE,        /* the title bar */
	STYLE_HINT,         /* the key hint line */
	STYLE_HINT_KEY,     /* a key in the hint line or the help */
	STYLE_CURSOR,       /* the selected row of the focused pane */
	STYLE_CURSOR_DIM,   /* the selected row of a pane without focus */
	STYLE_HEADING,      /* a section heading */
	STYLE_DIM,          /* secondary text, placeholders */
	STYLE_ID,           /* a requirement ID */
	STYLE_COMPLIANT,    /* an answer: compliant, or a finished part */
	STYLE_PARTIAL,      /* an answer: partially compliant */
	STYLE_GAP,          /* an answer: noncompliant */
	STYLE_NA,           /* an answer: not applicable */
	STYLE_TODO,         /* an answer: to confirm */
	STYLE_UNANSWERED,   /* no answer yet */
	STYLE_HIGH_RISK,    /* a high-risk finding */
	STYLE_ERROR,        /* a failure the user must read */
	STYLE_DONE,         /* a success message */
	STYLE_BAR,          /* the filled part of a bar */
	STYLE_BAR_EMPTY,    /* the rest of a bar */
	STYLE_FRAME,        /* borders and separators */
	STYLE_INPUT,        /* text being edited */
	STYLE_COUNT
};

/* What crt_read() saw. */
enum crt_event {
	CRT_KEY = 0,        /* *key holds a key */
	CRT_RESIZE,         /* the terminal changed size: lay out again */
	CRT_SIGNAL,         /* SIGINT, SIGTERM, SIGHUP or a lost terminal: leave now */
	CRT_IDLE,           /* no key for a while (about a second): time to look for changes */
};

/*
 * Takes over the terminal: UTF-8 locale, curses modes, colours unless
 * NO_COLOR is set or the terminal has none, signal handlers. Returns -1
 * (with err) when stdin/stdout is not a terminal or TERM is unknown; the
 * terminal is then untouched.
 */
int crt_init(struct mlps_error *err);
/* Gives the terminal back as it was. Safe to call twice and from atexit. */
void crt_done(void);
/* True while curses owns the terminal. */
bool crt_active(void);
/* True when colours are off (monochrome terminal or NO_COLOR). */
bool crt_mono(void);

/* The signal that asked us to stop (SIGHUP for a lost terminal), 0 if none. */
int crt_signal(void);

/* Prepares a window to read keys from: function keys decoded, a read timeout. */
void crt_input(WINDOW *w);
/*
 * Waits for the next key on w. Returns CRT_RESIZE after a resize (the
 * caller lays out again), CRT_SIGNAL when the program must stop.
 */
enum crt_event crt_read(WINDOW *w, int *key);
/* True when the terminal is smaller than CRT_MIN_COLS x CRT_MIN_LINES. */
bool crt_too_small(void);
/* Paints the plain "terminal too small" screen over everything. */
void crt_draw_too_small(enum mlps_lang lang);

/* Drawing */
void crt_set(WINDOW *w, enum crt_style st);
/* The look of an answer status. */
enum crt_style crt_status_style(enum mlps_status st);
/*
 * Writes s at (y, x) in at most `width` display columns, never splitting a
 * wide character; control characters show as spaces. Returns the columns
 * written.
 */
int crt_put(WINDOW *w, int y, int x, int width, enum crt_style st, const char *s);
/* The same, right-aligned in the `width` columns that end at x + width. */
int crt_put_right(WINDOW *w, int y, int x, int width, enum crt_style st, const char *s);
/* Fills `width` columns from (y, x) with spaces in a style. */
void crt_fill(WINDOW *w, int y, int x, int width, enum crt_style st);
/* A horizontal bar `width` columns wide, filled to pct (0-100). */
void crt_bar(WINDOW *w, int y, int x, int width, double pct);
/* A box around the edge of w in the frame style. */
void crt_box(WINDOW *w);

#endif
