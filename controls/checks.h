/*
 * checks.h - probe check definitions (mlps-checks: 1), part of a profile set.
 *
 * A check is data: which requirement(s) it supports, on which object kind,
 * the GB/T 28448 step it serves, what it cannot see, one probe primitive
 * with its parameters, and how the primitive's outcome (pass / partial /
 * fail) maps to an answer status with an explanation. The primitives are a
 * fixed set implemented in probe/; this header only names them and the
 * parameters each accepts, so that the catalogue loader can validate a
 * checks file with file:line:column positions without knowing any probe
 * code. Nothing in a check can name a program to run: there is no such
 * primitive and no such parameter.
 *
 * Checks live in the catalogue's arena like everything else loaded from the
 * set (docs/profile-format.md, "Check files"); pointers are borrowed.
 */
#ifndef MLPS_CHECKS_H
#define MLPS_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"

/* The fixed set of probe primitives (probe/probe.c implements each). */
enum mlps_primitive {
	MLPS_PRIM_FILE = 0,     /* exists / type / owner / group / mode of paths */
	MLPS_PRIM_SETTING,      /* one key of a config file, in that file's own syntax */
	MLPS_PRIM_PAM,          /* a module in a PAM stack, with include/substack */
	MLPS_PRIM_ACCOUNTS,     /* passwd / shadow / group tests */
	MLPS_PRIM_AUDIT_RULES,  /* audit rules: watched paths, syscalls, immutability */
	MLPS_PRIM_SUDOERS,      /* sudoers grants, read without executing anything */
	MLPS_PRIM_LOGROTATE,    /* retention of a log under logrotate */
	MLPS_PRIM_TEXT,         /* fixed strings on non-comment lines */
	MLPS_PRIM_SOCKETS,      /* listening sockets from /proc/net (live only) */
	MLPS_PRIM_PROCESSES,    /* running processes by name from /proc (live only) */
	MLPS_PRIM_PACKAGES,     /* installed packages from the dpkg status file */
	MLPS_PRIM_LSM,          /* SELinux / AppArmor state from /sys */
	MLPS_PRIM_IMA,          /* IMA measurement and secure boot state from /sys */
	MLPS_PRIM_COUNT
};

/* What a primitive found, before any mapping. */
enum mlps_outcome { MLPS_OUT_PASS = 0, MLPS_OUT_PARTIAL, MLPS_OUT_FAIL, MLPS_OUT_COUNT };

/* One parameter of a check: a scalar is a list of one value. */
struct mlps_check_arg {
	const char *name;
	const char *const *v;
	size_t n;
};

struct mlps_check {
	const char *id;                         /* unique in the set: ssh-root-login */
	const char *const *req_keys;            /* requirement keys, as written */
	const struct mlps_requirement **reqs;   /* resolved; NULL entries in a lone checks file */
	size_t n_reqs;
	const char *kind;                       /* object kind the check answers for (server) */
	const char *group;                      /* alternatives: the best of a group counts; NULL */
	struct mlps_text title;
	struct mlps_text step;                  /* the GB/T 28448 step it supports */
	struct mlps_text blind;                 /* what it cannot see */
	enum mlps_primitive prim;
	const struct mlps_check_arg *args;
	size_t n_args;
	struct mlps_text explain[MLPS_OUT_COUNT];       /* partial may be {NULL, NULL} */
	enum mlps_status status[MLPS_OUT_COUNT];        /* outcome -> proposed answer */
	const char *file;                       /* where it was defined */
	unsigned line, col;
};

size_t mlps_catalog_n_checks(const struct mlps_catalog *cat);
const struct mlps_check *mlps_catalog_check(const struct mlps_catalog *cat, size_t i);
const struct mlps_check *mlps_catalog_find_check(const struct mlps_catalog *cat, const char *id);

/* A parameter by name, or NULL; mlps_check_str is its first value (or NULL). */
const struct mlps_check_arg *mlps_check_get(const struct mlps_check *c, const char *name);
const char *mlps_check_str(const struct mlps_check *c, const char *name);

const char *mlps_primitive_name(enum mlps_primitive p);
/* Primitives that see only the running host (/proc): not checked under --root. */
bool mlps_primitive_live_only(enum mlps_primitive p);
const char *mlps_outcome_name(enum mlps_outcome o);

#endif
