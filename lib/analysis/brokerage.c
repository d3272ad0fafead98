/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Who connects (include/stakemap/brokerage.h, docs/brokerage.md):
 *
 * - Burt's constraint, effective size and efficiency, as NetworkX 2.8's
 *   constraint() and effective_size() define them. Everything is computed
 *   on the "mutual" graph M: M[u][v] = a_uv + a_vu, the sum of the combined
 *   qualities (or 1s) of the relationships u→v and v→u, and N(u) = every
 *   actor tied to u in either direction (NetworkX's all_neighbors). On an
 *   undirected network M = 2A; the factor 2 cancels in every ratio (and
 *   doubling is exact in floating point), so the combined graph is used as
 *   it is. With p_uv = M[u][v] / Σ_w M[u][w] and m_uv = M[u][v] / max_w M[u][w]:
 *     constraint(v)     = Σ_{n∈N(v)} (p_vn + Σ_{w∈N(v)} p_vw p_wn)²
 *     effective_size(v) = Σ_{u∈N(v)} (1 − Σ_{w∈N(v)} p_vw m_uw)
 *     efficiency(v)     = effective_size(v) / |N(v)|
 *   Both sums over pairs of contacts are scattered from each contact w over
 *   w's own contacts, keeping those that are contacts of v (a position
 *   array marks them), so the cost is Σ_w deg(w)², with no look-ups.
 *
 * - Gould–Fernandez roles: for every ordered two-path a→b→c with a ≠ c and
 *   no tie a→c (the open two-paths of Gould & Fernandez 1989, as statnet's
 *   sna::brokerage counts them), b's role is read from the groups of a, b
 *   and c. Undirected relationships are ties both ways, so an open a–b–c
 *   counts as a→b→c and c→b→a. Per actor a: mark a's out-contacts, then walk
 *   a→b→c; cost Σ_b in(b)·out(b).
 *
 * - Participation coefficient (Guimerà & Amaral 2005) over M: k_i = Σ_j
 *   M[i][j], k_is the part of it to actors of group s,
 *   P_i = 1 − Σ_s (k_is / k_i)²; 0 without contacts. Cost O(m).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/graph.h"
#include "analysis/groups.h"
#include "core/hashmap.h"
#include "core/progress.h"
#include "stakemap/brokerage.h"

void sm_brokerage_options_init(sm_brokerage_options *opts)
{
	sm_brokerage_options defaults = SM_BROKERAGE_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}

/* ---- the computations ------------------------------------------------- */

enum { ROLE_COORDINATOR, ROLE_ITINERANT, ROLE_GATEKEEPER, ROLE_REPRESENTATIVE, ROLE_LIAISON,
       ROLE_COUNT };

static const char *const role_names[ROLE_COUNT] = {
	"coordinator", "itinerant", "gatekeeper", "representative", "liaison"
};

/* Every per-actor result and the scratch space to compute them. */
typedef struct results {
	double *constraint, *effective_size, *efficiency, *participation;
	int64_t *roles[ROLE_COUNT];
	/* scratch */
	double *sum, *max;   /* per actor: Σ_w M[v][w], max_w M[v][w] */
	int64_t *slot;       /* position of an actor among v's contacts, or −1 */
	double *p, *indirect, *redundancy; /* per contact of v */
	double *group_sum;   /* per group: k_is */
	int32_t *touched;    /* groups with group_sum ≠ 0 */
} results;

static void results_dispose(results *r)
{
	sm_free(r->constraint);
	sm_free(r->effective_size);
	sm_free(r->efficiency);
	sm_free(r->participation);
	for (int k = 0; k < ROLE_COUNT; k++)
		sm_free(r->roles[k]);
	sm_free(r->sum);
	sm_free(r->max);
	sm_free(r->slot);
	sm_free(r->p);
	sm_free(r->indirect);
	sm_free(r->redundancy);
	sm_free(r->group_sum);
	sm_free(r->touched);
	memset(r, 0, sizeof *r);
}

