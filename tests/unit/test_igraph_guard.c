/*
 * The igraph guard: igraph errors become return codes (never an abort),
 * the caller's own igraph handlers survive our calls, igraph's message is
 * kept, cancellation reaches igraph, and concurrent use is serialised.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <pthread.h>
#include <string.h>

#include "core/igraph_guard.h"
#include "model/network_internal.h"
#include "support.h"

static int caller_errors;
static void caller_handler(const char *reason, const char *file, int line, igraph_error_t err)
{
	(void)reason, (void)file, (void)line, (void)err;
	caller_errors++;
	IGRAPH_FINALLY_FREE();
}

static int caller_warnings;
static void caller_warning(const char *reason, const char *file, int line)
{
	(void)reason, (void)file, (void)line;
	caller_warnings++;
}

/* An igraph call that fails through IGRAPH_ERROR (an odd edge vector). */
static igraph_error_t failing_igraph_call(void)
{
	igraph_vector_int_t edges;
	igraph_t g;
	igraph_vector_int_init(&edges, 3);
	igraph_error_t rc = igraph_create(&g, &edges, 4, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&edges);
	if (rc == IGRAPH_SUCCESS)
		igraph_destroy(&g);
	return rc;
}

START_TEST(error_returns_a_code_not_an_abort)
{
	/* igraph's default handler aborts: put it in place to prove the guard
	 * replaces it for the call. */
	igraph_error_handler_t *before = igraph_set_error_handler(igraph_error_handler_abort);
	sm_igraph_guard g;
	sm_igraph_enter(&g, NULL, NULL, "test");
	igraph_error_t rc = failing_igraph_call();
	int code = sm_igraph_leave(&g, rc, "building a graph");
	ck_assert_int_eq(code, SM_EINVAL);
	ck_assert_msg(strstr(sm_error_last()->message, "building a graph: igraph:") != NULL,
	              "%s", sm_error_last()->message);
	ck_assert_msg(strstr(sm_error_last()->message, "odd") != NULL ||
	              strstr(sm_error_last()->message, "Invalid") != NULL,
	              "igraph's message is kept: %s", sm_error_last()->message);
	/* The abort handler is back. */
	ck_assert_ptr_eq(igraph_set_error_handler(before), igraph_error_handler_abort);
}
END_TEST

START_TEST(callers_handlers_survive)
{
	igraph_error_handler_t *prev = igraph_set_error_handler(caller_handler);
	igraph_warning_handler_t *prev_w = igraph_set_warning_handler(caller_warning);
	caller_errors = caller_warnings = 0;

	/* A library call that uses igraph (the lazily built view)... */
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_add_actor(NULL, net, "a", NULL, NULL));
	sm_assert_ok(sm_network_add_actor(NULL, net, "b", NULL, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "a", "b", 0.5, NULL));
	const igraph_t *graph;
	const igraph_vector_t *q;
	sm_assert_ok(sm_network_igraph(&graph, &q, net));
	ck_assert_int_eq(igraph_vcount(graph), 2);
	ck_assert_int_eq(igraph_ecount(graph), 1);
	ck_assert(VECTOR(*q)[0] == 0.5);
	/* ...and a guarded call that fails inside igraph. */
	sm_igraph_guard g;
	sm_igraph_enter(&g, NULL, NULL, "test");
	ck_assert_int_eq(sm_igraph_leave(&g, failing_igraph_call(), "x"), SM_EINVAL);
	ck_assert_int_eq(caller_errors, 0); /* our handler took it, not the caller's */

	/* The caller's handlers are in place again and still work. */
	ck_assert_ptr_eq(igraph_set_error_handler(caller_handler), caller_handler);
	ck_assert_ptr_eq(igraph_set_warning_handler(caller_warning), caller_warning);
	ck_assert_int_ne(failing_igraph_call(), IGRAPH_SUCCESS);
	ck_assert_int_eq(caller_errors, 1);
	IGRAPH_WARNING("a caller's warning");
	ck_assert_int_eq(caller_warnings, 1);

	sm_network_free(net);
	igraph_set_error_handler(prev);
	igraph_set_warning_handler(prev_w);
}
END_TEST

