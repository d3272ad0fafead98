/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bubbles_stakemap: time the whole sm_bubbles() on a CSV-pair folder.
 *
 *   bubbles_stakemap DIR
 *
 * Loads DIR (undirected) and freezes it (timed apart), then times
 * sm_bubbles() with the defaults: Leiden (resolution 1, seed 1, 2
 * iterations) and every figure after it (groups, actors, mixing,
 * assortativity tables). Prints one line of JSON: tool, seconds (the
 * sm_bubbles call), leiden_s and figures_s (its two parts: until the first
 * progress call of the "bubbles" stage, and after), load_s, freeze_s, groups,
 * bubbles, modularity, peak_rss_mb.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stakemap.h>

#include "../bench_util.h"

static int fail(const char *what)
{
	const sm_error *e = sm_error_last();
	fprintf(stderr, "bubbles_stakemap: %s: %s (%s)\n", what, e->message, sm_strerror(e->code));
	return 1;
}

/* Records when the "bubbles" stage (everything after Leiden) starts. */
static int on_progress(double fraction, const char *stage, void *user)
{
	double *figures_start = user;
	(void)fraction;
	if (*figures_start == 0 && strcmp(stage, "bubbles") == 0)
		*figures_start = bench_now();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bubbles_stakemap DIR\n");
		return 2;
	}
	sm_load_options lo;
	sm_load_options_init(&lo);
	lo.directed = 0;
	sm_network *net = NULL;
	double t0 = bench_now();
	if (sm_network_load(&net, argv[1], &lo) != SM_OK)
		return fail("load");
	double t1 = bench_now();
	if (sm_network_freeze(net) != SM_OK)
		return fail("freeze");
	double t2 = bench_now();
	sm_bubbles_result *r = NULL;
	sm_bubbles_options o;
	double figures_start = 0;
	sm_bubbles_options_init(&o);
	o.progress = on_progress;
	o.progress_user = &figures_start;
	if (sm_bubbles(&r, net, &o) != SM_OK)
		return fail("bubbles");
	double t3 = bench_now();
	printf("{\"tool\": \"stakemap-bubbles\", \"seconds\": %.3f, \"leiden_s\": %.3f, "
	       "\"figures_s\": %.3f, \"load_s\": %.3f, "
	       "\"freeze_s\": %.3f, \"groups\": %lld, \"bubbles\": %lld, \"modularity\": %.6f, "
	       "\"peak_rss_mb\": %.0f}\n",
	       t3 - t2, figures_start - t2, t3 - figures_start, t1 - t0, t2 - t1,
	       (long long)r->group_count, (long long)r->bubble_count, r->modularity,
	       bench_peak_rss_mb());
	sm_bubbles_result_free(r);
	sm_network_free(net);
	return 0;
}
