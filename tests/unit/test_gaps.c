/*
 * Network-gap studies (lib/analysis/gaps.c): reach, coverage, unusual
 * suspects, recommended contacts, diversity gap. Expected values are worked
 * by hand from the definitions in docs/gaps.md (the arithmetic is in the
 * comments), or computed by an independent evaluator written here (a plain
 * k-round relaxation over an edge list, and brute force over every set of
 * recommendations).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

/* ---- helpers ------------------------------------------------------------ */

static void add_actor(sm_network *net, const char *id, const char *kind)
{
	sm_assert_ok(sm_network_add_actor(NULL, net, id, NULL, kind));
}

static int64_t add_rel(sm_network *net, const char *a, const char *b, double q)
{
	int64_t r;
	sm_assert_ok(sm_network_add_relationship(&r, net, a, b, q, NULL));
	return r;
}

static void set_text(sm_network *net, const char *id, const char *name, const char *text)
{
	int64_t i;
	sm_value v = sm_value_string(text);
	sm_assert_ok(sm_network_find_actor(&i, net, id));
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, name, &v));
}

static sm_selection *sel(const sm_network *net, const char *expr)
{
	sm_selection *s = NULL;
	sm_assert_ok(sm_select(&s, net, expr));
	return s;
}

static int64_t row_of(const sm_table *t, const char *id)
{
	size_t n;
	const char *const *ids = sm_table_column_string(t, "id", &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return (int64_t)i;
	ck_abort_msg("no row %s", id);
	return -1;
}

static double dcell(const sm_table *t, const char *col, const char *id)
{
	return sm_table_column_double(t, col, NULL)[row_of(t, id)];
}

static int64_t icell(const sm_table *t, const char *col, const char *id)
{
	return sm_table_column_int64(t, col, NULL)[row_of(t, id)];
}

static const char *scell(const sm_table *t, const char *col, const char *id)
{
	return sm_table_column_string(t, col, NULL)[row_of(t, id)];
}

#define assert_near(got, want)                                                     \
	ck_assert_msg(fabs((double)(got) - (double)(want)) <=                          \
	                      1e-12 * fmax(1.0, fabs((double)(want))),                 \
	              "%s = %.17g, expected %.17g", #got, (double)(got), (double)(want))

/*
 * The small embassy of docs/gaps.md (undirected):
 *
 *   amb —0.8— a —0.9— b —0.6— h —0.9— c      amb —0.5— b,  a —0.2— c,  h —0.5— d
 *
 * amb is a diplomat (focal); a ngo, b media in the capital; h a diplomat for
 * hire, c civil society and d youth in the periphery.
 */
static sm_network *embassy(void)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "amb", "diplomat");
	add_actor(net, "a", "ngo");
	add_actor(net, "b", "media");
	add_actor(net, "c", "civil_society");
	add_actor(net, "d", "youth");
	add_actor(net, "h", "diplomat_for_hire");
	const char *region[] = { "capital", "capital", "capital", "periphery", "periphery",
		                 "periphery" };
	const char *ids[] = { "amb", "a", "b", "c", "d", "h" };
	for (int i = 0; i < 6; i++)
		set_text(net, ids[i], "region", region[i]);
	add_rel(net, "amb", "a", 0.8);
	add_rel(net, "amb", "b", 0.5);
	add_rel(net, "a", "b", 0.9);
	add_rel(net, "b", "h", 0.6);
	add_rel(net, "h", "c", 0.9);
	add_rel(net, "h", "d", 0.5);
	add_rel(net, "a", "c", 0.2);
	return net;
}

static sm_gaps_result *study(const sm_network *net, const char *focal, sm_gaps_options *o)
{
	sm_selection *f = sel(net, focal);
	sm_gaps_result *r = NULL;
	sm_assert_ok(sm_gaps(&r, net, f, o));
	ck_assert_ptr_nonnull(r);
	sm_selection_free(f);
	return r;
}

static void assert_reach(const sm_gaps_result *r, const char *id, double q, int64_t hops,
                         const char *via)
{
	assert_near(dcell(r->actors, "quality", id), q);
	ck_assert_int_eq(icell(r->actors, "hops", id), hops);
	ck_assert_str_eq(scell(r->actors, "via", id), via);
	bool reached = sm_table_column_bool(r->actors, "reached", NULL)[row_of(r->actors, id)];
	ck_assert(reached == (q > 0));
}

/* ---- reach -------------------------------------------------------------- */

START_TEST(options_init)
{
	sm_gaps_options a = SM_GAPS_OPTIONS_INIT, b;
	memset(&b, 0xff, sizeof b);
	sm_gaps_options_init(&b);
	ck_assert_uint_eq(b.version, SM_GAPS_OPTIONS_VERSION);
	ck_assert_int_eq(b.hops, 2);
	ck_assert(b.min_quality == 0 && b.weak_quality == 0.25 && b.assumed_quality == 0.5);
	ck_assert_int_eq(b.suspects, 20);
	ck_assert_int_eq(b.recommend, 5);
	ck_assert(b.resolution == 1.0 && b.seed == 1 && b.combine == SM_COMBINE_MAX);
	ck_assert(!b.first_hop && !b.avoid && !b.at && !b.target_by && !b.standing_by);
	ck_assert(a.version == b.version && a.hops == b.hops && a.recommend == b.recommend &&
	          a.suspects == b.suspects && a.assumed_quality == b.assumed_quality);
	sm_gaps_options_init(NULL);
}
END_TEST

/* k = 2: a 0.8 (amb–a); b max(0.5, 0.8·0.9 = 0.72) = 0.72 at 2 hops;
 * h 0.5·0.6 = 0.3 (amb–b–h; the better amb–a–b–h, 0.432, has 3 hops);
 * c max(0.8·0.2 = 0.16 (2 hops), 3-hop paths excluded) = 0.16; d needs 3 hops. */
