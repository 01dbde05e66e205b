/* The rule language: every deadline unit and option, repeats, levels, matching. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "duban/conf.h"
#include "duban/rulelang.h"
#include "duban/rules.h"





static struct rule
period(int n, enum unit u)
{
	struct rule r;

	memset(&r, 0, sizeof(r));
	r.name = "t";
	r.has_deadline = true;
	r.kind = DL_PERIOD;
	r.deadline.n = n;
	r.deadline.unit = u;
	r.match_category = r.match_key = -1;
	return r;
}

static instant_t
due(const struct rule *r, const char *notified, int office_close)
{
	struct rule_env env = { cn, office_close };
	bool unc = false;

	return rule_deadline(r, &env, at(notified), &unc);
}

static void
test_sub_day_units(void **state)
{
	struct rule r;

	(void)state;
	r = period(4, UNIT_SECONDS);
	assert_true(due(&r, "2026-03-02 10:00:00", 0) == at("2026-03-02 10:00:04"));
	r = period(30, UNIT_MINUTES);
	assert_true(due(&r, "2026-03-02 23:50", 0) == at("2026-03-03 00:20"));
	r = period(48, UNIT_HOURS);
	assert_true(due(&r, "2026-02-14 09:00", 0) == at("2026-02-16 09:00"));	/* hours ignore holidays */
}

static void
test_calendar_days(void **state)
{
	struct rule r = period(7, UNIT_DAYS);

	(void)state;
	/* one week from Thursday 2026-03-05: the day itself not counted, ends 24:00 of 03-12 */
	assert_true(due(&r, "2026-03-05 15:00", 0) == at("2026-03-13 00:00"));
	r.count_start = true;	/* the notification day is day 1: ends 24:00 of 03-11 */
	assert_true(due(&r, "2026-03-05 15:00", 0) == at("2026-03-12 00:00"));
	r = period(15, UNIT_DAYS);
	assert_true(due(&r, "2026-09-17 09:00", 0) == at("2026-10-03 00:00"));
	r.rollover = true;	/* 10-02 is a holiday: the period ends 24:00 of 10-08 */
	assert_true(due(&r, "2026-09-17 09:00", 0) == at("2026-10-09 00:00"));
	r = period(3, UNIT_DAYS);
	r.rollover = true;	/* ends on Saturday 03-07: rolls to Monday 03-09 */
	assert_true(due(&r, "2026-03-04 09:00", 0) == at("2026-03-10 00:00"));
	r = period(3, UNIT_DAYS);
	r.end_at_close = true;	/* ends at the close of office on the last day */
	assert_true(due(&r, "2026-03-04 09:00", 17 * 60 + 30) == at("2026-03-07 17:30"));
}

static void
test_working_days(void **state)
{
	struct rule r = period(3, UNIT_WORKDAYS);

	(void)state;
	assert_true(due(&r, "2026-02-12 10:00", 0) == at("2026-02-25 00:00"));
	assert_true(due(&r, "2025-09-26 10:00", 0) == at("2025-10-01 00:00"));
	assert_true(due(&r, "2026-09-30 10:00", 0) == at("2026-10-11 00:00"));
	r = period(15, UNIT_WORKDAYS);
	assert_true(due(&r, "2026-01-30 10:00", 0) == at("2026-02-28 00:00"));
	r = period(5, UNIT_WORKDAYS);
	r.count_start = true;	/* Monday 03-02 counts: ends Friday 03-06 */
	assert_true(due(&r, "2026-03-02 09:00", 0) == at("2026-03-07 00:00"));
	/* notified on a Sunday: the day does not count though the rule says so */
	assert_true(due(&r, "2026-03-01 09:00", 0) == at("2026-03-07 00:00"));
	r.end_at_close = true;
	assert_true(due(&r, "2026-03-02 09:00", 17 * 60 + 30) == at("2026-03-06 17:30"));
}

