/*
 * The mailer's results recorded in the outbox, each as soon as the server
 * has answered: delivered, to retry (with backoff), or refused (the office
 * told); an escalation's delivery goes into its evidence record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "flight.h"
#include "duban/evidence.h"
#include "duban/log.h"
#include "duban/notice.h"
#include "duban/xmalloc.h"

/* The wait before the next try of a notice: doubling, capped. */
static instant_t
retry_delay(const struct smtp_conf *smtp, int attempts)
{
	instant_t delay = (instant_t)smtp->retry_min * 1000;

	while (attempts-- > 0 && delay < (instant_t)smtp->retry_max * 1000)
		delay *= 2;
	if (delay > (instant_t)smtp->retry_max * 1000)
		delay = (instant_t)smtp->retry_max * 1000;
	return delay;
}

/* Record what became of one notice of a message the mailer handled. */
static int
record_result(struct daemon *d, const struct mail_result *r, struct outbox_item *it,
    instant_t now, const char *message_id)
{
	switch (r->outcome) {
	case MAIL_SENT:
		return store_notice_sent(d->store, it->id, now, r->reply, message_id);
	case MAIL_RETRY:
		return store_notice_retry(d->store, it->id,
		    now + retry_delay(&d->conf->smtp, it->attempts), r->reply);
	case MAIL_FAILED:
		return store_notice_failed(d->store, it->id, r->reply);
	}
	return -1;
}

/* One log line per message: what it carried and what the server said. */
static void
log_result(const struct mail_result *r, const struct flight *f)
{
	static const char *what[] = { "delivered", "not delivered, will retry",
	    "refused by the server" };
	const struct flight_msg *m = &f->msgs[r->id];
	const struct outbox_item *it = flight_first(f, (int)r->id);

	if (m->n == 1) {
		if (r->outcome == MAIL_SENT)
			log_info("notice %lld (%s to %s) %s: %s", (long long)it->id, it->kind,
			    it->recipient, what[r->outcome], r->reply);
		else
			log_warnx("notice %lld (%s to %s) %s: %s", (long long)it->id, it->kind,
			    it->recipient, what[r->outcome], r->reply);
	} else if (r->outcome == MAIL_SENT)
		log_info("digest of %d notices (%lld...) to %s %s: %s", m->n, (long long)it->id,
		    it->recipient, what[r->outcome], r->reply);
	else
		log_warnx("digest of %d notices (%lld...) to %s %s: %s", m->n, (long long)it->id,
		    it->recipient, what[r->outcome], r->reply);
}

/* "notice N to ADDRESS: server: REPLY", for an evidence record. */
static const char *
evidence_detail(const struct outbox_item *it, const char *reply)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "notice %lld to %s: server: %s", (long long)it->id,
	    it->recipient, reply ? reply : "");
	return buf;
}

/* Write the pending results in the open transaction; -1 on failure (the caller undoes it). */
static int
record_writes(struct daemon *d, instant_t now)
{
	struct mail_result *r = d->pending;
	const struct flight_msg *m;
	struct outbox_item *items;
	int i, k;

	for (i = 0; i < d->npending; i++) {
		if (!flight_has(d->flight, r[i].id))
			continue;
		m = &d->flight->msgs[r[i].id];
		items = &d->flight->items[m->first];
		for (k = 0; k < m->n; k++)
			if (record_result(d, &r[i], &items[k], now, m->message_id) != 0)
				return -1;
		/* an escalation's notices: their delivery goes into its evidence record */
		for (k = 0; k < m->n; k++)
			if (strcmp(items[k].kind, "escalation") == 0 && r[i].outcome != MAIL_RETRY &&
			    evidence_append_notice(d->store, items[k].id, now,
			    r[i].outcome == MAIL_SENT ? "delivered" : "refused", evidence_detail(
			    &items[k], r[i].reply)) != 0)
				return -1;
		/* one report to the office per refused message, listing its notices */
		if (r[i].outcome == MAIL_FAILED && notice_failure_of(d->store, d->conf, items, m->n,
		    r[i].reply, now) != 0)
			return -1;
	}
	return 0;
}

