/* Instants: milliseconds since 1970-01-01T00:00:00Z; the clock and their text. */
#ifndef DUBAN_INSTANT_H
#define DUBAN_INSTANT_H

#include <stdint.h>

typedef int64_t instant_t;

#define MS_PER_SEC	1000LL
#define MS_PER_DAY	86400000LL

/* The current wall-clock instant. */
instant_t instant_now(void);
/* Parse "YYYY-MM-DD[ HH:MM[:SS]]", local time, or "now"; 0 or -1. */
int instant_parse(const char *s, instant_t *t);
/* Format an instant in local time as "YYYY-MM-DD HH:MM:SS" (buf >= 20). */
char *instant_format(instant_t t, char *buf, int len);
/*
 * Format a deadline: like instant_format, but local midnight, the end of
 * the day before, is written "YYYY-MM-DD 24:00" as the law counts it.
 */
char *instant_deadline(instant_t t, char *buf, int len);
/* Format as RFC 5322 date (buf >= 40). */
char *instant_rfc5322(instant_t t, char *buf, int len);

#endif
