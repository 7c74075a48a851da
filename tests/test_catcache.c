/*
 * test_catcache.c - the compiled catalogue cache: a snapshot gives back the
 * very catalogue the YAML gives (compared field by field), and every fault
 * (an edited profile, a flipped byte anywhere, a truncated or foreign file,
 * writers racing, a cache folder that cannot be written) falls back to the
 * YAML without a crash or a wrong catalogue.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

#include "catalog.h"
#include "catcache.h"
#include "checks.h"
#include "strbuf.h"
#include "testutil.h"

#define SMALL MLPS_FIXTURES "/catcache/small"

static char *cache_home;        /* $XDG_CACHE_HOME for this suite */

/* Field-by-field comparison */

static const char *mismatch;    /* what differed first, for the assertion message */

#define SAME(cond, what)                        \
	do {                                    \
		if (!(cond)) {                  \
			mismatch = (what);      \
			return false;           \
		}                               \
	} while (0)

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool same_text(const struct mlps_text *a, const struct mlps_text *b)
{
	return same_str(a->zh, b->zh) && same_str(a->en, b->en);
}

static bool same_variants(const struct mlps_variant *a, size_t na, const struct mlps_variant *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].level != b[i].level || !same_text(&a[i].text, &b[i].text))
			return false;
	return true;
}

/* Requirements are compared by their position; NULL only with NULL. */
static bool same_req_ref(const struct mlps_requirement *a, const struct mlps_requirement *b)
{
	return (!a && !b) || (a && b && a->index == b->index && same_str(a->key, b->key));
}

static bool same_req(const struct mlps_requirement *a, const struct mlps_requirement *b)
{
	int l;

	SAME(same_str(a->key, b->key), "requirement key");
	SAME(a->cp->index == b->cp->index, "requirement control point");
	for (l = 0; l <= MLPS_LEVEL_MAX; l++) {
		SAME(same_str(a->ids[l], b->ids[l]), "requirement ids");
		SAME(a->hash[l] == b->hash[l], "requirement text hash");
	}
	SAME(a->importance == b->importance && a->methods == b->methods, "requirement importance/methods");
	SAME(same_text(&a->text, &b->text), "requirement text");
	SAME(same_variants(a->variants, a->n_variants, b->variants, b->n_variants), "requirement variants");
	SAME(same_text(&a->guidance, &b->guidance), "requirement guidance");
	SAME(same_text(&a->remediation, &b->remediation), "requirement remediation");
	SAME(a->kinds == b->kinds && a->roles == b->roles, "requirement kinds/roles");
	SAME(a->index == b->index, "requirement index");
	SAME(same_str(a->file, b->file) && a->line == b->line && a->col == b->col, "requirement position");
	return true;
}

static bool same_rules(const struct mlps_rules *a, const struct mlps_rules *b)
{
	const struct mlps_provenance *pa[] = { &a->values_src, &a->combine_src, &a->weights_src, &a->scale_src,
					       &a->factors_src, &a->attention_src, &a->base_src, &a->risk_src };
	const struct mlps_provenance *pb[] = { &b->values_src, &b->combine_src, &b->weights_src, &b->scale_src,
					       &b->factors_src, &b->attention_src, &b->base_src, &b->risk_src };
	size_t i, j;

	SAME(!a == !b, "rules presence");
	if (!a)
		return true;
	SAME(a->version == b->version && same_str(a->id, b->id), "rules version/id");
	SAME(!memcmp(a->values, b->values, sizeof(a->values)) && !memcmp(a->weights, b->weights, sizeof(a->weights)),
	     "rules values/weights");
	SAME(a->combine == b->combine && a->scale == b->scale && a->has_composite == b->has_composite,
	     "rules combine/scale");
	SAME(!memcmp(a->factors, b->factors, sizeof(a->factors)) && a->attention == b->attention &&
	     a->base == b->base, "rules composite");
	SAME(a->default_risk_noncompliant == b->default_risk_noncompliant &&
	     a->default_risk_partial == b->default_risk_partial, "rules default risks");
	for (i = 0; i < 8; i++)
		SAME(same_text(&pa[i]->source, &pb[i]->source) && pa[i]->confidence == pb[i]->confidence,
		     "rules provenance");
	SAME(a->n_verdicts == b->n_verdicts && a->primary == b->primary, "rules verdict count");
	for (i = 0; i < a->n_verdicts; i++) {
		const struct mlps_verdict_rule *x = &a->verdicts[i], *y = &b->verdicts[i];

		SAME(same_str(x->id, y->id) && same_text(&x->name, &y->name) && same_text(&x->source, &y->source),
		     "verdict texts");
		SAME(x->verified == y->verified && x->confidence == y->confidence && x->primary == y->primary &&
		     x->measure == y->measure && x->n_bands == y->n_bands, "verdict fields");
		for (j = 0; j < x->n_bands; j++)
			SAME(same_text(&x->bands[j].label, &y->bands[j].label) && x->bands[j].min == y->bands[j].min &&
			     x->bands[j].above == y->bands[j].above && x->bands[j].max_risk == y->bands[j].max_risk,
			     "verdict band");
	}
	return true;
}

