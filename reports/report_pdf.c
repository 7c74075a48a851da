/*
 * report_pdf.c - the report as a PDF drawn by mlps itself with cairo and
 * pango: A4 portrait (landscape pages for the wide tables), fonts embedded
 * and subset by cairo, a running header (system, assessment number) and a
 * footer "page N / M", tables that break across pages with their header row
 * repeated and never split a row, vector charts, a table of contents with
 * page numbers, and the document's title, author and creation date.
 *
 * The document is laid out twice over the same surface: a dry pass that
 * only measures (where every section starts, how many pages there are, the
 * height of every table row) and a drawing pass that uses those figures, so
 * the contents and the footer can name pages that come later.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xxhash.h>

#include "report_impl.h"
#include "summary.h"

/* A4 in points, margins and the bands of the running header and footer. */
#define A4_SHORT 595.276
#define A4_LONG 841.89
#define MARGIN_X 48.0
#define MARGIN_TOP 62.0
#define MARGIN_BOTTOM 58.0
#define PAD 3.0
#define BODY_SIZE 9.0
#define SMALL_SIZE 7.5
/* Layouts kept between the passes: beyond this, cells are shaped again (memory stays bounded). */
#define KEEP_MAX 40000

struct pdf {
	const struct report *r;
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoLayout *lay;
	PangoFontDescription *body, *bold, *small, *h1, *h2, *h3;
	char *family;
	bool dry;                       /* measuring pass: nothing is drawn */
	bool landscape;
	double pw, ph, y;
	int page, n_pages;
	int sec_page[MLPS_RS_COUNT];    /* first page of each section (from the dry pass) */
	/*
	 * Layouts of the multi-line body cells made in the measuring pass, kept
	 * to be drawn as they are (shaping is most of the cost), up to a cap.
	 */
	PangoLayout **kept;
	size_t n_kept, alloc_kept, i_kept;
	/*
	 * The same text at the same width and weight is shaped once: the
	 * records appendix repeats each requirement for every object of its
	 * kind (ten servers: ten times). Open addressing, keyed by XXH3.
	 */
	struct shaped { uint64_t key; char *text; double width; bool bold; PangoLayout *l; } *shaped;
	size_t n_shaped, cap_shaped;
	double line_body, line_bold;    /* the height of one line of body text, regular and bold */
	char *title;                    /* the current section's title, for "continued" lines */
	double *row_h;                  /* heights of table rows, in layout order, from the dry pass */
	size_t n_row_h, alloc_row_h, i_row_h;
};

/* An ad-hoc table: column heads and rows of cells, for the sections outside the model's tables. */
struct grid {
	size_t nc, n_rows, alloc;
	const char *heads[16];
	double widths[16];
	char **cells;
};

static void grid_init(struct grid *g, size_t nc)
{
	memset(g, 0, sizeof(*g));
	g->nc = nc;
}

static void grid_row(struct grid *g, const char *const *cells)
{
	size_t c;

	if (g->n_rows == g->alloc) {
		g->alloc = g->alloc ? g->alloc * 2 : 16;
		g->cells = mlps_realloc(g->cells, g->alloc * g->nc * sizeof(*g->cells));
	}
	for (c = 0; c < g->nc; c++)
		g->cells[g->n_rows * g->nc + c] = mlps_strdup(cells[c] ? cells[c] : "");
	g->n_rows++;
}

static void grid_release(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->n_rows * g->nc; i++)
		free(g->cells[i]);
	free(g->cells);
}

/* Cairo writes the PDF through this into the output buffer. */
static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	strbuf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * A font that has Chinese characters, through fontconfig: its family name
 * (caller frees), or NULL when the system has none.
 */
static char *cjk_family(void)
{
	FcPattern *pat = FcNameParse((const FcChar8 *)"Noto Sans CJK SC:lang=zh-cn"), *match;
	FcResult res;
	FcCharSet *cs;
	FcChar8 *fam;
	char *out = NULL;

	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	if (match && FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch && FcCharSetHasChar(cs, 0x4E2D) &&
	    FcCharSetHasChar(cs, 0x6D4B) && FcPatternGetString(match, FC_FAMILY, 0, &fam) == FcResultMatch)
		out = mlps_strdup((const char *)fam);
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	return out;
}

static PangoFontDescription *font(const char *family, double size, bool bold)
{
	PangoFontDescription *d = pango_font_description_new();

	pango_font_description_set_family(d, family);
	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	return d;
}

static double content_w(const struct pdf *p)
{
	return p->pw - 2 * MARGIN_X;
}

static double bottom(const struct pdf *p)
{
	return p->ph - MARGIN_BOTTOM;
}

