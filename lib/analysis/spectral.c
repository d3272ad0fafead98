/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Degree, strength, PageRank, eigenvector and HITS on the combined CSR.
 * See spectral.h for the definitions and docs/centrality.md for how they
 * compare with NetworkX and igraph.
 */
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "analysis/spectral.h"
#include "core/core.h"
#include "core/progress.h"

/* ---- blocks and threads ------------------------------------------------------------------- */

/* Work (actors + entries) of one block, and below which one thread is used. */
#define BLOCK_WORK (1 << 15)
#define PARALLEL_MIN_WORK (1 << 18)
#define MAX_THREADS 64

/* A fixed split of the actors into blocks of about equal work. The split
 * depends only on the graph, never on the thread count. */
typedef struct par {
	int64_t nblocks;
	int64_t *start; /* nblocks + 1 actor boundaries */
	int threads;
} par;

typedef void (*block_fn)(void *ctx, int64_t block, int64_t lo, int64_t hi);

static int resolve_threads(int threads)
{
	if (threads <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 ? (int)(cores < MAX_THREADS ? cores : MAX_THREADS) : 1;
	}
	return threads < MAX_THREADS ? threads : MAX_THREADS;
}

/* Blocks over rows `a` (and `b`, may be NULL): each holds about BLOCK_WORK
 * of actors plus entries. */
static int par_init(par *p, int64_t n, const sm_csr *a, const sm_csr *b, int threads)
{
	int64_t entries = (a ? a->offsets[n] : 0) + (b ? b->offsets[n] : 0);
	int64_t work = n + entries, want = work / BLOCK_WORK + 1, k = 0, v;

	memset(p, 0, sizeof *p);
	if (want > n)
		want = n > 0 ? n : 1;
	p->start = sm_malloc((size_t)(want + 1) * sizeof *p->start);
	if (!p->start)
		return sm_fail_nomem();
	/* Cut when the running work passes the next multiple of work / want. */
	p->start[k++] = 0;
	int64_t acc = 0;
	for (v = 0; v < n && k < want; v++) {
		acc += 1;
		if (a)
			acc += a->offsets[v + 1] - a->offsets[v];
		if (b)
			acc += b->offsets[v + 1] - b->offsets[v];
		if (acc * want >= k * work && v + 1 < n)
			p->start[k++] = v + 1;
	}
	p->start[k] = n;
	p->nblocks = k;
	p->threads = work < PARALLEL_MIN_WORK ? 1 : resolve_threads(threads);
	if (p->threads > p->nblocks)
		p->threads = (int)p->nblocks;
	return SM_OK;
}

static void par_dispose(par *p)
{
	sm_free(p->start);
	memset(p, 0, sizeof *p);
}

typedef struct par_job {
	const par *p;
	block_fn fn;
	void *ctx;
	atomic_int_fast64_t next;
} par_job;

static void *par_worker(void *arg)
{
	par_job *job = arg;
	int64_t b;

	while ((b = (int64_t)atomic_fetch_add(&job->next, 1)) < job->p->nblocks)
		job->fn(job->ctx, b, job->p->start[b], job->p->start[b + 1]);
	return NULL;
}

/* Run fn over every block. Blocks write only their own slots, so the order
 * in which threads take them does not matter. If a thread cannot be
 * started the others do its share. */
static void par_for(const par *p, block_fn fn, void *ctx)
{
	par_job job = { .p = p, .fn = fn, .ctx = ctx };
	pthread_t tid[MAX_THREADS];
	int started = 0, t;

	atomic_init(&job.next, 0);
	for (t = 1; t < p->threads; t++)
		if (pthread_create(&tid[started], NULL, par_worker, &job) == 0)
			started++;
	par_worker(&job);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
}

/* Sum of per-block partial sums, in block order. */
static double block_sum(const double *parts, int64_t nblocks)
{
	double s = 0;
	for (int64_t b = 0; b < nblocks; b++)
		s += parts[b];
	return s;
}

