/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The CSV pair (docs/formats/csv.md): a folder holding actors.csv and
 * relationships.csv, read with libcsv and written directly.
 *
 * Reading streams each file in 64 KiB chunks through libcsv. A chunk is fed
 * to the parser one physical line at a time, so the line where every record
 * starts is known without buffering the record. The cells of the current
 * record are copied into one reusable buffer (no allocation per cell); at the
 * end of a record the row is checked and added to the network. Memory is the
 * network being built plus one record: a cell longer than SM_MAX_STRING_BYTES
 * is rejected as soon as the parser has buffered that much of it.
 *
 * Attribute columns without a type suffix are stored as text while reading
 * and converted in place to numbers or booleans at the end of the file when
 * every non-empty cell of the column turned out to be one.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/atomic_file.h"
#include "core/core.h"
#include "core/hashmap.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

/* Bytes read from the source at a time. */
#define CSV_CHUNK_BYTES (64 * 1024)
/* Growth step of libcsv's field buffer (its default, 128, means many reallocs). */
#define CSV_PARSER_BLOCK 4096
/* Most columns in a header: every attribute plus the fixed fields. */
#define CSV_MAX_COLUMNS (SM_MAX_ATTRIBUTES + 16)
/* Returned by row handlers for "this row was reported and skipped". */
#define ROW_SKIPPED 1

/* ---- columns -------------------------------------------------------------- */

typedef enum csv_role {
	ROLE_ATTR = 0,
	ROLE_ID,
	ROLE_LABEL,
	ROLE_KIND,
	ROLE_SOURCE,
	ROLE_TARGET,
	ROLE_QUALITY,
	ROLE_SINCE,
	ROLE_UNTIL,
	ROLE_DIRECTED,
	ROLE_COUNT
} csv_role;

static const char *const role_names[ROLE_COUNT] = {
	"attribute", "id", "label", "kind", "source", "target", "quality", "since", "until",
	"directed"
};

/* Header names a file understands: canonical names first, then aliases. A
 * canonical column always takes its role; an alias only when the canonical
 * column is absent (so a writer's attribute named "weight" stays one). */
typedef struct csv_name {
	const char *name;
	csv_role role;
	bool canonical;
} csv_name;

static const csv_name actor_names[] = {
	{ "id", ROLE_ID, true },       { "label", ROLE_LABEL, true }, { "kind", ROLE_KIND, true },
	{ "name", ROLE_LABEL, false }, { "type", ROLE_KIND, false },
};

static const csv_name relationship_names[] = {
	{ "source", ROLE_SOURCE, true },    { "target", ROLE_TARGET, true },
	{ "quality", ROLE_QUALITY, true },  { "kind", ROLE_KIND, true },
	{ "since", ROLE_SINCE, true },      { "until", ROLE_UNTIL, true },
	{ "directed", ROLE_DIRECTED, true }, { "from", ROLE_SOURCE, false },
	{ "to", ROLE_TARGET, false },       { "strength", ROLE_QUALITY, false },
	{ "weight", ROLE_QUALITY, false },  { "type", ROLE_KIND, false },
	{ "start", ROLE_SINCE, false },     { "end", ROLE_UNTIL, false },
};

/* Type suffixes of a header name ("score:number"), Neo4j's spellings too. */
typedef struct csv_suffix {
	const char *name;
	sm_value_type type;
} csv_suffix;

static const csv_suffix type_suffixes[] = {
	{ "string", SM_VALUE_STRING }, { "number", SM_VALUE_NUMBER }, { "double", SM_VALUE_NUMBER },
	{ "float", SM_VALUE_NUMBER },  { "int", SM_VALUE_NUMBER },    { "long", SM_VALUE_NUMBER },
	{ "boolean", SM_VALUE_BOOL },  { "bool", SM_VALUE_BOOL },
};

typedef struct csv_column {
	char *header;         /* the header cell as written (trimmed) */
	char *name;           /* without a type suffix: the attribute name */
	csv_role role;
	bool canonical;       /* the name is the role's canonical name */
	bool typed;           /* the header carries a type suffix */
	sm_value_type forced; /* the suffix's type; SM_VALUE_NULL when inferred */
	/* Type inference over the rows added so far (inferred columns only). */
	bool any, maybe_number, maybe_bool;
} csv_column;

/* ---- reader state ------------------------------------------------------- */

/* The last actor looked up for one end: edge lists are often sorted by
 * source, and a hit spares a hash look-up (two cache misses on big maps). */
typedef struct csv_id_cache {
	char id[48];
	int64_t index; /* -1: empty */
} csv_id_cache;

typedef struct csv_loader {
	sm_network *net;
	csv_id_cache ends[2]; /* source, target */
	sm_diag *diag;
	int opt_directed;     /* -1 unspecified, 0, 1 */
	bool have_actors;     /* actors.csv was given */
	int directed;         /* from the directed column: -1 not seen yet, 0, 1 */
	int64_t directed_line;
	sm_hashmap skipped; /* ids of actor rows skipped in validate mode */
	sm_arena skipped_ids;
} csv_loader;

typedef struct csv_table {
	csv_loader *ld;
	sm_source *src;
	const char *file;
	sm_element what;
	struct csv_parser parser;

	int64_t line;        /* physical line of the text being parsed */
	int64_t record_line; /* line where the current record started */
	int64_t line_bytes;  /* bytes of the current line before the segment being parsed */

	bool header_done;
	csv_column *cols;
	size_t ncols;
	int at[ROLE_COUNT]; /* column index of each role, or -1 */
	bool declared;      /* attribute columns declared in header order */

	/* The current record: cells copied into buf, NUL-terminated. */
	char *buf;
	size_t buf_len, buf_cap;
	size_t *off;
	size_t *len;
	size_t cell_cap;
	size_t ncells; /* cells seen, including those beyond the ones kept */

	int64_t rows; /* data rows read (skipped ones too) */
	int rc;       /* first error that stops reading */
} csv_table;

