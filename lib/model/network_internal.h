/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The inside of sm_network, for the model, io and analysis layers.
 *
 * Actors and relationships are stored as parallel growable arrays (struct of
 * arrays). Strings are interned in one arena per network. Attributes are
 * stored by column: one sm_attr_column per name, its cells indexed by
 * element. The frozen view (CSR adjacency) is built once, under a mutex, by
 * the first reader, and dropped by any mutation.
 */
#ifndef SM_LIB_NETWORK_INTERNAL_H
#define SM_LIB_NETWORK_INTERNAL_H

#include <igraph.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/core.h"
#include "core/hashmap.h"
#include "stakemap/network.h"
#include "stakemap/select.h"

/* One attribute value slot; which member is valid is the column's type. */
typedef union sm_cell {
	const char *s; /* interned */
	double n;
	bool b;
} sm_cell;

typedef struct sm_attr_column {
	const char *name;   /* interned */
	sm_value_type type; /* SM_VALUE_NULL until a non-null value is set */
	size_t len;         /* cells allocated (may be < element count: the rest are null) */
	size_t cap;
	sm_cell *cells;
	uint8_t *present; /* 1 = set, 0 = null */
	int64_t set_count;
} sm_attr_column;

typedef struct sm_attr_table {
	sm_attr_column *cols;
	size_t count, cap;
	sm_hashmap by_name; /* name -> column index */
} sm_attr_table;

/* Compressed sparse rows: entries of actor v are [offsets[v], offsets[v+1]),
 * sorted by neighbour then by relationship index. Multi-relationships give
 * one entry each. */
typedef struct sm_csr {
	int64_t n;
	int64_t *offsets; /* n + 1 */
	int32_t *nbr;
	double *q;
} sm_csr;

typedef struct sm_igraph_view sm_igraph_view; /* igraph_view.c */

typedef struct sm_frozen {
	sm_csr out; /* undirected: every relationship in both rows */
	sm_csr in;  /* directed only: rows by target; undirected: in.offsets == NULL */
	_Atomic(sm_igraph_view *) igraph; /* built on first use by sm_network_igraph() */
} sm_frozen;

struct sm_network {
	bool directed;
	sm_interner strings; /* kinds, relationship kinds, attribute names and values */
	sm_arena names;      /* actor ids and labels (mostly unique: not interned) */

	/* actors */
	size_t n, actor_cap;
	const char **actor_id;
	const char **actor_label; /* "" for none */
	const char **actor_kind;
	sm_hashmap id_index; /* id -> actor index */

	/* relationships */
	size_t m, rel_cap;
	int32_t *rel_source;
	int32_t *rel_target;
	double *rel_quality;
	uint32_t *rel_kind;   /* index into rel_kinds; 0 = none */
	int32_t *rel_since;   /* NULL until a relationship has a period */
	int32_t *rel_until;
	size_t period_cap;    /* capacity of rel_since/rel_until */
	const char **rel_kinds; /* [0] = NULL, then distinct kinds (interned) */
	size_t rel_kind_count, rel_kind_cap;
	sm_hashmap rel_kind_index; /* kind -> index */

	sm_attr_table attrs[2]; /* SM_ACTOR, SM_RELATIONSHIP */

	/* frozen views */
	pthread_mutex_t freeze_lock;
	_Atomic(sm_frozen *) frozen;
};

/* The frozen view, building it on first use (thread-safe). NULL on
 * allocation failure (last error set). */
const sm_frozen *sm_network_frozen(const sm_network *net);
/* The igraph view: every relationship an edge (edge id = relationship
 * index, multi-relationships kept), `quality` the edge weights. Built on
 * first use and kept with the frozen view; borrowed until the next
 * mutation. Lock order: call it BEFORE sm_igraph_enter() (it takes the
 * freeze lock, then the igraph lock). Returns SM_OK or an SM_E* code. */
int sm_network_igraph(const igraph_t **graph, const igraph_vector_t **quality,
                      const sm_network *net);
void sm_igraph_view_free(sm_igraph_view *view);

/* Drop frozen views (called by every mutation). */
void sm_network_thaw(sm_network *net);

/* Intern a string in the network's arena (NULL on failure, last error set). */
const char *sm_network_intern(sm_network *net, const char *s, size_t len);

/* The column of attribute `name`, or NULL. */
const sm_attr_column *sm_network_attr_column(const sm_network *net, sm_element what,
                                             const char *name);
/* Whether `name` is a fixed field of the element ("id", "label", "kind";
 * "source", "target", "quality", "kind", "since", "until"), which can
 * never be an attribute name. CSV headers compare without case. */
bool sm_attr_name_reserved(sm_element what, const char *name, bool ignore_case);
/* Value of a column cell as sm_value (NULL type when unset). */
sm_value sm_attr_column_value(const sm_attr_column *col, int64_t i);

/* Validate a caller's string (length limit, UTF-8); *len set. "what" names it. */
int sm_check_text(const char *what, const char *s, size_t *len);
/* SM_OK if quality is in (0, 1], else SM_EINVAL naming the value. */
int sm_check_quality(double quality);
/* Grow the relationship arrays to hold `need` relationships. */
int sm_network_grow_relationships(sm_network *net, size_t need);
/* Set the period of relationship r in days (SM_DATE_NONE = open). */
int sm_network_set_period_days(sm_network *net, int64_t r, int32_t since, int32_t until);
/* Free both attribute tables (attributes.c). */
void sm_attr_tables_dispose(sm_network *net);

/* Reserve room for n actors / m relationships (bulk loaders). SM_OK or SM_ENOMEM. */
int sm_network_reserve(sm_network *net, size_t actors, size_t relationships);

/* Build a new network holding the actors in `keep` (NULL = all, in order)
 * and those relationships r for which rel_keep[r] (NULL = all whose ends are
 * both kept). Attributes copied. Used by subgraph, ego and snapshots. */
int sm_network_derive(sm_network **out, const sm_network *net, const uint8_t *actor_keep,
                      const uint8_t *rel_keep);

/* The network a selection was made on (select.c): analyses taking a
 * selection check that it belongs to the network they are given. */
const sm_network *sm_selection_network(const sm_selection *sel);

/* The kind palette (kinds.c), shared by the exports and the report: built-in
 * kind k (sm_kind_name(k)) has colour k; any other kind the colour of its
 * FNV-1a 32-bit hash modulo 16; NULL is "other". docs/formats/gexf.md and
 * docs/report.md show the table. */
#define SM_PALETTE_SIZE 16
typedef struct sm_colour {
	const char *hex;          /* "#rrggbb" */
	unsigned char rgb[3];
} sm_colour;
extern const sm_colour sm_palette[SM_PALETTE_SIZE];
int sm_kind_palette_index(const char *kind);

/* Relationship kind string of relationship r (NULL when none). */
static inline const char *sm_network_rel_kind(const sm_network *net, size_t r)
{
	return net->rel_kinds[net->rel_kind[r]];
}

#endif
