/*
 * Concurrency (issue #9): 8 threads analyse the same frozen network —
 * centrality (every measure), brokerage, and bubbles and gaps when they have
 * landed — while 2 more load and free networks and call the igraph-backed
 * code (the igraph view, Leiden communities behind the igraph guard). Every
 * result must equal, bit for bit, the one computed before on one thread.
 * Built and run under ThreadSanitizer by the tsan preset (label `threads`);
 * igraph itself is not instrumented: tests/tsan.supp and docs/testing.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "analysis/community.h"
#include "analysis/graph.h"
#include "model/network_internal.h"
#include "support.h"

#define ANALYSERS 8
#define CHURNERS 2
#define ROUNDS 4
#define ACTORS 160
#define TIES 4 /* relationships per actor */

/* A small deterministic generator (LCG), so every run builds the same map. */
static uint64_t next_random(uint64_t *state)
{
	*state = *state * 6364136223846793005u + 1442695040888963407u;
	return *state >> 33;
}

static const char *const kinds[] = { "diplomat", "ngo", "media", "business", "academia" };
static const char *const sectors[] = { "health", "trade", "culture" };

/* A directed map of ACTORS actors with kinds, a sector attribute and
 * TIES relationships each, clustered in five neighbourhoods. */
static sm_network *make_map(uint64_t seed)
{
	sm_network *net = NULL;
	sm_assert_ok(sm_network_new(&net, true));
	char id[32];
	for (int i = 0; i < ACTORS; i++) {
		int64_t index;
		snprintf(id, sizeof id, "a%03d", i);
		sm_assert_ok(sm_network_add_actor(&index, net, id, NULL, kinds[i % 5]));
		sm_value v = sm_value_string(sectors[(i / 7) % 3]);
		sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, index, "sector", &v));
	}
	uint64_t state = seed;
	for (int i = 0; i < ACTORS; i++) {
		for (int t = 0; t < TIES; t++) {
			int j = (int)(next_random(&state) % 100) < 80
			                ? (i / 32) * 32 + (int)(next_random(&state) % 32)
			                : (int)(next_random(&state) % ACTORS);
			if (j == i)
				continue;
			double q = (double)(1 + next_random(&state) % 100) / 100.0;
			int64_t r;
			sm_assert_ok(sm_network_add_relationship_at(&r, net, i, j, q, NULL));
		}
	}
	return net;
}

/* Whether two tables hold the same columns and the same bits. */
static void assert_same_table(const sm_table *a, const sm_table *b, const char *what)
{
	ck_assert_msg(a != NULL && b != NULL, "%s: missing table", what);
	size_t rows = sm_table_rows(a), cols = sm_table_columns(a);
	ck_assert_uint_eq(rows, sm_table_rows(b));
	ck_assert_uint_eq(cols, sm_table_columns(b));
	for (size_t c = 0; c < cols; c++) {
		const char *name = sm_table_column_name(a, c);
		ck_assert_str_eq(name, sm_table_column_name(b, c));
		ck_assert_int_eq(sm_table_column_type(a, c), sm_table_column_type(b, c));
		switch (sm_table_column_type(a, c)) {
		case SM_COLUMN_DOUBLE: {
			const double *x = sm_table_column_double(a, name, NULL);
			const double *y = sm_table_column_double(b, name, NULL);
			ck_assert_msg(rows == 0 || memcmp(x, y, rows * sizeof *x) == 0,
			              "%s: column %s differs", what, name);
			break;
		}
		case SM_COLUMN_INT64: {
			const int64_t *x = sm_table_column_int64(a, name, NULL);
			const int64_t *y = sm_table_column_int64(b, name, NULL);
			ck_assert_msg(rows == 0 || memcmp(x, y, rows * sizeof *x) == 0,
			              "%s: column %s differs", what, name);
			break;
		}
		case SM_COLUMN_STRING: {
			const char *const *x = sm_table_column_string(a, name, NULL);
			const char *const *y = sm_table_column_string(b, name, NULL);
			for (size_t i = 0; i < rows; i++)
				ck_assert_msg((x[i] == NULL && y[i] == NULL) ||
				              (x[i] && y[i] && strcmp(x[i], y[i]) == 0),
				              "%s: column %s row %zu differs", what, name, i);
			break;
		}
		case SM_COLUMN_BOOL: {
			const bool *x = sm_table_column_bool(a, name, NULL);
			const bool *y = sm_table_column_bool(b, name, NULL);
			for (size_t i = 0; i < rows; i++)
				ck_assert_msg(x[i] == y[i], "%s: column %s row %zu differs", what, name, i);
			break;
		}
		}
	}
}

