/*
 * bench_reports.c - what writing a gap report costs, per format: a level-3
 * assessment with every extension on the shipped set (with a parent, so the
 * delta section is written too), and synthetic sets of growing size, where
 * the time per 1,000 requirements in scope shows whether growth is linear.
 *
 * usage: bench_reports SHIPPED_PROFILES [SYNTHETIC_DIR...] (each with a rules file)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "benchutil.h"
#include "diff.h"
#include "report.h"
#include "score.h"

static void die(struct mlps_error *err)
{
	fprintf(stderr, "bench_reports: %s\n", mlps_error_message(err));
	exit(1);
}

/* CPU time of this process: what a render costs even when other work shares the cores. */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

/*
 * Every requirement in scope at level 3 answered, in a mix that leaves gaps
 * with notes, owners and due dates, N/A items with reasons, and items still
 * to confirm: every section of the report has work to do.
 */
static struct mlps_assessment *answered(const struct mlps_catalog *cat, long long id, unsigned seed,
				       size_t n_objects)
{
	static const char *const kinds[] = { "server", "database", "network", "security", "application",
					     "terminal", "middleware", "data", "room" };
	const struct mlps_object **objs;
	static const enum mlps_status mix[] = { MLPS_ST_COMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL,
						MLPS_ST_NONCOMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_NA, MLPS_ST_TODO };
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	size_t i;

	a->id = id;
	a->level = 3;
	a->ext = MLPS_EXT_ALL;
	a->sys.id = 1;
	a->sys.name = mlps_strdup("网上银行系统");
	a->sys.org = mlps_strdup("示例城市商业银行");
	a->sys.flags = MLPS_COND_CONTINUITY | MLPS_COND_CLOUD_CUSTOMER;
	a->profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	a->rules_id = mlps_strdup(mlps_catalog_rules(cat)->id);
	a->created = mlps_strdup("2025-03-01T08:00:00Z");
	a->updated = mlps_strdup("2025-03-15T10:30:00Z");
	mlps_assessment_add_object(a, a->sys.name, "system", MLPS_IMP_KEY, NULL);
	for (i = 1; i < n_objects; i++) {
		char name[32];

		snprintf(name, sizeof(name), "%s%02zu", kinds[i % 9], i);
		mlps_assessment_add_object(a, name, kinds[i % 9], (enum mlps_importance)(i % 3), "10.0.0.1 CentOS 7");
	}
	objs = mlps_calloc(a->n_objects + 1, sizeof(*objs));
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		struct mlps_answer ans;
		size_t k, n;

		if (!mlps_req_applies(r, 3, a->ext))
			continue;
		n = mlps_assessment_req_objects(cat, a, r, objs);
		for (k = 0; k < n; k++) {
		memset(&ans, 0, sizeof(ans));
		ans.key = (char *)r->key;
		ans.status = mix[(i + k + seed) % 7];
		ans.na_reason = ans.status == MLPS_ST_NA ? (char *)"本系统不涉及该场景。" : NULL;
		if (ans.status == MLPS_ST_PARTIAL || ans.status == MLPS_ST_NONCOMPLIANT) {
			ans.note = (char *)"抽查了两台服务器的配置，策略与台账不一致；<b>需复核</b>。";
			ans.evidence = (char *)"访谈记录 FT-01, 配置截图 CFG-02";
			ans.owner = (char *)"王磊";
			ans.due = (char *)"2025-09-30";
			ans.plan = MLPS_PLAN_OPEN;
		}
		ans.to_confirm = i % 11 == 0;
		ans.text_hash = r->hash[3];
		ans.object = (char *)objs[k]->name;
		mlps_assessment_put(a, &ans);
		}
	}
	free((void *)objs);
	return a;
}

