/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap brokers NETWORK`: who connects — Burt's constraint, effective
 * size and efficiency, Gould–Fernandez brokerage roles between the groups
 * of an attribute, and the participation coefficient (sm_brokerage). The
 * definitions are in docs/brokerage.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_brokers = {
	.name = "brokers",
	.brief = "who connects: constraint, effective size, brokerage roles, participation",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap brokers NETWORK [--by ATTR] [--groups ATTR] [--unweighted]\n"
	"                        [--combine max|sum|mean] [--top N] [--sort COLUMN]\n"
	"                        [--format table|csv|json] [-o FILE]\n"
	"\n"
	"Who connects, one row per actor:\n"
	"  group            the actor's value of --by\n"
	"  constraint       Burt's constraint: how much the actor's contacts are tied\n"
	"                   to each other (high = closed in; low = spans holes)\n"
	"  effective_size   Burt's effective size: contacts, less their redundancy\n"
	"  efficiency       effective size / number of contacts\n"
	"                   (these three are empty for actors without contacts)\n"
	"  coordinator, itinerant, gatekeeper, representative, liaison\n"
	"                   Gould-Fernandez roles: open two-paths a->b->c (a not tied\n"
	"                   to c) the actor b brokers, by the groups of a, b and c;\n"
	"                   an undirected relationship counts both ways\n"
	"  brokerage        the total of the five roles\n"
	"  participation    how evenly the actor's ties spread over the groups of\n"
	"                   --groups (0 = one group only, towards 1 = many)\n"
	"Constraint, effective size and participation weigh ties by quality.\n"
	"\n"
	"Options:\n"
	"  --by ATTR                 categorical actor attribute for the roles: 'kind'\n"
	"                            (default), 'label' or a text or true/false\n"
	"                            attribute; a missing value is the group '(none)'\n"
	"  --groups ATTR             attribute for the participation coefficient\n"
	"                            (default: the --by attribute)\n"
	"  --unweighted              every relationship weighs 1 instead of its quality\n"
	"  --combine max|sum|mean    how several relationships between one pair are\n"
	"                            combined (default: max)\n"
	"  --sort COLUMN             order rows by COLUMN, largest first (text columns\n"
	"                            A to Z); default: brokerage; 'none' keeps the\n"
	"                            order of the actors in the network\n"
	"  --top N                   keep the first N rows\n"
	"  --format table|csv|json   output format (table on a terminal, csv otherwise)\n"
	"  -o FILE                   write to FILE (atomically) instead of stdout\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does not\n"
	"                            declare one\n"
	"  -q, --quiet               no progress bar\n"
	"  -h, --help                show this help\n"
	"\n"
	"A progress bar is drawn on stderr when it is a terminal; Ctrl-C cancels.\n"
	"\n"
	"Exit status: 0 success, 1 input error (or unknown or numeric attribute),\n"
	"2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap brokers survey/ --top 10\n"
	"  stakemap brokers survey.json --by region --sort constraint --format csv\n",
	.run = run,
};

/* The columns of sm_brokerage()'s table, in order (for --sort). */
static const char *const columns[] = {
	"id", "group", "constraint", "effective_size", "efficiency", "coordinator", "itinerant",
	"gatekeeper", "representative", "liaison", "brokerage", "participation"
};

#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

/* Check --sort before loading: a bad column is a usage error. */
static int check_sort(const char *sort)
{
	size_t i;

	if (sort == NULL || strcmp(sort, "none") == 0)
		return CLI_CONTINUE;
	for (i = 0; i < N_COLUMNS; i++)
		if (strcmp(columns[i], sort) == 0)
			return CLI_CONTINUE;
	return cli_usage_error(&cli_cmd_brokers,
	                       "unknown --sort column '%s' (none, id, group, constraint, "
	                       "effective_size, efficiency, coordinator, itinerant, gatekeeper, "
	                       "representative, liaison, brokerage or participation)",
	                       sort);
}

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_brokerage_options bo;
	cli_progress progress;
	sm_network *net = NULL;
	sm_table *t = NULL;
	const char *sort;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_brokers,
	                   CLI_OPT_FORMAT | CLI_OPT_OUTPUT | CLI_OPT_TOP | CLI_OPT_QUIET |
	                   CLI_OPT_DIRECTED | CLI_OPT_BY | CLI_OPT_GROUPS | CLI_OPT_UNWEIGHTED |
	                   CLI_OPT_COMBINE | CLI_OPT_SORT, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;
	if ((status = check_sort(o.sort)) != CLI_CONTINUE)
		return status;
	sort = o.sort ? o.sort : "brokerage";

	cli_load_options(&lo, &o);
	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0)
		return cli_fail(rc);

	sm_brokerage_options_init(&bo);
	bo.by = o.by;
	bo.groups = o.groups;
	bo.weighted = !o.unweighted;
	bo.combine = o.combine;
	cli_progress_init(&progress, o.quiet);
	cli_progress_catch_interrupt();
	bo.progress = cli_progress_update;
	bo.progress_user = &progress;
	rc = sm_brokerage(&t, net, &bo);
	cli_progress_done(&progress);
	if (rc < 0) {
		status = cli_fail(rc);
		goto done;
	}
	if (strcmp(sort, "none") != 0) {
		bool text = strcmp(sort, "id") == 0 || strcmp(sort, "group") == 0;

		if ((rc = sm_table_sort(t, sort, !text)) < 0) {
			status = cli_fail(rc);
			goto done;
		}
	}
	status = cli_write_table(t, &o);

done:
	sm_table_free(t);
	sm_network_free(net);
	return status;
}
