#!/bin/bash
# 疑难案件 上报领导小组: the office refers a case to the leading group, a queue
# of its own beside the discipline group's (one queue, by target): its
# evidence record, its mail to the group (a referral, not an overdue
# notice), acknowledged and resolved with the same commands; the report's
# escalations count only the rule's.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[target "leading-group"]' 'name = 专项整治工作领导小组' 'email = ldxz@example.gov.cn' \
	'[rule "week"]' 'deadline = 7 days' 'escalate = 1 second after -> discipline'
seed_db
ctl assign C1 zjj handling --what 核验回迁确认书 >/dev/null || fail "assign"
start_daemon
ctl queue refer 1 --target leading-group >/dev/null 2>&1 && fail "a referral without a reason"
ctl queue refer 1 --target nobody --reason x >/dev/null 2>&1 && fail "a referral to an unknown target"
ctl queue refer 1 --target leading-group --reason "涉及多部门，需领导小组协调" >"$T/out" ||
	fail "refer: $(cat "$T/out")"
grep -q "action 1 referred to 专项整治工作领导小组: queue entry 1" "$T/out" || fail "refer said: $(cat "$T/out")"
ctl queue refer 1 --target leading-group --reason again >/dev/null 2>&1 && fail "referred twice"
wait_for 15 has_mail "【上报】" || fail "no referral mail: $(mail_list)"
assert_eq "$(mail_list | grep '【上报】' | cut -f2 | sort | tr '\n' ' ')" "fxb@example.gov.cn ldxz@example.gov.cn " \
	"the referral's recipients"
mail_list | grep -q "【督办】" && fail "a referral sent as an escalation"
ctl queue show 1 >"$T/record" || fail "queue show"
grep -q "^督办记录 / evidence record: referral 1 (to leading-group, by the office)" "$T/record" ||
	fail "the record: $(head -3 "$T/record")"
grep -q "refer .*referred to leading-group <ldxz@example.gov.cn>: 涉及多部门，需领导小组协调" "$T/record" ||
	fail "the record lacks the reason: $(cat "$T/record")"
assert_eq "$(ctl --csv queue --target leading-group | tail -n +2 | cut -d, -f1,3,4)" "1,0,leading-group" \
	"the leading group's queue"
assert_eq "$(ctl --csv queue --target discipline | tail -n +2 | wc -l)" 0 "the discipline group's queue"
ctl queue ack 1 --note "已列入领导小组会议议题" >/dev/null || fail "ack"
ctl queue resolve 1 --note "领导小组会议决定由住建局牵头办理" >/dev/null || fail "resolve"
assert_eq "$(ctl --csv report | grep '^all,' | cut -d, -f8)" 0 "escalations in the report"
exit 0
