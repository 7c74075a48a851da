/*
 * report.c - the report model every format is written from, the label
 * table, format names, and the two entry points of report.h.
 *
 * Building the model once (gaps sorted for the report, the N/A and open
 * lists, the header values, the explanation sentences) keeps the six
 * writers to layout only: they cannot disagree about what the report says.
 */
#include "localtime.h"
#include "report_impl.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fileio.h"
#include "usertext.h"
#include "grading.h"
#include "summary.h"
#include "utf8.h"

/* Every label in Chinese and English. Formats marked in report_impl.h take printf arguments. */
static const char *const labels[RL_COUNT][2] = {
	[RL_TITLE] = { "网络安全等级保护自评估差距报告", "MLPS 2.0 self-assessment gap report" },
	[RL_DISCLAIMER] = {
		"本报告是使用 mlps 开展的自评估结果，不是测评机构出具的网络安全等级测评结论，"
		"不能代替正式的等级测评报告。得分为自评估得分：官方的综合得分公式未公开。",
		"This report is the result of a self-assessment made with mlps. It is not an "
		"official MLPS evaluation (等级测评) conclusion by an accredited evaluation body "
		"and does not replace an evaluation report. The score is a self-assessment score: "
		"the official composite-score formula is not public." },
	[RL_SYSTEM] = { "系统", "System" },
	[RL_ORG] = { "单位", "Organisation" },
	[RL_LEVEL] = { "级别", "Level" },
	[RL_SCOPE] = { "评估范围", "Scope" },
	[RL_CONDITIONS] = { "系统属性", "Conditions" },
	[RL_ASSESSMENT] = { "评估", "Assessment" },
	[RL_DATE] = { "日期", "Date" },
	[RL_ASSESSOR] = { "评估人", "Assessor" },
	[RL_PARENT] = { "复评自", "Re-audit of" },
	[RL_PROFILE] = { "要求库", "Profile set" },
	[RL_RULES] = { "评分规则", "Rules" },
	[RL_REVIEWER] = { "审核人", "Reviewer" },
	[RL_SIGNED_DATE] = { "签署日期", "Signed on" },
	[RL_SIGNED_CATALOG] = { "签署时要求库", "Catalogue at sign-off" },
	[RL_SIGNED_RULES] = { "签署时评分规则", "Rules at sign-off" },
	[RL_SIGNED_OPEN] = { "签署时未完成项", "Open at sign-off" },
	[RL_LEVEL_VALUE] = { "%s，第%d级", "%s, level %d" },
	[RL_ASSESSMENT_VALUE] = { "编号 %lld，%s", "no. %lld, %s" },
	[RL_DATE_VALUE] = { "%s 创建，%s 最后修改", "created %s, last changed %s" },
	[RL_PARENT_VALUE] = { "评估 %lld", "assessment %lld" },
	[RL_PROFILE_CHANGED] = { "（当前加载的要求库为 %s，条款文字可能已有变化）",
				 " (the set loaded now is %s: wording may have changed)" },
	[RL_RULES_CHANGED] = { "（当前加载的规则为 %s，本报告按当前规则计算）",
			       " (the rules loaded now are %s, and this report uses them)" },
	[RL_DRAFT] = { "草稿", "draft" },
	[RL_FINAL] = { "定稿", "final" },
	[RL_NONE] = { "无", "none" },
	[RL_NOT_GIVEN] = { "未填写", "not given" },
	[RL_GENERAL_PART] = { "安全通用要求", "general requirements" },
	[RL_EXT_CLOUD] = { "云计算安全扩展要求", "cloud computing extension" },
	[RL_EXT_MOBILE] = { "移动互联安全扩展要求", "mobile internet extension" },
	[RL_EXT_IOT] = { "物联网安全扩展要求", "IoT extension" },
	[RL_EXT_ICS] = { "工业控制系统安全扩展要求", "industrial control extension" },
	[RL_COND_CONTINUITY] = { "业务连续性要求高", "business continuity critical" },
	[RL_COND_KEY_INDUSTRY] = { "关键行业", "key industry" },
	[RL_COND_CLOUD_PLATFORM] = { "云计算平台", "cloud platform" },
	[RL_COND_CLOUD_CUSTOMER] = { "云服务客户系统", "cloud customer system" },
	[RL_LIST_SEP] = { "、", ", " },
	[RL_SEC_LEVELS] = { "各级别汇总", "Summary by level" },
	[RL_SEC_CATEGORIES] = { "各类别得分（第%d级）", "Categories at level %d" },
	[RL_SEC_HIGH] = { "高风险项 %s", "High-risk findings: %s" },
	[RL_SEC_GAPS] = { "差距项（%zu）", "Gaps (%zu)" },
	[RL_SEC_SOA] = { "适用性声明", "Statement of applicability" },
	[RL_SEC_OPEN] = { "未答与待确认项", "Unanswered and to-confirm items" },
	[RL_SEC_DELTA] = { "与评估 %lld 相比的变化", "Changes since assessment %lld" },
	[RL_SEC_EXPLAIN] = { "得分说明", "How the score was computed" },
	[RL_SEC_OBJECTS] = { "测评对象（%zu）", "Evaluation objects (%zu)" },
	[RL_COL_LEVEL] = { "级别", "Level" },
	[RL_COL_TOTAL] = { "范围内", "In scope" },
	[RL_COL_APPLICABLE] = { "适用", "Applicable" },
	[RL_COL_ANSWERED] = { "已答", "Answered" },
	[RL_COL_COMPLIANT] = { "符合", "Compliant" },
	[RL_COL_PARTIAL] = { "部分符合", "Partial" },
	[RL_COL_NONCOMPLIANT] = { "不符合", "Non-compliant" },
	[RL_COL_NA] = { "不适用", "N/A" },
	[RL_COL_OPEN] = { "未答或待确认", "Open" },
	[RL_COL_RATE] = { "符合率", "Rate" },
	[RL_COL_SCORE] = { "得分", "Score" },
	[RL_COL_COVERAGE] = { "覆盖率", "Coverage" },
	[RL_COL_DONE] = { "已答/适用", "Ans./Appl." },
	[RL_VERDICTS] = { "各级别结论", "Verdicts" },
	[RL_COL_WORST] = { "最高风险", "Worst risk" },
	[RL_COL_CATEGORY] = { "类别", "Category" },
	[RL_COL_CATEGORY_NAME] = { "类别名称", "Category name" },
	[RL_COL_CONTROL_POINT] = { "控制点", "Control point" },
	[RL_COL_EXTENSION] = { "要求类型", "Part" },
	[RL_COL_IMPORTANCE] = { "重要程度", "Importance" },
	[RL_COL_ID] = { "编号", "ID" },
	[RL_COL_KEY] = { "键", "Key" },
	[RL_COL_REQUIREMENT] = { "要求", "Requirement" },
	[RL_COL_STATUS] = { "结果", "Status" },
	[RL_COL_RISK] = { "风险", "Risk" },
	[RL_COL_BASE_RISK] = { "调整前风险", "Risk before override" },
	[RL_COL_SCENARIO] = { "高风险场景", "High-risk scenario" },
	[RL_COL_MITIGATION] = { "缓解措施", "Mitigation" },
	[RL_COL_NOTE] = { "说明", "Note" },
	[RL_COL_EVIDENCE] = { "证据", "Evidence" },
	[RL_COL_NA_REASON] = { "不适用理由", "N/A reason" },
	[RL_COL_REMEDIATION] = { "整改建议", "Remediation" },
	[RL_COL_OWNER] = { "责任人", "Owner" },
	[RL_COL_DUE] = { "完成期限", "Due" },
	[RL_COL_PLAN] = { "整改状态", "Plan" },
	[RL_PLAN_LINE] = { "整改计划", "Remediation plan" },
	[RL_COL_TO_CONFIRM] = { "沿用待确认", "Carried over" },
	[RL_COL_UPDATED] = { "最后修改", "Last changed" },
	[RL_COL_BEFORE] = { "上次", "Before" },
	[RL_COL_AFTER] = { "本次", "Now" },
	[RL_COL_ITEM] = { "序号", "No." },
	[RL_COL_OBJECT] = { "测评对象", "Object" },
	[RL_COL_OBJECTS] = { "涉及对象", "Objects" },
	[RL_COL_KIND] = { "对象类型", "Kind" },
	[RL_COL_DESC] = { "描述", "Description" },
	[RL_COL_RESULT] = { "要求结果", "Requirement result" },
	[RL_ON_OBJECT] = { "【%s】", "[%s] " },
	[RL_TARGET_NOTE] = { "* 为目标级别；高于目标级别的只统计覆盖率。",
			     "* target level; above it only coverage is counted." },
	[RL_UNVERIFIED] = { "来源未经核实", "source unverified" },
	[RL_VERIFIED] = { "来源已核对", "source checked" },
	[RL_CHART_NOTE] = { "条形表示得分（0–100）。", "Bars show the score (0–100)." },
	[RL_UNCONFIRMED_COUNT] = { "已结转待确认 %d：沿用自上次评估，确认前按未答计",
				   "%d carried, to confirm: answers carried from the last assessment count as unanswered until confirmed" },
	[RL_RISK_VALUE] = { "风险%s", "risk %s" },
	[RL_SCENARIO_VALUE] = { "高风险场景 %s", "high-risk scenario %s" },
	[RL_MITIGATED] = { "已由高风险缓解为%s", "mitigated from high to %s" },
	[RL_SUGGESTED] = { "可行的缓解措施", "Possible mitigation" },
	[RL_CARRIED] = { "沿用自上次评估，待确认", "carried from the previous assessment, to confirm" },
	[RL_NOT_ASSIGNED] = { "未指定", "not assigned" },
	[RL_NOT_SET] = { "未定", "not set" },
	[RL_NO_GAPS] = { "没有差距项。", "No gaps." },
	[RL_NO_HIGH] = { "没有高风险项。", "No high-risk findings." },
	[RL_YES] = { "是", "yes" },
	[RL_SOA_SCOPE] = { "评估范围", "In scope" },
	[RL_SOA_NOT_CHOSEN] = { "未选择的扩展要求", "Extensions not chosen" },
	[RL_SOA_NA] = { "不适用项（%zu）", "Not applicable (%zu)" },
	[RL_OPEN_UNANSWERED] = { "未作答（%zu）", "Unanswered (%zu)" },
	[RL_OPEN_TODO] = { "待确认（%zu）", "To confirm (%zu)" },
	[RL_OPEN_CARRIED] = { "沿用自上次评估、尚待确认（%zu）",
			      "Carried from the previous assessment, not yet confirmed (%zu)" },
	[RL_DELTA_FROM] = { "评估 %lld（%s 创建，第%d级）→ 本评估（第%d级）",
			    "assessment %lld (created %s, level %d) → this assessment (level %d)" },
	[RL_COUNTED] = { "%s（%d）", "%s (%d)" },
	[RL_DELTA_COUNTS] = { "各类变化", "Changes by kind" },
	[RL_BETTER] = { "↑ 提高", "↑ better" },
	[RL_WORSE] = { "↓ 降低", "↓ worse" },
	[RL_OBJECTS_ADDED] = { "新增的测评对象", "Objects added" },
	[RL_OBJECTS_REMOVED] = { "不再评估的测评对象", "Objects removed" },
	[RL_EXPLAIN_COUNTS] = {
		"第%d级：范围内 %d 项，其中不适用 %d 项，适用 %d 项；已答 %d 项（符合 %d，部分符合 %d，"
		"不符合 %d），待确认 %d 项，未答 %d 项。",
		"Level %d: %d requirements in scope, %d of them N/A, so %d applicable; %d answered "
		"(%d compliant, %d partial, %d non-compliant), %d to confirm, %d unanswered." },
	[RL_EXPLAIN_RATE] = { "符合率 = 100 × Σ取值 %s ÷ 适用 %d = %s。",
			      "Rate = 100 × Σ value %s ÷ %d applicable = %s." },
	[RL_EXPLAIN_SCORE] = { "得分 = 100 × Σ(权重×取值) %s ÷ Σ权重 %s = %s。",
			       "Score = 100 × Σ(weight × value) %s ÷ Σ weight %s = %s." },
	[RL_EXPLAIN_COVERAGE] = { "覆盖率 = 100 × 已答 %d ÷ 适用 %d = %s。",
				  "Coverage = 100 × %d answered ÷ %d applicable = %s." },
	[RL_EXPLAIN_RISKS] = { "差距项的风险：高 %d，中 %d，低 %d；最高风险：%s。",
			       "Risks of the gaps: high %d, medium %d, low %d; worst: %s." },
	[RL_EXPLAIN_RISK_RULE] = {
		"风险的来由：不符合默认为%s风险，部分符合默认为%s风险；高风险场景对应的要求不符合、且系统满足"
		"场景条件时为高风险；人工调整的风险只在记录了缓解措施时生效。",
		"Where risks come from: non-compliant is %s risk and partial %s risk by default; "
		"non-compliance with a requirement that a high-risk scenario maps to, on a system "
		"meeting the scenario's conditions, is high risk; an override counts only with a "
		"recorded mitigating measure." },
	[RL_EXPLAIN_SOURCE] = { "%s（%s）：%s", "%s (%s): %s" },
	[RL_PLAN_NONE] = { "未计划", "none" },
	[RL_PLAN_OPEN] = { "未开始", "open" },
	[RL_PLAN_IN_PROGRESS] = { "进行中", "in progress" },
	[RL_PLAN_DONE] = { "已完成", "done" },
	[RL_IMP_KEY] = { "关键", "key" },
	[RL_IMP_IMPORTANT] = { "重要", "important" },
	[RL_IMP_GENERAL] = { "一般", "general" },
	[RL_GUIDE_LEVEL] = { "指引自第%d级起适用，本目录自第%d级起（该项自此级才有）",
			     "the guide applies it from level %d, this catalogue from level %d (where the item starts)" },
	[RL_FOOTER] = { "由 mlps %s 生成 · 要求库 %s，哈希 %s（要求条文为本工具的释义，以 GB/T 22239-2019 原文为准）· 评分规则 %s",
			"Made with mlps %s · profile set %s, hash %s (requirement texts are this tool's paraphrase; "
			"GB/T 22239-2019 is authoritative) · rules %s" },
	[RL_SEE_SHEETS] = { "逐项内容见工作表“问题汇总”（按风险）、“控制点”、“整改计划”和“单项记录”，全部要求见“检查表”。",
			    "Item by item: see the sheets Problems (worst risk first), Control points, Plan and "
			    "Records; every requirement is in Checklist." },
	[RL_SEC_CONCLUSION] = { "测评结论", "Conclusion" },
	[RL_SEC_PROBLEMS] = { "安全问题汇总（%zu）", "Security problems (%zu)" },
	[RL_SEC_CONTROLS] = { "控制点符合情况汇总（第%d级）", "Control points (level %d)" },
	[RL_SEC_PLAN] = { "整改计划（%zu）", "Remediation plan (%zu)" },
	[RL_SEC_RECORDS] = { "附录：单项测评结果记录", "Appendix: single-item results" },
	[RL_SEC_TOC] = { "目录", "Contents" },
	[RL_COVER_FIELD] = { "项目", "Item" },
	[RL_COVER_VALUE] = { "内容", "Value" },
	[RL_COL_MEASURE] = { "结论项", "Measure" },
	[RL_COL_VALUE] = { "结果", "Result" },
	[RL_COL_BASIS] = { "依据与可信度", "Basis and confidence" },
	[RL_COL_PROBLEM] = { "安全问题", "Problem" },
	[RL_COL_SCORE10] = { "得分（满分10）", "Score (of 10)" },
	[RL_COL_CP_STATUS] = { "符合情况", "Result" },
	[RL_COL_OVERDUE] = { "逾期", "Overdue" },
	[RL_RATE_ROW] = { "符合率", "Compliance rate" },
	[RL_HIGH_ROW] = { "高风险问题", "High-risk findings" },
	[RL_COMPOSITE_ROW] = { "综合得分（2021 版模板）", "Composite score (2021 template)" },
	[RL_COMPOSITE_VALUE] = { "%s（技术 %s + 管理 %s）", "%s (technical %s + management %s)" },
	[RL_RATE_BASIS] = { "适用 %d 项，已答 %d 项；由答案计算", "%d applicable, %d answered; computed from the answers" },
	[RL_HIGH_BASIS] = { "高风险场景对应的要求不符合且场景条件成立", "non-compliance with a requirement a high-risk scenario maps to, where its conditions hold" },
	[RL_PRIMARY] = { "主要结论", "primary" },
	[RL_COMPARISON] = { "供对照", "for comparison" },
	[RL_RECORD_OBJECT] = { "%s（%s，%s）", "%s (%s, %s)" },
	[RL_HEAT_NOTE] = { "色块为控制点得分（满分 10）：绿 符合，黄 部分符合，红 不符合，灰 不适用。",
			   "Cells show each control point's score (of 10): green compliant, amber partial, red non-compliant, grey N/A." },
	[RL_PAGE_OF] = { "第 %d 页，共 %d 页", "page %d / %d" },
	[RL_SHEET_SUMMARY] = { "汇总", "Summary" },
	[RL_SHEET_PROBLEMS] = { "问题汇总", "Problems" },
	[RL_SHEET_CONTROLS] = { "控制点", "Control points" },
	[RL_SHEET_PLAN] = { "整改计划", "Plan" },
	[RL_SHEET_RECORDS] = { "单项记录", "Records" },
	[RL_SHEET_OBJECTS] = { "测评对象", "Objects" },
	[RL_SHEET_CHECKLIST] = { "检查表", "Checklist" },
};