static int results_alloc(results *r, const sm_csr *m, int32_t groups)
{
	size_t n = m->n ? (size_t)m->n : 1;
	int64_t degmax = 0;
	for (int64_t v = 0; v < m->n; v++)
		if (m->offsets[v + 1] - m->offsets[v] > degmax)
			degmax = m->offsets[v + 1] - m->offsets[v];
	size_t d = degmax ? (size_t)degmax : 1, gs = groups ? (size_t)groups : 1;
	memset(r, 0, sizeof *r);
	r->constraint = sm_malloc(n * sizeof(double));
	r->effective_size = sm_malloc(n * sizeof(double));
	r->efficiency = sm_malloc(n * sizeof(double));
	r->participation = sm_malloc(n * sizeof(double));
	bool ok = r->constraint && r->effective_size && r->efficiency && r->participation;
	for (int k = 0; k < ROLE_COUNT && ok; k++)
		ok = (r->roles[k] = sm_calloc(n, sizeof(int64_t))) != NULL;
	if (ok) {
		r->sum = sm_malloc(n * sizeof(double));
		r->max = sm_malloc(n * sizeof(double));
		r->slot = sm_malloc(n * sizeof(int64_t));
		r->p = sm_malloc(d * sizeof(double));
		r->indirect = sm_malloc(d * sizeof(double));
		r->redundancy = sm_malloc(d * sizeof(double));
		r->group_sum = sm_calloc(gs, sizeof(double));
		r->touched = sm_malloc(gs * sizeof(int32_t));
		ok = r->sum && r->max && r->slot && r->p && r->indirect && r->redundancy &&
		     r->group_sum && r->touched;
	}
	if (!ok) {
		results_dispose(r);
		return sm_fail_nomem();
	}
	return SM_OK;
}

/* Constraint, effective size and efficiency of every actor. */
static int structural_holes(results *r, const sm_csr *m, sm_progress *prog, int64_t *done)
{
	const int64_t n = m->n;
	const int64_t *off = m->offsets;
	const int32_t *nbr = m->nbr;
	const double *w = m->q;
	for (int64_t v = 0; v < n; v++) {
		double s = 0, mx = 0;
		for (int64_t e = off[v]; e < off[v + 1]; e++) {
			s += w[e];
			mx = w[e] > mx ? w[e] : mx;
		}
		r->sum[v] = s;
		r->max[v] = mx;
		r->slot[v] = -1;
	}
	for (int64_t v = 0; v < n; v++) {
		int64_t b = off[v], k = off[v + 1] - b;
		if (k == 0) {
			/* Not defined without contacts: NaN, as NetworkX. */
			r->constraint[v] = r->effective_size[v] = r->efficiency[v] = NAN;
		} else {
			for (int64_t j = 0; j < k; j++) {
				r->slot[nbr[b + j]] = j;
				r->p[j] = w[b + j] / r->sum[v];
				r->indirect[j] = 0;
				r->redundancy[j] = 0;
			}
			/* From each contact x of v, over x's contacts y that are v's too:
			 *   indirect[y]   += p_vx · p_xy
			 *   redundancy[y] += p_vx · m_yx   (m_yx = M[x][y] / max_z M[y][z]) */
			for (int64_t j = 0; j < k; j++) {
				int32_t x = nbr[b + j];
				double pvx = r->p[j], sx = r->sum[x];
				for (int64_t e = off[x]; e < off[x + 1]; e++) {
					int64_t t = r->slot[nbr[e]];
					if (t < 0)
						continue;
					r->indirect[t] += pvx * (w[e] / sx);
					r->redundancy[t] += pvx * (w[e] / r->max[nbr[e]]);
				}
			}
			double c = 0, es = 0;
			for (int64_t j = 0; j < k; j++) {
				double l = r->p[j] + r->indirect[j];
				c += l * l;
				es += 1.0 - r->redundancy[j];
				r->slot[nbr[b + j]] = -1;
			}
			r->constraint[v] = c;
			r->effective_size[v] = es;
			r->efficiency[v] = es / (double)k;
		}
		int rc = sm_progress_step(prog, ++*done);
		if (rc)
			return rc;
	}
	return SM_OK;
}

