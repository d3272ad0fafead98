/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The thread-local last error. Messages live in a fixed per-thread buffer,
 * so recording an error never allocates (and works when memory is out).
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"

#define SM_MESSAGE_BYTES 1024
#define SM_FILE_BYTES 512

typedef struct sm_error_state {
	sm_error pub;
	char message[SM_MESSAGE_BYTES];
	char file[SM_FILE_BYTES];
} sm_error_state;

static _Thread_local sm_error_state last_error = { { SM_OK, "", NULL, 0, 0 }, "", "" };

const sm_error *sm_error_last(void)
{
	last_error.pub.message = last_error.message;
	return &last_error.pub;
}

void sm_error_clear(void)
{
	last_error.pub.code = SM_OK;
	last_error.pub.file = NULL;
	last_error.pub.line = 0;
	last_error.pub.column = 0;
	last_error.message[0] = '\0';
}

const char *sm_strerror(int code)
{
	switch (code) {
	case SM_OK: return "success";
	case SM_ENOMEM: return "out of memory";
	case SM_EINVAL: return "invalid argument";
	case SM_EPARSE: return "parse error";
	case SM_EIO: return "input/output error";
	case SM_ENOTFOUND: return "not found";
	case SM_EDUPLICATE: return "duplicate";
	case SM_ECANCELLED: return "cancelled";
	case SM_ELIMIT: return "limit exceeded";
	case SM_EINTERNAL: return "internal error";
	default: return "unknown error";
	}
}

/* Write "file:line[:column]: " into buf; returns its length. */
static size_t format_location(char *buf, size_t cap, const char *file, int64_t line, int64_t column)
{
	int n = 0;
	if (file && line > 0 && column > 0)
		n = snprintf(buf, cap, "%s:%lld:%lld: ", file, (long long)line, (long long)column);
	else if (file && line > 0)
		n = snprintf(buf, cap, "%s:%lld: ", file, (long long)line);
	else if (file)
		n = snprintf(buf, cap, "%s: ", file);
	else if (column > 0)
		n = snprintf(buf, cap, "column %lld: ", (long long)column);
	if (n < 0)
		return 0;
	return (size_t)n < cap ? (size_t)n : cap - 1;
}

static void set_location(const char *file, int64_t line, int64_t column)
{
	if (file) {
		if (file != last_error.file) {
			size_t len = strlen(file);
			if (len >= SM_FILE_BYTES)
				len = SM_FILE_BYTES - 1;
			memmove(last_error.file, file, len);
			last_error.file[len] = '\0';
		}
		last_error.pub.file = last_error.file;
	} else {
		last_error.pub.file = NULL;
	}
	last_error.pub.line = line;
	last_error.pub.column = column;
}

/* Messages are one line: a control character that reached one (a file name
 * or a value put in without sm_quote()) becomes a space. */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

int sm_vfail_at(int code, const char *file, int64_t line, int64_t column, const char *fmt,
                va_list ap)
{
	char text[SM_MESSAGE_BYTES];
	vsnprintf(text, sizeof text, fmt, ap);
	set_location(file, line, column);
	size_t off = format_location(last_error.message, SM_MESSAGE_BYTES, file, line, column);
	snprintf(last_error.message + off, SM_MESSAGE_BYTES - off, "%s", text);
	one_line(last_error.message);
	last_error.pub.code = code;
	return code;
}

int sm_fail_at(int code, const char *file, int64_t line, int64_t column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sm_vfail_at(code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

int sm_fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sm_vfail_at(code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int sm_fail_nomem(void)
{
	return sm_fail(SM_ENOMEM, "out of memory");
}

void sm_error_prefix(const char *prefix)
{
	char text[SM_MESSAGE_BYTES];
	memcpy(text, last_error.message, sizeof text);
	if (snprintf(last_error.message, SM_MESSAGE_BYTES, "%.200s: %s", prefix, text) < 0)
		last_error.message[0] = '\0';
	one_line(last_error.message);
}

void sm_error_locate(const char *file, int64_t line, int64_t column)
{
	char text[SM_MESSAGE_BYTES];
	memcpy(text, last_error.message, sizeof text);
	set_location(file, line, column);
	size_t off = format_location(last_error.message, SM_MESSAGE_BYTES, file, line, column);
	snprintf(last_error.message + off, SM_MESSAGE_BYTES - off, "%s", text);
}

int sm_error_save(sm_error_saved *out)
{
	const sm_error *e = sm_error_last();
	out->code = e->code;
	out->line = e->line;
	out->column = e->column;
	out->message = sm_strdup(e->message);
	out->file = e->file ? sm_strdup(e->file) : NULL;
	if (!out->message || (e->file && !out->file)) {
		sm_error_saved_dispose(out);
		return sm_fail_nomem();
	}
	return SM_OK;
}

void sm_error_restore(const sm_error_saved *saved)
{
	set_location(saved->file, saved->line, saved->column);
	snprintf(last_error.message, SM_MESSAGE_BYTES, "%s", saved->message ? saved->message : "");
	last_error.pub.code = saved->code;
}

void sm_error_saved_dispose(sm_error_saved *saved)
{
	sm_free(saved->message);
	sm_free(saved->file);
	saved->message = NULL;
	saved->file = NULL;
}
