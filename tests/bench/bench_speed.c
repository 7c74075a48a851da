/*
 * bench_speed.c - issue 19's figures, as ratios taken in one run (the
 * machine is shared and noisy: medians, and ratios of runs interleaved).
 *
 *   catalogue open from the cache against a bare mmap + read of the same bytes
 *   mlps score / mlps report --format text, whole process, cache against none
 *   fdatasync calls per mlps answer (LD_PRELOAD counter built by the script)
 *   mlps list at 10 / 100 / 1,000 / 10,000 assessments (their summaries kept by each write)
 *   mlps list after answers written across assessments in turn against one after the other
 *   mlps open N to first paint with 1,000 assessments (pty-driven timer)
 *
 * usage: bench_speed MLPS PROFILES [SYNC_COUNTER.so]
 * With MLPS_BENCH_BASE=/path/to/an/older/mlps, the same processes are timed
 * with that binary too (the "before" column); MLPS_BENCH_MAX caps the list
 * sizes (default 10000).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MLPS_BENCH_ASSESSMENTS 1
#include "benchutil.h"
#include "catcache.h"
#include "store.h"

extern char **environ;

static const char *mlps, *base_mlps, *profiles, *synclib;
static char tmp[64];

static void die(const char *what, struct mlps_error *err)
{
	fprintf(stderr, "bench_speed: %s: %s\n", what, err ? mlps_error_message(err) : strerror(errno));
	exit(1);
}

/* Runs argv with stdout and stderr to /dev/null; returns the wall time in seconds. */
static double run(const char *const *argv)
{
	posix_spawn_file_actions_t fa;
	double t0;
	pid_t pid;
	int st;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = bench_now();
	if (posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ))
		die("spawn", NULL);
	waitpid(pid, &st, 0);
	t0 = bench_now() - t0;
	posix_spawn_file_actions_destroy(&fa);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "bench_speed: %s %s failed (status %d)\n", argv[0], argv[1], st);
		exit(1);
	}
	return t0;
}

/* An assessment at level 3, every extension; `every`: answer one requirement in that many. */
static long long make_assessment(struct mlps_store *st, const struct mlps_catalog *cat, int serial,
				 size_t every)
{
	struct mlps_assessment *a = bench_assessment(cat, serial, 0, every);
	struct mlps_error err;
	long long id;

	mlps_error_init(&err);
	/* With its answers, and its summary written as the program writes it (the catalogue is set). */
	if (mlps_store_insert(st, a, &err))
		die("create", &err);
	id = a->id;
	mlps_assessment_free(a);
	mlps_error_release(&err);
	return id;
}

/* Section 1: the catalogue from the cache, in this process. */
static void bench_open(void)
{
	struct mlps_catalog *cat;
	struct mlps_error err;
	struct strbuf path = STRBUF_INIT;
	double t_cache[201], t_bare[201], t_yaml[21];
	struct stat sb;
	size_t i;
	bool in_place;

	mlps_error_init(&err);
	mlps_catalog_free(mlps_catalog_open(profiles, &err));  /* warm: writes the snapshot */
	if (mlps_catcache_path(profiles, false, &path) || stat(path.buf, &sb))
		die("no snapshot written", NULL);
	cat = mlps_catalog_open(profiles, &err);
	in_place = cat && mlps_catcache_last() == MLPS_CACHE_HIT && mlps_catalog_from_cache(cat);
	mlps_catalog_free(cat);
	for (i = 0; i < 201; i++) {
		volatile uint64_t sum = 0;
		double t0 = bench_now();
		int fd;
		const uint64_t *p;
		size_t k, n;

		cat = mlps_catalog_open(profiles, &err);
		if (!cat || !mlps_catalog_from_cache(cat))
			die("open from cache", &err);
		mlps_catalog_free(cat);
		t_cache[i] = bench_now() - t0;

		/* The floor: map the same file and read every byte of it. */
		t0 = bench_now();
		fd = open(path.buf, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb))
			die("open snapshot", NULL);
		p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED)
			die("mmap", NULL);
		n = (size_t)sb.st_size / 8;
		for (k = 0; k < n; k++)
			sum += p[k];
		munmap((void *)p, (size_t)sb.st_size);
		close(fd);
		t_bare[i] = bench_now() - t0;
	}
	for (i = 0; i < 21; i++) {
		double t0 = bench_now();

		mlps_catalog_free(mlps_catalog_load(profiles, &err));
		t_yaml[i] = bench_now() - t0;
	}
	printf("catalogue open (in process, medians; snapshot %.0f KiB, %s)\n", (double)sb.st_size / 1024,
	       in_place ? "used in place" : "relocated");
	printf("  YAML parse          %8.3f ms\n", bench_median(t_yaml, 21) * 1e3);
	printf("  from cache          %8.3f ms   (%.0fx faster than parsing)\n", bench_median(t_cache, 201) * 1e3,
	       bench_median(t_yaml, 21) / bench_median(t_cache, 201));
	printf("  bare mmap + read    %8.3f ms\n", bench_median(t_bare, 201) * 1e3);
	printf("  ratio cache / bare  %8.2f     target <= 2\n", bench_median(t_cache, 201) / bench_median(t_bare, 201));
	strbuf_release(&path);
	mlps_error_release(&err);
}

