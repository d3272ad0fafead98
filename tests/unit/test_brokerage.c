/*
 * Brokerage: Burt's constraint, effective size and efficiency, the
 * Gould–Fernandez roles and the participation coefficient
 * (lib/analysis/brokerage.c). Expected values of the structural-hole
 * measures come from NetworkX 2.8 (nx.constraint, nx.effective_size); the
 * roles and participation are counted by hand from the definitions in
 * docs/brokerage.md.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

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

static void set_bool(sm_network *net, const char *id, const char *name, bool b)
{
	int64_t i;
	sm_value v = sm_value_bool(b);
	sm_assert_ok(sm_network_find_actor(&i, net, id));
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, i, name, &v));
}

/* The embassy map of docs/brokerage.md: six actors, seven relationships. */
static sm_network *embassy(void)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "amb", "diplomat");
	add_actor(net, "min", "government");
	add_actor(net, "ngo1", "ngo");
	add_actor(net, "ngo2", "ngo");
	add_actor(net, "jour", "media");
	add_actor(net, "biz", "business");
	add_rel(net, "amb", "min", 0.9);
	add_rel(net, "amb", "ngo1", 0.6);
	add_rel(net, "amb", "jour", 0.5);
	add_rel(net, "min", "biz", 0.8);
	add_rel(net, "ngo1", "ngo2", 0.7);
	add_rel(net, "ngo1", "jour", 0.4);
	add_rel(net, "jour", "biz", 0.3);
	const char *sector[] = { "public", "public", "civil", "civil", "civil", "private" };
	const char *ids[] = { "amb", "min", "ngo1", "ngo2", "jour", "biz" };
	for (int i = 0; i < 6; i++)
		set_text(net, ids[i], "sector", sector[i]);
	return net;
}

/* A small directed map (values from NetworkX on the same DiGraph). g only
 * receives relationships; f has none. */
static sm_network *directed_map(void)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, true));
	const char *ids = "abcdefg";
	for (int i = 0; i < 7; i++) {
		char id[2] = { ids[i], 0 };
		add_actor(net, id, "other");
	}
	add_rel(net, "a", "b", 0.5);
	add_rel(net, "b", "a", 0.25);
	add_rel(net, "b", "c", 1.0);
	add_rel(net, "c", "d", 0.75);
	add_rel(net, "a", "c", 0.5);
	add_rel(net, "d", "b", 0.2);
	add_rel(net, "e", "a", 0.4);
	add_rel(net, "c", "g", 0.6);
	add_rel(net, "d", "g", 0.3);
	return net;
}

static void assert_close(double got, double want, const char *what, size_t row)
{
	if (isnan(want)) {
		ck_assert_msg(isnan(got), "%s[%zu] = %.17g, expected NaN", what, row, got);
		return;
	}
	ck_assert_msg(fabs(got - want) <= 1e-12 * fmax(1.0, fabs(want)),
	              "%s[%zu] = %.17g, expected %.17g", what, row, got, want);
}

static void assert_doubles(const sm_table *t, const char *col, const double *want, size_t n)
{
	size_t rows = 0;
	const double *got = sm_table_column_double(t, col, &rows);
	ck_assert_msg(got != NULL, "no double column %s", col);
	ck_assert_uint_eq(rows, n);
	for (size_t i = 0; i < n; i++)
		assert_close(got[i], want[i], col, i);
}

