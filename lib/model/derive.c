/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Networks derived from a network: copies, snapshots in time, and the
 * common builder behind subgraphs and ego networks.
 */
#include <string.h>

#include "model/network_internal.h"

/* Copy the attributes of kept elements (old index i → new index map[i]). */
static int copy_attrs(sm_network *dst, const sm_network *src, sm_element what,
                      const int64_t *map, size_t count)
{
	const sm_attr_table *t = &src->attrs[what];
	for (size_t c = 0; c < t->count; c++) {
		const sm_attr_column *col = &t->cols[c];
		for (size_t i = 0; i < col->len && i < count; i++) {
			if (map[i] < 0 || !col->present[i])
				continue;
			sm_value v = sm_attr_column_value(col, (int64_t)i);
			int rc = sm_network_set_attr(dst, what, map[i], col->name, &v);
			if (rc)
				return rc;
		}
	}
	return SM_OK;
}

int sm_network_derive(sm_network **out, const sm_network *net, const uint8_t *actor_keep,
                      const uint8_t *rel_keep)
{
	sm_network *d = NULL;
	int64_t *amap = NULL, *rmap = NULL;
	int rc = sm_network_new(&d, net->directed);
	if (rc)
		return rc;
	amap = sm_reallocarray(NULL, net->n ? net->n : 1, sizeof *amap);
	rmap = sm_reallocarray(NULL, net->m ? net->m : 1, sizeof *rmap);
	if (!amap || !rmap) {
		rc = sm_fail_nomem();
		goto fail;
	}
	size_t kept_actors = 0, kept_rels = 0;
	for (size_t i = 0; i < net->n; i++)
		kept_actors += !actor_keep || actor_keep[i];
	for (size_t r = 0; r < net->m; r++) {
		bool ends = !actor_keep ||
		            (actor_keep[net->rel_source[r]] && actor_keep[net->rel_target[r]]);
		kept_rels += ends && (!rel_keep || rel_keep[r]);
	}
	if ((rc = sm_network_reserve(d, kept_actors, kept_rels)))
		goto fail;
	for (size_t i = 0; i < net->n; i++) {
		amap[i] = -1;
		if (actor_keep && !actor_keep[i])
			continue;
		const char *label = net->actor_label[i];
		if ((rc = sm_network_add_actor(&amap[i], d, net->actor_id[i], label, net->actor_kind[i])))
			goto fail;
	}
	for (size_t r = 0; r < net->m; r++) {
		int64_t s = amap[net->rel_source[r]], t = amap[net->rel_target[r]];
		rmap[r] = -1;
		if (s < 0 || t < 0 || (rel_keep && !rel_keep[r]))
			continue;
		if ((rc = sm_network_add_relationship_at(&rmap[r], d, s, t, net->rel_quality[r],
		                                         sm_network_rel_kind(net, r))))
			goto fail;
		if (net->rel_since &&
		    (rc = sm_network_set_period_days(d, rmap[r], net->rel_since[r], net->rel_until[r])))
			goto fail;
	}
	if ((rc = copy_attrs(d, net, SM_ACTOR, amap, net->n)) ||
	    (rc = copy_attrs(d, net, SM_RELATIONSHIP, rmap, net->m)))
		goto fail;
	sm_free(amap);
	sm_free(rmap);
	*out = d;
	return SM_OK;
fail:
	sm_free(amap);
	sm_free(rmap);
	sm_network_free(d);
	return rc;
}

int sm_network_at(sm_network **out, const sm_network *net, const char *date)
{
	int32_t day;
	int rc = sm_date_parse(&day, date);
	if (rc)
		return rc;
	uint8_t *keep = sm_malloc(net->m ? net->m : 1);
	if (!keep)
		return sm_fail_nomem();
	for (size_t r = 0; r < net->m; r++) {
		int32_t s = net->rel_since ? net->rel_since[r] : SM_DATE_NONE;
		int32_t u = net->rel_since ? net->rel_until[r] : SM_DATE_NONE;
		keep[r] = (s == SM_DATE_NONE || s <= day) && (u == SM_DATE_NONE || day <= u);
	}
	rc = sm_network_derive(out, net, NULL, keep);
	sm_free(keep);
	return rc;
}
