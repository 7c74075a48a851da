/*
 * cmd_catalog.c - `mlps catalog list|show|risks`: the catalogue from the shell.
 *
 * tsv and json are machine formats: their columns and keys are stable; text
 * is for people and wraps to 80 columns by display width.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "utf8.h"

#define TEXT_WIDTH 80

enum format { FMT_TEXT, FMT_TSV, FMT_JSON };

static const char list_usage[] =
	"usage: mlps catalog list [--level N] [--ext LIST] [--format text|tsv|json]\n"
	"\n"
	"Lists the requirements of the profile set. With --level, those that apply\n"
	"at level N (1-4), each under its ID at that level; without, every requirement\n"
	"once with all its IDs. --ext adds extensions: a comma-separated list of\n"
	"cloud, mobile, iot, ics (general requirements are always included).\n"
	"\n"
	"tsv columns: id key category control_point importance extension\n"
	"  (without --level, id holds every ID, comma-separated)\n";

static const char show_usage[] =
	"usage: mlps catalog show ID|KEY\n"
	"\n"
	"Shows one requirement: its IDs at every level, wording (with the stronger\n"
	"wording of higher levels), methods, guidance and remediation, in Chinese\n"
	"and English. ID is a GB/T 28448 ID at any level (L3-CES1-01) or the key.\n";

static int parse_format(const char *s, enum format *f)
{
	if (!strcmp(s, "text"))
		*f = FMT_TEXT;
	else if (!strcmp(s, "tsv"))
		*f = FMT_TSV;
	else if (!strcmp(s, "json"))
		*f = FMT_JSON;
	else
		return -1;
	return 0;
}

static json_t *text_json(const struct mlps_text *t)
{
	return json_pack("{s:s, s:s}", "zh", t->zh, "en", t->en);
}

static json_t *methods_json(unsigned methods)
{
	static const char *const names[] = { "interview", "examine", "test" };
	json_t *a = json_array();
	int i;

	for (i = 0; i < 3; i++)
		if (methods & (1u << i))
			json_array_append_new(a, json_string(names[i]));
	return a;
}

static void ids_joined(struct strbuf *sb, const struct mlps_requirement *r, const char *sep)
{
	int level, first = 1;

	for (level = MLPS_LEVEL_MIN; level <= MLPS_LEVEL_MAX; level++)
		if (r->ids[level]) {
			strbuf_addf(sb, "%s%s", first ? "" : sep, r->ids[level]);
			first = 0;
		}
}

static json_t *requirement_json(const struct mlps_requirement *r, int level)
{
	const struct mlps_control_point *cp = r->cp;
	int show = level ? level : mlps_req_min_level(r);
	json_t *o = json_object(), *ids = json_object();
	int l;

	for (l = MLPS_LEVEL_MIN; l <= MLPS_LEVEL_MAX; l++)
		if (r->ids[l]) {
			char k[2] = { (char)('0' + l), '\0' };

			json_object_set_new(ids, k, json_string(r->ids[l]));
		}
	if (level) {
		json_object_set_new(o, "id", json_string(r->ids[level]));
		json_object_set_new(o, "level", json_integer(level));
	}
	json_object_set_new(o, "key", json_string(r->key));
	json_object_set_new(o, "ids", ids);
	json_object_set_new(o, "category", json_string(cp->category->code));
	json_object_set_new(o, "control_point", text_json(mlps_cp_name(cp, show)));
	json_object_set_new(o, "importance", json_string(mlps_importance_name(r->importance)));
	json_object_set_new(o, "extension", json_string(mlps_ext_name(cp->ext)));
	json_object_set_new(o, "text", text_json(mlps_req_text(r, show)));
	json_object_set_new(o, "guidance", text_json(&r->guidance));
	json_object_set_new(o, "remediation", text_json(&r->remediation));
	json_object_set_new(o, "methods", methods_json(r->methods));
	return o;
}

static int print_json(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(v);
	if (!s) {
		cli_errorf("cannot encode JSON output");
		return EXIT_RUNTIME;
	}
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	return EXIT_OK;
}

static int list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "level", required_argument, NULL, 'l' },
		{ "ext", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mlps_error err;
	struct mlps_catalog *cat;
	enum format fmt = FMT_TEXT;
	unsigned ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	const struct mlps_category *last_cat = NULL;
	const struct mlps_control_point *last_cp = NULL;
	struct strbuf out = STRBUF_INIT;
	json_t *arr = NULL;
	int level = 0, c, status = EXIT_OK;
	size_t i, rows = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (cli_parse_level(optarg, &level))
				return cli_usage("catalog list", "--level: '%s' is not a level from 1 to 4", optarg);
			break;
		case 'e':
			mlps_error_init(&err);
			if (mlps_ext_parse_list(optarg, &ext, &err)) {
				status = cli_usage("catalog list", "--ext: %s", mlps_error_message(&err));
				mlps_error_release(&err);
				return status;
			}
			mlps_error_release(&err);
			break;
		case 'f':
			if (parse_format(optarg, &fmt))
				return cli_usage("catalog list", "--format: '%s' is not text, tsv or json", optarg);
			break;
		case 'h':
			fputs(list_usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage("catalog list", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("catalog list", "unexpected argument '%s'", argv[optind]);
	cat = cli_load_catalog(cli, &status);
	if (!cat)
		return status;

	if (fmt == FMT_TSV)
		strbuf_adds(&out, "id\tkey\tcategory\tcontrol_point\timportance\textension\n");
	if (fmt == FMT_JSON)
		arr = json_array();
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		int show = level ? level : mlps_req_min_level(r);

		if (!(ext & MLPS_EXT_BIT(r->cp->ext)) || (level && !r->ids[level]))
			continue;
		rows++;
		if (fmt == FMT_JSON) {
			json_array_append_new(arr, requirement_json(r, level));
		} else if (fmt == FMT_TSV) {
			if (level)
				strbuf_adds(&out, r->ids[level]);
			else
				ids_joined(&out, r, ",");
			strbuf_addf(&out, "\t%s\t%s\t%s\t%s\t%s\n", r->key, r->cp->category->code,
				    mlps_cp_name(r->cp, show)->zh, mlps_importance_name(r->importance),
				    mlps_ext_name(r->cp->ext));
		} else {
			if (r->cp->category != last_cat) {
				last_cat = r->cp->category;
				strbuf_addf(&out, "%s%s (%s)\n", out.len ? "\n" : "",
					    mlps_text_get(&last_cat->name, cli->lang), last_cat->code);
			}
			if (r->cp != last_cp) {
				last_cp = r->cp;
				strbuf_addf(&out, "  %s", mlps_text_get(mlps_cp_name(last_cp, show), cli->lang));
				if (last_cp->ext != MLPS_EXT_GENERAL)
					strbuf_addf(&out, " [%s]", mlps_ext_name(last_cp->ext));
				strbuf_addch(&out, '\n');
			}
			if (level) {
				strbuf_addf(&out, "    %s  ", r->ids[level]);
			} else {
				strbuf_addf(&out, "    %s  ", r->key);
				ids_joined(&out, r, " ");
				strbuf_adds(&out, "\n      ");
			}
			mlps_utf8_wrap(&out, mlps_text_get(mlps_req_text(r, show), cli->lang), TEXT_WIDTH,
				       0, level ? 16 : 6);
		}
	}
	if (fmt == FMT_JSON) {
		status = print_json(arr);
	} else {
		if (fmt == FMT_TEXT)
			strbuf_addf(&out, "\n%zu requirements%s%.0d\n", rows, level ? " at level " : "",
				    level);
		status = cli_write_text(out.buf);
	}
	strbuf_release(&out);
	mlps_catalog_free(cat);
	return status;
}

static void section(struct strbuf *out, const char *title, const struct mlps_text *t)
{
	strbuf_addf(out, "\n%s\n", title);
	mlps_utf8_wrap(out, t->zh, TEXT_WIDTH, 2, 2);
	mlps_utf8_wrap(out, t->en, TEXT_WIDTH, 2, 2);
}

/* Starts a header line: the label padded to a fixed column. */
static void label(struct strbuf *out, const char *name)
{
	if (name[0] == '\n') {
		strbuf_addch(out, '\n');
		name++;
	}
	strbuf_adds(out, "  ");
	mlps_utf8_pad(out, name, 24);
}

