/*
 * test_cli.c - the mlps binary as a user runs it: exit statuses, where
 * messages go, and the exact machine formats of `catalog list`.
 */
#include <jansson.h>
#include <string.h>

#include "testutil.h"

#define FIX MLPS_FIXTURES "/loader"

static const char *const valid_env[] = { "MLPS_PROFILES=" FIX "/valid", NULL };

static void test_cli_prints_version_and_help(void)
{
	struct run r;

	run_mlps(&r, valid_env, (const char *const[]){ "--version", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	/* The version names the catalogue's texts exactly: folder, content hash, size. */
	CU_ASSERT_EQUAL(strncmp(r.out, "mlps " MLPS_VERSION "\ncatalogue valid, hash ", strlen("mlps " MLPS_VERSION
										 "\ncatalogue valid, hash ")), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, " requirements (texts are the project's paraphrase; GB/T 22239-2019 "
					     "is authoritative)\n"));
	run_free(&r);
	run_mlps(&r, NULL, (const char *const[]){ "--help", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "usage: mlps [--db PATH] [--profiles DIR] [--lang zh|en] COMMAND"));
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_free(&r);
	run_mlps(&r, NULL, (const char *const[]){ "catalog", "list", "--help", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "usage: mlps catalog list", 24), 0);
	run_free(&r);
}

static void test_cli_rejects_bad_usage_with_exit_2(void)
{
	struct run r;

	run_mlps(&r, NULL, (const char *const[]){ "frobnicate", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: 'frobnicate' is not a command (see 'mlps --help')\n");
	run_free(&r);
	run_mlps(&r, valid_env, (const char *const[]){ "catalog", "list", "--level", "5", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: catalog list: --level: '5' is not a level from 1 to 4\n"
				      "(see 'mlps catalog list --help')\n");
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_free(&r);
	run_mlps(&r, NULL, (const char *const[]){ "--lang", "fr", "catalog", "list", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: --lang: 'fr' is not zh or en\n");
	run_free(&r);
}

static void test_cli_validate_exit_status_and_messages(void)
{
	struct run r;

	run_mlps(&r, NULL, (const char *const[]){ "profile", "validate", FIX "/valid", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "ok: " FIX "/valid: 4 requirements, 2 scenarios, with rules, "
				      "hash 5c1440c4b5a945a1\n");
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_free(&r);

	run_mlps(&r, NULL, (const char *const[]){ "profile", "validate", FIX "/unknown-key.yaml", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: " FIX "/unknown-key.yaml:7:5: categories[0]: unknown key "
				      "'colour' (expected one of: code, kind, name, control_points)\n");
	run_free(&r);

	/* One bad set among good ones still fails the run, and the good one is still reported. */
	run_mlps(&r, NULL, (const char *const[]){ "profile", "validate", FIX "/valid", FIX "/dup-id", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_EQUAL(count_lines(r.out), 1);
	CU_ASSERT_EQUAL(count_lines(r.err), 1);
	run_free(&r);

	run_mlps(&r, NULL, (const char *const[]){ "profile", "validate", FIX "/nothing-here", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: " FIX "/nothing-here: No such file or directory\n");
	run_free(&r);
}

static void test_cli_catalog_list_tsv_at_level(void)
{
	struct run r;

	run_mlps(&r, valid_env, (const char *const[]){ "catalog", "list", "--level", "3", "--format", "tsv", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out,
			       "id\tkey\tcategory\tcontrol_point\timportance\textension\n"
			       "L3-PES1-01\tpes.location.a\tPES\t物理位置选择\tgeneral\tgeneral\n"
			       "L3-PES1-02\tpes.location.b\tPES\t物理位置选择\timportant\tgeneral\n"
			       "L3-PES1-03\tpes.access.a\tPES\t物理访问控制\tkey\tgeneral\n");
	run_free(&r);
	run_mlps(&r, valid_env, (const char *const[]){ "catalog", "list", "--level", "1", "--ext", "cloud", "--format", "tsv", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out,
			       "id\tkey\tcategory\tcontrol_point\timportance\textension\n"
			       "L1-PES1-01\tpes.access.a\tPES\t物理访问控制\tkey\tgeneral\n"
			       "L1-PES2-01\tcloud.pes.location.a\tPES\t基础设施位置\tkey\tcloud\n");
	run_free(&r);
}

static void test_cli_catalog_list_without_level_lists_all_ids(void)
{
	struct run r;

	run_mlps(&r, valid_env, (const char *const[]){ "catalog", "list", "--format", "tsv", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out,
			       "id\tkey\tcategory\tcontrol_point\timportance\textension\n"
			       "L2-PES1-01,L3-PES1-01,L4-PES1-01\tpes.location.a\tPES\t物理位置选择\tgeneral\tgeneral\n"
			       "L3-PES1-02,L4-PES1-02\tpes.location.b\tPES\t物理位置选择\timportant\tgeneral\n"
			       "L1-PES1-01,L2-PES1-02,L3-PES1-03,L4-PES1-03\tpes.access.a\tPES\t物理访问控制\tkey\tgeneral\n");
	run_free(&r);
}

static void test_cli_catalog_list_json_fields(void)
{
	json_error_t jerr;
	json_t *doc, *o;
	struct run r;

	run_mlps(&r, valid_env, (const char *const[]){ "catalog", "list", "--level", "4", "--format", "json", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	doc = json_loads(r.out, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_EQUAL(json_array_size(doc), 3);
	o = json_array_get(doc, 0);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "id")), "L4-PES1-01");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(o, "level")), 4);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "key")), "pes.location.a");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "category")), "PES");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(o, "control_point"), "en")),
			       "Choice of physical location");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "importance")), "general");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(o, "extension")), "general");
	/* The level-4 wording, not the base text. */
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(o, "text"), "zh")),
			       "机房位于坚固且有抗震设防的建筑内。");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(o, "guidance"), "zh")),
			       "查看建筑验收文件。");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(o, "remediation"), "en")),
			       "Move into a suitable building.");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(o, "methods")), 1);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(json_object_get(o, "methods"), 0)), "examine");
	o = json_array_get(doc, 2);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_object_get(o, "control_point"), "en")),
			       "Physical access control (reinforced)");
	json_decref(doc);
	run_free(&r);
}

