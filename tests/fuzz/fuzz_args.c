/*
 * fuzz_args.c - libFuzzer harness: every parser of a command-line value.
 * The input is split at NUL bytes into argument strings and each is fed to
 * the parser the first byte picks: assessment numbers, levels, languages,
 * statuses, risks, plans, dates, extension and flag lists, grading pairs and
 * report format names, then shown through the visible rendering and the
 * 64 KiB check as every argument that reaches a message is.
 *
 * The subcommands themselves (cmd_*) are not fuzzed here: each opens the
 * profile set and the database and writes to stdout, and getopt keeps its
 * state in globals, so they are exercised by tests/test_cli*.c instead.
 *
 * Run: build-fuzz/fuzz_args tests/fuzz/corpus/fuzz_args -max_len=512
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assessment.h"
#include "common.h"
#include "grading.h"
#include "report.h"
#include "usertext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(unsigned which, const char *arg)
{
	struct mlps_error err;
	struct strbuf vis = STRBUF_INIT;
	long long id;
	int level;
	enum mlps_lang lang;
	enum mlps_status st;
	enum mlps_risk risk;
	enum mlps_plan plan;
	enum mlps_harmed obj;
	enum mlps_harm harm;
	enum mlps_report_format fmt;
	unsigned mask = 0;

	mlps_error_init(&err);
	switch (which % 11) {
	case 0:
		if (cli_parse_id(arg, &id) == 0 && id <= 0)
			__builtin_trap();
		break;
	case 1:
		if (cli_parse_level(arg, &level) == 0 && (level < MLPS_LEVEL_MIN || level > MLPS_LEVEL_MAX))
			__builtin_trap();
		break;
	case 2:
		cli_parse_lang(arg, &lang);
		break;
	case 3:
		mlps_status_parse(arg, &st);
		break;
	case 4:
		mlps_risk_parse(arg, &risk);
		break;
	case 5:
		mlps_plan_parse(arg, &plan);
		break;
	case 6:
		mlps_date_valid(arg);
		break;
	case 7:
		if (mlps_ext_parse_list(arg, &mask, &err) && err.count == 0)
			__builtin_trap();
		break;
	case 8:
		if (mlps_condition_parse_list(arg, &mask, &err) && err.count == 0)
			__builtin_trap();
		break;
	case 9:
		if (mlps_grade_parse(arg, &obj, &harm) == 0)
			mlps_grade_level(obj, harm);
		break;
	default:
		mlps_report_format_parse(arg, &fmt);
		break;
	}
	/* What a message quoting the argument does with it: one line, no raw control. */
	mlps_text_check_size("--note", arg, &err);
	mlps_error_set(&err, MLPS_ERR_INPUT, "'%s' is not valid", arg);
	if (strchr(mlps_error_message(&err), '\033'))
		__builtin_trap();
	mlps_visible(&vis, arg, which & 0x80 ? MLPS_VIS_MULTILINE : 0);
	strbuf_release(&vis);
	mlps_error_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *p, *end;

	if (size < 1)
		return 0;
	buf = mlps_malloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	end = buf + size - 1;
	for (p = buf; p <= end; p += strlen(p) + 1)
		one(data[0] + (unsigned)(p - buf), p);
	free(buf);
	return 0;
}
