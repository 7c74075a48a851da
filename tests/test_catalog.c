/*
 * test_catalog.c - lookups, level and extension filtering, names, and the
 * display-width helpers that every layout depends on.
 */
#include <locale.h>
#include <string.h>

#include "catalog.h"
#include "testutil.h"
#include "utf8.h"

static struct mlps_catalog *cat;

static int load(void)
{
	struct mlps_error err;

	mlps_error_init(&err);
	cat = mlps_catalog_load(MLPS_FIXTURES "/loader/valid", &err);
	mlps_error_release(&err);
	return cat ? 0 : 1;
}

static void test_catalog_finds_by_id_at_any_level_and_by_key(void)
{
	const struct mlps_requirement *r = mlps_catalog_find_key(cat, "pes.access.a");

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_EQUAL(mlps_catalog_find_id(cat, "L1-PES1-01"), r);
	CU_ASSERT_PTR_EQUAL(mlps_catalog_find_id(cat, "L2-PES1-02"), r);
	CU_ASSERT_PTR_EQUAL(mlps_catalog_find_id(cat, "L3-PES1-03"), r);
	CU_ASSERT_PTR_EQUAL(mlps_catalog_find(cat, "L4-PES1-03"), r);
	CU_ASSERT_PTR_EQUAL(mlps_catalog_find(cat, "pes.access.a"), r);
	CU_ASSERT_PTR_NULL(mlps_catalog_find(cat, "L3-PES1-04"));
	CU_ASSERT_PTR_NULL(mlps_catalog_find(cat, "pes.access"));
	CU_ASSERT_PTR_NULL(mlps_catalog_find(cat, ""));
	CU_ASSERT_PTR_NULL(mlps_catalog_find_id(cat, "pes.access.a"));
	CU_ASSERT_STRING_EQUAL(mlps_catalog_find_scenario(cat, "7.1.1.1")->title.zh,
			       "云计算基础设施位于中国境外");
	CU_ASSERT_PTR_NULL(mlps_catalog_find_scenario(cat, "7.1.1.2"));
}

static size_t count_at(int level, unsigned ext)
{
	size_t i, n = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++)
		n += mlps_req_applies(mlps_catalog_requirement(cat, i), level, ext);
	return n;
}

static void test_catalog_filters_by_level_and_extension(void)
{
	unsigned general = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	unsigned cloud = general | MLPS_EXT_BIT(MLPS_EXT_CLOUD);

	CU_ASSERT_EQUAL(count_at(1, general), 1);
	CU_ASSERT_EQUAL(count_at(2, general), 2);
	CU_ASSERT_EQUAL(count_at(3, general), 3);
	CU_ASSERT_EQUAL(count_at(4, general), 3);
	CU_ASSERT_EQUAL(count_at(1, cloud), 2);
	CU_ASSERT_EQUAL(count_at(3, cloud), 4);
	CU_ASSERT_EQUAL(count_at(3, MLPS_EXT_BIT(MLPS_EXT_CLOUD)), 1);
	CU_ASSERT_EQUAL(count_at(0, MLPS_EXT_ALL), 0);
	CU_ASSERT_EQUAL(count_at(5, MLPS_EXT_ALL), 0);
}

static void test_catalog_parses_extension_lists(void)
{
	struct mlps_error err;
	unsigned mask = 0;

	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_ext_parse_list("cloud,ics", &mask, &err), 0);
	CU_ASSERT_EQUAL(mask, MLPS_EXT_BIT(MLPS_EXT_GENERAL) | MLPS_EXT_BIT(MLPS_EXT_CLOUD) |
				      MLPS_EXT_BIT(MLPS_EXT_ICS));
	CU_ASSERT_EQUAL(mlps_ext_parse_list("", &mask, &err), 0);
	CU_ASSERT_EQUAL(mask, MLPS_EXT_BIT(MLPS_EXT_GENERAL));
	CU_ASSERT_EQUAL(mlps_ext_parse_list("cloud,,iot", &mask, &err), -1);
	CU_ASSERT_EQUAL(mlps_ext_parse_list("cloud,space", &mask, &err), -1);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err),
			       "extension '' is not one of: general, cloud, mobile, iot, ics\n"
			       "extension 'space' is not one of: general, cloud, mobile, iot, ics");
	mlps_error_release(&err);
}

