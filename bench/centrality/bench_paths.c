/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bench_paths: the shared shortest-path traversal (lib/analysis/traversal.c)
 * against igraph C on the same graph, in the same process.
 *
 *   bench_paths DIR [--runs LIST] [--sources K] [--directed]
 *
 * DIR is a CSV pair (bench/gen_edges writes one). It is loaded, combined into
 * the simple graph the analyses use (multi-relationships: highest quality),
 * and handed to sm_paths() and, as an igraph_t with weights = distances 1/q,
 * to igraph. LIST is comma-separated, from
 *   sm-bc1 sm-bc2 sm-cl1 sm-cl2 sm-hm1 sm-hm2 sm-bfs1 sm-bfs2 sm-all1 sm-all2
 *   ig-bc ig-cl ig-hm ig-bfs
 * (sm = stakemap, the digit = threads; bc = weighted betweenness, cl =
 * closeness, hm = harmonic, bfs = unweighted betweenness, all = the three
 * weighted measures in one traversal); default: all of them.
 * --sources K runs every operation from K sources only (stakemap: K sampled
 * with seed 0; igraph: the same K through igraph_betweenness_subset / vids)
 * — for memory or quick timing runs.
 *
 * Prints one line of JSON a run (op, seconds, cpu_s) and, when both sides ran,
 * a comparison line with the speed-up and the largest relative difference;
 * the last line is a summary. Exit status: 0, 1 on error, 3 if results differ
 * by more than 1e-9 relative.
 */
#define _POSIX_C_SOURCE 200809L
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/graph.h"
#include "analysis/traversal.h"
#include <stakemap.h>

#include "../bench_util.h"

static const char *runs = "sm-bc1,sm-bc2,sm-cl1,sm-cl2,sm-hm1,sm-hm2,sm-bfs1,sm-bfs2,sm-all1,"
                          "sm-all2,ig-bc,ig-cl,ig-hm,ig-bfs";

