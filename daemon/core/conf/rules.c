/* Deadlines and notice schedules of the escalation rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "duban/i18n.h"
#include "duban/rulelang.h"
#include "duban/text.h"
#include "duban/rules.h"

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
	case EV_PERIOD_END:
		return "period-end";
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

/* The instant a deadline whose last day is last ends: 24:00, or the close of office. */
static instant_t
day_end(const struct rule *r, const struct rule_env *env, int32_t last)
{
	if (r->end_at_close && env->office_close > 0)
		return tz_day_start(last) + env->office_close * 60000LL;
	return tz_day_start(last + 1);
}

/* The last day of a period of days or working days. */
static int32_t
period_last_day(const struct rule *r, const struct rule_env *env, int32_t start,
    bool *uncertain)
{
	int n = r->deadline.n;
	int32_t last;

	if (r->deadline.unit == UNIT_DAYS) {
		last = start + (r->count_start && n > 0 ? n - 1 : n);
		/* 民法典 Art. 203: a period whose last day is a holiday ends the day after it */
		if (r->rollover)
			last = cal_next_workday(env->cal, last, uncertain);
		return last;
	}
	if (r->count_start && n > 0 && cal_is_workday(env->cal, start))
		n--;
	last = cal_add_workdays(env->cal, start, n, uncertain);
	if (n == 0)
		last = cal_next_workday(env->cal, start, uncertain);
	return last;
}

instant_t
rule_deadline(const struct rule *r, const struct rule_env *env, instant_t notified,
    bool *uncertain)
{
	int32_t start = tz_day_of(notified), last;
	instant_t cut;

	switch (r->kind) {
	case DL_DATE:
		if (uncertain != NULL && cal_span_uncertain(env->cal, r->date, r->date))
			*uncertain = true;
		return day_end(r, env, r->rollover ? cal_next_workday(env->cal, r->date, uncertain) :
		    r->date);
	case DL_SAME_DAY:
		cut = tz_day_start(start) + r->cutoff * 60000LL;
		if (cal_is_workday(env->cal, start) && notified < cut) {
			if (uncertain != NULL && cal_span_uncertain(env->cal, start, start))
				*uncertain = true;
			return cut;
		}
		last = cal_add_workdays(env->cal, start, 1, uncertain);
		return tz_day_start(last) + r->cutoff * 60000LL;
	case DL_PERIOD:
		break;
	}
	if (r->deadline.unit <= UNIT_HOURS)
		return duration_shift(&r->deadline, 1, env->cal, notified, uncertain);
	last = period_last_day(r, env, start, uncertain);
	if (uncertain != NULL && cal_span_uncertain(env->cal, start, last))
		*uncertain = true;
	return day_end(r, env, last);
}

instant_t
rule_adjust(const struct rule *r, const struct calendar *cal, instant_t due,
    const struct adjust *adj, bool *uncertain)
{
	struct duration d;
	bool workdays, subday;

	if (adj == NULL)
		return due;
	workdays = r->kind == DL_SAME_DAY ||
	    (r->kind == DL_PERIOD && r->deadline.unit == UNIT_WORKDAYS);
	subday = r->kind == DL_PERIOD && r->deadline.unit <= UNIT_HOURS;
	/* the pause, in the rule's own unit */
	if (subday)
		due += adj->pause_ms;
	else if (workdays && adj->pause_workdays > 0) {
		d = (struct duration){ adj->pause_workdays, UNIT_WORKDAYS };
		due = duration_shift(&d, 1, cal, due, uncertain);
	} else if (!workdays && adj->pause_days > 0) {
		d = (struct duration){ adj->pause_days, UNIT_DAYS };
		due = duration_shift(&d, 1, cal, due, uncertain);
	}
	/* the extensions, each in its own unit */
	if (adj->ext_workdays > 0) {
		d = (struct duration){ adj->ext_workdays, UNIT_WORKDAYS };
		due = duration_shift(&d, 1, cal, due, uncertain);
	}
	if (adj->ext_days > 0) {
		d = (struct duration){ adj->ext_days, UNIT_DAYS };
		due = duration_shift(&d, 1, cal, due, uncertain);
	}
	due += adj->ext_ms;
	/*
	 * 民法典 Art. 203 again after the move: a deadline the rule rolls over, or
	 * one moved by calendar days (unless the rule says roll-over = no), whose
	 * last day is now a rest day or a holiday ends on the next working day.
	 * Not a deadline agreed with the petitioner: that is the day agreed.
	 */
	if (!subday && adj->agreed == 0 && (r->rollover || (!r->rollover_set && (adj->ext_days > 0 ||
	    (!workdays && adj->pause_days > 0)))))
		due = rule_roll(cal, due, uncertain);
	return due;
}

instant_t
rule_roll(const struct calendar *cal, instant_t due, bool *uncertain)
{
	int32_t last = tz_day_of(due - 1), moved;	/* 24:00 ends the day before */

	if (cal == NULL || cal_is_workday(cal, last))
		return due;
	moved = cal_next_workday(cal, last, uncertain);
	return tz_day_start(moved) + (due - tz_day_start(last));
}

static int
event_cmp(const void *a, const void *b)
{
	const struct event *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->level != y->level)
		return x->level - y->level;
	return x->seq - y->seq;
}

