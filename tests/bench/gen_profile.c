/*
 * gen_profile.c - writes a synthetic profile set of N requirements, for
 * benchmarks at sizes the real catalogue never reaches.
 *
 * usage: gen_profile N DIR
 *
 * Each category (codes AAA, AAB, ...) holds up to 99 requirements in
 * control points of five, every one applying at levels 2, 3 and 4 with a
 * stronger level-4 variant, so the loader does all its usual work. Files hold
 * 20 categories each to stay under the per-file size limit.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PER_CAT 99
#define CATS_PER_FILE 20

static void code_of(long i, char out[4])
{
	out[0] = (char)('A' + (i / 676) % 26);
	out[1] = (char)('A' + (i / 26) % 26);
	out[2] = (char)('A' + i % 26);
	out[3] = '\0';
}

int main(int argc, char **argv)
{
	long n, done = 0, cat = 0;
	FILE *f = NULL;

	if (argc != 3 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: gen_profile N DIR\n");
		return 2;
	}
	if (mkdir(argv[2], 0755) != 0 && errno != EEXIST) {
		perror(argv[2]);
		return 1;
	}
	while (done < n) {
		char code[4], lower[4];
		long k, in_cat = n - done < PER_CAT ? n - done : PER_CAT;
		int i;

		if (cat % CATS_PER_FILE == 0) {
			char path[4096];

			if (f && fclose(f) != 0) {
				perror("write");
				return 1;
			}
			snprintf(path, sizeof(path), "%s/%05ld.yaml", argv[2], cat / CATS_PER_FILE);
			f = fopen(path, "w");
			if (!f) {
				perror(path);
				return 1;
			}
			fputs("mlps-profile: 1\nextension: general\ncategories:\n", f);
		}
		code_of(cat, code);
		for (i = 0; i < 4; i++)
			lower[i] = (char)(code[i] ? code[i] - 'A' + 'a' : 0);
		fprintf(f, "  - code: %s\n    kind: technical\n"
			   "    name: {zh: 合成类别%s, en: Synthetic category %s}\n    control_points:\n",
			code, code, code);
		for (k = 0; k < in_cat; k++) {
			if (k % 5 == 0)
				fprintf(f, "      - key: %s.cp%ld\n"
					   "        name: {zh: 控制点%ld, en: Control point %ld}\n"
					   "        requirements:\n", lower, k / 5, k / 5, k / 5);
			fprintf(f,
				"          - key: %s.cp%ld.r%ld\n"
				"            ids: {2: L2-%s1-%02ld, 3: L3-%s1-%02ld, 4: L4-%s1-%02ld}\n"
				"            importance: %s\n"
				"            methods: [interview, examine]\n"
				"            text:\n"
				"              zh: 应对第%ld项合成要求所涉及的对象进行检查并保留记录。\n"
				"              en: Objects covered by synthetic requirement %ld are checked and the records kept.\n"
				"            variants:\n"
				"              4: {zh: 应对第%ld项合成要求的全部对象进行检查。, en: Every object of requirement %ld is checked.}\n"
				"            guidance:\n"
				"              zh: 访谈管理员，查看检查记录，抽查两个对象的配置。\n"
				"              en: Interview the administrator, examine the records and spot-check two objects.\n"
				"            remediation:\n"
				"              zh: 建立检查流程并按期执行。\n"
				"              en: Set up a checking routine and follow it.\n",
				lower, k / 5, k, code, k + 1, code, k + 1, code, k + 1,
				k % 3 == 0 ? "key" : k % 3 == 1 ? "important" : "general",
				done + k, done + k, done + k, done + k);
		}
		done += in_cat;
		cat++;
	}
	if (f && fclose(f) != 0) {
		perror("write");
		return 1;
	}
	printf("%ld requirements in %ld categories\n", n, cat);
	return 0;
}
