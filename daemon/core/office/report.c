/*
 * The figures of the acceptance check (检查验收) per department and overall,
 * for every reader: dubanctl report prints them, the pages draw them. One
 * count, so that the page and the command agree to the last digit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/office.h"
#include "duban/tz.h"
#include "duban/xmalloc.h"

struct counting {
	struct office_report	*r;
	instant_t		 now;
	const struct config	*conf;
	const char		*only;
};

static struct office_tally *
tally_for(struct office_report *r, const char *dept, const char *name)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->t[i].dept, dept) == 0)
			return &r->t[i];
	r->t = xreallocarray(r->t, (size_t)r->n + 1, sizeof(*r->t));
	memset(&r->t[r->n], 0, sizeof(*r->t));
	snprintf(r->t[r->n].dept, sizeof(r->t[r->n].dept), "%s", dept);
	snprintf(r->t[r->n].name, sizeof(r->t[r->n].name), "%s", name);
	return &r->t[r->n++];
}

/* One assignment or case counted in t; workdays: its handling time, if done. */
static void
tally_add(struct office_tally *t, const struct report_row *row, long workdays, instant_t now)
{
	if (row->is_case) {
		t->cases++;
		t->closed += row->closed;
		t->ceased += row->closed && row->ceased;
		return;
	}
	t->assigned++;
	t->uncertain += row->uncertain;
	if (row->handed_on != 0) {
		t->late++;	/* taken from it overdue */
		t->handed_on++;
	} else if (row->done != 0) {
		if (row->due == 0 || row->done <= row->due)
			t->on_time++;
		else
			t->late++;
		t->workdays += workdays;
	} else {
		t->open++;
		if (row->due != 0 && row->due <= now)
			t->overdue++;
	}
	t->escalated += row->escalated;
}

/* A row counted for its department and for the sum of all. */
static int
count_row(const struct report_row *row, void *arg)
{
	struct counting *k = arg;
	const struct rule *rule;
	long workdays = 0;

	if (k->only != NULL && strcmp(k->only, row->dept) != 0)
		return 0;
	/* a waiting period (不少于) is nobody's work: neither on time nor late */
	if (!row->is_case && row->rule != NULL && (rule = conf_rule(k->conf, row->rule)) != NULL &&
	    rule->waiting)
		return 0;
	/* an earlier assignment handed on in time was not that department's to finish */
	if (row->handed_on != 0 && (row->due == 0 || row->handed_on <= row->due))
		return 0;
	/* working days after the day of notification, up to the day done (counted once) */
	if (!row->is_case && row->handed_on == 0 && row->done != 0)
		workdays = cal_count_workdays(k->conf->cal, tz_day_of(row->start) + 1,
		    tz_day_of(row->done) + 1);
	tally_add(tally_for(k->r, row->dept, row->dept_name), row, workdays, k->now);
	tally_add(&k->r->all, row, workdays, k->now);
	return 0;
}

static int
tally_cmp(const void *a, const void *b)
{
	return strcmp(((const struct office_tally *)a)->dept, ((const struct office_tally *)b)->dept);
}

int
office_report(struct store *s, const struct config *conf, instant_t now, int32_t from_day,
    int32_t to_day, const char *only, struct office_report *r)
{
	struct counting k = { r, now, conf, only };

	memset(r, 0, sizeof(*r));
	r->from_day = from_day;
	r->to_day = to_day;
	if (store_report_each(s, tz_day_start(from_day), tz_day_start(to_day + 1), count_row,
	    &k) != 0) {
		office_report_clear(r);
		return -1;
	}
	if (r->n > 1)
		qsort(r->t, (size_t)r->n, sizeof(*r->t), tally_cmp);
	snprintf(r->all.dept, sizeof(r->all.dept), "all");
	snprintf(r->all.name, sizeof(r->all.name), "合计");
	return 0;
}

void
office_report_clear(struct office_report *r)
{
	free(r->t);
	r->t = NULL;
	r->n = 0;
}

const char *
office_rate(char *buf, size_t len, long num, long den)
{
	if (den == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f%%", 100.0 * (double)num / (double)den);
	return buf;
}

const char *
office_average(char *buf, size_t len, long sum, long n)
{
	if (n == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f", (double)sum / (double)n);
	return buf;
}

enum office_light
office_light(const struct config *conf, const struct action *a, instant_t now)
{
	struct event ev[RULE_MAX_EVENTS];
	const struct rule *r;
	int n, i;

	if (a->done_at != 0 || a->due_at == 0)
		return LIGHT_NONE;
	if (a->paused_at != 0)
		return LIGHT_PAUSED;
	r = a->rule != NULL ? conf_rule(conf, a->rule) : NULL;
	n = r != NULL ? rule_events(r, conf->cal, a->due_at, ev) : 0;
	if (conf->web.escalated_light)
		for (i = 0; i < a->stage && i < n; i++)
			if (ev[i].kind == EV_ESCALATE)
				return LIGHT_ESCALATED;
	if (a->due_at <= now)
		return LIGHT_RED;
	for (i = 0; i < n; i++)
		if (ev[i].kind == EV_REMIND && ev[i].at <= now)
			return LIGHT_YELLOW;
	return LIGHT_GREEN;
}
