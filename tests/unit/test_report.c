/*
 * The report layer: sm_layout() (lib/report/layout.c) and the HTML report
 * (lib/report/html.c, svg.c, buffer.c). Layout positions come from igraph's
 * seeded RNG and cannot be compared with a peer's numbers, so the layout is
 * checked by properties worked out by hand (ranges, determinism, clusters
 * drawn together); the report by its structure: one node element per actor
 * (or per community), the legend, escaping, no external requests, the same
 * bytes for the same seed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

/* ---- helpers ------------------------------------------------------------ */

static void add_actor(sm_network *net, const char *id, const char *label, const char *kind)
{
	sm_assert_ok(sm_network_add_actor(NULL, net, id, label, kind));
}

static void add_rel(sm_network *net, const char *a, const char *b, double q)
{
	sm_assert_ok(sm_network_add_relationship(NULL, net, a, b, q, NULL));
}

static void set_text(sm_network *net, int64_t i, const char *name, const char *text)
{
	sm_value v = sm_value_string(text);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, name, &v));
}

static size_t count(const char *hay, const char *needle)
{
	size_t k = 0, len = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
		k++;
	return k;
}

/* `cliques` disjoint cliques of `size` actors (quality 1 inside); clique c's
 * actors are "c<c>_<i>", of kind kinds[c % 3]. */
static sm_network *cliques(int ncliques, int size)
{
	static const char *const kinds[] = { "ngo", "media", "diplomat" };
	sm_network *net;
	char id[32], other[32];
	sm_assert_ok(sm_network_new(&net, false));
	for (int c = 0; c < ncliques; c++)
		for (int i = 0; i < size; i++) {
			snprintf(id, sizeof id, "c%d_%d", c, i);
			add_actor(net, id, NULL, kinds[c % 3]);
		}
	for (int c = 0; c < ncliques; c++)
		for (int i = 0; i < size; i++)
			for (int j = i + 1; j < size; j++) {
				snprintf(id, sizeof id, "c%d_%d", c, i);
				snprintf(other, sizeof other, "c%d_%d", c, j);
				add_rel(net, id, other, 1.0);
			}
	return net;
}

/* The embassy map of docs/report.md: eight actors, a focal pair of
 * diplomats, an NGO cluster, a journalist and an isolated diaspora group. */
static sm_network *embassy(void)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "amb", "Ambassador", "diplomat");
	add_actor(net, "dcm", "Deputy", "diplomat");
	add_actor(net, "min", "Ministry", "government");
	add_actor(net, "ngo1", "Water NGO", "ngo");
	add_actor(net, "ngo2", "Village NGO", "ngo");
	add_actor(net, "ngo3", "Youth NGO", "ngo");
	add_actor(net, "jour", "Journalist", "media");
	add_actor(net, "dias", "Diaspora club", "diaspora");
	add_rel(net, "amb", "dcm", 0.9);
	add_rel(net, "amb", "min", 0.8);
	add_rel(net, "dcm", "min", 0.7);
	add_rel(net, "dcm", "jour", 0.4);
	add_rel(net, "jour", "ngo1", 0.5);
	add_rel(net, "ngo1", "ngo2", 0.9);
	add_rel(net, "ngo2", "ngo3", 0.8);
	add_rel(net, "ngo1", "ngo3", 0.7);
	const char *gender[] = { "f", "m", "m", "f", "f", "m", "f", "m" };
	for (int64_t i = 0; i < 8; i++)
		set_text(net, i, "gender", gender[i]);
	return net;
}

static char *report(const sm_network *net, const sm_report_options *o)
{
	char *html = NULL;
	size_t size = 0;
	sm_assert_ok(sm_report_html(&html, &size, net, o));
	ck_assert_ptr_nonnull(html);
	ck_assert_uint_eq(size, strlen(html));
	return html;
}

/* ---- layout ------------------------------------------------------------- */

START_TEST(options_init)
{
	sm_layout_options a = SM_LAYOUT_OPTIONS_INIT, b;
	memset(&b, 0xff, sizeof b);
	sm_layout_options_init(&b);
	ck_assert_uint_eq(b.version, SM_LAYOUT_OPTIONS_VERSION);
	ck_assert_int_eq(b.algorithm, SM_LAYOUT_AUTO);
	ck_assert_uint_eq(b.seed, 1);
	ck_assert_int_eq(b.iterations, 0);
	ck_assert_ptr_null(b.progress);
	ck_assert_int_eq(memcmp(&a, &b, sizeof a), 0);
	sm_report_options c = SM_REPORT_OPTIONS_INIT, d;
	memset(&d, 0xff, sizeof d);
	sm_report_options_init(&d);
	ck_assert_uint_eq(d.version, SM_REPORT_OPTIONS_VERSION);
	ck_assert_ptr_null(d.title);
	ck_assert_ptr_null(d.focal);
	ck_assert_int_eq(d.top, 10);
	ck_assert_int_eq(d.max_actors, 2000);
	ck_assert_uint_eq(d.seed, 1);
	ck_assert_ptr_null(d.colour_by);
	ck_assert_ptr_null(d.size_by);
	ck_assert_ptr_null(d.target_by);
	ck_assert_ptr_null(d.progress);
	ck_assert_ptr_null(d.progress_user);
	ck_assert(c.version == d.version && c.top == d.top && c.max_actors == d.max_actors &&
	          c.seed == d.seed && c.title == d.title && c.focal == d.focal);
}
END_TEST

