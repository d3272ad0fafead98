/*
 * Filter bubbles (lib/analysis/bubbles.c) and Leiden communities
 * (lib/analysis/community.c). Expected values are worked by hand from the
 * definitions in docs/bubbles.md (the arithmetic is in the comments); the
 * planted-partition tests generate their graphs here with a fixed seed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/community.h"
#include "analysis/graph.h"
#include "core/core.h"
#include "support.h"

#define EPS 1e-12

/* ---- helpers ------------------------------------------------------------ */

static void add_actor(sm_network *net, const char *id, const char *kind)
{
	sm_assert_ok(sm_network_add_actor(NULL, net, id, NULL, kind));
}

static void add_rel(sm_network *net, const char *a, const char *b, double q)
{
	sm_assert_ok(sm_network_add_relationship(NULL, net, a, b, q, NULL));
}

static void set_text(sm_network *net, const char *id, const char *name, const char *text)
{
	int64_t i;
	sm_value v = sm_value_string(text);
	sm_assert_ok(sm_network_find_actor(&i, net, id));
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, name, &v));
}

static void set_number(sm_network *net, const char *id, const char *name, double x)
{
	int64_t i;
	sm_value v = sm_value_number(x);
	sm_assert_ok(sm_network_find_actor(&i, net, id));
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, name, &v));
}

static void assert_near(double got, double want, const char *what)
{
	ck_assert_msg(fabs(got - want) <= EPS * (1 + fabs(want)), "%s: got %.17g, want %.17g",
	              what, got, want);
}

static double cell_double(const sm_table *t, const char *col, size_t row)
{
	size_t n;
	const double *v = sm_table_column_double(t, col, &n);
	ck_assert_msg(v != NULL, "no double column %s", col);
	ck_assert_uint_lt(row, n);
	return v[row];
}

static int64_t cell_int(const sm_table *t, const char *col, size_t row)
{
	size_t n;
	const int64_t *v = sm_table_column_int64(t, col, &n);
	ck_assert_msg(v != NULL, "no int64 column %s", col);
	ck_assert_uint_lt(row, n);
	return v[row];
}

static const char *cell_text(const sm_table *t, const char *col, size_t row)
{
	size_t n;
	const char *const *v = sm_table_column_string(t, col, &n);
	ck_assert_msg(v != NULL, "no string column %s", col);
	ck_assert_uint_lt(row, n);
	return v[row];
}

static bool cell_bool(const sm_table *t, const char *col, size_t row)
{
	size_t n;
	const bool *v = sm_table_column_bool(t, col, &n);
	ck_assert_msg(v != NULL, "no bool column %s", col);
	ck_assert_uint_lt(row, n);
	return v[row];
}

/* The row of `t` whose string column `col` equals `value`. */
static size_t row_of(const sm_table *t, const char *col, const char *value)
{
	size_t n;
	const char *const *v = sm_table_column_string(t, col, &n);
	ck_assert_ptr_nonnull(v);
	for (size_t i = 0; i < n; i++)
		if (v[i] && strcmp(v[i], value) == 0)
			return i;
	ck_abort_msg("no row with %s = %s", col, value);
	return 0;
}

/*
 * Two triangles joined by one tie:
 *
 *     a2       b2          a1, a2, a3: kind ngo,      team A, gender f f m
 *    /  \     /  \         b1, b2, b3: kind business, team B, gender m m m
 *   a1 - a3  b1 - b3       every triangle tie quality 1; the bridge a1–b1 0.5
 *    \________/            country "fr" for everyone (an attribute of one value)
 *      (a1–b1)             stance a1 1, a2 1, a3 none, b1 −1, b2 −0.5, b3 −1
 */
static sm_network *triangles(void)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	const char *ids[] = { "a1", "a2", "a3", "b1", "b2", "b3" };
	const char *gender[] = { "f", "f", "m", "m", "m", "m" };
	for (int i = 0; i < 6; i++) {
		add_actor(net, ids[i], i < 3 ? "ngo" : "business");
		set_text(net, ids[i], "team", i < 3 ? "A" : "B");
		set_text(net, ids[i], "gender", gender[i]);
		set_text(net, ids[i], "country", "fr");
	}
	add_rel(net, "a1", "a2", 1);
	add_rel(net, "a1", "a3", 1);
	add_rel(net, "a2", "a3", 1);
	add_rel(net, "b1", "b2", 1);
	add_rel(net, "b1", "b3", 1);
	add_rel(net, "b2", "b3", 1);
	add_rel(net, "a1", "b1", 0.5);
	set_number(net, "a1", "stance", 1);
	set_number(net, "a2", "stance", 1);
	set_number(net, "b1", "stance", -1);
	set_number(net, "b2", "stance", -0.5);
	set_number(net, "b3", "stance", -1);
	return net;
}

/* ---- options -------------------------------------------------------------- */

START_TEST(options_init)
{
	sm_bubbles_options o;
	memset(&o, 0xab, sizeof o);
	sm_bubbles_options_init(&o);
	ck_assert_uint_eq(o.version, SM_BUBBLES_OPTIONS_VERSION);
	ck_assert_ptr_null(o.by);
	ck_assert(o.resolution == 1.0);
	ck_assert_uint_eq(o.seed, 1);
	ck_assert_int_eq(o.iterations, 2);
	ck_assert_ptr_null(o.diversity_of);
	ck_assert_ptr_null(o.stance);
	ck_assert_ptr_null(o.sides);
	ck_assert_int_eq(o.walk_top, 10);
	ck_assert(o.ei_threshold == -0.5);
	ck_assert(o.diversity_threshold == 0.35);
	ck_assert_int_eq(o.min_size, 3);
	ck_assert_int_eq(o.top, 3);
	ck_assert_int_eq(o.combine, SM_COMBINE_MAX);
	ck_assert(o.weighted);
	ck_assert_ptr_null(o.progress);
	ck_assert_ptr_null(o.progress_user);
	sm_bubbles_options_init(NULL); /* does nothing */
}
END_TEST