/* Lays text out in `width` points with the font; returns its height. The layout stays in p->lay. */
static double layout(struct pdf *p, const char *text, const PangoFontDescription *f, double width)
{
	int w, h;

	pango_layout_set_font_description(p->lay, f);
	pango_layout_set_width(p->lay, (int)(width * PANGO_SCALE));
	pango_layout_set_text(p->lay, text, -1);
	pango_layout_get_size(p->lay, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void rgb(struct pdf *p, unsigned colour)
{
	cairo_set_source_rgb(p->cr, (colour >> 16 & 0xff) / 255.0, (colour >> 8 & 0xff) / 255.0,
			     (colour & 0xff) / 255.0);
}

/* Draws what is in p->lay at (x, y) in a colour. */
static void show(struct pdf *p, double x, double y, unsigned colour)
{
	if (p->dry)
		return;
	rgb(p, colour);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->lay);
}

static void text_at(struct pdf *p, const char *s, const PangoFontDescription *f, double x, double y, double w,
		    PangoAlignment align, unsigned colour)
{
	if (p->dry)
		return;
	layout(p, s, f, w);
	pango_layout_set_alignment(p->lay, align);
	show(p, x, y, colour);
	pango_layout_set_alignment(p->lay, PANGO_ALIGN_LEFT);
}

/* The running header and footer of the current page. */
static void page_furniture(struct pdf *p)
{
	struct strbuf sb = STRBUF_INIT;
	const struct report *r = p->r;

	if (p->dry)
		return;
	strbuf_adds(&sb, r->a->sys.name);
	strbuf_addf(&sb, "  ·  %s", report_label(r, RL_TITLE));
	text_at(p, sb.buf, p->small, MARGIN_X, 26, content_w(p) * 0.75, PANGO_ALIGN_LEFT, 0x52606D);
	strbuf_reset(&sb);
	report_labelf(&sb, r, RL_ASSESSMENT_VALUE, r->a->id,
		      report_label(r, r->a->status == MLPS_FINAL ? RL_FINAL : RL_DRAFT));
	text_at(p, sb.buf, p->small, MARGIN_X, 26, content_w(p), PANGO_ALIGN_RIGHT, 0x52606D);
	rgb(p, 0x1F4E79);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN_X, 40);
	cairo_line_to(p->cr, p->pw - MARGIN_X, 40);
	cairo_stroke(p->cr);
	strbuf_reset(&sb);
	report_labelf(&sb, r, RL_PAGE_OF, p->page, p->n_pages);
	text_at(p, sb.buf, p->small, MARGIN_X, p->ph - 34, content_w(p), PANGO_ALIGN_CENTER, 0x52606D);
	strbuf_release(&sb);
}

/* Ends the page in progress and starts the next one, portrait or landscape. */
static void new_page(struct pdf *p, bool landscape)
{
	if (p->page > 0 && !p->dry)
		cairo_show_page(p->cr);
	p->page++;
	p->landscape = landscape;
	p->pw = landscape ? A4_LONG : A4_SHORT;
	p->ph = landscape ? A4_SHORT : A4_LONG;
	if (!p->dry)
		cairo_pdf_surface_set_size(p->surf, p->pw, p->ph);
	p->y = MARGIN_TOP;
	page_furniture(p);
}

/* Room for h more points on this page, else a new page of the same orientation; true when it broke. */
static bool ensure(struct pdf *p, double h)
{
	if (p->y + h <= bottom(p) || p->y <= MARGIN_TOP)
		return false;
	new_page(p, p->landscape);
	return true;
}

static void para(struct pdf *p, const char *s, const PangoFontDescription *f, double indent, unsigned colour)
{
	double h = layout(p, s, f, content_w(p) - indent);

	if (ensure(p, h))
		layout(p, s, f, content_w(p) - indent);
	show(p, MARGIN_X + indent, p->y, colour);
	p->y += h + 4;
}

static void heading(struct pdf *p, const char *s, const PangoFontDescription *f, double space)
{
	double h = layout(p, s, f, content_w(p));

	p->y += space;
	/* A heading never ends a page: keep room for a few lines after it. */
	if (ensure(p, h + 40))
		layout(p, s, f, content_w(p));
	show(p, MARGIN_X, p->y, 0x1F4E79);
	p->y += h + 4;
}

/* A section starts on a new page, and its first page is remembered for the contents and the outline. */
static void section(struct pdf *p, enum mlps_report_section s, bool landscape)
{
	struct strbuf sb = STRBUF_INIT;
	int n = report_section_number(p->r, s);

	new_page(p, landscape);
	if (p->dry)
		p->sec_page[s] = p->page;
	if (n)
		strbuf_addf(&sb, "%d. ", n);
	report_section_title(&sb, p->r, s);
	if (!p->dry) {
		char link[32];

		snprintf(link, sizeof(link), "page=%d", p->page);
		cairo_pdf_surface_add_outline(p->surf, CAIRO_PDF_OUTLINE_ROOT, sb.buf, link, 0);
	}
	heading(p, sb.buf, p->h2, 0);
	free(p->title);
	p->title = strbuf_detach(&sb, NULL);
}

/* Style of one cell: text colour, background (0xFFFFFF none), bold. */
struct cell_style {
	unsigned fg, bg;
	bool bold;
};

typedef const char *(*cell_fn)(const void *src, size_t row, size_t col);
typedef void (*style_fn)(const void *src, size_t row, size_t col, struct cell_style *st);

/*
 * Whether s surely fits on one line of `width` points: every character is
 * at most one em wide, so a text of n characters needs at most n ems. Lets
 * the measuring pass skip shaping the many short cells (IDs, statuses).
 */
static bool one_line(const char *s, double width)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == '\n')
			return false;
		n += ((unsigned char)*s & 0xC0) != 0x80;
	}
	return (double)n * BODY_SIZE <= width;
}

/* The slot of (text, width, bold) in p->shaped: its own, or the empty one where it would go. */
static struct shaped *shaped_slot(struct pdf *p, uint64_t key, const char *text, double width, bool bold)
{
	size_t i = (size_t)key & (p->cap_shaped - 1);

	for (;; i = (i + 1) & (p->cap_shaped - 1)) {
		struct shaped *e = &p->shaped[i];

		if (!e->l || (e->key == key && e->width == width && e->bold == bold && !strcmp(e->text, text)))
			return e;
	}
}

