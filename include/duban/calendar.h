/*
 * The working-day calendar: Monday to Friday, corrected by a file of official
 * holidays ("off") and make-up working days ("work"), with the years it covers.
 * Lookups are O(1) and working-day arithmetic O(log n) over a precomputed table.
 */
#ifndef DUBAN_CALENDAR_H
#define DUBAN_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "duban/diag.h"

struct calendar;

/* Read a calendar file; errors go to d as file:line. NULL if any error. */
struct calendar *cal_load(const char *path, struct diag *d);
/* A calendar with no corrections at all (plain Monday to Friday, nothing covered). */
struct calendar *cal_plain(void);
void cal_free(struct calendar *cal);

/* Is the day (days since 1970-01-01) a working day? */
bool cal_is_workday(const struct calendar *cal, int32_t day);
/* Does the file cover the year (a "year YYYY" line)? */
bool cal_year_covered(const struct calendar *cal, int year);
/* The name given to a corrected day ("春节"), or NULL. */
const char *cal_day_name(const struct calendar *cal, int32_t day);

/*
 * The working day n working days after day (n > 0) or before it (n < 0), the
 * start day not counted. *uncertain becomes true when the walk crosses a
 * year the calendar does not cover.
 */
int32_t cal_add_workdays(const struct calendar *cal, int32_t day, int n, bool *uncertain);
/* How many working days there are in [from, to) (0 if to <= from); O(1) in the table. */
int cal_count_workdays(const struct calendar *cal, int32_t from, int32_t to);
/* The first working day on or after day. */
int32_t cal_next_workday(const struct calendar *cal, int32_t day, bool *uncertain);
/* Is any day in [from, to] in a year the calendar does not cover? */
bool cal_span_uncertain(const struct calendar *cal, int32_t from, int32_t to);

#endif
