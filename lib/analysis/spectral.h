/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The strength-based centrality measures on the combined CSR (graph.h):
 * degree and strength, and the iterative ones — PageRank, eigenvector and
 * HITS hub/authority — each an own power iteration with the definition,
 * the start vector and the normalisation of NetworkX 2.8, iterated to a
 * tight tolerance. Matrix-vector products are "pull" sums over the rows of
 * the CSR (no atomics) split into fixed blocks spread over worker threads;
 * every sum is reduced block by block in block order, so the result is
 * bit-identical for any thread count.
 *
 * Results go to caller-allocated arrays of g->n doubles; on failure their
 * contents are unspecified.
 */
#ifndef SM_LIB_ANALYSIS_SPECTRAL_H
#define SM_LIB_ANALYSIS_SPECTRAL_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/graph.h"
#include "stakemap/common.h"

/* Which relationships count for degree and strength on a directed graph
 * (undirected graphs have one row an actor and ignore it). */
typedef enum sm_side {
	SM_SIDE_BOTH = 0, /* in + out (NetworkX's G.degree on a DiGraph) */
	SM_SIDE_OUT,
	SM_SIDE_IN
} sm_side;

/* Convergence: iterate until the L1 change of the vector is below
 * SM_SPECTRAL_TOL times its L1 norm. */
#define SM_SPECTRAL_TOL 1e-13
/* Iteration cap of eigenvector and HITS (PageRank's cap follows from the damping). */
#define SM_SPECTRAL_MAX_ITER 10000

typedef struct sm_spectral_options {
	int threads;             /* 0 = all cores */
	sm_progress_fn progress; /* optional; stage names "pagerank", "eigenvector", "hits" */
	void *progress_user;
	int64_t iterations;      /* out: iterations made by the last call */
	const sm_network *net;   /* optional: names actors in messages */
} sm_spectral_options;

/* Degree (number of combined entries) or strength (sum of their weights). */
void sm_degree_raw(double *out, const sm_graph *g, sm_side side, bool strength);

/*
 * PageRank as networkx.pagerank / igraph's PRPACK with the default uniform
 * personalisation: x ← d·Pᵀx + (d·D + 1 − d)/n, P = the rows of the walk
 * normalised by out-strength, D = the rank held by actors without outgoing
 * relationships (spread uniformly). Starts from 1/n; the result sums to 1.
 * `reverse` walks against the direction (g->in as the out-rows).
 * SM_OK, SM_ENOMEM, SM_ECANCELLED or SM_EINTERNAL (no convergence: rounding).
 */
int sm_pagerank(double *rank, const sm_graph *g, double damping, bool reverse,
                sm_spectral_options *opts);

/*
 * Eigenvector centrality as networkx.eigenvector_centrality: power
 * iteration of (A + I)ᵀ from the uniform vector, unit Euclidean norm.
 * Pulls over g->in (incoming relationships; NetworkX's convention), or
 * g->out with `outgoing`. SM_OK, SM_ENOMEM, SM_ECANCELLED or SM_ELIMIT (no
 * convergence within SM_SPECTRAL_MAX_ITER: no unique leading eigenvector).
 */
int sm_eigenvector(double *x, const sm_graph *g, bool outgoing, sm_spectral_options *opts);

/*
 * HITS as networkx.hits: authority = the leading eigenvector of AᵀA (power
 * iteration from the uniform hub vector), hub = A·authority, each scaled to
 * sum 1. A graph without relationships gives 0 everywhere.
 * SM_OK, SM_ENOMEM, SM_ECANCELLED or SM_ELIMIT (no convergence).
 */
int sm_hits(double *hub, double *authority, const sm_graph *g, sm_spectral_options *opts);

#endif
