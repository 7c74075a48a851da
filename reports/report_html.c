/*
 * report_html.c - the report as one self-contained HTML5 page: inline CSS,
 * charts as inline SVG, no script, no external font, image or style sheet,
 * so it opens the same on an air-gapped machine and prints cleanly (A4,
 * no page break inside a row or a gap).
 *
 * Every text that is not our own markup goes through esc(): & < > " ' become
 * entities, control characters are dropped and bad UTF-8 is replaced, so a
 * note holding "<script>" shows as text and can do nothing.
 */
#include <string.h>

#include "report_impl.h"
#include "summary.h"

static const char css[] =
	":root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--head:#f0f4f8;--accent:#1f4e79;"
	"--high:#b42318;--medium:#b54708;--low:#3f6212;--ok:#2f855a}\n"
	"*{box-sizing:border-box}\n"
	"footer{margin-top:2.5em;padding-top:.6em;border-top:1px solid var(--line);color:var(--muted);font-size:.85em}\n"
	"body{margin:0;background:#eef2f6;color:var(--ink);line-height:1.55;font-size:15px;"
	"font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\","
	"\"WenQuanYi Zen Hei\",system-ui,-apple-system,\"Segoe UI\",sans-serif}\n"
	"main{max-width:1120px;margin:0 auto;padding:28px 36px 48px;background:#fff}\n"
	"h1{font-size:1.7em;margin:0 0 .6em;color:var(--accent)}\n"
	"h2{font-size:1.3em;margin:2em 0 .6em;padding-bottom:.2em;border-bottom:2px solid var(--accent)}\n"
	"h3{font-size:1.12em;margin:1.4em 0 .4em}\n"
	"h4{font-size:1em;margin:1em 0 .3em;color:var(--muted)}\n"
	"table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.93em}\n"
	"th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}\n"
	"th{background:var(--head);font-weight:600}\n"
	"td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"table.levels td:first-child,table.verdicts td:first-child,td.st{white-space:nowrap}\n"
	"table.verdicts{width:auto;min-width:60%}\n"
	"td.id{white-space:nowrap;font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:.92em}\n"
	"table.meta{width:auto;min-width:60%}\n"
	"table.objects{width:auto;min-width:60%}table.objects td.pre{min-width:16em}\n"
	"table.meta th{background:none;width:9em;color:var(--muted);font-weight:normal}\n"
	"tr.target td{background:#f7fafc;font-weight:600}\n"
	".disclaimer{border-left:4px solid var(--medium);background:#fff8eb;padding:8px 14px;margin:1em 0}\n"
	".notice{border-left:4px solid var(--accent);background:#f0f6fc;padding:6px 14px}\n"
	"nav ol{columns:2;margin:.4em 0 0;padding-left:1.4em}\n"
	"nav a{color:var(--accent);text-decoration:none}\n"
	".badge{display:inline-block;padding:0 .5em;border-radius:3px;font-size:.85em;font-weight:600;"
	"color:#fff;background:var(--muted);white-space:nowrap}\n"
	".badge.high{background:var(--high)}.badge.medium{background:var(--medium)}"
	".badge.low{background:var(--low)}.badge.none{background:var(--ok)}\n"
	".gap{border:1px solid var(--line);border-left:5px solid var(--line);padding:8px 14px;margin:10px 0;"
	"break-inside:avoid}\n"
	".gap.high{border-left-color:var(--high)}.gap.medium{border-left-color:var(--medium)}"
	".gap.low{border-left-color:var(--low)}\n"
	".gap .head{font-weight:600}.gap .head .id{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;"
	"margin-right:.6em}\n"
	".gap .req{margin:.3em 0}\n"
	".gap .objs{margin:.2em 0;color:var(--muted)}\n"
	"dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:.3em 0 0}\n"
	"dt{color:var(--muted)}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}\n"
	".pre{white-space:pre-wrap}\n"
	".muted{color:var(--muted)}\n"
	"svg{display:block;max-width:100%;height:auto;margin:.4em 0}\n"
	"svg text{font-family:inherit;font-size:13px;fill:var(--ink)}svg text.muted{fill:var(--muted)}\n"
	"p.explain{margin:.4em 0}\n"
	".cards{display:flex;flex-wrap:wrap;gap:12px;margin:.6em 0 1em}"
	".card{flex:1 1 180px;border:1px solid var(--line);border-top:4px solid var(--accent);padding:8px 12px}"
	".card .k{color:var(--muted);font-size:.85em}.card .v{font-size:1.35em;font-weight:600}\n"
	"tr.risk-high td:nth-child(2){color:var(--high);font-weight:600}"
	"tr.risk-medium td:nth-child(2){color:var(--medium);font-weight:600}\n"
	"tr.overdue td{background:#fff1f0}tr.primary td{font-weight:600;background:#f7fafc}\n"
	"table.grid td{overflow-wrap:anywhere}\n"
	"@page{size:A4 portrait;margin:16mm 14mm 18mm}\n"
	"@page wide{size:A4 landscape;margin:14mm 12mm 16mm}\n"
	"@media print{body{background:#fff;font-size:10pt}main{max-width:none;padding:0}"
	"section{break-before:page}section.wide{page:wide}nav{break-after:page}.cards{display:none}"
	"thead{display:table-header-group}tfoot{display:table-footer-group}"
	"h2,h3,h4{break-after:avoid}tr,.gap,svg{break-inside:avoid}"
	"a{color:inherit;text-decoration:none}}\n";

