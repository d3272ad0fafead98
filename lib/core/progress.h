/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Throttled progress reporting: calls the user's sm_progress_fn at most
 * ~100 times per stage and turns a non-zero answer into SM_ECANCELLED.
 */
#ifndef SM_LIB_PROGRESS_H
#define SM_LIB_PROGRESS_H

#include <stdint.h>

#include "stakemap/common.h"

typedef struct sm_progress {
	sm_progress_fn fn;
	void *user;
	const char *stage;
	int64_t total;
	int64_t next; /* done count at which to call next */
	int cancelled;
} sm_progress;

/* Start a stage of `total` steps (calls fn with 0.0). SM_OK or SM_ECANCELLED. */
int sm_progress_begin(sm_progress *p, sm_progress_fn fn, void *user, const char *stage,
                      int64_t total);
/* Report `done` steps; cheap when no call is due. SM_OK or SM_ECANCELLED (last error set). */
int sm_progress_step(sm_progress *p, int64_t done);
/* End the stage (calls fn with 1.0). SM_OK or SM_ECANCELLED. */
int sm_progress_end(sm_progress *p);

#endif
