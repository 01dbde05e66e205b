/* The outbox: notices queued, handed to the mailer and their results. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "duban/log.h"
#include "internal.h"

int
store_notice_each_action(struct store *s, int64_t action,
    int (*fn)(const struct notice_row *, void *), void *arg)
{
	dbst *st = db_stmt(s, Q_NOTICE_EACH_ACTION);
	struct notice_row r;
	int rc = 0, stop = 0;

	db_bind_int64(st, 1, action);
	while (!stop && (rc = db_next(s, st)) == 1) {
		db_notice_row(st, &r);
		stop = fn(&r, arg);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

/*
 * A format's key: SHA-256 of its template's name, sender and body, in hex
 * (the first 128 bits: formats are few, and a key names one for good).
 */
static void
format_key(const struct notice *n, char key[33])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (c == NULL || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(c, n->template, strlen(n->template) + 1) != 1 ||
	    EVP_DigestUpdate(c, n->sender, strlen(n->sender) + 1) != 1 ||
	    EVP_DigestUpdate(c, n->body, strlen(n->body)) != 1 ||
	    EVP_DigestFinal_ex(c, md, &len) != 1 || len < 16)
		fatalx("SHA-256 is not available");
	EVP_MD_CTX_free(c);
	for (i = 0; i < 16; i++)
		snprintf(key + 2 * i, 3, "%02x", md[i]);
}

/* Has this transaction stored this format, or found it stored? */
static bool
format_known(const struct store *s, const char *key)
{
	int i;

	for (i = 0; i < s->nformats; i++)
		if (strcmp(s->formats[i], key) == 0)
			return true;
	return false;
}

int
store_notice_add(struct store *s, const struct notice *n, instant_t now)
{
	dbst *st;
	char key[33];

	/* the format once (a statement a transition spares once it is known), the notice naming it */
	format_key(n, key);
	if (!format_known(s, key)) {
		st = db_stmt(s, Q_FORMAT_ADD);
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, n->template);
		db_bind_text(st, 3, n->sender);
		db_bind_text(st, 4, n->body);
		db_bind_int64(st, 5, now);
		if (db_step_done(s, st) != 0)
			return -1;
		memcpy(s->formats[s->format_next], key, sizeof(key));
		s->format_next = (s->format_next + 1) % STORE_FORMATS_KNOWN;
		if (s->nformats < STORE_FORMATS_KNOWN)
			s->nformats++;
	}
	st = db_stmt(s, Q_NOTICE_ADD);

	db_bind_int64(st, 1, n->action_id);
	db_bind_text(st, 2, n->kind);
	db_bind_int(st, 3, n->level);
	db_bind_int(st, 4, n->seq);
	db_bind_text(st, 5, n->recipient);
	db_bind_text(st, 6, n->subject);
	db_bind_text(st, 7, key);
	db_bind_text(st, 8, n->message_id);
	db_bind_int64(st, 9, n->send_at ? n->send_at : now);
	db_bind_int64(st, 10, instant_now());	/* when it was really queued */
	db_bind_text(st, 11, n->recipient_name);
	db_bind_text(st, 12, n->item);
	db_bind_int(st, 13, n->digest);
	db_bind_int(st, 14, n->cycle);
	db_bind_instant(st, 15, n->due_at);
	db_bind_text(st, 16, n->vars);
	db_bind_text(st, 17, n->thread_id);
	db_bind_text(st, 18, n->ref);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s) == 1 ? 0 : 1;
}

int64_t
store_last_id(struct store *s)
{
	return db_last_id(s);
}

/* What composes a notice, from columns i..i+4: sender, body, vars, thread_id, ref. */
static void
composition_from(dbst *st, int i, struct outbox_item *o)
{
	o->sender = db_col_text(st, i);
	o->body = db_col_text(st, i + 1);
	o->vars = db_col_text(st, i + 2);
	o->thread_id = db_col_text(st, i + 3);
	o->ref = db_col_text(st, i + 4);
}

/* An outbox row from the columns id, recipient, message, attempts, action_id,
 * kind, subject, recipient_name, item, digest, message_id, and what composes
 * it: sender, body, vars, thread_id, ref (NULL for a digest's items). */
