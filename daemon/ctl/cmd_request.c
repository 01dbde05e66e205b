/*
 * dubanctl requests, extension approve|refuse, report-done confirm|return:
 * what departments asked by the links of their notices, and the office's
 * decision, each through the office layer (its audit row, its evidence).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/office.h"

static int
print_one(const struct request *r, void *arg)
{
	char at[32], until[32], decided[32];

	(void)arg;
	instant_format(r->asked_at, at, sizeof(at));
	printf("%-4lld %-7s %-6lld %-14s %-10s %s  %s", (long long)r->id,
	    strcmp(r->kind, "extend") == 0 ? _("extend") : _("done"), (long long)r->action_id,
	    r->case_number ? r->case_number : "", r->dept_name ? r->dept_name : "", at,
	    r->asked_by);
	if (r->until_at != 0)
		printf(_("  to %s"), instant_deadline(r->until_at, until, sizeof(until)));
	printf("\n     %s\n", r->text);
	if (r->decided_at != 0)
		printf(_("     %s %s by %s%s%s\n"), r->decision,
		    instant_format(r->decided_at, decided, sizeof(decided)),
		    r->decided_by ? r->decided_by : "?", r->note ? ": " : "", r->note ? r->note : "");
	return 0;
}

int
cmd_requests(struct ctl *c, struct ctl_args *a)
{
	printf(_("ID   KIND    ACTION CASE           DEPT       ASKED                BY\n"));
	if (store_request_each(c->store, args_has(a, "all"), print_one, NULL) != 0) {
		fprintf(stderr, _("dubanctl: requests: %s\n"), store_errmsg(c->store));
		return EXIT_DATABASE;
	}
	return EXIT_OK;
}

static int
decide(struct ctl *c, struct ctl_args *a, enum decide_kind kind)
{
	struct office_decision rq = { 0 };
	struct buf said = { 0 };
	enum office_refusal r;

	if (ctl_parse_id(a->argv[0], &rq.id) != 0)
		return EXIT_USAGE;
	rq.kind = kind;
	rq.approver = args_lookup(a, "approver");
	rq.note = args_lookup(a, "reason");
	if (kind == DECIDE_APPROVE && rq.approver == NULL) {
		fprintf(stderr, _("dubanctl: extension approve needs --approver NAME (who approved it)\n"));
		return EXIT_USAGE;
	}
	if ((kind == DECIDE_REFUSE || kind == DECIDE_RETURN) && rq.note == NULL) {
		fprintf(stderr, _("dubanctl: a refusal or a return needs --reason TEXT\n"));
		return EXIT_USAGE;
	}
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	r = office_decide(c->store, c->conf, &WHO(c), &rq, ctl_told, c, &said);
	if (r == OFFICE_DONE && store_commit(c->store) == 0) {
		ctl_wake(c);
		printf(_("request %lld: %s\n"), (long long)rq.id, said.data ? said.data : "");
		buf_free(&said);
		return EXIT_OK;
	}
	store_rollback(c->store);
	buf_free(&said);
	switch (r) {
	case OFFICE_NO_SUCH_REQUEST:
		fprintf(stderr, _("dubanctl: no request %lld\n"), (long long)rq.id);
		return EXIT_FAIL;
	case OFFICE_DECIDED_ALREADY:
		fprintf(stderr, _("dubanctl: request %lld is decided already\n"), (long long)rq.id);
		return EXIT_FAIL;
	case OFFICE_WRONG_KIND:
		fprintf(stderr, _("dubanctl: request %lld is not of that kind (dubanctl requests"
		    " shows it)\n"), (long long)rq.id);
		return EXIT_FAIL;
	case OFFICE_EXTENSION_TOO_LONG:
	case OFFICE_EXTENDED_ENOUGH:
	case OFFICE_NO_EXTENSION:
		fprintf(stderr, _("dubanctl: request %lld: its rule does not allow that extension now"
		    " (more than its cap, or extended as often as it allows); refuse it with"
		    " a reason\n"), (long long)rq.id);
		return EXIT_FAIL;
	case OFFICE_DONE_ALREADY:
		fprintf(stderr, _("dubanctl: request %lld: the action is done already\n"),
		    (long long)rq.id);
		return EXIT_FAIL;
	case OFFICE_WAITING:
		fprintf(stderr, _("dubanctl: request %lld: the action's waiting period has not run;"
		    " dubanctl done --force --reason decides that\n"), (long long)rq.id);
		return EXIT_FAIL;
	default:
		fprintf(stderr, _("dubanctl: request %lld not decided: %s\n"), (long long)rq.id,
		    store_errmsg(c->store));
		return EXIT_DATABASE;
	}
}

int
cmd_extension_approve(struct ctl *c, struct ctl_args *a)
{
	return decide(c, a, DECIDE_APPROVE);
}

int
cmd_extension_refuse(struct ctl *c, struct ctl_args *a)
{
	return decide(c, a, DECIDE_REFUSE);
}

int
cmd_report_confirm(struct ctl *c, struct ctl_args *a)
{
	return decide(c, a, DECIDE_CONFIRM);
}

int
cmd_report_return(struct ctl *c, struct ctl_args *a)
{
	return decide(c, a, DECIDE_RETURN);
}
