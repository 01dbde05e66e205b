/*
 * An action done, and what follows it by the procedure ([step] next):
 * assigned at once, or proposed for the office to confirm or drop. Each
 * writes its audit rows in the caller's transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/buf.h"
#include "duban/calendar.h"
#include "duban/office.h"
#include "duban/xmalloc.h"

/* The department a next step goes to: its code (free it), or NULL. */
static char *
next_dept(struct store *s, const struct config *conf, const struct step_next *n,
    const struct action *a)
{
	struct case_rec k;
	char *code = NULL;

	switch (n->to) {
	case NEXT_SAME:
		return xstrdup(a->dept.code);
	case NEXT_DEPT:
		return xstrdup(n->dept);
	case NEXT_LEAD:
		/* the case's lead department, else its category's ([categories]) */
		if (store_case_get(s, a->kase.number, &k) == 0) {
			if (k.lead_dept != NULL)
				code = xstrdup(k.lead_dept);
			store_case_clear(&k);
		}
		if (code == NULL && a->kase.category >= 1 && a->kase.category <= 9 &&
		    conf->category_lead[a->kase.category] != NULL)
			code = xstrdup(conf->category_lead[a->kase.category]);
		return code;
	}
	return NULL;
}

/* Assign a step after action a: the rule's deadline from at. */
static enum office_refusal
assign_step(struct store *s, const struct config *conf, const struct office_who *w,
    const struct action *a, const struct office_next *rq, const struct department *d,
    struct office_told *told)
{
	struct office_assign as = { 0 };
	struct office_assigned res;
	const char *cause;
	enum office_refusal r;

	as.case_id = a->kase.id;
	as.case_number = a->kase.number;
	as.category = a->kase.category;
	as.key_case = a->kase.key_case;
	as.dept_id = d->id;
	as.dept_code = d->code;
	as.step = rq->step;
	as.what = rq->what;
	as.at = rq->at;
	as.overdue_ok = rq->overdue_ok;
	as.why = rq->why;
	as.who = w->who;
	as.now = w->now;
	if ((r = office_assign(s, conf, &as, &res, &cause)) != OFFICE_DONE)
		return r;
	told->proposed = false;
	told->id = res.id;
	told->after = a->id;
	told->step = rq->step;
	told->dept = d->code;
	told->due = res.plan.rule ? res.plan.due : 0;
	told->why = rq->why;
	return OFFICE_DONE;
}

static enum office_refusal
propose(struct store *s, const struct office_who *w, const struct action *a, const char *step,
    int64_t dept_id, const char *dept, instant_t at, const char *why, struct office_told *told)
{
	struct buf detail = { 0 };
	int64_t pid;
	int rc;

	buf_printf(&detail, "case %s: %s to %s proposed after action %lld: %s", a->kase.number,
	    step, dept ? dept : "?", (long long)a->id, why);
	rc = store_proposal_add(s, a->kase.id, a->id, step, dept_id, at, why, &pid) != 0 ||
	    store_event(s, w->now, w->who, a->id, "propose", detail.data) != 0;
	buf_free(&detail);
	if (rc)
		return OFFICE_DATABASE;
	memset(told, 0, sizeof(*told));
	told->proposed = true;
	told->id = pid;
	told->after = a->id;
	told->step = step;
	told->dept = dept;
	told->why = why;
	return OFFICE_DONE;
}

/* What follows action_id by the procedure, from at; each told to fn. */
static enum office_refusal
after(struct store *s, const struct config *conf, const struct office_who *w, int64_t action_id,
    instant_t at, office_told_fn *fn, void *arg)
{
	const struct step_name *kind;
	struct department d;
	struct action a;
	enum office_refusal r = OFFICE_DONE;
	int i;

	if (store_action_get(s, action_id, &a) != 0)
		return OFFICE_DATABASE;
	if ((kind = conf_step_find(conf, a.step)) == NULL || strcmp(kind->key, a.step) != 0) {
		store_action_clear(&a);
		return OFFICE_DONE;
	}
	for (i = 0; r == OFFICE_DONE && i < kind->nnext; i++) {
		const struct step_next *n = &kind->next[i];
		struct office_next rq = { .step = n->kind, .at = at, .why = "the procedure" };
		struct office_told told;
		char *code = next_dept(s, conf, n, &a);
		int got = code ? store_dept_get(s, code, &d) : STORE_NOT_FOUND;

		if (got < 0)
			r = OFFICE_DATABASE;
		else if (got != 0)
			r = propose(s, w, &a, n->kind, 0, code, at, code ? "no such department" :
			    "the case has no lead department", &told);
		else if (n->confirm)
			r = propose(s, w, &a, n->kind, d.id, d.code, at, "the office confirms it",
			    &told);
		else if ((r = assign_step(s, conf, w, &a, &rq, &d, &told)) == OFFICE_OVERDUE)
			r = propose(s, w, &a, n->kind, d.id, d.code, at,
			    "it would be overdue at once", &told);
		if (r == OFFICE_DONE && fn != NULL)
			fn(&told, arg);
		if (got == 0)
			store_dept_clear(&d);
		free(code);
	}
	store_action_clear(&a);
	return r;
}

