/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The self-contained HTML report (include/stakemap/report.h, docs/report.md).
 *
 * The analyses run first (summary, centrality, communities, brokerage,
 * bubbles and, with a focal set, the gap study), then the page is written
 * into one buffer, a section a function: head (inline CSS), summary,
 * legend, map (svg.c), top actors, brokers, bubbles, gaps, and a few lines
 * of inline JavaScript that make the tables sortable (they read in a
 * sensible order without it). Every string from the data goes through
 * sm_buf_escape(); the page makes no external request (no src, no link, no
 * URL) and holds nothing time-dependent, so the same seed gives the same
 * bytes. Every table is written by one writer from an sm_table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/community.h"
#include "analysis/graph.h"
#include "analysis/groups.h"
#include "core/atomic_file.h"
#include "model/network_internal.h"
#include "report/report_internal.h"
#include "stakemap/brokerage.h"
#include "stakemap/bubbles.h"
#include "stakemap/centrality.h"
#include "stakemap/gaps.h"
#include "stakemap/select.h"

void sm_report_options_init(sm_report_options *opts)
{
	sm_report_options defaults = SM_REPORT_OPTIONS_INIT;
	if (opts)
		*opts = defaults;
}

#define DEFAULT_TITLE "stakemap report"
/* Rows of the coverage table at most (one per attribute value). */
#define COVERAGE_ROWS 100
/* Groups named in a colour legend at most. */
#define LEGEND_GROUPS 32

/* Everything the page is made from. */
typedef struct report {
	const sm_network *net;
	sm_report_options o;
	const char *title;
	const char *colour_by; /* "kind", "community" or an attribute */
	const char *size_by;   /* measure name */
	unsigned int size_measure;
	int64_t n;
	sm_buf b;
	/* analyses */
	sm_summary summary;
	sm_table *kinds;      /* sm_network_count_by(kind) */
	sm_table *centrality; /* degree, strength, pagerank and the size measure */
	sm_table *brokerage;
	sm_bubbles_result *bubbles;
	sm_selection *focal;
	sm_gaps_result *gaps;
	sm_graph g;
	sm_mutual mu;
	bool have_graph, have_mutual;
	int32_t *community;
	int32_t communities;
	sm_grouping colour_groups; /* colour_by an attribute */
	int *colour;               /* palette index of each actor */
	double *size;              /* each actor's size in [0, 1] */
	bool *recommended;         /* each actor: a recommended contact */
	bool *in_bubble;           /* each actor: member of a flagged group */
	/* the map */
	bool by_community;       /* drawn one node per community */
	int64_t drawn;           /* nodes drawn */
	char layout_note[96];    /* "fr, seed 1" */
} report;

static void report_dispose(report *r)
{
	sm_buf_dispose(&r->b);
	sm_table_free(r->kinds);
	sm_table_free(r->centrality);
	sm_table_free(r->brokerage);
	sm_bubbles_result_free(r->bubbles);
	sm_selection_free(r->focal);
	sm_gaps_result_free(r->gaps);
	if (r->have_mutual)
		sm_mutual_dispose(&r->mu);
	if (r->have_graph)
		sm_graph_dispose(&r->g);
	sm_free(r->community);
	sm_grouping_dispose(&r->colour_groups);
	sm_free(r->colour);
	sm_free(r->size);
	sm_free(r->recommended);
	sm_free(r->in_bubble);
}

/* ---- options ---------------------------------------------------------------- */

static int check_options(report *r, const sm_network *net, const sm_report_options *opts)
{
	if (opts) {
		if (opts->version != SM_REPORT_OPTIONS_VERSION)
			return sm_fail(SM_EINVAL,
			               "report options version %u is not %d: initialise them with "
			               "sm_report_options_init()",
			               opts->version, SM_REPORT_OPTIONS_VERSION);
		r->o = *opts;
	} else {
		sm_report_options_init(&r->o);
	}
	const sm_report_options *o = &r->o;
	if (o->top < 1)
		return sm_fail(SM_EINVAL, "report top %lld: must be 1 or more", (long long)o->top);
	if (o->max_actors < 1)
		return sm_fail(SM_EINVAL, "report max_actors %lld: must be 1 or more",
		               (long long)o->max_actors);
	r->title = o->title && *o->title ? o->title : DEFAULT_TITLE;
	size_t len = strlen(r->title);
	if (len > SM_MAX_STRING_BYTES || !sm_utf8_valid(r->title, len, NULL))
		return sm_fail(SM_EINVAL, "report title: not valid UTF-8 of at most %d bytes",
		               SM_MAX_STRING_BYTES);
	char q[64];
	r->size_by = o->size_by ? o->size_by : "pagerank";
	int rc = sm_measure_parse(&r->size_measure, r->size_by);
	if (rc)
		return rc;
	if (r->size_measure & (r->size_measure - 1))
		return sm_fail(SM_EINVAL, "size_by %s: name one centrality measure",
		               sm_quote(q, r->size_by));
	r->size_by = sm_measure_name((sm_measure)r->size_measure); /* "all" has two bits */
	r->colour_by = o->colour_by ? o->colour_by : "kind";
	if (strcmp(r->colour_by, "kind") != 0 && strcmp(r->colour_by, "community") != 0 &&
	    (rc = sm_grouping_check(net, r->colour_by, "colour_by", "colouring the map")))
		return rc;
	return SM_OK;
}

/* ---- the analyses ----------------------------------------------------------- */

static int run_centrality(report *r)
{
	sm_centrality_options co;
	sm_centrality_options_init(&co);
	co.measures = SM_MEASURE_DEGREE | SM_MEASURE_STRENGTH | SM_MEASURE_PAGERANK |
	              r->size_measure;
	co.normalized = false; /* contacts and strengths as counts and sums */
	co.seed = r->o.seed;
	co.progress = r->o.progress;
	co.progress_user = r->o.progress_user;
	int rc = sm_centrality(&r->centrality, r->net, &co);
	if (rc)
		return rc;
	/* Node sizes: the measure scaled into [0, 1] (NaN: smallest). */
	size_t n;
	const double *v = sm_table_column_double(r->centrality, r->size_by, &n);
	if (!v)
		return sm_fail(SM_EINTERNAL, "report: no %s column", r->size_by);
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i])) {
			lo = fmin(lo, v[i]);
			hi = fmax(hi, v[i]);
		}
	for (size_t i = 0; i < n; i++)
		r->size[i] = !isfinite(v[i]) ? 0.0 : hi > lo ? (v[i] - lo) / (hi - lo) : 0.5;
	return SM_OK;
}

static int run_communities(report *r)
{
	sm_community_options co = { 1.0, r->o.seed, 2, r->o.progress, r->o.progress_user };
	return sm_communities(r->community, &r->communities, &r->g, &co);
}

