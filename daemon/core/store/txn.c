/* A store's transactions: whole, in parts, and the recompute's. */
#include <stdbool.h>
#include <stdio.h>

#include "duban/log.h"
#include "internal.h"

/* The page cache in KiB (SQLite's default is 2000; PostgreSQL has none of its own here). */
static void
cache_size(struct store *s, int kib)
{
	char sql[64];

	if (s->pg)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	if (db_exec(s, sql) != 0)
		log_warnx("store: cache size: %s", store_errmsg(s));
}

static int
begin(struct store *s, enum db_txn what)
{
	if (db_txn(s, what) == 0)
		return 0;
	/* a BEGIN that failed half-way must not leave a transaction open behind it */
	if (db_in_txn(s))
		db_txn(s, DB_ROLLBACK);
	return -1;
}

int
store_begin(struct store *s)
{
	return begin(s, DB_BEGIN);
}

int
store_begin_read(struct store *s)
{
	return begin(s, DB_BEGIN_READ);
}

int
store_commit(struct store *s)
{
	return db_txn(s, DB_COMMIT);
}

/*
 * A recompute rewrites every open action's deadline and next event: the
 * two indexes on them are dropped in its transaction and built again at its
 * end, a sort instead of millions of scattered index writes; a larger cache
 * keeps the transaction from spilling to the WAL and back. The definitions
 * are those of the migrations. On PostgreSQL neither: the daemon's role
 * does not own the tables there.
 */
int
store_recompute_begin(struct store *s)
{
	cache_size(s, STORE_RECOMPUTE_CACHE_KIB);
	if (store_begin(s) != 0) {
		cache_size(s, STORE_CACHE_KIB);
		return -1;
	}
	/* a failure is the caller's to say (store_errmsg) and then to abort */
	if (s->pg == NULL && db_exec(s, "DROP INDEX actions_next; DROP INDEX actions_open") != 0)
		return -1;
	return 0;
}

int
store_recompute_end(struct store *s)
{
	if ((s->pg == NULL && db_exec(s, "CREATE INDEX actions_next ON actions(next_at)"
	    " WHERE next_at IS NOT NULL; CREATE INDEX actions_open ON actions(due_at)"
	    " WHERE done_at IS NULL") != 0) || store_commit(s) != 0)
		return -1;
	cache_size(s, STORE_CACHE_KIB);
	return 0;
}

void
store_recompute_abort(struct store *s)
{
	store_rollback(s);
	cache_size(s, STORE_CACHE_KIB);
}

int
store_savepoint(struct store *s)
{
	return db_exec(s, "SAVEPOINT part");
}

int
store_release(struct store *s)
{
	return db_exec(s, "RELEASE part");
}

void
store_rollback_part(struct store *s)
{
	store_formats_forget(s);
	if (db_exec(s, "ROLLBACK TO part") == 0)
		db_exec(s, "RELEASE part");
}

void
store_rollback(struct store *s)
{
	if (db_in_txn(s))
		db_txn(s, DB_ROLLBACK);
}
