#include "score.h"

#include <stdlib.h>
#include <string.h>

struct mlps_score {
	const struct mlps_catalog *cat;
	const struct mlps_rules *rules;
	int target;
	size_t n_cats, n_cps;
	struct mlps_tally level[MLPS_LEVEL_MAX + 1];
	struct mlps_tally *cats;    /* [level][category] */
	struct mlps_tally *cps;     /* [level][control point] */
	struct mlps_tally kind[MLPS_LEVEL_MAX + 1][2];
	struct mlps_verdict *verdicts;  /* [level][rule] */
	struct mlps_finding *findings;
	size_t n_findings, n_high;
	int unconfirmed;
};

enum mlps_status mlps_status_at(const struct mlps_requirement *r, const struct mlps_answer *ans,
				int target, int level)
{
	if (!ans || !r->ids[level] || !r->ids[target])
		return MLPS_ST_UNANSWERED;
	if (level > target && !mlps_req_same_text(r, level, target))
		return MLPS_ST_UNANSWERED;
	return ans->status;
}

/* The high-risk scenario for r that applies to this system at `level`, if any. */
static const struct mlps_scenario *scenario_for(const struct mlps_catalog *cat,
						const struct mlps_requirement *r, unsigned flags,
						int level)
{
	const struct mlps_scenario *best = NULL;
	size_t i;

	for (i = 0; i < mlps_catalog_n_scenarios(cat); i++) {
		const struct mlps_scenario *sc = mlps_catalog_scenario(cat, i);
		unsigned need = sc->conditions & ~MLPS_COND_CLOUD_ANY;
		unsigned cloud = sc->conditions & MLPS_COND_CLOUD_ANY;

		if (sc->req != r || level < sc->min_level)
			continue;
		if ((flags & need) != need || (cloud && !(flags & cloud)))
			continue;
		if (!best || sc->min_level < best->min_level)
			best = sc;
	}
	return best;
}

/* Risk of a gap at `level`, before and after the operator's override. */
static enum mlps_risk gap_risk(const struct mlps_rules *rules, const struct mlps_scenario *sc,
			       enum mlps_status st, const struct mlps_answer *ans, enum mlps_risk *base)
{
	enum mlps_risk b = st == MLPS_ST_NONCOMPLIANT ? rules->default_risk_noncompliant
						      : rules->default_risk_partial;

	if (sc && st == MLPS_ST_NONCOMPLIANT)
		b = MLPS_RISK_HIGH;
	if (base)
		*base = b;
	if (ans && ans->risk != MLPS_RISK_NONE && ans->mitigation && *ans->mitigation)
		return ans->risk;
	return b;
}

static void add(struct mlps_tally *t, const struct mlps_rules *rules, enum mlps_importance imp,
		enum mlps_status st, enum mlps_risk risk)
{
	t->total++;
	t->n[st]++;
	if (st == MLPS_ST_NA)
		return;
	t->applicable++;
	if (st == MLPS_ST_COMPLIANT || st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT)
		t->answered++;
	t->value += rules->values[st];
	t->weight += rules->weights[imp];
	t->weighted += rules->weights[imp] * rules->values[st];
	if (st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT) {
		t->risks[risk]++;
		if (risk > t->worst)
			t->worst = risk;
	}
}

static void finish_tally(struct mlps_tally *t)
{
	if (t->applicable == 0)
		return;
	t->rate = 100.0 * t->value / t->applicable;
	t->score = t->weight > 0 ? 100.0 * t->weighted / t->weight : 0;
	t->coverage = 100.0 * t->answered / t->applicable;
}

static void decide(struct mlps_verdict *v, const struct mlps_verdict_rule *rule,
		   const struct mlps_tally *t)
{
	size_t i;

	v->rule = rule;
	v->measure = rule->measure == MLPS_MEASURE_RATE ? t->rate : t->score;
	v->worst = t->worst;
	for (i = 0; i < rule->n_bands; i++) {
		const struct mlps_band *b = &rule->bands[i];

		/* Compare at the precision people see, so 89.995 shown as 90.00 is not "below 90". */
		if (v->measure + 1e-9 >= b->min && t->worst <= b->max_risk) {
			v->band = b;
			v->band_index = i;
			return;
		}
	}
	/* The loader guarantees a last band that fits everything. */
	v->band = &rule->bands[rule->n_bands - 1];
	v->band_index = rule->n_bands - 1;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct mlps_finding *x = a, *y = b;

	if (x->risk != y->risk)
		return x->risk > y->risk ? -1 : 1;
	return x->req->index < y->req->index ? -1 : x->req->index > y->req->index;
}

struct mlps_score *mlps_score_compute(const struct mlps_catalog *cat, const struct mlps_assessment *a,
				      struct mlps_error *err)
{
	const struct mlps_rules *rules = mlps_catalog_rules(cat);
	struct mlps_score *s;
	size_t i, r, alloc = 0;
	int level;

