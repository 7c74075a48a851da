/*
 * report_json.c - the report as JSON, schema mlps-report/2
 * (docs/report-json.md documents every field). Built with jansson.
 *
 * Enumerations (status, risk, plan, importance, extension, change) are
 * stable ASCII names; texts (requirement wording, names, labels of verdict
 * bands, the explanation) are in the report's language, given in "lang".
 * Percentages are 0-100, rounded to two decimals as people see them.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "summary.h"

#define REPORT_SCHEMA "mlps-report/2"

/* A JSON string of s, or null; bad UTF-8 is replaced so jansson accepts it. */
static json_t *jstr(const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(report_clean(&tmp, s));
	strbuf_release(&tmp);
	return v;
}

static json_t *jnum(double v)
{
	double x = (double)(long long)(v * 100.0 + (v < 0 ? -0.5 : 0.5)) / 100.0;

	return json_real(x == 0 ? 0.0 : x);
}

static void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

static json_t *ext_names(unsigned mask, bool chosen)
{
	json_t *arr = json_array();
	int e;

	for (e = MLPS_EXT_CLOUD; e < MLPS_EXT_COUNT; e++)
		if (!!(mask & MLPS_EXT_BIT(e)) == chosen)
			json_array_append_new(arr, json_string(mlps_ext_name((enum mlps_ext)e)));
	return arr;
}

static json_t *assessment(const struct report *r)
{
	const struct mlps_assessment *a = r->a;
	json_t *o = json_object(), *conds = json_array(), *fields = json_array();
	struct strbuf notation = STRBUF_INIT;
	unsigned bit;
	size_t i;

	mlps_summary_notation(&notation, a);
	set(o, "id", json_integer(a->id));
	set(o, "system", jstr(a->sys.name));
	set(o, "org", jstr(a->sys.org));
	set(o, "notation", json_string(notation.buf));
	set(o, "s_level", json_integer(a->sys.s_level));
	set(o, "a_level", json_integer(a->sys.a_level));
	set(o, "level", json_integer(a->level));
	set(o, "extensions", ext_names(a->ext, true));
	for (bit = MLPS_COND_CONTINUITY; bit <= MLPS_COND_CLOUD_CUSTOMER; bit <<= 1)
		if (a->sys.flags & bit)
			json_array_append_new(conds, json_string(mlps_condition_name((enum mlps_condition)bit)));
	set(o, "conditions", conds);
	set(o, "status", json_string(a->status == MLPS_FINAL ? "final" : "draft"));
	set(o, "created", jstr(a->created));
	set(o, "updated", jstr(a->updated));
	set(o, "assessor", jstr(a->assessor));
	set(o, "parent", a->parent ? json_integer(a->parent) : json_null());
	set(o, "profile_hash", jstr(a->profile_hash));
	set(o, "catalog_hash", json_string(mlps_catalog_hash(r->cat)));
	set(o, "rules_id", jstr(a->rules_id));
	set(o, "rules_used", json_string(r->rules->id));
	set(o, "unconfirmed", json_integer(mlps_score_unconfirmed(r->s)));
	for (i = 0; i < r->n_fields; i++)
		json_array_append_new(fields, json_pack("{s:s, s:o}", "label",
							report_label(r, r->fields[i].label), "value",
							jstr(r->fields[i].value)));
	set(o, "fields", fields);
	strbuf_release(&notation);
	return o;
}

/* The counters every tally has. */
static void tally(json_t *o, const struct mlps_tally *t, bool scored)
{
	json_t *risks = json_object();

	set(o, "total", json_integer(t->total));
	set(o, "applicable", json_integer(t->applicable));
	set(o, "answered", json_integer(t->answered));
	set(o, "compliant", json_integer(t->n[MLPS_ST_COMPLIANT]));
	set(o, "partial", json_integer(t->n[MLPS_ST_PARTIAL]));
	set(o, "noncompliant", json_integer(t->n[MLPS_ST_NONCOMPLIANT]));
	set(o, "na", json_integer(t->n[MLPS_ST_NA]));
	set(o, "todo", json_integer(t->n[MLPS_ST_TODO]));
	set(o, "unanswered", json_integer(t->n[MLPS_ST_UNANSWERED]));
	set(o, "rate", scored ? jnum(t->rate) : json_null());
	set(o, "score", scored ? jnum(t->score) : json_null());
	set(o, "coverage", jnum(t->coverage));
	set(o, "worst_risk", json_string(mlps_risk_name(t->worst)));
	set(risks, "high", json_integer(t->risks[MLPS_RISK_HIGH]));
	set(risks, "medium", json_integer(t->risks[MLPS_RISK_MEDIUM]));
	set(risks, "low", json_integer(t->risks[MLPS_RISK_LOW]));
	set(o, "risks", risks);
}