static bool is_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Undo the writers' formula neutralisation: one leading ' is dropped when a
 * formula character or another ' follows it. */
static const char *unneutralise(const char *s)
{
	if (s[0] == '\'' && (is_formula_start(s[1]) || s[1] == '\''))
		return s + 1;
	return s;
}

static bool parse_bool(const char *s, bool *out)
{
	if (sm_strcasecmp(s, "true") == 0) {
		*out = true;
		return true;
	}
	if (sm_strcasecmp(s, "false") == 0) {
		*out = false;
		return true;
	}
	return false;
}

/* Only the space is trimmed around unquoted cells (libcsv's default also
 * trims tabs, which would lose a trailing tab the writer does not quote). */
static int csv_is_space(unsigned char c)
{
	return c == ' ';
}

static const char *cell(const csv_table *t, size_t k)
{
	return t->buf + t->off[k];
}

/* The cell of a role's column, or "" when the file has no such column. */
static const char *role_cell(const csv_table *t, csv_role r)
{
	return t->at[r] < 0 ? "" : cell(t, (size_t)t->at[r]);
}

/* A value problem in the current row: the error is in sm_error_last() with
 * its location. Load mode: the error. Validate mode: recorded, row skipped. */
static int row_problem(csv_table *t, int rc)
{
	if (!t->ld->diag)
		return rc;
	rc = sm_diag_problem(t->ld->diag, rc);
	return rc ? rc : ROW_SKIPPED;
}

#define ROW_FAIL(t, code, ...) \
	row_problem((t), sm_fail_at((code), (t)->file, (t)->record_line, 0, __VA_ARGS__))

/* A model call failed for the current row: add the location; out of memory
 * and limits stop reading, anything else is a row problem. */
static int model_problem(csv_table *t, int rc)
{
	if (rc == SM_ENOMEM)
		return rc;
	sm_error_locate(t->file, t->record_line, 0);
	if (rc == SM_ELIMIT || rc == SM_EINTERNAL)
		return rc;
	return row_problem(t, rc);
}

/* ---- header ------------------------------------------------------------- */

/* Header names lose surrounding spaces only, as cells do: a tab or line
 * break is kept (and then refused by the model as a control character),
 * never silently dropped. */
static void trim(char **s)
{
	char *p = *s;
	while (*p == ' ')
		p++;
	size_t n = strlen(p);
	while (n > 0 && p[n - 1] == ' ')
		p[--n] = '\0';
	*s = p;
}

/* The type named by the suffix after the last ':' of `name`, if any. */
static const csv_suffix *find_suffix(const char *name, size_t *name_len)
{
	const char *colon = strrchr(name, ':');
	if (!colon)
		return NULL;
	for (size_t i = 0; i < sizeof type_suffixes / sizeof type_suffixes[0]; i++) {
		if (sm_strcasecmp(colon + 1, type_suffixes[i].name) == 0) {
			*name_len = (size_t)(colon - name);
			return &type_suffixes[i];
		}
	}
	return NULL;
}

/* Give each role its column: the canonical one, else the only alias. */
static int assign_roles(csv_table *t)
{
	char q1[64], q2[64];
	const csv_name *names = t->what == SM_ACTOR ? actor_names : relationship_names;
	size_t nnames = t->what == SM_ACTOR ? sizeof actor_names / sizeof actor_names[0]
	                                    : sizeof relationship_names / sizeof relationship_names[0];
	for (int r = 0; r < ROLE_COUNT; r++)
		t->at[r] = -1;
	/* Candidates: canonical names claim their role at once. */
	for (size_t k = 0; k < t->ncols; k++) {
		csv_column *c = &t->cols[k];
		c->role = ROLE_ATTR;
		if (c->typed)
			continue; /* a type suffix marks an attribute */
		for (size_t i = 0; i < nnames; i++) {
			if (sm_strcasecmp(c->name, names[i].name) == 0) {
				c->role = names[i].role;
				c->canonical = names[i].canonical;
				break;
			}
		}
		if (c->role != ROLE_ATTR && c->canonical)
			t->at[c->role] = (int)k;
	}
	/* Kumu: without an id column, the Label column is the id. */
	if (t->what == SM_ACTOR && t->at[ROLE_ID] < 0 && t->at[ROLE_LABEL] >= 0) {
		int k = t->at[ROLE_LABEL];
		t->cols[k].role = ROLE_ID;
		t->at[ROLE_ID] = k;
		t->at[ROLE_LABEL] = -1;
	}
	/* Aliases fill roles still free; two aliases for one role are ambiguous. */
	for (size_t k = 0; k < t->ncols; k++) {
		csv_column *c = &t->cols[k];
		if (c->role == ROLE_ATTR || c->canonical)
			continue;
		int have = t->at[c->role];
		if (have < 0) {
			t->at[c->role] = (int)k;
		} else if (!t->cols[have].canonical) {
			return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
			                  "columns %s and %s both give the %s",
			                  sm_quote(q1, t->cols[have].header), sm_quote(q2, c->header),
			                  role_names[c->role]);
		} else {
			c->role = ROLE_ATTR; /* the canonical column wins */
		}
	}
	if (t->what == SM_ACTOR && t->at[ROLE_ID] < 0)
		return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
		                  "no id column (expected \"id\", or Kumu's \"Label\")");
	if (t->what == SM_RELATIONSHIP && t->at[ROLE_SOURCE] < 0)
		return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
		                  "no source column (expected \"source\" or \"From\")");
	if (t->what == SM_RELATIONSHIP && t->at[ROLE_TARGET] < 0)
		return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
		                  "no target column (expected \"target\" or \"To\")");
	return SM_OK;
}