/* Appends s as HTML text: entities for markup characters, no control characters, valid UTF-8. */
static void esc(struct strbuf *out, const char *s)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p;

	for (p = report_clean(&clean, s); *p; p++) {
		switch (*p) {
		case '&': strbuf_adds(out, "&amp;"); break;
		case '<': strbuf_adds(out, "&lt;"); break;
		case '>': strbuf_adds(out, "&gt;"); break;
		case '"': strbuf_adds(out, "&quot;"); break;
		case '\'': strbuf_adds(out, "&#39;"); break;
		default:
			if ((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t')
				strbuf_addch(out, *p);
			else if (*p != '\r' && *p != 0x7f)
				strbuf_addch(out, ' ');
		}
	}
	strbuf_release(&clean);
}

/* <tag class="cls">escaped text</tag> */
static void elem(struct strbuf *out, const char *tag, const char *cls, const char *text)
{
	if (cls)
		strbuf_addf(out, "<%s class=\"%s\">", tag, cls);
	else
		strbuf_addf(out, "<%s>", tag);
	esc(out, text);
	strbuf_addf(out, "</%s>", tag);
}

static void num(struct strbuf *out, double v)
{
	strbuf_addf(out, "<td class=\"n\">%.1f</td>", v);
}

static void inum(struct strbuf *out, int v)
{
	strbuf_addf(out, "<td class=\"n\">%d</td>", v);
}

static const char *risk_class(enum mlps_risk risk)
{
	return mlps_risk_name(risk);
}

static void badge(struct strbuf *out, const struct report *r, enum mlps_risk risk)
{
	strbuf_addf(out, "<span class=\"badge %s\">", risk_class(risk));
	esc(out, report_risk(r, risk));
	strbuf_adds(out, "</span>");
}

static void section(struct strbuf *out, const char *id, int n, const char *title)
{
	/* Wide tables print on landscape pages (@page wide). */
	bool wide = !strcmp(id, "problems") || !strcmp(id, "plan") || !strcmp(id, "records");

	strbuf_addf(out, "<section id=\"%s\"%s>\n<h2>%d. ", id, wide ? " class=\"wide\"" : "", n);
	esc(out, title);
	strbuf_adds(out, "</h2>\n");
}

/* Opens the section s with its number and title. */
static void open_section(struct strbuf *out, const struct report *r, enum mlps_report_section s)
{
	struct strbuf title = STRBUF_INIT;

	report_section_title(&title, r, s);
	section(out, mlps_report_section_name(s), report_section_number(r, s), title.buf);
	strbuf_release(&title);
}

static void header(struct strbuf *out, const struct report *r)
{
	size_t i;

	elem(out, "h1", NULL, report_label(r, RL_TITLE));
	strbuf_adds(out, "\n<table class=\"meta\">\n");
	for (i = 0; i < r->n_fields; i++) {
		strbuf_adds(out, "<tr>");
		elem(out, "th", NULL, report_label(r, r->fields[i].label));
		elem(out, "td", NULL, r->fields[i].value);
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</table>\n");
	elem(out, "p", "disclaimer", report_label(r, RL_DISCLAIMER));
	strbuf_addch(out, '\n');
	if (mlps_score_unconfirmed(r->s)) {
		struct strbuf line = STRBUF_INIT;

		report_labelf(&line, r, RL_UNCONFIRMED_COUNT, mlps_score_unconfirmed(r->s));
		elem(out, "p", "notice", line.buf);
		strbuf_addch(out, '\n');
		strbuf_release(&line);
	}
}

static void toc(struct strbuf *out, const struct report *r)
{
	struct strbuf line = STRBUF_INIT;
	int i;

	strbuf_adds(out, "<nav><h2>");
	esc(out, report_label(r, RL_SEC_TOC));
	strbuf_adds(out, "</h2><ol>\n");
	for (i = MLPS_RS_CONCLUSION; i < MLPS_RS_COUNT; i++) {
		if (!report_has(r, (enum mlps_report_section)i))
			continue;
		strbuf_reset(&line);
		report_section_title(&line, r, (enum mlps_report_section)i);
		strbuf_addf(out, "<li><a href=\"#%s\">", mlps_report_section_name((enum mlps_report_section)i));
		esc(out, line.buf);
		strbuf_adds(out, "</a></li>\n");
	}
	strbuf_adds(out, "</ol></nav>\n");
	strbuf_release(&line);
}

/*
 * The target level's answers as one stacked bar (compliant, partial,
 * non-compliant, N/A, open), each segment as wide as its share.
 */
static void status_bar(struct strbuf *out, const struct report *r)
{
	static const struct {
		enum report_label label;
		const char *colour;
	} parts[] = {
		{ RL_COL_COMPLIANT, "#2f855a" }, { RL_COL_PARTIAL, "#d69e2e" }, { RL_COL_NONCOMPLIANT, "#c53030" },
		{ RL_COL_NA, "#a0aec0" },        { RL_COL_OPEN, "#e2e8f0" },
	};
	const struct mlps_tally *t = mlps_score_level(r->s, r->level);
	int counts[5];
	double x = 0, w = 700;
	size_t i;

	counts[0] = t->n[MLPS_ST_COMPLIANT];
	counts[1] = t->n[MLPS_ST_PARTIAL];
	counts[2] = t->n[MLPS_ST_NONCOMPLIANT];
	counts[3] = t->n[MLPS_ST_NA];
	counts[4] = t->n[MLPS_ST_UNANSWERED] + t->n[MLPS_ST_TODO];
	if (t->total == 0)
		return;
	strbuf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 64\" width=\"720\" "
			 "role=\"img\" aria-label=\"L%d\">\n", r->level);
	for (i = 0; i < 5; i++) {
		double seg = w * counts[i] / t->total;

		if (counts[i])
			strbuf_addf(out, "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>\n", x,
				    seg, parts[i].colour);
		x += seg;
	}
	strbuf_adds(out, "<rect x=\"0\" y=\"4\" width=\"700\" height=\"22\" fill=\"none\" stroke=\"#9aa5b1\"/>\n");
	for (i = 0, x = 0; i < 5; i++) {
		strbuf_addf(out, "<rect x=\"%.0f\" y=\"40\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#9aa5b1\"/>"
				 "<text x=\"%.0f\" y=\"51\">", x, parts[i].colour, x + 17);
		esc(out, report_label(r, parts[i].label));
		strbuf_addf(out, " %d</text>\n", counts[i]);
		x += 140;
	}
	strbuf_adds(out, "</svg>\n");
}

/* The verdict of every rule at every level up to the target, one row per level. */
static void verdict_table(struct strbuf *out, const struct report *r)
{
	size_t i;
	int level;

	strbuf_adds(out, "<table class=\"verdicts\">\n<thead><tr>");
	elem(out, "th", NULL, report_label(r, RL_COL_LEVEL));
	for (i = 0; i < r->rules->n_verdicts; i++) {
		strbuf_adds(out, "<th>");
		esc(out, report_text(r, &r->rules->verdicts[i].name));
		if (!r->rules->verdicts[i].verified)
			strbuf_adds(out, " †");
		strbuf_adds(out, "</th>");
	}
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (level = MLPS_LEVEL_MIN; level <= r->level; level++) {
		if (mlps_score_level(r->s, level)->total == 0)
			continue;
		strbuf_addf(out, level == r->level ? "<tr class=\"target\"><td>L%d *</td>" : "<tr><td>L%d</td>", level);
		for (i = 0; i < r->rules->n_verdicts; i++)
			elem(out, "td", NULL, report_text(r, &mlps_score_verdict(r->s, level, i)->band->label));
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
}

static void levels(struct strbuf *out, const struct report *r)
{
	static const enum report_label cols[] = {
		RL_COL_LEVEL, RL_COL_TOTAL, RL_COL_APPLICABLE, RL_COL_ANSWERED, RL_COL_COMPLIANT,
		RL_COL_PARTIAL, RL_COL_NONCOMPLIANT, RL_COL_NA, RL_COL_OPEN, RL_COL_RATE, RL_COL_SCORE,
		RL_COL_COVERAGE, RL_COL_WORST,
	};
	size_t nc = sizeof(cols) / sizeof(cols[0]), i;
	int level;

	elem(out, "h3", NULL, report_label(r, RL_SEC_LEVELS));
	status_bar(out, r);
	strbuf_adds(out, "<table class=\"levels\">\n<thead><tr>");
	for (i = 0; i < nc; i++)
		elem(out, "th", i == 0 || i == nc - 1 ? NULL : "n", report_label(r, cols[i]));
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++) {
		const struct mlps_tally *t = mlps_score_level(r->s, level);

		if (t->total == 0)
			continue;
		strbuf_addf(out, level == r->level ? "<tr class=\"target\"><td>L%d *</td>" : "<tr><td>L%d</td>",
			    level);
		inum(out, t->total);
		inum(out, t->applicable);
		inum(out, t->answered);
		inum(out, t->n[MLPS_ST_COMPLIANT]);
		inum(out, t->n[MLPS_ST_PARTIAL]);
		inum(out, t->n[MLPS_ST_NONCOMPLIANT]);
		inum(out, t->n[MLPS_ST_NA]);
		inum(out, t->n[MLPS_ST_UNANSWERED] + t->n[MLPS_ST_TODO]);
		if (level <= r->level) {
			num(out, t->rate);
			num(out, t->score);
		} else {
			strbuf_adds(out, "<td class=\"n\">–</td><td class=\"n\">–</td>");
		}
		num(out, t->coverage);
		strbuf_adds(out, "<td>");
		if (t->worst != MLPS_RISK_NONE)
			badge(out, r, t->worst);
		else
			esc(out, report_risk(r, t->worst));
		strbuf_adds(out, "</td></tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
	verdict_table(out, r);
	strbuf_adds(out, "<p class=\"muted\">");
	esc(out, report_label(r, RL_TARGET_NOTE));
	strbuf_adds(out, " † ");
	esc(out, report_label(r, RL_UNVERIFIED));
	strbuf_adds(out, "</p>\n");
}

static const char *score_colour(double score)
{
	return score >= 90 ? "#2f855a" : score >= 80 ? "#38a169" : score >= 70 ? "#d69e2e" : score >= 60 ? "#dd6b20"
												   : "#c53030";
}

/* Horizontal bars, one per category: the score on a 0-100 track, with grid lines every 20. */
static void category_chart(struct strbuf *out, const struct report *r)
{
	const double x0 = 250, w = 380;
	size_t i, rows = 0;
	double y;
	int g;

	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++)
		rows += mlps_score_category(r->s, r->level, i)->total > 0;
	strbuf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 %zu\" width=\"720\" "
			 "role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">",
		    rows * 26 + 30);
	esc(out, report_label(r, RL_CHART_NOTE));
	strbuf_adds(out, "</title>\n");
	for (g = 0; g <= 100; g += 20) {
		strbuf_addf(out, "<line x1=\"%.0f\" y1=\"4\" x2=\"%.0f\" y2=\"%zu\" stroke=\"#d9e2ec\"/>"
				 "<text x=\"%.0f\" y=\"%zu\" text-anchor=\"middle\" class=\"muted\">%d</text>\n",
			    x0 + w * g / 100, x0 + w * g / 100, rows * 26 + 6, x0 + w * g / 100, rows * 26 + 22, g);
	}
	y = 6;
	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		const struct mlps_tally *t = mlps_score_category(r->s, r->level, i);

		if (t->total == 0)
			continue;
		strbuf_addf(out, "<text x=\"0\" y=\"%.0f\">%s ", y + 15, c->code);
		esc(out, report_text(r, &c->name));
		strbuf_addf(out, "</text>\n<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"18\" fill=\"#edf2f7\"/>"
				 "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>"
				 "<text x=\"%.0f\" y=\"%.0f\">%.1f</text>\n",
			    x0, y, w, x0, y, w * t->score / 100, score_colour(t->score), x0 + w + 8, y + 14, t->score);
		y += 26;
	}
	strbuf_adds(out, "</svg>\n");
}

