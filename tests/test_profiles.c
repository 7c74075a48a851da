/*
 * test_profiles.c - the shipped catalogue holds exactly what the standard
 * has: per-level, per-category counts (docs/catalogue-notes.md explains
 * every one), the exact set of level-3 IDs from GB/T 28448, complete
 * bilingual texts, and IDs only where a requirement applies.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "testutil.h"

static struct mlps_catalog *cat;

static const char *const codes[10] = { "PES", "CNS", "ABS", "CES", "SMC", "PSS", "ORS", "HRS", "CMS", "MMS" };

/* Requirements per category at a level and extension. */
static int count(int level, enum mlps_ext ext, const char *code)
{
	size_t i;
	int n = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);

		if (r->ids[level] && r->cp->ext == ext && (!code || !strcmp(r->cp->category->code, code)))
			n++;
	}
	return n;
}

static void expect_counts(enum mlps_ext ext, const int table[4][10], const int totals[4])
{
	int level, c;

	for (level = 1; level <= 4; level++) {
		for (c = 0; c < 10; c++) {
			int got = count(level, ext, codes[c]);

			CU_ASSERT_EQUAL(got, table[level - 1][c]);
			if (got != table[level - 1][c])
				fprintf(stderr, "\n  %s L%d %s: %d, expected %d", mlps_ext_name(ext), level,
					codes[c], got, table[level - 1][c]);
		}
		CU_ASSERT_EQUAL(count(level, ext, NULL), totals[level - 1]);
	}
}

static void test_profiles_general_counts_per_level_and_category(void)
{
	/* PES CNS ABS CES SMC PSS ORS HRS CMS MMS */
	static const int table[4][10] = {
		{ 7, 2, 5, 11, 0, 1, 3, 4, 9, 13 },
		{ 15, 4, 11, 23, 4, 6, 9, 7, 25, 31 },
		{ 22, 8, 20, 34, 12, 7, 14, 12, 34, 48 },
		{ 24, 11, 21, 36, 13, 7, 15, 14, 35, 52 },
	};
	static const int totals[4] = { 55, 135, 211, 228 };

	expect_counts(MLPS_EXT_GENERAL, table, totals);
}

static void test_profiles_cloud_counts_per_level_and_category(void)
{
	static const int table[4][10] = {
		{ 1, 2, 1, 3, 0, 0, 0, 0, 3, 1 },
		{ 1, 3, 7, 11, 0, 0, 0, 0, 5, 1 },
		{ 1, 5, 8, 19, 4, 0, 0, 0, 8, 1 },
		{ 1, 8, 8, 19, 4, 0, 0, 0, 8, 1 },
	};
	static const int totals[4] = { 11, 28, 46, 49 };

	expect_counts(MLPS_EXT_CLOUD, table, totals);
}

static void test_profiles_mobile_iot_ics_counts(void)
{
	/* PES CNS ABS CES SMC PSS ORS HRS CMS MMS */
	static const int mobile[4][10] = {
		{ 1, 0, 2, 1, 0, 0, 0, 0, 2, 0 },
		{ 1, 0, 7, 2, 0, 0, 0, 0, 4, 0 },
		{ 1, 0, 8, 5, 0, 0, 0, 0, 4, 1 },
		{ 1, 0, 8, 7, 0, 0, 0, 0, 4, 1 },
	};
	static const int iot[4][10] = {
		{ 2, 0, 1, 0, 0, 0, 0, 0, 0, 1 },
		{ 2, 0, 3, 0, 0, 0, 0, 0, 0, 2 },
		{ 4, 0, 3, 11, 0, 0, 0, 0, 0, 3 },
		{ 4, 0, 3, 12, 0, 0, 0, 0, 0, 3 },
	};
	static const int ics[4][10] = {
		{ 2, 2, 3, 2, 0, 0, 0, 0, 2, 0 },
		{ 2, 4, 5, 2, 0, 0, 0, 0, 2, 0 },
		{ 2, 4, 8, 5, 0, 0, 0, 0, 2, 0 },
		{ 2, 4, 9, 5, 0, 0, 0, 0, 2, 0 },
	};
	static const int mobile_t[4] = { 6, 14, 19, 21 }, iot_t[4] = { 4, 7, 21, 22 }, ics_t[4] = { 11, 15, 21, 22 };

	expect_counts(MLPS_EXT_MOBILE, mobile, mobile_t);
	expect_counts(MLPS_EXT_IOT, iot, iot_t);
	expect_counts(MLPS_EXT_ICS, ics, ics_t);
}