static int show(struct cli *cli, int argc, char **argv)
{
	static const char *const method_names[] = { "interview 访谈", "examine 核查", "test 测试" };
	static const char *const imp_names[] = { "key 关键", "important 重要", "general 一般" };
	const struct mlps_requirement *r;
	const struct mlps_category *c;
	struct mlps_catalog *cat;
	struct strbuf out = STRBUF_INIT;
	int status = EXIT_OK, level, i;
	size_t v;

	(void)cli;
	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(show_usage, stdout);
		return EXIT_OK;
	}
	if (argc != 2)
		return cli_usage("catalog show", "expected one ID or key");
	cat = cli_load_catalog(cli, &status);
	if (!cat)
		return status;
	r = mlps_catalog_find(cat, argv[1]);
	if (!r) {
		cli_errorf("catalog show: no requirement has the ID or key '%s'", argv[1]);
		mlps_catalog_free(cat);
		return EXIT_USAGE;
	}
	c = r->cp->category;
	strbuf_addf(&out, "%s\n", r->key);
	label(&out, "编号 IDs");
	ids_joined(&out, r, "  ");
	label(&out, "\n类别 Category");
	strbuf_addf(&out, "%s %s (%s, %s)", c->name.zh, c->name.en, c->code, mlps_kind_name(c->kind));
	label(&out, "\n控制点 Control point");
	strbuf_addf(&out, "%s %s", r->cp->name.zh, r->cp->name.en);
	for (v = 0; v < r->cp->n_variants; v++)
		strbuf_addf(&out, "; from level %d: %s %s", r->cp->variants[v].level,
			    r->cp->variants[v].text.zh, r->cp->variants[v].text.en);
	label(&out, "\n扩展 Extension");
	strbuf_adds(&out, mlps_ext_name(r->cp->ext));
	label(&out, "\n重要程度 Importance");
	strbuf_adds(&out, imp_names[r->importance]);
	label(&out, "\n方法 Methods");
	for (i = 0; i < 3; i++)
		if (r->methods & (1u << i))
			strbuf_addf(&out, "%s  ", method_names[i]);
	strbuf_setlen(&out, out.len - 2);
	label(&out, "\n测评对象 Assessed on");
	for (v = 0; v < mlps_catalog_n_kinds(cat); v++)
		if (r->kinds & (UINT32_C(1) << v))
			strbuf_addf(&out, "%s %s  ", mlps_catalog_kind(cat, v)->label.zh, mlps_catalog_kind(cat, v)->name);
	if (!r->kinds)
		strbuf_adds(&out, "定级对象整体 system  ");
	strbuf_setlen(&out, out.len - 2);
	if (r->roles) {
		label(&out, "\n云角色 Cloud roles");
		strbuf_adds(&out, r->roles == MLPS_ROLE_BOTH ? "云计算平台和云服务客户 platform and customer"
				  : r->roles == MLPS_ROLE_PLATFORM ? "仅云计算平台 platform only"
								   : "仅云服务客户 customer only");
	}
	strbuf_addch(&out, '\n');
	/* The wording is the project's rendering, said once where the text is shown in full. */
	strbuf_addf(&out, "\n要求（释义，以 GB/T 22239-2019 原文为准） Requirement (paraphrase; GB/T 22239-2019 is "
			  "authoritative), level %d", mlps_req_min_level(r));
	for (level = mlps_req_min_level(r) + 1; level <= MLPS_LEVEL_MAX; level++)
		if (r->ids[level] && mlps_req_same_text(r, level, level - 1))
			strbuf_addf(&out, ", %d", level);
		else if (r->ids[level])
			break;
	strbuf_addch(&out, '\n');
	mlps_utf8_wrap(&out, r->text.zh, TEXT_WIDTH, 2, 2);
	mlps_utf8_wrap(&out, r->text.en, TEXT_WIDTH, 2, 2);
	for (v = 0; v < r->n_variants; v++) {
		struct strbuf t = STRBUF_INIT;

		strbuf_addf(&t, "要求 Requirement from level %d (stronger wording)", r->variants[v].level);
		section(&out, t.buf, &r->variants[v].text);
		strbuf_release(&t);
	}
	section(&out, "测评指引 Guidance", &r->guidance);
	section(&out, "整改建议 Remediation", &r->remediation);
	status = cli_write_text(out.buf);
	strbuf_release(&out);
	mlps_catalog_free(cat);
	return status;
}

