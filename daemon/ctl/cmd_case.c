/* dubanctl case add, case close (销号): the petition cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/office.h"
#include "duban/text.h"

int
cmd_case_add(struct ctl *c, struct ctl_args *a)
{
	struct case_rec k, old;
	struct department d;
	const char *v;
	char detail[TEXT_MAX_CODE + TEXT_MAX + 8];
	int rc, force = args_has(a, "force");

	memset(&k, 0, sizeof(k));
	k.category = 9;
	k.received_at = instant_now();
	if ((v = args_get(a, "category")) != NULL) {
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '9') {
			fprintf(stderr, _("dubanctl: --category takes 1 to 9, not '%s'\n"), v);
			return EXIT_USAGE;
		}
		k.category = v[0] - '0';
	}
	k.key_case = args_has(a, "key");
	if ((v = args_get(a, "leader")) != NULL) {
		if ((strchr(v, '<') || strchr(v, '@')) &&
		    ctl_check_address("--leader", v, ADDR_SPEC) != 0)
			return EXIT_USAGE;
		k.leader = UNCONST(v);
		/* a leader by name: the roster has the address */
		if (!strchr(v, '<') && !strchr(v, '@') && store_leader_each(c->store, v, NULL, NULL) == 0)
			fprintf(stderr, _("dubanctl: warning: leader '%s' is not in the leaders' roster:"
			    " no copy can reach them until 'dubanctl leader add %s --email ADDRESS'\n"),
			    v, v);
	}
	k.petitioner = UNCONST(args_get(a, "petitioner"));
	k.lead_dept = UNCONST(args_get(a, "lead"));
	if ((v = args_get(a, "received")) != NULL && instant_parse(v, &k.received_at) != 0) {
		fprintf(stderr, _("dubanctl: --received: '%s' is not a time (accepted: %s or a date"
		    " alone)\n"), v, DAY_FORMS);
		return EXIT_USAGE;
	}
	k.number = a->argv[0];
	k.title = a->argv[1];
	if (k.number[0] == '\0' || k.title[0] == '\0') {
		fprintf(stderr, _("dubanctl: a case needs a number and a title\n"));
		return EXIT_USAGE;
	}
	if (strlen(k.number) > 64) {
		fprintf(stderr, _("dubanctl: a case number is at most 64 bytes\n"));
		return EXIT_USAGE;
	}
	if (ctl_check_time("--received", k.received_at, force) != 0)
		return EXIT_USAGE;
	if ((rc = store_case_get(c->store, k.number, &old)) == 0) {
		fprintf(stderr, _("dubanctl: case %s exists already (%s); 'dubanctl ledger import'"
		    " changes a case's fields\n"), k.number, old.title);
		store_case_clear(&old);
		return EXIT_FAIL;
	} else if (rc < 0)
		return ctl_db_failed(c);
	if (k.lead_dept != NULL) {
		if ((rc = store_dept_get(c->store, k.lead_dept, &d)) != 0)
			return ctl_lookup(c, rc, "--lead: no department '%s'", k.lead_dept);
		store_dept_clear(&d);
	} else if (c->conf->category_lead[k.category] != NULL) {
		/* the category's lead department, as the configuration's [categories] says */
		if ((rc = store_dept_get(c->store, c->conf->category_lead[k.category], &d)) == 0) {
			k.lead_dept = c->conf->category_lead[k.category];
			store_dept_clear(&d);
		} else if (rc < 0)
			return ctl_db_failed(c);
		else
			fprintf(stderr, _("dubanctl: warning: category %d's lead department %s is not in"
			    " the roster; the case has no lead department\n"), k.category,
			    c->conf->category_lead[k.category]);
	}
	if (store_begin(c->store) != 0 || store_case_add(c->store, &k, NULL) != 0) {
		fprintf(stderr, _("dubanctl: case %s not added: %s\n"), k.number,
		    store_errmsg(c->store));
		store_rollback(c->store);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "%s %s", k.number, k.title);
	if ((rc = ctl_event_commit(c, 0, "case add", detail)) != EXIT_OK)
		return rc;
	printf(_("case %s added\n"), k.number);
	return EXIT_OK;
}

