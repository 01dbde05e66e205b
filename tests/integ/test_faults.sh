#!/bin/bash
# Faults: the database locked by another process for a while (the daemon
# waits and carries on), a full disk (a clear error, no corruption, recovery
# when space returns), and the wall clock stepped an hour forward and back
# (due items fire once, nothing fires twice).
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
ago() { TZ=Asia/Shanghai date -d "-${1:-10} seconds" '+%F %T'; }
in_() { TZ=Asia/Shanghai date -d "+$1 seconds" '+%F %T'; }

# 1 and 2 are the SQLite file's: its lock, and the disk under it.
if [ -z "$PGDB" ]; then
# 1. Locked for 12 s, longer than SQLite's 10 s busy wait.
write_conf '[rule "soon"]' 'deadline = 30 seconds' 'remind = 25 seconds before'
seed_db
start_daemon
hold_lock 12
# the action was entered before the lock (its reminder falls due during it)
sql "INSERT INTO actions (case_id, dept_id, step, notified_at, rule, due_at, next_at, created_at)
     VALUES (1, 1, 'locked', 0, 'soon', 4102444800000, 1, 0)" 2>/dev/null &&
	fail "wrote to a locked database"
wait "$LOCKER"
ctl assign C1 zjj handling --at "$(ago 10)" >/dev/null || fail "assign after the lock"
wait_for 20 has_mail "【预警】C1 " || fail "the daemon did not carry on after the lock"
kill -0 "$DAEMON_PID" || fail "duband died while the database was locked"

kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""

# 2. A full disk: the database on a 4 MB filesystem of the test's own.
mkdir -p "$T/small"
mount -t tmpfs -o size=4m tmpfs "$T/small" || fail "cannot mount a small filesystem (run as root)"
trap 'umount -l "$T/small" 2>/dev/null; cleanup' EXIT
cp "$T/duban.db" "$T/small/duban.db"
sed -i "s|^database = .*|database = $T/small/duban.db|" "$T/duban.conf"
ctl case add C2 磁盘 >/dev/null
ctl assign C2 zjj handling --at "$(in_ 3)" >/dev/null || fail "assign 2"	# reminder in 8 s... due later
start_daemon
dd if=/dev/zero of="$T/small/filler" bs=64k 2>/dev/null	# until the disk is full
ctl case add C3 满盘 >"$T/out" 2>&1 && fail "a write to a full disk succeeded"
grep -qi "full" "$T/out" || fail "no clear error on a full disk: $(cat "$T/out")"
wait_for 15 grep -q "transitions will be tried again" "$T/duband.log" ||
	fail "the daemon did not report the full disk: $(tail -5 "$T/duband.log")"
grep -qi "full" "$T/duband.log" || fail "the daemon's error does not say the disk is full"
rm -f "$T/small/filler"
wait_for 40 has_mail "【预警】C2 " || fail "no recovery when space returned"
assert_eq "$(integrity)" ok "integrity after a full disk"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
umount -l "$T/small"
trap cleanup EXIT
rm -f "$T/duban.db"*
sed -i "s|^database = .*|database = $T/duban.db|" "$T/duban.conf"
else
	write_conf
fi

# 3. The wall clock stepped an hour forward, then back.
FT=$(MT=1 faketime_preload) || fail "libfaketime is not installed (Debian package faketime)"
[ -n "$PGDB" ] && [ -s "$T/duban.conf" ] && fresh_db
POLL="1 second" write_conf '[rule "half-hour"]' 'deadline = 30 minutes'
sed -i "s/^port = .*/port = $SMTP_PORT/" "$T/duban.conf"
seed_db
ctl case add C4 时钟 >/dev/null
ctl assign C1 zjj later --at "$(ago 0)" >/dev/null	# due in 30 minutes
ctl assign C4 zjj soon --at "$(ago 1797)" >/dev/null	# due in 3 seconds
echo "+0" >"$T/clock"
FAKETIME_TIMESTAMP_FILE=$T/clock FAKETIME_NO_CACHE=1 DONT_FAKE_MONOTONIC=1 LD_PRELOAD="$FT" \
	"$DUBAND" -d -f "$T/duban.conf" >>"$T/duband.log" 2>&1 &
DAEMON_PID=$!
wait_for 10 has_mail "【催办】C4 " || fail "the soon action did not fire"
echo "+3600" >"$T/clock"			# an hour forward: the later one is overdue
wait_for 10 has_mail "【催办】C1 " || fail "the later action did not fire after the clock jumped"
echo "+0" >"$T/clock"			# and back
sleep 4
echo "+3600" >"$T/clock"			# and forward again
sleep 4
assert_eq "$(mail_count "【催办】C4 ")" 1 "overdue notices for the soon action"
assert_eq "$(mail_count "【催办】C1 ")" 1 "overdue notices for the later action"
assert_eq "$(sql "SELECT count(*) FROM notices")" 2 "notices recorded"
exit 0
