/*
 * bench_store.c - what the assessment work costs: one answer commit, scoring
 * a level-3 assessment with every extension, and how score, export and list
 * grow with the number of requirements and of assessments.
 *
 * usage: bench_store SHIPPED_PROFILES SYNTHETIC_DIR... (each with a rules file)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"
#include "exchange.h"
#include "score.h"
#include "store.h"

static void die(struct mlps_error *err)
{
	fprintf(stderr, "bench_store: %s\n", mlps_error_message(err));
	exit(1);
}

static struct mlps_catalog *load(const char *dir)
{
	struct mlps_error err;
	struct mlps_catalog *cat;

	mlps_error_init(&err);
	cat = mlps_catalog_load(dir, &err);
	if (!cat)
		die(&err);
	mlps_error_release(&err);
	return cat;
}

/* An assessment of cat at level 3 with every applicable requirement answered. */
static struct mlps_assessment *answered(const struct mlps_catalog *cat, unsigned ext, unsigned seed)
{
	static const enum mlps_status mix[] = { MLPS_ST_COMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL,
						MLPS_ST_NONCOMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_NA };
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	size_t i;

	a->level = 3;
	a->ext = ext;
	a->sys.name = mlps_strdup("bench");
	a->profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	a->rules_id = mlps_strdup(mlps_catalog_rules(cat)->id);
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		struct mlps_answer ans;

		if (!mlps_req_applies(r, 3, ext))
			continue;
		memset(&ans, 0, sizeof(ans));
		ans.key = (char *)r->key;
		ans.status = mix[(i + seed) % 6];
		ans.na_reason = ans.status == MLPS_ST_NA ? (char *)"不涉及" : NULL;
		ans.note = (char *)"抽查了两台服务器的配置";
		ans.text_hash = r->hash[3];
		mlps_assessment_put(a, &ans);
	}
	return a;
}

static char *temp_db(void)
{
	char *path = mlps_strdup("/tmp/mlps-bench-XXXXXX");
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	return path;
}

static void remove_db(const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	unlink(path);
	strbuf_addf(&sb, "%s-wal", path);
	unlink(sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s-shm", path);
	unlink(sb.buf);
	strbuf_release(&sb);
}

static void bench_commit(const struct mlps_catalog *cat)
{
	char *path = temp_db();
	struct mlps_error err;
	struct mlps_store *st;
	struct mlps_assessment *a = answered(cat, MLPS_EXT_ALL, 0);
	double t[201];
	size_t i;

	mlps_error_init(&err);
	st = mlps_store_open(path, &err);
	if (!st || mlps_store_create(st, a, &err))
		die(&err);
	for (i = 0; i < 201; i++) {
		struct mlps_answer *ans = &a->answers[i % a->n_answers];
		double t0 = bench_now();

		ans->status = i % 2 ? MLPS_ST_COMPLIANT : MLPS_ST_PARTIAL;
		if (mlps_store_save_answer(st, a->id, ans, "bench", &err))
			die(&err);
		t[i] = bench_now() - t0;
	}
	printf("answer commit (WAL, synchronous=FULL): median %.3f ms over 201 commits\n", bench_median(t, 201) * 1e3);
	mlps_store_close(st);
	mlps_assessment_free(a);
	mlps_error_release(&err);
	remove_db(path);
	free(path);
}

/* Score and export of one fully answered assessment, median of `runs`. */
static void bench_one(const char *label, const struct mlps_catalog *cat, unsigned ext, int runs)
{
	struct mlps_assessment *a = answered(cat, ext, 1);
	struct mlps_error err;
	double *ts = mlps_calloc((size_t)runs, sizeof(double)), *te = mlps_calloc((size_t)runs, sizeof(double));
	int i;

	mlps_error_init(&err);
	for (i = 0; i < runs; i++) {
		double t0 = bench_now();
		struct mlps_score *s = mlps_score_compute(cat, a, &err);
		char *json;

		if (!s)
			die(&err);
		ts[i] = bench_now() - t0;
		t0 = bench_now();
		json = mlps_export_json(a);
		te[i] = bench_now() - t0;
		free(json);
		mlps_score_free(s);
	}
	printf("%-34s %7zu answers  score %9.3f ms  export %9.3f ms\n", label, a->n_answers,
	       bench_median(ts, (size_t)runs) * 1e3, bench_median(te, (size_t)runs) * 1e3);
	free(ts);
	free(te);
	mlps_assessment_free(a);
	mlps_error_release(&err);
}

/* `mlps list` work (list rows, load and score each) at growing database sizes. */
static void bench_list(const struct mlps_catalog *cat)
{
	static const int sizes[] = { 10, 100, 1000 };
	char *path = temp_db();
	struct mlps_error err;
	struct mlps_store *st;
	int made = 0;
	size_t k;

	mlps_error_init(&err);
	st = mlps_store_open(path, &err);
	if (!st)
		die(&err);
	for (k = 0; k < 3; k++) {
		struct mlps_store_row *rows;
		size_t n, i;
		double t0, t_rows, t_all;

		for (; made < sizes[k]; made++) {
			struct mlps_assessment *a = answered(cat, MLPS_EXT_ALL, (unsigned)made);

			if (mlps_store_import(st, a, &err))
				die(&err);
			mlps_assessment_free(a);
		}
		t0 = bench_now();
		if (mlps_store_list(st, &rows, &n, &err))
			die(&err);
		t_rows = bench_now() - t0;
		for (i = 0; i < n; i++) {
			struct mlps_assessment *a = mlps_store_load(st, rows[i].id, &err);
			struct mlps_score *s = a ? mlps_score_compute(cat, a, &err) : NULL;

			if (!s)
				die(&err);
			mlps_score_free(s);
			mlps_assessment_free(a);
		}
		t_all = bench_now() - t0;
		printf("list of %4zu assessments (318 answers each): rows %8.2f ms  with scores %9.1f ms  "
		       "(%.2f ms per assessment)\n", n, t_rows * 1e3, t_all * 1e3, t_all * 1e3 / (double)n);
		mlps_store_rows_free(rows, n);
	}
	mlps_store_close(st);
	mlps_error_release(&err);
	remove_db(path);
	free(path);
}

int main(int argc, char **argv)
{
	struct mlps_catalog *shipped;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_store SHIPPED_PROFILES [SYNTHETIC_DIR...]\n");
		return 2;
	}
	shipped = load(argv[1]);
	bench_commit(shipped);
	bench_one("shipped, level 3, all extensions", shipped, MLPS_EXT_ALL, 101);
	for (i = 2; i < argc; i++) {
		struct mlps_catalog *cat = load(argv[i]);
		struct strbuf label = STRBUF_INIT;

		strbuf_addf(&label, "synthetic %zu requirements", mlps_catalog_n_requirements(cat));
		bench_one(label.buf, cat, MLPS_EXT_ALL, 5);
		strbuf_release(&label);
		mlps_catalog_free(cat);
	}
	bench_list(shipped);
	mlps_catalog_free(shipped);
	return 0;
}
