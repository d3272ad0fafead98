/*
 * Tests of the CSV pair reader and writer (lib/io/csv.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "support.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "core/core.h"
#include "io/io_internal.h"

/* ---- helpers ------------------------------------------------------------ */

/* A folder holding the given files (actors may be NULL). */
static char *write_pair(const char *actors, const char *relationships)
{
	char *dir = sm_test_tmpdir();
	if (actors)
		free(sm_test_write(dir, "actors.csv", actors));
	free(sm_test_write(dir, "relationships.csv", relationships));
	return dir;
}

static sm_network *load_dir(const char *dir, const sm_load_options *opts)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_load(&net, dir, opts));
	ck_assert_ptr_nonnull(net);
	return net;
}

static sm_network *load_text(const char *actors, const char *relationships)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_load_csv_buffers(&net, actors, actors ? strlen(actors) : 0,
	                                         relationships, strlen(relationships), NULL));
	return net;
}

static int load_text_rc(const char *actors, const char *relationships,
                        const sm_load_options *opts)
{
	sm_network *net = NULL;
	int rc = sm_network_load_csv_buffers(&net, actors, actors ? strlen(actors) : 0,
	                                     relationships, strlen(relationships), opts);
	if (rc == SM_OK)
		sm_network_free(net);
	else
		ck_assert_ptr_null(net);
	return rc;
}

static sm_value attr(const sm_network *net, sm_element what, int64_t i, const char *name)
{
	sm_value v;
	sm_assert_ok(sm_network_attr(&v, net, what, i, name));
	return v;
}

static void assert_text(sm_value v, const char *s)
{
	ck_assert_int_eq(v.type, SM_VALUE_STRING);
	ck_assert_str_eq(v.as.s, s);
}

static void assert_number(sm_value v, double n)
{
	ck_assert_int_eq(v.type, SM_VALUE_NUMBER);
	ck_assert_double_eq(v.as.n, n);
}

static void assert_bool(sm_value v, bool b)
{
	ck_assert_int_eq(v.type, SM_VALUE_BOOL);
	ck_assert_int_eq(v.as.b, b);
}

static void assert_attr_type(const sm_network *net, sm_element what, int64_t k, const char *name,
                             sm_value_type type)
{
	sm_value_type t;
	const char *n = sm_network_attr_name(net, what, k, &t);
	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n, name);
	ck_assert_int_eq(t, type);
}

static void assert_values_equal(sm_value a, sm_value b)
{
	ck_assert_int_eq(a.type, b.type);
	switch (a.type) {
	case SM_VALUE_STRING: ck_assert_str_eq(a.as.s, b.as.s); break;
	case SM_VALUE_NUMBER: ck_assert_double_eq(a.as.n, b.as.n); break;
	case SM_VALUE_BOOL: ck_assert_int_eq(a.as.b, b.as.b); break;
	default: break;
	}
}

static void assert_attrs_equal(const sm_network *a, const sm_network *b, sm_element what)
{
	int64_t count = sm_network_attr_count(a, what);
	int64_t elements = what == SM_ACTOR ? sm_network_actor_count(a)
	                                    : sm_network_relationship_count(a);
	ck_assert_int_eq(sm_network_attr_count(b, what), count);
	for (int64_t k = 0; k < count; k++) {
		sm_value_type ta, tb;
		const char *na = sm_network_attr_name(a, what, k, &ta);
		const char *nb = sm_network_attr_name(b, what, k, &tb);
		ck_assert_str_eq(na, nb);
		ck_assert_msg(ta == tb, "attribute %s: type %d, read back as %d", na, ta, tb);
		for (int64_t i = 0; i < elements; i++)
			assert_values_equal(attr(a, what, i, na), attr(b, what, i, na));
	}
}

/* Everything of two networks is equal, in the same order. */
static void assert_networks_equal(const sm_network *a, const sm_network *b)
{
	ck_assert_int_eq(sm_network_is_directed(a), sm_network_is_directed(b));
	ck_assert_int_eq(sm_network_actor_count(a), sm_network_actor_count(b));
	ck_assert_int_eq(sm_network_relationship_count(a), sm_network_relationship_count(b));
	for (int64_t i = 0; i < sm_network_actor_count(a); i++) {
		ck_assert_str_eq(sm_network_actor_id(a, i), sm_network_actor_id(b, i));
		ck_assert_str_eq(sm_network_actor_label(a, i), sm_network_actor_label(b, i));
		ck_assert_str_eq(sm_network_actor_kind(a, i), sm_network_actor_kind(b, i));
	}
	for (int64_t r = 0; r < sm_network_relationship_count(a); r++) {
		sm_relationship ra, rb;
		sm_assert_ok(sm_network_relationship(&ra, a, r));
		sm_assert_ok(sm_network_relationship(&rb, b, r));
		ck_assert_int_eq(ra.source, rb.source);
		ck_assert_int_eq(ra.target, rb.target);
		ck_assert_double_eq(ra.quality, rb.quality);
		if (ra.kind)
			ck_assert_str_eq(ra.kind, rb.kind);
		else
			ck_assert_ptr_null(rb.kind);
		ck_assert_int_eq(ra.since, rb.since);
		ck_assert_int_eq(ra.until, rb.until);
	}
	assert_attrs_equal(a, b, SM_ACTOR);
	assert_attrs_equal(a, b, SM_RELATIONSHIP);
}

static void set_attr(sm_network *net, sm_element what, int64_t i, const char *name, sm_value v)
{
	sm_assert_ok(sm_network_set_attr(net, what, i, name, &v));
}