static int duplicate_column(const csv_table *t, const csv_column *first,
                            const csv_column *second)
{
	char q1[64], q2[64];
	return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
	                  "duplicate column %s (same name as %s)", sm_quote(q1, second->header),
	                  sm_quote(q2, first->header));
}

static int header_row(csv_table *t)
{
	char q1[64], q2[64];
	size_t nattrs = 0;
	int rc;
	t->header_done = true;
	if (t->ncells > CSV_MAX_COLUMNS)
		return sm_fail_at(SM_ELIMIT, t->file, t->record_line, 0,
		                  "the header has %zu columns; the limit is %d", t->ncells,
		                  CSV_MAX_COLUMNS);
	t->cols = sm_calloc(t->ncells, sizeof *t->cols);
	if (!t->cols)
		return sm_fail_nomem();
	for (size_t k = 0; k < t->ncells; k++) {
		size_t bad;
		if (!sm_utf8_valid(cell(t, k), t->len[k], &bad))
			return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
			                  "header cell %zu is not valid UTF-8 (byte %zu)", k + 1, bad + 1);
		char *h = t->buf + t->off[k];
		trim(&h);
		h += unneutralise(h) - h;
		csv_column *c = &t->cols[t->ncols++];
		size_t name_len = strlen(h);
		const csv_suffix *sfx = find_suffix(h, &name_len);
		c->header = sm_strdup(h);
		c->name = sm_strndup(h, name_len);
		if (!c->header || !c->name)
			return sm_fail_nomem();
		char *nm = c->name;
		trim(&nm);
		memmove(c->name, nm, strlen(nm) + 1);
		c->typed = sfx != NULL;
		c->forced = sfx ? sfx->type : SM_VALUE_NULL;
		c->maybe_number = c->maybe_bool = true;
		if (!*c->name)
			return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
			                  "header cell %zu is empty: every column needs a name", k + 1);
		/* An attribute named like a field ("directed:string" beside
		 * "directed") is no duplicate; checked again after the roles. */
		for (size_t j = 0; j + 1 < t->ncols; j++)
			if (t->cols[j].typed == c->typed && sm_strcasecmp(t->cols[j].name, c->name) == 0)
				return duplicate_column(t, &t->cols[j], c);
	}
	if ((rc = assign_roles(t)))
		return rc;
	for (size_t k = 0; k < t->ncols; k++)
		for (size_t j = 0; j < k; j++)
			if (t->cols[j].role == ROLE_ATTR && t->cols[k].role == ROLE_ATTR &&
			    sm_strcasecmp(t->cols[j].name, t->cols[k].name) == 0)
				return duplicate_column(t, &t->cols[j], &t->cols[k]);
	for (size_t k = 0; k < t->ncols; k++) {
		csv_column *c = &t->cols[k];
		if (c->role != ROLE_ATTR)
			continue;
		/* Untyped, any case of a field's name is that field ("Kind"); a type
		 * suffix marks an attribute ("kiNd:string", as the writer spells an
		 * attribute whose name differs from a field's only in case), which
		 * only the exact field name may not be. */
		if (sm_attr_name_reserved(t->what, c->name, !c->typed))
			return sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
			                  "column %s: %s is a reserved field, not an attribute",
			                  sm_quote(q1, c->header), sm_quote(q2, c->name));
		nattrs++;
	}
	if (nattrs > SM_MAX_ATTRIBUTES)
		return sm_fail_at(SM_ELIMIT, t->file, t->record_line, 0,
		                  "%zu attribute columns; the limit is %d", nattrs, SM_MAX_ATTRIBUTES);
	return SM_OK;
}

/* ---- rows --------------------------------------------------------------- */

/* Cell count and UTF-8. */
static int check_shape(csv_table *t)
{
	char q[64];
	if (t->ncells != t->ncols)
		return ROW_FAIL(t, SM_EPARSE, "row has %zu cells, the header has %zu", t->ncells,
		                t->ncols);
	for (size_t k = 0; k < t->ncols; k++) {
		size_t bad;
		if (!sm_utf8_valid(cell(t, k), t->len[k], &bad))
			return ROW_FAIL(t, SM_EINVAL, "invalid UTF-8 in column %s (byte %zu of the cell)",
			                sm_quote(q, t->cols[k].header), bad + 1);
	}
	return SM_OK;
}

/* The types forced by header suffixes. */
static int check_types(csv_table *t)
{
	char q[64];
	for (size_t k = 0; k < t->ncols; k++) {
		const csv_column *c = &t->cols[k];
		const char *raw = cell(t, k);
		double d;
		bool b;
		if (c->role != ROLE_ATTR || !*raw)
			continue;
		if (c->forced == SM_VALUE_NUMBER && !sm_parse_double(raw, &d))
			return ROW_FAIL(t, SM_EINVAL, "%s in column %s is not a number", sm_quote(q, raw),
			                c->header);
		if (c->forced == SM_VALUE_BOOL && !parse_bool(raw, &b))
			return ROW_FAIL(t, SM_EINVAL, "%s in column %s is not true or false",
			                sm_quote(q, raw), c->header);
	}
	return SM_OK;
}

