/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * load_stakemap: time loading a CSV-pair folder and freezing it.
 *
 *   load_stakemap DIR
 *
 * sm_network_load(DIR) (actors.csv + relationships.csv, undirected), then
 * sm_network_freeze() (the CSR adjacency every analysis uses). Prints one line
 * of JSON: tool, seconds (load + freeze, wall clock), load_s, freeze_s, cpu_s
 * (user + system CPU seconds of the load and freeze), peak_rss_mb
 * (getrusage ru_maxrss of this process), actors, relationships.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include <stakemap.h>

#include "bench_util.h"

static int fail(const char *what)
{
	const sm_error *e = sm_error_last();
	fprintf(stderr, "load_stakemap: %s: %s (%s)\n", what, e->message, sm_strerror(e->code));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: load_stakemap DIR\n");
		return 2;
	}
	sm_load_options opts;
	sm_load_options_init(&opts);
	opts.format = SM_FORMAT_CSV;
	opts.directed = 0;

	sm_network *net = NULL;
	double c0 = bench_cpu_seconds();
	double t0 = bench_now();
	if (sm_network_load(&net, argv[1], &opts) != SM_OK)
		return fail("load");
	double t1 = bench_now();
	if (sm_network_freeze(net) != SM_OK)
		return fail("freeze");
	double t2 = bench_now();
	double c2 = bench_cpu_seconds();

	printf("{\"tool\":\"stakemap\",\"seconds\":%.3f,\"load_s\":%.3f,\"freeze_s\":%.3f,"
	       "\"cpu_s\":%.3f,\"peak_rss_mb\":%.1f,\"actors\":%lld,\"relationships\":%lld}\n",
	       t2 - t0, t1 - t0, t2 - t1, c2 - c0, bench_peak_rss_mb(),
	       (long long)sm_network_actor_count(net),
	       (long long)sm_network_relationship_count(net));
	sm_network_free(net);
	return 0;
}
