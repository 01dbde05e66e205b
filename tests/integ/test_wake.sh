#!/bin/bash
# A change made with dubanctl while the daemon runs is acted on within one
# second; with the wake-up lost, the daemon still notices by itself.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
# notified 10 s ago, the reminder is due the moment the action is assigned
POLL="1 hour" write_conf '[rule "now"]' 'deadline = 30 seconds' 'remind = 20 seconds before'
ago() { TZ=Asia/Shanghai date -d '-10 seconds' '+%F %T'; }
seed_db
start_daemon
sleep 0.3
assert_eq "$(stat -c %a "$T/duban.sock")" 660 "control socket mode"
ctl status >"$T/status" || fail "dubanctl status"
grep -q "^pid: $DAEMON_PID$" "$T/status" || fail "status: $(cat "$T/status")"

ms() { date +%s%3N; }
t0=$(ms)
ctl assign C1 zjj handling --at "$(ago)" >/dev/null || fail "assign"
wait_for 5 has_mail "C1 handling" || fail "the reminder never came"
elapsed=$(( $(ms) - t0 ))
[ "$elapsed" -le 1000 ] || fail "the change took ${elapsed} ms to be acted on"
grep -q "^open actions: 1$" <(ctl status) || fail "status does not count the new action"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
ctl status 2>"$T/err" && fail "status answered with the daemon down"
grep -q "no socket there: duband is not running" "$T/err" || fail "status message when down: $(cat "$T/err")"
ctl actions | grep -q ' C1 ' || fail "dubanctl actions does not work with the daemon down"

# Lost wake-up: the daemon runs without its control socket (bound elsewhere).
POLL="1 second" write_conf '[rule "now"]' 'deadline = 30 seconds' 'remind = 20 seconds before'
start_daemon
rm -f "$T/duban.sock"
ctl case add C2 另一小区办证 >/dev/null || fail "case add"
ctl assign C2 zjj handling --at "$(ago)" >/dev/null || fail "assign 2"
wait_for 5 has_mail "C2 handling" || fail "the daemon did not notice the change by itself"
exit 0