/* Section 2: whole processes with and without the cache (and the base binary). */
static void bench_process(long long id)
{
	const char *what[2][6] = { { NULL, "score", NULL, NULL, NULL, NULL },
				   { NULL, "report", NULL, "--format", "text", NULL } };
	char ids[24];
	int w, i, runs = 21;

	snprintf(ids, sizeof(ids), "%lld", id);
	printf("whole process (medians of %d, ms; runs interleaved)\n", runs);
	printf("  %-22s %9s %9s %9s %9s\n", "command", "no cache", "cache", "ratio", base_mlps ? "before" : "");
	for (w = 0; w < 2; w++) {
		double t_no[21], t_yes[21], t_base[21];

		what[w][0] = mlps;
		what[w][2] = ids;
		for (i = 0; i < runs; i++) {
			setenv("MLPS_NO_CACHE", "1", 1);
			t_no[i] = run(what[w]);
			unsetenv("MLPS_NO_CACHE");
			t_yes[i] = run(what[w]);
			if (base_mlps) {
				what[w][0] = base_mlps;
				t_base[i] = run(what[w]);
				what[w][0] = mlps;
			}
		}
		printf("  %-22s %9.2f %9.2f %9.2f", w ? "report --format text" : "score",
		       bench_median(t_no, (size_t)runs) * 1e3, bench_median(t_yes, (size_t)runs) * 1e3,
		       bench_median(t_yes, (size_t)runs) / bench_median(t_no, (size_t)runs));
		if (base_mlps)
			printf(" %9.2f", bench_median(t_base, (size_t)runs) * 1e3);
		printf("   target ratio <= 0.4\n");
	}
}

/* Section 3: fdatasync + fsync calls of one `mlps answer`, counted by the preloaded library. */
static double syncs_per_answer(const char *bin, long long id, int n)
{
	char ids[24], count_file[96], line[64];
	const char *argv[] = { bin, "answer", ids, NULL, NULL, "--note", "bench", NULL };
	static const char *keys[] = { "L3-CES1-01", "L3-CES1-02", "L3-CES1-03", "L3-CES1-04" };
	unsigned long total = 0;
	FILE *f;
	int i;

	snprintf(ids, sizeof(ids), "%lld", id);
	snprintf(count_file, sizeof(count_file), "%s/syncs", tmp);
	unlink(count_file);
	{
		const char *list[] = { bin, "list", NULL };

		run(list);      /* a run before: the log exists, as it does in daily use */
	}
	setenv("LD_PRELOAD", synclib, 1);
	setenv("MLPS_SYNC_COUNT_FILE", count_file, 1);
	for (i = 0; i < n; i++) {
		argv[3] = keys[i % 4];
		argv[4] = i % 2 ? "partial" : "compliant";
		run(argv);
	}
	unsetenv("LD_PRELOAD");
	unsetenv("MLPS_SYNC_COUNT_FILE");
	f = fopen(count_file, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		total += strtoul(line, NULL, 10);
	fclose(f);
	return (double)total / n;
}

static void bench_syncs(long long id)
{
	if (!synclib) {
		printf("fdatasync per answer: no counter library (needs a C compiler)\n");
		return;
	}
	printf("fdatasync + fsync calls per mlps answer (mean of 20)   %.2f", syncs_per_answer(mlps, id, 20));
	if (base_mlps)
		printf("   before %.2f", syncs_per_answer(base_mlps, id, 20));
	printf("   target 1\n");
}

/*
 * Section 4: `mlps open N` in an 80x24 pseudo-terminal: from the start of the
 * process to the first output that shows the questionnaire's key line.
 */
static double first_paint(const char *bin, long long id)
{
	struct winsize ws = { 24, 80, 0, 0 };
	char ids[24], buf[65536];
	size_t have = 0;
	double t0 = bench_now(), t = -1;
	int master, st;
	pid_t pid;

	snprintf(ids, sizeof(ids), "%lld", id);
	pid = forkpty(&master, NULL, NULL, &ws);
	if (pid < 0)
		die("forkpty", NULL);
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		execl(bin, bin, "--lang", "en", "open", ids, (char *)NULL);
		_exit(127);
	}
	while (bench_now() - t0 < 20) {
		struct pollfd pfd = { master, POLLIN, 0 };
		ssize_t k;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		k = read(master, buf + have, sizeof(buf) - 1 - have);
		if (k <= 0)
			break;
		have += (size_t)k;
		buf[have] = '\0';
		/* The key line is painted last (bottom row): "? more keys" ends it at 80 columns. */
		if (strstr(buf, "more keys")) {
			t = bench_now() - t0;
			break;
		}
		if (have > sizeof(buf) - 4096)
			have = 0;
	}
	kill(pid, SIGTERM);
	for (;;) {
		struct pollfd pfd = { master, POLLIN, 0 };

		if (poll(&pfd, 1, 2000) <= 0 || read(master, buf, sizeof(buf)) <= 0)
			break;
	}
	close(master);
	waitpid(pid, &st, 0);
	return t;
}

