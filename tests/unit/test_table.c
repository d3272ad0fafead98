/*
 * Unit tests of the results table (lib/model/table.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

/* ---- helpers ------------------------------------------------------------ */

/* Render a table to a string (malloc'd) through sm_table_write_stream. */
static char *render(const sm_table *t, sm_table_format format, int digits)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	sm_assert_ok(sm_table_write_stream(t, f, format, digits));
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static void assert_render(const sm_table *t, sm_table_format format, int digits,
                          const char *expected)
{
	char *got = render(t, format, digits);
	ck_assert_str_eq(got, expected);
	free(got);
}

/* Number of entries in a folder other than . and .. */
static int dir_entries(const char *path)
{
	DIR *d = opendir(path);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* A table with one column of each type, `rows` rows, all zero. */
static sm_table *typed_table(size_t rows)
{
	sm_table *t = NULL;
	sm_assert_ok(sm_table_new(&t, rows));
	sm_assert_ok(sm_table_add_column(NULL, t, "id", SM_COLUMN_STRING));
	sm_assert_ok(sm_table_add_column(NULL, t, "score", SM_COLUMN_DOUBLE));
	sm_assert_ok(sm_table_add_column(NULL, t, "count", SM_COLUMN_INT64));
	sm_assert_ok(sm_table_add_column(NULL, t, "flag", SM_COLUMN_BOOL));
	return t;
}

/* Column values as one string: "a,b,c" (missing as ~). */
static char *join_strings(const sm_table *t, const char *name)
{
	size_t n = 0;
	const char *const *s = sm_table_column_string(t, name, &n);
	ck_assert_ptr_nonnull(s);
	static char out[4096];
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, ",");
		strcat(out, s[i] ? s[i] : "~");
	}
	return out;
}

/* Run a Python check on `text`: the script reads the JSON file named by
 * argv[1] and prints what it found; returns its output (malloc'd). NaN and
 * Infinity literals, which Python accepts by default, are refused. */
static char *python_json(const char *text)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "t.json", text);
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	         "/usr/bin/python3 -c \""
	         "import json, sys\n"
	         "def bad(c):\n"
	         "    raise ValueError('non-standard constant ' + c)\n"
	         "with open(sys.argv[1], encoding='utf-8') as f:\n"
	         "    d = json.load(f, parse_constant=bad)\n"
	         "print(json.dumps(d, ensure_ascii=True))\n"
	         "\" %s 2>&1",
	         path);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	char *out = calloc(1, 8192);
	ck_assert_ptr_nonnull(out);
	size_t n = fread(out, 1, 8191, p);
	out[n] = '\0';
	int status = pclose(p);
	ck_assert_msg(status == 0, "python3 rejected the JSON (%d): %s\n%s", status, out, text);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
	return out;
}

/* ---- life cycle and columns --------------------------------------------- */

START_TEST(test_new_and_free)
{
	sm_table *t = NULL;
	sm_assert_ok(sm_table_new(&t, 3));
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(sm_table_rows(t), 3);
	ck_assert_uint_eq(sm_table_columns(t), 0);
	sm_table_free(t);
	sm_table_free(NULL);
	ck_assert_uint_eq(sm_table_rows(NULL), 0);
	ck_assert_uint_eq(sm_table_columns(NULL), 0);
	sm_assert_fails(sm_table_new(NULL, 3), SM_EINVAL, "out is NULL");
}
END_TEST