static bool same_check(const struct mlps_check *a, const struct mlps_check *b)
{
	size_t i, j;
	int o;

	SAME(same_str(a->id, b->id) && a->n_reqs == b->n_reqs, "check id");
	for (i = 0; i < a->n_reqs; i++)
		SAME(same_str(a->req_keys[i], b->req_keys[i]) && same_req_ref(a->reqs[i], b->reqs[i]), "check reqs");
	SAME(same_str(a->kind, b->kind) && same_str(a->group, b->group), "check kind/group");
	SAME(same_text(&a->title, &b->title) && same_text(&a->step, &b->step) && same_text(&a->blind, &b->blind),
	     "check texts");
	SAME(a->prim == b->prim && a->n_args == b->n_args, "check primitive");
	for (i = 0; i < a->n_args; i++) {
		SAME(same_str(a->args[i].name, b->args[i].name) && a->args[i].n == b->args[i].n, "check arg");
		for (j = 0; j < a->args[i].n; j++)
			SAME(same_str(a->args[i].v[j], b->args[i].v[j]), "check arg value");
	}
	for (o = 0; o < MLPS_OUT_COUNT; o++)
		SAME(same_text(&a->explain[o], &b->explain[o]) && a->status[o] == b->status[o], "check outcome");
	SAME(same_str(a->file, b->file) && a->line == b->line && a->col == b->col, "check position");
	return true;
}

