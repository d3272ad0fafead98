/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Option parsing shared by every sub-command: one table of options, of which
 * each command accepts a subset, parsed with getopt_long.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Long-only options get values above any character. */
enum {
	OPT_FORMAT = 256,
	OPT_TOP,
	OPT_DIRECTED,
	OPT_UNDIRECTED,
	OPT_BY,
	OPT_TO,
	OPT_GROUPS,
	OPT_UNWEIGHTED,
	OPT_COMBINE,
	OPT_SORT,
	OPT_MEASURES,
	OPT_DISTANCE,
	OPT_MODE,
	OPT_RAW,
	OPT_DAMPING,
	OPT_CUTOFF,
	OPT_SAMPLES,
	OPT_SEED,
	OPT_THREADS,
	OPT_RESOLUTION,
	OPT_ITERATIONS,
	OPT_DIVERSITY_OF,
	OPT_STANCE,
	OPT_SIDES,
	OPT_WALK_TOP,
	OPT_EI_THRESHOLD,
	OPT_DIVERSITY_THRESHOLD,
	OPT_MIN_SIZE,
	OPT_ACTORS,
	OPT_FOCAL,
	OPT_TARGET_BY,
	OPT_HOPS,
	OPT_MIN_QUALITY,
	OPT_FIRST_HOP,
	OPT_AVOID,
	OPT_AT,
	OPT_RECOMMEND,
	OPT_ASSUMED_QUALITY,
	OPT_WEAK_QUALITY,
	OPT_STANDING_BY,
	OPT_SUSPECTS,
	OPT_TITLE,
	OPT_COLOUR_BY,
	OPT_SIZE_BY,
	OPT_MAX_ACTORS,
	OPT_ALGORITHM
};

typedef struct option_spec {
	unsigned int mask; /* 0 = always accepted */
	struct option opt;
} option_spec;

