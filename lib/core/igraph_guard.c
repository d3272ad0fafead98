/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The igraph guard (see igraph_guard.h for why and how to use it).
 *
 * igraph's handlers are process-global in Debian's build (IGRAPH_THREAD_SAFE
 * is 0), so they are swapped only while the process-wide lock is held;
 * igraph calls made by the application itself on other threads at the
 * same moment would see our handlers — a limit documented in
 * docs/ARCHITECTURE.md. The lock is recursive so that a guarded function may
 * call another guarded function.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "core/igraph_guard.h"

static pthread_mutex_t igraph_lock;
static pthread_once_t igraph_lock_once = PTHREAD_ONCE_INIT;

/* State of the guarded call on this thread. */
static _Thread_local char igraph_message[512];
static _Thread_local char last_warning[512];
static _Thread_local const sm_igraph_guard *current;
static _Thread_local struct timespec last_poll;

static void init_lock(void)
{
	pthread_mutexattr_t attr;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&igraph_lock, &attr);
	pthread_mutexattr_destroy(&attr);
}

/* igraph calls this instead of aborting. Per igraph's contract, a handler
 * that returns must free the FINALLY stack; the failing function then
 * returns `igraph_errno` to us. */
static void error_handler(const char *reason, const char *file, int line, igraph_error_t err)
{
	(void)file;
	(void)line;
	snprintf(igraph_message, sizeof igraph_message, "%s (%s)", reason ? reason : "",
	         igraph_strerror(err));
	IGRAPH_FINALLY_FREE();
}

static void warning_handler(const char *reason, const char *file, int line)
{
	(void)file;
	(void)line;
	snprintf(last_warning, sizeof last_warning, "%s", reason ? reason : "");
}

/* igraph polls this often; ask the caller's progress callback about ten
 * times a second whether to go on. */
static igraph_error_t interruption_handler(void *data)
{
	(void)data;
	const sm_igraph_guard *g = current;
	if (!g || !g->progress)
		return IGRAPH_SUCCESS;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double elapsed = (double)(now.tv_sec - last_poll.tv_sec) +
	                 (double)(now.tv_nsec - last_poll.tv_nsec) * 1e-9;
	if (elapsed < 0.1)
		return IGRAPH_SUCCESS;
	last_poll = now;
	/* igraph does not say how far it got: report the stage as begun. */
	if (g->progress(0.0, g->stage, g->user) == 0)
		return IGRAPH_SUCCESS;
	/* igraph's IGRAPH_ALLOW_INTERRUPTION returns at once without unwinding
	 * the FINALLY stack; by igraph's contract (as python-igraph's hook
	 * does) the handler frees it before saying "interrupted". */
	IGRAPH_FINALLY_FREE();
	return IGRAPH_INTERRUPTED;
}

void sm_igraph_enter(sm_igraph_guard *g, sm_progress_fn progress, void *user, const char *stage)
{
	pthread_once(&igraph_lock_once, init_lock);
	pthread_mutex_lock(&igraph_lock);
	g->progress = progress;
	g->user = user;
	g->stage = stage ? stage : "igraph";
	g->old_error = igraph_set_error_handler(error_handler);
	g->old_warning = igraph_set_warning_handler(warning_handler);
	g->old_interrupt = igraph_set_interruption_handler(interruption_handler);
	g->outer = current;
	current = g;
	igraph_message[0] = '\0';
	last_poll.tv_sec = 0; /* the first poll asks at once */
	last_poll.tv_nsec = 0;
}

static int map_status(igraph_error_t rc)
{
	switch (rc) {
	case IGRAPH_SUCCESS: return SM_OK;
	case IGRAPH_ENOMEM: return SM_ENOMEM;
	case IGRAPH_INTERRUPTED: return SM_ECANCELLED;
	case IGRAPH_PARSEERROR: return SM_EPARSE;
	case IGRAPH_EFILE: return SM_EIO;
	case IGRAPH_EINVAL:
	case IGRAPH_EINVVID:
	case IGRAPH_EINVMODE:
	case IGRAPH_NONSQUARE:
	case IGRAPH_EINVEVECTOR:
	case IGRAPH_ENEGLOOP:
	case IGRAPH_EDIVZERO:
	case IGRAPH_EOVERFLOW:
	case IGRAPH_ERANGE:
	case IGRAPH_EUNDERFLOW:
		return SM_EINVAL;
	default:
		return SM_EINTERNAL;
	}
}

int sm_igraph_leave(sm_igraph_guard *g, igraph_error_t rc, const char *what)
{
	igraph_set_error_handler(g->old_error);
	igraph_set_warning_handler(g->old_warning);
	igraph_set_interruption_handler(g->old_interrupt);
	current = g->outer;
	int code = map_status(rc);
	if (code != SM_OK) {
		const char *detail = igraph_message[0] ? igraph_message : igraph_strerror(rc);
		if (code == SM_ECANCELLED)
			sm_fail(code, "%s: cancelled by the progress callback", what);
		else
			sm_fail(code, "%s: igraph: %s", what, detail);
	}
	pthread_mutex_unlock(&igraph_lock);
	return code;
}

const char *sm_igraph_last_warning(void)
{
	return last_warning;
}

void sm_igraph_seed(uint64_t seed)
{
	igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
}
