/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Brandes' algorithm (2001) on the combined CSR, written for speed and for
 * results that do not depend on the number of threads (ADR 007).
 *
 * One single-source search per source:
 *   - weighted: Dijkstra with an indexed binary heap (decrease-key) over
 *     int32 ids; distances are stored plus one (0 = not reached) and tied
 *     path lengths are recognised with igraph's relative epsilon (1e-10),
 *     exactly as igraph_betweenness() does, so that σ counts agree;
 *   - hops (or every distance exactly 1): BFS on integer levels.
 * σ is a double. No predecessor lists: the back-propagation visits the
 * settled vertices in reverse order and re-scans each one's own row for its
 * successors ("pull": δ(v) = σ(v) Σ_{w: v ∈ P(w)} (1 + δ(w)) / σ(w)), so a
 * thread needs O(n) memory and never writes to another vertex's slot.
 *
 * Sources are cut into blocks whose size depends on the graph only. A block
 * is searched by one worker, in source order, into a block buffer; finished
 * blocks are added into the total strictly in block order by whichever
 * worker completes the chain (a small pool of buffers, a mutex, a condition
 * variable). The summation order is therefore fixed, whatever the number of
 * threads and however they are scheduled.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/traversal.h"
#include "core/core.h"
#include "core/progress.h"
#include "core/rng.h"

/* igraph's IGRAPH_SHORTEST_PATH_EPSILON: two path lengths a, b are equal
 * when |a − b| / (|a| + |b|) < EPS (igraph_cmp_epsilon, igraph 0.10). */
#define EPS 1e-10
/* Quick rejection: for a, b > 0, |a − b| > NEAR·a implies the relative
 * difference above is > NEAR/3 > EPS, so cmp_eps() need not be called. */
#define NEAR 1e-9
/* How far ahead the rows of vertices about to be scanned are prefetched:
 * a search is bound by the latency of fetching each row (a random place in
 * the CSR), not by arithmetic. */
#define PF 8
/* Dial's buckets are used while the longest entry distance is at most this
 * many times the shortest (a circular array of up to twice as many heads). */
#define DIAL_MAX_BUCKETS 4096
/* Settled vertices between two looks at the cancel flag within one search. */
#define CANCEL_POLL 4096

/* Keys and vertex ids in separate arrays: a level of the descent compares
 * two adjacent keys (one cache line) and only the winner's id is read. */
typedef struct heap {
	double *key;
	int32_t *v;
	int32_t *pos; /* heap position of each queued vertex */
} heap;

typedef struct ctx {
	int64_t n;
	const int64_t *off;
	const int32_t *nbr;
	const double *wd; /* distance of each entry; NULL: BFS */
	/* Dial's bucket queue instead of the heap when the distances span a small
	 * range (see dial()): bucket width and the circular array's size − 1. */
	bool dial;
	double inv_width;
	int64_t bmask;
	const int32_t *old_of; /* search number → actor (per-source results) */

	bool bc, closeness, harmonic;
	double bc_limit, search_limit; /* in stored units (1 + distance); +inf: none */
	int32_t bc_level, search_level; /* BFS: levels (1 + hops) */

	const int32_t *src;
	int64_t nsrc, block, nblocks;

	double *bc_total;
	double *dist_sum;
	int64_t *reached;
	double *harm;

	pthread_mutex_t lock;
	pthread_cond_t buf_cv;  /* a buffer went back to the pool, or cancel */
	pthread_cond_t done_cv; /* a worker finished */
	double **pool;
	int npool;
	double **ready; /* per block: its finished buffer, waiting for its turn */
	int64_t next_block, next_merge;
	int finished;
	atomic_int cancel;
	atomic_llong done;
} ctx;

typedef struct worker {
	ctx *c;
	double *dist;    /* weighted: 1 + distance from the source; 0 = not reached */
	heap heap;       /* weighted, heap */
	int32_t *bhead;  /* weighted, buckets: first vertex of each bucket, −1 empty */
	int32_t *bnext, *bprev; /* doubly linked bucket lists (−1 ends) */
	int32_t *bslot;  /* the slot of each queued vertex's bucket */
	int32_t *level;  /* BFS */
	uint8_t *succ;   /* BFS with betweenness: whether the vertex has a successor */
	double *sig;     /* σ in the forward pass, then (1 + δ)/σ once back-propagated */
	int32_t *stack;  /* settled vertices in order (BFS: also the queue) */
	pthread_t thread;
} worker;

