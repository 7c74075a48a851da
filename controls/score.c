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
	struct mlps_composite comp[MLPS_LEVEL_MAX + 1];
	struct mlps_deduction *ded[MLPS_LEVEL_MAX + 1];    /* largest first */
	size_t n_ded[MLPS_LEVEL_MAX + 1], a_ded[MLPS_LEVEL_MAX + 1];
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
	size_t i, n;
	/* Indexed by requirement once per catalogue: no scan of every scenario. */
	const struct mlps_scenario *const *mine = mlps_catalog_req_scenarios(cat, r, &n);

	for (i = 0; i < n; i++) {
		const struct mlps_scenario *sc = mine[i];
		unsigned need = sc->conditions & ~MLPS_COND_CLOUD_ANY;
		unsigned cloud = sc->conditions & MLPS_COND_CLOUD_ANY;

		if (level < sc->min_level)
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

			if (ans && !ans->to_confirm && ans->status == (pass ? MLPS_ST_PARTIAL : MLPS_ST_NONCOMPLIANT))
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
	t->units += rules->factors[imp] * (1 - value);
	if (st == MLPS_ST_PARTIAL || st == MLPS_ST_NONCOMPLIANT) {
		t->risks[risk]++;
		if (risk > t->worst)
			t->worst = risk;
	}
}

/*
 * Rate, coverage, the weighted scores and the control-point status. The
 * status compares at 1e-9 so that a sum of tenths that lands a hair under
 * the scale is still "all compliant".
 */
static void finish_tally(struct mlps_tally *t, const struct mlps_rules *rules)
{
	t->status = MLPS_CP_NA;
	if (t->applicable == 0)
		return;
	t->rate = 100.0 * t->value / t->applicable;
	t->score = t->weight > 0 ? 100.0 * t->weighted / t->weight : 0;
	t->score10 = t->weight > 0 ? rules->scale * t->weighted / t->weight : 0;
	t->coverage = 100.0 * t->answered / t->applicable;
	if (t->score10 >= rules->scale - 1e-9)
		t->status = MLPS_CP_COMPLIANT;
	else if (t->score10 <= 1e-9)
		t->status = MLPS_CP_NONCOMPLIANT;
	else
		t->status = MLPS_CP_PARTIAL;
}

bool mlps_band_bound_met(const struct mlps_band *b, double measure)
{
	/* At 1e-9, so that 90 computed as 89.99999999999999 is still 90. */
	return b->above ? measure > b->min + 1e-9 : measure + 1e-9 >= b->min;
}

bool mlps_band_risk_met(const struct mlps_band *b, enum mlps_risk worst)
{
	return worst <= b->max_risk;
}

void mlps_score_decide(const struct mlps_verdict_rule *rule, double measure, enum mlps_risk worst,
		       struct mlps_verdict *v)
{
	size_t i;

	v->rule = rule;
	v->measure = measure;
	v->worst = worst;
	for (i = 0; i < rule->n_bands; i++) {
		const struct mlps_band *b = &rule->bands[i];

		if (mlps_band_bound_met(b, measure) && mlps_band_risk_met(b, worst)) {
			v->band = b;
			v->band_index = i;
			return;
		}
	}
	/* The loader guarantees a last band that fits everything. */
	v->band = &rule->bands[rule->n_bands - 1];
	v->band_index = rule->n_bands - 1;
}

static double measure_of(const struct mlps_verdict_rule *rule, const struct mlps_tally *t,
			 const struct mlps_composite *c)
{
	switch (rule->measure) {
	case MLPS_MEASURE_RATE:
		return t->rate;
	case MLPS_MEASURE_COMPOSITE:
		return c->m;
	case MLPS_MEASURE_SCORE:
	default:
		return t->score;
	}
}

static int cmp_deduction(const void *a, const void *b)
{
	const struct mlps_deduction *x = a, *y = b;

	if (x->points != y->points)
		return x->points > y->points ? -1 : 1;
	return x->req->index < y->req->index ? -1 : x->req->index > y->req->index;
}

/*
 * The composite of one level from its technical and management tallies,
 * then the points of each deduction, largest first, each part's floor
 * marked where its running deductions pass its share.
 */