static void test_catalog_names_are_stable(void)
{
	CU_ASSERT_STRING_EQUAL(mlps_ext_name(MLPS_EXT_IOT), "iot");
	CU_ASSERT_STRING_EQUAL(mlps_importance_name(MLPS_IMP_IMPORTANT), "important");
	CU_ASSERT_STRING_EQUAL(mlps_status_name(MLPS_ST_NA), "na");
	CU_ASSERT_STRING_EQUAL(mlps_risk_name(MLPS_RISK_HIGH), "high");
	CU_ASSERT_STRING_EQUAL(mlps_condition_name(MLPS_COND_KEY_INDUSTRY), "key-industry");
	CU_ASSERT_STRING_EQUAL(mlps_kind_name(MLPS_KIND_MANAGEMENT), "management");
}

static void test_utf8_width_counts_cjk_as_two_columns(void)
{
	CU_ASSERT_EQUAL(mlps_utf8_width("abc"), 3);
	CU_ASSERT_EQUAL(mlps_utf8_width("安全物理环境"), 12);
	CU_ASSERT_EQUAL(mlps_utf8_width("L3-CES1-01 身份鉴别"), 19);
	CU_ASSERT_EQUAL(mlps_utf8_width("，。"), 4);
	CU_ASSERT_TRUE(mlps_utf8_valid("安全", 6, NULL));
	CU_ASSERT_FALSE(mlps_utf8_valid("\xe5\xae", 2, NULL));
	CU_ASSERT_FALSE(mlps_utf8_valid("\xc0\xaf", 2, NULL)); /* overlong '/' */
	CU_ASSERT_FALSE(mlps_utf8_valid("\xed\xa0\x80", 3, NULL)); /* surrogate */
}

static void test_utf8_wrap_breaks_by_display_width(void)
{
	struct strbuf sb = STRBUF_INIT;

	mlps_utf8_wrap(&sb, "the quick brown fox jumps", 10, 0, 2);
	CU_ASSERT_STRING_EQUAL(sb.buf, "the quick\n  brown\n  fox\n  jumps\n");
	strbuf_reset(&sb);
	/* Ten CJK characters at width 8: four per line, the full stop kept with its character. */
	mlps_utf8_wrap(&sb, "应定期进行安全检查。", 8, 0, 0);
	CU_ASSERT_STRING_EQUAL(sb.buf, "应定期进\n行安全检\n查。\n");
	strbuf_reset(&sb);
	mlps_utf8_wrap(&sb, "使用SSH协议管理", 9, 2, 2);
	CU_ASSERT_STRING_EQUAL(sb.buf, "  使用SSH\n  协议管\n  理\n");
	strbuf_reset(&sb);
	mlps_utf8_wrap(&sb, "abcdefghij", 4, 0, 0);
	CU_ASSERT_STRING_EQUAL(sb.buf, "abcd\nefgh\nij\n");
	strbuf_reset(&sb);
	mlps_utf8_pad(&sb, "身份", 6);
	CU_ASSERT_STRING_EQUAL(sb.buf, "身份  ");
	strbuf_release(&sb);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "finds by ID at any level and by key", test_catalog_finds_by_id_at_any_level_and_by_key },
		{ "filters by level and extension", test_catalog_filters_by_level_and_extension },
		{ "parses extension lists", test_catalog_parses_extension_lists },
		{ "names are stable", test_catalog_names_are_stable },
		{ "width counts CJK as two columns", test_utf8_width_counts_cjk_as_two_columns },
		{ "wrap breaks by display width", test_utf8_wrap_breaks_by_display_width },
		CU_TEST_INFO_NULL,
	};
	int status;

	setlocale(LC_CTYPE, "C.UTF-8");
	if (load())
		return 1;
	status = test_main("catalog", tests);
	mlps_catalog_free(cat);
	return status;
}
