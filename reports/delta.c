#include "localtime.h"
#include "delta.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "exchange.h"
#include "utf8.h"

#define L(zh, en) (lang == MLPS_LANG_EN ? (en) : (zh))

static void signed_delta(struct strbuf *out, double from, double to)
{
	strbuf_addf(out, "%.1f → %.1f (%+.1f)", from, to, to - from);
}

void mlps_delta_text(struct strbuf *out, const struct mlps_catalog *cat, const struct mlps_diff *d,
		     enum mlps_lang lang, size_t width)
{
	char od[11], nd[11];
	const struct mlps_assessment *o = mlps_diff_old(d), *n = mlps_diff_new(d);
	const struct mlps_score *so = mlps_diff_old_score(d), *sn = mlps_diff_new_score(d);
	const struct mlps_rules *rules = mlps_score_rules(sn);
	struct strbuf line = STRBUF_INIT;
	int level, top = o->level > n->level ? o->level : n->level;
	size_t i, r;
	int c;

	mlps_local_date(od, o->created);
	mlps_local_date(nd, n->created);
	strbuf_addf(&line, L("%s：评估 %lld（%s，第%d级）→ 评估 %lld（%s，第%d级）",
			     "%s: assessment %lld (%s, level %d) → assessment %lld (%s, level %d)"),
		    n->sys.name, o->id, *od ? od : "?", o->level, n->id, *nd ? nd : "?", n->level);
	mlps_utf8_wrap(out, line.buf, width, 0, 2);
	strbuf_addch(out, '\n');
	for (level = MLPS_LEVEL_MIN; level <= top; level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);

		if (to->total == 0 && tn->total == 0)
			continue;
		if (level > o->level || level > n->level)
			continue;
		strbuf_addf(out, "  L%d  %s ", level, L("符合率", "rate "));
		signed_delta(out, to->rate, tn->rate);
		strbuf_addf(out, "  %s ", L("得分", "score"));
		signed_delta(out, to->score, tn->score);
		strbuf_addch(out, '\n');
		for (r = 0; r < rules->n_verdicts; r++) {
			const struct mlps_verdict *vo = mlps_score_verdict(so, level, r);
			const struct mlps_verdict *vn = mlps_score_verdict(sn, level, r);

			strbuf_addf(out, "      %s: %s → %s%s\n", rules->verdicts[r].id,
				    mlps_text_get(&vo->band->label, lang), mlps_text_get(&vn->band->label, lang),
				    vo->band_index == vn->band_index ? "" : vo->band_index > vn->band_index ? L("  ↑", "  up") : L("  ↓", "  down"));
		}
	}
	strbuf_addch(out, '\n');
	for (c = 0; c < MLPS_CHG_COUNT; c++)
		strbuf_addf(out, "%s%s %d", c ? L("，", ", ") : "  ", mlps_change_label((enum mlps_change)c, lang),
			    mlps_diff_count(d, (enum mlps_change)c));
	strbuf_addch(out, '\n');
	for (c = 0; c < MLPS_CHG_COUNT; c++) {
		if (!mlps_diff_count(d, (enum mlps_change)c))
			continue;
		strbuf_addf(out, "\n%s (%d)\n", mlps_change_label((enum mlps_change)c, lang),
			    mlps_diff_count(d, (enum mlps_change)c));
		for (i = 0; i < mlps_diff_n_items(d); i++) {
			const struct mlps_diff_item *it = mlps_diff_item(d, i);
			const struct mlps_requirement *req = it->req;
			int lv = req->ids[n->level] ? n->level : o->level;

			if (it->change != (enum mlps_change)c)
				continue;
			strbuf_reset(&line);
			strbuf_addf(&line, "%s  %s → %s  %s", req->ids[lv] ? req->ids[lv] : req->key,
				    mlps_status_label(it->old_status, lang), mlps_status_label(it->new_status, lang),
				    mlps_text_get(mlps_req_text(req, lv), lang));
			mlps_utf8_wrap(out, line.buf, width, 2, 14);
		}
	}
	strbuf_addf(out, L("\n各类别（第%d级）\n", "\nCategories (level %d)\n"), n->level);
	for (i = 0; i < mlps_catalog_n_categories(cat); i++) {
		const struct mlps_tally *to = mlps_score_category(so, n->level, i);
		const struct mlps_tally *tn = mlps_score_category(sn, n->level, i);

		if (tn->total == 0)
			continue;
		strbuf_addf(out, "  %s  %s ", mlps_catalog_category(cat, i)->code, L("得分", "score"));
		signed_delta(out, to->score, tn->score);
		strbuf_addch(out, '\n');
	}
	strbuf_release(&line);
}

