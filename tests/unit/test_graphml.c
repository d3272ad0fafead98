/*
 * GraphML reading and writing (lib/io/graphml.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "support.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/core.h"

/* ---- helpers ------------------------------------------------------------ */

static int load_text(sm_network **out, const char *text, const sm_load_options *opts)
{
	return sm_network_load_buffer(out, text, strlen(text), SM_FORMAT_GRAPHML, "test.graphml",
	                              opts);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t actor(const sm_network *net, const char *id)
{
	int64_t i = -1;
	sm_assert_ok(sm_network_find_actor(&i, net, id));
	return i;
}

static sm_value attr(const sm_network *net, sm_element what, int64_t i, const char *name)
{
	sm_value v;
	sm_assert_ok(sm_network_attr(&v, net, what, i, name));
	return v;
}

static void assert_str_attr(const sm_network *net, sm_element what, int64_t i, const char *name,
                            const char *expected)
{
	sm_value v = attr(net, what, i, name);
	ck_assert_int_eq(v.type, SM_VALUE_STRING);
	ck_assert_str_eq(v.as.s, expected);
}

static void assert_num_attr(const sm_network *net, sm_element what, int64_t i, const char *name,
                            double expected)
{
	sm_value v = attr(net, what, i, name);
	ck_assert_int_eq(v.type, SM_VALUE_NUMBER);
	ck_assert_double_eq(v.as.n, expected);
}

static void assert_bool_attr(const sm_network *net, sm_element what, int64_t i, const char *name,
                             bool expected)
{
	sm_value v = attr(net, what, i, name);
	ck_assert_int_eq(v.type, SM_VALUE_BOOL);
	ck_assert_int_eq(v.as.b, expected);
}

static void assert_null_attr(const sm_network *net, sm_element what, int64_t i, const char *name)
{
	sm_value v = attr(net, what, i, name);
	ck_assert_int_eq(v.type, SM_VALUE_NULL);
}

static sm_relationship rel(const sm_network *net, int64_t r)
{
	sm_relationship x;
	sm_assert_ok(sm_network_relationship(&x, net, r));
	return x;
}

static int32_t date(const char *text)
{
	int32_t d;
	sm_assert_ok(sm_date_parse(&d, text));
	return d;
}

static bool values_equal(sm_value a, sm_value b)
{
	if (a.type != b.type)
		return false;
	switch (a.type) {
	case SM_VALUE_STRING: return strcmp(a.as.s, b.as.s) == 0;
	case SM_VALUE_NUMBER: return a.as.n == b.as.n && signbit(a.as.n) == signbit(b.as.n);
	case SM_VALUE_BOOL: return a.as.b == b.as.b;
	default: return true;
	}
}

/* Everything observable must be equal (attribute order aside). */
static void assert_same_network(const sm_network *a, const sm_network *b)
{
	ck_assert_int_eq(sm_network_is_directed(a), sm_network_is_directed(b));
	ck_assert_int_eq(sm_network_actor_count(a), sm_network_actor_count(b));
	ck_assert_int_eq(sm_network_relationship_count(a), sm_network_relationship_count(b));
	for (int w = SM_ACTOR; w <= SM_RELATIONSHIP; w++) {
		int64_t na = sm_network_attr_count(a, (sm_element)w);
		for (int64_t k = 0; k < na; k++) {
			sm_value_type ta, tb;
			const char *name = sm_network_attr_name(a, (sm_element)w, k, &ta);
			int64_t nb = sm_network_attr_count(b, (sm_element)w), j;
			for (j = 0; j < nb; j++)
				if (strcmp(sm_network_attr_name(b, (sm_element)w, j, &tb), name) == 0)
					break;
			ck_assert_msg(j < nb, "attribute %s lost", name);
			ck_assert_int_eq(ta, tb);
		}
		ck_assert_int_eq(na, sm_network_attr_count(b, (sm_element)w));
	}
	for (int64_t i = 0; i < sm_network_actor_count(a); i++) {
		ck_assert_str_eq(sm_network_actor_id(a, i), sm_network_actor_id(b, i));
		ck_assert_str_eq(sm_network_actor_label(a, i), sm_network_actor_label(b, i));
		ck_assert_str_eq(sm_network_actor_kind(a, i), sm_network_actor_kind(b, i));
		for (int64_t k = 0; k < sm_network_attr_count(a, SM_ACTOR); k++) {
			const char *name = sm_network_attr_name(a, SM_ACTOR, k, NULL);
			ck_assert_msg(values_equal(attr(a, SM_ACTOR, i, name), attr(b, SM_ACTOR, i, name)),
			              "actor %lld attribute %s differs", (long long)i, name);
		}
	}
	for (int64_t r = 0; r < sm_network_relationship_count(a); r++) {
		sm_relationship x = rel(a, r), y = rel(b, r);
		ck_assert_int_eq(x.source, y.source);
		ck_assert_int_eq(x.target, y.target);
		ck_assert_double_eq(x.quality, y.quality);
		ck_assert_int_eq(x.kind == NULL, y.kind == NULL);
		if (x.kind)
			ck_assert_str_eq(x.kind, y.kind);
		ck_assert_int_eq(x.since, y.since);
		ck_assert_int_eq(x.until, y.until);
		for (int64_t k = 0; k < sm_network_attr_count(a, SM_RELATIONSHIP); k++) {
			const char *name = sm_network_attr_name(a, SM_RELATIONSHIP, k, NULL);
			ck_assert_msg(values_equal(attr(a, SM_RELATIONSHIP, r, name),
			                           attr(b, SM_RELATIONSHIP, r, name)),
			              "relationship %lld attribute %s differs", (long long)r, name);
		}
	}
}

/* ---- reading ------------------------------------------------------------ */

static const char basic_doc[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
	"    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	"    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
	"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	"  <desc>A small map <b xmlns=\"http://www.w3.org/1999/xhtml\">with</b> a description</desc>\n"
	"  <key id=\"l\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	"  <key id=\"k\" for=\"node\" attr.name=\"kind\"/>\n"
	"  <key id=\"g\" for=\"node\" attr.name=\"gender\" attr.type=\"string\"/>\n"
	"  <key id=\"age\" for=\"node\" attr.name=\"age\" attr.type=\"int\"/>\n"
	"  <key id=\"sc\" for=\"node\" attr.name=\"score\" attr.type=\"double\"/>\n"
	"  <key id=\"m\" for=\"node\" attr.name=\"member\" attr.type=\"boolean\"/>\n"
	"  <key id=\"q\" for=\"edge\" attr.name=\"quality\" attr.type=\"double\"/>\n"
	"  <key id=\"ek\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
	"  <key id=\"s\" for=\"edge\" attr.name=\"since\" attr.type=\"string\"/>\n"
	"  <key id=\"u\" for=\"edge\" attr.name=\"until\" attr.type=\"string\"/>\n"
	"  <key id=\"n\" for=\"edge\" attr.name=\"note\" attr.type=\"string\"/>\n"
	"  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"float\"/>\n"
	"  <key id=\"gd\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>\n"
	"  <graph id=\"G\" edgedefault=\"undirected\">\n"
	"    <data key=\"gd\">ignored</data>\n"
	"    <node id=\"amb\">\n"
	"      <desc>the ambassador</desc>\n"
	"      <data key=\"l\">Ambassador &amp; Co &lt;1&gt; caf&#xE9;</data>\n"
	"      <data key=\"k\">diplomat</data>\n"
	"      <data key=\"g\">f</data>\n"
	"      <data key=\"age\"> 52 </data>\n"
	"      <data key=\"sc\">0.1</data>\n"
	"      <data key=\"m\">TRUE</data>\n"
	"    </node>\n"
	"    <node id=\"ngo1\"><data key=\"k\">ngo</data><data key=\"m\">0</data>"
	"<data key=\"g\"> </data></node>\n"
	"    <node id=\"x\"/>\n"
	"    <edge id=\"e1\" source=\"amb\" target=\"ngo1\">\n"
	"      <data key=\"q\">\n        0.75\n      </data>\n"
	"      <data key=\"ek\">informal</data>\n"
	"      <data key=\"s\">2020-02-29</data>\n"
	"      <data key=\"u\">2024-12-31</data>\n"
	"      <data key=\"n\">met at &quot;the fair&quot;</data>\n"
	"      <data key=\"w\">3.5</data>\n"
	"    </edge>\n"
	"    <edge source=\"x\" target=\"amb\" directed=\"false\"><data key=\"q\">1e-3</data></edge>\n"
	"  </graph>\n"
	"</graphml>\n";

START_TEST(test_read_basic)
{
	sm_network *net = NULL;
	sm_assert_ok(load_text(&net, basic_doc, NULL));
	ck_assert(!sm_network_is_directed(net));
	ck_assert_int_eq(sm_network_actor_count(net), 3);
	ck_assert_int_eq(sm_network_relationship_count(net), 2);

	int64_t amb = actor(net, "amb"), ngo = actor(net, "ngo1"), x = actor(net, "x");
	ck_assert_int_eq(amb, 0);
	ck_assert_str_eq(sm_network_actor_label(net, amb), "Ambassador & Co <1> caf\xC3\xA9");
	ck_assert_str_eq(sm_network_actor_kind(net, amb), "diplomat");
	ck_assert_str_eq(sm_network_actor_kind(net, ngo), "ngo");
	ck_assert_str_eq(sm_network_actor_label(net, x), "");
	ck_assert_str_eq(sm_network_actor_kind(net, x), "other");
	assert_str_attr(net, SM_ACTOR, amb, "gender", "f");
	assert_str_attr(net, SM_ACTOR, ngo, "gender", " "); /* strings are kept as written */
	assert_num_attr(net, SM_ACTOR, amb, "age", 52);
	assert_num_attr(net, SM_ACTOR, amb, "score", 0.1);
	assert_bool_attr(net, SM_ACTOR, amb, "member", true);
	assert_bool_attr(net, SM_ACTOR, ngo, "member", false);
	assert_null_attr(net, SM_ACTOR, x, "member");
	assert_null_attr(net, SM_ACTOR, ngo, "age");
	/* graph-level keys are not node attributes */
	sm_value v;
	ck_assert_int_eq(sm_network_attr(&v, net, SM_ACTOR, 0, "title"), SM_ENOTFOUND);

	sm_relationship r0 = rel(net, 0), r1 = rel(net, 1);
	ck_assert_int_eq(r0.source, amb);
	ck_assert_int_eq(r0.target, ngo);
	ck_assert_double_eq(r0.quality, 0.75);
	ck_assert_str_eq(r0.kind, "informal");
	ck_assert_int_eq(r0.since, date("2020-02-29"));
	ck_assert_int_eq(r0.until, date("2024-12-31"));
	assert_str_attr(net, SM_RELATIONSHIP, 0, "note", "met at \"the fair\"");
	/* with a quality key present, weight is an ordinary attribute */
	assert_num_attr(net, SM_RELATIONSHIP, 0, "weight", 3.5);
	ck_assert_int_eq(r1.source, x);
	ck_assert_int_eq(r1.target, amb);
	ck_assert_double_eq(r1.quality, 0.001);
	ck_assert_ptr_null(r1.kind);
	ck_assert_int_eq(r1.since, SM_DATE_NONE);
	ck_assert_int_eq(r1.until, SM_DATE_NONE);
	assert_null_attr(net, SM_RELATIONSHIP, 1, "note");
	sm_network_free(net);
}
END_TEST

/* expat transcodes declared encodings to UTF-8. */
/* An attr.name holding a line break (found by the fuzzer): the message names
 * it quoted and escaped, on one line. */
START_TEST(test_control_char_key_name_in_message)
{
	const char *doc =
		"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
		"<key id=\"d3\" for=\"edge\" attr.name=\"me&#10;s\" attr.type=\"double\"/>\n"
		"<graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>\n"
		"<edge source=\"a\" target=\"b\"><data key=\"d3\">formal</data></edge>\n"
		"</graph></graphml>\n";
	sm_network *net = NULL;
	sm_assert_fails(load_text(&net, doc, NULL), SM_EINVAL,
	                "\"me\\x0As\" \"formal\" is not a number (key d3 has attr.type double)");
	ck_assert_ptr_null(strchr(sm_error_last()->message, '\n'));
	ck_assert_ptr_null(net);
}
END_TEST

START_TEST(test_latin1)
{
	static const char doc[] =
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
		"<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/>"
		"<graph><node id=\"caf\xE9\"><data key=\"l\">Fran\xE7oise</data></node></graph>"
		"</graphml>\n";
	sm_network *net = NULL;
	sm_assert_ok(load_text(&net, doc, NULL));
	ck_assert_str_eq(sm_network_actor_id(net, 0), "caf\xC3\xA9");
	ck_assert_str_eq(sm_network_actor_label(net, 0), "Fran\xC3\xA7oise");
	sm_network_free(net);
}
END_TEST

START_TEST(test_edges_before_nodes)
{
	static const char doc[] =
		"<graphml>\n"
		"  <key id=\"q\" for=\"edge\" attr.name=\"quality\" attr.type=\"double\"/>\n"
		"  <graph edgedefault=\"directed\">\n"
		"    <edge source=\"c\" target=\"a\"><data key=\"q\">0.2</data></edge>\n"
		"    <node id=\"a\"/>\n"
		"    <edge source=\"a\" target=\"b\"><data key=\"q\">0.4</data></edge>\n"
		"    <node id=\"b\"/>\n"
		"    <edge source=\"b\" target=\"c\"><data key=\"q\">0.6</data></edge>\n"
		"    <node id=\"c\"/>\n"
		"  </graph>\n"
		"</graphml>\n";
	sm_network *net = NULL;
	sm_assert_ok(load_text(&net, doc, NULL));
	ck_assert(sm_network_is_directed(net));
	ck_assert_int_eq(sm_network_relationship_count(net), 3);
	/* document order is kept */
	ck_assert_int_eq(rel(net, 0).source, actor(net, "c"));
	ck_assert_double_eq(rel(net, 0).quality, 0.2);
	ck_assert_int_eq(rel(net, 1).source, actor(net, "a"));
	ck_assert_double_eq(rel(net, 1).quality, 0.4);
	ck_assert_int_eq(rel(net, 2).target, actor(net, "c"));
	ck_assert_double_eq(rel(net, 2).quality, 0.6);
	sm_network_free(net);
}
END_TEST

START_TEST(test_defaults)
{
	static const char doc[] =
		"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
		"  <key id=\"k\" for=\"node\" attr.name=\"kind\"><default>ngo</default></key>\n"
		"  <key id=\"r\" for=\"node\" attr.name=\"region\" attr.type=\"string\">"
		"<default>capital</default></key>\n"
		"  <key id=\"y\" for=\"all\" attr.name=\"year\" attr.type=\"long\">"
		"<default>2024</default></key>\n"
		"  <key id=\"q\" for=\"edge\" attr.name=\"quality\" attr.type=\"double\">"
		"<default>0.5</default></key>\n"
		"  <key id=\"f\" for=\"edge\" attr.name=\"formal\" attr.type=\"boolean\">"
		"<default>false</default></key>\n"
		"  <graph edgedefault=\"undirected\">\n"
		"    <node id=\"a\"/>\n"
		"    <node id=\"b\"><data key=\"k\">media</data><data key=\"r\">north</data>"
		"<data key=\"y\">1999</data></node>\n"
		"    <edge source=\"a\" target=\"b\"/>\n"
		"    <edge source=\"a\" target=\"b\"><data key=\"q\">0.9</data>"
		"<data key=\"f\">true</data></edge>\n"
		"  </graph>\n"
		"</graphml>\n";
	sm_network *net = NULL;
	sm_assert_ok(load_text(&net, doc, NULL));
	ck_assert_str_eq(sm_network_actor_kind(net, 0), "ngo");
	ck_assert_str_eq(sm_network_actor_kind(net, 1), "media");
	assert_str_attr(net, SM_ACTOR, 0, "region", "capital");
	assert_str_attr(net, SM_ACTOR, 1, "region", "north");
	assert_num_attr(net, SM_ACTOR, 0, "year", 2024);
	assert_num_attr(net, SM_ACTOR, 1, "year", 1999);
	ck_assert_double_eq(rel(net, 0).quality, 0.5);
	ck_assert_double_eq(rel(net, 1).quality, 0.9);
	assert_bool_attr(net, SM_RELATIONSHIP, 0, "formal", false);
	assert_bool_attr(net, SM_RELATIONSHIP, 1, "formal", true);
	assert_num_attr(net, SM_RELATIONSHIP, 0, "year", 2024);
	sm_network_free(net);
}
END_TEST

START_TEST(test_weight_is_quality)
{
	static const char doc[] =
		"<graphml>\n"
		"  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
		"  <graph edgedefault=\"undirected\">\n"
		"    <node id=\"a\"/><node id=\"b\"/>\n"
		"    <edge source=\"a\" target=\"b\"><data key=\"w\">0.3</data></edge>\n"
		"  </graph>\n"
		"</graphml>\n";
	sm_network *net = NULL;
	sm_assert_ok(load_text(&net, doc, NULL));
	ck_assert_double_eq(rel(net, 0).quality, 0.3);
	ck_assert_int_eq(sm_network_attr_count(net, SM_RELATIONSHIP), 0);
	sm_network_free(net);
}
END_TEST

START_TEST(test_namespaces)
{
	/* a prefixed GraphML namespace reads like the default one */
	static const char prefixed[] =
		"<g:graphml xmlns:g=\"http://graphml.graphdrawing.org/xmlns\">\n"
		"  <g:key id=\"l\" for=\"node\" attr.name=\"label\"/>\n"
		"  <g:graph edgedefault=\"directed\">\n"
		"    <g:node id=\"a\"><g:data key=\"l\">A</g:data></g:node><g:node id=\"b\"/>\n"
		"    <g:edge source=\"a\" target=\"b\"/>\n"
		"  </g:graph>\n"
		"</g:graphml>\n";
	sm_network *net = NULL;
	sm_assert_ok(load_text(&net, prefixed, NULL));
	ck_assert_str_eq(sm_network_actor_label(net, 0), "A");
	ck_assert_int_eq(sm_network_relationship_count(net), 1);
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);

	/* a yEd file: foreign elements and graphics keys are skipped */
	char *path = sm_test_data("graphml/yed_like.graphml");
	sm_assert_ok(sm_network_load(&net, path, NULL));
	ck_assert_int_eq(sm_network_actor_count(net), 2);
	ck_assert_int_eq(sm_network_relationship_count(net), 1);
	ck_assert_str_eq(sm_network_actor_id(net, 0), "n0");
	assert_str_attr(net, SM_ACTOR, 0, "description", "Embassy");
	ck_assert_int_eq(sm_network_attr_count(net, SM_ACTOR), 1);
	ck_assert_int_eq(sm_network_attr_count(net, SM_RELATIONSHIP), 0);
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);
	free(path);
}
END_TEST

