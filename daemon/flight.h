/*
 * The batch at the mailer: the queued notices read for it and the messages
 * made of them (one digest per recipient whose notices may merge, then the
 * notices that go alone). A message's notices are a run of the batch's
 * items, named by plain indices.
 */
#ifndef DUBAN_FLIGHT_H
#define DUBAN_FLIGHT_H

#include "duban/conf.h"
#include "duban/mailer.h"
#include "duban/store.h"

/* The notices in one digest at most; the rest go in the next. */
#define FLIGHT_DIGEST_MAX	5000
#define FLIGHT_ITEMS_MAX	10000	/* a batch's notices: a burst's digests stay small in memory */

struct flight_msg {
	int	 first;		/* its notices: items[first] .. items[first + n - 1] */
	int	 n;
	char	*message_id;
};

struct flight {
	struct outbox_item	*items;
	int			 nitems;
	int			 capitems;
	struct flight_msg	*msgs;
	int			 nmsgs;
	int			 nresults;	/* results received for its messages */
};

/*
 * Read the notices due at now into a new batch of at most batch messages
 * (digest: merge a recipient's notices; singles: only the notices that go
 * alone, while a burst is still adding to the digests). NULL if none is due;
 * a read that fails (logged) leaves the rest for the next round.
 */
struct flight *flight_read(struct store *s, bool digest, bool singles, int batch,
    instant_t now);
/* The batch's messages as mail jobs (job i is message i), composed at now; to free. */
struct mail_job *flight_jobs(struct flight *f, struct store *s, const struct config *conf,
    instant_t now);
/* The first of a message's notices. */
const struct outbox_item *flight_first(const struct flight *f, int msg);
/* Is msg one of the batch's messages? */
bool flight_has(const struct flight *f, int64_t msg);
void flight_free(struct flight *f);
/* Until when a batch claimed at now may be sent (0: no claims, SQLite). */
instant_t flight_hold_until(const struct config *conf, struct store *s, instant_t now);

#endif