/* Every level-3 ID of `ext` in the given categories equals the ranges, nothing more. */
struct range {
	const char *code;
	int n;
};

static void expect_level3_ids(enum mlps_ext ext, const struct range *ranges, size_t n_ranges)
{
	size_t i, expected = 0, found = 0;
	int k;

	for (i = 0; i < n_ranges; i++)
		for (k = 1; k <= ranges[i].n; k++) {
			char id[48];

			if (ext == MLPS_EXT_GENERAL && !strcmp(ranges[i].code, "CES") && k == 16)
				continue;   /* GB/T 28448 has no L3-CES1-16 */
			snprintf(id, sizeof(id), "L3-%s%d-%02d", ranges[i].code, (int)ext + 1, k);
			expected++;
			CU_ASSERT_PTR_NOT_NULL(mlps_catalog_find_id(cat, id));
			if (!mlps_catalog_find_id(cat, id))
				fprintf(stderr, "\n  missing %s", id);
		}
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		size_t j;

		if (!r->ids[3] || r->cp->ext != ext)
			continue;
		for (j = 0; j < n_ranges; j++)
			if (!strcmp(r->cp->category->code, ranges[j].code))
				found++;
	}
	CU_ASSERT_EQUAL(found, expected);
}

static void test_profiles_level3_general_ids_are_exactly_the_reference(void)
{
	static const struct range r[] = {
		{ "PES", 22 }, { "CNS", 8 }, { "ABS", 20 }, { "CES", 35 }, { "SMC", 12 },
		{ "PSS", 7 },  { "ORS", 14 }, { "HRS", 12 }, { "CMS", 34 }, { "MMS", 48 },
	};

	expect_level3_ids(MLPS_EXT_GENERAL, r, 10);
	CU_ASSERT_PTR_NULL(mlps_catalog_find_id(cat, "L3-CES1-16"));
	CU_ASSERT_PTR_NULL(mlps_catalog_find_id(cat, "L3-CES1-36"));
	CU_ASSERT_PTR_NULL(mlps_catalog_find_id(cat, "L3-PES1-23"));
}

static void test_profiles_level3_cloud_technical_ids(void)
{
	static const struct range r[] = { { "PES", 1 }, { "CNS", 5 }, { "ABS", 8 }, { "CES", 19 }, { "SMC", 4 } };

	expect_level3_ids(MLPS_EXT_CLOUD, r, 5);
}

static void test_profiles_level3_extension_technical_ids(void)
{
	static const struct range mobile[] = { { "PES", 1 }, { "ABS", 8 }, { "CES", 5 } };
	static const struct range iot[] = { { "PES", 4 }, { "ABS", 3 }, { "CES", 11 } };
	static const struct range ics[] = { { "PES", 2 }, { "CNS", 4 }, { "ABS", 8 }, { "CES", 5 } };

	expect_level3_ids(MLPS_EXT_MOBILE, mobile, 3);
	expect_level3_ids(MLPS_EXT_IOT, iot, 3);
	expect_level3_ids(MLPS_EXT_ICS, ics, 4);
}

