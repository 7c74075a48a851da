/*
 * plan_import.c - the remediation plan as edited in Excel (or saved as CSV)
 * back into plan fields: the container is read with libzip, the workbook,
 * its relationships, the shared strings and the sheet with expat; nothing
 * here parses zip or XML by hand.
 *
 * The file is first turned into rows of text cells (the sheet's own row
 * numbers kept, so that a message names the row a person sees in Excel),
 * then each row is checked against the catalogue and the assessment.
 */
#include <errno.h>
#include <stdarg.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zip.h>

#include "plan_import.h"
#include "report_impl.h"
#include "utf8.h"

/* A file as rows of cells. */
struct cells {
	size_t *row_no;         /* the sheet's row number of each row */
	char ***cells;          /* cells[i][col], NULL where empty */
	size_t *n_cols;
	size_t n, alloc;
};

static size_t cells_add_row(struct cells *c, size_t row_no)
{
	size_t old = c->alloc;

	if (c->n == c->alloc) {
		mlps_grow((void **)&c->row_no, &c->alloc, c->n + 1, sizeof(*c->row_no));
		c->cells = mlps_realloc(c->cells, c->alloc * sizeof(*c->cells));
		c->n_cols = mlps_realloc(c->n_cols, c->alloc * sizeof(*c->n_cols));
		(void)old;
	}
	c->row_no[c->n] = row_no;
	c->cells[c->n] = NULL;
	c->n_cols[c->n] = 0;
	return c->n++;
}

static void cells_set(struct cells *c, size_t row, size_t col, const char *s, size_t len)
{
	if (col >= 64)
		return;
	if (col >= c->n_cols[row]) {
		c->cells[row] = mlps_realloc(c->cells[row], (col + 1) * sizeof(**c->cells));
		memset(c->cells[row] + c->n_cols[row], 0, (col + 1 - c->n_cols[row]) * sizeof(**c->cells));
		c->n_cols[row] = col + 1;
	}
	free(c->cells[row][col]);
	c->cells[row][col] = mlps_calloc(len + 1, 1);
	memcpy(c->cells[row][col], s, len);
}

static const char *cells_get(const struct cells *c, size_t row, int col)
{
	const char *s;

	if (col < 0 || (size_t)col >= c->n_cols[row])
		return NULL;
	s = c->cells[row][col];
	return s && *s ? s : NULL;
}

static void cells_release(struct cells *c)
{
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		for (k = 0; k < c->n_cols[i]; k++)
			free(c->cells[i][k]);
		free(c->cells[i]);
	}
	free(c->cells);
	free(c->n_cols);
	free(c->row_no);
	memset(c, 0, sizeof(*c));
}

/* CSV (RFC 4180, a UTF-8 BOM allowed): each record is a row, numbered from 1. */
static void parse_csv(const char *s, size_t len, struct cells *out)
{
	struct strbuf field = STRBUF_INIT;
	size_t i = 0, col = 0, row = cells_add_row(out, 1), rec = 1;

	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len) {
		char ch = s[i];

		if (ch == '"' && field.len == 0) {
			for (i++; i < len; i++) {
				if (s[i] == '"' && i + 1 < len && s[i + 1] == '"') {
					strbuf_addch(&field, '"');
					i++;
				} else if (s[i] == '"') {
					i++;
					break;
				} else {
					strbuf_addch(&field, s[i]);
				}
			}
			continue;
		}
		if (ch == ',' || ch == '\n' || ch == '\r') {
			cells_set(out, row, col++, field.buf, field.len);
			strbuf_reset(&field);
			if (ch == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			if (ch != ',') {
				col = 0;
				if (i + 1 < len)
					row = cells_add_row(out, ++rec);
			}
			i++;
			continue;
		}
		strbuf_addch(&field, ch);
		i++;
	}
	if (field.len || col)
		cells_set(out, row, col, field.buf, field.len);
	strbuf_release(&field);
}

/* XLSX */

