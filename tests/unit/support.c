/*
 * Test support shared by the Check suites in tests/unit.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _XOPEN_SOURCE 700
#include "support.h"

#include "core/core.h"

#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *sm_test_join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *p = malloc(n);
	ck_assert_ptr_nonnull(p);
	snprintf(p, n, "%s/%s", a, b);
	return p;
}

char *sm_test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *templ = sm_test_join(base && *base ? base : "/tmp", "stakemap-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(templ));
	return templ;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void sm_test_rmtree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *sm_test_write(const char *dir, const char *name, const char *text)
{
	char *path = sm_test_join(dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	size_t n = strlen(text);
	ck_assert_uint_eq(fwrite(text, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

char *sm_test_read(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(f);
	buf[len] = '\0';
	if (size)
		*size = len;
	return buf;
}

char *sm_test_data(const char *relative)
{
	return sm_test_join(SM_TEST_DATA, relative);
}

int64_t sm_test_alloc_failures(sm_test_alloc_call call, void (*release)(void *), void *ctx,
                               int64_t limit)
{
	int rc = SM_ENOMEM;
	int64_t k;
	for (k = 0; k < limit && rc == SM_ENOMEM; k++) {
		void *out = NULL;
		sm_alloc_fail_after(k);
		rc = call(ctx, &out);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK) {
			ck_assert_ptr_nonnull(out);
			release(out);
		} else {
			ck_assert_msg(rc == SM_ENOMEM, "allocation %lld failed with %d: %s",
			              (long long)k, rc, sm_error_last()->message);
			ck_assert_ptr_null(out);
		}
	}
	ck_assert_int_eq(rc, SM_OK);
	return k;
}
