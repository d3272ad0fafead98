/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_TABLE_H
#define STAKEMAP_TABLE_H

/**
 * @file table.h
 * Results: a table of named, typed columns with a fixed number of rows.
 *
 * Every analysis returns an sm_table; per-actor tables have `id` as their
 * first column. The CLI, the Python layer and the writers all work from the
 * same table. Column arrays are borrowed (valid until the table is freed or
 * reordered) so bindings can wrap them without copying.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "stakemap/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque table handle. */
typedef struct sm_table sm_table;

/** Column types. */
typedef enum sm_column_type {
	SM_COLUMN_DOUBLE = 0, /**< NaN means missing (written as an empty cell / null) */
	SM_COLUMN_INT64,
	SM_COLUMN_STRING,     /**< NULL means missing */
	SM_COLUMN_BOOL
} sm_column_type;

/** Output formats of the table writers. */
typedef enum sm_table_format {
	SM_TABLE_CSV = 0, /**< RFC 4180, header row, formula-injection neutralised */
	SM_TABLE_JSON,    /**< an array of objects, one per row */
	SM_TABLE_TEXT     /**< aligned columns for a terminal, numbers right-aligned */
} sm_table_format;

/**
 * Create a table with `rows` rows and no columns.
 * @param[out] out  new table; free with sm_table_free()
 * @return SM_OK or SM_ENOMEM
 */
SM_EXPORT int sm_table_new(sm_table **out, size_t rows);

/** Free a table. sm_table_free(NULL) does nothing. */
SM_EXPORT void sm_table_free(sm_table *t);

/** Number of rows. */
SM_EXPORT size_t sm_table_rows(const sm_table *t);
/** Number of columns. */
SM_EXPORT size_t sm_table_columns(const sm_table *t);

/**
 * Add a column, zero-filled (0, 0.0, NULL, false).
 * @param[out] index  the new column's index, or NULL
 * @param name  unique non-empty column name, valid UTF-8 (copied)
 * @return SM_OK, SM_EDUPLICATE (name taken), SM_EINVAL (empty, NULL or
 *         invalid UTF-8 name, unknown type) or SM_ENOMEM
 */
SM_EXPORT int sm_table_add_column(size_t *index, sm_table *t, const char *name,
                                  sm_column_type type);

/** Name of column `c` (borrowed until the table is freed); NULL if out of range. */
SM_EXPORT const char *sm_table_column_name(const sm_table *t, size_t c);
/** Type of column `c`; SM_COLUMN_DOUBLE if out of range. */
SM_EXPORT sm_column_type sm_table_column_type(const sm_table *t, size_t c);

/**
 * Find a column by name.
 * @param[out] index the column's index
 * @return SM_OK or SM_ENOTFOUND
 */
SM_EXPORT int sm_table_find_column(size_t *index, const sm_table *t, const char *name);

/**
 * A whole column as an array, by name. The pointer is borrowed: valid until
 * sm_table_free(), sm_table_sort() or sm_table_truncate() on `t`.
 * @param[out] n  number of rows, or NULL
 * @return the array, or NULL if there is no column of that name and type
 *         (sm_error_last() then says which)
 */
SM_EXPORT const double *sm_table_column_double(const sm_table *t, const char *name, size_t *n);
SM_EXPORT const int64_t *sm_table_column_int64(const sm_table *t, const char *name, size_t *n);
SM_EXPORT const char *const *sm_table_column_string(const sm_table *t, const char *name,
                                                    size_t *n);
SM_EXPORT const bool *sm_table_column_bool(const sm_table *t, const char *name, size_t *n);

/**
 * Set one cell. Row and column must be in range and the column of the
 * function's type; strings are copied (NULL = missing) and must be valid UTF-8.
 * @return SM_OK, SM_EINVAL (range, type, invalid UTF-8) or SM_ENOMEM
 */
SM_EXPORT int sm_table_set_double(sm_table *t, size_t col, size_t row, double v);
SM_EXPORT int sm_table_set_int64(sm_table *t, size_t col, size_t row, int64_t v);
SM_EXPORT int sm_table_set_string(sm_table *t, size_t col, size_t row, const char *v);
SM_EXPORT int sm_table_set_bool(sm_table *t, size_t col, size_t row, bool v);

/**
 * Read one cell (row, column in range, type matching), for callers that
 * want a cell rather than a column. Strings are borrowed as columns are.
 * @return SM_OK or SM_EINVAL
 */
SM_EXPORT int sm_table_get_double(double *out, const sm_table *t, size_t col, size_t row);
SM_EXPORT int sm_table_get_int64(int64_t *out, const sm_table *t, size_t col, size_t row);
SM_EXPORT int sm_table_get_string(const char **out, const sm_table *t, size_t col, size_t row);
SM_EXPORT int sm_table_get_bool(bool *out, const sm_table *t, size_t col, size_t row);

/**
 * Sort rows by one column, stably. Missing values (NaN, NULL) go last in
 * either direction; strings compare bytewise.
 * @return SM_OK, SM_ENOTFOUND (no such column) or SM_ENOMEM (table unchanged)
 * Time: O(r log r).
 */
SM_EXPORT int sm_table_sort(sm_table *t, const char *column, bool descending);

/** Keep the first `n` rows (no effect if the table has fewer). */
SM_EXPORT void sm_table_truncate(sm_table *t, size_t n);

/**
 * Attach a note to the table: a key/value pair of text that describes how
 * it was made (e.g. "seed" → "42" for a sampled analysis). Setting a key
 * again replaces its value. Notes are not rows: the writers leave them out.
 * @return SM_OK, SM_EINVAL (empty key, NULL value, invalid UTF-8) or SM_ENOMEM
 */
SM_EXPORT int sm_table_set_note(sm_table *t, const char *key, const char *value);

/** The note of `key`, borrowed until the table is freed or the note is set again; NULL if none. */
SM_EXPORT const char *sm_table_note(const sm_table *t, const char *key);

/** Number of notes. */
SM_EXPORT size_t sm_table_note_count(const sm_table *t);

/** Key of note `i` (0 … count − 1), in the order set; NULL if out of range. */
SM_EXPORT const char *sm_table_note_key(const sm_table *t, size_t i);

/**
 * Write a table to an open stream (flushed before returning).
 * @param digits  significant digits for doubles, 1–17; 0 means the shortest
 *                text that reads back exactly (CSV, JSON) or 6 digits (TEXT)
 * @return SM_OK, SM_EIO, SM_EINVAL (NULL table or stream, unknown format,
 *         digits outside 0–17) or SM_ENOMEM
 */
SM_EXPORT int sm_table_write_stream(const sm_table *t, FILE *stream, sm_table_format format,
                                    int digits);

/**
 * Write a table to a file, atomically: a temporary file beside `path` is
 * written, flushed to disk and renamed over `path`; on any error `path` is
 * untouched and no temporary file remains.
 * @return SM_OK, SM_EIO (message names the path and the system error),
 *         SM_EINVAL (as sm_table_write_stream()) or SM_ENOMEM
 */
SM_EXPORT int sm_table_write_file(const sm_table *t, const char *path, sm_table_format format,
                                  int digits);

#ifdef __cplusplus
}
#endif

#endif
