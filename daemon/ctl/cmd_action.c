/*
 * dubanctl assign, ack, done, extend, pause, resume, reassign: an action from
 * its assignment to its end, each change audited and the daemon woken.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/office.h"
#include "duban/calendar.h"
#include "duban/rulelang.h"
#include "duban/sched.h"
#include "duban/text.h"

/* Options shared by the lifecycle commands. */
struct life_opts {
	instant_t	 at;
	const char	*reason;
	const char	*approver;
	const char	*by;
	int		 ceased;
};

/* The options of a lifecycle row, those it has; --at is checked against --force. */
static int
life_parse(struct ctl_args *a, struct life_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->at = instant_now();
	if (args_time(a, "at", &o->at) != 0)
		return EXIT_USAGE;
	o->reason = args_lookup(a, "reason");
	o->approver = args_lookup(a, "approver");
	o->by = args_lookup(a, "by");
	o->ceased = args_lookup(a, "ceased") != NULL;
	return ctl_check_time("--at", o->at, args_has(a, "force"));
}

/* Load an open action for a change; prints why not and returns non-zero. */
static int
open_action(struct ctl *c, const char *arg, struct action *a)
{
	int64_t id;
	int rc;

	if (ctl_parse_id(arg, &id) != 0)
		return EXIT_USAGE;
	if ((rc = store_action_get(c->store, id, a)) != 0)
		return ctl_lookup(c, rc, "action %lld does not exist", (long long)id);
	if (a->done_at != 0) {
		fprintf(stderr, _("dubanctl: action %lld is done already\n"), (long long)id);
		store_action_clear(a);
		return EXIT_FAIL;
	}
	return 0;
}

/* assign's --at and --due (a deadline agreed with the petitioner, 解决协议: after --at). */
static int
assign_times(struct ctl_args *args, int force, instant_t *at, instant_t *agreed)
{
	if (args_time(args, "at", at) != 0 || ctl_check_time("--at", *at, force) != 0)
		return -1;
	if (args_time(args, "due", agreed) != 0 ||
	    (*agreed != 0 && ctl_check_time("--due", *agreed, force) != 0))
		return -1;
	if (*agreed != 0 && *agreed <= *at) {
		fprintf(stderr, _("dubanctl: --due must be after the notification (--at)\n"));
		return -1;
	}
	return 0;
}

/* Why the office refused an assignment, in dubanctl's words; the exit status. */
static int
assign_refused(struct ctl *c, enum office_refusal r, const struct office_assign *rq,
    const struct plan *p, const char *cause)
{
	char due[32];

	switch (r) {
	case OFFICE_NO_SUCH_RULE:
		fprintf(stderr, _("dubanctl: --rule %s: %s\n"), rq->rule, cause);
		return EXIT_USAGE;
	case OFFICE_AGREED_NO_RULE:
		fprintf(stderr, _("dubanctl: no rule matches step '%s': an agreed deadline needs one"
		    " for its reminders and escalation\n"), rq->step);
		return EXIT_FAIL;
	case OFFICE_OVERDUE:
		instant_deadline(p->due, due, sizeof(due));
		fprintf(stderr, _("dubanctl: the action would be overdue at once (due %s by rule %s):"
		    " %s would be sent an overdue notice now and escalated after; check --at, or"
		    " give --overdue-ok if that is right\n"), due, p->rule->name, rq->dept_code);
		return EXIT_FAIL;
	default:
		fprintf(stderr, _("dubanctl: action not assigned: %s\n"), store_errmsg(c->store));
		return EXIT_DATABASE;
	}
}

/*
 * Commit an office operation's change (it wrote its own audit line), wake
 * the daemon, say what happened and the deadline now.
 */
static int
finished(struct ctl *c, struct action *a, const char *what, enum office_refusal why,
    struct buf *said)
{
	char due[32];
	int64_t id = a->id;

