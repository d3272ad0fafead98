/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef STAKEMAP_IO_H
#define STAKEMAP_IO_H

/**
 * @file io.h
 * Reading and writing networks: native JSON, the CSV pair, GraphML; exports
 * to GEXF, DOT, Pajek and Kumu.
 * Formats are described in docs/formats/.
 *
 * Loading is all-or-nothing: on error no network is returned and the error
 * names the file, line (and column where known) and the offending value.
 * Writing is atomic: a temporary file is written, flushed and renamed over
 * the destination, so the destination is either the old file or the new one.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stakemap/common.h"
#include "stakemap/network.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * File formats. JSON, the CSV pair and GraphML are read and written. GEXF,
 * DOT and Pajek are write-only exports (loading them is SM_EINVAL). The
 * Kumu pair is written only when asked for (never picked by extension) and
 * is read back by the CSV reader. See docs/formats/.
 */
typedef enum sm_format {
	SM_FORMAT_AUTO = 0, /**< by path: a folder = CSV pair, .json, .graphml/.xml,
	                         and for saving .gexf, .dot/.gv, .net */
	SM_FORMAT_JSON,     /**< native JSON */
	SM_FORMAT_CSV,      /**< a folder with actors.csv and relationships.csv */
	SM_FORMAT_GRAPHML,  /**< GraphML */
	SM_FORMAT_GEXF,     /**< GEXF 1.2draft for Gephi and NetworkX (write-only) */
	SM_FORMAT_DOT,      /**< Graphviz DOT (write-only) */
	SM_FORMAT_PAJEK,    /**< Pajek .net (write-only) */
	SM_FORMAT_KUMU      /**< a folder with Kumu's elements.csv and connections.csv;
	                         saved only when asked for, loaded by the CSV reader */
} sm_format;

/** Largest input file accepted by default, in bytes (see sm_load_options). */
#define SM_DEFAULT_MAX_FILE_BYTES ((int64_t)4 << 30)
/** Deepest JSON nesting accepted. */
#define SM_MAX_JSON_DEPTH 64

/** Options for loading. Initialise with SM_LOAD_OPTIONS_INIT or sm_load_options_init(). */
typedef struct sm_load_options {
	unsigned int version;   /**< SM_LOAD_OPTIONS_VERSION */
	sm_format format;       /**< SM_FORMAT_AUTO by default */
	int64_t max_file_bytes; /**< 0 = SM_DEFAULT_MAX_FILE_BYTES */
	int directed;           /**< CSV/GraphML without a declaration: −1 auto (undirected), 0, 1 */
} sm_load_options;

#define SM_LOAD_OPTIONS_VERSION 1
#define SM_LOAD_OPTIONS_INIT { SM_LOAD_OPTIONS_VERSION, SM_FORMAT_AUTO, 0, -1 }

/** Fill `opts` with the defaults. */
SM_EXPORT void sm_load_options_init(sm_load_options *opts);

/**
 * Load a network from a file or a CSV-pair folder.
 *
 * @param[out] out  new network; free with sm_network_free()
 * @param path  a .json or .graphml file, or a folder holding relationships.csv
 *              (and usually actors.csv), or a Kumu folder holding
 *              connections.csv (and usually elements.csv). GEXF, DOT and
 *              Pajek files are write-only: SM_EINVAL.
 * @param opts  options, or NULL for the defaults
 * @return SM_OK, SM_EIO / SM_ENOTFOUND (path), SM_EPARSE (syntax, with file,
 *         line, column), SM_EINVAL (a value: quality outside (0, 1], …, with
 *         file and line), SM_EINVAL or SM_ENOTFOUND (a relationship naming an
 *         unknown actor: CSV/GraphML and JSON respectively), SM_EDUPLICATE
 *         (id), SM_ELIMIT or SM_ENOMEM
 * Time: O(file size).
 */
SM_EXPORT int sm_network_load(sm_network **out, const char *path, const sm_load_options *opts);

/**
 * Load a network from memory (native JSON or GraphML).
 * @param name  the name errors use for the input (e.g. a file name), or NULL for "<memory>"
 */
SM_EXPORT int sm_network_load_buffer(sm_network **out, const void *data, size_t size,
                                     sm_format format, const char *name,
                                     const sm_load_options *opts);

/**
 * Load a CSV pair from memory.
 * @param actors  contents of actors.csv, or NULL when there is none
 * @param relationships  contents of relationships.csv
 */
SM_EXPORT int sm_network_load_csv_buffers(sm_network **out, const void *actors,
                                          size_t actors_size, const void *relationships,
                                          size_t relationships_size,
                                          const sm_load_options *opts);

/**
 * Save a network.
 *
 * @param path    destination file (JSON, GraphML, GEXF, DOT, Pajek) or folder
 *                (CSV pair, Kumu pair; created if missing, its parent must exist)
 * @param format  SM_FORMAT_AUTO picks by extension (.json, .graphml/.xml,
 *                .gexf, .dot/.gv, .net); a path without one is a CSV-pair folder.
 *                SM_FORMAT_KUMU must be asked for.
 * @return SM_OK, SM_EIO (message names the path and the system error),
 *         SM_EINVAL (unknown extension; a string an XML, DOT or Pajek file
 *         cannot carry, e.g. a control character) or SM_ENOMEM. On error
 *         the destination is unchanged (each file of a folder is replaced
 *         atomically).
 * Time: O(n + m) in the actors, relationships and attribute values.
 */
SM_EXPORT int sm_network_save(const sm_network *net, const char *path, sm_format format);

/** The problems found in a file by sm_validate(). */
typedef struct sm_problem_list sm_problem_list;

/**
 * Check a file and report every problem found, not only the first: each
 * with file, line, column and message. Syntax errors that make the rest
 * unreadable end the check; value errors (unknown actor, bad quality,
 * duplicate id, …) are each reported and the check goes on.
 *
 * @param[out] out  new list (empty when the file is valid); free with
 *                  sm_problem_list_free()
 * @return SM_OK when the check ran (whatever it found), or SM_EIO /
 *         SM_ENOTFOUND / SM_ENOMEM when it could not
 */
SM_EXPORT int sm_validate(sm_problem_list **out, const char *path, const sm_load_options *opts);

/** Number of problems in a list. */
SM_EXPORT size_t sm_problem_list_count(const sm_problem_list *list);
/** Problem `i`, borrowed until sm_problem_list_free(); NULL if out of range. */
SM_EXPORT const sm_error *sm_problem_list_get(const sm_problem_list *list, size_t i);
/** Free a problem list. sm_problem_list_free(NULL) does nothing. */
SM_EXPORT void sm_problem_list_free(sm_problem_list *list);

#ifdef __cplusplus
}
#endif

#endif
