/*
 * exchange.h - machine formats built with jansson: the export/import file of
 * one assessment (schema mlps-export/1) and the score document of
 * `mlps score --format json` (schema mlps-score/1). Both are stable and
 * versioned; docs/formats.md describes them.
 */
#ifndef MLPS_EXCHANGE_H
#define MLPS_EXCHANGE_H

#include "assessment.h"
#include "catalog.h"
#include "score.h"

#define MLPS_EXPORT_SCHEMA "mlps-export/2"
#define MLPS_EXPORT_SCHEMA_V1 "mlps-export/1"   /* still imported: answers go to the system object */
#define MLPS_SCORE_SCHEMA "mlps-score/2"

struct json_t;
/* Encodes a jansson document (indented, keys in insertion order) and drops the reference. Caller frees. */
char *mlps_json_dump(struct json_t *doc);

/* The export document of `a`, as UTF-8 JSON text. Caller frees. */
char *mlps_export_json(const struct mlps_assessment *a);
/*
 * Parses an export document. Every answer's key must name a requirement of
 * `cat`. A malformed document names the offending field (answers[3].status).
 * Caller frees the result with mlps_assessment_free().
 */
struct mlps_assessment *mlps_import_json(const char *text, size_t len, const char *file,
					 const struct mlps_catalog *cat, struct mlps_error *err);
/* The mlps-score/1 document. Caller frees. */
char *mlps_score_json(const struct mlps_catalog *cat, const struct mlps_assessment *a,
		      const struct mlps_score *s);

#endif
