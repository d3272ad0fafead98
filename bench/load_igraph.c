/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * load_igraph: time igraph C's own text loading of the benchmark edges.
 *
 *   load_igraph edgelist DIR   igraph_read_graph_edgelist(DIR/edges.txt), undirected:
 *                              integer pairs, no names and no weights (that function
 *                              reads neither) — igraph's fastest text path
 *   load_igraph ncol DIR       igraph_read_graph_ncol(DIR/edges.ncol), names and
 *                              weights kept as C attributes (what Read_Ncol does)
 *
 * Prints one line of JSON: tool, seconds (wall clock), load_s, freeze_s (0: an
 * igraph_t is indexed as it is built), cpu_s (user + system CPU seconds),
 * peak_rss_mb (getrusage ru_maxrss), actors, relationships.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <igraph.h>

#include "bench_util.h"

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "edgelist") && strcmp(argv[1], "ncol"))) {
		fprintf(stderr, "usage: load_igraph edgelist|ncol DIR\n");
		return 2;
	}
	int ncol = strcmp(argv[1], "ncol") == 0;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", argv[2], ncol ? "edges.ncol" : "edges.txt");

	if (ncol)
		igraph_set_attribute_table(&igraph_cattribute_table);

	double c0 = bench_cpu_seconds();
	double t0 = bench_now();
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	igraph_t g;
	igraph_error_t rc = ncol ? igraph_read_graph_ncol(&g, f, NULL, 1, IGRAPH_ADD_WEIGHTS_YES, 0)
	                         : igraph_read_graph_edgelist(&g, f, 0, 0);
	fclose(f);
	double t1 = bench_now();
	double c1 = bench_cpu_seconds();
	if (rc != IGRAPH_SUCCESS) {
		fprintf(stderr, "load_igraph: %s: %s\n", path, igraph_strerror(rc));
		return 1;
	}

	printf("{\"tool\":\"%s\",\"seconds\":%.3f,\"load_s\":%.3f,\"freeze_s\":0,"
	       "\"cpu_s\":%.3f,\"peak_rss_mb\":%.1f,\"actors\":%lld,\"relationships\":%lld}\n",
	       ncol ? "igraph-c-ncol" : "igraph-c", t1 - t0, t1 - t0, c1 - c0,
	       bench_peak_rss_mb(),
	       (long long)igraph_vcount(&g), (long long)igraph_ecount(&g));
	igraph_destroy(&g);
	return 0;
}