/* igraph_cmp_epsilon(a, b, 1e-10) of igraph 0.10, for a, b > 0. */
static inline int cmp_eps(double a, double b)
{
	if (a == b)
		return 0;
	double diff = a - b, abs_diff = fabs(diff), sum = fabs(a) + fabs(b);
	if (!isfinite(sum))
		return abs_diff < EPS * fabs(a) + EPS * fabs(b) ? 0 : (diff < 0 ? -1 : 1);
	return abs_diff / sum < EPS ? 0 : (diff < 0 ? -1 : 1);
}

/* ---- indexed binary heap ------------------------------------------------ */

static inline void heap_up(heap *h, int64_t i, double key, int32_t v)
{
	double *hk = h->key;
	int32_t *hv = h->v, *pos = h->pos;
	while (i > 0) {
		int64_t p = (i - 1) >> 1;
		double pk = hk[p];
		if (pk <= key)
			break;
		int32_t pv = hv[p];
		hk[i] = pk;
		hv[i] = pv;
		pos[pv] = (int32_t)i;
		i = p;
	}
	hk[i] = key;
	hv[i] = v;
	pos[v] = (int32_t)i;
}

/* Remove the minimum. Floyd's bottom-up variant: the hole left at the root
 * goes down along the smaller children (one branch-free comparison a
 * level) and the last element then climbs back from the bottom, where it
 * usually belongs. */
static inline int32_t heap_pop(heap *h, int64_t *size)
{
	double *hk = h->key;
	int32_t *hv = h->v, *pos = h->pos;
	int32_t top = hv[0];
	int64_t n = --*size;
	if (n == 0)
		return top;
	int64_t i = 0, l;
	while ((l = 2 * i + 1) + 1 < n) {
		int64_t m = l + (hk[l + 1] < hk[l]);
		int32_t mv = hv[m];
		hk[i] = hk[m];
		hv[i] = mv;
		pos[mv] = (int32_t)i;
		i = m;
	}
	if (l < n) {
		int32_t lv = hv[l];
		hk[i] = hk[l];
		hv[i] = lv;
		pos[lv] = (int32_t)i;
		i = l;
	}
	heap_up(h, i, hk[n], hv[n]);
	return top;
}

static inline bool cancelled(const ctx *c)
{
	return atomic_load_explicit(&c->cancel, memory_order_relaxed) != 0;
}

/* ---- weighted search ------------------------------------------------------ */

/* After a weighted forward pass that settled stack[0..top) (stack[0] = s,
 * every vertex after all of its predecessors): back-propagate the
 * dependencies into bcbuf, record closeness and harmonic sums, and clear the
 * per-vertex state for the next search. */
static inline __attribute__((always_inline)) void
finish_weighted(worker *w, int32_t s, int64_t top, double *bcbuf, const bool bc, double dsum,
                double harm, int64_t reached)
{
	const ctx *c = w->c;
	const int64_t *off = c->off;
	const int32_t *nbr = c->nbr;
	const double *wd = c->wd;
	double *dist = w->dist, *sig = w->sig;
	const int32_t *stack = w->stack;
	const double blim = c->bc_limit;

	if (bc) {
		/* Back-propagation, settled vertices in reverse; stack[0] is s. */
		for (int64_t i = top - 1; i > 0; i--) {
			int32_t v = stack[i];
			if (i > PF) {
				__builtin_prefetch(nbr + off[stack[i - PF]]);
				__builtin_prefetch(wd + off[stack[i - PF]]);
			}
			double dv = dist[v];
			if (dv > blim) {
				sig[v] = 0; /* beyond the cutoff: neither target nor on a path */
				continue;
			}
			double acc = 0;
			for (int64_t e = off[v], end = off[v + 1]; e < end; e++) {
				int32_t u = nbr[e];
				double alt = dv + wd[e];
				double du = dist[u];
				if (fabs(alt - du) > NEAR * alt)
					continue;
				if (cmp_eps(alt, du) == 0 && alt <= blim)
					acc += sig[u];
			}
			double sv = sig[v], delta = sv * acc;
			bcbuf[v] += delta;
			sig[v] = (1.0 + delta) / sv;
		}
	}
	for (int64_t i = 0; i < top; i++)
		dist[stack[i]] = sig[stack[i]] = 0;

	if (c->dist_sum) {
		c->dist_sum[c->old_of[s]] = dsum;
		c->reached[c->old_of[s]] = reached;
	}
	if (c->harm)
		c->harm[c->old_of[s]] = harm;
}

/* One source, weighted. `bc` is a constant at each call site so the
 * compiler drops the σ bookkeeping from closeness-only runs. Returns false
 * if cancelled (state left dirty: the run is abandoned). */
