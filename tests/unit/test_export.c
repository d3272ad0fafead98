/*
 * The write-only exports: GEXF, DOT, Pajek, Kumu (lib/io/{export,gexf,dot,pajek,kumu}.c)
 * and their dispatch in io.c. What the peers make of the files (NetworkX,
 * python-igraph, Graphviz) is checked in tests/python/test_exports_peers.py.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/io_internal.h"
#include "model/network_internal.h"
#include "support.h"

/* Three actors, hostile strings included; two relationships between the same
 * pair (one dated), one more; attributes of every type. */
static sm_network *hostile(bool directed)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, directed));
	/* "Amb" <&> \ é U+1F600, 4-byte UTF-8 */
	sm_assert_ok(sm_network_add_actor(NULL, net, "amb", "\"Amb\" <&> \\ \xc3\xa9 \xf0\x9f\x98\x80",
	                                  "diplomat"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "ngo\\1\"x", "Water\nNGO", "ngo"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "biz", NULL, "startup"));
	sm_value v = sm_value_string("=cmd|' /C calc'!A0");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "note", &v));
	v = sm_value_number(45);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "age", &v));
	v = sm_value_bool(true);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "vip", &v));
	int64_t r;
	sm_assert_ok(sm_network_add_relationship(&r, net, "amb", "ngo\\1\"x", 0.8, "formal"));
	sm_assert_ok(sm_network_set_period(net, r, "2020-01-01", NULL));
	v = sm_value_number(3);
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, r, "weight", &v));
	sm_assert_ok(sm_network_add_relationship(&r, net, "ngo\\1\"x", "biz", 0.4, NULL));
	sm_assert_ok(sm_network_add_relationship(&r, net, "ngo\\1\"x", "biz", 0.25, "funding"));
	sm_assert_ok(sm_network_set_period(net, r, NULL, "2022-05-01"));
	return net;
}

static char *save_read(const sm_network *net, const char *dir, const char *name,
                       sm_format format)
{
	char *path = sm_test_join(dir, name);
	sm_assert_ok(sm_network_save(net, path, format));
	char *text = sm_test_read(path, NULL);
	ck_assert_ptr_nonnull(text);
	free(path);
	return text;
}

static void assert_contains(const char *text, const char *needle)
{
	ck_assert_msg(strstr(text, needle) != NULL, "\"%s\" not found in:\n%s", needle, text);
}

/* Number of entries in a folder (temporary files left behind would show). */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* ---- palette ------------------------------------------------------------- */

START_TEST(palette_builtin_kinds)
{
	ck_assert_uint_eq(sm_kind_count(), SM_PALETTE_SIZE);
	/* Every built-in kind its own colour. */
	for (size_t i = 0; i < sm_kind_count(); i++)
		for (size_t j = i + 1; j < sm_kind_count(); j++)
			ck_assert_str_ne(sm_kind_colour(sm_kind_name(i), NULL),
			                 sm_kind_colour(sm_kind_name(j), NULL));
	unsigned char rgb[3];
	ck_assert_str_eq(sm_kind_colour("diplomat", rgb), "#1f4e99");
	ck_assert_uint_eq(rgb[0], 0x1f);
	ck_assert_uint_eq(rgb[1], 0x4e);
	ck_assert_uint_eq(rgb[2], 0x99);
	ck_assert_str_eq(sm_kind_colour("other", NULL), "#9e9e9e");
	ck_assert_str_eq(sm_kind_colour(NULL, NULL), "#9e9e9e");
}
END_TEST

START_TEST(palette_other_kinds_hashed)
{
	/* FNV-1a 32: "startup" -> 2486332330, % 16 = 10 (#e377c2);
	 * "a" -> 3826002220, % 16 = 12 (#ffbb78); "Diplomat" (not the built-in
	 * "diplomat": kinds are case-sensitive) -> 2602115563, % 16 = 11. */
	ck_assert_str_eq(sm_kind_colour("startup", NULL), "#e377c2");
	ck_assert_str_eq(sm_kind_colour("a", NULL), "#ffbb78");
	ck_assert_str_eq(sm_kind_colour("Diplomat", NULL), "#98df8a");
	/* The empty string hashes to the FNV offset basis 2166136261, % 16 = 5. */
	ck_assert_str_eq(sm_kind_colour("", NULL), "#bcbd22");
}
END_TEST