static void assert_counts(const sm_table *t, const char *col, const int64_t *want, size_t n)
{
	size_t rows = 0;
	const int64_t *got = sm_table_column_int64(t, col, &rows);
	ck_assert_msg(got != NULL, "no int64 column %s", col);
	ck_assert_uint_eq(rows, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(got[i] == want[i], "%s[%zu] = %lld, expected %lld", col, i,
		              (long long)got[i], (long long)want[i]);
}

static const char *const COLUMNS[] = {
	"id", "group", "constraint", "effective_size", "efficiency", "coordinator", "itinerant",
	"gatekeeper", "representative", "liaison", "brokerage", "participation"
};
#define NCOLUMNS (sizeof COLUMNS / sizeof COLUMNS[0])

static void assert_layout(const sm_table *t, size_t rows)
{
	ck_assert_uint_eq(sm_table_rows(t), rows);
	ck_assert_uint_eq(sm_table_columns(t), NCOLUMNS);
	for (size_t c = 0; c < NCOLUMNS; c++)
		ck_assert_str_eq(sm_table_column_name(t, c), COLUMNS[c]);
	ck_assert_int_eq(sm_table_column_type(t, 0), SM_COLUMN_STRING);
	ck_assert_int_eq(sm_table_column_type(t, 1), SM_COLUMN_STRING);
	for (size_t c = 2; c < 5; c++)
		ck_assert_int_eq(sm_table_column_type(t, c), SM_COLUMN_DOUBLE);
	for (size_t c = 5; c < 11; c++)
		ck_assert_int_eq(sm_table_column_type(t, c), SM_COLUMN_INT64);
	ck_assert_int_eq(sm_table_column_type(t, 11), SM_COLUMN_DOUBLE);
}

/* ---- structural holes ----------------------------------------------------- */

START_TEST(options_init)
{
	sm_brokerage_options o, m = SM_BROKERAGE_OPTIONS_INIT;
	memset(&o, 0xff, sizeof o);
	sm_brokerage_options_init(&o);
	ck_assert_uint_eq(o.version, SM_BROKERAGE_OPTIONS_VERSION);
	ck_assert_ptr_null(o.by);
	ck_assert_ptr_null(o.groups);
	ck_assert(o.weighted);
	ck_assert_int_eq(o.combine, SM_COMBINE_MAX);
	ck_assert_ptr_null(o.progress);
	ck_assert_ptr_null(o.progress_user);
	ck_assert_uint_eq(m.version, o.version);
	ck_assert(m.weighted == o.weighted && m.combine == o.combine);
}
END_TEST

START_TEST(embassy_weighted)
{
	sm_network *net = embassy();
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	assert_layout(t, 6);
	/* nx.constraint(G, weight="weight"), nx.effective_size(G, weight="weight") */
	const double c[] = { 0.452221261053441, 0.5017301038062284, 0.47760476739715507, 1.0,
		             0.5580606016916572, 0.6033057851239669 };
	const double e[] = { 2.6171428571428574, 2.0, 2.5163398692810457, 1.0,
		             2.4206349206349205, 2.0 };
	const double eff[] = { 0.8723809523809525, 1.0, 0.8387799564270152, 1.0,
		               0.8068783068783069, 1.0 };
	assert_doubles(t, "constraint", c, 6);
	assert_doubles(t, "effective_size", e, 6);
	assert_doubles(t, "efficiency", eff, 6);
	const char *const *id = sm_table_column_string(t, "id", NULL);
	const char *const *group = sm_table_column_string(t, "group", NULL);
	ck_assert_str_eq(id[0], "amb");
	ck_assert_str_eq(id[5], "biz");
	ck_assert_str_eq(group[0], "diplomat");
	ck_assert_str_eq(group[3], "ngo");
	ck_assert_str_eq(sm_table_note(t, "by"), "kind");
	ck_assert_str_eq(sm_table_note(t, "groups"), "kind");
	ck_assert_str_eq(sm_table_note(t, "weighted"), "true");
	ck_assert_str_eq(sm_table_note(t, "combine"), "max");
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(embassy_unweighted)
{
	sm_network *net = embassy();
	sm_table *t = NULL;
	sm_brokerage_options o;
	sm_brokerage_options_init(&o);
	o.weighted = false;
	sm_assert_ok(sm_brokerage(&t, net, &o));
	/* weight=None (Borgatti's formula for effective size) */
	const double c[] = { 0.5061728395061729, 0.5, 0.5061728395061729, 1.0,
		             0.5061728395061729, 0.5 };
	const double e[] = { 2.3333333333333335, 2.0, 2.3333333333333335, 1.0,
		             2.3333333333333335, 2.0 };
	const double eff[] = { 0.7777777777777778, 1.0, 0.7777777777777778, 1.0,
		               0.7777777777777778, 1.0 };
	assert_doubles(t, "constraint", c, 6);
	assert_doubles(t, "effective_size", e, 6);
	assert_doubles(t, "efficiency", eff, 6);
	/* Participation counts contacts: amb has one each of government, ngo, media. */
	const double p[] = { 2.0 / 3, 0.5, 2.0 / 3, 0.0, 2.0 / 3, 0.5 };
	assert_doubles(t, "participation", p, 6);
	ck_assert_str_eq(sm_table_note(t, "weighted"), "false");
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(directed_weighted)
{
	sm_network *net = directed_map();
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	/* NetworkX, mutual weights a_uv + a_vu over in- and out-contacts. For g,
	 * which only receives, NetworkX returns NaN (it tests out-contacts only,
	 * networkx#2661); the values here are its own formula, summed over g's
	 * contacts (local_constraint / redundancy). */
	const double c[] = { 0.6607827271162091, 0.7589995090034478, 0.5311147270369581,
		             0.980527369914457, 1.0, NAN, 1.0099599876885197 };
	const double e[] = { 2.242424242424242, 1.876068376068376, 3.155555555555556, 1.496,
		             1.0, NAN, 1.0833333333333333 };
	/* efficiency = effective size / number of distinct contacts */
	const double eff[] = { 0.7474747474747474, 0.6253561253561254, 0.788888888888889,
		               0.49866666666666665, 1.0, NAN, 0.5416666666666666 };
	assert_doubles(t, "constraint", c, 7);
	assert_doubles(t, "effective_size", e, 7);
	assert_doubles(t, "efficiency", eff, 7);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(directed_unweighted)
{
	sm_network *net = directed_map();
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.weighted = false;
	sm_assert_ok(sm_brokerage(&t, net, &o));
	const double c[] = { 0.51953125, 0.6241319444444444, 0.6532118055555556,
		             0.6874999999999998, 1.0, NAN, 0.8350694444444444 };
	const double e[] = { 2.375, 1.875, 2.625, 1.8333333333333335, 1.0, NAN, 1.0 };
	const double eff[] = { 0.7916666666666666, 0.625, 0.65625, 0.6111111111111112, 1.0, NAN,
		               0.5 };
	assert_doubles(t, "constraint", c, 7);
	assert_doubles(t, "effective_size", e, 7);
	assert_doubles(t, "efficiency", eff, 7);
	/* Participation over in + out relationships (a reciprocated pair counts
	 * twice): every actor is "other", so 0 everywhere. */
	const double p[] = { 0, 0, 0, 0, 0, 0, 0 };
	assert_doubles(t, "participation", p, 7);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(multi_relationships_combined)
{
	/* a–b twice (0.2 and 0.6), b–c 0.5, a–c 0.4. With max: a–b = 0.6; with
	 * sum: 0.8; with mean: 0.4. Constraint of a = (p_ab + p_ac p_cb)² +
	 * (p_ac + p_ab p_bc)². */
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "a", NULL);
	add_actor(net, "b", NULL);
	add_actor(net, "c", NULL);
	add_rel(net, "a", "b", 0.2);
	add_rel(net, "a", "b", 0.6);
	add_rel(net, "b", "c", 0.5);
	add_rel(net, "a", "c", 0.4);
	sm_combine rules[] = { SM_COMBINE_MAX, SM_COMBINE_SUM, SM_COMBINE_MEAN };
	double ab[] = { 0.6, 0.8, 0.4 };
	const char *names[] = { "max", "sum", "mean" };
	for (int k = 0; k < 3; k++) {
		sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
		o.combine = rules[k];
		sm_table *t = NULL;
		sm_assert_ok(sm_brokerage(&t, net, &o));
		double wab = ab[k], wac = 0.4, wbc = 0.5;
		double pab = wab / (wab + wac), pac = wac / (wab + wac);
		double pcb = wbc / (wac + wbc), pbc = wbc / (wab + wbc);
		double want = pow(pab + pac * pcb, 2) + pow(pac + pab * pbc, 2);
		const double *c = sm_table_column_double(t, "constraint", NULL);
		assert_close(c[0], want, "constraint", 0);
		ck_assert_str_eq(sm_table_note(t, "combine"), names[k]);
		sm_table_free(t);
	}
	sm_network_free(net);
}
END_TEST

/* ---- roles ------------------------------------------------------------- */

START_TEST(embassy_roles_by_kind)
{
	sm_network *net = embassy();
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	/* Every kind differs except ngo1/ngo2. Open two-paths (both ways):
	 * amb: min–amb–ngo1, min–amb–jour → liaison ×4;
	 * ngo1: ngo2–ngo1–amb, ngo2–ngo1–jour → gatekeeper 2 (x→ngo1→ngo2),
	 *       representative 2 (ngo2→ngo1→x); jour: amb–jour–biz,
	 *       ngo1–jour–biz → liaison ×4; min: amb–min–biz; biz: min–biz–jour. */
	const int64_t zero[] = { 0, 0, 0, 0, 0, 0 };
	const int64_t gate[] = { 0, 0, 2, 0, 0, 0 };
	const int64_t liaison[] = { 4, 2, 0, 0, 4, 2 };
	const int64_t total[] = { 4, 2, 4, 0, 4, 2 };
	assert_counts(t, "coordinator", zero, 6);
	assert_counts(t, "itinerant", zero, 6);
	assert_counts(t, "gatekeeper", gate, 6);
	assert_counts(t, "representative", gate, 6);
	assert_counts(t, "liaison", liaison, 6);
	assert_counts(t, "brokerage", total, 6);
	/* Weighted participation over kinds (Python reference). */
	const double p[] = { 0.645, 0.4982698961937716, 0.6505190311418685, 0.0,
		             0.6527777777777777, 0.39669421487603307 };
	assert_doubles(t, "participation", p, 6);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(embassy_roles_by_sector)
{
	sm_network *net = embassy();
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.by = "sector";
	sm_assert_ok(sm_brokerage(&t, net, &o));
	const int64_t coord[] = { 0, 0, 2, 0, 0, 0 };
	const int64_t itin[] = { 0, 0, 0, 0, 0, 0 };
	const int64_t gate[] = { 2, 1, 1, 0, 1, 0 };
	const int64_t liaison[] = { 0, 0, 0, 0, 2, 2 };
	const int64_t total[] = { 4, 2, 4, 0, 4, 2 };
	assert_counts(t, "coordinator", coord, 6);
	assert_counts(t, "itinerant", itin, 6);
	assert_counts(t, "gatekeeper", gate, 6);
	assert_counts(t, "representative", gate, 6);
	assert_counts(t, "liaison", liaison, 6);
	assert_counts(t, "brokerage", total, 6);
	const char *const *group = sm_table_column_string(t, "group", NULL);
	ck_assert_str_eq(group[0], "public");
	ck_assert_str_eq(group[5], "private");
	/* groups defaults to by */
	const double p[] = { 0.4949999999999999, 0.4982698961937716, 0.45674740484429044, 0.0,
		             0.6527777777777777, 0.39669421487603307 };
	assert_doubles(t, "participation", p, 6);
	ck_assert_str_eq(sm_table_note(t, "groups"), "sector");
	sm_table_free(t);

	/* roles by kind, participation by sector */
	o.by = NULL;
	o.groups = "sector";
	sm_assert_ok(sm_brokerage(&t, net, &o));
	assert_doubles(t, "participation", p, 6);
	const int64_t liaison_kind[] = { 4, 2, 0, 0, 4, 2 };
	assert_counts(t, "liaison", liaison_kind, 6);
	ck_assert_str_eq(sm_table_note(t, "by"), "kind");
	ck_assert_str_eq(sm_table_note(t, "groups"), "sector");
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

/* A path x–y–z with y in another group than x: each undirected open
 * two-path counts both ways. */
START_TEST(undirected_counts_both_ways)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "x", "ngo");
	add_actor(net, "y", "media");
	add_actor(net, "z", "media");
	add_rel(net, "x", "y", 1);
	add_rel(net, "y", "z", 1);
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	/* x→y→z: y, z same, x different → gatekeeper; z→y→x → representative. */
	const int64_t one[] = { 0, 1, 0 }, zero[] = { 0, 0, 0 }, two[] = { 0, 2, 0 };
	assert_counts(t, "gatekeeper", one, 3);
	assert_counts(t, "representative", one, 3);
	assert_counts(t, "coordinator", zero, 3);
	assert_counts(t, "itinerant", zero, 3);
	assert_counts(t, "liaison", zero, 3);
	assert_counts(t, "brokerage", two, 3);
	sm_table_free(t);

	/* Closing the triangle leaves no open two-path. */
	add_rel(net, "x", "z", 0.5);
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	assert_counts(t, "brokerage", zero, 3);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(directed_roles_follow_direction)
{
	/* a→b→c with c→a (but no a→c): open, counted. a↔b gives no a→b→a.
	 * d→b→c with d→c: closed. b→e: a→b→e, d→b→e open. */
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, true));
	add_actor(net, "a", "ngo");
	add_actor(net, "b", "media");
	add_actor(net, "c", "ngo");
	add_actor(net, "d", "business");
	add_actor(net, "e", "media");
	add_rel(net, "a", "b", 1);
	add_rel(net, "b", "a", 1);
	add_rel(net, "b", "c", 1);
	add_rel(net, "c", "a", 1);
	add_rel(net, "d", "b", 1);
	add_rel(net, "d", "c", 1);
	add_rel(net, "b", "e", 1);
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	/* Two-paths through b: a→b→c (ngo, media, ngo: itinerant), a→b→e (ngo,
	 * media, media: gatekeeper), d→b→a (business, media, ngo: liaison),
	 * d→b→e (gatekeeper); d→b→c closed by d→c.
	 * Through a: b→a→b (not distinct), c→a→b (ngo, ngo, media:
	 * representative). Through c: b→c→a closed by b→a; d→c→a (business,
	 * ngo, ngo: gatekeeper). */
	const int64_t coord[] = { 0, 0, 0, 0, 0 };
	const int64_t itin[] = { 0, 1, 0, 0, 0 };
	const int64_t gate[] = { 0, 2, 1, 0, 0 };
	const int64_t rep[] = { 1, 0, 0, 0, 0 };
	const int64_t liaison[] = { 0, 1, 0, 0, 0 };
	const int64_t total[] = { 1, 4, 1, 0, 0 };
	assert_counts(t, "coordinator", coord, 5);
	assert_counts(t, "itinerant", itin, 5);
	assert_counts(t, "gatekeeper", gate, 5);
	assert_counts(t, "representative", rep, 5);
	assert_counts(t, "liaison", liaison, 5);
	assert_counts(t, "brokerage", total, 5);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(missing_values_form_a_group)
{
	sm_network *net = embassy();
	/* region only for amb and ngo1; the others are "(none)". */
	set_text(net, "amb", "region", "capital");
	set_text(net, "ngo1", "region", "north");
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.by = "region";
	sm_assert_ok(sm_brokerage(&t, net, &o));
	const char *const *group = sm_table_column_string(t, "group", NULL);
	ck_assert_str_eq(group[0], "capital");
	ck_assert_str_eq(group[1], "(none)");
	ck_assert_str_eq(group[2], "north");
	ck_assert_str_eq(group[5], "(none)");
	/* min–amb–jour: (none), capital, (none) → itinerant ×2;
	 * min–amb–ngo1: (none), capital, north → liaison ×2. */
	const int64_t *itin = sm_table_column_int64(t, "itinerant", NULL);
	const int64_t *liaison = sm_table_column_int64(t, "liaison", NULL);
	ck_assert_int_eq(itin[0], 2);
	ck_assert_int_eq(liaison[0], 2);
	/* min–biz–jour: (none) all three → coordinator ×2 for biz; amb–min–biz:
	 * capital, (none), (none) → gatekeeper and representative for min. */
	const int64_t *coord = sm_table_column_int64(t, "coordinator", NULL);
	const int64_t *gate = sm_table_column_int64(t, "gatekeeper", NULL);
	const int64_t *rep = sm_table_column_int64(t, "representative", NULL);
	ck_assert_int_eq(coord[5], 2);
	ck_assert_int_eq(coord[1], 0);
	ck_assert_int_eq(gate[1], 1);
	ck_assert_int_eq(rep[1], 1);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(boolean_and_label_attributes)
{
	sm_network *net = embassy();
	const char *ids[] = { "amb", "min", "ngo1", "ngo2", "jour", "biz" };
	for (int i = 0; i < 6; i++)
		set_bool(net, ids[i], "official", i < 2);
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.by = "official";
	sm_assert_ok(sm_brokerage(&t, net, &o));
	const char *const *group = sm_table_column_string(t, "group", NULL);
	ck_assert_str_eq(group[0], "true");
	ck_assert_str_eq(group[2], "false");
	/* amb (true) between min (true) and ngo1, jour (false): 2 gatekeeper
	 * (false→amb→min), 2 representative (min→amb→false). */
	const int64_t *gate = sm_table_column_int64(t, "gatekeeper", NULL);
	const int64_t *rep = sm_table_column_int64(t, "representative", NULL);
	ck_assert_int_eq(gate[0], 2);
	ck_assert_int_eq(rep[0], 2);
	sm_table_free(t);

	/* label: no labels were given, so every actor is "(none)": coordinators */
	o.by = "label";
	sm_assert_ok(sm_brokerage(&t, net, &o));
	const int64_t all[] = { 4, 2, 4, 0, 4, 2 };
	assert_counts(t, "coordinator", all, 6);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(one_value_means_coordinators)
{
	sm_network *net = embassy();
	const char *ids[] = { "amb", "min", "ngo1", "ngo2", "jour", "biz" };
	for (int i = 0; i < 6; i++)
		set_text(net, ids[i], "country", "Ruritania");
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.by = "country";
	sm_assert_ok(sm_brokerage(&t, net, &o));
	const int64_t total[] = { 4, 2, 4, 0, 4, 2 }, zero[] = { 0, 0, 0, 0, 0, 0 };
	assert_counts(t, "coordinator", total, 6);
	assert_counts(t, "brokerage", total, 6);
	assert_counts(t, "itinerant", zero, 6);
	assert_counts(t, "gatekeeper", zero, 6);
	assert_counts(t, "representative", zero, 6);
	assert_counts(t, "liaison", zero, 6);
	const double p0[] = { 0, 0, 0, 0, 0, 0 };
	assert_doubles(t, "participation", p0, 6);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

/* ---- edge cases and bad input ------------------------------------------- */

START_TEST(no_relationships)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	add_actor(net, "a", "ngo");
	add_actor(net, "b", "media");
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	assert_layout(t, 2);
	const double nan2[] = { NAN, NAN }, zero2[] = { 0, 0 };
	const int64_t none[] = { 0, 0 };
	assert_doubles(t, "constraint", nan2, 2);
	assert_doubles(t, "effective_size", nan2, 2);
	assert_doubles(t, "efficiency", nan2, 2);
	assert_doubles(t, "participation", zero2, 2);
	assert_counts(t, "brokerage", none, 2);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(empty_network)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, true));
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	assert_layout(t, 0);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(unknown_attribute)
{
	sm_network *net = embassy();
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.by = "gender";
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_ENOTFOUND, "by: no actor attribute \"gender\"");
	ck_assert_ptr_null(t);
	o.by = NULL;
	o.groups = "community";
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_ENOTFOUND,
	                "groups: no actor attribute \"community\"");
	ck_assert_ptr_null(t);
	/* A relationship attribute is not an actor attribute. */
	sm_value v = sm_value_string("formal");
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, 0, "channel", &v));
	o.groups = NULL;
	o.by = "channel";
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_ENOTFOUND, "\"channel\"");
	ck_assert_ptr_null(t);
	sm_network_free(net);
}
END_TEST

