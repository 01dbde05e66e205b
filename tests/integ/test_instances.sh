#!/bin/bash
# Three daemons share one PostgreSQL database: a burst of due actions (an
# overdue notice each, then an escalation) is worked off by all three; one
# is stopped (SIGSTOP) for longer than its lease and comes back, one is
# SIGKILLed in the middle. Afterwards every notice has reached the
# SMTP server at least once (the killed one's claims are taken over when
# their lease runs out), a duplicate only for what was in flight at the
# kill, every escalation is recorded exactly once, each instance has
# written its own name in the audit log, and a wake-up from dubanctl
# reaches every instance (LISTEN/NOTIFY) without the control socket.
. "$(dirname "$0")/lib.sh"

N=${INSTANCES_ACTIONS:-3000}
setup_dir
pg_only
start_sink --no-fsync
IN_FLIGHT=${IN_FLIGHT:-4}
POLL="60 seconds" write_conf '[rule "burst"]' 'deadline = 2 seconds' \
	'escalate = 2 seconds after -> discipline' 'escalate-cc = none' \
	'[rule "fast"]' 'deadline = 1 second'
sed -i 's/^\[daemon\]$/[daemon]\nlease = 3 seconds/' "$T/duban.conf"
ctl init >/dev/null || fail "dubanctl init on PostgreSQL"
burst "$N" burst 1500

PIDS=()
for name in a b c; do
	sed -e "s|^socket = .*|socket = $T/$name.sock|" -e "s|^\[daemon\]$|[daemon]\ninstance = $name|" \
		"$T/duban.conf" >"$T/$name.conf"
	"$DUBAND" -d -f "$T/$name.conf" >>"$T/$name.log" 2>&1 &
	PIDS+=($!)
	wait_for 30 test -S "$T/$name.sock" || fail "instance $name did not start: $(cat "$T/$name.log")"
done
expected=$((N * 2))
sent() { sql "SELECT count(*) FROM notices WHERE status = 'sent'"; }
# c stops for longer than its lease (the others take its claims), then
# comes back: it must not send what it no longer holds
quarter() { [ "$(sent)" -ge $((N / 4)) ]; }
wait_for 300 quarter || fail "the burst did not start: $(sent) sent"
kill -STOP "${PIDS[2]}"
sleep 5
kill -CONT "${PIDS[2]}"
# b dies in the middle of the burst
half() { [ "$(sent)" -ge $((N / 2)) ]; }
wait_for 300 half || fail "the burst stopped: $(sent) sent"
kill -KILL "${PIDS[1]}"
wait "${PIDS[1]}" 2>/dev/null
all_sent() { [ "$(sent)" -ge "$expected" ]; }
wait_for 600 all_sent || fail "only $(sent) of $expected notices sent with b killed"

assert_eq "$(sql "SELECT count(*) FROM notices")" "$expected" "notices recorded (one overdue, one escalation each)"
assert_eq "$(sql "SELECT count(*) FROM escalations")" "$N" "escalations recorded"
assert_eq "$(sql "SELECT count(*) FROM (SELECT action_id FROM escalations GROUP BY action_id HAVING count(*) > 1) x")" 0 \
	"actions escalated twice"
# the work was shared, and each says who did it
for name in a b c; do
	n=$(sql "SELECT count(*) FROM events WHERE who = 'duband@$name'")
	[ "$n" -gt 0 ] || fail "instance $name wrote nothing in the audit log"
	echo "  instance $name: $n audit lines" >&2
done
# what the server received, by Message-ID
received_vs_stored
# in flight: in-flight messages at b's kill, as many at c's stop
[ "$DUPS" -le $((2 * IN_FLIGHT)) ] || fail "$DUPS duplicates: more than the messages in flight at the kill and the stop"
grep -q "claim on this batch ran out" "$T/c.log" ||
	echo "  (c held no batch when it stopped)" >&2
echo "  $expected notices by 3 instances, one stopped past its lease, one killed: $DUPS duplicates" >&2

# a wake-up reaches the instances through the database, not the socket
rm -f "$T/a.sock" "$T/c.sock" "$T/duban.sock"
before=$(mail_count "zjj@example.gov.cn")
ctl dept add zjj 住建局 --head 于海滨 --email zjj@example.gov.cn >/dev/null || fail "dept add"
ctl case add C1 某小区办证 >/dev/null || fail "case add"
ctl assign C1 zjj fast >/dev/null || fail "assign"
got() { [ "$(mail_count "zjj@example.gov.cn")" -gt "$before" ]; }
wait_for 15 got || fail "no instance heard dubanctl's NOTIFY (poll-interval is 60 s)"
kill -TERM "${PIDS[0]}" "${PIDS[2]}"
wait "${PIDS[0]}" "${PIDS[2]}" 2>/dev/null
exit 0