/* Gould–Fernandez role counts over the directed (or both-ways) ties of g.
 * `tied` is scratch of n entries. */
static int roles(results *r, const sm_csr *out, const int32_t *grp, int64_t *tied,
                 sm_progress *prog, int64_t *done)
{
	const int64_t n = out->n;
	const int64_t *off = out->offsets;
	const int32_t *nbr = out->nbr;
	for (int64_t v = 0; v < n; v++)
		tied[v] = -1;
	for (int64_t a = 0; a < n; a++) {
		for (int64_t e = off[a]; e < off[a + 1]; e++)
			tied[nbr[e]] = a;
		int32_t ga = grp[a];
		for (int64_t e = off[a]; e < off[a + 1]; e++) {
			int32_t b = nbr[e], gb = grp[b];
			for (int64_t f = off[b]; f < off[b + 1]; f++) {
				int32_t c = nbr[f];
				if (c == a || tied[c] == a)
					continue; /* closed: a is tied to c already */
				int32_t gc = grp[c];
				int role;
				if (ga == gc)
					role = gb == ga ? ROLE_COORDINATOR : ROLE_ITINERANT;
				else if (gb == gc)
					role = ROLE_GATEKEEPER;
				else if (ga == gb)
					role = ROLE_REPRESENTATIVE;
				else
					role = ROLE_LIAISON;
				r->roles[role][b]++;
			}
		}
		int rc = sm_progress_step(prog, ++*done);
		if (rc)
			return rc;
	}
	return SM_OK;
}

/* Participation coefficient of every actor over the groups `grp`. */
static int participation(results *r, const sm_csr *m, const int32_t *grp, sm_progress *prog,
                         int64_t *done)
{
	for (int64_t i = 0; i < m->n; i++) {
		double k = 0;
		int32_t ntouched = 0;
		for (int64_t e = m->offsets[i]; e < m->offsets[i + 1]; e++) {
			int32_t s = grp[m->nbr[e]];
			if (r->group_sum[s] == 0)
				r->touched[ntouched++] = s;
			r->group_sum[s] += m->q[e];
			k += m->q[e];
		}
		double sq = 0;
		for (int32_t t = 0; t < ntouched; t++) {
			double f = r->group_sum[r->touched[t]] / k;
			sq += f * f;
			r->group_sum[r->touched[t]] = 0;
		}
		r->participation[i] = ntouched ? 1.0 - sq : 0.0;
		int rc = sm_progress_step(prog, ++*done);
		if (rc)
			return rc;
	}
	return SM_OK;
}

/* ---- the result table -------------------------------------------------- */

