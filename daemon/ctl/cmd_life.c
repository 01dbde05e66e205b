/* dubanctl ack, extend, pause, resume, reassign, and closing cases: the lifecycle. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/rulelang.h"
#include "duban/sched.h"

/* Options shared by the lifecycle commands. */
struct life_opts {
	instant_t	 at;
	const char	*reason;
	const char	*approver;
	const char	*by;
	int		 ceased;
};

static int
life_parse(const char *name, int argc, char **argv, struct life_opts *o, int nargs)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'r' },
		{ "approver", required_argument, NULL, 'p' },
		{ "by", required_argument, NULL, 'b' },
		{ "ceased", no_argument, NULL, 'c' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, force = 0;

	memset(o, 0, sizeof(*o));
	o->at = instant_now();
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (instant_parse(optarg, &o->at) != 0) {
				fprintf(stderr, "dubanctl: --at: '%s' is not a time"
				    " (YYYY-MM-DD [HH:MM[:SS]] or now)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'r':
			o->reason = optarg;
			break;
		case 'p':
			o->approver = optarg;
			break;
		case 'b':
			o->by = optarg;
			break;
		case 'c':
			o->ceased = 1;
			break;
		case 'F':
			force = 1;
			break;
		default:
			return ctl_usage(name);
		}
	}
	if (argc - optind != nargs)
		return ctl_usage(name);
	return ctl_check_time("--at", o->at, force);
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
		fprintf(stderr, "dubanctl: action %lld is done already\n", (long long)id);
		store_action_clear(a);
		return EXIT_FAIL;
	}
	return 0;
}

/* Commit a change with its audit line, wake the daemon, say what happened. */
static int
finish(struct ctl *c, struct action *a, const char *what, const char *detail, int ok)
{
	char due[32];
	int64_t id;

	if (!ok || store_event(c->store, instant_now(), c->who, a->id, what, detail) != 0 ||
	    store_commit(c->store) != 0) {
		fprintf(stderr, "dubanctl: action %lld: %s not recorded: %s\n", (long long)a->id,
		    what, store_errmsg(c->store));
		store_rollback(c->store);
		store_action_clear(a);
		return EXIT_DATABASE;
	}
	ctl_wake(c);
	printf("action %lld: %s", (long long)a->id, detail);
	id = a->id;
	store_action_clear(a);
	if (store_action_get(c->store, id, a) == 0 && a->due_at != 0) {
		instant_deadline(a->due_at, due, sizeof(due));
		printf("; deadline %s%s", due, a->paused_at ? " (paused)" : "");
	}
	printf("\n");
	store_action_clear(a);
	return EXIT_OK;
}

int
cmd_ack(struct ctl *c, int argc, char **argv)
{
	struct life_opts o;
	struct action a;
	char detail[64], at[32];
	int rc;

	if ((rc = life_parse("ack", argc, argv, &o, 1)) != 0 ||
	    (rc = open_action(c, argv[optind], &a)) != 0)
		return rc;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	snprintf(detail, sizeof(detail), "received (签收) %s", instant_format(o.at, at, sizeof(at)));
	return finish(c, &a, "ack", detail, store_action_ack(c->store, a.id, o.at) == 0);
}