/* Declare every attribute column of the file in header order: the model
 * declares a column at its first value, so each column gets a value of its
 * type on element i, removed at once. (An internal "declare attribute"
 * call in the model would make this direct.) */
static int declare_columns(csv_table *t, int64_t i)
{
	sm_network *net = t->ld->net;
	for (size_t k = 0; k < t->ncols; k++) {
		const csv_column *c = &t->cols[k];
		if (c->role != ROLE_ATTR)
			continue;
		sm_value v = c->forced == SM_VALUE_NUMBER ? sm_value_number(0)
		             : c->forced == SM_VALUE_BOOL ? sm_value_bool(false)
		                                          : sm_value_string("");
		sm_value null = sm_value_null();
		int rc = sm_network_set_attr(net, t->what, i, c->name, &v);
		if (rc == SM_OK)
			rc = sm_network_set_attr(net, t->what, i, c->name, &null);
		if (rc) {
			sm_error_locate(t->file, t->record_line, 0);
			return rc;
		}
	}
	t->declared = true;
	return SM_OK;
}

/* Set the attribute cells of the row just added as element i. */
static int set_attributes(csv_table *t, int64_t i)
{
	sm_network *net = t->ld->net;
	int rc;
	if (!t->declared && (rc = declare_columns(t, i)))
		return rc;
	for (size_t k = 0; k < t->ncols; k++) {
		csv_column *c = &t->cols[k];
		const char *raw = cell(t, k);
		if (c->role != ROLE_ATTR || !*raw)
			continue;
		sm_value v;
		double d = 0;
		bool b = false;
		switch (c->forced) {
		case SM_VALUE_NUMBER:
			sm_parse_double(raw, &d); /* checked in check_types */
			v = sm_value_number(d);
			break;
		case SM_VALUE_BOOL:
			parse_bool(raw, &b);
			v = sm_value_bool(b);
			break;
		case SM_VALUE_STRING:
			v = sm_value_string(unneutralise(raw));
			break;
		default:
			/* Inferred on the raw cell: "'-5" is text. */
			c->any = true;
			if (c->maybe_number)
				c->maybe_number = sm_parse_double(raw, &d);
			if (c->maybe_bool)
				c->maybe_bool = parse_bool(raw, &b);
			v = sm_value_string(unneutralise(raw));
		}
		if ((rc = sm_network_set_attr(net, t->what, i, c->name, &v))) {
			if (rc != SM_ENOMEM)
				sm_error_locate(t->file, t->record_line, 0);
			return rc;
		}
	}
	return SM_OK;
}

/* Validate mode: an actor row skipped for a bad value keeps its id here, so
 * relationships naming it are not reported again as "unknown actor". */
static int remember_skipped(csv_loader *ld, const char *id)
{
	if (sm_hashmap_get(&ld->skipped, id, NULL))
		return SM_OK;
	const char *copy = sm_arena_strndup(&ld->skipped_ids, id, strlen(id));
	if (!copy)
		return sm_fail_nomem();
	return sm_hashmap_put(&ld->skipped, copy, 0, NULL);
}

static int actor_row(csv_table *t)
{
	char q[64];
	sm_network *net = t->ld->net;
	int rc;
	if ((rc = check_shape(t)))
		return rc;
	const char *id = unneutralise(role_cell(t, ROLE_ID));
	const char *label = unneutralise(role_cell(t, ROLE_LABEL));
	const char *kind = unneutralise(role_cell(t, ROLE_KIND));
	if (!*id)
		return ROW_FAIL(t, SM_EINVAL, "empty id: every actor needs one");
	if (sm_hashmap_get(&net->id_index, id, NULL))
		return ROW_FAIL(t, SM_EDUPLICATE, "duplicate actor id %s", sm_quote(q, id));
	int64_t i = -1;
	if ((rc = check_types(t)) == SM_OK &&
	    (rc = sm_network_add_actor(&i, net, id, *label ? label : NULL, *kind ? kind : NULL)))
		rc = model_problem(t, rc);
	if (rc == ROW_SKIPPED)
		return remember_skipped(t->ld, id);
	if (rc)
		return rc;
	return set_attributes(t, i);
}

/* The directed column: every row that fills it must agree, with each other
 * and with an explicit opts->directed. */
static int check_directed(csv_table *t, const char *raw)
{
	char q[64];
	csv_loader *ld = t->ld;
	bool b;
	if (!parse_bool(raw, &b))
		return ROW_FAIL(t, SM_EINVAL, "directed %s is not true or false", sm_quote(q, raw));
	int d = b ? 1 : 0;
	if (ld->directed < 0) {
		if (ld->opt_directed >= 0 && ld->opt_directed != d)
			return ROW_FAIL(t, SM_EINVAL, "directed is %s but the options ask for %s network",
			                sm_quote(q, raw), ld->opt_directed ? "a directed" : "an undirected");
		ld->directed = d;
		ld->directed_line = t->record_line;
		ld->net->directed = b;
	} else if (ld->directed != d) {
		return ROW_FAIL(t, SM_EINVAL, "directed is %s but line %lld says %s", sm_quote(q, raw),
		                (long long)ld->directed_line, ld->directed ? "true" : "false");
	}
	return SM_OK;
}

static void remember_actor(csv_loader *ld, int end, const char *id, int64_t index)
{
	csv_id_cache *c = &ld->ends[end];
	size_t len = strlen(id);
	if (len >= sizeof c->id) {
		c->index = -1;
		return;
	}
	memcpy(c->id, id, len + 1);
	c->index = index;
}