START_TEST(numeric_attribute)
{
	sm_network *net = embassy();
	set_number(net, "amb", "age", 52);
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.by = "age";
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_EINVAL, "needs a categorical attribute");
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_EINVAL, "by: attribute \"age\" holds numbers");
	ck_assert_ptr_null(t);
	o.by = "sector";
	o.groups = "age";
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_EINVAL,
	                "groups: attribute \"age\" holds numbers, but the participation "
	                "coefficient needs a categorical attribute");
	ck_assert_ptr_null(t);
	sm_network_free(net);
}
END_TEST

START_TEST(bad_options)
{
	sm_network *net = embassy();
	sm_table *t = NULL;
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.version = 99;
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_EINVAL,
	                "brokerage options version 99 is not 1");
	ck_assert_ptr_null(t);
	o.version = SM_BROKERAGE_OPTIONS_VERSION;
	o.combine = (sm_combine)7;
	sm_assert_fails(sm_brokerage(&t, net, &o), SM_EINVAL, "unknown rule 7");
	ck_assert_ptr_null(t);
	sm_assert_fails(sm_brokerage(NULL, net, NULL), SM_EINVAL, "out is NULL");
	sm_assert_fails(sm_brokerage(&t, NULL, NULL), SM_EINVAL, "net is NULL");
	ck_assert_ptr_null(t);
	sm_network_free(net);
}
END_TEST

