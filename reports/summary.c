/*
 * summary.c - `mlps score` for people. The page is built from pieces (the
 * level table, the verdicts and why, the high-risk lines, the categories,
 * the method) that the text report reuses, so the two never disagree.
 */
#include "summary.h"

#include <stdio.h>
#include <string.h>

#include "grading.h"
#include "utf8.h"

#define L(zh, en) (lang == MLPS_LANG_EN ? (en) : (zh))

void mlps_summary_notation(struct strbuf *out, const struct mlps_assessment *a)
{
	mlps_grade_notation(out, a->sys.s_level, a->sys.a_level, a->level);
}

static void cell(struct strbuf *out, const char *s, size_t width, int right)
{
	size_t w = mlps_utf8_width(s);

	if (right && w < width)
		strbuf_addchars(out, ' ', width - w);
	strbuf_adds(out, s);
	if (!right && w < width)
		strbuf_addchars(out, ' ', width - w);
}

static void cellf(struct strbuf *out, size_t width, const char *fmt, double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), fmt, v);
	cell(out, buf, width, 1);
}

static void celli(struct strbuf *out, size_t width, int v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", v);
	cell(out, buf, width, 1);
}

void mlps_summary_verdict_why(struct strbuf *line, const struct mlps_verdict *v, enum mlps_lang lang)
{
	size_t b;

	strbuf_addf(line, L("%s：%s %.2f，最高风险%s → %s。", "%s: %s %.2f, worst risk %s → %s."),
		    mlps_text_get(&v->rule->name, lang),
		    v->rule->measure == MLPS_MEASURE_RATE ? L("符合率", "rate") : L("得分", "score"),
		    v->measure, mlps_risk_label(v->worst, lang), mlps_text_get(&v->band->label, lang));
	for (b = 0; b < v->band_index; b++) {
		const struct mlps_band *band = &v->rule->bands[b];
		int low = v->measure + 1e-9 < band->min, risky = v->worst > band->max_risk;

		strbuf_addf(line, L("未达“%s”：", " Not %s:"), mlps_text_get(&band->label, lang));
		if (low)
			strbuf_addf(line, L("需≥%g", " needs >= %g"), band->min);
		if (low && risky)
			strbuf_adds(line, L("，且", " and"));
		if (risky)
			strbuf_addf(line, L("风险不高于%s", " risk at most %s"),
				    mlps_risk_label(band->max_risk, lang));
		strbuf_adds(line, L("。", "."));
	}
	if (!v->rule->verified)
		strbuf_adds(line, L("（来源未经核实）", " (source unverified)"));
}

void mlps_summary_explain(struct strbuf *out, const struct mlps_assessment *a,
			  const struct mlps_score *s, enum mlps_lang lang, size_t width)
{
	const struct mlps_rules *rules = mlps_score_rules(s);
	struct strbuf line = STRBUF_INIT;
	size_t r;

	for (r = 0; r < rules->n_verdicts; r++) {
		strbuf_reset(&line);
		mlps_summary_verdict_why(&line, mlps_score_verdict(s, a->level, r), lang);
		mlps_utf8_wrap(out, line.buf, width, 2, 4);
	}
	strbuf_release(&line);
}

/* The first lines of `mlps score`: which assessment, which rules, the disclaimer. */
static void summary_header(struct strbuf *out, const struct mlps_assessment *a, const struct mlps_score *s,
			   enum mlps_lang lang, size_t width)
{
	const struct mlps_rules *rules = mlps_score_rules(s);
	struct strbuf line = STRBUF_INIT;
	size_t i;

	strbuf_addf(&line, L("评估 %lld：%s", "Assessment %lld: %s"), a->id, a->sys.name);
	if (a->sys.org)
		strbuf_addf(&line, L("（%s）", " (%s)"), a->sys.org);
	strbuf_adds(&line, "  ");
	mlps_summary_notation(&line, a);
	strbuf_addf(&line, L("  第%d级", "  level %d"), a->level);
	for (i = MLPS_EXT_CLOUD; i < MLPS_EXT_COUNT; i++)
		if (a->ext & MLPS_EXT_BIT(i))
			strbuf_addf(&line, " +%s", mlps_ext_name((enum mlps_ext)i));
	mlps_utf8_wrap(out, line.buf, width, 0, 2);
	strbuf_reset(&line);
	strbuf_addf(&line, L("规则 %s；这是自评估得分，不是等级测评结论。",
			     "Rules %s; this is a self-assessment score, not an official evaluation conclusion."),
		    rules->id);
	mlps_utf8_wrap(out, line.buf, width, 0, 2);
	strbuf_release(&line);
	if (mlps_score_unconfirmed(s))
		strbuf_addf(out, L("沿用自上次评估、尚待确认的答案：%d\n",
				   "Answers carried from the previous assessment, still to confirm: %d\n"),
			    mlps_score_unconfirmed(s));
}

