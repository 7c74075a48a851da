#include "yamldoc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "utf8.h"

/* A collection being built: its node and where its children start on the kid stack. */
struct frame {
	struct ynode *node;
	size_t first;
};

/* Children of every open collection, innermost last; one buffer for the whole parse. */
struct kids {
	struct ynode **v;
	size_t n, alloc;
};

/*
 * Line and column (1-based, in characters) of byte offset `off`. Lines are
 * counted with memchr() and only the last one is walked character by
 * character: on a 100 KiB file with a bad byte near its end this was a
 * sixth of the loader fuzzer's time.
 */
static void offset_position(const char *buf, size_t off, unsigned *line, unsigned *col)
{
	const char *p = buf, *end = buf + off, *nl;

	*line = 1;
	*col = 1;
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		(*line)++;
		p = nl + 1;
	}
	for (; p < end; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			(*col)++;
}

static struct ynode *new_node(struct arena *a, enum ynode_type type, const yaml_mark_t *m)
{
	struct ynode *n = arena_alloc(a, sizeof(*n));

	n->type = type;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void add_child(struct kids *k, struct ynode *child)
{
	mlps_grow((void **)&k->v, &k->alloc, k->n + 1, sizeof(*k->v));
	k->v[k->n++] = child;
}

/* Moves a finished collection's children off the kid stack into the arena. */
static void close_frame(struct arena *a, struct frame *f, struct kids *k)
{
	struct ynode *node = f->node;
	size_t n = k->n - f->first;

	node->items = arena_alloc(a, (n ? n : 1) * sizeof(*node->items));
	if (n)
		memcpy(node->items, k->v + f->first, n * sizeof(*node->items));
	node->n = node->type == YN_MAP ? n / 2 : n;
	k->n = f->first;
}

static int parser_error(yaml_parser_t *p, const char *file, const char *buf, struct mlps_error *err)
{
	unsigned line = (unsigned)p->problem_mark.line + 1;
	unsigned col = (unsigned)p->problem_mark.column + 1;

	if (p->error == YAML_READER_ERROR)
		offset_position(buf, p->problem_offset, &line, &col);
	if (p->context)
		return mlps_error_at(err, file, line, col, "YAML syntax error: %s %s (begun at line %u)",
				     p->problem ? p->problem : "unknown problem", p->context,
				     (unsigned)p->context_mark.line + 1);
	return mlps_error_at(err, file, line, col, "YAML syntax error: %s",
			     p->problem ? p->problem : "unknown problem");
}

struct ynode *ydoc_parse(struct arena *a, struct arena *strings, const char *file,
			 const char *buf, size_t len, struct mlps_error *err)
{
	struct frame stack[YDOC_MAX_DEPTH + 1];
	struct kids kids = { NULL, 0, 0 };
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *root = NULL, *result = NULL;
	int depth = 0, documents = 0, done = 0;
	size_t bad;

	memset(stack, 0, sizeof(stack));
	if (!mlps_utf8_valid(buf, len, &bad)) {
		unsigned line, col;

		offset_position(buf, bad, &line, &col);
		mlps_error_at(err, file, line, col, "invalid UTF-8 (byte 0x%02x at offset %zu)",
			      (unsigned char)buf[bad], bad);
		return NULL;
	}
	if (memchr(buf, '\0', len)) {
		unsigned line, col;

		offset_position(buf, (size_t)((const char *)memchr(buf, '\0', len) - buf), &line, &col);
		mlps_error_at(err, file, line, col, "NUL byte in a text file");
		return NULL;
	}
	if (!yaml_parser_initialize(&parser)) {
		mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: cannot initialise the YAML parser", file);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	while (!done) {
		struct ynode *node = NULL;

		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(&parser, file, buf, err);
			goto out;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				mlps_error_at(err, file, ev.start_mark.line + 1, ev.start_mark.column + 1,
					      "a second YAML document; a profile file holds exactly one");
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_ALIAS_EVENT:
			mlps_error_at(err, file, ev.start_mark.line + 1, ev.start_mark.column + 1,
				      "YAML alias '*%s' refused: profiles may not use anchors or aliases",
				      (const char *)ev.data.alias.anchor);
			yaml_event_delete(&ev);
			goto out;
		case YAML_SCALAR_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT: {
			const yaml_char_t *anchor = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.anchor
						    : ev.type == YAML_MAPPING_START_EVENT ? ev.data.mapping_start.anchor
						    : ev.data.sequence_start.anchor;
			if (anchor) {
				mlps_error_at(err, file, ev.start_mark.line + 1, ev.start_mark.column + 1,
					      "YAML anchor '&%s' refused: profiles may not use anchors or aliases",
					      (const char *)anchor);
				yaml_event_delete(&ev);
				goto out;
			}
			if (ev.type == YAML_SCALAR_EVENT) {
				node = new_node(a, YN_SCALAR, &ev.start_mark);
				node->str = arena_strndup(strings, (const char *)ev.data.scalar.value,
							  ev.data.scalar.length);
				node->len = ev.data.scalar.length;
				node->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				break;
			}
			if (depth == YDOC_MAX_DEPTH) {
				mlps_error_at(err, file, ev.start_mark.line + 1, ev.start_mark.column + 1,
					      "nesting deeper than %d levels", YDOC_MAX_DEPTH);
				yaml_event_delete(&ev);
				goto out;
			}
			node = new_node(a, ev.type == YAML_MAPPING_START_EVENT ? YN_MAP : YN_SEQ,
					&ev.start_mark);
			if (depth > 0)
				add_child(&kids, node);
			else
				root = node;
			stack[depth].node = node;
			stack[depth++].first = kids.n;
			node = NULL;   /* already placed */
			break;
		}
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			close_frame(a, &stack[--depth], &kids);
			break;
		default:
			break;
		}
		if (node) {
			if (depth > 0)
				add_child(&kids, node);
			else
				root = node;
		}
		yaml_event_delete(&ev);
	}
	if (!root) {
		mlps_error_at(err, file, 1, 1, "the file is empty");
		goto out;
	}
	result = root;
out:
	free(kids.v);
	yaml_parser_delete(&parser);
	return result;
}

