/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What are we missing: network-gap studies (include/stakemap/gaps.h,
 * docs/gaps.md).
 *
 * - Reach: the best path quality (product of qualities) from the focal set.
 *   With a hop limit k: k rounds of relaxation, each reading only the values
 *   of the previous round (Jacobi), over the frontier of actors whose label
 *   changed in the previous round. Without one: Dijkstra on the labels
 *   ordered by (quality descending, hops ascending, via ascending) — a path
 *   that is extended never gets better under that order, so the first label
 *   settled is the best. (Dijkstra and then dropping paths longer than k is
 *   wrong: a better but longer path hides a shorter one.)
 *   Rules: a relationship leaving a focal actor counts only towards
 *   `first_hop` actors; avoided actors are reached but not expanded; paths
 *   of quality below `min_quality` are pruned.
 * - Coverage per group of each target attribute; "community" = Leiden.
 * - Unusual suspects: standing = PageRank inside the actor's own group (one
 *   power iteration for all groups at once, over the within-group entries of
 *   the CSR, teleport and dangling rank kept inside each group) divided by
 *   the group's highest; score = standing × (1 − quality).
 * - Recommendations: F(S) = Σ_v w_v Q_S(v), Q_S(v) = max(Q_∅(v), max_s a·R_s(v))
 *   with R_s the best quality from s within k − 1 hops (same rules). F is a
 *   facility-location function (monotone submodular): lazy greedy (CELF).
 * - Diversity gap: Jensen–Shannon divergence (base 2) of the kinds.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/community.h"
#include "analysis/graph.h"
#include "analysis/groups.h"
#include "core/progress.h"
#include "stakemap/gaps.h"

void sm_gaps_options_init(sm_gaps_options *opts)
{
	sm_gaps_options defaults = SM_GAPS_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}

/* Actor flags. */
enum { F_FOCAL = 1, F_FIRST = 2, F_AVOID = 4 };

/* Groups "opens" names at most, and the least rise of a group's mean
 * quality it names (what prints as +0.01). */
#define OPENS_MAX 3
#define OPENS_MIN 0.005
/* PageRank damping of standing (sm_centrality's default). */
#define STANDING_DAMPING 0.85
/* PageRank convergence: every group's L1 change below this. */
#define STANDING_TOL 1e-13

/* Progress stages run on a scale of PROGRESS_SCALE steps, so that the
 * throttle (one call a hundredth) gives at most ~100 calls whatever the
 * real number of steps. */
#define PROGRESS_SCALE 10000

static int stage_begin(sm_progress *p, const sm_gaps_options *o, const char *stage)
{
	return sm_progress_begin(p, o->progress, o->progress_user, stage, PROGRESS_SCALE);
}

static int stage_step(sm_progress *p, int64_t done, int64_t total)
{
	if (total <= 0)
		return SM_OK;
	return sm_progress_step(p, (int64_t)((double)done / (double)total * PROGRESS_SCALE));
}

/* ---- the search ------------------------------------------------------- */

typedef struct label {
	double q;
	int32_t hops, via, v;
} label;

/* Whether label a is better than b: higher quality, then fewer hops, then
 * the lower via, then (for a deterministic heap) the lower actor. */
static bool label_better(const label *a, const label *b)
{
	if (a->q != b->q)
		return a->q > b->q;
	if (a->hops != b->hops)
		return a->hops < b->hops;
	if (a->via != b->via)
		return a->via < b->via;
	return a->v < b->v;
}

/* Scratch of one search, reused from search to search (reset through the
 * list of touched actors). q = 0 means not reached. */
typedef struct search {
	const sm_csr *out;
	const uint8_t *flags;
	bool restrict_first; /* first_hop given */
	bool unlimited;      /* Dijkstra; else `limit` rounds */
	int64_t limit;       /* hops */
	double min_quality;
	double scale;        /* a path counts when scale · quality ≥ min_quality */
	bool candidate;      /* searching from a candidate: focal actors are skipped */
	double *q;
	int32_t *hops, *via;
	int32_t *touched;
	int64_t ntouched;
	int32_t *front, *next, *front_via;
	double *front_q;
	uint8_t *mark;
	label *heap;
	size_t heap_len, heap_cap;
	sm_progress *prog; /* main search only */
} search;

static void search_dispose(search *s)
{
	sm_free(s->q);
	sm_free(s->hops);
	sm_free(s->via);
	sm_free(s->touched);
	sm_free(s->front);
	sm_free(s->next);
	sm_free(s->front_via);
	sm_free(s->front_q);
	sm_free(s->mark);
	sm_free(s->heap);
	memset(s, 0, sizeof *s);
}

static int search_alloc(search *s, int64_t n)
{
	size_t k = n ? (size_t)n : 1;
	s->q = sm_calloc(k, sizeof *s->q);
	s->hops = sm_malloc(k * sizeof *s->hops);
	s->via = sm_malloc(k * sizeof *s->via);
	s->touched = sm_malloc(k * sizeof *s->touched);
	s->front = sm_malloc(k * sizeof *s->front);
	s->next = sm_malloc(k * sizeof *s->next);
	s->front_via = sm_malloc(k * sizeof *s->front_via);
	s->front_q = sm_malloc(k * sizeof *s->front_q);
	s->mark = sm_calloc(k, 1);
	if (!s->q || !s->hops || !s->via || !s->touched || !s->front || !s->next ||
	    !s->front_via || !s->front_q || !s->mark) {
		search_dispose(s);
		return sm_fail_nomem();
	}
	for (int64_t v = 0; v < n; v++)
		s->hops[v] = s->via[v] = -1;
	return SM_OK;
}

/* Forget the labels of the last search. */
static void search_reset(search *s)
{
	for (int64_t i = 0; i < s->ntouched; i++) {
		int32_t v = s->touched[i];
		s->q[v] = 0;
		s->hops[v] = s->via[v] = -1;
		s->mark[v] = 0;
	}
	s->ntouched = 0;
	s->heap_len = 0;
}

static void search_source(search *s, int32_t v)
{
	s->q[v] = 1.0;
	s->hops[v] = 0;
	s->via[v] = v;
	s->touched[s->ntouched++] = v;
}

/* Whether u's relationships are followed: avoided actors only start paths. */
static inline bool expands(const search *s, int32_t u)
{
	return !(s->flags[u] & F_AVOID) || s->hops[u] == 0;
}

/* Whether the entry u → v may be used (apart from quality). */
static inline bool usable(const search *s, int32_t u, int32_t v)
{
	if (s->candidate)
		return !(s->flags[v] & F_FOCAL);
	return !(s->restrict_first && (s->flags[u] & F_FOCAL) && !(s->flags[v] & F_FIRST));
}

