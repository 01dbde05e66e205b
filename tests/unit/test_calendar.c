/* Working-day arithmetic against DOMAIN.md's vectors and the calendar file format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "duban/calendar.h"
#include "duban/conf.h"
#include "duban/rules.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"




static int32_t
D(const char *s)
{
	int32_t day;

	assert_int_equal(day_parse(s, &day), 0);
	return day;
}

static void
assert_day(int32_t got, const char *want)
{
	int y, m, d;
	char buf[16];

	day_to_civil(got, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	assert_string_equal(buf, want);
}

static void
test_civil_roundtrip(void **state)
{
	int32_t day;
	int y, m, d;

	(void)state;
	assert_int_equal(day_from_civil(1970, 1, 1), 0);
	assert_int_equal(day_weekday(D("2026-11-27")), 5);	/* a Friday */
	for (day = D("1999-12-25"); day < D("2030-01-10"); day++) {
		day_to_civil(day, &y, &m, &d);
		assert_int_equal(day_from_civil(y, m, d), day);
	}
	assert_int_equal(day_parse("2026-02-30", &day), -1);
	assert_int_equal(day_parse("2026-2-3", &day), 0);	/* as spreadsheets write it */
	assert_int_equal(day, D("2026-02-03"));
	assert_int_equal(day_parse("2026-2-3x", &day), -1);
	assert_int_equal(day_parse("2024-02-29", &day), 0);
	assert_int_equal(day_parse("2025-02-29", &day), -1);
}

/* DOMAIN.md: the start day is not counted. */
static void
test_domain_vectors(void **state)
{
	bool unc = false;

	(void)state;
	assert_day(cal_add_workdays(cn, D("2026-02-12"), 3, &unc), "2026-02-24");
	assert_day(cal_add_workdays(cn, D("2025-09-26"), 3, &unc), "2025-09-30");
	assert_day(cal_add_workdays(cn, D("2026-09-30"), 3, &unc), "2026-10-10");
	assert_day(cal_add_workdays(cn, D("2026-01-30"), 15, &unc), "2026-02-27");
	assert_false(unc);
}

static void
test_domain_calendar_days(void **state)
{
	struct rule r;
	struct rule_env env = { cn, 0 };
	instant_t due;
	bool unc = false;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.has_deadline = true;
	r.kind = DL_PERIOD;
	r.deadline.n = 15;
	r.deadline.unit = UNIT_DAYS;
	/* 2026-09-17 + 15 calendar days ends 2026-10-02, a holiday */
	due = rule_deadline(&r, &env, tz_day_start(D("2026-09-17")) + 10 * 3600000LL, &unc);
	assert_true(due == tz_day_start(D("2026-10-03")));	/* 24:00 of 10-02 */
	/* with the roll-over it ends 2026-10-08 */
	r.rollover = true;
	due = rule_deadline(&r, &env, tz_day_start(D("2026-09-17")) + 10 * 3600000LL, &unc);
	assert_true(due == tz_day_start(D("2026-10-09")));	/* 24:00 of 10-08 */
	assert_false(unc);
}

static void
test_workday_flags(void **state)
{
	(void)state;
	assert_true(cal_is_workday(cn, D("2026-02-14")));	/* working Saturday */
	assert_false(cal_is_workday(cn, D("2026-02-16")));	/* Spring Festival Monday */
	assert_false(cal_is_workday(cn, D("2026-02-21")));	/* ordinary Saturday */
	assert_true(cal_is_workday(cn, D("2026-02-24")));
	assert_true(cal_is_workday(cn, D("2018-09-29")));
	assert_false(cal_is_workday(cn, D("2018-06-18")));
	assert_true(cal_is_workday(cn, D("2024-10-12")));
	assert_string_equal(cal_day_name(cn, D("2026-02-16")), "春节");
	assert_null(cal_day_name(cn, D("2026-03-16")));
	assert_true(cal_year_covered(cn, 2018));
	assert_true(cal_year_covered(cn, 2026));
	assert_false(cal_year_covered(cn, 2027));
	assert_true(cal_year_covered(cn, 2019));
	assert_false(cal_year_covered(cn, 2017));
}

/* Every answer agrees with counting one day at a time. */
static void
test_against_naive_walk(void **state)
{
	int32_t start, day;
	int n, k;

	(void)state;
	for (start = D("2025-12-20"); start < D("2026-12-31"); start += 3) {
		for (n = -20; n <= 20; n++) {
			if (n == 0)
				continue;
			day = start;
			k = n;
			while (k != 0) {
				day += n > 0 ? 1 : -1;
				if (cal_is_workday(cn, day))
					k += n > 0 ? -1 : 1;
			}
			assert_int_equal(cal_add_workdays(cn, start, n, NULL), day);
		}
	}
}

