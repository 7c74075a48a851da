/*
 * ywalk.h - where a walk over a parsed YAML document is, and how it reports
 * a problem there: "file:line:col: path.in[2].document: message". The
 * profile loader and the check-definition loader both walk documents this
 * way; this is the one copy of it. Internal to controls/.
 */
#ifndef MLPS_YWALK_H
#define MLPS_YWALK_H

#include <stdarg.h>
#include <stddef.h>

#include "strbuf.h"
#include "util.h"
#include "yamldoc.h"

struct ywalk {
	struct mlps_error *err;     /* where problems go */
	const char *file;           /* the current file, as named in messages */
	struct strbuf path;         /* the current place in the document */
};

/* Records a problem at node n (NULL: line 1, column 1), prefixed with the current path. */
void ywalk_bad(struct ywalk *w, const struct ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ywalk_vbad(struct ywalk *w, const struct ynode *n, const char *fmt, va_list ap);
/* Descends into a key or a list index; returns the mark ywalk_pop() goes back to. */
size_t ywalk_push(struct ywalk *w, const char *key);
size_t ywalk_push_index(struct ywalk *w, size_t i);
void ywalk_pop(struct ywalk *w, size_t mark);

#endif
