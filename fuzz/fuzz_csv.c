/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fuzz_csv: the input is a CSV pair (docs/formats/csv.md) in one buffer:
 *
 *     <actors.csv bytes>\n----\n<relationships.csv bytes>
 *
 * split at the FIRST "\n----\n" (the newline before the dashes belongs to the
 * separator, so actors.csv is everything before it). Without that separator
 * the whole input is relationships.csv and there is no actors.csv (NULL).
 * An input starting "\n----\n" gives an empty, present actors.csv.
 *
 * The pair is loaded from memory and from a folder (same result), validated
 * (sm_validate agrees), and when it loads: summarised, saved as a CSV
 * folder, loaded back (equal), saved again (same bytes), converted to JSON
 * and GraphML and back (equal), and loaded with directed = 1.
 */
#define _POSIX_C_SOURCE 200809L

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"

#define SEPARATOR "\n----\n"

static const uint8_t *find(const uint8_t *data, size_t size, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= size; i++)
		if (data[i] == (uint8_t)needle[0] && !memcmp(data + i, needle, n))
			return data + i;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int sentinel;
	sm_network *const untouched = (sm_network *)(void *)&sentinel;
	const uint8_t *actors = NULL, *rels = data;
	size_t actors_size = 0, rels_size = size;
	const uint8_t *sep = find(data, size, SEPARATOR);
	if (sep) {
		actors = data;
		actors_size = (size_t)(sep - data);
		rels = sep + strlen(SEPARATOR);
		rels_size = size - actors_size - strlen(SEPARATOR);
	}
	/* never pass NULL for relationships.csv, even when it is empty */
	if (!rels_size)
		rels = (const uint8_t *)"";

	/* 1. from memory */
	fz_saved_error err = { 0 }, err_file = { 0 };
	sm_network *net = untouched;
	int rc = sm_network_load_csv_buffers(&net, actors, actors_size, rels, rels_size, NULL);
	if (rc == SM_OK) {
		if (!net || net == untouched)
			fz_fail("sm_network_load_csv_buffers returned SM_OK without a network");
	} else {
		fz_check_error(rc, FZ_LOAD_ERRORS, "sm_network_load_csv_buffers");
		if (net != untouched)
			fz_fail("sm_network_load_csv_buffers wrote *out on failure");
		fz_save_error(&err, rc, NULL);
	}

	/* 2. the same pair as a folder */
	char dir[1024], apath[1100], rpath[1100], strip[1100];
	fz_path(dir, sizeof dir, "input");
	mkdir(dir, 0700);
	snprintf(apath, sizeof apath, "%s/actors.csv", dir);
	snprintf(rpath, sizeof rpath, "%s/relationships.csv", dir);
	snprintf(strip, sizeof strip, "%s/", dir);
	if (actors)
		fz_write_file(apath, actors, actors_size);
	fz_write_file(rpath, rels, rels_size);
	sm_network *from_dir = NULL;
	int rc_dir = sm_network_load(&from_dir, dir, NULL);
	if (rc_dir != rc)
		fz_fail("sm_network_load(folder) returned %d, sm_network_load_csv_buffers %d", rc_dir,
		        rc);
	if (rc == SM_OK) {
		fz_compare_networks(net, from_dir, "buffers vs folder");
		sm_network_free(from_dir);
	} else {
		fz_save_error(&err_file, rc_dir, strip);
		fz_expect_same_error(&err, &err_file, "the buffer and folder loaders");
	}

	/* 3. sm_validate agrees */
	fz_check_validate(dir, rc);
	unlink(apath);
	unlink(rpath);
	if (rc != SM_OK)
		return 0;

	/* 4. the loaded network: summary, round trip through a CSV folder */
	fz_check_summary(net);
	fz_round_trip(net, SM_FORMAT_CSV, "saved1", "saved2");
	fz_cross_check(net, SM_FORMAT_CSV);

	/* 5. the option "directed" = 1 */
	sm_load_options opts;
	sm_load_options_init(&opts);
	opts.directed = 1;
	sm_network *forced = NULL;
	rc = sm_network_load_csv_buffers(&forced, actors, actors_size, rels, rels_size, &opts);
	fz_check_directed_option(net, rc, forced);
	sm_network_free(forced);
	sm_network_free(net);
	return 0;
}
