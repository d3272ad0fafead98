/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Shared by the readers and writers of lib/io: input sources, the problem
 * sink that makes `validate` report every problem, and each format's entry
 * points (dispatched by io.c).
 */
#ifndef SM_LIB_IO_INTERNAL_H
#define SM_LIB_IO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/core.h"
#include "stakemap/io.h"
#include "stakemap/network.h"

/* An input: a file being read in chunks, or a buffer in memory. */
typedef struct sm_source {
	const char *name; /* for messages: the file's path or "<memory>" */
	FILE *file;       /* NULL for a buffer */
	const char *data; /* buffer, when file == NULL */
	size_t size;      /* buffer size */
	size_t pos;       /* bytes consumed so far */
	int64_t max_bytes;/* limit on bytes read; exceeding it is SM_ELIMIT */
} sm_source;

void sm_source_from_buffer(sm_source *s, const char *name, const void *data, size_t size,
                           int64_t max_bytes);
/* Open a file for reading (SM_ENOTFOUND / SM_EIO with the path in the message). */
int sm_source_open(sm_source *s, const char *path, int64_t max_bytes);
void sm_source_close(sm_source *s);
/* Read up to `cap` bytes into buf. Returns the count (0 at end of input) or
 * a negative SM_E* code (SM_EIO, SM_ELIMIT; last error set). For buffers
 * it copies; use sm_source_view() to avoid copies. */
int64_t sm_source_read(sm_source *s, void *buf, size_t cap);
/* For a buffer source: the whole buffer without copying (NULL for files). */
const char *sm_source_view(const sm_source *s, size_t *size);

/* Where problems go. In load mode (collect == false) the first problem is
 * the error. In validate mode every row-level problem is appended to
 * `problems` and the reader goes on, skipping the bad element. */
typedef struct sm_diag {
	bool collect;
	struct sm_problem_list *problems;
} sm_diag;

/* Call right after a failed call left its error in sm_error_last(), with
 * the error's location already set (see sm_fail_at / sm_error_locate).
 * Load mode: returns rc (the reader stops). Validate mode: records the error
 * and returns SM_OK (the reader skips the element and goes on), or
 * SM_ENOMEM / SM_ELIMIT if the list cannot grow or holds too many (1000). */
int sm_diag_problem(sm_diag *d, int rc);

/* sm_error_locate() (core/core.h) puts a location on the last error. */

/* ---- readers: on success *out is a new network. In validate mode they
 * return SM_OK even when problems were recorded (the caller frees *out). */
int sm_json_read(sm_network **out, sm_source *src, const sm_load_options *opts, sm_diag *diag);
int sm_csv_read(sm_network **out, sm_source *actors, sm_source *relationships,
                const sm_load_options *opts, sm_diag *diag);
int sm_graphml_read(sm_network **out, sm_source *src, const sm_load_options *opts,
                    sm_diag *diag);

/* ---- writers: atomic (core/atomic_file.h). */
int sm_json_write(const sm_network *net, const char *path);
/* `dir` is created if missing; actors.csv and relationships.csv each atomic. */
int sm_csv_write(const sm_network *net, const char *dir);
int sm_graphml_write(const sm_network *net, const char *path);

/* ---- exports (write-only; docs/formats/{gexf,dot,pajek,kumu}.md) ---- */
int sm_gexf_write(const sm_network *net, const char *path);
int sm_dot_write(const sm_network *net, const char *path);
int sm_pajek_write(const sm_network *net, const char *path);
/* `dir` is created if missing; elements.csv and connections.csv each atomic. */
int sm_kumu_write(const sm_network *net, const char *dir);

/* ---- shared by the exports (export.c) ---- */

/* The palette colour of an actor kind (sm_palette, sm_kind_palette_index()
 * in model/network_internal.h). Returns "#rrggbb" (static storage) and, when
 * rgb is not NULL, its three components. */
const char *sm_kind_colour(const char *kind, unsigned char rgb[3]);

/* The first code point in `s` that XML 1.0 cannot represent (C0 controls
 * other than TAB, LF, CR; U+FFFE, U+FFFF), or 0. */
uint32_t sm_export_bad_char(const char *s);
/* Check every id, label, kind, relationship kind, attribute name and text
 * value with sm_export_bad_char(); SM_EINVAL naming the element, the field,
 * the code point, `format` ("GraphML", "GEXF", "DOT", ...) and `why` (the end
 * of the message: "XML 1.0 cannot represent") on the first bad one. */
int sm_export_check_strings(const sm_network *net, const char *format, const char *why);
/* Write `s` escaped for XML: &amp; &lt; &gt; always; in an attribute
 * value also &quot; and TAB, LF, CR as character references. */
void sm_xml_put(FILE *f, const char *s, bool in_attr);
/* Finish an export file: SM_EIO if the stream had a write error (the
 * temporary file is removed), else sm_atomic_commit(). */
struct sm_atomic_file;
int sm_export_finish(struct sm_atomic_file *af, const char *path);

#endif