	if (why != OFFICE_DONE || store_commit(c->store) != 0) {
		fprintf(stderr, _("dubanctl: action %lld: %s not recorded: %s\n"), (long long)a->id,
		    what, store_errmsg(c->store));
		store_rollback(c->store);
		store_action_clear(a);
		buf_free(said);
		return EXIT_DATABASE;
	}
	ctl_wake(c);
	printf(_("action %lld: %s"), (long long)id, said->data ? said->data : "");
	buf_free(said);
	store_action_clear(a);
	if (store_action_get(c->store, id, a) == 0 && a->due_at != 0) {
		instant_deadline(a->due_at, due, sizeof(due));
		printf(_("; deadline %s%s"), due, a->paused_at ? _(" (paused)") : "");
	}
	printf("\n");
	store_action_clear(a);
	return EXIT_OK;
}

int
cmd_ack(struct ctl *c, struct ctl_args *args)
{
	struct life_opts o;
	struct action a;
	struct buf said = { 0 };
	int rc;

	if ((rc = life_parse(args, &o)) != 0 ||
	    (rc = open_action(c, args->argv[0], &a)) != 0)
		return rc;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	return finished(c, &a, "ack", office_ack(c->store, &WHO(c), &a, o.at, &said), &said);
}

int
cmd_extend(struct ctl *c, struct ctl_args *args)
{
	const struct rule *r;
	struct duration d;
	struct life_opts o;
	struct action a;
	struct buf said = { 0 };
	const char *cause;
	char len[32], max[32];
	int rc;

	if ((rc = life_parse(args, &o)) != 0)
		return rc;
	if (o.by == NULL || o.approver == NULL || o.reason == NULL) {
		fprintf(stderr, _("dubanctl: extend needs --by, --approver and --reason\n"));
		return args_usage(args);
	}
	if (duration_parse(o.by, &d, &cause) != 0 || d.n < 1) {
		fprintf(stderr, _("dubanctl: --by '%s': %s\n"), o.by, d.n < 1 ? _("must be more than 0") :
		    cause);
		return EXIT_USAGE;
	}
	if ((rc = open_action(c, args->argv[0], &a)) != 0)
		return rc;
	duration_format(&d, len, sizeof(len));
	switch (office_extend_check(c->conf, &a, &d, &r)) {
	case OFFICE_DONE:
		break;
	case OFFICE_EXTENDED_ENOUGH:
		fprintf(stderr, _("dubanctl: action %lld was extended %d time%s already; rule \"%s\""
		    " allows %d\n"), (long long)a.id, a.nextensions, a.nextensions == 1 ? "" : "s",
		    r->name, r->extend_times);
		store_action_clear(&a);
		return EXIT_FAIL;
	case OFFICE_EXTENSION_TOO_LONG:
		duration_format(&r->extend_max, max, sizeof(max));
		fprintf(stderr, _("dubanctl: action %lld: an extension of %s is more than rule \"%s\""
		    " allows (at most %s)\n"), (long long)a.id, len, r->name, max);
		store_action_clear(&a);
		return EXIT_FAIL;
	default:
		fprintf(stderr, _("dubanctl: action %lld: its rule \"%s\" allows no extension\n"),
		    (long long)a.id, a.rule ? a.rule : _("(none)"));
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	return finished(c, &a, "extend", office_extend(c->store, c->conf, &WHO(c), &a, &d,
	    o.approver, o.reason, o.at, &said), &said);
}

int
cmd_pause(struct ctl *c, struct ctl_args *args)
{
	struct life_opts o;
	struct action a;
	struct buf said = { 0 };
	const char *to = args_get(args, "to");
	int rc;

	if ((rc = life_parse(args, &o)) != 0)
		return rc;
	if (o.reason == NULL) {
		fprintf(stderr, _("dubanctl: pause needs --reason\n"));
		return args_usage(args);
	}
	if ((rc = open_action(c, args->argv[0], &a)) != 0)
		return rc;
	if (a.paused_at != 0) {
		fprintf(stderr, _("dubanctl: action %lld is paused already\n"), (long long)a.id);
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	return finished(c, &a, to ? "transfer" : "pause", office_pause(c->store, &WHO(c), &a, o.at,
	    o.reason, to, &said), &said);
}

int
cmd_resume(struct ctl *c, struct ctl_args *args)
{
	struct life_opts o;
	struct action a;
	struct buf said = { 0 };
	int rc;

	if ((rc = life_parse(args, &o)) != 0 ||
	    (rc = open_action(c, args->argv[0], &a)) != 0)
		return rc;
	if (a.paused_at == 0) {
		fprintf(stderr, _("dubanctl: action %lld is not paused\n"), (long long)a.id);
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	if (o.at < a.paused_at) {
		fprintf(stderr, _("dubanctl: --at is before the pause began\n"));
		store_action_clear(&a);
		return EXIT_USAGE;
	}
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	return finished(c, &a, "resume", office_resume(c->store, c->conf, &WHO(c), &a, o.at, &said),
	    &said);
}

int
cmd_reassign(struct ctl *c, struct ctl_args *args)
{
	struct life_opts o;
	struct department d;
	struct action a;
	struct buf said = { 0 };
	char at[32];
	int rc;

	if ((rc = life_parse(args, &o)) != 0)
		return rc;
	if ((rc = store_dept_get(c->store, args->argv[1], &d)) != 0)
		return ctl_lookup(c, rc, "no department '%s'", args->argv[1]);
	if ((rc = open_action(c, args->argv[0], &a)) != 0) {
		store_dept_clear(&d);
		return rc;
	}
	rc = EXIT_FAIL;
	switch (office_reassign_check(&a, d.id, o.at)) {
	case OFFICE_DONE:
		rc = EXIT_OK;
		break;
	case OFFICE_SAME_DEPARTMENT:
		fprintf(stderr, _("dubanctl: action %lld is %s's already\n"), (long long)a.id, d.code);
		break;
	case OFFICE_PAUSED:
		fprintf(stderr, _("dubanctl: action %lld is paused; resume it first, so that the"
		    " pause ends with %s's period\n"), (long long)a.id, a.dept.code);
		break;
	default:
		fprintf(stderr, _("dubanctl: --at %s is before %s was notified\n"),
		    instant_format(o.at, at, sizeof(at)), a.dept.code);
	}
	if (rc != EXIT_OK) {
		store_dept_clear(&d);
		store_action_clear(&a);
		return rc;
	}
	if (store_begin(c->store) != 0) {
		store_dept_clear(&d);
		store_action_clear(&a);
		return EXIT_DATABASE;
	}
	rc = finished(c, &a, "reassign", office_reassign(c->store, c->conf, &WHO(c), &a, d.id,
	    d.code, o.at, &said), &said);
	store_dept_clear(&d);
	return rc;
}

int
cmd_assign(struct ctl *c, struct ctl_args *args)
{
	struct case_rec k;
	struct department d;
	struct office_assign rq = { 0 };
	struct office_assigned res;
	const struct plan *p = &res.plan;
	instant_t agreed = 0;
	const char *rule = args_get(args, "rule"), *what = args_get(args, "what"), *cause;
	const char *responsible = args_get(args, "responsible");
	const char *step = args->argv[2];
	const struct step_name *kind;
	instant_t at = instant_now();
	char due[32];
	int64_t id;
	int rc = EXIT_FAIL, force = args_has(args, "force");
	int overdue_ok = args_has(args, "overdue-ok");
	enum office_refusal r;

	if (assign_times(args, force, &at, &agreed) != 0)
		return EXIT_USAGE;
	/* the kind, by key, name or alias: never a word no kind has */
	if (c->conf->nsteps > 0) {
		if ((kind = conf_step_find(c->conf, step)) == NULL) {
			char *known = conf_step_list(c->conf);

			fprintf(stderr, _("dubanctl: no kind of step '%s' (known: %s); the concrete work"
			    " goes in --what TEXT\n"), step, known);
			free(known);
			return EXIT_USAGE;
		}
		step = kind->key;
	}
	memset(&k, 0, sizeof(k));
	memset(&d, 0, sizeof(d));
	if ((rc = store_case_get(c->store, args->argv[0], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", args->argv[0]);
	if ((rc = store_dept_get(c->store, args->argv[1], &d)) != 0) {
		rc = ctl_lookup(c, rc, "no department '%s'", args->argv[1]);
		goto out;
	}
	if (d.email == NULL || d.email[0] == '\0')
		fprintf(stderr, _("dubanctl: warning: department %s has no mail address: its reminders"
		    " and overdue notices cannot be sent, and the office will be told each time"
		    " (dubanctl dept edit %s --email ADDRESS)\n"), d.code, d.code);
	rq.case_id = k.id;
	rq.case_number = k.number;
	rq.category = k.category;
	rq.key_case = k.key_case;
	rq.dept_id = d.id;
	rq.dept_code = d.code;
	rq.step = step;
	rq.what = what;
	rq.at = at;
	rq.rule = rule;
	rq.agreed = agreed;
	rq.responsible = responsible;
	rq.overdue_ok = overdue_ok;
	rq.who = c->who;
	rq.now = instant_now();
	if (store_begin(c->store) != 0) {
		rc = ctl_db_failed(c);
		goto out;
	}
	if ((r = office_assign(c->store, c->conf, &rq, &res, &cause)) != OFFICE_DONE) {
		rc = assign_refused(c, r, &rq, p, cause);
		goto refused;
	}
	if (p->rule == NULL)
		fprintf(stderr, _("dubanctl: warning: no rule matches step '%s'; the action has"
		    " no deadline\n"), step);
	if (store_commit(c->store) != 0) {
		rc = ctl_db_failed(c);
		store_rollback(c->store);
		goto out;
	}
	id = res.id;
	if (p->rule)
		instant_deadline(p->due, due, sizeof(due));
	ctl_wake(c);
	printf(_("action %lld assigned to %s, due %s%s\n"), (long long)id, d.code,
	    p->rule ? due : _("(no deadline)"),
	    p->uncertain ? _(" (uncertain: calendar year not covered)") : "");
	rc = EXIT_OK;
	goto out;
refused:
	store_rollback(c->store);
out:
	store_case_clear(&k);
	store_dept_clear(&d);
	return rc;
}

/*
 * A waiting period (不少于, a minimum) may not be ended early: done before it
 * has run is refused, unless forced with a reason, which is recorded.
 */
int
cmd_done(struct ctl *c, struct ctl_args *args)
{
	struct office_done rq = { .at = instant_now(), .note = args_get(args, "note") };
	struct office_done_result res;
	const char *reason = args_get(args, "reason");
	int force = args_has(args, "force");

	if (args_time(args, "at", &rq.at) != 0)
		return EXIT_USAGE;
	if (ctl_check_time("--at", rq.at, force) != 0)
		return EXIT_USAGE;
	if (ctl_parse_id(args->argv[0], &rq.id) != 0)
		return EXIT_USAGE;
	rq.forced = force ? reason : NULL;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	switch (office_done(c->store, c->conf, &WHO(c), &rq, &res, ctl_told, c)) {
	case OFFICE_DONE:
		if (store_commit(c->store) != 0)
			break;
		printf(_("action %lld done\n"), (long long)rq.id);
		ctl_wake(c);
		return EXIT_OK;
	case OFFICE_NO_SUCH_ACTION:
		store_rollback(c->store);
		return ctl_lookup(c, STORE_NOT_FOUND, "action %lld does not exist", (long long)rq.id);
	case OFFICE_DONE_ALREADY:
		store_rollback(c->store);
		fprintf(stderr, _("dubanctl: action %lld is done already\n"), (long long)rq.id);
		return EXIT_FAIL;
	case OFFICE_WAITING:
		store_rollback(c->store);
		fprintf(stderr, _("dubanctl: 期间未满，尚余 %d 个工作日 (action %lld is a waiting period"
		    " of rule %s, a minimum that has not run: %d working day%s left); to end it early"
		    " give --force --reason TEXT, which is recorded\n"), res.left, (long long)rq.id,
		    res.rule->name, res.left, res.left == 1 ? "" : "s");
		return EXIT_FAIL;
	default:
		break;
	}
	store_rollback(c->store);
	return ctl_db_failed(c);
}