/* Renders every format `runs` times and prints the medians, in ms, with the size of each output. */
static void bench(const char *label, const struct mlps_catalog *cat, int runs, bool with_parent, size_t n_objects)
{
	struct mlps_assessment *a = answered(cat, 2, 0, n_objects), *parent = NULL;
	struct mlps_report_opts opts;
	struct mlps_diff *d = NULL;
	struct mlps_score *s;
	struct mlps_error err;
	double *t = mlps_calloc((size_t)runs, sizeof(double)), *c = mlps_calloc((size_t)runs, sizeof(double));
	double cpu[MLPS_REPORT_COUNT];
	size_t n = a->n_answers, bytes[MLPS_REPORT_COUNT];
	double med[MLPS_REPORT_COUNT];
	int f, i;

	mlps_error_init(&err);
	s = mlps_score_compute(cat, a, &err);
	if (!s)
		die(&err);
	memset(&opts, 0, sizeof(opts));
	opts.lang = MLPS_LANG_ZH;
	opts.width = 80;
	if (with_parent) {
		parent = answered(cat, 1, 3, n_objects);
		a->parent = 1;
		d = mlps_diff_compute(cat, parent, a, &err);
		if (!d)
			die(&err);
		opts.delta = d;
	}
	for (f = 0; f < MLPS_REPORT_COUNT; f++) {
		for (i = 0; i < runs; i++) {
			struct strbuf out = STRBUF_INIT;
			double t0 = bench_now(), c0 = cpu_now();

			if (mlps_report_render(&out, (enum mlps_report_format)f, cat, a, s, &opts, &err))
				die(&err);
			t[i] = bench_now() - t0;
			c[i] = cpu_now() - c0;
			bytes[f] = out.len;
			strbuf_release(&out);
		}
		med[f] = bench_median(t, (size_t)runs) * 1e3;
		cpu[f] = bench_median(c, (size_t)runs) * 1e3;
	}
	printf("%-36s %7zu items", label, n);
	for (f = 0; f < MLPS_REPORT_COUNT; f++)
		printf("  %s %8.2f", mlps_report_format_name((enum mlps_report_format)f), med[f]);
	printf("  (ms)\n");
	printf("%-36s %13s", "", "per 1k items");
	for (f = 0; f < MLPS_REPORT_COUNT; f++)
		printf("  %*s %8.3f", (int)strlen(mlps_report_format_name((enum mlps_report_format)f)), "",
		       med[f] * 1000.0 / (double)n);
	printf("\n%-36s %13s", "", "cpu ms");
	for (f = 0; f < MLPS_REPORT_COUNT; f++)
		printf("  %*s %8.2f", (int)strlen(mlps_report_format_name((enum mlps_report_format)f)), "", cpu[f]);
	printf("\n%-36s %13s", "", "output KiB");
	for (f = 0; f < MLPS_REPORT_COUNT; f++)
		printf("  %*s %8zu", (int)strlen(mlps_report_format_name((enum mlps_report_format)f)), "",
		       bytes[f] / 1024);
	printf("\n");
	free(t);
	free(c);
	mlps_diff_free(d);
	mlps_score_free(s);
	mlps_assessment_free(parent);
	mlps_assessment_free(a);
	mlps_error_release(&err);
}

int main(int argc, char **argv)
{
	struct mlps_catalog *shipped;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_reports SHIPPED_PROFILES [SYNTHETIC_DIR...]\n");
		return 2;
	}
	shipped = load(argv[1]);
	bench("shipped, level 3, all ext, delta", shipped, 21, true, 1);
	/* Issue 16: the PDF of this with 50 objects in under a second. */
	bench("shipped, level 3, all ext, 50 objects", shipped, 5, true, 50);
	mlps_catalog_free(shipped);
	for (i = 2; i < argc; i++) {
		struct mlps_catalog *cat = load(argv[i]);
		size_t n = mlps_catalog_n_requirements(cat);
		struct strbuf label = STRBUF_INIT;

		strbuf_addf(&label, "synthetic %zu requirements", n);
		bench(label.buf, cat, n >= 100000 ? 3 : n >= 10000 ? 5 : 11, false, 1);
		strbuf_release(&label);
		mlps_catalog_free(cat);
	}
	return 0;
}
