/*
 * test_probe.c - the probe: check files validated by the catalogue, three
 * fixture hosts with their exact results tables, confinement (symlinks,
 * FIFOs, oversized files), the parsers, JSON, the mapping to answers
 * through the real binary, and a smoke run on this machine.
 */
#define _GNU_SOURCE
#include <CUnit/CUnit.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "checks.h"
#include "parse.h"
#include "probe.h"
#include "store.h"
#include "testutil.h"
#include "yamldoc.h"

#define FIX MLPS_FIXTURES "/probe"

static struct mlps_catalog *shipped;

static int setup(void)
{
	shipped = load_catalog(MLPS_SHIPPED);
	return shipped ? 0 : -1;
}

static int teardown(void)
{
	mlps_catalog_free(shipped);
	return 0;
}

static char *slurp(const char *path)
{
	struct mlps_error err;
	char *buf = NULL;
	size_t len;

	mlps_error_init(&err);
	if (ydoc_read_file(path, 1u << 24, &buf, &len, &err))
		buf = NULL;
	mlps_error_release(&err);
	return buf;
}

/* A copy of a fixture host in a temp dir, with the modes git cannot keep. */
static char *prepare(const char *host, char **tmp)
{
	struct strbuf cmd = STRBUF_INIT, modes = STRBUF_INIT;
	char *dst, *list, *line, *save = NULL;

	*tmp = make_temp_dir();
	strbuf_addf(&cmd, "cp -a '%s/%s' '%s/'", FIX, host, *tmp);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	dst = path_join(*tmp, host);
	strbuf_addf(&modes, "%s/%s.modes", FIX, host);
	list = slurp(modes.buf);
	for (line = list ? strtok_r(list, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(line, ' ');
		char *p;

		if (!sp)
			continue;
		*sp = '\0';
		p = path_join(dst, line);
		CU_ASSERT_EQUAL(chmod(p, (mode_t)strtoul(sp + 1, NULL, 8)), 0);
		free(p);
	}
	free(list);
	strbuf_release(&cmd);
	strbuf_release(&modes);
	return dst;
}

static struct mlps_probe_run *run_on(const char *root, bool with_proc, bool walk)
{
	struct mlps_probe_opts o;
	struct mlps_error err;
	struct mlps_probe_run *r;

	memset(&o, 0, sizeof(o));
	o.root = root;
	o.proc = with_proc ? root : NULL;
	o.force_walk = walk;
	o.runner_is_root = true;
	mlps_error_init(&err);
	r = mlps_probe_run(shipped, &o, &err);
	if (!r)
		fprintf(stderr, "%s\n", mlps_error_message(&err));
	mlps_error_release(&err);
	return r;
}

static void table(const struct mlps_probe_run *r, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < r->n_items; i++)
		strbuf_addf(out, "%s\t%s\n", r->items[i].check->id, mlps_probe_result_name(r->items[i].result));
}

static const struct mlps_probe_item *item(const struct mlps_probe_run *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n_items; i++)
		if (!strcmp(r->items[i].check->id, id))
			return &r->items[i];
	return NULL;
}

