#!/bin/bash
# Minimum periods are not deadlines (公告期不少于十五个工作日): when one has
# run the office is told that the file may move on; no department is
# reminded, nothing is overdue, nothing escalates; done before it has run is
# refused unless forced with a reason, which is recorded; reports leave it
# out of the department's figures.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "notice"]' 'match = step:public-notice' 'kind = waiting' 'deadline = 3 seconds' \
	'[rule "fast"]' 'deadline = 1 second'
seed_db
ctl case add C2 第二件 >/dev/null
start_daemon
ctl assign C1 zjj public-notice >/dev/null || fail "assign the notice period"
ctl done 1 >/dev/null 2>"$T/err" && fail "done before the period ran"
grep -q "尚余 [0-9]* 个工作日" "$T/err" || fail "the refusal: $(cat "$T/err")"
ctl done 1 --force >/dev/null 2>&1 && fail "--force without a reason"
wait_for 15 has_mail "【期满】C1" || fail "the office was not told the period ran"
sleep 2
assert_eq "$(mail_count "zjj@example.gov.cn")" 0 "messages to the department about a waiting period"
assert_eq "$(mail_list | grep '【期满】C1' | cut -f2)" fxb@example.gov.cn "the period-end recipient"
assert_eq "$(sql "SELECT count(*) FROM escalations")" 0 "escalations"
ctl status >"$T/status" || fail "status"
grep -q "^overdue: 0$" "$T/status" || fail "status counts a waiting period as overdue: $(cat "$T/status")"
# status through dubanctl's one writer: JSON and CSV for scripts
ctl --json status | $PY -c '
import json, sys
rows = {r["key"]: r["value"] for r in json.load(sys.stdin)}
assert rows["overdue"] == "0", rows' || fail "status --json"
ctl --csv status | $PY -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
assert rows[0] == ["key", "value"] and ["overdue", "0"] in rows, rows' || fail "status --csv"
ctl actions | grep -q "period-run" || fail "actions does not show the period as run"
ctl done 1 >/dev/null || fail "done after the period ran"

# Ended early, with a reason on record.
ctl assign C2 zjj public-notice >/dev/null || fail "assign another"
ctl done 2 --force --reason "异议已撤回，领导同意提前" >/dev/null || fail "done --force --reason"
ctl log --action 2 | grep -q "forced: 异议已撤回" || fail "the reason is not in the audit log"
# a period that has run is not cut short: a reason given then is not a forcing
ctl assign C2 zjj public-notice --at "$(TZ=Asia/Shanghai date -d '-30 days' '+%F %T')" --force \
	--overdue-ok >/dev/null || fail "assign a period that has run"
ctl done 3 --force --reason "期满" >/dev/null || fail "done after the period"
ctl log --action 3 | grep -q "forced" && fail "a period that had run is logged as ended early"

# The report leaves waiting periods out; a real deadline counts.
ctl assign C2 zjj handling >/dev/null || fail "assign a deadline"
sleep 2
ctl report --csv --from "$(TZ=Asia/Shanghai date +%F)" --to "$(TZ=Asia/Shanghai date +%F)" >"$T/report.csv" ||
	fail "report"
$PY - "$T/report.csv" <<'PY' || fail "the report counts waiting periods: $(cat "$T/report.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
hdr, zjj = rows[0], [r for r in rows if r[0] == "zjj"][0]
assigned = zjj[2]
assert assigned == "1", (hdr, zjj)
PY

# The shipped configuration: public-notice is a waiting period; no 催办 for it.
cp "$TOP/conf/duban.conf" "$T/shipped.conf"
mkdir -p "$T/templates" && cp "$TOP"/conf/templates/*.txt "$T/templates/"
sed -i "s|^calendar = .*|calendar = $TOP/conf/calendar/cn.conf|; s|^templates = .*|templates = templates|" \
	"$T/shipped.conf"
S() { "$DUBANCTL" -f "$T/shipped.conf" -D "$T/shipped.db" "$@"; }
S init >/dev/null || fail "init with the shipped configuration"
S dept import "$TOP/conf/departments.csv" >/dev/null || fail "roster"
S case add 2018-FX-001 某小区 --category 2 --lead bdc --received "2018-09-01 09:00" --force >/dev/null
S assign 2018-FX-001 bdc public-notice --at "2018-09-20 10:00" --force --overdue-ok >/dev/null ||
	fail "assign public-notice in 2018"
S preview --day 2018-10-18 >"$T/preview" 2>&1 || fail "preview: $(cat "$T/preview")"
grep -q "催办\|overdue" "$T/preview" && fail "preview shows an overdue notice for a waiting period: $(cat "$T/preview")"
grep -q "period-end\|期满" "$T/preview" || fail "preview does not show the period end: $(cat "$T/preview")"
exit 0
