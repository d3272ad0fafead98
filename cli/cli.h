/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The `stakemap` command: shared declarations. The command is thin: each
 * cmd_*.c parses its options (options.c), calls the public library API and
 * prints tables (output.c). Nothing here includes lib/ internals.
 */
#ifndef SM_CLI_H
#define SM_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "stakemap.h"

/* Exit statuses (docs/cli.md). */
enum {
	CLI_OK = 0,    /* success */
	CLI_ERROR = 1, /* analysis or input error, or problems found by validate */
	CLI_USAGE = 2  /* unknown command or option, missing or bad argument */
};

#if defined(__GNUC__) || defined(__clang__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* Returned by cli_parse() when the command should go on running. */
#define CLI_CONTINUE (-1)

/* Options a command accepts, as a bit mask given to cli_parse(). */
enum {
	CLI_OPT_FORMAT = 1u << 0,   /* --format table|csv|json */
	CLI_OPT_OUTPUT = 1u << 1,   /* -o FILE */
	CLI_OPT_TOP = 1u << 2,      /* --top N */
	CLI_OPT_QUIET = 1u << 3,    /* --quiet */
	CLI_OPT_DIRECTED = 1u << 4, /* --directed / --undirected */
	CLI_OPT_BY = 1u << 5,       /* --by ATTR[,ATTR…] */
	CLI_OPT_TO = 1u << 6,       /* --to json|csv|graphml */
	CLI_OPT_GROUPS = 1u << 7,   /* --groups ATTR (brokers) */
	CLI_OPT_UNWEIGHTED = 1u << 8, /* --unweighted */
	CLI_OPT_COMBINE = 1u << 9,  /* --combine max|sum|mean */
	CLI_OPT_SORT = 1u << 10,    /* --sort COLUMN */
	CLI_OPT_CENTRALITY = 1u << 11, /* --measures --distance --mode --raw --damping --cutoff
	                                 --samples --seed --threads (centrality) */
	CLI_OPT_SEED = 1u << 12,      /* --seed S */
	CLI_OPT_COMMUNITY = 1u << 13, /* --resolution R --iterations N */
	CLI_OPT_BUBBLES = 1u << 14,   /* --diversity-of --stance --sides --walk-top
	                                 --ei-threshold --diversity-threshold --min-size --actors */
	CLI_OPT_FOCAL = 1u << 15,     /* --focal EXPR --target-by LIST */
	CLI_OPT_GAPS = 1u << 16,      /* --hops --min-quality --first-hop --avoid --at
	                                 --recommend --assumed-quality --weak-quality
	                                 --standing-by --suspects */
	CLI_OPT_REPORT = 1u << 17,    /* --title --colour-by/--color-by --size-by --max-actors */
	CLI_OPT_LAYOUT = 1u << 18     /* --algorithm auto|fr|drl (and --iterations) */
};

/* Parsed options. Unset values: format_set false, output NULL, top 0,
 * directed -1, by NULL, to SM_FORMAT_AUTO. */
typedef struct cli_opts {
	sm_table_format format;
	bool format_set;
	const char *output;
	int64_t top;      /* 0 = every row */
	bool quiet;
	int directed;     /* -1 auto, 0, 1: sm_load_options.directed */
	const char *by;
	sm_format to;
	const char *groups;  /* --groups, or NULL */
	bool unweighted;     /* --unweighted */
	sm_combine combine;  /* --combine (default SM_COMBINE_MAX) */
	const char *sort;    /* --sort, or NULL */
	/* CLI_OPT_CENTRALITY: each unset value is sm_centrality_options_init()'s */
	sm_centrality_options centrality; /* measures, distance, mode, normalized (--raw),
	                                     damping, cutoff, samples, seed, threads */
	/* Options of bubbles, gaps, report and layout. Strings: NULL when unset;
	 * numbers: NaN (doubles) or -1 (counts) when unset — the command then
	 * keeps the library's default. Words and numbers are checked by the
	 * parser (usage errors), ranges by the library (exit 1). */
	bool seed_set;            /* --seed given (the value is centrality.seed) */
	double resolution;        /* --resolution */
	int64_t iterations;       /* --iterations (may be negative: until stable) */
	bool iterations_set;
	const char *diversity_of; /* --diversity-of LIST */
	const char *stance;       /* --stance ATTR */
	const char *sides;        /* --sides ATTR */
	int64_t walk_top;         /* --walk-top N */
	double ei_threshold;      /* --ei-threshold X */
	double diversity_threshold; /* --diversity-threshold X */
	int64_t min_size;         /* --min-size N */
	bool actors;              /* --actors */
	const char *focal;        /* --focal EXPR */
	const char *target_by;    /* --target-by LIST */
	int64_t hops;             /* --hops K (0 = unlimited) */
	double min_quality;       /* --min-quality Q */
	const char *first_hop;    /* --first-hop EXPR */
	const char *avoid;        /* --avoid EXPR */
	const char *at;           /* --at DATE */
	int64_t recommend;        /* --recommend K */
	double assumed_quality;   /* --assumed-quality Q */
	double weak_quality;      /* --weak-quality Q */
	const char *standing_by;  /* --standing-by ATTR */
	int64_t suspects;         /* --suspects N */
	const char *title;        /* --title T */
	const char *colour_by;    /* --colour-by / --color-by */
	const char *size_by;      /* --size-by MEASURE */
	int64_t max_actors;       /* --max-actors N */
	const char *algorithm;    /* --algorithm auto|fr|drl */
	char **args;      /* positional arguments (points into argv) */
	int nargs;
} cli_opts;