/* 81 scenarios of the 2025 guide, each on a key requirement that applies at its minimum level. */
static void test_profiles_81_high_risk_scenarios_resolve(void)
{
	int per_scope[MLPS_EXT_COUNT] = { 0 }, keys = 0;
	size_t i;

	CU_ASSERT_EQUAL_FATAL(mlps_catalog_n_scenarios(cat), 81);
	for (i = 0; i < mlps_catalog_n_scenarios(cat); i++) {
		const struct mlps_scenario *sc = mlps_catalog_scenario(cat, i);

		CU_ASSERT_PTR_NOT_NULL_FATAL(sc->req);
		CU_ASSERT_PTR_NOT_NULL(sc->req->ids[sc->min_level]);
		CU_ASSERT_EQUAL(sc->req->importance, MLPS_IMP_KEY);
		CU_ASSERT_EQUAL(sc->req->cp->ext, sc->scope);
		per_scope[sc->scope]++;
	}
	CU_ASSERT_EQUAL(per_scope[MLPS_EXT_GENERAL], 42);
	CU_ASSERT_EQUAL(per_scope[MLPS_EXT_CLOUD], 16);
	CU_ASSERT_EQUAL(per_scope[MLPS_EXT_MOBILE], 10);
	CU_ASSERT_EQUAL(per_scope[MLPS_EXT_IOT], 4);
	CU_ASSERT_EQUAL(per_scope[MLPS_EXT_ICS], 9);
	/* Spot checks of the mapping named in the reference. */
	CU_ASSERT_STRING_EQUAL(mlps_catalog_find_scenario(cat, "6.4.1.1")->req->ids[3], "L3-CES1-01");
	CU_ASSERT_STRING_EQUAL(mlps_catalog_find_scenario(cat, "6.4.5.1")->req->cp->name.zh, "数据保密性");
	CU_ASSERT_STRING_EQUAL(mlps_catalog_find_scenario(cat, "6.4.5.2")->req->cp->name.zh, "数据保密性");
	CU_ASSERT_EQUAL(mlps_catalog_find_scenario(cat, "6.1.3.2")->min_level, 4);
	CU_ASSERT_EQUAL(mlps_catalog_find_scenario(cat, "6.1.3.2")->conditions, MLPS_COND_CONTINUITY);
	CU_ASSERT_EQUAL(mlps_catalog_find_scenario(cat, "6.3.3.3")->conditions, MLPS_COND_KEY_INDUSTRY);
	CU_ASSERT_EQUAL(mlps_catalog_find_scenario(cat, "7.3.1.1")->conditions, MLPS_COND_CLOUD_ANY);
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++)
		keys += mlps_catalog_requirement(cat, i)->importance == MLPS_IMP_KEY;
	CU_ASSERT_EQUAL(keys, 81);
}

/*
 * The 81 scenarios of the 2025 guide and the item each maps to, as the ID at
 * level 3, or at the scenario's minimum level where that is 4. Issue 13 moved
 * 7.4.1.1 to L3-CES2-09 and 10.4.1.1 to L3-CES5-04, the items the guide's
 * Appendix A names; docs/catalogue-notes/high-risk.md gives the basis of the
 * others. A change here is a change of the high-risk rules and must be
 * deliberate.
 */
