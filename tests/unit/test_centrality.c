/*
 * stakemap — stakeholder network mapping
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests of sm_centrality: options and their errors, measure names,
 * hand-checked values on a 5-actor map (NetworkX's values), PageRank,
 * eigenvector and HITS against igraph C (PRPACK for PageRank), direction
 * modes, multi-relationship rules, small and degenerate networks, sampling,
 * cancellation, thread-count independence and allocation failures.
 */
#include <igraph.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "core/rng.h"
#include "stakemap.h"
#include "support.h"

/* ---- helpers ------------------------------------------------------------------------------ */

typedef struct edge {
	const char *s, *t;
	double q;
} edge;

static sm_network *make_net(bool directed, const char *const *ids, size_t n, const edge *e,
                            size_t m)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, directed));
	for (size_t i = 0; i < n; i++)
		sm_assert_ok(sm_network_add_actor(NULL, net, ids[i], NULL, NULL));
	for (size_t i = 0; i < m; i++)
		sm_assert_ok(sm_network_add_relationship(NULL, net, e[i].s, e[i].t, e[i].q, NULL));
	return net;
}

/* The worked example of docs/centrality.md. */
static const char *const map_ids[] = { "embassy", "ministry", "ngo", "journalist", "diaspora" };
static const edge map_edges[] = {
	{ "embassy", "ministry", 0.9 }, { "embassy", "ngo", 0.6 }, { "embassy", "journalist", 0.3 },
	{ "ngo", "journalist", 0.8 },   { "ngo", "diaspora", 0.5 },
};

static sm_network *map_net(void)
{
	return make_net(false, map_ids, 5, map_edges, 5);
}

static sm_table *run(const sm_network *net, const sm_centrality_options *o)
{
	sm_table *t = NULL;
	sm_assert_ok(sm_centrality(&t, net, o));
	ck_assert_ptr_nonnull(t);
	return t;
}

static const double *column(const sm_table *t, const char *name)
{
	size_t n = 0;
	const double *c = sm_table_column_double(t, name, &n);
	ck_assert_msg(c != NULL, "no column %s", name);
	ck_assert_uint_eq(n, sm_table_rows(t));
	return c;
}

static void assert_close(double got, double want, double rel, const char *what, size_t i)
{
	double tol = rel * fabs(want) + 1e-15;
	ck_assert_msg(fabs(got - want) <= tol, "%s[%zu] = %.17g, expected %.17g", what, i, got,
	              want);
}

static void assert_column(const sm_table *t, const char *name, const double *want, double rel)
{
	const double *c = column(t, name);
	for (size_t i = 0; i < sm_table_rows(t); i++)
		assert_close(c[i], want[i], rel, name, i);
}

/* Bit-identical columns. */
static bool same(const double *a, const double *b, size_t n)
{
	return memcmp(a, b, n * sizeof *a) == 0;
}

static sm_centrality_options opts_for(unsigned int measures)
{
	sm_centrality_options o;
	sm_centrality_options_init(&o);
	o.measures = measures;
	return o;
}

/* A random network with distinct pairs: n actors "a0"…, m relationships of
 * quality in (0, 1] with three decimals; actors below `sinks` have no
 * outgoing relationships when directed. Edge list returned for igraph. */
typedef struct rand_net {
	sm_network *net;
	igraph_vector_int_t edges;
	igraph_vector_t weights;
} rand_net;

static void rand_net_make(rand_net *r, bool directed, int n, int m, int sinks, uint64_t seed)
{
	sm_rng rng;
	/* Distinct pairs for igraph comparisons (small n); big networks may
	 * repeat a pair (a multi-relationship, combined by max). */
	uint8_t *seen = n <= 5000 ? calloc((size_t)n * (size_t)n, 1) : NULL;
	char id[32];

	ck_assert(seen != NULL || n > 5000);
	sm_rng_seed(&rng, seed);
	sm_assert_ok(sm_network_new(&r->net, directed));
	for (int i = 0; i < n; i++) {
		snprintf(id, sizeof id, "a%d", i);
		sm_assert_ok(sm_network_add_actor(NULL, r->net, id, NULL, NULL));
	}
	igraph_vector_int_init(&r->edges, 0);
	igraph_vector_init(&r->weights, 0);
	for (int k = 0; k < m;) {
		int s = (int)sm_rng_below(&rng, (uint64_t)n);
		int t = (int)sm_rng_below(&rng, (uint64_t)n);
		if (s == t || (directed && s < sinks))
			continue;
		if (!directed && s > t) {
			int x = s;
			s = t;
			t = x;
		}
		if (seen && seen[(size_t)s * (size_t)n + (size_t)t])
			continue;
		if (seen)
			seen[(size_t)s * (size_t)n + (size_t)t] = 1;
		double q = (double)(1 + sm_rng_below(&rng, 1000)) / 1000.0;
		sm_assert_ok(sm_network_add_relationship_at(NULL, r->net, s, t, q, NULL));
		igraph_vector_int_push_back(&r->edges, s);
		igraph_vector_int_push_back(&r->edges, t);
		igraph_vector_push_back(&r->weights, q);
		k++;
	}
	free(seen);
}

static void rand_net_free(rand_net *r)
{
	sm_network_free(r->net);
	igraph_vector_int_destroy(&r->edges);
	igraph_vector_destroy(&r->weights);
}

/* ---- options, names, parsing -------------------------------------------------------------- */

