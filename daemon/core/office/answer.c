/*
 * A department's answer by the link in its notice (duban-web): received
 * (签收) or a report of progress (进展反馈), in the audit log as said by the
 * recipient the link was for, from the client's address, and in the
 * evidence record of each of the action's escalations of this cycle. And
 * what it asks for the office to decide: more time (延期申请), decided by
 * the approver through the same extension as dubanctl extend, within its
 * rule's cap; its completion report (办结报告), which stops the clock until
 * the office confirms it (the action done when it was reported) or returns
 * it (退回: the clock runs on from where it stood).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/evidence.h"
#include "duban/office.h"
#include "duban/calendar.h"
#include "duban/csv.h"
#include "duban/tz.h"

#define ANSWER_TEXT_MAX	4000	/* bytes of a progress report */

/* The audit row, and the same entry in the record of each escalation of the action's cycle. */
static enum office_refusal
record(struct store *s, const struct config *conf, const struct office_who *w,
    const struct action *a, const char *what, const char *detail, struct buf *said)
{
	if (store_event(s, w->now, w->who, a->id, what, detail) != 0 ||
	    evidence_append_action(s, conf, a, w->now, w->who, what, detail) != 0)
		return OFFICE_DATABASE;
	if (said != NULL)
		buf_puts(said, detail);
	return OFFICE_DONE;
}

/* A report's text: not empty, not too long, valid UTF-8, no control characters but lines. */
static enum office_refusal
check_text(const char *t)
{
	size_t n = t ? strlen(t) : 0, bad, i;

	if (n == 0 || strspn(t, " \t\r\n") == n)
		return OFFICE_NO_REASON;
	if (n > ANSWER_TEXT_MAX || !utf8_valid(t, n, &bad))
		return OFFICE_BAD_TEXT;
	for (i = 0; i < n; i++)
		if (((unsigned char)t[i] < 0x20 && t[i] != '\n' && t[i] != '\r' && t[i] != '\t') ||
		    t[i] == 0x7f)
			return OFFICE_BAD_TEXT;
	return OFFICE_DONE;
}

enum office_refusal
office_answer(struct store *s, const struct config *conf, const struct office_who *w,
    struct action *a, const struct office_answer *rq, struct buf *said)
{
	char when[32], detail[ANSWER_TEXT_MAX + 256];
	const char *what;
	enum office_refusal r;

	if (a->done_at != 0)
		return OFFICE_DONE_ALREADY;
	switch (rq->kind) {
	case ANSWER_ACK:
		if (a->acked_at != 0)
			return OFFICE_ACKED_ALREADY;
		what = "ack";
		snprintf(detail, sizeof(detail), "received (签收) %s by link, from %s",
		    instant_format(w->now, when, sizeof(when)), rq->from);
		if (store_action_ack(s, a->id, w->now) != 0)
			return OFFICE_DATABASE;
		a->acked_at = w->now;
		break;
	case ANSWER_PROGRESS:
		if ((r = check_text(rq->text)) != OFFICE_DONE)
			return r;
		what = "progress";
		snprintf(detail, sizeof(detail), "progress (进展反馈) by link, from %s: %s",
		    rq->from, rq->text);
		break;
	default:
		return OFFICE_DATABASE;
	}
	return record(s, conf, w, a, what, detail, said);
}

/* The extension that moves a's deadline to the last day of until, in its rule's unit. */
int
office_extension_to(const struct config *conf, const struct action *a, instant_t until,
    struct duration *by)
{
	const struct rule *r = a->rule ? conf_rule(conf, a->rule) : NULL;
	int32_t last, want;

	memset(by, 0, sizeof(*by));
	if (r == NULL || !r->has_extend || a->due_at == 0)
		return -1;
	last = tz_day_of(a->due_at - 1);
	want = tz_day_of(until);
	if (want <= last)
		return -1;
	by->unit = r->extend_max.unit;
	if (by->unit == UNIT_WORKDAYS)
		by->n = cal_count_workdays(conf->cal, last + 1, want + 1);
	else if (by->unit == UNIT_DAYS)
		by->n = want - last;
	else
		return -1;	/* an extension in hours is asked for in dubanctl, not by a date */
	return by->n > 0 ? 0 : -1;
}

enum office_refusal
office_request(struct store *s, const struct config *conf, const struct office_who *w,
    struct action *a, const struct office_answer *rq, int64_t *id, struct buf *said)
{
	struct request r;
	struct duration by;
	const struct rule *rule;
	enum office_refusal why;
	char when[32], detail[ANSWER_TEXT_MAX + 400];
	int64_t pending;

