/* Civil days: day numbers (days since 1970-01-01), dates and weekdays. */
#ifndef DUBAN_DAY_H
#define DUBAN_DAY_H

#include <stdint.h>

/* Civil date to day number and back. */
int32_t day_from_civil(int y, int m, int d);
void day_to_civil(int32_t day, int *y, int *m, int *d);
/* Day of the week of a day number, 0 = Sunday. */
int day_weekday(int32_t day);
/*
 * Parse a date into a day number: 2018-08-07, 2018-8-7, 2018/8/7 or
 * 2018年8月7日; 0 on success, -1 on error.
 */
int day_parse(const char *s, int32_t *day);
/* The parts of the language of dates the instant parser shares: 0 or -1, *sp moved on. */
int day_parse_num(const char **sp, int digits, int *out);
int day_parse_prefix(const char **sp, int *y, int *m, int *d);
int day_parse_short(const char **sp, int *out);
/* The forms of a date and a time that are read, for messages. */
#define DAY_FORMS	"2018-08-07 09:00, 2018/8/7 9:00, 2018-8-7, 2018年8月7日 9时"

#endif
