/*
 * fuzz_loader.c - libFuzzer harness: any bytes as a profile document must
 * load or be refused with a message, never crash, leak or trip a sanitizer.
 *
 * Build: cmake -B build-fuzz -DCMAKE_C_COMPILER=clang -DMLPS_FUZZ=ON
 * Run:   build-fuzz/fuzz_loader tests/fixtures/loader/ -max_total_time=120
 */
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mlps_error err;
	struct mlps_catalog *cat;

	mlps_error_init(&err);
	cat = mlps_catalog_load_memory("fuzz.yaml", (const char *)data, size, &err);
	if (!cat && err.count == 0)
		__builtin_trap();   /* a refusal must always say why */
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return 0;
}