/* ---- the analyses, as run on every thread ------------------------------ */

typedef struct results {
	sm_table *centrality;
	sm_table *brokerage;
	sm_bubbles_result *bubbles;
	sm_gaps_result *gaps;
} results;

static void analyse(results *r, const sm_network *net)
{
	sm_centrality_options co = SM_CENTRALITY_OPTIONS_INIT;
	co.measures = SM_MEASURE_ALL;
	co.threads = 1; /* the reference is single-threaded too: same summation order */
	sm_assert_ok(sm_centrality(&r->centrality, net, &co));
	sm_brokerage_options bo = SM_BROKERAGE_OPTIONS_INIT;
	bo.by = "sector";
	sm_assert_ok(sm_brokerage(&r->brokerage, net, &bo));
	sm_assert_ok(sm_bubbles(&r->bubbles, net, NULL));
	sm_selection *focal = NULL;
	sm_assert_ok(sm_select(&focal, net, "kind = 'diplomat' and sector = 'health'"));
	sm_assert_ok(sm_gaps(&r->gaps, net, focal, NULL));
	sm_selection_free(focal);
}

static void assert_same_results(const results *a, const results *b)
{
	assert_same_table(a->centrality, b->centrality, "centrality");
	assert_same_table(a->brokerage, b->brokerage, "brokerage");
	assert_same_table(a->bubbles->groups, b->bubbles->groups, "bubbles groups");
	assert_same_table(a->bubbles->actors, b->bubbles->actors, "bubbles actors");
	assert_same_table(a->bubbles->mixing, b->bubbles->mixing, "bubbles mixing");
	ck_assert(memcmp(&a->bubbles->modularity, &b->bubbles->modularity, sizeof(double)) == 0);
	assert_same_table(a->gaps->actors, b->gaps->actors, "gaps actors");
	assert_same_table(a->gaps->coverage, b->gaps->coverage, "gaps coverage");
	assert_same_table(a->gaps->suspects, b->gaps->suspects, "gaps suspects");
	assert_same_table(a->gaps->recommendations, b->gaps->recommendations, "gaps picks");
}

static void results_dispose(results *r)
{
	sm_table_free(r->centrality);
	sm_table_free(r->brokerage);
	sm_bubbles_result_free(r->bubbles);
	sm_gaps_result_free(r->gaps);
	memset(r, 0, sizeof *r);
}

/* Leiden communities of a network (igraph, behind the guard). */
static void communities(int32_t *membership, int32_t *count, const sm_network *net)
{
	sm_graph g;
	sm_assert_ok(sm_graph_build(&g, net, SM_COMBINE_MAX, true));
	sm_community_options o = { 1.0, 7, 2, NULL, NULL };
	sm_assert_ok(sm_communities(membership, count, &g, &o));
	sm_graph_dispose(&g);
}

/* ---- the threads ------------------------------------------------------- */

typedef struct shared {
	const sm_network *net;   /* frozen, analysed by everyone */
	const results *expected; /* computed on one thread */
	const char *json;        /* the same map as JSON, for the loaders */
	size_t json_size;
	int32_t membership[ACTORS]; /* Leiden on the map, computed on one thread */
	int32_t groups;
	pthread_barrier_t start;
} shared;

