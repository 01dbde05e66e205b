/*
 * The store's private layer: the statements prepared by name, binding,
 * stepping, and the row readers more than one file uses, each through the
 * store's engine (sqlite.c, pg.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/log.h"
#include "internal.h"

const char *
store_errmsg(struct store *s)
{
	return s->eng->errmsg(s);
}

bool
store_is_shared(struct store *s)
{
	return s->pg != NULL;
}

/* q's text on this store's engine: SQLite's, or PostgreSQL's (given, or derived from SQLite's). */
static const char *
stmt_text(struct store *s, enum stmt q)
{
	const struct stmt_def *d = &store_stmts[q];

	if (s->pg)
		return d->engines == STMT_SQLITE ? NULL : d->pg ? d->pg : d->sqlite;
	return d->engines == STMT_PG ? NULL : d->sqlite;
}

dbst *
db_stmt(struct store *s, enum stmt q)
{
	const char *sql = stmt_text(s, q);
	dbst *st = s->stmts[q];

	if (st != NULL) {
		s->eng->reset(st);
		s->eng->clear(st);
		return st;
	}
	if (sql == NULL)
		fatalx("store: statement %s is not for %s", store_stmts[q].name, s->eng->name);
	if ((st = s->eng->prepare(s, sql)) == NULL)
		fatalx("store: cannot prepare statement %s: %s", store_stmts[q].name,
		    s->eng->errmsg(s));
	return s->stmts[q] = st;
}

int
db_stmt_check(struct store *s, enum stmt q)
{
	const char *sql = stmt_text(s, q);

	return sql == NULL ? 0 : s->eng->check(s, sql);	/* (NULL: not for this engine) */
}

/* A statement for SQL made at run time, not cached: db_finalize it. */
dbst *
db_stmt_once(struct store *s, const char *sql)
{
	dbst *st;

	if ((st = s->eng->prepare(s, sql)) == NULL)
		fatalx("store: cannot prepare statement: %s", s->eng->errmsg(s));
	return st;
}

void
db_finalize(dbst *st)
{
	st->s->eng->finalize(st);
	free(st);
}

void
db_reset(dbst *st)
{
	st->s->eng->reset(st);
}

void
db_bind_text(dbst *st, int i, const char *v)
{
	st->s->eng->bind_text(st, i, v);
}

void
db_bind_int64(dbst *st, int i, int64_t v)
{
	st->s->eng->bind_int64(st, i, v);
}

void
db_bind_int(dbst *st, int i, int v)
{
	db_bind_int64(st, i, v);
}

void
db_bind_instant(dbst *st, int i, instant_t v)
{
	if (v != 0)
		db_bind_int64(st, i, v);
	else
		st->s->eng->bind_null_int(st, i);	/* a NULL of a known type: "? IS NULL" needs one */
}

int64_t
db_int64(dbst *st, int i)
{
	return st->s->eng->col_int64(st, i);
}

int
db_int(dbst *st, int i)
{
	return (int)db_int64(st, i);
}

const char *
db_text(dbst *st, int i)
{
	return st->s->eng->col_text(st, i);
}

int
db_ncols(dbst *st)
{
	return st->s->eng->ncols(st);
}

const char *
db_col_name(dbst *st, int i)
{
	return st->s->eng->col_name(st, i);
}

char *
db_col_text(dbst *st, int i)
{
	const char *t = db_text(st, i);

	return t == NULL ? NULL : xstrdup(t);
}

/* A notice row from id, action_id, kind, recipient, subject, status, attempts,
 * next_try, sent_at, reply[, level, seq]; the strings live in the statement. */
