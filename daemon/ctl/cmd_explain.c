/* dubanctl explain: how an action's deadline was reached and what follows from it. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "duban/rules.h"
#include "duban/text.h"

static int
print_audit(const struct audit_row *r, void *arg)
{
	char at[32], old[32], new[32];

	(void)arg;
	instant_format(r->at, at, sizeof(at));
	snprintf(old, sizeof(old), "%s", _("none"));
	snprintf(new, sizeof(new), "%s", _("none"));
	if (r->old_due)
		instant_deadline(r->old_due, old, sizeof(old));
	if (r->new_due)
		instant_deadline(r->new_due, new, sizeof(new));
	printf(_("  %s  %s -> %s  (rule %s -> %s: %s)\n"), at, old, new,
	    r->old_rule ? r->old_rule : _("none"), r->new_rule ? r->new_rule : _("none"), r->why);
	return 0;
}

static int
print_period(const char *kind, instant_t from, instant_t to, const char *a, const char *b,
    const char *c, void *arg)
{
	char f[32], t[32];

	(*(int *)arg)++;
	instant_format(from, f, sizeof(f));
	if (strcmp(kind, "pause") == 0) {
		if (to)
			instant_format(to, t, sizeof(t));
		printf(_("  pause      %s to %s: %s (by %s)\n"), f, to ? t : _("(still paused)"), a, b);
	} else if (strcmp(kind, "transfer") == 0) {
		if (to)
			instant_format(to, t, sizeof(t));
		printf(_("  transfer   to %s %s, back %s: %s (by %s)\n"), c, f,
		    to ? t : _("(still away)"), a, b);
	} else
		printf(_("  extension  %s by %s, approved by %s: %s\n"), f, a, b, c);
	return 0;
}

static int
print_assignment(const struct assignment_row *r, void *arg)
{
	char from[32], due[32], to[32];

	(*(int *)arg)++;
	instant_format(r->notified_at, from, sizeof(from));
	snprintf(due, sizeof(due), "%s", _("none"));
	if (r->due_at != 0)
		instant_deadline(r->due_at, due, sizeof(due));
	instant_format(r->ended_at, to, sizeof(to));
	printf(_("  %s %s  notified %s, deadline %s (rule %s), until %s: %s%s\n"), r->dept,
	    r->dept_name, from, due, r->rule ? r->rule : _("none"), to, r->why,
	    r->due_at != 0 && r->ended_at > r->due_at ? _(" (overdue when taken from it)") : "");
	return 0;
}

static int
print_notice(const struct notice_row *n, void *arg)
{
	char when[32] = "";
	int *count = arg;

	if (n->sent_at)
		instant_format(n->sent_at, when, sizeof(when));
	else if (n->next_try)
		instant_format(n->next_try, when, sizeof(when));
	printf("  %s%*s %-19s %s%*s", out_word(n->status), text_pad(out_word(n->status), 6), "",
	    when, out_word(n->kind), text_pad(out_word(n->kind), 10), "");
	if (strcmp(n->kind, "escalation") == 0)
		printf(_(" level %d"), n->level);
	else if (strcmp(n->kind, "overdue") == 0 && n->seq > 0)
		printf(_(" repeat %d"), n->seq);
	printf(_(" to %s"), n->recipient);
	if (n->due_at != 0) {
		instant_deadline(n->due_at, when, sizeof(when));
		printf(_(" (deadline %s)"), when);
	}
	printf("%s%s\n", n->reply ? "  " : "", n->reply ? n->reply : "");
	(*count)++;
	return 0;
}

int
cmd_explain(struct ctl *c, struct ctl_args *args)
{
	struct event ev[RULE_MAX_EVENTS];
	struct rule_env env = conf_env(c->conf);
	const struct rule *r;
	struct action a;
	const char *w;
	char at[32];
	int64_t id;
	int i, n, count = 0;

	if (ctl_parse_id(args->argv[0], &id) != 0)
		return EXIT_USAGE;
	if ((i = store_action_get(c->store, id, &a)) != 0)
		return ctl_lookup(c, i, "action %lld does not exist", (long long)id);
	printf(_("action %lld: case %s (%s), department %s %s, step %s\n"), (long long)a.id,
	    a.kase.number, a.kase.title, a.dept.code, a.dept.name, conf_step_name(c->conf, a.step));
	if (a.what != NULL)
		printf(_("the work: %s\n"), a.what);
	if (a.responsible != NULL)
		printf(_("responsible: %s\n"), a.responsible);
	r = a.rule ? conf_rule(c->conf, a.rule) : NULL;
	if (r == NULL)
		printf(a.rule ? _("no rule of the configuration governs it (rule \"%s\" is gone): it"
		    " has no deadline\n") : _("no rule of the configuration governs it%s: it has no"
		    " deadline\n"), a.rule ? a.rule : "");
	else if (a.adj.agreed != 0) {
		instant_deadline(a.adj.agreed, at, sizeof(at));
		printf(_("rule \"%s\": its reminders and escalation; the deadline was agreed with the"
		    " petitioner (解决协议): %s%s%s\n"), r->name, at, a.responsible ? _(", responsible ") :
		    "", a.responsible ? a.responsible : "");
	} else
		rule_explain(r, &env, a.notified_at, stdout);
	if (r != NULL && (a.adj.pause_days || a.adj.pause_ms || a.adj.ext_days ||
	    a.adj.ext_workdays || a.adj.ext_ms))
		printf(_("moved by pauses (%d days, %d working days) and extensions (%d days,"
		    " %d working days, %lld s)\n"), a.adj.pause_days, a.adj.pause_workdays,
		    a.adj.ext_days, a.adj.ext_workdays, (long long)(a.adj.ext_ms / 1000));
	if (a.due_at != 0) {
		instant_deadline(a.due_at, at, sizeof(at));
		printf(_("recorded deadline %s%s\n"), at, a.uncertain ? _(" (uncertain)") : "");
	}
	printf(_("extensions and pauses:\n"));
	count = 0;
	if (store_period_each(c->store, id, print_period, &count) != 0)
		goto failed;
	if (count == 0)
		printf(_("  none\n"));
	if (a.paused_at != 0)
		printf(_("  the clock is stopped: no notice goes out until it is resumed\n"));
	count = 0;
	printf(_("earlier assignments:\n"));
	if (store_assignment_each(c->store, id, print_assignment, &count) != 0)
		goto failed;
	if (count == 0)
		printf(_("  none\n"));
	count = 0;
	printf(_("deadline changes:\n"));
	if (store_audit_each(c->store, id, print_audit, NULL) != 0)
		goto failed;
	printf(_("notices:\n"));
	if (store_notice_each_action(c->store, id, print_notice, &count) != 0)
		goto failed;
	if (a.done_at != 0) {
		instant_format(a.done_at, at, sizeof(at));
		printf(_("done %s%s%s: nothing more will be sent\n"), at, a.note ? ", " : "",
		    a.note ? a.note : "");
	} else if (r != NULL && a.paused_at == 0) {
		n = rule_events(r, c->conf->cal, a.due_at, ev);
		for (i = a.stage; i < n; i++) {
			instant_format(ev[i].at, at, sizeof(at));
			w = out_word(event_kind_name(ev[i].kind));
			printf(_("  to come %-19s %s%*s"), at, w, text_pad(w, 10), "");
			if (ev[i].kind == EV_ESCALATE)
				printf(_(" level %d -> %s"), ev[i].level, r->levels[ev[i].level - 1].target);
			else if (ev[i].kind == EV_OVERDUE && ev[i].seq > 0)
				printf(_(" repeat %d"), ev[i].seq);
			printf("\n");
		}
		if (a.stage >= n)
			printf(_("  nothing more to come\n"));
	}
	store_action_clear(&a);
	return EXIT_OK;
failed:
	store_action_clear(&a);
	return ctl_db_failed(c);
}
