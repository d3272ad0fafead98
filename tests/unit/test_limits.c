/*
 * The documented limits (docs/SECURITY.md, "Limits"): each is accepted at
 * the limit, rejected one past it with SM_ELIMIT and a message naming the
 * limit, and leaves the inputs unchanged. Hostile files: garbage is rejected
 * on its first bytes, GraphML entity expansion ("billion laughs") and
 * external entities at once. The 1 GB files, measured in peak memory, are in
 * tests/cli/test_limits.py.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "support.h"

#define SENTINEL ((void *)&sentinel_storage)
static char sentinel_storage;

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) * 1e-9;
}

START_TEST(id_length)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, false));
	char *id = repeat('x', SM_MAX_STRING_BYTES);
	int64_t index = -1;
	sm_assert_ok(sm_network_add_actor(&index, net, id, NULL, NULL));
	ck_assert_int_eq(index, 0);

	char *longer = repeat('y', SM_MAX_STRING_BYTES + 1);
	index = -7;
	sm_assert_fails(sm_network_add_actor(&index, net, longer, NULL, NULL), SM_ELIMIT,
	                "is 65537 bytes long; the limit is 65536");
	ck_assert_int_eq(index, -7);
	/* Labels and kinds have the same limit. */
	sm_assert_fails(sm_network_add_actor(&index, net, "z", longer, NULL), SM_ELIMIT,
	                "the limit is 65536");
	sm_assert_fails(sm_network_add_actor(&index, net, "z", NULL, longer), SM_ELIMIT,
	                "the limit is 65536");
	ck_assert_int_eq(sm_network_actor_count(net), 1);
	free(longer);
	free(id);
	sm_network_free(net);
}
END_TEST

START_TEST(attribute_count)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, false));
	int64_t a;
	sm_assert_ok(sm_network_add_actor(&a, net, "a", NULL, NULL));
	char name[32];
	for (int k = 0; k < SM_MAX_ATTRIBUTES; k++) {
		snprintf(name, sizeof name, "attr%d", k);
		sm_value v = sm_value_number(k);
		sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, a, name, &v));
	}
	ck_assert_int_eq(sm_network_attr_count(net, SM_ACTOR), SM_MAX_ATTRIBUTES);
	sm_value one = sm_value_number(1);
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, a, "one_more", &one), SM_ELIMIT,
	                "more than 1024 actor attributes (adding \"one_more\")");
	ck_assert_int_eq(sm_network_attr_count(net, SM_ACTOR), SM_MAX_ATTRIBUTES);
	/* An existing attribute can still be set. */
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, a, "attr7", &one));
	sm_network_free(net);
}
END_TEST

START_TEST(file_size)
{
	char *path = sm_test_data("json/full.json");
	sm_load_options o = SM_LOAD_OPTIONS_INIT;
	o.max_file_bytes = 100;
	sm_network *net = SENTINEL;
	sm_assert_fails(sm_network_load(&net, path, &o), SM_ELIMIT,
	                "is larger than the limit of 100 bytes");
	ck_assert_ptr_eq(net, SENTINEL);
	free(path);

	/* The CSV reader counts the bytes as it streams them. */
	path = sm_test_data("csv/example");
	o.max_file_bytes = 64;
	sm_assert_fails(sm_network_load(&net, path, &o), SM_ELIMIT, "the limit of 64 bytes");
	ck_assert_ptr_eq(net, SENTINEL);
	o.max_file_bytes = 0; /* the default, 4 GiB */
	sm_assert_ok(sm_network_load(&net, path, &o));
	sm_network_free(net);
	free(path);

	/* A buffer larger than the limit is refused before it is parsed. */
	static const char doc[] = "{\"stakemap\": 1, \"actors\": [], \"relationships\": []}";
	o.max_file_bytes = 10;
	net = SENTINEL;
	sm_assert_fails(sm_network_load_buffer(&net, doc, strlen(doc), SM_FORMAT_JSON, "doc.json",
	                                       &o),
	                SM_ELIMIT, "exceeds the limit of 10 bytes");
	ck_assert_ptr_eq(net, SENTINEL);
}
END_TEST

/* A network document whose one attribute value nests `depth` levels in all
 * (the top-level object and the actors array count). */
static char *nested_document(int depth)
{
	static const char head[] = "{\"stakemap\": 1, \"actors\": [{\"id\": \"a\", \"attributes\": "
	                           "{\"x\": ";
	static const char tail[] = "}}], \"relationships\": []}";
	int inner = depth - 4; /* top object, actors array, actor object, attributes object */
	size_t n = strlen(head) + 2 * (size_t)inner + strlen(tail) + 2;
	char *s = malloc(n);
	ck_assert_ptr_nonnull(s);
	char *p = s + sprintf(s, "%s", head);
	for (int i = 0; i < inner; i++)
		*p++ = '[';
	*p++ = '1';
	for (int i = 0; i < inner; i++)
		*p++ = ']';
	strcpy(p, tail);
	return s;
}