int
rule_events(const struct rule *r, const struct calendar *cal, instant_t due,
    struct event *out)
{
	instant_t t;
	int i, k, n = 0, seq = 0;

	if (r->waiting) {
		/* a minimum period: its end tells the office; nobody is reminded or late */
		out[n++] = (struct event){ EV_PERIOD_END, 0, 0, due };
		return n;
	}
	for (i = 0; i < r->nremind; i++)
		out[n++] = (struct event){ EV_REMIND, 0, i,
		    duration_shift(&r->remind[i], -1, cal, due, NULL) };
	out[n++] = (struct event){ EV_OVERDUE, 0, 0, due };
	t = due;
	for (i = 0; i < r->nrepeat; i++)
		for (k = 0; k < r->repeat[i].max && seq < RULE_MAX_REPEAT; k++) {
			t = duration_shift(&r->repeat[i].every, 1, cal, t, NULL);
			out[n++] = (struct event){ EV_OVERDUE, 0, ++seq, t };
		}
	for (i = 0; i < r->nlevels; i++)
		out[n++] = (struct event){ EV_ESCALATE, i + 1, 0,
		    duration_shift(&r->levels[i].after, 1, cal, due, NULL) };
	qsort(out, (size_t)n, sizeof(*out), event_cmp);
	return n;
}

static const char *
day_reason(const struct calendar *cal, int32_t day)
{
	static char buf[96];
	const char *name = cal_day_name(cal, day);
	int wd = day_weekday(day);
	bool work = cal_is_workday(cal, day), weekend = wd == 0 || wd == 6;

	const char *what = work && weekend ? _("make-up working day") : !work && !weekend ?
	    _("official holiday") : !work ? _("weekend") : _("working day");

	snprintf(buf, sizeof(buf), "%s%s%s", what, name ? ", " : "", name ? name : "");
	return buf;
}

static void
explain_day(FILE *fp, const struct calendar *cal, int32_t day, const char *what)
{
	static const char *wdn[] = { N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
	    N_("Fri"), N_("Sat") };
	int y, m, d;

	what = i18n_ctx("day", what);
	day_to_civil(day, &y, &m, &d);
	fprintf(fp, "  %04d-%02d-%02d %s  %s%*s %s%s\n", y, m, d, gettext(wdn[day_weekday(day)]),
	    what, text_pad(what, 8), "", day_reason(cal, day),
	    cal_span_uncertain(cal, day, day) ? _(" (year not covered)") : "");
}

void
rule_explain(const struct rule *r, const struct rule_env *env, instant_t notified,
    FILE *fp)
{
	char buf[64], at[32];
	int32_t start = tz_day_of(notified), last, day;
	bool unc = false;
	instant_t due = rule_deadline(r, env, notified, &unc);
	int counted = 0;

	rulelang_format_deadline(r, buf, sizeof(buf));
	instant_format(notified, at, sizeof(at));
	fprintf(fp, _("rule \"%s\": deadline = %s%s%s%s\n"), r->name, buf,
	    r->count_start ? _(", the notification day counts") : "",
	    r->rollover ? _(", roll-over") : "", r->end_at_close ? _(", ends at close of office") :
	    "");
	fprintf(fp, _("notified %s\n"), at);
	if (r->kind == DL_PERIOD && r->deadline.unit >= UNIT_DAYS) {
		last = period_last_day(r, env, start, NULL);
		if (!r->count_start)
			explain_day(fp, env->cal, start, NC_("day", "start"));
		for (day = r->count_start ? start : start + 1; day <= last; day++) {
			bool work = cal_is_workday(env->cal, day);

			if (r->deadline.unit == UNIT_DAYS) {
				bool in_period = counted < r->deadline.n;

				if (in_period)
					counted++;
				explain_day(fp, env->cal, day, in_period ? (counted == r->deadline.n ?
				    NC_("day", "last") : NC_("day", "counted")) : NC_("day", "rolled"));
			} else {
				if (work)
					counted++;
				explain_day(fp, env->cal, day, work ? (day == last ? NC_("day", "last") :
				    NC_("day", "counted")) : NC_("day", "skipped"));
			}
		}
		fprintf(fp, r->deadline.unit == UNIT_DAYS ? _("%d days counted\n") :
		    _("%d working days counted\n"), counted);
	} else if (r->kind == DL_SAME_DAY) {
		fprintf(fp, _("cut-off %02d:%02d on a working day; after it, the next working day's\n"),
		    r->cutoff / 60, r->cutoff % 60);
		explain_day(fp, env->cal, start, NC_("day", "start"));
	} else if (r->kind == DL_DATE) {
		explain_day(fp, env->cal, r->date, NC_("day", "date"));
		if (!cal_is_workday(env->cal, r->date)) {
			if (r->rollover) {
				fprintf(fp, _("the date is not a working day: rolled over (roll-over ="
				    " yes)\n"));
				explain_day(fp, env->cal, cal_next_workday(env->cal, r->date, NULL),
				    NC_("day", "last"));
			} else
				fprintf(fp, _("the date is not a working day, and the rule keeps it "
				    "(roll-over = no)\n"));
		}
	}
	instant_deadline(due, at, sizeof(at));
	fprintf(fp, _("deadline %s%s\n"), at,
	    unc ? _(" (uncertain: the calendar does not cover a year it crosses)") : "");
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
