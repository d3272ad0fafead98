/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Where is the echo chamber (include/stakemap/bubbles.h, docs/bubbles.md).
 *
 * Everything is computed on the mutual graph M (lib/analysis/graph.h): the
 * combined qualities (or 1s) of a pair, the two directions added for a
 * directed network; an undirected network's M is its combined graph. Every
 * tie {u, v} appears in the rows of u and of v with weight w = M[u][v];
 * k_u = Σ_v M[u][v] is u's strength and 2W = Σ_u k_u.
 *
 * - Groups: Leiden communities (lib/analysis/community.h) or the values of
 *   a categorical attribute, numbered by decreasing size.
 * - One pass over the rows gives every per-actor figure (exposure
 *   diversity, shares of tie weight inside the group and the kind,
 *   neighbour stance), each group's internal (both directions) and
 *   external weight, the kind-by-kind mixing weights and the counts of the
 *   unweighted nominal and numeric assortativity (NetworkX 2.8's
 *   attribute_assortativity_coefficient and numeric_assortativity_
 *   coefficient ignore weights; each tie counts in both directions).
 * - One pass over the members of each group gives sizes, diversities,
 *   stance mean and spread, and the top actors.
 * - The random-walk controversy score (Garimella et al. 2018): absorption
 *   probabilities of the absorbing Markov chain, by Gauss–Seidel sweeps
 *   from 0; the sweeps increase monotonically towards the solution, whose
 *   entries sum to 1 over the sides for every actor that can be absorbed,
 *   so 1 − Σ_b h_b(u) bounds the error of every entry: the sweeps stop when
 *   it is below 1e-12 for every actor.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/community.h"
#include "analysis/graph.h"
#include "analysis/groups.h"
#include "core/progress.h"
#include "stakemap/bubbles.h"

void sm_bubbles_options_init(sm_bubbles_options *opts)
{
	sm_bubbles_options defaults = SM_BUBBLES_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}

void sm_bubbles_result_free(sm_bubbles_result *result)
{
	if (!result)
		return;
	sm_table_free(result->groups);
	sm_table_free(result->actors);
	sm_table_free(result->mixing);
	sm_table_free(result->assortativity);
	sm_table_free(result->controversy);
	sm_free(result);
}

/* Error bound at which the controversy sweeps stop, and their limit. */
#define WALK_TOLERANCE 1e-12
#define WALK_MAX_SWEEPS 100000

/* ---- categorical attributes coded as integers ---------------------------- */

/* Actors' values of one categorical attribute as codes 0 … count − 1, the
 * values sorted bytewise; -1 = no value (only when `missing` was false). */
typedef struct coded {
	const char *attr;
	int32_t *of;       /* n */
	const char **name; /* count (borrowed from the network or static) */
	int32_t count;
} coded;

static void coded_dispose(coded *c)
{
	sm_free(c->of);
	sm_free(c->name);
	memset(c, 0, sizeof *c);
}

static int by_name(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	return strcmp(*x, *y);
}

/* Code `attr` (checked by sm_grouping_check). With `missing_is_value`
 * false, actors without a value (SM_NO_GROUP_NAME) get -1. */
static int coded_build(coded *out, const sm_network *net, const char *attr,
                       bool missing_is_value)
{
	sm_grouping g = { 0 };
	int rc = sm_grouping_build(&g, net, attr);
	if (rc)
		return rc;
	size_t groups = g.count ? (size_t)g.count : 1;
	coded c = { .attr = attr };
	const char **sorted = sm_malloc(groups * sizeof *sorted);
	int32_t *code = sm_malloc(groups * sizeof *code);
	c.name = sm_malloc(groups * sizeof *c.name);
	c.of = sm_malloc((net->n ? net->n : 1) * sizeof *c.of);
	if (!sorted || !code || !c.name || !c.of) {
		sm_free(sorted);
		sm_free(code);
		coded_dispose(&c);
		sm_grouping_dispose(&g);
		return sm_fail_nomem();
	}
	int32_t kept = 0;
	for (int32_t k = 0; k < g.count; k++)
		if (missing_is_value || strcmp(g.name[k], SM_NO_GROUP_NAME) != 0)
			sorted[kept++] = g.name[k];
	qsort(sorted, (size_t)kept, sizeof *sorted, by_name);
	/* Names are distinct: find each group's code by binary search. */
	for (int32_t k = 0; k < g.count; k++) {
		const char **hit = bsearch(&g.name[k], sorted, (size_t)kept, sizeof *sorted,
		                           by_name);
		code[k] = hit ? (int32_t)(hit - sorted) : -1;
	}
	for (size_t i = 0; i < net->n; i++)
		c.of[i] = code[g.of[i]];
	memcpy(c.name, sorted, (size_t)kept * sizeof *sorted);
	c.count = kept;
	sm_free(sorted);
	sm_free(code);
	sm_grouping_dispose(&g);
	*out = c;
	return SM_OK;
}

/* ---- the working state ---------------------------------------------------- */

typedef struct work {
	const sm_network *net;
	const sm_bubbles_options *o;
	int64_t n;
	const sm_csr *m;
	double total; /* 2W */
	double *strength;

	/* groups, numbered by decreasing size */
	int32_t *grp;
	int32_t ngroups;
	const char **group_attr_name; /* by attribute: the value of each group */
	int64_t *member_off;          /* ngroups + 1 */
	int32_t *members;             /* actors by group, in actor order */

	coded kind;
	coded *div;
	size_t ndiv;
	char *div_text; /* the copy of diversity_of that div[].attr point into */
	coded side;
	bool have_side;
	double *stance; /* NaN = no value; NULL without a stance */
	int64_t stance_missing;

	/* per actor */
	double *exposure, *share_group, *share_kind, *nstance;
	/* per group */
	double *internal2, *external; /* internal weight counted from both ends */
	bool *flag;
	/* kind × kind tie weight, both directions */
	double *mix;
	/* nominal assortativity: tie ends per value, ends with equal values, all ends */
	double **ends; /* 1 + ndiv arrays: kind, then each diversity attribute */
	double *same, *all;
	/* numeric assortativity of the stance */
	double stance_r;

	/* scratch */
	double *wsum;     /* per value of the largest coded attribute */
	int32_t *touched; /* values with wsum ≠ 0 */
} work;

