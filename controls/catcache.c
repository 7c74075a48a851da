/*
 * catcache.c - the compiled catalogue cache (controls/README.md, "The
 * catalogue cache").
 *
 * A snapshot is the whole built catalogue copied into one buffer: every
 * struct, array and string reachable from struct mlps_catalog, with each
 * pointer rewritten to point where its target will be once the file is mapped
 * at a preferred address (`base`). A process that gets that address from
 * mmap() uses the bytes as they are, read-only: nothing is allocated but the
 * small struct mlps_catalog. A process that gets another address (the range
 * is taken, or the machine has a smaller address space) maps a private copy
 * and adds the difference to every pointer, found through a table of their
 * offsets stored in the file, then makes it read-only again.
 *
 * Nothing in a snapshot is trusted before its header, size and checksum
 * (XXH3 over every byte) agree, every stored pointer lands inside the file,
 * and the profile files are the ones it was built from: the same names,
 * sizes, inodes and change times as when they were read (recorded before the
 * read, so an edit during the load shows up later), or, when those differ or
 * were too recent to tell, the same content hash. Anything else falls back to
 * parsing the YAML, which writes a fresh snapshot by temporary file + rename.
 */
#include "catcache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog_impl.h"
#include "fileio.h"
#include "yamldoc.h"

#define SNAP_MAGIC "MLPSCAT\n"

/*
 * Where snapshots prefer to live: far from the heap, the libraries, the stack
 * and the sanitizers' shadow and allocator ranges on x86-64 and arm64 (48-bit).
 * Any other answer from mmap() only costs the relocation pass.
 */
#if UINTPTR_MAX > 0xffffffffu
#define SNAP_BASE ((uintptr_t)0x3c0000000000ull)
#else
#define SNAP_BASE ((uintptr_t)0x70000000u)
#endif

/* A file whose status changed this recently may change again within the same timestamp. */
#define SNAP_RACY_SECONDS 2

struct snap_header {
	char magic[8];
	uint64_t checksum;          /* XXH3-64 of every byte after this field */
	uint32_t format;            /* MLPS_CATCACHE_FORMAT */
	uint32_t endian;            /* 0x01020304 as written */
	uint64_t build;             /* program version and struct layout (build_id) */
	uint64_t size;              /* bytes in the file */
	uint64_t base;              /* the address the stored pointers assume */
	uint64_t root;              /* offset of the struct mlps_catalog image */
	uint64_t relocs, n_relocs;  /* uint32_t offsets of every stored pointer */
	uint64_t files, n_files;    /* struct snap_file[], in load order */
	uint64_t dir;               /* XXH3 of the set's directory as named */
	uint64_t content;           /* content hash of the files (catalog_hash_file) */
	uint64_t trusted;           /* 1: the recorded file status proves the content */
};

/* One profile file as it was just before it was read. */
struct snap_file {
	uint64_t name;              /* offset of its path (NUL-terminated) in the file */
	int64_t size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint64_t ino, dev;
};

static enum mlps_catcache_miss last_outcome = MLPS_CACHE_NONE;

enum mlps_catcache_miss mlps_catcache_last(void)
{
	return last_outcome;
}

/*
 * The build a snapshot belongs to: the program's version and the size and a
 * few offsets of every struct stored, so that a rebuilt program whose structs
 * moved does not read another's layout even when nobody bumped the format.
 */
static uint64_t build_id(void)
{
	static const uint64_t layout[] = {
		MLPS_CATCACHE_FORMAT, sizeof(void *), sizeof(size_t), sizeof(int), sizeof(bool),
		sizeof(struct mlps_catalog), sizeof(struct mlps_category), sizeof(struct mlps_control_point),
		sizeof(struct mlps_requirement), sizeof(struct mlps_variant), sizeof(struct mlps_text),
		sizeof(struct mlps_scenario), sizeof(struct mlps_rules), sizeof(struct mlps_verdict_rule),
		sizeof(struct mlps_band), sizeof(struct mlps_object_kind), sizeof(struct mlps_check),
		sizeof(struct mlps_check_arg), sizeof(struct cat_index), sizeof(struct mlps_provenance),
		offsetof(struct mlps_catalog, scen_first), offsetof(struct mlps_requirement, hash),
		offsetof(struct mlps_requirement, index), offsetof(struct mlps_control_point, reqs),
		offsetof(struct mlps_rules, verdicts), offsetof(struct mlps_rules, risk_src),
		offsetof(struct mlps_check, status), offsetof(struct mlps_scenario, conditions),
		sizeof(SNAP_BASE), (uint64_t)SNAP_BASE,
	};
	XXH3_state_t *s = XXH3_createState();
	uint64_t h;

	XXH3_64bits_reset(s);
	XXH3_64bits_update(s, layout, sizeof(layout));
	XXH3_64bits_update(s, MLPS_VERSION, sizeof(MLPS_VERSION));
	h = XXH3_64bits_digest(s);
	XXH3_freeState(s);
	return h;
}

