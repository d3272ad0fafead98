/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Text helpers: UTF-8 validation, locale-independent number parsing and
 * formatting, quoting values for messages, CSV and JSON cell writers.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

bool sm_utf8_valid(const char *str, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (len - i <= need)
			goto bad;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

/* strtod is locale-dependent; stakemap's files always use '.', so parse
 * with a check that the text is a plain decimal number first. */
bool sm_parse_double(const char *s, double *out)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	bool digits = false;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits = true;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits = true;
		}
	}
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return false;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (end != p || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool sm_parse_int64(const char *s, int64_t *out)
{
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0' || errno == ERANGE)
		return false;
	*out = (int64_t)v;
	return true;
}

/* %.{p}g into buf; whether it reads back as exactly v. (Using snprintf's
 * result also tells GCC the bounded output is checked.) */
static bool print_g(char buf[32], int p, double v)
{
	if (snprintf(buf, 32, "%.*g", p, v) >= 32)
		return false;
	return strtod(buf, NULL) == v;
}

void sm_format_double(char buf[32], double v)
{
	if (isnan(v)) {
		snprintf(buf, 32, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, 32, v > 0 ? "inf" : "-inf");
		return;
	}
	/* Whole numbers below 1e15 as plain integers ("20", not "2e+01"). */
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, 32, "%.0f", v);
		if (strcmp(buf, "-0") == 0 && !signbit(v))
			snprintf(buf, 32, "0");
		return;
	}
	/* Otherwise the shortest %.{p}g that reads back as the same double.
	 * If p digits read back exactly so do p + 1, so the shortest p ≤ 15 is
	 * found by bisection; 16 and 17 are tried in turn. */
	if (print_g(buf, 15, v)) {
		int lo = 1, hi = 15;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (print_g(buf, mid, v))
				hi = mid;
			else
				lo = mid + 1;
		}
		print_g(buf, lo, v);
		return;
	}
	if (!print_g(buf, 16, v))
		print_g(buf, 17, v);
}

const char *sm_quote(char buf[64], const char *s)
{
	size_t o = 0;
	buf[o++] = '"';
	for (size_t i = 0; s[i] && o < 56; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F) {
			o += (size_t)snprintf(buf + o, 64 - o, "\\x%02X", c);
		} else if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else {
			buf[o++] = (char)c;
		}
		if (s[i + 1] && o >= 56) {
			/* Do not cut a UTF-8 sequence in the middle. */
			while (o > 1 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
				o--;
			if (o > 1 && ((unsigned char)buf[o - 1] & 0xC0) == 0xC0)
				o--;
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

int sm_strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || ca == 0)
			return ca - cb;
	}
}

static bool is_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

int sm_csv_write_cell(FILE *f, const char *s, bool neutralise)
{
	if (!s)
		return 0;
	bool prefix = false;
	if (neutralise && s[0]) {
		/* A leading ' is added to cells a spreadsheet would run as a
		 * formula, and to cells that already start with the ' the
		 * reader strips, so reading back gives the same text. */
		prefix = is_formula_start(s[0]) ||
		         (s[0] == '\'' && (is_formula_start(s[1]) || s[1] == '\''));
	}
	size_t len = strlen(s);
	bool quote = prefix && (s[0] == '\t' || s[0] == '\r');
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		quote = true;
	for (size_t i = 0; i < len && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			quote = true;
	if (quote && putc('"', f) == EOF)
		return EOF;
	if (prefix && putc('\'', f) == EOF)
		return EOF;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' && putc('"', f) == EOF)
			return EOF;
		if (putc(s[i], f) == EOF)
			return EOF;
	}
	if (quote && putc('"', f) == EOF)
		return EOF;
	return 0;
}

int sm_json_write_string(FILE *f, const char *s)
{
	if (putc('"', f) == EOF)
		return EOF;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int rc;
		switch (*p) {
		case '"': rc = fputs("\\\"", f); break;
		case '\\': rc = fputs("\\\\", f); break;
		case '\n': rc = fputs("\\n", f); break;
		case '\r': rc = fputs("\\r", f); break;
		case '\t': rc = fputs("\\t", f); break;
		case '\b': rc = fputs("\\b", f); break;
		case '\f': rc = fputs("\\f", f); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				rc = fprintf(f, "\\u%04x", *p);
			else
				rc = putc(*p, f);
		}
		if (rc == EOF || rc < 0)
			return EOF;
	}
	return putc('"', f) == EOF ? EOF : 0;
}
