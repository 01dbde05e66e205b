/* The procedure: next steps proposed to the office, confirmed or dropped. */
#include <stdbool.h>
#include <string.h>

#include "internal.h"

int
store_proposal_add(struct store *s, int64_t case_id, int64_t after_action, const char *step,
    int64_t dept_id, instant_t at, const char *why, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO proposals (case_id, after_action, step, dept_id, proposed_at, why)"
	    " VALUES (?, ?, ?, ?, ?, ?)";
	dbst *st = db_stmt(s, sql);

	db_bind_int64(st, 1, case_id);
	if (after_action != 0)
		db_bind_int64(st, 2, after_action);
	db_bind_text(st, 3, step);
	if (dept_id != 0)
		db_bind_int64(st, 4, dept_id);
	db_bind_int64(st, 5, at);
	db_bind_text(st, 6, why);
	if (db_step_done(s, st) != 0)
		return -1;
	if (id)
		*id = db_last_id(s);
	return 0;
}

int
store_proposal_each(struct store *s, bool all, int64_t id,
    int (*fn)(const struct proposal *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT p.id, p.after_action, c.number, p.step, d.code, p.proposed_at, p.why,"
	    " p.decided_at, p.action_id, p.reason FROM proposals p"
	    " JOIN cases c ON c.id = p.case_id LEFT JOIN departments d ON d.id = p.dept_id"
	    " WHERE (?1 <> 0 OR p.decided_at IS NULL) AND (?2 = 0 OR p.id = ?2) ORDER BY p.id";
	dbst *st = db_stmt(s, sql);
	struct proposal p;
	int rc = 0, step = 0;

	db_bind_int(st, 1, all || id != 0);
	db_bind_int64(st, 2, id);
	while (rc == 0 && (step = db_next(s, st)) == 1) {
		memset(&p, 0, sizeof(p));
		p.id = db_int64(st, 0);
		p.after_action = db_int64(st, 1);
		p.case_number = (const char *)db_text(st, 2);
		p.step = (const char *)db_text(st, 3);
		p.dept = (const char *)db_text(st, 4);
		p.proposed_at = db_int64(st, 5);
		p.why = (const char *)db_text(st, 6);
		p.decided_at = db_int64(st, 7);
		p.action_id = db_int64(st, 8);
		p.reason = (const char *)db_text(st, 9);
		rc = fn(&p, arg);
	}
	db_reset(st);
	return step < 0 ? -1 : rc;
}

int
store_proposal_open_count(struct store *s, int64_t case_id)
{
	static const char sql[] =
	    "SELECT count(*) FROM proposals WHERE case_id = ? AND decided_at IS NULL";
	dbst *st = db_stmt(s, sql);
	int rc, n = 0;

	db_bind_int64(st, 1, case_id);
	if ((rc = db_next(s, st)) == 1)
		n = db_int(st, 0);
	db_reset(st);
	return rc < 0 ? -1 : n;
}

int
store_proposal_decide(struct store *s, int64_t id, instant_t at, const char *who,
    int64_t action_id, const char *reason)
{
	static const char sql[] =
	    "UPDATE proposals SET decided_at = ?2, decided_by = ?3, action_id = ?4, reason = ?5"
	    " WHERE id = ?1 AND decided_at IS NULL";
	dbst *st = db_stmt(s, sql);

	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, at);
	db_bind_text(st, 3, who);
	if (action_id != 0)
		db_bind_int64(st, 4, action_id);
	db_bind_text(st, 5, reason);
	if (db_step_done(s, st) != 0)
		return -1;
	return db_changes(s) == 1 ? 0 : STORE_NOT_FOUND;
}
