/*
 * cmd_assess.c - the assessment life cycle from the shell:
 * `mlps new`, `mlps list`, `mlps answer`, `mlps score`.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "localtime.h"
#include "exchange.h"
#include "grading.h"
#include "score.h"
#include "store.h"
#include "summary.h"
#include "usertext.h"
#include "utf8.h"

static const char new_usage[] =
	"usage: mlps new --system NAME (--level N | --business OBJ:HARM --service OBJ:HARM)\n"
	"                [--ext LIST] [--org ORG] [--flags LIST] [--assessor NAME]\n"
	"                [--object KIND:NAME]...\n"
	"\n"
	"Creates an assessment and prints its number alone on stdout.\n"
	"  --level N          target level 1-4, or find it by grading (GB/T 22240):\n"
	"  --business OBJ:HARM, --service OBJ:HARM\n"
	"                     OBJ citizen|society|nation, HARM general|serious|especially-serious\n"
	"  --ext LIST         extensions: cloud,mobile,iot,ics\n"
	"  --flags LIST       system properties used by high-risk scenarios:\n"
	"                     continuity,key-industry,cloud-platform,cloud-customer\n"
	"  --object KIND:NAME an evaluation object (repeatable), e.g. server:web01;\n"
	"                     kinds: room network security server database middleware\n"
	"                     application terminal data iot-node ics-device\n"
	"                     cloud-platform mobile-terminal system ('mlps object --help').\n"
	"                     The system object, named after the system, is always there.\n";

static const char answer_usage[] =
	"usage: mlps answer ASSESSMENT ID|KEY STATUS [options]\n"
	"\n"
	"Records one answer; it is saved (and logged) the moment the command succeeds.\n"
	"ID is the requirement's ID at any level (L3-CES1-01) or its key (ces.ia.a).\n"
	"STATUS: compliant|partial|noncompliant|na|todo|unanswered\n"
	"        (or 符合|部分符合|不符合|不适用|待确认)\n"
	"  --note T, --evidence T     free text\n"
	"  --reason T                 why it is not applicable (required with na, except for\n"
	"                             a cloud item of the other role: its reason is prepared)\n"
	"  --risk high|medium|low|none --mitigation T\n"
	"                             override the gap's risk, with the measure that justifies it\n"
	"  --owner T --due YYYY-MM-DD [--plan open|in-progress|done]\n"
	"                             remediation plan\n"
	"  --object NAME              the evaluation object answered (see 'mlps object list');\n"
	"                             needed when the item is assessed on several objects\n"
	"  --all-objects              the same answer on every object the item is assessed on\n"
	"Options not given keep their previous values; an empty text clears one.\n"
	"Prints what it recorded: ID @ OBJECT: STATUS, one line per object.\n";

static const char score_usage[] =
	"usage: mlps score ASSESSMENT [--explain] [--format text|json]\n"
	"\n"
	"The 2025 conclusion first, then the 2021 composite score and grade for\n"
	"comparison; rate, coverage, control-point scores and conclusions per level,\n"
	"the high-risk findings and the per-category figures. --explain lists the\n"
	"deductions largest first and, for each conclusion, the unmet conditions of\n"
	"every better band. json follows schema mlps-score/2 (docs/formats.md).\n";

static const char list_usage[] =
	"usage: mlps list [--format text|tsv|json]\n"
	"\n"
	"Every assessment in the database with its level, progress, score and verdicts.\n"
	"tsv columns: id system org level notation extensions created status answered\n"
	"applicable rate score unconfirmed parent\n";

static int parse_grade(const char *cmd, const char *opt, const char *arg, int *level)
{
	enum mlps_harmed obj;
	enum mlps_harm harm;

	if (mlps_grade_parse(arg, &obj, &harm))
		return cli_usage(cmd, "%s: '%s' is not OBJ:HARM (OBJ citizen|society|nation, "
				      "HARM general|serious|especially-serious)", opt, arg);
	*level = mlps_grade_level(obj, harm);
	return 0;
}

/*
 * Refuses any of the n texts (NULL: not given) larger than MLPS_TEXT_MAX,
 * naming the option: prints and returns EXIT_USAGE, else EXIT_OK. Checked
 * before anything is opened, so a refused command changes nothing.
 */