static void work_dispose(work *w)
{
	sm_free(w->strength);
	sm_free(w->grp);
	sm_free(w->group_attr_name);
	sm_free(w->member_off);
	sm_free(w->members);
	coded_dispose(&w->kind);
	for (size_t a = 0; a < w->ndiv; a++)
		coded_dispose(&w->div[a]);
	sm_free(w->div);
	sm_free(w->div_text);
	coded_dispose(&w->side);
	sm_free(w->stance);
	sm_free(w->exposure);
	sm_free(w->share_group);
	sm_free(w->share_kind);
	sm_free(w->nstance);
	sm_free(w->internal2);
	sm_free(w->external);
	sm_free(w->flag);
	sm_free(w->mix);
	if (w->ends)
		for (size_t a = 0; a <= w->ndiv; a++)
			sm_free(w->ends[a]);
	sm_free(w->ends);
	sm_free(w->same);
	sm_free(w->all);
	sm_free(w->wsum);
	sm_free(w->touched);
	memset(w, 0, sizeof *w);
}

/* ---- checking the options -------------------------------------------------- */

static int check_options(const sm_bubbles_options *o)
{
	if (o->combine != SM_COMBINE_MAX && o->combine != SM_COMBINE_SUM &&
	    o->combine != SM_COMBINE_MEAN)
		return sm_fail(SM_EINVAL, "unknown rule %d for combining multi-relationships",
		               (int)o->combine);
	if (!(o->resolution > 0) || !isfinite(o->resolution))
		return sm_fail(SM_EINVAL, "resolution %g: must be a positive number",
		               o->resolution);
	if (!(o->ei_threshold >= -1 && o->ei_threshold <= 1))
		return sm_fail(SM_EINVAL, "ei_threshold %g: must be between -1 and 1",
		               o->ei_threshold);
	if (!(o->diversity_threshold >= 0 && o->diversity_threshold <= 1))
		return sm_fail(SM_EINVAL, "diversity_threshold %g: must be between 0 and 1",
		               o->diversity_threshold);
	if (o->min_size < 0)
		return sm_fail(SM_EINVAL, "min_size %lld: must be 0 or more",
		               (long long)o->min_size);
	if (o->top < 0)
		return sm_fail(SM_EINVAL, "top %lld: must be 0 or more", (long long)o->top);
	if (o->walk_top < 1)
		return sm_fail(SM_EINVAL, "walk_top %lld: must be 1 or more",
		               (long long)o->walk_top);
	return SM_OK;
}

/* The stance must be a numeric actor attribute. */
static int check_stance(const sm_network *net, const char *attr)
{
	char q[64];
	if (strcmp(attr, "kind") == 0 || strcmp(attr, "label") == 0)
		return sm_fail(SM_EINVAL, "stance: %s is text, but the stance must be a numeric "
		               "attribute", sm_quote(q, attr));
	const sm_attr_column *col = sm_network_attr_column(net, SM_ACTOR, attr);
	if (!col)
		return sm_fail(SM_ENOTFOUND, "stance: no actor attribute %s", sm_quote(q, attr));
	if (col->type != SM_VALUE_NUMBER)
		return sm_fail(SM_EINVAL, "stance: attribute %s holds %s, but the stance must be a "
		               "numeric attribute", sm_quote(q, attr),
		               col->type == SM_VALUE_NULL ? "no values" : "text or true/false");
	return SM_OK;
}

/* Split diversity_of into w->div (each checked, "kind" and repeats left out). */
static int parse_diversity_of(work *w, const char *list)
{
	const char **names = NULL;
	size_t count = 0;
	int rc = sm_split_names(&w->div_text, &names, &count, list, "diversity_of");
	if (rc)
		return rc;
	w->div = sm_calloc(count, sizeof *w->div);
	if (!w->div) {
		sm_free(names);
		return sm_fail_nomem();
	}
	for (size_t i = 0; i < count; i++) {
		const char *p = names[i];
		if ((rc = sm_grouping_check(w->net, p, "diversity_of", "a diversity"))) {
			sm_free(names);
			return rc;
		}
		bool seen = strcmp(p, "kind") == 0;
		for (size_t a = 0; a < w->ndiv && !seen; a++)
			seen = strcmp(w->div[a].attr, p) == 0;
		if (!seen)
			w->div[w->ndiv++].attr = p;
	}
	sm_free(names);
	return SM_OK;
}

/* ---- groups -------------------------------------------------------------- */

static int build_groups(work *w, const sm_graph *g)
{
	const sm_bubbles_options *o = w->o;
	size_t n = w->n ? (size_t)w->n : 1;
	int rc;
	w->grp = sm_malloc(n * sizeof *w->grp);
	if (!w->grp)
		return sm_fail_nomem();
	if (!o->by) {
		sm_community_options co = { o->resolution, o->seed, o->iterations, o->progress,
			                    o->progress_user };
		rc = sm_communities(w->grp, &w->ngroups, g, &co);
	} else {
		sm_grouping by = { 0 };
		if ((rc = sm_grouping_build(&by, w->net, o->by)))
			return rc;
		memcpy(w->grp, by.of, (size_t)w->n * sizeof *w->grp);
		rc = sm_communities_canonical(w->grp, &w->ngroups, w->n);
		if (rc == SM_OK) {
			w->group_attr_name = sm_malloc((by.count ? (size_t)by.count : 1) *
			                               sizeof *w->group_attr_name);
			if (!w->group_attr_name)
				rc = sm_fail_nomem();
			else
				for (int64_t i = 0; i < w->n; i++)
					w->group_attr_name[w->grp[i]] = by.name[by.of[i]];
		}
		sm_grouping_dispose(&by);
	}
	if (rc)
		return rc;
	/* Members of each group, in actor order (a counting sort). */
	w->member_off = sm_calloc((size_t)w->ngroups + 1, sizeof *w->member_off);
	w->members = sm_malloc(n * sizeof *w->members);
	if (!w->member_off || !w->members)
		return sm_fail_nomem();
	for (int64_t i = 0; i < w->n; i++)
		w->member_off[w->grp[i] + 1]++;
	for (int32_t c = 0; c < w->ngroups; c++)
		w->member_off[c + 1] += w->member_off[c];
	for (int64_t i = 0; i < w->n; i++)
		w->members[w->member_off[w->grp[i]]++] = (int32_t)i;
	for (int32_t c = w->ngroups; c > 0; c--)
		w->member_off[c] = w->member_off[c - 1];
	w->member_off[0] = 0;
	return SM_OK;
}

/* ---- the attributes ------------------------------------------------------- */

