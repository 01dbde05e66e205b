#!/bin/bash
# A database made by the previous release (schema 5, tests/data/schema5.db:
# two actions, one done, two escalations, their notices and audit log)
# migrates when a program of this one opens it: nothing is lost, and the
# daemon carries on with it.
. "$(dirname "$0")/lib.sh"

setup_dir
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
assert_eq "$(sql 'PRAGMA user_version')" 9 "the schema after opening"
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
exit 0