int mlps_catcache_path(const char *dir, bool create, struct strbuf *out)
{
	const char *off = getenv("MLPS_NO_CACHE"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct stat st;

	strbuf_reset(out);
	if (off && *off && strcmp(off, "0"))
		return -1;
	if (xdg && xdg[0] == '/') {
		strbuf_adds(out, xdg);
	} else if (home && home[0] == '/') {
		strbuf_addf(out, "%s/.cache", home);
		if (create && lstat(out->buf, &st))
			mkdir(out->buf, 0700);
	} else {
		return -1;
	}
	strbuf_adds(out, "/mlps");
	if (lstat(out->buf, &st) && (!create || mkdir(out->buf, 0700) || lstat(out->buf, &st)))
		return -1;
	/* Snapshots are trusted once their checksum agrees: only from a folder no one else can write. */
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022))
		return -1;
	strbuf_addf(out, "/catalog-%d-%016llx.snap", MLPS_CATCACHE_FORMAT,
		    (unsigned long long)XXH3_64bits(dir, strlen(dir)));
	return 0;
}

/* The profile files' status, captured before they are read. */
struct sig {
	struct snap_file *f;        /* name offsets unset */
	size_t n;
	bool trusted;               /* none changed within SNAP_RACY_SECONDS of the capture */
};

static int sig_capture(const char *const *paths, size_t n, struct sig *sig)
{
	struct timespec now;
	size_t i;

	sig->f = mlps_calloc(n ? n : 1, sizeof(*sig->f));
	sig->n = n;
	sig->trusted = true;
	clock_gettime(CLOCK_REALTIME, &now);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(paths[i], &st))
			return -1;
		sig->f[i] = (struct snap_file){ 0, (int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
						(int64_t)st.st_mtim.tv_nsec, (int64_t)st.st_ctim.tv_sec,
						(int64_t)st.st_ctim.tv_nsec, (uint64_t)st.st_ino,
						(uint64_t)st.st_dev };
		/* An edit within the same timestamp tick would leave the status as it is. */
		if (st.st_ctim.tv_sec + SNAP_RACY_SECONDS > now.tv_sec)
			sig->trusted = false;
	}
	return 0;
}

static void sig_release(struct sig *sig)
{
	free(sig->f);
	sig->f = NULL;
}

/* Content hash of the files as they are now; -1 when one cannot be read. */
static int hash_files(const char *const *paths, size_t n, uint64_t *out)
{
	XXH3_state_t *s = XXH3_createState();
	struct mlps_error err;
	size_t i;
	int rc = 0;

	mlps_error_init(&err);
	XXH3_64bits_reset(s);
	for (i = 0; i < n && rc == 0; i++) {
		char *buf;
		size_t len;

		if (ydoc_read_file(paths[i], YDOC_MAX_BYTES, &buf, &len, &err)) {
			rc = -1;
			break;
		}
		catalog_hash_file(s, paths[i], buf, len);
		free(buf);
	}
	*out = XXH3_64bits_digest(s);
	XXH3_freeState(s);
	mlps_error_release(&err);
	return rc;
}

/* Writing a snapshot */

struct slot {
	const void *src;
	uint64_t off;
};

struct fixup {
	uint64_t at;                /* where the pointer is stored */
	const void *target;         /* what it pointed to in the source catalogue */
};

struct snapw {
	unsigned char *buf;
	size_t len, alloc;
	struct slot *map;           /* source address -> offset; open addressing */
	size_t map_n, map_cap;
	struct fixup *fix;
	size_t n_fix, a_fix;
};

/* Appends size bytes of src (zeros for NULL) at the next multiple of align. */
static uint64_t w_put(struct snapw *w, const void *src, size_t size, size_t align)
{
	size_t off = (w->len + align - 1) & ~(align - 1);

	mlps_grow((void **)&w->buf, &w->alloc, off + size + 1, 1);
	memset(w->buf + w->len, 0, off - w->len);
	if (src && size)
		memcpy(w->buf + off, src, size);
	else if (size)
		memset(w->buf + off, 0, size);
	w->len = off + size;
	return off;
}

