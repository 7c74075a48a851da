/*
 * probe.h - read-only evidence collection from a Linux host (issue 17).
 *
 * mlps_probe_run() evaluates every check of the catalogue (checks.h) for one
 * object kind against the live host or a mounted tree, with a fixed set of
 * primitives implemented here: it reads files (fsroot.h: confined to the
 * root, regular files only, size-capped, never blocking), /proc and /sys,
 * and nothing else. It never executes a program, and no check can make it.
 *
 * Results become proposed answers with mlps_probe_propose() (propose.c),
 * travel between machines as JSON schema mlps-probe/1 (probe_json.c,
 * docs/formats.md), and are written to an assessment by cli/ or tui/, which
 * own the store. This module knows nothing of the store, the UI or reports.
 */
#ifndef MLPS_PROBE_H
#define MLPS_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "checks.h"
#include "util.h"

/* What one check found: a primitive outcome, or that it could not look. */
enum mlps_probe_result {
	MLPS_PR_PASS = MLPS_OUT_PASS,
	MLPS_PR_PARTIAL = MLPS_OUT_PARTIAL,
	MLPS_PR_FAIL = MLPS_OUT_FAIL,
	MLPS_PR_NOT_CHECKED,
	MLPS_PR_COUNT
};

struct mlps_probe_item {
	const struct mlps_check *check;     /* borrowed from the catalogue */
	enum mlps_probe_result result;
	char *evidence;                     /* "file:line: text" lines, '\n'-separated; NULL when none */
	char *reason;                       /* not checked: why; otherwise a caveat or NULL */
};

struct mlps_probe_opts {
	const char *root;           /* NULL or "/": the live host; else a mounted tree (--root) */
	const char *proc;           /* live-only probes read DIR/proc instead of /proc (tests) */
	const char *kind;           /* object kind to probe for; NULL: "server" */
	const char *const *allow;   /* extra allowed listening ports (--allow), e.g. "tcp/443" */
	size_t n_allow;
	size_t cap;                 /* file size cap in bytes; 0: the default (1 MiB) */
	bool force_walk;            /* tests: the component walk even where openat2 works */
	bool runner_is_root;        /* tests: files of the running user count as root's (fixtures
				       are checked out by an ordinary user) */
};

struct mlps_probe_run {
	struct mlps_probe_item *items;      /* in catalogue order of the checks */
	size_t n_items;
	char *host;                 /* host name (live) or the root directory */
	char *root;                 /* NULL for the live host */
	char *when;                 /* UTC, ISO 8601 */
	char *catalog_hash;         /* of the catalogue the checks came from */
	bool privileged;            /* ran as root */
	size_t counts[MLPS_PR_COUNT];
};

/* Runs every check of kind o->kind. Caller frees with mlps_probe_free(). NULL with err set on failure. */
struct mlps_probe_run *mlps_probe_run(const struct mlps_catalog *cat, const struct mlps_probe_opts *o,
				      struct mlps_error *err);
/* Runs one check (tests); the item's strings are the caller's to release with mlps_probe_item_release(). */
int mlps_probe_check(const struct mlps_catalog *cat, const struct mlps_check *c, const struct mlps_probe_opts *o,
		     struct mlps_probe_item *out, struct mlps_error *err);
void mlps_probe_item_release(struct mlps_probe_item *it);
void mlps_probe_free(struct mlps_probe_run *r);
/* "pass", "partial", "fail", "not-checked"; parse returns -1 on anything else. */
const char *mlps_probe_result_name(enum mlps_probe_result r);
int mlps_probe_result_parse(const char *s, enum mlps_probe_result *out);
/* 通过 / pass ... for people. */
const char *mlps_probe_result_label(enum mlps_probe_result r, enum mlps_lang lang);

/* A proposed answer for one requirement on one object, from the checks that support it. */
struct mlps_probe_proposal {
	const struct mlps_requirement *req;
	enum mlps_status status;    /* MLPS_ST_UNANSWERED: every check was not checked */
	char *evidence;             /* the evidence text to record (checks, results, file:line lines) */
	bool assessed_on_kind;      /* the requirement is assessed on objects of the probed kind */
	size_t n_checks, n_checked;
};

/*
 * Turns a run into one proposal per requirement named by its checks, in
 * catalogue order. Checks of a group count as one: the best result of the
 * group. Over the rest: all compliant -> compliant, all non-compliant ->
 * non-compliant, otherwise partial; checks that were not checked are left
 * out (and listed in the evidence). Texts in `lang`. Caller frees with
 * mlps_probe_proposals_free().
 */
int mlps_probe_propose(const struct mlps_catalog *cat, const struct mlps_probe_run *run, const char *kind,
		       enum mlps_lang lang, struct mlps_probe_proposal **out, size_t *n);
void mlps_probe_proposals_free(struct mlps_probe_proposal *p, size_t n);

/* The `who` the probe writes answers as: "mlps-probe (USER)". Caller frees. */
char *mlps_probe_who(const char *user);
/* True when an answer's last writer was the probe (so it is not a person's answer). */
bool mlps_probe_wrote(const char *who);

/* mlps-probe/1 (docs/formats.md) */
/* The run as JSON text; caller frees. */
char *mlps_probe_to_json(const struct mlps_probe_run *run);
/*
 * A run read back from JSON against this catalogue's checks: checks the
 * catalogue does not have are skipped and counted in *skipped.
 */
struct mlps_probe_run *mlps_probe_from_json(const struct mlps_catalog *cat, const char *name, const char *buf,
					    size_t len, size_t *skipped, struct mlps_error *err);

#endif
