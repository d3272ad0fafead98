/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * sm_time: the C side of the Python-overhead benchmark (bench/python/run).
 *
 *   sm_time DATA REPEAT SAMPLES
 *
 * Loads the CSV pair in DATA REPEAT times (timing each load), then on the
 * last network: a warm-up PageRank (freezes the network), REPEAT timed
 * PageRanks, REPEAT timed sampled betweenness runs (SAMPLES sources, seed 1,
 * one thread); SAMPLES -1 skips the centrality runs. Prints one JSON object
 * with the fastest time of each, the same sequence bench.py runs through the
 * Python bindings.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include <stakemap.h>

#include "../bench_util.h"

static double run(const sm_network *net, unsigned int measures, long samples)
{
	sm_centrality_options o;
	sm_table *t = NULL;
	double t0;

	sm_centrality_options_init(&o);
	o.measures = measures;
	o.samples = samples;
	o.seed = 1;
	o.threads = 1;
	t0 = bench_now();
	if (sm_centrality(&t, net, &o) != SM_OK) {
		fprintf(stderr, "sm_time: %s\n", sm_error_last()->message);
		exit(1);
	}
	t0 = bench_now() - t0;
	sm_table_free(t);
	return t0;
}

int main(int argc, char **argv)
{
	sm_network *net = NULL;
	double load = 1e300, pagerank = 1e300, betweenness = 1e300, t;
	int repeat, k;
	long samples;

	if (argc != 4) {
		fprintf(stderr, "usage: sm_time DATA REPEAT SAMPLES\n");
		return 1;
	}
	repeat = atoi(argv[2]);
	samples = atol(argv[3]);
	for (k = 0; k < repeat; k++) {
		sm_network_free(net);
		net = NULL;
		t = bench_now();
		if (sm_network_load(&net, argv[1], NULL) != SM_OK) {
			fprintf(stderr, "sm_time: %s\n", sm_error_last()->message);
			return 1;
		}
		t = bench_now() - t;
		load = t < load ? t : load;
	}
	if (samples >= 0)
		run(net, SM_MEASURE_PAGERANK, 0);
	for (k = 0; k < repeat && samples >= 0; k++) {
		t = run(net, SM_MEASURE_PAGERANK, 0);
		pagerank = t < pagerank ? t : pagerank;
		t = run(net, SM_MEASURE_BETWEENNESS, samples);
		betweenness = t < betweenness ? t : betweenness;
	}
	printf("{\"side\": \"C\", \"load\": %.9g, \"pagerank\": %.9g, \"betweenness\": %.9g, "
	       "\"actors\": %lld, \"relationships\": %lld, \"peak_rss_mb\": %.1f}\n", load, pagerank,
	       betweenness, (long long)sm_network_actor_count(net),
	       (long long)sm_network_relationship_count(net), bench_peak_rss_mb());
	sm_network_free(net);
	return 0;
}
