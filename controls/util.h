/*
 * util.h - allocation wrappers and the one error convention of mlps.
 *
 * Allocation never fails from the caller's point of view: on out-of-memory the
 * wrappers print one message and abort, as redis's zmalloc does. This is an
 * application, and half-handled OOM paths are where bugs live.
 *
 * Functions that can fail return -1 (or NULL) and describe the failure in a
 * caller-provided struct mlps_error. Only cli/ prints errors and chooses exit
 * codes.
 */
#ifndef MLPS_UTIL_H
#define MLPS_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "strbuf.h"

/* Allocation */
void *mlps_malloc(size_t size);
void *mlps_calloc(size_t n, size_t size);
void *mlps_realloc(void *ptr, size_t size);
char *mlps_strdup(const char *s);
char *mlps_strndup(const char *s, size_t n);
/* Grow *ptr so that it holds at least need elements of elem bytes; doubles. */
void mlps_grow(void **ptr, size_t *alloc, size_t need, size_t elem);

/* Errors */
#define MLPS_ERROR_MAX_MESSAGES 20

/* What kind of failure: decides the exit status in cli/. */
enum mlps_error_kind {
	MLPS_ERR_NONE = 0,
	MLPS_ERR_INPUT,     /* bad input from the user or a file: exit 2 */
	MLPS_ERR_RUNTIME,   /* the system failed us (I/O, database): exit 1 */
	MLPS_ERR_CONFLICT,  /* someone else changed it since it was read: exit 1, nothing written */
};

struct mlps_error {
	enum mlps_error_kind kind;
	int count;              /* problems reported, including those not kept */
	struct strbuf msg;      /* kept messages, one per line, no trailing newline */
	char *file;             /* where the first problem is, or NULL */
	unsigned line, column;  /* 1-based; 0 when unknown */
};

void mlps_error_init(struct mlps_error *err);
void mlps_error_release(struct mlps_error *err);
/* Record a problem without a position. Returns -1, for `return mlps_error_set(...)`. */
int mlps_error_set(struct mlps_error *err, enum mlps_error_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record a problem at file:line:column; the message becomes "file:line:col: text". */
int mlps_error_at(struct mlps_error *err, const char *file, unsigned line, unsigned column,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int mlps_error_vat(struct mlps_error *err, const char *file, unsigned line, unsigned column,
		   const char *fmt, va_list ap);
/* The kept messages, with a last line saying how many more were dropped. */
const char *mlps_error_message(struct mlps_error *err);

#endif