static inline __attribute__((always_inline)) bool
dijkstra(worker *w, int32_t s, double *bcbuf, const bool bc)
{
	const ctx *c = w->c;
	const int64_t *off = c->off;
	const int32_t *nbr = c->nbr;
	const double *wd = c->wd;
	double *dist = w->dist, *sig = w->sig;
	heap *h = &w->heap;
	int32_t *stack = w->stack;
	const double blim = c->bc_limit, slim = c->search_limit;
	int64_t hs = 1, top = 0, reached = 0;
	double dsum = 0, harm = 0;

	dist[s] = 1.0;
	sig[s] = 1.0;
	h->key[0] = 1.0;
	h->v[0] = s;
	h->pos[s] = 0;
	while (hs > 0) {
		int32_t v = heap_pop(h, &hs);
		if (hs > 0) { /* the next vertex to settle, most likely */
			__builtin_prefetch(nbr + off[h->v[0]]);
			__builtin_prefetch(wd + off[h->v[0]]);
		}
		double dv = dist[v];
		if (dv > slim) {
			/* v and everything still queued lie beyond the cutoff. */
			dist[v] = sig[v] = 0;
			for (int64_t i = 0; i < hs; i++)
				dist[h->v[i]] = sig[h->v[i]] = 0;
			hs = 0;
			break;
		}
		stack[top++] = v;
		if (v != s) {
			double d = dv - 1.0;
			dsum += d;
			if (c->harm)
				harm += 1.0 / d;
			reached++;
		}
		if ((top & (CANCEL_POLL - 1)) == 0 && cancelled(c))
			return false;
		double sv = bc ? sig[v] : 0;
		for (int64_t e = off[v], end = off[v + 1]; e < end; e++) {
			int32_t u = nbr[e];
			double alt = dv + wd[e];
			double cur = dist[u];
			if (cur == 0) {
				dist[u] = alt;
				if (bc)
					sig[u] = sv;
				heap_up(h, hs++, alt, u);
				continue;
			}
			if (alt - cur > NEAR * alt)
				continue; /* longer: the common case */
			int r = cmp_eps(alt, cur);
			if (r < 0) {
				dist[u] = alt;
				if (bc)
					sig[u] = sv;
				heap_up(h, h->pos[u], alt, u);
			} else if (bc && r == 0 && alt <= blim) {
				sig[u] += sv;
			}
		}
	}

	finish_weighted(w, s, top, bcbuf, bc, dsum, harm, reached);
	return true;
}

/* One source, weighted, with Dial's bucket queue (Dial 1969) instead of the
 * heap. Bucket b holds the queued vertices whose stored distance d has
 * floor(d / W) = b, where the width W is slightly below the shortest entry
 * distance. A vertex relaxed from bucket b lands in a later bucket (its
 * distance grows by at least one entry, > W), so when bucket b is reached
 * nothing can improve its vertices any more: they are settled in any order,
 * and every predecessor of a vertex (strictly closer by a whole entry) is
 * settled in an earlier bucket — the order back-propagation needs. The
 * relaxations and the 1e-10 tie rule are those of dijkstra(); only the
 * queue differs. Buckets are a circular array longer than the largest entry
 * distance over W, used when that is short (layout_build()). */