static double dist(const double *x, const double *y, int64_t a, int64_t b)
{
	return hypot(x[a] - x[b], y[a] - y[b]);
}

/* Two 5-cliques (quality 1) joined by one weak tie (0.1) between c0_0 and
 * c1_0: Fruchterman–Reingold attracts along ties, so every actor lies
 * nearer, on average, to its own clique than to the other. */
static void check_two_cliques(sm_layout_algorithm algorithm, const char *name)
{
	sm_network *net = cliques(2, 5);
	add_rel(net, "c0_0", "c1_0", 0.1);
	add_actor(net, "lonely", NULL, "other");
	sm_layout_options o = SM_LAYOUT_OPTIONS_INIT;
	o.algorithm = algorithm;
	sm_table *t = NULL;
	sm_assert_ok(sm_layout(&t, net, &o));
	ck_assert_uint_eq(sm_table_rows(t), 11);
	ck_assert_str_eq(sm_table_column_name(t, 0), "id");
	const char *const *id = sm_table_column_string(t, "id", NULL);
	const double *x = sm_table_column_double(t, "x", NULL);
	const double *y = sm_table_column_double(t, "y", NULL);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	double x0 = 1, x1 = 0, y0 = 1, y1 = 0;
	for (int64_t i = 0; i < 11; i++) {
		ck_assert_str_eq(id[i], sm_network_actor_id(net, i));
		ck_assert(isfinite(x[i]) && isfinite(y[i]));
		ck_assert(x[i] >= 0 && x[i] <= 1 && y[i] >= 0 && y[i] <= 1);
		x0 = fmin(x0, x[i]);
		x1 = fmax(x1, x[i]);
		y0 = fmin(y0, y[i]);
		y1 = fmax(y1, y[i]);
	}
	/* Scaled to fill the square along the longer side, the other centred. */
	double w = x1 - x0, h = y1 - y0;
	ck_assert(fabs(fmax(w, h) - 1.0) < 1e-9);
	ck_assert(fabs((x0 + x1) / 2 - 0.5) < 1e-9 && fabs((y0 + y1) / 2 - 0.5) < 1e-9);
	double within = 0, across = 0;
	for (int64_t a = 0; a < 10; a++)
		for (int64_t b = 0; b < 10; b++) {
			if (a == b)
				continue;
			if (a / 5 == b / 5)
				within += dist(x, y, a, b) / 40.0; /* 2 · 5 · 4 ordered pairs */
			else
				across += dist(x, y, a, b) / 50.0; /* 2 · 5 · 5 */
		}
	ck_assert_msg(within < across, "%s: within %g, across %g", name, within, across);
	/* The isolated actor is set under the drawing of the others. */
	for (int64_t i = 0; i < 10; i++)
		ck_assert(y[10] > y[i]);
	ck_assert_str_eq(sm_table_note(t, "algorithm"), name);
	ck_assert_str_eq(sm_table_note(t, "seed"), "1");
	ck_assert_str_eq(sm_table_note(t, "iterations"),
	                 strcmp(name, "fr") == 0 ? "500" : "750");
	sm_table_free(t);
	sm_network_free(net);
}

START_TEST(layout_fr_clusters)
{
	check_two_cliques(SM_LAYOUT_FR, "fr");
	check_two_cliques(SM_LAYOUT_AUTO, "fr"); /* 11 actors: FR */
}
END_TEST


static sm_table *layout_with(const sm_network *net, sm_layout_algorithm a, uint64_t seed,
                             int64_t iterations)
{
	sm_layout_options o = SM_LAYOUT_OPTIONS_INIT;
	o.algorithm = a;
	o.seed = seed;
	o.iterations = iterations;
	sm_table *t = NULL;
	sm_assert_ok(sm_layout(&t, net, &o));
	return t;
}

static bool same_positions(const sm_table *a, const sm_table *b)
{
	size_t n;
	const double *xa = sm_table_column_double(a, "x", &n);
	const double *ya = sm_table_column_double(a, "y", NULL);
	const double *xb = sm_table_column_double(b, "x", NULL);
	const double *yb = sm_table_column_double(b, "y", NULL);
	return memcmp(xa, xb, n * sizeof *xa) == 0 && memcmp(ya, yb, n * sizeof *ya) == 0;
}

