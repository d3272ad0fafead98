/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * String storage: an arena of large blocks (strings are never freed one by
 * one) and an interning table on top of it, so each distinct string is
 * stored once and compares by pointer.
 */
#ifndef SM_LIB_ARENA_H
#define SM_LIB_ARENA_H

#include <stddef.h>

#include "core/hashmap.h"

typedef struct sm_arena_block sm_arena_block;

typedef struct sm_arena {
	sm_arena_block *head;
	size_t used;  /* bytes used in head */
	size_t total; /* bytes allocated in all blocks */
} sm_arena;

void sm_arena_init(sm_arena *a);
void sm_arena_dispose(sm_arena *a);
/* Copy s[0..len) plus a NUL into the arena; NULL on allocation failure. */
const char *sm_arena_strndup(sm_arena *a, const char *s, size_t len);

typedef struct sm_interner {
	sm_arena arena;
	sm_hashmap map; /* string -> 0 */
} sm_interner;

void sm_interner_init(sm_interner *in);
void sm_interner_dispose(sm_interner *in);
/* The interned copy of s[0..len) (s need not be NUL-terminated); NULL on
 * allocation failure (last error set). Equal strings give equal pointers. */
const char *sm_intern(sm_interner *in, const char *s, size_t len);

#endif
