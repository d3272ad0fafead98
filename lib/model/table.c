/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Results tables: named, typed columns stored as contiguous arrays, so the
 * column getters hand them out directly (borrowed). Tables have few columns,
 * so a column is found by a linear scan of the names.
 *
 * Every string a table holds is valid UTF-8 (checked when it is stored), so
 * the writers never have to repair text: CSV and JSON stay valid, and the
 * aligned text writer can count display width in code points.
 */
#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/atomic_file.h"
#include "core/core.h"
#include "stakemap/table.h"

/* Largest `digits` accepted by the writers: 17 significant digits always
 * read back exactly, so more would only print noise. */
#define SM_TABLE_MAX_DIGITS 17
/* Significant digits of the aligned text writer when `digits` is 0. */
#define SM_TABLE_TEXT_DIGITS 6
/* Room for any formatted cell that is not a string ("%.17g" of a double,
 * an int64, "true"/"false"). */
#define SM_CELL_BUF 48

typedef struct sm_column {
	char *name;
	sm_column_type type;
	union {
		void *any;
		double *d;
		int64_t *i;
		char **s;
		bool *b;
	} v;
} sm_column;

typedef struct sm_note {
	char *key;
	char *value;
} sm_note;

struct sm_table {
	size_t rows;
	size_t ncols;
	size_t cap;
	sm_column *cols;
	sm_note *notes;
	size_t nnotes, notes_cap;
};

/* ---- helpers ------------------------------------------------------------ */

static bool type_valid(sm_column_type type)
{
	return type == SM_COLUMN_DOUBLE || type == SM_COLUMN_INT64 || type == SM_COLUMN_STRING ||
	       type == SM_COLUMN_BOOL;
}

static size_t type_size(sm_column_type type)
{
	switch (type) {
	case SM_COLUMN_INT64:
		return sizeof(int64_t);
	case SM_COLUMN_STRING:
		return sizeof(char *);
	case SM_COLUMN_BOOL:
		return sizeof(bool);
	case SM_COLUMN_DOUBLE:
	default:
		return sizeof(double);
	}
}

static const char *type_name(sm_column_type type)
{
	switch (type) {
	case SM_COLUMN_DOUBLE:
		return "double";
	case SM_COLUMN_INT64:
		return "int64";
	case SM_COLUMN_STRING:
		return "string";
	case SM_COLUMN_BOOL:
		return "bool";
	}
	return "unknown";
}

static sm_column *find_col(const sm_table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c].name, name) == 0)
			return &t->cols[c];
	return NULL;
}

static int fail_no_column(const char *name)
{
	char q[64];
	return sm_fail(SM_ENOTFOUND, "no column %s in the table", sm_quote(q, name));
}

/* Validate a (column, row) address and the column's type for a cell access. */
static int check_cell(const sm_table *t, size_t col, size_t row, sm_column_type type)
{
	if (!t)
		return sm_fail(SM_EINVAL, "table is NULL");
	if (col >= t->ncols)
		return sm_fail(SM_EINVAL, "column %zu is out of range (the table has %zu columns)",
		               col, t->ncols);
	if (row >= t->rows)
		return sm_fail(SM_EINVAL, "row %zu is out of range (the table has %zu rows)", row,
		               t->rows);
	if (t->cols[col].type != type) {
		char q[64];
		return sm_fail(SM_EINVAL, "column %s holds %s values, not %s",
		               sm_quote(q, t->cols[col].name), type_name(t->cols[col].type),
		               type_name(type));
	}
	return SM_OK;
}

/* ---- life cycle --------------------------------------------------------- */

int sm_table_new(sm_table **out, size_t rows)
{
	if (!out)
		return sm_fail(SM_EINVAL, "sm_table_new: out is NULL");
	sm_table *t = sm_calloc(1, sizeof(*t));
	if (!t)
		return sm_fail_nomem();
	t->rows = rows;
	*out = t;
	return SM_OK;
}

static void column_dispose(sm_column *c, size_t rows)
{
	if (c->type == SM_COLUMN_STRING && c->v.s)
		for (size_t r = 0; r < rows; r++)
			sm_free(c->v.s[r]);
	sm_free(c->v.any);
	sm_free(c->name);
}

void sm_table_free(sm_table *t)
{
	if (!t)
		return;
	for (size_t c = 0; c < t->ncols; c++)
		column_dispose(&t->cols[c], t->rows);
	sm_free(t->cols);
	for (size_t i = 0; i < t->nnotes; i++) {
		sm_free(t->notes[i].key);
		sm_free(t->notes[i].value);
	}
	sm_free(t->notes);
	sm_free(t);
}

