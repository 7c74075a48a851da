#include "exchange.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usertext.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *ext_array(unsigned ext)
{
	json_t *arr = json_array();
	int e;

	for (e = MLPS_EXT_CLOUD; e < MLPS_EXT_COUNT; e++)
		if (ext & MLPS_EXT_BIT(e))
			json_array_append_new(arr, json_string(mlps_ext_name((enum mlps_ext)e)));
	return arr;
}

static json_t *flag_array(unsigned flags)
{
	json_t *arr = json_array();
	unsigned bit;

	for (bit = 1; bit <= MLPS_COND_CLOUD_CUSTOMER; bit <<= 1)
		if (flags & bit)
			json_array_append_new(arr, json_string(mlps_condition_name((enum mlps_condition)bit)));
	return arr;
}

char *mlps_json_dump(json_t *doc)
{
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *copy;

	json_decref(doc);
	if (!s) {
		fprintf(stderr, "mlps: out of memory encoding JSON\n");
		abort();
	}
	/* Hand out memory from our allocator so callers can free() uniformly. */
	copy = mlps_strdup(s);
	free(s);
	return copy;
}

char *mlps_export_json(const struct mlps_assessment *a)
{
	json_t *doc = json_object(), *sys = json_object(), *as = json_object(), *answers = json_array();
	json_t *objects = json_array();
	size_t i;

	json_object_set_new(doc, "schema", json_string(MLPS_EXPORT_SCHEMA));
	json_object_set_new(sys, "name", json_string(a->sys.name));
	json_object_set_new(sys, "org", str_or_null(a->sys.org));
	json_object_set_new(sys, "s_level", json_integer(a->sys.s_level));
	json_object_set_new(sys, "a_level", json_integer(a->sys.a_level));
	json_object_set_new(sys, "flags", flag_array(a->sys.flags));
	json_object_set_new(doc, "system", sys);
	json_object_set_new(as, "level", json_integer(a->level));
	json_object_set_new(as, "extensions", ext_array(a->ext));
	json_object_set_new(as, "profile_hash", json_string(a->profile_hash));
	json_object_set_new(as, "rules_id", json_string(a->rules_id));
	json_object_set_new(as, "assessor", str_or_null(a->assessor));
	json_object_set_new(as, "status", json_string(a->status == MLPS_FINAL ? "final" : "draft"));
	json_object_set_new(as, "created", json_string(a->created));
	json_object_set_new(as, "updated", json_string(a->updated));
	json_object_set_new(as, "uid", str_or_null(a->uid));
	json_object_set_new(doc, "assessment", as);
	for (i = 0; i < a->n_objects; i++) {
		const struct mlps_object *ob = &a->objects[i];
		json_t *o = json_object();

		json_object_set_new(o, "name", json_string(ob->name));
		json_object_set_new(o, "kind", json_string(ob->kind));
		json_object_set_new(o, "importance", json_string(mlps_importance_name(ob->importance)));
		json_object_set_new(o, "description", str_or_null(ob->desc));
		json_array_append_new(objects, o);
	}
	json_object_set_new(doc, "objects", objects);
	for (i = 0; i < a->n_answers; i++) {
		const struct mlps_answer *x = &a->answers[i];
		json_t *o = json_object();
		char hash[17];

		snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)x->text_hash);
		json_object_set_new(o, "key", json_string(x->key));
		json_object_set_new(o, "object", str_or_null(x->object));
		json_object_set_new(o, "status", json_string(mlps_status_name(x->status)));
		json_object_set_new(o, "note", str_or_null(x->note));
		json_object_set_new(o, "evidence", str_or_null(x->evidence));
		json_object_set_new(o, "na_reason", str_or_null(x->na_reason));
		json_object_set_new(o, "risk", json_string(mlps_risk_name(x->risk)));
		json_object_set_new(o, "mitigation", str_or_null(x->mitigation));
		json_object_set_new(o, "owner", str_or_null(x->owner));
		json_object_set_new(o, "due", str_or_null(x->due));
		json_object_set_new(o, "plan", json_string(mlps_plan_name(x->plan)));
		json_object_set_new(o, "to_confirm", json_boolean(x->to_confirm));
		json_object_set_new(o, "text_hash", x->text_hash ? json_string(hash) : json_null());
		json_object_set_new(o, "who", str_or_null(x->who));
		json_object_set_new(o, "updated", str_or_null(x->updated));
		json_array_append_new(answers, o);
	}
	json_object_set_new(doc, "answers", answers);
	return mlps_json_dump(doc);
}