/* Each actor's palette index. */
static int assign_colours(report *r)
{
	if (strcmp(r->colour_by, "kind") == 0) {
		for (int64_t i = 0; i < r->n; i++)
			r->colour[i] = sm_kind_palette_index(r->net->actor_kind[i]);
	} else if (strcmp(r->colour_by, "community") == 0) {
		for (int64_t i = 0; i < r->n; i++)
			r->colour[i] = r->community[i] % SM_PALETTE_SIZE;
	} else {
		int rc = sm_grouping_build(&r->colour_groups, r->net, r->colour_by);
		if (rc)
			return rc;
		for (int64_t i = 0; i < r->n; i++)
			r->colour[i] = r->colour_groups.of[i] % SM_PALETTE_SIZE;
	}
	return SM_OK;
}

static int run_brokerage(report *r)
{
	sm_brokerage_options bo;
	sm_brokerage_options_init(&bo);
	bo.progress = r->o.progress;
	bo.progress_user = r->o.progress_user;
	return sm_brokerage(&r->brokerage, r->net, &bo);
}

static int run_bubbles(report *r)
{
	sm_bubbles_options bo;
	sm_bubbles_options_init(&bo);
	bo.seed = r->o.seed;
	bo.top = 3;
	bo.progress = r->o.progress;
	bo.progress_user = r->o.progress_user;
	int rc = sm_bubbles(&r->bubbles, r->net, &bo);
	if (rc)
		return rc;
	/* Members of flagged groups (for the map and its tooltips). */
	size_t na, ng;
	const int64_t *grp = sm_table_column_int64(r->bubbles->actors, "group", &na);
	const int64_t *gid = sm_table_column_int64(r->bubbles->groups, "group", &ng);
	const bool *flag = sm_table_column_bool(r->bubbles->groups, "bubble", NULL);
	if (!grp || !gid || !flag || na != (size_t)r->n)
		return sm_fail(SM_EINTERNAL, "report: the bubbles tables lack group or bubble");
	for (size_t k = 0; k < ng; k++) {
		if (!flag[k])
			continue;
		for (size_t i = 0; i < na; i++)
			if (grp[i] == gid[k])
				r->in_bubble[i] = true;
	}
	return SM_OK;
}

static int run_gaps(report *r)
{
	int rc = sm_select(&r->focal, r->net, r->o.focal);
	if (rc) {
		sm_error_prefix("focal");
		return rc;
	}
	sm_gaps_options go;
	sm_gaps_options_init(&go);
	go.target_by = r->o.target_by;
	go.seed = r->o.seed;
	go.suspects = r->o.top;
	/* No more recommendations than there are actors outside the focal set. */
	int64_t others = r->n - sm_selection_count(r->focal);
	if (go.recommend > others)
		go.recommend = others;
	go.progress = r->o.progress;
	go.progress_user = r->o.progress_user;
	if ((rc = sm_gaps(&r->gaps, r->net, r->focal, &go)))
		return rc;
	size_t k;
	const char *const *id = sm_table_column_string(r->gaps->recommendations, "id", &k);
	if (!id)
		return sm_fail(SM_EINTERNAL, "report: the recommendations lack an id column");
	for (size_t j = 0; j < k; j++) {
		int64_t i;
		if (id[j] && sm_network_find_actor(&i, r->net, id[j]) == SM_OK)
			r->recommended[i] = true;
	}
	return SM_OK;
}

static int run_analyses(report *r)
{
	size_t n = (size_t)(r->n ? r->n : 1);
	int rc;
	if ((rc = sm_network_summarize(&r->summary, r->net)) ||
	    (rc = sm_network_count_by(&r->kinds, r->net, "kind")))
		return rc;
	r->community = sm_calloc(n, sizeof *r->community);
	r->colour = sm_calloc(n, sizeof *r->colour);
	r->size = sm_calloc(n, sizeof *r->size);
	r->recommended = sm_calloc(n, sizeof *r->recommended);
	r->in_bubble = sm_calloc(n, sizeof *r->in_bubble);
	if (!r->community || !r->colour || !r->size || !r->recommended || !r->in_bubble)
		return sm_fail_nomem();
	if ((rc = sm_graph_build(&r->g, r->net, SM_COMBINE_MAX, true)))
		return rc;
	r->have_graph = true;
	if ((rc = sm_mutual_build(&r->mu, &r->g)))
		return rc;
	r->have_mutual = true;
	if ((rc = run_centrality(r)) || (rc = run_communities(r)) || (rc = assign_colours(r)) ||
	    (rc = run_brokerage(r)) ||
	    (rc = run_bubbles(r)))
		return rc;
	if (r->o.focal && (rc = run_gaps(r)))
		return rc;
	return SM_OK;
}

/* ---- the HTML table writer ---------------------------------------------------- */

/* Write the first `rows` rows of `t` as a sortable table. */
static void html_table(sm_buf *b, const sm_table *t, const char *caption, size_t rows)
{
	size_t nc = sm_table_columns(t), nr = sm_table_rows(t);
	if (rows > nr)
		rows = nr;
	sm_buf_puts(b, "<table class=\"sortable\">");
	if (caption) {
		sm_buf_puts(b, "<caption>");
		sm_buf_escape(b, caption);
		sm_buf_puts(b, "</caption>");
	}
	sm_buf_puts(b, "\n<thead><tr>");
	for (size_t c = 0; c < nc; c++) {
		sm_column_type type = sm_table_column_type(t, c);
		bool num = type == SM_COLUMN_DOUBLE || type == SM_COLUMN_INT64;
		sm_buf_puts(b, num ? "<th class=\"n\">" : "<th>");
		sm_buf_escape(b, sm_table_column_name(t, c));
		sm_buf_puts(b, "</th>");
	}
	sm_buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t row = 0; row < rows; row++) {
		sm_buf_puts(b, "<tr>");
		for (size_t c = 0; c < nc; c++) {
			double d;
			int64_t i;
			const char *s;
			bool v;
			switch (sm_table_column_type(t, c)) {
			case SM_COLUMN_DOUBLE:
				sm_table_get_double(&d, t, c, row);
				sm_buf_puts(b, "<td class=\"n\">");
				sm_buf_number(b, d);
				break;
			case SM_COLUMN_INT64:
				sm_table_get_int64(&i, t, c, row);
				sm_buf_printf(b, "<td class=\"n\">%lld", (long long)i);
				break;
			case SM_COLUMN_BOOL:
				sm_table_get_bool(&v, t, c, row);
				sm_buf_puts(b, v ? "<td>yes" : "<td>no");
				break;
			default:
				sm_table_get_string(&s, t, c, row);
				sm_buf_puts(b, "<td>");
				sm_buf_escape(b, s);
				break;
			}
			sm_buf_puts(b, "</td>");
		}
		sm_buf_puts(b, "</tr>\n");
	}
	sm_buf_puts(b, "</tbody></table>\n");
}

/* A new table of the first `rows` rows of `src` with the columns `cols` in
 * that order. Pseudo-columns: "rank" (1, 2, …), and "label" / "kind" when
 * `src` has none (looked up by the row's id). Columns `src` lacks are left
 * out. */
