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
