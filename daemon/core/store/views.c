/*
 * What is read across the tables: the audit log, counts for status, the
 * ledger, the report.
 */
#include <stdlib.h>
#include <string.h>

#include "duban/csv.h"
#include "duban/text.h"
#include "internal.h"

int
store_event(struct store *s, instant_t at, const char *who, int64_t action,
    const char *what, const char *detail)
{
	static const char sql[] =
	    "INSERT INTO events (at, who, action_id, what, detail) VALUES (?, ?, ?, ?, ?)";
	dbst *st = db_stmt(s, sql);
	char *fixed = NULL;
	size_t bad, len = detail ? strlen(detail) : 0;
	int rc;

	/*
	 * A detail cut short by its caller's buffer can end inside a character:
	 * the line keeps what is whole (PostgreSQL would refuse it, and the log
	 * would hold a broken line), anything else invalid is escaped.
	 */
	if (detail != NULL && !utf8_valid(detail, len, &bad)) {
		fixed = xstrdup(detail);
		if (len - bad <= 3)
			fixed[bad] = '\0';
		if (!utf8_valid(fixed, strlen(fixed), &bad)) {
			free(fixed);
			fixed = text_escape(detail);
		}
		detail = fixed;
	}
	db_bind_int64(st, 1, at);
	db_bind_text(st, 2, who);
	if (action != 0)
		db_bind_int64(st, 3, action);
	db_bind_text(st, 4, what);
	db_bind_text(st, 5, detail);
	rc = db_step_done(s, st);
	free(fixed);
	return rc;
}

int
store_count_open(struct store *s, instant_t now, const char *waiting, int *open, int *overdue)
{
	/* waiting: the rules of waiting periods, a JSON array; nobody is overdue under them */
	static const char sql[] =
	    "SELECT (SELECT n FROM tallies WHERE name = 'open actions'),"
	    " (SELECT count(*) FROM actions WHERE done_at IS NULL AND due_at <= ?1 AND"
	    " (rule IS NULL OR rule NOT IN (SELECT value FROM json_each(?2))))";
	static const char pg_sql[] =
	    "SELECT (SELECT n FROM tallies WHERE name = 'open actions'),"
	    " (SELECT count(*) FROM actions WHERE done_at IS NULL AND due_at <= ?1 AND"
	    " (rule IS NULL OR rule NOT IN (SELECT json_array_elements_text(CAST(?2 AS json)))))";
	dbst *st = db_stmt(s, s->pg ? pg_sql : sql);
	int rc;

	db_bind_int64(st, 1, now);
	db_bind_text(st, 2, waiting ? waiting : "[]");
	*open = *overdue = 0;
	if ((rc = db_next(s, st)) == 1) {
		*open = db_int(st, 0);
		*overdue = db_int(st, 1);
	}
	db_reset(st);
	return rc == 1 ? 0 : -1;
}

int
store_event_each(struct store *s, int64_t action, instant_t from, instant_t to,
    int (*fn)(instant_t at, const char *who, int64_t action, const char *what,
    const char *detail, void *arg), void *arg)
{
	static const char sql_action[] =
	    "SELECT at, who, coalesce(action_id, 0), what, detail FROM events"
	    " WHERE action_id = ? ORDER BY id";
	static const char sql_range[] =
	    "SELECT at, who, coalesce(action_id, 0), what, detail FROM events"
	    " WHERE at >= ? AND at < ? ORDER BY id";
	dbst *st = db_stmt(s, action ? sql_action : sql_range);
	int rc = 0, stop = 0;

	if (action)
		db_bind_int64(st, 1, action);
	else {
		db_bind_int64(st, 1, from);
		db_bind_int64(st, 2, to);
	}
	while (!stop && (rc = db_next(s, st)) == 1)
		stop = fn(db_int64(st, 0), (const char *)db_text(st, 1),
		    db_int64(st, 2), (const char *)db_text(st, 3),
		    (const char *)db_text(st, 4), arg);
	db_reset(st);
	return rc < 0 ? -1 : 0;
}