static int pick(sm_table **out, const sm_network *net, const sm_table *src, size_t rows,
                const char *const *cols, size_t ncols)
{
	size_t nr = sm_table_rows(src), idc = 0;
	bool have_id = sm_table_find_column(&idc, src, "id") == SM_OK;
	if (rows > nr)
		rows = nr;
	sm_table *t = NULL;
	int rc = sm_table_new(&t, rows);
	for (size_t k = 0; k < ncols && !rc; k++) {
		size_t sc, dc;
		const char *name = cols[k];
		if (sm_table_find_column(&sc, src, name) == SM_OK) {
			sm_column_type type = sm_table_column_type(src, sc);
			if ((rc = sm_table_add_column(&dc, t, name, type)))
				break;
			for (size_t row = 0; row < rows && !rc; row++) {
				double d;
				int64_t i;
				const char *s;
				bool v;
				switch (type) {
				case SM_COLUMN_DOUBLE:
					sm_table_get_double(&d, src, sc, row);
					rc = sm_table_set_double(t, dc, row, d);
					break;
				case SM_COLUMN_INT64:
					sm_table_get_int64(&i, src, sc, row);
					rc = sm_table_set_int64(t, dc, row, i);
					break;
				case SM_COLUMN_BOOL:
					sm_table_get_bool(&v, src, sc, row);
					rc = sm_table_set_bool(t, dc, row, v);
					break;
				default:
					sm_table_get_string(&s, src, sc, row);
					rc = sm_table_set_string(t, dc, row, s);
					break;
				}
			}
		} else if (strcmp(name, "rank") == 0) {
			if ((rc = sm_table_add_column(&dc, t, name, SM_COLUMN_INT64)))
				break;
			for (size_t row = 0; row < rows && !rc; row++)
				rc = sm_table_set_int64(t, dc, row, (int64_t)row + 1);
		} else if (have_id && (strcmp(name, "label") == 0 || strcmp(name, "kind") == 0)) {
			bool label = name[0] == 'l';
			if ((rc = sm_table_add_column(&dc, t, name, SM_COLUMN_STRING)))
				break;
			for (size_t row = 0; row < rows && !rc; row++) {
				const char *id;
				int64_t a;
				sm_table_get_string(&id, src, idc, row);
				if (!id || sm_network_find_actor(&a, net, id) != SM_OK)
					continue;
				rc = sm_table_set_string(t, dc, row,
				                         label ? net->actor_label[a] : net->actor_kind[a]);
			}
		}
	}
	if (rc) {
		sm_table_free(t);
		return rc;
	}
	*out = t;
	return SM_OK;
}