/* ---- the hand-worked example ------------------------------------------------ */

/*
 * By team (groups A and B, three actors each; sizes tie: A first, it has the
 * smaller first member). W = 6 + 0.5 = 6.5, 2W = 13.
 *   A: I = 3, E = 0.5, E-I = (0.5 − 3)/3.5 = −5/7.
 *      Random ties: possible internal 3·2/2 = 3, external 3·3 = 9,
 *      expected E-I = (9 − 3)/12 = 1/2; E-I < 1/2 so
 *      rescaled = (−5/7 − 1/2)/(1 + 1/2) = −17/21.
 *      vol(A) = 2·3 + 0.5 = 6.5 = vol(B): conductance 0.5/6.5 = 1/13.
 *      Kinds: all ngo → entropy 0, Blau 0, top kind ngo, share 1.
 *      Gender f f m: p = 2/3, 1/3, K = 2: entropy −(2/3 ln 2/3 + 1/3 ln 1/3)/ln 2
 *      = 0.9182958340544896; Blau 1 − 4/9 − 1/9 = 4/9.
 *      Stance 1, 1 (a3 none): mean 1, sd 0.
 *   B: the same figures, kind business, gender m m m (entropy 0, Blau 0),
 *      stance −1, −0.5, −1: mean −5/6, deviations −1/6, 1/3, −1/6:
 *      sd = sqrt((1/36 + 4/36 + 1/36)/3) = sqrt(1/18).
 *   Both flagged: −17/21 = −0.81 < −0.5 and 0 < 0.35 and size 3 ≥ 3;
 *   3/3.5 = 86% of the tie weight stays inside.
 *   Modularity: Σ I/W − (vol/2W)² = 2·(3/6.5 − 1/4) = 11/26.
 *   Actors: a1's contacts a2 (1), a3 (1), b1 (0.5), strength 2.5:
 *      share_in_group = share_in_kind = 2/2.5 = 0.8; exposure: kinds
 *      ngo 0.8, business 0.2 → −(0.8 ln 0.8 + 0.2 ln 0.2)/ln 2;
 *      neighbour stance (1·1 + 0.5·(−1))/1.5 = 1/3 (a3 has none).
 *      a2: contacts a1, a3, both ngo in A: shares 1, exposure 0;
 *      neighbour stance 1 (only a1 has one).
 *   Mixing (weights, both directions): e(ngo,ngo) = 6/13,
 *      e(ngo,business) = 0.5/13; each kind holds 6.5/13 = 1/2 of the tie
 *      ends, expected 1/4: ratios 24/13 and 2/13.
 *   Assortativity, unweighted (as NetworkX 2.8), each tie both ways, 14 ends:
 *      kind: e = [[6, 1], [1, 6]]/14: (12/14 − 1/2)/(1 − 1/2) = 5/7;
 *      gender: ties ff 1, fm 3, mm 3: e(f,f) = 2/14, e(f,m) = e(m,f) = 3/14,
 *      e(m,m) = 6/14; a_f = 5/14, a_m = 9/14: (8/14 − 106/196)/(90/196) = 1/15;
 *      country: one value, 1 − Σa² = 0 → NaN;
 *      stance (ties with both ends valued: a1a2, a1b1, b1b2, b1b3, b2b3):
 *      x over the 10 ends: mean −0.3, E[x²] = 0.85, var 0.76, E[xy] = 0.4,
 *      r = (0.4 − 0.09)/0.76 = 0.31/0.76.
 */