/* Everything mlps_catalog exposes, and every lookup answering the same. */
static bool same_catalog(const struct mlps_catalog *a, const struct mlps_catalog *b)
{
	size_t i, j, na, nb;

	mismatch = NULL;
	SAME(same_str(mlps_catalog_hash(a), mlps_catalog_hash(b)), "hash");
	SAME(same_str(mlps_catalog_dir(a), mlps_catalog_dir(b)), "dir");
	SAME(mlps_catalog_n_categories(a) == mlps_catalog_n_categories(b), "category count");
	SAME(mlps_catalog_n_control_points(a) == mlps_catalog_n_control_points(b), "control point count");
	SAME(mlps_catalog_n_requirements(a) == mlps_catalog_n_requirements(b), "requirement count");
	for (i = 0; i < mlps_catalog_n_categories(a); i++) {
		const struct mlps_category *x = mlps_catalog_category(a, i), *y = mlps_catalog_category(b, i);

		SAME(!strcmp(x->code, y->code) && x->kind == y->kind && same_text(&x->name, &y->name) &&
		     x->n_cps == y->n_cps && x->index == y->index, "category");
		SAME(mlps_catalog_find_category(a, x->code) == x, "category lookup");
		for (j = 0; j < x->n_cps; j++) {
			const struct mlps_control_point *p = x->cps[j], *q = y->cps[j];
			size_t k;

			SAME(same_str(p->key, q->key) && same_text(&p->name, &q->name), "control point");
			SAME(same_variants(p->variants, p->n_variants, q->variants, q->n_variants), "cp variants");
			SAME(p->ext == q->ext && p->kinds == q->kinds && p->roles == q->roles &&
			     p->category->index == q->category->index && p->n_reqs == q->n_reqs &&
			     p->index == q->index, "control point fields");
			for (k = 0; k < p->n_reqs; k++)
				SAME(same_req(p->reqs[k], q->reqs[k]), mismatch);
		}
	}
	for (i = 0; i < mlps_catalog_n_requirements(a); i++) {
		const struct mlps_requirement *x = mlps_catalog_requirement(a, i);
		const struct mlps_requirement *y = mlps_catalog_requirement(b, i);
		const struct mlps_scenario *const *sa = mlps_catalog_req_scenarios(a, x, &na);
		const struct mlps_scenario *const *sb = mlps_catalog_req_scenarios(b, y, &nb);
		int l;

		SAME(same_req(x, y), mismatch);
		SAME(mlps_catalog_find_key(a, x->key) == x, "find_key");
		for (l = MLPS_LEVEL_MIN; l <= MLPS_LEVEL_MAX; l++)
			SAME(!x->ids[l] || mlps_catalog_find_id(a, x->ids[l]) == x, "find_id");
		SAME(na == nb, "scenarios of a requirement");
		for (j = 0; j < na; j++)
			SAME(same_str(sa[j]->id, sb[j]->id) && sa[j]->req == x, "scenario of a requirement");
	}
	SAME(mlps_catalog_n_scenarios(a) == mlps_catalog_n_scenarios(b), "scenario count");
	for (i = 0; i < mlps_catalog_n_scenarios(a); i++) {
		const struct mlps_scenario *x = mlps_catalog_scenario(a, i), *y = mlps_catalog_scenario(b, i);

		SAME(same_str(x->id, y->id) && x->scope == y->scope && same_req_ref(x->req, y->req) &&
		     x->min_level == y->min_level && x->guide_level == y->guide_level &&
		     x->conditions == y->conditions, "scenario");
		SAME(same_text(&x->title, &y->title) && same_text(&x->description, &y->description) &&
		     same_text(&x->mitigation, &y->mitigation), "scenario texts");
		SAME(mlps_catalog_find_scenario(a, x->id) == x, "find_scenario");
	}
	SAME(same_rules(mlps_catalog_rules(a), mlps_catalog_rules(b)), mismatch);
	SAME(mlps_catalog_n_kinds(a) == mlps_catalog_n_kinds(b), "kind count");
	for (i = 0; i < mlps_catalog_n_kinds(a); i++) {
		const struct mlps_object_kind *x = mlps_catalog_kind(a, i), *y = mlps_catalog_kind(b, i);

		SAME(same_str(x->name, y->name) && same_text(&x->label, &y->label) && x->index == y->index, "kind");
		SAME(mlps_catalog_find_kind(a, x->name) == x, "find_kind");
	}
	SAME(mlps_catalog_n_checks(a) == mlps_catalog_n_checks(b), "check count");
	for (i = 0; i < mlps_catalog_n_checks(a); i++) {
		const struct mlps_check *x = mlps_catalog_check(a, i);

		SAME(same_check(x, mlps_catalog_check(b, i)), mismatch);
		SAME(mlps_catalog_find_check(a, x->id) == x, "find_check");
	}
	return true;
}

#define ASSERT_SAME(a, b)                                                                  \
	do {                                                                               \
		bool same_ = same_catalog(a, b);                                           \
		if (!same_)                                                                \
			fprintf(stderr, "\n  catalogues differ: %s\n", mismatch ? mismatch : "?"); \
		CU_ASSERT(same_);                                                          \
	} while (0)

/* Helpers */

static struct mlps_catalog *yaml(const char *dir)
{
	struct mlps_catalog *cat = load_catalog(dir);

	CU_ASSERT_PTR_NOT_NULL_FATAL(cat);
	return cat;
}

static struct mlps_catalog *open_cat(const char *dir)
{
	struct mlps_error err;
	struct mlps_catalog *cat;

	mlps_error_init(&err);
	cat = mlps_catalog_open(dir, &err);
	if (!cat)
		fprintf(stderr, "%s\n", mlps_error_message(&err));
	mlps_error_release(&err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cat);
	return cat;
}

static char *snap_path(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;

	CU_ASSERT_FATAL(mlps_catcache_path(dir, true, &sb) == 0);
	return strbuf_detach(&sb, NULL);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	CU_ASSERT_FATAL(fread(buf, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Puts bytes at the snapshot's place as a file of its own would be (0600). */
static void put_snapshot(const char *path, const void *buf, size_t len)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, buf, len) == (ssize_t)len);
	close(fd);
}

