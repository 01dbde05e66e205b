/* dubanctl actions, queue, mail: listings. */
#include <getopt.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/xmalloc.h"

/* --all is the only option of the listings. */
static int
parse_all(const char *name, int argc, char **argv, bool *all)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	*all = false;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'a')
			return ctl_usage(name);
		*all = true;
	}
	if (optind != argc)
		return ctl_usage(name);
	return 0;
}

/* The state of an action as the office says it. */
static const char *
action_state(const struct config *conf, const struct action *a, instant_t now)
{
	const struct rule *r = a->rule ? conf_rule(conf, a->rule) : NULL;

	if (r != NULL && r->waiting) {	/* a minimum period: nobody is late */
		if (a->done_at != 0)
			return "done";
		return a->due_at != 0 && a->due_at <= now ? "period-run" : "waiting";
	}
	if (a->done_at != 0)
		return a->due_at != 0 && a->done_at > a->due_at ? "done-late" : "done";
	if (a->due_at == 0)
		return "no-deadline";
	if (a->due_at <= now)
		return "overdue";
	return "open";
}

struct list_ctx {
	const struct config	*conf;
	instant_t		 now;
};

static int
print_action(const struct action *a, void *arg)
{
	const struct list_ctx *lc = arg;
	char id[24], due[32] = "", next[32] = "";
	const char *v[8];

	snprintf(id, sizeof(id), "%lld", (long long)a->id);
	if (a->due_at)
		instant_deadline(a->due_at, due, sizeof(due));
	if (a->next_at)
		instant_format(a->next_at, next, sizeof(next));
	v[0] = id;
	v[1] = a->kase.number;
	v[2] = a->dept.code;
	v[3] = a->step;
	v[4] = due;
	v[5] = a->paused_at ? "paused" : action_state(lc->conf, a, lc->now);
	v[6] = next;
	v[7] = a->uncertain ? "uncertain" : "";
	out_row(v);
	return 0;
}