static void shaped_grow(struct pdf *p)
{
	struct shaped *old = p->shaped;
	size_t i, n = p->cap_shaped;

	p->cap_shaped = n ? 2 * n : 1024;
	p->shaped = mlps_calloc(p->cap_shaped, sizeof(*p->shaped));
	for (i = 0; i < n; i++)
		if (old[i].l)
			*shaped_slot(p, old[i].key, old[i].text, old[i].width, old[i].bold) = old[i];
	free(old);
}

/*
 * The layout of (text, width, weight), shaped the first time it is asked
 * for and borrowed from the cache after that: drawing one layout many times
 * is cheap, shaping it again was most of the cost.
 */
static PangoLayout *shaped_layout(struct pdf *p, const char *text, const PangoFontDescription *f, double width)
{
	bool bold = f != p->body;
	uint64_t key = XXH3_64bits(text, strlen(text));
	struct shaped *e;

	if (2 * (p->n_shaped + 1) > p->cap_shaped)
		shaped_grow(p);
	e = shaped_slot(p, key, text, width, bold);
	if (!e->l) {
		PangoLayout *l = pango_layout_new(pango_layout_get_context(p->lay));

		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_font_description(l, f);
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_text(l, text, -1);
		/* A copy: some cells are built for the moment and freed after drawing. */
		*e = (struct shaped){ key, mlps_strdup(text), width, bold, l };
		p->n_shaped++;
	}
	return e->l;
}

/* A body cell's own layout, made in the measuring pass and kept for drawing; NULL past the cap. */
static PangoLayout *keep_layout(struct pdf *p, const char *text, const PangoFontDescription *f, double width)
{
	PangoLayout *l;

	if (p->n_kept >= KEEP_MAX)
		return NULL;
	l = g_object_ref(shaped_layout(p, text, f, width));
	mlps_grow((void **)&p->kept, &p->alloc_kept, p->n_kept + 1, sizeof(*p->kept));
	p->kept[p->n_kept++] = l;
	return l;
}

static double row_height(struct pdf *p, const void *src, size_t row, size_t nc, const double *cw, cell_fn get,
			 style_fn style, bool body)
{
	double h = 0;
	size_t c;

	for (c = 0; c < nc; c++) {
		struct cell_style st = { 0x1F2933, 0xFFFFFF, false };
		double ch;

		const char *v = get(src, row, c);

		/* Empty cells (most notes and evidence) cost no layout. */
		if (!*v)
			continue;
		if (style)
			style(src, row, c, &st);
		if (one_line(v, cw[c] - 2 * PAD)) {
			ch = st.bold ? p->line_bold : p->line_body;
		} else {
			PangoLayout *l = body ? keep_layout(p, v, st.bold ? p->bold : p->body, cw[c] - 2 * PAD) : NULL;
			int w, hh;

			if (l) {
				pango_layout_get_size(l, &w, &hh);
				ch = (double)hh / PANGO_SCALE;
			} else {
				ch = layout(p, v, st.bold ? p->bold : p->body, cw[c] - 2 * PAD);
			}
		}
		if (ch > h)
			h = ch;
	}
	return h + 2 * PAD;
}

static void draw_row(struct pdf *p, const void *src, size_t row, size_t nc, const double *cw, double h,
		     cell_fn get, style_fn style, bool head)
{
	double x = MARGIN_X;
	size_t c;

	for (c = 0; c < nc; c++) {
		struct cell_style st = { 0x1F2933, head ? 0xDCE6F0 : 0xFFFFFF, head };

		if (style && !head)
			style(src, row, c, &st);
		if (st.bg != 0xFFFFFF) {
			rgb(p, st.bg);
			cairo_rectangle(p->cr, x, p->y, cw[c], h);
			cairo_fill(p->cr);
		}
		rgb(p, 0xBCCCDC);
		cairo_set_line_width(p->cr, 0.4);
		cairo_rectangle(p->cr, x, p->y, cw[c], h);
		cairo_stroke(p->cr);
		if (*get(src, row, c)) {
			const char *v = get(src, row, c);

			/* The measuring pass kept this cell's layout when it was not one line: draw that one. */
			if (!head && !one_line(v, cw[c] - 2 * PAD) && p->i_kept < p->n_kept) {
				rgb(p, st.fg);
				cairo_move_to(p->cr, x + PAD, p->y + PAD);
				pango_cairo_show_layout(p->cr, p->kept[p->i_kept++]);
			} else if (!p->dry) {
				/* One-line cells repeat (statuses, IDs, names): drawn from the shaped cache. */
				rgb(p, st.fg);
				cairo_move_to(p->cr, x + PAD, p->y + PAD);
				pango_cairo_show_layout(p->cr, shaped_layout(p, v, st.bold ? p->bold : p->body, cw[c] - 2 * PAD));
			}
		}
		x += cw[c];
	}
}

/* The head row's cells come from `heads`. */
static const char *head_cell(const void *src, size_t row, size_t col)
{
	(void)row;
	return ((const char *const *)src)[col];
}

/*
 * A table: the header row, then the rows; a row that does not fit goes to
 * the next page whole, under the header row again. Row heights are measured
 * in the dry pass and reused when drawing.
 */
