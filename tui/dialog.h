/*
 * dialog.h - small modal boxes over the current screen: a yes/no question,
 * a menu, and a text field (the editor in a box). Each runs its own key
 * loop through tui_read(), so resizes and signals behave as everywhere
 * else, and marks the screen below for repainting when it closes.
 */
#ifndef MLPS_TUI_DIALOG_H
#define MLPS_TUI_DIALOG_H

#include <stdbool.h>

#include "screen.h"

enum dialog_result {
	DIALOG_OK = 0,
	DIALOG_CANCEL,          /* Esc, or q in a menu */
	DIALOG_SIGNAL,          /* the program must stop; t->quit is set */
};

/* Asks a yes/no question; true only for y. */
bool dialog_confirm(struct tui *t, const char *title, const char *question);
/* Lets the user pick one of n items (digits pick directly); -1 when cancelled. */
int dialog_menu(struct tui *t, const char *title, const char *const *items, int n, int current);
/*
 * Edits a text in a box titled `title`, with an explanation line `note`
 * (may be NULL). On DIALOG_OK, and on DIALOG_SIGNAL when the text was
 * changed (so that typing is not lost to a hang-up), out receives the text;
 * *changed tells whether it differs from `initial`. A changed text is
 * discarded on Esc only after the user confirms.
 */
enum dialog_result dialog_edit(struct tui *t, const char *title, const char *note, const char *initial,
			       bool multiline, struct strbuf *out, bool *changed);

#endif
