/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A full gap study on a generated map (bench/gaps/run): ACTORS actors in
 * blocks of 1,000 (80 % of the relationships inside a block, the rest
 * anywhere), 500 diplomats as the focal set, target attributes
 * kind,gender,region, k hops, K recommendations. Prints one JSON line with
 * the total time, the time of each stage (from the progress callback: the
 * reach computation alone is the "reach" stage), and CELF's evaluations
 * against plain greedy's.
 *
 *     bench_gaps ACTORS RELATIONSHIPS [HOPS [RECOMMEND [SEED]]]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stakemap.h>

#include "../bench_util.h"

#define STAGES 8

typedef struct timing {
	const char *stage[STAGES];
	double begin[STAGES], end[STAGES];
	int n;
} timing;

static int on_progress(double fraction, const char *stage, void *user)
{
	timing *t = user;
	int k;
	for (k = 0; k < t->n; k++)
		if (strcmp(t->stage[k], stage) == 0)
			break;
	if (k == t->n) {
		if (t->n == STAGES)
			return 0;
		t->stage[t->n] = stage;
		t->begin[t->n++] = bench_now();
	}
	if (fraction >= 1.0)
		t->end[k] = bench_now();
	return 0;
}

static uint64_t state;
static uint64_t rnd(void)
{
	state = state * 6364136223846793005ull + 1442695040888963407ull;
	return state >> 17;
}

static int fail(const char *what)
{
	fprintf(stderr, "bench_gaps: %s: %s\n", what, sm_error_last()->message);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_gaps ACTORS RELATIONSHIPS [HOPS [RECOMMEND [SEED]]]\n");
		return 2;
	}
	int64_t n = atoll(argv[1]), m = atoll(argv[2]);
	int64_t hops = argc > 3 ? atoll(argv[3]) : 2, rec = argc > 4 ? atoll(argv[4]) : 10;
	state = argc > 5 ? strtoull(argv[5], NULL, 10) : 1;
	static const char *kinds[] = { "government", "multilateral", "business", "ngo",
		                       "philanthropy", "media", "academia", "alumni", "diaspora",
		                       "diplomat_for_hire", "civil_society", "youth", "influencer",
		                       "data_science", "other" };
	double t0 = bench_now();
	sm_network *net = NULL;
	if (sm_network_new(&net, false))
		return fail("new");
	char id[32];
	for (int64_t i = 0; i < n; i++) {
		int64_t a;
		snprintf(id, sizeof id, "a%lld", (long long)i);
		sm_value g = sm_value_string(rnd() % 2 ? "f" : "m");
		sm_value r = sm_value_string(rnd() % 10 < 7 ? "capital" : "periphery");
		if (sm_network_add_actor(&a, net, id, NULL, i < 500 ? "diplomat" : kinds[rnd() % 15]) ||
		    sm_network_set_attr(net, SM_ACTOR, a, "gender", &g) ||
		    sm_network_set_attr(net, SM_ACTOR, a, "region", &r))
			return fail("actor");
	}
	for (int64_t k = 0; k < m; k++) {
		int64_t u = (int64_t)(rnd() % (uint64_t)n), v;
		if (rnd() % 10 < 8)
			v = u / 1000 * 1000 + (int64_t)(rnd() % 1000);
		else
			v = (int64_t)(rnd() % (uint64_t)n);
		if (v >= n || v == u)
			v = (u + 1) % n;
		double q = 0.05 + 0.95 * (double)(rnd() % 1000000) / 1e6;
		if (sm_network_add_relationship_at(NULL, net, u, v, q, NULL))
			return fail("relationship");
	}
	sm_selection *focal = NULL;
	if (sm_select(&focal, net, "kind = diplomat") || sm_network_freeze(net))
		return fail("select");
	double t1 = bench_now();

	timing t = { .n = 0 };
	sm_gaps_options o;
	sm_gaps_options_init(&o);
	o.hops = hops;
	o.recommend = rec;
	o.target_by = "kind,gender,region";
	o.progress = on_progress;
	o.progress_user = &t;
	sm_gaps_result *r = NULL;
	double t2 = bench_now();
	if (sm_gaps(&r, net, focal, &o))
		return fail("gaps");
	double t3 = bench_now();
	printf("{\"actors\":%lld,\"relationships\":%lld,\"hops\":%lld,\"recommend\":%lld,"
	       "\"build_s\":%.3f,\"total_s\":%.3f",
	       (long long)n, (long long)m, (long long)hops, (long long)rec, t1 - t0, t3 - t2);
	/* A stage without a final call (Leiden's) ends where the next begins. */
	for (int k = 0; k < t.n; k++) {
		double end = t.end[k] > 0 ? t.end[k] : k + 1 < t.n ? t.begin[k + 1] : t3;
		printf(",\"%s_s\":%.3f", t.stage[k], end - t.begin[k]);
	}
	printf(",\"reached\":%lld,\"evaluations\":%lld,\"evaluations_plain\":%lld,"
	       "\"saved\":%.4f,\"peak_rss_mb\":%.0f}\n",
	       (long long)r->reached_count, (long long)r->evaluations,
	       (long long)r->evaluations_plain,
	       1.0 - (double)r->evaluations / (double)(r->evaluations_plain ? r->evaluations_plain : 1),
	       bench_peak_rss_mb());
	sm_gaps_result_free(r);
	sm_selection_free(focal);
	sm_network_free(net);
	return 0;
}
