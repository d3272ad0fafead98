/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Whole-network figures (sm_network_summarize) and counts of actors by a
 * categorical attribute (sm_network_count_by).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/network_internal.h"

static int32_t uf_find(int32_t *parent, int32_t v)
{
	while (parent[v] != v) {
		parent[v] = parent[parent[v]];
		v = parent[v];
	}
	return v;
}

/* Weakly connected components by union–find: count and largest size. */
static int weak_components(const sm_network *net, int64_t *count, int64_t *largest)
{
	size_t n = net->n;
	int32_t *parent = sm_reallocarray(NULL, n ? n : 1, sizeof *parent);
	int32_t *size = sm_calloc(n ? n : 1, sizeof *size);
	if (!parent || !size) {
		sm_free(parent);
		sm_free(size);
		return sm_fail_nomem();
	}
	for (size_t v = 0; v < n; v++)
		parent[v] = (int32_t)v;
	int64_t comps = (int64_t)n;
	for (size_t r = 0; r < net->m; r++) {
		int32_t a = uf_find(parent, net->rel_source[r]);
		int32_t b = uf_find(parent, net->rel_target[r]);
		if (a != b) {
			parent[a] = b;
			comps--;
		}
	}
	int64_t big = 0;
	for (size_t v = 0; v < n; v++) {
		int32_t root = uf_find(parent, (int32_t)v);
		if (++size[root] > big)
			big = size[root];
	}
	sm_free(parent);
	sm_free(size);
	*count = comps;
	*largest = big;
	return SM_OK;
}

