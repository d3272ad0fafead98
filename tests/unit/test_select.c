/*
 * Unit tests: selections (the expression language), subgraphs, ego networks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

/*
 * The test map (undirected):
 *
 *   idx id    label              kind       gender age  region     active `home town`
 *   0   amb   Ambassador Adeyemi diplomat   f      52   capital    true   Paris
 *   1   wf    Women Forum        ngo        f      34   periphery  true   -
 *   2   yn    (none)             ngo        m      -    periphery  false  -
 *   3   dc    Diaspora Council   diaspora   f      28   abroad     -      It's here
 *   4   tc    Trade Corp         business   m      45   capital    true   -
 *   5   rx    Radio X            media      -      19   periphery  false  -
 *   6   un    UN Office          multilateral x    61   -          -      -
 *
 * Relationships: amb–wf, amb–tc, amb–un, wf–yn, wf–dc, yn–rx, dc–rx, tc–un.
 */
static sm_network *net;

typedef struct actor_row {
	const char *id, *label, *kind, *gender;
	double age; /* < 0: missing */
	const char *region;
	int active; /* -1 missing */
	const char *town;
} actor_row;

static const actor_row rows[] = {
	{"amb", "Ambassador Adeyemi", "diplomat", "f", 52, "capital", 1, "Paris"},
	{"wf", "Women Forum", "ngo", "f", 34, "periphery", 1, NULL},
	{"yn", NULL, "ngo", "m", -1, "periphery", 0, NULL},
	{"dc", "Diaspora Council", "diaspora", "f", 28, "abroad", -1, "It's here"},
	{"tc", "Trade Corp", "business", "m", 45, "capital", 1, NULL},
	{"rx", "Radio X", "media", NULL, 19, "periphery", 0, NULL},
	{"un", "UN Office", "multilateral", "x", 61, NULL, -1, NULL},
};
#define N_ACTORS 7

static const char *const rels[][2] = {
	{"amb", "wf"}, {"amb", "tc"}, {"amb", "un"}, {"wf", "yn"},
	{"wf", "dc"},  {"yn", "rx"},  {"dc", "rx"},  {"tc", "un"},
};

static sm_network *build(bool directed)
{
	sm_network *g = NULL;
	sm_assert_ok(sm_network_new(&g, directed));
	for (int64_t i = 0; i < N_ACTORS; i++) {
		const actor_row *r = &rows[i];
		int64_t idx = -1;
		sm_assert_ok(sm_network_add_actor(&idx, g, r->id, r->label, r->kind));
		ck_assert_int_eq(idx, i);
		sm_value v;
		if (r->gender) {
			v = sm_value_string(r->gender);
			sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, i, "gender", &v));
		}
		if (r->age >= 0) {
			v = sm_value_number(r->age);
			sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, i, "age", &v));
		}
		if (r->region) {
			v = sm_value_string(r->region);
			sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, i, "region", &v));
		}
		if (r->active >= 0) {
			v = sm_value_bool(r->active == 1);
			sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, i, "active", &v));
		}
		if (r->town) {
			v = sm_value_string(r->town);
			sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, i, "home town", &v));
		}
	}
	/* A number attribute with negative values, and one whose only value was removed. */
	sm_value s = sm_value_number(-2.5);
	sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, 4, "stance", &s));
	s = sm_value_number(0.75);
	sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, 1, "stance", &s));
	s = sm_value_string("gone");
	sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, 0, "removed", &s));
	s = sm_value_null();
	sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, 0, "removed", &s));
	for (size_t k = 0; k < sizeof(rels) / sizeof(rels[0]); k++)
		sm_assert_ok(sm_network_add_relationship(NULL, g, rels[k][0], rels[k][1],
		                                         0.5 + 0.05 * (double)k, "formal"));
	return g;
}

static void setup(void)
{
	net = build(false);
}

static void teardown(void)
{
	sm_network_free(net);
	net = NULL;
}

/* The ids selected by `expr`, space-separated, in index order. */
static char *ids_of(const sm_network *g, const sm_selection *sel)
{
	static char buf[512];
	size_t n = 0, o = 0;
	const int64_t *idx = sm_selection_indices(sel, &n);
	buf[0] = '\0';
	ck_assert_int_eq((int64_t)n, sm_selection_count(sel));
	for (size_t k = 0; k < n; k++) {
		if (k > 0)
			ck_assert_int_lt(idx[k - 1], idx[k]);
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", k ? " " : "",
		                      sm_network_actor_id(g, idx[k]));
	}
	return buf;
}

#define assert_selects(expr, expected)                                                   \
	do {                                                                                 \
		sm_selection *sel_ = NULL;                                                       \
		sm_assert_ok(sm_select(&sel_, net, (expr)));                                     \
		ck_assert_str_eq(ids_of(net, sel_), (expected));                                 \
		sm_selection_free(sel_);                                                         \
	} while (0)

#define assert_select_error(expr, code, col, needle)                                     \
	do {                                                                                 \
		sm_selection *sel_ = NULL;                                                       \
		sm_assert_fails(sm_select(&sel_, net, (expr)), (code), (needle));                \
		ck_assert_ptr_null(sel_);                                                        \
		ck_assert_int_eq(sm_error_last()->column, (col));                                \
		ck_assert_ptr_null(sm_error_last()->file);                                       \
	} while (0)

/* ---- the language -------------------------------------------------------- */