START_TEST(embassy_two_hops)
{
	sm_network *net = embassy();
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	sm_gaps_result *r = study(net, "id = amb", &o);
	assert_reach(r, "amb", 1, 0, "amb");
	assert_reach(r, "a", 0.8, 1, "amb");
	assert_reach(r, "b", 0.8 * 0.9, 2, "amb");
	assert_reach(r, "h", 0.5 * 0.6, 2, "amb");
	assert_reach(r, "c", 0.8 * 0.2, 2, "amb");
	assert_reach(r, "d", 0, -1, "");
	ck_assert_int_eq(r->actors_total, 6);
	ck_assert_int_eq(r->focal_count, 1);
	ck_assert_int_eq(r->reached_count, 5);
	/* mean over the five not-focal actors: (0.8 + 0.72 + 0.3 + 0.16 + 0) / 5 */
	assert_near(r->mean_quality, (0.8 + 0.72 + 0.3 + 0.16) / 5);
	ck_assert_uint_eq(sm_table_rows(r->recommendations), 0);
	ck_assert_int_eq(r->evaluations, 0);
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* The hidden shorter path: the best path to h (0.8·0.9·0.6 = 0.432) has 3
 * hops; Dijkstra then a hop filter would leave h unreached at k = 2, but
 * amb–b–h (0.3, 2 hops) counts. k = 3: h 0.432 (3 hops); c max(0.16,
 * 0.5·0.6·0.9 = 0.27) = 0.27; d 0.5·0.6·0.5 = 0.15. Unlimited: c 0.432·0.9,
 * d 0.432·0.5 (4 hops). */
START_TEST(hidden_shorter_path)
{
	sm_network *net = embassy();
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	sm_gaps_result *r = study(net, "id = amb", &o);
	assert_reach(r, "h", 0.3, 2, "amb");
	sm_gaps_result_free(r);

	o.hops = 3;
	r = study(net, "id = amb", &o);
	assert_reach(r, "h", 0.8 * 0.9 * 0.6, 3, "amb");
	assert_reach(r, "c", 0.5 * 0.6 * 0.9, 3, "amb");
	assert_reach(r, "d", 0.5 * 0.6 * 0.5, 3, "amb");
	sm_gaps_result_free(r);

	o.hops = 0;
	r = study(net, "id = amb", &o);
	assert_reach(r, "b", 0.8 * 0.9, 2, "amb");
	assert_reach(r, "h", 0.8 * 0.9 * 0.6, 3, "amb");
	assert_reach(r, "c", 0.8 * 0.9 * 0.6 * 0.9, 4, "amb");
	assert_reach(r, "d", 0.8 * 0.9 * 0.6 * 0.5, 4, "amb");
	ck_assert_int_eq(r->reached_count, 6);
	sm_gaps_result_free(r);

	/* k = 1: the direct contacts only. */
	o.hops = 1;
	r = study(net, "id = amb", &o);
	assert_reach(r, "a", 0.8, 1, "amb");
	assert_reach(r, "b", 0.5, 1, "amb");
	assert_reach(r, "h", 0, -1, "");
	ck_assert_int_eq(r->reached_count, 3);
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* min_quality 0.2 prunes c (0.16) at k = 2; at k = 0 with 0.4, h 0.432
 * stays, c 0.3888 and d 0.216 go, and so does any path through them. */
START_TEST(min_quality)
{
	sm_network *net = embassy();
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	o.min_quality = 0.2;
	sm_gaps_result *r = study(net, "id = amb", &o);
	assert_reach(r, "c", 0, -1, "");
	assert_reach(r, "h", 0.3, 2, "amb");
	sm_gaps_result_free(r);
	o.hops = 0;
	o.min_quality = 0.4;
	r = study(net, "id = amb", &o);
	assert_reach(r, "h", 0.8 * 0.9 * 0.6, 3, "amb");
	assert_reach(r, "c", 0, -1, "");
	assert_reach(r, "d", 0, -1, "");
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* first_hop {a}: amb–b does not count. b 0.72 via a; h needs amb–a–b–h
 * (3 hops): unreached at k = 2, 0.432 at k = 3. */
START_TEST(first_hop)
{
	sm_network *net = embassy();
	sm_selection *first = sel(net, "id = a");
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	o.first_hop = first;
	sm_gaps_result *r = study(net, "id = amb", &o);
	assert_reach(r, "a", 0.8, 1, "amb");
	assert_reach(r, "b", 0.72, 2, "amb");
	assert_reach(r, "h", 0, -1, "");
	assert_reach(r, "c", 0.16, 2, "amb");
	sm_gaps_result_free(r);
	o.hops = 3;
	r = study(net, "id = amb", &o);
	assert_reach(r, "h", 0.8 * 0.9 * 0.6, 3, "amb");
	sm_gaps_result_free(r);
	/* Candidates are first_hop actors only: one here. */
	o.recommend = 2;
	sm_selection *f = sel(net, "id = amb");
	r = (sm_gaps_result *)&o;
	sm_assert_fails(sm_gaps(&r, net, f, &o), SM_EINVAL, "recommend 2: there are only 1");
	ck_assert_ptr_eq(r, (sm_gaps_result *)&o);
	sm_selection_free(f);
	sm_selection_free(first);
	sm_network_free(net);
}
END_TEST

/* avoid {b}: b is reached (0.72) but paths do not go on through it. h is
 * then reached only by amb–a–c–h (0.8·0.2·0.9 = 0.144, 3 hops) and d by
 * amb–a–c–h–d (0.072, 4 hops); c 0.16 through a. */
START_TEST(avoid)
{
	sm_network *net = embassy();
	sm_selection *avoid = sel(net, "id = b");
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 4; /* a, c, d, h: b is never a candidate */
	o.avoid = avoid;
	for (int hops = 0; hops <= 3; hops++) {
		o.hops = hops;
		sm_gaps_result *r = study(net, "id = amb", &o);
		if (hops == 1) {
			ck_assert_int_eq(r->reached_count, 3);
		} else {
			assert_reach(r, "b", 0.72, 2, "amb");
			assert_reach(r, "c", 0.16, 2, "amb");
		}
		if (hops == 0 || hops == 3)
			assert_reach(r, "h", 0.8 * 0.2 * 0.9, 3, "amb");
		else
			assert_reach(r, "h", 0, -1, "");
		if (hops == 0)
			assert_reach(r, "d", 0.8 * 0.2 * 0.9 * 0.5, 4, "amb");
		else
			assert_reach(r, "d", 0, -1, "");
		const char *const *ids = sm_table_column_string(r->recommendations, "id", NULL);
		for (size_t i = 0; i < sm_table_rows(r->recommendations); i++)
			ck_assert_str_ne(ids[i], "b");
		sm_gaps_result_free(r);
	}
	o.recommend = 5;
	sm_selection *f = sel(net, "id = amb");
	sm_gaps_result *r = NULL;
	sm_assert_fails(sm_gaps(&r, net, f, &o), SM_EINVAL, "recommend 5: there are only 4");
	ck_assert_ptr_null(r);
	sm_selection_free(f);
	sm_selection_free(avoid);
	sm_network_free(net);
}
END_TEST

/* Directed: paths follow the relationships. f→x 0.5, x→y 0.5, z→f 1. */
START_TEST(directed)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, true));
	add_actor(net, "f", "diplomat");
	add_actor(net, "x", "ngo");
	add_actor(net, "y", "ngo");
	add_actor(net, "z", "ngo");
	add_rel(net, "f", "x", 0.5);
	add_rel(net, "x", "y", 0.5);
	add_rel(net, "z", "f", 1);
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	sm_gaps_result *r = study(net, "id = f", &o);
	assert_reach(r, "x", 0.5, 1, "f");
	assert_reach(r, "y", 0.25, 2, "f");
	assert_reach(r, "z", 0, -1, "");
	sm_gaps_result_free(r);
	/* From y nothing is reached. */
	r = study(net, "id = y", &o);
	ck_assert_int_eq(r->reached_count, 1);
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* Ties: y is reached with quality 1 in one hop (f1–y) and in two (f1–x–y):
 * hops 1. x is reached by f1 and f2 with 0.5 each: via the lower index, f1. */
START_TEST(ties)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "f1", "diplomat");
	add_actor(net, "f2", "diplomat");
	add_actor(net, "x", "ngo");
	add_actor(net, "y", "ngo");
	add_rel(net, "f2", "x", 0.5);
	add_rel(net, "f1", "x", 0.5);
	add_rel(net, "f1", "y", 1);
	add_rel(net, "x", "y", 1);
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	for (int hops = 0; hops <= 2; hops += 2) {
		o.hops = hops;
		sm_gaps_result *r = study(net, "kind = diplomat", &o);
		assert_reach(r, "y", 1, 1, "f1");
		/* x: 0.5 direct from f1 or f2, or f1–y–x = 1 (2 hops): 1 via f1 */
		assert_reach(r, "x", 1, 2, "f1");
		sm_gaps_result_free(r);
	}
	o.hops = 1;
	sm_gaps_result *r = study(net, "kind = diplomat", &o);
	assert_reach(r, "x", 0.5, 1, "f1");
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* at: f–x 0.9 until 2020-12-31, f–y 0.5 since 2021-01-01. */
START_TEST(snapshot)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "f", "diplomat");
	add_actor(net, "x", "ngo");
	add_actor(net, "y", "media");
	int64_t r1 = add_rel(net, "f", "x", 0.9), r2 = add_rel(net, "f", "y", 0.5);
	sm_assert_ok(sm_network_set_period(net, r1, NULL, "2020-12-31"));
	sm_assert_ok(sm_network_set_period(net, r2, "2021-01-01", NULL));
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	sm_gaps_result *r = study(net, "id = f", &o);
	assert_reach(r, "x", 0.9, 1, "f");
	assert_reach(r, "y", 0.5, 1, "f");
	sm_gaps_result_free(r);
	o.at = "2020-06-01";
	r = study(net, "id = f", &o);
	assert_reach(r, "x", 0.9, 1, "f");
	assert_reach(r, "y", 0, -1, "");
	sm_gaps_result_free(r);
	o.at = "2022-01-01";
	r = study(net, "id = f", &o);
	assert_reach(r, "x", 0, -1, "");
	assert_reach(r, "y", 0.5, 1, "f");
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* ---- coverage, suspects, diversity ------------------------------------- */