static void table(struct pdf *p, const char *title, const char *const *heads, const double *rel, size_t nc,
		  size_t n_rows, const void *src, cell_fn get, style_fn style)
{
	double cw[16], sum = 0, hh;
	size_t c, i;

	for (c = 0; c < nc; c++)
		sum += rel[c];
	for (c = 0; c < nc; c++)
		cw[c] = content_w(p) * rel[c] / sum;
	hh = row_height(p, heads, 0, nc, cw, head_cell, NULL, false);
	ensure(p, hh + 20);
	if (!p->dry)
		draw_row(p, heads, 0, nc, cw, hh, head_cell, NULL, true);
	p->y += hh;
	for (i = 0; i < n_rows; i++) {
		double h;

		if (p->dry) {
			h = row_height(p, src, i, nc, cw, get, style, true);
			mlps_grow((void **)&p->row_h, &p->alloc_row_h, p->n_row_h + 1, sizeof(*p->row_h));
			p->row_h[p->n_row_h++] = h;
		} else {
			h = p->row_h[p->i_row_h++];
		}
		if (ensure(p, h)) {
			/* On the next page: what this table is ("... (continued)"), then its header row again. */
			if (title) {
				struct strbuf sb = STRBUF_INIT;

				strbuf_addf(&sb, p->r->lang == MLPS_LANG_EN ? "%s (continued)" : "%s（续）", title);
				text_at(p, sb.buf, p->small, MARGIN_X, p->y, content_w(p), PANGO_ALIGN_LEFT, 0x52606D);
				p->y += SMALL_SIZE * 1.6;
				strbuf_release(&sb);
			}
			if (!p->dry)
				draw_row(p, heads, 0, nc, cw, hh, head_cell, NULL, true);
			p->y += hh;
		}
		if (!p->dry)
			draw_row(p, src, i, nc, cw, h, get, style, false);
		p->y += h;
	}
	p->y += 8;
}

/* Tables of the model */

struct model_src {
	const struct report *r;
	const struct report_table *t;
};

static const char *model_cell(const void *src, size_t row, size_t col)
{
	const struct model_src *m = src;

	return report_cell(m->t, row, col);
}

static const unsigned risk_fg[MLPS_RISK_COUNT] = { 0x1F2933, 0x3F6212, 0xB54708, 0xB42318 };
static const unsigned cp_bg[MLPS_CP_COUNT] = { 0xE4E7EB, 0xC6F6D5, 0xFEEBC8, 0xFED7D7 };
static const unsigned cp_fill[MLPS_CP_COUNT] = { 0xCBD2D9, 0x2F855A, 0xD69E2E, 0xC53030 };
static const unsigned st_fg[MLPS_ST_COUNT] = { 0x52606D, 0x2F855A, 0xB7791F, 0xC53030, 0x52606D, 0x2B6CB0 };

static void model_style(const void *src, size_t row, size_t col, struct cell_style *st)
{
	const struct model_src *m = src;
	const struct report *r = m->r;
	int tag = m->t->tags[row];
	enum report_label l = m->t->cols[col];

	if (m->t == &r->problem_table && l == RL_COL_RISK && (unsigned)tag < MLPS_RISK_COUNT) {
		st->fg = risk_fg[tag];
		st->bold = tag == MLPS_RISK_HIGH;
	} else if (m->t == &r->controls && (l == RL_COL_CP_STATUS || l == RL_COL_SCORE10) &&
		   (unsigned)tag < MLPS_CP_COUNT) {
		st->bg = cp_bg[tag];
	} else if (m->t == &r->plan && tag == REPORT_TAG_OVERDUE) {
		st->bg = 0xFFF1F0;
		st->fg = l == RL_COL_DUE || l == RL_COL_OVERDUE ? 0xB42318 : st->fg;
	} else if (m->t == &r->conclusion && tag) {
		st->bold = true;
		st->bg = 0xF0F4F8;
	} else if (l == RL_COL_STATUS && (unsigned)tag < MLPS_ST_COUNT && m->t != &r->plan) {
		st->fg = st_fg[tag];
	}
}

static void model_table(struct pdf *p, const struct report_table *t, enum report_label none)
{
	const char *heads[REPORT_MAX_COLS];
	double rel[REPORT_MAX_COLS];
	struct model_src m = { p->r, t };
	size_t c;

	if (t->title)
		heading(p, t->title, p->h3, 6);
	if (t->n_rows == 0) {
		para(p, report_label(p->r, none), p->body, 0, 0x1F2933);
		return;
	}
	for (c = 0; c < t->n_cols; c++) {
		heads[c] = report_label(p->r, t->cols[c]);
		rel[c] = t->widths[c];
	}
	table(p, t->title ? t->title : p->title, heads, rel, t->n_cols, t->n_rows, &m, model_cell, model_style);
}

static const char *grid_cell(const void *src, size_t row, size_t col)
{
	const struct grid *g = src;

	return g->cells[row * g->nc + col];
}

static void grid_table(struct pdf *p, const struct grid *g)
{
	table(p, p->title, g->heads, g->widths, g->nc, g->n_rows, g, grid_cell, NULL);
}

/* Sections */

