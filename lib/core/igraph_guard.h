/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The igraph guard. Debian's igraph is built without thread safety and its
 * default error handler aborts the process. Every igraph call of the
 * library runs between sm_igraph_enter() and sm_igraph_leave():
 *   - one process-wide mutex serialises igraph use;
 *   - our error handler (records igraph's message, frees igraph's FINALLY
 *     stack, returns), warning handler (keeps the last warning) and
 *     interruption handler (polls the caller's progress callback) are
 *     installed, and the caller's own handlers restored on leave;
 *   - igraph's status is mapped to an SM_E* code with igraph's message kept
 *     in the last error.
 * Usage:
 *     sm_igraph_enter(&g, progress_fn, user, "leiden");
 *     igraph_error_t rc = igraph_something(...);
 *     return sm_igraph_leave(&g, rc, "community detection");
 */
#ifndef SM_LIB_IGRAPH_GUARD_H
#define SM_LIB_IGRAPH_GUARD_H

#include <igraph.h>
#include <stdint.h>

#include "stakemap/common.h"

typedef struct sm_igraph_guard {
	igraph_error_handler_t *old_error;
	igraph_warning_handler_t *old_warning;
	igraph_interruption_handler_t *old_interrupt;
	sm_progress_fn progress;
	void *user;
	const char *stage;
	const struct sm_igraph_guard *outer; /* enclosing guard on this thread */
} sm_igraph_guard;

/* Lock igraph and install our handlers. Always succeeds. */
void sm_igraph_enter(sm_igraph_guard *g, sm_progress_fn progress, void *user, const char *stage);
/* Restore the caller's handlers and unlock. Maps rc: IGRAPH_SUCCESS → SM_OK;
 * IGRAPH_ENOMEM → SM_ENOMEM; IGRAPH_INTERRUPTED → SM_ECANCELLED; IGRAPH_EINVAL
 * and friends → SM_EINVAL; anything else → SM_EINTERNAL. On error the last
 * error reads "<what>: <igraph's message>". */
int sm_igraph_leave(sm_igraph_guard *g, igraph_error_t rc, const char *what);
/* The last igraph warning recorded on this thread ("" if none). */
const char *sm_igraph_last_warning(void);
/* Seed igraph's default RNG; only between enter and leave. */
void sm_igraph_seed(uint64_t seed);

#endif
