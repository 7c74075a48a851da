/*
 * fuzz_reports.c - libFuzzer harness: the report writers fed random
 * assessments. The fuzz bytes choose the level, extensions, flags and a
 * status, risk, plan and texts for requirements of the shipped catalogue
 * (loaded once); the assessment is scored and rendered in one format (the
 * input picks it), with a parent for the delta section. No input may crash a writer, trip a
 * sanitizer or let a control character into the text or Markdown report.
 *
 * Run: build-fuzz/fuzz_reports tests/fuzz/corpus/fuzz_reports -max_len=2048
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "report.h"
#include "score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mlps_catalog *cat;

/* The fuzz input as a stream of choices; past its end every choice is 0. */
struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned take(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* A text of up to 63 bytes straight from the input (any bytes, NUL ends it), or NULL. */
static char *text(struct input *in)
{
	size_t len = take(in) & 63, i;
	char *s;

	if (!len)
		return NULL;
	s = mlps_calloc(1, len + 1);
	for (i = 0; i < len && in->n; i++)
		s[i] = (char)take(in);
	return s;
}

static struct mlps_assessment *assessment(struct input *in, long long id)
{
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	size_t n = mlps_catalog_n_requirements(cat), count, i;

	a->id = id;
	a->level = (int)(take(in) % 4) + 1;
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL) | (take(in) & MLPS_EXT_ALL);
	a->sys.name = text(in);
	if (!a->sys.name)
		a->sys.name = mlps_strdup("s");
	a->sys.org = text(in);
	a->sys.flags = take(in) & 0xF;
	a->sys.s_level = (int)(take(in) % 5);
	a->sys.a_level = (int)(take(in) % 5);
	a->assessor = text(in);
	a->profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	a->rules_id = mlps_strdup(mlps_catalog_rules(cat)->id);
	a->created = mlps_strdup(take(in) & 1 ? "2025-03-01T08:00:00Z" : "garbage");
	a->updated = mlps_strdup("2025-03-15T10:30:00Z");
	a->status = take(in) & 1 ? MLPS_FINAL : MLPS_DRAFT;
	count = take(in);
	for (i = 0; i < count && in->n; i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(cat, (take(in) << 8 | take(in)) % n);
		struct mlps_answer ans;

		memset(&ans, 0, sizeof(ans));
		ans.key = (char *)req->key;
		ans.status = (enum mlps_status)(take(in) % MLPS_ST_COUNT);
		ans.risk = (enum mlps_risk)(take(in) % MLPS_RISK_COUNT);
		ans.plan = (enum mlps_plan)(take(in) % MLPS_PLAN_COUNT);
		ans.to_confirm = take(in) & 1;
		ans.note = text(in);
		ans.evidence = text(in);
		ans.na_reason = text(in);
		ans.mitigation = text(in);
		ans.owner = text(in);
		ans.due = take(in) & 1 ? mlps_strdup("2025-06-30") : text(in);
		mlps_assessment_put(a, &ans);
		ans.key = NULL;
		mlps_answer_release(&ans);
	}
	return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct mlps_assessment *a, *parent;
	struct mlps_score *s;
	struct mlps_diff *d;
	struct mlps_error err;
	struct mlps_report_opts opts;
	unsigned f, formats;

	if (!cat) {
		mlps_error_init(&err);
		cat = mlps_catalog_load(MLPS_SHIPPED, &err);
		if (!cat)
			abort();
		mlps_error_release(&err);
	}
	formats = take(&in);
	parent = assessment(&in, 1);
	a = assessment(&in, 2);
	a->parent = 1;
	mlps_error_init(&err);
	s = mlps_score_compute(cat, a, &err);
	d = s ? mlps_diff_compute(cat, parent, a, &err) : NULL;
	memset(&opts, 0, sizeof(opts));
	opts.lang = formats & 0x20 ? MLPS_LANG_EN : MLPS_LANG_ZH;
	opts.width = 20 + (formats >> 5) * 12;
	opts.delta = d;
	/*
	 * One format per input, picked by the first byte: a report over the
	 * shipped catalogue is 100-300 KB in every format, and writing all six
	 * each time made this harness run at 28 inputs a second. XLSX goes
	 * through a temporary file and a zip: half as often as the others.
	 */
	/*
	 * Not the PDF: it lays out through cairo and pango, whose process-wide
	 * font caches libFuzzer reports as leaks, at ~100 ms a run. Its input is
	 * the same model the other writers take; tests/test_reports.c covers it.
	 */
	f = (formats & 0x0F) % MLPS_REPORT_PDF;
	if (f == MLPS_REPORT_XLSX && (formats & 0x10))
		f = MLPS_REPORT_TEXT;
	if (s) {
		struct strbuf out = STRBUF_INIT;

		if (mlps_report_render(&out, (enum mlps_report_format)f, cat, a, s, &opts, &err) == 0 &&
		    (f == MLPS_REPORT_TEXT || f == MLPS_REPORT_MD)) {
			size_t i;

			for (i = 0; i < out.len; i++) {
				unsigned char c = (unsigned char)out.buf[i];

				if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
					__builtin_trap();   /* a raw control character in a terminal format */
			}
		}
		strbuf_release(&out);
	}
	mlps_diff_free(d);
	mlps_score_free(s);
	mlps_assessment_free(a);
	mlps_assessment_free(parent);
	mlps_error_release(&err);
	return 0;
}