/* DrL has a fixed cost of seconds (docs/report.md): one run for the
 * clusters, one more for the seed. */
START_TEST(layout_drl_clusters)
{
	check_two_cliques(SM_LAYOUT_DRL, "drl");
	sm_network *net = cliques(2, 3);
	sm_table *a = layout_with(net, SM_LAYOUT_DRL, 7, 0);
	sm_table *b = layout_with(net, SM_LAYOUT_DRL, 7, 0);
	ck_assert(same_positions(a, b));
	sm_table_free(a);
	sm_table_free(b);
	sm_network_free(net);
}
END_TEST

START_TEST(layout_seeded)
{
	sm_network *net = cliques(3, 6);
	add_rel(net, "c0_0", "c1_0", 0.3);
	add_rel(net, "c1_1", "c2_1", 0.3);
	sm_layout_algorithm algs[] = { SM_LAYOUT_FR, SM_LAYOUT_AUTO };
	for (size_t k = 0; k < 2; k++) {
		sm_table *a = layout_with(net, algs[k], 7, 0);
		sm_table *b = layout_with(net, algs[k], 7, 0);
		sm_table *c = layout_with(net, algs[k], 8, 0);
		ck_assert(same_positions(a, b));
		ck_assert(!same_positions(a, c));
		ck_assert_str_eq(sm_table_note(c, "seed"), "8");
		sm_table_free(a);
		sm_table_free(b);
		sm_table_free(c);
	}
	/* Iterations are taken: a 1-iteration FR differs from the default. */
	sm_table *a = layout_with(net, SM_LAYOUT_FR, 7, 1);
	sm_table *b = layout_with(net, SM_LAYOUT_FR, 7, 0);
	ck_assert(!same_positions(a, b));
	ck_assert_str_eq(sm_table_note(a, "iterations"), "1");
	sm_table_free(a);
	sm_table_free(b);
	sm_network_free(net);
}
END_TEST

START_TEST(layout_auto_large)
{
	/* A directed ring of 1,001 actors: above 1,000 the default is still FR
	 * (igraph's grid variant), not DrL. */
	sm_network *net;
	char id[16];
	sm_assert_ok(sm_network_new(&net, true));
	for (int i = 0; i < 1001; i++) {
		snprintf(id, sizeof id, "v%d", i);
		add_actor(net, id, NULL, NULL);
	}
	for (int64_t i = 0; i < 1001; i++)
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, i, (i + 1) % 1001, 0.5, NULL));
	sm_table *t = layout_with(net, SM_LAYOUT_AUTO, 1, 0);
	ck_assert_str_eq(sm_table_note(t, "algorithm"), "fr");
	ck_assert_uint_eq(sm_table_rows(t), 1001);
	const double *x = sm_table_column_double(t, "x", NULL);
	const double *y = sm_table_column_double(t, "y", NULL);
	for (int i = 0; i < 1001; i++)
		ck_assert(x[i] >= 0 && x[i] <= 1 && y[i] >= 0 && y[i] <= 1);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(layout_small_cases)
{
	sm_network *net;
	sm_table *t = NULL;
	/* No actors: no rows. */
	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_layout(&t, net, NULL));
	ck_assert_uint_eq(sm_table_rows(t), 0);
	sm_table_free(t);
	/* One actor: the centre of the square. */
	add_actor(net, "solo", NULL, NULL);
	sm_assert_ok(sm_layout(&t, net, NULL));
	ck_assert_uint_eq(sm_table_rows(t), 1);
	ck_assert(sm_table_column_double(t, "x", NULL)[0] == 0.5);
	ck_assert(sm_table_column_double(t, "y", NULL)[0] == 0.5);
	sm_table_free(t);
	/* Isolated actors only (no drawing to set them under): placed by the
	 * layout itself, in range, not all in one point. */
	add_actor(net, "b", NULL, NULL);
	add_actor(net, "c", NULL, NULL);
	sm_assert_ok(sm_layout(&t, net, NULL));
	const double *x = sm_table_column_double(t, "x", NULL);
	const double *y = sm_table_column_double(t, "y", NULL);
	ck_assert(x[0] != x[1] || y[0] != y[1]);
	for (int i = 0; i < 3; i++)
		ck_assert(x[i] >= 0 && x[i] <= 1 && y[i] >= 0 && y[i] <= 1);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(layout_bad_options)
{
	sm_network *net = cliques(1, 3);
	sm_table *t = NULL;
	sm_layout_options o = SM_LAYOUT_OPTIONS_INIT;
	o.version = 99;
	sm_assert_fails(sm_layout(&t, net, &o), SM_EINVAL, "version 99");
	o = (sm_layout_options)SM_LAYOUT_OPTIONS_INIT;
	o.algorithm = (sm_layout_algorithm)7;
	sm_assert_fails(sm_layout(&t, net, &o), SM_EINVAL, "algorithm 7");
	o = (sm_layout_options)SM_LAYOUT_OPTIONS_INIT;
	o.iterations = -1;
	sm_assert_fails(sm_layout(&t, net, &o), SM_EINVAL, "iterations -1");
	o.iterations = 2000000;
	sm_assert_fails(sm_layout(&t, net, &o), SM_EINVAL, "iterations 2000000");
	sm_assert_fails(sm_layout(NULL, net, NULL), SM_EINVAL, "out is NULL");
	sm_assert_fails(sm_layout(&t, NULL, NULL), SM_EINVAL, "net is NULL");
	ck_assert_ptr_null(t);
	sm_network_free(net);
}
END_TEST

