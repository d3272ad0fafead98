/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Selections: the expression language of select.h, subgraphs and ego
 * networks.
 *
 * An expression is compiled once — a hand-written tokenizer feeding a
 * recursive-descent parser that builds an AST with its fields resolved and
 * its literals type-checked against the network — then evaluated for each
 * actor. `and`/`or` nodes are n-ary, so the AST is only as deep as the
 * nesting of parentheses and `not`, which the parser limits to MAX_DEPTH:
 * neither parsing, evaluating nor freeing can exhaust the stack.
 *
 * Error messages read `selection: column C: what, found "token"`, and
 * sm_error_last()->column is C (docs/selections.md).
 */
#include "stakemap/select.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "model/network_internal.h"

#if defined(__GNUC__)
#define SEL_NOINLINE __attribute__((noinline))
#else
#define SEL_NOINLINE
#endif

/* Deepest nesting of parentheses and `not` accepted. */
#define MAX_DEPTH 256
/* Longest token text quoted in an error message, in bytes. */
#define QUOTE_MAX 40
/* Room for a quoted token: QUOTE_MAX bytes, each possibly \xNN, quotes, "…". */
#define QBUF (QUOTE_MAX * 4 + 8)
/* Attribute names listed in an "unknown field" message. */
#define LIST_MAX 20

/* ---- selections ------------------------------------------------------ */

struct sm_selection {
	const sm_network *net; /* the network it was made on (not owned) */
	int64_t actors;        /* net's actor count when it was made */
	int64_t count;
	int64_t *indices; /* ascending, count entries (never NULL) */
	uint8_t *bits;    /* one bit an actor */
};

/* A selection of the actors i with keep[i] != 0. */
static int selection_from_keep(sm_selection **out, const sm_network *net, const uint8_t *keep)
{
	size_t n = net->n;
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += keep[i] != 0;

	sm_selection *sel = sm_calloc(1, sizeof(*sel));
	int64_t *indices = sm_malloc((count ? count : 1) * sizeof(*indices));
	uint8_t *bits = sm_calloc(n / 8 + 1, 1);
	if (!sel || !indices || !bits) {
		sm_free(sel);
		sm_free(indices);
		sm_free(bits);
		return sm_fail_nomem();
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (keep[i]) {
			indices[k++] = (int64_t)i;
			bits[i / 8] = (uint8_t)(bits[i / 8] | (1u << (i % 8)));
		}
	}
	sel->net = net;
	sel->actors = (int64_t)n;
	sel->count = (int64_t)count;
	sel->indices = indices;
	sel->bits = bits;
	*out = sel;
	return SM_OK;
}

void sm_selection_free(sm_selection *sel)
{
	if (!sel)
		return;
	sm_free(sel->indices);
	sm_free(sel->bits);
	sm_free(sel);
}

int64_t sm_selection_count(const sm_selection *sel)
{
	return sel ? sel->count : 0;
}

bool sm_selection_contains(const sm_selection *sel, int64_t i)
{
	if (!sel || i < 0 || i >= sel->actors)
		return false;
	return (sel->bits[i / 8] >> (i % 8)) & 1u;
}

const sm_network *sm_selection_network(const sm_selection *sel)
{
	return sel->net;
}

const int64_t *sm_selection_indices(const sm_selection *sel, size_t *n)
{
	if (n)
		*n = sel ? (size_t)sel->count : 0;
	return sel ? sel->indices : NULL;
}

int sm_selection_from_indices(sm_selection **out, const sm_network *net, const int64_t *indices,
                              size_t count)
{
	if (!out || !net)
		return sm_fail(SM_EINVAL, "selection: %s is NULL", out ? "the network" : "out");
	if (count && !indices)
		return sm_fail(SM_EINVAL, "selection: %zu indices given but the array is NULL",
		               count);
	for (size_t k = 0; k < count; k++) {
		int64_t i = indices[k];
		if (i >= 0 && (uint64_t)i < net->n)
			continue;
		if (net->n == 0)
			return sm_fail(SM_EINVAL, "selection: index %" PRId64 " (position %zu) given "
			               "for a network without actors", i, k);
		return sm_fail(SM_EINVAL, "selection: index %" PRId64 " (position %zu) is outside "
		               "0 … %zu", i, k, net->n - 1);
	}
	uint8_t *keep = sm_calloc(net->n ? net->n : 1, 1);
	if (!keep)
		return sm_fail_nomem();
	for (size_t k = 0; k < count; k++)
		keep[indices[k]] = 1;
	int rc = selection_from_keep(out, net, keep);
	sm_free(keep);
	return rc;
}

/* ---- tokens ---------------------------------------------------------- */

typedef enum tok_type {
	T_END,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_OP,
	T_STRING, /* 'text' or "text" */
	T_NUMBER,
	T_WORD,  /* identifier, keyword or bare word */
	T_FIELD  /* `quoted name` */
} tok_type;

typedef enum op_type { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } op_type;

static const char *const op_text[] = {"=", "!=", "<", "<=", ">", ">="};

