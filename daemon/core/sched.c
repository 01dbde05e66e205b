/* Due transitions: each action's events are performed once, in order. */
#include <stdlib.h>
#include <string.h>

#include "duban/log.h"
#include "duban/notice.h"
#include "duban/sched.h"
#include "duban/xmalloc.h"

#define WHO_DAEMON	"duband"

int
sched_plan(const struct config *conf, const char *rule_name, const char *step,
    const char *dept, int category, int key, instant_t notified, struct plan *p,
    const char **cause)
{
	struct event ev[RULE_MAX_EVENTS];
	bool uncertain = false;
	int n;

	memset(p, 0, sizeof(*p));
	if (rule_name != NULL) {
		if ((p->rule = conf_rule(conf, rule_name)) == NULL) {
			*cause = "no such rule in the configuration";
			return -1;
		}
	} else
		p->rule = conf_match_rule(conf, step, dept, category, key);
	if (p->rule == NULL)
		return 0;
	p->due = rule_deadline(p->rule, conf->cal, notified, &uncertain);
	p->uncertain = uncertain;
	n = rule_events(p->rule, conf->cal, p->due, ev);
	p->next_at = n > 0 ? ev[0].at : 0;
	return 0;
}

/* Perform one event of an action inside the caller's transaction. */
static int
perform(struct store *st, const struct config *conf, const struct action *a,
    const struct rule *r, const struct event *e, instant_t now)
{
	const struct target *t = NULL;
	char detail[256], at[32];

	instant_format(e->at, at, sizeof(at));
	if (e->kind == EV_ESCALATE) {
		t = conf_target(conf, r->escalate_target);
		if (t == NULL) {
			log_warnx("action %lld: escalation target \"%s\" is not configured",
			    (long long)a->id, r->escalate_target);
			return 0;
		}
		if (store_escalation_add(st, a->id, e->level, t->name, now) < 0)
			return -1;
		if (notice_queue(st, conf, a, e, t->label, t->email, t, now) != 0)
			return -1;
		snprintf(detail, sizeof(detail), "level %d to %s <%s>, scheduled %s", e->level,
		    t->name, t->email, at);
	} else {
		if (a->dept.email == NULL || a->dept.email[0] == '\0') {
			log_warnx("action %lld: department %s has no email address; %s not sent",
			    (long long)a->id, a->dept.code, event_kind_name(e->kind));
			snprintf(detail, sizeof(detail), "not sent: department %s has no email",
			    a->dept.code);
			return store_event(st, now, WHO_DAEMON, a->id, event_kind_name(e->kind),
			    detail);
		}
		if (notice_queue(st, conf, a, e, a->dept.head, a->dept.email, NULL, now) != 0)
			return -1;
		snprintf(detail, sizeof(detail), "to %s <%s>, scheduled %s", a->dept.head,
		    a->dept.email, at);
	}
	log_info("action %lld (%s %s, %s): %s %s", (long long)a->id, a->kase.number, a->step,
	    a->dept.code, event_kind_name(e->kind), detail);
	return store_event(st, now, WHO_DAEMON, a->id, event_kind_name(e->kind), detail);
}

/* Perform the action's events that are due; returns how many, or -1. */
static int
advance(struct store *st, const struct config *conf, const struct action *a, instant_t now)
{
	struct event ev[RULE_MAX_EVENTS];
	const struct rule *r;
	int n, i, done = 0;

	if (a->rule == NULL || (r = conf_rule(conf, a->rule)) == NULL) {
		log_warnx("action %lld: rule \"%s\" is not in the configuration; unscheduled",
		    (long long)a->id, a->rule ? a->rule : "");
		return store_action_schedule(st, a->id, a->stage, 0) == 0 ? 0 : -1;
	}
	n = rule_events(r, conf->cal, a->due_at, ev);
	for (i = a->stage; i < n && ev[i].at <= now; i++) {
		/* A reminder that comes after the deadline has passed is stale. */
		if (ev[i].kind == EV_REMIND && a->due_at <= now)
			continue;
		if (perform(st, conf, a, r, &ev[i], now) != 0)
			return -1;
		done++;
	}
	if (store_action_schedule(st, a->id, i, i < n ? ev[i].at : 0) != 0)
		return -1;
	return done;
}

int
sched_run(struct store *st, const struct config *conf, instant_t now, int batch, int *done)
{
	struct action *due = xcalloc((size_t)batch, sizeof(*due));
	int n, i, k, rc = 0;

	*done = 0;
	do {
		if (store_begin(st) != 0) {
			rc = -1;
			break;
		}
		n = store_action_due(st, now, batch, due);
		for (i = 0; i < n; i++) {
			if ((k = advance(st, conf, &due[i], now)) < 0)
				break;
			*done += k;
		}
		for (k = 0; k < n; k++)
			action_clear(&due[k]);
		if (i < n || store_commit(st) != 0) {
			log_warnx("transitions not recorded: %s", store_errmsg(st));
			store_rollback(st);
			rc = -1;
			break;
		}
	} while (n == batch);
	free(due);
	return rc;
}
