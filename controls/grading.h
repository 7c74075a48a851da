/*
 * grading.h - GB/T 22240-2020 grading (定级): the object harmed and the
 * degree of harm give a level, separately for business information security
 * (S) and system service security (A); the system's level is the higher.
 */
#ifndef MLPS_GRADING_H
#define MLPS_GRADING_H

#include <stdbool.h>

#include "strbuf.h"

enum mlps_harmed { MLPS_OBJ_CITIZEN = 0, MLPS_OBJ_SOCIETY, MLPS_OBJ_NATION, MLPS_OBJ_COUNT };
enum mlps_harm { MLPS_HARM_GENERAL = 0, MLPS_HARM_SERIOUS, MLPS_HARM_ESPECIALLY, MLPS_HARM_COUNT };

/* The level (1-5) for an object and a degree of harm. */
int mlps_grade_level(enum mlps_harmed obj, enum mlps_harm harm);
/* Parses "society:serious"; -1 when either half is unknown. */
int mlps_grade_parse(const char *s, enum mlps_harmed *obj, enum mlps_harm *harm);
const char *mlps_object_name(enum mlps_harmed obj);
const char *mlps_harm_name(enum mlps_harm harm);
const char *mlps_object_label(enum mlps_harmed obj, int en);
const char *mlps_harm_label(enum mlps_harm harm, int en);
/* Appends "S2A3G3"; with s or a 0 (unknown), just "G<g>". */
void mlps_grade_notation(struct strbuf *out, int s, int a, int g);
/* Level 2 and above must be filed with public security (备案). */
bool mlps_grade_filing_required(int level);
/*
 * The date the next evaluation is due after `last` (YYYY-MM-DD): level 3
 * yearly, level 4 every six months. Writes YYYY-MM-DD into out (11 bytes)
 * and returns 0; returns -1 when the level has no fixed cycle or last is not
 * a date. A due date past the end of a month is moved to its last day.
 */
int mlps_next_evaluation(int level, const char *last, char out[11]);
/* Months between evaluations at a level, 0 when there is no fixed cycle. */
int mlps_evaluation_months(int level);

#endif