/* A sub-command. */
typedef struct cli_command {
	const char *name;
	const char *brief; /* one line for `stakemap --help` */
	const char *operand; /* name of the required positional argument, or NULL */
	const char *help;  /* the full help: usage line, description, options, example */
	int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_cmd_summary;
extern const cli_command cli_cmd_validate;
extern const cli_command cli_cmd_convert;
extern const cli_command cli_cmd_kinds;
extern const cli_command cli_cmd_centrality;
extern const cli_command cli_cmd_brokers;
extern const cli_command cli_cmd_bubbles;
extern const cli_command cli_cmd_gaps;
extern const cli_command cli_cmd_report;
extern const cli_command cli_cmd_layout;

/* ---- options.c ---- */

/*
 * Parse a sub-command's arguments (argv[0] is the command's name) with
 * getopt_long, accepting the options in `allowed` plus --help. Positional
 * arguments land in o->args; exactly `nargs` of them are required.
 * Returns CLI_CONTINUE, CLI_OK (help printed) or CLI_USAGE (message printed).
 */
int cli_parse(cli_opts *o, const cli_command *cmd, unsigned int allowed, int nargs, int argc,
              char **argv);

/* Print "stakemap: <message>" and "try '…'" on stderr; returns CLI_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);

/* Print the help of `cmd` on stdout. */
void cli_print_help(const cli_command *cmd, FILE *stream);

/* Load options from the parsed command-line options. */
void cli_load_options(sm_load_options *lo, const cli_opts *o);

/* ---- output.c ---- */

/* Print "stakemap: <last error's message>" on stderr; returns CLI_ERROR. */
int cli_fail(int rc);

/* Print "stakemap: <message>" on stderr; returns CLI_ERROR. */
int cli_failf(const char *fmt, ...) CLI_PRINTF(1, 2);

/* The table format to use: --format, else by -o's extension (.json, .csv,
 * .txt/.md = table, else csv), else table on a terminal and csv otherwise. */
sm_table_format cli_table_format(const cli_opts *o);

/* Significant digits for doubles in a format: 6 for text, 0 (exact) otherwise. */
int cli_table_digits(sm_table_format format);

/*
 * Write one table to stdout, or atomically to o->output with
 * sm_table_write_file(). Applies --top. Returns CLI_OK or CLI_ERROR.
 */
int cli_write_table(sm_table *t, const cli_opts *o);

/*
 * An output stream for commands that write more than one table: stdout, or
 * a temporary file beside `path` renamed over it by cli_sink_commit() (so
 * `path` is the old file or the whole new one, never a part).
 */
typedef struct cli_sink {
	FILE *stream;
	const char *path; /* NULL for stdout */
	char *tmp;        /* temporary file name */
} cli_sink;

/* Returns CLI_OK or CLI_ERROR (message printed). */
int cli_sink_open(cli_sink *s, const char *path);
/* Flush, sync and rename into place. Returns CLI_OK or CLI_ERROR (message printed). */
int cli_sink_commit(cli_sink *s);
/* Drop an uncommitted sink (removes the temporary file). Safe after commit. */
void cli_sink_abort(cli_sink *s);

/* Commands that print several tables (bubbles, gaps): one table under a
 * title line ("\n<title>\n", none when title is NULL). CLI_OK or CLI_ERROR. */
int cli_write_titled(FILE *f, const char *title, const sm_table *t, sm_table_format format);

/* A table and its member name in a JSON document. */
typedef struct cli_named_table {
	const char *name;
	const sm_table *t; /* NULL prints null */
} cli_named_table;

/* The members `"name": <table as JSON>` of `tables`, one a line, separated by
 * commas (the caller opens and closes the object). CLI_OK or CLI_ERROR. */
int cli_json_tables(FILE *f, const cli_named_table *tables, size_t count);

/* Format a double: shortest text that reads back exactly ("%.15g" … "%.17g"),
 * or with `digits` significant digits when digits > 0. NaN gives "". */
void cli_format_double(char *buf, size_t size, double v, int digits);

/* Write `s` as a JSON string (quoted, escaped) to `f`. */
void cli_json_string(FILE *f, const char *s);

/* ---- progress.c ---- */

/* A progress bar on stderr, drawn only when stderr is a terminal. */
typedef struct cli_progress {
	bool enabled;
	const char *stage; /* stage being drawn, or NULL */
	int shown;         /* last percentage drawn, or -1 */
} cli_progress;

/* Enable the bar unless `quiet` or stderr is not a terminal. */
void cli_progress_init(cli_progress *p, bool quiet);
/* An sm_progress_fn: pass it with a cli_progress as `user`. Returns non-zero
 * (cancel) after SIGINT once cli_progress_catch_interrupt() was called. */
int cli_progress_update(double fraction, const char *stage, void *user);
/* Clear the bar's line. */
void cli_progress_done(cli_progress *p);
/* Make Ctrl-C cancel the running analysis (through the callback) instead of
 * killing the process; a second Ctrl-C kills it. */
void cli_progress_catch_interrupt(void);

#endif
