/*
 * cmd_life.c - an assessment's life after `mlps new`: `mlps set` (correct
 * its identity, change its level or extensions), `mlps finalise` (sign it
 * off), `mlps reopen`, `mlps delete`, and `mlps log` (its trail).
 *
 * The store checks the assessment's status inside each write's own
 * transaction; the checks here only make the messages precise before
 * anything is opened for writing.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "localtime.h"
#include "grading.h"
#include "score.h"
#include "store.h"
#include "usertext.h"

static const char set_usage[] =
	"usage: mlps set ASSESSMENT [--system NAME] [--org ORG] [--assessor NAME]\n"
	"                [--level N | --business OBJ:HARM --service OBJ:HARM]\n"
	"                [--ext LIST] [--flags LIST]\n"
	"\n"
	"Corrects or changes a draft assessment; options not given keep their values.\n"
	"  --system NAME      the system's name; when another system already has this\n"
	"                     name and organisation, the assessment joins its history\n"
	"  --org ORG          the organisation ('' for none)\n"
	"  --assessor NAME    who assesses ('' for nobody yet)\n"
	"  --level N          target level 1-4, or grade again (GB/T 22240) with\n"
	"  --business OBJ:HARM --service OBJ:HARM\n"
	"  --ext LIST         the extensions, replacing the old ones: cloud,mobile,iot,ics\n"
	"                     ('' for the general requirements only)\n"
	"  --flags LIST       continuity,key-industry,cloud-platform,cloud-customer ('' for none)\n"
	"Answers are kept by requirement: the answers of items that leave the scope are\n"
	"kept, hidden, and count again when the scope returns. Prints what changed and how\n"
	"many items entered and left the scope.\n";

static const char finalise_usage[] =
	"usage: mlps finalise ASSESSMENT [--assessor NAME] [--reviewer NAME] [--date YYYY-MM-DD]\n"
	"                     [--force]\n"
	"\n"
	"Signs an assessment off: it becomes final, its reports drop the draft mark and\n"
	"carry the sign-off (assessor, reviewer, date, catalogue and rules), and every\n"
	"change is refused until 'mlps reopen'.\n"
	"  --assessor NAME    who signs (required unless the assessment names one)\n"
	"  --reviewer NAME    who reviewed\n"
	"  --date YYYY-MM-DD  the date of the sign-off (default: today)\n"
	"  --force            sign although items are unanswered or to confirm; the\n"
	"                     number left open is recorded and printed in the sign-off\n";

static const char reopen_usage[] =
	"usage: mlps reopen ASSESSMENT --reason TEXT\n"
	"\n"
	"Returns a final assessment to draft, recording why (the log keeps it).\n";

static const char delete_usage[] =
	"usage: mlps delete ASSESSMENT [--yes] [--force]\n"
	"\n"
	"Deletes an assessment with its objects, answers and log.\n"
	"  --yes      do not ask (required when standard input is not a terminal)\n"
	"  --force    delete a final (signed-off) assessment too\n"
	"An assessment that a re-audit starts from is refused: delete the re-audit first.\n";

static const char log_usage[] =
	"usage: mlps log ASSESSMENT [ID|KEY] [--format text|json]\n"
	"\n"
	"The trail of an assessment, oldest first: when, who, the item (and object),\n"
	"old -> new status and which texts changed; and the assessment's own events\n"
	"(set, finalise, reopen). With ID, that item's history only.\n"
	"json follows schema mlps-log/1 (docs/formats.md).\n";

/* Message in the language of --lang / the locale (cli_message_lang). */
static const char *tr(const struct cli *cli, const char *zh, const char *en)
{
	return cli->msg_lang == MLPS_LANG_ZH ? zh : en;
}