/* ---- notes -------------------------------------------------------------- */

int sm_table_set_note(sm_table *t, const char *key, const char *value)
{
	if (!t || !key || !*key || !value)
		return sm_fail(SM_EINVAL, "table note needs a table, a non-empty key and a value");
	if (!sm_utf8_valid(key, strlen(key), NULL) || !sm_utf8_valid(value, strlen(value), NULL))
		return sm_fail(SM_EINVAL, "table note is not valid UTF-8");
	char *copy = sm_strdup(value);
	if (!copy)
		return sm_fail_nomem();
	for (size_t i = 0; i < t->nnotes; i++) {
		if (strcmp(t->notes[i].key, key) == 0) {
			sm_free(t->notes[i].value);
			t->notes[i].value = copy;
			return SM_OK;
		}
	}
	char *k = sm_strdup(key);
	int rc = k ? SM_GROW(t->notes, t->notes_cap, t->nnotes + 1) : sm_fail_nomem();
	if (rc) {
		sm_free(k);
		sm_free(copy);
		return rc;
	}
	t->notes[t->nnotes].key = k;
	t->notes[t->nnotes++].value = copy;
	return SM_OK;
}

const char *sm_table_note(const sm_table *t, const char *key)
{
	for (size_t i = 0; t && key && i < t->nnotes; i++)
		if (strcmp(t->notes[i].key, key) == 0)
			return t->notes[i].value;
	return NULL;
}

size_t sm_table_note_count(const sm_table *t)
{
	return t ? t->nnotes : 0;
}

const char *sm_table_note_key(const sm_table *t, size_t i)
{
	return t && i < t->nnotes ? t->notes[i].key : NULL;
}

size_t sm_table_rows(const sm_table *t)
{
	return t ? t->rows : 0;
}

size_t sm_table_columns(const sm_table *t)
{
	return t ? t->ncols : 0;
}

/* ---- columns ------------------------------------------------------------ */

int sm_table_add_column(size_t *index, sm_table *t, const char *name, sm_column_type type)
{
	char q[64];

	if (!t)
		return sm_fail(SM_EINVAL, "table is NULL");
	if (!name)
		return sm_fail(SM_EINVAL, "column name is NULL");
	if (!*name)
		return sm_fail(SM_EINVAL, "column name is empty");
	if (!sm_utf8_valid(name, strlen(name), NULL))
		return sm_fail(SM_EINVAL, "column name %s is not valid UTF-8", sm_quote(q, name));
	if (!type_valid(type))
		return sm_fail(SM_EINVAL, "column %s: unknown column type %d", sm_quote(q, name),
		               (int)type);
	if (find_col(t, name))
		return sm_fail(SM_EDUPLICATE, "column %s already exists", sm_quote(q, name));

	/* Growing the column list alone leaves the table as it was. */
	if (SM_GROW(t->cols, t->cap, t->ncols + 1) != SM_OK)
		return SM_ENOMEM;
	/* At least one element, so an empty column is a valid non-NULL array. */
	void *data = sm_calloc(t->rows ? t->rows : 1, type_size(type));
	char *copy = sm_strdup(name);
	if (!data || !copy) {
		sm_free(data);
		sm_free(copy);
		return sm_fail_nomem();
	}
	sm_column *c = &t->cols[t->ncols];
	c->name = copy;
	c->type = type;
	c->v.any = data;
	if (index)
		*index = t->ncols;
	t->ncols++;
	return SM_OK;
}

const char *sm_table_column_name(const sm_table *t, size_t c)
{
	if (!t || c >= t->ncols)
		return NULL;
	return t->cols[c].name;
}

sm_column_type sm_table_column_type(const sm_table *t, size_t c)
{
	if (!t || c >= t->ncols)
		return SM_COLUMN_DOUBLE;
	return t->cols[c].type;
}

int sm_table_find_column(size_t *index, const sm_table *t, const char *name)
{
	if (!t)
		return sm_fail(SM_EINVAL, "table is NULL");
	if (!name)
		return sm_fail(SM_EINVAL, "column name is NULL");
	const sm_column *c = find_col(t, name);
	if (!c)
		return fail_no_column(name);
	if (index)
		*index = (size_t)(c - t->cols);
	return SM_OK;
}

