/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The native JSON format (docs/formats/json.md), read with jansson and
 * written directly.
 *
 * Reading happens in four steps over the whole input held in memory:
 *   1. UTF-8 check of the raw bytes (a clear message at the bad byte);
 *   2. a lightweight scan of the raw text that enforces SM_MAX_JSON_DEPTH
 *      (jansson's own limit is 2048 and it recurses) and records the line of
 *      every top-level key and of every element of the top-level "actors"
 *      and "relationships" arrays — jansson's DOM has no positions, and value
 *      errors must say where they are;
 *   3. json_loadb() with JSON_REJECT_DUPLICATES, its errors mapped to
 *      SM_EPARSE at the line and byte column where jansson stopped;
 *   4. a walk of the DOM that checks every key and value and builds the
 *      network through the model API.
 *
 * Writing is deterministic: fixed key order, two-space indentation, actors
 * then relationships in index order, attributes in declared order, numbers
 * in the shortest form that reads back to the same double.
 */
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/atomic_file.h"
#include "core/core.h"
#include "core/hashmap.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

/* The version of the format this file reads and writes. */
#define SM_JSON_FORMAT_VERSION 1

/* ---- jansson's memory --------------------------------------------------- */

/*
 * jansson allocates through two process-global pointers (json_set_alloc_funcs),
 * so routing its memory through sm_malloc — where the allocation-failure tests
 * can reach it — is a process-wide change. It is made once (pthread_once, from
 * a constructor when the compiler has them, so before the application starts
 * threads, and again at the first read as a fallback) and only while the
 * pointers are still jansson's defaults: an application that installed its own
 * allocator keeps it. Ours are malloc and free underneath, so a value
 * allocated before the switch may be freed after it and the reverse.
 *
 * jansson 2.14 does not always report running out of memory: json_loadb() can
 * fail with an unrelated message ("invalid token"), and a failed growth of its
 * token buffer silently drops bytes of the token. So the allocator records a
 * failure in a thread-local flag, and a read that saw one is SM_ENOMEM
 * whatever jansson returned.
 */
static _Thread_local bool jansson_failed;
static pthread_once_t jansson_once = PTHREAD_ONCE_INIT;

static void *jansson_malloc(size_t size)
{
	void *p = sm_malloc(size);
	if (p == NULL)
		jansson_failed = true;
	return p;
}

static void jansson_free(void *ptr)
{
	sm_free(ptr);
}

static void jansson_install(void)
{
	json_malloc_t m = NULL;
	json_free_t f = NULL;
	json_get_alloc_funcs(&m, &f);
	if (m == malloc && f == free)
		json_set_alloc_funcs(jansson_malloc, jansson_free);
}

#if defined(__GNUC__)
__attribute__((constructor)) static void jansson_install_early(void)
{
	pthread_once(&jansson_once, jansson_install);
}
#endif

/* ---- step 1: bytes in memory ------------------------------------------ */

/* The whole input: a view of a buffer source, or the file read into memory. */
typedef struct json_input {
	const char *data;
	size_t size;
	char *owned; /* non-NULL when data was read from a file */
} json_input;

/* Whether a JSON text can begin with the character at text[0..n) (n > 0).
 * A byte that cannot start a character (invalid UTF-8) counts as one that
 * can, so that the UTF-8 check reports it. */
static bool can_start_json(const char *text, size_t n)
{
	unsigned char c = (unsigned char)text[0];
	if (c < 0x80)
		return c != '\0' && strchr("{[\"-0123456789tfn", c) != NULL;
	size_t bad = 0;
	return !sm_utf8_valid(text, n < 4 ? n : 4, &bad) && bad == 0;
}

/* Offset of the first byte that is not JSON white space. */
static size_t first_token(const char *text, size_t size)
{
	size_t i = 0;
	while (i < size && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	return i;
}

/*
 * While a file is read: whether buf[0..len) already holds one of the errors
 * the reader reports first (check_bytes() below) — a first character that
 * cannot start JSON, a NUL byte, or malformed UTF-8 followed by at least 4
 * more bytes (so it is not a sequence cut by the read). The error is decided
 * by these bytes alone, so stopping here gives the message reading the whole
 * file would give, in memory bounded by the read size. *checked: bytes
 * already known to be valid UTF-8.
 */
static bool input_is_garbage(const char *buf, size_t len, size_t *checked)
{
	size_t bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	size_t first = bom + first_token(buf + bom, len - bom);
	if (first < len && len - first >= 4 && !can_start_json(buf + first, len - first))
		return true;
	if (memchr(buf + *checked, '\0', len - *checked) != NULL)
		return true;
	size_t bad = 0;
	if (sm_utf8_valid(buf + *checked, len - *checked, &bad)) {
		*checked = len;
		return false;
	}
	if (len - (*checked + bad) >= 4)
		return true;
	*checked += bad;
	return false;
}

static int input_load(json_input *in, sm_source *src)
{
	memset(in, 0, sizeof(*in));
	if (src->file == NULL) {
		size_t size = 0;
		const char *view = sm_source_view(src, &size);
		if (view == NULL && size > 0)
			return sm_fail(SM_EINTERNAL, "%s: buffer source without data", src->name);
		if (src->max_bytes > 0 && (uint64_t)size > (uint64_t)src->max_bytes)
			return sm_fail(SM_ELIMIT, "%s: %zu bytes exceeds the limit of %" PRId64 " bytes",
			               src->name, size, src->max_bytes);
		in->data = view ? view : "";
		in->size = size;
		return SM_OK;
	}

	char *buf = NULL;
	size_t len = 0, cap = 0, checked = 0;
	for (;;) {
		if (cap - len < 4096) {
			size_t want = cap < 65536 ? 65536 : cap * 2;
			if (want < cap || SM_GROW(buf, cap, want) != SM_OK) {
				sm_free(buf);
				return sm_fail_nomem();
			}
		}
		int64_t got = sm_source_read(src, buf + len, cap - len);
		if (got < 0) {
			sm_free(buf);
			return (int)got;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		/* Garbage is not read whole: what is in memory already decides the error. */
		if (input_is_garbage(buf, len, &checked))
			break;
	}
	in->owned = buf;
	in->data = buf ? buf : "";
	in->size = len;
	return SM_OK;
}

static void input_dispose(json_input *in)
{
	sm_free(in->owned);
	memset(in, 0, sizeof(*in));
}

/* 1-based line and byte column of offset `pos` in text[0..size). */
static void locate_offset(const char *text, size_t size, size_t pos, int64_t *line,
                          int64_t *column)
{
	int64_t l = 1;
	size_t start = 0;
	if (pos > size)
		pos = size;
	for (size_t i = 0; i < pos; i++) {
		if (text[i] == '\n') {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*column = (int64_t)(pos - start) + 1;
}

/* ---- step 2: the scan -------------------------------------------------- */

/* A top-level key as written (raw bytes between the quotes) and its line. */
typedef struct scan_key {
	const char *raw;
	size_t len;
	int64_t line;
} scan_key;

typedef struct json_scan {
	int64_t top_line; /* line of the top-level '{' (0 if none) */
	scan_key *keys;
	size_t key_count, key_cap;
	int64_t *lines[2]; /* element lines of "actors" (0) and "relationships" (1) */
	size_t count[2], cap[2];
} json_scan;

static void scan_dispose(json_scan *s)
{
	sm_free(s->keys);
	sm_free(s->lines[0]);
	sm_free(s->lines[1]);
	memset(s, 0, sizeof(*s));
}

static int scan_push_line(json_scan *s, int which, int64_t line)
{
	if (SM_GROW(s->lines[which], s->cap[which], s->count[which] + 1) != SM_OK)
		return SM_ENOMEM;
	s->lines[which][s->count[which]++] = line;
	return SM_OK;
}

/* Whether the raw text of a key (between its quotes) spells `key`. Keys
 * with escapes ("act\u006frs") are decoded first. */
static bool raw_key_is(const char *raw, size_t len, const char *key)
{
	if (memchr(raw, '\\', len) == NULL)
		return strlen(key) == len && memcmp(raw, key, len) == 0;
	json_t *decoded = json_loadb(raw - 1, len + 2, JSON_DECODE_ANY, NULL);
	bool same = json_is_string(decoded) && strcmp(json_string_value(decoded), key) == 0;
	json_decref(decoded);
	return same;
}

/*
 * One pass over the raw text, tracking strings (with escapes), nesting depth
 * and lines. It validates nothing but the depth: jansson does the rest.
 */
static int scan_text(json_scan *s, const char *text, size_t size, const char *name,
                     int64_t col_shift)
{
	int depth = 0;
	int64_t line = 1;
	size_t line_start = 0;
	bool expect_key = false;   /* depth 1: the next string is a key */
	int cur_key = -1;          /* depth 1: 0 actors, 1 relationships, 2 other, -1 none */
	int target = -1;           /* depth 2: the array whose elements are recorded */
	bool expect_value = false; /* depth 2 in target: the next token starts an element */

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < size; i++) {
		char c = text[i];
		bool starts_value = false;

		switch (c) {
		case '\n':
			line++;
			line_start = i + 1;
			continue;
		case ' ':
		case '\t':
		case '\r':
		case ':':
			continue;
		case '"': {
			size_t start = i + 1;
			int64_t str_line = line;
			for (i = start; i < size && text[i] != '"'; i++) {
				if (text[i] == '\\' && i + 1 < size) {
					i++;
				}
				if (text[i] == '\n') { /* invalid JSON; jansson will say so */
					line++;
					line_start = i + 1;
				}
			}
			if (i >= size)
				break; /* unterminated: jansson reports it */
			if (depth == 1 && expect_key) {
				size_t len = i - start;
				expect_key = false;
				if (SM_GROW(s->keys, s->key_cap, s->key_count + 1) != SM_OK)
					return sm_fail_nomem();
				s->keys[s->key_count++] = (scan_key){ text + start, len, str_line };
				if (raw_key_is(text + start, len, "actors"))
					cur_key = 0;
				else if (raw_key_is(text + start, len, "relationships"))
					cur_key = 1;
				else
					cur_key = 2;
				continue;
			}
			if (depth == 2 && target >= 0 && expect_value) {
				expect_value = false;
				if (scan_push_line(s, target, str_line) != SM_OK)
					return sm_fail_nomem();
			}
			continue;
		}
		case '{':
		case '[':
			if (depth == 2 && target >= 0 && expect_value) {
				expect_value = false;
				if (scan_push_line(s, target, line) != SM_OK)
					return sm_fail_nomem();
			}
			depth++;
			if (depth > SM_MAX_JSON_DEPTH) {
				int64_t col = (int64_t)(i - line_start) + 1 + (line == 1 ? col_shift : 0);
				return sm_fail_at(SM_ELIMIT, name, line, col,
				                  "JSON nested deeper than %d levels", SM_MAX_JSON_DEPTH);
			}
			if (depth == 1 && c == '{') {
				s->top_line = line;
				expect_key = true;
			} else if (depth == 2 && c == '[' && (cur_key == 0 || cur_key == 1)) {
				target = cur_key;
				expect_value = true;
			}
			continue;
		case '}':
		case ']':
			if (depth == 2) {
				target = -1;
				expect_value = false;
			}
			if (depth > 0)
				depth--;
			continue;
		case ',':
			if (depth == 1) {
				expect_key = true;
				cur_key = -1;
			} else if (depth == 2 && target >= 0) {
				expect_value = true;
			}
			continue;
		default:
			starts_value = true;
			break;
		}
		if (starts_value && depth == 2 && target >= 0 && expect_value) {
			expect_value = false;
			if (scan_push_line(s, target, line) != SM_OK)
				return sm_fail_nomem();
		}
	}
	return SM_OK;
}

static int64_t scan_key_line(const json_scan *s, const char *key)
{
	for (size_t k = 0; k < s->key_count; k++)
		if (raw_key_is(s->keys[k].raw, s->keys[k].len, key))
			return s->keys[k].line;
	return s->top_line;
}

/* ---- step 3: jansson --------------------------------------------------- */

/* Copy jansson's message, escaping control characters. */
static void clean_text(char *dst, size_t cap, const char *src)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)src; *p && o + 5 < cap; p++) {
		if (*p < 0x20 || *p == 0x7f)
			o += (size_t)snprintf(dst + o, cap - o, "\\x%02X", *p);
		else
			dst[o++] = (char)*p;
	}
	dst[o] = '\0';
}

static int parse_error(const json_error_t *err, const char *name, const char *text, size_t size,
                       int64_t col_shift)
{
	enum json_error_code code = json_error_code(err);
	if (code == json_error_out_of_memory)
		return sm_fail_nomem();

	/* jansson's position is just past the last byte it read. When the message
	 * quotes the token ("... near 'xyz'") and the text before the position
	 * is that token, point at the token's first byte; otherwise at the last
	 * byte read. */
	size_t pos = err->position > 0 ? (size_t)err->position : 0;
	if (pos > size)
		pos = size;
	size_t at = pos > 0 ? pos - 1 : 0;
	const char *near = strstr(err->text, " near '");
	if (near != NULL) {
		const char *tok = near + 7;
		size_t len = strlen(tok);
		if (len >= 2 && tok[len - 1] == '\'') {
			len--;
			if (len > 0 && len <= pos && memcmp(text + pos - len, tok, len) == 0)
				at = pos - len;
		}
	}
	int64_t line, column;
	locate_offset(text, size, at, &line, &column);
	if (line == 1)
		column += col_shift;

	char msg[JSON_ERROR_TEXT_LENGTH * 4 + 1];
	clean_text(msg, sizeof(msg), err->text);
	if (code == json_error_null_character) { /* jansson names its flag: say it plainly */
		const char *tail = strstr(msg, " near '");
		return sm_fail_at(SM_EPARSE, name, line, column,
		                  "\\u0000 (NUL) is not allowed in strings%s", tail ? tail : "");
	}
	int rc = code == json_error_stack_overflow ? SM_ELIMIT : SM_EPARSE;
	return sm_fail_at(rc, name, line, column, "%s", msg);
}

/* ---- step 4: the walk -------------------------------------------------- */

typedef struct json_reader {
	const char *name; /* input name for messages */
	sm_network *net;
	sm_diag *diag;
	json_scan scan;
	sm_hashmap skipped; /* validate mode: ids of actors that were skipped */
} json_reader;

static const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "a value";
}

