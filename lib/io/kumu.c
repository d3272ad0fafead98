/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Kumu import spreadsheets (docs/formats/kumu.md): a folder holding
 *
 *     elements.csv     ID, Label, Type, then one column per actor attribute
 *     connections.csv  From, To, Type, Strength, Direction, [Start, End,]
 *                      then one column per relationship attribute
 *
 * ID is the actor id (Kumu matches From/To against it, so labels need not
 * be unique), Label the actor's label or its id when it has none, Type the
 * kind. Strength is the quality; Direction is "directed" or "undirected"
 * (Kumu's own field; its default is directed); Start and End, written only
 * when some relationship has a period, are the since/until dates.
 *
 * Cells go through sm_csv_write_cell() with formula neutralisation, and the
 * headers follow the CSV pair's rules so that stakemap's CSV reader reads
 * the folder back (io.c loads elements.csv/connections.csv): an attribute
 * whose name the reader would take for a fixed column (its canonical names
 * and aliases: weight, name, type, start, ...) or that holds a ':' gets a
 * type suffix ("weight:number"), as does a text column every value of
 * which looks like a number or a boolean, and a typed column with no value.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/atomic_file.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

/* Header names stakemap's CSV reader gives a meaning to, plus Kumu's own
 * fixed columns: an attribute of one of these names gets a type suffix. */
static const char *const kumu_actor_taken[] = { "id", "label", "kind", "name", "type" };
static const char *const kumu_rel_taken[] = { "source", "target", "quality", "kind", "since",
	                                          "until", "directed", "from", "to", "strength",
	                                          "weight", "type", "start", "end", "direction" };

typedef struct kumu_attr {
	const sm_attr_column *col;
	char *header; /* "name:type", or NULL to write the name as it is */
} kumu_attr;

static bool kumu_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static bool kumu_name_taken(sm_element what, const char *name)
{
	const char *const *list = what == SM_ACTOR ? kumu_actor_taken : kumu_rel_taken;
	size_t n = what == SM_ACTOR ? sizeof kumu_actor_taken / sizeof kumu_actor_taken[0]
	                            : sizeof kumu_rel_taken / sizeof kumu_rel_taken[0];
	if (strchr(name, ':'))
		return true;
	for (size_t i = 0; i < n; i++)
		if (sm_strcasecmp(list[i], name) == 0)
			return true;
	return false;
}

/* Whether the CSV reader would infer a number or boolean type for this
 * text column (the same rule as the CSV pair's writer). */
static bool kumu_text_looks_typed(const sm_attr_column *col)
{
	bool number = true, boolean = true, any = false;
	for (size_t i = 0; i < col->len && (number || boolean); i++) {
		if (!col->present[i] || !col->cells[i].s[0])
			continue;
		const char *s = col->cells[i].s;
		double d;
		if (kumu_formula_start(s[0]) || s[0] == '\'')
			return false;
		any = true;
		if (number && !sm_parse_double(s, &d))
			number = false;
		if (boolean && sm_strcasecmp(s, "true") != 0 && sm_strcasecmp(s, "false") != 0)
			boolean = false;
	}
	return any && (number || boolean);
}

static void kumu_free_attrs(kumu_attr *a, size_t n)
{
	for (size_t k = 0; k < n; k++)
		sm_free(a[k].header);
	sm_free(a);
}

static int kumu_plan(kumu_attr **out, const sm_network *net, sm_element what)
{
	const sm_attr_table *t = &net->attrs[what];
	kumu_attr *a = sm_calloc(t->count ? t->count : 1, sizeof *a);
	if (!a)
		return sm_fail_nomem();
	for (size_t k = 0; k < t->count; k++) {
		const sm_attr_column *col = &t->cols[k];
		a[k].col = col;
		bool suffix = kumu_name_taken(what, col->name);
		if (col->type == SM_VALUE_STRING)
			suffix = suffix || kumu_text_looks_typed(col);
		else if (col->type != SM_VALUE_NULL)
			suffix = suffix || col->set_count == 0;
		if (!suffix)
			continue;
		const char *sfx = col->type == SM_VALUE_NUMBER ? "number"
		                  : col->type == SM_VALUE_BOOL ? "boolean" : "string";
		size_t len = strlen(col->name) + strlen(sfx) + 2;
		if (!(a[k].header = sm_malloc(len))) {
			kumu_free_attrs(a, k);
			return sm_fail_nomem();
		}
		snprintf(a[k].header, len, "%s:%s", col->name, sfx);
	}
	*out = a;
	return SM_OK;
}

static int kumu_header(FILE *f, const char *fixed, const kumu_attr *a, size_t n)
{
	if (fputs(fixed, f) == EOF)
		return EOF;
	for (size_t k = 0; k < n; k++)
		if (putc(',', f) == EOF ||
		    sm_csv_write_cell(f, a[k].header ? a[k].header : a[k].col->name, true))
			return EOF;
	return putc('\n', f) == EOF ? EOF : 0;
}

static int kumu_values(FILE *f, const kumu_attr *a, size_t n, size_t i)
{
	char buf[32];
	for (size_t k = 0; k < n; k++) {
		sm_value v = sm_attr_column_value(a[k].col, (int64_t)i);
		if (putc(',', f) == EOF)
			return EOF;
		switch (v.type) {
		case SM_VALUE_STRING:
			if (sm_csv_write_cell(f, v.as.s, true))
				return EOF;
			break;
		case SM_VALUE_NUMBER:
			sm_format_double(buf, v.as.n);
			if (fputs(buf, f) == EOF)
				return EOF;
			break;
		case SM_VALUE_BOOL:
			if (fputs(v.as.b ? "true" : "false", f) == EOF)
				return EOF;
			break;
		default: break;
		}
	}
	return 0;
}

static int kumu_date(FILE *f, const int32_t *days, size_t r)
{
	char buf[11];
	if (putc(',', f) == EOF)
		return EOF;
	if (!days || days[r] == SM_DATE_NONE || sm_date_format(buf, days[r]) != SM_OK)
		return 0;
	return fputs(buf, f) == EOF ? EOF : 0;
}

static bool kumu_has_periods(const sm_network *net)
{
	if (!net->rel_since)
		return false;
	for (size_t r = 0; r < net->m; r++)
		if (net->rel_since[r] != SM_DATE_NONE || net->rel_until[r] != SM_DATE_NONE)
			return true;
	return false;
}

/* Write elements.csv (SM_ACTOR) or connections.csv (SM_RELATIONSHIP) to `path`. */
static int kumu_sheet(const sm_network *net, const char *path, sm_element what)
{
	kumu_attr *attrs = NULL;
	size_t nattrs = net->attrs[what].count;
	sm_atomic_file af;
	int rc = kumu_plan(&attrs, net, what);
	if (rc)
		return rc;
	if ((rc = sm_atomic_open(&af, path))) {
		kumu_free_attrs(attrs, nattrs);
		return rc;
	}
	FILE *f = af.stream;
	int w;
	if (what == SM_ACTOR) {
		w = kumu_header(f, "ID,Label,Type", attrs, nattrs);
		for (size_t i = 0; i < net->n && w == 0; i++) {
			const char *label = net->actor_label[i][0] ? net->actor_label[i]
			                                           : net->actor_id[i];
			if (sm_csv_write_cell(f, net->actor_id[i], true) || putc(',', f) == EOF ||
			    sm_csv_write_cell(f, label, true) || putc(',', f) == EOF ||
			    sm_csv_write_cell(f, net->actor_kind[i], true) ||
			    kumu_values(f, attrs, nattrs, i) || putc('\n', f) == EOF)
				w = EOF;
		}
	} else {
		bool periods = kumu_has_periods(net);
		const char *direction = net->directed ? "directed" : "undirected";
		char buf[32];
		w = kumu_header(f, periods ? "From,To,Type,Strength,Direction,Start,End"
		                           : "From,To,Type,Strength,Direction",
		                attrs, nattrs);
		for (size_t r = 0; r < net->m && w == 0; r++) {
			const char *kind = sm_network_rel_kind(net, r);
			sm_format_double(buf, net->rel_quality[r]);
			if (sm_csv_write_cell(f, net->actor_id[net->rel_source[r]], true) ||
			    putc(',', f) == EOF ||
			    sm_csv_write_cell(f, net->actor_id[net->rel_target[r]], true) ||
			    putc(',', f) == EOF || (kind && sm_csv_write_cell(f, kind, true)) ||
			    fprintf(f, ",%s,%s", buf, direction) < 0 ||
			    (periods && (kumu_date(f, net->rel_since, r) ||
			                 kumu_date(f, net->rel_until, r))) ||
			    kumu_values(f, attrs, nattrs, r) || putc('\n', f) == EOF)
				w = EOF;
		}
	}
	kumu_free_attrs(attrs, nattrs);
	if (w) {
		int e = errno;
		sm_atomic_abort(&af);
		return sm_fail(SM_EIO, "cannot write %s: %s", path, strerror(e ? e : EIO));
	}
	return sm_export_finish(&af, path);
}

int sm_kumu_write(const sm_network *net, const char *dir)
{
	struct stat st;
	if (!net || !dir)
		return sm_fail(SM_EINVAL, "sm_kumu_write: network and folder are required");
	if (mkdir(dir, 0777) != 0) {
		int e = errno;
		if (e != EEXIST)
			return sm_fail(SM_EIO, "cannot create folder %s: %s", dir, strerror(e));
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			return sm_fail(SM_EIO, "cannot write the Kumu sheets to %s: it is not a folder",
			               dir);
	}
	size_t dlen = strlen(dir), n = dlen + 32;
	char *path = sm_malloc(n);
	if (!path)
		return sm_fail_nomem();
	const char *sep = dlen && dir[dlen - 1] == '/' ? "" : "/";
	snprintf(path, n, "%s%selements.csv", dir, sep);
	int rc = kumu_sheet(net, path, SM_ACTOR);
	if (rc == SM_OK) {
		snprintf(path, n, "%s%sconnections.csv", dir, sep);
		rc = kumu_sheet(net, path, SM_RELATIONSHIP);
	}
	sm_free(path);
	return rc;
}