/* Import: every field is checked; a problem names its path in the document. */

struct reader {
	const char *file;
	struct mlps_error *err;
	int failed;
};

static void bad(struct reader *r, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void bad(struct reader *r, const char *path, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	mlps_error_set(r->err, MLPS_ERR_INPUT, "%s: %s: %s", r->file, path, sb.buf);
	strbuf_release(&sb);
	r->failed = 1;
}

/* A string field; NULL when null or absent and optional. */
static char *get_str(struct reader *r, json_t *obj, const char *key, const char *where, int required)
{
	json_t *v = json_object_get(obj, key);
	struct strbuf path = STRBUF_INIT;
	char *res = NULL;

	strbuf_addf(&path, "%s.%s", where, key);
	if (!v || json_is_null(v)) {
		if (required)
			bad(r, path.buf, "missing");
	} else if (!json_is_string(v)) {
		bad(r, path.buf, "expected a string");
	} else if (strlen(json_string_value(v)) != json_string_length(v)) {
		bad(r, path.buf, "contains a NUL character");
	} else if (json_string_length(v) > MLPS_TEXT_MAX) {
		/* The cap every text has where it enters (usertext.h), an import included. */
		bad(r, path.buf, "%zu bytes is more than the limit of %u bytes (64 KiB)", json_string_length(v),
		    MLPS_TEXT_MAX);
	} else if (json_string_length(v) > 0) {
		res = mlps_strdup(json_string_value(v));
	} else if (required) {
		bad(r, path.buf, "must not be empty");
	}
	strbuf_release(&path);
	return res;
}

static int get_int(struct reader *r, json_t *obj, const char *key, const char *where, int min, int max)
{
	json_t *v = json_object_get(obj, key);
	struct strbuf path = STRBUF_INIT;
	int res = min;

	strbuf_addf(&path, "%s.%s", where, key);
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		bad(r, path.buf, "expected a whole number from %d to %d", min, max);
	else
		res = (int)json_integer_value(v);
	strbuf_release(&path);
	return res;
}

static void check_keys(struct reader *r, json_t *obj, const char *where, const char *const *known)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		size_t i;
		int found = 0;

		for (i = 0; known[i]; i++)
			found |= !strcmp(key, known[i]);
		if (!found) {
			struct strbuf path = STRBUF_INIT;

			strbuf_addf(&path, "%s.%s", where, key);
			bad(r, path.buf, "unknown field");
			strbuf_release(&path);
		}
	}
	(void)v;
}

