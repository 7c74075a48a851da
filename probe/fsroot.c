/*
 * fsroot.c - confined, read-only, non-blocking file access (fsroot.h).
 */
#define _GNU_SOURCE
#include "fsroot.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(SYS_openat2) && __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#define HAVE_OPENAT2 1
#endif

#define MAX_LINKS 40
#define MAX_DEPTH 256

static enum fsr_rc rc_errno(struct fsroot *fs, int e)
{
	fs->last_errno = e;
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		return FSR_MISSING;
	case EACCES:
	case EPERM:
		return FSR_DENIED;
	case ELOOP:
		return FSR_LOOP;
	case EXDEV:         /* RESOLVE_IN_ROOT never gives it, but be safe */
		return FSR_MISSING;
	default:
		return FSR_ERROR;
	}
}

int fsr_open(struct fsroot *fs, const char *root, struct mlps_error *err)
{
	memset(fs, 0, sizeof(*fs));
	fs->cap = FSR_DEFAULT_CAP;
	fs->root = mlps_strdup(root && *root ? root : "/");
	fs->rootfd = open(fs->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fs->rootfd < 0) {
		int e = errno;

		mlps_error_set(err, e == ENOENT || e == ENOTDIR ? MLPS_ERR_INPUT : MLPS_ERR_RUNTIME,
			       "%s: cannot open the root directory: %s", fs->root, strerror(e));
		free(fs->root);
		fs->root = NULL;
		return -1;
	}
#ifdef HAVE_OPENAT2
	{
		struct open_how how;
		int fd;

		memset(&how, 0, sizeof(how));
		how.flags = O_PATH | O_CLOEXEC;
		how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
		fd = (int)syscall(SYS_openat2, fs->rootfd, ".", &how, sizeof(how));
		if (fd >= 0) {
			fs->openat2 = true;
			close(fd);
		}
	}
#endif
	return 0;
}

void fsr_close(struct fsroot *fs)
{
	if (fs->rootfd >= 0 && fs->root)
		close(fs->rootfd);
	free(fs->root);
	fs->root = NULL;
	fs->rootfd = -1;
}

/*
 * The walk: resolves path under the root one component at a time. Leaves
 * *dirfd open on the directory holding the last component and *name
 * pointing at it (in `buf`), with every symlink on the way, including the
 * last one unless nofollow, resolved as if the root were "/". Returns an
 * fsr_rc; on FSR_OK the caller closes *dirfd. The last component is only
 * stat()ed (into *st), never opened.
 */
static enum fsr_rc walk(struct fsroot *fs, const char *path, bool nofollow, int *dirfd, struct strbuf *buf,
			struct stat *st)
{
	int stack[MAX_DEPTH];
	int depth = 0, links = 0, cur;
	struct strbuf todo = STRBUF_INIT;
	enum fsr_rc rc = FSR_OK;
	size_t pos = 0;