/* k = 2, target region: capital {amb 1, a 0.8, b 0.72}, periphery {c 0.16,
 * d 0, h 0.3}. Reached 5. capital: mean 2.52/3 = 0.84, share_of_reached
 * 3/5, representation 0.6/0.5 = 1.2, weak 0; periphery: reached 2, mean
 * 0.46/3, share_of_reached 0.4, representation 0.8, weak 1 (c < 0.25).
 * Rows sorted by representation: periphery first. */
START_TEST(coverage_region)
{
	sm_network *net = embassy();
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	o.target_by = "region";
	sm_gaps_result *r = study(net, "id = amb", &o);
	const sm_table *t = r->coverage;
	ck_assert_uint_eq(sm_table_rows(t), 2);
	const char *const *group = sm_table_column_string(t, "group", NULL);
	const char *const *attr = sm_table_column_string(t, "attribute", NULL);
	const int64_t *size = sm_table_column_int64(t, "size", NULL);
	const int64_t *reached = sm_table_column_int64(t, "reached", NULL);
	const int64_t *weak = sm_table_column_int64(t, "weakly_reached", NULL);
	const double *mean = sm_table_column_double(t, "mean_quality", NULL);
	const double *sor = sm_table_column_double(t, "share_of_reached", NULL);
	const double *rep = sm_table_column_double(t, "representation", NULL);
	const double *sr = sm_table_column_double(t, "share_reached", NULL);
	const double *sn = sm_table_column_double(t, "share_of_network", NULL);
	const double *w = sm_table_column_double(t, "weight", NULL);
	ck_assert_str_eq(attr[0], "region");
	ck_assert_str_eq(group[0], "periphery");
	ck_assert_str_eq(group[1], "capital");
	ck_assert_int_eq(size[0], 3);
	ck_assert_int_eq(reached[0], 2);
	ck_assert_int_eq(reached[1], 3);
	ck_assert_int_eq(weak[0], 1);
	ck_assert_int_eq(weak[1], 0);
	assert_near(mean[0], (0.16 + 0.3) / 3);
	assert_near(mean[1], (1 + 0.8 + 0.72) / 3);
	assert_near(w[0], 1 - (0.16 + 0.3) / 3);
	assert_near(sor[0], 0.4);
	assert_near(sor[1], 0.6);
	assert_near(rep[0], 0.8);
	assert_near(rep[1], 1.2);
	assert_near(sr[0], 2.0 / 3);
	assert_near(sn[0] + sn[1], 1);
	/* The actors table carries the region of each actor. */
	ck_assert_str_eq(scell(r->actors, "region", "h"), "periphery");
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* Shares sum to 1 per attribute, for every target (community included). */
START_TEST(coverage_shares_sum_to_one)
{
	sm_network *net = embassy();
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	o.target_by = "kind, region,community";
	sm_gaps_result *r = study(net, "id = amb", &o);
	const sm_table *t = r->coverage;
	size_t n;
	const char *const *attr = sm_table_column_string(t, "attribute", &n);
	const double *sn = sm_table_column_double(t, "share_of_network", NULL);
	const double *sor = sm_table_column_double(t, "share_of_reached", NULL);
	const int64_t *size = sm_table_column_int64(t, "size", NULL);
	const char *names[] = { "kind", "region", "community" };
	for (int k = 0; k < 3; k++) {
		double a = 0, b = 0;
		int64_t s = 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(attr[i], names[k]) == 0) {
				a += sn[i];
				b += sor[i];
				s += size[i];
			}
		ck_assert_msg(fabs(a - 1) < 1e-12 && fabs(b - 1) < 1e-12, "%s: %g %g", names[k], a,
		              b);
		ck_assert_int_eq(s, 6);
	}
	/* Community groups are named "community N". */
	ck_assert(strncmp(scell(r->actors, "community", "a"), "community ", 10) == 0);
	ck_assert_uint_eq(r->seed, 1);
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* Standing: team A = the path x–y–z (qualities 1), team B = f–w (0.5);
 * f–x 0.4 crosses teams (and does not count for standing). PageRank of the
 * path with d = 0.85 (three actors, teleport 0.15/3 = 0.05): x_x = 0.05 +
 * 0.85·x_y/2 (y splits its rank between x and z), x_y = 0.05 + 0.85·(x_x + x_z)
 * = 0.05 + 1.7·x_x → x_x = 0.07125/0.2775 = 19/74, x_y = 18/37, so
 * standing(x) = standing(z) = (19/74)/(18/37) = 19/36 and
 * standing(y) = 1; in team B both are 1. Reach (k = 2): x 0.4, y 0.4, z 0,
 * w 0.5. Scores: y 0.6, z 19/36, w 0.5, x 19/36·0.6. */
START_TEST(suspects)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	const char *ids[] = { "f", "w", "x", "y", "z" }, *team[] = { "B", "B", "A", "A", "A" };
	for (int i = 0; i < 5; i++) {
		add_actor(net, ids[i], i < 2 ? "diplomat" : "ngo");
		set_text(net, ids[i], "team", team[i]);
	}
	add_rel(net, "x", "y", 1);
	add_rel(net, "y", "z", 1);
	add_rel(net, "f", "w", 0.5);
	add_rel(net, "f", "x", 0.4);
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	o.standing_by = "team";
	sm_gaps_result *r = study(net, "id = f", &o);
	const sm_table *t = r->suspects;
	ck_assert_uint_eq(sm_table_rows(t), 4);
	const char *const *id = sm_table_column_string(t, "id", NULL);
	const char *order[] = { "y", "z", "w", "x" };
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(id[i], order[i]);
	assert_near(dcell(t, "standing", "x"), 19.0 / 36);
	assert_near(dcell(t, "standing", "z"), 19.0 / 36);
	assert_near(dcell(t, "standing", "y"), 1);
	assert_near(dcell(t, "standing", "w"), 1);
	assert_near(dcell(t, "score", "x"), 19.0 / 36 * 0.6);
	assert_near(dcell(t, "quality", "y"), 0.4);
	ck_assert_str_eq(scell(t, "group", "z"), "A");
	ck_assert_int_eq(icell(t, "rank", "w"), 3);
	ck_assert_uint_eq(r->seed, 0); /* no communities needed */
	sm_gaps_result_free(r);
	o.suspects = 2;
	r = study(net, "id = f", &o);
	ck_assert_uint_eq(sm_table_rows(r->suspects), 2);
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* Kinds reached (weighted by quality, k = 2): diplomat 1, ngo 0.8, media
 * 0.72, diplomat_for_hire 0.3, civil_society 0.16, youth 0; the network: one
 * of each. JSD base 2 = ½ Σ p log2(p/m) + ½ Σ q log2(q/m), m = (p + q)/2. */
START_TEST(diversity_gap)
{
	sm_network *net = embassy();
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 0;
	sm_gaps_result *r = study(net, "id = amb", &o);
	double w[] = { 1, 0.8, 0.72, 0.16, 0, 0.3 }, s = 2.98, js = 0;
	for (int i = 0; i < 6; i++) {
		double p = w[i] / s, q = 1.0 / 6, m = (p + q) / 2;
		if (p > 0)
			js += 0.5 * p * log2(p / m);
		js += 0.5 * q * log2(q / m);
	}
	ck_assert_msg(fabs(r->diversity_gap - js) < 1e-12, "%.17g vs %.17g", r->diversity_gap,
	              js);
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* ---- recommendations ---------------------------------------------------- */

/* Worked example (docs/gaps.md), target region, k = 2, a = 0.5, K = 1:
 * w = 1 − 0.84 = 0.16 (capital), 1 − 0.46/3 (periphery).
 * F(∅) = 0.16·(0.8 + 0.72) + w_p·(0.3 + 0.16).
 * Candidate h: h 0.5 (+0.2), c 0.5·0.9 = 0.45 (+0.29), d 0.25 (+0.25) →
 * gain w_p·0.74; c: w_p·(0.34 + 0.15); d: w_p·0.5; a, b: nothing. */
START_TEST(recommend_worked)
{
	sm_network *net = embassy();
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.target_by = "region";
	o.recommend = 1;
	sm_gaps_result *r = study(net, "id = amb", &o);
	double wp = 1 - 0.46 / 3, f0 = 0.16 * (0.8 + 0.72) + wp * (0.3 + 0.16);
	assert_near(r->objective, f0);
	const sm_table *t = r->recommendations;
	ck_assert_uint_eq(sm_table_rows(t), 1);
	ck_assert_str_eq(scell(t, "id", "h"), "h");
	assert_near(dcell(t, "gain", "h"), wp * 0.74);
	assert_near(dcell(t, "objective", "h"), f0 + wp * 0.74);
	ck_assert_int_eq(icell(t, "newly_reached", "h"), 1); /* d */
	/* periphery's mean rises by 0.74 / 3 */
	ck_assert_str_eq(scell(t, "opens", "h"), "region=periphery +0.25");
	ck_assert_int_eq(r->evaluations, 5);       /* every candidate once */
	ck_assert_int_eq(r->evaluations_plain, 5); /* one round of 5 */
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

/* An independent evaluator: arcs, k-round relaxation, brute force. */
typedef struct arc {
	int u, v;
	double q;
} arc;

typedef struct world {
	int n, m;
	arc arcs[256];
	bool focal[32], avoid[32], first[32];
	bool use_first;
	int hops; /* 0 = unlimited */
	double minq, aq;
	int group[2][32]; /* two target attributes */
	double w[32];
} world;

/* Best path quality within `hops` hops (Jacobi rounds), with the extra arcs
 * focal → s (quality aq) for s in `set`. */
static void reach_of(const world *W, const bool *set, double *q)
{
	double nq[32];
	int rounds = W->hops ? W->hops : W->n + 1;
	for (int v = 0; v < W->n; v++)
		q[v] = W->focal[v] ? 1 : 0;
	for (int r = 0; r < rounds; r++) {
		memcpy(nq, q, sizeof nq);
		for (int k = 0; k < W->m + W->n * W->n; k++) {
			int u, v;
			double w;
			if (k < W->m) {
				u = W->arcs[k].u;
				v = W->arcs[k].v;
				w = W->arcs[k].q;
			} else {
				u = (k - W->m) / W->n;
				v = (k - W->m) % W->n;
				if (!set || !set[v] || !W->focal[u])
					continue;
				w = W->aq;
			}
			if (q[u] == 0 || W->focal[v] || (W->avoid[u] && !W->focal[u]))
				continue;
			bool added = set && set[v] && k >= W->m;
			if (W->use_first && W->focal[u] && !W->first[v] && !added)
				continue;
			double c = q[u] * w;
			if (c >= W->minq && c > nq[v])
				nq[v] = c;
		}
		memcpy(q, nq, sizeof nq);
	}
}

static double objective(const world *W, const bool *set)
{
	double q[32], f = 0;
	reach_of(W, set, q);
	for (int v = 0; v < W->n; v++)
		if (!W->focal[v])
			f += W->w[v] * q[v];
	return f;
}

/* A random world of n actors (two focal) and its network. */
static sm_network *random_world(world *W, unsigned seed, int n, bool directed, int hops)
{
	memset(W, 0, sizeof *W);
	uint64_t x = seed * 2654435761u + 1;
#define RND()                                                    \
	(x = x * 6364136223846793005ull + 1442695040888963407ull, \
	 (double)(x >> 11) / 9007199254740992.0)
	W->n = n;
	W->hops = hops;
	W->aq = 0.3 + 0.6 * RND();
	W->minq = seed % 3 == 0 ? 0.05 : 0;
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, directed));
	char id[16];
	const char *kinds[] = { "ngo", "media", "youth" }, *regions[] = { "capital", "periphery" };
	for (int v = 0; v < n; v++) {
		snprintf(id, sizeof id, "v%02d", v);
		add_actor(net, id, v < 2 ? "diplomat" : kinds[v % 3]);
		W->group[0][v] = v < 2 ? 3 : v % 3;
		W->group[1][v] = RND() < 0.5;
		set_text(net, id, "region", regions[W->group[1][v]]);
		W->focal[v] = v < 2;
		W->avoid[v] = seed % 4 == 1 && v == n - 1;
		W->first[v] = v % 2 == 0;
	}
	W->use_first = seed % 5 == 2;
	for (int u = 0; u < n; u++)
		for (int v = directed ? 0 : u + 1; v < n; v++) {
			if (u == v || RND() > 0.22)
				continue;
			double q = 0.05 + 0.95 * RND();
			char a[16], b[16];
			snprintf(a, sizeof a, "v%02d", u);
			snprintf(b, sizeof b, "v%02d", v);
			add_rel(net, a, b, q);
			W->arcs[W->m++] = (arc){ u, v, q };
			if (!directed)
				W->arcs[W->m++] = (arc){ v, u, q };
		}
#undef RND
	/* weights from Q_∅: mean over the two attributes of 1 − group mean */
	double q[32];
	reach_of(W, NULL, q);
	for (int a = 0; a < 2; a++) {
		double sum[4] = { 0 }, cnt[4] = { 0 };
		for (int v = 0; v < n; v++) {
			sum[W->group[a][v]] += q[v];
			cnt[W->group[a][v]] += 1;
		}
		for (int v = 0; v < n; v++)
			W->w[v] += (1 - sum[W->group[a][v]] / cnt[W->group[a][v]]) / 2;
	}
	return net;
}

static bool candidate(const world *W, int v)
{
	return !W->focal[v] && !W->avoid[v] && (!W->use_first || W->first[v]);
}

/* Best objective over every set of K candidates (recursive enumeration). */
static double brute(const world *W, bool *set, int from, int left)
{
	if (left == 0)
		return objective(W, set);
	double best = 0;
	for (int v = from; v < W->n; v++) {
		if (!candidate(W, v))
			continue;
		set[v] = true;
		double f = brute(W, set, v + 1, left - 1);
		set[v] = false;
		best = f > best ? f : best;
	}
	return best;
}

START_TEST(celf_against_brute_force)
{
	int cases = 0;
	for (unsigned seed = 1; seed <= 24; seed++) {
		world W;
		bool directed = seed % 2 == 0;
		int hops = (int)(seed % 4); /* 0 = unlimited, 1, 2, 3 */
		sm_network *net = random_world(&W, seed, 13, directed, hops);
		int cands = 0;
		for (int v = 0; v < W.n; v++)
			cands += candidate(&W, v);
		ck_assert_int_le(cands, 12);
		sm_selection *first =
			W.use_first ? sel(net, "id in (v00, v02, v04, v06, v08, v10, v12)") : NULL;
		sm_selection *avoid = sel(net, seed % 4 == 1 ? "id = v12" : "id = none");
		sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
		o.target_by = "kind,region";
		o.hops = hops;
		o.min_quality = W.minq;
		o.assumed_quality = W.aq;
		o.first_hop = first;
		o.avoid = avoid;
		o.recommend = cands < 3 ? cands : 3;
		sm_gaps_result *r = study(net, "kind = diplomat", &o);
		bool set[32] = { false };
		assert_near(r->objective, objective(&W, set));
		/* Plain greedy in the test, ties to the lowest index, stopping at 0. */
		const sm_table *t = r->recommendations;
		size_t picks = sm_table_rows(t);
		const char *const *ids = sm_table_column_string(t, "id", NULL);
		const double *gain = sm_table_column_double(t, "gain", NULL);
		const double *obj = sm_table_column_double(t, "objective", NULL);
		double f = objective(&W, set);
		size_t k;
		for (k = 0; k < (size_t)o.recommend; k++) {
			int best = -1;
			double bg = 0;
			for (int v = 0; v < W.n; v++) {
				if (!candidate(&W, v) || set[v])
					continue;
				set[v] = true;
				double g = objective(&W, set) - f;
				set[v] = false;
				if (g > bg + 1e-12) {
					bg = g;
					best = v;
				}
			}
			if (best < 0)
				break;
			ck_assert_uint_gt(picks, k);
			char id[16];
			snprintf(id, sizeof id, "v%02d", best);
			ck_assert_msg(strcmp(ids[k], id) == 0, "seed %u pick %zu: %s, expected %s",
			              seed, k, ids[k], id);
			set[best] = true;
			f += bg;
			ck_assert_msg(fabs(gain[k] - bg) < 1e-12, "gain %g vs %g", gain[k], bg);
			ck_assert_msg(fabs(obj[k] - objective(&W, set)) < 1e-12, "objective");
		}
		ck_assert_uint_eq(picks, k);
		/* (1 − 1/e) guarantee against the optimum of the same size. */
		if (picks > 0) {
			bool none[32] = { false };
			double opt = brute(&W, none, 0, (int)picks);
			ck_assert_msg(obj[picks - 1] >= (1 - exp(-1)) * opt - 1e-12,
			              "seed %u: %g < %g", seed, obj[picks - 1], opt);
			ck_assert_msg(obj[picks - 1] <= opt + 1e-12, "above the optimum");
			cases++;
		}
		ck_assert_int_le(r->evaluations, r->evaluations_plain + cands);
		sm_gaps_result_free(r);
		sm_selection_free(first);
		sm_selection_free(avoid);
		sm_network_free(net);
	}
	ck_assert_int_ge(cases, 15);
}
END_TEST

/* Disjoint stars: candidate s_i (i = 1 … 4) has i leaves, ties of quality 1,
 * none to the focal actor. Q_∅ = 0 for all, so w = 1; with k = 2 a contact
 * s_i reaches s_i and its leaves at a = 0.5: gain 0.5·(1 + i), independent
 * of the other picks (F is modular here). The optimum of K = 2 is {s4, s3}
 * and unique, greedy finds it (3.5 + ... = 0.5·5 + 0.5·4 = 4.5). The leaves
 * are candidates too (gain 1 each: themselves and their centre). */
START_TEST(celf_unique_optimum)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "f", "diplomat");
	char s[16], l[16];
	for (int i = 1; i <= 4; i++) {
		snprintf(s, sizeof s, "s%d", i);
		add_actor(net, s, "other");
		for (int j = 0; j < i; j++) {
			snprintf(l, sizeof l, "s%d_%d", i, j);
			add_actor(net, l, "other");
			add_rel(net, s, l, 1);
		}
	}
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.recommend = 2;
	sm_gaps_result *r = study(net, "id = f", &o);
	const sm_table *t = r->recommendations;
	ck_assert_uint_eq(sm_table_rows(t), 2);
	assert_near(r->objective, 0);
	assert_near(dcell(t, "gain", "s4"), 2.5);
	assert_near(dcell(t, "gain", "s3"), 2.0);
	assert_near(dcell(t, "objective", "s3"), 4.5);
	ck_assert_int_eq(icell(t, "rank", "s4"), 1);
	ck_assert_int_eq(icell(t, "newly_reached", "s3"), 9);
	/* 14 candidates; plain greedy: 14 + 13; CELF: 14 + 1 (s3 re-checked). */
	ck_assert_int_eq(r->evaluations_plain, 27);
	ck_assert_int_eq(r->evaluations, 15);
	sm_gaps_result_free(r);
	sm_network_free(net);
}
END_TEST