static void categories(struct strbuf *out, const struct report *r)
{
	struct strbuf title = STRBUF_INIT;
	size_t i;

	report_labelf(&title, r, RL_SEC_CATEGORIES, r->level);
	elem(out, "h3", NULL, title.buf);
	category_chart(out, r);
	strbuf_adds(out, "<table>\n<thead><tr>");
	elem(out, "th", NULL, report_label(r, RL_COL_CATEGORY));
	elem(out, "th", "n", report_label(r, RL_COL_APPLICABLE));
	elem(out, "th", "n", report_label(r, RL_COL_ANSWERED));
	elem(out, "th", "n", report_label(r, RL_COL_RATE));
	elem(out, "th", "n", report_label(r, RL_COL_SCORE));
	elem(out, "th", "n", report_label(r, RL_COL_COVERAGE));
	elem(out, "th", NULL, report_label(r, RL_COL_WORST));
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < mlps_catalog_n_categories(r->cat); i++) {
		const struct mlps_category *c = mlps_catalog_category(r->cat, i);
		const struct mlps_tally *t = mlps_score_category(r->s, r->level, i);

		if (t->total == 0)
			continue;
		strbuf_addf(out, "<tr><td>%s ", c->code);
		esc(out, report_text(r, &c->name));
		strbuf_adds(out, "</td>");
		inum(out, t->applicable);
		inum(out, t->answered);
		num(out, t->rate);
		num(out, t->score);
		num(out, t->coverage);
		strbuf_adds(out, "<td>");
		if (t->worst != MLPS_RISK_NONE)
			badge(out, r, t->worst);
		strbuf_adds(out, "</td></tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
	strbuf_release(&title);
}

/* The evaluation objects (the template's 被测对象 list) as a table. */
static void objects(struct strbuf *out, const struct report *r)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	open_section(out, r, MLPS_RS_OBJECTS);
	strbuf_adds(out, "<table class=\"objects\">\n<thead><tr>");
	elem(out, "th", "n", report_label(r, RL_COL_ITEM));
	elem(out, "th", NULL, report_label(r, RL_COL_OBJECT));
	elem(out, "th", NULL, report_label(r, RL_COL_KIND));
	elem(out, "th", NULL, report_label(r, RL_COL_IMPORTANCE));
	elem(out, "th", NULL, report_label(r, RL_COL_DESC));
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->a->n_objects; i++) {
		const struct mlps_object *o = &r->a->objects[i];

		strbuf_addf(out, "<tr><td class=\"n\">%zu</td>", i + 1);
		elem(out, "td", "id", o->name);
		elem(out, "td", NULL, report_kind_label(r, o->kind));
		elem(out, "td", "st", report_importance(r, o->importance));
		elem(out, "td", "pre", o->desc ? o->desc : "");
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n</section>\n");
	strbuf_release(&line);
}

