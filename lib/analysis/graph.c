/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "analysis/graph.h"

static void csr_free(sm_csr *c)
{
	sm_free(c->offsets);
	sm_free(c->nbr);
	sm_free(c->q);
	memset(c, 0, sizeof *c);
}

/* Merge runs of equal neighbours in each (sorted) row of `src`. */
static int combine_rows(sm_csr *dst, const sm_csr *src, sm_combine rule, bool weighted)
{
	int64_t n = src->n, entries = src->offsets[n];
	dst->n = n;
	dst->offsets = sm_malloc((size_t)(n + 1) * sizeof *dst->offsets);
	dst->nbr = sm_malloc((size_t)(entries ? entries : 1) * sizeof *dst->nbr);
	dst->q = sm_malloc((size_t)(entries ? entries : 1) * sizeof *dst->q);
	if (!dst->offsets || !dst->nbr || !dst->q) {
		csr_free(dst);
		return sm_fail_nomem();
	}
	int64_t o = 0;
	for (int64_t v = 0; v < n; v++) {
		dst->offsets[v] = o;
		int64_t i = src->offsets[v], end = src->offsets[v + 1];
		while (i < end) {
			int32_t w = src->nbr[i];
			double acc = src->q[i], count = 1;
			for (i++; i < end && src->nbr[i] == w; i++) {
				count++;
				if (rule == SM_COMBINE_MAX)
					acc = src->q[i] > acc ? src->q[i] : acc;
				else
					acc += src->q[i];
			}
			dst->nbr[o] = w;
			dst->q[o++] = !weighted ? 1.0 : rule == SM_COMBINE_MEAN ? acc / count : acc;
		}
	}
	dst->offsets[n] = o;
	/* Give back what multi-relationships left unused. */
	if (o < entries && o > 0) {
		int32_t *nb = sm_realloc(dst->nbr, (size_t)o * sizeof *nb);
		double *q = sm_realloc(dst->q, (size_t)o * sizeof *q);
		if (nb)
			dst->nbr = nb;
		if (q)
			dst->q = q;
	}
	return SM_OK;
}

int sm_graph_build(sm_graph *g, const sm_network *net, sm_combine combine, bool weighted)
{
	if (combine != SM_COMBINE_MAX && combine != SM_COMBINE_SUM && combine != SM_COMBINE_MEAN)
		return sm_fail(SM_EINVAL, "unknown rule %d for combining multi-relationships",
		               (int)combine);
	const sm_frozen *f = sm_network_frozen(net);
	if (!f)
		return sm_error_last()->code;
	sm_graph tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.n = (int64_t)net->n;
	tmp.directed = net->directed;
	int rc = combine_rows(&tmp.out, &f->out, combine, weighted);
	if (rc == SM_OK && net->directed)
		rc = combine_rows(&tmp.in, &f->in, combine, weighted);
	if (rc) {
		sm_graph_dispose(&tmp);
		return rc;
	}
	if (!net->directed)
		tmp.in = tmp.out;
	*g = tmp;
	return SM_OK;
}

void sm_graph_dispose(sm_graph *g)
{
	if (g->directed)
		csr_free(&g->in);
	csr_free(&g->out);
	memset(g, 0, sizeof *g);
}

/* ---- the mutual graph ------------------------------------------------- */

void sm_mutual_dispose(sm_mutual *mu)
{
	if (mu->owned) {
		sm_free(mu->m.offsets);
		sm_free(mu->m.nbr);
		sm_free(mu->m.q);
	}
	memset(mu, 0, sizeof *mu);
}

int sm_mutual_build(sm_mutual *out, const sm_graph *g)
{
	if (!g->directed) {
		out->m = g->out;
		out->owned = false;
		return SM_OK;
	}
	const sm_csr *o = &g->out, *in = &g->in;
	int64_t n = g->n, entries = o->offsets[n] + in->offsets[n];
	sm_csr m = { .n = n };
	m.offsets = sm_malloc((size_t)(n + 1) * sizeof *m.offsets);
	m.nbr = sm_malloc((size_t)(entries ? entries : 1) * sizeof *m.nbr);
	m.q = sm_malloc((size_t)(entries ? entries : 1) * sizeof *m.q);
	if (!m.offsets || !m.nbr || !m.q) {
		sm_free(m.offsets);
		sm_free(m.nbr);
		sm_free(m.q);
		return sm_fail_nomem();
	}
	int64_t k = 0;
	for (int64_t v = 0; v < n; v++) {
		m.offsets[v] = k;
		int64_t i = o->offsets[v], ie = o->offsets[v + 1];
		int64_t j = in->offsets[v], je = in->offsets[v + 1];
		while (i < ie || j < je) {
			if (j >= je || (i < ie && o->nbr[i] < in->nbr[j])) {
				m.nbr[k] = o->nbr[i];
				m.q[k++] = o->q[i++];
			} else if (i >= ie || in->nbr[j] < o->nbr[i]) {
				m.nbr[k] = in->nbr[j];
				m.q[k++] = in->q[j++];
			} else {
				m.nbr[k] = o->nbr[i];
				m.q[k++] = o->q[i++] + in->q[j++];
			}
		}
	}
	m.offsets[n] = k;
	out->m = m;
	out->owned = true;
	return SM_OK;
}
