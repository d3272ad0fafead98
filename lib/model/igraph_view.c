/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The igraph view of a frozen network, for the analyses that use igraph
 * (community detection, layouts). Built once with one igraph_create()
 * call from the relationship arrays — never edge by edge.
 */
#include <string.h>

#include "core/igraph_guard.h"
#include "model/network_internal.h"

struct sm_igraph_view {
	igraph_t graph;
	igraph_vector_t quality;
};

void sm_igraph_view_free(sm_igraph_view *view)
{
	if (!view)
		return;
	sm_igraph_guard g;
	sm_igraph_enter(&g, NULL, NULL, "free");
	igraph_destroy(&view->graph);
	igraph_vector_destroy(&view->quality);
	sm_igraph_leave(&g, IGRAPH_SUCCESS, "free");
	sm_free(view);
}

static int view_build(sm_igraph_view **out, const sm_network *net)
{
	sm_igraph_view *v = sm_calloc(1, sizeof *v);
	if (!v)
		return sm_fail_nomem();
	igraph_vector_int_t edges;
	sm_igraph_guard g;
	igraph_error_t rc;
	bool have_edges = false, have_graph = false;
	sm_igraph_enter(&g, NULL, NULL, "igraph view");
	rc = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * net->m));
	if (rc != IGRAPH_SUCCESS)
		goto done;
	have_edges = true;
	for (size_t r = 0; r < net->m; r++) {
		VECTOR(edges)[2 * r] = net->rel_source[r];
		VECTOR(edges)[2 * r + 1] = net->rel_target[r];
	}
	rc = igraph_create(&v->graph, &edges, (igraph_integer_t)net->n,
	                   net->directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED);
	if (rc != IGRAPH_SUCCESS)
		goto done;
	have_graph = true;
	rc = igraph_vector_init(&v->quality, (igraph_integer_t)net->m);
	if (rc != IGRAPH_SUCCESS)
		goto done;
	if (net->m)
		memcpy(VECTOR(v->quality), net->rel_quality, net->m * sizeof(double));
done:
	if (have_edges)
		igraph_vector_int_destroy(&edges);
	if (rc != IGRAPH_SUCCESS && have_graph)
		igraph_destroy(&v->graph);
	int code = sm_igraph_leave(&g, rc, "building the igraph view");
	if (code != SM_OK) {
		sm_free(v);
		return code;
	}
	*out = v;
	return SM_OK;
}

int sm_network_igraph(const igraph_t **graph, const igraph_vector_t **quality,
                      const sm_network *cnet)
{
	const sm_frozen *cf = sm_network_frozen(cnet);
	if (!cf)
		return sm_error_last()->code;
	/* The view is a cache of the frozen network: see sm_network_frozen(). */
	sm_network *net = (sm_network *)cnet;
	sm_frozen *f = (sm_frozen *)cf;
	sm_igraph_view *v = atomic_load_explicit(&f->igraph, memory_order_acquire);
	int rc = SM_OK;
	if (!v) {
		pthread_mutex_lock(&net->freeze_lock);
		v = atomic_load_explicit(&f->igraph, memory_order_acquire);
		if (!v && (rc = view_build(&v, net)) == SM_OK)
			atomic_store_explicit(&f->igraph, v, memory_order_release);
		pthread_mutex_unlock(&net->freeze_lock);
	}
	if (rc)
		return rc;
	*graph = &v->graph;
	*quality = &v->quality;
	return SM_OK;
}