/* A network with every feature the CSV pair carries. */
static sm_network *build_full(bool directed)
{
	static const char *const ids[] = { "amb", "=1+1", "-5", "'quoted", "'=x", "@sum",
		                           "+44 20", "comma, \"quote\"", "multi\nline", "Zoë 東京" };
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, directed));
	for (int i = 0; i < 10; i++)
		sm_assert_ok(sm_network_add_actor(NULL, net, ids[i], i % 3 ? "Label, with comma" : "",
		                                  i % 2 ? "diplomat" : "custom kind"));
	/* Attributes: declared in an order the first actor does not reveal. */
	set_attr(net, SM_ACTOR, 1, "stance", sm_value_number(-0.25));
	set_attr(net, SM_ACTOR, 0, "gender", sm_value_string("f"));
	set_attr(net, SM_ACTOR, 2, "vip", sm_value_bool(true));
	set_attr(net, SM_ACTOR, 3, "vip", sm_value_bool(false));
	set_attr(net, SM_ACTOR, 3, "stance", sm_value_number(0.1));
	set_attr(net, SM_ACTOR, 4, "stance", sm_value_number(1e-300));
	set_attr(net, SM_ACTOR, 5, "stance", sm_value_number(12345678901234567.0));
	set_attr(net, SM_ACTOR, 1, "formula", sm_value_string("=1+1"));
	set_attr(net, SM_ACTOR, 2, "formula", sm_value_string("-5"));
	set_attr(net, SM_ACTOR, 3, "formula", sm_value_string("'quoted"));
	set_attr(net, SM_ACTOR, 4, "formula", sm_value_string("'=x"));
	set_attr(net, SM_ACTOR, 5, "formula", sm_value_string("\ttab"));
	set_attr(net, SM_ACTOR, 6, "formula", sm_value_string("trailing tab\t"));
	set_attr(net, SM_ACTOR, 7, "formula", sm_value_string(" spaced "));
	set_attr(net, SM_ACTOR, 8, "formula", sm_value_string("''"));
	set_attr(net, SM_ACTOR, 9, "formula", sm_value_string("'"));
	/* Text that looks like numbers or booleans must stay text. */
	set_attr(net, SM_ACTOR, 0, "postcode", sm_value_string("01234"));
	set_attr(net, SM_ACTOR, 1, "postcode", sm_value_string("5"));
	set_attr(net, SM_ACTOR, 0, "answer", sm_value_string("TRUE"));
	set_attr(net, SM_ACTOR, 2, "answer", sm_value_string("false"));
	/* Names the reader would take for something else. */
	set_attr(net, SM_ACTOR, 0, "score:number", sm_value_string("high"));
	set_attr(net, SM_ACTOR, 0, "name", sm_value_string("not the label"));
	set_attr(net, SM_ACTOR, 0, "=danger", sm_value_number(1));

	struct {
		int s, t;
		double q;
		const char *kind, *since, *until;
	} rels[] = {
		{ 0, 1, 0.5, "formal", "2020-01-01", "2021-12-31" },
		{ 1, 0, 1.0, NULL, NULL, NULL },
		{ 0, 1, 0.1, "formal", NULL, "1999-02-28" }, /* multi-relationship */
		{ 2, 3, 1e-9, "=cmd", "0001-01-01", NULL },
		{ 4, 9, 0.3333333333333333, "informal", "2024-02-29", "2024-02-29" },
		{ 8, 7, 0.7, "", NULL, NULL },
	};
	for (size_t r = 0; r < sizeof rels / sizeof rels[0]; r++) {
		int64_t idx;
		sm_assert_ok(sm_network_add_relationship_at(&idx, net, rels[r].s, rels[r].t, rels[r].q,
		                                            rels[r].kind));
		if (rels[r].since || rels[r].until)
			sm_assert_ok(sm_network_set_period(net, idx, rels[r].since, rels[r].until));
	}
	set_attr(net, SM_RELATIONSHIP, 1, "weight", sm_value_number(3)); /* an alias name */
	set_attr(net, SM_RELATIONSHIP, 0, "directed", sm_value_string("both ways"));
	set_attr(net, SM_RELATIONSHIP, 2, "note", sm_value_string("line one\nline two"));
	set_attr(net, SM_RELATIONSHIP, 3, "note", sm_value_string("+1 555"));
	set_attr(net, SM_RELATIONSHIP, 4, "secret", sm_value_bool(true));
	set_attr(net, SM_RELATIONSHIP, 5, "from", sm_value_string("a tag"));
	return net;
}

/* ---- round trips -------------------------------------------------------- */

static void round_trip(bool directed)
{
	sm_network *net = build_full(directed);
	char *tmp = sm_test_tmpdir();
	char *dir = sm_test_join(tmp, "pair"); /* created by the writer */
	sm_assert_ok(sm_network_save(net, dir, SM_FORMAT_CSV));
	sm_network *back = load_dir(dir, NULL);
	assert_networks_equal(net, back);

	/* Saving what was read gives the same bytes. */
	char *dir2 = sm_test_join(tmp, "again");
	sm_assert_ok(sm_network_save(back, dir2, SM_FORMAT_CSV));
	const char *files[] = { "actors.csv", "relationships.csv" };
	for (int f = 0; f < 2; f++) {
		char *p1 = sm_test_join(dir, files[f]), *p2 = sm_test_join(dir2, files[f]);
		char *t1 = sm_test_read(p1, NULL), *t2 = sm_test_read(p2, NULL);
		ck_assert_str_eq(t1, t2);
		free(t1);
		free(t2);
		free(p1);
		free(p2);
	}
	sm_network_free(back);
	sm_network_free(net);
	sm_test_rmtree(tmp);
	free(dir2);
	free(dir);
	free(tmp);
}

