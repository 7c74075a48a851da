/*
 * test_reports.c - the gap report in all six formats, from one fixture
 * assessment on tests/fixtures/score/mixed with N/A, partial, a high risk, a
 * mitigated high risk, CJK notes, a carried answer and a parent assessment:
 * golden files for text, Markdown, CSV and JSON in both languages, CSV parsed
 * back, JSON checked against its schema, HTML balanced and escaped, XLSX
 * opened as a zip, and `mlps report` with its overwrite and atomic rules.
 *
 * To rewrite the golden files after a deliberate change, run the suite with
 * MLPS_UPDATE_GOLDEN=1 and read every diff before committing it.
 */
#include <dirent.h>
#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "diff.h"
#include "report.h"
#include "score.h"
#include "testutil.h"
#include "utf8.h"

#define GOLDEN MLPS_FIXTURES "/reports"

static struct mlps_catalog *mixed;

/* Fixture */

static void answer(struct mlps_assessment *a, const char *key, enum mlps_status st, const char *note,
		   const char *evidence)
{
	struct mlps_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.status = st;
	ans.note = (char *)note;
	ans.evidence = (char *)evidence;
	ans.who = (char *)"zhangwei";
	ans.updated = (char *)"2025-03-10T09:00:00Z";
	mlps_assessment_put(a, &ans);
}

/* The answer of key in a, for the test to add fields to. */
static struct mlps_answer *get(struct mlps_assessment *a, const char *key)
{
	return (struct mlps_answer *)mlps_assessment_answer(a, key, NULL);
}

static struct mlps_assessment *base(long long id, const char *created, const char *updated)
{
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));

	a->id = id;
	a->sys.id = 1;
	a->sys.name = mlps_strdup("网上银行");
	a->sys.org = mlps_strdup("示例城市商业银行");
	a->sys.s_level = 3;
	a->sys.a_level = 2;
	a->sys.flags = MLPS_COND_CONTINUITY | MLPS_COND_CLOUD_CUSTOMER;
	a->level = 3;
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL) | MLPS_EXT_BIT(MLPS_EXT_CLOUD);
	a->profile_hash = mlps_strdup(mlps_catalog_hash(mixed));
	a->rules_id = mlps_strdup(mlps_catalog_rules(mixed)->id);
	a->assessor = mlps_strdup("张伟");
	a->created = mlps_strdup(created);
	a->updated = mlps_strdup(updated);
	return a;
}

/* Last year's assessment: the parent of the fixture. */
static struct mlps_assessment *parent_fixture(void)
{
	struct mlps_assessment *a = base(3, "2024-03-01T08:00:00Z", "2024-03-20T17:45:00Z");

	a->status = MLPS_FINAL;
	answer(a, "a.one", MLPS_ST_COMPLIANT, NULL, NULL);
	answer(a, "a.two", MLPS_ST_PARTIAL, NULL, NULL);
	answer(a, "a.three", MLPS_ST_NONCOMPLIANT, NULL, NULL);
	answer(a, "c.one", MLPS_ST_NONCOMPLIANT, NULL, NULL);
	return a;
}

/*
 * a.one non-compliant (high risk), a.two partial and carried, a.three N/A,
 * a.four non-compliant with its high risk mitigated to low, m.one to
 * confirm, c.one compliant. Against the parent: a.one regressed, a.two an
 * unchanged gap, a.three newly N/A, a.four a new gap, c.one resolved.
 */
static struct mlps_assessment *fixture(void)
{
	struct mlps_assessment *a = base(7, "2025-03-01T08:00:00Z", "2025-03-15T10:30:00Z");
	struct mlps_answer *x;

	a->parent = 3;
	answer(a, "a.one", MLPS_ST_NONCOMPLIANT,
	       "机房只有普通门锁，没有电子门禁；值班记录显示夜间无人值守，来访登记也不完整，需要尽快整改。",
	       "现场照片 P-01, P-02");
	x = get(a, "a.one");
	x->owner = mlps_strdup("李娜");
	x->due = mlps_strdup("2025-06-30");
	x->plan = MLPS_PLAN_IN_PROGRESS;
	answer(a, "a.two", MLPS_ST_PARTIAL, "Checked the \"door log\", 30 days kept;\nneeds 180.", NULL);
	get(a, "a.two")->to_confirm = true;
	answer(a, "a.three", MLPS_ST_NA, NULL, NULL);
	get(a, "a.three")->na_reason = mlps_strdup("本系统托管在云上，不涉及自建机房。");
	answer(a, "a.four", MLPS_ST_NONCOMPLIANT, NULL, NULL);
	x = get(a, "a.four");
	x->risk = MLPS_RISK_LOW;
	x->mitigation = mlps_strdup("UPS 可支撑 15 分钟，并已签订柴油发电机应急保障协议。");
	x->owner = mlps_strdup("王磊");
	x->due = mlps_strdup("2025-09-30");
	x->plan = MLPS_PLAN_OPEN;
	answer(a, "m.one", MLPS_ST_TODO, "等待制度发布。", NULL);
	answer(a, "c.one", MLPS_ST_COMPLIANT, NULL, "云平台等级测评报告（2024）");
	return a;
}

/* Everything one render needs, built and freed together. */
struct fx {
	struct mlps_assessment *a, *parent;
	struct mlps_score *s;
	struct mlps_diff *d;
	struct mlps_report_opts opts;
};

static void fx_init(struct fx *f, struct mlps_assessment *a, enum mlps_lang lang)
{
	struct mlps_error err;

	memset(f, 0, sizeof(*f));
	mlps_error_init(&err);
	f->a = a;
	f->s = mlps_score_compute(mixed, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->s);
	if (a->parent) {
		f->parent = parent_fixture();
		f->d = mlps_diff_compute(mixed, f->parent, a, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f->d);
	}
	f->opts.lang = lang;
	f->opts.width = 80;
	f->opts.delta = f->d;
	/* a.one is due 2025-06-30 and in progress (overdue), a.four 2025-09-30 (not yet). */
	f->opts.today = "2025-07-15";
	mlps_error_release(&err);
}

static void fx_release(struct fx *f)
{
	mlps_diff_free(f->d);
	mlps_score_free(f->s);
	mlps_assessment_free(f->parent);
	mlps_assessment_free(f->a);
}

/* Renders f in format fmt into out (which the caller releases). */
static void render(struct strbuf *out, struct fx *f, enum mlps_report_format fmt)
{
	struct mlps_error err;

	mlps_error_init(&err);
	CU_ASSERT_EQUAL_FATAL(mlps_report_render(out, fmt, mixed, f->a, f->s, &f->opts, &err), 0);
	mlps_error_release(&err);
}

static char *slurp(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *fp = fopen(path, "rb");
	char buf[4096];
	size_t n;

	if (!fp)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(fp);
	return strbuf_detach(&sb, len);
}

/* Golden files */

/* Compares the fixture's report with GOLDEN/report-<lang>.<ext>, byte for byte. */
static void check_golden(enum mlps_report_format fmt, enum mlps_lang lang, const char *ext)
{
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT;
	struct fx f;
	char *want;
	size_t len;

	fx_init(&f, fixture(), lang);
	render(&out, &f, fmt);
	strbuf_addf(&path, "%s/report-%s.%s", GOLDEN, lang == MLPS_LANG_EN ? "en" : "zh", ext);
	if (getenv("MLPS_UPDATE_GOLDEN"))
		write_file(path.buf, out.buf, out.len);
	want = slurp(path.buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(want);
	CU_ASSERT_EQUAL(out.len, len);
	CU_ASSERT_EQUAL(memcmp(out.buf, want, len < out.len ? len : out.len), 0);
	if (out.len != len || memcmp(out.buf, want, len)) {
		/* Leave what came out in /tmp for a diff against the golden file. */
		struct strbuf actual = STRBUF_INIT;

		strbuf_addf(&actual, "/tmp/%s.actual", strrchr(path.buf, '/') + 1);
		write_file(actual.buf, out.buf, out.len);
		fprintf(stderr, "\n  golden mismatch: diff %s %s\n", path.buf, actual.buf);
		strbuf_release(&actual);
	}
	free(want);
	strbuf_release(&path);
	strbuf_release(&out);
	fx_release(&f);
}

static void test_report_text_matches_golden_in_both_languages(void)
{
	check_golden(MLPS_REPORT_TEXT, MLPS_LANG_ZH, "txt");
	check_golden(MLPS_REPORT_TEXT, MLPS_LANG_EN, "txt");
}

static void test_report_md_matches_golden_in_both_languages(void)
{
	check_golden(MLPS_REPORT_MD, MLPS_LANG_ZH, "md");
	check_golden(MLPS_REPORT_MD, MLPS_LANG_EN, "md");
}

static void test_report_csv_matches_golden_in_both_languages(void)
{
	check_golden(MLPS_REPORT_CSV, MLPS_LANG_ZH, "csv");
	check_golden(MLPS_REPORT_CSV, MLPS_LANG_EN, "csv");
}

static void test_report_json_matches_golden_in_both_languages(void)
{
	check_golden(MLPS_REPORT_JSON, MLPS_LANG_ZH, "json");
	check_golden(MLPS_REPORT_JSON, MLPS_LANG_EN, "json");
}

/* Text */

/* Every line of s fits `width` display columns and is valid UTF-8. */
static void check_width(const char *s, size_t width)
{
	const char *line = s;

	CU_ASSERT_TRUE(mlps_utf8_valid(s, strlen(s), NULL));
	while (*line) {
		size_t len = strcspn(line, "\n");
		size_t w = mlps_utf8_nwidth(line, len);

		if (w > width)
			fprintf(stderr, "\n  %zu columns: %.*s\n", w, (int)len, line);
		CU_ASSERT_TRUE(w <= width);
		line += len + (line[len] == '\n');
	}
}

static void test_report_text_fits_the_width_in_both_languages(void)
{
	static const size_t widths[] = { 77, 80, 100, 132 };
	size_t i;
	int lang;

	for (lang = MLPS_LANG_ZH; lang <= MLPS_LANG_EN; lang++)
		for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
			struct strbuf out = STRBUF_INIT;
			struct fx f;

			fx_init(&f, fixture(), (enum mlps_lang)lang);
			f.opts.width = widths[i];
			render(&out, &f, MLPS_REPORT_TEXT);
			check_width(out.buf, widths[i]);
			strbuf_release(&out);
			fx_release(&f);
		}
}

