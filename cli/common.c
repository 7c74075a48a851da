#include "common.h"

#include <errno.h>

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "usertext.h"

#define SHIPPED_SET "gbt22239-2019"

static enum mlps_lang message_lang = MLPS_LANG_EN;

void cli_set_message_lang(enum mlps_lang lang)
{
	message_lang = lang;
}

/*
 * Messages made below cli/ are English; the ones a user meets most have a
 * Chinese form here. A pattern's "*" captures text up to the next literal
 * part; "$N" in the translation puts the Nth capture back.
 */
static const char *const translations[][2] = {
	{ "assessment * is final (signed off); reopen it with 'mlps reopen * --reason TEXT' to change it; nothing "
	  "was changed", "评估 $1 已定稿（已签署）；要修改请先用 'mlps reopen $2 --reason 理由' 重新打开；未作任何修改" },
	{ "assessment * is final (signed off); deleting it needs --force; nothing was deleted",
	  "评估 $1 已定稿（已签署）；删除需要 --force；未删除任何内容" },
	{ "assessment * is the base of re-audit *; delete * first; nothing was deleted",
	  "评估 $1 是复评 $2 的基础；请先删除 $3；未删除任何内容" },
	{ "no assessment * in * (see 'mlps list')", "$2 中没有评估 $1（见 'mlps list'）" },
	{ "no database at *", "$1 处没有数据库" },
	{ "*: not applicable (na) needs a reason (--reason)", "$1：不适用（na）需要理由（--reason）" },
	{ "*: a risk override needs the mitigating measure that justifies it (--mitigation)",
	  "$1：调整风险需要写明支持它的缓解措施（--mitigation）" },
	{ "*: due date '*' is not a date of the form YYYY-MM-DD", "$1：完成期限 '$2' 不是 YYYY-MM-DD 形式的日期" },
	{ "assessment * has no object named '*' (see 'mlps object list *'); nothing was changed",
	  "评估 $1 没有名为 '$2' 的测评对象（见 'mlps object list $3'）；未作任何修改" },
	{ "'*' is not an assessment number (see 'mlps list')", "'$1' 不是评估编号（见 'mlps list'）" },
	{ "no requirement has the ID or key '*' (see 'mlps catalog list')",
	  "没有编号或键为 '$1' 的要求（见 'mlps catalog list'）" },
};

#define MAX_CAPTURES 4

/* Matches msg against pattern; fills caps (start, length). */
static bool match(const char *pat, const char *msg, const char *caps[MAX_CAPTURES], size_t lens[MAX_CAPTURES],
		  int *n)
{
	while (*pat) {
		if (*pat == '*') {
			const char *lit = ++pat, *next = strchr(lit, '*');
			size_t litlen = next ? (size_t)(next - lit) : strlen(lit);
			const char *at;

			if (*n == MAX_CAPTURES)
				return false;
			if (!litlen) {
				at = msg + strlen(msg);
			} else if (!next) {
				/* The last literal ends the message. */
				size_t ml = strlen(msg);

				if (ml < litlen || strcmp(msg + ml - litlen, lit))
					return false;
				at = msg + ml - litlen;
			} else {
				char *tmp = mlps_strndup(lit, litlen);

				at = strstr(msg, tmp);
				free(tmp);
				if (!at)
					return false;
			}
			caps[*n] = msg;
			lens[(*n)++] = (size_t)(at - msg);
			msg = at;
			continue;
		}
		if (*pat++ != *msg++)
			return false;
	}
	return *msg == '\0';
}

/* The message in the user's language when there is a translation; else as it is. */
static void translate(struct strbuf *out, const char *msg, size_t len)
{
	const char *caps[MAX_CAPTURES];
	size_t lens[MAX_CAPTURES], i;
	char *copy = mlps_strndup(msg, len);
	int n;

	for (i = 0; message_lang == MLPS_LANG_ZH && i < sizeof(translations) / sizeof(translations[0]); i++) {
		const char *t;

		n = 0;
		if (!match(translations[i][0], copy, caps, lens, &n))
			continue;
		for (t = translations[i][1]; *t; t++) {
			if (*t == '$' && t[1] >= '1' && t[1] < '1' + n) {
				strbuf_add(out, caps[t[1] - '1'], lens[t[1] - '1']);
				t++;
			} else {
				strbuf_addch(out, *t);
			}
		}
		free(copy);
		return;
	}
	strbuf_add(out, msg, len);
	free(copy);
}

/* Prints "mlps: ", then the message on one line with controls shown as \xNN. */
static void print_error(const char *cmd, const char *fmt, va_list ap)
{
	struct strbuf msg = STRBUF_INIT, line = STRBUF_INIT;

	strbuf_vaddf(&msg, fmt, ap);
	strbuf_adds(&line, "mlps: ");
	if (cmd)
		strbuf_addf(&line, "%s: ", cmd);
	{
		struct strbuf tr = STRBUF_INIT;

		translate(&tr, msg.buf, msg.len);
		strbuf_add_visible(&line, tr.buf, tr.len, 0);
		strbuf_release(&tr);
	}
	strbuf_addch(&line, '\n');
	fputs(line.buf, stderr);
	strbuf_release(&msg);
	strbuf_release(&line);
}