START_TEST(test_direction_default)
{
	static const char doc[] = "<graphml><graph><node id=\"a\"/><node id=\"b\"/>"
	                          "<edge source=\"a\" target=\"b\"/></graph></graphml>";
	sm_load_options opts;
	sm_network *net = NULL;
	sm_load_options_init(&opts);
	sm_assert_ok(load_text(&net, doc, &opts)); /* -1: undirected */
	ck_assert(!sm_network_is_directed(net));
	sm_network_free(net);
	opts.directed = 1;
	sm_assert_ok(load_text(&net, doc, &opts));
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);
	opts.directed = 0;
	sm_assert_ok(load_text(&net, doc, &opts));
	ck_assert(!sm_network_is_directed(net));
	sm_network_free(net);

	/* edgedefault wins over the option; a consistent directed= is fine */
	static const char undirected[] =
		"<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>"
		"<edge source=\"a\" target=\"b\" directed=\"false\"/></graph></graphml>";
	opts.directed = 1;
	sm_assert_ok(load_text(&net, undirected, &opts));
	ck_assert(!sm_network_is_directed(net));
	sm_network_free(net);
	static const char directed[] =
		"<graphml><graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>"
		"<edge source=\"a\" target=\"b\" directed=\"true\"/></graph></graphml>";
	sm_assert_ok(load_text(&net, directed, NULL));
	ck_assert(sm_network_is_directed(net));
	sm_network_free(net);
}
END_TEST