START_TEST(test_text_operators)
{
	assert_selects("kind = ngo", "wf yn");
	assert_selects("kind = 'ngo'", "wf yn");
	assert_selects("kind = \"ngo\"", "wf yn");
	assert_selects("kind != ngo", "amb dc tc rx un");
	assert_selects("id = amb", "amb");
	assert_selects("id < 'dc'", "amb");
	assert_selects("id <= 'dc'", "amb dc");
	assert_selects("id > 'tc'", "wf yn un");
	assert_selects("id >= 'tc'", "wf yn tc un");
	assert_selects("label = 'Radio X'", "rx");
	/* Bytewise: upper case sorts before lower case. */
	assert_selects("label < 'W'", "amb dc tc rx un");
	assert_selects("label >= 'a'", "");
	/* Missing values never compare: rx has no gender, un no region. */
	assert_selects("gender != f", "yn tc un");
	assert_selects("region != periphery", "amb dc tc");
	assert_selects("kind = diplomat_for_hire", "");
	assert_selects("`home town` = 'It''s here'", "dc");
	assert_selects("`home town` = \"It's here\"", "dc");
}
END_TEST

START_TEST(test_number_operators)
{
	assert_selects("age = 34", "wf");
	assert_selects("age = 34.0", "wf");
	assert_selects("age = 3.4e1", "wf");
	assert_selects("age != 34", "amb dc tc rx un");
	assert_selects("age < 34", "dc rx");
	assert_selects("age <= 34", "wf dc rx");
	assert_selects("age > 45", "amb un");
	assert_selects("age >= 45", "amb tc un");
	assert_selects("age>=45", "amb tc un");
	assert_selects("stance < 0", "tc");
	assert_selects("stance > -3", "wf tc");
	assert_selects("stance = -2.5", "tc");
	assert_selects("stance >= -.5", "wf");
	assert_selects("stance < +1", "wf tc");
	/* Numbers compare numerically, not as text ("100" < "34" as text). */
	assert_selects("age < 100", "amb wf dc tc rx un");
}
END_TEST

START_TEST(test_bool_operators)
{
	assert_selects("active = true", "amb wf tc");
	assert_selects("active = TRUE", "amb wf tc");
	assert_selects("active = false", "yn rx");
	assert_selects("active != false", "amb wf tc");
	assert_selects("active != true", "yn rx");
	assert_selects("active in (true, false)", "amb wf yn tc rx");
}
END_TEST

START_TEST(test_keywords_case_insensitive)
{
	assert_selects("kind IN (ngo) AND NOT gender = m", "wf");
	assert_selects("kind In (ngo) Or kind = media", "wf yn rx");
	assert_selects("kind = ngo anD Not region Is NulL", "wf yn");
}
END_TEST

START_TEST(test_precedence)
{
	/* and binds tighter than or. */
	assert_selects("kind = diplomat or kind = ngo and gender = m", "amb yn");
	assert_selects("(kind = diplomat or kind = ngo) and gender = m", "yn");
	assert_selects("gender = m and kind = ngo or kind = diplomat", "amb yn");
	/* not binds tighter than and. */
	assert_selects("not kind = ngo and region = periphery", "rx");
	assert_selects("not (kind = ngo and region = periphery)", "amb dc tc rx un");
	assert_selects("not not kind = ngo", "wf yn");
	/* not of a comparison with a missing value is true. */
	assert_selects("not gender = f", "yn tc rx un");
	assert_selects("((((kind = media))))", "rx");
	assert_selects("kind = ngo or kind = media or kind = diaspora or id = un",
	               "wf yn dc rx un");
	assert_selects("age > 20 and age < 50 and gender = f", "wf dc");
	/* The examples of docs/selections.md. */
	assert_selects("kind in (ngo, diaspora) and gender = 'f'", "wf dc");
	assert_selects("region = 'periphery' and not kind = diplomat", "wf yn rx");
}
END_TEST

START_TEST(test_in_lists)
{
	assert_selects("kind in (ngo, 'diaspora', \"media\")", "wf yn dc rx");
	assert_selects("kind in (ngo)", "wf yn");
	assert_selects("kind in (ngo, ngo, 'ngo')", "wf yn");
	assert_selects("kind not in (ngo, diaspora)", "amb tc rx un");
	assert_selects("kind NOT IN (ngo,diaspora)", "amb tc rx un");
	assert_selects("age in (34, 28.0, 1e3, 34)", "wf dc");
	assert_selects("age in (-1, 19)", "rx");
	/* Missing values are neither in nor not in a list. */
	assert_selects("age not in (34, 28)", "amb tc rx un");
	assert_selects("gender not in (f)", "yn tc un");
	assert_selects("id in (un, amb, zz)", "amb un");
	/* Many values: searched, not scanned. */
	char expr[4096];
	size_t o = (size_t)snprintf(expr, sizeof(expr), "id in (");
	for (int k = 0; k < 300; k++)
		o += (size_t)snprintf(expr + o, sizeof(expr) - o, "x%d, ", k);
	snprintf(expr + o, sizeof(expr) - o, "rx, tc)");
	assert_selects(expr, "tc rx");
}
END_TEST