/* A copy of the small set in a fresh folder; caller removes it. */
static char *copy_small(void)
{
	char *dir = make_temp_dir();
	struct strbuf cmd = STRBUF_INIT;

	strbuf_addf(&cmd, "cp -R '%s/.' '%s/'", SMALL, dir);
	CU_ASSERT_FATAL(system(cmd.buf) == 0);
	strbuf_release(&cmd);
	return dir;
}

/* Names in dir containing `part` ("" for all). */
static size_t count_files(const char *dir, const char *part)
{
	struct strbuf cmd = STRBUF_INIT;
	char line[64] = "";
	FILE *p;

	strbuf_addf(&cmd, "ls -A '%s' | grep -c -F -e '%s'", dir, part);
	p = popen(cmd.buf, "r");
	if (p && fgets(line, sizeof(line), p) == NULL)
		line[0] = '\0';
	if (p)
		pclose(p);
	strbuf_release(&cmd);
	return (size_t)strtoul(line, NULL, 10);
}

/* Tests */

static void test_catcache_second_open_maps_a_snapshot_equal_to_the_yaml(void)
{
	const char *sets[] = { SMALL, MLPS_SHIPPED };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct mlps_catalog *ref = yaml(sets[i]), *first, *second, *third;
		char *path = snap_path(sets[i]);
		struct stat st;

		unlink(path);
		first = open_cat(sets[i]);
		CU_ASSERT(!mlps_catalog_from_cache(first));
		CU_ASSERT_FATAL(stat(path, &st) == 0);
		CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
		second = open_cat(sets[i]);
		CU_ASSERT(mlps_catalog_from_cache(second));
		CU_ASSERT_EQUAL(mlps_catcache_last(), MLPS_CACHE_HIT);
		ASSERT_SAME(second, ref);
		/* The preferred address is taken by `second`: this one is relocated. */
		third = open_cat(sets[i]);
		CU_ASSERT(mlps_catalog_from_cache(third));
		ASSERT_SAME(third, ref);
		ASSERT_SAME(first, ref);
		mlps_catalog_free(third);
		mlps_catalog_free(second);
		mlps_catalog_free(first);
		mlps_catalog_free(ref);
		free(path);
	}
}

static void test_catcache_edited_added_or_removed_profile_file_is_stale(void)
{
	char *dir = copy_small(), *pes = path_join(dir, "10-pes.yaml");
	char *extra = path_join(dir, "checks/more.yaml");
	struct mlps_catalog *cat, *ref;
	size_t len;
	char *buf;

	mlps_catalog_free(open_cat(dir));
	cat = open_cat(dir);
	CU_ASSERT(mlps_catalog_from_cache(cat));
	mlps_catalog_free(cat);

	/* Same size, one character changed: only the content tells. */
	buf = read_all(pes, &len);
	*strstr(buf, "sound building") = 'S';
	write_file(pes, buf, len);
	free(buf);
	cat = open_cat(dir);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	CU_ASSERT_EQUAL(mlps_catcache_last(), MLPS_CACHE_STALE);
	CU_ASSERT_STRING_EQUAL(mlps_catalog_find_key(cat, "pes.location.a")->text.en, "The room is in a Sound building.");
	mlps_catalog_free(cat);
	cat = open_cat(dir);
	ref = yaml(dir);
	CU_ASSERT(mlps_catalog_from_cache(cat));
	ASSERT_SAME(cat, ref);
	mlps_catalog_free(cat);
	mlps_catalog_free(ref);

	/* A check file is part of the set, although not of its text hash. */
	buf = read_all(SMALL "/checks/linux.yaml", &len);
	*strstr(buf, "room-door-log") = 'x';
	write_file(extra, buf, len);
	free(buf);
	cat = open_cat(dir);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	mlps_catalog_free(cat);
	unlink(extra);
	cat = open_cat(dir);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	ref = yaml(dir);
	ASSERT_SAME(cat, ref);
	mlps_catalog_free(cat);
	mlps_catalog_free(ref);

	/* An edited check is seen too. */
	free(extra);
	extra = path_join(dir, "checks/linux.yaml");
	buf = read_all(extra, &len);
	*strstr(buf, "door log exists") = 'D';
	write_file(extra, buf, len);
	free(buf);
	cat = open_cat(dir);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	CU_ASSERT_STRING_EQUAL(mlps_catalog_find_check(cat, "room-door-log")->title.en, "The Door log exists");
	mlps_catalog_free(cat);
	remove_tree(dir);
	free(extra);
	free(pes);
	free(dir);
}

