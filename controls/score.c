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
	struct mlps_result *results;    /* by requirement index; n_objects 0: not in scope */
};

/* Whether a requirement's target-level result counts at `level` ("not assessed" otherwise). */
static bool counts_at(const struct mlps_requirement *r, int target, int level)
{
	if (!r->ids[level] || !r->ids[target])
		return false;
	return level <= target || mlps_req_same_text(r, level, target);
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

/* Risk of one object's gap at `level`, before and after the operator's override. */
static enum mlps_risk gap_risk(const struct mlps_rules *rules, const struct mlps_scenario *sc,
			       const struct mlps_answer *ans, enum mlps_risk *base)
{
	enum mlps_risk b = ans->status == MLPS_ST_NONCOMPLIANT ? rules->default_risk_noncompliant
							       : rules->default_risk_partial;

	if (sc && ans->status == MLPS_ST_NONCOMPLIANT)
		b = MLPS_RISK_HIGH;
	if (base)
		*base = b;
	if (ans->risk != MLPS_RISK_NONE && ans->mitigation && *ans->mitigation)
		return ans->risk;
	return b;
}

static bool is_gap(enum mlps_status st)
{
	return st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT;
}

/*
 * The answers of req's objects that are gaps, non-compliant ones first, each
 * group in object order. Caller frees the array.
 */
static const struct mlps_answer **gap_answers(const struct mlps_catalog *cat, const struct mlps_assessment *a,
					      const struct mlps_requirement *req,
					      const struct mlps_object **objs, size_t *n)
{
	const struct mlps_answer **out;
	size_t i, k = 0, n_objs = mlps_assessment_req_objects(cat, a, req, objs);
	int pass;

	out = mlps_calloc(n_objs ? n_objs : 1, sizeof(*out));
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n_objs; i++) {
			const struct mlps_answer *ans = mlps_assessment_answer(a, req->key, objs[i]->name);

			if (ans && ans->status == (pass ? MLPS_ST_PARTIAL : MLPS_ST_NONCOMPLIANT))
				out[k++] = ans;
		}
	*n = k;
	return out;
}

/*
 * A requirement's risk over its gap objects: the worst of each object's
 * effective risk (its override when a mitigating measure is recorded, else
 * the default for its status, high when a scenario applies and it is
 * non-compliant). *base gets the worst before overrides, *worst_ans the
 * answer that carries the effective risk.
 */
static enum mlps_risk req_risk(const struct mlps_rules *rules, const struct mlps_scenario *sc,
			       const struct mlps_answer *const *gaps, size_t n, enum mlps_risk *base,
			       const struct mlps_answer **worst_ans)
{
	enum mlps_risk risk = MLPS_RISK_NONE, b = MLPS_RISK_NONE;
	size_t i;

	if (worst_ans)
		*worst_ans = n ? gaps[0] : NULL;
	for (i = 0; i < n; i++) {
		enum mlps_risk ob, r = gap_risk(rules, sc, gaps[i], &ob);

		if (ob > b)
			b = ob;
		if (r > risk) {
			risk = r;
			if (worst_ans)
				*worst_ans = gaps[i];
		}
	}
	if (base)
		*base = b;
	return risk;
}

static void add(struct mlps_tally *t, const struct mlps_rules *rules, enum mlps_importance imp,
		enum mlps_status st, double value, enum mlps_risk risk)
{
	t->total++;
	t->n[st]++;
	if (st == MLPS_ST_NA)
		return;
	t->applicable++;
	if (st == MLPS_ST_COMPLIANT || st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT)
		t->answered++;
	t->value += value;
	t->weight += rules->weights[imp];
	t->weighted += rules->weights[imp] * value;
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
	const struct mlps_object **objs;
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

	s->results = mlps_calloc(mlps_catalog_n_requirements(cat) ? mlps_catalog_n_requirements(cat) : 1,
				 sizeof(*s->results));
	objs = mlps_calloc(a->n_objects ? a->n_objects : 1, sizeof(*objs));
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(cat, i);
		struct mlps_result *res = &s->results[i];
		const struct mlps_answer **gaps;
		size_t n_gaps;

		if (!(a->ext & MLPS_EXT_BIT(req->cp->ext)))
			continue;
		mlps_assessment_result(cat, a, req, rules->values, false, res);
		if (req->ids[a->level])
			s->unconfirmed += res->to_confirm;
		gaps = gap_answers(cat, a, req, objs, &n_gaps);
		for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
			enum mlps_status st = MLPS_ST_UNANSWERED;
			double value = rules->values[MLPS_ST_UNANSWERED];
			enum mlps_risk risk = MLPS_RISK_NONE;

			if (!req->ids[level])
				continue;
			if (counts_at(req, a->level, level)) {
				st = res->status;
				value = res->value;
				if (n_gaps)
					risk = req_risk(rules, scenario_for(cat, req, a->sys.flags, level), gaps,
							n_gaps, NULL, NULL);
			}
			add(&s->level[level], rules, req->importance, st, value, risk);
			add(&s->cats[level * s->n_cats + req->cp->category->index], rules, req->importance, st,
			    value, risk);
			add(&s->cps[level * s->n_cps + req->cp->index], rules, req->importance, st, value, risk);
			add(&s->kind[level][req->cp->category->kind], rules, req->importance, st, value, risk);
		}
		/* The findings list is about the target level. */
		if (req->ids[a->level] && is_gap(res->status) && n_gaps) {
			struct mlps_finding *f;

			mlps_grow((void **)&s->findings, &alloc, s->n_findings + 1, sizeof(*s->findings));
			f = &s->findings[s->n_findings++];
			memset(f, 0, sizeof(*f));
			f->req = req;
			f->res = *res;
			f->gaps = gaps;
			f->n_gaps = n_gaps;
			f->scenario = scenario_for(cat, req, a->sys.flags, a->level);
			f->risk = req_risk(rules, f->scenario, gaps, n_gaps, &f->base, &f->ans);
			f->mitigated = f->base == MLPS_RISK_HIGH && f->risk < MLPS_RISK_HIGH;
			if (f->scenario && !res->n[MLPS_ST_NONCOMPLIANT])
				f->scenario = NULL;
			if (f->scenario)
				s->n_high++;
		} else {
			free((void *)gaps);
		}
	}
	free((void *)objs);
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
	for (size_t i = 0; i < s->n_findings; i++)
		free((void *)s->findings[i].gaps);
	free(s->findings);
	free(s->results);
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

const struct mlps_result *mlps_score_result(const struct mlps_score *s, const struct mlps_requirement *req)
{
	const struct mlps_result *res;

	if (req->index >= mlps_catalog_n_requirements(s->cat))
		return NULL;
	res = &s->results[req->index];
	return res->n_objects && req->ids[s->target] ? res : NULL;
}

enum mlps_status mlps_score_status_at(const struct mlps_score *s, const struct mlps_requirement *req,
				      int level)
{
	const struct mlps_result *res = &s->results[req->index];

	if (level < MLPS_LEVEL_MIN || level > MLPS_LEVEL_MAX || !res->n_objects ||
	    !counts_at(req, s->target, level))
		return MLPS_ST_UNANSWERED;
	return res->status;
}
