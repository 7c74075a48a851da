/*
 * fuzz_profile_set.c - libFuzzer harness: a profile set of several files.
 * The input is split at lines "%%" into up to eight documents, written as
 * 0.yaml, 1.yaml, ... into one scratch directory (made once, in TMPDIR,
 * emptied for every input) and loaded with mlps_catalog_load(), the path the
 * program takes: what one file declares and another uses (duplicate IDs and
 * keys across files, scenarios pointing at requirements elsewhere, a rules
 * file beside the catalogue) is what this harness reaches that fuzz_loader
 * does not.
 *
 * Run: build-fuzz/fuzz_profile_set tests/fuzz/corpus/fuzz_profile_set -dict=tests/fuzz/profile.dict
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILES 8

static char dir[256];

static void put(int i, const uint8_t *p, size_t n)
{
	char path[300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%d.yaml", dir, i);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	const uint8_t *p = data, *end = data + size;
	int i, n = 0;

	if (!dir[0]) {
		const char *t = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/mlps-fuzz-set-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(dir))
			abort();
	}
	while (n < MAX_FILES) {
		const uint8_t *sep = NULL, *q;

		for (q = p; q + 4 <= end; q++)
			if (q[0] == '\n' && q[1] == '%' && q[2] == '%' && q[3] == '\n') {
				sep = q;
				break;
			}
		put(n++, p, (size_t)((sep ? sep : end) - p));
		if (!sep)
			break;
		p = sep + 4;
	}
	mlps_error_init(&err);
	cat = mlps_catalog_load(dir, &err);
	if (!cat && err.count == 0)
		__builtin_trap();   /* a refusal must always say why */
	/* Messages are one line each, with no raw control character (issue 20 item 11). */
	for (const char *m = mlps_error_message(&err); *m; m++)
		if ((unsigned char)*m < 0x20 && *m != '\n')
			__builtin_trap();
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	for (i = 0; i < n; i++) {
		char path[300];

		snprintf(path, sizeof(path), "%s/%d.yaml", dir, i);
		unlink(path);
	}
	return 0;
}