/* ---- GEXF -------------------------------------------------------------------- */

START_TEST(gexf_document)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = hostile(false);
	char *x = save_read(net, dir, "map.gexf", SM_FORMAT_AUTO);
	assert_contains(x, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
	                   "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\"");
	assert_contains(x, "version=\"1.2\">");
	assert_contains(x, "<graph defaultedgetype=\"undirected\" mode=\"dynamic\" "
	                   "timeformat=\"date\">");
	/* Attribute declarations, typed; ids a<k> / r<k>. */
	assert_contains(x, "<attribute id=\"a0\" title=\"note\" type=\"string\"/>");
	assert_contains(x, "<attribute id=\"a1\" title=\"age\" type=\"double\"/>");
	assert_contains(x, "<attribute id=\"a2\" title=\"vip\" type=\"boolean\"/>");
	assert_contains(x, "<attribute id=\"r0\" title=\"weight\" type=\"double\"/>");
	/* Escaped id and label; the label of biz (none) is its id. */
	assert_contains(x, "<node id=\"amb\" label=\"&quot;Amb&quot; &lt;&amp;&gt; \\ "
	                   "\xc3\xa9 \xf0\x9f\x98\x80\">");
	assert_contains(x, "<node id=\"ngo\\1&quot;x\" label=\"Water&#10;NGO\">");
	assert_contains(x, "<node id=\"biz\" label=\"biz\">");
	assert_contains(x, "<attvalue for=\"a0\" value=\"=cmd|' /C calc'!A0\"/>");
	assert_contains(x, "<attvalue for=\"a1\" value=\"45\"/>");
	assert_contains(x, "<attvalue for=\"a2\" value=\"true\"/>");
	/* Colours: diplomat #1f4e99 = 31,78,153; startup #e377c2 = 227,119,194. */
	assert_contains(x, "<viz:color r=\"31\" g=\"78\" b=\"153\" a=\"1.0\"/>");
	assert_contains(x, "<viz:color r=\"227\" g=\"119\" b=\"194\" a=\"1.0\"/>");
	/* Edges: ids in order, weight = quality, spells as start/end. */
	assert_contains(x, "<edge id=\"e0\" source=\"amb\" target=\"ngo\\1&quot;x\" weight=\"0.8\" "
	                   "start=\"2020-01-01\">");
	assert_contains(x, "<edge id=\"e1\" source=\"ngo\\1&quot;x\" target=\"biz\" "
	                   "weight=\"0.4\">");
	assert_contains(x, "weight=\"0.25\" end=\"2022-05-01\">");
	assert_contains(x, "<attvalue for=\"kind\" value=\"funding\"/>");
	free(x);
	sm_network_free(net);

	/* Directed, no periods: static. */
	sm_assert_ok(sm_network_new(&net, true));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", NULL, NULL));
	sm_assert_ok(sm_network_add_actor(NULL, net, "b", NULL, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 1, NULL));
	x = save_read(net, dir, "d.gexf", SM_FORMAT_GEXF);
	assert_contains(x, "<graph defaultedgetype=\"directed\" mode=\"static\">");
	/* No kind, no attribute: no <attvalues> (the schema wants at least one). */
	assert_contains(x, "<edge id=\"e0\" source=\"a\" target=\"b\" weight=\"1\">\n"
	                   "      </edge>\n");
	free(x);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- DOT --------------------------------------------------------------------- */