START_TEST(json_depth)
{
	sm_network *net = SENTINEL;
	char *at_limit = nested_document(SM_MAX_JSON_DEPTH);
	/* At the limit the nesting is accepted by the reader; the value is then
	 * refused for what it is (an array), not for its depth. */
	sm_assert_fails(sm_network_load_buffer(&net, at_limit, strlen(at_limit), SM_FORMAT_JSON,
	                                       "deep.json", NULL),
	                SM_EINVAL, "attribute \"x\" is an array");
	/* The head is 59 bytes; four levels are open there, so the 65th level is
	 * the 61st '[': column 59 + 61 = 120. */
	char *past = nested_document(SM_MAX_JSON_DEPTH + 1);
	sm_assert_fails(sm_network_load_buffer(&net, past, strlen(past), SM_FORMAT_JSON, "deep.json",
	                                       NULL),
	                SM_ELIMIT, "deep.json:1:120: JSON nested deeper than 64 levels");
	ck_assert_ptr_eq(net, SENTINEL);
	free(at_limit);
	free(past);

	/* 100 000 levels: refused by the scan, which does not recurse. */
	char *deep = repeat('[', 100000);
	deep[0] = '{';
	sm_assert_fails(sm_network_load_buffer(&net, deep, strlen(deep), SM_FORMAT_JSON, "deep.json",
	                                       NULL),
	                SM_ELIMIT, "nested deeper than 64 levels");
	free(deep);
}
END_TEST

START_TEST(expression_length_and_depth)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, false));
	int64_t a;
	sm_assert_ok(sm_network_add_actor(&a, net, "a", NULL, "ngo"));
	sm_selection *sel = SENTINEL;

	/* kind = '…' padded with spaces to exactly the limit, then one more. */
	char *expr = repeat(' ', SM_MAX_EXPRESSION_BYTES + 1);
	memcpy(expr, "kind = 'ngo'", 12);
	expr[SM_MAX_EXPRESSION_BYTES] = '\0';
	sm_assert_ok(sm_select(&sel, net, expr));
	ck_assert_int_eq(sm_selection_count(sel), 1);
	sm_selection_free(sel);
	expr[SM_MAX_EXPRESSION_BYTES] = ' ';
	sel = SENTINEL;
	sm_assert_fails(sm_select(&sel, net, expr), SM_ELIMIT,
	                "the expression is longer than 65536 bytes");
	ck_assert_ptr_eq(sel, SENTINEL);
	free(expr);

	/* 256 levels of "not" are accepted, 257 are not. */
	char buf[2048];
	char *p = buf;
	for (int i = 0; i < 256; i++)
		p += sprintf(p, "not ");
	strcpy(p, "kind = 'ngo'");
	sm_assert_ok(sm_select(&sel, net, buf));
	ck_assert_int_eq(sm_selection_count(sel), 1); /* an even number of negations */
	sm_selection_free(sel);
	memmove(buf + 4, buf, strlen(buf) + 1);
	memcpy(buf, "not ", 4);
	sel = SENTINEL;
	sm_assert_fails(sm_select(&sel, net, buf), SM_ELIMIT, "nested deeper than 256 levels");
	ck_assert_ptr_eq(sel, SENTINEL);
	sm_network_free(net);
}
END_TEST

START_TEST(csv_cell_and_columns)
{
	/* A cell one byte over the limit, in a quoted cell that spans lines. */
	size_t n = (size_t)SM_MAX_STRING_BYTES + 1;
	char *rels = malloc(n + 64);
	ck_assert_ptr_nonnull(rels);
	char *p = rels + sprintf(rels, "source,target\na,\"");
	memset(p, 'b', n);
	for (size_t i = 1000; i < n; i += 1000)
		p[i] = '\n';
	strcpy(p + n, "\"\n");
	sm_network *net = SENTINEL;
	sm_assert_fails(sm_network_load_csv_buffers(&net, NULL, 0, rels, strlen(rels), NULL),
	                SM_ELIMIT, "a cell is longer than 65536 bytes");
	ck_assert_ptr_eq(net, SENTINEL);
	free(rels);

	/* A header with more columns than attributes allowed (+ the fixed ones). */
	size_t cols = SM_MAX_ATTRIBUTES + 17;
	char *wide = malloc(cols * 8 + 32);
	ck_assert_ptr_nonnull(wide);
	p = wide + sprintf(wide, "source,target");
	for (size_t k = 2; k < cols; k++)
		p += sprintf(p, ",c%zu", k);
	strcpy(p, "\na,b\n");
	sm_assert_fails(sm_network_load_csv_buffers(&net, NULL, 0, wide, strlen(wide), NULL),
	                SM_ELIMIT, "the header has 1041 columns; the limit is 1040");
	ck_assert_ptr_eq(net, SENTINEL);
	free(wide);
}
END_TEST