/* The column `name` if it exists and holds `type`; NULL with the last error set otherwise. */
static const sm_column *column_of(const sm_table *t, const char *name, sm_column_type type,
                                  size_t *n)
{
	if (!t) {
		sm_fail(SM_EINVAL, "table is NULL");
		return NULL;
	}
	if (!name) {
		sm_fail(SM_EINVAL, "column name is NULL");
		return NULL;
	}
	const sm_column *c = find_col(t, name);
	if (!c) {
		fail_no_column(name);
		return NULL;
	}
	if (c->type != type) {
		char q[64];
		sm_fail(SM_EINVAL, "column %s holds %s values, not %s", sm_quote(q, name),
		        type_name(c->type), type_name(type));
		return NULL;
	}
	if (n)
		*n = t->rows;
	return c;
}

const double *sm_table_column_double(const sm_table *t, const char *name, size_t *n)
{
	const sm_column *c = column_of(t, name, SM_COLUMN_DOUBLE, n);
	return c ? c->v.d : NULL;
}

const int64_t *sm_table_column_int64(const sm_table *t, const char *name, size_t *n)
{
	const sm_column *c = column_of(t, name, SM_COLUMN_INT64, n);
	return c ? c->v.i : NULL;
}

const char *const *sm_table_column_string(const sm_table *t, const char *name, size_t *n)
{
	const sm_column *c = column_of(t, name, SM_COLUMN_STRING, n);
	return c ? (const char *const *)c->v.s : NULL;
}

const bool *sm_table_column_bool(const sm_table *t, const char *name, size_t *n)
{
	const sm_column *c = column_of(t, name, SM_COLUMN_BOOL, n);
	return c ? c->v.b : NULL;
}

/* ---- cells -------------------------------------------------------------- */

int sm_table_set_double(sm_table *t, size_t col, size_t row, double v)
{
	int rc = check_cell(t, col, row, SM_COLUMN_DOUBLE);
	if (rc != SM_OK)
		return rc;
	t->cols[col].v.d[row] = v;
	return SM_OK;
}

int sm_table_set_int64(sm_table *t, size_t col, size_t row, int64_t v)
{
	int rc = check_cell(t, col, row, SM_COLUMN_INT64);
	if (rc != SM_OK)
		return rc;
	t->cols[col].v.i[row] = v;
	return SM_OK;
}

int sm_table_set_string(sm_table *t, size_t col, size_t row, const char *v)
{
	int rc = check_cell(t, col, row, SM_COLUMN_STRING);
	if (rc != SM_OK)
		return rc;
	char *copy = NULL;
	if (v) {
		size_t bad;
		if (!sm_utf8_valid(v, strlen(v), &bad)) {
			char q[64];
			return sm_fail(SM_EINVAL,
			               "column %s, row %zu: value is not valid UTF-8 (byte %zu)",
			               sm_quote(q, t->cols[col].name), row, bad);
		}
		copy = sm_strdup(v);
		if (!copy)
			return sm_fail_nomem();
	}
	sm_free(t->cols[col].v.s[row]);
	t->cols[col].v.s[row] = copy;
	return SM_OK;
}

int sm_table_set_bool(sm_table *t, size_t col, size_t row, bool v)
{
	int rc = check_cell(t, col, row, SM_COLUMN_BOOL);
	if (rc != SM_OK)
		return rc;
	t->cols[col].v.b[row] = v;
	return SM_OK;
}

int sm_table_get_double(double *out, const sm_table *t, size_t col, size_t row)
{
	if (!out)
		return sm_fail(SM_EINVAL, "sm_table_get_double: out is NULL");
	int rc = check_cell(t, col, row, SM_COLUMN_DOUBLE);
	if (rc != SM_OK)
		return rc;
	*out = t->cols[col].v.d[row];
	return SM_OK;
}

int sm_table_get_int64(int64_t *out, const sm_table *t, size_t col, size_t row)
{
	if (!out)
		return sm_fail(SM_EINVAL, "sm_table_get_int64: out is NULL");
	int rc = check_cell(t, col, row, SM_COLUMN_INT64);
	if (rc != SM_OK)
		return rc;
	*out = t->cols[col].v.i[row];
	return SM_OK;
}

int sm_table_get_string(const char **out, const sm_table *t, size_t col, size_t row)
{
	if (!out)
		return sm_fail(SM_EINVAL, "sm_table_get_string: out is NULL");
	int rc = check_cell(t, col, row, SM_COLUMN_STRING);
	if (rc != SM_OK)
		return rc;
	*out = t->cols[col].v.s[row];
	return SM_OK;
}

