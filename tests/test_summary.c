/*
 * test_summary.c - the per-assessment summary (schema 6): after every kind
 * of change it equals a fresh score, written in the change's transaction
 * (an answer drops it instead, and the next list writes it); a stale or
 * missing one is recomputed by the list (and written back only when
 * the store is writable); a schema-5 file migrates with nothing lost and its
 * list figures equal its score figures. Registered again as test_summary_pg:
 * the summaries are checked in a PostgreSQL database too (test_store_name);
 * the schema-5 file is SQLite's alone.
 */
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "score.h"
#include "store.h"
#include "testutil.h"

static char *dir;
static struct mlps_catalog *cat;

/* The summary a fresh load and score give (bands: caller frees). */
static void fresh(struct mlps_store *st, long long id, struct mlps_store_summary *m)
{
	struct mlps_error err;
	struct mlps_assessment *a;
	struct mlps_score *s;
	const struct mlps_tally *t;
	size_t i;

	memset(m, 0, sizeof(*m));
	mlps_error_init(&err);
	a = mlps_store_load(st, id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	s = mlps_score_compute(cat, a, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	t = mlps_score_level(s, a->level);
	mlps_score_progress(s, a->level, &m->decided, &m->in_scope);
	m->answered = t->answered;
	m->applicable = t->applicable;
	m->rate = t->rate;
	m->score = t->score;
	m->worst = t->worst;
	m->primary = (int)mlps_score_primary(s, a->level)->band_index;
	m->n_bands = mlps_score_rules(s)->n_verdicts;
	m->bands = calloc(m->n_bands, sizeof(*m->bands));
	for (i = 0; i < m->n_bands; i++)
		m->bands[i] = (int)mlps_score_verdict(s, a->level, i)->band_index;
	m->high_risk = (int)mlps_score_n_high_risk(s);
	m->mitigated = (int)mlps_score_n_high_mitigated(s);
	m->unconfirmed = mlps_score_unconfirmed(s);
	mlps_score_free(s);
	mlps_assessment_free(a);
	mlps_error_release(&err);
}

/* Whether the stored summary row of id (read straight from the database) equals a fresh score. */
static bool stored_equals_fresh(struct mlps_store *st, const char *path, long long id)
{
	static const char *const risks[] = { "none", "low", "medium", "high" };
	struct mlps_store_summary m;
	struct strbuf bands = STRBUF_INIT, sql = STRBUF_INIT;
	struct test_rows q;
	bool same = false;
	size_t i;

	fresh(st, id, &m);
	for (i = 0; i < m.n_bands; i++)
		strbuf_addf(&bands, "%s%d", i ? "," : "", m.bands[i]);
	strbuf_addf(&sql, "SELECT decided, in_scope, answered, applicable, rate, composite, worst_risk, primary_band, "
			  "bands, high_risk, mitigated, unconfirmed, profile_hash, rules_id FROM assessment_summary "
			  "WHERE assessment_id = %lld", id);
	test_rows_open(&q, path, sql.buf);
	if (test_rows_next(&q))
		same = test_rows_int(&q, 0) == m.decided && test_rows_int(&q, 1) == m.in_scope &&
		       test_rows_int(&q, 2) == m.answered && test_rows_int(&q, 3) == m.applicable &&
		       test_rows_double(&q, 4) == m.rate && test_rows_double(&q, 5) == m.score &&
		       !strcmp(test_rows_text(&q, 6), risks[m.worst]) && test_rows_int(&q, 7) == m.primary &&
		       !strcmp(test_rows_text(&q, 8), bands.buf) && test_rows_int(&q, 9) == m.high_risk &&
		       test_rows_int(&q, 10) == m.mitigated && test_rows_int(&q, 11) == m.unconfirmed &&
		       !strcmp(test_rows_text(&q, 12), mlps_catalog_hash(cat)) &&
		       !strcmp(test_rows_text(&q, 13), mlps_catalog_rules(cat)->id);
	test_rows_close(&q);
	strbuf_release(&sql);
	strbuf_release(&bands);
	free(m.bands);
	return same;
}

/*
 * An answer drops its assessment's summary row; the next list computes it
 * and writes it back: no row before, a fresh one after.
 */
static bool relisted_equals_fresh(struct mlps_store *st, const char *path, long long id)
{
	struct mlps_store_row *rows = NULL;
	struct mlps_error err;
	struct strbuf sql = STRBUF_INIT;
	struct test_rows q;
	size_t n = 0;
	bool dropped, listed;

	strbuf_addf(&sql, "SELECT count(*) FROM assessment_summary WHERE assessment_id = %lld", id);
	test_rows_open(&q, path, sql.buf);
	dropped = test_rows_next(&q) && test_rows_int(&q, 0) == 0;
	test_rows_close(&q);
	strbuf_release(&sql);
	mlps_error_init(&err);
	listed = mlps_store_list(st, &rows, &n, &err) == 0;
	mlps_store_rows_free(rows, n);
	mlps_error_release(&err);
	return dropped && listed && stored_equals_fresh(st, path, id);
}

static struct mlps_answer answer(const char *key, const char *object, enum mlps_status status)
{
	struct mlps_answer a;

	memset(&a, 0, sizeof(a));
	a.key = (char *)key;
	a.object = (char *)object;
	a.status = status;
	return a;
}

static int lower_risk(struct mlps_answer *ans, void *ctx, struct mlps_error *err)
{
	(void)ctx;
	(void)err;
	ans->risk = MLPS_RISK_MEDIUM;
	free(ans->mitigation);
	ans->mitigation = strdup("临时ACL");
	return 0;
}

static void sample(struct mlps_assessment *a, const char *system)
{
	memset(a, 0, sizeof(*a));
	a->sys.name = (char *)system;
	a->sys.s_level = 3;
	a->sys.a_level = 2;
	a->level = 3;
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a->profile_hash = (char *)mlps_catalog_hash(cat);
	a->rules_id = (char *)mlps_catalog_rules(cat)->id;
}

static void test_summary_after_each_kind_of_change_equals_a_fresh_score(void)
{
	char *path = test_store_name(dir, "changes.db");
	struct mlps_store *st = open_store(path);
	struct mlps_assessment a, *b;
	struct mlps_object o;
	struct mlps_answer ans;
	struct mlps_error err;
	struct mlps_store_changes ch = { NULL, NULL, NULL, 2, -1, -1, -1, -1, "level 2" };
	struct mlps_signoff so = { "张三", NULL, "2025-07-01", 0, "x", "y" };
	int removed = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	mlps_store_set_catalog(st, cat);
	sample(&a, "网上银行");
	CU_ASSERT_EQUAL_FATAL(mlps_store_create(st, &a, &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a.id));
	memset(&o, 0, sizeof(o));
	o.name = (char *)"web01";
	o.kind = (char *)"server";
	o.importance = MLPS_IMP_KEY;
	CU_ASSERT_EQUAL(mlps_store_add_object(st, a.id, &o, &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a.id));
	ans = answer("ces.ia.a", "web01", MLPS_ST_NONCOMPLIANT);
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, a.id, &ans, "t", &err), 0);
	CU_ASSERT_TRUE(relisted_equals_fresh(st, path, a.id));
	ans = answer("pes.location.a", NULL, MLPS_ST_COMPLIANT);
	CU_ASSERT_EQUAL(mlps_store_save_answer_cas(st, a.id, &ans, "t", &err), 0);
	CU_ASSERT_TRUE(relisted_equals_fresh(st, path, a.id));
	memset(&ans, 0, sizeof(ans));
	CU_ASSERT_EQUAL(mlps_store_edit_answer(st, a.id, "ces.ia.a", "web01", lower_risk, NULL, "t", &ans, &err), 0);
	mlps_answer_release(&ans);
	CU_ASSERT_TRUE(relisted_equals_fresh(st, path, a.id));
	CU_ASSERT_EQUAL(mlps_store_rename_object(st, a.id, "web01", "web02", &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a.id));
	CU_ASSERT_EQUAL(mlps_store_remove_object(st, a.id, "web02", true, "t", &removed, &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a.id));
	CU_ASSERT_EQUAL(mlps_store_set(st, a.id, &ch, "t", &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a.id));
	CU_ASSERT_EQUAL(mlps_store_finalise(st, a.id, &so, "t", &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a.id));
	CU_ASSERT_EQUAL(mlps_store_reopen(st, a.id, "more evidence", "t", &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a.id));
	free(a.created);
	free(a.updated);
	/* A re-audit's insert and an import: carried answers to confirm count as unanswered. */
	b = mlps_store_load(st, a.id, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	b->parent = a.id;
	free(b->uid);
	b->uid = NULL;
	free(b->created);
	b->created = NULL;
	free(b->updated);
	b->updated = NULL;
	b->status = MLPS_DRAFT;
	for (size_t i = 0; i < b->n_answers; i++)
		b->answers[i].to_confirm = true;
	CU_ASSERT_EQUAL(mlps_store_insert(st, b, &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, b->id));
	free(b->uid);
	b->uid = NULL;
	CU_ASSERT_EQUAL(mlps_store_import(st, b, &err), 0);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, b->id));
	mlps_assessment_free(b);
	if (mlps_error_message(&err)[0])
		fprintf(stderr, "\n%s\n", mlps_error_message(&err));
	mlps_store_close(st);
	mlps_error_release(&err);
	free(path);
}

