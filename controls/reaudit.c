#include "reaudit.h"

#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? mlps_strdup(s) : NULL;
}

struct mlps_assessment *mlps_reaudit_prepare(const struct mlps_catalog *cat, const struct mlps_assessment *old,
					     int level, unsigned ext, struct mlps_reaudit_stats *stats)
{
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	const struct mlps_rules *rules = mlps_catalog_rules(cat);
	size_t i;

	memset(stats, 0, sizeof(*stats));
	a->sys = old->sys;
	a->sys.name = mlps_strdup(old->sys.name);
	a->sys.org = dup_or_null(old->sys.org);
	a->level = level;
	a->ext = ext | MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a->profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	a->rules_id = mlps_strdup(rules ? rules->id : old->rules_id);
	a->assessor = dup_or_null(old->assessor);
	a->parent = old->id;
	/* Objects come along whole: the machines are still there next year. */
	for (i = 0; i < old->n_objects; i++)
		mlps_assessment_add_object(a, old->objects[i].name, old->objects[i].kind,
					   old->objects[i].importance, old->objects[i].desc);
	for (i = 0; i < old->n_answers; i++) {
		const struct mlps_answer *ans = &old->answers[i];
		const struct mlps_requirement *r = mlps_catalog_find_key(cat, ans->key);
		struct mlps_answer carried;

		if (ans->status == MLPS_ST_UNANSWERED)
			continue;
		if (!r || !mlps_req_applies(r, a->level, a->ext)) {
			stats->out_of_scope++;
			continue;
		}
		if (!ans->text_hash || ans->text_hash != r->hash[a->level]) {
			stats->changed++;
			continue;
		}
		mlps_answer_copy(&carried, ans);
		carried.to_confirm = true;
		mlps_assessment_put(a, &carried);
		mlps_answer_release(&carried);
		stats->carried++;
	}
	return a;
}
