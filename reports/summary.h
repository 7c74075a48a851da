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

/*
 * The pieces of the summary, for the text report to reuse. Each appends
 * whole lines and no heading.
 */
/* The per-level table (77 columns) and its footnote. */
void mlps_summary_levels(struct strbuf *out, const struct mlps_assessment *a, const struct mlps_score *s,
			 enum mlps_lang lang);
/* One line per level up to the target: the band under each rule; unverified rules starred. */
void mlps_summary_verdicts(struct strbuf *out, const struct mlps_assessment *a, const struct mlps_score *s,
			   enum mlps_lang lang);
/* One wrapped line per high-risk finding (mitigated ones say so), or "none". */
void mlps_summary_high_risks(struct strbuf *out, const struct mlps_assessment *a, const struct mlps_score *s,
			     enum mlps_lang lang, size_t width);
/* One row per category in scope at the target level: answered/applicable, rate, score. */
void mlps_summary_categories(struct strbuf *out, const struct mlps_catalog *cat,
			     const struct mlps_assessment *a, const struct mlps_score *s, enum mlps_lang lang);
/* The formula with the rules' values and weights, as one wrapped paragraph. */
void mlps_summary_method(struct strbuf *out, const struct mlps_score *s, enum mlps_lang lang, size_t width);
/* The composite of a level with its parts, base score and floors, as one sentence (nothing for v1 rules). */
void mlps_summary_composite_text(struct strbuf *line, const struct mlps_score *s, int level,
				 enum mlps_lang lang);
/* The same paragraph unwrapped. */
void mlps_summary_method_text(struct strbuf *line, const struct mlps_score *s, enum mlps_lang lang);
/* The target level's conclusions, the primary first, the others "for comparison" with their measures. */
void mlps_summary_conclusions(struct strbuf *out, const struct mlps_assessment *a,
			      const struct mlps_score *s, enum mlps_lang lang, size_t width);
/*
 * The composite's deductions at the target level, largest first, with the
 * objects, status, importance, points, running total and where a part's
 * floor applies; then the total, which is 100 - M (`mlps score --explain`).
 */
void mlps_summary_deductions(struct strbuf *out, const struct mlps_catalog *cat,
			     const struct mlps_assessment *a, const struct mlps_score *s,
			     enum mlps_lang lang, size_t width);
/* The composite's confidence footnote ("¹ ..."), from the rules' confidence tags; nothing for v1 rules. */
void mlps_summary_footnote(struct strbuf *line, const struct mlps_score *s, enum mlps_lang lang);
/* One line per verdict rule: why this band and not a better one; then the footnote. */
void mlps_summary_explain(struct strbuf *out, const struct mlps_assessment *a,
			  const struct mlps_score *s, enum mlps_lang lang, size_t width);
/* The same for one verdict, as one unwrapped sentence (for formats that lay out text themselves). */
void mlps_summary_verdict_why(struct strbuf *line, const struct mlps_verdict *v, enum mlps_lang lang);
/*
 * Figures for people, one rule everywhere (UI, CLI text, every report
 * format): rates, scores and the composite with one decimal; machine
 * formats (JSON, TSV) keep full precision.
 */
void mlps_summary_figure(struct strbuf *out, double v);
/* "7（已缓解 1）" / "7 (1 mitigated)", or "7" when none is mitigated. */
void mlps_summary_high_count(struct strbuf *out, const struct mlps_score *s, enum mlps_lang lang);
/* "已结转待确认 237" / "237 carried, to confirm": carried answers nobody confirmed yet. */
void mlps_summary_carried(struct strbuf *out, const struct mlps_score *s, enum mlps_lang lang);
/* "S3A2G3" or "G3" for the assessment's system. */
void mlps_summary_notation(struct strbuf *out, const struct mlps_assessment *a);

#endif