START_TEST(test_networkx_fixture)
{
	char *path = sm_test_data("graphml/florentine_networkx.graphml");
	sm_network *net = NULL;
	sm_assert_ok(sm_network_load(&net, path, NULL));
	ck_assert(!sm_network_is_directed(net));
	ck_assert_int_eq(sm_network_actor_count(net), 15);
	ck_assert_int_eq(sm_network_relationship_count(net), 20);
	int64_t medici = actor(net, "Medici");
	assert_num_attr(net, SM_ACTOR, medici, "wealth", 103);
	assert_bool_attr(net, SM_ACTOR, medici, "elite", true); /* networkx writes "True" */
	assert_bool_attr(net, SM_ACTOR, actor(net, "Pazzi"), "elite", true);
	assert_bool_attr(net, SM_ACTOR, actor(net, "Guadagni"), "elite", false);
	ck_assert_str_eq(sm_network_actor_kind(net, medici), "other");
	/* every weight became a quality in (0, 1], and "tie" an attribute */
	double sum = 0;
	for (int64_t r = 0; r < 20; r++) {
		sm_relationship x = rel(net, r);
		ck_assert(x.quality > 0 && x.quality <= 1);
		sum += x.quality;
		assert_str_attr(net, SM_RELATIONSHIP, r, "tie", "marriage");
	}
	/* weights 0.1 … 1.0 twice over (see make_florentine.py) */
	ck_assert_double_eq_tol(sum, 11.0, 1e-9);
	ck_assert_int_eq(sm_network_attr_count(net, SM_RELATIONSHIP), 1);
	sm_network_free(net);
	free(path);
}
END_TEST