/* Strongly connected components: Tarjan's algorithm, iterative. */
static int strong_components(const sm_csr *g, int64_t *count)
{
	int64_t n = g->n;
	size_t sz = n ? (size_t)n : 1;
	int64_t *index = sm_reallocarray(NULL, sz, sizeof *index);
	int64_t *low = sm_reallocarray(NULL, sz, sizeof *low);
	int64_t *edge = sm_reallocarray(NULL, sz, sizeof *edge); /* next entry to visit */
	int32_t *stack = sm_reallocarray(NULL, sz, sizeof *stack);
	int32_t *call = sm_reallocarray(NULL, sz, sizeof *call);
	uint8_t *on_stack = sm_calloc(sz, 1);
	if (!index || !low || !edge || !stack || !call || !on_stack) {
		sm_free(index), sm_free(low), sm_free(edge), sm_free(stack), sm_free(call),
			sm_free(on_stack);
		return sm_fail_nomem();
	}
	for (int64_t v = 0; v < n; v++)
		index[v] = -1;
	int64_t next_index = 0, sp = 0, comps = 0;
	for (int64_t root = 0; root < n; root++) {
		if (index[root] >= 0)
			continue;
		int64_t depth = 0;
		call[depth++] = (int32_t)root;
		index[root] = low[root] = next_index++;
		edge[root] = g->offsets[root];
		stack[sp++] = (int32_t)root;
		on_stack[root] = 1;
		while (depth > 0) {
			int32_t v = call[depth - 1];
			if (edge[v] < g->offsets[v + 1]) {
				int32_t w = g->nbr[edge[v]++];
				if (index[w] < 0) {
					index[w] = low[w] = next_index++;
					edge[w] = g->offsets[w];
					stack[sp++] = w;
					on_stack[w] = 1;
					call[depth++] = w;
				} else if (on_stack[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			depth--;
			if (depth > 0) {
				int32_t parent = call[depth - 1];
				if (low[v] < low[parent])
					low[parent] = low[v];
			}
			if (low[v] == index[v]) {
				int32_t w;
				do {
					w = stack[--sp];
					on_stack[w] = 0;
				} while (w != v);
				comps++;
			}
		}
	}
	sm_free(index), sm_free(low), sm_free(edge), sm_free(stack), sm_free(call),
		sm_free(on_stack);
	*count = comps;
	return SM_OK;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int sm_network_summarize(sm_summary *out, const sm_network *net)
{
	sm_summary s;
	memset(&s, 0, sizeof s);
	const sm_frozen *f = sm_network_frozen(net);
	if (!f)
		return sm_error_last()->code;
	int rc;
	s.actors = (int64_t)net->n;
	s.relationships = (int64_t)net->m;
	s.directed = net->directed;

	/* Distinct connected pairs from the sorted rows. */
	const sm_csr *g = &f->out;
	for (int64_t v = 0; v < g->n; v++) {
		int32_t prev = -1;
		if (g->offsets[v] == g->offsets[v + 1] && (!net->directed ||
		                                          f->in.offsets[v] == f->in.offsets[v + 1]))
			s.isolated++;
		for (int64_t i = g->offsets[v]; i < g->offsets[v + 1]; i++) {
			int32_t w = g->nbr[i];
			if (w == prev)
				continue;
			prev = w;
			if (net->directed || w > v)
				s.pairs++;
		}
	}
	s.multi_relationships = s.relationships - s.pairs;
	double n = (double)s.actors;
	double possible = net->directed ? n * (n - 1) : n * (n - 1) / 2;
	s.density = possible > 0 ? (double)s.pairs / possible : 0.0;
	s.mean_degree = s.actors ? 2.0 * (double)s.relationships / n : 0.0;

	if ((rc = weak_components(net, &s.components, &s.largest_component)))
		return rc;
	s.strong_components = s.components;
	if (net->directed && (rc = strong_components(&f->out, &s.strong_components)))
		return rc;

	s.quality_min = s.quality_max = s.quality_mean = s.quality_median = NAN;
	if (net->m) {
		double *q = sm_reallocarray(NULL, net->m, sizeof *q);
		if (!q)
			return sm_fail_nomem();
		memcpy(q, net->rel_quality, net->m * sizeof *q);
		qsort(q, net->m, sizeof *q, cmp_double);
		double sum = 0;
		for (size_t r = 0; r < net->m; r++) {
			sum += q[r];
			int bin = (int)ceil(q[r] * 5.0) - 1;
			s.quality_histogram[bin < 0 ? 0 : bin > 4 ? 4 : bin]++;
		}
		s.quality_min = q[0];
		s.quality_max = q[net->m - 1];
		s.quality_mean = sum / (double)net->m;
		s.quality_median = net->m % 2 ? q[net->m / 2]
		                              : (q[net->m / 2 - 1] + q[net->m / 2]) / 2.0;
		sm_free(q);
	}

	s.first_date = s.last_date = SM_DATE_NONE;
	for (size_t r = 0; net->rel_since && r < net->m; r++) {
		int32_t d[2] = { net->rel_since[r], net->rel_until[r] };
		if (d[0] == SM_DATE_NONE && d[1] == SM_DATE_NONE)
			continue;
		s.dated++;
		for (int k = 0; k < 2; k++) {
			if (d[k] == SM_DATE_NONE)
				continue;
			if (s.first_date == SM_DATE_NONE || d[k] < s.first_date)
				s.first_date = d[k];
			if (s.last_date == SM_DATE_NONE || d[k] > s.last_date)
				s.last_date = d[k];
		}
	}
	*out = s;
	return SM_OK;
}

/* ---- counts by attribute ------------------------------------------------ */

typedef struct value_count {
	const char *value; /* owned text of the value */
	int64_t count;
} value_count;

static int cmp_count(const void *a, const void *b)
{
	const value_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->value, y->value);
}

int sm_network_count_by(sm_table **out, const sm_network *net, const char *attribute)
{
	char q[64];
	const sm_attr_column *col = NULL;
	bool by_kind = attribute && strcmp(attribute, "kind") == 0;
	bool by_label = attribute && strcmp(attribute, "label") == 0;
	if (!by_kind && !by_label) {
		col = sm_network_attr_column(net, SM_ACTOR, attribute);
		if (!col)
			return sm_fail(SM_ENOTFOUND, "no actor attribute %s",
			               sm_quote(q, attribute ? attribute : ""));
	}
	/* Text of each actor's value; numbers and booleans by their text. */
	sm_hashmap seen;
	sm_arena text;
	sm_hashmap_init(&seen);
	sm_arena_init(&text);
	value_count *counts = NULL;
	size_t ncounts = 0, cap = 0;
	sm_table *t = NULL;
	int rc = SM_OK;
	for (size_t i = 0; i < net->n; i++) {
		const char *key;
		char buf[32];
		if (by_kind) {
			key = net->actor_kind[i];
		} else if (by_label) {
			key = net->actor_label[i][0] ? net->actor_label[i] : "(none)";
		} else {
			sm_value v = sm_attr_column_value(col, (int64_t)i);
			switch (v.type) {
			case SM_VALUE_STRING: key = v.as.s; break;
			case SM_VALUE_NUMBER: sm_format_double(buf, v.as.n); key = buf; break;
			case SM_VALUE_BOOL: key = v.as.b ? "true" : "false"; break;
			default: key = "(none)";
			}
		}
		int64_t slot;
		if (sm_hashmap_get(&seen, key, &slot)) {
			counts[slot].count++;
			continue;
		}
		const char *copy = sm_arena_strndup(&text, key, strlen(key));
		if (!copy || (rc = SM_GROW(counts, cap, ncounts + 1)) ||
		    (rc = sm_hashmap_put(&seen, copy, (int64_t)ncounts, NULL))) {
			rc = rc ? rc : sm_fail_nomem();
			goto done;
		}
		counts[ncounts].value = copy;
		counts[ncounts++].count = 1;
	}
	if (ncounts > 1)
		qsort(counts, ncounts, sizeof *counts, cmp_count);
	size_t cv, ca, cs;
	if ((rc = sm_table_new(&t, ncounts)) || (rc = sm_table_add_column(&cv, t, "value", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&ca, t, "actors", SM_COLUMN_INT64)) ||
	    (rc = sm_table_add_column(&cs, t, "share", SM_COLUMN_DOUBLE)))
		goto done;
	for (size_t k = 0; k < ncounts; k++) {
		if ((rc = sm_table_set_string(t, cv, k, counts[k].value)))
			goto done;
		sm_table_set_int64(t, ca, k, counts[k].count);
		sm_table_set_double(t, cs, k, (double)counts[k].count / (double)net->n);
	}
	*out = t;
	t = NULL;
done:
	sm_table_free(t);
	sm_free(counts);
	sm_hashmap_dispose(&seen);
	sm_arena_dispose(&text);
	return rc;
}
