/*
 * catcache.h - the compiled catalogue cache: a built catalogue written as one
 * binary snapshot and mapped back read-only by later processes.
 *
 * mlps_catalog_open() (catalog.h) is the one entry point the program uses;
 * this header is for tests and benchmarks that look at the pieces. The
 * snapshot format and why it is safe are in controls/README.md.
 */
#ifndef MLPS_CATCACHE_H
#define MLPS_CATCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "strbuf.h"

/* Bumped whenever the snapshot layout or the model's structs change meaning. */
#define MLPS_CATCACHE_FORMAT 1

/*
 * The snapshot file for profile set `dir`: $XDG_CACHE_HOME/mlps/ (else
 * ~/.cache/mlps/), named after the format and a hash of `dir`. -1 when there
 * is no cache (MLPS_NO_CACHE, no usable home, a directory that is not the
 * user's own and private); with `create`, the mlps folder is made (0700).
 */
int mlps_catcache_path(const char *dir, bool create, struct strbuf *out);

/*
 * Writes `cat` (loaded from `dir`, the files `paths` whose content hash is
 * `content`) to the snapshot `path`, atomically (temporary file beside it,
 * 0600, rename). -1 on any failure, which only means no snapshot.
 */
int mlps_catcache_write(const struct mlps_catalog *cat, const char *path, const char *dir,
			const char *const *paths, size_t n, unsigned long long content);

/* Why a snapshot was not used (tests and `make bench` print it). */
enum mlps_catcache_miss {
	MLPS_CACHE_HIT = 0,
	MLPS_CACHE_NONE,        /* disabled, no directory, no file */
	MLPS_CACHE_FOREIGN,     /* not a snapshot, another format, build or machine, not ours */
	MLPS_CACHE_CORRUPT,     /* wrong size, checksum or offsets */
	MLPS_CACHE_STALE,       /* a profile file changed since it was written */
};

/*
 * Maps the snapshot `path` for the set `dir` whose files are `paths`, and
 * returns the catalogue in it, or NULL with *why saying what was wrong.
 */
struct mlps_catalog *mlps_catcache_map(const char *path, const char *dir, const char *const *paths,
				       size_t n, enum mlps_catcache_miss *why);

/* The outcome of the last mlps_catalog_open() in this process (tests, bench). */
enum mlps_catcache_miss mlps_catcache_last(void);

#endif
