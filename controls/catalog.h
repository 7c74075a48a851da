/*
 * catalog.h - the GB/T 22239-2019 catalogue as loaded from a profile set.
 *
 * A profile set is one directory of YAML files (docs/profile-format.md). Once
 * loaded it is immutable: every struct below lives in the catalogue's arena
 * and is freed by mlps_catalog_free(). Pointers handed out are borrowed.
 *
 * Shape: category -> control point -> requirement. A requirement is one
 * lettered item of the standard; it carries its GB/T 28448 ID at every level
 * it applies at, so one answer serves all those levels.
 */
#ifndef MLPS_CATALOG_H
#define MLPS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define MLPS_LEVEL_MIN 1
#define MLPS_LEVEL_MAX 4

/* Which part of the standard; the ID's type digit is the value plus one. */
enum mlps_ext {
	MLPS_EXT_GENERAL = 0,
	MLPS_EXT_CLOUD,
	MLPS_EXT_MOBILE,
	MLPS_EXT_IOT,
	MLPS_EXT_ICS,
	MLPS_EXT_COUNT
};
#define MLPS_EXT_BIT(e) (1u << (e))
#define MLPS_EXT_ALL ((1u << MLPS_EXT_COUNT) - 1)

enum mlps_importance { MLPS_IMP_KEY = 0, MLPS_IMP_IMPORTANT, MLPS_IMP_GENERAL, MLPS_IMP_COUNT };

enum mlps_method {
	MLPS_METHOD_INTERVIEW = 1 << 0,
	MLPS_METHOD_EXAMINE = 1 << 1,
	MLPS_METHOD_TEST = 1 << 2,
};

enum mlps_kind { MLPS_KIND_TECHNICAL = 0, MLPS_KIND_MANAGEMENT };

enum mlps_lang { MLPS_LANG_ZH = 0, MLPS_LANG_EN };

/* A text in both languages; both are non-empty, NUL-terminated UTF-8. */
struct mlps_text {
	const char *zh;
	const char *en;
};

/* Wording in force from `level` up (until a higher variant). */
struct mlps_variant {
	int level;
	struct mlps_text text;
};

struct mlps_category;
struct mlps_control_point;

/*
 * An object kind (测评对象类型) of the set's vocabulary: server, database,
 * room, ... Requirements name the kinds they are assessed on; at most
 * MLPS_KINDS_MAX kinds, so that a requirement's kinds fit one bit mask.
 */
#define MLPS_KINDS_MAX 32
#define MLPS_KIND_SYSTEM "system"       /* the system as a whole; always in a vocabulary */

struct mlps_object_kind {
	const char *name;                       /* ASCII word used in files and on the command line */
	struct mlps_text label;
	size_t index;                           /* bit in mlps_requirement.kinds */
};

/* Who a cloud-extension item is for: the cloud platform (provider), the customer system, or both. */
enum mlps_cloud_role {
	MLPS_ROLE_PLATFORM = 1 << 0,            /* 云计算平台 */
	MLPS_ROLE_CUSTOMER = 1 << 1,            /* 云服务客户系统 */
};
#define MLPS_ROLE_BOTH (MLPS_ROLE_PLATFORM | MLPS_ROLE_CUSTOMER)

struct mlps_requirement {
	const char *key;                        /* stable, level-independent */
	const struct mlps_control_point *cp;    /* the owning control point */
	const char *ids[MLPS_LEVEL_MAX + 1];    /* GB/T 28448 ID by level; NULL where absent */
	enum mlps_importance importance;
	unsigned methods;                       /* enum mlps_method bits */
	struct mlps_text text;                  /* wording at the lowest level */
	const struct mlps_variant *variants;    /* ascending by level */
	size_t n_variants;
	struct mlps_text guidance;
	struct mlps_text remediation;
	uint64_t hash[MLPS_LEVEL_MAX + 1];      /* XXH3 of the zh wording per level; 0 where absent */
	uint32_t kinds;                         /* object kinds assessed on (bit = kind index); 0: none given */
	unsigned roles;                         /* cloud items: enum mlps_cloud_role bits; 0 elsewhere */
	size_t index;                           /* position in catalogue order */
	const char *file;                       /* where it was defined */
	unsigned line, col;
};