START_TEST(test_null_handling)
{
	assert_selects("age is null", "yn");
	assert_selects("age IS NOT NULL", "amb wf dc tc rx un");
	assert_selects("gender is null", "rx");
	assert_selects("region is null or active is null", "dc un");
	assert_selects("`home town` is not null", "amb dc");
	/* An actor without a label has a missing label. */
	assert_selects("label is null", "yn");
	assert_selects("label = ''", "");
	/* Ids and kinds are never missing. */
	assert_selects("id is null", "");
	assert_selects("kind is not null", "amb wf yn dc tc rx un");
	/* An attribute whose values were all removed: declared, every value missing. */
	assert_selects("removed is null", "amb wf yn dc tc rx un");
	assert_selects("removed = gone", "");
}
END_TEST

START_TEST(test_whitespace_and_utf8)
{
	assert_selects("  kind\t=\n'ngo'\r\n ", "wf yn");
	sm_network *g = NULL;
	sm_assert_ok(sm_network_new(&g, false));
	sm_assert_ok(sm_network_add_actor(NULL, g, "a", "Région Île", "ngo"));
	sm_assert_ok(sm_network_add_actor(NULL, g, "b", "Zoë", "ngo"));
	sm_value v = sm_value_string("périphérie");
	sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, 0, "région", &v));
	sm_selection *sel = NULL;
	sm_assert_ok(sm_select(&sel, g, "région = périphérie"));
	ck_assert_str_eq(ids_of(g, sel), "a");
	sm_selection_free(sel);
	sel = NULL;
	sm_assert_ok(sm_select(&sel, g, "label = 'Zoë' or label = \"Région Île\""));
	ck_assert_str_eq(ids_of(g, sel), "a b");
	sm_selection_free(sel);
	/* Field names that need backticks: spaces, a backtick (doubled), a keyword. */
	v = sm_value_number(1);
	sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, 1, "odd`name", &v));
	sm_assert_ok(sm_network_set_attr(g, SM_ACTOR, 0, "in", &v));
	sel = NULL;
	sm_assert_ok(sm_select(&sel, g, "`odd``name` = 1"));
	ck_assert_str_eq(ids_of(g, sel), "b");
	sm_selection_free(sel);
	sel = NULL;
	sm_assert_ok(sm_select(&sel, g, "`in` is not null"));
	ck_assert_str_eq(ids_of(g, sel), "a");
	sm_selection_free(sel);
	sm_assert_fails(sm_select(&sel, g, "in = 1"), SM_EPARSE,
	                "column 1: expected a field name, found the keyword \"in\" (write `in`");
	sm_assert_fails(sm_select(&sel, g, "odd = 1"), SM_ENOTFOUND,
	                "the fields are id, label, kind, région, `odd``name`, `in`");
	sm_network_free(g);
}
END_TEST

START_TEST(test_long_chains)
{
	/* A long or-chain is one n-ary node: no deep recursion. */
	size_t cap = 20 * 3000 + 32;
	char *expr = malloc(cap);
	ck_assert_ptr_nonnull(expr);
	size_t o = 0;
	for (int k = 0; k < 3000; k++)
		o += (size_t)snprintf(expr + o, cap - o, "%sid = x%d", k ? " or " : "", k);
	snprintf(expr + o, cap - o, " or id = dc");
	assert_selects(expr, "dc");
	free(expr);

	/* 256 levels of nesting are accepted, 257 are not. */
	char deep[2048];
	o = 0;
	for (int k = 0; k < 256; k++)
		deep[o++] = '(';
	o += (size_t)sprintf(deep + o, "id = un");
	for (int k = 0; k < 256; k++)
		deep[o++] = ')';
	deep[o] = '\0';
	assert_selects(deep, "un");
	o = 0;
	for (int k = 0; k < 256; k++)
		o += (size_t)sprintf(deep + o, "not ");
	sprintf(deep + o, "id = un");
	assert_selects(deep, "un");
}
END_TEST

START_TEST(test_length_limit)
{
	/* Exactly SM_MAX_EXPRESSION_BYTES is accepted; one more byte is not. */
	size_t n = SM_MAX_EXPRESSION_BYTES;
	char *expr = malloc(n + 2);
	ck_assert_ptr_nonnull(expr);
	memcpy(expr, "id = '", 6);
	memset(expr + 6, 'a', n - 7);
	expr[n - 1] = '\'';
	expr[n] = '\0';
	ck_assert_uint_eq(strlen(expr), SM_MAX_EXPRESSION_BYTES);
	assert_selects(expr, "");
	expr[n - 1] = 'a';
	expr[n] = '\'';
	expr[n + 1] = '\0';
	sm_selection *sel = NULL;
	sm_assert_fails(sm_select(&sel, net, expr), SM_ELIMIT, "longer than 65536 bytes");
	ck_assert_ptr_null(sel);
	free(expr);
}
END_TEST

/* ---- errors --------------------------------------------------------------- */

