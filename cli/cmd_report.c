/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap report NETWORK -o report.html`: one self-contained HTML page
 * with the map drawn and the analyses under it (sm_report_write). See
 * docs/report.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_report = {
	.name = "report",
	.brief = "one self-contained HTML page: the map drawn, the analyses under it",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap report NETWORK -o FILE.html [--focal EXPR] [--target-by LIST]\n"
	"                       [--colour-by kind|community|ATTR] [--size-by MEASURE]\n"
	"                       [--title T] [--max-actors N] [--seed S] [--top N]\n"
	"\n"
	"Write one HTML file that opens offline in any browser (no external requests):\n"
	"the summary and a legend of the kinds present, the map as an inline picture\n"
	"(nodes sized by a centrality and coloured by kind, community or an attribute,\n"
	"flagged filter bubbles outlined with their reasons on hover), then the top\n"
	"actors, the brokers and the bubbles. With --focal, the gap study too: the\n"
	"focal set and the recommended new contacts are marked on the map, and the\n"
	"coverage, unusual suspects and recommendations are tabled. Tables sort by\n"
	"a click on a heading. Maps of more than --max-actors actors are drawn one\n"
	"node per community.\n"
	"\n"
	"Options:\n"
	"  -o FILE                   the HTML file to write (required; atomically)\n"
	"  --focal EXPR              the focal set, a selection such as\n"
	"                            \"kind = 'diplomat'\": adds the gap study\n"
	"  --target-by LIST          gap study: attributes whose groups are covered\n"
	"                            (default: kind)\n"
	"  --colour-by WHAT          kind (default), community (Leiden) or a text or\n"
	"                            true/false actor attribute; also --color-by\n"
	"  --size-by MEASURE         centrality sizing the nodes (default: pagerank;\n"
	"                            degree, strength, betweenness, closeness,\n"
	"                            harmonic, eigenvector, hub, authority)\n"
	"  --title T                 page title (default: the network's file name)\n"
	"  --max-actors N            above N actors draw one node per community\n"
	"                            (default 2000)\n"
	"  --seed S                  seed of the layout and the communities\n"
	"                            (default 1; same seed, same file)\n"
	"  --top N                   rows of the top-actor tables (default 10)\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does not\n"
	"                            declare one\n"
	"  -q, --quiet               no progress bar\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 success, 1 input error (bad focal expression, unknown\n"
	"attribute or measure), 2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap report examples/data/embassy -o report.html --focal \"kind = 'diplomat'\"\n"
	"  stakemap report survey.json -o survey.html --colour-by region --size-by betweenness\n",
	.run = run,
};

/* The file name of a network path, without a trailing slash ("embassy"). */
static void base_name(char *buf, size_t size, const char *path)
{
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && path[start - 1] != '/')
		start--;
	snprintf(buf, size, "%.*s", (int)(len - start), path + start);
}

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_report_options ro;
	cli_progress progress;
	sm_network *net = NULL;
	char title[256];
	int rc, status;

	status = cli_parse(&o, &cli_cmd_report,
	                   CLI_OPT_OUTPUT | CLI_OPT_FOCAL | CLI_OPT_REPORT | CLI_OPT_SEED |
	                   CLI_OPT_TOP | CLI_OPT_QUIET | CLI_OPT_DIRECTED, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;
	if (!o.output)
		return cli_usage_error(&cli_cmd_report, "-o FILE is required (the HTML file to write)");
	if (o.target_by && !o.focal)
		return cli_usage_error(&cli_cmd_report, "--target-by needs --focal");

	cli_load_options(&lo, &o);
	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0)
		return cli_fail(rc);

	sm_report_options_init(&ro);
	base_name(title, sizeof title, o.args[0]);
	ro.title = o.title ? o.title : title;
	ro.focal = o.focal;
	ro.target_by = o.target_by;
	ro.colour_by = o.colour_by;
	ro.size_by = o.size_by;
	if (o.top > 0)
		ro.top = o.top;
	if (o.max_actors > 0)
		ro.max_actors = o.max_actors;
	if (o.seed_set)
		ro.seed = o.centrality.seed;
	cli_progress_init(&progress, o.quiet);
	cli_progress_catch_interrupt();
	ro.progress = cli_progress_update;
	ro.progress_user = &progress;
	rc = sm_report_write(net, o.output, &ro);
	cli_progress_done(&progress);
	status = rc < 0 ? cli_fail(rc) : CLI_OK;
	sm_network_free(net);
	return status;
}