START_TEST(test_add_column)
{
	sm_table *t = NULL;
	size_t idx = 99;
	sm_assert_ok(sm_table_new(&t, 2));
	sm_assert_ok(sm_table_add_column(&idx, t, "id", SM_COLUMN_STRING));
	ck_assert_uint_eq(idx, 0);
	sm_assert_ok(sm_table_add_column(&idx, t, "score", SM_COLUMN_DOUBLE));
	ck_assert_uint_eq(idx, 1);
	sm_assert_ok(sm_table_add_column(&idx, t, "count", SM_COLUMN_INT64));
	ck_assert_uint_eq(idx, 2);
	sm_assert_ok(sm_table_add_column(NULL, t, "flag", SM_COLUMN_BOOL));
	ck_assert_uint_eq(sm_table_columns(t), 4);

	ck_assert_str_eq(sm_table_column_name(t, 0), "id");
	ck_assert_str_eq(sm_table_column_name(t, 3), "flag");
	ck_assert_ptr_null(sm_table_column_name(t, 4));
	ck_assert_ptr_null(sm_table_column_name(NULL, 0));
	ck_assert_int_eq(sm_table_column_type(t, 0), SM_COLUMN_STRING);
	ck_assert_int_eq(sm_table_column_type(t, 1), SM_COLUMN_DOUBLE);
	ck_assert_int_eq(sm_table_column_type(t, 2), SM_COLUMN_INT64);
	ck_assert_int_eq(sm_table_column_type(t, 3), SM_COLUMN_BOOL);
	ck_assert_int_eq(sm_table_column_type(t, 4), SM_COLUMN_DOUBLE);

	/* Zero-filled. */
	size_t n = 0;
	const char *const *ids = sm_table_column_string(t, "id", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_null(ids[0]);
	ck_assert_ptr_null(ids[1]);
	ck_assert(sm_table_column_double(t, "score", NULL)[1] == 0.0);
	ck_assert_int_eq(sm_table_column_int64(t, "count", NULL)[0], 0);
	ck_assert(!sm_table_column_bool(t, "flag", NULL)[1]);

	/* Bad names and types; the table is unchanged and idx untouched. */
	idx = 99;
	sm_assert_fails(sm_table_add_column(&idx, t, "score", SM_COLUMN_INT64), SM_EDUPLICATE,
	                "column \"score\" already exists");
	sm_assert_fails(sm_table_add_column(&idx, t, "", SM_COLUMN_INT64), SM_EINVAL,
	                "column name is empty");
	sm_assert_fails(sm_table_add_column(&idx, t, NULL, SM_COLUMN_INT64), SM_EINVAL,
	                "column name is NULL");
	sm_assert_fails(sm_table_add_column(&idx, t, "bad\xff", SM_COLUMN_INT64), SM_EINVAL,
	                "is not valid UTF-8");
	sm_assert_fails(sm_table_add_column(&idx, t, "x", (sm_column_type)42), SM_EINVAL,
	                "column \"x\": unknown column type 42");
	sm_assert_fails(sm_table_add_column(&idx, NULL, "x", SM_COLUMN_INT64), SM_EINVAL,
	                "table is NULL");
	ck_assert_uint_eq(idx, 99);
	ck_assert_uint_eq(sm_table_columns(t), 4);

	/* Names are compared exactly: case differs, so this is a new column. */
	sm_assert_ok(sm_table_add_column(&idx, t, "Score", SM_COLUMN_INT64));
	ck_assert_uint_eq(idx, 4);
	sm_table_free(t);
}
END_TEST

START_TEST(test_add_column_zero_rows)
{
	sm_table *t = NULL;
	sm_assert_ok(sm_table_new(&t, 0));
	sm_assert_ok(sm_table_add_column(NULL, t, "x", SM_COLUMN_DOUBLE));
	size_t n = 7;
	ck_assert_ptr_nonnull(sm_table_column_double(t, "x", &n));
	ck_assert_uint_eq(n, 0);
	sm_table_free(t);
}
END_TEST

START_TEST(test_find_column)
{
	sm_table *t = typed_table(1);
	size_t idx = 99;
	sm_assert_ok(sm_table_find_column(&idx, t, "count"));
	ck_assert_uint_eq(idx, 2);
	sm_assert_ok(sm_table_find_column(NULL, t, "id"));
	idx = 99;
	sm_assert_fails(sm_table_find_column(&idx, t, "nope"), SM_ENOTFOUND,
	                "no column \"nope\"");
	sm_assert_fails(sm_table_find_column(&idx, t, "Count"), SM_ENOTFOUND, "\"Count\"");
	sm_assert_fails(sm_table_find_column(&idx, t, NULL), SM_EINVAL, "column name is NULL");
	sm_assert_fails(sm_table_find_column(&idx, NULL, "id"), SM_EINVAL, "table is NULL");
	ck_assert_uint_eq(idx, 99);
	sm_table_free(t);
}
END_TEST

START_TEST(test_column_getters)
{
	sm_table *t = typed_table(3);
	sm_assert_ok(sm_table_set_string(t, 0, 1, "bob"));
	sm_assert_ok(sm_table_set_double(t, 1, 2, 2.5));
	sm_assert_ok(sm_table_set_int64(t, 2, 0, -7));
	sm_assert_ok(sm_table_set_bool(t, 3, 2, true));

	size_t n = 0;
	const double *d = sm_table_column_double(t, "score", &n);
	ck_assert_uint_eq(n, 3);
	ck_assert(d[0] == 0.0 && d[1] == 0.0 && d[2] == 2.5);
	n = 0;
	const int64_t *i = sm_table_column_int64(t, "count", &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(i[0], -7);
	const char *const *s = sm_table_column_string(t, "id", NULL);
	ck_assert_str_eq(s[1], "bob");
	const bool *b = sm_table_column_bool(t, "flag", NULL);
	ck_assert(!b[0] && !b[1] && b[2]);

	/* Wrong type, unknown name, NULLs: NULL, n untouched, the error names the column. */
	n = 42;
	ck_assert_ptr_null(sm_table_column_int64(t, "score", &n));
	ck_assert_int_eq(sm_error_last()->code, SM_EINVAL);
	ck_assert_str_eq(sm_error_last()->message,
	                 "column \"score\" holds double values, not int64");
	ck_assert_ptr_null(sm_table_column_double(t, "id", &n));
	ck_assert_str_eq(sm_error_last()->message, "column \"id\" holds string values, not double");
	ck_assert_ptr_null(sm_table_column_string(t, "flag", &n));
	ck_assert_str_eq(sm_error_last()->message, "column \"flag\" holds bool values, not string");
	ck_assert_ptr_null(sm_table_column_bool(t, "count", &n));
	ck_assert_str_eq(sm_error_last()->message, "column \"count\" holds int64 values, not bool");
	ck_assert_ptr_null(sm_table_column_double(t, "betweenness", &n));
	ck_assert_int_eq(sm_error_last()->code, SM_ENOTFOUND);
	ck_assert_str_eq(sm_error_last()->message, "no column \"betweenness\" in the table");
	ck_assert_ptr_null(sm_table_column_int64(t, "x", &n));
	ck_assert_int_eq(sm_error_last()->code, SM_ENOTFOUND);
	ck_assert_ptr_null(sm_table_column_string(t, "y", &n));
	ck_assert_str_eq(sm_error_last()->message, "no column \"y\" in the table");
	ck_assert_ptr_null(sm_table_column_bool(t, "z", &n));
	ck_assert_str_eq(sm_error_last()->message, "no column \"z\" in the table");
	ck_assert_ptr_null(sm_table_column_double(t, NULL, &n));
	ck_assert_str_eq(sm_error_last()->message, "column name is NULL");
	ck_assert_ptr_null(sm_table_column_double(NULL, "score", &n));
	ck_assert_str_eq(sm_error_last()->message, "table is NULL");
	ck_assert_uint_eq(n, 42);
	sm_table_free(t);
}
END_TEST

/* ---- cells -------------------------------------------------------------- */

START_TEST(test_set_get)
{
	sm_table *t = typed_table(2);
	sm_assert_ok(sm_table_set_double(t, 1, 0, 0.25));
	sm_assert_ok(sm_table_set_double(t, 1, 1, NAN));
	sm_assert_ok(sm_table_set_int64(t, 2, 1, INT64_MIN));
	sm_assert_ok(sm_table_set_bool(t, 3, 0, true));

	/* Strings are copied. */
	char src[] = "alice";
	sm_assert_ok(sm_table_set_string(t, 0, 0, src));
	src[0] = 'X';
	const char *s = NULL;
	sm_assert_ok(sm_table_get_string(&s, t, 0, 0));
	ck_assert_str_eq(s, "alice");
	/* Replace, then set missing. */
	sm_assert_ok(sm_table_set_string(t, 0, 1, "bob"));
	sm_assert_ok(sm_table_set_string(t, 0, 1, "björn"));
	sm_assert_ok(sm_table_get_string(&s, t, 0, 1));
	ck_assert_str_eq(s, "björn");
	sm_assert_ok(sm_table_set_string(t, 0, 1, NULL));
	s = "sentinel";
	sm_assert_ok(sm_table_get_string(&s, t, 0, 1));
	ck_assert_ptr_null(s);

	double d = 0;
	sm_assert_ok(sm_table_get_double(&d, t, 1, 0));
	ck_assert(d == 0.25);
	sm_assert_ok(sm_table_get_double(&d, t, 1, 1));
	ck_assert(isnan(d));
	int64_t i = 0;
	sm_assert_ok(sm_table_get_int64(&i, t, 2, 1));
	ck_assert(i == INT64_MIN);
	bool b = false;
	sm_assert_ok(sm_table_get_bool(&b, t, 3, 0));
	ck_assert(b);
	sm_assert_ok(sm_table_get_bool(&b, t, 3, 1));
	ck_assert(!b);
	sm_table_free(t);
}
END_TEST

START_TEST(test_set_get_bad)
{
	sm_table *t = typed_table(3);
	sm_assert_ok(sm_table_set_double(t, 1, 0, 1.5));

	/* Out of range rows and columns. */
	sm_assert_fails(sm_table_set_double(t, 1, 3, 1.0), SM_EINVAL,
	                "row 3 is out of range (the table has 3 rows)");
	sm_assert_fails(sm_table_set_double(t, 4, 0, 1.0), SM_EINVAL,
	                "column 4 is out of range (the table has 4 columns)");
	sm_assert_fails(sm_table_set_int64(t, 2, 99, 1), SM_EINVAL, "row 99 is out of range");
	sm_assert_fails(sm_table_set_string(t, 0, 3, "x"), SM_EINVAL, "row 3 is out of range");
	sm_assert_fails(sm_table_set_bool(t, 7, 0, true), SM_EINVAL, "column 7 is out of range");
	sm_assert_fails(sm_table_set_double(NULL, 0, 0, 1.0), SM_EINVAL, "table is NULL");

	/* Wrong type. */
	sm_assert_fails(sm_table_set_int64(t, 1, 0, 5), SM_EINVAL,
	                "column \"score\" holds double values, not int64");
	sm_assert_fails(sm_table_set_double(t, 0, 0, 5), SM_EINVAL,
	                "column \"id\" holds string values, not double");
	sm_assert_fails(sm_table_set_string(t, 3, 0, "x"), SM_EINVAL,
	                "column \"flag\" holds bool values, not string");
	sm_assert_fails(sm_table_set_bool(t, 2, 0, true), SM_EINVAL,
	                "column \"count\" holds int64 values, not bool");

	/* Invalid UTF-8 is refused; the cell keeps its value. */
	sm_assert_ok(sm_table_set_string(t, 0, 0, "ok"));
	sm_assert_fails(sm_table_set_string(t, 0, 0, "ab\xc3"), SM_EINVAL,
	                "column \"id\", row 0: value is not valid UTF-8 (byte 2)");
	const char *s = NULL;
	sm_assert_ok(sm_table_get_string(&s, t, 0, 0));
	ck_assert_str_eq(s, "ok");

	/* Getters: range, type, NULL out; out untouched on failure. */
	double d = -1;
	sm_assert_fails(sm_table_get_double(&d, t, 1, 3), SM_EINVAL, "row 3 is out of range");
	sm_assert_fails(sm_table_get_double(&d, t, 9, 0), SM_EINVAL, "column 9 is out of range");
	sm_assert_fails(sm_table_get_double(&d, t, 2, 0), SM_EINVAL,
	                "column \"count\" holds int64 values, not double");
	sm_assert_fails(sm_table_get_double(NULL, t, 1, 0), SM_EINVAL, "out is NULL");
	sm_assert_fails(sm_table_get_double(&d, NULL, 1, 0), SM_EINVAL, "table is NULL");
	ck_assert(d == -1);
	int64_t i = -1;
	sm_assert_fails(sm_table_get_int64(&i, t, 1, 0), SM_EINVAL,
	                "holds double values, not int64");
	sm_assert_fails(sm_table_get_int64(&i, t, 2, 5), SM_EINVAL, "row 5 is out of range");
	sm_assert_fails(sm_table_get_int64(NULL, t, 2, 0), SM_EINVAL, "out is NULL");
	ck_assert(i == -1);
	const char *str = "keep";
	sm_assert_fails(sm_table_get_string(&str, t, 1, 0), SM_EINVAL,
	                "holds double values, not string");
	sm_assert_fails(sm_table_get_string(&str, t, 0, 3), SM_EINVAL, "row 3 is out of range");
	sm_assert_fails(sm_table_get_string(NULL, t, 0, 0), SM_EINVAL, "out is NULL");
	ck_assert_str_eq(str, "keep");
	bool b = true;
	sm_assert_fails(sm_table_get_bool(&b, t, 0, 0), SM_EINVAL, "holds string values, not bool");
	sm_assert_fails(sm_table_get_bool(&b, t, 3, 3), SM_EINVAL, "row 3 is out of range");
	sm_assert_fails(sm_table_get_bool(NULL, t, 3, 0), SM_EINVAL, "out is NULL");
	ck_assert(b);

	/* A table without rows has no cells at all. */
	sm_table *e = typed_table(0);
	sm_assert_fails(sm_table_set_double(e, 1, 0, 1.0), SM_EINVAL,
	                "row 0 is out of range (the table has 0 rows)");
	sm_table_free(e);
	sm_table_free(t);
}
END_TEST

/* Allocation failures leave the table as it was, at every allocation. */
START_TEST(test_alloc_failures)
{
	sm_table *t = typed_table(4);
	sm_assert_ok(sm_table_set_string(t, 0, 1, "before"));
	int failures = 0;
	for (int64_t k = 0;; k++) {
		sm_alloc_fail_after(k);
		int rc = sm_table_add_column(NULL, t, "new", SM_COLUMN_STRING);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK)
			break;
		failures++;
		ck_assert_int_eq(rc, SM_ENOMEM);
		ck_assert_uint_eq(sm_table_columns(t), 4);
		ck_assert_int_eq(sm_table_find_column(NULL, t, "new"), SM_ENOTFOUND);
		ck_assert_int_lt(k, 10);
	}
	ck_assert_int_ge(failures, 2); /* the array and the name, at least */
	ck_assert_uint_eq(sm_table_columns(t), 5);

	sm_alloc_fail_after(0);
	sm_assert_fails(sm_table_set_string(t, 0, 1, "after"), SM_ENOMEM, "memory");
	sm_alloc_fail_after(-1);
	const char *s = NULL;
	sm_assert_ok(sm_table_get_string(&s, t, 0, 1));
	ck_assert_str_eq(s, "before");

	sm_alloc_fail_after(0);
	sm_assert_fails(sm_table_new(&t, 3), SM_ENOMEM, "memory");
	sm_alloc_fail_after(-1);
	ck_assert_uint_eq(sm_table_columns(t), 5); /* t not overwritten */
	sm_table_free(t);
}
END_TEST

/* ---- sort --------------------------------------------------------------- */

/* ids a..e with the given int keys. */
static sm_table *ties_table(void)
{
	static const int64_t keys[] = {2, 1, 2, 1, 2};
	static const char *ids[] = {"a", "b", "c", "d", "e"};
	sm_table *t = typed_table(5);
	for (size_t r = 0; r < 5; r++) {
		sm_assert_ok(sm_table_set_string(t, 0, r, ids[r]));
		sm_assert_ok(sm_table_set_int64(t, 2, r, keys[r]));
		sm_assert_ok(sm_table_set_double(t, 1, r, (double)r));
		sm_assert_ok(sm_table_set_bool(t, 3, r, r % 2 == 0));
	}
	return t;
}

START_TEST(test_sort_stable_ties)
{
	sm_table *t = ties_table();
	sm_assert_ok(sm_table_sort(t, "count", false));
	ck_assert_str_eq(join_strings(t, "id"), "b,d,a,c,e");
	/* Every column moved with the key. */
	const double *d = sm_table_column_double(t, "score", NULL);
	ck_assert(d[0] == 1 && d[1] == 3 && d[2] == 0 && d[3] == 2 && d[4] == 4);
	const bool *b = sm_table_column_bool(t, "flag", NULL);
	ck_assert(!b[0] && !b[1] && b[2] && b[3] && b[4]);
	const int64_t *k = sm_table_column_int64(t, "count", NULL);
	ck_assert(k[0] == 1 && k[1] == 1 && k[2] == 2 && k[3] == 2 && k[4] == 2);
	sm_table_free(t);

	/* Descending keeps ties in their original order too. */
	t = ties_table();
	sm_assert_ok(sm_table_sort(t, "count", true));
	ck_assert_str_eq(join_strings(t, "id"), "a,c,e,b,d");
	sm_table_free(t);

	/* Bool: false < true; descending puts true first, ties stable. */
	t = ties_table();
	sm_assert_ok(sm_table_sort(t, "flag", true));
	ck_assert_str_eq(join_strings(t, "id"), "a,c,e,b,d");
	sm_assert_ok(sm_table_sort(t, "flag", false));
	ck_assert_str_eq(join_strings(t, "id"), "b,d,a,c,e");
	sm_table_free(t);
}
END_TEST

START_TEST(test_sort_nan_last)
{
	static const double keys[] = {3, NAN, 1, NAN, 2, INFINITY, -INFINITY, -0.0, 0.0};
	sm_table *t = typed_table(9);
	for (size_t r = 0; r < 9; r++) {
		char id[2] = {(char)('a' + r), 0};
		sm_assert_ok(sm_table_set_string(t, 0, r, id));
		sm_assert_ok(sm_table_set_double(t, 1, r, keys[r]));
	}
	sm_assert_ok(sm_table_sort(t, "score", false));
	/* -0.0 and 0.0 tie: h stays before i. NaN rows b, d keep their order. */
	ck_assert_str_eq(join_strings(t, "id"), "g,h,i,c,e,a,f,b,d");
	sm_assert_ok(sm_table_sort(t, "score", true));
	ck_assert_str_eq(join_strings(t, "id"), "f,a,e,c,h,i,g,b,d");
	const double *d = sm_table_column_double(t, "score", NULL);
	ck_assert(isnan(d[7]) && isnan(d[8]));
	sm_table_free(t);
}
END_TEST

START_TEST(test_sort_strings)
{
	static const char *keys[] = {"b", NULL, "B", "\xc3\xa9", "a", NULL, "ab"};
	sm_table *t = typed_table(7);
	for (size_t r = 0; r < 7; r++) {
		sm_assert_ok(sm_table_set_string(t, 0, r, keys[r]));
		sm_assert_ok(sm_table_set_int64(t, 2, r, (int64_t)r));
	}
	sm_assert_ok(sm_table_sort(t, "id", false));
	/* Bytewise: "B" (0x42) < "a" < "ab" < "b" < "é" (0xc3); missing last. */
	ck_assert_str_eq(join_strings(t, "id"), "B,a,ab,b,\xc3\xa9,~,~");
	const int64_t *k = sm_table_column_int64(t, "count", NULL);
	ck_assert(k[5] == 1 && k[6] == 5); /* the NULLs kept their order */
	sm_assert_ok(sm_table_sort(t, "id", true));
	ck_assert_str_eq(join_strings(t, "id"), "\xc3\xa9,b,ab,a,B,~,~");
	k = sm_table_column_int64(t, "count", NULL);
	ck_assert(k[5] == 1 && k[6] == 5);
	sm_table_free(t);
}
END_TEST

/* A larger sort against its definition: keys ordered, ties in original order,
 * rows intact (the key and the original index travel together). */
START_TEST(test_sort_many)
{
	const size_t n = 1237; /* not a power of two: odd runs in the merge */
	sm_table *t = typed_table(n);
	uint64_t x = 88172645463325252u;
	for (size_t r = 0; r < n; r++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double key = (x % 11 == 0) ? NAN : (double)(x % 50);
		sm_assert_ok(sm_table_set_double(t, 1, r, key));
		sm_assert_ok(sm_table_set_int64(t, 2, r, (int64_t)r));
		char id[32];
		snprintf(id, sizeof id, "%g/%zu", key, r);
		sm_assert_ok(sm_table_set_string(t, 0, r, id));
	}
	for (int desc = 0; desc < 2; desc++) {
		sm_assert_ok(sm_table_sort(t, "score", desc));
		/* Re-sort by the original index below needs it intact each round. */
		const double *d = sm_table_column_double(t, "score", NULL);
		const int64_t *orig = sm_table_column_int64(t, "count", NULL);
		const char *const *ids = sm_table_column_string(t, "id", NULL);
		char *seen = calloc(n, 1);
		for (size_t r = 0; r < n; r++) {
			char id[32];
			snprintf(id, sizeof id, "%g/%" PRId64, d[r], orig[r]);
			ck_assert_str_eq(ids[r], id);
			ck_assert(!seen[orig[r]]);
			seen[orig[r]] = 1;
			if (r == 0)
				continue;
			double a = d[r - 1], b = d[r];
			if (isnan(a)) {
				ck_assert(isnan(b));
				ck_assert_int_lt(orig[r - 1], orig[r]);
			} else if (!isnan(b)) {
				ck_assert(desc ? a >= b : a <= b);
				if (a == b)
					ck_assert_int_lt(orig[r - 1], orig[r]);
			}
		}
		free(seen);
		sm_assert_ok(sm_table_sort(t, "count", false)); /* back to the original order */
		ck_assert_int_eq(sm_table_column_int64(t, "count", NULL)[n - 1], (int64_t)n - 1);
	}
	sm_table_free(t);
}
END_TEST

START_TEST(test_sort_bad)
{
	sm_table *t = ties_table();
	sm_assert_fails(sm_table_sort(t, "nope", false), SM_ENOTFOUND,
	                "no column \"nope\" in the table");
	sm_assert_fails(sm_table_sort(t, NULL, false), SM_EINVAL, "sort column name is NULL");
	sm_assert_fails(sm_table_sort(NULL, "id", false), SM_EINVAL, "table is NULL");
	ck_assert_str_eq(join_strings(t, "id"), "a,b,c,d,e");

	/* Out of memory: the table is unchanged, at every allocation. */
	for (int64_t k = 0; k < 2; k++) {
		sm_alloc_fail_after(k);
		int rc = sm_table_sort(t, "count", false);
		sm_alloc_fail_after(-1);
		ck_assert_int_eq(rc, SM_ENOMEM);
		ck_assert_str_eq(join_strings(t, "id"), "a,b,c,d,e");
		const int64_t *c = sm_table_column_int64(t, "count", NULL);
		ck_assert(c[0] == 2 && c[1] == 1 && c[4] == 2);
	}
	sm_table_free(t);

	/* Zero and one row: nothing to do, still checks the name. */
	t = typed_table(0);
	sm_assert_ok(sm_table_sort(t, "id", false));
	sm_assert_fails(sm_table_sort(t, "nope", false), SM_ENOTFOUND, "\"nope\"");
	sm_table_free(t);
	t = typed_table(1);
	sm_assert_ok(sm_table_set_string(t, 0, 0, "only"));
	sm_assert_ok(sm_table_sort(t, "id", true));
	ck_assert_str_eq(join_strings(t, "id"), "only");
	sm_table_free(t);
}
END_TEST

/* ---- truncate ----------------------------------------------------------- */

START_TEST(test_truncate)
{
	sm_table *t = ties_table();
	sm_table_truncate(t, 10); /* more than it has: no effect */
	ck_assert_uint_eq(sm_table_rows(t), 5);
	sm_table_truncate(t, 5);
	ck_assert_uint_eq(sm_table_rows(t), 5);
	sm_assert_ok(sm_table_sort(t, "count", false));
	sm_table_truncate(t, 2); /* the top two */
	ck_assert_uint_eq(sm_table_rows(t), 2);
	ck_assert_uint_eq(sm_table_columns(t), 4);
	size_t n = 0;
	ck_assert_ptr_nonnull(sm_table_column_double(t, "score", &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(join_strings(t, "id"), "b,d");
	sm_assert_fails(sm_table_set_int64(t, 2, 2, 1), SM_EINVAL,
	                "row 2 is out of range (the table has 2 rows)");
	assert_render(t, SM_TABLE_CSV, 0, "id,score,count,flag\nb,1,1,false\nd,3,1,false\n");
	sm_table_truncate(t, 0);
	ck_assert_uint_eq(sm_table_rows(t), 0);
	assert_render(t, SM_TABLE_JSON, 0, "[]\n");
	sm_table_truncate(NULL, 1); /* does nothing */
	sm_table_free(t);
}
END_TEST

/* ---- writers ------------------------------------------------------------ */

/* The table the writer tests share: every type, missing values, tricky text. */
static sm_table *sample_table(void)
{
	sm_table *t = typed_table(5);
	sm_assert_ok(sm_table_add_column(NULL, t, "note", SM_COLUMN_STRING));
	static const char *ids[] = {"alice", "bob, jr", "carol", "-1", "\xc3\xa9mile"};
	static const double scores[] = {0.1, NAN, 1e300, -0.5, 2.0 / 3.0};
	static const int64_t counts[] = {3, -2, 0, INT64_MIN, INT64_MAX};
	static const char *notes[] = {"=SUM(A1)", NULL, "say \"hi\"", "line\nbreak", ""};
	for (size_t r = 0; r < 5; r++) {
		sm_assert_ok(sm_table_set_string(t, 0, r, ids[r]));
		sm_assert_ok(sm_table_set_double(t, 1, r, scores[r]));
		sm_assert_ok(sm_table_set_int64(t, 2, r, counts[r]));
		sm_assert_ok(sm_table_set_bool(t, 3, r, r % 2 == 0));
		sm_assert_ok(sm_table_set_string(t, 4, r, notes[r]));
	}
	return t;
}

START_TEST(test_write_csv)
{
	sm_table *t = sample_table();
	assert_render(t, SM_TABLE_CSV, 0,
	              "id,score,count,flag,note\n"
	              "alice,0.1,3,true,'=SUM(A1)\n"
	              "\"bob, jr\",,-2,false,\n"
	              "carol,1e+300,0,true,\"say \"\"hi\"\"\"\n"
	              "'-1,-0.5,-9223372036854775808,false,\"line\nbreak\"\n"
	              "\xc3\xa9mile,0.6666666666666666,9223372036854775807,true,\n");
	/* Fixed significant digits; numbers are never neutralised. */
	assert_render(t, SM_TABLE_CSV, 3,
	              "id,score,count,flag,note\n"
	              "alice,0.1,3,true,'=SUM(A1)\n"
	              "\"bob, jr\",,-2,false,\n"
	              "carol,1e+300,0,true,\"say \"\"hi\"\"\"\n"
	              "'-1,-0.5,-9223372036854775808,false,\"line\nbreak\"\n"
	              "\xc3\xa9mile,0.667,9223372036854775807,true,\n");
	assert_render(t, SM_TABLE_CSV, 17, /* 17 digits: exact but not shortest */
	              "id,score,count,flag,note\n"
	              "alice,0.10000000000000001,3,true,'=SUM(A1)\n"
	              "\"bob, jr\",,-2,false,\n"
	              "carol,1.0000000000000001e+300,0,true,\"say \"\"hi\"\"\"\n"
	              "'-1,-0.5,-9223372036854775808,false,\"line\nbreak\"\n"
	              "\xc3\xa9mile,0.66666666666666663,9223372036854775807,true,\n");
	sm_table_free(t);

	/* Header names are neutralised too; infinities are written as inf. */
	sm_assert_ok(sm_table_new(&t, 2));
	sm_assert_ok(sm_table_add_column(NULL, t, "+x", SM_COLUMN_DOUBLE));
	sm_assert_ok(sm_table_add_column(NULL, t, "@y", SM_COLUMN_STRING));
	sm_assert_ok(sm_table_set_double(t, 0, 0, INFINITY));
	sm_assert_ok(sm_table_set_double(t, 0, 1, -INFINITY));
	sm_assert_ok(sm_table_set_string(t, 1, 0, "+1"));
	sm_assert_ok(sm_table_set_string(t, 1, 1, "@cmd"));
	assert_render(t, SM_TABLE_CSV, 0, "'+x,'@y\ninf,'+1\n-inf,'@cmd\n");
	sm_table_free(t);
}
END_TEST

START_TEST(test_write_json)
{
	sm_table *t = sample_table();
	const char *expected =
		"[\n"
		"  {\"id\": \"alice\", \"score\": 0.1, \"count\": 3, \"flag\": true, "
		"\"note\": \"=SUM(A1)\"},\n"
		"  {\"id\": \"bob, jr\", \"score\": null, \"count\": -2, \"flag\": false, "
		"\"note\": null},\n"
		"  {\"id\": \"carol\", \"score\": 1e+300, \"count\": 0, \"flag\": true, "
		"\"note\": \"say \\\"hi\\\"\"},\n"
		"  {\"id\": \"-1\", \"score\": -0.5, \"count\": -9223372036854775808, "
		"\"flag\": false, \"note\": \"line\\nbreak\"},\n"
		"  {\"id\": \"\xc3\xa9mile\", \"score\": 0.6666666666666666, "
		"\"count\": 9223372036854775807, \"flag\": true, \"note\": \"\"}\n"
		"]\n";
	char *got = render(t, SM_TABLE_JSON, 0);
	ck_assert_str_eq(got, expected);
	/* Python reads it back to the same values (its float repr is the
	 * shortest round-trip text too). */
	char *py = python_json(got);
	ck_assert_str_eq(py,
	                 "[{\"id\": \"alice\", \"score\": 0.1, \"count\": 3, \"flag\": true, "
	                 "\"note\": \"=SUM(A1)\"}, "
	                 "{\"id\": \"bob, jr\", \"score\": null, \"count\": -2, \"flag\": false, "
	                 "\"note\": null}, "
	                 "{\"id\": \"carol\", \"score\": 1e+300, \"count\": 0, \"flag\": true, "
	                 "\"note\": \"say \\\"hi\\\"\"}, "
	                 "{\"id\": \"-1\", \"score\": -0.5, \"count\": -9223372036854775808, "
	                 "\"flag\": false, \"note\": \"line\\nbreak\"}, "
	                 "{\"id\": \"\\u00e9mile\", \"score\": 0.6666666666666666, "
	                 "\"count\": 9223372036854775807, \"flag\": true, \"note\": \"\"}]\n");
	free(py);
	free(got);

	/* digits = 3. */
	got = render(t, SM_TABLE_JSON, 3);
	ck_assert_ptr_nonnull(strstr(got, "\"score\": 0.667,"));
	free(got);
	sm_table_free(t);
}
END_TEST

START_TEST(test_write_json_special)
{
	/* Infinities, control characters, odd names: still valid JSON. */
	sm_table *t = NULL;
	sm_assert_ok(sm_table_new(&t, 3));
	sm_assert_ok(sm_table_add_column(NULL, t, "k\"ey\\", SM_COLUMN_DOUBLE));
	sm_assert_ok(sm_table_add_column(NULL, t, "s", SM_COLUMN_STRING));
	sm_assert_ok(sm_table_set_double(t, 0, 0, INFINITY));
	sm_assert_ok(sm_table_set_double(t, 0, 1, -INFINITY));
	sm_assert_ok(sm_table_set_double(t, 0, 2, 5e-324));
	sm_assert_ok(sm_table_set_string(t, 1, 0, "tab\there\x01\x7f"));
	sm_assert_ok(sm_table_set_string(t, 1, 1, "\xe2\x80\xa8 \xf0\x9f\x98\x80"));
	char *got = render(t, SM_TABLE_JSON, 0);
	ck_assert_str_eq(got, "[\n"
	                      "  {\"k\\\"ey\\\\\": null, \"s\": \"tab\\there\\u0001\\u007f\"},\n"
	                      "  {\"k\\\"ey\\\\\": null, "
	                      "\"s\": \"\xe2\x80\xa8 \xf0\x9f\x98\x80\"},\n"
	                      "  {\"k\\\"ey\\\\\": 5e-324, \"s\": null}\n"
	                      "]\n");
	char *py = python_json(got);
	ck_assert_str_eq(py, "[{\"k\\\"ey\\\\\": null, \"s\": \"tab\\there\\u0001\\u007f\"}, "
	                     "{\"k\\\"ey\\\\\": null, \"s\": \"\\u2028 \\ud83d\\ude00\"}, "
	                     "{\"k\\\"ey\\\\\": 5e-324, \"s\": null}]\n");
	free(py);
	free(got);
	sm_table_free(t);
}
END_TEST

START_TEST(test_write_text)
{
	sm_table *t = NULL;
	sm_assert_ok(sm_table_new(&t, 4));
	sm_assert_ok(sm_table_add_column(NULL, t, "id", SM_COLUMN_STRING));
	sm_assert_ok(sm_table_add_column(NULL, t, "score", SM_COLUMN_DOUBLE));
	sm_assert_ok(sm_table_add_column(NULL, t, "n", SM_COLUMN_INT64));
	sm_assert_ok(sm_table_add_column(NULL, t, "ok", SM_COLUMN_BOOL));
	static const char *ids[] = {"alice", "b\xc3\xb6", "tab\there", NULL};
	static const double scores[] = {0.5, NAN, 1234567.891, -INFINITY};
	static const int64_t ns[] = {3, -12, 0, 7};
	for (size_t r = 0; r < 4; r++) {
		sm_assert_ok(sm_table_set_string(t, 0, r, ids[r]));
		sm_assert_ok(sm_table_set_double(t, 1, r, scores[r]));
		sm_assert_ok(sm_table_set_int64(t, 2, r, ns[r]));
		sm_assert_ok(sm_table_set_bool(t, 3, r, r != 1));
	}
	/* digits 0: 6 significant digits. "bö" is two characters wide, the tab
	 * shows as '?', missing cells are blank, no trailing blanks. */
	assert_render(t, SM_TABLE_TEXT, 0,
	              "id              score    n  ok\n"
	              "--------  -----------  ---  -----\n"
	              "alice             0.5    3  true\n"
	              "b\xc3\xb6                     -12  false\n"
	              "tab?here  1.23457e+06    0  true\n"
	              "                 -inf    7  true\n");
	assert_render(t, SM_TABLE_TEXT, 3,
	              "id           score    n  ok\n"
	              "--------  --------  ---  -----\n"
	              "alice          0.5    3  true\n"
	              "b\xc3\xb6                  -12  false\n"
	              "tab?here  1.23e+06    0  true\n"
	              "              -inf    7  true\n");
	sm_table_free(t);

	/* Newlines and C1 controls in names and cells; a wide last column of
	 * numbers is right-aligned under its header. */
	sm_assert_ok(sm_table_new(&t, 2));
	sm_assert_ok(sm_table_add_column(NULL, t, "na\nme", SM_COLUMN_STRING));
	sm_assert_ok(sm_table_add_column(NULL, t, "v", SM_COLUMN_INT64));
	sm_assert_ok(sm_table_set_string(t, 0, 0, "a\r\nb\xc2\x85" "c"));
	sm_assert_ok(sm_table_set_string(t, 0, 1, "\xe2\x82\xac"));
	sm_assert_ok(sm_table_set_int64(t, 1, 0, 123456));
	assert_render(t, SM_TABLE_TEXT, 0,
	              "na?me        v\n"
	              "------  ------\n"
	              "a??b?c  123456\n"
	              "\xe2\x82\xac            0\n");
	sm_table_free(t);
}
END_TEST

START_TEST(test_write_empty)
{
	sm_table *t = NULL;
	sm_assert_ok(sm_table_new(&t, 2));
	/* No columns: nothing to write as CSV or text; JSON has empty objects. */
	assert_render(t, SM_TABLE_CSV, 0, "");
	assert_render(t, SM_TABLE_TEXT, 0, "");
	assert_render(t, SM_TABLE_JSON, 0, "[\n  {},\n  {}\n]\n");
	sm_table_free(t);

	/* No rows: the header only. */
	t = typed_table(0);
	assert_render(t, SM_TABLE_CSV, 0, "id,score,count,flag\n");
	assert_render(t, SM_TABLE_JSON, 0, "[]\n");
	assert_render(t, SM_TABLE_TEXT, 0, "id  score  count  flag\n--  -----  -----  ----\n");
	sm_table_free(t);
}
END_TEST

START_TEST(test_write_stream_bad)
{
	sm_table *t = sample_table();
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	sm_assert_fails(sm_table_write_stream(NULL, f, SM_TABLE_CSV, 0), SM_EINVAL,
	                "table is NULL");
	sm_assert_fails(sm_table_write_stream(t, NULL, SM_TABLE_CSV, 0), SM_EINVAL,
	                "stream is NULL");
	sm_assert_fails(sm_table_write_stream(t, f, (sm_table_format)99, 0), SM_EINVAL,
	                "unknown table format 99");
	sm_assert_fails(sm_table_write_stream(t, f, SM_TABLE_CSV, -1), SM_EINVAL,
	                "digits -1 is outside 0..17");
	sm_assert_fails(sm_table_write_stream(t, f, SM_TABLE_JSON, 18), SM_EINVAL,
	                "digits 18 is outside 0..17");
	ck_assert_int_eq(ftell(f), 0); /* nothing written */
	fclose(f);

	/* A full device is an I/O error naming the system's reason. */
	f = fopen("/dev/full", "w");
	if (f) {
		sm_assert_fails(sm_table_write_stream(t, f, SM_TABLE_CSV, 0), SM_EIO,
		                "cannot write the table: No space left on device");
		fclose(f);
	}

	/* Text writer out of memory. */
	f = tmpfile();
	sm_alloc_fail_after(0);
	int rc = sm_table_write_stream(t, f, SM_TABLE_TEXT, 0);
	sm_alloc_fail_after(-1);
	ck_assert_int_eq(rc, SM_ENOMEM);
	fclose(f);
	sm_table_free(t);
}
END_TEST

START_TEST(test_write_file)
{
	sm_table *t = sample_table();
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "out.csv");

	sm_assert_ok(sm_table_write_file(t, path, SM_TABLE_CSV, 0));
	char *got = sm_test_read(path, NULL);
	char *want = render(t, SM_TABLE_CSV, 0);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	ck_assert_int_eq(dir_entries(dir), 1); /* no temporary file left */

	/* Replacing an existing file. */
	sm_assert_ok(sm_table_write_file(t, path, SM_TABLE_JSON, 0));
	got = sm_test_read(path, NULL);
	want = render(t, SM_TABLE_JSON, 0);
	ck_assert_str_eq(got, want);
	free(want);
	ck_assert_int_eq(dir_entries(dir), 1);

	/* Bad arguments leave the file untouched. */
	sm_assert_fails(sm_table_write_file(t, path, SM_TABLE_TEXT, 40), SM_EINVAL,
	                "digits 40 is outside 0..17");
	sm_assert_fails(sm_table_write_file(t, path, (sm_table_format)-1, 0), SM_EINVAL,
	                "unknown table format -1");
	sm_assert_fails(sm_table_write_file(NULL, path, SM_TABLE_TEXT, 0), SM_EINVAL,
	                "table is NULL");
	sm_assert_fails(sm_table_write_file(t, NULL, SM_TABLE_TEXT, 0), SM_EINVAL,
	                "output path is NULL");
	sm_assert_fails(sm_table_write_file(t, "", SM_TABLE_TEXT, 0), SM_EINVAL,
	                "output path is empty");
	char *again = sm_test_read(path, NULL);
	ck_assert_str_eq(again, got);
	free(again);
	free(got);

	/* Out of memory while writing text: the old file stays, nothing else left. */
	for (int64_t k = 0; k < 3; k++) {
		sm_alloc_fail_after(k);
		int rc = sm_table_write_file(t, path, SM_TABLE_TEXT, 0);
		sm_alloc_fail_after(-1);
		ck_assert_int_eq(rc, SM_ENOMEM);
		ck_assert_int_eq(dir_entries(dir), 1);
	}
	got = sm_test_read(path, NULL);
	ck_assert_ptr_nonnull(strstr(got, "\"id\": \"alice\""));
	free(got);

	/* A missing folder: EIO naming the path, nothing created. */
	char *missing = sm_test_join(dir, "no/such/dir/out.csv");
	sm_assert_fails(sm_table_write_file(t, missing, SM_TABLE_CSV, 0), SM_EIO, missing);
	ck_assert_ptr_nonnull(strstr(sm_error_last()->message, "No such file or directory"));
	ck_assert_int_eq(dir_entries(dir), 1);
	free(missing);

	sm_test_rmtree(dir);
	free(path);
	free(dir);
	sm_table_free(t);
}
END_TEST

START_TEST(test_notes)
{
	sm_table *t;
	sm_assert_ok(sm_table_new(&t, 2));
	ck_assert_uint_eq(sm_table_note_count(t), 0);
	ck_assert_ptr_null(sm_table_note(t, "seed"));
	sm_assert_ok(sm_table_set_note(t, "seed", "42"));
	sm_assert_ok(sm_table_set_note(t, "samples", "100"));
	sm_assert_ok(sm_table_set_note(t, "seed", "43"));
	ck_assert_uint_eq(sm_table_note_count(t), 2);
	ck_assert_str_eq(sm_table_note(t, "seed"), "43");
	ck_assert_str_eq(sm_table_note_key(t, 1), "samples");
	ck_assert_ptr_null(sm_table_note_key(t, 2));
	sm_assert_fails(sm_table_set_note(t, "", "x"), SM_EINVAL, "non-empty key");
	sm_assert_fails(sm_table_set_note(t, "k", NULL), SM_EINVAL, "value");
	sm_assert_fails(sm_table_set_note(t, "k", "\xff"), SM_EINVAL, "UTF-8");
	sm_alloc_fail_after(0);
	ck_assert_int_eq(sm_table_set_note(t, "new", "v"), SM_ENOMEM);
	sm_alloc_fail_after(-1);
	ck_assert_uint_eq(sm_table_note_count(t), 2);
	/* Notes are not written with the rows. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	sm_assert_ok(sm_table_write_stream(t, f, SM_TABLE_CSV, 0));
	fclose(f);
	ck_assert(strstr(buf, "seed") == NULL);
	free(buf);
	sm_table_free(t);
}
END_TEST

Suite *table_suite(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("columns");
	tcase_add_test(tc, test_new_and_free);
	tcase_add_test(tc, test_notes);
	tcase_add_test(tc, test_add_column);
	tcase_add_test(tc, test_add_column_zero_rows);
	tcase_add_test(tc, test_find_column);
	tcase_add_test(tc, test_column_getters);
	suite_add_tcase(s, tc);

	tc = tcase_create("cells");
	tcase_add_test(tc, test_set_get);
	tcase_add_test(tc, test_set_get_bad);
	tcase_add_test(tc, test_alloc_failures);
	suite_add_tcase(s, tc);

	tc = tcase_create("sort");
	tcase_add_test(tc, test_sort_stable_ties);
	tcase_add_test(tc, test_sort_nan_last);
	tcase_add_test(tc, test_sort_strings);
	tcase_add_test(tc, test_sort_many);
	tcase_add_test(tc, test_sort_bad);
	tcase_add_test(tc, test_truncate);
	suite_add_tcase(s, tc);

	tc = tcase_create("writers");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_write_csv);
	tcase_add_test(tc, test_write_json);
	tcase_add_test(tc, test_write_json_special);
	tcase_add_test(tc, test_write_text);
	tcase_add_test(tc, test_write_empty);
	tcase_add_test(tc, test_write_stream_bad);
	tcase_add_test(tc, test_write_file);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(table_suite)
