#!/bin/bash
# SIGKILL at random moments while a burst of 10,000 due actions is worked
# off (an overdue notice each, then an escalation: 20,000 messages), 20
# times: afterwards every notice has reached the SMTP server at least once,
# a duplicate only for what was in flight at a kill, every escalation is
# recorded exactly once, and the database passes its integrity check.
. "$(dirname "$0")/lib.sh"

N=${CRASH_ACTIONS:-10000}
ROUNDS=${CRASH_ROUNDS:-20}
setup_dir
start_sink --no-fsync
IN_FLIGHT=${IN_FLIGHT:-4}	# a kill repeats at most these
write_conf '[rule "burst"]' 'deadline = 2 seconds' 'escalate = 2 seconds after -> discipline' \
	'escalate-cc = none'
ctl init >/dev/null
burst "$N" burst 0

expected=$((N * 2))
sent() { sql "SELECT count(*) FROM notices WHERE status = 'sent'"; }
for round in $(seq 1 "$ROUNDS"); do
	start_daemon
	sleep "0.$(( (RANDOM % 9) + 1 ))$(( RANDOM % 10 ))"
	kill -KILL "$DAEMON_PID"
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_PID=""
done
start_daemon
all_sent() { [ "$(sent)" -ge "$expected" ]; }
wait_for 300 all_sent || fail "only $(sent) of $expected notices sent after the kills"
sleep 1

assert_eq "$(integrity)" ok "integrity check"
assert_eq "$(sql "SELECT count(*) FROM notices")" "$expected" "notices recorded (one overdue, one escalation each)"
assert_eq "$(sql "SELECT count(*) FROM escalations")" "$N" "escalations recorded"
assert_eq "$(sql "SELECT count(*) FROM (SELECT action_id FROM escalations GROUP BY action_id HAVING count(*) > 1) x")" 0 \
	"actions escalated twice"
# what the server received, by Message-ID
received_vs_stored
# at most in-flight accepted messages wait to be recorded when a text leaves
[ "$DUPS" -le $((ROUNDS * IN_FLIGHT)) ] || fail "$DUPS duplicates: more than the $ROUNDS kills x $IN_FLIGHT in flight"
echo "  $expected notices, $ROUNDS kills, $DUPS duplicates (in flight at a kill)" >&2
exit 0
