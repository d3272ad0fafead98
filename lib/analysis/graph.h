/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The simple weighted graph the analyses work on: the frozen CSR with
 * multi-relationships combined (one entry per neighbour), weights = the
 * combined quality (or 1 when unweighted). Built in O(n + m) from the
 * frozen view; owned by the analysis call that built it.
 */
#ifndef SM_LIB_ANALYSIS_GRAPH_H
#define SM_LIB_ANALYSIS_GRAPH_H

#include <stdbool.h>
#include <stdint.h>

#include "model/network_internal.h"
#include "stakemap/centrality.h"

typedef struct sm_graph {
	int64_t n;
	bool directed;
	sm_csr out; /* rows by source; undirected: every pair in both rows */
	sm_csr in;  /* directed: rows by target; undirected: aliases out (not owned) */
} sm_graph;

/* Build the combined graph. `weighted` false sets every weight to 1.
 * SM_OK or SM_ENOMEM / SM_EINVAL (unknown combine rule). */
int sm_graph_build(sm_graph *g, const sm_network *net, sm_combine combine, bool weighted);
void sm_graph_dispose(sm_graph *g);

/* The "mutual" graph M: M[u][v] = a_uv + a_vu, every actor tied to u in
 * either direction. Undirected networks alias the combined graph's rows
 * (M = A there; callers whose ratios are scale-free need not double it);
 * directed ones merge each actor's out- and in-row, summing the weights of a
 * pair tied both ways. Rows are sorted by neighbour. */
typedef struct sm_mutual {
	sm_csr m;
	bool owned;
} sm_mutual;

/* SM_OK or SM_ENOMEM. */
int sm_mutual_build(sm_mutual *out, const sm_graph *g);
void sm_mutual_dispose(sm_mutual *mu);

/* The distance of a relationship of quality (weight) q under `d`. */
static inline double sm_distance_of(double q, sm_distance d)
{
	switch (d) {
	case SM_DIST_LOG: return 1.0 - __builtin_log(q);
	case SM_DIST_HOPS: return 1.0;
	default: return 1.0 / q;
	}
}

#endif