static int build_attributes(work *w)
{
	const sm_bubbles_options *o = w->o;
	size_t n = w->n ? (size_t)w->n : 1;
	int rc;
	if ((rc = coded_build(&w->kind, w->net, "kind", true)))
		return rc;
	int32_t widest = w->kind.count;
	for (size_t a = 0; a < w->ndiv; a++) {
		if ((rc = coded_build(&w->div[a], w->net, w->div[a].attr, false)))
			return rc;
		widest = w->div[a].count > widest ? w->div[a].count : widest;
	}
	if (o->sides) {
		char q[64];
		if ((rc = coded_build(&w->side, w->net, o->sides, false)))
			return rc;
		w->have_side = true;
		if (w->side.count < 2)
			return sm_fail(SM_EINVAL,
			               "sides: attribute %s has %d value%s: the controversy score "
			               "needs two sides or more",
			               sm_quote(q, o->sides), (int)w->side.count,
			               w->side.count == 1 ? "" : "s");
		widest = w->side.count > widest ? w->side.count : widest;
	}
	if (o->stance) {
		const sm_attr_column *col = sm_network_attr_column(w->net, SM_ACTOR, o->stance);
		w->stance = sm_malloc(n * sizeof *w->stance);
		if (!w->stance)
			return sm_fail_nomem();
		for (int64_t i = 0; i < w->n; i++) {
			sm_value v = sm_attr_column_value(col, i);
			w->stance[i] = v.type == SM_VALUE_NUMBER ? v.as.n : NAN;
			w->stance_missing += v.type != SM_VALUE_NUMBER;
		}
	}
	size_t wide = widest ? (size_t)widest : 1;
	size_t kinds = w->kind.count ? (size_t)w->kind.count : 1;
	w->wsum = sm_calloc(wide, sizeof *w->wsum);
	w->touched = sm_malloc(wide * sizeof *w->touched);
	w->mix = sm_calloc(kinds * kinds, sizeof *w->mix);
	w->ends = sm_calloc(w->ndiv + 1, sizeof *w->ends);
	w->same = sm_calloc(w->ndiv + 1, sizeof *w->same);
	w->all = sm_calloc(w->ndiv + 1, sizeof *w->all);
	if (!w->wsum || !w->touched || !w->mix || !w->ends || !w->same || !w->all)
		return sm_fail_nomem();
	for (size_t a = 0; a <= w->ndiv; a++) {
		int32_t count = a == 0 ? w->kind.count : w->div[a - 1].count;
		if (!(w->ends[a] = sm_calloc(count ? (size_t)count : 1, sizeof(double))))
			return sm_fail_nomem();
	}
	return SM_OK;
}

/* ---- one pass over the ties ---------------------------------------------- */

/* Normalised Shannon entropy H / ln(K) of the values in touched[0..t) with
 * weights sum[·] adding up to `total` (which must be > 0); 0 when K ≤ 1.
 * Clears sum[·] of the touched values. */
static double entropy_of(double *sum, const int32_t *touched, int32_t t, double total,
                         int32_t K)
{
	double h = 0;
	for (int32_t j = 0; j < t; j++) {
		double p = sum[touched[j]] / total;
		if (p > 0)
			h -= p * log(p);
		sum[touched[j]] = 0;
	}
	return K > 1 ? h / log((double)K) : 0.0;
}

static int actor_pass(work *w, sm_progress *prog, int64_t *done)
{
	const sm_csr *m = w->m;
	const int32_t *kind = w->kind.of, *grp = w->grp;
	const int32_t K = w->kind.count;
	size_t n = w->n ? (size_t)w->n : 1, groups = w->ngroups ? (size_t)w->ngroups : 1;
	w->exposure = sm_malloc(n * sizeof(double));
	w->share_group = sm_malloc(n * sizeof(double));
	w->share_kind = sm_malloc(n * sizeof(double));
	w->strength = sm_malloc(n * sizeof(double));
	w->internal2 = sm_calloc(groups, sizeof(double));
	w->external = sm_calloc(groups, sizeof(double));
	if (w->stance)
		w->nstance = sm_malloc(n * sizeof(double));
	if (!w->exposure || !w->share_group || !w->share_kind || !w->strength || !w->internal2 ||
	    !w->external || (w->stance && !w->nstance))
		return sm_fail_nomem();
	double total = 0;
	/* numeric assortativity: Σ over tie ends of x_u, then of centred products */
	double sx = 0, cnt = 0;
	for (int64_t u = 0; u < w->n; u++) {
		double k = 0, in_g = 0, in_k = 0, ns = 0, nw = 0;
		int32_t t = 0, ku = kind[u];
		for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++) {
			int32_t v = m->nbr[e];
			double q = m->q[e];
			k += q;
			if (w->wsum[kind[v]] == 0)
				w->touched[t++] = kind[v];
			w->wsum[kind[v]] += q;
			in_g += grp[v] == grp[u] ? q : 0;
			in_k += kind[v] == ku ? q : 0;
			w->mix[(size_t)ku * (size_t)K + (size_t)kind[v]] += q;
			w->same[0] += kind[v] == ku;
			for (size_t a = 0; a < w->ndiv; a++) {
				int32_t xu = w->div[a].of[u], xv = w->div[a].of[v];
				if (xu >= 0 && xv >= 0) {
					w->ends[a + 1][xu] += 1;
					w->same[a + 1] += xu == xv;
					w->all[a + 1] += 1;
				}
			}
			if (w->stance && !isnan(w->stance[v])) {
				ns += q * w->stance[v];
				nw += q;
				if (!isnan(w->stance[u])) {
					sx += w->stance[u];
					cnt += 1;
				}
			}
		}
		int64_t deg = m->offsets[u + 1] - m->offsets[u];
		w->ends[0][ku] += (double)deg;
		w->all[0] += (double)deg;
		w->strength[u] = k;
		total += k;
		if (t > 0 && k > 0) {
			w->exposure[u] = entropy_of(w->wsum, w->touched, t, k, K);
			w->share_group[u] = in_g / k;
			w->share_kind[u] = in_k / k;
		} else {
			for (int32_t j = 0; j < t; j++)
				w->wsum[w->touched[j]] = 0;
			w->exposure[u] = w->share_group[u] = w->share_kind[u] = NAN;
		}
		if (w->stance)
			w->nstance[u] = nw > 0 ? ns / nw : NAN;
		w->internal2[grp[u]] += in_g;
		w->external[grp[u]] += k - in_g;
		int rc = sm_progress_step(prog, ++*done);
		if (rc)
			return rc;
	}
	w->total = total;
	w->stance_r = NAN;
	if (w->stance && cnt > 0) {
		/* Pearson correlation of (x_u, x_v) over the tie ends, both directions
		 * (NetworkX's numeric_assortativity_coefficient), centred for accuracy. */
		double mean = sx / cnt, sxy = 0, sxx = 0;
		for (int64_t u = 0; u < w->n; u++) {
			double xu = w->stance[u];
			if (isnan(xu))
				continue;
			for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++) {
				double xv = w->stance[m->nbr[e]];
				if (isnan(xv))
					continue;
				sxy += (xu - mean) * (xv - mean);
				sxx += (xu - mean) * (xu - mean);
			}
		}
		w->stance_r = sxx > 0 ? sxy / sxx : NAN;
	}
	return SM_OK;
}