/* A document larger than the read chunk, with values split across chunks. */
START_TEST(test_large_document)
{
	size_t cap = 1 << 20, len = 0;
	char *doc = malloc(cap);
	len += (size_t)snprintf(doc + len, cap - len,
	                        "<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/>"
	                        "<key id=\"q\" for=\"edge\" attr.name=\"quality\" "
	                        "attr.type=\"double\"/><graph edgedefault=\"undirected\">\n");
	for (int i = 0; i < 3000; i++)
		len += (size_t)snprintf(doc + len, cap - len,
		                        "<node id=\"n%d\"><data key=\"l\">label number %d of the "
		                        "large test document</data></node>\n", i, i);
	for (int i = 1; i < 3000; i++)
		len += (size_t)snprintf(doc + len, cap - len,
		                        "<edge source=\"n%d\" target=\"n%d\"><data key=\"q\">0.%d"
		                        "</data></edge>\n", i - 1, i, 1 + i % 9);
	len += (size_t)snprintf(doc + len, cap - len, "</graph></graphml>\n");
	ck_assert_uint_gt(len, 200000);

	sm_network *net = NULL;
	sm_assert_ok(sm_network_load_buffer(&net, doc, len, SM_FORMAT_GRAPHML, NULL, NULL));
	ck_assert_int_eq(sm_network_actor_count(net), 3000);
	ck_assert_int_eq(sm_network_relationship_count(net), 2999);
	ck_assert_str_eq(sm_network_actor_label(net, 1234),
	                 "label number 1234 of the large test document");
	ck_assert_double_eq(rel(net, 1000).quality, 0.3);
	sm_network_free(net);

	/* the same through a file */
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "large.graphml", doc);
	sm_assert_ok(sm_network_load(&net, path, NULL));
	ck_assert_int_eq(sm_network_actor_count(net), 3000);
	ck_assert_str_eq(sm_network_actor_label(net, 2999),
	                 "label number 2999 of the large test document");
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
	free(doc);
}
END_TEST

