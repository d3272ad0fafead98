/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_SELECT_H
#define STAKEMAP_SELECT_H

/**
 * @file select.h
 * Selections of actors by a small expression language, and the networks
 * derived from them (subgraphs, ego networks).
 *
 * Grammar (keywords case-insensitive):
 *
 *     expr    := or
 *     or      := and ( "or" and )*
 *     and     := not ( "and" not )*
 *     not     := "not" not | primary
 *     primary := "(" expr ")" | field cmp
 *     cmp     := op literal | ["not"] "in" "(" literal ("," literal)* ")"
 *              | "is" ["not"] "null"
 *     op      := "=" | "!=" | "<" | "<=" | ">" | ">="
 *     field   := identifier | `quoted name`
 *     literal := 'text' | "text" | number | true | false | bare-word
 *
 * Fields are `id`, `label`, `kind` or an actor attribute. A bare word on the
 * right of an operator is text (`kind in (ngo, diaspora)`). Comparisons
 * with a missing value are false (use `is null`). Text compares bytewise;
 * comparing a number attribute with text (or the reverse) is an error, as is
 * an unknown field. Errors give the 1-based column of the offending token.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stakemap/common.h"
#include "stakemap/network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque set of actors of one network. */
typedef struct sm_selection sm_selection;

/** Longest expression accepted, in bytes. */
#define SM_MAX_EXPRESSION_BYTES 65536

/**
 * Select the actors of `net` for which `expr` is true.
 *
 * @param[out] out  new selection; free with sm_selection_free()
 * @param net   the network
 * @param expr  the expression (see the grammar above)
 * @return SM_OK, SM_EPARSE (syntax; sm_error_last()->column points at it),
 *         SM_ENOTFOUND (unknown field, column set), SM_EINVAL (type
 *         mismatch, column set), SM_ELIMIT (too long or nested) or SM_ENOMEM
 * Time: O(|expr| + n · |expr|).
 */
SM_EXPORT int sm_select(sm_selection **out, const sm_network *net, const char *expr);

/**
 * A selection of the given actor indices (duplicates ignored).
 * @return SM_OK, SM_EINVAL (index out of range) or SM_ENOMEM
 */
SM_EXPORT int sm_selection_from_indices(sm_selection **out, const sm_network *net,
                                        const int64_t *indices, size_t count);

/** Free a selection. sm_selection_free(NULL) does nothing. */
SM_EXPORT void sm_selection_free(sm_selection *sel);

/** Number of selected actors. */
SM_EXPORT int64_t sm_selection_count(const sm_selection *sel);

/** Whether actor `i` is selected. */
SM_EXPORT bool sm_selection_contains(const sm_selection *sel, int64_t i);

/**
 * The selected actor indices, ascending.
 * @param[out] n  their number, or NULL
 * @return borrowed until sm_selection_free(sel)
 */
SM_EXPORT const int64_t *sm_selection_indices(const sm_selection *sel, size_t *n);

/**
 * The subgraph induced by a selection: the selected actors (in their order,
 * with their attributes) and the relationships between two of them.
 *
 * @param[out] out  new network; free with sm_network_free()
 * @param sel   a selection made on `net`
 * @return SM_OK, SM_EINVAL (selection of another network) or SM_ENOMEM
 * Time: O(n + m).
 */
SM_EXPORT int sm_network_subgraph(sm_network **out, const sm_network *net,
                                  const sm_selection *sel);

/** Direction to follow from the centre of an ego network. */
typedef enum sm_direction {
	SM_DIR_ALL = 0, /**< both ways (the only mode for undirected networks) */
	SM_DIR_OUT,     /**< along relationships, source → target */
	SM_DIR_IN       /**< against them */
} sm_direction;

/**
 * The ego network of actor `id`: every actor within `radius` steps of it and
 * the relationships among them.
 *
 * @param[out] out  new network; free with sm_network_free()
 * @param radius  number of steps, ≥ 0 (0 = the actor alone)
 * @return SM_OK, SM_ENOTFOUND (unknown id), SM_EINVAL (radius < 0) or SM_ENOMEM
 * Time: O(n + m).
 */
SM_EXPORT int sm_network_ego(sm_network **out, const sm_network *net, const char *id,
                             int radius, sm_direction direction);

#ifdef __cplusplus
}
#endif

#endif
