/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Graphviz DOT export (docs/formats/dot.md): a drawing of the map, for
 * `dot`, `neato`, `sfdp` and the tools that read DOT.
 *
 * `graph` or `digraph` "stakemap". Nodes are named by the actor id, drawn
 * filled with the kind's palette colour (export.c), labelled with the
 * actor's label (its id when it has none), text white on dark colours.
 * One edge per relationship (parallel ones stay apart), penwidth
 * 0.5 + 3.5·quality (a strong tie is drawn about eight times as thick as
 * the weakest), the quality and the kind kept as `quality` and `kind`
 * attributes that Graphviz ignores and other readers can use. Actor and
 * relationship attributes are not written: DOT describes a drawing; GEXF
 * and GraphML carry the data.
 *
 * Quoting: in every quoted string `\` becomes `\\` and `"` becomes `\"`
 * (Graphviz's lexer keeps `\\` whole). In names the rest is written as it
 * is (a line break inside quotes is allowed); in labels a line break (LF,
 * CR or CR LF) becomes `\n`, Graphviz's centred line break, so that `\\`
 * in a label is drawn as one backslash. Strings holding other control
 * characters are refused (SM_EINVAL): Graphviz would copy them into SVG,
 * where XML cannot carry them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/atomic_file.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

/* A quoted DOT string: a name (label = false) or an escString label. */
static void dot_put(FILE *f, const char *s, bool label)
{
	putc('"', f);
	for (; *s; s++) {
		switch (*s) {
		case '\\': fputs("\\\\", f); break;
		case '"': fputs("\\\"", f); break;
		case '\r':
			if (!label)
				putc('\r', f);
			else if (s[1] != '\n')
				fputs("\\n", f);
			break;
		case '\n': fputs(label ? "\\n" : "\n", f); break;
		default: putc(*s, f); break;
		}
	}
	putc('"', f);
}

/* Whether black text would be hard to read on this colour: Rec. 601 luma
 * below 140 of 255. */
static bool dot_dark(const unsigned char rgb[3])
{
	return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 140.0;
}

static void dot_write_doc(FILE *f, const sm_network *net)
{
	const char *arrow = net->directed ? " -> " : " -- ";
	char buf[32];

	fprintf(f, "// written by stakemap %s\n%s \"stakemap\" {\n", sm_version(),
	        net->directed ? "digraph" : "graph");
	fputs("\tgraph [overlap=false, outputorder=edgesfirst];\n"
	      "\tnode [shape=ellipse, style=filled, fontname=\"Helvetica\", fontsize=10];\n"
	      "\tedge [color=\"#00000080\"];\n", f);
	for (size_t i = 0; i < net->n; i++) {
		unsigned char rgb[3];
		const char *colour = sm_kind_colour(net->actor_kind[i], rgb);
		const char *label = net->actor_label[i][0] ? net->actor_label[i] : net->actor_id[i];
		putc('\t', f);
		dot_put(f, net->actor_id[i], false);
		fputs(" [label=", f);
		dot_put(f, label, true);
		fprintf(f, ", fillcolor=\"%s\"%s, kind=", colour,
		        dot_dark(rgb) ? ", fontcolor=\"white\"" : "");
		dot_put(f, net->actor_kind[i], false);
		fputs("];\n", f);
	}
	for (size_t r = 0; r < net->m; r++) {
		const char *kind = sm_network_rel_kind(net, r);
		double q = net->rel_quality[r];
		putc('\t', f);
		dot_put(f, net->actor_id[net->rel_source[r]], false);
		fputs(arrow, f);
		dot_put(f, net->actor_id[net->rel_target[r]], false);
		sm_format_double(buf, q);
		char pen[32];
		sm_format_double(pen, round((0.5 + 3.5 * q) * 1000.0) / 1000.0);
		fprintf(f, " [penwidth=%s, quality=%s", pen, buf);
		if (kind) {
			fputs(", kind=", f);
			dot_put(f, kind, false);
		}
		fputs("];\n", f);
	}
	fputs("}\n", f);
}

int sm_dot_write(const sm_network *net, const char *path)
{
	sm_atomic_file af;
	int rc;
	if (!net || !path)
		return sm_fail(SM_EINVAL, "sm_dot_write: network and path are required");
	if ((rc = sm_export_check_strings(net, "DOT", "DOT cannot carry")) != SM_OK)
		return rc;
	if ((rc = sm_atomic_open(&af, path)) != SM_OK)
		return rc;
	dot_write_doc(af.stream, net);
	return sm_export_finish(&af, path);
}