/* A heading with the count and a table of ID, requirement and one more column, or "none". */
static void req_table(struct strbuf *out, const struct report *r, enum report_label title,
		      const struct mlps_requirement *const *reqs, size_t n, enum report_label extra)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	report_labelf(&line, r, title, n);
	elem(out, "h3", NULL, line.buf);
	strbuf_addch(out, '\n');
	strbuf_release(&line);
	if (n == 0) {
		elem(out, "p", "muted", report_label(r, RL_NONE));
		strbuf_addch(out, '\n');
		return;
	}
	strbuf_adds(out, "<table>\n<thead><tr>");
	elem(out, "th", NULL, report_label(r, RL_COL_ID));
	elem(out, "th", NULL, report_label(r, RL_COL_REQUIREMENT));
	if (extra != RL_COUNT)
		elem(out, "th", NULL, report_label(r, extra));
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct mlps_answer *ans = report_answer(r, reqs[i]);

		strbuf_adds(out, "<tr>");
		elem(out, "td", "id", report_req_id(r, reqs[i]));
		elem(out, "td", NULL, report_req_text(r, reqs[i]));
		if (extra == RL_COL_NA_REASON)
			elem(out, "td", "pre", ans && ans->na_reason ? ans->na_reason : report_label(r, RL_NOT_GIVEN));
		else if (extra == RL_COL_STATUS)
			elem(out, "td", "st", report_status(r, report_req_status(r, reqs[i])));
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
}