static void test_report_text_wraps_cjk_between_characters(void)
{
	struct strbuf out = STRBUF_INIT;
	struct fx f;

	fx_init(&f, fixture(), MLPS_LANG_ZH);
	render(&out, &f, MLPS_REPORT_TEXT);
	/*
	 * The long CJK note fills the line to exactly 80 columns, the comma
	 * stays with the character before it, and the rest hangs under the label.
	 */
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "    说明：机房只有普通门锁，没有电子门禁；值班记录显示夜间无人值守，来访登记也不\n"
					       "      完整，需要尽快整改。\n"));
	strbuf_release(&out);
	fx_release(&f);
}

static void test_report_lists_every_unanswered_item_and_says_none(void)
{
	static const char *const ids[] = { "L3-PES1-01", "L3-PES1-02", "L3-PES1-03", "L3-PES1-04",
					   "L3-PSS1-01", "L3-PES2-01" };
	struct strbuf out = STRBUF_INIT;
	const char *open;
	struct fx f;
	size_t i;

	fx_init(&f, base(9, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), MLPS_LANG_EN);
	render(&out, &f, MLPS_REPORT_TEXT);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "  High-risk findings 0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "\n3. Security problems (0)\n------------------------\n  No gaps.\n"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "Changes since"));
	open = strstr(out.buf, "  Unanswered (6)\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(open);
	for (i = 0; i < 6; i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(open, ids[i]));
	CU_ASSERT_PTR_NOT_NULL(strstr(open, "  To confirm (0)\n    none\n"));
	strbuf_release(&out);
	fx_release(&f);
}

/* CSV */

/* Parses RFC 4180 text into rows of fields; returns the number of rows. */
static size_t csv_parse(const char *s, char ****rows_out, size_t **nf_out)
{
	char ***rows = NULL;
	size_t *nf = NULL, n = 0, alloc_rows = 0, alloc_nf = 0;
	struct strbuf field = STRBUF_INIT;

	while (*s) {
		char **fields = NULL;
		size_t k = 0, alloc_f = 0;

		for (;;) {
			strbuf_reset(&field);
			if (*s == '"') {
				for (s++; *s; s++) {
					if (*s == '"' && s[1] == '"')
						strbuf_addch(&field, *s++);
					else if (*s == '"')
						break;
					else
						strbuf_addch(&field, *s);
				}
				CU_ASSERT_EQUAL(*s, '"');
				s++;
			} else {
				while (*s && *s != ',' && *s != '\r' && *s != '\n')
					strbuf_addch(&field, *s++);
			}
			mlps_grow((void **)&fields, &alloc_f, k + 1, sizeof(*fields));
			fields[k++] = mlps_strdup(field.buf);
			if (*s == ',') {
				s++;
				continue;
			}
			/* Records end in CRLF, nothing else. */
			CU_ASSERT_TRUE(s[0] == '\r' && s[1] == '\n');
			s += s[0] == '\r' ? 2 : 1;
			break;
		}
		mlps_grow((void **)&rows, &alloc_rows, n + 1, sizeof(*rows));
		mlps_grow((void **)&nf, &alloc_nf, n + 1, sizeof(*nf));
		rows[n] = fields;
		nf[n++] = k;
	}
	strbuf_release(&field);
	*rows_out = rows;
	*nf_out = nf;
	return n;
}

static void csv_free(char ***rows, size_t *nf, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < nf[i]; k++)
			free(rows[i][k]);
		free(rows[i]);
	}
	free(rows);
	free(nf);
}

static void test_report_csv_parses_back_one_row_per_requirement(void)
{
	struct strbuf out = STRBUF_INIT;
	char ***rows;
	size_t *nf, n, i;
	struct fx f;

	fx_init(&f, fixture(), MLPS_LANG_EN);
	render(&out, &f, MLPS_REPORT_CSV);
	CU_ASSERT_NOT_EQUAL(memcmp(out.buf, "\xEF\xBB\xBF", 3), 0);
	n = csv_parse(out.buf, &rows, &nf);
	/* A header and the six requirements in scope at level 3 with cloud, N/A included. */
	CU_ASSERT_EQUAL_FATAL(n, 7);
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL(nf[i], 23);
	CU_ASSERT_STRING_EQUAL(rows[0][0], "ID");
	CU_ASSERT_STRING_EQUAL(rows[0][2], "Object");
	CU_ASSERT_STRING_EQUAL(rows[0][10], "Requirement result");
	CU_ASSERT_STRING_EQUAL(rows[1][2], "网上银行");
	CU_ASSERT_STRING_EQUAL(rows[0][9], "Status");
	CU_ASSERT_STRING_EQUAL(rows[0][22], "Last changed");
	CU_ASSERT_STRING_EQUAL(rows[1][0], "L3-PES1-01");
	CU_ASSERT_STRING_EQUAL(rows[1][9], "Non-compliant");
	CU_ASSERT_STRING_EQUAL(rows[1][11], "high");
	CU_ASSERT_STRING_EQUAL(rows[1][12], "6.1.1.1");
	CU_ASSERT_STRING_EQUAL(rows[1][15], "现场照片 P-01, P-02");
	/* Quotes, a comma and a line break come back exactly. */
	CU_ASSERT_STRING_EQUAL(rows[2][14], "Checked the \"door log\", 30 days kept;\nneeds 180.");
	CU_ASSERT_STRING_EQUAL(rows[2][8], "a.two 强.");
	CU_ASSERT_STRING_EQUAL(rows[2][21], "yes");
	CU_ASSERT_STRING_EQUAL(rows[3][9], "N/A");
	CU_ASSERT_STRING_EQUAL(rows[3][16], "本系统托管在云上，不涉及自建机房。");
	CU_ASSERT_STRING_EQUAL(rows[4][11], "low");
	CU_ASSERT_STRING_EQUAL(rows[4][13], "UPS 可支撑 15 分钟，并已签订柴油发电机应急保障协议。");
	CU_ASSERT_STRING_EQUAL(rows[4][19], "2025-09-30");
	CU_ASSERT_STRING_EQUAL(rows[5][0], "L3-PES2-01");
	CU_ASSERT_STRING_EQUAL(rows[6][0], "L3-PSS1-01");
	CU_ASSERT_STRING_EQUAL(rows[6][9], "To confirm");
	csv_free(rows, nf, n);
	strbuf_release(&out);

	f.opts.csv_bom = true;
	render(&out, &f, MLPS_REPORT_CSV);
	CU_ASSERT_EQUAL(memcmp(out.buf, "\xEF\xBB\xBF" "ID,Key,", 10), 0);
	strbuf_release(&out);
	fx_release(&f);
}

/* JSON */

