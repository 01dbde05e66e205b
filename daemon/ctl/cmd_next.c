/*
 * The procedure: when a step is done, what follows it ([step] next) is
 * assigned at once, or proposed for the office to confirm or drop (dubanctl
 * next, next confirm, next drop). Each is recorded in the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/office.h"
#include "duban/sched.h"

/* The department a next step goes to: its code into *code (free it), or NULL. */
static char *
next_dept(struct ctl *c, const struct step_next *n, const struct action *a)
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
		if (store_case_get(c->store, a->kase.number, &k) == 0) {
			if (k.lead_dept != NULL)
				code = xstrdup(k.lead_dept);
			store_case_clear(&k);
		}
		if (code == NULL && a->kase.category >= 1 && a->kase.category <= 9 &&
		    c->conf->category_lead[a->kase.category] != NULL)
			code = xstrdup(c->conf->category_lead[a->kase.category]);
		return code;
	}
	return NULL;
}

/*
 * Assign a step: the rule's deadline from at. 0 assigned (*id), 1 it would be
 * overdue at once (not assigned: the office must look), -1 the database.
 */
static int
assign_step(struct ctl *c, const struct action *a, const char *step, const char *what,
    const struct department *d, instant_t at, bool overdue_ok, const char *why, int64_t *id)
{
	struct office_assign rq = { 0 };
	struct office_assigned res;
	const struct plan *p = &res.plan;
	const char *cause;
	char due[32];

	rq.case_id = a->kase.id;
	rq.case_number = a->kase.number;
	rq.category = a->kase.category;
	rq.key_case = a->kase.key_case;
	rq.dept_id = d->id;
	rq.dept_code = d->code;
	rq.step = step;
	rq.what = what;
	rq.at = at;
	rq.overdue_ok = overdue_ok;
	rq.why = why;
	rq.who = c->who;
	rq.now = instant_now();
	switch (office_assign(c->store, c->conf, &rq, &res, &cause)) {
	case OFFICE_DONE:
		break;
	case OFFICE_OVERDUE:
		return 1;
	default:
		return -1;
	}
	*id = res.id;
	if (p->rule)
		instant_deadline(p->due, due, sizeof(due));
	printf(_("action %lld assigned to %s, due %s: %s, after action %lld\n"), (long long)*id,
	    d->code, p->rule ? due : _("(no deadline)"), conf_step_name(c->conf, step),
	    (long long)a->id);
	return 0;
}

static int
propose(struct ctl *c, const struct action *a, const char *step, int64_t dept_id,
    const char *dept, instant_t at, const char *why)
{
	char detail[512];
	int64_t pid;

	snprintf(detail, sizeof(detail), "case %s: %s to %s proposed after action %lld: %s",
	    a->kase.number, step, dept ? dept : "?", (long long)a->id, why);
	if (store_proposal_add(c->store, a->kase.id, a->id, step, dept_id, at, why, &pid) != 0 ||
	    store_event(c->store, instant_now(), c->who, a->id, "propose", detail) != 0)
		return -1;
	printf(_("proposed %lld: %s to %s, after action %lld (%s); 'dubanctl next confirm %lld'"
	    " assigns it\n"), (long long)pid, conf_step_name(c->conf, step), dept ? dept : "?",
	    (long long)a->id, why, (long long)pid);
	return 0;
}

int
ctl_procedure_after(struct ctl *c, int64_t action_id, instant_t at)
{
	const struct step_name *kind;
	struct department d;
	struct action a;
	int i, rc = 0;

	if (store_action_get(c->store, action_id, &a) != 0)
		return -1;
	if ((kind = conf_step_find(c->conf, a.step)) == NULL || strcmp(kind->key, a.step) != 0) {
		store_action_clear(&a);
		return 0;
	}
	for (i = 0; rc == 0 && i < kind->nnext; i++) {
		const struct step_next *n = &kind->next[i];
		char *code = next_dept(c, n, &a);
		int64_t id;
		int got = code ? store_dept_get(c->store, code, &d) : STORE_NOT_FOUND;

		if (got < 0)
			rc = -1;
		else if (got != 0)
			rc = propose(c, &a, n->kind, 0, code, at, code ? "no such department" :
			    "the case has no lead department");
		else if (n->confirm)
			rc = propose(c, &a, n->kind, d.id, d.code, at, "the office confirms it");
		else if ((rc = assign_step(c, &a, n->kind, NULL, &d, at, false,
		    "the procedure", &id)) == 1)
			rc = propose(c, &a, n->kind, d.id, d.code, at,
			    "it would be overdue at once");
		if (got == 0)
			store_dept_clear(&d);
		free(code);
	}
	store_action_clear(&a);
	return rc;
}

static int
list_row(const struct proposal *p, void *arg)
{
	char after[24], pid[24], at[32], decided[32], act[24];
	const char *v[10];

	(void)arg;
	snprintf(pid, sizeof(pid), "%lld", (long long)p->id);
	snprintf(after, sizeof(after), "%lld", (long long)p->after_action);
	snprintf(act, sizeof(act), "%lld", (long long)p->action_id);
	instant_format(p->proposed_at, at, sizeof(at));
	if (p->decided_at)
		instant_format(p->decided_at, decided, sizeof(decided));
	v[0] = pid;
	v[1] = p->case_number;
	v[2] = p->step;
	v[3] = p->dept ? p->dept : "";
	v[4] = p->after_action ? after : "";
	v[5] = at;
	v[6] = p->why;
	v[7] = p->decided_at ? decided : "";
	v[8] = p->action_id ? act : "";
	v[9] = p->reason ? p->reason : "";
	out_row(v);
	return 0;
}

