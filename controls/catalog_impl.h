/*
 * catalog_impl.h - the inside of struct mlps_catalog, shared by catalog.c
 * (lookups) and loader.c (building). Not for use outside controls/.
 */
#ifndef MLPS_CATALOG_IMPL_H
#define MLPS_CATALOG_IMPL_H

#include <xxhash.h>

#include "arena.h"
#include "catalog.h"
#include "checks.h"

struct check_node;

/* One sorted lookup entry: a name and what it names. */
struct cat_index {
	const char *name;
	const void *item;
};

struct mlps_catalog {
	struct arena arena;
	const char *dir;
	char hash[17];

	struct mlps_category **categories;
	size_t n_categories;
	const struct mlps_requirement **reqs;   /* catalogue order */
	size_t n_reqs;
	size_t n_cps;
	struct mlps_scenario *scenarios;
	size_t n_scenarios;
	struct mlps_rules *rules;               /* NULL when the set has none */
	struct mlps_object_kind *kinds;         /* the vocabulary, in definition order */
	size_t n_kinds;

	/* Probe checks (checks.c): chained while loading, then an array. */
	struct check_node *checks_head, **checks_tail;
	const struct mlps_check **checks, **checks_by_id;
	size_t n_checks;

	struct cat_index *by_key, *by_id, *by_scenario;
	size_t n_by_key, n_by_id;

	/*
	 * High-risk scenarios by requirement (scoring's lookup): those of the
	 * requirement of index i are scen_of_req[scen_first[i] .. scen_first[i + 1]),
	 * in definition order. Built once in finish(); n_reqs + 1 entries.
	 */
	size_t *scen_first;
	const struct mlps_scenario **scen_of_req;

	/* A catalogue mapped from a snapshot (catcache.c): the mapping, unmapped by free. */
	void *map;
	size_t map_len;
};

/*
 * The files of the set in `dir`, in load order: its YAML files by name, then
 * those of its checks/ folder. Caller frees each name and the array.
 */
int catalog_list_files(const char *dir, char ***names, size_t *n, struct mlps_error *err);
/*
 * Loads exactly these files as the set `dir`. With `content` (a reset XXH3
 * state), every file read is also fed to it as catalog_hash_file() does, so
 * that a snapshot is keyed by the very bytes that were parsed.
 */
struct mlps_catalog *catalog_load_list(const char *dir, const char *const *paths, size_t n,
				       XXH3_state_t *content, struct mlps_error *err);
/* The content hash's part for one file: its path, its length and its bytes. */
void catalog_hash_file(XXH3_state_t *content, const char *path, const void *buf, size_t len);

#endif
