/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fuzz_select: the input is a selection expression (docs/selections.md),
 * up to its first NUL byte, evaluated on a fixed network of nine actors with
 * text, number and true/false attributes (built once). Checks:
 *  - an error has an allowed code, a one-line message, no file or line, and
 *    a column inside the expression (or 0 for "too long");
 *  - a selection is consistent (count, ascending indices, contains());
 *  - "not (EXPR\n)" selects exactly the other actors (a comparison with a
 *    missing value is false, and not is a plain complement), unless wrapping
 *    exceeds the nesting or length limit (SM_ELIMIT);
 *  - sm_network_subgraph() holds the selected actors, in order, with their
 *    attributes, and exactly the relationships between two of them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static sm_network *net;

static void must(int rc, const char *what)
{
	if (rc != SM_OK)
		fz_fail("building the fixed network: %s returned %d", what, rc);
}

static void set_text(int64_t i, const char *name, const char *text)
{
	sm_value v = sm_value_string(text);
	must(sm_network_set_attr(net, SM_ACTOR, i, name, &v), name);
}

static void set_number(int64_t i, const char *name, double x)
{
	sm_value v = sm_value_number(x);
	must(sm_network_set_attr(net, SM_ACTOR, i, name, &v), name);
}

static void set_bool(int64_t i, const char *name, bool b)
{
	sm_value v = sm_value_bool(b);
	must(sm_network_set_attr(net, SM_ACTOR, i, name, &v), name);
}

static void free_network(void)
{
	sm_network_free(net);
	net = NULL;
}

/* The fixed network; see docs/fuzzing.md. Field names a dictionary entry names. */
static void build_network(void)
{
	static const struct {
		const char *id, *label, *kind;
	} actors[] = {
		{ "amb", "Ambassador Ruiz", "diplomat" },
		{ "min", "Ministry of Trade", "government" },
		{ "ngo1", "Women in Tech", "ngo" },
		{ "jrn", NULL, "media" },
		{ "dia", "Diaspora NL", "diaspora" },
		{ "un-women", "UN Women", "ngo" },
		{ "x42", "it's \"quoted\"", "trade union" },
		{ "r\xc3\xa9seau", "R\xc3\xa9seau \xe6\x97\xa5\xe6\x9c\xac", NULL },
		{ "lonely", "", "" },
	};
	must(sm_network_new(&net, true), "sm_network_new");
	for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++)
		must(sm_network_add_actor(NULL, net, actors[i].id, actors[i].label, actors[i].kind),
		     actors[i].id);
	set_text(0, "gender", "f");
	set_text(2, "gender", "f");
	set_text(4, "gender", "m");
	set_text(0, "region", "capital");
	set_text(1, "region", "capital");
	set_text(2, "region", "coast");
	set_text(3, "region", "capital");
	set_text(4, "region", "abroad");
	set_text(5, "region", "r\xc3\xa9gion");
	set_text(6, "region", "");
	set_text(0, "home region", "north");
	set_text(7, "home region", "south`west");
	set_number(0, "age", 52);
	set_number(1, "age", 0);
	set_number(2, "age", 34);
	set_number(4, "age", -1);
	set_number(6, "age", 1e-300);
	set_number(0, "reach", 1000);
	set_number(2, "reach", 250.5);
	set_number(3, "reach", 1e6);
	set_number(7, "reach", -0.0);
	set_bool(0, "trusted", true);
	set_bool(1, "trusted", false);
	set_bool(4, "trusted", true);
	set_bool(7, "trusted", false);
	set_text(5, "in", "keyword-named");
	set_text(8, "note", "and");
	sm_value null = sm_value_null();
	must(sm_network_set_attr(net, SM_ACTOR, 8, "unset", &null), "unset");

	static const struct {
		const char *s, *t;
		double q;
		const char *kind;
	} rels[] = {
		{ "amb", "min", 0.9, "formal" },   { "amb", "ngo1", 0.4, "informal" },
		{ "ngo1", "dia", 0.7, NULL },      { "min", "jrn", 0.3, "media" },
		{ "amb", "min", 0.2, "informal" }, { "un-women", "ngo1", 1, "funding" },
		{ "x42", "r\xc3\xa9seau", 0.05, NULL }, { "dia", "amb", 0.6, NULL },
	};
	for (size_t r = 0; r < sizeof rels / sizeof rels[0]; r++)
		must(sm_network_add_relationship(NULL, net, rels[r].s, rels[r].t, rels[r].q,
		                                 rels[r].kind),
		     "sm_network_add_relationship");
	must(sm_network_set_period(net, 0, "2023-01-01", NULL), "sm_network_set_period");
	sm_value ch = sm_value_string("meeting");
	must(sm_network_set_attr(net, SM_RELATIONSHIP, 0, "channel", &ch), "channel");
	atexit(free_network);
}

/* A selection must be consistent with itself; returns its count. */
static int64_t check_selection(const sm_selection *sel)
{
	int64_t n = sm_network_actor_count(net), count = sm_selection_count(sel);
	size_t k = 0;
	const int64_t *idx = sm_selection_indices(sel, &k);
	if (count < 0 || count > n || (size_t)count != k || (k && !idx))
		fz_fail("selection: count %lld, %zu indices", (long long)count, k);
	for (size_t j = 0; j < k; j++)
		if (idx[j] < 0 || idx[j] >= n || (j && idx[j] <= idx[j - 1]))
			fz_fail("selection: indices not ascending within 0 … %lld", (long long)n - 1);
	size_t j = 0;
	for (int64_t i = 0; i < n; i++) {
		bool in = j < k && idx[j] == i;
		if (in)
			j++;
		if (sm_selection_contains(sel, i) != in)
			fz_fail("selection: contains(%lld) disagrees with the indices", (long long)i);
	}
	return count;
}

