/*
 * usertext.h - what mlps accepts and shows of text typed by people.
 *
 * Two rules, each in one place:
 *
 * - Size. Every free-text field of an answer or an assessment (note,
 *   evidence, N/A reason, mitigation, owner, system name, ...) is at most
 *   MLPS_TEXT_MAX bytes. Larger text is refused where it enters (the command
 *   line, the UI, an import), never cut silently. docs/formats.md says so.
 *
 * - Visibility. Text written for a terminal or a text file never carries a
 *   control character raw: an escape sequence in a note could retitle the
 *   terminal, clear the screen or hide lines. C0 controls, DEL and the C1
 *   controls U+0080-U+009F are shown as "\xNN" (four columns, which is what
 *   mlps_cp_width() counts for them, so layouts stay aligned); bytes that
 *   are not UTF-8 become U+FFFD. JSON, CSV and XLSX have their own quoting
 *   and do not go through here.
 */
#ifndef MLPS_USERTEXT_H
#define MLPS_USERTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"
#include "util.h"

/* The cap on one free-text field, in bytes (64 KiB). */
#define MLPS_TEXT_MAX (64u * 1024u)

/*
 * 0 when `text` (may be NULL) fits MLPS_TEXT_MAX; otherwise -1 with an
 * MLPS_ERR_INPUT message naming `field` and the limit.
 */
int mlps_text_check_size(const char *field, const char *text, struct mlps_error *err);

/* Flags of the visible renderings. */
enum {
	/* Keep LF and TAB as they are, for text whose format has lines (a report, a
	 * note); CR before LF is dropped. Without it they are shown as \x0a, \x09,
	 * which keeps a single-line field (a system name in a table) on its line. */
	MLPS_VIS_MULTILINE = 1u << 0,
};

/* True when s[0..len) has nothing that the visible rendering would change. */
bool mlps_visible_clean(const char *s, size_t len, unsigned flags);
/* Appends s[0..len) to sb with control characters shown as \xNN (see above). */
void strbuf_add_visible(struct strbuf *sb, const char *s, size_t len, unsigned flags);
/*
 * s itself when it is already clean, else its visible rendering in tmp
 * (reset first). The result lives as long as s or tmp.
 */
const char *mlps_visible(struct strbuf *tmp, const char *s, unsigned flags);

#endif