	cur = dup(fs->rootfd);
	if (cur < 0)
		return rc_errno(fs, errno);
	strbuf_adds(&todo, path);
	for (;;) {
		size_t start, end;
		char *comp;
		bool last;

		while (pos < todo.len && todo.buf[pos] == '/')
			pos++;
		if (pos >= todo.len) {
			/* The path named a directory (or the root itself): stat it. */
			strbuf_reset(buf);
			strbuf_adds(buf, ".");
			if (fstatat(cur, ".", st, 0) != 0)
				rc = rc_errno(fs, errno);
			break;
		}
		start = pos;
		while (pos < todo.len && todo.buf[pos] != '/')
			pos++;
		end = pos;
		while (pos < todo.len && todo.buf[pos] == '/')
			pos++;
		last = pos >= todo.len;
		strbuf_reset(buf);
		strbuf_add(buf, todo.buf + start, end - start);
		comp = buf->buf;
		if (!strcmp(comp, ".")) {
			if (last) {
				if (fstatat(cur, ".", st, 0) != 0)
					rc = rc_errno(fs, errno);
				break;
			}
			continue;
		}
		if (!strcmp(comp, "..")) {
			/* Never above the root: ".." of the root is the root. */
			if (depth > 0) {
				close(cur);
				cur = stack[--depth];
			}
			if (last) {
				strbuf_reset(buf);
				strbuf_adds(buf, ".");
				if (fstatat(cur, ".", st, 0) != 0)
					rc = rc_errno(fs, errno);
				break;
			}
			continue;
		}
		if (fstatat(cur, comp, st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = rc_errno(fs, errno);
			break;
		}
		if (S_ISLNK(st->st_mode) && !(last && nofollow)) {
			char target[4096];
			ssize_t n;
			struct strbuf next = STRBUF_INIT;

			if (++links > MAX_LINKS) {
				rc = FSR_LOOP;
				break;
			}
			n = readlinkat(cur, comp, target, sizeof(target) - 1);
			if (n < 0) {
				rc = rc_errno(fs, errno);
				break;
			}
			target[n] = '\0';
			if (target[0] == '/') {
				/* Absolute: starts again at the root, not at the host's "/". */
				while (depth > 0)
					close(stack[--depth]);
				close(cur);
				cur = dup(fs->rootfd);
				if (cur < 0) {
					rc = rc_errno(fs, errno);
					break;
				}
			}
			strbuf_adds(&next, target);
			if (!last) {
				strbuf_addch(&next, '/');
				strbuf_add(&next, todo.buf + pos, todo.len - pos);
			}
			strbuf_release(&todo);
			todo = next;
			pos = 0;
			continue;
		}
		if (last)
			break;      /* cur holds it; buf names it */
		if (!S_ISDIR(st->st_mode)) {
			rc = FSR_MISSING;
			fs->last_errno = ENOTDIR;
			break;
		}
		if (depth == MAX_DEPTH) {
			rc = FSR_LOOP;
			break;
		}
		{
			int nfd = openat(cur, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (nfd < 0) {
				rc = rc_errno(fs, errno);
				break;
			}
			stack[depth++] = cur;
			cur = nfd;
		}
	}
	while (depth > 0)
		close(stack[--depth]);
	strbuf_release(&todo);
	if (rc != FSR_OK) {
		close(cur);
		return rc;
	}
	*dirfd = cur;
	return FSR_OK;
}

#ifdef HAVE_OPENAT2
static int open_in_root(struct fsroot *fs, const char *path, int flags)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)(flags | O_CLOEXEC);
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	while (*path == '/')
		path++;
	return (int)syscall(SYS_openat2, fs->rootfd, *path ? path : ".", &how, sizeof(how));
}
#endif

enum fsr_rc fsr_stat(struct fsroot *fs, const char *path, bool nofollow, struct stat *st)
{
	struct strbuf name = STRBUF_INIT;
	enum fsr_rc rc;
	int dirfd;

#ifdef HAVE_OPENAT2
	if (fs->openat2 && !fs->force_walk && !nofollow) {
		int fd = open_in_root(fs, path, O_PATH);

		if (fd < 0)
			return rc_errno(fs, errno);
		rc = fstat(fd, st) == 0 ? FSR_OK : rc_errno(fs, errno);
		close(fd);
		return rc;
	}
#endif
	rc = walk(fs, path, nofollow, &dirfd, &name, st);
	if (rc == FSR_OK)
		close(dirfd);
	strbuf_release(&name);
	return rc;
}

/* Reads an open regular file up to the cap. */
static enum fsr_rc read_fd(struct fsroot *fs, int fd, char **buf, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char chunk[16384];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			strbuf_release(&sb);
			return rc_errno(fs, errno);
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > fs->cap) {
			strbuf_release(&sb);
			return FSR_TOOBIG;
		}
		strbuf_add(&sb, chunk, (size_t)n);
	}
	*buf = strbuf_detach(&sb, len);
	return FSR_OK;
}

enum fsr_rc fsr_read(struct fsroot *fs, const char *path, char **buf, size_t *len)
{
	struct strbuf name = STRBUF_INIT;
	struct stat st, st2;
	enum fsr_rc rc;
	int fd = -1, dirfd = -1;

