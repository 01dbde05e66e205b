/* dubanctl preview: who will receive what on a given day. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "duban/notice.h"
#include "duban/sched.h"

struct preview {
	struct ctl	*c;
	instant_t	 from, to;
	int		 count;
};

static void
preview_row(struct preview *p, instant_t at, const char *kind, const struct action *a,
    const char *to)
{
	char when[32], send[32], id[24];
	const char *v[7];

	instant_format(at, when, sizeof(when));
	instant_format(notice_send_time(p->c->conf, at, strcmp(kind, "escalation") == 0 &&
	    p->c->conf->mail.escalate_at_once), send, sizeof(send));
	snprintf(id, sizeof(id), "%lld", (long long)a->id);
	v[0] = when;
	v[1] = send;
	v[2] = to;
	v[3] = kind;
	v[4] = id;
	v[5] = a->kase.number;
	v[6] = a->step;
	out_row(v);
	p->count++;
}

struct preview_event {
	struct preview		*p;
	const struct action	*a;
	const struct event	*e;
};

static void
preview_to(void *arg, const char *name, const char *addr, const struct target *t)
{
	struct preview_event *pe = arg;

	(void)name;
	(void)t;
	preview_row(pe->p, pe->e->at, event_kind_name(pe->e->kind), pe->a,
	    addr[0] ? addr : _("(no address: not sent, the office is told)"));
}

static int
preview_action(const struct action *a, void *arg)
{
	struct preview *p = arg;
	struct event ev[RULE_MAX_EVENTS];
	struct preview_event pe = { p, a, NULL };
	const struct rule *r;
	int i, n;

	if (a->paused_at != 0 || a->rule == NULL || (r = conf_rule(p->c->conf, a->rule)) == NULL)
		return 0;
	n = rule_events(r, p->c->conf->cal, a->due_at, ev);
	for (i = a->stage; i < n; i++) {
		if (ev[i].at < p->from || ev[i].at >= p->to)
			continue;
		if (ev[i].kind == EV_REMIND && a->due_at <= ev[i].at)
			continue;
		/* the daemon's own list of recipients, not a second version of it */
		pe.e = &ev[i];
		sched_recipients(p->c->conf, a, r, &ev[i], preview_to, &pe);
	}
	return 0;
}

int
cmd_preview(struct ctl *c, struct ctl_args *args)
{
	static const char *const cols[] = { NC_("column", "event"), NC_("column", "sent"),
	    NC_("column", "recipient"), NC_("column", "kind"), NC_("column", "action"),
	    NC_("column", "case"), NC_("column", "step") };
	static const int w[] = { 19, 19, 28, 10, 6, 12, 0 };
	struct preview p;
	int32_t day = tz_day_of(instant_now());
	const char *v = args_get(args, "day");

	if (v != NULL && day_parse(v, &day) != 0) {
		fprintf(stderr, _("dubanctl: --day: '%s' is not a date (2018-08-07, 2018/8/7 or"
		    " 2018年8月7日)\n"), v);
		return EXIT_USAGE;
	}
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.from = tz_day_start(day);
	p.to = tz_day_start(day + 1);
	out_header_typed(cols, w, 7, "ttsenss");
	if (store_action_each(c->store, false, preview_action, &p) != 0) {
		out_end();
		return ctl_db_failed(c);
	}
	out_end();
	return EXIT_OK;
}
