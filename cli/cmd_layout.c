/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap layout NETWORK`: a position (x, y) for every actor, for other
 * drawing tools (sm_layout). See docs/report.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_layout = {
	.name = "layout",
	.brief = "a position (x, y) for every actor, for other drawing tools",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap layout NETWORK [-o FILE] [--algorithm auto|fr|drl] [--seed S]\n"
	"                       [--iterations N] [--format table|csv|json]\n"
	"\n"
	"Place every actor in the plane, one row per actor in the network's order:\n"
	"  id    the actor\n"
	"  x, y  its position, scaled into 0..1 (the aspect ratio kept, the shorter\n"
	"        side centred); y grows downwards, as on a screen\n"
	"Actors tied by strong relationships (high quality) are drawn together;\n"
	"isolated actors are placed too.\n"
	"\n"
	"Options:\n"
	"  --algorithm auto|fr|drl   fr: igraph's Fruchterman-Reingold, qualities as\n"
	"                            attraction; drl: igraph's DrL, for large maps;\n"
	"                            auto (default): fr up to 1000 actors, drl above\n"
	"  --seed S                  seed of the random start (default 1; the same\n"
	"                            seed gives the same positions)\n"
	"  --iterations N            iterations (default: 500 for fr, 750 for drl)\n"
	"  --format table|csv|json   output format (table on a terminal, csv otherwise)\n"
	"  -o FILE                   write to FILE (atomically) instead of stdout\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does not\n"
	"                            declare one (the layout ignores directions)\n"
	"  -q, --quiet               no progress bar\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 success, 1 input error (or iterations out of range),\n"
	"2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap layout examples/data/embassy -o layout.csv\n"
	"  stakemap layout big.json --algorithm drl --seed 7 --format json\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_layout_options opts;
	cli_progress progress;
	sm_network *net = NULL;
	sm_table *t = NULL;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_layout,
	                   CLI_OPT_OUTPUT | CLI_OPT_FORMAT | CLI_OPT_LAYOUT | CLI_OPT_SEED |
	                   CLI_OPT_QUIET | CLI_OPT_DIRECTED, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;
	sm_layout_options_init(&opts);
	if (o.algorithm) {
		if (strcmp(o.algorithm, "auto") == 0)
			opts.algorithm = SM_LAYOUT_AUTO;
		else if (strcmp(o.algorithm, "fr") == 0)
			opts.algorithm = SM_LAYOUT_FR;
		else if (strcmp(o.algorithm, "drl") == 0)
			opts.algorithm = SM_LAYOUT_DRL;
		else
			return cli_usage_error(&cli_cmd_layout,
			                       "unknown --algorithm '%s' (auto, fr or drl)", o.algorithm);
	}
	if (o.seed_set)
		opts.seed = o.centrality.seed;
	if (o.iterations_set)
		opts.iterations = o.iterations;

	cli_load_options(&lo, &o);
	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0)
		return cli_fail(rc);
	cli_progress_init(&progress, o.quiet);
	cli_progress_catch_interrupt();
	opts.progress = cli_progress_update;
	opts.progress_user = &progress;
	rc = sm_layout(&t, net, &opts);
	cli_progress_done(&progress);
	status = rc < 0 ? cli_fail(rc) : cli_write_table(t, &o);
	sm_table_free(t);
	sm_network_free(net);
	return status;
}