static void *analyser(void *arg)
{
	shared *s = arg;
	pthread_barrier_wait(&s->start);
	for (int round = 0; round < ROUNDS; round++) {
		results r = { 0 };
		analyse(&r, s->net);
		assert_same_results(&r, s->expected);
		results_dispose(&r);
	}
	return NULL;
}

static void *churner(void *arg)
{
	shared *s = arg;
	pthread_barrier_wait(&s->start);
	for (int round = 0; round < ROUNDS; round++) {
		/* The shared network's igraph view: built once, by whoever comes first. */
		const igraph_t *graph = NULL;
		const igraph_vector_t *quality = NULL;
		sm_assert_ok(sm_network_igraph(&graph, &quality, s->net));
		ck_assert_int_eq(igraph_vcount(graph), ACTORS);

		/* A network of one's own: loaded, frozen, viewed by igraph, divided
		 * into communities, freed — while the others read theirs. */
		sm_network *own = NULL;
		sm_assert_ok(sm_network_load_buffer(&own, s->json, s->json_size, SM_FORMAT_JSON,
		                                    "map.json", NULL));
		sm_assert_ok(sm_network_freeze(own));
		sm_assert_ok(sm_network_igraph(&graph, &quality, own));
		ck_assert_int_eq(igraph_ecount(graph),
		                 (igraph_integer_t)sm_network_relationship_count(own));
		int32_t membership[ACTORS], groups = 0;
		communities(membership, &groups, own);
		ck_assert_int_eq(groups, s->groups);
		ck_assert(memcmp(membership, s->membership, sizeof membership) == 0);
		sm_network_free(own);
	}
	return NULL;
}

START_TEST(eight_readers_two_writers)
{
	sm_network *net = make_map(42);
	sm_assert_ok(sm_network_freeze(net));

	shared s;
	memset(&s, 0, sizeof s);
	s.net = net;
	results expected = { 0 };
	analyse(&expected, net);
	s.expected = &expected;
	/* A second run on one thread agrees with the first: the reference is
	 * deterministic, so any difference below comes from the threads. */
	results again = { 0 };
	analyse(&again, net);
	assert_same_results(&again, &expected);
	results_dispose(&again);

	char *dir = sm_test_tmpdir();
	char *path = sm_test_join(dir, "map.json");
	sm_assert_ok(sm_network_save(net, path, SM_FORMAT_JSON));
	char *json = sm_test_read(path, &s.json_size);
	s.json = json;
	communities(s.membership, &s.groups, net);
	ck_assert_int_gt(s.groups, 1);

	pthread_t threads[ANALYSERS + CHURNERS];
	ck_assert_int_eq(pthread_barrier_init(&s.start, NULL, ANALYSERS + CHURNERS), 0);
	for (int i = 0; i < ANALYSERS + CHURNERS; i++)
		ck_assert_int_eq(pthread_create(&threads[i], NULL, i < ANALYSERS ? analyser : churner,
		                                &s),
		                 0);
	for (int i = 0; i < ANALYSERS + CHURNERS; i++)
		ck_assert_int_eq(pthread_join(threads[i], NULL), 0);
	pthread_barrier_destroy(&s.start);

	/* The shared network came through unchanged. */
	char *after_path = sm_test_join(dir, "after.json");
	sm_assert_ok(sm_network_save(net, after_path, SM_FORMAT_JSON));
	size_t after_size = 0;
	char *after = sm_test_read(after_path, &after_size);
	ck_assert(after_size == s.json_size && memcmp(after, json, after_size) == 0);

	free(after);
	free(after_path);
	free(json);
	free(path);
	sm_test_rmtree(dir);
	free(dir);
	results_dispose(&expected);
	sm_network_free(net);
}
END_TEST

/* The first use of a shared, not yet frozen network from many threads at
 * once: the frozen view is built once (under the network's lock) and every
 * thread sees the same one. */
typedef struct first_use {
	const sm_network *net;
	const sm_table *expected;
	pthread_barrier_t start;
} first_use;