static const char *const format_names[MLPS_REPORT_COUNT] = { "text", "md", "csv", "json", "html", "xlsx", "pdf" };

static const char *const section_names[MLPS_RS_COUNT] = {
	"cover", "conclusion", "objects", "problems", "controls", "plan", "records", "delta", "soa", "open",
	"explain",
};

const char *mlps_report_section_name(enum mlps_report_section s)
{
	return (unsigned)s < MLPS_RS_COUNT ? section_names[s] : "?";
}

int mlps_report_sections_parse(const char *list, unsigned *mask, struct mlps_error *err)
{
	const char *p = list;

	*mask = 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < MLPS_RS_COUNT; i++)
			if (strlen(section_names[i]) == len && !strncmp(p, section_names[i], len))
				break;
		if (i == MLPS_RS_COUNT)
			return mlps_error_set(err, MLPS_ERR_INPUT, "'%.*s' is not a section (%s, %s, %s, %s, %s, %s, "
					      "%s, %s, %s, %s or %s)", (int)len, p, section_names[0], section_names[1],
					      section_names[2], section_names[3], section_names[4], section_names[5],
					      section_names[6], section_names[7], section_names[8], section_names[9],
					      section_names[10]);
		*mask |= MLPS_RS_BIT(i);
		p += len;
		if (*p == ',')
			p++;
	}
	if (!*mask)
		return mlps_error_set(err, MLPS_ERR_INPUT, "no section named");
	return 0;
}