static void
test_same_day(void **state)
{
	struct rule r = period(0, UNIT_DAYS);

	(void)state;
	r.kind = DL_SAME_DAY;
	r.cutoff = 16 * 60;
	/* before the cut-off on a working day: that day's cut-off */
	assert_true(due(&r, "2026-03-02 10:00", 0) == at("2026-03-02 16:00"));
	/* after it: the next working day's cut-off */
	assert_true(due(&r, "2026-03-02 16:30", 0) == at("2026-03-03 16:00"));
	/* Friday evening: Monday */
	assert_true(due(&r, "2026-03-06 17:00", 0) == at("2026-03-09 16:00"));
	/* on a holiday: the first working day after it */
	assert_true(due(&r, "2026-10-03 10:00", 0) == at("2026-10-08 16:00"));
	/* the working Saturday before National Day's make-up: 10-10 is a working day */
	assert_true(due(&r, "2026-10-10 09:00", 0) == at("2026-10-10 16:00"));
}

static void
test_fixed_date(void **state)
{
	struct rule r = period(0, UNIT_DAYS);

	(void)state;
	r.kind = DL_DATE;
	assert_int_equal(day_parse("2018-08-20", &r.date), 0);
	assert_true(due(&r, "2018-08-03 09:00", 0) == at("2018-08-21 00:00"));
	assert_true(due(&r, "2018-08-19 09:00", 0) == at("2018-08-21 00:00"));
	r.end_at_close = true;
	assert_true(due(&r, "2018-08-03 09:00", 17 * 60) == at("2018-08-20 17:00"));
}

static void
test_uncovered_year(void **state)
{
	struct rule r = period(10, UNIT_WORKDAYS);
	struct rule_env env = { cn, 0 };
	bool unc = false;

	(void)state;
	rule_deadline(&r, &env, at("2026-12-24 10:00"), &unc);
	assert_true(unc);
	unc = false;
	rule_deadline(&r, &env, at("2026-11-02 10:00"), &unc);
	assert_false(unc);
	r = period(30, UNIT_DAYS);	/* calendar days: plain, but still marked */
	unc = false;
	rule_deadline(&r, &env, at("2026-12-20 10:00"), &unc);
	assert_true(unc);
}

static void
test_events(void **state)
{
	struct rule r = period(3, UNIT_WORKDAYS);
	struct event ev[RULE_MAX_EVENTS];
	instant_t d = at("2026-03-06 00:00");	/* 24:00 of Thursday 03-05 */
	char *t1 = "director", *t2 = "discipline";
	int n;

	(void)state;
	r.nremind = 2;
	r.remind[0] = (struct duration){ 2, UNIT_DAYS };
	r.remind[1] = (struct duration){ 4, UNIT_HOURS };
	r.nrepeat = 2;
	r.repeat[0] = (struct repeat){ { 1, UNIT_WORKDAYS }, 2 };
	r.repeat[1] = (struct repeat){ { 5, UNIT_WORKDAYS }, 1 };
	r.nlevels = 2;
	r.levels[0] = (struct level){ { 1, UNIT_WORKDAYS }, t1, 0 };
	r.levels[1] = (struct level){ { 3, UNIT_WORKDAYS }, t2, 0 };
	n = rule_events(&r, cn, d, ev);
	assert_int_equal(n, 8);
	assert_true(ev[0].kind == EV_REMIND && ev[0].at == at("2026-03-04 00:00"));
	assert_true(ev[1].kind == EV_REMIND && ev[1].at == at("2026-03-05 20:00"));
	assert_true(ev[2].kind == EV_OVERDUE && ev[2].seq == 0 && ev[2].at == d);
	/* repeat 1 and level 1 both at 24:00 of Friday 03-06: the repeat first */
	assert_true(ev[3].kind == EV_OVERDUE && ev[3].seq == 1 && ev[3].at == at("2026-03-07 00:00"));
	assert_true(ev[4].kind == EV_ESCALATE && ev[4].level == 1 && ev[4].at == at("2026-03-07 00:00"));
	assert_true(ev[5].kind == EV_OVERDUE && ev[5].seq == 2 && ev[5].at == at("2026-03-10 00:00"));
	assert_true(ev[6].kind == EV_ESCALATE && ev[6].level == 2 && ev[6].at == at("2026-03-11 00:00"));
	/* then slower: five working days after the second repeat */
	assert_true(ev[7].kind == EV_OVERDUE && ev[7].seq == 3 && ev[7].at == at("2026-03-17 00:00"));
}