static const struct mapping {
	const char *scenario;
	int min_level;
	const char *id;
} mappings[] = {
	{ "6.1.1.1", 3, "L3-PES1-03" },
	{ "6.1.2.1", 3, "L3-PES1-09" },
	{ "6.1.3.1", 3, "L3-PES1-19" },
	{ "6.1.3.2", 4, "L4-PES1-22" },
	{ "6.2.1.1", 3, "L3-CNS1-01" },
	{ "6.2.1.2", 2, "L3-CNS1-04" },
	{ "6.2.1.3", 3, "L3-CNS1-05" },
	{ "6.2.2.1", 3, "L3-CNS1-07" },
	{ "6.3.1.1", 2, "L3-ABS1-01" },
	{ "6.3.1.2", 3, "L3-ABS1-04" },
	{ "6.3.2.1", 2, "L3-ABS1-05" },
	{ "6.3.3.1", 2, "L3-ABS1-10" },
	{ "6.3.3.2", 3, "L3-ABS1-11" },
	{ "6.3.3.3", 3, "L3-ABS1-12" },
	{ "6.4.1.1", 2, "L3-CES1-01" },
	{ "6.4.1.2", 2, "L3-CES1-03" },
	{ "6.4.1.3", 3, "L3-CES1-04" },
	{ "6.4.2.1", 2, "L3-CES1-06" },
	{ "6.4.2.2", 3, "L3-CES1-09" },
	{ "6.4.3.1", 2, "L3-CES1-18" },
	{ "6.4.3.2", 2, "L3-CES1-21" },
	{ "6.4.3.3", 2, "L3-CES1-20" },
	{ "6.4.4.1", 2, "L3-CES1-23" },
	{ "6.4.5.1", 3, "L3-CES1-27" },
	{ "6.4.5.2", 3, "L3-CES1-28" },
	{ "6.4.6.1", 3, "L3-CES1-29" },
	{ "6.4.6.2", 3, "L3-CES1-31" },
	{ "6.4.6.3", 4, "L4-CES1-32" },
	{ "6.4.7.1", 2, "L3-CES1-34" },
	{ "6.4.7.2", 2, "L3-CES1-35" },
	{ "6.5.1.1", 3, "L3-SMC1-08" },
	{ "6.5.1.2", 3, "L3-SMC1-10" },
	{ "6.6.1.1", 3, "L3-PSS1-02" },
	{ "6.7.1.1", 3, "L3-ORS1-01" },
	{ "6.8.1.1", 2, "L3-HRS1-10" },
	{ "6.9.1.1", 2, "L3-CMS1-08" },
	{ "6.9.2.1", 3, "L3-CMS1-20" },
	{ "6.9.3.1", 3, "L3-CMS1-25" },
	{ "6.9.4.1", 3, "L3-CMS1-29" },
	{ "6.9.4.2", 3, "L3-CMS1-31" },
	{ "6.10.1.1", 2, "L3-MMS1-42" },
	{ "6.10.1.2", 3, "L3-MMS1-43" },
	{ "7.1.1.1", 2, "L3-PES2-01" },
	{ "7.2.1.1", 2, "L3-CNS2-01" },
	{ "7.2.1.2", 2, "L3-CNS2-02" },
	{ "7.2.1.3", 4, "L4-CNS2-08" },
	{ "7.2.1.4", 2, "L3-CNS2-03" },
	{ "7.3.1.1", 2, "L3-ABS2-01" },
	{ "7.3.2.1", 3, "L3-ABS2-03" },
	{ "7.4.1.1", 3, "L3-CES2-09" },
	{ "7.4.2.1", 2, "L3-CES2-10" },
	{ "7.4.3.1", 2, "L3-CES2-14" },
	{ "7.4.3.2", 3, "L3-CES2-17" },
	{ "7.4.4.1", 2, "L3-CES2-19" },
	{ "7.5.1.1", 3, "L3-SMC2-02" },
	{ "7.6.1.1", 2, "L3-CMS2-01" },
	{ "7.6.2.1", 3, "L3-CMS2-06" },
	{ "7.7.1.1", 2, "L3-MMS2-01" },
	{ "8.1.1.1", 4, "L4-PES3-01" },
	{ "8.2.1.1", 3, "L3-ABS3-01" },
	{ "8.2.2.1", 2, "L3-ABS3-02" },
	{ "8.2.3.1", 3, "L3-ABS3-06" },
	{ "8.2.3.2", 2, "L3-ABS3-07" },
	{ "8.2.3.3", 3, "L3-ABS3-04" },
	{ "8.3.1.1", 3, "L3-CES3-04" },
	{ "8.3.1.2", 3, "L3-CES3-05" },
	{ "8.4.1.1", 3, "L3-CMS3-01" },
	{ "8.4.1.2", 3, "L3-CMS3-02" },
	{ "9.1.1.1", 3, "L3-PES4-01" },
	{ "9.2.1.1", 2, "L3-ABS4-01" },
	{ "9.3.1.1", 3, "L3-CES4-01" },
	{ "9.3.2.1", 3, "L3-CES4-05" },
	{ "10.1.1.1", 2, "L3-PES5-01" },
	{ "10.2.1.1", 2, "L3-CNS5-01" },
	{ "10.2.1.2", 2, "L3-CNS5-02" },
	{ "10.2.2.1", 3, "L3-CNS5-04" },
	{ "10.3.1.1", 2, "L3-ABS5-01" },
	{ "10.3.2.1", 3, "L3-ABS5-08" },
	{ "10.4.1.1", 3, "L3-CES5-04" },
	{ "10.4.1.2", 3, "L3-CES5-05" },
	{ "10.5.1.1", 2, "L3-CMS5-01" },
};

