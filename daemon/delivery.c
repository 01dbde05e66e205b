/*
 * The outbox's delivery (delivery.h): a batch handed to the mailer, and its
 * results recorded as soon as the server has answered each message:
 * delivered, to retry (with backoff), or refused (the office told); an
 * escalation's delivery goes into its evidence record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "delivery.h"
#include "flight.h"
#include "duban/evidence.h"
#include "duban/log.h"
#include "duban/notice.h"
#include "duban/xmalloc.h"

static const char *state_names[] = { "idle", "sending", "recording", "back-off" };

const char *
delivery_state_name(const struct delivery *dl)
{
	return state_names[dl->state];
}

bool
delivery_idle(const struct delivery *dl)
{
	return dl->state == DELIVERY_IDLE && !mailer_busy(dl->mailer);
}

/* Results that could not be recorded wait for their next try. */
static bool
backing_off(const struct delivery *dl, instant_t now)
{
	return dl->state == DELIVERY_BACKOFF && now < dl->retry_at;
}

bool
delivery_to_record(const struct delivery *dl, instant_t now)
{
	return dl->npending > 0 && !backing_off(dl, now);
}

void
delivery_dispatch(struct delivery *dl, struct store *s, const struct config *conf,
    instant_t now, bool burst)
{
	struct mail_job *jobs;

	if (!delivery_idle(dl))
		return;
	if ((dl->flight = flight_read(s, conf->mail.digest, burst, conf->smtp.batch,
	    now)) == NULL)
		return;
	jobs = flight_jobs(dl->flight, s, conf, now);
	log_debug("handing %d messages (%d notices) to the mailer", dl->flight->nmsgs,
	    dl->flight->nitems);
	dl->lease_renewed_at = now;
	dl->state = DELIVERY_SENDING;
	mailer_hold_until(dl->mailer, flight_hold_until(conf, s, now));
	mailer_submit(dl->mailer, jobs, dl->flight->nmsgs);
}

bool
delivery_waits(const struct delivery *dl, instant_t now)
{
	return dl->flight != NULL && !backing_off(dl, now) && (mailer_waiting(dl->mailer) ||
	    (dl->npending > 0 && !mailer_busy(dl->mailer)));
}

