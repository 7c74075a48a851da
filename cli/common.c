#include "common.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHIPPED_SET "gbt22239-2019"

void cli_errorf(const char *fmt, ...)
{
	va_list ap;

	fputs("mlps: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_report(const struct mlps_error *err)
{
	struct mlps_error *e = (struct mlps_error *)err;
	const char *msg = mlps_error_message(e);
	const char *line = msg;

	while (*line) {
		size_t len = strcspn(line, "\n");

		fprintf(stderr, "mlps: %.*s\n", (int)len, line);
		line += len;
		if (*line == '\n')
			line++;
	}
	return err->kind == MLPS_ERR_RUNTIME ? EXIT_RUNTIME : EXIT_USAGE;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mlps: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'mlps %s --help')\n", cmd);
	return EXIT_USAGE;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *cli_profile_dir(const struct cli *cli)
{
	struct strbuf sb = STRBUF_INIT;
	char exe[PATH_MAX];
	ssize_t n;

	if (cli->profiles)
		return mlps_strdup(cli->profiles);
	/* Run from the build tree: build/profiles links to the source's profiles/. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			strbuf_addf(&sb, "%s/profiles/%s", exe, SHIPPED_SET);
			if (is_dir(sb.buf))
				return strbuf_detach(&sb, NULL);
			strbuf_reset(&sb);
		}
	}
	strbuf_addf(&sb, "%s/profiles/%s", MLPS_DATADIR, SHIPPED_SET);
	return strbuf_detach(&sb, NULL);
}

struct mlps_catalog *cli_load_catalog(const struct cli *cli, int *status)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	char *dir = cli_profile_dir(cli);

	mlps_error_init(&err);
	cat = mlps_catalog_load(dir, &err);
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
