/*
 * The shared shortest-path traversal (lib/analysis/traversal.c): hand-computed
 * values on tiny graphs, igraph C on random graphs (1e-9 relative),
 * bit-identical results for any thread count, sampling, cancellation and bad
 * input.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/traversal.h"
#include "core/core.h"
#include "core/rng.h"
#include "support.h"

#define REL 1e-9

/* ---- helpers -------------------------------------------------------------- */

static sm_paths_options defaults(void)
{
	sm_paths_options o;
	memset(&o, 0, sizeof o);
	o.distance = SM_DIST_INVERSE;
	o.threads = 2;
	o.betweenness = o.closeness = o.harmonic = true;
	return o;
}

/* A network of actors "0".."n-1" and the given relationships. */
static sm_network *net_of(int n, bool directed, int m, const int (*e)[2], const double *q)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, directed));
	for (int i = 0; i < n; i++) {
		char id[16];
		snprintf(id, sizeof id, "%d", i);
		sm_assert_ok(sm_network_add_actor(NULL, net, id, NULL, NULL));
	}
	for (int k = 0; k < m; k++)
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, e[k][0], e[k][1],
		                                             q ? q[k] : 1.0, NULL));
	return net;
}

static void graph_of(sm_graph *g, int n, bool directed, int m, const int (*e)[2],
                     const double *q)
{
	sm_network *net = net_of(n, directed, m, e, q);
	sm_assert_ok(sm_graph_build(g, net, SM_COMBINE_MAX, true));
	sm_network_free(net);
}

/* A graph built by hand, for weights outside (0, 1]: simple, rows sorted. */
static void graph_raw(sm_graph *g, int n, bool directed, int m, const int (*e)[2],
                      const double *q)
{
	memset(g, 0, sizeof *g);
	g->n = n;
	g->directed = directed;
	for (int side = 0; side < (directed ? 2 : 1); side++) {
		sm_csr *c = side ? &g->in : &g->out;
		int entries = directed ? m : 2 * m;
		c->n = n;
		c->offsets = sm_calloc((size_t)n + 1, sizeof *c->offsets);
		c->nbr = sm_malloc((size_t)entries * sizeof *c->nbr);
		c->q = sm_malloc((size_t)entries * sizeof *c->q);
		int o = 0;
		for (int v = 0; v < n; v++) {
			c->offsets[v] = o;
			for (int u = 0; u < n; u++)
				for (int k = 0; k < m; k++) {
					int a = e[k][0], b = e[k][1];
					bool hit = side ? (b == v && a == u)
					                : ((a == v && b == u) || (!directed && b == v && a == u));
					if (hit) {
						c->nbr[o] = u;
						c->q[o++] = q[k];
					}
				}
		}
		c->offsets[n] = o;
	}
	if (!directed)
		g->in = g->out;
}

static void close_to(double got, double want, const char *what, int64_t v)
{
	double scale = fmax(fabs(got), fabs(want));
	ck_assert_msg(fabs(got - want) <= REL * scale + 1e-12, "%s[%lld]: got %.17g, want %.17g",
	              what, (long long)v, got, want);
}

static void expect(const double *got, const double *want, int n, const char *what)
{
	for (int v = 0; v < n; v++)
		close_to(got[v], want[v], what, v);
}

static void to_igraph(igraph_t *ig, igraph_vector_t *w, const sm_graph *g, sm_distance d);

/* ---- hand-computed values ----------------------------------------------- */

