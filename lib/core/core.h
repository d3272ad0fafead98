/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Internal core: errors, allocation, UTF-8, growable arrays, numbers.
 * Nothing here is exported.
 */
#ifndef SM_LIB_CORE_H
#define SM_LIB_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "stakemap/common.h"

#if defined(__GNUC__)
#define SM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define SM_UNUSED __attribute__((unused))
#else
#define SM_PRINTF(a, b)
#define SM_UNUSED
#endif

/* ---- errors (error.c) ------------------------------------------------- */

/* Set the thread's last error; returns `code` so callers can
 * `return sm_fail(SM_EINVAL, "…", …);`. */
int sm_fail(int code, const char *fmt, ...) SM_PRINTF(2, 3);
/* As sm_fail, with an input location (file may be NULL; line/column 0 = unknown). */
int sm_fail_at(int code, const char *file, int64_t line, int64_t column, const char *fmt, ...)
	SM_PRINTF(5, 6);
int sm_vfail_at(int code, const char *file, int64_t line, int64_t column, const char *fmt,
                va_list ap);
/* Put a location on the thread's last error: its message becomes
 * "file:line: message" (or "file:line:column: message" when column > 0). */
void sm_error_locate(const char *file, int64_t line, int64_t column);
/* Record "out of memory" and return SM_ENOMEM. */
int sm_fail_nomem(void);
/* Prefix the current last error's message with "prefix: " (keeps code and location). */
void sm_error_prefix(const char *prefix);
/* Copy the last error (deep) so it survives later calls; free with sm_error_saved_dispose. */
typedef struct sm_error_saved {
	int code;
	char *message;
	char *file;
	int64_t line, column;
} sm_error_saved;
int sm_error_save(sm_error_saved *out);
void sm_error_restore(const sm_error_saved *saved);
void sm_error_saved_dispose(sm_error_saved *saved);

/* ---- allocation (alloc.c) --------------------------------------------- */
/* Every allocation of the library goes through these, so tests can make
 * the N-th one fail. They never set the last error themselves; the caller
 * returns sm_fail_nomem(). Overflow-checked. */
void *sm_malloc(size_t size);
void *sm_calloc(size_t count, size_t size);
void *sm_realloc(void *ptr, size_t size);
void *sm_reallocarray(void *ptr, size_t count, size_t size);
char *sm_strdup(const char *s);
char *sm_strndup(const char *s, size_t n);
/* sm_free is public (common.h). */

/* Allocation-failure injection for tests (alloc.c): after `n` further
 * successful allocations, every later one fails until reset with -1. */
void sm_alloc_fail_after(int64_t n);
int64_t sm_alloc_count(void);

/* Grow an array so it holds at least `need` elements of `elem` bytes;
 * capacity doubles. Returns 0 or SM_ENOMEM (last error set, array unchanged). */
int sm_grow(void **array, size_t *capacity, size_t need, size_t elem);
#define SM_GROW(arr, cap, need) sm_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* ---- text (text.c) ---------------------------------------------------- */
/* Whether s[0..len) is valid UTF-8 (no overlongs, surrogates, > U+10FFFF).
 * If not and bad_offset != NULL, the offset of the first bad byte. */
bool sm_utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Parse a whole string as a finite double (C locale, no leading/trailing
 * spaces allowed, no hex, no inf/nan). */
bool sm_parse_double(const char *s, double *out);
/* Parse a whole string as an int64. */
bool sm_parse_int64(const char *s, int64_t *out);
/* Format a double so that it reads back exactly ("%.17g" shortened). */
void sm_format_double(char buf[32], double v);
/* Quote `s` for an error message: at most ~40 bytes, control chars escaped. */
const char *sm_quote(char buf[64], const char *s);
/* Case-insensitive ASCII compare. */
int sm_strcasecmp(const char *a, const char *b);

/* Write `s` as one RFC 4180 CSV cell (quoted when it holds , " CR LF or
 * leading/trailing space). With `neutralise`, a cell starting with = + - @
 * TAB or CR gets a leading ' so spreadsheets do not run it as a formula
 * (numbers the writer itself formats are written with neutralise = false).
 * Returns 0, or EOF on a write error. */
int sm_csv_write_cell(FILE *f, const char *s, bool neutralise);
/* Write `s` as a JSON string literal (quotes, escapes, \u00XX for controls). */
int sm_json_write_string(FILE *f, const char *s);

/* ---- days <-> civil dates (date.c; public sm_date_parse/format) ------- */
int32_t sm_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
