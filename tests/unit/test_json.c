/*
 * Tests of the native JSON format (lib/io/json.c): every valid construct
 * round-trips exactly, the writer is deterministic, and every bad input in
 * tests/data/invalid/json/<case>/ fails with the expected message.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "support.h"

#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "io/io_internal.h"

/* ---- helpers ------------------------------------------------------------- */

static sm_network *load_ok(const char *path)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_load(&net, path, NULL));
	ck_assert_ptr_nonnull(net);
	return net;
}

static sm_network *load_data(const char *relative)
{
	char *path = sm_test_data(relative);
	sm_network *net = load_ok(path);
	free(path);
	return net;
}

static sm_network *load_text(const char *text)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_load_buffer(&net, text, strlen(text), SM_FORMAT_JSON, "t.json",
	                                    NULL));
	return net;
}

/* Load `text` from memory, expecting failure with `code` and `needle` in the message. */
static void load_text_fails(const char *text, int code, const char *needle)
{
	sm_network *net = NULL;
	sm_assert_fails(sm_network_load_buffer(&net, text, strlen(text), SM_FORMAT_JSON,
	                                       "t.json", NULL),
	                code, needle);
	ck_assert_ptr_null(net);
}

static bool same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof(double)) == 0;
}

static void assert_same_value(const sm_value *a, const sm_value *b, const char *what)
{
	ck_assert_msg(a->type == b->type, "%s: type %d vs %d", what, a->type, b->type);
	switch (a->type) {
	case SM_VALUE_STRING:
		ck_assert_str_eq(a->as.s, b->as.s);
		break;
	case SM_VALUE_NUMBER:
		ck_assert_msg(same_double(a->as.n, b->as.n), "%s: %.17g vs %.17g", what, a->as.n,
		              b->as.n);
		break;
	case SM_VALUE_BOOL:
		ck_assert_int_eq(a->as.b, b->as.b);
		break;
	case SM_VALUE_NULL:
		break;
	}
}

static void assert_same_attrs(const sm_network *a, const sm_network *b, sm_element what,
                              int64_t count)
{
	int64_t k_count = sm_network_attr_count(a, what);
	ck_assert_int_eq(k_count, sm_network_attr_count(b, what));
	for (int64_t k = 0; k < k_count; k++) {
		sm_value_type ta, tb;
		const char *name = sm_network_attr_name(a, what, k, &ta);
		ck_assert_str_eq(name, sm_network_attr_name(b, what, k, &tb));
		ck_assert_int_eq(ta, tb);
		for (int64_t i = 0; i < count; i++) {
			sm_value va, vb;
			sm_assert_ok(sm_network_attr(&va, a, what, i, name));
			sm_assert_ok(sm_network_attr(&vb, b, what, i, name));
			assert_same_value(&va, &vb, name);
		}
	}
}

/* Every field and attribute of two networks is equal (doubles bit for bit). */
static void assert_same_network(const sm_network *a, const sm_network *b)
{
	ck_assert_int_eq(sm_network_is_directed(a), sm_network_is_directed(b));
	int64_t n = sm_network_actor_count(a), m = sm_network_relationship_count(a);
	ck_assert_int_eq(n, sm_network_actor_count(b));
	ck_assert_int_eq(m, sm_network_relationship_count(b));
	for (int64_t i = 0; i < n; i++) {
		ck_assert_str_eq(sm_network_actor_id(a, i), sm_network_actor_id(b, i));
		ck_assert_str_eq(sm_network_actor_label(a, i), sm_network_actor_label(b, i));
		ck_assert_str_eq(sm_network_actor_kind(a, i), sm_network_actor_kind(b, i));
	}
	for (int64_t r = 0; r < m; r++) {
		sm_relationship ra, rb;
		sm_assert_ok(sm_network_relationship(&ra, a, r));
		sm_assert_ok(sm_network_relationship(&rb, b, r));
		ck_assert_int_eq(ra.source, rb.source);
		ck_assert_int_eq(ra.target, rb.target);
		ck_assert_msg(same_double(ra.quality, rb.quality), "quality %.17g vs %.17g",
		              ra.quality, rb.quality);
		if (ra.kind == NULL)
			ck_assert_ptr_null(rb.kind);
		else
			ck_assert_str_eq(ra.kind, rb.kind);
		ck_assert_int_eq(ra.since, rb.since);
		ck_assert_int_eq(ra.until, rb.until);
	}
	assert_same_attrs(a, b, SM_ACTOR, n);
	assert_same_attrs(a, b, SM_RELATIONSHIP, m);
}

static char *read_file(const char *path, size_t *size)
{
	char *text = sm_test_read(path, size);
	ck_assert_msg(text != NULL, "cannot read %s", path);
	return text;
}

