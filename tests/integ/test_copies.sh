#!/bin/bash
# Copies as configured: overdue-cc and remind-cc copy the office, the
# department's cc or the leader; an escalation copies the department head
# unless the rule says otherwise, so that a department learns it was
# escalated.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "quiet"]' 'match = step:quiet' 'deadline = 1 second' \
	'escalate = 1 second after -> discipline' 'escalate-cc = none' \
	'[rule "fast"]' 'deadline = 3 seconds' 'remind = 2 seconds before' 'remind-cc = cc' \
	'overdue-cc = office' 'escalate = 1 second after -> discipline'
seed_db
ctl dept edit zjj --cc "deputy@example.gov.cn" >/dev/null || fail "dept edit --cc"
ctl case add C2 第二件 >/dev/null
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign"
ctl assign C2 zjj quiet >/dev/null || fail "assign quiet"
done_() { [ "$(sql "SELECT count(*) FROM notices WHERE kind = 'escalation' AND status = 'sent'")" -ge 3 ]; }
wait_for 20 done_ || fail "the escalations were not sent: $(mail_list)"
sleep 1
got() { mail_list | grep "$1" | grep "$2" | cut -f2 | sort | tr '\n' ' '; }
assert_eq "$(got 'C1 ' '【预警】')" "deputy@example.gov.cn zjj@example.gov.cn " "reminder recipients"
assert_eq "$(got 'C1 ' '【催办】')" "fxb@example.gov.cn zjj@example.gov.cn " "overdue recipients"
assert_eq "$(got 'C1 ' '【督办】')" "jw@example.gov.cn zjj@example.gov.cn " "escalation recipients (head by default)"
assert_eq "$(got 'C2 ' '【督办】')" "jw@example.gov.cn " "escalation recipients with escalate-cc = none"
exit 0
