/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_H
#define STAKEMAP_H

/**
 * @file stakemap.h
 * The umbrella header: includes every public module header.
 */

#include "stakemap/common.h"
#include "stakemap/table.h"
#include "stakemap/network.h"
#include "stakemap/select.h"
#include "stakemap/io.h"
#include "stakemap/centrality.h"
#include "stakemap/brokerage.h"
#include "stakemap/bubbles.h"
#include "stakemap/gaps.h"
#include "stakemap/report.h"

#endif
