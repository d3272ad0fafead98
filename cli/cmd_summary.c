/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * `stakemap summary NETWORK`: whole-network figures (sm_network_summarize)
 * and actor counts by kind and by each categorical attribute
 * (sm_network_count_by). Output layouts are described in docs/cli.md.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_cmd_summary = {
	.name = "summary",
	.brief = "figures of a network: size, density, components, quality, counts by kind",
	.operand = "NETWORK (a .json or .graphml file, or a folder with the CSV pair)",
	.help =
	"usage: stakemap summary NETWORK [--by ATTR[,ATTR...]] [--format table|csv|json]\n"
	"                        [-o FILE] [--top N] [--directed|--undirected]\n"
	"\n"
	"Summarise a network: actors, relationships, direction, connected pairs,\n"
	"multi-relationships, density, components and the largest one (strong\n"
	"components too when directed), isolated actors, mean degree, relationship\n"
	"quality (min, mean, median, max and a histogram of five bins (0,0.2] ...\n"
	"(0.8,1]) and the date range. Then the actors counted by kind and by each\n"
	"categorical (string or boolean) actor attribute with at most 30 distinct\n"
	"values (more look like identifiers or free text: name them with --by).\n"
	"\n"
	"Options:\n"
	"  --by ATTR[,ATTR...]       count actors by these attributes only (any actor\n"
	"                            attribute, 'kind' or 'label'; numbers count by value)\n"
	"  --format table|csv|json   output format (table on a terminal, csv otherwise):\n"
	"                            csv is a key,value table, a blank line, then one\n"
	"                            table attribute,value,actors,share; json is one\n"
	"                            object {\"summary\": {...}, \"by\": {ATTR: [...]}}\n"
	"  -o FILE                   write to FILE (atomically) instead of stdout\n"
	"  --top N                   keep the N most frequent values of each attribute\n"
	"  --directed, --undirected  direction of a CSV or GraphML network that does not\n"
	"                            declare one\n"
	"  -q, --quiet               no notes on stderr\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 success, 1 input error (or unknown attribute), 2 usage error.\n"
	"\n"
	"Examples:\n"
	"  stakemap summary survey/\n"
	"  stakemap summary survey.json --by gender,region --format json\n",
	.run = run,
};

/* ---- the summary as (key, value) items ------------------------------- */

typedef enum item_type { ITEM_INT, ITEM_DOUBLE, ITEM_BOOL, ITEM_DATE } item_type;

typedef struct item {
	const char *key;
	item_type type;
	int64_t i;  /* ITEM_INT, ITEM_BOOL */
	double d;   /* ITEM_DOUBLE (NaN = none) */
	int32_t date; /* ITEM_DATE (SM_DATE_NONE = none) */
} item;

#define MAX_ITEMS 32

/* Histogram bin names, as keys of the table layouts (bins are (lo, hi]). */
static const char *const histogram_keys[5] = {
	"quality_0-0.2", "quality_0.2-0.4", "quality_0.4-0.6", "quality_0.6-0.8", "quality_0.8-1"
};

static size_t summary_items(item *items, const sm_summary *s, bool with_histogram)
{
	size_t n = 0;
	int b;

#define ADD_INT(k, v) items[n++] = (item){ .key = (k), .type = ITEM_INT, .i = (v) }
#define ADD_DBL(k, v) items[n++] = (item){ .key = (k), .type = ITEM_DOUBLE, .d = (v) }
	ADD_INT("actors", s->actors);
	ADD_INT("relationships", s->relationships);
	items[n++] = (item){ .key = "directed", .type = ITEM_BOOL, .i = s->directed };
	ADD_INT("pairs", s->pairs);
	ADD_INT("multi_relationships", s->multi_relationships);
	ADD_DBL("density", s->density);
	ADD_INT("components", s->components);
	ADD_INT("largest_component", s->largest_component);
	if (s->directed)
		ADD_INT("strong_components", s->strong_components);
	ADD_INT("isolated", s->isolated);
	ADD_DBL("mean_degree", s->mean_degree);
	ADD_DBL("quality_min", s->quality_min);
	ADD_DBL("quality_mean", s->quality_mean);
	ADD_DBL("quality_median", s->quality_median);
	ADD_DBL("quality_max", s->quality_max);
	if (with_histogram)
		for (b = 0; b < 5; b++)
			ADD_INT(histogram_keys[b], s->quality_histogram[b]);
	ADD_INT("dated", s->dated);
	items[n++] = (item){ .key = "first_date", .type = ITEM_DATE, .date = s->first_date };
	items[n++] = (item){ .key = "last_date", .type = ITEM_DATE, .date = s->last_date };
#undef ADD_INT
#undef ADD_DBL
	return n;
}