void mlps_summary_levels(struct strbuf *out, const struct mlps_assessment *a, const struct mlps_score *s,
			 enum mlps_lang lang)
{
	int level;

	cell(out, L("级别", "Level"), 7, 0);
	cell(out, L("适用", "Appl."), 6, 1);
	cell(out, L("符合", "Yes"), 6, 1);
	cell(out, L("部分", "Part"), 6, 1);
	cell(out, L("不符", "No"), 6, 1);
	cell(out, "N/A", 5, 1);
	cell(out, L("未答", "Open"), 6, 1);
	cell(out, L("符合率", "Rate"), 8, 1);
	cell(out, L("得分", "Score"), 7, 1);
	cell(out, L("覆盖", "Cover"), 7, 1);
	cell(out, L("  风险", "  Risk"), 8, 0);
	strbuf_addch(out, '\n');
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *t = mlps_score_level(s, level);
		char name[16];

		if (t->total == 0)
			continue;
		snprintf(name, sizeof(name), level == a->level ? "L%d *" : "L%d", level);
		cell(out, name, 7, 0);
		celli(out, 6, t->applicable);
		celli(out, 6, t->n[MLPS_ST_COMPLIANT]);
		celli(out, 6, t->n[MLPS_ST_PARTIAL]);
		celli(out, 6, t->n[MLPS_ST_NONCOMPLIANT]);
		celli(out, 5, t->n[MLPS_ST_NA]);
		celli(out, 6, t->n[MLPS_ST_UNANSWERED] + t->n[MLPS_ST_TODO]);
		if (level <= a->level) {
			cellf(out, 8, "%.1f", t->rate);
			cellf(out, 7, "%.1f", t->score);
		} else {
			cell(out, "-", 8, 1);
			cell(out, "-", 7, 1);
		}
		cellf(out, 7, "%.1f", t->coverage);
		strbuf_adds(out, "  ");
		strbuf_adds(out, mlps_risk_label(t->worst, lang));
		strbuf_addch(out, '\n');
	}
	strbuf_addf(out, L("（* 为目标级别；高于目标级别的只统计覆盖率）\n",
			   "(* target level; above it only coverage is counted)\n"));
}

void mlps_summary_verdicts(struct strbuf *out, const struct mlps_assessment *a, const struct mlps_score *s,
			   enum mlps_lang lang)
{
	const struct mlps_rules *rules = mlps_score_rules(s);
	int level;
	size_t r;

	for (level = MLPS_LEVEL_MIN; level <= a->level; level++) {
		const struct mlps_tally *t = mlps_score_level(s, level);

		if (t->total == 0)
			continue;
		strbuf_addf(out, "  L%d ", level);
		for (r = 0; r < rules->n_verdicts; r++) {
			const struct mlps_verdict *v = mlps_score_verdict(s, level, r);

			strbuf_addf(out, " %s=%s%s", v->rule->id, mlps_text_get(&v->band->label, lang),
				    v->rule->verified ? "" : "*");
		}
		strbuf_addch(out, '\n');
	}
	strbuf_adds(out, L("  （* 来源未经核实）\n", "  (* source unverified)\n"));
}

/*
 * " (web01, db01)": the objects that make a finding high risk, its
 * non-compliant ones; nothing for an assessment with one object.
 */
static void high_objects(struct strbuf *line, const struct mlps_assessment *a, const struct mlps_finding *f,
			 enum mlps_lang lang)
{
	size_t i, k = 0;

	if (a->n_objects < 2)
		return;
	for (i = 0; i < f->n_gaps; i++) {
		if (f->gaps[i]->status != MLPS_ST_NONCOMPLIANT)
			continue;
		strbuf_adds(line, k++ ? L("、", ", ") : L("（对象：", " (objects: "));
		strbuf_adds(line, f->gaps[i]->object ? f->gaps[i]->object : "?");
	}
	if (k)
		strbuf_adds(line, L("）", ")"));
}