static json_t *levels(const struct report *r)
{
	json_t *arr = json_array();
	int level;
	size_t i;

	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *t = mlps_score_level(r->s, level);
		bool scored = level <= r->level;
		json_t *o, *verdicts = json_array();

		if (t->total == 0) {
			json_decref(verdicts);
			continue;
		}
		o = json_object();
		set(o, "level", json_integer(level));
		set(o, "target", json_boolean(level == r->level));
		set(o, "assessed", json_boolean(scored));
		tally(o, t, scored);
		for (i = 0; scored && i < r->rules->n_verdicts; i++) {
			const struct mlps_verdict *v = mlps_score_verdict(r->s, level, i);

			json_array_append_new(verdicts, json_pack("{s:s, s:s, s:i, s:b}", "rule", v->rule->id,
								  "label", report_text(r, &v->band->label),
								  "band", (int)v->band_index, "verified",
								  v->rule->verified));
		}
		set(o, "verdicts", verdicts);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *categories(const struct report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		const struct mlps_tally *t = mlps_score_category(r->s, r->level, i);
		json_t *o;

		if (t->total == 0)
			continue;
		o = json_object();
		set(o, "code", json_string(c->code));
		set(o, "name", json_string(report_text(r, &c->name)));
		set(o, "kind", json_string(mlps_kind_name(c->kind)));
		set(o, "level", json_integer(r->level));
		tally(o, t, true);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The objects that make a finding high risk: its non-compliant ones (report_high_objects). */
static json_t *high_objects(const struct mlps_finding *f)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < f->n_gaps; i++)
		if (f->gaps[i]->status == MLPS_ST_NONCOMPLIANT)
			json_array_append_new(arr, jstr(f->gaps[i]->object));
	return arr;
}

/*
 * One object's answer to a requirement: {object, status, note, ...}; an
 * object without an answer is "unanswered" with every text null.
 */
static json_t *object_answer(const char *object, const struct mlps_answer *ans)
{
	json_t *o = json_object();

	set(o, "object", jstr(object));
	set(o, "status", json_string(mlps_status_name(ans ? ans->status : MLPS_ST_UNANSWERED)));
	set(o, "note", jstr(ans ? ans->note : NULL));
	set(o, "evidence", jstr(ans ? ans->evidence : NULL));
	set(o, "na_reason", jstr(ans && ans->status == MLPS_ST_NA ? ans->na_reason : NULL));
	set(o, "risk_override", json_string(mlps_risk_name(ans ? ans->risk : MLPS_RISK_NONE)));
	set(o, "mitigation", jstr(ans && ans->risk != MLPS_RISK_NONE ? ans->mitigation : NULL));
	set(o, "owner", jstr(ans ? ans->owner : NULL));
	set(o, "due", jstr(ans ? ans->due : NULL));
	set(o, "plan", json_string(mlps_plan_name(ans ? ans->plan : MLPS_PLAN_NONE)));
	set(o, "to_confirm", json_boolean(ans && ans->to_confirm));
	set(o, "updated", jstr(ans ? ans->updated : NULL));
	return o;
}