static size_t w_slot(const struct snapw *w, const void *p)
{
	size_t h = (size_t)(((uint64_t)(uintptr_t)p >> 3) * 0x9E3779B97F4A7C15ull >> 17) & (w->map_cap - 1);

	while (w->map[h].src && w->map[h].src != p)
		h = (h + 1) & (w->map_cap - 1);
	return h;
}

/* Records that the object at src was stored at off (the first record wins). */
static void w_reg(struct snapw *w, const void *src, uint64_t off)
{
	size_t h;

	if (!src)
		return;
	if ((w->map_n + 1) * 2 > w->map_cap) {
		struct slot *old = w->map;
		size_t old_cap = w->map_cap, i;

		w->map_cap = old_cap ? old_cap * 2 : 4096;
		w->map = mlps_calloc(w->map_cap, sizeof(*w->map));
		for (i = 0; i < old_cap; i++)
			if (old[i].src)
				w->map[w_slot(w, old[i].src)] = old[i];
		free(old);
	}
	h = w_slot(w, src);
	if (!w->map[h].src) {
		w->map[h] = (struct slot){ src, off };
		w->map_n++;
	}
}

static bool w_find(const struct snapw *w, const void *src, uint64_t *off)
{
	size_t h;

	if (!w->map_cap)
		return false;
	h = w_slot(w, src);
	if (!w->map[h].src)
		return false;
	*off = w->map[h].off;
	return true;
}

/* The pointer stored at `at` must end up pointing at target's copy. */
static void w_fix(struct snapw *w, uint64_t at, const void *target)
{
	mlps_grow((void **)&w->fix, &w->a_fix, w->n_fix + 1, sizeof(*w->fix));
	w->fix[w->n_fix++] = (struct fixup){ at, target };
}

static void w_str(struct snapw *w, uint64_t at, const char *s)
{
	uint64_t off;

	if (s && !w_find(w, s, &off))
		w_reg(w, s, w_put(w, s, strlen(s) + 1, 1));
	w_fix(w, at, s);
}

#define AT(off, type, field) ((off) + offsetof(type, field))

static void w_text(struct snapw *w, uint64_t at, const struct mlps_text *t)
{
	w_str(w, at + offsetof(struct mlps_text, zh), t->zh);
	w_str(w, at + offsetof(struct mlps_text, en), t->en);
}

/* An array of n pointers (elems), stored as `arr`; each element is fixed up. */
static uint64_t w_ptrs(struct snapw *w, const void *arr, const void *const *elems, size_t n)
{
	uint64_t off;
	size_t i;

	if (!arr)
		return 0;
	off = w_put(w, NULL, n * sizeof(void *), alignof(void *));
	w_reg(w, arr, off);
	for (i = 0; i < n; i++)
		w_fix(w, off + i * sizeof(void *), elems[i]);
	return off;
}

/* An array of n strings. */
static void w_strs(struct snapw *w, const char *const *v, size_t n)
{
	uint64_t off;
	size_t i;

	if (!v)
		return;
	off = w_put(w, NULL, n * sizeof(char *), alignof(char *));
	w_reg(w, v, off);
	for (i = 0; i < n; i++)
		w_str(w, off + i * sizeof(char *), v[i]);
}

static void w_variants(struct snapw *w, const struct mlps_variant *v, size_t n)
{
	uint64_t off;
	size_t i;

	if (!v)
		return;
	off = w_put(w, v, n * sizeof(*v), alignof(struct mlps_variant));
	w_reg(w, v, off);
	for (i = 0; i < n; i++)
		w_text(w, off + i * sizeof(*v) + offsetof(struct mlps_variant, text), &v[i].text);
}

static void w_req(struct snapw *w, const struct mlps_requirement *r)
{
	uint64_t off = w_put(w, r, sizeof(*r), alignof(struct mlps_requirement));
	int l;

	w_reg(w, r, off);
	w_str(w, AT(off, struct mlps_requirement, key), r->key);
	w_fix(w, AT(off, struct mlps_requirement, cp), r->cp);
	for (l = 0; l <= MLPS_LEVEL_MAX; l++)
		w_str(w, AT(off, struct mlps_requirement, ids) + (size_t)l * sizeof(char *), r->ids[l]);
	w_text(w, AT(off, struct mlps_requirement, text), &r->text);
	w_variants(w, r->variants, r->n_variants);
	w_fix(w, AT(off, struct mlps_requirement, variants), r->variants);
	w_text(w, AT(off, struct mlps_requirement, guidance), &r->guidance);
	w_text(w, AT(off, struct mlps_requirement, remediation), &r->remediation);
	w_str(w, AT(off, struct mlps_requirement, file), r->file);
}