/* Nominal assortativity (t − Σ a²) / (1 − Σ a²) from the end counts. */
static double nominal_assortativity(const double *ends, int32_t count, double same, double all)
{
	if (!(all > 0))
		return NAN;
	double sq = 0;
	for (int32_t i = 0; i < count; i++)
		sq += (ends[i] / all) * (ends[i] / all);
	return sq < 1 ? (same / all - sq) / (1 - sq) : NAN;
}

/* ---- the groups table ----------------------------------------------------- */

/* Expected E-I index of a group of `size` among n actors when its ties fall
 * at random (Krackhardt & Stern 1988: the shares of possible internal
 * (size·(size−1)/2) and external (size·(n−size)) ties), and the rescaled
 * index: −1 closed, 0 as expected, +1 all outward. */
static double ei_rescale(double ei, int64_t size, int64_t n)
{
	if (isnan(ei) || n < 2)
		return NAN;
	double possible_in = (double)size * (double)(size - 1) / 2;
	double possible_out = (double)size * (double)(n - size);
	double expected = (possible_out - possible_in) / (possible_out + possible_in);
	if (ei < expected)
		return (ei - expected) / (1 + expected);
	if (ei > expected)
		return (ei - expected) / (1 - expected);
	return 0.0;
}

/* Column indices of the groups table. */
typedef struct group_cols {
	size_t group, name, size, internal, external, ei, ei_rescaled, conductance, kind_entropy,
		kind_blau, top_kind, top_kind_share, share0, div0, stance_mean, stance_sd,
		top_actors, bubble, reason;
} group_cols;

static int add_group_columns(group_cols *c, sm_table *t, const work *w)
{
	int rc;
	char name[512];
	if ((rc = sm_table_add_column(&c->group, t, "group", SM_COLUMN_INT64)) ||
	    (rc = sm_table_add_column(&c->name, t, "name", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&c->size, t, "size", SM_COLUMN_INT64)) ||
	    (rc = sm_table_add_column(&c->internal, t, "internal_weight", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&c->external, t, "external_weight", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&c->ei, t, "ei_index", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&c->ei_rescaled, t, "ei_rescaled", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&c->conductance, t, "conductance", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&c->kind_entropy, t, "kind_entropy", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&c->kind_blau, t, "kind_blau", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&c->top_kind, t, "top_kind", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&c->top_kind_share, t, "top_kind_share", SM_COLUMN_DOUBLE)))
		return rc;
	c->share0 = sm_table_columns(t);
	for (int32_t k = 0; k < w->kind.count; k++) {
		snprintf(name, sizeof name, "share_%s", w->kind.name[k]);
		if ((rc = sm_table_add_column(NULL, t, name, SM_COLUMN_DOUBLE)))
			return rc;
	}
	c->div0 = sm_table_columns(t);
	for (size_t a = 0; a < w->ndiv; a++) {
		snprintf(name, sizeof name, "%s_entropy", w->div[a].attr);
		if ((rc = sm_table_add_column(NULL, t, name, SM_COLUMN_DOUBLE)))
			return rc;
		snprintf(name, sizeof name, "%s_blau", w->div[a].attr);
		if ((rc = sm_table_add_column(NULL, t, name, SM_COLUMN_DOUBLE)))
			return rc;
	}
	if (w->stance &&
	    ((rc = sm_table_add_column(&c->stance_mean, t, "stance_mean", SM_COLUMN_DOUBLE)) ||
	     (rc = sm_table_add_column(&c->stance_sd, t, "stance_sd", SM_COLUMN_DOUBLE))))
		return rc;
	if ((rc = sm_table_add_column(&c->top_actors, t, "top_actors", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&c->bubble, t, "bubble", SM_COLUMN_BOOL)) ||
	    (rc = sm_table_add_column(&c->reason, t, "reason", SM_COLUMN_STRING)))
		return rc;
	return SM_OK;
}

/* Count the values of `c` among the members mem[0..size) into w->wsum
 * (values listed in w->touched[0..*t_out)); the Blau index 1 − Σ p² (NaN
 * when no member has a value) and the number of members with a value. The
 * caller reads the counts, then clears them (entropy_of does). */
static void diversity(work *w, const int32_t *mem, int64_t size, const coded *c, double *blau,
                      double *with_value, int32_t *t_out)
{
	int32_t t = 0;
	double valued = 0;
	for (int64_t j = 0; j < size; j++) {
		int32_t x = c->of[mem[j]];
		if (x < 0)
			continue;
		if (w->wsum[x] == 0)
			w->touched[t++] = x;
		w->wsum[x] += 1;
		valued += 1;
	}
	double sq = 0;
	for (int32_t j = 0; j < t; j++) {
		double p = w->wsum[w->touched[j]] / valued;
		sq += p * p;
	}
	*blau = valued > 0 ? 1 - sq : NAN;
	*with_value = valued;
	*t_out = t;
}

/* Append `s` to buf[*len..cap) (truncating). */
static void append(char *buf, size_t cap, size_t *len, const char *s)
{
	int k = snprintf(buf + *len, cap - *len, "%s", s);
	if (k > 0)
		*len += (size_t)k < cap - *len ? (size_t)k : cap - *len - 1;
}

/* The `top` strongest members of a group as "id1,id2,…" into buf. */
static void top_actors(const work *w, const int32_t *mem, int64_t size, int32_t *best,
                       char *buf, size_t cap)
{
	int64_t t = w->o->top, have = 0;
	for (int64_t j = 0; j < size && t > 0; j++) {
		int32_t v = mem[j];
		double s = w->strength[v];
		if (have == t && !(s > w->strength[best[have - 1]]))
			continue; /* members come in actor order: ties keep the earlier */
		int64_t p = have < t ? have++ : have - 1;
		while (p > 0 && s > w->strength[best[p - 1]]) {
			best[p] = best[p - 1];
			p--;
		}
		best[p] = v;
	}
	size_t len = 0;
	buf[0] = '\0';
	for (int64_t j = 0; j < have; j++) {
		if (j)
			append(buf, cap, &len, ",");
		append(buf, cap, &len, w->net->actor_id[best[j]]);
	}
}