/* save → load → compare; save again → byte-identical. */
static void assert_round_trip(const sm_network *net)
{
	char *dir = sm_test_tmpdir();
	char *p1 = sm_test_join(dir, "one.json");
	char *p2 = sm_test_join(dir, "two.json");
	char *p3 = sm_test_join(dir, "three.json");

	sm_assert_ok(sm_network_save(net, p1, SM_FORMAT_JSON));
	sm_network *back = load_ok(p1);
	assert_same_network(net, back);
	sm_assert_ok(sm_network_save(back, p2, SM_FORMAT_JSON));
	sm_assert_ok(sm_network_save(net, p3, SM_FORMAT_JSON));

	size_t s1, s2, s3;
	char *t1 = read_file(p1, &s1), *t2 = read_file(p2, &s2), *t3 = read_file(p3, &s3);
	ck_assert_uint_eq(s1, s2);
	ck_assert_uint_eq(s1, s3);
	ck_assert_msg(memcmp(t1, t2, s1) == 0, "saving the reloaded network changed the file");
	ck_assert_msg(memcmp(t1, t3, s1) == 0, "saving twice gave different files");

	free(t1);
	free(t2);
	free(t3);
	sm_network_free(back);
	sm_test_rmtree(dir);
	free(p1);
	free(p2);
	free(p3);
	free(dir);
}

static sm_value attr(const sm_network *net, sm_element what, int64_t i, const char *name)
{
	sm_value v;
	sm_assert_ok(sm_network_attr(&v, net, what, i, name));
	return v;
}

static int64_t actor(const sm_network *net, const char *id)
{
	int64_t i;
	sm_assert_ok(sm_network_find_actor(&i, net, id));
	return i;
}

static sm_relationship relationship(const sm_network *net, int64_t r)
{
	sm_relationship rel;
	sm_assert_ok(sm_network_relationship(&rel, net, r));
	return rel;
}

static int32_t date(const char *text)
{
	int32_t d;
	sm_assert_ok(sm_date_parse(&d, text));
	return d;
}

/* ---- reading valid files -------------------------------------------------- */

START_TEST(test_full_values)
{
	sm_network *net = load_data("json/full.json");
	ck_assert(sm_network_is_directed(net));
	ck_assert_int_eq(sm_network_actor_count(net), 7);
	ck_assert_int_eq(sm_network_relationship_count(net), 6);

	ck_assert_str_eq(sm_network_actor_id(net, 0), "amb");
	ck_assert_str_eq(sm_network_actor_label(net, 0), "Ambassador");
	ck_assert_str_eq(sm_network_actor_kind(net, 0), "diplomat");
	ck_assert_str_eq(sm_network_actor_label(net, 2), "");
	ck_assert_str_eq(sm_network_actor_kind(net, 2), "diplomat_for_hire");
	ck_assert_str_eq(sm_network_actor_id(net, 3), "r\xC3\xA9seau-\xE6\x97\xA5\xE6\x9C\xAC");
	ck_assert_str_eq(sm_network_actor_label(net, 3),
	                 "\xC3\x9Cn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9 \\ label \t tab");
	ck_assert_str_eq(sm_network_actor_kind(net, 3), "other");
	ck_assert_str_eq(sm_network_actor_kind(net, 4), "other");
	ck_assert_str_eq(sm_network_actor_label(net, 5), "");
	ck_assert_str_eq(sm_network_actor_kind(net, 5), "other");
	ck_assert_str_eq(sm_network_actor_kind(net, 6), "trade union");

	/* attributes: declared in first-use order, typed, nulls unset */
	ck_assert_int_eq(sm_network_attr_count(net, SM_ACTOR), 5);
	const char *names[] = { "gender", "age", "vip", "score", "region" };
	const sm_value_type types[] = { SM_VALUE_STRING, SM_VALUE_NUMBER, SM_VALUE_BOOL,
		                            SM_VALUE_NUMBER, SM_VALUE_STRING };
	for (int64_t k = 0; k < 5; k++) {
		sm_value_type t;
		ck_assert_str_eq(sm_network_attr_name(net, SM_ACTOR, k, &t), names[k]);
		ck_assert_int_eq(t, types[k]);
	}
	sm_value v = attr(net, SM_ACTOR, 0, "age");
	ck_assert_int_eq(v.type, SM_VALUE_NUMBER);
	ck_assert(v.as.n == 52.0);
	v = attr(net, SM_ACTOR, 0, "vip");
	ck_assert(v.type == SM_VALUE_BOOL && v.as.b);
	v = attr(net, SM_ACTOR, 0, "score");
	ck_assert(v.type == SM_VALUE_NUMBER && same_double(v.as.n, 0.1));
	v = attr(net, SM_ACTOR, 1, "age");
	ck_assert_int_eq(v.type, SM_VALUE_NULL);
	v = attr(net, SM_ACTOR, 1, "vip");
	ck_assert(v.type == SM_VALUE_BOOL && !v.as.b);
	v = attr(net, SM_ACTOR, 2, "score");
	ck_assert(v.type == SM_VALUE_NUMBER && same_double(v.as.n, -2.5e-300));
	v = attr(net, SM_ACTOR, 2, "region");
	ck_assert_int_eq(v.type, SM_VALUE_STRING);
	ck_assert_str_eq(v.as.s, "Gao \xE2\x80\x94 \"north\"\n");
	v = attr(net, SM_ACTOR, 4, "gender");
	ck_assert_int_eq(v.type, SM_VALUE_NULL);

	sm_relationship r = relationship(net, 0);
	ck_assert_int_eq(r.source, actor(net, "amb"));
	ck_assert_int_eq(r.target, actor(net, "ngo1"));
	ck_assert(r.quality == 0.8);
	ck_assert_str_eq(r.kind, "formal");
	ck_assert_int_eq(r.since, date("2023-01-15"));
	ck_assert_int_eq(r.until, date("2024-06-30"));
	v = attr(net, SM_RELATIONSHIP, 0, "weight");
	ck_assert(v.type == SM_VALUE_NUMBER && v.as.n == 3.0);
	v = attr(net, SM_RELATIONSHIP, 0, "secret");
	ck_assert(v.type == SM_VALUE_BOOL && !v.as.b);

	r = relationship(net, 1); /* a multi-relationship: kept */
	ck_assert_int_eq(r.source, 0);
	ck_assert_int_eq(r.target, 1);
	ck_assert(same_double(r.quality, 0.1 + 0.2));
	ck_assert_str_eq(r.kind, "informal");
	ck_assert_int_eq(r.since, SM_DATE_NONE);

	r = relationship(net, 2); /* quality defaults to 1; open end */
	ck_assert(r.quality == 1.0);
	ck_assert_ptr_null(r.kind);
	ck_assert_int_eq(r.since, date("2020-02-29"));
	ck_assert_int_eq(r.until, SM_DATE_NONE);

	r = relationship(net, 3);
	ck_assert_int_eq(r.target, 3);
	ck_assert_int_eq(r.since, SM_DATE_NONE);
	ck_assert_int_eq(r.until, date("1999-12-31"));
	v = attr(net, SM_RELATIONSHIP, 3, "weight"); /* beyond int64: read as a double */
	ck_assert(v.type == SM_VALUE_NUMBER && v.as.n == 12345678901234567890.0);

	r = relationship(net, 4); /* nulls and "" mean unset */
	ck_assert(same_double(r.quality, 5e-324));
	ck_assert_ptr_null(r.kind);
	ck_assert_int_eq(r.since, SM_DATE_NONE);
	ck_assert_int_eq(r.until, SM_DATE_NONE);
	v = attr(net, SM_RELATIONSHIP, 4, "channel");
	ck_assert_int_eq(v.type, SM_VALUE_NULL);

	r = relationship(net, 5); /* more digits than a double holds: rounded once */
	ck_assert(same_double(r.quality, 1.0 / 3.0));
	sm_network_free(net);
}
END_TEST