static inline __attribute__((always_inline)) bool
dial(worker *w, int32_t s, double *bcbuf, const bool bc)
{
	const ctx *c = w->c;
	const int64_t *off = c->off;
	const int32_t *nbr = c->nbr;
	const double *wd = c->wd;
	double *dist = w->dist, *sig = w->sig;
	int32_t *head = w->bhead, *next = w->bnext, *prev = w->bprev, *slot = w->bslot;
	int32_t *stack = w->stack;
	const double blim = c->bc_limit, slim = c->search_limit, inv = c->inv_width;
	const int64_t mask = c->bmask;
	int64_t queued = 1, top = 0, reached = 0;
	double dsum = 0, harm = 0;

	dist[s] = 1.0;
	sig[s] = 1.0;
	int64_t cur = (int64_t)(1.0 * inv);
	head[cur & mask] = s;
	next[s] = prev[s] = -1;
	while (queued > 0) {
		int32_t v;
		while ((v = head[cur & mask]) < 0)
			cur++;
		int32_t nv = next[v]; /* unlink v: it is the head */
		head[cur & mask] = nv;
		if (nv >= 0) {
			prev[nv] = -1;
			__builtin_prefetch(nbr + off[nv]);
			__builtin_prefetch(wd + off[nv]);
		}
		queued--;
		double dv = dist[v];
		if (dv > slim) { /* beyond the cutoff: dropped, not relaxed */
			dist[v] = sig[v] = 0;
			continue;
		}
		stack[top++] = v;
		if (v != s) {
			double d = dv - 1.0;
			dsum += d;
			if (c->harm)
				harm += 1.0 / d;
			reached++;
		}
		if ((top & (CANCEL_POLL - 1)) == 0 && cancelled(c))
			return false;
		double sv = bc ? sig[v] : 0;
		for (int64_t e = off[v], end = off[v + 1]; e < end; e++) {
			int32_t u = nbr[e];
			double alt = dv + wd[e];
			double du = dist[u];
			if (du != 0) {
				if (alt - du > NEAR * alt)
					continue; /* longer: the common case */
				int r = cmp_eps(alt, du);
				if (r > 0)
					continue;
				if (r == 0) {
					if (bc && alt <= blim)
						sig[u] += sv;
					continue;
				}
				/* shorter: unlink u from its bucket (u is queued: a settled
				 * vertex cannot be improved) */
				int32_t p = prev[u], q = next[u];
				if (p >= 0)
					next[p] = q;
				else
					head[slot[u]] = q;
				if (q >= 0)
					prev[q] = p;
				queued--;
			}
			dist[u] = alt;
			if (bc)
				sig[u] = sv;
			int64_t b = (int64_t)(alt * inv);
			if (b <= cur) /* only if rounding of very long paths ate the margin */
				b = cur + 1;
			int32_t k = (int32_t)(b & mask), h = head[k];
			slot[u] = k;
			next[u] = h;
			prev[u] = -1;
			if (h >= 0)
				prev[h] = u;
			head[k] = u;
			queued++;
		}
	}
	finish_weighted(w, s, top, bcbuf, bc, dsum, harm, reached);
	return true;
}

/* ---- BFS ------------------------------------------------------------------- */

static inline __attribute__((always_inline)) bool
bfs(worker *w, int32_t s, double *bcbuf, const bool bc)
{
	const ctx *c = w->c;
	const int64_t *off = c->off;
	const int32_t *nbr = c->nbr;
	int32_t *level = w->level, *stack = w->stack;
	uint8_t *succ = w->succ;
	double *sig = w->sig;
	const int32_t blev = c->bc_level, slev = c->search_level;
	int64_t head = 0, top = 1, reached = 0;
	double dsum = 0, harm = 0;

	level[s] = 1;
	sig[s] = 1.0;
	stack[0] = s;
	while (head < top) {
		int32_t v = stack[head++];
		if (head + PF < top)
			__builtin_prefetch(nbr + off[stack[head + PF]]);
		int32_t lv = level[v];
		if (lv > slev) {
			/* Levels only grow: v and the rest of the queue are beyond. */
			for (int64_t i = head - 1; i < top; i++) {
				level[stack[i]] = 0;
				sig[stack[i]] = 0;
			}
			top = head - 1;
			break;
		}
		if (v != s) {
			double d = (double)(lv - 1);
			dsum += d;
			if (c->harm)
				harm += 1.0 / d;
			reached++;
		}
		if ((head & (CANCEL_POLL - 1)) == 0 && cancelled(c))
			return false;
		int32_t next = lv + 1;
		double sv = bc && next <= blev ? sig[v] : 0;
		bool has_successor = false;
		for (int64_t e = off[v], end = off[v + 1]; e < end; e++) {
			int32_t u = nbr[e];
			int32_t lu = level[u];
			if (lu == 0) {
				level[u] = next;
				stack[top++] = u;
				if (bc) {
					sig[u] = sv;
					has_successor = true;
				}
			} else if (bc && lu == next) {
				sig[u] += sv;
				has_successor = true;
			}
		}
		if (bc)
			succ[v] = has_successor;
	}

	if (bc) {
		for (int64_t i = top - 1; i > 0; i--) {
			int32_t v = stack[i];
			if (i > PF)
				__builtin_prefetch(nbr + off[stack[i - PF]]);
			int32_t lv = level[v];
			if (lv > blev) {
				sig[v] = 0; /* beyond the cutoff: neither target nor on a path */
				continue;
			}
			int32_t want = lv + 1;
			double acc = 0;
			/* The neighbours at level lv + 1 are exactly those the forward
			 * pass found or credited from v (levels never change once set):
			 * without one, v's row need not be scanned again — most actors
			 * of the last levels. */
			if (lv < blev && succ[v]) {
				for (int64_t e = off[v], end = off[v + 1]; e < end; e++)
					if (level[nbr[e]] == want)
						acc += sig[nbr[e]];
			}
			double sv = sig[v], delta = sv * acc;
			bcbuf[v] += delta;
			sig[v] = (1.0 + delta) / sv;
		}
	}
	for (int64_t i = 0; i < top; i++) {
		level[stack[i]] = 0;
		sig[stack[i]] = 0;
	}

	if (c->dist_sum) {
		c->dist_sum[c->old_of[s]] = dsum;
		c->reached[c->old_of[s]] = reached;
	}
	if (c->harm)
		c->harm[c->old_of[s]] = harm;
	return true;
}

