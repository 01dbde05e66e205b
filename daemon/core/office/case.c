/*
 * A case closed (销号) and opened again, its 息诉罢访 recorded; the
 * discipline group's queue acknowledged and resolved, an action referred to
 * a target. Each writes its change, its audit row and (for the queue) its
 * evidence entry in the caller's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/buf.h"
#include "duban/evidence.h"
#include "duban/office.h"

static enum office_refusal
audit(struct store *s, const struct office_who *w, int64_t action, const char *what,
    const struct buf *detail, struct buf *said)
{
	if (store_event(s, w->now, w->who, action, what, detail->data) != 0)
		return OFFICE_DATABASE;
	if (said != NULL)
		buf_puts(said, detail->data);
	return OFFICE_DONE;
}

enum office_refusal
office_case_close(struct store *s, const struct office_who *w, const struct case_rec *k,
    instant_t at, bool ceased, char *ids, size_t idlen, int *n, struct buf *said)
{
	struct buf detail = { 0 };
	enum office_refusal r;

	*n = 0;
	if (strcmp(k->status, "closed") == 0)
		return OFFICE_CLOSED_ALREADY;
	if ((*n = store_case_open_actions(s, k->id, ids, idlen)) != 0)
		return *n < 0 ? OFFICE_DATABASE : OFFICE_OPEN_ACTIONS;
	/* a next step the procedure proposed is decided before the case is closed */
	if ((*n = store_proposal_open_count(s, k->id)) != 0)
		return *n < 0 ? OFFICE_DATABASE : OFFICE_OPEN_PROPOSALS;
	buf_printf(&detail, "case %s closed (销号)%s", k->number,
	    ceased ? ", petitioner ceased (息诉罢访)" : "");
	r = store_case_close(s, k->id, at, ceased) != 0 ? OFFICE_DATABASE :
	    audit(s, w, 0, "case close", &detail, said);
	buf_free(&detail);
	return r;
}

/* The closing of a closed case: OFFICE_DONE, or why not. */
static enum office_refusal
closing(struct store *s, const struct case_rec *k, instant_t *closed, int *ceased)
{
	if (strcmp(k->status, "closed") != 0)
		return OFFICE_NOT_CLOSED;
	if (store_case_closing(s, k->id, closed, ceased) != 0)
		return OFFICE_DATABASE;
	return OFFICE_DONE;
}

enum office_refusal
office_case_reopen(struct store *s, const struct office_who *w, const struct case_rec *k,
    instant_t at, const char *reason, instant_t *closed, struct buf *said)
{
	struct buf detail = { 0 };
	enum office_refusal r;
	char a1[32], a2[32];
	int ceased;

	if ((r = closing(s, k, closed, &ceased)) != OFFICE_DONE)
		return r;
	if (at < *closed)
		return OFFICE_BEFORE_CLOSED;
	buf_printf(&detail, "case %s reopened %s (closed %s): %s", k->number,
	    instant_format(at, a1, sizeof(a1)), instant_format(*closed, a2, sizeof(a2)), reason);
	r = store_case_reopen(s, k->id, at, reason) != 0 ? OFFICE_DATABASE :
	    audit(s, w, 0, "case reopen", &detail, said);
	buf_free(&detail);
	return r;
}

enum office_refusal
office_case_ceased(struct store *s, const struct office_who *w, const struct case_rec *k,
    bool ceased, const char *reason, struct buf *said)
{
	struct buf detail = { 0 };
	enum office_refusal r;
	instant_t closed;
	int was;

	if ((r = closing(s, k, &closed, &was)) != OFFICE_DONE)
		return r;
	buf_printf(&detail, "case %s: 息诉罢访 %s: %s", k->number,
	    ceased ? "recorded" : "withdrawn", reason);
	r = store_case_set_closing(s, k->id, closed, ceased) != 0 ? OFFICE_DATABASE :
	    audit(s, w, 0, "case ceased", &detail, said);
	buf_free(&detail);
	return r;
}

enum office_refusal
office_case_transfer(struct store *s, const struct config *conf, const struct office_who *w,
    const struct case_rec *k, instant_t at, const char *to, const char *reason,
    void (*each)(int64_t id, const char *said, void *arg), void *arg, struct buf *said)
{
	struct buf one = { 0 }, detail = { 0 };
	enum office_refusal r = OFFICE_DONE;
	struct action a;
	int64_t *ids;
	int i, n, changed = 0;

	if ((n = store_case_action_ids(s, k->id, &ids)) < 0)
		return OFFICE_DATABASE;
	for (i = 0; r == OFFICE_DONE && i < n; i++) {
		if (store_action_get(s, ids[i], &a) != 0) {
			r = OFFICE_DATABASE;
			break;
		}
		buf_free(&one);
		if (to != NULL && a.paused_at == 0)
			r = office_pause(s, w, &a, at, reason, to, &one);
		else if (to == NULL && a.paused_at != 0 && at >= a.paused_at)
			r = office_resume(s, conf, w, &a, at, &one);
		else {
			store_action_clear(&a);
			continue;
		}
		if (r == OFFICE_DONE && each != NULL)
			each(a.id, one.data, arg);
		changed++;
		store_action_clear(&a);
	}
	buf_free(&one);
	free(ids);
	if (r != OFFICE_DONE)
		return r;
	if (changed == 0)
		return OFFICE_NOTHING_TO_TRANSFER;
	if (to)
		buf_printf(&detail, "case %s transferred to %s: %s", k->number, to, reason);
	else
		buf_printf(&detail, "case %s back", k->number);
	r = audit(s, w, 0, to ? "case transfer" : "case return", &detail, said);
	buf_free(&detail);
	return r;
}

enum office_refusal
office_queue(struct store *s, const struct office_who *w, int64_t id, bool resolve,
    const char *note, struct buf *said)
{
	const char *what = resolve ? "queue resolve" : "queue ack";
	struct escalation_row e;
	struct buf detail = { 0 };
	enum office_refusal r;
	int rc;

	if ((rc = store_escalation_get(s, id, &e)) != 0)
		return rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_ESCALATION;
	if (e.resolved_at != 0) {
		store_escalation_clear(&e);
		return OFFICE_RESOLVED_ALREADY;
	}
	if (resolve && (note == NULL || note[0] == '\0')) {
		store_escalation_clear(&e);
		return OFFICE_NO_REASON;
	}
	buf_printf(&detail, "escalation %lld %s%s%s", (long long)id,
	    resolve ? "resolved" : "acknowledged", note ? ": " : "", note ? note : "");
	if ((resolve ? store_escalation_resolve(s, id, w->now, note) :
	    store_escalation_ack(s, id, w->now, note)) != 0 ||
	    evidence_append(s, id, w->now, w->who, what, note ? note : "") != 0)
		r = OFFICE_DATABASE;
	else
		r = audit(s, w, e.action_id, what, &detail, said);
	buf_free(&detail);
	store_escalation_clear(&e);
	return r;
}

enum office_refusal
office_refer(struct store *s, const struct config *conf, const struct office_who *w,
    const struct action *a, const struct target *t, const char *reason, int64_t *eid)
{
	int rc;

	*eid = 0;
	if (reason == NULL || reason[0] == '\0')
		return OFFICE_NO_REASON;
	rc = sched_refer(s, conf, a, t, w->who, reason, w->now, eid);
	return rc == 1 ? OFFICE_REFERRED_ALREADY : rc != 0 ? OFFICE_DATABASE : OFFICE_DONE;
}
