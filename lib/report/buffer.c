/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The report's text buffer and HTML escaping (report_internal.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report/report_internal.h"

void sm_buf_dispose(sm_buf *b)
{
	sm_free(b->data);
	memset(b, 0, sizeof *b);
}

void sm_buf_reserve(sm_buf *b, size_t extra)
{
	if (b->error)
		return;
	if (extra > SIZE_MAX / 2 - b->len) {
		b->error = sm_fail_nomem();
		return;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < need)
		cap *= 2;
	char *data = sm_realloc(b->data, cap);
	if (!data) {
		b->error = sm_fail_nomem();
		return;
	}
	b->data = data;
	b->cap = cap;
}

void sm_buf_put(sm_buf *b, const char *s, size_t len)
{
	sm_buf_reserve(b, len);
	if (b->error)
		return;
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void sm_buf_puts(sm_buf *b, const char *s)
{
	sm_buf_put(b, s, strlen(s));
}

void sm_buf_printf(sm_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if ((size_t)len < sizeof small) {
		sm_buf_put(b, small, (size_t)len);
		return;
	}
	sm_buf_reserve(b, (size_t)len);
	if (b->error)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)len;
}

void sm_buf_escape(sm_buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		sm_buf_put(b, run, (size_t)(s - run));
		sm_buf_puts(b, rep);
		run = s + 1;
	}
	sm_buf_put(b, run, (size_t)(s - run));
}

void sm_buf_number(sm_buf *b, double v)
{
	if (isnan(v))
		return;
	if (isinf(v)) {
		sm_buf_puts(b, v > 0 ? "inf" : "-inf");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e9)
		sm_buf_printf(b, "%.0f", v == 0 ? 0.0 : v);
	else
		sm_buf_printf(b, "%.4g", v);
}
