/*
 * utf8.h - UTF-8 checks and display width, in one place.
 *
 * Everything laid out for people (terminal UI, text report) measures text in
 * terminal columns, not bytes: a Chinese character is two columns wide.
 * Widths come from wcwidth(), so the process must run under a UTF-8 LC_CTYPE
 * (cli/ makes sure of that at start-up).
 */
#ifndef MLPS_UTF8_H
#define MLPS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when buf[0..len) is valid UTF-8; else *bad is the offending byte offset. */
bool mlps_utf8_valid(const char *buf, size_t len, size_t *bad);
/* Decodes one code point at s (at most len bytes); returns its byte length, 0 at end. */
size_t mlps_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Display columns of one code point: 0 for combining characters, 4 for controls (shown as \xNN). */
int mlps_cp_width(uint32_t cp);
/* Display columns of a UTF-8 string. */
size_t mlps_utf8_width(const char *s);
size_t mlps_utf8_nwidth(const char *s, size_t len);



#include "strbuf.h"

/*
 * Appends `text` to out, wrapped to `width` display columns. The first line
 * is indented by `first` spaces, later lines by `rest`. Breaks at spaces where
 * it can and between any two CJK characters; never splits a character. Each
 * line ends with '\n'.
 */
void mlps_utf8_wrap(struct strbuf *out, const char *text, size_t width, size_t first, size_t rest);
/* The same, for text that continues a line already `col` columns wide. */
void mlps_utf8_wrap_at(struct strbuf *out, const char *text, size_t width, size_t col, size_t rest);
/* Appends s, then spaces up to `cols` display columns (nothing when wider). */
void mlps_utf8_pad(struct strbuf *out, const char *s, size_t cols);
#endif
