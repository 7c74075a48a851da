/*
 * summary.h - the score of an assessment as text for people: the per-level
 * table with verdicts, the high-risk findings, and the explanation of how
 * each number came about. `mlps score` prints it; the text report embeds it.
 */
#ifndef MLPS_SUMMARY_H
#define MLPS_SUMMARY_H

#include "assessment.h"
#include "catalog.h"
#include "score.h"
#include "strbuf.h"

/* Appends the summary, laid out for `width` display columns. */
void mlps_summary_text(struct strbuf *out, const struct mlps_catalog *cat,
		       const struct mlps_assessment *a, const struct mlps_score *s,
		       enum mlps_lang lang, size_t width);
/* One line per verdict rule: why this band and not a better one. */
void mlps_summary_explain(struct strbuf *out, const struct mlps_assessment *a,
			  const struct mlps_score *s, enum mlps_lang lang, size_t width);
/* "S3A2G3" or "G3" for the assessment's system. */
void mlps_summary_notation(struct strbuf *out, const struct mlps_assessment *a);

#endif