static void w_cp(struct snapw *w, const struct mlps_control_point *cp)
{
	uint64_t off = w_put(w, cp, sizeof(*cp), alignof(struct mlps_control_point)), dummy;
	size_t i;

	w_reg(w, cp, off);
	w_str(w, AT(off, struct mlps_control_point, key), cp->key);
	w_text(w, AT(off, struct mlps_control_point, name), &cp->name);
	w_variants(w, cp->variants, cp->n_variants);
	w_fix(w, AT(off, struct mlps_control_point, variants), cp->variants);
	w_fix(w, AT(off, struct mlps_control_point, category), cp->category);
	w_ptrs(w, cp->reqs, (const void *const *)cp->reqs, cp->n_reqs);
	w_fix(w, AT(off, struct mlps_control_point, reqs), cp->reqs);
	for (i = 0; i < cp->n_reqs; i++)
		if (!w_find(w, cp->reqs[i], &dummy))
			w_req(w, cp->reqs[i]);
}

static void w_category(struct snapw *w, const struct mlps_category *c)
{
	uint64_t off = w_put(w, c, sizeof(*c), alignof(struct mlps_category)), dummy;
	size_t i;

	w_reg(w, c, off);
	w_text(w, AT(off, struct mlps_category, name), &c->name);
	w_ptrs(w, c->cps, (const void *const *)c->cps, c->n_cps);
	w_fix(w, AT(off, struct mlps_category, cps), c->cps);
	for (i = 0; i < c->n_cps; i++)
		if (!w_find(w, c->cps[i], &dummy))
			w_cp(w, c->cps[i]);
}

static void w_scenarios(struct snapw *w, const struct mlps_scenario *s, size_t n)
{
	uint64_t off;
	size_t i;

	if (!s)
		return;
	off = w_put(w, s, n * sizeof(*s), alignof(struct mlps_scenario));
	w_reg(w, s, off);
	for (i = 0; i < n; i++) {
		uint64_t at = off + i * sizeof(*s);

		w_reg(w, &s[i], at);
		w_str(w, AT(at, struct mlps_scenario, id), s[i].id);
		w_fix(w, AT(at, struct mlps_scenario, req), s[i].req);
		w_text(w, AT(at, struct mlps_scenario, title), &s[i].title);
		w_text(w, AT(at, struct mlps_scenario, description), &s[i].description);
		w_text(w, AT(at, struct mlps_scenario, mitigation), &s[i].mitigation);
	}
}

static void w_rules(struct snapw *w, const struct mlps_rules *r)
{
	static const size_t provenance[] = {
		offsetof(struct mlps_rules, values_src), offsetof(struct mlps_rules, combine_src),
		offsetof(struct mlps_rules, weights_src), offsetof(struct mlps_rules, scale_src),
		offsetof(struct mlps_rules, factors_src), offsetof(struct mlps_rules, attention_src),
		offsetof(struct mlps_rules, base_src), offsetof(struct mlps_rules, risk_src),
	};
	uint64_t off, voff;
	size_t i, j;

	if (!r)
		return;
	off = w_put(w, r, sizeof(*r), alignof(struct mlps_rules));
	w_reg(w, r, off);
	w_str(w, AT(off, struct mlps_rules, id), r->id);
	for (i = 0; i < sizeof(provenance) / sizeof(provenance[0]); i++) {
		const struct mlps_provenance *p = (const void *)((const char *)r + provenance[i]);

		w_text(w, off + provenance[i] + offsetof(struct mlps_provenance, source), &p->source);
	}
	w_fix(w, AT(off, struct mlps_rules, verdicts), r->verdicts);
	if (!r->verdicts)
		return;
	voff = w_put(w, r->verdicts, r->n_verdicts * sizeof(*r->verdicts), alignof(struct mlps_verdict_rule));
	w_reg(w, r->verdicts, voff);
	for (i = 0; i < r->n_verdicts; i++) {
		const struct mlps_verdict_rule *v = &r->verdicts[i];
		uint64_t at = voff + i * sizeof(*v), boff;

		w_str(w, AT(at, struct mlps_verdict_rule, id), v->id);
		w_text(w, AT(at, struct mlps_verdict_rule, name), &v->name);
		w_text(w, AT(at, struct mlps_verdict_rule, source), &v->source);
		w_fix(w, AT(at, struct mlps_verdict_rule, bands), v->bands);
		if (!v->bands)
			continue;
		boff = w_put(w, v->bands, v->n_bands * sizeof(*v->bands), alignof(struct mlps_band));
		w_reg(w, v->bands, boff);
		for (j = 0; j < v->n_bands; j++)
			w_text(w, boff + j * sizeof(*v->bands) + offsetof(struct mlps_band, label),
			       &v->bands[j].label);
	}
}