static void applicability(struct strbuf *out, const struct report *r)
{
	struct strbuf in = STRBUF_INIT, not_chosen = STRBUF_INIT;

	open_section(out, r, MLPS_RS_SOA);
	report_scope_lists(&in, &not_chosen, r);
	strbuf_adds(out, "<table class=\"meta\">\n<tr>");
	elem(out, "th", NULL, report_label(r, RL_SOA_SCOPE));
	elem(out, "td", NULL, in.buf);
	strbuf_adds(out, "</tr>\n<tr>");
	elem(out, "th", NULL, report_label(r, RL_SOA_NOT_CHOSEN));
	elem(out, "td", NULL, not_chosen.buf);
	strbuf_adds(out, "</tr>\n</table>\n");
	req_table(out, r, RL_SOA_NA, r->na, r->n_na, RL_COL_NA_REASON);
	strbuf_adds(out, "</section>\n");
	strbuf_release(&in);
	strbuf_release(&not_chosen);
}

static void open_items(struct strbuf *out, const struct report *r)
{
	open_section(out, r, MLPS_RS_OPEN);
	req_table(out, r, RL_OPEN_UNANSWERED, r->unanswered, r->n_unanswered, RL_COUNT);
	req_table(out, r, RL_OPEN_TODO, r->todo, r->n_todo, RL_COUNT);
	req_table(out, r, RL_OPEN_CARRIED, r->carried, r->n_carried, RL_COL_STATUS);
	strbuf_adds(out, "</section>\n");
}

