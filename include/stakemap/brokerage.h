/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_BROKERAGE_H
#define STAKEMAP_BROKERAGE_H

/**
 * @file brokerage.h
 * Who connects: Burt's constraint, effective size and efficiency (weighted
 * by quality), Gould–Fernandez brokerage roles between the groups of a
 * categorical attribute, and the participation coefficient across groups.
 * Definitions and worked examples are in docs/brokerage.md.
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

/** Options of sm_brokerage(). Initialise with SM_BROKERAGE_OPTIONS_INIT or
 * sm_brokerage_options_init(); a NULL options pointer means the defaults. */
typedef struct sm_brokerage_options {
	unsigned int version; /**< SM_BROKERAGE_OPTIONS_VERSION */
	const char *by;       /**< categorical actor attribute for the Gould–Fernandez roles:
	                           "kind" (default, NULL) or any text/boolean attribute */
	const char *groups;   /**< grouping for the participation coefficient: NULL = same as `by` */
	bool weighted;        /**< constraint and effective size weighted by quality (default true) */
	sm_combine combine;   /**< multi-relationships (default: highest quality) */
	sm_progress_fn progress; /**< optional progress callback */
	void *progress_user;  /**< passed to progress */
} sm_brokerage_options;

#define SM_BROKERAGE_OPTIONS_VERSION 1
#define SM_BROKERAGE_OPTIONS_INIT                                                           \
	{ SM_BROKERAGE_OPTIONS_VERSION, NULL, NULL, true, SM_COMBINE_MAX, NULL, NULL }

/** Fill `opts` with the defaults. */
SM_EXPORT void sm_brokerage_options_init(sm_brokerage_options *opts);

/**
 * Brokerage figures for every actor.
 *
 * @param[out] out  new table, one row per actor in actor order: `id`, `group`
 *                  (the actor's value of `by`), `constraint`, `effective_size`,
 *                  `efficiency` (double; NaN for actors without contacts, as
 *                  NetworkX), `coordinator`, `itinerant`, `gatekeeper`,
 *                  `representative`, `liaison`, `brokerage` (int64 counts of
 *                  brokered two-paths, total), `participation` (double);
 *                  free with sm_table_free()
 * @return SM_OK, SM_ENOTFOUND (unknown attribute), SM_EINVAL (numeric
 *         attribute where a categorical one is needed), SM_ENOMEM or
 *         SM_ECANCELLED
 *
 * Undirected relationships count as two directed ties for the roles
 * (a–b–c is brokered both ways): see docs/brokerage.md.
 * Time: O(Σ deg²) for constraint and roles; O(m) for participation.
 */
SM_EXPORT int sm_brokerage(sm_table **out, const sm_network *net,
                           const sm_brokerage_options *opts);

#ifdef __cplusplus
}
#endif

#endif
