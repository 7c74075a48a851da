/*
 * bench_wrap.c - what wrapping a long free text costs: Chinese notes of 1, 4
 * and 10 MiB (with punctuation, the odd ASCII word and line breaks) wrapped
 * to 80 columns, the way the text report and the UI wrap a note. Linear
 * wrapping keeps the "ms per MiB" column flat; the quadratic one it replaced
 * took 2.6 s for 1 MiB and more than 600 s for 10 MiB.
 *
 * usage: bench_wrap [MIB...]   (default 1 4 10)
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "utf8.h"

/* About mib MiB of note text; caller frees. */
static char *chinese_note(size_t mib)
{
	static const char *const pieces[] = { "机房", "出入口", "配置", "电子门禁系统", "，", "控制", "、",
					      "鉴别", "和记录", "进入的人员", "。", " UPS ", "（见附件）",
					      "“双因素”", "\n" };
	struct strbuf sb = STRBUF_INIT;
	size_t want = mib << 20, i = 0;

	while (sb.len < want) {
		strbuf_adds(&sb, pieces[i % (sizeof(pieces) / sizeof(pieces[0]) - 1)]);
		/* A paragraph break now and then, as in a real note. */
		if (i % 997 == 996)
			strbuf_adds(&sb, "\n");
		i++;
	}
	return strbuf_detach(&sb, NULL);
}

int main(int argc, char **argv)
{
	static const char *const def[] = { "1", "4", "10" };
	const char *const *sizes = argc > 1 ? (const char *const *)argv + 1 : def;
	int n = argc > 1 ? argc - 1 : 3, i;

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	printf("%-8s %12s %12s %12s\n", "note", "bytes", "wrap ms", "ms per MiB");
	for (i = 0; i < n; i++) {
		size_t mib = (size_t)strtoul(sizes[i], NULL, 10);
		char *note = chinese_note(mib ? mib : 1);
		struct strbuf out = STRBUF_INIT;
		double t0, t, runs[3];
		int r;

		for (r = 0; r < 3; r++) {
			strbuf_reset(&out);
			t0 = bench_now();
			mlps_utf8_wrap(&out, note, 80, 4, 6);
			runs[r] = (bench_now() - t0) * 1000.0;
		}
		t = bench_median(runs, 3);
		printf("%-8s %12zu %12.1f %12.1f\n", sizes[i], strlen(note), t, t / (double)(mib ? mib : 1));
		strbuf_release(&out);
		free(note);
	}
	return 0;
}
