/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Atomic file replacement: write to a temporary file in the destination's
 * folder, fflush + fsync, rename over the destination, fsync the folder.
 *     sm_atomic_file f;
 *     if ((rc = sm_atomic_open(&f, path)) != SM_OK) return rc;
 *     ... fprintf(f.stream, ...) ...
 *     return sm_atomic_commit(&f);    // or sm_atomic_abort(&f) on error
 * The destination is never seen half-written; on error it is untouched
 * and the temporary file removed.
 */
#ifndef SM_LIB_ATOMIC_FILE_H
#define SM_LIB_ATOMIC_FILE_H

#include <stdio.h>

typedef struct sm_atomic_file {
	FILE *stream;
	char *path;     /* destination */
	char *tmp_path; /* temporary file */
} sm_atomic_file;

/* SM_OK, SM_EIO (message names the path and errno text) or SM_ENOMEM. */
int sm_atomic_open(sm_atomic_file *f, const char *path);
/* Flush, sync, rename. SM_OK or SM_EIO (file removed). Always releases f. */
int sm_atomic_commit(sm_atomic_file *f);
/* Remove the temporary file and release f. Keeps the last error. */
void sm_atomic_abort(sm_atomic_file *f);

#endif
