/*
 * catalog_impl.h - the inside of struct mlps_catalog, shared by catalog.c
 * (lookups) and loader.c (building). Not for use outside controls/.
 */
#ifndef MLPS_CATALOG_IMPL_H
#define MLPS_CATALOG_IMPL_H

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
};

#endif
