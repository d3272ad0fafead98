/*
 * Test support shared by the Check suites in tests/unit.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SM_TEST_SUPPORT_H
#define SM_TEST_SUPPORT_H

#include <check.h>
#include <stddef.h>
#include <stdlib.h>

#include "stakemap.h"

/* Each test file ends with SM_TEST_MAIN(network_suite) and so on. */
#define SM_TEST_MAIN(suite_fn)                                                           \
	int main(void)                                                                       \
	{                                                                                    \
		SRunner *sr = srunner_create(suite_fn());                                        \
		srunner_run_all(sr, CK_NORMAL);                                                  \
		int failed = srunner_ntests_failed(sr);                                          \
		srunner_free(sr);                                                                \
		return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                                \
	}

/* Assert a call returned SM_OK, printing the last error otherwise. */
#define sm_assert_ok(call)                                                               \
	do {                                                                                 \
		int sm_rc_ = (call);                                                             \
		ck_assert_msg(sm_rc_ == SM_OK, "%s returned %d: %s", #call, sm_rc_,              \
		              sm_error_last()->message);                                         \
	} while (0)

/* Assert a call returned `code` and that the last error's message contains `needle`. */
#define sm_assert_fails(call, code, needle)                                              \
	do {                                                                                 \
		int sm_rc_ = (call);                                                             \
		ck_assert_msg(sm_rc_ == (code), "%s returned %d, expected %d (%s)", #call,      \
		              sm_rc_, (code), sm_error_last()->message);                         \
		ck_assert_msg(strstr(sm_error_last()->message, (needle)) != NULL,                \
		              "message \"%s\" lacks \"%s\"", sm_error_last()->message, (needle)); \
	} while (0)

/* A fresh empty temporary directory (removed by sm_test_rmtree). Returns a
 * malloc'd path. */
char *sm_test_tmpdir(void);
/* Remove a directory tree. */
void sm_test_rmtree(const char *path);
/* Write `text` to dir/name; returns the malloc'd full path. */
char *sm_test_write(const char *dir, const char *name, const char *text);
/* Read a whole file (malloc'd, NUL-terminated), or NULL. */
char *sm_test_read(const char *path, size_t *size);
/* Path under tests/data (malloc'd). */
char *sm_test_data(const char *relative);
/* Join two path parts (malloc'd). */
char *sm_test_join(const char *a, const char *b);

/* One call of a function under test for sm_test_alloc_failures(): writes its
 * output to *out (NULL when it fails) and returns its status. */
typedef int (*sm_test_alloc_call)(void *ctx, void **out);

/* Run `call` with its 1st, 2nd, … allocation failing (sm_alloc_fail_after)
 * until a run succeeds, at most `limit` runs: every failing run must return
 * SM_ENOMEM and leave its output NULL; the successful run's output is given
 * to `release`. Returns the number of runs, so callers can check that many
 * allocations were made to fail. */
int64_t sm_test_alloc_failures(sm_test_alloc_call call, void (*release)(void *), void *ctx,
                               int64_t limit);

#endif
