/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap bubbles NETWORK`: where is the echo chamber — groups (Leiden
 * communities or the values of an attribute), how insular and homogeneous
 * each is, the flagged filter bubbles with their reasons, every actor's
 * exposure, and network-level homophily and polarisation (sm_bubbles). The
 * definitions are in docs/bubbles.md.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_bubbles = {
	.name = "bubbles",
	.brief = "where is the echo chamber: insular, homogeneous groups and why",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap bubbles NETWORK [--by ATTR] [--diversity-of ATTR,...]\n"
	"                        [--stance ATTR] [--sides ATTR] [--resolution R] [--seed S]\n"
	"                        [--iterations N] [--ei-threshold X]\n"
	"                        [--diversity-threshold X] [--min-size N] [--walk-top N]\n"
	"                        [--actors] [--top N] [--format table|csv|json] [-o FILE]\n"
	"\n"
	"Finds groups (Leiden communities on quality, or the values of --by), measures\n"
	"how closed and how homogeneous each is, and flags the filter bubbles: groups\n"
	"that are insular (size-rescaled E-I index below --ei-threshold) AND\n"
	"homogeneous (normalised entropy of their actors' kinds below\n"
	"--diversity-threshold) AND of --min-size actors or more. Each flag says which\n"
	"figures crossed which thresholds.\n"
	"\n"
	"Groups table, one row per group, largest first:\n"
	"  size, internal_weight, external_weight   actors; tie weight inside, outward\n"
	"  ei_index         (external - internal) / (external + internal), -1 to 1\n"
	"  ei_rescaled      the same against random mixing for the group's size:\n"
	"                   -1 closed, 0 as random ties would be, +1 all outward\n"
	"  conductance      external / the smaller tie volume of the group or the rest\n"
	"  kind_entropy, kind_blau, top_kind, top_kind_share, share_<kind>\n"
	"                   how mixed the group's kinds are (0 = one kind)\n"
	"  <attr>_entropy, <attr>_blau   the same for each --diversity-of attribute\n"
	"  stance_mean, stance_sd        with --stance\n"
	"  top_actors, bubble, reason\n"
	"Actors table (--actors): group, bubble, exposure_diversity (entropy of the\n"
	"kinds of the actor's contacts, by quality), share_in_group, share_in_kind,\n"
	"and with --stance the actor's stance and its contacts' mean stance.\n"
	"\n"
	"Output: --format table prints a summary (groups, bubbles, modularity, seed,\n"
	"assortativity, controversy), the flagged bubbles with their reasons, then the\n"
	"groups table (and the actors table with --actors; the sides with --sides);\n"
	"csv prints the groups table, or with --actors the actors table; json one\n"
	"object with the summary and every table (groups, actors, mixing,\n"
	"assortativity, controversy).\n"
	"\n"
	"Options:\n"
	"  --by ATTR                 group by a categorical attribute ('kind', 'label',\n"
	"                            text or true/false) instead of Leiden communities\n"
	"  --resolution R            Leiden resolution, > 0 (default 1)\n"
	"  --seed S                  Leiden seed (default 1): same seed, same groups\n"
	"  --iterations N            Leiden iterations (default 2; negative: until stable)\n"
	"  --diversity-of A,B        also report the diversity of these categorical\n"
	"                            attributes per group, and their assortativity\n"
	"  --stance ATTR             numeric attribute (a stance or leaning): group mean\n"
	"                            and spread, contacts' mean stance per actor\n"
	"  --sides ATTR              categorical attribute whose values are the sides of\n"
	"                            the random-walk controversy score (2 or more)\n"
	"  --walk-top N              walks end at the N actors of most contacts on each\n"
	"                            side (default 10)\n"
	"  --ei-threshold X          insular below this rescaled E-I (default -0.5)\n"
	"  --diversity-threshold X   homogeneous below this kind entropy (default 0.35)\n"
	"  --min-size N              smaller groups are never flagged (default 3)\n"
	"  --actors                  add the per-actor table\n"
	"  --unweighted              every relationship weighs 1 instead of its quality\n"
	"  --combine max|sum|mean    how several relationships between one pair are\n"
	"                            combined (default: max)\n"
	"  --top N                   keep the first N rows of the groups and actors tables\n"
	"  --format table|csv|json   output format (table on a terminal, csv otherwise)\n"
	"  -o FILE                   write to FILE (atomically) instead of stdout\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does not\n"
	"                            declare one (directed ties are read both ways here)\n"
	"  -q, --quiet               no progress bar\n"
	"  -h, --help                show this help\n"
	"\n"
	"A progress bar is drawn on stderr when it is a terminal; Ctrl-C cancels.\n"
	"\n"
	"Exit status: 0 success, 1 input error (unknown attribute, a numeric attribute\n"
	"where a categorical one is needed or the reverse, an option out of range),\n"
	"2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap bubbles survey/ --diversity-of gender,region --top 10\n"
	"  stakemap bubbles survey.json --by region --stance leaning --sides camp --actors\n"
	"  stakemap bubbles survey.json --seed 7 --resolution 1.5 --format json -o bubbles.json\n",
	.run = run,
};

static void json_number(FILE *f, const char *key, double v, bool last)
{
	char buf[40];
	cli_format_double(buf, sizeof buf, v, 0);
	fprintf(f, "    \"%s\": %s%s\n", key, buf[0] ? buf : "null", last ? "" : ",");
}

/* The short readable summary of the table format. */
static void print_summary(FILE *f, const sm_bubbles_result *r)
{
	const char *grouping = sm_table_note(r->groups, "grouping");
	size_t n;
	if (grouping && strcmp(grouping, "leiden") == 0)
		fprintf(f, "groups: %lld Leiden communities (seed %llu, resolution %s)\n",
		        (long long)r->group_count, (unsigned long long)r->seed,
		        sm_table_note(r->groups, "resolution"));
	else
		fprintf(f, "groups: %lld values of %s\n", (long long)r->group_count,
		        sm_table_note(r->groups, "by"));
	fprintf(f, "bubbles: %lld (insular: rescaled E-I < %s; homogeneous: kind diversity "
	        "< %s; at least %s actors)\n",
	        (long long)r->bubble_count, sm_table_note(r->groups, "ei_threshold"),
	        sm_table_note(r->groups, "diversity_threshold"),
	        sm_table_note(r->groups, "min_size"));
	fprintf(f, "modularity: %.4g\n", r->modularity);
	const char *const *attr = sm_table_column_string(r->assortativity, "attribute", &n);
	const double *value = sm_table_column_double(r->assortativity, "assortativity", NULL);
	fputs("assortativity:", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s %s %.3g", i ? ";" : "", attr[i], value[i]);
	fputc('\n', f);
	if (r->controversy)
		fprintf(f, "controversy (random walks between the values of %s): %.4g\n",
		        sm_table_note(r->controversy, "sides"), r->controversy_score);

	const char *const *name = sm_table_column_string(r->groups, "name", &n);
	const int64_t *size = sm_table_column_int64(r->groups, "size", NULL);
	const bool *bubble = sm_table_column_bool(r->groups, "bubble", NULL);
	const char *const *reason = sm_table_column_string(r->groups, "reason", NULL);
	fputs(r->bubble_count ? "\nflagged bubbles:\n" : "\nno group is flagged as a bubble\n", f);
	for (size_t i = 0; i < n; i++)
		if (bubble[i])
			fprintf(f, "  %s (%lld actors): %s\n", name[i], (long long)size[i],
			        reason[i]);
}

static int write_json(FILE *f, const sm_bubbles_result *r)
{
	fputs("{\n  \"summary\": {\n", f);
	fprintf(f, "    \"groups\": %lld,\n    \"bubbles\": %lld,\n", (long long)r->group_count,
	        (long long)r->bubble_count);
	fputs("    \"grouping\": ", f);
	cli_json_string(f, sm_table_note(r->groups, "grouping"));
	fputs(",\n", f);
	fprintf(f, "    \"seed\": %llu,\n", (unsigned long long)r->seed);
	json_number(f, "modularity", r->modularity, false);
	json_number(f, "controversy_score", r->controversy_score, false);
	fputs("    \"notes\": {", f);
	size_t notes = sm_table_note_count(r->groups);
	for (size_t i = 0; i < notes; i++) {
		const char *key = sm_table_note_key(r->groups, i);
		fputs(i ? ", " : "", f);
		cli_json_string(f, key);
		fputs(": ", f);
		cli_json_string(f, sm_table_note(r->groups, key));
	}
	fputs("}\n  },\n", f);
	const cli_named_table tables[] = { { "groups", r->groups },
		                           { "actors", r->actors },
		                           { "mixing", r->mixing },
		                           { "assortativity", r->assortativity },
		                           { "controversy", r->controversy } };
	if (cli_json_tables(f, tables, sizeof tables / sizeof tables[0]) != CLI_OK)
		return CLI_ERROR;
	fputs("}\n", f);
	return CLI_OK;
}

static int write_output(sm_bubbles_result *r, const cli_opts *o)
{
	sm_table_format format = cli_table_format(o);
	cli_sink sink;
	int status;
	if (o->top > 0) {
		sm_table_truncate(r->groups, (size_t)o->top);
		sm_table_truncate(r->actors, (size_t)o->top);
	}
	if ((status = cli_sink_open(&sink, o->output)) != CLI_OK)
		return status;
	FILE *f = sink.stream;
	if (format == SM_TABLE_CSV) {
		status = cli_write_titled(f, NULL, o->actors ? r->actors : r->groups, format);
	} else if (format == SM_TABLE_JSON) {
		status = write_json(f, r);
	} else {
		print_summary(f, r);
		status = cli_write_titled(f, "groups:", r->groups, format);
		if (status == CLI_OK && r->controversy)
			status = cli_write_titled(f, "sides (p_<side>: share of the walks from this "
			                     "side that end in that one):", r->controversy, format);
		if (status == CLI_OK && o->actors)
			status = cli_write_titled(f, "actors:", r->actors, format);
	}
	if (status != CLI_OK) {
		cli_sink_abort(&sink);
		return status;
	}
	return cli_sink_commit(&sink);
}

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_bubbles_options bo;
	cli_progress progress;
	sm_network *net = NULL;
	sm_bubbles_result *r = NULL;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_bubbles,
	                   CLI_OPT_BY | CLI_OPT_COMMUNITY | CLI_OPT_SEED | CLI_OPT_BUBBLES |
	                   CLI_OPT_FORMAT | CLI_OPT_OUTPUT | CLI_OPT_TOP | CLI_OPT_QUIET |
	                   CLI_OPT_DIRECTED | CLI_OPT_COMBINE | CLI_OPT_UNWEIGHTED, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;

	cli_load_options(&lo, &o);
	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0)
		return cli_fail(rc);

	sm_bubbles_options_init(&bo);
	bo.by = o.by;
	bo.diversity_of = o.diversity_of;
	bo.stance = o.stance;
	bo.sides = o.sides;
	bo.weighted = !o.unweighted;
	bo.combine = o.combine;
	if (!isnan(o.resolution))
		bo.resolution = o.resolution;
	if (o.seed_set)
		bo.seed = o.centrality.seed;
	if (o.iterations_set)
		bo.iterations = o.iterations;
	if (o.walk_top >= 0)
		bo.walk_top = o.walk_top;
	if (!isnan(o.ei_threshold))
		bo.ei_threshold = o.ei_threshold;
	if (!isnan(o.diversity_threshold))
		bo.diversity_threshold = o.diversity_threshold;
	if (o.min_size >= 0)
		bo.min_size = o.min_size;
	cli_progress_init(&progress, o.quiet);
	cli_progress_catch_interrupt();
	bo.progress = cli_progress_update;
	bo.progress_user = &progress;
	rc = sm_bubbles(&r, net, &bo);
	cli_progress_done(&progress);
	if (rc < 0) {
		status = cli_fail(rc);
		goto done;
	}
	status = write_output(r, &o);

done:
	sm_bubbles_result_free(r);
	sm_network_free(net);
	return status;
}
