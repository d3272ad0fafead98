/*
 * The combined simple graph the analyses use (lib/analysis/graph.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>

#include "analysis/graph.h"
#include "support.h"

static sm_network *multi(bool directed)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, directed));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", NULL, NULL));
	sm_assert_ok(sm_network_add_actor(NULL, net, "b", NULL, NULL));
	sm_assert_ok(sm_network_add_actor(NULL, net, "c", NULL, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 0.2, "formal"));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 0.6, "informal"));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "b", "a", 0.4, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "b", "c", 0.5, NULL));
	return net;
}

START_TEST(combine_undirected)
{
	sm_network *net = multi(false);
	sm_graph g;
	double expect_ab[] = { 0.6, 1.2, 0.4 }; /* max, sum, mean of 0.2, 0.6, 0.4 */
	sm_combine rules[] = { SM_COMBINE_MAX, SM_COMBINE_SUM, SM_COMBINE_MEAN };
	for (int k = 0; k < 3; k++) {
		sm_assert_ok(sm_graph_build(&g, net, rules[k], true));
		ck_assert_int_eq(g.n, 3);
		ck_assert(!g.directed);
		ck_assert_ptr_eq(g.in.nbr, g.out.nbr);
		/* a: [b]; b: [a, c]; c: [b] */
		ck_assert_int_eq(g.out.offsets[1], 1);
		ck_assert_int_eq(g.out.offsets[2], 3);
		ck_assert_int_eq(g.out.offsets[3], 4);
		ck_assert_int_eq(g.out.nbr[0], 1);
		ck_assert(fabs(g.out.q[0] - expect_ab[k]) < 1e-15);
		ck_assert(fabs(g.out.q[1] - expect_ab[k]) < 1e-15);
		ck_assert_int_eq(g.out.nbr[2], 2);
		ck_assert(g.out.q[2] == 0.5);
		sm_graph_dispose(&g);
	}
	sm_assert_ok(sm_graph_build(&g, net, SM_COMBINE_MAX, false));
	for (int i = 0; i < 4; i++)
		ck_assert(g.out.q[i] == 1.0);
	sm_graph_dispose(&g);
	sm_network_free(net);
}
END_TEST

START_TEST(combine_directed)
{
	sm_network *net = multi(true);
	sm_graph g;
	sm_assert_ok(sm_graph_build(&g, net, SM_COMBINE_MAX, true));
	ck_assert(g.directed);
	/* out: a→b (max 0.6), b→a (0.4), b→c (0.5) */
	ck_assert_int_eq(g.out.offsets[1], 1);
	ck_assert(g.out.q[0] == 0.6);
	ck_assert_int_eq(g.out.offsets[2], 3);
	ck_assert(g.out.q[1] == 0.4);
	ck_assert(g.out.q[2] == 0.5);
	/* in: a←b (0.4); b←a (0.6); c←b (0.5) */
	ck_assert_int_eq(g.in.offsets[1], 1);
	ck_assert_int_eq(g.in.nbr[0], 1);
	ck_assert(g.in.q[0] == 0.4);
	ck_assert(g.in.q[1] == 0.6);
	ck_assert(g.in.q[2] == 0.5);
	sm_graph_dispose(&g);
	sm_network_free(net);
}
END_TEST

START_TEST(bad_input)
{
	sm_network *net = multi(false);
	sm_graph g;
	sm_assert_fails(sm_graph_build(&g, net, (sm_combine)7, true), SM_EINVAL, "combining");
	for (int64_t k = 0; k < 12; k++) {
		sm_alloc_fail_after(k);
		int rc = sm_graph_build(&g, net, SM_COMBINE_MAX, true);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK) {
			sm_graph_dispose(&g);
			break;
		}
		ck_assert_int_eq(rc, SM_ENOMEM);
	}
	sm_network_free(net);
	/* An empty network. */
	sm_assert_ok(sm_network_new(&net, true));
	sm_assert_ok(sm_graph_build(&g, net, SM_COMBINE_MAX, true));
	ck_assert_int_eq(g.n, 0);
	ck_assert_int_eq(g.out.offsets[0], 0);
	sm_graph_dispose(&g);
	sm_network_free(net);
	ck_assert(sm_distance_of(0.5, SM_DIST_INVERSE) == 2.0);
	ck_assert(fabs(sm_distance_of(0.5, SM_DIST_LOG) - (1.0 + log(2.0))) < 1e-15);
	ck_assert(sm_distance_of(0.5, SM_DIST_HOPS) == 1.0);
	ck_assert(sm_distance_of(1.0, SM_DIST_LOG) == 1.0);
}
END_TEST

static Suite *graph_suite(void)
{
	Suite *s = suite_create("graph");
	TCase *tc = tcase_create("graph");
	tcase_add_test(tc, combine_undirected);
	tcase_add_test(tc, combine_directed);
	tcase_add_test(tc, bad_input);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(graph_suite)
