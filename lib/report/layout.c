/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Layouts (include/stakemap/report.h, docs/report.md): igraph's
 * Fruchterman–Reingold (qualities as attraction weights; igraph switches to
 * its grid variant above 1,000 nodes) or, on request, DrL — run behind the
 * igraph guard with igraph's RNG seeded, so the same seed gives the same
 * picture. DrL is not the automatic choice for large maps: igraph 0.10's
 * DrL allocates a 1000 × 1000 grid of deques (about 650 MB) and took 21 s
 * for 2,000 nodes and 133 s for 20,000 where grid FR took 1 s and 8 s
 * (docs/report.md). Coordinates are then scaled into
 * [0, 1] × [0, 1], keeping the aspect ratio and centring the shorter side.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/igraph_guard.h"
#include "core/progress.h"
#include "model/network_internal.h"
#include "report/report_internal.h"

void sm_layout_options_init(sm_layout_options *opts)
{
	sm_layout_options defaults = SM_LAYOUT_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}

/* igraph's (and python-igraph's) default number of FR iterations. */
#define FR_ITERATIONS 500
/* Iterations of DrL's default schedule: liquid 200, expansion 200,
 * cooldown 200, crunch 50, simmer 100. */
#define DRL_ITERATIONS 750

static const char *const algorithm_names[] = { "auto", "fr", "drl" };

sm_layout_algorithm sm_layout_resolve(sm_layout_algorithm algorithm, int64_t n)
{
	(void)n; /* FR at every size: see the head of this file */
	return algorithm == SM_LAYOUT_AUTO ? SM_LAYOUT_FR : algorithm;
}

/* Scale DrL's stage iterations so that they add up to `total`. */
static void drl_schedule(igraph_layout_drl_options_t *o, int64_t total)
{
	igraph_integer_t *stage[] = { &o->liquid_iterations, &o->expansion_iterations,
		                      &o->cooldown_iterations, &o->crunch_iterations,
		                      &o->simmer_iterations };
	for (size_t k = 0; k < sizeof stage / sizeof stage[0]; k++) {
		double v = (double)*stage[k] * (double)total / DRL_ITERATIONS;
		*stage[k] = v < 1 ? 1 : (igraph_integer_t)llround(v);
	}
}

/* Run the layout on `graph` into `res` (n × 2); inside the guard. */
static igraph_error_t run(const igraph_t *graph, const igraph_vector_t *weights,
                          igraph_matrix_t *res, sm_layout_algorithm algorithm, int64_t iterations)
{
	if (algorithm == SM_LAYOUT_FR) {
		igraph_real_t n = (igraph_real_t)igraph_vcount(graph);
		return igraph_layout_fruchterman_reingold(
			graph, res, false, iterations > 0 ? iterations : FR_ITERATIONS, sqrt(n) / 10.0,
			IGRAPH_LAYOUT_AUTOGRID, weights, NULL, NULL, NULL, NULL);
	}
	igraph_layout_drl_options_t o;
	igraph_error_t rc = igraph_layout_drl_options_init(&o, IGRAPH_LAYOUT_DRL_DEFAULT);
	if (rc != IGRAPH_SUCCESS)
		return rc;
	if (iterations > 0)
		drl_schedule(&o, iterations);
	return igraph_layout_drl(graph, res, false, &o, weights);
}

/* Isolated nodes drift away from the rest under FR's repulsion (and DrL's)
 * and would shrink the picture of everything else: set them, in node order,
 * in a grid under the drawing of the tied ones, as wide as that drawing. */
static void place_isolated(igraph_matrix_t *res, const igraph_vector_int_t *deg, int64_t n)
{
	double x0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, y0 = INFINITY;
	int64_t k = 0;
	for (int64_t i = 0; i < n; i++) {
		if (VECTOR(*deg)[i] == 0) {
			k++;
			continue;
		}
		x0 = fmin(x0, MATRIX(*res, i, 0));
		x1 = fmax(x1, MATRIX(*res, i, 0));
		y0 = fmin(y0, MATRIX(*res, i, 1));
		y1 = fmax(y1, MATRIX(*res, i, 1));
	}
	if (k == 0 || k == n || !isfinite(x0 + x1 + y0 + y1))
		return;
	double side = fmax(x1 - x0, y1 - y0);
	if (!(side > 0))
		side = 1.0;
	int64_t cols = (int64_t)ceil(2.0 * sqrt((double)k));
	cols = cols > k ? k : cols;
	double step = side / (double)cols, left = (x0 + x1) / 2.0 - side / 2.0;
	for (int64_t i = 0, j = 0; i < n; i++) {
		if (VECTOR(*deg)[i] != 0)
			continue;
		MATRIX(*res, i, 0) = left + ((double)(j % cols) + 0.5) * step;
		MATRIX(*res, i, 1) = y1 + (double)(j / cols + 1) * step;
		j++;
	}
}