static const char *jstr_at(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long jint_at(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The object has exactly these keys, in this order. */
static void check_keys(json_t *o, const char *const *keys)
{
	const char *key;
	json_t *v;
	size_t i = 0;

	CU_ASSERT_TRUE_FATAL(json_is_object(o));
	json_object_foreach(o, key, v) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(keys[i]);
		if (strcmp(key, keys[i]))
			fprintf(stderr, "\n  key %s, expected %s\n", key, keys[i]);
		CU_ASSERT_STRING_EQUAL(key, keys[i]);
		i++;
	}
	CU_ASSERT_PTR_NULL(keys[i]);
}

static void test_report_json_follows_its_schema(void)
{
	static const char *const top[] = { "schema", "lang", "sections", "title", "disclaimer", "assessment",
					   "conclusions", "composite", "high_risk_count", "levels", "objects",
					   "problems", "high_risks", "gaps", "categories", "control_points", "plan",
					   "requirements", "applicability", "open", "delta", "explanation", NULL };
	static const char *const as[] = { "id", "system", "org", "notation", "s_level", "a_level", "level",
					  "extensions", "conditions", "status", "created", "updated", "assessor",
					  "parent", "profile_hash", "catalog_hash", "rules_id", "rules_used",
					  "unconfirmed", "fields", NULL };
	static const char *const level[] = { "level", "target", "assessed", "total", "applicable", "answered",
					     "compliant", "partial", "noncompliant", "na", "todo", "unanswered",
					     "rate", "score", "coverage", "worst_risk", "risks", "verdicts", NULL };
	static const char *const gap[] = { "category", "control_point", "id", "key", "requirement", "importance",
					   "status", "risk", "base_risk", "scenario", "mitigated", "mitigation",
					   "note", "evidence", "remediation", "owner", "due", "plan", "to_confirm",
					   "object", "objects", NULL };
	static const char *const high[] = { "scenario", "title", "id", "key", "requirement", "status", "risk",
					    "mitigated", "mitigation", "suggested_mitigation", "objects", NULL };
	static const char *const delta[] = { "parent", "parent_created", "parent_level", "counts", "levels",
					     "items", "objects_added", "objects_removed", NULL };
	static const char *const expl[] = { "rules_id", "values", "weights", "default_risk", "target",
					    "verdicts", "text", NULL };
	struct strbuf out = STRBUF_INIT;
	json_error_t jerr;
	json_t *doc, *x, *levels, *gaps, *highs, *d;
	struct fx f;

	fx_init(&f, fixture(), MLPS_LANG_EN);
	render(&out, &f, MLPS_REPORT_JSON);
	doc = json_loadb(out.buf, out.len, JSON_REJECT_DUPLICATES, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	check_keys(doc, top);
	CU_ASSERT_STRING_EQUAL(jstr_at(doc, "schema"), "mlps-report/2");
	CU_ASSERT_STRING_EQUAL(jstr_at(doc, "lang"), "en");
	x = json_object_get(doc, "assessment");
	check_keys(x, as);
	CU_ASSERT_EQUAL(jint_at(x, "id"), 7);
	CU_ASSERT_EQUAL(jint_at(x, "parent"), 3);
	CU_ASSERT_STRING_EQUAL(jstr_at(x, "notation"), "S3A2G3");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(json_object_get(x, "extensions"), 0)), "cloud");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(x, "conditions")), 2);
	CU_ASSERT_EQUAL(jint_at(x, "unconfirmed"), 1);

	levels = json_object_get(doc, "levels");
	CU_ASSERT_EQUAL_FATAL(json_array_size(levels), 4);
	x = json_array_get(levels, 2);
	check_keys(x, level);
	CU_ASSERT_EQUAL(jint_at(x, "level"), 3);
	CU_ASSERT_TRUE(json_is_true(json_object_get(x, "target")));
	CU_ASSERT_EQUAL(jint_at(x, "applicable"), 5);
	/* a.two is carried and not yet confirmed: it counts as unanswered (issue 14). */
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(x, "rate")), 20.0, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(x, "score")), 34.48, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(x, "coverage")), 60.0, 1e-9);
	CU_ASSERT_STRING_EQUAL(jstr_at(x, "worst_risk"), "high");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(json_object_get(x, "verdicts"), 0), "label"), "Poor");
	CU_ASSERT_TRUE(json_is_false(json_object_get(json_array_get(json_object_get(x, "verdicts"), 1), "verified")));
	x = json_array_get(levels, 3);
	CU_ASSERT_TRUE(json_is_false(json_object_get(x, "assessed")));
	CU_ASSERT_TRUE(json_is_null(json_object_get(x, "score")));
	CU_ASSERT_EQUAL(json_array_size(json_object_get(x, "verdicts")), 0);

	CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "categories")), 2);
	highs = json_object_get(doc, "high_risks");
	CU_ASSERT_EQUAL_FATAL(json_array_size(highs), 2);
	check_keys(json_array_get(highs, 0), high);
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(highs, 0), "scenario"), "6.1.1.1");
	CU_ASSERT_TRUE(json_is_true(json_object_get(json_array_get(highs, 1), "mitigated")));

	gaps = json_object_get(doc, "gaps");
	CU_ASSERT_EQUAL_FATAL(json_array_size(gaps), 2);
	check_keys(json_array_get(gaps, 0), gap);
	/* Report order: one control point, worst risk first, then catalogue order; a.two, carried, is no gap yet. */
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(gaps, 0), "key"), "a.one");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(gaps, 1), "key"), "a.four");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(gaps, 1), "risk"), "low");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(gaps, 1), "base_risk"), "high");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(gaps, 0), "plan"), "in-progress");

	x = json_object_get(doc, "applicability");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(x, "not_chosen")), 3);
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(json_object_get(x, "not_applicable"), 0), "reason"),
			       "本系统托管在云上，不涉及自建机房。");
	x = json_object_get(doc, "open");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(x, "unanswered")), 0);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(x, "todo")), 1);
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(json_object_get(x, "to_confirm"), 0), "status"), "partial");

	d = json_object_get(doc, "delta");
	check_keys(d, delta);
	x = json_object_get(d, "counts");
	CU_ASSERT_EQUAL(jint_at(x, "resolved"), 1);
	CU_ASSERT_EQUAL(jint_at(x, "new-gap"), 1);
	CU_ASSERT_EQUAL(jint_at(x, "regressed"), 1);
	/* The carried a.two is not "still open": nobody has confirmed it yet. */
	CU_ASSERT_EQUAL(jint_at(x, "unchanged-gap"), 0);
	CU_ASSERT_EQUAL(jint_at(x, "unconfirmed"), 1);
	CU_ASSERT_EQUAL(jint_at(x, "newly-na"), 1);
	CU_ASSERT_EQUAL(jint_at(x, "other"), 1);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(d, "levels")), 3);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(d, "items")), 6);

	x = json_object_get(doc, "explanation");
	check_keys(x, expl);
	CU_ASSERT_EQUAL(jint_at(json_object_get(x, "target"), "applicable"), 5);
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(json_object_get(x, "target"), "weight_sum")), 2.9,
			       1e-9);
	CU_ASSERT_EQUAL(json_array_size(json_object_get(json_array_get(json_object_get(x, "verdicts"), 0),
							"not_met")), 3);
	json_decref(doc);
	strbuf_release(&out);
	fx_release(&f);
}

static void test_report_json_replaces_bad_utf8(void)
{
	struct strbuf out = STRBUF_INIT;
	struct mlps_assessment *a = fixture();
	json_error_t jerr;
	json_t *doc;
	struct fx f;

	free(get(a, "a.one")->note);
	get(a, "a.one")->note = mlps_strdup("bad \xff byte");
	fx_init(&f, a, MLPS_LANG_EN);
	render(&out, &f, MLPS_REPORT_JSON);
	doc = json_loadb(out.buf, out.len, 0, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(json_object_get(doc, "gaps"), 0), "note"),
			       "bad \xEF\xBF\xBD byte");
	json_decref(doc);
	strbuf_release(&out);
	fx_release(&f);
}

/* HTML */

static bool void_element(const char *name, size_t len)
{
	return (len == 4 && !strncmp(name, "meta", 4)) || (len == 2 && !strncmp(name, "br", 2));
}

/*
 * Every tag is closed in order (void and self-closed ones aside); returns
 * the number of tags seen, or 0 when they do not balance.
 */
static size_t balanced_tags(const char *s)
{
	char stack[64][16];
	size_t depth = 0, seen = 0;
	const char *p = s;

	while ((p = strchr(p, '<'))) {
		const char *end = strchr(p, '>');
		const char *name = p + 1;
		bool closing = *name == '/';
		size_t len;

		if (!end)
			return 0;
		if (*name == '!') {
			p = end + 1;
			continue;
		}
		name += closing;
		len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
		if (len == 0 || len >= 16)
			return 0;
		seen++;
		if (closing) {
			if (depth == 0 || strlen(stack[depth - 1]) != len || strncmp(stack[depth - 1], name, len))
				return 0;
			depth--;
		} else if (end[-1] != '/' && !void_element(name, len)) {
			if (depth == 64)
				return 0;
			memcpy(stack[depth], name, len);
			stack[depth++][len] = '\0';
		}
		p = end + 1;
	}
	return depth == 0 ? seen : 0;
}

