/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap centrality NETWORK`: who matters — degree, strength,
 * betweenness, closeness, harmonic, eigenvector, PageRank, hub and
 * authority, one column each (sm_centrality). The definitions are in
 * docs/centrality.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_centrality = {
	.name = "centrality",
	.brief = "who matters: degree, strength, betweenness, closeness, PageRank, ...",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap centrality NETWORK [--measures LIST|all] [--distance inverse|log|hops]\n"
	"                           [--unweighted] [--combine max|sum|mean]\n"
	"                           [--mode default|out|in|undirected] [--raw]\n"
	"                           [--damping D] [--cutoff C] [--samples K] [--seed S]\n"
	"                           [--threads T] [--top N] [--sort MEASURE]\n"
	"                           [--format table|csv|json] [-o FILE]\n"
	"\n"
	"Who matters, one row per actor: the id, then one column per measure, in\n"
	"this order:\n"
	"  degree       distinct contacts / (n - 1)\n"
	"  strength     sum of the qualities of the actor's relationships / (n - 1)\n"
	"  betweenness  share of shortest paths between others through the actor\n"
	"  closeness    inverse mean distance to the actors reached, times the share\n"
	"               reached (Wasserman-Faust)\n"
	"  harmonic     mean of 1 / distance to every other actor\n"
	"  eigenvector  leading eigenvector of the quality matrix (unit length)\n"
	"  pagerank     PageRank with damping D (sums to 1)\n"
	"  hub          HITS hub score: points to good authorities (sums to 1)\n"
	"  authority    HITS authority score: pointed to by good hubs (sums to 1)\n"
	"Values and normalisations are NetworkX's (docs/centrality.md). Quality is a\n"
	"strength: betweenness, closeness and harmonic walk the distance 1/quality.\n"
	"\n"
	"Options:\n"
	"  --measures LIST|all       comma-separated measures (default: degree,\n"
	"                            strength,pagerank)\n"
	"  --distance inverse|log|hops\n"
	"                            distance of a relationship of quality q for the\n"
	"                            path measures: 1/q (default), 1 - ln q, or 1\n"
	"  --unweighted              every relationship counts 1 (quality ignored)\n"
	"  --combine max|sum|mean    how several relationships between one pair are\n"
	"                            combined (default: max)\n"
	"  --mode default|out|in|undirected\n"
	"                            directed networks: which relationships count;\n"
	"                            default is NetworkX's for each measure (degree in +\n"
	"                            out, closeness distances to the actor, ...)\n"
	"  --raw                     no normalisation: counts and sums as they are\n"
	"  --damping D               PageRank damping, in [0, 1) (default 0.85)\n"
	"  --cutoff C                betweenness: only paths of length <= C\n"
	"  --samples K               betweenness estimated from K sources drawn at\n"
	"                            random (scaled by n/K); 0 = exact (default)\n"
	"  --seed S                  seed for --samples (default 0)\n"
	"  --threads T               worker threads (default 0: all cores)\n"
	"  --sort MEASURE            order rows by MEASURE, largest first; 'id' A to Z;\n"
	"                            'none' keeps the order of the actors (default: the\n"
	"                            first measure)\n"
	"  --top N                   keep the first N rows\n"
	"  --format table|csv|json   output format (table on a terminal, csv otherwise)\n"
	"  -o FILE                   write to FILE (atomically) instead of stdout\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does not\n"
	"                            declare one\n"
	"  -q, --quiet               no progress bar, no notes on stderr\n"
	"  -h, --help                show this help\n"
	"\n"
	"A progress bar is drawn on stderr when it is a terminal; Ctrl-C cancels.\n"
	"\n"
	"Exit status: 0 success, 1 input error or an option value out of range,\n"
	"2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap centrality survey/ --measures betweenness,pagerank --top 10\n"
	"  stakemap centrality survey.json --measures all --format json -o centrality.json\n",
	.run = run,
};

/* The column to sort by, checked before loading: a bad name is a usage error. */
static int check_sort(const char **column, const char *sort, unsigned int measures)
{
	unsigned int bit;

	if (sort == NULL) {
		/* The first measure of the table. */
		for (bit = 1; !(measures & bit); bit <<= 1)
			;
		*column = sm_measure_name((sm_measure)bit);
		return CLI_CONTINUE;
	}
	*column = sort;
	if (strcmp(sort, "none") == 0 || strcmp(sort, "id") == 0)
		return CLI_CONTINUE;
	if (sm_measure_parse(&bit, sort) < 0 || strchr(sort, ',') || strcmp(sort, "all") == 0)
		return cli_usage_error(&cli_cmd_centrality,
		                       "unknown --sort '%s' (a measure, 'id' or 'none')", sort);
	if (!(measures & bit))
		return cli_usage_error(&cli_cmd_centrality,
		                       "--sort '%s' is not among the measures computed: add it to "
		                       "--measures", sort);
	*column = sm_measure_name((sm_measure)bit);
	return CLI_CONTINUE;
}

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_centrality_options co;
	cli_progress progress;
	sm_network *net = NULL;
	sm_table *t = NULL;
	const char *sort;
	unsigned int measures;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_centrality,
	                   CLI_OPT_FORMAT | CLI_OPT_OUTPUT | CLI_OPT_TOP | CLI_OPT_QUIET |
	                   CLI_OPT_DIRECTED | CLI_OPT_UNWEIGHTED | CLI_OPT_COMBINE | CLI_OPT_SORT |
	                   CLI_OPT_CENTRALITY, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;
	co = o.centrality;
	co.weighted = !o.unweighted;
	co.combine = o.combine;
	measures = co.measures ? co.measures
	                       : SM_MEASURE_DEGREE | SM_MEASURE_STRENGTH | SM_MEASURE_PAGERANK;
	if ((status = check_sort(&sort, o.sort, measures)) != CLI_CONTINUE)
		return status;

	cli_load_options(&lo, &o);
	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0)
		return cli_fail(rc);

	cli_progress_init(&progress, o.quiet);
	cli_progress_catch_interrupt();
	co.progress = cli_progress_update;
	co.progress_user = &progress;
	rc = sm_centrality(&t, net, &co);
	cli_progress_done(&progress);
	if (rc < 0) {
		status = cli_fail(rc);
		goto done;
	}
	if (strcmp(sort, "none") != 0 &&
	    (rc = sm_table_sort(t, sort, strcmp(sort, "id") != 0)) < 0) {
		status = cli_fail(rc);
		goto done;
	}
	if (!o.quiet && sm_table_note(t, "samples"))
		fprintf(stderr, "stakemap: note: betweenness estimated from %s sampled sources "
		        "(seed %s)\n", sm_table_note(t, "samples"), sm_table_note(t, "seed"));
	status = cli_write_table(t, &o);

done:
	sm_table_free(t);
	sm_network_free(net);
	return status;
}
