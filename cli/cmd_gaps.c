/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap gaps NETWORK --focal EXPR`: what are we missing — reach from a
 * focal set, coverage of target groups, unusual suspects and recommended
 * contacts (sm_gaps). The definitions are in docs/gaps.md.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_gaps = {
	.name = "gaps",
	.brief = "what are we missing: reach, coverage, unusual suspects, new contacts",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap gaps NETWORK --focal EXPR [--target-by LIST] [--hops K]\n"
	"                     [--min-quality Q] [--first-hop EXPR] [--avoid EXPR]\n"
	"                     [--recommend K] [--assumed-quality Q] [--weak-quality Q]\n"
	"                     [--standing-by ATTR] [--suspects N] [--at DATE]\n"
	"                     [--resolution R] [--seed S] [--combine max|sum|mean]\n"
	"                     [--top N] [--format table|csv|json] [-o FILE]\n"
	"\n"
	"A network-gap study from a focal set (our people): whom we reach and how\n"
	"well (the quality of a path is the product of its qualities; an actor's\n"
	"reach quality is the best path within K hops), which groups of the target\n"
	"attributes stay out of reach, the unusual suspects (actors with standing in\n"
	"their own group whom we reach weakly or not at all: standing x (1 - quality))\n"
	"and the new direct contacts that would close the gap fastest (lazy greedy).\n"
	"\n"
	"Output: --format table prints a short summary, then the coverage, suspects,\n"
	"recommendations and actors tables; csv prints the coverage table; json an\n"
	"object with the summary and every table.\n"
	"\n"
	"Options:\n"
	"  --focal EXPR              the focal set (a selection, e.g. \"kind = diplomat\")\n"
	"  --target-by LIST          categorical attributes whose groups are covered,\n"
	"                            comma-separated (default: kind); 'community' =\n"
	"                            Leiden communities\n"
	"  --hops K                  maximum path length (default 2; 0 = unlimited)\n"
	"  --min-quality Q           paths of lower quality do not count (default 0)\n"
	"  --first-hop EXPR          whom the focal set can meet directly (default: anyone)\n"
	"  --avoid EXPR              actors not relied on as intermediaries (they can be\n"
	"                            reached; never recommended)\n"
	"  --recommend K             new direct contacts to recommend (default 5; 0 = none)\n"
	"  --assumed-quality Q       quality of a recommended contact (default 0.5)\n"
	"  --weak-quality Q          reached below Q counts as weakly reached (default 0.25)\n"
	"  --standing-by ATTR        groups for standing: community (default) or an attribute\n"
	"  --suspects N              rows of the suspects table (default 20; 0 = all)\n"
	"  --at DATE                 study the snapshot of that day (YYYY-MM-DD)\n"
	"  --resolution R            Leiden resolution (default 1)\n"
	"  --seed S                  Leiden seed (default 1)\n"
	"  --combine max|sum|mean    how several relationships between one pair are\n"
	"                            combined (default: max; a sum is capped at 1)\n"
	"  --top N                   keep the first N rows of each table\n"
	"  --format table|csv|json   output format (table on a terminal, csv otherwise)\n"
	"  -o FILE                   write to FILE (atomically) instead of stdout\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does not\n"
	"                            declare one\n"
	"  -q, --quiet               no progress bar\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 success, 1 input or analysis error (a selection error shows\n"
	"its column), 2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap gaps examples/data/generated --focal \"kind = diplomat\" \\\n"
	"      --target-by gender,region --first-hop \"region = capital\"\n"
	"  stakemap gaps survey.json --focal \"id in (amb, dcm)\" --hops 3 --format json\n",
	.run = run,
};

/* Select with `expr`; on error print the message, the expression and a caret. */
static int select_or_fail(sm_selection **out, const sm_network *net, const char *option,
                          const char *expr)
{
	int rc = sm_select(out, net, expr);
	if (rc == SM_OK)
		return CLI_OK;
	const sm_error *e = sm_error_last();
	fflush(stdout);
	fprintf(stderr, "stakemap: %s: %s\n", option, e->message);
	if (e->column > 0 && (size_t)e->column <= strlen(expr) + 1) {
		fprintf(stderr, "  %s\n  %*s^\n", expr, (int)e->column - 1, "");
	}
	return CLI_ERROR;
}

static void pct(char *buf, size_t size, double x)
{
	snprintf(buf, size, "%.0f%%", 100.0 * x);
}

/* The short readable summary of the table format. */
static void print_summary(FILE *f, const sm_gaps_result *r, const sm_gaps_options *go)
{
	char p[16];
	size_t n;
	pct(p, sizeof p, (double)r->reached_count / (double)r->actors_total);
	fprintf(f, "reached %lld of %lld actors (%s) ", (long long)r->reached_count,
	        (long long)r->actors_total, p);
	if (go->hops > 0)
		fprintf(f, "within %lld hop%s", (long long)go->hops, go->hops == 1 ? "" : "s");
	else
		fputs("at any distance", f);
	fprintf(f, " from %lld focal actor%s, mean quality %.2f\n", (long long)r->focal_count,
	        r->focal_count == 1 ? "" : "s", r->mean_quality);

	/* Most under-reached: the lowest representation of each attribute, then the rest. */
	const char *const *attr = sm_table_column_string(r->coverage, "attribute", &n);
	const char *const *group = sm_table_column_string(r->coverage, "group", NULL);
	const double *repr = sm_table_column_double(r->coverage, "representation", NULL);
	const double *mean = sm_table_column_double(r->coverage, "mean_quality", NULL);
	int shown = 0;
	fputs("most under-reached:", f);
	for (size_t i = 0; i < n && shown < 4; i++) {
		if (repr[i] >= 1.0 || (i > 0 && strcmp(attr[i], attr[i - 1]) == 0))
			continue;
		fprintf(f, "%s %s=%s %.2fx (mean quality %.2f)", shown ? ";" : "", attr[i],
		        group[i], repr[i], mean[i]);
		shown++;
	}
	fputs(shown ? "\n" : " none (every group is reached at least in proportion)\n", f);

	const char *const *sid = sm_table_column_string(r->suspects, "id", &n);
	const char *const *slabel = sm_table_column_string(r->suspects, "label", NULL);
	const double *sst = sm_table_column_double(r->suspects, "standing", NULL);
	const double *sq = sm_table_column_double(r->suspects, "quality", NULL);
	fputs("top unusual suspects:", f);
	for (size_t i = 0; i < n && i < 3; i++) {
		bool quote = slabel[i][0] != '\0';
		fprintf(f, "%s %s%s%s%s (standing %.2f, quality %.2f)", i ? ";" : "", sid[i],
		        quote ? " \"" : "", slabel[i], quote ? "\"" : "", sst[i], sq[i]);
	}
	fputs(n ? "\n" : " none\n", f);

	const char *const *rid = sm_table_column_string(r->recommendations, "id", &n);
	const double *gain = sm_table_column_double(r->recommendations, "gain", NULL);
	const char *const *opens = sm_table_column_string(r->recommendations, "opens", NULL);
	fputs("recommended contacts:", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s %zu. %s (+%.3g)%s%s", i ? ";" : "", i + 1, rid[i], gain[i],
		        opens[i][0] ? " opens " : "", opens[i]);
	fputs(n ? "\n" : " none\n", f);
	fprintf(f, "objective %.4g before the picks; lazy greedy made %lld evaluations "
	        "(plain greedy: %lld); kind diversity gap (Jensen-Shannon) %.3f\n",
	        r->objective, (long long)r->evaluations, (long long)r->evaluations_plain,
	        r->diversity_gap);
}

static void json_number(FILE *f, const char *key, double v)
{
	char buf[40];
	cli_format_double(buf, sizeof buf, v, 0);
	fprintf(f, "  \"%s\": %s,\n", key, buf[0] ? buf : "null");
}

static int write_json(FILE *f, const sm_gaps_result *r)
{
	fputs("{\n  \"summary\": {\n", f);
	fprintf(f, "  \"actors\": %lld,\n  \"focal\": %lld,\n  \"reached\": %lld,\n",
	        (long long)r->actors_total, (long long)r->focal_count,
	        (long long)r->reached_count);
	json_number(f, "mean_quality", r->mean_quality);
	json_number(f, "diversity_gap", r->diversity_gap);
	json_number(f, "objective", r->objective);
	fprintf(f, "  \"evaluations\": %lld,\n  \"evaluations_plain\": %lld,\n  \"seed\": %llu\n",
	        (long long)r->evaluations, (long long)r->evaluations_plain,
	        (unsigned long long)r->seed);
	fputs("  },\n", f);
	const cli_named_table tables[] = { { "coverage", r->coverage },
		                           { "suspects", r->suspects },
		                           { "recommendations", r->recommendations },
		                           { "actors", r->actors } };
	if (cli_json_tables(f, tables, sizeof tables / sizeof tables[0]) != CLI_OK)
		return CLI_ERROR;
	fputs("}\n", f);
	return CLI_OK;
}

static void truncate_all(sm_gaps_result *r, const cli_opts *o)
{
	if (o->top <= 0)
		return;
	sm_table_truncate(r->coverage, (size_t)o->top);
	sm_table_truncate(r->suspects, (size_t)o->top);
	sm_table_truncate(r->recommendations, (size_t)o->top);
	sm_table_truncate(r->actors, (size_t)o->top);
}

static int write_output(sm_gaps_result *r, const sm_gaps_options *go, const cli_opts *o)
{
	sm_table_format format = cli_table_format(o);
	cli_sink sink;
	int status;
	if (format == SM_TABLE_TEXT) {
		int rc = sm_table_sort(r->actors, "quality", true);
		if (rc < 0)
			return cli_fail(rc);
	}
	if ((status = cli_sink_open(&sink, o->output)) != CLI_OK)
		return status;
	FILE *f = sink.stream;
	if (format == SM_TABLE_CSV) {
		truncate_all(r, o);
		status = cli_write_titled(f, NULL, r->coverage, format);
	} else if (format == SM_TABLE_JSON) {
		truncate_all(r, o);
		status = write_json(f, r);
	} else {
		print_summary(f, r, go); /* from the whole tables */
		truncate_all(r, o);
		if ((status = cli_write_titled(f, "coverage of the target groups:", r->coverage,
		                          format)) == CLI_OK &&
		    (status = cli_write_titled(f, "unusual suspects:", r->suspects, format)) == CLI_OK &&
		    (status = cli_write_titled(f, "recommended contacts:", r->recommendations,
		                          format)) == CLI_OK)
			status = cli_write_titled(f, "actors, best reached first:", r->actors, format);
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
	sm_gaps_options go;
	cli_progress progress;
	sm_network *net = NULL;
	sm_selection *focal = NULL, *first = NULL, *avoid = NULL;
	sm_gaps_result *r = NULL;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_gaps,
	                   CLI_OPT_FOCAL | CLI_OPT_GAPS | CLI_OPT_COMMUNITY | CLI_OPT_SEED |
	                   CLI_OPT_FORMAT | CLI_OPT_OUTPUT | CLI_OPT_TOP | CLI_OPT_QUIET |
	                   CLI_OPT_DIRECTED | CLI_OPT_COMBINE, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;
	if (!o.focal)
		return cli_usage_error(&cli_cmd_gaps, "--focal EXPR is required");

	cli_load_options(&lo, &o);
	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0)
		return cli_fail(rc);
	if ((status = select_or_fail(&focal, net, "--focal", o.focal)) != CLI_OK ||
	    (o.first_hop &&
	     (status = select_or_fail(&first, net, "--first-hop", o.first_hop)) != CLI_OK) ||
	    (o.avoid && (status = select_or_fail(&avoid, net, "--avoid", o.avoid)) != CLI_OK))
		goto done;

	sm_gaps_options_init(&go);
	go.target_by = o.target_by;
	go.first_hop = first;
	go.avoid = avoid;
	go.at = o.at;
	go.standing_by = o.standing_by;
	go.combine = o.combine;
	if (o.hops >= 0)
		go.hops = o.hops;
	if (!isnan(o.min_quality))
		go.min_quality = o.min_quality;
	if (o.recommend >= 0)
		go.recommend = o.recommend;
	if (!isnan(o.assumed_quality))
		go.assumed_quality = o.assumed_quality;
	if (!isnan(o.weak_quality))
		go.weak_quality = o.weak_quality;
	if (o.suspects >= 0)
		go.suspects = o.suspects;
	if (!isnan(o.resolution))
		go.resolution = o.resolution;
	if (o.seed_set)
		go.seed = o.centrality.seed;
	cli_progress_init(&progress, o.quiet);
	cli_progress_catch_interrupt();
	go.progress = cli_progress_update;
	go.progress_user = &progress;
	rc = sm_gaps(&r, net, focal, &go);
	cli_progress_done(&progress);
	if (rc < 0) {
		status = cli_fail(rc);
		goto done;
	}
	status = write_output(r, &go, &o);

done:
	sm_gaps_result_free(r);
	sm_selection_free(avoid);
	sm_selection_free(first);
	sm_selection_free(focal);
	sm_network_free(net);
	return status;
}