START_TEST(triangles_by_team)
{
	sm_network *net = triangles();
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.by = "team";
	o.diversity_of = "gender, country";
	o.stance = "stance";
	sm_bubbles_result *r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	const sm_table *g = r->groups;
	ck_assert_int_eq(r->group_count, 2);
	ck_assert_int_eq(r->bubble_count, 2);
	ck_assert_uint_eq(r->seed, 0);
	ck_assert(isnan(r->controversy_score));
	ck_assert_ptr_null(r->controversy);
	assert_near(r->modularity, 11.0 / 26, "modularity");
	ck_assert_uint_eq(sm_table_rows(g), 2);
	ck_assert_str_eq(cell_text(g, "name", 0), "A");
	ck_assert_str_eq(cell_text(g, "name", 1), "B");
	for (size_t row = 0; row < 2; row++) {
		ck_assert_int_eq(cell_int(g, "group", row), (int64_t)row + 1);
		ck_assert_int_eq(cell_int(g, "size", row), 3);
		assert_near(cell_double(g, "internal_weight", row), 3, "I");
		assert_near(cell_double(g, "external_weight", row), 0.5, "E");
		assert_near(cell_double(g, "ei_index", row), -5.0 / 7, "E-I");
		assert_near(cell_double(g, "ei_rescaled", row), -17.0 / 21, "rescaled");
		assert_near(cell_double(g, "conductance", row), 1.0 / 13, "conductance");
		assert_near(cell_double(g, "kind_entropy", row), 0, "kind entropy");
		assert_near(cell_double(g, "kind_blau", row), 0, "kind blau");
		assert_near(cell_double(g, "top_kind_share", row), 1, "top kind share");
		assert_near(cell_double(g, "country_entropy", row), 0, "country entropy");
		assert_near(cell_double(g, "country_blau", row), 0, "country blau");
		ck_assert(cell_bool(g, "bubble", row));
	}
	ck_assert_str_eq(cell_text(g, "top_kind", 0), "ngo");
	ck_assert_str_eq(cell_text(g, "top_kind", 1), "business");
	assert_near(cell_double(g, "share_ngo", 0), 1, "share ngo");
	assert_near(cell_double(g, "share_business", 0), 0, "share business");
	assert_near(cell_double(g, "share_business", 1), 1, "share business");
	double h23 = -(2.0 / 3 * log(2.0 / 3) + 1.0 / 3 * log(1.0 / 3)) / log(2);
	assert_near(cell_double(g, "gender_entropy", 0), h23, "gender entropy A");
	assert_near(cell_double(g, "gender_blau", 0), 4.0 / 9, "gender blau A");
	assert_near(cell_double(g, "gender_entropy", 1), 0, "gender entropy B");
	assert_near(cell_double(g, "stance_mean", 0), 1, "stance mean A");
	assert_near(cell_double(g, "stance_sd", 0), 0, "stance sd A");
	assert_near(cell_double(g, "stance_mean", 1), -5.0 / 6, "stance mean B");
	assert_near(cell_double(g, "stance_sd", 1), sqrt(1.0 / 18), "stance sd B");
	/* top actors by strength: a1 2.5, then a2 and a3 2 (actor order) */
	ck_assert_str_eq(cell_text(g, "top_actors", 0), "a1,a2,a3");
	ck_assert_str_eq(cell_text(g, "top_actors", 1), "b1,b2,b3");
	ck_assert_str_eq(cell_text(g, "reason", 0),
	                 "insular: E-I -0.71 (rescaled -0.81) < -0.5, 86% of tie weight stays "
	                 "inside; homogeneous: kind diversity 0.00 < 0.35, 100% ngo");
	ck_assert_str_eq(sm_table_note(g, "grouping"), "attribute");
	ck_assert_str_eq(sm_table_note(g, "by"), "team");
	ck_assert_str_eq(sm_table_note(g, "stance_missing"), "1");

	const sm_table *a = r->actors;
	ck_assert_uint_eq(sm_table_rows(a), 6);
	ck_assert_str_eq(cell_text(a, "id", 0), "a1");
	ck_assert_int_eq(cell_int(a, "group", 0), 1);
	ck_assert_str_eq(cell_text(a, "group_name", 3), "B");
	ck_assert(cell_bool(a, "bubble", 0));
	assert_near(cell_double(a, "share_in_group", 0), 0.8, "a1 share in group");
	assert_near(cell_double(a, "share_in_kind", 0), 0.8, "a1 share in kind");
	assert_near(cell_double(a, "exposure_diversity", 0),
	            -(0.8 * log(0.8) + 0.2 * log(0.2)) / log(2), "a1 exposure");
	assert_near(cell_double(a, "neighbour_stance", 0), 1.0 / 3, "a1 neighbour stance");
	assert_near(cell_double(a, "stance", 0), 1, "a1 stance");
	ck_assert(isnan(cell_double(a, "stance", 2)));
	assert_near(cell_double(a, "share_in_group", 1), 1, "a2 share in group");
	assert_near(cell_double(a, "exposure_diversity", 1), 0, "a2 exposure");
	assert_near(cell_double(a, "neighbour_stance", 1), 1, "a2 neighbour stance");

	const sm_table *m = r->mixing;
	ck_assert_uint_eq(sm_table_rows(m), 4); /* kinds sorted: business, ngo */
	ck_assert_str_eq(cell_text(m, "kind_a", 0), "business");
	ck_assert_str_eq(cell_text(m, "kind_b", 1), "ngo");
	assert_near(cell_double(m, "observed", 3), 6.0 / 13, "e(ngo,ngo)");
	assert_near(cell_double(m, "expected", 3), 0.25, "expected ngo ngo");
	assert_near(cell_double(m, "ratio", 3), 24.0 / 13, "ratio ngo ngo");
	assert_near(cell_double(m, "observed", 1), 0.5 / 13, "e(business,ngo)");
	assert_near(cell_double(m, "observed", 2), 0.5 / 13, "e(ngo,business)");
	assert_near(cell_double(m, "ratio", 1), 2.0 / 13, "ratio business ngo");

	const sm_table *s = r->assortativity;
	ck_assert_uint_eq(sm_table_rows(s), 4);
	size_t k = row_of(s, "attribute", "kind");
	ck_assert_str_eq(cell_text(s, "type", k), "nominal");
	assert_near(cell_double(s, "assortativity", k), 5.0 / 7, "kind assortativity");
	assert_near(cell_double(s, "assortativity", row_of(s, "attribute", "gender")), 1.0 / 15,
	            "gender assortativity");
	ck_assert(isnan(cell_double(s, "assortativity", row_of(s, "attribute", "country"))));
	k = row_of(s, "attribute", "stance");
	ck_assert_str_eq(cell_text(s, "type", k), "numeric");
	assert_near(cell_double(s, "assortativity", k), 0.31 / 0.76, "stance assortativity");
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

/* Leiden finds the two triangles; the figures are those of the teams. */
START_TEST(triangles_by_leiden)
{
	sm_network *net = triangles();
	sm_bubbles_result *r = NULL;
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.seed = 42;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_int_eq(r->group_count, 2);
	ck_assert_uint_eq(r->seed, 42);
	assert_near(r->modularity, 11.0 / 26, "modularity");
	ck_assert_str_eq(cell_text(r->groups, "name", 0), "community 1");
	ck_assert_str_eq(cell_text(r->groups, "top_actors", 0), "a1,a2,a3");
	assert_near(cell_double(r->groups, "ei_rescaled", 1), -17.0 / 21, "rescaled");
	ck_assert_int_eq(r->bubble_count, 2);
	ck_assert_str_eq(sm_table_note(r->groups, "grouping"), "leiden");
	ck_assert_str_eq(sm_table_note(r->groups, "seed"), "42");
	/* Thresholds: a stricter E-I threshold (−0.9 < −0.81) flags nothing; a
	 * min_size of 4 neither. */
	sm_bubbles_result_free(r);
	o.ei_threshold = -0.9;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_int_eq(r->bubble_count, 0);
	ck_assert_str_eq(cell_text(r->groups, "reason", 0), "");
	sm_bubbles_result_free(r);
	o.ei_threshold = -0.5;
	o.min_size = 4;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_int_eq(r->bubble_count, 0);
	sm_bubbles_result_free(r);
	/* Unweighted: the bridge weighs 1: I = 3, E = 1, E-I = −1/2,
	 * rescaled (−1/2 − 1/2)/(3/2) = −2/3; modularity 2·(3/7 − 1/4) = 5/14. */
	o.min_size = 3;
	o.weighted = false;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	assert_near(cell_double(r->groups, "ei_index", 0), -0.5, "E-I unweighted");
	assert_near(cell_double(r->groups, "ei_rescaled", 0), -2.0 / 3, "rescaled unweighted");
	assert_near(r->modularity, 5.0 / 14, "modularity unweighted");
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

/*
 * A directed network is read as undirected, a pair tied both ways weighing
 * the sum: x→y 0.5 and y→x 0.25 make one tie of 0.75; y→z 1.
 * By kind (x, y ngo; z media): group ngo: I = 0.75, E = 1,
 * E-I = 0.25/1.75 = 1/7; vol(ngo) = 2.5, vol(media) = 1: conductance 1/1.
 * Random ties: n = 3, size 2: possible in 1, out 2, expected (2 − 1)/3 = 1/3;
 * 1/7 < 1/3: rescaled (1/7 − 1/3)/(4/3) = −1/7.
 * Modularity: 2W = 3.5: 0.75/1.75 − (2.5/3.5)² + 0 − (1/3.5)² = 3/7 − 29/49 = −8/49.
 */
START_TEST(directed_is_mutual)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, true));
	add_actor(net, "x", "ngo");
	add_actor(net, "y", "ngo");
	add_actor(net, "z", "media");
	add_rel(net, "x", "y", 0.5);
	add_rel(net, "y", "x", 0.25);
	add_rel(net, "y", "z", 1);
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.by = "kind";
	sm_bubbles_result *r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	const sm_table *g = r->groups;
	ck_assert_str_eq(cell_text(g, "name", 0), "ngo");
	assert_near(cell_double(g, "internal_weight", 0), 0.75, "I");
	assert_near(cell_double(g, "external_weight", 0), 1, "E");
	assert_near(cell_double(g, "ei_index", 0), 1.0 / 7, "E-I");
	assert_near(cell_double(g, "ei_rescaled", 0), -1.0 / 7, "rescaled");
	assert_near(cell_double(g, "conductance", 0), 1, "conductance");
	assert_near(r->modularity, -8.0 / 49, "modularity");
	/* y: contacts x (0.75) and z (1): share in group 0.75/1.75 = 3/7 */
	assert_near(cell_double(r->actors, "share_in_group", 1), 3.0 / 7, "y share");
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

