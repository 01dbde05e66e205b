/* dubanctl actions, queue, mail: listings. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"

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
action_state(const struct action *a, instant_t now)
{
	if (a->done_at != 0)
		return a->due_at != 0 && a->done_at > a->due_at ? "done-late" : "done";
	if (a->due_at == 0)
		return "no-deadline";
	if (a->due_at <= now)
		return "overdue";
	return "open";
}

static int
print_action(const struct action *a, void *arg)
{
	const instant_t *now = arg;
	char due[32] = "-", next[32] = "-";

	if (a->due_at)
		instant_format(a->due_at, due, sizeof(due));
	if (a->next_at)
		instant_format(a->next_at, next, sizeof(next));
	printf("%-6lld %-12s %-10s %-16s %-19s %-11s %-19s %s\n", (long long)a->id,
	    a->kase.number, a->dept.code, a->step, due, action_state(a, *now), next,
	    a->uncertain ? "uncertain" : "");
	return 0;
}

int
cmd_actions(struct ctl *c, int argc, char **argv)
{
	instant_t now = time_now();
	bool all;
	int rc;

	if ((rc = parse_all("actions", argc, argv, &all)) != 0)
		return rc;
	printf("%-6s %-12s %-10s %-16s %-19s %-11s %-19s\n", "ID", "CASE", "DEPT", "STEP",
	    "DEADLINE", "STATE", "NEXT");
	store_action_each(c->store, all, print_action, &now);
	return EXIT_OK;
}

static int
print_escalation(const struct escalation_row *e, void *arg)
{
	char opened[32], due[32];

	(void)arg;
	instant_format(e->opened_at, opened, sizeof(opened));
	instant_format(e->due_at, due, sizeof(due));
	printf("%-5lld %-6lld %-5d %-12s %-12s %-14s %-19s %-19s %s\n", (long long)e->id,
	    (long long)e->action_id, e->level, e->target, e->case_number, e->dept_name, due,
	    opened, e->resolved_at ? "resolved" : e->acked_at ? "acknowledged" : "open");
	return 0;
}

int
cmd_queue(struct ctl *c, int argc, char **argv)
{
	bool all;
	int rc;

	if ((rc = parse_all("queue", argc, argv, &all)) != 0)
		return rc;
	printf("%-5s %-6s %-5s %-12s %-12s %-14s %-19s %-19s %s\n", "ID", "ACTION", "LEVEL",
	    "TARGET", "CASE", "DEPT", "DEADLINE", "ESCALATED", "STATE");
	store_escalation_each(c->store, all, print_escalation, NULL);
	return EXIT_OK;
}

static int
print_notice(const struct notice_row *r, void *arg)
{
	char when[32] = "-";

	(void)arg;
	if (r->sent_at)
		instant_format(r->sent_at, when, sizeof(when));
	else if (r->next_try)
		instant_format(r->next_try, when, sizeof(when));
	printf("%-6lld %-6lld %-10s %-7s %-3d %-19s %-28s %s\n", (long long)r->id,
	    (long long)r->action_id, r->kind, r->status, r->attempts, when, r->recipient,
	    r->reply ? r->reply : "");
	return 0;
}

int
cmd_mail(struct ctl *c, int argc, char **argv)
{
	struct outbox_counts n;
	bool all;
	int rc;

	if ((rc = parse_all("mail", argc, argv, &all)) != 0)
		return rc;
	store_outbox_counts(c->store, &n);
	printf("queued %d, sent %d, failed %d\n", n.queued, n.sent, n.failed);
	printf("%-6s %-6s %-10s %-7s %-3s %-19s %-28s %s\n", "ID", "ACTION", "KIND", "STATUS",
	    "TRY", "SENT/NEXT TRY", "RECIPIENT", "SERVER REPLY");
	store_notice_each(c->store, all, print_notice, NULL);
	return EXIT_OK;
}