static void read_answer(struct reader *r, json_t *o, const char *where, struct mlps_answer *ans,
			const struct mlps_catalog *cat, int version)
{
	static const char *const known_v1[] = { "key", "status", "note", "evidence", "na_reason", "risk",
						"mitigation", "owner", "due", "plan", "to_confirm",
						"text_hash", "who", "updated", NULL };
	static const char *const known[] = { "key", "object", "status", "note", "evidence", "na_reason",
					     "risk", "mitigation", "owner", "due", "plan", "to_confirm",
					     "text_hash", "who", "updated", NULL };
	char *s;
	json_t *tc;
	struct strbuf path = STRBUF_INIT;

	if (!json_is_object(o)) {
		bad(r, where, "expected an object");
		return;
	}
	check_keys(r, o, where, version == 1 ? known_v1 : known);
	ans->key = get_str(r, o, "key", where, 1);
	if (version > 1)
		ans->object = get_str(r, o, "object", where, 1);
	if (ans->key && !mlps_catalog_find_key(cat, ans->key)) {
		strbuf_addf(&path, "%s.key", where);
		bad(r, path.buf, "no requirement '%s' in the profile set", ans->key);
		strbuf_reset(&path);
	}
	s = get_str(r, o, "status", where, 1);
	if (s && mlps_status_parse(s, &ans->status)) {
		strbuf_addf(&path, "%s.status", where);
		bad(r, path.buf, "'%s' is not a status", s);
		strbuf_reset(&path);
	}
	free(s);
	ans->note = get_str(r, o, "note", where, 0);
	ans->evidence = get_str(r, o, "evidence", where, 0);
	ans->na_reason = get_str(r, o, "na_reason", where, 0);
	s = get_str(r, o, "risk", where, 0);
	if (s && mlps_risk_parse(s, &ans->risk)) {
		strbuf_addf(&path, "%s.risk", where);
		bad(r, path.buf, "'%s' is not none, low, medium or high", s);
		strbuf_reset(&path);
	}
	free(s);
	ans->mitigation = get_str(r, o, "mitigation", where, 0);
	ans->owner = get_str(r, o, "owner", where, 0);
	ans->due = get_str(r, o, "due", where, 0);
	s = get_str(r, o, "plan", where, 0);
	if (s && mlps_plan_parse(s, &ans->plan)) {
		strbuf_addf(&path, "%s.plan", where);
		bad(r, path.buf, "'%s' is not none, open, in-progress or done", s);
		strbuf_reset(&path);
	}
	free(s);
	tc = json_object_get(o, "to_confirm");
	if (tc && !json_is_boolean(tc)) {
		strbuf_addf(&path, "%s.to_confirm", where);
		bad(r, path.buf, "expected true or false");
		strbuf_reset(&path);
	}
	ans->to_confirm = json_is_true(tc);
	s = get_str(r, o, "text_hash", where, 0);
	if (s) {
		ans->text_hash = strtoull(s, NULL, 16);
		/* strtoull alone would take a sign ("-123...") or spaces. */
		if (strlen(s) != 16 || strspn(s, "0123456789abcdefABCDEF") != 16) {
			strbuf_addf(&path, "%s.text_hash", where);
			bad(r, path.buf, "expected 16 hexadecimal digits");
			strbuf_reset(&path);
		}
	}
	free(s);
	ans->who = get_str(r, o, "who", where, 0);
	ans->updated = get_str(r, o, "updated", where, 0);
	if (ans->updated && !mlps_timestamp_valid(ans->updated)) {
		strbuf_addf(&path, "%s.updated", where);
		bad(r, path.buf, "'%s' is not a date and time (YYYY-MM-DDTHH:MM:SSZ)", ans->updated);
		strbuf_reset(&path);
	}
	if (!r->failed) {
		struct mlps_error e;

		mlps_error_init(&e);
		if (mlps_answer_check(ans, &e)) {
			bad(r, where, "%s", mlps_error_message(&e));
		}
		mlps_error_release(&e);
	}
	strbuf_release(&path);
}

static void read_object(struct reader *r, json_t *o, size_t i, struct mlps_assessment *a,
			const struct mlps_catalog *cat)
{
	static const char *const known[] = { "name", "kind", "importance", "description", NULL };
	struct strbuf where = STRBUF_INIT;
	enum mlps_importance imp = MLPS_IMP_IMPORTANT;
	char *name, *kind, *imps, *desc;
	struct mlps_error e;

	strbuf_addf(&where, "objects[%zu]", i);
	if (!json_is_object(o)) {
		bad(r, where.buf, "expected an object");
		strbuf_release(&where);
		return;
	}
	check_keys(r, o, where.buf, known);
	name = get_str(r, o, "name", where.buf, 1);
	kind = get_str(r, o, "kind", where.buf, 1);
	imps = get_str(r, o, "importance", where.buf, 1);
	desc = get_str(r, o, "description", where.buf, 0);
	if (imps && mlps_importance_parse(imps, &imp))
		bad(r, where.buf, "importance '%s' is not key, important or general", imps);
	mlps_error_init(&e);
	if (name && kind && mlps_object_check(cat, a, name, kind, &e))
		bad(r, where.buf, "%s", mlps_error_message(&e));
	else if (name && kind && !r->failed)
		mlps_assessment_add_object(a, name, kind, imp, desc);
	mlps_error_release(&e);
	free(name);
	free(kind);
	free(imps);
	free(desc);
	strbuf_release(&where);
}