/* ---- random-walk controversy ---------------------------------------------- */

/*
 *   p1   p2                r1   r2       sides: hx, x1 (X); hy, y1 (Y);
 *     \ /                    \ /         p1 p2 r1 r2 none; z1–z2 (X) apart
 *      hx —1— x1 —0.5— y1 —1— hy
 * walk_top 1: hx and hy (3 contacts) absorb; walks start at x1 and y1.
 * a = P(x1 ends in X), b = P(y1 ends in X):
 *   a = (1·1 + 0.5·b)/1.5,  b = (0.5·a + 1·0)/1.5  →  a = 3/4, b = 1/4.
 * P_XX = 3/4, P_XY = 1/4, P_YX = 1/4, P_YY = 3/4;
 * RWC = 9/16 − 1/16 = 1/2; per side 3/4 − 1/4 = 1/2.
 * z1, z2 (side X) cannot reach an absorbing actor: excluded (2).
 */
static sm_network *walk_map(void)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	const char *ids[] = { "hx", "x1", "y1", "hy", "p1", "p2", "r1", "r2", "z1", "z2" };
	const char *side[] = { "X", "X", "Y", "Y", NULL, NULL, NULL, NULL, "X", "X" };
	for (int i = 0; i < 10; i++) {
		add_actor(net, ids[i], "other");
		if (side[i])
			set_text(net, ids[i], "camp", side[i]);
	}
	add_rel(net, "hx", "x1", 1);
	add_rel(net, "x1", "y1", 0.5);
	add_rel(net, "y1", "hy", 1);
	add_rel(net, "hx", "p1", 1);
	add_rel(net, "hx", "p2", 1);
	add_rel(net, "hy", "r1", 1);
	add_rel(net, "hy", "r2", 1);
	add_rel(net, "z1", "z2", 1);
	return net;
}