static const option_spec all_options[] = {
	{ 0, { "help", no_argument, NULL, 'h' } },
	{ CLI_OPT_FORMAT, { "format", required_argument, NULL, OPT_FORMAT } },
	{ CLI_OPT_OUTPUT, { "output", required_argument, NULL, 'o' } },
	{ CLI_OPT_TOP, { "top", required_argument, NULL, OPT_TOP } },
	{ CLI_OPT_QUIET, { "quiet", no_argument, NULL, 'q' } },
	{ CLI_OPT_DIRECTED, { "directed", no_argument, NULL, OPT_DIRECTED } },
	{ CLI_OPT_DIRECTED, { "undirected", no_argument, NULL, OPT_UNDIRECTED } },
	{ CLI_OPT_BY, { "by", required_argument, NULL, OPT_BY } },
	{ CLI_OPT_TO, { "to", required_argument, NULL, OPT_TO } },
	{ CLI_OPT_GROUPS, { "groups", required_argument, NULL, OPT_GROUPS } },
	{ CLI_OPT_UNWEIGHTED, { "unweighted", no_argument, NULL, OPT_UNWEIGHTED } },
	{ CLI_OPT_COMBINE, { "combine", required_argument, NULL, OPT_COMBINE } },
	{ CLI_OPT_SORT, { "sort", required_argument, NULL, OPT_SORT } },
	{ CLI_OPT_CENTRALITY, { "measures", required_argument, NULL, OPT_MEASURES } },
	{ CLI_OPT_CENTRALITY, { "distance", required_argument, NULL, OPT_DISTANCE } },
	{ CLI_OPT_CENTRALITY, { "mode", required_argument, NULL, OPT_MODE } },
	{ CLI_OPT_CENTRALITY, { "raw", no_argument, NULL, OPT_RAW } },
	{ CLI_OPT_CENTRALITY, { "damping", required_argument, NULL, OPT_DAMPING } },
	{ CLI_OPT_CENTRALITY, { "cutoff", required_argument, NULL, OPT_CUTOFF } },
	{ CLI_OPT_CENTRALITY, { "samples", required_argument, NULL, OPT_SAMPLES } },
	{ CLI_OPT_CENTRALITY | CLI_OPT_SEED, { "seed", required_argument, NULL, OPT_SEED } },
	{ CLI_OPT_CENTRALITY, { "threads", required_argument, NULL, OPT_THREADS } },
	{ CLI_OPT_COMMUNITY, { "resolution", required_argument, NULL, OPT_RESOLUTION } },
	{ CLI_OPT_COMMUNITY | CLI_OPT_LAYOUT,
	  { "iterations", required_argument, NULL, OPT_ITERATIONS } },
	{ CLI_OPT_BUBBLES, { "diversity-of", required_argument, NULL, OPT_DIVERSITY_OF } },
	{ CLI_OPT_BUBBLES, { "stance", required_argument, NULL, OPT_STANCE } },
	{ CLI_OPT_BUBBLES, { "sides", required_argument, NULL, OPT_SIDES } },
	{ CLI_OPT_BUBBLES, { "walk-top", required_argument, NULL, OPT_WALK_TOP } },
	{ CLI_OPT_BUBBLES, { "ei-threshold", required_argument, NULL, OPT_EI_THRESHOLD } },
	{ CLI_OPT_BUBBLES,
	  { "diversity-threshold", required_argument, NULL, OPT_DIVERSITY_THRESHOLD } },
	{ CLI_OPT_BUBBLES, { "min-size", required_argument, NULL, OPT_MIN_SIZE } },
	{ CLI_OPT_BUBBLES, { "actors", no_argument, NULL, OPT_ACTORS } },
	{ CLI_OPT_FOCAL, { "focal", required_argument, NULL, OPT_FOCAL } },
	{ CLI_OPT_FOCAL, { "target-by", required_argument, NULL, OPT_TARGET_BY } },
	{ CLI_OPT_GAPS, { "hops", required_argument, NULL, OPT_HOPS } },
	{ CLI_OPT_GAPS, { "min-quality", required_argument, NULL, OPT_MIN_QUALITY } },
	{ CLI_OPT_GAPS, { "first-hop", required_argument, NULL, OPT_FIRST_HOP } },
	{ CLI_OPT_GAPS, { "avoid", required_argument, NULL, OPT_AVOID } },
	{ CLI_OPT_GAPS, { "at", required_argument, NULL, OPT_AT } },
	{ CLI_OPT_GAPS, { "recommend", required_argument, NULL, OPT_RECOMMEND } },
	{ CLI_OPT_GAPS, { "assumed-quality", required_argument, NULL, OPT_ASSUMED_QUALITY } },
	{ CLI_OPT_GAPS, { "weak-quality", required_argument, NULL, OPT_WEAK_QUALITY } },
	{ CLI_OPT_GAPS, { "standing-by", required_argument, NULL, OPT_STANDING_BY } },
	{ CLI_OPT_GAPS, { "suspects", required_argument, NULL, OPT_SUSPECTS } },
	{ CLI_OPT_REPORT, { "title", required_argument, NULL, OPT_TITLE } },
	{ CLI_OPT_REPORT, { "colour-by", required_argument, NULL, OPT_COLOUR_BY } },
	{ CLI_OPT_REPORT, { "color-by", required_argument, NULL, OPT_COLOUR_BY } },
	{ CLI_OPT_REPORT, { "size-by", required_argument, NULL, OPT_SIZE_BY } },
	{ CLI_OPT_REPORT, { "max-actors", required_argument, NULL, OPT_MAX_ACTORS } },
	{ CLI_OPT_LAYOUT, { "algorithm", required_argument, NULL, OPT_ALGORITHM } },
};

#define N_OPTIONS (sizeof(all_options) / sizeof(all_options[0]))