bool report_has(const struct report *r, enum mlps_report_section s)
{
	if (!(r->sections & MLPS_RS_BIT(s)))
		return false;
	return s != MLPS_RS_DELTA || r->delta;
}

int report_section_number(const struct report *r, enum mlps_report_section s)
{
	int n = 0, i;

	for (i = MLPS_RS_CONCLUSION; i <= (int)s; i++)
		if (report_has(r, (enum mlps_report_section)i))
			n++;
	return s == MLPS_RS_COVER ? 0 : n;
}

void report_section_title(struct strbuf *out, const struct report *r, enum mlps_report_section s)
{
	switch (s) {
	case MLPS_RS_COVER:
		strbuf_adds(out, report_label(r, RL_TITLE));
		break;
	case MLPS_RS_CONCLUSION:
		strbuf_adds(out, report_label(r, RL_SEC_CONCLUSION));
		break;
	case MLPS_RS_OBJECTS:
		report_labelf(out, r, RL_SEC_OBJECTS, r->a->n_objects);
		break;
	case MLPS_RS_PROBLEMS:
		report_labelf(out, r, RL_SEC_PROBLEMS, r->n_gaps);
		break;
	case MLPS_RS_CONTROLS:
		report_labelf(out, r, RL_SEC_CONTROLS, r->level);
		break;
	case MLPS_RS_PLAN:
		report_labelf(out, r, RL_SEC_PLAN, r->plan.n_rows);
		break;
	case MLPS_RS_RECORDS:
		strbuf_adds(out, report_label(r, RL_SEC_RECORDS));
		break;
	case MLPS_RS_DELTA:
		report_labelf(out, r, RL_SEC_DELTA, r->delta ? mlps_diff_old(r->delta)->id : 0LL);
		break;
	case MLPS_RS_SOA:
		strbuf_adds(out, report_label(r, RL_SEC_SOA));
		break;
	case MLPS_RS_OPEN:
		strbuf_adds(out, report_label(r, RL_SEC_OPEN));
		break;
	case MLPS_RS_EXPLAIN:
		strbuf_adds(out, report_label(r, RL_SEC_EXPLAIN));
		break;
	default:
		break;
	}
}