static void *first_user(void *arg)
{
	first_use *f = arg;
	pthread_barrier_wait(&f->start);
	sm_table *t = NULL;
	sm_centrality_options co = SM_CENTRALITY_OPTIONS_INIT;
	co.measures = SM_MEASURE_BETWEENNESS | SM_MEASURE_PAGERANK | SM_MEASURE_STRENGTH;
	co.threads = 1;
	sm_assert_ok(sm_centrality(&t, f->net, &co));
	assert_same_table(t, f->expected, "centrality");
	sm_table_free(t);
	return NULL;
}

START_TEST(concurrent_first_freeze)
{
	sm_network *reference = make_map(7);
	sm_table *expected = NULL;
	sm_centrality_options co = SM_CENTRALITY_OPTIONS_INIT;
	co.measures = SM_MEASURE_BETWEENNESS | SM_MEASURE_PAGERANK | SM_MEASURE_STRENGTH;
	co.threads = 1;
	sm_assert_ok(sm_centrality(&expected, reference, &co));

	for (int trial = 0; trial < 3; trial++) {
		sm_network *net = make_map(7); /* not frozen */
		first_use f;
		memset(&f, 0, sizeof f);
		f.net = net;
		f.expected = expected;
		pthread_t threads[ANALYSERS];
		ck_assert_int_eq(pthread_barrier_init(&f.start, NULL, ANALYSERS), 0);
		for (int i = 0; i < ANALYSERS; i++)
			ck_assert_int_eq(pthread_create(&threads[i], NULL, first_user, &f), 0);
		for (int i = 0; i < ANALYSERS; i++)
			ck_assert_int_eq(pthread_join(threads[i], NULL), 0);
		pthread_barrier_destroy(&f.start);
		sm_network_free(net);
	}
	sm_table_free(expected);
	sm_network_free(reference);
}
END_TEST

/* The last error is per thread: one thread's failure does not show in
 * another's sm_error_last(). */
static void *failing(void *arg)
{
	(void)arg;
	for (int i = 0; i < 200; i++) {
		sm_network *net = NULL;
		int rc = sm_network_load_buffer(&net, "{\"stakemap\": 2}", 15, SM_FORMAT_JSON, "bad.json",
		                                NULL);
		ck_assert_int_eq(rc, SM_EPARSE);
		ck_assert_int_eq(sm_error_last()->code, SM_EPARSE);
		ck_assert_ptr_null(net);
		ck_assert_ptr_nonnull(strstr(sm_error_last()->message, "version 2"));
	}
	return NULL;
}

static void *succeeding(void *arg)
{
	const sm_network *net = arg;
	for (int i = 0; i < 200; i++) {
		int64_t index = -1;
		sm_assert_ok(sm_network_find_actor(&index, net, "a001"));
		ck_assert_int_eq(index, 1);
		int rc = sm_network_find_actor(&index, net, "nobody");
		ck_assert_int_eq(rc, SM_ENOTFOUND);
		ck_assert_ptr_nonnull(strstr(sm_error_last()->message, "nobody"));
	}
	return NULL;
}

START_TEST(errors_are_per_thread)
{
	sm_network *net = make_map(3);
	sm_assert_ok(sm_network_freeze(net));
	pthread_t a, b;
	ck_assert_int_eq(pthread_create(&a, NULL, failing, NULL), 0);
	ck_assert_int_eq(pthread_create(&b, NULL, succeeding, net), 0);
	ck_assert_int_eq(pthread_join(a, NULL), 0);
	ck_assert_int_eq(pthread_join(b, NULL), 0);
	sm_network_free(net);
}
END_TEST

Suite *threads_suite(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("shared_network");
	tcase_set_timeout(tc, 240); /* ThreadSanitizer is 5-15 times slower */
	tcase_add_test(tc, eight_readers_two_writers);
	tcase_add_test(tc, concurrent_first_freeze);
	tcase_add_test(tc, errors_are_per_thread);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(threads_suite)
