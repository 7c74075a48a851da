/*
 * cmd_probe.c - `mlps probe`: read-only evidence from this host (or a
 * mounted tree, or a probe file from another machine), printed, or turned
 * into proposed answers for one server object of an assessment.
 *
 * Proposals are a preview unless --apply; applied, each is written with
 * mlps_store_edit_answer() as "mlps-probe (USER)", marked to confirm, with
 * the evidence text. An answer a person gave (any status other than
 * unanswered whose last writer is not the probe) is kept unless
 * --overwrite; the check runs again inside the write transaction, so a
 * person answering at the same moment is not overwritten either.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "fileio.h"
#include "probe.h"
#include "store.h"
#include "usertext.h"
#include "yamldoc.h"

static const char probe_usage[] =
	"usage: mlps probe [--root DIR] [--format text|json] [--allow PORTS]\n"
	"       mlps probe [--root DIR | --import FILE] --assessment N --object NAME [--apply] [--overwrite]\n"
	"       mlps probe --import FILE [--format text|json]\n"
	"\n"
	"Reads this host's configuration (or the tree under --root DIR: a container image,\n"
	"a backup, an sshfs mount) with the checks of the profile set (checks/*.yaml) and\n"
	"prints each result: pass, partial, fail or not checked with the reason, the\n"
	"evidence (file:line: text) and the requirement IDs. It only reads files, /proc and\n"
	"/sys; it never runs a program. Run as root to read shadow, sudoers and audit rules.\n"
	"\n"
	"  --root DIR       evaluate a mounted tree; live-only checks (listening sockets,\n"
	"                   processes) are then not checked\n"
	"  --format json    the results as JSON (schema mlps-probe/1, docs/formats.md)\n"
	"  --allow PORTS    more allowed listening ports, e.g. tcp/443,udp/123,8080\n"
	"  --import FILE    read results written by 'mlps probe --format json' elsewhere\n"
	"  --assessment N --object NAME\n"
	"                   propose an answer per requirement for that server object:\n"
	"                   a preview unless --apply; written answers are marked to confirm\n"
	"                   and logged as made by mlps-probe\n"
	"  --overwrite      with --apply, also replace answers a person gave\n"
	"\n"
	"Exit status 0 whatever the results (they are evidence, not a verdict), 1 when the\n"
	"host or the database cannot be read, 2 on bad usage or a bad file.\n";

struct probe_args {
	const char *root, *format, *import, *assessment, *object;
	bool apply, overwrite;
	char **allow;
	size_t n_allow;
};

static void split_allow(struct probe_args *pa, const char *list)
{
	const char *s = list;

	while (*s) {
		size_t n = strcspn(s, ", ");

		if (n) {
			pa->allow = mlps_realloc(pa->allow, (pa->n_allow + 1) * sizeof(*pa->allow));
			pa->allow[pa->n_allow++] = mlps_strndup(s, n);
		}
		s += n;
		while (*s == ',' || *s == ' ')
			s++;
	}
}

/* The results for people: one block per check, worst first within the catalogue order. */
static void print_text(const struct mlps_probe_run *run, enum mlps_lang lang, struct strbuf *out)
{
	size_t i, j;
	bool en = lang == MLPS_LANG_EN;

	strbuf_addf(out, "%s %s%s, %s\n", en ? "mlps probe of" : "mlps probe 采集自", run->host ? run->host : "?",
		    run->root ? " (--root)" : "", run->when ? run->when : "");
	strbuf_addf(out, "%zu %s: %zu %s, %zu %s, %zu %s, %zu %s%s\n\n", run->n_items, en ? "checks" : "项检查",
		    run->counts[MLPS_PR_PASS], mlps_probe_result_label(MLPS_PR_PASS, lang), run->counts[MLPS_PR_PARTIAL],
		    mlps_probe_result_label(MLPS_PR_PARTIAL, lang), run->counts[MLPS_PR_FAIL],
		    mlps_probe_result_label(MLPS_PR_FAIL, lang), run->counts[MLPS_PR_NOT_CHECKED],
		    mlps_probe_result_label(MLPS_PR_NOT_CHECKED, lang),
		    run->privileged || run->root ? "" : en ? " (not run as root: some files could not be read)"
		    : "（非 root 运行：部分文件无法读取）");
	for (i = 0; i < run->n_items; i++) {
		const struct mlps_probe_item *it = &run->items[i];
		const struct mlps_check *c = it->check;
		const char *e;

		strbuf_addf(out, "[%s] %s ", mlps_probe_result_label(it->result, lang), c->id);
		for (j = 0; j < c->n_reqs; j++)
			strbuf_addf(out, "%s%s", j ? "," : "",
				    c->reqs[j] && c->reqs[j]->ids[3] ? c->reqs[j]->ids[3] : c->req_keys[j]);
		strbuf_addf(out, "\n    %s\n", mlps_text_get(&c->title, lang));
		for (e = it->evidence; e && *e;) {
			size_t n = strcspn(e, "\n");

			strbuf_adds(out, "    ");
			strbuf_add(out, e, n);
			strbuf_addch(out, '\n');
			e += n + (e[n] == '\n');
		}
		if (it->reason)
			strbuf_addf(out, "    %s: %s\n", it->result == MLPS_PR_NOT_CHECKED ? (en ? "why" : "原因")
				    : (en ? "not read" : "未能读取"), it->reason);
	}
}