static bool run_source(worker *w, int32_t s, double *bcbuf)
{
	if (w->c->wd && w->c->dial)
		return w->c->bc ? dial(w, s, bcbuf, true) : dial(w, s, bcbuf, false);
	if (w->c->wd)
		return w->c->bc ? dijkstra(w, s, bcbuf, true) : dijkstra(w, s, bcbuf, false);
	return w->c->bc ? bfs(w, s, bcbuf, true) : bfs(w, s, bcbuf, false);
}

/* ---- workers and the ordered reduction ------------------------------------ */

static void *worker_main(void *arg)
{
	worker *w = arg;
	ctx *c = w->c;
	const size_t bytes = (size_t)c->n * sizeof(double);
	for (;;) {
		double *buf = NULL;
		int64_t b = -1;
		pthread_mutex_lock(&c->lock);
		if (c->bc) {
			while (c->npool == 0 && !cancelled(c))
				pthread_cond_wait(&c->buf_cv, &c->lock);
			if (!cancelled(c))
				buf = c->pool[--c->npool];
		}
		if (!cancelled(c) && c->next_block < c->nblocks)
			b = c->next_block++;
		if (b < 0 && buf)
			c->pool[c->npool++] = buf;
		pthread_mutex_unlock(&c->lock);
		if (b < 0)
			break;

		if (buf)
			memset(buf, 0, bytes);
		int64_t lo = b * c->block, hi = lo + c->block < c->nsrc ? lo + c->block : c->nsrc;
		bool ok = true;
		for (int64_t k = lo; k < hi && ok; k++) {
			ok = !cancelled(c) && run_source(w, c->src[k], buf);
			atomic_fetch_add_explicit(&c->done, 1, memory_order_relaxed);
		}

		if (buf) {
			pthread_mutex_lock(&c->lock);
			if (!ok) {
				c->pool[c->npool++] = buf;
			} else {
				c->ready[b] = buf;
				while (c->next_merge < c->nblocks && c->ready[c->next_merge]) {
					double *r = c->ready[c->next_merge];
					c->ready[c->next_merge++] = NULL;
					for (int64_t v = 0; v < c->n; v++)
						c->bc_total[v] += r[v];
					c->pool[c->npool++] = r;
				}
			}
			pthread_cond_broadcast(&c->buf_cv);
			pthread_mutex_unlock(&c->lock);
		}
		if (!ok)
			break;
	}
	pthread_mutex_lock(&c->lock);
	c->finished++;
	pthread_cond_signal(&c->done_cv);
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

static void worker_free(worker *w)
{
	sm_free(w->dist);
	sm_free(w->heap.key);
	sm_free(w->heap.v);
	sm_free(w->heap.pos);
	sm_free(w->bhead);
	sm_free(w->bnext);
	sm_free(w->bprev);
	sm_free(w->bslot);
	sm_free(w->level);
	sm_free(w->succ);
	sm_free(w->sig);
	sm_free(w->stack);
}

static int worker_alloc(worker *w, ctx *c)
{
	size_t n = (size_t)(c->n > 0 ? c->n : 1);
	memset(w, 0, sizeof *w);
	w->c = c;
	w->stack = sm_malloc(n * sizeof *w->stack);
	w->sig = sm_calloc(n, sizeof *w->sig);
	bool ok = w->stack && w->sig;
	if (c->wd && c->dial) {
		size_t buckets = (size_t)c->bmask + 1;
		w->dist = sm_calloc(n, sizeof *w->dist);
		w->bhead = sm_malloc(buckets * sizeof *w->bhead);
		w->bnext = sm_malloc(n * sizeof *w->bnext);
		w->bprev = sm_malloc(n * sizeof *w->bprev);
		w->bslot = sm_malloc(n * sizeof *w->bslot);
		ok = ok && w->dist && w->bhead && w->bnext && w->bprev && w->bslot;
		if (ok)
			memset(w->bhead, 0xff, buckets * sizeof *w->bhead); /* all −1 */
	} else if (c->wd) {
		w->dist = sm_calloc(n, sizeof *w->dist);
		w->heap.key = sm_malloc(n * sizeof *w->heap.key);
		w->heap.v = sm_malloc(n * sizeof *w->heap.v);
		w->heap.pos = sm_malloc(n * sizeof *w->heap.pos);
		ok = ok && w->dist && w->heap.key && w->heap.v && w->heap.pos;
	} else {
		w->level = sm_calloc(n, sizeof *w->level);
		w->succ = sm_calloc(n, sizeof *w->succ);
		ok = ok && w->level && w->succ;
	}
	if (!ok) {
		worker_free(w);
		return sm_fail_nomem();
	}
	return SM_OK;
}

/* Block size: a function of the graph only (never of the thread count), so
 * the summation order is fixed. About 64 sources for small graphs, fewer
 * when one search is long, to keep the last blocks from idling a core. */
static int64_t block_size(int64_t n, int64_t entries)
{
	int64_t b = (int64_t)16000000 / (n + entries + 1);
	return b < 1 ? 1 : b > 64 ? 64 : b;
}

static int cmp_int32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Run the workers and, on this thread, report progress. */
static int run(ctx *c, int threads, const sm_paths_options *opts)
{
	sm_progress prog;
	int rc = sm_progress_begin(&prog, opts->progress, opts->progress_user, "shortest paths",
	                           c->nsrc);
	if (rc)
		return rc;

	int npool = c->bc ? 2 * threads : 0;
	worker *ws = sm_calloc((size_t)threads, sizeof *ws);
	double **bufs = sm_calloc((size_t)npool + 1, sizeof *bufs);
	double **pool = sm_calloc((size_t)npool + 1, sizeof *pool);
	double **ready = sm_calloc((size_t)c->nblocks + 1, sizeof *ready);
	int nworkers = 0, nbufs = 0;
	if (!ws || !bufs || !pool || !ready)
		goto nomem;
	for (; nbufs < npool; nbufs++) {
		bufs[nbufs] = sm_malloc((size_t)c->n * sizeof(double));
		if (!bufs[nbufs])
			goto nomem;
		pool[nbufs] = bufs[nbufs];
	}
	for (; nworkers < threads; nworkers++)
		if (worker_alloc(&ws[nworkers], c))
			goto nomem;
	c->pool = pool;
	c->npool = npool;
	c->ready = ready;

	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->buf_cv, NULL);
	pthread_cond_init(&c->done_cv, NULL);
	int started = 0, err = 0;
	for (; started < threads; started++) {
		err = pthread_create(&ws[started].thread, NULL, worker_main, &ws[started]);
		if (err)
			break; /* run with the threads that did start: same result, slower */
	}
	if (started == 0) {
		rc = sm_fail(SM_ENOMEM, "shortest paths: cannot start a worker thread: %s",
		             strerror(err));
	} else {
		pthread_mutex_lock(&c->lock);
		while (c->finished < started) {
			if (!opts->progress) {
				pthread_cond_wait(&c->done_cv, &c->lock);
				continue;
			}
			struct timespec t;
			clock_gettime(CLOCK_REALTIME, &t);
			t.tv_nsec += 50 * 1000 * 1000;
			if (t.tv_nsec >= 1000000000L) {
				t.tv_sec++;
				t.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&c->done_cv, &c->lock, &t);
			if (rc || c->finished >= started)
				continue;
			pthread_mutex_unlock(&c->lock);
			rc = sm_progress_step(&prog, (int64_t)atomic_load(&c->done));
			pthread_mutex_lock(&c->lock);
			if (rc) {
				atomic_store(&c->cancel, 1);
				pthread_cond_broadcast(&c->buf_cv);
			}
		}
		pthread_mutex_unlock(&c->lock);
		for (int i = 0; i < started; i++)
			pthread_join(ws[i].thread, NULL);
		if (!rc)
			rc = sm_progress_end(&prog);
	}
	pthread_cond_destroy(&c->done_cv);
	pthread_cond_destroy(&c->buf_cv);
	pthread_mutex_destroy(&c->lock);
	goto out;

nomem:
	rc = sm_fail_nomem();
out:
	if (ws)
		for (int i = 0; i < nworkers; i++)
			worker_free(&ws[i]);
	if (bufs)
		for (int i = 0; i < nbufs; i++)
			sm_free(bufs[i]);
	sm_free(ws);
	sm_free(bufs);
	sm_free(pool);
	sm_free(ready);
	return rc;
}