START_TEST(test_options_init)
{
	sm_centrality_options a, b = SM_CENTRALITY_OPTIONS_INIT;
	memset(&a, 0xAB, sizeof a);
	sm_centrality_options_init(&a);
	ck_assert_uint_eq(a.version, SM_CENTRALITY_OPTIONS_VERSION);
	ck_assert_uint_eq(a.measures, 0);
	ck_assert(a.weighted && a.normalized);
	ck_assert_int_eq(a.distance, SM_DIST_INVERSE);
	ck_assert_int_eq(a.combine, SM_COMBINE_MAX);
	ck_assert_int_eq(a.mode, SM_MODE_DEFAULT);
	ck_assert(a.damping == 0.85 && a.cutoff == 0);
	ck_assert(a.samples == 0 && a.seed == 0 && a.threads == 0);
	ck_assert(a.progress == NULL && a.progress_user == NULL);
	ck_assert_uint_eq(b.version, a.version);
	ck_assert(b.damping == a.damping && b.weighted == a.weighted && b.normalized);
	sm_centrality_options_init(NULL); /* does nothing */
}
END_TEST

START_TEST(test_measure_names)
{
	static const char *const names[] = { "degree", "strength", "betweenness", "closeness",
		                              "harmonic", "eigenvector", "pagerank", "hub",
		                              "authority" };
	for (int i = 0; i < 9; i++)
		ck_assert_str_eq(sm_measure_name((sm_measure)(1u << i)), names[i]);
	ck_assert_ptr_null(sm_measure_name((sm_measure)0));
	ck_assert_ptr_null(sm_measure_name(SM_MEASURE_ALL));
	ck_assert_ptr_null(sm_measure_name((sm_measure)(1u << 9)));
	ck_assert_ptr_null(sm_measure_name(SM_MEASURE_DEGREE | SM_MEASURE_HUB));
}
END_TEST

START_TEST(test_measure_parse)
{
	unsigned int bits = 0;
	sm_assert_ok(sm_measure_parse(&bits, "betweenness,pagerank"));
	ck_assert_uint_eq(bits, SM_MEASURE_BETWEENNESS | SM_MEASURE_PAGERANK);
	sm_assert_ok(sm_measure_parse(&bits, " Degree ,STRENGTH,\thub"));
	ck_assert_uint_eq(bits, SM_MEASURE_DEGREE | SM_MEASURE_STRENGTH | SM_MEASURE_HUB);
	sm_assert_ok(sm_measure_parse(&bits, "all"));
	ck_assert_uint_eq(bits, SM_MEASURE_ALL);
	sm_assert_ok(sm_measure_parse(&bits, "pagerank,pagerank"));
	ck_assert_uint_eq(bits, SM_MEASURE_PAGERANK);
	for (int i = 0; i < 9; i++) {
		sm_assert_ok(sm_measure_parse(&bits, sm_measure_name((sm_measure)(1u << i))));
		ck_assert_uint_eq(bits, 1u << i);
	}

	bits = 77;
	sm_assert_fails(sm_measure_parse(&bits, "degree,katz"), SM_EINVAL,
	                "unknown measure \"katz\" (known: degree, strength, betweenness, "
	                "closeness, harmonic, eigenvector, pagerank, hub, authority or all)");
	ck_assert_uint_eq(bits, 77); /* untouched */
	sm_assert_fails(sm_measure_parse(&bits, "page rank"), SM_EINVAL,
	                "unknown measure \"page rank\"");
	sm_assert_fails(sm_measure_parse(&bits, ""), SM_EINVAL, "empty measure name");
	sm_assert_fails(sm_measure_parse(&bits, "degree,,hub"), SM_EINVAL,
	                "empty measure name in the list \"degree,,hub\"");
	sm_assert_fails(sm_measure_parse(&bits, "degree,"), SM_EINVAL, "empty measure name");
	sm_assert_fails(sm_measure_parse(&bits, NULL), SM_EINVAL, "NULL list");
	sm_assert_fails(sm_measure_parse(NULL, "degree"), SM_EINVAL, "NULL output");
	ck_assert_uint_eq(bits, 77);
}
END_TEST

/* ---- bad options -------------------------------------------------------------------------- */

#define SENTINEL ((sm_table *)(uintptr_t)0x5eed)

static void assert_option_error(const sm_network *net, const sm_centrality_options *o,
                                int code, const char *needle)
{
	sm_table *t = SENTINEL;
	sm_assert_fails(sm_centrality(&t, net, o), code, needle);
	ck_assert_ptr_eq(t, SENTINEL);
}

START_TEST(test_bad_options)
{
	sm_network *net = map_net();
	sm_centrality_options o;

	o = opts_for(0);
	o.version = 2;
	assert_option_error(net, &o, SM_EINVAL, "centrality options version 2 is not 1");
	o.version = 0;
	assert_option_error(net, &o, SM_EINVAL, "sm_centrality_options_init()");
	o = opts_for(1u << 9);
	assert_option_error(net, &o, SM_EINVAL, "unknown measure bits 0x200");
	o = opts_for(0);
	o.distance = (sm_distance)7;
	assert_option_error(net, &o, SM_EINVAL, "unknown distance 7 (inverse, log or hops)");
	o = opts_for(0);
	o.combine = (sm_combine)-1;
	assert_option_error(net, &o, SM_EINVAL, "unknown rule -1 for combining");
	o = opts_for(0);
	o.mode = (sm_mode)4;
	assert_option_error(net, &o, SM_EINVAL, "unknown direction mode 4");
	o = opts_for(0);
	o.damping = 1.0;
	assert_option_error(net, &o, SM_EINVAL, "damping 1 is outside [0, 1)");
	o.damping = -0.25;
	assert_option_error(net, &o, SM_EINVAL, "damping -0.25 is outside [0, 1)");
	o.damping = NAN;
	assert_option_error(net, &o, SM_EINVAL, "damping nan is outside [0, 1)");
	o = opts_for(0);
	o.cutoff = -1.5;
	assert_option_error(net, &o, SM_EINVAL, "cutoff -1.5 is negative");
	o.cutoff = NAN;
	assert_option_error(net, &o, SM_EINVAL, "cutoff nan is negative");
	o = opts_for(0);
	o.samples = -3;
	assert_option_error(net, &o, SM_EINVAL, "samples -3 is negative");
	o.samples = 6;
	assert_option_error(net, &o, SM_EINVAL, "samples 6 is more than the 5 actors");
	o = opts_for(0);
	o.threads = -2;
	assert_option_error(net, &o, SM_EINVAL, "threads -2 is negative");

	o = opts_for(0);
	sm_assert_fails(sm_centrality(NULL, net, &o), SM_EINVAL, "NULL output");
	sm_table *t = SENTINEL;
	sm_assert_fails(sm_centrality(&t, NULL, &o), SM_EINVAL, "NULL network");
	ck_assert_ptr_eq(t, SENTINEL);

	/* Edges of the ranges are fine. */
	o = opts_for(SM_MEASURE_PAGERANK | SM_MEASURE_BETWEENNESS);
	o.damping = 0;
	o.samples = 5;
	o.cutoff = INFINITY;
	sm_table_free(run(net, &o));
	sm_network_free(net);
}
END_TEST