/* ---- progress, cancellation, allocation failures ------------------------- */

typedef struct progress_log {
	int calls;
	int cancel_at; /* cancel on this call (1-based); 0 = never */
	bool layout_seen;
} progress_log;

static int on_progress(double fraction, const char *stage, void *user)
{
	progress_log *log = user;
	(void)fraction;
	log->calls++;
	if (stage && strcmp(stage, "layout") == 0)
		log->layout_seen = true;
	return log->cancel_at && log->calls >= log->cancel_at;
}

START_TEST(layout_cancelled)
{
	sm_network *net = cliques(2, 4);
	sm_layout_options o = SM_LAYOUT_OPTIONS_INIT;
	progress_log log = { 0, 0, false };
	o.progress = on_progress;
	o.progress_user = &log;
	sm_table *t = NULL;
	sm_assert_ok(sm_layout(&t, net, &o));
	ck_assert(log.layout_seen);
	ck_assert_int_ge(log.calls, 2);
	ck_assert_int_le(log.calls, 110);
	sm_table_free(t);
	t = NULL;
	for (int at = 1; at <= 2; at++) {
		log = (progress_log){ 0, at, false };
		sm_assert_fails(sm_layout(&t, net, &o), SM_ECANCELLED, "cancelled");
		ck_assert_ptr_null(t);
	}
	sm_network_free(net);
}
END_TEST

static int layout_call(void *ctx, void **out)
{
	sm_table *t = NULL;
	int rc = sm_layout(&t, ctx, NULL);
	*out = t;
	return rc;
}

static void table_release(void *t)
{
	sm_table_free(t);
}

START_TEST(layout_allocation_failures)
{
	sm_network *net = cliques(2, 4);
	sm_assert_ok(sm_network_freeze(net));
	ck_assert_int_gt(sm_test_alloc_failures(layout_call, table_release, net, 10000), 5);
	sm_network_free(net);
}
END_TEST

/* ---- the report ---------------------------------------------------------- */

