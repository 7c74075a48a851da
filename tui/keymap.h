/*
 * keymap.h - keys are bound to requests in one table (keymap.c), after
 * tig: screens handle requests, never raw keys, and the help screen (`?`)
 * shows the table itself, so what the help says is what the keys do.
 */
#ifndef MLPS_TUI_KEYMAP_H
#define MLPS_TUI_KEYMAP_H

#include <stddef.h>

#include "catalog.h"
#include "strbuf.h"

enum request {
	REQ_NONE = 0,
	/* Everywhere */
	REQ_HELP,
	REQ_BACK,
	REQ_QUIT,
	REQ_LANG,
	REQ_REDRAW,
	REQ_UP,
	REQ_DOWN,
	REQ_PAGE_UP,
	REQ_PAGE_DOWN,
	REQ_FIRST,
	REQ_LAST,
	REQ_ENTER,
	/* Home */
	REQ_OPEN,
	REQ_NEW,
	REQ_REAUDIT,
	REQ_EXPORT,
	REQ_DELETE,
	REQ_SUMMARY,
	REQ_EDIT,               /* the assessment's fields (mlps set) */
	REQ_FINALISE,           /* sign off, or reopen a final one */
	REQ_HISTORY,            /* the current item's answer log */
	REQ_EXPLAIN,
	/* New assessment */
	REQ_LEFT,
	REQ_RIGHT,
	REQ_TOGGLE,
	REQ_NEXT_FIELD,
	REQ_PREV_FIELD,
	REQ_LEVEL_1,
	REQ_LEVEL_2,
	REQ_LEVEL_3,
	REQ_LEVEL_4,
	REQ_CREATE,
	/* Questionnaire */
	REQ_COMPLIANT,
	REQ_PARTIAL,
	REQ_NONCOMPLIANT,
	REQ_NA,
	REQ_TODO,
	REQ_CLEAR,
	REQ_NOTE,
	REQ_EVIDENCE,
	REQ_RISK,
	REQ_PLAN,
	REQ_NEXT_UNANSWERED,
	REQ_SEARCH,
	REQ_FILTER,
	REQ_ALL_OBJECTS,
	REQ_OBJECT,
	REQ_SWITCH_PANE,
	REQ_FOCUS_TREE,
	REQ_FOCUS_DETAIL,
	REQ_PROBE,
	REQ_CONFIRM,            /* keep a carried answer as it is */
	REQ_CONFIRM_BULK,       /* the same for a control point or an object, asked once */
	/* Probe proposals */
	REQ_ACCEPT,
	REQ_CHANGE,
	REQ_SKIP,
	REQ_IMPORT,
	REQ_COUNT
};

/* Which screen a binding belongs to; KS_GENERIC applies everywhere else is silent. */
enum keyscope {
	KS_GENERIC = 0,
	KS_HOME,
	KS_WIZARD,
	KS_QUESTIONNAIRE,
	KS_SUMMARY,
	KS_HELP,
	KS_PROBE,
	KS_COUNT
};

#define KEYMAP_MAX_KEYS 4

struct keybinding {
	enum keyscope scope;
	enum request req;
	int keys[KEYMAP_MAX_KEYS];  /* 0-terminated when fewer */
	const char *hint[2];        /* short label for the hint line (zh, en); NULL: not shown */
	const char *help[2];        /* what it does, for the help screen (zh, en) */
};

/* The request bound to key on a screen (its own bindings first, then the generic ones). */
enum request keymap_request(enum keyscope scope, int key);
/* The table, for the help screen and the hint line. */
size_t keymap_size(void);
const struct keybinding *keymap_entry(size_t i);
/* A key as people write it: "j", "Enter", "PgDn", "Ctrl-L". */
void keymap_key_name(struct strbuf *out, int key);
/* Every key of a binding, separated by spaces. */
void keymap_keys(struct strbuf *out, const struct keybinding *b);
/* Screen names for the help screen's title. */
const char *keymap_scope_name(enum keyscope scope, enum mlps_lang lang);

#endif