static int group_table(sm_table **out, work *w, sm_progress *prog, int64_t *done)
{
	const sm_bubbles_options *o = w->o;
	sm_table *t = NULL;
	group_cols c;
	int rc;
	int32_t *best = NULL;
	char *text = NULL;
	const size_t cap = 4096;
	if ((rc = sm_table_new(&t, (size_t)w->ngroups)) || (rc = add_group_columns(&c, t, w)))
		goto done;
	best = sm_malloc((o->top > 0 ? (size_t)o->top : 1) * sizeof *best);
	text = sm_malloc(cap);
	w->flag = sm_calloc(w->ngroups ? (size_t)w->ngroups : 1, sizeof *w->flag);
	if (!best || !text || !w->flag) {
		rc = sm_fail_nomem();
		goto done;
	}
	const int32_t K = w->kind.count;
	for (int32_t g = 0; g < w->ngroups; g++) {
		size_t row = (size_t)g;
		const int32_t *mem = w->members + w->member_off[g];
		int64_t size = w->member_off[g + 1] - w->member_off[g];
		double in = w->internal2[g] / 2, ex = w->external[g];
		double ei = in + ex > 0 ? (ex - in) / (ex + in) : NAN;
		double ei_r = ei_rescale(ei, size, w->n);
		double vol = w->internal2[g] + ex, rest = w->total - vol;
		double lesser = vol < rest ? vol : rest;
		double conductance = lesser > 0 ? ex / lesser : NAN;
		if (w->group_attr_name)
			snprintf(text, cap, "%s", w->group_attr_name[g]);
		else
			snprintf(text, cap, "community %d", (int)g + 1);
		if ((rc = sm_table_set_int64(t, c.group, row, (int64_t)g + 1)) ||
		    (rc = sm_table_set_string(t, c.name, row, text)) ||
		    (rc = sm_table_set_int64(t, c.size, row, size)) ||
		    (rc = sm_table_set_double(t, c.internal, row, in)) ||
		    (rc = sm_table_set_double(t, c.external, row, ex)) ||
		    (rc = sm_table_set_double(t, c.ei, row, ei)) ||
		    (rc = sm_table_set_double(t, c.ei_rescaled, row, ei_r)) ||
		    (rc = sm_table_set_double(t, c.conductance, row, conductance)))
			goto done;

		/* kinds */
		double ent, blau, valued;
		int32_t touched;
		diversity(w, mem, size, &w->kind, &blau, &valued, &touched);
		int32_t top_kind = -1;
		for (int32_t j = 0; j < touched; j++) {
			int32_t x = w->touched[j];
			if (top_kind < 0 || w->wsum[x] > w->wsum[top_kind] ||
			    (w->wsum[x] == w->wsum[top_kind] && x < top_kind))
				top_kind = x;
		}
		double top_share = top_kind >= 0 ? w->wsum[top_kind] / valued : NAN;
		for (int32_t k = 0; k < K && rc == SM_OK; k++)
			rc = sm_table_set_double(t, c.share0 + (size_t)k, row,
			                         valued > 0 ? w->wsum[k] / valued : NAN);
		if (rc)
			goto done;
		ent = valued > 0 ? entropy_of(w->wsum, w->touched, touched, valued, K) : NAN;
		if ((rc = sm_table_set_double(t, c.kind_entropy, row, ent)) ||
		    (rc = sm_table_set_double(t, c.kind_blau, row, blau)) ||
		    (rc = sm_table_set_string(t, c.top_kind, row,
		                              top_kind >= 0 ? w->kind.name[top_kind] : NULL)) ||
		    (rc = sm_table_set_double(t, c.top_kind_share, row, top_share)))
			goto done;
		double kind_entropy = ent;

		/* other attributes */
		for (size_t a = 0; a < w->ndiv; a++) {
			double ae = NAN, ab, av;
			int32_t at;
			diversity(w, mem, size, &w->div[a], &ab, &av, &at);
			if (av > 0) {
				ae = entropy_of(w->wsum, w->touched, at, av, w->div[a].count);
			} else {
				for (int32_t j = 0; j < at; j++)
					w->wsum[w->touched[j]] = 0;
			}
			if ((rc = sm_table_set_double(t, c.div0 + 2 * a, row, ae)) ||
			    (rc = sm_table_set_double(t, c.div0 + 2 * a + 1, row, ab)))
				goto done;
		}

		/* stance: mean and population standard deviation over members with one */
		if (w->stance) {
			double s = 0, count = 0, ss = 0;
			for (int64_t j = 0; j < size; j++)
				if (!isnan(w->stance[mem[j]])) {
					s += w->stance[mem[j]];
					count++;
				}
			double mean = count > 0 ? s / count : NAN;
			for (int64_t j = 0; j < size; j++) {
				double d = w->stance[mem[j]] - mean;
				if (!isnan(d))
					ss += d * d;
			}
			if ((rc = sm_table_set_double(t, c.stance_mean, row, mean)) ||
			    (rc = sm_table_set_double(t, c.stance_sd, row,
			                              count > 0 ? sqrt(ss / count) : NAN)))
				goto done;
		}

		top_actors(w, mem, size, best, text, cap);
		if ((rc = sm_table_set_string(t, c.top_actors, row, text)))
			goto done;

		/* the flag and its reason */
		bool insular = ei_r < o->ei_threshold;
		bool homogeneous = kind_entropy < o->diversity_threshold;
		bool flagged = insular && homogeneous && size >= o->min_size;
		text[0] = '\0';
		if (flagged)
			snprintf(text, cap,
			         "insular: E-I %.2f (rescaled %.2f) < %g, %.0f%% of tie weight "
			         "stays inside; homogeneous: kind diversity %.2f < %g, %.0f%% %s",
			         ei, ei_r, o->ei_threshold, 100 * in / (in + ex), kind_entropy,
			         o->diversity_threshold, 100 * top_share, w->kind.name[top_kind]);
		w->flag[g] = flagged;
		if ((rc = sm_table_set_bool(t, c.bubble, row, flagged)) ||
		    (rc = sm_table_set_string(t, c.reason, row, text)))
			goto done;
		*done += size;
		if ((rc = sm_progress_step(prog, *done)))
			goto done;
	}
	*out = t;
	t = NULL;
done:
	sm_free(best);
	sm_free(text);
	sm_table_free(t);
	return rc;
}

/* ---- the actors table ------------------------------------------------------ */