/* An item's value as text ("" for none). */
static void item_text(char *buf, size_t size, const item *it, int digits)
{
	switch (it->type) {
	case ITEM_INT:
		snprintf(buf, size, "%" PRId64, it->i);
		break;
	case ITEM_DOUBLE:
		cli_format_double(buf, size, it->d, digits);
		break;
	case ITEM_BOOL:
		snprintf(buf, size, "%s", it->i ? "true" : "false");
		break;
	case ITEM_DATE:
		if (it->date == SM_DATE_NONE || sm_date_format(buf, it->date) < 0)
			buf[0] = '\0';
		break;
	}
}

/* The summary as a two-column key,value table. */
static int summary_table(sm_table **out, const sm_summary *s, int digits)
{
	item items[MAX_ITEMS];
	size_t n = summary_items(items, s, true), i, ckey, cval;
	sm_table *t = NULL;
	char buf[64];
	int rc;

	if ((rc = sm_table_new(&t, n)) < 0)
		return rc;
	if ((rc = sm_table_add_column(&ckey, t, "key", SM_COLUMN_STRING)) < 0 ||
	    (rc = sm_table_add_column(&cval, t, "value", SM_COLUMN_STRING)) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		item_text(buf, sizeof(buf), &items[i], digits);
		if ((rc = sm_table_set_string(t, ckey, i, items[i].key)) < 0 ||
		    (rc = sm_table_set_string(t, cval, i, buf[0] ? buf : NULL)) < 0)
			goto fail;
	}
	*out = t;
	return SM_OK;

fail:
	sm_table_free(t);
	return rc;
}

/* ---- which attributes to count by ------------------------------------- */

typedef struct by_list {
	char *copy;         /* --by, split in place */
	const char **names; /* attribute names */
	sm_table **tables;  /* one count table a name */
	size_t n;
} by_list;

static void by_list_free(by_list *b)
{
	size_t i;

	if (b->tables)
		for (i = 0; i < b->n; i++)
			sm_table_free(b->tables[i]);
	free(b->tables);
	free(b->names);
	free(b->copy);
	memset(b, 0, sizeof(*b));
}

static bool by_list_has(const by_list *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->names[i], name) == 0)
			return true;
	return false;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Split --by into names (before loading: a bad list is a usage error). */
static int by_list_parse(by_list *b, const char *spec)
{
	size_t cap = 1;
	const char *p;
	char *tok, *next;

	for (p = spec; *p; p++)
		if (*p == ',')
			cap++;
	b->copy = strdup(spec);
	b->names = calloc(cap, sizeof(*b->names));
	if (b->copy == NULL || b->names == NULL)
		return cli_failf("out of memory");
	for (tok = b->copy; tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = '\0';
		tok = trim(tok);
		if (tok[0] == '\0')
			return cli_usage_error(&cli_cmd_summary, "--by '%s' has an empty attribute name",
			                       spec);
		if (!by_list_has(b, tok))
			b->names[b->n++] = tok;
	}
	return CLI_OK;
}

