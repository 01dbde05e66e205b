/*
 * dubanctl report: the figures of the acceptance check (检查验收) per
 * department and overall, as a table, CSV or JSON, or mailed to the office.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

struct tally {
	char	 dept[32];
	char	 name[96];
	int	 assigned, on_time, late, open, overdue, escalated;
	int	 cases, closed, ceased;
	long	 workdays;	/* handling time of the done actions, in working days */
	int	 uncertain;	/* actions whose deadline crosses a year the calendar lacks */
	int	 handed_on;	/* late ones taken from it by a reassignment (no handling time) */
};

struct report {
	struct tally	*t;
	int		 n;
	instant_t	 now;
	const struct calendar *cal;
	const struct config *conf;
	const char	*only;
};

static struct tally *
tally_for(struct report *r, const char *dept, const char *name)
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

static int
count_row(const struct report_row *row, void *arg)
{
	struct report *r = arg;
	struct tally *t;

	if (r->only != NULL && strcmp(r->only, row->dept) != 0)
		return 0;
	/* a waiting period (不少于) is nobody's work: neither on time nor late */
	if (!row->is_case && row->rule != NULL && conf_rule(r->conf, row->rule) != NULL &&
	    conf_rule(r->conf, row->rule)->waiting)
		return 0;
	/* an earlier assignment handed on in time was not that department's to finish */
	if (row->handed_on != 0 && (row->due == 0 || row->handed_on <= row->due))
		return 0;
	t = tally_for(r, row->dept, row->dept_name);
	if (row->is_case) {
		t->cases++;
		t->closed += row->closed;
		t->ceased += row->closed && row->ceased;
		return 0;
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
		/* working days after the day of notification, up to the day done */
		t->workdays += cal_count_workdays(r->cal, tz_day_of(row->start) + 1,
		    tz_day_of(row->done) + 1);
	} else {
		t->open++;
		if (row->due != 0 && row->due <= r->now)
			t->overdue++;
	}
	t->escalated += row->escalated;
	return 0;
}

static int
tally_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tally *)a)->dept, ((const struct tally *)b)->dept);
}

