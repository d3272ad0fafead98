/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The map as inline SVG (docs/report.md): a square picture of SM_SVG_SIZE
 * units a side, whole-number coordinates (compact, and independent of the
 * locale). Flagged bubbles first (a padded convex hull of their members:
 * the hull drawn with a thick round-joined stroke inside a translucent
 * group), then the ties (one line per pair, opacity and width by quality),
 * then the nodes, largest first so that small ones stay visible. Colours
 * are CSS classes c0 … c15 of the fixed palette (html.c writes the rules).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

#define SM_SVG_SIZE 10000
#define MARGIN 500
#define R_MIN 45.0
#define R_SPAN 180.0

static long coord(double v)
{
	return lround(MARGIN + v * (SM_SVG_SIZE - 2 * MARGIN));
}

static long radius(double size)
{
	return lround(R_MIN + R_SPAN * sqrt(fmin(1.0, fmax(0.0, size))));
}

/* ---- hulls ---------------------------------------------------------------- */

typedef struct point {
	long x, y;
} point;

static int by_xy(const void *a, const void *b)
{
	const point *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return (p->y > q->y) - (p->y < q->y);
}

static long long cross(point o, point a, point b)
{
	return (long long)(a.x - o.x) * (b.y - o.y) - (long long)(a.y - o.y) * (b.x - o.x);
}

/* Andrew's monotone chain over p[0..n) (sorted in place); the hull goes to
 * h (room for 2n). Returns the number of hull points. */
static size_t convex_hull(point *p, size_t n, point *h)
{
	qsort(p, n, sizeof *p, by_xy);
	size_t u = 0;
	for (size_t i = 0; i < n; i++) { /* drop duplicates */
		if (u && p[u - 1].x == p[i].x && p[u - 1].y == p[i].y)
			continue;
		p[u++] = p[i];
	}
	n = u;
	if (n < 3) {
		memcpy(h, p, n * sizeof *p);
		return n;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	for (size_t i = n - 1, t = k + 1; i-- > 0;) {
		while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0)
			k--;
		h[k++] = p[i];
	}
	return k - 1;
}

static void hull(sm_buf *b, const sm_map *map, const sm_map_hull *hl)
{
	if (hl->count == 0)
		return;
	point *p = sm_malloc(hl->count * sizeof *p);
	point *h = sm_malloc(2 * hl->count * sizeof *h);
	if (!p || !h) {
		sm_free(p);
		sm_free(h);
		if (!b->error)
			b->error = sm_fail_nomem();
		return;
	}
	long pad = 0;
	for (size_t i = 0; i < hl->count; i++) {
		const sm_map_node *nd = &map->nodes[hl->members[i]];
		p[i].x = coord(nd->x);
		p[i].y = coord(nd->y);
		long r = radius(nd->size);
		pad = r > pad ? r : pad;
	}
	pad += 90;
	size_t k = convex_hull(p, hl->count, h);
	sm_buf_puts(b, "<g class=\"hull\">");
	if (k == 1) {
		sm_buf_printf(b, "<circle cx=\"%ld\" cy=\"%ld\" r=\"%ld\"/>", h[0].x, h[0].y, pad);
	} else {
		sm_buf_printf(b, "<%s stroke-width=\"%ld\" points=\"", k == 2 ? "polyline" : "polygon",
		              2 * pad);
		for (size_t i = 0; i < k; i++)
			sm_buf_printf(b, "%s%ld,%ld", i ? " " : "", h[i].x, h[i].y);
		sm_buf_puts(b, "\"/>");
	}
	sm_buf_puts(b, "<title>");
	sm_buf_escape(b, hl->title);
	sm_buf_puts(b, "</title></g>\n");
	sm_free(p);
	sm_free(h);
}

/* ---- the picture ------------------------------------------------------------ */

/* Draw order: larger nodes first. */
typedef struct order {
	double size;
	int64_t node;
} order;

static int by_size_desc(const void *a, const void *b)
{
	const order *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return (x->node > y->node) - (x->node < y->node);
}

void sm_svg_map(sm_buf *b, const sm_map *map)
{
	order *ord = sm_malloc((size_t)(map->n ? map->n : 1) * sizeof *ord);
	if (!ord) {
		if (!b->error)
			b->error = sm_fail_nomem();
		return;
	}
	sm_buf_printf(b, "<svg id=\"map\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	              SM_SVG_SIZE, SM_SVG_SIZE);
	sm_buf_escape(b, map->caption);
	sm_buf_puts(b, "\">\n");
	for (size_t k = 0; k < map->hull_count; k++)
		hull(b, map, &map->hulls[k]);
	sm_buf_puts(b, "<g class=\"ties\">\n");
	for (int64_t e = 0; e < map->m; e++) {
		const sm_map_node *s = &map->nodes[map->src[e]], *t = &map->nodes[map->dst[e]];
		/* Five quality classes, as the summary's histogram: (0,.2] … (.8,1]. */
		int q = (int)ceil(map->q[e] * 5.0);
		q = q < 1 ? 1 : q > 5 ? 5 : q;
		sm_buf_printf(b, "<line class=\"q%d\" x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\"/>\n",
		              q, coord(s->x), coord(s->y), coord(t->x), coord(t->y));
	}
	sm_buf_puts(b, "</g>\n<g class=\"nodes\">\n");
	for (int64_t i = 0; i < map->n; i++) {
		ord[i].size = map->nodes[i].size;
		ord[i].node = i;
	}
	qsort(ord, (size_t)map->n, sizeof *ord, by_size_desc);
	for (int64_t k = 0; k < map->n; k++) {
		const sm_map_node *nd = &map->nodes[ord[k].node];
		sm_buf_printf(b, "<g class=\"node c%d%s%s\" data-id=\"", nd->colour,
		              nd->focal ? " focal" : "", nd->recommended ? " rec" : "");
		sm_buf_escape(b, nd->id);
		sm_buf_printf(b, "\"><circle cx=\"%ld\" cy=\"%ld\" r=\"%ld\"/><title>", coord(nd->x),
		              coord(nd->y), radius(nd->size));
		sm_buf_escape(b, nd->title);
		sm_buf_puts(b, "</title></g>\n");
	}
	sm_buf_puts(b, "</g>\n</svg>\n");
	sm_free(ord);
}
