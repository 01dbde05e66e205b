/* Notices from templates, sending windows, digests and delivery-failure reports. */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "duban/calendar.h"
#include "duban/log.h"
#include "duban/message.h"
#include "duban/notice.h"
#include "duban/buf.h"
#include "duban/xmalloc.h"

#define NVARS	29

char *
notice_mask_name(const char *name)
{
	struct buf b = { 0 };
	const unsigned char *p = (const unsigned char *)name;
	size_t n;

	if (name == NULL || *name == '\0')
		return xstrdup("");
	/* keep the first character (the family name), star the others */
	n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2;
	if (n > strlen(name))
		n = strlen(name);
	buf_add(&b, name, n);
	for (p += n; *p; p++)
		if ((*p & 0xc0) != 0x80)
			buf_add(&b, "*", 1);
	return buf_take(&b);
}

/* The placeholders of a notice about an action; strings live in store. */
struct notice_vars {
	struct tpl_var	 v[NVARS];
	int		 n;
	char		 due[32], notified[32], action[24], category[8], level[8];
	char		 overdue_days[16], escalation[256];
	char		*petitioner;
	char		*step;		/* the kind's name, and the work beside it */
	char		*link;		/* the answer page's signed address, or NULL */
};

static void
add_var(struct notice_vars *nv, const char *name, const char *value)
{
	nv->v[nv->n].name = name;
	nv->v[nv->n].value = value ? value : "";
	nv->n++;
}

/*
 * What a department head can act on: how many working days the action is
 * overdue (left empty at the deadline itself), and when and to whom it will
 * be escalated if it stays open (empty if the rule does not escalate).
 */
static void
vars_escalation(struct notice_vars *nv, const struct config *conf, const struct action *a,
    const struct event *e)
{
	const struct rule *r = a->rule ? conf_rule(conf, a->rule) : NULL;
	const struct target *t;
	char when[32];
	int32_t last;
	int n;

	nv->overdue_days[0] = nv->escalation[0] = '\0';
	if (a->due_at != 0 && e != NULL && e->kind == EV_OVERDUE && e->at > a->due_at) {
		last = tz_day_of(a->due_at - 1);
		if ((n = cal_count_workdays(conf->cal, last + 1, tz_day_of(e->at))) > 0)
			snprintf(nv->overdue_days, sizeof(nv->overdue_days), "%d", n);
	}
	if (r == NULL || r->nlevels == 0 || a->due_at == 0 || (e != NULL && e->kind == EV_ESCALATE))
		return;
	t = conf_target(conf, r->levels[0].target);
	instant_deadline(duration_shift(&r->levels[0].after, 1, conf->cal, a->due_at, NULL), when,
	    sizeof(when));
	snprintf(nv->escalation, sizeof(nv->escalation), "如至 %s 仍未办结，将移交%s督办", when,
	    t && t->label ? t->label : r->levels[0].target);
}

static void
vars_for_action(struct notice_vars *nv, const struct config *conf, const struct action *a,
    const struct event *e, const struct target *t)
{
	memset(nv, 0, sizeof(*nv));
	instant_deadline(a->due_at, nv->due, sizeof(nv->due));
	instant_format(a->notified_at, nv->notified, sizeof(nv->notified));
	snprintf(nv->action, sizeof(nv->action), "%lld", (long long)a->id);
	snprintf(nv->category, sizeof(nv->category), "%d", a->kase.category);
	snprintf(nv->level, sizeof(nv->level), "%d", e ? e->level : 0);
	nv->petitioner = conf->mail.mask ? notice_mask_name(a->kase.petitioner) :
	    xstrdup(a->kase.petitioner ? a->kase.petitioner : "");
	add_var(nv, "case", a->kase.number);
	add_var(nv, "case_title", a->kase.title);
	add_var(nv, "category", nv->category);
	if (a->what != NULL && a->what[0] != '\0')
		xasprintf(&nv->step, "%s：%s", conf_step_name(conf, a->step), a->what);
	else
		nv->step = xstrdup(conf_step_name(conf, a->step));
	add_var(nv, "step", nv->step);
	add_var(nv, "step_name", conf_step_name(conf, a->step));
	add_var(nv, "what", a->what);
	add_var(nv, "responsible", a->responsible);
	add_var(nv, "step_key", a->step);
	add_var(nv, "dept", a->dept.name);
	add_var(nv, "dept_code", a->dept.code);
	add_var(nv, "head", a->dept.head);
	add_var(nv, "due", nv->due);
	add_var(nv, "notified", nv->notified);
	add_var(nv, "action", nv->action);
	add_var(nv, "office", conf->office_name);
	add_var(nv, "petitioner", nv->petitioner);
	add_var(nv, "leader", a->kase.leader);
	add_var(nv, "uncertain", a->uncertain ? "（节假日安排未定，期限待核）" : "");
	add_var(nv, "target", t ? t->label : "");
	add_var(nv, "level", nv->level);
	add_var(nv, "contact", conf->office_contact);
	vars_escalation(nv, conf, a, e);
	add_var(nv, "overdue_days", nv->overdue_days);
	add_var(nv, "escalation", nv->escalation);
}