/*
 * The store at `name` as read-only: an SQLite file opened mode=ro; on
 * PostgreSQL the same database as a login role that is only mlps_reader.
 */
static void read_only_name(const char *name, struct strbuf *out)
{
	static unsigned n;
	const char *db, *end;
	struct strbuf role = STRBUF_INIT, sql = STRBUF_INIT, dbname = STRBUF_INIT;
	char *uri;

	if (!test_on_pg()) {
		strbuf_addf(out, "file:%s?mode=ro", name);
		return;
	}
	/* test_store_name gives postgresql:///DBNAME?host=...&port=...&user=... */
	db = strstr(name, ":///");
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	db += 4;
	end = strchr(db, '?');
	strbuf_add(&dbname, db, end ? (size_t)(end - db) : strlen(db));
	strbuf_addf(&role, "reader_%ld_%u", (long)getpid(), ++n);
	strbuf_addf(&sql, "CREATE ROLE %s LOGIN IN ROLE mlps_reader", role.buf);
	test_pg_exec("postgres", sql.buf);
	uri = test_pg_uri(dbname.buf, role.buf);
	strbuf_adds(out, uri);
	free(uri);
	strbuf_release(&role);
	strbuf_release(&sql);
	strbuf_release(&dbname);
}

/*
 * A stale summary (another catalogue) and a missing one are recomputed by
 * list; read-only (an SQLite file opened mode=ro, a PostgreSQL reader): in
 * memory only.
 */
