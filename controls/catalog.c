/*
 * catalog.c - lookups and small accessors over a loaded catalogue.
 * Building the catalogue is loader.c's business.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "catalog_impl.h"

void mlps_catalog_free(struct mlps_catalog *cat)
{
	if (!cat)
		return;
	arena_release(&cat->arena);
	if (cat->map)
		munmap(cat->map, cat->map_len);
	free(cat);
}

bool mlps_catalog_from_cache(const struct mlps_catalog *cat)
{
	return cat->map != NULL;
}

const struct mlps_scenario *const *mlps_catalog_req_scenarios(const struct mlps_catalog *cat,
							     const struct mlps_requirement *req, size_t *n)
{
	size_t i = req->index;

	if (i >= cat->n_reqs || cat->reqs[i] != req || !cat->scen_first) {
		*n = 0;
		return NULL;
	}
	*n = cat->scen_first[i + 1] - cat->scen_first[i];
	return cat->scen_of_req + cat->scen_first[i];
}

size_t mlps_catalog_n_categories(const struct mlps_catalog *cat)
{
	return cat->n_categories;
}

const struct mlps_category *mlps_catalog_category(const struct mlps_catalog *cat, size_t i)
{
	return i < cat->n_categories ? cat->categories[i] : NULL;
}

size_t mlps_catalog_n_requirements(const struct mlps_catalog *cat)
{
	return cat->n_reqs;
}

const struct mlps_requirement *mlps_catalog_requirement(const struct mlps_catalog *cat, size_t i)
{
	return i < cat->n_reqs ? cat->reqs[i] : NULL;
}

size_t mlps_catalog_n_control_points(const struct mlps_catalog *cat)
{
	return cat->n_cps;
}

const struct mlps_category *mlps_catalog_find_category(const struct mlps_catalog *cat, const char *code)
{
	size_t i;

	for (i = 0; i < cat->n_categories; i++)
		if (!strcmp(cat->categories[i]->code, code))
			return cat->categories[i];
	return NULL;
}

size_t mlps_catalog_n_scenarios(const struct mlps_catalog *cat)
{
	return cat->n_scenarios;
}

const struct mlps_scenario *mlps_catalog_scenario(const struct mlps_catalog *cat, size_t i)
{
	return i < cat->n_scenarios ? &cat->scenarios[i] : NULL;
}

const struct mlps_rules *mlps_catalog_rules(const struct mlps_catalog *cat)
{
	return cat->rules;
}

size_t mlps_catalog_n_kinds(const struct mlps_catalog *cat)
{
	return cat->n_kinds;
}

const struct mlps_object_kind *mlps_catalog_kind(const struct mlps_catalog *cat, size_t i)
{
	return i < cat->n_kinds ? &cat->kinds[i] : NULL;
}

/* A vocabulary has a dozen or so names: a linear scan is the fastest lookup. */
const struct mlps_object_kind *mlps_catalog_find_kind(const struct mlps_catalog *cat, const char *name)
{
	size_t i;

	for (i = 0; name && i < cat->n_kinds; i++)
		if (!strcmp(cat->kinds[i].name, name))
			return &cat->kinds[i];
	return NULL;
}

const char *mlps_catalog_hash(const struct mlps_catalog *cat)
{
	return cat->hash;
}

const char *mlps_catalog_dir(const struct mlps_catalog *cat)
{
	return cat->dir;
}

static const void *lookup(const struct cat_index *ix, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, ix[mid].name);

		if (c == 0)
			return ix[mid].item;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct mlps_requirement *mlps_catalog_find_key(const struct mlps_catalog *cat, const char *key)
{
	return lookup(cat->by_key, cat->n_by_key, key);
}

const struct mlps_requirement *mlps_catalog_find_id(const struct mlps_catalog *cat, const char *id)
{
	return lookup(cat->by_id, cat->n_by_id, id);
}

const struct mlps_requirement *mlps_catalog_find(const struct mlps_catalog *cat, const char *id_or_key)
{
	const struct mlps_requirement *r = mlps_catalog_find_id(cat, id_or_key);

	return r ? r : mlps_catalog_find_key(cat, id_or_key);
}

const struct mlps_scenario *mlps_catalog_find_scenario(const struct mlps_catalog *cat, const char *id)
{
	return lookup(cat->by_scenario, cat->n_scenarios, id);
}

bool mlps_req_applies(const struct mlps_requirement *req, int level, unsigned ext_mask)
{
	if (level < MLPS_LEVEL_MIN || level > MLPS_LEVEL_MAX || !req->ids[level])
		return false;
	return (ext_mask & MLPS_EXT_BIT(req->cp->ext)) != 0;
}

bool mlps_req_assessed_on(const struct mlps_catalog *cat, const struct mlps_requirement *req,
			  const char *kind_name)
{
	const struct mlps_object_kind *k = mlps_catalog_find_kind(cat, kind_name);

	return k && (req->kinds & (UINT32_C(1) << k->index));
}

bool mlps_req_for_role(const struct mlps_requirement *req, unsigned flags)
{
	unsigned mine = 0;

	if (flags & MLPS_COND_CLOUD_PLATFORM)
		mine |= MLPS_ROLE_PLATFORM;
	if (flags & MLPS_COND_CLOUD_CUSTOMER)
		mine |= MLPS_ROLE_CUSTOMER;
	return !req->roles || !mine || (req->roles & mine);
}