/*
 * The department's answer page for this notice ([web]): signed for the
 * action, its cycle and the recipient, working until link-valid after the
 * deadline (or after now, if that is later). Only for what a department
 * answers: reminders and overdue notices.
 */
static void
vars_link(struct notice_vars *nv, const struct config *conf, const struct action *a,
    const struct event *e, const char *to_addr, instant_t now)
{
	char token[LINK_TOKEN_MAX];
	struct link l;

	if (!conf->web.keys_loaded || to_addr == NULL || to_addr[0] == '\0' ||
	    (e->kind != EV_REMIND && e->kind != EV_OVERDUE))
		return;
	memset(&l, 0, sizeof(l));
	l.action = a->id;
	l.cycle = a->cycle;
	l.expires = (a->due_at > now ? a->due_at : now) + (instant_t)conf->web.link_valid * 1000;
	if (getrandom(&l.nonce, sizeof(l.nonce), 0) != (ssize_t)sizeof(l.nonce))
		fatal("getrandom");
	link_sign(&conf->web.keys, &l, to_addr, token);
	xasprintf(&nv->link, "%s/l/%s", conf->web.url, token);
	add_var(nv, "link", nv->link);
}

static enum tpl_kind
tpl_of(const struct event *e)
{
	return e->kind == EV_REMIND ? TPL_REMINDER : e->kind == EV_OVERDUE ? TPL_OVERDUE :
	    e->kind == EV_PERIOD_END ? TPL_PERIOD_END : e->level == 0 ? TPL_REFERRAL :
	    TPL_ESCALATION;
}

instant_t
notice_send_time(const struct config *conf, instant_t t, bool at_once)
{
	instant_t start, w;
	int32_t day;
	bool open;

	if (!at_once && conf->mail.digest_window > 0) {
		/* windows are aligned on local midnight */
		w = (instant_t)conf->mail.digest_window * 1000;
		start = tz_day_start(tz_day_of(t));
		t = start + ((t - start + w - 1) / w) * w;
	}
	if (conf->office_open == conf->office_close)
		return t;
	day = tz_day_of(t);
	start = tz_day_start(day);
	open = cal_is_workday(conf->cal, day);
	if (open && t < start + conf->office_open * 60000LL)
		return start + conf->office_open * 60000LL;
	if (open && t < start + conf->office_close * 60000LL)
		return t;
	day = cal_add_workdays(conf->cal, day, 1, NULL);
	return tz_day_start(day) + conf->office_open * 60000LL;
}

static char notice_instance_id[40] = "0";

void
notice_instance(const char *id)
{
	snprintf(notice_instance_id, sizeof(notice_instance_id), "%s", id ? id : "0");
}

static unsigned int
fnv1a(const char *s)
{
	unsigned int h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * One message, one Message-ID: the database's instance (made at init, so
 * that a rebuilt database never reuses one), the notice's tag, and its
 * recipient (an escalation and its copies are separate messages); its
 * thread's id if thread_tag is given (else *thread is NULL).
 */
static void
notice_ids(const struct config *conf, const char *to_addr, const char *tag,
    const char *thread_tag, char **message_id, char **thread)
{
	char *from_name, *from_addr;

	message_split_address(conf->smtp.from, &from_name, &from_addr);
	xasprintf(message_id, "duban.%s.%s.%08x@%s", notice_instance_id, tag,
	    fnv1a(to_addr ? to_addr : ""), message_domain(from_addr));
	*thread = NULL;
	if (thread_tag != NULL)
		xasprintf(thread, "duban.%s.%s@%s", notice_instance_id, thread_tag,
		    message_domain(from_addr));
	free(from_name);
	free(from_addr);
}