START_TEST(test_small_files)
{
	sm_network *net = load_data("json/minimal.json");
	ck_assert(!sm_network_is_directed(net));
	ck_assert_int_eq(sm_network_actor_count(net), 0);
	ck_assert_int_eq(sm_network_relationship_count(net), 0);
	sm_network_free(net);

	net = load_data("json/empty-arrays.json");
	ck_assert_int_eq(sm_network_actor_count(net), 0);
	sm_network_free(net);

	/* a byte order mark and CRLF line ends are accepted */
	net = load_data("json/bom-crlf.json");
	ck_assert_int_eq(sm_network_actor_count(net), 2);
	ck_assert_int_eq(sm_network_relationship_count(net), 1);
	ck_assert(relationship(net, 0).quality == 0.5);
	sm_network_free(net);

	net = load_data("json/undirected.json");
	ck_assert(!sm_network_is_directed(net));
	ck_assert_int_eq(sm_network_relationship_count(net), 3);
	ck_assert(relationship(net, 0).quality == 1.0);
	ck_assert(relationship(net, 1).quality == 0.25);
	ck_assert_str_eq(sm_network_actor_kind(net, 0), "media");
	sm_network_free(net);
}
END_TEST

START_TEST(test_directed_option)
{
	const char *text = "{\"stakemap\": 1, \"actors\": [{\"id\": \"a\"}]}";
	sm_network *net = NULL;
	sm_load_options opts;
	sm_load_options_init(&opts);
	opts.directed = 1;
	sm_assert_ok(sm_network_load_buffer(&net, text, strlen(text), SM_FORMAT_JSON, NULL, &opts));
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);

	/* the file's own declaration wins over the option */
	text = "{\"stakemap\": 1, \"directed\": false}";
	net = NULL;
	sm_assert_ok(sm_network_load_buffer(&net, text, strlen(text), SM_FORMAT_JSON, NULL, &opts));
	ck_assert(!sm_network_is_directed(net));
	sm_network_free(net);

	opts.directed = 0;
	text = "{\"stakemap\": 1.0, \"directed\": true}";
	net = NULL;
	sm_assert_ok(sm_network_load_buffer(&net, text, strlen(text), SM_FORMAT_JSON, NULL, &opts));
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);
}
END_TEST