int sm_table_get_bool(bool *out, const sm_table *t, size_t col, size_t row)
{
	if (!out)
		return sm_fail(SM_EINVAL, "sm_table_get_bool: out is NULL");
	int rc = check_cell(t, col, row, SM_COLUMN_BOOL);
	if (rc != SM_OK)
		return rc;
	*out = t->cols[col].v.b[row];
	return SM_OK;
}

/* ---- sort and truncate -------------------------------------------------- */

/* Order of rows a and b by column c: < 0 when a goes first, > 0 when b goes
 * first, 0 for a tie. Missing values (NaN, NULL) go last in either direction. */
static int compare_rows(const sm_column *c, bool descending, size_t a, size_t b)
{
	int r = 0;
	switch (c->type) {
	case SM_COLUMN_DOUBLE: {
		double x = c->v.d[a], y = c->v.d[b];
		bool mx = isnan(x), my = isnan(y);
		if (mx || my)
			return (int)mx - (int)my;
		r = (x > y) - (x < y);
		break;
	}
	case SM_COLUMN_INT64: {
		int64_t x = c->v.i[a], y = c->v.i[b];
		r = (x > y) - (x < y);
		break;
	}
	case SM_COLUMN_STRING: {
		const char *x = c->v.s[a], *y = c->v.s[b];
		if (!x || !y)
			return (int)!x - (int)!y;
		r = strcmp(x, y); /* compares as unsigned char: bytewise */
		break;
	}
	case SM_COLUMN_BOOL:
		r = (int)c->v.b[a] - (int)c->v.b[b];
		break;
	}
	return descending ? -r : r;
}

/* Stable bottom-up merge sort of the row permutation `perm` (n entries)
 * using `tmp` (n entries). Returns the buffer that holds the result. */
static size_t *merge_sort(size_t *perm, size_t *tmp, size_t n, const sm_column *c,
                          bool descending)
{
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = mid + width < n ? mid + width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				/* Take from the right run only when strictly smaller: stable. */
				if (compare_rows(c, descending, perm[j], perm[i]) < 0)
					tmp[k++] = perm[j++];
				else
					tmp[k++] = perm[i++];
			}
			while (i < mid)
				tmp[k++] = perm[i++];
			while (j < hi)
				tmp[k++] = perm[j++];
		}
		size_t *swap = perm;
		perm = tmp;
		tmp = swap;
	}
	return perm;
}

/* Reorder one column in place so that new[i] = old[perm[i]], following the
 * permutation's cycles. `done` has n entries and is cleared here. */
static void permute_column(sm_column *c, const size_t *perm, bool *done, size_t n)
{
	size_t size = type_size(c->type);
	unsigned char *base = c->v.any;
	unsigned char save[sizeof(double) > sizeof(char *) ? sizeof(double) : sizeof(char *)];

	memset(done, 0, n * sizeof(*done));
	for (size_t i = 0; i < n; i++) {
		if (done[i] || perm[i] == i)
			continue;
		memcpy(save, base + i * size, size);
		size_t j = i;
		for (;;) {
			done[j] = true;
			size_t k = perm[j];
			if (k == i) {
				memcpy(base + j * size, save, size);
				break;
			}
			memcpy(base + j * size, base + k * size, size);
			j = k;
		}
	}
}

int sm_table_sort(sm_table *t, const char *column, bool descending)
{
	if (!t)
		return sm_fail(SM_EINVAL, "table is NULL");
	if (!column)
		return sm_fail(SM_EINVAL, "sort column name is NULL");
	const sm_column *key = find_col(t, column);
	if (!key)
		return fail_no_column(column);
	size_t n = t->rows;
	if (n < 2)
		return SM_OK;

	/* Every allocation comes before the first change, so a failure leaves
	 * the table as it was. */
	size_t *perm = sm_reallocarray(NULL, n, 2 * sizeof(size_t));
	bool *done = sm_calloc(n, sizeof(bool));
	if (!perm || !done) {
		sm_free(perm);
		sm_free(done);
		return sm_fail_nomem();
	}
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	const size_t *order = merge_sort(perm, perm + n, n, key, descending);
	for (size_t c = 0; c < t->ncols; c++)
		permute_column(&t->cols[c], order, done, n);
	sm_free(perm);
	sm_free(done);
	return SM_OK;
}

void sm_table_truncate(sm_table *t, size_t n)
{
	if (!t || n >= t->rows)
		return;
	for (size_t c = 0; c < t->ncols; c++) {
		sm_column *col = &t->cols[c];
		if (col->type != SM_COLUMN_STRING)
			continue;
		for (size_t r = n; r < t->rows; r++) {
			sm_free(col->v.s[r]);
			col->v.s[r] = NULL;
		}
	}
	t->rows = n;
}

