#!/bin/bash
# dubanctl migrate-store moves an office from SQLite to PostgreSQL and back:
# an office with notices sent, escalations, their evidence records and an
# audit log is copied into the PostgreSQL database; every table's rows are
# the same (ids kept), the report, the audit log and the evidence record
# read the same through dubanctl; copied back into a new SQLite file, every
# row equals the original's. A target that already holds an office is
# refused and left as it was.
. "$(dirname "$0")/lib.sh"

setup_dir
pg_only
start_sink
write_conf '[rule "burst"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline' \
	'escalate-cc = none'
sed "s|^database = .*|database = $T/office.db|" "$T/duban.conf" >"$T/office.conf"
octl() { "$DUBANCTL" -f "$T/office.conf" "$@"; }
octl init >/dev/null || fail "init the SQLite office"
$PY "$TOP/tests/integ/burst.py" "$T/office.db" 40 0 4 burst >/dev/null
"$DUBAND" -d -f "$T/office.conf" >>"$T/duband.log" 2>&1 &
DAEMON_PID=$!
sent() { [ "$(sqlite3 "$T/office.db" "SELECT count(*) FROM notices WHERE status = 'sent'")" -ge 80 ]; }
wait_for 60 sent || fail "the office's notices were not sent"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null; DAEMON_PID=""
octl done 1 --note "已办结" >/dev/null || fail "done"
octl pause 2 --reason "等待鉴定" >/dev/null || fail "pause"

tables="departments cases leaders actions events deadline_audit extensions pauses escalations evidence assignments notices proposals closings"
# moved FILE: FILE copied into $DB (PostgreSQL), every table's rows and what
# the office reads through dubanctl the same on both
moved() {
	local t a b cmd
	"$DUBANCTL" migrate-store "$1" "$DB" >"$T/copy.out" 2>&1 || fail "migrate-store $1: $(cat "$T/copy.out")"
	for t in $tables; do
		a=$(sqlite3 "$1" "SELECT count(*) FROM $t")
		b=$(sql "SELECT count(*) FROM $t")
		[ "$t" = events ] && a=$((a + 1))	# and the line that says the office moved
		assert_eq "$b" "$a" "rows of $t from $1 in PostgreSQL"
	done
	assert_eq "$(sql "SELECT what FROM events ORDER BY id DESC LIMIT 1")" migrate-store "the move in the audit log"
	assert_eq "$(sql "SELECT value FROM meta WHERE key = 'instance'")" \
		"$(sqlite3 "$1" "SELECT value FROM meta WHERE key = 'instance'")" "the instance's name"
	for cmd in "report --csv" "log" "queue show 1" "queue --all" "actions --all" "mail --all" "ledger export -"; do
		# shellcheck disable=SC2086
		"$DUBANCTL" -f "$T/duban.conf" -D "$1" $cmd 2>&1 | grep -v "migrate-store" >"$T/a.txt"
		# shellcheck disable=SC2086
		ctl $cmd 2>&1 | grep -v "migrate-store" >"$T/b.txt"
		diff -u "$T/a.txt" "$T/b.txt" >"$T/diff" || fail "dubanctl $cmd differs on PostgreSQL: $(head -20 "$T/diff")"
	done
}
moved "$T/office.db"
[ "$(sql "SELECT count(*) FROM escalations")" -eq 40 ] || fail "escalations not carried over"
# the record stays append-only on PostgreSQL
sql "UPDATE evidence SET text = 'x' WHERE id = 1" 2>"$T/err" && fail "evidence rewritten on PostgreSQL"
grep -q "append-only" "$T/err" || fail "the refusal does not say why: $(cat "$T/err")"
sql "DELETE FROM events" 2>/dev/null && fail "audit log deleted on PostgreSQL"
# new rows continue after the ids carried over
ctl case add C9 新案件 >/dev/null || fail "case add after the move"
# a second copy into the same database is refused, nothing written
n=$(sql "SELECT count(*) FROM events")
"$DUBANCTL" migrate-store "$T/office.db" "$DB" >"$T/again" 2>&1 && fail "a copy into a full database was accepted"
grep -q "must be a new database" "$T/again" || fail "the refusal does not say why: $(cat "$T/again")"
assert_eq "$(sql "SELECT count(*) FROM events")" "$n" "events after the refused copy"
# and back: every row of every table equal to the original's
sql "DELETE FROM cases WHERE number = 'C9'"
"$DUBANCTL" migrate-store "$DB" "$T/back.db" >"$T/back.out" 2>&1 || fail "migrate-store back: $(cat "$T/back.out")"
for t in $tables; do
	sqlite3 "$T/office.db" "SELECT * FROM $t ORDER BY id" >"$T/o.txt"
	# (what was written after the first move: its audit lines, not the office's)
	max=$(sqlite3 "$T/office.db" "SELECT coalesce(max(id), 0) FROM $t")
	sqlite3 "$T/back.db" "SELECT * FROM $t WHERE id <= $max ORDER BY id" >"$T/r.txt"
	diff -q "$T/o.txt" "$T/r.txt" >/dev/null || fail "table $t differs after SQLite -> PostgreSQL -> SQLite: $(diff "$T/o.txt" "$T/r.txt" | head -5)"
done

# an office made by the release before (tests/data/schema12.db: notices
# sent, an escalation acknowledged, its evidence record, a pause, a done)
cp "$TOP/tests/data/schema12.db" "$T/before.db"
chmod 0660 "$T/before.db"
fresh_db
moved "$T/before.db"
[ "$(sql "SELECT count(*) FROM evidence")" -gt 0 ] && [ "$(sql "SELECT count(*) FROM notices WHERE status = 'sent'")" -gt 0 ] ||
	fail "the fixture's evidence and sent notices did not arrive"
exit 0
