/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Loading, saving and validating networks: picks the format, opens the
 * inputs, and collects problems for `validate`. The formats themselves are
 * in json.c, csv.c and graphml.c; the write-only exports in gexf.c, dot.c,
 * pajek.c and kumu.c (a Kumu folder is read back by the CSV reader).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io/io_internal.h"

#define SM_MAX_PROBLEMS 1000

struct sm_problem_list {
	sm_error *items;
	size_t count, cap;
	bool truncated;
};

void sm_load_options_init(sm_load_options *opts)
{
	sm_load_options d = SM_LOAD_OPTIONS_INIT;
	*opts = d;
}

/* ---- sources ------------------------------------------------------------ */

void sm_source_from_buffer(sm_source *s, const char *name, const void *data, size_t size,
                           int64_t max_bytes)
{
	memset(s, 0, sizeof *s);
	s->name = name ? name : "<memory>";
	s->data = data;
	s->size = size;
	s->max_bytes = max_bytes > 0 ? max_bytes : SM_DEFAULT_MAX_FILE_BYTES;
}

int sm_source_open(sm_source *s, const char *path, int64_t max_bytes)
{
	memset(s, 0, sizeof *s);
	s->name = path;
	s->max_bytes = max_bytes > 0 ? max_bytes : SM_DEFAULT_MAX_FILE_BYTES;
	s->file = fopen(path, "rb");
	if (!s->file) {
		int e = errno;
		return sm_fail(e == ENOENT ? SM_ENOTFOUND : SM_EIO, "cannot open %s: %s", path,
		               strerror(e));
	}
	return SM_OK;
}

void sm_source_close(sm_source *s)
{
	if (s->file)
		fclose(s->file);
	s->file = NULL;
}

int64_t sm_source_read(sm_source *s, void *buf, size_t cap)
{
	size_t got;
	if (s->file) {
		got = fread(buf, 1, cap, s->file);
		if (got < cap && ferror(s->file))
			return sm_fail(SM_EIO, "cannot read %s: %s", s->name, strerror(errno));
	} else {
		got = s->size - s->pos < cap ? s->size - s->pos : cap;
		memcpy(buf, s->data + s->pos, got);
	}
	s->pos += got;
	if ((int64_t)s->pos > s->max_bytes)
		return sm_fail(SM_ELIMIT, "%s is larger than the limit of %lld bytes", s->name,
		               (long long)s->max_bytes);
	return (int64_t)got;
}

const char *sm_source_view(const sm_source *s, size_t *size)
{
	if (s->file)
		return NULL;
	*size = s->size;
	return s->data;
}

/* ---- problems ----------------------------------------------------------- */

static int problem_add(sm_problem_list *l)
{
	const sm_error *e = sm_error_last();
	if (l->count >= SM_MAX_PROBLEMS) {
		l->truncated = true;
		return sm_fail(SM_ELIMIT, "more than %d problems; stopped checking", SM_MAX_PROBLEMS);
	}
	int rc = SM_GROW(l->items, l->cap, l->count + 1);
	if (rc)
		return rc;
	sm_error copy = *e;
	copy.message = sm_strdup(e->message);
	copy.file = e->file ? sm_strdup(e->file) : NULL;
	if (!copy.message || (e->file && !copy.file)) {
		sm_free((void *)copy.message);
		sm_free((void *)copy.file);
		return sm_fail_nomem();
	}
	l->items[l->count++] = copy;
	return SM_OK;
}

int sm_diag_problem(sm_diag *d, int rc)
{
	if (!d || !d->collect || rc == SM_ENOMEM)
		return rc;
	return problem_add(d->problems);
}

size_t sm_problem_list_count(const sm_problem_list *l)
{
	return l ? l->count : 0;
}

const sm_error *sm_problem_list_get(const sm_problem_list *l, size_t i)
{
	return l && i < l->count ? &l->items[i] : NULL;
}

void sm_problem_list_free(sm_problem_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++) {
		sm_free((void *)l->items[i].message);
		sm_free((void *)l->items[i].file);
	}
	sm_free(l->items);
	sm_free(l);
}

/* ---- format detection --------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && sm_strcasecmp(s + a - b, suffix) == 0;
}

static const char *format_name(sm_format f)
{
	switch (f) {
	case SM_FORMAT_GEXF: return "GEXF";
	case SM_FORMAT_DOT: return "DOT";
	case SM_FORMAT_PAJEK: return "Pajek";
	default: return "this format";
	}
}

/* Loading an export: SM_EINVAL naming the path and the format. */
static int write_only(const char *path, sm_format f)
{
	return sm_fail(SM_EINVAL, "%s: %s is write-only: stakemap exports it but cannot read it "
	               "(load JSON, GraphML or the CSV pair)", path, format_name(f));
}