/* A member of the zip as a NUL-terminated string; NULL when absent. Caller frees. */
static char *zip_member(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;
	zip_int64_t n;

	if (zip_stat(z, name, 0, &st) || !(st.valid & ZIP_STAT_SIZE) || st.size > 256u * 1024 * 1024)
		return NULL;
	f = zip_fopen(z, name, 0);
	if (!f)
		return NULL;
	buf = mlps_calloc((size_t)st.size + 1, 1);
	n = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		free(buf);
		return NULL;
	}
	if (len)
		*len = (size_t)n;
	return buf;
}

/* Runs expat over a document with the handlers and user data given. */
static int xml_parse(const char *doc, size_t len, XML_StartElementHandler start, XML_EndElementHandler end,
		     XML_CharacterDataHandler text, void *ud)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	int ok;

	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	if (text)
		XML_SetCharacterDataHandler(p, text);
	ok = XML_Parse(p, doc, (int)len, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok ? 0 : -1;
}

static const char *attr(const XML_Char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (!strcmp(atts[i], name))
			return atts[i + 1];
	return NULL;
}

/* workbook.xml: the relationship id of the sheet with one of the wanted names. */
struct wb_ctx {
	const char *const *names;
	char *rid;
};

static void wb_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct wb_ctx *c = ud;
	const char *name = attr(atts, "name"), *rid = attr(atts, "r:id");
	size_t i;

	if (strcmp(el, "sheet") || !name || !rid || c->rid)
		return;
	for (i = 0; c->names[i]; i++)
		if (!strcmp(name, c->names[i]))
			c->rid = mlps_strdup(rid);
}

static void no_end(void *ud, const XML_Char *el)
{
	(void)ud;
	(void)el;
}

/* workbook.xml.rels: the target of a relationship id. */
struct rel_ctx {
	const char *rid;
	char *target;
};

static void rel_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct rel_ctx *c = ud;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");

	if (!strcmp(el, "Relationship") && id && target && !strcmp(id, c->rid) && !c->target)
		c->target = mlps_strdup(target);
}

/* sharedStrings.xml: the text of every <si>, phonetic runs left out. */
struct sst_ctx {
	char **strings;
	size_t n, alloc;
	struct strbuf cur;
	int in_t, in_rph;
};

static void sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct sst_ctx *c = ud;

	(void)atts;
	if (!strcmp(el, "si"))
		strbuf_reset(&c->cur);
	else if (!strcmp(el, "t"))
		c->in_t++;
	else if (!strcmp(el, "rPh"))
		c->in_rph++;
}

static void sst_end(void *ud, const XML_Char *el)
{
	struct sst_ctx *c = ud;

	if (!strcmp(el, "si")) {
		mlps_grow((void **)&c->strings, &c->alloc, c->n + 1, sizeof(*c->strings));
		c->strings[c->n++] = mlps_strdup(c->cur.buf);
	} else if (!strcmp(el, "t")) {
		c->in_t--;
	} else if (!strcmp(el, "rPh")) {
		c->in_rph--;
	}
}

static void sst_text(void *ud, const XML_Char *s, int len)
{
	struct sst_ctx *c = ud;

	if (c->in_t && !c->in_rph)
		strbuf_add(&c->cur, s, (size_t)len);
}

/* The sheet: rows of cells; shared strings resolved, numbers kept as written. */
struct sheet_ctx {
	struct cells *out;
	const struct sst_ctx *sst;
	size_t row, col;
	bool have_row;
	char type[16];
	struct strbuf val;
	int in_v;
};

/* "AB12" -> column 27 (0-based), or -1. */
static long col_of(const char *ref)
{
	long col = 0;

	if (!ref || !(*ref >= 'A' && *ref <= 'Z'))
		return -1;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		col = col * 26 + (*ref - 'A' + 1);
	return col - 1;
}

