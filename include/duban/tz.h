/* The configured time zone, and the local day of an instant. */
#ifndef DUBAN_TZ_H
#define DUBAN_TZ_H

#include <stdint.h>

#include "duban/instant.h"

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

#endif