	if (!rules) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: the profile set has no rules file (mlps-rules: 1)",
			       mlps_catalog_dir(cat));
		return NULL;
	}
	s = mlps_calloc(1, sizeof(*s));
	s->cat = cat;
	s->rules = rules;
	s->target = a->level;
	s->n_cats = mlps_catalog_n_categories(cat);
	s->n_cps = mlps_catalog_n_control_points(cat);
	s->cats = mlps_calloc((MLPS_LEVEL_MAX + 1) * (s->n_cats ? s->n_cats : 1), sizeof(*s->cats));
	s->cps = mlps_calloc((MLPS_LEVEL_MAX + 1) * (s->n_cps ? s->n_cps : 1), sizeof(*s->cps));
	s->verdicts = mlps_calloc((MLPS_LEVEL_MAX + 1) * (rules->n_verdicts ? rules->n_verdicts : 1),
				  sizeof(*s->verdicts));

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(cat, i);
		const struct mlps_answer *ans;

		if (!(a->ext & MLPS_EXT_BIT(req->cp->ext)))
			continue;
		ans = mlps_assessment_answer(a, req->key);
		if (ans && ans->to_confirm && req->ids[a->level])
			s->unconfirmed++;
		for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
			enum mlps_status st;
			enum mlps_risk risk = MLPS_RISK_NONE;

			if (!req->ids[level])
				continue;
			st = mlps_status_at(req, ans, a->level, level);
			if (st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT)
				risk = gap_risk(rules, scenario_for(cat, req, a->sys.flags, level), st, ans, NULL);
			add(&s->level[level], rules, req->importance, st, risk);
			add(&s->cats[level * s->n_cats + req->cp->category->index], rules, req->importance, st, risk);
			add(&s->cps[level * s->n_cps + req->cp->index], rules, req->importance, st, risk);
			add(&s->kind[level][req->cp->category->kind], rules, req->importance, st, risk);
		}
		/* The findings list is about the target level. */
		if (req->ids[a->level] && ans &&
		    (ans->status == MLPS_ST_PARTIAL || ans->status == MLPS_ST_NONCOMPLIANT)) {
			struct mlps_finding *f;

			mlps_grow((void **)&s->findings, &alloc, s->n_findings + 1, sizeof(*s->findings));
			f = &s->findings[s->n_findings++];
			f->req = req;
			f->ans = ans;
			f->scenario = scenario_for(cat, req, a->sys.flags, a->level);
			f->risk = gap_risk(rules, f->scenario, ans->status, ans, &f->base);
			f->mitigated = f->base == MLPS_RISK_HIGH && f->risk < MLPS_RISK_HIGH;
			if (f->scenario && ans->status != MLPS_ST_NONCOMPLIANT)
				f->scenario = NULL;
			if (f->scenario)
				s->n_high++;
		}
	}
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		finish_tally(&s->level[level]);
		finish_tally(&s->kind[level][0]);
		finish_tally(&s->kind[level][1]);
		for (i = 0; i < s->n_cats; i++)
			finish_tally(&s->cats[level * s->n_cats + i]);
		for (i = 0; i < s->n_cps; i++)
			finish_tally(&s->cps[level * s->n_cps + i]);
		for (r = 0; r < rules->n_verdicts; r++)
			decide(&s->verdicts[level * rules->n_verdicts + r], &rules->verdicts[r],
			       &s->level[level]);
	}
	if (s->n_findings > 1)
		qsort(s->findings, s->n_findings, sizeof(*s->findings), cmp_finding);
	return s;
}

void mlps_score_free(struct mlps_score *s)
{
	if (!s)
		return;
	free(s->cats);
	free(s->cps);
	free(s->verdicts);
	free(s->findings);
	free(s);
}

const struct mlps_rules *mlps_score_rules(const struct mlps_score *s)
{
	return s->rules;
}

int mlps_score_target(const struct mlps_score *s)
{
	return s->target;
}

static int level_ok(int level)
{
	return level >= MLPS_LEVEL_MIN && level <= MLPS_LEVEL_MAX;
}

const struct mlps_tally *mlps_score_level(const struct mlps_score *s, int level)
{
	return level_ok(level) ? &s->level[level] : NULL;
}

const struct mlps_tally *mlps_score_category(const struct mlps_score *s, int level, size_t ci)
{
	return level_ok(level) && ci < s->n_cats ? &s->cats[(size_t)level * s->n_cats + ci] : NULL;
}

const struct mlps_tally *mlps_score_control_point(const struct mlps_score *s, int level, size_t cpi)
{
	return level_ok(level) && cpi < s->n_cps ? &s->cps[(size_t)level * s->n_cps + cpi] : NULL;
}

const struct mlps_tally *mlps_score_kind(const struct mlps_score *s, int level, enum mlps_kind kind)
{
	return level_ok(level) ? &s->kind[level][kind == MLPS_KIND_MANAGEMENT] : NULL;
}

const struct mlps_verdict *mlps_score_verdict(const struct mlps_score *s, int level, size_t rule)
{
	if (!level_ok(level) || rule >= s->rules->n_verdicts)
		return NULL;
	return &s->verdicts[(size_t)level * s->rules->n_verdicts + rule];
}

size_t mlps_score_n_findings(const struct mlps_score *s)
{
	return s->n_findings;
}

const struct mlps_finding *mlps_score_finding(const struct mlps_score *s, size_t i)
{
	return i < s->n_findings ? &s->findings[i] : NULL;
}

size_t mlps_score_n_high_risk(const struct mlps_score *s)
{
	return s->n_high;
}

int mlps_score_unconfirmed(const struct mlps_score *s)
{
	return s->unconfirmed;
}
