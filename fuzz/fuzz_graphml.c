/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fuzz_graphml: the input is a GraphML file (docs/formats/graphml.md).
 * It is loaded from memory and from a file (same result), validated
 * (sm_validate agrees), and when it loads: summarised, saved, loaded back
 * (equal), saved again (same bytes), converted to JSON and the CSV pair and
 * back (equal), and loaded with directed = 1.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_check_file_format(data, size, SM_FORMAT_GRAPHML, "network.graphml");
	return 0;
}
