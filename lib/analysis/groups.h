/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Actors grouped by a categorical attribute: "kind", "label", or any text
 * or true/false actor attribute. Actors without a value form the group
 * SM_NO_GROUP_NAME. Shared by brokerage, bubbles, gaps and the report.
 */
#ifndef SM_LIB_ANALYSIS_GROUPS_H
#define SM_LIB_ANALYSIS_GROUPS_H

#include <stdint.h>

#include "model/network_internal.h"

/* The group given to actors without a value of the attribute. */
#define SM_NO_GROUP_NAME "(none)"

typedef struct sm_grouping {
	int32_t *of;       /* group of each actor */
	const char **name; /* group names (borrowed from the network or static) */
	int32_t count;     /* groups, numbered in order of first appearance */
} sm_grouping;

/* Check that `attr` names a categorical actor attribute; `what` is the
 * option ("by", "groups", …) and `use` what needs it, for the messages.
 * SM_OK, SM_ENOTFOUND (no such attribute) or SM_EINVAL (numeric). */
int sm_grouping_check(const sm_network *net, const char *attr, const char *what,
                      const char *use);

/* Group the actors by `attr` (checked by sm_grouping_check first).
 * SM_OK or SM_ENOMEM. */
int sm_grouping_build(sm_grouping *out, const sm_network *net, const char *attr);

void sm_grouping_dispose(sm_grouping *g);

/* Split a comma-separated list of attribute names ("gender, region"): *text
 * receives a copy split in place and *names (count entries) points into it;
 * free both with sm_free(). Spaces around a name are dropped. SM_OK,
 * SM_EINVAL for an empty name ("<option>: empty attribute name in "<list>"")
 * or SM_ENOMEM; nothing to free on error. */
int sm_split_names(char **text, const char ***names, size_t *count, const char *list,
                   const char *option);

#endif
