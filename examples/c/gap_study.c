/*
 * gap_study — what is the embassy missing?
 *
 * On the generated sample map (examples/data/generated: 2,000 actors, eight
 * periphery towns of 80 actors each, 30 diplomats for hire), the focal set
 * is the embassy's diplomats. Three gap studies within three hops:
 *
 *   1. held to the capital: security lets the diplomats meet only people
 *      in the capital (first_hop "region = 'capital'");
 *   2. the same, without relying on diplomats for hire (avoid them);
 *   3. an embassy that can travel (no first-hop rule).
 *
 * For each it prints how much of the map is reached, how the periphery
 * towns are covered (the `cluster` attribute), and the recommended new
 * contacts. Comparing 1 and 2 shows that the towns are reached only
 * through diplomats for hire.
 *
 *     gap_study [MAP]
 *
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stakemap.h>

#ifndef SM_GENERATED_DATA
#define SM_GENERATED_DATA "examples/data/generated"
#endif

typedef struct towns {
	int64_t actors, reached;
	double quality; /* mean reach quality over the towns' actors */
} towns;

static int report(const char *what)
{
	fprintf(stderr, "gap_study: %s: %s\n", what, sm_error_last()->message);
	return EXIT_FAILURE;
}

/* Coverage of the periphery towns (clusters named periphery_*), from the
 * actors table. */
static towns town_coverage(const sm_gaps_result *r)
{
	towns t = { 0, 0, 0.0 };
	size_t n;
	const char *const *cluster = sm_table_column_string(r->actors, "cluster", &n);
	const double *q = sm_table_column_double(r->actors, "quality", NULL);
	for (size_t i = 0; i < n; i++) {
		if (strncmp(cluster[i], "periphery_", 10) != 0)
			continue;
		t.actors++;
		t.reached += q[i] > 0;
		t.quality += q[i];
	}
	if (t.actors)
		t.quality /= (double)t.actors;
	return t;
}

static int study(towns *out, const sm_network *net, const sm_selection *focal,
                 const char *title, const sm_selection *first, const sm_selection *avoid)
{
	sm_gaps_options o;
	sm_gaps_result *r = NULL;
	sm_gaps_options_init(&o);
	o.hops = 3;
	o.target_by = "region,cluster";
	o.first_hop = first;
	o.avoid = avoid;
	o.recommend = 3;
	if (sm_gaps(&r, net, focal, &o) != SM_OK)
		return report(title);
	*out = town_coverage(r);
	printf("%s\n", title);
	printf("  reached %lld of %lld actors, mean quality %.2f (not focal)\n",
	       (long long)r->reached_count, (long long)r->actors_total, r->mean_quality);
	printf("  periphery towns: %lld of %lld actors reached, mean quality %.3f\n",
	       (long long)out->reached, (long long)out->actors, out->quality);
	size_t k;
	const char *const *id = sm_table_column_string(r->recommendations, "id", &k);
	const char *const *kind = sm_table_column_string(r->recommendations, "kind", NULL);
	const double *gain = sm_table_column_double(r->recommendations, "gain", NULL);
	const char *const *opens = sm_table_column_string(r->recommendations, "opens", NULL);
	for (size_t i = 0; i < k; i++)
		printf("  contact %zu: %s (%s, +%.1f) opens %s\n", i + 1, id[i], kind[i], gain[i],
		       opens[i]);
	printf("\n");
	sm_gaps_result_free(r);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : SM_GENERATED_DATA;
	sm_network *net = NULL;
	sm_selection *focal = NULL, *capital = NULL, *hired = NULL;
	towns held, unhired, travel;
	int status = EXIT_FAILURE;

	if (sm_network_load(&net, path, NULL) != SM_OK) {
		status = report("load");
		goto done;
	}
	if (sm_select(&focal, net, "kind = 'diplomat'") != SM_OK ||
	    sm_select(&capital, net, "region = 'capital'") != SM_OK ||
	    sm_select(&hired, net, "kind = 'diplomat_for_hire'") != SM_OK) {
		status = report("select");
		goto done;
	}
	printf("%s: %lld diplomats, %lld diplomats for hire, within 3 hops\n\n", path,
	       (long long)sm_selection_count(focal), (long long)sm_selection_count(hired));
	if ((status = study(&held, net, focal, "1. held to the capital", capital, NULL)) ||
	    (status = study(&unhired, net, focal,
	                    "2. held to the capital, not relying on diplomats for hire", capital,
	                    hired)) ||
	    (status = study(&travel, net, focal, "3. free to travel", NULL, NULL)))
		goto done;

	/* "Only through diplomats for hire": without them, the capital-bound
	 * embassy keeps less than a fifth of its reach quality in the towns. */
	double kept = held.quality > 0 ? unhired.quality / held.quality : 1.0;
	printf("without diplomats for hire the capital-bound embassy keeps %.0f%% of its "
	       "reach quality in the periphery towns (%lld of %lld actors still reached)\n",
	       100.0 * kept, (long long)unhired.reached, (long long)unhired.actors);
	if (kept < 0.2)
		printf("the periphery is reached only through diplomats for hire\n");
	else
		printf("the periphery is reached without diplomats for hire too\n");
	status = EXIT_SUCCESS;

done:
	sm_selection_free(hired);
	sm_selection_free(capital);
	sm_selection_free(focal);
	sm_network_free(net);
	return status;
}