static void delta(struct strbuf *out, const struct report *r)
{
	const struct mlps_score *so = mlps_diff_old_score(r->delta), *sn = mlps_diff_new_score(r->delta);
	const struct mlps_assessment *n = mlps_diff_new(r->delta), *o = mlps_diff_old(r->delta);
	struct strbuf line = STRBUF_INIT;
	int level, c;
	size_t i, k;

	report_labelf(&line, r, RL_SEC_DELTA, o->id);
	section(out, "delta", report_section_number(r, MLPS_RS_DELTA), line.buf);
	strbuf_reset(&line);
	report_delta_from(&line, r);
	elem(out, "p", NULL, line.buf);
	strbuf_adds(out, "\n<table>\n<thead><tr>");
	elem(out, "th", NULL, report_label(r, RL_COL_LEVEL));
	elem(out, "th", "n", report_label(r, RL_COL_RATE));
	elem(out, "th", "n", report_label(r, RL_COL_SCORE));
	for (k = 0; k < r->rules->n_verdicts; k++) {
		strbuf_adds(out, "<th>");
		esc(out, report_text(r, &r->rules->verdicts[k].name));
		if (!r->rules->verdicts[k].verified)
			strbuf_adds(out, " †");
		strbuf_adds(out, "</th>");
	}
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (level = MLPS_LEVEL_MIN; level <= report_delta_top(r); level++) {
		const struct mlps_tally *to = mlps_score_level(so, level), *tn = mlps_score_level(sn, level);

		if (to->total == 0 && tn->total == 0)
			continue;
		strbuf_addf(out, "<tr><td>L%d</td><td class=\"n\">%.1f → %.1f (%+.1f)</td>"
				 "<td class=\"n\">%.1f → %.1f (%+.1f)</td>",
			    level, to->rate, tn->rate, tn->rate - to->rate, to->score, tn->score, tn->score - to->score);
		for (k = 0; k < r->rules->n_verdicts; k++) {
			int move = report_verdict_move(r, level, k);

			strbuf_reset(&line);
			strbuf_addf(&line, "%s → %s", report_text(r, &mlps_score_verdict(so, level, k)->band->label),
				    report_text(r, &mlps_score_verdict(sn, level, k)->band->label));
			if (move)
				strbuf_addf(&line, " %s", report_label(r, move > 0 ? RL_BETTER : RL_WORSE));
			elem(out, "td", NULL, line.buf);
		}
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
	strbuf_reset(&line);
	strbuf_addf(&line, "%s%s", report_label(r, RL_DELTA_COUNTS), report_colon(r));
	report_delta_counts(&line, r);
	elem(out, "p", NULL, line.buf);
	strbuf_addch(out, '\n');
	for (c = 0; c < 2; c++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s%s", report_label(r, c == 0 ? RL_OBJECTS_ADDED : RL_OBJECTS_REMOVED),
			    report_colon(r));
		if (!report_delta_objects(&line, r, c == 0))
			continue;
		elem(out, "p", NULL, line.buf);
		strbuf_addch(out, '\n');
	}
	for (c = 0; c < MLPS_CHG_COUNT; c++) {
		if (!report_delta_listed((enum mlps_change)c) || !mlps_diff_count(r->delta, (enum mlps_change)c))
			continue;
		strbuf_reset(&line);
		report_change_title(&line, r, (enum mlps_change)c);
		elem(out, "h3", NULL, line.buf);
		strbuf_adds(out, "\n<table>\n<thead><tr>");
		elem(out, "th", NULL, report_label(r, RL_COL_ID));
		if (report_multi(r))
			elem(out, "th", NULL, report_label(r, RL_COL_OBJECT));
		elem(out, "th", NULL, report_label(r, RL_COL_BEFORE));
		elem(out, "th", NULL, report_label(r, RL_COL_AFTER));
		elem(out, "th", NULL, report_label(r, RL_COL_REQUIREMENT));
		strbuf_adds(out, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < mlps_diff_n_items(r->delta); i++) {
			const struct mlps_diff_item *it = mlps_diff_item(r->delta, i);
			int lv = it->req->ids[n->level] ? n->level : o->level;

			if (it->change != (enum mlps_change)c)
				continue;
			strbuf_adds(out, "<tr>");
			elem(out, "td", "id", it->req->ids[lv] ? it->req->ids[lv] : it->req->key);
			if (report_multi(r))
				elem(out, "td", "id", it->object ? it->object : "");
			elem(out, "td", "st", report_status(r, it->old_status));
			elem(out, "td", "st", report_status(r, it->new_status));
			elem(out, "td", NULL, report_text(r, mlps_req_text(it->req, lv)));
			strbuf_adds(out, "</tr>\n");
		}
		strbuf_adds(out, "</tbody>\n</table>\n");
	}
	strbuf_adds(out, "</section>\n");
	strbuf_release(&line);
}

