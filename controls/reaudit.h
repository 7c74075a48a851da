/*
 * reaudit.h - starting next year's assessment from this year's.
 *
 * Every object comes along, and every answer is carried forward per object (status, note, evidence, N/A reason, risk
 * override, remediation plan) and marked to confirm, except where the
 * requirement's wording at the new level differs from the wording the answer
 * was given to (its text hash), or the requirement is outside the new scope:
 * those start unanswered, and the old answer stays visible in the parent.
 */
#ifndef MLPS_REAUDIT_H
#define MLPS_REAUDIT_H

#include "assessment.h"
#include "catalog.h"

struct mlps_reaudit_stats {
	int carried;        /* carried and marked to confirm */
	int changed;        /* not carried: the wording changed since it was answered */
	int out_of_scope;   /* not carried: outside the new level or extensions */
};

/*
 * The new assessment (not yet saved): same system, parent = old->id, the
 * given level and extensions, the set's hash and rules. Caller frees with
 * mlps_assessment_free(); the store gives it an id.
 */
struct mlps_assessment *mlps_reaudit_prepare(const struct mlps_catalog *cat, const struct mlps_assessment *old,
					     int level, unsigned ext, struct mlps_reaudit_stats *stats);

#endif
