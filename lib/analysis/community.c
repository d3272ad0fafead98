/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Leiden communities (lib/analysis/community.h). igraph's Leiden optimises
 * the CPM quality Q = Σ_ij (A_ij − γ n_i n_j) δ(c_i, c_j); with node weights
 * n_i = the strength k_i and γ = resolution / 2m it is modularity (Traag et
 * al. 2019, igraph's documentation of igraph_community_leiden). The graph
 * handed to igraph is the mutual graph, each pair once.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/community.h"
#include "core/igraph_guard.h"

typedef struct size_rank {
	int64_t size;
	int64_t first;
	int32_t label;
} size_rank;

static int by_size_then_first(const void *a, const void *b)
{
	const size_rank *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

int sm_communities_canonical(int32_t *membership, int32_t *count, int64_t n)
{
	size_rank *rank = sm_calloc((size_t)(n ? n : 1), sizeof *rank);
	int32_t *relabel = sm_malloc((size_t)(n ? n : 1) * sizeof *relabel);
	if (!rank || !relabel) {
		sm_free(rank);
		sm_free(relabel);
		return sm_fail_nomem();
	}
	int64_t labels = 0;
	for (int64_t i = 0; i < n; i++) {
		size_rank *r = &rank[membership[i]];
		if (r->size++ == 0) {
			r->first = i;
			r->label = membership[i];
			labels++;
		}
	}
	/* Used labels first (the unused have size 0 and sort last). */
	qsort(rank, (size_t)n, sizeof *rank, by_size_then_first);
	for (int64_t k = 0; k < labels; k++)
		relabel[rank[k].label] = (int32_t)k;
	for (int64_t i = 0; i < n; i++)
		membership[i] = relabel[membership[i]];
	*count = (int32_t)labels;
	sm_free(rank);
	sm_free(relabel);
	return SM_OK;
}

int sm_communities(int32_t *membership, int32_t *count, const sm_graph *g,
                   const sm_community_options *opts)
{
	if (!(opts->resolution > 0) || !isfinite(opts->resolution))
		return sm_fail(SM_EINVAL, "resolution %g: must be a positive number",
		               opts->resolution);
	int64_t n = g->n;
	if (n == 0) {
		*count = 0;
		return SM_OK;
	}
	sm_mutual mu = { 0 };
	int rc = sm_mutual_build(&mu, g);
	if (rc != SM_OK)
		return rc;
	const sm_csr *m = &mu.m;
	int64_t pairs = 0;
	double total = 0.0; /* 2m: the sum of every row */
	for (int64_t u = 0; u < n; u++)
		for (int64_t k = m->offsets[u]; k < m->offsets[u + 1]; k++) {
			total += m->q[k];
			if (m->nbr[k] > u)
				pairs++;
		}

	igraph_t graph;
	igraph_vector_int_t edges, memb;
	igraph_vector_t weights, strength;
	bool have_edges = false, have_graph = false, have_weights = false, have_strength = false,
	     have_memb = false;
	igraph_integer_t clusters = 0;
	sm_igraph_guard guard;
	sm_igraph_enter(&guard, opts->progress, opts->progress_user, "communities");
	igraph_error_t irc = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * pairs));
	if (irc != IGRAPH_SUCCESS)
		goto done;
	have_edges = true;
	if ((irc = igraph_vector_init(&weights, (igraph_integer_t)pairs)) != IGRAPH_SUCCESS)
		goto done;
	have_weights = true;
	if ((irc = igraph_vector_init(&strength, (igraph_integer_t)n)) != IGRAPH_SUCCESS)
		goto done;
	have_strength = true;
	if ((irc = igraph_vector_int_init(&memb, (igraph_integer_t)n)) != IGRAPH_SUCCESS)
		goto done;
	have_memb = true;
	int64_t e = 0;
	for (int64_t u = 0; u < n; u++) {
		double s = 0.0;
		for (int64_t k = m->offsets[u]; k < m->offsets[u + 1]; k++) {
			s += m->q[k];
			if (m->nbr[k] > u) {
				VECTOR(edges)[2 * e] = (igraph_integer_t)u;
				VECTOR(edges)[2 * e + 1] = (igraph_integer_t)m->nbr[k];
				VECTOR(weights)[e++] = m->q[k];
			}
		}
		VECTOR(strength)[u] = s;
	}
	if ((irc = igraph_create(&graph, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED)) !=
	    IGRAPH_SUCCESS)
		goto done;
	have_graph = true;
	sm_igraph_seed(opts->seed);
	if (pairs > 0) {
		irc = igraph_community_leiden(&graph, &weights, &strength,
		                              opts->resolution / total, 0.01, false,
		                              (igraph_integer_t)opts->iterations, &memb, &clusters,
		                              NULL);
	} else {
		for (int64_t i = 0; i < n; i++)
			VECTOR(memb)[i] = (igraph_integer_t)i;
	}
	if (irc == IGRAPH_SUCCESS)
		for (int64_t i = 0; i < n; i++)
			membership[i] = (int32_t)VECTOR(memb)[i];
done:
	if (have_graph)
		igraph_destroy(&graph);
	if (have_memb)
		igraph_vector_int_destroy(&memb);
	if (have_strength)
		igraph_vector_destroy(&strength);
	if (have_weights)
		igraph_vector_destroy(&weights);
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	sm_mutual_dispose(&mu);
	rc = sm_igraph_leave(&guard, irc, "community detection");
	if (rc != SM_OK)
		return rc;
	return sm_communities_canonical(membership, count, n);
}