static void w_kinds(struct snapw *w, const struct mlps_object_kind *k, size_t n)
{
	uint64_t off;
	size_t i;

	if (!k)
		return;
	off = w_put(w, k, n * sizeof(*k), alignof(struct mlps_object_kind));
	w_reg(w, k, off);
	for (i = 0; i < n; i++) {
		uint64_t at = off + i * sizeof(*k);

		w_reg(w, &k[i], at);
		w_str(w, AT(at, struct mlps_object_kind, name), k[i].name);
		w_text(w, AT(at, struct mlps_object_kind, label), &k[i].label);
	}
}

static void w_check(struct snapw *w, const struct mlps_check *c)
{
	uint64_t off = w_put(w, c, sizeof(*c), alignof(struct mlps_check));
	size_t i;
	int o;

	w_reg(w, c, off);
	w_str(w, AT(off, struct mlps_check, id), c->id);
	w_strs(w, c->req_keys, c->n_reqs);
	w_fix(w, AT(off, struct mlps_check, req_keys), c->req_keys);
	w_ptrs(w, c->reqs, (const void *const *)c->reqs, c->n_reqs);
	w_fix(w, AT(off, struct mlps_check, reqs), c->reqs);
	w_str(w, AT(off, struct mlps_check, kind), c->kind);
	w_str(w, AT(off, struct mlps_check, group), c->group);
	w_text(w, AT(off, struct mlps_check, title), &c->title);
	w_text(w, AT(off, struct mlps_check, step), &c->step);
	w_text(w, AT(off, struct mlps_check, blind), &c->blind);
	for (o = 0; o < MLPS_OUT_COUNT; o++)
		w_text(w, AT(off, struct mlps_check, explain) + (size_t)o * sizeof(struct mlps_text),
		       &c->explain[o]);
	w_str(w, AT(off, struct mlps_check, file), c->file);
	w_fix(w, AT(off, struct mlps_check, args), c->args);
	if (c->args) {
		uint64_t aoff = w_put(w, c->args, c->n_args * sizeof(*c->args), alignof(struct mlps_check_arg));

		w_reg(w, c->args, aoff);
		for (i = 0; i < c->n_args; i++) {
			uint64_t at = aoff + i * sizeof(*c->args);

			w_str(w, AT(at, struct mlps_check_arg, name), c->args[i].name);
			w_strs(w, c->args[i].v, c->args[i].n);
			w_fix(w, AT(at, struct mlps_check_arg, v), c->args[i].v);
		}
	}
}

static void w_index(struct snapw *w, const struct cat_index *ix, size_t n)
{
	uint64_t off;
	size_t i;

	if (!ix)
		return;
	off = w_put(w, ix, n * sizeof(*ix), alignof(struct cat_index));
	w_reg(w, ix, off);
	for (i = 0; i < n; i++) {
		w_str(w, off + i * sizeof(*ix) + offsetof(struct cat_index, name), ix[i].name);
		w_fix(w, off + i * sizeof(*ix) + offsetof(struct cat_index, item), ix[i].item);
	}
}

/*
 * Builds the snapshot of cat in w->buf. -1 if some pointer of the catalogue
 * leads to something the walk did not store (a model change this file does
 * not know yet): then there is no snapshot rather than a wrong one.
 */