	*id = 0;
	if (a->done_at != 0)
		return OFFICE_DONE_ALREADY;
	if ((why = check_text(rq->text)) != OFFICE_DONE)
		return why;
	if ((pending = store_request_pending(s, a->id, rq->kind == ANSWER_EXTEND ? "extend" :
	    "done")) != 0)
		return pending < 0 ? OFFICE_DATABASE : OFFICE_ASKED_ALREADY;
	memset(&r, 0, sizeof(r));
	r.action_id = a->id;
	r.cycle = a->cycle;
	r.asked_by = (char *)(uintptr_t)rq->recipient;
	r.asked_from = (char *)(uintptr_t)rq->from;
	r.asked_at = w->now;
	r.text = (char *)(uintptr_t)rq->text;
	if (rq->kind == ANSWER_EXTEND) {
		/* only before the deadline, and only what its rule could grant */
		if (a->due_at == 0 || w->now >= a->due_at)
			return OFFICE_PAST_DEADLINE;
		if (office_extension_to(conf, a, rq->until, &by) != 0)
			return OFFICE_NO_EXTENSION;
		if ((why = office_extend_check(conf, a, &by, &rule)) != OFFICE_DONE)
			return why;
		snprintf(r.kind, sizeof(r.kind), "extend");
		r.until_at = rq->until;
		instant_deadline(duration_shift(&by, 1, conf->cal, a->due_at, NULL), when,
		    sizeof(when));
		if (store_request_add(s, &r, id) != 0)
			return OFFICE_DATABASE;
		snprintf(detail, sizeof(detail), "extension asked (延期申请 %lld) by link, from %s:"
		    " %d %s, to %s: %s", (long long)*id, rq->from, by.n,
		    by.unit == UNIT_WORKDAYS ? "working days" : "days", when, rq->text);
		return record(s, conf, w, a, "extend request", detail, said);
	}
	snprintf(r.kind, sizeof(r.kind), "done");
	if (store_request_add(s, &r, id) != 0)
		return OFFICE_DATABASE;
	snprintf(detail, sizeof(detail), "completion reported (办结报告 %lld) by link, from %s: %s",
	    (long long)*id, rq->from, rq->text);
	if ((why = record(s, conf, w, a, "done report", detail, said)) != OFFICE_DONE)
		return why;
	/* the clock stops while the office reads it (a transferred action is stopped already) */
	if (a->paused_at == 0) {
		snprintf(detail, sizeof(detail), "completion report %lld awaits the office", (long long)*id);
		return office_pause(s, w, a, w->now, detail, NULL, NULL);
	}
	return OFFICE_DONE;
}

enum office_refusal
office_decide(struct store *s, const struct config *conf, const struct office_who *w,
    const struct office_decision *rq, office_told_fn *fn, void *arg, struct buf *said)
{
	struct request r;
	struct action a;
	struct duration by;
	struct office_done done;
	struct office_done_result res;
	enum office_refusal why;
	const char *decision;
	char detail[600];
	int rc;
	bool extend;

	if ((rc = store_request_get(s, rq->id, &r)) != 0)
		return rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_REQUEST;
	extend = strcmp(r.kind, "extend") == 0;
	why = OFFICE_DONE;
	if (r.decided_at != 0)
		why = OFFICE_DECIDED_ALREADY;
	else if (extend != (rq->kind == DECIDE_APPROVE || rq->kind == DECIDE_REFUSE))
		why = OFFICE_WRONG_KIND;
	else if ((rq->kind == DECIDE_REFUSE || rq->kind == DECIDE_RETURN) &&
	    (rq->note == NULL || rq->note[0] == '\0'))
		why = OFFICE_NO_REASON;
	else if (rq->kind == DECIDE_APPROVE && (rq->approver == NULL || rq->approver[0] == '\0'))
		why = OFFICE_NO_APPROVER;
	else if ((rq->note != NULL && check_text(rq->note) == OFFICE_BAD_TEXT) ||
	    (rq->approver != NULL && (check_text(rq->approver) == OFFICE_BAD_TEXT ||
	    strlen(rq->approver) > 100)))
		why = OFFICE_BAD_TEXT;
	if (why != OFFICE_DONE || (rc = store_action_get(s, r.action_id, &a)) != 0) {
		store_request_clear(&r);
		return why != OFFICE_DONE ? why : rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_ACTION;
	}
	decision = rq->kind == DECIDE_APPROVE ? "approved" : rq->kind == DECIDE_REFUSE ?
	    "refused" : rq->kind == DECIDE_CONFIRM ? "confirmed" : "returned";
	if (a.done_at != 0 && rq->kind != DECIDE_REFUSE && rq->kind != DECIDE_RETURN)
		why = OFFICE_DONE_ALREADY;
	else if (rq->kind == DECIDE_APPROVE) {
		/* the deadline asked for, from the deadline as it is now, capped by the rule */
		if (office_extension_to(conf, &a, r.until_at, &by) != 0)
			why = OFFICE_EXTENSION_TOO_LONG;
		else
			why = office_extend(s, conf, w, &a, &by, rq->approver, r.text, w->now, NULL);
	} else if (rq->kind == DECIDE_CONFIRM) {
		/* done when the department reported it: the clock stood still since */
		if (a.paused_at != 0)
			why = office_resume(s, conf, w, &a, a.paused_at, NULL);
		if (why == OFFICE_DONE) {
			memset(&done, 0, sizeof(done));
			done.id = a.id;
			done.at = r.asked_at;
			done.note = r.text;
			/* a waiting period not run: OFFICE_WAITING, and dubanctl done --force decides */
			why = office_done(s, conf, w, &done, &res, fn, arg);
		}
	} else if (rq->kind == DECIDE_RETURN && a.paused_at != 0 && a.done_at == 0)
		why = office_resume(s, conf, w, &a, w->now, NULL);
	if (why == OFFICE_DONE) {
		rc = store_request_decide(s, r.id, w->now, decision,
		    rq->approver ? rq->approver : w->who, rq->note);
		why = rc < 0 ? OFFICE_DATABASE : rc > 0 ? OFFICE_DECIDED_ALREADY : OFFICE_DONE;
	}
	if (why == OFFICE_DONE) {
		snprintf(detail, sizeof(detail), "%s %lld %s%s%s", extend ? "extension request" :
		    "completion report", (long long)r.id, decision,
		    rq->approver ? " by " : "", rq->approver ? rq->approver : "");
		if (rq->note != NULL) {
			size_t n = strlen(detail);

			snprintf(detail + n, sizeof(detail) - n, ": %s", rq->note);
		}
		why = record(s, conf, w, &a, extend ? "extend decision" : "done decision", detail, said);
	}
	store_action_clear(&a);
	store_request_clear(&r);
	return why;
}
