/* A store's transactions: whole, in parts, and the recompute's. */
#include <stdbool.h>
#include <stdio.h>

#include "internal.h"

void
store_cache_size(struct store *s, int kib)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	db_exec(s, sql);
}

int
store_begin(struct store *s)
{
	if (db_exec(s, "BEGIN IMMEDIATE") == 0)
		return 0;
	/* a BEGIN that failed half-way must not leave a transaction open behind it */
	if (db_in_txn(s))
		db_exec(s, "ROLLBACK");
	return -1;
}

int
store_commit(struct store *s)
{
	return db_exec(s, "COMMIT");
}

/*
 * A recompute rewrites every open action's deadline and next event: the
 * two indexes on them are dropped in its transaction and built again at its
 * end, a sort instead of millions of scattered index writes. Inside a
 * transaction only; the definitions are those of the migrations.
 */
int
store_recompute_indexes(struct store *s, bool build)
{
	if (s->pg)
		return 0;	/* the daemon's role does not own the tables there */
	if (!build)
		return db_exec(s, "DROP INDEX actions_next; DROP INDEX actions_open");
	return db_exec(s, "CREATE INDEX actions_next ON actions(next_at) WHERE next_at IS NOT NULL;"
	    "CREATE INDEX actions_open ON actions(due_at) WHERE done_at IS NULL");
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
	if (db_exec(s, "ROLLBACK TO part") == 0)
		db_exec(s, "RELEASE part");
}

void
store_rollback(struct store *s)
{
	if (db_in_txn(s))
		db_exec(s, "ROLLBACK");
}