static void sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct sheet_ctx *c = ud;

	if (!strcmp(el, "row")) {
		const char *r = attr(atts, "r");

		c->row = cells_add_row(c->out, r ? (size_t)strtoul(r, NULL, 10) : c->out->n + 1);
		c->have_row = true;
		c->col = 0;
	} else if (!strcmp(el, "c") && c->have_row) {
		const char *t = attr(atts, "t");
		long col = col_of(attr(atts, "r"));

		c->col = col >= 0 ? (size_t)col : c->col;
		snprintf(c->type, sizeof(c->type), "%s", t ? t : "n");
		strbuf_reset(&c->val);
	} else if (!strcmp(el, "v") || !strcmp(el, "t")) {
		c->in_v++;
	}
}

static void sheet_end(void *ud, const XML_Char *el)
{
	struct sheet_ctx *c = ud;

	if (!strcmp(el, "v") || !strcmp(el, "t")) {
		c->in_v--;
	} else if (!strcmp(el, "c") && c->have_row) {
		if (!strcmp(c->type, "s")) {
			unsigned long i = strtoul(c->val.buf, NULL, 10);

			if (c->val.len && i < c->sst->n)
				cells_set(c->out, c->row, c->col, c->sst->strings[i], strlen(c->sst->strings[i]));
		} else if (c->val.len) {
			cells_set(c->out, c->row, c->col, c->val.buf, c->val.len);
		}
		c->col++;
	}
}

static void sheet_text(void *ud, const XML_Char *s, int len)
{
	struct sheet_ctx *c = ud;

	if (c->in_v)
		strbuf_add(&c->val, s, (size_t)len);
}

static int parse_xlsx(const char *path, struct cells *out, struct mlps_error *err)
{
	static const char *const names[] = { "整改计划", "Plan", "Remediation plan", NULL };
	struct wb_ctx wb = { names, NULL };
	struct rel_ctx rel = { NULL, NULL };
	struct sst_ctx sst;
	struct sheet_ctx sh;
	struct strbuf member = STRBUF_INIT;
	char *doc = NULL;
	size_t len = 0, i;
	int zerr = 0, rc = -1;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);

	memset(&sst, 0, sizeof(sst));
	strbuf_init(&sst.cur);
	memset(&sh, 0, sizeof(sh));
	strbuf_init(&sh.val);
	if (!z) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: not an XLSX workbook (%s)", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto out;
	}
	doc = zip_member(z, "xl/workbook.xml", &len);
	if (!doc || xml_parse(doc, len, wb_start, no_end, NULL, &wb) || !wb.rid) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: no sheet named 整改计划 or Plan", path);
		goto out;
	}
	free(doc);
	rel.rid = wb.rid;
	doc = zip_member(z, "xl/_rels/workbook.xml.rels", &len);
	if (!doc || xml_parse(doc, len, rel_start, no_end, NULL, &rel) || !rel.target) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: the workbook does not say where its plan sheet is", path);
		goto out;
	}
	free(doc);
	doc = zip_member(z, "xl/sharedStrings.xml", &len);
	if (doc && xml_parse(doc, len, sst_start, sst_end, sst_text, &sst)) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: xl/sharedStrings.xml is not well-formed XML", path);
		goto out;
	}
	free(doc);
	if (rel.target[0] == '/')
		strbuf_adds(&member, rel.target + 1);
	else
		strbuf_addf(&member, "xl/%s", rel.target);
	doc = zip_member(z, member.buf, &len);
	sh.out = out;
	sh.sst = &sst;
	if (!doc || xml_parse(doc, len, sheet_start, sheet_end, sheet_text, &sh)) {
		mlps_error_set(err, MLPS_ERR_INPUT, "%s: %s is missing or not well-formed XML", path, member.buf);
		goto out;
	}
	rc = 0;
out:
	free(doc);
	if (z)
		zip_discard(z);
	for (i = 0; i < sst.n; i++)
		free(sst.strings[i]);
	free(sst.strings);
	strbuf_release(&sst.cur);
	strbuf_release(&sh.val);
	strbuf_release(&member);
	free(wb.rid);
	free(rel.target);
	return rc;
}

/* Checking rows */

