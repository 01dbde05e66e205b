/* The SQLite store: schema, ordered migrations, and the statements. */
#include <errno.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duban/log.h"
#include "duban/dbfile.h"
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

/* Migration N brings the schema from version N-1 to N; append, never edit. */
/* Migration 9's trigger, made again when migration 10 rebuilds the notices. */
#define NOTICES_WITHDRAW \
	"CREATE TRIGGER notices_withdraw AFTER UPDATE OF done_at, paused_at, due_at, dept_id" \
	" ON actions WHEN (new.done_at IS NOT NULL AND old.done_at IS NULL)" \
	" OR (new.paused_at IS NOT NULL AND old.paused_at IS NULL)" \
	" OR new.due_at IS NOT old.due_at OR new.dept_id <> old.dept_id" \
	" BEGIN UPDATE notices SET status = 'withdrawn', next_try = NULL," \
	" reply = 'withdrawn before it was sent: ' || CASE" \
	" WHEN new.done_at IS NOT NULL AND old.done_at IS NULL THEN 'the action was done'" \
	" WHEN new.paused_at IS NOT NULL AND old.paused_at IS NULL THEN 'the action was paused'" \
	" WHEN new.dept_id <> old.dept_id THEN 'the action was reassigned'" \
	" ELSE 'the deadline moved' END" \
	" WHERE action_id = new.id AND status = 'queued' AND kind IN ('reminder', 'overdue'); END;"

static const char *migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE departments ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  head TEXT NOT NULL DEFAULT '',"
	"  email TEXT NOT NULL DEFAULT '',"
	"  cc TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE cases ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  category INTEGER NOT NULL DEFAULT 9 CHECK (category BETWEEN 1 AND 9),"
	"  key_case INTEGER NOT NULL DEFAULT 0,"
	"  leader TEXT,"
	"  petitioner TEXT,"
	"  lead_dept INTEGER REFERENCES departments(id),"
	"  received_at INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open',"
	"  closed_at INTEGER,"
	"  ceased INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE actions ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  dept_id INTEGER NOT NULL REFERENCES departments(id),"
	"  step TEXT NOT NULL,"
	"  notified_at INTEGER NOT NULL,"
	"  rule TEXT,"
	"  due_at INTEGER,"
	"  uncertain INTEGER NOT NULL DEFAULT 0,"
	"  stage INTEGER NOT NULL DEFAULT 0,"
	"  next_at INTEGER,"
	"  done_at INTEGER,"
	"  note TEXT,"
	"  created_at INTEGER NOT NULL);"
	"CREATE INDEX actions_next ON actions(next_at) WHERE next_at IS NOT NULL;"
	"CREATE INDEX actions_case ON actions(case_id);"
	"CREATE TABLE notices ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  kind TEXT NOT NULL,"
	"  level INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  message TEXT NOT NULL,"
	"  message_id TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'queued',"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_try INTEGER,"
	"  reply TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER,"
	"  UNIQUE (action_id, kind, level, seq, recipient));"
	"CREATE INDEX notices_queue ON notices(next_try) WHERE status = 'queued';"
	"CREATE TABLE escalations ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  level INTEGER NOT NULL,"
	"  target TEXT NOT NULL,"
	"  opened_at INTEGER NOT NULL,"
	"  acked_at INTEGER,"
	"  resolved_at INTEGER,"
	"  note TEXT,"
	"  UNIQUE (action_id, level));"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  who TEXT NOT NULL,"
	"  action_id INTEGER,"
	"  what TEXT NOT NULL,"
	"  detail TEXT);",
	/* 2: digests: who a notice goes to, its line in a digest, what was sent */
	"ALTER TABLE notices ADD COLUMN recipient_name TEXT;"
	"ALTER TABLE notices ADD COLUMN item TEXT;"
	"ALTER TABLE notices ADD COLUMN digest INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE notices ADD COLUMN sent_message_id TEXT;",
	/* 3: recompute after a reload, and the audit of moved deadlines */
	"ALTER TABLE actions ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE actions ADD COLUMN rule_pinned INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE deadline_audit ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  at INTEGER NOT NULL,"
	"  old_due INTEGER,"
	"  new_due INTEGER,"
	"  old_rule TEXT,"
	"  new_rule TEXT,"
	"  why TEXT NOT NULL);"
	"CREATE INDEX deadline_audit_action ON deadline_audit(action_id);",
	/* 4: the lifecycle: receipt, pauses, extensions, closing cases */
	"ALTER TABLE actions ADD COLUMN acked_at INTEGER;"
	"ALTER TABLE actions ADD COLUMN paused_at INTEGER;"
	"ALTER TABLE actions ADD COLUMN pause_days INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE actions ADD COLUMN pause_workdays INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE actions ADD COLUMN pause_ms INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE actions ADD COLUMN ext_days INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE actions ADD COLUMN ext_workdays INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE actions ADD COLUMN ext_ms INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE actions ADD COLUMN nextensions INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE extensions ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  at INTEGER NOT NULL,"
	"  length TEXT NOT NULL,"
	"  approver TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  who TEXT NOT NULL);"
	"CREATE TABLE pauses ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  from_at INTEGER NOT NULL,"
	"  to_at INTEGER,"
	"  reason TEXT NOT NULL,"
	"  who TEXT NOT NULL);"
	"CREATE INDEX events_action ON events(action_id);"
	"CREATE INDEX notices_action ON notices(action_id);",
	/* 5: a recipient's queued notices found without a scan (digests) */
	"CREATE INDEX notices_recipient ON notices(recipient, next_try) WHERE status = 'queued';",
	/* 6: a ledger line's action found by its identity, not by a scan of its case */
	"CREATE INDEX actions_identity ON actions(case_id, dept_id, step, notified_at);",
	/* 7: the evidence record of each escalation, append-only */
	"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  escalation_id INTEGER NOT NULL REFERENCES escalations(id),"
	"  at INTEGER NOT NULL,"
	"  text TEXT NOT NULL);"
	"CREATE INDEX evidence_escalation ON evidence(escalation_id, id);"
	"CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence"
	" BEGIN SELECT RAISE(ABORT, 'the evidence record is append-only'); END;"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence"
	" BEGIN SELECT RAISE(ABORT, 'the evidence record is append-only'); END;"
	"CREATE TRIGGER escalation_no_delete BEFORE DELETE ON escalations"
	" BEGIN SELECT RAISE(ABORT, 'an escalation is never deleted'); END;"
	"CREATE TRIGGER escalation_fixed BEFORE UPDATE OF id, action_id, level, target, opened_at"
	" ON escalations BEGIN SELECT RAISE(ABORT, 'an escalation is never rewritten'); END;"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	/* 8: the database's own identity, part of every Message-ID */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"INSERT INTO meta (key, value) VALUES ('instance', lower(hex(randomblob(8))));",
	/*
	 * 9: a reminder or overdue notice that no longer holds is withdrawn before
	 * it leaves: its action done, paused, moved to another department, or its
	 * deadline moved. Escalations stay: the lateness they report happened.
	 */
	NOTICES_WITHDRAW ";",
	/*
	 * 10: each deadline an action has (the first, after an extension, after a
	 * reassignment) is a cycle of its own, with its own notices and
	 * escalations; an escalation names the department and the deadline it
	 * was for; an action's earlier assignments are kept. The outbox and the
	 * queue are rebuilt for their new unique keys (foreign keys are off while
	 * migrations run, and checked after).
	 */
	"ALTER TABLE actions ADD COLUMN cycle INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE assignments ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  dept_id INTEGER NOT NULL REFERENCES departments(id),"
	"  notified_at INTEGER NOT NULL,"
	"  rule TEXT,"
	"  due_at INTEGER,"
	"  uncertain INTEGER NOT NULL DEFAULT 0,"
	"  first_cycle INTEGER NOT NULL,"
	"  last_cycle INTEGER NOT NULL,"
	"  ended_at INTEGER NOT NULL,"
	"  why TEXT NOT NULL);"
	"CREATE INDEX assignments_action ON assignments(action_id);"
	"CREATE INDEX assignments_identity ON assignments(dept_id, notified_at);"
	"CREATE TRIGGER assignments_no_update BEFORE UPDATE ON assignments"
	" BEGIN SELECT RAISE(ABORT, 'an earlier assignment is never rewritten'); END;"
	"CREATE TRIGGER assignments_no_delete BEFORE DELETE ON assignments"
	" BEGIN SELECT RAISE(ABORT, 'an earlier assignment is never deleted'); END;"
	"ALTER TABLE actions ADD COLUMN first_cycle INTEGER NOT NULL DEFAULT 0;"
	"DROP TRIGGER notices_withdraw;"
	"CREATE TABLE notices_new ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  kind TEXT NOT NULL,"
	"  level INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  message TEXT NOT NULL,"
	"  message_id TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'queued',"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_try INTEGER,"
	"  reply TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  sent_at INTEGER,"
	"  recipient_name TEXT,"
	"  item TEXT,"
	"  digest INTEGER NOT NULL DEFAULT 1,"
	"  sent_message_id TEXT,"
	"  cycle INTEGER NOT NULL DEFAULT 0,"
	"  due_at INTEGER,"
	"  UNIQUE (action_id, cycle, kind, level, seq, recipient));"
	/*
	 * Before this schema a reassignment overwrote the department: the audit
	 * log's "reassigned from A to B" lines give back the earlier assignments
	 * (their deadline from the deadline audit), and each notice and
	 * escalation the cycle, and the department, it belonged to.
	 */
	"CREATE TEMP TABLE moves AS SELECT ev.id, ev.action_id, ev.at, ev.detail, d.id AS dept_id,"
	" row_number() OVER (PARTITION BY ev.action_id ORDER BY ev.id) AS k FROM events ev"
	" JOIN departments d ON d.code = substr(ev.detail, 17, instr(substr(ev.detail, 17), ' to ') - 1)"
	" WHERE ev.what = 'reassign' AND ev.detail LIKE 'reassigned from % to %';"
	"INSERT INTO assignments (action_id, dept_id, notified_at, rule, due_at, uncertain,"
	" first_cycle, last_cycle, ended_at, why) SELECT m.action_id, m.dept_id, a.notified_at,"
	" a.rule, coalesce((SELECT old_due FROM deadline_audit da WHERE da.action_id = m.action_id"
	" AND da.why = m.detail ORDER BY da.id LIMIT 1), (SELECT old_due FROM deadline_audit da"
	" WHERE da.action_id = m.action_id AND da.at > m.at ORDER BY da.id LIMIT 1), a.due_at),"
	" a.uncertain, m.k - 1, m.k - 1, m.at, m.detail FROM moves m"
	" JOIN actions a ON a.id = m.action_id ORDER BY m.id;"
	"UPDATE actions SET cycle = (SELECT count(*) FROM moves m WHERE m.action_id = actions.id),"
	" first_cycle = (SELECT count(*) FROM moves m WHERE m.action_id = actions.id);"
	"INSERT INTO notices_new (id, action_id, kind, level, seq, recipient, subject, message,"
	" message_id, status, attempts, next_try, reply, created_at, sent_at, recipient_name,"
	" item, digest, sent_message_id, cycle) SELECT id, action_id, kind, level, seq, recipient,"
	" subject, message, message_id, status, attempts, next_try, reply, created_at, sent_at,"
	" recipient_name, item, digest, sent_message_id, (SELECT count(*) FROM moves m"
	" WHERE m.action_id = notices.action_id AND m.at < notices.created_at) FROM notices;"
	"DROP TABLE notices;"
	"ALTER TABLE notices_new RENAME TO notices;"
	"CREATE INDEX notices_queue ON notices(next_try) WHERE status = 'queued';"
	"CREATE INDEX notices_action ON notices(action_id);"
	"CREATE INDEX notices_recipient ON notices(recipient, next_try) WHERE status = 'queued';"
	NOTICES_WITHDRAW
	"CREATE TABLE escalations_new ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  level INTEGER NOT NULL,"
	"  target TEXT NOT NULL,"
	"  opened_at INTEGER NOT NULL,"
	"  acked_at INTEGER,"
	"  resolved_at INTEGER,"
	"  note TEXT,"
	"  cycle INTEGER NOT NULL DEFAULT 0,"
	"  dept_id INTEGER REFERENCES departments(id),"
	"  due_at INTEGER,"
	"  UNIQUE (action_id, cycle, level));"
	"INSERT INTO escalations_new (id, action_id, level, target, opened_at, acked_at,"
	" resolved_at, note, cycle, dept_id, due_at) SELECT e.id, e.action_id, e.level, e.target,"
	" e.opened_at, e.acked_at, e.resolved_at, e.note, (SELECT count(*) FROM moves m"
	" WHERE m.action_id = e.action_id AND m.at < e.opened_at), coalesce((SELECT m.dept_id"
	" FROM moves m WHERE m.action_id = e.action_id AND m.at >= e.opened_at ORDER BY m.id"
	" LIMIT 1), a.dept_id), coalesce((SELECT old_due FROM deadline_audit da"
	" WHERE da.action_id = e.action_id AND da.at > e.opened_at ORDER BY da.id LIMIT 1),"
	" a.due_at) FROM escalations e JOIN actions a ON a.id = e.action_id;"
	"DROP TABLE moves;"
	"DROP TABLE escalations;"
	"ALTER TABLE escalations_new RENAME TO escalations;"
	"CREATE INDEX escalations_action ON escalations(action_id);"
	"CREATE TRIGGER escalation_no_delete BEFORE DELETE ON escalations"
	" BEGIN SELECT RAISE(ABORT, 'an escalation is never deleted'); END;"
	"CREATE TRIGGER escalation_fixed BEFORE UPDATE OF id, action_id, level, target, opened_at,"
	" cycle, dept_id, due_at ON escalations"
	" BEGIN SELECT RAISE(ABORT, 'an escalation is never rewritten'); END;",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

