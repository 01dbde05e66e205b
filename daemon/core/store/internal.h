/*
 * The store's private header: what its files share (the connection, the
 * statement cache, the binding helpers and row readers). Nothing outside
 * daemon/core/store includes it, except the store's own unit tests.
 */
#ifndef DUBAN_STORE_INTERNAL_H
#define DUBAN_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "duban/store.h"
#include "duban/xmalloc.h"

struct store {
	sqlite3		*db;
	int64_t		 data_version;
	struct {
		const char	*sql;
		sqlite3_stmt	*st;
	}		*cache;		/* one per statement used, as many as there are */
	int		 ncache;
	int		 capcache;
};

#define ACTION_COLUMNS \
	"a.id, a.step, a.rule, a.notified_at, a.due_at, a.uncertain, a.stage," \
	" a.next_at, a.done_at, a.note," \
	" a.acked_at, a.paused_at, a.pause_days, a.pause_workdays, a.pause_ms," \
	" a.ext_days, a.ext_workdays, a.ext_ms, a.nextensions, a.checked_at, a.rule_pinned," \
	" d.id, d.code, d.name, d.head, d.email, d.cc," \
	" c.id, c.number, c.title, c.category, c.key_case," \
	" coalesce((SELECT l.name || ' <' || l.email || '>' FROM leaders l" \
	" WHERE l.name = c.leader), c.leader), c.petitioner," \
	" c.received_at, c.status, a.cycle, a.first_cycle, a.what, coalesce(a.agreed_due, 0)," \
	" a.responsible" \
	" FROM actions a JOIN departments d ON d.id = a.dept_id" \
	" JOIN cases c ON c.id = a.case_id"

/* A cached prepared statement for sql (a static string: its address is the key), reset. */
sqlite3_stmt *db_stmt(struct store *s, const char *sql);
void db_bind_text(sqlite3_stmt *st, int i, const char *v);
/* An instant, or NULL for 0. */
void db_bind_instant(sqlite3_stmt *st, int i, instant_t v);
/* A column as a new string, or NULL. */
char *db_col_text(sqlite3_stmt *st, int i);
/* Step a statement that returns rows: 1 a row, 0 the end, -1 an error (logged). */
int db_next(struct store *s, sqlite3_stmt *st);
/* Step a statement that returns no rows; 0 or -1 (logged). */
int db_step_done(struct store *s, sqlite3_stmt *st);
/* Run SQL that returns no rows; 0 or -1 (logged). */
int db_exec(struct store *s, const char *sql);
/* The first column of the first row of sql, 0 if none. */
instant_t db_min_instant(struct store *s, const char *sql);
void db_notice_row(sqlite3_stmt *st, struct notice_row *r);
void db_dept_row(sqlite3_stmt *st, int i, struct department *d);
void db_action_row(sqlite3_stmt *st, struct action *a);

#endif