/* ---- values ------------------------------------------------------------------------------- */

/* NetworkX 2.8 on the 5-actor map (weights = quality, distances 1/q as exact
 * fractions, iterative measures to tolerance 1e-15). */
static const double nx_degree[] = { 0.75, 0.25, 0.75, 0.5, 0.25 };
static const double nx_strength[] = { 0.45, 0.225, 0.475, 0.275, 0.125 };
static const double nx_betweenness[] = { 0.5, 0, 0.83333333333333326, 0, 0 };
static const double nx_closeness[] = { 0.427299703264095, 0.31509846827133481,
	                               0.51985559566786999, 0.34951456310679613,
	                               0.2920892494929006 };
static const double nx_harmonic[] = { 0.52889610389610386, 0.42939454691259021,
	                              0.56499999999999995, 0.42470632815460402,
	                              0.32243047650024392 };
static const double nx_eigenvector[] = { 0.56500214448014041, 0.36145938737271432,
	                                 0.56240225123229115, 0.44030522605536915,
	                                 0.19988672724862358 };
static const double nx_pagerank[] = { 0.2773988648733075, 0.14789451757115521,
	                              0.30059103013659044, 0.17687812015155122,
	                              0.097237467267395516 };
static const double nx_hits[] = { 0.26537686863866755, 0.169774506695512, 0.26415572012507255,
	                          0.20680774980655148, 0.093885154734196355 };

