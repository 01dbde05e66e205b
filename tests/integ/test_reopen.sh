#!/bin/bash
# Cases after closure: 息诉罢访 recorded or corrected after 销号, a case
# reopened when the petitioner comes back, each with its reason in the audit
# log; the report counts a case by its state on the report's last day.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[rule "week"]' 'deadline = 7 days'
ctl init >/dev/null || fail "init"
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl case add R1 回迁户办证 --category 2 --lead bdc --received "2026-10-12 09:00" >/dev/null
ctl assign R1 bdc 核验 --at "2026-10-12 10:00" --overdue-ok --force >/dev/null
ctl done 1 --at "2026-10-15 10:00" >/dev/null
ctl case close R1 --at "2026-11-03 10:00" >/dev/null || fail "close"
# cases,closed,closed% and ceased% of the report from October 1 to DAY
figures() { ctl --csv report --from 2026-10-01 --to "$1" | sed -n 's/^all,[^,]*,\([^,]*,\)\{7\}\([^,]*,[^,]*,[^,]*,[^,]*\),.*/\2/p'; }

# closed on November 3: open at the end of October, closed at the end of November
assert_eq "$(figures 2026-10-31)" "1,0,0.0%,-" "October: the case was open on its last day"
assert_eq "$(figures 2026-11-30)" "1,1,100.0%,0.0%" "November"

# 息诉罢访 recorded after the closing, with a reason; corrected back
ctl case ceased R1 >/dev/null 2>&1 && fail "ceased without a reason"
ctl case ceased R1 --reason "信访人书面承诺息诉罢访" >/dev/null || fail "case ceased"
assert_eq "$(figures 2026-11-30)" "1,1,100.0%,100.0%" "after 息诉罢访"
ctl case ceased R1 --no --reason "登记有误" >/dev/null || fail "case ceased --no"
assert_eq "$(figures 2026-11-30)" "1,1,100.0%,0.0%" "after the correction"
ctl case ceased R1 --reason "信访人书面承诺息诉罢访" >/dev/null

# the petitioner comes back on December 2: reopened; November still shows it closed
ctl case reopen R1 --at "2026-12-02 09:00" >/dev/null 2>&1 && fail "reopen without a reason"
ctl case reopen R1 --at "2026-12-02 09:00" --reason "信访人再次来访" >/dev/null || fail "reopen"
ctl case reopen R1 --reason "again" >/dev/null 2>"$T/err" && fail "an open case reopened"
grep -q "is not closed" "$T/err" || fail "reopen of an open case: $(cat "$T/err")"
ctl case ceased R1 --reason x >/dev/null 2>&1 && fail "息诉罢访 on an open case"
assert_eq "$(figures 2026-11-30)" "1,1,100.0%,100.0%" "November after the reopening"
assert_eq "$(figures 2026-12-31)" "1,0,0.0%,-" "December: open again"
ctl assign R1 bdc 核验 --at "2026-12-02 10:00" >/dev/null || fail "assign on the reopened case"
assert_eq "$(sql "SELECT group_concat(what || ': ' || detail, ' | ') FROM (SELECT * FROM events WHERE what LIKE 'case %' AND what != 'case add' ORDER BY id) x")" \
	"case close: case R1 closed (销号) | case ceased: case R1: 息诉罢访 recorded: 信访人书面承诺息诉罢访 | case ceased: case R1: 息诉罢访 withdrawn: 登记有误 | case ceased: case R1: 息诉罢访 recorded: 信访人书面承诺息诉罢访 | case reopen: case R1 reopened 2026-12-02 09:00:00 (closed 2026-11-03 10:00:00): 信访人再次来访" \
	"the audit log"
exit 0
