/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * GraphML (docs/formats/graphml.md): a streaming reader on expat and a
 * writer.
 *
 * Reading. The input is fed to expat in chunks from sm_source_read(); expat
 * allocates through sm_malloc/sm_realloc/sm_free, so allocation-failure tests
 * reach it too. Security first: any DOCTYPE stops the parser at once (so no
 * entity is ever declared, let alone expanded: "billion laughs" and external
 * entities such as file:///etc/passwd never get a chance), entity
 * declarations and external entity references are refused as a second line,
 * and parameter entities are never parsed.
 *
 * Elements are matched by local name when they are in the GraphML namespace
 * or in none; elements of any other namespace (yEd's y:ShapeNode, ...) are
 * skipped with their content, as is <desc> and graph-level <data>.
 *
 * <key> declarations (which GraphML puts before the <graph>) are resolved
 * when the <graph> starts: node keys named "label" and "kind" give the
 * actor's label and kind; edge keys named "quality" (or "weight" when there
 * is no quality key), "kind", "since" and "until" give those fields; every
 * other key becomes an attribute of its name and type. Nodes are added to
 * the network at their end tag. Edges are buffered until </graph>, because
 * GraphML lets an edge name a node declared further down; they are then
 * added in document order, and an unknown end is reported at the edge's
 * line.
 *
 * Errors: XML syntax errors (expat's message, line, 1-based column) and
 * structural ones (DOCTYPE, unsupported elements) end the read with
 * SM_EPARSE. Value errors (bad number, unknown node, duplicate id, ...) go
 * through sm_diag_problem(): loading stops at the first; validating records
 * each, skips the element and goes on.
 *
 * Writing: standard GraphML 1.0 with the namespace and schema location, a
 * <key> for label and kind (nodes), quality, kind, since and until (edges)
 * and one per attribute, node ids = actor ids, edge ids e0, e1, ... Strings
 * holding characters XML 1.0 cannot carry (C0 controls other than TAB, LF,
 * CR; U+FFFE, U+FFFF) are refused with SM_EINVAL rather than altered.
 */
#include <expat.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/atomic_file.h"
#include "core/core.h"
#include "core/hashmap.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

#define GM_NS "http://graphml.graphdrawing.org/xmlns"
/* expat joins namespace URI and local name with this; neither can hold it. */
#define GM_NS_SEP ' '
#define GM_CHUNK (64 * 1024)
#define GM_MAX_DEPTH 8
#define GM_NONE SIZE_MAX

/* Domains a key applies to (the ones stakemap reads). */
#define GM_D_NODE 1u
#define GM_D_EDGE 2u

enum { GM_NODE = 0, GM_EDGE = 1 }; /* index of per-domain arrays */

typedef enum gm_elem {
	GM_E_NONE = 0,
	GM_E_GRAPHML,
	GM_E_KEY,
	GM_E_DEFAULT,
	GM_E_GRAPH,
	GM_E_NODE,
	GM_E_EDGE,
	GM_E_DATA
} gm_elem;

static const char *const gm_elem_names[] = { "", "graphml", "key", "default", "graph",
	                                         "node", "edge", "data" };

typedef enum gm_type { GM_T_STRING, GM_T_INT, GM_T_REAL, GM_T_BOOL } gm_type;

typedef enum gm_role {
	GM_R_ATTR = 0,
	GM_R_LABEL,
	GM_R_KIND,
	GM_R_QUALITY,
	GM_R_SINCE,
	GM_R_UNTIL
} gm_role;

typedef struct gm_key {
	const char *id;        /* arena */
	const char *name;      /* attr.name, or the id when absent (arena) */
	const char *for_text;  /* as written (arena), for messages */
	const char *type_text; /* attr.type as written, or "string" */
	unsigned domains;      /* GM_D_NODE | GM_D_EDGE */
	gm_type type;
	bool ignored;          /* yfiles key, graph-only, or rejected in validate mode */
	const char *def_text;  /* <default> content (arena) or NULL */
	gm_role role[2];       /* per domain, set when the graph starts */
	sm_value def[2];       /* parsed default per domain (SM_VALUE_NULL = none) */
	int64_t line, column;
} gm_key;

/* An edge waiting for </graph>. */
typedef struct gm_edge {
	const char *id; /* NULL when the edge has none */
	const char *source, *target;
	double quality;
	const char *kind, *since, *until;
	size_t attr_start, attr_count; /* in gm_reader.eattrs */
	int64_t line, column;
} gm_edge;

typedef struct gm_attrval {
	size_t key;
	sm_value value;
} gm_attrval;

typedef struct gm_reader {
	XML_Parser parser;
	sm_source *src;
	sm_diag *diag;
	int directed_default;
	int rc; /* set once: stops the parser */

	sm_arena arena;
	sm_network *net;

	gm_elem stack[GM_MAX_DEPTH];
	size_t depth;
	int64_t skip_depth; /* > 0 inside a skipped subtree */
	bool seen_graph;

	/* keys */
	gm_key *keys;
	size_t nkeys, keys_cap;
	sm_hashmap key_index;
	size_t cur_key; /* key being declared, or GM_NONE */

	/* the node or edge being read; data slots stamped with `gen` */
	uint64_t gen;
	uint64_t *slot_gen;
	sm_value *slot_val;
	size_t slot_cap;
	bool cur_skip;
	const char *cur_id, *cur_source, *cur_target;
	int64_t cur_line, cur_column;

	/* <data> or <default> text */
	bool collecting;
	size_t data_key; /* GM_NONE: text ignored */
	int64_t data_line, data_column;
	char *text;
	size_t text_len, text_cap;
	bool text_overflow;

	/* edges, resolved at </graph> */
	gm_edge *edges;
	size_t nedges, edges_cap;
	gm_attrval *eattrs;
	size_t neattrs, eattrs_cap;
	sm_hashmap edge_ids;
	sm_hashmap bad_nodes; /* validate mode: ids of nodes skipped, so edges do not cascade */
} gm_reader;

/* ---- errors ----------------------------------------------------------- */

static int64_t gm_line(const gm_reader *r)
{
	return (int64_t)XML_GetCurrentLineNumber(r->parser);
}

/* expat counts columns from 0; ours count from 1. */
static int64_t gm_column(const gm_reader *r)
{
	return (int64_t)XML_GetCurrentColumnNumber(r->parser) + 1;
}

/* Stop reading with `rc` (its error already recorded). */
static void gm_stop(gm_reader *r, int rc)
{
	if (r->rc == SM_OK) {
		r->rc = rc;
		XML_StopParser(r->parser, XML_FALSE);
	}
}

/* A structural error at the current position: always ends the read. */
static void gm_fatal(gm_reader *r, int code, const char *fmt, ...) SM_PRINTF(3, 4);
static void gm_fatal(gm_reader *r, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sm_vfail_at(code, r->src->name, gm_line(r), gm_column(r), fmt, ap);
	va_end(ap);
	gm_stop(r, code);
}

static void gm_nomem(gm_reader *r)
{
	gm_stop(r, sm_fail_nomem());
}

/* After a value error (last error set, located): SM_OK means "skip the
 * element and go on" (validate mode); otherwise the read is stopped. */
static int gm_problem(gm_reader *r, int rc)
{
	if (rc == SM_ENOMEM || rc == SM_EINTERNAL || !r->diag || !r->diag->collect) {
		gm_stop(r, rc);
		return rc;
	}
	rc = sm_diag_problem(r->diag, rc);
	if (rc != SM_OK)
		gm_stop(r, rc);
	return rc;
}

/* A value error at a given position. */
static int gm_value_error(gm_reader *r, int64_t line, int64_t column, int code,
                          const char *fmt, ...) SM_PRINTF(5, 6);
static int gm_value_error(gm_reader *r, int64_t line, int64_t column, int code,
                          const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sm_vfail_at(code, r->src->name, line, column, fmt, ap);
	va_end(ap);
	return gm_problem(r, code);
}

/* A model call failed with `rc`: put the location on its message. */
static int gm_model_error(gm_reader *r, int rc, int64_t line, int64_t column)
{
	if (rc == SM_ENOMEM) {
		gm_stop(r, rc);
		return rc;
	}
	sm_error_locate(r->src->name, line, column);
	return gm_problem(r, rc);
}

/* ---- small helpers ---------------------------------------------------- */

/* The local name of an expat element name; true when it is GraphML's
 * (namespace GM_NS or none). */
static bool gm_split(const char *name, const char **local)
{
	const char *sep = strrchr(name, GM_NS_SEP);
	if (!sep) {
		*local = name;
		return true;
	}
	*local = sep + 1;
	size_t ns_len = (size_t)(sep - name);
	return ns_len == sizeof(GM_NS) - 1 && memcmp(name, GM_NS, ns_len) == 0;
}

/* An unprefixed attribute's value, or NULL. */
static const char *gm_attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

static const char *gm_copy(gm_reader *r, const char *s, size_t len)
{
	const char *c = sm_arena_strndup(&r->arena, s, len);
	if (!c)
		gm_nomem(r);
	return c;
}

static bool gm_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trim XML white space in place; returns the start, updates *len. */
static char *gm_trim(char *s, size_t *len)
{
	size_t n = *len;
	while (n > 0 && gm_is_space(s[n - 1]))
		n--;
	s[n] = '\0';
	while (*s && gm_is_space(*s)) {
		s++;
		n--;
	}
	*len = n;
	return s;
}

/* xsd:boolean as networkx reads it: true/false in any case, 1/0. */
static bool gm_parse_bool(const char *s, bool *out)
{
	if (sm_strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0) {
		*out = true;
		return true;
	}
	if (sm_strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0) {
		*out = false;
		return true;
	}
	return false;
}

/* `node "a"` or `edge "e1"` or `edge "a" -> "b"`, for messages. */
static const char *gm_what(gm_reader *r, char buf[160], bool edge)
{
	char q1[64], q2[64];
	if (!edge)
		snprintf(buf, 160, "node %s", sm_quote(q1, r->cur_id ? r->cur_id : ""));
	else if (r->cur_id)
		snprintf(buf, 160, "edge %s", sm_quote(q1, r->cur_id));
	else
		snprintf(buf, 160, "edge %s %s %s", sm_quote(q1, r->cur_source ? r->cur_source : ""),
		         r->net && sm_network_is_directed(r->net) ? "->" : "--",
		         sm_quote(q2, r->cur_target ? r->cur_target : ""));
	return buf;
}

/* Start collecting the text of a <data> or <default>. */
static bool gm_begin_text(gm_reader *r)
{
	if (SM_GROW(r->text, r->text_cap, 1) != SM_OK) {
		gm_nomem(r);
		return false;
	}
	r->text[0] = '\0';
	r->text_len = 0;
	r->text_overflow = false;
	r->collecting = true;
	return true;
}

/* ---- values ----------------------------------------------------------- */

static const char *gm_type_article(gm_type t)
{
	switch (t) {
	case GM_T_INT: return "an integer";
	case GM_T_REAL: return "a number";
	case GM_T_BOOL: return "a boolean (true or false)";
	default: return "a string";
	}
}

/*
 * Parse the text of a <data> or <default> of key `k` in domain `d` into
 * *out (strings copied to the arena). On a bad value the error is recorded
 * at (line, column) with `what` naming the element and SM_EINVAL returned;
 * SM_ENOMEM when the arena is full.
 */
/* `s` as it reads in a message: itself, or quoted and escaped when it holds
 * a control character (an attr.name or key id may hold "&#10;"). */
static const char *gm_show(char buf[64], const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return sm_quote(buf, s);
	return s;
}

static int gm_parse_value(gm_reader *r, sm_value *out, const gm_key *k, int d, char *text,
                          size_t len, const char *what, int64_t line, int64_t column)
{
	char q[64], qn[64], qi[64];
	const char *name = gm_show(qn, k->name);
	gm_role role = k->role[d];
	const char *s;

	if (role == GM_R_LABEL || role == GM_R_KIND ||
	    (role == GM_R_ATTR && k->type == GM_T_STRING)) {
		if (!(s = sm_arena_strndup(&r->arena, text, len)))
			return sm_fail_nomem();
		*out = sm_value_string(s);
		return SM_OK;
	}

	char *t = gm_trim(text, &len);
	switch (role) {
	case GM_R_QUALITY: {
		double q_val;
		if (!sm_parse_double(t, &q_val))
			return sm_fail_at(SM_EINVAL, r->src->name, line, column,
			                  "%s: %s %s is not a number", what, name, sm_quote(q, t));
		if (!(q_val > 0.0 && q_val <= 1.0))
			return sm_fail_at(SM_EINVAL, r->src->name, line, column,
			                  "%s: %s %s is outside (0, 1]%s", what, name, sm_quote(q, t),
			                  strcmp(name, "quality") ? " (it is read as the quality)" : "");
		*out = sm_value_number(q_val);
		return SM_OK;
	}
	case GM_R_SINCE:
	case GM_R_UNTIL: {
		int32_t days;
		if (len == 0) {
			*out = sm_value_null();
			return SM_OK;
		}
		if (sm_date_parse(&days, t) != SM_OK)
			return sm_fail_at(SM_EINVAL, r->src->name, line, column,
			                  "%s: %s %s is not a date (YYYY-MM-DD)", what, name,
			                  sm_quote(q, t));
		if (!(s = sm_arena_strndup(&r->arena, t, len)))
			return sm_fail_nomem();
		*out = sm_value_string(s);
		return SM_OK;
	}
	default:
		break;
	}

	/* an attribute of type int, long, float, double or boolean */
	bool ok;
	if (k->type == GM_T_BOOL) {
		bool b = false;
		ok = gm_parse_bool(t, &b);
		*out = sm_value_bool(b);
	} else if (k->type == GM_T_INT) {
		int64_t i = 0;
		ok = sm_parse_int64(t, &i);
		*out = sm_value_number((double)i);
	} else {
		double v = 0;
		ok = sm_parse_double(t, &v);
		*out = sm_value_number(v);
	}
	if (!ok)
		return sm_fail_at(SM_EINVAL, r->src->name, line, column,
		                  "%s: %s %s is not %s (key %s has attr.type %s)", what, name,
		                  sm_quote(q, t), gm_type_article(k->type), gm_show(qi, k->id),
		                  k->type_text);
	return SM_OK;
}

/* ---- <key> ------------------------------------------------------------ */

static void gm_start_key(gm_reader *r, const char **atts)
{
	char q[64];
	int64_t line = gm_line(r), column = gm_column(r);
	const char *id = gm_attr(atts, "id");
	const char *for_text = gm_attr(atts, "for");
	const char *name = gm_attr(atts, "attr.name");
	const char *type_text = gm_attr(atts, "attr.type");

	r->cur_key = GM_NONE;
	if (!id || !*id) {
		gm_value_error(r, line, column, SM_EINVAL, "<key> without an id");
		return;
	}
	if (sm_hashmap_get(&r->key_index, id, NULL)) {
		gm_value_error(r, line, column, SM_EDUPLICATE, "duplicate key id %s", sm_quote(q, id));
		return;
	}

	gm_key k;
	memset(&k, 0, sizeof(k));
	k.line = line;
	k.column = column;
	if (!for_text)
		for_text = "all";
	if (strcmp(for_text, "node") == 0)
		k.domains = GM_D_NODE;
	else if (strcmp(for_text, "edge") == 0)
		k.domains = GM_D_EDGE;
	else if (strcmp(for_text, "all") == 0)
		k.domains = GM_D_NODE | GM_D_EDGE;
	else if (strcmp(for_text, "graph") == 0 || strcmp(for_text, "graphml") == 0 ||
	         strcmp(for_text, "hyperedge") == 0 || strcmp(for_text, "port") == 0 ||
	         strcmp(for_text, "endpoint") == 0)
		k.domains = 0; /* declared for elements whose data stakemap does not read */
	else if (gm_value_error(r, line, column, SM_EINVAL,
	                        "key %s: for=%s is not one of node, edge, graph, all",
	                        id, sm_quote(q, for_text)) == SM_OK) {
		k.ignored = true; /* its data is dropped quietly: reported once, here */
		k.domains = GM_D_NODE | GM_D_EDGE;
	}
	else
		return;

	if (!type_text || strcmp(type_text, "string") == 0) {
		k.type = GM_T_STRING;
	} else if (strcmp(type_text, "int") == 0 || strcmp(type_text, "long") == 0) {
		k.type = GM_T_INT;
	} else if (strcmp(type_text, "float") == 0 || strcmp(type_text, "double") == 0) {
		k.type = GM_T_REAL;
	} else if (strcmp(type_text, "boolean") == 0) {
		k.type = GM_T_BOOL;
	} else {
		if (gm_value_error(r, line, column, SM_EINVAL,
		                   "key %s: attr.type %s is not one of string, int, long, float, "
		                   "double, boolean", id, sm_quote(q, type_text)) != SM_OK)
			return;
		k.ignored = true;
	}
	/* yEd's graphics keys carry XML, not values. */
	if (gm_attr(atts, "yfiles.type") || k.domains == 0)
		k.ignored = true;

	if (!(k.id = gm_copy(r, id, strlen(id))))
		return;
	if (!name || !*name)
		name = id;
	if (!(k.name = gm_copy(r, name, strlen(name))) ||
	    !(k.for_text = gm_copy(r, for_text, strlen(for_text))) ||
	    !(k.type_text = gm_copy(r, type_text ? type_text : "string",
	                            strlen(type_text ? type_text : "string"))))
		return;

	if (SM_GROW(r->keys, r->keys_cap, r->nkeys + 1) != SM_OK ||
	    SM_GROW(r->slot_gen, r->slot_cap, r->nkeys + 1) != SM_OK) {
		gm_nomem(r);
		return;
	}
	/* slot_val grows with slot_gen: give it the same capacity */
	sm_value *vals = sm_reallocarray(r->slot_val, r->slot_cap, sizeof(*vals));
	if (!vals) {
		gm_nomem(r);
		return;
	}
	r->slot_val = vals;
	if (sm_hashmap_put(&r->key_index, k.id, (int64_t)r->nkeys, NULL) != SM_OK) {
		gm_nomem(r);
		return;
	}
	r->slot_gen[r->nkeys] = 0;
	r->keys[r->nkeys] = k;
	r->cur_key = r->nkeys++;
}

static void gm_end_default(gm_reader *r)
{
	r->collecting = false;
	if (r->cur_key == GM_NONE)
		return;
	gm_key *k = &r->keys[r->cur_key];
	if (r->text_overflow) {
		gm_value_error(r, r->data_line, r->data_column, SM_ELIMIT,
		               "key %s: default is longer than %d bytes", k->id, SM_MAX_STRING_BYTES);
		return;
	}
	if (k->def_text) {
		gm_value_error(r, r->data_line, r->data_column, SM_EINVAL,
		               "key %s has more than one <default>", k->id);
		return;
	}
	k->def_text = gm_copy(r, r->text, r->text_len);
}

/* Map key names to roles, check them, parse defaults (at <graph>). */
static void gm_resolve_keys(gm_reader *r)
{
	sm_hashmap names[2];
	bool has_quality = false;
	char q[64];

	for (size_t i = 0; i < r->nkeys; i++) {
		const gm_key *k = &r->keys[i];
		if (!k->ignored && (k->domains & GM_D_EDGE) && strcmp(k->name, "quality") == 0)
			has_quality = true;
	}
	sm_hashmap_init(&names[0]);
	sm_hashmap_init(&names[1]);
	for (size_t i = 0; i < r->nkeys && r->rc == SM_OK; i++) {
		gm_key *k = &r->keys[i];
		for (int d = GM_NODE; d <= GM_EDGE && !k->ignored && r->rc == SM_OK; d++) {
			if (!(k->domains & (d == GM_NODE ? GM_D_NODE : GM_D_EDGE)))
				continue;
			const char *n = k->name;
			const char *dn = d == GM_NODE ? "node" : "edge";
			gm_role role = GM_R_ATTR;
			if (d == GM_NODE) {
				if (strcmp(n, "label") == 0)
					role = GM_R_LABEL;
				else if (strcmp(n, "kind") == 0)
					role = GM_R_KIND;
				else if (strcmp(n, "id") == 0) {
					if (gm_value_error(r, k->line, k->column, SM_EINVAL,
					                   "key %s: node attribute name \"id\" is reserved "
					                   "(the node's id attribute)", k->id) == SM_OK)
						k->ignored = true;
					continue;
				}
			} else {
				if (strcmp(n, "quality") == 0 || (!has_quality && strcmp(n, "weight") == 0))
					role = GM_R_QUALITY;
				else if (strcmp(n, "kind") == 0)
					role = GM_R_KIND;
				else if (strcmp(n, "since") == 0)
					role = GM_R_SINCE;
				else if (strcmp(n, "until") == 0)
					role = GM_R_UNTIL;
				else if (strcmp(n, "source") == 0 || strcmp(n, "target") == 0) {
					if (gm_value_error(r, k->line, k->column, SM_EINVAL,
					                   "key %s: edge attribute name %s is reserved "
					                   "(the edge's %s attribute)", k->id, sm_quote(q, n),
					                   n) == SM_OK)
						k->ignored = true;
					continue;
				}
			}
			int64_t other;
			int rc = sm_hashmap_put(&names[d], n, (int64_t)i, &other);
			if (rc == SM_EDUPLICATE) {
				if (gm_value_error(r, k->line, k->column, SM_EDUPLICATE,
				                   "keys %s and %s both declare the %s attribute %s",
				                   r->keys[other].id, k->id, dn, sm_quote(q, n)) == SM_OK)
					k->ignored = true;
				continue;
			}
			if (rc != SM_OK) {
				gm_nomem(r);
				break;
			}
			k->role[d] = role;
			k->def[d] = sm_value_null();
			if (k->def_text) {
				char what[96];
				snprintf(what, sizeof what, "key %s: default", k->id);
				size_t len = strlen(k->def_text);
				char *tmp = sm_strndup(k->def_text, len);
				if (!tmp) {
					gm_nomem(r);
					break;
				}
				rc = gm_parse_value(r, &k->def[d], k, d, tmp, len, what, k->line,
				                    k->column);
				sm_free(tmp);
				if (rc != SM_OK && gm_problem(r, rc) == SM_OK)
					k->def[d] = sm_value_null();
			}
		}
	}
	sm_hashmap_dispose(&names[0]);
	sm_hashmap_dispose(&names[1]);
}

/* ---- <graph> ---------------------------------------------------------- */

static void gm_start_graph(gm_reader *r, const char **atts)
{
	char q[64];
	const char *ed = gm_attr(atts, "edgedefault");
	bool directed = r->directed_default == 1;
	r->seen_graph = true;
	if (ed) {
		if (strcmp(ed, "directed") == 0)
			directed = true;
		else if (strcmp(ed, "undirected") == 0)
			directed = false;
		else if (gm_value_error(r, gm_line(r), gm_column(r), SM_EINVAL,
		                        "edgedefault=%s is neither \"directed\" nor \"undirected\"",
		                        sm_quote(q, ed)) != SM_OK)
			return;
	}
	int rc = sm_network_new(&r->net, directed);
	if (rc != SM_OK) {
		gm_stop(r, rc);
		return;
	}
	gm_resolve_keys(r);
}

/* Add the buffered edges in document order. */
static void gm_end_graph(gm_reader *r)
{
	char q[64], what[160];
	sm_network *net = r->net;
	int rc = sm_network_reserve(net, net->n, r->nedges);
	if (rc != SM_OK) {
		gm_stop(r, rc);
		return;
	}
	for (size_t e = 0; e < r->nedges && r->rc == SM_OK; e++) {
		const gm_edge *g = &r->edges[e];
		int64_t ends[2];
		const char *names[2] = { g->source, g->target };
		bool bad = false;
		r->cur_id = g->id;
		r->cur_source = g->source;
		r->cur_target = g->target;
		for (int i = 0; i < 2 && !bad; i++) {
			if (sm_hashmap_get(&net->id_index, names[i], &ends[i]))
				continue;
			bad = true;
			if (r->diag && r->diag->collect && sm_hashmap_get(&r->bad_nodes, names[i], NULL))
				continue; /* already reported with the node */
			gm_value_error(r, g->line, g->column, SM_EINVAL, "%s: %s %s is not a declared node",
			               gm_what(r, what, true), i == 0 ? "source" : "target",
			               sm_quote(q, names[i]));
		}
		if (bad)
			continue;
		int64_t ri;
		rc = sm_network_add_relationship_at(&ri, net, ends[0], ends[1], g->quality, g->kind);
		if (rc != SM_OK) {
			gm_model_error(r, rc, g->line, g->column);
			continue;
		}
		if ((g->since || g->until) &&
		    (rc = sm_network_set_period(net, ri, g->since, g->until)) != SM_OK) {
			gm_model_error(r, rc, g->line, g->column);
			continue;
		}
		for (size_t a = 0; a < g->attr_count && r->rc == SM_OK; a++) {
			const gm_attrval *av = &r->eattrs[g->attr_start + a];
			rc = sm_network_set_attr(net, SM_RELATIONSHIP, ri, r->keys[av->key].name,
			                         &av->value);
			if (rc != SM_OK)
				gm_model_error(r, rc, g->line, g->column);
		}
	}
	r->nedges = 0;
	r->neattrs = 0;
}

/* ---- <node> ----------------------------------------------------------- */

static void gm_begin_element(gm_reader *r)
{
	r->gen++;
	r->cur_skip = false;
	r->cur_id = r->cur_source = r->cur_target = NULL;
	r->cur_line = gm_line(r);
	r->cur_column = gm_column(r);
}

/* The value of key k for the current element: its <data> or the default. */
static const sm_value *gm_slot(const gm_reader *r, size_t k, int d)
{
	if (r->slot_gen[k] == r->gen)
		return &r->slot_val[k];
	return &r->keys[k].def[d];
}

static bool gm_key_applies(const gm_key *k, int d)
{
	return !k->ignored && (k->domains & (d == GM_NODE ? GM_D_NODE : GM_D_EDGE));
}

static void gm_start_node(gm_reader *r, const char **atts)
{
	char q[64];
	const char *id = gm_attr(atts, "id");
	gm_begin_element(r);
	if (!id || !*id) {
		if (gm_value_error(r, r->cur_line, r->cur_column, SM_EINVAL, "<node> without an id") ==
		    SM_OK)
			r->cur_skip = true;
		return;
	}
	if (!(r->cur_id = gm_copy(r, id, strlen(id))))
		return;
	if (sm_hashmap_get(&r->net->id_index, id, NULL) || sm_hashmap_get(&r->bad_nodes, id, NULL)) {
		if (gm_value_error(r, r->cur_line, r->cur_column, SM_EDUPLICATE,
		                   "duplicate node id %s", sm_quote(q, id)) == SM_OK) {
			r->cur_skip = true;
			r->cur_id = NULL; /* the first one stays as it is */
		}
	}
}

static void gm_skip_node(gm_reader *r)
{
	if (r->cur_id && sm_hashmap_put(&r->bad_nodes, r->cur_id, 0, NULL) == SM_ENOMEM)
		gm_nomem(r);
}

static void gm_end_node(gm_reader *r)
{
	if (r->cur_skip) {
		gm_skip_node(r);
		return;
	}
	const char *label = NULL, *kind = NULL;
	for (size_t k = 0; k < r->nkeys; k++) {
		if (!gm_key_applies(&r->keys[k], GM_NODE))
			continue;
		const sm_value *v = gm_slot(r, k, GM_NODE);
		if (v->type == SM_VALUE_NULL)
			continue;
		if (r->keys[k].role[GM_NODE] == GM_R_LABEL)
			label = v->as.s;
		else if (r->keys[k].role[GM_NODE] == GM_R_KIND)
			kind = v->as.s;
	}
	int64_t idx;
	int rc = sm_network_add_actor(&idx, r->net, r->cur_id, label, kind);
	if (rc != SM_OK) {
		if (gm_model_error(r, rc, r->cur_line, r->cur_column) == SM_OK)
			gm_skip_node(r);
		return;
	}
	for (size_t k = 0; k < r->nkeys && r->rc == SM_OK; k++) {
		if (!gm_key_applies(&r->keys[k], GM_NODE) || r->keys[k].role[GM_NODE] != GM_R_ATTR)
			continue;
		const sm_value *v = gm_slot(r, k, GM_NODE);
		if (v->type == SM_VALUE_NULL)
			continue;
		rc = sm_network_set_attr(r->net, SM_ACTOR, idx, r->keys[k].name, v);
		if (rc != SM_OK)
			gm_model_error(r, rc, r->cur_line, r->cur_column);
	}
}

/* ---- <edge> ----------------------------------------------------------- */

static void gm_start_edge(gm_reader *r, const char **atts)
{
	char q[64], what[160];
	const char *id = gm_attr(atts, "id");
	const char *source = gm_attr(atts, "source");
	const char *target = gm_attr(atts, "target");
	const char *dir = gm_attr(atts, "directed");
	gm_begin_element(r);

	if (gm_attr(atts, "sourceport") || gm_attr(atts, "targetport")) {
		gm_fatal(r, SM_EPARSE, "ports are not supported (edge attribute %s)",
		         gm_attr(atts, "sourceport") ? "sourceport" : "targetport");
		return;
	}
	if (id && *id && !(r->cur_id = gm_copy(r, id, strlen(id))))
		return;
	if ((source && !(r->cur_source = gm_copy(r, source, strlen(source)))) ||
	    (target && !(r->cur_target = gm_copy(r, target, strlen(target)))))
		return;
	if (r->cur_id) {
		int rc = sm_hashmap_put(&r->edge_ids, r->cur_id, 0, NULL);
		if (rc == SM_ENOMEM) {
			gm_nomem(r);
			return;
		}
		if (rc == SM_EDUPLICATE) {
			if (gm_value_error(r, r->cur_line, r->cur_column, SM_EDUPLICATE,
			                   "duplicate edge id %s", sm_quote(q, id)) == SM_OK)
				r->cur_skip = true;
			return;
		}
	}
	if (!source || !*source || !target || !*target) {
		if (gm_value_error(r, r->cur_line, r->cur_column, SM_EINVAL, "%s has no %s",
		                   gm_what(r, what, true),
		                   !source || !*source ? "source" : "target") == SM_OK)
			r->cur_skip = true;
		return;
	}
	if (dir) {
		bool d;
		if (!gm_parse_bool(dir, &d)) {
			if (gm_value_error(r, r->cur_line, r->cur_column, SM_EINVAL,
			                   "%s: directed=%s is not a boolean (true or false)",
			                   gm_what(r, what, true), sm_quote(q, dir)) == SM_OK)
				r->cur_skip = true;
			return;
		}
		if (d != sm_network_is_directed(r->net)) {
			if (gm_value_error(r, r->cur_line, r->cur_column, SM_EINVAL,
			                   "%s: directed=%s contradicts the graph's edgedefault "
			                   "(%s); mixed graphs are not supported",
			                   gm_what(r, what, true), sm_quote(q, dir),
			                   sm_network_is_directed(r->net) ? "directed" : "undirected") ==
			    SM_OK)
				r->cur_skip = true;
			return;
		}
	}
	if (strcmp(source, target) == 0) {
		if (gm_value_error(r, r->cur_line, r->cur_column, SM_EINVAL,
		                   "%s: self-loop on node %s; stakemap does not allow "
		                   "self-relationships", gm_what(r, what, true),
		                   sm_quote(q, source)) == SM_OK)
			r->cur_skip = true;
		return;
	}
}

static void gm_end_edge(gm_reader *r)
{
	char what[160], a[64], b[64];
	if (r->cur_skip)
		return;
	gm_edge g;
	memset(&g, 0, sizeof(g));
	g.id = r->cur_id;
	g.source = r->cur_source;
	g.target = r->cur_target;
	g.quality = 1.0;
	g.line = r->cur_line;
	g.column = r->cur_column;
	g.attr_start = r->neattrs;
	for (size_t k = 0; k < r->nkeys; k++) {
		if (!gm_key_applies(&r->keys[k], GM_EDGE))
			continue;
		const sm_value *v = gm_slot(r, k, GM_EDGE);
		if (v->type == SM_VALUE_NULL)
			continue;
		switch (r->keys[k].role[GM_EDGE]) {
		case GM_R_QUALITY: g.quality = v->as.n; break;
		case GM_R_KIND: g.kind = v->as.s; break;
		case GM_R_SINCE: g.since = v->as.s; break;
		case GM_R_UNTIL: g.until = v->as.s; break;
		default:
			if (SM_GROW(r->eattrs, r->eattrs_cap, r->neattrs + 1) != SM_OK) {
				gm_nomem(r);
				return;
			}
			r->eattrs[r->neattrs].key = k;
			r->eattrs[r->neattrs].value = *v;
			r->neattrs++;
			break;
		}
	}
	g.attr_count = r->neattrs - g.attr_start;
	if (g.since && g.until) {
		int32_t s = 0, u = 0;
		sm_date_parse(&s, g.since); /* both checked when read */
		sm_date_parse(&u, g.until);
		if (u < s) {
			r->neattrs = g.attr_start;
			gm_value_error(r, g.line, g.column, SM_EINVAL, "%s: until %s is before since %s",
			               gm_what(r, what, true), sm_quote(a, g.until), sm_quote(b, g.since));
			return;
		}
	}
	if (SM_GROW(r->edges, r->edges_cap, r->nedges + 1) != SM_OK) {
		gm_nomem(r);
		return;
	}
	r->edges[r->nedges++] = g;
}

/* ---- <data> ----------------------------------------------------------- */

static void gm_start_data(gm_reader *r, const char **atts, int d)
{
	char q[64], what[160];
	const char *key = gm_attr(atts, "key");
	int64_t line = gm_line(r), column = gm_column(r);
	int64_t k;
	r->data_key = GM_NONE;
	r->data_line = line;
	r->data_column = column;
	if (!key) {
		if (gm_value_error(r, line, column, SM_EINVAL, "%s: <data> without a key",
		                   gm_what(r, what, d == GM_EDGE)) == SM_OK)
			r->cur_skip = true;
		return;
	}
	if (!sm_hashmap_get(&r->key_index, key, &k)) {
		if (gm_value_error(r, line, column, SM_EINVAL,
		                   "%s: <data> refers to undeclared key %s",
		                   gm_what(r, what, d == GM_EDGE), sm_quote(q, key)) == SM_OK)
			r->cur_skip = true;
		return;
	}
	const gm_key *kk = &r->keys[k];
	if (kk->ignored && kk->domains != 0)
		return; /* yEd graphics, or a key already reported */
	if (!(kk->domains & (d == GM_NODE ? GM_D_NODE : GM_D_EDGE))) {
		if (gm_value_error(r, line, column, SM_EINVAL,
		                   "%s: key %s is declared for=%s, not for %ss",
		                   gm_what(r, what, d == GM_EDGE), sm_quote(q, key), kk->for_text,
		                   d == GM_NODE ? "node" : "edge") == SM_OK)
			r->cur_skip = true;
		return;
	}
	if (r->slot_gen[k] == r->gen) {
		if (gm_value_error(r, line, column, SM_EDUPLICATE,
		                   "%s: more than one <data> for key %s",
		                   gm_what(r, what, d == GM_EDGE), sm_quote(q, key)) == SM_OK)
			r->cur_skip = true;
		return;
	}
	if (gm_begin_text(r))
		r->data_key = (size_t)k;
}

static void gm_end_data(gm_reader *r, int d)
{
	char what[160];
	r->collecting = false;
	if (r->data_key == GM_NONE)
		return;
	const gm_key *k = &r->keys[r->data_key];
	if (r->text_overflow) {
		if (gm_value_error(r, r->data_line, r->data_column, SM_ELIMIT,
		                   "%s: value of %s is longer than %d bytes",
		                   gm_what(r, what, d == GM_EDGE), k->name, SM_MAX_STRING_BYTES) ==
		    SM_OK)
			r->cur_skip = true;
		return;
	}
	sm_value v;
	int rc = gm_parse_value(r, &v, k, d, r->text, r->text_len, gm_what(r, what, d == GM_EDGE),
	                        r->data_line, r->data_column);
	if (rc != SM_OK) {
		if (gm_problem(r, rc) == SM_OK)
			r->cur_skip = true;
		return;
	}
	r->slot_gen[r->data_key] = r->gen;
	r->slot_val[r->data_key] = v;
}

/* ---- expat callbacks -------------------------------------------------- */

static void gm_push(gm_reader *r, gm_elem e)
{
	if (r->depth == GM_MAX_DEPTH) {
		gm_fatal(r, SM_EINTERNAL, "GraphML elements nested too deeply");
		return;
	}
	r->stack[r->depth++] = e;
}

static void XMLCALL gm_on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	gm_reader *r = ud;
	const char *local;
	if (r->rc != SM_OK)
		return;
	if (r->skip_depth > 0) {
		r->skip_depth++;
		return;
	}
	bool ours = gm_split(name, &local);
	gm_elem parent = r->depth ? r->stack[r->depth - 1] : GM_E_NONE;

	if (parent == GM_E_NONE) {
		if (!ours || strcmp(local, "graphml") != 0) {
			gm_fatal(r, SM_EPARSE, "the root element is <%s>, not <graphml>", local);
			return;
		}
		gm_push(r, GM_E_GRAPHML);
		return;
	}
	if (!ours || strcmp(local, "desc") == 0) {
		r->skip_depth = 1; /* another namespace's element, or a description */
		return;
	}
	if (strcmp(local, "hyperedge") == 0 || strcmp(local, "port") == 0 ||
	    strcmp(local, "endpoint") == 0 || strcmp(local, "locator") == 0) {
		gm_fatal(r, SM_EPARSE, "<%s> is not supported", local);
		return;
	}
	if (strcmp(local, "graph") == 0 && (parent == GM_E_NODE || parent == GM_E_EDGE)) {
		gm_fatal(r, SM_EPARSE, "nested graphs (<graph> inside <%s>) are not supported",
		         gm_elem_names[parent]);
		return;
	}
	if (strcmp(local, "key") == 0 && parent == GM_E_GRAPHML) {
		if (r->seen_graph) {
			gm_fatal(r, SM_EPARSE, "<key> after <graph>: keys must be declared first");
			return;
		}
		gm_push(r, GM_E_KEY);
		gm_start_key(r, atts);
	} else if (strcmp(local, "default") == 0 && parent == GM_E_KEY) {
		gm_push(r, GM_E_DEFAULT);
		gm_begin_text(r);
		r->data_line = gm_line(r);
		r->data_column = gm_column(r);
	} else if (strcmp(local, "graph") == 0 && parent == GM_E_GRAPHML) {
		if (r->seen_graph) {
			gm_fatal(r, SM_EPARSE, "a second <graph>: only one graph per file is supported");
			return;
		}
		gm_push(r, GM_E_GRAPH);
		gm_start_graph(r, atts);
	} else if (strcmp(local, "node") == 0 && parent == GM_E_GRAPH) {
		gm_push(r, GM_E_NODE);
		gm_start_node(r, atts);
	} else if (strcmp(local, "edge") == 0 && parent == GM_E_GRAPH) {
		gm_push(r, GM_E_EDGE);
		gm_start_edge(r, atts);
	} else if (strcmp(local, "data") == 0 && (parent == GM_E_NODE || parent == GM_E_EDGE)) {
		gm_push(r, GM_E_DATA);
		gm_start_data(r, atts, parent == GM_E_NODE ? GM_NODE : GM_EDGE);
	} else if (strcmp(local, "data") == 0 && (parent == GM_E_GRAPHML || parent == GM_E_GRAPH)) {
		r->skip_depth = 1; /* graph-level data: stakemap networks have none */
	} else {
		gm_fatal(r, SM_EPARSE, "unexpected <%s> inside <%s>", local, gm_elem_names[parent]);
	}
}

static void XMLCALL gm_on_end(void *ud, const XML_Char *name)
{
	gm_reader *r = ud;
	(void)name;
	if (r->rc != SM_OK)
		return;
	if (r->skip_depth > 0) {
		r->skip_depth--;
		return;
	}
	if (r->depth == 0)
		return;
	gm_elem e = r->stack[--r->depth];
	gm_elem parent = r->depth ? r->stack[r->depth - 1] : GM_E_NONE;
	switch (e) {
	case GM_E_KEY: r->cur_key = GM_NONE; break;
	case GM_E_DEFAULT: gm_end_default(r); break;
	case GM_E_GRAPH: gm_end_graph(r); break;
	case GM_E_NODE: gm_end_node(r); break;
	case GM_E_EDGE: gm_end_edge(r); break;
	case GM_E_DATA: gm_end_data(r, parent == GM_E_NODE ? GM_NODE : GM_EDGE); break;
	default: break;
	}
}

static void XMLCALL gm_on_text(void *ud, const XML_Char *s, int len)
{
	gm_reader *r = ud;
	if (r->rc != SM_OK || r->skip_depth > 0 || !r->collecting || len <= 0 || r->text_overflow)
		return;
	size_t n = (size_t)len;
	if (r->text_len + n > SM_MAX_STRING_BYTES) {
		r->text_overflow = true;
		return;
	}
	if (SM_GROW(r->text, r->text_cap, r->text_len + n + 1) != SM_OK) {
		gm_nomem(r);
		return;
	}
	memcpy(r->text + r->text_len, s, n);
	r->text_len += n;
	r->text[r->text_len] = '\0';
}

static void XMLCALL gm_on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                  const XML_Char *pubid, int has_internal_subset)
{
	gm_reader *r = ud;
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	/* Line only: expat's column here is past the name and ids, not at "<!DOCTYPE". */
	if (r->rc == SM_OK) {
		sm_fail_at(SM_EPARSE, r->src->name, gm_line(r), 0,
		           "DOCTYPE not allowed: GraphML needs no DTD, and DTD entities can expand "
		           "without bound or read local files");
		gm_stop(r, SM_EPARSE);
	}
}