int mlps_report_format_parse(const char *name, enum mlps_report_format *out)
{
	int i;

	for (i = 0; i < MLPS_REPORT_COUNT; i++)
		if (!strcmp(name, format_names[i])) {
			*out = (enum mlps_report_format)i;
			return 0;
		}
	return -1;
}

const char *mlps_report_format_name(enum mlps_report_format f)
{
	return (unsigned)f < MLPS_REPORT_COUNT ? format_names[f] : "?";
}

/* Labels and words */

void report_high_title(struct strbuf *out, const struct report *r)
{
	struct strbuf n = STRBUF_INIT;

	mlps_summary_high_count(&n, r->s, r->lang);
	report_labelf(out, r, RL_SEC_HIGH, n.buf);
	strbuf_release(&n);
}

void report_footer(struct strbuf *out, const struct report *r)
{
	const char *dir = mlps_catalog_dir(r->cat), *base = strrchr(dir, '/');

	report_labelf(out, r, RL_FOOTER, MLPS_VERSION, base ? base + 1 : dir, mlps_catalog_hash(r->cat),
		      r->rules ? r->rules->id : r->a->rules_id);
}

const char *report_label(const struct report *r, enum report_label id)
{
	return labels[id][r->lang == MLPS_LANG_EN];
}

void report_labelf(struct strbuf *out, const struct report *r, enum report_label id, ...)
{
	va_list ap;

	va_start(ap, id);
	strbuf_vaddf(out, report_label(r, id), ap);
	va_end(ap);
}

const char *report_status(const struct report *r, enum mlps_status st)
{
	return mlps_status_label(st, r->lang);
}

const char *report_risk(const struct report *r, enum mlps_risk risk)
{
	return mlps_risk_label(risk, r->lang);
}

const char *report_plan(const struct report *r, enum mlps_plan p)
{
	return (unsigned)p < MLPS_PLAN_COUNT ? report_label(r, (enum report_label)(RL_PLAN_NONE + p)) : "?";
}

const char *report_importance(const struct report *r, enum mlps_importance imp)
{
	return (unsigned)imp < MLPS_IMP_COUNT ? report_label(r, (enum report_label)(RL_IMP_KEY + imp)) : "?";
}

const char *report_ext(const struct report *r, enum mlps_ext ext)
{
	return ext == MLPS_EXT_GENERAL ? report_label(r, RL_GENERAL_PART)
	       : (unsigned)ext < MLPS_EXT_COUNT ? report_label(r, (enum report_label)(RL_EXT_CLOUD + ext - 1))
						: "?";
}

const char *report_text(const struct report *r, const struct mlps_text *t)
{
	return mlps_text_get(t, r->lang);
}

const struct mlps_object **report_req_objects(const struct report *r, const struct mlps_requirement *req,
					      size_t *n)
{
	const struct mlps_object **objs = mlps_calloc(r->a->n_objects + 1, sizeof(*objs));

	*n = mlps_assessment_req_objects(r->cat, r->a, req, objs);
	return objs;
}

/*
 * The answer that speaks for a requirement where a format shows one line per
 * requirement: the first of its objects' answers (the only one, when the
 * requirement is answered on the system object alone).
 */
const struct mlps_answer *report_answer(const struct report *r, const struct mlps_requirement *req)
{
	const struct mlps_answer *ans = NULL;
	size_t i, n;
	const struct mlps_object **objs = report_req_objects(r, req, &n);

	for (i = 0; i < n && !ans; i++)
		ans = mlps_assessment_answer(r->a, req->key, objs[i]->name);
	free((void *)objs);
	return ans;
}

bool report_multi(const struct report *r)
{
	return r->a->n_objects > 1;
}

const char *report_kind_label(const struct report *r, const char *kind)
{
	const struct mlps_object_kind *k = kind ? mlps_catalog_find_kind(r->cat, kind) : NULL;

	return k ? report_text(r, &k->label) : kind ? kind : "?";
}

void report_on_object(struct strbuf *out, const struct report *r, const char *object)
{
	if (report_multi(r) && object)
		report_labelf(out, r, RL_ON_OBJECT, object);
}

/*
 * "Non-compliant: web01, db01; partial: orders" from the finding's gap
 * answers, which the score keeps non-compliant first, then partial.
 */
void report_gap_objects(struct strbuf *out, const struct report *r, const struct mlps_finding *f)
{
	enum mlps_status prev = MLPS_ST_UNANSWERED;
	size_t i;

	for (i = 0; i < f->n_gaps; i++) {
		const struct mlps_answer *ans = f->gaps[i];

		if (i && ans->status == prev)
			strbuf_adds(out, report_label(r, RL_LIST_SEP));
		else {
			if (i)
				strbuf_adds(out, r->lang == MLPS_LANG_EN ? "; " : "；");
			strbuf_addf(out, "%s%s", report_status(r, ans->status), report_colon(r));
			prev = ans->status;
		}
		strbuf_adds(out, ans->object ? ans->object : "?");
	}
}

/*
 * The objects that make a finding high risk: a scenario applies only to
 * non-compliance, so they are the finding's non-compliant gap objects.
 */