START_TEST(controversy_two_sides)
{
	sm_network *net = walk_map();
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.sides = "camp";
	o.walk_top = 1;
	sm_bubbles_result *r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	const sm_table *c = r->controversy;
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(sm_table_rows(c), 2);
	ck_assert_str_eq(cell_text(c, "side", 0), "X");
	ck_assert_int_eq(cell_int(c, "size", 0), 4);
	ck_assert_int_eq(cell_int(c, "starts", 0), 1);
	ck_assert_int_eq(cell_int(c, "starts", 1), 1);
	assert_near(cell_double(c, "p_X", 0), 0.75, "P_XX");
	assert_near(cell_double(c, "p_Y", 0), 0.25, "P_XY");
	assert_near(cell_double(c, "p_X", 1), 0.25, "P_YX");
	assert_near(cell_double(c, "p_Y", 1), 0.75, "P_YY");
	assert_near(cell_double(c, "score", 0), 0.5, "score X");
	assert_near(cell_double(c, "score", 1), 0.5, "score Y");
	assert_near(r->controversy_score, 0.5, "RWC");
	ck_assert_str_eq(sm_table_note(c, "excluded"), "2");
	/* walk_top 10 absorbs at most half of each side: X (4 actors) loses hx
	 * and x1 to absorption, and z1, z2 are excluded, so no walk starts in X
	 * (a NaN row and score); Y (2 actors) absorbs hy only, and from y1 a walk
	 * ends at x1 (X) with 0.5/1.5 = 1/3, at hy (Y) with 2/3. */
	sm_bubbles_result_free(r);
	o.walk_top = 10;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	c = r->controversy;
	ck_assert_int_eq(cell_int(c, "starts", 0), 0);
	ck_assert_int_eq(cell_int(c, "starts", 1), 1);
	assert_near(cell_double(c, "p_X", 1), 1.0 / 3.0, "P_YX, half of Y absorbing");
	assert_near(cell_double(c, "p_Y", 1), 2.0 / 3.0, "P_YY, half of Y absorbing");
	ck_assert(isnan(r->controversy_score));
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

/*
 * Three sides on a ring hx — x1 — hy — y1 — hz — z1 — hx (qualities 1), a
 * pendant without a side on each hub so the hubs have the most contacts
 * (3 against 2); sides X {hx, x1}, Y {hy, y1}, Z {hz, z1}; walk_top 1.
 * x1 steps to hx or hy (1/2 each) and is absorbed there; likewise y1 (hy,
 * hz) and z1 (hz, hx): P = [[1/2, 1/2, 0], [0, 1/2, 1/2], [1/2, 0, 1/2]],
 * every row sums to 1; per side s_a = P_aa − mean_{b≠a} P_ba
 * = 1/2 − (0 + 1/2)/2 = 1/4; overall the mean, 1/4.
 */
START_TEST(controversy_three_sides)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	const char *ids[] = { "hx", "hy", "hz", "x1", "y1", "z1", "px", "py", "pz" };
	const char *side[] = { "X", "Y", "Z", "X", "Y", "Z", NULL, NULL, NULL };
	for (int i = 0; i < 9; i++) {
		add_actor(net, ids[i], "other");
		if (side[i])
			set_text(net, ids[i], "camp", side[i]);
	}
	add_rel(net, "hx", "x1", 1);
	add_rel(net, "x1", "hy", 1);
	add_rel(net, "hy", "y1", 1);
	add_rel(net, "y1", "hz", 1);
	add_rel(net, "hz", "z1", 1);
	add_rel(net, "z1", "hx", 1);
	add_rel(net, "hx", "px", 1);
	add_rel(net, "hy", "py", 1);
	add_rel(net, "hz", "pz", 1);
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.sides = "camp";
	o.walk_top = 1;
	sm_bubbles_result *r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	const sm_table *c = r->controversy;
	ck_assert_uint_eq(sm_table_rows(c), 3);
	assert_near(cell_double(c, "p_X", 0), 0.5, "P_XX");
	assert_near(cell_double(c, "p_Y", 0), 0.5, "P_XY");
	assert_near(cell_double(c, "p_Z", 0), 0, "P_XZ");
	assert_near(cell_double(c, "p_X", 2), 0.5, "P_ZX");
	assert_near(cell_double(c, "p_Z", 2), 0.5, "P_ZZ");
	for (size_t a = 0; a < 3; a++)
		assert_near(cell_double(c, "score", a), 0.25, "score");
	assert_near(r->controversy_score, 0.25, "overall");
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

/* ---- planted partitions ------------------------------------------------------ */

/* splitmix64: the generator's only source of randomness (seeded). */
static uint64_t next_random(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double uniform(uint64_t *x)
{
	return (double)(next_random(x) >> 11) / 9007199254740992.0;
}

enum { CLUSTERS = 8, PER_CLUSTER = 30 };

/* Eight clusters of 30 actors. Cluster c is insular when c < 4 (a pair
 * inside tied with probability 0.5, outwardness 0.005) and open otherwise
 * (0.3 inside, outwardness 0.05); homogeneous when c is even (one kind, 1
 * actor in 10 of another) and diverse when odd (kinds uniform over 8). A
 * pair in clusters a ≠ b is tied with probability sqrt(out_a · out_b).
 * Qualities uniform in [0.5, 1). Clusters 0 and 2 are the insular,
 * homogeneous ones: the bubbles (rescaled E-I about −0.7; open clusters
 * about −0.35; kind entropy about 0.15 against 0.9 — docs/bubbles.md). */
static sm_network *planted(uint64_t seed, int32_t *truth)
{
	static const char *const kinds[] = { "business", "ngo",     "media",    "academia",
		                             "diaspora", "alumni",  "youth",    "government" };
	sm_network *net;
	char id[32];
	uint64_t x = seed;
	sm_assert_ok(sm_network_new(&net, false));
	for (int c = 0; c < CLUSTERS; c++)
		for (int j = 0; j < PER_CLUSTER; j++) {
			int kind = c % 2 == 0 ? (uniform(&x) < 0.9 ? c / 2 : 4 + c / 2)
			                      : (int)(uniform(&x) * 8);
			snprintf(id, sizeof id, "c%dn%d", c, j);
			add_actor(net, id, kinds[kind]);
			truth[c * PER_CLUSTER + j] = c;
		}
	const int n = CLUSTERS * PER_CLUSTER;
	for (int u = 0; u < n; u++)
		for (int v = u + 1; v < n; v++) {
			int a = u / PER_CLUSTER, b = v / PER_CLUSTER;
			double oa = a < 4 ? 0.005 : 0.05, ob = b < 4 ? 0.005 : 0.05;
			double p = a == b ? (a < 4 ? 0.5 : 0.3) : sqrt(oa * ob);
			if (uniform(&x) < p)
				sm_assert_ok(sm_network_add_relationship_at(
					NULL, net, u, v, 0.5 + 0.5 * uniform(&x), NULL));
		}
	return net;
}

/* Normalised mutual information (arithmetic mean normalisation, as
 * scikit-learn's default) of two labellings of n items, labels < n. */
static double nmi(const int32_t *a, const int32_t *b, int n)
{
	double *joint = calloc((size_t)n * (size_t)n, sizeof *joint);
	double *pa = calloc((size_t)n, sizeof *pa), *pb = calloc((size_t)n, sizeof *pb);
	ck_assert(joint && pa && pb);
	for (int i = 0; i < n; i++) {
		joint[(size_t)a[i] * (size_t)n + (size_t)b[i]] += 1.0 / n;
		pa[a[i]] += 1.0 / n;
		pb[b[i]] += 1.0 / n;
	}
	double mi = 0, ha = 0, hb = 0;
	for (int i = 0; i < n; i++) {
		if (pa[i] > 0)
			ha -= pa[i] * log(pa[i]);
		if (pb[i] > 0)
			hb -= pb[i] * log(pb[i]);
		for (int j = 0; j < n; j++) {
			double p = joint[(size_t)i * (size_t)n + (size_t)j];
			if (p > 0)
				mi += p * log(p / (pa[i] * pb[j]));
		}
	}
	free(joint);
	free(pa);
	free(pb);
	return ha + hb > 0 ? 2 * mi / (ha + hb) : 1.0;
}

START_TEST(planted_partition_flags_the_bubbles)
{
	const int n = CLUSTERS * PER_CLUSTER;
	int32_t truth[CLUSTERS * PER_CLUSTER], found[CLUSTERS * PER_CLUSTER];
	for (uint64_t seed = 1; seed <= 3; seed++) {
		sm_network *net = planted(seed, truth);
		sm_bubbles_result *r = NULL;
		sm_assert_ok(sm_bubbles(&r, net, NULL));
		const int64_t *grp = sm_table_column_int64(r->actors, "group", NULL);
		for (int i = 0; i < n; i++)
			found[i] = (int32_t)grp[i] - 1;
		double score = nmi(truth, found, n);
		ck_assert_msg(score >= 0.9, "seed %llu: NMI %g", (unsigned long long)seed, score);
		/* Exactly the actors of clusters 0 and 2 are in flagged groups. */
		const bool *bubble = sm_table_column_bool(r->actors, "bubble", NULL);
		for (int i = 0; i < n; i++) {
			int c = i / PER_CLUSTER;
			ck_assert_msg(bubble[i] == (c == 0 || c == 2),
			              "seed %llu: actor %d of cluster %d", (unsigned long long)seed, i,
			              c);
		}
		ck_assert_int_eq(r->bubble_count, 2);
		sm_bubbles_result_free(r);
		sm_network_free(net);
	}
}
END_TEST

/* Same seed, same groups; the result does not depend on earlier calls. */
START_TEST(same_seed_same_groups)
{
	int32_t truth[CLUSTERS * PER_CLUSTER];
	sm_network *net = planted(7, truth);
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.seed = 12345;
	o.iterations = -1;
	sm_bubbles_result *r1 = NULL, *r2 = NULL, *r3 = NULL;
	sm_assert_ok(sm_bubbles(&r1, net, &o));
	o.seed = 99;
	sm_assert_ok(sm_bubbles(&r3, net, &o));
	o.seed = 12345;
	sm_assert_ok(sm_bubbles(&r2, net, &o));
	size_t n;
	const int64_t *g1 = sm_table_column_int64(r1->actors, "group", &n);
	const int64_t *g2 = sm_table_column_int64(r2->actors, "group", NULL);
	ck_assert_uint_eq(n, CLUSTERS * PER_CLUSTER);
	ck_assert_mem_eq(g1, g2, n * sizeof *g1);
	ck_assert(r1->modularity == r2->modularity);
	ck_assert_uint_eq(r3->seed, 99);
	sm_bubbles_result_free(r1);
	sm_bubbles_result_free(r2);
	sm_bubbles_result_free(r3);
	sm_network_free(net);
}
END_TEST

/* sm_communities itself: planted partition recovered, same seed same
 * membership, canonical numbering, isolated actors alone, bad resolution. */
START_TEST(communities_leiden)
{
	int32_t truth[CLUSTERS * PER_CLUSTER];
	const int n = CLUSTERS * PER_CLUSTER;
	sm_network *net = planted(3, truth);
	sm_assert_ok(sm_network_add_actor(NULL, net, "alone", NULL, "other"));
	sm_graph g;
	sm_assert_ok(sm_graph_build(&g, net, SM_COMBINE_MAX, true));
	int32_t m1[CLUSTERS * PER_CLUSTER + 1], m2[CLUSTERS * PER_CLUSTER + 1], c1, c2;
	sm_community_options co = { 1.0, 5, 2, NULL, NULL };
	sm_assert_ok(sm_communities(m1, &c1, &g, &co));
	sm_assert_ok(sm_communities(m2, &c2, &g, &co));
	ck_assert_int_eq(c1, c2);
	ck_assert_mem_eq(m1, m2, sizeof m1);
	ck_assert(nmi(truth, m1, n) >= 0.9);
	/* The lone actor is its own community, the last (smallest) one. */
	ck_assert_int_eq(m1[n], c1 - 1);
	/* Canonical numbering: sizes non-increasing. */
	int64_t size[CLUSTERS * PER_CLUSTER + 1] = { 0 };
	for (int i = 0; i <= n; i++)
		size[m1[i]]++;
	for (int k = 1; k < c1; k++)
		ck_assert_int_ge(size[k - 1], size[k]);
	co.resolution = 0;
	sm_assert_fails(sm_communities(m1, &c1, &g, &co), SM_EINVAL, "resolution 0");
	co.resolution = NAN;
	sm_assert_fails(sm_communities(m1, &c1, &g, &co), SM_EINVAL, "resolution nan");
	sm_graph_dispose(&g);
	sm_network_free(net);
}
END_TEST

/* ---- bad input and edge cases ----------------------------------------------- */

START_TEST(no_relationships)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "a", "ngo");
	add_actor(net, "b", "ngo");
	add_actor(net, "c", "media");
	sm_bubbles_result *r = NULL;
	/* Leiden: every actor alone; no tie weight anywhere: NaN figures. */
	sm_assert_ok(sm_bubbles(&r, net, NULL));
	ck_assert_int_eq(r->group_count, 3);
	ck_assert_int_eq(r->bubble_count, 0);
	ck_assert(isnan(r->modularity));
	ck_assert(isnan(cell_double(r->groups, "ei_index", 0)));
	ck_assert(isnan(cell_double(r->groups, "ei_rescaled", 0)));
	ck_assert(isnan(cell_double(r->groups, "conductance", 0)));
	ck_assert(isnan(cell_double(r->actors, "exposure_diversity", 0)));
	ck_assert(isnan(cell_double(r->actors, "share_in_group", 0)));
	ck_assert(isnan(cell_double(r->mixing, "observed", 0)));
	ck_assert(isnan(cell_double(r->assortativity, "assortativity", 0)));
	sm_bubbles_result_free(r);
	/* By kind: ngo (2 actors, entropy 0) is not flagged: no ties, no E-I. */
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.by = "kind";
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_int_eq(r->group_count, 2);
	ck_assert_int_eq(cell_int(r->groups, "size", 0), 2);
	assert_near(cell_double(r->groups, "kind_entropy", 0), 0, "entropy");
	ck_assert(!cell_bool(r->groups, "bubble", 0));
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

START_TEST(empty_network)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	sm_bubbles_result *r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, NULL));
	ck_assert_int_eq(r->group_count, 0);
	ck_assert_uint_eq(sm_table_rows(r->groups), 0);
	ck_assert_uint_eq(sm_table_rows(r->actors), 0);
	ck_assert_uint_eq(sm_table_rows(r->mixing), 0);
	ck_assert(isnan(r->modularity));
	sm_bubbles_result_free(r);
	sm_bubbles_result_free(NULL);
	sm_network_free(net);
}
END_TEST

