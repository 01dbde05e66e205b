/*
 * An action's life after its assignment: received (签收), extended (延期),
 * paused or transferred, resumed. Each writes its change and its audit row
 * in the caller's transaction; the caller has checked that the action is
 * open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/calendar.h"
#include "duban/office.h"
#include "duban/rulelang.h"
#include "duban/xmalloc.h"

/* The audit row, and what it says for the caller to print. */
static enum office_refusal
audit(struct store *s, const struct office_who *w, int64_t id, const char *what,
    const char *detail, struct buf *said)
{
	if (store_event(s, w->now, w->who, id, what, detail) != 0)
		return OFFICE_DATABASE;
	if (said != NULL)
		buf_puts(said, detail);
	return OFFICE_DONE;
}

enum office_refusal
office_ack(struct store *s, const struct office_who *w, const struct action *a, instant_t at,
    struct buf *said)
{
	char detail[64], when[32];

	snprintf(detail, sizeof(detail), "received (签收) %s", instant_format(at, when, sizeof(when)));
	if (store_action_ack(s, a->id, at) != 0)
		return OFFICE_DATABASE;
	return audit(s, w, a->id, "ack", detail, said);
}

enum office_refusal
office_extend_check(const struct config *conf, const struct action *a,
    const struct duration *by, const struct rule **rule)
{
	const struct rule *r = a->rule ? conf_rule(conf, a->rule) : NULL;

	*rule = r;
	if (r == NULL || !r->has_extend)
		return OFFICE_NO_EXTENSION;
	if (a->nextensions >= r->extend_times)
		return OFFICE_EXTENDED_ENOUGH;
	if (by->n < 1 || by->unit != r->extend_max.unit || by->n > r->extend_max.n)
		return OFFICE_EXTENSION_TOO_LONG;
	return OFFICE_DONE;
}

enum office_refusal
office_extend(struct store *s, const struct config *conf, const struct office_who *w,
    struct action *a, const struct duration *by, const char *approver, const char *reason,
    instant_t at, struct buf *said)
{
	const struct rule *r;
	enum office_refusal why;
	struct buf detail = { 0 };
	char len[32];

	if ((why = office_extend_check(conf, a, by, &r)) != OFFICE_DONE)
		return why;
	duration_format(by, len, sizeof(len));
	if (by->unit == UNIT_DAYS)
		a->adj.ext_days += by->n;
	else if (by->unit == UNIT_WORKDAYS)
		a->adj.ext_workdays += by->n;
	else
		a->adj.ext_ms += duration_shift(by, 1, NULL, 0, NULL);
	a->nextensions++;
	buf_printf(&detail, "extended (延期) by %s, approved by %s: %s", len, approver, reason);
	/* a new deadline: its own reminders, overdue notices and escalation */
	why = store_action_set_pause(s, a->id, a->paused_at, &a->adj, a->nextensions) == 0 &&
	    store_extension_add(s, a->id, at, len, approver, reason, w->who) == 0 &&
	    store_action_new_cycle(s, a->id) == 0 &&
	    sched_replan(s, conf, a, w->now, detail.data, 0) == 0 ?
	    audit(s, w, a->id, "extend", detail.data, said) : OFFICE_DATABASE;
	buf_free(&detail);
	return why;
}

enum office_refusal
office_pause(struct store *s, const struct office_who *w, struct action *a, instant_t at,
    const char *reason, const char *to, struct buf *said)
{
	struct buf detail = { 0 };
	char when[32];
	enum office_refusal why;

	instant_format(at, when, sizeof(when));
	if (to != NULL)
		buf_printf(&detail, "transferred to %s %s: %s", to, when, reason);
	else
		buf_printf(&detail, "paused %s: %s", when, reason);
	why = store_action_set_pause(s, a->id, at, &a->adj, a->nextensions) == 0 &&
	    store_pause_open(s, a->id, at, reason, w->who, to) == 0 &&
	    store_action_schedule(s, a->id, a->stage, 0, a->checked_at) == 0 ?
	    audit(s, w, a->id, to ? "transfer" : "pause", detail.data, said) : OFFICE_DATABASE;
	if (why == OFFICE_DONE)
		a->paused_at = at;
	buf_free(&detail);
	return why;
}

enum office_refusal
office_resume(struct store *s, const struct config *conf, const struct office_who *w,
    struct action *a, instant_t at, struct buf *said)
{
	char detail[256], when[32];
	int32_t from = tz_day_of(a->paused_at), to = tz_day_of(at);
	int days = to - from, wdays = cal_count_workdays(conf->cal, from, to);

	a->adj.pause_days += days;
	a->adj.pause_workdays += wdays;	/* the days the pause took */
	a->adj.pause_ms += at - a->paused_at;
	a->paused_at = 0;
	snprintf(detail, sizeof(detail), "resumed %s after %d days (%d working days)",
	    instant_format(at, when, sizeof(when)), days, wdays);
	if (store_action_set_pause(s, a->id, 0, &a->adj, a->nextensions) != 0 ||
	    store_pause_close(s, a->id, at) != 0 ||
	    sched_replan(s, conf, a, w->now, detail, REPLAN_KEEP_STAGE) != 0)
		return OFFICE_DATABASE;
	return audit(s, w, a->id, "resume", detail, said);
}

enum office_refusal
office_reassign_check(const struct action *a, int64_t dept_id, instant_t at)
{
	if (a->dept.id == dept_id)
		return OFFICE_SAME_DEPARTMENT;
	if (a->paused_at != 0)
		return OFFICE_PAUSED;
	if (at < a->notified_at)
		return OFFICE_BEFORE_NOTIFIED;
	return OFFICE_DONE;
}

enum office_refusal
office_reassign(struct store *s, const struct config *conf, const struct office_who *w,
    struct action *a, int64_t dept_id, const char *dept_code, instant_t at, struct buf *said)
{
	enum office_refusal why;
	char detail[256], when[32];
	instant_t agreed;

	if ((why = office_reassign_check(a, dept_id, at)) != OFFICE_DONE)
		return why;
	/* the new department's period counts from its own notification */
	snprintf(detail, sizeof(detail), "reassigned from %s to %s, notified %s", a->dept.code,
	    dept_code, instant_format(at, when, sizeof(when)));
	if (store_action_reassign(s, a, dept_id, at, detail) != 0)
		return OFFICE_DATABASE;
	free(a->dept.code);
	a->dept.code = xstrdup_null(dept_code);
	a->dept.id = dept_id;
	a->notified_at = at;
	agreed = a->adj.agreed;	/* an agreement's deadline stays the agreed one */
	memset(&a->adj, 0, sizeof(a->adj));
	a->adj.agreed = agreed;
	a->nextensions = 0;
	if (sched_replan(s, conf, a, w->now, detail, 0) != 0)
		return OFFICE_DATABASE;
	return audit(s, w, a->id, "reassign", detail, said);
}