void cli_print_help(const cli_command *cmd, FILE *stream)
{
	fputs(cmd->help, stream);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("stakemap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "try 'stakemap %s --help'\n", cmd->name);
	else
		fputs("try 'stakemap --help'\n", stderr);
	return CLI_USAGE;
}

/* Restart getopt for a new argument vector. */
static void reset_getopt(void)
{
#if defined(__GLIBC__)
	optind = 0; /* glibc: full re-initialisation */
#else
	optind = 1;
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__)
	optreset = 1;
#endif
#endif
}

/* The option word as the user typed it (for messages), without "=value". */
static void option_word(char *buf, size_t size, const char *arg)
{
	size_t n = strcspn(arg, "=");

	if (n >= size)
		n = size - 1;
	memcpy(buf, arg, n);
	buf[n] = '\0';
}

/* Whether `word` ("--by") names an option of the full table. */
static bool is_known_option(const char *word)
{
	size_t i;

	if (word[0] != '-' || word[1] != '-')
		return false;
	for (i = 0; i < N_OPTIONS; i++)
		if (strcmp(all_options[i].opt.name, word + 2) == 0)
			return true;
	return false;
}

static int parse_top(cli_opts *o, const cli_command *cmd, const char *arg)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v <= 0)
		return cli_usage_error(cmd, "--top needs a whole number above 0, not '%s'", arg);
	o->top = (int64_t)v;
	return CLI_CONTINUE;
}

static int parse_format(cli_opts *o, const cli_command *cmd, const char *arg)
{
	if (strcmp(arg, "table") == 0)
		o->format = SM_TABLE_TEXT;
	else if (strcmp(arg, "csv") == 0)
		o->format = SM_TABLE_CSV;
	else if (strcmp(arg, "json") == 0)
		o->format = SM_TABLE_JSON;
	else
		return cli_usage_error(cmd, "unknown format '%s' (table, csv or json)", arg);
	o->format_set = true;
	return CLI_CONTINUE;
}

static int parse_to(cli_opts *o, const cli_command *cmd, const char *arg)
{
	if (strcmp(arg, "json") == 0)
		o->to = SM_FORMAT_JSON;
	else if (strcmp(arg, "csv") == 0)
		o->to = SM_FORMAT_CSV;
	else if (strcmp(arg, "graphml") == 0)
		o->to = SM_FORMAT_GRAPHML;
	else if (strcmp(arg, "gexf") == 0)
		o->to = SM_FORMAT_GEXF;
	else if (strcmp(arg, "dot") == 0)
		o->to = SM_FORMAT_DOT;
	else if (strcmp(arg, "pajek") == 0)
		o->to = SM_FORMAT_PAJEK;
	else if (strcmp(arg, "kumu") == 0)
		o->to = SM_FORMAT_KUMU;
	else
		return cli_usage_error(cmd, "unknown network format '%s' (json, csv, graphml, gexf, "
		                            "dot, pajek or kumu)", arg);
	return CLI_CONTINUE;
}

static int parse_combine(cli_opts *o, const cli_command *cmd, const char *arg)
{
	if (strcmp(arg, "max") == 0)
		o->combine = SM_COMBINE_MAX;
	else if (strcmp(arg, "sum") == 0)
		o->combine = SM_COMBINE_SUM;
	else if (strcmp(arg, "mean") == 0)
		o->combine = SM_COMBINE_MEAN;
	else
		return cli_usage_error(cmd, "unknown --combine rule '%s' (max, sum or mean)", arg);
	return CLI_CONTINUE;
}

/* The centrality options (CLI_OPT_CENTRALITY). Words and numbers are
 * checked here (usage errors); ranges by sm_centrality() (exit 1). */
