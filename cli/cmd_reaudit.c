/*
 * cmd_reaudit.c - next year's assessment and what changed:
 * `mlps reaudit`, `mlps diff`, `mlps history`.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "delta.h"
#include "diff.h"
#include "grading.h"
#include "reaudit.h"
#include "score.h"
#include "store.h"
#include "usertext.h"
#include "utf8.h"

int cmd_reaudit(struct cli *cli, int argc, char **argv)
{
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_assessment *old, *next;
	struct mlps_reaudit_stats stats;
	struct mlps_error err;
	const char *id = NULL;
	int i, level = 0, status = EXIT_OK, has_ext = 0;
	unsigned ext = 0;

	if (cli_wants_help(argc, argv)) {
		fputs("usage: mlps reaudit ASSESSMENT [--level N] [--ext LIST]\n"
		      "\n"
		      "Creates a new assessment of the same system whose parent is ASSESSMENT and\n"
		      "prints its number. Every answer is carried forward and marked to confirm,\n"
		      "except where the requirement's wording changed since it was answered or the\n"
		      "requirement is outside the new scope: those start unanswered (the old answer\n"
		      "stays in the parent). --level and --ext change the scope (default: the same).\n",
		      stdout);
		return EXIT_OK;
	}
	mlps_error_init(&err);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--level") && i + 1 < argc) {
			if (cli_parse_level(argv[++i], &level))
				return cli_usage("reaudit", "--level: '%s' is not a level from 1 to 4", argv[i]);
		} else if (!strcmp(argv[i], "--ext") && i + 1 < argc) {
			has_ext = 1;
			if (mlps_ext_parse_list(argv[++i], &ext, &err)) {
				status = cli_usage("reaudit", "--ext: %s", mlps_error_message(&err));
				mlps_error_release(&err);
				return status;
			}
		} else if (argv[i][0] == '-' || id) {
			return cli_usage("reaudit", "unexpected argument '%s'", argv[i]);
		} else {
			id = argv[i];
		}
	}
	if (!id)
		return cli_usage("reaudit", "expected ASSESSMENT");
	if (cli_open_assessment(cli, id, "reaudit", &cat, &st, &old, &status))
		return status;
	if (!mlps_catalog_rules(cat)) {
		cli_errorf("reaudit: %s: the profile set has no rules file", mlps_catalog_dir(cat));
		status = EXIT_USAGE;
		goto out;
	}
	next = mlps_reaudit_prepare(cat, old, level ? level : old->level, has_ext ? ext : old->ext, &stats);
	if (mlps_store_insert(st, next, &err)) {
		status = cli_report(&err);
	} else {
		status = cli_print_created("reaudit", next->id);
		fprintf(stderr, cli->lang == MLPS_LANG_EN
				? "mlps: reaudit: %d answers carried, to confirm; %d not carried because the "
				  "wording changed; %d outside the new scope\n"
				: "mlps: reaudit: 沿用 %d 条答案（待确认）；%d 条因要求措辞变化未沿用；%d 条不在新范围内\n",
			stats.carried, stats.changed, stats.out_of_scope);
	}
	mlps_assessment_free(next);
out:
	mlps_error_release(&err);
	mlps_assessment_free(old);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

int cmd_diff(struct cli *cli, int argc, char **argv)
{
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_assessment *a = NULL, *b = NULL;
	struct mlps_diff *d = NULL;
	struct mlps_error err;
	const char *ids[2] = { NULL, NULL };
	int i, n = 0, json = 0, status = EXIT_OK;
	long long second;

	if (cli_wants_help(argc, argv)) {
		fputs("usage: mlps diff OLD NEW [--format text|json]\n"
		      "\n"
		      "What changed between two assessments of the same system: per requirement\n"
		      "(resolved, new gaps, regressed, improved, unchanged gaps, newly N/A, no\n"
		      "longer N/A) and per level and category (rate, score, verdict). json follows\n"
		      "schema mlps-diff/1 (docs/formats.md).\n", stdout);
		return EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "json"))
				json = 1;
			else if (strcmp(argv[i], "text"))
				return cli_usage("diff", "--format: '%s' is not text or json", argv[i]);
		} else if (argv[i][0] == '-' || n == 2) {
			return cli_usage("diff", "unexpected argument '%s'", argv[i]);
		} else {
			ids[n++] = argv[i];
		}
	}
	if (n != 2)
		return cli_usage("diff", "expected OLD NEW");
	if (cli_parse_id(ids[1], &second))
		return cli_usage("diff", "'%s' is not an assessment number", ids[1]);
	if (cli_open_assessment(cli, ids[0], "diff", &cat, &st, &a, &status))
		return status;
	mlps_error_init(&err);
	b = mlps_store_load(st, second, &err);
	if (!b || !(d = mlps_diff_compute(cat, a, b, &err))) {
		status = cli_report(&err);
	} else if (json) {
		char *s = mlps_delta_json(cat, d);

		status = cli_write_stdout(s);
		if (!status)
			status = cli_write_stdout("\n");
		free(s);
	} else {
		struct strbuf out = STRBUF_INIT;

		mlps_delta_text(&out, cat, d, cli->lang, 80);
		status = cli_write_text(out.buf);
		strbuf_release(&out);
	}
	mlps_diff_free(d);
	mlps_assessment_free(a);
	mlps_assessment_free(b);
	mlps_error_release(&err);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

/* One block character per score: a trend readable in any terminal. */
static void spark(struct strbuf *out, const double *v, size_t n)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	size_t i;

	for (i = 0; i < n; i++) {
		int k = (int)(v[i] / 100.0 * 7.0 + 0.5);

		strbuf_adds(out, bars[k < 0 ? 0 : k > 7 ? 7 : k]);
	}
}