static void test_list_recomputes_a_stale_or_missing_summary(void)
{
	char *path = test_store_name(dir, "stale.db");
	struct mlps_store *st = open_store(path);
	struct mlps_store_row *rows = NULL;
	struct mlps_store_summary m;
	struct mlps_assessment a1, a2;
	struct mlps_answer ans = answer("ces.ia.a", NULL, MLPS_ST_PARTIAL);
	struct mlps_error err;
	struct strbuf uri = STRBUF_INIT;
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	mlps_store_set_catalog(st, cat);
	sample(&a1, "甲");
	sample(&a2, "乙");
	CU_ASSERT_EQUAL_FATAL(mlps_store_create(st, &a1, &err), 0);
	CU_ASSERT_EQUAL_FATAL(mlps_store_create(st, &a2, &err), 0);
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, a1.id, &ans, "t", &err), 0);
	mlps_store_close(st);
	test_rows_exec(path, "UPDATE assessment_summary SET profile_hash = 'feedfacefeedface', composite = 12.5, decided = 0 "
		       "WHERE assessment_id = 1; DELETE FROM assessment_summary WHERE assessment_id = 2");
	/* Read-only: the figures are right, the database keeps its stale rows. */
	read_only_name(path, &uri);
	st = open_store(uri.buf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_store_set_catalog(st, cat);
	CU_ASSERT_EQUAL_FATAL(mlps_store_list(st, &rows, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	fresh(st, a1.id, &m);
	CU_ASSERT_TRUE(rows[0].has_summary && rows[0].sum.score == m.score && rows[0].sum.decided == m.decided);
	free(m.bands);
	mlps_store_rows_free(rows, n);
	CU_ASSERT_FALSE(stored_equals_fresh(st, path, a1.id));
	CU_ASSERT_FALSE(stored_equals_fresh(st, path, a2.id));
	mlps_store_close(st);
	/* Writable: list writes both back. */
	st = open_store(path);
	mlps_store_set_catalog(st, cat);
	CU_ASSERT_EQUAL_FATAL(mlps_store_list(st, &rows, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 2);
	mlps_store_rows_free(rows, n);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a1.id));
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a2.id));
	/* Without a catalogue a change drops the summary; the next list with one writes it again. */
	mlps_store_set_catalog(st, NULL);
	ans.status = MLPS_ST_COMPLIANT;
	CU_ASSERT_EQUAL(mlps_store_save_answer(st, a1.id, &ans, "t", &err), 0);
	CU_ASSERT_FALSE(stored_equals_fresh(st, path, a1.id));
	mlps_store_set_catalog(st, cat);
	CU_ASSERT_EQUAL_FATAL(mlps_store_list(st, &rows, &n, &err), 0);
	mlps_store_rows_free(rows, n);
	CU_ASSERT_TRUE(stored_equals_fresh(st, path, a1.id));
	mlps_store_close(st);
	free(a1.created);
	free(a1.updated);
	free(a2.created);
	free(a2.updated);
	strbuf_release(&uri);
	mlps_error_release(&err);
	free(path);
}

