/*
 * cmd_grade.c - `mlps grade`: GB/T 22240-2020 grading from the shell.
 */
#include <string.h>

#include "common.h"
#include "grading.h"

static const char grade_usage[] =
	"usage: mlps grade --business OBJ:HARM --service OBJ:HARM [--last YYYY-MM-DD]\n"
	"\n"
	"Grades a system (GB/T 22240-2020). OBJ is the object harmed when it is\n"
	"attacked: citizen (citizens, legal persons, organisations), society (social\n"
	"order, public interest) or nation (national security); HARM is general,\n"
	"serious or especially-serious. --business is for business information\n"
	"security (S), --service for system service security (A). Prints the notation\n"
	"(e.g. S2A3G3) and the level, whether it must be filed, how often it must be\n"
	"evaluated and, with --last, when the next evaluation is due.\n";

int cmd_grade(struct cli *cli, int argc, char **argv)
{
	const char *business = NULL, *service = NULL, *last = NULL;
	enum mlps_harmed ob, os;
	enum mlps_harm hb, hs;
	struct strbuf out = STRBUF_INIT;
	int i, s, a, g, en = cli->lang == MLPS_LANG_EN, status;
	char due[11];

	if (cli_wants_help(argc, argv)) {
		fputs(grade_usage, stdout);
		return EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--business") ? &business
				    : !strcmp(argv[i], "--service") ? &service
				    : !strcmp(argv[i], "--last")    ? &last : NULL;

		if (!slot || i + 1 >= argc)
			return cli_usage("grade", "unexpected or incomplete argument '%s'", argv[i]);
		*slot = argv[++i];
	}
	if (!business || !service)
		return cli_usage("grade", "both --business OBJ:HARM and --service OBJ:HARM are required");
	if (mlps_grade_parse(business, &ob, &hb))
		return cli_usage("grade", "--business: '%s' is not OBJ:HARM (OBJ citizen|society|nation, "
					  "HARM general|serious|especially-serious)", business);
	if (mlps_grade_parse(service, &os, &hs))
		return cli_usage("grade", "--service: '%s' is not OBJ:HARM (OBJ citizen|society|nation, "
					  "HARM general|serious|especially-serious)", service);
	s = mlps_grade_level(ob, hb);
	a = mlps_grade_level(os, hs);
	g = s > a ? s : a;
	mlps_grade_notation(&out, s, a, g);
	strbuf_addf(&out, en ? "\nlevel %d\n" : "\n第%d级\n", g);
	strbuf_addf(&out, en ? "business information (S%d): %s, %s\n" : "业务信息安全（S%d）：%s，%s\n", s,
		    mlps_object_label(ob, en), mlps_harm_label(hb, en));
	strbuf_addf(&out, en ? "system service (A%d): %s, %s\n" : "系统服务安全（A%d）：%s，%s\n", a,
		    mlps_object_label(os, en), mlps_harm_label(hs, en));
	if (mlps_grade_filing_required(g))
		strbuf_adds(&out, en ? "filing with public security: required\n" : "公安机关备案：需要\n");
	else
		strbuf_adds(&out, en ? "filing with public security: not required\n" : "公安机关备案：不需要\n");
	if (mlps_evaluation_months(g))
		strbuf_addf(&out, en ? "evaluation: at least every %d months\n" : "等级测评：至少每%d个月一次\n",
			    mlps_evaluation_months(g));
	if (last) {
		if (mlps_next_evaluation(g, last, due) == 0)
			strbuf_addf(&out, en ? "next evaluation due: %s\n" : "下次测评到期：%s\n", due);
		else if (mlps_evaluation_months(g)) {
			strbuf_release(&out);
			return cli_usage("grade", "--last: '%s' is not a date of the form YYYY-MM-DD", last);
		}
	}
	if (g > 4)
		strbuf_adds(&out, en ? "note: level 5 requirements are not published; mlps assesses levels 1-4\n"
				     : "注意：第五级要求未公开发布，mlps 只评估第一至四级\n");
	status = cli_write_text(out.buf);
	strbuf_release(&out);
	return status;
}
