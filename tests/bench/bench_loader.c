/*
 * bench_loader.c - what loading and validating a profile set costs over the
 * bare libyaml parse of the same bytes.
 *
 * usage: bench_loader DIR ITERATIONS
 *
 * Both sides read every file from disk on every iteration, so the ratio is
 * the price of our checks and model building, not of I/O differences.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "benchutil.h"
#include "catalog.h"
#include "yamldoc.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Parses every file with libyaml and throws the events away. */
static size_t bare_parse(char **paths, size_t n)
{
	size_t i, events = 0;

	for (i = 0; i < n; i++) {
		struct mlps_error err;
		yaml_parser_t p;
		yaml_event_t ev;
		char *buf;
		size_t len;
		int done = 0;

		mlps_error_init(&err);
		if (ydoc_read_file(paths[i], YDOC_MAX_BYTES, &buf, &len, &err)) {
			fprintf(stderr, "%s\n", mlps_error_message(&err));
			exit(1);
		}
		mlps_error_release(&err);
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
		while (!done) {
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "%s: parse error\n", paths[i]);
				exit(1);
			}
			done = ev.type == YAML_STREAM_END_EVENT;
			events++;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&p);
		free(buf);
	}
	return events;
}

int main(int argc, char **argv)
{
	char **paths = NULL;
	size_t n = 0, alloc = 0, reqs = 0, i;
	long iters;
	double t0, t_load, t_bare, *t_load_v, *t_bare_v;
	DIR *d;
	struct dirent *de;

	if (argc != 3 || (iters = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: bench_loader DIR ITERATIONS\n");
		return 2;
	}
	d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		struct strbuf p = STRBUF_INIT;

		if (de->d_name[0] == '.' || len < 6 || strcmp(de->d_name + len - 5, ".yaml"))
			continue;
		strbuf_addf(&p, "%s/%s", argv[1], de->d_name);
		mlps_grow((void **)&paths, &alloc, n + 1, sizeof(*paths));
		paths[n++] = strbuf_detach(&p, NULL);
	}
	closedir(d);
	qsort(paths, n, sizeof(*paths), cmp_str);

	/*
	 * Alternate the two sides and keep each side's median, so that a burst
	 * of load elsewhere on the machine hits both alike and is voted out.
	 */
	bare_parse(paths, n);
	t_load_v = mlps_calloc((size_t)iters, sizeof(double));
	t_bare_v = mlps_calloc((size_t)iters, sizeof(double));
	for (i = 0; i < (size_t)iters; i++) {
		struct mlps_error err;
		struct mlps_catalog *cat;

		t0 = bench_now();
		mlps_error_init(&err);
		cat = mlps_catalog_load(argv[1], &err);
		if (!cat) {
			fprintf(stderr, "%s\n", mlps_error_message(&err));
			return 1;
		}
		reqs = mlps_catalog_n_requirements(cat);
		mlps_catalog_free(cat);
		mlps_error_release(&err);
		t_load_v[i] = bench_now() - t0;
		t0 = bench_now();
		bare_parse(paths, n);
		t_bare_v[i] = bench_now() - t0;
	}
	t_load = bench_median(t_load_v, (size_t)iters);
	t_bare = bench_median(t_bare_v, (size_t)iters);
	free(t_load_v);
	free(t_bare_v);

	printf("%-36s %7zu reqs  load+validate %9.3f ms  bare libyaml %9.3f ms  ratio %.2f  "
	       "%.2f us/req (median of %ld)\n", argv[1], reqs, t_load * 1e3, t_bare * 1e3, t_load / t_bare,
	       t_load * 1e6 / (double)(reqs ? reqs : 1), iters);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return 0;
}
