/*
 * assessment.h - one self-assessment in memory: the system, the scope and
 * every answer given. store/ loads and saves it; score.c, reports/ and tui/
 * read it. Answers are kept by requirement key, so an answer given under any
 * level's ID is the same answer.
 *
 * Every string here is owned by its struct and freed by
 * mlps_assessment_free() / mlps_answer_release().
 */
#ifndef MLPS_ASSESSMENT_H
#define MLPS_ASSESSMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"

enum mlps_plan { MLPS_PLAN_NONE = 0, MLPS_PLAN_OPEN, MLPS_PLAN_IN_PROGRESS, MLPS_PLAN_DONE, MLPS_PLAN_COUNT };

struct mlps_answer {
	char *key;                  /* requirement key */
	enum mlps_status status;
	char *note;                 /* NULL when empty, as every optional text below */
	char *evidence;
	char *na_reason;            /* required when status is na */
	enum mlps_risk risk;        /* operator's override; NONE: no override */
	char *mitigation;           /* the measure that justifies the override */
	char *owner;                /* remediation plan */
	char *due;                  /* YYYY-MM-DD */
	enum mlps_plan plan;
	bool to_confirm;            /* carried from a previous assessment, not yet touched */
	uint64_t text_hash;         /* the requirement's wording when answered */
	char *who;                  /* last change: user and UTC time (ISO 8601) */
	char *updated;
};

struct mlps_system {
	long long id;
	char *name;
	char *org;                  /* NULL when not given */
	int s_level, a_level;       /* from grading; 0 when unknown */
	unsigned flags;             /* enum mlps_condition bits */
};

enum mlps_astatus { MLPS_DRAFT = 0, MLPS_FINAL };

struct mlps_assessment {
	long long id;
	struct mlps_system sys;
	int level;                  /* target level 1-4 */
	unsigned ext;               /* MLPS_EXT_BIT mask, general always set */
	char *profile_hash;         /* of the profile set it was created with */
	char *rules_id;
	char *assessor;
	char *created, *updated;    /* ISO 8601 UTC */
	enum mlps_astatus status;
	long long parent;           /* the assessment this re-audits, or 0 */
	struct mlps_answer *answers;            /* sorted by key: use mlps_assessment_put() */
	size_t n_answers, alloc_answers;
};

void mlps_answer_release(struct mlps_answer *a);
/* Deep copy of src into dst (dst's old contents are not freed). */
void mlps_answer_copy(struct mlps_answer *dst, const struct mlps_answer *src);
void mlps_assessment_free(struct mlps_assessment *a);
/* The answer for a requirement key, or NULL. */
const struct mlps_answer *mlps_assessment_answer(const struct mlps_assessment *a, const char *key);
/* Adds or replaces the answer for ans->key with a deep copy of ans. */
void mlps_assessment_put(struct mlps_assessment *a, const struct mlps_answer *ans);

/*
 * Checks an answer before it is saved: N/A needs a reason, an override needs
 * a mitigating measure, a due date must be a real YYYY-MM-DD date.
 */
int mlps_answer_check(const struct mlps_answer *ans, struct mlps_error *err);
bool mlps_date_valid(const char *s);

const char *mlps_plan_name(enum mlps_plan p);
int mlps_plan_parse(const char *s, enum mlps_plan *out);

#endif