static int step(search *s)
{
	return s->prog ? stage_step(s->prog, s->ntouched, s->out->n) : SM_OK;
}

/* k rounds of Jacobi relaxation from the sources already labelled. */
static int search_rounds(search *s)
{
	const int64_t *off = s->out->offsets;
	const int32_t *nbr = s->out->nbr;
	const double *w = s->out->q;
	int64_t nfront = s->ntouched, nnext;
	int rc;
	for (int64_t i = 0; i < nfront; i++) {
		s->front[i] = s->touched[i];
		s->front_q[i] = s->q[s->touched[i]];
		s->front_via[i] = s->via[s->touched[i]];
	}
	for (int64_t r = 1; r <= s->limit && nfront > 0; r++) {
		nnext = 0;
		for (int64_t i = 0; i < nfront; i++) {
			int32_t u = s->front[i], vu = s->front_via[i];
			double qu = s->front_q[i];
			if (!expands(s, u))
				continue;
			for (int64_t e = off[u]; e < off[u + 1]; e++) {
				int32_t v = nbr[e];
				double c = qu * w[e];
				if (!usable(s, u, v) || s->scale * c < s->min_quality)
					continue;
				bool tie = c == s->q[v] && s->hops[v] == r && vu < s->via[v];
				if (c > s->q[v] || tie) {
					if (s->q[v] == 0)
						s->touched[s->ntouched++] = v;
					s->q[v] = c;
					s->hops[v] = (int32_t)r;
					s->via[v] = vu;
					if (!s->mark[v]) {
						s->mark[v] = 1;
						s->next[nnext++] = v;
					}
				}
			}
			if ((i & 255) == 255 && (rc = step(s)))
				return rc;
		}
		/* The next round reads these values, not those it writes. */
		for (int64_t i = 0; i < nnext; i++) {
			int32_t v = s->next[i];
			s->mark[v] = 0;
			s->front[i] = v;
			s->front_q[i] = s->q[v];
			s->front_via[i] = s->via[v];
		}
		nfront = nnext;
		if ((rc = step(s)))
			return rc;
	}
	return SM_OK;
}

static int heap_push(search *s, label x)
{
	if (s->heap_len == s->heap_cap && SM_GROW(s->heap, s->heap_cap, s->heap_len + 1))
		return SM_ENOMEM;
	size_t i = s->heap_len++;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!label_better(&x, &s->heap[p]))
			break;
		s->heap[i] = s->heap[p];
		i = p;
	}
	s->heap[i] = x;
	return SM_OK;
}

static label heap_pop(search *s)
{
	label top = s->heap[0], x = s->heap[--s->heap_len];
	size_t i = 0, n = s->heap_len;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && label_better(&s->heap[c + 1], &s->heap[c]))
			c++;
		if (!label_better(&s->heap[c], &x))
			break;
		s->heap[i] = s->heap[c];
		i = c;
	}
	if (n > 0)
		s->heap[i] = x;
	return top;
}

/* Dijkstra (no hop limit) from the sources already labelled. `mark` holds
 * the settled actors. */
static int search_dijkstra(search *s)
{
	const int64_t *off = s->out->offsets;
	const int32_t *nbr = s->out->nbr;
	const double *w = s->out->q;
	int64_t settled = 0;
	int rc;
	for (int64_t i = 0; i < s->ntouched; i++) {
		int32_t v = s->touched[i];
		if ((rc = heap_push(s, (label){ s->q[v], s->hops[v], s->via[v], v })))
			return rc;
	}
	while (s->heap_len > 0) {
		label x = heap_pop(s);
		int32_t u = x.v;
		if (s->mark[u] || x.q != s->q[u] || x.hops != s->hops[u] || x.via != s->via[u])
			continue; /* settled, or a stale entry */
		s->mark[u] = 1;
		if ((++settled & 255) == 0 && (rc = step(s)))
			return rc;
		if (!expands(s, u))
			continue;
		for (int64_t e = off[u]; e < off[u + 1]; e++) {
			int32_t v = nbr[e];
			if (s->mark[v] || !usable(s, u, v))
				continue;
			label y = { x.q * w[e], x.hops + 1, x.via, v };
			if (s->scale * y.q < s->min_quality)
				continue;
			label cur = { s->q[v], s->hops[v], s->via[v], v };
			if (s->q[v] > 0 && !label_better(&y, &cur))
				continue;
			if (s->q[v] == 0)
				s->touched[s->ntouched++] = v;
			s->q[v] = y.q;
			s->hops[v] = y.hops;
			s->via[v] = y.via;
			if ((rc = heap_push(s, y)))
				return rc;
		}
	}
	return SM_OK;
}

static int search_run(search *s)
{
	return s->unlimited ? search_dijkstra(s) : search_rounds(s);
}

/* ---- the study ---------------------------------------------------------- */

typedef struct study {
	const sm_network *net;
	sm_gaps_options o;
	int64_t n;
	sm_network *snapshot;
	sm_graph g;
	bool have_graph;
	uint8_t *flags;
	int64_t focal_count, candidates;
	/* target attributes */
	char *target_text;   /* copy of target_by, split in place */
	const char **target; /* names */
	int ntargets;
	sm_grouping *groups;  /* one per target */
	/* communities (when "community" is a target or the standing grouping) */
	bool need_communities;
	int32_t *community;
	int32_t ncommunities;
	char *community_names;
	const char **community_name;
	sm_grouping standing_groups; /* attribute grouping when not "community" */
	sm_grouping kinds;
	/* reach */
	double *q;
	int32_t *hops, *via;
	/* coverage per target group: flat arrays, group_base[t] + g */
	int64_t *group_base;
	int64_t ngroups_total;
	double *group_mean; /* mean reach quality */
	double *w;          /* weight of each actor in the objective */
	double *standing;
	sm_progress prog;
} study;

static void study_dispose(study *st)
{
	sm_network_free(st->snapshot);
	if (st->have_graph)
		sm_graph_dispose(&st->g);
	sm_free(st->flags);
	sm_free(st->target_text);
	sm_free(st->target);
	for (int t = 0; st->groups && t < st->ntargets; t++) {
		if (st->groups[t].of != st->community)
			sm_grouping_dispose(&st->groups[t]);
		else
			sm_free(st->groups[t].name);
	}
	sm_free(st->groups);
	sm_free(st->community);
	sm_free(st->community_names);
	sm_free(st->community_name);
	sm_grouping_dispose(&st->standing_groups);
	sm_grouping_dispose(&st->kinds);
	sm_free(st->q);
	sm_free(st->hops);
	sm_free(st->via);
	sm_free(st->group_base);
	sm_free(st->group_mean);
	sm_free(st->w);
	sm_free(st->standing);
	memset(st, 0, sizeof *st);
}