static void XMLCALL gm_on_entity(void *ud, const XML_Char *name, int is_parameter_entity,
                                 const XML_Char *value, int value_length, const XML_Char *base,
                                 const XML_Char *system_id, const XML_Char *public_id,
                                 const XML_Char *notation)
{
	gm_reader *r = ud;
	char q[64];
	(void)is_parameter_entity;
	(void)value;
	(void)value_length;
	(void)base;
	(void)system_id;
	(void)public_id;
	(void)notation;
	if (r->rc == SM_OK)
		gm_fatal(r, SM_EPARSE, "entity declarations are not allowed (entity %s)",
		         sm_quote(q, name));
}

static int XMLCALL gm_on_external_entity(XML_Parser parser, const XML_Char *context,
                                         const XML_Char *base, const XML_Char *system_id,
                                         const XML_Char *public_id)
{
	gm_reader *r = XML_GetUserData(parser);
	char q[64];
	(void)context;
	(void)base;
	(void)public_id;
	if (r->rc == SM_OK) {
		sm_fail_at(SM_EPARSE, r->src->name, gm_line(r), gm_column(r),
		           "external entities are not allowed (%s)",
		           sm_quote(q, system_id ? system_id : ""));
		r->rc = SM_EPARSE; /* expat stops on the error we return */
	}
	return XML_STATUS_ERROR;
}