static void test_profiles_81_mappings_are_exactly_the_table(void)
{
	size_t i, n = sizeof(mappings) / sizeof(mappings[0]);

	CU_ASSERT_EQUAL_FATAL(n, 81);
	CU_ASSERT_EQUAL(mlps_catalog_n_scenarios(cat), n);
	for (i = 0; i < n; i++) {
		const struct mlps_scenario *sc = mlps_catalog_find_scenario(cat, mappings[i].scenario);
		int level = mappings[i].min_level > 3 ? mappings[i].min_level : 3;
		const char *got = sc && sc->req ? sc->req->ids[level] : NULL;

		CU_ASSERT_PTR_NOT_NULL(sc);
		if (!sc)
			continue;
		CU_ASSERT_EQUAL(sc->min_level, mappings[i].min_level);
		CU_ASSERT(got && !strcmp(got, mappings[i].id));
		CU_ASSERT_PTR_EQUAL(mlps_catalog_scenario(cat, i), sc);   /* and in the guide's order */
		if (!got || strcmp(got, mappings[i].id) || sc->min_level != mappings[i].min_level)
			fprintf(stderr, "\n  %s: %s from L%d, expected %s from L%d", mappings[i].scenario,
				got ? got : "(none)", sc->min_level, mappings[i].id, mappings[i].min_level);
	}
}

/*
 * Every (level, ID, key) of the catalogue equals tests/fixtures/profiles/ids.tsv,
 * nothing more. The fixture changes only on purpose (issue 13: L2-CMS1-26 was
 * dropped, L1-ABS5-03 and L2-ABS5-05 moved to ics.abs.wireless.b, L2-CMS2-03 to
 * cloud.cms.csp.d); docs/catalogue-notes.md says why.
 */
static void test_profiles_id_sets_per_level_are_exactly_the_fixture(void)
{
	FILE *fp = fopen(MLPS_FIXTURES "/profiles/ids.tsv", "r");
	char line[256];
	size_t i, lines = 0, in_catalogue = 0, bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	while (fgets(line, sizeof(line), fp)) {
		char id[64], key[128];
		int level;
		const struct mlps_requirement *r;

		if (sscanf(line, "%d\t%63s\t%127s", &level, id, key) != 3 || level < 1 || level > 4) {
			bad++;
			continue;
		}
		lines++;
		r = mlps_catalog_find_id(cat, id);
		if (!r || !r->ids[level] || strcmp(r->ids[level], id) || strcmp(r->key, key)) {
			bad++;
			fprintf(stderr, "\n  fixture L%d %s %s: catalogue has %s", level, id, key, r ? r->key : "(no such ID)");
		}
	}
	fclose(fp);
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		int level;

		for (level = 1; level <= 4; level++)
			in_catalogue += r->ids[level] != NULL;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(lines, in_catalogue);
	if (lines != in_catalogue)
		fprintf(stderr, "\n  fixture has %zu IDs, catalogue %zu", lines, in_catalogue);
}

/*
 * Guidance must never tell an evaluator to do something destructive or
 * service-affecting on a live system (issue 13). The check works sentence by
 * sentence (zh split at 。 and ；, en at ". " and "; "). A sentence with a
 * word of the list is accepted only when it confines the step to a
 * maintenance window, a test environment or a test account, forbids it
 * (不得, never), is a verdict (为符合 …, compliant, partial), or is an
 * interview or a review of what exists (访谈, 查看, 查阅 …, interview,
 * examine, check, review). Anything else is reported with its requirement.
 */