START_TEST(test_round_trip_directed)
{
	round_trip(true);
}
END_TEST

START_TEST(test_round_trip_undirected)
{
	round_trip(false);
}
END_TEST

/* What the writer puts in the files: neutralised cells, suffixes, directed. */
START_TEST(test_written_text)
{
	sm_network *net = build_full(true);
	char *dir = sm_test_tmpdir();
	sm_assert_ok(sm_network_save(net, dir, SM_FORMAT_CSV));
	char *ap = sm_test_join(dir, "actors.csv"), *rp = sm_test_join(dir, "relationships.csv");
	char *a = sm_test_read(ap, NULL), *r = sm_test_read(rp, NULL);
	const char *header = "id,label,kind,stance,gender,vip,formula,postcode:string,"
	                     "answer:string,score:number:string,name,'=danger\n";
	ck_assert_msg(strncmp(a, header, strlen(header)) == 0, "header: %s", a);
	ck_assert_ptr_nonnull(strstr(a, "\n'=1+1,\"Label, with comma\",diplomat,-0.25,"));
	ck_assert_ptr_nonnull(strstr(a, "\n'-5,"));
	ck_assert_ptr_nonnull(strstr(a, "\n'quoted,"));
	ck_assert_ptr_nonnull(strstr(a, "\n''=x,"));
	ck_assert_ptr_nonnull(strstr(a, "\n'@sum,"));
	ck_assert_ptr_nonnull(strstr(a, "\"comma, \"\"quote\"\"\""));
	ck_assert_ptr_nonnull(strstr(a, ",-0.25,")); /* numbers are not neutralised */
	ck_assert_ptr_nonnull(strstr(a, ",1e-300,"));
	ck_assert_ptr_nonnull(strstr(r, "source,target,quality,kind,since,until,weight,"
	                                "directed:string,note,secret,from,directed\n"));
	ck_assert_ptr_nonnull(strstr(r, "amb,'=1+1,0.5,formal,2020-01-01,2021-12-31,,both ways,,,,"
	                                "true\n"));
	ck_assert_ptr_nonnull(strstr(r, ",1e-09,'=cmd,0001-01-01,,"));
	ck_assert_ptr_nonnull(strstr(r, ",0.3333333333333333,"));
	free(a);
	free(r);
	free(ap);
	free(rp);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

/* Empty networks keep their direction: a directed one is a header with a
 * directed column and no rows. */
START_TEST(test_round_trip_empty)
{
	for (int directed = 0; directed < 2; directed++) {
		sm_network *net;
		sm_assert_ok(sm_network_new(&net, directed));
		sm_assert_ok(sm_network_add_actor(NULL, net, "alone", NULL, NULL));
		char *dir = sm_test_tmpdir();
		sm_assert_ok(sm_network_save(net, dir, SM_FORMAT_CSV));
		sm_network *back = load_dir(dir, NULL);
		assert_networks_equal(net, back);
		sm_network_free(back);
		sm_network_free(net);
		sm_test_rmtree(dir);
		free(dir);
	}
}
END_TEST

/* ---- reading -------------------------------------------------------------- */

START_TEST(test_example)
{
	char *dir = sm_test_data("csv/example");
	sm_network *net = load_dir(dir, NULL);
	ck_assert_int_eq(sm_network_actor_count(net), 5);
	ck_assert_int_eq(sm_network_relationship_count(net), 4);
	ck_assert(!sm_network_is_directed(net));
	ck_assert_str_eq(sm_network_actor_label(net, 2), "Women in Tech Kenya");
	ck_assert_str_eq(sm_network_actor_kind(net, 3), "media");
	assert_attr_type(net, SM_ACTOR, 0, "gender", SM_VALUE_STRING);
	assert_attr_type(net, SM_ACTOR, 1, "region", SM_VALUE_STRING);
	assert_attr_type(net, SM_ACTOR, 2, "stance", SM_VALUE_NUMBER);
	assert_number(attr(net, SM_ACTOR, 3, "stance"), -0.3);
	ck_assert_int_eq(attr(net, SM_ACTOR, 1, "gender").type, SM_VALUE_NULL);
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 2));
	ck_assert_int_eq(r.source, 2);
	ck_assert_int_eq(r.target, 4);
	ck_assert_double_eq(r.quality, 0.7);
	ck_assert_str_eq(r.kind, "informal");
	int32_t d;
	sm_assert_ok(sm_date_parse(&d, "2022-06-01"));
	ck_assert_int_eq(r.since, d);
	sm_assert_ok(sm_date_parse(&d, "2024-05-31"));
	ck_assert_int_eq(r.until, d);
	sm_assert_ok(sm_network_relationship(&r, net, 0));
	ck_assert_int_eq(r.until, SM_DATE_NONE);
	assert_text(attr(net, SM_RELATIONSHIP, 3, "channel"), "press");
	sm_network_free(net);
	free(dir);
}
END_TEST

