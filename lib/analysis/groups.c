/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Actors grouped by the values of one categorical actor attribute (kind,
 * label, a text or true/false attribute): shared by brokerage, bubbles,
 * gaps and the report.
 */
#include <string.h>

#include "analysis/groups.h"
#include "core/hashmap.h"

void sm_grouping_dispose(sm_grouping *g)
{
	sm_free(g->of);
	sm_free(g->name);
	memset(g, 0, sizeof *g);
}

/* Check that `attr` names a categorical actor attribute; `what` is the
 * option ("by" or "groups") and `use` what needs it, for the messages. */
int sm_grouping_check(const sm_network *net, const char *attr, const char *what,
                          const char *use)
{
	char q[64];
	if (strcmp(attr, "kind") == 0 || strcmp(attr, "label") == 0)
		return SM_OK;
	const sm_attr_column *col = sm_network_attr_column(net, SM_ACTOR, attr);
	if (!col)
		return sm_fail(SM_ENOTFOUND, "%s: no actor attribute %s", what, sm_quote(q, attr));
	if (col->type == SM_VALUE_NUMBER)
		return sm_fail(SM_EINVAL,
		               "%s: attribute %s holds numbers, but %s needs a categorical "
		               "attribute (text or true/false)",
		               what, sm_quote(q, attr), use);
	return SM_OK;
}

/* The value of `attr` for actor i as a group name: kind, label, text, or
 * "true"/"false"; "(none)" when missing. Borrowed from the network. */
static const char *group_key(const sm_network *net, const sm_attr_column *col, bool by_kind,
                             size_t i)
{
	if (by_kind)
		return net->actor_kind[i];
	if (!col) /* label */
		return net->actor_label[i][0] ? net->actor_label[i] : SM_NO_GROUP_NAME;
	sm_value v = sm_attr_column_value(col, (int64_t)i);
	switch (v.type) {
	case SM_VALUE_STRING: return v.as.s;
	case SM_VALUE_BOOL: return v.as.b ? "true" : "false";
	default: return SM_NO_GROUP_NAME;
	}
}

/* Group the actors by `attr` (checked by grouping_check). Groups are
 * numbered in order of first appearance. */
int sm_grouping_build(sm_grouping *out, const sm_network *net, const char *attr)
{
	bool by_kind = strcmp(attr, "kind") == 0;
	const sm_attr_column *col = NULL;
	if (!by_kind && strcmp(attr, "label") != 0)
		col = sm_network_attr_column(net, SM_ACTOR, attr);
	size_t n = net->n;
	sm_grouping g = { 0 };
	sm_hashmap index;
	sm_hashmap_init(&index);
	g.of = sm_malloc((n ? n : 1) * sizeof *g.of);
	g.name = sm_malloc((n ? n : 1) * sizeof *g.name);
	if (!g.of || !g.name)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		const char *key = group_key(net, col, by_kind, i);
		int64_t existing;
		int rc = sm_hashmap_put(&index, key, g.count, &existing);
		if (rc == SM_EDUPLICATE) {
			g.of[i] = (int32_t)existing;
		} else if (rc == SM_OK) {
			g.name[g.count] = key;
			g.of[i] = g.count++;
		} else {
			goto nomem;
		}
	}
	sm_hashmap_dispose(&index);
	*out = g;
	return SM_OK;

nomem:
	sm_hashmap_dispose(&index);
	sm_grouping_dispose(&g);
	return sm_fail_nomem();
}

int sm_split_names(char **text, const char ***names, size_t *count, const char *list,
                   const char *option)
{
	char q[64];
	size_t len = strlen(list), max = 1;
	for (size_t i = 0; i < len; i++)
		max += list[i] == ',';
	char *copy = sm_strdup(list);
	const char **out = sm_malloc(max * sizeof *out);
	if (!copy || !out) {
		sm_free(copy);
		sm_free(out);
		return sm_fail_nomem();
	}
	size_t n = 0;
	for (char *p = copy;;) {
		char *end = strchr(p, ',');
		if (end)
			*end = '\0';
		while (*p == ' ')
			p++;
		size_t k = strlen(p);
		while (k > 0 && p[k - 1] == ' ')
			p[--k] = '\0';
		if (k == 0) {
			sm_free(copy);
			sm_free(out);
			return sm_fail(SM_EINVAL, "%s: empty attribute name in %s", option,
			               sm_quote(q, list));
		}
		out[n++] = p;
		if (!end)
			break;
		p = end + 1;
	}
	*text = copy;
	*names = out;
	*count = n;
	return SM_OK;
}
