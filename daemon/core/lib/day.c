/* Civil days: day numbers (days since 1970-01-01), dates, weekdays. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "duban/day.h"

/* Howard Hinnant's days_from_civil. */
int32_t
day_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
day_to_civil(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
day_weekday(int32_t day)
{
	int w = (int)((day + 4) % 7);	/* 1970-01-01 was a Thursday */

	return w < 0 ? w + 7 : w;
}

int
day_parse_num(const char **sp, int digits, int *out)
{
	int v = 0, i;

	for (i = 0; i < digits; i++) {
		if (!isdigit((unsigned char)(*sp)[i]))
			return -1;
		v = v * 10 + ((*sp)[i] - '0');
	}
	*sp += digits;
	*out = v;
	return 0;
}

/* One or two digits (a month, a day, an hour as spreadsheets write them). */
int
day_parse_short(const char **sp, int *out)
{
	if (!isdigit((unsigned char)(*sp)[0]))
		return -1;
	if (isdigit((unsigned char)(*sp)[1]))
		return day_parse_num(sp, 2, out);
	return day_parse_num(sp, 1, out);
}

/* Does *sp start with word? Then step over it. */
static int
skip(const char **sp, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*sp, word, n) != 0)
		return 0;
	*sp += n;
	return 1;
}

/*
 * A date as offices and spreadsheets write it: 2018-08-07, 2018-8-7,
 * 2018/8/7 or 2018年8月7日.
 */
int
day_parse_prefix(const char **sp, int *y, int *m, int *d)
{
	const char *sep2;
	int32_t day;
	int yy, mm, dd;

	if (day_parse_num(sp, 4, y))
		return -1;
	if (skip(sp, "-"))
		sep2 = "-";
	else if (skip(sp, "/"))
		sep2 = "/";
	else if (skip(sp, "年"))
		sep2 = "月";
	else
		return -1;
	if (day_parse_short(sp, m) || !skip(sp, sep2) || day_parse_short(sp, d))
		return -1;
	if (strcmp(sep2, "月") == 0)
		skip(sp, "日");
	if (*m < 1 || *m > 12 || *d < 1 || *d > 31)
		return -1;
	day = day_from_civil(*y, *m, *d);
	day_to_civil(day, &yy, &mm, &dd);
	return (yy == *y && mm == *m && dd == *d) ? 0 : -1;
}

int
day_parse(const char *s, int32_t *day)
{
	int y, m, d;

	if (day_parse_prefix(&s, &y, &m, &d) || *s != '\0')
		return -1;
	*day = day_from_civil(y, m, d);
	return 0;
}