static int snapshot_build(struct snapw *w, const struct mlps_catalog *cat, const char *dir,
			  const char *const *paths, const struct sig *sig, uint64_t content)
{
	struct mlps_catalog image = *cat;
	struct snap_header h;
	uint64_t root, files, relocs, dummy;
	uint32_t *rel;
	size_t i, n_rel = 0, n_scen;

	memset(&h, 0, sizeof(h));
	w_put(w, NULL, sizeof(h), alignof(struct snap_header));
	/* The image owns no arena and no mapping; the load-time chain is gone. */
	arena_init(&image.arena);
	image.checks_head = NULL;
	image.checks_tail = NULL;
	image.map = NULL;
	image.map_len = 0;
	root = w_put(w, &image, sizeof(image), alignof(struct mlps_catalog));
	w_str(w, AT(root, struct mlps_catalog, dir), cat->dir);
	w_ptrs(w, cat->categories, (const void *const *)cat->categories, cat->n_categories);
	w_fix(w, AT(root, struct mlps_catalog, categories), cat->categories);
	for (i = 0; i < cat->n_categories; i++)
		if (!w_find(w, cat->categories[i], &dummy))
			w_category(w, cat->categories[i]);
	w_ptrs(w, cat->reqs, (const void *const *)cat->reqs, cat->n_reqs);
	w_fix(w, AT(root, struct mlps_catalog, reqs), cat->reqs);
	w_scenarios(w, cat->scenarios, cat->n_scenarios);
	w_fix(w, AT(root, struct mlps_catalog, scenarios), cat->scenarios);
	w_rules(w, cat->rules);
	w_fix(w, AT(root, struct mlps_catalog, rules), cat->rules);
	w_kinds(w, cat->kinds, cat->n_kinds);
	w_fix(w, AT(root, struct mlps_catalog, kinds), cat->kinds);
	for (i = 0; i < cat->n_checks; i++)
		if (!w_find(w, cat->checks[i], &dummy))
			w_check(w, cat->checks[i]);
	w_ptrs(w, cat->checks, (const void *const *)cat->checks, cat->n_checks);
	w_fix(w, AT(root, struct mlps_catalog, checks), cat->checks);
	w_ptrs(w, cat->checks_by_id, (const void *const *)cat->checks_by_id, cat->n_checks);
	w_fix(w, AT(root, struct mlps_catalog, checks_by_id), cat->checks_by_id);
	w_index(w, cat->by_key, cat->n_by_key);
	w_fix(w, AT(root, struct mlps_catalog, by_key), cat->by_key);
	w_index(w, cat->by_id, cat->n_by_id);
	w_fix(w, AT(root, struct mlps_catalog, by_id), cat->by_id);
	w_index(w, cat->by_scenario, cat->n_scenarios);
	w_fix(w, AT(root, struct mlps_catalog, by_scenario), cat->by_scenario);
	if (cat->scen_first) {
		w_reg(w, cat->scen_first, w_put(w, cat->scen_first, (cat->n_reqs + 1) * sizeof(size_t),
						alignof(size_t)));
		n_scen = cat->scen_first[cat->n_reqs];
		w_ptrs(w, cat->scen_of_req, (const void *const *)cat->scen_of_req, n_scen);
	}
	w_fix(w, AT(root, struct mlps_catalog, scen_first), cat->scen_first);
	w_fix(w, AT(root, struct mlps_catalog, scen_of_req), cat->scen_of_req);

	/* The files it was built from, as they were before they were read. */
	files = w_put(w, NULL, sig->n * sizeof(struct snap_file), alignof(struct snap_file));
	for (i = 0; i < sig->n; i++) {
		struct snap_file f = sig->f[i];

		f.name = w_put(w, paths[i], strlen(paths[i]) + 1, 1);
		memcpy(w->buf + files + i * sizeof(f), &f, sizeof(f));
	}

	/* Every pointer now gets its place at `base`, and its offset in the table. */
	relocs = w_put(w, NULL, w->n_fix * sizeof(uint32_t), alignof(uint32_t));
	if (w->len > UINT32_MAX)
		return -1;
	for (i = 0; i < w->n_fix; i++) {
		uintptr_t v = 0;
		uint64_t off;

		if (w->fix[i].target) {
			if (!w_find(w, w->fix[i].target, &off))
				return -1;
			v = SNAP_BASE + (uintptr_t)off;
			rel = (uint32_t *)(void *)(w->buf + relocs) + n_rel++;
			*rel = (uint32_t)w->fix[i].at;
		}
		memcpy(w->buf + w->fix[i].at, &v, sizeof(v));
	}
	w->len = relocs + n_rel * sizeof(uint32_t);

	memcpy(h.magic, SNAP_MAGIC, sizeof(h.magic));
	h.format = MLPS_CATCACHE_FORMAT;
	h.endian = 0x01020304u;
	h.build = build_id();
	h.size = w->len;
	h.base = SNAP_BASE;
	h.root = root;
	h.relocs = relocs;
	h.n_relocs = n_rel;
	h.files = files;
	h.n_files = sig->n;
	h.dir = XXH3_64bits(dir, strlen(dir));
	h.content = content;
	h.trusted = sig->trusted;
	memcpy(w->buf, &h, sizeof(h));
	h.checksum = XXH3_64bits(w->buf + 16, w->len - 16);
	memcpy(w->buf, &h, sizeof(h));
	return 0;
}

static void snapw_release(struct snapw *w)
{
	free(w->buf);
	free(w->map);
	free(w->fix);
}

