/*
 * report_impl.h - what the six report writers share, internal to reports/.
 *
 * report.c builds one `struct report` from the catalogue, the assessment and
 * its score: the requirements in scope, the gaps in report order, the N/A,
 * unanswered and to-confirm lists, and the sentences that explain the score.
 * Every writer walks the same model and takes its words from one label
 * table, so the formats cannot drift apart in content or wording.
 */
#ifndef MLPS_REPORT_IMPL_H
#define MLPS_REPORT_IMPL_H

#include "report.h"

/* Labels: every word a report shows that is not data, in both languages. */
enum report_label {
	/* Header */
	RL_TITLE,
	RL_DISCLAIMER,
	RL_SYSTEM,
	RL_ORG,
	RL_LEVEL,
	RL_SCOPE,
	RL_CONDITIONS,
	RL_ASSESSMENT,
	RL_DATE,
	RL_ASSESSOR,
	RL_PARENT,
	RL_PROFILE,
	RL_RULES,
	/* The sign-off block of a final assessment */
	RL_REVIEWER,
	RL_SIGNED_DATE,
	RL_SIGNED_CATALOG,
	RL_SIGNED_RULES,
	RL_SIGNED_OPEN,
	/* Header values (printf formats where they take arguments) */
	RL_LEVEL_VALUE,         /* "%s, level %d" */
	RL_ASSESSMENT_VALUE,    /* "no. %lld, %s" */
	RL_DATE_VALUE,          /* "created %s, last changed %s" */
	RL_PARENT_VALUE,        /* "assessment %lld" */
	RL_PROFILE_CHANGED,     /* " (loaded now: %s ...)" */
	RL_RULES_CHANGED,       /* " (loaded now: %s ...)" */
	RL_DRAFT,
	RL_FINAL,
	RL_NONE,
	RL_NOT_GIVEN,
	RL_GENERAL_PART,
	RL_EXT_CLOUD,           /* the extensions in enum mlps_ext order */
	RL_EXT_MOBILE,
	RL_EXT_IOT,
	RL_EXT_ICS,
	RL_COND_CONTINUITY,
	RL_COND_KEY_INDUSTRY,
	RL_COND_CLOUD_PLATFORM,
	RL_COND_CLOUD_CUSTOMER,
	RL_LIST_SEP,            /* "、" / ", " */
	/* Sections */
	RL_SEC_LEVELS,
	RL_SEC_CATEGORIES,      /* "... (level %d)" */
	RL_SEC_HIGH,            /* "... (%s)": mlps_summary_high_count() */
	RL_SEC_GAPS,            /* "... (%zu)" */
	RL_SEC_SOA,
	RL_SEC_OPEN,
	RL_SEC_DELTA,           /* "... assessment %lld" */
	RL_SEC_EXPLAIN,
	RL_SEC_OBJECTS,         /* "... (%zu)" */
	/* Columns and field names */
	RL_COL_LEVEL,
	RL_COL_TOTAL,
	RL_COL_APPLICABLE,
	RL_COL_ANSWERED,
	RL_COL_COMPLIANT,
	RL_COL_PARTIAL,
	RL_COL_NONCOMPLIANT,
	RL_COL_NA,
	RL_COL_OPEN,
	RL_COL_RATE,
	RL_COL_SCORE,
	RL_COL_COVERAGE,
	RL_COL_WORST,
	RL_COL_DONE,            /* "answered/applicable" in short */
	RL_VERDICTS,
	RL_COL_CATEGORY,
	RL_COL_CATEGORY_NAME,
	RL_COL_CONTROL_POINT,
	RL_COL_EXTENSION,
	RL_COL_IMPORTANCE,
	RL_COL_ID,
	RL_COL_KEY,
	RL_COL_REQUIREMENT,
	RL_COL_STATUS,
	RL_COL_RISK,
	RL_COL_BASE_RISK,
	RL_COL_SCENARIO,
	RL_COL_MITIGATION,
	RL_COL_NOTE,
	RL_COL_EVIDENCE,
	RL_COL_NA_REASON,
	RL_COL_REMEDIATION,
	RL_COL_OWNER,
	RL_COL_DUE,
	RL_COL_PLAN,
	RL_PLAN_LINE,
	RL_COL_TO_CONFIRM,
	RL_COL_UPDATED,
	RL_COL_BEFORE,
	RL_COL_AFTER,
	RL_COL_ITEM,
	RL_COL_OBJECT,
	RL_COL_OBJECTS,
	RL_COL_KIND,
	RL_COL_DESC,
	RL_COL_RESULT,          /* the requirement's result over its objects */
	RL_ON_OBJECT,           /* "[%s] ": what follows is about one object */
	/* Summary */
	RL_TARGET_NOTE,         /* "* target level; ..." */
	RL_UNVERIFIED,          /* "source unverified" */
	RL_VERIFIED,
	RL_CHART_NOTE,
	RL_UNCONFIRMED_COUNT,   /* "... to confirm: %d" */
	/* High risks and gaps */
	RL_RISK_VALUE,          /* "risk %s" */
	RL_SCENARIO_VALUE,      /* "high-risk scenario %s" */
	RL_MITIGATED,           /* "mitigated from high to %s" */
	RL_SUGGESTED,           /* "Possible mitigation" */
	RL_CARRIED,             /* "carried from the previous assessment, to confirm" */
	RL_NOT_ASSIGNED,
	RL_NOT_SET,
	RL_NO_GAPS,
	RL_NO_HIGH,
	RL_YES,
	/* Statement of applicability and open items */
	RL_SOA_SCOPE,
	RL_SOA_NOT_CHOSEN,
	RL_SOA_NA,              /* "... (%zu)" */
	RL_OPEN_UNANSWERED,     /* "... (%zu)" */
	RL_OPEN_TODO,           /* "... (%zu)" */
	RL_OPEN_CARRIED,        /* "... (%zu)" */
	/* Delta */
	RL_DELTA_FROM,          /* "assessment %lld of %s (level %d) -> this one" */
	RL_DELTA_COUNTS,
	RL_COUNTED,             /* "%s (%d)" */
	RL_BETTER,
	RL_WORSE,
	RL_OBJECTS_ADDED,
	RL_OBJECTS_REMOVED,
	/* Explanation */
	RL_EXPLAIN_COUNTS,      /* level, in scope, N/A, applicable, answered, c, p, n, todo, unanswered */
	RL_EXPLAIN_RATE,        /* value sum, applicable, rate */
	RL_EXPLAIN_SCORE,       /* weighted, weight, score */
	RL_EXPLAIN_COVERAGE,    /* answered, applicable, coverage */
	RL_EXPLAIN_RISKS,       /* high, medium, low, worst */
	RL_EXPLAIN_RISK_RULE,   /* default noncompliant, default partial */
	RL_EXPLAIN_SOURCE,      /* rule name, verified?, source */
	/* Plan statuses and importance, in the order of their enums */
	RL_PLAN_NONE,
	RL_PLAN_OPEN,
	RL_PLAN_IN_PROGRESS,
	RL_PLAN_DONE,
	RL_IMP_KEY,
	RL_IMP_IMPORTANT,
	RL_IMP_GENERAL,
	/* XLSX: where the gaps are */
	RL_SEE_SHEETS,
	RL_GUIDE_LEVEL,         /* "the guide: level %d; here %d" */
	/* Footer: "mlps %s · profile set %s, hash %s (paraphrase...) · rules %s" */
	RL_FOOTER,
	/* The evaluation report's structure (issue 16) */
	RL_SEC_CONCLUSION,
	RL_SEC_PROBLEMS,        /* "... (%zu)" */
	RL_SEC_CONTROLS,        /* "... (level %d)" */
	RL_SEC_PLAN,            /* "... (%zu)" */
	RL_SEC_RECORDS,
	RL_SEC_TOC,
	RL_COVER_FIELD,
	RL_COVER_VALUE,
	RL_COL_MEASURE,
	RL_COL_VALUE,
	RL_COL_BASIS,           /* the confidence note of a conclusion */
	RL_COL_PROBLEM,
	RL_COL_SCORE10,
	RL_COL_CP_STATUS,
	RL_COL_OVERDUE,
	RL_RATE_ROW,
	RL_HIGH_ROW,
	RL_COMPOSITE_ROW,
	RL_COMPOSITE_VALUE,     /* "%s (technical %s + management %s)" */
	RL_RATE_BASIS,          /* "%d applicable, %d answered; computed from the answers" */
	RL_HIGH_BASIS,
	RL_PRIMARY,             /* "primary" */
	RL_COMPARISON,          /* "for comparison" */
	RL_RECORD_OBJECT,       /* "%s (%s, %s)": object, kind, importance */
	RL_HEAT_NOTE,
	RL_PAGE_OF,             /* "page %d / %d" */
	RL_SHEET_SUMMARY,       /* XLSX sheet names */
	RL_SHEET_PROBLEMS,
	RL_SHEET_CONTROLS,
	RL_SHEET_PLAN,
	RL_SHEET_RECORDS,
	RL_SHEET_OBJECTS,
	RL_SHEET_CHECKLIST,
	RL_COUNT
};