/* ---- reading ---------------------------------------------------------- */

static const XML_Memory_Handling_Suite gm_memsuite = { sm_malloc, sm_realloc, sm_free };
static const XML_Char gm_ns_sep[] = { GM_NS_SEP, 0 };

static void gm_reader_dispose(gm_reader *r)
{
	if (r->parser)
		XML_ParserFree(r->parser);
	sm_arena_dispose(&r->arena);
	sm_network_free(r->net);
	sm_free(r->keys);
	sm_hashmap_dispose(&r->key_index);
	sm_free(r->slot_gen);
	sm_free(r->slot_val);
	sm_free(r->text);
	sm_free(r->edges);
	sm_free(r->eattrs);
	sm_hashmap_dispose(&r->edge_ids);
	sm_hashmap_dispose(&r->bad_nodes);
}

/* Feed the whole input to expat. */
static int gm_parse(gm_reader *r)
{
	for (;;) {
		void *buf = XML_GetBuffer(r->parser, GM_CHUNK);
		if (!buf)
			return XML_GetErrorCode(r->parser) == XML_ERROR_NO_MEMORY
			               ? sm_fail_nomem()
			               : sm_fail(SM_EINTERNAL, "%s: expat: %s", r->src->name,
			                         XML_ErrorString(XML_GetErrorCode(r->parser)));
		int64_t n = sm_source_read(r->src, buf, GM_CHUNK);
		if (n < 0)
			return (int)n;
		if (XML_ParseBuffer(r->parser, (int)n, n == 0) != XML_STATUS_OK) {
			if (r->rc != SM_OK)
				return r->rc;
			enum XML_Error e = XML_GetErrorCode(r->parser);
			if (e == XML_ERROR_NO_MEMORY)
				return sm_fail_nomem();
			return sm_fail_at(SM_EPARSE, r->src->name, gm_line(r), gm_column(r),
			                  "XML error: %s", XML_ErrorString(e));
		}
		if (r->rc != SM_OK)
			return r->rc;
		if (n == 0)
			return SM_OK;
	}
}

