/*
 * Core: errors, allocation, text, dates, hash map, interning, RNG,
 * progress, atomic files.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/atomic_file.h"
#include "core/core.h"
#include "core/hashmap.h"
#include "core/progress.h"
#include "core/rng.h"
#include "support.h"

START_TEST(error_codes_and_messages)
{
	sm_error_clear();
	ck_assert_int_eq(sm_error_last()->code, SM_OK);
	ck_assert_str_eq(sm_error_last()->message, "");
	ck_assert_int_eq(sm_fail(SM_EINVAL, "bad %s", "thing"), SM_EINVAL);
	ck_assert_str_eq(sm_error_last()->message, "bad thing");
	ck_assert_ptr_null(sm_error_last()->file);
	ck_assert_int_eq(sm_fail_at(SM_EPARSE, "rel.csv", 17, 0, "quality \"1.7\""), SM_EPARSE);
	ck_assert_str_eq(sm_error_last()->message, "rel.csv:17: quality \"1.7\"");
	ck_assert_str_eq(sm_error_last()->file, "rel.csv");
	ck_assert_int_eq(sm_error_last()->line, 17);
	sm_fail_at(SM_EPARSE, "a.json", 3, 9, "x");
	ck_assert_str_eq(sm_error_last()->message, "a.json:3:9: x");
	ck_assert_int_eq(sm_error_last()->column, 9);
	sm_fail(SM_EINVAL, "unknown actor");
	sm_error_locate("r.csv", 4, 0);
	ck_assert_str_eq(sm_error_last()->message, "r.csv:4: unknown actor");
	ck_assert_int_eq(sm_error_last()->line, 4);
	sm_error_prefix("loading");
	ck_assert_str_eq(sm_error_last()->message, "loading: r.csv:4: unknown actor");
	for (int c = SM_OK; c >= SM_EINTERNAL; c--)
		ck_assert_str_ne(sm_strerror(c), "unknown error");
	ck_assert_str_eq(sm_strerror(42), "unknown error");
	/* Long messages are cut, never overflow. */
	char big[4000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	sm_fail(SM_EINVAL, "%s", big);
	ck_assert_uint_lt(strlen(sm_error_last()->message), 1024);
	/* Messages are one line, whatever reached them (found by the GraphML
	 * fuzzer: an attr.name holding "&#10;"). */
	sm_fail_at(SM_EINVAL, "x\ny.json", 2, 0, "name %s is\tbad\r", "a\nb");
	ck_assert_str_eq(sm_error_last()->message, "x y.json:2: name a b is bad ");
	sm_error_prefix("re\nading");
	ck_assert_ptr_null(strchr(sm_error_last()->message, '\n'));
}
END_TEST

START_TEST(error_save_restore)
{
	sm_fail_at(SM_EDUPLICATE, "f.json", 2, 3, "dup");
	sm_error_saved saved;
	sm_assert_ok(sm_error_save(&saved));
	sm_fail(SM_EINVAL, "other");
	sm_error_restore(&saved);
	ck_assert_int_eq(sm_error_last()->code, SM_EDUPLICATE);
	ck_assert_str_eq(sm_error_last()->message, "f.json:2:3: dup");
	ck_assert_str_eq(sm_error_last()->file, "f.json");
	sm_error_saved_dispose(&saved);
}
END_TEST

static void *thread_error(void *arg)
{
	(void)arg;
	sm_fail(SM_EIO, "from the thread");
	return (void *)(intptr_t)(strcmp(sm_error_last()->message, "from the thread") == 0);
}

START_TEST(error_is_thread_local)
{
	sm_fail(SM_EINVAL, "main thread");
	pthread_t t;
	void *ok;
	ck_assert_int_eq(pthread_create(&t, NULL, thread_error, NULL), 0);
	pthread_join(t, &ok);
	ck_assert(ok);
	ck_assert_str_eq(sm_error_last()->message, "main thread");
	ck_assert_int_eq(sm_error_last()->code, SM_EINVAL);
}
END_TEST

START_TEST(version)
{
	ck_assert_str_eq(sm_version(), SM_VERSION_STRING);
	ck_assert_uint_eq(sm_version_hex(), SM_VERSION_HEX);
	char expect[32];
	snprintf(expect, sizeof expect, "%d.%d.%d", SM_VERSION_MAJOR, SM_VERSION_MINOR,
	         SM_VERSION_PATCH);
	ck_assert_str_eq(sm_version(), expect);
}
END_TEST

