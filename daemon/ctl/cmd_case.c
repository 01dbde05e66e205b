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
		k.leader = (char *)v;
		/* a leader by name: the roster has the address */
		if (!strchr(v, '<') && !strchr(v, '@') && store_leader_each(c->store, v, NULL, NULL) == 0)
			fprintf(stderr, _("dubanctl: warning: leader '%s' is not in the leaders' roster:"
			    " no copy can reach them until 'dubanctl leader add %s --email ADDRESS'\n"),
			    v, v);
	}
	k.petitioner = (char *)args_get(a, "petitioner");
	k.lead_dept = (char *)args_get(a, "lead");
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
	int ceased = args_has(args, "ceased");
	struct case_rec k;
	char ids[256], detail[256];
	int rc, n;

	if (args_time(args, "at", &at) != 0 || ctl_check_time("--at", at, args_has(args, "force")))
		return EXIT_USAGE;
	if ((rc = store_case_get(c->store, args->argv[0], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", args->argv[0]);
	if (strcmp(k.status, "closed") == 0) {
		fprintf(stderr, _("dubanctl: case %s is closed already\n"), k.number);
		store_case_clear(&k);
		return EXIT_FAIL;
	}
	if ((n = store_case_open_actions(c->store, k.id, ids, sizeof(ids))) < 0) {
		store_case_clear(&k);
		return ctl_db_failed(c);
	}
	if (n > 0) {
		fprintf(stderr, _("dubanctl: case %s cannot be closed (销号): %d action%s still open"
		    " (%s); mark %s done first\n"), k.number, n, n == 1 ? " is" : "s are", ids,
		    n == 1 ? "it" : "them");
		store_case_clear(&k);
		return EXIT_FAIL;
	}
	/* a next step the procedure proposed is decided before the case is closed */
	if ((n = store_proposal_open_count(c->store, k.id)) != 0) {
		if (n < 0) {
			store_case_clear(&k);
			return ctl_db_failed(c);
		}
		fprintf(stderr, _("dubanctl: case %s cannot be closed (销号): %d proposed next step%s"
		    " await%s the office's decision (dubanctl next: confirm or drop)\n"), k.number, n,
		    n == 1 ? "" : "s", n == 1 ? "s" : "");
		store_case_clear(&k);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "case %s closed (销号)%s", k.number,
	    ceased ? ", petitioner ceased (息诉罢访)" : "");
	if (store_begin(c->store) != 0 || store_case_close(c->store, k.id, at, ceased) != 0 ||
	    store_event(c->store, instant_now(), c->who, 0, "case close", detail) != 0 ||
	    store_commit(c->store) != 0) {
		store_rollback(c->store);
		store_case_clear(&k);
		return EXIT_DATABASE;
	}
	printf("%s\n", detail);
	store_case_clear(&k);
	return EXIT_OK;
}

/* A closed case by its number, and the --reason given: 0, or an exit code after a message. */
static int
closed_case(struct ctl *c, struct ctl_args *args, struct case_rec *k, const char **reason)
{
	int rc;

	*reason = args_get(args, "reason");
	if (*reason == NULL || (*reason)[0] == '\0') {
		fprintf(stderr, _("dubanctl: give --reason TEXT: it is recorded in the audit log\n"));
		return EXIT_USAGE;
	}
	if ((rc = store_case_get(c->store, args->argv[0], k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", args->argv[0]);
	if (strcmp(k->status, "closed") != 0) {
		fprintf(stderr, _("dubanctl: case %s is not closed (销号)\n"), k->number);
		store_case_clear(k);
		return EXIT_FAIL;
	}
	return 0;
}

/* One change to a case, in the audit log with detail. */
static int
case_commit(struct ctl *c, struct case_rec *k, const char *what, const char *detail, int rc)
{
	if (rc != 0 || store_event(c->store, instant_now(), c->who, 0, what, detail) != 0 ||
	    store_commit(c->store) != 0) {
		store_rollback(c->store);
		store_case_clear(k);
		return ctl_db_failed(c);
	}
	printf("%s\n", detail);
	store_case_clear(k);
	return EXIT_OK;
}

int
cmd_case_reopen(struct ctl *c, struct ctl_args *args)
{
	instant_t at = instant_now(), closed;
	const char *reason;
	struct case_rec k;
	char detail[TEXT_MAX + 128], a1[32], a2[32];
	int rc, ceased;

	if (args_time(args, "at", &at) != 0 || ctl_check_time("--at", at, args_has(args, "force")))
		return EXIT_USAGE;
	if ((rc = closed_case(c, args, &k, &reason)) != 0)
		return rc;
	if (store_begin(c->store) != 0 || store_case_closing(c->store, k.id, &closed, &ceased) != 0)
		return case_commit(c, &k, NULL, NULL, -1);
	if (at < closed) {
		store_rollback(c->store);
		fprintf(stderr, _("dubanctl: --at %s is before the case was closed (%s)\n"),
		    instant_format(at, a1, sizeof(a1)), instant_format(closed, a2, sizeof(a2)));
		store_case_clear(&k);
		return EXIT_USAGE;
	}
	snprintf(detail, sizeof(detail), "case %s reopened %s (closed %s): %s", k.number,
	    instant_format(at, a1, sizeof(a1)), instant_format(closed, a2, sizeof(a2)), reason);
	return case_commit(c, &k, "case reopen", detail,
	    store_case_reopen(c->store, k.id, at, reason));
}

int
cmd_case_ceased(struct ctl *c, struct ctl_args *args)
{
	int no = args_has(args, "no"), ceased, rc;
	const char *reason;
	instant_t closed;
	struct case_rec k;
	char detail[TEXT_MAX + 128];

	if ((rc = closed_case(c, args, &k, &reason)) != 0)
		return rc;
	if (store_begin(c->store) != 0 || store_case_closing(c->store, k.id, &closed, &ceased) != 0)
		return case_commit(c, &k, NULL, NULL, -1);
	snprintf(detail, sizeof(detail), "case %s: 息诉罢访 %s: %s", k.number,
	    no ? "withdrawn" : "recorded", reason);
	return case_commit(c, &k, "case ceased", detail,
	    store_case_set_closing(c->store, k.id, closed, !no));
}

/*
 * Transfer a case (to the court: 产权纠纷 转交法院) or take it back: every open
 * action of the case is paused with the transfer recorded, or resumed, in one
 * transaction; each in the audit log.
 */
static int
case_transfer(struct ctl *c, struct ctl_args *args, const char *to, const char *reason)
{
	instant_t at = instant_now();
	struct case_rec k;
	struct action a;
	int64_t *ids;
	struct buf said = { 0 };
	char detail[TEXT_MAX + 128];
	int i, n, rc, changed = 0;

	if (args_time(args, "at", &at) != 0 || ctl_check_time("--at", at, args_has(args, "force")))
		return EXIT_USAGE;
	if ((rc = store_case_get(c->store, args->argv[0], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", args->argv[0]);
	if (store_begin(c->store) != 0 || (n = store_case_action_ids(c->store, k.id, &ids)) < 0)
		return case_commit(c, &k, NULL, NULL, -1);
	for (i = 0, rc = 0; rc == 0 && i < n; i++) {
		if ((rc = store_action_get(c->store, ids[i], &a)) != 0)
			break;
		buf_free(&said);
		if (to != NULL && a.paused_at == 0)
			rc = office_pause(c->store, &WHO(c), &a, at, reason, to, &said);
		else if (to == NULL && a.paused_at != 0 && at >= a.paused_at)
			rc = office_resume(c->store, c->conf, &WHO(c), &a, at, &said);
		else {
			store_action_clear(&a);
			continue;
		}
		rc = rc == OFFICE_DONE ? 0 : -1;
		if (rc == 0)
			printf(_("action %lld: %s\n"), (long long)a.id, said.data);
		changed++;
		store_action_clear(&a);
	}
	buf_free(&said);
	free(ids);
	if (rc == 0 && changed == 0) {
		store_rollback(c->store);
		fprintf(stderr, to ? _("dubanctl: case %s has no open action to transfer\n") :
		    _("dubanctl: case %s has no transferred or paused action\n"), k.number);
		store_case_clear(&k);
		return EXIT_FAIL;
	}
	if (to)
		snprintf(detail, sizeof(detail), "case %s transferred to %s: %s", k.number, to, reason);
	else
		snprintf(detail, sizeof(detail), "case %s back", k.number);
	rc = case_commit(c, &k, to ? "case transfer" : "case return", detail, rc);
	if (rc == EXIT_OK)
		ctl_wake(c);
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