const char *mlps_req_role_reason(const struct mlps_requirement *req, unsigned flags, enum mlps_lang lang)
{
	if (mlps_req_for_role(req, flags))
		return NULL;
	if (req->roles == MLPS_ROLE_PLATFORM)
		return lang == MLPS_LANG_EN ? "Applies to the cloud platform (the provider) only; this system is a "
					      "cloud customer system."
					    : "本项仅适用于云计算平台（云服务商），本系统为云服务客户系统。";
	return lang == MLPS_LANG_EN ? "Applies to cloud customer systems only; this system is a cloud platform."
				    : "本项仅适用于云服务客户系统，本系统为云计算平台。";
}

const char *mlps_roles_name(unsigned roles)
{
	return roles == MLPS_ROLE_BOTH ? "both" : roles == MLPS_ROLE_PLATFORM ? "platform"
						: roles == MLPS_ROLE_CUSTOMER ? "customer" : "";
}

int mlps_req_min_level(const struct mlps_requirement *req)
{
	int level;

	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++)
		if (req->ids[level])
			return level;
	return 0;
}

enum mlps_ext mlps_req_ext(const struct mlps_requirement *req)
{
	return req->cp->ext;
}

static const struct mlps_text *pick(const struct mlps_text *base, const struct mlps_variant *v,
				    size_t n, int level)
{
	const struct mlps_text *t = base;
	size_t i;

	for (i = 0; i < n && v[i].level <= level; i++)
		t = &v[i].text;
	return t;
}

const struct mlps_text *mlps_req_text(const struct mlps_requirement *req, int level)
{
	return pick(&req->text, req->variants, req->n_variants, level);
}

const struct mlps_text *mlps_cp_name(const struct mlps_control_point *cp, int level)
{
	return pick(&cp->name, cp->variants, cp->n_variants, level);
}

bool mlps_req_same_text(const struct mlps_requirement *req, int a, int b)
{
	return mlps_req_text(req, a) == mlps_req_text(req, b);
}

int mlps_ext_parse_list(const char *list, unsigned *mask, struct mlps_error *err)
{
	const char *p = list;

	*mask = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	while (*p) {
		size_t len = strcspn(p, ",");
		char name[16];
		enum mlps_ext e;

		if (len == 0 || len >= sizeof(name) ||
		    (memcpy(name, p, len), name[len] = '\0', mlps_ext_parse(name, &e))) {
			return mlps_error_set(err, MLPS_ERR_INPUT,
					      "extension '%.*s' is not one of: general, cloud, mobile, iot, ics",
					      (int)len, p);
		}
		*mask |= MLPS_EXT_BIT(e);
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

const char *mlps_status_name(enum mlps_status st)
{
	static const char *const names[MLPS_ST_COUNT] = { "unanswered", "compliant", "partial",
							  "noncompliant", "na", "todo" };

	return (unsigned)st < MLPS_ST_COUNT ? names[st] : "?";
}

static const char *const status_labels[MLPS_ST_COUNT][2] = {
	{ "未作答", "Unanswered" },  { "符合", "Compliant" },    { "部分符合", "Partial" },
	{ "不符合", "Non-compliant" }, { "不适用", "N/A" },        { "待确认", "To confirm" },
};

int mlps_status_parse(const char *s, enum mlps_status *out)
{
	int i;

	for (i = 0; i < MLPS_ST_COUNT; i++)
		if (!strcmp(s, mlps_status_name((enum mlps_status)i)) || !strcmp(s, status_labels[i][0])) {
			*out = (enum mlps_status)i;
			return 0;
		}
	return -1;
}

const char *mlps_status_label(enum mlps_status st, enum mlps_lang lang)
{
	return (unsigned)st < MLPS_ST_COUNT ? status_labels[st][lang == MLPS_LANG_EN] : "?";
}

int mlps_risk_parse(const char *s, enum mlps_risk *out)
{
	int i;

	for (i = 0; i < MLPS_RISK_COUNT; i++)
		if (!strcmp(s, mlps_risk_name((enum mlps_risk)i))) {
			*out = (enum mlps_risk)i;
			return 0;
		}
	return -1;
}

const char *mlps_risk_label(enum mlps_risk risk, enum mlps_lang lang)
{
	static const char *const labels[MLPS_RISK_COUNT][2] = {
		{ "无", "none" }, { "低", "low" }, { "中", "medium" }, { "高", "high" },
	};

	return (unsigned)risk < MLPS_RISK_COUNT ? labels[risk][lang == MLPS_LANG_EN] : "?";
}

const char *mlps_confidence_label(enum mlps_confidence c, enum mlps_lang lang)
{
	static const char *const labels[MLPS_CONF_COUNT][2] = {
		{ "已确认（多个独立来源）", "confirmed (several independent sources)" },
		{ "单一来源", "single source" },
		{ "重建，未经原文核实", "reconstructed, not checked against the original" },
	};

	return (unsigned)c < MLPS_CONF_COUNT ? labels[c][lang == MLPS_LANG_EN] : "?";
}

int mlps_condition_parse_list(const char *list, unsigned *bits, struct mlps_error *err)
{
	const char *p = list;

	*bits = 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;
		int found = 0;

		for (i = 0; i < 4; i++) {
			const char *name = mlps_condition_name((enum mlps_condition)(1u << i));

			if (strlen(name) == len && !strncmp(p, name, len)) {
				*bits |= 1u << i;
				found = 1;
			}
		}
		if (!found)
			return mlps_error_set(err, MLPS_ERR_INPUT,
					      "flag '%.*s' is not one of: continuity, key-industry, "
					      "cloud-platform, cloud-customer", (int)len, p);
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

const char *mlps_text_get(const struct mlps_text *t, enum mlps_lang lang)
{
	return lang == MLPS_LANG_EN ? t->en : t->zh;
}