/* Report convergence as progress: err falls from ~1 to SM_SPECTRAL_TOL. */
static int converge_step(sm_progress *pg, double err, int64_t *shown)
{
	double f = err >= 1 ? 0 : err <= SM_SPECTRAL_TOL ? 1 : log(err) / log(SM_SPECTRAL_TOL);
	int64_t done = (int64_t)(f * 1000);

	if (done > *shown)
		*shown = done;
	return sm_progress_step(pg, *shown);
}

static bool unit_weights(const sm_csr *c, int64_t n)
{
	for (int64_t e = 0; e < c->offsets[n]; e++)
		if (c->q[e] != 1.0)
			return false;
	return true;
}

/* ---- degree and strength ------------------------------------------------------------------ */

static void row_sums(double *out, const sm_csr *c, int64_t n, bool strength, bool add)
{
	for (int64_t v = 0; v < n; v++) {
		double s = 0;
		if (strength)
			for (int64_t e = c->offsets[v]; e < c->offsets[v + 1]; e++)
				s += c->q[e];
		else
			s = (double)(c->offsets[v + 1] - c->offsets[v]);
		out[v] = add ? out[v] + s : s;
	}
}

void sm_degree_raw(double *out, const sm_graph *g, sm_side side, bool strength)
{
	if (!g->directed || side == SM_SIDE_OUT) {
		row_sums(out, &g->out, g->n, strength, false);
	} else if (side == SM_SIDE_IN) {
		row_sums(out, &g->in, g->n, strength, false);
	} else {
		row_sums(out, &g->out, g->n, strength, false);
		row_sums(out, &g->in, g->n, strength, true);
	}
}

/* ---- PageRank ----------------------------------------------------------------------------- */

typedef struct pr_ctx {
	const sm_csr *pull; /* rows of incoming walk steps */
	bool unit;
	const double *x, *y, *inv; /* rank, rank / out-strength, 1 / out-strength (0: dangling) */
	double *xn, *yn;
	double base, d;
	double *err, *dang; /* per block */
} pr_ctx;

static void pr_block(void *vctx, int64_t b, int64_t lo, int64_t hi)
{
	pr_ctx *c = vctx;
	const int64_t *off = c->pull->offsets;
	const int32_t *nbr = c->pull->nbr;
	const double *w = c->pull->q, *y = c->y;
	double err = 0, dang = 0;

	for (int64_t v = lo; v < hi; v++) {
		double acc = 0;
		int64_t e = off[v], end = off[v + 1];
		if (c->unit)
			for (; e < end; e++)
				acc += y[nbr[e]];
		else
			for (; e < end; e++)
				acc += w[e] * y[nbr[e]];
		double nv = c->base + c->d * acc;
		err += fabs(nv - c->x[v]);
		c->xn[v] = nv;
		c->yn[v] = nv * c->inv[v];
		if (c->inv[v] == 0)
			dang += nv;
	}
	c->err[b] = err;
	c->dang[b] = dang;
}

static void scale_block(double *x, int64_t lo, int64_t hi, double s)
{
	for (int64_t v = lo; v < hi; v++)
		x[v] *= s;
}