struct mlps_assessment *mlps_import_json(const char *text, size_t len, const char *file,
					 const struct mlps_catalog *cat, struct mlps_error *err)
{
	static const char *const top_keys_v1[] = { "schema", "system", "assessment", "answers", NULL };
	static const char *const top_keys[] = { "schema", "system", "assessment", "objects", "answers", NULL };
	static const char *const sys_keys[] = { "name", "org", "s_level", "a_level", "flags", NULL };
	static const char *const as_keys[] = { "level", "extensions", "profile_hash", "rules_id",
					       "assessor", "status", "created", "updated", "uid", NULL };
	struct reader r = { file, err, 0 };
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	json_error_t jerr;
	json_t *doc, *sys, *as, *answers, *objects = NULL, *v;
	char *s;
	size_t i;
	int version = 2;

	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		mlps_error_at(err, file, (unsigned)jerr.line, (unsigned)jerr.column, "not valid JSON: %s", jerr.text);
		mlps_assessment_free(a);
		return NULL;
	}
	if (!json_is_object(doc)) {
		bad(&r, "(top)", "expected an object");
		goto out;
	}
	s = get_str(&r, doc, "schema", "(top)", 1);
	if (s && !strcmp(s, MLPS_EXPORT_SCHEMA_V1))
		version = 1;
	else if (s && strcmp(s, MLPS_EXPORT_SCHEMA))
		bad(&r, "schema", "'%s' is not %s (or %s)", s, MLPS_EXPORT_SCHEMA, MLPS_EXPORT_SCHEMA_V1);
	free(s);
	check_keys(&r, doc, "(top)", version == 1 ? top_keys_v1 : top_keys);
	sys = json_object_get(doc, "system");
	as = json_object_get(doc, "assessment");
	answers = json_object_get(doc, "answers");
	if (version > 1)
		objects = json_object_get(doc, "objects");
	if (!json_is_object(sys) || !json_is_object(as) || !json_is_array(answers) ||
	    (version > 1 && !json_is_array(objects))) {
		bad(&r, !json_is_object(sys) ? "system" : !json_is_object(as) ? "assessment" :
			!json_is_array(answers) ? "answers" : "objects", "missing or of the wrong type");
		goto out;
	}
	check_keys(&r, sys, "system", sys_keys);
	a->sys.name = get_str(&r, sys, "name", "system", 1);
	a->sys.org = get_str(&r, sys, "org", "system", 0);
	a->sys.s_level = get_int(&r, sys, "s_level", "system", 0, 5);
	a->sys.a_level = get_int(&r, sys, "a_level", "system", 0, 5);
	v = json_object_get(sys, "flags");
	if (!json_is_array(v)) {
		bad(&r, "system.flags", "expected an array");
	} else {
		for (i = 0; i < json_array_size(v); i++) {
			json_t *f = json_array_get(v, i);
			struct mlps_error e;
			unsigned bits;

			mlps_error_init(&e);
			if (!json_is_string(f) || mlps_condition_parse_list(json_string_value(f), &bits, &e) ||
			    bits == 0) {
				struct strbuf path = STRBUF_INIT;

				strbuf_addf(&path, "system.flags[%zu]", i);
				bad(&r, path.buf, "not one of continuity, key-industry, cloud-platform, cloud-customer");
				strbuf_release(&path);
			} else {
				a->sys.flags |= bits;
			}
			mlps_error_release(&e);
		}
	}
	check_keys(&r, as, "assessment", as_keys);
	a->level = get_int(&r, as, "level", "assessment", MLPS_LEVEL_MIN, MLPS_LEVEL_MAX);
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	v = json_object_get(as, "extensions");
	if (!json_is_array(v)) {
		bad(&r, "assessment.extensions", "expected an array");
	} else {
		for (i = 0; i < json_array_size(v); i++) {
			json_t *e = json_array_get(v, i);
			enum mlps_ext ext;

			if (!json_is_string(e) || mlps_ext_parse(json_string_value(e), &ext)) {
				struct strbuf path = STRBUF_INIT;

				strbuf_addf(&path, "assessment.extensions[%zu]", i);
				bad(&r, path.buf, "not one of cloud, mobile, iot, ics");
				strbuf_release(&path);
			} else {
				a->ext |= MLPS_EXT_BIT(ext);
			}
		}
	}
	a->profile_hash = get_str(&r, as, "profile_hash", "assessment", 1);
	a->rules_id = get_str(&r, as, "rules_id", "assessment", 1);
	a->assessor = get_str(&r, as, "assessor", "assessment", 0);
	s = get_str(&r, as, "status", "assessment", 1);
	if (s && strcmp(s, "draft") && strcmp(s, "final"))
		bad(&r, "assessment.status", "'%s' is not draft or final", s);
	a->status = s && !strcmp(s, "final") ? MLPS_FINAL : MLPS_DRAFT;
	free(s);
	a->created = get_str(&r, as, "created", "assessment", 1);
	a->updated = get_str(&r, as, "updated", "assessment", 1);
	if (a->created && !mlps_timestamp_valid(a->created))
		bad(&r, "assessment.created", "'%s' is not a date and time (YYYY-MM-DDTHH:MM:SSZ)", a->created);
	if (a->updated && !mlps_timestamp_valid(a->updated))
		bad(&r, "assessment.updated", "'%s' is not a date and time (YYYY-MM-DDTHH:MM:SSZ)", a->updated);
	a->uid = get_str(&r, as, "uid", "assessment", 0);
	if (a->uid && (strlen(a->uid) != 32 || strspn(a->uid, "0123456789abcdef") != 32))
		bad(&r, "assessment.uid", "expected 32 lowercase hexadecimal digits");
	for (i = 0; objects && i < json_array_size(objects); i++)
		read_object(&r, json_array_get(objects, i), i, a, cat);
	if (version > 1 && !r.failed) {
		size_t k, systems = 0;

		for (k = 0; k < a->n_objects; k++)
			systems += !strcmp(a->objects[k].kind, MLPS_KIND_SYSTEM);
		if (!systems)
			bad(&r, "objects", "no object of kind system (every assessment has one)");
	}
	if (r.failed)
		goto out;
	/* Version 1 had no objects: its answers belong to the system object. */
	mlps_assessment_system_object(a);
	for (i = 0; i < json_array_size(answers); i++) {
		struct mlps_answer ans;
		struct strbuf where = STRBUF_INIT;
		const struct mlps_object *ob = NULL;

		memset(&ans, 0, sizeof(ans));
		strbuf_addf(&where, "answers[%zu]", i);
		read_answer(&r, json_array_get(answers, i), where.buf, &ans, cat, version);
		/* An answer outside the scope would be stored but never shown or counted: refused. */
		if (ans.key && mlps_catalog_find_key(cat, ans.key) &&
		    !mlps_req_applies(mlps_catalog_find_key(cat, ans.key), a->level, a->ext))
			bad(&r, where.buf, "%s is not in the scope of this level %d assessment and its extensions; "
			    "out-of-scope answers are not imported", ans.key, a->level);
		else if (ans.object && !(ob = mlps_assessment_find_object(a, ans.object)))
			bad(&r, where.buf, "object '%s' is not among the file's objects", ans.object);
		else if (ob && ans.key && mlps_catalog_find_key(cat, ans.key) &&
			 !mlps_assessment_req_on(cat, a, mlps_catalog_find_key(cat, ans.key), ob))
			bad(&r, where.buf, "%s is not assessed on object '%s' (kind %s)", ans.key, ob->name,
			    ob->kind);
		if (ans.key && mlps_assessment_answer(a, ans.key, ans.object))
			bad(&r, where.buf, "a second answer to %s%s%s", ans.key, ans.object ? " on " : "",
			    ans.object ? ans.object : "");
		if (ans.key && !r.failed)
			mlps_assessment_put(a, &ans);
		mlps_answer_release(&ans);
		strbuf_release(&where);
	}