enum plan_col { PC_ID, PC_OBJECT, PC_OWNER, PC_DUE, PC_PLAN, PC_NOTE, PC_COUNT };

static const enum report_label plan_cols[PC_COUNT] = {
	RL_COL_ID, RL_COL_OBJECT, RL_COL_OWNER, RL_COL_DUE, RL_COL_PLAN, RL_COL_NOTE,
};

/* A label in a language, for matching headers and statuses written in either. */
static const char *label_in(enum report_label id, enum mlps_lang lang)
{
	struct report r;

	memset(&r, 0, sizeof(r));
	r.lang = lang;
	return report_label(&r, id);
}

static void add_bad(struct mlps_plan_sheet *s, size_t row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add_bad(struct mlps_plan_sheet *s, size_t row, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	mlps_grow((void **)&s->bad, &s->alloc_bad, s->n_bad + 1, sizeof(*s->bad));
	s->bad[s->n_bad].row = row;
	s->bad[s->n_bad].why = strbuf_detach(&sb, NULL);
	s->n_bad++;
}

/* A plan status in either language, or its name; -1 when it is none of them. */
static int parse_plan(const char *s, enum mlps_plan *out)
{
	int p, l;

	for (p = 0; p < MLPS_PLAN_COUNT; p++) {
		if (!strcasecmp(s, mlps_plan_name((enum mlps_plan)p)))
			goto found;
		for (l = 0; l < 2; l++)
			if (!strcasecmp(s, label_in((enum report_label)(RL_PLAN_NONE + p),
						    l ? MLPS_LANG_EN : MLPS_LANG_ZH)))
				goto found;
	}
	return -1;
found:
	*out = (enum mlps_plan)p;
	return 0;
}

/* An Excel date serial ("45838") as YYYY-MM-DD; a YYYY-MM-DD text as itself; else NULL. Caller frees. */
static char *parse_due(const char *s)
{
	char *end, buf[16];
	double serial = strtod(s, &end);

	if (mlps_date_valid(s))
		return mlps_strdup(s);
	if (end != s && !*end && serial >= 1 && serial < 2958466) {
		time_t t = (time_t)((long long)serial - 25569) * 86400;
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
		return mlps_strdup(buf);
	}
	return NULL;
}

static bool blank_row(const struct cells *c, size_t row)
{
	size_t k;

	for (k = 0; k < c->n_cols[row]; k++)
		if (c->cells[row][k] && strspn(c->cells[row][k], " \t") != strlen(c->cells[row][k]))
			return false;
	return true;
}

static int check_rows(const char *path, const struct cells *c, const struct mlps_catalog *cat,
		      const struct mlps_assessment *a, struct mlps_plan_sheet *out, struct mlps_error *err)
{
	int col[PC_COUNT];
	size_t i, k, head = 0;
	int j;

	/* The header: the first row that names the ID column. */
	for (head = 0; head < c->n; head++) {
		for (j = 0; j < PC_COUNT; j++) {
			col[j] = -1;
			for (k = 0; k < c->n_cols[head]; k++) {
				const char *h = c->cells[head][k];

				if (h && (!strcmp(h, label_in(plan_cols[j], MLPS_LANG_ZH)) ||
					  !strcmp(h, label_in(plan_cols[j], MLPS_LANG_EN))))
					col[j] = (int)k;
			}
		}
		if (col[PC_ID] >= 0)
			break;
	}
	if (head == c->n)
		return mlps_error_set(err, MLPS_ERR_INPUT, "%s: no header row with the column %s / %s", path,
				      label_in(RL_COL_ID, MLPS_LANG_ZH), label_in(RL_COL_ID, MLPS_LANG_EN));
	for (j = 0; j < PC_COUNT; j++)
		if (col[j] < 0)
			return mlps_error_set(err, MLPS_ERR_INPUT, "%s: the header has no column %s / %s", path,
					      label_in(plan_cols[j], MLPS_LANG_ZH), label_in(plan_cols[j], MLPS_LANG_EN));
	for (i = head + 1; i < c->n; i++) {
		const char *id = cells_get(c, i, col[PC_ID]), *obj = cells_get(c, i, col[PC_OBJECT]);
		const char *due = cells_get(c, i, col[PC_DUE]), *plan = cells_get(c, i, col[PC_PLAN]);
		const struct mlps_requirement *req;
		const struct mlps_object *o = NULL;
		struct mlps_plan_row row;
		size_t n = c->row_no[i];

		if (blank_row(c, i))
			continue;
		memset(&row, 0, sizeof(row));
		row.row = n;
		if (!id) {
			add_bad(out, n, "no item ID");
			continue;
		}
		req = mlps_catalog_find(cat, id);
		if (!req || !mlps_req_applies(req, a->level, a->ext)) {
			add_bad(out, n, "%s is not an item of this assessment", id);
			continue;
		}
		if (!obj && a->n_objects == 1)
			obj = a->objects[0].name;
		for (k = 0; obj && k < a->n_objects; k++)
			if (!strcmp(a->objects[k].name, obj))
				o = &a->objects[k];
		if (!o) {
			add_bad(out, n, "%s: no object '%s' in this assessment", id, obj ? obj : "");
			continue;
		}
		if (!mlps_assessment_req_on(cat, a, req, o)) {
			add_bad(out, n, "%s is not assessed on '%s'", id, o->name);
			continue;
		}
		if (due && !(row.due = parse_due(due))) {
			add_bad(out, n, "%s @ %s: '%s' is not a date (YYYY-MM-DD)", id, o->name, due);
			continue;
		}
		if (plan && parse_plan(plan, &row.plan)) {
			add_bad(out, n, "%s @ %s: '%s' is not a plan status", id, o->name, plan);
			free(row.due);
			continue;
		}
		row.req = req;
		row.object = o->name;
		row.owner = cells_get(c, i, col[PC_OWNER]) ? mlps_strdup(cells_get(c, i, col[PC_OWNER])) : NULL;
		row.note = cells_get(c, i, col[PC_NOTE]) ? mlps_strdup(cells_get(c, i, col[PC_NOTE])) : NULL;
		mlps_grow((void **)&out->rows, &out->alloc_rows, out->n_rows + 1, sizeof(*out->rows));
		out->rows[out->n_rows++] = row;
	}
	return 0;
}

int mlps_plan_read(const char *path, const struct mlps_catalog *cat, const struct mlps_assessment *a,
		   struct mlps_plan_sheet *out, struct mlps_error *err)
{
	struct cells c;
	const char *dot = strrchr(path, '.');
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	if (dot && !strcasecmp(dot, ".xlsx")) {
		rc = parse_xlsx(path, &c, err);
	} else {
		struct strbuf sb = STRBUF_INIT;
		FILE *f = fopen(path, "rb");
		char buf[65536];
		size_t n;

		if (!f)
			return mlps_error_set(err, MLPS_ERR_INPUT, "%s: %s", path, strerror(errno));
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			strbuf_add(&sb, buf, n);
		fclose(f);
		if (!mlps_utf8_valid(sb.buf, sb.len, NULL)) {
			strbuf_release(&sb);
			return mlps_error_set(err, MLPS_ERR_INPUT, "%s: not UTF-8 text", path);
		}
		parse_csv(sb.buf, sb.len, &c);
		strbuf_release(&sb);
		rc = 0;
	}
	if (!rc)
		rc = check_rows(path, &c, cat, a, out, err);
	cells_release(&c);
	if (rc)
		mlps_plan_sheet_release(out);
	return rc;
}

void mlps_plan_sheet_release(struct mlps_plan_sheet *s)
{
	size_t i;

	for (i = 0; i < s->n_rows; i++) {
		free(s->rows[i].owner);
		free(s->rows[i].due);
		free(s->rows[i].note);
	}
	for (i = 0; i < s->n_bad; i++)
		free(s->bad[i].why);
	free(s->rows);
	free(s->bad);
	memset(s, 0, sizeof(*s));
}