/* A short rendering of a value for messages: 1.7, "abc", true, an array. */
static const char *json_describe(char buf[64], const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return sm_quote(buf, json_string_value(v));
	case JSON_INTEGER:
	case JSON_REAL: {
		char num[32];
		sm_format_double(num, json_number_value(v));
		snprintf(buf, 64, "%s", num);
		return buf;
	}
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return json_type_name(v);
	}
}

static const char *const element_names[2] = { "actors", "relationships" };

static int64_t element_line(const json_reader *r, sm_element what, size_t i)
{
	const json_scan *s = &r->scan;
	return i < s->count[what] ? s->lines[what][i] : 0;
}

/* Fail for element `i`: "name:line: actors[i]: message". Returns the code. */
static int element_fail(const json_reader *r, int code, sm_element what, size_t i,
                        const char *fmt, ...) SM_PRINTF(5, 6);
static int element_fail(const json_reader *r, int code, sm_element what, size_t i,
                        const char *fmt, ...)
{
	char detail[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return sm_fail_at(code, r->name, element_line(r, what, i), 0, "%s[%zu]: %s",
	                  element_names[what], i, detail);
}

/* A model call on element `i` failed: put the element and location on its error. */
static int element_model_fail(const json_reader *r, int rc, sm_element what, size_t i)
{
	if (rc == SM_ENOMEM)
		return rc;
	char prefix[64];
	snprintf(prefix, sizeof(prefix), "%s[%zu]", element_names[what], i);
	sm_error_prefix(prefix);
	sm_error_locate(r->name, element_line(r, what, i), 0);
	return rc;
}

/* A value problem was raised: stop (load mode, out of memory) or record and go on. */
static int problem(json_reader *r, int rc)
{
	if (rc == SM_ENOMEM || rc == SM_EINTERNAL || r->diag == NULL)
		return rc;
	return sm_diag_problem(r->diag, rc);
}

/* Optional string member: absent or null → *out = NULL; else must be a string. */
static int get_opt_string(const json_reader *r, const json_t *obj, sm_element what, size_t i,
                          const char *key, const char **out)
{
	const json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return SM_OK;
	if (!json_is_string(v)) {
		char buf[64];
		return element_fail(r, SM_EINVAL, what, i, "\"%s\" must be a string, found %s", key,
		                    json_describe(buf, v));
	}
	*out = json_string_value(v);
	return SM_OK;
}

/* Required non-empty string member. */
static int get_req_string(const json_reader *r, const json_t *obj, sm_element what, size_t i,
                          const char *key, const char **out)
{
	const json_t *v = json_object_get(obj, key);
	if (v == NULL)
		return element_fail(r, SM_EINVAL, what, i, "missing \"%s\"", key);
	if (!json_is_string(v)) {
		char buf[64];
		return element_fail(r, SM_EINVAL, what, i, "\"%s\" must be a string, found %s", key,
		                    json_describe(buf, v));
	}
	if (json_string_length(v) == 0)
		return element_fail(r, SM_EINVAL, what, i, "empty \"%s\"", key);
	*out = json_string_value(v);
	return SM_OK;
}

/* Every key of `obj` must be one of `allowed` (NULL-terminated). */
static int check_keys(const json_reader *r, const json_t *obj, sm_element what, size_t i,
                      const char *const *allowed, const char *expected)
{
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)obj, key, value) {
		bool known = false;
		for (const char *const *a = allowed; *a && !known; a++)
			known = strcmp(*a, key) == 0;
		if (!known) {
			char buf[64];
			return element_fail(r, SM_EINVAL, what, i, "unknown key %s (expected %s)",
			                    sm_quote(buf, key), expected);
		}
	}
	return SM_OK;
}