static char *
compose(const char *from, const char *to_name, const char *to_addr, const char *subject,
    const char *body, const char *message_id, const char *thread, const char *ref,
    instant_t now)
{
	struct mail m;

	memset(&m, 0, sizeof(m));
	m.from = from;
	m.to_name = to_name;
	m.to_addr = to_addr;
	m.subject = subject;
	m.body = body;
	m.message_id = message_id;
	m.thread_id = thread;
	m.action_ref = ref;
	m.date = now;
	return message_compose(&m);
}

char *
notice_compose(const struct config *conf, const char *to_name, const char *to_addr,
    const char *subject, const char *body, const char *tag, const char *thread_tag,
    const char *ref, instant_t now, char **message_id)
{
	char *thread, *msg;

	notice_ids(conf, to_addr, tag, thread_tag, message_id, &thread);
	msg = compose(conf->smtp.from, to_name, to_addr, subject, body, *message_id, thread, ref,
	    now);
	free(thread);
	return msg;
}

char *
notice_vars_encode(const struct tpl_var *v, int n)
{
	struct buf b = { 0 };
	int i;

	for (i = 0; i < n; i++) {
		buf_printf(&b, "%s %zu:", v[i].name, strlen(v[i].value));
		buf_puts(&b, v[i].value);
	}
	return b.data ? buf_take(&b) : xstrdup("");
}

int
notice_vars_decode(const char *s, struct tpl_var *v, int max, char **mem)
{
	const char *p = s, *sp, *colon;
	char *out, *end;
	unsigned long long len;
	int n = 0;

	*mem = out = xmalloc(strlen(s) + 2 * (size_t)max + 1);
	while (*p != '\0') {
		if (n == max || (sp = strchr(p, ' ')) == NULL || sp == p ||
		    (colon = strchr(sp, ':')) == NULL || colon == sp + 1)
			goto bad;
		len = strtoull(sp + 1, &end, 10);
		if (end != colon || len > strlen(colon + 1))
			goto bad;
		v[n].name = out;
		memcpy(out, p, (size_t)(sp - p));
		out += sp - p;
		*out++ = '\0';
		v[n].value = out;
		memcpy(out, colon + 1, (size_t)len);
		out += len;
		*out++ = '\0';
		n++;
		p = colon + 1 + len;
	}
	return n;
bad:
	free(*mem);
	*mem = NULL;
	return -1;
}

char *
notice_message(const struct outbox_item *it, instant_t now)
{
	struct tpl_var v[NOTICE_VARS_MAX];
	char *mem, *body, *msg;
	int n;

	/* queued before schema 14: composed then, dated now */
	if (it->message != NULL && it->message[0] != '\0')
		return message_redate(it->message, now);
	if (it->sender == NULL || it->body == NULL || it->vars == NULL ||
	    (n = notice_vars_decode(it->vars, v, NOTICE_VARS_MAX, &mem)) < 0)
		return NULL;
	body = template_render(it->body, v, n);
	msg = compose(it->sender, it->recipient_name, it->recipient, it->subject, body,
	    it->message_id, it->thread_id, it->ref, now);
	free(body);
	free(mem);
	return msg;
}

