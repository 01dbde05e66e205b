#!/bin/bash
# The ledger (台账) as CSV: the roster and a sample ledger imported in UTF-8
# (with and without a byte-order mark) and GB18030, a broken file rejected
# with its row and column and nothing stored, --dry-run, and export then
# import as a byte-for-byte round trip.
. "$(dirname "$0")/lib.sh"

setup_dir
D=$TOP/tests/data
write_conf '[rule "week"]' 'deadline = 1 week' 'remind = 2 days before'
ctl init >/dev/null || fail "init"
ctl dept import "$TOP/conf/departments.csv" >"$T/out" || fail "roster: $(cat "$T/out")"
grep -q "22 departments added, 0 updated" "$T/out" || fail "roster: $(cat "$T/out")"
ctl dept list | grep -q "^bdc  *不动产登记中心  *陈晓华" || fail "roster list: $(ctl dept list)"
ctl dept edit bdc --email bdc-new@example.gov.cn >/dev/null || fail "dept edit"
assert_eq "$(sql "SELECT email FROM departments WHERE code = 'bdc'")" bdc-new@example.gov.cn "edited email"

# The category's lead department, from [categories], unless --lead names one.
printf '[categories]\n3 = fcj, fy\n4 = ldjc\n' >>"$T/duban.conf"
ctl case add CAT4 欠薪 --category 4 >/dev/null || fail "case add --category 4"
ctl case add CAT3 欠款 --category 3 --lead fy >/dev/null || fail "case add --category 3 --lead fy"
ctl case add CAT9 其他 --category 9 >/dev/null || fail "case add --category 9"
assert_eq "$(sql "SELECT group_concat(n, ' ') FROM (SELECT c.number || '=' || coalesce(d.code, '-') AS n
	FROM cases c LEFT JOIN departments d ON d.id = c.lead_dept WHERE c.number LIKE 'CAT%' ORDER BY c.id) x")" \
	"CAT4=ldjc CAT3=fy CAT9=-" "the lead departments"
sql "DELETE FROM cases WHERE number LIKE 'CAT%'"

# A broken file: every error with its row and column; nothing stored.
ctl ledger import "$D/ledger-broken.csv" >"$T/out" 2>"$T/err" && fail "a broken ledger was imported"
grep -q "ledger-broken.csv:3: column 3 (类别): expected a category from 1 to 9, not '10'" "$T/err" ||
	fail "category error: $(cat "$T/err")"
grep -q "ledger-broken.csv:4: column 9 (承办单位): no department 'xyz'" "$T/err" || fail "dept error: $(cat "$T/err")"
grep -q "ledger-broken.csv:5: column 11 (通知时间): '2018.8.7 上午' is not a time (accepted: 2018-08-07 09:00, 2018/8/7 9:00, 2018-8-7, 2018年8月7日 9时 or a date alone)" "$T/err" ||
	fail "time error: $(cat "$T/err")"
grep -q "3 errors; nothing was imported" "$T/err" || fail "summary: $(cat "$T/err")"
assert_eq "$(sql "SELECT count(*) FROM cases")" 0 "cases after a refused import"

# --dry-run shows what would change and stores nothing.
ctl ledger import "$D/ledger-utf8.csv" --dry-run >"$T/out" || fail "dry run"
grep -q "case 2018-FX-001: would be added" "$T/out" || fail "dry run output: $(cat "$T/out")"
grep -q "3 cases added, 0 updated; 3 actions added, 0 updated, 0 unchanged (dry run: nothing stored)" "$T/out" ||
	fail "dry run summary: $(cat "$T/out")"
assert_eq "$(sql "SELECT count(*) FROM cases")" 0 "cases after a dry run"

