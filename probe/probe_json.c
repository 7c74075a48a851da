/*
 * probe_json.c - a probe run as JSON, schema mlps-probe/1 (docs/formats.md).
 *
 * Written by `mlps probe --format json` on one machine and read back by
 * `mlps probe --import FILE` (or the UI) on another: the results travel,
 * the check definitions stay with the catalogue. A run read back keeps
 * only checks the reading catalogue knows; results, evidence and reasons
 * are checked like any other input (sizes, control characters, names).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "usertext.h"

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v ? v : json_null());
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

char *mlps_probe_to_json(const struct mlps_probe_run *run)
{
	json_t *doc = json_object(), *checks = json_array(), *counts = json_object();
	size_t i, j;
	char *s, *out;

	set(doc, "schema", json_string("mlps-probe/1"));
	set(doc, "mlps_version", json_string(MLPS_VERSION));
	set(doc, "host", str_or_null(run->host));
	set(doc, "root", str_or_null(run->root));
	set(doc, "time", str_or_null(run->when));
	set(doc, "catalog_hash", str_or_null(run->catalog_hash));
	set(doc, "privileged", json_boolean(run->privileged));
	for (i = 0; i < MLPS_PR_COUNT; i++)
		set(counts, mlps_probe_result_name((enum mlps_probe_result)i), json_integer((json_int_t)run->counts[i]));
	set(doc, "counts", counts);
	for (i = 0; i < run->n_items; i++) {
		const struct mlps_probe_item *it = &run->items[i];
		const struct mlps_check *c = it->check;
		json_t *o = json_object(), *reqs = json_array(), *ids = json_array(), *ev = json_array();
		const char *e;

		set(o, "id", json_string(c->id));
		for (j = 0; j < c->n_reqs; j++) {
			json_array_append_new(reqs, json_string(c->req_keys[j]));
			if (c->reqs[j] && c->reqs[j]->ids[3])
				json_array_append_new(ids, json_string(c->reqs[j]->ids[3]));
		}
		set(o, "requirements", reqs);
		set(o, "ids_level3", ids);
		set(o, "kind", json_string(c->kind));
		set(o, "primitive", json_string(mlps_primitive_name(c->prim)));
		set(o, "result", json_string(mlps_probe_result_name(it->result)));
		for (e = it->evidence; e && *e;) {
			size_t n = strcspn(e, "\n");

			json_array_append_new(ev, json_stringn(e, n));
			e += n + (e[n] == '\n');
		}
		set(o, "evidence", ev);
		set(o, "reason", str_or_null(it->reason));
		set(o, "title", json_pack("{s:s, s:s}", "zh", c->title.zh, "en", c->title.en));
		json_array_append_new(checks, o);
	}
	set(doc, "checks", checks);
	s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	out = mlps_strdup(s ? s : "{}");
	free(s);
	return out;
}

static const char *get_str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

struct mlps_probe_run *mlps_probe_from_json(const struct mlps_catalog *cat, const char *name, const char *buf,
					    size_t len, size_t *skipped, struct mlps_error *err)
{
	json_error_t jerr;
	json_t *doc, *checks;
	struct mlps_probe_run *r = NULL;
	const char *schema;
	size_t i;

	*skipped = 0;
	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		mlps_error_at(err, name, (unsigned)(jerr.line > 0 ? jerr.line : 1),
			      (unsigned)(jerr.column > 0 ? jerr.column : 1), "not valid JSON: %s", jerr.text);
		return NULL;
	}
	schema = get_str(doc, "schema");
	if (!json_is_object(doc) || !schema || strcmp(schema, "mlps-probe/1")) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: not a probe file (expected \"schema\": \"mlps-probe/1\")",
			       name);
		goto out;
	}
	checks = json_object_get(doc, "checks");
	if (!json_is_array(checks)) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: \"checks\" must be a list", name);
		goto out;
	}
	r = mlps_calloc(1, sizeof(*r));
	r->items = mlps_calloc(json_array_size(checks) + 1, sizeof(*r->items));
	r->host = get_str(doc, "host") ? mlps_strdup(get_str(doc, "host")) : NULL;
	r->root = get_str(doc, "root") ? mlps_strdup(get_str(doc, "root")) : NULL;
	r->when = get_str(doc, "time") ? mlps_strdup(get_str(doc, "time")) : NULL;
	r->catalog_hash = get_str(doc, "catalog_hash") ? mlps_strdup(get_str(doc, "catalog_hash")) : NULL;
	r->privileged = json_is_true(json_object_get(doc, "privileged"));
	for (i = 0; i < json_array_size(checks); i++) {
		json_t *o = json_array_get(checks, i), *ev;
		const char *id = get_str(o, "id"), *res = get_str(o, "result"), *reason = get_str(o, "reason");
		const struct mlps_check *c = id ? mlps_catalog_find_check(cat, id) : NULL;
		struct mlps_probe_item *it;
		struct strbuf sb = STRBUF_INIT;
		enum mlps_probe_result pr;
		size_t j, k;

		if (!json_is_object(o) || !id || !res || mlps_probe_result_parse(res, &pr)) {
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: checks[%zu]: needs \"id\" and a \"result\" of pass, "
				       "partial, fail or not-checked", name, i);
			mlps_probe_free(r);
			r = NULL;
			goto out;
		}
		if (!c) {
			(*skipped)++;
			continue;
		}
		for (k = 0; k < r->n_items; k++)
			if (r->items[k].check == c)
				break;
		if (k < r->n_items) {
			mlps_error_set(err, MLPS_ERR_INPUT, "%s: check '%s' appears twice", name, id);
			mlps_probe_free(r);
			r = NULL;
			goto out;
		}
		it = &r->items[r->n_items++];
		it->check = c;
		it->result = pr;
		ev = json_object_get(o, "evidence");
		for (j = 0; json_is_array(ev) && j < json_array_size(ev) && j < 200; j++) {
			json_t *line = json_array_get(ev, j);

			if (!json_is_string(line))
				continue;
			if (sb.len)
				strbuf_addch(&sb, '\n');
			/* A line from another machine is shown, never obeyed: control characters made visible. */
			strbuf_add_visible(&sb, json_string_value(line), json_string_length(line) > 1000 ? 1000
					   : json_string_length(line), 0);
		}
		it->evidence = sb.len ? strbuf_detach(&sb, NULL) : NULL;
		strbuf_release(&sb);
		if (reason) {
			struct strbuf rs = STRBUF_INIT;

			strbuf_add_visible(&rs, reason, strlen(reason) > 2000 ? 2000 : strlen(reason), 0);
			it->reason = strbuf_detach(&rs, NULL);
		}
		r->counts[pr]++;
	}
out:
	json_decref(doc);
	return r;
}