/* Copy the layout out of `res`, scaled into the unit square. */
static int scale(double *x, double *y, const igraph_matrix_t *res, int64_t n)
{
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
	for (int64_t i = 0; i < n; i++) {
		double a = MATRIX(*res, i, 0), b = MATRIX(*res, i, 1);
		if (!isfinite(a) || !isfinite(b))
			return sm_fail(SM_EINTERNAL, "layout: node %lld placed at a non-finite position",
			               (long long)i);
		x0 = fmin(x0, a);
		x1 = fmax(x1, a);
		y0 = fmin(y0, b);
		y1 = fmax(y1, b);
	}
	double span = fmax(x1 - x0, y1 - y0);
	for (int64_t i = 0; i < n; i++) {
		if (span > 0) {
			/* Same factor on both axes; the shorter one centred. */
			x[i] = (MATRIX(*res, i, 0) - x0) / span + (1.0 - (x1 - x0) / span) / 2.0;
			y[i] = (MATRIX(*res, i, 1) - y0) / span + (1.0 - (y1 - y0) / span) / 2.0;
		} else {
			x[i] = y[i] = 0.5;
		}
		x[i] = fmin(1.0, fmax(0.0, x[i]));
		y[i] = fmin(1.0, fmax(0.0, y[i]));
	}
	return SM_OK;
}

/* Lay out `graph` (NULL: build it from the edge list) into x, y. */
static int lay_out(double *x, double *y, int64_t n, const igraph_t *graph,
                   const igraph_vector_t *weights, const int32_t *src, const int32_t *dst,
                   const double *w, int64_t m, sm_layout_algorithm algorithm, uint64_t seed,
                   int64_t iterations, sm_progress_fn progress, void *progress_user)
{
	if (n == 0)
		return SM_OK;
	algorithm = sm_layout_resolve(algorithm, n);
	igraph_t own;
	igraph_vector_int_t edges;
	igraph_vector_t own_w;
	igraph_matrix_t res;
	igraph_vector_int_t deg;
	bool have_edges = false, have_graph = false, have_w = false, have_res = false,
	     have_deg = false;
	int rc = SM_OK;
	sm_progress prog;
	if ((rc = sm_progress_begin(&prog, progress, progress_user, "layout", n)))
		return rc;
	sm_igraph_guard guard;
	sm_igraph_enter(&guard, progress, progress_user, "layout");
	igraph_error_t irc = IGRAPH_SUCCESS;
	if (!graph) {
		if ((irc = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m))))
			goto done;
		have_edges = true;
		if ((irc = igraph_vector_init(&own_w, (igraph_integer_t)m)))
			goto done;
		have_w = true;
		for (int64_t e = 0; e < m; e++) {
			VECTOR(edges)[2 * e] = src[e];
			VECTOR(edges)[2 * e + 1] = dst[e];
			VECTOR(own_w)[e] = w ? w[e] : 1.0;
		}
		if ((irc = igraph_create(&own, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED)))
			goto done;
		have_graph = true;
		graph = &own;
		weights = &own_w;
	}
	if ((irc = igraph_matrix_init(&res, (igraph_integer_t)n, 2)))
		goto done;
	have_res = true;
	sm_igraph_seed(seed);
	if ((irc = run(graph, weights, &res, algorithm, iterations)))
		goto done;
	if ((irc = igraph_vector_int_init(&deg, (igraph_integer_t)n)))
		goto done;
	have_deg = true;
	if ((irc = igraph_degree(graph, &deg, igraph_vss_all(), IGRAPH_ALL, true)))
		goto done;
	place_isolated(&res, &deg, n);
	rc = scale(x, y, &res, n);
done:
	if (have_deg)
		igraph_vector_int_destroy(&deg);
	if (have_res)
		igraph_matrix_destroy(&res);
	if (have_graph)
		igraph_destroy(&own);
	if (have_w)
		igraph_vector_destroy(&own_w);
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	int lrc = sm_igraph_leave(&guard, irc, "layout");
	if (lrc != SM_OK)
		return lrc;
	return rc != SM_OK ? rc : sm_progress_end(&prog);
}