static void
outbox_from_row(dbst *st, struct outbox_item *o)
{
	o->id = db_int64(st, 0);
	o->recipient = db_col_text(st, 1);
	o->message = db_col_text(st, 2);
	o->attempts = db_int(st, 3);
	o->action_id = db_int64(st, 4);
	o->kind = db_col_text(st, 5);
	o->subject = db_col_text(st, 6);
	o->recipient_name = db_col_text(st, 7);
	o->item = db_col_text(st, 8);
	o->digest = db_int(st, 9);
	o->message_id = db_col_text(st, 10);
	composition_from(st, 11, o);
}

int
store_outbox_singles(struct store *s, instant_t now, int max, int only_singles,
    struct outbox_item *out)
{
	dbst *st = db_stmt(s, only_singles ? Q_OUTBOX_QUEUED_SINGLES : Q_OUTBOX_QUEUED);
	int rc = 0, n = 0;

	db_bind_int64(st, 1, now);
	db_bind_int(st, 2, max);
	if (s->pg) {
		db_bind_text(st, 3, s->owner);
		db_bind_int64(st, 4, now + s->lease_ms);
	}
	while (n < max && (rc = db_next(s, st)) == 1)
		outbox_from_row(st, &out[n++]);
	db_reset(st);
	if (rc < 0) {
		while (n > 0)
			store_outbox_item_clear(&out[--n]);
		return -1;
	}
	return n;
}

void
store_outbox_item_clear(struct outbox_item *o)
{
	free(o->recipient);
	free(o->message);
	free(o->kind);
	free(o->subject);
	free(o->recipient_name);
	free(o->item);
	free(o->message_id);
	free(o->sender);
	free(o->body);
	free(o->vars);
	free(o->thread_id);
	free(o->ref);
	memset(o, 0, sizeof(*o));
}

instant_t
store_outbox_next(struct store *s)
{

	return db_min_instant(s, Q_OUTBOX_NEXT);
}

/*
 * A result is written only by the instance that holds the notice: one whose
 * lease ran out and was taken by another leaves the row to that one.
 */
static int
lease_checked(struct store *s, dbst *st, int64_t id)
{
	if (db_step_done(s, st) != 0)
		return -1;
	if (s->pg && db_changes(s) == 0)
		log_warnx("notice %lld: its lease ran out and another instance holds it;"
		    " this result is not recorded", (long long)id);
	return 0;
}

int
store_set_owner(struct store *s, const char *name, instant_t lease_ms)
{
	dbst *st;

	free(s->owner);
	free(s->who);
	/* a claim names this run of the daemon: after a restart it holds none */
	xasprintf(&s->owner, "%s/%ld/%lld", name, (long)getpid(), (long long)instant_now());
	xasprintf(&s->who, "duband@%s", name);
	s->lease_ms = lease_ms;
	if (!s->pg)
		return 0;
	st = db_stmt(s, Q_SET_OWNER);
	db_bind_text(st, 1, s->owner);
	db_bind_text(st, 2, name);
	if (db_step_done(s, st) != 0)
		return -1;
	return (int)db_changes(s);
}

const char *
store_who(struct store *s)
{
	return s->who ? s->who : "duband";
}

const char *
store_owner(struct store *s)
{
	return s->owner;
}

int
store_lease_renew(struct store *s, instant_t now)
{
	dbst *st;

	if (!s->pg || s->owner == NULL)
		return 0;
	st = db_stmt(s, Q_LEASE_RENEW);
	db_bind_int64(st, 1, now + s->lease_ms);
	db_bind_text(st, 2, s->owner);
	db_bind_int64(st, 3, now);
	return db_step_done(s, st);
}

int
store_lease_release(struct store *s)
{
	dbst *st;

	if (!s->pg || s->owner == NULL)
		return 0;
	st = db_stmt(s, Q_LEASE_RELEASE);
	db_bind_text(st, 1, s->owner);
	return db_step_done(s, st);
}

int
store_notice_sent(struct store *s, int64_t id, instant_t at, const char *reply,
    const char *message_id)
{
	dbst *st = db_stmt(s, Q_NOTICE_SENT);

	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, reply);
	db_bind_text(st, 3, message_id);
	db_bind_int64(st, 4, id);
	if (s->pg)
		db_bind_text(st, 5, s->owner);
	return lease_checked(s, st, id);
}

int
store_notice_requeue(struct store *s, int64_t id, instant_t at)
{
	dbst *st = db_stmt(s, Q_NOTICE_REQUEUE);

	db_bind_int64(st, 1, at);
	db_bind_int64(st, 2, id);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s) == 1 ? 0 : 1;
}

