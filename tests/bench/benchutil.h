/*
 * benchutil.h - the clock and the median every benchmark uses.
 */
#ifndef MLPS_BENCHUTIL_H
#define MLPS_BENCHUTIL_H

#include <stdlib.h>
#include <time.h>

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v in place and returns its median. */
static inline double bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#ifdef MLPS_BENCH_ASSESSMENTS
#include <string.h>

#include "assessment.h"
#include "catalog.h"

/*
 * A level-3 assessment of cat with every extension: `objects` servers
 * (srv00, ...) beside its system object, and every `every`-th applicable
 * requirement answered, in a fixed mix of statuses turned by `serial`.
 * Caller frees with mlps_assessment_free().
 */
static inline struct mlps_assessment *bench_assessment(const struct mlps_catalog *cat, int serial, int objects,
						       size_t every)
{
	static const enum mlps_status mix[] = { MLPS_ST_COMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_PARTIAL,
						MLPS_ST_NONCOMPLIANT, MLPS_ST_COMPLIANT, MLPS_ST_NA };
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	struct strbuf name = STRBUF_INIT;
	size_t i;
	int o;

	strbuf_addf(&name, "bench-%05d", serial);
	a->level = 3;
	a->ext = MLPS_EXT_ALL;
	a->sys.name = strbuf_detach(&name, NULL);
	a->profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	a->rules_id = mlps_strdup(mlps_catalog_rules(cat)->id);
	for (o = 0; o < objects; o++) {
		strbuf_addf(&name, "srv%02d", o);
		mlps_assessment_add_object(a, name.buf, "server", MLPS_IMP_IMPORTANT, NULL);
		strbuf_reset(&name);
	}
	strbuf_release(&name);
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		struct mlps_answer ans;

		if (!mlps_req_applies(r, 3, a->ext) || (i + (size_t)serial) % every)
			continue;
		memset(&ans, 0, sizeof(ans));
		ans.key = (char *)r->key;
		ans.status = mix[(i + (size_t)serial) % 6];
		ans.na_reason = ans.status == MLPS_ST_NA ? (char *)"不涉及" : NULL;
		ans.note = (char *)"抽查了两台服务器的配置";
		ans.text_hash = r->hash[3];
		mlps_assessment_put(a, &ans);
	}
	return a;
}
#endif

#endif