/* Write `cols` of the first `rows` rows of `src` (see pick()). */
static int table_section(report *r, const sm_table *src, size_t rows, const char *const *cols,
                         size_t ncols, const char *caption)
{
	sm_table *t = NULL;
	int rc = pick(&t, r->net, src, rows, cols, ncols);
	if (rc)
		return rc;
	html_table(&r->b, t, caption, rows);
	sm_table_free(t);
	return SM_OK;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- page head and tail ------------------------------------------------------- */

static const char css[] =
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;"
	"max-width:1200px;padding:0 1.5em 3em;color:#222;background:#fff}\n"
	"h1{font-size:1.6em;margin:1em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .4em;"
	"border-bottom:1px solid #ddd}\n"
	"nav a{margin-right:1em;color:#1f4e99}\n"
	".note{color:#555;font-size:.92em}\n"
	"table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.9em}\n"
	"caption{text-align:left;font-weight:600;padding:.3em 0}\n"
	"th,td{border-bottom:1px solid #e4e4e4;padding:.25em .6em;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f4f4f4;cursor:pointer;user-select:none}\n"
	"th.n,td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"th[data-dir=asc]::after{content:' \\25B2'}th[data-dir=desc]::after{content:' \\25BC'}\n"
	".row{display:flex;flex-wrap:wrap;gap:0 2.5em;align-items:flex-start}\n"
	"#map-section{flex:3 1 560px;min-width:0}#legend{flex:1 1 260px}\n"
	".legend{list-style:none;padding:0;margin:.4em 0}\n"
	".legend li{margin:.25em 0}.legend .sw{margin-right:.4em;vertical-align:-.1em}\n"
	".legend .desc{display:block;margin-left:1.3em}\n"
	".sw{display:inline-block;width:.9em;height:.9em;border-radius:50%;flex:none}\n"
	".desc{color:#555;font-size:.9em}\n"
	"#map{width:100%;max-width:860px;height:auto;border:1px solid #ddd;background:#fcfcfc;"
	"display:block}\n"
	"#map .ties line{stroke:#556}\n"
	"#map .q1{stroke-opacity:.12;stroke-width:6}#map .q2{stroke-opacity:.2;stroke-width:9}"
	"#map .q3{stroke-opacity:.3;stroke-width:12}#map .q4{stroke-opacity:.4;stroke-width:16}"
	"#map .q5{stroke-opacity:.5;stroke-width:20}\n"
	"#map .node circle{stroke:#fff;stroke-width:10}\n"
	"#map .node:hover circle{stroke:#000;stroke-width:18}\n"
	"#map .focal circle{stroke:#000;stroke-width:26}\n"
	"#map .rec circle{stroke:#c00;stroke-width:26;stroke-dasharray:40 24}\n"
	"#map .hull{opacity:.16}#map .hull *{fill:#c2185b;stroke:#c2185b;"
	"stroke-linejoin:round;stroke-linecap:round}\n"
	"#map .hull:hover{opacity:.3}\n"
	".key{display:flex;flex-wrap:wrap;gap:.3em 1.4em;font-size:.9em;color:#444}\n"
	".key i{display:inline-block;width:.9em;height:.9em;border-radius:50%;"
	"vertical-align:-.1em;margin-right:.3em;background:#ccc}\n";

static void page_head(report *r)
{
	sm_buf *b = &r->b;
	sm_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	sm_buf_printf(b, "<meta name=\"generator\" content=\"stakemap %s\">\n<title>", sm_version());
	sm_buf_escape(b, r->title);
	sm_buf_puts(b, "</title>\n<style>\n");
	sm_buf_puts(b, css);
	for (int k = 0; k < SM_PALETTE_SIZE; k++)
		sm_buf_printf(b, ".c%d{fill:%s;background:%s}", k, sm_palette[k].hex, sm_palette[k].hex);
	sm_buf_puts(b, "\n</style>\n</head>\n<body>\n<header>\n<h1>");
	sm_buf_escape(b, r->title);
	sm_buf_puts(b, "</h1>\n<nav><a href=\"#map-section\">Map</a><a href=\"#summary\">Summary</a>"
	               "<a href=\"#top-actors\">Top actors</a><a href=\"#brokers\">Brokers</a>"
	               "<a href=\"#bubbles\">Bubbles</a>");
	if (r->gaps)
		sm_buf_puts(b, "<a href=\"#gaps\">Gaps</a>");
	sm_buf_puts(b, "</nav>\n</header>\n<main>\n");
}

/* Sortable tables: click a heading to sort by it (numbers as numbers, the
 * empty cell lowest), again to reverse. No data goes into the script. */
static const char script[] =
	"<script>\n"
	"(function(){\n"
	"function key(c,num){var t=c.textContent;if(!num)return t;"
	"var v=parseFloat(t);return isNaN(v)?-Infinity:v;}\n"
	"function sort(th){var table=th.closest('table'),body=table.tBodies[0],i=th.cellIndex,"
	"num=th.classList.contains('n'),dir=th.getAttribute('data-dir')==='desc'?'asc':'desc';\n"
	"if(!num&&!th.getAttribute('data-dir'))dir='asc';\n"
	"var hs=table.tHead.rows[0].cells;for(var k=0;k<hs.length;k++)"
	"hs[k].removeAttribute('data-dir');th.setAttribute('data-dir',dir);\n"
	"var rows=Array.prototype.slice.call(body.rows).map(function(r,j){"
	"return [key(r.cells[i],num),j,r];});\n"
	"rows.sort(function(a,b){var x=a[0],y=b[0],c=num?(x<y?-1:x>y?1:0):"
	"String(x).localeCompare(String(y));if(dir==='desc')c=-c;return c||a[1]-b[1];});\n"
	"rows.forEach(function(r){body.appendChild(r[2]);});}\n"
	"var ths=document.querySelectorAll('table.sortable th');\n"
	"for(var k=0;k<ths.length;k++){ths[k].tabIndex=0;"
	"ths[k].addEventListener('click',function(){sort(this);});"
	"ths[k].addEventListener('keydown',function(e){if(e.key==='Enter')sort(this);});}\n"
	"})();\n"
	"</script>\n";

static void page_tail(report *r)
{
	sm_buf_printf(&r->b,
	              "</main>\n<footer class=\"note\"><p>Made by stakemap %s. Seed %llu: the "
	              "same network, options and seed give the same report.</p></footer>\n",
	              sm_version(), (unsigned long long)r->o.seed);
	sm_buf_puts(&r->b, script);
	sm_buf_puts(&r->b, "</body>\n</html>\n");
}

/* ---- summary and legend -------------------------------------------------------- */

static int section_summary(report *r)
{
	const sm_summary *s = &r->summary;
	char v[18][64];
	const char *name[18];
	size_t k = 0;
#define FIG(label, ...) (name[k] = (label), snprintf(v[k], sizeof v[k], __VA_ARGS__), k++)
	FIG("actors", "%lld", (long long)s->actors);
	FIG("relationships", "%lld", (long long)s->relationships);
	FIG("directed", "%s", s->directed ? "yes" : "no");
	FIG("connected pairs", "%lld", (long long)s->pairs);
	FIG("multi-relationships", "%lld", (long long)s->multi_relationships);
	FIG("density", "%.4g", s->density);
	FIG("components", "%lld", (long long)s->components);
	FIG("largest component", "%lld", (long long)s->largest_component);
	FIG("isolated actors", "%lld", (long long)s->isolated);
	FIG("mean degree", "%.4g", s->mean_degree);
	if (s->relationships > 0) {
		FIG("quality: mean", "%.3g", s->quality_mean);
		FIG("quality: median", "%.3g", s->quality_median);
		FIG("quality: range", "%.3g to %.3g", s->quality_min, s->quality_max);
	}
	if (s->dated > 0) {
		char a[11] = "", z[11] = "";
		sm_date_format(a, s->first_date);
		sm_date_format(z, s->last_date);
		FIG("dated relationships", "%lld", (long long)s->dated);
		FIG("dates", "%s to %s", a, z);
	}
	FIG("communities", "%lld", (long long)r->communities);
#undef FIG
	sm_table *t = NULL;
	size_t cf, cv;
	int rc;
	if ((rc = sm_table_new(&t, k)) ||
	    (rc = sm_table_add_column(&cf, t, "figure", SM_COLUMN_STRING)) ||
	    (rc = sm_table_add_column(&cv, t, "value", SM_COLUMN_STRING)))
		goto done;
	for (size_t i = 0; i < k; i++)
		if ((rc = sm_table_set_string(t, cf, i, name[i])) ||
		    (rc = sm_table_set_string(t, cv, i, v[i])))
			goto done;
	sm_buf_puts(&r->b, "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"row\">\n");
	html_table(&r->b, t, "The network", k);
	html_table(&r->b, r->kinds, "Actors by kind", sm_table_rows(r->kinds));
	sm_buf_puts(&r->b, "</div>\n</section>\n");
done:
	sm_table_free(t);
	return rc;
}

static const char *kind_description(const char *kind)
{
	for (size_t k = 0; k < sm_kind_count(); k++)
		if (strcmp(sm_kind_name(k), kind) == 0)
			return sm_kind_description(k);
	return "not a built-in kind";
}

static int section_legend(report *r)
{
	sm_buf *b = &r->b;
	size_t rows;
	const char *const *value = sm_table_column_string(r->kinds, "value", &rows);
	const int64_t *count = sm_table_column_int64(r->kinds, "actors", NULL);
	if (!value || !count)
		return sm_fail(SM_EINTERNAL, "report: the kinds table lacks value or actors");
	bool by_kind = strcmp(r->colour_by, "kind") == 0;
	sm_buf_puts(b, "<section id=\"legend\">\n<h2>Legend</h2>\n<ul class=\"legend\" "
	               "id=\"kinds\">\n");
	for (size_t i = 0; i < rows; i++) {
		sm_buf_puts(b, "<li class=\"kind\">");
		if (by_kind)
			sm_buf_printf(b, "<span class=\"sw c%d\"></span>", sm_kind_palette_index(value[i]));
		sm_buf_puts(b, "<b>");
		sm_buf_escape(b, value[i]);
		sm_buf_printf(b, "</b> %lld <span class=\"desc\">", (long long)count[i]);
		sm_buf_escape(b, kind_description(value[i]));
		sm_buf_puts(b, "</span></li>\n");
	}
	sm_buf_puts(b, "</ul>\n");
	if (!by_kind) {
		bool community = strcmp(r->colour_by, "community") == 0;
		int32_t groups = community ? r->communities : r->colour_groups.count;
		sm_buf_puts(b, "<p>Colours: ");
		sm_buf_escape(b, community ? "communities (Leiden, by size)" : r->colour_by);
		if (groups > SM_PALETTE_SIZE)
			sm_buf_printf(b, "; %d groups share the %d colours", groups, SM_PALETTE_SIZE);
		sm_buf_puts(b, ".</p>\n<ul class=\"legend\" id=\"colours\">\n");
		for (int32_t g = 0; g < groups && g < LEGEND_GROUPS; g++) {
			sm_buf_printf(b, "<li><span class=\"sw c%d\"></span>", g % SM_PALETTE_SIZE);
			if (community)
				sm_buf_printf(b, "community %d", g);
			else
				sm_buf_escape(b, r->colour_groups.name[g]);
			sm_buf_puts(b, "</li>\n");
		}
		if (groups > LEGEND_GROUPS)
			sm_buf_printf(b, "<li>… %d more</li>\n", groups - LEGEND_GROUPS);
		sm_buf_puts(b, "</ul>\n");
	}
	sm_buf_puts(b, "</section>\n");
	return SM_OK;
}

/* ---- the map --------------------------------------------------------------------- */

/* Tooltip texts, NUL-separated in one buffer (which moves as it grows):
 * at[i] is the offset of text i; pointers are taken once it is complete. */
typedef struct titles {
	sm_buf text;
	size_t *at;
} titles;

static void title_begin(titles *t, int64_t i)
{
	t->at[i] = t->text.len;
}

static void title_end(titles *t)
{
	sm_buf_put(&t->text, "", 1); /* the NUL */
}

/* Members of the group of node `i` of a flagged bubble: title of its hull. */
static void bubble_line(sm_buf *b, const report *r, int64_t actor)
{
	const sm_table *gt = r->bubbles->groups;
	const int64_t *gid = sm_table_column_int64(gt, "group", NULL);
	const int64_t *grp = sm_table_column_int64(r->bubbles->actors, "group", NULL);
	const char *const *gname = sm_table_column_string(gt, "name", NULL);
	size_t ng = sm_table_rows(gt);
	for (size_t k = 0; k < ng; k++)
		if (gid[k] == grp[actor]) {
			sm_buf_puts(b, "\nin a flagged bubble: ");
			sm_buf_puts(b, gname && gname[k] ? gname[k] : "");
			return;
		}
}

static void actor_title(sm_buf *b, const report *r, int64_t i, const double *size_v,
                        const double *degree, const double *strength, const double *pagerank)
{
	const sm_network *net = r->net;
	if (net->actor_label[i][0])
		sm_buf_printf(b, "%s (%s)", net->actor_label[i], net->actor_id[i]);
	else
		sm_buf_puts(b, net->actor_id[i]);
	sm_buf_printf(b, "\nkind: %s\ncontacts: ", net->actor_kind[i]);
	sm_buf_number(b, degree[i]);
	sm_buf_puts(b, "\nstrength: ");
	sm_buf_number(b, strength[i]);
	sm_buf_puts(b, "\npagerank: ");
	sm_buf_number(b, pagerank[i]);
	if (size_v != pagerank && size_v != degree && size_v != strength) {
		sm_buf_printf(b, "\n%s: ", r->size_by);
		sm_buf_number(b, size_v[i]);
	}
	sm_buf_printf(b, "\ncommunity: %d", r->community[i]);
	if (r->focal && sm_selection_contains(r->focal, i))
		sm_buf_puts(b, "\nfocal actor");
	if (r->recommended[i])
		sm_buf_puts(b, "\nrecommended new contact");
	if (r->in_bubble[i])
		bubble_line(b, r, i);
}

/* The flagged bubbles as hulls over the actors' nodes. */
static int actor_hulls(report *r, sm_map_hull **hulls, size_t *count, int64_t **members,
                       titles *ht)
{
	const sm_table *gt = r->bubbles->groups;
	size_t ng = sm_table_rows(gt);
	const int64_t *gid = sm_table_column_int64(gt, "group", NULL);
	const bool *flag = sm_table_column_bool(gt, "bubble", NULL);
	const char *const *gname = sm_table_column_string(gt, "name", NULL);
	const char *const *reason = sm_table_column_string(gt, "reason", NULL);
	const int64_t *grp = sm_table_column_int64(r->bubbles->actors, "group", NULL);
	size_t flagged = 0;
	for (size_t k = 0; k < ng; k++)
		flagged += flag[k];
	*hulls = sm_calloc(flagged ? flagged : 1, sizeof **hulls);
	*members = sm_malloc((size_t)(r->n ? r->n : 1) * sizeof **members);
	ht->at = sm_calloc(flagged + 1, sizeof *ht->at);
	if (!*hulls || !*members || !ht->at)
		return sm_fail_nomem();
	size_t used = 0, h = 0;
	for (size_t k = 0; k < ng; k++) {
		if (!flag[k])
			continue;
		sm_map_hull *hl = &(*hulls)[h];
		hl->members = *members + used;
		for (int64_t i = 0; i < r->n; i++)
			if (grp[i] == gid[k])
				(*members)[used++] = i;
		hl->count = (size_t)(*members + used - hl->members);
		title_begin(ht, (int64_t)h);
		sm_buf_puts(&ht->text, "filter bubble: ");
		sm_buf_puts(&ht->text, gname && gname[k] ? gname[k] : "");
		sm_buf_printf(&ht->text, " (%zu actors)\n", hl->count);
		sm_buf_puts(&ht->text, reason && reason[k] ? reason[k] : "");
		title_end(ht);
		h++;
	}
	*count = h;
	return ht->text.error;
}

static int draw_actors(report *r, sm_map *map)
{
	int64_t n = r->n;
	sm_table *lay = NULL;
	sm_map_node *nodes = sm_calloc((size_t)(n ? n : 1), sizeof *nodes);
	int32_t *src = NULL, *dst = NULL;
	double *q = NULL;
	sm_map_hull *hulls = NULL;
	int64_t *members = NULL;
	titles nt = { 0 }, ht = { 0 };
	nt.at = sm_calloc((size_t)n + 1, sizeof *nt.at);
	int rc = SM_OK;
	if (!nodes || !nt.at) {
		rc = sm_fail_nomem();
		goto done;
	}
	sm_layout_options lo;
	sm_layout_options_init(&lo);
	lo.seed = r->o.seed;
	lo.progress = r->o.progress;
	lo.progress_user = r->o.progress_user;
	if ((rc = sm_layout(&lay, r->net, &lo)))
		goto done;
	snprintf(r->layout_note, sizeof r->layout_note, "%s, seed %s",
	         sm_table_note(lay, "algorithm"), sm_table_note(lay, "seed"));
	const double *x = sm_table_column_double(lay, "x", NULL);
	const double *y = sm_table_column_double(lay, "y", NULL);
	const double *sv = sm_table_column_double(r->centrality, r->size_by, NULL);
	const double *deg = sm_table_column_double(r->centrality, "degree", NULL);
	const double *str = sm_table_column_double(r->centrality, "strength", NULL);
	const double *pr = sm_table_column_double(r->centrality, "pagerank", NULL);
	for (int64_t i = 0; i < n; i++) {
		title_begin(&nt, i);
		actor_title(&nt.text, r, i, sv, deg, str, pr);
		title_end(&nt);
	}
	if ((rc = nt.text.error))
		goto done;
	for (int64_t i = 0; i < n; i++) {
		sm_map_node *nd = &nodes[i];
		nd->x = x[i];
		nd->y = y[i];
		nd->size = r->size[i];
		nd->colour = r->colour[i];
		nd->focal = r->focal && sm_selection_contains(r->focal, i);
		nd->recommended = r->recommended[i];
		nd->id = r->net->actor_id[i];
		nd->title = nt.text.data + nt.at[i];
	}
	/* One line per pair: the mutual graph's rows, each pair from its lower end. */
	const sm_csr *m = &r->mu.m;
	int64_t pairs = 0;
	for (int64_t u = 0; u < n; u++)
		for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++)
			pairs += m->nbr[e] > u;
	src = sm_malloc((size_t)(pairs ? pairs : 1) * sizeof *src);
	dst = sm_malloc((size_t)(pairs ? pairs : 1) * sizeof *dst);
	q = sm_malloc((size_t)(pairs ? pairs : 1) * sizeof *q);
	if (!src || !dst || !q) {
		rc = sm_fail_nomem();
		goto done;
	}
	int64_t p = 0;
	for (int64_t u = 0; u < n; u++)
		for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++)
			if (m->nbr[e] > u) {
				src[p] = (int32_t)u;
				dst[p] = m->nbr[e];
				q[p++] = m->q[e];
			}
	size_t hull_count = 0;
	if ((rc = actor_hulls(r, &hulls, &hull_count, &members, &ht)))
		goto done;
	for (size_t k = 0; k < hull_count; k++)
		hulls[k].title = ht.text.data + ht.at[k];
	map->nodes = nodes;
	map->n = n;
	map->src = src;
	map->dst = dst;
	map->q = q;
	map->m = pairs;
	map->hulls = hulls;
	map->hull_count = hull_count;
	r->drawn = n;
	sm_svg_map(&r->b, map);
	rc = r->b.error;