/* One field of the header: a label and its value (value owned by the report). */
struct report_field {
	enum report_label label;
	char *value;
};

#define REPORT_MAX_FIELDS 20
#define REPORT_MAX_COLS 10

/*
 * A table of the report, built once in report_tables.c and laid out by every
 * writer: the conclusion, the problems, the control points, the plan and
 * one single-item record per object. Cells are unwrapped UTF-8, "" where
 * there is no value; `tag` is a per-row class for styling (a risk, a
 * control-point status, overdue) with a meaning given per table.
 */
struct report_table {
	char *title;                            /* a sub-heading, or NULL */
	size_t n_cols;
	enum report_label cols[REPORT_MAX_COLS];
	unsigned char widths[REPORT_MAX_COLS];  /* relative widths (PDF, XLSX) */
	char **cells;                           /* n_rows * n_cols, row-major, owned */
	int *tags;
	size_t n_rows, alloc;
};

/* Row tags */
#define REPORT_TAG_OVERDUE 1                /* plan: due before today and not done */

struct report {
	const struct mlps_catalog *cat;
	const struct mlps_assessment *a;
	const struct mlps_score *s;
	const struct mlps_rules *rules;
	const struct mlps_diff *delta;      /* NULL: no delta section */
	enum mlps_lang lang;
	int level;                          /* the target level */
	size_t width;                       /* text: display columns */
	bool csv_bom;

