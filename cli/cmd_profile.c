/*
 * cmd_profile.c - `mlps profile validate FILE|DIR...`.
 *
 * A FILE is checked on its own; a DIR is searched recursively and every
 * directory in it that holds *.yaml files is loaded as one profile set, so
 * that cross-file rules (unique IDs, scenario references) are checked too.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "usertext.h"

static const char validate_usage[] =
	"usage: mlps profile validate FILE|DIR...\n"
	"\n"
	"Checks profile files against the schema (docs/profile-format.md). A directory\n"
	"is searched recursively; each directory holding *.yaml files is one profile\n"
	"set. Every problem is printed as file:line:column: path: message.\n"
	"Exit status 0 when everything is valid, 2 otherwise.\n";

struct tally {
	int sets, bad;
};

static void report_set(const char *what, const struct mlps_catalog *cat, struct tally *t)
{
	struct strbuf vis = STRBUF_INIT;

	t->sets++;
	printf("ok: %s: %zu requirements, %zu scenarios, %s rules, hash %s\n", mlps_visible(&vis, what, 0),
	       mlps_catalog_n_requirements(cat), mlps_catalog_n_scenarios(cat),
	       mlps_catalog_rules(cat) ? "with" : "no", mlps_catalog_hash(cat));
	strbuf_release(&vis);
}

static void check(struct mlps_catalog *cat, struct mlps_error *err, const char *what,
		  struct tally *t)
{
	if (cat) {
		report_set(what, cat, t);
		mlps_catalog_free(cat);
	} else {
		t->sets++;
		t->bad++;
		cli_report(err);
	}
}

static int has_yaml(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		found = de->d_name[0] != '.' && len > 5 && !strcmp(de->d_name + len - 5, ".yaml");
	}
	closedir(d);
	return found;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Validates dir if it is a set, then its subdirectories in name order. */
static int walk(const char *dir, struct tally *t, int depth)
{
	struct mlps_error err;
	DIR *d;
	struct dirent *de;
	char **subs = NULL;
	size_t n = 0, alloc = 0, i;

	if (depth > 32) {
		cli_errorf("%s: directories nested too deep", dir);
		t->bad++;
		return -1;
	}
	if (has_yaml(dir)) {
		mlps_error_init(&err);
		check(mlps_catalog_load(dir, &err), &err, dir, t);
		mlps_error_release(&err);
	}
	d = opendir(dir);
	if (!d) {
		cli_errorf("%s: cannot open directory: %s", dir, strerror(errno));
		t->bad++;
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		struct strbuf p = STRBUF_INIT;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		strbuf_addf(&p, "%s/%s", dir, de->d_name);
		if (lstat(p.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
			mlps_grow((void **)&subs, &alloc, n + 1, sizeof(*subs));
			subs[n++] = strbuf_detach(&p, NULL);
		} else {
			strbuf_release(&p);
		}
	}
	closedir(d);
	if (n)
		qsort(subs, n, sizeof(*subs), cmp_str);
	for (i = 0; i < n; i++) {
		walk(subs[i], t, depth + 1);
		free(subs[i]);
	}
	free(subs);
	return 0;
}

static int validate(int argc, char **argv)
{
	struct tally t = { 0, 0 };
	int i;

	if (argc < 2)
		return cli_usage("profile validate", "name at least one FILE or DIR");
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(validate_usage, stdout);
			return EXIT_OK;
		}
	}
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			cli_errorf("%s: %s", argv[i], strerror(errno));
			t.bad++;
		} else if (S_ISDIR(st.st_mode)) {
			int before = t.sets;

			walk(argv[i], &t, 0);
			if (t.sets == before) {
				cli_errorf("%s: no *.yaml profile files found", argv[i]);
				t.bad++;
			}
		} else {
			struct mlps_error err;
			const char *path = argv[i];

			mlps_error_init(&err);
			check(mlps_catalog_load_files(&path, 1, &err), &err, path, &t);
			mlps_error_release(&err);
		}
	}
	return t.bad ? EXIT_USAGE : EXIT_OK;
}

int cmd_profile(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs("usage: mlps profile validate FILE|DIR...\n", argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "validate"))
		return validate(argc - 1, argv + 1);
	return cli_usage("profile", "'%s' is not a profile command (try validate)", argv[1]);
}
