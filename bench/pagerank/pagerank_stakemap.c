/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * pagerank_stakemap: time stakemap's PageRank on a CSV-pair folder.
 *
 *   pagerank_stakemap DIR THREADS [RANKS.bin]
 *
 * Loads DIR (undirected), freezes it (the CSR every analysis shares; timed
 * apart), then times sm_centrality() with the PageRank measure alone:
 * damping 0.85, multi-relationships combined by SUM (so that the graph is
 * the one igraph and graph-tool see, parallel edges adding up), THREADS
 * worker threads. The call includes building the combined graph and the
 * power iteration to an L1 change below 1e-13. Prints one line of JSON:
 * tool, seconds (the sm_centrality call), freeze_s, load_s, cpu_s (of the
 * call), peak_rss_mb (whole process: load, freeze and the call), actors,
 * relationships. With RANKS.bin, writes the ranks as doubles in actor order.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <stakemap.h>

#include "../bench_util.h"

static int fail(const char *what)
{
	const sm_error *e = sm_error_last();
	fprintf(stderr, "pagerank_stakemap: %s: %s (%s)\n", what, e->message, sm_strerror(e->code));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: pagerank_stakemap DIR THREADS [RANKS.bin]\n");
		return 2;
	}
	sm_load_options lo;
	sm_load_options_init(&lo);
	lo.format = SM_FORMAT_CSV;
	lo.directed = 0;

	sm_network *net = NULL;
	double t0 = bench_now();
	if (sm_network_load(&net, argv[1], &lo) != SM_OK)
		return fail("load");
	double t1 = bench_now();
	if (sm_network_freeze(net) != SM_OK)
		return fail("freeze");
	double t2 = bench_now();

	sm_centrality_options co;
	sm_centrality_options_init(&co);
	co.measures = SM_MEASURE_PAGERANK;
	co.combine = SM_COMBINE_SUM;
	co.threads = atoi(argv[2]);
	sm_table *t = NULL;
	double c3 = bench_cpu_seconds(), t3 = bench_now();
	if (sm_centrality(&t, net, &co) != SM_OK)
		return fail("pagerank");
	double t4 = bench_now(), c4 = bench_cpu_seconds();

	if (argc == 4) {
		size_t n = 0;
		const double *pr = sm_table_column_double(t, "pagerank", &n);
		FILE *f = fopen(argv[3], "wb");
		if (!f || fwrite(pr, sizeof *pr, n, f) != n || fclose(f) != 0) {
			fprintf(stderr, "pagerank_stakemap: cannot write %s\n", argv[3]);
			return 1;
		}
	}
	printf("{\"tool\":\"stakemap\",\"threads\":%d,\"seconds\":%.3f,\"freeze_s\":%.3f,"
	       "\"load_s\":%.3f,\"cpu_s\":%.3f,\"peak_rss_mb\":%.1f,\"actors\":%lld,"
	       "\"relationships\":%lld}\n",
	       co.threads, t4 - t3, t2 - t1, t1 - t0, c4 - c3, bench_peak_rss_mb(),
	       (long long)sm_network_actor_count(net),
	       (long long)sm_network_relationship_count(net));
	sm_table_free(t);
	sm_network_free(net);
	return 0;
}