START_TEST(dot_document)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = hostile(false);
	char *x = save_read(net, dir, "map.dot", SM_FORMAT_AUTO);
	assert_contains(x, "graph \"stakemap\" {\n");
	/* Names: \ -> \\ and " -> \"; labels also \n for a line break. */
	assert_contains(x, "\t\"amb\" [label=\"\\\"Amb\\\" <&> \\\\ \xc3\xa9 \xf0\x9f\x98\x80\", "
	                   "fillcolor=\"#1f4e99\", fontcolor=\"white\", kind=\"diplomat\"];\n");
	assert_contains(x, "\t\"ngo\\\\1\\\"x\" [label=\"Water\\nNGO\", fillcolor=\"#2ca02c\"");
	assert_contains(x, "\t\"biz\" [label=\"biz\", fillcolor=\"#e377c2\"");
	/* penwidth 0.5 + 3.5 q: q = 0.8 -> 3.3; 0.4 -> 1.9; 0.25 -> 1.375. */
	assert_contains(x, "\t\"amb\" -- \"ngo\\\\1\\\"x\" [penwidth=3.3, quality=0.8, "
	                   "kind=\"formal\"];\n");
	assert_contains(x, "[penwidth=1.9, quality=0.4];\n");
	assert_contains(x, "[penwidth=1.375, quality=0.25, kind=\"funding\"];\n");
	free(x);
	sm_network_free(net);

	net = hostile(true);
	x = save_read(net, dir, "map.gv", SM_FORMAT_AUTO);
	assert_contains(x, "digraph \"stakemap\" {\n");
	assert_contains(x, "\t\"amb\" -> \"ngo\\\\1\\\"x\"");
	free(x);
	sm_network_free(net);

	/* CR LF and a lone CR in a label are one line break each. */
	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", "one\r\ntwo\rthree", NULL));
	x = save_read(net, dir, "cr.dot", SM_FORMAT_DOT);
	assert_contains(x, "[label=\"one\\ntwo\\nthree\", fillcolor=\"#9e9e9e\", kind=\"other\"]");
	free(x);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- Pajek ------------------------------------------------------------------- */

START_TEST(pajek_document)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = hostile(false);
	sm_assert_ok(sm_network_add_actor(NULL, net, "tab\there\r\nx", NULL, NULL));
	char *x = save_read(net, dir, "map.net", SM_FORMAT_AUTO);
	ck_assert_str_eq(x, "*Vertices 4\n"
	                    "1 \"amb\"\n"
	                    "2 \"ngo/1'x\"\n"
	                    "3 \"biz\"\n"
	                    "4 \"tab here  x\"\n"
	                    "*Edges\n"
	                    "1 2 0.8\n"
	                    "2 3 0.4\n"
	                    "2 3 0.25\n");
	free(x);
	sm_network_free(net);

	/* Directed: *Arcs; weights exactly (shortest text that reads back). */
	sm_assert_ok(sm_network_new(&net, true));
	sm_assert_ok(sm_network_add_actor(NULL, net, "b", NULL, NULL));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", NULL, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 0.1 + 0.2, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "b", "a", 1e-7, NULL));
	x = save_read(net, dir, "d.net", SM_FORMAT_PAJEK);
	ck_assert_str_eq(x, "*Vertices 2\n1 \"b\"\n2 \"a\"\n*Arcs\n2 1 0.30000000000000004\n"
	                    "1 2 1e-07\n");
	free(x);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

/* ---- Kumu -------------------------------------------------------------------- */

START_TEST(kumu_sheets)
{
	char *dir = sm_test_tmpdir();
	char *out = sm_test_join(dir, "kumu");
	sm_network *net = hostile(false);
	sm_assert_ok(sm_network_save(net, out, SM_FORMAT_KUMU));
	char *p = sm_test_join(out, "elements.csv");
	char *x = sm_test_read(p, NULL);
	/* Formula neutralised with a leading '; quotes doubled; the line break
	 * kept inside quotes; biz labelled with its id. */
	ck_assert_str_eq(x, "ID,Label,Type,note,age,vip\n"
	                    "amb,\"\"\"Amb\"\" <&> \\ \xc3\xa9 \xf0\x9f\x98\x80\",diplomat,"
	                    "'=cmd|' /C calc'!A0,45,\n"
	                    "\"ngo\\1\"\"x\",\"Water\nNGO\",ngo,,,true\n"
	                    "biz,biz,startup,,,\n");
	free(x);
	free(p);
	p = sm_test_join(out, "connections.csv");
	x = sm_test_read(p, NULL);
	/* "weight" would be read as the strength: it gets its type suffix. */
	ck_assert_str_eq(x, "From,To,Type,Strength,Direction,Start,End,weight:number\n"
	                    "amb,\"ngo\\1\"\"x\",formal,0.8,undirected,2020-01-01,,3\n"
	                    "\"ngo\\1\"\"x\",biz,,0.4,undirected,,,\n"
	                    "\"ngo\\1\"\"x\",biz,funding,0.25,undirected,,2022-05-01,\n");
	free(x);
	free(p);
	ck_assert_int_eq(count_entries(out), 2);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(out);
	free(dir);
}
END_TEST

