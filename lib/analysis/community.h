/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Communities: igraph's Leiden with the modularity objective, run behind
 * the igraph guard on the combined graph taken as undirected (a directed
 * pair tied both ways counts once with the two qualities added — the
 * mutual graph). Shared by bubbles, gaps and the report.
 */
#ifndef SM_LIB_ANALYSIS_COMMUNITY_H
#define SM_LIB_ANALYSIS_COMMUNITY_H

#include <stdint.h>

#include "analysis/graph.h"

typedef struct sm_community_options {
	double resolution;  /* > 0; 1 = plain modularity */
	uint64_t seed;      /* igraph's RNG is seeded with it: same seed, same groups */
	int64_t iterations; /* Leiden iterations; negative = until the partition is stable */
	sm_progress_fn progress;
	void *progress_user;
} sm_community_options;

/*
 * Leiden communities of `g` (weights = its qualities, or 1s if built
 * unweighted). Writes membership[0..n) and *count. Communities are
 * numbered by decreasing size, ties by their smallest actor index, so the
 * numbering does not depend on igraph's. Isolated actors are communities of
 * one. SM_OK, SM_EINVAL (resolution ≤ 0 or not finite), SM_ENOMEM,
 * SM_ECANCELLED, or igraph's error mapped by the guard.
 */
int sm_communities(int32_t *membership, int32_t *count, const sm_graph *g,
                   const sm_community_options *opts);

/* Renumber membership[0..n) (any non-negative labels < n) by decreasing
 * group size, ties by the smallest member; writes *count. SM_OK or SM_ENOMEM. */
int sm_communities_canonical(int32_t *membership, int32_t *count, int64_t n);

#endif