typedef struct token {
	tok_type type;
	size_t start, len; /* span in the expression, quotes included */
	op_type op;        /* T_OP */
	double num;        /* T_NUMBER */
} token;

typedef struct parser {
	const sm_network *net;
	const char *src;
	size_t len;
	size_t pos; /* next byte to lex */
	token tok;  /* current (look-ahead) token */
	int depth;
	char desc[QBUF]; /* for messages on the recursive path, so its frames stay small */
} parser;

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_word_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_word_char(unsigned char c)
{
	return is_word_start(c) || is_digit(c) || c == '-' || c == '.';
}

/* Column (1-based, bytes) of offset `at`. */
static int64_t column_of(size_t at)
{
	return (int64_t)at + 1;
}

/*
 * Copy src[0..len) for a message into buf, within double quotes if `wrap`
 * (QUOTE_MAX bytes of text at most, cut at a UTF-8 boundary, control bytes
 * as \xNN). Writes at most 4 · QUOTE_MAX + 6 bytes (QBUF − 2), NUL included.
 */
static const char *quote_text(char *buf, const char *src, size_t len, bool wrap)
{
	size_t take = len;
	bool cut = false;
	if (take > QUOTE_MAX) {
		take = QUOTE_MAX;
		while (take > 0 && ((unsigned char)src[take] & 0xC0) == 0x80)
			take--;
		cut = true;
	}
	size_t o = 0;
	if (wrap)
		buf[o++] = '"';
	for (size_t i = 0; i < take; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c < 0x20 || c == 0x7F) {
			static const char hex[] = "0123456789ABCDEF";
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else if (wrap && (c == '"' || c == '\\')) {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else {
			buf[o++] = (char)c;
		}
	}
	if (cut) {
		memcpy(buf + o, "\xE2\x80\xA6", 3); /* … */
		o += 3;
	}
	if (wrap)
		buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

/* src[0..len) in double quotes, for a message. */
static const char *quote_span(char buf[QBUF], const char *src, size_t len)
{
	return quote_text(buf, src, len, true);
}

/* src[0..len) as written (a quoted literal, a number), for a message. */
static const char *quote_raw(char *buf, const char *src, size_t len)
{
	return quote_text(buf, src, len, false);
}

/* How the current token reads in "found …" (end of input or its quoted text). */
static const char *tok_desc(const parser *p, char buf[QBUF])
{
	if (p->tok.type == T_END)
		return "end of input";
	return quote_span(buf, p->src + p->tok.start, p->tok.len);
}

/* Raise an error at `at` (a byte offset); returns code. */
static int fail_at(int code, size_t at, const char *fmt, ...) SM_PRINTF(3, 4);
static int fail_at(int code, size_t at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sm_fail_at(code, NULL, 0, column_of(at), "%s", msg);
	sm_error_prefix("selection"); /* "selection: column C: …" */
	return code;
}

/* Whether the current token is the keyword `kw` (lower case). */
static bool tok_is_kw(const parser *p, const char *kw)
{
	if (p->tok.type != T_WORD)
		return false;
	size_t n = strlen(kw);
	if (p->tok.len != n)
		return false;
	const char *s = p->src + p->tok.start;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != kw[i])
			return false;
	}
	return true;
}

static const char *const keywords[] = {"and", "or", "not", "in", "is", "null", "true", "false"};

static bool tok_is_keyword(const parser *p)
{
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
		if (tok_is_kw(p, keywords[k]))
			return true;
	return false;
}

/* Lex a quoted run (`q` = ' " or `) starting at p->pos; doubled quotes escape. */
static int lex_quoted(parser *p, char q, tok_type type)
{
	size_t start = p->pos;
	size_t i = start + 1;
	for (;;) {
		if (i >= p->len) {
			if (type == T_FIELD)
				return fail_at(SM_EPARSE, start,
				               "field name opened with ` is not closed, found end "
				               "of input");
			return fail_at(SM_EPARSE, start,
			               "text opened with %c is not closed, found end of input", q);
		}
		if (p->src[i] == q) {
			if (i + 1 < p->len && p->src[i + 1] == q) {
				i += 2;
				continue;
			}
			break;
		}
		i++;
	}
	p->tok.type = type;
	p->tok.start = start;
	p->tok.len = i + 1 - start;
	p->pos = i + 1;
	if (type == T_FIELD && p->tok.len == 2)
		return fail_at(SM_EPARSE, start, "empty field name ``");
	return SM_OK;
}

