/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Pajek .net export (docs/formats/pajek.md):
 *
 *     *Vertices 3
 *     1 "amb"
 *     2 "ngo1"
 *     3 "biz"
 *     *Edges            (*Arcs when the network is directed)
 *     1 2 0.8
 *     2 3 0.4
 *
 * Vertices are numbered from 1 in actor order. A vertex has one name, which
 * NetworkX's read_pajek uses as the node itself, so it is the actor's id
 * (unique), not its label. One line per relationship (parallel ones each),
 * the weight being the quality, written so that it reads back exactly.
 *
 * Pajek quotes names with `"` and has no escape, and NetworkX reads the
 * line with shlex (where `\` escapes), so a name is written with `"`
 * replaced by `'`, `\` by `/`, and TAB, CR and LF by a space. The file is
 * UTF-8 with LF line ends. Other control characters are refused.
 */
#include <stdio.h>
#include <string.h>

#include "core/atomic_file.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

static void pj_put(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s; s++) {
		switch (*s) {
		case '"': putc('\'', f); break;
		case '\\': putc('/', f); break;
		case '\t':
		case '\r':
		case '\n': putc(' ', f); break;
		default: putc(*s, f); break;
		}
	}
	putc('"', f);
}

static void pj_write_doc(FILE *f, const sm_network *net)
{
	char buf[32];
	fprintf(f, "*Vertices %zu\n", net->n);
	for (size_t i = 0; i < net->n; i++) {
		fprintf(f, "%zu ", i + 1);
		pj_put(f, net->actor_id[i]);
		putc('\n', f);
	}
	fputs(net->directed ? "*Arcs\n" : "*Edges\n", f);
	for (size_t r = 0; r < net->m; r++) {
		sm_format_double(buf, net->rel_quality[r]);
		fprintf(f, "%ld %ld %s\n", (long)net->rel_source[r] + 1, (long)net->rel_target[r] + 1,
		        buf);
	}
}

int sm_pajek_write(const sm_network *net, const char *path)
{
	sm_atomic_file af;
	int rc;
	if (!net || !path)
		return sm_fail(SM_EINVAL, "sm_pajek_write: network and path are required");
	if ((rc = sm_export_check_strings(net, "Pajek", "Pajek cannot carry")) != SM_OK)
		return rc;
	if ((rc = sm_atomic_open(&af, path)) != SM_OK)
		return rc;
	pj_write_doc(af.stream, net);
	return sm_export_finish(&af, path);
}