static int check_text_sizes(const char *cmd, size_t n, const char *const *names, const char *const *texts)
{
	struct mlps_error err;
	struct strbuf field = STRBUF_INIT;
	int status = EXIT_OK;
	size_t i;

	mlps_error_init(&err);
	for (i = 0; i < n && status == EXIT_OK; i++) {
		strbuf_reset(&field);
		strbuf_addf(&field, "%s: %s", cmd, names[i]);
		if (mlps_text_check_size(field.buf, texts[i], &err))
			status = cli_report(&err);
	}
	strbuf_release(&field);
	mlps_error_release(&err);
	return status;
}

int cmd_new(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "system", required_argument, NULL, 's' }, { "level", required_argument, NULL, 'l' },
		{ "business", required_argument, NULL, 'b' }, { "service", required_argument, NULL, 'v' },
		{ "ext", required_argument, NULL, 'e' },      { "org", required_argument, NULL, 'o' },
		{ "flags", required_argument, NULL, 'f' },    { "assessor", required_argument, NULL, 'a' },
		{ "object", required_argument, NULL, 'j' },   { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char **objects = NULL;
	size_t n_objects = 0, alloc_objects = 0, i;
	struct mlps_assessment a;
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_error err;
	const char *system = NULL, *org = NULL, *assessor = NULL;
	int level = 0, s_level = 0, a_level = 0, c, status = EXIT_OK;
	unsigned ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL), flags = 0;

	mlps_error_init(&err);
	memset(&a, 0, sizeof(a));
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			system = optarg;
			break;
		case 'l':
			if (cli_parse_level(optarg, &level))
				return cli_usage("new", "--level: '%s' is not a level from 1 to 4", optarg);
			break;
		case 'b':
			if (parse_grade("new", "--business", optarg, &s_level))
				return EXIT_USAGE;
			break;
		case 'v':
			if (parse_grade("new", "--service", optarg, &a_level))
				return EXIT_USAGE;
			break;
		case 'e':
			if (mlps_ext_parse_list(optarg, &ext, &err))
				goto usage_err;
			break;
		case 'o':
			org = optarg;
			break;
		case 'f':
			if (mlps_condition_parse_list(optarg, &flags, &err))
				goto usage_err;
			break;
		case 'a':
			assessor = optarg;
			break;
		case 'j':
			mlps_grow((void **)&objects, &alloc_objects, n_objects + 1, sizeof(*objects));
			objects[n_objects++] = optarg;
			break;
		case 'h':
			free((void *)objects);
			fputs(new_usage, stdout);
			return EXIT_OK;
		default:
			free((void *)objects);
			return cli_usage("new", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc) {
		status = cli_usage("new", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (!system || !*system) {
		status = cli_usage("new", "--system NAME is required");
		goto out;
	}
	if (check_text_sizes("new", 3, (const char *const[]){ "--system", "--org", "--assessor" },
			     (const char *const[]){ system, org, assessor })) {
		status = EXIT_USAGE;
		goto out;
	}
	if (!!s_level != !!a_level) {
		status = cli_usage("new", "--business and --service go together");
		goto out;
	}
	if (level && s_level) {
		status = cli_usage("new", "give either --level or --business/--service, not both");
		goto out;
	}
	if (!level && !s_level) {
		status = cli_usage("new", "give --level N or --business OBJ:HARM --service OBJ:HARM");
		goto out;
	}
	if (s_level) {
		level = s_level > a_level ? s_level : a_level;
		if (level > MLPS_LEVEL_MAX) {
			struct strbuf n = STRBUF_INIT;

			mlps_grade_notation(&n, s_level, a_level, level);
			cli_errorf("new: the grading gives %s, level %d: its requirements are not published, "
				   "so mlps assesses levels 1 to 4 only", n.buf, level);
			strbuf_release(&n);
			status = EXIT_USAGE;
			goto out;
		}
	}
	cat = cli_load_catalog(cli, &status);
	if (!cat)
		goto out;
	if (!mlps_catalog_rules(cat)) {
		cli_errorf("new: %s: the profile set has no rules file", mlps_catalog_dir(cat));
		status = EXIT_USAGE;
		goto out;
	}
	/* The cloud items differ for a provider and a customer: say what to set when it does not add up. */
	if ((ext & MLPS_EXT_BIT(MLPS_EXT_CLOUD)) && !(flags & MLPS_COND_CLOUD_ANY))
		cli_errorf("new: warning: the cloud extension is chosen but not the system's role; add "
			   "--flags cloud-platform (a cloud platform) or --flags cloud-customer (a system on a "
			   "cloud), so that items for the other role can be set not applicable");
	if (!(ext & MLPS_EXT_BIT(MLPS_EXT_CLOUD)) && (flags & MLPS_COND_CLOUD_ANY))
		cli_errorf("new: warning: --flags names a cloud role but the cloud extension is not chosen; "
			   "add --ext cloud, or drop the role");
	a.sys.name = mlps_strdup(system);
	mlps_assessment_system_object(&a);
	for (i = 0; i < n_objects; i++) {
		const char *colon = strchr(objects[i], ':');
		char *kind;

		if (!colon) {
			status = cli_usage("new", "--object: '%s' is not KIND:NAME (e.g. server:web01)", objects[i]);
			goto out;
		}
		kind = mlps_strndup(objects[i], (size_t)(colon - objects[i]));
		if (mlps_object_check(cat, &a, colon + 1, kind, &err)) {
			free(kind);
			status = cli_usage("new", "--object %s: %s", objects[i], mlps_error_message(&err));
			goto out;
		}
		mlps_assessment_add_object(&a, colon + 1, kind, MLPS_IMP_IMPORTANT, NULL);
		free(kind);
	}
	st = cli_open_store(cli, true, &status);
	if (!st)
		goto out;
	mlps_store_set_catalog(st, cat);
	a.sys.org = org && *org ? mlps_strdup(org) : NULL;
	a.sys.s_level = s_level;
	a.sys.a_level = a_level;
	a.sys.flags = flags;
	a.level = level;
	a.ext = ext;
	a.profile_hash = mlps_strdup(mlps_catalog_hash(cat));
	a.rules_id = mlps_strdup(mlps_catalog_rules(cat)->id);
	a.assessor = assessor ? mlps_strdup(assessor) : NULL;
	if (mlps_store_create(st, &a, &err)) {
		status = cli_report(&err);
		goto out;
	}
	status = cli_print_created("new", a.id);
out:
	free((void *)objects);
	for (i = 0; i < a.n_objects; i++) {
		free(a.objects[i].name);
		free(a.objects[i].kind);
		free(a.objects[i].desc);
	}
	free(a.objects);
	free(a.sys.name);
	free(a.sys.org);
	free(a.profile_hash);
	free(a.rules_id);
	free(a.assessor);
	free(a.created);
	free(a.updated);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
usage_err:
	free((void *)objects);
	status = cli_usage("new", "%s", mlps_error_message(&err));
	mlps_error_release(&err);
	return status;
}

/* Replaces *field with a copy of value; an empty value clears it. */
static void set_text(char **field, const char *value)
{
	free(*field);
	*field = value && *value ? mlps_strdup(value) : NULL;
}

/* What `mlps answer` was told to change; NULL fields are left as they were. */
struct answer_change {
	enum mlps_status status;
	enum mlps_lang lang;            /* of a prepared N/A reason */
	const char *note, *evidence, *reason, *risk, *mitigation, *owner, *due, *plan;
	enum mlps_risk risk_value;      /* risk and plan, parsed once before anything is read */
	enum mlps_plan plan_value;
	const struct mlps_requirement *req;
	int *plan_kept;                 /* set when a compliant answer left an owned plan open */
	int level;                      /* the assessment's target level */
	unsigned flags;                 /* the system's condition flags (cloud role) */
};

/*
 * Applies the change to one answer (the stored one, or a fresh one with key
 * and object set) and checks the result. Only the fields the command names
 * change, so two writers of one item never revert each other's texts. Also
 * the edit callback of mlps_store_edit_answer(), which runs it on the row
 * as it is under the write lock.
 */
static int change_answer(struct mlps_answer *ans, void *ctx, struct mlps_error *err)
{
	const struct answer_change *ch = ctx;

	ans->status = ch->status;
	/* Touching an answer confirms it; its wording is the one in force now. */
	ans->to_confirm = false;
	ans->text_hash = ch->req->hash[ch->level];
	if (ch->note)
		set_text(&ans->note, ch->note);
	if (ch->evidence)
		set_text(&ans->evidence, ch->evidence);
	if (ch->reason)
		set_text(&ans->na_reason, ch->reason);
	else if (ch->status != MLPS_ST_NA)
		set_text(&ans->na_reason, NULL);
	else if (!ans->na_reason)
		/* An item for the other cloud role comes with its reason prepared. */
		set_text(&ans->na_reason, mlps_req_role_reason(ch->req, ch->flags, ch->lang));
	if (ch->risk) {
		ans->risk = ch->risk_value;
		if (ans->risk == MLPS_RISK_NONE)
			set_text(&ans->mitigation, NULL);
	}
	if (ch->mitigation)
		set_text(&ans->mitigation, ch->mitigation);
	if (ch->owner)
		set_text(&ans->owner, ch->owner);
	if (ch->due)
		set_text(&ans->due, ch->due);
	if (ch->plan)
		ans->plan = ch->plan_value;
	/*
	 * Compliant now: an open plan without an owner is done; one with an
	 * owner is the owner's to close (the command says so).
	 */
	if (!ch->plan && ch->status == MLPS_ST_COMPLIANT &&
	    (ans->plan == MLPS_PLAN_OPEN || ans->plan == MLPS_PLAN_IN_PROGRESS)) {
		if (!ans->owner)
			ans->plan = MLPS_PLAN_DONE;
		else if (ch->plan_kept)
			*ch->plan_kept = 1;
	}
	if ((ans->owner || ans->due) && ans->plan == MLPS_PLAN_NONE)
		ans->plan = MLPS_PLAN_OPEN;
	return mlps_answer_check(ans, err);
}

/* The change applied to the answer as loaded: the input check before anything is written. */
static int check_change(const struct mlps_assessment *a, const char *object, struct answer_change *ch,
			struct mlps_error *err)
{
	const struct mlps_answer *old = mlps_assessment_answer(a, ch->req->key, object);
	struct mlps_answer ans;
	int rc;

	memset(&ans, 0, sizeof(ans));
	if (old) {
		mlps_answer_copy(&ans, old);
	} else {
		ans.key = mlps_strdup(ch->req->key);
		ans.object = mlps_strdup(object);
	}
	rc = change_answer(&ans, ch, err);
	mlps_answer_release(&ans);
	return rc;
}

/* "web01 (server), db01 (server)" */
static void object_names(struct strbuf *sb, const struct mlps_object *const *objs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s (%s)", i ? ", " : "", objs[i]->name, objs[i]->kind);
}

/*
 * The objects an answer goes to: the one named with --object (which the
 * requirement must be assessed on), all of them with --all-objects, or the
 * only one. Never a guess: several objects and no choice is refused.
 */
static int answer_targets(const struct mlps_catalog *cat, const struct mlps_assessment *a,
			  const struct mlps_requirement *req, const char *id, const char *object, bool all,
			  const struct mlps_object **objs, size_t *n)
{
	struct strbuf names = STRBUF_INIT;
	const struct mlps_object *o;
	int status = EXIT_USAGE;

	*n = mlps_assessment_req_objects(cat, a, req, objs);
	if (object && all) {
		status = cli_usage("answer", "give --object NAME or --all-objects, not both");
	} else if (object && !(o = mlps_assessment_find_object(a, object))) {
		for (size_t i = 0; i < a->n_objects; i++)
			strbuf_addf(&names, "%s%s (%s)", i ? ", " : "", a->objects[i].name, a->objects[i].kind);
		cli_errorf("answer: assessment %lld has no object named '%s' (its objects: %s)", a->id, object,
			   names.buf);
	} else if (object && !mlps_assessment_req_on(cat, a, req, o)) {
		object_names(&names, objs, *n);
		cli_errorf("answer: %s is not assessed on '%s' (kind %s); in assessment %lld it is assessed on: "
			   "%s", id, o->name, o->kind, a->id, names.buf);
	} else if (object) {
		objs[0] = o;
		*n = 1;
		status = EXIT_OK;
	} else if (*n > 1 && !all) {
		object_names(&names, objs, *n);
		cli_errorf("answer: %s is assessed on %zu objects of assessment %lld: %s; say which with "
			   "--object NAME, or --all-objects for all of them", id, *n, a->id, names.buf);
	} else {
		status = EXIT_OK;
	}
	strbuf_release(&names);
	return status;
}

int cmd_answer(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },     { "evidence", required_argument, NULL, 'e' },
		{ "reason", required_argument, NULL, 'r' },   { "risk", required_argument, NULL, 'k' },
		{ "mitigation", required_argument, NULL, 'm' }, { "owner", required_argument, NULL, 'o' },
		{ "due", required_argument, NULL, 'd' },      { "plan", required_argument, NULL, 'p' },
		{ "object", required_argument, NULL, 'j' },   { "all-objects", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },           { NULL, 0, NULL, 0 },
	};
	struct answer_change ch;
	const char *pos[3], *object = NULL;
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	const struct mlps_requirement *req;
	const struct mlps_object **objs = NULL;
	struct mlps_error err;
	struct strbuf echo = STRBUF_INIT;
	size_t n_objs = 0, i;
	bool all = false;
	int c, npos = 0, status = EXIT_OK;

	memset(&ch, 0, sizeof(ch));
	ch.lang = cli->lang;
	mlps_error_init(&err);
	if (cli_wants_help(argc, argv)) {
		fputs(answer_usage, stdout);
		return EXIT_OK;
	}
	optind = 0;
	opterr = 0;
	/* Options may come before, between or after the three positional arguments. */
	while (optind < argc) {
		c = getopt_long(argc, argv, "-", opts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case 1:
			if (npos == 3)
				return cli_usage("answer", "unexpected argument '%s'", optarg);
			pos[npos++] = optarg;
			break;
		case 'n': ch.note = optarg; break;
		case 'e': ch.evidence = optarg; break;
		case 'r': ch.reason = optarg; break;
		case 'k': ch.risk = optarg; break;
		case 'm': ch.mitigation = optarg; break;
		case 'o': ch.owner = optarg; break;
		case 'd': ch.due = optarg; break;
		case 'p': ch.plan = optarg; break;
		case 'j': object = optarg; break;
		case 'A': all = true; break;
		default:
			return cli_usage("answer", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	while (optind < argc && npos < 3)
		pos[npos++] = argv[optind++];
	if (npos != 3)
		return cli_usage("answer", "expected ASSESSMENT ID|KEY STATUS");
	if (check_text_sizes("answer", 5,
			     (const char *const[]){ "--note", "--evidence", "--reason", "--mitigation", "--owner" },
			     (const char *const[]){ ch.note, ch.evidence, ch.reason, ch.mitigation, ch.owner }))
		return EXIT_USAGE;
	if (mlps_status_parse(pos[2], &ch.status))
		return cli_usage("answer", "'%s' is not a status (compliant, partial, noncompliant, na, "
					   "todo, unanswered; 符合, 部分符合, 不符合, 不适用, 待确认)", pos[2]);
	if (ch.risk && mlps_risk_parse(ch.risk, &ch.risk_value))
		return cli_usage("answer", "--risk: '%s' is not high, medium, low or none", ch.risk);
	if (ch.plan && mlps_plan_parse(ch.plan, &ch.plan_value))
		return cli_usage("answer", "--plan: '%s' is not none, open, in-progress or done", ch.plan);
	if (cli_open_assessment(cli, pos[0], "answer", &cat, &st, &a, &status))
		return status;
	req = cli_find_requirement(cli, cat, a, pos[1], "answer");
	if (!req) {
		status = EXIT_USAGE;
		goto out;
	}
	if (!mlps_req_applies(req, a->level, a->ext)) {
		cli_errorf("answer: %s (%s) is not in assessment %lld's scope (level %d%s)", pos[1], req->key,
			   a->id, a->level, a->ext & ~MLPS_EXT_BIT(MLPS_EXT_GENERAL) ? ", with extensions" : "");
		status = EXIT_USAGE;
		goto out;
	}
	objs = mlps_calloc(a->n_objects + 1, sizeof(*objs));
	status = answer_targets(cat, a, req, pos[1], object, all, objs, &n_objs);
	if (status)
		goto out;
	ch.req = req;
	ch.plan_kept = NULL;
	ch.level = a->level;
	ch.flags = a->sys.flags;
	/* Every answer is checked before the first is saved: all or nothing of the input errors. */
	for (i = 0; i < n_objs; i++)
		if (check_change(a, objs[i]->name, &ch, &err)) {
			/* Name the item as the user typed it, not by its internal key. */
			const char *m = mlps_error_message(&err);
			size_t kl = strlen(req->key);

			if (!strncmp(m, req->key, kl) && m[kl] == ':') {
				struct strbuf sb = STRBUF_INIT;

				strbuf_addf(&sb, "%s%s", pos[1], m + kl);
				mlps_error_release(&err);
				mlps_error_init(&err);
				mlps_error_set(&err, MLPS_ERR_INPUT, "%s", sb.buf);
				strbuf_release(&sb);
			}
			status = cli_report(&err);
			goto out;
		}
	for (i = 0; i < n_objs; i++) {
		struct mlps_answer saved;
		int kept = 0;

		ch.plan_kept = &kept;
		if (mlps_store_edit_answer(st, a->id, req->key, objs[i]->name, change_answer, &ch, NULL, &saved,
					   &err)) {
			status = cli_report(&err);
			break;
		}
		strbuf_addf(&echo, "%s @ %s: %s\n", req->ids[a->level], objs[i]->name,
			    mlps_status_name(saved.status));
		if (kept)
			cli_errorf(cli->lang == MLPS_LANG_EN
					   ? "answer: note: %s @ %s is compliant; its plan (owner %s) stays open until "
					     "closed with --plan done"
					   : "answer: 注意：%s @ %s 已符合；其整改计划（负责人 %s）仍为打开，需用 --plan done 关闭",
				   req->ids[a->level], objs[i]->name, saved.owner);
		mlps_answer_release(&saved);
	}
	if (echo.len) {
		int w = cli_write_stdout(echo.buf);

		if (!status)
			status = w;
	}
out:
	free((void *)objs);
	strbuf_release(&echo);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}

static int parse_format(const char *cmd, const char *arg, const char *const *names, int *out)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(arg, names[i])) {
			*out = i;
			return 0;
		}
	return cli_usage(cmd, "--format: '%s' is not supported", arg);
}