static const char *const zh_destructive[] = {
	"关机", "关闭电源", "断电", "拔掉", "拔出", "拔下", "拔除", "下线", "离线", "重启", "停机",
	"杀死", "杀掉", "结束进程", "洪泛", "泛洪", "删除", "断开", "干扰", "停止服务", "中断服务",
	"切换测试", "停止审计", "关闭审计", "错误口令", "暴力破解", NULL,
};
static const char *const zh_safe[] = {
	"维护窗口", "测试环境", "测试账户", "不得", "不动", "禁止", "为符合", "为部分符合", "为不符合", NULL,
};
static const char *const zh_lead[] = { "访谈", "查看", "查阅", "核查", "核对", "了解", NULL };
static const char *const en_destructive[] = {
	"shut down", "shutting down", "shutdown", "unplug", "power off", "powering off", "power down",
	"switch off", "delet", "flood", " kill", "reboot", "restart", "offline", "disconnect", "pull the",
	"pull out", "interfere", "jam ", "failover test", "brute-force", "wrong password",
	"switch auditing off", "stop the audit", NULL,
};
static const char *const en_safe[] = {
	"maintenance window", "test environment", "test account", "never", "compliant", "partial", NULL,
};
static const char *const en_lead[] = { "interview", "examine", "check ", "ask ", "review", NULL };

/* Does [s, e) contain w (ASCII case-insensitive; UTF-8 bytes compare as they are)? */
static int span_has(const char *s, const char *e, const char *w)
{
	size_t n = strlen(w);

	for (; s + n <= e; s++)
		if (!strncasecmp(s, w, n))
			return 1;
	return 0;
}

static int span_has_any(const char *s, const char *e, const char *const *words)
{
	for (; *words; words++)
		if (span_has(s, e, *words))
			return 1;
	return 0;
}

static int span_starts_any(const char *s, const char *e, const char *const *words)
{
	while (s < e && *s == ' ')
		s++;
	for (; *words; words++)
		if ((size_t)(e - s) >= strlen(*words) && !strncasecmp(s, *words, strlen(*words)))
			return 1;
	return 0;
}

/* Number of unsafe sentences in `t`; each is printed with `key`. */
static int unsafe_sentences(const char *key, const char *t, const char *const *stops,
			    const char *const *bad, const char *const *safe, const char *const *lead)
{
	const char *s = t, *p = t;
	int found = 0;

	while (*s) {
		const char *const *stop = NULL;

		for (p = s; *p; p++) {
			for (stop = stops; *stop; stop++)
				if (!strncmp(p, *stop, strlen(*stop)))
					break;
			if (*stop)
				break;
		}
		if (*p)
			p += strlen(*stop);
		if (span_has_any(s, p, bad) && !span_has_any(s, p, safe) && !span_starts_any(s, p, lead)) {
			found++;
			fprintf(stderr, "\n  %s: %.*s", key, (int)(p - s), s);
		}
		s = p;
	}
	return found;
}

static void test_profiles_guidance_has_no_destructive_steps(void)
{
	static const char *const zh_stops[] = { "。", "；", NULL };
	static const char *const en_stops[] = { ". ", "; ", NULL };
	size_t i;
	int found = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);

		found += unsafe_sentences(r->key, r->guidance.zh, zh_stops, zh_destructive, zh_safe, zh_lead);
		found += unsafe_sentences(r->key, r->guidance.en, en_stops, en_destructive, en_safe, en_lead);
	}
	CU_ASSERT_EQUAL(found, 0);
}

/* The check itself: it catches the step issue 13 found and lets a safe one through. */
static void test_profiles_destructive_check_catches_a_live_step(void)
{
	static const char *const zh_stops[] = { "。", "；", NULL };
	static const char *const en_stops[] = { ". ", "; ", NULL };

	CU_ASSERT_EQUAL(unsafe_sentences("x", "写入测试数据后下线一个副本所在节点，确认数据仍可读取。", zh_stops,
					 zh_destructive, zh_safe, zh_lead), 1);
	CU_ASSERT_EQUAL(unsafe_sentences("x", "Write test data, take one node offline and read it back. Done.",
					 en_stops, en_destructive, en_safe, en_lead), 1);
	CU_ASSERT_EQUAL(unsafe_sentences("x", "只在约定的维护窗口内做一次切换测试。", zh_stops, zh_destructive,
					 zh_safe, zh_lead), 0);
	CU_ASSERT_EQUAL(unsafe_sentences("x", "Check that unused accounts were deleted.", en_stops, en_destructive,
					 en_safe, en_lead), 0);
	fprintf(stderr, "\n  (the two lines above are expected)");
}