START_TEST(test_kumu_aliases)
{
	char *dir = sm_test_data("csv/kumu");
	sm_network *net = load_dir(dir, NULL);
	ck_assert_int_eq(sm_network_actor_count(net), 3);
	ck_assert_str_eq(sm_network_actor_id(net, 0), "Alice Mwangi");
	ck_assert_str_eq(sm_network_actor_label(net, 0), "");
	ck_assert_str_eq(sm_network_actor_kind(net, 0), "ngo");
	ck_assert_str_eq(sm_network_actor_kind(net, 2), "influencer");
	assert_text(attr(net, SM_ACTOR, 2, "Description"), "Podcaster, 40k followers");
	ck_assert_int_eq(attr(net, SM_ACTOR, 1, "Tags").type, SM_VALUE_NULL);
	ck_assert_int_eq(sm_network_relationship_count(net), 2);
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 0));
	ck_assert_int_eq(r.source, 0);
	ck_assert_int_eq(r.target, 1);
	ck_assert_double_eq(r.quality, 0.5);
	ck_assert_str_eq(r.kind, "funding");
	sm_assert_ok(sm_network_relationship(&r, net, 1));
	ck_assert_int_eq(r.source, 2);
	ck_assert_double_eq(r.quality, 1.0); /* empty Strength: the default */
	ck_assert_int_eq(sm_network_attr_count(net, SM_RELATIONSHIP), 0);
	sm_network_free(net);
	free(dir);
}
END_TEST

START_TEST(test_relationships_only)
{
	char *dir = sm_test_data("csv/relationships_only");
	sm_network *net = load_dir(dir, NULL);
	ck_assert_int_eq(sm_network_actor_count(net), 3);
	const char *order[] = { "b", "a", "c" };
	for (int i = 0; i < 3; i++) {
		ck_assert_str_eq(sm_network_actor_id(net, i), order[i]);
		ck_assert_str_eq(sm_network_actor_kind(net, i), "other");
		ck_assert_str_eq(sm_network_actor_label(net, i), "");
	}
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 1));
	ck_assert_int_eq(r.source, 2);
	ck_assert_int_eq(r.target, 0);
	ck_assert_double_eq(r.quality, 1.0);
	ck_assert_ptr_null(r.kind);
	sm_network_free(net);
	free(dir);
}
END_TEST

START_TEST(test_crlf_bom_multiline)
{
	char *dir = sm_test_data("csv/crlf_bom");
	sm_network *net = load_dir(dir, NULL);
	ck_assert_int_eq(sm_network_actor_count(net), 2);
	ck_assert_str_eq(sm_network_actor_id(net, 0), "a"); /* no BOM in the id */
	ck_assert_str_eq(sm_network_actor_label(net, 0), "Alpha\r\nsecond line");
	ck_assert_str_eq(sm_network_actor_label(net, 1), "Beta, \"the\" second");
	ck_assert_str_eq(sm_network_actor_kind(net, 1), "media");
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 0));
	ck_assert_double_eq(r.quality, 0.25);
	sm_network_free(net);
	free(dir);
}
END_TEST

START_TEST(test_type_inference)
{
	sm_network *net = load_text(
		"ID , Name,TYPE,n,flag,mixed,forced:string,num:Double,yes:bool,neg,empty,lead\n"
		"a,Alpha,ngo,1,true,1,1,2,TRUE,'-5,,'=1\n"
		"b,,,2.5e3,FALSE,x,2,,false,-5,,'quoted\n"
		"c,,,,,,,-0.5,,'-6,,\n",
		"source,target\na,b\n");
	ck_assert_str_eq(sm_network_actor_label(net, 0), "Alpha");
	ck_assert_str_eq(sm_network_actor_kind(net, 0), "ngo");
	ck_assert_str_eq(sm_network_actor_kind(net, 1), "other");
	assert_attr_type(net, SM_ACTOR, 0, "n", SM_VALUE_NUMBER);
	assert_attr_type(net, SM_ACTOR, 1, "flag", SM_VALUE_BOOL);
	assert_attr_type(net, SM_ACTOR, 2, "mixed", SM_VALUE_STRING);
	assert_attr_type(net, SM_ACTOR, 3, "forced", SM_VALUE_STRING);
	assert_attr_type(net, SM_ACTOR, 4, "num", SM_VALUE_NUMBER);
	assert_attr_type(net, SM_ACTOR, 5, "yes", SM_VALUE_BOOL);
	assert_attr_type(net, SM_ACTOR, 6, "neg", SM_VALUE_STRING);
	assert_attr_type(net, SM_ACTOR, 7, "empty", SM_VALUE_NULL);
	assert_attr_type(net, SM_ACTOR, 8, "lead", SM_VALUE_STRING);
	assert_number(attr(net, SM_ACTOR, 1, "n"), 2500);
	ck_assert_int_eq(attr(net, SM_ACTOR, 2, "n").type, SM_VALUE_NULL);
	assert_bool(attr(net, SM_ACTOR, 0, "flag"), true);
	assert_bool(attr(net, SM_ACTOR, 1, "flag"), false);
	assert_text(attr(net, SM_ACTOR, 0, "mixed"), "1");
	assert_text(attr(net, SM_ACTOR, 1, "forced"), "2");
	assert_number(attr(net, SM_ACTOR, 2, "num"), -0.5);
	assert_bool(attr(net, SM_ACTOR, 0, "yes"), true);
	/* Inferred on the raw cell, then the neutralising ' is dropped. */
	assert_text(attr(net, SM_ACTOR, 0, "neg"), "-5");
	assert_text(attr(net, SM_ACTOR, 1, "neg"), "-5");
	assert_text(attr(net, SM_ACTOR, 0, "lead"), "=1");
	assert_text(attr(net, SM_ACTOR, 1, "lead"), "'quoted");
	ck_assert_int_eq(attr(net, SM_ACTOR, 2, "lead").type, SM_VALUE_NULL);
	sm_network_free(net);
}
END_TEST

