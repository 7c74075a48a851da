#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The tracked temporary files. A handful at most are open at once (a report
 * file and the XLSX scratch workbook); the slots are read from signal
 * handlers, hence volatile pointers and no locking beyond blocking the
 * terminating signals while a slot is filled.
 */
#define TRACKED_MAX 8
static const char *volatile tracked[TRACKED_MAX];
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

int mlps_tmpfile_open(char *tmpl)
{
	sigset_t block, old;
	size_t i;
	int fd, saved;

	/* Between mkstemp() and the slot being set, a signal would leak the file. */
	sigemptyset(&block);
	for (i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		sigaddset(&block, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	fd = mkstemp(tmpl);
	saved = errno;
	if (fd >= 0)
		for (i = 0; i < TRACKED_MAX; i++)
			if (!tracked[i]) {
				tracked[i] = tmpl;
				break;
			}
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return fd;
}

void mlps_tmpfile_forget(const char *path)
{
	size_t i;

	/* After a rename or unlink the name no longer exists: a signal arriving
	 * before the slot is cleared unlinks nothing. */
	for (i = 0; i < TRACKED_MAX; i++)
		if (tracked[i] == path)
			tracked[i] = NULL;
}

void mlps_tmpfiles_remove(void)
{
	size_t i;

	for (i = 0; i < TRACKED_MAX; i++) {
		const char *p = tracked[i];

		if (p) {
			unlink(p);
			tracked[i] = NULL;
		}
	}
}

int mlps_write_file_atomic(const char *path, const void *data, size_t len, bool replace,
			   struct mlps_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p = data;
	struct stat st;
	int fd = -1, rc = -1;

	if (!replace && lstat(path, &st) == 0)
		return mlps_error_set(err, MLPS_ERR_INPUT,
				      "%s: already exists; use --force to replace it", path);
	strbuf_addf(&tmp, "%s.tmp-XXXXXX", path);
	fd = mlps_tmpfile_open(tmp.buf);
	if (fd < 0) {
		mlps_error_set(err, errno == ENOENT || errno == ENOTDIR ? MLPS_ERR_INPUT : MLPS_ERR_RUNTIME,
			       "%s: cannot create: %s", path, strerror(errno));
		goto out;
	}
	/* mkstemp makes the file 0600, whatever the umask; it stays so (fileio.h). */
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* EFBIG past `ulimit -f`: cli/ ignores SIGXFSZ so that it ends up here. */
			mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: write failed: %s", path, strerror(errno));
			goto out;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0) {
		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: write failed: %s", path, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: write failed: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (!replace && lstat(path, &st) == 0) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: already exists; use --force to replace it", path);
		goto out;
	}
	if (rename(tmp.buf, path) != 0) {
		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot rename into place: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp.buf);
	mlps_tmpfile_forget(tmp.buf);
	strbuf_release(&tmp);
	return rc;
}
