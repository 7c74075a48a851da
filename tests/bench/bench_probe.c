/*
 * bench_probe.c - `mlps probe` on this machine: the whole command as a
 * user runs it (process start, catalogue load, every check, text output),
 * and the probe run alone on a loaded catalogue. Medians of N runs, ms.
 * Target (issue 17): the whole command under 200 ms.
 *
 * usage: bench_probe MLPS_BINARY PROFILE_DIR [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchutil.h"
#include "catalog.h"
#include "checks.h"
#include "probe.h"

/* The binary with stdout to /dev/null; a benchmark may start processes, the probe never does. */
static double run_binary(const char *bin, const char *profiles)
{
	double t0 = bench_now();
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execl(bin, bin, "--profiles", profiles, "probe", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	return (bench_now() - t0) * 1000;
}

int main(int argc, char **argv)
{
	int runs = argc > 3 ? atoi(argv[3]) : 21, i;
	double *whole, *lib;
	struct mlps_error err;
	struct mlps_catalog *cat;
	struct mlps_probe_opts o;
	size_t n_checks = 0, counts[MLPS_PR_COUNT] = { 0 };

	if (argc < 3) {
		fprintf(stderr, "usage: bench_probe MLPS_BINARY PROFILE_DIR [RUNS]\n");
		return 2;
	}
	if (runs < 1)
		runs = 1;
	whole = calloc((size_t)runs, sizeof(double));
	lib = calloc((size_t)runs, sizeof(double));
	mlps_error_init(&err);
	cat = mlps_catalog_load(argv[2], &err);
	if (!cat) {
		fprintf(stderr, "%s\n", mlps_error_message(&err));
		return 1;
	}
	memset(&o, 0, sizeof(o));
	for (i = 0; i < runs; i++) {
		double t0 = bench_now();
		struct mlps_probe_run *r = mlps_probe_run(cat, &o, &err);

		lib[i] = (bench_now() - t0) * 1000;
		if (r) {
			size_t k;

			n_checks = r->n_items;
			for (k = 0; k < MLPS_PR_COUNT; k++)
				counts[k] = r->counts[k];
		}
		mlps_probe_free(r);
		whole[i] = run_binary(argv[1], argv[2]);
	}
	printf("  mlps probe (whole command)   %8.1f ms  (target < 200 ms)\n", bench_median(whole, (size_t)runs));
	printf("  probe run alone              %8.1f ms  %zu checks: %zu pass, %zu partial, %zu fail, %zu not checked\n",
	       bench_median(lib, (size_t)runs), n_checks, counts[MLPS_PR_PASS], counts[MLPS_PR_PARTIAL],
	       counts[MLPS_PR_FAIL], counts[MLPS_PR_NOT_CHECKED]);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	free(whole);
	free(lib);
	return 0;
}