START_TEST(test_canonical_beats_alias)
{
	sm_network *net = load_text(NULL, "from,to,source,target,weight,quality,Type\n"
	                                  "x,y,a,b,7,0.5,t\n");
	ck_assert_int_eq(sm_network_actor_count(net), 2);
	ck_assert_str_eq(sm_network_actor_id(net, 0), "a");
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 0));
	ck_assert_double_eq(r.quality, 0.5);
	ck_assert_str_eq(r.kind, "t"); /* an alias still fills a free role */
	assert_text(attr(net, SM_RELATIONSHIP, 0, "from"), "x");
	assert_number(attr(net, SM_RELATIONSHIP, 0, "weight"), 7);
	sm_network_free(net);

	/* Kumu's Label is the id only without an id column; Name is the label. */
	net = load_text("Label,Name,Type\nk1,Kay,ngo\n", "From,To\n");
	ck_assert_int_eq(sm_network_actor_count(net), 1);
	ck_assert_str_eq(sm_network_actor_id(net, 0), "k1");
	ck_assert_str_eq(sm_network_actor_label(net, 0), "Kay");
	ck_assert_str_eq(sm_network_actor_kind(net, 0), "ngo");
	sm_network_free(net);
	net = load_text("id,Label,Name\nk1,Kay,Kay2\n", "From,To\n");
	ck_assert_str_eq(sm_network_actor_label(net, 0), "Kay");
	assert_text(attr(net, SM_ACTOR, 0, "Name"), "Kay2");
	sm_network_free(net);
}
END_TEST

/* An attribute whose name differs from a field's only in case ("kiNd") is
 * written with a type suffix and read back as that attribute; untyped, any
 * case of the name is the field (found by the JSON and GraphML fuzzers,
 * converting to the CSV pair). */
START_TEST(test_case_variant_of_field_name)
{
	sm_network *net = NULL, *back = NULL;
	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", NULL, "ngo"));
	sm_value v = sm_value_string("business");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "kiNd", &v));
	char *dir = sm_test_tmpdir();
	char *out = sm_test_join(dir, "pair");
	char *actors = sm_test_join(out, "actors.csv");
	sm_assert_ok(sm_network_save(net, out, SM_FORMAT_CSV));
	char *text = sm_test_read(actors, NULL);
	ck_assert_str_eq(text, "id,label,kind,kiNd:string\na,,ngo,business\n");
	sm_assert_ok(sm_network_load(&back, out, NULL));
	ck_assert_str_eq(sm_network_actor_kind(back, 0), "ngo");
	assert_text(attr(back, SM_ACTOR, 0, "kiNd"), "business");
	sm_network_free(back);
	/* Untyped, "KIND" is the kind field; typed with the exact name, refused. */
	back = load_text("id,KIND\nb,media\n", "source,target\n");
	ck_assert_str_eq(sm_network_actor_kind(back, 0), "media");
	sm_network_free(back);
	ck_assert_int_eq(load_text_rc("id,kind:string\nb,media\n", "source,target\n", NULL),
	                 SM_EPARSE);
	free(text);
	free(actors);
	free(out);
	sm_test_rmtree(dir);
	free(dir);
	sm_network_free(net);
}
END_TEST

START_TEST(test_directed)
{
	sm_load_options opts = SM_LOAD_OPTIONS_INIT;
	sm_network *net = load_text(NULL, "source,target,directed\na,b,\nb,c,TRUE\nc,a,true\n");
	ck_assert(sm_network_is_directed(net));
	ck_assert_int_eq(sm_network_attr_count(net, SM_RELATIONSHIP), 0);
	sm_network_free(net);
	net = load_text(NULL, "source,target,directed\na,b,false\n");
	ck_assert(!sm_network_is_directed(net));
	sm_network_free(net);
	net = load_text(NULL, "source,target\na,b\n");
	ck_assert(!sm_network_is_directed(net));
	sm_network_free(net);

	opts.directed = 1;
	sm_assert_ok(sm_network_load_csv_buffers(&net, NULL, 0, "source,target\na,b\n", 18, &opts));
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);
	opts.directed = 1;
	ck_assert_int_eq(load_text_rc(NULL, "source,target,directed\na,b,true\n", &opts), SM_OK);
	opts.directed = 0;
	sm_assert_fails(load_text_rc(NULL, "source,target,directed\na,b,true\n", &opts), SM_EINVAL,
	                "relationships.csv:2: directed is \"true\" but the options ask for an "
	                "undirected network");
	opts.directed = 1;
	sm_assert_fails(load_text_rc(NULL, "source,target,directed\na,b,false\n", &opts), SM_EINVAL,
	                "the options ask for a directed network");
}
END_TEST

