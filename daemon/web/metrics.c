/*
 * /metrics in Prometheus' text format: actions by state and department
 * code (never a person's name), the outbox and the age of its oldest
 * notice, the queue, whether the daemon answers and when it last worked,
 * and this service's own requests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/control.h"

/* A label's value: backslash, quote and line feed escaped. */
static void
label(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		if (*s == '\\' || *s == '"')
			buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_add(b, s, 1);
}

static void
family(struct buf *b, const char *name, const char *type, const char *help)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
action_row(const char *dept, const char *state, int64_t n, void *arg)
{
	struct buf *b = arg;

	buf_puts(b, "duban_actions{dept=\"");
	label(b, dept);
	buf_printf(b, "\",state=\"%s\"} %lld\n", state, (long long)n);
}

/* The daemon's "last pass" from its control socket: 0 and *up false if it does not answer. */
static long long
daemon_last_pass(struct web *w, bool *up)
{
	char reply[2048], *p;

	*up = control_ask(w->conf->socket_path, "status", reply, sizeof(reply), 1000) == 0;
	p = *up ? strstr(reply, "\nlast pass: ") : NULL;
	return p ? strtoll(p + 12, NULL, 10) : 0;
}

void
metrics_render(struct web *w, instant_t now, struct buf *b)
{
	static const char *const esc[] = { "open", "acknowledged", "resolved" };
	static const char *const req[] = { "2xx", "3xx", "4xx", "5xx" };
	struct outbox_counts c;
	int64_t e[3];
	instant_t oldest;
	long long pass;
	bool up, db = true;
	int i, open, overdue;

	family(b, "duban_actions", "gauge", "Actions by department code and state (open,"
	    " overdue, paused, done).");
	if (store_metrics_actions(w->store, now, w->conf->waiting_rules, action_row, b) != 0)
		db = false;
	family(b, "duban_overdue_actions", "gauge", "Open actions past their deadline.");
	if (store_count_open(w->store, now, w->conf->waiting_rules, &open, &overdue) != 0)
		db = false, overdue = 0;
	buf_printf(b, "duban_overdue_actions %d\n", overdue);
	family(b, "duban_outbox_notices", "gauge", "Notices in the outbox by status.");
	if (store_outbox_counts_all(w->store, &c) != 0)
		db = false, memset(&c, 0, sizeof(c));
	buf_printf(b, "duban_outbox_notices{status=\"queued\"} %d\n"
	    "duban_outbox_notices{status=\"sent\"} %d\nduban_outbox_notices{status=\"failed\"} %d\n",
	    c.queued, c.sent, c.failed);
	family(b, "duban_outbox_oldest_queued_age_seconds", "gauge",
	    "How long the oldest notice still queued has waited (0: none queued).");
	oldest = store_oldest_queued(w->store);
	buf_printf(b, "duban_outbox_oldest_queued_age_seconds %.3f\n",
	    oldest != 0 && oldest < now ? (double)(now - oldest) / 1000.0 : 0.0);
	family(b, "duban_escalations", "gauge", "Entries of the discipline group's queue by state.");
	if (store_metrics_escalations(w->store, e) != 0)
		db = false;
	for (i = 0; i < 3; i++)
		buf_printf(b, "duban_escalations{state=\"%s\"} %lld\n", esc[i], (long long)e[i]);
	family(b, "duban_database_up", "gauge", "Whether the database answered this scrape.");
	buf_printf(b, "duban_database_up %d\n", db ? 1 : 0);
	pass = daemon_last_pass(w, &up);
	family(b, "duban_daemon_up", "gauge", "Whether duband answered on its control socket.");
	buf_printf(b, "duban_daemon_up %d\n", up ? 1 : 0);
	family(b, "duban_daemon_last_pass_timestamp_seconds", "gauge",
	    "When duband last worked its transitions (Unix time; 0: unknown).");
	buf_printf(b, "duban_daemon_last_pass_timestamp_seconds %lld\n", pass);
	family(b, "duban_web_requests_total", "counter", "Requests answered, by status class.");
	for (i = 0; i < 4; i++)
		buf_printf(b, "duban_web_requests_total{code=\"%s\"} %llu\n", req[i],
		    (unsigned long long)w->requests[i]);
	family(b, "duban_web_links_refused_total", "counter", "Links refused, by why.");
	for (i = 0; i < 5; i++)
		buf_printf(b, "duban_web_links_refused_total{reason=\"%s\"} %llu\n",
		    i == LINK_OK ? "stale" : i == LINK_MALFORMED ? "malformed" :
		    i == LINK_UNKNOWN_KEY ? "unknown_key" : i == LINK_FORGED ? "forged" : "expired",
		    (unsigned long long)w->refused[i]);
	family(b, "duban_web_answers_total", "counter", "Departments' answers recorded by link.");
	buf_printf(b, "duban_web_answers_total %llu\n", (unsigned long long)w->requests[REQ_ACTS]);
}
