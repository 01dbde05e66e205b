#!/bin/bash
# A database host that accepts the connection and never answers, first in
# the list (a standby's address that hangs, a firewall that drops): when the
# daemon's connection is lost it connects again without holding its loop.
# The watchdog is fed all the while (never a gap near WATCHDOG_USEC),
# STATUS= says it waits for the database, and once it is through to the
# host that answers it works as before.
. "$(dirname "$0")/lib.sh"

setup_dir
pg_only
start_sink
# the silent host: accepts, reads nothing, says nothing
$PY - "$T/hole.port" <<'PY' &
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(64)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
while True:
    c, _ = s.accept()
    held.append(c)
PY
wait_for 10 test -s "$T/hole.port" || fail "the silent host did not start"
hole=$(cat "$T/hole.port")
sockdir=$(sed -E 's/.*[?&]host=([^&]*).*/\1/' <<<"$DB")
pgport=$(sed -E 's/.*[?&]port=([^&]*).*/\1/' <<<"$DB")
multi=$(sed -E "s|host=[^&]*|host=127.0.0.1,$sockdir|; s|port=[^&]*|port=$hole,$pgport|" <<<"$DB")
POLL="1 second" write_conf '[rule "fast"]' 'deadline = 1 second'
seed_db
# the daemon's configuration names the silent host first; dubanctl's does not
sed "s|^database = .*|database = ${multi//&/\\&}|" "$T/duban.conf" >"$T/d.conf"

$PY "$TOP/tests/integ/notifylisten.py" "$T/notify.sock" "$T/notify.log" &
wait_for 5 grep -q LISTENING "$T/notify.log" || fail "listener did not start"
NOTIFY_SOCKET=$T/notify.sock WATCHDOG_USEC=2000000 "$DUBAND" -d -f "$T/d.conf" >>"$T/duband.log" 2>&1 &
DAEMON_PID=$!
# the first connection passes the silent host (its 5 s) before the daemon is ready
wait_for 30 grep -q " READY=1" "$T/notify.log" || fail "duband did not start: $(cat "$T/duband.log")"
ctl assign C1 zjj fast >/dev/null || fail "assign"
wait_for 15 has_mail "C1" || fail "no notice before the connection was lost"

# the server ends the daemon's session; its next statement finds it gone
lost=$(date +%s%3N)
psql -XAtq "$DB" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null ||
	fail "pg_terminate_backend"
waiting() { grep -q " STATUS=.*waiting for the database" "$T/notify.log"; }
wait_for 20 waiting || fail "STATUS= did not say the daemon waits for the database: $(tail -5 "$T/notify.log")"
again() { grep -q "connected to PostgreSQL again" "$T/duband.log"; }
wait_for 60 again || fail "the daemon did not connect again: $(tail -5 "$T/duband.log")"
back=$(date +%s%3N)
[ $((back - lost)) -ge 4000 ] ||
	fail "connected again in $((back - lost)) ms: the silent host was not tried (it tested nothing)"
# the watchdog's pings from the loss until well after the reconnection
$PY - "$T/notify.log" "$lost" <<'PY' || fail "the watchdog was not fed while the daemon connected again"
import sys
lost = int(sys.argv[2])
pings = [int(l.split()[0]) for l in open(sys.argv[1]) if l.rstrip().endswith(" WATCHDOG=1")]
pings = [t for t in pings if t >= lost - 1000]
gaps = [b - a for a, b in zip(pings, pings[1:])]
print("  %d pings after the loss, the longest gap %d ms" % (len(pings), max(gaps)), file=sys.stderr)
assert len(pings) >= 4 and max(gaps) < 1800, gaps
PY
# and it works as before
ctl case add C2 第二件 >/dev/null || fail "case add"
ctl assign C2 zjj fast >/dev/null || fail "assign after the reconnection"
wait_for 20 has_mail "C2" || fail "no notice after the reconnection"
exit 0