START_TEST(nested_guards)
{
	igraph_error_handler_t *prev = igraph_set_error_handler(caller_handler);
	sm_igraph_guard outer, inner;
	sm_igraph_enter(&outer, NULL, NULL, "outer");
	sm_igraph_enter(&inner, NULL, NULL, "inner");
	ck_assert_int_eq(sm_igraph_leave(&inner, failing_igraph_call(), "inner"), SM_EINVAL);
	/* The outer guard's handler is still ours: the error is not the caller's. */
	caller_errors = 0;
	ck_assert_int_eq(sm_igraph_leave(&outer, failing_igraph_call(), "outer"), SM_EINVAL);
	ck_assert_int_eq(caller_errors, 0);
	ck_assert_ptr_eq(igraph_set_error_handler(prev), caller_handler);
}
END_TEST

static int stop_now(double fraction, const char *stage, void *user)
{
	(void)fraction;
	ck_assert_str_eq(stage, "betweenness");
	(*(int *)user)++;
	return 1;
}

START_TEST(cancellation_reaches_igraph)
{
	igraph_t ring;
	igraph_ring(&ring, 2000, IGRAPH_UNDIRECTED, false, true);
	igraph_vector_t out;
	igraph_vector_init(&out, 0);
	int asked = 0;
	sm_igraph_guard g;
	sm_igraph_enter(&g, stop_now, &asked, "betweenness");
	igraph_error_t rc = igraph_betweenness(&ring, &out, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL);
	int code = sm_igraph_leave(&g, rc, "betweenness");
	ck_assert_int_eq(code, SM_ECANCELLED);
	ck_assert_int_ge(asked, 1);
	ck_assert(strstr(sm_error_last()->message, "cancelled") != NULL);
	igraph_vector_destroy(&out);
	igraph_destroy(&ring);
}
END_TEST

START_TEST(seeded_rng)
{
	sm_igraph_guard g;
	sm_igraph_enter(&g, NULL, NULL, "rng");
	sm_igraph_seed(7);
	igraph_integer_t a = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
	sm_igraph_seed(7);
	igraph_integer_t b = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
	sm_igraph_seed(8);
	igraph_integer_t c = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
	sm_igraph_leave(&g, IGRAPH_SUCCESS, "rng");
	ck_assert_int_eq(a, b);
	ck_assert_int_ne(a, c);
}
END_TEST

static void *build_views(void *arg)
{
	int ok = 1;
	for (int round = 0; round < 20 && ok; round++) {
		sm_network *net;
		if (sm_network_new(&net, (round + (intptr_t)arg) % 2) != SM_OK)
			return NULL;
		char id[32], id2[32];
		for (int i = 0; i < 200; i++) {
			snprintf(id, sizeof id, "a%d", i);
			ok &= sm_network_add_actor(NULL, net, id, NULL, NULL) == SM_OK;
		}
		for (int i = 0; i < 200; i++) {
			snprintf(id, sizeof id, "a%d", i);
			snprintf(id2, sizeof id2, "a%d", (i * 7 + 1) % 200);
			if (strcmp(id, id2))
				ok &= sm_network_add_relationship(NULL, net, id, id2, 0.5, NULL) == SM_OK;
		}
		const igraph_t *g;
		const igraph_vector_t *q;
		sm_igraph_guard guard;
		ok &= sm_network_igraph(&g, &q, net) == SM_OK;
		sm_igraph_enter(&guard, NULL, NULL, "threads");
		igraph_integer_t comps = 0;
		igraph_error_t rc = igraph_connected_components(g, NULL, NULL, &comps, IGRAPH_WEAK);
		ok &= sm_igraph_leave(&guard, rc, "components") == SM_OK && comps >= 1;
		sm_igraph_enter(&guard, NULL, NULL, "threads");
		ok &= sm_igraph_leave(&guard, failing_igraph_call(), "fail") == SM_EINVAL;
		sm_network_free(net);
	}
	return (void *)(intptr_t)ok;
}

START_TEST(concurrent_use_is_serialised)
{
	pthread_t t[6];
	for (intptr_t i = 0; i < 6; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, build_views, (void *)i), 0);
	for (int i = 0; i < 6; i++) {
		void *ok;
		pthread_join(t[i], &ok);
		ck_assert(ok);
	}
}
END_TEST

static Suite *igraph_guard_suite(void)
{
	Suite *s = suite_create("igraph_guard");
	TCase *tc = tcase_create("guard");
	tcase_add_test(tc, error_returns_a_code_not_an_abort);
	tcase_add_test(tc, callers_handlers_survive);
	tcase_add_test(tc, nested_guards);
	tcase_add_test(tc, cancellation_reaches_igraph);
	tcase_add_test(tc, seeded_rng);
	tcase_add_test(tc, concurrent_use_is_serialised);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(igraph_guard_suite)