static void composite(struct mlps_score *s, int level)
{
	const struct mlps_rules *rules = s->rules;
	struct mlps_composite *c = &s->comp[level];
	const struct mlps_tally *tt = &s->kind[level][0], *tm = &s->kind[level][1];
	double raw[2] = { 0, 0 }, share[2];
	size_t i;

	if (!rules->has_composite)
		return;
	c->present = true;
	c->n_t = tt->applicable;
	c->n_m = tm->applicable;
	c->n = c->n_t + c->n_m;
	c->y = rules->attention;
	c->share_t = 100 * c->y;
	c->share_m = 100 * (1 - c->y);
	if (rules->base == MLPS_BASE_WHOLE) {
		c->s = c->n ? 100.0 / c->n : 0;
		c->s_t = c->s_m = c->s;
	} else {
		/* A part without applicable items deducts nothing and keeps its share. */
		c->s_t = c->n_t ? c->share_t / c->n_t : 0;
		c->s_m = c->n_m ? c->share_m / c->n_m : 0;
	}
	c->ded_t = tt->units * c->s_t;
	c->ded_m = tm->units * c->s_m;
	c->floored_t = c->ded_t > c->share_t + 1e-9;
	c->floored_m = c->ded_m > c->share_m + 1e-9;
	c->v_t = c->floored_t ? 0 : c->share_t - c->ded_t;
	c->v_m = c->floored_m ? 0 : c->share_m - c->ded_m;
	if (c->v_t < 0)
		c->v_t = 0;
	if (c->v_m < 0)
		c->v_m = 0;
	/* Nothing applicable, nothing scored: like the rate, 0. */
	if (c->n == 0)
		c->v_t = c->v_m = 0;
	c->m = c->v_t + c->v_m;

	share[0] = c->share_t;
	share[1] = c->share_m;
	for (i = 0; i < s->n_ded[level]; i++) {
		struct mlps_deduction *d = &s->ded[level][i];

		d->points *= d->part == MLPS_KIND_MANAGEMENT ? c->s_m : c->s_t;
	}
	if (s->n_ded[level] > 1)
		qsort(s->ded[level], s->n_ded[level], sizeof(*s->ded[level]), cmp_deduction);
	for (i = 0; i < s->n_ded[level]; i++) {
		struct mlps_deduction *d = &s->ded[level][i];
		int p = d->part == MLPS_KIND_MANAGEMENT;
		double before = raw[p], over;

		raw[p] += d->points;
		/* The part of this deduction that falls past the part's share. */
		over = raw[p] - (before > share[p] ? before : share[p]);
		d->beyond = over > 1e-12 ? over : 0;
		d->running = (i ? s->ded[level][i - 1].running : 0) + d->points - d->beyond;
		s->level[level].deducted += d->points;
		s->kind[level][p].deducted += d->points;
		s->cats[(size_t)level * s->n_cats + d->req->cp->category->index].deducted += d->points;
		s->cps[(size_t)level * s->n_cps + d->req->cp->index].deducted += d->points;
	}
	/* The Score column of a level and of each part shows the composite. */
	s->level[level].score = c->m;
	s->kind[level][0].score = c->share_t > 0 ? 100 * c->v_t / c->share_t : 0;
	s->kind[level][1].score = c->share_m > 0 ? 100 * c->v_m / c->share_m : 0;
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
		mlps_assessment_result(cat, a, req, rules->values, rules->combine == MLPS_COMBINE_MIN, res);
		if (req->ids[a->level])
			s->unconfirmed += res->to_confirm;
		gaps = gap_answers(cat, a, req, objs, &n_gaps);
		for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
			enum mlps_status st = MLPS_ST_UNANSWERED;
			double value = rules->values[MLPS_ST_UNANSWERED];
			enum mlps_risk risk = MLPS_RISK_NONE;

			if (!req->ids[level])
				continue;
			/*
			 * An item that exists only below the target level is not assessed
			 * by a target-level assessment: it is left out of that level's
			 * figures (it used to count as unanswered, so a fully compliant
			 * level-3 assessment read 98.5 % at level 2).
			 */
			if (level < a->level && !counts_at(req, a->level, level))
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
			/* Every applicable item short of 1 costs points in the composite. */
			if (rules->has_composite && st != MLPS_ST_NA && rules->factors[req->importance] * (1 - value) > 0) {
				struct mlps_deduction *d;

				mlps_grow((void **)&s->ded[level], &s->a_ded[level], s->n_ded[level] + 1,
					  sizeof(*s->ded[level]));
				d = &s->ded[level][s->n_ded[level]++];
				memset(d, 0, sizeof(*d));
				d->req = req;
				d->res = res;
				d->status = st;
				d->part = req->cp->category->kind;
				d->value = value;
				d->factor = rules->factors[req->importance];
				d->points = d->factor * (1 - value);    /* units until S is known */
			}
		}
		/* The findings list is about the target level. */
		/*
		 * A gap is a gap as soon as one object is answered as one: web01
		 * non-compliant while db01 is still unanswered is a finding (and a
		 * high risk) now, not once every object is answered.
		 */
		if (req->ids[a->level] && n_gaps) {
			struct mlps_finding *f;

			mlps_grow((void **)&s->findings, &alloc, s->n_findings + 1, sizeof(*s->findings));
			f = &s->findings[s->n_findings++];
			memset(f, 0, sizeof(*f));
			f->req = req;
			f->res = *res;
			if (!is_gap(res->status))
				f->res.status = gaps[0]->status;   /* non-compliant ones come first */
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
		finish_tally(&s->level[level], rules);
		finish_tally(&s->kind[level][0], rules);
		finish_tally(&s->kind[level][1], rules);
		for (i = 0; i < s->n_cats; i++)
			finish_tally(&s->cats[level * s->n_cats + i], rules);
		for (i = 0; i < s->n_cps; i++)
			finish_tally(&s->cps[level * s->n_cps + i], rules);
		composite(s, level);
		for (r = 0; r < rules->n_verdicts; r++)
			mlps_score_decide(&rules->verdicts[r],
					  measure_of(&rules->verdicts[r], &s->level[level], &s->comp[level]),
					  s->level[level].worst, &s->verdicts[level * rules->n_verdicts + r]);
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
	for (int level = 0; level <= MLPS_LEVEL_MAX; level++)
		free(s->ded[level]);
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

const struct mlps_verdict *mlps_score_primary(const struct mlps_score *s, int level)
{
	return mlps_score_verdict(s, level, s->rules->primary);
}

const struct mlps_composite *mlps_score_composite(const struct mlps_score *s, int level)
{
	return level_ok(level) ? &s->comp[level] : NULL;
}

const struct mlps_deduction *mlps_score_deductions(const struct mlps_score *s, int level, size_t *n)
{
	*n = level_ok(level) ? s->n_ded[level] : 0;
	return level_ok(level) ? s->ded[level] : NULL;
}

const char *mlps_cp_status_name(enum mlps_cp_status st)
{
	static const char *const names[MLPS_CP_COUNT] = { "na", "compliant", "partial", "noncompliant" };

	return (unsigned)st < MLPS_CP_COUNT ? names[st] : "?";
}

const char *mlps_cp_status_label(enum mlps_cp_status st, enum mlps_lang lang)
{
	static const char *const labels[MLPS_CP_COUNT][2] = {
		{ "不适用", "Not applicable" }, { "符合", "Compliant" },
		{ "部分符合", "Partially compliant" }, { "不符合", "Not compliant" },
	};

	return (unsigned)st < MLPS_CP_COUNT ? labels[st][lang == MLPS_LANG_EN] : "?";
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

size_t mlps_score_n_high_mitigated(const struct mlps_score *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->n_findings; i++)
		n += s->findings[i].scenario && s->findings[i].mitigated;
	return n;
}

void mlps_score_progress(const struct mlps_score *s, int level, int *decided, int *in_scope)
{
	const struct mlps_tally *t = mlps_score_level(s, level);

	*decided = t ? t->answered + t->n[MLPS_ST_NA] : 0;
	*in_scope = t ? t->total : 0;
}
