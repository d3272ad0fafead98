/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * sm_centrality: options, the graph each measure works on, the NetworkX
 * normalisations, and the result table. The measures themselves are in
 * spectral.c (degree, strength, PageRank, eigenvector, HITS) and
 * traversal.c (betweenness, closeness, harmonic). docs/centrality.md gives
 * every definition and every difference from NetworkX and igraph.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/graph.h"
#include "analysis/spectral.h"
#include "analysis/traversal.h"
#include "core/core.h"
#include "model/network_internal.h"
#include "stakemap/centrality.h"

#define N_MEASURES 9
#define DEFAULT_MEASURES (SM_MEASURE_DEGREE | SM_MEASURE_STRENGTH | SM_MEASURE_PAGERANK)
#define PATH_MEASURES (SM_MEASURE_BETWEENNESS | SM_MEASURE_CLOSENESS | SM_MEASURE_HARMONIC)

/* Column names, in bit order (the order of the table's columns). */
static const char *const measure_names[N_MEASURES] = {
	"degree", "strength", "betweenness", "closeness", "harmonic",
	"eigenvector", "pagerank", "hub", "authority",
};

#define KNOWN_MEASURES                                                                        \
	"degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, hub, "       \
	"authority or all"

void sm_centrality_options_init(sm_centrality_options *opts)
{
	sm_centrality_options defaults = SM_CENTRALITY_OPTIONS_INIT;

	if (opts)
		*opts = defaults;
}

const char *sm_measure_name(sm_measure measure)
{
	for (int i = 0; i < N_MEASURES; i++)
		if ((unsigned int)measure == 1u << i)
			return measure_names[i];
	return NULL;
}

