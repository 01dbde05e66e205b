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
	dbst *st = db_stmt(s, Q_EVENT);
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
	dbst *st = db_stmt(s, Q_COUNT_OPEN);
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
	dbst *st = db_stmt(s, action ? Q_EVENT_EACH_ACTION : Q_EVENT_EACH_RANGE);
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
	dbst *st = db_stmt(s, Q_LEDGER_EACH);
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
	return db_exec(s, "CREATE TEMP TABLE IF NOT EXISTS ledger_cases (number TEXT PRIMARY KEY,"
	    " line INTEGER NOT NULL, f1 TEXT, f2 TEXT, f3 TEXT, f4 TEXT, f5 TEXT, f6 TEXT, f7 TEXT,"
	    " f8 TEXT, f9 TEXT);"
	    "DELETE FROM temp.ledger_cases");
}

int
store_ledger_stage_case(struct store *s, const char *number, int line,
    const char *const *f, unsigned *differ)
{
	dbst *st = db_stmt(s, Q_LEDGER_STAGE_CASE_GET);
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
	st = db_stmt(s, Q_LEDGER_STAGE_CASE_PUT);
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
	dbst *st = db_stmt(s, Q_REPORT_EACH);
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

int
store_board_each(struct store *s, const struct board_filter *f,
    int (*fn)(const struct action *, void *), void *arg)
{
	dbst *st = db_stmt(s, Q_BOARD);
	struct action a;
	int rc = 0, n = 0, stop = 0;

	db_bind_text(st, 1, f->dept);
	db_bind_text(st, 2, f->step);
	db_bind_text(st, 3, f->leader);
	db_bind_int(st, 4, f->key_only ? 1 : 0);
	db_bind_int(st, 5, f->limit);
	db_bind_int(st, 6, f->offset);
	while (!stop && (rc = db_next(s, st)) == 1) {
		db_action_row(st, &a);
		n++;
		stop = fn(&a, arg);
		store_action_clear(&a);
	}
	db_reset(st);
	return rc < 0 ? -1 : n;
}
