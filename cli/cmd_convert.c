/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap convert NETWORK -o OUT`: between native JSON, the CSV pair and
 * GraphML, and exports to GEXF, DOT, Pajek and Kumu.
 */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_convert = {
	.name = "convert",
	.brief = "convert between formats; export to GEXF, DOT, Pajek or Kumu",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap convert NETWORK -o OUT\n"
	"                        [--to json|csv|graphml|gexf|dot|pajek|kumu]\n"
	"                        [--directed|--undirected] [--quiet]\n"
	"\n"
	"Read a network and write it in another format. The output format follows\n"
	"OUT: a .json file (native JSON), a .graphml or .xml file (GraphML), a .gexf\n"
	"file (GEXF 1.2 for Gephi), a .dot or .gv file (Graphviz), a .net file\n"
	"(Pajek), or a path without an extension, taken as a folder that receives\n"
	"actors.csv and relationships.csv (created if missing; its parent must\n"
	"exist). --to kumu writes a folder with Kumu's elements.csv and\n"
	"connections.csv. GEXF, DOT and Pajek are exports: stakemap does not read\n"
	"them back. Files are replaced atomically: on any error OUT is left as it\n"
	"was.\n"
	"\n"
	"Options:\n"
	"  -o OUT                    where to write (required)\n"
	"  --to FORMAT               force the output format whatever OUT looks like:\n"
	"                            json, csv, graphml, gexf, dot, pajek or kumu\n"
	"  --directed, --undirected  direction of a CSV or GraphML input that does not\n"
	"                            declare one\n"
	"  -q, --quiet               no note on stderr after writing\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 success, 1 input or output error, 2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap convert survey/ -o survey.json\n"
	"  stakemap convert survey.json -o gephi.gexf\n"
	"  stakemap convert survey.json -o map.dot && sfdp -Tsvg map.dot -o map.svg\n"
	"  stakemap convert survey.json -o kumu --to kumu\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_network *net = NULL;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_convert,
	                   CLI_OPT_OUTPUT | CLI_OPT_TO | CLI_OPT_DIRECTED | CLI_OPT_QUIET, 1, argc,
	                   argv);
	if (status != CLI_CONTINUE)
		return status;
	if (o.output == NULL)
		return cli_usage_error(&cli_cmd_convert, "'convert' needs -o OUT");
	cli_load_options(&lo, &o);

	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0)
		return cli_fail(rc);
	if ((rc = sm_network_save(net, o.output, o.to)) < 0) {
		status = cli_fail(rc);
	} else {
		if (!o.quiet)
			fprintf(stderr, "wrote %s (%" PRId64 " actors, %" PRId64 " relationships)\n",
			        o.output, sm_network_actor_count(net),
			        sm_network_relationship_count(net));
		status = CLI_OK;
	}
	sm_network_free(net);
	return status;
}