	struct report_field fields[REPORT_MAX_FIELDS];
	size_t n_fields;
	/* Paragraphs of the score explanation, unwrapped, owned by the report. */
	char **explain;
	size_t n_explain, alloc_explain;

	/* Requirements in scope at the target level, in catalogue order. */
	const struct mlps_requirement **scope;
	size_t n_scope;
	/* The gap of a requirement, by req->index; NULL when it is not a gap. */
	const struct mlps_finding **finding_of;
	/* Gaps in report order: category, control point, worst risk first, catalogue order. */
	const struct mlps_finding **gaps;
	size_t n_gaps;
	/* Sections to write (enum mlps_report_section bits) and today's date for "overdue". */
	unsigned sections;
	char today[11];
	/* Gaps in problem order: worst risk first, then category, control point, catalogue. */
	const struct mlps_finding **problems;
	/* The tables of the report's structure, built for the chosen sections only. */
	struct report_table conclusion;     /* tag: 1 on the primary conclusion */
	struct report_table problem_table;  /* tag: enum mlps_risk */
	struct report_table controls;       /* tag: enum mlps_cp_status; title of each category row NULL */
	const struct mlps_control_point **control_cps; /* the control point of each controls row */
	struct report_table plan;           /* tag: REPORT_TAG_OVERDUE */
	struct report_table *records;       /* one per object, a->n_objects of them; tag: enum mlps_status */
	/* Subsets of scope, catalogue order. */
	const struct mlps_requirement **na, **unanswered, **todo, **carried;
	size_t n_na, n_unanswered, n_todo, n_carried;
};

/* Builds the model; borrows everything it is given. Release with report_release(). */
void report_init(struct report *r, const struct mlps_catalog *cat, const struct mlps_assessment *a,
		 const struct mlps_score *s, const struct mlps_report_opts *opts);
void report_release(struct report *r);

/* Whether a section is written: chosen, and (for the delta) there is one. */
bool report_has(const struct report *r, enum mlps_report_section s);
/* The tables (report_tables.c): built by report_init, freed by report_release. */
void report_tables_build(struct report *r);
void report_tables_release(struct report *r);
/* Cell (row, col) of a table. */
const char *report_cell(const struct report_table *t, size_t row, size_t col);
/* The section's title as every format shows it ("安全问题汇总（3）"). */
void report_section_title(struct strbuf *out, const struct report *r, enum mlps_report_section s);
/* The number of a section among those written (1-based, cover unnumbered = 0). */
int report_section_number(const struct report *r, enum mlps_report_section s);

/* A label in the report's language. */
const char *report_label(const struct report *r, enum report_label id);
/*
 * The footer every format ends with: the program, the catalogue's folder and
 * content hash (the exact texts the report rests on), the paraphrase note
 * and the rules id. One unwrapped line appended to out.
 */
void report_footer(struct strbuf *out, const struct report *r);
/* "High-risk findings (7 (1 mitigated))": the section title, the count as every view shows it. */
void report_high_title(struct strbuf *out, const struct report *r);
/* Appends a label that is a printf format, with its arguments. */
void report_labelf(struct strbuf *out, const struct report *r, enum report_label id, ...);

/* Words for enum values, in the report's language. */
const char *report_status(const struct report *r, enum mlps_status st);
const char *report_risk(const struct report *r, enum mlps_risk risk);
const char *report_plan(const struct report *r, enum mlps_plan p);
const char *report_importance(const struct report *r, enum mlps_importance imp);
const char *report_ext(const struct report *r, enum mlps_ext ext);
const char *report_text(const struct report *r, const struct mlps_text *t);