static int actor_table(sm_table **out, work *w, sm_progress *prog, int64_t *done)
{
	size_t cid, cgroup, cname, cbubble, cexp, csg, csk, cst = 0, cns = 0;
	sm_table *t = NULL;
	char name[32];
	int rc;
	if ((rc = sm_table_new(&t, (size_t)w->n)) ||
	    (rc = sm_table_add_column(&cid, t, "id", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cgroup, t, "group", SM_COLUMN_INT64)) ||
	    (rc = sm_table_add_column(&cname, t, "group_name", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cbubble, t, "bubble", SM_COLUMN_BOOL)) ||
	    (rc = sm_table_add_column(&cexp, t, "exposure_diversity", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&csg, t, "share_in_group", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&csk, t, "share_in_kind", SM_COLUMN_DOUBLE)))
		goto fail;
	if (w->stance && ((rc = sm_table_add_column(&cst, t, "stance", SM_COLUMN_DOUBLE)) ||
	                  (rc = sm_table_add_column(&cns, t, "neighbour_stance",
	                                            SM_COLUMN_DOUBLE))))
		goto fail;
	for (int64_t i = 0; i < w->n; i++) {
		size_t row = (size_t)i;
		int32_t g = w->grp[i];
		const char *gname = name;
		if (w->group_attr_name)
			gname = w->group_attr_name[g];
		else
			snprintf(name, sizeof name, "community %d", (int)g + 1);
		if ((rc = sm_table_set_string(t, cid, row, w->net->actor_id[i])) ||
		    (rc = sm_table_set_int64(t, cgroup, row, (int64_t)g + 1)) ||
		    (rc = sm_table_set_string(t, cname, row, gname)) ||
		    (rc = sm_table_set_bool(t, cbubble, row, w->flag[g])) ||
		    (rc = sm_table_set_double(t, cexp, row, w->exposure[i])) ||
		    (rc = sm_table_set_double(t, csg, row, w->share_group[i])) ||
		    (rc = sm_table_set_double(t, csk, row, w->share_kind[i])))
			goto fail;
		if (w->stance && ((rc = sm_table_set_double(t, cst, row, w->stance[i])) ||
		                  (rc = sm_table_set_double(t, cns, row, w->nstance[i]))))
			goto fail;
		if ((rc = sm_progress_step(prog, ++*done)))
			goto fail;
	}
	*out = t;
	return SM_OK;
fail:
	sm_table_free(t);
	return rc;
}

/* ---- network-level tables ------------------------------------------------- */

static int mixing_table(sm_table **out, const work *w)
{
	const int32_t K = w->kind.count;
	size_t ca, cb, co, ce, cr;
	sm_table *t = NULL;
	int rc;
	double *share = sm_calloc(K ? (size_t)K : 1, sizeof *share);
	if (!share)
		return sm_fail_nomem();
	for (int32_t a = 0; a < K; a++)
		for (int32_t b = 0; b < K; b++)
			share[a] += w->mix[(size_t)a * (size_t)K + (size_t)b] / w->total;
	if ((rc = sm_table_new(&t, (size_t)K * (size_t)K)) ||
	    (rc = sm_table_add_column(&ca, t, "kind_a", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cb, t, "kind_b", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&co, t, "observed", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&ce, t, "expected", SM_COLUMN_DOUBLE)) ||
	    (rc = sm_table_add_column(&cr, t, "ratio", SM_COLUMN_DOUBLE)))
		goto fail;
	for (int32_t a = 0; a < K; a++)
		for (int32_t b = 0; b < K; b++) {
			size_t row = (size_t)a * (size_t)K + (size_t)b;
			double obs = w->total > 0 ? w->mix[row] / w->total : NAN;
			double exp = w->total > 0 ? share[a] * share[b] : NAN;
			if ((rc = sm_table_set_string(t, ca, row, w->kind.name[a])) ||
			    (rc = sm_table_set_string(t, cb, row, w->kind.name[b])) ||
			    (rc = sm_table_set_double(t, co, row, obs)) ||
			    (rc = sm_table_set_double(t, ce, row, exp)) ||
			    (rc = sm_table_set_double(t, cr, row, exp > 0 ? obs / exp : NAN)))
				goto fail;
		}
	sm_free(share);
	*out = t;
	return SM_OK;
fail:
	sm_free(share);
	sm_table_free(t);
	return rc;
}

static int assortativity_table(sm_table **out, const work *w)
{
	size_t rows = 1 + w->ndiv + (w->stance ? 1 : 0), ca, ct, cr;
	sm_table *t = NULL;
	int rc;
	if ((rc = sm_table_new(&t, rows)) ||
	    (rc = sm_table_add_column(&ca, t, "attribute", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&ct, t, "type", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cr, t, "assortativity", SM_COLUMN_DOUBLE)))
		goto fail;
	for (size_t a = 0; a <= w->ndiv; a++) {
		const coded *c = a == 0 ? &w->kind : &w->div[a - 1];
		double r = nominal_assortativity(w->ends[a], c->count, w->same[a], w->all[a]);
		if ((rc = sm_table_set_string(t, ca, a, a == 0 ? "kind" : c->attr)) ||
		    (rc = sm_table_set_string(t, ct, a, "nominal")) ||
		    (rc = sm_table_set_double(t, cr, a, r)))
			goto fail;
	}
	if (w->stance && ((rc = sm_table_set_string(t, ca, rows - 1, w->o->stance)) ||
	                  (rc = sm_table_set_string(t, ct, rows - 1, "numeric")) ||
	                  (rc = sm_table_set_double(t, cr, rows - 1, w->stance_r))))
		goto fail;
	*out = t;
	return SM_OK;
fail:
	sm_table_free(t);
	return rc;
}

/* ---- random-walk controversy ----------------------------------------------- */

typedef struct walk_key {
	int32_t side;
	int32_t actor;
	int64_t degree;
	double strength;
} walk_key;

/* By side, then degree (contacts) descending, strength descending, actor. */
static int by_side_degree(const void *a, const void *b)
{
	const walk_key *x = a, *y = b;
	if (x->side != y->side)
		return x->side < y->side ? -1 : 1;
	if (x->degree != y->degree)
		return x->degree > y->degree ? -1 : 1;
	if (x->strength != y->strength)
		return x->strength > y->strength ? -1 : 1;
	return (x->actor > y->actor) - (x->actor < y->actor);
}

typedef struct walk {
	int32_t *absorbed; /* side of an absorbing actor, else -1 */
	uint8_t *reach;    /* 1: a walk from here is absorbed */
	int32_t *queue;
	double *h;         /* n × S: probability of ending in each side */
	walk_key *keys;
	double *p;         /* S × S */
	int64_t *starts;   /* per side */
	int64_t *size;     /* per side */
} walk;

static void walk_dispose(walk *k)
{
	sm_free(k->absorbed);
	sm_free(k->reach);
	sm_free(k->queue);
	sm_free(k->h);
	sm_free(k->keys);
	sm_free(k->p);
	sm_free(k->starts);
	sm_free(k->size);
}

