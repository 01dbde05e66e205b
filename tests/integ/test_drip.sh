#!/bin/bash
# A server that drips its reply one byte every 0.3 s cannot hold the mailer:
# with timeout = 3 seconds the session is cut within the timeout (not after
# the 11 s the drip takes), the message is tried again, and the rest of the
# queue moves.
. "$(dirname "$0")/lib.sh"

setup_dir
$PY "$TOP/tests/integ/dripsink.py" --dir "$T/drip" --drip 1 >"$T/drip.log" 2>&1 &
SINK_PID=$!
wait_for 10 test -s "$T/drip/port" || fail "the drip server did not start"
SMTP_PORT=$(cat "$T/drip/port")
write_conf '[rule "fast"]' 'deadline = 1 second'
sed -i 's/^timeout = .*/timeout = 3 seconds/' "$T/duban.conf"
seed_db
ctl case add C2 第二件 >/dev/null
start_daemon
ctl assign C1 zjj one >/dev/null || fail "assign one"
wait_for 10 grep -q " data 1$" "$T/drip/events" || fail "the first message never reached DATA"
sleep 0.5
ctl assign C2 zjj two >/dev/null || fail "assign two"
sent() { [ "$(sql "SELECT count(*) FROM notices WHERE status = 'sent'")" -ge 2 ]; }
wait_for 30 sent || fail "the queue did not move after the dripping server: $(cat "$T/drip/events")"
# the mailer is free again when it opens the next session
data1=$(awk '$2 == "data" && $3 == 1 { print $1 }' "$T/drip/events")
next=$(awk '$2 == "connect" && $3 == 2 { print $1 }' "$T/drip/events")
[ -n "$next" ] || fail "no second session: $(cat "$T/drip/events")"
held=$(awk -v a="$data1" -v b="$next" 'BEGIN { printf "%.1f", b - a }')
awk -v h="$held" 'BEGIN { exit !(h <= 4.5) }' ||
	fail "the dripping server held the session $held s with timeout = 3 seconds"
grep -q "took longer than" "$T/duband.log" || fail "the log does not say why the session was cut"
echo "  a dripping reply held the mailer $held s (timeout 3 s; the drip takes 11 s)" >&2
exit 0