int sm_graphml_read(sm_network **out, sm_source *src, const sm_load_options *opts,
                    sm_diag *diag)
{
	gm_reader r;
	memset(&r, 0, sizeof(r));
	r.src = src;
	r.diag = diag;
	r.directed_default = opts ? opts->directed : -1;
	r.cur_key = GM_NONE;
	r.data_key = GM_NONE;
	sm_arena_init(&r.arena);
	sm_hashmap_init(&r.key_index);
	sm_hashmap_init(&r.edge_ids);
	sm_hashmap_init(&r.bad_nodes);

	r.parser = XML_ParserCreate_MM(NULL, &gm_memsuite, gm_ns_sep);
	if (!r.parser) {
		gm_reader_dispose(&r);
		return sm_fail_nomem();
	}
	XML_SetUserData(r.parser, &r);
	XML_SetElementHandler(r.parser, gm_on_start, gm_on_end);
	XML_SetCharacterDataHandler(r.parser, gm_on_text);
	XML_SetStartDoctypeDeclHandler(r.parser, gm_on_doctype);
	XML_SetEntityDeclHandler(r.parser, gm_on_entity);
	XML_SetExternalEntityRefHandler(r.parser, gm_on_external_entity);
	XML_SetParamEntityParsing(r.parser, XML_PARAM_ENTITY_PARSING_NEVER);

	int rc = gm_parse(&r);
	if (rc == SM_OK && !r.seen_graph)
		rc = sm_fail_at(SM_EPARSE, src->name, 0, 0, "no <graph> element");
	if (rc != SM_OK) {
		gm_reader_dispose(&r);
		return rc;
	}
	*out = r.net;
	r.net = NULL;
	gm_reader_dispose(&r);
	return SM_OK;
}

