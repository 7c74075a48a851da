/*
 * test_import.c - `mlps import` checks every field of the file (issue 20,
 * item 12): each case spoils one field of a good export and expects the
 * field's path in one message, exit 2, and nothing saved (the database is
 * not even created).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "util.h"

static char *dir, *good;

/* A good export: assessment 1 of system S (level 3), objects S and web01, one answer on web01. */
static void make_export(void)
{
	struct strbuf e1 = STRBUF_INIT;
	char *db = path_join(dir, "source.db");
	const char *env[4];
	static const char *const steps[][9] = {
		{ "new", "--system", "S", "--level", "3", "--object", "server:web01", NULL },
		{ "answer", "1", "L3-CES1-01", "noncompliant", "--object", "web01", "--note", "weak", NULL },
		{ "export", "1", NULL },
	};
	struct run r;
	size_t i;

	strbuf_addf(&e1, "MLPS_DB=%s", db);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = "MLPS_NOW=2025-07-01T08:00:00Z";
	env[3] = NULL;
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		run_mlps(&r, env, steps[i]);
		if (r.status) {
			fprintf(stderr, "test_import: %s", r.err);
			exit(1);
		}
		if (i == 2)
			good = mlps_strdup(r.out);
		run_free(&r);
	}
	strbuf_release(&e1);
	free(db);
}

struct spoil {
	const char *name;
	const char *section;        /* "system", "assessment", "objects", "answers" */
	int index;                  /* in an array section */
	const char *field;
	json_t *(*value)(void);     /* the bad value; NULL: a copy of answers[0] with key `field` added */
	const char *message;        /* after "mlps: FILE: " */
};

static json_t *garbage(void) { return json_string("garbage"); }
static json_t *negative_hash(void) { return json_string("-123456789abcdef"); }
static json_t *short_hash(void) { return json_string("12ab"); }
static json_t *bad_uid(void) { return json_string("NOT-A-UID"); }
static json_t *maybe(void) { return json_string("maybe"); }
static json_t *control_name(void) { return json_string("web\03301"); }
static json_t *level_9(void) { return json_integer(9); }
static json_t *feb_30(void) { return json_string("2025-02-30"); }

static json_t *huge(void)
{
	char *s = mlps_calloc(64 * 1024 + 2, 1);
	json_t *v;

	memset(s, 'x', 64 * 1024 + 1);
	v = json_string(s);
	free(s);
	return v;
}

static const struct spoil cases[] = {
	{ "created garbage", "assessment", -1, "created", garbage,
	  "assessment.created: 'garbage' is not a date and time (YYYY-MM-DDTHH:MM:SSZ)" },
	{ "updated garbage", "assessment", -1, "updated", garbage,
	  "assessment.updated: 'garbage' is not a date and time (YYYY-MM-DDTHH:MM:SSZ)" },
	{ "answer updated garbage", "answers", 0, "updated", garbage,
	  "answers[0].updated: 'garbage' is not a date and time (YYYY-MM-DDTHH:MM:SSZ)" },
	{ "negative text_hash", "answers", 0, "text_hash", negative_hash,
	  "answers[0].text_hash: expected 16 hexadecimal digits" },
	{ "short text_hash", "answers", 0, "text_hash", short_hash,
	  "answers[0].text_hash: expected 16 hexadecimal digits" },
	{ "bad uid", "assessment", -1, "uid", bad_uid, "assessment.uid: expected 32 lowercase hexadecimal digits" },
	{ "unknown status", "answers", 0, "status", maybe, "answers[0].status: 'maybe' is not a status" },
	{ "level 9", "assessment", -1, "level", level_9, "assessment.level: expected a whole number from 1 to 4" },
	{ "due feb 30", "answers", 0, "due", feb_30,
	  "answers[0]: ces.ia.a: due date '2025-02-30' is not a date of the form YYYY-MM-DD" },
	{ "note over 64 KiB", "answers", 0, "note", huge,
	  "answers[0].note: 65537 bytes is more than the limit of 65536 bytes (64 KiB)" },
	{ "evidence over 64 KiB", "answers", 0, "evidence", huge,
	  "answers[0].evidence: 65537 bytes is more than the limit of 65536 bytes (64 KiB)" },
	{ "system name over 64 KiB", "system", -1, "name", huge,
	  "system.name: 65537 bytes is more than the limit of 65536 bytes (64 KiB)" },
	{ "object description over 64 KiB", "objects", 1, "description", huge,
	  "objects[1].description: 65537 bytes is more than the limit of 65536 bytes (64 KiB)" },
	{ "object name with a control", "objects", 1, "name", control_name,
	  "objects[1]: object name contains a control character" },
	{ "out of scope: cloud", "answers", 1, "cloud.pes.infra.a", NULL,
	  "answers[1]: cloud.pes.infra.a is not in the scope of this level 3 assessment and its extensions; "
	  "out-of-scope answers are not imported" },
};

