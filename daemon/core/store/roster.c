/* The roster and the cases: departments and petition cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
store_dept_add(struct store *s, const struct department *d, int64_t *id)
{
	dbst *st = db_stmt(s, Q_DEPT_ADD);

	db_bind_text(st, 1, d->code);
	db_bind_text(st, 2, d->name);
	db_bind_text(st, 3, d->head ? d->head : "");
	db_bind_text(st, 4, d->email ? d->email : "");
	db_bind_text(st, 5, d->cc ? d->cc : "");
	if (db_step_done(s, st) != 0)
		return -1;
	if (id)
		*id = db_last_id(s);
	return 0;
}

void
store_dept_clear(struct department *d)
{
	free(d->code);
	free(d->name);
	free(d->head);
	free(d->email);
	free(d->cc);
	memset(d, 0, sizeof(*d));
}

int
store_dept_get(struct store *s, const char *code, struct department *d)
{
	dbst *st = db_stmt(s, Q_DEPT_GET);
	int rc;

	db_bind_text(st, 1, code);
	rc = db_next(s, st);
	if (rc == 1)
		db_dept_row(st, 0, d);
	db_reset(st);
	return rc == 1 ? 0 : rc == 0 ? STORE_NOT_FOUND : -1;
}

int
store_dept_each(struct store *s, int (*fn)(const struct department *, void *), void *arg)
{
	dbst *st = db_stmt(s, Q_DEPT_EACH);
	struct department d;
	int rc = 0, stop = 0;

	while (!stop && (rc = db_next(s, st)) == 1) {
		db_dept_row(st, 0, &d);
		stop = fn(&d, arg);
		store_dept_clear(&d);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_case_add(struct store *s, const struct case_rec *c, int64_t *id)
{
	dbst *st = db_stmt(s, Q_CASE_ADD);

	db_bind_text(st, 1, c->number);
	db_bind_text(st, 2, c->title);
	db_bind_int(st, 3, c->category);
	db_bind_int(st, 4, c->key_case);
	db_bind_text(st, 5, c->leader);
	db_bind_text(st, 6, c->petitioner);
	db_bind_text(st, 7, c->lead_dept);
	db_bind_int64(st, 8, c->received_at);
	if (db_step_done(s, st) != 0)
		return -1;
	if (id)
		*id = db_last_id(s);
	return 0;
}

int
store_case_get(struct store *s, const char *number, struct case_rec *c)
{
	dbst *st = db_stmt(s, Q_CASE_GET);
	int rc;

	db_bind_text(st, 1, number);
	rc = db_next(s, st);
	if (rc == 1) {
		c->id = db_int64(st, 0);
		c->number = db_col_text(st, 1);
		c->title = db_col_text(st, 2);
		c->category = db_int(st, 3);
		c->key_case = db_int(st, 4);
		c->leader = db_col_text(st, 5);
		c->petitioner = db_col_text(st, 6);
		c->lead_dept = db_col_text(st, 7);
		c->received_at = db_int64(st, 8);
		c->status = db_col_text(st, 9);
	}
	db_reset(st);
	return rc == 1 ? 0 : rc == 0 ? STORE_NOT_FOUND : -1;
}

void
store_case_clear(struct case_rec *c)
{
	free(c->number);
	free(c->title);
	free(c->leader);
	free(c->petitioner);
	free(c->lead_dept);
	free(c->status);
	memset(c, 0, sizeof(*c));
}

int
store_case_open_actions(struct store *s, int64_t case_id, char *ids, size_t len)
{
	dbst *st = db_stmt(s, Q_CASE_OPEN_ACTIONS);
	size_t used = 0;
	int rc, n = 0;

	ids[0] = '\0';
	db_bind_int64(st, 1, case_id);
	while ((rc = db_next(s, st)) == 1) {
		if (used + 24 < len)
			used += (size_t)snprintf(ids + used, len - used, "%s%lld", n ? ", " : "",
			    (long long)db_int64(st, 0));
		n++;
	}
	db_reset(st);
	return rc < 0 ? -1 : n;
}

int
store_leader_set(struct store *s, const char *name, const char *title, const char *email)
{
	dbst *st = db_stmt(s, Q_LEADER_SET);

	db_bind_text(st, 1, name);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, email);
	return db_step_done(s, st);
}

int
store_leader_each(struct store *s, const char *name,
    int (*fn)(const char *name, const char *title, const char *email, void *arg), void *arg)
{
	dbst *st = db_stmt(s, Q_LEADER_EACH);
	int rc, n = 0, stop = 0;

	db_bind_text(st, 1, name);
	while (!stop && (rc = db_next(s, st)) == 1) {
		n++;
		if (fn != NULL)
			stop = fn((const char *)db_text(st, 0),
			    (const char *)db_text(st, 1),
			    (const char *)db_text(st, 2), arg);
	}
	db_reset(st);
	return rc < 0 ? -1 : n;
}

int
store_case_action_ids(struct store *s, int64_t case_id, int64_t **ids)
{
	dbst *st = db_stmt(s, Q_CASE_ACTION_IDS);
	int rc, n = 0;

	*ids = NULL;
	db_bind_int64(st, 1, case_id);
	while ((rc = db_next(s, st)) == 1) {
		*ids = xreallocarray(*ids, (size_t)n + 1, sizeof(**ids));
		(*ids)[n++] = db_int64(st, 0);
	}
	db_reset(st);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		return -1;
	}
	return n;
}

int
store_case_close(struct store *s, int64_t case_id, instant_t at, int ceased)
{
	dbst *st = db_stmt(s, Q_CASE_CLOSE);

	db_bind_int64(st, 1, at);
	db_bind_int(st, 2, ceased);
	db_bind_int64(st, 3, case_id);
	return db_step_done(s, st);
}

int
store_case_reopen(struct store *s, int64_t case_id, instant_t at, const char *reason)
{
	dbst *st = db_stmt(s, Q_CASE_REOPEN_KEEP);

	db_bind_int64(st, 1, case_id);
	db_bind_int64(st, 2, at);
	db_bind_text(st, 3, reason);
	if (db_step_done(s, st) != 0)
		return -1;
	st = db_stmt(s, Q_CASE_REOPEN_OPEN);
	db_bind_int64(st, 1, case_id);
	return db_step_done(s, st);
}

int
store_case_closing(struct store *s, int64_t case_id, instant_t *closed, int *ceased)
{
	dbst *st = db_stmt(s, Q_CASE_CLOSING);
	int rc;

	*closed = 0;
	*ceased = 0;
	db_bind_int64(st, 1, case_id);
	if ((rc = db_next(s, st)) == 1) {
		*closed = db_int64(st, 0);
		*ceased = db_int(st, 1);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_case_set_closing(struct store *s, int64_t case_id, instant_t closed, int ceased)
{
	dbst *st = db_stmt(s, Q_CASE_SET_CLOSING);

	db_bind_int64(st, 1, case_id);
	db_bind_int64(st, 2, closed);
	db_bind_int(st, 3, closed ? ceased : 0);
	return db_step_done(s, st);
}

int
store_case_update(struct store *s, int64_t id, const struct case_rec *c)
{
	dbst *st = db_stmt(s, Q_CASE_UPDATE);

	db_bind_text(st, 1, c->title);
	db_bind_int(st, 2, c->category);
	db_bind_int(st, 3, c->key_case);
	db_bind_text(st, 4, c->leader);
	db_bind_text(st, 5, c->petitioner);
	db_bind_text(st, 6, c->lead_dept);
	db_bind_int64(st, 7, c->received_at);
	db_bind_int64(st, 8, id);
	return db_step_done(s, st);
}

int
store_dept_update(struct store *s, const struct department *d)
{
	dbst *st = db_stmt(s, Q_DEPT_UPDATE);

	db_bind_text(st, 1, d->name);
	db_bind_text(st, 2, d->head ? d->head : "");
	db_bind_text(st, 3, d->email ? d->email : "");
	db_bind_text(st, 4, d->cc ? d->cc : "");
	db_bind_text(st, 5, d->code);
	return db_step_done(s, st);
}

static int
peek_one(const struct department *d, void *arg)
{
	struct peek { int (*fn)(const char *, void *); void *arg; } *p = arg;

	return p->fn(d->code, p->arg);
}

int
store_peek_departments(const char *path, int (*fn)(const char *code, void *arg), void *arg)
{
	/* read only, no migration, no lock kept: for the configuration's checks */
	sqlite3_stmt *st;
	sqlite3 *db;
	int rc;

	if (store_path_is_pg(path)) {
		struct { int (*fn)(const char *, void *); void *arg; } p = { fn, arg };
		struct store *s;
		char *cause;

		if ((s = store_open(path, 0, &cause)) == NULL) {
			free(cause);
			return -1;
		}
		rc = store_dept_each(s, peek_one, &p);
		store_close(s);
		return rc < 0 ? -1 : 0;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 2000);
	if (sqlite3_prepare_v2(db, store_stmts[Q_PEEK_DEPARTMENTS].sqlite, -1, &st, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(st, 0), arg) != 0)
			break;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}
