/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Typed attributes of actors and relationships, stored by column.
 */
#include <math.h>
#include <string.h>

#include "model/network_internal.h"

sm_value sm_value_string(const char *s)
{
	sm_value v = { .type = s ? SM_VALUE_STRING : SM_VALUE_NULL };
	v.as.s = s;
	return v;
}

sm_value sm_value_number(double n)
{
	sm_value v = { .type = SM_VALUE_NUMBER };
	v.as.n = n;
	return v;
}

sm_value sm_value_bool(bool b)
{
	sm_value v = { .type = SM_VALUE_BOOL };
	v.as.b = b;
	return v;
}

sm_value sm_value_null(void)
{
	sm_value v = { .type = SM_VALUE_NULL };
	return v;
}

static const char *element_name(sm_element what)
{
	return what == SM_ACTOR ? "actor" : "relationship";
}

static const char *type_name(sm_value_type t)
{
	switch (t) {
	case SM_VALUE_STRING: return "text";
	case SM_VALUE_NUMBER: return "numbers";
	case SM_VALUE_BOOL: return "true/false values";
	default: return "nothing";
	}
}

void sm_attr_tables_dispose(sm_network *net)
{
	for (int w = 0; w < 2; w++) {
		sm_attr_table *t = &net->attrs[w];
		for (size_t c = 0; c < t->count; c++) {
			sm_free(t->cols[c].cells);
			sm_free(t->cols[c].present);
		}
		sm_free(t->cols);
		sm_hashmap_dispose(&t->by_name);
		t->cols = NULL;
		t->count = t->cap = 0;
	}
}

bool sm_attr_name_reserved(sm_element what, const char *name, bool ignore_case)
{
	static const char *const actor[] = { "id", "label", "kind" };
	static const char *const rel[] = { "source", "target", "quality", "kind", "since", "until" };
	const char *const *list = what == SM_ACTOR ? actor : rel;
	size_t n = what == SM_ACTOR ? 3 : 6;
	for (size_t i = 0; i < n; i++)
		if ((ignore_case ? sm_strcasecmp(list[i], name) : strcmp(list[i], name)) == 0)
			return true;
	return false;
}

const sm_attr_column *sm_network_attr_column(const sm_network *net, sm_element what,
                                             const char *name)
{
	int64_t c;
	if (!name || !sm_hashmap_get(&net->attrs[what].by_name, name, &c))
		return NULL;
	return &net->attrs[what].cols[c];
}

sm_value sm_attr_column_value(const sm_attr_column *col, int64_t i)
{
	sm_value v = { .type = SM_VALUE_NULL };
	if (i < 0 || (size_t)i >= col->len || !col->present[i])
		return v;
	v.type = col->type;
	switch (col->type) {
	case SM_VALUE_STRING: v.as.s = col->cells[i].s; break;
	case SM_VALUE_NUMBER: v.as.n = col->cells[i].n; break;
	case SM_VALUE_BOOL: v.as.b = col->cells[i].b; break;
	default: v.type = SM_VALUE_NULL;
	}
	return v;
}

/* Find or declare the column `name`. *created tells whether it is new. */
static int column_for(sm_attr_column **out, bool *created, sm_network *net, sm_element what,
                      const char *name)
{
	char q[64];
	sm_attr_table *t = &net->attrs[what];
	int64_t c;
	size_t len;
	int rc;
	*created = false;
	if (sm_hashmap_get(&t->by_name, name, &c)) {
		*out = &t->cols[c];
		return SM_OK;
	}
	if ((rc = sm_check_text("attribute name", name, &len)))
		return rc;
	/* Names are headers in CSV and keys in GraphML: no control characters,
	 * no leading or trailing blanks (a spreadsheet would lose them). */
	for (size_t k = 0; k < len; k++)
		if ((unsigned char)name[k] < 0x20 || name[k] == 0x7F)
			return sm_fail(SM_EINVAL, "attribute name %s holds a control character",
			               sm_quote(q, name));
	if (name[0] == ' ' || name[len - 1] == ' ')
		return sm_fail(SM_EINVAL, "attribute name %s begins or ends with a space",
		               sm_quote(q, name));
	if (t->count >= SM_MAX_ATTRIBUTES)
		return sm_fail(SM_ELIMIT, "more than %d %s attributes (adding %s)", SM_MAX_ATTRIBUTES,
		               element_name(what), sm_quote(q, name));
	if ((rc = SM_GROW(t->cols, t->cap, t->count + 1)))
		return rc;
	const char *copy = sm_network_intern(net, name, len);
	if (!copy)
		return SM_ENOMEM;
	if ((rc = sm_hashmap_put(&t->by_name, copy, (int64_t)t->count, NULL)))
		return rc;
	sm_attr_column *col = &t->cols[t->count++];
	memset(col, 0, sizeof *col);
	col->name = copy;
	col->type = SM_VALUE_NULL;
	*out = col;
	*created = true;
	return SM_OK;
}

/* Undo column_for() of a column just declared (the last one). */
static void drop_new_column(sm_network *net, sm_element what)
{
	sm_attr_table *t = &net->attrs[what];
	sm_attr_column *col = &t->cols[--t->count];
	/* Rebuild the name index without the last column: rare path. */
	sm_hashmap_dispose(&t->by_name);
	sm_hashmap_init(&t->by_name);
	for (size_t c = 0; c < t->count; c++)
		sm_hashmap_put(&t->by_name, t->cols[c].name, (int64_t)c, NULL);
	sm_free(col->cells);
	sm_free(col->present);
}