int sm_pagerank(double *rank, const sm_graph *g, double damping, bool reverse,
                sm_spectral_options *opts)
{
	int64_t n = g->n, it, cap, shown = 0;
	const sm_csr *pull = reverse ? &g->out : &g->in, *push = reverse ? &g->in : &g->out;
	double *buf = NULL, *x, *xn, *y, *yn, *inv, *parts;
	sm_progress pg;
	par p;
	int rc;

	opts->iterations = 0;
	if (n == 0)
		return SM_OK;
	if ((rc = par_init(&p, n, pull, NULL, opts->threads)) < 0)
		return rc;
	buf = sm_malloc((size_t)(5 * n + 2 * p.nblocks) * sizeof *buf);
	if (!buf) {
		par_dispose(&p);
		return sm_fail_nomem();
	}
	x = buf;
	xn = x + n;
	y = xn + n;
	yn = y + n;
	inv = yn + n;
	parts = inv + n;

	/* 1 / out-strength, 0 for actors without outgoing relationships. A
	 * strength below 1/DBL_MAX (subnormal qualities) has no finite inverse:
	 * the walk's probabilities could not be formed, so say which actor. */
	row_sums(inv, push, n, true, false);
	for (int64_t v = 0; v < n; v++) {
		if (inv[v] > 0 && !isfinite(1.0 / inv[v])) {
			char who[80];
			if (opts->net)
				snprintf(who, sizeof who, "actor \"%.60s\"", opts->net->actor_id[v]);
			else
				snprintf(who, sizeof who, "actor %lld", (long long)v);
			rc = sm_fail(SM_EINVAL,
			             "pagerank: %s has %s strength %g, too small to normalise "
			             "(below %g): raise its qualities or compute unweighted",
			             who, reverse ? "incoming" : "outgoing", inv[v], 1.0 / DBL_MAX);
			par_dispose(&p);
			sm_free(buf);
			return rc;
		}
	}
	double dsum = 0;
	for (int64_t v = 0; v < n; v++) {
		inv[v] = inv[v] > 0 ? 1.0 / inv[v] : 0.0;
		x[v] = 1.0 / (double)n;
		y[v] = x[v] * inv[v];
		if (inv[v] == 0)
			dsum += x[v];
	}
	/* In exact arithmetic the L1 change shrinks by `damping` an iteration. */
	cap = damping > 0 ? 100 + 2 * (int64_t)ceil(log(SM_SPECTRAL_TOL) / log(damping)) : 100;

	pr_ctx c = { .pull = pull, .unit = unit_weights(pull, n), .inv = inv, .d = damping,
	             .err = parts, .dang = parts + p.nblocks };
	rc = sm_progress_begin(&pg, opts->progress, opts->progress_user, "pagerank", 1000);
	if (rc < 0)
		goto done;
	for (it = 1; it <= cap; it++) {
		c.x = x;
		c.y = y;
		c.xn = xn;
		c.yn = yn;
		c.base = (1.0 - damping) / (double)n + damping * dsum / (double)n;
		par_for(&p, pr_block, &c);
		double err = block_sum(c.err, p.nblocks);
		dsum = block_sum(c.dang, p.nblocks);
		double *t = x;
		x = xn;
		xn = t;
		t = y;
		y = yn;
		yn = t;
		if (err < SM_SPECTRAL_TOL)
			break;
		if ((rc = converge_step(&pg, err, &shown)) < 0)
			goto done;
	}
	if (it > cap) {
		rc = sm_fail(SM_EINTERNAL,
		             "pagerank did not converge in %lld iterations (damping %g)",
		             (long long)cap, damping);
		goto done;
	}
	opts->iterations = it;
	/* Sum exactly 1, as igraph returns it (the iteration keeps it to rounding). */
	for (int64_t b = 0; b < p.nblocks; b++) {
		double s = 0;
		for (int64_t v = p.start[b]; v < p.start[b + 1]; v++)
			s += x[v];
		parts[b] = s;
	}
	double total = block_sum(parts, p.nblocks);
	for (int64_t b = 0; b < p.nblocks; b++)
		scale_block(x, p.start[b], p.start[b + 1], 1.0 / total);
	memcpy(rank, x, (size_t)n * sizeof *rank);
	rc = sm_progress_end(&pg);
done:
	sm_free(buf);
	par_dispose(&p);
	return rc;
}

/* ---- eigenvector -------------------------------------------------------------------------- */

typedef struct ev_ctx {
	const sm_csr *pull;
	const double *x;
	double *z;
	double norm;
	double *sq, *err, *l1; /* per block */
} ev_ctx;

/* z = (A + I)ᵀ x over the pull rows; sum of squares per block. */
static void ev_block(void *vctx, int64_t b, int64_t lo, int64_t hi)
{
	ev_ctx *c = vctx;
	const int64_t *off = c->pull->offsets;
	const int32_t *nbr = c->pull->nbr;
	const double *w = c->pull->q, *x = c->x;
	double sq = 0;

	for (int64_t v = lo; v < hi; v++) {
		double acc = x[v];
		for (int64_t e = off[v]; e < off[v + 1]; e++)
			acc += w[e] * x[nbr[e]];
		c->z[v] = acc;
		sq += acc * acc;
	}
	c->sq[b] = sq;
}