static void cover(struct pdf *p)
{
	const struct report *r = p->r;
	struct grid g;
	size_t i;

	new_page(p, false);
	if (p->dry)
		p->sec_page[MLPS_RS_COVER] = p->page;
	p->y = 150;
	para(p, report_label(r, RL_TITLE), p->h1, 0, 0x1F4E79);
	p->y += 6;
	para(p, r->a->sys.name, p->h2, 0, 0x1F2933);
	p->y += 24;
	grid_init(&g, 2);
	g.heads[0] = report_label(r, RL_COVER_FIELD);
	g.heads[1] = report_label(r, RL_COVER_VALUE);
	g.widths[0] = 1;
	g.widths[1] = 3;
	for (i = 0; i < r->n_fields; i++) {
		const char *row[2] = { report_label(r, r->fields[i].label), r->fields[i].value };

		grid_row(&g, row);
	}
	grid_table(p, &g);
	grid_release(&g);
	p->y += 10;
	if (!p->dry) {
		double h = layout(p, report_label(r, RL_DISCLAIMER), p->body, content_w(p) - 20);

		rgb(p, 0xFFF8EB);
		cairo_rectangle(p->cr, MARGIN_X, p->y, content_w(p), h + 12);
		cairo_fill(p->cr);
		rgb(p, 0xB54708);
		cairo_rectangle(p->cr, MARGIN_X, p->y, 3, h + 12);
		cairo_fill(p->cr);
		layout(p, report_label(r, RL_DISCLAIMER), p->body, content_w(p) - 20);
		show(p, MARGIN_X + 12, p->y + 6, 0x1F2933);
	}
	p->y += layout(p, report_label(r, RL_DISCLAIMER), p->body, content_w(p) - 20) + 20;
	if (mlps_score_unconfirmed(r->s)) {
		struct strbuf sb = STRBUF_INIT;

		report_labelf(&sb, r, RL_UNCONFIRMED_COUNT, mlps_score_unconfirmed(r->s));
		para(p, sb.buf, p->body, 0, 0x1F4E79);
		strbuf_release(&sb);
	}
}

/* The contents: every section with the page it starts on (known from the dry pass). */
static void contents(struct pdf *p)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	new_page(p, false);
	heading(p, report_label(p->r, RL_SEC_TOC), p->h2, 0);
	p->y += 6;
	for (i = MLPS_RS_CONCLUSION; i < MLPS_RS_COUNT; i++) {
		char num[32], link[64];
		double h;

		if (!report_has(p->r, (enum mlps_report_section)i))
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%d. ", report_section_number(p->r, (enum mlps_report_section)i));
		report_section_title(&sb, p->r, (enum mlps_report_section)i);
		snprintf(num, sizeof(num), "%d", p->sec_page[i]);
		h = layout(p, sb.buf, p->body, content_w(p) - 40);
		if (!p->dry) {
			PangoRectangle ink, logical;

			pango_layout_get_extents(p->lay, &ink, &logical);
			snprintf(link, sizeof(link), "page=%d", p->sec_page[i]);
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
			show(p, MARGIN_X, p->y, 0x1F2933);
			text_at(p, num, p->body, MARGIN_X, p->y, content_w(p), PANGO_ALIGN_RIGHT, 0x1F2933);
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
			/* Dotted leader between the title and its page. */
			rgb(p, 0x9AA5B1);
			cairo_set_line_width(p->cr, 0.5);
			cairo_set_dash(p->cr, (double[]){ 1, 2 }, 2, 0);
			cairo_move_to(p->cr, MARGIN_X + (double)logical.width / PANGO_SCALE + 6, p->y + h - 3);
			cairo_line_to(p->cr, p->pw - MARGIN_X - 24, p->y + h - 3);
			cairo_stroke(p->cr);
			cairo_set_dash(p->cr, NULL, 0, 0);
		}
		p->y += h + 6;
	}
	strbuf_release(&sb);
}

static void levels(struct pdf *p)
{
	const struct report *r = p->r;
	struct grid g;
	struct strbuf cells[13];
	const char *row[16];
	int level;
	size_t i, k;
	static const enum report_label cols[] = {
		RL_COL_LEVEL, RL_COL_TOTAL, RL_COL_APPLICABLE, RL_COL_ANSWERED, RL_COL_COMPLIANT, RL_COL_PARTIAL,
		RL_COL_NONCOMPLIANT, RL_COL_NA, RL_COL_OPEN, RL_COL_RATE, RL_COL_SCORE, RL_COL_COVERAGE, RL_COL_WORST,
	};

	heading(p, report_label(r, RL_SEC_LEVELS), p->h3, 8);
	grid_init(&g, 13);
	for (i = 0; i < 13; i++) {
		g.heads[i] = report_label(r, cols[i]);
		g.widths[i] = i == 8 ? 1.4 : 1;
		strbuf_init(&cells[i]);
	}
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *t = mlps_score_level(r->s, level);
		int v[9] = { 0 };

		if (t->total == 0)
			continue;
		v[0] = t->total;
		v[1] = t->applicable;
		v[2] = t->answered;
		v[3] = t->n[MLPS_ST_COMPLIANT];
		v[4] = t->n[MLPS_ST_PARTIAL];
		v[5] = t->n[MLPS_ST_NONCOMPLIANT];
		v[6] = t->n[MLPS_ST_NA];
		v[7] = t->n[MLPS_ST_UNANSWERED] + t->n[MLPS_ST_TODO];
		for (i = 0; i < 13; i++)
			strbuf_reset(&cells[i]);
		strbuf_addf(&cells[0], level == r->level ? "L%d *" : "L%d", level);
		for (i = 0; i < 8; i++)
			strbuf_addf(&cells[i + 1], "%d", v[i]);
		if (level <= r->level) {
			mlps_summary_figure(&cells[9], t->rate);
			mlps_summary_figure(&cells[10], t->score);
		}
		mlps_summary_figure(&cells[11], t->coverage);
		strbuf_adds(&cells[12], report_risk(r, t->worst));
		for (i = 0; i < 13; i++)
			row[i] = cells[i].buf;
		grid_row(&g, row);
	}
	grid_table(p, &g);
	grid_release(&g);
	/* The verdicts of every rule at every level up to the target. */
	grid_init(&g, r->rules->n_verdicts + 1);
	g.heads[0] = report_label(r, RL_COL_LEVEL);
	g.widths[0] = 1;
	for (k = 0; k < r->rules->n_verdicts && k < 15; k++) {
		g.heads[k + 1] = report_text(r, &r->rules->verdicts[k].name);
		g.widths[k + 1] = 3;
	}
	for (level = MLPS_LEVEL_MIN; level <= r->level; level++) {
		if (mlps_score_level(r->s, level)->total == 0)
			continue;
		strbuf_reset(&cells[0]);
		strbuf_addf(&cells[0], level == r->level ? "L%d *" : "L%d", level);
		row[0] = cells[0].buf;
		for (k = 0; k < r->rules->n_verdicts && k < 15; k++)
			row[k + 1] = report_text(r, &mlps_score_verdict(r->s, level, k)->band->label);
		grid_row(&g, row);
	}
	grid_table(p, &g);
	grid_release(&g);
	para(p, report_label(r, RL_TARGET_NOTE), p->small, 0, 0x52606D);
	for (i = 0; i < 13; i++)
		strbuf_release(&cells[i]);
}

