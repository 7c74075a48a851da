/*
 * delta.h - a diff between two assessments for people (text) and machines
 * (JSON, schema mlps-diff/1): `mlps diff` prints them.
 */
#ifndef MLPS_DELTA_H
#define MLPS_DELTA_H

#include "catalog.h"
#include "diff.h"
#include "strbuf.h"

#define MLPS_DIFF_SCHEMA "mlps-diff/1"

void mlps_delta_text(struct strbuf *out, const struct mlps_catalog *cat, const struct mlps_diff *d,
		     enum mlps_lang lang, size_t width);
/* Caller frees. */
char *mlps_delta_json(const struct mlps_catalog *cat, const struct mlps_diff *d);

#endif