static const char *value_type_name(sm_value_type t)
{
	switch (t) {
	case SM_VALUE_STRING:
		return "a string";
	case SM_VALUE_NUMBER:
		return "a number";
	case SM_VALUE_BOOL:
		return "a boolean";
	case SM_VALUE_NULL:
		break;
	}
	return "null";
}

static sm_value_type json_value_type(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return SM_VALUE_STRING;
	case JSON_INTEGER:
	case JSON_REAL:
		return SM_VALUE_NUMBER;
	case JSON_TRUE:
	case JSON_FALSE:
		return SM_VALUE_BOOL;
	default:
		return SM_VALUE_NULL;
	}
}

/* Check an "attributes" member before the element is added, so that a bad
 * attribute skips the whole element. *out is the object or NULL. */
static int check_attributes(const json_reader *r, const json_t *obj, sm_element what, size_t i,
                            const json_t **out)
{
	const json_t *attrs = json_object_get(obj, "attributes");
	*out = NULL;
	if (attrs == NULL || json_is_null(attrs))
		return SM_OK;
	if (!json_is_object(attrs)) {
		char buf[64];
		return element_fail(r, SM_EINVAL, what, i, "\"attributes\" must be an object, found %s",
		                    json_describe(buf, attrs));
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)attrs, key, v) {
		char qbuf[64];
		if (key[0] == '\0')
			return element_fail(r, SM_EINVAL, what, i, "empty attribute name");
		if (sm_attr_name_reserved(what, key, false))
			return element_fail(r, SM_EINVAL, what, i,
			                    "attribute name %s is reserved (write it as a key of "
			                    "the element, not under \"attributes\")",
			                    sm_quote(qbuf, key));
		if (json_is_array(v) || json_is_object(v))
			return element_fail(r, SM_EINVAL, what, i,
			                    "attribute %s is %s; attribute values must be strings, "
			                    "numbers, booleans or null",
			                    sm_quote(qbuf, key), json_type_name(v));
		sm_value_type t = json_value_type(v);
		const sm_attr_column *col = sm_network_attr_column(r->net, what, key);
		if (t != SM_VALUE_NULL && col != NULL && col->type != SM_VALUE_NULL && col->type != t)
			return element_fail(r, SM_EINVAL, what, i,
			                    "attribute %s is %s here but %s in earlier %s",
			                    sm_quote(qbuf, key), value_type_name(t),
			                    value_type_name(col->type), element_names[what]);
	}
	*out = attrs;
	return SM_OK;
}

