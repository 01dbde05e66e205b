#!/bin/bash
# A digest the server refuses for good: every notice in it is marked failed,
# and the office gets one report for the refused message, listing its items,
# not one report per item.
. "$(dirname "$0")/lib.sh"

N=30
setup_dir
start_sink --reject zjj@example.gov.cn
DIGEST=yes WINDOW="3 seconds" write_conf '[rule "fast"]' 'deadline = 60 seconds' 'remind = 57 seconds before'
seed_db
# one notification time for all: their reminders fall due together, however
# slowly the commands run on a loaded machine
at=$(TZ=Asia/Shanghai date '+%F %T')
for i in $(seq 1 $N); do
	ctl case add "W$i" 汇总 >/dev/null
	ctl assign "W$i" zjj handling --at "$at" >/dev/null || fail "assign $i"
done
start_daemon
all_failed() { [ "$(sql "SELECT count(*) FROM notices WHERE status = 'failed' AND kind = 'reminder'")" -eq $N ]; }
wait_for 20 all_failed || fail "the digest's notices were not all marked failed"
wait_for 10 has_mail "【退信】" || fail "no report to the office"
sleep 2
# the assigns may straddle two digest windows: one report per refused message
refused=$(grep -c "refused by the server" "$T/duband.log")
[ "$refused" -le 2 ] || fail "$refused refused messages for $N notices in digest mode"
assert_eq "$(mail_count "【退信】")" "$refused" "reports to the office for $refused refused digests of $N"
f="$T/mail/$(mail_list | grep 退信 | cut -f1 | head -1).eml"
$PY - "$f" "$N" <<'PY' || fail "the report does not list the items"
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
body = m.get_content()
n = int(sys.argv[2])
assert "共" in body and "项" in body, body
PY
exit 0