/* ---- round trips ------------------------------------------------------------ */

START_TEST(test_round_trip_fixtures)
{
	const char *files[] = { "json/full.json", "json/minimal.json", "json/empty-arrays.json",
		                    "json/bom-crlf.json", "json/undirected.json" };
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		sm_network *net = load_data(files[f]);
		assert_round_trip(net);
		sm_network_free(net);
	}
}
END_TEST

START_TEST(test_round_trip_api)
{
	/* Built through the API: doubles at the edges, awkward strings. */
	const double numbers[] = { 0.1,      1.0 / 3.0, 5e-324, DBL_MAX, -DBL_MAX, -0.0, 0.0,
		                       1e21,     1e-7,      9007199254740993.0, 123456789.123,
		                       2.5e-308, -1.5,      100 };
	const double qualities[] = { 1.0, 0.1, 1.0 / 3.0, 5e-324, DBL_MIN, 0.9999999999999999,
		                         1e-300, 0.5 };
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, false));
	size_t nn = sizeof(numbers) / sizeof(numbers[0]);
	for (size_t i = 0; i < nn; i++) {
		char id[32];
		snprintf(id, sizeof(id), "a%zu", i);
		sm_assert_ok(sm_network_add_actor(NULL, net, id, i % 3 ? "" : "L", i % 2 ? "ngo" : NULL));
		sm_value v = sm_value_number(numbers[i]);
		sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, (int64_t)i, "x", &v));
		if (i % 4 == 0) {
			v = sm_value_bool(i % 8 == 0);
			sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, (int64_t)i, "flag", &v));
		}
	}
	sm_assert_ok(sm_network_add_actor(NULL, net, "quote\"back\\slash\x01\x1f\x7f/\n\r\t\b\f",
	                                  "\xF0\x9F\x98\x80 emoji \xE2\x80\xA8 LS",
	                                  "kind with \"quotes\""));
	sm_value s = sm_value_string("</script> \xC3\xA9 \\u0041");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, (int64_t)nn, "note", &s));

	size_t nq = sizeof(qualities) / sizeof(qualities[0]);
	for (size_t r = 0; r < nq; r++) {
		int64_t index;
		sm_assert_ok(sm_network_add_relationship_at(&index, net, (int64_t)r, (int64_t)r + 1,
		                                            qualities[r], r % 2 ? "funding" : NULL));
		if (r % 3 == 0)
			sm_assert_ok(sm_network_set_period(net, index, "0001-01-01", "9999-12-31"));
		if (r % 3 == 1)
			sm_assert_ok(sm_network_set_period(net, index, NULL, "1970-01-01"));
		sm_value v = sm_value_number(numbers[r]);
		sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, index, "w", &v));
	}
	assert_round_trip(net);

	/* -0.0 keeps its sign through the file */
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "n.json");
	sm_assert_ok(sm_network_save(net, path, SM_FORMAT_JSON));
	sm_network *back = load_ok(path);
	sm_value v = attr(back, SM_ACTOR, 5, "x");
	ck_assert(v.type == SM_VALUE_NUMBER && v.as.n == 0.0 && signbit(v.as.n));
	sm_network_free(back);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
	sm_network_free(net);
}
END_TEST

START_TEST(test_round_trip_directed_empty)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, true));
	assert_round_trip(net);
	sm_assert_ok(sm_network_add_actor(NULL, net, "only", NULL, NULL));
	assert_round_trip(net);
	sm_network_free(net);
}
END_TEST