struct mlps_control_point {
	const char *key;
	struct mlps_text name;
	const struct mlps_variant *variants;    /* names from a level up */
	size_t n_variants;
	enum mlps_ext ext;
	uint32_t kinds;                         /* default object kinds of its requirements */
	unsigned roles;                         /* default cloud roles of its requirements */
	const struct mlps_category *category;
	const struct mlps_requirement **reqs;
	size_t n_reqs;
	size_t index;                           /* position among all control points */
};

struct mlps_category {
	char code[4];                           /* PES, CNS, ... */
	enum mlps_kind kind;
	struct mlps_text name;
	const struct mlps_control_point **cps;  /* general first, then extensions, in load order */
	size_t n_cps;
	size_t index;                           /* position among the categories */
};

/* System properties that high-risk scenarios may require. */
enum mlps_condition {
	MLPS_COND_CONTINUITY = 1 << 0,      /* 业务连续性要求高 */
	MLPS_COND_KEY_INDUSTRY = 1 << 1,    /* 关键行业 */
	MLPS_COND_CLOUD_PLATFORM = 1 << 2,  /* 云计算平台 */
	MLPS_COND_CLOUD_CUSTOMER = 1 << 3,  /* 云服务客户系统 */
};
#define MLPS_COND_CLOUD_ANY (MLPS_COND_CLOUD_PLATFORM | MLPS_COND_CLOUD_CUSTOMER)

struct mlps_scenario {
	const char *id;                         /* "6.4.1.1" */
	enum mlps_ext scope;
	const struct mlps_requirement *req;
	int min_level;
	int guide_level;                        /* the guide's own minimum level where min_level departs from it; 0 otherwise */
	unsigned conditions;                    /* enum mlps_condition bits */
	struct mlps_text title;
	struct mlps_text description;
	struct mlps_text mitigation;
};

/* Answer statuses, in the order the rules file lists their values. */
enum mlps_status {
	MLPS_ST_UNANSWERED = 0,
	MLPS_ST_COMPLIANT,
	MLPS_ST_PARTIAL,
	MLPS_ST_NONCOMPLIANT,
	MLPS_ST_NA,
	MLPS_ST_TODO,
	MLPS_ST_COUNT
};

/* Risk levels, ordered so that a larger value is worse. */
enum mlps_risk { MLPS_RISK_NONE = 0, MLPS_RISK_LOW, MLPS_RISK_MEDIUM, MLPS_RISK_HIGH, MLPS_RISK_COUNT };

/*
 * What a verdict rule's bands compare. `score` is the version-1 measure
 * (importance-weighted mean of item values, 0-100); version 2 has `rate` and
 * `composite` (the 2021 template's defect-deduction score M).
 */
enum mlps_measure { MLPS_MEASURE_SCORE = 0, MLPS_MEASURE_RATE, MLPS_MEASURE_COMPOSITE };

/* How sure the project is of a constant (rules version 2). */
enum mlps_confidence {
	MLPS_CONF_CONFIRMED = 0,    /* two or more independent sources */
	MLPS_CONF_SINGLE,           /* one source only */
	MLPS_CONF_RECONSTRUCTED,    /* inferred or recalled; not checked against the original */
	MLPS_CONF_COUNT
};

/* Where a constant of the rules file comes from. */
struct mlps_provenance {
	struct mlps_text source;
	enum mlps_confidence confidence;
};

/* How several objects' values combine into one item value. */
enum mlps_combine { MLPS_COMBINE_MEAN = 0, MLPS_COMBINE_MIN };

/* The composite's base score per item: S = 100/n, or one per part (S_t = 100y/t, S_m = 100(1-y)/m). */
enum mlps_base_score { MLPS_BASE_WHOLE = 0, MLPS_BASE_PER_PART };

struct mlps_band {
	struct mlps_text label;
	double min;                 /* lower bound of the measure */
	bool above;                 /* true: measure > min (exclusive); false: measure >= min */
	enum mlps_risk max_risk;    /* worst risk present <= max_risk; high when the band has no risk condition */
};

struct mlps_verdict_rule {
	const char *id;
	struct mlps_text name;
	struct mlps_text source;
	bool verified;              /* version 1; version 2: confidence is confirmed */
	enum mlps_confidence confidence;
	bool primary;               /* the conclusion shown first (exactly one rule) */
	enum mlps_measure measure;
	const struct mlps_band *bands;
	size_t n_bands;
};