static void check_complement(const char *expr, const sm_selection *sel)
{
	size_t len = strlen(expr);
	char *wrapped = malloc(len + 16);
	if (!wrapped)
		abort();
	snprintf(wrapped, len + 16, "not (%s\n)", expr);
	sm_selection *neg = NULL;
	int rc = sm_select(&neg, net, wrapped);
	free(wrapped);
	if (rc != SM_OK) {
		/* wrapping adds two levels and seven bytes: only the limits may object */
		fz_check_error(rc, FZ_CODE(SM_ELIMIT), "sm_select(not (EXPR))");
		return;
	}
	check_selection(neg);
	for (int64_t i = 0; i < sm_network_actor_count(net); i++)
		if (sm_selection_contains(neg, i) == sm_selection_contains(sel, i))
			fz_fail("actor %lld is %s by EXPR and by not (EXPR)", (long long)i,
			        sm_selection_contains(sel, i) ? "selected" : "left out");
	sm_selection_free(neg);
}

static void check_subgraph(const sm_selection *sel)
{
	sm_network *sub = NULL;
	int rc = sm_network_subgraph(&sub, net, sel);
	if (rc != SM_OK)
		fz_fail("sm_network_subgraph returned %d", rc);
	size_t k = 0;
	const int64_t *idx = sm_selection_indices(sel, &k);
	if (sm_network_actor_count(sub) != (int64_t)k ||
	    sm_network_is_directed(sub) != sm_network_is_directed(net))
		fz_fail("subgraph: %lld actors for %zu selected", (long long)sm_network_actor_count(sub),
		        k);
	for (size_t j = 0; j < k; j++) {
		if (strcmp(sm_network_actor_id(sub, (int64_t)j), sm_network_actor_id(net, idx[j])) ||
		    strcmp(sm_network_actor_label(sub, (int64_t)j),
		           sm_network_actor_label(net, idx[j])) ||
		    strcmp(sm_network_actor_kind(sub, (int64_t)j), sm_network_actor_kind(net, idx[j])))
			fz_fail("subgraph: actor %zu is not selected actor %lld", j, (long long)idx[j]);
		for (int64_t a = 0; a < sm_network_attr_count(net, SM_ACTOR); a++) {
			const char *name = sm_network_attr_name(net, SM_ACTOR, a, NULL);
			sm_value va, vb;
			must(sm_network_attr(&va, net, SM_ACTOR, idx[j], name), "sm_network_attr");
			if (sm_network_attr(&vb, sub, SM_ACTOR, (int64_t)j, name) != SM_OK) {
				if (va.type != SM_VALUE_NULL)
					fz_fail("subgraph: attribute \"%s\" is missing", name);
				continue;
			}
			if (va.type != vb.type || (va.type == SM_VALUE_STRING && strcmp(va.as.s, vb.as.s)) ||
			    (va.type == SM_VALUE_NUMBER && va.as.n != vb.as.n) ||
			    (va.type == SM_VALUE_BOOL && va.as.b != vb.as.b))
				fz_fail("subgraph: actor %zu: attribute \"%s\" differs", j, name);
		}
	}
	int64_t inside = 0;
	for (int64_t r = 0; r < sm_network_relationship_count(net); r++) {
		sm_relationship rel;
		must(sm_network_relationship(&rel, net, r), "sm_network_relationship");
		inside += sm_selection_contains(sel, rel.source) && sm_selection_contains(sel, rel.target);
	}
	if (sm_network_relationship_count(sub) != inside)
		fz_fail("subgraph: %lld relationships, %lld between selected actors",
		        (long long)sm_network_relationship_count(sub), (long long)inside);
	fz_check_summary(sub);
	sm_network_free(sub);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int sentinel;
	sm_selection *const untouched = (sm_selection *)(void *)&sentinel;
	if (!net)
		build_network();
	char *expr = malloc(size + 1);
	if (!expr)
		abort();
	memcpy(expr, data, size);
	expr[size] = '\0';

	sm_selection *sel = untouched;
	int rc = sm_select(&sel, net, expr);
	if (rc != SM_OK) {
		const sm_error *e = sm_error_last();
		fz_check_error(rc, FZ_SELECT_ERRORS, "sm_select");
		if (sel != untouched)
			fz_fail("sm_select wrote *out on failure");
		int64_t len = (int64_t)strlen(expr);
		if (e->file || e->line != 0 || e->column < (rc == SM_ELIMIT ? 0 : 1) ||
		    e->column > len + 1)
			fz_fail("sm_select: error at line %lld, column %lld of a %lld-byte expression",
			        (long long)e->line, (long long)e->column, (long long)len);
		free(expr);
		return 0;
	}
	if (!sel || sel == untouched)
		fz_fail("sm_select returned SM_OK without a selection");
	check_selection(sel);
	check_complement(expr, sel);
	check_subgraph(sel);
	sm_selection_free(sel);
	free(expr);
	return 0;
}
