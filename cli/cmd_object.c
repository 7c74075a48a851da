/*
 * cmd_object.c - `mlps object add|list|rm|rename`: the evaluation objects
 * (测评对象) of an assessment. Every assessment has a system object; the
 * others are the rooms, devices, servers, databases and applications its
 * requirements are answered on, one answer per requirement and object.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "exchange.h"
#include "store.h"
#include "utf8.h"

static const char object_usage[] =
	"usage: mlps object add ASSESSMENT --kind KIND --name NAME [--importance key|important|general]\n"
	"                       [--desc TEXT]\n"
	"       mlps object list ASSESSMENT [--format text|tsv|json]\n"
	"       mlps object rm ASSESSMENT NAME [--force]\n"
	"       mlps object rename ASSESSMENT NAME NEW-NAME\n"
	"\n"
	"The evaluation objects (测评对象) of an assessment: each requirement is answered\n"
	"once per object of the kinds it is assessed on (see 'mlps catalog show ID'),\n"
	"or on the system object when the assessment has none of those kinds.\n"
	"KIND: room network security server database middleware application terminal\n"
	"      data iot-node ics-device cloud-platform mobile-terminal system\n"
	"--importance is the asset's importance (关键/重要/一般); default important.\n"
	"rm refuses an object that has answers unless --force, and logs what it removed;\n"
	"the last object of kind system cannot be removed.\n"
	"tsv columns: name kind importance items answered description\n";

/* How many in-scope requirements are answered on o, and how many are answered. */
static void object_progress(const struct mlps_catalog *cat, const struct mlps_assessment *a,
			    const struct mlps_object *o, int *items, int *answered)
{
	size_t i;

	*items = *answered = 0;
	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		const struct mlps_answer *ans;

		if (!mlps_req_applies(r, a->level, a->ext) || !mlps_assessment_req_on(cat, a, r, o))
			continue;
		(*items)++;
		ans = mlps_assessment_answer(a, r->key, o->name);
		*answered += ans && ans->status != MLPS_ST_UNANSWERED;
	}
}

static const char *kind_label(const struct mlps_catalog *cat, const char *kind, enum mlps_lang lang)
{
	const struct mlps_object_kind *k = mlps_catalog_find_kind(cat, kind);

	return k ? mlps_text_get(&k->label, lang) : kind;
}

static const char *importance_label(enum mlps_importance imp, enum mlps_lang lang)
{
	static const char *const zh[] = { "关键", "重要", "一般" };
	static const char *const en[] = { "key", "important", "general" };

	return (unsigned)imp < MLPS_IMP_COUNT ? (lang == MLPS_LANG_EN ? en : zh)[imp] : "?";
}

static void tsv_cell(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++)
		strbuf_addch(sb, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int object_list(struct cli *cli, int argc, char **argv)
{
	const struct mlps_catalog *cat;
	struct mlps_catalog *c = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct strbuf out = STRBUF_INIT;
	const char *id = NULL, *format = "text";
	json_t *arr = NULL;
	size_t i;
	int status = EXIT_OK;

	for (i = 2; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--format") && i + 1 < (size_t)argc)
			format = argv[++i];
		else if (!strncmp(argv[i], "--format=", 9))
			format = argv[i] + 9;
		else if (argv[i][0] == '-' || id)
			return cli_usage("object", "unexpected argument '%s'", argv[i]);
		else
			id = argv[i];
	}
	if (!id)
		return cli_usage("object", "list: expected ASSESSMENT");
	if (strcmp(format, "text") && strcmp(format, "tsv") && strcmp(format, "json"))
		return cli_usage("object", "--format: '%s' is not text, tsv or json", format);
	if (cli_open_assessment(cli, id, "object", &c, &st, &a, &status))
		return status;
	cat = c;
	if (!strcmp(format, "tsv"))
		strbuf_adds(&out, "name\tkind\timportance\titems\tanswered\tdescription\n");
	if (!strcmp(format, "json"))
		arr = json_array();
	for (i = 0; i < a->n_objects; i++) {
		const struct mlps_object *o = &a->objects[i];
		int items, answered;

		object_progress(cat, a, o, &items, &answered);
		if (!strcmp(format, "tsv")) {
			tsv_cell(&out, o->name);
			strbuf_addf(&out, "\t%s\t%s\t%d\t%d\t", o->kind, mlps_importance_name(o->importance), items,
				    answered);
			tsv_cell(&out, o->desc);
			strbuf_addch(&out, '\n');
		} else if (arr) {
			json_t *x = json_object();

			json_object_set_new(x, "name", json_string(o->name));
			json_object_set_new(x, "kind", json_string(o->kind));
			json_object_set_new(x, "importance", json_string(mlps_importance_name(o->importance)));
			json_object_set_new(x, "items", json_integer(items));
			json_object_set_new(x, "answered", json_integer(answered));
			json_object_set_new(x, "description", o->desc ? json_string(o->desc) : json_null());
			json_array_append_new(arr, x);
		} else {
			mlps_utf8_pad(&out, o->name, 20);
			strbuf_adds(&out, "  ");
			mlps_utf8_pad(&out, kind_label(cat, o->kind, cli->lang), 26);
			strbuf_adds(&out, "  ");
			mlps_utf8_pad(&out, importance_label(o->importance, cli->lang), 9);
			strbuf_addf(&out, "  %3d/%-3d", answered, items);
			if (o->desc)
				strbuf_addf(&out, "  %s", o->desc);
			strbuf_addch(&out, '\n');
		}
	}
	if (arr) {
		char *json = mlps_json_dump(arr);

		strbuf_adds(&out, json);
		strbuf_addch(&out, '\n');
		free(json);
	}
	status = cli_write_stdout(out.buf);
	strbuf_release(&out);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(c);
	return status;
}

static int object_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },       { "name", required_argument, NULL, 'n' },
		{ "importance", required_argument, NULL, 'i' }, { "desc", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kind = NULL, *name = NULL, *imp_arg = NULL, *desc = NULL, *id = NULL;
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_object o;
	struct mlps_error err;
	enum mlps_importance imp = MLPS_IMP_IMPORTANT;
	int c, status = EXIT_OK;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "-", opts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (id)
				return cli_usage("object", "add: unexpected argument '%s'", optarg);
			id = optarg;
			break;
		case 'k': kind = optarg; break;
		case 'n': name = optarg; break;
		case 'i': imp_arg = optarg; break;
		case 'd': desc = optarg; break;
		default:
			return cli_usage("object", "add: unknown or incomplete option '%s'", argv[optind]);
		}
	}
	if (!id || !kind || !name)
		return cli_usage("object", "add: expected ASSESSMENT --kind KIND --name NAME");
	if (imp_arg && mlps_importance_parse(imp_arg, &imp))
		return cli_usage("object", "--importance: '%s' is not key, important or general", imp_arg);
	if (cli_open_assessment(cli, id, "object", &cat, &st, &a, &status))
		return status;
	mlps_error_init(&err);
	if (mlps_object_check(cat, a, name, kind, &err)) {
		status = cli_usage("object", "add: %s", mlps_error_message(&err));
		goto out;
	}
	o = (struct mlps_object){ (char *)name, (char *)kind, imp, (char *)(desc && *desc ? desc : NULL) };
	if (mlps_store_add_object(st, a->id, &o, &err)) {
		status = cli_report(&err);
		goto out;
	}
	status = cli_write_stdout(name);
	if (!status)
		status = cli_write_stdout("\n");
