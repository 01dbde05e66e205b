/* The batch at the mailer: notices read, messages made, results matched by index. */
#include <stdlib.h>
#include <string.h>

#include "duban/log.h"
#include "duban/message.h"
#include "duban/notice.h"
#include "duban/xmalloc.h"
#include "flight.h"

/* Room for need more items. */
static void
reserve(struct flight *f, int need)
{
	if (f->capitems - f->nitems >= need)
		return;
	while (f->capitems - f->nitems < need)
		f->capitems = f->capitems ? f->capitems * 2 : 256;
	f->items = xreallocarray(f->items, (size_t)f->capitems, sizeof(*f->items));
}

/* A message of n notices from items[first]. */
static void
add_msg(struct flight *f, int first, int n)
{
	f->msgs[f->nmsgs].first = first;
	f->msgs[f->nmsgs].n = n;
	f->msgs[f->nmsgs].message_id = NULL;
	f->nmsgs++;
}

struct flight *
flight_read(struct store *s, bool digest, bool singles, int batch, instant_t now)
{
	struct flight *f = xcalloc(1, sizeof(*f));
	char **rcpts = NULL;
	int nr = 0, i, n, first;

	f->msgs = xcalloc((size_t)batch, sizeof(*f->msgs));
	if (digest && !singles)
		nr = store_outbox_recipients(s, now, batch, &rcpts);
	/* the digests: each recipient's notices that may merge */
	for (i = 0; i < nr; i++) {
		if (f->nitems >= FLIGHT_ITEMS_MAX) {
			free(rcpts[i]);		/* the next batch */
			continue;
		}
		reserve(f, FLIGHT_DIGEST_MAX);
		first = f->nitems;
		n = store_outbox_for(s, rcpts[i], now, FLIGHT_DIGEST_MAX, &f->items[first]);
		free(rcpts[i]);
		if (n <= 0)
			continue;	/* none, or not read (logged): the next round reads again */
		f->nitems += n;
		add_msg(f, first, n);
	}
	free(rcpts);
	/* the notices that go alone, as many as the session has room for */
	if (f->nmsgs < batch) {
		reserve(f, batch - f->nmsgs);
		first = f->nitems;
		n = store_outbox_singles(s, now, batch - f->nmsgs, digest, &f->items[first]);
		for (i = 0; i < n; i++)
			add_msg(f, first + i, 1);
		if (n > 0)
			f->nitems += n;
	}
	if (f->nmsgs == 0) {
		flight_free(f);
		return NULL;
	}
	return f;
}

struct mail_job *
flight_jobs(struct flight *f, struct store *s, const struct config *conf, instant_t now)
{
	struct mail_job *jobs = xcalloc((size_t)f->nmsgs, sizeof(*jobs));
	struct flight_msg *m;
	struct outbox_item *it;
	int i;

	for (i = 0; i < f->nmsgs; i++) {
		m = &f->msgs[i];
		it = &f->items[m->first];
		jobs[i].id = i;
		jobs[i].recipient = xstrdup(it->recipient);
		if (m->n == 1) {
			/*
			 * Composed now, from what the transition stored (a digest's
			 * items are read without it: neither text nor format); NULL
			 * if that cannot compose it: the mailer refuses it unsent,
			 * the office is told
			 */
			if (it->message != NULL || it->body != NULL ||
			    store_notice_message(s, it) == 0)
				jobs[i].message = notice_message(it, now);
			if (jobs[i].message == NULL)
				log_warnx("notice %lld: what is stored cannot compose its text",
				    (long long)it->id);
			m->message_id = xstrdup(it->message_id);
		} else
			jobs[i].message = notice_digest(conf, it, m->n, now, &m->message_id);
	}
	return jobs;
}

const struct outbox_item *
flight_first(const struct flight *f, int msg)
{
	return &f->items[f->msgs[msg].first];
}

bool
flight_has(const struct flight *f, int64_t msg)
{
	return f != NULL && msg >= 0 && msg < f->nmsgs;
}

void
flight_free(struct flight *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nmsgs; i++)
		free(f->msgs[i].message_id);
	for (i = 0; i < f->nitems; i++)
		store_outbox_item_clear(&f->items[i]);
	free(f->msgs);
	free(f->items);
	free(f);
}

instant_t
flight_hold_until(const struct config *conf, struct store *s, instant_t now)
{
	instant_t lease = (instant_t)conf->lease * 1000, margin = lease / 5;

	if (store_owner(s) == NULL)
		return 0;
	return now + lease - (margin > 1000 ? margin : 1000);
}