START_TEST(test_syntax_errors)
{
	assert_select_error(
	        "kind = ", SM_EPARSE, 8,
	        "selection: column 8: expected a value after \"=\", found end of input");
	assert_select_error("kind =", SM_EPARSE, 7, "found end of input");
	assert_select_error("age >= )", SM_EPARSE, 8, "expected a value after \">=\", found \")\"");
	assert_select_error("", SM_EPARSE, 1, "selection: column 1: the expression is empty");
	assert_select_error("   \t", SM_EPARSE, 1, "the expression is empty");
	assert_select_error("kind = 'ngo", SM_EPARSE, 8, "text opened with ' is not closed");
	assert_select_error("kind = \"ngo", SM_EPARSE, 8, "text opened with \" is not closed");
	assert_select_error("kind = 'it''s", SM_EPARSE, 8, "is not closed");
	assert_select_error("`home town = x", SM_EPARSE, 1,
	                    "field name opened with ` is not closed");
	assert_select_error("`` = x", SM_EPARSE, 1, "empty field name");
	assert_select_error("kind = ngo extra", SM_EPARSE, 12,
	                    "unexpected \"extra\" after a complete expression (missing \"and\" or");
	assert_select_error("kind = ngo)", SM_EPARSE, 11, "(no \"(\" is open)");
	assert_select_error("(kind = ngo", SM_EPARSE, 12,
	                    "expected \")\" to close the \"(\" at column 1, found end of input");
	assert_select_error("kind in ()", SM_EPARSE, 10,
	                    "the list after \"in\" (column 6) is empty");
	assert_select_error("kind in ngo", SM_EPARSE, 9,
	                    "expected \"(\" after \"in\", found \"ngo\"");
	assert_select_error("kind in (ngo diaspora)", SM_EPARSE, 14,
	                    "expected \",\" or \")\" in the list after \"in\" (column 6), found "
	                    "\"diaspora\"");
	assert_select_error("kind in (ngo,)", SM_EPARSE, 14, "expected a value after \",\"");
	assert_select_error("kind in (ngo", SM_EPARSE, 13, "found end of input");
	assert_select_error("kind not ngo", SM_EPARSE, 10,
	                    "expected \"in\" after \"not\", found \"ngo\"");
	assert_select_error("age is nul", SM_EPARSE, 8,
	                    "expected \"null\" after \"is\", found \"nul\"");
	assert_select_error("age is not 3", SM_EPARSE, 12, "expected \"null\" after \"is not\"");
	assert_select_error("kind ngo", SM_EPARSE, 6,
	                    "expected an operator (= != < <= > >= in, not in, is) after field "
	                    "\"kind\", found \"ngo\"");
	assert_select_error("kind", SM_EPARSE, 5, "found end of input");
	assert_select_error("kind == ngo", SM_EPARSE, 7,
	                    "expected a value after \"=\", found \"=\"");
	assert_select_error("kind ! ngo", SM_EPARSE, 6, "unexpected \"!\" (did you mean \"!=\"");
	assert_select_error("kind = ngo; drop", SM_EPARSE, 11, "unexpected character \";\"");
	assert_select_error("kind = ngo and", SM_EPARSE, 15,
	                    "expected a field name, found end of input");
	assert_select_error("not", SM_EPARSE, 4, "expected a field name, found end of input");
	assert_select_error("()", SM_EPARSE, 2, "expected a field name, found \")\"");
	assert_select_error("and = 3", SM_EPARSE, 1,
	                    "expected a field name, found the keyword \"and\" (write `and`");
	assert_select_error("kind = null", SM_EPARSE, 8, "write \"kind is null\"");
	assert_select_error("kind = or", SM_EPARSE, 8,
	                    "expected a value after \"=\", found the keyword \"or\"");
	assert_select_error("age > 12abc", SM_EPARSE, 7,
	                    "bad number \"12abc\" (quote text that starts with a digit: '…')");
	assert_select_error("age > 1.2.3", SM_EPARSE, 7, "bad number \"1.2.3\"");
	assert_select_error("age > 1e999", SM_EPARSE, 7, "bad number \"1e999\"");
	assert_select_error("age > 0x10", SM_EPARSE, 7, "bad number \"0x10\"");
	assert_select_error("age > 1e", SM_EPARSE, 7, "column 7: bad number \"1e\"");
	assert_select_error("age > --1", SM_EPARSE, 7, "unexpected character \"-\"");
	assert_select_error("kind = 'a\x01'b", SM_EPARSE, 12, "\"b\"");
}
END_TEST

START_TEST(test_bad_utf8)
{
	assert_select_error("kind = '\xff'", SM_EPARSE, 9, "invalid UTF-8 (byte 0xFF)");
	assert_select_error("kind = 'ok' and label = '\xc3('", SM_EPARSE, 26, "invalid UTF-8");
	/* An overlong encoding of '/'. */
	assert_select_error("id = \xc0\xaf", SM_EPARSE, 6, "invalid UTF-8");
}
END_TEST

START_TEST(test_unknown_fields)
{
	assert_select_error(
	        "gendr = f", SM_ENOTFOUND, 1,
	        "selection: column 1: unknown field \"gendr\" (did you mean \"gender\"?)");
	assert_select_error("kind = ngo and Gender = f", SM_ENOTFOUND, 16,
	                    "(did you mean \"gender\"?)");
	assert_select_error("Kind = ngo", SM_ENOTFOUND, 1, "(did you mean \"kind\"?)");
	assert_select_error("`home twn` is null", SM_ENOTFOUND, 1, "(did you mean `home town`?)");
	assert_select_error("zzzzz = 1", SM_ENOTFOUND, 1,
	                    "unknown field \"zzzzz\"; the fields are id, label, kind, gender, age, "
	                    "region, active, `home town`, stance, removed");
	/* Columns count bytes: 'é' is two. */
	assert_select_error("label = 'é' and zzzzz = 1", SM_ENOTFOUND, 18,
	                    "unknown field \"zzzzz\"");
	/* Relationship attributes are not actor fields. */
	assert_select_error("quality > 0.5", SM_ENOTFOUND, 1, "unknown field \"quality\"");
}
END_TEST