static void test_report_html_is_balanced_self_contained_and_escaped(void)
{
	struct strbuf out = STRBUF_INIT;
	struct mlps_assessment *a = fixture();
	struct fx f;

	free(get(a, "a.one")->note);
	get(a, "a.one")->note = mlps_strdup("<script>alert(\"x\")</script> & 'q' <b>bold</b>");
	free(a->sys.name);
	a->sys.name = mlps_strdup("网上银行 <i>&amp;</i>");
	fx_init(&f, a, MLPS_LANG_ZH);
	render(&out, &f, MLPS_REPORT_HTML);
	CU_ASSERT_EQUAL(strncmp(out.buf, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35), 0);
	CU_ASSERT_TRUE(balanced_tags(out.buf) > 100);
	/* The note is text: no script element, no b or i element, and its characters escaped. */
	CU_ASSERT_PTR_NULL(strstr(out.buf, "<script"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "<b>bold"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "<i>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; "
					       "&lt;b&gt;bold&lt;/b&gt;"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "网上银行 &lt;i&gt;&amp;amp;&lt;/i&gt;"));
	/* Self-contained: no script, no style sheet, image or font from anywhere. */
	CU_ASSERT_PTR_NULL(strstr(out.buf, "<link"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "src="));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "url("));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "@import"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "https:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "@media print"));
	/* Charts are inline SVG: the status bar and the category chart. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 64\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "<text x=\"0\" y=\"21\">PES 安全物理环境</text>"));
	strbuf_release(&out);
	fx_release(&f);
}

static void test_report_md_escapes_markup(void)
{
	struct strbuf out = STRBUF_INIT;
	struct mlps_assessment *a = fixture();
	const char *p;
	struct fx f;

	free(get(a, "a.one")->note);
	get(a, "a.one")->note = mlps_strdup("<script>x</script> *not bold* | pipe\n- not a list");
	fx_init(&f, a, MLPS_LANG_EN);
	render(&out, &f, MLPS_REPORT_MD);
	/* Every < is escaped, so no viewer sees an element. */
	for (p = out.buf; (p = strchr(p, '<')); p++)
		CU_ASSERT_EQUAL(p[-1], '\\');
	/* In a table cell a line break is a space. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "| \\<script\\>x\\</script\\> \\*not bold\\* \\| pipe - not a list |"));
	strbuf_release(&out);
	fx_release(&f);
}

/* XLSX */

/* Output of a shell command (our own, on our own temp files). Caller frees. */
static char *command_output(const char *cmd)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *p = popen(cmd, "r");
	char buf[4096];
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		strbuf_add(&sb, buf, n);
	CU_ASSERT_EQUAL(pclose(p), 0);
	return strbuf_detach(&sb, NULL);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what))) {
		n++;
		s += strlen(what);
	}
	return n;
}

static void test_report_xlsx_has_the_report_sheets_in_chinese_with_print_setup(void)
{
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT, cmd = STRBUF_INIT;
	char *dir = make_temp_dir(), *listing, *workbook, *checklist;
	struct fx f;

	fx_init(&f, fixture(), MLPS_LANG_ZH);
	render(&out, &f, MLPS_REPORT_XLSX);
	CU_ASSERT_EQUAL(memcmp(out.buf, "PK\x03\x04", 4), 0);
	strbuf_addf(&path, "%s/r.xlsx", dir);
	write_file(path.buf, out.buf, out.len);
	strbuf_addf(&cmd, "unzip -Z1 '%s'", path.buf);
	listing = command_output(cmd.buf);
	CU_ASSERT_EQUAL(count(listing, "xl/worksheets/sheet"), 7);
	CU_ASSERT_PTR_NOT_NULL(strstr(listing, "xl/worksheets/sheet7.xml\n"));
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "unzip -p '%s' xl/workbook.xml", path.buf);
	workbook = command_output(cmd.buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(workbook, "<sheet name=\"汇总\" sheetId=\"1\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(workbook, "<sheet name=\"整改计划\" sheetId=\"4\""));
	/* The checklist: a header and six requirements on the one (system) object, filterable. */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "unzip -p '%s' xl/worksheets/sheet7.xml", path.buf);
	checklist = command_output(cmd.buf);
	CU_ASSERT_EQUAL(count(checklist, "<row "), 7);
	CU_ASSERT_PTR_NOT_NULL(strstr(checklist, "<autoFilter ref=\"A1:W7\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(checklist, "本系统托管在云上，不涉及自建机房。"));
	/* Sheet names, drop-downs, dates, print setup, read back with python3's zipfile. */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "python3 '%s/check_xlsx.py' '%s' zh", GOLDEN, path.buf);
	free(listing);
	listing = command_output(cmd.buf);
	if (strcmp(listing, "ok 7 sheets\n"))
		fprintf(stderr, "\n%s", listing);
	CU_ASSERT_STRING_EQUAL(listing, "ok 7 sheets\n");
	free(listing);
	free(workbook);
	free(checklist);
	remove_tree(dir);
	free(dir);
	strbuf_release(&cmd);
	strbuf_release(&path);
	strbuf_release(&out);
	fx_release(&f);
}

/*
 * A system name carrying Excel header codes: libxlsxwriter took "&&[Picture]"
 * for an image placeholder, refused the header and wrote its freed copy (a
 * use-after-free under ASan, found by fuzz_reports). The page header shows
 * the name with a full-width ampersand; the cells keep it as typed.
 */
static void test_report_xlsx_header_takes_any_system_name(void)
{
	static const char *const names[] = { "A&[Picture]B", "R&D &G &&", "&" };
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT, cmd = STRBUF_INIT;
	char *dir = make_temp_dir(), *sheet;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct mlps_assessment *a = fixture();
		struct fx f;

		free(a->sys.name);
		a->sys.name = mlps_strdup(names[i]);
		fx_init(&f, a, MLPS_LANG_EN);
		strbuf_reset(&out);
		render(&out, &f, MLPS_REPORT_XLSX);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/h%zu.xlsx", dir, i);
		write_file(path.buf, out.buf, out.len);
		strbuf_reset(&cmd);
		strbuf_addf(&cmd, "unzip -p '%s' xl/worksheets/sheet1.xml", path.buf);
		sheet = command_output(cmd.buf);
		switch (i) {
		case 0:
			CU_ASSERT_PTR_NOT_NULL(strstr(sheet, "<oddHeader>&amp;LA＆[Picture]B&amp;R7</oddHeader>"));
			break;
		case 1:
			CU_ASSERT_PTR_NOT_NULL(strstr(sheet, "<oddHeader>&amp;LR＆D ＆G ＆＆&amp;R7</oddHeader>"));
			break;
		default:
			CU_ASSERT_PTR_NOT_NULL(strstr(sheet, "<oddHeader>&amp;L＆&amp;R7</oddHeader>"));
			break;
		}
		free(sheet);
		fx_release(&f);
	}
	remove_tree(dir);
	free(dir);
	strbuf_release(&cmd);
	strbuf_release(&path);
	strbuf_release(&out);
}

/* Several objects */

static struct mlps_catalog *objcat;

/* An answer on one object of a (NULL: the system object). */
static void answer_on(struct mlps_assessment *a, const char *key, const char *object, enum mlps_status st,
		      const char *note)
{
	struct mlps_answer ans;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.object = (char *)object;
	ans.status = st;
	ans.note = (char *)note;
	ans.updated = (char *)"2025-03-10T09:00:00Z";
	mlps_assessment_put(a, &ans);
}

/*
 * Four objects of three kinds on the objects fixture (control point a is
 * assessed on servers and databases, the rest on the system object):
 * a.one is non-compliant on web01 and db01 and partial on orders, a.two is
 * answered on web01 only, m.one on the system object.
 */
static struct mlps_assessment *objects_fixture(void)
{
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));

	a->id = 11;
	a->sys.id = 2;
	a->sys.name = mlps_strdup("网上银行");
	a->level = 3;
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a->profile_hash = mlps_strdup(mlps_catalog_hash(objcat));
	a->rules_id = mlps_strdup(mlps_catalog_rules(objcat)->id);
	a->created = mlps_strdup("2025-03-01T08:00:00Z");
	a->updated = mlps_strdup("2025-03-15T10:30:00Z");
	mlps_assessment_add_object(a, "网上银行", "system", MLPS_IMP_KEY, NULL);
	mlps_assessment_add_object(a, "web01", "server", MLPS_IMP_IMPORTANT, NULL);
	mlps_assessment_add_object(a, "db01", "server", MLPS_IMP_GENERAL, "10.0.0.2 <CentOS & 7>");
	mlps_assessment_add_object(a, "orders", "database", MLPS_IMP_KEY, "MySQL 8");
	answer_on(a, "a.one", "web01", MLPS_ST_NONCOMPLIANT, "弱口令 <admin>");
	answer_on(a, "a.one", "db01", MLPS_ST_NONCOMPLIANT, NULL);
	answer_on(a, "a.one", "orders", MLPS_ST_PARTIAL, NULL);
	answer_on(a, "a.two", "web01", MLPS_ST_COMPLIANT, NULL);
	answer_on(a, "m.one", NULL, MLPS_ST_COMPLIANT, NULL);
	return a;
}