/* notice_queue, telling whether the notice was added (not there already). */
static int
queue_one(struct store *st, const struct config *conf, const struct action *a,
    const struct event *e, const char *to_name, const char *to_addr,
    const struct target *t, instant_t now, bool *added)
{
	const struct template *tpl = &conf->tpl.t[tpl_of(e)];
	struct notice_vars nv;
	struct notice n;
	char *subject, *item, *msgid, *tag, *thread_tag, *thread, *ref, *vars;
	bool at_once = e->kind == EV_ESCALATE && conf->mail.escalate_at_once;
	int rc;

	vars_for_action(&nv, conf, a, e, t);
	vars_link(&nv, conf, a, e, to_addr, now);
	subject = template_render(tpl->subject, nv.v, nv.n);
	item = template_render(conf->tpl.t[TPL_ITEM].subject, nv.v, nv.n);
	if (nv.link != NULL) {
		/* a digest lists the item with its own page */
		char *line = item;

		xasprintf(&item, "%s\n     签收与反馈：%s", line, nv.link);
		free(line);
	}
	/* a later deadline's notices (cycle 1, 2…) are other messages than the first's */
	if (a->cycle == 0)
		xasprintf(&tag, "%lld.%s.%d.%d", (long long)a->id, event_kind_name(e->kind),
		    e->level, e->seq);
	else
		xasprintf(&tag, "%lld.%s.%d.%d.c%d", (long long)a->id, event_kind_name(e->kind),
		    e->level, e->seq, a->cycle);
	xasprintf(&thread_tag, "%lld", (long long)a->id);
	xasprintf(&ref, "%lld %s", (long long)a->id, event_kind_name(e->kind));
	notice_ids(conf, to_addr, tag, thread_tag, &msgid, &thread);
	/* what composes the text when it is sent: the body's template and its values */
	vars = notice_vars_encode(nv.v, nv.n);
	memset(&n, 0, sizeof(n));
	n.action_id = a->id;
	n.kind = event_kind_name(e->kind);
	n.level = e->level;
	n.seq = e->seq;
	n.recipient = to_addr;
	n.recipient_name = to_name;
	n.subject = subject;
	n.template = template_file(tpl_of(e));
	n.sender = conf->smtp.from;
	n.body = tpl->body;
	n.vars = vars;
	n.thread_id = thread;
	n.ref = ref;
	n.message_id = msgid;
	n.item = item;
	n.digest = conf->mail.digest && !at_once;
	n.send_at = notice_send_time(conf, now, at_once);
	n.cycle = a->cycle;
	n.due_at = a->due_at;
	/*
	 * A reminder is never held past the deadline it warns of: it skips the
	 * digest window and goes alone; if office hours would still hold it past
	 * the deadline, it is withdrawn (the overdue notice follows instead).
	 */
	if (e->kind == EV_REMIND && a->due_at != 0 && n.send_at >= a->due_at) {
		n.send_at = notice_send_time(conf, now, true);
		n.digest = 0;
	}
	rc = store_notice_add(st, &n, now);	/* 0: added (1: there already) */
	if (rc == 0 && e->kind == EV_REMIND && a->due_at != 0 && n.send_at >= a->due_at &&
	    store_notice_withdraw(st, store_last_id(st),
	    "withdrawn before it was sent: office hours end before the deadline it warns of") != 0)
		rc = -1;
	free(vars);
	free(subject);
	free(item);
	free(msgid);
	free(tag);
	free(thread_tag);
	free(thread);
	free(ref);
	free(nv.petitioner);
	free(nv.step);
	free(nv.link);
	if (added != NULL)
		*added = rc == 0;
	return rc < 0 ? -1 : 0;
}

static int
urgency(const char *kind)
{
	return strcmp(kind, "escalation") == 0 ? 0 : strcmp(kind, "overdue") == 0 ? 1 :
	    strcmp(kind, "reminder") == 0 ? 2 : 3;
}

char *
notice_digest(const struct config *conf, const struct outbox_item *items, int n,
    instant_t now, char **message_id)
{
	static const char *heading[] = { "已移交督办", "已逾期，请立即办理",
	    "即将到期", "其他" };
	static const char *numeral[] = { "一", "二", "三", "四" };
	struct buf list = { 0 };
	struct tpl_var v[6];
	char count[16], date[32], tag[48], *subject, *body, *msg;
	int group, i, k, nheading = 0, in_group;

	for (group = 0; group < 4; group++) {
		in_group = 0;
		for (i = 0; i < n; i++)
			in_group += urgency(items[i].kind) == group;
		if (in_group == 0)
			continue;
		buf_printf(&list, "%s、%s（%d项）\n", numeral[nheading++], heading[group], in_group);
		for (i = 0, k = 0; i < n; i++)
			if (urgency(items[i].kind) == group)
				buf_printf(&list, "  %d. %s\n", ++k,
				    items[i].item ? items[i].item : items[i].subject);
		buf_puts(&list, "\n");
	}
	snprintf(count, sizeof(count), "%d", n);
	instant_format(now, date, sizeof(date));
	v[0] = (struct tpl_var){ "recipient", items[0].recipient_name ?
	    items[0].recipient_name : items[0].recipient };
	v[1] = (struct tpl_var){ "count", count };
	v[2] = (struct tpl_var){ "items", list.data ? list.data : "" };
	v[3] = (struct tpl_var){ "office", conf->office_name };
	v[4] = (struct tpl_var){ "date", date };
	v[5] = (struct tpl_var){ "contact", conf->office_contact ? conf->office_contact : "" };
	subject = template_render(conf->tpl.t[TPL_DIGEST].subject, v, 6);
	body = template_render(conf->tpl.t[TPL_DIGEST].body, v, 6);
	snprintf(tag, sizeof(tag), "digest.%lld.%d", (long long)items[0].id, n);
	msg = notice_compose(conf, items[0].recipient_name, items[0].recipient, subject, body,
	    tag, NULL, NULL, now, message_id);
	free(subject);
	free(body);
	buf_free(&list);
	return msg;
}