/* Writes buf to path by temporary file + rename; no fsync: a torn file fails its checksum. */
static int write_atomic(const char *path, const unsigned char *buf, size_t len)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t done = 0;
	int fd, rc = -1;

	strbuf_addf(&tmp, "%s.tmp-XXXXXX", path);
	fd = mlps_tmpfile_open(tmp.buf);
	if (fd < 0)
		goto out;
	while (done < len) {
		ssize_t k = write(fd, buf + done, len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	if (fchmod(fd, 0600) == 0 && done == len && close(fd) == 0) {
		fd = -1;
		if (rename(tmp.buf, path) == 0)
			rc = 0;
	}
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp.buf);
	mlps_tmpfile_forget(tmp.buf);
out:
	strbuf_release(&tmp);
	return rc;
}

static int write_snapshot(const struct mlps_catalog *cat, const char *path, const char *dir,
			  const char *const *paths, const struct sig *sig, uint64_t content)
{
	struct snapw w;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = snapshot_build(&w, cat, dir, paths, sig, content);
	if (rc == 0)
		rc = write_atomic(path, w.buf, w.len);
	snapw_release(&w);
	return rc;
}

int mlps_catcache_write(const struct mlps_catalog *cat, const char *path, const char *dir,
			const char *const *paths, size_t n, unsigned long long content)
{
	struct sig sig;
	int rc = -1;

	if (sig_capture(paths, n, &sig) == 0)
		rc = write_snapshot(cat, path, dir, paths, &sig, content);
	sig_release(&sig);
	return rc;
}

/* Reading a snapshot */

/* Whether [off, off + n * size) lies inside a file of `len` bytes. */
static bool in_file(uint64_t off, uint64_t n, uint64_t size, uint64_t len)
{
	return off <= len && (size == 0 || n <= (len - off) / size);
}

/*
 * Whether the recorded files are the current ones: 1 when their status
 * matches a trusted record, 0 when it cannot tell (then the content decides),
 * -1 when the list of files itself differs.
 */
static int files_match(const unsigned char *p, const struct snap_header *h, const char *const *paths,
		       size_t n, const struct sig *now)
{
	const struct snap_file *f = (const void *)(p + h->files);
	bool same = true;
	size_t i;

	if (h->n_files != n)
		return -1;
	for (i = 0; i < n; i++) {
		const struct snap_file *a = &f[i], *b = &now->f[i];

		if (a->name >= h->size || !memchr(p + a->name, '\0', h->size - a->name) ||
		    strcmp((const char *)p + a->name, paths[i]))
			return -1;
		if (a->size != b->size || a->mtime_s != b->mtime_s || a->mtime_ns != b->mtime_ns ||
		    a->ctime_s != b->ctime_s || a->ctime_ns != b->ctime_ns || a->ino != b->ino ||
		    a->dev != b->dev)
			same = false;
	}
	return same && h->trusted ? 1 : 0;
}

/*
 * Moves every stored pointer from the snapshot's base to where it is mapped,
 * checking that each lands inside the file. With p at the base already, only
 * checks.
 */
static int relocate(unsigned char *p, const struct snap_header *h)
{
	const uint32_t *rel = (const void *)(p + h->relocs);
	uintptr_t base = (uintptr_t)h->base, to = (uintptr_t)p;
	size_t i;

	for (i = 0; i < h->n_relocs; i++) {
		uintptr_t v;

		if (rel[i] % alignof(void *) || rel[i] > h->size - sizeof(void *))
			return -1;
		memcpy(&v, p + rel[i], sizeof(v));
		if (v < base || v - base >= h->size)
			return -1;
		if (to != base) {
			v = v - base + to;
			memcpy(p + rel[i], &v, sizeof(v));
		}
	}
	return 0;
}

/*
 * The snapshot at path checked and mapped. *verified says the files were
 * proven current by content rather than by their recorded status (the
 * caller then rewrites the snapshot with the new status).
 */