static int parse_centrality(cli_opts *o, const cli_command *cmd, int c, const char *arg)
{
	static const char *const distances[] = { "inverse", "log", "hops" };
	static const char *const modes[] = { "default", "out", "in", "undirected" };
	sm_centrality_options *co = &o->centrality;
	char *end;
	int i;

	errno = 0;
	switch (c) {
	case OPT_MEASURES:
		if (sm_measure_parse(&co->measures, arg) < 0)
			return cli_usage_error(cmd, "--measures: %s", sm_error_last()->message);
		return CLI_CONTINUE;
	case OPT_DISTANCE:
		for (i = 0; i < 3; i++)
			if (strcmp(arg, distances[i]) == 0) {
				co->distance = (sm_distance)i;
				return CLI_CONTINUE;
			}
		return cli_usage_error(cmd, "unknown --distance '%s' (inverse, log or hops)", arg);
	case OPT_MODE:
		for (i = 0; i < 4; i++)
			if (strcmp(arg, modes[i]) == 0) {
				co->mode = (sm_mode)i;
				return CLI_CONTINUE;
			}
		return cli_usage_error(cmd, "unknown --mode '%s' (default, out, in or undirected)",
		                       arg);
	case OPT_RAW:
		co->normalized = false;
		return CLI_CONTINUE;
	case OPT_DAMPING:
	case OPT_CUTOFF: {
		double v = strtod(arg, &end);
		if (errno != 0 || end == arg || *end != '\0' || v != v)
			return cli_usage_error(cmd, "--%s needs a number, not '%s'",
			                       c == OPT_DAMPING ? "damping" : "cutoff", arg);
		if (c == OPT_DAMPING)
			co->damping = v;
		else
			co->cutoff = v;
		return CLI_CONTINUE;
	}
	case OPT_SAMPLES:
	case OPT_THREADS: {
		long long v = strtoll(arg, &end, 10);
		if (errno != 0 || end == arg || *end != '\0' ||
		    (c == OPT_THREADS && (v < INT_MIN || v > INT_MAX)))
			return cli_usage_error(cmd, "--%s needs a whole number, not '%s'",
			                       c == OPT_SAMPLES ? "samples" : "threads", arg);
		if (c == OPT_SAMPLES)
			co->samples = (int64_t)v;
		else
			co->threads = (int)v;
		return CLI_CONTINUE;
	}
	case OPT_SEED: {
		unsigned long long v = strtoull(arg, &end, 10);
		if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-')
			return cli_usage_error(cmd,
			                       "--seed needs a whole number of 0 or more, not '%s'", arg);
		co->seed = (uint64_t)v;
		return CLI_CONTINUE;
	}
	default:
		return cli_usage_error(cmd, "unhandled option");
	}
}

/* The long name of option value `c` (for messages). */
static const char *option_name(int c)
{
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (all_options[i].opt.val == c)
			return all_options[i].opt.name;
	return "?";
}

/* A non-empty text value. */
static int parse_text(const char **dst, const cli_command *cmd, int c, const char *arg)
{
	if (arg[0] == '\0')
		return cli_usage_error(cmd, "--%s needs a value", option_name(c));
	*dst = arg;
	return CLI_CONTINUE;
}

/* A finite number. */
static int parse_real(double *dst, const cli_command *cmd, int c, const char *arg)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !isfinite(v))
		return cli_usage_error(cmd, "--%s needs a number, not '%s'", option_name(c), arg);
	*dst = v;
	return CLI_CONTINUE;
}

/* A whole number; `min` is the smallest accepted. */
static int parse_whole(int64_t *dst, const cli_command *cmd, int c, const char *arg,
                       long long min)
{
	char *end;
	errno = 0;
	long long v = strtoll(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < min)
		return cli_usage_error(cmd, "--%s needs a whole number of %lld or more, not '%s'",
		                       option_name(c), min, arg);
	*dst = (int64_t)v;
	return CLI_CONTINUE;
}

