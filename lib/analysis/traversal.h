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
	double cutoff;        /* betweenness only: ignore pairs farther apart than this, as
	                         igraph_betweenness_cutoff(); 0 = none. Closeness and harmonic
	                         asked in the same call still see every distance */
	int64_t samples;      /* 0 = every actor is a source; k = k sources sampled without
	                         replacement with `seed` (raw sums over those k sources: the
	                         caller scales betweenness by n/k); closeness and harmonic are
	                         then filled for the k sources only (0 elsewhere) */
	uint64_t seed;
	int threads;          /* 0 = all cores (sysconf); the result is bit-identical for any
	                         number */
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

/* Run the traversal. SM_OK, SM_EINVAL (samples outside [0, n], negative or
 * NaN cutoff, negative threads, unknown distance, an entry whose distance
 * is not positive and finite — e.g. SM_DIST_LOG of a summed quality above
 * e), SM_ENOMEM or SM_ECANCELLED (nothing written to *out).
 * Weighted distances: Dijkstra with igraph's tie rule (path lengths within
 * 1e-10 relative are equal), BFS when every distance is exactly 1.
 * The progress callback is called from the calling thread only (at most
 * ~100 times plus start and end); a non-zero answer stops the workers
 * within a search (every 4,096 settled vertices). See ADR 007. */
int sm_paths(sm_paths_result *out, const sm_graph *g, const sm_paths_options *opts);
void sm_paths_result_dispose(sm_paths_result *r);

#endif