struct apply_ctx {
	const struct mlps_probe_proposal *p;
	int level;
	bool overwrite;
	bool kept;
};

/* Under the write lock: the stored answer as it is now decides. */
static int apply_edit(struct mlps_answer *ans, void *vctx, struct mlps_error *err)
{
	struct apply_ctx *ac = vctx;

	if (ans->status != MLPS_ST_UNANSWERED && !mlps_probe_wrote(ans->who) && !ac->overwrite) {
		ac->kept = true;
		return mlps_error_set(err, MLPS_ERR_CONFLICT, "a person's answer: kept");
	}
	ans->status = ac->p->status;
	free(ans->evidence);
	ans->evidence = mlps_strdup(ac->p->evidence);
	ans->to_confirm = true;
	ans->text_hash = ac->p->req->hash[ac->level];
	if (ans->status != MLPS_ST_NA) {
		free(ans->na_reason);
		ans->na_reason = NULL;
	}
	return 0;
}

static int propose(struct cli *cli, const struct probe_args *pa, const struct mlps_catalog *cat,
		   struct mlps_store *st, struct mlps_assessment *a, const struct mlps_probe_run *run)
{
	const struct mlps_object *obj = mlps_assessment_find_object(a, pa->object);
	struct mlps_probe_proposal *props = NULL;
	struct strbuf out = STRBUF_INIT, vis = STRBUF_INIT;
	size_t n = 0, i, written = 0, kept = 0, same = 0, evidence_only = 0, nothing = 0;
	bool en = cli->lang == MLPS_LANG_EN;
	char *who = NULL;
	int status = EXIT_OK;

