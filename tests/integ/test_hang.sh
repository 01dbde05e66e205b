#!/bin/bash
# SIGTERM while the SMTP server accepts the connection but never answers:
# duband exits within 10 seconds and the notice is still queued, then
# delivered after a restart.
. "$(dirname "$0")/lib.sh"

setup_dir
$PY - "$T/hang" <<'PY' &
import os, socket, sys, time
d = sys.argv[1]
os.makedirs(d)
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(d + "/port", "w").write("%d\n" % s.getsockname()[1])
conns = []
while True:
    c, _ = s.accept()
    conns.append(c)			# never a greeting, never a reply
    open(d + "/accepted", "a").write("x\n")
PY
HANG=$!
trap 'kill $HANG 2>/dev/null; cleanup' EXIT
wait_for 5 test -s "$T/hang/port" || fail "the silent server did not start"
SMTP_PORT=$(cat "$T/hang/port")
write_conf '[rule "now"]' 'deadline = 30 seconds' 'remind = 20 seconds before'
sed -i 's/^timeout = .*/timeout = 2 minutes/' "$T/duban.conf"
seed_db
start_daemon
ctl assign C1 zjj handling --at "$(TZ=Asia/Shanghai date -d '-10 seconds' '+%F %T')" >/dev/null ||
	fail "assign"
wait_for 10 test -s "$T/hang/accepted" || fail "the daemon never connected"
sleep 0.5

t0=$(date +%s%3N)
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
rc=$?
took=$(( $(date +%s%3N) - t0 ))
DAEMON_PID=""
[ "$took" -le 10000 ] || fail "duband took ${took} ms to stop"
assert_eq "$rc" 0 "exit status"
assert_eq "$(sql "SELECT status FROM notices")" queued "the notice after the stop"

# A working server now: the notice goes out once.
start_sink
sed -i "s/^port = .*/port = $SMTP_PORT/" "$T/duban.conf"
start_daemon
wait_for 10 has_mail "【预警】" || fail "the queued notice was not delivered after the restart"
sleep 1
assert_eq "$(mail_count "【预警】")" 1 "reminders received"
assert_eq "$(sql "SELECT status FROM notices")" sent "the notice after delivery"
exit 0