START_TEST(deterministic)
{
	world W;
	sm_network *net = random_world(&W, 7, 13, false, 2);
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.target_by = "kind,region,community";
	o.recommend = 4;
	o.suspects = 0;
	sm_gaps_result *a = study(net, "kind = diplomat", &o);
	sm_gaps_result *b = study(net, "kind = diplomat", &o);
	const sm_table *ta[] = { a->actors, a->coverage, a->suspects, a->recommendations };
	const sm_table *tb[] = { b->actors, b->coverage, b->suspects, b->recommendations };
	for (int k = 0; k < 4; k++) {
		char *x = NULL, *y = NULL;
		size_t nx, ny;
		FILE *fx = open_memstream(&x, &nx), *fy = open_memstream(&y, &ny);
		sm_assert_ok(sm_table_write_stream(ta[k], fx, SM_TABLE_CSV, 0));
		sm_assert_ok(sm_table_write_stream(tb[k], fy, SM_TABLE_CSV, 0));
		fclose(fx);
		fclose(fy);
		ck_assert_uint_gt(nx, 10);
		ck_assert_str_eq(x, y);
		free(x);
		free(y);
	}
	ck_assert(a->objective == b->objective && a->diversity_gap == b->diversity_gap);
	sm_gaps_result_free(a);
	sm_gaps_result_free(b);
	sm_network_free(net);
}
END_TEST

