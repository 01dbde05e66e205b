#!/bin/bash
# No resend storm on a full disk: when the mailer's results cannot be
# recorded, dispatch stops (with backoff) until they can; the server gets
# no more than [smtp] in-flight messages meanwhile (3 here), each is sent
# once and recorded once space returns, and the log says so once.
. "$(dirname "$0")/lib.sh"

setup_dir
sqlite_only "a full disk under the SQLite file"
start_sink
port=$SMTP_PORT
stop_sink		# the server is down at first: the notices wait, queued
IN_FLIGHT=3
N=12
write_conf '[rule "fast"]' 'deadline = 2 seconds'
mkdir -p "$T/small"
mount -t tmpfs -o size=3m tmpfs "$T/small" || fail "cannot mount a small filesystem (run as root)"
trap 'umount -l "$T/small" 2>/dev/null; cleanup' EXIT
sed -i "s|^database = .*|database = $T/small/duban.db|" "$T/duban.conf"
sql() { sqlite3 -cmd '.timeout 5000' "$T/small/duban.db" "$@"; }
seed_db
for i in $(seq 1 $N); do
	ctl assign C1 zjj "step$i" >/dev/null || fail "assign $i"
done
start_daemon
tried() { [ "$(sql "SELECT count(*) FROM notices WHERE attempts >= 1")" -ge $N ]; }
wait_for 20 tried || fail "the notices were not tried while the server was down"
# the next try of all at one instant, so that they go in one session
kill "$DAEMON_PID"; wait "$DAEMON_PID"
sql "UPDATE notices SET next_try = $(( $(date +%s%3N) + 4000 ))"
start_daemon

dd if=/dev/zero of="$T/small/filler" bs=16k 2>/dev/null	# until the disk is full
ctl case add C2 满盘 >/dev/null 2>&1 && fail "a write to the full disk succeeded"
start_sink --port "$port"
wait_for 20 test -s "$T/mail/index" || fail "nothing was delivered once the server was up"
sleep 8		# long enough for thousands of resends, as before
got=$(mail_count "")
# the first result cannot be recorded; the mailer goes on until 3 wait
assert_eq "$got" $IN_FLIGHT "messages delivered while the disk was full (in-flight = $IN_FLIGHT)"
nlog=$(grep -c "mail results not recorded" "$T/duband.log")
[ "$nlog" -eq 1 ] || fail "the log says 'mail results not recorded' $nlog times, not once"
kill -0 "$DAEMON_PID" || fail "duband died on a full disk"
# the delivery's state: results waiting for the disk, nothing handed to the server
mailer_state() { ctl status | sed -n 's/^mailer: //p'; }
assert_eq "$(mailer_state)" back-off "the mailer's state while results cannot be recorded"

rm -f "$T/small/filler"
sent() { [ "$(sql "SELECT count(*) FROM notices WHERE status = 'sent'")" -eq $N ]; }
wait_for 60 sent || fail "the results were not recorded once space returned"
idle() { [ "$(mailer_state)" = idle ]; }
wait_for 10 idle || fail "the mailer is $(mailer_state), not idle, once every result is recorded"
sleep 2
assert_eq "$(mail_count "")" $N "messages delivered in all (each notice exactly once)"
grep -q "mail results recorded again" "$T/duband.log" || fail "the recovery is not logged"
assert_eq "$(integrity)" ok "integrity after a full disk"
exit 0