static void explanation(struct strbuf *out, const struct report *r)
{
	size_t i;

	open_section(out, r, MLPS_RS_EXPLAIN);
	for (i = 0; i < r->n_explain; i++) {
		elem(out, "p", "explain", r->explain[i]);
		strbuf_addch(out, '\n');
	}
	strbuf_adds(out, "</section>\n");
}

static void footer(struct strbuf *out, const struct report *r)
{
	struct strbuf line = STRBUF_INIT;

	report_footer(&line, r);
	strbuf_adds(out, "<footer>");
	esc(out, line.buf);
	strbuf_adds(out, "</footer>\n");
	strbuf_release(&line);
}

static const char *cp_colour(int status)
{
	return status == MLPS_CP_COMPLIANT ? "#2f855a" : status == MLPS_CP_PARTIAL ? "#d69e2e"
	       : status == MLPS_CP_NONCOMPLIANT ? "#c53030" : "#cbd2d9";
}

/*
 * The heat map of 控制点符合情况: one row per category, one square per
 * control point coloured by its status, its 10-point score inside; the
 * control point's name as the square's tooltip. Drawn from r->controls.
 */
static void heat_map(struct strbuf *out, const struct report *r)
{
	const double x0 = 210, cw = 46, ch = 30, gap = 4;
	const size_t per_row = 10;
	const struct report_table *t = &r->controls;
	size_t i, lines = 0, col = 0;
	const struct mlps_category *cat = NULL;
	double y = 0;

	if (t->n_rows == 0)
		return;
	/* Lines: each category starts a new one and wraps after per_row squares. */
	for (i = 0; i < t->n_rows; i++) {
		if (r->control_cps[i]->category != cat || col == per_row) {
			cat = r->control_cps[i]->category;
			lines++;
			col = 0;
		}
		col++;
	}
	strbuf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
			 "role=\"img\" aria-label=\"heat map\">\n", x0 + per_row * (cw + gap),
		    (double)lines * (ch + gap) + 4, x0 + per_row * (cw + gap));
	cat = NULL;
	col = 0;
	y = -(ch + gap) + 2;
	for (i = 0; i < t->n_rows; i++) {
		const struct mlps_control_point *cp = r->control_cps[i];
		double x;

		if (cp->category != cat || col == per_row) {
			y += ch + gap;
			col = 0;
			if (cp->category != cat) {
				strbuf_addf(out, "<text x=\"0\" y=\"%.0f\">%s ", y + 20, cp->category->code);
				esc(out, report_text(r, &cp->category->name));
				strbuf_adds(out, "</text>\n");
			}
			cat = cp->category;
		}
		x = x0 + (double)col * (cw + gap);
		strbuf_adds(out, "<g><title>");
		esc(out, report_cell(t, i, 1));
		strbuf_adds(out, " ");
		esc(out, report_cell(t, i, 3));
		strbuf_addf(out, "</title><rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" rx=\"3\" fill=\"%s\"/>"
				 "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" style=\"fill:#fff;font-weight:600\">",
			    x, y, cw, ch, cp_colour(t->tags[i]), x + cw / 2, y + 20);
		esc(out, report_cell(t, i, 2));
		strbuf_adds(out, "</text></g>\n");
		col++;
	}
	strbuf_adds(out, "</svg>\n<p class=\"muted\">");
	esc(out, report_label(r, RL_HEAT_NOTE));
	strbuf_adds(out, "</p>\n");
}

/* A table of the model: thead repeats on every printed page; rows are never split. */
static void model_table(struct strbuf *out, const struct report *r, const struct report_table *t,
			enum report_label none, const char *(*row_class)(int tag))
{
	size_t i, c;