static void assert_attr_str(const sm_network *net, sm_element w, int64_t i, const char *name,
                            const char *want)
{
	sm_value v;
	sm_assert_ok(sm_network_attr(&v, net, w, i, name));
	ck_assert_int_eq(v.type, SM_VALUE_STRING);
	ck_assert_str_eq(v.as.s, want);
}

START_TEST(kumu_round_trip)
{
	for (int directed = 0; directed <= 1; directed++) {
		char *dir = sm_test_tmpdir();
		char *out = sm_test_join(dir, "kumu");
		sm_network *net = hostile(directed);
		/* A text column of numbers must stay text. */
		sm_value v = sm_value_string("007");
		sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 2, "code", &v));
		sm_assert_ok(sm_network_save(net, out, SM_FORMAT_KUMU));

		/* Found by its files (auto) and when asked for. */
		sm_load_options o = SM_LOAD_OPTIONS_INIT;
		o.directed = directed;
		for (int asked = 0; asked <= 1; asked++) {
			o.format = asked ? SM_FORMAT_KUMU : SM_FORMAT_AUTO;
			sm_network *back = NULL;
			sm_assert_ok(sm_network_load(&back, out, &o));
			ck_assert(sm_network_is_directed(back) == (bool)directed);
			ck_assert_int_eq(sm_network_actor_count(back), 3);
			ck_assert_int_eq(sm_network_relationship_count(back), 3);
			for (int64_t i = 0; i < 3; i++) {
				ck_assert_str_eq(sm_network_actor_id(back, i), sm_network_actor_id(net, i));
				ck_assert_str_eq(sm_network_actor_kind(back, i), sm_network_actor_kind(net, i));
			}
			ck_assert_str_eq(sm_network_actor_label(back, 0), sm_network_actor_label(net, 0));
			ck_assert_str_eq(sm_network_actor_label(back, 1), "Water\nNGO");
			ck_assert_str_eq(sm_network_actor_label(back, 2), "biz"); /* was none */
			assert_attr_str(back, SM_ACTOR, 0, "note", "=cmd|' /C calc'!A0");
			assert_attr_str(back, SM_ACTOR, 2, "code", "007");
			sm_value a;
			sm_assert_ok(sm_network_attr(&a, back, SM_ACTOR, 0, "age"));
			ck_assert(a.type == SM_VALUE_NUMBER && a.as.n == 45);
			sm_assert_ok(sm_network_attr(&a, back, SM_ACTOR, 1, "vip"));
			ck_assert(a.type == SM_VALUE_BOOL && a.as.b);
			for (int64_t r = 0; r < 3; r++) {
				sm_relationship want, got;
				sm_assert_ok(sm_network_relationship(&want, net, r));
				sm_assert_ok(sm_network_relationship(&got, back, r));
				ck_assert_int_eq(got.source, want.source);
				ck_assert_int_eq(got.target, want.target);
				ck_assert(got.quality == want.quality);
				ck_assert_int_eq(got.since, want.since);
				ck_assert_int_eq(got.until, want.until);
				if (want.kind)
					ck_assert_str_eq(got.kind, want.kind);
				else
					ck_assert_ptr_null(got.kind);
				/* Kumu's Direction comes back as an attribute. */
				assert_attr_str(back, SM_RELATIONSHIP, r, "Direction",
				                directed ? "directed" : "undirected");
			}
			sm_assert_ok(sm_network_attr(&a, back, SM_RELATIONSHIP, 0, "weight"));
			ck_assert(a.type == SM_VALUE_NUMBER && a.as.n == 3);
			sm_network_free(back);
		}
		sm_network_free(net);
		sm_test_rmtree(dir);
		free(out);
		free(dir);
	}
}
END_TEST

