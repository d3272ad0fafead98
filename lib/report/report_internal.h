/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Inside the report layer (lib/report): a growable text buffer with HTML
 * escaping (buffer.c), the layout of an edge list (layout.c), the colour
 * palette and the SVG map (svg.c). html.c assembles the page.
 */
#ifndef SM_LIB_REPORT_INTERNAL_H
#define SM_LIB_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "stakemap/report.h"

/* ---- text buffer (buffer.c) -------------------------------------------- */

/* A growable NUL-terminated text. Errors are sticky: after the first failed
 * allocation every append does nothing and `error` holds SM_ENOMEM (the last
 * error was set when it happened), so a writer appends freely and checks
 * once at the end. */
typedef struct sm_buf {
	char *data; /* NUL-terminated once anything was appended; NULL before */
	size_t len;
	size_t cap;
	int error; /* SM_OK or SM_ENOMEM */
} sm_buf;

void sm_buf_dispose(sm_buf *b);
/* Make room for `extra` more bytes (plus the NUL). */
void sm_buf_reserve(sm_buf *b, size_t extra);
void sm_buf_put(sm_buf *b, const char *s, size_t len);
void sm_buf_puts(sm_buf *b, const char *s);
void sm_buf_printf(sm_buf *b, const char *fmt, ...) SM_PRINTF(2, 3);
/* Append `s` (NULL = nothing) with & < > " ' escaped, safe in text, in
 * attribute values and in SVG <title>. */
void sm_buf_escape(sm_buf *b, const char *s);
/* A double for reading: 4 significant digits ("%.4g"; whole numbers below
 * 1e9 in full); NaN as "" and ±inf as "inf"/"-inf". The C locale is
 * assumed, as everywhere in the library. */
void sm_buf_number(sm_buf *b, double v);

/* ---- layout of an edge list (layout.c) --------------------------------- */

/* Resolve SM_LAYOUT_AUTO for `n` nodes (FR today, whatever n). */
sm_layout_algorithm sm_layout_resolve(sm_layout_algorithm algorithm, int64_t n);
/* Place `n` nodes tied by the `m` edges (src[e], dst[e]) of weight w[e] > 0
 * (NULL = 1 each). Writes x[0..n) and y[0..n), scaled into [0, 1] with the
 * aspect ratio kept and centred. Runs igraph behind the guard; seeded.
 * SM_OK, SM_ENOMEM, SM_ECANCELLED or igraph's error mapped by the guard. */
int sm_layout_edges(double *x, double *y, int64_t n, const int32_t *src, const int32_t *dst,
                    const double *w, int64_t m, sm_layout_algorithm algorithm, uint64_t seed,
                    int64_t iterations, sm_progress_fn progress, void *progress_user);

/* ---- palette and SVG map (svg.c) --------------------------------------- */

/* Colours: the kind palette of model/network_internal.h (sm_palette,
 * sm_kind_palette_index), shared with the exports. */

/* One drawn node: an actor, or a community on a map drawn by community. */
typedef struct sm_map_node {
	double x, y;       /* in [0, 1] */
	double size;       /* in [0, 1]: the radius grows with its square root */
	int colour;        /* palette index */
	bool focal;        /* outlined: part of the focal set */
	bool recommended;  /* marked: a recommended contact */
	const char *id;    /* data-id attribute (escaped) */
	const char *title; /* tooltip text (escaped), several lines */
} sm_map_node;

/* A flagged bubble: an outline around its members with the reason. */
typedef struct sm_map_hull {
	const int64_t *members; /* node indices */
	size_t count;
	const char *title;      /* tooltip (escaped) */
} sm_map_hull;

typedef struct sm_map {
	const sm_map_node *nodes;
	int64_t n;
	const int32_t *src, *dst; /* ties between nodes */
	const double *q;          /* each tie's quality in (0, 1] (opacity and width) */
	int64_t m;
	const sm_map_hull *hulls;
	size_t hull_count;
	bool directed;
	const char *caption; /* aria label of the picture (escaped) */
} sm_map;

/* Append the map as one inline <svg> element: one <g class="node"> per node
 * (a <circle> with a <title>), one <line> per tie, one outline per hull. */
void sm_svg_map(sm_buf *b, const sm_map *map);

#endif
