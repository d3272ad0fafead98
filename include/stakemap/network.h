/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_NETWORK_H
#define STAKEMAP_NETWORK_H

/**
 * @file network.h
 * The stakeholder network: actors, relationships, typed attributes, the
 * built-in kind taxonomy, snapshots in time, subgraphs and ego networks.
 *
 * A network is built by adding actors and relationships (amortised O(1)
 * each), then read. The first analysis *freezes* it into a compressed
 * adjacency; a frozen network may be read from any number of threads at
 * once. Mutating a network drops the frozen views (the next analysis
 * rebuilds them); mutation is never safe concurrently with reading.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stakemap/common.h"
#include "stakemap/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque network handle. */
typedef struct sm_network sm_network;

/** The type of an attribute value. */
typedef enum sm_value_type {
	SM_VALUE_NULL = 0, /**< missing */
	SM_VALUE_STRING,
	SM_VALUE_NUMBER,   /**< a finite double */
	SM_VALUE_BOOL
} sm_value_type;

/** A typed attribute value. Strings are borrowed (see each function). */
typedef struct sm_value {
	sm_value_type type;
	union {
		const char *s;
		double n;
		bool b;
	} as;
} sm_value;

/** Construct values (handy from C; bindings fill the struct directly). */
SM_EXPORT sm_value sm_value_string(const char *s);
SM_EXPORT sm_value sm_value_number(double n);
SM_EXPORT sm_value sm_value_bool(bool b);
SM_EXPORT sm_value sm_value_null(void);

/** Which element an attribute belongs to. */
typedef enum sm_element {
	SM_ACTOR = 0,
	SM_RELATIONSHIP = 1
} sm_element;

/**
 * A relationship as read back from a network. Strings are borrowed and
 * valid until the network is freed.
 */
typedef struct sm_relationship {
	int64_t source;   /**< actor index */
	int64_t target;   /**< actor index */
	double quality;   /**< in (0, 1] */
	const char *kind; /**< NULL when unset */
	int32_t since;    /**< days since 1970-01-01, or SM_DATE_NONE */
	int32_t until;    /**< days since 1970-01-01 (inclusive), or SM_DATE_NONE */
} sm_relationship;

/* ---- limits ---------------------------------------------------------- */

/** Longest actor id, label, kind or string attribute value, in bytes. */
#define SM_MAX_STRING_BYTES (64 * 1024)
/** Most attributes (distinct names) per element type. */
#define SM_MAX_ATTRIBUTES 1024
/** Most actors in one network (indices are int32 in the frozen adjacency). */
#define SM_MAX_ACTORS INT32_MAX

/* ---- life cycle ------------------------------------------------------ */

/**
 * Create an empty network.
 *
 * @param[out] out  new network; free with sm_network_free()
 * @param directed  whether relationships have a direction
 * @return SM_OK or SM_ENOMEM
 */
SM_EXPORT int sm_network_new(sm_network **out, bool directed);

/** Free a network. sm_network_free(NULL) does nothing. */
SM_EXPORT void sm_network_free(sm_network *net);

/**
 * A deep copy of `net` (attributes included, frozen views not).
 * @param[out] out new network; free with sm_network_free()
 * @return SM_OK or SM_ENOMEM
 */
SM_EXPORT int sm_network_copy(sm_network **out, const sm_network *net);

/** Whether relationships are directed. */
SM_EXPORT bool sm_network_is_directed(const sm_network *net);

/** Number of actors. */
SM_EXPORT int64_t sm_network_actor_count(const sm_network *net);

/** Number of relationships (multi-relationships counted one by one). */
SM_EXPORT int64_t sm_network_relationship_count(const sm_network *net);

/* ---- actors ---------------------------------------------------------- */

/**
 * Add an actor.
 *
 * @param[out] index  the new actor's index (0-based, in insertion order), or NULL
 * @param net   the network
 * @param id    unique, non-empty, valid UTF-8, at most SM_MAX_STRING_BYTES
 * @param label display name, or NULL / "" for none
 * @param kind  a built-in kind (see sm_kind_count()) or any other string;
 *              NULL or "" means "other"
 * @return SM_OK, SM_EINVAL (empty id, bad UTF-8, too long),
 *         SM_EDUPLICATE (id already used) or SM_ENOMEM.
 *         On error the network is unchanged.
 *
 * Time: amortised O(|id| + |label| + |kind|).
 */
