/* The outbox: notices queued, handed to the mailer and their results. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
store_notice_each_action(struct store *s, int64_t action,
    int (*fn)(const struct notice_row *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply, level, seq, cycle, due_at FROM notices WHERE action_id = ?"
	    " ORDER BY id";
	sqlite3_stmt *st = db_stmt(s, sql);
	struct notice_row r;
	int rc = 0, stop = 0;

	sqlite3_bind_int64(st, 1, action);
	while (!stop && (rc = db_next(s, st)) == 1) {
		db_notice_row(st, &r);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_notice_add(struct store *s, const struct notice *n, instant_t now)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO notices (action_id, kind, level, seq, recipient, subject,"
	    " message, message_id, status, next_try, created_at, recipient_name, item, digest,"
	    " cycle, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = db_stmt(s, sql);

	sqlite3_bind_int64(st, 1, n->action_id);
	db_bind_text(st, 2, n->kind);
	sqlite3_bind_int(st, 3, n->level);
	sqlite3_bind_int(st, 4, n->seq);
	db_bind_text(st, 5, n->recipient);
	db_bind_text(st, 6, n->subject);
	db_bind_text(st, 7, n->message);
	db_bind_text(st, 8, n->message_id);
	sqlite3_bind_int64(st, 9, n->send_at ? n->send_at : now);
	sqlite3_bind_int64(st, 10, instant_now());	/* when it was really queued */
	db_bind_text(st, 11, n->recipient_name);
	db_bind_text(st, 12, n->item);
	sqlite3_bind_int(st, 13, n->digest);
	sqlite3_bind_int(st, 14, n->cycle);
	db_bind_instant(st, 15, n->due_at);
	if (db_step_done(s, st) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int64_t
store_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(s->db);
}

/* An outbox row from the columns id, recipient, message, attempts, action_id,
 * kind, subject, recipient_name, item, digest, message_id. */
static void
outbox_from_row(sqlite3_stmt *st, struct outbox_item *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->recipient = db_col_text(st, 1);
	o->message = db_col_text(st, 2);
	o->attempts = sqlite3_column_int(st, 3);
	o->action_id = sqlite3_column_int64(st, 4);
	o->kind = db_col_text(st, 5);
	o->subject = db_col_text(st, 6);
	o->recipient_name = db_col_text(st, 7);
	o->item = db_col_text(st, 8);
	o->digest = sqlite3_column_int(st, 9);
	o->message_id = db_col_text(st, 10);
}

int
store_outbox_singles(struct store *s, instant_t now, int max, int only_singles,
    struct outbox_item *out)
{
	static const char sql_all[] =
	    "SELECT id, recipient, message, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id FROM notices"
	    " WHERE status = 'queued' AND next_try <= ? ORDER BY next_try, id LIMIT ?";
	static const char sql_singles[] =
	    "SELECT id, recipient, message, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id FROM notices"
	    " WHERE status = 'queued' AND next_try <= ? AND digest = 0"
	    " ORDER BY next_try, id LIMIT ?";
	sqlite3_stmt *st = db_stmt(s, only_singles ? sql_singles : sql_all);
	int rc = 0, n = 0;

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, max);
	while (n < max && (rc = db_next(s, st)) == 1)
		outbox_from_row(st, &out[n++]);
	sqlite3_reset(st);
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
	memset(o, 0, sizeof(*o));
}

instant_t
store_outbox_next(struct store *s)
{
	static const char sql[] =
	    "SELECT next_try FROM notices WHERE status = 'queued' ORDER BY next_try LIMIT 1";

	return db_min_instant(s, sql);
}

int
store_notice_sent(struct store *s, int64_t id, instant_t at, const char *reply,
    const char *message_id)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'sent', sent_at = ?, reply = ?,"
	    " attempts = attempts + 1, next_try = NULL, sent_message_id = ? WHERE id = ?";
	sqlite3_stmt *st = db_stmt(s, sql);

	sqlite3_bind_int64(st, 1, at);
	db_bind_text(st, 2, reply);
	db_bind_text(st, 3, message_id);
	sqlite3_bind_int64(st, 4, id);
	return db_step_done(s, st);
}

