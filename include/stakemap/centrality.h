/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_CENTRALITY_H
#define STAKEMAP_CENTRALITY_H

/**
 * @file centrality.h
 * Who matters: degree, strength, betweenness, closeness, harmonic,
 * eigenvector, PageRank, hub and authority — one table, one column per
 * measure. Definitions, normalisations and every place they differ from
 * NetworkX are in docs/centrality.md.
 *
 * **Quality is a strength, not a distance.** Strength-based measures
 * (strength, eigenvector, PageRank, hub/authority) use the quality q as the
 * weight. Path-based measures (betweenness, closeness, harmonic) walk
 * distances derived from q by `distance`: SM_DIST_INVERSE d = 1/q (default),
 * SM_DIST_LOG d = 1 − ln q, SM_DIST_HOPS d = 1.
 *
 * Multi-relationships between the same pair are first combined into one
 * relationship by `combine` (default: the highest quality).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stakemap/common.h"
#include "stakemap/network.h"
#include "stakemap/select.h"
#include "stakemap/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Centrality measures, as bits of sm_centrality_options.measures. */
typedef enum sm_measure {
	SM_MEASURE_DEGREE = 1u << 0,      /**< number of distinct contacts */
	SM_MEASURE_STRENGTH = 1u << 1,    /**< sum of qualities */
	SM_MEASURE_BETWEENNESS = 1u << 2, /**< share of shortest paths through the actor */
	SM_MEASURE_CLOSENESS = 1u << 3,   /**< inverse mean distance (Wasserman–Faust) */
	SM_MEASURE_HARMONIC = 1u << 4,    /**< sum of inverse distances */
	SM_MEASURE_EIGENVECTOR = 1u << 5, /**< leading eigenvector of the quality matrix */
	SM_MEASURE_PAGERANK = 1u << 6,    /**< PageRank with damping */
	SM_MEASURE_HUB = 1u << 7,         /**< HITS hub score (directed) */
	SM_MEASURE_AUTHORITY = 1u << 8,   /**< HITS authority score (directed) */
	SM_MEASURE_ALL = (1u << 9) - 1
} sm_measure;

/** How path-based measures turn a quality q into a distance. */
typedef enum sm_distance {
	SM_DIST_INVERSE = 0, /**< d = 1/q: the usual SNA convention */
	SM_DIST_LOG,         /**< d = 1 − ln q: path strength as a product of qualities, plus one a hop */
	SM_DIST_HOPS         /**< d = 1: qualities ignored on paths */
} sm_distance;

/** How several relationships between one pair are combined into one. */
typedef enum sm_combine {
	SM_COMBINE_MAX = 0, /**< the highest quality (default) */
	SM_COMBINE_SUM,     /**< the sum of qualities (may exceed 1) */
	SM_COMBINE_MEAN     /**< the mean quality */
} sm_combine;

/** Which relationships count on directed networks (ignored on undirected ones). */
typedef enum sm_mode {
	SM_MODE_DEFAULT = 0, /**< NetworkX's default for each measure: degree and strength count
	                          in + out, closeness and harmonic use distances *to* the actor,
	                          betweenness directed paths, eigenvector incoming relationships,
	                          PageRank and HITS the direction as it is */
	SM_MODE_OUT,         /**< outgoing: degree/strength out, distances *from* the actor */
	SM_MODE_IN,          /**< incoming: degree/strength in, distances *to* the actor */
	SM_MODE_UNDIRECTED   /**< every relationship both ways */
} sm_mode;

/** Options of sm_centrality(). Initialise with SM_CENTRALITY_OPTIONS_INIT or
 * sm_centrality_options_init(); a NULL options pointer means the defaults. */
typedef struct sm_centrality_options {
	unsigned int version;   /**< SM_CENTRALITY_OPTIONS_VERSION */
	unsigned int measures;  /**< bits of sm_measure; 0 = degree, strength and PageRank */
	bool weighted;          /**< use qualities (default); false: every relationship counts 1 */
	sm_distance distance;   /**< for betweenness, closeness, harmonic */
	sm_combine combine;     /**< multi-relationships */
	bool normalized;        /**< normalise as NetworkX does (default true) */
	sm_mode mode;           /**< directed networks: which relationships count (see sm_mode) */
	double damping;         /**< PageRank damping, in [0, 1); default 0.85 */
	double cutoff;          /**< betweenness: only paths of length ≤ cutoff (in distance
	                             units); 0 = no cutoff; negative is an error */
	int64_t samples;        /**< betweenness from this many sampled sources; 0 = exact */
	uint64_t seed;          /**< seed for sampling; the table notes the seed used */
	int threads;            /**< worker threads for betweenness/closeness/harmonic; 0 = all cores */
	sm_progress_fn progress;/**< optional progress callback */
	void *progress_user;    /**< passed to progress */
} sm_centrality_options;

#define SM_CENTRALITY_OPTIONS_VERSION 1
#define SM_CENTRALITY_OPTIONS_INIT                                                          \
	{ SM_CENTRALITY_OPTIONS_VERSION, 0, true, SM_DIST_INVERSE, SM_COMBINE_MAX, true,       \
	  SM_MODE_DEFAULT, 0.85, 0.0, 0, 0, 0, NULL, NULL }

/** Fill `opts` with the defaults. */
SM_EXPORT void sm_centrality_options_init(sm_centrality_options *opts);

/**
 * Compute centrality measures for every actor.
 *
 * @param[out] out  new table, one row per actor in actor order: `id`, then
 *                  one double column per requested measure, named as
 *                  sm_measure_name() (degree and strength are doubles too, so
 *                  they can be normalised); free with sm_table_free()
 * @param net   the network (frozen on first use)
 * @param opts  options, or NULL for degree, strength and PageRank
 * @return SM_OK, SM_EINVAL (an option out of range, with its value),
 *         SM_ENOMEM or SM_ECANCELLED (see sm_error_last())
 *
 * Path-based measures use distance 1/q by default (opts->distance).
 * Time: O(n·m + n² log n) for weighted betweenness, closeness and harmonic
 * (shared traversal, parallel over sources); O(m) per PageRank, eigenvector
 * or HITS iteration.
 */
SM_EXPORT int sm_centrality(sm_table **out, const sm_network *net,
                            const sm_centrality_options *opts);

/**
 * Parse a comma-separated list of measure names ("betweenness,pagerank").
 * Names are those of sm_measure_name(); "all" selects every measure.
 * @param[out] out  the bits
 * @return SM_OK or SM_EINVAL naming the unknown measure and listing the known ones
 */
SM_EXPORT int sm_measure_parse(unsigned int *out, const char *list);

/** Column name of one measure bit ("betweenness"); NULL for anything else. Static storage. */
SM_EXPORT const char *sm_measure_name(sm_measure measure);

#ifdef __cplusplus
}
#endif

#endif