done:
	sm_table_free(lay);
	sm_free(nodes);
	sm_free(src);
	sm_free(dst);
	sm_free(q);
	sm_free(hulls);
	sm_free(members);
	sm_buf_dispose(&nt.text);
	sm_free(nt.at);
	sm_buf_dispose(&ht.text);
	sm_free(ht.at);
	return rc;
}

/* A tie between two communities, for the map drawn by community. */
typedef struct cpair {
	int32_t a, b;
	double w;
} cpair;

static int by_pair(const void *x, const void *y)
{
	const cpair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* The most common of `k` groups among the members of each drawn community. */
static int majority(int *out, const int32_t *group_of, int32_t k, const report *r,
                    int64_t drawn)
{
	int64_t *tally = sm_calloc((size_t)drawn * (size_t)(k ? k : 1), sizeof *tally);
	if (!tally)
		return sm_fail_nomem();
	for (int64_t i = 0; i < r->n; i++)
		if (r->community[i] < drawn)
			tally[(int64_t)r->community[i] * k + group_of[i]]++;
	for (int64_t c = 0; c < drawn; c++) {
		int32_t best = 0;
		for (int32_t g = 1; g < k; g++)
			if (tally[c * k + g] > tally[c * k + best])
				best = g;
		out[c] = best;
	}
	sm_free(tally);
	return SM_OK;
}

static int draw_communities(report *r, sm_map *map)
{
	int64_t drawn = r->communities < r->o.max_actors ? r->communities : r->o.max_actors;
	const sm_csr *m = &r->mu.m;
	sm_map_node *nodes = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *nodes);
	int64_t *members = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *members);
	int64_t *focal = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *focal);
	int64_t *rec = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *rec);
	int64_t *bubbled = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *bubbled);
	int64_t *lead = sm_malloc((size_t)(drawn ? drawn : 1) * sizeof *lead);
	int *best = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *best);
	double *x = sm_malloc((size_t)(drawn ? drawn : 1) * sizeof *x);
	double *y = sm_malloc((size_t)(drawn ? drawn : 1) * sizeof *y);
	char **ids = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *ids);
	int64_t *hull_members = NULL;
	sm_map_hull *hulls = NULL;
	cpair *pairs = NULL;
	int32_t *src = NULL, *dst = NULL;
	double *q = NULL;
	sm_grouping kinds = { 0 };
	titles nt = { 0 }, ht = { 0 };
	nt.at = sm_calloc((size_t)drawn + 1, sizeof *nt.at);
	ht.at = sm_calloc((size_t)drawn + 1, sizeof *ht.at);
	int rc = SM_OK;
	if (!nodes || !members || !focal || !rec || !bubbled || !lead || !best ||
	    !x || !y || !ids || !nt.at || !ht.at) {
		rc = sm_fail_nomem();
		goto done;
	}
	const double *sv = sm_table_column_double(r->centrality, r->size_by, NULL);
	for (int64_t c = 0; c < drawn; c++)
		lead[c] = -1;
	for (int64_t i = 0; i < r->n; i++) {
		int32_t c = r->community[i];
		if (c >= drawn)
			continue;
		members[c]++;
		focal[c] += r->focal && sm_selection_contains(r->focal, i);
		rec[c] += r->recommended[i];
		bubbled[c] += r->in_bubble[i];
		if (lead[c] < 0 || sv[i] > sv[lead[c]])
			lead[c] = i;
	}
	/* Ties between drawn communities: Σ of the pairs' qualities. */
	int64_t np = 0;
	for (int64_t u = 0; u < r->n; u++)
		for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++) {
			int32_t cu = r->community[u], cv = r->community[m->nbr[e]];
			np += m->nbr[e] > u && cu != cv && cu < drawn && cv < drawn;
		}
	pairs = sm_malloc((size_t)(np ? np : 1) * sizeof *pairs);
	if (!pairs) {
		rc = sm_fail_nomem();
		goto done;
	}
	np = 0;
	for (int64_t u = 0; u < r->n; u++)
		for (int64_t e = m->offsets[u]; e < m->offsets[u + 1]; e++) {
			int32_t cu = r->community[u], cv = r->community[m->nbr[e]];
			if (m->nbr[e] > u && cu != cv && cu < drawn && cv < drawn)
				pairs[np++] = (cpair){ cu < cv ? cu : cv, cu < cv ? cv : cu, m->q[e] };
		}
	qsort(pairs, (size_t)np, sizeof *pairs, by_pair);
	int64_t ties = 0;
	double wmax = 0;
	for (int64_t k = 0; k < np; k++) {
		if (ties && pairs[ties - 1].a == pairs[k].a && pairs[ties - 1].b == pairs[k].b)
			pairs[ties - 1].w += pairs[k].w;
		else
			pairs[ties++] = pairs[k];
	}
	for (int64_t k = 0; k < ties; k++)
		wmax = fmax(wmax, pairs[k].w);
	src = sm_malloc((size_t)(ties ? ties : 1) * sizeof *src);
	dst = sm_malloc((size_t)(ties ? ties : 1) * sizeof *dst);
	q = sm_malloc((size_t)(ties ? ties : 1) * sizeof *q);
	if (!src || !dst || !q) {
		rc = sm_fail_nomem();
		goto done;
	}
	for (int64_t k = 0; k < ties; k++) {
		src[k] = pairs[k].a;
		dst[k] = pairs[k].b;
		q[k] = pairs[k].w / wmax; /* relative strength: the strongest tie is 1 */
	}
	sm_layout_algorithm algorithm = sm_layout_resolve(SM_LAYOUT_AUTO, drawn);
	if ((rc = sm_layout_edges(x, y, drawn, src, dst, q, ties, algorithm, r->o.seed, 0,
	                          r->o.progress, r->o.progress_user)))
		goto done;
	snprintf(r->layout_note, sizeof r->layout_note, "%s, seed %llu",
	         algorithm == SM_LAYOUT_FR ? "fr" : "drl", (unsigned long long)r->o.seed);
	/* Colour: the most common colour group of the members. */
	bool by_kind = strcmp(r->colour_by, "kind") == 0;
	if ((rc = sm_grouping_build(&kinds, r->net, "kind")) ||
	    (rc = majority(best, kinds.of, kinds.count, r, drawn)))
		goto done;
	int64_t max_members = 1;
	for (int64_t c = 0; c < drawn; c++)
		max_members = members[c] > max_members ? members[c] : max_members;
	size_t hulls_used = 0;
	hulls = sm_calloc((size_t)(drawn ? drawn : 1), sizeof *hulls);
	hull_members = sm_malloc((size_t)(drawn ? drawn : 1) * sizeof *hull_members);
	if (!hulls || !hull_members) {
		rc = sm_fail_nomem();
		goto done;
	}
	for (int64_t c = 0; c < drawn; c++) {
		sm_buf *t = &nt.text;
		const char *top_kind = kinds.name[best[c]];
		title_begin(&nt, c);
		sm_buf_printf(t, "community %lld: %lld actors\nmost common kind: %s",
		              (long long)c, (long long)members[c], top_kind);
		if (lead[c] >= 0) {
			sm_buf_puts(t, "\nleading actor: ");
			sm_buf_puts(t, r->net->actor_id[lead[c]]);
			sm_buf_printf(t, " (%s)", r->size_by);
		}
		if (focal[c])
			sm_buf_printf(t, "\nfocal actors: %lld", (long long)focal[c]);
		if (rec[c])
			sm_buf_printf(t, "\nrecommended contacts: %lld", (long long)rec[c]);
		if (2 * bubbled[c] > members[c]) {
			sm_buf_printf(t, "\n%lld of its actors are in flagged bubbles",
			              (long long)bubbled[c]);
			hull_members[hulls_used] = c;
			hulls[hulls_used].members = &hull_members[hulls_used];
			hulls[hulls_used].count = 1;
			title_begin(&ht, (int64_t)hulls_used);
			sm_buf_printf(&ht.text, "community %lld: %lld of %lld actors in flagged bubbles",
			              (long long)c, (long long)bubbled[c], (long long)members[c]);
			title_end(&ht);
			hulls_used++;
		}
		title_end(&nt);
		ids[c] = sm_malloc(32);
		if (!ids[c]) {
			rc = sm_fail_nomem();
			goto done;
		}
		snprintf(ids[c], 32, "community-%lld", (long long)c);
	}
	if ((rc = nt.text.error) || (rc = ht.text.error))
		goto done;
	for (int64_t c = 0; c < drawn; c++) {
		sm_map_node *nd = &nodes[c];
		nd->x = x[c];
		nd->y = y[c];
		nd->size = (double)members[c] / (double)max_members;
		nd->colour = by_kind ? sm_kind_palette_index(kinds.name[best[c]])
		                     : (int)(c % SM_PALETTE_SIZE);
		nd->focal = focal[c] > 0;
		nd->recommended = rec[c] > 0;
		nd->id = ids[c];
		nd->title = nt.text.data + nt.at[c];
	}
	if (!by_kind && strcmp(r->colour_by, "community") != 0) {
		/* Colour by an attribute: the members' most common value. */
		if ((rc = majority(best, r->colour_groups.of, r->colour_groups.count, r, drawn)))
			goto done;
		for (int64_t c = 0; c < drawn; c++)
			nodes[c].colour = best[c] % SM_PALETTE_SIZE;
	}
	for (size_t k = 0; k < hulls_used; k++)
		hulls[k].title = ht.text.data + ht.at[k];
	map->nodes = nodes;
	map->n = drawn;
	map->src = src;
	map->dst = dst;
	map->q = q;
	map->m = ties;
	map->hulls = hulls;
	map->hull_count = hulls_used;
	r->drawn = drawn;
	sm_svg_map(&r->b, map);
	rc = r->b.error;