/* Error codes of the value errors (the messages are in tests/data/invalid/csv). */
START_TEST(test_error_codes)
{
	const char *actors = "id\na\nb\n";
	sm_assert_fails(load_text_rc(actors, "source,target\na,z\n", NULL), SM_EINVAL,
	                "relationships.csv:2: unknown actor \"z\" (target");
	sm_assert_fails(load_text_rc("id\na\na\n", "source,target\n", NULL), SM_EDUPLICATE,
	                "actors.csv:3: duplicate actor id \"a\"");
	sm_assert_fails(load_text_rc(NULL, "source,target,quality\na,b,1.7\n", NULL), SM_EINVAL,
	                "relationships.csv:2: quality \"1.7\" is outside (0, 1]");
	sm_assert_fails(load_text_rc(NULL, "source,target\na,\"b\n", NULL), SM_EPARSE,
	                "relationships.csv:2: unterminated quoted cell");
	sm_assert_fails(load_text_rc(NULL, "source,target\na,b,c\n", NULL), SM_EPARSE,
	                "relationships.csv:2: row has 3 cells, the header has 2");
	sm_assert_fails(load_text_rc(NULL, "source,target\na,b\"\n", NULL), SM_EPARSE,
	                "relationships.csv:2:4: quote inside an unquoted cell");
	ck_assert_int_eq(sm_error_last()->line, 2);
	ck_assert_int_eq(sm_error_last()->column, 4);
	ck_assert_str_eq(sm_error_last()->file, "relationships.csv");
	sm_assert_fails(load_text_rc(NULL, "source,target\nb\xff,c\n", NULL), SM_EINVAL,
	                "relationships.csv:2: invalid UTF-8 in column \"source\" (byte 2");
	/* A lone CR ends a record but not a line. */
	sm_assert_fails(load_text_rc(NULL, "source,target\na,b\rc,c\n", NULL), SM_EINVAL,
	                "relationships.csv:2: self-relationship of \"c\"");
	/* Blank lines are skipped and counted. */
	sm_assert_fails(load_text_rc(NULL, "source,target\n\n\na,a\n", NULL), SM_EINVAL,
	                "relationships.csv:4: self-relationship");
	/* A record spanning lines reports its first line. */
	sm_assert_fails(load_text_rc(NULL, "source,target\n\"x\n\n\",y\n\"a\n\",\"a\n\"\n", NULL),
	                SM_EINVAL, "relationships.csv:5: self-relationship of \"a\\x0A\"");
}
END_TEST

/* Every folder under tests/data/invalid/csv fails with its expected message. */
START_TEST(test_invalid_cases)
{
	char *root = sm_test_data("invalid/csv");
	DIR *d = opendir(root);
	ck_assert_ptr_nonnull(d);
	int cases = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *dir = sm_test_join(root, e->d_name);
		char *ep = sm_test_join(dir, "expected_error");
		char *expected = sm_test_read(ep, NULL);
		ck_assert_msg(expected != NULL, "%s has no expected_error", dir);
		size_t n = strlen(expected);
		while (n && (expected[n - 1] == '\n' || expected[n - 1] == '\r'))
			expected[--n] = '\0';
		sm_network *net = NULL;
		int rc = sm_network_load(&net, dir, NULL);
		ck_assert_msg(rc < 0 && rc != SM_ENOMEM, "%s: loaded (rc %d)", e->d_name, rc);
		ck_assert_ptr_null(net);
		ck_assert_msg(strstr(sm_error_last()->message, expected) != NULL,
		              "%s: message \"%s\" lacks \"%s\"", e->d_name, sm_error_last()->message,
		              expected);
		ck_assert_ptr_nonnull(sm_error_last()->file);
		ck_assert_int_gt(sm_error_last()->line, 0);
		cases++;
		free(expected);
		free(ep);
		free(dir);
	}
	closedir(d);
	ck_assert_int_ge(cases, 30);
	free(root);
}
END_TEST

START_TEST(test_validate_collects)
{
	char *dir = write_pair("id,label\na,A\nb,B\nc,C\n",
	                       "source,target,quality\n"
	                       "a,b,0.5\n"
	                       "a,zed,0.5\n"         /* line 3: unknown actor */
	                       "b,c,2\n"             /* line 4: quality */
	                       "c,a,0.5\n"
	                       "\"b\",\"b\n\",0.5\n" /* lines 6-7: "b\n" is another id */
	                       "c,c,0.5\n");         /* line 8: self-relationship */
	sm_problem_list *list = NULL;
	sm_assert_ok(sm_validate(&list, dir, NULL));
	ck_assert_int_eq(sm_problem_list_count(list), 4);
	const int64_t lines[] = { 3, 4, 6, 8 };
	const char *needles[] = { "unknown actor \"zed\"", "quality \"2\"", "unknown actor \"b\\x0A\"",
		                  "self-relationship of \"c\"" };
	for (size_t i = 0; i < 4; i++) {
		const sm_error *e = sm_problem_list_get(list, i);
		ck_assert_int_eq(e->line, lines[i]);
		ck_assert_msg(strstr(e->message, needles[i]), "problem %zu: %s", i, e->message);
		ck_assert_ptr_nonnull(strstr(e->file, "relationships.csv"));
	}
	sm_problem_list_free(list);

	/* A syntax error ends the check after the problems before it. */
	sm_test_rmtree(dir);
	free(dir);
	dir = write_pair(NULL, "source,target,quality\na,b,7\nb,c,\"0.5\nc,a,0.5\n");
	sm_assert_ok(sm_validate(&list, dir, NULL));
	ck_assert_int_eq(sm_problem_list_count(list), 2);
	ck_assert_int_eq(sm_problem_list_get(list, 0)->line, 2);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 1)->message, "unterminated"));
	sm_problem_list_free(list);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

/* An actor skipped for a bad value is not reported again by every
 * relationship naming it. */