/* The good export with one field spoilt, as text (caller frees). */
static char *spoilt(const struct spoil *c)
{
	json_error_t jerr;
	json_t *doc = json_loads(good, 0, &jerr), *sec, *target;
	char *text, *copy;

	if (!doc)
		exit(1);
	sec = json_object_get(doc, c->section);
	if (!c->value) {
		/* A second answer, to requirement `field`, on the system object. */
		json_t *ans = json_deep_copy(json_array_get(sec, 0));

		json_object_set_new(ans, "key", json_string(c->field));
		json_object_set_new(ans, "object", json_string("S"));
		json_object_set_new(ans, "status", json_string("compliant"));
		json_array_append_new(sec, ans);
	} else {
		target = c->index >= 0 ? json_array_get(sec, (size_t)c->index) : sec;
		json_object_set_new(target, c->field, c->value());
	}
	text = json_dumps(doc, JSON_INDENT(2));
	copy = mlps_strdup(text);
	free(text);
	json_decref(doc);
	return copy;
}

static void test_import_refuses_each_bad_field_with_its_path_and_saves_nothing(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *file = path_join(dir, "in.json"), *db = path_join(dir, "target.db"), *text = spoilt(&cases[i]);
		struct strbuf e1 = STRBUF_INIT, want = STRBUF_INIT;
		const char *env[3];
		struct stat sb;
		struct run r;

		write_file(file, text, strlen(text));
		strbuf_addf(&e1, "MLPS_DB=%s", db);
		env[0] = e1.buf;
		env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
		env[2] = NULL;
		strbuf_addf(&want, "mlps: %s: %s\n", file, cases[i].message);
		run_mlps(&r, env, (const char *const[]){ "import", file, NULL });
		CU_ASSERT_EQUAL(r.status, 2);
		CU_ASSERT_STRING_EQUAL(r.err, want.buf);
		CU_ASSERT_STRING_EQUAL(r.out, "");
		if (r.status != 2 || strcmp(r.err, want.buf))
			fprintf(stderr, "\n  %s: status %d: %s", cases[i].name, r.status, r.err);
		run_free(&r);
		/* Nothing saved: the database was not even made. */
		CU_ASSERT_NOT_EQUAL(stat(db, &sb), 0);
		strbuf_release(&e1);
		strbuf_release(&want);
		free(text);
		free(file);
		free(db);
	}
}

/* The unspoilt export imports: the cases above fail for their field alone. */
static void test_import_of_the_good_export_works(void)
{
	char *file = path_join(dir, "good.json"), *db = path_join(dir, "good.db");
	struct strbuf e1 = STRBUF_INIT;
	const char *env[3];
	struct run r;

	write_file(file, good, strlen(good));
	strbuf_addf(&e1, "MLPS_DB=%s", db);
	env[0] = e1.buf;
	env[1] = "MLPS_PROFILES=" MLPS_SHIPPED;
	env[2] = NULL;
	run_mlps(&r, env, (const char *const[]){ "import", file, NULL });
	CU_ASSERT_EQUAL(r.status, 0);
	CU_ASSERT_STRING_EQUAL(r.out, "1\n");
	run_free(&r);
	strbuf_release(&e1);
	free(file);
	free(db);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "each bad field refused", test_import_refuses_each_bad_field_with_its_path_and_saves_nothing },
		{ "good export imports", test_import_of_the_good_export_works },
		CU_TEST_INFO_NULL,
	};
	int status;

	dir = make_temp_dir();
	make_export();
	status = test_main("import", tests);
	remove_tree(dir);
	free(dir);
	free(good);
	return status;
}