/* The exact output: key order, indentation, omitted fields, number forms. */
START_TEST(test_writer_output)
{
	sm_network *net = load_text(
		"{\"relationships\": [{\"until\": \"2021-12-31\", \"kind\": \"media\", "
		"\"attributes\": {\"n\": null, \"since_year\": 2019}, \"quality\": 0.7, "
		"\"target\": \"b\", \"source\": \"a\"}, {\"source\": \"b\", \"target\": \"c\"}],"
		" \"directed\": true, \"stakemap\": 1, \"name\": \"ignored\", \"actors\": ["
		"{\"kind\": \"ngo\", \"id\": \"a\", \"attributes\": {\"w\": 1e-7, \"ok\": true}},"
		"{\"id\": \"b\", \"label\": \"B \\u00e9\", \"attributes\": {\"w\": null}},"
		"{\"id\": \"c\", \"attributes\": {\"ok\": false, \"w\": 2.5}}]}");
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "out.json");
	sm_assert_ok(sm_network_save(net, path, SM_FORMAT_JSON));
	char *text = read_file(path, NULL);
	const char *expected = "{\n"
	                       "  \"stakemap\": 1,\n"
	                       "  \"directed\": true,\n"
	                       "  \"actors\": [\n"
	                       "    {\n"
	                       "      \"id\": \"a\",\n"
	                       "      \"kind\": \"ngo\",\n"
	                       "      \"attributes\": {\n"
	                       "        \"w\": 1e-07,\n"
	                       "        \"ok\": true\n"
	                       "      }\n"
	                       "    },\n"
	                       "    {\n"
	                       "      \"id\": \"b\",\n"
	                       "      \"label\": \"B \xC3\xA9\",\n"
	                       "      \"kind\": \"other\"\n"
	                       "    },\n"
	                       "    {\n"
	                       "      \"id\": \"c\",\n"
	                       "      \"kind\": \"other\",\n"
	                       "      \"attributes\": {\n"
	                       "        \"w\": 2.5,\n"
	                       "        \"ok\": false\n"
	                       "      }\n"
	                       "    }\n"
	                       "  ],\n"
	                       "  \"relationships\": [\n"
	                       "    {\n"
	                       "      \"source\": \"a\",\n"
	                       "      \"target\": \"b\",\n"
	                       "      \"quality\": 0.7,\n"
	                       "      \"kind\": \"media\",\n"
	                       "      \"until\": \"2021-12-31\",\n"
	                       "      \"attributes\": {\n"
	                       "        \"since_year\": 2019\n"
	                       "      }\n"
	                       "    },\n"
	                       "    {\n"
	                       "      \"source\": \"b\",\n"
	                       "      \"target\": \"c\",\n"
	                       "      \"quality\": 1\n"
	                       "    }\n"
	                       "  ]\n"
	                       "}\n";
	ck_assert_str_eq(text, expected);
	free(text);

	/* an empty network */
	sm_network *empty = NULL;
	sm_assert_ok(sm_network_new(&empty, false));
	sm_assert_ok(sm_network_save(empty, path, SM_FORMAT_JSON));
	text = read_file(path, NULL);
	ck_assert_str_eq(text, "{\n  \"stakemap\": 1,\n  \"directed\": false,\n  \"actors\": [],\n"
	                       "  \"relationships\": []\n}\n");
	free(text);
	sm_network_free(empty);

	sm_network_free(net);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_write_replaces_atomically)
{
	sm_network *net = load_data("json/undirected.json");
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "net.json", "old contents");
	sm_assert_ok(sm_json_write(net, path));
	sm_network *back = load_ok(path);
	assert_same_network(net, back);
	sm_network_free(back);

	/* a folder that does not exist: SM_EIO naming the path, nothing left behind */
	char *bad = sm_test_join(dir, "missing/net.json");
	int rc = sm_json_write(net, bad);
	ck_assert_int_eq(rc, SM_EIO);
	ck_assert_ptr_nonnull(strstr(sm_error_last()->message, "missing"));
	free(bad);

	sm_network_free(net);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

/* ---- invalid inputs --------------------------------------------------------- */

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The case folders under tests/data/invalid/json, sorted. */
static char **invalid_cases(size_t *count)
{
	char *root = sm_test_data("invalid/json");
	DIR *d = opendir(root);
	ck_assert_msg(d != NULL, "cannot open %s", root);
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = sm_test_join(root, e->d_name);
	}
	closedir(d);
	free(root);
	qsort(names, n, sizeof(*names), compare_names);
	*count = n;
	return names;
}