static void test_cli_catalog_show_by_id_and_key(void)
{
	struct run a, b;

	run_mlps(&a, valid_env, (const char *const[]){ "catalog", "show", "L2-PES1-02", NULL });
	run_mlps(&b, valid_env, (const char *const[]){ "catalog", "show", "pes.access.a", NULL });
	CU_ASSERT_EQUAL(a.status, 0);
	CU_ASSERT_STRING_EQUAL(a.out, b.out);
	CU_ASSERT_PTR_NOT_NULL(strstr(a.out, "pes.access.a\n  编号 IDs                L1-PES1-01  L2-PES1-02  L3-PES1-03  L4-PES1-03\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(a.out, "\n测评指引 Guidance\n  查看门禁记录。\n  Examine the access log.\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(a.out, "\n整改建议 Remediation\n  安装电子门禁。\n  Install electronic access control.\n"));
	run_free(&a);
	run_free(&b);
	run_mlps(&a, valid_env, (const char *const[]){ "catalog", "show", "L3-PES1-09", NULL });
	CU_ASSERT_EQUAL(a.status, 2);
	CU_ASSERT_STRING_EQUAL(a.err, "mlps: catalog show: no requirement has the ID or key 'L3-PES1-09'\n");
	run_free(&a);
}

static void test_cli_bad_profile_set_fails_catalog_commands(void)
{
	static const char *const env[] = { "MLPS_PROFILES=" FIX "/dup-id", NULL };
	struct run r;

	run_mlps(&r, env, (const char *const[]){ "catalog", "list", NULL });
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: " FIX "/dup-id/b.yaml:12:22: ID 'L3-PES1-01' is defined "
				      "twice (first at " FIX "/dup-id/a.yaml:12:22)\n");
	run_free(&r);
	/* --profiles wins over MLPS_PROFILES. */
	run_mlps(&r, env, (const char *const[]){ "--profiles", FIX "/valid", "catalog", "list", "--format", "tsv", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(count_lines(r.out), 4);
	run_free(&r);
}

/* The shipped set through the binary: the counts a user sees (issue 3, 4). */
static void test_cli_shipped_catalogue_counts(void)
{
	static const char *const shipped[] = { "MLPS_PROFILES=" MLPS_SHIPPED, NULL };
	static const char *const levels[] = { "1", "2", "3", "4" };
	static const size_t general[] = { 55, 135, 211, 228 };
	struct run r;
	size_t i;

	for (i = 0; i < 4; i++) {
		run_mlps(&r, shipped, (const char *const[]){ "catalog", "list", "--level", levels[i], "--format", "tsv", NULL });
		CU_ASSERT_EQUAL(r.status, 0);
		CU_ASSERT_EQUAL(count_lines(r.out), general[i] + 1);
		run_free(&r);
	}
	run_mlps(&r, shipped, (const char *const[]){ "catalog", "list", "--level", "3", "--ext", "cloud,mobile,iot,ics", "--format", "tsv", NULL });
	CU_ASSERT_EQUAL(count_lines(r.out), 319);
	run_free(&r);
	run_mlps(&r, shipped, (const char *const[]){ "catalog", "risks", "--format", "tsv", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(count_lines(r.out), 82);
	CU_ASSERT_EQUAL(strncmp(r.out, "scenario\trequirement_id\tmin_level\tconditions\ttitle_zh\tguide_level\n"
				       "6.1.1.1\tL3-PES1-03\t3\t-\t机房出入口访问控制措施缺失\n", 94), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n6.4.1.1\tL2-CES1-01\t2\t-\t"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n7.3.1.1\tL2-ABS2-01\t2\tcloud-platform,cloud-customer\t"));
	run_free(&r);
	run_mlps(&r, shipped, (const char *const[]){ "catalog", "show", "L3-CES1-01", NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "ces.ia.a\n  编号 IDs                L1-CES1-01  L2-CES1-01  L3-CES1-01  L4-CES1-01\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n测评指引 Guidance\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n整改建议 Remediation\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n要求（释义，以 GB/T 22239-2019 原文为准） Requirement (paraphrase; "
					     "GB/T 22239-2019 is authoritative), level 1, 2, 3, 4\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n  测评对象 Assessed on    网络设备 network  安全设备 security  "
					     "服务器和操作系统 server  数据库管理系统 database  中间件 middleware  "
					     "业务应用系统/平台 application  终端和运维终端 terminal\n"));
	run_free(&r);
	run_mlps(&r, shipped, (const char *const[]){ "catalog", "show", "L3-CMS2-01", NULL });
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n  云角色 Cloud roles      仅云服务客户 customer only\n"));
	run_free(&r);
	run_mlps(&r, shipped, (const char *const[]){ "profile", "validate", MLPS_SHIPPED, NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "ok: " MLPS_SHIPPED ": 346 requirements, 81 scenarios, with rules, hash ",
				strlen("ok: " MLPS_SHIPPED ": 346 requirements, 81 scenarios, with rules, hash ")), 0);
	run_free(&r);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "version and help", test_cli_prints_version_and_help },
		{ "bad usage exits 2", test_cli_rejects_bad_usage_with_exit_2 },
		{ "validate: exit status and messages", test_cli_validate_exit_status_and_messages },
		{ "catalog list tsv at a level", test_cli_catalog_list_tsv_at_level },
		{ "catalog list without level", test_cli_catalog_list_without_level_lists_all_ids },
		{ "catalog list json fields", test_cli_catalog_list_json_fields },
		{ "catalog show by ID and key", test_cli_catalog_show_by_id_and_key },
		{ "a bad profile set fails catalog commands", test_cli_bad_profile_set_fails_catalog_commands },
		{ "shipped catalogue counts", test_cli_shipped_catalogue_counts },
		CU_TEST_INFO_NULL,
	};

	return test_main("cli", tests);
}
