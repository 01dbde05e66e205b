/* Instants: the wall clock, and instants read and written in local time. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"

instant_t
instant_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (instant_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
instant_parse(const char *s, instant_t *t)
{
	const char *start = s, *date_end;
	int y, m, d, hh = 0, mi = 0, ss = 0;
	struct tm tm;

	if (strcmp(s, "now") == 0) {
		*t = instant_now();
		return 0;
	}
	if (day_parse_prefix(&s, &y, &m, &d))
		return -1;
	/* a time after the date: 09:00[:00], 9:00, or 9时[30分[00秒]]; none: the day's start */
	date_end = s;
	while (*s == ' ' || *s == 'T')
		s++;
	if (*s != '\0' && s == date_end &&
	    (date_end - start < 3 || strncmp(date_end - 3, "日", 3) != 0))
		return -1;	/* a time runs into the date */
	if (*s != '\0') {
		if (day_parse_short(&s, &hh))
			return -1;
		if (*s == ':') {
			s++;
			if (day_parse_num(&s, 2, &mi))
				return -1;
			if (*s == ':' && (s++, day_parse_num(&s, 2, &ss)))
				return -1;
		} else if (strncmp(s, "时", strlen("时")) == 0 || strncmp(s, "点", strlen("点")) == 0) {
			s += strlen("时");
			if (isdigit((unsigned char)*s)) {
				if (day_parse_short(&s, &mi) || strncmp(s, "分", strlen("分")) != 0)
					return -1;
				s += strlen("分");
				if (isdigit((unsigned char)*s)) {
					if (day_parse_short(&s, &ss) ||
					    strncmp(s, "秒", strlen("秒")) != 0)
						return -1;
					s += strlen("秒");
				}
			}
		} else
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
instant_deadline(instant_t t, char *buf, int len)
{
	int32_t day = tz_day_of(t);
	int y, m, d;

	if (t != tz_day_start(day))
		return instant_format(t, buf, len);
	day_to_civil(day - 1, &y, &m, &d);
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
