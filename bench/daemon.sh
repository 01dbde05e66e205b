#!/bin/bash
# The daemon with N open actions (default 1,000,000): start to READY,
# resident memory, idle wake-ups, and the recompute after a rule change
# (SIGHUP to READY, seen by a NOTIFY_SOCKET listener).
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
N=${N:-1000000}
IDLE=${IDLE:-30}
T=$(mktemp -d /tmp/duban-bench.XXXXXX)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT

cat >"$T/duban.conf" <<CONF
[daemon]
database = $T/duban.db
calendar = $TOP/conf/calendar/cn.conf
socket = $T/duban.sock
[smtp]
from = fxb@example.gov.cn
port = 9
[target "discipline"]
email = jw@example.gov.cn
[rule "department-response"]
deadline = 1 week
remind = 2 days before
escalate = 1 workday after -> discipline
CONF
"$BUILD/dubanctl" -f "$T/duban.conf" init >/dev/null
/usr/bin/python3 "$TOP/bench/mkdb.py" "$T/duban.db" "$N"
sqlite3 "$T/duban.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sync

/usr/bin/python3 "$TOP/tests/integ/notifylisten.py" "$T/notify.sock" "$T/notify.log" &
PIDS+=($!)
while ! grep -q LISTENING "$T/notify.log" 2>/dev/null; do sleep 0.05; done
ms() { date +%s%3N; }
ready_count() { grep -c ' READY=1$' "$T/notify.log"; }
wait_ready() { while [ "$(ready_count)" -lt "$1" ]; do sleep 0.005; done; }

t0=$(ms)
NOTIFY_SOCKET=$T/notify.sock "$BUILD/duband" -f "$T/duban.conf" 2>/dev/null &
pid=$!
PIDS+=($pid)
wait_ready 1
ready=$(( $(grep ' READY=1$' "$T/notify.log" | head -1 | cut -d' ' -f1) - t0 ))
sleep 1
rss=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status)
c1=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$pid/status)
sleep "$IDLE"
c2=$(awk '/^voluntary_ctxt_switches/ { print $2 }' /proc/$pid/status)
wakeups=$(( (c2 - c1) * 60 / IDLE ))

sed -i 's/^deadline = 1 week$/deadline = 10 workdays/' "$T/duban.conf"
t0=$(ms)
kill -HUP $pid
wait_ready 2
recompute=$(( $(grep ' READY=1$' "$T/notify.log" | sed -n 2p | cut -d' ' -f1) - t0 ))
hwm=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status)
moved=$(sqlite3 "$T/duban.db" "SELECT count(*) FROM deadline_audit")

echo "| daemon with $N open actions | measured | target |"
echo "|---|---|---|"
echo "| start to READY | $ready ms | under 1 s |"
echo "| resident memory after start | $((rss / 1024)) MB | under 32 MB |"
echo "| wake-ups per minute while idle (no watchdog, poll-interval 10 s) | $wakeups | the next event and the watchdog only |"
echo "| recompute after a rule change (SIGHUP to READY), $moved deadlines moved | $recompute ms | under 10 s |"
echo "| peak resident memory (VmHWM), including the recompute's 16 MB page cache | $((hwm / 1024)) MB | |"
