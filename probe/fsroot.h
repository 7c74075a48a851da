/*
 * fsroot.h - read-only file access confined to one directory tree.
 *
 * Every file the probe reads goes through here. A path is always resolved
 * under the root (the live host's "/" or --root DIR) as chroot would see
 * it: absolute symlinks start again at the root and ".." stops there, so
 * no symlink in a mounted tree can make the probe read the host's own
 * files. With openat2(RESOLVE_IN_ROOT) the kernel does that; without it
 * (old kernels, seccomp filters) a component-by-component walk with
 * O_NOFOLLOW and readlinkat() does the same.
 *
 * Only regular files are ever opened for reading, with O_NONBLOCK: a FIFO,
 * a socket or a device node is refused after a stat, never opened, so
 * nothing blocks. Files above the size cap are refused, not truncated.
 */
#ifndef MLPS_PROBE_FSROOT_H
#define MLPS_PROBE_FSROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "util.h"

#define FSR_DEFAULT_CAP (1024u * 1024u)

enum fsr_rc {
	FSR_OK = 0,
	FSR_MISSING,    /* no such file (or a component is not a directory) */
	FSR_DENIED,     /* permission denied: unprivileged run */
	FSR_NOTREG,     /* not a regular file (FIFO, device, socket, directory) */
	FSR_TOOBIG,     /* above the size cap */
	FSR_LOOP,       /* too many symlinks */
	FSR_ERROR,      /* any other failure (errno kept) */
};

struct fsroot {
	int rootfd;
	bool openat2;           /* the kernel has openat2 and it works here */
	bool force_walk;        /* tests: use the component walk even with openat2 */
	size_t cap;             /* bytes; files above are refused */
	char *root;             /* as given ("/" for the live host) */
	int last_errno;
};

/* Opens root (a directory). -1 with err set when it cannot. */
int fsr_open(struct fsroot *fs, const char *root, struct mlps_error *err);
void fsr_close(struct fsroot *fs);

/*
 * stat() of path (absolute, as inside the root), symlinks followed within
 * the root; with nofollow, the last component itself.
 */
enum fsr_rc fsr_stat(struct fsroot *fs, const char *path, bool nofollow, struct stat *st);
/* The whole regular file at path; *buf is NUL-terminated, caller frees. */
enum fsr_rc fsr_read(struct fsroot *fs, const char *path, char **buf, size_t *len);
/*
 * Expands a path whose last component may hold * and ? (fnmatch), or names
 * a directory when dir_all is set (every file in it, no dot-files): sorted
 * full paths, caller frees each and the array. A path without wildcards is
 * returned as is (whether or not it exists). Hidden files and names ending
 * in ~ or .dpkg-* are skipped, as run-parts and most daemons do.
 */
enum fsr_rc fsr_expand(struct fsroot *fs, const char *pattern, bool dir_all, char ***out, size_t *n);
void fsr_free_list(char **v, size_t n);
/* Why a read failed, for people: "permission denied (run as root to read it)". */
const char *fsr_rc_text(enum fsr_rc rc);

#endif
