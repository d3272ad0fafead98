/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the write-only exports share (gexf.c, dot.c, pajek.c, kumu.c): the
 * kind palette, the check for characters a text format cannot carry, XML
 * escaping and the end of an atomic write.
 *
 * The palette (docs/formats/README.md) gives each of the 16 built-in kinds
 * its own colour, in sm_kind_name() order, and any other kind the colour
 * its name hashes to (FNV-1a, 32 bits, modulo 16), so a kind has the same
 * colour in every export and every run. The first ten are Tableau's
 * "category10", the last six chosen to stay apart from them.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "core/atomic_file.h"
#include "io/io_internal.h"
#include "model/network_internal.h"

const char *sm_kind_colour(const char *kind, unsigned char rgb[3])
{
	const sm_colour *c = &sm_palette[sm_kind_palette_index(kind)];
	if (rgb)
		memcpy(rgb, c->rgb, 3);
	return c->hex;
}

uint32_t sm_export_bad_char(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return *p;
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			return p[2] == 0xBE ? 0xFFFEu : 0xFFFFu;
	}
	return 0;
}

int sm_export_check_strings(const sm_network *net, const char *format, const char *why)
{
	char q[64], q2[64];
	uint32_t c;
	for (size_t i = 0; i < net->n; i++) {
		const char *field = NULL;
		if ((c = sm_export_bad_char(net->actor_id[i])))
			field = "id";
		else if ((c = sm_export_bad_char(net->actor_label[i])))
			field = "label";
		else if ((c = sm_export_bad_char(net->actor_kind[i])))
			field = "kind";
		if (field)
			return sm_fail(SM_EINVAL, "cannot write %s: actor %s: %s holds U+%04" PRIX32
			               ", which %s", format, sm_quote(q, net->actor_id[i]),
			               field, c, why);
	}
	for (size_t r = 0; r < net->m; r++) {
		const char *kind = sm_network_rel_kind(net, r);
		if (kind && (c = sm_export_bad_char(kind)))
			return sm_fail(SM_EINVAL, "cannot write %s: relationship %zu (%s to %s): kind "
			               "holds U+%04" PRIX32 ", which %s", format, r,
			               sm_quote(q, net->actor_id[net->rel_source[r]]),
			               sm_quote(q2, net->actor_id[net->rel_target[r]]), c, why);
	}
	for (int w = SM_ACTOR; w <= SM_RELATIONSHIP; w++) {
		const sm_attr_table *t = &net->attrs[w];
		for (size_t k = 0; k < t->count; k++) {
			const sm_attr_column *col = &t->cols[k];
			if ((c = sm_export_bad_char(col->name)))
				return sm_fail(SM_EINVAL, "cannot write %s: attribute name %s holds U+%04"
				               PRIX32 ", which %s", format,
				               sm_quote(q, col->name), c, why);
			if (col->type != SM_VALUE_STRING)
				continue;
			for (size_t i = 0; i < col->len; i++) {
				if (!col->present[i] || !(c = sm_export_bad_char(col->cells[i].s)))
					continue;
				if (w == SM_ACTOR)
					return sm_fail(SM_EINVAL, "cannot write %s: actor %s: attribute %s "
					               "holds U+%04" PRIX32 ", which %s", format,
					               sm_quote(q, net->actor_id[i]), sm_quote(q2, col->name),
					               c, why);
				return sm_fail(SM_EINVAL, "cannot write %s: relationship %zu: attribute %s "
				               "holds U+%04" PRIX32 ", which %s", format, i,
				               sm_quote(q2, col->name), c, why);
			}
		}
	}
	return SM_OK;
}

void sm_xml_put(FILE *f, const char *s, bool in_attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs(in_attr ? "&quot;" : "\"", f); break;
		case '\r': fputs("&#13;", f); break; /* else parsers turn it into \n */
		case '\n': fputs(in_attr ? "&#10;" : "\n", f); break;
		case '\t': fputs(in_attr ? "&#9;" : "\t", f); break;
		default: fputc(*s, f); break;
		}
	}
}

int sm_export_finish(sm_atomic_file *af, const char *path)
{
	if (ferror(af->stream)) {
		int e = errno;
		sm_atomic_abort(af);
		return sm_fail(SM_EIO, "cannot write %s: %s", path, strerror(e ? e : EIO));
	}
	return sm_atomic_commit(af);
}
