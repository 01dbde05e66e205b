/* Instants, civil days and the configured time zone. */
#ifndef DUBAN_TIMEUTIL_H
#define DUBAN_TIMEUTIL_H

#include <stdint.h>

/* An instant: milliseconds since 1970-01-01T00:00:00Z. */
typedef int64_t instant_t;

#define MS_PER_SEC	1000LL
#define MS_PER_DAY	86400000LL

/* The current wall-clock instant. */
instant_t time_now(void);

/* Civil date to day number (days since 1970-01-01) and back. */
int32_t day_from_civil(int y, int m, int d);
void civil_from_day(int32_t day, int *y, int *m, int *d);
/* Day of the week of a day number, 0 = Sunday. */
int day_weekday(int32_t day);

/* Is there such a zone (e.g. "Asia/Shanghai")? 0 or -1; changes nothing. */
int tz_check(const char *name);
/*
 * Use the named zone for all local time: 0 or -1. It changes the process's
 * environment: call it only where no other thread reads it.
 */
int tz_set(const char *name);
/* The local day an instant falls on, and the instant a local day begins. */
int32_t tz_day_of(instant_t t);
instant_t tz_day_start(int32_t day);

/* Parse "YYYY-MM-DD" into a day number; 0 on success, -1 on error. */
int day_parse(const char *s, int32_t *day);
/* Parse "YYYY-MM-DD[ HH:MM[:SS]]", local time, or "now"; 0 or -1. */
int instant_parse(const char *s, instant_t *t);
/* Format an instant in local time as "YYYY-MM-DD HH:MM:SS" (buf >= 20). */
char *instant_format(instant_t t, char *buf, int len);
/*
 * Format a deadline: like instant_format, but local midnight, the end of
 * the day before, is written "YYYY-MM-DD 24:00" as the law counts it.
 */
char *deadline_format(instant_t t, char *buf, int len);
/* Format as RFC 5322 date (buf >= 40). */
char *instant_rfc5322(instant_t t, char *buf, int len);

#endif
