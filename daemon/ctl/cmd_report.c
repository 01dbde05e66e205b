/*
 * dubanctl report: the figures of the acceptance check (检查验收) per
 * department and overall, as a table, CSV or JSON, or mailed to the office.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

/* A tally as a row of the listing: counts are numbers, rates and averages text. */
static void
print_tally(const struct office_tally *t)
{
	char n[8][16], r1[16], r2[16], r3[16], avg[16], unc[16];
	const char *v[15];
	int done = t->on_time + t->late - t->handed_on;

	office_rate(r1, sizeof(r1), t->on_time, t->assigned);
	office_rate(r2, sizeof(r2), t->closed, t->cases);
	office_rate(r3, sizeof(r3), t->ceased, t->closed);
	office_average(avg, sizeof(avg), t->workdays, done);
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
print_report(const struct office_report *r, const char *title)
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
	print_tally(&r->all);
	out_end();
	/*
	 * Honest about what it does not know: a figure resting on a deadline
	 * counted over a year the calendar does not cover may be wrong.
	 */
	if (r->all.uncertain > 0 && ctl_out == OUT_TABLE)
		fprintf(out_stream(), _("warning: %d of these actions have a deadline counted over a"
		    " year the calendar does not cover (UNCERTAIN); their on-time and late figures"
		    " may change when that year's schedule is added\n"), r->all.uncertain);
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
	struct office_report r;
	int32_t from_day = 0, to_day = 0;
	char title[160], subject[160];
	const char *v;
	int mail = args_has(args, "mail"), rc = EXIT_OK;
	instant_t now;

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
	/* the command's --csv and --json, or dubanctl's own before the command */
	if (args_has(args, "csv"))
		ctl_out = OUT_CSV;
	if (args_has(args, "json"))
		ctl_out = OUT_JSON;
	now = instant_now();
	if (to_day == 0)
		to_day = tz_day_of(now);
	if (from_day == 0)
		from_day = day_from_civil(1970, 1, 2);
	if (office_report(c->store, c->conf, now, from_day, to_day, args_get(args, "dept"), &r) != 0)
		return ctl_db_failed(c);
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
	if (r.all.uncertain > 0)
		fprintf(stderr, _("dubanctl: warning: %d actions in this report have a deadline counted"
		    " over a year the calendar does not cover; their figures are uncertain\n"),
		    r.all.uncertain);
	if (mail) {
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);

		if (fp == NULL) {
			office_report_clear(&r);
			return EXIT_FAIL;
		}
		/* the office reads it: the table, whatever was asked for on screen */
		ctl_out = OUT_TABLE;
		out_to(fp);
		print_report(&r, title);
		out_to(NULL);
		fclose(fp);
		rc = mail_report(c, text, subject);
		free(text);
	} else
		print_report(&r, title);
	office_report_clear(&r);
	return rc;
}
