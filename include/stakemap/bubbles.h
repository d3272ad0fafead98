/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_BUBBLES_H
#define STAKEMAP_BUBBLES_H

/**
 * @file bubbles.h
 * Where is the echo chamber: groups of actors (Leiden communities on
 * quality, or the values of an attribute), how insular and how homogeneous
 * each is, which are flagged as filter bubbles and why, every actor's
 * exposure to other kinds, and network-level homophily and polarisation.
 * Definitions, defaults and their rationale are in docs/bubbles.md.
 *
 * Quality is a strength: tie weights below are the qualities of the
 * relationships, multi-relationships combined by `combine` (default: the
 * highest quality). Directed networks are read as undirected here (a pair
 * tied both ways weighs the sum of the two qualities).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stakemap/centrality.h"
#include "stakemap/common.h"
#include "stakemap/network.h"
#include "stakemap/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of sm_bubbles(). Initialise with SM_BUBBLES_OPTIONS_INIT or
 * sm_bubbles_options_init(); a NULL options pointer means the defaults. */
typedef struct sm_bubbles_options {
	unsigned int version;        /**< SM_BUBBLES_OPTIONS_VERSION */
	const char *by;              /**< categorical actor attribute giving the groups;
	                                  NULL = Leiden communities on quality */
	double resolution;           /**< Leiden resolution, > 0 (default 1) */
	uint64_t seed;               /**< Leiden seed (default 1); reported in the result */
	int64_t iterations;          /**< Leiden iterations (default 2, as python-igraph);
	                                  negative = until the partition is stable */
	const char *diversity_of;    /**< comma-separated categorical attributes whose
	                                  diversity is reported per group ("gender,region");
	                                  kind is always reported; NULL = none */
	const char *stance;          /**< numeric actor attribute (a stance or leaning):
	                                  per-group mean/spread and per-actor neighbour
	                                  stance; NULL = none */
	const char *sides;           /**< categorical attribute whose values are the sides
	                                  of the random-walk controversy score; NULL = none */
	int64_t walk_top;            /**< controversy: the walks end at the walk_top
	                                  highest-degree actors of each side (default 10) */
	double ei_threshold;         /**< insular when the size-rescaled E-I index is below
	                                  this (default −0.5) */
	double diversity_threshold;  /**< homogeneous when the normalised kind entropy is
	                                  below this (default 0.35) */
	int64_t min_size;            /**< smaller groups are never flagged (default 3) */
	int64_t top;                 /**< top actors named per group, by strength (default 3) */
	sm_combine combine;          /**< multi-relationships (default: highest quality) */
	bool weighted;               /**< qualities as tie weights (default); false: 1 each */
	sm_progress_fn progress;     /**< optional progress callback */
	void *progress_user;         /**< passed to progress */
} sm_bubbles_options;

#define SM_BUBBLES_OPTIONS_VERSION 1
#define SM_BUBBLES_OPTIONS_INIT                                                             \
	{ SM_BUBBLES_OPTIONS_VERSION, NULL, 1.0, 1, 2, NULL, NULL, NULL, 10, -0.5, 0.35, 3, 3, \
	  SM_COMBINE_MAX, true, NULL, NULL }

/** Fill `opts` with the defaults. */
SM_EXPORT void sm_bubbles_options_init(sm_bubbles_options *opts);

/**
 * The result of sm_bubbles(). Owned by the caller: free with
 * sm_bubbles_result_free(). Fields may be added at the end in later versions.
 */
typedef struct sm_bubbles_result {
	/** One row per group, largest first: `group` (int64), `name` (string: the
	 * attribute value, or "community N"), `size`, `internal_weight`,
	 * `external_weight`, `ei_index`, `ei_rescaled`, `conductance`,
	 * `kind_entropy`, `kind_blau`, `top_kind`, `top_kind_share`,
	 * one `share_<kind>` column per kind present, `<attr>_entropy` and
	 * `<attr>_blau` per diversity_of attribute, `stance_mean` and
	 * `stance_sd` with a stance, `top_actors` (ids, comma-separated),
	 * `bubble` (bool) and `reason` (string: the figures and thresholds that
	 * flagged it, in words; "" when not flagged). Notes: `grouping`, `seed`,
	 * thresholds. */
	sm_table *groups;
	/** One row per actor in actor order: `id`, `group`, `group_name`,
	 * `bubble` (bool: its group is flagged), `exposure_diversity`,
	 * `share_in_group`, `share_in_kind`, with a stance `stance` and
	 * `neighbour_stance`. */
	sm_table *actors;
	/** Kind-by-kind mixing, one row per ordered pair of kinds present:
	 * `kind_a`, `kind_b`, `observed` (share of tie weight), `expected`
	 * (product of the kinds' shares of tie ends), `ratio` (observed /
	 * expected: > 1 fused, < 1 cut off). */
	sm_table *mixing;
	/** One row per attribute assessed: `attribute`, `type` ("nominal" or
	 * "numeric"), `assortativity`. Kind always; each diversity_of attribute;
	 * the stance. */
	sm_table *assortativity;
	/** With `sides`: one row per side: `side`, `size`, `starts` (actors the
	 * walks start from), `p_<side>` for every side (probability that a walk
	 * started in this side ends in that one), `score` (see docs/bubbles.md).
	 * Notes: `sides`, `walk_top`, `excluded`, `sweeps`, `residual`. NULL
	 * otherwise. */
	sm_table *controversy;
	double modularity;        /**< modularity of the grouping (resolution 1) */
	double controversy_score; /**< RWC for two sides, the mean per-side score for
	                               more; NaN without sides */
	int64_t group_count;      /**< rows of `groups` */
	int64_t bubble_count;     /**< groups flagged */
	uint64_t seed;            /**< the Leiden seed used (0 when grouped by attribute) */
} sm_bubbles_result;

/**
 * Find groups, measure them and flag the filter bubbles.
 *
 * @param[out] out  new result; free with sm_bubbles_result_free()
 * @param net   the network (frozen on first use)
 * @param opts  options, or NULL for the defaults
 * @return SM_OK, SM_ENOTFOUND (unknown attribute), SM_EINVAL (an option out
 *         of range with its value; a numeric attribute where a categorical
 *         one is needed, or the reverse; sides with fewer than two values),
 *         SM_ENOMEM or SM_ECANCELLED (see sm_error_last())
 *
 * Time: Leiden, then O(n + m) for every figure except the controversy
 * score (O(m) per walk step, iterated to convergence).
 */
SM_EXPORT int sm_bubbles(sm_bubbles_result **out, const sm_network *net,
                         const sm_bubbles_options *opts);

/** Free a result of sm_bubbles() and its tables. NULL does nothing. */
SM_EXPORT void sm_bubbles_result_free(sm_bubbles_result *result);

#ifdef __cplusplus
}
#endif

#endif
