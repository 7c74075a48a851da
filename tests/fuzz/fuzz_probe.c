/*
 * fuzz_probe.c - libFuzzer harness for the probe's config parsers
 * (probe/parse.h): the first byte picks the parser, the rest is the file.
 * 0 sshd_config, 1 login.defs (keyword), 2 PAM service file, 3 logrotate
 * (with include re-entering the parser), 4 sysctl.d / auditd.conf (equals),
 * 5 systemd ini, 6 shell profile, 7 sudoers, 8 audit rules. Seeds in
 * corpus/fuzz_probe/ are the fixture hosts' files with their selector byte.
 * One harness for all of them keeps the smoke stage of `make test` as long
 * as it was (harnesses run two at a time).
 *
 * Any bytes must parse without a crash, a leak or a read past the buffer:
 * the buffer handed to each parser is an exact-size copy, so ASan sees it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t sink;

static int on_cfg(const struct cfg_line *l, void *ctx)
{
	(void)ctx;
	sink += l->key_len + l->val_len + l->text_len + (l->key_len ? (unsigned char)l->key[0] : 0) +
		(l->val_len ? (unsigned char)l->val[l->val_len - 1] : 0);
	return 0;
}

static int on_pam(const struct pam_line *l, void *ctx)
{
	const char *v;
	size_t vl;

	(void)ctx;
	sink += l->type_len + l->control_len + l->module_len + l->args_len;
	if (l->args && pam_arg(l->args, l->args_len, "minlen", &v, &vl))
		sink += vl;
	if (l->args && pam_arg(l->args, l->args_len, "deny", &v, &vl))
		sink += vl;
	return 0;
}

static int on_tokens(const struct tokens *t, void *ctx)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < t->n; i++)
		sink += t->len[i] + (unsigned char)t->p[i][0];
	return 0;
}

static int on_sudo(const struct sudo_line *l, void *ctx)
{
	bool full, nopw;

	(void)ctx;
	sink += strlen(l->text) + (l->arg ? strlen(l->arg) : 0);
	if (l->kind == SUDO_SPEC) {
		sudo_spec_grants(l->rest, &full, &nopw);
		sink += full + nopw;
	}
	return 0;
}

static const uint8_t *lr_data;
static size_t lr_size;

/* An include parses the same bytes again, a level deeper: the depth limit must hold. */
static void on_include(const char *path, struct lr_state *st, void *ctx)
{
	int *depth = ctx;

	sink += strlen(path);
	if (*depth >= 3)
		return;
	(*depth)++;
	lr_parse(st, path, (const char *)lr_data, lr_size, *depth, on_include, ctx);
	(*depth)--;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf;
	int depth = 0;
	struct lr_state st;

	if (size < 1)
		return 0;
	buf = malloc(size - 1 ? size - 1 : 1);
	memcpy(buf, data + 1, size - 1);
	switch (data[0] % 9) {
	case 0:
		cfg_parse(CFG_SSHD, buf, size - 1, NULL, on_cfg, NULL);
		break;
	case 1:
		cfg_parse(CFG_KEYWORD, buf, size - 1, NULL, on_cfg, NULL);
		break;
	case 2:
		pam_parse(buf, size - 1, on_pam, NULL);
		break;
	case 3:
		lr_data = (const uint8_t *)buf;
		lr_size = size - 1;
		lr_init(&st);
		lr_parse(&st, "fuzz", buf, size - 1, 0, on_include, &depth);
		lr_release(&st);
		break;
	case 4:
		cfg_parse(CFG_EQUALS, buf, size - 1, NULL, on_cfg, NULL);
		break;
	case 5:
		cfg_parse(CFG_INI, buf, size - 1, "Time", on_cfg, NULL);
		break;
	case 6:
		cfg_parse(CFG_SHELL, buf, size - 1, NULL, on_cfg, NULL);
		break;
	case 7:
		sudo_parse(buf, size - 1, on_sudo, NULL);
		break;
	default:
		audit_parse(buf, size - 1, on_tokens, NULL);
		break;
	}
	free(buf);
	return 0;
}
