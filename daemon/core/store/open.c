/*
 * Opening a store: the schema's ordered migrations, the connection's
 * settings, and SQLite's log.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "duban/dbfile.h"
#include "duban/log.h"
#include "internal.h"


static int
user_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* After a migration: every reference still points at a row. */
static int
foreign_key_check(struct store *s, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
		xasprintf(cause, "foreign key check: %s", sqlite3_errmsg(s->db));
		return -1;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		xasprintf(cause, "after the migration, table %s row %lld refers to a missing %s row",
		    sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 2));
	else if (rc != SQLITE_DONE)
		xasprintf(cause, "foreign key check: %s", sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Apply the migrations the file has not seen, each in its own transaction. */
static int
store_migrate(struct store *s, char **cause)
{
	char sql[64];
	int v = user_version(s);

	if (v < 0) {
		xasprintf(cause, "cannot read the schema version: %s", sqlite3_errmsg(s->db));
		return -1;
	}
	if (v > sqlite_nmigrations) {
		xasprintf(cause, "the database has schema version %d, newer than this program's %d",
		    v, sqlite_nmigrations);
		return -1;
	}
	for (; v < sqlite_nmigrations; v++) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (db_txn(s, DB_BEGIN) != 0) {
			xasprintf(cause, "migration to schema version %d: %s", v + 1,
			    sqlite3_errmsg(s->db));
			return -1;
		}
		if (user_version(s) > v) {
			/* another process (dubanctl init, the daemon) migrated it meanwhile */
			v = user_version(s) - 1;
			db_txn(s, DB_COMMIT);
			continue;
		}
		if (db_exec(s, sqlite_migrations[v]) != 0 || db_exec(s, sql) != 0) {
			xasprintf(cause, "migration to schema version %d failed: %s", v + 1,
			    sqlite3_errmsg(s->db));
			db_txn(s, DB_ROLLBACK);
			return -1;
		}
		if (foreign_key_check(s, cause) != 0) {
			db_txn(s, DB_ROLLBACK);
			return -1;
		}
		if (db_txn(s, DB_COMMIT) != 0) {
			xasprintf(cause, "migration to schema version %d failed: %s", v + 1,
			    sqlite3_errmsg(s->db));
			db_txn(s, DB_ROLLBACK);
			return -1;
		}
	}
	return 0;
}

struct store *
store_open(const char *path, int flags, char **cause)
{
	struct store *s;
	struct stat sb;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;

	*cause = NULL;
	if (store_path_is_pg(path))
		return pg_open(path, flags, cause);
	lite_configure(false);
	if (dbfile_check(path, cause) != 0)
		return NULL;
	if (strcmp(path, ":memory:") != 0 && stat(path, &sb) != 0) {
		if (!(flags & STORE_OPEN_CREATE)) {
			xasprintf(cause, "%s: %s (create it with 'dubanctl init')", path,
			    strerror(errno));
			return NULL;
		}
		/* SQLite would create it 0644 less the umask: the group must write it */
		if (dbfile_create(path, cause) != 0)
			return NULL;
		oflags |= SQLITE_OPEN_CREATE;
	}
	if (strcmp(path, ":memory:") == 0)
		oflags |= SQLITE_OPEN_CREATE;
	s = xcalloc(1, sizeof(*s));
	s->eng = &engine_sqlite;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	/* a person's record synced at each commit; the daemon's derived writes at checkpoints */
	if (db_exec(s, "PRAGMA journal_mode = WAL") != 0 ||
	    db_exec(s, (flags & STORE_OPEN_DURABLE) ? "PRAGMA synchronous = FULL" :
	    "PRAGMA synchronous = NORMAL") != 0 ||
	    db_exec(s, "PRAGMA foreign_keys = OFF") != 0) {
		xasprintf(cause, "%s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (user_version(s) < 0) {
		xasprintf(cause, "%s: not a duban database: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	/* migrations rebuild tables: foreign keys are checked after them, then enforced */
	if (store_migrate(s, cause) != 0 || db_exec(s, "PRAGMA foreign_keys = ON") != 0) {
		char *c = *cause != NULL ? *cause : xstrdup(sqlite3_errmsg(s->db));

		xasprintf(cause, "%s: %s", path, c);
		free(c);
		goto fail;
	}
	store_changed(s);
	return s;
fail:
	sqlite3_close(s->db);
	free(s);
	return NULL;
}

void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < Q_N; i++)
		if (s->stmts[i] != NULL)
			db_finalize(s->stmts[i]);
	free(s->owner);
	free(s->who);
	if (s->pg) {
		pg_close(s);
		free(s);
		return;
	}
	if (sqlite3_close(s->db) != SQLITE_OK)
		log_warnx("store: close: %s", sqlite3_errmsg(s->db));
	free(s);
}

bool
store_path_is_pg(const char *path)
{
	return strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0 ||
	    strncmp(path, "postgresql:", 11) == 0;
}

bool
store_path_is_file(const char *path)
{
	return strcmp(path, ":memory:") != 0 && !store_path_is_pg(path);
}

bool
store_path_is_shared(const char *path)
{
	return store_path_is_pg(path);
}

bool
store_changed(struct store *s)
{
	dbst *st;
	int64_t v = 0;

	if (s->pg)
		return pg_changed(s);
	st = db_stmt(s, Q_CHANGED);

	/* (a failed read counts as a change: the caller looks again) */
	if (db_next(s, st) == 1)
		v = db_int64(st, 0);
	db_reset(st);
	if (v != s->data_version) {
		s->data_version = v;
		return true;
	}
	return false;
}

char *
store_instance(struct store *s)
{
	dbst *st = db_stmt(s, Q_INSTANCE);
	char *v = NULL;

	if (db_next(s, st) == 1)
		v = db_col_text(st, 0);
	db_reset(st);
	return v;
}
