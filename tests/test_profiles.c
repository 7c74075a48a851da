/*
 * test_profiles.c - the shipped catalogue holds exactly what the standard
 * has: per-level, per-category counts (docs/catalogue-notes.md explains
 * every one), the exact set of level-3 IDs from GB/T 28448, complete
 * bilingual texts, and IDs only where a requirement applies.
 */
#include <string.h>

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
		{ 15, 4, 11, 23, 4, 6, 9, 7, 26, 31 },
		{ 22, 8, 20, 34, 12, 7, 14, 12, 34, 48 },
		{ 24, 11, 21, 36, 13, 7, 15, 14, 35, 52 },
	};
	static const int totals[4] = { 55, 136, 211, 228 };

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

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "general counts per level and category", test_profiles_general_counts_per_level_and_category },
		{ "cloud counts per level and category", test_profiles_cloud_counts_per_level_and_category },
		{ "level-3 general IDs are exactly the reference", test_profiles_level3_general_ids_are_exactly_the_reference },
		{ "level-3 cloud technical IDs", test_profiles_level3_cloud_technical_ids },
		{ "mobile, IoT, ICS counts", test_profiles_mobile_iot_ics_counts },
		{ "level-3 mobile, IoT, ICS technical IDs", test_profiles_level3_extension_technical_ids },
		{ "81 high-risk scenarios resolve", test_profiles_81_high_risk_scenarios_resolve },
		{ "every text complete in both languages", test_profiles_every_text_is_complete_in_both_languages },
		{ "IDs match their level, keys unique", test_profiles_ids_match_their_level_and_keys_are_unique },
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