int cmd_score(struct cli *cli, int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_assessment *a;
	struct mlps_score *s;
	struct mlps_error err;
	const char *id = NULL;
	int fmt = 0, i, status = EXIT_OK, explain = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(score_usage, stdout);
		return EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			if (parse_format("score", argv[++i], formats, &fmt))
				return EXIT_USAGE;
		} else if (!strncmp(argv[i], "--format=", 9)) {
			if (parse_format("score", argv[i] + 9, formats, &fmt))
				return EXIT_USAGE;
		} else if (!strcmp(argv[i], "--explain")) {
			explain = 1;
		} else if (argv[i][0] == '-' || id) {
			return cli_usage("score", "unexpected argument '%s'", argv[i]);
		} else {
			id = argv[i];
		}
	}
	if (!id)
		return cli_usage("score", "expected ASSESSMENT");
	if (cli_open_assessment(cli, id, "score", &cat, &st, &a, &status))
		return status;
	mlps_error_init(&err);
	s = mlps_score_compute(cat, a, &err);
	if (!s) {
		status = cli_report(&err);
	} else if (fmt == 1) {
		char *json = mlps_score_json(cat, a, s);

		status = cli_write_stdout(json);
		if (!status)
			status = cli_write_stdout("\n");
		free(json);
	} else {
		struct strbuf out = STRBUF_INIT;

		mlps_summary_text(&out, cat, a, s, cli->lang, 80);
		if (explain) {
			/* Where the points went, then why each conclusion is not a better one. */
			strbuf_addf(&out, cli->lang == MLPS_LANG_EN ? "\nDeductions (level %d), largest first\n"
								    : "\n扣分明细（第%d级，从大到小）\n", a->level);
			mlps_summary_deductions(&out, cat, a, s, cli->lang, 80);
			strbuf_adds(&out, cli->lang == MLPS_LANG_EN ? "\nUnmet conditions of each better band\n"
								    : "\n各结论未满足的更优档条件\n");
			mlps_summary_explain(&out, a, s, cli->lang, 80);
		}
		status = cli_write_text(out.buf);
		strbuf_release(&out);
	}
	mlps_score_free(s);
	mlps_error_release(&err);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

