/*
 * summary.c - `mlps score` for people. The page is built from pieces (the
 * level table, the verdicts and why, the high-risk lines, the categories,
 * the method) that the text report reuses, so the two never disagree.
 */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading.h"
#include "usertext.h"
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

/* What a rule compares, named for people. */
static const char *measure_label(enum mlps_measure m, enum mlps_lang lang)
{
	switch (m) {
	case MLPS_MEASURE_RATE:
		return L("符合率", "rate");
	case MLPS_MEASURE_COMPOSITE:
		return L("综合得分", "composite score");
	case MLPS_MEASURE_SCORE:
	default:
		return L("得分", "score");
	}
}

/*
 * The verdict and, for each better band, which of its conditions is not
 * met: the lower bound ("needs > 90" for an exclusive bound, ">= 60" for an
 * inclusive one) and the risk condition, when the band has one.
 */
void mlps_summary_verdict_why(struct strbuf *line, const struct mlps_verdict *v, enum mlps_lang lang)
{
	size_t b;

	strbuf_addf(line, L("%s：%s %.1f，最高风险%s → %s。", "%s: %s %.1f, worst risk %s → %s."),
		    mlps_text_get(&v->rule->name, lang), measure_label(v->rule->measure, lang),
		    v->measure, mlps_risk_label(v->worst, lang), mlps_text_get(&v->band->label, lang));
	for (b = 0; b < v->band_index; b++) {
		const struct mlps_band *band = &v->rule->bands[b];
		int low = !mlps_band_bound_met(band, v->measure), risky = !mlps_band_risk_met(band, v->worst);

		strbuf_addf(line, L("未达“%s”：", " Not %s:"), mlps_text_get(&band->label, lang));
		if (low)
			strbuf_addf(line, band->above ? L("需>%g", " needs > %g") : L("需≥%g", " needs >= %g"),
				    band->min);
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

/*
 * The confidence footnote of the composite, from the rules' own confidence
 * tags: which parts are reconstructed and which rest on a single source.
 * Nothing for rules without a composite.
 */
void mlps_summary_footnote(struct strbuf *line, const struct mlps_score *s, enum mlps_lang lang)
{
	const struct mlps_rules *rules = mlps_score_rules(s);
	const struct {
		const struct mlps_provenance *p;
		const char *zh, *en;
	} parts[] = {
		{ &rules->base_src, "基准分算法", "the base score" },
		{ &rules->attention_src, "关注系数 y", "the attention coefficient y" },
		{ &rules->factors_src, "扣分系数", "the deduction factors" },
		{ &rules->combine_src, "多对象合并", "how objects combine" },
		{ &rules->weights_src, "测评项权重", "the item weights" },
	};
	size_t i, n;
	int conf;

	if (!rules->has_composite)
		return;
	strbuf_adds(line, L("¹ 综合得分按 2021 版报告模板公开描述重建", "¹ The composite score is reconstructed "
								    "from public descriptions of the 2021 report template"));
	for (conf = MLPS_CONF_RECONSTRUCTED; conf >= MLPS_CONF_SINGLE; conf--) {
		for (i = 0, n = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			if ((int)parts[i].p->confidence != conf)
				continue;
			if (n++ == 0)
				strbuf_adds(line, conf == MLPS_CONF_RECONSTRUCTED
							  ? L("，未经原文核实：", "; not checked against the original: ")
							  : L("；单一来源：", "; from a single source: "));
			else
				strbuf_adds(line, L("、", ", "));
			strbuf_adds(line, L(parts[i].zh, parts[i].en));
		}
	}
	strbuf_adds(line, L("。", "."));
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
	strbuf_reset(&line);
	mlps_summary_footnote(&line, s, lang);
	if (line.len)
		mlps_utf8_wrap(out, line.buf, width, 2, 4);
	strbuf_release(&line);
}

/*
 * The conclusions of the target level, the primary one first: its label and
 * measure, then every other rule "for comparison" with its measure (the
 * composite with its two parts).
 */
void mlps_summary_conclusions(struct strbuf *out, const struct mlps_assessment *a,
			      const struct mlps_score *s, enum mlps_lang lang, size_t width)
{
	const struct mlps_rules *rules = mlps_score_rules(s);
	const struct mlps_composite *c = mlps_score_composite(s, a->level);
	struct strbuf line = STRBUF_INIT;
	size_t k, r;

	for (k = 0; k < rules->n_verdicts; k++) {
		/* The primary rule first, then the others in file order. */
		const struct mlps_verdict *v;

		r = k == 0 ? rules->primary : (k <= rules->primary ? k - 1 : k);
		v = mlps_score_verdict(s, a->level, r);
		strbuf_reset(&line);
		/* The shipped rules' names say "(for comparison)" themselves: data, not code. */
		strbuf_addf(&line, L("%s：%s", "%s: %s"), mlps_text_get(&v->rule->name, lang),
			    mlps_text_get(&v->band->label, lang));
		if (v->rule->measure == MLPS_MEASURE_COMPOSITE && c->present)
			strbuf_addf(&line, L("（综合得分 %.1f = 技术 %.1f + 管理 %.1f，最高风险%s）¹",
					     " (composite %.1f = technical %.1f + management %.1f, worst risk %s)¹"),
				    c->m, c->v_t, c->v_m, mlps_risk_label(v->worst, lang));
		else if (v->rule->measure == MLPS_MEASURE_RATE)
			strbuf_addf(&line, L("（符合率 %.1f%%，最高风险%s）", " (rate %.1f%%, worst risk %s)"),
				    v->measure, mlps_risk_label(v->worst, lang));
		else
			strbuf_addf(&line, L("（得分 %.1f，最高风险%s）", " (score %.1f, worst risk %s)"), v->measure,
				    mlps_risk_label(v->worst, lang));
		mlps_utf8_wrap(out, line.buf, width, 2, 4);
	}
	strbuf_release(&line);
}

static const char *importance_label(enum mlps_importance imp, enum mlps_lang lang)
{
	static const char *const labels[MLPS_IMP_COUNT][2] = {
		{ "关键", "key" }, { "重要", "important" }, { "一般", "general" },
	};

	return (unsigned)imp < MLPS_IMP_COUNT ? labels[imp][lang == MLPS_LANG_EN] : "?";
}

/* "H1 不符合, H2 部分符合": the objects of a deduction that are not compliant. */
static void deduction_objects(struct strbuf *out, const struct mlps_catalog *cat,
			      const struct mlps_assessment *a, const struct mlps_requirement *req,
			      enum mlps_lang lang)
{
	const struct mlps_object **objs = mlps_calloc(a->n_objects ? a->n_objects : 1, sizeof(*objs));
	size_t i, n = mlps_assessment_req_objects(cat, a, req, objs), shown = 0;
	struct strbuf vis = STRBUF_INIT;

	for (i = 0; i < n; i++) {
		const struct mlps_answer *ans = mlps_assessment_answer(a, req->key, objs[i]->name);
		enum mlps_status st = ans ? ans->status : MLPS_ST_UNANSWERED;

		if (st == MLPS_ST_COMPLIANT || st == MLPS_ST_NA)
			continue;
		strbuf_reset(&vis);
		strbuf_addf(out, "%s%s %s", shown++ ? ", " : "", mlps_visible(&vis, objs[i]->name, 0),
			    mlps_status_label(st, lang));
	}
	strbuf_release(&vis);
	free((void *)objs);
}

void mlps_summary_deductions(struct strbuf *out, const struct mlps_catalog *cat,
			     const struct mlps_assessment *a, const struct mlps_score *s,
			     enum mlps_lang lang, size_t width)
{
	const struct mlps_composite *c = mlps_score_composite(s, a->level);
	const struct mlps_deduction *d;
	struct strbuf line = STRBUF_INIT;
	size_t n, i;
	char buf[32];

	if (!c->present) {
		strbuf_adds(out, L("  规则文件没有综合得分（mlps-rules: 1），没有扣分明细。\n",
				   "  The rules file has no composite score (mlps-rules: 1): no deductions.\n"));
		return;
	}
	d = mlps_score_deductions(s, a->level, &n);
	strbuf_adds(out, "  ");
	cell(out, "#", 4, 1);
	strbuf_adds(out, "  ");
	cell(out, L("测评项", "Item"), 14, 0);
	cell(out, L("重要程度", "Importance"), 11, 0);
	cell(out, L("状态", "Status"), 20, 0);
	cell(out, L("扣分", "Points"), 9, 1);
	cell(out, L("累计", "Total"), 9, 1);
	strbuf_addch(out, '\n');
	for (i = 0; i < n; i++) {
		const char *imp = importance_label(d[i].req->importance, lang);

		strbuf_adds(out, "  ");
		snprintf(buf, sizeof(buf), "%zu", i + 1);
		cell(out, buf, 4, 1);
		strbuf_adds(out, "  ");
		cell(out, d[i].req->ids[a->level] ? d[i].req->ids[a->level] : d[i].req->key, 14, 0);
		cell(out, imp, 11, 0);
		cell(out, mlps_status_label(d[i].status, lang), 20, 0);
		cellf(out, 9, "%.2f", d[i].points);
		cellf(out, 9, "%.2f", d[i].running);
		strbuf_addch(out, '\n');
		strbuf_reset(&line);
		strbuf_addf(&line, L("f %g × (1 − x %.4g) × S %.4g；对象：", "f %g × (1 − x %.4g) × S %.4g; objects: "),
			    d[i].factor, d[i].value, d[i].part == MLPS_KIND_MANAGEMENT ? c->s_m : c->s_t);
		deduction_objects(&line, cat, a, d[i].req, lang);
		mlps_utf8_wrap(out, line.buf, width, 10, 10);
		if (d[i].beyond > 0) {
			strbuf_reset(&line);
			strbuf_addf(&line, L("%s部分扣分已超过其 %.2f 分：其中 %.2f 分不计（该部分计为 0）",
					     "the %s part's deductions passed its %.2f points: %.2f of these are not counted "
					     "(the part is floored at 0)"),
				    d[i].part == MLPS_KIND_MANAGEMENT ? L("管理", "management") : L("技术", "technical"),
				    d[i].part == MLPS_KIND_MANAGEMENT ? c->share_m : c->share_t, d[i].beyond);
			mlps_utf8_wrap(out, line.buf, width, 10, 10);
		}
	}
	if (n == 0)
		strbuf_adds(out, L("  无扣分。\n", "  Nothing deducted.\n"));
	strbuf_reset(&line);
	strbuf_addf(&line, L("合计扣分 %.2f = 100 − 综合得分 %.2f（技术扣分 %.2f%s，管理扣分 %.2f%s）。",
			     "Deducted in all %.2f = 100 − composite %.2f (technical %.2f%s, management %.2f%s)."),
		    100 - c->m, c->m, c->ded_t, c->floored_t ? L("，超出部分不计", ", excess not counted") : "",
		    c->ded_m, c->floored_m ? L("，超出部分不计", ", excess not counted") : "");
	mlps_utf8_wrap(out, line.buf, width, 2, 4);
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
	if (mlps_score_unconfirmed(s)) {
		mlps_summary_carried(out, s, lang);
		strbuf_addf(out, L("：沿用自上次评估，确认前按未答计。\n",
				   ": answers carried from the last assessment count as unanswered until confirmed.\n"));
	}
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
	/* With a composite the Score column is M; version-1 rules keep their weighted score. */
	if (mlps_score_composite(s, a->level)->present)
		cell(out, L("综合分", "Comp."), 7, 1);
	else
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
	for (r = 0; r < rules->n_verdicts; r++)
		if (!rules->verdicts[r].verified) {
			strbuf_adds(out, L("  （* 来源未经核实）\n", "  (* source unverified)\n"));
			break;
		}
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

	if (!rules->has_composite) {
		/* Version-1 rules: the importance-weighted score they were written for. */
		strbuf_addf(line, L("计算方法：符合率 = Σ取值/适用项数（符合 %g，部分符合 %g，不符合、待确认、未答 %g）；"
				   "得分按重要程度加权（关键 %g，重要 %g，一般 %g）；不适用项不计入。",
				   "Method: rate = Σ value / applicable (compliant %g, partial %g, non-compliant, "
				   "to confirm and unanswered %g); score weights each item by importance (key %g, "
				   "important %g, general %g); N/A items are left out."),
			    rules->values[MLPS_ST_COMPLIANT], rules->values[MLPS_ST_PARTIAL],
			    rules->values[MLPS_ST_NONCOMPLIANT], rules->weights[MLPS_IMP_KEY],
			    rules->weights[MLPS_IMP_IMPORTANT], rules->weights[MLPS_IMP_GENERAL]);
		return;
	}
	strbuf_addf(line, L("计算方法：测评项取值（符合 %g，部分符合 %g，不符合、待确认、未答 %g）在各测评对象上取%s；"
			   "符合率 = Σ取值/适用项数 × 100；控制点得分 = Σ(取值×权重)/Σ权重 × %g（关键 %g，重要 %g，一般 %g）；"
			   "综合得分 M = V_t + V_m，V_t = max(0, 100y − Σ技术 f(1−x)S)，V_m = max(0, 100(1−y) − Σ管理 f(1−x)S)，"
			   "f = %g/%g/%g（关键/重要/一般），y = %g，S = %s；不适用项不计入。",
			   "Method: item values (compliant %g, partial %g, non-compliant, to confirm and unanswered "
			   "%g) combine over objects by the %s; rate = Σ value / applicable × 100; control-point "
			   "score = Σ(value × weight) / Σ weight × %g (key %g, important %g, general %g); composite "
			   "M = V_t + V_m, V_t = max(0, 100y − Σ_technical f(1−x)S), V_m = max(0, 100(1−y) − "
			   "Σ_management f(1−x)S), f = %g/%g/%g (key/important/general), y = %g, S = %s; N/A "
			   "items are left out."),
		    rules->values[MLPS_ST_COMPLIANT], rules->values[MLPS_ST_PARTIAL],
		    rules->values[MLPS_ST_NONCOMPLIANT],
		    rules->combine == MLPS_COMBINE_MIN ? L("最小值", "minimum") : L("平均值", "mean"),
		    rules->scale, rules->weights[MLPS_IMP_KEY], rules->weights[MLPS_IMP_IMPORTANT],
		    rules->weights[MLPS_IMP_GENERAL], rules->factors[MLPS_IMP_KEY],
		    rules->factors[MLPS_IMP_IMPORTANT], rules->factors[MLPS_IMP_GENERAL], rules->attention,
		    rules->base == MLPS_BASE_WHOLE ? L("100/n（n 为全部适用项）", "100/n (n all applicable items)")
						   : L("技术 100y/t、管理 100(1−y)/m", "100y/t technical, 100(1−y)/m management"));
}

void mlps_summary_composite_text(struct strbuf *line, const struct mlps_score *s, int level,
				 enum mlps_lang lang)
{
	const struct mlps_composite *c = mlps_score_composite(s, level);

	if (!c || !c->present)
		return;
	strbuf_addf(line, L("综合得分 M = V_t %.2f + V_m %.2f = %.2f（n = %d，t = %d，m = %d，y = %g，",
			    "Composite M = V_t %.2f + V_m %.2f = %.2f (n = %d, t = %d, m = %d, y = %g, "),
		    c->v_t, c->v_m, c->m, c->n, c->n_t, c->n_m, c->y);
	if (mlps_score_rules(s)->base == MLPS_BASE_WHOLE)
		strbuf_addf(line, L("基准分 S = %.4g；", "base score S = %.4g; "), c->s);
	else
		strbuf_addf(line, L("基准分 S_t = %.4g，S_m = %.4g；", "base scores S_t = %.4g, S_m = %.4g; "),
			    c->s_t, c->s_m);
	strbuf_addf(line, L("技术扣分 %.2f（满分 %.2f%s），管理扣分 %.2f（满分 %.2f%s））。",
			    "technical deductions %.2f of %.2f%s, management deductions %.2f of %.2f%s)."),
		    c->ded_t, c->share_t, c->floored_t ? L("，计为 0", ", floored at 0") : "", c->ded_m, c->share_m,
		    c->floored_m ? L("，计为 0", ", floored at 0") : "");
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
	/* The conclusion in force leads; the rest of the page says how it came about. */
	strbuf_addf(out, L("\n结论（第%d级）\n", "\nConclusions (level %d)\n"), a->level);
	mlps_summary_conclusions(out, a, s, lang, width);
	strbuf_addch(out, '\n');
	mlps_summary_levels(out, a, s, lang);
	strbuf_addf(out, L("\n各级结论与原因\n", "\nConclusions by level, and why\n"));
	mlps_summary_verdicts(out, a, s, lang);
	mlps_summary_explain(out, a, s, lang, width);
	{
		struct strbuf n = STRBUF_INIT;

		mlps_summary_high_count(&n, s, lang);
		strbuf_addf(out, L("\n高风险项 %s\n", "\nHigh-risk findings: %s\n"), n.buf);
		strbuf_release(&n);
	}
	mlps_summary_high_risks(out, a, s, lang, width);
	strbuf_addf(out, L("\n各类别（第%d级）\n", "\nCategories (level %d)\n"), a->level);
	mlps_summary_categories(out, cat, a, s, lang);
	strbuf_addch(out, '\n');
	mlps_summary_method(out, s, lang, width);
}

void mlps_summary_figure(struct strbuf *out, double v)
{
	strbuf_addf(out, "%.1f", v);
}

void mlps_summary_high_count(struct strbuf *out, const struct mlps_score *s, enum mlps_lang lang)
{
	size_t n = mlps_score_n_high_risk(s), m = mlps_score_n_high_mitigated(s);

	strbuf_addf(out, "%zu", n);
	if (m)
		strbuf_addf(out, L("（已缓解 %zu）", " (%zu mitigated)"), m);
}

void mlps_summary_carried(struct strbuf *out, const struct mlps_score *s, enum mlps_lang lang)
{
	strbuf_addf(out, L("已结转待确认 %d", "%d carried, to confirm"), mlps_score_unconfirmed(s));
}
