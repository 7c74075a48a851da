/*
 * cmd_reaudit.c - next year's assessment and what changed:
 * `mlps reaudit`, `mlps diff`, `mlps history`.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "localtime.h"
#include "summary.h"
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
	long long child;
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
	/* A second re-audit of the same base is allowed, but never unnoticed. */
	child = mlps_store_child(st, old->id, &err);
	if (child > 0)
		cli_errorf(cli->lang == MLPS_LANG_EN
				   ? "reaudit: warning: assessment %lld already has a re-audit, assessment %lld; "
				     "this starts another one"
				   : "reaudit: 注意：评估 %lld 已有复评（评估 %lld）；本次另起一份",
			   old->id, child);
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
	int status = EXIT_OK, en = cli->lang == MLPS_LANG_EN, last_level = 0, decided, in_scope;
	char *last_created = NULL;
	const char *name = NULL, *org = NULL;
	long long by_id;
	char created[11];

	if (cli_wants_help(argc, argv)) {
		fputs("usage: mlps history SYSTEM [--org ORG]\n"
		      "       mlps history ASSESSMENT\n"
		      "\n"
		      "A system's assessments over time: level, progress, rate, score and verdicts of\n"
		      "each, a score trend line, and when the next evaluation is due. A system is its\n"
		      "name and organisation: give --org when two organisations have a system of the\n"
		      "same name, or an assessment number to mean that assessment's system.\n", stdout);
		return EXIT_OK;
	}
	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--org") && i + 1 < (size_t)argc)
			org = argv[++i];
		else if (!strncmp(argv[i], "--org=", 6))
			org = argv[i] + 6;
		else if (argv[i][0] == '-' || name)
			return cli_usage("history", "unexpected argument '%s'", argv[i]);
		else
			name = argv[i];
	}
	if (!name)
		return cli_usage("history", "expected SYSTEM or ASSESSMENT");
	if (cli_open_catalog_and_store(cli, &cat, &st, &status))
		return status;
	mlps_error_init(&err);
	if (mlps_store_list(st, &rows, &n, &err)) {
		status = cli_report(&err);
		goto out;
	}
	/* An assessment number stands for its system; the identity is name and organisation. */
	if (!org && cli_parse_id(name, &by_id) == 0) {
		for (i = 0; i < n && rows[i].id != by_id; i++)
			;
		if (i == n) {
			cli_errorf("history: no assessment %lld (see 'mlps list')", by_id);
			status = EXIT_USAGE;
			goto out;
		}
		name = rows[i].system;
		org = rows[i].org ? rows[i].org : "";
	}
	if (!org) {
		/* A name alone must name one system: OA of 甲公司 and OA of 乙公司 are two. */
		struct strbuf orgs = STRBUF_INIT;
		const char *first = NULL;
		int systems = 0;
		size_t j;

		for (i = 0; i < n; i++) {
			const char *o = rows[i].org ? rows[i].org : "";

			if (strcmp(rows[i].system, name))
				continue;
			for (j = 0; j < i; j++)
				if (!strcmp(rows[j].system, name) && !strcmp(rows[j].org ? rows[j].org : "", o))
					break;
			if (j < i)
				continue;   /* this organisation was counted already */
			if (!first)
				first = o;
			systems++;
			strbuf_addf(&orgs, "%s%s (%s)", orgs.len ? ", " : "", name, *o ? o : "-");
		}
		if (systems > 1) {
			cli_errorf("history: several systems are named '%s': %s; say which with --org ORG or an "
				   "assessment number", name, orgs.buf);
			strbuf_release(&orgs);
			status = EXIT_USAGE;
			goto out;
		}
		strbuf_release(&orgs);
		org = first ? first : "";
	}
	scores = mlps_calloc(n ? n : 1, sizeof(*scores));
	for (i = 0; i < n; i++) {
		struct mlps_assessment *a;
		struct mlps_score *s;
		const struct mlps_tally *t;
		struct strbuf note = STRBUF_INIT;
		size_t r;

		if (strcmp(rows[i].system, name) || strcmp(rows[i].org ? rows[i].org : "", org))
			continue;
		a = mlps_store_load(st, rows[i].id, &err);
		s = a ? mlps_score_compute(cat, a, &err) : NULL;
		if (!s) {
			mlps_assessment_free(a);
			status = cli_report(&err);
			goto out;
		}
		if (!found) {
			/* Both come from the database: control characters are shown, never sent. */
			struct strbuf vorg = STRBUF_INIT;

			strbuf_addf(&out, en ? "%s%s%s — assessments over time\n" : "%s%s%s — 历次评估\n",
				    mlps_visible(&vis, name, 0), *org ? " · " : "", *org ? mlps_visible(&vorg, org, 0) : "");
			strbuf_release(&vorg);
		}
		t = mlps_score_level(s, a->level);
		mlps_grade_notation(&note, a->sys.s_level, a->sys.a_level, a->level);
		mlps_score_progress(s, a->level, &decided, &in_scope);
		mlps_local_date(created, a->created);
		strbuf_addf(&out, "  %4lld  %s  %-7s %3d/%-3d  %s %5.1f  %s %5.1f ", a->id, created, note.buf,
			    decided, in_scope, en ? "rate" : "符合率", t->rate, en ? "score" : "得分", t->score);
		for (r = 0; r < mlps_score_rules(s)->n_verdicts; r++)
			strbuf_addf(&out, " %s", mlps_text_get(&mlps_score_verdict(s, a->level, r)->band->label, cli->lang));
		if (a->parent)
			strbuf_addf(&out, en ? "  (re-audit of %lld)" : "  （复评自 %lld）", a->parent);
		if (mlps_score_unconfirmed(s)) {
			strbuf_adds(&out, "  ");
			mlps_summary_carried(&out, s, cli->lang);
		}
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
		cli_errorf("history: no assessments of a system named '%s'%s%s (see 'mlps list')", name,
			   *org ? " of " : "", org);
		status = EXIT_USAGE;
		goto out;
	}
	strbuf_adds(&out, en ? "  score trend: " : "  得分趋势：");
	spark(&out, scores, found);
	strbuf_addf(&out, "  %.1f → %.1f\n", scores[0], scores[found - 1]);
	{
		char due[11], day[11];

		mlps_local_date(day, last_created);
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