void cli_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_error(NULL, fmt, ap);
	va_end(ap);
}

int cli_report(const struct mlps_error *err)
{
	struct mlps_error *e = (struct mlps_error *)err;
	const char *msg = mlps_error_message(e);
	const char *line = msg;

	while (*line) {
		size_t len = strcspn(line, "\n");

		struct strbuf out = STRBUF_INIT;

		/* Messages are escaped when recorded (util.c); this is for any that were not. */
		struct strbuf tr = STRBUF_INIT;

		strbuf_adds(&out, "mlps: ");
		translate(&tr, line, len);
		strbuf_add_visible(&out, tr.buf, tr.len, 0);
		strbuf_release(&tr);
		fprintf(stderr, "%s\n", out.buf);
		strbuf_release(&out);
		line += len;
		if (*line == '\n')
			line++;
	}
	return err->kind == MLPS_ERR_INPUT ? EXIT_USAGE : EXIT_RUNTIME;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_error(cmd, fmt, ap);
	va_end(ap);
	fprintf(stderr, message_lang == MLPS_LANG_ZH ? "（见 'mlps %s --help'）\n" : "(see 'mlps %s --help')\n", cmd);
	return EXIT_USAGE;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The places the shipped profile set may be, in order: beside an installed
 * binary (<bindir>/../share/mlps/profiles, so that a moved or packaged
 * install works from any directory), beside a binary in the build tree
 * (build/profiles links to the source's profiles/), and the data directory
 * the build was configured with. Fills up to max paths (caller frees each).
 */
static size_t profile_candidates(char **out, size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	char exe[PATH_MAX];
	ssize_t n;
	size_t k = 0;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			strbuf_addf(&sb, "%s/../share/mlps/profiles/%s", exe, SHIPPED_SET);
			if (k < max)
				out[k++] = strbuf_detach(&sb, NULL);
			strbuf_addf(&sb, "%s/profiles/%s", exe, SHIPPED_SET);
			if (k < max)
				out[k++] = strbuf_detach(&sb, NULL);
		}
	}
	strbuf_addf(&sb, "%s/profiles/%s", MLPS_DATADIR, SHIPPED_SET);
	if (k < max)
		out[k++] = strbuf_detach(&sb, NULL);
	strbuf_release(&sb);
	return k;
}

char *cli_profile_dir(const struct cli *cli)
{
	char *cand[3], *found = NULL;
	size_t n, i;

	if (cli->profiles)
		return mlps_strdup(cli->profiles);
	n = profile_candidates(cand, 3);
	for (i = 0; i < n; i++) {
		if (!found && is_dir(cand[i]))
			found = cand[i];
		else
			free(cand[i]);
	}
	return found;
}

struct mlps_catalog *cli_load_catalog(const struct cli *cli, int *status)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	char *dir = cli_profile_dir(cli);

	if (!dir) {
		/* A broken installation: say where we looked, and how to point elsewhere. */
		struct strbuf where = STRBUF_INIT;
		char *cand[3];
		size_t n = profile_candidates(cand, 3), i;

		for (i = 0; i < n; i++) {
			strbuf_addf(&where, "%s%s", i ? ", " : "", cand[i]);
			free(cand[i]);
		}
		cli_errorf("no profiles found (looked in %s); reinstall mlps, or give --profiles DIR or "
			   "MLPS_PROFILES", where.buf);
		strbuf_release(&where);
		*status = EXIT_RUNTIME;
		return NULL;
	}
	mlps_error_init(&err);
	/* From the compiled cache when it is current (controls/catcache.h). */
	cat = mlps_catalog_open(dir, &err);
	if (!cat)
		*status = cli_report(&err);
	mlps_error_release(&err);
	free(dir);
	return cat;
}

int cli_parse_lang(const char *s, enum mlps_lang *out)
{
	if (!strcmp(s, "zh")) {
		*out = MLPS_LANG_ZH;
		return 0;
	}
	if (!strcmp(s, "en")) {
		*out = MLPS_LANG_EN;
		return 0;
	}
	return -1;
}

/*
 * The language of messages when --lang is not given: Chinese only for a
 * locale that says so (zh_*); an unset, C or POSIX locale keeps the
 * untranslated English, as a script expects. (Catalogue text defaults to
 * Chinese instead: see cli_locale_lang.)
 */
enum mlps_lang cli_message_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return !strncmp(v, "zh", 2) ? MLPS_LANG_ZH : MLPS_LANG_EN;
	}
	return MLPS_LANG_EN;
}

