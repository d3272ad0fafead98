/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap kinds`: the built-in actor kinds with their descriptions.
 */
#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_kinds = {
	.name = "kinds",
	.brief = "list the built-in actor kinds",
	.operand = NULL,
	.help =
	"usage: stakemap kinds [--format table|csv|json] [-o FILE] [--top N]\n"
	"\n"
	"List the built-in actor kinds, one row each: columns kind, description.\n"
	"An actor's kind may be any string; these are the ones stakemap knows.\n"
	"\n"
	"Options:\n"
	"  --format table|csv|json  output format (table on a terminal, csv otherwise)\n"
	"  -o FILE                  write the table to FILE (atomically); the format\n"
	"                           follows --format, else FILE's extension\n"
	"  --top N                  list the first N kinds only\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit status: 0 success, 1 output error, 2 usage error.\n"
	"\n"
	"Example:\n"
	"  stakemap kinds --format csv -o kinds.csv\n",
	.run = run,
};

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_table *t = NULL;
	size_t n = sm_kind_count(), k, ckind, cdesc;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_kinds, CLI_OPT_FORMAT | CLI_OPT_OUTPUT | CLI_OPT_TOP, 0,
	                   argc, argv);
	if (status != CLI_CONTINUE)
		return status;

	if ((rc = sm_table_new(&t, n)) < 0)
		return cli_fail(rc);
	if ((rc = sm_table_add_column(&ckind, t, "kind", SM_COLUMN_STRING)) < 0 ||
	    (rc = sm_table_add_column(&cdesc, t, "description", SM_COLUMN_STRING)) < 0)
		goto fail;
	for (k = 0; k < n; k++) {
		if ((rc = sm_table_set_string(t, ckind, k, sm_kind_name(k))) < 0 ||
		    (rc = sm_table_set_string(t, cdesc, k, sm_kind_description(k))) < 0)
			goto fail;
	}
	status = cli_write_table(t, &o);
	sm_table_free(t);
	return status;

fail:
	status = cli_fail(rc);
	sm_table_free(t);
	return status;
}
