/*
 * A department's answer by the link in its notice (duban-web): received
 * (签收) or a report of progress (进展反馈), in the audit log as said by the
 * recipient the link was for, from the client's address, and in the
 * evidence record of each of the action's escalations of this cycle.
 */
#include <stdio.h>
#include <string.h>

#include "duban/evidence.h"
#include "duban/office.h"
#include "duban/csv.h"

#define ANSWER_TEXT_MAX	4000	/* bytes of a progress report */

/* Each escalation of a's current cycle (referral 0, then each level) gets the entry. */
static int
to_evidence(struct store *s, const struct config *conf, const struct office_who *w,
    const struct action *a, const char *what, const char *detail)
{
	const struct rule *r = a->rule ? conf_rule(conf, a->rule) : NULL;
	int level, last = r ? r->nlevels : 0;
	int64_t id;

	for (level = 0; level <= last; level++) {
		if ((id = store_escalation_id(s, a->id, a->cycle, level)) < 0)
			return -1;
		if (id > 0 && evidence_append(s, id, w->now, w->who, what, detail) != 0)
			return -1;
	}
	return 0;
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
	if (store_event(s, w->now, w->who, a->id, what, detail) != 0 ||
	    to_evidence(s, conf, w, a, what, detail) != 0)
		return OFFICE_DATABASE;
	if (said != NULL)
		buf_puts(said, detail);
	return OFFICE_DONE;
}
