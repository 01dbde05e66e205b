/*
 * The delivery of the outbox: the batch at the mailer, the results it hands
 * back and their recording, in one explicit state.
 *
 *	idle ──dispatch──▶ sending ──a result──▶ recording ──committed──▶ sending
 *	                                            │  ▲                   (idle when
 *	                              not recorded  ▼  │ its time has come  the batch
 *	                                          back-off                  is over)
 *
 * While results wait to be recorded the mailer waits with them (a crash
 * repeats at most the message the server has just accepted); in back-off
 * nothing new is handed to the server until they are recorded. The store
 * and the configuration are the daemon's; this module keeps only the batch.
 */
#ifndef DUBAN_DELIVERY_H
#define DUBAN_DELIVERY_H

#include <stdbool.h>

#include "duban/conf.h"
#include "duban/mailer.h"
#include "duban/store.h"

enum delivery_state {
	DELIVERY_IDLE,		/* no batch at the mailer */
	DELIVERY_SENDING,	/* a batch at the mailer, every result so far recorded */
	DELIVERY_RECORDING,	/* results taken, not yet committed */
	DELIVERY_BACKOFF	/* results that could not be recorded: wait, then again */
};

struct flight;

struct delivery {
	enum delivery_state	 state;
	struct mailer		*mailer;
	struct flight		*flight;	/* the batch at the mailer (flight.c) */
	struct mail_result	*pending;	/* received, not yet recorded */
	int			 npending;
	int			 in_txn;	/* of them, written in the open transaction */
	instant_t		 retry_at;	/* back-off: the next try to record them */
	int			 failures;
	instant_t		 lease_renewed_at;	/* claims on the batch, last extended */
};

/* The state's name, for dubanctl status. */
const char *delivery_state_name(const struct delivery *dl);
/* No batch at the mailer and nothing to record: a reload may swap, a file reopen. */
bool delivery_idle(const struct delivery *dl);
/*
 * Hand the queued notices due at now to an idle mailer (burst: only those
 * that go alone; a digest waits for the rest of its burst).
 */
void delivery_dispatch(struct delivery *dl, struct store *s, const struct config *conf,
    instant_t now, bool burst);
/*
 * Take the mailer's results and record them in a transaction of their own;
 * 1 when the batch is over or recording failed (the caller looks for work
 * and arms the retry), 0 while it goes on.
 */
int delivery_record(struct delivery *dl, struct store *s, const struct config *conf,
    instant_t now);
/* Does the mailer wait for results to be recorded, and may they be now? (A transaction ends for them.) */
bool delivery_waits(const struct delivery *dl, instant_t now);
/*
 * Inside a transaction of transitions: write the results taken so far in a
 * savepoint (a failure undoes only them); delivery_txn_end says whether the
 * transaction was committed, and returns 1 when that ended the batch.
 */
void delivery_record_in(struct delivery *dl, struct store *s, const struct config *conf,
    instant_t now);
int delivery_txn_end(struct delivery *dl, bool committed);
/* Are there results to record, and may it be now (not in back-off)? */
bool delivery_to_record(const struct delivery *dl, instant_t now);
/* When results wait for their next try (0: none wait). */
instant_t delivery_next(const struct delivery *dl);
/* Stop: the batch's results recorded if they can be, the rest said; the mailer freed. */
void delivery_stop(struct delivery *dl, struct store *s, const struct config *conf);

#endif