/* Set the (checked) attributes of the new element `index`. */
static int set_attributes(const json_reader *r, const json_t *attrs, sm_element what, size_t i,
                          int64_t index)
{
	if (attrs == NULL)
		return SM_OK;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)attrs, key, v) {
		sm_value value;
		switch (json_typeof(v)) {
		case JSON_STRING:
			value = sm_value_string(json_string_value(v));
			break;
		case JSON_INTEGER:
		case JSON_REAL:
			value = sm_value_number(json_number_value(v));
			break;
		case JSON_TRUE:
			value = sm_value_bool(true);
			break;
		case JSON_FALSE:
			value = sm_value_bool(false);
			break;
		default:
			continue; /* null: unset, nothing to store */
		}
		int rc = sm_network_set_attr(r->net, what, index, key, &value);
		if (rc != SM_OK)
			return element_model_fail(r, rc, what, i);
	}
	return SM_OK;
}

static const char *const actor_keys[] = { "id", "label", "kind", "attributes", NULL };
static const char *const rel_keys[] = { "source", "target", "quality", "kind",
	                                    "since",  "until",  "attributes", NULL };

/* Read actors[i]. Returns SM_OK, or the code of the (unrecorded) problem. */
static int read_actor(json_reader *r, const json_t *a, size_t i)
{
	char buf[64];
	const char *id = NULL, *label = NULL, *kind = NULL;
	const json_t *attrs = NULL;
	int rc;

	if (!json_is_object(a))
		return element_fail(r, SM_EINVAL, SM_ACTOR, i, "expected an object, found %s",
		                    json_describe(buf, a));
	const json_t *idv = json_object_get(a, "id");
	if ((rc = check_keys(r, a, SM_ACTOR, i, actor_keys, "id, label, kind, attributes")) ||
	    (rc = get_req_string(r, a, SM_ACTOR, i, "id", &id)) ||
	    (rc = get_opt_string(r, a, SM_ACTOR, i, "label", &label)) ||
	    (rc = get_opt_string(r, a, SM_ACTOR, i, "kind", &kind)) ||
	    (rc = check_attributes(r, a, SM_ACTOR, i, &attrs)))
		goto skipped;

	int64_t index;
	rc = sm_network_add_actor(&index, r->net, id, label, kind);
	if (rc != SM_OK) {
		rc = element_model_fail(r, rc, SM_ACTOR, i);
		goto skipped;
	}
	return set_attributes(r, attrs, SM_ACTOR, i, index);

skipped:
	/* Remember the id of a skipped actor, so validate mode does not also
	 * report every relationship that names it as unknown. */
	if (r->diag != NULL && r->diag->collect && json_is_string(idv)) {
		if (sm_hashmap_put(&r->skipped, json_string_value(idv), 0, NULL) == SM_ENOMEM) {
			sm_fail_nomem();
			return SM_ENOMEM;
		}
	}
	return rc;
}