START_TEST(test_type_errors)
{
	assert_select_error("age = 'old'", SM_EINVAL, 7,
	                    "selection: column 7: field \"age\" holds numbers but 'old' is text");
	assert_select_error("age > old", SM_EINVAL, 7,
	                    "field \"age\" holds numbers but \"old\" is text");
	assert_select_error("age = true", SM_EINVAL, 7,
	                    "but true is a true/false value; compare it with a number");
	assert_select_error("gender = 3", SM_EINVAL, 10,
	                    "field \"gender\" holds text but 3 is a number; quote it");
	assert_select_error("id = 42", SM_EINVAL, 6, "field \"id\" holds text but 42 is a number");
	assert_select_error("kind in (ngo, 3)", SM_EINVAL, 15, "holds text but 3 is a number");
	assert_select_error("age in (3, 'x')", SM_EINVAL, 12, "holds numbers");
	assert_select_error("label = false", SM_EINVAL, 9, "but false is a true/false value");
	assert_select_error(
	        "active < true", SM_EINVAL, 8,
	        "field \"active\" holds true/false, which \"<\" cannot order; use = or !=");
	assert_select_error("active >= false", SM_EINVAL, 8, "\">=\" cannot order");
	assert_select_error(
	        "active = yes", SM_EINVAL, 10,
	        "field \"active\" holds true/false but \"yes\" is text; compare it with "
	        "true or false");
	assert_select_error("active in (true, 1)", SM_EINVAL, 18, "holds true/false");
}
END_TEST

START_TEST(test_limits_and_arguments)
{
	char deep[2048];
	size_t o = 0;
	for (int k = 0; k < 257; k++)
		deep[o++] = '(';
	sprintf(deep + o, "id = un");
	assert_select_error(deep, SM_ELIMIT, 257, "nested deeper than 256 levels");
	o = 0;
	for (int k = 0; k < 300; k++)
		o += (size_t)sprintf(deep + o, "not ");
	sprintf(deep + o, "id = un");
	assert_select_error(deep, SM_ELIMIT, 4 * 256 + 1, "nested deeper than 256 levels");

	sm_selection *sel = NULL;
	sm_assert_fails(sm_select(&sel, net, NULL), SM_EINVAL, "the expression is NULL");
	sm_assert_fails(sm_select(&sel, NULL, "id = a"), SM_EINVAL, "the network is NULL");
	sm_assert_fails(sm_select(NULL, net, "id = a"), SM_EINVAL, "out is NULL");
	ck_assert_ptr_null(sel);
}
END_TEST

/* ---- selection objects ---------------------------------------------------- */

