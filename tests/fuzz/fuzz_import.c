/*
 * fuzz_import.c - libFuzzer harness: any bytes as an export file must import
 * or be refused with a message naming the problem.
 *
 * Run: build-fuzz/fuzz_import -max_total_time=120 (corpus: any JSON files)
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "exchange.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mlps_catalog *cat;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mlps_error err;
	struct mlps_assessment *a;

	if (!cat) {
		mlps_error_init(&err);
		cat = mlps_catalog_load(MLPS_FIXTURES "/score/mixed", &err);
		if (!cat)
			abort();
		mlps_error_release(&err);
	}
	mlps_error_init(&err);
	a = mlps_import_json((const char *)data, size, "fuzz.json", cat, &err);
	if (!a && err.count == 0)
		__builtin_trap();
	if (a) {
		char *again = mlps_export_json(a);

		free(again);
	}
	mlps_assessment_free(a);
	mlps_error_release(&err);
	return 0;
}