/* The actor named by relationships[i].<end>. *skip is set (rc SM_OK) when
 * the actor was itself skipped in validate mode. */
static int find_end(json_reader *r, const json_t *rel, size_t i, const char *end,
                    int64_t *index, bool *skip)
{
	const char *id = NULL;
	int rc = get_req_string(r, rel, SM_RELATIONSHIP, i, end, &id);
	if (rc != SM_OK)
		return rc;
	if (sm_network_find_actor(index, r->net, id) == SM_OK)
		return SM_OK;
	if (sm_hashmap_get(&r->skipped, id, NULL)) {
		*skip = true;
		return SM_OK;
	}
	char buf[64];
	return element_fail(r, SM_ENOTFOUND, SM_RELATIONSHIP, i, "unknown actor %s (%s)",
	                    sm_quote(buf, id), end);
}

static int check_date(const json_reader *r, size_t i, const char *key, const char *text,
                      int32_t *days)
{
	*days = SM_DATE_NONE;
	if (text == NULL || text[0] == '\0')
		return SM_OK;
	if (sm_date_parse(days, text) != SM_OK) {
		char buf[64];
		return element_fail(r, SM_EINVAL, SM_RELATIONSHIP, i,
		                    "%s %s is not a date (expected YYYY-MM-DD)", key,
		                    sm_quote(buf, text));
	}
	return SM_OK;
}