static int controversy(sm_table **out, double *score, work *w)
{
	const sm_bubbles_options *o = w->o;
	const sm_csr *m = w->m;
	const int32_t S = w->side.count;
	const int64_t n = w->n;
	size_t nn = n ? (size_t)n : 1, ss = (size_t)S;
	walk k = { 0 };
	sm_table *t = NULL;
	sm_progress prog;
	int rc;
	char name[512], num[32];
	k.absorbed = sm_malloc(nn * sizeof *k.absorbed);
	k.reach = sm_calloc(nn, sizeof *k.reach);
	k.queue = sm_malloc(nn * sizeof *k.queue);
	k.h = sm_calloc(nn * ss, sizeof *k.h);
	k.keys = sm_malloc(nn * sizeof *k.keys);
	k.p = sm_calloc(ss * ss, sizeof *k.p);
	k.starts = sm_calloc(ss, sizeof *k.starts);
	k.size = sm_calloc(ss, sizeof *k.size);
	if (!k.absorbed || !k.reach || !k.queue || !k.h || !k.keys || !k.p || !k.starts ||
	    !k.size) {
		rc = sm_fail_nomem();
		goto done;
	}
	/* The walk_top actors of most contacts on each side absorb the walks —
	 * at most half of the side (at least one), so that walks start from the
	 * other half even on a small side. */
	int64_t keyed = 0;
	for (int64_t u = 0; u < n; u++) {
		k.absorbed[u] = -1;
		int32_t s = w->side.of[u];
		if (s < 0)
			continue;
		k.size[s]++;
		k.keys[keyed++] = (walk_key){ s, (int32_t)u, m->offsets[u + 1] - m->offsets[u],
			                      w->strength[u] };
	}
	qsort(k.keys, (size_t)keyed, sizeof *k.keys, by_side_degree);
	int64_t head = 0, tail = 0;
	for (int64_t j = 0, rank = 0; j < keyed; j++) {
		rank = j > 0 && k.keys[j].side == k.keys[j - 1].side ? rank + 1 : 0;
		int64_t cap = k.size[k.keys[j].side] / 2;
		cap = cap < 1 ? 1 : cap > o->walk_top ? o->walk_top : cap;
		if (rank < cap) {
			int32_t u = k.keys[j].actor;
			k.absorbed[u] = k.keys[j].side;
			k.h[(size_t)u * ss + (size_t)k.keys[j].side] = 1;
			k.reach[u] = 1;
			k.queue[tail++] = u;
		}
	}
	/* Actors from which a walk reaches an absorbing actor (walks stop there). */
	while (head < tail) {
		int32_t u = k.queue[head++];
		for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++) {
			int32_t v = m->nbr[e];
			if (!k.reach[v]) {
				k.reach[v] = 1;
				k.queue[tail++] = v;
			}
		}
	}
	/* Gauss–Seidel sweeps over the transient actors that can be absorbed. */
	int64_t transient = 0, sweeps = 0;
	for (int64_t u = 0; u < n; u++)
		if (k.reach[u] && k.absorbed[u] < 0)
			k.queue[transient++] = (int32_t)u;
	if ((rc = sm_progress_begin(&prog, o->progress, o->progress_user, "controversy",
	                            WALK_MAX_SWEEPS)))
		goto done;
	double residual = transient > 0 ? 1 : 0;
	while (residual >= WALK_TOLERANCE && sweeps < WALK_MAX_SWEEPS) {
		residual = 0;
		for (int64_t j = 0; j < transient; j++) {
			int32_t u = k.queue[j];
			double *hu = k.h + (size_t)u * ss, inv = 1 / w->strength[u], sum = 0;
			for (int32_t b = 0; b < S; b++)
				hu[b] = 0;
			for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++) {
				const double *hv = k.h + (size_t)m->nbr[e] * ss;
				double f = m->q[e] * inv;
				for (int32_t b = 0; b < S; b++)
					hu[b] += f * hv[b];
			}
			for (int32_t b = 0; b < S; b++)
				sum += hu[b];
			if (1 - sum > residual)
				residual = 1 - sum;
		}
		sweeps++;
		if ((rc = sm_progress_step(&prog, sweeps)))
			goto done;
	}
	if ((rc = sm_progress_end(&prog)))
		goto done;
	/* P[a][b]: mean over the walks' starting actors of side a. */
	int64_t excluded = 0;
	for (int64_t u = 0; u < n; u++) {
		int32_t a = w->side.of[u];
		if (a < 0 || k.absorbed[u] >= 0)
			continue;
		if (!k.reach[u]) {
			excluded++;
			continue;
		}
		k.starts[a]++;
		for (int32_t b = 0; b < S; b++)
			k.p[(size_t)a * ss + (size_t)b] += k.h[(size_t)u * ss + (size_t)b];
	}
	for (int32_t a = 0; a < S; a++)
		for (int32_t b = 0; b < S; b++) {
			double *p = &k.p[(size_t)a * ss + (size_t)b];
			*p = k.starts[a] > 0 ? *p / (double)k.starts[a] : NAN;
		}
	size_t cside, csize, cstarts, cp0, cscore;
	if ((rc = sm_table_new(&t, ss)) ||
	    (rc = sm_table_add_column(&cside, t, "side", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&csize, t, "size", SM_COLUMN_INT64)) ||
	    (rc = sm_table_add_column(&cstarts, t, "starts", SM_COLUMN_INT64)))
		goto done;
	cp0 = sm_table_columns(t);
	for (int32_t b = 0; b < S; b++) {
		snprintf(name, sizeof name, "p_%s", w->side.name[b]);
		if ((rc = sm_table_add_column(NULL, t, name, SM_COLUMN_DOUBLE)))
			goto done;
	}
	if ((rc = sm_table_add_column(&cscore, t, "score", SM_COLUMN_DOUBLE)))
		goto done;
	/* Per side: s_a = P_aa − mean_{b≠a} P_ba; overall: their mean (for two
	 * sides both equal P_XX·P_YY − P_XY·P_YX, computed as such). */
	double mean = 0;
	for (int32_t a = 0; a < S; a++) {
		double other = 0;
		for (int32_t b = 0; b < S; b++)
			if (b != a)
				other += k.p[(size_t)b * ss + (size_t)a];
		double s = k.p[(size_t)a * ss + (size_t)a] - other / (S - 1);
		mean += s;
		if ((rc = sm_table_set_string(t, cside, (size_t)a, w->side.name[a])) ||
		    (rc = sm_table_set_int64(t, csize, (size_t)a, k.size[a])) ||
		    (rc = sm_table_set_int64(t, cstarts, (size_t)a, k.starts[a])) ||
		    (rc = sm_table_set_double(t, cscore, (size_t)a, s)))
			goto done;
		for (int32_t b = 0; b < S; b++)
			if ((rc = sm_table_set_double(t, cp0 + (size_t)b, (size_t)a,
			                              k.p[(size_t)a * ss + (size_t)b])))
				goto done;
	}
	if (S == 2)
		mean = k.p[0] * k.p[3] - k.p[1] * k.p[2];
	else
		mean /= S;
	snprintf(num, sizeof num, "%lld", (long long)o->walk_top);
	if ((rc = sm_table_set_note(t, "sides", o->sides)) ||
	    (rc = sm_table_set_note(t, "walk_top", num)))
		goto done;
	snprintf(num, sizeof num, "%lld", (long long)excluded);
	if ((rc = sm_table_set_note(t, "excluded", num)))
		goto done;
	snprintf(num, sizeof num, "%lld", (long long)sweeps);
	if ((rc = sm_table_set_note(t, "sweeps", num)))
		goto done;
	sm_format_double(num, residual);
	if ((rc = sm_table_set_note(t, "residual", num)))
		goto done;
	*score = mean;
	*out = t;
	t = NULL;
