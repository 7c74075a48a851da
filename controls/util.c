#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usertext.h"

static void oom(size_t size)
{
	fprintf(stderr, "mlps: out of memory allocating %zu bytes\n", size);
	abort();
}

void *mlps_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *mlps_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *mlps_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

char *mlps_strdup(const char *s)
{
	return mlps_strndup(s, strlen(s));
}

char *mlps_strndup(const char *s, size_t n)
{
	char *p = mlps_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void mlps_grow(void **ptr, size_t *alloc, size_t need, size_t elem)
{
	size_t n = *alloc ? *alloc : 8;

	if (need <= *alloc)
		return;
	while (n < need) {
		if (n > ((size_t)-1 / 2) / elem)
			oom(need * elem);
		n *= 2;
	}
	*ptr = mlps_realloc(*ptr, n * elem);
	*alloc = n;
}

void mlps_error_init(struct mlps_error *err)
{
	memset(err, 0, sizeof(*err));
	strbuf_init(&err->msg);
}

void mlps_error_release(struct mlps_error *err)
{
	strbuf_release(&err->msg);
	free(err->file);
	mlps_error_init(err);
}

/* Appends one message line unless the cap is reached; counts it either way. */
static void add_line(struct mlps_error *err, const char *prefix, const char *fmt, va_list ap)
{
	struct strbuf line = STRBUF_INIT;

	err->count++;
	if (err->count > MLPS_ERROR_MAX_MESSAGES)
		return;
	if (err->msg.len)
		strbuf_addch(&err->msg, '\n');
	if (prefix)
		strbuf_add_visible(&err->msg, prefix, strlen(prefix), 0);
	strbuf_vaddf(&line, fmt, ap);
	/* One problem, one line: a newline or an escape sequence inside a quoted
	 * key or value (a file name, a YAML key) is shown as \xNN, so a message
	 * can neither split nor drive the terminal it is printed on. */
	strbuf_add_visible(&err->msg, line.buf, line.len, 0);
	strbuf_release(&line);
}

int mlps_error_set(struct mlps_error *err, enum mlps_error_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (err->kind == MLPS_ERR_NONE || kind == MLPS_ERR_RUNTIME)
		err->kind = kind;
	va_start(ap, fmt);
	add_line(err, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int mlps_error_vat(struct mlps_error *err, const char *file, unsigned line, unsigned column,
		   const char *fmt, va_list ap)
{
	struct strbuf prefix = STRBUF_INIT;

	if (err->kind == MLPS_ERR_NONE)
		err->kind = MLPS_ERR_INPUT;
	if (!err->file && file) {
		err->file = mlps_strdup(file);
		err->line = line;
		err->column = column;
	}
	strbuf_addf(&prefix, "%s:%u:%u: ", file ? file : "?", line, column);
	add_line(err, prefix.buf, fmt, ap);
	strbuf_release(&prefix);
	return -1;
}

int mlps_error_at(struct mlps_error *err, const char *file, unsigned line, unsigned column,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mlps_error_vat(err, file, line, column, fmt, ap);
	va_end(ap);
	return -1;
}

const char *mlps_error_message(struct mlps_error *err)
{
	static const char marker[] = "\n(and ";

	if (err->count > MLPS_ERROR_MAX_MESSAGES && !strstr(err->msg.buf, marker))
		strbuf_addf(&err->msg, "%s%d more problems not shown)", marker,
			    err->count - MLPS_ERROR_MAX_MESSAGES);
	return err->msg.buf;
}