enum mlps_lang cli_locale_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);

		if (!v || !*v)
			continue;
		if (!strncmp(v, "zh", 2) || !strcmp(v, "C") || !strncmp(v, "C.", 2) ||
		    !strcmp(v, "POSIX"))
			return MLPS_LANG_ZH;
		return MLPS_LANG_EN;
	}
	return MLPS_LANG_ZH;
}

int cli_parse_level(const char *s, int *out)
{
	if (s[0] >= '0' + MLPS_LEVEL_MIN && s[0] <= '0' + MLPS_LEVEL_MAX && s[1] == '\0') {
		*out = s[0] - '0';
		return 0;
	}
	return -1;
}

struct mlps_store *cli_open_store(const struct cli *cli, bool create, int *status)
{
	struct mlps_error err;
	struct mlps_store *st;
	char *path = cli->db ? mlps_strdup(cli->db) : mlps_store_default_path();
	bool created = false;

	mlps_error_init(&err);
	st = mlps_store_open_ex(path, create, &created, &err);
	if (!st)
		*status = cli_report(&err);
	else if (created)
		cli_errorf("created a new database at %s", path);
	mlps_error_release(&err);
	free(path);
	return st;
}

int cli_open_catalog_and_store(const struct cli *cli, struct mlps_catalog **cat, struct mlps_store **st,
			       int *status)
{
	*st = NULL;
	*cat = cli_load_catalog(cli, status);
	if (!*cat)
		return -1;
	*st = cli_open_store(cli, false, status);
	if (!*st) {
		mlps_catalog_free(*cat);
		*cat = NULL;
		return -1;
	}
	/* Every change keeps the assessment's summary current, and listing reads it. */
	mlps_store_set_catalog(*st, *cat);
	return 0;
}

int cli_parse_id(const char *s, long long *out)
{
	char *end;
	long long v;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 15)
		return -1;
	v = strtoll(s, &end, 10);
	if (v <= 0)
		return -1;
	*out = v;
	return 0;
}

int cli_open_assessment(const struct cli *cli, const char *id_arg, const char *cmd,
			struct mlps_catalog **cat, struct mlps_store **st,
			struct mlps_assessment **a, int *status)
{
	struct mlps_error err;
	long long id;

	*cat = NULL;
	*st = NULL;
	*a = NULL;
	if (cli_parse_id(id_arg, &id)) {
		*status = cli_usage(cmd, "'%s' is not an assessment number (see 'mlps list')", id_arg);
		return -1;
	}
	if (cli_open_catalog_and_store(cli, cat, st, status))
		return -1;
	mlps_error_init(&err);
	*a = mlps_store_load(*st, id, &err);
	if (!*a) {
		*status = cli_report(&err);
		mlps_error_release(&err);
		goto fail;
	}
	mlps_error_release(&err);
	return 0;
fail:
	mlps_store_close(*st);
	mlps_catalog_free(*cat);
	*st = NULL;
	*cat = NULL;
	return -1;
}

int cli_write_stdout(const char *s)
{
	size_t len = strlen(s);

	if (fwrite(s, 1, len, stdout) != len || fflush(stdout) != 0) {
		cli_errorf("cannot write the output: %s", strerror(errno));
		/* Reported: main's final check must not say it again. */
		clearerr(stdout);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int cli_print_created(const char *cmd, long long id)
{
	printf("%lld\n", id);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_errorf("%s: assessment %lld was created, but its number could not be written: %s "
			   "(find it with 'mlps list')", cmd, id, strerror(errno));
		clearerr(stdout);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int cli_write_text(const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	int status = cli_write_stdout(mlps_visible(&tmp, s, MLPS_VIS_MULTILINE));

	strbuf_release(&tmp);
	return status;
}

int cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return 0;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	}
	return 0;
}

const struct mlps_requirement *cli_find_requirement(const struct cli *cli, const struct mlps_catalog *cat,
						    const struct mlps_assessment *a, const char *arg,
						    const char *cmd)
{
	const struct mlps_requirement *r = mlps_catalog_find(cat, arg);
	int l;

	if (!r) {
		cli_errorf("%s: no requirement has the ID or key '%s' (see 'mlps catalog list')", cmd, arg);
		return NULL;
	}
	/* An ID of another level is taken, but never silently: say what it is at this level. */
	for (l = MLPS_LEVEL_MIN; l <= MLPS_LEVEL_MAX; l++) {
		if (l == a->level || !r->ids[l] || strcmp(r->ids[l], arg) || !r->ids[a->level])
			continue;
		if (cli->lang == MLPS_LANG_EN)
			cli_errorf("%s: note: %s is %s at level %d", cmd, arg, r->ids[a->level], a->level);
		else
			cli_errorf("%s: 注意：%s 在第%d级中为 %s", cmd, arg, a->level, r->ids[a->level]);
	}
	return r;
}