/* The searched rows, renumbered in breadth-first order (from the actor with
 * most entries, then from each actor not yet numbered, in id order), with
 * the distance of every entry. Neighbours get nearby numbers, so a search
 * touches fewer cache lines of the per-vertex arrays and of the rows. */
typedef struct layout {
	int64_t *off;
	int32_t *nbr;
	double *wd;      /* NULL: every distance is 1 (BFS) */
	int32_t *old_of; /* new number → actor */
	int32_t *new_of; /* actor → new number */
	double min_wd, max_wd; /* shortest and longest entry distance (wd only) */
} layout;

static void layout_dispose(layout *L)
{
	sm_free(L->off);
	sm_free(L->nbr);
	sm_free(L->wd);
	sm_free(L->old_of);
	sm_free(L->new_of);
	memset(L, 0, sizeof *L);
}

static int layout_build(layout *L, const sm_csr *csr, int64_t n, sm_distance distance)
{
	int64_t entries = n > 0 ? csr->offsets[n] : 0;
	size_t nn = (size_t)(n > 0 ? n : 1), ne = (size_t)(entries > 0 ? entries : 1);
	memset(L, 0, sizeof *L);
	L->off = sm_malloc((nn + 1) * sizeof *L->off);
	L->nbr = sm_malloc(ne * sizeof *L->nbr);
	L->old_of = sm_malloc(nn * sizeof *L->old_of);
	L->new_of = sm_malloc(nn * sizeof *L->new_of);
	if (distance != SM_DIST_HOPS)
		L->wd = sm_malloc(ne * sizeof *L->wd);
	if (!L->off || !L->nbr || !L->old_of || !L->new_of ||
	    (distance != SM_DIST_HOPS && !L->wd)) {
		layout_dispose(L);
		return sm_fail_nomem();
	}
	const int64_t *off = csr->offsets;
	int32_t best = 0;
	for (int64_t v = 0; v < n; v++) {
		L->new_of[v] = -1;
		if (off[v + 1] - off[v] > off[best + 1] - off[best])
			best = (int32_t)v;
	}
	int64_t head = 0, tail = 0;
	for (int64_t k = -1; k < n; k++) {
		int32_t root = k < 0 ? best : (int32_t)k;
		if (n == 0 || L->new_of[root] >= 0)
			continue;
		L->new_of[root] = (int32_t)tail;
		L->old_of[tail++] = root;
		while (head < tail) {
			int32_t v = L->old_of[head++];
			for (int64_t e = off[v]; e < off[v + 1]; e++) {
				int32_t u = csr->nbr[e];
				if (L->new_of[u] < 0) {
					L->new_of[u] = (int32_t)tail;
					L->old_of[tail++] = u;
				}
			}
		}
	}
	bool all_one = true;
	int64_t o = 0;
	L->min_wd = INFINITY;
	L->max_wd = 0;
	for (int64_t i = 0; i < n; i++) {
		int32_t v = L->old_of[i];
		L->off[i] = o;
		for (int64_t e = off[v]; e < off[v + 1]; e++, o++) {
			L->nbr[o] = L->new_of[csr->nbr[e]];
			if (!L->wd)
				continue;
			double d = sm_distance_of(csr->q[e], distance);
			if (!(d > 0) || !isfinite(d)) {
				double q = csr->q[e];
				layout_dispose(L);
				return sm_fail(SM_EINVAL,
				               "quality %g gives the path distance %g; shortest paths need "
				               "positive finite distances (combine with max or mean, or "
				               "use another distance)",
				               q, d);
			}
			L->wd[o] = d;
			all_one = all_one && d == 1.0;
			L->min_wd = d < L->min_wd ? d : L->min_wd;
			L->max_wd = d > L->max_wd ? d : L->max_wd;
		}
	}
	L->off[n > 0 ? n : 0] = o;
	if (all_one) { /* hops in disguise: BFS gives the same numbers, faster */
		sm_free(L->wd);
		L->wd = NULL;
	}
	return SM_OK;
}