START_TEST(test_value_too_long)
{
	size_t n = SM_MAX_STRING_BYTES + 10;
	char *doc = malloc(n + 256);
	int off = snprintf(doc, 256, "<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/>"
	                             "<graph>\n<node id=\"a\"><data key=\"l\">");
	memset(doc + off, 'x', n);
	strcpy(doc + (size_t)off + n, "</data></node></graph></graphml>");
	sm_network *net = NULL;
	sm_assert_fails(load_text(&net, doc, NULL), SM_ELIMIT,
	                "test.graphml:2:14: node \"a\": value of label is longer than 65536 bytes");
	ck_assert_ptr_null(net);
	free(doc);
}
END_TEST

START_TEST(test_error_location)
{
	static const char doc[] = "<graphml>\n<graph>\n<node id=\"a\"/>\n  <edge source=\"a\" "
	                          "target=\"b\"/>\n</graph>\n</graphml>\n";
	sm_network *net = NULL;
	sm_assert_fails(load_text(&net, doc, NULL), SM_EINVAL,
	                "edge \"a\" -- \"b\": target \"b\" is not a declared node");
	const sm_error *e = sm_error_last();
	ck_assert_str_eq(e->file, "test.graphml");
	ck_assert_int_eq(e->line, 4);
	ck_assert_int_eq(e->column, 3);
	ck_assert_ptr_null(net);

	static const char bad_xml[] = "<graphml>\n<graph>\n  <node id=a/>\n</graph></graphml>";
	sm_assert_fails(load_text(&net, bad_xml, NULL), SM_EPARSE,
	                "test.graphml:3:12: XML error: not well-formed (invalid token)");
	ck_assert_int_eq(sm_error_last()->line, 3);
	ck_assert_int_eq(sm_error_last()->column, 12);
}
END_TEST

/* ---- the data-driven invalid cases ------------------------------------- */

static char *read_expected(const char *dir)
{
	char *p = sm_test_join(dir, "expected_error");
	char *text = sm_test_read(p, NULL);
	ck_assert_msg(text != NULL, "%s missing", p);
	free(p);
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = '\0';
	return text;
}

START_TEST(test_invalid_cases)
{
	char *root = sm_test_data("invalid/graphml");
	DIR *d = opendir(root);
	ck_assert_ptr_nonnull(d);
	struct dirent *ent;
	int cases = 0;
	while ((ent = readdir(d)) != NULL) {
		if (ent->d_name[0] == '.')
			continue;
		char *dir = sm_test_join(root, ent->d_name);
		char *path = sm_test_join(dir, "network.graphml");
		char *expected = read_expected(dir);
		sm_network *net = NULL;

		double t0 = now_seconds();
		int rc = sm_network_load(&net, path, NULL);
		double took = now_seconds() - t0;
		ck_assert_msg(rc < 0, "%s: loaded although invalid", ent->d_name);
		ck_assert_ptr_null(net);
		ck_assert_msg(strstr(sm_error_last()->message, expected) != NULL,
		              "%s: message \"%s\" lacks \"%s\"", ent->d_name, sm_error_last()->message,
		              expected);
		ck_assert_msg(strncmp(sm_error_last()->message, path, strlen(path)) == 0,
		              "%s: message \"%s\" does not start with the path", ent->d_name,
		              sm_error_last()->message);
		ck_assert_msg(took < 1.0, "%s took %.3f s", ent->d_name, took);

		/* validate mode reports the same problem first */
		sm_problem_list *list = NULL;
		sm_assert_ok(sm_validate(&list, path, NULL));
		ck_assert_msg(sm_problem_list_count(list) >= 1, "%s: validate found nothing",
		              ent->d_name);
		const sm_error *p = sm_problem_list_get(list, 0);
		ck_assert_msg(strstr(p->message, expected) != NULL,
		              "%s: validate's first problem \"%s\" lacks \"%s\"", ent->d_name,
		              p->message, expected);
		sm_problem_list_free(list);

		free(expected);
		free(path);
		free(dir);
		cases++;
	}
	closedir(d);
	free(root);
	ck_assert_int_ge(cases, 50);
}
END_TEST