/*
 * Every byte of a small snapshot flipped in turn: each load must either see
 * the damage (and parse the YAML) or give a catalogue equal to the YAML's.
 */
static void test_catcache_every_flipped_byte_is_detected_or_harmless(void)
{
	struct mlps_catalog *ref = yaml(SMALL), *cat;
	char *path = snap_path(SMALL), *orig;
	size_t len, pos, detected = 0, bad = 0;

	unlink(path);
	mlps_catalog_free(open_cat(SMALL));
	orig = read_all(path, &len);
	CU_ASSERT_FATAL(len > 200);
	for (pos = 0; pos < len; pos++) {
		orig[pos] ^= 0x20;
		put_snapshot(path, orig, len);
		orig[pos] ^= 0x20;
		cat = open_cat(SMALL);
		if (!mlps_catalog_from_cache(cat))
			detected++;
		if (!same_catalog(cat, ref) && bad++ < 5)
			fprintf(stderr, "\n  byte %zu flipped: %s differs\n", pos, mismatch);
		mlps_catalog_free(cat);
	}
	printf(" [%zu bytes, %zu flips detected] ", len, detected);
	CU_ASSERT_EQUAL(bad, 0);
	/* After the last fallback the snapshot is whole again. */
	cat = open_cat(SMALL);
	CU_ASSERT(mlps_catalog_from_cache(cat));
	mlps_catalog_free(cat);
	free(orig);
	free(path);
	mlps_catalog_free(ref);
}

static void test_catcache_truncated_snapshot_falls_back(void)
{
	struct mlps_catalog *ref = yaml(SMALL), *cat;
	char *path = snap_path(SMALL), *orig;
	size_t len, i, cuts[6];

	unlink(path);
	mlps_catalog_free(open_cat(SMALL));
	orig = read_all(path, &len);
	cuts[0] = 0, cuts[1] = 1, cuts[2] = 16, cuts[3] = 111, cuts[4] = len / 2, cuts[5] = len - 1;
	for (i = 0; i < 6; i++) {
		put_snapshot(path, orig, cuts[i]);
		cat = open_cat(SMALL);
		CU_ASSERT(!mlps_catalog_from_cache(cat));
		CU_ASSERT(mlps_catcache_last() == MLPS_CACHE_CORRUPT || mlps_catcache_last() == MLPS_CACHE_FOREIGN);
		ASSERT_SAME(cat, ref);
		mlps_catalog_free(cat);
	}
	/* Longer than its header says: also refused. */
	orig = realloc(orig, len + 8);
	memset(orig + len, 0, 8);
	put_snapshot(path, orig, len + 8);
	cat = open_cat(SMALL);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	mlps_catalog_free(cat);
	free(orig);
	free(path);
	mlps_catalog_free(ref);
}

/* Rewrites the header's checksum after a deliberate change (offset 8: XXH3-64 of bytes 16..). */
static void reseal(char *buf, size_t len)
{
	unsigned long long sum = XXH3_64bits(buf + 16, len - 16);

	memcpy(buf + 8, &sum, 8);
}