	if (!obj) {
		cli_errorf("assessment %lld has no object '%s' (see 'mlps object list %lld')", a->id,
			   mlps_visible(&vis, pa->object, 0), a->id);
		strbuf_release(&vis);
		return EXIT_USAGE;
	}
	if (strcmp(obj->kind, "server")) {
		cli_errorf("object '%s' is of kind %s: the probe answers for objects of kind server",
			   mlps_visible(&vis, obj->name, 0), obj->kind);
		strbuf_release(&vis);
		return EXIT_USAGE;
	}
	mlps_probe_propose(cat, run, obj->kind, cli->lang, &props, &n);
	{
		const char *u = getenv("USER");

		who = mlps_probe_who(u && *u ? u : NULL);
	}
	strbuf_addf(&out, "%s %lld @ %s%s\n", en ? "proposed answers for assessment" : "建议答案：评估", a->id,
		    mlps_visible(&vis, obj->name, 0), pa->apply ? "" : en ? " (preview; --apply writes them)"
		    : "（预览；加 --apply 写入）");
	for (i = 0; i < n; i++) {
		const struct mlps_probe_proposal *p = &props[i];
		const char *id = p->req->ids[a->level] ? p->req->ids[a->level] : p->req->key;
		const struct mlps_answer *cur;
		bool person;

		if (!mlps_req_applies(p->req, a->level, a->ext))
			continue;
		if (!p->assessed_on_kind) {
			strbuf_addf(&out, "  %-12s %s\n", id, en ? "evidence only: not assessed on server objects"
				    : "仅作证据：该项不在服务器对象上测评");
			evidence_only++;
			continue;
		}
		if (p->status == MLPS_ST_UNANSWERED) {
			strbuf_addf(&out, "  %-12s %s\n", id, en ? "nothing proposed: no check could look"
				    : "无建议：相关检查均未能执行");
			nothing++;
			continue;
		}
		cur = mlps_assessment_answer(a, p->req->key, obj->name);
		person = cur && cur->status != MLPS_ST_UNANSWERED && !mlps_probe_wrote(cur->who);
		strbuf_addf(&out, "  %-12s %s", id, mlps_status_label(p->status, cli->lang));
		if (person && !pa->overwrite) {
			strbuf_addf(&out, "  %s %s (%s)\n", en ? "kept: a person answered" : "保留人工答案",
				    mlps_status_label(cur->status, cli->lang), cur->who ? cur->who : "?");
			kept++;
			continue;
		}
		if (cur && !person && cur->status == p->status && cur->evidence && !strcmp(cur->evidence, p->evidence)) {
			strbuf_addf(&out, "  %s\n", en ? "unchanged" : "未变");
			same++;
			continue;
		}
		strbuf_addf(&out, "  %s%s\n", en ? "to confirm" : "待确认",
			    person ? (en ? ", replaces a person's answer" : "，覆盖人工答案") : "");
		if (pa->apply) {
			struct apply_ctx ac = { p, a->level, pa->overwrite, false };
			struct mlps_error err;

			mlps_error_init(&err);
			if (mlps_store_edit_answer(st, a->id, p->req->key, obj->name, apply_edit, &ac, who, NULL, &err)) {
				if (ac.kept) {
					kept++;
				} else {
					status = cli_report(&err);
					mlps_error_release(&err);
					break;
				}
			} else {
				written++;
			}
			mlps_error_release(&err);
		}
	}
	strbuf_addf(&out, "\n%s: %zu, %s %zu, %s %zu, %s %zu, %s %zu\n",
		    pa->apply ? (en ? "written" : "已写入") : (en ? "would write" : "将写入"),
		    pa->apply ? written : n - kept - same - evidence_only - nothing,
		    en ? "kept" : "保留", kept, en ? "unchanged" : "未变", same,
		    en ? "evidence only" : "仅作证据", evidence_only, en ? "nothing proposed" : "无建议", nothing);
	if (status == EXIT_OK)
		status = cli_write_text(out.buf);
	strbuf_release(&out);
	strbuf_release(&vis);
	free(who);
	mlps_probe_proposals_free(props, n);
	return status;
}

static struct mlps_probe_run *read_import(const struct mlps_catalog *cat, const char *file, int *status)
{
	struct mlps_error err;
	struct mlps_probe_run *run = NULL;
	char *buf = NULL;
	size_t len = 0, skipped = 0;

	mlps_error_init(&err);
	if (ydoc_read_file(file, 16u * 1024u * 1024u, &buf, &len, &err) == 0)
		run = mlps_probe_from_json(cat, file, buf, len, &skipped, &err);
	if (!run)
		*status = cli_report(&err);
	else if (skipped)
		cli_errorf("%s: %zu check(s) unknown to this profile set were skipped", file, skipped);
	free(buf);
	mlps_error_release(&err);
	return run;
}