/* Renders the objects fixture in fmt and lang into out. */
static void render_objects(struct strbuf *out, enum mlps_report_format fmt, enum mlps_lang lang)
{
	struct mlps_assessment *a = objects_fixture();
	struct mlps_report_opts opts = { .lang = lang, .width = 80 };
	struct mlps_error err;
	struct mlps_score *s;

	mlps_error_init(&err);
	s = mlps_score_compute(objcat, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(mlps_report_render(out, fmt, objcat, a, s, &opts, &err), 0);
	mlps_score_free(s);
	mlps_assessment_free(a);
	mlps_error_release(&err);
}

static void test_report_text_and_md_name_the_objects_of_each_gap(void)
{
	struct strbuf out = STRBUF_INIT;

	render_objects(&out, MLPS_REPORT_TEXT, MLPS_LANG_EN);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf,
		"\n2. Evaluation objects (4)\n-------------------------\n"
		"  Object    Kind                   Importance\n"
		"  网上银行  The system as a whole  key\n"
		"  web01     Server                 important\n"
		"  db01      Server                 general\n"
		"            10.0.0.2 <CentOS & 7>\n"
		"  orders    Database               key\n"
		"            MySQL 8\n"));
	/* The problem names its objects by status; the plan has a row per object in the gap. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf,
		"  1 high PES L3-PES1-01\n"
		"    Problem: Partial: a.one text.\n"
		"    Objects: Non-compliant: web01, db01; Partial: orders\n"
		"    High-risk scenario: 6.1.1.1\n"
		"    Remediation: Fix.\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf,
		"  1 L3-PES1-01 web01\n    Problem: a.one text.\n    Risk: high\n    Note: 弱口令 <admin>\n"
		"  2 L3-PES1-01 db01\n"));
	/* The single-item records: per object, its own status and note. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf,
		"  web01 (Server, important)\n  L3-PES1-01 Point a\n    Requirement: a.one text.\n"
		"    Status: Non-compliant\n    Note: 弱口令 <admin>\n"));
	strbuf_reset(&out);
	render_objects(&out, MLPS_REPORT_TEXT, MLPS_LANG_ZH);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "\n    涉及对象：不符合：web01、db01；部分符合：orders\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "\n  web01（服务器，重要）\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "\n  db01      服务器        一般\n"));
	strbuf_reset(&out);
	render_objects(&out, MLPS_REPORT_MD, MLPS_LANG_EN);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "| 1 | high | PES | L3-PES1-01 | Partial: a.one text. | "
					       "Non-compliant: web01, db01; Partial: orders | 6.1.1.1 |  | Fix. |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "### web01 (Server, important)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "| L3-PES1-01 | Point a | a.one text. | Non-compliant | 弱口令 \\<admin\\> |  |\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "| db01 | Server | general | 10.0.0.2 \\<CentOS \\& 7\\> |\n"));
	strbuf_release(&out);
}

static void test_report_csv_has_a_row_per_requirement_and_object(void)
{
	static const char *const objs[] = { "web01", "db01", "orders" };
	static const char *const sts[] = { "Compliant", "Unanswered", "Unanswered" };
	struct strbuf out = STRBUF_INIT;
	char ***rows;
	size_t *nf, n, i, k = 0, m = 0;

	render_objects(&out, MLPS_REPORT_CSV, MLPS_LANG_EN);
	n = csv_parse(out.buf, &rows, &nf);
	/* a.one to a.four on three objects each, m.one on the system object. */
	CU_ASSERT_EQUAL_FATAL(n, 1 + 4 * 3 + 1);
	CU_ASSERT_STRING_EQUAL(rows[0][2], "Object");
	for (i = 1; i < n; i++) {
		CU_ASSERT_EQUAL(nf[i], 23);
		if (!strcmp(rows[i][0], "L3-PES1-02")) {
			CU_ASSERT_FATAL(k < 3);
			/* Unanswered objects still get their row; the result over the objects is unanswered. */
			CU_ASSERT_STRING_EQUAL(rows[i][2], objs[k]);
			CU_ASSERT_STRING_EQUAL(rows[i][9], sts[k]);
			CU_ASSERT_STRING_EQUAL(rows[i][10], "Unanswered");
			k++;
		}
		if (!strcmp(rows[i][0], "L3-PSS1-01")) {
			CU_ASSERT_STRING_EQUAL(rows[i][2], "网上银行");
			m++;
		}
		if (!strcmp(rows[i][0], "L3-PES1-01") && !strcmp(rows[i][2], "web01")) {
			CU_ASSERT_STRING_EQUAL(rows[i][9], "Non-compliant");
			CU_ASSERT_STRING_EQUAL(rows[i][10], "Partial");
			CU_ASSERT_STRING_EQUAL(rows[i][14], "弱口令 <admin>");
		}
	}
	CU_ASSERT_EQUAL(k, 3);
	CU_ASSERT_EQUAL(m, 1);
	csv_free(rows, nf, n);
	strbuf_release(&out);
}

static void test_report_json_2_has_objects_and_per_object_answers(void)
{
	static const char *const gap_objs[] = { "web01", "db01", "orders" };
	struct strbuf out = STRBUF_INIT;
	json_error_t jerr;
	json_t *doc, *x, *o;
	size_t i;

	render_objects(&out, MLPS_REPORT_JSON, MLPS_LANG_EN);
	doc = json_loadb(out.buf, out.len, JSON_REJECT_DUPLICATES, &jerr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_STRING_EQUAL(jstr_at(doc, "schema"), "mlps-report/2");
	x = json_object_get(doc, "objects");
	CU_ASSERT_EQUAL_FATAL(json_array_size(x), 4);
	o = json_array_get(x, 2);
	CU_ASSERT_STRING_EQUAL(jstr_at(o, "name"), "db01");
	CU_ASSERT_STRING_EQUAL(jstr_at(o, "kind"), "server");
	CU_ASSERT_STRING_EQUAL(jstr_at(o, "kind_label"), "Server");
	CU_ASSERT_STRING_EQUAL(jstr_at(o, "importance"), "general");
	CU_ASSERT_STRING_EQUAL(jstr_at(o, "description"), "10.0.0.2 <CentOS & 7>");

	/* Every requirement with its result and one entry per object, answered or not. */
	x = json_object_get(doc, "requirements");
	CU_ASSERT_EQUAL_FATAL(json_array_size(x), 5);
	o = json_array_get(x, 1);
	CU_ASSERT_STRING_EQUAL(jstr_at(o, "key"), "a.two");
	CU_ASSERT_STRING_EQUAL(jstr_at(o, "status"), "unanswered");
	o = json_object_get(o, "objects");
	CU_ASSERT_EQUAL_FATAL(json_array_size(o), 3);
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, 0), "object"), "web01");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, 0), "status"), "compliant");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, 1), "object"), "db01");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, 1), "status"), "unanswered");
	CU_ASSERT_TRUE(json_is_null(json_object_get(json_array_get(o, 1), "note")));
	o = json_object_get(json_array_get(x, 4), "objects");
	CU_ASSERT_EQUAL_FATAL(json_array_size(o), 1);
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, 0), "object"), "网上银行");

	/* The gap with its objects in the gap, non-compliant first. */
	x = json_array_get(json_object_get(doc, "gaps"), 0);
	CU_ASSERT_STRING_EQUAL(jstr_at(x, "key"), "a.one");
	CU_ASSERT_STRING_EQUAL(jstr_at(x, "status"), "partial");
	o = json_object_get(x, "objects");
	CU_ASSERT_EQUAL_FATAL(json_array_size(o), 3);
	for (i = 0; i < 3; i++)
		CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, i), "object"), gap_objs[i]);
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, 0), "note"), "弱口令 <admin>");
	CU_ASSERT_STRING_EQUAL(jstr_at(json_array_get(o, 2), "status"), "partial");
	x = json_object_get(json_array_get(json_object_get(doc, "high_risks"), 0), "objects");
	CU_ASSERT_EQUAL_FATAL(json_array_size(x), 2);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(x, 0)), "web01");
	CU_ASSERT_STRING_EQUAL(json_string_value(json_array_get(x, 1)), "db01");
	json_decref(doc);
	strbuf_release(&out);
}

static void test_report_html_and_xlsx_carry_the_objects(void)
{
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT, cmd = STRBUF_INIT;
	char *dir, *sheet;

	render_objects(&out, MLPS_REPORT_HTML, MLPS_LANG_EN);
	CU_ASSERT_TRUE(balanced_tags(out.buf) > 100);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "<section id=\"objects\">\n<h2>2. Evaluation objects (4)</h2>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "<td class=\"pre\">10.0.0.2 &lt;CentOS &amp; 7&gt;</td>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "<td class=\"pre\">Non-compliant: web01, db01; Partial: orders</td>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "<h3>web01 (Server, important)</h3>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "<td class=\"pre\">弱口令 &lt;admin&gt;</td>"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "<CentOS"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "src="));

	strbuf_reset(&out);
	render_objects(&out, MLPS_REPORT_XLSX, MLPS_LANG_EN);
	dir = make_temp_dir();
	strbuf_addf(&path, "%s/o.xlsx", dir);
	write_file(path.buf, out.buf, out.len);
	/* Objects: a header and four objects. */
	strbuf_addf(&cmd, "unzip -p '%s' xl/worksheets/sheet6.xml", path.buf);
	sheet = command_output(cmd.buf);
	CU_ASSERT_EQUAL(count(sheet, "<row "), 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(sheet, "10.0.0.2 &lt;CentOS &amp; 7&gt;"));
	free(sheet);
	/* Checklist: one row per requirement and object. */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "unzip -p '%s' xl/worksheets/sheet7.xml", path.buf);
	sheet = command_output(cmd.buf);
	CU_ASSERT_EQUAL(count(sheet, "<row "), 14);
	CU_ASSERT_PTR_NOT_NULL(strstr(sheet, "<autoFilter ref=\"A1:W14\"/>"));
	free(sheet);
	/* The plan: one row per object in a gap. */
	strbuf_reset(&cmd);
	strbuf_addf(&cmd, "unzip -p '%s' xl/worksheets/sheet4.xml", path.buf);
	sheet = command_output(cmd.buf);
	CU_ASSERT_EQUAL(count(sheet, "<row "), 4);
	free(sheet);
	remove_tree(dir);
	free(dir);
	strbuf_release(&cmd);
	strbuf_release(&path);
	strbuf_release(&out);
}