out:
	json_decref(doc);
	if (r.failed) {
		mlps_assessment_free(a);
		return NULL;
	}
	return a;
}

static json_t *tally_json(const struct mlps_tally *t, int with_scores)
{
	json_t *o = json_object();

	json_object_set_new(o, "applicable", json_integer(t->applicable));
	json_object_set_new(o, "answered", json_integer(t->answered));
	json_object_set_new(o, "compliant", json_integer(t->n[MLPS_ST_COMPLIANT]));
	json_object_set_new(o, "partial", json_integer(t->n[MLPS_ST_PARTIAL]));
	json_object_set_new(o, "noncompliant", json_integer(t->n[MLPS_ST_NONCOMPLIANT]));
	json_object_set_new(o, "na", json_integer(t->n[MLPS_ST_NA]));
	json_object_set_new(o, "todo", json_integer(t->n[MLPS_ST_TODO]));
	json_object_set_new(o, "unanswered", json_integer(t->n[MLPS_ST_UNANSWERED]));
	json_object_set_new(o, "rate", with_scores ? json_real(t->rate) : json_null());
	json_object_set_new(o, "score", with_scores ? json_real(t->score) : json_null());
	json_object_set_new(o, "coverage", json_real(t->coverage));
	json_object_set_new(o, "worst_risk", json_string(mlps_risk_name(t->worst)));
	return o;
}

