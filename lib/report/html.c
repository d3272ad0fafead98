/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The self-contained HTML report (include/stakemap/report.h, docs/report.md).
 */
#include "stakemap/report.h"

void sm_report_options_init(sm_report_options *opts)
{
	sm_report_options defaults = SM_REPORT_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}
