/*
 * vfs.c - the default SQLite VFS with one change: an existing write-ahead
 * log is opened without SQLITE_OPEN_CREATE.
 *
 * SQLite opens the log with CREATE every time and then treats it as a new
 * file: its first sync also fsyncs the directory, so that the new name is
 * durable. With the log kept between processes (PERSIST_WAL, store.c) that
 * costs every `mlps answer` a second sync for a name that has long been on
 * disk. A log that already exists was made durable by the process that
 * created it, before that process's first commit returned; only for it is
 * the directory sync needed, and SQLite still does it then.
 */
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "store_vfs.h"

static sqlite3_vfs shim;

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
	sqlite3_vfs *base = vfs->pAppData;

	if ((flags & SQLITE_OPEN_WAL) && (flags & SQLITE_OPEN_CREATE) && name && access(name, F_OK) == 0)
		flags &= ~SQLITE_OPEN_CREATE;
	return base->xOpen(base, name, file, flags, out);
}

const char *mlps_store_vfs(void)
{
	sqlite3_vfs *base;

	if (shim.zName)
		return shim.zName;
	base = sqlite3_vfs_find(NULL);
	/* Only the Unix VFS is known to make new logs durable by a directory sync. */
	if (!base || strncmp(base->zName, "unix", 4))
		return NULL;
	shim = *base;
	shim.pNext = NULL;
	shim.zName = "mlps-unix";
	shim.pAppData = base;
	shim.xOpen = shim_open;
	if (sqlite3_vfs_register(&shim, 0) != SQLITE_OK) {
		memset(&shim, 0, sizeof(shim));
		return NULL;
	}
	return shim.zName;
}