static char *expected_error(const char *case_dir)
{
	char *path = sm_test_join(case_dir, "expected_error");
	char *text = read_file(path, NULL);
	free(path);
	size_t len = strlen(text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	ck_assert_msg(len > 0, "%s: empty expected_error", case_dir);
	return text;
}

START_TEST(test_invalid_cases)
{
	size_t n;
	char **cases = invalid_cases(&n);
	ck_assert_uint_ge(n, 40);
	for (size_t c = 0; c < n; c++) {
		char *expected = expected_error(cases[c]);
		char *path = sm_test_join(cases[c], "network.json");

		/* from the file, read in chunks */
		sm_network *net = NULL;
		int rc = sm_network_load(&net, path, NULL);
		ck_assert_msg(rc < 0, "%s: loaded without error", cases[c]);
		ck_assert_msg(net == NULL, "%s: *out written on failure", cases[c]);
		ck_assert_msg(strstr(sm_error_last()->message, expected) != NULL,
		              "%s: message \"%s\" lacks \"%s\"", cases[c], sm_error_last()->message,
		              expected);
		ck_assert_msg(sm_error_last()->line > 0 || strstr(expected, ".json:") == NULL,
		              "%s: no line in the error", cases[c]);

		/* from memory: the same message with the given name */
		size_t size;
		char *data = read_file(path, &size);
		int rc2 = sm_network_load_buffer(&net, data, size, SM_FORMAT_JSON, "network.json",
		                                 NULL);
		ck_assert_msg(rc2 == rc, "%s: buffer gave %d, file %d", cases[c], rc2, rc);
		ck_assert_msg(strstr(sm_error_last()->message, expected) != NULL,
		              "%s (buffer): message \"%s\" lacks \"%s\"", cases[c],
		              sm_error_last()->message, expected);
		ck_assert_ptr_null(net);

		free(data);
		free(path);
		free(expected);
		free(cases[c]);
	}
	free(cases);
}
END_TEST

/* The codes of a few cases (the data-driven loop checks messages only). */
START_TEST(test_invalid_codes)
{
	load_text_fails("{\"stakemap\": 1, \"actors\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}",
	                SM_EDUPLICATE, "t.json:1: actors[1]: duplicate actor id \"a\"");
	load_text_fails("{\"stakemap\": 1, \"actors\": [{\"id\": \"a\"}],\n"
	                "\"relationships\": [{\"source\": \"a\", \"target\": \"b\"}]}",
	                SM_ENOTFOUND, "t.json:2: relationships[0]: unknown actor \"b\" (target)");
	load_text_fails("{\"stakemap\": 1, \"actors\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n"
	                "\"relationships\": [{\"source\": \"a\", \"target\": \"b\", "
	                "\"quality\": 1.0000000000000002}]}",
	                SM_EINVAL, "quality 1.0000000000000002 is outside (0, 1]");
	load_text_fails("{\"stakemap\": 1, \"actors\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n"
	                "\"relationships\": [{\"source\": \"a\", \"target\": \"b\", "
	                "\"quality\": -0}]}",
	                SM_EINVAL, "quality -0 is outside (0, 1]");
	load_text_fails("{\"stakemap\": 1, \"actors\": [{\"id\": \"a\", \"attributes\": {\"x\": [1]}}]}",
	                SM_EINVAL, "attribute \"x\" is an array");
	load_text_fails("{\"stakemap\": 3}", SM_EPARSE,
	                "t.json:1: unsupported stakemap format version 3 (supported: 1)");
	load_text_fails("{\"actors\": []}", SM_EPARSE, "missing \"stakemap\"");
	load_text_fails("42", SM_EPARSE, "the top level is a number");
	load_text_fails("{\"stakemap\": 1,\n  \"a\": 1,\n  \"a\": 2}", SM_EPARSE,
	                "t.json:3:3: duplicate object key");
	load_text_fails("{\"stakemap\": 1, \"name\": \"\xE2\x82\"}", SM_EPARSE,
	                "t.json:1:26: malformed UTF-8 (byte 0xE2)");
	/* keys written with escapes still locate their elements */
	load_text_fails("{\"stakemap\": 1, \"act\\u006frs\": [{\"id\": \"a\"},\n {\"id\": 5}]}",
	                SM_EINVAL, "t.json:2: actors[1]: \"id\" must be a string, found 5");
	load_text_fails("{\"stakemap\": 1, \"actors\": [{\"id\": \"a\", \"\\u0069d\": \"b\"}]}",
	                SM_EPARSE, "duplicate object key");
	/* a byte order mark shifts the columns of line 1 */
	load_text_fails("\xEF\xBB\xBF{\"stakemap\": 1} x", SM_EPARSE, "t.json:1:20: end of file");
	/* an over-long id is refused by the model; the element and line are added */
	size_t big = SM_MAX_STRING_BYTES + 10;
	char *text = malloc(big + 100);
	int len = snprintf(text, 100, "{\"stakemap\": 1,\n\"actors\": [{\"id\": \"");
	memset(text + len, 'x', big);
	strcpy(text + len + big, "\"}]}");
	sm_network *net = NULL;
	int rc = sm_network_load_buffer(&net, text, strlen(text), SM_FORMAT_JSON, "t.json", NULL);
	ck_assert_int_lt(rc, 0);
	ck_assert_ptr_null(net);
	ck_assert_msg(strncmp(sm_error_last()->message, "t.json:2: actors[0]: ", 21) == 0, "%s",
	              sm_error_last()->message);
	free(text);
}
END_TEST

/* A document nested 10,000 deep: a clear SM_ELIMIT, no stack overflow. */
START_TEST(test_deep_nesting)
{
	const size_t depth = 10000;
	char *text = malloc(2 * depth + 1);
	memset(text, '[', depth);
	memset(text + depth, ']', depth);
	text[2 * depth] = '\0';
	load_text_fails(text, SM_ELIMIT, "t.json:1:65: JSON nested deeper than 64 levels");
	ck_assert_int_eq(sm_error_last()->line, 1);
	ck_assert_int_eq(sm_error_last()->column, 65);

	/* objects, on the second line, inside a valid prefix, from a file */
	size_t unit = strlen("{\"a\": ");
	const char *prefix = "{\"stakemap\": 1,\n \"actors\": [{\"id\": \"a\", \"attributes\": ";
	size_t plen = strlen(prefix);
	char *deep = malloc(plen + depth * (unit + 1) + 1);
	strcpy(deep, prefix);
	char *p = deep + plen;
	for (size_t i = 0; i < depth; i++, p += unit)
		memcpy(p, "{\"a\": ", unit);
	memset(p, '}', depth);
	p[depth] = '\0';
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "deep.json", deep);
	sm_network *net = NULL;
	/* depth 3 is the actor object; the 62nd "attributes" object is level 65 */
	char needle[64];
	snprintf(needle, sizeof(needle), "deep.json:2:%zu: JSON nested deeper than 64",
	         strlen(" \"actors\": [{\"id\": \"a\", \"attributes\": ") + 61 * unit + 1);
	sm_assert_fails(sm_network_load(&net, path, NULL), SM_ELIMIT, needle);
	ck_assert_ptr_null(net);

	/* 64 levels are fine as far as depth goes (this one fails for another reason) */
	memset(text, '[', 63);
	memset(text + 63, ']', 63);
	strcpy(text + 126, "");
	char *ok = malloc(200);
	snprintf(ok, 200, "{\"stakemap\": 1, \"x\": %s}", text);
	load_text_fails(ok, SM_EINVAL, "unknown key \"x\"");
	snprintf(ok, 200, "{\"stakemap\": 1, \"x\": [%s]}", text);
	load_text_fails(ok, SM_ELIMIT, "deeper than 64");

	/* brackets inside strings do not count */
	snprintf(ok, 200, "{\"stakemap\": 1, \"name\": \"%s\\\"{{\"}", text);
	sm_network *n2 = load_text(ok);
	sm_network_free(n2);

	free(ok);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
	free(deep);
	free(text);
}
END_TEST