/* Codes of a few cases: syntax/structure → EPARSE, values → EINVAL, ids → EDUPLICATE. */
START_TEST(test_invalid_codes)
{
	static const struct {
		const char *name;
		int code;
	} cases[] = {
		{ "doctype_billion_laughs", SM_EPARSE }, { "doctype_external_entity", SM_EPARSE },
		{ "truncated", SM_EPARSE },              { "malformed_utf8", SM_EPARSE },
		{ "hyperedge", SM_EPARSE },              { "nested_graph", SM_EPARSE },
		{ "quality_nan", SM_EINVAL },            { "quality_above_one", SM_EINVAL },
		{ "edge_unknown_target", SM_EINVAL },    { "bool_bad", SM_EINVAL },
		{ "self_loop", SM_EINVAL },              { "duplicate_node_id", SM_EDUPLICATE },
		{ "duplicate_edge_id", SM_EDUPLICATE },  { "duplicate_key_id", SM_EDUPLICATE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char rel_path[128];
		snprintf(rel_path, sizeof rel_path, "invalid/graphml/%s/network.graphml",
		         cases[i].name);
		char *path = sm_test_data(rel_path);
		sm_network *net = NULL;
		int rc = sm_network_load(&net, path, NULL);
		ck_assert_msg(rc == cases[i].code, "%s: code %d, expected %d (%s)", cases[i].name, rc,
		              cases[i].code, sm_error_last()->message);
		free(path);
	}
}
END_TEST

/* Billion laughs and XXE: refused at the DOCTYPE, nothing expanded or read. */
START_TEST(test_entity_attacks)
{
	static const char *const cases[] = { "doctype_billion_laughs", "doctype_external_entity",
		                                 "doctype_external_dtd" };
	for (size_t i = 0; i < 3; i++) {
		char rel_path[128];
		snprintf(rel_path, sizeof rel_path, "invalid/graphml/%s/network.graphml", cases[i]);
		char *path = sm_test_data(rel_path);
		size_t size = 0;
		char *text = sm_test_read(path, &size);
		ck_assert_ptr_nonnull(text);
		sm_network *net = NULL;
		int64_t allocs = sm_alloc_count();
		double t0 = now_seconds();
		sm_assert_fails(sm_network_load_buffer(&net, text, size, SM_FORMAT_GRAPHML, "attack",
		                                       NULL),
		                SM_EPARSE, "attack:2: DOCTYPE not allowed");
		double took = now_seconds() - t0;
		ck_assert_msg(took < 1.0, "%s took %.3f s", cases[i], took);
		/* no expansion: a handful of allocations, no "lollol", no passwd line */
		ck_assert_int_lt(sm_alloc_count() - allocs, 100);
		ck_assert_ptr_null(strstr(sm_error_last()->message, "lollol"));
		ck_assert_ptr_null(strstr(sm_error_last()->message, "root:"));
		ck_assert_ptr_null(net);
		free(text);
		free(path);
	}
}
END_TEST

/* validate mode: each value problem reported, the bad element skipped. */
START_TEST(test_validate_collects)
{
	static const char doc[] =
		"<graphml>\n"                                                              /* 1 */
		"  <key id=\"q\" for=\"edge\" attr.name=\"quality\" attr.type=\"double\"/>\n" /* 2 */
		"  <key id=\"a\" for=\"node\" attr.name=\"age\" attr.type=\"int\"/>\n"    /* 3 */
		"  <graph edgedefault=\"undirected\">\n"                                   /* 4 */
		"    <node id=\"a\"/>\n"                                                  /* 5 */
		"    <node id=\"b\"><data key=\"a\">old</data></node>\n"                  /* 6 */
		"    <node id=\"a\"/>\n"                                                  /* 7 */
		"    <node id=\"c\"/>\n"                                                  /* 8 */
		"    <edge source=\"a\" target=\"c\"><data key=\"q\">1.5</data></edge>\n" /* 9 */
		"    <edge source=\"a\" target=\"b\"/>\n"                                 /* 10 */
		"    <edge source=\"a\" target=\"zz\"/>\n"                                /* 11 */
		"    <edge source=\"a\" target=\"c\"><data key=\"nope\">1</data></edge>\n" /* 12 */
		"    <edge source=\"c\" target=\"a\"><data key=\"q\">0.5</data></edge>\n" /* 13 */
		"  </graph>\n"
		"</graphml>\n";
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "v.graphml", doc);
	sm_problem_list *list = NULL;
	sm_assert_ok(sm_validate(&list, path, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 5);
	static const struct {
		int64_t line;
		const char *text;
	} want[] = {
		{ 6, "node \"b\": age \"old\" is not an integer" },
		{ 7, "duplicate node id \"a\"" },
		{ 9, "quality \"1.5\" is outside (0, 1]" },
		{ 12, "<data> refers to undeclared key \"nope\"" },
		/* the edge a-b is not reported: b was already reported with its node */
		{ 11, "target \"zz\" is not a declared node" },
	};
	for (size_t i = 0; i < 5; i++) {
		const sm_error *e = sm_problem_list_get(list, i);
		ck_assert_msg(strstr(e->message, want[i].text) != NULL, "problem %zu: \"%s\"", i,
		              e->message);
		ck_assert_int_eq(e->line, want[i].line);
		ck_assert_str_eq(e->file, path);
	}
	sm_problem_list_free(list);

	/* a syntax error ends the check after the problems before it */
	static const char broken[] =
		"<graphml><graph>\n<node id=\"a\"/><node id=\"a\"/>\n<node id=\"b\"></graph>";
	free(path);
	path = sm_test_write(dir, "broken.graphml", broken);
	sm_assert_ok(sm_validate(&list, path, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 2);
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 0)->message, "duplicate node id"));
	ck_assert_ptr_nonnull(strstr(sm_problem_list_get(list, 1)->message, "mismatched tag"));
	ck_assert_int_eq(sm_problem_list_get(list, 1)->line, 3);
	sm_problem_list_free(list);

	/* a valid file: no problems */
	free(path);
	path = sm_test_data("graphml/florentine_networkx.graphml");
	sm_assert_ok(sm_validate(&list, path, NULL));
	ck_assert_uint_eq(sm_problem_list_count(list), 0);
	sm_problem_list_free(list);

	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

/* ---- writing ------------------------------------------------------------ */

/* A network using every feature; `directed` as asked. */
static sm_network *feature_network(bool directed)
{
	sm_network *net = NULL;
	sm_value v;
	sm_assert_ok(sm_network_new(&net, directed));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", "Alice & <Co>", "ngo"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "b", "Bob \"B\" 'b'", "diplomat"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "c", NULL, "custom kind"));
	v = sm_value_string("f");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "gender", &v));
	v = sm_value_string("m");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "gender", &v));
	v = sm_value_number(42);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "age", &v));
	v = sm_value_number(7.5);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 2, "age", &v));
	v = sm_value_bool(true);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "member", &v));
	v = sm_value_bool(false);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "member", &v));

	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 0.5, "formal"));
	sm_assert_ok(sm_network_set_period(net, 0, "2020-01-01", NULL));
	v = sm_value_string("x\ty");
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, 0, "note", &v));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "b", "c", 1.0, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 0.25, NULL));
	sm_assert_ok(sm_network_set_period(net, 2, NULL, "2021-12-31"));
	return net;
}

