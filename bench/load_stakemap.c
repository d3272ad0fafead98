/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * load_stakemap: time loading a CSV-pair folder and freezing it.
 *
 *   load_stakemap DIR
 *
 * sm_network_load(DIR) (actors.csv + relationships.csv, undirected), then
 * sm_network_freeze() (the CSR adjacency every analysis uses). Prints one line
 * of JSON: tool, seconds (load + freeze, wall clock), load_s, freeze_s, cpu_s
 * (user + system CPU seconds of the load and freeze), peak_rss_mb
 * (getrusage ru_maxrss of this process), actors, relationships.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include <stakemap.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* User + system CPU seconds of this process so far. */
static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

static int fail(const char *what)
{
	const sm_error *e = sm_error_last();
	fprintf(stderr, "load_stakemap: %s: %s (%s)\n", what, e->message, sm_strerror(e->code));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: load_stakemap DIR\n");
		return 2;
	}
	sm_load_options opts;
	sm_load_options_init(&opts);
	opts.format = SM_FORMAT_CSV;
	opts.directed = 0;

	sm_network *net = NULL;
	double c0 = cpu_seconds();
	double t0 = now();
	if (sm_network_load(&net, argv[1], &opts) != SM_OK)
		return fail("load");
	double t1 = now();
	if (sm_network_freeze(net) != SM_OK)
		return fail("freeze");
	double t2 = now();
	double c2 = cpu_seconds();

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("{\"tool\":\"stakemap\",\"seconds\":%.3f,\"load_s\":%.3f,\"freeze_s\":%.3f,"
	       "\"cpu_s\":%.3f,\"peak_rss_mb\":%.1f,\"actors\":%lld,\"relationships\":%lld}\n",
	       t2 - t0, t1 - t0, t2 - t1, c2 - c0, (double)ru.ru_maxrss / 1024.0,
	       (long long)sm_network_actor_count(net),
	       (long long)sm_network_relationship_count(net));
	sm_network_free(net);
	return 0;
}