void mlps_summary_high_risks(struct strbuf *out, const struct mlps_assessment *a, const struct mlps_score *s,
			     enum mlps_lang lang, size_t width)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < mlps_score_n_findings(s); i++) {
		const struct mlps_finding *f = mlps_score_finding(s, i);

		if (!f->scenario)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "%s %s %s — %s%s", f->scenario->id, f->req->ids[a->level],
			    mlps_text_get(&f->scenario->title, lang), mlps_status_label(f->res.status, lang),
			    f->mitigated ? L("，已缓解", ", mitigated") : "");
		if (f->mitigated)
			strbuf_addf(&line, L("至%s：%s", " to %s: %s"), mlps_risk_label(f->risk, lang),
				    f->ans->mitigation);
		high_objects(&line, a, f, lang);
		mlps_utf8_wrap(out, line.buf, width, 2, 4);
	}
	if (mlps_score_n_high_risk(s) == 0)
		strbuf_adds(out, L("  无\n", "  none\n"));
	strbuf_release(&line);
}

void mlps_summary_categories(struct strbuf *out, const struct mlps_catalog *cat,
			     const struct mlps_assessment *a, const struct mlps_score *s, enum mlps_lang lang)
{
	size_t i;

	for (i = 0; i < mlps_catalog_n_categories(cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(cat, i);
		const struct mlps_tally *t = mlps_score_category(s, a->level, i);
		char buf[64];

		if (t->total == 0)
			continue;
		strbuf_adds(out, "  ");
		cell(out, c->code, 4, 0);
		cell(out, mlps_text_get(&c->name, lang), 36, 0);
		snprintf(buf, sizeof(buf), "%3d/%-3d", t->answered, t->applicable);
		cell(out, buf, 8, 1);
		cellf(out, 8, "%.1f", t->rate);
		cellf(out, 8, "%.1f", t->score);
		strbuf_addch(out, '\n');
	}
}

void mlps_summary_method_text(struct strbuf *line, const struct mlps_score *s, enum mlps_lang lang)
{
	const struct mlps_rules *rules = mlps_score_rules(s);

	strbuf_addf(line, L("计算方法：符合率 = Σ取值/适用项数（符合 %g，部分符合 %g，不符合、待确认、未答 %g）；"
			   "得分按重要程度加权（关键 %g，重要 %g，一般 %g）；不适用项不计入。",
			   "Method: rate = Σ value / applicable (compliant %g, partial %g, non-compliant, "
			   "to confirm and unanswered %g); score weights each item by importance (key %g, "
			   "important %g, general %g); N/A items are left out."),
		    rules->values[MLPS_ST_COMPLIANT], rules->values[MLPS_ST_PARTIAL],
		    rules->values[MLPS_ST_NONCOMPLIANT], rules->weights[MLPS_IMP_KEY],
		    rules->weights[MLPS_IMP_IMPORTANT], rules->weights[MLPS_IMP_GENERAL]);
}

void mlps_summary_method(struct strbuf *out, const struct mlps_score *s, enum mlps_lang lang, size_t width)
{
	struct strbuf line = STRBUF_INIT;

	mlps_summary_method_text(&line, s, lang);
	mlps_utf8_wrap(out, line.buf, width, 0, 0);
	strbuf_release(&line);
}

/* `mlps score`: the pieces above in one page. */
void mlps_summary_text(struct strbuf *out, const struct mlps_catalog *cat,
		       const struct mlps_assessment *a, const struct mlps_score *s,
		       enum mlps_lang lang, size_t width)
{
	summary_header(out, a, s, lang, width);
	strbuf_addch(out, '\n');
	mlps_summary_levels(out, a, s, lang);
	strbuf_addf(out, L("\n结论（第%d级）\n", "\nVerdicts (level %d)\n"), a->level);
	mlps_summary_verdicts(out, a, s, lang);
	mlps_summary_explain(out, a, s, lang, width);
	strbuf_addf(out, L("\n高风险项（%zu）\n", "\nHigh-risk findings (%zu)\n"), mlps_score_n_high_risk(s));
	mlps_summary_high_risks(out, a, s, lang, width);
	strbuf_addf(out, L("\n各类别（第%d级）\n", "\nCategories (level %d)\n"), a->level);
	mlps_summary_categories(out, cat, a, s, lang);
	strbuf_addch(out, '\n');
	mlps_summary_method(out, s, lang, width);
}
