/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Checks shared by the fuzz targets (see fuzz_common.h and docs/fuzzing.md).
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"

void fz_fail(const char *fmt, ...)
{
	const sm_error *e = sm_error_last();
	va_list ap;
	fputs("fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nfuzz: last stakemap error: code %d, \"%s\" (line %lld, column %lld)\n",
	        e->code, e->message, (long long)e->line, (long long)e->column);
	fflush(stderr);
	abort();
}

void fz_check_error(int rc, unsigned allowed, const char *call)
{
	const sm_error *e = sm_error_last();
	if (rc >= 0)
		fz_fail("%s: returned %d where an error was expected", call, rc);
	if (rc < SM_EINTERNAL || !(allowed & FZ_CODE(rc)))
		fz_fail("%s: returned %d (%s), which it must not for this input", call, rc,
		        sm_strerror(rc));
	if (e->code != rc)
		fz_fail("%s: returned %d but sm_error_last()->code is %d", call, rc, e->code);
	if (!e->message || !e->message[0])
		fz_fail("%s: returned %d with an empty message", call, rc);
	if (strchr(e->message, '\n') || strchr(e->message, '\r'))
		fz_fail("%s: the message is not one line", call);
}

/* ---- files ------------------------------------------------------------- */

static char tmpdir[512];

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		struct dirent *ent;
		while ((ent = readdir(d)) != NULL) {
			char sub[1024];
			if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
				continue;
			snprintf(sub, sizeof sub, "%s/%s", path, ent->d_name);
			remove_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void remove_tmpdir(void)
{
	if (tmpdir[0])
		remove_tree(tmpdir);
}

const char *fz_tmpdir(void)
{
	if (!tmpdir[0]) {
		/* $TMPDIR, else /dev/shm: every input saves several files, and on
		 * tmpfs their fsync() calls cost nothing */
		const char *base = getenv("TMPDIR");
		struct stat st;
		if (!base || !base[0])
			base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
			               access("/dev/shm", W_OK | X_OK) == 0
			           ? "/dev/shm"
			           : "/tmp";
		snprintf(tmpdir, sizeof tmpdir, "%s/stakemap-fuzz-XXXXXX", base);
		if (!mkdtemp(tmpdir)) {
			fprintf(stderr, "fuzz: cannot create %s: %s\n", tmpdir, strerror(errno));
			exit(2);
		}
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

void fz_path(char *buf, size_t cap, const char *name)
{
	int n = snprintf(buf, cap, "%s/%s", fz_tmpdir(), name);
	if (n < 0 || (size_t)n >= cap)
		fz_fail("temporary path too long for %s", name);
}

void fz_write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		fz_fail("cannot write %s: %s", path, strerror(errno));
	int bad = size && fwrite(data, 1, size, f) != size;
	if (fclose(f) != 0 || bad)
		fz_fail("cannot write %s: %s", path, strerror(errno));
}

char *fz_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fz_fail("cannot read %s: %s", path, strerror(errno));
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	for (;;) {
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (len < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
		if (!buf)
			abort();
	}
	if (ferror(f))
		fz_fail("cannot read %s", path);
	fclose(f);
	*size = len;
	return buf;
}

/* ---- comparing networks ------------------------------------------------ */

static int same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static int64_t element_count(const sm_network *net, sm_element what)
{
	return what == SM_ACTOR ? sm_network_actor_count(net) : sm_network_relationship_count(net);
}

static const char *element_name(sm_element what)
{
	return what == SM_ACTOR ? "actor" : "relationship";
}

static int64_t find_attr(const sm_network *net, sm_element what, const char *name)
{
	int64_t n = sm_network_attr_count(net, what);
	for (int64_t k = 0; k < n; k++) {
		const char *other = sm_network_attr_name(net, what, k, NULL);
		if (!other)
			fz_fail("sm_network_attr_name(%lld) returned NULL below the count",
			        (long long)k);
		if (!strcmp(other, name))
			return k;
	}
	return -1;
}

/* Set while comparing with a network that went through the CSV pair, which
 * cannot carry empty text: "" then compares as a missing value. */
static int empty_text_is_null;

static sm_value attr_value(const sm_network *net, sm_element what, int64_t i, const char *name)
{
	sm_value v;
	int rc = sm_network_attr(&v, net, what, i, name);
	if (rc != SM_OK)
		fz_fail("sm_network_attr(%s %lld, \"%s\") returned %d for a declared attribute",
		        element_name(what), (long long)i, name, rc);
	if (v.type == SM_VALUE_STRING && !v.as.s)
		fz_fail("attribute \"%s\" is a string with a NULL pointer", name);
	if (v.type == SM_VALUE_NUMBER && !isfinite(v.as.n))
		fz_fail("attribute \"%s\" holds a number that is not finite", name);
	if (empty_text_is_null && v.type == SM_VALUE_STRING && !v.as.s[0])
		v.type = SM_VALUE_NULL;
	return v;
}

/* Every value of attribute `name` in `net` must be null. */
static void expect_all_null(const sm_network *net, sm_element what, const char *name,
                            const char *what_cmp)
{
	int64_t n = element_count(net, what);
	for (int64_t i = 0; i < n; i++)
		if (attr_value(net, what, i, name).type != SM_VALUE_NULL)
			fz_fail("%s: %s attribute \"%s\" is set on %s %lld but missing on the other side",
			        what_cmp, element_name(what), name, element_name(what), (long long)i);
}

static void compare_values(sm_value va, sm_value vb, const char *name, sm_element what,
                           int64_t i, const char *what_cmp)
{
	int same = va.type == vb.type;
	if (same) {
		switch (va.type) {
		case SM_VALUE_NULL: break;
		case SM_VALUE_STRING: same = strcmp(va.as.s, vb.as.s) == 0; break;
		case SM_VALUE_NUMBER: same = va.as.n == vb.as.n; break;
		case SM_VALUE_BOOL: same = va.as.b == vb.as.b; break;
		}
	}
	if (!same)
		fz_fail("%s: %s %lld: attribute \"%s\" differs (types %d and %d)", what_cmp,
		        element_name(what), (long long)i, name, (int)va.type, (int)vb.type);
}

static void compare_attrs(const sm_network *a, const sm_network *b, sm_element what,
                          const char *what_cmp)
{
	int64_t n = element_count(a, what);
	int64_t ka = sm_network_attr_count(a, what), kb = sm_network_attr_count(b, what);
	for (int64_t k = 0; k < ka; k++) {
		sm_value_type ta, tb;
		const char *name = sm_network_attr_name(a, what, k, &ta);
		int64_t kk = find_attr(b, what, name);
		if (kk < 0) {
			expect_all_null(a, what, name, what_cmp);
			continue;
		}
		sm_network_attr_name(b, what, kk, &tb);
		for (int64_t i = 0; i < n; i++)
			compare_values(attr_value(a, what, i, name), attr_value(b, what, i, name), name,
			               what, i, what_cmp);
		if (ta != tb && n > 0 && ta != SM_VALUE_NULL && tb != SM_VALUE_NULL)
			fz_fail("%s: %s attribute \"%s\" has type %d on one side, %d on the other",
			        what_cmp, element_name(what), name, (int)ta, (int)tb);
	}
	for (int64_t k = 0; k < kb; k++) {
		const char *name = sm_network_attr_name(b, what, k, NULL);
		if (find_attr(a, what, name) < 0)
			expect_all_null(b, what, name, what_cmp);
	}
}

void fz_compare_networks(const sm_network *a, const sm_network *b, const char *what)
{
	if (sm_network_is_directed(a) != sm_network_is_directed(b))
		fz_fail("%s: directed %d became %d", what, sm_network_is_directed(a),
		        sm_network_is_directed(b));
	int64_t n = sm_network_actor_count(a), m = sm_network_relationship_count(a);
	if (n != sm_network_actor_count(b) || m != sm_network_relationship_count(b))
		fz_fail("%s: %lld actors and %lld relationships became %lld and %lld", what,
		        (long long)n, (long long)m, (long long)sm_network_actor_count(b),
		        (long long)sm_network_relationship_count(b));
	for (int64_t i = 0; i < n; i++) {
		const char *ida = sm_network_actor_id(a, i), *idb = sm_network_actor_id(b, i);
		if (!ida || !ida[0] || !same_text(ida, idb))
			fz_fail("%s: actor %lld: id differs or is empty", what, (long long)i);
		if (!same_text(sm_network_actor_label(a, i), sm_network_actor_label(b, i)))
			fz_fail("%s: actor %lld: label differs", what, (long long)i);
		const char *kind = sm_network_actor_kind(a, i);
		if (!kind || !same_text(kind, sm_network_actor_kind(b, i)))
			fz_fail("%s: actor %lld: kind differs or is NULL", what, (long long)i);
	}
	for (int64_t r = 0; r < m; r++) {
		sm_relationship ra, rb;
		if (sm_network_relationship(&ra, a, r) != SM_OK ||
		    sm_network_relationship(&rb, b, r) != SM_OK)
			fz_fail("%s: sm_network_relationship(%lld) failed", what, (long long)r);
		if (ra.source != rb.source || ra.target != rb.target)
			fz_fail("%s: relationship %lld: ends differ", what, (long long)r);
		if (ra.source == ra.target || ra.source < 0 || ra.source >= n || ra.target < 0 ||
		    ra.target >= n)
			fz_fail("%s: relationship %lld: bad ends %lld, %lld", what, (long long)r,
			        (long long)ra.source, (long long)ra.target);
		if (!(ra.quality > 0 && ra.quality <= 1) || ra.quality != rb.quality)
			fz_fail("%s: relationship %lld: quality %.17g became %.17g", what, (long long)r,
			        ra.quality, rb.quality);
		if (!same_text(ra.kind, rb.kind))
			fz_fail("%s: relationship %lld: kind differs", what, (long long)r);
		if (ra.since != rb.since || ra.until != rb.until)
			fz_fail("%s: relationship %lld: period differs", what, (long long)r);
		if (ra.since != SM_DATE_NONE && ra.until != SM_DATE_NONE && ra.until < ra.since)
			fz_fail("%s: relationship %lld: until before since", what, (long long)r);
	}
	compare_attrs(a, b, SM_ACTOR, what);
	compare_attrs(a, b, SM_RELATIONSHIP, what);
}

/* ---- summary ----------------------------------------------------------- */

static int close_below(double a, double b)
{
	return a <= b + 1e-12 * fabs(b) + 1e-300;
}

void fz_check_summary(const sm_network *net)
{
	sm_summary s;
	int rc = sm_network_summarize(&s, net);
	if (rc != SM_OK)
		fz_fail("sm_network_summarize returned %d", rc);
	int64_t n = sm_network_actor_count(net), m = sm_network_relationship_count(net);
	if (s.actors != n || s.relationships != m || s.directed != sm_network_is_directed(net))
		fz_fail("summary: actors/relationships/directed do not match the network");
	if (s.pairs < 0 || s.pairs > m || s.pairs + s.multi_relationships != m)
		fz_fail("summary: pairs %lld + multi %lld != relationships %lld", (long long)s.pairs,
		        (long long)s.multi_relationships, (long long)m);
	if (!(s.density >= 0 && s.density <= 1))
		fz_fail("summary: density %g outside [0, 1]", s.density);
	if (n == 0 ? (s.components != 0 || s.largest_component != 0)
	           : (s.components < 1 || s.components > n || s.largest_component < 1 ||
	              s.largest_component > n))
		fz_fail("summary: components %lld, largest %lld for %lld actors",
		        (long long)s.components, (long long)s.largest_component, (long long)n);
	if (s.strong_components < s.components || s.strong_components > n ||
	    (!s.directed && s.strong_components != s.components))
		fz_fail("summary: %lld strong components, %lld components",
		        (long long)s.strong_components, (long long)s.components);
	if (s.isolated < 0 || s.isolated > n || (n > 0 && s.isolated > s.components))
		fz_fail("summary: %lld isolated actors", (long long)s.isolated);
	if (!(s.mean_degree >= 0) || !isfinite(s.mean_degree))
		fz_fail("summary: mean degree %g", s.mean_degree);
	int64_t hist = 0;
	for (int k = 0; k < 5; k++)
		hist += s.quality_histogram[k];
	if (hist != m)
		fz_fail("summary: the quality histogram counts %lld of %lld relationships",
		        (long long)hist, (long long)m);
	if (m > 0) {
		if (!(s.quality_min > 0 && s.quality_max <= 1 && s.quality_min <= s.quality_max &&
		      close_below(s.quality_min, s.quality_mean) &&
		      close_below(s.quality_mean, s.quality_max) &&
		      s.quality_min <= s.quality_median && s.quality_median <= s.quality_max))
			fz_fail("summary: quality min %g mean %g median %g max %g", s.quality_min,
			        s.quality_mean, s.quality_median, s.quality_max);
	} else if (!isnan(s.quality_min) || !isnan(s.quality_max) || !isnan(s.quality_mean) ||
	           !isnan(s.quality_median)) {
		fz_fail("summary: quality figures are not NaN without relationships");
	}
	if (s.dated < 0 || s.dated > m)
		fz_fail("summary: %lld dated relationships", (long long)s.dated);
	if (s.dated == 0 ? (s.first_date != SM_DATE_NONE || s.last_date != SM_DATE_NONE)
	                 : (s.first_date == SM_DATE_NONE || s.last_date < s.first_date))
		fz_fail("summary: dates %d … %d for %lld dated", (int)s.first_date, (int)s.last_date,
		        (long long)s.dated);
}

/* ---- shared load checks ----------------------------------------------- */

/* The bytes of a saved file, or of both files of a saved CSV folder. */
static char *read_saved(const char *path, size_t *size)
{
	struct stat st;
	if (stat(path, &st) != 0)
		fz_fail("sm_network_save reported success but %s does not exist", path);
	if (!S_ISDIR(st.st_mode))
		return fz_read_file(path, size);
	char a[1100], r[1100];
	snprintf(a, sizeof a, "%s/actors.csv", path);
	snprintf(r, sizeof r, "%s/relationships.csv", path);
	size_t na, nr;
	char *ba = fz_read_file(a, &na), *br = fz_read_file(r, &nr);
	char *all = malloc(na + nr + 1);
	if (!all)
		abort();
	memcpy(all, ba, na);
	all[na] = '\0';
	memcpy(all + na + 1, br, nr);
	free(ba);
	free(br);
	*size = na + nr + 1;
	return all;
}

void fz_round_trip(const sm_network *net, sm_format format, const char *name1,
                   const char *name2)
{
	char first[1024], second[1024];
	fz_path(first, sizeof first, name1);
	fz_path(second, sizeof second, name2);

	int rc = sm_network_save(net, first, format);
	if (rc != SM_OK)
		fz_fail("sm_network_save(%s) of a loaded network returned %d", first, rc);
	sm_network *back = NULL;
	rc = sm_network_load(&back, first, NULL);
	if (rc != SM_OK)
		fz_fail("loading back what sm_network_save wrote returned %d", rc);
	fz_compare_networks(net, back, "save + load");
	rc = sm_network_save(back, second, format);
	if (rc != SM_OK)
		fz_fail("saving the network loaded back returned %d", rc);
	size_t n1, n2;
	char *b1 = read_saved(first, &n1), *b2 = read_saved(second, &n2);
	if (n1 != n2 || memcmp(b1, b2, n1) != 0)
		fz_fail("save(load(save(x))) differs from save(x) (%zu and %zu bytes)", n1, n2);
	free(b1);
	free(b2);
	sm_network_free(back);
	remove_tree(first);
	remove_tree(second);
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int same_but_case(const char *a, const char *b)
{
	while (*a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b))
		a++, b++;
	return !*a && !*b;
}

/* Whether the CSV pair can carry the attribute names of `net` (docs/formats/csv.md,
 * "What the CSV pair cannot carry"): no space at either end, no two names
 * of one element type equal but for case. */
static int csv_can_carry_names(const sm_network *net)
{
	for (int w = SM_ACTOR; w <= SM_RELATIONSHIP; w++) {
		int64_t n = sm_network_attr_count(net, (sm_element)w);
		for (int64_t k = 0; k < n; k++) {
			const char *a = sm_network_attr_name(net, (sm_element)w, k, NULL);
			size_t len = strlen(a);
			if (a[0] == ' ' || a[len - 1] == ' ')
				return 0;
			for (int64_t j = 0; j < k; j++)
				if (same_but_case(a, sm_network_attr_name(net, (sm_element)w, j, NULL)))
					return 0;
		}
	}
	return 1;
}

/* Save in `format`, load back, compare; remove what was written. */
static void convert(const sm_network *net, sm_format format, const char *name)
{
	char path[1024];
	fz_path(path, sizeof path, name);
	int rc = sm_network_save(net, path, format);
	if (rc != SM_OK) {
		const char *m = sm_error_last()->message;
		/* documented: XML 1.0 cannot carry most C0 controls, U+FFFE, U+FFFF */
		if (format == SM_FORMAT_GRAPHML && rc == SM_EINVAL &&
		    strstr(m, "cannot write GraphML") && strstr(m, "XML 1.0 cannot represent")) {
			fz_check_error(rc, FZ_CODE(SM_EINVAL), "sm_network_save(GraphML)");
			struct stat st;
			if (stat(path, &st) == 0)
				fz_fail("a refused GraphML save left %s behind", path);
			return;
		}
		fz_fail("converting: sm_network_save(%s) returned %d", name, rc);
	}
	sm_network *back = NULL;
	rc = sm_network_load(&back, path, NULL);
	if (rc != SM_OK)
		fz_fail("converting: loading back %s returned %d", name, rc);
	char what[64];
	snprintf(what, sizeof what, "conversion through %s", name);
	empty_text_is_null = format == SM_FORMAT_CSV;
	fz_compare_networks(net, back, what);
	empty_text_is_null = 0;
	sm_network_free(back);
	remove_tree(path);
}

void fz_cross_check(const sm_network *net, sm_format from)
{
	if (from != SM_FORMAT_JSON)
		convert(net, SM_FORMAT_JSON, "converted.json");
	if (from != SM_FORMAT_GRAPHML)
		convert(net, SM_FORMAT_GRAPHML, "converted.graphml");
	if (from != SM_FORMAT_CSV && csv_can_carry_names(net))
		convert(net, SM_FORMAT_CSV, "converted");
}

void fz_save_error(fz_saved_error *s, int rc, const char *strip)
{
	const sm_error *e = sm_error_last();
	s->code = rc;
	s->line = e->line;
	s->column = e->column;
	/* drop `strip` (the folder the file loader was given) where the message starts with it */
	const char *m = e->message;
	if (strip && !strncmp(m, strip, strlen(strip)))
		m += strlen(strip);
	snprintf(s->message, sizeof s->message, "%s", m);
}

void fz_expect_same_error(const fz_saved_error *a, const fz_saved_error *b, const char *what)
{
	if (a->code != b->code || a->line != b->line || a->column != b->column ||
	    strcmp(a->message, b->message) != 0)
		fz_fail("%s disagree:\n  %d %s (%lld:%lld)\n  %d %s (%lld:%lld)", what, a->code,
		        a->message, (long long)a->line, (long long)a->column, b->code, b->message,
		        (long long)b->line, (long long)b->column);
}

void fz_check_validate(const char *path, int load_rc)
{
	sm_problem_list *problems = NULL;
	int rc = sm_validate(&problems, path, NULL);
	if (rc != SM_OK)
		fz_fail("sm_validate returned %d (the loader returned %d)", rc, load_rc);
	size_t count = sm_problem_list_count(problems);
	if ((load_rc == SM_OK) != (count == 0))
		fz_fail("sm_validate found %zu problems, the loader returned %d", count, load_rc);
	for (size_t i = 0; i < count; i++) {
		const sm_error *p = sm_problem_list_get(problems, i);
		if (!p || p->code >= 0 || p->code < SM_EINTERNAL || p->code == SM_EINTERNAL ||
		    !p->message || !p->message[0] || strchr(p->message, '\n'))
			fz_fail("sm_validate: problem %zu is malformed", i);
	}
	if (sm_problem_list_get(problems, count))
		fz_fail("sm_problem_list_get past the end returned a problem");
	sm_problem_list_free(problems);
}

void fz_check_directed_option(const sm_network *net, int rc, const sm_network *forced)
{
	if (rc != SM_OK) {
		fz_check_error(rc, FZ_LOAD_ERRORS, "loading with directed = 1");
		return;
	}
	if (sm_network_actor_count(forced) != sm_network_actor_count(net) ||
	    sm_network_relationship_count(forced) != sm_network_relationship_count(net))
		fz_fail("loading with directed = 1 changed the counts");
}

/* ---- JSON and GraphML files -------------------------------------------- */

void fz_check_file_format(const uint8_t *data, size_t size, sm_format format,
                          const char *file_name)
{
	static int sentinel;
	sm_network *const untouched = (sm_network *)(void *)&sentinel;
	const char *ext = strrchr(file_name, '.');
	char path[1024], dir[1024], saved1[64], saved2[64];
	fz_saved_error err = { 0 }, err_file = { 0 };

	snprintf(dir, sizeof dir, "%s/", fz_tmpdir());
	snprintf(saved1, sizeof saved1, "saved1%s", ext ? ext : "");
	snprintf(saved2, sizeof saved2, "saved2%s", ext ? ext : "");

	/* 1. from memory */
	sm_network *net = untouched;
	int rc = sm_network_load_buffer(&net, data, size, format, file_name, NULL);
	if (rc == SM_OK) {
		if (!net || net == untouched)
			fz_fail("sm_network_load_buffer returned SM_OK without a network");
	} else {
		fz_check_error(rc, FZ_LOAD_ERRORS, "sm_network_load_buffer");
		if (net != untouched)
			fz_fail("sm_network_load_buffer wrote *out on failure");
		fz_save_error(&err, rc, NULL);
	}

	/* 2. the same bytes from a file: same result, same error */
	fz_path(path, sizeof path, file_name);
	fz_write_file(path, data, size);
	sm_network *from_file = NULL;
	int rc_file = sm_network_load(&from_file, path, NULL);
	if (rc_file != rc)
		fz_fail("sm_network_load returned %d, sm_network_load_buffer %d", rc_file, rc);
	if (rc == SM_OK) {
		fz_compare_networks(net, from_file, "buffer vs file");
		sm_network_free(from_file);
	} else {
		fz_save_error(&err_file, rc_file, dir);
		fz_expect_same_error(&err, &err_file, "the buffer and file loaders");
	}

	/* 3. sm_validate agrees */
	fz_check_validate(path, rc);
	unlink(path);
	if (rc != SM_OK)
		return;

	/* 4. the loaded network: summary, round trip */
	fz_check_summary(net);
	fz_round_trip(net, format, saved1, saved2);
	fz_cross_check(net, format);

	/* 5. the option "directed" = 1 */
	sm_load_options opts;
	sm_load_options_init(&opts);
	opts.directed = 1;
	sm_network *forced = NULL;
	rc = sm_network_load_buffer(&forced, data, size, format, file_name, &opts);
	fz_check_directed_option(net, rc, forced);
	sm_network_free(forced);
	sm_network_free(net);
}