START_TEST(bad_attributes)
{
	sm_network *net = triangles();
	set_number(net, "a1", "age", 40);
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	sm_bubbles_result *r = (sm_bubbles_result *)&o; /* must stay as it is */
	o.by = "nope";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_ENOTFOUND, "by: no actor attribute \"nope\"");
	o.by = "age";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "attribute \"age\" holds numbers");
	o.by = NULL;
	o.diversity_of = "gender,nope";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_ENOTFOUND,
	                "diversity_of: no actor attribute \"nope\"");
	o.diversity_of = "age";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "\"age\" holds numbers");
	o.diversity_of = "gender,,team";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "empty attribute name");
	o.diversity_of = NULL;
	o.stance = "nope";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_ENOTFOUND, "stance: no actor attribute");
	o.stance = "gender";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "must be a numeric attribute");
	o.stance = "kind";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "must be a numeric attribute");
	o.stance = NULL;
	o.sides = "nope";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_ENOTFOUND, "sides: no actor attribute");
	o.sides = "age";
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "holds numbers");
	o.sides = "country"; /* one value */
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL,
	                "sides: attribute \"country\" has 1 value");
	ck_assert_ptr_eq(r, (sm_bubbles_result *)&o);
	/* "kind" and repeats in diversity_of are left out (kind is always there). */
	o.sides = NULL;
	o.diversity_of = "kind,gender,gender";
	r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_uint_eq(sm_table_rows(r->assortativity), 2);
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

