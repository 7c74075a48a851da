/*
 * test_loader.c - the profile loader: a valid set round-trips into the model,
 * and every class of bad input is refused with its exact position and message.
 */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "catalog.h"
#include "testutil.h"

#define FIX MLPS_FIXTURES "/loader"

/* Loads a fixture file or directory, expecting failure with exactly `expected`. */
static void expect_error(const char *path, int is_dir, const char *expected)
{
	struct mlps_error err;
	struct mlps_catalog *cat;

	mlps_error_init(&err);
	cat = is_dir ? mlps_catalog_load(path, &err) : mlps_catalog_load_files(&path, 1, &err);
	CU_ASSERT_PTR_NULL(cat);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err), expected);
	if (strcmp(mlps_error_message(&err), expected))
		fprintf(stderr, "\n  got:      %s\n  expected: %s\n", mlps_error_message(&err), expected);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
}

#define REQ0 "categories[0].control_points[0].requirements[0]"

static void test_loader_rejects_unknown_key_with_position(void)
{
	expect_error(FIX "/unknown-key.yaml", 0,
		     FIX "/unknown-key.yaml:7:5: categories[0]: unknown key 'colour' "
			 "(expected one of: code, kind, name, control_points)");
}

static void test_loader_rejects_missing_required_key(void)
{
	expect_error(FIX "/missing-required.yaml", 0,
		     FIX "/missing-required.yaml:11:13: " REQ0 ": missing required key 'importance'");
}

static void test_loader_rejects_wrong_type(void)
{
	expect_error(FIX "/wrong-type.yaml", 0,
		     FIX "/wrong-type.yaml:14:22: " REQ0 ".methods: expected a list, found a scalar");
}

static void test_loader_rejects_duplicate_key_in_mapping(void)
{
	expect_error(FIX "/duplicate-key.yaml", 0,
		     FIX "/duplicate-key.yaml:14:13: " REQ0 ".importance: duplicate key 'importance'");
}

static void test_loader_rejects_malformed_id(void)
{
	expect_error(FIX "/bad-id-form.yaml", 0,
		     FIX "/bad-id-form.yaml:12:22: " REQ0 ".ids.3: 'L3-PES-01' does not have the form "
			 "L<level>-<CAT><type>-<nn> (e.g. L3-CES1-01)");
}

static void test_loader_rejects_id_of_other_level(void)
{
	expect_error(FIX "/id-wrong-level.yaml", 0,
		     FIX "/id-wrong-level.yaml:12:22: " REQ0 ".ids.3: 'L2-PES1-01' names level 2 "
			 "but is listed under level 3");
}

static void test_loader_rejects_id_of_other_category(void)
{
	expect_error(FIX "/id-wrong-category.yaml", 0,
		     FIX "/id-wrong-category.yaml:12:22: " REQ0 ".ids.3: 'L3-CES1-01' names category "
			 "CES but belongs to category PES");
}

static void test_loader_rejects_id_of_other_extension(void)
{
	expect_error(FIX "/id-wrong-ext.yaml", 0,
		     FIX "/id-wrong-ext.yaml:12:22: " REQ0 ".ids.3: 'L3-PES2-01' has type digit 2 "
			 "but extension 'general' needs 1");
}

static void test_loader_rejects_level_outside_1_to_4(void)
{
	expect_error(FIX "/level-out-of-range.yaml", 0,
		     FIX "/level-out-of-range.yaml:12:19: " REQ0 ".ids.5: 5 is out of range (1 to 4)");
}

static void test_loader_rejects_variant_at_level_without_id(void)
{
	expect_error(FIX "/variant-level.yaml", 0,
		     FIX "/variant-level.yaml:16:15: " REQ0 ".variants.2: variant for level 2, but the "
			 "item has no ID at level 2");
}

static void test_loader_rejects_invalid_utf8(void)
{
	expect_error(FIX "/invalid-utf8.yaml", 0,
		     FIX "/invalid-utf8.yaml:15:24: invalid UTF-8 (byte 0xff at offset 433)");
}

static void test_loader_rejects_anchors_and_aliases(void)
{
	expect_error(FIX "/anchor.yaml", 0,
		     FIX "/anchor.yaml:16:23: YAML anchor '&g' refused: profiles may not use anchors "
			 "or aliases");
	expect_error(FIX "/alias.yaml", 0,
		     FIX "/alias.yaml:16:23: YAML alias '*g' refused: profiles may not use anchors "
			 "or aliases");
}

static void test_loader_reports_yaml_syntax_error(void)
{
	expect_error(FIX "/syntax-error.yaml", 0,
		     FIX "/syntax-error.yaml:16:21: YAML syntax error: did not find expected ',' or '}' "
			 "while parsing a flow mapping (begun at line 15)");
}