START_TEST(path_graph)
{
	/* 0 - 1 - 2 - 3 - 4, hops */
	static const int e[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 } };
	sm_graph g;
	graph_of(&g, 5, false, 4, e, NULL);
	sm_paths_options o = defaults();
	o.distance = SM_DIST_HOPS;
	sm_paths_result r;
	sm_assert_ok(sm_paths(&r, &g, &o));
	const double bc[] = { 0, 6, 8, 6, 0 }; /* ordered pairs */
	const double ds[] = { 10, 7, 6, 7, 10 };
	const double hm[] = { 1 + 1. / 2 + 1. / 3 + 1. / 4, 1 + 1 + 1. / 2 + 1. / 3,
		              1 + 1 + 1. / 2 + 1. / 2, 1 + 1 + 1. / 2 + 1. / 3,
		              1 + 1. / 2 + 1. / 3 + 1. / 4 };
	expect(r.betweenness, bc, 5, "betweenness");
	expect(r.distance_sum, ds, 5, "distance_sum");
	expect(r.harmonic, hm, 5, "harmonic");
	for (int v = 0; v < 5; v++)
		ck_assert_int_eq(r.reached[v], 4);
	ck_assert_int_eq(r.sources, 5);
	sm_paths_result_dispose(&r);
	ck_assert_ptr_null(r.betweenness);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(star_weighted)
{
	/* centre 0, leaves 1..4 at quality 0.5 (distance 2) */
	static const int e[][2] = { { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 4 } };
	static const double q[] = { 0.5, 0.5, 0.5, 0.5 };
	sm_graph g;
	graph_of(&g, 5, false, 4, e, q);
	sm_paths_options o = defaults();
	sm_paths_result r;
	sm_assert_ok(sm_paths(&r, &g, &o));
	const double bc[] = { 12, 0, 0, 0, 0 };
	const double ds[] = { 8, 14, 14, 14, 14 };
	const double hm[] = { 2, 0.5 + 3 * 0.25, 0.5 + 3 * 0.25, 0.5 + 3 * 0.25, 0.5 + 3 * 0.25 };
	expect(r.betweenness, bc, 5, "betweenness");
	expect(r.distance_sum, ds, 5, "distance_sum");
	expect(r.harmonic, hm, 5, "harmonic");
	sm_paths_result_dispose(&r);

	/* log distance: 1 − ln 0.5 */
	o.distance = SM_DIST_LOG;
	sm_assert_ok(sm_paths(&r, &g, &o));
	double d = 1 - log(0.5);
	close_to(r.distance_sum[0], 4 * d, "distance_sum", 0);
	close_to(r.distance_sum[1], d + 3 * 2 * d, "distance_sum", 1);
	close_to(r.betweenness[0], 12, "betweenness", 0);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(cycle_ties)
{
	/* 4-cycle: each opposite pair has two shortest paths */
	static const int e[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 0 } };
	sm_graph g;
	graph_of(&g, 4, false, 4, e, NULL);
	sm_paths_options o = defaults();
	for (int dist = 0; dist < 3; dist++) {
		o.distance = (sm_distance)dist; /* Dijkstra (all 1 → BFS) and BFS agree */
		sm_paths_result r;
		sm_assert_ok(sm_paths(&r, &g, &o));
		for (int v = 0; v < 4; v++) {
			close_to(r.betweenness[v], 1.0, "betweenness", v);
			close_to(r.distance_sum[v], 4.0, "distance_sum", v);
			close_to(r.harmonic[v], 2.5, "harmonic", v);
		}
		sm_paths_result_dispose(&r);
	}
	sm_graph_dispose(&g);

	/* The same cycle weighted 0.5 everywhere: exact ties of distance 4. */
	static const double half[] = { 0.5, 0.5, 0.5, 0.5 };
	graph_of(&g, 4, false, 4, e, half);
	o.distance = SM_DIST_INVERSE;
	sm_paths_result r;
	sm_assert_ok(sm_paths(&r, &g, &o));
	for (int v = 0; v < 4; v++) {
		close_to(r.betweenness[v], 1.0, "betweenness", v);
		close_to(r.distance_sum[v], 8.0, "distance_sum", v);
	}
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(float_ties)
{
	/* 0 - 1 - 2 at quality 0.3, 0.3 and 0 - 2 at 0.15: 1/0.3 + 1/0.3 and
	 * 1/0.15 differ in the last bit; igraph (epsilon 1e-10) counts them as
	 * two shortest paths, so do we: vertex 1 carries half of (0,2) and (2,0). */
	static const int e[][2] = { { 0, 1 }, { 1, 2 }, { 0, 2 } };
	static const double q[] = { 0.3, 0.3, 0.15 };
	ck_assert(1.0 + 1 / 0.3 + 1 / 0.3 != 1.0 + 1 / 0.15);
	sm_graph g;
	graph_of(&g, 3, false, 3, e, q);
	sm_paths_options o = defaults();
	sm_paths_result r;
	sm_assert_ok(sm_paths(&r, &g, &o));
	close_to(r.betweenness[1], 1.0, "betweenness", 1);
	close_to(r.betweenness[0], 0.0, "betweenness", 0);
	sm_paths_result_dispose(&r);

	/* With the cutoff exactly at 1/0.15 the detour (one ulp longer) is past
	 * it: igraph_betweenness_cutoff then counts only the direct path. */
	o.cutoff = 1 / 0.15;
	sm_assert_ok(sm_paths(&r, &g, &o));
	close_to(r.betweenness[1], 0.0, "betweenness", 1);
	igraph_t ig;
	igraph_vector_t w, res;
	igraph_vector_init(&res, 0);
	to_igraph(&ig, &w, &g, SM_DIST_INVERSE);
	ck_assert_int_eq(igraph_betweenness_cutoff(&ig, &res, igraph_vss_all(), false, &w,
	                                           o.cutoff),
	                 IGRAPH_SUCCESS);
	for (int v = 0; v < 3; v++)
		close_to(r.betweenness[v] / 2, VECTOR(res)[v], "betweenness vs igraph", v);
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_destroy(&ig);
	o.cutoff = 0;
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);

	/* 0.1 + 0.2 against 0.3 (weights above 1, built by hand): a tie. */
	static const double q2[] = { 10.0, 5.0, 1 / 0.3 };
	graph_raw(&g, 3, false, 3, e, q2);
	ck_assert(1 / q2[0] + 1 / q2[1] != 1 / q2[2]);
	sm_assert_ok(sm_paths(&r, &g, &o));
	close_to(r.betweenness[1], 1.0, "betweenness", 1);
	close_to(r.distance_sum[0], 0.1 + 0.3, "distance_sum", 0);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);

	/* A clearly shorter detour takes everything: 1 + 1 < 4. */
	static const double q3[] = { 1, 1, 0.25 };
	graph_of(&g, 3, false, 3, e, q3);
	sm_assert_ok(sm_paths(&r, &g, &o));
	close_to(r.betweenness[1], 2.0, "betweenness", 1);
	close_to(r.distance_sum[0], 3.0, "distance_sum", 0);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(directed_unreachable)
{
	/* 4 → 0 → 1 → 2; 3 isolated */
	static const int e[][2] = { { 4, 0 }, { 0, 1 }, { 1, 2 } };
	sm_graph g;
	graph_of(&g, 5, true, 3, e, NULL);
	sm_paths_options o = defaults();
	sm_paths_result r;
	sm_assert_ok(sm_paths(&r, &g, &o));
	const double bc[] = { 2, 2, 0, 0, 0 };
	const double ds[] = { 3, 1, 0, 0, 6 }; /* distances FROM each actor */
	const int64_t rc[] = { 2, 1, 0, 0, 3 };
	const double hm[] = { 1.5, 1, 0, 0, 1 + 0.5 + 1. / 3 };
	expect(r.betweenness, bc, 5, "betweenness");
	expect(r.distance_sum, ds, 5, "distance_sum");
	expect(r.harmonic, hm, 5, "harmonic");
	for (int v = 0; v < 5; v++)
		ck_assert_int_eq(r.reached[v], rc[v]);
	sm_paths_result_dispose(&r);

	/* reverse: distances TO each actor (NetworkX's closeness on digraphs) */
	o.reverse = true;
	sm_assert_ok(sm_paths(&r, &g, &o));
	const double ds_in[] = { 1, 3, 6, 0, 0 };
	const int64_t rc_in[] = { 1, 2, 3, 0, 0 };
	expect(r.betweenness, bc, 5, "betweenness (reverse)");
	expect(r.distance_sum, ds_in, 5, "distance_sum (reverse)");
	for (int v = 0; v < 5; v++)
		ck_assert_int_eq(r.reached[v], rc_in[v]);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(cutoff_paths)
{
	/* path 0-1-2-3-4 in hops, cutoff 2: only pairs at distance ≤ 2 count */
	static const int e[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 } };
	sm_graph g;
	graph_of(&g, 5, false, 4, e, NULL);
	sm_paths_options o = defaults();
	o.distance = SM_DIST_HOPS;
	o.cutoff = 2;
	sm_paths_result r;
	sm_assert_ok(sm_paths(&r, &g, &o));
	const double bc[] = { 0, 2, 2, 2, 0 };
	expect(r.betweenness, bc, 5, "betweenness");
	/* closeness and harmonic ignore the cutoff */
	close_to(r.distance_sum[0], 10, "distance_sum", 0);
	ck_assert_int_eq(r.reached[0], 4);
	sm_paths_result_dispose(&r);

	/* betweenness alone stops the search at the cutoff: same values */
	o.closeness = o.harmonic = false;
	sm_assert_ok(sm_paths(&r, &g, &o));
	expect(r.betweenness, bc, 5, "betweenness alone");
	ck_assert_ptr_null(r.distance_sum);
	ck_assert_ptr_null(r.harmonic);
	sm_paths_result_dispose(&r);

	/* weighted, quality 0.5 (distance 2): cutoff 4 is two hops, 3.9 is one */
	static const double half[] = { 0.5, 0.5, 0.5, 0.5 };
	sm_graph_dispose(&g);
	graph_of(&g, 5, false, 4, e, half);
	o.distance = SM_DIST_INVERSE;
	o.cutoff = 4;
	sm_assert_ok(sm_paths(&r, &g, &o));
	expect(r.betweenness, bc, 5, "betweenness weighted");
	sm_paths_result_dispose(&r);
	o.cutoff = 3.9;
	sm_assert_ok(sm_paths(&r, &g, &o));
	const double zero[] = { 0, 0, 0, 0, 0 };
	expect(r.betweenness, zero, 5, "betweenness cutoff 3.9");
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(tiny_and_empty)
{
	sm_graph g;
	sm_paths_options o = defaults();
	sm_paths_result r;
	graph_of(&g, 0, false, 0, NULL, NULL);
	sm_assert_ok(sm_paths(&r, &g, &o));
	ck_assert_int_eq(r.sources, 0);
	ck_assert_ptr_nonnull(r.betweenness);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);

	graph_of(&g, 1, true, 0, NULL, NULL);
	sm_assert_ok(sm_paths(&r, &g, &o));
	ck_assert_int_eq(r.sources, 1);
	ck_assert(r.betweenness[0] == 0 && r.distance_sum[0] == 0 && r.harmonic[0] == 0);
	ck_assert_int_eq(r.reached[0], 0);
	sm_paths_result_dispose(&r);

	/* nothing asked: nothing computed, every array NULL */
	o.betweenness = o.closeness = o.harmonic = false;
	sm_assert_ok(sm_paths(&r, &g, &o));
	ck_assert_ptr_null(r.betweenness);
	ck_assert_ptr_null(r.reached);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

/* ---- igraph on random graphs --------------------------------------------- */

typedef struct rand_spec {
	int n, m;
	bool directed, split; /* split: two components (and 3 isolated actors) */
	int qualities;        /* 0 = hops, 1 = few values (many ties), 2 = uniform, 3 = near ties */
	sm_distance distance;
} rand_spec;

static sm_network *random_net(const rand_spec *s, uint64_t seed)
{
	static const double few[] = { 1.0, 0.5, 0.25, 0.2 };
	static const double near[] = { 0.3, 0.15, 0.7, 0.35, 1.0 };
	sm_rng rng;
	sm_rng_seed(&rng, seed);
	sm_network *net = net_of(s->n, s->directed, 0, NULL, NULL);
	int live = s->split ? s->n - 3 : s->n, half = live / 2;
	for (int k = 0; k < s->m; k++) {
		int a = (int)sm_rng_below(&rng, (uint64_t)live), b;
		if (s->split) {
			int lo = a < half ? 0 : half, len = a < half ? half : live - half;
			b = lo + (int)sm_rng_below(&rng, (uint64_t)len);
		} else {
			b = (int)sm_rng_below(&rng, (uint64_t)live);
		}
		if (a == b)
			continue;
		double q = 1.0;
		if (s->qualities == 1)
			q = few[sm_rng_below(&rng, 4)];
		else if (s->qualities == 2)
			q = 0.05 + 0.95 * sm_rng_uniform(&rng);
		else if (s->qualities == 3)
			q = near[sm_rng_below(&rng, 5)];
		else if (s->qualities == 4) /* 1e-5 … 1: too wide a span for Dial's
		                               buckets, so the heap is used */
			q = pow(10.0, -5.0 * sm_rng_uniform(&rng));
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, a, b, q, NULL));
	}
	return net;
}

