/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/core.h"
#include "core/progress.h"

/* Units of work between two calls: ⌈total / 100⌉, so a stage makes at most
 * 100 calls between its first and its last (total / 100 rounded down gave
 * up to 199 for totals just under 200). */
static int64_t progress_stride(int64_t total)
{
	return (total + 99) / 100;
}

static int call(sm_progress *p, double fraction)
{
	if (!p->fn || p->cancelled)
		return p->cancelled ? SM_ECANCELLED : SM_OK;
	if (p->fn(fraction, p->stage, p->user) != 0) {
		p->cancelled = 1;
		return sm_fail(SM_ECANCELLED, "%s: cancelled by the progress callback", p->stage);
	}
	return SM_OK;
}

int sm_progress_begin(sm_progress *p, sm_progress_fn fn, void *user, const char *stage,
                      int64_t total)
{
	p->fn = fn;
	p->user = user;
	p->stage = stage;
	p->total = total > 0 ? total : 1;
	p->next = progress_stride(p->total);
	p->cancelled = 0;
	return call(p, 0.0);
}

int sm_progress_step(sm_progress *p, int64_t done)
{
	if (done < p->next)
		return p->cancelled ? SM_ECANCELLED : SM_OK;
	p->next = done + progress_stride(p->total);
	return call(p, (double)done / (double)p->total);
}

int sm_progress_end(sm_progress *p)
{
	return call(p, 1.0);
}