static void
test_matching(void **state)
{
	struct rule r = period(1, UNIT_DAYS);

	(void)state;
	assert_true(rule_matches(&r, "x", "y", 3, 0));
	r.match_step = "handling";
	r.match_key = 1;
	assert_false(rule_matches(&r, "handling", "zjj", 2, 0));
	assert_true(rule_matches(&r, "handling", "zjj", 2, 1));
	r.match_category = 2;
	assert_false(rule_matches(&r, "handling", "zjj", 3, 1));
	r.match_dept = "swj";
	assert_false(rule_matches(&r, "handling", "zjj", 2, 1));
	assert_true(rule_matches(&r, "handling", "swj", 2, 1));
}

static char *
write_conf(const char *rules)
{
	char *path = strdup("/tmp/duban-rules-XXXXXX");
	FILE *fp;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fprintf(fp, "[daemon]\ncalendar = %s\n[smtp]\nfrom = a@b.cn\n"
	    "[target \"discipline\"]\nemail = jw@b.cn\n%s", CN_CALENDAR, rules);
	fclose(fp);
	return path;
}

/* The exact message for each mistake, at its line. */
static void
test_conf_errors(void **state)
{
	static const struct {
		const char	*text;
		int		 line;
		const char	*msg;
	} cases[] = {
		{ "[rule \"a\"]\ndeadline = same-day 25:00\n", 8,
		  "deadline: expected 'same-day HH:MM' (the cut-off), not 'same-day 25:00'" },
		{ "[rule \"a\"]\ndeadline = 2018-02-30\n", 8,
		  "deadline: '2018-02-30' is not a date (YYYY-MM-DD)" },
		{ "[rule \"a\"]\ndeadline = 3 days\nrepeat = every 1 workday\n", 9,
		  "repeat: expected 'every N UNIT max M[, then every N UNIT max M]', not 'every 1 workday'" },
		{ "[rule \"a\"]\ndeadline = 3 days\nrepeat = every 1 day max 30\n", 9,
		  "repeat: at most 20 repeated notices in all" },
		{ "[rule \"a\"]\ndeadline = 3 days\nescalate = 1 day after discipline\n", 9,
		  "escalate: expected 'N UNIT after -> TARGET', not '1 day after discipline'" },
		{ "[rule \"a\"]\ndeadline = 3 days\nescalate-cc = head, boss\n", 9,
		  "escalate-cc: expected head, cc, leader, office or none, not 'boss'" },
		{ "[rule \"a\"]\ndeadline = 3 days\nend = noon\n", 9,
		  "end: expected midnight or close, not 'noon'" },
		{ "[rule \"a\"]\ndeadline = 3 days\nend = close\n", 9,
		  "rule \"a\": 'end = close' needs office-hours in [daemon]" },
		{ "[rule \"a\"]\ndeadline = 3 days\nescalate = 1 day after -> nobody\n", 9,
		  "rule \"a\": escalation target \"nobody\" is not defined" },
		{ "[rule \"a\"]\nremind = 1 day before\n", 7, "rule \"a\" needs 'deadline'" },
		{ "[rule \"a\"]\ndeadline = 3 days\ncount-start-day = maybe\n", 9,
		  "count-start-day: expected yes or no, not 'maybe'" },
	};
	struct diag d = { 0 };
	struct config *c;
	char want[512], *path;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		path = write_conf(cases[i].text);
		c = conf_load(path, &d);
		assert_null(c);
		snprintf(want, sizeof(want), "%s:%d: %s", path, cases[i].line, cases[i].msg);
		if (d.n < 1 || strcmp(d.msgs[0], want) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, d.n ? d.msgs[0] : "(none)", want);
		diag_free(&d);
		unlink(path);
		free(path);
	}
}

static void
collect(void *arg, const char *msg)
{
	char *errs = arg;

	snprintf(errs + strlen(errs), 512 - strlen(errs), "%s|", msg);
}

