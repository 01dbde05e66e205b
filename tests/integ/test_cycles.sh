#!/bin/bash
# Each deadline an action has starts its own cycle of notices: an overdue
# action that is extended is told again when the new deadline passes, and
# escalated again if it stays overdue. A reassignment restarts the period
# for the new department from its own notification; the old department keeps
# what happened to it (its escalation, the report's late figure), and pause
# and resume neither repeat an escalation nor record a deadline that did not
# move.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'match = step:handling' 'deadline = 1 second' 'extend = at most 10 seconds, 3 times' \
	'escalate = 2 seconds after -> discipline' '[rule "slow"]' 'match = step:slow' \
	'deadline = 2 seconds' 'escalate = 2 seconds after -> discipline'
seed_db
ctl dept add swj 税务局 --head 李四 --email swj@example.gov.cn >/dev/null
start_daemon

# 1. A new deadline, a new cycle.
ctl assign C1 zjj handling >/dev/null || fail "assign"
overdue_sent() {
	[ "$(sql "SELECT count(*) FROM notices WHERE action_id = $1 AND kind = 'overdue'
		AND status = 'sent'")" -ge "$2" ]
}
wait_for 15 overdue_sent 1 1 || fail "no overdue notice"
ctl extend 1 --by "3 seconds" --approver 王主任 --reason 材料补正 >/dev/null || fail "extend"
wait_for 15 overdue_sent 1 2 ||
	fail "no overdue notice for the extended deadline: $(sql "SELECT kind, status, reply FROM notices")"
assert_eq "$(sql "SELECT count(DISTINCT due_at) FROM notices WHERE action_id = 1 AND kind = 'overdue'")" 2 \
	"the deadlines the overdue notices were for"
esc_cycle() { [ "$(sql "SELECT count(*) FROM escalations WHERE action_id = 1 AND cycle = 1")" = 1 ]; }
wait_for 15 esc_cycle || fail "the extended deadline was not escalated: $(sql 'SELECT * FROM escalations')"
ctl done 1 >/dev/null || fail "done 1"

# 2. Reassignment after an escalation, with a pause and a resume between.
ctl assign C1 zjj slow >/dev/null || fail "assign slow"
esc2() { [ "$(sql "SELECT count(*) FROM escalations WHERE action_id = 2")" -ge 1 ]; }
wait_for 15 esc2 || fail "no escalation of action 2"
sleep 1
eid=$(sql "SELECT id FROM escalations WHERE action_id = 2")
ctl queue export "$eid" "$T/before.txt" --force >/dev/null || fail "export before"
ctl ledger export "$T/ledger.csv" >/dev/null || fail "ledger export"
ctl pause 2 --reason 诉讼中 >/dev/null || fail "pause"
ctl resume 2 >/dev/null || fail "resume"
sleep 3
assert_eq "$(sql "SELECT count(*) FROM events WHERE action_id = 2 AND what = 'escalation level 1'")" 1 \
	"escalation lines after pause and resume"
t0=$(($(date +%s%3N) - 1))
ctl reassign 2 swj >/dev/null || fail "reassign"
t1=$(($(date +%s%3N) + 1))
assert_eq "$(sql "SELECT count(*) FROM deadline_audit WHERE old_due IS NOT DISTINCT FROM new_due")" 0 \
	"deadline changes recorded that changed nothing"
notified=$(sql "SELECT notified_at FROM actions WHERE id = 2")
[ "$notified" -ge "$t0" ] && [ "$notified" -le "$t1" ] ||
	fail "the new department's period does not count from the reassignment ($notified, $t0..$t1)"
assert_eq "$(sql "SELECT due_at - notified_at FROM actions WHERE id = 2")" 2000 "the new period"
assert_eq "$(sql "SELECT d.code FROM assignments s JOIN departments d ON d.id = s.dept_id
	WHERE s.action_id = 2")" zjj "the old assignment"
# the ledger written before the reassignment does not bring the old assignment back
ctl ledger import "$T/ledger.csv" >"$T/import" || fail "ledger import: $(cat "$T/import")"
assert_eq "$(sql "SELECT count(*) FROM actions")" 2 "actions after importing the older ledger"
ctl queue --all >"$T/queue" || fail "queue --all"
grep "^ *$eid " "$T/queue" | grep -q 住建局 || fail "the escalation is not the old department's: $(cat "$T/queue")"
esc_swj() { [ "$(sql "SELECT count(*) FROM escalations e JOIN departments d ON d.id = e.dept_id
	WHERE e.action_id = 2 AND d.code = 'swj'")" = 1 ]; }
wait_for 15 esc_swj || fail "the new department was not escalated on its own deadline"
has_mail "swj@example.gov.cn" || fail "the new department was never told"
ctl queue export "$eid" "$T/after.txt" --force >/dev/null || fail "export after"
cmp "$T/before.txt" "$T/after.txt" || fail "the record changed: $(diff "$T/before.txt" "$T/after.txt")"

# The report: late for the old department, its own figures for the new one.
ctl report --csv >"$T/report.csv" || fail "report"
$PY - "$T/report.csv" <<'PY' || fail "report: $(cat "$T/report.csv")"
import csv, sys
rows = {r[0]: r for r in csv.reader(open(sys.argv[1], encoding="utf-8-sig"))}
h = rows["department"] if "department" in rows else next(iter(rows.values()))
col = {name: i for i, name in enumerate(h)}
zjj, swj = rows["zjj"], rows["swj"]
# zjj: action 1 (done late) and action 2 (taken away overdue): 2 assigned, 2 late, 2 escalated
assert zjj[col["assigned"]] == "2" and zjj[col["late"]] == "2", zjj
assert zjj[col["escalated"]] == "2", zjj
assert swj[col["assigned"]] == "1" and swj[col["open"]] == "1" and swj[col["escalated"]] == "1", swj
PY
ctl explain 2 >"$T/explain" || fail "explain"
grep -q "^  zjj 住建局  notified .*overdue when taken from it" "$T/explain" || fail "explain does not show the earlier assignment: $(cat "$T/explain")"
exit 0