static int lex_number(parser *p)
{
	size_t start = p->pos;
	size_t i = start;
	if (p->src[i] == '+' || p->src[i] == '-')
		i++;
	while (i < p->len) {
		unsigned char c = (unsigned char)p->src[i];
		if (is_word_char(c)) {
			i++;
		} else if ((c == '+' || c == '-') &&
		           (p->src[i - 1] == 'e' || p->src[i - 1] == 'E')) {
			i++;
		} else {
			break;
		}
	}
	p->tok.type = T_NUMBER;
	p->tok.start = start;
	p->tok.len = i - start;
	p->pos = i;

	char buf[64];
	char qbuf[QBUF];
	bool ok = false;
	if (p->tok.len < sizeof(buf)) {
		memcpy(buf, p->src + start, p->tok.len);
		buf[p->tok.len] = '\0';
		/* Hex, inf and nan are refused by sm_parse_double; so is 0x…. */
		ok = sm_parse_double(buf, &p->tok.num);
	}
	if (ok)
		return SM_OK;
	/* Letters other than an exponent's: text that starts with a digit. */
	bool wordy = false;
	for (size_t j = 0; j < p->tok.len; j++) {
		char c = p->src[start + j];
		if (is_word_start((unsigned char)c) && c != 'e' && c != 'E')
			wordy = true;
	}
	return fail_at(SM_EPARSE, start, "bad number %s%s",
	               quote_span(qbuf, p->src + start, p->tok.len),
	               wordy ? " (quote text that starts with a digit: '…')" : "");
}

/* Read the next token into p->tok. */
static int lex(parser *p)
{
	while (p->pos < p->len && is_space((unsigned char)p->src[p->pos]))
		p->pos++;
	size_t at = p->pos;
	p->tok.start = at;
	p->tok.len = 0;
	if (at >= p->len) {
		p->tok.type = T_END;
		return SM_OK;
	}
	const char *s = p->src;
	unsigned char c = (unsigned char)s[at];
	unsigned char next = at + 1 < p->len ? (unsigned char)s[at + 1] : 0;
	switch (c) {
	case '(':
	case ')':
	case ',':
		p->tok.type = c == '(' ? T_LPAREN : c == ')' ? T_RPAREN : T_COMMA;
		p->tok.len = 1;
		p->pos++;
		return SM_OK;
	case '=':
		p->tok.type = T_OP;
		p->tok.op = OP_EQ;
		p->tok.len = 1;
		p->pos++;
		return SM_OK;
	case '!':
		if (next != '=')
			return fail_at(SM_EPARSE, at,
			               "unexpected \"!\" (did you mean \"!=\" or \"not\"?)");
		p->tok.type = T_OP;
		p->tok.op = OP_NE;
		p->tok.len = 2;
		p->pos += 2;
		return SM_OK;
	case '<':
	case '>':
		p->tok.type = T_OP;
		p->tok.len = next == '=' ? 2 : 1;
		p->tok.op =
		        c == '<' ? (next == '=' ? OP_LE : OP_LT) : (next == '=' ? OP_GE : OP_GT);
		p->pos += p->tok.len;
		return SM_OK;
	case '\'':
	case '"':
		return lex_quoted(p, (char)c, T_STRING);
	case '`':
		return lex_quoted(p, '`', T_FIELD);
	default:
		break;
	}
	if (is_digit(c) || ((c == '-' || c == '+' || c == '.') &&
	                    (is_digit(next) || (next == '.' && c != '.'))))
		return lex_number(p);
	if (is_word_start(c)) {
		size_t i = at + 1;
		while (i < p->len && is_word_char((unsigned char)s[i]))
			i++;
		p->tok.type = T_WORD;
		p->tok.len = i - at;
		p->pos = i;
		return SM_OK;
	}
	char qbuf[QBUF];
	return fail_at(SM_EPARSE, at, "unexpected character %s", quote_span(qbuf, s + at, 1));
}

/* The unescaped text of the current T_STRING / T_FIELD / T_WORD token (new). */
static char *tok_text(const parser *p)
{
	const char *s = p->src + p->tok.start;
	size_t n = p->tok.len;
	if (p->tok.type == T_WORD)
		return sm_strndup(s, n);
	char q = s[0];
	char *out = sm_malloc(n - 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 1; i + 1 < n; i++) {
		out[o++] = s[i];
		if (s[i] == q)
			i++; /* a doubled quote stands for one */
	}
	out[o] = '\0';
	return out;
}

/* ---- the syntax tree ------------------------------------------------- */

typedef enum field_type { F_ID, F_LABEL, F_KIND, F_ATTR } field_type;

typedef struct field {
	field_type type;
	const sm_attr_column *col; /* F_ATTR */
	sm_value_type vtype;       /* the values' type (SM_VALUE_NULL: no value set) */
	const char *name;          /* borrowed from the network or static */
	size_t at;                 /* offset of the field token */
} field;

typedef struct literal {
	sm_value_type type; /* STRING, NUMBER or BOOL */
	char *s;            /* new, for STRING */
	double n;
	bool b;
	size_t at;
} literal;

typedef enum node_type { N_OR, N_AND, N_NOT, N_CMP, N_IN, N_ISNULL } node_type;

typedef struct node {
	node_type type;
	bool negate;          /* N_IN: not in; N_ISNULL: is not null */
	struct node **kids;   /* N_OR, N_AND: nkids; N_NOT: one */
	size_t nkids;
	field f;              /* N_CMP, N_IN, N_ISNULL */
	op_type op;           /* N_CMP */
	literal *lits;        /* N_CMP: one; N_IN: sorted, distinct */
	size_t nlits;
} node;