static const char *standing_name(const study *st)
{
	return st->o.standing_by ? st->o.standing_by : "community";
}

static bool is_community(const char *attr)
{
	return strcmp(attr, "community") == 0;
}

/* Check the options (before any work). */
static int check_options(const sm_gaps_options *o)
{
	if (o->hops < 0)
		return sm_fail(SM_EINVAL, "hops %" PRId64 ": must be 0 (unlimited) or more",
		               o->hops);
	if (!(o->min_quality >= 0 && o->min_quality < 1))
		return sm_fail(SM_EINVAL, "min_quality %g: must be in [0, 1)", o->min_quality);
	if (!(o->weak_quality > 0 && o->weak_quality <= 1))
		return sm_fail(SM_EINVAL, "weak_quality %g: must be in (0, 1]", o->weak_quality);
	if (!(o->assumed_quality > 0 && o->assumed_quality <= 1))
		return sm_fail(SM_EINVAL, "assumed_quality %g: must be in (0, 1]",
		               o->assumed_quality);
	if (o->suspects < 0)
		return sm_fail(SM_EINVAL, "suspects %" PRId64 ": must be 0 (all) or more",
		               o->suspects);
	if (o->recommend < 0)
		return sm_fail(SM_EINVAL, "recommend %" PRId64 ": must be 0 (none) or more",
		               o->recommend);
	if (!(o->resolution > 0) || !isfinite(o->resolution))
		return sm_fail(SM_EINVAL, "resolution %g: must be > 0", o->resolution);
	if (o->combine != SM_COMBINE_MAX && o->combine != SM_COMBINE_SUM &&
	    o->combine != SM_COMBINE_MEAN)
		return sm_fail(SM_EINVAL, "unknown rule %d for combining multi-relationships",
		               (int)o->combine);
	return SM_OK;
}

static int check_selection(const sm_network *net, const sm_selection *sel, const char *what)
{
	size_t k;
	const int64_t *idx = sm_selection_indices(sel, &k);
	if (sm_selection_network(sel) != net || (k > 0 && idx[k - 1] >= (int64_t)net->n))
		return sm_fail(SM_EINVAL, "%s: the selection was made on another network", what);
	return SM_OK;
}

/* Split target_by into names and check each. */
static int parse_targets(study *st)
{
	const char *text = st->o.target_by ? st->o.target_by : "kind";
	char q[64];
	size_t count = 0;
	int rc = sm_split_names(&st->target_text, &st->target, &count, text, "target_by");
	if (rc)
		return rc;
	for (size_t i = 0; i < count; i++) {
		const char *p = st->target[i];
		for (size_t t = 0; t < i; t++)
			if (strcmp(st->target[t], p) == 0)
				return sm_fail(SM_EINVAL, "target_by: attribute %s is given twice",
				               sm_quote(q, p));
		if (is_community(p))
			st->need_communities = true;
		else if ((rc = sm_grouping_check(st->net, p, "target_by", "coverage")))
			return rc;
	}
	st->ntargets = (int)count;
	return SM_OK;
}

/* Flags of every actor; counts focal actors and candidates. */
static int make_flags(study *st, const sm_selection *focal)
{
	st->flags = sm_calloc(st->n ? (size_t)st->n : 1, 1);
	if (!st->flags)
		return sm_fail_nomem();
	size_t k;
	const int64_t *idx = sm_selection_indices(focal, &k);
	for (size_t i = 0; i < k; i++)
		st->flags[idx[i]] |= F_FOCAL;
	if (st->o.first_hop) {
		idx = sm_selection_indices(st->o.first_hop, &k);
		for (size_t i = 0; i < k; i++)
			st->flags[idx[i]] |= F_FIRST;
	}
	if (st->o.avoid) {
		idx = sm_selection_indices(st->o.avoid, &k);
		for (size_t i = 0; i < k; i++)
			st->flags[idx[i]] |= F_AVOID;
	}
	st->focal_count = (int64_t)sm_selection_count(focal);
	for (int64_t v = 0; v < st->n; v++) {
		uint8_t f = st->flags[v];
		if (!(f & (F_FOCAL | F_AVOID)) && (!st->o.first_hop || (f & F_FIRST)))
			st->candidates++;
	}
	return SM_OK;
}

static bool is_candidate(const study *st, int64_t v)
{
	uint8_t f = st->flags[v];
	return !(f & (F_FOCAL | F_AVOID)) && (!st->o.first_hop || (f & F_FIRST));
}

/* Leiden communities as a grouping named "community N" (N from 1, largest first). */
static int communities(study *st)
{
	size_t n = st->n ? (size_t)st->n : 1;
	st->community = sm_malloc(n * sizeof *st->community);
	if (!st->community)
		return sm_fail_nomem();
	sm_community_options co = { st->o.resolution, st->o.seed, -1, st->o.progress,
		                    st->o.progress_user };
	int rc = sm_communities(st->community, &st->ncommunities, &st->g, &co);
	if (rc)
		return rc;
	size_t c = st->ncommunities ? (size_t)st->ncommunities : 1;
	st->community_names = sm_malloc(c * 24);
	st->community_name = sm_malloc(c * sizeof *st->community_name);
	if (!st->community_names || !st->community_name)
		return sm_fail_nomem();
	for (int32_t k = 0; k < st->ncommunities; k++) {
		char *name = st->community_names + (size_t)k * 24;
		snprintf(name, 24, "community %d", (int)k + 1);
		st->community_name[k] = name;
	}
	return SM_OK;
}

static int build_groupings(study *st)
{
	int rc;
	st->groups = sm_calloc((size_t)st->ntargets, sizeof *st->groups);
	if (!st->groups)
		return sm_fail_nomem();
	for (int t = 0; t < st->ntargets; t++) {
		if (is_community(st->target[t])) {
			size_t c = st->ncommunities ? (size_t)st->ncommunities : 1;
			st->groups[t].of = st->community;
			st->groups[t].count = st->ncommunities;
			st->groups[t].name = sm_malloc(c * sizeof(char *));
			if (!st->groups[t].name)
				return sm_fail_nomem();
			memcpy(st->groups[t].name, st->community_name,
			       (size_t)st->ncommunities * sizeof(char *));
		} else if ((rc = sm_grouping_build(&st->groups[t], st->net, st->target[t]))) {
			return rc;
		}
	}
	if (!is_community(standing_name(st)) &&
	    (rc = sm_grouping_build(&st->standing_groups, st->net, standing_name(st))))
		return rc;
	return sm_grouping_build(&st->kinds, st->net, "kind");
}

