/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_GAPS_H
#define STAKEMAP_GAPS_H

/**
 * @file gaps.h
 * What are we missing: a network-gap study. From a focal set (our people),
 * whom do we reach and how well, which groups stay out of reach, who are
 * the "unusual suspects" we should know, and which new direct contacts
 * would close the gap fastest. Definitions and a worked example are in
 * docs/gaps.md.
 *
 * **Quality is a strength.** The quality of a path is the product of the
 * qualities of its relationships; an actor's reach quality is the best
 * path quality from any focal actor within `hops` hops (1 for focal
 * actors, 0 when not reached). On directed networks paths follow the
 * relationships' direction, from the focal set outwards.
 * Multi-relationships are combined by `combine` (default: highest quality).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stakemap/centrality.h"
#include "stakemap/common.h"
#include "stakemap/network.h"
#include "stakemap/select.h"
#include "stakemap/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of sm_gaps(). Initialise with SM_GAPS_OPTIONS_INIT or
 * sm_gaps_options_init(); a NULL options pointer means the defaults. */
typedef struct sm_gaps_options {
	unsigned int version;          /**< SM_GAPS_OPTIONS_VERSION */
	int64_t hops;                  /**< maximum hops k (default 2); 0 = unlimited */
	double min_quality;            /**< paths of lower quality do not count, in [0, 1)
	                                    (default 0: every path counts) */
	const sm_selection *first_hop; /**< whom the focal set can meet directly: a
	                                    relationship leaving a focal actor counts only
	                                    towards these actors; NULL = anyone */
	const sm_selection *avoid;     /**< actors not to be relied on as intermediaries
	                                    (they can be reached, paths do not go on through
	                                    them, they are never recommended); NULL = none */
	const char *at;                /**< ISO date: study the snapshot of that day
	                                    (sm_network_at()); NULL = every relationship */
	const char *target_by;         /**< comma-separated categorical attributes whose
	                                    groups are covered ("kind,gender,region");
	                                    "community" = Leiden communities; NULL = "kind" */
	const char *standing_by;       /**< unusual suspects: "community" (default, NULL) or
	                                    any categorical attribute such as "kind" */
	double weak_quality;           /**< reached below this quality counts as weakly
	                                    reached (default 0.25), in (0, 1] */
	int64_t suspects;              /**< rows of the suspects table (default 20; 0 = all
	                                    not-focal actors) */
	int64_t recommend;             /**< K new direct contacts to recommend (default 5;
	                                    0 = none) */
	double assumed_quality;        /**< quality assumed for a recommended new contact,
	                                    in (0, 1] (default 0.5) */
	double resolution;             /**< Leiden resolution for "community" (default 1) */
	uint64_t seed;                 /**< Leiden seed (default 1); reported */
	sm_combine combine;            /**< multi-relationships (default: highest quality) */
	sm_progress_fn progress;       /**< optional progress callback */
	void *progress_user;           /**< passed to progress */
} sm_gaps_options;

#define SM_GAPS_OPTIONS_VERSION 1
#define SM_GAPS_OPTIONS_INIT                                                                \
	{ SM_GAPS_OPTIONS_VERSION, 2, 0.0, NULL, NULL, NULL, NULL, NULL, 0.25, 20, 5, 0.5, 1.0, \
	  1, SM_COMBINE_MAX, NULL, NULL }

/** Fill `opts` with the defaults. */
SM_EXPORT void sm_gaps_options_init(sm_gaps_options *opts);

/**
 * The result of sm_gaps(). Owned by the caller: free with sm_gaps_result_free().
 * Fields may be added at the end in later versions.
 */
typedef struct sm_gaps_result {
	/** One row per actor in actor order: `id`, `label`, `kind`, `focal`
	 * (bool), `reached` (bool), `quality` (reach quality, 0 unreached),
	 * `hops` (of the best path; −1 unreached), `via` (id of the focal actor
	 * the best path starts from; "" unreached), then one string column per
	 * target attribute with the actor's group. */
	sm_table *actors;
	/** One row per (attribute, value): `attribute`, `group`, `size`,
	 * `share_of_network`, `reached`, `share_reached`, `weakly_reached`,
	 * `mean_quality` (over the group's members, 0 for the unreached),
	 * `share_of_reached`, `representation` (share_of_reached /
	 * share_of_network: < 1 under-represented), `weight` (its weight in
	 * the recommendation objective). Sorted by attribute, then
	 * representation ascending. Focal actors are counted as reached. */
	sm_table *coverage;
	/** Not-focal actors ranked by score = standing × (1 − quality):
	 * `rank`, `id`, `label`, `kind`, `group` (standing group), `standing`
	 * (PageRank inside its own group, divided by the group's highest, so
	 * 1 = the group's leading actor), `quality`, `score`. */
	sm_table *suspects;
	/** One row per pick, in order: `rank`, `id`, `label`, `kind`, `gain`
	 * (marginal gain of the objective), `objective` (after the pick),
	 * `newly_reached` (actors reached only thanks to the picks so far),
	 * `opens` (the target groups whose coverage it raises most, in words). */
	sm_table *recommendations;
	int64_t actors_total;     /**< actors in the network */
	int64_t focal_count;      /**< actors in the focal set */
	int64_t reached_count;    /**< actors reached (focal included) */
	double mean_quality;      /**< mean reach quality over not-focal actors */
	double diversity_gap;     /**< Jensen–Shannon divergence (base 2, in [0, 1]) between
	                               the kinds reached (weighted by quality) and the kinds
	                               of the network */
	double objective;         /**< recommendation objective before any pick */
	int64_t evaluations;      /**< objective evaluations made by lazy greedy (CELF) */
	int64_t evaluations_plain;/**< evaluations plain greedy would have made */
	uint64_t seed;            /**< Leiden seed used (0 if no communities were needed) */
} sm_gaps_result;

/**
 * Run a gap study.
 *
 * @param[out] out  new result; free with sm_gaps_result_free()
 * @param net    the network (frozen on first use)
 * @param focal  the focal set (sm_select() on `net`); must not be empty
 * @param opts   options, or NULL for the defaults
 * @return SM_OK, SM_EINVAL (empty focal set, a selection made on another
 *         network, an option out of range with its value), SM_ENOTFOUND
 *         (unknown target attribute), SM_ENOMEM or SM_ECANCELLED
 *
 * Recommendations maximise F(S) = Σ_v w_v · Q_S(v) over not-focal actors v,
 * where Q_S is the reach quality once the focal set has direct contacts
 * with S at `assumed_quality` and w_v the mean over target attributes of
 * 1 − (mean reach quality of v's group): groups that are poorly reached
 * weigh most. F is monotone submodular; lazy greedy (CELF) keeps the
 * (1 − 1/e) guarantee. Time: O(k·m) for reach with a hop limit, O(m log n)
 * without; a recommendation evaluation is one search of ≤ k − 1 hops.
 */
SM_EXPORT int sm_gaps(sm_gaps_result **out, const sm_network *net, const sm_selection *focal,
                      const sm_gaps_options *opts);

/** Free a result of sm_gaps() and its tables. NULL does nothing. */
SM_EXPORT void sm_gaps_result_free(sm_gaps_result *result);

#ifdef __cplusplus
}
#endif

#endif
