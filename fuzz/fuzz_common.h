/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Checks shared by the fuzz targets. Every check that fails prints what it
 * found on stderr and calls abort(), so libFuzzer (or the replay driver under
 * ctest) reports the input as a crash. The targets use the public API only.
 */
#ifndef SM_FUZZ_COMMON_H
#define SM_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "stakemap.h"

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__GNUC__) || defined(__clang__)
#define FZ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define FZ_NORETURN __attribute__((noreturn))
#else
#define FZ_PRINTF(f, a)
#define FZ_NORETURN
#endif

/* Print "fuzz: <what>" (and the last stakemap error) and abort(). */
FZ_NORETURN void fz_fail(const char *fmt, ...) FZ_PRINTF(1, 2);

/* The error codes a call may return for bad input, as a bit set of -code. */
#define FZ_CODE(c) (1u << (unsigned)-(c))
/* SM_ENOTFOUND: the JSON reader's "unknown actor" (docs/formats/json.md) */
#define FZ_LOAD_ERRORS                                                                   \
	(FZ_CODE(SM_EPARSE) | FZ_CODE(SM_EINVAL) | FZ_CODE(SM_EDUPLICATE) | FZ_CODE(SM_ELIMIT) | \
	 FZ_CODE(SM_ENOTFOUND))
#define FZ_SELECT_ERRORS                                                                 \
	(FZ_CODE(SM_EPARSE) | FZ_CODE(SM_ENOTFOUND) | FZ_CODE(SM_EINVAL) | FZ_CODE(SM_ELIMIT))

/*
 * Check a failed call: `rc` must be one of `allowed` (never SM_OK, never a
 * positive value, never SM_EINTERNAL or SM_ENOMEM for inputs this small), the
 * last error must carry the same code and a non-empty one-line message.
 */
void fz_check_error(int rc, unsigned allowed, const char *call);

/* A private temporary folder for this process, in $TMPDIR or else /dev/shm or /tmp
 * (removed at exit), and a path in it. */
const char *fz_tmpdir(void);
void fz_path(char *buf, size_t cap, const char *name);

/* Write a whole file; read one (malloc'd, *size set). Abort on any I/O error. */
void fz_write_file(const char *path, const void *data, size_t size);
char *fz_read_file(const char *path, size_t *size);

/*
 * Compare two networks element by element: direction, actor ids, labels and
 * kinds, relationships (ends, quality, kind, period) and every attribute
 * value. An attribute that holds no value anywhere may be absent on one side
 * (writers do not write such attributes).
 */
void fz_compare_networks(const sm_network *a, const sm_network *b, const char *what);

/* sm_network_summarize must succeed and its figures must be consistent. */
void fz_check_summary(const sm_network *net);

/*
 * Save `net` to tmpdir/name1 in `format`, load it back (must succeed and
 * compare equal), save that to tmpdir/name2: both saves must be the same bytes.
 */
void fz_round_trip(const sm_network *net, sm_format format, const char *name1,
                   const char *name2);

/*
 * Convert `net` (loaded from format `from`) to each other format and back:
 * JSON must give it back equal; GraphML too, or refuse the save with the
 * documented "XML 1.0 cannot represent" error; the CSV pair too, with empty
 * text read back as missing (skipped when attribute names have spaces at
 * either end or differ only in case: docs/formats/csv.md).
 */
void fz_cross_check(const sm_network *net, sm_format from);

/* An error kept to compare the buffer and file loaders. */
typedef struct fz_saved_error {
	int code;
	int64_t line, column;
	char message[1100];
} fz_saved_error;

/* Keep the last error, dropping `strip` (a folder) from the start of its message. */
void fz_save_error(fz_saved_error *s, int rc, const char *strip);
void fz_expect_same_error(const fz_saved_error *a, const fz_saved_error *b, const char *what);

/* sm_validate(path) must run, and find no problem exactly when the loader returned SM_OK. */
void fz_check_validate(const char *path, int load_rc);

/* A load with the option directed = 1 (result `rc`, network `forced`) agrees with `net`. */
void fz_check_directed_option(const sm_network *net, int rc, const sm_network *forced);

/*
 * All checks for one JSON or GraphML input, starting from
 * sm_network_load_buffer(): the same bytes through sm_network_load() give the
 * same network or the same error; sm_validate() agrees; a loaded network
 * summarises consistently, round-trips (fz_round_trip) and converts
 * (fz_cross_check); loading with
 * directed = 1 gives the same counts or a clean error.
 */
void fz_check_file_format(const uint8_t *data, size_t size, sm_format format,
                          const char *file_name);

#endif