/* Options of bubbles, gaps, report and layout. */
static int parse_study(cli_opts *o, const cli_command *cmd, int c, const char *arg)
{
	switch (c) {
	case OPT_RESOLUTION: return parse_real(&o->resolution, cmd, c, arg);
	case OPT_ITERATIONS:
		o->iterations_set = true;
		return parse_whole(&o->iterations, cmd, c, arg, LLONG_MIN);
	case OPT_DIVERSITY_OF: return parse_text(&o->diversity_of, cmd, c, arg);
	case OPT_STANCE: return parse_text(&o->stance, cmd, c, arg);
	case OPT_SIDES: return parse_text(&o->sides, cmd, c, arg);
	case OPT_WALK_TOP: return parse_whole(&o->walk_top, cmd, c, arg, 1);
	case OPT_EI_THRESHOLD: return parse_real(&o->ei_threshold, cmd, c, arg);
	case OPT_DIVERSITY_THRESHOLD: return parse_real(&o->diversity_threshold, cmd, c, arg);
	case OPT_MIN_SIZE: return parse_whole(&o->min_size, cmd, c, arg, 0);
	case OPT_ACTORS: o->actors = true; return CLI_CONTINUE;
	case OPT_FOCAL: return parse_text(&o->focal, cmd, c, arg);
	case OPT_TARGET_BY: return parse_text(&o->target_by, cmd, c, arg);
	case OPT_HOPS: return parse_whole(&o->hops, cmd, c, arg, 0);
	case OPT_MIN_QUALITY: return parse_real(&o->min_quality, cmd, c, arg);
	case OPT_FIRST_HOP: return parse_text(&o->first_hop, cmd, c, arg);
	case OPT_AVOID: return parse_text(&o->avoid, cmd, c, arg);
	case OPT_AT: return parse_text(&o->at, cmd, c, arg);
	case OPT_RECOMMEND: return parse_whole(&o->recommend, cmd, c, arg, 0);
	case OPT_ASSUMED_QUALITY: return parse_real(&o->assumed_quality, cmd, c, arg);
	case OPT_WEAK_QUALITY: return parse_real(&o->weak_quality, cmd, c, arg);
	case OPT_STANDING_BY: return parse_text(&o->standing_by, cmd, c, arg);
	case OPT_SUSPECTS: return parse_whole(&o->suspects, cmd, c, arg, 0);
	case OPT_TITLE: return parse_text(&o->title, cmd, c, arg);
	case OPT_COLOUR_BY: return parse_text(&o->colour_by, cmd, c, arg);
	case OPT_SIZE_BY: return parse_text(&o->size_by, cmd, c, arg);
	case OPT_MAX_ACTORS: return parse_whole(&o->max_actors, cmd, c, arg, 1);
	case OPT_ALGORITHM: return parse_text(&o->algorithm, cmd, c, arg);
	default: return cli_usage_error(cmd, "unhandled option");
	}
}

/* Handle one option returned by getopt_long. */
static int take_option(cli_opts *o, const cli_command *cmd, int c, const char *arg)
{
	switch (c) {
	case OPT_FORMAT:
		return parse_format(o, cmd, arg);
	case 'o':
		if (arg[0] == '\0')
			return cli_usage_error(cmd, "-o needs a file name");
		o->output = arg;
		return CLI_CONTINUE;
	case OPT_TOP:
		return parse_top(o, cmd, arg);
	case 'q':
		o->quiet = true;
		return CLI_CONTINUE;
	case OPT_DIRECTED:
		o->directed = 1;
		return CLI_CONTINUE;
	case OPT_UNDIRECTED:
		o->directed = 0;
		return CLI_CONTINUE;
	case OPT_BY:
		if (arg[0] == '\0')
			return cli_usage_error(cmd, "--by needs an attribute name");
		o->by = arg;
		return CLI_CONTINUE;
	case OPT_TO:
		return parse_to(o, cmd, arg);
	case OPT_GROUPS:
		if (arg[0] == '\0')
			return cli_usage_error(cmd, "--groups needs an attribute name");
		o->groups = arg;
		return CLI_CONTINUE;
	case OPT_UNWEIGHTED:
		o->unweighted = true;
		return CLI_CONTINUE;
	case OPT_COMBINE:
		return parse_combine(o, cmd, arg);
	case OPT_SORT:
		if (arg[0] == '\0')
			return cli_usage_error(cmd, "--sort needs a column name");
		o->sort = arg;
		return CLI_CONTINUE;
	case OPT_MEASURES:
	case OPT_DISTANCE:
	case OPT_MODE:
	case OPT_RAW:
	case OPT_DAMPING:
	case OPT_CUTOFF:
	case OPT_SAMPLES:
	case OPT_SEED:
		o->seed_set = true;
		return parse_centrality(o, cmd, c, arg);
	case OPT_THREADS:
		return parse_centrality(o, cmd, c, arg);
	default:
		if (c >= OPT_RESOLUTION && c <= OPT_ALGORITHM)
			return parse_study(o, cmd, c, arg);
		return cli_usage_error(cmd, "unhandled option");
	}
}

