/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_COMMON_H
#define STAKEMAP_COMMON_H

/**
 * @file common.h
 * Status codes, the thread-local last error, version, progress callbacks
 * and the few helpers every other module uses.
 */

#include <stddef.h>
#include <stdint.h>

#include "stakemap/export.h"
#include "stakemap/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Status codes. Every fallible function returns SM_OK (0) or one of the
 * negative codes below; the detail is in sm_error_last().
 */
typedef enum sm_error_code {
	SM_OK = 0,
	SM_ENOMEM = -1,     /**< an allocation failed */
	SM_EINVAL = -2,     /**< an argument or option is invalid */
	SM_EPARSE = -3,     /**< input could not be parsed (file, line, column set) */
	SM_EIO = -4,        /**< a file could not be read or written */
	SM_ENOTFOUND = -5,  /**< an actor, attribute or file does not exist */
	SM_EDUPLICATE = -6, /**< an id that must be unique is already used */
	SM_ECANCELLED = -7, /**< the progress callback asked to stop */
	SM_ELIMIT = -8,     /**< a documented limit (size, length, depth) was exceeded */
	SM_EINTERNAL = -9   /**< a bug in stakemap or a dependency; please report */
} sm_error_code;

/**
 * The detail of the last error raised on the calling thread.
 *
 * `file`, `line` and `column` are set for errors tied to an input location
 * (parse errors, selection expressions); otherwise `file` is NULL and
 * `line`/`column` are 0. Lines and columns count from 1.
 */
typedef struct sm_error {
	int code;            /**< one of sm_error_code */
	const char *message; /**< one line, names the offending value */
	const char *file;    /**< input file or NULL */
	int64_t line;        /**< 1-based line or 0 */
	int64_t column;      /**< 1-based column or 0 (bytes; characters in GraphML, as expat counts) */
} sm_error;

/**
 * The last error raised on the calling thread.
 *
 * @return borrowed; valid until the next stakemap call on this thread. Never
 *         NULL: when no error was raised, code is SM_OK and message is "".
 *
 * Callers test the return code of a function, never the last error alone: a
 * successful call does not clear it.
 */
SM_EXPORT const sm_error *sm_error_last(void);

/** Forget the last error of the calling thread. */
SM_EXPORT void sm_error_clear(void);

/**
 * A short constant description of a status code ("out of memory", ...).
 * @return borrowed, static storage.
 */
SM_EXPORT const char *sm_strerror(int code);

/**
 * The library's version as "MAJOR.MINOR.PATCH" (the shared library's, which
 * may differ from SM_VERSION_STRING of the headers compiled against).
 * @return borrowed, static storage.
 */
SM_EXPORT const char *sm_version(void);

/** The version of the linked library as SM_VERSION_HEX (0xMMmmpp). */
SM_EXPORT uint32_t sm_version_hex(void);

/**
 * Progress callback for long work.
 *
 * @param fraction  0.0 … 1.0 within the current stage
 * @param stage     a short constant name of the stage ("betweenness", ...)
 * @param user      the pointer given with the callback
 * @return 0 to go on, non-zero to cancel: the function then returns
 *         SM_ECANCELLED and leaves every input untouched.
 *
 * Called at most about 100 times per stage, from the calling thread.
 */
typedef int (*sm_progress_fn)(double fraction, const char *stage, void *user);

/**
 * Free memory that a stakemap function returned as **new** with the note
 * "free with sm_free()". sm_free(NULL) does nothing.
 */
SM_EXPORT void sm_free(void *ptr);

/** "No date": the value of an unset `since`/`until`. */
#define SM_DATE_NONE INT32_MIN

/**
 * Parse an ISO-8601 calendar date "YYYY-MM-DD" (years 0001–9999) into days
 * since 1970-01-01 (negative before).
 *
 * @param[out] out days since the epoch
 * @param text     the date; nothing may follow it
 * @return SM_OK or SM_EINVAL (message names the text)
 */
SM_EXPORT int sm_date_parse(int32_t *out, const char *text);

/**
 * Format days since 1970-01-01 as "YYYY-MM-DD" into `buf` (at least 11 bytes).
 * @return SM_OK, or SM_EINVAL for SM_DATE_NONE or a date outside 0001–9999.
 */
SM_EXPORT int sm_date_format(char buf[11], int32_t days);

#ifdef __cplusplus
}
#endif

#endif
