#!/bin/bash
# SIGKILL after the overdue notice and before the escalation, then a fresh
# start: exactly one escalation, and the overdue notice is not repeated.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 3 seconds' 'remind = 2 seconds before' \
	'escalate = 5 seconds after -> discipline' 'escalate-cc = none'
seed_db
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign"

overdue_recorded() {
	has_mail "【催办】" &&
	[ "$(sql "SELECT status FROM notices WHERE kind = 'overdue'")" = sent ]
}
wait_for 10 overdue_recorded || fail "the overdue notice was not delivered and recorded"
has_mail "【督办】" && fail "escalated too early for this test"
kill -KILL "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=""
[ "$(sql "SELECT count(*) FROM escalations")" = 0 ] || fail "escalation recorded before the kill"

start_daemon
wait_for 15 has_mail "【督办】" || fail "no escalation after the restart"
sleep 2		# anything repeated would have come by now

assert_eq "$(mail_count "【预警】")" 1 "reminders received"
assert_eq "$(mail_count "【催办】")" 1 "overdue notices received"
assert_eq "$(mail_count "【督办】")" 1 "escalations received"
assert_eq "$(sql "SELECT count(*) FROM escalations")" 1 "escalations recorded"
assert_eq "$(integrity)" ok "integrity check"
exit 0
