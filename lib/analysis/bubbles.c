/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * include/stakemap/bubbles.h, docs/bubbles.md.
 */
#include "stakemap/bubbles.h"

void sm_bubbles_options_init(sm_bubbles_options *opts)
{
	sm_bubbles_options defaults = SM_BUBBLES_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}