START_TEST(report_structure)
{
	sm_network *net = embassy();
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.title = "Embassy map";
	char *html = report(net, &o);
	ck_assert(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
	ck_assert(strstr(html, "<title>Embassy map</title>"));
	ck_assert(strstr(html, "</html>\n"));
	/* One node element per actor, each with its id and a tooltip. */
	ck_assert_uint_eq(count(html, "<g class=\"node "), 8);
	ck_assert_uint_eq(count(html, "<circle "), 8);
	const char *ids[] = { "amb", "dcm", "min", "ngo1", "ngo2", "ngo3", "jour", "dias" };
	for (int i = 0; i < 8; i++) {
		char needle[48];
		snprintf(needle, sizeof needle, "data-id=\"%s\"", ids[i]);
		ck_assert_uint_eq(count(html, needle), 1);
	}
	ck_assert(strstr(html, "<title>Ambassador (amb)\nkind: diplomat\ncontacts: 2\n"));
	/* Eight ties, one line each. */
	ck_assert_uint_eq(count(html, "<line "), 8);
	/* The legend lists the five kinds present, each with its description,
	 * and no other. */
	ck_assert_uint_eq(count(html, "<li class=\"kind\">"), 5);
	for (size_t k = 0; k < sm_kind_count(); k++) {
		char needle[64];
		snprintf(needle, sizeof needle, "<b>%s</b>", sm_kind_name(k));
		bool present = strcmp(sm_kind_name(k), "diplomat") == 0 ||
		               strcmp(sm_kind_name(k), "government") == 0 ||
		               strcmp(sm_kind_name(k), "ngo") == 0 ||
		               strcmp(sm_kind_name(k), "media") == 0 ||
		               strcmp(sm_kind_name(k), "diaspora") == 0;
		ck_assert_uint_eq(count(html, needle), present);
		if (present)
			ck_assert(strstr(html, sm_kind_description(k)));
	}
	/* Built-in kinds take their fixed palette colour: diplomat 0, ngo 4. */
	ck_assert(strstr(html, "<g class=\"node c0\" data-id=\"amb\""));
	ck_assert(strstr(html, "<g class=\"node c4\" data-id=\"ngo1\""));
	ck_assert(strstr(html, ".c0{fill:#1f4e99;background:#1f4e99}"));
	/* The sections; no gap study without a focal set. */
	ck_assert(strstr(html, "<section id=\"summary\">"));
	ck_assert(strstr(html, "<section id=\"top-actors\">"));
	ck_assert(strstr(html, "<section id=\"brokers\">"));
	ck_assert(strstr(html, "<section id=\"bubbles\">"));
	ck_assert_ptr_null(strstr(html, "<section id=\"gaps\">"));
	ck_assert_uint_eq(count(html, " focal\" data-id="), 0);
	ck_assert_uint_eq(count(html, " rec\" data-id="), 0);
	/* Summary figures (counted by hand): 8 actors, 8 relationships, one
	 * isolated actor, two components. */
	ck_assert(strstr(html, "<td>actors</td><td>8</td>"));
	ck_assert(strstr(html, "<td>relationships</td><td>8</td>"));
	ck_assert(strstr(html, "<td>isolated actors</td><td>1</td>"));
	ck_assert(strstr(html, "<td>components</td><td>2</td>"));
	/* Sortable tables and the one script. */
	ck_assert_uint_eq(count(html, "<script"), 1);
	ck_assert(strstr(html, "<table class=\"sortable\">"));
	sm_free(html);
	sm_network_free(net);
}
END_TEST

/* A star: the centre's PageRank is the highest and the five leaves' equal
 * (symmetry), so after scaling into [0, 1] the centre has size 1 (radius
 * 45 + 180 = 225) and every leaf size 0 (radius 45). */
START_TEST(report_node_sizes)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "hub", NULL, "ngo");
	const char *leaf[] = { "l1", "l2", "l3", "l4", "l5" };
	for (int i = 0; i < 5; i++) {
		add_actor(net, leaf[i], NULL, "youth");
		add_rel(net, "hub", leaf[i], 0.5);
	}
	const char *measures[] = { NULL, "degree", "betweenness", "closeness" };
	for (size_t k = 0; k < 4; k++) {
		sm_report_options o = SM_REPORT_OPTIONS_INIT;
		o.size_by = measures[k];
		char *html = report(net, &o);
		ck_assert_uint_eq(count(html, " r=\"225\"/>"), 1);
		ck_assert_uint_eq(count(html, " r=\"45\"/>"), 5);
		ck_assert(strstr(html, "data-id=\"hub\"><circle cx="));
		/* The largest node is drawn first (under the small ones). */
		ck_assert(strstr(html, "data-id=\"hub\"") < strstr(html, "data-id=\"l1\""));
		sm_free(html);
	}
	sm_network_free(net);
}
END_TEST

START_TEST(report_focal)
{
	sm_network *net = embassy();
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.focal = "kind = 'diplomat'";
	char *html = report(net, &o);
	ck_assert(strstr(html, "<section id=\"gaps\">"));
	ck_assert(strstr(html, "Focal set <code>kind = &#39;diplomat&#39;</code>: 2 actors"));
	/* Focal actors outlined: amb and dcm. */
	ck_assert_uint_eq(count(html, " focal\" data-id=") + count(html, " focal rec\" data-id="),
	                  2);
	ck_assert(strstr(html, "<g class=\"node c0 focal\" data-id=\"amb\""));
	ck_assert(strstr(html, "<g class=\"node c0 focal\" data-id=\"dcm\""));
	/* The recommended contacts of the same study are marked, one each. */
	sm_selection *sel = NULL;
	sm_gaps_result *g = NULL;
	sm_assert_ok(sm_select(&sel, net, o.focal));
	sm_assert_ok(sm_gaps(&g, net, sel, NULL));
	size_t k;
	const char *const *rec = sm_table_column_string(g->recommendations, "id", &k);
	ck_assert_uint_gt(k, 0);
	ck_assert_uint_eq(count(html, " rec\" data-id="), k);
	for (size_t j = 0; j < k; j++) {
		char needle[64];
		snprintf(needle, sizeof needle, " rec\" data-id=\"%s\"", rec[j]);
		ck_assert_msg(strstr(html, needle), "%s not marked", rec[j]);
	}
	ck_assert(strstr(html, "Recommended new direct contacts"));
	ck_assert(strstr(html, "Unusual suspects"));
	ck_assert(strstr(html, "Coverage of the target groups"));
	sm_gaps_result_free(g);
	sm_selection_free(sel);
	sm_free(html);
	sm_network_free(net);
}
END_TEST