int cmd_history(struct cli *cli, int argc, char **argv)
{
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_store_row *rows = NULL;
	struct mlps_error err;
	struct strbuf out = STRBUF_INIT, vis = STRBUF_INIT;
	double *scores = NULL;
	size_t n = 0, i, found = 0;
	int status = EXIT_OK, en = cli->lang == MLPS_LANG_EN, last_level = 0;
	char *last_created = NULL;

	if (cli_wants_help(argc, argv)) {
		fputs("usage: mlps history SYSTEM\n"
		      "\n"
		      "The system's assessments over time (SYSTEM is its name as given to 'mlps new'):\n"
		      "level, progress, rate, score and verdicts of each, a score trend line, and when\n"
		      "the next evaluation is due.\n", stdout);
		return EXIT_OK;
	}
	if (argc != 2)
		return cli_usage("history", "expected SYSTEM");
	if (cli_open_catalog_and_store(cli, &cat, &st, &status))
		return status;
	mlps_error_init(&err);
	if (mlps_store_list(st, &rows, &n, &err)) {
		status = cli_report(&err);
		goto out;
	}
	scores = mlps_calloc(n ? n : 1, sizeof(*scores));
	for (i = 0; i < n; i++) {
		struct mlps_assessment *a;
		struct mlps_score *s;
		const struct mlps_tally *t;
		struct strbuf note = STRBUF_INIT;
		size_t r;

		if (strcmp(rows[i].system, argv[1]))
			continue;
		a = mlps_store_load(st, rows[i].id, &err);
		s = a ? mlps_score_compute(cat, a, &err) : NULL;
		if (!s) {
			mlps_assessment_free(a);
			status = cli_report(&err);
			goto out;
		}
		if (!found)
			strbuf_addf(&out, en ? "%s — assessments over time\n" : "%s — 历次评估\n",
				    mlps_visible(&vis, argv[1], 0));
		t = mlps_score_level(s, a->level);
		mlps_grade_notation(&note, a->sys.s_level, a->sys.a_level, a->level);
		strbuf_addf(&out, "  %4lld  %.10s  %-7s %3d/%-3d  %s %5.1f  %s %5.1f ", a->id, a->created, note.buf,
			    t->answered, t->applicable, en ? "rate" : "符合率", t->rate, en ? "score" : "得分",
			    t->score);
		for (r = 0; r < mlps_score_rules(s)->n_verdicts; r++)
			strbuf_addf(&out, " %s", mlps_text_get(&mlps_score_verdict(s, a->level, r)->band->label, cli->lang));
		if (a->parent)
			strbuf_addf(&out, en ? "  (re-audit of %lld)" : "  （复评自 %lld）", a->parent);
		strbuf_addch(&out, '\n');
		scores[found++] = t->score;
		free(last_created);
		last_created = mlps_strdup(a->created);
		last_level = a->level;
		strbuf_release(&note);
		mlps_score_free(s);
		mlps_assessment_free(a);
	}
	if (!found) {
		cli_errorf("history: no assessments of a system named '%s' (see 'mlps list')", argv[1]);
		status = EXIT_USAGE;
		goto out;
	}
	strbuf_adds(&out, en ? "  score trend: " : "  得分趋势：");
	spark(&out, scores, found);
	strbuf_addf(&out, "  %.1f → %.1f\n", scores[0], scores[found - 1]);
	{
		char due[11], day[11];

		snprintf(day, sizeof(day), "%.10s", last_created);
		if (mlps_next_evaluation(last_level, day, due) == 0)
			strbuf_addf(&out, en ? "  next evaluation due: %s (level %d, counted from the last assessment)\n"
					     : "  下次测评到期：%s（第%d级，从最近一次评估起算）\n", due, last_level);
	}
	status = cli_write_text(out.buf);
out:
	strbuf_release(&vis);
	free(last_created);
	free(scores);
	strbuf_release(&out);
	mlps_store_rows_free(rows, n);
	mlps_error_release(&err);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}