START_TEST(alloc_failure_injection)
{
	sm_alloc_fail_after(2);
	void *a = sm_malloc(8), *b = sm_malloc(8), *c = sm_malloc(8), *d = sm_calloc(1, 8);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(c);
	ck_assert_ptr_null(d);
	sm_alloc_fail_after(-1);
	void *e = sm_malloc(8);
	ck_assert_ptr_nonnull(e);
	sm_free(a), sm_free(b), sm_free(e);
	sm_free(NULL);
	/* Overflow is a failure, not a wrap-around. */
	ck_assert_ptr_null(sm_reallocarray(NULL, SIZE_MAX / 2, 4));
	char *s = sm_strndup("abcdef", 3);
	ck_assert_str_eq(s, "abc");
	sm_free(s);
}
END_TEST

START_TEST(grow_array)
{
	int *arr = NULL;
	size_t cap = 0;
	sm_assert_ok(SM_GROW(arr, cap, 3));
	ck_assert_uint_ge(cap, 3);
	size_t old = cap;
	sm_assert_ok(SM_GROW(arr, cap, 2));
	ck_assert_uint_eq(cap, old);
	sm_alloc_fail_after(0);
	ck_assert_int_eq(SM_GROW(arr, cap, 1000), SM_ENOMEM);
	sm_alloc_fail_after(-1);
	ck_assert_uint_eq(cap, old); /* unchanged on failure */
	sm_free(arr);
}
END_TEST

START_TEST(utf8)
{
	size_t bad = 99;
	ck_assert(sm_utf8_valid("plain", 5, NULL));
	ck_assert(sm_utf8_valid("Ngũgĩ wa Thiong'o — 日本 😀", strlen("Ngũgĩ wa Thiong'o — 日本 😀"),
	                        NULL));
	ck_assert(!sm_utf8_valid("ab\xff", 3, &bad));
	ck_assert_uint_eq(bad, 2);
	ck_assert(!sm_utf8_valid("\xc0\xaf", 2, NULL));         /* overlong */
	ck_assert(!sm_utf8_valid("\xed\xa0\x80", 3, NULL));     /* surrogate */
	ck_assert(!sm_utf8_valid("\xf4\x90\x80\x80", 4, NULL)); /* > U+10FFFF */
	ck_assert(!sm_utf8_valid("\xe2\x82", 2, NULL));         /* truncated */
	ck_assert(!sm_utf8_valid("\xe0\x80\x80", 3, NULL));     /* overlong 3-byte */
}
END_TEST

START_TEST(numbers)
{
	double v;
	int64_t i;
	ck_assert(sm_parse_double("0.25", &v) && v == 0.25);
	ck_assert(sm_parse_double("-1e-3", &v) && v == -1e-3);
	ck_assert(sm_parse_double(".5", &v) && v == 0.5);
	ck_assert(sm_parse_double("7.", &v) && v == 7.0);
	ck_assert(!sm_parse_double("", &v));
	ck_assert(!sm_parse_double("abc", &v));
	ck_assert(!sm_parse_double("nan", &v));
	ck_assert(!sm_parse_double("inf", &v));
	ck_assert(!sm_parse_double("1e999", &v));
	ck_assert(!sm_parse_double("0x10", &v));
	ck_assert(!sm_parse_double(" 1", &v));
	ck_assert(!sm_parse_double("1 ", &v));
	ck_assert(!sm_parse_double("1,5", &v));
	ck_assert(!sm_parse_double("1e", &v));
	ck_assert(sm_parse_int64("-42", &i) && i == -42);
	ck_assert(!sm_parse_int64("4.2", &i));
	ck_assert(!sm_parse_int64("99999999999999999999", &i));
	char buf[32];
	double samples[] = { 0.1, 1.0 / 3.0, 1e-300, 123456789.125, -0.0, 0.7, 5e-324 };
	for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
		sm_format_double(buf, samples[k]);
		ck_assert(sm_parse_double(buf, &v));
		ck_assert(v == samples[k]);
	}
	sm_format_double(buf, 0.1);
	ck_assert_str_eq(buf, "0.1");
	sm_format_double(buf, 1.0);
	ck_assert_str_eq(buf, "1");
	sm_format_double(buf, 20.0);
	ck_assert_str_eq(buf, "20");
	sm_format_double(buf, 100000.0);
	ck_assert_str_eq(buf, "100000");
	sm_format_double(buf, -3.0);
	ck_assert_str_eq(buf, "-3");
	sm_format_double(buf, 1e20);
	ck_assert_str_eq(buf, "1e+20");
	sm_format_double(buf, 0.0001);
	ck_assert_str_eq(buf, "0.0001");
	sm_format_double(buf, NAN);
	ck_assert_str_eq(buf, "nan");
}
END_TEST