/* ---- progress, cancellation, allocation failure -------------------------- */

typedef struct progress_log {
	int calls;
	int cancel_at; /* cancel on this call (1-based); 0 = never */
	double last;
	bool monotonic;
	bool stage_ok;
} progress_log;

static int on_progress(double fraction, const char *stage, void *user)
{
	progress_log *log = user;
	log->calls++;
	if (fraction < log->last)
		log->monotonic = false;
	log->last = fraction;
	if (!stage || strcmp(stage, "brokerage") != 0)
		log->stage_ok = false;
	return log->cancel_at && log->calls >= log->cancel_at;
}

/* A ring of 300 actors with chords: enough steps for many progress calls. */
static sm_network *ring(void)
{
	sm_network *net;
	char id[16];
	sm_assert_ok(sm_network_new(&net, false));
	for (int i = 0; i < 300; i++) {
		snprintf(id, sizeof id, "v%d", i);
		add_actor(net, id, i % 3 ? "ngo" : "media");
	}
	for (int64_t i = 0; i < 300; i++) {
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, i, (i + 1) % 300, 0.5, NULL));
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, i, (i + 7) % 300, 0.25, NULL));
	}
	return net;
}

START_TEST(progress_reported)
{
	sm_network *net = ring();
	progress_log log = { 0, 0, 0.0, true, true };
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.progress = on_progress;
	o.progress_user = &log;
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, &o));
	ck_assert_int_ge(log.calls, 10);
	ck_assert_int_le(log.calls, 110);
	ck_assert(log.monotonic);
	ck_assert(log.stage_ok);
	ck_assert(log.last == 1.0);
	/* Each actor of the ring: 4 contacts, none tied to another → 12 open
	 * two-paths through it (4·3 ordered pairs). */
	const int64_t *total = sm_table_column_int64(t, "brokerage", NULL);
	for (int i = 0; i < 300; i++)
		ck_assert_int_eq(total[i], 12);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

