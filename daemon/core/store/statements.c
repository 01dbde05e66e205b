/*
 * Every statement the store prepares: its name, its text in SQLite's
 * dialect and, where PostgreSQL needs other words than pg_rewrite gives,
 * PostgreSQL's. A statement stays next to its name here; the functions
 * of the store's files use it by name (db_stmt(s, Q_...)).
 */
#include "internal.h"
#include "statements.h"

/* What composes a notice when it is sent (outbox_from_row), from n and its format f */
#define COMPOSITION "f.sender, f.body, n.vars, n.thread_id, n.ref"

/* The columns request_from_row (requests.c) reads. */
#define REQUEST_COLUMNS \
	"r.id, r.action_id, r.cycle, r.kind, r.asked_by, r.asked_from, r.asked_at, r.text, r.until_at," \
	"r.decided_at, r.decision, r.decided_by, r.note, c.number, d.name FROM requests r" \
	" JOIN actions a ON a.id = r.action_id JOIN cases c ON c.id = a.case_id" \
	" JOIN departments d ON d.id = a.dept_id"

/* The columns escalation_from_row (queue.c) reads. */
#define ESCALATION_COLUMNS \
	"e.id, e.action_id, e.level, e.target, e.opened_at, e.acked_at," \
	" e.resolved_at, c.number, c.title, d.name, a.step, coalesce(e.due_at, a.due_at)," \
	" e.note, e.cycle FROM escalations e JOIN actions a ON a.id = e.action_id" \
	" JOIN cases c ON c.id = a.case_id" \
	" JOIN departments d ON d.id = coalesce(e.dept_id, a.dept_id)"

/*
 * A statement without engines runs on both; STMT_PG marks what only the
 * claims of several daemons sharing PostgreSQL need (SQLite has no leases),
 * STMT_SQLITE what only SQLite has (its data_version).
 */