static int wants(const char *name)
{
	size_t len = strlen(name);
	for (const char *p = runs; (p = strstr(p, name)) != NULL; p += len)
		if ((p == runs || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

static int64_t n_sources; /* 0 = all */

/* Results kept for the comparison. */
static double *sm_bc, *sm_cl, *sm_hm, *sm_bfs, *ig_bc, *ig_cl, *ig_hm, *ig_bfs;
static double t_sm[4][2], t_ig[4]; /* [bc, cl, hm, bfs][threads 1, 2] */
static double t_all[2];          /* the three weighted measures in one traversal */
static double c_sm[4], c_ig[4];  /* CPU seconds: stakemap 1 thread, igraph */

static void report(const char *op, double secs, double cpu)
{
	printf("{\"op\":\"%s\",\"seconds\":%.3f,\"cpu_s\":%.3f,\"peak_rss_mb\":%.1f}\n", op, secs,
	       cpu, bench_peak_rss_mb());
	fflush(stdout);
}

static double *copy(const double *a, int64_t n)
{
	double *c = malloc((size_t)n * sizeof *c);
	memcpy(c, a, (size_t)n * sizeof *c);
	return c;
}

static int run_sm(const sm_graph *g, const char *op, int what, int threads)
{
	sm_paths_options o;
	memset(&o, 0, sizeof o);
	o.distance = what == 3 ? SM_DIST_HOPS : SM_DIST_INVERSE;
	o.threads = threads;
	o.betweenness = what == 0 || what == 3 || what == 4;
	o.closeness = what == 1 || what == 4;
	o.harmonic = what == 2 || what == 4;
	o.samples = n_sources;
	o.reverse = what == 1 || what == 2 || what == 4; /* closeness: distances TO the actor */
	sm_paths_result r;
	double c0 = bench_cpu_seconds(), t0 = bench_now();
	int rc = sm_paths(&r, g, &o);
	double t = bench_now() - t0, c = bench_cpu_seconds() - c0;
	if (rc) {
		fprintf(stderr, "bench_paths: %s: %s\n", op, sm_error_last()->message);
		return 1;
	}
	report(op, t, c);
	int slot = threads == 1 ? 0 : 1;
	if (what == 4) {
		t_all[slot] = t;
	} else {
		t_sm[what][slot] = t;
		if (threads == 1)
			c_sm[what] = c;
	}
	int64_t n = g->n;
	double half = g->directed ? 1.0 : 0.5;
	if (r.betweenness && !sm_bc && what != 3) {
		sm_bc = copy(r.betweenness, n);
		for (int64_t v = 0; v < n; v++)
			sm_bc[v] *= half;
	}
	if (r.betweenness && what == 3 && !sm_bfs) {
		sm_bfs = copy(r.betweenness, n);
		for (int64_t v = 0; v < n; v++)
			sm_bfs[v] *= half;
	}
	if (r.distance_sum && !sm_cl) {
		sm_cl = malloc((size_t)n * sizeof *sm_cl);
		for (int64_t v = 0; v < n; v++)
			sm_cl[v] = r.reached[v] ? 1.0 / r.distance_sum[v] : NAN;
	}
	if (r.harmonic && !sm_hm)
		sm_hm = copy(r.harmonic, n);
	sm_paths_result_dispose(&r);
	return 0;
}

/* Largest relative difference over the actors both computed (NaN = none reached). */
static double max_rel(const double *a, const double *b, int64_t n)
{
	double worst = 0;
	for (int64_t v = 0; v < n; v++) {
		if (isnan(a[v]) && isnan(b[v]))
			continue;
		double d = fabs(a[v] - b[v]), s = fmax(fabs(a[v]), fabs(b[v]));
		double rel = s > 0 ? d / s : d;
		if (!(rel <= worst))
			worst = rel;
	}
	return worst;
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	int directed = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = argv[++i];
		else if (!strcmp(argv[i], "--sources") && i + 1 < argc)
			n_sources = atoll(argv[++i]);
		else if (!strcmp(argv[i], "--directed"))
			directed = 1;
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "usage: bench_paths DIR [--runs LIST] [--sources K] [--directed]\n");
			return 1;
		}
	}
	if (!dir) {
		fprintf(stderr, "usage: bench_paths DIR [--runs LIST] [--sources K] [--directed]\n");
		return 1;
	}
	igraph_set_warning_handler(igraph_warning_handler_ignore);

	sm_load_options lo;
	sm_load_options_init(&lo);
	lo.format = SM_FORMAT_CSV;
	lo.directed = directed;
	sm_network *net = NULL;
	double t0 = bench_now();
	if (sm_network_load(&net, dir, &lo)) {
		fprintf(stderr, "bench_paths: load: %s\n", sm_error_last()->message);
		return 1;
	}
	sm_graph g;
	if (sm_graph_build(&g, net, SM_COMBINE_MAX, true)) {
		fprintf(stderr, "bench_paths: graph: %s\n", sm_error_last()->message);
		return 1;
	}
	int64_t n = g.n, entries = g.out.offsets[n];
	printf("{\"graph\":\"%s\",\"actors\":%lld,\"relationships\":%lld,\"pairs\":%lld,"
	       "\"directed\":%s,\"load_s\":%.3f,\"sources\":%lld,\"peak_rss_mb\":%.1f}\n",
	       dir, (long long)n, (long long)sm_network_relationship_count(net),
	       (long long)(directed ? entries : entries / 2), directed ? "true" : "false",
	       bench_now() - t0, (long long)(n_sources ? n_sources : n), bench_peak_rss_mb());
	fflush(stdout);

	/* stakemap. With --sources K the traversal samples K sources with seed 0;
	 * igraph then gets the very same sources (recovered below). Closeness and
	 * harmonic use distances TO each actor (reverse), as NetworkX does. */
	static const char *names[] = { "bc", "cl", "hm", "bfs", "all" };
	for (int what = 0; what < 5; what++)
		for (int threads = 1; threads <= 2; threads++) {
			char op[16];
			snprintf(op, sizeof op, "sm-%s%d", names[what], threads);
			if (wants(op) && run_sm(&g, op, what, threads))
				return 1;
		}

	/* igraph: the same simple graph, weights = 1/q. */
	igraph_t ig;
	igraph_vector_int_t edges;
	igraph_vector_t w, res;
	igraph_vector_int_init(&edges, 0);
	igraph_vector_init(&w, 0);
	igraph_vector_init(&res, 0);
	for (int64_t v = 0; v < n; v++)
		for (int64_t e = g.out.offsets[v]; e < g.out.offsets[v + 1]; e++) {
			int32_t u = g.out.nbr[e];
			if (!directed && u < v)
				continue;
			igraph_vector_int_push_back(&edges, v);
			igraph_vector_int_push_back(&edges, u);
			igraph_vector_push_back(&w, 1.0 / g.out.q[e]);
		}
	igraph_create(&ig, &edges, (igraph_integer_t)n, directed);
	igraph_vector_int_destroy(&edges);

	/* Sources for --sources: the ones sm_paths samples (seed 0). */
	igraph_vs_t src = igraph_vss_all();
	igraph_vector_int_t srcv;
	igraph_vector_int_init(&srcv, 0);
	if (n_sources) {
		sm_paths_options o;
		memset(&o, 0, sizeof o);
		o.distance = SM_DIST_HOPS;
		o.closeness = true;
		o.samples = n_sources;
		o.threads = 1;
		sm_paths_result r;
		if (sm_paths(&r, &g, &o))
			return 1;
		/* the sampled sources are those with a search; isolated ones add nothing */
		for (int64_t v = 0; v < n; v++)
			if (r.reached[v] > 0)
				igraph_vector_int_push_back(&srcv, v);
		sm_paths_result_dispose(&r);
		src = igraph_vss_vector(&srcv);
	}
	igraph_neimode_t mode = IGRAPH_IN; /* NetworkX's closeness: distances to the actor */
	for (int what = 0; what < 4; what++) {
		static const char *ops[] = { "ig-bc", "ig-cl", "ig-hm", "ig-bfs" };
		if (!wants(ops[what]))
			continue;
		double c0 = bench_cpu_seconds(), s0 = bench_now();
		igraph_error_t rc;
		igraph_vector_int_t reach;
		igraph_vector_int_init(&reach, 0);
		const igraph_vector_t *wt = what == 3 ? NULL : &w;
		if (what == 0 || what == 3)
			rc = n_sources ? igraph_betweenness_subset(&ig, &res, igraph_vss_all(), true, src,
			                                           igraph_vss_all(), wt)
			               : igraph_betweenness(&ig, &res, igraph_vss_all(), true, wt);
		else if (what == 1)
			rc = igraph_closeness(&ig, &res, &reach, NULL, src, mode, wt, false);
		else
			rc = igraph_harmonic_centrality(&ig, &res, src, mode, wt, false);
		double t = bench_now() - s0, c = bench_cpu_seconds() - c0;
		igraph_vector_int_destroy(&reach);
		if (rc) {
			fprintf(stderr, "bench_paths: %s failed (%d)\n", ops[what], (int)rc);
			return 1;
		}
		report(ops[what], t, c);
		t_ig[what] = t;
		c_ig[what] = c;
		double *full = malloc((size_t)n * sizeof *full);
		if (n_sources && (what == 1 || what == 2)) {
			/* results only for the sources: spread them out */
			for (int64_t v = 0; v < n; v++)
				full[v] = what == 1 ? NAN : 0;
			for (int64_t k = 0; k < igraph_vector_int_size(&srcv); k++)
				full[VECTOR(srcv)[k]] = VECTOR(res)[k];
		} else {
			for (int64_t v = 0; v < n; v++)
				full[v] = VECTOR(res)[v];
		}
		double **slot = what == 0 ? &ig_bc : what == 1 ? &ig_cl : what == 2 ? &ig_hm : &ig_bfs;
		*slot = full;
	}

	/* Compare and summarise. */
	int status = 0;
	static const char *measure[] = { "betweenness", "closeness", "harmonic",
		                         "betweenness (unweighted)" };
	double *ours[] = { sm_bc, sm_cl, sm_hm, sm_bfs }, *theirs[] = { ig_bc, ig_cl, ig_hm, ig_bfs };
	for (int k = 0; k < 4; k++) {
		if (!ours[k] || !theirs[k])
			continue;
		double rel = max_rel(ours[k], theirs[k], n);
		if (!(rel <= 1e-9))
			status = 3;
		printf("{\"measure\":\"%s\",\"igraph_s\":%.3f,\"stakemap_1t_s\":%.3f,"
		       "\"stakemap_2t_s\":%.3f,\"speedup_1t\":%.2f,\"speedup_2t\":%.2f,"
		       "\"igraph_cpu_s\":%.3f,\"stakemap_1t_cpu_s\":%.3f,\"speedup_1t_cpu\":%.2f,"
		       "\"max_rel_diff\":%.3g}\n",
		       measure[k], t_ig[k], t_sm[k][0], t_sm[k][1],
		       t_sm[k][0] > 0 ? t_ig[k] / t_sm[k][0] : 0.0,
		       t_sm[k][1] > 0 ? t_ig[k] / t_sm[k][1] : 0.0, c_ig[k], c_sm[k],
		       c_sm[k] > 0 ? c_ig[k] / c_sm[k] : 0.0, rel);
	}
	double t3 = t_ig[0] + t_ig[1] + t_ig[2];
	if (t_all[0] > 0 && t_all[1] > 0 && t_ig[0] > 0 && t_ig[1] > 0 && t_ig[2] > 0)
		printf("{\"measure\":\"all three weighted, one traversal\",\"igraph_s\":%.3f,"
		       "\"stakemap_1t_s\":%.3f,\"stakemap_2t_s\":%.3f,\"speedup_1t\":%.2f,"
		       "\"speedup_2t\":%.2f}\n",
		       t3, t_all[0], t_all[1], t3 / t_all[0], t3 / t_all[1]);
	igraph_vector_int_destroy(&srcv);
	igraph_vector_destroy(&res);
	igraph_vector_destroy(&w);
	igraph_destroy(&ig);
	sm_graph_dispose(&g);
	sm_network_free(net);
	return status;
}