/* A JSON number, or null for a value that is not a finite number. */
static json_t *num(double v)
{
	return v == v ? json_real(v) : json_null();
}

/*
 * mlps-score/2's per-level additions: the composite, the conclusions (the
 * primary one first), every control point's 10-point score and status, and
 * the deductions, largest first.
 */
static void level_details(json_t *o, const struct mlps_catalog *cat, const struct mlps_assessment *a,
			  const struct mlps_score *s, int level)
{
	const struct mlps_rules *rules = mlps_score_rules(s);
	const struct mlps_composite *c = mlps_score_composite(s, level);
	const struct mlps_deduction *d;
	json_t *comp, *concl = json_array(), *cps = json_array(), *deds = json_array();
	const struct mlps_object **objs = mlps_calloc(a->n_objects ? a->n_objects : 1, sizeof(*objs));
	size_t i, k, n, last_cp = SIZE_MAX;

	if (c->present) {
		comp = json_object();
		json_object_set_new(comp, "M", num(c->m));
		json_object_set_new(comp, "V_t", num(c->v_t));
		json_object_set_new(comp, "V_m", num(c->v_m));
		json_object_set_new(comp, "S", rules->base == MLPS_BASE_WHOLE ? num(c->s) : json_null());
		json_object_set_new(comp, "S_t", num(c->s_t));
		json_object_set_new(comp, "S_m", num(c->s_m));
		json_object_set_new(comp, "y", num(c->y));
		json_object_set_new(comp, "base_score", json_string(rules->base == MLPS_BASE_WHOLE ? "whole" : "per-part"));
		json_object_set_new(comp, "n", json_integer(c->n));
		json_object_set_new(comp, "t", json_integer(c->n_t));
		json_object_set_new(comp, "m", json_integer(c->n_m));
		json_object_set_new(comp, "deducted_t", num(c->ded_t));
		json_object_set_new(comp, "deducted_m", num(c->ded_m));
		json_object_set_new(comp, "floored_t", json_boolean(c->floored_t));
		json_object_set_new(comp, "floored_m", json_boolean(c->floored_m));
		json_object_set_new(comp, "confidence", json_string(mlps_confidence_name(rules->base_src.confidence)));
	} else {
		comp = json_null();
	}
	json_object_set_new(o, "composite", comp);
	for (k = 0; k < rules->n_verdicts; k++) {
		size_t r = k == 0 ? rules->primary : (k <= rules->primary ? k - 1 : k);
		const struct mlps_verdict *v = mlps_score_verdict(s, level, r);
		json_t *x = json_object();

		json_object_set_new(x, "rule", json_string(v->rule->id));
		json_object_set_new(x, "label", json_string(v->band->label.zh));
		json_object_set_new(x, "label_en", json_string(v->band->label.en));
		json_object_set_new(x, "primary", json_boolean(v->rule->primary));
		json_object_set_new(x, "measure", num(v->measure));
		json_object_set_new(x, "confidence", json_string(mlps_confidence_name(v->rule->confidence)));
		json_array_append_new(concl, x);
	}
	json_object_set_new(o, "conclusions", concl);
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(cat, i);
		const struct mlps_tally *t;
		json_t *x;

		/* Control points in catalogue order, each once. */
		if (req->cp->index == last_cp)
			continue;
		t = mlps_score_control_point(s, level, req->cp->index);
		if (!t || t->total == 0)
			continue;
		last_cp = req->cp->index;
		x = json_object();
		json_object_set_new(x, "key", json_string(req->cp->key));
		json_object_set_new(x, "category", json_string(req->cp->category->code));
		json_object_set_new(x, "name", json_string(req->cp->name.zh));
		json_object_set_new(x, "applicable", json_integer(t->applicable));
		json_object_set_new(x, "score10", t->applicable ? num(t->score10) : json_null());
		json_object_set_new(x, "status", json_string(mlps_cp_status_name(t->status)));
		json_object_set_new(x, "rate", t->applicable ? num(t->rate) : json_null());
		json_object_set_new(x, "deducted", num(t->deducted));
		json_array_append_new(cps, x);
	}
	json_object_set_new(o, "control_points", cps);
	d = mlps_score_deductions(s, level, &n);
	for (i = 0; i < n; i++) {
		json_t *x = json_object(), *ob = json_array();
		size_t j, n_objs = mlps_assessment_req_objects(cat, a, d[i].req, objs);

		json_object_set_new(x, "requirement", d[i].req->ids[level] ? json_string(d[i].req->ids[level])
									   : json_null());
		json_object_set_new(x, "key", json_string(d[i].req->key));
		json_object_set_new(x, "part", json_string(mlps_kind_name(d[i].part)));
		json_object_set_new(x, "status", json_string(mlps_status_name(d[i].status)));
		json_object_set_new(x, "importance", json_string(mlps_importance_name(d[i].req->importance)));
		json_object_set_new(x, "value", num(d[i].value));
		json_object_set_new(x, "factor", num(d[i].factor));
		json_object_set_new(x, "points", num(d[i].points));
		json_object_set_new(x, "beyond_floor", num(d[i].beyond));
		json_object_set_new(x, "running", num(d[i].running));
		for (j = 0; j < n_objs; j++) {
			const struct mlps_answer *ans = mlps_assessment_answer(a, d[i].req->key, objs[j]->name);

			json_array_append_new(ob, json_pack("{s:s, s:s}", "object", objs[j]->name, "status",
							    mlps_status_name(ans ? ans->status : MLPS_ST_UNANSWERED)));
		}
		json_object_set_new(x, "objects", ob);
		json_array_append_new(deds, x);
	}
	json_object_set_new(o, "deductions", deds);
	free((void *)objs);
}