/* What kind of non-regular file st is, for the refusal message. */
static const char *file_kind(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "a directory";
	if (S_ISFIFO(st->st_mode))
		return "a FIFO";
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return "a device";
	if (S_ISSOCK(st->st_mode))
		return "a socket";
	return "not a regular file";
}

/*
 * The path is untrusted (a profile folder, an import file): a FIFO named
 * *.yaml would block open() and read() forever, and a device may never end.
 * So it is checked with stat() before it is opened, opened non-blocking (a
 * FIFO then opens at once), and checked again on the descriptor in case it
 * was swapped in between; only a regular file is read.
 */
int ydoc_read_file(const char *path, size_t limit, char **out, size_t *len, struct mlps_error *err)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0;
	int fd;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: %s, not a regular file: refused", path,
				      file_kind(&st));
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return mlps_error_set(err, errno == ENOENT ? MLPS_ERR_INPUT : MLPS_ERR_RUNTIME,
				      "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: %s, not a regular file: refused", path,
				      file_kind(&st));
	}
	if ((unsigned long long)st.st_size > limit) {
		close(fd);
		return mlps_error_set(err, MLPS_ERR_INPUT,
				      "%s: file is %lld bytes, over the limit of %zu bytes", path,
				      (long long)st.st_size, limit);
	}
	buf = mlps_malloc((size_t)st.st_size + 1);
	/* A file that grew since fstat() is read up to the size it had then. */
	while (n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			free(buf);
			return mlps_error_set(err, MLPS_ERR_RUNTIME, "%s: read failed: %s", path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
