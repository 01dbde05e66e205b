#!/bin/bash
# The acceptance report against figures worked out by hand
# (tests/data/report-march-2026.csv), for this month of March 2026:
#   A1 bdc  notified Mon 03-02, due 24:00 03-09, done 03-05: on time, 3 working days
#   A2 swj  notified 03-02, done 03-12: late, 8 working days (03, 04, 05, 06, 09-12)
#   A3 bdc  notified 03-03, open, past its deadline, escalated
#   A4 swj  notified 03-04, done the same day: on time, 0 working days
#   A5 swj  notified 04-01: outside the range
#   cases R1 (lead bdc, closed, petitioner ceased), R2 (lead bdc), R3 (lead swj)
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[rule "five"]' 'deadline = 5 workdays'
ctl init >/dev/null
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
ctl case add R1 回迁户办证 --lead bdc --received "2026-03-02 08:00" >/dev/null
ctl case add R2 楼盘办证 --lead bdc --received "2026-03-03 08:00" >/dev/null
ctl case add R3 契税 --lead swj --received "2026-03-04 08:00" >/dev/null
ctl assign R1 bdc 核验 --at "2026-03-02 09:00" --overdue-ok >/dev/null	# 1
ctl assign R1 swj 意见 --at "2026-03-02 09:00" --overdue-ok >/dev/null	# 2
ctl assign R2 bdc 核验 --at "2026-03-03 09:00" --overdue-ok >/dev/null	# 3
ctl assign R3 swj 契税 --at "2026-03-04 09:00" --overdue-ok >/dev/null	# 4
ctl assign R3 swj 契税 --at "2026-04-01 09:00" --overdue-ok >/dev/null	# 5
ctl done 1 --at "2026-03-05 10:00" >/dev/null
ctl done 2 --at "2026-03-12 10:00" >/dev/null
ctl done 4 --at "2026-03-04 15:00" >/dev/null
ctl case close R1 --ceased --at "2026-03-20 10:00" >/dev/null || fail "close R1"
sql "INSERT INTO escalations (action_id, level, target, opened_at) VALUES (3, 1, 'discipline', 0)"

ctl report --from 2026-03-01 --to 2026-03-31 --csv >"$T/got.csv" || fail "report"
cmp "$T/got.csv" "$TOP/tests/data/report-march-2026.csv" ||
	fail "the report differs from the figures worked out by hand: $(diff "$TOP/tests/data/report-march-2026.csv" "$T/got.csv")"
ctl report --from 2026-03-01 --to 2026-03-31 --json >"$T/got.json" || fail "report --json"
$PY - "$T/got.json" <<'PY' || fail "JSON report"
import json, sys
rows = {r["department"]: r for r in json.load(open(sys.argv[1]))}
assert rows["all"]["assigned"] == 4 and rows["all"]["case_completion_rate"] == "33.3%", rows["all"]
assert rows["swj"]["late"] == 1 and rows["swj"]["average_working_days"] == "4.0", rows["swj"]
PY
ctl report --from 2026-03-01 --to 2026-03-31 --dept bdc --csv | grep -q '^bdc,.*,2,1,0,1,1,1,50.0%' ||
	fail "report --dept"
ctl report --from 2026-03-01 --to 2026-03-31 | grep -q "^all .*合计" || fail "table report"
ctl report --from 2026-03-32 2>/dev/null && fail "a bad date was accepted"
# dubanctl's own --json and --csv give the report too; hostile names stay in their cells
ctl dept add odd '局"名,有逗号' >/dev/null || fail "dept add odd"
ctl case add ODD 怪名 --lead odd --received "2026-03-03 08:00" >/dev/null || fail "case add ODD"
ctl --json report --from 2026-03-01 --to 2026-03-31 | $PY -c '
import json, sys
rows = {r["department"]: r for r in json.load(sys.stdin)}
assert rows["odd"]["name"] == "局\"名,有逗号" and rows["odd"]["cases"] == 1, rows["odd"]
assert rows["all"]["assigned"] == 4, rows["all"]' || fail "dubanctl --json report"
ctl --csv report --from 2026-03-01 --to 2026-03-31 | $PY -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
assert all(len(r) == 15 for r in rows), rows
assert ["odd", "局\"名,有逗号"] == [r for r in rows if r[0] == "odd"][0][:2], rows' ||
	fail "dubanctl --csv report"

# --mail sends the table to the office.
start_sink
sed -i "s/^port = .*/port = $SMTP_PORT/" "$T/duban.conf"
ctl report --from 2026-03-01 --to 2026-03-31 --mail >/dev/null || fail "report --mail"
wait_for 5 has_mail "督办工作统计 2026-03-01 至 2026-03-31" || fail "the report was not mailed"
grep "督办工作统计" "$T/mail/index" | cut -f3 | grep -qx fxb@example.gov.cn || fail "report recipient"

# A figure resting on a year the calendar does not cover is marked, and the
# report warns, in every format.
sed -i "s|^calendar = .*|calendar = $TOP/tests/conf/data/only-2018.conf|" "$T/duban.conf"
ctl case add U1 未覆盖年份 --lead bdc --received "2026-03-02 08:00" >/dev/null
ctl assign U1 bdc 核验 --at "2026-03-02 09:00" --overdue-ok >/dev/null 2>&1 || fail "assign in an uncovered year"
ctl report --from 2026-03-01 --to 2026-03-31 >"$T/table" 2>"$T/err" || fail "report"
grep -q "^warning: 1 of these actions have a deadline counted over a year" "$T/table" ||
	fail "the table does not warn: $(cat "$T/table")"
grep -q "uncertain" "$T/err" || fail "no warning on stderr"
ctl report --from 2026-03-01 --to 2026-03-31 --csv 2>/dev/null | tr -d '\r' | grep -q '^all,.*,1$' ||
	fail "the CSV does not mark the uncertain figure"
ctl report --from 2026-03-01 --to 2026-03-31 --json 2>/dev/null | $PY -c '
import json, sys
rows = {r["department"]: r for r in json.load(sys.stdin)}
assert rows["all"]["uncertain"] == 1 and rows["bdc"]["uncertain"] == 1, rows' ||
	fail "the JSON does not mark the uncertain figure"
exit 0