static void test_catcache_foreign_files_are_not_used(void)
{
	struct mlps_catalog *ref = yaml(SMALL), *cat;
	char *path = snap_path(SMALL), *other = snap_path(MLPS_SHIPPED), *orig, *tmp;
	size_t len, olen;
	const char text[] = "mlps-profile: 1\nnot a snapshot at all, but long enough to have a header's size.....\n"
			    "................................................................................\n";

	unlink(path);
	unlink(other);
	mlps_catalog_free(open_cat(SMALL));
	mlps_catalog_free(open_cat(MLPS_SHIPPED));
	orig = read_all(path, &len);

	put_snapshot(path, text, sizeof(text) - 1);
	cat = open_cat(SMALL);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	CU_ASSERT_EQUAL(mlps_catcache_last(), MLPS_CACHE_FOREIGN);
	ASSERT_SAME(cat, ref);
	mlps_catalog_free(cat);

	/* Another program version (build field, offset 24), checksum made right. */
	tmp = malloc(len);
	memcpy(tmp, orig, len);
	tmp[24] ^= 1;
	reseal(tmp, len);
	put_snapshot(path, tmp, len);
	cat = open_cat(SMALL);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	CU_ASSERT_EQUAL(mlps_catcache_last(), MLPS_CACHE_FOREIGN);
	mlps_catalog_free(cat);
	/* Another format number (offset 16). */
	memcpy(tmp, orig, len);
	tmp[16] ^= 1;
	reseal(tmp, len);
	put_snapshot(path, tmp, len);
	cat = open_cat(SMALL);
	CU_ASSERT_EQUAL(mlps_catcache_last(), MLPS_CACHE_FOREIGN);
	mlps_catalog_free(cat);
	free(tmp);

	/* A whole, valid snapshot of another set under this set's name. */
	tmp = read_all(other, &olen);
	put_snapshot(path, tmp, olen);
	cat = open_cat(SMALL);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	CU_ASSERT_EQUAL(mlps_catcache_last(), MLPS_CACHE_STALE);
	ASSERT_SAME(cat, ref);
	mlps_catalog_free(cat);
	free(tmp);

	/* Writable by others, or a symbolic link: never mapped. */
	put_snapshot(path, orig, len);
	chmod(path, 0622);
	cat = open_cat(SMALL);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	CU_ASSERT_EQUAL(mlps_catcache_last(), MLPS_CACHE_FOREIGN);
	mlps_catalog_free(cat);
	tmp = path_join(cache_home, "elsewhere.snap");
	put_snapshot(tmp, orig, len);
	unlink(path);
	CU_ASSERT_FATAL(symlink(tmp, path) == 0);
	cat = open_cat(SMALL);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	mlps_catalog_free(cat);
	unlink(tmp);
	free(tmp);
	free(orig);
	free(other);
	free(path);
	mlps_catalog_free(ref);
}