struct mlps_rules {
	int version;                            /* 1 or 2 (mlps-rules: N) */
	const char *id;
	double values[MLPS_ST_COUNT];           /* value by status; NA unused */
	double weights[MLPS_IMP_COUNT];         /* control-point weight by importance (v1: score weight) */
	enum mlps_combine combine;              /* objects of one item; v1: mean */
	double scale;                           /* control-point score scale (10); v1: 100 */
	/* The composite (version 2 only; has_composite false for version 1). */
	bool has_composite;
	double factors[MLPS_IMP_COUNT];         /* deduction factor f by importance */
	double attention;                       /* y: technical share of the 100 points */
	enum mlps_base_score base;
	enum mlps_risk default_risk_noncompliant;
	enum mlps_risk default_risk_partial;
	/* Sources of each constant (version 2; empty texts for version 1). */
	struct mlps_provenance values_src, combine_src, weights_src, scale_src;
	struct mlps_provenance factors_src, attention_src, base_src, risk_src;
	const struct mlps_verdict_rule *verdicts;
	size_t n_verdicts;
	size_t primary;                         /* index of the primary verdict rule */
};

struct mlps_catalog;

/*
 * Loads the profile set in directory `dir`: every *.yaml file in byte order of
 * its name. On any problem returns NULL and fills err with every problem found
 * (up to MLPS_ERROR_MAX_MESSAGES), each as "file:line:column: path: message".
 * The caller frees the result with mlps_catalog_free().
 */
struct mlps_catalog *mlps_catalog_load(const char *dir, struct mlps_error *err);
/*
 * Loads exactly the given files as one set (`mlps profile validate FILE`).
 * References from scenarios to requirements are checked only when the files
 * define requirements at all.
 */
struct mlps_catalog *mlps_catalog_load_files(const char *const *paths, size_t n,
					     struct mlps_error *err);
/* One document already in memory, named `name` in messages (fuzzing, tests). */
struct mlps_catalog *mlps_catalog_load_memory(const char *name, const char *buf, size_t len,
					      struct mlps_error *err);
/*
 * The profile set in `dir`, from the compiled catalogue cache when it holds a
 * valid snapshot of exactly these files (catcache.h), else parsed as
 * mlps_catalog_load() does, writing the snapshot for next time. Everything
 * but speed is the same; MLPS_NO_CACHE=1 always parses.
 */
struct mlps_catalog *mlps_catalog_open(const char *dir, struct mlps_error *err);
void mlps_catalog_free(struct mlps_catalog *cat);
/* Whether the catalogue was mapped from a snapshot rather than parsed. */
bool mlps_catalog_from_cache(const struct mlps_catalog *cat);

/* Navigation */
size_t mlps_catalog_n_categories(const struct mlps_catalog *cat);
const struct mlps_category *mlps_catalog_category(const struct mlps_catalog *cat, size_t i);
size_t mlps_catalog_n_requirements(const struct mlps_catalog *cat);
size_t mlps_catalog_n_control_points(const struct mlps_catalog *cat);
/* A category by its code (PES), or NULL. */
const struct mlps_category *mlps_catalog_find_category(const struct mlps_catalog *cat, const char *code);
/* Requirements in catalogue order: by category, then control point, then item. */
const struct mlps_requirement *mlps_catalog_requirement(const struct mlps_catalog *cat, size_t i);
size_t mlps_catalog_n_scenarios(const struct mlps_catalog *cat);
const struct mlps_scenario *mlps_catalog_scenario(const struct mlps_catalog *cat, size_t i);
/* The object-kind vocabulary (mlps-objects file); empty when the set has none. */
size_t mlps_catalog_n_kinds(const struct mlps_catalog *cat);
const struct mlps_object_kind *mlps_catalog_kind(const struct mlps_catalog *cat, size_t i);
/* A kind by name, or NULL. */
const struct mlps_object_kind *mlps_catalog_find_kind(const struct mlps_catalog *cat, const char *name);
/* The rules of the set, or NULL when the set has no rules file. */
const struct mlps_rules *mlps_catalog_rules(const struct mlps_catalog *cat);
/* 16 hex digits: XXH3 over every file's name and bytes, in load order. */
const char *mlps_catalog_hash(const struct mlps_catalog *cat);
const char *mlps_catalog_dir(const struct mlps_catalog *cat);