static bool find_actor(csv_loader *ld, int end, const char *id, int64_t *index)
{
	const csv_id_cache *c = &ld->ends[end];
	if (c->index >= 0 && strcmp(c->id, id) == 0) {
		*index = c->index;
		return true;
	}
	if (!sm_hashmap_get(&ld->net->id_index, id, index))
		return false;
	remember_actor(ld, end, id, *index);
	return true;
}

static int relationship_row(csv_table *t)
{
	char q1[64], q2[64];
	csv_loader *ld = t->ld;
	sm_network *net = ld->net;
	int rc;
	if ((rc = check_shape(t)) || (rc = check_types(t)))
		return rc;
	const char *source = unneutralise(role_cell(t, ROLE_SOURCE));
	const char *target = unneutralise(role_cell(t, ROLE_TARGET));
	const char *quality = role_cell(t, ROLE_QUALITY);
	const char *kind = unneutralise(role_cell(t, ROLE_KIND));
	const char *since = role_cell(t, ROLE_SINCE);
	const char *until = role_cell(t, ROLE_UNTIL);
	const char *directed = role_cell(t, ROLE_DIRECTED);

	if (!*source)
		return ROW_FAIL(t, SM_EINVAL, "empty source");
	if (!*target)
		return ROW_FAIL(t, SM_EINVAL, "empty target");
	if (strcmp(source, target) == 0)
		return ROW_FAIL(t, SM_EINVAL, "self-relationship of %s is not allowed",
		                sm_quote(q1, source));
	double q = 1.0;
	if (*quality) {
		if (!sm_parse_double(quality, &q))
			return ROW_FAIL(t, SM_EINVAL, "quality %s is not a number", sm_quote(q1, quality));
		if (!(q > 0.0 && q <= 1.0))
			return ROW_FAIL(t, SM_EINVAL, "quality %s is outside (0, 1]", sm_quote(q1, quality));
	}
	int32_t s = SM_DATE_NONE, u = SM_DATE_NONE;
	if (*since && sm_date_parse(&s, since))
		return ROW_FAIL(t, SM_EINVAL, "since %s is not a date (YYYY-MM-DD)", sm_quote(q1, since));
	if (*until && sm_date_parse(&u, until))
		return ROW_FAIL(t, SM_EINVAL, "until %s is not a date (YYYY-MM-DD)", sm_quote(q1, until));
	if (s != SM_DATE_NONE && u != SM_DATE_NONE && u < s)
		return ROW_FAIL(t, SM_EINVAL, "until %s is before since %s", sm_quote(q1, until),
		                sm_quote(q2, since));
	if (*directed && (rc = check_directed(t, directed)))
		return rc;

	/* The hot path: at most one look-up per end. */
	int64_t a = -1, b = -1;
	bool have_a = find_actor(ld, 0, source, &a);
	bool have_b = find_actor(ld, 1, target, &b);
	if (ld->have_actors && ((!have_a && sm_hashmap_get(&ld->skipped, source, NULL)) ||
	                        (!have_b && sm_hashmap_get(&ld->skipped, target, NULL))))
		return ROW_SKIPPED; /* its actor was reported already */
	if (ld->have_actors && !have_a)
		return ROW_FAIL(t, SM_EINVAL, "unknown actor %s (source; not in actors.csv)",
		                sm_quote(q1, source));
	if (ld->have_actors && !have_b)
		return ROW_FAIL(t, SM_EINVAL, "unknown actor %s (target; not in actors.csv)",
		                sm_quote(q1, target));
	if (!have_a) {
		if ((rc = sm_network_add_actor(&a, net, source, NULL, NULL)))
			return model_problem(t, rc);
		remember_actor(ld, 0, source, a);
	}
	if (!have_b) {
		if ((rc = sm_network_add_actor(&b, net, target, NULL, NULL)))
			return model_problem(t, rc);
		remember_actor(ld, 1, target, b);
	}

	int64_t r;
	if ((rc = sm_network_add_relationship_at(&r, net, a, b, q, *kind ? kind : NULL)))
		return model_problem(t, rc);
	if ((s != SM_DATE_NONE || u != SM_DATE_NONE) &&
	    (rc = sm_network_set_period(net, r, since, until)))
		return model_problem(t, rc);
	return set_attributes(t, r);
}

/* ---- libcsv callbacks ----------------------------------------------------- */

static int cell_too_long(csv_table *t)
{
	return sm_fail_at(SM_ELIMIT, t->file, t->record_line, 0,
	                  "a cell is longer than %d bytes (the limit for any text)",
	                  SM_MAX_STRING_BYTES);
}

static void on_cell(void *data, size_t len, void *user)
{
	csv_table *t = user;
	if (t->rc)
		return;
	size_t k = t->ncells++;
	if (len > SM_MAX_STRING_BYTES) {
		t->rc = cell_too_long(t);
		return;
	}
	/* Keep the cells the row can use; count the others for the message. */
	if (k >= (t->header_done ? t->ncols : CSV_MAX_COLUMNS))
		return;
	if (k >= t->cell_cap) {
		size_t cap = t->cell_cap;
		size_t *off = t->off;
		if (SM_GROW(off, cap, k + 1)) {
			t->rc = SM_ENOMEM;
			return;
		}
		t->off = off;
		size_t *lens = sm_reallocarray(t->len, cap, sizeof *lens);
		if (!lens) {
			t->rc = sm_fail_nomem();
			return;
		}
		t->len = lens;
		t->cell_cap = cap;
	}
	if (SM_GROW(t->buf, t->buf_cap, t->buf_len + len + 1)) {
		t->rc = SM_ENOMEM;
		return;
	}
	if (len)
		memcpy(t->buf + t->buf_len, data, len);
	t->buf[t->buf_len + len] = '\0';
	t->off[k] = t->buf_len;
	t->len[k] = len;
	t->buf_len += len + 1;
}

