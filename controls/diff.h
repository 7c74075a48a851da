/*
 * diff.h - what changed between two assessments of the same system: per
 * requirement (resolved, new, regressed, improved, unchanged gaps, N/A
 * changes) and, through the two scores, per level and category. Used by
 * `mlps diff`, by the delta section of every report and by `mlps history`.
 *
 * Requirements are compared by key over the union of both scopes, and per
 * object: an object is the same on both sides when its name and kind are
 * (objects on one side only are listed as added or removed). "Worse"
 * orders statuses compliant > partial > noncompliant; unanswered and todo
 * are "not decided" and never count as a gap or a regression.
 */
#ifndef MLPS_DIFF_H
#define MLPS_DIFF_H

#include "assessment.h"
#include "catalog.h"
#include "score.h"

enum mlps_change {
	MLPS_CHG_RESOLVED = 0,      /* a gap (partial/noncompliant) became compliant */
	MLPS_CHG_NEW_GAP,           /* compliant, undecided or absent before; a gap now */
	MLPS_CHG_REGRESSED,         /* compliant -> partial/noncompliant, partial -> noncompliant */
	MLPS_CHG_IMPROVED,          /* noncompliant -> partial */
	MLPS_CHG_UNCHANGED_GAP,     /* the same gap in both */
	MLPS_CHG_NEWLY_NA,          /* not N/A before, N/A now */
	MLPS_CHG_NO_LONGER_NA,      /* N/A before, not now */
	MLPS_CHG_OTHER,             /* any other change of status (e.g. answered for the first time) */
	MLPS_CHG_UNCONFIRMED,       /* carried from the old side, not yet confirmed: nobody has looked */
	MLPS_CHG_COUNT
};

struct mlps_diff_item {
	const struct mlps_requirement *req;
	const char *object;                         /* the object's name (borrowed from either side) */
	enum mlps_status old_status, new_status;    /* unanswered where out of scope */
	bool carried;                               /* the new side's answer is carried and not yet confirmed */
	bool old_in_scope, new_in_scope;
	enum mlps_change change;
};

struct mlps_diff;

/*
 * Compares old and new (both of cat). Items are kept for every change and
 * for unchanged gaps, in catalogue order. Fails when the two assessments
 * belong to different systems or the set has no rules file. Caller frees.
 */
struct mlps_diff *mlps_diff_compute(const struct mlps_catalog *cat, const struct mlps_assessment *old_a,
				    const struct mlps_assessment *new_a, struct mlps_error *err);
void mlps_diff_free(struct mlps_diff *d);

size_t mlps_diff_n_items(const struct mlps_diff *d);
const struct mlps_diff_item *mlps_diff_item(const struct mlps_diff *d, size_t i);
int mlps_diff_count(const struct mlps_diff *d, enum mlps_change c);
/* The scores of both sides, for per-level and per-category deltas. */
const struct mlps_score *mlps_diff_old_score(const struct mlps_diff *d);
const struct mlps_score *mlps_diff_new_score(const struct mlps_diff *d);
const struct mlps_assessment *mlps_diff_old(const struct mlps_diff *d);
const struct mlps_assessment *mlps_diff_new(const struct mlps_diff *d);
/* Objects of the new side that the old one lacks (added), and the reverse (removed). */
size_t mlps_diff_n_added(const struct mlps_diff *d);
const struct mlps_object *mlps_diff_added(const struct mlps_diff *d, size_t i);
size_t mlps_diff_n_removed(const struct mlps_diff *d);
const struct mlps_object *mlps_diff_removed(const struct mlps_diff *d, size_t i);
/* Stable names for machine formats: "resolved", "new-gap", ... */
const char *mlps_change_name(enum mlps_change c);
const char *mlps_change_label(enum mlps_change c, enum mlps_lang lang);

#endif
