#!/bin/bash
# The procedure ([step] next): when a step is done, what follows it is
# assigned at once to the case's lead department, the same department or a
# named one; or proposed, and listed by dubanctl next, until the office
# confirms or drops it. A next step that would be overdue at once (a done
# recorded late) is proposed, never assigned: no department is escalated for
# a step nobody told it of. Each is in the audit log.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[categories]' '2 = bdc' '4 = ldjc' \
	'[step "handling"]' 'name = 分工处理' 'next = 核实约谈 -> lead' \
	'[step "verification"]' 'name = 核实约谈' 'next = public-notice -> same, confirm' \
	'next = tax-opinion -> swj, confirm' \
	'[step "public-notice"]' 'name = 公告' 'next = registration -> bdc' \
	'[step "registration"]' 'name = 办理不动产登记' \
	'[step "tax-opinion"]' 'name = 出具税务认定意见' \
	'[rule "registration"]' 'match = step:registration' 'deadline = 3 days' \
	'[rule "week"]' 'deadline = 7 days'
ctl init >/dev/null || fail "init"
for d in bdc:不动产登记中心 zjj:住建局 swj:税务局; do
	ctl dept add "${d%%:*}" "${d#*:}" --head 某某 --email "${d%%:*}@example.gov.cn" >/dev/null
done
ctl case add R1 某小区无法办证 --category 2 --lead zjj >/dev/null || fail "case add"
ctl assign R1 bdc handling --what 核验办证手续 >/dev/null || fail "assign"

# done: the next step goes to the case's lead department, at once, by its rule
ctl done 1 >"$T/out" || fail "done 1: $(cat "$T/out")"
grep -q "action 2 assigned to zjj, due .*: 核实约谈, after action 1" "$T/out" || fail "done 1 said: $(cat "$T/out")"
assert_eq "$(sql "SELECT step || ' ' || d.code || ' ' || rule || ' ' || CASE WHEN a.notified_at = (SELECT done_at FROM actions WHERE id = 1) THEN 1 ELSE 0 END
	FROM actions a JOIN departments d ON d.id = a.dept_id WHERE a.id = 2")" "verification zjj week 1" \
	"the next action, notified when the first was done"

# confirm = proposed, listed, confirmed into an action, or dropped with a reason
ctl done 2 >"$T/out" || fail "done 2"
grep -q "proposed 1: 公告 to zjj, after action 2" "$T/out" || fail "done 2 said: $(cat "$T/out")"
grep -q "proposed 2: 出具税务认定意见 to swj" "$T/out" || fail "done 2 said: $(cat "$T/out")"
assert_eq "$(sql 'SELECT count(*) FROM actions')" 2 "actions while proposed"
ctl case close R1 >/dev/null 2>"$T/err" && fail "a case closed with a proposal open"
grep -q "proposed next step.* await.* the office's decision" "$T/err" || fail "close with proposals: $(cat "$T/err")"
ctl --json next >"$T/next.json" || fail "next --json"
$PY -c 'import json,sys; r=json.load(open(sys.argv[1])); assert [(p["id"], p["step"], p["dept"], p["after"]) for p in r] == [(1, "public-notice", "zjj", 2), (2, "tax-opinion", "swj", 2)], r' \
	"$T/next.json" || fail "next --json: $(cat "$T/next.json")"
ctl next confirm 1 --what 张贴公告 >"$T/out" || fail "confirm: $(cat "$T/out")"
assert_eq "$(sql "SELECT step || ' ' || what FROM actions WHERE id = 3")" "public-notice 张贴公告" "the confirmed step"
ctl next drop 2 >/dev/null 2>&1 && fail "drop without a reason"
ctl next drop 2 --reason "开发企业已缴清税款" >/dev/null || fail "drop"
ctl next confirm 2 >/dev/null 2>"$T/err" && fail "a dropped proposal was confirmed"
grep -q "decided already" "$T/err" || fail "confirm after drop: $(cat "$T/err")"
assert_eq "$(ctl next | wc -l)" 1 "open proposals after deciding both (the heading only)"
ctl next --all | grep -q "开发企业已缴清税款" || fail "next --all does not show the reason"
ctl --json next --all >"$T/all.json" || fail "next --all --json"
$PY -c 'import json,sys; r={p["id"]: p for p in json.load(open(sys.argv[1]))}; assert (r[1]["action"], r[1]["reason"], r[2]["action"], r[2]["reason"]) == (3, None, None, "开发企业已缴清税款"), r' \
	"$T/all.json" || fail "the decisions in JSON: $(cat "$T/all.json")"
assert_eq "$(sql "SELECT group_concat(what, ' ') FROM (SELECT what FROM events WHERE what IN ('assign', 'propose', 'drop') ORDER BY id) x")" \
	"assign assign propose propose assign drop" "the audit log"

# the lead from [categories] when the case names none; a missing department is proposed
ctl case add R2 拖欠工资 --category 4 >/dev/null
ctl assign R2 bdc handling >/dev/null
ctl done 4 >"$T/out" || fail "done 4"
grep -q "proposed 3: 核实约谈 to ldjc, after action 4 (no such department)" "$T/out" ||
	fail "done 4 said: $(cat "$T/out")"
ctl next confirm 3 >/dev/null 2>&1 && fail "confirmed to a department that does not exist"
ctl next confirm 3 --dept zjj >/dev/null || fail "confirm with --dept"

# a done recorded long after: the next step would be overdue at once, so it is proposed
ctl case add R3 旧案 --category 2 --lead zjj >/dev/null
ctl assign R3 bdc handling --at "2026-01-05 09:00" --overdue-ok --force >/dev/null
id=$(sql "SELECT max(id) FROM actions")
ctl done "$id" --at "2026-01-06 09:00" --force >"$T/out" || fail "done late"
grep -q "(it would be overdue at once)" "$T/out" || fail "a late done assigned an overdue step: $(cat "$T/out")"
assert_eq "$(sql "SELECT count(*) FROM actions WHERE id > $id")" 0 "actions after a late done"
exit 0