done:
	if (ids)
		for (int64_t c = 0; c < drawn; c++)
			sm_free(ids[c]);
	sm_free(ids);
	sm_free(nodes);
	sm_free(members);
	sm_free(focal);
	sm_free(rec);
	sm_free(bubbled);
	sm_free(lead);
	sm_free(best);
	sm_free(x);
	sm_free(y);
	sm_free(hulls);
	sm_free(hull_members);
	sm_free(pairs);
	sm_free(src);
	sm_free(dst);
	sm_free(q);
	sm_grouping_dispose(&kinds);
	sm_buf_dispose(&nt.text);
	sm_free(nt.at);
	sm_buf_dispose(&ht.text);
	sm_free(ht.at);
	return rc;
}

static int section_map(report *r)
{
	sm_buf *b = &r->b;
	char caption[160];
	r->by_community = r->n > r->o.max_actors;
	snprintf(caption, sizeof caption, "Map of %lld actors%s", (long long)r->n,
	         r->by_community ? ", one node per community" : "");
	sm_buf_puts(b, "<section id=\"map-section\">\n<h2>Map</h2>\n");
	if (r->by_community)
		sm_buf_printf(b,
		              "<p class=\"note\" id=\"by-community\">This network has %lld actors, "
		              "more than %lld: it is drawn one node per community (Leiden, seed "
		              "%llu), the area of a node growing with its members, a line between "
		              "two communities when their actors are tied.</p>\n",
		              (long long)r->n, (long long)r->o.max_actors,
		              (unsigned long long)r->o.seed);
	sm_map map = { 0 };
	map.directed = r->summary.directed;
	map.caption = caption;
	int rc = r->by_community ? draw_communities(r, &map) : draw_actors(r, &map);
	if (rc)
		return rc;
	if (r->by_community && r->communities > r->drawn)
		sm_buf_printf(b, "<p class=\"note\">The %lld largest of %d communities are drawn.</p>\n",
		              (long long)r->drawn, r->communities);
	sm_buf_puts(b, "<p class=\"key\">");
	if (r->by_community)
		sm_buf_puts(b, "<span>Node area: actors in the community</span>");
	else
		sm_buf_printf(b, "<span>Node area: %s</span>", r->size_by);
	sm_buf_puts(b, "<span>Colour: ");
	sm_buf_escape(b, r->colour_by);
	sm_buf_puts(b, "</span><span>Line: tie quality (darker is stronger)</span>"
	               "<span><i style=\"background:#c2185b;opacity:.4\"></i>flagged bubble "
	               "(hover for the reason)</span>");
	if (r->focal)
		sm_buf_puts(b, "<span><i style=\"border:3px solid #000\"></i>focal set</span>"
		               "<span><i style=\"border:3px dashed #c00\"></i>recommended new "
		               "contact</span>");
	if (map.directed)
		sm_buf_puts(b, "<span>Directions are not drawn</span>");
	sm_buf_printf(b, "<span>Layout: %s</span></p>\n</section>\n", r->layout_note);
	return r->b.error;
}