/* Garbage is refused on its first bytes, whatever its size. */
START_TEST(json_garbage)
{
	size_t n = 1 << 20;
	char *zeros = calloc(n, 1);
	ck_assert_ptr_nonnull(zeros);
	sm_network *net = SENTINEL;
	sm_assert_fails(sm_network_load_buffer(&net, zeros, n, SM_FORMAT_JSON, "zeros.json", NULL),
	                SM_EPARSE, "zeros.json:1:1: not JSON: the input starts with byte 0x00");
	zeros[0] = '{';
	sm_assert_fails(sm_network_load_buffer(&net, zeros, n, SM_FORMAT_JSON, "zeros.json", NULL),
	                SM_EPARSE, "zeros.json:1:2: NUL byte: JSON text cannot contain one");
	memcpy(zeros, "  \n  GIF89a", 11);
	sm_assert_fails(sm_network_load_buffer(&net, zeros, n, SM_FORMAT_JSON, "zeros.json", NULL),
	                SM_EPARSE, "zeros.json:2:3: not JSON: the input starts with 'G'");
	/* A UTF-8 byte order mark is skipped; the column counts its bytes. */
	memcpy(zeros, "\xEF\xBB\xBF\xC3\xA9t\xC3\xA9", 8);
	sm_assert_fails(sm_network_load_buffer(&net, zeros, n, SM_FORMAT_JSON, "zeros.json", NULL),
	                SM_EPARSE, "zeros.json:1:4: not JSON: the input starts with byte 0xC3");
	/* Malformed UTF-8 before the first NUL is reported as such. */
	memcpy(zeros, "{\"a\xFF", 4);
	sm_assert_fails(sm_network_load_buffer(&net, zeros, n, SM_FORMAT_JSON, "zeros.json", NULL),
	                SM_EPARSE, "zeros.json:1:4: malformed UTF-8 (byte 0xFF)");
	ck_assert_ptr_eq(net, SENTINEL);

	/* The same from a file: the reader stops at the first 64 KiB read. */
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "garbage.json");
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	memcpy(zeros, "{\"a\xFF", 4);
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(fwrite(zeros, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	sm_assert_fails(sm_network_load(&net, path, NULL), SM_EPARSE,
	                "garbage.json:1:4: malformed UTF-8 (byte 0xFF)");
	ck_assert_ptr_eq(net, SENTINEL);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
	free(zeros);
}
END_TEST

static void graphml_rejected_fast(const char *case_name, const char *needle)
{
	char *rel = sm_test_join("invalid/graphml", case_name);
	char *dir = sm_test_data(rel);
	char *path = sm_test_join(dir, "network.graphml");
	size_t size = 0;
	char *text = sm_test_read(path, &size);
	ck_assert_ptr_nonnull(text);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 100; i++) {
		sm_network *net = SENTINEL;
		sm_assert_fails(sm_network_load_buffer(&net, text, size, SM_FORMAT_GRAPHML, "x.graphml",
		                                       NULL),
		                SM_EPARSE, needle);
		ck_assert_ptr_eq(net, SENTINEL);
	}
	double t = seconds_since(&t0);
	ck_assert_msg(t < 1.0, "%s: 100 rejections took %.2f s", case_name, t);
	free(text);
	free(path);
	free(dir);
	free(rel);
}

START_TEST(graphml_entities)
{
	graphml_rejected_fast("doctype_billion_laughs", "DOCTYPE not allowed");
	graphml_rejected_fast("doctype_external_entity", "DOCTYPE not allowed");
	graphml_rejected_fast("doctype_external_dtd", "DOCTYPE not allowed");
}
END_TEST

Suite *limits_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("limits");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, id_length);
	tcase_add_test(tc, attribute_count);
	tcase_add_test(tc, file_size);
	tcase_add_test(tc, json_depth);
	tcase_add_test(tc, expression_length_and_depth);
	tcase_add_test(tc, csv_cell_and_columns);
	tcase_add_test(tc, json_garbage);
	tcase_add_test(tc, graphml_entities);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(limits_suite)
