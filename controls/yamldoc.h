/*
 * yamldoc.h - one libyaml event walker that turns a file into a small tree.
 *
 * The tree keeps every node's line and column so that the schema checks in
 * loader.c can name the exact place of a problem. It refuses what a profile
 * never needs and an attacker would love: anchors and aliases, more than one
 * document, nesting deeper than YDOC_MAX_DEPTH, invalid UTF-8.
 * Nodes live in the arena passed in.
 */
#ifndef MLPS_YAMLDOC_H
#define MLPS_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "util.h"

#define YDOC_MAX_DEPTH 16
#define YDOC_MAX_BYTES (4u * 1024u * 1024u)

enum ynode_type { YN_SCALAR = 0, YN_MAP, YN_SEQ };

struct ynode {
	enum ynode_type type;
	unsigned line, col;         /* 1-based start of the node */
	const char *str;            /* scalar value, NUL-terminated */
	size_t len;                 /* scalar length in bytes */
	bool plain;                 /* scalar was unquoted (so `1` is a number) */
	struct ynode **items;       /* map: key, value, key, value...; seq: elements */
	size_t n;                   /* map: pairs; seq: elements */
};

/*
 * Parses buf[0..len) (the contents of `file`) into a tree whose nodes live in
 * `nodes` and whose scalar strings live in `strings`: a caller that keeps the
 * strings (the catalogue) then needs no second copy. Returns the root, or
 * NULL with the problem recorded in err as "file:line:col: message".
 */
struct ynode *ydoc_parse(struct arena *nodes, struct arena *strings, const char *file,
			 const char *buf, size_t len, struct mlps_error *err);

/* Reads a whole file, refusing more than `limit` bytes. Caller frees *out. */
int ydoc_read_file(const char *path, size_t limit, char **out, size_t *len, struct mlps_error *err);

#endif