int
notice_queue(struct store *st, const struct config *conf, const struct action *a,
    const struct event *e, const char *to_name, const char *to_addr,
    const struct target *t, instant_t now)
{
	return queue_one(st, conf, a, e, to_name, to_addr, t, now, NULL);
}

int
notice_unsendable(struct store *st, const struct config *conf, const struct action *a,
    const struct event *e, const char *to_name, const char *why, instant_t now)
{
	struct outbox_item it;
	char kind[16];
	bool added;
	int rc;

	/* queued for no address, so that it is on record; failed at once, the office told */
	if ((rc = queue_one(st, conf, a, e, to_name, "", NULL, now, &added)) != 0)
		return rc;
	if (!added)
		return 0;	/* on record already */
	memset(&it, 0, sizeof(it));
	it.id = store_last_id(st);
	it.action_id = a->id;
	snprintf(kind, sizeof(kind), "%s", event_kind_name(e->kind));
	it.kind = kind;
	it.recipient = (char *)"(no address)";
	it.subject = (char *)a->kase.number;
	if (store_notice_failed(st, it.id, why) != 0)
		return -1;
	return notice_failure(st, conf, &it, why, now);
}

int
notice_failure(struct store *st, const struct config *conf, const struct outbox_item *f,
    const char *reply, instant_t now)
{
	return notice_failure_of(st, conf, f, 1, reply, now);
}

int
notice_failure_of(struct store *st, const struct config *conf,
    const struct outbox_item *items, int nitems, const char *reply, instant_t now)
{
	const struct template *tpl = &conf->tpl.t[TPL_FAILURE];
	const struct outbox_item *f = &items[0];
	struct buf subjects = { 0 }, actions = { 0 };
	struct tpl_var v[5];
	struct notice n;
	char tag[48], *subject, *vars, *msgid, *thread, *action, *failed;
	int rc, i;

	if (conf->office_email == NULL || strcmp(f->kind, "failure") == 0)
		return 0;	/* nobody to tell, or a report about a report */
	/* one report per refused message: a digest's report lists its items */
	for (i = 0; i < nitems; i++) {
		buf_printf(&actions, "%s%lld", i ? "、" : "", (long long)items[i].action_id);
		if (nitems > 1)
			buf_printf(&subjects, "\n  %d. %s", i + 1, items[i].subject ?
			    items[i].subject : "");
		else
			buf_puts(&subjects, items[i].subject ? items[i].subject : "");
	}
	if (nitems > 1) {
		char *list = buf_take(&subjects);

		buf_printf(&subjects, "汇总通知，共 %d 项：%s", nitems, list);
		free(list);
	}
	action = buf_take(&actions);
	failed = buf_take(&subjects);
	v[0] = (struct tpl_var){ "recipient", f->recipient };
	v[1] = (struct tpl_var){ "reply", reply };
	v[2] = (struct tpl_var){ "failed_subject", failed };
	v[3] = (struct tpl_var){ "action", action };
	v[4] = (struct tpl_var){ "office", conf->office_name };
	subject = template_render(tpl->subject, v, 5);
	vars = notice_vars_encode(v, 5);
	snprintf(tag, sizeof(tag), "failure.%lld", (long long)f->id);
	notice_ids(conf, conf->office_email, tag, NULL, &msgid, &thread);
	memset(&n, 0, sizeof(n));
	n.action_id = f->action_id;
	n.kind = "failure";
	n.seq = (int)f->id;
	n.recipient = conf->office_email;
	n.recipient_name = conf->office_name;
	n.subject = subject;
	n.template = template_file(TPL_FAILURE);
	n.sender = conf->smtp.from;
	n.body = tpl->body;
	n.vars = vars;
	n.message_id = msgid;
	n.item = subject;
	n.digest = 0;
	n.send_at = now;
	if ((rc = store_notice_add(st, &n, now)) == 0)
		log_warnx("notice %lld%s to %s refused for good; the office is told",
		    (long long)f->id, nitems > 1 ? " and the rest of its digest" : "", f->recipient);
	free(subject);
	free(vars);
	free(msgid);
	free(action);
	free(failed);
	return rc < 0 ? -1 : 0;
}