/* Without --by: kind, then every string or boolean actor attribute. */
static int by_list_default(by_list *b, const sm_network *net)
{
	int64_t count = sm_network_attr_count(net, SM_ACTOR), k;

	b->names = calloc((size_t)count + 1, sizeof(*b->names));
	if (b->names == NULL)
		return cli_failf("out of memory");
	b->names[b->n++] = "kind";
	for (k = 0; k < count; k++) {
		sm_value_type type;
		const char *name = sm_network_attr_name(net, SM_ACTOR, k, &type);

		if (name && (type == SM_VALUE_STRING || type == SM_VALUE_BOOL) &&
		    !by_list_has(b, name))
			b->names[b->n++] = name;
	}
	return CLI_OK;
}

/* Attributes chosen by default with more distinct values than this are
 * identifiers or free text, not categories: left out unless named by --by. */
#define SUMMARY_MAX_CATEGORIES 30

static int by_list_count(by_list *b, const sm_network *net, int64_t top, bool chosen)
{
	size_t i, kept = 0;
	int rc;

	b->tables = calloc(b->n ? b->n : 1, sizeof(*b->tables));
	if (b->tables == NULL)
		return cli_failf("out of memory");
	for (i = 0; i < b->n; i++) {
		sm_table *t;
		if ((rc = sm_network_count_by(&t, net, b->names[i])) < 0)
			return cli_fail(rc);
		if (!chosen && i > 0 && sm_table_rows(t) > SUMMARY_MAX_CATEGORIES) {
			sm_table_free(t);
			continue;
		}
		if (top > 0)
			sm_table_truncate(t, (size_t)top);
		b->names[kept] = b->names[i];
		b->tables[kept++] = t;
	}
	b->n = kept;
	return CLI_OK;
}

/* All count tables as one long table: attribute, value, actors, share. */
static int long_count_table(sm_table **out, const by_list *b)
{
	size_t rows = 0, row = 0, i, j, cattr, cval, cact, cshare;
	sm_table *t = NULL;
	int rc;

	for (i = 0; i < b->n; i++)
		rows += sm_table_rows(b->tables[i]);
	if ((rc = sm_table_new(&t, rows)) < 0)
		return rc;
	if ((rc = sm_table_add_column(&cattr, t, "attribute", SM_COLUMN_STRING)) < 0 ||
	    (rc = sm_table_add_column(&cval, t, "value", SM_COLUMN_STRING)) < 0 ||
	    (rc = sm_table_add_column(&cact, t, "actors", SM_COLUMN_INT64)) < 0 ||
	    (rc = sm_table_add_column(&cshare, t, "share", SM_COLUMN_DOUBLE)) < 0)
		goto fail;
	for (i = 0; i < b->n; i++) {
		const sm_table *src = b->tables[i];
		size_t n = 0;
		const char *const *values = sm_table_column_string(src, "value", &n);
		const int64_t *actors = sm_table_column_int64(src, "actors", NULL);
		const double *share = sm_table_column_double(src, "share", NULL);

		if (n > 0 && (values == NULL || actors == NULL || share == NULL)) {
			rc = SM_EINTERNAL;
			goto fail;
		}
		for (j = 0; j < n; j++, row++) {
			if ((rc = sm_table_set_string(t, cattr, row, b->names[i])) < 0 ||
			    (rc = sm_table_set_string(t, cval, row, values[j])) < 0 ||
			    (rc = sm_table_set_int64(t, cact, row, actors[j])) < 0 ||
			    (rc = sm_table_set_double(t, cshare, row, share[j])) < 0)
				goto fail;
		}
	}
	*out = t;
	return SM_OK;

fail:
	sm_table_free(t);
	return rc;
}

/* ---- the three layouts -------------------------------------------------- */