/* Reach from the focal set: st->q, hops, via. */
static int reach(study *st, search *s)
{
	int rc;
	size_t n = st->n ? (size_t)st->n : 1;
	st->q = sm_malloc(n * sizeof *st->q);
	st->hops = sm_malloc(n * sizeof *st->hops);
	st->via = sm_malloc(n * sizeof *st->via);
	if (!st->q || !st->hops || !st->via)
		return sm_fail_nomem();
	if ((rc = stage_begin(&st->prog, &st->o, "reach")))
		return rc;
	s->candidate = false;
	s->scale = 1.0;
	s->prog = &st->prog;
	for (int64_t v = 0; v < st->n; v++)
		if (st->flags[v] & F_FOCAL)
			search_source(s, (int32_t)v);
	if ((rc = search_run(s)))
		return rc;
	s->prog = NULL;
	memcpy(st->q, s->q, (size_t)st->n * sizeof *st->q);
	memcpy(st->hops, s->hops, (size_t)st->n * sizeof *st->hops);
	memcpy(st->via, s->via, (size_t)st->n * sizeof *st->via);
	search_reset(s);
	return sm_progress_end(&st->prog);
}

/* Mean reach quality of each target group, and the weights of the objective. */
static int group_means(study *st)
{
	st->group_base = sm_malloc(((size_t)st->ntargets + 1) * sizeof *st->group_base);
	if (!st->group_base)
		return sm_fail_nomem();
	int64_t total = 0;
	for (int t = 0; t < st->ntargets; t++) {
		st->group_base[t] = total;
		total += st->groups[t].count;
	}
	st->group_base[st->ntargets] = total;
	st->ngroups_total = total;
	size_t gt = total ? (size_t)total : 1, n = st->n ? (size_t)st->n : 1;
	st->group_mean = sm_calloc(gt, sizeof *st->group_mean);
	int64_t *size = sm_calloc(gt, sizeof *size);
	st->w = sm_malloc(n * sizeof *st->w);
	if (!st->group_mean || !size || !st->w) {
		sm_free(size);
		return sm_fail_nomem();
	}
	for (int t = 0; t < st->ntargets; t++)
		for (int64_t v = 0; v < st->n; v++) {
			int64_t k = st->group_base[t] + st->groups[t].of[v];
			size[k]++;
			st->group_mean[k] += st->q[v];
		}
	for (int64_t k = 0; k < total; k++)
		st->group_mean[k] = size[k] ? st->group_mean[k] / (double)size[k] : 0.0;
	sm_free(size);
	for (int64_t v = 0; v < st->n; v++) {
		double s = 0;
		for (int t = 0; t < st->ntargets; t++)
			s += 1.0 - st->group_mean[st->group_base[t] + st->groups[t].of[v]];
		st->w[v] = s / st->ntargets;
	}
	return SM_OK;
}

/* PageRank inside each group of `of` (ngroups groups), divided by the group's
 * highest: one power iteration for all groups over the within-group entries. */
static int standing(study *st, const int32_t *of, int32_t ngroups)
{
	int64_t n = st->n;
	const sm_csr *out = &st->g.out;
	size_t nn = n ? (size_t)n : 1, ng = ngroups ? (size_t)ngroups : 1;
	double *x = sm_malloc(nn * sizeof *x), *xn = sm_malloc(nn * sizeof *xn);
	double *inv = sm_malloc(nn * sizeof *inv);
	double *gsize = sm_calloc(ng, sizeof *gsize), *dang = sm_malloc(ng * sizeof *dang);
	double *err = sm_malloc(ng * sizeof *err);
	st->standing = sm_malloc(nn * sizeof *st->standing);
	int rc = SM_OK;
	if (!x || !xn || !inv || !gsize || !dang || !err || !st->standing) {
		rc = sm_fail_nomem();
		goto done;
	}
	const double d = STANDING_DAMPING;
	for (int64_t v = 0; v < n; v++)
		gsize[of[v]] += 1;
	for (int64_t v = 0; v < n; v++) {
		double s = 0;
		for (int64_t e = out->offsets[v]; e < out->offsets[v + 1]; e++)
			if (of[out->nbr[e]] == of[v])
				s += out->q[e];
		inv[v] = s > 0 ? 1.0 / s : 0.0;
		x[v] = 1.0 / gsize[of[v]];
	}
	/* The L1 change shrinks by d an iteration. */
	int64_t cap = 100 + 2 * (int64_t)ceil(log(STANDING_TOL) / log(d));
	if ((rc = stage_begin(&st->prog, &st->o, "suspects")))
		goto done;
	int64_t it;
	for (it = 1; it <= cap; it++) {
		for (int32_t k = 0; k < ngroups; k++)
			dang[k] = err[k] = 0;
		for (int64_t v = 0; v < n; v++)
			if (inv[v] == 0)
				dang[of[v]] += x[v];
		for (int64_t v = 0; v < n; v++)
			xn[v] = ((1.0 - d) + d * dang[of[v]]) / gsize[of[v]];
		for (int64_t u = 0; u < n; u++) {
			if (inv[u] == 0)
				continue;
			double f = d * x[u] * inv[u];
			for (int64_t e = out->offsets[u]; e < out->offsets[u + 1]; e++)
				if (of[out->nbr[e]] == of[u])
					xn[out->nbr[e]] += f * out->q[e];
		}
		double worst = 0;
		for (int64_t v = 0; v < n; v++)
			err[of[v]] += fabs(xn[v] - x[v]);
		for (int32_t k = 0; k < ngroups; k++)
			worst = err[k] > worst ? err[k] : worst;
		double *t = x;
		x = xn;
		xn = t;
		if (worst < STANDING_TOL)
			break;
		if ((rc = stage_step(&st->prog, it, cap)))
			goto done;
	}
	if (it > cap) {
		rc = sm_fail(SM_EINTERNAL, "standing: PageRank did not converge in %" PRId64
		             " iterations", cap);
		goto done;
	}
	for (int32_t k = 0; k < ngroups; k++)
		dang[k] = 0; /* now: the group's highest */
	for (int64_t v = 0; v < n; v++)
		dang[of[v]] = x[v] > dang[of[v]] ? x[v] : dang[of[v]];
	for (int64_t v = 0; v < n; v++)
		st->standing[v] = x[v] / dang[of[v]];
	rc = sm_progress_end(&st->prog);
done:
	sm_free(x);
	sm_free(xn);
	sm_free(inv);
	sm_free(gsize);
	sm_free(dang);
	sm_free(err);
	return rc;
}

/* ---- recommendations ---------------------------------------------------- */

typedef struct celf_entry {
	double gain;
	int32_t v;
	int32_t round;
} celf_entry;

static bool celf_above(const celf_entry *a, const celf_entry *b)
{
	return a->gain != b->gain ? a->gain > b->gain : a->v < b->v;
}