SM_EXPORT int sm_network_add_actor(int64_t *index, sm_network *net, const char *id,
                                   const char *label, const char *kind);

/**
 * Find an actor by id.
 * @param[out] index the actor's index
 * @return SM_OK or SM_ENOTFOUND (message names the id)
 */
SM_EXPORT int sm_network_find_actor(int64_t *index, const sm_network *net, const char *id);

/** Id of actor `i`: borrowed until the network is freed; NULL if out of range. */
SM_EXPORT const char *sm_network_actor_id(const sm_network *net, int64_t i);
/** Label of actor `i` ("" when none): borrowed as above. */
SM_EXPORT const char *sm_network_actor_label(const sm_network *net, int64_t i);
/** Kind of actor `i` (never NULL for a valid index): borrowed as above. */
SM_EXPORT const char *sm_network_actor_kind(const sm_network *net, int64_t i);

/* ---- relationships --------------------------------------------------- */

/**
 * Add a relationship between two existing actors, by id.
 *
 * @param[out] index  the new relationship's index, or NULL
 * @param net     the network
 * @param source  id of an existing actor
 * @param target  id of an existing actor, different from source
 * @param quality strength of the relationship, in (0, 1]
 * @param kind    e.g. "formal", "informal", "funding"; NULL or "" for none
 * @return SM_OK, SM_ENOTFOUND (unknown actor), SM_EINVAL (quality outside
 *         (0, 1] or NaN, self-relationship), or SM_ENOMEM. On error the
 *         network is unchanged.
 *
 * Self-relationships (source = target) are rejected: an actor's relation
 * with itself carries no information in a stakeholder map (docs/formats/).
 * Several relationships between the same pair are kept (multi-relationships).
 * Time: amortised O(1) plus the id look-ups.
 */
SM_EXPORT int sm_network_add_relationship(int64_t *index, sm_network *net, const char *source,
                                          const char *target, double quality, const char *kind);

/**
 * Add a relationship by actor indices; as sm_network_add_relationship().
 */
SM_EXPORT int sm_network_add_relationship_at(int64_t *index, sm_network *net, int64_t source,
                                             int64_t target, double quality, const char *kind);

/**
 * Set the period in which relationship `r` is active; both ends inclusive.
 *
 * @param since  "YYYY-MM-DD", or NULL / "" for open
 * @param until  "YYYY-MM-DD", or NULL / "" for open; not before since
 * @return SM_OK, SM_EINVAL (malformed date, until < since, bad index)
 */
SM_EXPORT int sm_network_set_period(sm_network *net, int64_t r, const char *since,
                                    const char *until);

/**
 * Read relationship `r`.
 * @param[out] out  filled on success; strings borrowed until the network is freed
 * @return SM_OK or SM_EINVAL (index out of range)
 */
SM_EXPORT int sm_network_relationship(sm_relationship *out, const sm_network *net, int64_t r);

/* ---- attributes ------------------------------------------------------ */

/**
 * Set attribute `name` of actor or relationship `i` to `value`.
 *
 * Each attribute has one type across all elements: the first non-null value
 * fixes it, and a value of another type is an error (nothing is converted
 * silently). A null value removes the attribute from that element. The names
 * "id", "label", "kind" (actors) and "source", "target", "quality", "kind",
 * "since", "until" (relationships) are reserved.
 *
 * Names are valid UTF-8 without control characters and without leading or
 * trailing spaces (they become CSV headers and GraphML keys).
 *
 * @return SM_OK, SM_EINVAL (reserved, empty or malformed name, type mismatch,
 *         number not finite, bad UTF-8, index out of range), SM_ELIMIT (more than
 *         SM_MAX_ATTRIBUTES names) or SM_ENOMEM. On error nothing changes.
 * Time: amortised O(1) plus the name look-up.
 */
SM_EXPORT int sm_network_set_attr(sm_network *net, sm_element what, int64_t i, const char *name,
                                  const sm_value *value);

/**
 * Read attribute `name` of element `i`.
 * @param[out] out  the value (SM_VALUE_NULL when unset); strings borrowed until
 *                  the network is freed
 * @return SM_OK, SM_ENOTFOUND (no attribute of that name) or SM_EINVAL (index)
 */
SM_EXPORT int sm_network_attr(sm_value *out, const sm_network *net, sm_element what, int64_t i,
                              const char *name);