/* Counting working days in a span agrees with counting one day at a time. */
static void
test_count_workdays(void **state)
{
	int32_t from, to, d;
	int n;

	(void)state;
	for (from = D("2025-12-25"); from < D("2026-03-01"); from += 5)
		for (to = from - 2; to < from + 40; to++) {
			for (n = 0, d = from; d < to; d++)
				n += cal_is_workday(cn, d);
			assert_int_equal(cal_count_workdays(cn, from, to), n);
		}
	/* Spring Festival 2026: 02-14 (worked) to 02-24, 02-24 not counted */
	assert_int_equal(cal_count_workdays(cn, D("2026-02-14"), D("2026-02-24")), 1);
}

static void
test_uncertain_year(void **state)
{
	bool unc = false;

	(void)state;
	/* 2026-12-24 + 10 working days reaches into 2027, which is not covered */
	cal_add_workdays(cn, D("2026-12-24"), 10, &unc);
	assert_true(unc);
	unc = false;
	cal_add_workdays(cn, D("2026-12-01"), 5, &unc);
	assert_false(unc);
	/* uncovered years count Monday to Friday */
	assert_day(cal_add_workdays(cn, D("2027-01-01"), 1, NULL), "2027-01-04");
}

static void
test_next_workday(void **state)
{
	(void)state;
	assert_day(cal_next_workday(cn, D("2026-10-01"), NULL), "2026-10-08");
	assert_day(cal_next_workday(cn, D("2026-10-08"), NULL), "2026-10-08");
	assert_day(cal_next_workday(cn, D("2026-02-14"), NULL), "2026-02-14");
}

static char *
write_temp(const char *text)
{
	char *path = strdup("/tmp/duban-cal-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	return path;
}

static void
test_file_errors(void **state)
{
	struct diag d = { 0 };
	struct calendar *cal;
	char *path, want[256];

	(void)state;
	path = write_temp("year 2030\n2030-01-01 off 元旦\n2030-02-30 off\n"
	    "2030-03-01 holiday\nyear twenty\n2030-05-05..2030-05-01 off\n");
	cal = cal_load(path, &d);
	assert_null(cal);
	assert_int_equal(d.n, 4);
	snprintf(want, sizeof(want), "%s:3: bad date '2030-02-30' (want YYYY-MM-DD)", path);
	assert_string_equal(d.msgs[0], want);
	snprintf(want, sizeof(want), "%s:4: expected 'off' or 'work' after the date", path);
	assert_string_equal(d.msgs[1], want);
	snprintf(want, sizeof(want), "%s:5: 'year' needs a year from 1970 to 2199", path);
	assert_string_equal(d.msgs[2], want);
	snprintf(want, sizeof(want), "%s:6: date range runs backwards or is longer than a year",
	    path);
	assert_string_equal(d.msgs[3], want);
	diag_free(&d);
	unlink(path);
	free(path);

	cal = cal_load("/nonexistent/cal.conf", &d);
	assert_null(cal);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.msgs[0], "/nonexistent/cal.conf: cannot open calendar"));
	diag_free(&d);
}

static void
test_file_ranges_and_comments(void **state)
{
	struct diag d = { 0 };
	struct calendar *cal;
	char *path;

	(void)state;
	path = write_temp("\xef\xbb\xbf# a comment\n\nyear 2030  # covered\n"
	    "2030-10-01..2030-10-07 off 国庆节\n2030-10-12 work\n");
	cal = cal_load(path, &d);
	assert_non_null(cal);
	assert_int_equal(d.n, 0);
	assert_false(cal_is_workday(cal, D("2030-10-07")));
	assert_true(cal_is_workday(cal, D("2030-10-12")));
	assert_true(cal_year_covered(cal, 2030));
	assert_day(cal_add_workdays(cal, D("2030-09-30"), 1, NULL), "2030-10-08");
	cal_free(cal);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_roundtrip),
		cmocka_unit_test(test_domain_vectors),
		cmocka_unit_test(test_domain_calendar_days),
		cmocka_unit_test(test_workday_flags),
		cmocka_unit_test(test_against_naive_walk),
		cmocka_unit_test(test_count_workdays),
		cmocka_unit_test(test_uncertain_year),
		cmocka_unit_test(test_next_workday),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_file_ranges_and_comments),
	};

	return cmocka_run_group_tests_name("calendar", tests, cn_setup, cn_teardown);
}