static void test_loader_rejects_deep_nesting(void)
{
	expect_error(FIX "/too-deep.yaml", 0, FIX "/too-deep.yaml:1:19: nesting deeper than 16 levels");
}

static void test_loader_rejects_file_over_size_limit(void)
{
	char *dir = make_temp_dir();
	size_t size = 4u * 1024u * 1024u + 1;
	char *big = malloc(size), *path = malloc(strlen(dir) + 16), *expected = malloc(strlen(dir) + 128);

	memset(big, '#', size);
	sprintf(path, "%s/big.yaml", dir);
	write_file(path, big, size);
	sprintf(expected, "%s: file is 4194305 bytes, over the limit of 4194304 bytes", path);
	expect_error(path, 0, expected);
	free(big);
	free(path);
	free(expected);
	remove_tree(dir);
	free(dir);
}

static void test_loader_rejects_other_versions_and_first_keys(void)
{
	expect_error(FIX "/version.yaml", 0,
		     FIX "/version.yaml:1:15: mlps-profile: schema version 2 is not supported "
			 "(this mlps reads version 1)");
	expect_error(FIX "/first-key.yaml", 0,
		     FIX "/first-key.yaml:1:1: the first key must be mlps-profile, mlps-high-risk, "
			 "mlps-rules, mlps-objects or mlps-checks, found 'extension'");
	expect_error(FIX "/empty.yaml", 0, FIX "/empty.yaml:1:1: the file is empty");
	expect_error(FIX "/two-documents.yaml", 0,
		     FIX "/two-documents.yaml:18:1: a second YAML document; a profile file holds "
			 "exactly one");
}

static void test_loader_reports_every_problem_of_a_file(void)
{
	expect_error(FIX "/multi-error.yaml", 0,
		     FIX "/multi-error.yaml:6:5: categories[0]: unknown key 'colour' (expected one of: "
			 "code, kind, name, control_points)\n"
		     FIX "/multi-error.yaml:13:22: " REQ0 ".ids.3: 'L3-PES1-1' does not have the form "
			 "L<level>-<CAT><type>-<nn> (e.g. L3-CES1-01)\n"
		     FIX "/multi-error.yaml:14:25: " REQ0 ".importance: 'critical' is not one of: key, "
			 "important, general");
}

static void test_loader_caps_the_number_of_messages(void)
{
	struct strbuf doc = STRBUF_INIT;
	struct mlps_error err;
	char *dir = make_temp_dir(), *path;
	const char *msg, *last;
	int i;

	strbuf_adds(&doc, "mlps-rules: 1\n");
	for (i = 0; i < 25; i++)
		strbuf_addf(&doc, "k%d: x\n", i);
	path = malloc(strlen(dir) + 16);
	sprintf(path, "%s/many.yaml", dir);
	write_file(path, doc.buf, doc.len);
	mlps_error_init(&err);
	CU_ASSERT_PTR_NULL(mlps_catalog_load_files((const char *const *)&path, 1, &err));
	/* 25 unknown keys and 5 missing required ones. */
	CU_ASSERT_EQUAL(err.count, 30);
	msg = mlps_error_message(&err);
	CU_ASSERT_EQUAL(count_lines(msg), 20);
	last = strrchr(msg, '\n');
	CU_ASSERT_STRING_EQUAL(last, "\n(and 10 more problems not shown)");
	mlps_error_release(&err);
	strbuf_release(&doc);
	remove_tree(dir);
	free(dir);
	free(path);
}

static void test_loader_rejects_duplicates_across_files(void)
{
	expect_error(FIX "/dup-id", 1,
		     FIX "/dup-id/b.yaml:12:22: ID 'L3-PES1-01' is defined twice (first at "
		     FIX "/dup-id/a.yaml:12:22)");
	expect_error(FIX "/dup-key", 1,
		     FIX "/dup-key/b.yaml:11:18: requirement key 'pes.location.a' is defined twice "
			 "(first at " FIX "/dup-key/a.yaml:11:18)");
}

static void test_loader_checks_scenario_references(void)
{
	expect_error(FIX "/scenario-missing-req", 1,
		     FIX "/scenario-missing-req/90-high-risk.yaml:5:18: scenario 6.1.1.1: requirement "
			 "'pes.nowhere.a' does not exist in the set");
	expect_error(FIX "/scenario-level", 1,
		     FIX "/scenario-level/90-high-risk.yaml:5:18: scenario 6.1.1.1: requirement "
			 "'pes.location.a' does not apply at level 2, the scenario's min_level");
	expect_error(FIX "/scenario-bad-condition.yaml", 0,
		     FIX "/scenario-bad-condition.yaml:7:30: scenarios[0].conditions[1]: 'big-cloud' is "
			 "not one of: continuity, key-industry, cloud-platform, cloud-customer");
}