/* ---- the tables -------------------------------------------------------------------- */

static int section_top_actors(report *r)
{
	int rc = sm_table_sort(r->centrality, r->size_by, true);
	if (rc)
		return rc;
	const char *cols[] = { "rank", "id", "label", "kind", r->size_by, "degree", "strength",
		               "pagerank" };
	size_t ncols = COUNT(cols);
	if (r->size_measure & (SM_MEASURE_DEGREE | SM_MEASURE_STRENGTH | SM_MEASURE_PAGERANK)) {
		/* The size measure is one of the three: list it once. */
		cols[4] = "degree";
		cols[5] = "strength";
		cols[6] = "pagerank";
		ncols--;
	}
	char caption[96];
	snprintf(caption, sizeof caption, "The %lld actors with the highest %s",
	         (long long)r->o.top, r->size_by);
	sm_buf_puts(&r->b, "<section id=\"top-actors\">\n<h2>Top actors</h2>\n");
	rc = table_section(r, r->centrality, (size_t)r->o.top, cols, ncols, caption);
	sm_buf_puts(&r->b, "<p class=\"note\">degree: distinct contacts; strength: the sum of qualities; pagerank: damping 0.85, "
	                   "qualities as weights.</p>\n</section>\n");
	return rc;
}

static int section_brokers(report *r)
{
	int rc = sm_table_sort(r->brokerage, "brokerage", true);
	if (rc)
		return rc;
	static const char *const cols[] = { "rank", "id", "label", "kind", "brokerage",
		                            "coordinator", "itinerant", "gatekeeper",
		                            "representative", "liaison", "constraint",
		                            "effective_size", "participation" };
	sm_buf_puts(&r->b, "<section id=\"brokers\">\n<h2>Brokers</h2>\n");
	rc = table_section(r, r->brokerage, (size_t)r->o.top, cols, COUNT(cols),
	                   "Actors brokering the most open two-paths between kinds");
	sm_buf_puts(&r->b, "<p class=\"note\">brokerage: open two-paths a–b–c the actor b "
	                   "brokers (Gould–Fernandez roles by kind); constraint: Burt's (low = "
	                   "spans structural holes); participation: how evenly its ties spread "
	                   "over kinds.</p>\n</section>\n");
	return rc;
}

