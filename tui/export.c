/*
 * export.c - the export dialog shared by Home and the summary: pick a
 * format, confirm or change the file name, and write the report through
 * reports/ (atomically; an existing file is replaced only after asking).
 * A re-audit's report carries its delta against the parent, as
 * `mlps report` does.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dialog.h"
#include "diff.h"
#include "report.h"
#include "screen.h"

static const struct {
	enum mlps_report_format format;
	const char *ext;
	const char *label[2];
} formats[] = {
	{ MLPS_REPORT_TEXT, "txt", { "文本报告（80 列，便于打印和邮件）", "text report (80 columns, to print or mail)" } },
	{ MLPS_REPORT_MD, "md", { "Markdown", "Markdown" } },
	{ MLPS_REPORT_CSV, "csv", { "CSV（每项一行；带 BOM，Excel 可直接打开）", "CSV (one row per item; with a BOM for Excel)" } },
	{ MLPS_REPORT_JSON, "json", { "JSON（mlps-report/1）", "JSON (mlps-report/1)" } },
	{ MLPS_REPORT_HTML, "html", { "HTML（单个文件，含图表）", "HTML (one file, with charts)" } },
	{ MLPS_REPORT_XLSX, "xlsx", { "Excel 工作簿（xlsx）", "Excel workbook (xlsx)" } },
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

/* The format chosen last time comes first next time. */
static int last_format;

/* "~/x" means the home directory; anything else is taken as typed. Caller frees. */
static char *expand_path(const char *typed)
{
	const char *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;

	if (typed[0] == '~' && typed[1] == '/' && home && *home)
		strbuf_addf(&sb, "%s/%s", home, typed + 2);
	else
		strbuf_adds(&sb, typed);
	return strbuf_detach(&sb, NULL);
}

/* The delta against the parent, or NULL when there is none or it cannot be had. */
static struct mlps_diff *parent_delta(struct tui *t, const struct mlps_assessment *a, struct mlps_assessment **parent)
{
	struct mlps_error err;
	struct mlps_diff *d = NULL;

	*parent = NULL;
	if (!a->parent)
		return NULL;
	mlps_error_init(&err);
	*parent = mlps_store_load(t->st, a->parent, &err);
	if (*parent)
		d = mlps_diff_compute(t->cat, *parent, a, &err);
	mlps_error_release(&err);
	return d;
}

void tui_export(struct tui *t, long long id)
{
	const char *items[N_FORMATS];
	struct strbuf name = STRBUF_INIT, typed = STRBUF_INIT;
	struct mlps_assessment *a = NULL, *parent = NULL;
	struct mlps_score *s = NULL;
	struct mlps_diff *d = NULL;
	struct mlps_report_opts opts;
	struct mlps_error err;
	char *path = NULL, resolved[PATH_MAX];
	bool changed, force = false;
	size_t i;
	int choice;

	mlps_error_init(&err);
	for (i = 0; i < N_FORMATS; i++)
		items[i] = formats[i].label[t->lang == MLPS_LANG_EN];
	choice = dialog_menu(t, TR(t, "导出报告：格式", "Export a report: format"), items, (int)N_FORMATS, last_format);
	if (choice < 0)
		goto out;
	last_format = choice;
	strbuf_addf(&name, "mlps-%lld.%s", id, formats[choice].ext);
	if (dialog_edit(t, TR(t, "导出报告：文件名", "Export a report: file name"),
			TR(t, "相对于启动 mlps 的目录；~/ 表示主目录。", "Relative to where mlps was started; ~/ is your home."),
			name.buf, false, &typed, &changed) != DIALOG_OK || !typed.len)
		goto out;
	path = expand_path(typed.buf);
	if (access(path, F_OK) == 0) {
		struct strbuf q = STRBUF_INIT;

		strbuf_addf(&q, TR(t, "%s 已存在。覆盖它吗？", "%s exists. Replace it?"), path);
		force = dialog_confirm(t, TR(t, "覆盖文件？", "Replace file?"), q.buf);
		strbuf_release(&q);
		if (!force)
			goto out;
	}
	a = tui_load(t, id);
	if (!a || !(s = tui_score(t, a)))
		goto out;
	d = parent_delta(t, a, &parent);
	memset(&opts, 0, sizeof(opts));
	opts.lang = t->lang;
	opts.width = 80;
	opts.csv_bom = formats[choice].format == MLPS_REPORT_CSV;
	opts.delta = d;
	if (mlps_report_write_file(path, force, formats[choice].format, t->cat, a, s, &opts, &err)) {
		tui_error(t, &err);
		goto out;
	}
	tui_message(t, STYLE_DONE, TR(t, "报告已导出：%s", "report written: %s"), realpath(path, resolved) ? resolved : path);
out:
	mlps_diff_free(d);
	mlps_score_free(s);
	mlps_assessment_free(parent);
	mlps_assessment_free(a);
	free(path);
	strbuf_release(&name);
	strbuf_release(&typed);
	mlps_error_release(&err);
}