int sm_paths(sm_paths_result *out, const sm_graph *g, const sm_paths_options *opts)
{
	int64_t n = g->n;
	if (opts->samples < 0 || opts->samples > n)
		return sm_fail(SM_EINVAL, "samples %lld is outside [0, %lld] (the number of actors)",
		               (long long)opts->samples, (long long)n);
	if (!(opts->cutoff >= 0))
		return sm_fail(SM_EINVAL, "cutoff %g is not a non-negative number", opts->cutoff);
	if (opts->threads < 0)
		return sm_fail(SM_EINVAL, "threads %d is negative", opts->threads);
	if (opts->distance != SM_DIST_INVERSE && opts->distance != SM_DIST_LOG &&
	    opts->distance != SM_DIST_HOPS)
		return sm_fail(SM_EINVAL, "unknown distance transform %d", (int)opts->distance);

	const sm_csr *csr = opts->reverse ? &g->in : &g->out;
	layout L;
	int rc = layout_build(&L, csr, n, opts->distance);
	if (rc)
		return rc;

	ctx c;
	memset(&c, 0, sizeof c);
	c.n = n;
	c.off = L.off;
	c.nbr = L.nbr;
	c.wd = L.wd;
	c.old_of = L.old_of;
	if (L.wd) {
		/* Buckets of width W a hair below the shortest entry distance, so that
		 * floor(d / W) grows by at least one along every entry despite
		 * rounding; worth it while the circular array stays short. */
		double width = L.min_wd * (1.0 - 1e-9);
		double span = L.max_wd / width + 2.0;
		if (span <= (double)DIAL_MAX_BUCKETS) {
			int64_t size = 1;
			while ((double)size < span)
				size <<= 1;
			c.dial = true;
			c.inv_width = 1.0 / width;
			c.bmask = size - 1;
		}
	}
	c.bc = opts->betweenness;
	c.closeness = opts->closeness;
	c.harmonic = opts->harmonic;
	bool has_cutoff = opts->cutoff > 0 && isfinite(opts->cutoff);
	c.bc_limit = has_cutoff ? opts->cutoff + 1.0 : INFINITY;
	c.search_limit = opts->closeness || opts->harmonic ? INFINITY : c.bc_limit;
	c.bc_level = INT32_MAX;
	if (has_cutoff && opts->cutoff + 1.0 < (double)INT32_MAX)
		c.bc_level = (int32_t)floor(opts->cutoff + 1.0);
	c.search_level = opts->closeness || opts->harmonic ? INT32_MAX : c.bc_level;

	sm_paths_result r;
	memset(&r, 0, sizeof r);
	size_t nn = (size_t)(n > 0 ? n : 1);
	int32_t *src = sm_malloc(nn * sizeof *src);
	double *total = NULL;
	if (opts->betweenness) {
		r.betweenness = sm_calloc(nn, sizeof *r.betweenness);
		total = sm_calloc(nn, sizeof *total);
	}
	if (opts->closeness) {
		r.distance_sum = sm_calloc(nn, sizeof *r.distance_sum);
		r.reached = sm_calloc(nn, sizeof *r.reached);
	}
	if (opts->harmonic)
		r.harmonic = sm_calloc(nn, sizeof *r.harmonic);
	if (!src || (opts->betweenness && (!r.betweenness || !total)) ||
	    (opts->closeness && (!r.distance_sum || !r.reached)) ||
	    (opts->harmonic && !r.harmonic)) {
		sm_free(src);
		sm_free(total);
		layout_dispose(&L);
		sm_paths_result_dispose(&r);
		return sm_fail_nomem();
	}

	/* Sources: every actor, or k drawn without replacement (partial
	 * Fisher–Yates with the seeded generator); searched in actor order. */
	for (int64_t i = 0; i < n; i++)
		src[i] = (int32_t)i;
	int64_t nsrc = n;
	if (opts->samples > 0) {
		sm_rng rng;
		sm_rng_seed(&rng, opts->seed);
		for (int64_t i = 0; i < opts->samples; i++) {
			int64_t j = i + (int64_t)sm_rng_below(&rng, (uint64_t)(n - i));
			int32_t t = src[i];
			src[i] = src[j];
			src[j] = t;
		}
		nsrc = opts->samples;
		qsort(src, (size_t)nsrc, sizeof *src, cmp_int32);
	}
	for (int64_t i = 0; i < nsrc; i++)
		src[i] = L.new_of[src[i]];
	c.src = src;
	c.nsrc = nsrc;
	c.block = block_size(n, n > 0 ? L.off[n] : 0);
	c.nblocks = (nsrc + c.block - 1) / c.block;
	c.bc_total = total;
	c.dist_sum = r.distance_sum;
	c.reached = r.reached;
	c.harm = r.harmonic;
	r.sources = nsrc;

	if (nsrc > 0 && (opts->betweenness || opts->closeness || opts->harmonic)) {
		long threads = opts->threads > 0 ? opts->threads : sysconf(_SC_NPROCESSORS_ONLN);
		if (threads < 1)
			threads = 1;
		if (threads > c.nblocks)
			threads = (long)c.nblocks;
		if (threads > 1024)
			threads = 1024;
		rc = run(&c, (int)threads, opts);
	}
	if (!rc && total)
		for (int64_t v = 0; v < n; v++)
			r.betweenness[v] = total[L.new_of[v]];
	sm_free(src);
	sm_free(total);
	layout_dispose(&L);
	if (rc) {
		sm_paths_result_dispose(&r);
		return rc;
	}
	*out = r;
	return SM_OK;
}

void sm_paths_result_dispose(sm_paths_result *r)
{
	if (!r)
		return;
	sm_free(r->betweenness);
	sm_free(r->distance_sum);
	sm_free(r->reached);
	sm_free(r->harmonic);
	memset(r, 0, sizeof *r);
}
