/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The shortest-path traversal shared by betweenness, closeness and harmonic
 * centrality (and, later, reach in gap studies): Brandes' algorithm on the
 * combined CSR — Dijkstra with a binary heap for weighted distances, BFS
 * for hops — one single-source search per source, sources spread over
 * worker threads with per-thread buffers and a reduction whose order does
 * not depend on the number of threads (bit-identical results for any
 * thread count).
 */
#ifndef SM_LIB_ANALYSIS_TRAVERSAL_H
#define SM_LIB_ANALYSIS_TRAVERSAL_H

#include <stdbool.h>
#include <stdint.h>

#include "analysis/graph.h"
#include "stakemap/centrality.h"

typedef struct sm_paths_options {
	sm_distance distance; /* distance of an entry of weight q: sm_distance_of(q, distance) */
	bool reverse;         /* search along g->in instead of g->out (distances TO the source) */
	double cutoff;        /* betweenness: ignore paths longer than this; 0 = none */
	int64_t samples;      /* 0 = every actor is a source; k = k sources sampled without
	                         replacement with `seed` (betweenness scaled by n/k) */
	uint64_t seed;
	int threads;          /* 0 = all cores */
	bool betweenness, closeness, harmonic; /* what to accumulate */
	sm_progress_fn progress;
	void *progress_user;
} sm_paths_options;

typedef struct sm_paths_result {
	/* Raw sums, NULL when not asked for. For each target t, over sources s ≠ t:
	 *   betweenness[v]: Σ_{s≠v≠t} σ_st(v)/σ_st over ordered pairs (s, t);
	 *                   undirected callers halve it (NetworkX's unnormalised value)
	 *   distance_sum[v]: Σ_t d(v, t) over targets reached from v (or, with
	 *                   `reverse`, Σ_s d(s, v)); reached[v]: how many were reached
	 *   harmonic[v]: Σ 1/d over the same pairs */
	double *betweenness;
	double *distance_sum;
	int64_t *reached;
	double *harmonic;
	int64_t sources; /* number of sources searched */
} sm_paths_result;

/* Run the traversal. SM_OK, SM_EINVAL (samples > n, negative cutoff),
 * SM_ENOMEM or SM_ECANCELLED (nothing written to *out). */
int sm_paths(sm_paths_result *out, const sm_graph *g, const sm_paths_options *opts);
void sm_paths_result_dispose(sm_paths_result *r);

#endif
