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

void
ctl_told(const struct office_told *t, void *arg)
{
	struct ctl *c = arg;
	char due[32];

	if (t->proposed) {
		printf(_("proposed %lld: %s to %s, after action %lld (%s); 'dubanctl next confirm"
		    " %lld' assigns it\n"), (long long)t->id, conf_step_name(c->conf, t->step),
		    t->dept ? t->dept : "?", (long long)t->after, t->why, (long long)t->id);
		return;
	}
	if (t->due)
		instant_deadline(t->due, due, sizeof(due));
	printf(_("action %lld assigned to %s, due %s: %s, after action %lld\n"), (long long)t->id,
	    t->dept, t->due ? due : _("(no deadline)"), conf_step_name(c->conf, t->step),
	    (long long)t->after);
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

/* An open proposal by its id argument: 0, or an exit code after a message. */
static int
open_proposal(struct ctl *c, const char *arg, struct proposal *p)
{
	int64_t id;

	memset(p, 0, sizeof(*p));
	if (ctl_parse_id(arg, &id) != 0)
		return EXIT_USAGE;
	switch (office_proposal_get(c->store, id, p)) {
	case OFFICE_DONE:
		return 0;
	case OFFICE_NO_SUCH_PROPOSAL:
		fprintf(stderr, _("dubanctl: no proposal %lld (dubanctl next --all lists them)\n"),
		    (long long)id);
		return EXIT_FAIL;
	case OFFICE_DECIDED_ALREADY:
		fprintf(stderr, _("dubanctl: proposal %lld is decided already\n"), (long long)id);
		return EXIT_FAIL;
	default:
		return ctl_db_failed(c);
	}
}

int
cmd_next_confirm(struct ctl *c, struct ctl_args *args)
{
	struct office_next rq = { .dept = args_get(args, "dept"), .what = args_get(args, "what"),
	    .at = instant_now(), .overdue_ok = args_has(args, "overdue-ok") };
	struct office_told told;
	struct proposal p;
	int rc;

	if (args_time(args, "at", &rq.at) != 0 || ctl_check_time("--at", rq.at,
	    args_has(args, "force")) != 0)
		return EXIT_USAGE;
	if ((rc = open_proposal(c, args->argv[0], &p)) != 0)
		return rc;
	if (store_begin(c->store) != 0) {
		office_proposal_clear(&p);
		return EXIT_DATABASE;
	}
	switch (office_next_confirm(c->store, c->conf, &WHO(c), &p, &rq, &told)) {
	case OFFICE_DONE:
		if (store_commit(c->store) != 0) {
			rc = ctl_db_failed(c);
			break;
		}
		ctl_told(&told, c);
		ctl_wake(c);
		rc = EXIT_OK;
		break;
	case OFFICE_NO_DEPARTMENT:
		fprintf(stderr, _("dubanctl: proposal %lld names no department: give --dept CODE\n"),
		    (long long)p.id);
		rc = EXIT_FAIL;
		break;
	case OFFICE_NO_SUCH_DEPARTMENT:
		rc = ctl_lookup(c, STORE_NOT_FOUND, "no department '%s'", rq.dept ? rq.dept : p.dept);
		break;
	case OFFICE_NO_SUCH_ACTION:
		rc = ctl_lookup(c, STORE_NOT_FOUND, "action %lld does not exist",
		    (long long)p.after_action);
		break;
	case OFFICE_OVERDUE:
		fprintf(stderr, _("dubanctl: the step would be overdue at once; check --at, or"
		    " give --overdue-ok if that is right\n"));
		rc = EXIT_FAIL;
		break;
	default:
		rc = ctl_db_failed(c);
		break;
	}
	if (rc != EXIT_OK)
		store_rollback(c->store);
	office_proposal_clear(&p);
	return rc;
}

int
cmd_next_drop(struct ctl *c, struct ctl_args *args)
{
	const char *reason = args_get(args, "reason");
	struct proposal p;
	struct buf said = { 0 };
	int rc;

	if (reason == NULL || reason[0] == '\0') {
		fprintf(stderr, _("dubanctl: next drop needs --reason TEXT, which is recorded\n"));
		return EXIT_USAGE;
	}
	if ((rc = open_proposal(c, args->argv[0], &p)) != 0)
		return rc;
	if (store_begin(c->store) != 0 ||
	    office_next_drop(c->store, &WHO(c), &p, reason, &said) != OFFICE_DONE ||
	    store_commit(c->store) != 0) {
		store_rollback(c->store);
		rc = ctl_db_failed(c);
	} else {
		printf("%s\n", said.data);
		rc = EXIT_OK;
	}
	buf_free(&said);
	office_proposal_clear(&p);
	return rc;
}