/* Record the pending results in one transaction; -1 (nothing recorded) on failure. */
static int
record_pending(struct daemon *d, instant_t now)
{
	if (store_begin(d->store) != 0)
		return -1;
	if (record_writes(d, now) != 0 || store_commit(d->store) != 0) {
		store_rollback(d->store);
		return -1;
	}
	return 0;
}

/*
 * Results that cannot be recorded (a full disk, a lock held too long) stop
 * all dispatch until they are: sending more, or the same again, would only
 * multiply what cannot be recorded. Said once, and once when it is over.
 */
static void
mail_record_failed(struct daemon *d, instant_t now)
{
	instant_t wait = 1000LL << (d->mail_failures < 5 ? d->mail_failures : 5);

	if (d->mail_failures++ == 0)
		log_warnx("mail results not recorded (%s): no mail is handed to the server until "
		    "they are; %d messages the server answered may be sent again if duband "
		    "stops before then", store_errmsg(d->store), d->npending);
	d->mail_retry_at = now + wait;
}

/* Take what the mailer has answered since, one log line per message. */
static void
take_results(struct daemon *d)
{
	struct mail_result *r;
	int n, i;

	if ((n = mailer_results(d->mailer, &r)) <= 0)
		return;
	for (i = 0; i < n; i++) {
		if (flight_has(d->flight, r[i].id)) {
			log_result(&r[i], d->flight);
			d->flight->nresults++;
		}
	}
	d->pending = xreallocarray(d->pending, (size_t)(d->npending + n), sizeof(*r));
	memcpy(d->pending + d->npending, r, (size_t)n * sizeof(*r));
	d->npending += n;
	free(r);
}

/* The pending results are committed: the mailer goes on; 1 if its batch is over. */
static int
results_committed(struct daemon *d)
{
	if (d->mail_failures > 0)
		log_info("mail results recorded again (%d); sending resumes", d->npending);
	d->mail_failures = 0;
	d->mail_retry_at = 0;
	mailer_recorded(d->mailer);
	mail_results_free(d->pending, d->npending);
	d->pending = NULL;
	d->npending = 0;
	if (d->flight != NULL && d->flight->nresults >= d->flight->nmsgs) {
		flight_free(d->flight);
		d->flight = NULL;
		daemon_status(d);
		return 1;
	}
	return 0;
}

int
daemon_mail_done(struct daemon *d)
{
	instant_t now = instant_now();

	take_results(d);
	/* a long batch keeps its claims on the shared outbox (PostgreSQL) */
	if (d->flight != NULL && now - d->lease_renewed_at > d->conf->lease * 1000LL / 3) {
		if (store_lease_renew(d->store, now) == 0) {
			d->lease_renewed_at = now;
			mailer_hold_until(d->mailer, flight_hold_until(d->conf, d->store, now));
		}
	}
	if (d->npending == 0)
		return d->flight == NULL;	/* the mailer is idle again: look for more */
	if (now < d->mail_retry_at)
		return 0;
	if (record_pending(d, now) != 0) {
		mail_record_failed(d, now);
		return 1;	/* the loop arms the retry */
	}
	return results_committed(d);
}

void
daemon_mail_record_in(struct daemon *d)
{
	instant_t now = instant_now();

	take_results(d);
	if (d->npending == 0 || now < d->mail_retry_at || d->results_in_txn)
		return;
	if (store_savepoint(d->store) != 0) {
		mail_record_failed(d, now);
		return;
	}
	if (record_writes(d, now) != 0 || store_release(d->store) != 0) {
		store_rollback_part(d->store);
		mail_record_failed(d, now);
		return;
	}
	d->results_in_txn = d->npending;
}

void
daemon_mail_txn_end(struct daemon *d, bool committed)
{
	int n = d->results_in_txn;

	d->results_in_txn = 0;
	/* nothing is taken from the mailer between the writing and the commit */
	if (n > 0 && committed)
		results_committed(d);
}
