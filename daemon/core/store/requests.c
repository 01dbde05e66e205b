/* A department's requests by link (延期申请, 办结报告), each decided once by the office. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void
request_from_row(dbst *st, struct request *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_int64(st, 0);
	r->action_id = db_int64(st, 1);
	r->cycle = db_int(st, 2);
	snprintf(r->kind, sizeof(r->kind), "%s", db_text(st, 3) ? db_text(st, 3) : "");
	r->asked_by = db_col_text(st, 4);
	r->asked_from = db_col_text(st, 5);
	r->asked_at = db_int64(st, 6);
	r->text = db_col_text(st, 7);
	r->until_at = db_int64(st, 8);
	r->decided_at = db_int64(st, 9);
	r->decision = db_col_text(st, 10);
	r->decided_by = db_col_text(st, 11);
	r->note = db_col_text(st, 12);
	r->case_number = db_col_text(st, 13);
	r->dept_name = db_col_text(st, 14);
}

void
store_request_clear(struct request *r)
{
	free(r->asked_by);
	free(r->asked_from);
	free(r->text);
	free(r->decision);
	free(r->decided_by);
	free(r->note);
	free(r->case_number);
	free(r->dept_name);
	memset(r, 0, sizeof(*r));
}

int
store_request_add(struct store *s, const struct request *r, int64_t *id)
{
	dbst *st = db_stmt(s, Q_REQUEST_ADD);

	db_bind_int64(st, 1, r->action_id);
	db_bind_int(st, 2, r->cycle);
	db_bind_text(st, 3, r->kind);
	db_bind_text(st, 4, r->asked_by);
	db_bind_text(st, 5, r->asked_from);
	db_bind_int64(st, 6, r->asked_at);
	db_bind_text(st, 7, r->text);
	db_bind_instant(st, 8, r->until_at);
	if (db_step_done(s, st) != 0)
		return -1;
	*id = db_last_id(s);
	return 0;
}

int
store_request_get(struct store *s, int64_t id, struct request *r)
{
	dbst *st = db_stmt(s, Q_REQUEST_GET);
	int rc;

	db_bind_int64(st, 1, id);
	if ((rc = db_next(s, st)) == 1)
		request_from_row(st, r);
	db_reset(st);
	return rc == 1 ? 0 : rc == 0 ? STORE_NOT_FOUND : -1;
}

int64_t
store_request_pending(struct store *s, int64_t action, const char *kind)
{
	dbst *st = db_stmt(s, Q_REQUEST_PENDING);
	int64_t id = 0;
	int rc;

	db_bind_int64(st, 1, action);
	db_bind_text(st, 2, kind);
	if ((rc = db_next(s, st)) == 1)
		id = db_int64(st, 0);
	db_reset(st);
	return rc < 0 ? -1 : id;
}

int
store_request_decide(struct store *s, int64_t id, instant_t at, const char *decision,
    const char *by, const char *note)
{
	dbst *st = db_stmt(s, Q_REQUEST_DECIDE);

	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, decision);
	db_bind_text(st, 3, by);
	if (note != NULL)
		db_bind_text(st, 4, note);
	db_bind_int64(st, 5, id);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s) == 1 ? 0 : 1;
}

int
store_request_each(struct store *s, bool all, int (*fn)(const struct request *, void *),
    void *arg)
{
	dbst *st = db_stmt(s, all ? Q_REQUEST_EACH_ALL : Q_REQUEST_EACH_OPEN);
	struct request r;
	int rc, stop = 0;

	while (!stop && (rc = db_next(s, st)) == 1) {
		request_from_row(st, &r);
		stop = fn(&r, arg);
		store_request_clear(&r);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}
