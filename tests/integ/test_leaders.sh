#!/bin/bash
# The leaders' roster (包案领导): a case names its leader by name, and mail
# finds the address in the roster when it is sent, so that a leader's new
# address reaches every case they own; a leader not in the roster is warned
# of; a bad roster line is refused with its line and column.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 2 seconds' 'overdue-cc = leader'
seed_db
ctl leader add 于海滨 >/dev/null 2>&1 && fail "a leader without an address"
ctl leader add "于海滨 <x@example.gov.cn>" --email yhb@example.gov.cn >/dev/null 2>&1 &&
	fail "a leader's name holding an address"
ctl leader import "$TOP/conf/leaders.csv" >"$T/out" || fail "import the shipped roster: $(cat "$T/out")"
ctl leader add 于海滨 --email yhb@example.gov.cn --title "住建局局长" >/dev/null || fail "leader add"
ctl leader list | grep -q "^于海滨 .*yhb@example.gov.cn" || fail "leader list: $(ctl leader list)"
ctl case add K1 重点案件 --key --leader 于海滨 >"$T/out" 2>&1 || fail "case add --leader"
grep -q warning "$T/out" && fail "a warning for a leader in the roster: $(cat "$T/out")"
ctl case add K2 另一件 --leader 无名氏 2>"$T/err" >/dev/null || fail "case add with an unknown leader"
grep -q "leader '无名氏' is not in the leaders' roster" "$T/err" || fail "no warning: $(cat "$T/err")"

start_daemon
ctl assign K1 zjj handling >/dev/null || fail "assign"
wait_for 15 has_mail "【催办】K1" || fail "no overdue notice"
sleep 1
assert_eq "$(mail_list | grep '【催办】K1' | cut -f2 | sort | tr '\n' ' ')" \
	"yhb@example.gov.cn zjj@example.gov.cn " "the overdue notice copied to the leader by the roster"

# the leader's new address reaches the case's next notice
ctl leader add 于海滨 --email yhb-new@example.gov.cn >/dev/null || fail "leader add again"
ctl assign K1 zjj handling >/dev/null
wait_for 15 has_mail "【催办】K1" 2 || true
wait_for 15 eval 'mail_list | grep -q yhb-new@example.gov.cn' || fail "the new address was not used: $(mail_list)"

# a roster line without an address: refused, nothing imported
printf 'name,title,email\n李四,副市长,\n王五,副市长,wangwu@example.gov.cn\n' >"$T/bad.csv"
ctl leader import "$T/bad.csv" 2>"$T/err" >/dev/null && fail "a bad roster imported"
grep -q "bad.csv:2: column 3 (email)" "$T/err" || fail "the roster error: $(cat "$T/err")"
[ "$(sql "SELECT count(*) FROM leaders WHERE name = '王五'")" = 0 ] || fail "part of a bad roster was imported"
exit 0
