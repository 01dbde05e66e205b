/*
 * The store's private header: what its files share (the connection, the
 * statement cache, the binding helpers and row readers). Nothing outside
 * daemon/core/store includes it, except the store's own unit tests.
 *
 * Two engines sit behind it: SQLite (a file) and PostgreSQL (libpq). The
 * store's files speak one dialect, SQLite's with '?' parameters, written so
 * that both engines accept it; pg.c rewrites the few words that differ.
 */
#ifndef DUBAN_STORE_INTERNAL_H
#define DUBAN_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "duban/store.h"
#include "duban/xmalloc.h"
#include "statements.h"

/*
 * SQLite's page cache in KiB: in normal work, and in a recompute's one
 * transaction (where an index build's sort takes as much again: 8 MiB put
 * the peak at 35 MB for 10,000,000 actions, 4 MiB at 27 MB, no slower).
 */
#define STORE_CACHE_KIB		2000
#define STORE_RECOMPUTE_CACHE_KIB	(4 * 1024)

/* Whether path names a PostgreSQL database (a libpq URI) rather than a SQLite file. */
bool store_path_is_pg(const char *path);

struct pg;
struct dbst;
enum db_txn { DB_BEGIN, DB_COMMIT, DB_ROLLBACK, DB_BEGIN_READ };	/* read: no write lock yet */

/*
 * An engine: what the store's statement layer (db.c) asks of a database,
 * implemented once for SQLite (sqlite.c) and once for PostgreSQL (pg.c).
 * A statement's step returns 1 with a row, 0 when done, -1 on an error
 * (logged); prepare returns NULL with the engine's words in errmsg.
 */
struct engine {
	const char	*name;
	const char	*(*errmsg)(struct store *s);
	struct dbst	*(*prepare)(struct store *s, const char *sql);
	int		 (*check)(struct store *s, const char *sql);
	void		 (*finalize)(struct dbst *st);
	void		 (*reset)(struct dbst *st);
	void		 (*clear)(struct dbst *st);
	void		 (*bind_text)(struct dbst *st, int i, const char *v);
	void		 (*bind_int64)(struct dbst *st, int i, int64_t v);
	void		 (*bind_null_int)(struct dbst *st, int i);	/* a NULL of an integer's type */
	int64_t		 (*col_int64)(struct dbst *st, int i);
	const char	*(*col_text)(struct dbst *st, int i);
	int		 (*ncols)(struct dbst *st);
	const char	*(*col_name)(struct dbst *st, int i);
	int		 (*step)(struct store *s, struct dbst *st);
	int		 (*exec)(struct store *s, const char *sql);
	int		 (*txn)(struct store *s, enum db_txn what);
	bool		 (*in_txn)(struct store *s);
	int64_t		 (*changes)(struct store *s);
	int64_t		 (*last_id)(struct store *s);
};
extern const struct engine engine_sqlite, engine_pg;
/* SQLite's process-wide settings (sqlite.c): before its first use, once; with_log: to the log. */
void lite_configure(bool with_log);

/* A prepared statement of either engine, with its bindings and its rows. */
typedef struct dbst {
	struct store	*s;
	sqlite3_stmt	*lite;		/* SQLite; PostgreSQL: the rest */
	char		*sql;		/* rewritten for PostgreSQL */
	int		 nparams;
	char		**params;	/* text, NULL for NULL */
	unsigned int	*types;		/* int8 or unknown (left to the server) */
	void		*res;		/* PGresult of the last execution */
	char		 name[16];	/* the server's name for it */
	int		 gen;		/* the connection it was prepared on, plus one; 0 none */
	int		 row, nrows;
} dbst;

/* The formats a store remembers having stored (a notice's needs one or two). */
#define STORE_FORMATS_KNOWN	16