const char *
store_errmsg(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

static sqlite3_stmt *
stmt(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int i;

	for (i = 0; i < s->ncache; i++)
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		fatalx("store: cannot prepare statement: %s", sqlite3_errmsg(s->db));
	if (s->ncache == s->capcache) {
		s->capcache = s->capcache ? s->capcache * 2 : 64;
		s->cache = xreallocarray(s->cache, (size_t)s->capcache, sizeof(*s->cache));
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].st = st;
	s->ncache++;
	return st;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void
bind_instant(sqlite3_stmt *st, int i, instant_t v)
{
	if (v == 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

/* A notice row from id, action_id, kind, recipient, subject, status, attempts,
 * next_try, sent_at, reply[, level, seq]; the strings live in the statement. */
static void
notice_from_row(sqlite3_stmt *st, struct notice_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->action_id = sqlite3_column_int64(st, 1);
	r->kind = (const char *)sqlite3_column_text(st, 2);
	r->recipient = (const char *)sqlite3_column_text(st, 3);
	r->subject = (const char *)sqlite3_column_text(st, 4);
	r->status = (const char *)sqlite3_column_text(st, 5);
	r->attempts = sqlite3_column_int(st, 6);
	r->next_try = sqlite3_column_int64(st, 7);
	r->sent_at = sqlite3_column_int64(st, 8);
	r->reply = (const char *)sqlite3_column_text(st, 9);
	r->level = sqlite3_column_count(st) > 10 ? sqlite3_column_int(st, 10) : 0;
	r->seq = sqlite3_column_count(st) > 11 ? sqlite3_column_int(st, 11) : 0;
	r->cycle = sqlite3_column_count(st) > 12 ? sqlite3_column_int(st, 12) : 0;
	r->due_at = sqlite3_column_count(st) > 13 ? sqlite3_column_int64(st, 13) : 0;
}

/* Run a statement that returns no rows; 0 or -1 (logged). */
static int
step_done(struct store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_warnx("store: %s", sqlite3_errmsg(s->db));
		return -1;
	}
	return 0;
}

static int
exec(struct store *s, const char *sql)
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
	if (v > NMIGRATIONS) {
		xasprintf(cause, "the database has schema version %d, newer than this program's %d",
		    v, NMIGRATIONS);
		return -1;
	}
	for (; v < NMIGRATIONS; v++) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (exec(s, "BEGIN IMMEDIATE") != 0) {
			xasprintf(cause, "migration to schema version %d: %s", v + 1,
			    sqlite3_errmsg(s->db));
			return -1;
		}
		if (user_version(s) > v) {
			/* another process (dubanctl init, the daemon) migrated it meanwhile */
			v = user_version(s) - 1;
			exec(s, "COMMIT");
			continue;
		}
		if (exec(s, migrations[v]) != 0 || exec(s, sql) != 0) {
			xasprintf(cause, "migration to schema version %d failed: %s", v + 1,
			    sqlite3_errmsg(s->db));
			exec(s, "ROLLBACK");
			return -1;
		}
		if (foreign_key_check(s, cause) != 0) {
			exec(s, "ROLLBACK");
			return -1;
		}
		if (exec(s, "COMMIT") != 0) {
			xasprintf(cause, "migration to schema version %d failed: %s", v + 1,
			    sqlite3_errmsg(s->db));
			exec(s, "ROLLBACK");
			return -1;
		}
	}
	return 0;
}

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

void
store_log_init(void)
{
	sqlite3_config(SQLITE_CONFIG_LOG, sqlite_log, NULL);
}

struct store *
store_open(const char *path, int flags, char **cause)
{
	struct store *s;
	struct stat sb;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;

	*cause = NULL;
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
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		xasprintf(cause, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	if (exec(s, "PRAGMA journal_mode = WAL") != 0 ||
	    exec(s, "PRAGMA synchronous = NORMAL") != 0 ||
	    exec(s, "PRAGMA foreign_keys = OFF") != 0) {
		xasprintf(cause, "%s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (user_version(s) < 0) {
		xasprintf(cause, "%s: not a duban database: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	/* migrations rebuild tables: foreign keys are checked after them, then enforced */
	if (store_migrate(s, cause) != 0 || exec(s, "PRAGMA foreign_keys = ON") != 0) {
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
	for (i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	free(s->cache);
	if (sqlite3_close(s->db) != SQLITE_OK)
		log_warnx("store: close: %s", sqlite3_errmsg(s->db));
	free(s);
}

void
store_cache_size(struct store *s, int kib)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%d", kib);
	exec(s, sql);
}

int
store_begin(struct store *s)
{
	return exec(s, "BEGIN IMMEDIATE");
}

int
store_commit(struct store *s)
{
	return exec(s, "COMMIT");
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK");
}

bool
store_changed(struct store *s)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = stmt(s, sql);
	int64_t v = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (v != s->data_version) {
		s->data_version = v;
		return true;
	}
	return false;
}

int
store_event(struct store *s, instant_t at, const char *who, int64_t action,
    const char *what, const char *detail)
{
	static const char sql[] =
	    "INSERT INTO events (at, who, action_id, what, detail) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, at);
	bind_text(st, 2, who);
	if (action != 0)
		sqlite3_bind_int64(st, 3, action);
	bind_text(st, 4, what);
	bind_text(st, 5, detail);
	return step_done(s, st);
}

/* Departments */

int
store_dept_add(struct store *s, const struct department *d, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO departments (code, name, head, email, cc) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st = stmt(s, sql);

	bind_text(st, 1, d->code);
	bind_text(st, 2, d->name);
	bind_text(st, 3, d->head ? d->head : "");
	bind_text(st, 4, d->email ? d->email : "");
	bind_text(st, 5, d->cc ? d->cc : "");
	if (step_done(s, st) != 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static void
dept_from_row(sqlite3_stmt *st, int i, struct department *d)
{
	d->id = sqlite3_column_int64(st, i);
	d->code = col_text(st, i + 1);
	d->name = col_text(st, i + 2);
	d->head = col_text(st, i + 3);
	d->email = col_text(st, i + 4);
	d->cc = col_text(st, i + 5);
}

void
department_clear(struct department *d)
{
	free(d->code);
	free(d->name);
	free(d->head);
	free(d->email);
	free(d->cc);
	memset(d, 0, sizeof(*d));
}

int
store_dept_get(struct store *s, const char *code, struct department *d)
{
	static const char sql[] =
	    "SELECT id, code, name, head, email, cc FROM departments WHERE code = ?";
	sqlite3_stmt *st = stmt(s, sql);
	int rc;

	bind_text(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		dept_from_row(st, 0, d);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_dept_each(struct store *s, int (*fn)(const struct department *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT id, code, name, head, email, cc FROM departments ORDER BY code";
	sqlite3_stmt *st = stmt(s, sql);
	struct department d;
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		dept_from_row(st, 0, &d);
		stop = fn(&d, arg);
		department_clear(&d);
	}
	sqlite3_reset(st);
	return 0;
}

/* Cases */

int
store_case_add(struct store *s, const struct case_rec *c, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO cases (number, title, category, key_case, leader, petitioner,"
	    " lead_dept, received_at) VALUES (?, ?, ?, ?, ?, ?,"
	    " (SELECT id FROM departments WHERE code = ?), ?)";
	sqlite3_stmt *st = stmt(s, sql);

	bind_text(st, 1, c->number);
	bind_text(st, 2, c->title);
	sqlite3_bind_int(st, 3, c->category);
	sqlite3_bind_int(st, 4, c->key_case);
	bind_text(st, 5, c->leader);
	bind_text(st, 6, c->petitioner);
	bind_text(st, 7, c->lead_dept);
	sqlite3_bind_int64(st, 8, c->received_at);
	if (step_done(s, st) != 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_case_get(struct store *s, const char *number, struct case_rec *c)
{
	static const char sql[] =
	    "SELECT c.id, c.number, c.title, c.category, c.key_case, c.leader, c.petitioner,"
	    " d.code, c.received_at, c.status FROM cases c"
	    " LEFT JOIN departments d ON d.id = c.lead_dept WHERE c.number = ?";
	sqlite3_stmt *st = stmt(s, sql);
	int rc;

	bind_text(st, 1, number);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		c->number = col_text(st, 1);
		c->title = col_text(st, 2);
		c->category = sqlite3_column_int(st, 3);
		c->key_case = sqlite3_column_int(st, 4);
		c->leader = col_text(st, 5);
		c->petitioner = col_text(st, 6);
		c->lead_dept = col_text(st, 7);
		c->received_at = sqlite3_column_int64(st, 8);
		c->status = col_text(st, 9);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

void
case_clear(struct case_rec *c)
{
	free(c->number);
	free(c->title);
	free(c->leader);
	free(c->petitioner);
	free(c->lead_dept);
	free(c->status);
	memset(c, 0, sizeof(*c));
}

/* Actions */

int
store_action_add(struct store *s, int64_t case_id, int64_t dept_id, const char *step,
    instant_t notified, const char *rule, int pinned, instant_t due, int uncertain,
    instant_t next_at, instant_t now, int64_t *id)
{
	static const char sql[] =
	    "INSERT INTO actions (case_id, dept_id, step, notified_at, rule, due_at,"
	    " uncertain, stage, next_at, created_at, rule_pinned)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, dept_id);
	bind_text(st, 3, step);
	sqlite3_bind_int64(st, 4, notified);
	bind_text(st, 5, rule);
	bind_instant(st, 6, due);
	sqlite3_bind_int(st, 7, uncertain);
	bind_instant(st, 8, next_at);
	sqlite3_bind_int64(st, 9, now);
	sqlite3_bind_int(st, 10, pinned);
	if (step_done(s, st) != 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

#define ACTION_COLUMNS \
	"a.id, a.step, a.rule, a.notified_at, a.due_at, a.uncertain, a.stage," \
	" a.next_at, a.done_at, a.note," \
	" a.acked_at, a.paused_at, a.pause_days, a.pause_workdays, a.pause_ms," \
	" a.ext_days, a.ext_workdays, a.ext_ms, a.nextensions, a.checked_at, a.rule_pinned," \
	" d.id, d.code, d.name, d.head, d.email, d.cc," \
	" c.id, c.number, c.title, c.category, c.key_case, c.leader, c.petitioner," \
	" c.received_at, c.status, a.cycle, a.first_cycle" \
	" FROM actions a JOIN departments d ON d.id = a.dept_id" \
	" JOIN cases c ON c.id = a.case_id"

static void
action_from_row(sqlite3_stmt *st, struct action *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->step = col_text(st, 1);
	a->rule = col_text(st, 2);
	a->notified_at = sqlite3_column_int64(st, 3);
	a->due_at = sqlite3_column_int64(st, 4);
	a->uncertain = sqlite3_column_int(st, 5);
	a->stage = sqlite3_column_int(st, 6);
	a->next_at = sqlite3_column_int64(st, 7);
	a->done_at = sqlite3_column_int64(st, 8);
	a->note = col_text(st, 9);
	a->acked_at = sqlite3_column_int64(st, 10);
	a->paused_at = sqlite3_column_int64(st, 11);
	a->adj.pause_days = sqlite3_column_int(st, 12);
	a->adj.pause_workdays = sqlite3_column_int(st, 13);
	a->adj.pause_ms = sqlite3_column_int64(st, 14);
	a->adj.ext_days = sqlite3_column_int(st, 15);
	a->adj.ext_workdays = sqlite3_column_int(st, 16);
	a->adj.ext_ms = sqlite3_column_int64(st, 17);
	a->nextensions = sqlite3_column_int(st, 18);
	a->checked_at = sqlite3_column_int64(st, 19);
	a->pinned = sqlite3_column_int(st, 20);
	dept_from_row(st, 21, &a->dept);
	a->kase.id = sqlite3_column_int64(st, 27);
	a->kase.number = col_text(st, 28);
	a->kase.title = col_text(st, 29);
	a->kase.category = sqlite3_column_int(st, 30);
	a->kase.key_case = sqlite3_column_int(st, 31);
	a->kase.leader = col_text(st, 32);
	a->kase.petitioner = col_text(st, 33);
	a->kase.received_at = sqlite3_column_int64(st, 34);
	a->kase.status = col_text(st, 35);
	a->cycle = sqlite3_column_int(st, 36);
	a->first_cycle = sqlite3_column_int(st, 37);
}

void
action_clear(struct action *a)
{
	free(a->step);
	free(a->rule);
	free(a->note);
	department_clear(&a->dept);
	case_clear(&a->kase);
	memset(a, 0, sizeof(*a));
}

int
store_action_get(struct store *s, int64_t id, struct action *a)
{
	static const char sql[] = "SELECT " ACTION_COLUMNS " WHERE a.id = ?";
	sqlite3_stmt *st = stmt(s, sql);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		action_from_row(st, a);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_action_done(struct store *s, int64_t id, instant_t at, const char *note)
{
	static const char sql[] =
	    "UPDATE actions SET done_at = ?, note = coalesce(?, note), next_at = NULL"
	    " WHERE id = ? AND done_at IS NULL";
	static const char exists[] = "SELECT done_at FROM actions WHERE id = ?";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, at);
	bind_text(st, 2, note);
	sqlite3_bind_int64(st, 3, id);
	if (step_done(s, st) != 0)
		return -1;
	if (sqlite3_changes(s->db) == 1)
		return 0;
	st = stmt(s, exists);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 1;
}

int
store_action_each(struct store *s, bool all, int (*fn)(const struct action *, void *),
    void *arg)
{
	static const char sql_open[] = "SELECT " ACTION_COLUMNS
	    " WHERE a.done_at IS NULL ORDER BY a.due_at IS NULL, a.due_at, a.id";
	static const char sql_all[] = "SELECT " ACTION_COLUMNS
	    " ORDER BY a.due_at IS NULL, a.due_at, a.id";
	sqlite3_stmt *st = stmt(s, all ? sql_all : sql_open);
	struct action a;
	int stop = 0;

	while (!stop && sqlite3_step(st) == SQLITE_ROW) {
		action_from_row(st, &a);
		stop = fn(&a, arg);
		action_clear(&a);
	}
	sqlite3_reset(st);
	return 0;
}

int
store_action_due(struct store *s, instant_t now, int max, struct action *out)
{
	static const char sql[] = "SELECT " ACTION_COLUMNS
	    " WHERE a.next_at IS NOT NULL AND a.next_at <= ? ORDER BY a.next_at LIMIT ?";
	sqlite3_stmt *st = stmt(s, sql);
	int n = 0;

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		action_from_row(st, &out[n++]);
	sqlite3_reset(st);
	return n;
}

int
store_action_schedule(struct store *s, int64_t id, int stage, instant_t next_at,
    instant_t checked_at)
{
	static const char sql[] =
	    "UPDATE actions SET stage = ?, next_at = ?, checked_at = ? WHERE id = ?";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int(st, 1, stage);
	bind_instant(st, 2, next_at);
	sqlite3_bind_int64(st, 3, checked_at);
	sqlite3_bind_int64(st, 4, id);
	return step_done(s, st);
}

int
store_action_replan(struct store *s, int64_t id, const char *rule, instant_t due,
    int uncertain, int stage, instant_t next_at)
{
	static const char sql[] =
	    "UPDATE actions SET rule = ?, due_at = ?, uncertain = ?, stage = ?, next_at = ?"
	    " WHERE id = ?";
	sqlite3_stmt *st = stmt(s, sql);

	bind_text(st, 1, rule);
	bind_instant(st, 2, due);
	sqlite3_bind_int(st, 3, uncertain);
	sqlite3_bind_int(st, 4, stage);
	bind_instant(st, 5, next_at);
	sqlite3_bind_int64(st, 6, id);
	return step_done(s, st);
}

int
store_deadline_audit(struct store *s, int64_t action, instant_t at, instant_t old_due,
    instant_t new_due, const char *old_rule, const char *new_rule, const char *why)
{
	static const char sql[] =
	    "INSERT INTO deadline_audit (action_id, at, old_due, new_due, old_rule, new_rule, why)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, action);
	sqlite3_bind_int64(st, 2, at);
	bind_instant(st, 3, old_due);
	bind_instant(st, 4, new_due);
	bind_text(st, 5, old_rule);
	bind_text(st, 6, new_rule);
	bind_text(st, 7, why);
	return step_done(s, st);
}

int
store_action_each_open(struct store *s, int (*fn)(const struct recompute_row *, void *),
    void *arg)
{
	static const char sql[] =
	    "SELECT a.id, a.step, d.code, c.category, c.key_case, a.rule, a.rule_pinned,"
	    " a.notified_at, a.due_at, a.stage, a.checked_at, a.uncertain, a.paused_at,"
	    " a.pause_days, a.pause_workdays, a.pause_ms, a.ext_days, a.ext_workdays, a.ext_ms"
	    " FROM actions a JOIN departments d ON d.id = a.dept_id"
	    " JOIN cases c ON c.id = a.case_id WHERE a.done_at IS NULL";
	sqlite3_stmt *st = stmt(s, sql);
	struct recompute_row r;
	int rc = 0;

	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.step = (const char *)sqlite3_column_text(st, 1);
		r.dept = (const char *)sqlite3_column_text(st, 2);
		r.category = sqlite3_column_int(st, 3);
		r.key = sqlite3_column_int(st, 4);
		r.rule = (const char *)sqlite3_column_text(st, 5);
		r.pinned = sqlite3_column_int(st, 6);
		r.notified_at = sqlite3_column_int64(st, 7);
		r.due_at = sqlite3_column_int64(st, 8);
		r.stage = sqlite3_column_int(st, 9);
		r.checked_at = sqlite3_column_int64(st, 10);
		r.uncertain = sqlite3_column_int(st, 11);
		r.paused_at = sqlite3_column_int64(st, 12);
		r.adj.pause_days = sqlite3_column_int(st, 13);
		r.adj.pause_workdays = sqlite3_column_int(st, 14);
		r.adj.pause_ms = sqlite3_column_int64(st, 15);
		r.adj.ext_days = sqlite3_column_int(st, 16);
		r.adj.ext_workdays = sqlite3_column_int(st, 17);
		r.adj.ext_ms = sqlite3_column_int64(st, 18);
		rc = fn(&r, arg);
	}
	sqlite3_reset(st);
	return rc;
}

int
store_audit_each(struct store *s, int64_t action,
    int (*fn)(const struct audit_row *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT at, old_due, new_due, old_rule, new_rule, why FROM deadline_audit"
	    " WHERE action_id = ? ORDER BY id";
	sqlite3_stmt *st = stmt(s, sql);
	struct audit_row r;
	int stop = 0;

	sqlite3_bind_int64(st, 1, action);
	while (!stop && sqlite3_step(st) == SQLITE_ROW) {
		r.at = sqlite3_column_int64(st, 0);
		r.old_due = sqlite3_column_int64(st, 1);
		r.new_due = sqlite3_column_int64(st, 2);
		r.old_rule = (const char *)sqlite3_column_text(st, 3);
		r.new_rule = (const char *)sqlite3_column_text(st, 4);
		r.why = (const char *)sqlite3_column_text(st, 5);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	return 0;
}

int
store_notice_each_action(struct store *s, int64_t action,
    int (*fn)(const struct notice_row *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply, level, seq, cycle, due_at FROM notices WHERE action_id = ?"
	    " ORDER BY id";
	sqlite3_stmt *st = stmt(s, sql);
	struct notice_row r;
	int stop = 0;

	sqlite3_bind_int64(st, 1, action);
	while (!stop && sqlite3_step(st) == SQLITE_ROW) {
		notice_from_row(st, &r);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	return 0;
}

static instant_t
min_instant(struct store *s, const char *sql)
{
	sqlite3_stmt *st = stmt(s, sql);
	instant_t t = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		t = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return t;
}

instant_t
store_next_event(struct store *s)
{
	static const char sql[] =
	    "SELECT next_at FROM actions WHERE next_at IS NOT NULL ORDER BY next_at LIMIT 1";

	return min_instant(s, sql);
}

/* Outbox */

int
store_notice_add(struct store *s, const struct notice *n, instant_t now)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO notices (action_id, kind, level, seq, recipient, subject,"
	    " message, message_id, status, next_try, created_at, recipient_name, item, digest,"
	    " cycle, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, n->action_id);
	bind_text(st, 2, n->kind);
	sqlite3_bind_int(st, 3, n->level);
	sqlite3_bind_int(st, 4, n->seq);
	bind_text(st, 5, n->recipient);
	bind_text(st, 6, n->subject);
	bind_text(st, 7, n->message);
	bind_text(st, 8, n->message_id);
	sqlite3_bind_int64(st, 9, n->send_at ? n->send_at : now);
	sqlite3_bind_int64(st, 10, time_now());	/* when it was really queued */
	bind_text(st, 11, n->recipient_name);
	bind_text(st, 12, n->item);
	sqlite3_bind_int(st, 13, n->digest);
	sqlite3_bind_int(st, 14, n->cycle);
	bind_instant(st, 15, n->due_at);
	if (step_done(s, st) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int64_t
store_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(s->db);
}

/* An outbox row from the columns id, recipient, message, attempts, action_id,
 * kind, subject, recipient_name, item, digest, message_id. */
static void
outbox_from_row(sqlite3_stmt *st, struct outbox_item *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->recipient = col_text(st, 1);
	o->message = col_text(st, 2);
	o->attempts = sqlite3_column_int(st, 3);
	o->action_id = sqlite3_column_int64(st, 4);
	o->kind = col_text(st, 5);
	o->subject = col_text(st, 6);
	o->recipient_name = col_text(st, 7);
	o->item = col_text(st, 8);
	o->digest = sqlite3_column_int(st, 9);
	o->message_id = col_text(st, 10);
}

int
store_outbox_singles(struct store *s, instant_t now, int max, int only_singles,
    struct outbox_item *out)
{
	static const char sql_all[] =
	    "SELECT id, recipient, message, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id FROM notices"
	    " WHERE status = 'queued' AND next_try <= ? ORDER BY next_try, id LIMIT ?";
	static const char sql_singles[] =
	    "SELECT id, recipient, message, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id FROM notices"
	    " WHERE status = 'queued' AND next_try <= ? AND digest = 0"
	    " ORDER BY next_try, id LIMIT ?";
	sqlite3_stmt *st = stmt(s, only_singles ? sql_singles : sql_all);
	int n = 0;

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		outbox_from_row(st, &out[n++]);
	sqlite3_reset(st);
	return n;
}

void
outbox_item_clear(struct outbox_item *o)
{
	free(o->recipient);
	free(o->message);
	free(o->kind);
	free(o->subject);
	free(o->recipient_name);
	free(o->item);
	free(o->message_id);
	memset(o, 0, sizeof(*o));
}

instant_t
store_outbox_next(struct store *s)
{
	static const char sql[] =
	    "SELECT next_try FROM notices WHERE status = 'queued' ORDER BY next_try LIMIT 1";

	return min_instant(s, sql);
}

int
store_notice_sent(struct store *s, int64_t id, instant_t at, const char *reply,
    const char *message_id)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'sent', sent_at = ?, reply = ?,"
	    " attempts = attempts + 1, next_try = NULL, sent_message_id = ? WHERE id = ?";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, at);
	bind_text(st, 2, reply);
	bind_text(st, 3, message_id);
	sqlite3_bind_int64(st, 4, id);
	return step_done(s, st);
}

int
store_notice_requeue(struct store *s, int64_t id, instant_t at)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'queued', next_try = ? WHERE id = ? AND status = 'failed'";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, id);
	if (step_done(s, st) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int
store_notice_retry(struct store *s, int64_t id, instant_t next_try, const char *reply)
{
	static const char sql[] =
	    "UPDATE notices SET next_try = ?, reply = ?, attempts = attempts + 1 WHERE id = ?";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, next_try);
	bind_text(st, 2, reply);
	sqlite3_bind_int64(st, 3, id);
	return step_done(s, st);
}

int
store_notice_withdraw(struct store *s, int64_t id, const char *why)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'withdrawn', reply = ?, next_try = NULL"
	    " WHERE id = ? AND status = 'queued'";
	sqlite3_stmt *st = stmt(s, sql);

	bind_text(st, 1, why);
	sqlite3_bind_int64(st, 2, id);
	return step_done(s, st);
}

int
store_notice_failed(struct store *s, int64_t id, const char *reply)
{
	static const char sql[] =
	    "UPDATE notices SET status = 'failed', reply = ?, attempts = attempts + 1,"
	    " next_try = NULL WHERE id = ?";
	sqlite3_stmt *st = stmt(s, sql);

	bind_text(st, 1, reply);
	sqlite3_bind_int64(st, 2, id);
	return step_done(s, st);
}

int
store_notice_each(struct store *s, bool all, int (*fn)(const struct notice_row *, void *),
    void *arg)
{
	static const char sql_all[] =
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply FROM notices ORDER BY id";
	static const char sql_open[] =
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply FROM notices WHERE status <> 'sent' ORDER BY id";
	sqlite3_stmt *st = stmt(s, all ? sql_all : sql_open);
	struct notice_row r;
	int stop = 0;

	while (!stop && sqlite3_step(st) == SQLITE_ROW) {
		notice_from_row(st, &r);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	return 0;
}

int
store_outbox_counts(struct store *s, struct outbox_counts *c)
{
	static const char sql[] = "SELECT status, count(*) FROM notices GROUP BY status";
	sqlite3_stmt *st = stmt(s, sql);

	memset(c, 0, sizeof(*c));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(st, 0);
		int n = sqlite3_column_int(st, 1);

		if (strcmp(status, "queued") == 0)
			c->queued = n;
		else if (strcmp(status, "sent") == 0)
			c->sent = n;
		else if (strcmp(status, "failed") == 0)
			c->failed = n;
	}
	sqlite3_reset(st);
	return 0;
}

/* The discipline-inspection queue */

int
store_escalation_add(struct store *s, const struct action *a, int level, const char *target,
    instant_t now)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO escalations (action_id, cycle, level, target, opened_at,"
	    " dept_id, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int(st, 2, a->cycle);
	sqlite3_bind_int(st, 3, level);
	bind_text(st, 4, target);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, a->dept.id);
	bind_instant(st, 7, a->due_at);
	if (step_done(s, st) != 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

char *
store_instance(struct store *s)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'instance'";
	sqlite3_stmt *st = stmt(s, sql);
	char *v = NULL;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = col_text(st, 0);
	sqlite3_reset(st);
	return v;
}

int64_t
store_escalation_id(struct store *s, int64_t action, int cycle, int level)
{
	static const char sql[] =
	    "SELECT id FROM escalations WHERE action_id = ? AND cycle = ? AND level = ?";
	sqlite3_stmt *st = stmt(s, sql);
	int64_t id = 0;
	int rc;

	sqlite3_bind_int64(st, 1, action);
	sqlite3_bind_int(st, 2, cycle);
	sqlite3_bind_int(st, 3, level);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		id = -1;
	sqlite3_reset(st);
	return id;
}

int
store_evidence_add(struct store *s, int64_t escalation, instant_t at, const char *text)
{
	static const char sql[] =
	    "INSERT INTO evidence (escalation_id, at, text) VALUES (?, ?, ?)";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, escalation);
	sqlite3_bind_int64(st, 2, at);
	bind_text(st, 3, text);
	return step_done(s, st);
}

int
store_evidence_add_for_notice(struct store *s, int64_t notice, instant_t at, const char *text)
{
	/* the escalation of the notice's action at the notice's level, if there is one */
	static const char sql[] =
	    "INSERT INTO evidence (escalation_id, at, text)"
	    " SELECT e.id, ?, ? FROM notices n JOIN escalations e"
	    " ON e.action_id = n.action_id AND e.cycle = n.cycle AND e.level = n.level"
	    " WHERE n.id = ? AND n.kind = 'escalation'";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, at);
	bind_text(st, 2, text);
	sqlite3_bind_int64(st, 3, notice);
	return step_done(s, st);
}

int
store_evidence_each(struct store *s, int64_t escalation, int (*fn)(const char *, void *),
    void *arg)
{
	static const char sql[] =
	    "SELECT text FROM evidence WHERE escalation_id = ? ORDER BY id";
	sqlite3_stmt *st = stmt(s, sql);
	int rc, n = 0;

	sqlite3_bind_int64(st, 1, escalation);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (fn((const char *)sqlite3_column_text(st, 0), arg) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		n = -1;
	sqlite3_reset(st);
	return n;
}

/* The columns escalation_from_row reads. */
#define ESCALATION_COLUMNS \
	"e.id, e.action_id, e.level, e.target, e.opened_at, e.acked_at," \
	" e.resolved_at, c.number, c.title, d.name, a.step, coalesce(e.due_at, a.due_at)," \
	" e.note, e.cycle FROM escalations e JOIN actions a ON a.id = e.action_id" \
	" JOIN cases c ON c.id = a.case_id" \
	" JOIN departments d ON d.id = coalesce(e.dept_id, a.dept_id)"

static void
escalation_from_row(sqlite3_stmt *st, struct escalation_row *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->action_id = sqlite3_column_int64(st, 1);
	e->level = sqlite3_column_int(st, 2);
	e->target = col_text(st, 3);
	e->opened_at = sqlite3_column_int64(st, 4);
	e->acked_at = sqlite3_column_int64(st, 5);
	e->resolved_at = sqlite3_column_int64(st, 6);
	e->case_number = col_text(st, 7);
	e->case_title = col_text(st, 8);
	e->dept_name = col_text(st, 9);
	e->step = col_text(st, 10);
	e->due_at = sqlite3_column_int64(st, 11);
	e->note = col_text(st, 12);
	e->cycle = sqlite3_column_int(st, 13);
}

int
store_escalation_each(struct store *s, bool all,
    int (*fn)(const struct escalation_row *, void *), void *arg)
{
	static const char sql_open[] = "SELECT " ESCALATION_COLUMNS
	    " WHERE e.resolved_at IS NULL ORDER BY e.opened_at, e.id";
	static const char sql_all[] = "SELECT " ESCALATION_COLUMNS
	    " ORDER BY e.opened_at, e.id";
	sqlite3_stmt *st = stmt(s, all ? sql_all : sql_open);
	struct escalation_row e;
	int stop = 0;

	while (!stop && sqlite3_step(st) == SQLITE_ROW) {
		escalation_from_row(st, &e);
		stop = fn(&e, arg);
		escalation_clear(&e);
	}
	sqlite3_reset(st);
	return 0;
}

int
store_count_open(struct store *s, instant_t now, const char *waiting, int *open, int *overdue)
{
	/* waiting: the rules of waiting periods, a JSON array; nobody is overdue under them */
	static const char sql[] =
	    "SELECT count(*), coalesce(sum(due_at IS NOT NULL AND due_at <= ?1 AND"
	    " (rule IS NULL OR rule NOT IN (SELECT value FROM json_each(?2)))), 0)"
	    " FROM actions WHERE done_at IS NULL";
	sqlite3_stmt *st = stmt(s, sql);

	sqlite3_bind_int64(st, 1, now);
	bind_text(st, 2, waiting ? waiting : "[]");
	*open = *overdue = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*open = sqlite3_column_int(st, 0);
		*overdue = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return 0;
}

/* The lifecycle */

static int
exec_bind(struct store *s, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = stmt(s, sql);
	va_list ap;
	int i;

	va_start(ap, types);
	for (i = 0; types[i]; i++) {
		switch (types[i]) {
		case 'i':
			sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'l':
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 't':	/* an instant, 0 = NULL */
			bind_instant(st, i + 1, va_arg(ap, instant_t));
			break;
		case 's':
			bind_text(st, i + 1, va_arg(ap, const char *));
			break;
		}
	}
	va_end(ap);
	return step_done(s, st);
}

int
store_action_ack(struct store *s, int64_t id, instant_t at)
{
	static const char sql[] = "UPDATE actions SET acked_at = ? WHERE id = ?";

	return exec_bind(s, sql, "ll", at, id);
}

int
store_action_set_pause(struct store *s, int64_t id, instant_t paused_at,
    const struct adjust *adj, int nextensions)
{
	static const char sql[] =
	    "UPDATE actions SET paused_at = ?, pause_days = ?, pause_workdays = ?, pause_ms = ?,"
	    " ext_days = ?, ext_workdays = ?, ext_ms = ?, nextensions = ? WHERE id = ?";

	return exec_bind(s, sql, "tiililill", paused_at, adj->pause_days, adj->pause_workdays,
	    adj->pause_ms, adj->ext_days, adj->ext_workdays, adj->ext_ms, nextensions, id);
}

int
store_pause_open(struct store *s, int64_t id, instant_t from, const char *reason,
    const char *who)
{
	static const char sql[] =
	    "INSERT INTO pauses (action_id, from_at, reason, who) VALUES (?, ?, ?, ?)";

	return exec_bind(s, sql, "llss", id, from, reason, who);
}

int
store_pause_close(struct store *s, int64_t id, instant_t to)
{
	static const char sql[] =
	    "UPDATE pauses SET to_at = ? WHERE action_id = ? AND to_at IS NULL";

	return exec_bind(s, sql, "ll", to, id);
}

int
store_extension_add(struct store *s, int64_t id, instant_t at, const char *length,
    const char *approver, const char *reason, const char *who)
{
	static const char sql[] =
	    "INSERT INTO extensions (action_id, at, length, approver, reason, who)"
	    " VALUES (?, ?, ?, ?, ?, ?)";

	return exec_bind(s, sql, "llssss", id, at, length, approver, reason, who);
}

int
store_action_reassign(struct store *s, const struct action *a, int64_t dept, instant_t at,
    const char *why)
{
	static const char keep[] =
	    "INSERT INTO assignments (action_id, dept_id, notified_at, rule, due_at, uncertain,"
	    " first_cycle, last_cycle, ended_at, why) SELECT id, dept_id, notified_at, rule,"
	    " due_at, uncertain, first_cycle, cycle, ?, ? FROM actions WHERE id = ?";
	static const char move[] =
	    "UPDATE actions SET dept_id = ?, notified_at = ?, cycle = cycle + 1,"
	    " first_cycle = cycle + 1, acked_at = NULL, pause_days = 0, pause_workdays = 0,"
	    " pause_ms = 0, ext_days = 0, ext_workdays = 0, ext_ms = 0, nextensions = 0"
	    " WHERE id = ?";

	if (exec_bind(s, keep, "lsl", at, why, a->id) != 0)
		return -1;
	return exec_bind(s, move, "lll", dept, at, a->id);
}

int
store_action_new_cycle(struct store *s, int64_t id)
{
	static const char sql[] = "UPDATE actions SET cycle = cycle + 1 WHERE id = ?";

	return exec_bind(s, sql, "l", id);
}

int
store_assignment_each(struct store *s, int64_t action,
    int (*fn)(const struct assignment_row *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT d.code, d.name, s.notified_at, s.rule, s.due_at, s.ended_at, s.why"
	    " FROM assignments s JOIN departments d ON d.id = s.dept_id"
	    " WHERE s.action_id = ? ORDER BY s.id";
	sqlite3_stmt *st = stmt(s, sql);
	struct assignment_row r;
	int rc, stop = 0;

	sqlite3_bind_int64(st, 1, action);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.dept = (const char *)sqlite3_column_text(st, 0);
		r.dept_name = (const char *)sqlite3_column_text(st, 1);
		r.notified_at = sqlite3_column_int64(st, 2);
		r.rule = (const char *)sqlite3_column_text(st, 3);
		r.due_at = sqlite3_column_int64(st, 4);
		r.ended_at = sqlite3_column_int64(st, 5);
		r.why = (const char *)sqlite3_column_text(st, 6);
		stop = fn(&r, arg);
	}
	sqlite3_reset(st);
	return stop || rc == SQLITE_DONE ? 0 : -1;
}

int
store_case_open_actions(struct store *s, int64_t case_id, char *ids, size_t len)
{
	static const char sql[] =
	    "SELECT id FROM actions WHERE case_id = ? AND done_at IS NULL ORDER BY id";
	sqlite3_stmt *st = stmt(s, sql);
	size_t used = 0;
	int n = 0;

	ids[0] = '\0';
	sqlite3_bind_int64(st, 1, case_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (used + 24 < len)
			used += (size_t)snprintf(ids + used, len - used, "%s%lld", n ? ", " : "",
			    (long long)sqlite3_column_int64(st, 0));
		n++;
	}
	sqlite3_reset(st);
	return n;
}

int
store_case_close(struct store *s, int64_t case_id, instant_t at, int ceased)
{
	static const char sql[] =
	    "UPDATE cases SET status = 'closed', closed_at = ?, ceased = ? WHERE id = ?";

	return exec_bind(s, sql, "lil", at, ceased, case_id);
}

int
store_period_each(struct store *s, int64_t action,
    int (*fn)(const char *kind, instant_t from, instant_t to, const char *a,
    const char *b, const char *c, void *arg), void *arg)
{
	static const char sql[] =
	    "SELECT 'pause', from_at, coalesce(to_at, 0), reason, who, '' FROM pauses"
	    " WHERE action_id = ?1"
	    " UNION ALL SELECT 'extension', at, 0, length, approver, reason FROM extensions"
	    " WHERE action_id = ?1 ORDER BY 2";
	sqlite3_stmt *st = stmt(s, sql);
	int stop = 0;

	sqlite3_bind_int64(st, 1, action);
	while (!stop && sqlite3_step(st) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
		    arg);
	sqlite3_reset(st);
	return 0;
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
	sqlite3_stmt *st = stmt(s, action ? sql_action : sql_range);
	int stop = 0;

	if (action)
		sqlite3_bind_int64(st, 1, action);
	else {
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
	}
	while (!stop && sqlite3_step(st) == SQLITE_ROW)
		stop = fn(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4), arg);
	sqlite3_reset(st);
	return 0;
}

int
store_escalation_get(struct store *s, int64_t id, struct escalation_row *e)
{
	static const char sql[] = "SELECT " ESCALATION_COLUMNS " WHERE e.id = ?";
	sqlite3_stmt *st = stmt(s, sql);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		escalation_from_row(st, e);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

void
escalation_clear(struct escalation_row *e)
{
	free(e->target);
	free(e->case_number);
	free(e->case_title);
	free(e->dept_name);
	free(e->step);
	free(e->note);
	memset(e, 0, sizeof(*e));
}

int
store_escalation_ack(struct store *s, int64_t id, instant_t at, const char *note)
{
	static const char sql[] =
	    "UPDATE escalations SET acked_at = coalesce(acked_at, ?),"
	    " note = coalesce(?, note) WHERE id = ?";

	return exec_bind(s, sql, "lsl", at, note, id);
}

int
store_escalation_resolve(struct store *s, int64_t id, instant_t at, const char *note)
{
	static const char sql[] =
	    "UPDATE escalations SET acked_at = coalesce(acked_at, ?1), resolved_at = ?1,"
	    " note = ?2 WHERE id = ?3";

	return exec_bind(s, sql, "lsl", at, note, id);
}

int
store_ledger_each(struct store *s, int (*fn)(const struct ledger_row *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT c.number, c.title, c.category, ld.code, c.leader, c.key_case, c.petitioner,"
	    " c.received_at, d.code, a.step, a.notified_at, a.acked_at, a.done_at, a.note"
	    " FROM cases c LEFT JOIN departments ld ON ld.id = c.lead_dept"
	    " LEFT JOIN actions a ON a.case_id = c.id LEFT JOIN departments d ON d.id = a.dept_id"
	    " ORDER BY c.number, a.id";
	sqlite3_stmt *st = stmt(s, sql);
	struct ledger_row r;
	int rc = 0;

	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		r.number = (const char *)sqlite3_column_text(st, 0);
		r.title = (const char *)sqlite3_column_text(st, 1);
		r.category = sqlite3_column_int(st, 2);
		r.lead = (const char *)sqlite3_column_text(st, 3);
		r.leader = (const char *)sqlite3_column_text(st, 4);
		r.key = sqlite3_column_int(st, 5);
		r.petitioner = (const char *)sqlite3_column_text(st, 6);
		r.received = sqlite3_column_int64(st, 7);
		r.dept = (const char *)sqlite3_column_text(st, 8);
		r.step = (const char *)sqlite3_column_text(st, 9);
		r.notified = sqlite3_column_int64(st, 10);
		r.acked = sqlite3_column_int64(st, 11);
		r.done = sqlite3_column_int64(st, 12);
		r.note = (const char *)sqlite3_column_text(st, 13);
		rc = fn(&r, arg);
	}
	sqlite3_reset(st);
	return rc;
}

int
store_ledger_stage_begin(struct store *s)
{
	/* in the connection's temporary database: no lock on the main one is taken */
	return exec(s, "CREATE TEMP TABLE IF NOT EXISTS ledger_cases (number TEXT PRIMARY KEY,"
	    " line INTEGER NOT NULL, f1 TEXT, f2 TEXT, f3 TEXT, f4 TEXT, f5 TEXT, f6 TEXT, f7 TEXT);"
	    "DELETE FROM temp.ledger_cases");
}

int
store_ledger_stage_case(struct store *s, const char *number, int line,
    const char *const *f, unsigned *differ)
{
	static const char get[] =
	    "SELECT line, f1 IS NOT ?2, f2 IS NOT ?3, f3 IS NOT ?4, f4 IS NOT ?5, f5 IS NOT ?6,"
	    " f6 IS NOT ?7, f7 IS NOT ?8 FROM temp.ledger_cases WHERE number = ?1";
	static const char put[] =
	    "INSERT INTO temp.ledger_cases (number, line, f1, f2, f3, f4, f5, f6, f7)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = stmt(s, get);
	int i, rc, first = 0;

	*differ = 0;
	bind_text(st, 1, number);
	for (i = 0; i < 7; i++)
		bind_text(st, i + 2, f[i]);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		first = sqlite3_column_int(st, 0);
		for (i = 0; i < 7; i++)
			if (sqlite3_column_int(st, i + 1))
				*differ |= 1u << i;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return first;
	if (rc != SQLITE_DONE)
		return -1;
	st = stmt(s, put);
	bind_text(st, 1, number);
	sqlite3_bind_int(st, 2, line);
	for (i = 0; i < 7; i++)
		bind_text(st, i + 3, f[i]);
	return step_done(s, st);
}

int
store_case_update(struct store *s, int64_t id, const struct case_rec *c)
{
	static const char sql[] =
	    "UPDATE cases SET title = ?, category = ?, key_case = ?, leader = ?, petitioner = ?,"
	    " lead_dept = (SELECT id FROM departments WHERE code = ?), received_at = ?"
	    " WHERE id = ?";

	return exec_bind(s, sql, "siisssll", c->title, c->category, c->key_case, c->leader,
	    c->petitioner, c->lead_dept, c->received_at, id);
}

int64_t
store_action_find(struct store *s, int64_t case_id, int64_t dept_id, const char *step,
    instant_t notified, bool *earlier)
{
	/* the action, or the action one of whose earlier assignments this was */
	static const char sql[] =
	    "SELECT id, 0 FROM actions WHERE case_id = ?1 AND dept_id = ?2 AND step = ?3"
	    " AND notified_at >= ?4 AND notified_at < ?4 + 1000 UNION ALL SELECT a.id, 1"
	    " FROM assignments s JOIN actions a ON a.id = s.action_id WHERE s.dept_id = ?2"
	    " AND s.notified_at >= ?4 AND s.notified_at < ?4 + 1000 AND a.case_id = ?1"
	    " AND a.step = ?3 LIMIT 1";
	sqlite3_stmt *st = stmt(s, sql);
	int64_t id = 0;
	int rc;

	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, dept_id);
	bind_text(st, 3, step);
	sqlite3_bind_int64(st, 4, notified);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*earlier = sqlite3_column_int(st, 1) != 0;
	} else if (rc != SQLITE_DONE)
		id = -1;
	sqlite3_reset(st);
	return id;
}

int
store_action_set_record(struct store *s, int64_t id, instant_t acked, instant_t done,
    const char *note)
{
	static const char sql[] =
	    "UPDATE actions SET acked_at = ?, done_at = ?, note = ?,"
	    " next_at = CASE WHEN ? IS NULL THEN next_at ELSE NULL END WHERE id = ?";

	return exec_bind(s, sql, "ttstl", acked, done, note, done, id);
}

int
store_dept_update(struct store *s, const struct department *d)
{
	static const char sql[] =
	    "UPDATE departments SET name = ?, head = ?, email = ?, cc = ? WHERE code = ?";

	return exec_bind(s, sql, "sssss", d->name, d->head ? d->head : "",
	    d->email ? d->email : "", d->cc ? d->cc : "", d->code);
}

int
store_report_each(struct store *s, instant_t from, instant_t to,
    int (*fn)(const struct report_row *, void *), void *arg)
{
	static const char sql[] =
	    "SELECT 'action', d.code, d.name, a.notified_at, coalesce(a.due_at, 0),"
	    " coalesce(a.done_at, 0), EXISTS (SELECT 1 FROM escalations e WHERE e.action_id = a.id"
	    " AND e.cycle >= a.first_cycle), 0, 0, a.rule, a.uncertain, 0"
	    " FROM actions a JOIN departments d ON d.id = a.dept_id"
	    " WHERE a.notified_at >= ?1 AND a.notified_at < ?2"
	    " UNION ALL SELECT 'action', d.code, d.name, s.notified_at, coalesce(s.due_at, 0), 0,"
	    " EXISTS (SELECT 1 FROM escalations e WHERE e.action_id = s.action_id"
	    " AND e.cycle BETWEEN s.first_cycle AND s.last_cycle), 0, 0, s.rule, s.uncertain,"
	    " s.ended_at FROM assignments s JOIN departments d ON d.id = s.dept_id"
	    " WHERE s.notified_at >= ?1 AND s.notified_at < ?2"
	    " UNION ALL SELECT 'case', coalesce(d.code, '-'), coalesce(d.name, '-'), c.received_at,"
	    " 0, coalesce(c.closed_at, 0), 0, c.status = 'closed', c.ceased, NULL, 0, 0"
	    " FROM cases c LEFT JOIN departments d ON d.id = c.lead_dept"
	    " WHERE c.received_at >= ?1 AND c.received_at < ?2";
	sqlite3_stmt *st = stmt(s, sql);
	struct report_row r;
	int rc = 0;

	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		r.is_case = strcmp((const char *)sqlite3_column_text(st, 0), "case") == 0;
		r.dept = (const char *)sqlite3_column_text(st, 1);
		r.dept_name = (const char *)sqlite3_column_text(st, 2);
		r.start = sqlite3_column_int64(st, 3);
		r.due = sqlite3_column_int64(st, 4);
		r.done = sqlite3_column_int64(st, 5);
		r.escalated = sqlite3_column_int(st, 6);
		r.closed = sqlite3_column_int(st, 7);
		r.ceased = sqlite3_column_int(st, 8);
		r.rule = (const char *)sqlite3_column_text(st, 9);
		r.uncertain = sqlite3_column_int(st, 10);
		r.handed_on = sqlite3_column_int64(st, 11);
		rc = fn(&r, arg);
	}
	sqlite3_reset(st);
	return rc;
}

int
store_outbox_recipients(struct store *s, instant_t now, int max, char ***out)
{
	static const char sql[] =
	    "SELECT recipient FROM notices WHERE status = 'queued' AND next_try <= ? AND digest = 1"
	    " GROUP BY recipient ORDER BY min(next_try) LIMIT ?";
	sqlite3_stmt *st = stmt(s, sql);
	int n = 0;

	*out = NULL;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int(st, 2, max);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, (size_t)n + 1, sizeof(char *));
		(*out)[n++] = col_text(st, 0);
	}
	sqlite3_reset(st);
	return n;
}

int
store_outbox_for(struct store *s, const char *recipient, instant_t now, int max,
    struct outbox_item *out)
{
	static const char sql[] =
	    "SELECT id, recipient, NULL, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id FROM notices"
	    " WHERE status = 'queued' AND next_try <= ? AND digest = 1 AND recipient = ?"
	    " ORDER BY next_try, id LIMIT ?";
	sqlite3_stmt *st = stmt(s, sql);
	int n = 0;

	sqlite3_bind_int64(st, 1, now);
	bind_text(st, 2, recipient);
	sqlite3_bind_int(st, 3, max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW)
		outbox_from_row(st, &out[n++]);
	sqlite3_reset(st);
	return n;
}

char *
store_notice_message(struct store *s, int64_t id)
{
	static const char sql[] = "SELECT message FROM notices WHERE id = ?";
	sqlite3_stmt *st = stmt(s, sql);
	char *msg = NULL;

	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		msg = col_text(st, 0);
	sqlite3_reset(st);
	return msg;
}
