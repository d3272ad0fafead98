/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file.h"
#include "core/core.h"

static void release(sm_atomic_file *f)
{
	sm_free(f->path);
	sm_free(f->tmp_path);
	f->path = f->tmp_path = NULL;
	f->stream = NULL;
}

int sm_atomic_open(sm_atomic_file *f, const char *path)
{
	f->stream = NULL;
	f->path = sm_strdup(path);
	size_t n = strlen(path) + 32;
	f->tmp_path = sm_malloc(n);
	if (!f->path || !f->tmp_path) {
		release(f);
		return sm_fail_nomem();
	}
	/* The temporary file sits beside the destination (same file system,
	 * so rename is atomic); mkstemp makes its name unique. */
	snprintf(f->tmp_path, n, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(f->tmp_path);
	if (fd < 0) {
		int e = errno;
		release(f);
		return sm_fail(SM_EIO, "cannot write %s: %s", path, strerror(e));
	}
	/* mkstemp creates 0600: keep the mode of the file being replaced, or
	 * give a new file 0644 (umask() would be racy between threads). */
	struct stat st;
	fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644);
	f->stream = fdopen(fd, "wb");
	if (!f->stream) {
		int e = errno;
		close(fd);
		unlink(f->tmp_path);
		release(f);
		return sm_fail(SM_EIO, "cannot write %s: %s", path, strerror(e));
	}
	return SM_OK;
}

static void sync_parent(const char *path)
{
	char *copy = sm_strdup(path);
	if (!copy)
		return;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	sm_free(copy);
}

int sm_atomic_commit(sm_atomic_file *f)
{
	int e = 0;
	if (ferror(f->stream) || fflush(f->stream) != 0)
		e = errno ? errno : EIO;
	if (!e && fsync(fileno(f->stream)) != 0)
		e = errno;
	if (fclose(f->stream) != 0 && !e)
		e = errno;
	f->stream = NULL;
	if (!e && rename(f->tmp_path, f->path) != 0)
		e = errno;
	if (e) {
		unlink(f->tmp_path);
		int rc = sm_fail(SM_EIO, "cannot write %s: %s", f->path, strerror(e));
		release(f);
		return rc;
	}
	sync_parent(f->path);
	release(f);
	return SM_OK;
}

void sm_atomic_abort(sm_atomic_file *f)
{
	if (f->stream)
		fclose(f->stream);
	if (f->tmp_path)
		unlink(f->tmp_path);
	release(f);
}
