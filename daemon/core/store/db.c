/*
 * The store's private layer: the statements prepared by name, binding, stepping, and the
 * row readers more than one file uses, for SQLite here and PostgreSQL in
 * pg.c.
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
	return s->pg ? pg_errmsg(s) : sqlite3_errmsg(s->db);
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
		db_reset(st);
		if (s->db)
			sqlite3_clear_bindings(st->lite);
		else
			pg_clear(st);
		return st;
	}
	if (sql == NULL)
		fatalx("store: statement %s is not for this engine", store_stmts[q].name);
	if (s->pg)
		st = pg_prepare(s, sql);
	else {
		st = xcalloc(1, sizeof(*st));
		if (sqlite3_prepare_v2(s->db, sql, -1, &st->lite, NULL) != SQLITE_OK)
			fatalx("store: cannot prepare statement %s: %s", store_stmts[q].name,
			    sqlite3_errmsg(s->db));
	}
	return s->stmts[q] = st;
}

int
db_stmt_check(struct store *s, enum stmt q)
{
	const char *sql = stmt_text(s, q);
	sqlite3_stmt *lite;

	if (sql == NULL)
		return 0;	/* not for this engine */
	if (s->pg)
		return pg_check(s, sql);
	if (sqlite3_prepare_v2(s->db, sql, -1, &lite, NULL) != SQLITE_OK)
		return -1;
	sqlite3_finalize(lite);
	return 0;
}

/* A statement for SQL made at run time, not cached: db_finalize it. */
dbst *
db_stmt_once(struct store *s, const char *sql)
{
	dbst *st;

	if (s->pg)
		return pg_prepare(s, sql);
	st = xcalloc(1, sizeof(*st));
	if (sqlite3_prepare_v2(s->db, sql, -1, &st->lite, NULL) != SQLITE_OK)
		fatalx("store: cannot prepare statement: %s", sqlite3_errmsg(s->db));
	return st;
}

void
db_finalize(dbst *st)
{
	if (st->lite)
		sqlite3_finalize(st->lite);
	else
		pg_finalize(st);
	free(st);
}

void
db_reset(dbst *st)
{
	if (st->lite)
		sqlite3_reset(st->lite);
	else
		pg_reset(st);
}

void
db_bind_text(dbst *st, int i, const char *v)
{
	if (!st->lite)
		pg_bind(st, i, v, false);
	else if (v == NULL)
		sqlite3_bind_null(st->lite, i);
	else
		sqlite3_bind_text(st->lite, i, v, -1, SQLITE_TRANSIENT);
}

void
db_bind_int64(dbst *st, int i, int64_t v)
{
	char buf[24];

	if (st->lite) {
		sqlite3_bind_int64(st->lite, i, v);
		return;
	}
	snprintf(buf, sizeof(buf), "%" PRId64, v);
	pg_bind(st, i, buf, true);
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
	else if (st->lite)
		sqlite3_bind_null(st->lite, i);
	else
		pg_bind(st, i, NULL, true);	/* a NULL of a known type: "? IS NULL" needs one */
}

int64_t
db_int64(dbst *st, int i)
{
	const char *v;

	if (st->lite)
		return sqlite3_column_int64(st->lite, i);
	if ((v = pg_value(st, i)) == NULL)
		return 0;
	if (v[0] == 't' && v[1] == '\0')	/* a boolean */
		return 1;
	return strtoll(v, NULL, 10);
}

int
db_int(dbst *st, int i)
{
	return (int)db_int64(st, i);
}

const char *
db_text(dbst *st, int i)
{
	if (st->lite)
		return (const char *)sqlite3_column_text(st->lite, i);
	return pg_value(st, i);
}

int
db_ncols(dbst *st)
{
	return st->lite ? sqlite3_column_count(st->lite) : pg_ncols(st);
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
	int rc;

	if (s->pg)
		return pg_next(s, st);
	rc = sqlite3_step(st->lite);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	log_warnx("store: %s", sqlite3_errmsg(s->db));
	return -1;
}

/* Run a statement that returns no rows; 0 or -1 (logged). */
int
db_step_done(struct store *s, dbst *st)
{
	int rc;

	if (s->pg) {
		rc = pg_next(s, st);
		db_reset(st);
		return rc < 0 ? -1 : 0;
	}
	rc = sqlite3_step(st->lite);
	sqlite3_reset(st->lite);
	if (rc != SQLITE_DONE) {
		log_warnx("store: %s", sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

int64_t
db_changes(struct store *s)
{
	return s->pg ? s->changes : sqlite3_changes(s->db);
}

int64_t
db_last_id(struct store *s)
{
	return s->pg ? pg_last_id(s) : sqlite3_last_insert_rowid(s->db);
}

int
db_txn(struct store *s, enum db_txn what)
{
	static const char *const sql[] = { "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK" };

	if (s->pg)
		return pg_txn(s, what);
	return db_exec(s, sql[what]);
}

bool
db_in_txn(struct store *s)
{
	return s->pg ? pg_in_txn(s) : !sqlite3_get_autocommit(s->db);
}

int
db_exec(struct store *s, const char *sql)
{
	char *err = NULL;

	if (s->pg)
		return pg_exec(s, sql);
	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_warnx("store: %s", err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
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