int cmd_probe(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "allow", required_argument, NULL, 'A' },
		{ "import", required_argument, NULL, 'i' },
		{ "assessment", required_argument, NULL, 'a' },
		{ "object", required_argument, NULL, 'o' },
		{ "apply", no_argument, NULL, 'y' },
		{ "overwrite", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct probe_args pa;
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_probe_run *run = NULL;
	int c, status = EXIT_OK;
	size_t i;

	memset(&pa, 0, sizeof(pa));
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			pa.root = optarg;
			break;
		case 'f':
			pa.format = optarg;
			break;
		case 'A':
			split_allow(&pa, optarg);
			break;
		case 'i':
			pa.import = optarg;
			break;
		case 'a':
			pa.assessment = optarg;
			break;
		case 'o':
			pa.object = optarg;
			break;
		case 'y':
			pa.apply = true;
			break;
		case 'w':
			pa.overwrite = true;
			break;
		case 'h':
			fputs(probe_usage, stdout);
			goto out;
		default:
			status = cli_usage("probe", "unknown or incomplete option '%s'", argv[optind - 1]);
			goto out;
		}
	}
	if (optind < argc) {
		status = cli_usage("probe", "unexpected argument '%s'", argv[optind]);
		goto out;
	}
	if (pa.format && strcmp(pa.format, "text") && strcmp(pa.format, "json")) {
		status = cli_usage("probe", "--format: '%s' is not text or json", pa.format);
		goto out;
	}
	if (!pa.assessment != !pa.object) {
		status = cli_usage("probe", "--assessment and --object go together");
		goto out;
	}
	if ((pa.apply || pa.overwrite) && !pa.assessment) {
		status = cli_usage("probe", "--apply and --overwrite need --assessment N --object NAME");
		goto out;
	}
	if (pa.overwrite && !pa.apply) {
		status = cli_usage("probe", "--overwrite only makes sense with --apply");
		goto out;
	}
	if (pa.root && pa.import) {
		status = cli_usage("probe", "--root and --import exclude each other");
		goto out;
	}
	if (pa.assessment && pa.format && !strcmp(pa.format, "json")) {
		status = cli_usage("probe", "--format json prints results; proposals are text");
		goto out;
	}
	if (pa.assessment) {
		if (cli_open_assessment(cli, pa.assessment, "probe", &cat, &st, &a, &status))
			goto out;
	} else if (!(cat = cli_load_catalog(cli, &status))) {
		goto out;
	}
	if (pa.import) {
		run = read_import(cat, pa.import, &status);
	} else {
		struct mlps_probe_opts o;
		struct mlps_error err;

		memset(&o, 0, sizeof(o));
		o.root = pa.root;
		o.allow = (const char *const *)pa.allow;
		o.n_allow = pa.n_allow;
		mlps_error_init(&err);
		run = mlps_probe_run(cat, &o, &err);
		if (!run)
			status = cli_report(&err);
		mlps_error_release(&err);
	}
	if (!run)
		goto out;
	if (pa.assessment) {
		status = propose(cli, &pa, cat, st, a, run);
	} else if (pa.format && !strcmp(pa.format, "json")) {
		char *json = mlps_probe_to_json(run);

		status = cli_write_stdout(json);
		if (status == EXIT_OK)
			status = cli_write_stdout("\n");
		free(json);
	} else {
		struct strbuf out = STRBUF_INIT;

		print_text(run, cli->lang, &out);
		status = cli_write_text(out.buf);
		strbuf_release(&out);
	}
out:
	mlps_probe_free(run);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	for (i = 0; i < pa.n_allow; i++)
		free(pa.allow[i]);
	free(pa.allow);
	return status;
}
