/*
 * test_grading.c - GB/T 22240-2020: the full object x harm matrix, notation,
 * filing, and the next-evaluation dates.
 */
#include "grading.h"
#include "testutil.h"

static void test_grading_matrix(void)
{
	static const int expected[3][3] = { { 1, 2, 2 }, { 2, 3, 4 }, { 3, 4, 5 } };
	int o, h;

	for (o = 0; o < 3; o++)
		for (h = 0; h < 3; h++)
			CU_ASSERT_EQUAL(mlps_grade_level((enum mlps_harmed)o, (enum mlps_harm)h), expected[o][h]);
	CU_ASSERT_EQUAL(mlps_grade_level(MLPS_OBJ_COUNT, MLPS_HARM_GENERAL), 0);
}

static void test_grading_parses_object_and_harm(void)
{
	enum mlps_harmed o;
	enum mlps_harm h;

	CU_ASSERT_EQUAL(mlps_grade_parse("society:especially-serious", &o, &h), 0);
	CU_ASSERT_EQUAL(o, MLPS_OBJ_SOCIETY);
	CU_ASSERT_EQUAL(h, MLPS_HARM_ESPECIALLY);
	CU_ASSERT_EQUAL(mlps_grade_parse("nation:general", &o, &h), 0);
	CU_ASSERT_EQUAL(o, MLPS_OBJ_NATION);
	CU_ASSERT_EQUAL(mlps_grade_parse("nation", &o, &h), -1);
	CU_ASSERT_EQUAL(mlps_grade_parse("nations:general", &o, &h), -1);
	CU_ASSERT_EQUAL(mlps_grade_parse("citizen:bad", &o, &h), -1);
	CU_ASSERT_EQUAL(mlps_grade_parse(":serious", &o, &h), -1);
}

static void test_grading_notation_and_filing(void)
{
	struct strbuf sb = STRBUF_INIT;

	mlps_grade_notation(&sb, 2, 3, 3);
	CU_ASSERT_STRING_EQUAL(sb.buf, "S2A3G3");
	strbuf_reset(&sb);
	mlps_grade_notation(&sb, 0, 0, 2);
	CU_ASSERT_STRING_EQUAL(sb.buf, "G2");
	strbuf_release(&sb);
	CU_ASSERT_FALSE(mlps_grade_filing_required(1));
	CU_ASSERT_TRUE(mlps_grade_filing_required(2));
	CU_ASSERT_TRUE(mlps_grade_filing_required(4));
}

static void test_grading_next_evaluation_dates(void)
{
	char out[11];

	CU_ASSERT_EQUAL(mlps_next_evaluation(3, "2026-03-31", out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2027-03-31");
	CU_ASSERT_EQUAL(mlps_next_evaluation(4, "2026-03-31", out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2026-09-30");   /* no 31 September */
	CU_ASSERT_EQUAL(mlps_next_evaluation(4, "2026-08-31", out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2027-02-28");
	CU_ASSERT_EQUAL(mlps_next_evaluation(4, "2027-08-31", out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2028-02-29");   /* leap year */
	CU_ASSERT_EQUAL(mlps_next_evaluation(3, "2024-02-29", out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-02-28");
	CU_ASSERT_EQUAL(mlps_next_evaluation(2, "2026-01-01", out), -1);
	CU_ASSERT_EQUAL(mlps_next_evaluation(3, "2026-13-01", out), -1);
	CU_ASSERT_EQUAL(mlps_next_evaluation(3, "2026-02-30", out), -1);
	CU_ASSERT_EQUAL(mlps_next_evaluation(3, "26-01-01", out), -1);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "matrix", test_grading_matrix },
		{ "parses object and harm", test_grading_parses_object_and_harm },
		{ "notation and filing", test_grading_notation_and_filing },
		{ "next evaluation dates", test_grading_next_evaluation_dates },
		CU_TEST_INFO_NULL,
	};

	return test_main("grading", tests);
}
