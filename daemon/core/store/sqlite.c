/*
 * The store's engine on SQLite: the statements prepared by sqlite3, bound,
 * stepped and read; a transaction as BEGIN IMMEDIATE (the writer's lock
 * taken at once, so two writers never deadlock half-way).
 */
#include <stdlib.h>

#include "duban/log.h"
#include "internal.h"

static const char *
lite_errmsg(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

static dbst *
lite_prepare(struct store *s, const char *sql)
{
	dbst *st = xcalloc(1, sizeof(*st));

	st->s = s;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st->lite, NULL) != SQLITE_OK) {
		free(st);
		return NULL;
	}
	return st;
}

static int
lite_check(struct store *s, const char *sql)
{
	sqlite3_stmt *lite;

	if (sqlite3_prepare_v2(s->db, sql, -1, &lite, NULL) != SQLITE_OK)
		return -1;
	sqlite3_finalize(lite);
	return 0;
}

static void
lite_finalize(dbst *st)
{
	sqlite3_finalize(st->lite);
}

static void
lite_reset(dbst *st)
{
	sqlite3_reset(st->lite);
}

static void
lite_clear(dbst *st)
{
	sqlite3_clear_bindings(st->lite);
}

static void
lite_bind_text(dbst *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st->lite, i);
	else
		sqlite3_bind_text(st->lite, i, v, -1, SQLITE_TRANSIENT);
}

static void
lite_bind_int64(dbst *st, int i, int64_t v)
{
	sqlite3_bind_int64(st->lite, i, v);
}

static void
lite_bind_null_int(dbst *st, int i)
{
	sqlite3_bind_null(st->lite, i);
}

static int64_t
lite_col_int64(dbst *st, int i)
{
	return sqlite3_column_int64(st->lite, i);
}

static const char *
lite_col_text(dbst *st, int i)
{
	return (const char *)sqlite3_column_text(st->lite, i);
}

static int
lite_ncols(dbst *st)
{
	return sqlite3_column_count(st->lite);
}

static const char *
lite_col_name(dbst *st, int i)
{
	return sqlite3_column_name(st->lite, i);
}

static int
lite_step(struct store *s, dbst *st)
{
	int rc = sqlite3_step(st->lite);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	log_warnx("store: %s", sqlite3_errmsg(s->db));
	return -1;
}

static int
lite_exec(struct store *s, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_warnx("store: %s", err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int
lite_txn(struct store *s, enum db_txn what)
{
	static const char *const sql[] = { "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK", "BEGIN DEFERRED" };

	return lite_exec(s, sql[what]);
}

static bool
lite_in_txn(struct store *s)
{
	return !sqlite3_get_autocommit(s->db);
}

static int64_t
lite_changes(struct store *s)
{
	return sqlite3_changes(s->db);
}

static int64_t
lite_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(s->db);
}

const struct engine engine_sqlite = {
	.name = "SQLite",
	.errmsg = lite_errmsg,
	.prepare = lite_prepare,
	.check = lite_check,
	.finalize = lite_finalize,
	.reset = lite_reset,
	.clear = lite_clear,
	.bind_text = lite_bind_text,
	.bind_int64 = lite_bind_int64,
	.bind_null_int = lite_bind_null_int,
	.col_int64 = lite_col_int64,
	.col_text = lite_col_text,
	.ncols = lite_ncols,
	.col_name = lite_col_name,
	.step = lite_step,
	.exec = lite_exec,
	.txn = lite_txn,
	.in_txn = lite_in_txn,
	.changes = lite_changes,
	.last_id = lite_last_id,
};

/* What SQLite reports (a malformed file, I/O errors) goes to the daemon's log. */
static void
sqlite_log(void *arg, int code, const char *msg)
{
	(void)arg;
	switch (code & 0xff) {
	case SQLITE_OK:
	case SQLITE_NOTICE:
	case SQLITE_SCHEMA:
	case SQLITE_BUSY:	/* waited for, and handled where it matters */
	case SQLITE_LOCKED:
		return;
	case SQLITE_WARNING:
		log_debug("sqlite: %s", msg);
		return;
	default:
		log_warnx("sqlite (%d): %s", code, msg);
	}
}

/*
 * A statement's journal (the pages it changed, kept until it ends, so that
 * it alone can be undone inside a transaction) stays in memory up to this
 * size. SQLite's default, 64 KiB, once passed by one statement, turned every
 * later statement's journal into writes to a temporary file: seven writes a
 * row in a ledger import, two thirds of its time. Below 128 KiB: a journal
 * that outgrows memory is written to its file in pieces of this size, and
 * SQLite's unix files take at most 128 KiB - 1 in one write (1 MiB made every
 * statement of more than 1 MiB in a transaction fail with "database or disk
 * is full": a recompute of a million actions, dropping its indexes).
 */
#define STMT_JOURNAL_SPILL	(124 << 10)

/* SQLite's process-wide settings: before its first use, once. */
void
lite_configure(bool with_log)
{
	static bool done;

	if (done)
		return;
	done = true;
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_SPILL);
	if (with_log)
		sqlite3_config(SQLITE_CONFIG_LOG, sqlite_log, NULL);
}

void
store_log_init(void)
{
	lite_configure(true);
}
