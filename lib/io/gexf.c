/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * GEXF 1.2draft export (docs/formats/gexf.md), the version Gephi and
 * NetworkX 2.8's read_gexf both read.
 *
 * Nodes: id = actor id, label = the actor's label (its id when it has none),
 * an attvalue for the kind and for every actor attribute that is set, and
 * viz:color from the kind palette (export.c). Edges: id e0, e1, ... in
 * relationship order (so parallel relationships stay apart), weight =
 * quality, attvalues for the kind and the relationship attributes. A
 * network in which some relationship has a period is written with
 * mode="dynamic" timeformat="date" and start/end (inclusive) on those edges,
 * which Gephi's timeline reads; otherwise mode="static".
 *
 * Attribute types: text "string", numbers "double", booleans "boolean".
 * Attributes never set are not declared. Strings XML 1.0 cannot carry are
 * refused with SM_EINVAL before anything is written.
 */
#include <stdio.h>
#include <string.h>

#include "core/atomic_file.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

#define GX_NS "http://www.gexf.net/1.2draft"

static const char *gx_type(sm_value_type t)
{
	return t == SM_VALUE_NUMBER ? "double" : t == SM_VALUE_BOOL ? "boolean" : "string";
}

/* <attributes class="node|edge"> with the kind and every attribute ever set;
 * attribute k of the element gets the id <prefix>k. */
static void gx_declare(FILE *f, const sm_network *net, sm_element what)
{
	const sm_attr_table *t = &net->attrs[what];
	const char *prefix = what == SM_ACTOR ? "a" : "r";
	fprintf(f, "    <attributes class=\"%s\" mode=\"static\">\n",
	        what == SM_ACTOR ? "node" : "edge");
	fputs("      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n", f);
	for (size_t k = 0; k < t->count; k++) {
		if (t->cols[k].type == SM_VALUE_NULL)
			continue;
		fprintf(f, "      <attribute id=\"%s%zu\" title=\"", prefix, k);
		sm_xml_put(f, t->cols[k].name, true);
		fprintf(f, "\" type=\"%s\"/>\n", gx_type(t->cols[k].type));
	}
	fputs("    </attributes>\n", f);
}

/* <attvalues> of element i: the kind (when there is one) and each set
 * attribute; nothing when there is neither (the schema wants one value). */
static void gx_values(FILE *f, const sm_network *net, sm_element what, size_t i,
                      const char *kind)
{
	const sm_attr_table *t = &net->attrs[what];
	const char *prefix = what == SM_ACTOR ? "a" : "r";
	char buf[32];
	bool open = false;
	if (kind) {
		fputs("        <attvalues>\n          <attvalue for=\"kind\" value=\"", f);
		sm_xml_put(f, kind, true);
		fputs("\"/>\n", f);
		open = true;
	}
	for (size_t k = 0; k < t->count; k++) {
		sm_value v = sm_attr_column_value(&t->cols[k], (int64_t)i);
		if (v.type == SM_VALUE_NULL)
			continue;
		if (!open)
			fputs("        <attvalues>\n", f);
		open = true;
		fprintf(f, "          <attvalue for=\"%s%zu\" value=\"", prefix, k);
		switch (v.type) {
		case SM_VALUE_STRING: sm_xml_put(f, v.as.s, true); break;
		case SM_VALUE_NUMBER:
			sm_format_double(buf, v.as.n);
			fputs(buf, f);
			break;
		default: fputs(v.as.b ? "true" : "false", f); break;
		}
		fputs("\"/>\n", f);
	}
	if (open)
		fputs("        </attvalues>\n", f);
}

static bool gx_dynamic(const sm_network *net)
{
	if (!net->rel_since)
		return false;
	for (size_t r = 0; r < net->m; r++)
		if (net->rel_since[r] != SM_DATE_NONE || net->rel_until[r] != SM_DATE_NONE)
			return true;
	return false;
}

static void gx_write_doc(FILE *f, const sm_network *net)
{
	bool dynamic = gx_dynamic(net);
	char buf[32];

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	           "<gexf xmlns=\"" GX_NS "\" xmlns:viz=\"" GX_NS "/viz\"\n"
	           "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	           "    xsi:schemaLocation=\"" GX_NS " " GX_NS "/gexf.xsd\" version=\"1.2\">\n"
	           "  <meta>\n    <creator>stakemap %s</creator>\n  </meta>\n",
	        sm_version());
	fprintf(f, "  <graph defaultedgetype=\"%s\" mode=\"%s\"%s>\n",
	        net->directed ? "directed" : "undirected", dynamic ? "dynamic" : "static",
	        dynamic ? " timeformat=\"date\"" : "");
	gx_declare(f, net, SM_ACTOR);
	gx_declare(f, net, SM_RELATIONSHIP);

	fputs("    <nodes>\n", f);
	for (size_t i = 0; i < net->n; i++) {
		unsigned char rgb[3];
		const char *label = net->actor_label[i][0] ? net->actor_label[i] : net->actor_id[i];
		fputs("      <node id=\"", f);
		sm_xml_put(f, net->actor_id[i], true);
		fputs("\" label=\"", f);
		sm_xml_put(f, label, true);
		fputs("\">\n", f);
		gx_values(f, net, SM_ACTOR, i, net->actor_kind[i]);
		sm_kind_colour(net->actor_kind[i], rgb);
		fprintf(f, "        <viz:color r=\"%u\" g=\"%u\" b=\"%u\" a=\"1.0\"/>\n", rgb[0], rgb[1],
		        rgb[2]);
		fputs("      </node>\n", f);
	}
	fputs("    </nodes>\n", f);

	fputs("    <edges>\n", f);
	for (size_t r = 0; r < net->m; r++) {
		char date[11];
		fprintf(f, "      <edge id=\"e%zu\" source=\"", r);
		sm_xml_put(f, net->actor_id[net->rel_source[r]], true);
		fputs("\" target=\"", f);
		sm_xml_put(f, net->actor_id[net->rel_target[r]], true);
		sm_format_double(buf, net->rel_quality[r]);
		fprintf(f, "\" weight=\"%s\"", buf);
		if (net->rel_since) {
			if (net->rel_since[r] != SM_DATE_NONE &&
			    sm_date_format(date, net->rel_since[r]) == SM_OK)
				fprintf(f, " start=\"%s\"", date);
			if (net->rel_until[r] != SM_DATE_NONE &&
			    sm_date_format(date, net->rel_until[r]) == SM_OK)
				fprintf(f, " end=\"%s\"", date);
		}
		fputs(">\n", f);
		gx_values(f, net, SM_RELATIONSHIP, r, sm_network_rel_kind(net, r));
		fputs("      </edge>\n", f);
	}
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

int sm_gexf_write(const sm_network *net, const char *path)
{
	sm_atomic_file af;
	int rc;
	if (!net || !path)
		return sm_fail(SM_EINVAL, "sm_gexf_write: network and path are required");
	if ((rc = sm_export_check_strings(net, "GEXF", "XML 1.0 cannot represent")) != SM_OK)
		return rc;
	if ((rc = sm_atomic_open(&af, path)) != SM_OK)
		return rc;
	gx_write_doc(af.stream, net);
	return sm_export_finish(&af, path);
}
