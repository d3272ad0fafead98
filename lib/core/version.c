/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/core.h"

const char *sm_version(void)
{
	return SM_VERSION_STRING;
}

uint32_t sm_version_hex(void)
{
	return (uint32_t)SM_VERSION_HEX;
}
