/*
 * Working-day arithmetic over a precomputed table.
 *
 * The table spans CAL_FIRST_YEAR to CAL_LAST_YEAR. cum[i] counts the working
 * days in [base, base + i], so "n working days later" is one binary search for
 * the first index whose count reaches cum[day] + n.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/calendar.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"
#include "duban/xmalloc.h"

#define CAL_FIRST_YEAR	1970
#define CAL_LAST_YEAR	2199

struct cal_name {
	int32_t	 day;
	char	*name;
};

struct calendar {
	int32_t		 base;		/* day number of CAL_FIRST_YEAR-01-01 */
	int32_t		 ndays;
	uint8_t		*work;		/* 1 = working day */
	int32_t		*cum;
	int		*years;		/* covered years, ascending */
	int		 nyears;
	struct cal_name	*names;
	size_t		 nnames;
};

static struct calendar *
cal_new(void)
{
	struct calendar *cal = xcalloc(1, sizeof(*cal));
	int32_t i;

	cal->base = day_from_civil(CAL_FIRST_YEAR, 1, 1);
	cal->ndays = day_from_civil(CAL_LAST_YEAR + 1, 1, 1) - cal->base;
	cal->work = xmalloc((size_t)cal->ndays);
	cal->cum = xmalloc((size_t)cal->ndays * sizeof(int32_t));
	for (i = 0; i < cal->ndays; i++) {
		int wd = day_weekday(cal->base + i);

		cal->work[i] = wd != 0 && wd != 6;
	}
	return cal;
}

static void
cal_finish(struct calendar *cal)
{
	int32_t i, n = 0;

	for (i = 0; i < cal->ndays; i++) {
		n += cal->work[i];
		cal->cum[i] = n;
	}
}

struct calendar *
cal_plain(void)
{
	struct calendar *cal = cal_new();

	cal_finish(cal);
	return cal;
}

void
cal_free(struct calendar *cal)
{
	size_t i;

	if (cal == NULL)
		return;
	for (i = 0; i < cal->nnames; i++)
		free(cal->names[i].name);
	free(cal->names);
	free(cal->years);
	free(cal->work);
	free(cal->cum);
	free(cal);
}

static void
cal_add_year(struct calendar *cal, int year)
{
	int i;

	for (i = 0; i < cal->nyears; i++)
		if (cal->years[i] == year)
			return;
	cal->years = xreallocarray(cal->years, (size_t)cal->nyears + 1, sizeof(int));
	for (i = cal->nyears; i > 0 && cal->years[i - 1] > year; i--)
		cal->years[i] = cal->years[i - 1];
	cal->years[i] = year;
	cal->nyears++;
}

static void
cal_set(struct calendar *cal, int32_t day, int work, const char *name)
{
	cal->work[day - cal->base] = (uint8_t)work;
	if (name != NULL && *name != '\0') {
		cal->names = xreallocarray(cal->names, cal->nnames + 1, sizeof(*cal->names));
		cal->names[cal->nnames].day = day;
		cal->names[cal->nnames].name = xstrdup(name);
		cal->nnames++;
	}
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* One line: "year YYYY", "DATE off|work [name]" or "DATE..DATE off|work [name]". */
static void
cal_parse_line(struct calendar *cal, char *line, const char *path, int lineno,
    struct diag *d)
{
	char *first, *kind, *name, *dots;
	int32_t from, to, day;
	long year;
	int work;

	first = strtok_r(line, " \t", &name);
	if (strcmp(first, "year") == 0) {
		char *end;

		name = trim(name);
		errno = 0;
		year = strtol(name, &end, 10);
		if (*name == '\0' || *end != '\0' || year < CAL_FIRST_YEAR ||
		    year > CAL_LAST_YEAR) {
			diag_error(d, path, lineno, "'year' needs a year from %d to %d",
			    CAL_FIRST_YEAR, CAL_LAST_YEAR);
			return;
		}
		cal_add_year(cal, (int)year);
		return;
	}
	if ((dots = strstr(first, "..")) != NULL) {
		*dots = '\0';
		if (day_parse(first, &from) || day_parse(dots + 2, &to)) {
			diag_error(d, path, lineno, "bad date range '%s..%s' (want YYYY-MM-DD..YYYY-MM-DD)",
			    first, dots + 2);
			return;
		}
	} else if (day_parse(first, &from)) {
		diag_error(d, path, lineno, "bad date '%s' (want YYYY-MM-DD)", first);
		return;
	} else
		to = from;
	if (to < from || to - from > 366) {
		diag_error(d, path, lineno, "date range runs backwards or is longer than a year");
		return;
	}
	if (from < cal->base || to >= cal->base + cal->ndays) {
		diag_error(d, path, lineno, "date outside the years %d to %d",
		    CAL_FIRST_YEAR, CAL_LAST_YEAR);
		return;
	}
	kind = strtok_r(NULL, " \t", &name);
	if (kind == NULL || (strcmp(kind, "off") != 0 && strcmp(kind, "work") != 0)) {
		diag_error(d, path, lineno, "expected 'off' or 'work' after the date");
		return;
	}
	work = strcmp(kind, "work") == 0;
	name = name ? trim(name) : NULL;
	for (day = from; day <= to; day++)
		cal_set(cal, day, work, name);
}

struct calendar *
cal_load(const char *path, struct diag *d)
{
	struct calendar *cal;
	char *line = NULL, *p;
	size_t cap = 0, nerr = d->n;
	int lineno = 0;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_error(d, path, 0, "cannot open calendar: %s", strerror(errno));
		return NULL;
	}
	cal = cal_new();
	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		p = trim(line);
		if (lineno == 1 && strncmp(p, "\xef\xbb\xbf", 3) == 0)
			p = trim(p + 3);
		if (*p == '\0')
			continue;
		cal_parse_line(cal, p, path, lineno, d);
	}
	free(line);
	fclose(fp);
	if (d->n > nerr) {
		cal_free(cal);
		return NULL;
	}
	cal_finish(cal);
	return cal;
}