START_TEST(bad_options)
{
	sm_network *net = triangles();
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	sm_bubbles_result *r = NULL;
	o.resolution = 0;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "resolution 0: must be a positive");
	o.resolution = -1;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "resolution -1");
	o.resolution = INFINITY;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "resolution inf");
	o.resolution = 1;
	o.ei_threshold = -1.5;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "ei_threshold -1.5");
	o.ei_threshold = NAN;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "ei_threshold nan");
	o.ei_threshold = -0.5;
	o.diversity_threshold = 2;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "diversity_threshold 2");
	o.diversity_threshold = 0.35;
	o.min_size = -1;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "min_size -1");
	o.min_size = 3;
	o.top = -2;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "top -2");
	o.top = 3;
	o.walk_top = 0;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "walk_top 0");
	o.walk_top = 10;
	o.combine = (sm_combine)7;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "unknown rule 7");
	o.combine = SM_COMBINE_MAX;
	o.version = 99;
	sm_assert_fails(sm_bubbles(&r, net, &o), SM_EINVAL, "bubbles options version 99");
	ck_assert_ptr_null(r);
	sm_assert_fails(sm_bubbles(NULL, net, NULL), SM_EINVAL, "out is NULL");
	sm_assert_fails(sm_bubbles(&r, NULL, NULL), SM_EINVAL, "net is NULL");
	ck_assert_ptr_null(r);
	/* top 0 names nobody; top 1 the strongest */
	o.version = SM_BUBBLES_OPTIONS_VERSION;
	o.by = "team";
	o.top = 0;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_str_eq(cell_text(r->groups, "top_actors", 0), "");
	sm_bubbles_result_free(r);
	o.top = 1;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_str_eq(cell_text(r->groups, "top_actors", 1), "b1");
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

/* ---- progress, cancellation, allocation failure ------------------------------ */

typedef struct progress_log {
	int calls;
	int cancel_at; /* cancel on this call (1-based); 0 = never */
	int per_stage[3]; /* communities, bubbles, controversy */
	double last;
	bool monotonic;
} progress_log;