int
cmd_next_list(struct ctl *c, struct ctl_args *args)
{
	static const char *const cols[] = { NC_("column", "id"), NC_("column", "case"),
	    NC_("column", "step"), NC_("column", "dept"), NC_("column", "after"),
	    NC_("column", "proposed"), NC_("column", "why"), NC_("column", "decided"),
	    NC_("column", "action"), NC_("column", "reason") };
	static const int w[] = { 4, 12, 14, 6, 5, 19, 24, 19, 6, 0 };

	out_header_typed(cols, w, 10, "nsssntstns");
	if (store_proposal_each(c->store, args_has(args, "all"), 0, list_row, NULL) != 0)
		return ctl_db_failed(c);
	out_end();
	return EXIT_OK;
}

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

static void
proposal_clear(struct proposal *p)
{
	free((char *)p->case_number);
	free((char *)p->step);
	free((char *)p->dept);
	free((char *)p->why);
	memset(p, 0, sizeof(*p));
}

/* An open proposal by its id argument: 0, or an exit code after a message. */
static int
open_proposal(struct ctl *c, const char *arg, struct proposal *p)
{
	int64_t id;

	memset(p, 0, sizeof(*p));
	if (ctl_parse_id(arg, &id) != 0)
		return EXIT_USAGE;
	if (store_proposal_each(c->store, true, id, get_one, p) != 0)
		return ctl_db_failed(c);
	if (p->id == 0) {
		fprintf(stderr, _("dubanctl: no proposal %lld (dubanctl next --all lists them)\n"),
		    (long long)id);
		return EXIT_FAIL;
	}
	if (p->decided_at != 0) {
		fprintf(stderr, _("dubanctl: proposal %lld is decided already\n"), (long long)id);
		proposal_clear(p);
		return EXIT_FAIL;
	}
	return 0;
}

int
cmd_next_confirm(struct ctl *c, struct ctl_args *args)
{
	const char *dept = args_get(args, "dept"), *what = args_get(args, "what");
	instant_t at = instant_now();
	struct proposal p;
	struct department d;
	struct action a;
	int64_t id = 0;
	int rc;

	if (args_time(args, "at", &at) != 0 || ctl_check_time("--at", at,
	    args_has(args, "force")) != 0)
		return EXIT_USAGE;
	if ((rc = open_proposal(c, args->argv[0], &p)) != 0)
		return rc;
	if (dept == NULL)
		dept = p.dept;
	rc = EXIT_FAIL;
	if (dept == NULL)
		fprintf(stderr, _("dubanctl: proposal %lld names no department: give --dept CODE\n"),
		    (long long)p.id);
	else if ((rc = store_dept_get(c->store, dept, &d)) != 0)
		rc = ctl_lookup(c, rc, "no department '%s'", dept);
	else if ((rc = store_action_get(c->store, p.after_action, &a)) != 0) {
		store_dept_clear(&d);
		rc = ctl_lookup(c, rc, "action %lld does not exist", (long long)p.after_action);
	} else {
		if (store_begin(c->store) != 0)
			rc = EXIT_DATABASE;
		else if ((rc = assign_step(c, &a, p.step, what, &d, at,
		    args_has(args, "overdue-ok"), "confirmed by the office", &id)) == 1) {
			fprintf(stderr, _("dubanctl: the step would be overdue at once; check --at, or"
			    " give --overdue-ok if that is right\n"));
			store_rollback(c->store);
			rc = EXIT_FAIL;
		} else if (rc != 0 || store_proposal_decide(c->store, p.id, instant_now(), c->who,
		    id, NULL) != 0 || store_commit(c->store) != 0) {
			store_rollback(c->store);
			rc = ctl_db_failed(c);
		} else {
			ctl_wake(c);
			rc = EXIT_OK;
		}
		store_action_clear(&a);
		store_dept_clear(&d);
	}
	proposal_clear(&p);
	return rc;
}

int
cmd_next_drop(struct ctl *c, struct ctl_args *args)
{
	const char *reason = args_get(args, "reason");
	struct proposal p;
	char detail[512];
	int rc;

	if (reason == NULL || reason[0] == '\0') {
		fprintf(stderr, _("dubanctl: next drop needs --reason TEXT, which is recorded\n"));
		return EXIT_USAGE;
	}
	if ((rc = open_proposal(c, args->argv[0], &p)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "proposal %lld (%s %s to %s) dropped: %s",
	    (long long)p.id, p.case_number, p.step, p.dept ? p.dept : "?", reason);
	if (store_begin(c->store) != 0 ||
	    store_proposal_decide(c->store, p.id, instant_now(), c->who, 0, reason) != 0 ||
	    store_event(c->store, instant_now(), c->who, p.after_action, "drop", detail) != 0 ||
	    store_commit(c->store) != 0) {
		store_rollback(c->store);
		proposal_clear(&p);
		return ctl_db_failed(c);
	}
	printf("%s\n", detail);
	proposal_clear(&p);
	return EXIT_OK;
}
