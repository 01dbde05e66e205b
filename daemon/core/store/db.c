/*
 * The store's private layer: the statement cache, binding, stepping, and the
 * row readers more than one file uses.
 */
#include <stdlib.h>
#include <string.h>

#include "duban/log.h"
#include "internal.h"

const char *
store_errmsg(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

sqlite3_stmt *
db_stmt(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int i;

	for (i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatalx("store: cannot prepare statement: %s", sqlite3_errmsg(s->db));
	if (s->ncache == s->capcache) {
		s->capcache = s->capcache ? s->capcache * 2 : 64;
		s->cache = xreallocarray(s->cache, (size_t)s->capcache, sizeof(*s->cache));
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].st = st;
	s->ncache++;
	return st;
}

void
db_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

void
db_bind_instant(sqlite3_stmt *st, int i, instant_t v)
{
	if (v == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

char *
db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

/* A notice row from id, action_id, kind, recipient, subject, status, attempts,
 * next_try, sent_at, reply[, level, seq]; the strings live in the statement. */
void
db_notice_row(sqlite3_stmt *st, struct notice_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->action_id = sqlite3_column_int64(st, 1);
	r->kind = (const char *)sqlite3_column_text(st, 2);
	r->recipient = (const char *)sqlite3_column_text(st, 3);
	r->subject = (const char *)sqlite3_column_text(st, 4);
	r->status = (const char *)sqlite3_column_text(st, 5);
	r->attempts = sqlite3_column_int(st, 6);
	r->next_try = sqlite3_column_int64(st, 7);
	r->sent_at = sqlite3_column_int64(st, 8);
	r->reply = (const char *)sqlite3_column_text(st, 9);
	r->level = sqlite3_column_count(st) > 10 ? sqlite3_column_int(st, 10) : 0;
	r->seq = sqlite3_column_count(st) > 11 ? sqlite3_column_int(st, 11) : 0;
	r->cycle = sqlite3_column_count(st) > 12 ? sqlite3_column_int(st, 12) : 0;
	r->due_at = sqlite3_column_count(st) > 13 ? sqlite3_column_int64(st, 13) : 0;
}

int
db_next(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	log_warnx("store: %s", sqlite3_errmsg(s->db));
	return -1;
}

/* Run a statement that returns no rows; 0 or -1 (logged). */
int
db_step_done(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_warnx("store: %s", sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

int
db_exec(struct store *s, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_warnx("store: %s", err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

void
db_dept_row(sqlite3_stmt *st, int i, struct department *d)
{
	d->id = sqlite3_column_int64(st, i);
	d->code = db_col_text(st, i + 1);
	d->name = db_col_text(st, i + 2);
	d->head = db_col_text(st, i + 3);
	d->email = db_col_text(st, i + 4);
	d->cc = db_col_text(st, i + 5);
}


void
db_action_row(sqlite3_stmt *st, struct action *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->step = db_col_text(st, 1);
	a->rule = db_col_text(st, 2);
	a->notified_at = sqlite3_column_int64(st, 3);
	a->due_at = sqlite3_column_int64(st, 4);
	a->uncertain = sqlite3_column_int(st, 5);
	a->stage = sqlite3_column_int(st, 6);
	a->next_at = sqlite3_column_int64(st, 7);
	a->done_at = sqlite3_column_int64(st, 8);
	a->note = db_col_text(st, 9);
	a->acked_at = sqlite3_column_int64(st, 10);
	a->paused_at = sqlite3_column_int64(st, 11);
	a->adj.pause_days = sqlite3_column_int(st, 12);
	a->adj.pause_workdays = sqlite3_column_int(st, 13);
	a->adj.pause_ms = sqlite3_column_int64(st, 14);
	a->adj.ext_days = sqlite3_column_int(st, 15);
	a->adj.ext_workdays = sqlite3_column_int(st, 16);
	a->adj.ext_ms = sqlite3_column_int64(st, 17);
	a->nextensions = sqlite3_column_int(st, 18);
	a->checked_at = sqlite3_column_int64(st, 19);
	a->pinned = sqlite3_column_int(st, 20);
	db_dept_row(st, 21, &a->dept);
	a->kase.id = sqlite3_column_int64(st, 27);
	a->kase.number = db_col_text(st, 28);
	a->kase.title = db_col_text(st, 29);
	a->kase.category = sqlite3_column_int(st, 30);
	a->kase.key_case = sqlite3_column_int(st, 31);
	a->kase.leader = db_col_text(st, 32);
	a->kase.petitioner = db_col_text(st, 33);
	a->kase.received_at = sqlite3_column_int64(st, 34);
	a->kase.status = db_col_text(st, 35);
	a->cycle = sqlite3_column_int(st, 36);
	a->first_cycle = sqlite3_column_int(st, 37);
	a->what = db_col_text(st, 38);
	a->adj.agreed = sqlite3_column_int64(st, 39);
	a->responsible = db_col_text(st, 40);
}

instant_t
db_min_instant(struct store *s, const char *sql)
{
	sqlite3_stmt *st = db_stmt(s, sql);
	instant_t t = 0;

	/* (none, or a failed read, logged: the poll interval looks again) */
	if (db_next(s, st) == 1)
		t = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return t;
}
