/*
 * assessment.h - one self-assessment in memory: the system, the scope, its
 * objects (测评对象) and every answer given. store/ loads and saves it;
 * score.c, reports/ and tui/ read it. Answers are kept by (requirement key,
 * object name), so an answer given under any level's ID is the same answer.
 *
 * Every assessment has at least one object of kind `system` (the system as
 * a whole): requirements assessed on no kind the assessment has objects of
 * are answered there, so an assessment without other objects works as one
 * answer per requirement.
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
	char *object;               /* the object's name; NULL in a put(): the system object */
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
	long long revision;         /* the stored row's revision; 0: never stored (see store.h) */
};

/* One evaluation object: a room, device, server, database, application ... */
struct mlps_object {
	char *name;                 /* unique within the assessment */
	char *kind;                 /* a kind of the catalogue's vocabulary (room, server, ...) */
	enum mlps_importance importance;    /* of the asset: 关键 / 重要 / 一般 */
	char *desc;                 /* address, model, version, location; NULL when not given */
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
	char *uid;                  /* stable identifier (32 hex digits), kept by export and import */
	enum mlps_astatus status;
	/* Sign-off (schema 4): set by `mlps finalise`, kept when reopened; NULL when never signed. */
	char *reviewer;
	char *signed_date;          /* YYYY-MM-DD */
	int signed_open;            /* items still unanswered or to confirm when signed (--force) */
	char *signed_catalog;       /* catalogue in force at sign-off: "name hash" */
	char *signed_rules;         /* rules id in force at sign-off */
	char *reopen_reason;        /* why it was last returned to draft */
	long long parent;           /* the assessment this re-audits, or 0 */
	struct mlps_object *objects;            /* in the order they were added; [0] is a system object */
	size_t n_objects, alloc_objects;
	struct mlps_answer *answers;            /* sorted by key, then object: use mlps_assessment_put() */
	size_t n_answers, alloc_answers;
};

/*
 * A requirement's result over the objects it is assessed on. All objects
 * compliant: compliant; all non-compliant: non-compliant; all N/A: N/A; any
 * object unanswered: unanswered (then any to do: to do); otherwise partial.
 * The value combines the applicable (not N/A) objects' values (rules file:
 * mean, or min); an object without an answer is worth what unanswered is,
 * and so is a carried answer not yet confirmed (to_confirm).
 */
struct mlps_result {
	enum mlps_status status;
	double value;               /* meaningless when status is na */
	int n_objects;              /* objects the requirement is assessed on */
	int n[MLPS_ST_COUNT];       /* those objects by status */
	int to_confirm;             /* of them, carried answers not yet confirmed */
};

void mlps_answer_release(struct mlps_answer *a);
/* Deep copy of src into dst (dst's old contents are not freed). */
void mlps_answer_copy(struct mlps_answer *dst, const struct mlps_answer *src);
void mlps_assessment_free(struct mlps_assessment *a);
/*
 * The answer for a requirement key on an object (NULL: the system object),
 * or NULL when there is none.
 */
const struct mlps_answer *mlps_assessment_answer(const struct mlps_assessment *a, const char *key,
						 const char *object);
/* Every answer to `key`, whatever the object: *n of them from the returned one. */
const struct mlps_answer *mlps_assessment_answers_for(const struct mlps_assessment *a, const char *key,
						      size_t *n);
/*
 * Adds or replaces the answer for (ans->key, ans->object) with a deep copy
 * of ans; a NULL object means the system object (created when missing).
 */
void mlps_assessment_put(struct mlps_assessment *a, const struct mlps_answer *ans);
/* Removes the answer for (key, object), if any. */
void mlps_assessment_drop(struct mlps_assessment *a, const char *key, const char *object);

/* Objects */
/* Adds a copy of the object (no checks: see mlps_object_check). Returns the stored one. */
struct mlps_object *mlps_assessment_add_object(struct mlps_assessment *a, const char *name,
					       const char *kind, enum mlps_importance imp,
					       const char *desc);
const struct mlps_object *mlps_assessment_find_object(const struct mlps_assessment *a, const char *name);
/* The first object of kind system, created (named after the system) when there is none. */
const struct mlps_object *mlps_assessment_system_object(struct mlps_assessment *a);
/*
 * Checks a new object against the catalogue's vocabulary and the objects the
 * assessment has: a known kind, a name that is not empty, has no control
 * characters, is not taken.
 */
int mlps_object_check(const struct mlps_catalog *cat, const struct mlps_assessment *a,
		      const char *name, const char *kind, struct mlps_error *err);
/*
 * The objects requirement `req` is assessed on in this assessment: those
 * whose kind it names, else the system objects. Fills out (room for
 * a->n_objects pointers) and returns how many.
 */
size_t mlps_assessment_req_objects(const struct mlps_catalog *cat, const struct mlps_assessment *a,
				   const struct mlps_requirement *req, const struct mlps_object **out);
/* True when the requirement is answered on `object` in this assessment. */
bool mlps_assessment_req_on(const struct mlps_catalog *cat, const struct mlps_assessment *a,
			    const struct mlps_requirement *req, const struct mlps_object *object);
/*
 * Combines the answers of req's objects into *res with the status values
 * `values` (the rules file's) and `use_min` (min instead of the mean).
 */
void mlps_assessment_result(const struct mlps_catalog *cat, const struct mlps_assessment *a,
			    const struct mlps_requirement *req, const double values[MLPS_ST_COUNT],
			    bool use_min, struct mlps_result *res);
/* The combination rule alone, over n object statuses (for tests and tools). */
void mlps_result_combine(const enum mlps_status *st, size_t n, const double values[MLPS_ST_COUNT],
			 bool use_min, struct mlps_result *res);

/* What a change of level or extensions does to an assessment's scope. */
struct mlps_scope_change {
	int entered, left;          /* requirements entering and leaving the scope */
	int hidden, back;           /* answers given (per object) to those: kept hidden, counting again */
};
/* Counts it for a going to (level, ext); answers are kept by requirement either way. */
void mlps_scope_change(const struct mlps_catalog *cat, const struct mlps_assessment *a, int level, unsigned ext,
		       struct mlps_scope_change *sc);

/*
 * Checks an answer before it is saved: N/A needs a reason, an override needs
 * a mitigating measure, a due date must be a real YYYY-MM-DD date.
 */
int mlps_answer_check(const struct mlps_answer *ans, struct mlps_error *err);
bool mlps_date_valid(const char *s);
/*
 * A time as mlps writes one (ISO 8601): a valid YYYY-MM-DD date, alone or
 * followed by "T" or " " and HH:MM[:SS[.fff]] with an optional "Z" or
 * "+HH:MM"/"-HH:MM". Used on everything read from a database or an import.
 */
bool mlps_timestamp_valid(const char *s);

const char *mlps_plan_name(enum mlps_plan p);
int mlps_plan_parse(const char *s, enum mlps_plan *out);

#endif
