/* Instants and civil days: the only place that talks to the C library's clock. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duban/timeutil.h"

instant_t
time_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (instant_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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
civil_from_day(int32_t z, int *y, int *m, int *d)
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

/*
 * Caches: local time is asked for millions of times in a recompute, and the
 * C library's conversions take a lock and walk the zone's rules each time.
 * Offsets are whole quarter hours, so a quarter-hour slot never straddles a
 * local midnight. Single-threaded use only (the mailer never asks).
 */
#define TZ_CACHE	8192
#define SLOT_MS		900000LL

static struct {
	int64_t	slot;
	int32_t	day;
} day_of_cache[TZ_CACHE];

static struct {
	int32_t		day;
	int		valid;
	instant_t	start;
} day_start_cache[TZ_CACHE];

static void
tz_cache_clear(void)
{
	memset(day_of_cache, 0, sizeof(day_of_cache));
	memset(day_start_cache, 0, sizeof(day_start_cache));
}

int
tz_check(const char *name)
{
	char path[512], magic[4];
	FILE *fp;
	int ok;

	if (name == NULL || *name == '\0')
		return -1;
	if (strcmp(name, "UTC") == 0 || name[0] == ':' || name[0] == '/')
		return 0;
	if (strstr(name, "..") != NULL)
		return -1;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok ? 0 : -1;
}

int
tz_set(const char *name)
{
	if (tz_check(name) != 0)
		return -1;
	setenv("TZ", name, 1);
	tzset();
	tz_cache_clear();
	return 0;
}

int32_t
tz_day_of(instant_t t)
{
	time_t s = (time_t)(t >= 0 ? t / 1000 : (t - 999) / 1000);
	int64_t slot = (t >= 0 ? t / SLOT_MS : (t - SLOT_MS + 1) / SLOT_MS) + 1;
	size_t i = (size_t)slot % TZ_CACHE;
	struct tm tm;
	int32_t day;

	if (day_of_cache[i].slot == slot)
		return day_of_cache[i].day;
	localtime_r(&s, &tm);
	day = day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	day_of_cache[i].slot = slot;
	day_of_cache[i].day = day;
	return day;
}

static instant_t
tz_day_start_uncached(int32_t day)
{
	struct tm tm;
	int y, m, d;

	civil_from_day(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (instant_t)mktime(&tm) * 1000;
}

instant_t
tz_day_start(int32_t day)
{
	size_t i = (size_t)(uint32_t)day % TZ_CACHE;

	if (!day_start_cache[i].valid || day_start_cache[i].day != day) {
		day_start_cache[i].day = day;
		day_start_cache[i].start = tz_day_start_uncached(day);
		day_start_cache[i].valid = 1;
	}
	return day_start_cache[i].start;
}

static int
parse_num(const char **sp, int digits, int *out)
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

static int
parse_date(const char **sp, int *y, int *m, int *d)
{
	int32_t day;
	int yy, mm, dd;

	if (parse_num(sp, 4, y) || **sp != '-' || (++*sp, parse_num(sp, 2, m)) ||
	    **sp != '-' || (++*sp, parse_num(sp, 2, d)))
		return -1;
	if (*m < 1 || *m > 12 || *d < 1 || *d > 31)
		return -1;
	day = day_from_civil(*y, *m, *d);
	civil_from_day(day, &yy, &mm, &dd);
	return (yy == *y && mm == *m && dd == *d) ? 0 : -1;
}

int
day_parse(const char *s, int32_t *day)
{
	int y, m, d;

	if (parse_date(&s, &y, &m, &d) || *s != '\0')
		return -1;
	*day = day_from_civil(y, m, d);
	return 0;
}

int
instant_parse(const char *s, instant_t *t)
{
	int y, m, d, hh = 0, mi = 0, ss = 0;
	struct tm tm;

	if (strcmp(s, "now") == 0) {
		*t = time_now();
		return 0;
	}
	if (parse_date(&s, &y, &m, &d))
		return -1;
	if (*s == ' ' || *s == 'T') {
		s++;
		if (parse_num(&s, 2, &hh) || *s++ != ':' || parse_num(&s, 2, &mi))
			return -1;
		if (*s == ':' && (s++, parse_num(&s, 2, &ss)))
			return -1;
		if (hh > 23 || mi > 59 || ss > 60)
			return -1;
	}
	if (*s != '\0')
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mi;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	*t = (instant_t)mktime(&tm) * 1000;
	return 0;
}

char *
instant_format(instant_t t, char *buf, int len)
{
	time_t s = (time_t)(t / 1000);
	struct tm tm;

	localtime_r(&s, &tm);
	strftime(buf, (size_t)len, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

char *
deadline_format(instant_t t, char *buf, int len)
{
	int32_t day = tz_day_of(t);
	int y, m, d;

	if (t != tz_day_start(day))
		return instant_format(t, buf, len);
	civil_from_day(day - 1, &y, &m, &d);
	snprintf(buf, (size_t)len, "%04d-%02d-%02d 24:00", y, m, d);
	return buf;
}

char *
instant_rfc5322(instant_t t, char *buf, int len)
{
	static const char *wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *mo[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t s = (time_t)(t / 1000);
	struct tm tm;
	long off;

	localtime_r(&s, &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(buf, (size_t)len, "%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
	    wd[tm.tm_wday], tm.tm_mday, mo[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
	    labs(off) / 60, labs(off) % 60);
	return buf;
}
