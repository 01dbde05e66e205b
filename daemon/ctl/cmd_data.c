/* dubanctl dept, case, assign, done: data entry. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/calendar.h"
#include "duban/sched.h"
#include "duban/text.h"

static int
print_dept(const struct department *d, void *arg)
{
	const char *v[5] = { d->code, d->name, d->head, d->email, d->cc };

	(void)arg;
	out_row(v);
	return 0;
}

/* dubanctl dept edit CODE [--name] [--head] [--email] [--cc] */
static int
dept_edit(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "head", required_argument, NULL, 'H' },
		{ "email", required_argument, NULL, 'e' },
		{ "cc", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct department d, upd;
	char detail[256];
	int ch, rc;

	memset(&upd, 0, sizeof(upd));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			upd.name = optarg;
			break;
		case 'H':
			upd.head = optarg;
			break;
		case 'e':
			if (ctl_check_address("--email", optarg, ADDR_ONE) != 0)
				return EXIT_USAGE;
			upd.email = optarg;
			break;
		case 'c':
			if (ctl_check_address("--cc", optarg, ADDR_LIST) != 0)
				return EXIT_USAGE;
			upd.cc = optarg;
			break;
		default:
			return ctl_usage("dept");
		}
	}
	if (argc - optind != 1)
		return ctl_usage("dept");
	if ((rc = store_dept_get(c->store, argv[optind], &d)) != 0)
		return ctl_lookup(c, rc, "no department '%s'", argv[optind]);
	upd.code = d.code;
	if (upd.name == NULL)
		upd.name = d.name;
	if (upd.head == NULL)
		upd.head = d.head;
	if (upd.email == NULL)
		upd.email = d.email;
	if (upd.cc == NULL)
		upd.cc = d.cc;
	snprintf(detail, sizeof(detail), "%s: %s, %s <%s>", upd.code, upd.name, upd.head, upd.email);
	rc = store_begin(c->store) == 0 && store_dept_update(c->store, &upd) == 0 &&
	    store_event(c->store, instant_now(), c->who, 0, "dept edit", detail) == 0 &&
	    store_commit(c->store) == 0;
	if (!rc)
		store_rollback(c->store);
	else
		printf("department %s\n", detail);
	store_dept_clear(&d);
	return rc ? EXIT_OK : EXIT_DATABASE;
}

int
cmd_dept(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ "email", required_argument, NULL, 'e' },
		{ "cc", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct department d;
	char detail[256];
	int ch;

	if (argc >= 2 && strcmp(argv[1], "list") == 0 && argc == 2) {
		static const char *const cols[] = { "code", "name", "head", "email", "cc" };
		static const int w[] = { 6, 16, 8, 28, 0 };

		out_header(cols, w, 5);
		if (store_dept_each(c->store, print_dept, NULL) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return dept_import(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "edit") == 0)
		return dept_edit(c, argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return ctl_usage("dept");
	memset(&d, 0, sizeof(d));
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'H':
			d.head = optarg;
			break;
		case 'e':
			d.email = optarg;
			break;
		case 'c':
			if (ctl_check_address("--cc", optarg, ADDR_LIST) != 0)
				return EXIT_USAGE;
			d.cc = optarg;
			break;
		default:
			return ctl_usage("dept");
		}
	}
	if (argc - optind != 2)
		return ctl_usage("dept");
	d.code = argv[optind];
	d.name = argv[optind + 1];
	if (d.code[0] == '\0' || d.name[0] == '\0' || strlen(d.code) > 32 ||
	    strpbrk(d.code, " ,;") != NULL) {
		fprintf(stderr, "dubanctl: a department needs a code (at most 32 bytes, no spaces,"
		    " commas or semicolons) and a name\n");
		return EXIT_USAGE;
	}
	if (d.email != NULL && ctl_check_address("--email", d.email, ADDR_ONE) != 0)
		return EXIT_USAGE;
	if (store_begin(c->store) != 0 || store_dept_add(c->store, &d, NULL) != 0) {
		fprintf(stderr, "dubanctl: department %s not added: %s\n", d.code,
		    store_errmsg(c->store));
		store_rollback(c->store);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "%s %s", d.code, d.name);
	store_event(c->store, instant_now(), c->who, 0, "dept add", detail);
	if (store_commit(c->store) != 0)
		return EXIT_DATABASE;
	printf("department %s added\n", d.code);
	return EXIT_OK;
}