int
store_ledger_each(struct store *s, int (*fn)(const struct ledger_row *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT c.number, c.title, c.category, ld.code, c.leader, c.key_case, c.petitioner,"
	    " c.received_at, d.code, a.step, a.notified_at, a.acked_at, a.done_at, a.note,"
	    " a.what, c.closed_at, c.ceased, a.agreed_due, a.responsible,"
	    /* the action's last transfer (a pause to a body: 转交法院) */
	    " t.to_whom, t.from_at, t.to_at, t.reason"
	    " FROM cases c LEFT JOIN departments ld ON ld.id = c.lead_dept"
	    " LEFT JOIN actions a ON a.case_id = c.id LEFT JOIN departments d ON d.id = a.dept_id"
	    " LEFT JOIN pauses t ON t.id = (SELECT max(id) FROM pauses"
	    " WHERE action_id = a.id AND to_whom IS NOT NULL)"
	    " ORDER BY c.number, a.id";
	dbst *st = db_stmt(s, sql);
	struct ledger_row r;
	int rc = 0, step = 0;

	while (rc == 0 && (step = db_next(s, st)) == 1) {
		r.number = (const char *)db_text(st, 0);
		r.title = (const char *)db_text(st, 1);
		r.category = db_int(st, 2);
		r.lead = (const char *)db_text(st, 3);
		r.leader = (const char *)db_text(st, 4);
		r.key = db_int(st, 5);
		r.petitioner = (const char *)db_text(st, 6);
		r.received = db_int64(st, 7);
		r.dept = (const char *)db_text(st, 8);
		r.step = (const char *)db_text(st, 9);
		r.notified = db_int64(st, 10);
		r.acked = db_int64(st, 11);
		r.done = db_int64(st, 12);
		r.note = (const char *)db_text(st, 13);
		r.what = (const char *)db_text(st, 14);
		r.closed = db_int64(st, 15);
		r.ceased = db_int(st, 16);
		r.agreed = db_int64(st, 17);
		r.responsible = (const char *)db_text(st, 18);
		r.transfer_to = (const char *)db_text(st, 19);
		r.transfer_from = db_int64(st, 20);
		r.transfer_back = db_int64(st, 21);
		r.transfer_why = (const char *)db_text(st, 22);
		rc = fn(&r, arg);
	}
	db_reset(st);
	return step < 0 ? -1 : rc;
}

int
store_ledger_stage_begin(struct store *s)
{
	/* in the connection's temporary database: no lock on the main one is taken */
	return db_exec(s, "CREATE TEMP TABLE IF NOT EXISTS ledger_cases (number TEXT PRIMARY KEY,"
	    " line INTEGER NOT NULL, f1 TEXT, f2 TEXT, f3 TEXT, f4 TEXT, f5 TEXT, f6 TEXT, f7 TEXT,"
	    " f8 TEXT, f9 TEXT);"
	    "DELETE FROM temp.ledger_cases");
}

int
store_ledger_stage_case(struct store *s, const char *number, int line,
    const char *const *f, unsigned *differ)
{
	static const char get[] =
	    "SELECT line, f1 IS NOT ?2, f2 IS NOT ?3, f3 IS NOT ?4, f4 IS NOT ?5, f5 IS NOT ?6,"
	    " f6 IS NOT ?7, f7 IS NOT ?8, f8 IS NOT ?9, f9 IS NOT ?10"
	    " FROM temp.ledger_cases WHERE number = ?1";
	static const char put[] =
	    "INSERT INTO temp.ledger_cases (number, line, f1, f2, f3, f4, f5, f6, f7, f8, f9)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	dbst *st = db_stmt(s, get);
	int i, rc, first = 0;

	*differ = 0;
	db_bind_text(st, 1, number);
	for (i = 0; i < LEDGER_CASE_FIELDS; i++)
		db_bind_text(st, i + 2, f[i]);
	if ((rc = db_next(s, st)) == 1) {
		first = db_int(st, 0);
		for (i = 0; i < LEDGER_CASE_FIELDS; i++)
			if (db_int(st, i + 1))
				*differ |= 1u << i;
	}
	db_reset(st);
	if (rc == 1)
		return first;
	if (rc < 0)
		return -1;
	st = db_stmt(s, put);
	db_bind_text(st, 1, number);
	db_bind_int(st, 2, line);
	for (i = 0; i < LEDGER_CASE_FIELDS; i++)
		db_bind_text(st, i + 3, f[i]);
	return db_step_done(s, st);
}

int
store_report_each(struct store *s, instant_t from, instant_t to,
    int (*fn)(const struct report_row *, void *), void *arg)
{
	static const char sql[] =
	    /* escalated: by the rule's ladder (level 0, the office's referral, is not) */
	    "SELECT 'action', d.code, d.name, a.notified_at, coalesce(a.due_at, 0),"
	    " coalesce(a.done_at, 0), CASE WHEN EXISTS (SELECT 1 FROM escalations e"
	    " WHERE e.action_id = a.id AND e.cycle >= a.first_cycle AND e.level > 0) THEN 1 ELSE 0 END,"
	    " 0, 0, a.rule, a.uncertain, 0"
	    " FROM actions a JOIN departments d ON d.id = a.dept_id"
	    " WHERE a.notified_at >= ?1 AND a.notified_at < ?2"
	    " UNION ALL SELECT 'action', d.code, d.name, s.notified_at, coalesce(s.due_at, 0), 0,"
	    " CASE WHEN EXISTS (SELECT 1 FROM escalations e WHERE e.action_id = s.action_id"
	    " AND e.cycle BETWEEN s.first_cycle AND s.last_cycle AND e.level > 0) THEN 1 ELSE 0 END,"
	    " 0, 0, s.rule, s.uncertain,"
	    " s.ended_at FROM assignments s JOIN departments d ON d.id = s.dept_id"
	    " WHERE s.notified_at >= ?1 AND s.notified_at < ?2"
	    /* a case as it stood at the end: closed then, by its closing or an earlier one */
	    " UNION ALL SELECT 'case', coalesce(d.code, '-'), coalesce(d.name, '-'), c.received_at,"
	    " 0, coalesce(cl.closed_at, 0), 0, CASE WHEN cl.closed_at IS NOT NULL THEN 1 ELSE 0 END,"
	    " coalesce(cl.ceased, 0),"
	    " NULL, 0, 0 FROM cases c LEFT JOIN departments d ON d.id = c.lead_dept"
	    " LEFT JOIN (SELECT id AS case_id, closed_at, ceased FROM cases"
	    " WHERE status = 'closed' AND closed_at < ?2 UNION ALL"
	    " SELECT case_id, closed_at, ceased FROM closings"
	    " WHERE closed_at < ?2 AND reopened_at >= ?2) cl ON cl.case_id = c.id"
	    " WHERE c.received_at >= ?1 AND c.received_at < ?2";
	dbst *st = db_stmt(s, sql);
	struct report_row r;
	int rc = 0, step = 0;

	db_bind_int64(st, 1, from);
	db_bind_int64(st, 2, to);
	while (rc == 0 && (step = db_next(s, st)) == 1) {
		r.is_case = strcmp((const char *)db_text(st, 0), "case") == 0;
		r.dept = (const char *)db_text(st, 1);
		r.dept_name = (const char *)db_text(st, 2);
		r.start = db_int64(st, 3);
		r.due = db_int64(st, 4);
		r.done = db_int64(st, 5);
		r.escalated = db_int(st, 6);
		r.closed = db_int(st, 7);
		r.ceased = db_int(st, 8);
		r.rule = (const char *)db_text(st, 9);
		r.uncertain = db_int(st, 10);
		r.handed_on = db_int64(st, 11);
		rc = fn(&r, arg);
	}
	db_reset(st);
	return step < 0 ? -1 : rc;
}