/*
 * English requirement texts state obligations: every text and variant says
 * "shall", none says "must" (docs/catalogue-notes.md, "English convention").
 */
static void test_profiles_english_requirements_say_shall(void)
{
	size_t i, k;
	int bad = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);

		for (k = 0; k <= r->n_variants; k++) {
			const char *en = k == 0 ? r->text.en : r->variants[k - 1].text.en;
			const char *e = en + strlen(en);

			if (!span_has(en, e, "shall") || span_has(en, e, "must ")) {
				bad++;
				fprintf(stderr, "\n  %s%s: %s", r->key, k ? " (variant)" : "", en);
			}
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void test_profiles_every_text_is_complete_in_both_languages(void)
{
	size_t i, empty = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		const struct mlps_text *t[] = { &r->text, &r->guidance, &r->remediation,
						mlps_cp_name(r->cp, 1), &r->cp->category->name };
		size_t k;

		for (k = 0; k < 5; k++)
			empty += !t[k]->zh || !*t[k]->zh || !t[k]->en || !*t[k]->en;
		/* Chinese text is Chinese, English text has no CJK characters. */
		empty += strspn(r->text.zh, "abcdefghijklmnopqrstuvwxyz ") == strlen(r->text.zh);
		empty += r->methods == 0;
	}
	CU_ASSERT_EQUAL(empty, 0);
}

static void test_profiles_ids_match_their_level_and_keys_are_unique(void)
{
	size_t i;
	int level, bad = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);

		CU_ASSERT_PTR_EQUAL(mlps_catalog_find_key(cat, r->key), r);
		for (level = 1; level <= 4; level++) {
			if (!r->ids[level])
				continue;
			bad += r->ids[level][1] - '0' != level;
			bad += mlps_catalog_find_id(cat, r->ids[level]) != r;
			bad += !mlps_req_applies(r, level, MLPS_EXT_ALL);
			bad += r->hash[level] == 0;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/*
 * Every cloud item says whom it is for, and the customer-only and
 * platform-only sets are the ones the high-risk guide's scopes imply:
 * 7.4.3.1 (local backups) and 7.6.1.1 (choosing the provider) are the
 * customer's, 7.4.1.1 (images) the platform's.
 */
static void test_profiles_every_cloud_item_has_a_role(void)
{
	size_t i;
	int platform = 0, customer = 0, both = 0, none = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);

		if (r->cp->ext != MLPS_EXT_CLOUD) {
			CU_ASSERT_EQUAL(r->roles, 0);
			continue;
		}
		platform += r->roles == MLPS_ROLE_PLATFORM;
		customer += r->roles == MLPS_ROLE_CUSTOMER;
		both += r->roles == MLPS_ROLE_BOTH;
		none += r->roles == 0;
	}
	CU_ASSERT_EQUAL(none, 0);
	CU_ASSERT_EQUAL(platform + customer + both, 49);
	CU_ASSERT_EQUAL(customer, 6);
	CU_ASSERT_EQUAL(mlps_catalog_find(cat, "L3-CES2-14")->roles, MLPS_ROLE_CUSTOMER);
	CU_ASSERT_EQUAL(mlps_catalog_find(cat, "L3-CMS2-01")->roles, MLPS_ROLE_CUSTOMER);
	CU_ASSERT_EQUAL(mlps_catalog_find(cat, "L3-CES2-09")->roles, MLPS_ROLE_PLATFORM);
	CU_ASSERT_EQUAL(mlps_catalog_find(cat, "L3-ABS2-01")->roles, MLPS_ROLE_BOTH);
	/* A customer system gets provider-only items as N/A with a prepared reason, and the reverse. */
	CU_ASSERT_FALSE(mlps_req_for_role(mlps_catalog_find(cat, "L3-CES2-09"), MLPS_COND_CLOUD_CUSTOMER));
	CU_ASSERT_TRUE(mlps_req_for_role(mlps_catalog_find(cat, "L3-CES2-09"), MLPS_COND_CLOUD_PLATFORM));
	CU_ASSERT_TRUE(mlps_req_for_role(mlps_catalog_find(cat, "L3-CES2-09"), 0));
	CU_ASSERT_STRING_EQUAL(mlps_req_role_reason(mlps_catalog_find(cat, "L3-CES2-14"), MLPS_COND_CLOUD_PLATFORM,
						    MLPS_LANG_ZH), "本项仅适用于云服务客户系统，本系统为云计算平台。");
	CU_ASSERT_PTR_NULL(mlps_req_role_reason(mlps_catalog_find(cat, "L3-ABS2-01"), MLPS_COND_CLOUD_PLATFORM,
						MLPS_LANG_ZH));
}