const struct stmt_def store_stmts[Q_N] = {
	/* actions.c */
	[Q_ACTION_ADD] = { "action_add",
	    "INSERT INTO actions (case_id, dept_id, step, notified_at, rule, due_at,"
	    " uncertain, stage, next_at, created_at, rule_pinned, what, agreed_due, responsible)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
	    NULL },
	[Q_ACTION_GET] = { "action_get",
	    "SELECT " ACTION_COLUMNS " WHERE a.id = ?",
	    NULL },
	[Q_ACTION_DONE] = { "action_done",
	    "UPDATE actions SET done_at = ?, note = coalesce(?, note), next_at = NULL"
	    " WHERE id = ? AND done_at IS NULL",
	    NULL },
	[Q_ACTION_DONE_EXISTS] = { "action_done_exists",
	    "SELECT done_at FROM actions WHERE id = ?",
	    NULL },
	[Q_ACTION_LIST_OPEN] = { "action_list_open",
	    "SELECT " ACTION_COLUMNS
	    " WHERE a.done_at IS NULL ORDER BY a.due_at IS NULL, a.due_at, a.id",
	    NULL },
	[Q_ACTION_LIST_ALL] = { "action_list_all",
	    "SELECT " ACTION_COLUMNS
	    " ORDER BY a.due_at IS NULL, a.due_at, a.id",
	    NULL },
	/*
	 * PostgreSQL, shared by several daemons: each due action is claimed by
	 * the transaction that writes its notices; what another holds is left.
	 */
	[Q_ACTION_DUE] = { "action_due",
	    "SELECT " ACTION_COLUMNS
	    " WHERE a.next_at IS NOT NULL AND a.next_at <= ? ORDER BY a.next_at LIMIT ?",
	    "SELECT " ACTION_COLUMNS
	    " WHERE a.next_at IS NOT NULL AND a.next_at <= ? ORDER BY a.next_at LIMIT ?"
	    " FOR UPDATE OF a SKIP LOCKED" },
	[Q_ACTION_SCHEDULE] = { "action_schedule",
	    "UPDATE actions SET stage = ?, next_at = ?, checked_at = ? WHERE id = ?",
	    NULL },
	[Q_ACTION_REPLAN] = { "action_replan",
	    "UPDATE actions SET rule = ?, due_at = ?, uncertain = ?, stage = ?, next_at = ?"
	    " WHERE id = ?",
	    NULL },
	[Q_DEADLINE_AUDIT] = { "deadline_audit",
	    "INSERT INTO deadline_audit (action_id, at, old_due, new_due, old_rule, new_rule, why)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)",
	    NULL },
	[Q_ACTION_EACH_OPEN] = { "action_each_open",
	    "SELECT a.id, a.step, d.code, c.category, c.key_case, a.rule, a.rule_pinned,"
	    " a.notified_at, a.due_at, a.stage, a.checked_at, a.uncertain, a.paused_at,"
	    " a.pause_days, a.pause_workdays, a.pause_ms, a.ext_days, a.ext_workdays, a.ext_ms,"
	    " coalesce(a.agreed_due, 0) FROM actions a JOIN departments d ON d.id = a.dept_id"
	    " JOIN cases c ON c.id = a.case_id WHERE a.done_at IS NULL",
	    NULL },
	[Q_AUDIT_EACH] = { "audit_each",
	    "SELECT at, old_due, new_due, old_rule, new_rule, why FROM deadline_audit"
	    " WHERE action_id = ? ORDER BY id",
	    NULL },
	[Q_NEXT_EVENT] = { "next_event",
	    "SELECT next_at FROM actions WHERE next_at IS NOT NULL ORDER BY next_at LIMIT 1",
	    NULL },
	[Q_ACTION_ACK] = { "action_ack",
	    "UPDATE actions SET acked_at = ? WHERE id = ?",
	    NULL },
	[Q_ACTION_SET_PAUSE] = { "action_set_pause",
	    "UPDATE actions SET paused_at = ?, pause_days = ?, pause_workdays = ?, pause_ms = ?,"
	    " ext_days = ?, ext_workdays = ?, ext_ms = ?, nextensions = ? WHERE id = ?",
	    NULL },
	[Q_PAUSE_OPEN] = { "pause_open",
	    "INSERT INTO pauses (action_id, from_at, reason, who, to_whom) VALUES (?, ?, ?, ?, ?)",
	    NULL },
	[Q_PAUSE_CLOSE] = { "pause_close",
	    "UPDATE pauses SET to_at = ? WHERE action_id = ? AND to_at IS NULL",
	    NULL },
	[Q_EXTENSION_ADD] = { "extension_add",
	    "INSERT INTO extensions (action_id, at, length, approver, reason, who)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	    NULL },
	[Q_ACTION_REASSIGN_KEEP] = { "action_reassign_keep",
	    "INSERT INTO assignments (action_id, dept_id, notified_at, rule, due_at, uncertain,"
	    " first_cycle, last_cycle, ended_at, why) SELECT id, dept_id, notified_at, rule,"
	    " due_at, uncertain, first_cycle, cycle, ?, ? FROM actions WHERE id = ?",
	    NULL },
	[Q_ACTION_REASSIGN_MOVE] = { "action_reassign_move",
	    "UPDATE actions SET dept_id = ?, notified_at = ?, cycle = cycle + 1,"
	    " first_cycle = cycle + 1, acked_at = NULL, pause_days = 0, pause_workdays = 0,"
	    " pause_ms = 0, ext_days = 0, ext_workdays = 0, ext_ms = 0, nextensions = 0"
	    " WHERE id = ?",
	    NULL },
	[Q_ACTION_NEW_CYCLE] = { "action_new_cycle",
	    "UPDATE actions SET cycle = cycle + 1 WHERE id = ?",
	    NULL },
	[Q_ASSIGNMENT_EACH] = { "assignment_each",
	    "SELECT d.code, d.name, s.notified_at, s.rule, s.due_at, s.ended_at, s.why"
	    " FROM assignments s JOIN departments d ON d.id = s.dept_id"
	    " WHERE s.action_id = ? ORDER BY s.id",
	    NULL },
	[Q_PERIOD_EACH] = { "period_each",
	    "SELECT CASE WHEN to_whom IS NULL THEN 'pause' ELSE 'transfer' END, from_at,"
	    " coalesce(to_at, 0), reason, who, coalesce(to_whom, '') FROM pauses"
	    " WHERE action_id = ?1"
	    " UNION ALL SELECT 'extension', at, 0, length, approver, reason FROM extensions"
	    " WHERE action_id = ?1 ORDER BY 2",
	    NULL },
	/* the action, or the action one of whose earlier assignments this was */
	[Q_ACTION_FIND] = { "action_find",
	    "SELECT id, 0 FROM actions WHERE case_id = ?1 AND dept_id = ?2 AND step = ?3"
	    " AND notified_at >= ?4 AND notified_at < ?4 + 1000 AND coalesce(what, '') = ?5"
	    " UNION ALL SELECT a.id, 1"
	    " FROM assignments s JOIN actions a ON a.id = s.action_id WHERE s.dept_id = ?2"
	    " AND s.notified_at >= ?4 AND s.notified_at < ?4 + 1000 AND a.case_id = ?1"
	    " AND a.step = ?3 AND coalesce(a.what, '') = ?5 LIMIT 1",
	    NULL },
	[Q_ACTION_SET_RECORD] = { "action_set_record",
	    "UPDATE actions SET acked_at = ?1, done_at = ?2, note = ?3,"
	    " next_at = CASE WHEN ?2 IS NULL THEN next_at ELSE NULL END WHERE id = ?4",
	    NULL },
	[Q_STEPS_EACH] = { "steps_each",
	    "SELECT step, count(*) FROM actions GROUP BY step ORDER BY step",
	    NULL },
	/* the audit log first, while the actions still name the old step */
	[Q_STEPS_PLACE_LOG] = { "steps_place_log",
	    "INSERT INTO events (at, who, action_id, what, detail)"
	    " SELECT ?1, ?2, id, 'place-step', 'step ''' || step || ''' is kind ' || ?4"
	    " || CASE WHEN ?5 <> 0 THEN ' (the catch-all: no kind names it; the text kept as what)'"
	    " ELSE '' END || CASE WHEN rule IS NOT NULL AND rule_pinned = 0"
	    " THEN '; rule ' || rule || ' kept' ELSE '' END"
	    " FROM actions WHERE step = ?3",
	    NULL },
	/* the rule the department was given stays: a deadline never changes by a migration */
	[Q_STEPS_PLACE] = { "steps_place",
	    "UPDATE actions SET step = ?2,"
	    " what = CASE WHEN ?3 <> 0 THEN coalesce(what, step) ELSE what END,"
	    " rule_pinned = CASE WHEN rule IS NOT NULL THEN 1 ELSE rule_pinned END"
	    " WHERE step = ?1",
	    NULL },
	/* copy.c */
	[Q_COPY_GET] = { "copy_get",
	    "SELECT value FROM meta WHERE key = 'instance'",
	    NULL },
	[Q_COPY_PUT] = { "copy_put",
	    "UPDATE meta SET value = ? WHERE key = 'instance'",
	    NULL },
	/* open.c */
	[Q_CHANGED] = { "changed",
	    "PRAGMA data_version",
	    NULL, STMT_SQLITE },
	[Q_INSTANCE] = { "instance",
	    "SELECT value FROM meta WHERE key = 'instance'",
	    NULL },
	/* outbox.c */
	[Q_NOTICE_EACH_ACTION] = { "notice_each_action",
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply, level, seq, cycle, due_at FROM notices WHERE action_id = ?"
	    " ORDER BY id",
	    NULL },
	[Q_FORMAT_ADD] = { "format_add",
	    "INSERT OR IGNORE INTO formats (key, template, sender, body, created_at)"
	    " VALUES (?, ?, ?, ?, ?)",
	    NULL },
	/* its text is made when it is sent, from its format and variables */
	[Q_NOTICE_ADD] = { "notice_add",
	    "INSERT OR IGNORE INTO notices (action_id, kind, level, seq, recipient, subject,"
	    " format, message_id, status, next_try, created_at, recipient_name, item, digest,"
	    " cycle, due_at, vars, thread_id, ref, message)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
	    NULL },
	/*
	 * PostgreSQL, shared by several daemons: the rows are claimed for this
	 * instance with a lease, skipping what another holds or is claiming.
	 */
	[Q_OUTBOX_QUEUED] = { "outbox_queued",
	    "SELECT n.id, n.recipient, n.message, n.attempts, n.action_id, n.kind, n.subject,"
	    " n.recipient_name, n.item, n.digest, n.message_id, " COMPOSITION " FROM notices n"
	    " LEFT JOIN formats f ON f.key = n.format"
	    " WHERE n.status = 'queued' AND n.next_try <= ? ORDER BY n.next_try, n.id LIMIT ?",
	    "WITH c AS (UPDATE notices SET lease_owner = ?3, lease_until = ?4 WHERE id IN"
	    " (SELECT id FROM notices WHERE status = 'queued' AND next_try <= ?1"
	    " AND (lease_until IS NULL OR lease_until <= ?1) ORDER BY next_try, id LIMIT ?2"
	    " FOR UPDATE SKIP LOCKED) RETURNING *)"
	    " SELECT n.id, n.recipient, n.message, n.attempts, n.action_id, n.kind, n.subject,"
	    " n.recipient_name, n.item, n.digest, n.message_id, " COMPOSITION " FROM c n"
	    " LEFT JOIN formats f ON f.key = n.format ORDER BY n.next_try, n.id" },
	[Q_OUTBOX_QUEUED_SINGLES] = { "outbox_queued_singles",
	    "SELECT n.id, n.recipient, n.message, n.attempts, n.action_id, n.kind, n.subject,"
	    " n.recipient_name, n.item, n.digest, n.message_id, " COMPOSITION " FROM notices n"
	    " LEFT JOIN formats f ON f.key = n.format"
	    " WHERE n.status = 'queued' AND n.next_try <= ? AND n.digest = 0"
	    " ORDER BY n.next_try, n.id LIMIT ?",
	    "WITH c AS (UPDATE notices SET lease_owner = ?3, lease_until = ?4 WHERE id IN"
	    " (SELECT id FROM notices WHERE status = 'queued' AND next_try <= ?1 AND digest = 0"
	    " AND (lease_until IS NULL OR lease_until <= ?1) ORDER BY next_try, id LIMIT ?2"
	    " FOR UPDATE SKIP LOCKED) RETURNING *)"
	    " SELECT n.id, n.recipient, n.message, n.attempts, n.action_id, n.kind, n.subject,"
	    " n.recipient_name, n.item, n.digest, n.message_id, " COMPOSITION " FROM c n"
	    " LEFT JOIN formats f ON f.key = n.format ORDER BY n.next_try, n.id" },
	/* a notice another instance holds may be sent here when its lease runs out */
	[Q_OUTBOX_NEXT] = { "outbox_next",
	    "SELECT next_try FROM notices WHERE status = 'queued' ORDER BY next_try LIMIT 1",
	    "SELECT least((SELECT min(next_try) FROM notices WHERE status = 'queued'"
	    " AND lease_until IS NULL), (SELECT min(greatest(next_try, lease_until)) FROM notices"
	    " WHERE status = 'queued' AND lease_until IS NOT NULL))" },
	/* this instance's earlier runs: a name runs once, so they are over */
	[Q_SET_OWNER] = { "set_owner",
	    "UPDATE notices SET lease_owner = NULL, lease_until = NULL"
	    " WHERE status = 'queued' AND lease_owner <> ?1"
	    " AND left(lease_owner, length(?2) + 1) = ?2 || '/'",
	    NULL, STMT_PG },
	[Q_LEASE_RENEW] = { "lease_renew",
	    "UPDATE notices SET lease_until = ? WHERE lease_owner = ? AND status = 'queued'"
	    " AND lease_until > ?",
	    NULL, STMT_PG },
	[Q_LEASE_RELEASE] = { "lease_release",
	    "UPDATE notices SET lease_owner = NULL, lease_until = NULL"
	    " WHERE lease_owner = ? AND status = 'queued'",
	    NULL, STMT_PG },
	[Q_NOTICE_SENT] = { "notice_sent",
	    "UPDATE notices SET status = 'sent', sent_at = ?, reply = ?,"
	    " attempts = attempts + 1, next_try = NULL, sent_message_id = ? WHERE id = ?",
	    "UPDATE notices SET status = 'sent', sent_at = ?, reply = ?,"
	    " attempts = attempts + 1, next_try = NULL, sent_message_id = ?, lease_until = NULL"
	    " WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ?)" },
	[Q_NOTICE_REQUEUE] = { "notice_requeue",
	    "UPDATE notices SET status = 'queued', next_try = ? WHERE id = ? AND status = 'failed'",
	    "UPDATE notices SET status = 'queued', next_try = ?, lease_owner = NULL,"
	    " lease_until = NULL WHERE id = ? AND status = 'failed'" },
	[Q_NOTICE_RETRY] = { "notice_retry",
	    "UPDATE notices SET next_try = ?, reply = ?, attempts = attempts + 1 WHERE id = ?",
	    "UPDATE notices SET next_try = ?, reply = ?, attempts = attempts + 1,"
	    " lease_until = NULL WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ?)" },
	[Q_NOTICE_WITHDRAW] = { "notice_withdraw",
	    "UPDATE notices SET status = 'withdrawn', reply = ?, next_try = NULL"
	    " WHERE id = ? AND status = 'queued'",
	    NULL },
	[Q_NOTICE_FAILED] = { "notice_failed",
	    "UPDATE notices SET status = 'failed', reply = ?, attempts = attempts + 1,"
	    " next_try = NULL WHERE id = ?",
	    "UPDATE notices SET status = 'failed', reply = ?, attempts = attempts + 1,"
	    " next_try = NULL, lease_until = NULL WHERE id = ?"
	    " AND (lease_owner IS NULL OR lease_owner = ?)" },
	[Q_NOTICE_EACH_ALL] = { "notice_each_all",
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply FROM notices ORDER BY id",
	    NULL },
	[Q_NOTICE_EACH_OPEN] = { "notice_each_open",
	    "SELECT id, action_id, kind, recipient, subject, status, attempts, next_try,"
	    " sent_at, reply FROM notices WHERE status <> 'sent' ORDER BY id",
	    NULL },
	/* from the partial indexes: the rows, with their messages, are not read */
	[Q_OUTBOX_COUNTS] = { "outbox_counts",
	    "SELECT (SELECT count(*) FROM notices WHERE status = 'queued'),"
	    " (SELECT count(*) FROM notices WHERE status = 'failed')",
	    NULL },
	[Q_OUTBOX_COUNTS_ALL] = { "outbox_counts_all",
	    "SELECT status, count(*) FROM notices GROUP BY status",
	    NULL },
	[Q_OUTBOX_RECIPIENTS] = { "outbox_recipients",
	    "SELECT recipient FROM notices WHERE status = 'queued' AND next_try <= ? AND digest = 1"
	    " GROUP BY recipient ORDER BY min(next_try) LIMIT ?",
	    "SELECT recipient FROM notices WHERE status = 'queued' AND next_try <= ?1 AND digest = 1"
	    " AND (lease_until IS NULL OR lease_until <= ?1)"
	    " GROUP BY recipient ORDER BY min(next_try) LIMIT ?2" },
	[Q_OUTBOX_FOR] = { "outbox_for",
	    "SELECT id, recipient, NULL, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id, NULL, NULL, NULL, NULL, NULL FROM notices"
	    " WHERE status = 'queued' AND next_try <= ? AND digest = 1 AND recipient = ?"
	    " ORDER BY next_try, id LIMIT ?",
	    "WITH c AS (UPDATE notices SET lease_owner = ?4, lease_until = ?5 WHERE id IN"
	    " (SELECT id FROM notices WHERE status = 'queued' AND next_try <= ?1 AND digest = 1"
	    " AND recipient = ?2 AND (lease_until IS NULL OR lease_until <= ?1)"
	    " ORDER BY next_try, id LIMIT ?3 FOR UPDATE SKIP LOCKED) RETURNING *)"
	    " SELECT id, recipient, NULL, attempts, action_id, kind, subject,"
	    " recipient_name, item, digest, message_id, NULL, NULL, NULL, NULL, NULL FROM c"
	    " ORDER BY next_try, id" },
	[Q_NOTICE_MESSAGE] = { "notice_message",
	    "SELECT n.message, " COMPOSITION " FROM notices n LEFT JOIN formats f ON f.key = n.format"
	    " WHERE n.id = ?",
	    NULL },
	/* procedure.c */
	[Q_PROPOSAL_ADD] = { "proposal_add",
	    "INSERT INTO proposals (case_id, after_action, step, dept_id, proposed_at, why)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	    NULL },
	[Q_PROPOSAL_EACH] = { "proposal_each",
	    "SELECT p.id, p.after_action, c.number, p.step, d.code, p.proposed_at, p.why,"
	    " p.decided_at, p.action_id, p.reason FROM proposals p"
	    " JOIN cases c ON c.id = p.case_id LEFT JOIN departments d ON d.id = p.dept_id"
	    " WHERE (?1 <> 0 OR p.decided_at IS NULL) AND (?2 = 0 OR p.id = ?2) ORDER BY p.id",
	    NULL },
	[Q_PROPOSAL_OPEN_COUNT] = { "proposal_open_count",
	    "SELECT count(*) FROM proposals WHERE case_id = ? AND decided_at IS NULL",
	    NULL },
	[Q_PROPOSAL_DECIDE] = { "proposal_decide",
	    "UPDATE proposals SET decided_at = ?2, decided_by = ?3, action_id = ?4, reason = ?5"
	    " WHERE id = ?1 AND decided_at IS NULL",
	    NULL },
	/* queue.c */
	[Q_ESCALATION_ADD] = { "escalation_add",
	    "INSERT OR IGNORE INTO escalations (action_id, cycle, level, target, opened_at,"
	    " dept_id, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    NULL },
	[Q_ESCALATION_ID] = { "escalation_id",
	    "SELECT id FROM escalations WHERE action_id = ? AND cycle = ? AND level = ?",
	    NULL },
	[Q_EVIDENCE_ADD] = { "evidence_add",
	    "INSERT INTO evidence (escalation_id, at, text) VALUES (?, ?, ?)",
	    NULL },
	/* the escalation of the notice's action at the notice's level, if there is one */
	[Q_EVIDENCE_ADD_FOR_NOTICE] = { "evidence_add_for_notice",
	    "INSERT INTO evidence (escalation_id, at, text)"
	    " SELECT e.id, ?, ? FROM notices n JOIN escalations e"
	    " ON e.action_id = n.action_id AND e.cycle = n.cycle AND e.level = n.level"
	    " WHERE n.id = ? AND n.kind = 'escalation'",
	    NULL },
	[Q_EVIDENCE_EACH] = { "evidence_each",
	    "SELECT text FROM evidence WHERE escalation_id = ? ORDER BY id",
	    NULL },
	[Q_ESCALATION_EACH_OPEN] = { "escalation_each_open",
	    "SELECT " ESCALATION_COLUMNS
	    " WHERE e.resolved_at IS NULL ORDER BY e.opened_at, e.id",
	    NULL },
	[Q_ESCALATION_EACH_ALL] = { "escalation_each_all",
	    "SELECT " ESCALATION_COLUMNS
	    " ORDER BY e.opened_at, e.id",
	    NULL },
	[Q_ESCALATION_GET] = { "escalation_get",
	    "SELECT " ESCALATION_COLUMNS " WHERE e.id = ?",
	    NULL },
	[Q_ESCALATION_ACK] = { "escalation_ack",
	    "UPDATE escalations SET acked_at = coalesce(acked_at, ?),"
	    " note = coalesce(?, note) WHERE id = ?",
	    NULL },
	[Q_ESCALATION_RESOLVE] = { "escalation_resolve",
	    "UPDATE escalations SET acked_at = coalesce(acked_at, ?1), resolved_at = ?1,"
	    " note = ?2 WHERE id = ?3",
	    NULL },
	/* roster.c */
	[Q_DEPT_ADD] = { "dept_add",
	    "INSERT INTO departments (code, name, head, email, cc) VALUES (?, ?, ?, ?, ?)",
	    NULL },
	[Q_DEPT_GET] = { "dept_get",
	    "SELECT id, code, name, head, email, cc FROM departments WHERE code = ?",
	    NULL },
	[Q_DEPT_EACH] = { "dept_each",
	    "SELECT id, code, name, head, email, cc FROM departments ORDER BY code",
	    NULL },
	[Q_CASE_ADD] = { "case_add",
	    "INSERT INTO cases (number, title, category, key_case, leader, petitioner,"
	    " lead_dept, received_at) VALUES (?, ?, ?, ?, ?, ?,"
	    " (SELECT id FROM departments WHERE code = ?), ?)",
	    NULL },
	[Q_CASE_GET] = { "case_get",
	    "SELECT c.id, c.number, c.title, c.category, c.key_case, c.leader, c.petitioner,"
	    " d.code, c.received_at, c.status FROM cases c"
	    " LEFT JOIN departments d ON d.id = c.lead_dept WHERE c.number = ?",
	    NULL },
	[Q_CASE_OPEN_ACTIONS] = { "case_open_actions",
	    "SELECT id FROM actions WHERE case_id = ? AND done_at IS NULL ORDER BY id",
	    NULL },
	[Q_LEADER_SET] = { "leader_set",
	    "INSERT INTO leaders (name, title, email) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (name) DO UPDATE SET title = coalesce(?2, leaders.title), email = ?3",
	    NULL },
	[Q_LEADER_EACH] = { "leader_each",
	    "SELECT name, title, email FROM leaders WHERE CAST(?1 AS text) IS NULL OR name = ?1 ORDER BY id",
	    NULL },
	[Q_CASE_ACTION_IDS] = { "case_action_ids",
	    "SELECT id FROM actions WHERE case_id = ? AND done_at IS NULL ORDER BY id",
	    NULL },
	[Q_CASE_CLOSE] = { "case_close",
	    "UPDATE cases SET status = 'closed', closed_at = ?, ceased = ? WHERE id = ?",
	    NULL },
	[Q_CASE_REOPEN_KEEP] = { "case_reopen_keep",
	    "INSERT INTO closings (case_id, closed_at, ceased, reopened_at, reason)"
	    " SELECT id, closed_at, ceased, ?2, ?3 FROM cases WHERE id = ?1 AND status = 'closed'",
	    NULL },
	[Q_CASE_REOPEN_OPEN] = { "case_reopen_open",
	    "UPDATE cases SET status = 'open', closed_at = NULL, ceased = 0 WHERE id = ?",
	    NULL },
	[Q_CASE_CLOSING] = { "case_closing",
	    "SELECT coalesce(closed_at, 0), ceased FROM cases WHERE id = ? AND status = 'closed'",
	    NULL },
	[Q_CASE_SET_CLOSING] = { "case_set_closing",
	    "UPDATE cases SET status = CASE WHEN ?2 <> 0 THEN 'closed' ELSE 'open' END,"
	    " closed_at = nullif(?2, 0), ceased = ?3 WHERE id = ?1",
	    NULL },
	[Q_CASE_UPDATE] = { "case_update",
	    "UPDATE cases SET title = ?, category = ?, key_case = ?, leader = ?, petitioner = ?,"
	    " lead_dept = (SELECT id FROM departments WHERE code = ?), received_at = ?"
	    " WHERE id = ?",
	    NULL },
	[Q_DEPT_UPDATE] = { "dept_update",
	    "UPDATE departments SET name = ?, head = ?, email = ?, cc = ? WHERE code = ?",
	    NULL },
	[Q_PEEK_DEPARTMENTS] = { "peek_departments",
	    "SELECT code FROM departments ORDER BY code",
	    NULL },
	/* views.c */
	/* the board: open actions with a deadline, the nearest first (actions_open) */
	[Q_BOARD] = { "board",
	    "SELECT " ACTION_COLUMNS
	    " WHERE a.done_at IS NULL AND a.due_at IS NOT NULL AND d.code = coalesce(?, d.code)"
	    " AND a.step = coalesce(?, a.step)"
	    " AND coalesce(c.leader, '') = coalesce(?, coalesce(c.leader, ''))"
	    " AND c.key_case >= ? ORDER BY a.due_at, a.id LIMIT ? OFFSET ?",
	    NULL },
	[Q_EVENT] = { "event",
	    "INSERT INTO events (at, who, action_id, what, detail) VALUES (?, ?, ?, ?, ?)",
	    NULL },
	/* waiting: the rules of waiting periods, a JSON array; nobody is overdue under them */
	[Q_COUNT_OPEN] = { "count_open",
	    "SELECT (SELECT n FROM tallies WHERE name = 'open actions'),"
	    " (SELECT count(*) FROM actions WHERE done_at IS NULL AND due_at <= ?1 AND"
	    " (rule IS NULL OR rule NOT IN (SELECT value FROM json_each(?2))))",
	    "SELECT (SELECT n FROM tallies WHERE name = 'open actions'),"
	    " (SELECT count(*) FROM actions WHERE done_at IS NULL AND due_at <= ?1 AND"
	    " (rule IS NULL OR rule NOT IN (SELECT json_array_elements_text(CAST(?2 AS json)))))" },
	[Q_EVENT_EACH_ACTION] = { "event_each_action",
	    "SELECT at, who, coalesce(action_id, 0), what, detail FROM events"
	    " WHERE action_id = ? ORDER BY id",
	    NULL },
	[Q_EVENT_EACH_RANGE] = { "event_each_range",
	    "SELECT at, who, coalesce(action_id, 0), what, detail FROM events"
	    " WHERE at >= ? AND at < ? ORDER BY id",
	    NULL },
	[Q_LEDGER_EACH] = { "ledger_each",
	    "SELECT c.number, c.title, c.category, ld.code, c.leader, c.key_case, c.petitioner,"
	    " c.received_at, d.code, a.step, a.notified_at, a.acked_at, a.done_at, a.note,"
	    " a.what, c.closed_at, c.ceased, a.agreed_due, a.responsible,"
	    /* the action's last transfer (a pause to a body: 转交法院) */
	    " t.to_whom, t.from_at, t.to_at, t.reason"
	    " FROM cases c LEFT JOIN departments ld ON ld.id = c.lead_dept"
	    " LEFT JOIN actions a ON a.case_id = c.id LEFT JOIN departments d ON d.id = a.dept_id"
	    " LEFT JOIN pauses t ON t.id = (SELECT max(id) FROM pauses"
	    " WHERE action_id = a.id AND to_whom IS NOT NULL)"
	    " ORDER BY c.number, a.id",
	    NULL },
	/* in the connection's temporary database: no lock on the main one is taken */
	[Q_LEDGER_STAGE_CASE_GET] = { "ledger_stage_case_get",
	    "SELECT line, f1 IS NOT ?2, f2 IS NOT ?3, f3 IS NOT ?4, f4 IS NOT ?5, f5 IS NOT ?6,"
	    " f6 IS NOT ?7, f7 IS NOT ?8, f8 IS NOT ?9, f9 IS NOT ?10"
	    " FROM temp.ledger_cases WHERE number = ?1",
	    NULL },
	[Q_LEDGER_STAGE_CASE_PUT] = { "ledger_stage_case_put",
	    "INSERT INTO temp.ledger_cases (number, line, f1, f2, f3, f4, f5, f6, f7, f8, f9)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    NULL },
	[Q_REPORT_EACH] = { "report_each",
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
	    " WHERE c.received_at >= ?1 AND c.received_at < ?2",
	    NULL },
	/* /metrics: actions by department code and state, the queue, the oldest queued notice */
	[Q_METRICS_ACTIONS] = { "metrics_actions",
	    "SELECT d.code, CASE WHEN a.done_at IS NOT NULL THEN 'done'"
	    " WHEN a.paused_at IS NOT NULL THEN 'paused'"
	    " WHEN a.due_at <= ?1 AND (a.rule IS NULL OR a.rule NOT IN"
	    " (SELECT value FROM json_each(?2))) THEN 'overdue' ELSE 'open' END, count(*)"
	    " FROM actions a JOIN departments d ON d.id = a.dept_id GROUP BY 1, 2 ORDER BY 1, 2",
	    "SELECT d.code, CASE WHEN a.done_at IS NOT NULL THEN 'done'"
	    " WHEN a.paused_at IS NOT NULL THEN 'paused'"
	    " WHEN a.due_at <= ?1 AND (a.rule IS NULL OR a.rule NOT IN"
	    " (SELECT json_array_elements_text(CAST(?2 AS json)))) THEN 'overdue' ELSE 'open' END,"
	    " count(*) FROM actions a JOIN departments d ON d.id = a.dept_id GROUP BY 1, 2"
	    " ORDER BY 1, 2" },
	[Q_METRICS_ESCALATIONS] = { "metrics_escalations",
	    "SELECT CASE WHEN resolved_at IS NOT NULL THEN 2 WHEN acked_at IS NOT NULL THEN 1"
	    " ELSE 0 END, count(*) FROM escalations GROUP BY 1",
	    NULL },
	[Q_METRICS_OLDEST] = { "metrics_oldest",
	    "SELECT min(created_at) FROM notices WHERE status = 'queued'",
	    NULL },
	/* a department's requests by link (requests.c) */
	[Q_REQUEST_ADD] = { "request_add",
	    "INSERT INTO requests (action_id, cycle, kind, asked_by, asked_from, asked_at, text,"
	    " until_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    NULL },
	[Q_REQUEST_GET] = { "request_get",
	    "SELECT " REQUEST_COLUMNS " WHERE r.id = ?",
	    NULL },
	[Q_REQUEST_PENDING] = { "request_pending",
	    "SELECT id FROM requests WHERE action_id = ? AND kind = ? AND decided_at IS NULL"
	    " ORDER BY id LIMIT 1",
	    NULL },
	[Q_REQUEST_DECIDE] = { "request_decide",
	    "UPDATE requests SET decided_at = ?, decision = ?, decided_by = ?, note = ?"
	    " WHERE id = ? AND decided_at IS NULL",
	    NULL },
	[Q_REQUEST_EACH_OPEN] = { "request_each_open",
	    "SELECT " REQUEST_COLUMNS " WHERE r.decided_at IS NULL ORDER BY r.id",
	    NULL },
	[Q_REQUEST_EACH_ALL] = { "request_each_all",
	    "SELECT " REQUEST_COLUMNS " ORDER BY r.id",
	    NULL },
	/* accounts of the pages (users.c) */
	[Q_USER_ADD] = { "user_add",
	    "INSERT INTO users (name, role, dept, hash, created_at) VALUES (?, ?, ?, ?, ?)",
	    NULL },
	[Q_USER_BY_NAME] = { "user_by_name",
	    "SELECT id, name, role, dept, hash, version, disabled FROM users WHERE name = ?",
	    NULL },
	[Q_USER_BY_ID] = { "user_by_id",
	    "SELECT id, name, role, dept, hash, version, disabled FROM users WHERE id = ?",
	    NULL },
	[Q_USER_SET_HASH] = { "user_set_hash",
	    "UPDATE users SET hash = ?, version = version + 1 WHERE name = ?",
	    NULL },
	[Q_USER_SET_DISABLED] = { "user_set_disabled",
	    "UPDATE users SET disabled = ?, version = version + 1 WHERE name = ?",
	    NULL },
	[Q_USER_EACH] = { "user_each",
	    "SELECT id, name, role, dept, hash, version, disabled FROM users ORDER BY name",
	    NULL },
};
