/* Deadlines and notice schedules of the escalation rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "duban/rules.h"

static const struct {
	const char	*word;
	enum unit	 unit;
} unit_words[] = {
	{ "s", UNIT_SECONDS }, { "sec", UNIT_SECONDS }, { "second", UNIT_SECONDS },
	{ "seconds", UNIT_SECONDS },
	{ "min", UNIT_MINUTES }, { "minute", UNIT_MINUTES }, { "minutes", UNIT_MINUTES },
	{ "h", UNIT_HOURS }, { "hour", UNIT_HOURS }, { "hours", UNIT_HOURS },
	{ "day", UNIT_DAYS }, { "days", UNIT_DAYS },
	{ "week", UNIT_DAYS }, { "weeks", UNIT_DAYS },
	{ "workday", UNIT_WORKDAYS }, { "workdays", UNIT_WORKDAYS },
	{ "working-day", UNIT_WORKDAYS }, { "working-days", UNIT_WORKDAYS },
};

int
duration_parse(const char *s, struct duration *d, const char **cause)
{
	char word[32], *end;
	long n;
	size_t i, len;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strtol(s, &end, 10);
	if (end == s || n < 0 || n > 100000) {
		*cause = "expected a number from 0 to 100000 followed by a unit";
		return -1;
	}
	s = end;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strcspn(s, " \t");
	if (len == 0 || len >= sizeof(word)) {
		*cause = "expected a unit: seconds, minutes, hours, days, weeks or workdays";
		return -1;
	}
	memcpy(word, s, len);
	word[len] = '\0';
	s += len;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0') {
		*cause = "unexpected text after the unit";
		return -1;
	}
	for (i = 0; i < sizeof(unit_words) / sizeof(unit_words[0]); i++) {
		if (strcasecmp(word, unit_words[i].word) == 0) {
			d->unit = unit_words[i].unit;
			d->n = (int)n;
			if (strncasecmp(word, "week", 4) == 0)
				d->n *= 7;
			return 0;
		}
	}
	*cause = "unknown unit (use seconds, minutes, hours, days, weeks or workdays)";
	return -1;
}

void
duration_format(const struct duration *d, char *buf, int len)
{
	static const char *names[] = { "seconds", "minutes", "hours", "days", "workdays" };

	snprintf(buf, (size_t)len, "%d %s", d->n, names[d->unit]);
}

const char *
event_kind_name(enum event_kind kind)
{
	switch (kind) {
	case EV_REMIND:
		return "reminder";
	case EV_OVERDUE:
		return "overdue";
	case EV_ESCALATE:
		return "escalation";
	}
	return "?";
}

instant_t
duration_shift(const struct duration *d, int sign, const struct calendar *cal,
    instant_t t, bool *uncertain)
{
	instant_t off, start;
	int32_t day, moved;

	switch (d->unit) {
	case UNIT_SECONDS:
		return t + sign * (instant_t)d->n * 1000;
	case UNIT_MINUTES:
		return t + sign * (instant_t)d->n * 60000;
	case UNIT_HOURS:
		return t + sign * (instant_t)d->n * 3600000;
	case UNIT_DAYS:
	case UNIT_WORKDAYS:
		break;
	}
	/* Whole days keep the time of day, measured from the local midnight. */
	day = tz_day_of(t);
	start = tz_day_start(day);
	off = t - start;
	if (off == 0) {
		/* 00:00 is 24:00 of the day before, the end of a deadline's day */
		day--;
		off = tz_day_start(day + 1) - tz_day_start(day);
	}
	if (d->unit == UNIT_DAYS)
		moved = day + sign * d->n;
	else
		moved = cal_add_workdays(cal, day, sign * d->n, uncertain);
	return tz_day_start(moved) + off;
}

instant_t
rule_deadline(const struct rule *r, const struct calendar *cal, instant_t notified,
    bool *uncertain)
{
	int32_t day, last;

	switch (r->deadline.unit) {
	case UNIT_SECONDS:
	case UNIT_MINUTES:
	case UNIT_HOURS:
		return duration_shift(&r->deadline, 1, cal, notified, uncertain);
	case UNIT_DAYS:
	case UNIT_WORKDAYS:
		break;
	}
	/* The notification day is not counted; the period ends at 24:00. */
	day = tz_day_of(notified);
	if (r->deadline.unit == UNIT_DAYS) {
		last = day + r->deadline.n;
		/* 民法典 Art. 203: a period whose last day is a holiday ends the day after it */
		if (r->rollover)
			last = cal_next_workday(cal, last, uncertain);
	} else
		last = cal_add_workdays(cal, day, r->deadline.n, uncertain);
	return tz_day_start(last + 1);
}

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

int
rule_events(const struct rule *r, const struct calendar *cal, instant_t due,
    struct event *out)
{
	int i, n = 0;

	for (i = 0; i < r->nremind; i++) {
		out[n].kind = EV_REMIND;
		out[n].level = 0;
		out[n].seq = i;
		out[n].at = duration_shift(&r->remind[i], -1, cal, due, NULL);
		n++;
	}
	out[n].kind = EV_OVERDUE;
	out[n].level = 0;
	out[n].seq = 0;
	out[n].at = due;
	n++;
	if (r->has_escalate) {
		out[n].kind = EV_ESCALATE;
		out[n].level = 1;
		out[n].seq = 0;
		out[n].at = duration_shift(&r->escalate_after, 1, cal, due, NULL);
		n++;
	}
	qsort(out, (size_t)n, sizeof(*out), event_cmp);
	return n;
}

bool
rule_matches(const struct rule *r, const char *step, const char *dept, int category,
    int key)
{
	if (r->match_step != NULL && (step == NULL || strcmp(r->match_step, step) != 0))
		return false;
	if (r->match_dept != NULL && (dept == NULL || strcmp(r->match_dept, dept) != 0))
		return false;
	if (r->match_category >= 0 && r->match_category != category)
		return false;
	if (r->match_key >= 0 && r->match_key != (key != 0))
		return false;
	return true;
}
