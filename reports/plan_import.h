/*
 * plan_import.h - reading a filled-in remediation plan back: the 整改计划
 * sheet of a report workbook (XLSX, through libzip and expat) or the same
 * columns as CSV. Each row is matched to an item and an object of the
 * assessment and checked; `mlps plan import` shows and applies the result.
 */
#ifndef MLPS_PLAN_IMPORT_H
#define MLPS_PLAN_IMPORT_H

#include <stddef.h>

#include "assessment.h"
#include "catalog.h"

/* One good row: the plan fields it gives an item on an object. */
struct mlps_plan_row {
	size_t row;                             /* 1-based row number in the sheet or file */
	const struct mlps_requirement *req;
	const char *object;                     /* an object name of the assessment (borrowed) */
	char *owner, *due, *note;               /* NULL when the cell is empty */
	enum mlps_plan plan;
};

/* A row that was not taken, and why. */
struct mlps_plan_bad {
	size_t row;
	char *why;
};

struct mlps_plan_sheet {
	struct mlps_plan_row *rows;
	size_t n_rows, alloc_rows;
	struct mlps_plan_bad *bad;
	size_t n_bad, alloc_bad;
};

/*
 * Reads path (.xlsx: the sheet named 整改计划 or Plan; otherwise CSV with
 * the same header) into out. The header names the columns in Chinese or
 * English (编号/ID, 测评对象/Object, 责任人/Owner, 完成期限/Due,
 * 整改状态/Plan, 说明/Note); other columns are ignored. Returns -1 with err
 * when the file cannot be read or has no such sheet or header; bad rows are
 * not an error but listed in out->bad. Release with mlps_plan_sheet_release().
 */
int mlps_plan_read(const char *path, const struct mlps_catalog *cat, const struct mlps_assessment *a,
		   struct mlps_plan_sheet *out, struct mlps_error *err);
void mlps_plan_sheet_release(struct mlps_plan_sheet *s);

#endif