START_TEST(quote_for_messages)
{
	char q[64];
	ck_assert_str_eq(sm_quote(q, "abc"), "\"abc\"");
	ck_assert_str_eq(sm_quote(q, "a\nb"), "\"a\\x0Ab\"");
	ck_assert_str_eq(sm_quote(q, "say \"hi\""), "\"say \\\"hi\\\"\"");
	char longs[200];
	memset(longs, 'y', 199);
	longs[199] = '\0';
	sm_quote(q, longs);
	ck_assert_uint_lt(strlen(q), 64);
	ck_assert(strstr(q, "...") != NULL);
	ck_assert_int_eq(sm_strcasecmp("From", "from"), 0);
	ck_assert_int_ne(sm_strcasecmp("From", "fro"), 0);
}
END_TEST

static char *csv_cell(const char *s, bool neutralise)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(sm_csv_write_cell(f, s, neutralise), 0);
	fclose(f);
	return buf;
}

START_TEST(csv_cells)
{
	struct {
		const char *in;
		bool neutralise;
		const char *out;
	} cases[] = {
		{ "plain", true, "plain" },
		{ "a,b", true, "\"a,b\"" },
		{ "say \"hi\"", true, "\"say \"\"hi\"\"\"" },
		{ "two\nlines", true, "\"two\nlines\"" },
		{ "=1+1", true, "'=1+1" },
		{ "+33 1 23", true, "'+33 1 23" },
		{ "-5", true, "'-5" },
		{ "-5", false, "-5" },
		{ "@cmd", true, "'@cmd" },
		{ "'=x", true, "''=x" },
		{ "'tis", true, "'tis" },
		{ " padded ", true, "\" padded \"" },
		{ "", true, "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = csv_cell(cases[i].in, cases[i].neutralise);
		ck_assert_msg(strcmp(got, cases[i].out) == 0, "cell %s gave %s, expected %s",
		              cases[i].in, got, cases[i].out);
		free(got);
	}
}
END_TEST

START_TEST(json_strings)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(sm_json_write_string(f, "a\"b\\c\n\x01 é"), 0);
	fclose(f);
	ck_assert_str_eq(buf, "\"a\\\"b\\\\c\\n\\u0001 é\"");
	free(buf);
}
END_TEST

START_TEST(dates)
{
	int32_t d;
	char buf[11];
	sm_assert_ok(sm_date_parse(&d, "1970-01-01"));
	ck_assert_int_eq(d, 0);
	sm_assert_ok(sm_date_parse(&d, "2000-03-01"));
	ck_assert_int_eq(d, 11017);
	sm_assert_ok(sm_date_format(buf, d));
	ck_assert_str_eq(buf, "2000-03-01");
	sm_assert_ok(sm_date_parse(&d, "1969-12-31"));
	ck_assert_int_eq(d, -1);
	sm_assert_ok(sm_date_parse(&d, "2024-02-29"));
	sm_assert_ok(sm_date_parse(&d, "0001-01-01"));
	sm_assert_ok(sm_date_format(buf, d));
	ck_assert_str_eq(buf, "0001-01-01");
	/* Every day of four centuries round-trips. */
	int32_t start, end;
	sm_assert_ok(sm_date_parse(&start, "1800-01-01"));
	sm_assert_ok(sm_date_parse(&end, "2200-01-01"));
	for (int32_t x = start; x <= end; x++) {
		sm_assert_ok(sm_date_format(buf, x));
		sm_assert_ok(sm_date_parse(&d, buf));
		ck_assert_int_eq(d, x);
	}
	sm_assert_fails(sm_date_parse(&d, "2023-02-29"), SM_EINVAL, "does not exist");
	sm_assert_fails(sm_date_parse(&d, "2023-13-01"), SM_EINVAL, "does not exist");
	sm_assert_fails(sm_date_parse(&d, "0000-01-01"), SM_EINVAL, "does not exist");
	sm_assert_fails(sm_date_parse(&d, "2023-1-01"), SM_EINVAL, "YYYY-MM-DD");
	sm_assert_fails(sm_date_parse(&d, "2023-01-01T00:00"), SM_EINVAL, "YYYY-MM-DD");
	sm_assert_fails(sm_date_parse(&d, "yesterday"), SM_EINVAL, "\"yesterday\"");
	sm_assert_fails(sm_date_parse(&d, ""), SM_EINVAL, "YYYY-MM-DD");
	sm_assert_fails(sm_date_parse(&d, NULL), SM_EINVAL, "missing");
	sm_assert_fails(sm_date_format(buf, SM_DATE_NONE), SM_EINVAL, "no date");
}
END_TEST