static void celf_sift_down(celf_entry *h, size_t n, size_t i)
{
	celf_entry x = h[i];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && celf_above(&h[c + 1], &h[c]))
			c++;
		if (!celf_above(&h[c], &x))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = x;
}

typedef struct pick {
	int32_t v;
	double gain, objective;
	int64_t newly;
	char *opens;
} pick;

typedef struct recommender {
	study *st;
	search *s;
	double *cur;    /* Q_S */
	double *delta;  /* per target group: rise of the summed quality by a pick */
	int64_t *size;  /* per target group */
	int64_t *touched_groups;
	pick *picks;
	int64_t npicks;
	int64_t evaluations, evaluations_plain;
	double objective0;
} recommender;

static void recommender_dispose(recommender *r)
{
	sm_free(r->cur);
	sm_free(r->delta);
	sm_free(r->size);
	sm_free(r->touched_groups);
	for (int64_t i = 0; i < r->npicks; i++)
		sm_free(r->picks[i].opens);
	sm_free(r->picks);
}

/* Search from candidate c (labels left in r->s). */
static int search_from(recommender *r, int32_t c)
{
	search *s = r->s;
	search_reset(s);
	search_source(s, c);
	return search_run(s);
}

/* Marginal gain of the last search: Σ_v w_v · max(0, a·R(v) − Q_S(v)). */
static double gain_of(const recommender *r)
{
	const search *s = r->s;
	const study *st = r->st;
	double a = st->o.assumed_quality, g = 0;
	for (int64_t i = 0; i < s->ntouched; i++) {
		int32_t v = s->touched[i];
		double nq = a * s->q[v];
		if (nq > r->cur[v] && nq >= st->o.min_quality)
			g += st->w[v] * (nq - r->cur[v]);
	}
	return g;
}

static double objective_of(const study *st, const double *q)
{
	double f = 0;
	for (int64_t v = 0; v < st->n; v++)
		if (!(st->flags[v] & F_FOCAL))
			f += st->w[v] * q[v];
	return f;
}

typedef struct opening {
	double rise;
	int t;
	int32_t g;
} opening;

/* Apply the last search (from pick p) to Q_S; write "opens". */
static int apply_pick(recommender *r, pick *p)
{
	const search *s = r->s;
	study *st = r->st;
	double a = st->o.assumed_quality;
	int64_t ntg = 0;
	opening best[OPENS_MAX];
	int nbest = 0;
	for (int64_t i = 0; i < s->ntouched; i++) {
		int32_t v = s->touched[i];
		double nq = a * s->q[v];
		if (!(nq > r->cur[v] && nq >= st->o.min_quality))
			continue;
		if (r->cur[v] == 0)
			p->newly++;
		for (int t = 0; t < st->ntargets; t++) {
			int64_t k = st->group_base[t] + st->groups[t].of[v];
			if (r->delta[k] == 0)
				r->touched_groups[ntg++] = k;
			r->delta[k] += nq - r->cur[v];
		}
		r->cur[v] = nq;
	}
	/* The OPENS_MAX groups whose mean quality rises most (ties: attribute
	 * order, then group order). */
	for (int t = 0; t < st->ntargets; t++)
		for (int32_t g = 0; g < st->groups[t].count; g++) {
			int64_t k = st->group_base[t] + g;
			opening o = { r->delta[k] / (double)r->size[k], t, g };
			if (!(o.rise >= OPENS_MIN))
				continue;
			int j = nbest < OPENS_MAX ? nbest++ : OPENS_MAX;
			if (j == OPENS_MAX && !(o.rise > best[OPENS_MAX - 1].rise))
				continue;
			if (j == OPENS_MAX)
				j = OPENS_MAX - 1;
			while (j > 0 && o.rise > best[j - 1].rise) {
				best[j] = best[j - 1];
				j--;
			}
			best[j] = o;
		}
	for (int64_t i = 0; i < ntg; i++)
		r->delta[r->touched_groups[i]] = 0;
	size_t len = 1;
	for (int i = 0; i < nbest; i++)
		len += strlen(st->target[best[i].t]) +
		       strlen(st->groups[best[i].t].name[best[i].g]) + 16;
	p->opens = sm_malloc(len);
	if (!p->opens)
		return sm_fail_nomem();
	size_t at = 0;
	p->opens[0] = '\0';
	for (int i = 0; i < nbest; i++)
		at += (size_t)snprintf(p->opens + at, len - at, "%s%s=%s +%.2f", i ? ", " : "",
		                       st->target[best[i].t], st->groups[best[i].t].name[best[i].g],
		                       best[i].rise);
	return SM_OK;
}

static int recommend(recommender *r)
{
	study *st = r->st;
	search *s = r->s;
	int64_t n = st->n, k = st->o.recommend, c = st->candidates;
	size_t nn = n ? (size_t)n : 1, gt = st->ngroups_total ? (size_t)st->ngroups_total : 1;
	int rc;
	r->cur = sm_malloc(nn * sizeof *r->cur);
	r->delta = sm_calloc(gt, sizeof *r->delta);
	r->size = sm_calloc(gt, sizeof *r->size);
	r->touched_groups = sm_malloc(gt * sizeof *r->touched_groups);
	r->picks = sm_calloc(k ? (size_t)k : 1, sizeof *r->picks);
	celf_entry *heap = sm_malloc((c ? (size_t)c : 1) * sizeof *heap);
	if (!r->cur || !r->delta || !r->size || !r->touched_groups || !r->picks || !heap) {
		sm_free(heap);
		return sm_fail_nomem();
	}
	memcpy(r->cur, st->q, (size_t)n * sizeof *r->cur);
	for (int t = 0; t < st->ntargets; t++)
		for (int64_t v = 0; v < n; v++)
			r->size[st->group_base[t] + st->groups[t].of[v]]++;
	r->objective0 = objective_of(st, r->cur);
	if (k == 0) {
		sm_free(heap);
		return SM_OK;
	}
	s->candidate = true;
	s->scale = st->o.assumed_quality;
	s->limit = st->o.hops - 1; /* unused when unlimited */
	if ((rc = stage_begin(&st->prog, &st->o, "recommendations")))
		goto done;
	size_t len = 0;
	for (int64_t v = 0; v < n; v++) {
		if (!is_candidate(st, v))
			continue;
		if ((rc = search_from(r, (int32_t)v)))
			goto done;
		heap[len++] = (celf_entry){ gain_of(r), (int32_t)v, 0 };
		r->evaluations++;
		if ((rc = stage_step(&st->prog, (int64_t)len, c + k)))
			goto done;
	}
	for (size_t i = len / 2; i-- > 0;)
		celf_sift_down(heap, len, i);
	for (int32_t round = 0; round < k && len > 0; round++) {
		r->evaluations_plain += c - round;
		while (heap[0].round != round) {
			if ((rc = search_from(r, heap[0].v)))
				goto done;
			heap[0].gain = gain_of(r);
			heap[0].round = round;
			r->evaluations++;
			celf_sift_down(heap, len, 0);
		}
		if (!(heap[0].gain > 0))
			break; /* nothing left to gain */
		pick *p = &r->picks[r->npicks++];
		p->v = heap[0].v;
		p->gain = heap[0].gain;
		p->newly = r->npicks > 1 ? r->picks[r->npicks - 2].newly : 0;
		if ((rc = search_from(r, p->v)) || (rc = apply_pick(r, p)))
			goto done;
		p->objective = objective_of(st, r->cur);
		heap[0] = heap[--len];
		celf_sift_down(heap, len, 0);
		if ((rc = stage_step(&st->prog, c + r->npicks, c + k)))
			goto done;
	}
	rc = sm_progress_end(&st->prog);
done:
	search_reset(s);
	sm_free(heap);
	return rc;
}

