/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Freezing: the compressed sparse row adjacency the analyses traverse.
 * Built in O(n + m): one counting pass for row sizes, one pass placing the
 * entries in relationship order, then each row sorted by neighbour with a
 * stable sort (so multi-relationships stay in relationship order).
 */
#include <string.h>

#include "model/network_internal.h"

static void csr_dispose(sm_csr *c)
{
	sm_free(c->offsets);
	sm_free(c->nbr);
	sm_free(c->q);
	memset(c, 0, sizeof *c);
}

static void frozen_free(sm_frozen *f)
{
	if (!f)
		return;
	csr_dispose(&f->out);
	csr_dispose(&f->in);
	sm_igraph_view_free(atomic_load(&f->igraph));
	sm_free(f);
}

void sm_network_thaw(sm_network *net)
{
	sm_frozen *f = atomic_exchange(&net->frozen, NULL);
	frozen_free(f);
}

/* Stable sort of one row by neighbour: insertion sort for short rows,
 * bottom-up merge sort through `tmp_n`/`tmp_q` for long ones. */
static void sort_row(int32_t *nbr, double *q, int64_t len, int32_t *tmp_n, double *tmp_q)
{
	if (len <= 32) {
		for (int64_t i = 1; i < len; i++) {
			int32_t v = nbr[i];
			double w = q[i];
			int64_t j = i;
			while (j > 0 && nbr[j - 1] > v) {
				nbr[j] = nbr[j - 1];
				q[j] = q[j - 1];
				j--;
			}
			nbr[j] = v;
			q[j] = w;
		}
		return;
	}
	int32_t *src_n = nbr, *dst_n = tmp_n;
	double *src_q = q, *dst_q = tmp_q;
	for (int64_t width = 1; width < len; width *= 2) {
		for (int64_t lo = 0; lo < len; lo += 2 * width) {
			int64_t mid = lo + width < len ? lo + width : len;
			int64_t hi = lo + 2 * width < len ? lo + 2 * width : len;
			int64_t a = lo, b = mid, o = lo;
			while (a < mid && b < hi) {
				if (src_n[b] < src_n[a]) {
					dst_n[o] = src_n[b];
					dst_q[o++] = src_q[b++];
				} else {
					dst_n[o] = src_n[a];
					dst_q[o++] = src_q[a++];
				}
			}
			while (a < mid) {
				dst_n[o] = src_n[a];
				dst_q[o++] = src_q[a++];
			}
			while (b < hi) {
				dst_n[o] = src_n[b];
				dst_q[o++] = src_q[b++];
			}
		}
		int32_t *tn = src_n;
		src_n = dst_n;
		dst_n = tn;
		double *tq = src_q;
		src_q = dst_q;
		dst_q = tq;
	}
	if (src_n != nbr) {
		memcpy(nbr, src_n, (size_t)len * sizeof *nbr);
		memcpy(q, src_q, (size_t)len * sizeof *q);
	}
}

/* Build rows keyed by `row_of` with neighbours `col_of`; when `both`, each
 * relationship also goes into the row of its other end. */
static int csr_build(sm_csr *c, const sm_network *net, const int32_t *row_of,
                     const int32_t *col_of, bool both)
{
	size_t n = net->n, m = net->m;
	size_t entries = both ? 2 * m : m;
	c->n = (int64_t)n;
	c->offsets = sm_calloc(n + 1, sizeof *c->offsets);
	c->nbr = sm_reallocarray(NULL, entries ? entries : 1, sizeof *c->nbr);
	c->q = sm_reallocarray(NULL, entries ? entries : 1, sizeof *c->q);
	if (!c->offsets || !c->nbr || !c->q) {
		csr_dispose(c);
		return sm_fail_nomem();
	}
	int64_t *off = c->offsets;
	for (size_t r = 0; r < m; r++) {
		off[row_of[r] + 1]++;
		if (both)
			off[col_of[r] + 1]++;
	}
	int64_t max_row = 0;
	for (size_t v = 0; v < n; v++) {
		int64_t len = off[v + 1];
		if (len > max_row)
			max_row = len;
		off[v + 1] += off[v];
	}
	/* off[v] doubles as the fill cursor of row v, then is restored. */
	for (size_t r = 0; r < m; r++) {
		int32_t a = row_of[r], b = col_of[r];
		int64_t i = off[a]++;
		c->nbr[i] = b;
		c->q[i] = net->rel_quality[r];
		if (both) {
			i = off[b]++;
			c->nbr[i] = a;
			c->q[i] = net->rel_quality[r];
		}
	}
	for (size_t v = n; v > 0; v--)
		off[v] = off[v - 1];
	off[0] = 0;

	int32_t *tmp_n = NULL;
	double *tmp_q = NULL;
	if (max_row > 32) {
		tmp_n = sm_reallocarray(NULL, (size_t)max_row, sizeof *tmp_n);
		tmp_q = sm_reallocarray(NULL, (size_t)max_row, sizeof *tmp_q);
		if (!tmp_n || !tmp_q) {
			sm_free(tmp_n);
			sm_free(tmp_q);
			csr_dispose(c);
			return sm_fail_nomem();
		}
	}
	for (size_t v = 0; v < n; v++)
		sort_row(c->nbr + off[v], c->q + off[v], off[v + 1] - off[v], tmp_n, tmp_q);
	sm_free(tmp_n);
	sm_free(tmp_q);
	return SM_OK;
}

static int frozen_build(sm_frozen **out, const sm_network *net)
{
	sm_frozen *f = sm_calloc(1, sizeof *f);
	if (!f)
		return sm_fail_nomem();
	atomic_init(&f->igraph, NULL);
	int rc;
	if (net->directed) {
		rc = csr_build(&f->out, net, net->rel_source, net->rel_target, false);
		if (rc == SM_OK)
			rc = csr_build(&f->in, net, net->rel_target, net->rel_source, false);
	} else {
		rc = csr_build(&f->out, net, net->rel_source, net->rel_target, true);
	}
	if (rc) {
		frozen_free(f);
		return rc;
	}
	*out = f;
	return SM_OK;
}

const sm_frozen *sm_network_frozen(const sm_network *cnet)
{
	/* Freezing changes no observable state: the cache lives behind a
	 * mutex and an atomic pointer, hence the cast. */
	sm_network *net = (sm_network *)cnet;
	sm_frozen *f = atomic_load_explicit(&net->frozen, memory_order_acquire);
	if (f)
		return f;
	pthread_mutex_lock(&net->freeze_lock);
	f = atomic_load_explicit(&net->frozen, memory_order_acquire);
	if (!f && frozen_build(&f, net) == SM_OK)
		atomic_store_explicit(&net->frozen, f, memory_order_release);
	pthread_mutex_unlock(&net->freeze_lock);
	return f;
}

int sm_network_freeze(const sm_network *net)
{
	return sm_network_frozen(net) ? SM_OK : sm_error_last()->code;
}
