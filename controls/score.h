/*
 * score.h - what an evaluation report computes from the answers, per level,
 * category, control point and technical/management part (DESIGN.md §3,
 * docs/scoring.md). Every constant comes from the rules file:
 *
 *   result     = a requirement's status and value over its objects (assessment.h),
 *                the value being the mean (or the minimum) of its objects' values
 *   applicable = requirements in scope at the level, less those whose result is na
 *   rate       = 100 * Σ value / applicable            (符合率; the 2025 rule's measure)
 *   score10    = Σ w(importance) * value / Σ w * scale (控制点得分, scale 10)
 *   coverage   = 100 * answered / applicable  (answered: compliant, partial, noncompliant)
 *   composite  (2021 template, 缺陷扣分法; rules version 2):
 *                S   = 100 / n, or S_t = 100y / t and S_m = 100(1 - y) / m (per-part)
 *                V_t = max(0, 100y       - Σ_technical  f(importance) (1 - value) S_t)
 *                V_m = max(0, 100(1 - y) - Σ_management f(importance) (1 - value) S_m)
 *                M   = V_t + V_m
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
 * band of each verdict rule; the rules file names the primary one.
 */
#ifndef MLPS_SCORE_H
#define MLPS_SCORE_H

#include "assessment.h"
#include "catalog.h"

/* 控制点符合情况, from the control point's 10-point score (GB/T 28448-2019 §11.2). */
enum mlps_cp_status {
	MLPS_CP_NA = 0,             /* every item N/A (or none in scope) */
	MLPS_CP_COMPLIANT,          /* score10 = scale */
	MLPS_CP_PARTIAL,            /* in between */
	MLPS_CP_NONCOMPLIANT,       /* score10 = 0 */
	MLPS_CP_COUNT
};

struct mlps_tally {
	int total;                  /* requirements in scope at the level */
	int n[MLPS_ST_COUNT];       /* by status, "not assessed" counted as unanswered */
	int applicable;             /* total - na */
	int answered;               /* compliant + partial + noncompliant */
	double value;               /* Σ value over applicable */
	double weight;              /* Σ weight over applicable */
	double weighted;            /* Σ weight * value over applicable */
	double rate, coverage;      /* 0-100; 0 when nothing is applicable */
	double score10;             /* weighted / weight * scale: the 控制点得分 of a control point */
	enum mlps_cp_status status; /* from score10; meant for control points */
	/*
	 * The 100-point score people see in a Score column. At a level: the
	 * composite M (rules version 2) or, for version 1, the weighted score
	 * 100 * weighted / weight. For the technical and management parts: the
	 * part's V as a share of its 100y or 100(1 - y) points (version 1: the
	 * weighted score). For categories and control points: 100 * weighted / weight.
	 */
	double score;
	double units;               /* Σ f * (1 - value) over applicable (composite deduction units) */
	double deducted;            /* the points those units cost, before any floor */
	enum mlps_risk worst;       /* worst risk of a gap counted here */
	int risks[MLPS_RISK_COUNT]; /* gaps by effective risk */
};

/* The 2021 composite score of one level (rules version 2; present is false for version 1). */
struct mlps_composite {
	bool present;
	int n, n_t, n_m;            /* applicable items: all, technical, management */
	double y;                   /* attention coefficient */
	double s;                   /* base score 100/n (whole); 0 with per-part */
	double s_t, s_m;            /* base score used for each part (whole: both = s) */
	double share_t, share_m;    /* 100y and 100(1 - y) */
	double ded_t, ded_m;        /* deductions of each part before its floor */
	double v_t, v_m;            /* each part, floored at 0 */
	double m;                   /* V_t + V_m */
	bool floored_t, floored_m;  /* the part's deductions exceeded its share */
};

/*
 * One item that costs points in the composite at a level: f * (1 - x) * S.
 * mlps_score_deductions() lists them with the largest first.
 */
struct mlps_deduction {
	const struct mlps_requirement *req;
	const struct mlps_result *res;  /* its result over its objects (target level) */
	enum mlps_status status;        /* at this level ("not assessed" is unanswered) */
	enum mlps_kind part;            /* technical or management */
	double value;                   /* x */
	double factor;                  /* f, by importance */
	double points;                  /* f * (1 - x) * S of its part */
	double beyond;                  /* of those, points past the part's floor (not counted) */
	double running;                 /* Σ (points - beyond) so far: ends at 100 - M */
};

/*
 * A gap: a requirement in scope at the target level whose result over its
 * objects is noncompliant or partial.
 */
struct mlps_finding {
	const struct mlps_requirement *req;
	struct mlps_result res;                 /* the result over its objects; while some objects are not
						   answered yet, status is the answered ones' gap */
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
	double measure;             /* the rate, the composite M or (version 1) the score compared */
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
/* The verdict of the rules' primary rule (the 2025 conclusion in the shipped rules). */
const struct mlps_verdict *mlps_score_primary(const struct mlps_score *s, int level);
/* The composite at a level (1-4); ->present false when the rules have none. */
const struct mlps_composite *mlps_score_composite(const struct mlps_score *s, int level);
/*
 * The items that cost points at a level, largest deduction first (ties in
 * catalogue order), with a running total; *n gets their number. The
 * entries' points less their `beyond` parts add up to 100 - M. Borrowed.
 */
const struct mlps_deduction *mlps_score_deductions(const struct mlps_score *s, int level, size_t *n);

/*
 * Decides a rule for a measure and a worst risk: the first band whose bound
 * the measure meets (above: strictly greater; min: at least, within 1e-9)
 * and whose risk condition holds. Fills *v (its rule, band, index, measure, worst).
 */
void mlps_score_decide(const struct mlps_verdict_rule *rule, double measure, enum mlps_risk worst,
		       struct mlps_verdict *v);
/* Whether the measure meets the band's lower bound. */
bool mlps_band_bound_met(const struct mlps_band *b, double measure);
/* Whether the worst risk meets the band's risk condition. */
bool mlps_band_risk_met(const struct mlps_band *b, enum mlps_risk worst);

/* Names and labels of control-point statuses: "compliant" ... ; 符合 / Compliant ... */
const char *mlps_cp_status_name(enum mlps_cp_status st);
const char *mlps_cp_status_label(enum mlps_cp_status st, enum mlps_lang lang);

/* Gaps at the target level: high risk first, then medium, low; catalogue order within. */
size_t mlps_score_n_findings(const struct mlps_score *s);
const struct mlps_finding *mlps_score_finding(const struct mlps_score *s, size_t i);
/* Findings whose requirement a high-risk scenario maps to and whose scenario applies (mitigated or not). */
size_t mlps_score_n_high_risk(const struct mlps_score *s);
/* Of those, the ones an override with a mitigating measure lowered (not a 重大风险隐患 any more). */
size_t mlps_score_n_high_mitigated(const struct mlps_score *s);
/*
 * Progress at a level, the one definition every view shows: items decided
 * (compliant, partial, non-compliant or N/A) of the items in scope. Carried
 * answers not yet confirmed and to-do items are not decided.
 */
void mlps_score_progress(const struct mlps_score *s, int level, int *decided, int *in_scope);
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
