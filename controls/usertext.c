#include "usertext.h"

#include <string.h>

#include "utf8.h"

int mlps_text_check_size(const char *field, const char *text, struct mlps_error *err)
{
	size_t len = text ? strlen(text) : 0;

	if (len <= MLPS_TEXT_MAX)
		return 0;
	return mlps_error_set(err, MLPS_ERR_INPUT, "%s: %zu bytes is more than the limit of %u bytes (64 KiB)",
			      field, len, MLPS_TEXT_MAX);
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

bool mlps_visible_clean(const char *s, size_t len, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < len; i++) {
		if (u[i] >= 0x20 && u[i] < 0x7F)
			continue;
		if (u[i] < 0x20) {
			if ((flags & MLPS_VIS_MULTILINE) && (u[i] == '\n' || u[i] == '\t'))
				continue;
			return false;
		}
		/* DEL, C1 (C2 80..C2 9F) or anything not UTF-8: take the slow path. */
		if (u[i] == 0x7F || (u[i] == 0xC2 && i + 1 < len && u[i + 1] < 0xA0))
			return false;
		if (u[i] >= 0x80) {
			size_t n = 0;
			uint32_t cp;

			n = mlps_utf8_decode(s + i, len - i, &cp);
			if (cp == 0xFFFD && n == 1)
				return false;
			i += n - 1;
		}
	}
	return true;
}

void strbuf_add_visible(struct strbuf *sb, const char *s, size_t len, unsigned flags)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, start = 0;

	strbuf_grow(sb, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n;

		/* Copy runs of plain text in one go. */
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c < 0x80) {
			n = 1;
			cp = c;
		} else {
			n = mlps_utf8_decode(s + i, len - i, &cp);
		}
		if (cp == 0xFFFD && n == 1 && c >= 0x80) {
			strbuf_add(sb, s + start, i - start);
			strbuf_adds(sb, "\xEF\xBF\xBD");
		} else if (is_control(cp)) {
			strbuf_add(sb, s + start, i - start);
			if ((flags & MLPS_VIS_MULTILINE) && (cp == '\n' || cp == '\t')) {
				strbuf_addch(sb, (int)cp);
			} else if ((flags & MLPS_VIS_MULTILINE) && cp == '\r' && i + 1 < len && s[i + 1] == '\n') {
				/* CRLF from a Windows editor: the LF alone says it. */
			} else {
				char esc[4] = { '\\', 'x', hex[(cp >> 4) & 0xF], hex[cp & 0xF] };

				strbuf_add(sb, esc, 4);
			}
		} else {
			i += n;
			continue;
		}
		i += n;
		start = i;
	}
	strbuf_add(sb, s + start, i - start);
}

const char *mlps_visible(struct strbuf *tmp, const char *s, unsigned flags)
{
	size_t len;

	if (!s)
		return s;
	len = strlen(s);
	if (mlps_visible_clean(s, len, flags))
		return s;
	strbuf_reset(tmp);
	strbuf_add_visible(tmp, s, len, flags);
	return tmp->buf;
}
