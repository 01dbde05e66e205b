#!/bin/bash
# The work plan's procedure, end to end, on the shipped configuration and
# roster, across 国庆 2018 under libfaketime: one case of each of the nine
# categories from 受理 to 销号. Every 分工处理 counted into 国庆 ends on
# 2018-10-08, nobody is chased during the holiday; the key case goes
# 分工处理 → 核实约谈 → 公告 (an objection sends it to the court and back, the
# notice period moves by the working days away) → 办理不动产登记; a 疑难案件
# goes to the leading group; an agreement (解决协议) has its own deadline; a
# department that misses its deadline is chased and escalated to the
# discipline group. The mail each department and the office receive, and the
# report at the end, are checked.
. "$(dirname "$0")/lib.sh"

FT=$(MT=1 faketime_preload) || fail "libfaketime is not installed (Debian package faketime)"
setup_dir
start_sink
shipped_conf -e "s|^digest = yes|digest = no|" -e "s|^digest-window = .*|digest-window = 0 seconds|" \
	-e "s|^poll-interval = .*|poll-interval = 1 second|"
"$DUBAND" -t -f "$T/duban.conf" >/dev/null 2>&1 || fail "the shipped configuration: $("$DUBAND" -t -f "$T/duban.conf" 2>&1)"

# at WHEN ARGS...: dubanctl with its clock at WHEN (Beijing time)
at() {
	local when=$1
	shift
	TZ=Asia/Shanghai LD_PRELOAD="$FT" FAKETIME="@$when" "$DUBANCTL" -f "$T/duban.conf" "$@"
}
# daemon_at WHEN: duband with its clock starting at WHEN; daemon_stop
daemon_at() {
	TZ=Asia/Shanghai LD_PRELOAD="$FT" FAKETIME="@$1" FAKETIME_DONT_RESET=1 \
		"$DUBAND" -d -f "$T/duban.conf" >>"$T/duband.log" 2>&1 &
	DAEMON_PID=$!
	wait_for 30 test -S "$T/duban.sock" || fail "duband did not start at $1"
}
daemon_stop() {
	kill -TERM "$DAEMON_PID"
	wait "$DAEMON_PID"
	DAEMON_PID=""
}
# to SUBJECT-PREFIX: the recipients of the messages whose subject begins so
to() { mail_list | awk -F'\t' -v p="$1" 'index($3, p) == 1 { print $2 }' | sort -u | tr '\n' ' '; }
due() { sql "SELECT datetime(due_at / 1000, 'unixepoch', '+8 hours') FROM actions WHERE id = $1"; }
last() { sql "SELECT max(id) FROM actions"; }

D0="2018-09-26 09:00:00"	# Wednesday, before 中秋 is over and 国庆 begins
at "$D0" init >/dev/null || fail "init"
at "$D0" dept import "$TOP/conf/departments.csv" >/dev/null || fail "the shipped roster"
at "$D0" leader import "$TOP/conf/leaders.csv" >/dev/null || fail "the shipped leaders"
titles=("" "回迁超期安置" "历史遗留无法办证" "拖欠工程款" "拖欠农民工工资" "违反规划建设"
	"建筑市场违法违规" "工程质量问题" "一房多卖" "其他问题")
for n in 1 2 3 4 5 6 7 8 9; do
	extra=()
	[ "$n" = 2 ] && extra=(--key --leader 于海滨 --petitioner 张某)
	at "$D0" case add "2018-FX-00$n" "${titles[$n]}" --category "$n" "${extra[@]}" >/dev/null ||
		fail "case add $n"
done
# 分工处理: each case to its category's lead department (category 9 has none: 住建局)
leads=(- zsb bdc fcj ldjc gh zjj zjj fcj zjj)
for n in 1 2 3 4 5 6 7 8 9; do
	assert_eq "$(sql "SELECT coalesce(d.code, '-') FROM cases c LEFT JOIN departments d ON d.id = c.lead_dept WHERE c.number = '2018-FX-00$n'")" \
		"$( [ "$n" = 9 ] && echo - || echo "${leads[$n]}")" "category $n's lead department"
	at "$D0" assign "2018-FX-00$n" "${leads[$n]}" 分工处理 --what "核实情况，履行相关手续或出具书面意见" \
		>/dev/null || fail "assign 分工处理 of case $n"
done
# one week from 09-26 ends in 国庆: on the first working day after it
for n in 1 2 3 4 5 6 7 8 9; do
	assert_eq "$(due "$n")" "2018-10-09 00:00:00" "action $n's deadline (2018-10-08 24:00)"