/* ---- writing ---------------------------------------------------------- */

static void gm_put_value(FILE *f, const sm_value *v)
{
	char buf[32];
	switch (v->type) {
	case SM_VALUE_STRING: sm_xml_put(f, v->as.s, false); break;
	case SM_VALUE_NUMBER:
		sm_format_double(buf, v->as.n);
		fputs(buf, f);
		break;
	case SM_VALUE_BOOL: fputs(v->as.b ? "true" : "false", f); break;
	default: break;
	}
}

static void gm_put_data(FILE *f, const char *key, const sm_value *v)
{
	fprintf(f, "      <data key=\"%s\">", key);
	gm_put_value(f, v);
	fputs("</data>\n", f);
}

static const char *gm_type_name(sm_value_type t)
{
	return t == SM_VALUE_NUMBER ? "double" : t == SM_VALUE_BOOL ? "boolean" : "string";
}

/* Key ids: d0 label, d1 kind (nodes); d2 quality, d3 kind, d4 since, d5 until
 * (edges); then d6... one per actor attribute and relationship attribute. */
enum { GM_K_LABEL, GM_K_NKIND, GM_K_QUALITY, GM_K_EKIND, GM_K_SINCE, GM_K_UNTIL, GM_K_FIRST };

static void gm_write_doc(FILE *f, const sm_network *net)
{
	static const char *const fixed[][3] = {
		{ "node", "label", "string" }, { "node", "kind", "string" },
		{ "edge", "quality", "double" }, { "edge", "kind", "string" },
		{ "edge", "since", "string" }, { "edge", "until", "string" },
	};
	char buf[32];
	size_t first[2];

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"" GM_NS "\"\n"
	      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	      "    xsi:schemaLocation=\"" GM_NS " " GM_NS "/1.0/graphml.xsd\">\n", f);
	for (size_t i = 0; i < GM_K_FIRST; i++)
		fprintf(f, "  <key id=\"d%zu\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", i,
		        fixed[i][0], fixed[i][1], fixed[i][2]);
	size_t next = GM_K_FIRST;
	for (int w = SM_ACTOR; w <= SM_RELATIONSHIP; w++) {
		const sm_attr_table *t = &net->attrs[w];
		first[w] = next;
		for (size_t k = 0; k < t->count; k++, next++) {
			if (t->cols[k].type == SM_VALUE_NULL)
				continue; /* never set: nothing to write */
			fprintf(f, "  <key id=\"d%zu\" for=\"%s\" attr.name=\"", next,
			        w == SM_ACTOR ? "node" : "edge");
			sm_xml_put(f, t->cols[k].name, true);
			fprintf(f, "\" attr.type=\"%s\"/>\n", gm_type_name(t->cols[k].type));
		}
	}
	fprintf(f, "  <graph id=\"G\" edgedefault=\"%s\">\n",
	        net->directed ? "directed" : "undirected");

	const sm_attr_table *at = &net->attrs[SM_ACTOR];
	for (size_t i = 0; i < net->n; i++) {
		fputs("    <node id=\"", f);
		sm_xml_put(f, net->actor_id[i], true);
		fputs("\">\n", f);
		if (net->actor_label[i][0]) {
			fprintf(f, "      <data key=\"d%d\">", GM_K_LABEL);
			sm_xml_put(f, net->actor_label[i], false);
			fputs("</data>\n", f);
		}
		fprintf(f, "      <data key=\"d%d\">", GM_K_NKIND);
		sm_xml_put(f, net->actor_kind[i], false);
		fputs("</data>\n", f);
		for (size_t k = 0; k < at->count; k++) {
			sm_value v = sm_attr_column_value(&at->cols[k], (int64_t)i);
			if (v.type == SM_VALUE_NULL)
				continue;
			snprintf(buf, sizeof buf, "d%zu", first[SM_ACTOR] + k);
			gm_put_data(f, buf, &v);
		}
		fputs("    </node>\n", f);
	}

	const sm_attr_table *rt = &net->attrs[SM_RELATIONSHIP];
	for (size_t r = 0; r < net->m; r++) {
		sm_relationship rel;
		char date[11];
		sm_network_relationship(&rel, net, (int64_t)r);
		fprintf(f, "    <edge id=\"e%zu\" source=\"", r);
		sm_xml_put(f, net->actor_id[rel.source], true);
		fputs("\" target=\"", f);
		sm_xml_put(f, net->actor_id[rel.target], true);
		fputs("\">\n", f);
		sm_format_double(buf, rel.quality);
		fprintf(f, "      <data key=\"d%d\">%s</data>\n", GM_K_QUALITY, buf);
		if (rel.kind) {
			fprintf(f, "      <data key=\"d%d\">", GM_K_EKIND);
			sm_xml_put(f, rel.kind, false);
			fputs("</data>\n", f);
		}
		if (rel.since != SM_DATE_NONE && sm_date_format(date, rel.since) == SM_OK)
			fprintf(f, "      <data key=\"d%d\">%s</data>\n", GM_K_SINCE, date);
		if (rel.until != SM_DATE_NONE && sm_date_format(date, rel.until) == SM_OK)
			fprintf(f, "      <data key=\"d%d\">%s</data>\n", GM_K_UNTIL, date);
		for (size_t k = 0; k < rt->count; k++) {
			sm_value v = sm_attr_column_value(&rt->cols[k], (int64_t)r);
			if (v.type == SM_VALUE_NULL)
				continue;
			snprintf(buf, sizeof buf, "d%zu", first[SM_RELATIONSHIP] + k);
			gm_put_data(f, buf, &v);
		}
		fputs("    </edge>\n", f);
	}
	fputs("  </graph>\n</graphml>\n", f);
}

int sm_graphml_write(const sm_network *net, const char *path)
{
	sm_atomic_file af;
	int rc;
	if (!net || !path)
		return sm_fail(SM_EINVAL, "sm_graphml_write: network and path are required");
	if ((rc = sm_export_check_strings(net, "GraphML", "XML 1.0 cannot represent")) != SM_OK)
		return rc;
	if ((rc = sm_atomic_open(&af, path)) != SM_OK)
		return rc;
	gm_write_doc(af.stream, net);
	if (ferror(af.stream)) {
		sm_fail(SM_EIO, "%s: write failed", path);
		sm_atomic_abort(&af);
		return SM_EIO;
	}
	return sm_atomic_commit(&af);
}
