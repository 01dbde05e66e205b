#!/bin/bash
# The systemd notification protocol, seen by a real NOTIFY_SOCKET listener:
# READY, STATUS, WATCHDOG pings from the loop (and none while the loop is
# blocked), RELOADING then READY on SIGHUP, STOPPING on SIGTERM.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "r"]' 'deadline = 1 week'
seed_db

$PY "$TOP/tests/integ/notifylisten.py" "$T/notify.sock" "$T/notify.log" &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; cleanup' EXIT
wait_for 5 grep -q LISTENING "$T/notify.log" || fail "listener did not start"

# on PostgreSQL, where several daemons share the work, each says who it is
who=""
[ -n "$PGDB" ] && who="duband@$(hostname): "
NOTIFY_SOCKET="$T/notify.sock" WATCHDOG_USEC=1000000 start_daemon
wait_for 5 grep -q ' READY=1$' "$T/notify.log" || fail "no READY=1"
grep -qF " STATUS=${who}0 open actions, 0 overdue; mail: 0 queued, 0 failed" "$T/notify.log" ||
	fail "no STATUS line: $(cat "$T/notify.log")"
pings() { grep -c ' WATCHDOG=1$' "$T/notify.log"; }
enough_pings() { [ "$(pings)" -ge 4 ]; }
wait_for 5 enough_pings || fail "fewer than 4 watchdog pings in 5 s"

# The status line follows the data: a new action is counted.
ctl assign C1 zjj handling >/dev/null || fail "assign"
wait_for 5 grep -qF " STATUS=${who}1 open actions" "$T/notify.log" || fail "STATUS did not follow the change"

kill -HUP "$DAEMON_PID"
wait_for 5 grep -q ' RELOADING=1$' "$T/notify.log" || fail "no RELOADING=1"
after=$(grep -n ' RELOADING=1$' "$T/notify.log" | tail -1 | cut -d: -f1)
wait_for 5 sh -c "tail -n +$after '$T/notify.log' | grep -q ' READY=1\$'" || fail "no READY=1 after RELOADING=1"

# Block the loop: another process holds the database's write lock for 4 s
# while the daemon is woken to do work that needs it.
hold_lock 4
sleep 0.2
$PY -c "import socket,sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b'wake', sys.argv[1])" "$T/duban.sock"
wait "$LOCKER"
sleep 1.5
# the longest gap between pings: about 4 s while blocked; they resumed after
gap=$(awk '/ WATCHDOG=1$/ { if (last) { g = $1 - last; if (g > max) max = g } last = $1 } END { print max }' "$T/notify.log")
[ "$gap" -ge 3000 ] || fail "the watchdog was pinged while the loop was blocked (longest gap ${gap} ms)"
last_ping=$(grep ' WATCHDOG=1$' "$T/notify.log" | tail -1 | cut -d' ' -f1)
[ $(( $(date +%s%3N) - last_ping )) -lt 1500 ] || fail "pings did not resume after the loop was unblocked"

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=""
grep -q ' STOPPING=1$' "$T/notify.log" || fail "no STOPPING=1"
exit 0
