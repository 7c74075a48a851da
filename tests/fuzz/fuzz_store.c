/*
 * fuzz_store.c - libFuzzer harness: crafted database files through the
 * store's read paths (issue 20, items 2 and 13). The first input byte picks
 * the mode:
 *
 *   even: the rest is a database file, opened as it is (the seed is a small
 *         mlps file with 512-byte pages whose tables lack the constraints,
 *         5.5 KB: smoke.sh gives this harness -max_len=8192);
 *   odd:  the rest is SQL run against such a file written once at start
 *         (assessment 1 with objects, answers and both logs): INSERT,
 *         UPDATE, DELETE and SELECT only, under a step budget, so that the
 *         rows mlps then reads are any values at all.
 *
 * Then every read path runs: list, load and score of each assessment, its
 * export, both logs, the last change, and db check with the shipped
 * catalogue. No input may crash, hang or trip a sanitizer; every bad row
 * must come back as an error.
 *
 * Its file lives in /dev/shm when there is one (else $TMPDIR), removed at exit.
 *
 * Run: build-fuzz/fuzz_store NEW_DIR tests/fuzz/corpus/fuzz_store -max_len=8192
 */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exchange.h"
#include "score.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct mlps_catalog *cat;
static char path[4096];
static uint8_t *base;           /* the baseline file of the SQL mode */
static size_t base_len;

static void write_bytes(const uint8_t *d, size_t n)
{
	FILE *f;
	char side[4200];

	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	f = fopen(path, "wb");
	if (!f || (n && fwrite(d, 1, n, f) != n) || fclose(f) != 0)
		abort();
}

static uint8_t *read_bytes(size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *d = NULL;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		abort();
	d = mlps_calloc(1, (size_t)len + 1);
	if (fread(d, 1, (size_t)len, f) != (size_t)len)
		abort();
	fclose(f);
	*n = (size_t)len;
	return d;
}

static void remove_files(void)
{
	char side[4200];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-journal", path);
	unlink(side);
}

/* Only row changes and reads: no ATTACH (other files), no PRAGMA, no schema change. */
static int authorize(void *ctx, int action, const char *a, const char *b, const char *c, const char *d)
{
	(void)ctx, (void)a, (void)b, (void)c, (void)d;
	switch (action) {
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
	case SQLITE_READ:
	case SQLITE_SELECT:
	case SQLITE_FUNCTION:
	case SQLITE_TRANSACTION:
	case SQLITE_SAVEPOINT:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	default:
		return SQLITE_DENY;
	}
}

static int budget(void *ctx)
{
	return ++*(int *)ctx > 2000;    /* x 1000 VM steps: recursive CTEs end here */
}

static void sql(sqlite3 *db, const char *s)
{
	if (sqlite3_exec(db, s, NULL, NULL, NULL) != SQLITE_OK)
		abort();
}

/*
 * The baseline: a real mlps database (written through the store), its
 * tables then rebuilt without constraints and its pages made 512 bytes.
 */