START_TEST(test_selection_accessors)
{
	sm_selection *sel = NULL;
	sm_assert_ok(sm_select(&sel, net, "kind = ngo or id = un"));
	ck_assert_int_eq(sm_selection_count(sel), 3);
	size_t n = 0;
	const int64_t *idx = sm_selection_indices(sel, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(idx[0], 1);
	ck_assert_int_eq(idx[1], 2);
	ck_assert_int_eq(idx[2], 6);
	ck_assert_ptr_eq(sm_selection_indices(sel, NULL), idx);
	ck_assert(!sm_selection_contains(sel, 0));
	ck_assert(sm_selection_contains(sel, 1));
	ck_assert(sm_selection_contains(sel, 2));
	ck_assert(!sm_selection_contains(sel, 5));
	ck_assert(sm_selection_contains(sel, 6));
	ck_assert(!sm_selection_contains(sel, 7));
	ck_assert(!sm_selection_contains(sel, -1));
	sm_selection_free(sel);

	/* Nothing selected: an empty, valid selection. */
	sel = NULL;
	sm_assert_ok(sm_select(&sel, net, "kind = youth"));
	ck_assert_int_eq(sm_selection_count(sel), 0);
	sm_selection_indices(sel, &n);
	ck_assert_uint_eq(n, 0);
	sm_selection_free(sel);
	sm_selection_free(NULL);
	ck_assert_int_eq(sm_selection_count(NULL), 0);
	ck_assert(!sm_selection_contains(NULL, 0));

	/* A network without actors. */
	sm_network *empty = NULL;
	sm_assert_ok(sm_network_new(&empty, false));
	sel = NULL;
	sm_assert_ok(sm_select(&sel, empty, "kind = ngo"));
	ck_assert_int_eq(sm_selection_count(sel), 0);
	sm_selection_free(sel);
	sm_network_free(empty);
}
END_TEST

START_TEST(test_from_indices)
{
	sm_selection *sel = NULL;
	const int64_t idx[] = {5, 1, 5, 3, 1, 1};
	sm_assert_ok(sm_selection_from_indices(&sel, net, idx, 6));
	ck_assert_str_eq(ids_of(net, sel), "wf dc rx");
	ck_assert(sm_selection_contains(sel, 3));
	ck_assert(!sm_selection_contains(sel, 4));
	sm_selection_free(sel);

	sel = NULL;
	sm_assert_ok(sm_selection_from_indices(&sel, net, NULL, 0));
	ck_assert_int_eq(sm_selection_count(sel), 0);
	sm_selection_free(sel);

	sel = NULL;
	const int64_t bad[] = {0, 7};
	sm_assert_fails(sm_selection_from_indices(&sel, net, bad, 2), SM_EINVAL,
	                "index 7 (position 1) is outside 0 … 6");
	ck_assert_ptr_null(sel);
	const int64_t neg[] = {-1};
	sm_assert_fails(sm_selection_from_indices(&sel, net, neg, 1), SM_EINVAL,
	                "index -1 (position 0) is outside");
	ck_assert_ptr_null(sel);
	sm_assert_fails(sm_selection_from_indices(&sel, net, NULL, 2), SM_EINVAL,
	                "2 indices given but the array is NULL");
	ck_assert_ptr_null(sel);

	sm_network *empty = NULL;
	sm_assert_ok(sm_network_new(&empty, false));
	const int64_t zero[] = {0};
	sm_assert_fails(sm_selection_from_indices(&sel, empty, zero, 1), SM_EINVAL,
	                "network without actors");
	sm_network_free(empty);
}
END_TEST

/* ---- derived networks ----------------------------------------------------- */

/* "src-dst" pairs of a network's relationships, sorted, space-separated. */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *rels_of(const sm_network *g)
{
	static char buf[1024];
	char pairs[64][32];
	const char *ptrs[64];
	int64_t m = sm_network_relationship_count(g);
	ck_assert_int_le(m, 64);
	for (int64_t r = 0; r < m; r++) {
		sm_relationship rel;
		sm_assert_ok(sm_network_relationship(&rel, g, r));
		snprintf(pairs[r], sizeof(pairs[r]), "%s-%s", sm_network_actor_id(g, rel.source),
		         sm_network_actor_id(g, rel.target));
		ptrs[r] = pairs[r];
	}
	qsort(ptrs, (size_t)m, sizeof(ptrs[0]), cmp_str);
	size_t o = 0;
	buf[0] = '\0';
	for (int64_t r = 0; r < m; r++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", r ? " " : "", ptrs[r]);
	return buf;
}

static char *actors_of(const sm_network *g)
{
	static char buf[512];
	size_t o = 0;
	buf[0] = '\0';
	for (int64_t i = 0; i < sm_network_actor_count(g); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? " " : "",
		                      sm_network_actor_id(g, i));
	return buf;
}

START_TEST(test_subgraph)
{
	/* A dated relationship with an attribute: both must survive. */
	sm_assert_ok(sm_network_set_period(net, 0, "2020-01-01", "2024-12-31"));
	sm_value channel = sm_value_string("embassy");
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, 0, "channel", &channel));

	sm_selection *sel = NULL;
	sm_assert_ok(sm_select(&sel, net, "region = periphery or kind = diplomat"));
	sm_network *sub = NULL;
	sm_assert_ok(sm_network_subgraph(&sub, net, sel));
	ck_assert_str_eq(actors_of(sub), "amb wf yn rx");
	/* Only the relationships with both ends selected. */
	ck_assert_str_eq(rels_of(sub), "amb-wf wf-yn yn-rx");
	ck_assert(!sm_network_is_directed(sub));

	/* Actors keep their label, kind and attributes. */
	int64_t i = -1;
	sm_assert_ok(sm_network_find_actor(&i, sub, "wf"));
	ck_assert_int_eq(i, 1);
	ck_assert_str_eq(sm_network_actor_label(sub, i), "Women Forum");
	ck_assert_str_eq(sm_network_actor_kind(sub, i), "ngo");
	sm_value v;
	sm_assert_ok(sm_network_attr(&v, sub, SM_ACTOR, i, "age"));
	ck_assert_int_eq(v.type, SM_VALUE_NUMBER);
	ck_assert(v.as.n == 34);
	sm_assert_ok(sm_network_attr(&v, sub, SM_ACTOR, i, "gender"));
	ck_assert_int_eq(v.type, SM_VALUE_STRING);
	ck_assert_str_eq(v.as.s, "f");
	sm_assert_ok(sm_network_attr(&v, sub, SM_ACTOR, i, "active"));
	ck_assert_int_eq(v.type, SM_VALUE_BOOL);
	ck_assert(v.as.b);
	sm_assert_ok(sm_network_find_actor(&i, sub, "amb"));
	sm_assert_ok(sm_network_attr(&v, sub, SM_ACTOR, i, "home town"));
	ck_assert_str_eq(v.as.s, "Paris");
	sm_assert_ok(sm_network_find_actor(&i, sub, "rx"));
	sm_assert_ok(sm_network_attr(&v, sub, SM_ACTOR, i, "gender"));
	ck_assert_int_eq(v.type, SM_VALUE_NULL);
	sm_assert_fails(sm_network_find_actor(&i, sub, "tc"), SM_ENOTFOUND, "tc");
	/* Relationships keep quality and kind. */
	sm_relationship rel;
	sm_assert_ok(sm_network_relationship(&rel, sub, 0));
	ck_assert_str_eq(rel.kind, "formal");
	ck_assert(rel.quality == 0.5);
	char date[11];
	sm_assert_ok(sm_date_format(date, rel.since));
	ck_assert_str_eq(date, "2020-01-01");
	sm_assert_ok(sm_date_format(date, rel.until));
	ck_assert_str_eq(date, "2024-12-31");
	sm_assert_ok(sm_network_attr(&v, sub, SM_RELATIONSHIP, 0, "channel"));
	ck_assert_str_eq(v.as.s, "embassy");

	/* A selection on the subgraph works on its own indices. */
	sm_selection *sel2 = NULL;
	sm_assert_ok(sm_select(&sel2, sub, "age is null"));
	ck_assert_str_eq(ids_of(sub, sel2), "yn");

	/* A selection of another network is refused. */
	sm_network *out = NULL;
	sm_assert_fails(sm_network_subgraph(&out, net, sel2), SM_EINVAL,
	                "the selection was made on another network");
	ck_assert_ptr_null(out);
	sm_assert_fails(sm_network_subgraph(&out, sub, sel), SM_EINVAL, "another network");
	ck_assert_ptr_null(out);
	sm_selection_free(sel2);
	sm_network_free(sub);

	/* Everything and nothing. */
	sm_selection_free(sel);
	sel = NULL;
	sm_assert_ok(sm_select(&sel, net, "id is not null"));
	sm_assert_ok(sm_network_subgraph(&sub, net, sel));
	ck_assert_int_eq(sm_network_actor_count(sub), N_ACTORS);
	ck_assert_int_eq(sm_network_relationship_count(sub), 8);
	sm_network_free(sub);
	sm_selection_free(sel);
	sel = NULL;
	sm_assert_ok(sm_select(&sel, net, "id is null"));
	sm_assert_ok(sm_network_subgraph(&sub, net, sel));
	ck_assert_int_eq(sm_network_actor_count(sub), 0);
	ck_assert_int_eq(sm_network_relationship_count(sub), 0);
	sm_network_free(sub);

	/* A selection made before actors were added no longer fits. */
	sm_assert_ok(sm_network_add_actor(NULL, net, "late", NULL, "youth"));
	sm_assert_fails(sm_network_subgraph(&out, net, sel), SM_EINVAL,
	                "had 7 actors; it now has 8");
	ck_assert_ptr_null(out);
	sm_selection_free(sel);
}
END_TEST