/* ---- bad input ---------------------------------------------------------- */

START_TEST(bad_input)
{
	sm_network *net = embassy(), *other = embassy();
	sm_selection *f = sel(net, "id = amb"), *none = sel(net, "id = nobody");
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	sm_gaps_result *r = NULL;
	o.recommend = 0;
#define FAILS(code, needle)                                                              \
	do {                                                                                 \
		sm_assert_fails(sm_gaps(&r, net, f, &o), code, needle);                          \
		ck_assert_ptr_null(r);                                                           \
		sm_gaps_options_init(&o);                                                        \
		o.recommend = 0;                                                                 \
	} while (0)
	sm_assert_fails(sm_gaps(&r, net, none, &o), SM_EINVAL, "focal selection is empty");
	sm_assert_fails(sm_gaps(&r, net, NULL, &o), SM_EINVAL, "focal selection is NULL");
	sm_assert_fails(sm_gaps(NULL, net, f, &o), SM_EINVAL, "out is NULL");
	sm_assert_fails(sm_gaps(&r, NULL, f, &o), SM_EINVAL, "net is NULL");
	/* A selection of the same shape made on another (identical) network. */
	sm_assert_fails(sm_gaps(&r, other, f, &o), SM_EINVAL,
	                "the selection was made on another network");
	ck_assert_ptr_null(r);
	o.recommend = 6;
	FAILS(SM_EINVAL, "recommend 6: there are only 5 candidates");
	o.target_by = "kind,nosuch";
	FAILS(SM_ENOTFOUND, "no actor attribute \"nosuch\"");
	o.target_by = "kind,,region";
	FAILS(SM_EINVAL, "empty");
	o.target_by = "region,region";
	FAILS(SM_EINVAL, "\"region\" is given twice");
	o.standing_by = "nosuch";
	FAILS(SM_ENOTFOUND, "standing_by: no actor attribute");
	o.hops = -1;
	FAILS(SM_EINVAL, "hops -1");
	o.min_quality = 1;
	FAILS(SM_EINVAL, "min_quality 1: must be in [0, 1)");
	o.min_quality = -0.1;
	FAILS(SM_EINVAL, "min_quality -0.1");
	o.min_quality = NAN;
	FAILS(SM_EINVAL, "min_quality nan");
	o.assumed_quality = 0;
	FAILS(SM_EINVAL, "assumed_quality 0: must be in (0, 1]");
	o.assumed_quality = 1.5;
	FAILS(SM_EINVAL, "assumed_quality 1.5");
	o.weak_quality = 0;
	FAILS(SM_EINVAL, "weak_quality 0");
	o.weak_quality = 2;
	FAILS(SM_EINVAL, "weak_quality 2");
	o.suspects = -2;
	FAILS(SM_EINVAL, "suspects -2");
	o.recommend = -1;
	FAILS(SM_EINVAL, "recommend -1");
	o.resolution = -1;
	FAILS(SM_EINVAL, "resolution -1: must be > 0");
	o.combine = (sm_combine)9;
	FAILS(SM_EINVAL, "unknown rule 9");
	o.at = "2021-13-01";
	FAILS(SM_EINVAL, "at \"2021-13-01\"");
	o.version = 7;
	FAILS(SM_EINVAL, "version 7");
	/* A numeric attribute is not categorical. */
	int64_t i;
	sm_value v = sm_value_number(3);
	sm_assert_ok(sm_network_find_actor(&i, other, "a"));
	sm_assert_ok(sm_network_set_attr(other, SM_ACTOR, i, "age", &v));
	sm_selection *fo = sel(other, "id = amb");
	o.target_by = "age";
	sm_assert_fails(sm_gaps(&r, other, fo, &o), SM_EINVAL, "holds numbers");
	ck_assert_ptr_null(r);
	sm_selection_free(fo);
	/* The inputs are unchanged: a good call still works. */
	sm_gaps_options_init(&o);
	o.recommend = 0;
	r = study(net, "id = amb", &o);
	ck_assert_int_eq(r->reached_count, 5);
	sm_gaps_result_free(r);
	sm_selection_free(f);
	sm_selection_free(none);
	sm_network_free(net);
	sm_network_free(other);
#undef FAILS
}
END_TEST