/* ---- result tables ------------------------------------------------------ */

typedef struct column {
	const char *name;
	sm_column_type type;
} column;

static int add_columns(sm_table *t, size_t *idx, const column *cols, size_t n)
{
	int rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = sm_table_add_column(&idx[i], t, cols[i].name, cols[i].type)))
			return rc;
	return SM_OK;
}

static int actors_table(sm_table **out, const study *st)
{
	static const column cols[] = {
		{ "id", SM_COLUMN_STRING },     { "label", SM_COLUMN_STRING },
		{ "kind", SM_COLUMN_STRING },   { "focal", SM_COLUMN_BOOL },
		{ "reached", SM_COLUMN_BOOL },  { "quality", SM_COLUMN_DOUBLE },
		{ "hops", SM_COLUMN_INT64 },    { "via", SM_COLUMN_STRING },
	};
	enum { ID, LABEL, KIND, FOCAL, REACHED, QUALITY, HOPS, VIA, NCOLS };
	const sm_network *net = st->net;
	size_t c[NCOLS], n = (size_t)st->n;
	size_t *tc = sm_malloc(((size_t)st->ntargets + 1) * sizeof *tc);
	sm_table *t = NULL;
	int rc;
	if (!tc)
		return sm_fail_nomem();
	if ((rc = sm_table_new(&t, n)) || (rc = add_columns(t, c, cols, NCOLS)))
		goto fail;
	for (int k = 0; k < st->ntargets; k++) {
		/* "kind" is already a column; another clash gets a suffix. */
		tc[k] = SIZE_MAX;
		if (strcmp(st->target[k], "kind") == 0)
			continue;
		size_t dummy;
		if (sm_table_find_column(&dummy, t, st->target[k]) == SM_OK) {
			char name[256];
			snprintf(name, sizeof name, "%.200s (group)", st->target[k]);
			rc = sm_table_add_column(&tc[k], t, name, SM_COLUMN_STRING);
		} else {
			rc = sm_table_add_column(&tc[k], t, st->target[k], SM_COLUMN_STRING);
		}
		if (rc)
			goto fail;
	}
	for (size_t v = 0; v < n; v++) {
		bool reached = st->q[v] > 0;
		if ((rc = sm_table_set_string(t, c[ID], v, net->actor_id[v])) ||
		    (rc = sm_table_set_string(t, c[LABEL], v, net->actor_label[v])) ||
		    (rc = sm_table_set_string(t, c[KIND], v, net->actor_kind[v])) ||
		    (rc = sm_table_set_bool(t, c[FOCAL], v, st->flags[v] & F_FOCAL)) ||
		    (rc = sm_table_set_bool(t, c[REACHED], v, reached)) ||
		    (rc = sm_table_set_double(t, c[QUALITY], v, st->q[v])) ||
		    (rc = sm_table_set_int64(t, c[HOPS], v, reached ? st->hops[v] : -1)) ||
		    (rc = sm_table_set_string(t, c[VIA], v,
		                              reached ? net->actor_id[st->via[v]] : "")))
			goto fail;
		for (int k = 0; k < st->ntargets; k++)
			if (tc[k] != SIZE_MAX &&
			    (rc = sm_table_set_string(t, tc[k], v,
			                              st->groups[k].name[st->groups[k].of[v]])))
				goto fail;
	}
	sm_free(tc);
	*out = t;
	return SM_OK;
fail:
	sm_free(tc);
	sm_table_free(t);
	return rc;
}

typedef struct cov_row {
	int t;
	int32_t g;
	int64_t size, reached, weak;
	double mean, representation;
	const char *name;
} cov_row;

static int cov_order(const void *a, const void *b)
{
	const cov_row *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->representation != y->representation)
		return x->representation < y->representation ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int coverage_table(sm_table **out, const study *st, int64_t reached_total)
{
	static const column cols[] = {
		{ "attribute", SM_COLUMN_STRING },      { "group", SM_COLUMN_STRING },
		{ "size", SM_COLUMN_INT64 },            { "share_of_network", SM_COLUMN_DOUBLE },
		{ "reached", SM_COLUMN_INT64 },         { "share_reached", SM_COLUMN_DOUBLE },
		{ "weakly_reached", SM_COLUMN_INT64 },  { "mean_quality", SM_COLUMN_DOUBLE },
		{ "share_of_reached", SM_COLUMN_DOUBLE }, { "representation", SM_COLUMN_DOUBLE },
		{ "weight", SM_COLUMN_DOUBLE },
	};
	enum { ATTR, GROUP, SIZE, SHARE_NET, REACHED, SHARE_REACHED, WEAK, MEAN, SHARE_OF_REACHED,
	       REPR, WEIGHT, NCOLS };
	int64_t rows = st->ngroups_total;
	cov_row *r = sm_calloc(rows ? (size_t)rows : 1, sizeof *r);
	sm_table *t = NULL;
	size_t c[NCOLS];
	int rc;
	if (!r)
		return sm_fail_nomem();
	for (int k = 0; k < st->ntargets; k++) {
		for (int32_t g = 0; g < st->groups[k].count; g++) {
			cov_row *x = &r[st->group_base[k] + g];
			x->t = k;
			x->g = g;
			x->name = st->groups[k].name[g];
			x->mean = st->group_mean[st->group_base[k] + g];
		}
		for (int64_t v = 0; v < st->n; v++) {
			cov_row *x = &r[st->group_base[k] + st->groups[k].of[v]];
			x->size++;
			x->reached += st->q[v] > 0;
			x->weak += st->q[v] > 0 && st->q[v] < st->o.weak_quality;
		}
	}
	double n = (double)st->n;
	for (int64_t i = 0; i < rows; i++)
		r[i].representation = ((double)r[i].reached / (double)reached_total) /
		                      ((double)r[i].size / n);
	qsort(r, (size_t)rows, sizeof *r, cov_order);
	if ((rc = sm_table_new(&t, (size_t)rows)) || (rc = add_columns(t, c, cols, NCOLS)))
		goto fail;
	for (size_t i = 0; i < (size_t)rows; i++) {
		const cov_row *x = &r[i];
		if ((rc = sm_table_set_string(t, c[ATTR], i, st->target[x->t])) ||
		    (rc = sm_table_set_string(t, c[GROUP], i, x->name)) ||
		    (rc = sm_table_set_int64(t, c[SIZE], i, x->size)) ||
		    (rc = sm_table_set_double(t, c[SHARE_NET], i, (double)x->size / n)) ||
		    (rc = sm_table_set_int64(t, c[REACHED], i, x->reached)) ||
		    (rc = sm_table_set_double(t, c[SHARE_REACHED], i,
		                              (double)x->reached / (double)x->size)) ||
		    (rc = sm_table_set_int64(t, c[WEAK], i, x->weak)) ||
		    (rc = sm_table_set_double(t, c[MEAN], i, x->mean)) ||
		    (rc = sm_table_set_double(t, c[SHARE_OF_REACHED], i,
		                              (double)x->reached / (double)reached_total)) ||
		    (rc = sm_table_set_double(t, c[REPR], i, x->representation)) ||
		    (rc = sm_table_set_double(t, c[WEIGHT], i, 1.0 - x->mean)))
			goto fail;
	}
	sm_free(r);
	*out = t;
	return SM_OK;
fail:
	sm_free(r);
	sm_table_free(t);
	return rc;
}