static int make_table(sm_table **out, const sm_network *net, const results *r,
                      const sm_grouping *by, const sm_brokerage_options *o, const char *by_name,
                      const char *groups_name)
{
	size_t n = net->n, cid, cgroup, cc, ces, ceff, crole[ROLE_COUNT], ctotal, cpart;
	sm_table *t = NULL;
	int rc;
	if ((rc = sm_table_new(&t, n)) ||
	    (rc = sm_table_add_column(&cid, t, "id", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cgroup, t, "group", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cc, t, "constraint", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&ces, t, "effective_size", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&ceff, t, "efficiency", SM_COLUMN_DOUBLE)))
		goto fail;
	for (int k = 0; k < ROLE_COUNT; k++)
		if ((rc = sm_table_add_column(&crole[k], t, role_names[k], SM_COLUMN_INT64)))
			goto fail;
	if ((rc = sm_table_add_column(&ctotal, t, "brokerage", SM_COLUMN_INT64)) ||
	    (rc = sm_table_add_column(&cpart, t, "participation", SM_COLUMN_DOUBLE)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		int64_t total = 0;
		if ((rc = sm_table_set_string(t, cid, i, net->actor_id[i])) ||
		    (rc = sm_table_set_string(t, cgroup, i, by->name[by->of[i]])) ||
		    (rc = sm_table_set_double(t, cc, i, r->constraint[i])) ||
		    (rc = sm_table_set_double(t, ces, i, r->effective_size[i])) ||
		    (rc = sm_table_set_double(t, ceff, i, r->efficiency[i])))
			goto fail;
		for (int k = 0; k < ROLE_COUNT; k++) {
			total += r->roles[k][i];
			if ((rc = sm_table_set_int64(t, crole[k], i, r->roles[k][i])))
				goto fail;
		}
		if ((rc = sm_table_set_int64(t, ctotal, i, total)) ||
		    (rc = sm_table_set_double(t, cpart, i, r->participation[i])))
			goto fail;
	}
	static const char *const combine_names[] = { "max", "sum", "mean" };
	if ((rc = sm_table_set_note(t, "by", by_name)) ||
	    (rc = sm_table_set_note(t, "groups", groups_name)) ||
	    (rc = sm_table_set_note(t, "weighted", o->weighted ? "true" : "false")) ||
	    (rc = sm_table_set_note(t, "combine", combine_names[o->combine])))
		goto fail;
	*out = t;
	return SM_OK;

fail:
	sm_table_free(t);
	return rc;
}

/* ---- entry point ------------------------------------------------------- */

int sm_brokerage(sm_table **out, const sm_network *net, const sm_brokerage_options *opts)
{
	sm_brokerage_options o;
	if (!out || !net)
		return sm_fail(SM_EINVAL, "sm_brokerage: %s is NULL", !out ? "out" : "net");
	if (opts) {
		if (opts->version != SM_BROKERAGE_OPTIONS_VERSION)
			return sm_fail(SM_EINVAL,
			               "brokerage options version %u is not %d: initialise them with "
			               "sm_brokerage_options_init()",
			               opts->version, SM_BROKERAGE_OPTIONS_VERSION);
		o = *opts;
	} else {
		sm_brokerage_options_init(&o);
	}
	if (o.combine != SM_COMBINE_MAX && o.combine != SM_COMBINE_SUM &&
	    o.combine != SM_COMBINE_MEAN)
		return sm_fail(SM_EINVAL, "unknown rule %d for combining multi-relationships",
		               (int)o.combine);
	const char *by_name = o.by ? o.by : "kind";
	const char *groups_name = o.groups ? o.groups : by_name;
	int rc;
	if ((rc = sm_grouping_check(net, by_name, "by", "brokerage")) ||
	    (rc = sm_grouping_check(net, groups_name, "groups", "the participation coefficient")))
		return rc;

	sm_graph g;
	sm_grouping by = { 0 }, groups = { 0 };
	sm_mutual mu = { 0 };
	results r = { 0 };
	sm_table *t = NULL;
	sm_progress prog;
	int64_t done = 0;
	if ((rc = sm_graph_build(&g, net, o.combine, o.weighted)))
		return rc;
	if ((rc = sm_grouping_build(&by, net, by_name)) ||
	    (rc = sm_grouping_build(&groups, net, groups_name)) || (rc = sm_mutual_build(&mu, &g)) ||
	    (rc = results_alloc(&r, &mu.m, groups.count)))
		goto done;
	if ((rc = sm_progress_begin(&prog, o.progress, o.progress_user, "brokerage",
	                            3 * (int64_t)net->n)) ||
	    (rc = structural_holes(&r, &mu.m, &prog, &done)) ||
	    (rc = roles(&r, &g.out, by.of, r.slot, &prog, &done)) ||
	    (rc = participation(&r, &mu.m, groups.of, &prog, &done)) ||
	    (rc = make_table(&t, net, &r, &by, &o, by_name, groups_name)))
		goto done;
	if ((rc = sm_progress_end(&prog))) {
		sm_table_free(t);
		goto done;
	}
	*out = t;

done:
	results_dispose(&r);
	sm_mutual_dispose(&mu);
	sm_grouping_dispose(&groups);
	sm_grouping_dispose(&by);
	sm_graph_dispose(&g);
	return rc;
}