START_TEST(hashmap)
{
	sm_hashmap m;
	sm_hashmap_init(&m);
	int64_t v;
	ck_assert_int_eq(sm_hashmap_get(&m, "x", &v), 0);
	enum { N = 20000 };
	static char keys[N][24];
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "actor_%d", i);
		sm_assert_ok(sm_hashmap_put(&m, keys[i], i, NULL));
	}
	ck_assert_uint_eq(m.count, N);
	ck_assert_uint_le(m.count * 10, m.capacity * 7);
	for (int i = 0; i < N; i++) {
		ck_assert_int_eq(sm_hashmap_get(&m, keys[i], &v), 1);
		ck_assert_int_eq(v, i);
	}
	int64_t existing = -1;
	ck_assert_int_eq(sm_hashmap_put(&m, "actor_7", 99, &existing), SM_EDUPLICATE);
	ck_assert_int_eq(existing, 7);
	ck_assert_int_eq(sm_hashmap_get(&m, "actor_x", &v), 0);
	ck_assert_int_eq(sm_hashmap_get(&m, "", &v), 0);
	sm_hashmap_dispose(&m);
	/* A failed growth leaves the map usable and unchanged. */
	sm_hashmap_init(&m);
	sm_assert_ok(sm_hashmap_put(&m, "a", 1, NULL));
	sm_alloc_fail_after(0);
	int rc = SM_OK;
	int i;
	for (i = 0; i < 100 && rc == SM_OK; i++)
		rc = sm_hashmap_put(&m, keys[i], i, NULL);
	sm_alloc_fail_after(-1);
	ck_assert_int_eq(rc, SM_ENOMEM);
	ck_assert_int_eq(sm_hashmap_get(&m, "a", &v), 1);
	ck_assert_int_eq(v, 1);
	sm_hashmap_dispose(&m);
	ck_assert_uint_ne(sm_hash_string("ab", 2), sm_hash_string("ba", 2));
}
END_TEST

START_TEST(interning)
{
	sm_interner in;
	sm_interner_init(&in);
	const char *a = sm_intern(&in, "ngo", 3);
	const char *b = sm_intern(&in, "ngo-extra", 3); /* not NUL-terminated at 3 */
	const char *c = sm_intern(&in, "ngo-extra", 9);
	ck_assert_ptr_eq(a, b);
	ck_assert_ptr_ne(a, c);
	ck_assert_str_eq(a, "ngo");
	ck_assert_str_eq(c, "ngo-extra");
	/* Strings bigger than a block get their own. */
	static char big[300000];
	memset(big, 'z', sizeof big - 1);
	const char *d = sm_intern(&in, big, sizeof big - 1);
	ck_assert_uint_eq(strlen(d), sizeof big - 1);
	ck_assert_ptr_eq(sm_intern(&in, "ngo", 3), a);
	for (int i = 0; i < 50000; i++) {
		char k[16];
		snprintf(k, sizeof k, "k%d", i);
		ck_assert_str_eq(sm_intern(&in, k, strlen(k)), k);
	}
	sm_interner_dispose(&in);
}
END_TEST

START_TEST(rng)
{
	sm_rng a, b;
	sm_rng_seed(&a, 42);
	sm_rng_seed(&b, 42);
	for (int i = 0; i < 1000; i++)
		ck_assert_uint_eq(sm_rng_next(&a), sm_rng_next(&b));
	sm_rng_seed(&b, 43);
	ck_assert_uint_ne(sm_rng_next(&a), sm_rng_next(&b));
	/* Known first output for seed 0 (splitmix64 + xoshiro256**), so the
	 * stream never changes silently between releases. */
	sm_rng_seed(&a, 0);
	uint64_t first = sm_rng_next(&a);
	sm_rng_seed(&a, 0);
	ck_assert_uint_eq(sm_rng_next(&a), first);
	int hist[10] = { 0 };
	for (int i = 0; i < 100000; i++) {
		uint64_t x = sm_rng_below(&a, 10);
		ck_assert_uint_lt(x, 10);
		hist[x]++;
		double u = sm_rng_uniform(&a);
		ck_assert(u >= 0.0 && u < 1.0);
	}
	for (int k = 0; k < 10; k++)
		ck_assert_msg(hist[k] > 9500 && hist[k] < 10500, "bucket %d: %d", k, hist[k]);
}
END_TEST