static int32_t
cal_index(const struct calendar *cal, int32_t day)
{
	return day - cal->base;
}

static bool
cal_in_table(const struct calendar *cal, int32_t day)
{
	return day >= cal->base && day < cal->base + cal->ndays;
}

bool
cal_is_workday(const struct calendar *cal, int32_t day)
{
	int wd;

	if (cal_in_table(cal, day))
		return cal->work[cal_index(cal, day)];
	wd = day_weekday(day);
	return wd != 0 && wd != 6;
}

bool
cal_year_covered(const struct calendar *cal, int year)
{
	int lo = 0, hi = cal->nyears - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (cal->years[mid] == year)
			return true;
		if (cal->years[mid] < year)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

const char *
cal_day_name(const struct calendar *cal, int32_t day)
{
	size_t i;

	for (i = cal->nnames; i > 0; i--)
		if (cal->names[i - 1].day == day)
			return cal->names[i - 1].name;
	return NULL;
}

bool
cal_span_uncertain(const struct calendar *cal, int32_t from, int32_t to)
{
	int y1, y2, y, m, d;

	if (to < from) {
		int32_t t = from;

		from = to;
		to = t;
	}
	day_to_civil(from, &y1, &m, &d);
	day_to_civil(to, &y2, &m, &d);
	for (y = y1; y <= y2; y++)
		if (!cal_year_covered(cal, y))
			return true;
	return false;
}

/* The first index at or after lo whose cumulative count reaches target. */
static int32_t
cum_lower_bound(const struct calendar *cal, int32_t lo, int32_t target)
{
	int32_t hi = cal->ndays;

	while (lo < hi) {
		int32_t mid = lo + (hi - lo) / 2;

		if (cal->cum[mid] < target)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Outside the table: plain Monday to Friday, one day at a time (rare). */
static int32_t
cal_walk(const struct calendar *cal, int32_t day, int n)
{
	int step = n > 0 ? 1 : -1;

	while (n != 0) {
		day += step;
		if (cal_is_workday(cal, day))
			n -= step;
	}
	return day;
}

int32_t
cal_add_workdays(const struct calendar *cal, int32_t day, int n, bool *uncertain)
{
	int32_t i, target, j, result;

	if (n == 0)
		return day;
	if (!cal_in_table(cal, day))
		result = cal_walk(cal, day, n);
	else {
		i = cal_index(cal, day);
		if (n > 0) {
			target = cal->cum[i] + n;
			j = cum_lower_bound(cal, i, target);
		} else {
			/* working days strictly before day, minus |n|, plus one */
			target = cal->cum[i] - cal->work[i] + n + 1;
			j = target <= 0 ? -1 : cum_lower_bound(cal, 0, target);
		}
		if (j < 0 || j >= cal->ndays)
			result = cal_walk(cal, day, n);
		else
			result = cal->base + j;
	}
	if (uncertain != NULL && cal_span_uncertain(cal, day, result))
		*uncertain = true;
	return result;
}

int
cal_count_workdays(const struct calendar *cal, int32_t from, int32_t to)
{
	int n = 0;

	if (to <= from)
		return 0;
	if (cal_in_table(cal, from) && cal_in_table(cal, to - 1))
		return cal->cum[cal_index(cal, to - 1)] - cal->cum[cal_index(cal, from)] +
		    cal->work[cal_index(cal, from)];
	for (; from < to; from++)
		n += cal_is_workday(cal, from);
	return n;
}

int32_t
cal_next_workday(const struct calendar *cal, int32_t day, bool *uncertain)
{
	if (cal_is_workday(cal, day)) {
		if (uncertain != NULL && cal_span_uncertain(cal, day, day))
			*uncertain = true;
		return day;
	}
	return cal_add_workdays(cal, day, 1, uncertain);
}