START_TEST(test_size_limit)
{
	char *path = sm_test_data("json/full.json");
	sm_load_options opts;
	sm_load_options_init(&opts);
	opts.max_file_bytes = 100;
	sm_network *net = NULL;
	int rc = sm_network_load(&net, path, &opts);
	ck_assert_int_eq(rc, SM_ELIMIT);
	ck_assert_ptr_null(net);

	size_t size;
	char *data = read_file(path, &size);
	rc = sm_network_load_buffer(&net, data, size, SM_FORMAT_JSON, "x.json", &opts);
	ck_assert_int_eq(rc, SM_ELIMIT);
	ck_assert_ptr_null(net);

	opts.max_file_bytes = (int64_t)size;
	sm_assert_ok(sm_network_load(&net, path, &opts));
	sm_network_free(net);
	free(data);
	free(path);
}
END_TEST

/* ---- validate mode ----------------------------------------------------------- */

START_TEST(test_validate_three_problems)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "net.json",
	                           "{\n"                                                   /* 1 */
	                           "  \"stakemap\": 1,\n"                                  /* 2 */
	                           "  \"actors\": [\n"                                     /* 3 */
	                           "    {\"id\": \"a\"},\n"                                /* 4 */
	                           "    {\"id\": \"b\"},\n"                                /* 5 */
	                           "    {\"id\": \"a\"},\n"                                /* 6 */
	                           "    {\"id\": \"c\"}\n"                                 /* 7 */
	                           "  ],\n"                                                /* 8 */
	                           "  \"relationships\": [\n"                              /* 9 */
	                           "    {\"source\": \"a\", \"target\": \"b\"},\n"         /* 10 */
	                           "    {\"source\": \"a\", \"target\": \"zz\"},\n"        /* 11 */
	                           "    {\"source\": \"b\", \"target\": \"c\",\n"          /* 12 */
	                           "     \"quality\": 1.7},\n"                             /* 13 */
	                           "    {\"source\": \"c\", \"target\": \"a\"}\n"          /* 14 */
	                           "  ]\n"
	                           "}\n");
	sm_problem_list *list = NULL;
	sm_assert_ok(sm_validate(&list, path, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 3);
	const int64_t lines[] = { 6, 11, 12 };
	const char *needles[] = { "actors[2]: duplicate actor id \"a\"",
		                      "relationships[1]: unknown actor \"zz\" (target)",
		                      "relationships[2]: quality 1.7 is outside (0, 1]" };
	const int codes[] = { SM_EDUPLICATE, SM_ENOTFOUND, SM_EINVAL };
	for (size_t i = 0; i < 3; i++) {
		const sm_error *e = sm_problem_list_get(list, i);
		ck_assert_ptr_nonnull(e);
		ck_assert_int_eq(e->line, lines[i]);
		ck_assert_int_eq(e->code, codes[i]);
		ck_assert_msg(strstr(e->message, needles[i]) != NULL, "problem %zu: %s", i,
		              e->message);
		ck_assert_ptr_nonnull(e->file);
		ck_assert_ptr_nonnull(strstr(e->file, "net.json"));
	}
	ck_assert_ptr_null(sm_problem_list_get(list, 3));
	sm_problem_list_free(list);

	/* loading the same file stops at the first problem */
	sm_network *net = NULL;
	sm_assert_fails(sm_network_load(&net, path, NULL), SM_EDUPLICATE,
	                "net.json:6: actors[2]: duplicate actor id \"a\"");
	ck_assert_ptr_null(net);

	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_validate_no_cascade)
{
	/* A skipped actor is reported once, not again by each relationship naming it;
	 * an unknown top-level key is reported and the check goes on. */
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "net.json",
	                           "{\"stakemap\": 1,\n"
	                           " \"colour\": \"blue\",\n"
	                           " \"actors\": [\n"
	                           "  {\"id\": \"a\", \"label\": 5},\n"
	                           "  {\"id\": \"b\"}\n"
	                           " ],\n"
	                           " \"relationships\": [\n"
	                           "  {\"source\": \"a\", \"target\": \"b\"},\n"
	                           "  {\"source\": \"b\", \"target\": \"a\", \"quality\": 2},\n"
	                           "  {\"source\": \"b\", \"target\": \"b\"}\n"
	                           " ]}\n");
	sm_problem_list *list = NULL;
	sm_assert_ok(sm_validate(&list, path, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 4);
	ck_assert_int_eq(sm_problem_list_get(list, 0)->line, 2);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 0)->message, "unknown key \"colour\""));
	ck_assert_int_eq(sm_problem_list_get(list, 1)->line, 4);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 1)->message,
	                             "actors[0]: \"label\" must be a string, found 5"));
	ck_assert_int_eq(sm_problem_list_get(list, 2)->line, 9);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 2)->message, "quality 2 is outside"));
	ck_assert_int_eq(sm_problem_list_get(list, 3)->line, 10);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 3)->message, "self-relationship"));
	sm_problem_list_free(list);

	/* a valid file: no problems */
	char *good = sm_test_data("json/full.json");
	sm_assert_ok(sm_validate(&list, good, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 0);
	sm_problem_list_free(list);
	free(good);

	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_validate_invalid_cases)
{
	/* Every invalid case gives at least one problem in validate mode, the
	 * first one being the error that loading reports. */
	size_t n;
	char **cases = invalid_cases(&n);
	for (size_t c = 0; c < n; c++) {
		char *expected = expected_error(cases[c]);
		char *path = sm_test_join(cases[c], "network.json");
		sm_problem_list *list = NULL;
		int rc = sm_validate(&list, path, NULL);
		ck_assert_msg(rc == SM_OK, "%s: validate returned %d (%s)", cases[c], rc,
		              sm_error_last()->message);
		ck_assert_msg(sm_problem_list_count(list) >= 1, "%s: no problem found", cases[c]);
		const sm_error *e = sm_problem_list_get(list, 0);
		ck_assert_msg(strstr(e->message, expected) != NULL, "%s: problem \"%s\" lacks \"%s\"",
		              cases[c], e->message, expected);
		sm_problem_list_free(list);
		free(path);
		free(expected);
		free(cases[c]);
	}
	free(cases);
}
END_TEST