static struct mlps_catalog *map_snapshot(const char *path, const char *dir, const char *const *paths,
					 size_t n, const struct sig *now, enum mlps_catcache_miss *why,
					 bool *verified)
{
	struct mlps_catalog *cat = NULL;
	struct snap_header h;
	unsigned char *p = MAP_FAILED;
	struct stat st;
	size_t len = 0;
	int fd, m;

	*verified = false;
	*why = MLPS_CACHE_NONE;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	*why = MLPS_CACHE_FOREIGN;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022))
		goto out;
	*why = MLPS_CACHE_CORRUPT;
	if ((uint64_t)st.st_size < sizeof(h) || (uint64_t)st.st_size > SIZE_MAX / 2)
		goto out;
	len = (size_t)st.st_size;
	p = mmap((void *)SNAP_BASE, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		goto out;
	if (p != (unsigned char *)SNAP_BASE) {
		/* Not where the pointers expect it: a private copy to relocate. */
		munmap(p, len);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED)
			goto out;
	}
	memcpy(&h, p, sizeof(h));
	*why = MLPS_CACHE_FOREIGN;
	if (memcmp(h.magic, SNAP_MAGIC, sizeof(h.magic)) || h.format != MLPS_CATCACHE_FORMAT ||
	    h.endian != 0x01020304u || h.build != build_id() || h.base != (uint64_t)SNAP_BASE)
		goto out;
	*why = MLPS_CACHE_CORRUPT;
	if (h.size != len || XXH3_64bits(p + 16, len - 16) != h.checksum)
		goto out;
	if (!in_file(h.root, 1, sizeof(struct mlps_catalog), len) || h.root % alignof(struct mlps_catalog) ||
	    !in_file(h.relocs, h.n_relocs, sizeof(uint32_t), len) || h.relocs % alignof(uint32_t) ||
	    !in_file(h.files, h.n_files, sizeof(struct snap_file), len) || h.files % alignof(struct snap_file))
		goto out;
	*why = MLPS_CACHE_STALE;
	if (h.dir != XXH3_64bits(dir, strlen(dir)))
		goto out;
	m = files_match(p, &h, paths, n, now);
	if (m < 0)
		goto out;
	if (m == 0) {
		uint64_t content;

		if (hash_files(paths, n, &content) || content != h.content)
			goto out;
		*verified = true;
	}
	*why = MLPS_CACHE_CORRUPT;
	if (relocate(p, &h))
		goto out;
	if (p != (unsigned char *)SNAP_BASE && mprotect(p, len, PROT_READ))
		goto out;
	cat = mlps_malloc(sizeof(*cat));
	memcpy(cat, p + h.root, sizeof(*cat));
	arena_init(&cat->arena);
	cat->checks_head = NULL;
	cat->checks_tail = NULL;
	cat->map = p;
	cat->map_len = len;
	*why = MLPS_CACHE_HIT;
out:
	if (!cat && p != MAP_FAILED)
		munmap(p, len);
	close(fd);
	return cat;
}

struct mlps_catalog *mlps_catcache_map(const char *path, const char *dir, const char *const *paths,
				       size_t n, enum mlps_catcache_miss *why)
{
	struct mlps_catalog *cat = NULL;
	struct sig now;
	bool verified;

	*why = MLPS_CACHE_STALE;
	if (sig_capture(paths, n, &now) == 0)
		cat = map_snapshot(path, dir, paths, n, &now, why, &verified);
	sig_release(&now);
	return cat;
}

struct mlps_catalog *mlps_catalog_open(const char *dir, struct mlps_error *err)
{
	struct strbuf path = STRBUF_INIT;
	struct mlps_catalog *cat = NULL;
	enum mlps_catcache_miss why = MLPS_CACHE_NONE;
	char **names = NULL;
	size_t n = 0, i;
	struct sig now = { NULL, 0, false };
	bool verified = false, usable;

	if (mlps_catcache_path(dir, true, &path)) {
		last_outcome = MLPS_CACHE_NONE;
		strbuf_release(&path);
		return mlps_catalog_load(dir, err);
	}
	if (catalog_list_files(dir, &names, &n, err))
		goto out;
	/* The files' status first: an edit after this point is seen by the next load. */
	usable = n > 0 && sig_capture((const char *const *)names, n, &now) == 0;
	if (usable)
		cat = map_snapshot(path.buf, dir, (const char *const *)names, n, &now, &why, &verified);
	if (cat) {
		/* Proven by content: record the files' current status so the next load need not read them. */
		if (verified && now.trusted) {
			const struct snap_header *h = cat->map;

			write_snapshot(cat, path.buf, dir, (const char *const *)names, &now, h->content);
		}
	} else {
		XXH3_state_t *content = XXH3_createState();

		XXH3_64bits_reset(content);
		cat = catalog_load_list(dir, (const char *const *)names, n, content, err);
		if (cat && usable)
			write_snapshot(cat, path.buf, dir, (const char *const *)names, &now,
				       XXH3_64bits_digest(content));
		XXH3_freeState(content);
	}
out:
	last_outcome = why;
	sig_release(&now);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	strbuf_release(&path);
	return cat;
}