static int detect(sm_format *out, const char *path, sm_format asked, bool for_writing)
{
	if (asked != SM_FORMAT_AUTO) {
		if (asked < SM_FORMAT_JSON || asked > SM_FORMAT_KUMU)
			return sm_fail(SM_EINVAL, "unknown format %d", (int)asked);
		*out = asked;
		return SM_OK;
	}
	struct stat st;
	if (!for_writing || stat(path, &st) == 0) {
		if (stat(path, &st) != 0) {
			int e = errno;
			return sm_fail(e == ENOENT ? SM_ENOTFOUND : SM_EIO, "cannot open %s: %s", path,
			               strerror(e));
		}
		if (S_ISDIR(st.st_mode)) {
			*out = SM_FORMAT_CSV;
			return SM_OK;
		}
	}
	if (ends_with(path, ".json")) {
		*out = SM_FORMAT_JSON;
	} else if (ends_with(path, ".graphml") || ends_with(path, ".xml")) {
		*out = SM_FORMAT_GRAPHML;
	} else if (ends_with(path, ".gexf")) {
		*out = SM_FORMAT_GEXF;
	} else if (ends_with(path, ".dot") || ends_with(path, ".gv")) {
		*out = SM_FORMAT_DOT;
	} else if (ends_with(path, ".net")) {
		*out = SM_FORMAT_PAJEK;
	} else if (for_writing && !strchr(strrchr(path, '/') ? strrchr(path, '/') : path, '.')) {
		*out = SM_FORMAT_CSV; /* a path without an extension names a folder */
	} else {
		return sm_fail(SM_EINVAL, for_writing
		               ? "%s: unknown format (use .json, .graphml, .gexf, .dot, .gv, .net or "
		                 "a folder for the CSV pair)"
		               : "%s: unknown format (use .json, .graphml or a folder for the CSV pair)",
		               path);
	}
	return SM_OK;
}

/* ---- loading ------------------------------------------------------------ */

/* A CSV-pair folder: actors.csv + relationships.csv, or Kumu's
 * elements.csv + connections.csv (`kumu`, or when relationships.csv is
 * missing and connections.csv is there). */
static int load_csv_folder(sm_network **out, const char *dir, const sm_load_options *o,
                           sm_diag *d, bool kumu)
{
	char *apath = NULL, *rpath = NULL;
	sm_source a, r;
	bool have_actors = false;
	int rc;
	size_t n = strlen(dir) + 32;
	apath = sm_malloc(n);
	rpath = sm_malloc(n);
	if (!apath || !rpath) {
		rc = sm_fail_nomem();
		goto done;
	}
	const char *sep = ends_with(dir, "/") ? "" : "/";
	snprintf(apath, n, "%s%sactors.csv", dir, sep);
	snprintf(rpath, n, "%s%srelationships.csv", dir, sep);
	struct stat st;
	if (!kumu && stat(rpath, &st) != 0) {
		snprintf(rpath, n, "%s%sconnections.csv", dir, sep);
		kumu = stat(rpath, &st) == 0;
		snprintf(rpath, n, "%s%srelationships.csv", dir, sep);
	}
	if (kumu) {
		snprintf(apath, n, "%s%selements.csv", dir, sep);
		snprintf(rpath, n, "%s%sconnections.csv", dir, sep);
	}
	if (stat(rpath, &st) != 0) {
		rc = kumu ? sm_fail(SM_ENOTFOUND, "%s holds no connections.csv (a Kumu folder holds "
		                                  "elements.csv and connections.csv)", dir)
		          : sm_fail(SM_ENOTFOUND, "%s holds no relationships.csv (a CSV pair is a "
		                                  "folder with actors.csv and relationships.csv)", dir);
		goto done;
	}
	if (stat(apath, &st) == 0) {
		if ((rc = sm_source_open(&a, apath, o->max_file_bytes)))
			goto done;
		have_actors = true;
	}
	if ((rc = sm_source_open(&r, rpath, o->max_file_bytes))) {
		if (have_actors)
			sm_source_close(&a);
		goto done;
	}
	rc = sm_csv_read(out, have_actors ? &a : NULL, &r, o, d);
	if (have_actors)
		sm_source_close(&a);
	sm_source_close(&r);
done:
	sm_free(apath);
	sm_free(rpath);
	return rc;
}

