#include "ywalk.h"

void ywalk_vbad(struct ywalk *w, const struct ynode *n, const char *fmt, va_list ap)
{
	struct strbuf msg = STRBUF_INIT;

	if (w->path.len)
		strbuf_addf(&msg, "%s: ", w->path.buf);
	strbuf_vaddf(&msg, fmt, ap);
	mlps_error_at(w->err, w->file, n ? n->line : 1, n ? n->col : 1, "%s", msg.buf);
	strbuf_release(&msg);
}

void ywalk_bad(struct ywalk *w, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ywalk_vbad(w, n, fmt, ap);
	va_end(ap);
}

size_t ywalk_push(struct ywalk *w, const char *key)
{
	size_t mark = w->path.len;

	if (w->path.len)
		strbuf_addch(&w->path, '.');
	strbuf_adds(&w->path, key);
	return mark;
}

size_t ywalk_push_index(struct ywalk *w, size_t i)
{
	size_t mark = w->path.len;
	char digits[24];
	size_t n = sizeof(digits);

	/* Called for every list element of a large profile: no printf on this path. */
	do {
		digits[--n] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	strbuf_addch(&w->path, '[');
	strbuf_add(&w->path, digits + n, sizeof(digits) - n);
	strbuf_addch(&w->path, ']');
	return mark;
}

void ywalk_pop(struct ywalk *w, size_t mark)
{
	strbuf_setlen(&w->path, mark);
}