/* Several processes find no snapshot and all write it at once. */
static void test_catcache_concurrent_writers_leave_one_good_snapshot(void)
{
	char *dir = copy_small();
	char *cdir = path_join(cache_home, "mlps");
	struct mlps_catalog *ref = yaml(dir), *cat;
	char *path = snap_path(dir);
	pid_t kids[6];
	int go[2], i, ok = 0;

	unlink(path);
	CU_ASSERT_FATAL(pipe(go) == 0);
	fflush(NULL);
	for (i = 0; i < 6; i++) {
		kids[i] = fork();
		CU_ASSERT_FATAL(kids[i] >= 0);
		if (kids[i] == 0) {
			struct mlps_error err;
			struct mlps_catalog *c;
			char b;
			int rc;

			close(go[1]);
			if (read(go[0], &b, 1) < 0)
				_exit(3);
			mlps_error_init(&err);
			c = mlps_catalog_open(dir, &err);
			rc = c && mlps_catalog_n_requirements(c) == 4 ? 0 : 1;
			mlps_catalog_free(c);
			mlps_error_release(&err);
			_exit(rc);
		}
	}
	close(go[0]);
	close(go[1]);   /* every child starts now */
	for (i = 0; i < 6; i++) {
		int st;

		waitpid(kids[i], &st, 0);
		ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	CU_ASSERT_EQUAL(ok, 6);
	cat = open_cat(dir);
	CU_ASSERT(mlps_catalog_from_cache(cat));
	ASSERT_SAME(cat, ref);
	/* No temporary file left behind. */
	CU_ASSERT_EQUAL(count_files(cdir, ".tmp-"), 0);
	mlps_catalog_free(cat);
	mlps_catalog_free(ref);
	remove_tree(dir);
	free(dir);
	free(path);
	free(cdir);
}

/* A cache folder that cannot be written, or does not exist: no cache, same catalogue. */
static void test_catcache_readonly_or_missing_cache_dir_means_no_cache(void)
{
	char *home = make_temp_dir(), *mdir = path_join(home, "mlps");
	/* The profiles as user nobody can read them wherever the checkout is. */
	char *small = test_share_tree(SMALL, home, "small");
	struct mlps_catalog *ref = yaml(small);
	pid_t kid;
	int st;

	CU_ASSERT_FATAL(mkdir(mdir, 0500) == 0);
	fflush(NULL);
	kid = fork();
	CU_ASSERT_FATAL(kid >= 0);
	if (kid == 0) {
		struct mlps_error err;
		struct mlps_catalog *c, *c2;
		int rc;

		/* Root writes anywhere: become someone who owns the folder but may not write it. */
		if (geteuid() == 0 && (chown(mdir, 65534, 65534) || setgid(65534) || setuid(65534)))
			_exit(4);
		setenv("XDG_CACHE_HOME", home, 1);
		mlps_error_init(&err);
		c = mlps_catalog_open(small, &err);
		c2 = mlps_catalog_open(small, &err);
		rc = !c || !c2 ? 1 : mlps_catalog_from_cache(c2) ? 2 : !same_catalog(c2, ref) ? 3 : 0;
		mlps_catalog_free(c);
		mlps_catalog_free(c2);
		mlps_error_release(&err);
		_exit(rc);
	}
	waitpid(kid, &st, 0);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CU_ASSERT_EQUAL(count_files(mdir, ""), 0);

	/* A cache home that does not exist. */
	setenv("XDG_CACHE_HOME", "/nonexistent/mlps-cache", 1);
	{
		struct mlps_catalog *c = open_cat(small), *c2 = open_cat(small);

		CU_ASSERT(!mlps_catalog_from_cache(c2));
		ASSERT_SAME(c2, ref);
		mlps_catalog_free(c);
		mlps_catalog_free(c2);
	}
	setenv("XDG_CACHE_HOME", cache_home, 1);
	chmod(mdir, 0700);
	remove_tree(home);
	free(small);
	free(mdir);
	free(home);
	mlps_catalog_free(ref);
}

static void test_catcache_no_cache_env_always_parses(void)
{
	char *path = snap_path(SMALL);
	struct mlps_catalog *cat;
	struct stat st;

	unlink(path);
	setenv("MLPS_NO_CACHE", "1", 1);
	mlps_catalog_free(open_cat(SMALL));
	cat = open_cat(SMALL);
	CU_ASSERT(!mlps_catalog_from_cache(cat));
	CU_ASSERT(stat(path, &st) != 0 && errno == ENOENT);
	mlps_catalog_free(cat);
	unsetenv("MLPS_NO_CACHE");
	free(path);
}

/* The per-requirement index gives what a scan of every scenario gives. */
static void test_catalog_scenarios_by_requirement_match_a_scan(void)
{
	struct mlps_catalog *cat = yaml(MLPS_SHIPPED);
	size_t i, j, n, total = 0;

	for (i = 0; i < mlps_catalog_n_requirements(cat); i++) {
		const struct mlps_requirement *r = mlps_catalog_requirement(cat, i);
		const struct mlps_scenario *const *v = mlps_catalog_req_scenarios(cat, r, &n);
		size_t k = 0;

		for (j = 0; j < mlps_catalog_n_scenarios(cat); j++)
			if (mlps_catalog_scenario(cat, j)->req == r) {
				CU_ASSERT_FATAL(k < n);
				CU_ASSERT_PTR_EQUAL(v[k], mlps_catalog_scenario(cat, j));
				k++;
			}
		CU_ASSERT_EQUAL(k, n);
		total += n;
	}
	CU_ASSERT_EQUAL(total, mlps_catalog_n_scenarios(cat));
	mlps_catalog_free(cat);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "second open maps a snapshot equal to the YAML",
		  test_catcache_second_open_maps_a_snapshot_equal_to_the_yaml },
		{ "edited, added or removed profile file is stale",
		  test_catcache_edited_added_or_removed_profile_file_is_stale },
		{ "every flipped byte is detected or harmless", test_catcache_every_flipped_byte_is_detected_or_harmless },
		{ "truncated snapshot falls back", test_catcache_truncated_snapshot_falls_back },
		{ "foreign files are not used", test_catcache_foreign_files_are_not_used },
		{ "concurrent writers leave one good snapshot",
		  test_catcache_concurrent_writers_leave_one_good_snapshot },
		{ "read-only or missing cache dir means no cache",
		  test_catcache_readonly_or_missing_cache_dir_means_no_cache },
		{ "MLPS_NO_CACHE always parses", test_catcache_no_cache_env_always_parses },
		{ "scenarios by requirement match a scan", test_catalog_scenarios_by_requirement_match_a_scan },
		CU_TEST_INFO_NULL,
	};
	int status;

	cache_home = make_temp_dir();
	setenv("XDG_CACHE_HOME", cache_home, 1);
	unsetenv("MLPS_NO_CACHE");
	status = test_main("catcache", tests);
	remove_tree(cache_home);
	free(cache_home);
	return status;
}
