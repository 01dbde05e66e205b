/* Due transitions: each action's events are performed once, in order. */
#include <stdlib.h>
#include <string.h>

#include "duban/log.h"
#include "duban/message.h"
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

/* The text of a notice: subject and body, in Chinese, as the office writes. */
static void
notice_text(const struct config *conf, const struct action *a, const struct event *e,
    const struct target *t, char **subject, char **body)
{
	char due[32], notified[32];
	const char *office = conf->office_name;

	instant_format(a->due_at, due, sizeof(due));
	instant_format(a->notified_at, notified, sizeof(notified));
	switch (e->kind) {
	case EV_REMIND:
		xasprintf(subject, "【预警】%s %s 将于%s到期", a->kase.number, a->step, due);
		xasprintf(body,
		    "%s同志：\n\n"
		    "贵单位（%s）承办的下列事项将于 %s 到期，请抓紧办理，"
		    "并在期限内将办理情况报%s。\n\n",
		    a->dept.head, a->dept.name, due, office);
		break;
	case EV_OVERDUE:
		xasprintf(subject, "【催办】%s %s 已逾期", a->kase.number, a->step);
		xasprintf(body,
		    "%s同志：\n\n"
		    "贵单位（%s）承办的下列事项已于 %s 到期，至今未办结。"
		    "请立即办理，并将办理情况及逾期原因报%s。"
		    "逾期仍未办理的，将按规定移交监督。\n\n",
		    a->dept.head, a->dept.name, due, office);
		break;
	case EV_ESCALATE:
		xasprintf(subject, "【督办】%s逾期未办理事项移交督办：%s %s",
		    a->dept.name, a->kase.number, a->step);
		xasprintf(body,
		    "%s：\n\n"
		    "%s承办的下列事项已于 %s 到期，经催办仍未办结。"
		    "根据工作程序，现移交贵组进行督办。\n\n",
		    t ? t->label : "", a->dept.name, due);
		break;
	}
	{
		char *full;

		xasprintf(&full,
		    "%s"
		    "案件编号：%s\n"
		    "案件名称：%s\n"
		    "承办单位：%s（负责人：%s）\n"
		    "办理事项：%s\n"
		    "通知时间：%s\n"
		    "办理期限：%s%s\n"
		    "事项编号：%lld\n\n"
		    "%s\n"
		    "（本邮件由督办系统自动发送，请勿直接回复。）\n",
		    *body, a->kase.number, a->kase.title, a->dept.name, a->dept.head,
		    a->step, notified, due, a->uncertain ? "（节假日安排未定，期限待核）" : "",
		    (long long)a->id, office);
		free(*body);
		*body = full;
	}
}

/* Queue one notice about an action for one recipient. */
static int
queue_notice(struct store *st, const struct config *conf, const struct action *a,
    const struct event *e, const char *to_name, const char *to_addr,
    const struct target *t, instant_t now)
{
	struct notice n;
	struct mail m;
	char *subject, *body, *msgid, *thread, *ref, *from_name, *from_addr, *msg;
	int rc;

	notice_text(conf, a, e, t, &subject, &body);
	message_split_address(conf->smtp.from, &from_name, &from_addr);
	xasprintf(&msgid, "duban.%lld.%s.%d.%d@%s", (long long)a->id, event_kind_name(e->kind),
	    e->level, e->seq, message_domain(from_addr));
	xasprintf(&thread, "duban.%lld@%s", (long long)a->id, message_domain(from_addr));
	xasprintf(&ref, "%lld %s", (long long)a->id, event_kind_name(e->kind));
	memset(&m, 0, sizeof(m));
	m.from = conf->smtp.from;
	m.to_name = to_name;
	m.to_addr = to_addr;
	m.subject = subject;
	m.body = body;
	m.message_id = msgid;
	m.thread_id = thread;
	m.action_ref = ref;
	m.date = now;
	msg = message_compose(&m);
	memset(&n, 0, sizeof(n));
	n.action_id = a->id;
	n.kind = event_kind_name(e->kind);
	n.level = e->level;
	n.seq = e->seq;
	n.recipient = to_addr;
	n.subject = subject;
	n.message = msg;
	n.message_id = msgid;
	rc = store_notice_add(st, &n, now);
	free(msg);
	free(subject);
	free(body);
	free(msgid);
	free(thread);
	free(ref);
	free(from_name);
	free(from_addr);
	return rc < 0 ? -1 : 0;
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
		if (queue_notice(st, conf, a, e, t->label, t->email, t, now) != 0)
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
		if (queue_notice(st, conf, a, e, a->dept.head, a->dept.email, NULL, now) != 0)
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
