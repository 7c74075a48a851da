/*
 * propose.c - from probe results to proposed answers, one per requirement.
 *
 * A check's outcome maps to a status through the check's own table (its
 * `status:` in the checks file); checks that share a `group` are
 * alternatives (chrony or timesyncd), so the group counts once with its
 * best status. The requirement's proposal combines what is left: all the
 * same -> that status, anything mixed -> partial. A check that was not
 * checked proposes nothing but is listed, with its reason, in the
 * evidence, so that the evaluator sees what the probe could not look at.
 */
#include <stdlib.h>
#include <string.h>

#include "probe.h"

/* Larger is better: the best member of a group is the one that counts. */
static int rank(enum mlps_status st)
{
	switch (st) {
	case MLPS_ST_COMPLIANT:
		return 3;
	case MLPS_ST_PARTIAL:
		return 2;
	case MLPS_ST_TODO:
		return 1;
	default:
		return 0;
	}
}

static bool names_req(const struct mlps_check *c, const struct mlps_requirement *req)
{
	size_t j;

	for (j = 0; j < c->n_reqs; j++)
		if (c->reqs[j] == req || (c->req_keys[j] && !strcmp(c->req_keys[j], req->key)))
			return true;
	return false;
}

static void add_item_evidence(struct strbuf *sb, const struct mlps_probe_item *it, enum mlps_lang lang)
{
	const struct mlps_check *c = it->check;
	const char *e;

	strbuf_addf(sb, "[%s] %s: %s\n", mlps_probe_result_label(it->result, lang), c->id,
		    mlps_text_get(&c->title, lang));
	for (e = it->evidence; e && *e;) {
		size_t n = strcspn(e, "\n");

		strbuf_adds(sb, "  ");
		strbuf_add(sb, e, n);
		strbuf_addch(sb, '\n');
		e += n + (e[n] == '\n');
	}
	if (it->result == MLPS_PR_NOT_CHECKED) {
		strbuf_addf(sb, "  %s: %s\n", lang == MLPS_LANG_EN ? "not checked" : "未检查",
			    it->reason ? it->reason : "?");
	} else {
		const struct mlps_text *ex = &c->explain[it->result];

		if (!ex->zh)
			ex = &c->explain[MLPS_OUT_FAIL];
		strbuf_addf(sb, "  -> %s\n", mlps_text_get(ex, lang));
		if (it->reason)
			strbuf_addf(sb, "  %s: %s\n", lang == MLPS_LANG_EN ? "not read" : "未能读取", it->reason);
	}
}

int mlps_probe_propose(const struct mlps_catalog *cat, const struct mlps_probe_run *run, const char *kind,
		       enum mlps_lang lang, struct mlps_probe_proposal **out, size_t *n)
{
	struct mlps_probe_proposal *p = NULL;
	size_t np = 0, i, j, k;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *req = mlps_catalog_requirement(cat, i);
		struct mlps_probe_proposal pr;
		struct strbuf ev = STRBUF_INIT;
		enum mlps_status st[64];
		const char *groups[64];
		size_t n_st = 0;

		memset(&pr, 0, sizeof(pr));
		for (j = 0; j < run->n_items; j++) {
			const struct mlps_probe_item *it = &run->items[j];

			if (!names_req(it->check, req))
				continue;
			pr.n_checks++;
			add_item_evidence(&ev, it, lang);
			if (it->result == MLPS_PR_NOT_CHECKED)
				continue;
			pr.n_checked++;
			{
				enum mlps_status s = it->check->status[it->result];
				const char *g = it->check->group;

				for (k = 0; g && k < n_st; k++)
					if (groups[k] && !strcmp(groups[k], g)) {
						if (rank(s) > rank(st[k]))
							st[k] = s;
						break;
					}
				if ((!g || k == n_st) && n_st < 64) {
					groups[n_st] = g;
					st[n_st++] = s;
				}
			}
		}
		if (!pr.n_checks) {
			strbuf_release(&ev);
			continue;
		}
		pr.req = req;
		pr.status = MLPS_ST_UNANSWERED;
		for (k = 0; k < n_st; k++) {
			if (k == 0)
				pr.status = st[0];
			else if (st[k] != pr.status)
				pr.status = MLPS_ST_PARTIAL;
		}
		pr.assessed_on_kind = mlps_req_assessed_on(cat, req, kind ? kind : "server");
		strbuf_addf(&ev, "(%s %s%s%s, %s)", lang == MLPS_LANG_EN ? "mlps probe of" : "mlps probe 采集自",
			    run->host ? run->host : "?", run->root ? " --root " : "", run->root ? run->root : "",
			    run->when ? run->when : "?");
		if (ev.len > 60000) {
			/* Answers hold at most 64 KiB of text (usertext.h). */
			strbuf_setlen(&ev, 60000);
			strbuf_adds(&ev, "\n...");
		}
		pr.evidence = strbuf_detach(&ev, NULL);
		p = mlps_realloc(p, (np + 1) * sizeof(*p));
		p[np++] = pr;
	}
	*out = p;
	*n = np;
	return 0;
}

void mlps_probe_proposals_free(struct mlps_probe_proposal *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(p[i].evidence);
	free(p);
}
