#!/bin/bash
# Branches and transfers: an objection during 公告 sends the case to the court
# (产权纠纷 转交法院): every open action's clock stops with the transfer
# recorded (to whom, when, why), nothing is reminded or escalated while it is
# away, and when the case comes back its deadlines move by the days it was
# away.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[rule "week"]' 'deadline = 7 days' 'escalate = 1 day after -> discipline'
ctl init >/dev/null || fail "init"
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
ctl case add R1 回迁户办证 --category 2 --lead bdc >/dev/null
ctl assign R1 bdc 公告 --at "2026-12-01 09:00" >/dev/null
ctl assign R1 swj 契税 --at "2026-12-01 09:00" >/dev/null
ctl done 2 --at "2026-12-02 09:00" >/dev/null
due() { sql "SELECT due_at FROM actions WHERE id = 1"; }
before=$(due)

ctl case transfer R1 --to 法院 >/dev/null 2>&1 && fail "a transfer without a reason"
ctl case transfer R1 --to 法院 --reason "公告期内异议：产权纠纷" --at "2026-12-03 10:00" >"$T/out" ||
	fail "transfer: $(cat "$T/out")"
grep -q "action 1: transferred to 法院 2026-12-03 10:00:00: 公告期内异议：产权纠纷" "$T/out" ||
	fail "transfer said: $(cat "$T/out")"
assert_eq "$(sql "SELECT count(*) FROM actions WHERE paused_at IS NOT NULL AND paused_at != 0")" 1 \
	"paused actions (the done one is left alone)"
assert_eq "$(sql "SELECT to_whom || ' ' || reason FROM pauses")" "法院 公告期内异议：产权纠纷" "the transfer"
assert_eq "$(sql "SELECT count(*) FROM actions WHERE id = 1 AND next_at IS NULL")" 1 \
	"nothing scheduled while the case is away"
ctl explain 1 | grep -q "transfer   to 法院 2026-12-03 10:00:00, back (still away): 公告期内异议：产权纠纷" ||
	fail "explain: $(ctl explain 1)"
ctl case transfer R1 --to 法院 --reason again >/dev/null 2>"$T/err" && fail "transferred twice"

# back after the court's judgment: the deadline moves by the days away
ctl case return R1 --at "2026-12-10 10:00" >"$T/out" || fail "return: $(cat "$T/out")"
grep -q "action 1: resumed 2026-12-10 10:00:00 after 7 days" "$T/out" || fail "return said: $(cat "$T/out")"
assert_eq "$(( ($(due) - before) / 86400000 ))" 7 "days the deadline moved"
ctl explain 1 | grep -q "transfer   to 法院 2026-12-03 10:00:00, back 2026-12-10 10:00:00" ||
	fail "explain after: $(ctl explain 1)"
assert_eq "$(sql "SELECT group_concat(what, ' ') FROM (SELECT what FROM events WHERE what IN ('transfer', 'resume', 'case transfer', 'case return') ORDER BY id) x")" \
	"transfer case transfer resume case return" "the audit log"
ctl case return R1 >/dev/null 2>&1 && fail "returned twice"

# the ledger carries the transfer: exported, imported into a new database,
# the same pause, the same deadline, the same export
ctl ledger export "$T/l.csv" || fail "export"
grep -q ',法院,2026-12-03 10:00:00,2026-12-10 10:00:00,公告期内异议：产权纠纷' "$T/l.csv" ||
	fail "the export lacks the transfer: $(cat "$T/l.csv")"
after=$(due)
mv "$T/duban.db" "$T/first.db"
ctl init >/dev/null
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
ctl ledger import "$T/l.csv" >/dev/null || fail "import"
assert_eq "$(due)" "$after" "the deadline after export and import"
assert_eq "$(sql "SELECT to_whom || ' ' || ((to_at - from_at) / 86400000) FROM pauses")" "法院 7" "the transfer imported"
ctl ledger export "$T/l2.csv"
cmp -s "$T/l.csv" "$T/l2.csv" || fail "the ledger changed: $(diff "$T/l.csv" "$T/l2.csv")"
exit 0