/* Read relationships[i]. */
static int read_relationship(json_reader *r, const json_t *rel, size_t i)
{
	char buf[64];
	const char *kind = NULL, *since = NULL, *until = NULL;
	const json_t *attrs = NULL;
	int64_t source = -1, target = -1;
	double quality = 1.0;
	bool skip = false;
	int rc;

	if (!json_is_object(rel))
		return element_fail(r, SM_EINVAL, SM_RELATIONSHIP, i, "expected an object, found %s",
		                    json_describe(buf, rel));
	if ((rc = check_keys(r, rel, SM_RELATIONSHIP, i, rel_keys,
	                     "source, target, quality, kind, since, until, attributes")) ||
	    (rc = find_end(r, rel, i, "source", &source, &skip)) ||
	    (rc = find_end(r, rel, i, "target", &target, &skip)))
		return rc;

	const json_t *q = json_object_get(rel, "quality");
	if (q != NULL) {
		if (json_is_string(q))
			return element_fail(r, SM_EINVAL, SM_RELATIONSHIP, i,
			                    "quality %s is not a number", json_describe(buf, q));
		if (!json_is_number(q))
			return element_fail(r, SM_EINVAL, SM_RELATIONSHIP, i,
			                    "quality must be a number in (0, 1], found %s",
			                    json_describe(buf, q));
		quality = json_number_value(q);
		if (!(quality > 0.0 && quality <= 1.0))
			return element_fail(r, SM_EINVAL, SM_RELATIONSHIP, i,
			                    "quality %s is outside (0, 1]", json_describe(buf, q));
	}

	int32_t d_since, d_until;
	if ((rc = get_opt_string(r, rel, SM_RELATIONSHIP, i, "kind", &kind)) ||
	    (rc = get_opt_string(r, rel, SM_RELATIONSHIP, i, "since", &since)) ||
	    (rc = get_opt_string(r, rel, SM_RELATIONSHIP, i, "until", &until)) ||
	    (rc = check_date(r, i, "since", since, &d_since)) ||
	    (rc = check_date(r, i, "until", until, &d_until)))
		return rc;
	if (d_since != SM_DATE_NONE && d_until != SM_DATE_NONE && d_until < d_since)
		return element_fail(r, SM_EINVAL, SM_RELATIONSHIP, i,
		                    "until %s is before since %s", until, since);
	if ((rc = check_attributes(r, rel, SM_RELATIONSHIP, i, &attrs)))
		return rc;
	if (skip)
		return SM_OK; /* an end was skipped and already reported */

	int64_t index;
	rc = sm_network_add_relationship_at(&index, r->net, source, target, quality, kind);
	if (rc != SM_OK)
		return element_model_fail(r, rc, SM_RELATIONSHIP, i);
	if (since != NULL || until != NULL) {
		rc = sm_network_set_period(r->net, index, since, until);
		if (rc != SM_OK)
			return element_model_fail(r, rc, SM_RELATIONSHIP, i);
	}
	return set_attributes(r, attrs, SM_RELATIONSHIP, i, index);
}

static const char *const top_keys[] = { "stakemap", "directed", "actors", "relationships",
	                                    "name", "description", NULL };

/* Fail at a top-level key (or the top-level object when the key is absent). */
static int top_fail(const json_reader *r, int code, const char *key, const char *fmt, ...)
	SM_PRINTF(4, 5);
static int top_fail(const json_reader *r, int code, const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	int64_t line = key ? scan_key_line(&r->scan, key) : r->scan.top_line;
	return sm_fail_at(code, r->name, line, 0, "%s", msg);
}

/* The document's shape: errors here end the read, in validate mode too. */
static int check_top(json_reader *r, const json_t *root, const sm_load_options *opts,
                     bool *directed, const json_t **actors, const json_t **rels)
{
	char buf[64];
	if (!json_is_object(root))
		return sm_fail_at(SM_EPARSE, r->name, 1, 0,
		                  "the top level is %s; a stakemap network is a JSON object",
		                  json_type_name(root));

	const json_t *version = json_object_get(root, "stakemap");
	if (version == NULL)
		return top_fail(r, SM_EPARSE, NULL,
		                "missing \"stakemap\": %d (not a stakemap network file?)",
		                SM_JSON_FORMAT_VERSION);
	if (!json_is_number(version) || json_number_value(version) != SM_JSON_FORMAT_VERSION)
		return top_fail(r, SM_EPARSE, "stakemap",
		                "unsupported stakemap format version %s (supported: %d)",
		                json_describe(buf, version), SM_JSON_FORMAT_VERSION);

	const json_t *d = json_object_get(root, "directed");
	if (d != NULL) {
		if (!json_is_boolean(d))
			return top_fail(r, SM_EPARSE, "directed", "\"directed\" must be true or false, "
			                "found %s", json_describe(buf, d));
		*directed = json_is_true(d);
	} else {
		*directed = opts != NULL && opts->directed == 1;
	}

	*actors = json_object_get(root, "actors");
	if (*actors != NULL && !json_is_array(*actors))
		return top_fail(r, SM_EPARSE, "actors", "\"actors\" must be an array, found %s",
		                json_describe(buf, *actors));
	*rels = json_object_get(root, "relationships");
	if (*rels != NULL && !json_is_array(*rels))
		return top_fail(r, SM_EPARSE, "relationships",
		                "\"relationships\" must be an array, found %s",
		                json_describe(buf, *rels));
	return SM_OK;
}