/* Three 4-cliques, the first two joined by one weak tie: Leiden (modularity)
 * keeps each clique a community — merging the joined pair would lower the
 * modularity: with m = 19 ties, Q(3 cliques) = 3·(6/19 − (12/38)²)
 * − small terms > Q(merged). Drawn by community: three nodes of four
 * members (equal radii 225) and one line. */
START_TEST(report_by_community)
{
	sm_network *net = cliques(3, 4);
	add_rel(net, "c0_0", "c1_0", 0.1);
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.max_actors = 5;
	char *html = report(net, &o);
	ck_assert(strstr(html, "id=\"by-community\""));
	ck_assert(strstr(html, "This network has 12 actors, more than 5"));
	ck_assert_uint_eq(count(html, "<g class=\"node "), 3);
	ck_assert_uint_eq(count(html, " r=\"225\"/>"), 3);
	ck_assert_uint_eq(count(html, "<line "), 1);
	ck_assert(strstr(html, "community 0: 4 actors"));
	ck_assert(strstr(html, "data-id=\"community-2\""));
	/* The legend still lists the kinds of the actors. */
	ck_assert_uint_eq(count(html, "<li class=\"kind\">"), 3);
	sm_free(html);
	/* Only two communities fit: the two largest are drawn, with a note. */
	o.max_actors = 2;
	html = report(net, &o);
	ck_assert_uint_eq(count(html, "<g class=\"node "), 2);
	ck_assert(strstr(html, "The 2 largest of 3 communities are drawn."));
	sm_free(html);
	sm_network_free(net);
}
END_TEST

START_TEST(report_colour_by)
{
	sm_network *net = embassy();
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.colour_by = "gender";
	char *html = report(net, &o);
	/* gender groups in order of first appearance: f = 0, m = 1. */
	ck_assert(strstr(html, "<g class=\"node c0\" data-id=\"amb\""));
	ck_assert(strstr(html, "<g class=\"node c1\" data-id=\"dcm\""));
	ck_assert(strstr(html, "<ul class=\"legend\" id=\"colours\">"));
	ck_assert(strstr(html, "<li><span class=\"sw c0\"></span>f</li>"));
	ck_assert(strstr(html, "<li><span class=\"sw c1\"></span>m</li>"));
	sm_free(html);
	o.colour_by = "community";
	html = report(net, &o);
	ck_assert(strstr(html, "communities (Leiden, by size)"));
	/* The largest community is 0: the NGO triangle with the journalist or
	 * the diplomats' triangle; the isolated actor is a community of its own,
	 * the last (smallest, numbered after the others): the seven-actor
	 * component splits into the diplomats' and the NGOs' triangles (the
	 * journalist joining one), so the diaspora club is community 2. */
	ck_assert(strstr(html, "<g class=\"node c2\" data-id=\"dias\""));
	sm_free(html);
	sm_network_free(net);
}
END_TEST

static const char *const evil[] = { "<script>alert(1)</script>", "\"onmouseover=alert(2) x=\"",
	                            "'onfocus='alert(3)", "a&b<c>d" };

START_TEST(report_escaping)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	/* Ids, labels, kinds, attribute names and values all hostile. */
	for (int i = 0; i < 4; i++) {
		int64_t a;
		char id[64];
		snprintf(id, sizeof id, "%s%d", evil[i], i);
		sm_assert_ok(sm_network_add_actor(&a, net, id, evil[(i + 1) % 4], evil[(i + 2) % 4]));
		set_text(net, a, "<b onclick=x>\"side\"", evil[(i + 3) % 4]);
	}
	for (int64_t i = 0; i < 4; i++)
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, i, (i + 1) % 4, 0.5, evil[i]));
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.title = evil[0];
	o.focal = "kind = '<script>alert(1)</script>' or id = 'a&b<c>d3'";
	o.colour_by = "<b onclick=x>\"side\"";
	o.target_by = "kind,<b onclick=x>\"side\"";
	char *html = report(net, &o);
	ck_assert_uint_eq(count(html, "<script"), 1); /* our own only */
	ck_assert_ptr_null(strstr(html, "alert(1)</script>"));
	ck_assert_ptr_null(strstr(html, "\"onmouseover="));
	ck_assert_ptr_null(strstr(html, "'onfocus="));
	ck_assert_ptr_null(strstr(html, "<b onclick"));
	ck_assert_ptr_null(strstr(html, "a&b"));
	ck_assert_ptr_null(strstr(html, "<c>"));
	ck_assert(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	ck_assert(strstr(html, "&quot;onmouseover=alert(2) x=&quot;"));
	ck_assert(strstr(html, "&#39;onfocus=&#39;alert(3)"));
	ck_assert(strstr(html, "&lt;b onclick=x&gt;&quot;side&quot;"));
	ck_assert(strstr(html, "a&amp;b&lt;c&gt;d"));
	/* Every node and legend entry is there all the same. */
	ck_assert_uint_eq(count(html, "<g class=\"node "), 4);
	ck_assert_uint_eq(count(html, "<li class=\"kind\">"), 4);
	/* No external request: no URL, no src, no link, only in-page anchors. */
	ck_assert_ptr_null(strstr(html, "http:"));
	ck_assert_ptr_null(strstr(html, "https:"));
	ck_assert_ptr_null(strstr(html, " src="));
	ck_assert_ptr_null(strstr(html, "<link"));
	ck_assert_ptr_null(strstr(html, "url("));
	ck_assert_ptr_null(strstr(html, "@import"));
	ck_assert_uint_eq(count(html, " href=\""), count(html, " href=\"#"));
	sm_free(html);
	sm_network_free(net);
}
END_TEST

