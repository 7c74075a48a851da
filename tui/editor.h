/*
 * editor.h - a small line editor for notes, evidence, reasons and names.
 *
 * Text is held as code points, so the cursor moves by character and never
 * lands inside a UTF-8 sequence; input comes from get_wch(), so Chinese
 * typed through the terminal's input method arrives whole. Layout is by
 * display width (a Chinese character takes two columns). A multi-line
 * editor wraps long lines softly and keeps the newlines the user typed.
 *
 * Keys: Enter accepts, in every editor (Ctrl-D too); Ctrl-J starts a new
 * line where lines are allowed (each dialog says so in its frame); Esc
 * cancels. Left/Right/Up/Down, Home/End (Ctrl-A/Ctrl-E),
 * Backspace, Delete, Ctrl-U/Ctrl-K (delete to start/end of the line),
 * Ctrl-W (delete the word before the cursor).
 */
#ifndef MLPS_TUI_EDITOR_H
#define MLPS_TUI_EDITOR_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Longest text accepted, in characters: far beyond any note, short of abuse. */
#define EDITOR_MAX_CHARS 8000

struct editor {
	uint32_t *text;         /* code points, not NUL-terminated */
	size_t len, alloc;
	size_t cur;             /* cursor: index of the character it stands before */
	bool multiline;
	bool changed;           /* the text differs from what it started with */
	size_t top;             /* first visual row shown (multi-line) */
	size_t left;            /* first character shown (single line) */
	int want_col;           /* column Up/Down aim for; -1: the cursor's own */
	int width;              /* columns it was last drawn in: Up/Down move by those rows */
};

enum editor_action {
	EDITOR_CONTINUE = 0,    /* the key was handled (or ignored) */
	EDITOR_ACCEPT,          /* the user is done: take the text */
	EDITOR_CANCEL,          /* the user backed out */
};

/* Starts editing `initial` (UTF-8, may be NULL). */
void editor_init(struct editor *e, const char *initial, bool multiline);
void editor_release(struct editor *e);
/* Handles one key (a code point, or a CRT_FKEY()). */
enum editor_action editor_key(struct editor *e, int key);
/*
 * Paints the visible part into the height x width area at (y, x) of w and
 * leaves w's cursor at the editing position.
 */
void editor_draw(struct editor *e, WINDOW *w, int y, int x, int height, int width);
/* The text as UTF-8, without trailing spaces and newlines, appended to out. */
void editor_text(const struct editor *e, struct strbuf *out);

#endif
