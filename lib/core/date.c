/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * ISO-8601 calendar dates <-> days since 1970-01-01 (proleptic Gregorian),
 * after Howard Hinnant's days_from_civil / civil_from_days.
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"

int32_t sm_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int64_t)doe - 719468);
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int sm_date_parse(int32_t *out, const char *text)
{
	char q[64];
	if (!text)
		return sm_fail(SM_EINVAL, "date is missing");
	const char *s = text;
	for (int i = 0; i < 10; i++) {
		bool want_dash = i == 4 || i == 7;
		if (want_dash ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			goto bad;
	}
	if (s[10] != '\0')
		goto bad;
	int64_t y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	unsigned d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	static const unsigned mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1 || m < 1 || m > 12 || d < 1)
		goto range;
	unsigned dim = mdays[m - 1] + (m == 2 && is_leap(y));
	if (d > dim)
		goto range;
	*out = sm_days_from_civil(y, m, d);
	return SM_OK;
bad:
	return sm_fail(SM_EINVAL, "date %s is not of the form YYYY-MM-DD", sm_quote(q, text));
range:
	return sm_fail(SM_EINVAL, "date %s does not exist", sm_quote(q, text));
}

int sm_date_format(char buf[11], int32_t days)
{
	if (days == SM_DATE_NONE)
		return sm_fail(SM_EINVAL, "no date");
	int64_t y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	if (y < 1 || y > 9999)
		return sm_fail(SM_EINVAL, "day %ld is outside the years 0001-9999", (long)days);
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-%02u-%02u", (int)y, m, d);
	memcpy(buf, tmp, 11);
	return SM_OK;
}