/* ---- writers ------------------------------------------------------------ */

/* snprintf follows LC_NUMERIC; the writers always use '.'. */
static void use_c_decimal_point(char *buf)
{
	const char *dp = localeconv()->decimal_point;
	if (!dp || !*dp || strcmp(dp, ".") == 0)
		return;
	char *p = strstr(buf, dp);
	if (!p)
		return;
	size_t len = strlen(dp);
	*p = '.';
	memmove(p + 1, p + len, strlen(p + len) + 1);
}

/* Format a finite or infinite double (not NaN) with `digits` significant
 * digits, or as the shortest text that reads back exactly when digits is 0. */
static void format_double(char buf[SM_CELL_BUF], double v, int digits)
{
	if (isinf(v)) {
		strcpy(buf, v > 0 ? "inf" : "-inf");
		return;
	}
	if (digits == 0) {
		char tmp[32];
		sm_format_double(tmp, v);
		snprintf(buf, SM_CELL_BUF, "%s", tmp);
	} else {
		snprintf(buf, SM_CELL_BUF, "%.*g", digits, v);
	}
	use_c_decimal_point(buf);
}

/* The text of a non-string cell, or NULL when it is missing (NaN). */
static const char *format_scalar(char buf[SM_CELL_BUF], const sm_column *c, size_t row,
                                 int digits)
{
	switch (c->type) {
	case SM_COLUMN_DOUBLE:
		if (isnan(c->v.d[row]))
			return NULL;
		format_double(buf, c->v.d[row], digits);
		return buf;
	case SM_COLUMN_INT64:
		snprintf(buf, SM_CELL_BUF, "%" PRId64, c->v.i[row]);
		return buf;
	case SM_COLUMN_BOOL:
		return c->v.b[row] ? "true" : "false";
	case SM_COLUMN_STRING:
		break;
	}
	return c->v.s[row];
}

static void write_csv(const sm_table *t, FILE *f, int digits)
{
	char buf[SM_CELL_BUF];

	if (t->ncols == 0)
		return;
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', f);
		sm_csv_write_cell(f, t->cols[c].name, true);
	}
	fputc('\n', f);
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const sm_column *col = &t->cols[c];
			if (c)
				fputc(',', f);
			if (col->type == SM_COLUMN_STRING) {
				if (col->v.s[r])
					sm_csv_write_cell(f, col->v.s[r], true);
				continue;
			}
			const char *text = format_scalar(buf, col, r, digits);
			if (text)
				fputs(text, f);
		}
		fputc('\n', f);
	}
}

static void write_json(const sm_table *t, FILE *f, int digits)
{
	char buf[SM_CELL_BUF];

	if (t->rows == 0) {
		fputs("[]\n", f);
		return;
	}
	fputs("[\n", f);
	for (size_t r = 0; r < t->rows; r++) {
		fputs("  {", f);
		for (size_t c = 0; c < t->ncols; c++) {
			const sm_column *col = &t->cols[c];
			if (c)
				fputs(", ", f);
			sm_json_write_string(f, col->name);
			fputs(": ", f);
			if (col->type == SM_COLUMN_STRING) {
				if (col->v.s[r])
					sm_json_write_string(f, col->v.s[r]);
				else
					fputs("null", f);
				continue;
			}
			/* JSON has no NaN or infinity: both are written as null. */
			if (col->type == SM_COLUMN_DOUBLE && !isfinite(col->v.d[r])) {
				fputs("null", f);
				continue;
			}
			fputs(format_scalar(buf, col, r, digits), f);
		}
		fputs(r + 1 < t->rows ? "},\n" : "}\n", f);
	}
	fputs("]\n", f);
}

/* Whether the bytes at s start a control character: C0, DEL, or a C1
 * control (U+0080..U+009F, encoded C2 80..C2 9F). Returns its length or 0. */
static size_t control_length(const unsigned char *s)
{
	if (*s < 0x20 || *s == 0x7f)
		return 1;
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	return 0;
}

/* Display width of a (valid UTF-8) string in code points; each control
 * character counts one, as it is shown as '?'. */
static size_t text_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			w++;
	return w;
}

/* Write s with every control character replaced by '?'. */
static void put_sanitised(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = control_length(p);
		if (n) {
			fputc('?', f);
			p += n;
		} else {
			fputc(*p, f);
			p++;
		}
	}
}

