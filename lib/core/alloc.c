/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Allocation wrappers. All of the library's memory (and libcsv's, expat's
 * and jansson's where the io layer routes it here) goes through them, so
 * tests can make the N-th allocation fail (sm_alloc_fail_after).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

/* -1: never fail. Otherwise the number of allocations that still succeed. */
static _Atomic int64_t fail_countdown = -1;
static _Atomic int64_t alloc_count = 0;

void sm_alloc_fail_after(int64_t n)
{
	atomic_store(&fail_countdown, n);
}

int64_t sm_alloc_count(void)
{
	return atomic_load(&alloc_count);
}

/* Whether this allocation should fail (test hook). */
static bool injected_failure(void)
{
	atomic_fetch_add_explicit(&alloc_count, 1, memory_order_relaxed);
	if (atomic_load_explicit(&fail_countdown, memory_order_relaxed) < 0)
		return false;
	return atomic_fetch_sub(&fail_countdown, 1) <= 0 ? (atomic_store(&fail_countdown, 0), true)
	                                                 : false;
}

void *sm_malloc(size_t size)
{
	if (injected_failure())
		return NULL;
	return malloc(size ? size : 1);
}

void *sm_calloc(size_t count, size_t size)
{
	if (injected_failure())
		return NULL;
	if (count == 0 || size == 0)
		count = size = 1;
	return calloc(count, size);
}

void *sm_realloc(void *ptr, size_t size)
{
	if (injected_failure())
		return NULL;
	return realloc(ptr, size ? size : 1);
}

void *sm_reallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return sm_realloc(ptr, count * size);
}

void sm_free(void *ptr)
{
	free(ptr);
}

char *sm_strndup(const char *s, size_t n)
{
	char *p = sm_malloc(n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *sm_strdup(const char *s)
{
	return sm_strndup(s, strlen(s));
}

int sm_grow(void **array, size_t *capacity, size_t need, size_t elem)
{
	if (need <= *capacity)
		return SM_OK;
	size_t cap = *capacity ? *capacity : 8;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			return sm_fail_nomem();
		cap *= 2;
	}
	void *p = sm_reallocarray(*array, cap, elem);
	if (!p)
		return sm_fail_nomem();
	*array = p;
	*capacity = cap;
	return SM_OK;
}