/* More awkward values on top of the feature network, for our own round trip. */
static void add_awkward(sm_network *net)
{
	sm_value v;
	int64_t i;
	sm_assert_ok(sm_network_add_actor(&i, net, "id with \"quotes\" & <tags>\tand tab",
	                                  "line one\nline two\r\nthree\r", "diaspora"));
	sm_assert_ok(sm_network_add_actor(NULL, net,
	                                  "\xC3\xA9l\xC3\xA8ve \xE2\x86\x92 \xF0\x9F\x99\x82",
	                                  "  padded  ", "youth"));
	v = sm_value_number(0.1);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, "score", &v));
	v = sm_value_number(-1e300);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i + 1, "score", &v));
	v = sm_value_string("");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i + 1, "gender", &v));
	v = sm_value_string("]]> & &amp;");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, "odd name: <\"&\">", &v));
	int64_t r;
	sm_assert_ok(sm_network_add_relationship_at(&r, net, i, i + 1, 0.1 + 0.2, "media & press"));
	sm_assert_ok(sm_network_set_period(net, r, "1999-12-31", "2000-01-01"));
	v = sm_value_number(3.0);
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, r, "weight", &v));
	v = sm_value_bool(true);
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, r, "directed", &v));
}

static void round_trip(bool directed)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "net.graphml");
	sm_network *net = feature_network(directed), *back = NULL;
	add_awkward(net);
	sm_assert_ok(sm_network_save(net, path, SM_FORMAT_AUTO));
	sm_assert_ok(sm_network_load(&back, path, NULL));
	assert_same_network(net, back);
	ck_assert_str_eq(sm_network_actor_label(back, 3), "line one\nline two\r\nthree\r");

	/* writing the read network again gives the same bytes */
	char *path2 = sm_test_join(dir, "again.graphml");
	sm_assert_ok(sm_network_save(back, path2, SM_FORMAT_GRAPHML));
	char *t1 = sm_test_read(path, NULL), *t2 = sm_test_read(path2, NULL);
	ck_assert_str_eq(t1, t2);
	ck_assert_ptr_nonnull(strstr(t1, directed ? "edgedefault=\"directed\""
	                                          : "edgedefault=\"undirected\""));
	ck_assert_ptr_nonnull(strstr(t1, "xsi:schemaLocation=\"http://graphml.graphdrawing.org/"
	                                 "xmlns http://graphml.graphdrawing.org/xmlns/1.0/"
	                                 "graphml.xsd\""));
	ck_assert_ptr_nonnull(strstr(t1, "<edge id=\"e0\" source=\"a\" target=\"b\">"));
	ck_assert_ptr_nonnull(strstr(t1, "attr.name=\"age\" attr.type=\"double\""));
	ck_assert_ptr_nonnull(strstr(t1, "attr.name=\"member\" attr.type=\"boolean\""));
	ck_assert_ptr_nonnull(strstr(t1, ">0.30000000000000004</data>"));
	free(t1);
	free(t2);
	sm_network_free(net);
	sm_network_free(back);
	sm_test_rmtree(dir);
	free(path);
	free(path2);
	free(dir);
}

START_TEST(test_round_trip_undirected)
{
	round_trip(false);
}
END_TEST

START_TEST(test_round_trip_directed)
{
	round_trip(true);
}
END_TEST

START_TEST(test_write_empty)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "empty.graphml");
	sm_network *net = NULL, *back = NULL;
	sm_assert_ok(sm_network_new(&net, true));
	sm_assert_ok(sm_network_save(net, path, SM_FORMAT_GRAPHML));
	sm_assert_ok(sm_network_load(&back, path, NULL));
	ck_assert_int_eq(sm_network_actor_count(back), 0);
	ck_assert(sm_network_is_directed(back));
	sm_network_free(net);
	sm_network_free(back);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_write_rejects_control_chars)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "keep.graphml", "old contents");
	sm_network *net = NULL;
	sm_value v;
	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", "bell\x07", NULL));
	sm_assert_fails(sm_network_save(net, path, SM_FORMAT_GRAPHML), SM_EINVAL,
	                "actor \"a\": label holds U+0007, which XML 1.0 cannot represent");
	sm_network_free(net);

	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", NULL, NULL));
	sm_assert_ok(sm_network_add_actor(NULL, net, "b", NULL, NULL));
	v = sm_value_string("not\xEF\xBF\xBF" "char");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "note", &v));
	sm_assert_fails(sm_network_save(net, path, SM_FORMAT_GRAPHML), SM_EINVAL,
	                "actor \"b\": attribute \"note\" holds U+FFFF");
	sm_network_free(net);

	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a\x1b", NULL, NULL));
	sm_assert_fails(sm_network_save(net, path, SM_FORMAT_GRAPHML), SM_EINVAL,
	                "actor \"a\\x1B\": id holds U+001B");
	sm_network_free(net);

	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", NULL, NULL));
	sm_assert_ok(sm_network_add_actor(NULL, net, "b", NULL, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 1, "k\x01"));
	sm_assert_fails(sm_network_save(net, path, SM_FORMAT_GRAPHML), SM_EINVAL,
	                "relationship 0 (\"a\" to \"b\"): kind holds U+0001");
	sm_network_free(net);

	/* the destination is untouched and no temporary file is left */
	char *text = sm_test_read(path, NULL);
	ck_assert_str_eq(text, "old contents");
	free(text);
	DIR *d = opendir(dir);
	int files = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		files += e->d_name[0] != '.';
	closedir(d);
	ck_assert_int_eq(files, 1);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_write_bad_path)
{
	sm_network *net = feature_network(false);
	sm_assert_fails(sm_network_save(net, "/nonexistent-dir/x/net.graphml", SM_FORMAT_GRAPHML),
	                SM_EIO, "/nonexistent-dir/x/net.graphml");
	sm_network_free(net);
}
END_TEST