/* igraph's view of the combined graph, weights = our distances. */
static void to_igraph(igraph_t *ig, igraph_vector_t *w, const sm_graph *g, sm_distance d)
{
	igraph_vector_int_t edges;
	igraph_vector_int_init(&edges, 0);
	igraph_vector_init(w, 0);
	for (int64_t v = 0; v < g->n; v++)
		for (int64_t e = g->out.offsets[v]; e < g->out.offsets[v + 1]; e++) {
			int32_t u = g->out.nbr[e];
			if (!g->directed && u < v)
				continue;
			igraph_vector_int_push_back(&edges, v);
			igraph_vector_int_push_back(&edges, u);
			igraph_vector_push_back(w, sm_distance_of(g->out.q[e], d));
		}
	igraph_create(ig, &edges, (igraph_integer_t)g->n, g->directed);
	igraph_vector_int_destroy(&edges);
}

static void compare_with_igraph(const rand_spec *s, uint64_t seed, double cutoff, bool reverse)
{
	sm_network *net = random_net(s, seed);
	sm_graph g;
	sm_assert_ok(sm_graph_build(&g, net, SM_COMBINE_MAX, s->qualities != 0));
	sm_paths_options o = defaults();
	o.distance = s->qualities == 0 ? SM_DIST_HOPS : s->distance;
	o.reverse = reverse;
	o.cutoff = cutoff;
	o.threads = 3;
	sm_paths_result r;
	sm_assert_ok(sm_paths(&r, &g, &o));

	igraph_t ig;
	igraph_vector_t w, res;
	igraph_vector_int_t reach;
	to_igraph(&ig, &w, &g, o.distance);
	const igraph_vector_t *weights = s->qualities == 0 ? NULL : &w;
	igraph_vector_init(&res, 0);
	igraph_vector_int_init(&reach, 0);
	int64_t n = g.n;

	ck_assert_int_eq(igraph_betweenness_cutoff(&ig, &res, igraph_vss_all(), true, weights,
	                                           cutoff > 0 ? cutoff : -1),
	                 IGRAPH_SUCCESS);
	for (int64_t v = 0; v < n; v++)
		close_to(g.directed ? r.betweenness[v] : r.betweenness[v] / 2, VECTOR(res)[v],
		         "betweenness", v);

	igraph_neimode_t mode = reverse ? IGRAPH_IN : IGRAPH_OUT;
	ck_assert_int_eq(igraph_closeness(&ig, &res, &reach, NULL, igraph_vss_all(), mode, weights,
	                                  false),
	                 IGRAPH_SUCCESS);
	for (int64_t v = 0; v < n; v++) {
		ck_assert_int_eq(r.reached[v], VECTOR(reach)[v]);
		if (r.reached[v] > 0)
			close_to(1.0 / r.distance_sum[v], VECTOR(res)[v], "closeness", v);
	}
	ck_assert_int_eq(igraph_harmonic_centrality(&ig, &res, igraph_vss_all(), mode, weights,
	                                            false),
	                 IGRAPH_SUCCESS);
	for (int64_t v = 0; v < n; v++)
		close_to(r.harmonic[v], VECTOR(res)[v], "harmonic", v);

	igraph_vector_int_destroy(&reach);
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_destroy(&ig);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
	sm_network_free(net);
}