instant_t
delivery_next(const struct delivery *dl)
{
	return dl->state == DELIVERY_BACKOFF ? dl->retry_at : 0;
}

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
record_result(struct store *s, const struct config *conf, const struct mail_result *r,
    struct outbox_item *it, instant_t now, const char *message_id)
{
	switch (r->outcome) {
	case MAIL_SENT:
		return store_notice_sent(s, it->id, now, r->reply, message_id);
	case MAIL_RETRY:
		return store_notice_retry(s, it->id,
		    now + retry_delay(&conf->smtp, it->attempts), r->reply);
	case MAIL_FAILED:
		return store_notice_failed(s, it->id, r->reply);
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
record_writes(struct delivery *dl, struct store *s, const struct config *conf, instant_t now)
{
	struct mail_result *r = dl->pending;
	const struct flight_msg *m;
	struct outbox_item *items;
	int i, k;

	for (i = 0; i < dl->npending; i++) {
		if (!flight_has(dl->flight, r[i].id))
			continue;
		m = &dl->flight->msgs[r[i].id];
		items = &dl->flight->items[m->first];
		for (k = 0; k < m->n; k++)
			if (record_result(s, conf, &r[i], &items[k], now, m->message_id) != 0)
				return -1;
		/* an escalation's notices: their delivery goes into its evidence record */
		for (k = 0; k < m->n; k++)
			if (strcmp(items[k].kind, "escalation") == 0 && r[i].outcome != MAIL_RETRY &&
			    evidence_append_notice(s, items[k].id, now,
			    r[i].outcome == MAIL_SENT ? "delivered" : "refused", evidence_detail(
			    &items[k], r[i].reply)) != 0)
				return -1;
		/* one report to the office per refused message, listing its notices */
		if (r[i].outcome == MAIL_FAILED && notice_failure_of(s, conf, items, m->n,
		    r[i].reply, now) != 0)
			return -1;
	}
	return 0;
}

/* Record the pending results in one transaction; -1 (nothing recorded) on failure. */
static int
record_pending(struct delivery *dl, struct store *s, const struct config *conf, instant_t now)
{
	if (store_begin(s) != 0)
		return -1;
	if (record_writes(dl, s, conf, now) != 0 || store_commit(s) != 0) {
		store_rollback(s);
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
record_failed(struct delivery *dl, struct store *s, instant_t now)
{
	instant_t wait = 1000LL << (dl->failures < 5 ? dl->failures : 5);

	if (dl->failures++ == 0)
		log_warnx("mail results not recorded (%s): no mail is handed to the server until "
		    "they are; %d messages the server answered may be sent again if duband "
		    "stops before then", store_errmsg(s), dl->npending);
	dl->retry_at = now + wait;
	dl->state = DELIVERY_BACKOFF;
}

/* Take what the mailer has answered since, one log line per message. */
static void
take_results(struct delivery *dl)
{
	struct mail_result *r;
	int n, i;

	if ((n = mailer_results(dl->mailer, &r)) <= 0)
		return;
	for (i = 0; i < n; i++) {
		if (flight_has(dl->flight, r[i].id)) {
			log_result(&r[i], dl->flight);
			dl->flight->nresults++;
		}
	}
	dl->pending = xreallocarray(dl->pending, (size_t)(dl->npending + n), sizeof(*r));
	memcpy(dl->pending + dl->npending, r, (size_t)n * sizeof(*r));
	dl->npending += n;
	free(r);
	if (dl->state != DELIVERY_BACKOFF)
		dl->state = DELIVERY_RECORDING;
}

/* How many of these results are messages the server accepted. */
static int
delivered(const struct mail_result *r, int n)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		k += r[i].outcome == MAIL_SENT;
	return k;
}

/* The pending results are committed: the mailer goes on; 1 if its batch is over. */
static int
results_committed(struct delivery *dl)
{
	if (dl->failures > 0)
		log_info("mail results recorded again (%d); sending resumes", dl->npending);
	dl->failures = 0;
	dl->retry_at = 0;
	mailer_recorded(dl->mailer, delivered(dl->pending, dl->npending));
	mail_results_free(dl->pending, dl->npending);
	dl->pending = NULL;
	dl->npending = 0;
	dl->state = DELIVERY_SENDING;
	if (dl->flight == NULL || dl->flight->nresults >= dl->flight->nmsgs) {
		flight_free(dl->flight);
		dl->flight = NULL;
		dl->state = DELIVERY_IDLE;
		return 1;
	}
	return 0;
}

int
delivery_record(struct delivery *dl, struct store *s, const struct config *conf,
    instant_t now)
{
	take_results(dl);
	/* a long batch keeps its claims on the shared outbox (PostgreSQL) */
	if (dl->flight != NULL && now - dl->lease_renewed_at > conf->lease * 1000LL / 3) {
		if (store_lease_renew(s, now) == 0) {
			dl->lease_renewed_at = now;
			mailer_hold_until(dl->mailer, flight_hold_until(conf, s, now));
		}
	}
	if (dl->npending == 0)
		return dl->flight == NULL;	/* the mailer is idle again: look for more */
	if (backing_off(dl, now))
		return 0;
	if (record_pending(dl, s, conf, now) != 0) {
		record_failed(dl, s, now);
		return 1;	/* the loop arms the retry */
	}
	return results_committed(dl);
}

void
delivery_record_in(struct delivery *dl, struct store *s, const struct config *conf,
    instant_t now)
{
	if (dl->flight == NULL)
		return;
	take_results(dl);
	if (!delivery_to_record(dl, now) || dl->in_txn)
		return;
	if (store_savepoint(s) != 0) {
		record_failed(dl, s, now);
		return;
	}
	if (record_writes(dl, s, conf, now) != 0 || store_release(s) != 0) {
		store_rollback_part(s);
		record_failed(dl, s, now);
		return;
	}
	dl->in_txn = dl->npending;
}

int
delivery_txn_end(struct delivery *dl, bool committed)
{
	int n = dl->in_txn;

	dl->in_txn = 0;
	/* nothing is taken from the mailer between the writing and the commit */
	if (n > 0 && committed)
		return results_committed(dl);
	return 0;
}

void
delivery_stop(struct delivery *dl, struct store *s, const struct config *conf)
{
	if (mailer_stop(dl->mailer, 5000) != 0)
		log_warnx("the SMTP exchange in flight did not end; its notices stay queued");
	else {
		dl->retry_at = 0;	/* one last try to record what the server said */
		(void)delivery_record(dl, s, conf, instant_now());
		mailer_free(dl->mailer);
	}
	dl->mailer = NULL;
	if (dl->npending > 0)
		log_warnx("%d mail results not recorded: those messages may be sent again",
		    dl->npending);
	mail_results_free(dl->pending, dl->npending);
	dl->pending = NULL;
	dl->npending = 0;
	flight_free(dl->flight);
	dl->flight = NULL;
	dl->state = DELIVERY_IDLE;
}