/* z /= norm; L1 change and L1 norm per block. */
static void ev_norm_block(void *vctx, int64_t b, int64_t lo, int64_t hi)
{
	ev_ctx *c = vctx;
	double err = 0, l1 = 0;

	for (int64_t v = lo; v < hi; v++) {
		double z = c->z[v] / c->norm;
		c->z[v] = z;
		err += fabs(z - c->x[v]);
		l1 += fabs(z);
	}
	c->err[b] = err;
	c->l1[b] = l1;
}

int sm_eigenvector(double *x_out, const sm_graph *g, bool outgoing, sm_spectral_options *opts)
{
	int64_t n = g->n, it, shown = 0;
	const sm_csr *pull = outgoing ? &g->out : &g->in;
	double *buf, *x, *z, *parts;
	sm_progress pg;
	par p;
	int rc;

	opts->iterations = 0;
	if (n == 0)
		return SM_OK;
	if ((rc = par_init(&p, n, pull, NULL, opts->threads)) < 0)
		return rc;
	buf = sm_malloc((size_t)(2 * n + 3 * p.nblocks) * sizeof *buf);
	if (!buf) {
		par_dispose(&p);
		return sm_fail_nomem();
	}
	x = buf;
	z = x + n;
	parts = z + n;
	for (int64_t v = 0; v < n; v++)
		x[v] = 1.0 / (double)n;

	ev_ctx c = { .pull = pull, .sq = parts, .err = parts + p.nblocks,
	             .l1 = parts + 2 * p.nblocks };
	if ((rc = sm_progress_begin(&pg, opts->progress, opts->progress_user, "eigenvector",
	                            1000)) < 0)
		goto done;
	double err = INFINITY;
	for (it = 1; it <= SM_SPECTRAL_MAX_ITER; it++) {
		c.x = x;
		c.z = z;
		par_for(&p, ev_block, &c);
		c.norm = sqrt(block_sum(c.sq, p.nblocks));
		if (!(c.norm > 0))
			c.norm = 1; /* as NetworkX: cannot happen for A + I */
		par_for(&p, ev_norm_block, &c);
		err = block_sum(c.err, p.nblocks);
		double l1 = block_sum(c.l1, p.nblocks);
		double *t = x;
		x = z;
		z = t;
		if (err < SM_SPECTRAL_TOL * l1)
			break;
		if ((rc = converge_step(&pg, err / l1, &shown)) < 0)
			goto done;
	}
	if (it > SM_SPECTRAL_MAX_ITER) {
		rc = sm_fail(SM_ELIMIT,
		             "eigenvector centrality did not converge in %d iterations (L1 change "
		             "%.3g): the network has no unique leading eigenvector (e.g. directed "
		             "without cycles); use pagerank",
		             SM_SPECTRAL_MAX_ITER, err);
		goto done;
	}
	opts->iterations = it;
	memcpy(x_out, x, (size_t)n * sizeof *x_out);
	rc = sm_progress_end(&pg);
done:
	sm_free(buf);
	par_dispose(&p);
	return rc;
}

/* ---- HITS --------------------------------------------------------------------------------- */

typedef struct hits_ctx {
	const sm_csr *in, *out;
	const double *h;
	double *a, *hn;
	double hscale;
	double *asum, *hsum, *err; /* per block */
} hits_ctx;

/* y[v] = Σ w·x[u] over the entries (u, w) of rows lo … hi−1; returns Σ y[v]. */
static double pull_rows(const sm_csr *g, const double *x, double *y, int64_t lo, int64_t hi)
{
	const int64_t *off = g->offsets;
	const int32_t *nbr = g->nbr;
	const double *w = g->q;
	double s = 0;

	for (int64_t v = lo; v < hi; v++) {
		double acc = 0;
		for (int64_t e = off[v]; e < off[v + 1]; e++)
			acc += w[e] * x[nbr[e]];
		y[v] = acc;
		s += acc;
	}
	return s;
}