START_TEST(test_ego_undirected)
{
	sm_network *ego = NULL;
	sm_assert_ok(sm_network_ego(&ego, net, "wf", 0, SM_DIR_ALL));
	ck_assert_str_eq(actors_of(ego), "wf");
	ck_assert_str_eq(rels_of(ego), "");
	sm_network_free(ego);

	ego = NULL;
	sm_assert_ok(sm_network_ego(&ego, net, "wf", 1, SM_DIR_ALL));
	ck_assert_str_eq(actors_of(ego), "amb wf yn dc");
	ck_assert_str_eq(rels_of(ego), "amb-wf wf-dc wf-yn");
	sm_network_free(ego);

	/* Direction is ignored in an undirected network. */
	ego = NULL;
	sm_assert_ok(sm_network_ego(&ego, net, "wf", 1, SM_DIR_IN));
	ck_assert_str_eq(actors_of(ego), "amb wf yn dc");
	sm_network_free(ego);

	ego = NULL;
	sm_assert_ok(sm_network_ego(&ego, net, "wf", 2, SM_DIR_OUT));
	ck_assert_str_eq(actors_of(ego), "amb wf yn dc tc rx un");
	/* Relationships among the actors, including those between two at distance 2. */
	ck_assert_str_eq(rels_of(ego), "amb-tc amb-un amb-wf dc-rx tc-un wf-dc wf-yn yn-rx");
	sm_network_free(ego);

	ego = NULL;
	sm_assert_ok(sm_network_ego(&ego, net, "rx", 1, SM_DIR_ALL));
	ck_assert_str_eq(actors_of(ego), "yn dc rx");
	ck_assert_str_eq(rels_of(ego), "dc-rx yn-rx");
	/* Attributes come along. */
	sm_value v;
	sm_assert_ok(sm_network_attr(&v, ego, SM_ACTOR, 1, "region"));
	ck_assert_str_eq(v.as.s, "abroad");
	sm_network_free(ego);

	ego = NULL;
	sm_assert_ok(sm_network_ego(&ego, net, "un", 1000000, SM_DIR_ALL));
	ck_assert_int_eq(sm_network_actor_count(ego), N_ACTORS);
	sm_network_free(ego);

	ego = NULL;
	sm_assert_fails(sm_network_ego(&ego, net, "nobody", 1, SM_DIR_ALL), SM_ENOTFOUND, "nobody");
	sm_assert_fails(sm_network_ego(&ego, net, "wf", -1, SM_DIR_ALL), SM_EINVAL,
	                "radius -1 is negative");
	sm_assert_fails(sm_network_ego(&ego, net, "wf", 1, (sm_direction)7), SM_EINVAL,
	                "unknown direction 7");
	sm_assert_fails(sm_network_ego(&ego, net, NULL, 1, SM_DIR_ALL), SM_EINVAL,
	                "the id is NULL");
	ck_assert_ptr_null(ego);
}
END_TEST