/* One query's text from the file at path: every row's columns joined (what "nothing lost" compares). */
static char *dump(const char *path, const char *sql)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *q;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		int i;

		for (i = 0; i < sqlite3_column_count(q); i++) {
			const char *v = (const char *)sqlite3_column_text(q, i);

			strbuf_addf(&sb, "%s|", v ? v : "NULL");
		}
		strbuf_addch(&sb, '\n');
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return strbuf_detach(&sb, NULL);
}

static void test_schema5_fixture_migrates_and_lists_its_score_figures(void)
{
	static const char *const tables[] = {
		"SELECT * FROM systems ORDER BY id", "SELECT * FROM assessments ORDER BY id",
		"SELECT * FROM objects ORDER BY id",
		"SELECT assessment_id, req_key, object_id, status, note, evidence, na_reason, risk, mitigation, owner, "
		"due, plan, to_confirm, text_hash, who, updated, revision FROM answers "
		"ORDER BY assessment_id, req_key, object_id",
		"SELECT * FROM answer_log ORDER BY id", "SELECT * FROM assessment_log ORDER BY id",
	};
	char *orig, *path, *before[6];
	struct strbuf cmd = STRBUF_INIT, e1 = STRBUF_INIT;
	const char *env[5];
	json_t *list, *row;
	size_t i;
	struct run r;

	if (test_sqlite_only("migration of the schema-5 SQLite fixture"))
		return;
	orig = path_join(dir, "orig5.db");
	path = path_join(dir, "schema5.db");
	strbuf_addf(&cmd, "cp '%s/store/schema5.db' '%s' && cp '%s' '%s'", MLPS_FIXTURES, orig, orig, path);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	for (i = 0; i < 6; i++)
		before[i] = dump(orig, tables[i]);
	strbuf_addf(&e1, "MLPS_DB=%s", path);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = "USER=tester";
	env[3] = "MLPS_NOW=2025-10-01T08:00:00Z";
	env[4] = NULL;
	run_mlps(&r, env, (const char *const[]){ "list", "--format", "json", NULL });
	CU_ASSERT_EQUAL_FATAL(r.status, 0);
	list = json_loads(r.out, 0, NULL);
	run_free(&r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(list);
	CU_ASSERT_TRUE(json_array_size(list) >= 3);
	/* Nothing lost: every row of every table as it was. */
	for (i = 0; i < 6; i++) {
		char *after = dump(path, tables[i]);

		CU_ASSERT_STRING_EQUAL(after, before[i]);
		free(after);
		free(before[i]);
	}
	{
		char *v = dump(path, "SELECT (SELECT user_version FROM pragma_user_version), "
				     "(SELECT count(*) FROM assessment_summary), "
				     "(SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = 'answers')");
		char want[64];

		snprintf(want, sizeof(want), "6|%zu|1|\n", json_array_size(list));
		CU_ASSERT_STRING_EQUAL(v, want);
		free(v);
	}
	/* The list's figures are the score's. */
	json_array_foreach(list, i, row) {
		long long id = json_integer_value(json_object_get(row, "id"));
		char ids[24];
		json_t *score, *lv;
		const char *key;
		json_t *verdict;

		snprintf(ids, sizeof(ids), "%lld", id);
		run_mlps(&r, env, (const char *const[]){ "score", ids, "--format", "json", NULL });
		CU_ASSERT_EQUAL_FATAL(r.status, 0);
		score = json_loads(r.out, 0, NULL);
		run_free(&r);
		CU_ASSERT_PTR_NOT_NULL_FATAL(score);
		lv = NULL;
		{
			json_t *levels = json_object_get(score, "levels"), *l;
			size_t k;

			json_array_foreach(levels, k, l)
				if (json_integer_value(json_object_get(l, "level")) ==
				    json_integer_value(json_object_get(row, "level")))
					lv = l;
		}
		CU_ASSERT_PTR_NOT_NULL_FATAL(lv);
		CU_ASSERT_EQUAL(json_integer_value(json_object_get(lv, "answered")),
				json_integer_value(json_object_get(row, "answered")));
		CU_ASSERT_EQUAL(json_integer_value(json_object_get(lv, "applicable")),
				json_integer_value(json_object_get(row, "applicable")));
		CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(lv, "rate")),
				       json_real_value(json_object_get(row, "rate")), 1e-9);
		CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(lv, "score")),
				       json_real_value(json_object_get(row, "score")), 1e-9);
		json_object_foreach(json_object_get(row, "verdicts"), key, verdict) {
			json_t *v = json_object_get(json_object_get(lv, "verdicts"), key);

			CU_ASSERT_PTR_NOT_NULL(v);
			if (v && json_is_object(v))
				v = json_object_get(v, "band");
			CU_ASSERT_TRUE(v && json_is_string(v) && !strcmp(json_string_value(v), json_string_value(verdict)));
		}
		json_decref(score);
	}
	json_decref(list);
	strbuf_release(&cmd);
	strbuf_release(&e1);
	free(orig);
	free(path);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "summary after each change equals a fresh score",
		  test_summary_after_each_kind_of_change_equals_a_fresh_score },
		{ "list recomputes a stale or missing summary", test_list_recomputes_a_stale_or_missing_summary },
		{ "schema 5 fixture migrates, list equals score", test_schema5_fixture_migrates_and_lists_its_score_figures },
		CU_TEST_INFO_NULL,
	};
	int rc;

	dir = make_temp_dir();
	cat = load_catalog(MLPS_SHIPPED);
	rc = test_main("summary", tests);
	mlps_catalog_free(cat);
	remove_tree(dir);
	free(dir);
	return rc;
}
