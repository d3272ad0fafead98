/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Open addressing with linear probing. Hashes are stored so that growing
 * never re-hashes strings and probes compare hashes before bytes.
 */
#include <string.h>

#include "core/core.h"
#include "core/hashmap.h"

uint64_t sm_hash_string(const char *s, size_t len)
{
	/* FNV-1a, 8 bytes a step where possible, then a murmur-style finaliser
	 * so linear probing sees well-spread low bits. */
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

void sm_hashmap_init(sm_hashmap *m)
{
	m->slots = NULL;
	m->capacity = 0;
	m->count = 0;
}

void sm_hashmap_dispose(sm_hashmap *m)
{
	sm_free(m->slots);
	sm_hashmap_init(m);
}

static int rehash(sm_hashmap *m, size_t capacity)
{
	sm_hashmap_slot *slots = sm_calloc(capacity, sizeof *slots);
	if (!slots)
		return sm_fail_nomem();
	size_t mask = capacity - 1;
	for (size_t i = 0; i < m->capacity; i++) {
		const sm_hashmap_slot *s = &m->slots[i];
		if (!s->key)
			continue;
		size_t j = (size_t)s->hash & mask;
		while (slots[j].key)
			j = (j + 1) & mask;
		slots[j] = *s;
	}
	sm_free(m->slots);
	m->slots = slots;
	m->capacity = capacity;
	return SM_OK;
}

int sm_hashmap_reserve(sm_hashmap *m, size_t n)
{
	size_t cap = m->capacity ? m->capacity : 16;
	/* load factor ≤ 0.7 */
	while (n + n / 2 >= cap) {
		if (cap > SIZE_MAX / 4)
			return sm_fail_nomem();
		cap *= 2;
	}
	if (cap == m->capacity)
		return SM_OK;
	return rehash(m, cap);
}

int sm_hashmap_get_h(const sm_hashmap *m, const char *key, uint64_t hash, int64_t *value)
{
	if (!m->capacity)
		return 0;
	size_t mask = m->capacity - 1;
	for (size_t j = (size_t)hash & mask;; j = (j + 1) & mask) {
		const sm_hashmap_slot *s = &m->slots[j];
		if (!s->key)
			return 0;
		if (s->hash == hash && (s->key == key || strcmp(s->key, key) == 0)) {
			if (value)
				*value = s->value;
			return 1;
		}
	}
}

int sm_hashmap_get(const sm_hashmap *m, const char *key, int64_t *value)
{
	return sm_hashmap_get_h(m, key, sm_hash_string(key, strlen(key)), value);
}

int sm_hashmap_put_h(sm_hashmap *m, const char *key, uint64_t hash, int64_t value,
                     int64_t *existing)
{
	if ((m->count + 1) * 10 > m->capacity * 7) {
		int rc = sm_hashmap_reserve(m, m->count + 1);
		if (rc)
			return rc;
	}
	size_t mask = m->capacity - 1;
	for (size_t j = (size_t)hash & mask;; j = (j + 1) & mask) {
		sm_hashmap_slot *s = &m->slots[j];
		if (!s->key) {
			s->key = key;
			s->hash = hash;
			s->value = value;
			m->count++;
			return SM_OK;
		}
		if (s->hash == hash && (s->key == key || strcmp(s->key, key) == 0)) {
			if (existing)
				*existing = s->value;
			return SM_EDUPLICATE;
		}
	}
}

int sm_hashmap_put(sm_hashmap *m, const char *key, int64_t value, int64_t *existing)
{
	return sm_hashmap_put_h(m, key, sm_hash_string(key, strlen(key)), value, existing);
}
