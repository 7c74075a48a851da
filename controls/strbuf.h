/*
 * strbuf.h - a growing, always NUL-terminated string, after git's strbuf.
 *
 * Every piece of text that is built up (reports, messages, wrapped lines) goes
 * through this type: no sprintf into fixed arrays. buf is never NULL; after
 * strbuf_release() the buffer is empty again and reusable.
 */
#ifndef MLPS_STRBUF_H
#define MLPS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;   /* bytes allocated for buf, 0 while buf is the shared "" */
	size_t len;     /* bytes used, not counting the NUL */
	char *buf;
};

extern char strbuf_empty[];
#define STRBUF_INIT { 0, 0, strbuf_empty }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Hands the string to the caller (caller frees) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

#endif