void
db_notice_row(dbst *st, struct notice_row *r)
{
	int n = db_ncols(st);

	r->id = db_int64(st, 0);
	r->action_id = db_int64(st, 1);
	r->kind = db_text(st, 2);
	r->recipient = db_text(st, 3);
	r->subject = db_text(st, 4);
	r->status = db_text(st, 5);
	r->attempts = db_int(st, 6);
	r->next_try = db_int64(st, 7);
	r->sent_at = db_int64(st, 8);
	r->reply = db_text(st, 9);
	r->level = n > 10 ? db_int(st, 10) : 0;
	r->seq = n > 11 ? db_int(st, 11) : 0;
	r->cycle = n > 12 ? db_int(st, 12) : 0;
	r->due_at = n > 13 ? db_int64(st, 13) : 0;
}

int
db_next(struct store *s, dbst *st)
{
	return s->eng->step(s, st);
}

/* Run a statement that returns no rows; 0 or -1 (logged). */
int
db_step_done(struct store *s, dbst *st)
{
	int rc = s->eng->step(s, st);

	s->eng->reset(st);
	return rc < 0 ? -1 : 0;
}

int64_t
db_changes(struct store *s)
{
	return s->eng->changes(s);
}

int64_t
db_last_id(struct store *s)
{
	return s->eng->last_id(s);
}

int
db_txn(struct store *s, enum db_txn what)
{
	/* what a transaction knows of the formats it stored holds in it alone */
	if (what == DB_BEGIN || what == DB_BEGIN_READ)
		store_formats_forget(s);
	return s->eng->txn(s, what);
}

bool
db_in_txn(struct store *s)
{
	return s->eng->in_txn(s);
}

int
db_exec(struct store *s, const char *sql)
{
	return s->eng->exec(s, sql);
}

void
db_dept_row(dbst *st, int i, struct department *d)
{
	d->id = db_int64(st, i);
	d->code = db_col_text(st, i + 1);
	d->name = db_col_text(st, i + 2);
	d->head = db_col_text(st, i + 3);
	d->email = db_col_text(st, i + 4);
	d->cc = db_col_text(st, i + 5);
}


void
db_action_row(dbst *st, struct action *a)
{
	memset(a, 0, sizeof(*a));
	a->id = db_int64(st, 0);
	a->step = db_col_text(st, 1);
	a->rule = db_col_text(st, 2);
	a->notified_at = db_int64(st, 3);
	a->due_at = db_int64(st, 4);
	a->uncertain = db_int(st, 5);
	a->stage = db_int(st, 6);
	a->next_at = db_int64(st, 7);
	a->done_at = db_int64(st, 8);
	a->note = db_col_text(st, 9);
	a->acked_at = db_int64(st, 10);
	a->paused_at = db_int64(st, 11);
	a->adj.pause_days = db_int(st, 12);
	a->adj.pause_workdays = db_int(st, 13);
	a->adj.pause_ms = db_int64(st, 14);
	a->adj.ext_days = db_int(st, 15);
	a->adj.ext_workdays = db_int(st, 16);
	a->adj.ext_ms = db_int64(st, 17);
	a->nextensions = db_int(st, 18);
	a->checked_at = db_int64(st, 19);
	a->pinned = db_int(st, 20);
	db_dept_row(st, 21, &a->dept);
	a->kase.id = db_int64(st, 27);
	a->kase.number = db_col_text(st, 28);
	a->kase.title = db_col_text(st, 29);
	a->kase.category = db_int(st, 30);
	a->kase.key_case = db_int(st, 31);
	a->kase.leader = db_col_text(st, 32);
	a->kase.petitioner = db_col_text(st, 33);
	a->kase.received_at = db_int64(st, 34);
	a->kase.status = db_col_text(st, 35);
	a->cycle = db_int(st, 36);
	a->first_cycle = db_int(st, 37);
	a->what = db_col_text(st, 38);
	a->adj.agreed = db_int64(st, 39);
	a->responsible = db_col_text(st, 40);
}

instant_t
db_min_instant(struct store *s, enum stmt q)
{
	dbst *st = db_stmt(s, q);
	instant_t t = 0;

	/* (none, or a failed read, logged: the poll interval looks again) */
	if (db_next(s, st) == 1)
		t = db_int64(st, 0);
	db_reset(st);
	return t;
}