/* Is a's waiting period not over at at? Its working days left in *left. */
static bool
waiting(const struct config *conf, const struct action *a, instant_t at,
    const struct rule **rule, int *left)
{
	const struct rule *r = a->rule ? conf_rule(conf, a->rule) : NULL;

	*rule = r;
	*left = 0;
	if (r == NULL || !r->waiting || a->due_at == 0 || at >= a->due_at || a->done_at != 0)
		return false;
	*left = cal_count_workdays(conf->cal, tz_day_of(at) + 1, tz_day_of(a->due_at - 1) + 1);
	return true;
}

enum office_refusal
office_done(struct store *s, const struct config *conf, const struct office_who *w,
    const struct office_done *rq, struct office_done_result *out, office_told_fn *fn, void *arg)
{
	struct action a;
	struct buf detail = { 0 };
	bool early;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_action_get(s, rq->id, &a)) != 0)
		return rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_ACTION;
	if (a.done_at != 0) {
		store_action_clear(&a);
		return OFFICE_DONE_ALREADY;
	}
	early = waiting(conf, &a, rq->at, &out->rule, &out->left);
	store_action_clear(&a);
	if (early && rq->forced == NULL)
		return OFFICE_WAITING;
	if ((rc = store_action_done(s, rq->id, rq->at, rq->note)) != 0)
		return rc == STORE_DONE_ALREADY ? OFFICE_DONE_ALREADY :
		    rc == STORE_NOT_FOUND ? OFFICE_NO_SUCH_ACTION : OFFICE_DATABASE;
	if (rq->note != NULL)
		buf_puts(&detail, rq->note);
	if (early)
		buf_printf(&detail, "%sbefore its waiting period ended, forced: %s",
		    rq->note ? "; " : "", rq->forced);
	rc = store_event(s, w->now, w->who, rq->id, "done", detail.len ? detail.data : NULL);
	buf_free(&detail);
	if (rc != 0)
		return OFFICE_DATABASE;
	/* what follows it by the procedure, in the same transaction */
	return after(s, conf, w, rq->id, rq->at, fn, arg);
}

/* An open proposal by its id (clear it with proposal_clear). */
static int
get_one(const struct proposal *p, void *arg)
{
	struct proposal *out = arg;

	*out = *p;
	out->case_number = xstrdup(p->case_number);
	out->step = xstrdup(p->step);
	out->dept = p->dept ? xstrdup(p->dept) : NULL;
	out->why = xstrdup(p->why);
	out->reason = NULL;	/* not needed: an open proposal has none */
	return 0;
}

void
office_proposal_clear(struct proposal *p)
{
	free(UNCONST(p->case_number));
	free(UNCONST(p->step));
	free(UNCONST(p->dept));
	free(UNCONST(p->why));
	memset(p, 0, sizeof(*p));
}

enum office_refusal
office_proposal_get(struct store *s, int64_t id, struct proposal *p)
{
	memset(p, 0, sizeof(*p));
	if (store_proposal_each(s, true, id, get_one, p) != 0)
		return OFFICE_DATABASE;
	if (p->id == 0)
		return OFFICE_NO_SUCH_PROPOSAL;
	if (p->decided_at != 0) {
		office_proposal_clear(p);
		return OFFICE_DECIDED_ALREADY;
	}
	return OFFICE_DONE;
}

enum office_refusal
office_next_confirm(struct store *s, const struct config *conf, const struct office_who *w,
    const struct proposal *p, const struct office_next *rq, struct office_told *told)
{
	const char *code = rq->dept ? rq->dept : p->dept;
	struct office_next step = *rq;
	struct department d;
	struct action a;
	enum office_refusal r;
	int rc;

	if (code == NULL)
		return OFFICE_NO_DEPARTMENT;
	if ((rc = store_dept_get(s, code, &d)) != 0)
		return rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_DEPARTMENT;
	if ((rc = store_action_get(s, p->after_action, &a)) != 0) {
		store_dept_clear(&d);
		return rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_ACTION;
	}
	step.step = p->step;
	step.why = "confirmed by the office";
	r = assign_step(s, conf, w, &a, &step, &d, told);
	told->dept = code;	/* not d's, freed below */
	if (r == OFFICE_DONE && store_proposal_decide(s, p->id, w->now, w->who, told->id,
	    NULL) != 0)
		r = OFFICE_DATABASE;
	store_action_clear(&a);
	store_dept_clear(&d);
	return r;
}

enum office_refusal
office_next_drop(struct store *s, const struct office_who *w, const struct proposal *p,
    const char *reason, struct buf *said)
{
	struct buf detail = { 0 };
	enum office_refusal r = OFFICE_DONE;

	buf_printf(&detail, "proposal %lld (%s %s to %s) dropped: %s", (long long)p->id,
	    p->case_number, p->step, p->dept ? p->dept : "?", reason);
	if (store_proposal_decide(s, p->id, w->now, w->who, 0, reason) != 0 ||
	    store_event(s, w->now, w->who, p->after_action, "drop", detail.data) != 0)
		r = OFFICE_DATABASE;
	else if (said != NULL)
		buf_puts(said, detail.data);
	buf_free(&detail);
	return r;
}