static void put_spaces(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

static bool right_aligned(const sm_column *c)
{
	return c->type == SM_COLUMN_DOUBLE || c->type == SM_COLUMN_INT64;
}

static void put_text_cell(FILE *f, const sm_column *c, const char *text, size_t width,
                          bool last)
{
	size_t w = text_width(text);
	size_t pad = width > w ? width - w : 0;
	if (right_aligned(c)) {
		put_spaces(f, pad);
		put_sanitised(f, text);
	} else {
		put_sanitised(f, text);
		if (!last) /* no trailing blanks at the end of a line */
			put_spaces(f, pad);
	}
}

static int write_text(const sm_table *t, FILE *f, int digits)
{
	char buf[SM_CELL_BUF];

	if (t->ncols == 0)
		return SM_OK;
	if (digits == 0)
		digits = SM_TABLE_TEXT_DIGITS;
	size_t *width = sm_calloc(t->ncols, sizeof(*width));
	if (!width)
		return sm_fail_nomem();
	for (size_t c = 0; c < t->ncols; c++) {
		const sm_column *col = &t->cols[c];
		width[c] = text_width(col->name);
		for (size_t r = 0; r < t->rows; r++) {
			const char *text = format_scalar(buf, col, r, digits);
			size_t w = text ? text_width(text) : 0;
			if (w > width[c])
				width[c] = w;
		}
	}

	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputs("  ", f);
		put_text_cell(f, &t->cols[c], t->cols[c].name, width[c], c + 1 == t->ncols);
	}
	fputc('\n', f);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputs("  ", f);
		for (size_t i = 0; i < width[c]; i++)
			fputc('-', f);
	}
	fputc('\n', f);
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const sm_column *col = &t->cols[c];
			const char *text = format_scalar(buf, col, r, digits);
			if (c)
				fputs("  ", f);
			put_text_cell(f, col, text ? text : "", width[c], c + 1 == t->ncols);
		}
		fputc('\n', f);
	}
	sm_free(width);
	return SM_OK;
}

static int check_write_args(const sm_table *t, sm_table_format format, int digits)
{
	if (!t)
		return sm_fail(SM_EINVAL, "table is NULL");
	if (format != SM_TABLE_CSV && format != SM_TABLE_JSON && format != SM_TABLE_TEXT)
		return sm_fail(SM_EINVAL, "unknown table format %d", (int)format);
	if (digits < 0 || digits > SM_TABLE_MAX_DIGITS)
		return sm_fail(SM_EINVAL, "digits %d is outside 0..%d", digits,
		               SM_TABLE_MAX_DIGITS);
	return SM_OK;
}

static int write_any(const sm_table *t, FILE *stream, sm_table_format format, int digits)
{
	int rc = SM_OK;
	switch (format) {
	case SM_TABLE_CSV:
		write_csv(t, stream, digits);
		break;
	case SM_TABLE_JSON:
		write_json(t, stream, digits);
		break;
	case SM_TABLE_TEXT:
		rc = write_text(t, stream, digits);
		break;
	}
	if (rc != SM_OK)
		return rc;
	/* Every write above sets the stream's error flag on failure; check it
	 * once, after pushing the buffer out so a full disk is seen here. */
	errno = 0;
	if (fflush(stream) != 0 || ferror(stream)) {
		int err = errno ? errno : EIO;
		return sm_fail(SM_EIO, "cannot write the table: %s", strerror(err));
	}
	return SM_OK;
}

int sm_table_write_stream(const sm_table *t, FILE *stream, sm_table_format format, int digits)
{
	int rc = check_write_args(t, format, digits);
	if (rc != SM_OK)
		return rc;
	if (!stream)
		return sm_fail(SM_EINVAL, "stream is NULL");
	return write_any(t, stream, format, digits);
}

int sm_table_write_file(const sm_table *t, const char *path, sm_table_format format, int digits)
{
	int rc = check_write_args(t, format, digits);
	if (rc != SM_OK)
		return rc;
	if (!path || !*path)
		return sm_fail(SM_EINVAL, "output path is %s", path ? "empty" : "NULL");

	sm_atomic_file f;
	rc = sm_atomic_open(&f, path);
	if (rc != SM_OK)
		return rc;
	rc = write_any(t, f.stream, format, digits);
	if (rc != SM_OK) {
		if (rc == SM_EIO)
			sm_error_prefix(path);
		sm_atomic_abort(&f);
		return rc;
	}
	return sm_atomic_commit(&f);
}
