/*
 * map_overview — a first look at a stakeholder map with stakemap.
 *
 * Loads a map, prints how many actors of each kind it holds, then looks at
 * one under-represented group: women in the periphery. It writes their
 * induced subgraph (the women and the relationships among them) as native
 * JSON and tells how connected they are among themselves and how many of
 * their ties to everyone else run through a diplomat-for-hire.
 *
 *     map_overview [MAP [OUT.json]]
 *
 * MAP defaults to the bundled embassy sample; OUT.json to a file in $TMPDIR.
 *
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stakemap.h>

#ifndef SM_EMBASSY_DATA
#define SM_EMBASSY_DATA "examples/data/embassy"
#endif

static const char *const group = "gender = 'f' and region = 'periphery'";

/* Print what failed with stakemap's last error and return the exit status. */
static int report(const char *what)
{
	fprintf(stderr, "map_overview: %s: %s\n", what, sm_error_last()->message);
	return EXIT_FAILURE;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : SM_EMBASSY_DATA;
	const char *tmpdir = getenv("TMPDIR");
	char fallback[4096];
	sm_network *net = NULL, *sub = NULL;
	sm_table *kinds = NULL;
	sm_selection *sel = NULL;
	int64_t outside = 0, brokered = 0;
	int status = EXIT_FAILURE;

	int n = snprintf(fallback, sizeof fallback, "%s/map_overview-women-periphery.json",
	                 tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (n < 0 || (size_t)n >= sizeof fallback) {
		fprintf(stderr, "map_overview: TMPDIR is too long\n");
		return EXIT_FAILURE;
	}
	const char *out = argc > 2 ? argv[2] : fallback;

	if (sm_network_load(&net, path, NULL) != SM_OK) {
		status = report("load");
		goto done;
	}
	printf("%s: %lld actors, %lld relationships\n\n", path,
	       (long long)sm_network_actor_count(net), (long long)sm_network_relationship_count(net));

	if (sm_network_count_by(&kinds, net, "kind") != SM_OK ||
	    sm_table_write_stream(kinds, stdout, SM_TABLE_TEXT, 3) != SM_OK) {
		status = report("count by kind");
		goto done;
	}

	if (sm_select(&sel, net, group) != SM_OK) {
		status = report(group);
		goto done;
	}
	/* Their ties to everyone else, and how many have a diplomat-for-hire at either end. */
	for (int64_t r = 0; r < sm_network_relationship_count(net); r++) {
		sm_relationship rel;
		if (sm_network_relationship(&rel, net, r) != SM_OK) {
			status = report("read relationship");
			goto done;
		}
		if (sm_selection_contains(sel, rel.source) == sm_selection_contains(sel, rel.target))
			continue;
		outside++;
		if (strcmp(sm_network_actor_kind(net, rel.source), "diplomat_for_hire") == 0 ||
		    strcmp(sm_network_actor_kind(net, rel.target), "diplomat_for_hire") == 0)
			brokered++;
	}

	if (sm_network_subgraph(&sub, net, sel) != SM_OK) {
		status = report("subgraph");
		goto done;
	}
	if (sm_network_save(sub, out, SM_FORMAT_JSON) != SM_OK) {
		status = report("save");
		goto done;
	}
	printf("\nties from women in the periphery to the rest of the map: %lld, "
	       "%lld of them with a diplomat_for_hire\n", (long long)outside, (long long)brokered);
	printf("their subgraph is in %s\n", out);
	printf("women in the periphery: %lld actors, %lld relationships among them\n",
	       (long long)sm_selection_count(sel), (long long)sm_network_relationship_count(sub));
	status = EXIT_SUCCESS;

done:
	sm_network_free(sub);
	sm_selection_free(sel);
	sm_table_free(kinds);
	sm_network_free(net);
	return status;
}
