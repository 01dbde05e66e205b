#!/bin/bash
# The ledger carries the whole state: export, then import into a new
# database, gives the same report to the last digit, closing (销号时间) and
# 息诉罢访 included; a case closed and then reopened keeps its history.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[rule "week"]' 'deadline = 7 days'
ctl init >/dev/null || fail "init"
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
for n in 1 2 3; do
	ctl case add "R$n" "案件$n" --category 2 --lead bdc --received "2026-11-02 09:00" >/dev/null ||
		fail "case add R$n"
	ctl assign "R$n" bdc 核验 --at "2026-11-02 10:00" --overdue-ok --force >/dev/null || fail "assign R$n"
done
ctl assign R1 swj 契税 --at "2026-11-03 10:00" --overdue-ok --force >/dev/null
ctl done 1 --at "2026-11-05 10:00" --note "已出具书面意见" >/dev/null
ctl done 4 --at "2026-11-06 10:00" >/dev/null
ctl done 2 --at "2026-11-12 10:00" >/dev/null
ctl case close R1 --ceased --at "2026-11-10 16:00" >/dev/null || fail "close R1"
ctl case close R2 --at "2026-11-13 16:00" >/dev/null || fail "close R2"
report() { ctl --csv report --from 2026-11-01 --to 2026-11-30; }
report >"$T/before.csv" || fail "report"
grep -q "^all,.*,66.7%,50.0%," "$T/before.csv" || fail "the fixture's figures: $(cat "$T/before.csv")"

ctl ledger export "$T/l.csv" || fail "export"
mv "$T/duban.db" "$T/first.db"
ctl init >/dev/null
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
ctl ledger import "$T/l.csv" >/dev/null || fail "import"
report >"$T/after.csv" || fail "report after"
cmp -s "$T/before.csv" "$T/after.csv" ||
	fail "the report changed through export and import: $(diff "$T/before.csv" "$T/after.csv")"
ctl ledger export "$T/l2.csv"
cmp -s "$T/l.csv" "$T/l2.csv" || fail "the ledger changed: $(diff "$T/l.csv" "$T/l2.csv")"

# a closing on a later line of the case that disagrees with its first is
# refused, at its line and column; 息诉罢访 without 销号时间 too
$PY - "$T/l.csv" "$T/bad.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
r1 = [i for i, r in enumerate(rows) if r[0] == "R1"]
rows[r1[1]][15] = "2026-11-11 16:00:00"
r3 = [i for i, r in enumerate(rows) if r[0] == "R3"][0]
rows[r3][16] = "是"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
ctl ledger import "$T/bad.csv" >/dev/null 2>"$T/err" && fail "a ledger with two closings of one case imported"
grep -q "bad.csv:3: column 16 (销号时间): differs from line 2 for the same case" "$T/err" ||
	fail "the closing error: $(cat "$T/err")"
grep -q "bad.csv:5: column 17 (息诉罢访): 息诉罢访 is recorded when a case is closed" "$T/err" ||
	fail "the 息诉罢访 error: $(cat "$T/err")"

# a first-release ledger (14 columns) leaves a case's closing as it is
cut -d, -f1-14 "$T/l.csv" >"$T/old.csv"
ctl ledger import "$T/old.csv" >/dev/null || fail "a first-release ledger"
report >"$T/again.csv"
cmp -s "$T/before.csv" "$T/again.csv" || fail "a first-release ledger reopened cases"
exit 0