static int on_progress(double fraction, const char *stage, void *user)
{
	progress_log *log = user;
	static const char *const stages[] = { "communities", "bubbles", "controversy" };
	log->calls++;
	int k = -1;
	for (int i = 0; i < 3; i++)
		if (strcmp(stage, stages[i]) == 0)
			k = i;
	ck_assert_msg(k >= 0, "unknown stage %s", stage);
	if (k > 0) {
		if (log->per_stage[k] == 0)
			log->last = 0;
		if (fraction < log->last)
			log->monotonic = false;
		log->last = fraction;
	}
	log->per_stage[k]++;
	return log->cancel_at && log->calls >= log->cancel_at;
}

static sm_network *sided_planted(void)
{
	int32_t truth[CLUSTERS * PER_CLUSTER];
	sm_network *net = planted(11, truth);
	for (int i = 0; i < CLUSTERS * PER_CLUSTER; i++) {
		sm_value v = sm_value_string(i < 120 ? "left" : "right");
		sm_value s = sm_value_number((double)(i % 7) - 3);
		sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, "camp", &v));
		sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, "leaning", &s));
	}
	return net;
}

START_TEST(progress_reported)
{
	sm_network *net = sided_planted();
	progress_log log = { 0, 0, { 0, 0, 0 }, 0.0, true };
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.sides = "camp";
	o.progress = on_progress;
	o.progress_user = &log;
	sm_bubbles_result *r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	ck_assert_int_ge(log.per_stage[1], 10);
	ck_assert_int_le(log.per_stage[1], 110);
	ck_assert_int_ge(log.per_stage[2], 2);
	ck_assert_int_le(log.per_stage[2], 110);
	ck_assert(log.monotonic);
	ck_assert(log.last == 1.0);
	/* Rows of P sum to 1 (every walk ends somewhere). */
	const sm_table *c = r->controversy;
	for (size_t a = 0; a < 2; a++)
		assert_near(cell_double(c, "p_left", a) + cell_double(c, "p_right", a), 1, "row");
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

START_TEST(cancelled)
{
	sm_network *net = sided_planted();
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	o.sides = "camp";
	o.stance = "leaning";
	o.progress = on_progress;
	/* Count the calls of a full run, then cancel at several points of it. */
	progress_log full = { 0, 0, { 0, 0, 0 }, 0.0, true };
	o.progress_user = &full;
	sm_bubbles_result *r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, &o));
	sm_bubbles_result_free(r);
	int at[] = { 1, 2, full.per_stage[0] + 1, full.per_stage[0] + 50, full.calls - 1,
		     full.calls };
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		progress_log log = { 0, at[k], { 0, 0, 0 }, 0.0, true };
		o.progress_user = &log;
		r = (sm_bubbles_result *)&log;
		int rc = sm_bubbles(&r, net, &o);
		ck_assert_msg(rc == SM_ECANCELLED, "cancel at %d: %d (%s)", at[k], rc,
		              sm_error_last()->message);
		ck_assert_msg(strstr(sm_error_last()->message, "cancel") != NULL, "%s",
		              sm_error_last()->message);
		ck_assert_ptr_eq(r, (sm_bubbles_result *)&log);
	}
	/* The network is untouched: a later call works. */
	r = NULL;
	sm_assert_ok(sm_bubbles(&r, net, NULL));
	ck_assert_uint_eq(sm_table_rows(r->actors), CLUSTERS * PER_CLUSTER);
	sm_bubbles_result_free(r);
	sm_network_free(net);
}
END_TEST

typedef struct bubbles_args {
	const sm_network *net;
	const sm_bubbles_options *o;
} bubbles_args;

static int bubbles_call(void *ctx, void **out)
{
	const bubbles_args *a = ctx;
	sm_bubbles_result *r = NULL;
	int rc = sm_bubbles(&r, a->net, a->o);
	*out = r;
	return rc;
}

static void bubbles_release(void *r)
{
	sm_bubbles_result_free(r);
}

static void alloc_failures(sm_network *net, const sm_bubbles_options *o)
{
	sm_assert_ok(sm_network_freeze(net));
	bubbles_args a = { net, o };
	/* many allocations were made to fail */
	ck_assert_int_gt(sm_test_alloc_failures(bubbles_call, bubbles_release, &a, 100000), 30);
}

START_TEST(allocation_failures)
{
	sm_network *net = triangles();
	sm_bubbles_options o = SM_BUBBLES_OPTIONS_INIT;
	alloc_failures(net, NULL);
	o.by = "team";
	o.diversity_of = "gender,country";
	o.stance = "stance";
	o.sides = "team";
	o.walk_top = 1;
	alloc_failures(net, &o);
	sm_network_free(net);
	net = walk_map();
	o.by = NULL;
	o.diversity_of = NULL;
	o.stance = NULL;
	o.sides = "camp";
	alloc_failures(net, &o);
	sm_network_free(net);
}
END_TEST

Suite *bubbles_suite(void)
{
	Suite *s = suite_create("bubbles");
	TCase *tc = tcase_create("figures");
	tcase_add_test(tc, options_init);
	tcase_add_test(tc, triangles_by_team);
	tcase_add_test(tc, triangles_by_leiden);
	tcase_add_test(tc, directed_is_mutual);
	tcase_add_test(tc, controversy_two_sides);
	tcase_add_test(tc, controversy_three_sides);
	suite_add_tcase(s, tc);
	tc = tcase_create("planted");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, planted_partition_flags_the_bubbles);
	tcase_add_test(tc, same_seed_same_groups);
	tcase_add_test(tc, communities_leiden);
	suite_add_tcase(s, tc);
	tc = tcase_create("bad_input");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, no_relationships);
	tcase_add_test(tc, empty_network);
	tcase_add_test(tc, bad_attributes);
	tcase_add_test(tc, bad_options);
	tcase_add_test(tc, progress_reported);
	tcase_add_test(tc, cancelled);
	tcase_add_test(tc, allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(bubbles_suite)