/* Writing files */

/* Names in dir, one per line, sorted. Caller frees. */
static char *list_dir(const char *dir)
{
	struct strbuf cmd = STRBUF_INIT;
	char *s;

	strbuf_addf(&cmd, "ls -A '%s'", dir);
	s = command_output(cmd.buf);
	strbuf_release(&cmd);
	return s;
}

static void test_report_write_file_is_atomic_and_never_overwrites(void)
{
	char *dir = make_temp_dir(), *names, *content;
	struct strbuf path = STRBUF_INIT, bad = STRBUF_INIT;
	struct mlps_error err;
	struct fx f;
	size_t len;

	fx_init(&f, fixture(), MLPS_LANG_EN);
	strbuf_addf(&path, "%s/report.json", dir);
	write_file(path.buf, "keep me", 7);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_report_write_file(path.buf, false, MLPS_REPORT_JSON, mixed, f.a, f.s, &f.opts, &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "report.json: already exists; use --force to replace it"));
	content = slurp(path.buf, &len);
	CU_ASSERT_STRING_EQUAL(content, "keep me");
	free(content);
	mlps_error_release(&err);

	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_report_write_file(path.buf, true, MLPS_REPORT_JSON, mixed, f.a, f.s, &f.opts, &err), 0);
	content = slurp(path.buf, &len);
	CU_ASSERT_EQUAL(strncmp(content, "{\n  \"schema\": \"mlps-report/2\"", 29), 0);
	free(content);
	names = list_dir(dir);
	CU_ASSERT_STRING_EQUAL(names, "report.json\n");
	free(names);
	mlps_error_release(&err);

	/* A directory that does not exist: an error and nothing left behind. */
	strbuf_addf(&bad, "%s/missing/report.xlsx", dir);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_report_write_file(bad.buf, false, MLPS_REPORT_XLSX, mixed, f.a, f.s, &f.opts, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(mlps_error_message(&err), "missing/report.xlsx: cannot create"));
	names = list_dir(dir);
	CU_ASSERT_STRING_EQUAL(names, "report.json\n");
	free(names);
	mlps_error_release(&err);

	remove_tree(dir);
	free(dir);
	strbuf_release(&path);
	strbuf_release(&bad);
	fx_release(&f);
}

static void test_report_format_names_round_trip(void)
{
	static const char *const names[] = { "text", "md", "csv", "json", "html", "xlsx", "pdf" };
	enum mlps_report_format fmt;
	int i;

	for (i = 0; i < MLPS_REPORT_COUNT; i++) {
		CU_ASSERT_EQUAL(mlps_report_format_parse(names[i], &fmt), 0);
		CU_ASSERT_EQUAL(fmt, (enum mlps_report_format)i);
		CU_ASSERT_STRING_EQUAL(mlps_report_format_name(fmt), names[i]);
	}
	CU_ASSERT_EQUAL(mlps_report_format_parse("ps", &fmt), -1);
	CU_ASSERT_EQUAL(mlps_report_format_parse("TEXT", &fmt), -1);
}


/* Issue 16: the evaluation report's structure in every format */

/* The section titles of the fixture, in order, as every format shows them. */
static const char *const titles_zh[] = {
	"测评结论", "测评对象（1）", "安全问题汇总（2）", "控制点符合情况汇总（第3级）", "整改计划（2）",
	"附录：单项测评结果记录", "与评估 3 相比的变化", "适用性声明", "未答与待确认项", "得分说明", NULL,
};
static const char *const titles_en[] = {
	"Conclusion", "Evaluation objects (1)", "Security problems (2)", "Control points (level 3)",
	"Remediation plan (2)", "Appendix: single-item results", "Changes since assessment 3",
	"Statement of applicability", "Unanswered and to-confirm items", "How the score was computed", NULL,
};

/* Every title appears in s, each after the one before. */
static void check_in_order(const char *s, const char *const *titles, const char *what)
{
	const char *p = s;
	size_t i;

	for (i = 0; titles[i]; i++) {
		const char *q = strstr(p, titles[i]);

		if (!q)
			fprintf(stderr, "\n  %s: '%s' missing or out of order\n", what, titles[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(q);
		p = q + strlen(titles[i]);
	}
}

/* pdftotext of a PDF in a buffer (-layout off), or NULL. Caller frees. */
static char *pdf_text(const struct strbuf *pdf, const char *dir, const char *opts)
{
	struct strbuf path = STRBUF_INIT, cmd = STRBUF_INIT;
	char *s;

	strbuf_addf(&path, "%s/r.pdf", dir);
	write_file(path.buf, pdf->buf, pdf->len);
	strbuf_addf(&cmd, "%s '%s'%s", opts, path.buf, strstr(opts, "pdftotext") ? " -" : "");
	s = command_output(cmd.buf);
	strbuf_release(&path);
	strbuf_release(&cmd);
	return s;
}

static void test_report_every_section_in_every_format_in_both_languages(void)
{
	static const enum mlps_report_format fmts[] = { MLPS_REPORT_TEXT, MLPS_REPORT_MD, MLPS_REPORT_HTML,
							MLPS_REPORT_PDF };
	static const char *const json_keys[] = { "assessment", "conclusions", "composite", "objects", "problems",
						 "control_points", "plan", "requirements", "delta", "applicability",
						 "open", "explanation", NULL };
	char *dir = make_temp_dir();
	int l;
	size_t i, k;

	for (l = 0; l < 2; l++) {
		enum mlps_lang lang = l ? MLPS_LANG_EN : MLPS_LANG_ZH;
		struct strbuf out = STRBUF_INIT;
		json_t *doc;
		struct fx f;

		for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
			char *text = NULL;

			fx_init(&f, fixture(), lang);
			render(&out, &f, fmts[i]);
			if (fmts[i] == MLPS_REPORT_PDF)
				text = pdf_text(&out, dir, "pdftotext");
			/* The cover first: the system, then the disclaimer. */
			CU_ASSERT_PTR_NOT_NULL(strstr(text ? text : out.buf, "网上银行"));
			check_in_order(text ? text : out.buf, l ? titles_en : titles_zh, mlps_report_format_name(fmts[i]));
			free(text);
			strbuf_reset(&out);
			fx_release(&f);
		}
		fx_init(&f, fixture(), lang);
		render(&out, &f, MLPS_REPORT_JSON);
		doc = json_loads(out.buf, 0, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
		for (k = 0; json_keys[k]; k++)
			CU_ASSERT_PTR_NOT_NULL(json_object_get(doc, json_keys[k]));
		/* The composite and the primary conclusion come from the score, not from the writer. */
		CU_ASSERT_TRUE(json_is_true(json_object_get(json_array_get(json_object_get(doc, "conclusions"), 0),
							    "primary")));
		CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(doc, "high_risk_count"), "total")),
				(json_int_t)mlps_score_n_high_risk(f.s));
		CU_ASSERT_EQUAL(json_array_size(json_object_get(doc, "problems")), 2);
		CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(json_object_get(doc, "problems"), 0),
									 "risk")), "high");
		CU_ASSERT_TRUE(json_is_true(json_object_get(json_array_get(json_object_get(doc, "plan"), 0), "overdue")));
		CU_ASSERT_TRUE(json_is_false(json_object_get(json_array_get(json_object_get(doc, "plan"), 1), "overdue")));
		json_decref(doc);
		strbuf_release(&out);
		fx_release(&f);
	}
	remove_tree(dir);
	free(dir);
}

