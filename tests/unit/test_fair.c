/*
 * Fair deadlines with the shipped configuration and calendar: the law's
 * counting by default (民法典 Art. 203: a period of calendar days whose last
 * day is a rest day or a holiday ends on the next working day), again after
 * an extension, and the calendar of every year since the seed (2018-2026).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "duban/conf.h"
#include "duban/rules.h"
#include "duban/sched.h"

#define SHIPPED SRCDIR "/conf/duban.conf"

static struct config *conf;

static int
setup(void **state)
{
	struct diag d = { 0 };

	(void)state;
	conf = conf_load_all(SHIPPED, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	return conf == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	conf_free(conf);
	return 0;
}

static int32_t
D(const char *s)
{
	return tz_day_of(at(s));
}

/* The last day of a deadline: 24:00 belongs to the day before. */
static int32_t
last_day(instant_t due)
{
	return tz_day_of(due - 1);
}

static instant_t
plan_due(const char *step, const char *dept, const char *notified, const struct adjust *adj)
{
	struct plan p;
	const char *cause;

	assert_int_equal(sched_plan(conf, NULL, step, dept, 2, 0, at(notified), adj, &p, &cause), 0);
	assert_non_null(p.rule);
	return p.due;
}

/* Each year's notice, a few of its days each way (国务院办公厅 notices, cn.conf cites them). */
static void
test_calendar_every_year(void **state)
{
	static const char *const off[] = {
		"2018-10-01", "2018-12-31", "2019-01-01", "2019-05-03", "2019-06-07",
		"2020-01-31", "2020-02-01", "2020-02-02", "2020-06-26", "2020-10-08",
		"2021-02-17", "2021-09-20", "2021-10-07", "2022-01-31", "2022-04-04",
		"2022-09-12", "2022-12-31", "2023-01-02", "2023-04-05", "2023-10-06",
		"2024-02-16", "2024-10-07", "2025-01-28", "2025-10-08", "2026-02-23",
		"2026-09-25",
	};
	static const char *const work[] = {
		"2018-12-29", "2019-02-02", "2019-04-28", "2019-05-05", "2019-10-12",
		"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-10-10",
		"2021-02-07", "2021-02-20", "2021-09-18", "2021-10-09", "2022-01-29",
		"2022-04-02", "2022-10-08", "2022-10-09", "2023-01-28", "2023-06-25",
		"2023-10-08", "2024-02-04", "2025-02-08", "2026-02-28", "2026-10-10",
		"2020-02-03",
	};
	size_t i;
	int y;

	(void)state;
	for (y = 2018; y <= 2026; y++)
		assert_true(cal_year_covered(conf->cal, y));
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++)
		if (cal_is_workday(conf->cal, D(off[i])))
			fail_msg("%s should be a day off", off[i]);
	for (i = 0; i < sizeof(work) / sizeof(work[0]); i++)
		if (!cal_is_workday(conf->cal, D(work[i])))
			fail_msg("%s should be a working day", work[i]);
}

/* The examples, with the shipped rules. */
static void
test_shipped_counting(void **state)
{
	struct adjust adj;
	instant_t due;

	(void)state;
	/* registration from 2018-09-28: 3 days end 10-01 (国庆), so 10-08 */
	due = plan_due("registration", "bdc", "2018-09-28 10:00", NULL);
	assert_true(last_day(due) == D("2018-10-08"));
	/* one week from the same moment ends 10-05 (国庆), so 10-08 */
	due = plan_due("handling", "zjj", "2018-09-28 10:00", NULL);
	assert_true(last_day(due) == D("2018-10-08"));
	/* tax-opinion from 2018-09-21: 3 days end 09-24 (中秋), so 09-25 */
	due = plan_due("tax-opinion", "swj", "2018-09-21 10:00", NULL);
	assert_true(last_day(due) == D("2018-09-25"));
	/* extended by 7 days from 09-25: 10-02 is in 国庆, so 10-08 */
	memset(&adj, 0, sizeof(adj));
	adj.ext_days = 7;
	due = plan_due("tax-opinion", "swj", "2018-09-21 10:00", &adj);
	assert_true(last_day(due) == D("2018-10-08"));
	/* a period of 15 calendar days into 国庆 2026 (DOMAIN.md's vector) */
	assert_true(last_day(rule_roll(conf->cal, at("2026-10-03 00:00"), NULL)) ==
	    D("2026-10-08"));
}

/* roll-over = no is still possible, but must be written. */
static void
test_rollover_written(void **state)
{
	const struct rule *r;
	int i, days = 0;

	(void)state;
	for (i = 0; i < conf->nrules; i++) {
		r = &conf->rules[i];
		if (r->kind == DL_PERIOD && r->deadline.unit == UNIT_DAYS) {
			days++;
			assert_true(r->rollover || r->rollover_set);
		}
	}
	assert_true(days > 0);
}

/*
 * Every rule of the shipped configuration that rolls over, from every day of
 * 2018-2026: no deadline ends on a rest day or a holiday.
 */
static void
test_no_deadline_on_a_day_off(void **state)
{
	struct rule_env env = conf_env(conf);
	const struct rule *r;
	int32_t day, last;
	instant_t due;
	int i, n = 0;

	(void)state;
	for (i = 0; i < conf->nrules; i++) {
		r = &conf->rules[i];
		if (!r->rollover)
			continue;
		for (day = D("2018-01-01"); day <= D("2026-12-20"); day++) {
			due = rule_deadline(r, &env, tz_day_start(day) + 10 * 3600000LL, NULL);
			last = last_day(due);
			if (!cal_is_workday(conf->cal, last))
				fail_msg("rule %s from day %d ends on a day off (%d)", r->name, day, last);
			n++;
		}
	}
	assert_true(n > 3000);
}

/* What explain says of the rule for an action notified at notified (to free). */
static char *
explain(const struct rule *r, const char *notified)
{
	struct rule_env env = conf_env(conf);
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	rule_explain(r, &env, at(notified), fp);
	fclose(fp);
	return text;
}

/* A fixed date on a day off: explain says so, and the rule chooses. */
static void
test_fixed_date_on_a_day_off(void **state)
{
	struct rule_env env = conf_env(conf);
	struct rule r;
	char *text;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.name = "phase";
	r.has_deadline = true;
	r.kind = DL_DATE;
	r.date = D("2018-10-21");	/* a Sunday */
	r.match_category = r.match_key = -1;
	r.rollover = true;
	assert_true(last_day(rule_deadline(&r, &env, at("2018-10-10 09:00"), NULL)) ==
	    D("2018-10-22"));
	text = explain(&r, "2018-10-10 09:00");
	assert_non_null(strstr(text, "not a working day: rolled over"));
	free(text);
	r.rollover = false;
	r.rollover_set = true;
	assert_true(last_day(rule_deadline(&r, &env, at("2018-10-10 09:00"), NULL)) ==
	    D("2018-10-21"));
	text = explain(&r, "2018-10-10 09:00");
	assert_non_null(strstr(text, "roll-over = no"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar_every_year),
		cmocka_unit_test(test_shipped_counting),
		cmocka_unit_test(test_rollover_written),
		cmocka_unit_test(test_no_deadline_on_a_day_off),
		cmocka_unit_test(test_fixed_date_on_a_day_off),
	};

	tz_set("Asia/Shanghai");
	return cmocka_run_group_tests_name("fair", tests, setup, teardown);
}
