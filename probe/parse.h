/*
 * parse.h - the config-file parsers of the probe: pure functions over a
 * buffer already read (fsroot.h), each in the file's own syntax, each
 * reporting what it finds with its line number for the evidence. They never
 * touch the file system: includes are handed back to the caller, which
 * reads them through fsroot. The fuzz harnesses (tests/fuzz/fuzz_probe_*.c)
 * call these directly.
 */
#ifndef MLPS_PROBE_PARSE_H
#define MLPS_PROBE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* One setting: pointers into the caller's buffer (not NUL-terminated). */
struct cfg_line {
	const char *key;
	size_t key_len;
	const char *val;        /* surrounding quotes removed */
	size_t val_len;
	const char *text;       /* the whole line, trimmed, for evidence */
	size_t text_len;
	unsigned line;
};
/* Returns non-zero to stop the walk. */
typedef int (*cfg_fn)(const struct cfg_line *l, void *ctx);

enum cfg_syntax {
	CFG_SSHD = 0,   /* "Keyword value" or "Keyword=value"; a Match line is passed as key "Match" */
	CFG_KEYWORD,    /* "KEY value" (login.defs, chrony.conf, ntp.conf) */
	CFG_EQUALS,     /* "key = value" (sysctl.d, auditd.conf, pwquality.conf, faillock.conf) */
	CFG_INI,        /* "[Section]" then "Key=value" (systemd: timesyncd.conf) */
	CFG_SHELL,      /* "[export|readonly|declare -r ...] NAME=value" (profile.d) */
	CFG_COUNT
};

/* Walks buf's settings; for CFG_INI only those in `section` (NULL: all). Returns lines seen. */
unsigned cfg_parse(enum cfg_syntax syn, const char *buf, size_t len, const char *section, cfg_fn fn, void *ctx);
int cfg_syntax_parse(const char *name, enum cfg_syntax *out);

/* One line of a PAM service file. */
struct pam_line {
	const char *type;       /* auth, account, password, session ("" for @include) */
	size_t type_len;
	const char *control;    /* required, [success=1 default=ignore], include, substack */
	size_t control_len;
	const char *module;     /* pam_unix.so, or the included service's name */
	size_t module_len;
	const char *args;       /* the rest of the line */
	size_t args_len;
	const char *text;
	size_t text_len;
	unsigned line;
	bool include;           /* include, substack or @include: module names a service */
};
typedef int (*pam_fn)(const struct pam_line *l, void *ctx);
unsigned pam_parse(const char *buf, size_t len, pam_fn fn, void *ctx);
/*
 * The value of option `name` in a PAM argument string ("minlen=8 retry=3"):
 * true with *val (not NUL-terminated) and *vlen when present; a flag
 * option (enforce_for_root) gives an empty value.
 */
bool pam_arg(const char *args, size_t len, const char *name, const char **val, size_t *vlen);

/* Whitespace-separated words of a line (audit rules, sudoers). */
#define TOK_MAX 64
struct tokens {
	const char *p[TOK_MAX];
	size_t len[TOK_MAX];
	size_t n;
	const char *text;
	size_t text_len;
	unsigned line;
};
typedef int (*tok_fn)(const struct tokens *t, void *ctx);
/* Audit rules: one call per rule line ('#' comments, blank lines skipped). */
unsigned audit_parse(const char *buf, size_t len, tok_fn fn, void *ctx);

/* One logical line of sudoers (backslash continuations joined). */
enum sudo_kind { SUDO_INCLUDE, SUDO_INCLUDEDIR, SUDO_DEFAULTS, SUDO_ALIAS, SUDO_SPEC };
struct sudo_line {
	enum sudo_kind kind;
	const char *text;       /* joined, trimmed; NUL-terminated */
	const char *arg;        /* include path, or the spec's user list; NUL-terminated */
	const char *rest;       /* spec: what follows the user list */
	unsigned line;          /* first physical line */
};
typedef int (*sudo_fn)(const struct sudo_line *l, void *ctx);
unsigned sudo_parse(const char *buf, size_t len, sudo_fn fn, void *ctx);
/*
 * What one user spec grants: full (a command list entry ALL), nopasswd (a
 * NOPASSWD tag in force on an ALL entry).
 */
void sudo_spec_grants(const char *rest, bool *full, bool *nopasswd_all);

/* logrotate */
struct lr_settings {
	int rotate;             /* -1: not set */
	int period;             /* days: 1 daily, 7 weekly, 31 monthly, 366 yearly; 0 not set */
	int maxage;             /* -1: not set */
	bool size_only;         /* rotated by size, no period */
};
struct lr_stanza {
	char **patterns;
	size_t n_patterns;
	struct lr_settings s;
	char *file;
	unsigned line;
};
struct lr_state {
	struct lr_settings global;
	struct lr_stanza *stanzas;
	size_t n_stanzas, alloc;
};
/* An `include` directive at the top level: the caller parses that file or directory. */
typedef void (*lr_include_fn)(const char *path, struct lr_state *st, void *ctx);
void lr_init(struct lr_state *st);
void lr_parse(struct lr_state *st, const char *file, const char *buf, size_t len, int depth, lr_include_fn inc,
	      void *ctx);
void lr_release(struct lr_state *st);

/* Helpers */
bool mem_ieq(const char *a, size_t alen, const char *b);
bool mem_eq(const char *a, size_t alen, const char *b);
/* Appends a line of evidence "file:line: text" with control characters made visible. */
void evidence_add(struct strbuf *ev, const char *file, unsigned line, const char *text, size_t len);

#endif
