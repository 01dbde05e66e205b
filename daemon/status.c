/* What duband tells systemd of itself: STATUS= with the queue sizes. */
#include "daemon.h"
#include "duban/notify.h"

void
daemon_status(struct daemon *d)
{
	struct outbox_counts c;
	instant_t now = instant_now();
	const char *why, *who = store_owner(d->store) ? store_who(d->store) : "";
	int open, overdue;

	/* counting scans the tables: at most once a second, however busy */
	if (now - d->status_at < 1000 && d->status_at != 0) {
		d->status_pending = 1;	/* the housekeeping timer sends it */
		return;
	}
	d->status_at = now;
	d->status_pending = 0;
	if (store_waiting(d->store, &why)) {
		notify_send("STATUS=%s%swaiting for the database: %s", who, *who ? ": " : "", why);
		return;
	}
	if (store_count_open(d->store, now, d->conf->waiting_rules, &open, &overdue) != 0 ||
	    store_outbox_counts(d->store, &c) != 0) {
		notify_send("STATUS=%s%sthe database did not answer: %s", who, *who ? ": " : "",
		    store_errmsg(d->store));
		return;
	}
	notify_send("STATUS=%s%s%d open actions, %d overdue; mail: %d queued, %d failed",
	    who, *who ? ": " : "", open, overdue, c.queued, c.failed);
}