static void test_report_summary_is_cover_conclusion_and_problems(void)
{
	struct strbuf out = STRBUF_INIT;
	struct fx f;

	fx_init(&f, fixture(), MLPS_LANG_ZH);
	f.opts.sections = MLPS_RS_SUMMARY;
	render(&out, &f, MLPS_REPORT_MD);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "## 1. 测评结论\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "## 2. 安全问题汇总（2）\n"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "整改计划（"));
	CU_ASSERT_PTR_NULL(strstr(out.buf, "适用性声明"));
	strbuf_reset(&out);
	f.opts.sections = MLPS_RS_BIT(MLPS_RS_PLAN);
	render(&out, &f, MLPS_REPORT_TEXT);
	CU_ASSERT_EQUAL(strncmp(out.buf, "\n1. 整改计划（2）\n", strlen("\n1. 整改计划（2）\n")), 0);
	/* a.one is overdue on 2025-07-15; a.four is not due yet. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out.buf, "    逾期：是\n"));
	CU_ASSERT_EQUAL(count(out.buf, "逾期"), 1);
	strbuf_release(&out);
	fx_release(&f);
}

/* The fixture's PDF read back with poppler-utils; then long tables on the shipped catalogue. */
static void test_report_pdf_is_a4_with_embedded_cjk_fonts_and_tables_that_repeat_their_header(void)
{
	struct strbuf out = STRBUF_INIT;
	struct fx f;
	char *dir = make_temp_dir(), *info, *fonts, *text, *p;
	size_t cont = 0;

	fx_init(&f, fixture(), MLPS_LANG_ZH);
	render(&out, &f, MLPS_REPORT_PDF);
	CU_ASSERT_EQUAL(memcmp(out.buf, "%PDF-", 5), 0);
	info = pdf_text(&out, dir, "pdfinfo");
	CU_ASSERT_PTR_NOT_NULL(strstr(info, "(A4)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(info, "Title:           网络安全等级保护自评估差距报告"));
	CU_ASSERT_PTR_NOT_NULL(strstr(info, "Author:          张伟"));
	CU_ASSERT_PTR_NOT_NULL(strstr(info, "CreationDate:"));
	fonts = pdf_text(&out, dir, "pdffonts");
	/* The CJK font is embedded and subset: "emb sub" both yes. */
	CU_ASSERT_PTR_NOT_NULL(strstr(fonts, "CJK"));
	for (p = strstr(fonts, "CJK"); p; p = strstr(p + 1, "CJK"))
		CU_ASSERT_PTR_NOT_NULL(strstr(p, "yes yes"));
	text = pdf_text(&out, dir, "pdftotext");
	/* Cover, the conclusion, and the problems in risk order; every page numbered. */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "网上银行"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "2025 年符合率判定"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "不符合：a.one文。"));
	CU_ASSERT_TRUE(strstr(text, "不符合：a.one文。") < strstr(text, "不符合：a.four文。"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "第 1 页，共"));
	free(info);
	free(fonts);
	free(text);
	strbuf_reset(&out);
	fx_release(&f);

	/* The shipped catalogue at level 3: the single-item records run over many pages. */
	{
		struct mlps_error err;
		struct mlps_catalog *shipped;
		struct mlps_assessment *a = base(11, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z");
		struct mlps_score *s;
		struct mlps_report_opts opts;
		char *page, *save = NULL;

		mlps_error_init(&err);
		shipped = mlps_catalog_load(MLPS_SHIPPED, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(shipped);
		free(a->profile_hash);
		a->profile_hash = mlps_strdup(mlps_catalog_hash(shipped));
		mlps_assessment_add_object(a, a->sys.name, "system", MLPS_IMP_KEY, NULL);
		s = mlps_score_compute(shipped, a, &err);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		memset(&opts, 0, sizeof(opts));
		opts.lang = MLPS_LANG_ZH;
		opts.sections = MLPS_RS_BIT(MLPS_RS_COVER) | MLPS_RS_BIT(MLPS_RS_RECORDS);
		CU_ASSERT_EQUAL(mlps_report_render(&out, MLPS_REPORT_PDF, shipped, a, s, &opts, &err), 0);
		text = pdf_text(&out, dir, "pdftotext");
		/* Every page a table continues on says so and repeats the header row. */
		for (page = strtok_r(text, "\f", &save); page; page = strtok_r(NULL, "\f", &save)) {
			if (!strstr(page, "（续）"))
				continue;
			cont++;
			CU_ASSERT_PTR_NOT_NULL(strstr(page, "编号"));
			CU_ASSERT_PTR_NOT_NULL(strstr(page, "要求"));
			CU_ASSERT_PTR_NOT_NULL(strstr(page, "证据"));
		}
		CU_ASSERT_TRUE(cont >= 3);
		free(text);
		mlps_score_free(s);
		mlps_assessment_free(a);
		mlps_catalog_free(shipped);
		mlps_error_release(&err);
	}
	strbuf_release(&out);
	remove_tree(dir);
	free(dir);
}

/* The command line */

static char *cli_dir;
static const char *cli_env[3];

#define RUN(r, ...) run_mlps(r, cli_env, (const char *const[]){ __VA_ARGS__, NULL })

static void cli_setup(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct run r;

	cli_dir = make_temp_dir();
	strbuf_addf(&sb, "MLPS_DB=%s/r.db", cli_dir);
	cli_env[0] = strbuf_detach(&sb, NULL);
	cli_env[1] = "MLPS_PROFILES=" MLPS_FIXTURES "/score/mixed";
	cli_env[2] = NULL;
	RUN(&r, "new", "--system", "网上银行", "--level", "3", "--ext", "cloud", "--flags", "continuity");
	CU_ASSERT_STRING_EQUAL(r.out, "1\n");
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES1-01", "noncompliant", "--note", "门禁坏了");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	RUN(&r, "answer", "1", "L3-PES2-01", "compliant");
	run_free(&r);
}

static void cli_teardown(void)
{
	remove_tree(cli_dir);
	free(cli_dir);
	free((char *)cli_env[0]);
}

/* Export the plan, edit a copy as an owner would, import it: every bad row kind is named and skipped. */
static void test_cli_plan_import_round_trips_the_plan_sheet(void)
{
	struct strbuf path = STRBUF_INIT, edited = STRBUF_INIT, cmd = STRBUF_INIT, csv = STRBUF_INIT;
	struct run r;
	char *s;

	cli_setup();
	strbuf_addf(&path, "%s/r.xlsx", cli_dir);
	strbuf_addf(&edited, "%s/edited.xlsx", cli_dir);
	RUN(&r, "report", "1", "-o", path.buf);
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	/* Unchanged: nothing to apply. */
	RUN(&r, "plan", "import", "1", path.buf);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "0 changes to apply, 0 rows not applied\n");
	run_free(&r);
	strbuf_addf(&cmd, "python3 '%s/edit_plan.py' '%s' '%s' L3-PES1-01 网上银行", GOLDEN, path.buf, edited.buf);
	s = command_output(cmd.buf);
	free(s);
	RUN(&r, "plan", "import", "1", edited.buf);
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.out,
		"row 2: L3-PES1-01 @ 网上银行: owner – → 张三; due – → 2025-12-31; plan none → done; note changed\n"
		"row 3: not applied: L9-XXX-99 is not an item of this assessment\n"
		"row 4: not applied: L3-PES1-01: no object 'no-such-host' in this assessment\n"
		"row 5: not applied: L3-PES1-01 @ 网上银行: '2025-13-45' is not a date (YYYY-MM-DD)\n"
		"row 6: not applied: L3-PES1-01 @ 网上银行: 'finished?' is not a plan status\n"
		"1 change to apply, 4 rows not applied (preview: --apply writes them)\n");
	run_free(&r);
	/* The preview wrote nothing. */
	RUN(&r, "report", "1", "--format", "json", "--sections", "plan");
	CU_ASSERT_PTR_NULL(strstr(r.out, "张三"));
	run_free(&r);
	RUN(&r, "plan", "import", "1", edited.buf, "--apply");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "1 change applied, 4 rows not applied\n"));
	run_free(&r);
	RUN(&r, "report", "1", "--format", "json", "--sections", "plan");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"owner\": \"张三\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"due\": \"2025-12-31\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"status\": \"done\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"note\": \"已加装电子门禁\""));
	run_free(&r);
	/* Only the plan fields changed, and the change is in the log. */
	RUN(&r, "log", "1");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "L3-PES1-01  noncompliant -> noncompliant  (note,owner,due,plan)"));
	run_free(&r);
	/* Again: nothing left to change. */
	RUN(&r, "plan", "import", "1", edited.buf);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "0 changes to apply, 4 rows not applied\n"));
	run_free(&r);
	/* The same columns as CSV (English header); a row without an ID is named too. */
	strbuf_addf(&csv, "%s/plan.csv", cli_dir);
	{
		static const char plan_csv[] = "\xEF\xBB\xBF" "No.,ID,Object,Owner,Due,Plan,Note\r\n"
					       "1,L3-PES1-01,网上银行,李四,2026-01-31,in progress,\"two\nlines\"\r\n"
					       "2,,网上银行,,,,\r\n";

		write_file(csv.buf, plan_csv, sizeof(plan_csv) - 1);
	}
	RUN(&r, "plan", "import", "1", csv.buf, "--apply");
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "row 2: L3-PES1-01 @ 网上银行: owner 张三 → 李四; due 2025-12-31 → 2026-01-31; "
					     "plan done → in-progress; note changed\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "row 3: not applied: no item ID\n"));
	run_free(&r);
	RUN(&r, "plan", "import", "1", "/nonexistent.xlsx");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	strbuf_release(&path);
	strbuf_release(&edited);
	strbuf_release(&cmd);
	strbuf_release(&csv);
	cli_teardown();
}