/* Unknown top-level keys and the ignored "name"/"description": value problems. */
static int check_top_keys(json_reader *r, const json_t *root)
{
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)root, key, value) {
		char buf[64];
		int rc = SM_OK;
		bool known = false;
		for (const char *const *a = top_keys; *a && !known; a++)
			known = strcmp(*a, key) == 0;
		if (!known)
			rc = top_fail(r, SM_EINVAL, key,
			              "unknown key %s (expected stakemap, directed, actors, "
			              "relationships, name, description)",
			              sm_quote(buf, key));
		else if ((strcmp(key, "name") == 0 || strcmp(key, "description") == 0) &&
		         !json_is_string(value) && !json_is_null(value))
			rc = top_fail(r, SM_EINVAL, key, "\"%s\" must be a string, found %s", key,
			              json_describe(buf, value));
		if (rc != SM_OK && (rc = problem(r, rc)) != SM_OK)
			return rc;
	}
	return SM_OK;
}

static int read_document(json_reader *r, const json_t *root, const sm_load_options *opts)
{
	bool directed = false;
	const json_t *actors = NULL, *rels = NULL;
	int rc = check_top(r, root, opts, &directed, &actors, &rels);
	if (rc != SM_OK)
		return rc;
	if ((rc = sm_network_new(&r->net, directed)) != SM_OK)
		return rc;
	size_t n = actors ? json_array_size(actors) : 0;
	size_t m = rels ? json_array_size(rels) : 0;
	if ((rc = sm_network_reserve(r->net, n, m)) != SM_OK)
		return rc;
	if ((rc = check_top_keys(r, root)) != SM_OK)
		return rc;

	for (size_t i = 0; i < n; i++) {
		rc = read_actor(r, json_array_get(actors, i), i);
		if (rc != SM_OK && (rc = problem(r, rc)) != SM_OK)
			return rc;
	}
	for (size_t i = 0; i < m; i++) {
		rc = read_relationship(r, json_array_get(rels, i), i);
		if (rc != SM_OK && (rc = problem(r, rc)) != SM_OK)
			return rc;
	}
	return SM_OK;
}

int sm_json_read(sm_network **out, sm_source *src, const sm_load_options *opts, sm_diag *diag)
{
	pthread_once(&jansson_once, jansson_install);
	const char *name = src->name ? src->name : "<memory>";
	json_input in;
	int rc = input_load(&in, src);
	if (rc != SM_OK)
		return rc;

	const char *text = in.data;
	size_t size = in.size;
	int64_t col_shift = 0;
	if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* UTF-8 byte order mark */
		text += 3;
		size -= 3;
		col_shift = 3;
	}

	json_reader r;
	memset(&r, 0, sizeof(r));
	r.name = name;
	r.diag = diag;
	sm_hashmap_init(&r.skipped);
	json_t *root = NULL;

	/* Errors decided by the first bytes come first (input_is_garbage()): a
	 * first character that cannot start JSON, then the first NUL byte or
	 * malformed UTF-8, whichever comes first. */
	size_t first = first_token(text, size);
	int64_t line, column;
	if (first < size && !can_start_json(text + first, size - first)) {
		unsigned char c = (unsigned char)text[first];
		char what[16];
		if (c > 0x20 && c < 0x7f)
			snprintf(what, sizeof what, "'%c'", c);
		else
			snprintf(what, sizeof what, "byte 0x%02X", c);
		locate_offset(text, size, first, &line, &column);
		rc = sm_fail_at(SM_EPARSE, name, line, column + (line == 1 ? col_shift : 0),
		                "not JSON: the input starts with %s; a stakemap network is a JSON "
		                "object", what);
		goto done;
	}
	const char *nul = memchr(text, '\0', size);
	size_t clean = nul ? (size_t)(nul - text) : size;
	size_t bad;
	if (!sm_utf8_valid(text, clean, &bad)) {
		locate_offset(text, size, bad, &line, &column);
		rc = sm_fail_at(SM_EPARSE, name, line, column + (line == 1 ? col_shift : 0),
		                "malformed UTF-8 (byte 0x%02X)", (unsigned char)text[bad]);
		goto done;
	}
	if (nul != NULL) {
		locate_offset(text, size, clean, &line, &column);
		rc = sm_fail_at(SM_EPARSE, name, line, column + (line == 1 ? col_shift : 0),
		                "NUL byte: JSON text cannot contain one");
		goto done;
	}
	jansson_failed = false;
	rc = scan_text(&r.scan, text, size, name, col_shift);
	if (rc == SM_OK && jansson_failed)
		rc = sm_fail_nomem();
	if (rc != SM_OK)
		goto done;

	if (first == size) {
		rc = sm_fail_at(SM_EPARSE, name, 1, 0, "empty input; expected a stakemap JSON object");
		goto done;
	}

	json_error_t err;
	root = json_loadb(text, size,
	                  JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &err);
	if (jansson_failed) {
		rc = sm_fail_nomem();
		goto done;
	}
	if (root == NULL) {
		rc = parse_error(&err, name, text, size, col_shift);
		goto done;
	}

	rc = read_document(&r, root, opts);
	if (jansson_failed) { /* raw_key_is() decodes escaped keys with jansson */
		sm_network_free(r.net);
		r.net = NULL;
		rc = sm_fail_nomem();
	}
	if (rc == SM_OK) {
		*out = r.net;
		r.net = NULL;
	}