static void node_free(node *x)
{
	if (!x)
		return;
	for (size_t k = 0; k < x->nkids; k++)
		node_free(x->kids[k]);
	sm_free(x->kids);
	for (size_t k = 0; k < x->nlits; k++)
		sm_free(x->lits[k].s);
	sm_free(x->lits);
	sm_free(x);
}

static node *node_new(node_type type)
{
	node *x = sm_calloc(1, sizeof(*x));
	if (!x)
		sm_fail_nomem();
	else
		x->type = type;
	return x;
}

/* ---- fields ---------------------------------------------------------- */

static const char *type_name(sm_value_type t)
{
	switch (t) {
	case SM_VALUE_STRING:
		return "text";
	case SM_VALUE_NUMBER:
		return "a number";
	case SM_VALUE_BOOL:
		return "a true/false value";
	default:
		return "no value";
	}
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive edit distance, or SIZE_MAX when either name is long. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static const char *const builtin_fields[] = {"id", "label", "kind"};

/* Whether `name` can be written without backticks (a word, not a keyword). */
static bool is_plain_name(const char *name)
{
	if (!is_word_start((unsigned char)name[0]))
		return false;
	for (const char *c = name; *c; c++)
		if (!is_word_char((unsigned char)*c))
			return false;
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
		if (sm_strcasecmp(name, keywords[k]) == 0)
			return false;
	return true;
}

/* A field name as it is written in an expression: in backticks if it needs
 * them, else bare (or in double quotes with `quote_plain`). buf: FBUF bytes. */
#define FBUF (QBUF + QUOTE_MAX)
static const char *show_field(char *buf, const char *name, bool quote_plain)
{
	if (!is_plain_name(name)) {
		/* Backticks around, a backtick inside doubled: at most QBUF - 4
		 * bytes of which QUOTE_MAX backticks, plus 3. */
		char raw[QBUF];
		quote_raw(raw, name, strlen(name));
		size_t o = 0;
		buf[o++] = '`';
		for (const char *c = raw; *c; c++) {
			if (*c == '`')
				buf[o++] = '`';
			buf[o++] = *c;
		}
		buf[o++] = '`';
		buf[o] = '\0';
		return buf;
	}
	if (quote_plain)
		return quote_span(buf, name, strlen(name));
	return quote_raw(buf, name, strlen(name));
}

/* Raise SM_ENOTFOUND for field `name` at `at`: "did you mean" or the list of fields. */
static int unknown_field(const parser *p, const char *name, size_t at)
{
	const sm_attr_table *t = &p->net->attrs[SM_ACTOR];
	char qbuf[QBUF], qbuf2[FBUF];
	quote_span(qbuf, name, strlen(name));

	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	size_t limit = strlen(name) <= 3 ? 1 : 2;
	for (size_t k = 0; k < 3 + t->count; k++) {
		const char *cand = k < 3 ? builtin_fields[k] : t->cols[k - 3].name;
		size_t d = edit_distance(name, cand);
		if (d <= limit && d < best_d) {
			best = cand;
			best_d = d;
		}
	}
	if (best)
		return fail_at(SM_ENOTFOUND, at, "unknown field %s (did you mean %s?)", qbuf,
		               show_field(qbuf2, best, true));

	char list[700];
	size_t o = (size_t)snprintf(list, sizeof(list), "id, label, kind");
	size_t shown = 0;
	for (size_t k = 0; k < t->count && shown < LIST_MAX; k++, shown++) {
		if (o + 8 + FBUF >= sizeof(list))
			break;
		o += (size_t)snprintf(list + o, sizeof(list) - o, ", %s",
		                      show_field(qbuf2, t->cols[k].name, false));
	}
	if (shown < t->count)
		snprintf(list + o, sizeof(list) - o, " and %zu more", t->count - shown);
	return fail_at(SM_ENOTFOUND, at, "unknown field %s; the fields are %s", qbuf, list);
}

/* Resolve the field of the current token (T_WORD not a keyword, or T_FIELD). */
static int resolve_field(parser *p, field *f)
{
	char *name = tok_text(p);
	if (!name)
		return sm_fail_nomem();
	f->at = p->tok.start;
	int rc = SM_OK;
	if (strcmp(name, "id") == 0) {
		f->type = F_ID;
		f->name = "id";
		f->vtype = SM_VALUE_STRING;
	} else if (strcmp(name, "label") == 0) {
		f->type = F_LABEL;
		f->name = "label";
		f->vtype = SM_VALUE_STRING;
	} else if (strcmp(name, "kind") == 0) {
		f->type = F_KIND;
		f->name = "kind";
		f->vtype = SM_VALUE_STRING;
	} else {
		const sm_attr_column *col = sm_network_attr_column(p->net, SM_ACTOR, name);
		if (!col) {
			rc = unknown_field(p, name, p->tok.start);
		} else {
			f->type = F_ATTR;
			f->col = col;
			f->name = col->name;
			f->vtype = col->type;
		}
	}
	sm_free(name);
	return rc;
}

/* ---- literals -------------------------------------------------------- */

/*
 * Parse the literal at the current token into *lit, checked against field f.
 * `after` names what came before, for "expected a value after …".
 */
static int parse_literal(parser *p, literal *lit, const field *f, const char *after)
{
	char qbuf[QBUF], fbuf[QBUF];
	memset(lit, 0, sizeof(*lit));
	lit->at = p->tok.start;
	switch (p->tok.type) {
	case T_STRING:
		lit->type = SM_VALUE_STRING;
		break;
	case T_NUMBER:
		lit->type = SM_VALUE_NUMBER;
		lit->n = p->tok.num;
		break;
	case T_WORD:
		if (tok_is_kw(p, "true") || tok_is_kw(p, "false")) {
			lit->type = SM_VALUE_BOOL;
			lit->b = tok_is_kw(p, "true");
		} else if (tok_is_kw(p, "null")) {
			return fail_at(
			        SM_EPARSE, p->tok.start,
			        "null is not a value to compare with; write \"%s is null\" or "
			        "\"%s is not null\"",
			        f->name, f->name);
		} else if (tok_is_keyword(p)) {
			return fail_at(
			        SM_EPARSE, p->tok.start,
			        "expected a value after %s, found the keyword %s (quote it to "
			        "compare with the text)",
			        after, tok_desc(p, qbuf));
		} else {
			lit->type = SM_VALUE_STRING;
		}
		break;
	default:
		return fail_at(SM_EPARSE, p->tok.start, "expected a value after %s, found %s",
		               after, tok_desc(p, qbuf));
	}

	/* Type check against the field (an attribute without values takes any). */
	if (f->vtype != SM_VALUE_NULL && lit->type != f->vtype) {
		const char *fname = quote_span(fbuf, f->name, strlen(f->name));
		/* Show the value as written; a bare word in quotes so it reads as one. */
		const char *val = p->tok.type == T_WORD && lit->type == SM_VALUE_STRING
		                          ? quote_span(qbuf, p->src + p->tok.start, p->tok.len)
		                          : quote_raw(qbuf, p->src + p->tok.start, p->tok.len);
		const char *holds = f->vtype == SM_VALUE_STRING   ? "text"
		                    : f->vtype == SM_VALUE_NUMBER ? "numbers"
		                                                  : "true/false";
		const char *hint = f->vtype == SM_VALUE_STRING   ? "quote it to compare as text"
		                   : f->vtype == SM_VALUE_NUMBER ? "compare it with a number"
		                                                 : "compare it with true or false";
		return fail_at(SM_EINVAL, p->tok.start, "field %s holds %s but %s is %s; %s", fname,
		               holds, val, type_name(lit->type), hint);
	}
	if (lit->type == SM_VALUE_STRING) {
		lit->s = tok_text(p);
		if (!lit->s)
			return sm_fail_nomem();
	}
	return lex(p);
}

static int literal_cmp(const void *a, const void *b)
{
	const literal *x = a, *y = b;
	if (x->type != y->type)
		return (int)x->type - (int)y->type;
	switch (x->type) {
	case SM_VALUE_STRING:
		return strcmp(x->s, y->s);
	case SM_VALUE_NUMBER:
		return (x->n > y->n) - (x->n < y->n);
	default:
		return (int)x->b - (int)y->b;
	}
}

/* ---- the parser ------------------------------------------------------ */

static node *parse_or(parser *p);

static int enter(parser *p)
{
	if (++p->depth > MAX_DEPTH)
		return fail_at(SM_ELIMIT, p->tok.start,
		               "expression nested deeper than %d levels of parentheses and \"not\"",
		               MAX_DEPTH);
	return SM_OK;
}

/* `in` "(" literal ("," literal)* ")"; the current token is "in". */
static int parse_in_list(parser *p, node *x)
{
	char qbuf[QBUF];
	size_t in_at = p->tok.start;
	int rc = lex(p);
	if (rc)
		return rc;
	if (p->tok.type != T_LPAREN)
		return fail_at(SM_EPARSE, p->tok.start, "expected \"(\" after \"in\", found %s",
		               tok_desc(p, qbuf));
	rc = lex(p);
	if (rc)
		return rc;
	if (p->tok.type == T_RPAREN)
		return fail_at(SM_EPARSE, p->tok.start,
		               "the list after \"in\" (column %" PRId64 ") is empty; give at least "
		               "one value",
		               column_of(in_at));
	size_t cap = 0;
	for (;;) {
		if (x->nlits == cap && SM_GROW(x->lits, cap, x->nlits + 1))
			return SM_ENOMEM;
		rc = parse_literal(p, &x->lits[x->nlits], &x->f,
		                   x->nlits == 0 ? "\"(\"" : "\",\"");
		if (rc) {
			sm_free(x->lits[x->nlits].s);
			return rc;
		}
		x->nlits++;
		if (p->tok.type == T_RPAREN)
			break;
		if (p->tok.type != T_COMMA)
			return fail_at(
			        SM_EPARSE, p->tok.start,
			        "expected \",\" or \")\" in the list after \"in\" (column %" PRId64
			        "), found %s",
			        column_of(in_at), tok_desc(p, qbuf));
		rc = lex(p);
		if (rc)
			return rc;
	}
	/* Sort and drop duplicates so evaluation can search the list. */
	qsort(x->lits, x->nlits, sizeof(*x->lits), literal_cmp);
	size_t k = 0;
	for (size_t i = 0; i < x->nlits; i++) {
		if (k > 0 && literal_cmp(&x->lits[k - 1], &x->lits[i]) == 0) {
			sm_free(x->lits[i].s);
			continue;
		}
		x->lits[k++] = x->lits[i];
	}
	x->nlits = k;
	return lex(p);
}

/* field cmp (kept out of line: its buffers stay off the recursive path) */
SEL_NOINLINE static node *parse_comparison(parser *p)
{
	char qbuf[QBUF], fbuf[QBUF];
	node *x = node_new(N_CMP);
	if (!x)
		return NULL;
	int rc = resolve_field(p, &x->f);
	if (rc == SM_OK)
		rc = lex(p);
	if (rc)
		goto fail;
	const char *fname = quote_span(fbuf, x->f.name, strlen(x->f.name));

	if (p->tok.type == T_OP) {
		x->op = p->tok.op;
		size_t op_at = p->tok.start;
		if (x->f.vtype == SM_VALUE_BOOL && x->op != OP_EQ && x->op != OP_NE) {
			rc = fail_at(
			        SM_EINVAL, op_at,
			        "field %s holds true/false, which \"%s\" cannot order; use = or !=",
			        fname, op_text[x->op]);
			goto fail;
		}
		char after[8];
		snprintf(after, sizeof(after), "\"%s\"", op_text[x->op]);
		rc = lex(p);
		if (rc)
			goto fail;
		x->lits = sm_calloc(1, sizeof(*x->lits));
		if (!x->lits) {
			rc = sm_fail_nomem();
			goto fail;
		}
		rc = parse_literal(p, &x->lits[0], &x->f, after);
		if (rc) {
			sm_free(x->lits[0].s);
			goto fail;
		}
		x->nlits = 1;
		if (x->f.vtype == SM_VALUE_NULL && x->lits[0].type == SM_VALUE_BOOL &&
		    x->op != OP_EQ && x->op != OP_NE) {
			rc = fail_at(SM_EINVAL, op_at,
			             "true/false cannot be ordered by \"%s\"; use = or !=",
			             op_text[x->op]);
			goto fail;
		}
		return x;
	}
	if (tok_is_kw(p, "not") || tok_is_kw(p, "in")) {
		x->type = N_IN;
		if (tok_is_kw(p, "not")) {
			x->negate = true;
			if ((rc = lex(p)))
				goto fail;
			if (!tok_is_kw(p, "in")) {
				rc = fail_at(SM_EPARSE, p->tok.start,
				             "expected \"in\" after \"not\", found %s",
				             tok_desc(p, qbuf));
				goto fail;
			}
		}
		if ((rc = parse_in_list(p, x)))
			goto fail;
		return x;
	}
	if (tok_is_kw(p, "is")) {
		x->type = N_ISNULL;
		if ((rc = lex(p)))
			goto fail;
		if (tok_is_kw(p, "not")) {
			x->negate = true;
			if ((rc = lex(p)))
				goto fail;
		}
		if (!tok_is_kw(p, "null")) {
			rc = fail_at(SM_EPARSE, p->tok.start,
			             "expected \"null\" after \"is%s\", found %s",
			             x->negate ? " not" : "", tok_desc(p, qbuf));
			goto fail;
		}
		if ((rc = lex(p)))
			goto fail;
		return x;
	}
	fail_at(SM_EPARSE, p->tok.start,
	        "expected an operator (= != < <= > >= in, not in, is) after field %s, found %s",
	        fname, tok_desc(p, qbuf));
fail:
	node_free(x);
	return NULL;
}

static node *parse_primary(parser *p)
{
	if (p->tok.type == T_LPAREN) {
		size_t open_at = p->tok.start;
		if (enter(p) || lex(p))
			return NULL;
		node *x = parse_or(p);
		if (!x)
			return NULL;
		if (p->tok.type != T_RPAREN) {
			fail_at(SM_EPARSE, p->tok.start,
			        "expected \")\" to close the \"(\" at column %" PRId64 ", found %s",
			        column_of(open_at), tok_desc(p, p->desc));
			node_free(x);
			return NULL;
		}
		p->depth--;
		if (lex(p)) {
			node_free(x);
			return NULL;
		}
		return x;
	}
	if (p->tok.type == T_FIELD || (p->tok.type == T_WORD && !tok_is_keyword(p)))
		return parse_comparison(p);
	if (p->tok.type == T_WORD)
		fail_at(SM_EPARSE, p->tok.start,
		        "expected a field name, found the keyword %s (write `%.*s` for a field of "
		        "that name)",
		        tok_desc(p, p->desc), (int)p->tok.len, p->src + p->tok.start);
	else
		fail_at(SM_EPARSE, p->tok.start, "expected a field name, found %s",
		        tok_desc(p, p->desc));
	return NULL;
}

static node *parse_not(parser *p)
{
	if (!tok_is_kw(p, "not"))
		return parse_primary(p);
	if (enter(p) || lex(p))
		return NULL;
	node *x = node_new(N_NOT);
	if (!x)
		return NULL;
	x->kids = sm_malloc(sizeof(*x->kids));
	if (!x->kids) {
		sm_fail_nomem();
		sm_free(x);
		return NULL;
	}
	x->kids[0] = parse_not(p);
	if (!x->kids[0]) {
		sm_free(x->kids);
		sm_free(x);
		return NULL;
	}
	x->nkids = 1;
	p->depth--;
	return x;
}

/* A chain of `sub` joined by keyword `kw`, as one n-ary node of `type`. */
static node *parse_chain(parser *p, const char *kw, node_type type, node *(*sub)(parser *))
{
	node *first = sub(p);
	if (!first || !tok_is_kw(p, kw))
		return first;
	node *x = node_new(type);
	size_t cap = 0;
	if (!x || SM_GROW(x->kids, cap, 2)) {
		node_free(first);
		sm_free(x);
		return NULL;
	}
	x->kids[x->nkids++] = first;
	while (tok_is_kw(p, kw)) {
		if (lex(p))
			goto fail;
		if (x->nkids == cap && SM_GROW(x->kids, cap, x->nkids + 1))
			goto fail;
		node *next = sub(p);
		if (!next)
			goto fail;
		x->kids[x->nkids++] = next;
	}
	return x;
fail:
	node_free(x);
	return NULL;
}

static node *parse_and(parser *p)
{
	return parse_chain(p, "and", N_AND, parse_not);
}

static node *parse_or(parser *p)
{
	return parse_chain(p, "or", N_OR, parse_and);
}

/* Compile `expr` against `net`; *out set on success. */
static int compile(node **out, const sm_network *net, const char *expr)
{
	size_t len = strnlen(expr, (size_t)SM_MAX_EXPRESSION_BYTES + 1);
	if (len > SM_MAX_EXPRESSION_BYTES)
		return sm_fail(SM_ELIMIT, "selection: the expression is longer than %d bytes",
		               SM_MAX_EXPRESSION_BYTES);
	size_t bad = 0;
	if (!sm_utf8_valid(expr, len, &bad))
		return fail_at(SM_EPARSE, bad, "invalid UTF-8 (byte 0x%02X)",
		               (unsigned)(unsigned char)expr[bad]);

	parser p = {.net = net, .src = expr, .len = len};
	int rc = lex(&p);
	if (rc)
		return rc;
	if (p.tok.type == T_END)
		return fail_at(SM_EPARSE, 0, "the expression is empty");
	node *root = parse_or(&p);
	if (!root)
		return sm_error_last()->code != SM_OK ? sm_error_last()->code : SM_EINTERNAL;
	if (p.tok.type != T_END) {
		char qbuf[QBUF];
		const char *hint = p.tok.type == T_RPAREN ? " (no \"(\" is open)"
		                                          : " (missing \"and\" or \"or\"?)";
		rc = fail_at(SM_EPARSE, p.tok.start, "unexpected %s after a complete expression%s",
		             tok_desc(&p, qbuf), hint);
		node_free(root);
		return rc;
	}
	*out = root;
	return SM_OK;
}

/* ---- evaluation ------------------------------------------------------ */

/* The value of field f for actor i (a null value for a missing one). */
static sm_value field_value(const sm_network *net, const field *f, size_t i)
{
	sm_value v = {.type = SM_VALUE_STRING};
	switch (f->type) {
	case F_ID:
		v.as.s = net->actor_id[i];
		break;
	case F_LABEL:
		v.as.s = net->actor_label[i];
		if (!v.as.s || !*v.as.s)
			v.type = SM_VALUE_NULL; /* an actor without a label */
		break;
	case F_KIND:
		v.as.s = net->actor_kind[i];
		break;
	case F_ATTR:
		v = sm_attr_column_value(f->col, (int64_t)i);
		break;
	}
	return v;
}

/* Compare a non-null value with a literal of the same type: <0, 0, >0. */
static int value_cmp(const sm_value *v, const literal *lit)
{
	switch (v->type) {
	case SM_VALUE_STRING:
		return strcmp(v->as.s, lit->s);
	case SM_VALUE_NUMBER:
		return (v->as.n > lit->n) - (v->as.n < lit->n);
	default:
		return (int)v->as.b - (int)lit->b;
	}
}

static bool eval(const sm_network *net, const node *x, size_t i)
{
	switch (x->type) {
	case N_OR:
		for (size_t k = 0; k < x->nkids; k++)
			if (eval(net, x->kids[k], i))
				return true;
		return false;
	case N_AND:
		for (size_t k = 0; k < x->nkids; k++)
			if (!eval(net, x->kids[k], i))
				return false;
		return true;
	case N_NOT:
		return !eval(net, x->kids[0], i);
	case N_ISNULL: {
		sm_value v = field_value(net, &x->f, i);
		return (v.type == SM_VALUE_NULL) != x->negate;
	}
	case N_CMP: {
		sm_value v = field_value(net, &x->f, i);
		if (v.type == SM_VALUE_NULL || v.type != x->lits[0].type)
			return false;
		int c = value_cmp(&v, &x->lits[0]);
		switch (x->op) {
		case OP_EQ:
			return c == 0;
		case OP_NE:
			return c != 0;
		case OP_LT:
			return c < 0;
		case OP_LE:
			return c <= 0;
		case OP_GT:
			return c > 0;
		case OP_GE:
			return c >= 0;
		}
		return false;
	}
	case N_IN: {
		sm_value v = field_value(net, &x->f, i);
		if (v.type == SM_VALUE_NULL)
			return false; /* missing: neither in nor not in */
		/* Literals are sorted by type, then value: binary search. */
		size_t lo = 0, hi = x->nlits;
		bool found = false;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const literal *lit = &x->lits[mid];
			int c = lit->type != v.type ? (int)v.type - (int)lit->type
			                            : value_cmp(&v, lit);
			if (c == 0) {
				found = true;
				break;
			}
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		return found != x->negate;
	}
	}
	return false;
}

int sm_select(sm_selection **out, const sm_network *net, const char *expr)
{
	if (!out || !net || !expr)
		return sm_fail(SM_EINVAL, "selection: %s is NULL",
		               !out ? "out" : !net ? "the network" : "the expression");
	node *root = NULL;
	int rc = compile(&root, net, expr);
	if (rc)
		return rc;
	uint8_t *keep = sm_malloc(net->n ? net->n : 1);
	if (!keep) {
		node_free(root);
		return sm_fail_nomem();
	}
	for (size_t i = 0; i < net->n; i++)
		keep[i] = eval(net, root, i);
	node_free(root);
	rc = selection_from_keep(out, net, keep);
	sm_free(keep);
	return rc;
}

/* ---- derived networks ------------------------------------------------ */

int sm_network_subgraph(sm_network **out, const sm_network *net, const sm_selection *sel)
{
	if (!out || !net || !sel)
		return sm_fail(SM_EINVAL, "subgraph: %s is NULL",
		               !out ? "out" : !net ? "the network" : "the selection");
	if (sel->net != net)
		return sm_fail(SM_EINVAL, "subgraph: the selection was made on another network");
	if ((size_t)sel->actors != net->n)
		return sm_fail(SM_EINVAL,
		               "subgraph: the selection was made when the network had %" PRId64
		               " actors; it now has %zu",
		               sel->actors, net->n);
	uint8_t *keep = sm_calloc(net->n ? net->n : 1, 1);
	if (!keep)
		return sm_fail_nomem();
	for (int64_t k = 0; k < sel->count; k++)
		keep[sel->indices[k]] = 1;
	int rc = sm_network_derive(out, net, keep, NULL);
	sm_free(keep);
	return rc;
}

/* Push the unvisited neighbours of v in row `csr` onto the queue. */
static void visit_row(const sm_csr *csr, int64_t v, uint8_t *keep, int32_t *queue, size_t *tail)
{
	for (int64_t e = csr->offsets[v]; e < csr->offsets[v + 1]; e++) {
		int32_t w = csr->nbr[e];
		if (!keep[w]) {
			keep[w] = 1;
			queue[(*tail)++] = w;
		}
	}
}

int sm_network_ego(sm_network **out, const sm_network *net, const char *id, int radius,
                   sm_direction direction)
{
	if (!out || !net || !id)
		return sm_fail(SM_EINVAL, "ego network: %s is NULL",
		               !out ? "out" : !net ? "the network" : "the id");
	if (radius < 0)
		return sm_fail(SM_EINVAL, "ego network: radius %d is negative", radius);
	if (direction != SM_DIR_ALL && direction != SM_DIR_OUT && direction != SM_DIR_IN)
		return sm_fail(SM_EINVAL, "ego network: unknown direction %d", (int)direction);
	int64_t centre;
	int rc = sm_network_find_actor(&centre, net, id);
	if (rc)
		return rc;
	const sm_frozen *fz = sm_network_frozen(net);
	if (!fz)
		return sm_error_last()->code != SM_OK ? sm_error_last()->code : SM_ENOMEM;

	uint8_t *keep = sm_calloc(net->n, 1);
	int32_t *queue = sm_malloc(net->n * sizeof(*queue));
	if (!keep || !queue) {
		sm_free(keep);
		sm_free(queue);
		return sm_fail_nomem();
	}
	bool use_out = !net->directed || direction != SM_DIR_IN;
	bool use_in = net->directed && direction != SM_DIR_OUT;
	size_t head = 0, tail = 0;
	keep[centre] = 1;
	queue[tail++] = (int32_t)centre;
	/* Breadth first, one level a round: [head, level_end) is the current level. */
	for (int level = 0; level < radius && head < tail; level++) {
		size_t level_end = tail;
		for (; head < level_end; head++) {
			int64_t v = queue[head];
			if (use_out)
				visit_row(&fz->out, v, keep, queue, &tail);
			if (use_in)
				visit_row(&fz->in, v, keep, queue, &tail);
		}
	}
	sm_free(queue);
	rc = sm_network_derive(out, net, keep, NULL);
	sm_free(keep);
	return rc;
}
