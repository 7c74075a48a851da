/*
 * test_usertext.c - text typed by people, on its way in and out: the 64 KiB
 * cap, control characters shown as \xNN (and counted as four columns), error
 * messages kept to one line, linear wrapping of a huge note, and temporary
 * files removed on every exit path (issue 20, items 1, 4, 9 and 11).
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "testutil.h"
#include "usertext.h"
#include "utf8.h"
#include "util.h"

static void test_text_cap_refuses_more_than_64_kib_naming_the_field(void)
{
	struct mlps_error err;
	char *big = mlps_malloc(MLPS_TEXT_MAX + 2);

	memset(big, 'a', MLPS_TEXT_MAX);
	big[MLPS_TEXT_MAX] = '\0';
	mlps_error_init(&err);
	CU_ASSERT_EQUAL(mlps_text_check_size("note", big, &err), 0);
	CU_ASSERT_EQUAL(mlps_text_check_size("note", NULL, &err), 0);
	CU_ASSERT_EQUAL(err.count, 0);
	big[MLPS_TEXT_MAX] = 'a';
	big[MLPS_TEXT_MAX + 1] = '\0';
	CU_ASSERT_EQUAL(mlps_text_check_size("answer: --note", big, &err), -1);
	CU_ASSERT_EQUAL(err.kind, MLPS_ERR_INPUT);
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err),
			       "answer: --note: 65537 bytes is more than the limit of 65536 bytes (64 KiB)");
	mlps_error_release(&err);
	free(big);
}

static void test_visible_shows_c0_c1_and_esc_as_hex(void)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *plain = "网上银行 plain\ttext";

	/* Clean text comes back as it is, without a copy. */
	CU_ASSERT_PTR_EQUAL(mlps_visible(&tmp, plain, MLPS_VIS_MULTILINE), plain);
	CU_ASSERT_STRING_EQUAL(mlps_visible(&tmp, "a\033]0;x\007b", 0), "a\\x1b]0;x\\x07b");
	/* C1: U+009B (CSI) and U+0085 (NEL), DEL, and a byte that is not UTF-8. */
	CU_ASSERT_STRING_EQUAL(mlps_visible(&tmp, "\xc2\x9b" "2J\xc2\x85\x7f|\xff|", 0),
			       "\\x9b2J\\x85\\x7f|\xEF\xBF\xBD|");
	/* A single-line field keeps its line; a multi-line text keeps LF and TAB, CRLF becomes LF. */
	CU_ASSERT_STRING_EQUAL(mlps_visible(&tmp, "a\nb\tc\r\nd\re", 0), "a\\x0ab\\x09c\\x0d\\x0ad\\x0de");
	CU_ASSERT_STRING_EQUAL(mlps_visible(&tmp, "a\nb\tc\r\nd\re", MLPS_VIS_MULTILINE), "a\nb\tc\nd\\x0de");
	CU_ASSERT_STRING_EQUAL(mlps_visible(&tmp, "中\x1b文", 0), "中\\x1b文");
	CU_ASSERT_FALSE(mlps_visible_clean("x\x1b", 2, MLPS_VIS_MULTILINE));
	CU_ASSERT_TRUE(mlps_visible_clean("中文\n", strlen("中文\n"), MLPS_VIS_MULTILINE));
	strbuf_release(&tmp);
}

static void test_controls_count_as_the_four_columns_they_are_shown_in(void)
{
	struct strbuf out = STRBUF_INIT, vis = STRBUF_INIT;

	CU_ASSERT_EQUAL(mlps_cp_width(0x1b), 4);
	CU_ASSERT_EQUAL(mlps_cp_width(0x9b), 4);
	CU_ASSERT_EQUAL(mlps_cp_width(0x7f), 4);
	CU_ASSERT_EQUAL(mlps_utf8_width("ab\x1b"), 6);
	/* Padded to 10 columns, a name with an escape is 10 columns once shown. */
	mlps_utf8_pad(&out, "ab\x1b", 10);
	CU_ASSERT_STRING_EQUAL(out.buf, "ab\x1b    ");
	CU_ASSERT_STRING_EQUAL(mlps_visible(&vis, out.buf, 0), "ab\\x1b    ");
	strbuf_release(&out);
	strbuf_release(&vis);
}

static void test_error_message_is_one_line_whatever_it_quotes(void)
{
	struct mlps_error err;

	mlps_error_init(&err);
	/* The key of yaml-test-suite case 6SLA. */
	mlps_error_at(&err, "p/a.yaml", 2, 1, "unknown key '%s'", "foo\nbar:baz\tx \\$%^&*()x");
	mlps_error_set(&err, MLPS_ERR_INPUT, "%s: cannot open", "dir\033[2J/x.yaml");
	CU_ASSERT_STRING_EQUAL(mlps_error_message(&err),
			       "p/a.yaml:2:1: unknown key 'foo\\x0abar:baz\\x09x \\$%^&*()x'\n"
			       "dir\\x1b[2J/x.yaml: cannot open");
	mlps_error_release(&err);
}

