/*
 * bench_objects.c - what evaluation objects cost: scoring and the text report
 * of a level-3 assessment with every extension and 50 objects (10 each of
 * server, database, network, security, application), every answer given per
 * object; and the commit latency of one per-object answer.
 *
 * usage: bench_objects SHIPPED_PROFILES
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchutil.h"
#include "report.h"
#include "score.h"
#include "store.h"

static void die(struct mlps_error *err)
{
	fprintf(stderr, "bench_objects: %s\n", mlps_error_message(err));
	exit(1);
}

static struct mlps_assessment *fifty_objects(const struct mlps_catalog *cat)
{
	static const char *const kinds[] = { "server", "database", "network", "security", "application" };
	static const enum mlps_status mix[] = { MLPS_ST_COMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL,
						MLPS_ST_NONCOMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_NA, MLPS_ST_COMPLIANT };
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	const struct mlps_object **objs;
	size_t i, k, n, seq = 0;

	a->level = 3;
	a->ext = MLPS_EXT_ALL;
	a->sys.name = mlps_strdup("bench");
	a->profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	a->rules_id = mlps_strdup(mlps_catalog_rules(cat)->id);
	mlps_assessment_system_object(a);
	for (k = 0; k < 5; k++)
		for (i = 0; i < 10; i++) {
			char name[32];

			snprintf(name, sizeof(name), "%s-%02zu", kinds[k], i + 1);
			mlps_assessment_add_object(a, name, kinds[k], MLPS_IMP_IMPORTANT, NULL);
		}
	objs = mlps_calloc(a->n_objects, sizeof(*objs));
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);

		if (!mlps_req_applies(r, 3, a->ext))
			continue;
		n = mlps_assessment_req_objects(cat, a, r, objs);
		for (k = 0; k < n; k++) {
			struct mlps_answer ans;

			memset(&ans, 0, sizeof(ans));
			ans.key = (char *)r->key;
			ans.object = objs[k]->name;
			ans.status = mix[seq++ % 7];
			ans.na_reason = ans.status == MLPS_ST_NA ? (char *)"不涉及" : NULL;
			ans.note = (char *)"抽查配置";
			ans.text_hash = r->hash[3];
			mlps_assessment_put(a, &ans);
		}
	}
	free((void *)objs);
	return a;
}

static void bench_score_and_text(const struct mlps_catalog *cat, struct mlps_assessment *a)
{
	struct mlps_report_opts opts = { MLPS_LANG_ZH, 80, false, NULL };
	struct mlps_error err;
	double ts[31], tr[31];
	size_t i;

	mlps_error_init(&err);
	for (i = 0; i < 31; i++) {
		struct strbuf out = STRBUF_INIT;
		double t0 = bench_now();
		struct mlps_score *s = mlps_score_compute(cat, a, &err);

		if (!s)
			die(&err);
		ts[i] = bench_now() - t0;
		t0 = bench_now();
		if (mlps_report_render(&out, MLPS_REPORT_TEXT, cat, a, s, &opts, &err))
			die(&err);
		tr[i] = bench_now() - t0;
		strbuf_release(&out);
		mlps_score_free(s);
	}
	printf("L3, all extensions, %zu objects, %zu answers: score median %.3f ms, text report median %.3f ms\n",
	       a->n_objects, a->n_answers, bench_median(ts, 31) * 1e3, bench_median(tr, 31) * 1e3);
	mlps_error_release(&err);
}

static void bench_commit(struct mlps_assessment *a)
{
	char path[] = "/tmp/mlps-bench-objects-XXXXXX";
	struct strbuf side = STRBUF_INIT;
	struct mlps_error err;
	struct mlps_store *st;
	double t[201];
	size_t i;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	mlps_error_init(&err);
	st = mlps_store_open(path, &err);
	if (!st || mlps_store_create(st, a, &err))
		die(&err);
	for (i = 0; i < 201; i++) {
		struct mlps_answer *ans = &a->answers[(i * 37) % a->n_answers];
		double t0 = bench_now();

		ans->status = i % 2 ? MLPS_ST_COMPLIANT : MLPS_ST_PARTIAL;
		if (mlps_store_save_answer(st, a->id, ans, "bench", &err))
			die(&err);
		t[i] = bench_now() - t0;
	}
	printf("per-object answer commit (WAL, synchronous=FULL): median %.3f ms over 201 commits\n",
	       bench_median(t, 201) * 1e3);
	mlps_store_close(st);
	unlink(path);
	strbuf_addf(&side, "%s-wal", path);
	unlink(side.buf);
	strbuf_reset(&side);
	strbuf_addf(&side, "%s-shm", path);
	unlink(side.buf);
	strbuf_release(&side);
	mlps_error_release(&err);
}

int main(int argc, char **argv)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	struct mlps_assessment *a;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_objects SHIPPED_PROFILES\n");
		return 2;
	}
	mlps_error_init(&err);
	cat = mlps_catalog_load(argv[1], &err);
	if (!cat)
		die(&err);
	a = fifty_objects(cat);
	bench_score_and_text(cat, a);
	bench_commit(a);
	mlps_assessment_free(a);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return 0;
}
