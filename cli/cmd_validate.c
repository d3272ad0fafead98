/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap validate NETWORK`: every problem in a network file, one a line.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_validate = {
	.name = "validate",
	.brief = "check a network and list every problem found",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap validate NETWORK [--directed|--undirected] [--quiet]\n"
	"                         [--format table|csv|json]\n"
	"\n"
	"Check a network and report every problem found, not only the first: one\n"
	"line each on stdout, as FILE:LINE: MESSAGE, then a last line 'N problems'.\n"
	"A valid network prints 'NETWORK: valid (A actors, R relationships)'.\n"
	"A syntax error that makes the rest unreadable ends the check; value errors\n"
	"(unknown actor, quality outside (0, 1], duplicate id, ...) are each reported.\n"
	"\n"
	"Options:\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does\n"
	"                            not declare one\n"
	"  --format table|csv|json   print the problems as a table (columns file,\n"
	"                            line, column, message) instead of lines\n"
	"  -q, --quiet               print nothing; the exit status tells\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 valid, 1 problems found (or the file cannot be read),\n"
	"2 usage error.\n"
	"\n"
	"Example:\n"
	"  stakemap validate survey/ && stakemap summary survey/\n",
	.run = run,
};

/* The message without the "file:line[:column]: " prefix the table has in columns. */
static const char *bare_message(const sm_error *e)
{
	char prefix[64];
	size_t n;
	int len;

	if (e->file == NULL || e->line <= 0)
		return e->message;
	n = strlen(e->file);
	if (strncmp(e->message, e->file, n) != 0)
		return e->message;
	if (e->column > 0)
		len = snprintf(prefix, sizeof(prefix), ":%" PRId64 ":%" PRId64 ": ", e->line,
		               e->column);
	else
		len = snprintf(prefix, sizeof(prefix), ":%" PRId64 ": ", e->line);
	if (len <= 0 || strncmp(e->message + n, prefix, (size_t)len) != 0)
		return e->message;
	return e->message + n + (size_t)len;
}

/* The problems as a table: file, line, column (0 when unknown), message. */
static int problem_table(sm_table **out, const sm_problem_list *list)
{
	size_t n = sm_problem_list_count(list), i, cfile, cline, ccol, cmsg;
	sm_table *t = NULL;
	int rc;

	if ((rc = sm_table_new(&t, n)) < 0)
		return rc;
	if ((rc = sm_table_add_column(&cfile, t, "file", SM_COLUMN_STRING)) < 0 ||
	    (rc = sm_table_add_column(&cline, t, "line", SM_COLUMN_INT64)) < 0 ||
	    (rc = sm_table_add_column(&ccol, t, "column", SM_COLUMN_INT64)) < 0 ||
	    (rc = sm_table_add_column(&cmsg, t, "message", SM_COLUMN_STRING)) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		const sm_error *e = sm_problem_list_get(list, i);

		if ((rc = sm_table_set_string(t, cfile, i, e->file)) < 0 ||
		    (rc = sm_table_set_int64(t, cline, i, e->line)) < 0 ||
		    (rc = sm_table_set_int64(t, ccol, i, e->column)) < 0 ||
		    (rc = sm_table_set_string(t, cmsg, i, bare_message(e))) < 0)
			goto fail;
	}
	*out = t;
	return SM_OK;

fail:
	sm_table_free(t);
	return rc;
}

/* One line a problem, then the count, or the "valid" line. */
static int print_lines(const sm_problem_list *list, const char *path,
                       const sm_load_options *lo)
{
	size_t n = sm_problem_list_count(list), i;
	sm_network *net = NULL;
	int rc;

	for (i = 0; i < n; i++)
		printf("%s\n", sm_problem_list_get(list, i)->message);
	if (n > 0) {
		printf("%zu problem%s\n", n, n == 1 ? "" : "s");
		return CLI_ERROR;
	}
	/* Valid: load it to give its size. */
	if ((rc = sm_network_load(&net, path, lo)) < 0)
		return cli_fail(rc);
	printf("%s: valid (%" PRId64 " actors, %" PRId64 " relationships)\n", path,
	       sm_network_actor_count(net), sm_network_relationship_count(net));
	sm_network_free(net);
	return CLI_OK;
}

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_problem_list *list = NULL;
	sm_table *t = NULL;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_validate,
	                   CLI_OPT_DIRECTED | CLI_OPT_QUIET | CLI_OPT_FORMAT, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;
	cli_load_options(&lo, &o);

	if ((rc = sm_validate(&list, o.args[0], &lo)) < 0)
		return cli_fail(rc);

	if (o.quiet) {
		status = sm_problem_list_count(list) > 0 ? CLI_ERROR : CLI_OK;
	} else if (o.format_set) {
		if ((rc = problem_table(&t, list)) < 0) {
			status = cli_fail(rc);
		} else {
			status = cli_write_table(t, &o);
			if (status == CLI_OK && sm_problem_list_count(list) > 0)
				status = CLI_ERROR;
			sm_table_free(t);
		}
	} else {
		status = print_lines(list, o.args[0], &lo);
		if (fflush(stdout) != 0 && status == CLI_OK)
			status = cli_failf("cannot write to standard output");
	}
	sm_problem_list_free(list);
	return status;
}