/* The rule language without a file: keys in, the same words out, and its errors. */
static void
test_rulelang(void **state)
{
	static const char *const keys[][2] = {
		{ "match", "step:handling key:yes category:2" },
		{ "deadline", "1 week" },
		{ "remind", "3 days before, 1 day before" },
		{ "repeat", "every 1 workday max 3, then every 5 workdays max 2" },
		{ "escalate", "1 day after -> director, 2 workdays after -> discipline" },
		{ "escalate-cc", "head, leader, office" },
		{ "overdue-cc", "office" },
		{ "extend", "at most 30 days, 1 time" },
		{ "roll-over", "yes" },
	};
	struct rule r, again;
	char errs[512] = "", *text = NULL, *text2 = NULL, *line, *save, *eq;
	size_t len;
	FILE *fp;
	size_t i;

	(void)state;
	rulelang_init(&r, "key-case", 1);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		assert_int_equal(rulelang_key(&r, keys[i][0], keys[i][1], (int)i + 2, collect,
		    errs), 0);
	assert_string_equal(errs, "");
	assert_int_equal(r.nremind, 2);
	assert_int_equal(r.nlevels, 2);
	assert_int_equal(r.levels[1].line, 6);
	fp = open_memstream(&text, &len);
	rulelang_print(&r, fp);
	fclose(fp);
	/* what it printed reads back to the same rule */
	rulelang_init(&again, "key-case", 1);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '[' || (eq = strstr(line, " = ")) == NULL)
			continue;
		*eq = '\0';
		assert_int_equal(rulelang_key(&again, line, eq + 3, 0, collect, errs), 0);
	}
	assert_string_equal(errs, "");
	fp = open_memstream(&text2, &len);
	rulelang_print(&again, fp);
	fclose(fp);
	free(text);
	fp = open_memstream(&text, &len);
	rulelang_print(&r, fp);
	fclose(fp);
	assert_string_equal(text, text2);
	assert_non_null(strstr(text, "escalate = 1 day after -> director, 2 workdays after -> discipline"));
	/* errors come without a file name, one each; an unknown key is the caller's */
	assert_int_equal(rulelang_key(&r, "deadline", "3 fortnights", 9, collect, errs), -1);
	assert_int_equal(rulelang_key(&r, "remind", "1 day after", 9, collect, errs), -1);
	assert_int_equal(rulelang_key(&r, "colour", "blue", 9, collect, errs), RULELANG_UNKNOWN);
	assert_string_equal(errs, "deadline: unknown unit (use seconds, minutes, hours, days, weeks"
	    " or workdays): '3 fortnights'|remind: expected 'N UNIT before', not '1 day after'|");
	free(text);
	free(text2);
	rulelang_clear(&r);
	rulelang_clear(&again);
}

/* Dates and times as spreadsheets and clerks write them, and what is refused. */
static void
test_time_forms(void **state)
{
	static const char *const same[] = {
		"2018-08-07 09:00", "2018-8-7 9:00", "2018/8/7 9:00", "2018/08/07 09:00:00",
		"2018年8月7日 9时", "2018年8月7日9时", "2018年8月7日 9时0分", "2018-08-07T09:00",
		"2018年08月07日 09:00",
	};
	static const char *const bad[] = {
		"2018-8/7", "2018.8.7", "18-8-7", "2018-13-01", "2018-02-30", "2018年8月7日 25时",
		"2018-08-0709:00", "2018-08-07 9", "2018-08-07 09:00 PM", "2018年8月7日 9时30",
		"2018/8/7 9:0", "",
	};
	instant_t want, t, day;
	int32_t d;
	size_t i;

	(void)state;
	assert_int_equal(instant_parse("2018-08-07 09:00", &want), 0);
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		if (instant_parse(same[i], &t) != 0)
			fail_msg("'%s' was refused", same[i]);
		if (t != want)
			fail_msg("'%s' is %lld, not %lld", same[i], (long long)t, (long long)want);
	}
	/* a date alone is the start of its day */
	assert_int_equal(instant_parse("2018-8-7", &day), 0);
	assert_true(day == tz_day_start(day_from_civil(2018, 8, 7)));
	assert_int_equal(instant_parse("2018年8月7日", &t), 0);
	assert_true(t == day);
	assert_int_equal(instant_parse("2018年8月7日 9时30分15秒", &t), 0);
	assert_true(t == want + (30 * 60 + 15) * 1000LL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (instant_parse(bad[i], &t) == 0)
			fail_msg("'%s' was taken", bad[i]);
	assert_int_equal(day_parse("2018/10/1", &d), 0);
	assert_int_equal(d, day_from_civil(2018, 10, 1));
	assert_int_equal(day_parse("2018年10月1日", &d), 0);
	assert_int_equal(d, day_from_civil(2018, 10, 1));
	assert_int_equal(day_parse("2018-10-01 09:00", &d), -1);
}