static const rand_spec specs[] = {
	{ 60, 150, false, false, 0, SM_DIST_INVERSE }, { 60, 150, true, false, 0, SM_DIST_INVERSE },
	{ 70, 180, false, true, 0, SM_DIST_INVERSE },  { 70, 180, true, true, 0, SM_DIST_INVERSE },
	{ 60, 170, false, false, 1, SM_DIST_INVERSE }, { 60, 200, true, false, 1, SM_DIST_INVERSE },
	{ 80, 200, false, true, 1, SM_DIST_INVERSE },  { 80, 220, true, true, 1, SM_DIST_INVERSE },
	{ 60, 150, false, false, 2, SM_DIST_INVERSE }, { 60, 150, true, true, 2, SM_DIST_INVERSE },
	{ 60, 150, false, true, 2, SM_DIST_LOG },      { 60, 200, true, false, 2, SM_DIST_LOG },
	{ 60, 200, false, false, 3, SM_DIST_INVERSE }, { 60, 260, true, false, 3, SM_DIST_INVERSE },
	{ 50, 400, false, false, 1, SM_DIST_INVERSE }, /* dense, many multi-relationships */
	{ 60, 200, false, false, 4, SM_DIST_INVERSE }, { 60, 200, true, true, 4, SM_DIST_INVERSE },
};
#define NSPECS ((int)(sizeof specs / sizeof specs[0]))