/* A rate as "50.0%", or "-" when there is nothing to divide by. */
static const char *
rate(char *buf, size_t len, long num, long den)
{
	if (den == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f%%", 100.0 * (double)num / (double)den);
	return buf;
}

static const char *
average(char *buf, size_t len, long sum, long n)
{
	if (n == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.1f", (double)sum / (double)n);
	return buf;
}

/* A tally as a row of the listing: counts are numbers, rates and averages text. */
static void
print_tally(const struct tally *t)
{
	char n[8][16], r1[16], r2[16], r3[16], avg[16], unc[16];
	const char *v[15];
	int done = t->on_time + t->late - t->handed_on;

	rate(r1, sizeof(r1), t->on_time, t->assigned);
	rate(r2, sizeof(r2), t->closed, t->cases);
	rate(r3, sizeof(r3), t->ceased, t->closed);
	average(avg, sizeof(avg), t->workdays, done);
	snprintf(n[0], sizeof(n[0]), "%d", t->assigned);
	snprintf(n[1], sizeof(n[1]), "%d", t->on_time);
	snprintf(n[2], sizeof(n[2]), "%d", t->late);
	snprintf(n[3], sizeof(n[3]), "%d", t->open);
	snprintf(n[4], sizeof(n[4]), "%d", t->overdue);
	snprintf(n[5], sizeof(n[5]), "%d", t->escalated);
	snprintf(n[6], sizeof(n[6]), "%d", t->cases);
	snprintf(n[7], sizeof(n[7]), "%d", t->closed);
	snprintf(unc, sizeof(unc), "%d", t->uncertain);
	v[0] = t->dept;
	v[1] = t->name;
	v[2] = n[0];
	v[3] = n[1];
	v[4] = n[2];
	v[5] = n[3];
	v[6] = n[4];
	v[7] = n[5];
	v[8] = r1;
	v[9] = n[6];
	v[10] = n[7];
	v[11] = r2;
	v[12] = r3;
	v[13] = avg;
	v[14] = unc;
	out_row(v);
}

/* The report through dubanctl's one writer: a table for people, CSV or JSON for scripts. */
static void
print_report(const struct report *r, const struct tally *all, const char *title)
{
	static const char *const keys[] = { "department", "name", "assigned", "on_time", "late",
	    "open", "overdue", "escalated", "on_time_rate", "cases", "cases_closed",
	    "case_completion_rate", "ceased_rate", "average_working_days", "uncertain" };
	static const char *const labels[] = { NC_("column", "DEPT"), NC_("column", "NAME"),
	    NC_("column", "ASSIGNED"), NC_("column", "ON-TIME"), NC_("column", "LATE"),
	    NC_("column", "OPEN"), NC_("column", "OVERDUE"), NC_("column", "ESCALATED"),
	    NC_("column", "ON-TIME%"), NC_("column", "CASES"), NC_("column", "CLOSED"),
	    NC_("column", "CLOSED%"), NC_("column", "CEASED%"), NC_("column", "AVG-DAYS"),
	    NC_("column", "UNCERTAIN") };
	static const int w[] = { 6, 16, 8, 7, 4, 4, 7, 9, 8, 5, 6, 7, 7, 8, 0 };
	int i;

	if (ctl_out == OUT_TABLE)
		fprintf(out_stream(), "%s\n", title);
	out_header_typed(ctl_out == OUT_TABLE ? labels : keys, w, 15, "ssnnnnnnsnnsssn");
	for (i = 0; i < r->n; i++)
		print_tally(&r->t[i]);
	print_tally(all);
	out_end();
	/*
	 * Honest about what it does not know: a figure resting on a deadline
	 * counted over a year the calendar does not cover may be wrong.
	 */
	if (all->uncertain > 0 && ctl_out == OUT_TABLE)
		fprintf(out_stream(), _("warning: %d of these actions have a deadline counted over a"
		    " year the calendar does not cover (UNCERTAIN); their on-time and late figures"
		    " may change when that year's schedule is added\n"), all->uncertain);
}

static int
mail_report(struct ctl *c, const char *text, const char *title)
{
	char *reply;
	int rc;

	if (c->conf->office_email == NULL) {
		fprintf(stderr, _("dubanctl: report --mail needs office-email in [daemon]\n"));
		return EXIT_CONFIG;
	}
	rc = ctl_send_now(c, c->conf->office_name, c->conf->office_email, title, text, "report",
	    &reply);
	if (reply != NULL)
		printf(_("report mailed to %s: %s\n"), c->conf->office_email, reply);
	free(reply);
	return rc;
}

int
cmd_report(struct ctl *c, struct ctl_args *args)
{
	struct report r;
	struct tally all;
	int32_t from_day = 0, to_day = 0;
	char title[160], subject[160];
	const char *v;
	int i, mail = args_has(args, "mail"), rc = EXIT_OK;

	memset(&r, 0, sizeof(r));
	if ((v = args_get(args, "from")) != NULL && day_parse(v, &from_day) != 0) {
		fprintf(stderr, _("dubanctl: --from: '%s' is not a date (2018-08-07, 2018/8/7 or"
		    " 2018年8月7日)\n"), v);
		return EXIT_USAGE;
	}
	if ((v = args_get(args, "to")) != NULL && day_parse(v, &to_day) != 0) {
		fprintf(stderr, _("dubanctl: --to: '%s' is not a date (2018-08-07, 2018/8/7 or"
		    " 2018年8月7日)\n"), v);
		return EXIT_USAGE;
	}
	if (from_day != 0 && to_day != 0 && from_day > to_day) {
		fprintf(stderr, _("dubanctl: --from %s is after --to %s\n"), args_get(args, "from"),
		    args_get(args, "to"));
		return EXIT_USAGE;
	}
	r.only = args_get(args, "dept");
	/* the command's --csv and --json, or dubanctl's own before the command */
	if (args_has(args, "csv"))
		ctl_out = OUT_CSV;
	if (args_has(args, "json"))
		ctl_out = OUT_JSON;
	r.now = instant_now();
	r.cal = c->conf->cal;
	r.conf = c->conf;
	if (to_day == 0)
		to_day = tz_day_of(r.now);
	if (from_day == 0)
		from_day = day_from_civil(1970, 1, 2);
	if (store_report_each(c->store, tz_day_start(from_day), tz_day_start(to_day + 1), count_row,
	    &r) != 0) {
		free(r.t);
		return ctl_db_failed(c);
	}
	qsort(r.t, (size_t)r.n, sizeof(*r.t), tally_cmp);
	memset(&all, 0, sizeof(all));
	snprintf(all.dept, sizeof(all.dept), "all");
	snprintf(all.name, sizeof(all.name), "合计");
	for (i = 0; i < r.n; i++) {
		all.assigned += r.t[i].assigned;
		all.on_time += r.t[i].on_time;
		all.late += r.t[i].late;
		all.open += r.t[i].open;
		all.overdue += r.t[i].overdue;
		all.escalated += r.t[i].escalated;
		all.cases += r.t[i].cases;
		all.closed += r.t[i].closed;
		all.ceased += r.t[i].ceased;
		all.workdays += r.t[i].workdays;
		all.uncertain += r.t[i].uncertain;
		all.handed_on += r.t[i].handed_on;
	}
	{
		int y1, m1, d1, y2, m2, d2;

		day_to_civil(from_day, &y1, &m1, &d1);
		day_to_civil(to_day, &y2, &m2, &d2);
		/* the mail's subject is the office's, in Chinese like all its mail */
		snprintf(subject, sizeof(subject), "督办工作统计 %04d-%02d-%02d 至 %04d-%02d-%02d",
		    y1, m1, d1, y2, m2, d2);
		snprintf(title, sizeof(title), _("report %04d-%02d-%02d to %04d-%02d-%02d"),
		    y1, m1, d1, y2, m2, d2);
	}
	if (all.uncertain > 0)
		fprintf(stderr, _("dubanctl: warning: %d actions in this report have a deadline counted"
		    " over a year the calendar does not cover; their figures are uncertain\n"),
		    all.uncertain);
	if (mail) {
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);

		if (fp == NULL) {
			free(r.t);
			return EXIT_FAIL;
		}
		/* the office reads it: the table, whatever was asked for on screen */
		ctl_out = OUT_TABLE;
		out_to(fp);
		print_report(&r, &all, title);
		out_to(NULL);
		fclose(fp);
		rc = mail_report(c, text, subject);
		free(text);
	} else
		print_report(&r, &all, title);
	free(r.t);
	return rc;
}