done:
	sm_table_free(t);
	walk_dispose(&k);
	return rc;
}

/* ---- notes ----------------------------------------------------------------- */

static int group_notes(sm_table *t, const work *w, const sm_bubbles_result *r)
{
	const sm_bubbles_options *o = w->o;
	static const char *const combine_names[] = { "max", "sum", "mean" };
	char num[32];
	int rc;
	if ((rc = sm_table_set_note(t, "grouping", o->by ? "attribute" : "leiden")))
		return rc;
	if (o->by) {
		if ((rc = sm_table_set_note(t, "by", o->by)))
			return rc;
	} else {
		snprintf(num, sizeof num, "%llu", (unsigned long long)o->seed);
		if ((rc = sm_table_set_note(t, "seed", num)))
			return rc;
		sm_format_double(num, o->resolution);
		if ((rc = sm_table_set_note(t, "resolution", num)))
			return rc;
		snprintf(num, sizeof num, "%lld", (long long)o->iterations);
		if ((rc = sm_table_set_note(t, "iterations", num)))
			return rc;
	}
	sm_format_double(num, o->ei_threshold);
	if ((rc = sm_table_set_note(t, "ei_threshold", num)))
		return rc;
	sm_format_double(num, o->diversity_threshold);
	if ((rc = sm_table_set_note(t, "diversity_threshold", num)))
		return rc;
	snprintf(num, sizeof num, "%lld", (long long)o->min_size);
	if ((rc = sm_table_set_note(t, "min_size", num)))
		return rc;
	sm_format_double(num, r->modularity);
	if ((rc = sm_table_set_note(t, "modularity", num)) ||
	    (rc = sm_table_set_note(t, "weighted", o->weighted ? "true" : "false")) ||
	    (rc = sm_table_set_note(t, "combine", combine_names[o->combine])))
		return rc;
	if (o->stance) {
		snprintf(num, sizeof num, "%lld", (long long)w->stance_missing);
		if ((rc = sm_table_set_note(t, "stance", o->stance)) ||
		    (rc = sm_table_set_note(t, "stance_missing", num)))
			return rc;
	}
	return SM_OK;
}

/* ---- entry point ----------------------------------------------------------- */

int sm_bubbles(sm_bubbles_result **out, const sm_network *net, const sm_bubbles_options *opts)
{
	sm_bubbles_options o;
	if (!out || !net)
		return sm_fail(SM_EINVAL, "sm_bubbles: %s is NULL", !out ? "out" : "net");
	if (opts) {
		if (opts->version != SM_BUBBLES_OPTIONS_VERSION)
			return sm_fail(SM_EINVAL,
			               "bubbles options version %u is not %d: initialise them with "
			               "sm_bubbles_options_init()",
			               opts->version, SM_BUBBLES_OPTIONS_VERSION);
		o = *opts;
	} else {
		sm_bubbles_options_init(&o);
	}
	int rc;
	if ((rc = check_options(&o)))
		return rc;
	if (o.by && (rc = sm_grouping_check(net, o.by, "by", "the groups")))
		return rc;
	if (o.sides && (rc = sm_grouping_check(net, o.sides, "sides", "the controversy score")))
		return rc;
	if (o.stance && (rc = check_stance(net, o.stance)))
		return rc;

	work w = { .net = net, .o = &o, .n = (int64_t)net->n };
	sm_graph g;
	sm_mutual mu = { 0 };
	sm_bubbles_result *r = NULL;
	sm_progress prog;
	int64_t done = 0;
	if (o.diversity_of && (rc = parse_diversity_of(&w, o.diversity_of))) {
		work_dispose(&w);
		return rc;
	}
	if ((rc = sm_graph_build(&g, net, o.combine, o.weighted))) {
		work_dispose(&w);
		return rc;
	}
	if ((rc = sm_mutual_build(&mu, &g)))
		goto done;
	w.m = &mu.m;
	if ((rc = build_attributes(&w)) || (rc = build_groups(&w, &g)))
		goto done;
	if (!(r = sm_calloc(1, sizeof *r))) {
		rc = sm_fail_nomem();
		goto done;
	}
	if ((rc = sm_progress_begin(&prog, o.progress, o.progress_user, "bubbles", 3 * w.n)) ||
	    (rc = actor_pass(&w, &prog, &done)) ||
	    (rc = group_table(&r->groups, &w, &prog, &done)) ||
	    (rc = actor_table(&r->actors, &w, &prog, &done)) ||
	    (rc = mixing_table(&r->mixing, &w)) ||
	    (rc = assortativity_table(&r->assortativity, &w)))
		goto done;
	/* Modularity at resolution 1: Σ_g I_g/W − (vol_g / 2W)². */
	double q = 0;
	for (int32_t c = 0; c < w.ngroups; c++) {
		double vol = w.internal2[c] + w.external[c];
		q += w.internal2[c] / w.total - (vol / w.total) * (vol / w.total);
	}
	r->modularity = w.total > 0 ? q : NAN;
	r->group_count = w.ngroups;
	for (int32_t c = 0; c < w.ngroups; c++)
		r->bubble_count += w.flag[c];
	r->seed = o.by ? 0 : o.seed;
	r->controversy_score = NAN;
	if ((rc = group_notes(r->groups, &w, r)) || (rc = sm_progress_end(&prog)))
		goto done;
	if (w.have_side && (rc = controversy(&r->controversy, &r->controversy_score, &w)))
		goto done;
	*out = r;
	r = NULL;
done:
	sm_bubbles_result_free(r);
	work_dispose(&w);
	sm_mutual_dispose(&mu);
	sm_graph_dispose(&g);
	return rc;
}