int
cmd_actions(struct ctl *c, int argc, char **argv)
{
	struct list_ctx lc = { c->conf, instant_now() };
	bool all;
	int rc;

	if ((rc = parse_all("actions", argc, argv, &all)) != 0)
		return rc;
	{
		static const char *const cols[] = { "id", "case", "dept", "step", "deadline",
		    "state", "next", "note" };
		static const int w[] = { 6, 12, 8, 16, 19, 11, 19, 0 };

		out_header(cols, w, 8);
		if (store_action_each(c->store, all, print_action, &lc) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}

static int
print_escalation(const struct escalation_row *e, void *arg)
{
	char id[24], action[24], level[8], opened[32], due[32];
	const char *v[9];

	(void)arg;
	snprintf(id, sizeof(id), "%lld", (long long)e->id);
	snprintf(action, sizeof(action), "%lld", (long long)e->action_id);
	snprintf(level, sizeof(level), "%d", e->level);
	instant_format(e->opened_at, opened, sizeof(opened));
	instant_deadline(e->due_at, due, sizeof(due));
	v[0] = id;
	v[1] = action;
	v[2] = level;
	v[3] = e->target;
	v[4] = e->case_number;
	v[5] = e->dept_name;
	v[6] = due;
	v[7] = opened;
	v[8] = e->resolved_at ? "resolved" : e->acked_at ? "acknowledged" : "open";
	out_row(v);
	return 0;
}

int
cmd_queue(struct ctl *c, int argc, char **argv)
{
	bool all;
	int rc;

	if (argc >= 2 && argv[1][0] != '-')
		return queue_sub(c, argc, argv);
	if ((rc = parse_all("queue", argc, argv, &all)) != 0)
		return rc;
	{
		static const char *const cols[] = { "id", "action", "level", "target", "case",
		    "dept", "deadline", "escalated", "state" };
		static const int w[] = { 5, 6, 5, 12, 12, 14, 19, 19, 0 };

		out_header(cols, w, 9);
		if (store_escalation_each(c->store, all, print_escalation, NULL) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}

static int
print_notice(const struct notice_row *r, void *arg)
{
	char id[24], action[24], tries[12], when[32] = "";
	const char *v[8];

	(void)arg;
	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	snprintf(action, sizeof(action), "%lld", (long long)r->action_id);
	snprintf(tries, sizeof(tries), "%d", r->attempts);
	if (r->sent_at)
		instant_format(r->sent_at, when, sizeof(when));
	else if (r->next_try)
		instant_format(r->next_try, when, sizeof(when));
	v[0] = id;
	v[1] = action;
	v[2] = r->kind;
	v[3] = r->status;
	v[4] = tries;
	v[5] = when;
	v[6] = r->recipient;
	v[7] = r->reply ? r->reply : "";
	out_row(v);
	return 0;
}

/* dubanctl mail retry ID: a failed notice goes back to the queue. */
static int
mail_retry(struct ctl *c, const char *arg)
{
	char detail[64];
	int64_t id;
	int rc;

	if (ctl_parse_id(arg, &id) != 0)
		return EXIT_USAGE;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	if ((rc = store_notice_requeue(c->store, id, instant_now())) != 0) {
		store_rollback(c->store);
		fprintf(stderr, "dubanctl: notice %lld is not a failed notice\n", (long long)id);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "notice %lld", (long long)id);
	store_event(c->store, instant_now(), c->who, 0, "mail retry", detail);
	if (store_commit(c->store) != 0)
		return EXIT_DATABASE;
	ctl_wake(c);
	printf("notice %lld queued again\n", (long long)id);
	return EXIT_OK;
}

/* dubanctl mail test ADDRESS: one message through the configured server, now. */
static int
mail_test(struct ctl *c, const char *addr)
{
	char when[32], *body, *reply;
	int rc;

	if (ctl_check_address("mail test", addr, ADDR_ONE) != 0)
		return EXIT_USAGE;
	instant_format(instant_now(), when, sizeof(when));
	xasprintf(&body, "这是督办系统（duban）的测试邮件，发送时间 %s。\n"
	    "This is a test message from duban, sent %s.\n", when, when);
	rc = ctl_send_now(c, NULL, addr, "【测试】督办系统测试邮件", body, "test", &reply);
	if (reply != NULL)
		printf("%s:%d: %s\n", c->conf->smtp.host, c->conf->smtp.port, reply);
	free(reply);
	free(body);
	return rc;
}

int
cmd_mail(struct ctl *c, int argc, char **argv)
{
	struct outbox_counts n;
	bool all;
	int rc;

	if (argc == 3 && strcmp(argv[1], "retry") == 0)
		return mail_retry(c, argv[2]);
	if (argc == 3 && strcmp(argv[1], "test") == 0)
		return mail_test(c, argv[2]);
	if ((rc = parse_all("mail", argc, argv, &all)) != 0)
		return rc;
	store_outbox_counts(c->store, &n);
	if (ctl_out == OUT_TABLE)
		printf("queued %d, sent %d, failed %d\n", n.queued, n.sent, n.failed);
	{
		static const char *const cols[] = { "id", "action", "kind", "status", "tries",
		    "sent_or_next_try", "recipient", "server_reply" };
		static const int w[] = { 6, 6, 10, 7, 5, 19, 28, 0 };

		out_header(cols, w, 8);
		if (store_notice_each(c->store, all, print_notice, NULL) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}

static int
print_event(instant_t at, const char *who, int64_t action, const char *what,
    const char *detail, void *arg)
{
	char when[32], act[24] = "";
	const char *v[5];

	(void)arg;
	instant_format(at, when, sizeof(when));
	if (action)
		snprintf(act, sizeof(act), "%lld", (long long)action);
	v[0] = when;
	v[1] = who;
	v[2] = act;
	v[3] = what;
	v[4] = detail ? detail : "";
	out_row(v);
	return 0;
}

int
cmd_log(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "action", required_argument, NULL, 'a' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	instant_t from = 0, to = INT64_MAX;
	int64_t action = 0;
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			if (ctl_parse_id(optarg, &action) != 0)
				return EXIT_USAGE;
			break;
		case 's':
		case 'u':
			if (instant_parse(optarg, ch == 's' ? &from : &to) != 0) {
				fprintf(stderr, "dubanctl: --%s: '%s' is not a time\n",
				    ch == 's' ? "since" : "until", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			return ctl_usage("log");
		}
	}
	if (optind != argc)
		return ctl_usage("log");
	{
		static const char *const cols[] = { "when", "who", "action", "what", "detail" };
		static const int w[] = { 19, 10, 6, 18, 0 };

		out_header(cols, w, 5);
		if (store_event_each(c->store, action, from, to, print_event, NULL) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}