static void on_record(int c, void *user)
{
	csv_table *t = user;
	(void)c;
	if (!t->rc) {
		if (t->header_done)
			t->rows++;
		int rc = !t->header_done          ? header_row(t)
		         : t->what == SM_ACTOR    ? actor_row(t)
		                                  : relationship_row(t);
		if (rc < 0)
			t->rc = rc;
	}
	t->ncells = 0;
	t->buf_len = 0;
	/* A record ended by a lone CR lets the next one start on this line. */
	t->record_line = t->line;
}

/* ---- reading a file ----------------------------------------------------- */

static int parser_error(csv_table *t, size_t done)
{
	int64_t column = t->line_bytes + (int64_t)done + 1;
	switch (csv_error(&t->parser)) {
	case CSV_ENOMEM: return sm_fail_nomem();
	case CSV_ETOOBIG: return cell_too_long(t);
	default:
		if (t->parser.quoted)
			return sm_fail_at(SM_EPARSE, t->file, t->line, column,
			                  "unexpected character after the closing quote of a cell (a quote "
			                  "inside a quoted cell is written twice: \"\")");
		return sm_fail_at(SM_EPARSE, t->file, t->line, column,
		                  "quote inside an unquoted cell (quote the whole cell and write the "
		                  "quote twice: \"\")");
	}
}

