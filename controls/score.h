/*
 * score.h - compliance rate, score, coverage, risks and verdicts of an
 * assessment, per level, category, control point and technical/management
 * half. Every constant comes from the rules file (DESIGN.md §3):
 *
 *   result     = a requirement's status and value over its objects (assessment.h)
 *   applicable = requirements in scope at the level, less those whose result is na
 *   rate       = 100 * Σ value(result) / applicable
 *   score      = 100 * Σ weight(importance) * value(status) / Σ weight(importance)
 *   coverage   = 100 * answered / applicable  (answered: compliant, partial, noncompliant)
 *
 * An answer given at the target level T also counts at every lower level
 * where the requirement applies. Above T it counts only where the wording is
 * the same as at T; a requirement that is worded differently there, or that
 * exists only there, is "not assessed" and counts as unanswered.
 *
 * A gap (noncompliant or partial) carries a risk: the rules' default, or
 * high when a high-risk scenario maps to the requirement, the system meets
 * its conditions and the level is at least the scenario's minimum (only for
 * noncompliant answers), or the operator's override when a mitigating
 * measure is recorded. The worst risk at a level and the measure pick the
 * verdict band of each rule.
 */
#ifndef MLPS_SCORE_H
#define MLPS_SCORE_H

#include "assessment.h"
#include "catalog.h"

struct mlps_tally {
	int total;                  /* requirements in scope at the level */
	int n[MLPS_ST_COUNT];       /* by status, "not assessed" counted as unanswered */
	int applicable;             /* total - na */
	int answered;               /* compliant + partial + noncompliant */
	double value;               /* Σ value over applicable */
	double weight;              /* Σ weight over applicable */
	double weighted;            /* Σ weight * value over applicable */
	double rate, score, coverage;   /* 0-100; 0 when nothing is applicable */
	enum mlps_risk worst;       /* worst risk of a gap counted here */
	int risks[MLPS_RISK_COUNT]; /* gaps by effective risk */
};

/*
 * A gap: a requirement in scope at the target level whose result over its
 * objects is noncompliant or partial.
 */
struct mlps_finding {
	const struct mlps_requirement *req;
	struct mlps_result res;                 /* the result over its objects */
	const struct mlps_answer *ans;          /* the gap answer with the worst risk (its note, plan) */
	const struct mlps_answer **gaps;        /* answers of the objects in the gap, non-compliant first */
	size_t n_gaps;
	const struct mlps_scenario *scenario;   /* the high-risk scenario that applies, or NULL */
	enum mlps_risk base;        /* default or high-risk, before any override */
	enum mlps_risk risk;        /* effective at the target level */
	bool mitigated;             /* an override lowered a high risk */
};

/* Why a verdict came out as it did. */
struct mlps_verdict {
	const struct mlps_verdict_rule *rule;
	const struct mlps_band *band;
	size_t band_index;
	double measure;             /* the score or the rate compared */
	enum mlps_risk worst;
};

struct mlps_score;

/*
 * Scores `a` against `cat` with the catalogue's rules. Returns NULL (with a
 * message) when the set has no rules file. Caller frees with mlps_score_free().
 * The result borrows from cat and a: keep both alive while using it.
 */
struct mlps_score *mlps_score_compute(const struct mlps_catalog *cat, const struct mlps_assessment *a,
				      struct mlps_error *err);
void mlps_score_free(struct mlps_score *s);

const struct mlps_rules *mlps_score_rules(const struct mlps_score *s);
int mlps_score_target(const struct mlps_score *s);
/* Tallies; level 1-4. kind: enum mlps_kind. */
const struct mlps_tally *mlps_score_level(const struct mlps_score *s, int level);
const struct mlps_tally *mlps_score_category(const struct mlps_score *s, int level, size_t category_index);
const struct mlps_tally *mlps_score_control_point(const struct mlps_score *s, int level, size_t cp_index);
const struct mlps_tally *mlps_score_kind(const struct mlps_score *s, int level, enum mlps_kind kind);
/* The verdict of rule i at a level (1 to the target level). */
const struct mlps_verdict *mlps_score_verdict(const struct mlps_score *s, int level, size_t rule);
/* Gaps at the target level: high risk first, then medium, low; catalogue order within. */
size_t mlps_score_n_findings(const struct mlps_score *s);
const struct mlps_finding *mlps_score_finding(const struct mlps_score *s, size_t i);
/* Findings whose requirement a high-risk scenario maps to and whose scenario applies (mitigated or not). */
size_t mlps_score_n_high_risk(const struct mlps_score *s);
/* Carried answers not yet confirmed, among those in scope. */
int mlps_score_unconfirmed(const struct mlps_score *s);

/*
 * The result of a requirement at the target level (over its objects), or
 * NULL when it is not in scope there.
 */
const struct mlps_result *mlps_score_result(const struct mlps_score *s, const struct mlps_requirement *req);
/*
 * The status of a requirement at `level`, applying the "not assessed" rule
 * above to its result over objects.
 */
enum mlps_status mlps_score_status_at(const struct mlps_score *s, const struct mlps_requirement *req,
				      int level);

#endif