static void objects(struct pdf *p)
{
	const struct report *r = p->r;
	struct grid g;
	size_t i;

	section(p, MLPS_RS_OBJECTS, false);
	grid_init(&g, 4);
	g.heads[0] = report_label(r, RL_COL_OBJECT);
	g.heads[1] = report_label(r, RL_COL_KIND);
	g.heads[2] = report_label(r, RL_COL_IMPORTANCE);
	g.heads[3] = report_label(r, RL_COL_DESC);
	g.widths[0] = 3;
	g.widths[1] = 2;
	g.widths[2] = 1.2;
	g.widths[3] = 5;
	for (i = 0; i < r->a->n_objects; i++) {
		const struct mlps_object *o = &r->a->objects[i];
		const char *row[4] = { o->name, report_kind_label(r, o->kind), report_importance(r, o->importance),
				       o->desc };

		grid_row(&g, row);
	}
	grid_table(p, &g);
	grid_release(&g);
}

/* The heat map of the control points: a square per point, coloured by status, its score inside. */
static void heat_map(struct pdf *p)
{
	const struct report *r = p->r;
	const struct report_table *t = &r->controls;
	const double label_w = 130, cw = 34, ch = 20, gap = 3;
	size_t per_row = (size_t)((content_w(p) - label_w) / (cw + gap)), i = 0, col;

	while (i < t->n_rows) {
		const struct mlps_category *cat = r->control_cps[i]->category;
		size_t n = 0, lines;

		while (i + n < t->n_rows && r->control_cps[i + n]->category == cat)
			n++;
		lines = (n + per_row - 1) / per_row;
		ensure(p, (double)lines * (ch + gap));
		if (!p->dry) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "%s %s", cat->code, report_text(r, &cat->name));
			text_at(p, sb.buf, p->small, MARGIN_X, p->y + 4, label_w - 6, PANGO_ALIGN_LEFT, 0x1F2933);
			strbuf_release(&sb);
		}
		for (col = 0; col < n; col++) {
			size_t k = i + col;
			double x = MARGIN_X + label_w + (double)(col % per_row) * (cw + gap);
			double y = p->y + (double)(col / per_row) * (ch + gap);
			int tag = t->tags[k];

			if (p->dry)
				continue;
			rgb(p, cp_fill[(unsigned)tag < MLPS_CP_COUNT ? tag : 0]);
			cairo_rectangle(p->cr, x, y, cw, ch);
			cairo_fill(p->cr);
			text_at(p, report_cell(t, k, 2), p->small, x, y + 5, cw, PANGO_ALIGN_CENTER, 0xFFFFFF);
		}
		p->y += (double)lines * (ch + gap);
		i += n;
	}
	p->y += 4;
	para(p, report_label(r, RL_HEAT_NOTE), p->small, 0, 0x52606D);
}

/* One bar per category: the score on a 0-100 track. */
static void category_chart(struct pdf *p)
{
	const struct report *r = p->r;
	const double label_w = 150, bar_w = content_w(p) - label_w - 40, bh = 12;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	report_labelf(&sb, r, RL_SEC_CATEGORIES, r->level);
	heading(p, sb.buf, p->h3, 8);
	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		const struct mlps_tally *t = mlps_score_category(r->s, r->level, i);
		double score = t->score < 0 ? 0 : t->score > 100 ? 100 : t->score;

		if (t->total == 0)
			continue;
		ensure(p, bh + 6);
		if (!p->dry) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s %s", c->code, report_text(r, &c->name));
			text_at(p, sb.buf, p->small, MARGIN_X, p->y, label_w - 6, PANGO_ALIGN_LEFT, 0x1F2933);
			rgb(p, 0xEDF2F7);
			cairo_rectangle(p->cr, MARGIN_X + label_w, p->y, bar_w, bh);
			cairo_fill(p->cr);
			rgb(p, score >= 90 ? 0x2F855A : score >= 70 ? 0xD69E2E : 0xC53030);
			cairo_rectangle(p->cr, MARGIN_X + label_w, p->y, bar_w * score / 100, bh);
			cairo_fill(p->cr);
			strbuf_reset(&sb);
			mlps_summary_figure(&sb, t->score);
			text_at(p, sb.buf, p->small, MARGIN_X + label_w + bar_w + 4, p->y, 36, PANGO_ALIGN_LEFT, 0x1F2933);
		}
		p->y += bh + 6;
	}
	para(p, report_label(r, RL_CHART_NOTE), p->small, 0, 0x52606D);
	strbuf_release(&sb);
}

static void req_grid(struct pdf *p, enum report_label title, const struct mlps_requirement *const *reqs, size_t n,
		     enum report_label extra)
{
	const struct report *r = p->r;
	struct strbuf sb = STRBUF_INIT;
	struct grid g;
	size_t i;