void report_high_objects(struct strbuf *out, const struct report *r, const struct mlps_finding *f)
{
	size_t i, k = 0;

	for (i = 0; i < f->n_gaps; i++) {
		if (f->gaps[i]->status != MLPS_ST_NONCOMPLIANT)
			continue;
		if (k++)
			strbuf_adds(out, report_label(r, RL_LIST_SEP));
		strbuf_adds(out, f->gaps[i]->object ? f->gaps[i]->object : "?");
	}
}

/* The requirement's result over its objects, from the score. */
enum mlps_status report_req_status(const struct report *r, const struct mlps_requirement *req)
{
	const struct mlps_result *res = mlps_score_result(r->s, req);

	return res ? res->status : MLPS_ST_UNANSWERED;
}

const char *report_req_id(const struct report *r, const struct mlps_requirement *req)
{
	return req->ids[r->level] ? req->ids[r->level] : req->key;
}

const char *report_req_text(const struct report *r, const struct mlps_requirement *req)
{
	return report_text(r, mlps_req_text(req, r->level));
}

const char *report_cp_name(const struct report *r, const struct mlps_control_point *cp)
{
	return report_text(r, mlps_cp_name(cp, r->level));
}

/* The day of a stored UTC timestamp, in the local time zone (people read reports). */
void report_date(char out[11], const char *iso)
{
	mlps_local_date(out, iso);
}

const char *report_clean(struct strbuf *tmp, const char *s)
{
	size_t len = strlen(s), i = 0;

	if (mlps_utf8_valid(s, len, NULL))
		return s;
	strbuf_reset(tmp);
	while (i < len) {
		uint32_t cp;
		size_t n = mlps_utf8_decode(s + i, len - i, &cp);

		if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80)
			strbuf_adds(tmp, "\xEF\xBF\xBD");
		else
			strbuf_add(tmp, s + i, n);
		i += n;
	}
	return tmp->buf;
}

/* Phrases */

const char *report_colon(const struct report *r)
{
	return r->lang == MLPS_LANG_EN ? ": " : "：";
}

const char *report_comma(const struct report *r)
{
	return r->lang == MLPS_LANG_EN ? ", " : "，";
}

void report_gap_summary(struct strbuf *out, const struct report *r, const struct mlps_finding *f)
{
	strbuf_adds(out, report_status(r, f->res.status));
	strbuf_adds(out, report_comma(r));
	report_labelf(out, r, RL_RISK_VALUE, report_risk(r, f->risk));
	if (f->scenario) {
		strbuf_adds(out, report_comma(r));
		report_labelf(out, r, RL_SCENARIO_VALUE, f->scenario->id);
		if (f->scenario->guide_level) {
			strbuf_adds(out, report_comma(r));
			report_labelf(out, r, RL_GUIDE_LEVEL, f->scenario->guide_level, f->scenario->min_level);
		}
	}
	if (f->mitigated) {
		strbuf_adds(out, report_comma(r));
		report_labelf(out, r, RL_MITIGATED, report_risk(r, f->risk));
	}
	if (f->res.to_confirm) {
		strbuf_adds(out, report_comma(r));
		strbuf_adds(out, report_label(r, RL_CARRIED));
	}
}

void report_plan_summary(struct strbuf *out, const struct report *r, const struct mlps_answer *ans)
{
	const char *sep = r->lang == MLPS_LANG_EN ? "; " : "；";
	const char *colon = report_colon(r);

	strbuf_addf(out, "%s%s%s", report_label(r, RL_COL_OWNER), colon,
		    ans->owner ? ans->owner : report_label(r, RL_NOT_ASSIGNED));
	strbuf_addf(out, "%s%s%s%s", sep, report_label(r, RL_COL_DUE), colon,
		    ans->due ? ans->due : report_label(r, RL_NOT_SET));
	strbuf_addf(out, "%s%s%s%s", sep, report_label(r, RL_COL_PLAN), colon, report_plan(r, ans->plan));
}

void report_scope_lists(struct strbuf *in_scope, struct strbuf *not_chosen, const struct report *r)
{
	int e;

	for (e = MLPS_EXT_GENERAL; e < MLPS_EXT_COUNT; e++) {
		struct strbuf *sb = r->a->ext & MLPS_EXT_BIT(e) || e == MLPS_EXT_GENERAL ? in_scope : not_chosen;

		if (!sb)
			continue;
		if (sb->len)
			strbuf_adds(sb, report_label(r, RL_LIST_SEP));
		strbuf_adds(sb, report_ext(r, (enum mlps_ext)e));
	}
	if (not_chosen && !not_chosen->len)
		strbuf_adds(not_chosen, report_label(r, RL_NONE));
}

int report_delta_top(const struct report *r)
{
	const struct mlps_assessment *o = mlps_diff_old(r->delta), *n = mlps_diff_new(r->delta);

	return o->level < n->level ? o->level : n->level;
}

void report_delta_from(struct strbuf *out, const struct report *r)
{
	const struct mlps_assessment *o = mlps_diff_old(r->delta), *n = mlps_diff_new(r->delta);
	char date[11];

	report_date(date, o->created);
	report_labelf(out, r, RL_DELTA_FROM, o->id, date[0] ? date : "?", o->level, n->level);
}

void report_delta_counts(struct strbuf *out, const struct report *r)
{
	int c;

	for (c = 0; c < MLPS_CHG_COUNT; c++)
		strbuf_addf(out, "%s%s %d", c ? report_label(r, RL_LIST_SEP) : "",
			    mlps_change_label((enum mlps_change)c, r->lang),
			    mlps_diff_count(r->delta, (enum mlps_change)c));
}

void report_change_title(struct strbuf *out, const struct report *r, enum mlps_change c)
{
	size_t start = out->len;

	report_labelf(out, r, RL_COUNTED, mlps_change_label(c, r->lang), mlps_diff_count(r->delta, c));
	/* diff.c's English labels are lower case, made to run inside a sentence. */
	if (out->buf[start] >= 'a' && out->buf[start] <= 'z')
		out->buf[start] = (char)(out->buf[start] - 'a' + 'A');
}

size_t report_delta_objects(struct strbuf *out, const struct report *r, bool added)
{
	size_t i, n = added ? mlps_diff_n_added(r->delta) : mlps_diff_n_removed(r->delta);

	for (i = 0; i < n; i++) {
		const struct mlps_object *o = added ? mlps_diff_added(r->delta, i) : mlps_diff_removed(r->delta, i);

		if (i)
			strbuf_adds(out, report_label(r, RL_LIST_SEP));
		strbuf_addf(out, r->lang == MLPS_LANG_EN ? "%s (%s)" : "%s（%s）", o->name,
			    report_kind_label(r, o->kind));
	}
	return n;
}

bool report_delta_listed(enum mlps_change c)
{
	/* Unchanged gaps are the gaps section again; "other" is mostly first answers. */
	return c != MLPS_CHG_UNCHANGED_GAP && c != MLPS_CHG_OTHER;
}