/* ---- progress, cancellation, allocation failure -------------------------- */

typedef struct progress_log {
	int calls;
	int cancel_at;
	int per_stage[8];
	const char *stages[8];
	int nstages;
} progress_log;

static int on_progress(double fraction, const char *stage, void *user)
{
	progress_log *log = user;
	(void)fraction;
	log->calls++;
	int k;
	for (k = 0; k < log->nstages; k++)
		if (strcmp(log->stages[k], stage) == 0)
			break;
	if (k == log->nstages && k < 8)
		log->stages[log->nstages++] = stage;
	if (k < 8)
		log->per_stage[k]++;
	return log->cancel_at && log->calls >= log->cancel_at;
}

/* A ring of 600 actors with chords, one diplomat in ten. */
static sm_network *ring(void)
{
	sm_network *net;
	char id[16];
	sm_assert_ok(sm_network_new(&net, false));
	for (int i = 0; i < 600; i++) {
		snprintf(id, sizeof id, "v%d", i);
		add_actor(net, id, i % 10 ? (i % 3 ? "ngo" : "media") : "diplomat");
		set_text(net, id, "region", i % 7 ? "capital" : "periphery");
	}
	for (int64_t i = 0; i < 600; i++) {
		int64_t j = (i + 1) % 600, k = (i + 7) % 600;
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, i, j, 0.5, NULL));
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, i, k, 0.75, NULL));
	}
	return net;
}

