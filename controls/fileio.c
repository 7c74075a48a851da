#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		mlps_error_set(err, errno == ENOENT || errno == ENOTDIR ? MLPS_ERR_INPUT : MLPS_ERR_RUNTIME,
			       "%s: cannot create: %s", path, strerror(errno));
		goto out;
	}
	/* mkstemp makes the file 0600; a report is an ordinary document. */
	fchmod(fd, 0644);
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: write failed: %s", path, strerror(errno));
			goto out;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
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
	strbuf_release(&tmp);
	return rc;
}