static int write_json(FILE *f, const sm_summary *s, const by_list *b)
{
	item items[MAX_ITEMS];
	size_t n = summary_items(items, s, false), i;
	char buf[64];
	int b5, rc;

	fputs("{\"summary\": {", f);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs(", ", f);
		cli_json_string(f, items[i].key);
		fputs(": ", f);
		item_text(buf, sizeof(buf), &items[i], 0);
		if (buf[0] == '\0')
			fputs("null", f);
		else if (items[i].type == ITEM_DATE)
			cli_json_string(f, buf);
		else
			fputs(buf, f);
		if (strcmp(items[i].key, "quality_max") == 0) {
			fputs(", \"quality_histogram\": [", f);
			for (b5 = 0; b5 < 5; b5++)
				fprintf(f, "%s%" PRId64, b5 ? ", " : "", s->quality_histogram[b5]);
			fputc(']', f);
		}
	}
	fputs("}, \"by\": {", f);
	for (i = 0; i < b->n; i++) {
		if (i > 0)
			fputs(", ", f);
		cli_json_string(f, b->names[i]);
		fputs(": ", f);
		if ((rc = sm_table_write_stream(b->tables[i], f, SM_TABLE_JSON, 0)) < 0)
			return cli_fail(rc);
	}
	fputs("}}\n", f);
	return CLI_OK;
}

static int write_csv(FILE *f, const sm_summary *s, const by_list *b)
{
	sm_table *kv = NULL, *counts = NULL;
	int rc;

	if ((rc = summary_table(&kv, s, 0)) < 0 || (rc = long_count_table(&counts, b)) < 0 ||
	    (rc = sm_table_write_stream(kv, f, SM_TABLE_CSV, 0)) < 0 || fputc('\n', f) == EOF ||
	    (rc = sm_table_write_stream(counts, f, SM_TABLE_CSV, 0)) < 0) {
		sm_table_free(kv);
		sm_table_free(counts);
		return rc < 0 ? cli_fail(rc) : cli_failf("cannot write the output");
	}
	sm_table_free(kv);
	sm_table_free(counts);
	return CLI_OK;
}

static int write_text(FILE *f, const sm_summary *s, const by_list *b)
{
	sm_table *kv = NULL;
	size_t i;
	int rc;

	if ((rc = summary_table(&kv, s, 6)) < 0)
		return cli_fail(rc);
	rc = sm_table_write_stream(kv, f, SM_TABLE_TEXT, 6);
	sm_table_free(kv);
	if (rc < 0)
		return cli_fail(rc);
	for (i = 0; i < b->n; i++) {
		fprintf(f, "\nactors by %s\n", b->names[i]);
		if ((rc = sm_table_write_stream(b->tables[i], f, SM_TABLE_TEXT, 3)) < 0)
			return cli_fail(rc);
	}
	return CLI_OK;
}

static int run(int argc, char **argv)
{
	cli_opts o;
	sm_load_options lo;
	sm_network *net = NULL;
	sm_summary s;
	by_list b = { 0 };
	cli_sink sink;
	sm_table_format format;
	int rc, status;

	status = cli_parse(&o, &cli_cmd_summary,
	                   CLI_OPT_FORMAT | CLI_OPT_OUTPUT | CLI_OPT_TOP | CLI_OPT_QUIET |
	                   CLI_OPT_DIRECTED | CLI_OPT_BY, 1, argc, argv);
	if (status != CLI_CONTINUE)
		return status;
	if (o.by && (status = by_list_parse(&b, o.by)) != CLI_OK)
		goto done;
	cli_load_options(&lo, &o);
	format = cli_table_format(&o);

	if ((rc = sm_network_load(&net, o.args[0], &lo)) < 0 ||
	    (rc = sm_network_summarize(&s, net)) < 0) {
		status = cli_fail(rc);
		goto done;
	}
	if ((!o.by && (status = by_list_default(&b, net)) != CLI_OK) ||
	    (status = by_list_count(&b, net, o.top, o.by != NULL)) != CLI_OK)
		goto done;

	/* Everything is computed: nothing is written unless all of it can be. */
	if ((status = cli_sink_open(&sink, o.output)) != CLI_OK)
		goto done;
	if (format == SM_TABLE_JSON)
		status = write_json(sink.stream, &s, &b);
	else if (format == SM_TABLE_CSV)
		status = write_csv(sink.stream, &s, &b);
	else
		status = write_text(sink.stream, &s, &b);
	if (status == CLI_OK)
		status = cli_sink_commit(&sink);
	else
		cli_sink_abort(&sink);

done:
	by_list_free(&b);
	sm_network_free(net);
	return status;
}