int
cmd_extend(struct ctl *c, int argc, char **argv)
{
	const struct rule *r;
	struct duration d;
	struct life_opts o;
	struct action a;
	const char *cause;
	char detail[512], len[32], max[32];
	int rc;

	if ((rc = life_parse("extend", argc, argv, &o, 1)) != 0)
		return rc;
	if (o.by == NULL || o.approver == NULL || o.reason == NULL) {
		fprintf(stderr, "dubanctl: extend needs --by, --approver and --reason\n");
		return ctl_usage("extend");
	}
	if (duration_parse(o.by, &d, &cause) != 0 || d.n < 1) {
		fprintf(stderr, "dubanctl: --by '%s': %s\n", o.by, d.n < 1 ? "must be more than 0" :
		    cause);
		return EXIT_USAGE;
	}
	if ((rc = open_action(c, argv[optind], &a)) != 0)
		return rc;
	r = a.rule ? conf_rule(c->conf, a.rule) : NULL;
	duration_format(&d, len, sizeof(len));
	if (r == NULL || !r->has_extend) {
		fprintf(stderr, "dubanctl: action %lld: its rule \"%s\" allows no extension\n",
		    (long long)a.id, a.rule ? a.rule : "(none)");
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	duration_format(&r->extend_max, max, sizeof(max));
	if (a.nextensions >= r->extend_times) {
		fprintf(stderr, "dubanctl: action %lld was extended %d time%s already; rule \"%s\""
		    " allows %d\n", (long long)a.id, a.nextensions, a.nextensions == 1 ? "" : "s",
		    r->name, r->extend_times);
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	if (d.unit != r->extend_max.unit || d.n > r->extend_max.n) {
		fprintf(stderr, "dubanctl: action %lld: an extension of %s is more than rule \"%s\""
		    " allows (at most %s)\n", (long long)a.id, len, r->name, max);
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	if (d.unit == UNIT_DAYS)
		a.adj.ext_days += d.n;
	else if (d.unit == UNIT_WORKDAYS)
		a.adj.ext_workdays += d.n;
	else
		a.adj.ext_ms += duration_shift(&d, 1, NULL, 0, NULL);
	a.nextensions++;
	snprintf(detail, sizeof(detail), "extended (延期) by %s, approved by %s: %s", len,
	    o.approver, o.reason);
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	/* a new deadline: its own reminders, overdue notices and escalation */
	rc = store_action_set_pause(c->store, a.id, a.paused_at, &a.adj, a.nextensions) == 0 &&
	    store_extension_add(c->store, a.id, o.at, len, o.approver, o.reason, c->who) == 0 &&
	    store_action_new_cycle(c->store, a.id) == 0 &&
	    sched_replan(c->store, c->conf, &a, instant_now(), detail, 0) == 0;
	return finish(c, &a, "extend", detail, rc);
}

int
cmd_pause(struct ctl *c, int argc, char **argv)
{
	struct life_opts o;
	struct action a;
	char detail[512], at[32];
	int rc;

	if ((rc = life_parse("pause", argc, argv, &o, 1)) != 0)
		return rc;
	if (o.reason == NULL) {
		fprintf(stderr, "dubanctl: pause needs --reason\n");
		return ctl_usage("pause");
	}
	if ((rc = open_action(c, argv[optind], &a)) != 0)
		return rc;
	if (a.paused_at != 0) {
		fprintf(stderr, "dubanctl: action %lld is paused already\n", (long long)a.id);
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "paused %s: %s", instant_format(o.at, at, sizeof(at)),
	    o.reason);
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	rc = store_action_set_pause(c->store, a.id, o.at, &a.adj, a.nextensions) == 0 &&
	    store_pause_open(c->store, a.id, o.at, o.reason, c->who) == 0 &&
	    store_action_schedule(c->store, a.id, a.stage, 0, a.checked_at) == 0;
	return finish(c, &a, "pause", detail, rc);
}

int
cmd_resume(struct ctl *c, int argc, char **argv)
{
	struct life_opts o;
	struct action a;
	char detail[256], at[32];
	int32_t from, to;
	int rc, days, wdays;

	if ((rc = life_parse("resume", argc, argv, &o, 1)) != 0 ||
	    (rc = open_action(c, argv[optind], &a)) != 0)
		return rc;
	if (a.paused_at == 0) {
		fprintf(stderr, "dubanctl: action %lld is not paused\n", (long long)a.id);
		store_action_clear(&a);
		return EXIT_FAIL;
	}
	if (o.at < a.paused_at) {
		fprintf(stderr, "dubanctl: --at is before the pause began\n");
		store_action_clear(&a);
		return EXIT_USAGE;
	}
	from = tz_day_of(a.paused_at);
	to = tz_day_of(o.at);
	days = to - from;
	wdays = cal_count_workdays(c->conf->cal, from, to);	/* the days the pause took */
	a.adj.pause_days += days;
	a.adj.pause_workdays += wdays;
	a.adj.pause_ms += o.at - a.paused_at;
	a.paused_at = 0;
	snprintf(detail, sizeof(detail), "resumed %s after %d days (%d working days)",
	    instant_format(o.at, at, sizeof(at)), days, wdays);
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	rc = store_action_set_pause(c->store, a.id, 0, &a.adj, a.nextensions) == 0 &&
	    store_pause_close(c->store, a.id, o.at) == 0 &&
	    sched_replan(c->store, c->conf, &a, instant_now(), detail, REPLAN_KEEP_STAGE) == 0;
	return finish(c, &a, "resume", detail, rc);
}

int
cmd_reassign(struct ctl *c, int argc, char **argv)
{
	struct life_opts o;
	struct department d;
	struct action a;
	char detail[256], at[32];
	int rc;

	if ((rc = life_parse("reassign", argc, argv, &o, 2)) != 0)
		return rc;
	if ((rc = store_dept_get(c->store, argv[optind + 1], &d)) != 0)
		return ctl_lookup(c, rc, "no department '%s'", argv[optind + 1]);
	if ((rc = open_action(c, argv[optind], &a)) != 0) {
		store_dept_clear(&d);
		return rc;
	}
	rc = EXIT_FAIL;
	if (a.dept.id == d.id)
		fprintf(stderr, "dubanctl: action %lld is %s's already\n", (long long)a.id, d.code);
	else if (a.paused_at != 0)
		fprintf(stderr, "dubanctl: action %lld is paused; resume it first, so that the"
		    " pause ends with %s's period\n", (long long)a.id, a.dept.code);
	else if (o.at < a.notified_at)
		fprintf(stderr, "dubanctl: --at %s is before %s was notified\n",
		    instant_format(o.at, at, sizeof(at)), a.dept.code);
	else
		rc = EXIT_OK;
	if (rc != EXIT_OK) {
		store_dept_clear(&d);
		store_action_clear(&a);
		return rc;
	}
	/* the new department's period counts from its own notification */
	snprintf(detail, sizeof(detail), "reassigned from %s to %s, notified %s", a.dept.code,
	    d.code, instant_format(o.at, at, sizeof(at)));
	if (store_begin(c->store) != 0) {
		store_dept_clear(&d);
		store_action_clear(&a);
		return EXIT_DATABASE;
	}
	rc = store_action_reassign(c->store, &a, d.id, o.at, detail) == 0;
	free(a.dept.code);
	a.dept.code = xstrdup_null(d.code);
	a.dept.id = d.id;
	a.notified_at = o.at;
	memset(&a.adj, 0, sizeof(a.adj));
	a.nextensions = 0;
	rc = rc && sched_replan(c->store, c->conf, &a, instant_now(), detail, 0) == 0;
	store_dept_clear(&d);
	return finish(c, &a, "reassign", detail, rc);
}

int
case_close(struct ctl *c, int argc, char **argv)
{
	struct life_opts o;
	struct case_rec k;
	char ids[256], detail[256];
	int rc, n;

	if ((rc = life_parse("case", argc, argv, &o, 1)) != 0)
		return rc;
	if ((rc = store_case_get(c->store, argv[optind], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", argv[optind]);
	if (strcmp(k.status, "closed") == 0) {
		fprintf(stderr, "dubanctl: case %s is closed already\n", k.number);
		store_case_clear(&k);
		return EXIT_FAIL;
	}
	if ((n = store_case_open_actions(c->store, k.id, ids, sizeof(ids))) < 0) {
		store_case_clear(&k);
		return ctl_db_failed(c);
	}
	if (n > 0) {
		fprintf(stderr, "dubanctl: case %s cannot be closed (销号): %d action%s still open"
		    " (%s); mark %s done first\n", k.number, n, n == 1 ? " is" : "s are", ids,
		    n == 1 ? "it" : "them");
		store_case_clear(&k);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "case %s closed (销号)%s", k.number,
	    o.ceased ? ", petitioner ceased (息诉罢访)" : "");
	if (store_begin(c->store) != 0 || store_case_close(c->store, k.id, o.at, o.ceased) != 0 ||
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