	if (t->title)
		elem(out, "h3", NULL, t->title);
	if (t->n_rows == 0) {
		elem(out, "p", NULL, report_label(r, none));
		strbuf_addch(out, '\n');
		return;
	}
	strbuf_adds(out, "<table class=\"grid\">\n<thead><tr>");
	for (c = 0; c < t->n_cols; c++)
		elem(out, "th", t->cols[c] == RL_COL_ITEM || t->cols[c] == RL_COL_SCORE10 ? "n" : NULL,
		     report_label(r, t->cols[c]));
	strbuf_adds(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t->n_rows; i++) {
		const char *cls = row_class ? row_class(t->tags[i]) : NULL;

		if (cls)
			strbuf_addf(out, "<tr class=\"%s\">", cls);
		else
			strbuf_adds(out, "<tr>");
		for (c = 0; c < t->n_cols; c++)
			elem(out, "td", t->cols[c] == RL_COL_ITEM || t->cols[c] == RL_COL_SCORE10 ? "n"
					: t->cols[c] == RL_COL_ID ? "id" : "pre", report_cell(t, i, c));
		strbuf_adds(out, "</tr>\n");
	}
	strbuf_adds(out, "</tbody>\n</table>\n");
}

static const char *risk_row(int tag)
{
	return tag == MLPS_RISK_HIGH ? "risk-high" : tag == MLPS_RISK_MEDIUM ? "risk-medium" : NULL;
}

static const char *plan_row(int tag)
{
	return tag == REPORT_TAG_OVERDUE ? "overdue" : NULL;
}

static const char *primary_row(int tag)
{
	return tag ? "primary" : NULL;
}

/* The conclusion as cards on screen (hidden in print), then as the table that prints. */
static void conclusion(struct strbuf *out, const struct report *r)
{
	const struct report_table *t = &r->conclusion;
	size_t i;

	open_section(out, r, MLPS_RS_CONCLUSION);
	strbuf_adds(out, "<div class=\"cards\">\n");
	for (i = 0; i < t->n_rows && i < 4; i++) {
		strbuf_adds(out, "<div class=\"card\">");
		elem(out, "div", "k", report_cell(t, i, 0));
		elem(out, "div", "v", report_cell(t, i, 1));
		strbuf_adds(out, "</div>\n");
	}
	strbuf_adds(out, "</div>\n");
	model_table(out, r, t, RL_NONE, primary_row);
	levels(out, r);
	strbuf_adds(out, "</section>\n");
}

void report_write_html(struct strbuf *out, const struct report *r)
{
	size_t i;

	strbuf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<meta name=\"generator\" content=\"mlps %s\">\n<title>",
		    r->lang == MLPS_LANG_EN ? "en" : "zh-CN", MLPS_VERSION);
	esc(out, report_label(r, RL_TITLE));
	strbuf_adds(out, " — ");
	esc(out, r->a->sys.name);
	strbuf_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
	if (report_has(r, MLPS_RS_COVER))
		header(out, r);
	toc(out, r);
	if (report_has(r, MLPS_RS_CONCLUSION))
		conclusion(out, r);
	if (report_has(r, MLPS_RS_OBJECTS))
		objects(out, r);
	if (report_has(r, MLPS_RS_PROBLEMS)) {
		open_section(out, r, MLPS_RS_PROBLEMS);
		model_table(out, r, &r->problem_table, RL_NO_GAPS, risk_row);
		strbuf_adds(out, "</section>\n");
	}
	if (report_has(r, MLPS_RS_CONTROLS)) {
		open_section(out, r, MLPS_RS_CONTROLS);
		heat_map(out, r);
		model_table(out, r, &r->controls, RL_NONE, NULL);
		categories(out, r);
		strbuf_adds(out, "</section>\n");
	}
	if (report_has(r, MLPS_RS_PLAN)) {
		open_section(out, r, MLPS_RS_PLAN);
		model_table(out, r, &r->plan, RL_NONE, plan_row);
		strbuf_adds(out, "</section>\n");
	}
	if (report_has(r, MLPS_RS_RECORDS)) {
		open_section(out, r, MLPS_RS_RECORDS);
		for (i = 0; i < r->a->n_objects; i++)
			model_table(out, r, &r->records[i], RL_NONE, NULL);
		strbuf_adds(out, "</section>\n");
	}
	if (report_has(r, MLPS_RS_DELTA))
		delta(out, r);
	if (report_has(r, MLPS_RS_SOA))
		applicability(out, r);
	if (report_has(r, MLPS_RS_OPEN))
		open_items(out, r);
	if (report_has(r, MLPS_RS_EXPLAIN))
		explanation(out, r);
	footer(out, r);
	strbuf_adds(out, "</main>\n</body>\n</html>\n");
}