int report_verdict_move(const struct report *r, int level, size_t rule)
{
	const struct mlps_verdict *vo = mlps_score_verdict(mlps_diff_old_score(r->delta), level, rule);
	const struct mlps_verdict *vn = mlps_score_verdict(mlps_diff_new_score(r->delta), level, rule);

	/* Bands are ordered best first. */
	return vo->band_index == vn->band_index ? 0 : vn->band_index < vo->band_index ? 1 : -1;
}

/* The checklist: CSV rows and the XLSX Checklist sheet. */

const enum report_label report_checklist_cols[REPORT_CHECKLIST_COLS] = {
	RL_COL_ID, RL_COL_KEY, RL_COL_OBJECT, RL_COL_CATEGORY, RL_COL_CATEGORY_NAME, RL_COL_CONTROL_POINT,
	RL_COL_EXTENSION, RL_COL_IMPORTANCE, RL_COL_REQUIREMENT, RL_COL_STATUS, RL_COL_RESULT, RL_COL_RISK,
	RL_COL_SCENARIO, RL_COL_MITIGATION, RL_COL_NOTE, RL_COL_EVIDENCE, RL_COL_NA_REASON,
	RL_COL_REMEDIATION, RL_COL_OWNER, RL_COL_DUE, RL_COL_PLAN, RL_COL_TO_CONFIRM, RL_COL_UPDATED,
};

static void add_opt(struct strbuf *out, const char *s)
{
	if (s)
		strbuf_adds(out, s);
}

/*
 * A row is one requirement on one object: the object's own answer, and the
 * requirement's risk, scenario and remediation on the rows of its gap
 * objects only.
 */
void report_checklist_cell(struct strbuf *out, const struct report *r, const struct mlps_requirement *req,
			   const struct mlps_object *obj, size_t col)
{
	const struct mlps_answer *ans = mlps_assessment_answer(r->a, req->key, obj->name);
	const struct mlps_finding *f = r->finding_of[req->index];
	enum mlps_status st = ans ? ans->status : MLPS_ST_UNANSWERED;

	if (st != MLPS_ST_NONCOMPLIANT && st != MLPS_ST_PARTIAL)
		f = NULL;

	switch (report_checklist_cols[col]) {
	case RL_COL_ID:
		strbuf_adds(out, report_req_id(r, req));
		break;
	case RL_COL_KEY:
		strbuf_adds(out, req->key);
		break;
	case RL_COL_OBJECT:
		strbuf_adds(out, obj->name);
		break;
	case RL_COL_CATEGORY:
		strbuf_adds(out, req->cp->category->code);
		break;
	case RL_COL_CATEGORY_NAME:
		strbuf_adds(out, report_text(r, &req->cp->category->name));
		break;
	case RL_COL_CONTROL_POINT:
		strbuf_adds(out, report_cp_name(r, req->cp));
		break;
	case RL_COL_EXTENSION:
		strbuf_adds(out, report_ext(r, req->cp->ext));
		break;
	case RL_COL_IMPORTANCE:
		strbuf_adds(out, report_importance(r, req->importance));
		break;
	case RL_COL_REQUIREMENT:
		strbuf_adds(out, report_req_text(r, req));
		break;
	case RL_COL_STATUS:
		strbuf_adds(out, report_status(r, st));
		break;
	case RL_COL_RESULT:
		strbuf_adds(out, report_status(r, report_req_status(r, req)));
		break;
	case RL_COL_RISK:
		if (f)
			strbuf_adds(out, report_risk(r, f->risk));
		break;
	case RL_COL_SCENARIO:
		if (f && f->scenario && st == MLPS_ST_NONCOMPLIANT)
			strbuf_adds(out, f->scenario->id);
		break;
	case RL_COL_MITIGATION:
		if (ans && ans->risk != MLPS_RISK_NONE)
			add_opt(out, ans->mitigation);
		break;
	case RL_COL_NOTE:
		add_opt(out, ans ? ans->note : NULL);
		break;
	case RL_COL_EVIDENCE:
		add_opt(out, ans ? ans->evidence : NULL);
		break;
	case RL_COL_NA_REASON:
		if (ans && ans->status == MLPS_ST_NA)
			add_opt(out, ans->na_reason);
		break;
	case RL_COL_REMEDIATION:
		if (f)
			strbuf_adds(out, report_text(r, &req->remediation));
		break;
	case RL_COL_OWNER:
		add_opt(out, ans ? ans->owner : NULL);
		break;
	case RL_COL_DUE:
		add_opt(out, ans ? ans->due : NULL);
		break;
	case RL_COL_PLAN:
		if (ans && ans->plan != MLPS_PLAN_NONE)
			strbuf_adds(out, report_plan(r, ans->plan));
		break;
	case RL_COL_TO_CONFIRM:
		if (ans && ans->to_confirm)
			strbuf_adds(out, report_label(r, RL_YES));
		break;
	case RL_COL_UPDATED:
		add_opt(out, ans ? ans->updated : NULL);
		break;
	default:
		break;
	}
}

/* The model */

static void add_field(struct report *r, enum report_label label, struct strbuf *value)
{
	struct report_field *f = &r->fields[r->n_fields++];

	f->label = label;
	f->value = strbuf_detach(value, NULL);
}