static void bench_first_paint(long long id, int n_assessments)
{
	double t_now[7], t_base[7];
	int i;

	for (i = 0; i < 7; i++) {
		t_now[i] = first_paint(mlps, id);
		if (base_mlps)
			t_base[i] = first_paint(base_mlps, id);
	}
	printf("mlps open N to first paint, %d assessments (median of 7, pty 80x24)   %.1f ms", n_assessments,
	       bench_median(t_now, 7) * 1e3);
	if (base_mlps)
		printf("   before %.1f ms", bench_median(t_base, 7) * 1e3);
	printf("   target < 50 ms\n");
}

static void bench_list_at(int n)
{
	const char *argv[] = { mlps, "list", NULL };
	double t[5], tb[5];
	int i, runs = n >= 1000 ? 3 : 5;

	for (i = 0; i < runs; i++) {
		argv[0] = mlps;
		t[i] = run(argv);
		if (base_mlps) {
			argv[0] = base_mlps;
			tb[i] = run(argv);
		}
	}
	printf("  %6d %10.1f %12.3f", n, bench_median(t, (size_t)runs) * 1e3,
	       bench_median(t, (size_t)runs) * 1e3 / n);
	if (base_mlps)
		printf(" %10.1f %12.3f", bench_median(tb, (size_t)runs) * 1e3, bench_median(tb, (size_t)runs) * 1e3 / n);
	printf("\n");
	fflush(stdout);
}

/*
 * Clustering: the same answers written one assessment after another and
 * across all assessments in turn, then listed (1) with every summary to
 * compute (read-only, so each run reads every answer: what a catalogue or
 * rules change costs once) and (2) with the summaries current.
 */
static void bench_clustering(const struct mlps_catalog *cat)
{
	enum { N = 300, K = 60 };
	const char *keys[K];
	const char *argv[] = { mlps, "list", NULL };
	struct strbuf path[2] = { STRBUF_INIT, STRBUF_INIT }, uri[2] = { STRBUF_INIT, STRBUF_INIT };
	double t[2][2][5];
	size_t i, n = 0;
	int o, k, a, run_i;

	for (i = 0; i < mlps_catalog_n_requirements(cat) && n < K; i++)
		if (mlps_req_applies(mlps_catalog_requirement(cat, i), 3, MLPS_EXT_ALL))
			keys[n++] = mlps_catalog_requirement(cat, i)->key;
	for (o = 0; o < 2; o++) {
		struct mlps_error err;
		struct mlps_store *st;
		long long ids[N];

		strbuf_addf(&path[o], "%s/%s.db", tmp, o ? "interleaved" : "sequential");
		strbuf_addf(&uri[o], "file:%s?mode=ro", path[o].buf);
		mlps_error_init(&err);
		/* No catalogue on this store: the writes leave no summaries, as after a catalogue change. */
		st = mlps_store_open(path[o].buf, &err);
		if (!st)
			die("store", &err);
		for (a = 0; a < N; a++) {
			struct mlps_assessment as;
			struct strbuf name = STRBUF_INIT;

			memset(&as, 0, sizeof(as));
			strbuf_addf(&name, "cluster-%03d", a);
			as.sys.name = name.buf;
			as.level = 3;
			as.ext = MLPS_EXT_ALL;
			as.profile_hash = (char *)mlps_catalog_hash(cat);
			as.rules_id = (char *)mlps_catalog_rules(cat)->id;
			if (mlps_store_create(st, &as, &err))
				die("create", &err);
			ids[a] = as.id;
			free(as.created);
			free(as.updated);
			strbuf_release(&name);
		}
		for (i = 0; i < (size_t)N * n; i++) {
			struct mlps_answer ans;

			memset(&ans, 0, sizeof(ans));
			/* sequential: assessment by assessment; interleaved: requirement k of every assessment in turn */
			a = o ? (int)(i % N) : (int)(i / n);
			k = o ? (int)(i / N) : (int)(i % n);
			ans.key = (char *)keys[k];
			ans.status = (a + k) % 3 ? MLPS_ST_COMPLIANT : MLPS_ST_PARTIAL;
			ans.note = (char *)"抽查了两台服务器的配置";
			if (mlps_store_save_answer(st, ids[a], &ans, "bench", &err))
				die("answer", &err);
		}
		mlps_store_close(st);
		mlps_error_release(&err);
	}
	for (run_i = 0; run_i < 5; run_i++)
		for (o = 0; o < 2; o++) {
			setenv("MLPS_DB", uri[o].buf, 1);
			t[o][0][run_i] = run(argv);
		}
	for (o = 0; o < 2; o++) {
		setenv("MLPS_DB", path[o].buf, 1);
		run(argv);      /* writes the summaries */
	}
	for (run_i = 0; run_i < 5; run_i++)
		for (o = 0; o < 2; o++) {
			setenv("MLPS_DB", path[o].buf, 1);
			t[o][1][run_i] = run(argv);
		}
	printf("mlps list, %d assessments x %zu answers, written in turn across assessments against one after "
	       "the other (medians of 5)\n", N, n);
	printf("  every summary computed (reads every answer): interleaved %.1f ms, sequential %.1f ms, "
	       "ratio %.2f (target <= 1.5)\n", bench_median(t[1][0], 5) * 1e3, bench_median(t[0][0], 5) * 1e3,
	       bench_median(t[1][0], 5) / bench_median(t[0][0], 5));
	printf("  summaries current:                          interleaved %.1f ms, sequential %.1f ms, "
	       "ratio %.2f\n", bench_median(t[1][1], 5) * 1e3, bench_median(t[0][1], 5) * 1e3,
	       bench_median(t[1][1], 5) / bench_median(t[0][1], 5));
	for (o = 0; o < 2; o++) {
		strbuf_release(&path[o]);
		strbuf_release(&uri[o]);
	}
}

