#include "utf8.h"

#include <string.h>
#include <wchar.h>

/*
 * Strict decoder: rejects overlong forms, surrogates and code points past
 * U+10FFFF. Returns the sequence length, or 0 when the bytes are not UTF-8.
 */
static size_t decode(const unsigned char *s, size_t len, uint32_t *out)
{
	uint32_t cp;
	size_t n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*out = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*out = cp;
	return n;
}

bool mlps_utf8_valid(const char *buf, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		/* Mostly ASCII: skip eight plain bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = decode(s + i, len - i, &cp);
		if (!n) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

size_t mlps_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	size_t n = decode((const unsigned char *)s, len, cp);

	if (n == 0 && len > 0) {
		/* Not UTF-8: take the byte as one replacement character. */
		*cp = 0xFFFD;
		return 1;
	}
	return n;
}

int mlps_cp_width(uint32_t cp)
{
	int w;

	/* Controls are shown as \xNN wherever mlps draws text (usertext.h). */
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 4;
	if (cp < 0x7F)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* Outside a UTF-8 locale wcwidth knows nothing: fall back on the CJK blocks. */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

size_t mlps_utf8_nwidth(const char *s, size_t len)
{
	size_t w = 0, i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = mlps_utf8_decode(s + i, len - i, &cp);

		if (!n)
			break;
		w += (size_t)mlps_cp_width(cp);
		i += n;
	}
	return w;
}

size_t mlps_utf8_width(const char *s)
{
	size_t len = 0;

	while (s[len])
		len++;
	return mlps_utf8_nwidth(s, len);
}

/* Punctuation that must not start a line: it sticks to what precedes it. */
static bool closing_punct(uint32_t cp)
{
	switch (cp) {
	case 0x3001: case 0x3002: case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01:
	case 0xFF1F: case 0xFF09: case 0x300B: case 0x300D: case 0x201D: case 0x2019:
	case 0x3011: case 0x3009: case ',': case '.': case ';': case ':': case ')':
	case '!': case '?':
		return true;
	default:
		return false;
	}
}

/* Punctuation that must not end a line: it sticks to what follows it. */
static bool opening_punct(uint32_t cp)
{
	return cp == 0x201C || cp == 0x2018 || cp == 0x300C || cp == 0xFF08 || cp == 0x300A ||
	       cp == 0x3010 || cp == 0x3008;
}

/*
 * Length in bytes and width of the token at s (len bytes left in the text):
 * a run of narrow non-space characters, or one wide character; either takes
 * trailing closing punctuation. It looks no further than the token, so that
 * wrapping stays linear in the length of the text: measuring what is left
 * (strlen) for every token made a 4 MiB Chinese note take minutes.
 */
static size_t token(const char *s, size_t len, size_t *width)
{
	size_t i = 0, n;
	uint32_t cp = 0;
	int w;

	*width = 0;
	n = mlps_utf8_decode(s, len, &cp);
	w = mlps_cp_width(cp);
	i = n;
	*width = (size_t)w;
	/* An opening quote or bracket takes the character after it along. */
	while (opening_punct(cp) && i < len) {
		n = mlps_utf8_decode(s + i, len - i, &cp);
		w = mlps_cp_width(cp);
		i += n;
		*width += (size_t)w;
	}
	if (w < 2) {
		while (i < len && s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r') {
			n = mlps_utf8_decode(s + i, len - i, &cp);
			w = mlps_cp_width(cp);
			if (w == 2 && !closing_punct(cp))
				break;
			i += n;
			*width += (size_t)w;
		}
		return i;
	}
	while (i < len) {
		n = mlps_utf8_decode(s + i, len - i, &cp);
		if (!closing_punct(cp))
			break;
		i += n;
		*width += (size_t)mlps_cp_width(cp);
	}
	return i;
}

void mlps_utf8_wrap(struct strbuf *out, const char *text, size_t width, size_t first, size_t rest)
{
	strbuf_addchars(out, ' ', first);
	mlps_utf8_wrap_at(out, text, width, first, rest);
}

void mlps_utf8_wrap_at(struct strbuf *out, const char *text, size_t width, size_t col, size_t rest)
{
	const char *p = text, *end = text + strlen(text);
	bool empty = true, space = false;

	while (p < end) {
		size_t len, tw;

		if (*p == '\n') {
			strbuf_addch(out, '\n');
			strbuf_addchars(out, ' ', rest);
			col = rest;
			empty = true;
			space = false;
			p++;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			space = !empty;
			p++;
			continue;
		}
		len = token(p, (size_t)(end - p), &tw);
		if (!empty && col + tw + (space ? 1 : 0) > width) {
			strbuf_addch(out, '\n');
			strbuf_addchars(out, ' ', rest);
			col = rest;
			space = false;
		}
		if (space) {
			strbuf_addch(out, ' ');
			col++;
			space = false;
		}
		if (col + tw <= width || col >= width) {
			strbuf_add(out, p, len);
			col += tw;
		} else {
			/* A token longer than a line: cut it between characters. */
			size_t i = 0;

			while (i < len) {
				uint32_t cp;
				size_t n = mlps_utf8_decode(p + i, len - i, &cp);
				size_t w = (size_t)mlps_cp_width(cp);

				if (col + w > width && col > rest) {
					strbuf_addch(out, '\n');
					strbuf_addchars(out, ' ', rest);
					col = rest;
				}
				strbuf_add(out, p + i, n);
				col += w;
				i += n;
			}
		}
		empty = false;
		p += len;
	}
	strbuf_addch(out, '\n');
}

void mlps_utf8_pad(struct strbuf *out, const char *s, size_t cols)
{
	size_t w = mlps_utf8_width(s);

	strbuf_adds(out, s);
	if (w < cols)
		strbuf_addchars(out, ' ', cols - w);
}