static int parse_file(csv_table *t)
{
	int rc = SM_OK;
	char *chunk = sm_malloc(CSV_CHUNK_BYTES);
	if (!chunk)
		return sm_fail_nomem();
	bool first = true;
	t->line = t->record_line = 1;
	t->line_bytes = 0;
	for (;;) {
		int64_t got = sm_source_read(t->src, chunk, CSV_CHUNK_BYTES);
		if (got < 0) {
			rc = (int)got;
			goto out;
		}
		if (got == 0)
			break;
		size_t n = (size_t)got, pos = 0;
		if (first && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
			pos = 3; /* UTF-8 byte order mark */
		first = false;
		/* One physical line at a time, so the callbacks know the line. */
		while (pos < n) {
			const char *nl = memchr(chunk + pos, '\n', n - pos);
			size_t end = nl ? (size_t)(nl - chunk) + 1 : n;
			size_t len = end - pos;
			/* At the start of a line the parser holds nothing unless a
			 * quoted cell goes on across the line break. */
			if (t->line_bytes == 0 && t->parser.entry_pos == 0 && t->ncells == 0)
				t->record_line = t->line;
			size_t done = csv_parse(&t->parser, chunk + pos, len, on_cell, on_record, t);
			if (t->rc) {
				rc = t->rc;
				goto out;
			}
			if (done < len) {
				rc = parser_error(t, done);
				goto out;
			}
			/* The cell being buffered (+1: its closing quote may be in). */
			if (t->parser.entry_pos > (size_t)SM_MAX_STRING_BYTES + 1) {
				rc = cell_too_long(t);
				goto out;
			}
			if (nl) {
				t->line++;
				t->line_bytes = 0;
			} else {
				t->line_bytes += (int64_t)len;
			}
			pos = end;
		}
	}
	if (csv_fini(&t->parser, on_cell, on_record, t) != 0) {
		rc = sm_fail_at(SM_EPARSE, t->file, t->record_line, 0,
		                "unterminated quoted cell: the file ends inside quotes");
		goto out;
	}
	if (t->rc) {
		rc = t->rc;
		goto out;
	}
	if (!t->header_done)
		rc = sm_fail_at(SM_EPARSE, t->file, 1, 0, "no header row (the file is empty)");
out:
	sm_free(chunk);
	return rc;
}

/* The column of the network behind attribute `name` (writable). */
static sm_attr_column *network_column(sm_network *net, sm_element what, const char *name)
{
	int64_t k;
	if (!sm_hashmap_get(&net->attrs[what].by_name, name, &k))
		return NULL;
	return &net->attrs[what].cols[k];
}

/* Convert inferred columns whose every value is a number or a boolean. */
static void finish_columns(csv_table *t)
{
	for (size_t k = 0; k < t->ncols; k++) {
		const csv_column *c = &t->cols[k];
		if (c->role != ROLE_ATTR || c->forced != SM_VALUE_NULL)
			continue;
		sm_attr_column *col = network_column(t->ld->net, t->what, c->name);
		if (!col)
			continue;
		if (!c->any) {
			col->type = SM_VALUE_NULL; /* only declare_columns() set a value */
		} else if (c->maybe_number) {
			for (size_t i = 0; i < col->len; i++) {
				double d = 0;
				if (col->present[i] && sm_parse_double(col->cells[i].s, &d))
					col->cells[i].n = d;
			}
			col->type = SM_VALUE_NUMBER;
		} else if (c->maybe_bool) {
			for (size_t i = 0; i < col->len; i++) {
				bool b = false;
				if (col->present[i] && parse_bool(col->cells[i].s, &b))
					col->cells[i].b = b;
			}
			col->type = SM_VALUE_BOOL;
		}
	}
}

static int read_table(csv_loader *ld, sm_source *src, sm_element what)
{
	csv_table t;
	memset(&t, 0, sizeof t);
	t.ld = ld;
	t.src = src;
	t.file = src->name;
	t.what = what;
	csv_init(&t.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_realloc_func(&t.parser, sm_realloc);
	csv_set_free_func(&t.parser, sm_free);
	csv_set_space_func(&t.parser, csv_is_space);
	csv_set_blk_size(&t.parser, CSV_PARSER_BLOCK);

	int rc = parse_file(&t);
	if (rc == SM_OK)
		finish_columns(&t);
	/* A directed network without relationships is written as a header with
	 * a directed column and no rows: read it back as directed. */
	if (rc == SM_OK && what == SM_RELATIONSHIP && t.at[ROLE_DIRECTED] >= 0 && !t.rows &&
	    ld->directed < 0 && ld->opt_directed < 0)
		ld->net->directed = true;

	csv_free(&t.parser);
	for (size_t k = 0; k < t.ncols; k++) {
		sm_free(t.cols[k].header);
		sm_free(t.cols[k].name);
	}
	sm_free(t.cols);
	sm_free(t.buf);
	sm_free(t.off);
	sm_free(t.len);
	return rc;
}

int sm_csv_read(sm_network **out, sm_source *actors, sm_source *relationships,
                const sm_load_options *opts, sm_diag *diag)
{
	if (!relationships)
		return sm_fail(SM_EINVAL, "the CSV pair needs relationships.csv");
	csv_loader ld;
	memset(&ld, 0, sizeof ld);
	ld.diag = diag && diag->collect ? diag : NULL;
	ld.opt_directed = opts && (opts->directed == 0 || opts->directed == 1) ? opts->directed : -1;
	ld.have_actors = actors != NULL;
	ld.directed = -1;
	ld.ends[0].index = ld.ends[1].index = -1;
	sm_hashmap_init(&ld.skipped);
	sm_arena_init(&ld.skipped_ids);
	int rc = sm_network_new(&ld.net, ld.opt_directed == 1);
	if (rc)
		return rc;
	if (actors)
		rc = read_table(&ld, actors, SM_ACTOR);
	if (rc == SM_OK)
		rc = read_table(&ld, relationships, SM_RELATIONSHIP);
	sm_hashmap_dispose(&ld.skipped);
	sm_arena_dispose(&ld.skipped_ids);
	if (rc) {
		sm_network_free(ld.net);
		return rc;
	}
	*out = ld.net;
	return SM_OK;
}

/* ---- writing ------------------------------------------------------------ */

/* An attribute column as written: its header cell gets a type suffix when
 * reading it back would otherwise give another type or another role. */
typedef struct csv_out_attr {
	const sm_attr_column *col;
	const char *name;
	char *header; /* "name:type", or NULL to write the name alone */
} csv_out_attr;

static const char *type_suffix_name(sm_value_type type)
{
	switch (type) {
	case SM_VALUE_NUMBER: return "number";
	case SM_VALUE_BOOL: return "boolean";
	default: return "string";
	}
}

/* Whether a header named `name` would be read as something else. */
static bool name_needs_suffix(sm_element what, const char *name)
{
	size_t len;
	if (find_suffix(name, &len))
		return true;
	const csv_name *names = what == SM_ACTOR ? actor_names : relationship_names;
	size_t n = what == SM_ACTOR ? sizeof actor_names / sizeof actor_names[0]
	                            : sizeof relationship_names / sizeof relationship_names[0];
	for (size_t i = 0; i < n; i++)
		if (names[i].canonical && sm_strcasecmp(names[i].name, name) == 0)
			return true;
	return false;
}

/* Whether every value of a text column would be read back as a number (or
 * every one as a boolean): then the header says ":string". */
static bool text_looks_typed(const sm_attr_column *col)
{
	bool number = true, boolean = true, any = false;
	for (size_t i = 0; i < col->len && (number || boolean); i++) {
		if (!col->present[i] || !col->cells[i].s[0])
			continue;
		const char *s = col->cells[i].s;
		if (is_formula_start(s[0]) || s[0] == '\'')
			return false; /* written with or after a ': text */
		double d;
		bool b;
		any = true;
		if (number && !sm_parse_double(s, &d))
			number = false;
		if (boolean && !parse_bool(s, &b))
			boolean = false;
	}
	return any && (number || boolean);
}

static void free_attributes(csv_out_attr *a, size_t n)
{
	for (size_t k = 0; k < n; k++)
		sm_free(a[k].header);
	sm_free(a);
}

static int plan_attributes(csv_out_attr **out, size_t *count, const sm_network *net,
                           sm_element what)
{
	size_t n = (size_t)sm_network_attr_count(net, what);
	csv_out_attr *a = sm_calloc(n ? n : 1, sizeof *a);
	if (!a)
		return sm_fail_nomem();
	for (size_t k = 0; k < n; k++) {
		sm_value_type type;
		a[k].name = sm_network_attr_name(net, what, (int64_t)k, &type);
		a[k].col = &net->attrs[what].cols[k];
		bool suffix = name_needs_suffix(what, a[k].name);
		if (type == SM_VALUE_STRING)
			suffix = suffix || text_looks_typed(a[k].col);
		else if (type == SM_VALUE_NUMBER || type == SM_VALUE_BOOL)
			suffix = suffix || a[k].col->set_count == 0; /* keep the type of an empty column */
		if (!suffix)
			continue;
		const char *sfx = type_suffix_name(type);
		size_t len = strlen(a[k].name) + strlen(sfx) + 2;
		a[k].header = sm_malloc(len);
		if (!a[k].header) {
			free_attributes(a, k);
			return sm_fail_nomem();
		}
		snprintf(a[k].header, len, "%s:%s", a[k].name, sfx);
	}
	*out = a;
	*count = n;
	return SM_OK;
}

/* ",name,name:type,..." after the fixed columns. */
static int write_header_attrs(FILE *f, const csv_out_attr *a, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (putc(',', f) == EOF || sm_csv_write_cell(f, a[k].header ? a[k].header : a[k].name,
		                                             true))
			return EOF;
	return 0;
}

static int write_value(FILE *f, const sm_attr_column *col, size_t i)
{
	char buf[32];
	sm_value v = sm_attr_column_value(col, (int64_t)i);
	switch (v.type) {
	case SM_VALUE_STRING: return sm_csv_write_cell(f, v.as.s, true);
	case SM_VALUE_NUMBER:
		sm_format_double(buf, v.as.n);
		return fputs(buf, f) == EOF ? EOF : 0;
	case SM_VALUE_BOOL: return fputs(v.as.b ? "true" : "false", f) == EOF ? EOF : 0;
	default: return 0;
	}
}

static int write_row_attrs(FILE *f, const csv_out_attr *a, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++) {
		if (putc(',', f) == EOF || write_value(f, a[k].col, i))
			return EOF;
	}
	return 0;
}

static int write_actors(const sm_network *net, const char *path)
{
	csv_out_attr *attrs = NULL;
	size_t nattrs = 0;
	sm_atomic_file af;
	int rc = plan_attributes(&attrs, &nattrs, net, SM_ACTOR);
	if (rc)
		return rc;
	if ((rc = sm_atomic_open(&af, path))) {
		free_attributes(attrs, nattrs);
		return rc;
	}
	FILE *f = af.stream;
	int w = fputs("id,label,kind", f) == EOF ? EOF : write_header_attrs(f, attrs, nattrs);
	if (w == 0 && putc('\n', f) == EOF)
		w = EOF;
	for (size_t i = 0; i < net->n && w == 0; i++) {
		if (sm_csv_write_cell(f, net->actor_id[i], true) || putc(',', f) == EOF ||
		    sm_csv_write_cell(f, net->actor_label[i], true) || putc(',', f) == EOF ||
		    sm_csv_write_cell(f, net->actor_kind[i], true) ||
		    write_row_attrs(f, attrs, nattrs, i) || putc('\n', f) == EOF)
			w = EOF;
	}
	free_attributes(attrs, nattrs);
	if (w) {
		int e = errno;
		sm_atomic_abort(&af);
		return sm_fail(SM_EIO, "cannot write %s: %s", path, strerror(e ? e : EIO));
	}
	return sm_atomic_commit(&af);
}

static int write_date(FILE *f, int32_t days)
{
	char buf[11];
	if (days == SM_DATE_NONE || sm_date_format(buf, days) != SM_OK)
		return 0;
	return fputs(buf, f) == EOF ? EOF : 0;
}

static int write_relationships(const sm_network *net, const char *path)
{
	csv_out_attr *attrs = NULL;
	size_t nattrs = 0;
	sm_atomic_file af;
	char buf[32];
	int rc = plan_attributes(&attrs, &nattrs, net, SM_RELATIONSHIP);
	if (rc)
		return rc;
	if ((rc = sm_atomic_open(&af, path))) {
		free_attributes(attrs, nattrs);
		return rc;
	}
	FILE *f = af.stream;
	int w = fputs("source,target,quality,kind,since,until", f) == EOF ? EOF : 0;
	if (w == 0)
		w = write_header_attrs(f, attrs, nattrs);
	/* The directed column goes last. */
	if (w == 0 && ((net->directed && fputs(",directed", f) == EOF) || putc('\n', f) == EOF))
		w = EOF;
	for (size_t r = 0; r < net->m && w == 0; r++) {
		const char *kind = sm_network_rel_kind(net, r);
		sm_format_double(buf, net->rel_quality[r]);
		if (sm_csv_write_cell(f, net->actor_id[net->rel_source[r]], true) ||
		    putc(',', f) == EOF ||
		    sm_csv_write_cell(f, net->actor_id[net->rel_target[r]], true) ||
		    putc(',', f) == EOF || fputs(buf, f) == EOF || putc(',', f) == EOF ||
		    (kind && sm_csv_write_cell(f, kind, true)) || putc(',', f) == EOF ||
		    (net->rel_since && write_date(f, net->rel_since[r])) || putc(',', f) == EOF ||
		    (net->rel_since && write_date(f, net->rel_until[r])) ||
		    write_row_attrs(f, attrs, nattrs, r) ||
		    (net->directed && fputs(",true", f) == EOF) || putc('\n', f) == EOF)
			w = EOF;
	}
	free_attributes(attrs, nattrs);
	if (w) {
		int e = errno;
		sm_atomic_abort(&af);
		return sm_fail(SM_EIO, "cannot write %s: %s", path, strerror(e ? e : EIO));
	}
	return sm_atomic_commit(&af);
}

int sm_csv_write(const sm_network *net, const char *dir)
{
	struct stat st;
	if (mkdir(dir, 0777) != 0) {
		int e = errno;
		if (e != EEXIST)
			return sm_fail(SM_EIO, "cannot create folder %s: %s", dir, strerror(e));
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			return sm_fail(SM_EIO, "cannot write the CSV pair to %s: it is not a folder", dir);
	}
	size_t n = strlen(dir) + 32;
	char *path = sm_malloc(n);
	if (!path)
		return sm_fail_nomem();
	size_t dlen = strlen(dir);
	const char *sep = dlen && dir[dlen - 1] == '/' ? "" : "/";
	snprintf(path, n, "%s%sactors.csv", dir, sep);
	int rc = write_actors(net, path);
	if (rc == SM_OK) {
		snprintf(path, n, "%s%srelationships.csv", dir, sep);
		rc = write_relationships(net, path);
	}
	sm_free(path);
	return rc;
}
