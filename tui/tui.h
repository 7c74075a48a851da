/*
 * tui.h - the terminal questionnaire, as cli/ sees it: one call that runs
 * the whole interface (Home, new assessment, questionnaire, summary) until
 * the user quits or a signal arrives. Everything else in tui/ is private.
 */
#ifndef MLPS_TUI_H
#define MLPS_TUI_H

#include "catalog.h"
#include "store.h"
#include "util.h"

struct mlps_tui_args {
	const struct mlps_catalog *cat;     /* borrowed; must have a rules file */
	struct mlps_store *st;              /* borrowed */
	enum mlps_lang lang;                /* interface and catalogue language at start */
	long long open_id;                  /* 0: start on Home; else this assessment's questionnaire */
};

/*
 * Runs the terminal UI. Returns 0 when the user quit or a signal stopped
 * it (*signo is then the signal, or 0), -1 with err filled when it could
 * not start (no terminal, unknown TERM, no such assessment). The terminal
 * is restored in every case; every answer given is already committed.
 */
int mlps_tui_run(const struct mlps_tui_args *args, int *signo, struct mlps_error *err);

#endif
