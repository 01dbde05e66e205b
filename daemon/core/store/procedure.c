/* The procedure: next steps proposed to the office, confirmed or dropped. */
#include <stdbool.h>
#include <string.h>

#include "internal.h"

int
store_proposal_add(struct store *s, int64_t case_id, int64_t after_action, const char *step,
    int64_t dept_id, instant_t at, const char *why, int64_t *id)
{
	dbst *st = db_stmt(s, Q_PROPOSAL_ADD);

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
	dbst *st = db_stmt(s, Q_PROPOSAL_EACH);
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
	dbst *st = db_stmt(s, Q_PROPOSAL_OPEN_COUNT);
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
	dbst *st = db_stmt(s, Q_PROPOSAL_DECIDE);

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