typedef struct suspect {
	double score;
	int32_t v;
} suspect;

static int suspect_order(const void *a, const void *b)
{
	const suspect *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->v > y->v) - (x->v < y->v);
}

static int suspects_table(sm_table **out, const study *st, const int32_t *of,
                          const char *const *names)
{
	static const column cols[] = {
		{ "rank", SM_COLUMN_INT64 },     { "id", SM_COLUMN_STRING },
		{ "label", SM_COLUMN_STRING },   { "kind", SM_COLUMN_STRING },
		{ "group", SM_COLUMN_STRING },   { "standing", SM_COLUMN_DOUBLE },
		{ "quality", SM_COLUMN_DOUBLE }, { "score", SM_COLUMN_DOUBLE },
	};
	enum { RANK, ID, LABEL, KIND, GROUP, STANDING, QUALITY, SCORE, NCOLS };
	int64_t others = st->n - st->focal_count;
	suspect *s = sm_malloc((others ? (size_t)others : 1) * sizeof *s);
	sm_table *t = NULL;
	size_t c[NCOLS], k = 0;
	int rc;
	if (!s)
		return sm_fail_nomem();
	for (int64_t v = 0; v < st->n; v++)
		if (!(st->flags[v] & F_FOCAL))
			s[k++] = (suspect){ st->standing[v] * (1.0 - st->q[v]), (int32_t)v };
	qsort(s, k, sizeof *s, suspect_order);
	size_t rows = st->o.suspects && (size_t)st->o.suspects < k ? (size_t)st->o.suspects : k;
	if ((rc = sm_table_new(&t, rows)) || (rc = add_columns(t, c, cols, NCOLS)))
		goto fail;
	for (size_t i = 0; i < rows; i++) {
		int32_t v = s[i].v;
		if ((rc = sm_table_set_int64(t, c[RANK], i, (int64_t)i + 1)) ||
		    (rc = sm_table_set_string(t, c[ID], i, st->net->actor_id[v])) ||
		    (rc = sm_table_set_string(t, c[LABEL], i, st->net->actor_label[v])) ||
		    (rc = sm_table_set_string(t, c[KIND], i, st->net->actor_kind[v])) ||
		    (rc = sm_table_set_string(t, c[GROUP], i, names[of[v]])) ||
		    (rc = sm_table_set_double(t, c[STANDING], i, st->standing[v])) ||
		    (rc = sm_table_set_double(t, c[QUALITY], i, st->q[v])) ||
		    (rc = sm_table_set_double(t, c[SCORE], i, s[i].score)))
			goto fail;
	}
	sm_free(s);
	*out = t;
	return SM_OK;
fail:
	sm_free(s);
	sm_table_free(t);
	return rc;
}

static int recommendations_table(sm_table **out, const study *st, const recommender *r)
{
	static const column cols[] = {
		{ "rank", SM_COLUMN_INT64 },      { "id", SM_COLUMN_STRING },
		{ "label", SM_COLUMN_STRING },    { "kind", SM_COLUMN_STRING },
		{ "gain", SM_COLUMN_DOUBLE },     { "objective", SM_COLUMN_DOUBLE },
		{ "newly_reached", SM_COLUMN_INT64 }, { "opens", SM_COLUMN_STRING },
	};
	enum { RANK, ID, LABEL, KIND, GAIN, OBJECTIVE, NEWLY, OPENS, NCOLS };
	sm_table *t = NULL;
	size_t c[NCOLS];
	int rc;
	if ((rc = sm_table_new(&t, (size_t)r->npicks)) || (rc = add_columns(t, c, cols, NCOLS)))
		goto fail;
	for (size_t i = 0; i < (size_t)r->npicks; i++) {
		const pick *p = &r->picks[i];
		if ((rc = sm_table_set_int64(t, c[RANK], i, (int64_t)i + 1)) ||
		    (rc = sm_table_set_string(t, c[ID], i, st->net->actor_id[p->v])) ||
		    (rc = sm_table_set_string(t, c[LABEL], i, st->net->actor_label[p->v])) ||
		    (rc = sm_table_set_string(t, c[KIND], i, st->net->actor_kind[p->v])) ||
		    (rc = sm_table_set_double(t, c[GAIN], i, p->gain)) ||
		    (rc = sm_table_set_double(t, c[OBJECTIVE], i, p->objective)) ||
		    (rc = sm_table_set_int64(t, c[NEWLY], i, p->newly)) ||
		    (rc = sm_table_set_string(t, c[OPENS], i, p->opens)))
			goto fail;
	}
	*out = t;
	return SM_OK;
fail:
	sm_table_free(t);
	return rc;
}

/* Jensen–Shannon divergence (base 2) between the kinds reached (weighted by
 * quality) and the kinds of the network. */