START_TEST(progress_and_cancel)
{
	sm_network *net = ring();
	sm_selection *f = sel(net, "kind = diplomat");
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.target_by = "region,community";
	o.hops = 0;
	o.progress = on_progress;
	progress_log log;
	memset(&log, 0, sizeof log);
	o.progress_user = &log;
	sm_gaps_result *r = NULL;
	sm_assert_ok(sm_gaps(&r, net, f, &o));
	sm_gaps_result_free(r);
	const char *want[] = { "reach", "coverage", "suspects", "recommendations" };
	for (int w = 0; w < 4; w++) {
		int k;
		for (k = 0; k < log.nstages; k++)
			if (strcmp(log.stages[k], want[w]) == 0)
				break;
		ck_assert_msg(k < log.nstages, "no stage %s", want[w]);
		ck_assert_int_ge(log.per_stage[k], 2);
		ck_assert_int_le(log.per_stage[k], 110);
	}
	int total = log.calls;
	int at[] = { 1, 2, total / 3, total / 2, total - 1 };
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		memset(&log, 0, sizeof log);
		log.cancel_at = at[k];
		r = (sm_gaps_result *)&log;
		sm_assert_fails(sm_gaps(&r, net, f, &o), SM_ECANCELLED, "cancelled");
		ck_assert_ptr_eq(r, (sm_gaps_result *)&log);
		ck_assert_int_eq(log.calls, at[k]);
	}
	sm_selection_free(f);
	sm_network_free(net);
}
END_TEST