done
assert_eq "$(sql "SELECT rule FROM actions WHERE id = 2")" "key-case" "the key case's rule"

# 国庆: the daemon runs on 10-05; nobody is chased
daemon_at "2018-10-05 10:00:00"
sleep 3
daemon_stop
[ -z "$(to 【催办】)$(to 【督办】)" ] || fail "chased during 国庆: $(mail_list)"

# 10-08, the first working day: every department is reminded
daemon_at "2018-10-08 09:00:00"
remind() { [ "$(mail_count 【预警】)" -ge 10 ]; }
wait_for 20 remind || fail "the reminders: $(mail_list)"
daemon_stop
for d in zsb bdc fcj ldjc gh zjj; do
	to 【预警】 | grep -q "$d@example.gov.cn" || fail "$d was not reminded: $(to 【预警】)"
done

# 10-08: every department but 住建局 on case 7 has done its part; the office
# decides what follows (the procedure proposes 核实约谈 to 住建局)
for n in 1 2 3 4 5 6 8 9; do
	at "2018-10-08 15:00:00" done "$n" --note "已出具书面意见" >"$T/out" || fail "done $n: $(cat "$T/out")"
	grep -q "proposed .*核实约谈 to zjj" "$T/out" || fail "done $n proposed nothing: $(cat "$T/out")"
done
assert_eq "$(at "2018-10-08 15:00:00" --csv next | tail -n +2 | wc -l)" 8 "proposals"
# p N [STEP]: case N's open proposal (of that kind)
p() { sql "SELECT p.id FROM proposals p JOIN cases c ON c.id = p.case_id WHERE c.number = '2018-FX-00$1' AND p.decided_at IS NULL AND ('${2:-}' = '' OR p.step = '${2:-}')"; }
for n in 1 3 5 8 9; do
	at "2018-10-09 09:30:00" next drop "$(p $n)" --reason "书面意见已落实，无需核实约谈" >/dev/null ||
		fail "drop case $n's proposal"
	at "2018-10-09 10:00:00" case close "2018-FX-00$n" >/dev/null || fail "close case $n"
done

# case 6 is a 疑难案件: to the leading group
at "2018-10-09 10:00:00" queue refer 6 --target leading-group --reason "涉及多部门，需领导小组协调" \
	>/dev/null || fail "refer case 6"

# case 4: a solution agreed with the petitioners, its own deadline and responsible person
at "2018-10-09 10:30:00" next drop "$(p 4)" --reason "已与信访人签订解决协议" >/dev/null
at "2018-10-09 10:30:00" assign 2018-FX-004 ldjc 解决协议 --what "10月底前足额支付拖欠工资" \
	--due "2018-10-31 17:00" --responsible 李某 >/dev/null || fail "the agreement"
agreement=$(last)
assert_eq "$(due "$agreement")" "2018-10-31 17:00:00" "the agreement's deadline"

# the key case goes on: 核实约谈, then 公告
at "2018-10-09 11:00:00" next confirm "$(p 2)" --what "约谈开发企业" >/dev/null || fail "confirm 核实约谈"
verify=$(last)
at "2018-10-09 11:00:00" next confirm "$(p 6)" >/dev/null || fail "confirm case 6's 核实约谈"
at "2018-10-10 09:00:00" done "$verify" --note "开发企业拒不申请" >"$T/out" || fail "done 核实约谈"
grep -q "proposed .*公告 to bdc" "$T/out" || fail "no 公告 proposed: $(cat "$T/out")"
grep -q "proposed .*立案侦查（开发企业偷逃税款） to gaj" "$T/out" || fail "no branch to 公安: $(cat "$T/out")"
at "2018-10-10 10:00:00" next drop "$(p 2 investigation)" --reason "未发现偷逃税款" >/dev/null ||
	fail "drop the branch to 公安"
at "2018-10-10 10:00:00" next confirm "$(p 2 public-notice)" --what "公告回迁户及房屋信息" >/dev/null ||
	fail "confirm 公告"
notice=$(last)
assert_eq "$(due "$notice")" "2018-11-01 00:00:00" "the notice period: 15 working days (to 10-31 24:00)"