/* The whole table of a host, exactly, with the component walk and with openat2. */
static void expect_host(const char *host, bool with_proc)
{
	char *tmp, *root = prepare(host, &tmp);
	struct strbuf want_path = STRBUF_INIT, got = STRBUF_INIT, got_walk = STRBUF_INIT;
	struct mlps_probe_run *r, *rw;
	char *want;

	strbuf_addf(&want_path, "%s/%s.expected", FIX, host);
	want = slurp(want_path.buf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(want);
	r = run_on(root, with_proc, false);
	rw = run_on(root, with_proc, true);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rw);
	table(r, &got);
	table(rw, &got_walk);
	if (strcmp(got.buf, want))
		fprintf(stderr, "\n%s: got\n%s", host, got.buf);
	CU_ASSERT_STRING_EQUAL(got.buf, want);
	CU_ASSERT_STRING_EQUAL(got_walk.buf, want);
	CU_ASSERT(r->n_items >= 45);
	mlps_probe_free(r);
	mlps_probe_free(rw);
	free(want);
	strbuf_release(&want_path);
	strbuf_release(&got);
	strbuf_release(&got_walk);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_probe_hardened_host_passes_every_check(void)
{
	expect_host("hardened", true);
}

static void test_probe_default_install_table(void)
{
	expect_host("default", false);
}

static void test_probe_weak_host_shows_every_classic_mistake(void)
{
	expect_host("weak", true);
}

static void test_probe_weak_evidence_has_file_and_line(void)
{
	char *tmp, *root = prepare("weak", &tmp);
	struct mlps_probe_run *r = run_on(root, true, false);
	const struct mlps_probe_item *it;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	it = item(r, "ssh-root-login");
	CU_ASSERT_STRING_EQUAL(it->evidence, "/etc/ssh/sshd_config:3: PermitRootLogin yes");
	it = item(r, "sudoers-least-privilege");
	CU_ASSERT_PTR_NOT_NULL(strstr(it->evidence, "/etc/sudoers:2: alice ALL=(ALL) NOPASSWD: ALL"));
	it = item(r, "extra-superusers");
	CU_ASSERT_PTR_NOT_NULL(strstr(it->evidence, "line 2: toor has uid 0"));
	it = item(r, "insecure-ports");
	CU_ASSERT_PTR_NOT_NULL(strstr(it->evidence, "tcp 0.0.0.0:23 listening"));
	it = item(r, "log-retention");
	CU_ASSERT_PTR_NOT_NULL(strstr(it->evidence, "kept about 35 days"));
	it = item(r, "ssh-ciphers");
	CU_ASSERT_PTR_NOT_NULL(strstr(it->evidence, "weak: aes128-cbc"));
	mlps_probe_free(r);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_probe_sshd_include_first_match_and_match_block(void)
{
	char *tmp, *root = prepare("hardened", &tmp);
	struct mlps_probe_run *r = run_on(root, false, false);

	/* The drop-in comes before "PermitRootLogin yes" and wins; the Match block is not global. */
	CU_ASSERT_STRING_EQUAL(item(r, "ssh-root-login")->evidence,
			       "/etc/ssh/sshd_config.d/10-root.conf:1: PermitRootLogin no");
	/* pam_faillock found through "auth include common-auth-faillock". */
	CU_ASSERT_PTR_NOT_NULL(strstr(item(r, "pam-login-lockout")->evidence, "/etc/pam.d/common-auth-faillock:1:"));
	mlps_probe_free(r);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_probe_root_marks_live_only_checks_not_checked(void)
{
	char *tmp, *root = prepare("hardened", &tmp);
	struct mlps_probe_run *r = run_on(root, false, false);
	const struct mlps_probe_item *it = item(r, "listening-allow-list");

	CU_ASSERT_EQUAL(it->result, MLPS_PR_NOT_CHECKED);
	CU_ASSERT_PTR_NOT_NULL(strstr(it->reason, "live-only"));
	CU_ASSERT_EQUAL(item(r, "auditd-running")->result, MLPS_PR_NOT_CHECKED);
	mlps_probe_free(r);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

/* A tree with one planted file at etc/login.defs, and a marker outside it. */
static char *escape_tree(char **tmp)
{
	char *root, *p;

	*tmp = make_temp_dir();
	root = path_join(*tmp, "root");
	p = path_join(*tmp, "outside");
	mkdir(root, 0755);
	mkdir(p, 0755);
	free(p);
	p = path_join(root, "etc");
	mkdir(p, 0755);
	free(p);
	p = path_join(*tmp, "outside/login.defs");
	write_file(p, "PASS_MAX_DAYS 30\n", 17);
	free(p);
	return root;
}

static const struct mlps_check *check(const char *id)
{
	const struct mlps_check *c = mlps_catalog_find_check(shipped, id);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	return c;
}

static struct mlps_probe_item one(const char *root, const char *id, bool walk, size_t cap)
{
	struct mlps_probe_opts o;
	struct mlps_probe_item it;
	struct mlps_error err;

	memset(&o, 0, sizeof(o));
	memset(&it, 0, sizeof(it));
	o.root = root;
	o.force_walk = walk;
	o.cap = cap;
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_probe_check(shipped, check(id), &o, &it, &err), 0);
	mlps_error_release(&err);
	return it;
}

static void test_probe_symlinks_never_leave_the_root(void)
{
	char *tmp, *root = escape_tree(&tmp), *link = path_join(root, "etc/login.defs");
	int walk;

	for (walk = 0; walk < 2; walk++) {
		struct mlps_probe_item it;

		/* Relative: ../../outside from etc/ would leave the root; ".." stops at it. */
		unlink(link);
		CU_ASSERT_EQUAL(symlink("../../../../outside/login.defs", link), 0);
		it = one(root, "login-defs-pass-max-days", walk, 0);
		CU_ASSERT_EQUAL(it.result, MLPS_PR_FAIL);
		CU_ASSERT_PTR_NULL(strstr(it.evidence ? it.evidence : "", "30"));
		mlps_probe_item_release(&it);
		/* Absolute: starts again at the root, not at the host's "/". */
		unlink(link);
		{
			struct strbuf abs = STRBUF_INIT;

			strbuf_addf(&abs, "%s/outside/login.defs", tmp);
			CU_ASSERT_EQUAL(symlink(abs.buf, link), 0);
			strbuf_release(&abs);
		}
		it = one(root, "login-defs-pass-max-days", walk, 0);
		CU_ASSERT_EQUAL(it.result, MLPS_PR_FAIL);
		CU_ASSERT_PTR_NULL(strstr(it.evidence ? it.evidence : "", "30"));
		mlps_probe_item_release(&it);
		/* A loop is refused, not followed forever. */
		unlink(link);
		CU_ASSERT_EQUAL(symlink("/etc/login.defs", link), 0);
		it = one(root, "login-defs-pass-max-days", walk, 0);
		CU_ASSERT_EQUAL(it.result, MLPS_PR_NOT_CHECKED);
		CU_ASSERT_PTR_NOT_NULL(strstr(it.reason, "too many symbolic links"));
		mlps_probe_item_release(&it);
	}
	free(link);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void on_alarm(int sig)
{
	(void)sig;
	_exit(99);     /* a blocked read: fail loudly */
}

static void test_probe_fifo_is_never_opened(void)
{
	char *tmp, *root = escape_tree(&tmp), *fifo = path_join(root, "etc/login.defs");
	int walk;

	CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0644), 0);
	signal(SIGALRM, on_alarm);
	alarm(10);
	for (walk = 0; walk < 2; walk++) {
		struct mlps_probe_item it = one(root, "login-defs-pass-max-days", walk, 0);

		CU_ASSERT_EQUAL(it.result, MLPS_PR_NOT_CHECKED);
		CU_ASSERT_PTR_NOT_NULL(strstr(it.reason, "not a regular file"));
		mlps_probe_item_release(&it);
	}
	alarm(0);
	free(fifo);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_probe_oversized_file_is_refused(void)
{
	char *tmp, *root = escape_tree(&tmp), *big = path_join(root, "etc/login.defs");
	size_t n = 2u * 1024u * 1024u;
	char *data = malloc(n);
	struct mlps_probe_item it;
	int walk;

	memset(data, '#', n);
	write_file(big, data, n);
	for (walk = 0; walk < 2; walk++) {
		it = one(root, "login-defs-pass-max-days", walk, 0);
		CU_ASSERT_EQUAL(it.result, MLPS_PR_NOT_CHECKED);
		CU_ASSERT_PTR_NOT_NULL(strstr(it.reason, "larger than the size cap"));
		mlps_probe_item_release(&it);
	}
	/* A smaller cap applies to every file read. */
	write_file(big, "PASS_MAX_DAYS 30\n", 17);
	it = one(root, "login-defs-pass-max-days", false, 8);
	CU_ASSERT_EQUAL(it.result, MLPS_PR_NOT_CHECKED);
	mlps_probe_item_release(&it);
	it = one(root, "login-defs-pass-max-days", false, 0);
	CU_ASSERT_EQUAL(it.result, MLPS_PR_PASS);
	mlps_probe_item_release(&it);
	free(data);
	free(big);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_probe_unreadable_file_says_why(void)
{
	char *tmp, *root = escape_tree(&tmp), *f = path_join(root, "etc/login.defs");
	struct mlps_probe_item it;

	if (geteuid() == 0) {
		/* root reads everything: nothing to prove here */
		free(f);
		remove_tree(tmp);
		free(tmp);
		free(root);
		return;
	}
	write_file(f, "PASS_MAX_DAYS 30\n", 17);
	chmod(f, 0);
	it = one(root, "login-defs-pass-max-days", false, 0);
	CU_ASSERT_EQUAL(it.result, MLPS_PR_NOT_CHECKED);
	CU_ASSERT_PTR_NOT_NULL(strstr(it.reason, "not readable without root"));
	mlps_probe_item_release(&it);
	free(f);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_checks_shipped_cover_level3_server_items(void)
{
	static const char *const keys[] = { "ces.ia.a", "ces.ia.b", "ces.ia.c", "ces.ia.d", "ces.ac.a",
					    "ces.ac.b", "ces.ac.c", "ces.ac.d", "ces.ac.g", "ces.audit.a",
					    "ces.audit.b", "ces.audit.c", "ces.audit.d", "ces.intrusion.a",
					    "ces.intrusion.b", "ces.intrusion.c", "ces.intrusion.e",
					    "ces.intrusion.f", "ces.malware.a", "ces.trusted.a", "ces.integrity.a",
					    "ces.confidentiality.a", "smc.cc.d" };
	size_t i, j, k;

	CU_ASSERT(mlps_catalog_n_checks(shipped) >= 45);
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		bool found = false;

		for (i = 0; i < mlps_catalog_n_checks(shipped); i++) {
			const struct mlps_check *c = mlps_catalog_check(shipped, i);

			for (j = 0; j < c->n_reqs; j++)
				found |= c->reqs[j] && !strcmp(c->reqs[j]->key, keys[k]);
		}
		if (!found)
			fprintf(stderr, "no check for %s\n", keys[k]);
		CU_ASSERT(found);
	}
	for (i = 0; i < mlps_catalog_n_checks(shipped); i++) {
		const struct mlps_check *c = mlps_catalog_check(shipped, i);

		CU_ASSERT_PTR_NOT_NULL(c->step.zh);
		CU_ASSERT_PTR_NOT_NULL(c->blind.en);
		CU_ASSERT_STRING_EQUAL(c->kind, "server");
	}
}

static void test_checks_rejected_with_positions(void)
{
	struct mlps_error err;
	struct mlps_catalog *cat;
	const char *msg;

	mlps_error_init(&err);
	cat = mlps_catalog_load(FIX "/checks-set", &err);
	CU_ASSERT_PTR_NULL(cat);
	msg = mlps_error_message(&err);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, FIX "/checks-set/checks/bad.yaml:12:5: check 'missing-req': requirement "
				      "'pes.nowhere.z' does not exist in the set"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, FIX "/checks-set/checks/bad.yaml:27:12: checks[2].probe: unknown probe "
				      "primitive 'run'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, FIX "/checks-set/checks/bad.yaml:37:57: checks[3].with: primitive "
				      "'setting' has no parameter 'exec'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, FIX "/checks-set/checks/bad.yaml:37:34: checks[3].with.files[0]: "
				      "expected an absolute path without '..', found 'etc/relative'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, FIX "/checks-set/checks/bad.yaml:21:5: check 'good-one' is defined twice"));
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "checks[3].explain: missing required key 'fail'"));
	mlps_error_release(&err);
}

static void test_checks_do_not_change_the_set_hash(void)
{
	char *tmp = make_temp_dir();
	struct mlps_catalog *without;
	struct strbuf cmd = STRBUF_INIT;

	/* The same set without its checks/ folder has the same hash. */
	strbuf_addf(&cmd, "cp '%s'/*.yaml '%s'/", MLPS_SHIPPED, tmp);
	CU_ASSERT_EQUAL_FATAL(system(cmd.buf), 0);
	without = load_catalog(tmp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(without);
	CU_ASSERT_EQUAL(mlps_catalog_n_checks(without), 0);
	CU_ASSERT(mlps_catalog_n_checks(shipped) > 0);
	CU_ASSERT_STRING_EQUAL(mlps_catalog_hash(without), mlps_catalog_hash(shipped));
	mlps_catalog_free(without);
	strbuf_release(&cmd);
	remove_tree(tmp);
	free(tmp);
}

struct seen {
	struct strbuf sb;
};

static int cfg_cb(const struct cfg_line *l, void *ctx)
{
	struct seen *s = ctx;

	strbuf_addf(&s->sb, "%u:%.*s=%.*s|", l->line, (int)l->key_len, l->key, (int)l->val_len, l->val);
	return 0;
}

static void test_parsers_each_syntax(void)
{
	struct seen s = { STRBUF_INIT };
	const char *sshd = "# c\nPort=2222\n  PermitRootLogin \"no\"\r\nMatch User x\n";
	const char *ini = "[Other]\nNTP=a\n[Time]\nNTP=b c\n";
	const char *sh = "readonly TMOUT=600; export TMOUT\ndeclare -r X='1 2'\n";
	const char *eq = "-net.ipv4.ip_forward = 1\n; comment\nkernel.x=2\n";

	cfg_parse(CFG_SSHD, sshd, strlen(sshd), NULL, cfg_cb, &s);
	CU_ASSERT_STRING_EQUAL(s.sb.buf, "2:Port=2222|3:PermitRootLogin=no|4:Match=User x|");
	strbuf_reset(&s.sb);
	cfg_parse(CFG_INI, ini, strlen(ini), "Time", cfg_cb, &s);
	CU_ASSERT_STRING_EQUAL(s.sb.buf, "4:NTP=b c|");
	strbuf_reset(&s.sb);
	cfg_parse(CFG_SHELL, sh, strlen(sh), NULL, cfg_cb, &s);
	CU_ASSERT_STRING_EQUAL(s.sb.buf, "1:TMOUT=600|2:X=1 2|");
	strbuf_reset(&s.sb);
	cfg_parse(CFG_EQUALS, eq, strlen(eq), NULL, cfg_cb, &s);
	CU_ASSERT_STRING_EQUAL(s.sb.buf, "1:net.ipv4.ip_forward=1|3:kernel.x=2|");
	strbuf_release(&s.sb);
}

static int sudo_cb(const struct sudo_line *l, void *ctx)
{
	struct seen *s = ctx;
	bool full, nopw;

	if (l->kind == SUDO_SPEC) {
		sudo_spec_grants(l->rest, &full, &nopw);
		strbuf_addf(&s->sb, "%u:%s:%d%d|", l->line, l->arg, full, nopw);
	} else {
		strbuf_addf(&s->sb, "%u:k%d:%s|", l->line, (int)l->kind, l->arg ? l->arg : "");
	}
	return 0;
}

static void test_parsers_sudoers_and_logrotate(void)
{
	struct seen s = { STRBUF_INIT };
	const char *sudo = "# include nothing\n#includedir /etc/sudoers.d\nbob ALL=(ALL) NOPASSWD: /bin/ls, \\\n"
			   "  PASSWD: ALL\nann ALL = NOPASSWD: ALL\n";
	const char *lr = "weekly\nrotate 4\n\"/var/log/a.log\" /var/log/b*.log {\n daily\n rotate 200\n"
			 " postrotate\n  rotate 1\n endscript\n}\n/var/log/c { monthly }\n";
	struct lr_state st;

	sudo_parse(sudo, strlen(sudo), sudo_cb, &s);
	CU_ASSERT_STRING_EQUAL(s.sb.buf, "2:k1:/etc/sudoers.d|3:bob:10|5:ann:11|");
	strbuf_release(&s.sb);
	lr_init(&st);
	lr_parse(&st, "lr", lr, strlen(lr), 0, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(st.n_stanzas, 2);
	CU_ASSERT_EQUAL(st.stanzas[0].n_patterns, 2);
	CU_ASSERT_STRING_EQUAL(st.stanzas[0].patterns[0], "/var/log/a.log");
	CU_ASSERT_EQUAL(st.stanzas[0].s.rotate, 200);
	CU_ASSERT_EQUAL(st.stanzas[0].s.period, 1);
	CU_ASSERT_EQUAL(st.stanzas[1].s.period, 31);
	CU_ASSERT_EQUAL(st.stanzas[1].s.rotate, 4);
	lr_release(&st);
}

static void test_probe_json_round_trip(void)
{
	char *tmp, *root = prepare("weak", &tmp);
	struct mlps_probe_run *r = run_on(root, true, false), *back;
	struct mlps_error err;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char *json;
	size_t skipped;

	json = mlps_probe_to_json(r);
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"schema\": \"mlps-probe/1\""));
	mlps_error_init(&err);
	back = mlps_probe_from_json(shipped, "x.json", json, strlen(json), &skipped, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(skipped, 0);
	table(r, &a);
	table(back, &b);
	CU_ASSERT_STRING_EQUAL(a.buf, b.buf);
	CU_ASSERT_STRING_EQUAL(item(back, "ssh-root-login")->evidence, item(r, "ssh-root-login")->evidence);
	mlps_probe_free(back);
	back = mlps_probe_from_json(shipped, "x.json", "{\"schema\":\"other\"}", 18, &skipped, &err);
	CU_ASSERT_PTR_NULL(back);
	mlps_error_release(&err);
	strbuf_release(&a);
	strbuf_release(&b);
	free(json);
	mlps_probe_free(r);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

/* Runs the binary with MLPS_DB set; returns stdout (caller frees). */
static char *mlps(const char *db, int *status, const char *const *argv)
{
	struct strbuf env = STRBUF_INIT;
	const char *envv[3];
	struct run r;
	char *out;

	strbuf_addf(&env, "MLPS_DB=%s", db);
	envv[0] = env.buf;
	envv[1] = "MLPS_NOW=2026-01-02T03:04:05Z";
	envv[2] = NULL;
	run_mlps(&r, envv, argv);
	*status = r.status;
	if (r.status)
		fprintf(stderr, "%s", r.err);
	out = mlps_strdup(r.out);
	run_free(&r);
	strbuf_release(&env);
	return out;
}

static void test_probe_answers_preview_apply_and_persons_answers(void)
{
	char *tmp, *root = prepare("weak", &tmp), *db = path_join(tmp, "t.db"), *out;
	struct mlps_store *st;
	struct mlps_error err;
	struct mlps_assessment *a;
	const struct mlps_answer *ans;
	int status;
	long long logs;

	out = mlps(db, &status, (const char *const[]){ "new", "--system", "S", "--level", "3", "--object",
						       "server:web01", "--object", "database:db1", NULL });
	CU_ASSERT_EQUAL_FATAL(status, 0);
	free(out);
	/* A person's answer first. */
	out = mlps(db, &status, (const char *const[]){ "answer", "1", "L3-CES1-06", "compliant", "--object", "web01",
						       NULL });
	CU_ASSERT_EQUAL(status, 0);
	free(out);
	/* Preview: nothing written. */
	out = mlps(db, &status, (const char *const[]){ "--lang", "en", "probe", "--root", root, "--assessment", "1",
						       "--object", "web01", NULL });
	CU_ASSERT_EQUAL(status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "(preview; --apply writes them)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "L3-CES1-06   Non-compliant  kept: a person answered Compliant"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "L3-CES1-04   Non-compliant  to confirm"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "L3-CES1-27   evidence only"));
	free(out);
	st = open_store(db);
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), 1);
	mlps_store_close(st);
	/* The wrong kind of object is refused. */
	out = mlps(db, &status, (const char *const[]){ "probe", "--root", root, "--assessment", "1", "--object",
						       "db1", NULL });
	CU_ASSERT_EQUAL(status, 2);
	free(out);
	/* Apply: written, to confirm, by the probe; the person's answer kept. */
	out = mlps(db, &status, (const char *const[]){ "--lang", "en", "probe", "--root", root, "--assessment", "1",
						       "--object", "web01", "--apply", NULL });
	CU_ASSERT_EQUAL(status, 0);
	free(out);
	st = open_store(db);
	a = mlps_store_load(st, 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	ans = mlps_assessment_answer(a, "ces.ia.a", "web01");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ans);
	/* Five checks fail and one is partial: mixed results propose partial. */
	CU_ASSERT_EQUAL(ans->status, MLPS_ST_PARTIAL);
	CU_ASSERT(ans->to_confirm);
	CU_ASSERT(mlps_probe_wrote(ans->who));
	CU_ASSERT_PTR_NOT_NULL(strstr(ans->evidence, "/etc/passwd: line 5: test has an empty password field"));
	ans = mlps_assessment_answer(a, "ces.ac.b", "web01");
	CU_ASSERT_EQUAL(ans->status, MLPS_ST_COMPLIANT);
	CU_ASSERT(!mlps_probe_wrote(ans->who));
	CU_ASSERT_PTR_NULL(mlps_assessment_answer(a, "ces.integrity.a", "web01"));
	logs = mlps_store_log_count(st, 1, &err);
	CU_ASSERT(logs > 15);
	mlps_assessment_free(a);
	mlps_store_close(st);
	/* A second apply changes nothing: no new log lines. */
	out = mlps(db, &status, (const char *const[]){ "--lang", "en", "probe", "--root", root, "--assessment",
						       "1", "--object", "web01", "--apply", NULL });
	CU_ASSERT_EQUAL(status, 0);
	free(out);
	st = open_store(db);
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), logs);
	mlps_store_close(st);
	/* --overwrite replaces the person's answer, logged as the probe. */
	out = mlps(db, &status, (const char *const[]){ "--lang", "en", "probe", "--root", root, "--assessment",
						       "1", "--object", "web01", "--apply", "--overwrite", NULL });
	CU_ASSERT_EQUAL(status, 0);
	free(out);
	st = open_store(db);
	a = mlps_store_load(st, 1, &err);
	ans = mlps_assessment_answer(a, "ces.ac.b", "web01");
	CU_ASSERT_EQUAL(ans->status, MLPS_ST_NONCOMPLIANT);
	CU_ASSERT(mlps_probe_wrote(ans->who));
	CU_ASSERT_EQUAL(mlps_store_log_count(st, 1, &err), logs + 1);
	mlps_assessment_free(a);
	mlps_store_close(st);
	/* The log line names the probe as the writer, with the old and new status. */
	{
		sqlite3 *h;
		sqlite3_stmt *q;

		CU_ASSERT_EQUAL_FATAL(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
		CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(h, "SELECT who, old_status, new_status FROM answer_log "
							 "WHERE req_key = 'ces.ac.b' ORDER BY rowid DESC LIMIT 1",
							 -1, &q, NULL), SQLITE_OK);
		CU_ASSERT_EQUAL(sqlite3_step(q), SQLITE_ROW);
		CU_ASSERT_NSTRING_EQUAL((const char *)sqlite3_column_text(q, 0), "mlps-probe (", 12);
		CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(q, 1), "compliant");
		CU_ASSERT_STRING_EQUAL((const char *)sqlite3_column_text(q, 2), "noncompliant");
		sqlite3_finalize(q);
		sqlite3_close(h);
	}
	mlps_error_release(&err);
	free(db);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_probe_import_applies_elsewhere(void)
{
	char *tmp, *root = prepare("weak", &tmp), *db = path_join(tmp, "t.db"), *json, *jpath = path_join(tmp, "p.json");
	struct mlps_store *st;
	struct mlps_error err;
	struct mlps_assessment *a;
	int status;

	json = mlps(db, &status, (const char *const[]){ "probe", "--root", root, "--format", "json", NULL });
	CU_ASSERT_EQUAL_FATAL(status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"/etc/ssh/sshd_config:3: PermitRootLogin yes\""));
	write_file(jpath, json, strlen(json));
	free(json);
	json = mlps(db, &status, (const char *const[]){ "new", "--system", "S", "--level", "3", "--object",
							"server:web01", NULL });
	free(json);
	json = mlps(db, &status, (const char *const[]){ "probe", "--import", jpath, "--assessment", "1", "--object",
							"web01", "--apply", NULL });
	CU_ASSERT_EQUAL(status, 0);
	free(json);
	st = open_store(db);
	mlps_error_init(&err);
	a = mlps_store_load(st, 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL(mlps_assessment_answer(a, "ces.ac.b", "web01"));
	mlps_assessment_free(a);
	mlps_store_close(st);
	mlps_error_release(&err);
	free(db);
	free(jpath);
	remove_tree(tmp);
	free(tmp);
	free(root);
}

static void test_probe_live_machine_every_check_answers_or_says_why(void)
{
	struct mlps_probe_opts o;
	struct mlps_error err;
	struct mlps_probe_run *r;
	size_t i;

	memset(&o, 0, sizeof(o));
	mlps_error_init(&err);
	r = mlps_probe_run(shipped, &o, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->n_items, mlps_catalog_n_checks(shipped));
	for (i = 0; i < r->n_items; i++) {
		const struct mlps_probe_item *it = &r->items[i];

		CU_ASSERT(it->result < MLPS_PR_COUNT);
		if (it->result == MLPS_PR_NOT_CHECKED) {
			CU_ASSERT(it->reason && *it->reason);
		} else {
			CU_ASSERT(it->evidence && *it->evidence);
		}
	}
	mlps_probe_free(r);
	mlps_error_release(&err);
}

/* The promise of the issue, checked on the source: no way to run a program from probe/. */
static void test_probe_source_never_executes(void)
{
	static const char *const files[] = { "fsroot.c", "parse.c", "probe.c", "propose.c", "probe_json.c" };
	static const char *const banned[] = { "execv", "execl", "execve", "system(", "popen(", "fork(",
					      "posix_spawn", "dlopen", "<spawn.h>" };
	size_t i, j;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct strbuf p = STRBUF_INIT;
		char *src;

		strbuf_addf(&p, "%s/../../probe/%s", MLPS_FIXTURES, files[i]);
		src = slurp(p.buf);
		CU_ASSERT_PTR_NOT_NULL_FATAL(src);
		for (j = 0; j < sizeof(banned) / sizeof(banned[0]); j++) {
			if (strstr(src, banned[j]))
				fprintf(stderr, "%s: '%s'\n", files[i], banned[j]);
			CU_ASSERT_PTR_NULL(strstr(src, banned[j]));
		}
		free(src);
		strbuf_release(&p);
	}
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "test_checks_shipped_cover_level3_server_items", test_checks_shipped_cover_level3_server_items },
		{ "test_checks_rejected_with_positions", test_checks_rejected_with_positions },
		{ "test_checks_do_not_change_the_set_hash", test_checks_do_not_change_the_set_hash },
		{ "test_parsers_each_syntax", test_parsers_each_syntax },
		{ "test_parsers_sudoers_and_logrotate", test_parsers_sudoers_and_logrotate },
		{ "test_probe_hardened_host_passes_every_check", test_probe_hardened_host_passes_every_check },
		{ "test_probe_default_install_table", test_probe_default_install_table },
		{ "test_probe_weak_host_shows_every_classic_mistake", test_probe_weak_host_shows_every_classic_mistake },
		{ "test_probe_weak_evidence_has_file_and_line", test_probe_weak_evidence_has_file_and_line },
		{ "test_probe_sshd_include_first_match_and_match_block",
		  test_probe_sshd_include_first_match_and_match_block },
		{ "test_probe_root_marks_live_only_checks_not_checked", test_probe_root_marks_live_only_checks_not_checked },
		{ "test_probe_symlinks_never_leave_the_root", test_probe_symlinks_never_leave_the_root },
		{ "test_probe_fifo_is_never_opened", test_probe_fifo_is_never_opened },
		{ "test_probe_oversized_file_is_refused", test_probe_oversized_file_is_refused },
		{ "test_probe_unreadable_file_says_why", test_probe_unreadable_file_says_why },
		{ "test_probe_json_round_trip", test_probe_json_round_trip },
		{ "test_probe_answers_preview_apply_and_persons_answers",
		  test_probe_answers_preview_apply_and_persons_answers },
		{ "test_probe_import_applies_elsewhere", test_probe_import_applies_elsewhere },
		{ "test_probe_live_machine_every_check_answers_or_says_why",
		  test_probe_live_machine_every_check_answers_or_says_why },
		{ "test_probe_source_never_executes", test_probe_source_never_executes },
		CU_TEST_INFO_NULL,
	};
	int rc;

	if (setup())
		return 1;
	rc = test_main("probe", tests);
	teardown();
	return rc;
}
