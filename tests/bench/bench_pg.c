/*
 * bench_pg.c - the same store work on SQLite and on PostgreSQL, in one run:
 * one answer commit (over the Unix socket for PostgreSQL; it drops the
 * assessment's summary, which the next list computes) on a typical
 * assessment and on one with 50 objects, that next list, loading and
 * scoring an assessment with 50 objects, and `mlps list` with 10,000
 * assessments (in-process and as a whole process).
 *
 * usage: bench_pg MLPS PROFILES SQLITE_FILE PG_CONNINFO
 * MLPS_BENCH_MAX caps the number of assessments listed (default 10000).
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define MLPS_BENCH_ASSESSMENTS 1
#include "benchutil.h"
#include "score.h"
#include "store.h"

#define COMMITS 200
#define OBJECTS 50

extern char **environ;

static const char *mlps;

static void die(const char *what, struct mlps_error *err)
{
	fprintf(stderr, "bench_pg: %s: %s\n", what, err ? mlps_error_message(err) : "failed");
	exit(1);
}

/* bench_assessment() inserted, its summary written as the program writes it (the catalogue is set). */
static long long make(struct mlps_store *st, const struct mlps_catalog *cat, int serial, int objects, size_t every)
{
	struct mlps_assessment *a = bench_assessment(cat, serial, objects, every);
	struct mlps_error err;
	long long id;

	mlps_error_init(&err);
	if (mlps_store_insert(st, a, &err))
		die("insert", &err);
	id = a->id;
	mlps_assessment_free(a);
	mlps_error_release(&err);
	return id;
}

/* Median time of one answer commit: COMMITS answers to items of the first object, each its own transaction. */
static double commit_ms(struct mlps_store *st, const struct mlps_catalog *cat, long long id)
{
	double t[COMMITS];
	struct mlps_error err;
	size_t i, done = 0;

	mlps_error_init(&err);
	for (i = 0; i < mlps_catalog_n_requirements(cat) && done < COMMITS; i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		struct mlps_answer ans;
		double t0;

		if (!mlps_req_applies(r, 3, MLPS_EXT_ALL))
			continue;
		memset(&ans, 0, sizeof(ans));
		ans.key = (char *)r->key;
		ans.status = done % 2 ? MLPS_ST_PARTIAL : MLPS_ST_COMPLIANT;
		ans.note = (char *)"bench";
		t0 = bench_now();
		if (mlps_store_save_answer(st, id, &ans, "bench", &err))
			die("answer", &err);
		t[done++] = bench_now() - t0;
	}
	mlps_error_release(&err);
	return bench_median(t, done) * 1e3;
}

/* Median of loading the assessment and scoring it; *score_ms the scoring alone. */
static double load_score_ms(struct mlps_store *st, const struct mlps_catalog *cat, long long id, double *score_ms)
{
	double t[15], s[15];
	struct mlps_error err;
	int i;

	mlps_error_init(&err);
	for (i = 0; i < 15; i++) {
		double t0 = bench_now(), t1;
		struct mlps_assessment *a = mlps_store_load(st, id, &err);
		struct mlps_score *sc;

		if (!a)
			die("load", &err);
		t1 = bench_now();
		sc = mlps_score_compute(cat, a, &err);
		if (!sc)
			die("score", &err);
		t[i] = bench_now() - t0;
		s[i] = bench_now() - t1;
		mlps_score_free(sc);
		mlps_assessment_free(a);
	}
	mlps_error_release(&err);
	*score_ms = bench_median(s, 15) * 1e3;
	return bench_median(t, 15) * 1e3;
}

static double list_ms(struct mlps_store *st, size_t *rows)
{
	double t[5];
	struct mlps_error err;
	int i;

	mlps_error_init(&err);
	for (i = 0; i < 5; i++) {
		struct mlps_store_row *r;
		double t0 = bench_now();

		if (mlps_store_list(st, &r, rows, &err))
			die("list", &err);
		t[i] = bench_now() - t0;
		mlps_store_rows_free(r, *rows);
	}
	mlps_error_release(&err);
	return bench_median(t, 5) * 1e3;
}