static int load_path(sm_network **out, const char *path, const sm_load_options *opts, sm_diag *d)
{
	sm_load_options o;
	if (opts)
		o = *opts;
	else
		sm_load_options_init(&o);
	if (!path)
		return sm_fail(SM_EINVAL, "path is NULL");
	sm_format f;
	int rc = detect(&f, path, o.format, false);
	if (rc)
		return rc;
	if (f == SM_FORMAT_GEXF || f == SM_FORMAT_DOT || f == SM_FORMAT_PAJEK)
		return write_only(path, f);
	struct stat st;
	bool folder = f == SM_FORMAT_CSV || f == SM_FORMAT_KUMU;
	if (!folder && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return sm_fail(SM_EINVAL, "%s is a folder, not a file", path);
	if (folder)
		return load_csv_folder(out, path, &o, d, f == SM_FORMAT_KUMU);
	sm_source s;
	if ((rc = sm_source_open(&s, path, o.max_file_bytes)))
		return rc;
	rc = f == SM_FORMAT_JSON ? sm_json_read(out, &s, &o, d) : sm_graphml_read(out, &s, &o, d);
	sm_source_close(&s);
	return rc;
}

int sm_network_load(sm_network **out, const char *path, const sm_load_options *opts)
{
	sm_diag d = { false, NULL };
	sm_network *net = NULL;
	int rc = load_path(&net, path, opts, &d);
	if (rc == SM_OK)
		*out = net;
	return rc;
}

int sm_network_load_buffer(sm_network **out, const void *data, size_t size, sm_format format,
                           const char *name, const sm_load_options *opts)
{
	sm_load_options o;
	if (opts)
		o = *opts;
	else
		sm_load_options_init(&o);
	if (!data && size)
		return sm_fail(SM_EINVAL, "data is NULL");
	if (format == SM_FORMAT_GEXF || format == SM_FORMAT_DOT || format == SM_FORMAT_PAJEK)
		return write_only(name ? name : "<memory>", format);
	if (format != SM_FORMAT_JSON && format != SM_FORMAT_GRAPHML)
		return sm_fail(SM_EINVAL, "sm_network_load_buffer reads JSON or GraphML; use "
		                          "sm_network_load_csv_buffers for the CSV pair");
	sm_source s;
	sm_source_from_buffer(&s, name, data ? data : "", size, o.max_file_bytes);
	sm_diag d = { false, NULL };
	sm_network *net = NULL;
	int rc = format == SM_FORMAT_JSON ? sm_json_read(&net, &s, &o, &d)
	                                  : sm_graphml_read(&net, &s, &o, &d);
	if (rc == SM_OK)
		*out = net;
	return rc;
}

int sm_network_load_csv_buffers(sm_network **out, const void *actors, size_t actors_size,
                                const void *relationships, size_t relationships_size,
                                const sm_load_options *opts)
{
	sm_load_options o;
	if (opts)
		o = *opts;
	else
		sm_load_options_init(&o);
	if (!relationships)
		return sm_fail(SM_EINVAL, "relationships.csv contents are NULL");
	sm_source a, r;
	sm_source_from_buffer(&a, "actors.csv", actors ? actors : "", actors_size, o.max_file_bytes);
	sm_source_from_buffer(&r, "relationships.csv", relationships, relationships_size,
	                      o.max_file_bytes);
	sm_diag d = { false, NULL };
	sm_network *net = NULL;
	int rc = sm_csv_read(&net, actors ? &a : NULL, &r, &o, &d);
	if (rc == SM_OK)
		*out = net;
	return rc;
}

int sm_validate(sm_problem_list **out, const char *path, const sm_load_options *opts)
{
	sm_problem_list *list = sm_calloc(1, sizeof *list);
	if (!list)
		return sm_fail_nomem();
	sm_diag d = { true, list };
	sm_network *net = NULL;
	int rc = load_path(&net, path, opts, &d);
	sm_network_free(net);
	/* A file that cannot be opened is the caller's error; anything the
	 * reader stopped at (syntax, limits) is a problem of the file. */
	if (rc == SM_ENOMEM || rc == SM_ENOTFOUND || (rc == SM_EIO && list->count == 0) ||
	    (rc == SM_EINVAL && !sm_error_last()->file && list->count == 0 &&
	     sm_error_last()->line == 0)) {
		sm_problem_list_free(list);
		return rc;
	}
	if (rc != SM_OK && !list->truncated && (rc = problem_add(list)) != SM_OK) {
		sm_problem_list_free(list);
		return rc;
	}
	*out = list;
	return SM_OK;
}

/* ---- saving ------------------------------------------------------------- */

int sm_network_save(const sm_network *net, const char *path, sm_format format)
{
	if (!net || !path)
		return sm_fail(SM_EINVAL, "network or path is NULL");
	sm_format f;
	int rc = detect(&f, path, format, true);
	if (rc)
		return rc;
	switch (f) {
	case SM_FORMAT_JSON: return sm_json_write(net, path);
	case SM_FORMAT_CSV: return sm_csv_write(net, path);
	case SM_FORMAT_GRAPHML: return sm_graphml_write(net, path);
	case SM_FORMAT_GEXF: return sm_gexf_write(net, path);
	case SM_FORMAT_DOT: return sm_dot_write(net, path);
	case SM_FORMAT_PAJEK: return sm_pajek_write(net, path);
	case SM_FORMAT_KUMU: return sm_kumu_write(net, path);
	default: return sm_fail(SM_EINVAL, "unknown format %d", (int)f);
	}
}