START_TEST(igraph_random)
{
	const rand_spec *s = &specs[_i];
	for (uint64_t seed = 1; seed <= 4; seed++) {
		compare_with_igraph(s, seed * 7919 + (uint64_t)_i, 0, false);
		if (s->directed)
			compare_with_igraph(s, seed * 7919 + (uint64_t)_i, 0, true);
	}
}
END_TEST

START_TEST(igraph_cutoff)
{
	const rand_spec *s = &specs[_i];
	/* hops: 1, 2, 3; weighted: around typical path lengths (distances ≥ 1) */
	static const double cut_hops[] = { 1, 2, 3.5 };
	static const double cut_w[] = { 2, 4, 6.5, 9 };
	for (uint64_t seed = 1; seed <= 2; seed++) {
		if (s->qualities == 0)
			for (int k = 0; k < 3; k++)
				compare_with_igraph(s, seed * 104729 + (uint64_t)_i, cut_hops[k], false);
		else
			for (int k = 0; k < 4; k++)
				compare_with_igraph(s, seed * 104729 + (uint64_t)_i, cut_w[k], false);
	}
}
END_TEST

/* ---- determinism, sampling ---------------------------------------------- */

static sm_graph big_graph(bool directed, int qualities, int n, int m, uint64_t seed)
{
	rand_spec s = { n, m, directed, false, qualities, SM_DIST_INVERSE };
	sm_network *net = random_net(&s, seed);
	sm_graph g;
	sm_assert_ok(sm_graph_build(&g, net, SM_COMBINE_MAX, qualities != 0));
	sm_network_free(net);
	return g;
}

