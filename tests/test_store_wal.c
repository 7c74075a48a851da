/*
 * test_store_wal.c - the write-ahead log is kept between processes (one
 * fdatasync per answer instead of five; `make bench` counts them): closing
 * leaves the log in place, and an answer is still durable the moment its
 * save returns, even when the process then dies without closing anything.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "testutil.h"

static char *dir;

static long long create(struct mlps_store *st)
{
	struct mlps_assessment a;
	struct mlps_error err;

	memset(&a, 0, sizeof(a));
	mlps_error_init(&err);
	a.sys.name = (char *)"系统甲";
	a.level = 3;
	a.ext = MLPS_EXT_BIT(MLPS_EXT_GENERAL);
	a.profile_hash = (char *)"0123456789abcdef";
	a.rules_id = (char *)"rules-x";
	CU_ASSERT_EQUAL(mlps_store_create(st, &a, &err), 0);
	free(a.created);
	free(a.updated);
	mlps_error_release(&err);
	return a.id;
}

static int save(struct mlps_store *st, long long id, const char *key, enum mlps_status status)
{
	struct mlps_answer ans;
	struct mlps_error err;
	int rc;

	memset(&ans, 0, sizeof(ans));
	ans.key = (char *)key;
	ans.status = status;
	mlps_error_init(&err);
	rc = mlps_store_save_answer(st, id, &ans, "tester", &err);
	mlps_error_release(&err);
	return rc;
}

static enum mlps_status stored(const char *path, long long id, const char *key)
{
	struct mlps_store *st = open_store(path);
	struct mlps_assessment *a;
	struct mlps_error err;
	enum mlps_status s = MLPS_ST_COUNT;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	mlps_error_init(&err);
	a = mlps_store_load(st, id, &err);
	if (a && mlps_assessment_answer(a, key, NULL))
		s = mlps_assessment_answer(a, key, NULL)->status;
	mlps_assessment_free(a);
	mlps_error_release(&err);
	mlps_store_close(st);
	return s;
}

static void test_store_keeps_the_log_when_closed(void)
{
	char *path = path_join(dir, "keep.db"), *wal = path_join(dir, "keep.db-wal");
	struct mlps_store *st = open_store(path);
	struct stat sb;
	long long id;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	id = create(st);
	CU_ASSERT_EQUAL(save(st, id, "ces.ia.a", MLPS_ST_PARTIAL), 0);
	mlps_store_close(st);
	CU_ASSERT_EQUAL(stat(wal, &sb), 0);
	CU_ASSERT(sb.st_size > 0);
	CU_ASSERT_EQUAL(stored(path, id, "ces.ia.a"), MLPS_ST_PARTIAL);
	free(wal);
	free(path);
}

static void test_store_answer_is_durable_when_save_returns_without_close(void)
{
	char *path = path_join(dir, "kill.db");
	struct mlps_store *st = open_store(path);
	long long id;
	pid_t kid;
	int status;

	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	id = create(st);
	mlps_store_close(st);
	fflush(NULL);
	kid = fork();
	CU_ASSERT_FATAL(kid >= 0);
	if (kid == 0) {
		struct mlps_store *mine = open_store(path);

		if (!mine || save(mine, id, "ces.ia.b", MLPS_ST_NONCOMPLIANT))
			_exit(1);
		/* Dies at once: no close, no checkpoint, no exit handlers. */
		kill(getpid(), SIGKILL);
		_exit(2);
	}
	waitpid(kid, &status, 0);
	CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CU_ASSERT_EQUAL(stored(path, id, "ces.ia.b"), MLPS_ST_NONCOMPLIANT);
	free(path);
}

int main(void)
{
	static const CU_TestInfo tests[] = {
		{ "keeps the log when closed", test_store_keeps_the_log_when_closed },
		{ "answer is durable when save returns, without close",
		  test_store_answer_is_durable_when_save_returns_without_close },
		CU_TEST_INFO_NULL,
	};
	int status;

	dir = make_temp_dir();
	status = test_main("store_wal", tests);
	remove_tree(dir);
	free(dir);
	return status;
}