struct store {
	const struct engine *eng;
	sqlite3		*db;		/* SQLite, or NULL */
	struct pg	*pg;		/* PostgreSQL, or NULL */
	int64_t		 data_version;
	int64_t		 changes;	/* rows the last statement touched (PostgreSQL) */
	char		*owner;		/* this run of this instance, on the notices it claims */
	char		*who;		/* this instance in the audit log */
	instant_t	 lease_ms;	/* how long a claim holds */
	dbst		*stmts[Q_N];	/* each statement, prepared when first used */
	/* the formats this transaction has stored or found (store_notice_add) */
	char		 formats[STORE_FORMATS_KNOWN][33];
	int		 nformats;
	int		 format_next;	/* the slot the next one takes */
};

/*
 * Forget the formats known to be stored: at a transaction's beginning, and
 * when a part of one is undone (a format is known in the transaction that
 * stored it, or found it, alone).
 */
static inline void
store_formats_forget(struct store *s)
{
	s->nformats = 0;
	s->format_next = 0;
}

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

/* The statement q of the table (statements.c), prepared once and reset. */
dbst *db_stmt(struct store *s, enum stmt q);
/*
 * Prepare q's text for this store's engine now, not cached: 0, or -1 with
 * the engine's words in store_errmsg (and none of the store's fatal exits),
 * for a test that prepares every statement.
 */
int db_stmt_check(struct store *s, enum stmt q);
/* Forget a statement's rows and bindings (it stays cached). */
void db_reset(dbst *st);
void db_bind_text(dbst *st, int i, const char *v);
void db_bind_int64(dbst *st, int i, int64_t v);
void db_bind_int(dbst *st, int i, int v);
/* An instant, or NULL for 0. */
void db_bind_instant(dbst *st, int i, instant_t v);
/* Columns of the current row: NULL reads as 0 or NULL. */
int64_t db_int64(dbst *st, int i);
int db_int(dbst *st, int i);
const char *db_text(dbst *st, int i);
int db_ncols(dbst *st);
/* A column as a new string, or NULL. */
char *db_col_text(dbst *st, int i);
/* Step a statement that returns rows: 1 a row, 0 the end, -1 an error (logged). */
int db_next(struct store *s, dbst *st);
/* Step a statement that returns no rows; 0 or -1 (logged). */
int db_step_done(struct store *s, dbst *st);
/* Rows the last statement inserted, changed or deleted. */
int64_t db_changes(struct store *s);
/* The id of the row the last INSERT made. */
int64_t db_last_id(struct store *s);
/* Run SQL that returns no rows; 0 or -1 (logged). */
int db_exec(struct store *s, const char *sql);
/*
 * A transaction begun, committed or rolled back through the engine's own
 * call: the engine keeps its state (never read back from SQL text).
 */
int db_txn(struct store *s, enum db_txn what);
/* A column's name (migrate-store copies by name). */
const char *db_col_name(dbst *st, int i);
void db_finalize(dbst *st);
dbst *db_stmt_once(struct store *s, const char *sql);
/* Whether a transaction is open. */
bool db_in_txn(struct store *s);
/* The first column of the first row of sql, 0 if none. */
instant_t db_min_instant(struct store *s, enum stmt q);
void db_notice_row(dbst *st, struct notice_row *r);
void db_dept_row(dbst *st, int i, struct department *d);
void db_action_row(dbst *st, struct action *a);

/* SQLite's migrations (migrations.c): entry N brings a file to schema N + 1. */
extern const char *const sqlite_migrations[];
extern const int sqlite_nmigrations;

/* PostgreSQL (pg.c): its engine on a libpq connection, and what the store opens it with. */
struct store *pg_open(const char *conninfo, int flags, char **cause);
void pg_close(struct store *s);
/*
 * SQLite's dialect as the store writes it, in PostgreSQL's (to free): ?N
 * and ? as $N, INSERT OR IGNORE as ON CONFLICT DO NOTHING, "x IS ?" and
 * "x IS NOT ?" (any value but NULL, TRUE, FALSE) as IS [NOT] DISTINCT FROM,
 * temp. as pg_temp.; quoted text is left alone. *nparams: the highest $N.
 */
char *pg_rewrite(const char *sql, int *nparams);
bool pg_changed(struct store *s);

#endif