/* The evaluation objects (被测对象), in the order they were added. */
static json_t *objects(const struct report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->a->n_objects; i++) {
		const struct mlps_object *ob = &r->a->objects[i];
		json_t *o = json_object();

		set(o, "name", jstr(ob->name));
		set(o, "kind", jstr(ob->kind));
		set(o, "kind_label", jstr(report_kind_label(r, ob->kind)));
		set(o, "importance", json_string(mlps_importance_name(ob->importance)));
		set(o, "description", jstr(ob->desc));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* Every requirement in scope with its result and one entry per object it is assessed on. */
static json_t *requirements(const struct report *r)
{
	json_t *arr = json_array();
	size_t i, k, n;

	for (i = 0; i < r->n_scope; i++) {
		const struct mlps_requirement *req = r->scope[i];
		const struct mlps_finding *f = r->finding_of[req->index];
		const struct mlps_object **objs = report_req_objects(r, req, &n);
		json_t *o = json_object(), *list = json_array();

		set(o, "id", json_string(report_req_id(r, req)));
		set(o, "key", json_string(req->key));
		set(o, "category", json_string(req->cp->category->code));
		set(o, "importance", json_string(mlps_importance_name(req->importance)));
		set(o, "status", json_string(mlps_status_name(report_req_status(r, req))));
		set(o, "risk", f ? json_string(mlps_risk_name(f->risk)) : json_null());
		for (k = 0; k < n; k++)
			json_array_append_new(list, object_answer(objs[k]->name,
								  mlps_assessment_answer(r->a, req->key, objs[k]->name)));
		set(o, "objects", list);
		json_array_append_new(arr, o);
		free((void *)objs);
	}
	return arr;
}

static json_t *high_risks(const struct report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < mlps_score_n_findings(r->s); i++) {
		const struct mlps_finding *f = mlps_score_finding(r->s, i);
		json_t *o;

		if (!f->scenario)
			continue;
		o = json_object();
		set(o, "scenario", json_string(f->scenario->id));
		set(o, "title", json_string(report_text(r, &f->scenario->title)));
		set(o, "id", json_string(report_req_id(r, f->req)));
		set(o, "key", json_string(f->req->key));
		set(o, "requirement", json_string(report_req_text(r, f->req)));
		set(o, "status", json_string(mlps_status_name(f->res.status)));
		set(o, "risk", json_string(mlps_risk_name(f->risk)));
		set(o, "mitigated", json_boolean(f->mitigated));
		set(o, "mitigation", f->mitigated ? jstr(f->ans->mitigation) : json_null());
		set(o, "suggested_mitigation", json_string(report_text(r, &f->scenario->mitigation)));
		set(o, "objects", high_objects(f));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *gaps(const struct report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->n_gaps; i++) {
		const struct mlps_finding *f = r->gaps[i];
		const struct mlps_answer *ans = f->ans;
		json_t *o = json_object(), *objs = json_array();
		size_t k;

		set(o, "category", json_string(f->req->cp->category->code));
		set(o, "control_point", json_string(report_cp_name(r, f->req->cp)));
		set(o, "id", json_string(report_req_id(r, f->req)));
		set(o, "key", json_string(f->req->key));
		set(o, "requirement", json_string(report_req_text(r, f->req)));
		set(o, "importance", json_string(mlps_importance_name(f->req->importance)));
		set(o, "status", json_string(mlps_status_name(f->res.status)));
		set(o, "risk", json_string(mlps_risk_name(f->risk)));
		set(o, "base_risk", json_string(mlps_risk_name(f->base)));
		set(o, "scenario", f->scenario ? json_string(f->scenario->id) : json_null());
		set(o, "mitigated", json_boolean(f->mitigated));
		set(o, "mitigation", ans->risk != MLPS_RISK_NONE ? jstr(ans->mitigation) : json_null());
		set(o, "note", jstr(ans->note));
		set(o, "evidence", jstr(ans->evidence));
		set(o, "remediation", json_string(report_text(r, &f->req->remediation)));
		set(o, "owner", jstr(ans->owner));
		set(o, "due", jstr(ans->due));
		set(o, "plan", json_string(mlps_plan_name(ans->plan)));
		set(o, "to_confirm", json_boolean(ans->to_confirm));
		set(o, "object", jstr(ans->object));
		for (k = 0; k < f->n_gaps; k++)
			json_array_append_new(objs, object_answer(f->gaps[k]->object, f->gaps[k]));
		set(o, "objects", objs);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* {id, key, requirement} plus what the caller adds. */
static json_t *req_item(const struct report *r, const struct mlps_requirement *req)
{
	json_t *o = json_object();

	set(o, "id", json_string(report_req_id(r, req)));
	set(o, "key", json_string(req->key));
	set(o, "requirement", json_string(report_req_text(r, req)));
	return o;
}

static json_t *applicability(const struct report *r)
{
	json_t *o = json_object(), *items = json_array();
	size_t i;

	set(o, "extensions", ext_names(r->a->ext, true));
	set(o, "not_chosen", ext_names(r->a->ext, false));
	for (i = 0; i < r->n_na; i++) {
		json_t *x = req_item(r, r->na[i]);

		set(x, "reason", jstr(report_answer(r, r->na[i])->na_reason));
		json_array_append_new(items, x);
	}
	set(o, "not_applicable", items);
	return o;
}

static json_t *req_array(const struct report *r, const struct mlps_requirement *const *reqs, size_t n,
			 bool with_status)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		json_t *x = req_item(r, reqs[i]);

		/* Carried items say what last year's answer was: that is what is to confirm. */
		if (with_status) {
			const struct mlps_answer *ans = report_answer(r, reqs[i]);

			set(x, "status", json_string(mlps_status_name(ans ? ans->status : MLPS_ST_UNANSWERED)));
		}
		json_array_append_new(arr, x);
	}
	return arr;
}

static json_t *open_items(const struct report *r)
{
	json_t *o = json_object();

	set(o, "unanswered", req_array(r, r->unanswered, r->n_unanswered, false));
	set(o, "todo", req_array(r, r->todo, r->n_todo, false));
	set(o, "to_confirm", req_array(r, r->carried, r->n_carried, true));
	return o;
}

/* Objects only the new side has (added) or only the old one (removed): [{name, kind}]. */
static json_t *delta_objects(const struct report *r, bool added)
{
	json_t *arr = json_array();
	size_t i, n = added ? mlps_diff_n_added(r->delta) : mlps_diff_n_removed(r->delta);

	for (i = 0; i < n; i++) {
		const struct mlps_object *ob = added ? mlps_diff_added(r->delta, i) : mlps_diff_removed(r->delta, i);

		json_array_append_new(arr, json_pack("{s:o, s:o}", "name", jstr(ob->name), "kind", jstr(ob->kind)));
	}
	return arr;
}

static json_t *delta(const struct report *r)
{
	const struct mlps_score *so = mlps_diff_old_score(r->delta), *sn = mlps_diff_new_score(r->delta);
	const struct mlps_assessment *o = mlps_diff_old(r->delta), *n = mlps_diff_new(r->delta);
	json_t *doc = json_object(), *counts = json_object(), *lv = json_array(), *items = json_array();
	int level, c;
	size_t i, k;

	set(doc, "parent", json_integer(o->id));
	set(doc, "parent_created", jstr(o->created));
	set(doc, "parent_level", json_integer(o->level));
	for (c = 0; c < MLPS_CHG_COUNT; c++)
		set(counts, mlps_change_name((enum mlps_change)c), json_integer(mlps_diff_count(r->delta, (enum mlps_change)c)));
	set(doc, "counts", counts);
	for (level = MLPS_LEVEL_MIN; level <= report_delta_top(r); level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);
		json_t *x, *verdicts;

		if (to->total == 0 && tn->total == 0)
			continue;
		x = json_object();
		verdicts = json_array();
		set(x, "level", json_integer(level));
		set(x, "old_rate", jnum(to->rate));
		set(x, "new_rate", jnum(tn->rate));
		set(x, "old_score", jnum(to->score));
		set(x, "new_score", jnum(tn->score));
		for (k = 0; k < r->rules->n_verdicts; k++) {
			int move = report_verdict_move(r, level, k);

			json_array_append_new(verdicts, json_pack("{s:s, s:s, s:s, s:s}", "rule",
								  r->rules->verdicts[k].id, "old",
								  report_text(r, &mlps_score_verdict(so, level, k)->band->label),
								  "new",
								  report_text(r, &mlps_score_verdict(sn, level, k)->band->label),
								  "change",
								  move > 0 ? "better" : move < 0 ? "worse" : "same"));
		}
		set(x, "verdicts", verdicts);
		json_array_append_new(lv, x);
	}
	set(doc, "levels", lv);
	for (i = 0; i < mlps_diff_n_items(r->delta); i++) {
		const struct mlps_diff_item *it = mlps_diff_item(r->delta, i);
		int l = it->req->ids[n->level] ? n->level : o->level;
		json_t *x = json_object();

		set(x, "change", json_string(mlps_change_name(it->change)));
		set(x, "object", jstr(it->object));
		set(x, "id", json_string(it->req->ids[l] ? it->req->ids[l] : it->req->key));
		set(x, "key", json_string(it->req->key));
		set(x, "requirement", json_string(report_text(r, mlps_req_text(it->req, l))));
		set(x, "old_status", json_string(mlps_status_name(it->old_status)));
		set(x, "new_status", json_string(mlps_status_name(it->new_status)));
		json_array_append_new(items, x);
	}
	set(doc, "items", items);
	set(doc, "objects_added", delta_objects(r, true));
	set(doc, "objects_removed", delta_objects(r, false));
	return doc;
}