static void make_base(void)
{
	static const char *const tables[] = { "systems", "assessments", "objects", "answers", "answer_log",
					      "assessment_log", "assessment_summary" };
	struct mlps_assessment *a = mlps_calloc(1, sizeof(*a));
	struct mlps_answer ans;
	struct mlps_object web = { (char *)"web01", (char *)"server", MLPS_IMP_KEY, (char *)"rack 3" };
	struct mlps_store_changes ch = { NULL, NULL, "li", 0, -1, -1, -1, -1, "assessor" };
	struct mlps_error err;
	struct mlps_store *st;
	sqlite3 *db;
	char buf[256];
	size_t i;

	mlps_error_init(&err);
	unlink(path);
	st = mlps_store_open(path, &err);
	if (!st)
		abort();
	a->sys.name = mlps_strdup("S");
	a->level = 3;
	a->ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a->profile_hash = mlps_strdup("c45700f39a3b5783");
	a->rules_id = mlps_strdup("mlps-rules-2025.2");
	if (mlps_store_create(st, a, &err) || mlps_store_add_object(st, 1, &web, &err))
		abort();
	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)"ces.ia.a";
	ans.object = (char *)"web01";
	ans.status = MLPS_ST_NONCOMPLIANT;
	ans.note = (char *)"weak";
	ans.text_hash = 0x80a9c694f3d4d615ULL;
	if (mlps_store_save_answer(st, 1, &ans, "t", &err))
		abort();
	ans.key = (char *)"pes.location.a";
	ans.object = NULL;
	ans.status = MLPS_ST_NA;
	ans.na_reason = (char *)"hosted";
	ans.due = (char *)"2025-06-30";
	if (mlps_store_save_answer(st, 1, &ans, "t", &err) || mlps_store_set(st, 1, &ch, "t", &err))
		abort();
	mlps_store_close(st);
	mlps_assessment_free(a);
	mlps_error_release(&err);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		abort();
	sql(db, "PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = OFF; BEGIN");
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		/* answers has no rowid (schema 6): its loose copy takes the rows in key order. */
		snprintf(buf, sizeof(buf), "CREATE TABLE loose AS SELECT * FROM %s ORDER BY %s; DROP TABLE %s; "
			 "ALTER TABLE loose RENAME TO %s;", tables[i],
			 strcmp(tables[i], "answers") ? "rowid" : "assessment_id, req_key, object_id", tables[i],
			 tables[i]);
		sql(db, buf);
	}
	sql(db, "COMMIT; PRAGMA page_size = 512; VACUUM");
	sqlite3_close(db);
	base = read_bytes(&base_len);
}

/* Every read path of the store, and what reads its results. */
static void read_all(void)
{
	struct mlps_error err;
	struct mlps_store *st;
	struct mlps_store_row *rows = NULL;
	struct mlps_store_change c;
	struct strbuf out = STRBUF_INIT;
	size_t n = 0, i;

	mlps_error_init(&err);
	st = mlps_store_open_ex(path, false, NULL, &err);
	if (!st)
		goto out;
	if (mlps_store_list(st, &rows, &n, &err) == 0) {
		for (i = 0; i < n && i < 8; i++) {
			struct mlps_assessment *a = mlps_store_load(st, rows[i].id, &err);
			struct mlps_score *s = a ? mlps_score_compute(cat, a, &err) : NULL;
			struct mlps_log_entry *e = NULL;
			size_t ne = 0;

			if (a)
				free(mlps_export_json(a));
			mlps_score_free(s);
			mlps_assessment_free(a);
			if (mlps_store_log(st, rows[i].id, NULL, &e, &ne, &err) == 0)
				mlps_store_log_free(e, ne);
			if (mlps_store_last_change(st, rows[i].id, &c, &err) == 0)
				mlps_store_change_release(&c);
		}
		mlps_store_rows_free(rows, n);
	}
	/* An id the list did not give: the load of a row that is not listed. */
	mlps_assessment_free(mlps_store_load(st, 1, &err));
	mlps_store_check(st, cat, &out, &err);
	mlps_store_close(st);
out:
	strbuf_release(&out);
	mlps_error_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!cat) {
		struct mlps_error err;
		const char *tmp = getenv("TMPDIR");

		/*
		 * Each input is a file written, opened (WAL, synchronous FULL) and
		 * closed: in memory (/dev/shm) that runs about seven times faster
		 * than on a disk's file system.
		 */
		if (access("/dev/shm", W_OK) == 0)
			tmp = "/dev/shm";
		snprintf(path, sizeof(path), "%s/fuzz_store-%ld.db", tmp && *tmp ? tmp : "/tmp", (long)getpid());
		atexit(remove_files);
		mlps_error_init(&err);
		cat = mlps_catalog_load(MLPS_SHIPPED, &err);
		if (!cat)
			abort();
		mlps_error_release(&err);
		make_base();
	}
	if (size == 0)
		return 0;
	if (!(data[0] & 1)) {
		write_bytes(data + 1, size - 1);
	} else {
		char *script = mlps_strndup((const char *)data + 1, size - 1);
		sqlite3 *db;
		int steps = 0;

		write_bytes(base, base_len);
		if (sqlite3_open(path, &db) != SQLITE_OK)
			abort();
		sqlite3_set_authorizer(db, authorize, NULL);
		sqlite3_progress_handler(db, 1000, budget, &steps);
		sqlite3_exec(db, script, NULL, NULL, NULL);
		sqlite3_close(db);
		free(script);
	}
	read_all();
	return 0;
}