# UTF-8: stored, with deadlines from the rules.
ctl ledger import "$D/ledger-utf8.csv" >"$T/out" || fail "import utf-8: $(cat "$T/out")"
grep -q "(utf-8): 3 cases added" "$T/out" || fail "utf-8 import: $(cat "$T/out")"
assert_eq "$(sql "SELECT title FROM cases WHERE number = '2018-FX-002'")" '某项目拖欠农民工工资，"欠薪"问题' "quoted title"
assert_eq "$(sql "SELECT count(*) FROM actions WHERE due_at IS NOT NULL")" 3 "actions with deadlines"
assert_eq "$(sql "SELECT note FROM actions WHERE done_at IS NOT NULL")" "已核验，可办证" "result of the done action"
# the same file again changes nothing
ctl ledger import "$D/ledger-utf8.csv" >"$T/out" || fail "reimport"
grep -q "0 cases added, 0 updated; 0 actions added, 0 updated, 3 unchanged" "$T/out" || fail "reimport: $(cat "$T/out")"

# Round trip: export, import into a new database, export again: the same bytes.
ctl ledger export "$T/a.csv" || fail "export"
head -c 3 "$T/a.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "the export has no byte-order mark"
fresh_db
ctl init >/dev/null
ctl dept import "$TOP/conf/departments.csv" >/dev/null
ctl ledger import "$T/a.csv" >/dev/null || fail "import of the export"
ctl ledger export "$T/b.csv" || fail "export 2"
cmp "$T/a.csv" "$T/b.csv" || fail "export, import, export is not a byte-for-byte round trip"

# The same ledger in GB18030 and with a byte-order mark gives the same data.
for f in ledger-gb18030.csv ledger-utf8-bom.csv; do
	fresh_db
	ctl init >/dev/null
	ctl dept import "$TOP/conf/departments.csv" >/dev/null
	ctl ledger import "$D/$f" >"$T/out" || fail "import $f: $(cat "$T/out")"
	ctl ledger export "$T/c.csv" --force || fail "export after $f"
	cmp "$T/a.csv" "$T/c.csv" || fail "$f does not give the same ledger"
done
fresh_db
grep -q "(gb18030)" <(ctl init >/dev/null; ctl dept import "$TOP/conf/departments.csv" >/dev/null; ctl ledger import "$D/ledger-gb18030.csv") ||
	fail "GB18030 was not detected"
# and exported in GB18030 for spreadsheet programs that want it
ctl ledger export "$T/g.csv" --encoding gb18030 || fail "export gb18030"
iconv -f GB18030 -t UTF-8 "$T/g.csv" | cmp - <(tail -c +4 "$T/a.csv") || fail "the GB18030 export differs"
# Dates as spreadsheets and clerks write them.
printf '%s\r\n' "案件编号,案件名称,类别,牵头单位,包案领导,挂牌督办,信访人,受理时间,承办单位,办理事项,通知时间,签收时间,办结时间,办理结果" \
	"2018-SS-001,表格日期,2,bdc,,否,,2018/8/6 9:00,bdc,核验,2018年8月7日 9时30分,2018-8-8,," >"$T/forms.csv"
ctl ledger import "$T/forms.csv" >"$T/out" 2>&1 || fail "spreadsheet dates: $(cat "$T/out")"
want=$(( ($(TZ=UTC date -d '2018-08-07 09:30:00' +%s) - 8 * 3600) * 1000 ))
assert_eq "$(sql "SELECT a.notified_at FROM actions a JOIN cases c ON c.id = a.case_id
	WHERE c.number = '2018-SS-001'")" "$want" "2018年8月7日 9时30分 in Asia/Shanghai"
assert_eq "$(sql "SELECT a.acked_at = $want + (24 * 3600 - 9.5 * 3600) * 1000 FROM actions a
	JOIN cases c ON c.id = a.case_id WHERE c.number = '2018-SS-001'")" 1 "a date alone is the day's start"
ctl case add SS2 日期 --received "2018/8/6 9:00" --force >/dev/null || fail "--received 2018/8/6 9:00"
exit 0
