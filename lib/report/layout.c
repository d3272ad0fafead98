/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Layouts (include/stakemap/report.h, docs/report.md).
 */
#include "stakemap/report.h"

void sm_layout_options_init(sm_layout_options *opts)
{
	sm_layout_options defaults = SM_LAYOUT_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}