START_TEST(report_deterministic)
{
	sm_network *net = cliques(3, 5);
	add_rel(net, "c0_0", "c1_0", 0.2);
	add_rel(net, "c1_1", "c2_1", 0.2);
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.focal = "id = 'c0_1'";
	char *a = report(net, &o), *b = report(net, &o);
	ck_assert_str_eq(a, b);
	o.seed = 2;
	char *c = report(net, &o);
	ck_assert_str_ne(a, c);
	ck_assert(strstr(c, "Seed 2"));
	sm_free(a);
	sm_free(b);
	sm_free(c);
	sm_network_free(net);
}
END_TEST

START_TEST(report_directed_and_empty)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, true));
	add_actor(net, "a", NULL, "ngo");
	add_actor(net, "b", NULL, "media");
	add_actor(net, "c", NULL, "media");
	add_rel(net, "a", "b", 0.5);
	add_rel(net, "b", "a", 0.5);
	add_rel(net, "b", "c", 1.0);
	char *html = report(net, NULL);
	ck_assert_uint_eq(count(html, "<g class=\"node "), 3);
	ck_assert_uint_eq(count(html, "<line "), 2); /* a–b once */
	ck_assert(strstr(html, "Directions are not drawn"));
	ck_assert(strstr(html, "<title>stakemap report</title>"));
	sm_free(html);
	sm_network_free(net);
	sm_assert_ok(sm_network_new(&net, false));
	html = report(net, NULL);
	ck_assert_uint_eq(count(html, "<g class=\"node "), 0);
	ck_assert(strstr(html, "<td>actors</td><td>0</td>"));
	sm_free(html);
	sm_network_free(net);
}
END_TEST

START_TEST(report_bad_options)
{
	sm_network *net = embassy();
	char *html = NULL;
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.version = 3;
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL, "version 3");
	o = (sm_report_options)SM_REPORT_OPTIONS_INIT;
	o.top = 0;
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL, "top 0");
	o = (sm_report_options)SM_REPORT_OPTIONS_INIT;
	o.max_actors = -4;
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL, "max_actors -4");
	o = (sm_report_options)SM_REPORT_OPTIONS_INIT;
	o.size_by = "fame";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL, "fame");
	o.size_by = "degree,pagerank";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL,
	                "size_by \"degree,pagerank\": name one");
	o = (sm_report_options)SM_REPORT_OPTIONS_INIT;
	o.colour_by = "shoe_size";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_ENOTFOUND, "shoe_size");
	o = (sm_report_options)SM_REPORT_OPTIONS_INIT;
	o.title = "\xff\xfe";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL, "title");
	o = (sm_report_options)SM_REPORT_OPTIONS_INIT;
	o.focal = "kind = ";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EPARSE, "focal");
	o.focal = "planet = 'mars'";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_ENOTFOUND, "planet");
	o.focal = "kind = 'astronaut'"; /* selects nobody */
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL, "focal");
	o.focal = "kind = 'diplomat'";
	o.target_by = "planet";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_ENOTFOUND, "planet");
	sm_assert_fails(sm_report_html(NULL, NULL, net, NULL), SM_EINVAL, "html is NULL");
	sm_assert_fails(sm_report_html(&html, NULL, NULL, NULL), SM_EINVAL, "net is NULL");
	ck_assert_ptr_null(html);
	/* A numeric attribute cannot colour the map. */
	sm_value v = sm_value_number(3);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "age", &v));
	o = (sm_report_options)SM_REPORT_OPTIONS_INIT;
	o.colour_by = "age";
	sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_EINVAL, "age");
	ck_assert_ptr_null(html);
	sm_network_free(net);
}
END_TEST