static void test_cli_report_text_to_stdout_in_either_language(void)
{
	struct run r;

	cli_setup();
	RUN(&r, "--lang", "zh", "report", "1");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "网络安全等级保护自评估差距报告\n", 46), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "  1 高 PES L3-PES1-01\n    安全问题：不符合：a.one文。\n"));
	CU_ASSERT_STRING_EQUAL(r.err, "");
	run_free(&r);
	/* --lang after the subcommand wins over the global one. */
	RUN(&r, "--lang", "zh", "report", "1", "--lang", "en");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "MLPS 2.0 self-assessment gap report\n", 36), 0);
	run_free(&r);
	RUN(&r, "report", "--lang", "en", "--width", "100", "1");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "This report is the result of a self-assessment made with mlps. It is not an "
					     "official MLPS evaluation\n"));
	run_free(&r);
	RUN(&r, "report", "1", "--format", "csv", "--bom", "--lang", "en");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "\xEF\xBB\xBF" "ID,Key,Object,Category,", 26), 0);
	CU_ASSERT_EQUAL(count(r.out, "\r\n"), 7);
	run_free(&r);
	RUN(&r, "report", "--help");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_EQUAL(strncmp(r.out, "usage: mlps report ASSESSMENT [--format text|md|csv|json|html|xlsx|pdf]", 71), 0);
	run_free(&r);
	cli_teardown();
}

static void test_cli_report_rejects_bad_usage(void)
{
	struct run r;

	cli_setup();
	RUN(&r, "report", "1", "--format", "ps");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: report: --format: 'ps' is not text, md, csv, json, html, xlsx or pdf\n"
				      "(see 'mlps report --help')\n");
	run_free(&r);
	RUN(&r, "report", "1", "--format", "pdf");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "pdf is a binary format: give -o FILE"));
	run_free(&r);
	RUN(&r, "report", "1", "--sections", "cover,bogus");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "--sections: 'bogus' is not a section"));
	run_free(&r);
	RUN(&r, "report", "1", "--sections", "cover", "--summary");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "report", "1", "--format", "xlsx");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_STRING_EQUAL(r.err, "mlps: report: xlsx is a binary format: give -o FILE\n"
				      "(see 'mlps report --help')\n");
	run_free(&r);
	RUN(&r, "report", "1", "--width", "20");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "--width: '20' is not a number from 77 to 1000"));
	run_free(&r);
	RUN(&r, "report", "1", "--lang", "fr");
	CU_ASSERT_EQUAL(r.status, 2);
	run_free(&r);
	RUN(&r, "report");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "expected ASSESSMENT"));
	run_free(&r);
	RUN(&r, "report", "1", "2");
	CU_ASSERT_EQUAL(r.status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.err, "unexpected argument '2'"));
	run_free(&r);
	RUN(&r, "report", "42");
	CU_ASSERT_NOT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_free(&r);
	cli_teardown();
}

static void test_cli_report_file_needs_force_to_replace(void)
{
	struct strbuf path = STRBUF_INIT, xlsx = STRBUF_INIT, msg = STRBUF_INIT;
	char *names, *content;
	struct run r;
	size_t len;

	cli_setup();
	strbuf_addf(&path, "%s/out/report.md", cli_dir);
	strbuf_addf(&xlsx, "%s/out/report.xlsx", cli_dir);
	strbuf_addf(&msg, "%s/out", cli_dir);
	mkdir(msg.buf, 0755);
	RUN(&r, "report", "1", "--format", "md", "-o", path.buf);
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "");
	run_free(&r);
	write_file(path.buf, "edited by hand\n", 15);
	RUN(&r, "report", "1", "--format", "md", "-o", path.buf);
	CU_ASSERT_EQUAL(r.status, 2);
	strbuf_reset(&msg);
	strbuf_addf(&msg, "mlps: %s: already exists; use --force to replace it\n", path.buf);
	CU_ASSERT_STRING_EQUAL(r.err, msg.buf);
	run_free(&r);
	content = slurp(path.buf, &len);
	CU_ASSERT_STRING_EQUAL(content, "edited by hand\n");
	free(content);
	RUN(&r, "report", "1", "--format", "md", "-o", path.buf, "--force", "--lang", "en");
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	content = slurp(path.buf, &len);
	CU_ASSERT_EQUAL(strncmp(content, "# MLPS 2.0 self-assessment gap report\n\n- **System**: 网上银行\n", 61), 0);
	free(content);
	RUN(&r, "report", "1", "--format", "xlsx", "-o", xlsx.buf);
	CU_ASSERT_EQUAL(r.status, 0);
	run_free(&r);
	strbuf_reset(&msg);
	strbuf_addf(&msg, "%s/out", cli_dir);
	/* Atomic: no temporary file is left beside the reports. */
	names = list_dir(msg.buf);
	CU_ASSERT_STRING_EQUAL(names, "report.md\nreport.xlsx\n");
	free(names);
	strbuf_release(&path);
	strbuf_release(&xlsx);
	strbuf_release(&msg);
	cli_teardown();
}

static void test_cli_report_of_a_reaudit_has_the_delta(void)
{
	struct run r;

	cli_setup();
	RUN(&r, "reaudit", "1");
	CU_ASSERT_STRING_EQUAL(r.out, "2\n");
	run_free(&r);
	RUN(&r, "answer", "2", "L3-PES1-01", "compliant");
	run_free(&r);
	RUN(&r, "report", "2", "--lang", "en");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n7. Changes since assessment 1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "  Resolved (1)\n    L3-PES1-01  Non-compliant → Compliant: a.one text.\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\n10. How the score was computed\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "Re-audit of   assessment 1\n"));
	run_free(&r);
	RUN(&r, "report", "2", "--format", "json");
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.out, "\"delta\": {\n    \"parent\": 1,"));
	run_free(&r);
	cli_teardown();
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "text golden zh and en", test_report_text_matches_golden_in_both_languages },
		{ "every section, every format", test_report_every_section_in_every_format_in_both_languages },
		{ "summary and sections", test_report_summary_is_cover_conclusion_and_problems },
		{ "xlsx header takes any system name", test_report_xlsx_header_takes_any_system_name },
		{ "pdf a4 fonts headers", test_report_pdf_is_a4_with_embedded_cjk_fonts_and_tables_that_repeat_their_header },
		{ "md golden zh and en", test_report_md_matches_golden_in_both_languages },
		{ "csv golden zh and en", test_report_csv_matches_golden_in_both_languages },
		{ "json golden zh and en", test_report_json_matches_golden_in_both_languages },
		{ "text fits the width", test_report_text_fits_the_width_in_both_languages },
		{ "text wraps cjk", test_report_text_wraps_cjk_between_characters },
		{ "unanswered listed", test_report_lists_every_unanswered_item_and_says_none },
		{ "csv parses back", test_report_csv_parses_back_one_row_per_requirement },
		{ "objects: text and md gaps", test_report_text_and_md_name_the_objects_of_each_gap },
		{ "objects: csv rows", test_report_csv_has_a_row_per_requirement_and_object },
		{ "objects: json /2", test_report_json_2_has_objects_and_per_object_answers },
		{ "objects: html and xlsx", test_report_html_and_xlsx_carry_the_objects },
		{ "json schema", test_report_json_follows_its_schema },
		{ "json bad utf-8", test_report_json_replaces_bad_utf8 },
		{ "html balanced and escaped", test_report_html_is_balanced_self_contained_and_escaped },
		{ "md escapes markup", test_report_md_escapes_markup },
		{ "xlsx five sheets", test_report_xlsx_has_the_report_sheets_in_chinese_with_print_setup },
		{ "write file atomic", test_report_write_file_is_atomic_and_never_overwrites },
		{ "format names", test_report_format_names_round_trip },
		{ "cli text to stdout", test_cli_report_text_to_stdout_in_either_language },
		{ "cli bad usage", test_cli_report_rejects_bad_usage },
		{ "cli overwrite needs force", test_cli_report_file_needs_force_to_replace },
		{ "cli reaudit delta", test_cli_report_of_a_reaudit_has_the_delta },
		{ "cli plan import round trip", test_cli_plan_import_round_trips_the_plan_sheet },
		CU_TEST_INFO_NULL,
	};
	int status;

	/* Widths come from wcwidth(), as in the mlps binary. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	mixed = load_catalog(MLPS_FIXTURES "/score/mixed");
	objcat = load_catalog(GOLDEN "/objects");
	if (!mixed || !objcat)
		return 1;
	status = test_main("reports", tests);
	mlps_catalog_free(mixed);
	mlps_catalog_free(objcat);
	return status;
}