/* Loading a configuration changes nothing in the process: its zone is checked, not installed. */
static void
test_conf_load_changes_nothing(void **state)
{
	struct diag d = { 0 };
	struct config *c;
	char *path, *before = strdup(getenv("TZ") ? getenv("TZ") : "");

	(void)state;
	path = strdup("/tmp/duban-tz-XXXXXX");
	{
		int fd = mkstemp(path);
		FILE *fp = fdopen(fd, "w");

		fprintf(fp, "[daemon]\ncalendar = %s\ntimezone = America/New_York\n"
		    "[smtp]\nfrom = a@b.cn\n", CN_CALENDAR);
		fclose(fp);
	}
	c = conf_load(path, &d);
	diag_print(&d, stderr);
	assert_non_null(c);
	assert_string_equal(c->timezone, "America/New_York");
	assert_string_equal(getenv("TZ") ? getenv("TZ") : "", before);
	conf_free(c);
	diag_free(&d);
	assert_int_equal(tz_check("Asia/Shanghai"), 0);
	assert_int_equal(tz_check("Mars/Olympus"), -1);
	assert_int_equal(tz_check("../../../etc/passwd"), -1);
	assert_int_equal(tz_check("Asia"), -1);	/* a directory, not a zone */
	unlink(path);
	free(path);
	free(before);
}

static void
test_conf_accepts(void **state)
{
	struct diag d = { 0 };
	struct config *c;
	const struct rule *r;
	char *path;

	(void)state;
	path = write_conf("[target \"director\"]\nemail = dir@b.cn\n"
	    "[rule \"tax-individual\"]\nmatch = step:individual dept:swj\n"
	    "deadline = same-day 16:30\n"
	    "[rule \"phase\"]\nmatch = step:self-check\ndeadline = 2018-08-20\n"
	    "[rule \"key\"]\nmatch = key:yes category:2\ndeadline = 3 workdays\n"
	    "count-start-day = yes\nremind = 1 workday before, 4 hours before\n"
	    "repeat = every 1 workday max 3, then every 5 workdays max 2\n"
	    "escalate = 1 workday after -> director, 3 workdays after -> discipline\n"
	    "escalate-cc = head, leader, office\n");
	c = conf_load(path, &d);
	diag_print(&d, stderr);
	assert_non_null(c);
	r = conf_match_rule(c, "individual", "swj", 9, 0);
	assert_string_equal(r->name, "tax-individual");
	assert_int_equal(r->kind, DL_SAME_DAY);
	assert_int_equal(r->cutoff, 16 * 60 + 30);
	r = conf_match_rule(c, "self-check", "zjj", 9, 0);
	assert_int_equal(r->kind, DL_DATE);
	r = conf_match_rule(c, "handling", "zjj", 2, 1);
	assert_string_equal(r->name, "key");
	assert_true(r->count_start);
	assert_int_equal(r->nremind, 2);
	assert_int_equal(r->nrepeat, 2);
	assert_int_equal(r->repeat[1].max, 2);
	assert_int_equal(r->nlevels, 2);
	assert_string_equal(r->levels[1].target, "discipline");
	assert_int_equal(r->escalate_cc, CC_HEAD | CC_LEADER | CC_OFFICE);
	assert_null(conf_match_rule(c, "handling", "zjj", 2, 0));
	conf_free(c);
	diag_free(&d);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sub_day_units),
		cmocka_unit_test(test_calendar_days),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_same_day),
		cmocka_unit_test(test_fixed_date),
		cmocka_unit_test(test_uncovered_year),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_conf_errors),
		cmocka_unit_test(test_conf_accepts),
		cmocka_unit_test(test_conf_load_changes_nothing),
		cmocka_unit_test(test_rulelang),
		cmocka_unit_test(test_time_forms),
	};

	return cmocka_run_group_tests_name("rules", tests, cn_setup, cn_teardown);
}
