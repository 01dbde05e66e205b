/* Due transitions: each action's events are performed once, in order. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "duban/address.h"
#include "duban/evidence.h"
#include "duban/log.h"
#include "duban/message.h"
#include "duban/notice.h"
#include "duban/sched.h"
#include "duban/xmalloc.h"

#define SCHED_CHUNK	8	/* due actions read at a time */

int
sched_plan(const struct config *conf, const char *rule_name, const char *step,
    const char *dept, int category, int key, instant_t notified, const struct adjust *adj,
    struct plan *p, const char **cause)
{
	struct rule_env env = conf_env(conf);
	bool uncertain = false;

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
	/* an agreed deadline is the rule's start; pauses and extensions move it as any */
	p->due = adj != NULL && adj->agreed != 0 ? adj->agreed :
	    rule_deadline(p->rule, &env, notified, &uncertain);
	p->due = rule_adjust(p->rule, conf->cal, p->due, adj, &uncertain);
	p->uncertain = uncertain;
	p->nev = rule_events(p->rule, conf->cal, p->due, p->ev);
	p->next_at = p->nev > 0 ? p->ev[0].at : 0;
	return 0;
}

/* The copies a rule's cc flags name, in the order they are queued. */
static void
copies(const struct config *conf, const struct action *a, int cc, const struct target *t,
    sched_recipient_fn fn, void *arg)
{
	char *name = NULL, *addr = NULL;
	const char *why;

	if ((cc & CC_HEAD) && a->dept.email && a->dept.email[0])
		fn(arg, a->dept.head, a->dept.email, t);
	if ((cc & CC_DEPT_CC) && a->dept.cc && a->dept.cc[0]) {
		char *list = xstrdup(a->dept.cc), *tok, *save;

		for (tok = strtok_r(list, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
			if (address_check(tok, &why) == 0)
				fn(arg, NULL, tok, t);
			else
				log_warnx("action %lld: department %s: cc '%s' skipped: %s",
				    (long long)a->id, a->dept.code, tok, why);
		free(list);
	}
	if ((cc & CC_OFFICE) && conf->office_email)
		fn(arg, conf->office_name, conf->office_email, t);
	if ((cc & CC_LEADER) && a->kase.leader != NULL) {
		message_split_address(a->kase.leader, &name, &addr);
		if (address_check(addr, &why) == 0)
			fn(arg, name, addr, t);
		else
			log_warnx("action %lld: the owning leader of case %s has no mail address",
			    (long long)a->id, a->kase.number);
		free(name);
		free(addr);
	}
}

void
sched_recipients(const struct config *conf, const struct action *a, const struct rule *r,
    const struct event *e, sched_recipient_fn fn, void *arg)
{
	const struct target *t;

	switch (e->kind) {
	case EV_ESCALATE:
		if ((t = conf_target(conf, r->levels[e->level - 1].target)) == NULL)
			return;
		fn(arg, t->label, t->email, t);
		copies(conf, a, r->escalate_cc, t, fn, arg);
		break;
	case EV_PERIOD_END:
		if (conf->office_email != NULL)
			fn(arg, conf->office_name, conf->office_email, NULL);
		break;
	case EV_REMIND:
	case EV_OVERDUE:
		fn(arg, a->dept.head, a->dept.email ? a->dept.email : "", NULL);
		copies(conf, a, e->kind == EV_REMIND ? r->remind_cc : r->overdue_cc, NULL, fn, arg);
		break;
	}
}

/* Queueing for perform: each recipient the rule names, inside the caller's transaction. */
struct queueing {
	struct store		*st;
	const struct config	*conf;
	const struct action	*a;
	const struct event	*e;
	instant_t		 now;
	const char		*unsendable;	/* why the head cannot be sent to, if so */
	int			 rc;
};

static void
queue_to(void *arg, const char *name, const char *addr, const struct target *t)
{
	struct queueing *q = arg;

	if (q->rc != 0)
		return;
	if (addr[0] == '\0')
		q->rc = notice_unsendable(q->st, q->conf, q->a, q->e, name, q->unsendable, q->now);
	else
		q->rc = notice_queue(q->st, q->conf, q->a, q->e, name, addr, t, q->now);
}

/* Perform one event of an action inside the caller's transaction. */
static int
perform(struct store *st, const struct config *conf, const struct action *a,
    const struct rule *r, const struct event *e, instant_t now)
{
	struct queueing q = { st, conf, a, e, now, NULL, 0 };
	const struct target *t = NULL;
	char detail[256], at[32], what[32];
	int64_t eid = 0;
	int added;

	instant_format(e->at, at, sizeof(at));
	if (e->kind == EV_OVERDUE && e->seq > 0)
		snprintf(what, sizeof(what), "overdue repeat %d", e->seq);
	else if (e->kind == EV_ESCALATE)
		snprintf(what, sizeof(what), "escalation level %d", e->level);
	else
		snprintf(what, sizeof(what), "%s", event_kind_name(e->kind));
	if (e->kind == EV_ESCALATE) {
		t = conf_target(conf, r->levels[e->level - 1].target);
		if (t == NULL) {
			log_warnx("action %lld: escalation target \"%s\" is not configured",
			    (long long)a->id, r->levels[e->level - 1].target);
			return 0;
		}
		if ((added = store_escalation_add(st, a, e->level, t->name, now)) < 0)
			return -1;
		sched_recipients(conf, a, r, e, queue_to, &q);
		if (q.rc != 0)
			return -1;
		if (added == 0 && (eid = store_escalation_id(st, a->id, a->cycle, e->level)) <= 0)
			return -1;
		snprintf(detail, sizeof(detail), "to %s <%s>, scheduled %s", t->name, t->email, at);
	} else if (e->kind == EV_PERIOD_END) {
		/* a minimum period has run: the office may move the file on */
		if (conf->office_email == NULL) {
			log_warnx("action %lld: its waiting period has run; no office-email to tell",
			    (long long)a->id);
			snprintf(detail, sizeof(detail), "the period has run (no office-email to tell)");
		} else {
			sched_recipients(conf, a, r, e, queue_to, &q);
			if (q.rc != 0)
				return -1;
			snprintf(detail, sizeof(detail), "the period has run: to the office <%s>,"
			    " scheduled %s", conf->office_email, at);
		}
	} else {
		if (a->dept.email == NULL || a->dept.email[0] == '\0') {
			log_warnx("action %lld: department %s has no email address; %s not sent,"
			    " the office is told", (long long)a->id, a->dept.code, what);
			snprintf(detail, sizeof(detail), "not sent: department %s has no mail address"
			    " (dubanctl dept edit %s --email ADDRESS)", a->dept.code, a->dept.code);
			q.unsendable = detail;
			sched_recipients(conf, a, r, e, queue_to, &q);
			if (q.rc != 0)
				return -1;
			return store_event(st, now, store_who(st), a->id, what, detail);
		}
		sched_recipients(conf, a, r, e, queue_to, &q);
		if (q.rc != 0)
			return -1;
		snprintf(detail, sizeof(detail), "to %s <%s>, scheduled %s", a->dept.head,
		    a->dept.email, at);
	}
	log_info("action %lld (%s %s, %s): %s %s", (long long)a->id, a->kase.number, a->step,
	    a->dept.code, what, detail);
	if (store_event(st, now, store_who(st), a->id, what, detail) != 0)
		return -1;
	/* what the escalation rests on, fixed now: its evidence record */
	return eid > 0 ? evidence_snapshot(st, conf, eid, now) : 0;
}

int
sched_refer(struct store *st, const struct config *conf, const struct action *a,
    const struct target *t, const char *who, const char *reason, instant_t now, int64_t *eid)
{
	/* level 0: not a step of the rule's ladder, the office's own referral */
	struct event e = { EV_ESCALATE, 0, 0, now };
	char detail[512];
	int added;

	if ((added = store_escalation_add(st, a, 0, t->name, now)) < 0)
		return -1;
	if (added == 1)
		return 1;	/* referred already in this cycle */
	if ((*eid = store_escalation_id(st, a->id, a->cycle, 0)) <= 0 ||
	    notice_queue(st, conf, a, &e, t->label, t->email, t, now) != 0 ||
	    (conf->office_email != NULL &&
	    notice_queue(st, conf, a, &e, conf->office_name, conf->office_email, t, now) != 0))
		return -1;
	snprintf(detail, sizeof(detail), "referred to %s <%s>: %s", t->name, t->email, reason);
	if (store_event(st, now, who, a->id, "refer", detail) != 0)
		return -1;
	return evidence_snapshot(st, conf, *eid, now);
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
		return store_action_schedule(st, a->id, a->stage, 0, now) == 0 ? 0 : -1;
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
	if (store_action_schedule(st, a->id, i, i < n ? ev[i].at : 0, now) != 0)
		return -1;
	return done;
}

/* Milliseconds since t0, on the monotonic clock. */
static int64_t
elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int
sched_run(struct store *st, const struct config *conf, instant_t now, int batch,
    int max_batches, int *done, const struct sched_hooks *h)
{
	struct action due[SCHED_CHUNK];
	struct timespec t0;
	int n, i, k, want, rc = 0, rounds = 0, taken;
	bool cut, more;

	*done = 0;
	memset(due, 0, sizeof(due));
	do {
		if (store_begin(st) != 0)
			return -1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		cut = false;
		taken = 0;
		/* read a few at a time: what a transaction cut short leaves is read again */
		do {
			want = batch - taken < SCHED_CHUNK ? batch - taken : SCHED_CHUNK;
			if ((n = store_action_due(st, now, want, due)) < 0) {
				log_warnx("due actions not read: %s", store_errmsg(st));
				store_rollback(st);
				return -1;
			}
			for (i = 0; i < n && !cut; i++) {
				if ((rc = advance(st, conf, &due[i], now)) < 0)
					break;
				*done += rc;
				taken++;
				/* the transaction ends early: mail results wait, or it ran long */
				cut = h != NULL && ((h->yield != NULL && h->yield(h->arg)) ||
				    (h->round_ms > 0 && elapsed_ms(&t0) >= h->round_ms));
			}
			for (k = 0; k < n; k++)
				store_action_clear(&due[k]);
			if (rc < 0)
				break;
			more = n == want;
		} while (more && !cut && taken < batch);
		if (rc >= 0 && h != NULL && h->before_commit != NULL)
			h->before_commit(h->arg);
		if (rc < 0 || store_commit(st) != 0) {
			log_warnx("transitions not recorded: %s", store_errmsg(st));
			store_rollback(st);
			if (h != NULL && h->after != NULL)
				h->after(h->arg, false, false);
			return -1;
		}
		rc = 0;
		more = more && (taken == batch || cut);
		if (h != NULL && h->after != NULL)
			h->after(h->arg, true, more);
	} while (more && ++rounds < max_batches);
	return 0;
}

/* A recompute under way: what recompute_one needs and counts. */
struct recompute {
	struct store		*st;
	const struct config	*conf;
	instant_t		 now;
	int			 seen;
	int			 moved;
	const char		*why;	/* NULL: a reload */
	bool			 force;	/* write the plan even if nothing moved */
	bool			 keep_stage;	/* the events performed stay performed */
};

/* One open action's new plan under the current configuration. */
static int
recompute_one(const struct recompute_row *row, void *arg)
{
	struct recompute *rc = arg;
	struct plan p;
	const char *cause, *why;
	int stage;

	if (sched_plan(rc->conf, row->pinned ? row->rule : NULL, row->step, row->dept,
	    row->category, row->key, row->notified_at, &row->adj, &p, &cause) != 0 ||
	    (row->pinned && p.rule == NULL))
		sched_plan(rc->conf, NULL, row->step, row->dept, row->category, row->key,
		    row->notified_at, &row->adj, &p, &cause);
	rc->seen++;
	if (p.rule == NULL) {
		if (row->due_at == 0)
			return 0;
		why = "no rule governs it any more";
	} else
		why = rc->why != NULL ? rc->why :
		    row->rule == NULL || strcmp(row->rule, p.rule->name) != 0 ?
		    "another rule governs it" : "the rule or the calendar changed";
	/* events up to the last check count as past; they are not sent after the fact */
	for (stage = 0; stage < p.nev && p.ev[stage].at <= row->checked_at; stage++)
		;
	/* the same deadline shifted (a resume): what was sent for it is not sent again */
	if (rc->keep_stage && row->rule != NULL && p.rule != NULL &&
	    strcmp(row->rule, p.rule->name) == 0 && row->stage > stage)
		stage = row->stage < p.nev ? row->stage : p.nev;
	if (!rc->force && row->paused_at == 0 && p.due == row->due_at && p.rule != NULL &&
	    row->rule != NULL && strcmp(p.rule->name, row->rule) == 0 &&
	    stage == row->stage && p.uncertain == row->uncertain)
		return 0;
	if (store_action_replan(rc->st, row->id, p.rule ? p.rule->name : NULL, p.due,
	    p.uncertain, stage, stage < p.nev && row->paused_at == 0 ? p.ev[stage].at : 0) != 0)
		return -1;
	if (p.due != row->due_at) {
		if (store_deadline_audit(rc->st, row->id, rc->now, row->due_at, p.due,
		    row->rule, p.rule ? p.rule->name : NULL, why) != 0)
			return -1;
		rc->moved++;
	}
	return 0;
}

int
sched_recompute(struct store *st, const struct config *conf, instant_t now, int *seen,
    int *moved)
{
	struct recompute rc = { st, conf, now, 0, 0, NULL, false, false };

	if (store_recompute_begin(st) != 0 || store_action_each_open(st, recompute_one, &rc) != 0 ||
	    store_recompute_end(st) != 0) {
		log_warnx("recompute failed: %s", store_errmsg(st));
		store_recompute_abort(st);
		return -1;
	}
	*seen = rc.seen;
	*moved = rc.moved;
	return 0;
}

int
sched_replan(struct store *st, const struct config *conf, const struct action *a,
    instant_t now, const char *why, int flags)
{
	struct recompute rc = { st, conf, now, 0, 0, NULL, true, (flags & REPLAN_KEEP_STAGE) != 0 };
	struct recompute_row row;

	memset(&row, 0, sizeof(row));
	row.id = a->id;
	row.step = a->step;
	row.dept = a->dept.code;
	row.category = a->kase.category;
	row.key = a->kase.key_case;
	row.rule = a->rule;
	row.pinned = a->pinned;
	row.notified_at = a->notified_at;
	row.due_at = a->due_at;
	row.stage = a->stage;
	row.checked_at = a->checked_at;
	row.uncertain = a->uncertain;
	row.paused_at = a->paused_at;
	row.adj = a->adj;
	rc.why = why;
	return recompute_one(&row, &rc);
}
