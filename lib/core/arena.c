/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "core/arena.h"
#include "core/core.h"

/* Blocks start small (derived networks, subgraphs and tests hold few
 * strings) and double up to SM_ARENA_BLOCK. */
#define SM_ARENA_FIRST_BLOCK (4 * 1024)
#define SM_ARENA_BLOCK (256 * 1024)

struct sm_arena_block {
	sm_arena_block *next;
	size_t size;
	char data[];
};

void sm_arena_init(sm_arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void sm_arena_dispose(sm_arena *a)
{
	sm_arena_block *b = a->head;
	while (b) {
		sm_arena_block *next = b->next;
		sm_free(b);
		b = next;
	}
	sm_arena_init(a);
}

const char *sm_arena_strndup(sm_arena *a, const char *s, size_t len)
{
	size_t need = len + 1;
	if (!a->head || a->head->size - a->used < need) {
		/* Strings larger than a quarter block get a block of their own
		 * behind the head, so the head's free space is not wasted. */
		size_t block = a->head ? a->head->size * 2 : SM_ARENA_FIRST_BLOCK;
		if (block > SM_ARENA_BLOCK)
			block = SM_ARENA_BLOCK;
		size_t size = need > block / 4 ? need : block;
		sm_arena_block *b = sm_malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->size = size;
		a->total += size;
		if (size == need && a->head) {
			b->next = a->head->next;
			a->head->next = b;
			memcpy(b->data, s, len);
			b->data[len] = '\0';
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	char *p = a->head->data + a->used;
	memcpy(p, s, len);
	p[len] = '\0';
	a->used += need;
	return p;
}

void sm_interner_init(sm_interner *in)
{
	sm_arena_init(&in->arena);
	sm_hashmap_init(&in->map);
}

void sm_interner_dispose(sm_interner *in)
{
	sm_hashmap_dispose(&in->map);
	sm_arena_dispose(&in->arena);
}

const char *sm_intern(sm_interner *in, const char *s, size_t len)
{
	uint64_t h = sm_hash_string(s, len);
	/* Look up by a probe that compares len bytes (s may lack a NUL). */
	if (in->map.capacity) {
		size_t mask = in->map.capacity - 1;
		for (size_t j = (size_t)h & mask;; j = (j + 1) & mask) {
			const sm_hashmap_slot *slot = &in->map.slots[j];
			if (!slot->key)
				break;
			if (slot->hash == h && strncmp(slot->key, s, len) == 0 && slot->key[len] == '\0')
				return slot->key;
		}
	}
	const char *copy = sm_arena_strndup(&in->arena, s, len);
	if (!copy) {
		sm_fail_nomem();
		return NULL;
	}
	if (sm_hashmap_put_h(&in->map, copy, h, 0, NULL) != SM_OK)
		return NULL; /* the copy stays in the arena, unreferenced: harmless */
	return copy;
}