static void test_loader_checks_rules(void)
{
	expect_error(FIX "/rules-last-band.yaml", 0,
		     FIX "/rules-last-band.yaml:22:9: verdicts[1].bands: the last band must fit every "
			 "case: min 0 and max_risk high");
	expect_error(FIX "/rules-bad-value.yaml", 0,
		     FIX "/rules-bad-value.yaml:3:33: values.partial: '1.5' is not a number from 0 to 1");
}

static void test_loader_rejects_missing_directory(void)
{
	expect_error(FIX "/no-such-dir", 1,
		     FIX "/no-such-dir: cannot open profile directory: No such file or directory");
}

/* The valid set loads into exactly the model its files describe. */
static void test_loader_round_trips_valid_set(void)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	const struct mlps_category *c;
	const struct mlps_requirement *r;
	const struct mlps_rules *rules;
	const struct mlps_scenario *s;

	mlps_error_init(&err);
	cat = mlps_catalog_load(FIX "/valid", &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cat);
	CU_ASSERT_EQUAL(err.count, 0);

	/* The cloud file adds to PES rather than making a second category. */
	CU_ASSERT_EQUAL(mlps_catalog_n_categories(cat), 1);
	c = mlps_catalog_category(cat, 0);
	CU_ASSERT_STRING_EQUAL(c->code, "PES");
	CU_ASSERT_EQUAL(c->kind, MLPS_KIND_TECHNICAL);
	CU_ASSERT_STRING_EQUAL(c->name.en, "Physical environment");
	CU_ASSERT_EQUAL(c->n_cps, 3);
	CU_ASSERT_STRING_EQUAL(c->cps[2]->key, "cloud.pes.location");
	CU_ASSERT_EQUAL(c->cps[2]->ext, MLPS_EXT_CLOUD);

	CU_ASSERT_EQUAL_FATAL(mlps_catalog_n_requirements(cat), 4);
	CU_ASSERT_STRING_EQUAL(mlps_catalog_requirement(cat, 0)->key, "pes.location.a");
	CU_ASSERT_STRING_EQUAL(mlps_catalog_requirement(cat, 1)->key, "pes.location.b");
	CU_ASSERT_STRING_EQUAL(mlps_catalog_requirement(cat, 2)->key, "pes.access.a");
	CU_ASSERT_STRING_EQUAL(mlps_catalog_requirement(cat, 3)->key, "cloud.pes.location.a");

	r = mlps_catalog_requirement(cat, 0);
	CU_ASSERT_EQUAL(r->index, 0);
	CU_ASSERT_PTR_NULL(r->ids[1]);
	CU_ASSERT_STRING_EQUAL(r->ids[2], "L2-PES1-01");
	CU_ASSERT_STRING_EQUAL(r->ids[4], "L4-PES1-01");
	CU_ASSERT_EQUAL(r->importance, MLPS_IMP_GENERAL);
	CU_ASSERT_EQUAL(r->methods, MLPS_METHOD_EXAMINE);
	CU_ASSERT_STRING_EQUAL(mlps_req_text(r, 2)->zh, "机房位于坚固建筑内。");
	CU_ASSERT_STRING_EQUAL(mlps_req_text(r, 3)->zh, "机房位于坚固建筑内。");
	CU_ASSERT_STRING_EQUAL(mlps_req_text(r, 4)->en, "The room is in a sound, earthquake-proofed building.");
	CU_ASSERT_TRUE(mlps_req_same_text(r, 2, 3));
	CU_ASSERT_FALSE(mlps_req_same_text(r, 3, 4));
	CU_ASSERT_EQUAL(r->hash[1], 0);
	CU_ASSERT_EQUAL(r->hash[3], XXH3_64bits("机房位于坚固建筑内。", strlen("机房位于坚固建筑内。")));
	CU_ASSERT_EQUAL(r->hash[2], r->hash[3]);
	CU_ASSERT_NOT_EQUAL(r->hash[4], r->hash[3]);
	CU_ASSERT_STRING_EQUAL(r->guidance.en, "Examine the building's acceptance records.");
	CU_ASSERT_STRING_EQUAL(r->remediation.zh, "迁入合格建筑。");
	CU_ASSERT_STRING_EQUAL(r->file, FIX "/valid/10-pes.yaml");
	CU_ASSERT_EQUAL(r->line, 11);

	r = mlps_catalog_requirement(cat, 1);
	CU_ASSERT_EQUAL(r->methods, MLPS_METHOD_INTERVIEW | MLPS_METHOD_EXAMINE | MLPS_METHOD_TEST);
	CU_ASSERT_EQUAL(r->importance, MLPS_IMP_IMPORTANT);
	/* A folded scalar joins its lines with one space. */
	CU_ASSERT_STRING_EQUAL(r->text.en, "The room is neither on the top floor nor in the basement.");

	r = mlps_catalog_requirement(cat, 2);
	CU_ASSERT_STRING_EQUAL(mlps_cp_name(r->cp, 3)->zh, "物理访问控制");
	CU_ASSERT_STRING_EQUAL(mlps_cp_name(r->cp, 4)->en, "Physical access control (reinforced)");
	CU_ASSERT_EQUAL(mlps_req_min_level(r), 1);

	CU_ASSERT_STRING_EQUAL(mlps_catalog_hash(cat), "5c1440c4b5a945a1");
	CU_ASSERT_EQUAL_FATAL(mlps_catalog_n_scenarios(cat), 2);
	s = mlps_catalog_scenario(cat, 1);
	CU_ASSERT_STRING_EQUAL(s->id, "7.1.1.1");
	CU_ASSERT_EQUAL(s->scope, MLPS_EXT_CLOUD);
	CU_ASSERT_PTR_EQUAL(s->req, mlps_catalog_requirement(cat, 3));
	CU_ASSERT_EQUAL(s->min_level, 2);
	CU_ASSERT_EQUAL(s->conditions, MLPS_COND_CLOUD_PLATFORM);
	CU_ASSERT_STRING_EQUAL(s->title.en, "Cloud infrastructure outside China");
	CU_ASSERT_EQUAL(mlps_catalog_scenario(cat, 0)->conditions, 0);

	rules = mlps_catalog_rules(cat);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rules);
	CU_ASSERT_STRING_EQUAL(rules->id, "test-rules-1");
	CU_ASSERT_DOUBLE_EQUAL(rules->values[MLPS_ST_PARTIAL], 0.5, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(rules->weights[MLPS_IMP_GENERAL], 0.2, 1e-12);
	CU_ASSERT_EQUAL(rules->default_risk_noncompliant, MLPS_RISK_MEDIUM);
	CU_ASSERT_EQUAL(rules->default_risk_partial, MLPS_RISK_LOW);
	CU_ASSERT_EQUAL_FATAL(rules->n_verdicts, 2);
	CU_ASSERT_STRING_EQUAL(rules->verdicts[1].id, "rate-2025");
	CU_ASSERT_FALSE(rules->verdicts[1].verified);
	CU_ASSERT_EQUAL(rules->verdicts[1].measure, MLPS_MEASURE_RATE);
	CU_ASSERT_EQUAL(rules->verdicts[0].n_bands, 2);
	CU_ASSERT_DOUBLE_EQUAL(rules->verdicts[0].bands[0].min, 90, 1e-12);
	CU_ASSERT_EQUAL(rules->verdicts[0].bands[0].max_risk, MLPS_RISK_LOW);
	CU_ASSERT_STRING_EQUAL(rules->verdicts[0].bands[1].label.zh, "差");

	mlps_catalog_free(cat);
	mlps_error_release(&err);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "round-trips a valid set", test_loader_round_trips_valid_set },
		{ "unknown key with position", test_loader_rejects_unknown_key_with_position },
		{ "missing required key", test_loader_rejects_missing_required_key },
		{ "wrong type", test_loader_rejects_wrong_type },
		{ "duplicate key in a mapping", test_loader_rejects_duplicate_key_in_mapping },
		{ "malformed ID", test_loader_rejects_malformed_id },
		{ "ID of another level", test_loader_rejects_id_of_other_level },
		{ "ID of another category", test_loader_rejects_id_of_other_category },
		{ "ID of another extension", test_loader_rejects_id_of_other_extension },
		{ "level outside 1-4", test_loader_rejects_level_outside_1_to_4 },
		{ "variant at a level without ID", test_loader_rejects_variant_at_level_without_id },
		{ "invalid UTF-8", test_loader_rejects_invalid_utf8 },
		{ "anchors and aliases", test_loader_rejects_anchors_and_aliases },
		{ "YAML syntax error", test_loader_reports_yaml_syntax_error },
		{ "deep nesting", test_loader_rejects_deep_nesting },
		{ "file over the size limit", test_loader_rejects_file_over_size_limit },
		{ "versions, first key, empty, two documents", test_loader_rejects_other_versions_and_first_keys },
		{ "every problem of a file", test_loader_reports_every_problem_of_a_file },
		{ "message cap", test_loader_caps_the_number_of_messages },
		{ "duplicates across files", test_loader_rejects_duplicates_across_files },
		{ "scenario references", test_loader_checks_scenario_references },
		{ "rules", test_loader_checks_rules },
		{ "missing directory", test_loader_rejects_missing_directory },
		CU_TEST_INFO_NULL,
	};

	return test_main("loader", tests);
}