	*buf = NULL;
	*len = 0;
#ifdef HAVE_OPENAT2
	if (fs->openat2 && !fs->force_walk) {
		/* First an O_PATH handle to look at the file without opening it. */
		int pfd = open_in_root(fs, path, O_PATH);

		if (pfd < 0)
			return rc_errno(fs, errno);
		if (fstat(pfd, &st) != 0) {
			rc = rc_errno(fs, errno);
			close(pfd);
			return rc;
		}
		close(pfd);
		if (!S_ISREG(st.st_mode))
			return FSR_NOTREG;
		if ((size_t)st.st_size > fs->cap)
			return FSR_TOOBIG;
		fd = open_in_root(fs, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
		if (fd < 0)
			return rc_errno(fs, errno);
		goto opened;
	}
#endif
	rc = walk(fs, path, false, &dirfd, &name, &st);
	if (rc != FSR_OK)
		goto out;
	if (!S_ISREG(st.st_mode)) {
		rc = FSR_NOTREG;
		goto out;
	}
	if ((size_t)st.st_size > fs->cap) {
		rc = FSR_TOOBIG;
		goto out;
	}
	fd = openat(dirfd, name.buf, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		rc = rc_errno(fs, errno);
		goto out;
	}
#ifdef HAVE_OPENAT2
opened:
#endif
	/* What was opened must be what was looked at: a swap in between is refused. */
	if (fstat(fd, &st2) != 0 || !S_ISREG(st2.st_mode) || st2.st_ino != st.st_ino || st2.st_dev != st.st_dev) {
		rc = FSR_NOTREG;
		goto out;
	}
	rc = read_fd(fs, fd, buf, len);
out:
	if (fd >= 0)
		close(fd);
	if (dirfd >= 0)
		close(dirfd);
	strbuf_release(&name);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool skipped_name(const char *n)
{
	size_t len = strlen(n);

	return n[0] == '.' || (len && n[len - 1] == '~') || strstr(n, ".dpkg-") || strstr(n, ".rpmnew") ||
	       strstr(n, ".rpmsave");
}

enum fsr_rc fsr_expand(struct fsroot *fs, const char *pattern, bool dir_all, char ***out, size_t *n)
{
	const char *slash = strrchr(pattern, '/');
	const char *base = slash ? slash + 1 : pattern;
	struct strbuf dir = STRBUF_INIT, name = STRBUF_INIT;
	char **v = NULL;
	size_t cnt = 0, alloc = 0;
	enum fsr_rc rc = FSR_OK;
	struct stat st;
	DIR *d = NULL;
	struct dirent *de;
	int dfd = -1;

	*out = NULL;
	*n = 0;
	if (!dir_all && !strpbrk(base, "*?[")) {
		v = mlps_malloc(sizeof(*v));
		v[0] = mlps_strdup(pattern);
		*out = v;
		*n = 1;
		return FSR_OK;
	}
	if (dir_all) {
		strbuf_adds(&dir, pattern);
		base = "*";
	} else {
		strbuf_add(&dir, pattern, (size_t)(base - pattern));
	}
	/* Open the directory confined, then list it. */
#ifdef HAVE_OPENAT2
	if (fs->openat2 && !fs->force_walk) {
		dfd = open_in_root(fs, dir.buf, O_RDONLY | O_DIRECTORY);
		if (dfd < 0)
			rc = rc_errno(fs, errno);
	} else
#endif
	{
		int parent = -1;

		rc = walk(fs, dir.buf, false, &parent, &name, &st);
		if (rc == FSR_OK) {
			if (!S_ISDIR(st.st_mode))
				rc = FSR_NOTREG;
			else if ((dfd = openat(parent, name.buf, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
				rc = rc_errno(fs, errno);
			close(parent);
		}
	}
	if (rc != FSR_OK)
		goto out;
	d = fdopendir(dfd);
	if (!d) {
		rc = rc_errno(fs, errno);
		close(dfd);
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		struct strbuf p = STRBUF_INIT;

		if (skipped_name(de->d_name) || fnmatch(base, de->d_name, FNM_PERIOD) != 0)
			continue;
		if (cnt >= 4096)
			break;  /* a directory of thousands of config files is not a config directory */
		strbuf_adds(&p, dir.buf);
		if (!p.len || p.buf[p.len - 1] != '/')
			strbuf_addch(&p, '/');
		strbuf_adds(&p, de->d_name);
		mlps_grow((void **)&v, &alloc, cnt + 1, sizeof(*v));
		v[cnt++] = strbuf_detach(&p, NULL);
	}
	closedir(d);
	if (cnt > 1)
		qsort(v, cnt, sizeof(*v), cmp_str);
	*out = v;
	*n = cnt;
out:
	strbuf_release(&dir);
	strbuf_release(&name);
	return rc;
}

void fsr_free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

const char *fsr_rc_text(enum fsr_rc rc)
{
	switch (rc) {
	case FSR_OK:
		return "ok";
	case FSR_MISSING:
		return "no such file";
	case FSR_DENIED:
		return "permission denied (not readable without root)";
	case FSR_NOTREG:
		return "not a regular file (FIFO, device, socket or directory): not read";
	case FSR_TOOBIG:
		return "larger than the size cap: not read";
	case FSR_LOOP:
		return "too many symbolic links";
	default:
		return "cannot be read";
	}
}