/* ---- allocation failures -------------------------------------------------------- */

START_TEST(test_alloc_failures)
{
	char *path = sm_test_data("json/full.json");
	char *dir = sm_test_tmpdir();
	char *out = sm_test_join(dir, "out.json");
	sm_network *ref = load_ok(path);
	bool loaded = false, saved = false;
	for (int64_t k = 0; k < 100000 && !(loaded && saved); k++) {
		if (!loaded) {
			sm_network *net = NULL;
			sm_alloc_fail_after(k);
			int rc = sm_network_load(&net, path, NULL);
			sm_alloc_fail_after(-1);
			ck_assert_msg(rc == SM_OK || rc == SM_ENOMEM, "load: %d after %lld allocations",
			              rc, (long long)k);
			if (rc == SM_OK) {
				assert_same_network(ref, net);
				sm_network_free(net);
				loaded = true;
			} else {
				ck_assert_ptr_null(net);
			}
		}
		if (!saved) {
			sm_alloc_fail_after(k);
			int rc = sm_network_save(ref, out, SM_FORMAT_JSON);
			sm_alloc_fail_after(-1);
			ck_assert_msg(rc == SM_OK || rc == SM_ENOMEM, "save: %d after %lld allocations",
			              rc, (long long)k);
			saved = rc == SM_OK;
		}
	}
	ck_assert(loaded && saved);
	sm_network *back = load_ok(out);
	assert_same_network(ref, back);
	sm_network_free(back);
	sm_network_free(ref);
	sm_test_rmtree(dir);
	free(out);
	free(dir);
	free(path);
}
END_TEST

Suite *json_suite(void);
Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("read");
	tcase_add_test(tc, test_full_values);
	tcase_add_test(tc, test_small_files);
	tcase_add_test(tc, test_directed_option);
	suite_add_tcase(s, tc);

	tc = tcase_create("round_trip");
	tcase_add_test(tc, test_round_trip_fixtures);
	tcase_add_test(tc, test_round_trip_api);
	tcase_add_test(tc, test_round_trip_directed_empty);
	tcase_add_test(tc, test_writer_output);
	tcase_add_test(tc, test_write_replaces_atomically);
	suite_add_tcase(s, tc);

	tc = tcase_create("invalid");
	tcase_add_test(tc, test_invalid_cases);
	tcase_add_test(tc, test_invalid_codes);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_size_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("validate");
	tcase_add_test(tc, test_validate_three_problems);
	tcase_add_test(tc, test_validate_no_cascade);
	tcase_add_test(tc, test_validate_invalid_cases);
	suite_add_tcase(s, tc);

	tc = tcase_create("alloc");
	tcase_add_test(tc, test_alloc_failures);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(json_suite)