START_TEST(cancelled)
{
	sm_network *net = ring();
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	o.progress = on_progress;
	int at[] = { 1, 2, 30, 60, 90 };
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		progress_log log = { 0, at[k], 0.0, true, true };
		o.progress_user = &log;
		sm_table *t = (sm_table *)&log; /* must stay as it is */
		sm_assert_fails(sm_brokerage(&t, net, &o), SM_ECANCELLED, "brokerage: cancelled");
		ck_assert_ptr_eq(t, (sm_table *)&log);
		ck_assert_int_eq(log.calls, at[k]);
	}
	/* The network is untouched: a later call works. */
	sm_table *t = NULL;
	sm_assert_ok(sm_brokerage(&t, net, NULL));
	ck_assert_uint_eq(sm_table_rows(t), 300);
	sm_table_free(t);
	sm_network_free(net);
}
END_TEST

typedef struct brokerage_args {
	const sm_network *net;
	const sm_brokerage_options *o;
} brokerage_args;

static int brokerage_call(void *ctx, void **out)
{
	const brokerage_args *a = ctx;
	sm_table *t = NULL;
	int rc = sm_brokerage(&t, a->net, a->o);
	*out = t;
	return rc;
}

static void table_release(void *t)
{
	sm_table_free(t);
}

static void alloc_failures(sm_network *net, const sm_brokerage_options *o)
{
	sm_assert_ok(sm_network_freeze(net));
	brokerage_args a = { net, o };
	/* many allocations were made to fail */
	ck_assert_int_gt(sm_test_alloc_failures(brokerage_call, table_release, &a, 10000), 20);
}