out:
	mlps_error_release(&err);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

static int object_rm(struct cli *cli, int argc, char **argv)
{
	const char *pos[2];
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	struct mlps_error err;
	struct strbuf msg = STRBUF_INIT;
	bool force = false;
	int i, npos = 0, removed, status = EXIT_OK;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--force"))
			force = true;
		else if (argv[i][0] == '-' || npos == 2)
			return cli_usage("object", "rm: unexpected argument '%s'", argv[i]);
		else
			pos[npos++] = argv[i];
	}
	if (npos != 2)
		return cli_usage("object", "rm: expected ASSESSMENT NAME [--force]");
	if (cli_open_assessment(cli, pos[0], "object", &cat, &st, &a, &status))
		return status;
	mlps_error_init(&err);
	if (mlps_store_remove_object(st, a->id, pos[1], force, NULL, &removed, &err)) {
		status = cli_report(&err);
	} else {
		strbuf_addf(&msg, cli->lang == MLPS_LANG_EN ? "removed %s and its %d answers (kept in the "
							      "answer log)\n"
							    : "已删除 %s 及其 %d 条答案（答案日志中保留记录）\n",
			    pos[1], removed);
		status = cli_write_stdout(msg.buf);
	}
	strbuf_release(&msg);
	mlps_error_release(&err);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

static int object_rename(struct cli *cli, int argc, char **argv)
{
	struct mlps_catalog *cat = NULL;
	struct mlps_store *st = NULL;
	struct mlps_assessment *a = NULL;
	const struct mlps_object *o;
	struct mlps_error err;
	int status = EXIT_OK;

	if (argc != 5)
		return cli_usage("object", "rename: expected ASSESSMENT NAME NEW-NAME");
	if (cli_open_assessment(cli, argv[2], "object", &cat, &st, &a, &status))
		return status;
	mlps_error_init(&err);
	o = mlps_assessment_find_object(a, argv[3]);
	if (!o) {
		cli_errorf("object: assessment %lld has no object named '%s' (see 'mlps object list %lld')", a->id,
			   argv[3], a->id);
		status = EXIT_USAGE;
	} else if (mlps_object_check(cat, a, argv[4], o->kind, &err)) {
		status = cli_usage("object", "rename: %s", mlps_error_message(&err));
	} else if (mlps_store_rename_object(st, a->id, argv[3], argv[4], &err)) {
		status = cli_report(&err);
	} else {
		status = cli_write_stdout(argv[4]);
		if (!status)
			status = cli_write_stdout("\n");
	}
	mlps_error_release(&err);
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_catalog_free(cat);
	return status;
}

int cmd_object(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(object_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "add"))
		return object_add(cli, argc, argv);
	if (!strcmp(argv[1], "list"))
		return object_list(cli, argc, argv);
	if (!strcmp(argv[1], "rm"))
		return object_rm(cli, argc, argv);
	if (!strcmp(argv[1], "rename"))
		return object_rename(cli, argc, argv);
	return cli_usage("object", "'%s' is not an object command (add, list, rm, rename)", argv[1]);
}