static json_t *explanation(const struct report *r)
{
	const struct mlps_tally *t = mlps_score_level(r->s, r->level);
	json_t *o = json_object(), *values = json_object(), *weights = json_object(), *dr = json_object();
	json_t *target = json_object(), *verdicts = json_array(), *text = json_array();
	size_t i, b;
	int st;

	set(o, "rules_id", json_string(r->rules->id));
	for (st = MLPS_ST_UNANSWERED; st < MLPS_ST_COUNT; st++)
		if (st != MLPS_ST_NA)
			set(values, mlps_status_name((enum mlps_status)st), json_real(r->rules->values[st]));
	set(o, "values", values);
	for (i = 0; i < MLPS_IMP_COUNT; i++)
		set(weights, mlps_importance_name((enum mlps_importance)i), json_real(r->rules->weights[i]));
	set(o, "weights", weights);
	set(dr, "noncompliant", json_string(mlps_risk_name(r->rules->default_risk_noncompliant)));
	set(dr, "partial", json_string(mlps_risk_name(r->rules->default_risk_partial)));
	set(o, "default_risk", dr);
	set(target, "level", json_integer(r->level));
	set(target, "in_scope", json_integer(t->total));
	set(target, "na", json_integer(t->n[MLPS_ST_NA]));
	set(target, "applicable", json_integer(t->applicable));
	set(target, "answered", json_integer(t->answered));
	set(target, "value_sum", jnum(t->value));
	set(target, "weight_sum", jnum(t->weight));
	set(target, "weighted_sum", jnum(t->weighted));
	set(target, "rate", jnum(t->rate));
	set(target, "score", jnum(t->score));
	set(target, "coverage", jnum(t->coverage));
	set(o, "target", target);
	for (i = 0; i < r->rules->n_verdicts; i++) {
		const struct mlps_verdict *v = mlps_score_verdict(r->s, r->level, i);
		json_t *x = json_object(), *not_met = json_array();

		set(x, "rule", json_string(v->rule->id));
		set(x, "name", json_string(report_text(r, &v->rule->name)));
		set(x, "source", json_string(report_text(r, &v->rule->source)));
		set(x, "verified", json_boolean(v->rule->verified));
		set(x, "measure", json_string(v->rule->measure == MLPS_MEASURE_RATE ? "rate" : "score"));
		set(x, "value", jnum(v->measure));
		set(x, "worst_risk", json_string(mlps_risk_name(v->worst)));
		set(x, "label", json_string(report_text(r, &v->band->label)));
		for (b = 0; b < v->band_index; b++) {
			const struct mlps_band *band = &v->rule->bands[b];

			json_array_append_new(not_met, json_pack("{s:s, s:o, s:s, s:b, s:b}", "label",
								 report_text(r, &band->label), "min",
								 json_real(band->min), "max_risk",
								 mlps_risk_name(band->max_risk), "measure_too_low",
								 v->measure + 1e-9 < band->min, "risk_too_high",
								 v->worst > band->max_risk));
		}
		set(x, "not_met", not_met);
		json_array_append_new(verdicts, x);
	}
	set(o, "verdicts", verdicts);
	for (i = 0; i < r->n_explain; i++)
		json_array_append_new(text, json_string(r->explain[i]));
	set(o, "text", text);
	return o;
}