static void same_bits(const sm_paths_result *a, const sm_paths_result *b, int64_t n)
{
	size_t dn = (size_t)n * sizeof(double);
	ck_assert(memcmp(a->betweenness, b->betweenness, dn) == 0);
	ck_assert(memcmp(a->distance_sum, b->distance_sum, dn) == 0);
	ck_assert(memcmp(a->harmonic, b->harmonic, dn) == 0);
	ck_assert(memcmp(a->reached, b->reached, (size_t)n * sizeof(int64_t)) == 0);
	ck_assert_int_eq(a->sources, b->sources);
}

START_TEST(thread_determinism)
{
	/* 11 blocks of sources; 1, 2, 3, 8 and all threads must agree bit for bit */
	for (int variant = 0; variant < 4; variant++) {
		sm_graph g = big_graph(variant & 1, variant & 2 ? 2 : 0, 700, 3000, 42);
		sm_paths_options o = defaults();
		o.distance = variant & 2 ? SM_DIST_INVERSE : SM_DIST_HOPS;
		sm_paths_result base, r;
		o.threads = 1;
		sm_assert_ok(sm_paths(&base, &g, &o));
		static const int counts[] = { 2, 3, 8, 0 };
		for (int k = 0; k < 4; k++) {
			o.threads = counts[k];
			sm_assert_ok(sm_paths(&r, &g, &o));
			same_bits(&base, &r, g.n);
			sm_paths_result_dispose(&r);
		}
		sm_paths_result_dispose(&base);
		sm_graph_dispose(&g);
	}
}
END_TEST