START_TEST(report_write_file)
{
	sm_network *net = embassy();
	char *dir = sm_test_tmpdir();
	char *path = sm_test_write(dir, "report.html", "old");
	char *html = report(net, NULL);
	sm_assert_ok(sm_report_write(net, path, NULL));
	size_t size;
	char *back = sm_test_read(path, &size);
	ck_assert_str_eq(back, html);
	free(back);
	/* A failed report leaves the old file as it was. */
	char *keep = sm_test_write(dir, "keep.html", "old");
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.top = -1;
	sm_assert_fails(sm_report_write(net, keep, &o), SM_EINVAL, "top -1");
	back = sm_test_read(keep, NULL);
	ck_assert_str_eq(back, "old");
	free(back);
	/* A folder that does not exist: EIO naming the path. */
	char *bad = sm_test_join(dir, "missing/report.html");
	sm_assert_fails(sm_report_write(net, bad, NULL), SM_EIO, "missing/report.html");
	sm_assert_fails(sm_report_write(net, NULL, NULL), SM_EINVAL, "path is NULL");
	free(bad);
	free(keep);
	sm_free(html);
	free(path);
	sm_test_rmtree(dir);
	free(dir);
	sm_network_free(net);
}
END_TEST

START_TEST(report_cancelled)
{
	sm_network *net = embassy();
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.focal = "kind = 'diplomat'";
	progress_log log = { 0, 0, false };
	o.progress = on_progress;
	o.progress_user = &log;
	char *html = report(net, &o);
	sm_free(html);
	ck_assert(log.layout_seen);
	int total = log.calls;
	ck_assert_int_gt(total, 5);
	for (int at = 1; at <= total; at += 3) {
		log = (progress_log){ 0, at, false };
		html = NULL;
		sm_assert_fails(sm_report_html(&html, NULL, net, &o), SM_ECANCELLED, "cancel");
		ck_assert_ptr_null(html);
	}
	sm_network_free(net);
}
END_TEST

typedef struct report_args {
	const sm_network *net;
	const sm_report_options *o;
} report_args;

static int report_call(void *ctx, void **out)
{
	const report_args *a = ctx;
	char *html = NULL;
	int rc = sm_report_html(&html, NULL, a->net, a->o);
	*out = html;
	return rc;
}

static void report_alloc_failures(const sm_network *net, const sm_report_options *o)
{
	sm_assert_ok(sm_network_freeze(net));
	report_args a = { net, o };
	ck_assert_int_gt(sm_test_alloc_failures(report_call, sm_free, &a, 100000), 100);
}

START_TEST(report_allocation_failures)
{
	sm_network *net = embassy();
	sm_report_options o = SM_REPORT_OPTIONS_INIT;
	o.focal = "kind = 'diplomat'";
	report_alloc_failures(net, &o);
	o.focal = NULL;
	o.max_actors = 3; /* by community */
	o.colour_by = "gender";
	report_alloc_failures(net, &o);
	sm_network_free(net);
}
END_TEST

START_TEST(report_write_allocation_failures)
{
	sm_network *net = cliques(2, 3);
	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "r.html");
	int rc = SM_ENOMEM;
	int64_t k;
	sm_assert_ok(sm_network_freeze(net));
	for (k = 0; k < 100000 && rc == SM_ENOMEM; k++) {
		sm_alloc_fail_after(k);
		rc = sm_report_write(net, path, NULL);
		sm_alloc_fail_after(-1);
		ck_assert_msg(rc == SM_OK || rc == SM_ENOMEM, "allocation %lld: %d: %s",
		              (long long)k, rc, sm_error_last()->message);
	}
	ck_assert_int_eq(rc, SM_OK);
	free(path);
	sm_test_rmtree(dir);
	free(dir);
	sm_network_free(net);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("layout");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, options_init);
	tcase_add_test(tc, layout_fr_clusters);
	tcase_add_test(tc, layout_drl_clusters);
	tcase_add_test(tc, layout_seeded);
	tcase_add_test(tc, layout_auto_large);
	tcase_add_test(tc, layout_small_cases);
	tcase_add_test(tc, layout_bad_options);
	tcase_add_test(tc, layout_cancelled);
	tcase_add_test(tc, layout_allocation_failures);
	suite_add_tcase(s, tc);
	tc = tcase_create("report");
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, report_structure);
	tcase_add_test(tc, report_node_sizes);
	tcase_add_test(tc, report_focal);
	tcase_add_test(tc, report_by_community);
	tcase_add_test(tc, report_colour_by);
	tcase_add_test(tc, report_escaping);
	tcase_add_test(tc, report_deterministic);
	tcase_add_test(tc, report_directed_and_empty);
	tcase_add_test(tc, report_bad_options);
	tcase_add_test(tc, report_write_file);
	tcase_add_test(tc, report_cancelled);
	tcase_add_test(tc, report_allocation_failures);
	tcase_add_test(tc, report_write_allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(report_suite)