static int section_bubbles(report *r)
{
	const sm_bubbles_result *bu = r->bubbles;
	int rc = sm_table_sort(bu->groups, "bubble", true); /* flagged first, then by size */
	if (rc)
		return rc;
	static const char *const cols[] = { "group", "name", "size", "bubble", "reason",
		                            "ei_index", "conductance", "kind_entropy", "top_kind",
		                            "top_kind_share", "top_actors" };
	size_t rows = (size_t)r->o.top;
	if ((int64_t)rows < bu->bubble_count)
		rows = (size_t)bu->bubble_count;
	sm_buf_puts(&r->b, "<section id=\"bubbles\">\n<h2>Bubbles</h2>\n<p>");
	sm_buf_printf(&r->b, "%lld groups (Leiden communities, seed %llu), %lld flagged as filter "
	                     "bubbles: insular (few ties outside) and homogeneous (few kinds). "
	                     "Modularity ",
	              (long long)bu->group_count, (unsigned long long)bu->seed,
	              (long long)bu->bubble_count);
	sm_buf_number(&r->b, bu->modularity);
	sm_buf_puts(&r->b, ".</p>\n");
	rc = table_section(r, bu->groups, rows, cols, COUNT(cols),
	                   "Groups, flagged bubbles first");
	sm_buf_puts(&r->b, "</section>\n");
	return rc;
}

static int section_gaps(report *r)
{
	const sm_gaps_result *g = r->gaps;
	sm_buf *b = &r->b;
	sm_buf_puts(b, "<section id=\"gaps\">\n<h2>Gaps</h2>\n<p>Focal set <code>");
	sm_buf_escape(b, r->o.focal);
	sm_buf_printf(b, "</code>: %lld actors. They reach %lld of %lld actors (focal included) "
	                 "within two hops; mean reach quality of the others ",
	              (long long)g->focal_count, (long long)g->reached_count,
	              (long long)g->actors_total);
	sm_buf_number(b, g->mean_quality);
	sm_buf_puts(b, "; diversity gap (Jensen–Shannon, kinds reached vs. present) ");
	sm_buf_number(b, g->diversity_gap);
	sm_buf_puts(b, ".</p>\n");
	static const char *const cov[] = { "attribute", "group", "size", "share_of_network",
		                           "reached", "share_reached", "weakly_reached",
		                           "mean_quality", "representation" };
	static const char *const sus[] = { "rank", "id", "label", "kind", "group", "standing",
		                           "quality", "score" };
	static const char *const rec[] = { "rank", "id", "label", "kind", "gain", "objective",
		                           "newly_reached", "opens" };
	int rc;
	if ((rc = table_section(r, g->coverage, COVERAGE_ROWS, cov, COUNT(cov),
	                        "Coverage of the target groups (least represented first)")) ||
	    (rc = table_section(r, g->suspects, (size_t)r->o.top, sus, COUNT(sus),
	                        "Unusual suspects: standing in their group, weakly reached")) ||
	    (rc = table_section(r, g->recommendations, sm_table_rows(g->recommendations), rec,
	                        COUNT(rec), "Recommended new direct contacts, in order")))
		return rc;
	sm_buf_puts(b, "</section>\n");
	return SM_OK;
}

/* ---- entry points ------------------------------------------------------------------ */

int sm_report_html(char **html, size_t *size, const sm_network *net,
                   const sm_report_options *opts)
{
	if (!html || !net)
		return sm_fail(SM_EINVAL, "sm_report_html: %s is NULL", !html ? "html" : "net");
	report r;
	memset(&r, 0, sizeof r);
	r.net = net;
	int rc;
	if ((rc = check_options(&r, net, opts)) || (rc = sm_network_freeze(net)))
		return rc;
	r.n = (int64_t)net->n;
	if ((rc = run_analyses(&r)))
		goto done;
	page_head(&r);
	sm_buf_puts(&r.b, "<div class=\"row\">\n");
	if ((rc = section_map(&r)) || (rc = section_legend(&r)))
		goto done;
	sm_buf_puts(&r.b, "</div>\n");
	if ((rc = section_summary(&r)) || (rc = section_top_actors(&r)) || (rc = section_brokers(&r)) ||
	    (rc = section_bubbles(&r)) || (r.gaps && (rc = section_gaps(&r))))
		goto done;
	page_tail(&r);
	if ((rc = r.b.error))
		goto done;
	*html = r.b.data;
	if (size)
		*size = r.b.len;
	r.b.data = NULL;
done:
	report_dispose(&r);
	return rc;
}

int sm_report_write(const sm_network *net, const char *path, const sm_report_options *opts)
{
	if (!path)
		return sm_fail(SM_EINVAL, "sm_report_write: path is NULL");
	char *html = NULL;
	size_t size = 0;
	int rc = sm_report_html(&html, &size, net, opts);
	if (rc)
		return rc;
	sm_atomic_file f;
	if ((rc = sm_atomic_open(&f, path)) == SM_OK) {
		if (fwrite(html, 1, size, f.stream) != size) {
			char q[64];
			rc = sm_fail(SM_EIO, "%s: write failed", sm_quote(q, path));
			sm_atomic_abort(&f);
		} else {
			rc = sm_atomic_commit(&f);
		}
	}
	sm_free(html);
	return rc;
}