	report_labelf(&sb, r, title, n);
	heading(p, sb.buf, p->h3, 6);
	strbuf_release(&sb);
	if (n == 0) {
		para(p, report_label(r, RL_NONE), p->body, 0, 0x1F2933);
		return;
	}
	grid_init(&g, extra == RL_COUNT ? 2 : 3);
	g.heads[0] = report_label(r, RL_COL_ID);
	g.heads[1] = report_label(r, RL_COL_REQUIREMENT);
	g.widths[0] = 1.2;
	g.widths[1] = 4;
	if (extra != RL_COUNT) {
		g.heads[2] = report_label(r, extra);
		g.widths[2] = 3;
	}
	for (i = 0; i < n; i++) {
		const struct mlps_answer *ans = report_answer(r, reqs[i]);
		const char *row[3] = { report_req_id(r, reqs[i]), report_req_text(r, reqs[i]), NULL };

		if (extra == RL_COL_NA_REASON)
			row[2] = ans && ans->na_reason ? ans->na_reason : report_label(r, RL_NOT_GIVEN);
		else if (extra == RL_COL_STATUS)
			row[2] = report_status(r, report_req_status(r, reqs[i]));
		grid_row(&g, row);
	}
	grid_table(p, &g);
	grid_release(&g);
}

static void delta(struct pdf *p)
{
	const struct report *r = p->r;
	const struct mlps_score *so = mlps_diff_old_score(r->delta), *sn = mlps_diff_new_score(r->delta);
	const struct mlps_assessment *n = mlps_diff_new(r->delta), *o = mlps_diff_old(r->delta);
	struct strbuf sb = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct grid g;
	int level, c;
	size_t i;

	section(p, MLPS_RS_DELTA, false);
	report_delta_from(&sb, r);
	para(p, sb.buf, p->body, 0, 0x1F2933);
	grid_init(&g, 3);
	g.heads[0] = report_label(r, RL_COL_LEVEL);
	g.heads[1] = report_label(r, RL_COL_RATE);
	g.heads[2] = report_label(r, RL_COL_SCORE);
	g.widths[0] = 1;
	g.widths[1] = 3;
	g.widths[2] = 3;
	for (level = MLPS_LEVEL_MIN; level <= report_delta_top(r); level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);
		const char *row[3];

		if (to->total == 0 && tn->total == 0)
			continue;
		strbuf_reset(&sb);
		strbuf_reset(&a);
		strbuf_reset(&b);
		strbuf_addf(&sb, "L%d", level);
		strbuf_addf(&a, "%.1f → %.1f (%+.1f)", to->rate, tn->rate, tn->rate - to->rate);
		strbuf_addf(&b, "%.1f → %.1f (%+.1f)", to->score, tn->score, tn->score - to->score);
		row[0] = sb.buf;
		row[1] = a.buf;
		row[2] = b.buf;
		grid_row(&g, row);
	}
	grid_table(p, &g);
	grid_release(&g);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s%s", report_label(r, RL_DELTA_COUNTS), report_colon(r));
	report_delta_counts(&sb, r);
	para(p, sb.buf, p->body, 0, 0x1F2933);
	for (c = 0; c < 2; c++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s", report_label(r, c == 0 ? RL_OBJECTS_ADDED : RL_OBJECTS_REMOVED),
			    report_colon(r));
		if (report_delta_objects(&sb, r, c == 0))
			para(p, sb.buf, p->body, 0, 0x1F2933);
	}
	for (c = 0; c < MLPS_CHG_COUNT; c++) {
		if (!report_delta_listed((enum mlps_change)c) || !mlps_diff_count(r->delta, (enum mlps_change)c))
			continue;
		strbuf_reset(&sb);
		report_change_title(&sb, r, (enum mlps_change)c);
		heading(p, sb.buf, p->h3, 6);
		grid_init(&g, 4);
		g.heads[0] = report_label(r, RL_COL_ID);
		g.heads[1] = report_label(r, RL_COL_BEFORE);
		g.heads[2] = report_label(r, RL_COL_AFTER);
		g.heads[3] = report_label(r, RL_COL_REQUIREMENT);
		g.widths[0] = 1.4;
		g.widths[1] = 1;
		g.widths[2] = 1;
		g.widths[3] = 5;
		for (i = 0; i < mlps_diff_n_items(r->delta); i++) {
			const struct mlps_diff_item *it = mlps_diff_item(r->delta, i);
			int lv = it->req->ids[n->level] ? n->level : o->level;
			const char *row[4];

			if (it->change != (enum mlps_change)c)
				continue;
			strbuf_reset(&a);
			report_on_object(&a, r, it->object);
			strbuf_adds(&a, report_text(r, mlps_req_text(it->req, lv)));
			row[0] = it->req->ids[lv] ? it->req->ids[lv] : it->req->key;
			row[1] = report_status(r, it->old_status);
			row[2] = report_status(r, it->new_status);
			row[3] = a.buf;
			grid_row(&g, row);
		}
		grid_table(p, &g);
		grid_release(&g);
	}
	strbuf_release(&sb);
	strbuf_release(&a);
	strbuf_release(&b);
}

