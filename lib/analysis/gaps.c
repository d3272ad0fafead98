/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * include/stakemap/gaps.h, docs/gaps.md.
 */
#include "stakemap/gaps.h"

void sm_gaps_options_init(sm_gaps_options *opts)
{
	sm_gaps_options defaults = SM_GAPS_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}
