/* Assigning an action: the one place that plans, checks, adds and records it. */
#include <stdio.h>
#include <string.h>

#include "duban/buf.h"
#include "duban/office.h"

enum office_refusal
office_assign(struct store *s, const struct config *conf, const struct office_assign *rq,
    struct office_assigned *out, const char **cause)
{
	struct adjust adj = { 0 };
	struct action_new n = { 0 };
	struct plan *p = &out->plan;
	const char *what = rq->what, *resp = rq->responsible;
	struct buf detail = { 0 };
	char due[32] = "none";
	int rc;

	memset(out, 0, sizeof(*out));
	*cause = NULL;
	adj.agreed = rq->agreed;
	if (sched_plan(conf, rq->rule, rq->step, rq->dept_code, rq->category, rq->key_case,
	    rq->at, rq->agreed ? &adj : NULL, p, cause) != 0)
		return OFFICE_NO_SUCH_RULE;
	if (p->rule == NULL && rq->agreed != 0)
		return OFFICE_AGREED_NO_RULE;
	if (p->rule != NULL && p->due <= rq->now && !rq->overdue_ok)
		return OFFICE_OVERDUE;
	n.case_id = rq->case_id;
	n.dept_id = rq->dept_id;
	n.step = rq->step;
	n.what = what;
	n.notified = rq->at;
	n.rule = p->rule ? p->rule->name : NULL;
	n.pinned = rq->rule != NULL;
	n.agreed = rq->agreed;
	n.responsible = resp;
	if (store_action_add(s, &n, p->due, p->uncertain, p->next_at, rq->now, &out->id) != 0)
		return OFFICE_DATABASE;
	if (rq->no_audit_row)
		return OFFICE_DONE;
	if (p->rule)
		instant_deadline(p->due, due, sizeof(due));
	buf_printf(&detail, "case %s to %s: %s%s%s%s, rule %s, due %s%s%s%s%s%s%s",
	    rq->case_number, rq->dept_code, rq->step, what ? " (" : "", what ? what : "",
	    what ? ")" : "", p->rule ? p->rule->name : "none", due,
	    rq->agreed ? " (agreed with the petitioner)" : "", resp ? ", responsible " : "",
	    resp ? resp : "", rq->why ? " (" : "", rq->why ? rq->why : "", rq->why ? ")" : "");
	rc = store_event(s, rq->now, rq->who, out->id, "assign", detail.data);
	buf_free(&detail);
	return rc == 0 ? OFFICE_DONE : OFFICE_DATABASE;
}