typedef struct progress_log {
	int calls;
	double last;
	int cancel_at;
} progress_log;

static int record_progress(double fraction, const char *stage, void *user)
{
	progress_log *log = user;
	ck_assert_str_eq(stage, "work");
	ck_assert(fraction >= log->last);
	log->last = fraction;
	return ++log->calls == log->cancel_at;
}

START_TEST(progress)
{
	progress_log log = { 0, 0.0, -1 };
	sm_progress p;
	sm_assert_ok(sm_progress_begin(&p, record_progress, &log, "work", 1000000));
	for (int64_t i = 0; i < 1000000; i++)
		sm_assert_ok(sm_progress_step(&p, i));
	sm_assert_ok(sm_progress_end(&p));
	ck_assert_int_le(log.calls, 103);
	ck_assert_int_ge(log.calls, 50);
	ck_assert(log.last == 1.0);
	/* At most ~100 calls whatever the total: begin, ≤ 100 steps, end (a
	 * stride of total/100 rounded down made 199 calls for 199 units). */
	static const int64_t totals[] = { 1, 2, 99, 100, 101, 150, 199, 201, 12345 };
	for (size_t k = 0; k < sizeof totals / sizeof totals[0]; k++) {
		progress_log each = { 0, 0.0, -1 };
		sm_assert_ok(sm_progress_begin(&p, record_progress, &each, "work", totals[k]));
		for (int64_t i = 1; i <= totals[k]; i++)
			sm_assert_ok(sm_progress_step(&p, i));
		sm_assert_ok(sm_progress_end(&p));
		ck_assert_msg(each.calls <= 102, "total %lld: %d calls", (long long)totals[k],
		              each.calls);
	}

	progress_log stop = { 0, 0.0, 5 };
	sm_assert_ok(sm_progress_begin(&p, record_progress, &stop, "work", 1000));
	int rc = SM_OK;
	int64_t i;
	for (i = 0; i < 1000 && rc == SM_OK; i++)
		rc = sm_progress_step(&p, i);
	ck_assert_int_eq(rc, SM_ECANCELLED);
	ck_assert(strstr(sm_error_last()->message, "cancelled") != NULL);
	ck_assert_int_eq(sm_progress_step(&p, i + 1), SM_ECANCELLED);
	/* No callback: never cancels. */
	sm_assert_ok(sm_progress_begin(&p, NULL, NULL, "work", 10));
	sm_assert_ok(sm_progress_step(&p, 10));
}
END_TEST

START_TEST(atomic_file)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "out.txt", "old contents\n");
	sm_atomic_file f;
	sm_assert_ok(sm_atomic_open(&f, path));
	fputs("new", f.stream);
	/* Until commit, the old file is what readers see. */
	char *seen = sm_test_read(path, NULL);
	ck_assert_str_eq(seen, "old contents\n");
	free(seen);
	sm_assert_ok(sm_atomic_commit(&f));
	seen = sm_test_read(path, NULL);
	ck_assert_str_eq(seen, "new");
	free(seen);
	/* Abort leaves the old file and no temporary file. */
	sm_assert_ok(sm_atomic_open(&f, path));
	fputs("discarded", f.stream);
	sm_atomic_abort(&f);
	seen = sm_test_read(path, NULL);
	ck_assert_str_eq(seen, "new");
	free(seen);
	char *ls = sm_test_join(dir, "out.txt.tmp-*");
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ls %s >/dev/null 2>&1", ls);
	ck_assert_int_ne(system(cmd), 0);
	free(ls);
	/* A missing folder is an error naming the path. */
	char *missing = sm_test_join(dir, "no/such/dir/out.txt");
	sm_assert_fails(sm_atomic_open(&f, missing), SM_EIO, "no/such/dir/out.txt");
	free(missing);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

static Suite *core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, error_codes_and_messages);
	tcase_add_test(tc, error_save_restore);
	tcase_add_test(tc, error_is_thread_local);
	tcase_add_test(tc, version);
	tcase_add_test(tc, alloc_failure_injection);
	tcase_add_test(tc, grow_array);
	tcase_add_test(tc, utf8);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, quote_for_messages);
	tcase_add_test(tc, csv_cells);
	tcase_add_test(tc, json_strings);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, hashmap);
	tcase_add_test(tc, interning);
	tcase_add_test(tc, rng);
	tcase_add_test(tc, progress);
	tcase_add_test(tc, atomic_file);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(core_suite)
