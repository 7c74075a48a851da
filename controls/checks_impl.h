/*
 * checks_impl.h - between loader.c and checks.c: how check documents enter
 * the catalogue. Not for use outside controls/.
 */
#ifndef MLPS_CHECKS_IMPL_H
#define MLPS_CHECKS_IMPL_H

#include "checks.h"
#include "yamldoc.h"

/* Checks are chained in the catalogue arena while files load. */
struct check_node {
	struct mlps_check check;
	struct check_node *next;
};

/* One document whose first key is mlps-checks (version already checked). */
void checks_load_doc(struct mlps_catalog *cat, const char *file, const struct ynode *root,
		     struct mlps_error *err);
/* After the last file: the array, duplicate ids, requirement keys and kinds. */
void checks_finish(struct mlps_catalog *cat, struct mlps_error *err);

#endif
