#!/bin/bash
# A change is never stored without its line in the audit log: when writing
# that line fails (here a trigger refuses it, as a full disk or a revoked
# grant would), the command fails and the change is rolled back whole.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 2 seconds'
seed_db
# refuse WHAT: the audit log refuses lines of that kind from now on
refuse() {
	if [ -n "$PGDB" ]; then
		sql "SET client_min_messages = warning;
			CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS
			\$\$BEGIN IF new.what = '$1' THEN RAISE EXCEPTION 'the disk is full'; END IF;
			RETURN new; END\$\$;
			DROP TRIGGER IF EXISTS test_refuse ON events;
			CREATE TRIGGER test_refuse BEFORE INSERT ON events FOR EACH ROW
			EXECUTE FUNCTION test_refuse()" >/dev/null || fail "the refusing trigger"
	else
		sql "DROP TRIGGER IF EXISTS test_refuse; CREATE TRIGGER test_refuse BEFORE INSERT ON events
			WHEN new.what = '$1' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END" ||
			fail "the refusing trigger"
	fi
}
count() { sql "SELECT count(*) FROM $1"; }
# gone COMMAND...: it fails, saying why
gone() {
	ctl "$@" >"$T/out" 2>"$T/err" && fail "'$*' succeeded without its audit line"
	grep -q "disk is full" "$T/err" || fail "'$*' does not say why: $(cat "$T/err")"
}

refuse "case add"
gone case add C2 审计
assert_eq "$(count "cases WHERE number = 'C2'")" 0 "a case added without its audit line"

refuse "dept add"
gone dept add swj 水务局 --head 某人 --email swj@example.gov.cn
assert_eq "$(count "departments WHERE code = 'swj'")" 0 "a department added without its audit line"

refuse "dept import"
printf 'code,name,head,title,email\nfgw,发改委,某人,主任,fgw@example.gov.cn\n' >"$T/roster.csv"
gone dept import "$T/roster.csv"
assert_eq "$(count "departments WHERE code = 'fgw'")" 0 "a roster imported without its audit line"

refuse "assign"
gone assign C1 zjj handling
assert_eq "$(count actions)" 0 "an action assigned without its audit line"

refuse "done"
ctl assign C1 zjj handling >/dev/null || fail "assign"
gone done "$(sql "SELECT id FROM actions")"
assert_eq "$(sql "SELECT count(*) FROM actions WHERE done_at IS NOT NULL")" 0 "an action done without its audit line"

# a notice that failed for good (a department without an address), queued again
refuse "mail retry"
ctl dept add noaddr 无地址局 --head 某人 >/dev/null || fail "dept add"
ctl case add C3 无地址 >/dev/null || fail "case add"
ctl assign C3 noaddr handling >/dev/null 2>&1 || fail "assign to noaddr"
start_daemon
failed() { [ "$(count "notices WHERE status = 'failed'")" -ge 1 ]; }
wait_for 20 failed || fail "the notice to a department without an address did not fail"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
n=$(sql "SELECT id FROM notices WHERE status = 'failed' ORDER BY id LIMIT 1")
gone mail retry "$n"
assert_eq "$(sql "SELECT status FROM notices WHERE id = $n")" failed "a notice queued again without its audit line"

# the same commands with the audit log writable again: each stores its line
sql "DROP TRIGGER test_refuse${PGDB:+ ON events}" >/dev/null
ctl case add C2 审计 >/dev/null || fail "case add once the log is writable"
ctl mail retry "$n" >/dev/null || fail "mail retry once the log is writable"
assert_eq "$(count "events WHERE what IN ('case add', 'mail retry') AND (detail LIKE 'C2 %' OR detail = 'notice $n')")" 2 \
	"the audit lines once the log is writable"
exit 0