done:
	sm_network_free(r.net);
	json_decref(root);
	sm_hashmap_dispose(&r.skipped);
	scan_dispose(&r.scan);
	input_dispose(&in);
	return rc;
}

/* ---- writing ------------------------------------------------------------- */

/* Write the non-null attributes of element `i` (nothing when it has none). */
static void write_attributes(FILE *f, const sm_network *net, sm_element what, int64_t i)
{
	const sm_attr_table *t = &net->attrs[what];
	bool any = false;
	for (size_t k = 0; k < t->count; k++) {
		const sm_attr_column *col = &t->cols[k];
		sm_value v = sm_attr_column_value(col, i);
		if (v.type == SM_VALUE_NULL)
			continue;
		fputs(any ? ",\n        " : ",\n      \"attributes\": {\n        ", f);
		any = true;
		sm_json_write_string(f, col->name);
		fputs(": ", f);
		switch (v.type) {
		case SM_VALUE_STRING:
			sm_json_write_string(f, v.as.s);
			break;
		case SM_VALUE_NUMBER: {
			char num[32];
			sm_format_double(num, v.as.n);
			fputs(num, f);
			break;
		}
		case SM_VALUE_BOOL:
			fputs(v.as.b ? "true" : "false", f);
			break;
		case SM_VALUE_NULL:
			break;
		}
	}
	if (any)
		fputs("\n      }", f);
}

static void write_key_string(FILE *f, const char *key, const char *value)
{
	fprintf(f, ",\n      \"%s\": ", key);
	sm_json_write_string(f, value);
}

static int write_network(FILE *f, const sm_network *net)
{
	int64_t n = sm_network_actor_count(net);
	int64_t m = sm_network_relationship_count(net);

	fprintf(f, "{\n  \"stakemap\": %d,\n  \"directed\": %s,\n  \"actors\": [",
	        SM_JSON_FORMAT_VERSION, sm_network_is_directed(net) ? "true" : "false");
	for (int64_t i = 0; i < n; i++) {
		fputs(i == 0 ? "\n    {\n      \"id\": " : ",\n    {\n      \"id\": ", f);
		sm_json_write_string(f, sm_network_actor_id(net, i));
		const char *label = sm_network_actor_label(net, i);
		if (label != NULL && label[0] != '\0')
			write_key_string(f, "label", label);
		const char *kind = sm_network_actor_kind(net, i);
		if (kind != NULL && kind[0] != '\0')
			write_key_string(f, "kind", kind);
		write_attributes(f, net, SM_ACTOR, i);
		fputs("\n    }", f);
	}
	fputs(n > 0 ? "\n  ],\n  \"relationships\": [" : "],\n  \"relationships\": [", f);
	for (int64_t r = 0; r < m; r++) {
		sm_relationship rel;
		int rc = sm_network_relationship(&rel, net, r);
		if (rc != SM_OK)
			return rc;
		fputs(r == 0 ? "\n    {\n      \"source\": " : ",\n    {\n      \"source\": ", f);
		sm_json_write_string(f, sm_network_actor_id(net, rel.source));
		fputs(",\n      \"target\": ", f);
		sm_json_write_string(f, sm_network_actor_id(net, rel.target));
		char num[32];
		sm_format_double(num, rel.quality);
		fprintf(f, ",\n      \"quality\": %s", num);
		if (rel.kind != NULL && rel.kind[0] != '\0')
			write_key_string(f, "kind", rel.kind);
		char date[11];
		if (rel.since != SM_DATE_NONE && sm_date_format(date, rel.since) == SM_OK)
			write_key_string(f, "since", date);
		if (rel.until != SM_DATE_NONE && sm_date_format(date, rel.until) == SM_OK)
			write_key_string(f, "until", date);
		write_attributes(f, net, SM_RELATIONSHIP, r);
		fputs("\n    }", f);
	}
	fputs(m > 0 ? "\n  ]\n}\n" : "]\n}\n", f);
	return SM_OK;
}

int sm_json_write(const sm_network *net, const char *path)
{
	sm_atomic_file af;
	int rc = sm_atomic_open(&af, path);
	if (rc != SM_OK)
		return rc;
	errno = 0;
	rc = write_network(af.stream, net);
	if (rc == SM_OK && ferror(af.stream)) {
		int e = errno;
		rc = sm_fail(SM_EIO, "%s: write failed: %s", path, e ? strerror(e) : "I/O error");
	}
	if (rc != SM_OK) {
		sm_atomic_abort(&af);
		return rc;
	}
	return sm_atomic_commit(&af);
}
