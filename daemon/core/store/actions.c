/*
 * Actions: their deadlines and schedule, the lifecycle (receipt, pauses,
 * extensions, reassignment) and their history.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
store_action_add(struct store *s, const struct action_new *n, instant_t due, int uncertain,
    instant_t next_at, instant_t now, int64_t *id)
{
	dbst *st = db_stmt(s, Q_ACTION_ADD);

	db_bind_int64(st, 1, n->case_id);
	db_bind_int64(st, 2, n->dept_id);
	db_bind_text(st, 3, n->step);
	db_bind_int64(st, 4, n->notified);
	db_bind_text(st, 5, n->rule);
	db_bind_instant(st, 6, due);
	db_bind_int(st, 7, uncertain);
	db_bind_instant(st, 8, next_at);
	db_bind_int64(st, 9, now);
	db_bind_int(st, 10, n->pinned);
	db_bind_text(st, 11, n->what != NULL && n->what[0] != '\0' ? n->what : NULL);
	db_bind_instant(st, 12, n->agreed);
	db_bind_text(st, 13, n->responsible);
	if (db_step_done(s, st) != 0)
		return -1;
	if (id)
		*id = db_last_id(s);
	return 0;
}

void
store_action_clear(struct action *a)
{
	free(a->step);
	free(a->what);
	free(a->responsible);
	free(a->rule);
	free(a->note);
	store_dept_clear(&a->dept);
	store_case_clear(&a->kase);
	memset(a, 0, sizeof(*a));
}

int
store_action_get(struct store *s, int64_t id, struct action *a)
{
	dbst *st = db_stmt(s, Q_ACTION_GET);
	int rc;

	db_bind_int64(st, 1, id);
	rc = db_next(s, st);
	if (rc == 1)
		db_action_row(st, a);
	db_reset(st);
	return rc == 1 ? 0 : rc == 0 ? STORE_NOT_FOUND : -1;
}

int
store_action_done(struct store *s, int64_t id, instant_t at, const char *note)
{
	dbst *st = db_stmt(s, Q_ACTION_DONE);
	int rc;

	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, note);
	db_bind_int64(st, 3, id);
	if (db_step_done(s, st) != 0)
		return -1;
	if (db_changes(s) == 1)
		return 0;
	st = db_stmt(s, Q_ACTION_DONE_EXISTS);
	db_bind_int64(st, 1, id);
	rc = db_next(s, st);
	db_reset(st);
	return rc == 1 ? STORE_DONE_ALREADY : rc == 0 ? STORE_NOT_FOUND : -1;
}

int
store_action_each(struct store *s, bool all, int (*fn)(const struct action *, void *),
    void *arg)
{
	dbst *st = db_stmt(s, all ? Q_ACTION_LIST_ALL : Q_ACTION_LIST_OPEN);
	struct action a;
	int rc = 0, stop = 0;

	while (!stop && (rc = db_next(s, st)) == 1) {
		db_action_row(st, &a);
		stop = fn(&a, arg);
		store_action_clear(&a);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_action_due(struct store *s, instant_t now, int max, struct action *out)
{
	dbst *st = db_stmt(s, Q_ACTION_DUE);
	int rc = 0, n = 0;

	db_bind_int64(st, 1, now);
	db_bind_int(st, 2, max);
	while (n < max && (rc = db_next(s, st)) == 1)
		db_action_row(st, &out[n++]);
	db_reset(st);
	if (rc < 0) {
		while (n > 0)
			store_action_clear(&out[--n]);
		return -1;
	}
	return n;
}

int
store_action_schedule(struct store *s, int64_t id, int stage, instant_t next_at,
    instant_t checked_at)
{
	dbst *st = db_stmt(s, Q_ACTION_SCHEDULE);

	db_bind_int(st, 1, stage);
	db_bind_instant(st, 2, next_at);
	db_bind_int64(st, 3, checked_at);
	db_bind_int64(st, 4, id);
	return db_step_done(s, st);
}

int
store_action_replan(struct store *s, int64_t id, const char *rule, instant_t due,
    int uncertain, int stage, instant_t next_at)
{
	dbst *st = db_stmt(s, Q_ACTION_REPLAN);

	db_bind_text(st, 1, rule);
	db_bind_instant(st, 2, due);
	db_bind_int(st, 3, uncertain);
	db_bind_int(st, 4, stage);
	db_bind_instant(st, 5, next_at);
	db_bind_int64(st, 6, id);
	return db_step_done(s, st);
}

int
store_deadline_audit(struct store *s, int64_t action, instant_t at, instant_t old_due,
    instant_t new_due, const char *old_rule, const char *new_rule, const char *why)
{
	dbst *st = db_stmt(s, Q_DEADLINE_AUDIT);

	db_bind_int64(st, 1, action);
	db_bind_int64(st, 2, at);
	db_bind_instant(st, 3, old_due);
	db_bind_instant(st, 4, new_due);
	db_bind_text(st, 5, old_rule);
	db_bind_text(st, 6, new_rule);
	db_bind_text(st, 7, why);
	return db_step_done(s, st);
}

int
store_action_each_open(struct store *s, int (*fn)(const struct recompute_row *, void *),
    void *arg)
{
	dbst *st = db_stmt(s, Q_ACTION_EACH_OPEN);
	struct recompute_row r;
	int rc = 0, step = 0;

	while (rc == 0 && (step = db_next(s, st)) == 1) {
		r.id = db_int64(st, 0);
		r.step = (const char *)db_text(st, 1);
		r.dept = (const char *)db_text(st, 2);
		r.category = db_int(st, 3);
		r.key = db_int(st, 4);
		r.rule = (const char *)db_text(st, 5);
		r.pinned = db_int(st, 6);
		r.notified_at = db_int64(st, 7);
		r.due_at = db_int64(st, 8);
		r.stage = db_int(st, 9);
		r.checked_at = db_int64(st, 10);
		r.uncertain = db_int(st, 11);
		r.paused_at = db_int64(st, 12);
		r.adj.pause_days = db_int(st, 13);
		r.adj.pause_workdays = db_int(st, 14);
		r.adj.pause_ms = db_int64(st, 15);
		r.adj.ext_days = db_int(st, 16);
		r.adj.ext_workdays = db_int(st, 17);
		r.adj.ext_ms = db_int64(st, 18);
		r.adj.agreed = db_int64(st, 19);
		rc = fn(&r, arg);
	}
	db_reset(st);
	return step < 0 ? -1 : rc;
}

int
store_audit_each(struct store *s, int64_t action,
    int (*fn)(const struct audit_row *, void *), void *arg)
{
	dbst *st = db_stmt(s, Q_AUDIT_EACH);
	struct audit_row r;
	int rc = 0, stop = 0;

	db_bind_int64(st, 1, action);
	while (!stop && (rc = db_next(s, st)) == 1) {
		r.at = db_int64(st, 0);
		r.old_due = db_int64(st, 1);
		r.new_due = db_int64(st, 2);
		r.old_rule = (const char *)db_text(st, 3);
		r.new_rule = (const char *)db_text(st, 4);
		r.why = (const char *)db_text(st, 5);
		stop = fn(&r, arg);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

instant_t
store_next_event(struct store *s)
{

	return db_min_instant(s, Q_NEXT_EVENT);
}

int
store_action_ack(struct store *s, int64_t id, instant_t at)
{
	dbst *st = db_stmt(s, Q_ACTION_ACK);

	db_bind_int64(st, 1, at);
	db_bind_int64(st, 2, id);
	return db_step_done(s, st);
}

int
store_action_set_pause(struct store *s, int64_t id, instant_t paused_at,
    const struct adjust *adj, int nextensions)
{
	dbst *st = db_stmt(s, Q_ACTION_SET_PAUSE);

	db_bind_instant(st, 1, paused_at);
	db_bind_int(st, 2, adj->pause_days);
	db_bind_int(st, 3, adj->pause_workdays);
	db_bind_int64(st, 4, adj->pause_ms);
	db_bind_int(st, 5, adj->ext_days);
	db_bind_int(st, 6, adj->ext_workdays);
	db_bind_int64(st, 7, adj->ext_ms);
	db_bind_int(st, 8, nextensions);
	db_bind_int64(st, 9, id);
	return db_step_done(s, st);
}

int
store_pause_open(struct store *s, int64_t id, instant_t from, const char *reason,
    const char *who, const char *to)
{
	dbst *st = db_stmt(s, Q_PAUSE_OPEN);

	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, from);
	db_bind_text(st, 3, reason);
	db_bind_text(st, 4, who);
	db_bind_text(st, 5, to);
	return db_step_done(s, st);
}

int
store_pause_close(struct store *s, int64_t id, instant_t to)
{
	dbst *st = db_stmt(s, Q_PAUSE_CLOSE);

	db_bind_int64(st, 1, to);
	db_bind_int64(st, 2, id);
	return db_step_done(s, st);
}

int
store_extension_add(struct store *s, int64_t id, instant_t at, const char *length,
    const char *approver, const char *reason, const char *who)
{
	dbst *st = db_stmt(s, Q_EXTENSION_ADD);

	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, at);
	db_bind_text(st, 3, length);
	db_bind_text(st, 4, approver);
	db_bind_text(st, 5, reason);
	db_bind_text(st, 6, who);
	return db_step_done(s, st);
}

int
store_action_reassign(struct store *s, const struct action *a, int64_t dept, instant_t at,
    const char *why)
{

	dbst *st = db_stmt(s, Q_ACTION_REASSIGN_KEEP);

	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, why);
	db_bind_int64(st, 3, a->id);
	if (db_step_done(s, st) != 0)
		return -1;
	st = db_stmt(s, Q_ACTION_REASSIGN_MOVE);
	db_bind_int64(st, 1, dept);
	db_bind_int64(st, 2, at);
	db_bind_int64(st, 3, a->id);
	return db_step_done(s, st);
}

int
store_action_new_cycle(struct store *s, int64_t id)
{
	dbst *st = db_stmt(s, Q_ACTION_NEW_CYCLE);

	db_bind_int64(st, 1, id);
	return db_step_done(s, st);
}

int
store_assignment_each(struct store *s, int64_t action,
    int (*fn)(const struct assignment_row *, void *), void *arg)
{
	dbst *st = db_stmt(s, Q_ASSIGNMENT_EACH);
	struct assignment_row r;
	int rc = 0, stop = 0;

	db_bind_int64(st, 1, action);
	while (!stop && (rc = db_next(s, st)) == 1) {
		r.dept = (const char *)db_text(st, 0);
		r.dept_name = (const char *)db_text(st, 1);
		r.notified_at = db_int64(st, 2);
		r.rule = (const char *)db_text(st, 3);
		r.due_at = db_int64(st, 4);
		r.ended_at = db_int64(st, 5);
		r.why = (const char *)db_text(st, 6);
		stop = fn(&r, arg);
	}
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_period_each(struct store *s, int64_t action,
    int (*fn)(const char *kind, instant_t from, instant_t to, const char *a,
    const char *b, const char *c, void *arg), void *arg)
{
	dbst *st = db_stmt(s, Q_PERIOD_EACH);
	int rc = 0, stop = 0;

	db_bind_int64(st, 1, action);
	while (!stop && (rc = db_next(s, st)) == 1)
		stop = fn((const char *)db_text(st, 0), db_int64(st, 1),
		    db_int64(st, 2), (const char *)db_text(st, 3),
		    (const char *)db_text(st, 4), (const char *)db_text(st, 5),
		    arg);
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int64_t
store_action_find(struct store *s, int64_t case_id, int64_t dept_id, const char *step,
    const char *what, instant_t notified, bool *earlier)
{
	dbst *st = db_stmt(s, Q_ACTION_FIND);
	int64_t id = 0;
	int rc;

	db_bind_int64(st, 1, case_id);
	db_bind_int64(st, 2, dept_id);
	db_bind_text(st, 3, step);
	db_bind_int64(st, 4, notified);
	db_bind_text(st, 5, what ? what : "");
	if ((rc = db_next(s, st)) == 1) {
		id = db_int64(st, 0);
		*earlier = db_int(st, 1) != 0;
	} else if (rc < 0)
		id = -1;
	db_reset(st);
	return id;
}

int
store_action_set_record(struct store *s, int64_t id, instant_t acked, instant_t done,
    const char *note)
{
	dbst *st = db_stmt(s, Q_ACTION_SET_RECORD);

	db_bind_instant(st, 1, acked);
	db_bind_instant(st, 2, done);
	db_bind_text(st, 3, note);
	db_bind_int64(st, 4, id);
	return db_step_done(s, st);
}

int
store_steps_each(struct store *s, int (*fn)(const char *step, int n, void *arg), void *arg)
{
	dbst *st = db_stmt(s, Q_STEPS_EACH);
	int rc = 0, step;

	while (rc == 0 && (step = db_next(s, st)) == 1)
		rc = fn((const char *)db_text(st, 0), db_int(st, 1), arg);
	db_reset(st);
	return rc != 0 ? rc : step < 0 ? -1 : 0;
}

int
store_steps_place(struct store *s, const char *old, const char *key, int keep_text,
    instant_t now, const char *who)
{
	dbst *st = db_stmt(s, Q_STEPS_PLACE_LOG);

	db_bind_int64(st, 1, now);
	db_bind_text(st, 2, who);
	db_bind_text(st, 3, old);
	db_bind_text(st, 4, key);
	db_bind_int(st, 5, keep_text);
	if (db_step_done(s, st) != 0)
		return -1;
	st = db_stmt(s, Q_STEPS_PLACE);
	db_bind_text(st, 1, old);
	db_bind_text(st, 2, key);
	db_bind_int(st, 3, keep_text);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s);
}