/* Make room for cell i (cells beyond len are null). */
static int column_reserve(sm_attr_column *col, size_t i)
{
	if (i < col->len)
		return SM_OK;
	if (i >= col->cap) {
		size_t cap = col->cap ? col->cap : 16;
		while (cap <= i)
			cap *= 2;
		sm_cell *cells = sm_reallocarray(col->cells, cap, sizeof *cells);
		if (!cells)
			return sm_fail_nomem();
		col->cells = cells;
		uint8_t *present = sm_realloc(col->present, cap);
		if (!present)
			return sm_fail_nomem();
		col->present = present;
		col->cap = cap;
	}
	memset(col->present + col->len, 0, i + 1 - col->len);
	col->len = i + 1;
	return SM_OK;
}

int sm_network_set_attr(sm_network *net, sm_element what, int64_t i, const char *name,
                        const sm_value *value)
{
	char q[64], q2[64];
	int rc;
	if (what != SM_ACTOR && what != SM_RELATIONSHIP)
		return sm_fail(SM_EINVAL, "unknown element type %d", (int)what);
	size_t count = what == SM_ACTOR ? net->n : net->m;
	if (i < 0 || (size_t)i >= count)
		return sm_fail(SM_EINVAL, "%s index %lld is out of range (%zu %ss)", element_name(what),
		               (long long)i, count, element_name(what));
	if (!name || !*name)
		return sm_fail(SM_EINVAL, "attribute name is empty");
	if (sm_attr_name_reserved(what, name, false))
		return sm_fail(SM_EINVAL, "%s is a reserved %s field, not an attribute",
		               sm_quote(q, name), element_name(what));
	if (!value)
		return sm_fail(SM_EINVAL, "attribute %s: value is missing", sm_quote(q, name));
	size_t slen = 0;
	switch (value->type) {
	case SM_VALUE_NULL: break;
	case SM_VALUE_NUMBER:
		if (!isfinite(value->as.n))
			return sm_fail(SM_EINVAL, "attribute %s: number is not finite", sm_quote(q, name));
		break;
	case SM_VALUE_STRING:
		if (!value->as.s)
			return sm_fail(SM_EINVAL, "attribute %s: text is NULL", sm_quote(q, name));
		if ((rc = sm_check_text("attribute value", value->as.s, &slen)))
			return rc;
		break;
	case SM_VALUE_BOOL: break;
	default:
		return sm_fail(SM_EINVAL, "attribute %s: unknown value type %d", sm_quote(q, name),
		               (int)value->type);
	}

	sm_attr_column *col = NULL;
	bool created;
	if (value->type == SM_VALUE_NULL) {
		col = (sm_attr_column *)sm_network_attr_column(net, what, name);
		if (col && (size_t)i < col->len && col->present[i]) {
			col->present[i] = 0;
			col->set_count--;
		}
		return SM_OK;
	}
	if ((rc = column_for(&col, &created, net, what, name)))
		return rc;
	if (col->type != SM_VALUE_NULL && col->type != value->type) {
		const char *shown = value->type == SM_VALUE_STRING ? sm_quote(q2, value->as.s)
		                    : value->type == SM_VALUE_BOOL ? (value->as.b ? "true" : "false")
		                                                   : (sm_format_double(q2, value->as.n), q2);
		return sm_fail(SM_EINVAL, "attribute %s holds %s, but %s is %s", sm_quote(q, name),
		               type_name(col->type), shown,
		               value->type == SM_VALUE_STRING ? "text"
		               : value->type == SM_VALUE_BOOL ? "true/false" : "a number");
	}
	sm_cell cell;
	if (value->type == SM_VALUE_STRING) {
		cell.s = sm_network_intern(net, value->as.s, slen);
		if (!cell.s)
			rc = SM_ENOMEM;
	} else if (value->type == SM_VALUE_NUMBER) {
		cell.n = value->as.n;
	} else {
		cell.b = value->as.b;
	}
	if (rc == SM_OK)
		rc = column_reserve(col, (size_t)i);
	if (rc) {
		if (created)
			drop_new_column(net, what);
		return rc;
	}
	col->type = value->type;
	col->cells[i] = cell;
	if (!col->present[i]) {
		col->present[i] = 1;
		col->set_count++;
	}
	return SM_OK;
}

int sm_network_attr(sm_value *out, const sm_network *net, sm_element what, int64_t i,
                    const char *name)
{
	char q[64];
	if (what != SM_ACTOR && what != SM_RELATIONSHIP)
		return sm_fail(SM_EINVAL, "unknown element type %d", (int)what);
	size_t count = what == SM_ACTOR ? net->n : net->m;
	if (i < 0 || (size_t)i >= count)
		return sm_fail(SM_EINVAL, "%s index %lld is out of range (%zu %ss)", element_name(what),
		               (long long)i, count, element_name(what));
	const sm_attr_column *col = sm_network_attr_column(net, what, name);
	if (!col)
		return sm_fail(SM_ENOTFOUND, "no %s attribute %s", element_name(what),
		               sm_quote(q, name ? name : ""));
	*out = sm_attr_column_value(col, i);
	return SM_OK;
}

int64_t sm_network_attr_count(const sm_network *net, sm_element what)
{
	if (what != SM_ACTOR && what != SM_RELATIONSHIP)
		return 0;
	return (int64_t)net->attrs[what].count;
}

const char *sm_network_attr_name(const sm_network *net, sm_element what, int64_t k,
                                 sm_value_type *type)
{
	if ((what != SM_ACTOR && what != SM_RELATIONSHIP) || k < 0 ||
	    (size_t)k >= net->attrs[what].count)
		return NULL;
	const sm_attr_column *col = &net->attrs[what].cols[k];
	if (type)
		*type = col->type;
	return col->name;
}