int
cmd_case(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "category", required_argument, NULL, 'c' },
		{ "key", no_argument, NULL, 'k' },
		{ "leader", required_argument, NULL, 'l' },
		{ "petitioner", required_argument, NULL, 'p' },
		{ "lead", required_argument, NULL, 'L' },
		{ "received", required_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct case_rec k;
	struct department d;
	char detail[512];
	int ch, rc, force = 0;

	if (argc >= 2 && strcmp(argv[1], "close") == 0)
		return case_close(c, argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return ctl_usage("case");
	memset(&k, 0, sizeof(k));
	k.category = 9;
	k.received_at = instant_now();
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (strlen(optarg) != 1 || optarg[0] < '1' || optarg[0] > '9') {
				fprintf(stderr, "dubanctl: --category takes 1 to 9, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			k.category = optarg[0] - '0';
			break;
		case 'k':
			k.key_case = 1;
			break;
		case 'l':
			if ((strchr(optarg, '<') || strchr(optarg, '@')) &&
			    ctl_check_address("--leader", optarg, ADDR_SPEC) != 0)
				return EXIT_USAGE;
			k.leader = optarg;
			break;
		case 'p':
			k.petitioner = optarg;
			break;
		case 'L':
			k.lead_dept = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'r':
			if (instant_parse(optarg, &k.received_at) != 0) {
				fprintf(stderr, "dubanctl: --received: '%s' is not a time"
				    " (YYYY-MM-DD [HH:MM[:SS]])\n", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			return ctl_usage("case");
		}
	}
	if (argc - optind != 2)
		return ctl_usage("case");
	k.number = argv[optind];
	k.title = argv[optind + 1];
	if (k.number[0] == '\0' || k.title[0] == '\0') {
		fprintf(stderr, "dubanctl: a case needs a number and a title\n");
		return EXIT_USAGE;
	}
	if (strlen(k.number) > 64) {
		fprintf(stderr, "dubanctl: a case number is at most 64 bytes\n");
		return EXIT_USAGE;
	}
	if (ctl_check_time("--received", k.received_at, force) != 0)
		return EXIT_USAGE;
	if (k.lead_dept != NULL) {
		if ((rc = store_dept_get(c->store, k.lead_dept, &d)) != 0)
			return ctl_lookup(c, rc, "--lead: no department '%s'", k.lead_dept);
		store_dept_clear(&d);
	}
	if (store_begin(c->store) != 0 || store_case_add(c->store, &k, NULL) != 0) {
		fprintf(stderr, "dubanctl: case %s not added: %s\n", k.number,
		    store_errmsg(c->store));
		store_rollback(c->store);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "%s %s", k.number, k.title);
	store_event(c->store, instant_now(), c->who, 0, "case add", detail);
	if (store_commit(c->store) != 0)
		return EXIT_DATABASE;
	printf("case %s added\n", k.number);
	return EXIT_OK;
}

int
cmd_assign(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "rule", required_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'F' },
		{ "overdue-ok", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 }
	};
	struct case_rec k;
	struct department d;
	struct plan p;
	const char *rule = NULL, *cause;
	instant_t at = instant_now();
	char due[32], detail[512];
	int64_t id;
	int ch, rc = EXIT_FAIL, force = 0, overdue_ok = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (instant_parse(optarg, &at) != 0) {
				fprintf(stderr, "dubanctl: --at: '%s' is not a time"
				    " (YYYY-MM-DD [HH:MM[:SS]] or now)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'r':
			rule = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'O':
			overdue_ok = 1;
			break;
		default:
			return ctl_usage("assign");
		}
	}
	if (argc - optind != 3)
		return ctl_usage("assign");
	if (ctl_check_time("--at", at, force) != 0)
		return EXIT_USAGE;
	memset(&k, 0, sizeof(k));
	memset(&d, 0, sizeof(d));
	if ((rc = store_case_get(c->store, argv[optind], &k)) != 0)
		return ctl_lookup(c, rc, "no case '%s'", argv[optind]);
	if ((rc = store_dept_get(c->store, argv[optind + 1], &d)) != 0) {
		rc = ctl_lookup(c, rc, "no department '%s'", argv[optind + 1]);
		goto out;
	}
	rc = EXIT_FAIL;
	if (sched_plan(c->conf, rule, argv[optind + 2], d.code, k.category, k.key_case, at,
	    NULL, &p, &cause) != 0) {
		fprintf(stderr, "dubanctl: --rule %s: %s\n", rule, cause);
		rc = EXIT_USAGE;
		goto out;
	}
	if (p.rule == NULL)
		fprintf(stderr, "dubanctl: warning: no rule matches step '%s'; the action has"
		    " no deadline\n", argv[optind + 2]);
	if (d.email == NULL || d.email[0] == '\0')
		fprintf(stderr, "dubanctl: warning: department %s has no mail address: its reminders"
		    " and overdue notices cannot be sent, and the office will be told each time"
		    " (dubanctl dept edit %s --email ADDRESS)\n", d.code, d.code);
	if (p.rule != NULL && p.due <= instant_now() && !overdue_ok) {
		instant_deadline(p.due, due, sizeof(due));
		fprintf(stderr, "dubanctl: the action would be overdue at once (due %s by rule %s):"
		    " %s would be sent an overdue notice now and escalated after; check --at, or"
		    " give --overdue-ok if that is right\n", due, p.rule->name, d.code);
		goto out;
	}
	if (store_begin(c->store) != 0 ||
	    store_action_add(c->store, k.id, d.id, argv[optind + 2], at,
	    p.rule ? p.rule->name : NULL, rule != NULL, p.due, p.uncertain, p.next_at, instant_now(),
	    &id) != 0) {
		fprintf(stderr, "dubanctl: action not assigned: %s\n", store_errmsg(c->store));
		store_rollback(c->store);
		rc = EXIT_DATABASE;
		goto out;
	}
	if (p.rule)
		instant_deadline(p.due, due, sizeof(due));
	snprintf(detail, sizeof(detail), "case %s to %s: %s, rule %s, due %s", k.number,
	    d.code, argv[optind + 2], p.rule ? p.rule->name : "none", p.rule ? due : "none");
	store_event(c->store, instant_now(), c->who, id, "assign", detail);
	if (store_commit(c->store) != 0) {
		rc = EXIT_DATABASE;
		goto out;
	}
	ctl_wake(c);
	printf("action %lld assigned to %s, due %s%s\n", (long long)id, d.code,
	    p.rule ? due : "(no deadline)", p.uncertain ? " (uncertain: calendar year not covered)" : "");
	rc = EXIT_OK;
out:
	store_case_clear(&k);
	store_dept_clear(&d);
	return rc;
}

/*
 * A waiting period (不少于, a minimum) may not be ended early: done before it
 * has run is refused, unless forced with a reason, which is recorded.
 */
static int
waiting_not_over(struct ctl *c, int64_t id, instant_t at, int force, const char *reason)
{
	const struct rule *r;
	struct action a;
	int left;

	if (store_action_get(c->store, id, &a) != 0)
		return 0;	/* the store says what is wrong below */
	r = a.rule ? conf_rule(c->conf, a.rule) : NULL;
	if (r == NULL || !r->waiting || a.due_at == 0 || at >= a.due_at || a.done_at != 0) {
		store_action_clear(&a);
		return 0;
	}
	left = cal_count_workdays(c->conf->cal, tz_day_of(at) + 1, tz_day_of(a.due_at - 1) + 1);
	store_action_clear(&a);
	if (force && reason != NULL)
		return 0;
	fprintf(stderr, "dubanctl: 期间未满，尚余 %d 个工作日 (action %lld is a waiting period"
	    " of rule %s, a minimum that has not run: %d working day%s left); to end it early"
	    " give --force --reason TEXT, which is recorded\n", left, (long long)id, r->name,
	    left, left == 1 ? "" : "s");
	return EXIT_FAIL;
}

int
cmd_done(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "note", required_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'F' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	instant_t at = instant_now();
	const char *note = NULL, *reason = NULL;
	char detail[TEXT_MAX + 256];
	int64_t id;
	int ch, rc, force = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (instant_parse(optarg, &at) != 0) {
				fprintf(stderr, "dubanctl: --at: '%s' is not a time\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'n':
			note = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'r':
			reason = optarg;
			break;
		default:
			return ctl_usage("done");
		}
	}
	if (argc - optind != 1)
		return ctl_usage("done");
	if (ctl_check_time("--at", at, force) != 0)
		return EXIT_USAGE;
	if (ctl_parse_id(argv[optind], &id) != 0)
		return EXIT_USAGE;
	if ((rc = waiting_not_over(c, id, at, force, reason)) != 0)
		return rc;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	rc = store_action_done(c->store, id, at, note);
	if (rc != 0) {
		store_rollback(c->store);
		if (rc == STORE_DONE_ALREADY) {
			fprintf(stderr, "dubanctl: action %lld is done already\n", (long long)id);
			return EXIT_FAIL;
		}
		return ctl_lookup(c, rc, "action %lld does not exist", (long long)id);
	}
	if (reason != NULL) {
		snprintf(detail, sizeof(detail), "%s%sbefore its waiting period ended, forced: %s",
		    note ? note : "", note ? "; " : "", reason);
		note = detail;
	}
	store_event(c->store, instant_now(), c->who, id, "done", note);
	if (store_commit(c->store) != 0)
		return EXIT_DATABASE;
	ctl_wake(c);
	printf("action %lld done\n", (long long)id);
	return EXIT_OK;
}