static void header_fields(struct report *r)
{
	const struct mlps_assessment *a = r->a;
	struct strbuf sb = STRBUF_INIT, notation = STRBUF_INIT;
	char created[11], updated[11];
	unsigned bit;

	strbuf_adds(&sb, a->sys.name);
	add_field(r, RL_SYSTEM, &sb);
	strbuf_adds(&sb, a->sys.org ? a->sys.org : report_label(r, RL_NOT_GIVEN));
	add_field(r, RL_ORG, &sb);
	mlps_summary_notation(&notation, a);
	report_labelf(&sb, r, RL_LEVEL_VALUE, notation.buf, a->level);
	add_field(r, RL_LEVEL, &sb);
	report_scope_lists(&sb, NULL, r);
	add_field(r, RL_SCOPE, &sb);
	for (bit = MLPS_COND_CONTINUITY; bit <= MLPS_COND_CLOUD_CUSTOMER; bit <<= 1) {
		enum report_label l = bit == MLPS_COND_CONTINUITY     ? RL_COND_CONTINUITY
				      : bit == MLPS_COND_KEY_INDUSTRY ? RL_COND_KEY_INDUSTRY
				      : bit == MLPS_COND_CLOUD_PLATFORM ? RL_COND_CLOUD_PLATFORM
									: RL_COND_CLOUD_CUSTOMER;

		if (!(a->sys.flags & bit))
			continue;
		if (sb.len)
			strbuf_adds(&sb, report_label(r, RL_LIST_SEP));
		strbuf_adds(&sb, report_label(r, l));
	}
	if (!sb.len)
		strbuf_adds(&sb, report_label(r, RL_NONE));
	add_field(r, RL_CONDITIONS, &sb);
	report_labelf(&sb, r, RL_ASSESSMENT_VALUE, a->id,
		      report_label(r, a->status == MLPS_FINAL ? RL_FINAL : RL_DRAFT));
	add_field(r, RL_ASSESSMENT, &sb);
	report_date(created, a->created);
	report_date(updated, a->updated);
	report_labelf(&sb, r, RL_DATE_VALUE, created[0] ? created : "?", updated[0] ? updated : "?");
	add_field(r, RL_DATE, &sb);
	strbuf_adds(&sb, a->assessor ? a->assessor : report_label(r, RL_NOT_GIVEN));
	add_field(r, RL_ASSESSOR, &sb);
	/* The sign-off block: what a final assessment was signed with (mlps finalise). */
	if (a->status == MLPS_FINAL) {
		strbuf_adds(&sb, a->reviewer ? a->reviewer : report_label(r, RL_NOT_GIVEN));
		add_field(r, RL_REVIEWER, &sb);
		strbuf_adds(&sb, a->signed_date ? a->signed_date : "?");
		add_field(r, RL_SIGNED_DATE, &sb);
		strbuf_adds(&sb, a->signed_catalog ? a->signed_catalog : "?");
		add_field(r, RL_SIGNED_CATALOG, &sb);
		strbuf_adds(&sb, a->signed_rules ? a->signed_rules : "?");
		add_field(r, RL_SIGNED_RULES, &sb);
		if (a->signed_open > 0) {
			strbuf_addf(&sb, "%d", a->signed_open);
			add_field(r, RL_SIGNED_OPEN, &sb);
		}
	}
	if (a->parent) {
		report_labelf(&sb, r, RL_PARENT_VALUE, a->parent);
		add_field(r, RL_PARENT, &sb);
	}
	strbuf_adds(&sb, a->profile_hash ? a->profile_hash : "?");
	if (!a->profile_hash || strcmp(a->profile_hash, mlps_catalog_hash(r->cat)))
		report_labelf(&sb, r, RL_PROFILE_CHANGED, mlps_catalog_hash(r->cat));
	add_field(r, RL_PROFILE, &sb);
	strbuf_adds(&sb, a->rules_id ? a->rules_id : "?");
	if (!a->rules_id || strcmp(a->rules_id, r->rules->id))
		report_labelf(&sb, r, RL_RULES_CHANGED, r->rules->id);
	add_field(r, RL_RULES, &sb);
	strbuf_release(&notation);
}

static void add_explain(struct report *r, struct strbuf *sb)
{
	mlps_grow((void **)&r->explain, &r->alloc_explain, r->n_explain + 1, sizeof(*r->explain));
	r->explain[r->n_explain++] = strbuf_detach(sb, NULL);
}

/* The score explanation: method, the counts behind each number, risks, and every verdict's why. */
static void explanation(struct report *r)
{
	const struct mlps_tally *t = mlps_score_level(r->s, r->level);
	struct strbuf sb = STRBUF_INIT, x = STRBUF_INIT, y = STRBUF_INIT, z = STRBUF_INIT;
	size_t i;

	mlps_summary_method_text(&sb, r->s, r->lang);
	add_explain(r, &sb);
	report_labelf(&sb, r, RL_EXPLAIN_COUNTS, r->level, t->total, t->n[MLPS_ST_NA], t->applicable,
		      t->answered, t->n[MLPS_ST_COMPLIANT], t->n[MLPS_ST_PARTIAL], t->n[MLPS_ST_NONCOMPLIANT],
		      t->n[MLPS_ST_TODO], t->n[MLPS_ST_UNANSWERED]);
	add_explain(r, &sb);
	strbuf_addf(&x, "%g", t->value);
	strbuf_addf(&z, "%.2f", t->rate);
	report_labelf(&sb, r, RL_EXPLAIN_RATE, x.buf, t->applicable, z.buf);
	add_explain(r, &sb);
	strbuf_reset(&x);
	strbuf_reset(&z);
	if (mlps_score_composite(r->s, r->level)->present) {
		mlps_summary_composite_text(&sb, r->s, r->level, r->lang);
	} else {
		strbuf_addf(&x, "%g", t->weighted);
		strbuf_addf(&y, "%g", t->weight);
		strbuf_addf(&z, "%.2f", t->score);
		report_labelf(&sb, r, RL_EXPLAIN_SCORE, x.buf, y.buf, z.buf);
	}
	add_explain(r, &sb);
	strbuf_reset(&z);
	strbuf_addf(&z, "%.2f", t->coverage);
	report_labelf(&sb, r, RL_EXPLAIN_COVERAGE, t->answered, t->applicable, z.buf);
	add_explain(r, &sb);
	report_labelf(&sb, r, RL_EXPLAIN_RISKS, t->risks[MLPS_RISK_HIGH], t->risks[MLPS_RISK_MEDIUM],
		      t->risks[MLPS_RISK_LOW], report_risk(r, t->worst));
	add_explain(r, &sb);
	report_labelf(&sb, r, RL_EXPLAIN_RISK_RULE, report_risk(r, r->rules->default_risk_noncompliant),
		      report_risk(r, r->rules->default_risk_partial));
	add_explain(r, &sb);
	for (i = 0; i < r->rules->n_verdicts; i++) {
		mlps_summary_verdict_why(&sb, mlps_score_verdict(r->s, r->level, i), r->lang);
		add_explain(r, &sb);
	}
	mlps_summary_footnote(&sb, r->s, r->lang);
	if (sb.len)
		add_explain(r, &sb);
	for (i = 0; i < r->rules->n_verdicts; i++) {
		const struct mlps_verdict_rule *rule = &r->rules->verdicts[i];

		report_labelf(&sb, r, RL_EXPLAIN_SOURCE, report_text(r, &rule->name),
			      report_label(r, rule->verified ? RL_VERIFIED : RL_UNVERIFIED),
			      report_text(r, &rule->source));
		add_explain(r, &sb);
	}
	strbuf_release(&x);
	strbuf_release(&y);
	strbuf_release(&z);
}

static int cmp_gap(const void *pa, const void *pb)
{
	const struct mlps_finding *x = *(const struct mlps_finding *const *)pa;
	const struct mlps_finding *y = *(const struct mlps_finding *const *)pb;

	if (x->req->cp->category->index != y->req->cp->category->index)
		return x->req->cp->category->index < y->req->cp->category->index ? -1 : 1;
	if (x->req->cp->index != y->req->cp->index)
		return x->req->cp->index < y->req->cp->index ? -1 : 1;
	if (x->risk != y->risk)
		return x->risk > y->risk ? -1 : 1;
	return x->req->index < y->req->index ? -1 : x->req->index > y->req->index;
}