/** Number of attribute names declared for actors or relationships. */
SM_EXPORT int64_t sm_network_attr_count(const sm_network *net, sm_element what);

/**
 * Name and type of attribute `k` (0 … count − 1), in first-use order.
 * @param[out] type  the attribute's type (SM_VALUE_NULL if only nulls were set), or NULL
 * @return the name, borrowed until the network is freed; NULL if out of range
 */
SM_EXPORT const char *sm_network_attr_name(const sm_network *net, sm_element what, int64_t k,
                                           sm_value_type *type);

/* ---- kinds ----------------------------------------------------------- */

/** Number of built-in actor kinds. */
SM_EXPORT size_t sm_kind_count(void);
/** Name of built-in kind `k` ("diplomat", ...); NULL if out of range. Static storage. */
SM_EXPORT const char *sm_kind_name(size_t k);
/** One-line description of built-in kind `k`; NULL if out of range. Static storage. */
SM_EXPORT const char *sm_kind_description(size_t k);
/** Whether `name` is a built-in kind. */
SM_EXPORT bool sm_kind_is_builtin(const char *name);

/* ---- derived networks ------------------------------------------------ */

/**
 * The snapshot of `net` on a date: every actor, and the relationships active
 * on that date (since ≤ date ≤ until, open ends always satisfied).
 *
 * @param[out] out  new network; free with sm_network_free()
 * @param date      "YYYY-MM-DD"
 * @return SM_OK, SM_EINVAL (malformed date) or SM_ENOMEM
 * Time: O(n + m).
 */
SM_EXPORT int sm_network_at(sm_network **out, const sm_network *net, const char *date);

/* sm_network_subgraph() and sm_network_ego() take selections: see select.h. */

/* ---- frozen views and summary ---------------------------------------- */

/**
 * Freeze the network now: build its compressed adjacency (both directions
 * for directed networks). Analyses do this on first use; calling it first
 * lets several threads then analyse the network at once without contention.
 * Safe to call from several threads; idempotent until the next mutation.
 *
 * @return SM_OK or SM_ENOMEM
 * Time: O(n + m log(max degree)).
 */
SM_EXPORT int sm_network_freeze(const sm_network *net);

/** Whole-network figures, as printed by `stakemap summary`. */
typedef struct sm_summary {
	int64_t actors;
	int64_t relationships;
	bool directed;
	int64_t pairs;              /**< connected pairs, multi-relationships merged */
	int64_t multi_relationships;/**< relationships beyond the first between a pair */
	double density;             /**< pairs / possible pairs (0 below two actors) */
	int64_t components;         /**< (weakly) connected components */
	int64_t largest_component;  /**< actors in the largest component */
	int64_t strong_components;  /**< strongly connected components (directed; else = components) */
	int64_t isolated;           /**< actors without relationships */
	double mean_degree;         /**< mean number of relationships per actor */
	double quality_min, quality_max, quality_mean, quality_median; /**< NaN without relationships */
	int64_t quality_histogram[5]; /**< counts in (0,.2] (.2,.4] (.4,.6] (.6,.8] (.8,1] */
	int64_t dated;              /**< relationships with a since or until date */
	int32_t first_date;         /**< earliest since/until, or SM_DATE_NONE */
	int32_t last_date;          /**< latest since/until, or SM_DATE_NONE */
} sm_summary;

/**
 * Summarise a network.
 * @param[out] out  filled on success
 * @return SM_OK or SM_ENOMEM
 * Time: O(n + m) after freezing (components by union–find / Tarjan).
 */
SM_EXPORT int sm_network_summarize(sm_summary *out, const sm_network *net);

/**
 * Count actors by the value of a categorical attribute ("kind", "label" or
 * any actor attribute; numbers and booleans are counted by their text).
 *
 * @param[out] out  new table (columns: `value` string, `actors` int64,
 *                  `share` double), sorted by count descending then value;
 *                  missing values counted under "(none)"; free with sm_table_free()
 * @param attribute "kind" or an actor attribute name
 * @return SM_OK, SM_ENOTFOUND (unknown attribute) or SM_ENOMEM
 * Time: O(n log n).
 */
SM_EXPORT int sm_network_count_by(sm_table **out, const sm_network *net, const char *attribute);

#ifdef __cplusplus
}
#endif

#endif