/* A Chinese note of about `bytes` bytes; caller frees. */
static char *chinese(size_t bytes)
{
	struct strbuf sb = STRBUF_INIT;

	while (sb.len < bytes)
		strbuf_adds(&sb, "机房出入口配置电子门禁系统，控制、鉴别和记录进入的人员。");
	return strbuf_detach(&sb, NULL);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_wrap_is_linear_in_the_length_of_the_note(void)
{
	/*
	 * 4 MiB took 128 s when every token rescanned the rest of the text; now
	 * it is tens of ms (a few hundred under the sanitizers). Ten seconds
	 * leaves room for a loaded machine and still catches a quadratic walk.
	 */
	char *note = chinese(4u << 20);
	struct strbuf out = STRBUF_INIT;
	double t0 = now(), t;

	mlps_utf8_wrap(&out, note, 80, 0, 0);
	t = now() - t0;
	CU_ASSERT(t < 10.0);
	/* Every line but the last is full: 40 Chinese characters, 80 columns. */
	CU_ASSERT_EQUAL(strncmp(out.buf, note, 120), 0);
	CU_ASSERT_EQUAL(out.buf[120], '\n');
	strbuf_release(&out);
	free(note);
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void test_tracked_temp_file_is_removed_by_tmpfiles_remove(void)
{
	char *dir = make_temp_dir();
	char *tmpl = path_join(dir, "r.txt.tmp-XXXXXX");
	struct stat st;
	int fd = mlps_tmpfile_open(tmpl);

	CU_ASSERT(fd >= 0);
	CU_ASSERT(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600);
	close(fd);
	CU_ASSERT_TRUE(exists(tmpl));
	mlps_tmpfiles_remove();
	CU_ASSERT_FALSE(exists(tmpl));
	/* Forgotten (renamed) files are left alone. */
	free(tmpl);
	tmpl = path_join(dir, "r.txt.tmp-XXXXXX");
	fd = mlps_tmpfile_open(tmpl);
	CU_ASSERT(fd >= 0);
	close(fd);
	mlps_tmpfile_forget(tmpl);
	mlps_tmpfiles_remove();
	CU_ASSERT_TRUE(exists(tmpl));
	unlink(tmpl);
	free(tmpl);
	remove_tree(dir);
	free(dir);
}

/*
 * In a child limited by `ulimit -f` (RLIMIT_FSIZE) with SIGXFSZ ignored, as
 * cli/ sets it up: the write fails with EFBIG, nothing is left behind, and
 * the error says why.
 */
static void test_write_past_file_size_limit_fails_cleanly_with_no_temp_file(void)
{
	char *dir = make_temp_dir(), *path = path_join(dir, "big.txt");
	char *data = mlps_calloc(1, 1 << 20);
	int pfd[2], status;
	char msg[512] = "";
	ssize_t n;
	pid_t pid;

	CU_ASSERT_EQUAL(pipe(pfd), 0);
	pid = fork();
	if (pid == 0) {
		struct rlimit rl = { 64 * 1024, 64 * 1024 };
		struct mlps_error err;

		close(pfd[0]);
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		mlps_error_init(&err);
		if (mlps_write_file_atomic(path, data, 1 << 20, false, &err) == 0)
			_exit(3);
		if (write(pfd[1], mlps_error_message(&err), err.msg.len) < 0)
			_exit(4);
		_exit(0);
	}
	close(pfd[1]);
	n = read(pfd[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(pfd[0]);
	waitpid(pid, &status, 0);
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "big.txt: write failed: File too large"));
	{
		struct strbuf cmd = STRBUF_INIT;
		FILE *p;
		char line[256];

		strbuf_addf(&cmd, "ls -A '%s'", dir);
		p = popen(cmd.buf, "r");
		CU_ASSERT_PTR_NULL(fgets(line, sizeof(line), p));   /* the directory is empty */
		pclose(p);
		strbuf_release(&cmd);
	}
	free(data);
	free(path);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "cap 64 KiB", test_text_cap_refuses_more_than_64_kib_naming_the_field },
		{ "visible controls", test_visible_shows_c0_c1_and_esc_as_hex },
		{ "control width", test_controls_count_as_the_four_columns_they_are_shown_in },
		{ "error one line", test_error_message_is_one_line_whatever_it_quotes },
		{ "wrap linear", test_wrap_is_linear_in_the_length_of_the_note },
		{ "tmpfile removed", test_tracked_temp_file_is_removed_by_tmpfiles_remove },
		{ "ulimit -f", test_write_past_file_size_limit_fails_cleanly_with_no_temp_file },
		CU_TEST_INFO_NULL,
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	return test_main("usertext", tests);
}
