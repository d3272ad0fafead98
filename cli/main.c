/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The `stakemap` command: global options (--help, --version) and dispatch to
 * the sub-commands. See docs/cli.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command *const commands[] = {
	&cli_cmd_summary,
	&cli_cmd_validate,
	&cli_cmd_convert,
	&cli_cmd_kinds,
	&cli_cmd_centrality,
	&cli_cmd_brokers,
	&cli_cmd_bubbles,
	&cli_cmd_gaps,
	&cli_cmd_report,
	&cli_cmd_layout,
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char general_help_head[] =
	"usage: stakemap COMMAND [OPTIONS] [NETWORK]\n"
	"       stakemap --version | --help | help COMMAND\n"
	"\n"
	"Stakeholder network mapping: who matters, who brokers, where the bubbles\n"
	"and the gaps are.\n"
	"\n"
	"Commands:\n";

static const char general_help_tail[] =
	"\n"
	"NETWORK is a .json or .graphml file, or a folder holding actors.csv and\n"
	"relationships.csv.\n"
	"\n"
	"Common options (each command's help says which it takes):\n"
	"  --format table|csv|json   output format (default: table on a terminal,\n"
	"                            csv otherwise)\n"
	"  -o FILE                   write the output to FILE, atomically\n"
	"  --top N                   keep the first N rows of each table\n"
	"  -q, --quiet               no notes on stderr (errors are still printed)\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does\n"
	"                            not declare one (default: undirected)\n"
	"  -h, --help                show help; also 'stakemap help COMMAND'\n"
	"  --version                 print the version\n"
	"\n"
	"Exit status: 0 success, 1 input or analysis error, 2 usage error.\n"
	"\n"
	"Example:\n"
	"  stakemap summary network.json --by gender,region\n";

static void print_general_help(FILE *f)
{
	size_t i;

	fputs(general_help_head, f);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-12s %s\n", commands[i]->name, commands[i]->brief);
	fputs(general_help_tail, f);
}

static const cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* `stakemap help [COMMAND]` */
static int run_help(int argc, char **argv)
{
	const cli_command *cmd;

	if (argc == 1) {
		print_general_help(stdout);
		return CLI_OK;
	}
	if (argc > 2)
		return cli_usage_error(NULL, "unexpected argument '%s'", argv[2]);
	if (strcmp(argv[1], "help") == 0) {
		print_general_help(stdout);
		return CLI_OK;
	}
	cmd = find_command(argv[1]);
	if (cmd == NULL)
		return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	cli_print_help(cmd, stdout);
	return CLI_OK;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const cli_command *cmd;
	int c;

	/* '+': stop at the command name; its options are the command's. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			print_general_help(stdout);
			return CLI_OK;
		case 'V':
			printf("stakemap %s\n", sm_version());
			return CLI_OK;
		default:
			if (optopt > 0 && optopt < 256 && strncmp(argv[optind - 1], "--", 2) != 0)
				return cli_usage_error(NULL, "unknown option '-%c'", optopt);
			return cli_usage_error(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(NULL, "missing command");

	argc -= optind;
	argv += optind;
	if (strcmp(argv[0], "help") == 0)
		return run_help(argc, argv);
	cmd = find_command(argv[0]);
	if (cmd == NULL)
		return cli_usage_error(NULL, "unknown command '%s'", argv[0]);
	return cmd->run(argc, argv);
}
