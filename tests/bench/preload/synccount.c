/*
 * synccount.c - an LD_PRELOAD library for bench-speed.sh: counts fdatasync()
 * and fsync() calls and appends the count to $MLPS_SYNC_COUNT_FILE at exit.
 * Built by the script with the system compiler, not by CMake (not a benchmark
 * program of its own).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long calls;

int fdatasync(int fd)
{
	static int (*real)(int);

	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "fdatasync");
	calls++;
	return real(fd);
}

int fsync(int fd)
{
	static int (*real)(int);

	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	calls++;
	return real(fd);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("MLPS_SYNC_COUNT_FILE");
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	fprintf(f, "%lu\n", calls);
	fclose(f);
}