START_TEST(test_validate_skipped_actor)
{
	char *dir = write_pair("id,age:number\na,40\nb,old\nc,\n",
	                       "source,target\na,b\nb,c\nc,a\nc,d\n");
	sm_problem_list *list = NULL;
	sm_assert_ok(sm_validate(&list, dir, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 2);
	ck_assert_int_eq(sm_problem_list_get(list, 0)->line, 3);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 0)->message,
	                             "actors.csv:3: \"old\" in column age:number is not a number"));
	ck_assert_int_eq(sm_problem_list_get(list, 1)->line, 5);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 1)->message,
	                             "relationships.csv:5: unknown actor \"d\""));
	sm_problem_list_free(list);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

/* A valid network gives an empty list; bad rows are skipped, not half-added. */
START_TEST(test_validate_skips_rows)
{
	char *dir = sm_test_data("csv/example");
	sm_problem_list *list = NULL;
	sm_assert_ok(sm_validate(&list, dir, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 0);
	free(dir);

	/* The reader itself, in validate mode, with that (empty) list. */
	const char *rels = "source,target,quality,since,n\n"
	                   "a,b,0.5,,1\n"
	                   "c,d,7,,2\n"          /* bad quality: c and d are not created */
	                   "e,f,0.5,2020-02-30,3\n" /* bad date */
	                   "g,h,0.5,,4,5\n"      /* too many cells */
	                   "b,a,,,x\n";          /* n becomes text because of this row */
	sm_source src;
	sm_source_from_buffer(&src, "rel.csv", rels, strlen(rels), 0);
	sm_diag diag = { true, list };
	sm_network *net = NULL;
	sm_assert_ok(sm_csv_read(&net, NULL, &src, NULL, &diag));
	ck_assert_uint_eq(sm_problem_list_count(list), 3);
	ck_assert_int_eq(sm_network_actor_count(net), 2);
	ck_assert_int_eq(sm_network_relationship_count(net), 2);
	assert_attr_type(net, SM_RELATIONSHIP, 0, "n", SM_VALUE_STRING);
	assert_text(attr(net, SM_RELATIONSHIP, 0, "n"), "1");
	assert_text(attr(net, SM_RELATIONSHIP, 1, "n"), "x");
	const int64_t lines[] = { 3, 4, 5 };
	for (size_t i = 0; i < 3; i++)
		ck_assert_int_eq(sm_problem_list_get(list, i)->line, lines[i]);
	ck_assert_str_eq(sm_problem_list_get(list, 1)->message,
	                 "rel.csv:4: since \"2020-02-30\" is not a date (YYYY-MM-DD)");
	sm_network_free(net);
	sm_problem_list_free(list);
}
END_TEST

static long max_rss_kib(void)
{
	struct rusage ru;
	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/* A 100 MB line is rejected after reading a little past the limit. */
START_TEST(test_long_line_bounded)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "relationships.csv");
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("source,target\na,", f);
	static char block[1 << 16];
	memset(block, 'x', sizeof block);
	for (int i = 0; i < 100 * 16; i++) /* 100 MiB */
		ck_assert_uint_eq(fwrite(block, 1, sizeof block, f), sizeof block);
	fputs("\n", f);
	ck_assert_int_eq(fclose(f), 0);

	long before = max_rss_kib();
	sm_network *net = NULL;
	sm_assert_fails(sm_network_load(&net, dir, NULL), SM_ELIMIT,
	                "relationships.csv:2: a cell is longer than 65536 bytes");
	long after = max_rss_kib();
	ck_assert_msg(after - before < 40 * 1024, "peak RSS grew by %ld KiB", after - before);

	/* Quoted, across lines, the same. */
	f = fopen(path, "wb");
	fputs("source,target\na,\"", f);
	for (int i = 0; i < 32; i++) {
		fwrite(block, 1, sizeof block - 1, f);
		fputc('\n', f);
	}
	fputs("\"\n", f);
	fclose(f);
	sm_assert_fails(sm_network_load(&net, dir, NULL), SM_ELIMIT,
	                "relationships.csv:2: a cell is longer than");
	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

/* Header limits: attribute columns and columns in all. */
START_TEST(test_header_limits)
{
	size_t cap = 20 * 1200 + 64, len = 0;
	char *text = malloc(cap);
	len += (size_t)snprintf(text, cap, "source,target");
	for (int k = 0; k < 1025; k++)
		len += (size_t)snprintf(text + len, cap - len, ",c%d", k);
	snprintf(text + len, cap - len, "\n");
	sm_assert_fails(load_text_rc(NULL, text, NULL), SM_ELIMIT,
	                "relationships.csv:1: 1025 attribute columns; the limit is 1024");
	for (int k = 1025; k < 1100; k++)
		len += (size_t)snprintf(text + len, cap - len, ",c%d", k);
	snprintf(text + len, cap - len, "\n");
	sm_assert_fails(load_text_rc(NULL, text, NULL), SM_ELIMIT,
	                "relationships.csv:1: the header has 1102 columns; the limit is 1040");
	free(text);
}
END_TEST

/* A cell of exactly SM_MAX_STRING_BYTES is accepted. */
START_TEST(test_cell_at_limit)
{
	size_t n = SM_MAX_STRING_BYTES;
	const char *head = "source,target\nb,\"";
	char *text = malloc(strlen(head) + n + 4);
	strcpy(text, head);
	memset(text + strlen(head), 'y', n);
	strcpy(text + strlen(head) + n, "\"\n");
	sm_network *net = load_text(NULL, text);
	ck_assert_uint_eq(strlen(sm_network_actor_id(net, 1)), n);
	sm_network_free(net);
	text[strlen(head) + n] = 'y'; /* one more byte */
	strcpy(text + strlen(head) + n + 1, "\"\n");
	sm_assert_fails(load_text_rc(NULL, text, NULL), SM_ELIMIT, "longer than 65536 bytes");
	free(text);
}
END_TEST

START_TEST(test_write_errors)
{
	sm_network *net = build_full(false);
	char *tmp = sm_test_tmpdir();
	char *missing = sm_test_join(tmp, "no/such/folder");
	sm_assert_fails(sm_network_save(net, missing, SM_FORMAT_CSV), SM_EIO, missing);
	char *file = sm_test_write(tmp, "plain", "x");
	sm_assert_fails(sm_network_save(net, file, SM_FORMAT_CSV), SM_EIO, "not a folder");
	/* An existing folder is reused and its files replaced. */
	char *dir = sm_test_join(tmp, "out");
	ck_assert_int_eq(mkdir(dir, 0777), 0);
	free(sm_test_write(dir, "actors.csv", "old"));
	sm_assert_ok(sm_network_save(net, dir, SM_FORMAT_CSV));
	sm_network *back = load_dir(dir, NULL);
	assert_networks_equal(net, back);
	sm_network_free(back);
	sm_network_free(net);
	sm_test_rmtree(tmp);
	free(dir);
	free(file);
	free(missing);
	free(tmp);
}
END_TEST

/* Every allocation of the reader (libcsv's included) and the writer can fail
 * cleanly. */
START_TEST(test_allocation_failures)
{
	const char *actors = "id,label,kind,score,tag\na,A,ngo,1,x\nb,\"B\nb\",media,2.5,\n";
	const char *rels = "source,target,quality,kind,since,until,note\n"
	                   "a,b,0.5,formal,2020-01-01,,n1\nb,a,,informal,,2021-01-01,\n";
	int failures = 0;
	for (int64_t k = 0;; k++) {
		sm_network *net = NULL;
		sm_alloc_fail_after(k);
		int rc = sm_network_load_csv_buffers(&net, actors, strlen(actors), rels, strlen(rels),
		                                     NULL);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK) {
			ck_assert_int_eq(sm_network_relationship_count(net), 2);
			sm_network_free(net);
			break;
		}
		ck_assert_int_eq(rc, SM_ENOMEM);
		ck_assert_ptr_null(net);
		failures++;
		ck_assert_int_lt(k, 10000);
	}
	ck_assert_int_gt(failures, 10);

	sm_network *net = build_full(true);
	char *tmp = sm_test_tmpdir();
	char *dir = sm_test_join(tmp, "pair");
	for (int64_t k = 0;; k++) {
		sm_alloc_fail_after(k);
		int rc = sm_network_save(net, dir, SM_FORMAT_CSV);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK)
			break;
		ck_assert_int_eq(rc, SM_ENOMEM);
		ck_assert_int_lt(k, 1000);
	}
	sm_network *back = load_dir(dir, NULL);
	assert_networks_equal(net, back);
	sm_network_free(back);
	sm_network_free(net);
	sm_test_rmtree(tmp);
	free(dir);
	free(tmp);
}
END_TEST