typedef struct gaps_args {
	const sm_network *net;
	const sm_selection *focal;
	const sm_gaps_options *o;
} gaps_args;

static int gaps_call(void *ctx, void **out)
{
	const gaps_args *a = ctx;
	sm_gaps_result *r = NULL;
	int rc = sm_gaps(&r, a->net, a->focal, a->o);
	*out = r;
	return rc;
}

static void gaps_release(void *r)
{
	sm_gaps_result_free(r);
}

static void alloc_failures(const sm_network *net, const sm_selection *f,
                           const sm_gaps_options *o)
{
	gaps_args a = { net, f, o };
	ck_assert_int_gt(sm_test_alloc_failures(gaps_call, gaps_release, &a, 10000), 30);
}

START_TEST(allocation_failures)
{
	sm_network *net = embassy();
	sm_assert_ok(sm_network_freeze(net));
	sm_selection *f = sel(net, "id = amb"), *avoid = sel(net, "id = b");
	sm_gaps_options o = SM_GAPS_OPTIONS_INIT;
	o.target_by = "kind,region,community";
	o.recommend = 3;
	alloc_failures(net, f, &o);
	o.hops = 0; /* Dijkstra's heap */
	o.avoid = avoid;
	o.standing_by = "region";
	o.at = "2020-01-01";
	alloc_failures(net, f, &o);
	sm_selection_free(f);
	sm_selection_free(avoid);
	sm_network_free(net);
}
END_TEST

Suite *gaps_suite(void)
{
	Suite *s = suite_create("gaps");
	TCase *tc = tcase_create("reach");
	tcase_add_test(tc, options_init);
	tcase_add_test(tc, embassy_two_hops);
	tcase_add_test(tc, hidden_shorter_path);
	tcase_add_test(tc, min_quality);
	tcase_add_test(tc, first_hop);
	tcase_add_test(tc, avoid);
	tcase_add_test(tc, directed);
	tcase_add_test(tc, ties);
	tcase_add_test(tc, snapshot);
	suite_add_tcase(s, tc);
	tc = tcase_create("coverage");
	tcase_add_test(tc, coverage_region);
	tcase_add_test(tc, coverage_shares_sum_to_one);
	tcase_add_test(tc, suspects);
	tcase_add_test(tc, diversity_gap);
	suite_add_tcase(s, tc);
	tc = tcase_create("recommendations");
	tcase_add_test(tc, recommend_worked);
	tcase_add_test(tc, celf_against_brute_force);
	tcase_add_test(tc, celf_unique_optimum);
	tcase_add_test(tc, deterministic);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("bad_input");
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, progress_and_cancel);
	tcase_add_test(tc, allocation_failures);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(gaps_suite)