static void push(const struct mlps_requirement ***arr, size_t *n, const struct mlps_requirement *req)
{
	/* Each list is sized for the whole scope up front, so this never grows. */
	(*arr)[(*n)++] = req;
}

void report_init(struct report *r, const struct mlps_catalog *cat, const struct mlps_assessment *a,
		 const struct mlps_score *s, const struct mlps_report_opts *opts)
{
	size_t i, n_req = mlps_catalog_n_requirements(cat), n_find = mlps_score_n_findings(s);

	memset(r, 0, sizeof(*r));
	r->cat = cat;
	r->a = a;
	r->s = s;
	r->rules = mlps_score_rules(s);
	r->lang = opts ? opts->lang : MLPS_LANG_ZH;
	r->width = opts && opts->width ? opts->width : 80;
	r->csv_bom = opts && opts->csv_bom;
	r->delta = opts ? opts->delta : NULL;
	r->level = a->level;
	r->sections = opts && opts->sections ? opts->sections & MLPS_RS_ALL : MLPS_RS_ALL;
	if (opts && opts->today)
		report_date(r->today, opts->today);
	else {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(r->today, sizeof(r->today), "%Y-%m-%d", &tm);
	}

	r->finding_of = mlps_calloc(n_req ? n_req : 1, sizeof(*r->finding_of));
	r->gaps = mlps_calloc(n_find ? n_find : 1, sizeof(*r->gaps));
	for (i = 0; i < n_find; i++) {
		const struct mlps_finding *f = mlps_score_finding(s, i);

		r->finding_of[f->req->index] = f;
		r->gaps[r->n_gaps++] = f;
	}
	qsort(r->gaps, r->n_gaps, sizeof(*r->gaps), cmp_gap);

	r->scope = mlps_calloc(n_req ? n_req : 1, sizeof(*r->scope));
	for (i = 0; i < n_req; i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(cat, i);

		if (mlps_req_applies(req, a->level, a->ext))
			r->scope[r->n_scope++] = req;
	}
	r->na = mlps_calloc(r->n_scope + 1, sizeof(*r->na));
	r->unanswered = mlps_calloc(r->n_scope + 1, sizeof(*r->unanswered));
	r->todo = mlps_calloc(r->n_scope + 1, sizeof(*r->todo));
	r->carried = mlps_calloc(r->n_scope + 1, sizeof(*r->carried));
	for (i = 0; i < r->n_scope; i++) {
		const struct mlps_requirement *req = r->scope[i];
		const struct mlps_result *res = mlps_score_result(s, req);
		enum mlps_status st = res ? res->status : MLPS_ST_UNANSWERED;

		/* A carried answer is listed as carried, not as unanswered as well (it counts as unanswered). */
		if (st == MLPS_ST_NA)
			push(&r->na, &r->n_na, req);
		else if (st == MLPS_ST_UNANSWERED && (!res || res->n[MLPS_ST_UNANSWERED] > res->to_confirm))
			push(&r->unanswered, &r->n_unanswered, req);
		else if (st == MLPS_ST_TODO)
			push(&r->todo, &r->n_todo, req);
		if (res && res->to_confirm)
			push(&r->carried, &r->n_carried, req);
	}
	header_fields(r);
	explanation(r);
	report_tables_build(r);
}

void report_release(struct report *r)
{
	size_t i;

	for (i = 0; i < r->n_fields; i++)
		free(r->fields[i].value);
	for (i = 0; i < r->n_explain; i++)
		free(r->explain[i]);
	free(r->explain);
	free(r->scope);
	free(r->finding_of);
	free(r->gaps);
	free(r->na);
	free(r->unanswered);
	free(r->todo);
	free(r->carried);
	report_tables_release(r);
	memset(r, 0, sizeof(*r));
}

/* Entry points */

int mlps_report_render(struct strbuf *out, enum mlps_report_format f, const struct mlps_catalog *cat,
		       const struct mlps_assessment *a, const struct mlps_score *s,
		       const struct mlps_report_opts *opts, struct mlps_error *err)
{
	struct report r;
	int rc = 0;

	if ((unsigned)f >= MLPS_REPORT_COUNT)
		return mlps_error_set(err, MLPS_ERR_INPUT, "report: unknown format %d", (int)f);
	if (a->level < MLPS_LEVEL_MIN || a->level > MLPS_LEVEL_MAX)
		return mlps_error_set(err, MLPS_ERR_INPUT, "assessment %lld: level %d is not 1 to 4", a->id,
				      a->level);
	report_init(&r, cat, a, s, opts);
	switch (f) {
	case MLPS_REPORT_TEXT:
	case MLPS_REPORT_MD: {
		struct strbuf raw = STRBUF_INIT;

		/*
		 * Text and Markdown are read in terminals (cat, less -R, a pager):
		 * no control character from a note or a name may reach one raw.
		 * One pass over the finished text catches every field at once; the
		 * layout already counted each control as the four columns of \xNN.
		 */
		if (f == MLPS_REPORT_TEXT)
			report_write_text(&raw, &r);
		else
			report_write_md(&raw, &r);
		strbuf_add_visible(out, raw.buf, raw.len, MLPS_VIS_MULTILINE);
		strbuf_release(&raw);
		break;
	}
	case MLPS_REPORT_CSV:
		report_write_csv(out, &r);
		break;
	case MLPS_REPORT_JSON:
		report_write_json(out, &r);
		break;
	case MLPS_REPORT_HTML:
		report_write_html(out, &r);
		break;
	case MLPS_REPORT_XLSX:
		rc = report_write_xlsx(out, &r, err);
		break;
	case MLPS_REPORT_PDF:
		rc = report_write_pdf(out, &r, err);
		break;
	default:
		break;
	}
	report_release(&r);
	return rc;
}

int mlps_report_write_file(const char *path, bool force, enum mlps_report_format f,
			   const struct mlps_catalog *cat, const struct mlps_assessment *a,
			   const struct mlps_score *s, const struct mlps_report_opts *opts,
			   struct mlps_error *err)
{
	struct strbuf out = STRBUF_INIT;
	struct stat st;
	int rc;

	/* Say so before the work of rendering, not after it. */
	if (!force && lstat(path, &st) == 0)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: already exists; use --force to replace it", path);
	rc = mlps_report_render(&out, f, cat, a, s, opts, err);
	if (!rc)
		rc = mlps_write_file_atomic(path, out.buf, out.len, force, err);
	strbuf_release(&out);
	return rc;
}
