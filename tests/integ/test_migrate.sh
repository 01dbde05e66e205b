#!/bin/bash
# Databases made by earlier releases migrate when a program of this one opens
# them: nothing is lost, and the daemon carries on with them.
# tests/data/schema5.db: two actions, one done, two escalations, their
# notices and audit log. tests/data/schema9.db (the release before this
# one): an escalated action extended, another escalated and then reassigned
# from zjj to swj, a done one, an acknowledged escalation, evidence records.
. "$(dirname "$0")/lib.sh"

setup_dir
sqlite_only "the fixtures are SQLite files made by earlier releases"
start_sink
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline'
cp "$TOP/tests/data/schema5.db" "$T/duban.db"
chmod 0660 "$T/duban.db"
assert_eq "$(sql 'PRAGMA user_version')" 5 "the fixture's schema"
count() { sql "SELECT (SELECT count(*) FROM actions) || ' ' || (SELECT count(*) FROM notices)
	|| ' ' || (SELECT count(*) FROM escalations) || ' ' || (SELECT count(*) FROM events)
	|| ' ' || (SELECT count(*) FROM departments) || ' ' || (SELECT count(*) FROM cases)"; }
before=$(count)
ctl actions --all >"$T/actions" || fail "dubanctl on a schema 5 database"
assert_eq "$(sql 'PRAGMA user_version')" 15 "the schema after opening"
assert_eq "$(count)" "$before" "rows after the migration"
sql "SELECT name FROM sqlite_master WHERE type = 'index'" | grep -q actions_identity ||
	fail "the migration did not add its index"
sql "UPDATE evidence SET text = 1" 2>/dev/null; sql "DELETE FROM escalations" 2>/dev/null &&
	fail "the migrated database lets escalations be deleted"
ctl queue show 1 >"$T/record" || fail "queue show after the migration"
grep -q "server: 250" "$T/record" || fail "the evidence lost its notices: $(cat "$T/record")"
start_daemon
ctl assign C1 zjj again >/dev/null || fail "assign after the migration"
wait_for 15 has_mail "C1 again" || fail "the daemon did not carry on after the migration"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""

# Schema 9: the outbox and the queue are rebuilt; every row comes across as it
# was, and what the old schema overwrote is given back from the audit log.
rm -f "$T"/duban.db*
cp "$TOP/tests/data/schema9.db" "$T/duban.db"
chmod 0660 "$T/duban.db"
assert_eq "$(sql 'PRAGMA user_version')" 9 "the second fixture's schema"
rows() {
	sql "SELECT id, action_id, kind, level, seq, recipient, status, reply, message_id, sent_at
		FROM notices ORDER BY id"
	sql "SELECT id, action_id, level, target, opened_at, acked_at, resolved_at, note
		FROM escalations ORDER BY id"
	sql "SELECT id, escalation_id, at, text FROM evidence ORDER BY id"
	sql "SELECT * FROM events ORDER BY id"
}
rows >"$T/rows.before"
ctl queue --all >"$T/queue" || fail "dubanctl on a schema 9 database"
assert_eq "$(sql 'PRAGMA user_version')" 15 "the schema after opening"
rows >"$T/rows.after"
cmp "$T/rows.before" "$T/rows.after" || fail "rows changed: $(diff "$T/rows.before" "$T/rows.after")"
assert_eq "$(sql "SELECT group_concat(d.code) FROM escalations e JOIN departments d ON d.id = e.dept_id")" \
	"zjj,zjj" "the departments escalated (action 2 was zjj's when it was escalated)"
assert_eq "$(sql "SELECT d.code || ' ' || s.action_id FROM assignments s JOIN departments d ON d.id = s.dept_id")" \
	"zjj 2" "the earlier assignment given back"
grep -q "^2 .*住建局" "$T/queue" || fail "queue lists escalation 2 under the new department: $(cat "$T/queue")"
[ -z "$(sql 'PRAGMA foreign_key_check')" ] || fail "dangling references after the migration"
sql "DELETE FROM escalations" 2>/dev/null && fail "the rebuilt queue lets escalations be deleted"
sql "UPDATE escalations SET dept_id = 1" 2>/dev/null && fail "the rebuilt queue lets an escalation be rewritten"
integrity | grep -qx ok || fail "integrity check"
assert_eq "$(sql "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('notices_withdraw', 'escalation_no_delete', 'escalation_fixed', 'evidence_no_update') ORDER BY name)")" \
	"escalation_fixed,escalation_no_delete,evidence_no_update,notices_withdraw" "the guards after the rebuild"

# Schema 11 (the previous release): the open actions are tallied and the
# tally follows every change; the counts agree with a full count.
rm -f "$T"/duban.db*
cp "$TOP/tests/data/schema11.db" "$T/duban.db"
chmod 0660 "$T/duban.db"
assert_eq "$(sql 'PRAGMA user_version')" 11 "the third fixture's schema"
sql "SELECT id, action_id, status FROM notices ORDER BY id" >"$T/rows.before"
out=$(ctl mail) || fail "dubanctl on a schema 11 database"
grep -q "queued 1, sent 1, failed 1" <<<"$out" || fail "mail counts: $out"
assert_eq "$(sql 'PRAGMA user_version')" 15 "the schema after opening"
sql "SELECT id, action_id, status FROM notices ORDER BY id" >"$T/rows.after"
cmp "$T/rows.before" "$T/rows.after" || fail "notices changed by the migration"
tally() { sql "SELECT n FROM tallies WHERE name = 'open actions'"; }
assert_eq "$(tally)" 2 "open actions tallied from the old rows (3 actions, 1 done)"
ctl done 2 >/dev/null || fail "done"
assert_eq "$(tally)" 1 "the tally after done"
ctl case add C3 新案 >/dev/null && ctl assign C3 zjj handling >/dev/null || fail "assign"
assert_eq "$(tally)" 2 "the tally after assign"
assert_eq "$(tally)" "$(sql "SELECT count(*) FROM actions WHERE done_at IS NULL")" "the tally against a full count"
integrity | grep -qx ok || fail "integrity check"
exit 0