START_TEST(test_ego_directed)
{
	/* Directed: amb→wf, amb→tc, amb→un, wf→yn, wf→dc, yn→rx, dc→rx, tc→un. */
	sm_network *g = build(true);
	sm_network *ego = NULL;

	sm_assert_ok(sm_network_ego(&ego, g, "wf", 0, SM_DIR_OUT));
	ck_assert_str_eq(actors_of(ego), "wf");
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "wf", 1, SM_DIR_OUT));
	ck_assert_str_eq(actors_of(ego), "wf yn dc");
	ck_assert_str_eq(rels_of(ego), "wf-dc wf-yn");
	ck_assert(sm_network_is_directed(ego));
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "wf", 2, SM_DIR_OUT));
	ck_assert_str_eq(actors_of(ego), "wf yn dc rx");
	ck_assert_str_eq(rels_of(ego), "dc-rx wf-dc wf-yn yn-rx");
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "wf", 1, SM_DIR_IN));
	ck_assert_str_eq(actors_of(ego), "amb wf");
	ck_assert_str_eq(rels_of(ego), "amb-wf");
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "rx", 2, SM_DIR_IN));
	ck_assert_str_eq(actors_of(ego), "wf yn dc rx");
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "un", 2, SM_DIR_IN));
	ck_assert_str_eq(actors_of(ego), "amb tc un");
	ck_assert_str_eq(rels_of(ego), "amb-tc amb-un tc-un");
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "un", 1, SM_DIR_OUT));
	ck_assert_str_eq(actors_of(ego), "un");
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "wf", 1, SM_DIR_ALL));
	ck_assert_str_eq(actors_of(ego), "amb wf yn dc");
	sm_network_free(ego);

	sm_assert_ok(sm_network_ego(&ego, g, "yn", 2, SM_DIR_ALL));
	ck_assert_str_eq(actors_of(ego), "amb wf yn dc rx");
	ck_assert_str_eq(rels_of(ego), "amb-wf dc-rx wf-dc wf-yn yn-rx");
	sm_network_free(ego);

	/* Selections and subgraphs of a directed network keep direction. */
	sm_selection *sel = NULL;
	sm_assert_ok(sm_select(&sel, g, "id in (tc, un, amb)"));
	sm_network *sub = NULL;
	sm_assert_ok(sm_network_subgraph(&sub, g, sel));
	ck_assert(sm_network_is_directed(sub));
	ck_assert_str_eq(rels_of(sub), "amb-tc amb-un tc-un");
	sm_network_free(sub);
	sm_selection_free(sel);
	sm_network_free(g);
}
END_TEST

/* Allocation failures: every call fails cleanly (no leak, no crash, out untouched). */
START_TEST(test_allocation_failures)
{
	const char *expr =
	        "(kind in (ngo, diaspora, media) or not age < 30) and gender is not null";
	sm_selection *want = NULL;
	sm_assert_ok(sm_select(&want, net, expr));
	sm_assert_ok(sm_network_freeze(net));
	int done = 0;
	for (int64_t k = 0; k < 200 && !done; k++) {
		sm_selection *sel = NULL;
		sm_alloc_fail_after(k);
		int rc = sm_select(&sel, net, expr);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK) {
			ck_assert_int_eq(sm_selection_count(sel), sm_selection_count(want));
			sm_selection_free(sel);
			done = 1;
		} else {
			ck_assert_int_eq(rc, SM_ENOMEM);
			ck_assert_ptr_null(sel);
		}
	}
	ck_assert(done);
	done = 0;
	for (int64_t k = 0; k < 400 && !done; k++) {
		sm_network *ego = NULL;
		sm_alloc_fail_after(k);
		int rc = sm_network_ego(&ego, net, "wf", 2, SM_DIR_ALL);
		sm_alloc_fail_after(-1);
		if (rc == SM_OK) {
			ck_assert_int_eq(sm_network_actor_count(ego), 7);
			sm_network_free(ego);
			done = 1;
		} else {
			ck_assert_int_eq(rc, SM_ENOMEM);
			ck_assert_ptr_null(ego);
		}
	}
	ck_assert(done);
	sm_selection_free(want);
}
END_TEST

Suite *select_suite(void)
{
	Suite *s = suite_create("select");
	TCase *lang = tcase_create("language");
	tcase_add_checked_fixture(lang, setup, teardown);
	tcase_add_test(lang, test_text_operators);
	tcase_add_test(lang, test_number_operators);
	tcase_add_test(lang, test_bool_operators);
	tcase_add_test(lang, test_keywords_case_insensitive);
	tcase_add_test(lang, test_precedence);
	tcase_add_test(lang, test_in_lists);
	tcase_add_test(lang, test_null_handling);
	tcase_add_test(lang, test_whitespace_and_utf8);
	tcase_add_test(lang, test_long_chains);
	tcase_add_test(lang, test_length_limit);
	suite_add_tcase(s, lang);

	TCase *errors = tcase_create("errors");
	tcase_add_checked_fixture(errors, setup, teardown);
	tcase_add_test(errors, test_syntax_errors);
	tcase_add_test(errors, test_bad_utf8);
	tcase_add_test(errors, test_unknown_fields);
	tcase_add_test(errors, test_type_errors);
	tcase_add_test(errors, test_limits_and_arguments);
	suite_add_tcase(s, errors);

	TCase *objects = tcase_create("selections");
	tcase_add_checked_fixture(objects, setup, teardown);
	tcase_add_test(objects, test_selection_accessors);
	tcase_add_test(objects, test_from_indices);
	tcase_add_test(objects, test_allocation_failures);
	suite_add_tcase(s, objects);

	TCase *derived = tcase_create("derived");
	tcase_add_checked_fixture(derived, setup, teardown);
	tcase_add_test(derived, test_subgraph);
	tcase_add_test(derived, test_ego_undirected);
	tcase_add_test(derived, test_ego_directed);
	suite_add_tcase(s, derived);
	return s;
}

SM_TEST_MAIN(select_suite)
