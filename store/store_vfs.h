/*
 * store_vfs.h - the VFS the store opens databases with (vfs.c): the default
 * one, except that reopening an existing write-ahead log does not fsync its
 * directory again. NULL (the default VFS) where that does not apply.
 */
#ifndef MLPS_STORE_VFS_H
#define MLPS_STORE_VFS_H

const char *mlps_store_vfs(void);

#endif