START_TEST(test_map_values)
{
	sm_network *net = map_net();
	sm_centrality_options o = opts_for(SM_MEASURE_ALL);
	sm_table *t = run(net, &o);
	static const char *const cols[] = { "id", "degree", "strength", "betweenness",
		                            "closeness", "harmonic", "eigenvector", "pagerank",
		                            "hub", "authority" };

	ck_assert_uint_eq(sm_table_rows(t), 5);
	ck_assert_uint_eq(sm_table_columns(t), 10);
	for (size_t c = 0; c < 10; c++)
		ck_assert_str_eq(sm_table_column_name(t, c), cols[c]);
	ck_assert_int_eq(sm_table_column_type(t, 0), SM_COLUMN_STRING);
	const char *const *ids = sm_table_column_string(t, "id", NULL);
	for (size_t i = 0; i < 5; i++)
		ck_assert_str_eq(ids[i], map_ids[i]);
	ck_assert_uint_eq(sm_table_note_count(t), 0);
	assert_column(t, "degree", nx_degree, 1e-15);
	assert_column(t, "strength", nx_strength, 1e-12);
	assert_column(t, "betweenness", nx_betweenness, 1e-12);
	assert_column(t, "closeness", nx_closeness, 1e-12);
	assert_column(t, "harmonic", nx_harmonic, 1e-12);
	assert_column(t, "eigenvector", nx_eigenvector, 1e-9);
	assert_column(t, "pagerank", nx_pagerank, 1e-9);
	assert_column(t, "hub", nx_hits, 1e-9);
	assert_column(t, "authority", nx_hits, 1e-9);
	sm_table_free(t);

	/* NULL options: degree, strength and PageRank. */
	t = run(net, NULL);
	ck_assert_uint_eq(sm_table_columns(t), 4);
	ck_assert_str_eq(sm_table_column_name(t, 3), "pagerank");
	assert_column(t, "pagerank", nx_pagerank, 1e-9);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(test_map_raw)
{
	sm_network *net = map_net();
	sm_centrality_options o = opts_for(SM_MEASURE_ALL);
	o.normalized = false;
	sm_table *t = run(net, &o);
	static const double degree[] = { 3, 1, 3, 2, 1 };
	static const double strength[] = { 1.8, 0.9, 1.9, 1.1, 0.5 };
	/* Unordered pairs (NetworkX's unnormalised value): the normalised
	 * values times (n − 1)(n − 2)/2 = 6. */
	static const double betweenness[] = { 3, 0, 5, 0, 0 };
	double closeness[5], harmonic[5];
	for (int i = 0; i < 5; i++) {
		/* closeness = r/Σd · r/(n−1) with r = 4; raw = 1/Σd. */
		closeness[i] = nx_closeness[i] / 4.0;
		harmonic[i] = nx_harmonic[i] * 4.0;
	}
	assert_column(t, "degree", degree, 0);
	assert_column(t, "strength", strength, 1e-15);
	assert_column(t, "betweenness", betweenness, 1e-12);
	assert_column(t, "closeness", closeness, 1e-12);
	assert_column(t, "harmonic", harmonic, 1e-12);
	/* Spectral measures keep NetworkX's scaling. */
	assert_column(t, "eigenvector", nx_eigenvector, 1e-9);
	assert_column(t, "pagerank", nx_pagerank, 1e-9);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(test_distance_transforms)
{
	sm_network *net = map_net();
	sm_centrality_options o = opts_for(SM_MEASURE_CLOSENESS | SM_MEASURE_BETWEENNESS);
	/* Hops on the path embassy–ngo–diaspora etc.: ngo and embassy broker. */
	o.distance = SM_DIST_HOPS;
	sm_table *t = run(net, &o);
	/* Unordered pairs through embassy: ministry–ngo, ministry–journalist,
	 * ministry–diaspora = 3; through ngo: embassy–diaspora, journalist–diaspora,
	 * ministry–diaspora = 3; betweenness / ((n−1)(n−2)/2) = 3/6. */
	static const double b_hops[] = { 0.5, 0, 0.5, 0, 0 };
	assert_column(t, "betweenness", b_hops, 1e-15);
	/* embassy: distances 1,1,1,2 → 4/5 */
	assert_close(column(t, "closeness")[0], 4.0 / 5.0, 1e-15, "closeness", 0);
	sm_table_free(t);

	/* Unweighted gives the same as hops for path measures, and strength = degree. */
	o = opts_for(SM_MEASURE_BETWEENNESS | SM_MEASURE_STRENGTH | SM_MEASURE_DEGREE);
	o.weighted = false;
	o.distance = SM_DIST_LOG;
	t = run(net, &o);
	assert_column(t, "betweenness", b_hops, 1e-15);
	assert_column(t, "strength", nx_degree, 1e-15);
	sm_table_free(t);

	/* Log: d = 1 − ln q; embassy–journalist direct 1 − ln 0.3 = 2.204 versus
	 * via ngo (1 − ln 0.6) + (1 − ln 0.8) = 2.734: direct stays shorter. */
	o = opts_for(SM_MEASURE_CLOSENESS);
	o.distance = SM_DIST_LOG;
	t = run(net, &o);
	double d_min = 1 - log(0.9), d_ngo = 1 - log(0.6), d_jou = 1 - log(0.3);
	double d_dia = d_ngo + 1 - log(0.5);
	double want = 4.0 / (d_min + d_ngo + d_jou + d_dia) * 4.0 / 4.0;
	assert_close(column(t, "closeness")[0], want, 1e-14, "closeness", 0);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

/* ---- directed networks and modes ---------------------------------------------------------- */

/* a → b → c → a (a cycle), c → d, d → e; a ↔ b reciprocal via b → a. */
static const char *const dir_ids[] = { "a", "b", "c", "d", "e" };
static const edge dir_edges[] = {
	{ "a", "b", 1.0 }, { "b", "c", 0.5 }, { "c", "a", 0.25 }, { "c", "d", 1.0 },
	{ "d", "e", 0.5 }, { "b", "a", 0.5 },
};

START_TEST(test_directed_modes)
{
	sm_network *net = make_net(true, dir_ids, 5, dir_edges, 6);
	sm_centrality_options o = opts_for(SM_MEASURE_DEGREE | SM_MEASURE_STRENGTH |
	                                   SM_MEASURE_CLOSENESS | SM_MEASURE_HARMONIC);
	o.normalized = false;
	sm_table *t = run(net, &o);
	static const double deg_both[] = { 3, 3, 3, 2, 1 };
	static const double str_both[] = { 1.75, 2, 1.75, 1.5, 0.5 };
	assert_column(t, "degree", deg_both, 0);
	assert_column(t, "strength", str_both, 1e-15);
	/* Default: distances TO the actor. e is reached from d (2), c (3), b (5),
	 * a (6): Σ = 16 → raw closeness 1/16. */
	assert_close(column(t, "closeness")[4], 1.0 / 16.0, 1e-15, "closeness", 4);
	assert_close(column(t, "harmonic")[4], 0.5 + 1.0 / 3 + 0.2 + 1.0 / 6, 1e-15, "harmonic", 4);
	sm_table_free(t);

	o.mode = SM_MODE_OUT;
	t = run(net, &o);
	static const double deg_out[] = { 1, 2, 2, 1, 0 }, str_out[] = { 1, 1, 1.25, 0.5, 0 };
	assert_column(t, "degree", deg_out, 0);
	assert_column(t, "strength", str_out, 1e-15);
	/* Out: distances FROM the actor; e reaches nobody. */
	ck_assert(column(t, "closeness")[4] == 0 && column(t, "harmonic")[4] == 0);
	/* a reaches b (1), c (3), d (4), e (6). */
	assert_close(column(t, "closeness")[0], 1.0 / 14.0, 1e-15, "closeness", 0);
	sm_table_free(t);

	o.mode = SM_MODE_IN;
	t = run(net, &o);
	static const double deg_in[] = { 2, 1, 1, 1, 1 }, str_in[] = { 0.75, 1, 0.5, 1, 0.5 };
	assert_column(t, "degree", deg_in, 0);
	assert_column(t, "strength", str_in, 1e-15);
	assert_close(column(t, "closeness")[4], 1.0 / 16.0, 1e-15, "closeness", 4);
	sm_table_free(t);

	/* Undirected: the reciprocal pair a–b is one contact, combined by the rule. */
	o.mode = SM_MODE_UNDIRECTED;
	t = run(net, &o);
	static const double deg_u[] = { 2, 2, 3, 2, 1 };
	static const double str_u_max[] = { 1.25, 1.5, 1.75, 1.5, 0.5 };
	assert_column(t, "degree", deg_u, 0);
	assert_column(t, "strength", str_u_max, 1e-15);
	sm_table_free(t);
	o.combine = SM_COMBINE_SUM;
	t = run(net, &o);
	static const double str_u_sum[] = { 1.75, 2, 1.75, 1.5, 0.5 };
	assert_column(t, "strength", str_u_sum, 1e-15);
	sm_table_free(t);
	o.combine = SM_COMBINE_MEAN;
	t = run(net, &o);
	static const double str_u_mean[] = { 1.0, 1.25, 1.75, 1.5, 0.5 };
	assert_column(t, "strength", str_u_mean, 1e-15);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(test_directed_normalised)
{
	sm_network *net = make_net(true, dir_ids, 5, dir_edges, 6);
	sm_centrality_options o = opts_for(SM_MEASURE_DEGREE | SM_MEASURE_BETWEENNESS);
	sm_table *t = run(net, &o);
	/* NetworkX: (in + out) / (n − 1); betweenness / ((n − 1)(n − 2)). */
	static const double degree[] = { 0.75, 0.75, 0.75, 0.5, 0.25 };
	assert_column(t, "degree", degree, 1e-15);
	/* d lies on c→e, b→e, a→e (3 pairs) → 3/12. */
	assert_close(column(t, "betweenness")[3], 3.0 / 12.0, 1e-15, "betweenness", 3);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(test_multi_relationships)
{
	static const char *const ids[] = { "x", "y", "z" };
	static const edge e[] = { { "x", "y", 0.2 }, { "x", "y", 0.6 }, { "y", "z", 0.4 } };
	sm_network *net = make_net(false, ids, 3, e, 3);
	sm_centrality_options o = opts_for(SM_MEASURE_DEGREE | SM_MEASURE_STRENGTH);
	o.normalized = false;
	static const double deg[] = { 1, 2, 1 };
	static const double smax[] = { 0.6, 1.0, 0.4 }, ssum[] = { 0.8, 1.2, 0.4 },
	                    smean[] = { 0.4, 0.8, 0.4 };
	const sm_combine rules[] = { SM_COMBINE_MAX, SM_COMBINE_SUM, SM_COMBINE_MEAN };
	const double *want[] = { smax, ssum, smean };
	for (int r = 0; r < 3; r++) {
		o.combine = rules[r];
		sm_table *t = run(net, &o);
		assert_column(t, "degree", deg, 0);
		assert_column(t, "strength", want[r], 1e-15);
		sm_table_free(t);
	}
	sm_network_free(net);
}
END_TEST

/* ---- small and degenerate networks -------------------------------------------------------- */

START_TEST(test_empty_network)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, false));
	sm_centrality_options o = opts_for(SM_MEASURE_ALL);
	sm_table *t = run(net, &o);
	ck_assert_uint_eq(sm_table_rows(t), 0);
	ck_assert_uint_eq(sm_table_columns(t), 10);
	ck_assert_str_eq(sm_table_column_name(t, 0), "id");
	ck_assert_str_eq(sm_table_column_name(t, 9), "authority");
	sm_table_free(t);
	/* samples > 0 on no actors is more than the actors */
	o.samples = 1;
	assert_option_error(net, &o, SM_EINVAL, "samples 1 is more than the 0 actors");
	sm_network_free(net);
}
END_TEST

START_TEST(test_one_actor)
{
	static const char *const ids[] = { "solo" };
	for (int directed = 0; directed < 2; directed++) {
		sm_network *net = make_net(directed, ids, 1, NULL, 0);
		sm_centrality_options o = opts_for(SM_MEASURE_ALL);
		sm_table *t = run(net, &o);
		/* NetworkX: degree 1 (its convention for n ≤ 1), eigenvector and
		 * PageRank 1; stakemap: strength, hub, authority 0. */
		static const double want[] = { 1, 0, 0, 0, 0, 1, 1, 0, 0 };
		for (size_t c = 1; c < 10; c++) {
			double v;
			sm_assert_ok(sm_table_get_double(&v, t, c, 0));
			ck_assert_msg(v == want[c - 1], "%s = %g", sm_table_column_name(t, c), v);
		}
		sm_table_free(t);
		o.normalized = false;
		t = run(net, &o);
		double v;
		sm_assert_ok(sm_table_get_double(&v, t, 1, 0));
		ck_assert(v == 0); /* raw degree */
		sm_table_free(t);
		sm_network_free(net);
	}
}
END_TEST

START_TEST(test_two_actors_and_isolated)
{
	static const char *const ids[] = { "a", "b", "lone" };
	static const edge e[] = { { "a", "b", 0.5 } };
	sm_network *net = make_net(false, ids, 3, e, 1);
	sm_centrality_options o = opts_for(SM_MEASURE_ALL);
	sm_table *t = run(net, &o);
	/* closeness of a: reaches 1 of 2 others at distance 2 → (1/2)·(1/2);
	 * isolated: 0. Eigenvector: a, b dominate (A + I has 1.5 there),
	 * the isolated actor decays to 0. PageRank: lone gets (1 − d)/n plus
	 * its share of nothing but the teleport. */
	static const double closeness[] = { 0.25, 0.25, 0 };
	static const double harmonic[] = { 0.25, 0.25, 0 };
	static const double hits[] = { 0.5, 0.5, 0 };
	assert_column(t, "closeness", closeness, 1e-15);
	assert_column(t, "harmonic", harmonic, 1e-15);
	const double *eig = column(t, "eigenvector");
	assert_close(eig[0], sqrt(0.5), 1e-9, "eigenvector", 0);
	assert_close(eig[1], sqrt(0.5), 1e-9, "eigenvector", 1);
	ck_assert_msg(eig[2] >= 0 && eig[2] < 1e-11, "isolated eigenvector %g", eig[2]);
	assert_column(t, "hub", hits, 1e-12);
	assert_column(t, "authority", hits, 1e-12);
	const double *pr = column(t, "pagerank");
	assert_close(pr[0] + pr[1] + pr[2], 1.0, 1e-15, "pagerank sum", 0);
	assert_close(pr[0], pr[1], 1e-15, "pagerank", 0);
	/* Every actor has relationships except lone (dangling, spread uniformly):
	 * x_l = (1 − d)/3 + d·x_l/3 → x_l = (1 − d)/(3 − d). */
	assert_close(pr[2], 0.15 / (3 - 0.85), 1e-12, "pagerank", 2);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(test_no_relationships)
{
	static const char *const ids[] = { "a", "b", "c", "d" };
	sm_network *net = make_net(true, ids, 4, NULL, 0);
	sm_centrality_options o = opts_for(SM_MEASURE_ALL);
	sm_table *t = run(net, &o);
	for (int i = 0; i < 4; i++) {
		ck_assert(column(t, "degree")[i] == 0 && column(t, "betweenness")[i] == 0);
		ck_assert(column(t, "closeness")[i] == 0 && column(t, "harmonic")[i] == 0);
		ck_assert(column(t, "hub")[i] == 0 && column(t, "authority")[i] == 0);
		assert_close(column(t, "eigenvector")[i], 0.5, 1e-15, "eigenvector", (size_t)i);
		assert_close(column(t, "pagerank")[i], 0.25, 1e-15, "pagerank", (size_t)i);
	}
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(test_eigenvector_acyclic)
{
	static const char *const ids[] = { "a", "b", "c" };
	static const edge e[] = { { "a", "b", 1 }, { "b", "c", 1 } };
	sm_network *net = make_net(true, ids, 3, e, 2);
	sm_centrality_options o = opts_for(SM_MEASURE_EIGENVECTOR);
	assert_option_error(net, &o, SM_ELIMIT,
	                    "eigenvector centrality did not converge in 10000 iterations");
	ck_assert_ptr_nonnull(strstr(sm_error_last()->message, "no unique leading eigenvector"));
	/* HITS and PageRank are defined. */
	o = opts_for(SM_MEASURE_HUB | SM_MEASURE_AUTHORITY | SM_MEASURE_PAGERANK);
	sm_table *t = run(net, &o);
	static const double hub[] = { 0.5, 0.5, 0 }, auth[] = { 0, 0.5, 0.5 };
	assert_column(t, "hub", hub, 1e-12);
	assert_column(t, "authority", auth, 1e-12);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

/* A subnormal quality: the out-strength of "a" (5e-324) has no finite
 * inverse, so PageRank cannot form a's walk probabilities. A clear error
 * naming the actor, not a silent NaN or a failure to converge. Unweighted
 * PageRank on the same network works: a → b with b dangling (its rank is
 * spread evenly), d = 0.85:
 *   x_a = 0.075 + 0.425·x_b,  x_b = 0.075 + 0.85·x_a + 0.425·x_b
 *   ⇒ 0.21375·x_b = 0.13875, x_b = 0.649122807…, x_a = 0.350877192… */
START_TEST(test_pagerank_subnormal_quality)
{
	static const char *const ids[] = { "a", "b" };
	static const edge e[] = { { "a", "b", 5e-324 } };
	sm_network *net = make_net(true, ids, 2, e, 1);
	sm_centrality_options o;
	sm_centrality_options_init(&o);
	o.measures = SM_MEASURE_PAGERANK;
	sm_table *t = NULL;
	sm_assert_fails(sm_centrality(&t, net, &o), SM_EINVAL,
	                "actor \"a\" has outgoing strength 4.94066e-324, too small to normalise");
	ck_assert_ptr_null(t);
	o.weighted = false;
	t = run(net, &o);
	size_t n;
	const double *pr = sm_table_column_double(t, "pagerank", &n);
	ck_assert_double_eq_tol(pr[1], 0.13875 / 0.21375, 1e-9);
	ck_assert_double_eq_tol(pr[0], 1.0 - 0.13875 / 0.21375, 1e-9);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(test_pagerank_damping)
{
	sm_network *net = map_net();
	sm_centrality_options o = opts_for(SM_MEASURE_PAGERANK);
	o.damping = 0;
	sm_table *t = run(net, &o);
	for (int i = 0; i < 5; i++)
		assert_close(column(t, "pagerank")[i], 0.2, 1e-15, "pagerank", (size_t)i);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

/* ---- against igraph C --------------------------------------------------------------------- */

static void normalise(igraph_vector_t *v, bool euclid)
{
	double s = 0;
	for (igraph_integer_t i = 0; i < igraph_vector_size(v); i++)
		s += euclid ? VECTOR(*v)[i] * VECTOR(*v)[i] : VECTOR(*v)[i];
	s = euclid ? sqrt(s) : s;
	double sign = 1;
	for (igraph_integer_t i = 0; i < igraph_vector_size(v); i++)
		if (VECTOR(*v)[i] != 0) {
			sign = VECTOR(*v)[i] < 0 ? -1 : 1;
			break;
		}
	for (igraph_integer_t i = 0; i < igraph_vector_size(v); i++)
		VECTOR(*v)[i] *= sign / s;
}

static void check_against_igraph(bool directed, int n, int m, uint64_t seed)
{
	rand_net r;
	igraph_t g;
	igraph_vector_t pr, ev, hub, auth;
	igraph_real_t value;
	rand_net_make(&r, directed, n, m, directed ? n / 20 : 0, seed);
	igraph_create(&g, &r.edges, n, directed);
	igraph_vector_init(&pr, 0);
	igraph_vector_init(&ev, 0);
	igraph_vector_init(&hub, 0);
	igraph_vector_init(&auth, 0);
	ck_assert_int_eq(igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &value,
	                                 igraph_vss_all(), directed, 0.85, &r.weights, NULL),
	                 IGRAPH_SUCCESS);

	sm_centrality_options o = opts_for(SM_MEASURE_PAGERANK | SM_MEASURE_EIGENVECTOR |
	                                   SM_MEASURE_HUB | SM_MEASURE_AUTHORITY);
	sm_table *t = run(r.net, &o);
	const double *ours = column(t, "pagerank");
	double l1 = 0;
	for (int i = 0; i < n; i++)
		l1 += fabs(ours[i] - VECTOR(pr)[i]);
	ck_assert_msg(l1 < 1e-9, "PageRank L1 distance to igraph's PRPACK = %g", l1);

	if (!directed) {
		/* Connected and not bipartite with these sizes: the eigenvector is unique. */
		ck_assert_int_eq(igraph_eigenvector_centrality(&g, &ev, &value, directed, false,
		                                               &r.weights, NULL),
		                 IGRAPH_SUCCESS);
		normalise(&ev, true);
		const double *e = column(t, "eigenvector");
		for (int i = 0; i < n; i++)
			assert_close(e[i], VECTOR(ev)[i], 1e-6, "eigenvector", (size_t)i);
	}
	ck_assert_int_eq(igraph_hub_and_authority_scores(&g, &hub, &auth, &value, false,
	                                                 &r.weights, NULL),
	                 IGRAPH_SUCCESS);
	normalise(&hub, false);
	normalise(&auth, false);
	const double *h = column(t, "hub"), *a = column(t, "authority");
	for (int i = 0; i < n; i++) {
		ck_assert_msg(fabs(h[i] - VECTOR(hub)[i]) < 1e-9, "hub[%d] %g vs %g", i, h[i],
		              VECTOR(hub)[i]);
		ck_assert_msg(fabs(a[i] - VECTOR(auth)[i]) < 1e-9, "authority[%d]", i);
	}
	sm_table_free(t);
	igraph_vector_destroy(&pr);
	igraph_vector_destroy(&ev);
	igraph_vector_destroy(&hub);
	igraph_vector_destroy(&auth);
	igraph_destroy(&g);
	rand_net_free(&r);
}

START_TEST(test_igraph_undirected)
{
	check_against_igraph(false, 400, 2400, 42);
}
END_TEST

START_TEST(test_igraph_directed)
{
	/* 5% of the actors have no outgoing relationships (dangling). */
	check_against_igraph(true, 400, 3000, 7);
}
END_TEST

START_TEST(test_igraph_pagerank_multigraph_sum)
{
	/* igraph keeps parallel edges and adds their weights: --combine sum. */
	static const char *const ids[] = { "a", "b", "c", "d" };
	static const edge e[] = { { "a", "b", 0.3 }, { "a", "b", 0.5 }, { "b", "c", 0.9 },
		                  { "c", "a", 0.2 }, { "c", "d", 0.7 }, { "c", "d", 0.1 } };
	sm_network *net = make_net(true, ids, 4, e, 6);
	igraph_t g;
	igraph_vector_int_t edges;
	igraph_vector_t w, pr;
	igraph_real_t value;
	igraph_integer_t el[] = { 0, 1, 0, 1, 1, 2, 2, 0, 2, 3, 2, 3 };
	double wl[] = { 0.3, 0.5, 0.9, 0.2, 0.7, 0.1 };
	igraph_vector_int_view(&edges, el, 12);
	igraph_vector_view(&w, wl, 6);
	igraph_create(&g, &edges, 4, true);
	igraph_vector_init(&pr, 0);
	ck_assert_int_eq(igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, &value,
	                                 igraph_vss_all(), true, 0.85, &w, NULL),
	                 IGRAPH_SUCCESS);
	sm_centrality_options o = opts_for(SM_MEASURE_PAGERANK);
	o.combine = SM_COMBINE_SUM;
	sm_table *t = run(net, &o);
	double l1 = 0;
	for (int i = 0; i < 4; i++)
		l1 += fabs(column(t, "pagerank")[i] - VECTOR(pr)[i]);
	ck_assert_msg(l1 < 1e-9, "L1 %g", l1);
	sm_table_free(t);
	igraph_vector_destroy(&pr);
	igraph_destroy(&g);
	sm_network_free(net);
}
END_TEST

/* ---- sampling, threads, cancellation, allocation ------------------------------------------ */

START_TEST(test_sampled_betweenness)
{
	rand_net r;
	rand_net_make(&r, false, 120, 500, 0, 3);
	sm_centrality_options o = opts_for(SM_MEASURE_BETWEENNESS | SM_MEASURE_CLOSENESS);
	sm_table *exact = run(r.net, &o);
	o.samples = 120; /* every actor: the exact values, and notes */
	o.seed = 9;
	sm_table *all = run(r.net, &o);
	ck_assert_str_eq(sm_table_note(all, "samples"), "120");
	ck_assert_str_eq(sm_table_note(all, "seed"), "9");
	for (int i = 0; i < 120; i++)
		assert_close(column(all, "betweenness")[i], column(exact, "betweenness")[i], 1e-12,
		             "betweenness", (size_t)i);

	o.samples = 30;
	sm_table *a = run(r.net, &o), *b = run(r.net, &o);
	o.seed = 10;
	sm_table *c = run(r.net, &o);
	ck_assert_str_eq(sm_table_note(a, "samples"), "30");
	ck_assert(same(column(a, "betweenness"), column(b, "betweenness"), 120));
	ck_assert(!same(column(a, "betweenness"), column(c, "betweenness"), 120));
	/* Closeness is never sampled. */
	ck_assert(same(column(a, "closeness"), column(exact, "closeness"), 120));
	/* Unbiased estimate scaled by n/k: the total is near the exact total. */
	double se = 0, sa = 0;
	for (int i = 0; i < 120; i++) {
		se += column(exact, "betweenness")[i];
		sa += column(a, "betweenness")[i];
	}
	ck_assert_msg(sa > 0.6 * se && sa < 1.6 * se, "sampled total %g, exact %g", sa, se);
	ck_assert_ptr_null(sm_table_note(exact, "seed"));
	sm_table_free(exact);
	sm_table_free(all);
	sm_table_free(a);
	sm_table_free(b);
	sm_table_free(c);
	rand_net_free(&r);
}
END_TEST

START_TEST(test_threads_bit_identical)
{
	/* Large enough for the spectral measures to use threads. */
	rand_net r;
	rand_net_make(&r, true, 20000, 260000, 500, 5);
	sm_centrality_options o = opts_for(SM_MEASURE_PAGERANK | SM_MEASURE_HUB |
	                                   SM_MEASURE_AUTHORITY | SM_MEASURE_STRENGTH);
	o.mode = SM_MODE_DEFAULT;
	o.threads = 1;
	sm_table *one = run(r.net, &o);
	for (int threads = 2; threads <= 4; threads++) {
		o.threads = threads;
		sm_table *t = run(r.net, &o);
		for (size_t c = 1; c < sm_table_columns(t); c++) {
			const char *name = sm_table_column_name(t, c);
			ck_assert_msg(same(column(one, name), column(t, name), 20000),
			              "%s differs with %d threads", name, threads);
		}
		sm_table_free(t);
	}
	sm_table_free(one);
	/* Eigenvector on the undirected view (strongly connected enough). */
	o = opts_for(SM_MEASURE_EIGENVECTOR);
	o.mode = SM_MODE_UNDIRECTED;
	o.threads = 1;
	one = run(r.net, &o);
	o.threads = 3;
	sm_table *t = run(r.net, &o);
	ck_assert(same(column(one, "eigenvector"), column(t, "eigenvector"), 20000));
	sm_table_free(t);
	sm_table_free(one);
	rand_net_free(&r);
}
END_TEST

typedef struct cancel_state {
	const char *stage; /* cancel when this stage reports; NULL = at once */
	int calls;
	double last;
} cancel_state;

static int cancel_cb(double fraction, const char *stage, void *user)
{
	cancel_state *s = user;
	s->calls++;
	s->last = fraction;
	ck_assert(fraction >= 0 && fraction <= 1);
	return s->stage == NULL || strcmp(stage, s->stage) == 0;
}

static int count_cb(double fraction, const char *stage, void *user)
{
	(void)fraction;
	(void)stage;
	((cancel_state *)user)->calls++;
	return 0;
}

START_TEST(test_cancel)
{
	sm_network *net = map_net();
	const char *stages[] = { NULL, "shortest paths", "eigenvector", "pagerank", "hits" };
	for (size_t i = 0; i < sizeof stages / sizeof *stages; i++) {
		cancel_state s = { stages[i], 0, 0 };
		sm_centrality_options o = opts_for(SM_MEASURE_ALL);
		o.progress = cancel_cb;
		o.progress_user = &s;
		assert_option_error(net, &o, SM_ECANCELLED, "cancelled");
		ck_assert_int_ge(s.calls, 1);
	}
	/* Without cancelling, every stage reports and ends at 1. */
	cancel_state s = { NULL, 0, 0 };
	sm_centrality_options o = opts_for(SM_MEASURE_ALL);
	o.progress = count_cb;
	o.progress_user = &s;
	sm_table_free(run(net, &o));
	ck_assert_int_ge(s.calls, 8);
	sm_network_free(net);
}
END_TEST

START_TEST(test_allocation_failures)
{
	static const char *const ids[] = { "a", "b", "c", "d" };
	static const edge e[] = { { "a", "b", 0.3 }, { "b", "c", 0.9 }, { "c", "a", 0.2 },
		                  { "c", "d", 0.7 } };
	for (int directed = 0; directed < 2; directed++) {
		sm_network *net = make_net(directed, ids, 4, e, 4);
		sm_centrality_options o = opts_for(SM_MEASURE_ALL & ~(unsigned int)
		                                   SM_MEASURE_EIGENVECTOR);
		o.mode = directed ? SM_MODE_UNDIRECTED : SM_MODE_DEFAULT;
		o.samples = 3;
		o.threads = 1;
		int ok = 0;
		for (int64_t k = 0; k < 400 && !ok; k++) {
			sm_table *t = SENTINEL;
			/* A fresh copy each time: freezing allocates too. */
			sm_network *copy = NULL;
			sm_assert_ok(sm_network_copy(&copy, net));
			sm_alloc_fail_after(k);
			int rc = sm_centrality(&t, copy, &o);
			sm_alloc_fail_after(-1);
			if (rc == SM_OK) {
				ok = 1;
				ck_assert_uint_eq(sm_table_rows(t), 4);
				sm_table_free(t);
			} else {
				ck_assert_int_eq(rc, SM_ENOMEM);
				ck_assert_ptr_eq(t, SENTINEL);
			}
			sm_network_free(copy);
		}
		ck_assert_msg(ok, "never succeeded");
		sm_network_free(net);
	}
}
END_TEST

Suite *centrality_suite(void)
{
	Suite *s = suite_create("centrality");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_options_init);
	tcase_add_test(tc, test_measure_names);
	tcase_add_test(tc, test_measure_parse);
	tcase_add_test(tc, test_bad_options);
	tcase_add_test(tc, test_map_values);
	tcase_add_test(tc, test_map_raw);
	tcase_add_test(tc, test_distance_transforms);
	tcase_add_test(tc, test_directed_modes);
	tcase_add_test(tc, test_directed_normalised);
	tcase_add_test(tc, test_multi_relationships);
	tcase_add_test(tc, test_empty_network);
	tcase_add_test(tc, test_one_actor);
	tcase_add_test(tc, test_two_actors_and_isolated);
	tcase_add_test(tc, test_no_relationships);
	tcase_add_test(tc, test_eigenvector_acyclic);
	tcase_add_test(tc, test_pagerank_damping);
	tcase_add_test(tc, test_pagerank_subnormal_quality);
	tcase_add_test(tc, test_igraph_undirected);
	tcase_add_test(tc, test_igraph_directed);
	tcase_add_test(tc, test_igraph_pagerank_multigraph_sum);
	tcase_add_test(tc, test_sampled_betweenness);
	tcase_add_test(tc, test_threads_bit_identical);
	tcase_add_test(tc, test_cancel);
	tcase_add_test(tc, test_allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(centrality_suite)