START_TEST(sampling)
{
	sm_graph g = big_graph(true, 2, 300, 3000, 7);
	sm_paths_options o = defaults();
	sm_paths_result a, b, exact;
	o.samples = 40;
	o.seed = 12345;
	o.threads = 1;
	sm_assert_ok(sm_paths(&a, &g, &o));
	o.threads = 3;
	sm_assert_ok(sm_paths(&b, &g, &o));
	ck_assert_int_eq(a.sources, 40);
	same_bits(&a, &b, g.n); /* same seed: same sources, same result */
	sm_paths_result_dispose(&b);

	/* The sources are the actors with a closeness sum: compare betweenness
	 * with igraph's betweenness from that subset of sources. */
	int sources = 0;
	igraph_vector_int_t src;
	igraph_vector_int_init(&src, 0);
	for (int64_t v = 0; v < g.n; v++)
		if (a.reached[v] > 0) {
			igraph_vector_int_push_back(&src, v);
			sources++;
		}
	/* a source reaching nobody adds nothing and cannot be seen; here all do */
	ck_assert_int_eq(sources, 40);
	igraph_t ig;
	igraph_vector_t w, res;
	to_igraph(&ig, &w, &g, SM_DIST_INVERSE);
	igraph_vector_init(&res, 0);
	ck_assert_int_eq(igraph_betweenness_subset(&ig, &res, igraph_vss_all(), true,
	                                           igraph_vss_vector(&src), igraph_vss_all(), &w),
	                 IGRAPH_SUCCESS);
	for (int64_t v = 0; v < g.n; v++)
		close_to(a.betweenness[v], VECTOR(res)[v], "sampled betweenness", v);
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_vector_int_destroy(&src);
	igraph_destroy(&ig);

	/* another seed, other sources */
	o.seed = 54321;
	sm_assert_ok(sm_paths(&b, &g, &o));
	ck_assert(memcmp(a.reached, b.reached, (size_t)g.n * sizeof(int64_t)) != 0);
	sm_paths_result_dispose(&b);

	/* k = n is the exact computation, bit for bit */
	o.samples = g.n;
	sm_assert_ok(sm_paths(&b, &g, &o));
	o.samples = 0;
	sm_assert_ok(sm_paths(&exact, &g, &o));
	same_bits(&b, &exact, g.n);
	sm_paths_result_dispose(&b);
	sm_paths_result_dispose(&exact);
	sm_paths_result_dispose(&a);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(reverse_betweenness)
{
	/* Betweenness along g->in equals betweenness along g->out. */
	sm_graph g = big_graph(true, 1, 200, 900, 99);
	sm_paths_options o = defaults();
	sm_paths_result a, b;
	sm_assert_ok(sm_paths(&a, &g, &o));
	o.reverse = true;
	sm_assert_ok(sm_paths(&b, &g, &o));
	expect(b.betweenness, a.betweenness, (int)g.n, "reverse betweenness");
	sm_paths_result_dispose(&a);
	sm_paths_result_dispose(&b);
	sm_graph_dispose(&g);
}
END_TEST

/* ---- progress and cancellation ------------------------------------------ */

typedef struct counter {
	int calls;
	double last;
	double cancel_at; /* cancel on the first call with fraction ≥ this (> 1: never) */
} counter;

static int on_progress(double fraction, const char *stage, void *user)
{
	counter *c = user;
	ck_assert_ptr_nonnull(stage);
	ck_assert(fraction >= c->last && fraction <= 1.0);
	c->last = fraction;
	c->calls++;
	return fraction >= c->cancel_at && (c->calls > 1 || c->cancel_at == 0);
}

START_TEST(progress_and_cancel)
{
	sm_graph g = big_graph(false, 2, 3000, 15000, 5);
	sm_paths_options o = defaults();
	sm_paths_result r, untouched;
	memset(&untouched, 0xab, sizeof untouched);

	/* cancelled at once */
	counter c = { 0, 0, 0 };
	o.progress = on_progress;
	o.progress_user = &c;
	r = untouched;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_ECANCELLED, "cancelled");
	ck_assert(memcmp(&r, &untouched, sizeof r) == 0);
	ck_assert_int_eq(c.calls, 1);

	/* cancelled on the first report after the start: stops early */
	c = (counter){ 0, 0, 1e-9 };
	sm_assert_fails(sm_paths(&r, &g, &o), SM_ECANCELLED, "cancelled");
	ck_assert(memcmp(&r, &untouched, sizeof r) == 0);
	ck_assert(c.last < 1.0);

	/* a full run reports at most ~100 times, ending at 1 */
	sm_graph_dispose(&g);
	g = big_graph(false, 2, 600, 3000, 5);
	c = (counter){ 0, 0, 2.0 };
	sm_assert_ok(sm_paths(&r, &g, &o));
	ck_assert(c.calls >= 2 && c.calls <= 102);
	ck_assert(c.last == 1.0);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

/* ---- bad input, allocation failure --------------------------------------- */

START_TEST(bad_input)
{
	static const int e[][2] = { { 0, 1 }, { 1, 2 } };
	sm_graph g;
	graph_of(&g, 3, false, 2, e, NULL);
	sm_paths_options o = defaults();
	sm_paths_result r;
	o.samples = 4;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_EINVAL, "samples 4 is outside [0, 3]");
	o.samples = -1;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_EINVAL, "samples -1 is outside [0, 3]");
	o = defaults();
	o.cutoff = -0.5;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_EINVAL, "cutoff -0.5");
	o.cutoff = NAN;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_EINVAL, "cutoff nan");
	o = defaults();
	o.threads = -2;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_EINVAL, "threads -2");
	o = defaults();
	o.distance = (sm_distance)9;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_EINVAL, "unknown distance transform 9");
	sm_graph_dispose(&g);

	/* log distance of a combined quality above e is negative */
	static const double q[] = { 3.0, 0.5 };
	graph_raw(&g, 3, false, 2, e, q);
	o = defaults();
	o.distance = SM_DIST_LOG;
	sm_assert_fails(sm_paths(&r, &g, &o), SM_EINVAL, "quality 3 gives the path distance -0.0986");
	o.distance = SM_DIST_INVERSE; /* 1/3: fine */
	sm_assert_ok(sm_paths(&r, &g, &o));
	close_to(r.distance_sum[0], 1. / 3 + 1. / 3 + 2, "distance_sum", 0);
	sm_paths_result_dispose(&r);
	sm_graph_dispose(&g);
}
END_TEST