/* a = Aᵀh: pull over incoming rows. */
static void hits_a_block(void *vctx, int64_t b, int64_t lo, int64_t hi)
{
	hits_ctx *c = vctx;
	c->asum[b] = pull_rows(c->in, c->h, c->a, lo, hi);
}

/* hn = A·a: pull over outgoing rows. */
static void hits_h_block(void *vctx, int64_t b, int64_t lo, int64_t hi)
{
	hits_ctx *c = vctx;
	c->hsum[b] = pull_rows(c->out, c->a, c->hn, lo, hi);
}

/* hn *= hscale (sum 1); L1 change per block. */
static void hits_norm_block(void *vctx, int64_t b, int64_t lo, int64_t hi)
{
	hits_ctx *c = vctx;
	double err = 0;

	for (int64_t v = lo; v < hi; v++) {
		double h = c->hn[v] * c->hscale;
		c->hn[v] = h;
		err += fabs(h - c->h[v]);
	}
	c->err[b] = err;
}

int sm_hits(double *hub, double *authority, const sm_graph *g, sm_spectral_options *opts)
{
	int64_t n = g->n, it, shown = 0;
	double *buf, *h, *hn, *a, *parts;
	sm_progress pg;
	par p;
	int rc;

	opts->iterations = 0;
	if (n == 0)
		return SM_OK;
	if (g->out.offsets[n] == 0) {
		/* No relationships: no actor is a hub or an authority. */
		memset(hub, 0, (size_t)n * sizeof *hub);
		memset(authority, 0, (size_t)n * sizeof *authority);
		return SM_OK;
	}
	if ((rc = par_init(&p, n, &g->in, g->directed ? &g->out : NULL, opts->threads)) < 0)
		return rc;
	buf = sm_malloc((size_t)(3 * n + 3 * p.nblocks) * sizeof *buf);
	if (!buf) {
		par_dispose(&p);
		return sm_fail_nomem();
	}
	h = buf;
	hn = h + n;
	a = hn + n;
	parts = a + n;
	for (int64_t v = 0; v < n; v++)
		h[v] = 1.0 / (double)n;

	hits_ctx c = { .in = &g->in, .out = &g->out, .a = a, .asum = parts,
	               .hsum = parts + p.nblocks, .err = parts + 2 * p.nblocks };
	if ((rc = sm_progress_begin(&pg, opts->progress, opts->progress_user, "hits", 1000)) < 0)
		goto done;
	double err = INFINITY;
	for (it = 1; it <= SM_SPECTRAL_MAX_ITER; it++) {
		c.h = h;
		c.hn = hn;
		par_for(&p, hits_a_block, &c);
		par_for(&p, hits_h_block, &c);
		c.hscale = 1.0 / block_sum(c.hsum, p.nblocks);
		par_for(&p, hits_norm_block, &c);
		err = block_sum(c.err, p.nblocks);
		double *t = h;
		h = hn;
		hn = t;
		if (err < SM_SPECTRAL_TOL)
			break;
		if ((rc = converge_step(&pg, err, &shown)) < 0)
			goto done;
	}
	if (it > SM_SPECTRAL_MAX_ITER) {
		rc = sm_fail(SM_ELIMIT,
		             "hub/authority scores did not converge in %d iterations "
		             "(L1 change %.3g)",
		             SM_SPECTRAL_MAX_ITER, err);
		goto done;
	}
	opts->iterations = it;
	/* h = A·a of the last a, already scaled to sum 1; scale a to sum 1. */
	double as = block_sum(c.asum, p.nblocks);
	for (int64_t v = 0; v < n; v++) {
		hub[v] = h[v];
		authority[v] = a[v] / as;
	}
	rc = sm_progress_end(&pg);
done:
	sm_free(buf);
	par_dispose(&p);
	return rc;
}