char *mlps_delta_json(const struct mlps_catalog *cat, const struct mlps_diff *d)
{
	const struct mlps_assessment *o = mlps_diff_old(d), *n = mlps_diff_new(d);
	const struct mlps_score *so = mlps_diff_old_score(d), *sn = mlps_diff_new_score(d);
	const struct mlps_rules *rules = mlps_score_rules(sn);
	json_t *doc = json_object(), *counts = json_object(), *items = json_array();
	json_t *levels = json_array(), *cats = json_array();
	size_t i, r;
	int c, level;

	json_object_set_new(doc, "schema", json_string(MLPS_DIFF_SCHEMA));
	json_object_set_new(doc, "old", json_integer(o->id));
	json_object_set_new(doc, "new", json_integer(n->id));
	json_object_set_new(doc, "system", json_string(n->sys.name));
	for (c = 0; c < MLPS_CHG_COUNT; c++)
		json_object_set_new(counts, mlps_change_name((enum mlps_change)c),
				    json_integer(mlps_diff_count(d, (enum mlps_change)c)));
	json_object_set_new(doc, "counts", counts);
	for (i = 0; i < mlps_diff_n_items(d); i++) {
		const struct mlps_diff_item *it = mlps_diff_item(d, i);
		json_t *x = json_object();

		json_object_set_new(x, "key", json_string(it->req->key));
		json_object_set_new(x, "old_id", it->old_in_scope ? json_string(it->req->ids[o->level]) : json_null());
		json_object_set_new(x, "new_id", it->new_in_scope ? json_string(it->req->ids[n->level]) : json_null());
		json_object_set_new(x, "old_status", json_string(mlps_status_name(it->old_status)));
		json_object_set_new(x, "new_status", json_string(mlps_status_name(it->new_status)));
		json_object_set_new(x, "change", json_string(mlps_change_name(it->change)));
		json_array_append_new(items, x);
	}
	json_object_set_new(doc, "items", items);
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);
		json_t *x, *v;

		if (level > o->level || level > n->level || (to->total == 0 && tn->total == 0))
			continue;
		x = json_object();
		v = json_object();
		json_object_set_new(x, "level", json_integer(level));
		json_object_set_new(x, "old_rate", json_real(to->rate));
		json_object_set_new(x, "new_rate", json_real(tn->rate));
		json_object_set_new(x, "old_score", json_real(to->score));
		json_object_set_new(x, "new_score", json_real(tn->score));
		for (r = 0; r < rules->n_verdicts; r++)
			json_object_set_new(v, rules->verdicts[r].id,
					    json_pack("{s:s, s:s}", "old",
						      mlps_score_verdict(so, level, r)->band->label.zh, "new",
						      mlps_score_verdict(sn, level, r)->band->label.zh));
		json_object_set_new(x, "verdicts", v);
		json_array_append_new(levels, x);
	}
	json_object_set_new(doc, "levels", levels);
	for (i = 0; i < mlps_catalog_n_categories(cat); i++) {
		const struct mlps_tally *to = mlps_score_category(so, n->level, i);
		const struct mlps_tally *tn = mlps_score_category(sn, n->level, i);
		json_t *x;

		if (tn->total == 0)
			continue;
		x = json_object();
		json_object_set_new(x, "category", json_string(mlps_catalog_category(cat, i)->code));
		json_object_set_new(x, "level", json_integer(n->level));
		json_object_set_new(x, "old_rate", json_real(to->rate));
		json_object_set_new(x, "new_rate", json_real(tn->rate));
		json_object_set_new(x, "old_score", json_real(to->score));
		json_object_set_new(x, "new_score", json_real(tn->score));
		json_array_append_new(cats, x);
	}
	json_object_set_new(doc, "categories", cats);
	return mlps_json_dump(doc);
}