# 10-10: case 7 is overdue since 10-09: chased, then escalated to the discipline group
daemon_at "2018-10-10 09:00:00"
escalated() { [ -n "$(to 【督办】)" ]; }
wait_for 30 escalated || fail "case 7 was not escalated: $(mail_list)"
daemon_stop
assert_eq "$(to 【催办】)" "fxb@example.gov.cn zjj@example.gov.cn " "the overdue notice of case 7 (and the office's copy)"
to 【督办】 | grep -q "jw-duban@example.gov.cn" || fail "the discipline group was not told: $(to 【督办】)"
assert_eq "$(to 【上报】)" "fxb@example.gov.cn ldxz@example.gov.cn " "the referral of case 6"
assert_eq "$(sql "SELECT group_concat(DISTINCT a.case_id) FROM escalations e JOIN actions a ON a.id = e.action_id WHERE e.level > 0")" \
	"7" "the cases escalated"
# the discipline group's record names the kind as people read it, and the work
at "2018-10-10 10:00:00" queue show "$(sql "SELECT min(id) FROM escalations WHERE level > 0")" >"$T/record" ||
	fail "queue show"
grep -q "^action: *7 分工处理（履行相关手续或出具书面意见）：核实情况，履行相关手续或出具书面意见, rule department-response" \
	"$T/record" || fail "the record's action line: $(grep '^action' "$T/record")"
at "2018-10-11 10:00:00" done 7 --note "已出具书面意见" >/dev/null
at "2018-10-11 10:30:00" next drop "$(p 7)" --reason "无需核实约谈" >/dev/null
at "2018-10-11 11:00:00" case close 2018-FX-007 >/dev/null || fail "close case 7"

# an objection during 公告: to the court (产权纠纷), back a week later
at "2018-10-15 10:00:00" case transfer 2018-FX-002 --to 法院 --reason "公告期内异议：产权纠纷" >/dev/null ||
	fail "transfer"
at "2018-10-22 10:00:00" case return 2018-FX-002 >/dev/null || fail "return"
assert_eq "$(due "$notice")" "2018-11-08 00:00:00" "the notice period after five working days in court"

# the leading group decided: case 6 goes on and closes; the agreement is kept
at "2018-10-23 10:00:00" done "$(sql "SELECT max(a.id) FROM actions a WHERE a.case_id = 6")" >/dev/null
for id in $(p 6); do
	at "2018-10-23 10:00:00" next drop "$id" --reason "领导小组决定由住建局直接办结" >/dev/null ||
		fail "drop case 6's proposal $id"
done
at "2018-10-23 11:00:00" case close 2018-FX-006 >/dev/null || fail "close case 6"
at "2018-10-30 16:00:00" done "$agreement" --note "工资已足额支付" >/dev/null
at "2018-10-31 10:00:00" case close 2018-FX-004 --ceased >/dev/null || fail "close case 4"

# 11-08: the notice period has run: the office is told; 公告 done, registration follows
daemon_at "2018-11-08 09:00:00"
ended() { [ -n "$(to 【期满】)" ]; }
wait_for 30 ended || fail "the office was not told that the notice period ran: $(mail_list)"
daemon_stop
assert_eq "$(to 【期满】)" "fxb@example.gov.cn " "the period's end, to the office"
at "2018-11-08 10:00:00" done "$notice" --note "公告期满无异议" >"$T/out" || fail "done 公告"
grep -q "assigned to bdc, due .*办理不动产登记" "$T/out" || fail "no registration: $(cat "$T/out")"
grep -q "proposed .*出具税务认定意见 to swj" "$T/out" || fail "no tax opinion proposed: $(cat "$T/out")"
registration=$(last)
assert_eq "$(due "$registration")" "2018-11-13 00:00:00" \
	"registration: 3 days, to 11-11, a Sunday: to 11-12 24:00"
at "2018-11-08 10:30:00" next drop "$(p 2 tax-opinion)" --reason "税款另行追缴，不影响办证" >/dev/null
at "2018-11-09 16:00:00" done "$registration" --note "已发证" >/dev/null
at "2018-11-12 10:00:00" case close 2018-FX-002 --ceased >/dev/null || fail "close case 2"

# the end: every case closed, no proposal left open, two petitioners ceased, one escalation
assert_eq "$(sql "SELECT count(*) FROM proposals WHERE decided_at IS NULL")" 0 "open proposals"
assert_eq "$(sql "SELECT count(*) FROM cases WHERE status = 'closed'")" 9 "cases closed"
at "2018-11-30 10:00:00" --csv report --from 2018-09-01 --to 2018-11-30 >"$T/report.csv" || fail "report"
grep -q "^all,合计,[0-9]*,[0-9]*,[0-9]*,0,0,1,[^,]*,9,9,100.0%,22.2%," "$T/report.csv" ||
	fail "the report: $(cat "$T/report.csv")"
exit 0
