#!/bin/bash
# Schema 13 (a ledger line's action found by its whole identity, its work
# included) on a database made by the release before, on either engine:
# tests/data/schema12.db (SQLite) and tests/data/schema12.pg.sql (the same
# office moved to PostgreSQL by that release's migrate-store, then dumped).
# Every row stays as it was, the index is the new one, and both programs
# carry on with the database.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline'
if [ -n "$PGDB" ]; then
	psql -Xq -v ON_ERROR_STOP=1 "$DB" -f "$TOP/tests/data/schema12.pg.sql" >/dev/null 2>"$T/load" ||
		fail "loading the fixture: $(cat "$T/load")"
	version() { sql "SELECT value FROM meta WHERE key = 'schema_version'"; }
	index() { sql "SELECT indexdef FROM pg_indexes WHERE indexname = 'actions_identity'"; }
else
	cp "$TOP/tests/data/schema12.db" "$T/duban.db"
	chmod 0660 "$T/duban.db"
	version() { sql 'PRAGMA user_version'; }
	index() { sql "SELECT sql FROM sqlite_master WHERE name = 'actions_identity'"; }
fi
assert_eq "$(version)" 12 "the fixture's schema"
index | grep -qi coalesce && fail "the fixture already has the new index"
rows() {
	for t in departments cases actions assignments escalations evidence events pauses \
		deadline_audit leaders; do
		sql "SELECT * FROM $t ORDER BY id"
	done
	# the columns schema 12 had (14 adds what composes a notice when it is sent)
	sql "SELECT id, action_id, kind, level, seq, recipient, subject, message, message_id, status,
		attempts, next_try, reply, created_at, sent_at, recipient_name, item, digest,
		sent_message_id, cycle, due_at FROM notices ORDER BY id"
}
rows >"$T/rows.before"
ctl actions --all >"$T/actions.before" || fail "dubanctl on a schema 12 database"
assert_eq "$(version)" 15 "the schema after opening"
index | grep -qi "coalesce(what, ''" || fail "the index after the migration: $(index)"
rows >"$T/rows.after"
cmp -s "$T/rows.before" "$T/rows.after" || fail "rows changed: $(diff "$T/rows.before" "$T/rows.after" | head)"
ctl actions --all >"$T/actions.after"
cmp -s "$T/actions.before" "$T/actions.after" || fail "what dubanctl shows changed"
integrity | grep -qx ok || fail "integrity check after the migration"
# a ledger line of the fixture's office found again, not added twice
ctl ledger export "$T/ledger.csv" >/dev/null || fail "export"
ctl ledger import "$T/ledger.csv" >"$T/import" || fail "import: $(cat "$T/import")"
grep -q " 0 actions added, 0 updated" "$T/import" || fail "the same ledger again: $(tail -1 "$T/import")"
start_daemon
c=$(sql "SELECT number FROM cases ORDER BY id LIMIT 1")
d=$(sql "SELECT code FROM departments ORDER BY id LIMIT 1")
ctl assign "$c" "$d" again --force >/dev/null || fail "assign after the migration"
wait_for 20 has_mail "again" || fail "the daemon did not carry on after the migration"
exit 0
