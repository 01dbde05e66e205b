/* The configured time zone: local days of instants, with caches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "duban/day.h"
#include "duban/tz.h"

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

	day_to_civil(day, &y, &m, &d);
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