static void conditions_joined(struct strbuf *sb, unsigned conds)
{
	unsigned bit;
	int any = 0;

	for (bit = 1; bit <= MLPS_COND_CLOUD_CUSTOMER; bit <<= 1)
		if (conds & bit) {
			strbuf_addf(sb, "%s%s", any ? "," : "", mlps_condition_name((enum mlps_condition)bit));
			any = 1;
		}
	if (!any)
		strbuf_addch(sb, '-');
}

static int risks(struct cli *cli, int argc, char **argv)
{
	struct mlps_catalog *cat;
	struct strbuf out = STRBUF_INIT;
	enum format fmt = FMT_TEXT;
	json_t *arr = NULL;
	int status = EXIT_OK, i;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs("usage: mlps catalog risks [--format text|tsv|json]\n"
			      "\n"
			      "The high-risk scenarios of the 2025 trial guide and the requirement each\n"
			      "maps to. tsv columns: scenario requirement_id min_level conditions title_zh\n"
			      "guide_level (the guide's level where this catalogue departs from it, else empty)\n"
			      "(requirement_id at the scenario's minimum level; conditions comma-separated\n"
			      "or -; a scenario listing both cloud roles applies to either).\n", stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			if (parse_format(argv[++i], &fmt))
				return cli_usage("catalog risks", "--format: '%s' is not text, tsv or json", argv[i]);
		} else {
			return cli_usage("catalog risks", "unexpected argument '%s'", argv[i]);
		}
	}
	cat = cli_load_catalog(cli, &status);
	if (!cat)
		return status;
	if (fmt == FMT_TSV)
		strbuf_adds(&out, "scenario\trequirement_id\tmin_level\tconditions\ttitle_zh\tguide_level\n");
	if (fmt == FMT_JSON)
		arr = json_array();
	for (k = 0; k < mlps_catalog_n_scenarios(cat); k++) {
		const struct mlps_scenario *sc = mlps_catalog_scenario(cat, k);
		const char *id = sc->req->ids[sc->min_level];

		if (fmt == FMT_TSV) {
			strbuf_addf(&out, "%s\t%s\t%d\t", sc->id, id, sc->min_level);
			conditions_joined(&out, sc->conditions);
			strbuf_addf(&out, "\t%s\t", sc->title.zh);
			if (sc->guide_level)
				strbuf_addf(&out, "%d", sc->guide_level);
			strbuf_addch(&out, '\n');
		} else if (fmt == FMT_JSON) {
			struct strbuf c = STRBUF_INIT;
			json_t *o = json_object();

			conditions_joined(&c, sc->conditions);
			json_object_set_new(o, "scenario", json_string(sc->id));
			json_object_set_new(o, "scope", json_string(mlps_ext_name(sc->scope)));
			json_object_set_new(o, "requirement", json_string(sc->req->key));
			json_object_set_new(o, "requirement_id", json_string(id));
			json_object_set_new(o, "min_level", json_integer(sc->min_level));
			json_object_set_new(o, "guide_level", sc->guide_level ? json_integer(sc->guide_level) : json_null());
			json_object_set_new(o, "conditions", json_string(c.buf));
			json_object_set_new(o, "title", text_json(&sc->title));
			json_object_set_new(o, "description", text_json(&sc->description));
			json_object_set_new(o, "mitigation", text_json(&sc->mitigation));
			json_array_append_new(arr, o);
			strbuf_release(&c);
		} else {
			struct strbuf line = STRBUF_INIT;

			strbuf_addf(&out, "%-9s %-11s L%d+  ", sc->id, id, sc->min_level);
			if (sc->conditions) {
				strbuf_addch(&line, '[');
				conditions_joined(&line, sc->conditions);
				strbuf_adds(&line, "] ");
			}
			strbuf_adds(&line, mlps_text_get(&sc->title, cli->lang));
			if (sc->guide_level)
				strbuf_addf(&line, cli->lang == MLPS_LANG_EN
						? " (the guide: from level %d; here from level %d, where the item starts)"
						: "（指引：第%d级起；本目录：第%d级起，该项自此级才有）",
					    sc->guide_level, sc->min_level);
			mlps_utf8_wrap_at(&out, line.buf, TEXT_WIDTH, 27, 27);
			strbuf_release(&line);
		}
	}
	if (fmt == FMT_JSON)
		status = print_json(arr);
	else
		status = cli_write_text(out.buf);
	strbuf_release(&out);
	mlps_catalog_free(cat);
	return status;
}

int cmd_catalog(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs("usage: mlps catalog list [--level N] [--ext LIST] [--format text|tsv|json]\n"
		      "       mlps catalog show ID|KEY\n"
		      "       mlps catalog risks [--format text|tsv|json]\n", argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "list"))
		return list(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return show(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "risks"))
		return risks(cli, argc - 1, argv + 1);
	return cli_usage("catalog", "'%s' is not a catalog command (list, show or risks)", argv[1]);
}