/* The conclusions at the target level, the primary first (issue 16: the report's 测评结论). */
static json_t *conclusions(const struct report *r)
{
	static const char *const measures[] = { "score", "rate", "composite" };
	json_t *arr = json_array();
	size_t k;

	for (k = 0; k < r->rules->n_verdicts; k++) {
		size_t i = k == 0 ? r->rules->primary : (k <= r->rules->primary ? k - 1 : k);
		const struct mlps_verdict *v = mlps_score_verdict(r->s, r->level, i);
		json_t *o = json_object();

		set(o, "rule", json_string(v->rule->id));
		set(o, "name", jstr(report_text(r, &v->rule->name)));
		set(o, "primary", json_boolean(i == r->rules->primary));
		set(o, "label", jstr(report_text(r, &v->band->label)));
		set(o, "band", json_integer((json_int_t)v->band_index));
		set(o, "measure_kind", json_string((unsigned)v->rule->measure < 3 ? measures[v->rule->measure] : "?"));
		set(o, "measure", jnum(v->measure));
		set(o, "worst_risk", json_string(mlps_risk_name(v->worst)));
		set(o, "confidence", r->rules->version >= 2 ? json_string(mlps_confidence_name(v->rule->confidence))
							   : json_null());
		set(o, "verified", json_boolean(v->rule->verified));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The 2021 composite M = V_t + V_m at the target level, or null with version-1 rules. */
static json_t *composite(const struct report *r)
{
	const struct mlps_composite *c = mlps_score_composite(r->s, r->level);
	json_t *o;

	if (!c->present)
		return json_null();
	o = json_object();
	set(o, "m", jnum(c->m));
	set(o, "v_t", jnum(c->v_t));
	set(o, "v_m", jnum(c->v_m));
	set(o, "y", jnum(c->y));
	set(o, "n", json_integer(c->n));
	set(o, "n_t", json_integer(c->n_t));
	set(o, "n_m", json_integer(c->n_m));
	set(o, "deducted_t", jnum(c->ded_t));
	set(o, "deducted_m", jnum(c->ded_m));
	set(o, "floored_t", json_boolean(c->floored_t));
	set(o, "floored_m", json_boolean(c->floored_m));
	return o;
}

/* 控制点符合情况: every control point in scope at the target level with its 10-point score. */
static json_t *control_points(const struct report *r)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < r->controls.n_rows; i++) {
		const struct mlps_control_point *cp = r->control_cps[i];
		const struct mlps_tally *t = mlps_score_control_point(r->s, r->level, cp->index);
		json_t *o = json_object();

		set(o, "category", json_string(cp->category->code));
		set(o, "key", jstr(cp->key));
		set(o, "name", jstr(report_cp_name(r, cp)));
		set(o, "score10", t->status == MLPS_CP_NA ? json_null() : jnum(t->score10));
		set(o, "status", json_string(mlps_cp_status_name(t->status)));
		set(o, "total", json_integer(t->total));
		set(o, "applicable", json_integer(t->applicable));
		set(o, "answered", json_integer(t->answered));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* 安全问题汇总 in problem order (worst risk, category, control point). */
static json_t *problems(const struct report *r)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < r->n_gaps; i++) {
		const struct mlps_finding *f = r->problems[i];
		json_t *o = json_object(), *objs = json_array(), *mit = json_array();

		set(o, "no", json_integer((json_int_t)i + 1));
		set(o, "key", jstr(f->req->key));
		set(o, "id", jstr(report_req_id(r, f->req)));
		set(o, "category", json_string(f->req->cp->category->code));
		set(o, "status", json_string(mlps_status_name(f->res.status)));
		set(o, "risk", json_string(mlps_risk_name(f->risk)));
		set(o, "statement", jstr(report_cell(&r->problem_table, i, 4)));
		for (k = 0; k < f->n_gaps; k++) {
			json_array_append_new(objs, json_pack("{s:o, s:s}", "object", jstr(f->gaps[k]->object), "status",
							      mlps_status_name(f->gaps[k]->status)));
			if (f->gaps[k]->risk != MLPS_RISK_NONE && f->gaps[k]->mitigation)
				json_array_append_new(mit, json_pack("{s:o, s:o}", "object", jstr(f->gaps[k]->object),
								     "text", jstr(f->gaps[k]->mitigation)));
		}
		set(o, "objects", objs);
		set(o, "scenario", f->scenario ? jstr(f->scenario->id) : json_null());
		set(o, "mitigated", json_boolean(f->mitigated));
		set(o, "mitigation", mit);
		set(o, "remediation", jstr(report_text(r, &f->req->remediation)));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* 整改计划: one entry per gap object, as the plan table has them. */
static json_t *plan(const struct report *r)
{
	json_t *arr = json_array();
	size_t i, k, n = 0;

	for (i = 0; i < r->n_gaps; i++) {
		const struct mlps_finding *f = r->problems[i];

		for (k = 0; k < f->n_gaps; k++, n++) {
			const struct mlps_answer *ans = f->gaps[k];
			json_t *o = json_object();

			set(o, "no", json_integer((json_int_t)n + 1));
			set(o, "key", jstr(f->req->key));
			set(o, "id", jstr(report_req_id(r, f->req)));
			set(o, "object", jstr(ans->object));
			set(o, "risk", json_string(mlps_risk_name(f->risk)));
			set(o, "owner", jstr(ans->owner));
			set(o, "due", jstr(ans->due));
			set(o, "status", json_string(mlps_plan_name(ans->plan)));
			set(o, "overdue", json_boolean(r->plan.tags[n] == REPORT_TAG_OVERDUE));
			set(o, "note", jstr(ans->note));
			json_array_append_new(arr, o);
		}
	}
	return arr;
}

void report_write_json(struct strbuf *out, const struct report *r)
{
	json_t *doc = json_object(), *secs = json_array(), *high = json_object();
	char *s;
	int i;

	set(doc, "schema", json_string(REPORT_SCHEMA));
	set(doc, "lang", json_string(r->lang == MLPS_LANG_EN ? "en" : "zh"));
	for (i = 0; i < MLPS_RS_COUNT; i++)
		if (report_has(r, (enum mlps_report_section)i))
			json_array_append_new(secs, json_string(mlps_report_section_name((enum mlps_report_section)i)));
	set(doc, "sections", secs);
	set(doc, "title", json_string(report_label(r, RL_TITLE)));
	set(doc, "disclaimer", json_string(report_label(r, RL_DISCLAIMER)));
	/* The sections' keys; with --sections only the chosen ones are there. */
	if (report_has(r, MLPS_RS_COVER))
		set(doc, "assessment", assessment(r));
	if (report_has(r, MLPS_RS_CONCLUSION)) {
		set(doc, "conclusions", conclusions(r));
		set(doc, "composite", composite(r));
		set(high, "total", json_integer((json_int_t)mlps_score_n_high_risk(r->s)));
		set(high, "mitigated", json_integer((json_int_t)mlps_score_n_high_mitigated(r->s)));
		set(doc, "high_risk_count", high);
		high = NULL;
		set(doc, "levels", levels(r));
	}
	if (report_has(r, MLPS_RS_OBJECTS))
		set(doc, "objects", objects(r));
	if (report_has(r, MLPS_RS_PROBLEMS)) {
		set(doc, "problems", problems(r));
		set(doc, "high_risks", high_risks(r));
		set(doc, "gaps", gaps(r));
	}
	if (report_has(r, MLPS_RS_CONTROLS)) {
		set(doc, "categories", categories(r));
		set(doc, "control_points", control_points(r));
	}
	if (report_has(r, MLPS_RS_PLAN))
		set(doc, "plan", plan(r));
	if (report_has(r, MLPS_RS_RECORDS))
		set(doc, "requirements", requirements(r));
	if (report_has(r, MLPS_RS_SOA))
		set(doc, "applicability", applicability(r));
	if (report_has(r, MLPS_RS_OPEN))
		set(doc, "open", open_items(r));
	if (r->sections & MLPS_RS_BIT(MLPS_RS_DELTA))
		set(doc, "delta", r->delta ? delta(r) : json_null());
	if (report_has(r, MLPS_RS_EXPLAIN))
		set(doc, "explanation", explanation(r));
	json_decref(high);
	s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (!s) {
		fprintf(stderr, "mlps: out of memory encoding JSON\n");
		abort();
	}
	strbuf_adds(out, s);
	strbuf_addch(out, '\n');
	free(s);
}
