/*
 * fileio.h - writing a file so that readers never see half of it: the data
 * goes to a temporary file beside the target, is flushed to disk, and is
 * renamed over the target only when complete. An existing target is kept
 * unless the caller says to replace it.
 */
#ifndef MLPS_FILEIO_H
#define MLPS_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/*
 * Writes data to path through a temporary file beside it (path.tmp-XXXXXX),
 * created 0600 whatever the umask: reports and exports hold every note, so
 * they are private to their owner (docs/mlps.1). Without `replace`, an
 * existing path is an MLPS_ERR_INPUT error and is left alone.
 */
int mlps_write_file_atomic(const char *path, const void *data, size_t len, bool replace,
			   struct mlps_error *err);

/*
 * Temporary files that must not outlive the process. A killed or signalled
 * mlps (SIGTERM, SIGINT, SIGHUP, a write past `ulimit -f`) would otherwise
 * leave FILE.tmp-XXXXXX behind, so every temporary file is tracked from the
 * moment it exists until it is renamed or removed, and
 * mlps_tmpfiles_remove() (async-signal-safe) unlinks whatever is tracked:
 * cli/ calls it from its signal handlers and at exit.
 */

/* mkstemp(tmpl), tracked; tmpl must stay allocated and unchanged until mlps_tmpfile_forget(). */
int mlps_tmpfile_open(char *tmpl);
/* Stops tracking path: call once it has been renamed or unlinked. */
void mlps_tmpfile_forget(const char *path);
/* Unlinks every tracked temporary file. Async-signal-safe. */
void mlps_tmpfiles_remove(void);

#endif