START_TEST(kumu_only_when_asked)
{
	char *dir = sm_test_tmpdir();
	char *out = sm_test_join(dir, "pair");
	sm_network *net = hostile(false);
	sm_assert_ok(sm_network_save(net, out, SM_FORMAT_AUTO));
	char *a = sm_test_join(out, "actors.csv");
	char *e = sm_test_join(out, "elements.csv");
	struct stat st;
	ck_assert_int_eq(stat(a, &st), 0);
	ck_assert_int_ne(stat(e, &st), 0);
	free(a);
	free(e);
	/* A Kumu folder needs connections.csv. */
	sm_load_options o = SM_LOAD_OPTIONS_INIT;
	o.format = SM_FORMAT_KUMU;
	sm_network *back = (sm_network *)0x1;
	sm_assert_fails(sm_network_load(&back, out, &o), SM_ENOTFOUND, "holds no connections.csv");
	ck_assert_ptr_eq(back, (sm_network *)0x1);
	/* Writing Kumu over a file is an error. */
	char *file = sm_test_write(dir, "plain", "x\n");
	sm_assert_fails(sm_network_save(net, file, SM_FORMAT_KUMU), SM_EIO, "not a folder");
	free(file);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(out);
	free(dir);
}
END_TEST

/* ---- bad input --------------------------------------------------------------- */

