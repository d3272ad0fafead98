/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * leiden_igraph: time igraph's Leiden alone, with the parameters sm_bubbles
 * uses, on the relationships of a bench data folder.
 *
 *   leiden_igraph DIR
 *
 * Reads DIR/edges.ncol ("actor_<i> actor_<j> quality", written by
 * bench/gen_edges.c), makes the simple undirected graph stakemap analyses
 * (a pair once, multi-relationships combined by the highest quality), and
 * times igraph_community_leiden(): modularity objective (node weights = the
 * strengths, resolution 1 / 2W), beta 0.01, 2 iterations, seed 1 — what
 * sm_communities() passes. Only that call is timed (reading and building
 * the graph are not). Prints one line of JSON: tool, seconds, communities,
 * actors, pairs.
 */
#define _POSIX_C_SOURCE 200809L
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bench_util.h"

typedef struct pair {
	int64_t a, b;
	double q;
} pair;

static int by_pair(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: leiden_igraph DIR\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/edges.ncol", argv[1]);
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	size_t cap = 1 << 20, m = 0;
	pair *e = malloc(cap * sizeof *e);
	int64_t n = 0;
	long long a, b;
	double q;
	while (fscanf(f, " actor_%lld actor_%lld %lf", &a, &b, &q) == 3) {
		if (m == cap)
			e = realloc(e, (cap *= 2) * sizeof *e);
		if (!e)
			return 1;
		e[m++] = (pair){ a < b ? a : b, a < b ? b : a, q };
		if (a + 1 > n)
			n = a + 1;
		if (b + 1 > n)
			n = b + 1;
	}
	fclose(f);
	qsort(e, m, sizeof *e, by_pair);
	size_t k = 0;
	for (size_t i = 0; i < m; i++) {
		if (k > 0 && e[k - 1].a == e[i].a && e[k - 1].b == e[i].b) {
			if (e[i].q > e[k - 1].q)
				e[k - 1].q = e[i].q;
		} else {
			e[k++] = e[i];
		}
	}
	igraph_vector_int_t edges;
	igraph_vector_t weights, strength;
	igraph_vector_int_t memb;
	igraph_vector_int_init(&edges, (igraph_integer_t)(2 * k));
	igraph_vector_init(&weights, (igraph_integer_t)k);
	igraph_vector_init(&strength, (igraph_integer_t)n);
	igraph_vector_int_init(&memb, (igraph_integer_t)n);
	double total = 0;
	for (size_t i = 0; i < k; i++) {
		VECTOR(edges)[2 * i] = e[i].a;
		VECTOR(edges)[2 * i + 1] = e[i].b;
		VECTOR(weights)[i] = e[i].q;
		VECTOR(strength)[e[i].a] += e[i].q;
		VECTOR(strength)[e[i].b] += e[i].q;
		total += 2 * e[i].q;
	}
	free(e);
	igraph_t g;
	igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED);
	igraph_rng_seed(igraph_rng_default(), 1);
	igraph_integer_t clusters = 0;
	double t0 = bench_now();
	igraph_community_leiden(&g, &weights, &strength, 1.0 / total, 0.01, false, 2, &memb,
	                        &clusters, NULL);
	double secs = bench_now() - t0;
	printf("{\"tool\": \"igraph-leiden\", \"seconds\": %.3f, \"communities\": %lld, "
	       "\"actors\": %lld, \"pairs\": %zu}\n",
	       secs, (long long)clusters, (long long)n, k);
	igraph_destroy(&g);
	igraph_vector_int_destroy(&edges);
	igraph_vector_destroy(&weights);
	igraph_vector_destroy(&strength);
	igraph_vector_int_destroy(&memb);
	return 0;
}