int main(int argc, char **argv)
{
	static const int sizes[] = { 10, 100, 1000, 10000 };
	struct mlps_catalog *cat;
	struct mlps_store *st;
	struct mlps_error err;
	struct strbuf sb = STRBUF_INIT;
	const char *max_env = getenv("MLPS_BENCH_MAX");
	int max = max_env ? atoi(max_env) : 10000, made = 0, k;
	long long first;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_speed MLPS PROFILES [SYNC_COUNTER.so]\n");
		return 2;
	}
	mlps = argv[1];
	profiles = argv[2];
	synclib = argc > 3 ? argv[3] : NULL;
	base_mlps = getenv("MLPS_BENCH_BASE");
	if (base_mlps && !*base_mlps)
		base_mlps = NULL;
	snprintf(tmp, sizeof(tmp), "/tmp/mlps-bench-speed-XXXXXX");
	if (!mkdtemp(tmp))
		die("mkdtemp", NULL);
	strbuf_addf(&sb, "%s/cache", tmp);
	mkdir(sb.buf, 0700);
	setenv("XDG_CACHE_HOME", sb.buf, 1);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s/bench.db", tmp);
	setenv("MLPS_DB", sb.buf, 1);
	setenv("MLPS_PROFILES", profiles, 1);
	unsetenv("MLPS_NO_CACHE");

	mlps_error_init(&err);
	cat = mlps_catalog_load(profiles, &err);
	if (!cat)
		die("load", &err);
	st = mlps_store_open(sb.buf, &err);
	if (!st)
		die("store", &err);
	mlps_store_set_catalog(st, cat);
	first = make_assessment(st, cat, 0, 1);
	made = 1;
	/* Closed while processes are timed: an open connection here would keep theirs from checkpointing. */
	mlps_store_close(st);

	bench_open();
	bench_process(first);
	bench_syncs(first);

	printf("mlps list (medians; each row's summary is read, not rescored)\n");
	printf("  %6s %10s %12s", "rows", "ms", "ms per row");
	if (base_mlps)
		printf(" %10s %12s", "before ms", "per row");
	printf("\n");
	for (k = 0; k < 4 && sizes[k] <= max; k++) {
		st = mlps_store_open(sb.buf, &err);
		if (!st)
			die("store", &err);
		mlps_store_set_catalog(st, cat);
		while (made < sizes[k])
			make_assessment(st, cat, made++, 8);
		mlps_store_close(st);
		bench_list_at(sizes[k]);
		if (sizes[k] == 1000)
			bench_first_paint(first, 1000);
	}
	if (!getenv("MLPS_BENCH_NO_CLUSTER"))
		bench_clustering(cat);
	mlps_catalog_free(cat);
	mlps_error_release(&err);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "rm -rf '%s'", tmp);
	if (system(sb.buf))
		fprintf(stderr, "bench_speed: could not remove %s\n", tmp);
	strbuf_release(&sb);
	return 0;
}