int
store_notice_retry(struct store *s, int64_t id, instant_t next_try, const char *reply)
{
	dbst *st = db_stmt(s, Q_NOTICE_RETRY);

	db_bind_int64(st, 1, next_try);
	db_bind_text(st, 2, reply);
	db_bind_int64(st, 3, id);
	if (s->pg)
		db_bind_text(st, 4, s->owner);
	return lease_checked(s, st, id);
}

int
store_notice_withdraw(struct store *s, int64_t id, const char *why)
{
	dbst *st = db_stmt(s, Q_NOTICE_WITHDRAW);

	db_bind_text(st, 1, why);
	db_bind_int64(st, 2, id);
	return db_step_done(s, st);
}

int
store_notice_failed(struct store *s, int64_t id, const char *reply)
{
	dbst *st = db_stmt(s, Q_NOTICE_FAILED);

	db_bind_text(st, 1, reply);
	db_bind_int64(st, 2, id);
	if (s->pg)
		db_bind_text(st, 3, s->owner);
	return lease_checked(s, st, id);
}

int
store_notice_each(struct store *s, bool all, int (*fn)(const struct notice_row *, void *),
    void *arg)
{
	dbst *st = db_stmt(s, all ? Q_NOTICE_EACH_ALL : Q_NOTICE_EACH_OPEN);
	struct notice_row r;
	int rc = 0, stop = 0;

	while (!stop && (rc = db_next(s, st)) == 1) {
		db_notice_row(st, &r);
		stop = fn(&r, arg);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_outbox_counts(struct store *s, struct outbox_counts *c)
{
	dbst *st = db_stmt(s, Q_OUTBOX_COUNTS);
	int rc;

	memset(c, 0, sizeof(*c));
	c->sent = -1;
	if ((rc = db_next(s, st)) == 1) {
		c->queued = db_int(st, 0);
		c->failed = db_int(st, 1);
	}
	db_reset(st);
	return rc == 1 ? 0 : -1;
}

int
store_outbox_counts_all(struct store *s, struct outbox_counts *c)
{
	dbst *st = db_stmt(s, Q_OUTBOX_COUNTS_ALL);
	int rc;

	memset(c, 0, sizeof(*c));
	while ((rc = db_next(s, st)) == 1) {
		const char *status = (const char *)db_text(st, 0);
		int n = db_int(st, 1);

		if (strcmp(status, "queued") == 0)
			c->queued = n;
		else if (strcmp(status, "sent") == 0)
			c->sent = n;
		else if (strcmp(status, "failed") == 0)
			c->failed = n;
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_outbox_recipients(struct store *s, instant_t now, int max, char ***out)
{
	dbst *st = db_stmt(s, Q_OUTBOX_RECIPIENTS);
	int rc, n = 0;

	*out = NULL;
	db_bind_int64(st, 1, now);
	db_bind_int(st, 2, max);
	while ((rc = db_next(s, st)) == 1) {
		*out = xreallocarray(*out, (size_t)n + 1, sizeof(char *));
		(*out)[n++] = db_col_text(st, 0);
	}
	db_reset(st);
	if (rc < 0) {
		while (n > 0)
			free((*out)[--n]);
		free(*out);
		*out = NULL;
		return -1;
	}
	return n;
}

int
store_outbox_for(struct store *s, const char *recipient, instant_t now, int max,
    struct outbox_item *out)
{
	dbst *st = db_stmt(s, Q_OUTBOX_FOR);
	int rc = 0, n = 0;

	db_bind_int64(st, 1, now);
	db_bind_text(st, 2, recipient);
	db_bind_int(st, 3, max);
	if (s->pg) {
		db_bind_text(st, 4, s->owner);
		db_bind_int64(st, 5, now + s->lease_ms);
	}
	while (n < max && (rc = db_next(s, st)) == 1)
		outbox_from_row(st, &out[n++]);
	db_reset(st);
	if (rc < 0) {
		while (n > 0)
			store_outbox_item_clear(&out[--n]);
		return -1;
	}
	return n;
}

int
store_notice_message(struct store *s, struct outbox_item *it)
{
	dbst *st = db_stmt(s, Q_NOTICE_MESSAGE);
	int rc;

	db_bind_int64(st, 1, it->id);
	if ((rc = db_next(s, st)) == 1) {
		free(it->message);
		free(it->sender);
		free(it->body);
		free(it->vars);
		free(it->thread_id);
		free(it->ref);
		it->message = db_col_text(st, 0);
		composition_from(st, 1, it);
	}
	db_reset(st);
	return rc == 1 ? 0 : -1;
}
