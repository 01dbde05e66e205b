#!/bin/bash
# The daemon with N open actions: start to READY, resident memory, idle
# wake-ups, the recompute after a rule change (SIGHUP to READY, seen by a
# NOTIFY_SOCKET listener) and the database's size on disk. N is a list
# (default 1,000,000 and 10,000,000); SCALE=small skips the 10,000,000 row,
# whose data take minutes to make and about 2 GB of disk.
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
if [ "${SCALE:-}" = small ]; then N=${N:-1000000}; else N=${N:-1000000 10000000}; fi
IDLE=${IDLE:-30}
T=$(mktemp -d /tmp/duban-bench.XXXXXX)
PIDS=()
. "$TOP/bench/lib.sh"
trap 'devlog_stop; kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
devlog_start

run() {	# n
	local n=$1 t0 pid ready rss c1 c2 wakeups recompute hwm moved size

	rm -f "$T"/duban.db* "$T/notify.log"
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
	/usr/bin/python3 "$TOP/bench/mkdb.py" "$T/duban.db" "$n"
	sqlite3 "$T/duban.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	size=$(du -m "$T/duban.db" | cut -f1)
	sync

	/usr/bin/python3 "$TOP/tests/integ/notifylisten.py" "$T/notify.sock" "$T/notify.log" &
	PIDS+=($!)
	while ! grep -q LISTENING "$T/notify.log" 2>/dev/null; do sleep 0.05; done

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
	kill $pid
	wait $pid 2>/dev/null
	moved=$(sqlite3 "$T/duban.db" "SELECT count(*) FROM deadline_audit")
	echo "| $n | $ready ms | $((rss / 1024)) MB | $wakeups | $recompute ms ($moved moved) | $((hwm / 1024)) MB | $size MB |"
}

ms() { date +%s%3N; }
ready_count() { grep -c ' READY=1$' "$T/notify.log"; }
wait_ready() { while [ "$(ready_count)" -lt "$1" ]; do sleep 0.005; done; }

echo "| open actions | start to READY (target: under 1 s) | resident memory after start (under 32 MB) | wake-ups per minute while idle (the next event and the watchdog only; none here) | recompute after a rule change, SIGHUP to READY (under 10 s at 1,000,000; under 100 s at 10,000,000) | peak resident memory, recompute included (under 32 MB) | database on disk |"
echo "|---|---|---|---|---|---|---|"
for n in $N; do
	run "$n"
done
[ "${SCALE:-}" = small ] && echo "(SCALE=small: the 10,000,000 row was skipped)"