static void ext_list(struct strbuf *sb, unsigned ext)
{
	int e, any = 0;

	for (e = MLPS_EXT_CLOUD; e < MLPS_EXT_COUNT; e++)
		if (ext & MLPS_EXT_BIT(e)) {
			strbuf_addf(sb, "%s%s", any ? "," : "", mlps_ext_name((enum mlps_ext)e));
			any = 1;
		}
	if (!any)
		strbuf_addch(sb, '-');
}

/* Strips tabs and newlines from a value going into a tsv column. */
static void tsv_field(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++)
		strbuf_addch(sb, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

int cmd_list(struct cli *cli, int argc, char **argv)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_store_row *rows = NULL;
	struct mlps_error err;
	struct strbuf out = STRBUF_INIT;
	const struct mlps_rules *rules;
	json_t *arr = NULL;
	size_t n = 0, i;
	int fmt = 0, status = EXIT_OK;

	if (cli_wants_help(argc, argv)) {
		fputs(list_usage, stdout);
		return EXIT_OK;
	}
	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < (size_t)argc) {
			if (parse_format("list", argv[++i], formats, &fmt))
				return EXIT_USAGE;
		} else {
			return cli_usage("list", "unexpected argument '%s'", argv[i]);
		}
	}
	if (cli_open_catalog_and_store(cli, &cat, &st, &status))
		return status;
	mlps_error_init(&err);
	if (mlps_store_list(st, &rows, &n, &err)) {
		status = cli_report(&err);
		goto out;
	}
	if (fmt == 1)
		strbuf_adds(&out, "id\tsystem\torg\tlevel\tnotation\textensions\tcreated\tstatus\tanswered\t"
				  "applicable\trate\tscore\tunconfirmed\tparent\n");
	if (fmt == 2)
		arr = json_array();
	if (fmt == 0 && n == 0)
		strbuf_adds(&out, cli->lang == MLPS_LANG_EN ? "No assessments yet: create one with 'mlps new'.\n"
							    : "还没有评估：用 'mlps new' 新建。\n");
	rules = mlps_catalog_rules(cat);
	/* Each row's figures are its stored summary (mlps_store_list() computes a missing or stale one). */
	for (i = 0; i < n; i++) {
		const struct mlps_store_row *r = &rows[i];
		const struct mlps_store_summary *m = &r->sum;
		struct strbuf note = STRBUF_INIT, exts = STRBUF_INIT;

		mlps_grade_notation(&note, r->s_level, r->a_level, r->level);
		ext_list(&exts, r->ext);
		if (fmt == 1) {
			strbuf_addf(&out, "%lld\t", r->id);
			tsv_field(&out, r->system);
			strbuf_addch(&out, '\t');
			tsv_field(&out, r->org);
			strbuf_addf(&out, "\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t%.2f\t%.2f\t%d\t", r->level, note.buf,
				    exts.buf, r->created, r->status == MLPS_FINAL ? "final" : "draft",
				    m->answered, m->applicable, m->rate, m->score, r->unconfirmed);
			if (r->parent)
				strbuf_addf(&out, "%lld", r->parent);
			strbuf_addch(&out, '\n');
		} else if (fmt == 2) {
			json_t *o = json_object(), *verdicts = json_object();
			size_t v;

			for (v = 0; v < m->n_bands; v++) {
				const struct mlps_verdict_rule *rule = &rules->verdicts[v];

				json_object_set_new(verdicts, rule->id, json_string(rule->bands[m->bands[v]].label.zh));
			}
			json_object_set_new(o, "id", json_integer(r->id));
			json_object_set_new(o, "system", json_string(r->system));
			json_object_set_new(o, "org", json_string(r->org ? r->org : ""));
			json_object_set_new(o, "level", json_integer(r->level));
			json_object_set_new(o, "notation", json_string(note.buf));
			json_object_set_new(o, "extensions", json_string(exts.buf));
			json_object_set_new(o, "created", json_string(r->created));
			json_object_set_new(o, "status", json_string(r->status == MLPS_FINAL ? "final" : "draft"));
			json_object_set_new(o, "answered", json_integer(m->answered));
			json_object_set_new(o, "applicable", json_integer(m->applicable));
			json_object_set_new(o, "rate", json_real(m->rate));
			json_object_set_new(o, "score", json_real(m->score));
			json_object_set_new(o, "verdicts", verdicts);
			json_object_set_new(o, "unconfirmed", json_integer(r->unconfirmed));
			json_object_set_new(o, "parent", r->parent ? json_integer(r->parent) : json_null());
			json_array_append_new(arr, o);
		} else {
			const struct mlps_band *band = m->primary >= 0 ?
						       &rules->verdicts[rules->primary].bands[m->primary] : NULL;
			struct strbuf vis = STRBUF_INIT;
			char when[11];

			mlps_local_date(when, r->created);
			strbuf_addf(&out, "%4lld  ", r->id);
			/* A newline in a name must not break the table: it shows as \x0a. */
			mlps_utf8_pad(&out, mlps_visible(&vis, r->system, 0), 20);
			strbuf_release(&vis);
			/* Progress as every view counts it, and the one rounding rule for figures. */
			strbuf_addf(&out, "  %-8s %s  %3d/%-3d  %5.1f  %s", note.buf, when, m->decided, m->in_scope,
				    m->score, band ? mlps_text_get(&band->label, cli->lang) : "-");
			if (r->unconfirmed)
				strbuf_addf(&out, cli->lang == MLPS_LANG_EN ? "  %d carried, to confirm" : "  已结转待确认 %d",
					    r->unconfirmed);
			strbuf_addch(&out, '\n');
		}
		strbuf_release(&note);
		strbuf_release(&exts);
	}
	if (fmt == 2) {
		char *json = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		strbuf_adds(&out, json);
		strbuf_addch(&out, '\n');
		free(json);
	}
	status = fmt == 2 ? cli_write_stdout(out.buf) : cli_write_text(out.buf);
out:
	json_decref(arr);
	strbuf_release(&out);
	mlps_store_rows_free(rows, n);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	return status;
}