int
cmd_case_close(struct ctl *c, struct ctl_args *args)
{
	instant_t at = instant_now();
	struct case_rec k;
	struct buf said = { 0 };
	char ids[256];
	int rc, n;

	if (args_time(args, "at", &at) != 0 || ctl_check_time("--at", at, args_has(args, "force")))
		return EXIT_USAGE;
	if ((rc = store_case_get(c->store, args->argv[0], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", args->argv[0]);
	if (store_begin(c->store) != 0) {
		store_case_clear(&k);
		return EXIT_DATABASE;
	}
	switch (office_case_close(c->store, &WHO(c), &k, at, args_has(args, "ceased"), ids,
	    sizeof(ids), &n, &said)) {
	case OFFICE_DONE:
		rc = store_commit(c->store) == 0 ? EXIT_OK : ctl_db_failed(c);
		break;
	case OFFICE_CLOSED_ALREADY:
		fprintf(stderr, _("dubanctl: case %s is closed already\n"), k.number);
		rc = EXIT_FAIL;
		break;
	case OFFICE_OPEN_ACTIONS:
		fprintf(stderr, _("dubanctl: case %s cannot be closed (销号): %d action%s still open"
		    " (%s); mark %s done first\n"), k.number, n, n == 1 ? " is" : "s are", ids,
		    n == 1 ? "it" : "them");
		rc = EXIT_FAIL;
		break;
	case OFFICE_OPEN_PROPOSALS:
		fprintf(stderr, _("dubanctl: case %s cannot be closed (销号): %d proposed next step%s"
		    " await%s the office's decision (dubanctl next: confirm or drop)\n"), k.number, n,
		    n == 1 ? "" : "s", n == 1 ? "s" : "");
		rc = EXIT_FAIL;
		break;
	default:
		rc = ctl_db_failed(c);
		break;
	}
	if (rc == EXIT_OK)
		printf("%s\n", said.data);
	else
		store_rollback(c->store);
	buf_free(&said);
	store_case_clear(&k);
	return rc;
}

/*
 * A closed case by its number and the --reason given, changed by op in one
 * transaction: an exit code, after a message.
 */
static int
closed_case(struct ctl *c, struct ctl_args *args, bool reopen, instant_t at)
{
	const char *reason = args_get(args, "reason");
	struct case_rec k;
	struct buf said = { 0 };
	char a1[32], a2[32];
	instant_t closed = 0;
	int rc;

	if (reason == NULL || reason[0] == '\0') {
		fprintf(stderr, _("dubanctl: give --reason TEXT: it is recorded in the audit log\n"));
		return EXIT_USAGE;
	}
	if ((rc = store_case_get(c->store, args->argv[0], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", args->argv[0]);
	if (store_begin(c->store) != 0) {
		store_case_clear(&k);
		return EXIT_DATABASE;
	}
	switch (reopen ? office_case_reopen(c->store, &WHO(c), &k, at, reason, &closed, &said) :
	    office_case_ceased(c->store, &WHO(c), &k, !args_has(args, "no"), reason, &said)) {
	case OFFICE_DONE:
		rc = store_commit(c->store) == 0 ? EXIT_OK : ctl_db_failed(c);
		break;
	case OFFICE_NOT_CLOSED:
		fprintf(stderr, _("dubanctl: case %s is not closed (销号)\n"), k.number);
		rc = EXIT_FAIL;
		break;
	case OFFICE_BEFORE_CLOSED:
		fprintf(stderr, _("dubanctl: --at %s is before the case was closed (%s)\n"),
		    instant_format(at, a1, sizeof(a1)), instant_format(closed, a2, sizeof(a2)));
		rc = EXIT_USAGE;
		break;
	default:
		rc = ctl_db_failed(c);
		break;
	}
	if (rc == EXIT_OK)
		printf("%s\n", said.data);
	else
		store_rollback(c->store);
	buf_free(&said);
	store_case_clear(&k);
	return rc;
}

int
cmd_case_reopen(struct ctl *c, struct ctl_args *args)
{
	instant_t at = instant_now();

	if (args_time(args, "at", &at) != 0 || ctl_check_time("--at", at, args_has(args, "force")))
		return EXIT_USAGE;
	return closed_case(c, args, true, at);
}

int
cmd_case_ceased(struct ctl *c, struct ctl_args *args)
{
	return closed_case(c, args, false, 0);
}

static void
transferred(int64_t id, const char *said, void *arg)
{
	(void)arg;
	printf(_("action %lld: %s\n"), (long long)id, said);
}

/* Transfer a case (to the court: 产权纠纷 转交法院), or take it back (to NULL). */
static int
case_transfer(struct ctl *c, struct ctl_args *args, const char *to, const char *reason)
{
	instant_t at = instant_now();
	struct case_rec k;
	struct buf said = { 0 };
	int rc;

	if (args_time(args, "at", &at) != 0 || ctl_check_time("--at", at, args_has(args, "force")))
		return EXIT_USAGE;
	if ((rc = store_case_get(c->store, args->argv[0], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", args->argv[0]);
	if (store_begin(c->store) != 0) {
		store_case_clear(&k);
		return EXIT_DATABASE;
	}
	switch (office_case_transfer(c->store, c->conf, &WHO(c), &k, at, to, reason, transferred,
	    NULL, &said)) {
	case OFFICE_DONE:
		rc = store_commit(c->store) == 0 ? EXIT_OK : ctl_db_failed(c);
		break;
	case OFFICE_NOTHING_TO_TRANSFER:
		fprintf(stderr, to ? _("dubanctl: case %s has no open action to transfer\n") :
		    _("dubanctl: case %s has no transferred or paused action\n"), k.number);
		rc = EXIT_FAIL;
		break;
	default:
		rc = ctl_db_failed(c);
		break;
	}
	if (rc == EXIT_OK) {
		printf("%s\n", said.data);
		ctl_wake(c);
	} else
		store_rollback(c->store);
	buf_free(&said);
	store_case_clear(&k);
	return rc;
}

int
cmd_case_transfer(struct ctl *c, struct ctl_args *args)
{
	const char *to = args_get(args, "to"), *reason = args_get(args, "reason");

	if (to == NULL || to[0] == '\0' || reason == NULL || reason[0] == '\0') {
		fprintf(stderr, _("dubanctl: case transfer needs --to BODY and --reason TEXT\n"));
		return EXIT_USAGE;
	}
	return case_transfer(c, args, to, reason);
}

int
cmd_case_return(struct ctl *c, struct ctl_args *args)
{
	return case_transfer(c, args, NULL, NULL);
}