int cli_parse(cli_opts *o, const cli_command *cmd, unsigned int allowed, int nargs, int argc,
              char **argv)
{
	struct option longopts[N_OPTIONS + 1];
	char shortopts[8];
	size_t n = 0, s = 0, i;
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->format = SM_TABLE_CSV;
	o->directed = -1;
	o->to = SM_FORMAT_AUTO;
	o->combine = SM_COMBINE_MAX;
	sm_centrality_options_init(&o->centrality);
	o->resolution = o->ei_threshold = o->diversity_threshold = NAN;
	o->min_quality = o->assumed_quality = o->weak_quality = NAN;
	o->walk_top = o->min_size = o->hops = o->recommend = o->suspects = o->max_actors = -1;

	for (i = 0; i < N_OPTIONS; i++)
		if (all_options[i].mask == 0 || (all_options[i].mask & allowed))
			longopts[n++] = all_options[i].opt;
	memset(&longopts[n], 0, sizeof(longopts[n]));

	/* ':' first: report a missing argument as ':' rather than '?'. */
	shortopts[s++] = ':';
	shortopts[s++] = 'h';
	if (allowed & CLI_OPT_OUTPUT) {
		shortopts[s++] = 'o';
		shortopts[s++] = ':';
	}
	if (allowed & CLI_OPT_QUIET)
		shortopts[s++] = 'q';
	shortopts[s] = '\0';

	reset_getopt();
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		char word[64];

		if (c == 'h') {
			cli_print_help(cmd, stdout);
			return CLI_OK;
		}
		if (c == '?') {
			const char *last = argv[optind - 1];
			bool long_word = strncmp(last, "--", 2) == 0;

			if (optopt > 0 && optopt < 256 && !(long_word && strchr(last, '=')))
				return cli_usage_error(cmd, "unknown option '-%c'", optopt);
			option_word(word, sizeof(word), last);
			if (optopt != 0 && long_word && strchr(last, '='))
				return cli_usage_error(cmd, "option '%s' takes no value", word);
			if (is_known_option(word))
				return cli_usage_error(cmd, "'%s' does not take the option '%s'",
				                       cmd->name, word);
			return cli_usage_error(cmd, "unknown option '%s'", word);
		}
		if (c == ':') {
			option_word(word, sizeof(word), argv[optind - 1]);
			return cli_usage_error(cmd, "option '%s' needs a value", word);
		}
		rc = take_option(o, cmd, c, optarg);
		if (rc != CLI_CONTINUE)
			return rc;
	}

	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->nargs < nargs)
		return cli_usage_error(cmd, "'%s' needs a %s", cmd->name, cmd->operand);
	if (o->nargs > nargs)
		return cli_usage_error(cmd, "unexpected argument '%s'", o->args[nargs]);
	return CLI_CONTINUE;
}

void cli_load_options(sm_load_options *lo, const cli_opts *o)
{
	sm_load_options_init(lo);
	lo->directed = o->directed;
}