char *mlps_score_json(const struct mlps_catalog *cat, const struct mlps_assessment *a,
		      const struct mlps_score *s)
{
	const struct mlps_rules *rules = mlps_score_rules(s);
	json_t *doc = json_object(), *levels = json_array(), *cats = json_array(), *highs = json_array();
	size_t i, r;
	int level;

	json_object_set_new(doc, "schema", json_string(MLPS_SCORE_SCHEMA));
	json_object_set_new(doc, "assessment", json_integer(a->id));
	json_object_set_new(doc, "target_level", json_integer(a->level));
	json_object_set_new(doc, "rules", json_string(rules->id));
	json_object_set_new(doc, "unconfirmed", json_integer(mlps_score_unconfirmed(s)));
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *t = mlps_score_level(s, level);
		int scored = level <= a->level;
		json_t *o, *verdicts, *tj;

		if (t->total == 0)
			continue;
		o = json_object();
		verdicts = json_object();
		tj = tally_json(t, scored);
		json_object_set_new(o, "level", json_integer(level));
		json_object_set_new(o, "assessed", json_boolean(scored));
		json_object_update(o, tj);
		json_decref(tj);
		for (r = 0; scored && r < rules->n_verdicts; r++) {
			const struct mlps_verdict *v = mlps_score_verdict(s, level, r);

			json_object_set_new(verdicts, v->rule->id, json_string(v->band->label.zh));
		}
		json_object_set_new(o, "verdicts", verdicts);
		if (scored)
			level_details(o, cat, a, s, level);
		json_array_append_new(levels, o);
	}
	json_object_set_new(doc, "levels", levels);
	for (level = MLPS_LEVEL_MIN; level <= a->level; level++)
		for (i = 0; i < mlps_catalog_n_categories(cat); i++) {
			const struct mlps_tally *t = mlps_score_category(s, level, i);
			json_t *o, *tj;

			if (t->total == 0)
				continue;
			o = json_object();
			tj = tally_json(t, 1);
			json_object_set_new(o, "level", json_integer(level));
			json_object_set_new(o, "category", json_string(mlps_catalog_category(cat, i)->code));
			json_object_update(o, tj);
			json_decref(tj);
			json_array_append_new(cats, o);
		}
	json_object_set_new(doc, "categories", cats);
	for (i = 0; i < mlps_score_n_findings(s); i++) {
		const struct mlps_finding *f = mlps_score_finding(s, i);
		json_t *o;

		if (!f->scenario)
			continue;
		o = json_object();
		json_object_set_new(o, "scenario", json_string(f->scenario->id));
		json_object_set_new(o, "requirement", json_string(f->req->ids[a->level]));
		json_object_set_new(o, "key", json_string(f->req->key));
		json_object_set_new(o, "status", json_string(mlps_status_name(f->res.status)));
		json_object_set_new(o, "risk", json_string(mlps_risk_name(f->risk)));
		json_object_set_new(o, "mitigated", json_boolean(f->mitigated));
		json_array_append_new(highs, o);
	}
	json_object_set_new(doc, "high_risks", highs);
	return mlps_json_dump(doc);
}