int
store_notice_requeue(struct store *s, int64_t id, instant_t at)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'queued', next_try = ? WHERE id = ? AND status = 'failed'";
	sqlite3_stmt *st = db_stmt(s, sql);

	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, id);
	if (db_step_done(s, st) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int
store_notice_retry(struct store *s, int64_t id, instant_t next_try, const char *reply)
{
	static const char sql[] =
	    "UPDATE notices SET next_try = ?, reply = ?, attempts = attempts + 1 WHERE id = ?";
	sqlite3_stmt *st = db_stmt(s, sql);

	sqlite3_bind_int64(st, 1, next_try);
	db_bind_text(st, 2, reply);
	sqlite3_bind_int64(st, 3, id);
	return db_step_done(s, st);
}

int
store_notice_withdraw(struct store *s, int64_t id, const char *why)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'withdrawn', reply = ?, next_try = NULL"
	    " WHERE id = ? AND status = 'queued'";
	sqlite3_stmt *st = db_stmt(s, sql);

	db_bind_text(st, 1, why);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(s, st);
}

int
store_notice_failed(struct store *s, int64_t id, const char *reply)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'failed', reply = ?, attempts = attempts + 1,"
	    " next_try = NULL WHERE id = ?";
	sqlite3_stmt *st = db_stmt(s, sql);

	db_bind_text(st, 1, reply);
	sqlite3_bind_int64(st, 2, id);
	return db_step_done(s, st);
}

int
store_notice_each(struct store *s, bool all, int (*fn)(const struct notice_row *, void *),
    void *arg)
{
	static const char sql_all[] =
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply FROM notices ORDER BY id";
	static const char sql_open[] =
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply FROM notices WHERE status <> 'sent' ORDER BY id";
	sqlite3_stmt *st = db_stmt(s, all ? sql_all : sql_open);
	struct notice_row r;
	int rc = 0, stop = 0;

	while (!stop && (rc = db_next(s, st)) == 1) {
		db_notice_row(st, &r);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_outbox_counts(struct store *s, struct outbox_counts *c)
{
	/* from the partial indexes: the rows, with their messages, are not read */
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM notices WHERE status = 'queued'),"
	    " (SELECT count(*) FROM notices WHERE status = 'failed')";
	sqlite3_stmt *st = db_stmt(s, sql);
	int rc;

	memset(c, 0, sizeof(*c));
	c->sent = -1;
	if ((rc = db_next(s, st)) == 1) {
		c->queued = sqlite3_column_int(st, 0);
		c->failed = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == 1 ? 0 : -1;
}

int
store_outbox_counts_all(struct store *s, struct outbox_counts *c)
{
	static const char sql[] = "SELECT status, count(*) FROM notices GROUP BY status";
	sqlite3_stmt *st = db_stmt(s, sql);
	int rc;

	memset(c, 0, sizeof(*c));
	while ((rc = db_next(s, st)) == 1) {
		const char *status = (const char *)sqlite3_column_text(st, 0);
		int n = sqlite3_column_int(st, 1);

		if (strcmp(status, "queued") == 0)
			c->queued = n;
		else if (strcmp(status, "sent") == 0)
			c->sent = n;
		else if (strcmp(status, "failed") == 0)
			c->failed = n;
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_outbox_recipients(struct store *s, instant_t now, int max, char ***out)
{
	static const char sql[] =
	    "SELECT recipient FROM notices WHERE status = 'queued' AND next_try <= ? AND digest = 1"
	    " GROUP BY recipient ORDER BY min(next_try) LIMIT ?";
	sqlite3_stmt *st = db_stmt(s, sql);
	int rc, n = 0;

	*out = NULL;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, max);
	while ((rc = db_next(s, st)) == 1) {
		*out = xreallocarray(*out, (size_t)n + 1, sizeof(char *));
		(*out)[n++] = db_col_text(st, 0);
	}
	sqlite3_reset(st);
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
	static const char sql[] =
	    "SELECT id, recipient, NULL, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id FROM notices"
	    " WHERE status = 'queued' AND next_try <= ? AND digest = 1 AND recipient = ?"
	    " ORDER BY next_try, id LIMIT ?";
	sqlite3_stmt *st = db_stmt(s, sql);
	int rc = 0, n = 0;

	sqlite3_bind_int64(st, 1, now);
	db_bind_text(st, 2, recipient);
	sqlite3_bind_int(st, 3, max);
	while (n < max && (rc = db_next(s, st)) == 1)
		outbox_from_row(st, &out[n++]);
	sqlite3_reset(st);
	if (rc < 0) {
		while (n > 0)
			store_outbox_item_clear(&out[--n]);
		return -1;
	}
	return n;
}

char *
store_notice_message(struct store *s, int64_t id)
{
	static const char sql[] = "SELECT message FROM notices WHERE id = ?";
	sqlite3_stmt *st = db_stmt(s, sql);
	char *msg = NULL;

	sqlite3_bind_int64(st, 1, id);
	if (db_next(s, st) == 1)
		msg = db_col_text(st, 0);
	sqlite3_reset(st);
	return msg;
}