static void test_profiles_validate_rejects_bad_roles(void)
{
	struct mlps_error err;

	mlps_error_init(&err);
	CU_ASSERT_PTR_NULL(mlps_catalog_load(MLPS_FIXTURES "/profiles/roles", &err));
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err),
		MLPS_FIXTURES "/profiles/roles/cloud.yaml:11:13: categories[0].control_points[0].requirements[0]: "
		"cloud requirement 'cloud.ces.x.a' names no cloud roles (give 'roles:' with platform, customer or "
		"both, on it or on its control point)\n"
		MLPS_FIXTURES "/profiles/roles/cloud.yaml:22:31: categories[0].control_points[0].requirements[1]."
		"roles[1]: 'tenant' is not one of: platform, customer\n"
		MLPS_FIXTURES "/profiles/roles/general.yaml:10:16: categories[0].control_points[0].roles: only "
		"cloud-extension items have cloud roles");
	mlps_error_release(&err);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "every cloud item has a role", test_profiles_every_cloud_item_has_a_role },
		{ "validate rejects bad cloud roles", test_profiles_validate_rejects_bad_roles },
		{ "general counts per level and category", test_profiles_general_counts_per_level_and_category },
		{ "cloud counts per level and category", test_profiles_cloud_counts_per_level_and_category },
		{ "level-3 general IDs are exactly the reference", test_profiles_level3_general_ids_are_exactly_the_reference },
		{ "level-3 cloud technical IDs", test_profiles_level3_cloud_technical_ids },
		{ "mobile, IoT, ICS counts", test_profiles_mobile_iot_ics_counts },
		{ "level-3 mobile, IoT, ICS technical IDs", test_profiles_level3_extension_technical_ids },
		{ "81 high-risk scenarios resolve", test_profiles_81_high_risk_scenarios_resolve },
		{ "every text complete in both languages", test_profiles_every_text_is_complete_in_both_languages },
		{ "IDs match their level, keys unique", test_profiles_ids_match_their_level_and_keys_are_unique },
		{ "81 mappings are exactly the table", test_profiles_81_mappings_are_exactly_the_table },
		{ "ID sets per level are exactly the fixture", test_profiles_id_sets_per_level_are_exactly_the_fixture },
		{ "guidance has no destructive steps", test_profiles_guidance_has_no_destructive_steps },
		{ "destructive check catches a live step", test_profiles_destructive_check_catches_a_live_step },
		{ "English requirements say shall", test_profiles_english_requirements_say_shall },
		CU_TEST_INFO_NULL,
	};
	struct mlps_error err;
	int status;

	mlps_error_init(&err);
	cat = mlps_catalog_load(MLPS_SHIPPED, &err);
	if (!cat) {
		fprintf(stderr, "%s\n", mlps_error_message(&err));
		return 1;
	}
	mlps_error_release(&err);
	status = test_main("profiles", tests);
	mlps_catalog_free(cat);
	return status;
}
