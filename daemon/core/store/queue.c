/* The discipline-inspection queue: escalations and their append-only evidence records. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
store_escalation_add(struct store *s, const struct action *a, int level, const char *target,
    instant_t now)
{
	dbst *st = db_stmt(s, Q_ESCALATION_ADD);

	db_bind_int64(st, 1, a->id);
	db_bind_int(st, 2, a->cycle);
	db_bind_int(st, 3, level);
	db_bind_text(st, 4, target);
	db_bind_int64(st, 5, now);
	db_bind_int64(st, 6, a->dept.id);
	db_bind_instant(st, 7, a->due_at);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s) == 1 ? 0 : 1;
}

int64_t
store_escalation_id(struct store *s, int64_t action, int cycle, int level)
{
	dbst *st = db_stmt(s, Q_ESCALATION_ID);
	int64_t id = 0;
	int rc;

	db_bind_int64(st, 1, action);
	db_bind_int(st, 2, cycle);
	db_bind_int(st, 3, level);
	if ((rc = db_next(s, st)) == 1)
		id = db_int64(st, 0);
	else if (rc < 0)
		id = -1;
	db_reset(st);
	return id;
}

int
store_evidence_add(struct store *s, int64_t escalation, instant_t at, const char *text)
{
	dbst *st = db_stmt(s, Q_EVIDENCE_ADD);

	db_bind_int64(st, 1, escalation);
	db_bind_int64(st, 2, at);
	db_bind_text(st, 3, text);
	return db_step_done(s, st);
}

int
store_evidence_add_for_notice(struct store *s, int64_t notice, instant_t at, const char *text)
{
	dbst *st = db_stmt(s, Q_EVIDENCE_ADD_FOR_NOTICE);

	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, text);
	db_bind_int64(st, 3, notice);
	return db_step_done(s, st);
}

int
store_evidence_each(struct store *s, int64_t escalation, int (*fn)(const char *, void *),
    void *arg)
{
	dbst *st = db_stmt(s, Q_EVIDENCE_EACH);
	int rc, n = 0;

	db_bind_int64(st, 1, escalation);
	while ((rc = db_next(s, st)) == 1) {
		n++;
		if (fn((const char *)db_text(st, 0), arg) != 0)
			break;
	}
	if (rc < 0)
		n = -1;
	db_reset(st);
	return n;
}


static void
escalation_from_row(dbst *st, struct escalation_row *e)
{
	e->id = db_int64(st, 0);
	e->action_id = db_int64(st, 1);
	e->level = db_int(st, 2);
	e->target = db_col_text(st, 3);
	e->opened_at = db_int64(st, 4);
	e->acked_at = db_int64(st, 5);
	e->resolved_at = db_int64(st, 6);
	e->case_number = db_col_text(st, 7);
	e->case_title = db_col_text(st, 8);
	e->dept_name = db_col_text(st, 9);
	e->step = db_col_text(st, 10);
	e->due_at = db_int64(st, 11);
	e->note = db_col_text(st, 12);
	e->cycle = db_int(st, 13);
}

int
store_escalation_each(struct store *s, bool all,
    int (*fn)(const struct escalation_row *, void *), void *arg)
{
	dbst *st = db_stmt(s, all ? Q_ESCALATION_EACH_ALL : Q_ESCALATION_EACH_OPEN);
	struct escalation_row e;
	int rc = 0, stop = 0;

	while (!stop && (rc = db_next(s, st)) == 1) {
		escalation_from_row(st, &e);
		stop = fn(&e, arg);
		store_escalation_clear(&e);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_escalation_get(struct store *s, int64_t id, struct escalation_row *e)
{
	dbst *st = db_stmt(s, Q_ESCALATION_GET);
	int rc;

	db_bind_int64(st, 1, id);
	rc = db_next(s, st);
	if (rc == 1) {
		escalation_from_row(st, e);
	}
	db_reset(st);
	return rc == 1 ? 0 : rc == 0 ? STORE_NOT_FOUND : -1;
}

void
store_escalation_clear(struct escalation_row *e)
{
	free(e->target);
	free(e->case_number);
	free(e->case_title);
	free(e->dept_name);
	free(e->step);
	free(e->note);
	memset(e, 0, sizeof(*e));
}

int
store_escalation_ack(struct store *s, int64_t id, instant_t at, const char *note)
{
	dbst *st = db_stmt(s, Q_ESCALATION_ACK);

	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, note);
	db_bind_int64(st, 3, id);
	return db_step_done(s, st);
}

int
store_escalation_resolve(struct store *s, int64_t id, instant_t at, const char *note)
{
	dbst *st = db_stmt(s, Q_ESCALATION_RESOLVE);

	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, note);
	db_bind_int64(st, 3, id);
	return db_step_done(s, st);
}
