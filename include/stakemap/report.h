/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_REPORT_H
#define STAKEMAP_REPORT_H

/**
 * @file report.h
 * See the map: a layout of the actors in the plane and one self-contained
 * HTML report (inline SVG map, legend, summary, top actors, bubbles and —
 * with a focal set — the gap study; no external requests). Described in
 * docs/report.md.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stakemap/common.h"
#include "stakemap/network.h"
#include "stakemap/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Layout algorithms. */
typedef enum sm_layout_algorithm {
	SM_LAYOUT_AUTO = 0, /**< Fruchterman–Reingold (SM_LAYOUT_FR) at every size: with
	                         igraph's grid above 1,000 actors it is the fastest here */
	SM_LAYOUT_FR,       /**< igraph's Fruchterman–Reingold, weighted by quality; its
	                         grid variant above 1,000 actors (O(n + m) a step) */
	SM_LAYOUT_DRL       /**< igraph's DrL: a different picture of large maps, but a fixed
	                         cost of about 650 MB and seconds (its 1000 × 1000 density
	                         grid), so never chosen automatically; see docs/report.md */
} sm_layout_algorithm;

/** Options of sm_layout(). Initialise with SM_LAYOUT_OPTIONS_INIT or
 * sm_layout_options_init(); a NULL options pointer means the defaults. */
typedef struct sm_layout_options {
	unsigned int version;          /**< SM_LAYOUT_OPTIONS_VERSION */
	sm_layout_algorithm algorithm; /**< default SM_LAYOUT_AUTO */
	uint64_t seed;                 /**< default 1; the table notes the seed used */
	int64_t iterations;            /**< 0 = the algorithm's default */
	sm_progress_fn progress;       /**< optional progress callback */
	void *progress_user;           /**< passed to progress */
} sm_layout_options;

#define SM_LAYOUT_OPTIONS_VERSION 1
#define SM_LAYOUT_OPTIONS_INIT { SM_LAYOUT_OPTIONS_VERSION, SM_LAYOUT_AUTO, 1, 0, NULL, NULL }

/** Fill `opts` with the defaults. */
SM_EXPORT void sm_layout_options_init(sm_layout_options *opts);

/**
 * Place every actor in the plane.
 *
 * @param[out] out  new table, one row per actor in actor order: `id`, `x`,
 *                  `y` (doubles, scaled into [0, 1] × [0, 1]); notes
 *                  `algorithm` and `seed`; free with sm_table_free()
 * @return SM_OK, SM_EINVAL (an option out of range), SM_ENOMEM or SM_ECANCELLED
 * The same seed gives the same layout. Isolated actors are placed too.
 */
SM_EXPORT int sm_layout(sm_table **out, const sm_network *net, const sm_layout_options *opts);

/** Options of sm_report_write(). Initialise with SM_REPORT_OPTIONS_INIT or
 * sm_report_options_init(); a NULL options pointer means the defaults. */
typedef struct sm_report_options {
	unsigned int version;   /**< SM_REPORT_OPTIONS_VERSION */
	const char *title;      /**< page title; NULL = the file name of the network or "stakemap report" */
	const char *focal;      /**< selection expression of the focal set: adds the gap study
	                             and highlights the focal set and recommended contacts;
	                             NULL = no gap study */
	const char *colour_by;  /**< "kind" (default, NULL), "community" or a categorical attribute */
	const char *size_by;    /**< centrality measure sizing the nodes (default "pagerank") */
	const char *target_by;  /**< gap study target attributes (default "kind") */
	int64_t top;            /**< rows in the top-actor tables (default 10) */
	int64_t max_actors;     /**< maps with more actors are drawn one node per community
	                             (default 2,000) */
	uint64_t seed;          /**< seed for the layout and communities (default 1) */
	sm_progress_fn progress;/**< optional progress callback */
	void *progress_user;    /**< passed to progress */
} sm_report_options;

#define SM_REPORT_OPTIONS_VERSION 1
#define SM_REPORT_OPTIONS_INIT                                                              \
	{ SM_REPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 10, 2000, 1, NULL, NULL }

/** Fill `opts` with the defaults. */
SM_EXPORT void sm_report_options_init(sm_report_options *opts);

/**
 * Write the HTML report of `net` to `path`, atomically (the old file, if
 * any, is kept on error).
 *
 * @return SM_OK, SM_EIO (names the path), SM_EPARSE / SM_ENOTFOUND /
 *         SM_EINVAL (a bad focal expression or option, as sm_select() and
 *         the analyses report them), SM_ENOMEM or SM_ECANCELLED
 * Every string from the data is HTML-escaped.
 */
SM_EXPORT int sm_report_write(const sm_network *net, const char *path,
                              const sm_report_options *opts);

/**
 * The same report in memory.
 * @param[out] html  new NUL-terminated text; free with sm_free()
 * @param[out] size  its length in bytes (may be NULL)
 */
SM_EXPORT int sm_report_html(char **html, size_t *size, const sm_network *net,
                             const sm_report_options *opts);

#ifdef __cplusplus
}
#endif

#endif
