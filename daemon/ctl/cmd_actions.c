/* dubanctl actions: the open actions with their deadline and state. */
#include <stdbool.h>
#include <stdio.h>

#include "ctl.h"

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
cmd_actions(struct ctl *c, struct ctl_args *a)
{
	struct list_ctx lc = { c->conf, instant_now() };
	bool all = args_has(a, "all");

	{
		static const char *const cols[] = { NC_("column", "id"), NC_("column", "case"),
		    NC_("column", "dept"), NC_("column", "step"), NC_("column", "deadline"),
		    NC_("column", "state"), NC_("column", "next"), NC_("column", "note") };
		static const int w[] = { 6, 12, 8, 16, 19, 11, 19, 0 };

		out_header_typed(cols, w, 8, "nssstete");
		if (store_action_each(c->store, all, print_action, &lc) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}

