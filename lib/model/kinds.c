/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The built-in taxonomy of actor kinds. Any other kind string is allowed;
 * these are the ones the analyses, reports and docs know by name.
 */
#include <string.h>

#include "model/network_internal.h"

static const struct {
	const char *name;
	const char *description;
} kinds[] = {
	{ "diplomat", "Accredited diplomats and embassy or mission staff" },
	{ "government", "Ministries, agencies, officials and elected representatives" },
	{ "multilateral", "UN agencies, development banks, regional and other intergovernmental bodies" },
	{ "business", "Companies, business associations and chambers of commerce" },
	{ "ngo", "Non-governmental organisations and campaigning bodies" },
	{ "philanthropy", "Foundations and individual philanthropists" },
	{ "media", "Journalists, editors and media outlets" },
	{ "academia", "Universities, researchers and think tanks" },
	{ "alumni", "Alumni of exchange, scholarship and training programmes" },
	{ "diaspora", "Diaspora organisations and members abroad" },
	{ "diplomat_for_hire", "Professional mediators working where diplomats cannot go, often the periphery" },
	{ "civil_society", "Community groups, unions, faith groups and citizens' associations" },
	{ "youth", "Youth organisations, student bodies and young activists" },
	{ "influencer", "Opinion leaders with a following of their own, online or offline" },
	{ "data_science", "Data, technology and open-source intelligence practitioners" },
	{ "other", "Anyone who fits none of the kinds above (the default)" },
};

size_t sm_kind_count(void)
{
	return sizeof kinds / sizeof kinds[0];
}

const char *sm_kind_name(size_t k)
{
	return k < sm_kind_count() ? kinds[k].name : NULL;
}

const char *sm_kind_description(size_t k)
{
	return k < sm_kind_count() ? kinds[k].description : NULL;
}

bool sm_kind_is_builtin(const char *name)
{
	if (!name)
		return false;
	for (size_t k = 0; k < sm_kind_count(); k++)
		if (strcmp(kinds[k].name, name) == 0)
			return true;
	return false;
}

/* Built-in kinds in sm_kind_name() order, related kinds in related hues
 * (diplomats navy, government light blue; business orange; NGOs and civil
 * society greens), then a grey for "other". */
const sm_colour sm_palette[SM_PALETTE_SIZE] = {
	{ "#1f4e99", { 0x1f, 0x4e, 0x99 } }, /* diplomat: navy */
	{ "#4c9be8", { 0x4c, 0x9b, 0xe8 } }, /* government: light blue */
	{ "#17becf", { 0x17, 0xbe, 0xcf } }, /* multilateral: cyan */
	{ "#ff7f0e", { 0xff, 0x7f, 0x0e } }, /* business: orange */
	{ "#2ca02c", { 0x2c, 0xa0, 0x2c } }, /* ngo: green */
	{ "#bcbd22", { 0xbc, 0xbd, 0x22 } }, /* philanthropy: olive */
	{ "#d62728", { 0xd6, 0x27, 0x28 } }, /* media: red */
	{ "#9467bd", { 0x94, 0x67, 0xbd } }, /* academia: purple */
	{ "#c5b0d5", { 0xc5, 0xb0, 0xd5 } }, /* alumni: lavender */
	{ "#8c564b", { 0x8c, 0x56, 0x4b } }, /* diaspora: brown */
	{ "#e377c2", { 0xe3, 0x77, 0xc2 } }, /* diplomat_for_hire: pink */
	{ "#98df8a", { 0x98, 0xdf, 0x8a } }, /* civil_society: light green */
	{ "#ffbb78", { 0xff, 0xbb, 0x78 } }, /* youth: light orange */
	{ "#e6c619", { 0xe6, 0xc6, 0x19 } }, /* influencer: yellow */
	{ "#00a087", { 0x00, 0xa0, 0x87 } }, /* data_science: teal */
	{ "#9e9e9e", { 0x9e, 0x9e, 0x9e } }, /* other: grey */
};

int sm_kind_palette_index(const char *kind)
{
	if (!kind)
		return SM_PALETTE_SIZE - 1; /* "other" */
	size_t count = sm_kind_count();
	for (size_t k = 0; k < count && k < SM_PALETTE_SIZE; k++)
		if (strcmp(kinds[k].name, kind) == 0)
			return (int)k;
	/* FNV-1a: the same kind gets the same colour in every file and run. */
	uint32_t h = 2166136261u;
	for (const unsigned char *c = (const unsigned char *)kind; *c; c++)
		h = (h ^ *c) * 16777619u;
	return (int)(h % SM_PALETTE_SIZE);
}