static int diversity_gap(double *out, const study *st)
{
	size_t k = st->kinds.count ? (size_t)st->kinds.count : 1;
	double *p = sm_calloc(2 * k, sizeof *p), *q = p + k;
	if (!p)
		return sm_fail_nomem();
	double ps = 0;
	for (int64_t v = 0; v < st->n; v++) {
		p[st->kinds.of[v]] += st->q[v];
		q[st->kinds.of[v]] += 1;
		ps += st->q[v];
	}
	double js = 0;
	for (int32_t i = 0; i < st->kinds.count; i++) {
		double a = p[i] / ps, b = q[i] / (double)st->n, m = 0.5 * (a + b);
		if (a > 0)
			js += 0.5 * a * log2(a / m);
		if (b > 0)
			js += 0.5 * b * log2(b / m);
	}
	sm_free(p);
	*out = js < 0 ? 0 : js > 1 ? 1 : js;
	return SM_OK;
}

/* ---- entry point -------------------------------------------------------- */

void sm_gaps_result_free(sm_gaps_result *result)
{
	if (!result)
		return;
	sm_table_free(result->actors);
	sm_table_free(result->coverage);
	sm_table_free(result->suspects);
	sm_table_free(result->recommendations);
	sm_free(result);
}

static int check_inputs(const sm_network *net, const sm_selection *focal,
                        const sm_gaps_options *o)
{
	int rc;
	char q[64];
	if (!focal)
		return sm_fail(SM_EINVAL, "gaps: the focal selection is NULL");
	if ((rc = check_options(o)) || (rc = check_selection(net, focal, "focal")) ||
	    (o->first_hop && (rc = check_selection(net, o->first_hop, "first_hop"))) ||
	    (o->avoid && (rc = check_selection(net, o->avoid, "avoid"))))
		return rc;
	if (sm_selection_count(focal) == 0)
		return sm_fail(SM_EINVAL, "gaps: the focal selection is empty: "
		                          "choose at least one actor to start from");
	const char *standing_by = o->standing_by ? o->standing_by : "community";
	if (!is_community(standing_by) &&
	    (rc = sm_grouping_check(net, standing_by, "standing_by", "standing")))
		return rc;
	if (o->at) {
		int32_t day;
		if ((rc = sm_date_parse(&day, o->at)))
			return sm_fail(SM_EINVAL, "at %s: not a date (YYYY-MM-DD)",
			               sm_quote(q, o->at));
	}
	return SM_OK;
}

/* Cap combined qualities at 1 (a sum of several relationships may exceed it). */
static void cap_qualities(sm_csr *c)
{
	for (int64_t e = 0; c->n > 0 && e < c->offsets[c->n]; e++)
		if (c->q[e] > 1)
			c->q[e] = 1;
}

int sm_gaps(sm_gaps_result **out, const sm_network *net, const sm_selection *focal,
            const sm_gaps_options *opts)
{
	if (!out || !net)
		return sm_fail(SM_EINVAL, "sm_gaps: %s is NULL", !out ? "out" : "net");
	study st;
	memset(&st, 0, sizeof st);
	if (opts) {
		if (opts->version != SM_GAPS_OPTIONS_VERSION)
			return sm_fail(SM_EINVAL,
			               "gaps options version %u is not %d: initialise them with "
			               "sm_gaps_options_init()",
			               opts->version, SM_GAPS_OPTIONS_VERSION);
		st.o = *opts;
	} else {
		sm_gaps_options_init(&st.o);
	}
	int rc;
	if ((rc = check_inputs(net, focal, &st.o)))
		return rc;
	st.net = net;
	st.n = (int64_t)net->n;

	search s;
	recommender r;
	sm_gaps_result *res = NULL;
	memset(&s, 0, sizeof s);
	memset(&r, 0, sizeof r);
	r.st = &st;
	r.s = &s;
	if ((rc = parse_targets(&st)) || (rc = make_flags(&st, focal)))
		goto done;
	if (st.o.recommend > st.candidates) {
		rc = sm_fail(SM_EINVAL,
		             "recommend %" PRId64 ": there are only %" PRId64 " candidates (actors "
		             "neither focal nor avoided%s)",
		             st.o.recommend, st.candidates, st.o.first_hop ? ", in first_hop" : "");
		goto done;
	}
	if (is_community(standing_name(&st)))
		st.need_communities = true;
	if (st.o.at && (rc = sm_network_at(&st.snapshot, net, st.o.at)))
		goto done;
	if ((rc = sm_graph_build(&st.g, st.snapshot ? st.snapshot : net, st.o.combine, true)))
		goto done;
	st.have_graph = true;
	cap_qualities(&st.g.out);
	if (st.g.directed)
		cap_qualities(&st.g.in);
	if ((st.need_communities && (rc = communities(&st))) || (rc = build_groupings(&st)))
		goto done;

	s.out = &st.g.out;
	s.flags = st.flags;
	s.restrict_first = st.o.first_hop != NULL;
	s.unlimited = st.o.hops == 0;
	s.limit = st.o.hops;
	s.min_quality = st.o.min_quality;
	if ((rc = search_alloc(&s, st.n)) || (rc = reach(&st, &s)))
		goto done;

	/* coverage */
	if ((rc = stage_begin(&st.prog, &st.o, "coverage")))
		goto done;
	res = sm_calloc(1, sizeof *res);
	if (!res) {
		rc = sm_fail_nomem();
		goto done;
	}
	int64_t reached = 0;
	double qsum = 0;
	for (int64_t v = 0; v < st.n; v++) {
		reached += st.q[v] > 0;
		if (!(st.flags[v] & F_FOCAL))
			qsum += st.q[v];
	}
	res->actors_total = st.n;
	res->focal_count = st.focal_count;
	res->reached_count = reached;
	res->mean_quality = st.n > st.focal_count ? qsum / (double)(st.n - st.focal_count) : 0;
	res->seed = st.need_communities ? st.o.seed : 0;
	if ((rc = group_means(&st)) || (rc = diversity_gap(&res->diversity_gap, &st)) ||
	    (rc = actors_table(&res->actors, &st)) ||
	    (rc = coverage_table(&res->coverage, &st, reached)) ||
	    (rc = sm_progress_end(&st.prog)))
		goto done;

	/* unusual suspects */
	const int32_t *of = st.community;
	const char *const *names = st.community_name;
	int32_t ngroups = st.ncommunities;
	if (!is_community(standing_name(&st))) {
		of = st.standing_groups.of;
		names = st.standing_groups.name;
		ngroups = st.standing_groups.count;
	}
	if ((rc = standing(&st, of, ngroups)) ||
	    (rc = suspects_table(&res->suspects, &st, of, names)))
		goto done;

	/* recommendations */
	if ((rc = recommend(&r)) || (rc = recommendations_table(&res->recommendations, &st, &r)))
		goto done;
	res->objective = r.objective0;
	res->evaluations = r.evaluations;
	res->evaluations_plain = r.evaluations_plain;
	*out = res;
	res = NULL;

done:
	sm_gaps_result_free(res);
	recommender_dispose(&r);
	search_dispose(&s);
	study_dispose(&st);
	return rc;
}