START_TEST(exports_are_write_only)
{
	char *dir = sm_test_tmpdir();
	const char *names[] = { "m.gexf", "m.dot", "m.gv", "m.net" };
	const char *fmt[] = { "GEXF", "DOT", "DOT", "Pajek" };
	sm_network *net = hostile(false);
	for (size_t i = 0; i < 4; i++) {
		char *path = sm_test_join(dir, names[i]);
		sm_assert_ok(sm_network_save(net, path, SM_FORMAT_AUTO));
		sm_network *back = (sm_network *)0x1;
		sm_assert_fails(sm_network_load(&back, path, NULL), SM_EINVAL, "is write-only");
		ck_assert_ptr_nonnull(strstr(sm_error_last()->message, fmt[i]));
		ck_assert_ptr_nonnull(strstr(sm_error_last()->message, names[i]));
		ck_assert_ptr_eq(back, (sm_network *)0x1);
		/* validate: the caller's mistake, not a problem of the file. */
		sm_problem_list *list = (sm_problem_list *)0x1;
		sm_assert_fails(sm_validate(&list, path, NULL), SM_EINVAL, "is write-only");
		ck_assert_ptr_eq(list, (sm_problem_list *)0x1);
		free(path);
	}
	sm_format formats[] = { SM_FORMAT_GEXF, SM_FORMAT_DOT, SM_FORMAT_PAJEK };
	for (size_t i = 0; i < 3; i++) {
		sm_network *back = (sm_network *)0x1;
		sm_assert_fails(sm_network_load_buffer(&back, "x", 1, formats[i], "in.x", NULL),
		                SM_EINVAL, "in.x: ");
		ck_assert_ptr_nonnull(strstr(sm_error_last()->message, "is write-only"));
		ck_assert_ptr_eq(back, (sm_network *)0x1);
	}
	/* A format number past the last is refused. */
	char *path = sm_test_join(dir, "m.json");
	sm_assert_fails(sm_network_save(net, path, (sm_format)(SM_FORMAT_KUMU + 1)), SM_EINVAL,
	                "unknown format 8");
	free(path);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(control_characters_refused)
{
	char *dir = sm_test_tmpdir();
	const char *names[] = { "m.gexf", "m.dot", "m.net" };
	const char *fmt[] = { "GEXF", "DOT", "Pajek" };
	for (int where = 0; where < 4; where++) {
		sm_network *net = hostile(false);
		sm_value v = sm_value_string("bell\a");
		switch (where) {
		case 0: sm_assert_ok(sm_network_add_actor(NULL, net, "x\x01y", NULL, NULL)); break;
		case 1: sm_assert_ok(sm_network_add_actor(NULL, net, "x", "lab\x1f", NULL)); break;
		case 2: sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "note", &v)); break;
		default: sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, 2, "memo", &v)); break;
		}
		const char *code = where == 0 ? "U+0001" : where == 1 ? "U+001F" : "U+0007";
		for (size_t i = 0; i < 3; i++) {
			/* The old file stays; no temporary file is left. */
			char *path = sm_test_write(dir, names[i], "old\n");
			sm_assert_fails(sm_network_save(net, path, SM_FORMAT_AUTO), SM_EINVAL, code);
			ck_assert_ptr_nonnull(strstr(sm_error_last()->message, fmt[i]));
			char *text = sm_test_read(path, NULL);
			ck_assert_str_eq(text, "old\n");
			free(text);
			free(path);
		}
		ck_assert_int_eq(count_entries(dir), 3);
		sm_network_free(net);
	}
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(missing_folder_is_an_error)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = hostile(false);
	const char *names[] = { "no/m.gexf", "no/m.dot", "no/m.net", "no/kumu" };
	sm_format formats[] = { SM_FORMAT_AUTO, SM_FORMAT_AUTO, SM_FORMAT_AUTO, SM_FORMAT_KUMU };
	for (size_t i = 0; i < 4; i++) {
		char *path = sm_test_join(dir, names[i]);
		sm_assert_fails(sm_network_save(net, path, formats[i]), SM_EIO, names[i]);
		free(path);
	}
	ck_assert_int_eq(count_entries(dir), 0);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(empty_network)
{
	char *dir = sm_test_tmpdir();
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	char *x = save_read(net, dir, "e.net", SM_FORMAT_AUTO);
	ck_assert_str_eq(x, "*Vertices 0\n*Edges\n");
	free(x);
	x = save_read(net, dir, "e.gexf", SM_FORMAT_AUTO);
	assert_contains(x, "<nodes>\n    </nodes>\n    <edges>\n    </edges>\n");
	free(x);
	x = save_read(net, dir, "e.dot", SM_FORMAT_AUTO);
	assert_contains(x, "edge [color=\"#00000080\"];\n}\n");
	free(x);
	char *k = sm_test_join(dir, "k");
	sm_assert_ok(sm_network_save(net, k, SM_FORMAT_KUMU));
	sm_network *back = NULL;
	sm_assert_ok(sm_network_load(&back, k, NULL));
	ck_assert_int_eq(sm_network_actor_count(back), 0);
	sm_network_free(back);
	free(k);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(allocation_failures)
{
	char *dir = sm_test_tmpdir();
	sm_network *net = hostile(false);
	const char *names[] = { "m.gexf", "m.dot", "m.net", "kumu" };
	sm_format formats[] = { SM_FORMAT_AUTO, SM_FORMAT_AUTO, SM_FORMAT_AUTO, SM_FORMAT_KUMU };
	for (size_t i = 0; i < 4; i++) {
		char *path = sm_test_join(dir, names[i]);
		int rc = SM_ENOMEM;
		int64_t k;
		for (k = 0; k < 1000 && rc == SM_ENOMEM; k++) {
			sm_alloc_fail_after(k);
			rc = sm_network_save(net, path, formats[i]);
			sm_alloc_fail_after(-1);
			ck_assert_msg(rc == SM_OK || rc == SM_ENOMEM, "%s: allocation %lld: %d %s",
			              names[i], (long long)k, rc, sm_error_last()->message);
		}
		ck_assert_int_eq(rc, SM_OK);
		ck_assert_int_ge(k, 2); /* the temporary file's names at least */
		free(path);
	}
	/* Nothing but the four outputs: no temporary files left behind. */
	ck_assert_int_eq(count_entries(dir), 4);
	sm_network_free(net);
	sm_test_rmtree(dir);
	free(dir);
}
END_TEST

Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("formats");
	tcase_add_test(tc, palette_builtin_kinds);
	tcase_add_test(tc, palette_other_kinds_hashed);
	tcase_add_test(tc, gexf_document);
	tcase_add_test(tc, dot_document);
	tcase_add_test(tc, pajek_document);
	tcase_add_test(tc, kumu_sheets);
	tcase_add_test(tc, kumu_round_trip);
	tcase_add_test(tc, kumu_only_when_asked);
	tcase_add_test(tc, empty_network);
	suite_add_tcase(s, tc);
	tc = tcase_create("bad_input");
	tcase_add_test(tc, exports_are_write_only);
	tcase_add_test(tc, control_characters_refused);
	tcase_add_test(tc, missing_folder_is_an_error);
	tcase_add_test(tc, allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(export_suite)
