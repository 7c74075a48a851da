/*
 * arena.h - a bump allocator for data that lives and dies together.
 *
 * A loaded catalogue is immutable and freed in one call, so everything it owns
 * (strings, arrays, nodes of the parsed YAML) comes from one arena. Nothing in
 * an arena is freed on its own.
 */
#ifndef MLPS_ARENA_H
#define MLPS_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;   /* current block; older ones chained behind */
	size_t used;                /* bytes used in head */
	size_t total;               /* bytes handed out, for statistics */
};

void arena_init(struct arena *a);
/* Frees every block; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);
/* Zeroed memory, aligned for any type; lives until arena_release(). */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

#endif
