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

int mlps_write_file_atomic(const char *path, const void *data, size_t len, bool replace,
			   struct mlps_error *err);

#endif
