/*
 * SQLite's schema: its ordered migrations, each run once, in its own
 * transaction, by open.c (PostgreSQL's are pgschema.c's).
 */
#include "internal.h"

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

const char *const sqlite_migrations[] = {
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
	/* 11: an action's kind of step (step, a [step] key) and beside it the concrete work */
	"ALTER TABLE actions ADD COLUMN what TEXT;"
	/* the procedure: a next step waiting for the office to confirm or drop it */
	"CREATE TABLE proposals ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  after_action INTEGER REFERENCES actions(id),"
	"  step TEXT NOT NULL,"
	"  dept_id INTEGER REFERENCES departments(id),"
	"  proposed_at INTEGER NOT NULL,"
	"  why TEXT NOT NULL,"
	"  decided_at INTEGER,"
	"  decided_by TEXT,"
	"  action_id INTEGER REFERENCES actions(id),"
	"  reason TEXT);"
	/* a case's earlier closings, ended when the petitioner came back */
	"CREATE TABLE closings ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  closed_at INTEGER NOT NULL,"
	"  ceased INTEGER NOT NULL,"
	"  reopened_at INTEGER NOT NULL,"
	"  reason TEXT NOT NULL);"
	/* a pause that is a transfer (产权纠纷 to the court): to whom */
	"ALTER TABLE pauses ADD COLUMN to_whom TEXT;"
	/* an agreement's deadline (解决时限) and its responsible person (责任人) */
	"ALTER TABLE actions ADD COLUMN agreed_due INTEGER;"
	"ALTER TABLE actions ADD COLUMN responsible TEXT;"
	/* the leaders who own cases (包案领导): a case names one, mail finds the address */
	"CREATE TABLE leaders ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  title TEXT,"
	"  email TEXT NOT NULL);",
	/*
	 * 12: counting without reading every row (STATUS= once a second in a
	 * burst, at 10,000,000 actions): open actions tallied by triggers,
	 * overdue ones found by their deadline, failed notices by an index.
	 */
	"CREATE TABLE tallies (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO tallies SELECT 'open actions', count(*) FROM actions WHERE done_at IS NULL;"
	"CREATE TRIGGER tally_open_insert AFTER INSERT ON actions WHEN new.done_at IS NULL"
	" BEGIN UPDATE tallies SET n = n + 1 WHERE name = 'open actions'; END;"
	"CREATE TRIGGER tally_open_delete AFTER DELETE ON actions WHEN old.done_at IS NULL"
	" BEGIN UPDATE tallies SET n = n - 1 WHERE name = 'open actions'; END;"
	"CREATE TRIGGER tally_open_update AFTER UPDATE OF done_at ON actions"
	" WHEN (old.done_at IS NULL) <> (new.done_at IS NULL)"
	" BEGIN UPDATE tallies SET n = n + (CASE WHEN new.done_at IS NULL THEN 1 ELSE -1 END)"
	" WHERE name = 'open actions'; END;"
	/* each index holds the columns its queries name: the rows are not read */
	"CREATE INDEX actions_open ON actions(due_at) WHERE done_at IS NULL;"
	"CREATE INDEX notices_failed ON notices(status) WHERE status = 'failed';"
	"DROP INDEX notices_queue;"
	/* the constant columns first: next_try, then id, is the order the outbox reads */
	"CREATE INDEX notices_queue ON notices(status, next_try) WHERE status = 'queued';"
	/* the notices that go alone, and each recipient's for a digest, found apart */
	"CREATE INDEX notices_singles ON notices(status, digest, next_try)"
	" WHERE status = 'queued' AND digest = 0;"
	"DROP INDEX notices_recipient;"
	"CREATE INDEX notices_digests ON notices(status, digest, recipient, next_try)"
	" WHERE status = 'queued' AND digest = 1;",
	/*
	 * 13: a ledger line's action found by its whole identity, its work
	 * included; the index on the case alone goes, as this one's first
	 * column serves it (and a planner could prefer it, reading every
	 * action of the case for each line)
	 */
	"DROP INDEX actions_case;"
	"DROP INDEX actions_identity;"
	"CREATE INDEX actions_identity ON actions(case_id, dept_id, step, (coalesce(what, '')),"
	" notified_at);",
	/*
	 * 14: a notice's text made when it is sent. The transition stores what
	 * composes it: its format (the template's name, the sender, the body's
	 * template text, stored once under their digest), its variables, its
	 * thread and X-Duban-Action; message stays for the notices queued
	 * before, composed already, and is '' from now on.
	 */
	"CREATE TABLE formats ("
	"  key TEXT PRIMARY KEY,"
	"  template TEXT NOT NULL,"
	"  sender TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL);"
	"ALTER TABLE notices ADD COLUMN format TEXT REFERENCES formats(key);"
	"ALTER TABLE notices ADD COLUMN vars TEXT;"
	"ALTER TABLE notices ADD COLUMN thread_id TEXT;"
	"ALTER TABLE notices ADD COLUMN ref TEXT;",
	/*
	 * 15: what a department asks by the link of its notice, for the office
	 * to decide: more time (延期申请: a reason and the deadline asked for)
	 * or its completion report (办结报告: the written opinion); each decided
	 * once (approved or refused; confirmed or returned), by whom and why.
	 */
	"CREATE TABLE requests ("
	"  id INTEGER PRIMARY KEY,"
	"  action_id INTEGER NOT NULL REFERENCES actions(id),"
	"  cycle INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('extend', 'done')),"
	"  asked_by TEXT NOT NULL,"
	"  asked_from TEXT NOT NULL,"
	"  asked_at INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  until_at INTEGER,"
	"  decided_at INTEGER,"
	"  decision TEXT CHECK (decision IN ('approved', 'refused', 'confirmed', 'returned')),"
	"  decided_by TEXT,"
	"  note TEXT);"
	"CREATE INDEX requests_action ON requests(action_id);"
	"CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests"
	" BEGIN SELECT RAISE(ABORT, 'a request is never deleted'); END;"
	"CREATE TRIGGER requests_decided_once BEFORE UPDATE ON requests WHEN old.decided_at IS NOT NULL"
	" BEGIN SELECT RAISE(ABORT, 'a decided request is never rewritten'); END;"
	/* and the accounts that sign in to the pages: a role each, a password's yescrypt hash */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('office', 'leader', 'discipline', 'leading-group')),"
	"  dept TEXT,"
	"  hash TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at INTEGER NOT NULL);",
};

const int sqlite_nmigrations = (int)(sizeof(sqlite_migrations) / sizeof(sqlite_migrations[0]));
_Static_assert(sizeof(sqlite_migrations) / sizeof(sqlite_migrations[0]) == STORE_SCHEMA_VERSION, "a migration without its version, or the reverse");