/* Lookups: NULL when absent. find_id takes any level's ID (L3-CES1-01). */
const struct mlps_requirement *mlps_catalog_find_key(const struct mlps_catalog *cat, const char *key);
const struct mlps_requirement *mlps_catalog_find_id(const struct mlps_catalog *cat, const char *id);
/* An ID or a key, whichever matches. */
const struct mlps_requirement *mlps_catalog_find(const struct mlps_catalog *cat, const char *id_or_key);
const struct mlps_scenario *mlps_catalog_find_scenario(const struct mlps_catalog *cat, const char *id);
/* The scenarios mapped to req, in definition order (*n of them; none: NULL and 0). */
const struct mlps_scenario *const *mlps_catalog_req_scenarios(const struct mlps_catalog *cat,
							     const struct mlps_requirement *req, size_t *n);

/* Requirements */
bool mlps_req_applies(const struct mlps_requirement *req, int level, unsigned ext_mask);
/* The requirement is assessed on objects of kind `kind_name` (a name of the set's vocabulary). */
bool mlps_req_assessed_on(const struct mlps_catalog *cat, const struct mlps_requirement *req,
			  const char *kind_name);
int mlps_req_min_level(const struct mlps_requirement *req);
enum mlps_ext mlps_req_ext(const struct mlps_requirement *req);
/* The wording in force at `level` (variants applied). */
const struct mlps_text *mlps_req_text(const struct mlps_requirement *req, int level);
const struct mlps_text *mlps_cp_name(const struct mlps_control_point *cp, int level);
/* Wording at level b is that at level a (both must apply). */
bool mlps_req_same_text(const struct mlps_requirement *req, int a, int b);

/*
 * Whether a requirement is meant for a system with these condition flags
 * (MLPS_COND_CLOUD_PLATFORM / _CUSTOMER): true for every item outside the
 * cloud extension, for a system that says neither role, and for items of its
 * role; false for a provider-only item on a customer system and the reverse.
 */
bool mlps_req_for_role(const struct mlps_requirement *req, unsigned flags);
/*
 * The prepared N/A reason for an item that is not for the system's cloud
 * role (see above), in `lang`; NULL when the item is for it.
 */
const char *mlps_req_role_reason(const struct mlps_requirement *req, unsigned flags, enum mlps_lang lang);
/* "platform", "customer", "both". */
const char *mlps_roles_name(unsigned roles);

/* Names: stable ASCII words used in files, on the command line and in JSON. */
const char *mlps_ext_name(enum mlps_ext ext);
int mlps_ext_parse(const char *name, enum mlps_ext *out);
/* "cloud,mobile" -> bit mask; general is always included. -1 on a bad name. */
int mlps_ext_parse_list(const char *list, unsigned *mask, struct mlps_error *err);
const char *mlps_importance_name(enum mlps_importance imp);
/* "key", "important", "general" -> importance; -1 otherwise. */
int mlps_importance_parse(const char *s, enum mlps_importance *out);
const char *mlps_kind_name(enum mlps_kind kind);
const char *mlps_status_name(enum mlps_status st);
/* Accepts the English names and the Chinese labels (符合, 部分符合, ...). */
int mlps_status_parse(const char *s, enum mlps_status *out);
/* 符合 / Compliant ... */
const char *mlps_status_label(enum mlps_status st, enum mlps_lang lang);
int mlps_risk_parse(const char *s, enum mlps_risk *out);
const char *mlps_risk_label(enum mlps_risk risk, enum mlps_lang lang);
/* "continuity,key-industry" -> bits; "" -> 0. */
int mlps_condition_parse_list(const char *list, unsigned *bits, struct mlps_error *err);
const char *mlps_risk_name(enum mlps_risk risk);
/* "confirmed", "single-source", "reconstructed"; the label is for people. */
const char *mlps_confidence_name(enum mlps_confidence c);
const char *mlps_confidence_label(enum mlps_confidence c, enum mlps_lang lang);
const char *mlps_condition_name(enum mlps_condition c);
const char *mlps_text_get(const struct mlps_text *t, enum mlps_lang lang);

#endif