/* Many rows through several 64 KiB chunks: lines and values stay right. */
START_TEST(test_many_rows)
{
	size_t rows = 20000, cap = rows * 40 + 64, len = 0;
	char *text = malloc(cap);
	len += (size_t)snprintf(text + len, cap - len, "source,target,quality,w\n");
	for (size_t i = 0; i < rows; i++)
		len += (size_t)snprintf(text + len, cap - len, "n%zu,n%zu,0.%zu,%zu\n", i, i + 1,
		                        1 + i % 9, i);
	sm_network *net = load_text(NULL, text);
	ck_assert_int_eq(sm_network_actor_count(net), (int64_t)rows + 1);
	ck_assert_int_eq(sm_network_relationship_count(net), (int64_t)rows);
	assert_number(attr(net, SM_RELATIONSHIP, 12345, "w"), 12345);
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 19999));
	ck_assert_str_eq(sm_network_actor_id(net, r.target), "n20000");
	sm_network_free(net);
	/* An error at the end reports the right line. */
	len += (size_t)snprintf(text + len, cap - len, "x,x,0.5,1\n");
	sm_assert_fails(load_text_rc(NULL, text, NULL), SM_EINVAL,
	                "relationships.csv:20002: self-relationship of \"x\"");
	free(text);
}
END_TEST

Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("csv");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_round_trip_directed);
	tcase_add_test(tc, test_round_trip_undirected);
	tcase_add_test(tc, test_written_text);
	tcase_add_test(tc, test_round_trip_empty);
	tcase_add_test(tc, test_example);
	tcase_add_test(tc, test_kumu_aliases);
	tcase_add_test(tc, test_relationships_only);
	tcase_add_test(tc, test_crlf_bom_multiline);
	tcase_add_test(tc, test_type_inference);
	tcase_add_test(tc, test_canonical_beats_alias);
	tcase_add_test(tc, test_case_variant_of_field_name);
	tcase_add_test(tc, test_directed);
	tcase_add_test(tc, test_error_codes);
	tcase_add_test(tc, test_invalid_cases);
	tcase_add_test(tc, test_validate_collects);
	tcase_add_test(tc, test_validate_skips_rows);
	tcase_add_test(tc, test_validate_skipped_actor);
	tcase_add_test(tc, test_long_line_bounded);
	tcase_add_test(tc, test_cell_at_limit);
	tcase_add_test(tc, test_header_limits);
	tcase_add_test(tc, test_write_errors);
	tcase_add_test(tc, test_allocation_failures);
	tcase_add_test(tc, test_many_rows);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(csv_suite)