int sm_layout_edges(double *x, double *y, int64_t n, const int32_t *src, const int32_t *dst,
                    const double *w, int64_t m, sm_layout_algorithm algorithm, uint64_t seed,
                    int64_t iterations, sm_progress_fn progress, void *progress_user)
{
	return lay_out(x, y, n, NULL, NULL, src, dst, w, m, algorithm, seed, iterations, progress,
	               progress_user);
}

/* The result table: id, x, y; notes algorithm, seed, iterations. */
static int make_table(sm_table **out, const sm_network *net, const double *x, const double *y,
                      sm_layout_algorithm algorithm, uint64_t seed, int64_t iterations)
{
	size_t n = net->n, cid, cx, cy;
	sm_table *t = NULL;
	char buf[32];
	int rc;
	if ((rc = sm_table_new(&t, n)) ||
	    (rc = sm_table_add_column(&cid, t, "id", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cx, t, "x", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&cy, t, "y", SM_COLUMN_DOUBLE)))
		goto fail;
	for (size_t i = 0; i < n; i++)
		if ((rc = sm_table_set_string(t, cid, i, net->actor_id[i])) ||
		    (rc = sm_table_set_double(t, cx, i, x[i])) ||
		    (rc = sm_table_set_double(t, cy, i, y[i])))
			goto fail;
	if ((rc = sm_table_set_note(t, "algorithm", algorithm_names[algorithm])))
		goto fail;
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)seed);
	if ((rc = sm_table_set_note(t, "seed", buf)))
		goto fail;
	if (iterations == 0)
		iterations = algorithm == SM_LAYOUT_FR ? FR_ITERATIONS : DRL_ITERATIONS;
	snprintf(buf, sizeof buf, "%lld", (long long)iterations);
	if ((rc = sm_table_set_note(t, "iterations", buf)))
		goto fail;
	*out = t;
	return SM_OK;
fail:
	sm_table_free(t);
	return rc;
}

int sm_layout(sm_table **out, const sm_network *net, const sm_layout_options *opts)
{
	sm_layout_options o;
	if (!out || !net)
		return sm_fail(SM_EINVAL, "sm_layout: %s is NULL", !out ? "out" : "net");
	if (opts) {
		if (opts->version != SM_LAYOUT_OPTIONS_VERSION)
			return sm_fail(SM_EINVAL,
			               "layout options version %u is not %d: initialise them with "
			               "sm_layout_options_init()",
			               opts->version, SM_LAYOUT_OPTIONS_VERSION);
		o = *opts;
	} else {
		sm_layout_options_init(&o);
	}
	if (o.algorithm != SM_LAYOUT_AUTO && o.algorithm != SM_LAYOUT_FR &&
	    o.algorithm != SM_LAYOUT_DRL)
		return sm_fail(SM_EINVAL, "layout algorithm %d: must be auto, fr or drl",
		               (int)o.algorithm);
	if (o.iterations < 0)
		return sm_fail(SM_EINVAL, "layout iterations %lld: must be 0 (the default) or more",
		               (long long)o.iterations);
	if (o.iterations > 1000000)
		return sm_fail(SM_EINVAL, "layout iterations %lld: at most 1000000",
		               (long long)o.iterations);

	int64_t n = (int64_t)net->n;
	sm_layout_algorithm algorithm = sm_layout_resolve(o.algorithm, n);
	const igraph_t *graph = NULL;
	const igraph_vector_t *quality = NULL;
	double *x = sm_malloc((size_t)(n ? n : 1) * sizeof *x);
	double *y = sm_malloc((size_t)(n ? n : 1) * sizeof *y);
	int rc;
	if (!x || !y) {
		rc = sm_fail_nomem();
		goto done;
	}
	/* The network's igraph view, before the guard (lock order). */
	if (n > 0 && (rc = sm_network_igraph(&graph, &quality, net)))
		goto done;
	if ((rc = lay_out(x, y, n, graph, quality, NULL, NULL, NULL, 0, algorithm, o.seed,
	                  o.iterations, o.progress, o.progress_user)))
		goto done;
	rc = make_table(out, net, x, y, algorithm, o.seed, o.iterations);
done:
	sm_free(x);
	sm_free(y);
	return rc;
}
