/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Printing: error messages, the choice of table format, tables to stdout or
 * to a file, and an atomic output stream for commands that write several
 * tables into one file.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_fail(int rc)
{
	const sm_error *e = sm_error_last();
	const char *msg = e->message;

	if (msg == NULL || msg[0] == '\0')
		msg = sm_strerror(rc);
	fflush(stdout);
	fprintf(stderr, "stakemap: %s\n", msg);
	return CLI_ERROR;
}

int cli_failf(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("stakemap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_ERROR;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	size_t i;

	if (n < k)
		return false;
	for (i = 0; i < k; i++) {
		char c = s[n - k + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return false;
	}
	return true;
}

sm_table_format cli_table_format(const cli_opts *o)
{
	if (o->format_set)
		return o->format;
	if (o->output) {
		if (has_suffix(o->output, ".json"))
			return SM_TABLE_JSON;
		if (has_suffix(o->output, ".txt") || has_suffix(o->output, ".md"))
			return SM_TABLE_TEXT;
		return SM_TABLE_CSV;
	}
	return isatty(STDOUT_FILENO) ? SM_TABLE_TEXT : SM_TABLE_CSV;
}

int cli_table_digits(sm_table_format format)
{
	return format == SM_TABLE_TEXT ? 6 : 0;
}

static int flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_failf("cannot write to standard output: %s", strerror(errno));
	return CLI_OK;
}

int cli_write_table(sm_table *t, const cli_opts *o)
{
	sm_table_format format = cli_table_format(o);
	int digits = cli_table_digits(format);
	int rc;

	if (o->top > 0)
		sm_table_truncate(t, (size_t)o->top);
	if (o->output) {
		rc = sm_table_write_file(t, o->output, format, digits);
		return rc < 0 ? cli_fail(rc) : CLI_OK;
	}
	rc = sm_table_write_stream(t, stdout, format, digits);
	if (rc < 0)
		return cli_fail(rc);
	return flush_stdout();
}

/* ---- atomic output stream -------------------------------------------- */

int cli_sink_open(cli_sink *s, const char *path)
{
	static const char suffix[] = ".tmp.XXXXXX";
	size_t n;
	mode_t mask;
	int fd;

	memset(s, 0, sizeof(*s));
	if (path == NULL) {
		s->stream = stdout;
		return CLI_OK;
	}
	n = strlen(path);
	s->tmp = malloc(n + sizeof(suffix));
	if (s->tmp == NULL)
		return cli_failf("out of memory");
	memcpy(s->tmp, path, n);
	memcpy(s->tmp + n, suffix, sizeof(suffix));
	fd = mkstemp(s->tmp);
	if (fd < 0) {
		int err = errno;

		free(s->tmp);
		s->tmp = NULL;
		return cli_failf("cannot write %s: %s", path, strerror(err));
	}
	/* mkstemp makes the file 0600; give the result the usual umask mode. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, (mode_t)(0666 & ~mask));
	s->stream = fdopen(fd, "w");
	if (s->stream == NULL) {
		int err = errno;

		close(fd);
		unlink(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
		return cli_failf("cannot write %s: %s", path, strerror(err));
	}
	s->path = path;
	return CLI_OK;
}

int cli_sink_commit(cli_sink *s)
{
	int err = 0;

	if (s->stream == NULL)
		return CLI_ERROR;
	if (s->path == NULL) {
		s->stream = NULL;
		return flush_stdout();
	}
	if (fflush(s->stream) != 0 || ferror(s->stream))
		err = errno ? errno : EIO;
	else if (fsync(fileno(s->stream)) != 0)
		err = errno;
	if (fclose(s->stream) != 0 && err == 0)
		err = errno;
	s->stream = NULL;
	if (err == 0 && rename(s->tmp, s->path) != 0)
		err = errno;
	if (err != 0) {
		unlink(s->tmp);
		free(s->tmp);
		s->tmp = NULL;
		return cli_failf("cannot write %s: %s", s->path, strerror(err));
	}
	free(s->tmp);
	s->tmp = NULL;
	return CLI_OK;
}

void cli_sink_abort(cli_sink *s)
{
	if (s->path && s->stream) {
		fclose(s->stream);
		unlink(s->tmp);
	}
	free(s->tmp);
	s->tmp = NULL;
	s->stream = NULL;
}

/* ---- formatting ------------------------------------------------------ */

void cli_format_double(char *buf, size_t size, double v, int digits)
{
	int p;

	if (isnan(v)) {
		if (size > 0)
			buf[0] = '\0';
		return;
	}
	if (digits > 0) {
		snprintf(buf, size, "%.*g", digits, v);
		return;
	}
	for (p = 15; p <= 17; p++) {
		snprintf(buf, size, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

void cli_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

int cli_write_titled(FILE *f, const char *title, const sm_table *t, sm_table_format format)
{
	if (title)
		fprintf(f, "\n%s\n", title);
	int rc = sm_table_write_stream(t, f, format, cli_table_digits(format));
	return rc < 0 ? cli_fail(rc) : CLI_OK;
}

int cli_json_tables(FILE *f, const cli_named_table *tables, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		fputs("  ", f);
		cli_json_string(f, tables[i].name);
		fputs(": ", f);
		if (tables[i].t) {
			int rc = sm_table_write_stream(tables[i].t, f, SM_TABLE_JSON, 0);
			if (rc < 0)
				return cli_fail(rc);
		} else {
			fputs("null", f);
		}
		fputs(i + 1 < count ? ",\n" : "\n", f);
	}
	return CLI_OK;
}