START_TEST(out_of_memory)
{
	sm_graph g = big_graph(true, 2, 200, 600, 3);
	sm_paths_options o = defaults();
	sm_paths_result r, untouched;
	memset(&untouched, 0x5a, sizeof untouched);
	int failures = 0;
	for (int64_t k = 0;; k++) {
		r = untouched;
		sm_alloc_fail_after(k);
		int rc = sm_paths(&r, &g, &o);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK) {
			sm_paths_result_dispose(&r);
			break;
		}
		ck_assert_int_eq(rc, SM_ENOMEM);
		ck_assert(memcmp(&r, &untouched, sizeof r) == 0);
		failures++;
	}
	ck_assert_int_gt(failures, 5);
	sm_graph_dispose(&g);
}
END_TEST

Suite *traversal_suite(void)
{
	igraph_set_warning_handler(igraph_warning_handler_ignore);
	Suite *s = suite_create("traversal");
	TCase *tc = tcase_create("traversal");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, path_graph);
	tcase_add_test(tc, star_weighted);
	tcase_add_test(tc, cycle_ties);
	tcase_add_test(tc, float_ties);
	tcase_add_test(tc, directed_unreachable);
	tcase_add_test(tc, cutoff_paths);
	tcase_add_test(tc, tiny_and_empty);
	tcase_add_loop_test(tc, igraph_random, 0, NSPECS);
	tcase_add_loop_test(tc, igraph_cutoff, 0, NSPECS);
	tcase_add_test(tc, thread_determinism);
	tcase_add_test(tc, sampling);
	tcase_add_test(tc, reverse_betweenness);
	tcase_add_test(tc, progress_and_cancel);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(traversal_suite)