/* ": " or "：", ", " or "，" */
const char *report_colon(const struct report *r);
const char *report_comma(const struct report *r);

/* Lookups */
/* The objects req is assessed on in this assessment (*n of them). Caller frees the array. */
const struct mlps_object **report_req_objects(const struct report *r, const struct mlps_requirement *req,
					      size_t *n);
/* The first answer among req's objects, or NULL. */
const struct mlps_answer *report_answer(const struct report *r, const struct mlps_requirement *req);
/* The status at the target level (unanswered when there is no answer). */
enum mlps_status report_req_status(const struct report *r, const struct mlps_requirement *req);
/* The ID at the target level, the wording there, and the control point's name there. */
const char *report_req_id(const struct report *r, const struct mlps_requirement *req);
const char *report_req_text(const struct report *r, const struct mlps_requirement *req);
const char *report_cp_name(const struct report *r, const struct mlps_control_point *cp);
/* The date part (YYYY-MM-DD) of an ISO 8601 time, into out (11 bytes); "" for NULL. */
void report_date(char out[11], const char *iso);
/*
 * s itself when it is valid UTF-8, else a copy in tmp with every bad byte
 * replaced by U+FFFD: JSON, XML and spreadsheets reject what is not UTF-8,
 * and a database may hold anything.
 */
const char *report_clean(struct strbuf *tmp, const char *s);

/* True when the assessment has objects besides the system: formats then name objects. */
bool report_multi(const struct report *r);
/* The catalogue's label of an object kind in the report's language (the name when unknown). */
const char *report_kind_label(const struct report *r, const char *kind);

/* Short phrases built from the model, unwrapped, for every format. */
/* "[web01] " before a per-object line; nothing when the assessment has one object. */
void report_on_object(struct strbuf *out, const struct report *r, const char *object);
/* "Non-compliant: web01, db01; Partial: orders": the finding's gap objects by status. */
void report_gap_objects(struct strbuf *out, const struct report *r, const struct mlps_finding *f);
/* "web01, db01": the objects that make a high-risk finding (its non-compliant ones). */
void report_high_objects(struct strbuf *out, const struct report *r, const struct mlps_finding *f);
/* "Non-compliant, risk high, high-risk scenario 6.1.1.1 (mitigated ...)" */
void report_gap_summary(struct strbuf *out, const struct report *r, const struct mlps_finding *f);
/* "Li Si, due 2025-06-30, open" with "not assigned" / "not set" for what is missing. */
void report_plan_summary(struct strbuf *out, const struct report *r, const struct mlps_answer *ans);
/* The in-scope and not-chosen parts as two lists ("general requirements, cloud ..."). */
void report_scope_lists(struct strbuf *in_scope, struct strbuf *not_chosen, const struct report *r);
/* "assessment 3 of 2024-03-01 (level 3) -> this assessment" */
void report_delta_from(struct strbuf *out, const struct report *r);
/* Counts of every kind of change in one line. */
void report_delta_counts(struct strbuf *out, const struct report *r);
/* "Resolved (3)": a kind of change with its count, as a heading. */
void report_change_title(struct strbuf *out, const struct report *r, enum mlps_change c);
/* "web02 (Server ...), ...": the objects the delta added (or removed); returns how many. */
size_t report_delta_objects(struct strbuf *out, const struct report *r, bool added);
/* Which kinds of change are listed item by item (the rest are only counted). */
bool report_delta_listed(enum mlps_change c);
/* -1 worse, 0 same, 1 better: the band of rule `rule` at `level` before and after. */
int report_verdict_move(const struct report *r, int level, size_t rule);
/* Levels compared by the delta: 1 to the lower of the two targets. */
int report_delta_top(const struct report *r);

/* Writers: each appends the whole document to out. */
void report_write_text(struct strbuf *out, const struct report *r);
void report_write_md(struct strbuf *out, const struct report *r);
void report_write_csv(struct strbuf *out, const struct report *r);
void report_write_json(struct strbuf *out, const struct report *r);
void report_write_html(struct strbuf *out, const struct report *r);
/* The writers that can fail: XLSX goes through a temporary file, PDF needs a CJK font. */
int report_write_xlsx(struct strbuf *out, const struct report *r, struct mlps_error *err);
int report_write_pdf(struct strbuf *out, const struct report *r, struct mlps_error *err);

/* CSV and the XLSX checklist share their columns. */
#define REPORT_CHECKLIST_COLS 23
extern const enum report_label report_checklist_cols[REPORT_CHECKLIST_COLS];
/* The value of checklist column `col` for req on object obj (one row), appended to out. */
void report_checklist_cell(struct strbuf *out, const struct report *r, const struct mlps_requirement *req,
			   const struct mlps_object *obj, size_t col);

#endif
