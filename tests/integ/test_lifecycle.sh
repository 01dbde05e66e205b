#!/bin/bash
# The case lifecycle: receipt, an extension that moves the deadline and the
# notices, a pause and resume that shift it by the paused working days,
# reassignment, and closing a case only when its actions are done.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[rule "wd"]' 'match = step:wd' 'deadline = 15 workdays' \
	'[rule "week"]' 'deadline = 7 days' 'remind = 2 days before' \
	'extend = at most 30 days, 1 time' 'escalate = 1 workday after -> discipline'
seed_db
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
local_due() { sql "SELECT datetime(due_at / 1000, 'unixepoch', '+8 hours') FROM actions WHERE id = $1"; }
local_next() { sql "SELECT datetime(next_at / 1000, 'unixepoch', '+8 hours') FROM actions WHERE id = $1"; }

# 1. An extension moves the deadline and the notices.
ctl assign C1 zjj handling --at "2026-03-02 09:00" --overdue-ok >/dev/null || fail "assign 1"
assert_eq "$(local_due 1)" "2026-03-10 00:00:00" "deadline: 24:00 of 03-09"
assert_eq "$(local_next 1)" "2026-03-08 00:00:00" "reminder two days before"
ctl ack 1 --at "2026-03-02 10:00" >/dev/null || fail "ack"
ctl extend 1 --by "10 days" --approver 于海滨 --reason "需补充材料" >"$T/out" || fail "extend: $(cat "$T/out")"
grep -q "deadline 2026-03-19 24:00" "$T/out" || fail "extend output: $(cat "$T/out")"
assert_eq "$(local_due 1)" "2026-03-20 00:00:00" "deadline after a 10-day extension"
assert_eq "$(local_next 1)" "2026-03-18 00:00:00" "the reminder moved with it"
ctl extend 1 --by "5 days" --approver 于海滨 --reason again 2>"$T/err" && fail "a second extension was allowed"
grep -q "extended 1 time already; rule \"week\" allows 1" "$T/err" || fail "message: $(cat "$T/err")"
ctl assign C1 zjj other --at "2026-03-02 09:00" --overdue-ok >/dev/null
ctl extend 2 --by "31 days" --approver 于海滨 --reason long 2>"$T/err" && fail "too long an extension"
grep -q "more than rule \"week\" allows (at most 30 days)" "$T/err" || fail "message: $(cat "$T/err")"
sql "SELECT count(*) FROM deadline_audit WHERE action_id = 1" | grep -qx 1 || fail "no audit of the extension"
ctl explain 1 | grep -q "extension  .* by 10 days, approved by 于海滨: 需补充材料" || fail "explain: $(ctl explain 1)"

# 2. A pause and resume shift a working-day deadline by the paused working days.
ctl assign C1 zjj wd --at "2026-03-02 09:00" --overdue-ok >/dev/null || fail "assign wd"
id=3
assert_eq "$(local_due $id)" "2026-03-24 00:00:00" "15 working days from Monday 03-02"
ctl pause $id --reason "产权纠纷诉讼中" --at "2026-03-05 10:00" >/dev/null || fail "pause"
assert_eq "$(sql "SELECT next_at IS NULL FROM actions WHERE id = $id")" 1 "nothing scheduled while paused"
ctl pause $id --reason again 2>/dev/null && fail "paused twice"
# Thursday 03-05 to Thursday 03-12: 5 working days (05, 06, 09, 10, 11)
ctl resume $id --at "2026-03-12 15:00" >"$T/out" || fail "resume"
grep -q "after 7 days (5 working days)" "$T/out" || fail "resume output: $(cat "$T/out")"
assert_eq "$(local_due $id)" "2026-03-31 00:00:00" "deadline moved by 5 working days"
[ "$(sql "SELECT next_at IS NOT NULL FROM actions WHERE id = $id")" = 1 ] || fail "not scheduled after resume"
ctl explain $id | grep -q "pause      2026-03-05 10:00:00 to 2026-03-12 15:00:00: 产权纠纷诉讼中" ||
	fail "explain: $(ctl explain $id)"

# preview: what goes to whom on a day (the extended action's reminder on 03-17)
ctl --csv preview --day 2026-03-17 >"$T/preview" || fail "preview"
grep -q "^2026-03-18 00:00:00,2026-03-18 00:00:00,zjj@example.gov.cn,reminder,1,C1,handling" "$T/preview" &&
	fail "preview shows the next day's events"
ctl --csv preview --day 2026-03-18 | grep -q "^2026-03-18 00:00:00,2026-03-18 00:00:00,zjj@example.gov.cn,reminder,1,C1,handling" ||
	fail "preview: $(ctl --csv preview --day 2026-03-18)"
ctl --json preview --day 2026-03-18 | $PY -c 'import json,sys; r=json.load(sys.stdin); assert any(x["kind"]=="reminder" and x["action"]==1 for x in r), r' ||
	fail "preview --json"

# 3. Reassignment.
ctl reassign 2 swj >"$T/out" || fail "reassign"
assert_eq "$(sql "SELECT d.code FROM actions a JOIN departments d ON d.id = a.dept_id WHERE a.id = 2")" swj \
	"department after reassignment"
ctl log | grep -q "reassign.*reassigned from zjj to swj" || fail "log: $(ctl log)"

# 4. Closing a case (销号) only when its actions are done.
ctl case close C1 2>"$T/err" && fail "a case with open actions was closed"
grep -q "case C1 cannot be closed (销号): 3 actions are still open (1, 2, 3)" "$T/err" ||
	fail "message: $(cat "$T/err")"
for i in 1 2 3; do ctl done $i --note 已办结 >/dev/null || fail "done $i"; done
ctl case close C1 --ceased >"$T/out" || fail "close"
assert_eq "$(sql "SELECT status || ' ' || ceased FROM cases WHERE number = 'C1'")" "closed 1" "the closed case"
ctl case close C1 2>/dev/null && fail "closed twice"
# every change carries the Unix user
assert_eq "$(sql "SELECT count(DISTINCT who) FROM events WHERE who <> '$(id -un)'")" 0 "who in the log"
exit 0
