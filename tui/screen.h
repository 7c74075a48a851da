/*
 * screen.h - how screens plug into the main loop (tui.c), after tig's
 * views: each screen file exports a constructor returning a struct screen
 * whose ops the loop calls. The loop owns the frame around every screen
 * (title bar on the first line, a message line and the key hints on the
 * last two); a screen owns the body between them and knows nothing about
 * other screens except through the SCR_* flags it returns.
 *
 * Drawing is incremental: a screen keeps a dirty flag per pane and paints
 * only those in draw(), with wnoutrefresh(); the loop calls doupdate()
 * once per key, so curses sends only the cells that changed.
 */
#ifndef MLPS_TUI_SCREEN_H
#define MLPS_TUI_SCREEN_H

#include <curses.h>
#include <stdbool.h>

#include "assessment.h"
#include "catalog.h"
#include "crt.h"
#include "keymap.h"
#include "score.h"
#include "store.h"
#include "strbuf.h"

#define TUI_MAX_DEPTH 8

/* What a request asks of the main loop (bits). */
enum {
	SCR_OK = 0,
	SCR_BACK = 1 << 0,      /* close this screen and return to the one below */
	SCR_PUSH = 1 << 1,      /* open t->next on top of this one */
	SCR_REPLACE = 1 << 2,   /* close this screen and open t->next in its place */
	SCR_QUIT = 1 << 3,      /* leave mlps */
};

struct tui;
struct screen;

struct screen_ops {
	enum keyscope scope;    /* whose key bindings apply */
	/* Becomes the top screen (just opened, or uncovered): create windows, reload data. */
	void (*enter)(struct screen *s, struct tui *t);
	/* Stops being the top screen (covered or closing): delete its windows. */
	void (*leave)(struct screen *s, struct tui *t);
	/* New terminal size or language: recreate windows; everything becomes dirty. */
	void (*layout)(struct screen *s, struct tui *t);
	/* Paints what is dirty (wnoutrefresh only). */
	void (*draw)(struct screen *s, struct tui *t);
	/* One request; returns SCR_* bits. */
	unsigned (*request)(struct screen *s, struct tui *t, enum request req);
	/* Optional: data changed elsewhere (another mlps, another user): reload what is shown. */
	void (*sync)(struct screen *s, struct tui *t);
	/* The title bar's left and right texts. */
	void (*title)(struct screen *s, struct tui *t, struct strbuf *left, struct strbuf *right);
	void (*free)(struct screen *s);
};

/* The part every screen struct starts with. */
struct screen {
	const struct screen_ops *ops;
	bool dirty;             /* everything must be painted again (after a dialog, say) */
};

struct tui {
	const struct mlps_catalog *cat;
	struct mlps_store *st;
	enum mlps_lang lang;
	struct screen *stack[TUI_MAX_DEPTH];
	int depth;
	struct screen *next;    /* the screen to open for SCR_PUSH / SCR_REPLACE */
	/* The frame */
	WINDOW *title, *status, *hints;
	bool frame_dirty;       /* title and hints */
	bool status_dirty;
	struct strbuf message;  /* shown on the message line until the next key */
	enum crt_style message_style;
	bool quit;
	/* A requirement key another screen asks the questionnaire to show (owned). */
	char *jump_key;
	/* A request the top screen receives before the next key (REQ_NONE: none). */
	enum request pending;
	/* The assessment last worked on: Home selects it when it comes back. */
	long long current_id;
	/* Dialogs open over the top screen: a reload of changes made elsewhere waits for them. */
	int modal;
	bool sync_pending;
};

/* zh or en text by the current language. */
#define TR(t, zh, en) ((t)->lang == MLPS_LANG_EN ? (en) : (zh))

/* Body of every screen: between the title bar and the message line. */
int tui_body_top(void);
int tui_body_height(void);

/* Shows a one-line message until the next key. */
void tui_message(struct tui *t, enum crt_style st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Shows the message of err (first line) as an error. */
void tui_error(struct tui *t, struct mlps_error *err);
/* Title and hints changed (progress, language). */
void tui_frame_dirty(struct tui *t);
/* Paints the top screen and the frame (no doupdate). */
void tui_paint(struct tui *t);
/* The top screen must be painted again entirely (a dialog closed over it). */
void tui_touch(struct tui *t);
/*
 * Waits for a key on w, handling resizes (re-lays out the top screen and
 * the frame, and shows the "too small" screen while it is) and signals
 * (sets t->quit). Dialogs read through this too.
 */
enum crt_event tui_read(struct tui *t, WINDOW *w, int *key);

/*
 * Saves one answer of a (checks it, commits it through the store, then
 * reloads a from the store: answers and objects as committed). ans->object
 * names the object (NULL: the system object). On failure the message line
 * says why and a is unchanged. Pointers into a (answers, objects, texts)
 * are invalid afterwards: recompute the score, look objects up again.
 */
int tui_save_answer(struct tui *t, struct mlps_assessment *a, struct mlps_answer *ans);
/* (tui_save_answer returns 1, not 0 or -1, when another writer got there first: a is reloaded.) */
/* Loads a again from the store (answers and objects as committed); -1 (shown) on failure. */
int tui_reload(struct tui *t, struct mlps_assessment *a);
/* Loads an assessment from the store, or shows why not and returns NULL. */
struct mlps_assessment *tui_load(struct tui *t, long long id);
/* Scores a, or shows why not and returns NULL. */
struct mlps_score *tui_score(struct tui *t, const struct mlps_assessment *a);
/* "S3A2G3" or "G3", appended. */
void tui_notation(struct strbuf *out, const struct mlps_assessment *a);

/* The export dialog (format, file name, overwrite?): used by Home and the summary. */
void tui_export(struct tui *t, long long id);

/* Sign off assessment id in dialogs, or reopen it with a reason when it is final (life.c). */
void tui_finalise(struct tui *t, long long id);
/* One requirement's history in assessment id, newest first (mlps log N ID). */
void tui_history(struct tui *t, long long id, const struct mlps_requirement *req, int level);

/* Screens */
struct screen *home_screen_new(struct tui *t);
struct screen *wizard_screen_new(struct tui *t);
/* The new-assessment form over assessment id (mlps set's fields); NULL when it cannot be loaded. */
struct screen *wizard_edit_screen_new(struct tui *t, long long id);
/* Opens at the first unanswered requirement, or at t->jump_key when set. */
struct screen *questionnaire_screen_new(struct tui *t, long long id);
struct screen *summary_screen_new(struct tui *t, long long id);
struct screen *help_screen_new(struct tui *t, enum keyscope scope);
/*
 * The probe's proposals for one server object (tui/probe.c): runs the probe
 * on this host, or reads `import` (an mlps-probe/1 file) when not NULL.
 */
struct screen *probe_screen_new(struct tui *t, long long id, const char *object, const char *import);

#endif