/* Whether s[0..len) equals `name`, ignoring ASCII case. */
static bool word_is(const char *s, size_t len, const char *name)
{
	if (strlen(name) != len)
		return false;
	for (size_t i = 0; i < len; i++) {
		char a = s[i], b = name[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

int sm_measure_parse(unsigned int *out, const char *list)
{
	char word[64], q[64];
	unsigned int bits = 0;
	const char *p;

	if (!out || !list)
		return sm_fail(SM_EINVAL, "sm_measure_parse: NULL %s", !out ? "output" : "list");
	p = list;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *s = p;
		bool found = false;

		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == 0)
			return sm_fail(SM_EINVAL, "empty measure name in the list %s (known: %s)",
			               sm_quote(q, list), KNOWN_MEASURES);
		if (word_is(s, len, "all")) {
			bits |= SM_MEASURE_ALL;
			found = true;
		}
		for (int i = 0; i < N_MEASURES && !found; i++)
			if (word_is(s, len, measure_names[i])) {
				bits |= 1u << i;
				found = true;
			}
		if (!found) {
			size_t n = len < sizeof word - 1 ? len : sizeof word - 1;
			memcpy(word, s, n);
			word[n] = '\0';
			return sm_fail(SM_EINVAL, "unknown measure %s (known: %s)",
			               sm_quote(q, word), KNOWN_MEASURES);
		}
		if (!end)
			break;
		p = end + 1;
	}
	*out = bits;
	return SM_OK;
}

/* ---- options ------------------------------------------------------------------------------ */

static int check_options(const sm_centrality_options *o, int64_t n)
{
	if (o->version != SM_CENTRALITY_OPTIONS_VERSION)
		return sm_fail(SM_EINVAL,
		               "centrality options version %u is not %d: initialise them with "
		               "sm_centrality_options_init()",
		               o->version, SM_CENTRALITY_OPTIONS_VERSION);
	if (o->measures & ~(unsigned int)SM_MEASURE_ALL)
		return sm_fail(SM_EINVAL, "unknown measure bits 0x%x (known: 0x%x)",
		               o->measures & ~(unsigned int)SM_MEASURE_ALL,
		               (unsigned int)SM_MEASURE_ALL);
	if (o->distance != SM_DIST_INVERSE && o->distance != SM_DIST_LOG &&
	    o->distance != SM_DIST_HOPS)
		return sm_fail(SM_EINVAL, "unknown distance %d (inverse, log or hops)",
		               (int)o->distance);
	if (o->combine != SM_COMBINE_MAX && o->combine != SM_COMBINE_SUM &&
	    o->combine != SM_COMBINE_MEAN)
		return sm_fail(SM_EINVAL, "unknown rule %d for combining multi-relationships "
		               "(max, sum or mean)", (int)o->combine);
	if (o->mode != SM_MODE_DEFAULT && o->mode != SM_MODE_OUT && o->mode != SM_MODE_IN &&
	    o->mode != SM_MODE_UNDIRECTED)
		return sm_fail(SM_EINVAL,
		               "unknown direction mode %d (default, out, in or undirected)",
		               (int)o->mode);
	if (!(o->damping >= 0 && o->damping < 1))
		return sm_fail(SM_EINVAL, "damping %g is outside [0, 1)", o->damping);
	if (isnan(o->cutoff) || o->cutoff < 0)
		return sm_fail(SM_EINVAL, "cutoff %g is negative: give 0 for no cutoff", o->cutoff);
	if (o->samples < 0)
		return sm_fail(SM_EINVAL, "samples %" PRId64 " is negative: give 0 for exact "
		               "betweenness", o->samples);
	if (o->samples > n)
		return sm_fail(SM_EINVAL, "samples %" PRId64 " is more than the %" PRId64 " actors",
		               o->samples, n);
	if (o->threads < 0)
		return sm_fail(SM_EINVAL, "threads %d is negative: give 0 for all cores",
		               o->threads);
	return SM_OK;
}

/* ---- the undirected view of a directed network -------------------------------------------- */

static inline double combine_step(double acc, double q, sm_combine rule)
{
	return rule == SM_COMBINE_MAX ? (q > acc ? q : acc) : acc + q;
}

/* Every relationship both ways, multi-relationships and reciprocal pairs
 * combined by one rule (a reciprocal pair is a multi-relationship of the
 * undirected pair). Merges the sorted out- and in-rows of the frozen view. */
static int build_undirected(sm_graph *g, const sm_network *net, sm_combine rule, bool weighted)
{
	const sm_frozen *f = sm_network_frozen(net);
	sm_graph tmp;
	int64_t n, cap, o = 0;

	if (!f)
		return sm_error_last()->code;
	n = (int64_t)net->n;
	cap = f->out.offsets[n] + f->in.offsets[n];
	memset(&tmp, 0, sizeof tmp);
	tmp.n = n;
	tmp.out.n = n;
	tmp.out.offsets = sm_malloc((size_t)(n + 1) * sizeof *tmp.out.offsets);
	tmp.out.nbr = sm_malloc((size_t)(cap ? cap : 1) * sizeof *tmp.out.nbr);
	tmp.out.q = sm_malloc((size_t)(cap ? cap : 1) * sizeof *tmp.out.q);
	if (!tmp.out.offsets || !tmp.out.nbr || !tmp.out.q) {
		sm_free(tmp.out.offsets);
		sm_free(tmp.out.nbr);
		sm_free(tmp.out.q);
		return sm_fail_nomem();
	}
	for (int64_t v = 0; v < n; v++) {
		int64_t i = f->out.offsets[v], iend = f->out.offsets[v + 1];
		int64_t j = f->in.offsets[v], jend = f->in.offsets[v + 1];
		tmp.out.offsets[v] = o;
		while (i < iend || j < jend) {
			int32_t w;
			if (j >= jend || (i < iend && f->out.nbr[i] <= f->in.nbr[j]))
				w = f->out.nbr[i];
			else
				w = f->in.nbr[j];
			double acc = 0, count = 0; /* qualities are > 0: max starts at 0 */
			for (; i < iend && f->out.nbr[i] == w; i++, count++)
				acc = combine_step(acc, f->out.q[i], rule);
			for (; j < jend && f->in.nbr[j] == w; j++, count++)
				acc = combine_step(acc, f->in.q[j], rule);
			tmp.out.nbr[o] = w;
			tmp.out.q[o++] = !weighted                 ? 1.0
			                 : rule == SM_COMBINE_MEAN ? acc / count
			                                           : acc;
		}
	}
	tmp.out.offsets[n] = o;
	tmp.directed = false;
	tmp.in = tmp.out;
	*g = tmp;
	return SM_OK;
}

/* ---- the measures ------------------------------------------------------------------------- */

typedef struct job {
	const sm_centrality_options *o;
	const sm_graph *g;
	const sm_network *net; /* for messages */
	int64_t n;
	bool directed; /* of the graph measured (false for the undirected view) */
	unsigned int measures;
	double *col[N_MEASURES]; /* one array of n a requested measure */
} job;

static double *col(job *j, sm_measure m)
{
	for (int i = 0; i < N_MEASURES; i++)
		if ((unsigned int)m == 1u << i)
			return j->col[i];
	return NULL;
}

static void degree_strength(job *j)
{
	const sm_centrality_options *o = j->o;
	sm_side side = !j->directed || o->mode == SM_MODE_DEFAULT ? SM_SIDE_BOTH
	               : o->mode == SM_MODE_OUT                  ? SM_SIDE_OUT
	                                                         : SM_SIDE_IN;
	int64_t n = j->n;

	for (int s = 0; s < 2; s++) {
		sm_measure m = s ? SM_MEASURE_STRENGTH : SM_MEASURE_DEGREE;
		double *x = col(j, m);
		if (!(j->measures & m))
			continue;
		sm_degree_raw(x, j->g, side, s == 1);
		if (!o->normalized)
			continue;
		/* NetworkX: degree / (n − 1), and 1 for the lone actor of a one-actor
		 * network; strength the same way, but 0 for a lone actor (it has no
		 * quality to sum). */
		for (int64_t v = 0; v < n; v++)
			x[v] = n > 1 ? x[v] / (double)(n - 1) : m == SM_MEASURE_DEGREE ? 1.0 : 0.0;
	}
}

static void paths_options(sm_paths_options *p, const sm_centrality_options *o)
{
	memset(p, 0, sizeof *p);
	/* Unweighted: every distance is 1, whatever the transform; hops lets the
	 * traversal use breadth-first search. */
	p->distance = o->weighted ? o->distance : SM_DIST_HOPS;
	p->threads = o->threads;
	p->seed = o->seed;
	p->progress = o->progress;
	p->progress_user = o->progress_user;
}

static void scale_betweenness(job *j, const sm_paths_result *r)
{
	double *x = col(j, SM_MEASURE_BETWEENNESS), n = (double)j->n;
	/* k sampled sources estimate the sum over all n: scale by n/k (NetworkX
	 * does too, except on unnormalised directed graphs: docs/centrality.md). */
	double k = r->sources > 0 && r->sources < j->n ? n / (double)r->sources : 1.0;

	for (int64_t v = 0; v < j->n; v++) {
		double b = r->betweenness[v] * k;
		if (j->o->normalized) {
			/* NetworkX's _rescale: 1/((n−1)(n−2)) on the ordered-pair sums,
			 * which is 2/((n−1)(n−2)) on unordered pairs when undirected;
			 * no scaling for n ≤ 2 (every value is 0). */
			if (j->n > 2)
				b /= (n - 1) * (n - 2);
		} else if (!j->directed) {
			b /= 2; /* each unordered pair was counted from both ends */
		}
		x[v] = b;
	}
}

static void scale_closeness(job *j, const sm_paths_result *r)
{
	double *c = col(j, SM_MEASURE_CLOSENESS), *h = col(j, SM_MEASURE_HARMONIC);
	double n1 = (double)(j->n - 1);

	for (int64_t v = 0; v < j->n; v++) {
		if (c) {
			double tot = r->distance_sum[v], reached = (double)r->reached[v];
			if (!(tot > 0) || j->n < 2)
				c[v] = 0; /* isolated (or alone): NetworkX gives 0 */
			else if (j->o->normalized)
				c[v] = reached / tot * (reached / n1); /* Wasserman–Faust */
			else
				c[v] = 1.0 / tot; /* igraph's closeness(normalized = false) */
		}
		if (h && !j->o->normalized)
			h[v] = r->harmonic[v];
		else if (h)
			h[v] = j->n > 1 ? r->harmonic[v] / n1 : 0;
	}
}

static int path_measures(job *j)
{
	const sm_centrality_options *o = j->o;
	bool want_b = j->measures & SM_MEASURE_BETWEENNESS;
	bool want_c = j->measures & (SM_MEASURE_CLOSENESS | SM_MEASURE_HARMONIC);
	/* Closeness and harmonic count distances to the actor on directed
	 * graphs (NetworkX), from it with SM_MODE_OUT. Betweenness is the same
	 * along either direction, and its cutoff does not shorten the search
	 * for closeness; sampled sources do, so sampling needs a second search. */
	bool reverse = j->directed && o->mode != SM_MODE_OUT;
	bool separate = want_b && want_c && o->samples > 0;
	sm_paths_options p;
	sm_paths_result r;
	int rc;

	if (!want_b && !want_c)
		return SM_OK;
	paths_options(&p, o);
	p.reverse = want_c ? reverse : false;
	p.betweenness = want_b;
	p.closeness = want_c && !separate && (j->measures & SM_MEASURE_CLOSENESS);
	p.harmonic = want_c && !separate && (j->measures & SM_MEASURE_HARMONIC);
	if (want_b) {
		p.cutoff = o->cutoff;
		p.samples = o->samples;
	}
	if (separate)
		p.reverse = false;
	memset(&r, 0, sizeof r);
	if ((rc = sm_paths(&r, j->g, &p)) < 0)
		return rc;
	if (want_b)
		scale_betweenness(j, &r);
	if (want_c && !separate)
		scale_closeness(j, &r);
	sm_paths_result_dispose(&r);
	if (!separate)
		return SM_OK;

	/* Sampled betweenness: closeness and harmonic need every source. */
	paths_options(&p, o);
	p.reverse = reverse;
	p.closeness = j->measures & SM_MEASURE_CLOSENESS;
	p.harmonic = j->measures & SM_MEASURE_HARMONIC;
	memset(&r, 0, sizeof r);
	if ((rc = sm_paths(&r, j->g, &p)) < 0)
		return rc;
	scale_closeness(j, &r);
	sm_paths_result_dispose(&r);
	return SM_OK;
}

static int spectral_measures(job *j)
{
	const sm_centrality_options *o = j->o;
	sm_spectral_options so = { .threads = o->threads, .progress = o->progress,
	                           .progress_user = o->progress_user, .net = j->net };
	/* SM_MODE_OUT scores actors by their outgoing relationships: the
	 * eigenvector pulls along them and PageRank walks against them. */
	bool out_mode = j->directed && o->mode == SM_MODE_OUT;
	int rc;

	if ((j->measures & SM_MEASURE_EIGENVECTOR) &&
	    (rc = sm_eigenvector(col(j, SM_MEASURE_EIGENVECTOR), j->g, out_mode, &so)) < 0)
		return rc;
	if ((j->measures & SM_MEASURE_PAGERANK) &&
	    (rc = sm_pagerank(col(j, SM_MEASURE_PAGERANK), j->g, o->damping, out_mode, &so)) < 0)
		return rc;
	if (j->measures & (SM_MEASURE_HUB | SM_MEASURE_AUTHORITY)) {
		double *hub = col(j, SM_MEASURE_HUB), *auth = col(j, SM_MEASURE_AUTHORITY);
		double *tmp = NULL;
		if (!hub || !auth) {
			tmp = sm_malloc((size_t)(j->n ? j->n : 1) * sizeof *tmp);
			if (!tmp)
				return sm_fail_nomem();
		}
		rc = sm_hits(hub ? hub : tmp, auth ? auth : tmp, j->g, &so);
		sm_free(tmp);
		if (rc < 0)
			return rc;
	}
	return SM_OK;
}

/* ---- the table ---------------------------------------------------------------------------- */

static int make_table(sm_table **out, const sm_network *net, job *j)
{
	sm_table *t = NULL;
	size_t c, rows = (size_t)j->n;
	int rc;

	if ((rc = sm_table_new(&t, rows)) < 0)
		return rc;
	if ((rc = sm_table_add_column(&c, t, "id", SM_COLUMN_STRING)) < 0)
		goto fail;
	for (size_t v = 0; v < rows; v++)
		if ((rc = sm_table_set_string(t, c, v, net->actor_id[v])) < 0)
			goto fail;
	for (int i = 0; i < N_MEASURES; i++) {
		if (!(j->measures & (1u << i)))
			continue;
		if ((rc = sm_table_add_column(&c, t, measure_names[i], SM_COLUMN_DOUBLE)) < 0)
			goto fail;
		for (size_t v = 0; v < rows; v++)
			if ((rc = sm_table_set_double(t, c, v, j->col[i][v])) < 0)
				goto fail;
	}
	if ((j->measures & SM_MEASURE_BETWEENNESS) && j->o->samples > 0) {
		char buf[32];
		snprintf(buf, sizeof buf, "%" PRId64, j->o->samples);
		if ((rc = sm_table_set_note(t, "samples", buf)) < 0)
			goto fail;
		snprintf(buf, sizeof buf, "%" PRIu64, j->o->seed);
		if ((rc = sm_table_set_note(t, "seed", buf)) < 0)
			goto fail;
	}
	*out = t;
	return SM_OK;
fail:
	sm_table_free(t);
	return rc;
}

int sm_centrality(sm_table **out, const sm_network *net, const sm_centrality_options *opts)
{
	sm_centrality_options o;
	sm_graph g;
	job j;
	double *buf = NULL;
	int rc, k = 0;

	if (!out || !net)
		return sm_fail(SM_EINVAL, "sm_centrality: NULL %s", !out ? "output" : "network");
	if (opts)
		o = *opts;
	else
		sm_centrality_options_init(&o);
	if ((rc = check_options(&o, (int64_t)net->n)) < 0)
		return rc;

	memset(&j, 0, sizeof j);
	j.o = &o;
	j.net = net;
	j.n = (int64_t)net->n;
	j.measures = o.measures ? o.measures : DEFAULT_MEASURES;
	for (int i = 0; i < N_MEASURES; i++)
		k += (j.measures >> i) & 1;
	buf = sm_malloc((size_t)k * (size_t)(j.n ? j.n : 1) * sizeof *buf);
	if (!buf)
		return sm_fail_nomem();
	for (int i = 0, used = 0; i < N_MEASURES; i++)
		if (j.measures & (1u << i))
			j.col[i] = buf + (size_t)(used++) * (size_t)j.n;

	memset(&g, 0, sizeof g);
	if (net->directed && o.mode == SM_MODE_UNDIRECTED)
		rc = build_undirected(&g, net, o.combine, o.weighted);
	else
		rc = sm_graph_build(&g, net, o.combine, o.weighted);
	if (rc < 0) {
		sm_free(buf);
		return rc;
	}
	j.g = &g;
	j.directed = g.directed;

	if (j.n > 0) {
		degree_strength(&j);
		if ((rc = path_measures(&j)) < 0 || (rc = spectral_measures(&j)) < 0)
			goto done;
	}
	rc = make_table(out, net, &j);
done:
	sm_graph_dispose(&g);
	sm_free(buf);
	return rc;
}