/* Today as YYYY-MM-DD (the date of MLPS_NOW when set, for reproducible tests). */
static void today(char out[11])
{
	const char *fixed = getenv("MLPS_NOW");
	time_t t = time(NULL);
	struct tm tm;

	if (fixed && strlen(fixed) >= 10) {
		memcpy(out, fixed, 10);
		out[10] = '\0';
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* "general,cloud" */
static void ext_list(struct strbuf *sb, unsigned ext)
{
	int e;

	for (e = 0; e < MLPS_EXT_COUNT; e++)
		if (ext & MLPS_EXT_BIT(e))
			strbuf_addf(sb, "%s%s", sb->len ? "," : "", mlps_ext_name((enum mlps_ext)e));
}

int cmd_set(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "system", required_argument, NULL, 's' },   { "org", required_argument, NULL, 'o' },
		{ "assessor", required_argument, NULL, 'a' }, { "level", required_argument, NULL, 'l' },
		{ "business", required_argument, NULL, 'b' }, { "service", required_argument, NULL, 'v' },
		{ "ext", required_argument, NULL, 'e' },      { "flags", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },           { NULL, 0, NULL, 0 },
	};
	struct mlps_store_changes ch = { NULL, NULL, NULL, 0, -1, -1, -1, -1, NULL };
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_error err;
	struct strbuf detail = STRBUF_INIT, out = STRBUF_INIT, x = STRBUF_INIT;
	struct mlps_scope_change sc;
	const char *id = NULL;
	enum mlps_harmed obj;
	enum mlps_harm harm;
	unsigned ext = 0, flags = 0;
	int c, status = EXIT_OK, s_level = 0, a_level = 0, level, n_opts = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(set_usage, stdout);
		return EXIT_OK;
	}
	mlps_error_init(&err);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-", opts, NULL)) != -1) {
		n_opts += c != 1;
		switch (c) {
		case 1:
			if (id)
				return cli_usage("set", "unexpected argument '%s'", optarg);
			id = optarg;
			break;
		case 's':
			if (!*optarg)
				return cli_usage("set", "%s", tr(cli, "--system：系统名称不能为空",
								 "--system: the name cannot be empty"));
			ch.system = optarg;
			break;
		case 'o': ch.org = optarg; break;
		case 'a': ch.assessor = optarg; break;
		case 'l':
			if (cli_parse_level(optarg, &ch.level))
				return cli_usage("set", "--level: '%s' is not a level from 1 to 4", optarg);
			break;
		case 'b':
		case 'v':
			if (mlps_grade_parse(optarg, &obj, &harm))
				return cli_usage("set", "%s: '%s' is not OBJ:HARM (OBJ citizen|society|nation, "
						 "HARM general|serious|especially-serious)",
						 c == 'b' ? "--business" : "--service", optarg);
			*(c == 'b' ? &s_level : &a_level) = mlps_grade_level(obj, harm);
			break;
		case 'e':
			if (mlps_ext_parse_list(optarg, &ext, &err))
				goto usage_err;
			ch.ext = ext;
			break;
		case 'f':
			if (mlps_condition_parse_list(optarg, &flags, &err))
				goto usage_err;
			ch.flags = flags;
			break;
		default:
			return cli_usage("set", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (!id)
		return cli_usage("set", "expected ASSESSMENT");
	if (!n_opts)
		return cli_usage("set", "%s", tr(cli, "没有要修改的内容：给出 --system、--org、--assessor、--level、"
						      "--ext 或 --flags 中的至少一项",
					    "nothing to change: give at least one of --system, --org, --assessor, "
					    "--level, --ext, --flags"));
	if (!!s_level != !!a_level)
		return cli_usage("set", "--business and --service go together");
	if (s_level && ch.level)
		return cli_usage("set", "give either --level or --business/--service, not both");
	if (s_level) {
		ch.s_level = s_level;
		ch.a_level = a_level;
		ch.level = s_level > a_level ? s_level : a_level;
		if (ch.level > MLPS_LEVEL_MAX)
			return cli_usage("set", "the grading gives level %d: mlps assesses levels 1 to 4 only", ch.level);
	}
	{
		const char *names[] = { "--system", "--org", "--assessor" };
		const char *texts[] = { ch.system, ch.org, ch.assessor };

		for (size_t i = 0; i < 3; i++)
			if (mlps_text_check_size(names[i], texts[i], &err)) {
				status = cli_report(&err);
				goto out;
			}
	}
	if (cli_open_assessment(cli, id, "set", &cat, &st, &a, &status))
		goto out;
	if (a->status == MLPS_FINAL) {
		cli_errorf(tr(cli, "set: 评估 %s 已定稿（已签署）；先用 'mlps reopen %s --reason 理由' 重新打开；未作任何修改",
			      "set: assessment %s is final (signed off); reopen it first with 'mlps reopen %s "
			      "--reason TEXT'; nothing was changed"), id, id);
		status = EXIT_USAGE;
		goto out;
	}
	level = ch.level ? ch.level : a->level;
	ext = ch.ext >= 0 ? (unsigned)ch.ext : a->ext;
	mlps_scope_change(cat, a, level, ext, &sc);
	/* The log line (machine-read words, English) and what the user sees. */
	if (ch.system && strcmp(ch.system, a->sys.name))
		strbuf_addf(&detail, "%ssystem %s -> %s", detail.len ? "; " : "", a->sys.name, ch.system);
	if (ch.org && strcmp(ch.org, a->sys.org ? a->sys.org : ""))
		strbuf_addf(&detail, "%sorg %s -> %s", detail.len ? "; " : "", a->sys.org ? a->sys.org : "-",
			    *ch.org ? ch.org : "-");
	if (ch.assessor && strcmp(ch.assessor, a->assessor ? a->assessor : ""))
		strbuf_addf(&detail, "%sassessor %s -> %s", detail.len ? "; " : "", a->assessor ? a->assessor : "-",
			    *ch.assessor ? ch.assessor : "-");
	if (level != a->level)
		strbuf_addf(&detail, "%slevel %d -> %d", detail.len ? "; " : "", a->level, level);
	if (ext != a->ext) {
		strbuf_addf(&detail, "%sext ", detail.len ? "; " : "");
		ext_list(&x, a->ext);
		strbuf_addf(&detail, "%s -> ", x.buf);
		strbuf_reset(&x);
		ext_list(&x, ext);
		strbuf_adds(&detail, x.buf);
	}
	if (ch.flags >= 0 && (unsigned)ch.flags != a->sys.flags)
		strbuf_addf(&detail, "%sflags changed", detail.len ? "; " : "");
	if (s_level)
		strbuf_addf(&detail, "%sgrading S%dA%d", detail.len ? "; " : "", s_level, a_level);
	if (sc.entered || sc.left)
		strbuf_addf(&detail, "; scope +%d -%d items, %d answers hidden, %d back", sc.entered, sc.left,
			    sc.hidden, sc.back);
	ch.detail = detail.buf;
	if (mlps_store_set(st, a->id, &ch, NULL, &err)) {
		status = cli_report(&err);
		goto out;
	}
	strbuf_addf(&out, tr(cli, "评估 %s：%s\n", "assessment %s: %s\n"), id,
		    detail.len ? detail.buf : tr(cli, "没有变化", "nothing changed"));
	if (sc.entered || sc.left)
		strbuf_addf(&out, tr(cli, "范围：%d 项进入，%d 项移出（其 %d 条答案保留但隐藏，范围恢复时重新计入）；"
				     "%d 条原有答案重新计入\n",
				     "scope: %d items entered, %d left (their %d answers are kept, hidden, and count "
				     "again when the scope returns); %d earlier answers count again\n"),
			    sc.entered, sc.left, sc.hidden, sc.back);
	else if (level != a->level || ext != a->ext)
		strbuf_adds(&out, tr(cli, "范围：没有条款进入或移出\n", "scope: no item entered or left\n"));
	status = cli_write_text(out.buf);
out:
	strbuf_release(&detail);
	strbuf_release(&out);
	strbuf_release(&x);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
usage_err:
	status = cli_usage("set", "%s", mlps_error_message(&err));
	mlps_error_release(&err);
	return status;
}

int cmd_finalise(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "assessor", required_argument, NULL, 'a' }, { "reviewer", required_argument, NULL, 'r' },
		{ "date", required_argument, NULL, 'd' },     { "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },           { NULL, 0, NULL, 0 },
	};
	struct mlps_signoff so;
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_score *s = NULL;
	struct mlps_error err;
	struct strbuf catalog = STRBUF_INIT, out = STRBUF_INIT;
	const struct mlps_tally *t;
	const char *id = NULL, *base;
	char date[11];
	bool force = false;
	int c, status = EXIT_OK;

	if (cli_wants_help(argc, argv)) {
		fputs(finalise_usage, stdout);
		return EXIT_OK;
	}
	memset(&so, 0, sizeof(so));
	mlps_error_init(&err);
	today(date);
	so.date = date;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-", opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (id)
				return cli_usage("finalise", "unexpected argument '%s'", optarg);
			id = optarg;
			break;
		case 'a': so.assessor = optarg; break;
		case 'r': so.reviewer = optarg; break;
		case 'd':
			if (!mlps_date_valid(optarg))
				return cli_usage("finalise", "%s '%s' %s", "--date:", optarg,
						 tr(cli, "不是有效日期（YYYY-MM-DD）", "is not a date (YYYY-MM-DD)"));
			so.date = optarg;
			break;
		case 'F': force = true; break;
		default:
			return cli_usage("finalise", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (!id)
		return cli_usage("finalise", "expected ASSESSMENT");
	if (cli_open_assessment(cli, id, "finalise", &cat, &st, &a, &status))
		goto out;
	if (!so.assessor || !*so.assessor)
		so.assessor = a->assessor;
	if (!so.assessor || !*so.assessor) {
		status = cli_usage("finalise", "%s", tr(cli, "签署需要评估人：给出 --assessor 姓名",
						      "a sign-off needs the assessor: give --assessor NAME"));
		goto out;
	}
	if (a->status == MLPS_FINAL) {
		cli_errorf(tr(cli, "finalise: 评估 %s 已经定稿；未作任何修改",
			      "finalise: assessment %s is already final; nothing was changed"), id);
		status = EXIT_USAGE;
		goto out;
	}
	s = mlps_score_compute(cat, a, &err);
	if (!s) {
		status = cli_report(&err);
		goto out;
	}
	t = mlps_score_level(s, a->level);
	so.open = t->n[MLPS_ST_UNANSWERED] + t->n[MLPS_ST_TODO];
	if (so.open && !force) {
		cli_errorf(tr(cli, "finalise: 评估 %s 还有 %d 项未答或待确认；答完后再签署，或用 --force 签署"
			      "（记录未完成的项数）；未作任何修改",
			      "finalise: assessment %s has %d items unanswered or to confirm; answer them first, "
			      "or sign with --force (the number left open is recorded); nothing was changed"),
			   id, so.open);
		status = EXIT_USAGE;
		goto out;
	}
	base = strrchr(mlps_catalog_dir(cat), '/');
	strbuf_addf(&catalog, "%s %s", base ? base + 1 : mlps_catalog_dir(cat), mlps_catalog_hash(cat));
	so.catalog = catalog.buf;
	so.rules = mlps_catalog_rules(cat) ? mlps_catalog_rules(cat)->id : NULL;
	if (mlps_store_finalise(st, a->id, &so, NULL, &err)) {
		status = cli_report(&err);
		goto out;
	}
	strbuf_addf(&out, tr(cli, "评估 %s 已定稿：评估人 %s，审核人 %s，日期 %s", "assessment %s is final: "
			     "assessor %s, reviewer %s, date %s"), id, so.assessor,
		    so.reviewer && *so.reviewer ? so.reviewer : tr(cli, "无", "none"), so.date);
	if (so.open)
		strbuf_addf(&out, tr(cli, "，%d 项未完成", ", %d items open"), so.open);
	strbuf_addch(&out, '\n');
	status = cli_write_text(out.buf);
out:
	strbuf_release(&catalog);
	strbuf_release(&out);
	mlps_score_free(s);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}

int cmd_reopen(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_error err;
	const char *id = NULL, *reason = NULL;
	int c, status = EXIT_OK;

	if (cli_wants_help(argc, argv)) {
		fputs(reopen_usage, stdout);
		return EXIT_OK;
	}
	mlps_error_init(&err);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-", opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (id)
				return cli_usage("reopen", "unexpected argument '%s'", optarg);
			id = optarg;
			break;
		case 'r': reason = optarg; break;
		default:
			return cli_usage("reopen", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (!id)
		return cli_usage("reopen", "expected ASSESSMENT");
	if (!reason || !*reason)
		return cli_usage("reopen", "%s", tr(cli, "重新打开需要理由：--reason 理由",
						    "reopening needs a reason: --reason TEXT"));
	if (mlps_text_check_size("reopen: --reason", reason, &err)) {
		status = cli_report(&err);
		goto out;
	}
	if (cli_open_assessment(cli, id, "reopen", &cat, &st, &a, &status))
		goto out;
	if (a->status != MLPS_FINAL) {
		cli_errorf(tr(cli, "reopen: 评估 %s 是草稿，不是定稿；未作任何修改",
			      "reopen: assessment %s is a draft, not final; nothing was changed"), id);
		status = EXIT_USAGE;
		goto out;
	}
	if (mlps_store_reopen(st, a->id, reason, NULL, &err)) {
		status = cli_report(&err);
		goto out;
	}
	printf(tr(cli, "评估 %s 已重新打开为草稿\n", "assessment %s is a draft again\n"), id);
out:
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}

/* Asks on the terminal; true only for an answer that starts with y (or 是). */
static bool confirm(const char *question)
{
	char line[64];

	fputs(question, stderr);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	return line[0] == 'y' || line[0] == 'Y' || !strncmp(line, "是", strlen("是"));
}

int cmd_delete(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "yes", no_argument, NULL, 'y' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_error err;
	struct strbuf q = STRBUF_INIT;
	const char *id = NULL;
	bool yes = false, force = false;
	int c, status = EXIT_OK;

	if (cli_wants_help(argc, argv)) {
		fputs(delete_usage, stdout);
		return EXIT_OK;
	}
	mlps_error_init(&err);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-y", opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (id)
				return cli_usage("delete", "unexpected argument '%s'", optarg);
			id = optarg;
			break;
		case 'y': yes = true; break;
		case 'F': force = true; break;
		default:
			return cli_usage("delete", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (!id)
		return cli_usage("delete", "expected ASSESSMENT");
	if (cli_open_assessment(cli, id, "delete", &cat, &st, &a, &status))
		goto out;
	if (a->status == MLPS_FINAL && !force) {
		cli_errorf(tr(cli, "delete: 评估 %s 已定稿（已签署）；删除需要 --force；未删除任何内容",
			      "delete: assessment %s is final (signed off); deleting it needs --force; nothing "
			      "was deleted"), id);
		status = EXIT_USAGE;
		goto out;
	}
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			status = cli_usage("delete", "%s", tr(cli, "标准输入不是终端，无法确认：加 --yes 删除",
							      "standard input is not a terminal to ask on: add "
							      "--yes to delete"));
			goto out;
		}
		strbuf_addf(&q, tr(cli, "删除评估 %s（%s，第%d级，%zu 条答案）？[y/N] ",
				   "Delete assessment %s (%s, level %d, %zu answers)? [y/N] "), id, a->sys.name,
			    a->level, a->n_answers);
		if (!confirm(q.buf)) {
			fputs(tr(cli, "未删除\n", "nothing was deleted\n"), stderr);
			status = EXIT_RUNTIME;
			goto out;
		}
	}
	if (mlps_store_delete_ex(st, a->id, force, &err)) {
		status = cli_report(&err);
		goto out;
	}
	printf(tr(cli, "评估 %s 已删除\n", "assessment %s deleted\n"), id);
out:
	strbuf_release(&q);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}

/* The ID of a requirement at the assessment's level (its key when it has none there). */
static const char *shown_id(const struct mlps_catalog *cat, const struct mlps_assessment *a, const char *key)
{
	const struct mlps_requirement *req = key ? mlps_catalog_find_key(cat, key) : NULL;
	int l;

	if (!req)
		return key;
	if (req->ids[a->level])
		return req->ids[a->level];
	for (l = MLPS_LEVEL_MAX; l >= MLPS_LEVEL_MIN; l--)
		if (req->ids[l])
			return req->ids[l];
	return key;
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *changed_array(const char *list)
{
	json_t *arr = json_array();
	const char *p = list;

	while (p && *p) {
		size_t len = strcspn(p, ",");

		json_array_append_new(arr, json_stringn(p, len));
		p += len;
		if (*p == ',')
			p++;
	}
	return arr;
}

int cmd_log(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_log_entry *e = NULL;
	struct mlps_error err;
	struct strbuf out = STRBUF_INIT;
	const struct mlps_requirement *req = NULL;
	const char *pos[2] = { NULL, NULL };
	size_t n = 0, i;
	int c, npos = 0, json = 0, status = EXIT_OK;

	if (cli_wants_help(argc, argv)) {
		fputs(log_usage, stdout);
		return EXIT_OK;
	}
	mlps_error_init(&err);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-", opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (npos == 2)
				return cli_usage("log", "unexpected argument '%s'", optarg);
			pos[npos++] = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (strcmp(optarg, "text"))
				return cli_usage("log", "--format: '%s' is not text or json", optarg);
			break;
		default:
			return cli_usage("log", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (!npos)
		return cli_usage("log", "expected ASSESSMENT");
	if (cli_open_assessment(cli, pos[0], "log", &cat, &st, &a, &status))
		goto out;
	if (pos[1] && !(req = mlps_catalog_find(cat, pos[1]))) {
		cli_errorf(tr(cli, "log: 没有编号或键为 '%s' 的要求（见 'mlps catalog list'）",
			      "log: no requirement has the ID or key '%s' (see 'mlps catalog list')"), pos[1]);
		status = EXIT_USAGE;
		goto out;
	}
	if (mlps_store_log(st, a->id, req ? req->key : NULL, &e, &n, &err)) {
		status = cli_report(&err);
		goto out;
	}
	if (json) {
		json_t *root = json_object(), *arr = json_array();
		char *dump;

		json_object_set_new(root, "schema", json_string("mlps-log/1"));
		json_object_set_new(root, "assessment", json_integer(a->id));
		for (i = 0; i < n; i++) {
			json_t *o = json_object();

			json_object_set_new(o, "at", jstr(e[i].at));
			json_object_set_new(o, "who", jstr(e[i].who));
			if (e[i].event) {
				json_object_set_new(o, "event", json_string(e[i].event));
				json_object_set_new(o, "detail", jstr(e[i].detail));
			} else {
				json_object_set_new(o, "id", jstr(shown_id(cat, a, e[i].key)));
				json_object_set_new(o, "key", jstr(e[i].key));
				json_object_set_new(o, "object", jstr(e[i].object));
				json_object_set_new(o, "old", jstr(e[i].old_status));
				json_object_set_new(o, "new", jstr(e[i].new_status));
				json_object_set_new(o, "changed", changed_array(e[i].changed));
			}
			json_array_append_new(arr, o);
		}
		json_object_set_new(root, "entries", arr);
		dump = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		strbuf_adds(&out, dump);
		strbuf_addch(&out, '\n');
		free(dump);
		json_decref(root);
		status = cli_write_stdout(out.buf);
		goto out;
	}
	if (!n)
		strbuf_adds(&out, tr(cli, "（没有记录）\n", "(no changes recorded)\n"));
	for (i = 0; i < n; i++) {
		char when[17];

		/* People read local time; --format json keeps the stored UTC. */
		mlps_local_datetime(when, e[i].at);
		strbuf_addf(&out, "%s  %s  ", *when ? when : "?", e[i].who ? e[i].who : "?");
		if (e[i].event) {
			strbuf_addf(&out, "[%s] %s\n", e[i].event, e[i].detail ? e[i].detail : "");
			continue;
		}
		strbuf_adds(&out, shown_id(cat, a, e[i].key));
		if (e[i].object && a->n_objects > 1)
			strbuf_addf(&out, " @ %s", e[i].object);
		else if (e[i].object && a->n_objects == 1 && strcmp(e[i].object, a->objects[0].name))
			strbuf_addf(&out, " @ %s", e[i].object);
		strbuf_addf(&out, "  %s -> %s", e[i].old_status ? e[i].old_status : "-",
			    e[i].new_status ? e[i].new_status : "?");
		if (e[i].changed)
			strbuf_addf(&out, "  (%s)", e[i].changed);
		strbuf_addch(&out, '\n');
	}
	status = cli_write_text(out.buf);
out:
	mlps_store_log_free(e, n);
	strbuf_release(&out);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}
