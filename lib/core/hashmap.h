/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * An open-addressing hash map from strings to int64 (linear probing,
 * power-of-two capacity, load factor ≤ 0.7, stored hashes). Keys are not
 * copied: they must outlive the map (they normally live in an sm_arena).
 */
#ifndef SM_LIB_HASHMAP_H
#define SM_LIB_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct sm_hashmap_slot {
	const char *key; /* NULL = empty */
	uint64_t hash;
	int64_t value;
} sm_hashmap_slot;

typedef struct sm_hashmap {
	sm_hashmap_slot *slots;
	size_t capacity; /* 0 or a power of two */
	size_t count;
} sm_hashmap;

/* 64-bit hash of a NUL-terminated string (FNV-1a folded with a final mix). */
uint64_t sm_hash_string(const char *s, size_t len);

void sm_hashmap_init(sm_hashmap *m);
void sm_hashmap_dispose(sm_hashmap *m);
/* Make room for `n` entries without rehashing; SM_OK or SM_ENOMEM. */
int sm_hashmap_reserve(sm_hashmap *m, size_t n);
/* Look up `key`; returns 1 and sets *value if found, 0 otherwise. */
int sm_hashmap_get(const sm_hashmap *m, const char *key, int64_t *value);
int sm_hashmap_get_h(const sm_hashmap *m, const char *key, uint64_t hash, int64_t *value);
/* Insert `key` → `value` if absent. Returns SM_OK (inserted), SM_EDUPLICATE
 * (present; *existing set if non-NULL, nothing changed) or SM_ENOMEM.
 * Does not set the last error for SM_EDUPLICATE. */
int sm_hashmap_put(sm_hashmap *m, const char *key, int64_t value, int64_t *existing);
int sm_hashmap_put_h(sm_hashmap *m, const char *key, uint64_t hash, int64_t value,
                     int64_t *existing);

#endif