/* The whole document, once dry and once drawn. */
static void document(struct pdf *p)
{
	const struct report *r = p->r;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	p->page = 0;
	p->i_row_h = 0;
	p->i_kept = 0;
	if (report_has(r, MLPS_RS_COVER))
		cover(p);
	contents(p);
	if (report_has(r, MLPS_RS_CONCLUSION)) {
		section(p, MLPS_RS_CONCLUSION, false);
		model_table(p, &r->conclusion, RL_NONE);
		levels(p);
	}
	if (report_has(r, MLPS_RS_OBJECTS))
		objects(p);
	if (report_has(r, MLPS_RS_PROBLEMS)) {
		section(p, MLPS_RS_PROBLEMS, true);
		model_table(p, &r->problem_table, RL_NO_GAPS);
	}
	if (report_has(r, MLPS_RS_CONTROLS)) {
		section(p, MLPS_RS_CONTROLS, false);
		heat_map(p);
		model_table(p, &r->controls, RL_NONE);
		category_chart(p);
	}
	if (report_has(r, MLPS_RS_PLAN)) {
		section(p, MLPS_RS_PLAN, true);
		model_table(p, &r->plan, RL_NONE);
	}
	if (report_has(r, MLPS_RS_RECORDS)) {
		section(p, MLPS_RS_RECORDS, true);
		for (i = 0; i < r->a->n_objects; i++)
			model_table(p, &r->records[i], RL_NONE);
	}
	if (report_has(r, MLPS_RS_DELTA))
		delta(p);
	if (report_has(r, MLPS_RS_SOA)) {
		struct strbuf in = STRBUF_INIT, nc = STRBUF_INIT;

		section(p, MLPS_RS_SOA, false);
		report_scope_lists(&in, &nc, r);
		strbuf_addf(&sb, "%s%s%s", report_label(r, RL_SOA_SCOPE), report_colon(r), in.buf);
		para(p, sb.buf, p->body, 0, 0x1F2933);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s%s", report_label(r, RL_SOA_NOT_CHOSEN), report_colon(r), nc.buf);
		para(p, sb.buf, p->body, 0, 0x1F2933);
		req_grid(p, RL_SOA_NA, r->na, r->n_na, RL_COL_NA_REASON);
		strbuf_release(&in);
		strbuf_release(&nc);
	}
	if (report_has(r, MLPS_RS_OPEN)) {
		section(p, MLPS_RS_OPEN, false);
		req_grid(p, RL_OPEN_UNANSWERED, r->unanswered, r->n_unanswered, RL_COUNT);
		req_grid(p, RL_OPEN_TODO, r->todo, r->n_todo, RL_COUNT);
		req_grid(p, RL_OPEN_CARRIED, r->carried, r->n_carried, RL_COL_STATUS);
	}
	if (report_has(r, MLPS_RS_EXPLAIN)) {
		section(p, MLPS_RS_EXPLAIN, false);
		for (i = 0; i < r->n_explain; i++)
			para(p, r->explain[i], p->body, 0, 0x1F2933);
	}
	strbuf_reset(&sb);
	report_footer(&sb, r);
	p->y += 10;
	para(p, sb.buf, p->small, 0, 0x52606D);
	if (!p->dry)
		cairo_show_page(p->cr);
	strbuf_release(&sb);
}

int report_write_pdf(struct strbuf *out, const struct report *r, struct mlps_error *err)
{
	struct pdf p;
	char created[32];
	time_t now = time(NULL);
	struct tm tm;
	cairo_status_t cs;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.r = r;
	p.family = cjk_family();
	if (!p.family)
		return mlps_error_set(err, MLPS_ERR_RUNTIME,
				      "pdf: no font with Chinese characters found; install the Debian package "
				      "fonts-noto-cjk (apt-get install fonts-noto-cjk)");
	p.surf = cairo_pdf_surface_create_for_stream(write_out, out, A4_SHORT, A4_LONG);
	p.cr = cairo_create(p.surf);
	p.lay = pango_cairo_create_layout(p.cr);
	pango_layout_set_wrap(p.lay, PANGO_WRAP_WORD_CHAR);
	p.body = font(p.family, BODY_SIZE, false);
	p.bold = font(p.family, BODY_SIZE, true);
	p.small = font(p.family, SMALL_SIZE, false);
	p.h1 = font(p.family, 22, true);
	p.h2 = font(p.family, 15, true);
	p.h3 = font(p.family, 11, true);
	p.line_body = layout(&p, "中Ag", p.body, 1000);
	p.line_bold = layout(&p, "中Ag", p.bold, 1000);
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE, report_label(r, RL_TITLE));
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_SUBJECT, r->a->sys.name);
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_AUTHOR,
				       r->a->assessor ? r->a->assessor : r->a->sys.org ? r->a->sys.org : "mlps");
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "mlps " MLPS_VERSION);
	gmtime_r(&now, &tm);
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATE_DATE, created);
	p.dry = true;
	document(&p);
	p.n_pages = p.page;
	p.dry = false;
	document(&p);
	for (size_t i = 0; i < p.n_kept; i++)
		g_object_unref(p.kept[i]);
	free(p.kept);
	for (size_t i = 0; i < p.cap_shaped; i++)
		if (p.shaped[i].l) {
			g_object_unref(p.shaped[i].l);
			free(p.shaped[i].text);
		}
	free(p.shaped);
	g_object_unref(p.lay);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surf);
	cs = cairo_surface_status(p.surf);
	if (cs != CAIRO_STATUS_SUCCESS)
		rc = mlps_error_set(err, MLPS_ERR_RUNTIME, "pdf: %s", cairo_status_to_string(cs));
	cairo_surface_destroy(p.surf);
	pango_font_description_free(p.body);
	pango_font_description_free(p.bold);
	pango_font_description_free(p.small);
	pango_font_description_free(p.h1);
	pango_font_description_free(p.h2);
	pango_font_description_free(p.h3);
	free(p.row_h);
	free(p.title);
	free(p.family);
	return rc;
}