/* `mlps list` as a whole process on db, stdout to /dev/null: median of 3. */
static double process_ms(const char *db)
{
	const char *argv[] = { mlps, "--db", db, "list", NULL };
	posix_spawn_file_actions_t fa;
	double t[3];
	int i;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	for (i = 0; i < 3; i++) {
		double t0 = bench_now();
		pid_t pid;
		int st;

		if (posix_spawn(&pid, mlps, &fa, NULL, (char *const *)argv, environ) || waitpid(pid, &st, 0) != pid ||
		    !WIFEXITED(st) || WEXITSTATUS(st))
			die("mlps list", NULL);
		t[i] = bench_now() - t0;
	}
	posix_spawn_file_actions_destroy(&fa);
	return bench_median(t, 3) * 1e3;
}

int main(int argc, char **argv)
{
	const char *names[2] = { "SQLite", "PostgreSQL" };
	const char *max_env = getenv("MLPS_BENCH_MAX");
	int max = max_env ? atoi(max_env) : 10000, b, k;
	double commit[2], commit50[2], relist[2], load[2], score[2], list[2], proc[2];
	size_t rows[2];
	struct mlps_catalog *cat;
	struct mlps_error err;

	if (argc != 5) {
		fprintf(stderr, "usage: bench_pg MLPS PROFILES SQLITE_FILE PG_CONNINFO\n");
		return 2;
	}
	mlps = argv[1];
	mlps_error_init(&err);
	cat = mlps_catalog_load(argv[2], &err);
	if (!cat)
		die("profiles", &err);
	for (b = 0; b < 2; b++) {
		struct mlps_store *st = mlps_store_open(argv[3 + b], &err);
		long long id;

		if (!st)
			die(names[b], &err);
		mlps_store_set_catalog(st, cat);
		/* A typical assessment: the system object and two servers, every item answered. */
		id = make(st, cat, 0, 2, 1);
		commit[b] = commit_ms(st, cat, id);
		id = make(st, cat, 1, OBJECTS - 1, 3);
		commit50[b] = commit_ms(st, cat, id);
		/* An answer drops its assessment's summary: the next list computes the two again, once. */
		{
			struct mlps_store_row *r;
			size_t n;
			double t0 = bench_now();

			if (mlps_store_list(st, &r, &n, &err))
				die("list", &err);
			relist[b] = (bench_now() - t0) * 1e3;
			mlps_store_rows_free(r, n);
		}
		load[b] = load_score_ms(st, cat, id, &score[b]);
		for (k = 2; k < max; k++)
			make(st, cat, k, 0, 20);
		list[b] = list_ms(st, &rows[b]);
		mlps_store_close(st);
		proc[b] = process_ms(argv[3 + b]);
	}
	printf("%-52s %12s %12s\n", "", names[0], names[1]);
	printf("%-52s %12.2f %12.2f\n", "answer commit, 3 objects, median of 200 (ms)", commit[0], commit[1]);
	printf("%-52s %12.2f %12.2f\n", "answer commit, 50 objects, median of 200 (ms)", commit50[0], commit50[1]);
	printf("%-52s %12.2f %12.2f\n", "first list after them: 2 summaries computed (ms)", relist[0], relist[1]);
	printf("%-52s %12.2f %12.2f\n", "load + score, 50 objects, median of 15 (ms)", load[0], load[1]);
	printf("%-52s %12.2f %12.2f\n", "  of which scoring (ms)", score[0], score[1]);
	printf("%-40s %5zu rows %12.1f %12.1f\n", "list in-process, median of 5 (ms),", rows[0], list[0], list[1]);
	printf("%-52s %12.1f %12.1f\n", "mlps list, whole process, median of 3 (ms)", proc[0], proc[1]);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return 0;
}