/* networkx reads what we write: same counts, attributes and values. */
static const char nx_script[] =
	"import sys\n"
	"import networkx as nx\n"
	"G = nx.read_graphml(sys.argv[1], force_multigraph=True)\n"
	"print('directed' if G.is_directed() else 'undirected', G.number_of_nodes(),"
	" G.number_of_edges())\n"
	"for n, d in G.nodes(data=True):\n"
	"    print('node', n, sorted(d.items()))\n"
	"for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[2]):\n"
	"    print('edge', k, u, v, sorted(d.items()))\n";

static void networkx_reads(bool directed)
{
	char *dir = sm_test_tmpdir();
	char *script = sm_test_write(dir, "read.py", nx_script);
	char *path = sm_test_join(dir, "net.graphml");
	sm_network *net = feature_network(directed);
	sm_assert_ok(sm_network_save(net, path, SM_FORMAT_GRAPHML));
	sm_network_free(net);

	char cmd[1024], out[4096];
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %s 2>&1", script, path);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	size_t n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	ck_assert_int_eq(pclose(p), 0);
	char expected[2048];
	snprintf(expected, sizeof expected,
	         "%s 3 3\n"
	         "node a [('age', 42.0), ('gender', 'f'), ('kind', 'ngo'), ('label', 'Alice & <Co>'),"
	         " ('member', True)]\n"
	         "node b [('gender', 'm'), ('kind', 'diplomat'), ('label', 'Bob \"B\" \\'b\\''),"
	         " ('member', False)]\n"
	         "node c [('age', 7.5), ('kind', 'custom kind')]\n"
	         "edge e0 a b [('kind', 'formal'), ('note', 'x\\ty'), ('quality', 0.5),"
	         " ('since', '2020-01-01')]\n"
	         "edge e1 b c [('quality', 1.0)]\n"
	         "edge e2 a b [('quality', 0.25), ('until', '2021-12-31')]\n",
	         directed ? "directed" : "undirected");
	ck_assert_str_eq(out, expected);
	sm_test_rmtree(dir);
	free(script);
	free(path);
	free(dir);
}

START_TEST(test_networkx_reads_undirected)
{
	networkx_reads(false);
}
END_TEST

START_TEST(test_networkx_reads_directed)
{
	networkx_reads(true);
}
END_TEST

/* ---- allocation failures ------------------------------------------------ */

START_TEST(test_alloc_failures_read)
{
	sm_network *net = NULL;
	int rc = SM_ENOMEM;
	int64_t n;
	for (n = 0; n < 5000 && rc != SM_OK; n++) {
		sm_alloc_fail_after(n);
		rc = load_text(&net, basic_doc, NULL);
		sm_alloc_fail_after(-1);
		if (rc != SM_OK) {
			ck_assert_msg(rc == SM_ENOMEM, "after %lld allocations: %d %s", (long long)n, rc,
			              sm_error_last()->message);
			ck_assert_ptr_null(net);
		}
	}
	ck_assert_int_eq(rc, SM_OK);
	ck_assert_int_gt(n, 10);
	ck_assert_int_eq(sm_network_actor_count(net), 3);
	sm_network_free(net);
}
END_TEST

START_TEST(test_alloc_failures_write)
{
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "net.graphml");
	sm_network *net = feature_network(false);
	int rc = SM_ENOMEM;
	for (int64_t n = 0; n < 1000 && rc != SM_OK; n++) {
		sm_alloc_fail_after(n);
		rc = sm_network_save(net, path, SM_FORMAT_GRAPHML);
		sm_alloc_fail_after(-1);
		ck_assert_msg(rc == SM_OK || rc == SM_ENOMEM, "%d %s", rc, sm_error_last()->message);
	}
	ck_assert_int_eq(rc, SM_OK);
	sm_network *back = NULL;
	sm_assert_ok(sm_network_load(&back, path, NULL));
	assert_same_network(net, back);
	sm_network_free(back);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(path);
	free(dir);
}
END_TEST

Suite *graphml_suite(void)
{
	Suite *s = suite_create("graphml");
	TCase *tc = tcase_create("read");
	tcase_add_test(tc, test_read_basic);
	tcase_add_test(tc, test_latin1);
	tcase_add_test(tc, test_control_char_key_name_in_message);
	tcase_add_test(tc, test_edges_before_nodes);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_weight_is_quality);
	tcase_add_test(tc, test_namespaces);
	tcase_add_test(tc, test_direction_default);
	tcase_add_test(tc, test_networkx_fixture);
	tcase_add_test(tc, test_large_document);
	tcase_add_test(tc, test_value_too_long);
	tcase_add_test(tc, test_error_location);
	suite_add_tcase(s, tc);

	tc = tcase_create("invalid");
	tcase_add_test(tc, test_invalid_cases);
	tcase_add_test(tc, test_invalid_codes);
	tcase_add_test(tc, test_entity_attacks);
	tcase_add_test(tc, test_validate_collects);
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_round_trip_undirected);
	tcase_add_test(tc, test_round_trip_directed);
	tcase_add_test(tc, test_write_empty);
	tcase_add_test(tc, test_write_rejects_control_chars);
	tcase_add_test(tc, test_write_bad_path);
	tcase_add_test(tc, test_networkx_reads_undirected);
	tcase_add_test(tc, test_networkx_reads_directed);
	suite_add_tcase(s, tc);

	tc = tcase_create("alloc");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_alloc_failures_read);
	tcase_add_test(tc, test_alloc_failures_write);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(graphml_suite)
