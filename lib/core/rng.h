/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A seeded pseudo-random generator: xoshiro256** seeded through splitmix64.
 * The same seed gives the same stream on every platform. Not for secrets.
 */
#ifndef SM_LIB_RNG_H
#define SM_LIB_RNG_H

#include <stdint.h>

typedef struct sm_rng {
	uint64_t s[4];
} sm_rng;

void sm_rng_seed(sm_rng *r, uint64_t seed);
uint64_t sm_rng_next(sm_rng *r);
/* Uniform in [0, bound) without modulo bias; bound > 0. */
uint64_t sm_rng_below(sm_rng *r, uint64_t bound);
/* Uniform double in [0, 1) with 53 random bits. */
double sm_rng_uniform(sm_rng *r);

#endif