START_TEST(allocation_failures)
{
	sm_network *net = embassy();
	sm_brokerage_options o = SM_BROKERAGE_OPTIONS_INIT;
	alloc_failures(net, NULL);
	o.by = "sector";
	o.groups = "kind";
	alloc_failures(net, &o);
	sm_network_free(net);
	net = directed_map();
	alloc_failures(net, NULL);
	sm_network_free(net);
}
END_TEST

Suite *brokerage_suite(void)
{
	Suite *s = suite_create("brokerage");
	TCase *tc = tcase_create("structural_holes");
	tcase_add_test(tc, options_init);
	tcase_add_test(tc, embassy_weighted);
	tcase_add_test(tc, embassy_unweighted);
	tcase_add_test(tc, directed_weighted);
	tcase_add_test(tc, directed_unweighted);
	tcase_add_test(tc, multi_relationships_combined);
	suite_add_tcase(s, tc);
	tc = tcase_create("roles");
	tcase_add_test(tc, embassy_roles_by_kind);
	tcase_add_test(tc, embassy_roles_by_sector);
	tcase_add_test(tc, undirected_counts_both_ways);
	tcase_add_test(tc, directed_roles_follow_direction);
	tcase_add_test(tc, missing_values_form_a_group);
	tcase_add_test(tc, boolean_and_label_attributes);
	tcase_add_test(tc, one_value_means_coordinators);
	suite_add_tcase(s, tc);
	tc = tcase_create("bad_input");
	tcase_add_test(tc, no_relationships);
	tcase_add_test(tc, empty_network);
	tcase_add_test(tc, unknown_attribute);
	tcase_add_test(tc, numeric_attribute);
	tcase_add_test(tc, bad_options);
	tcase_add_test(tc, progress_reported);
	tcase_add_test(tc, cancelled);
	tcase_add_test(tc, allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(brokerage_suite)
