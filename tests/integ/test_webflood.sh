#!/bin/bash
# Slow and many clients: 300 connections that send half a request and wait
# (slowloris) against max-connections = 100 and timeout = 2 seconds, and a
# flood of requests meanwhile. The daemon, a process of its own, delivers
# its notice as if nothing happened; duban-web closes the idle connections
# when their time is up and answers the link again; nothing is recorded.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
web_setup
write_conf '[rule "slow"]' 'deadline = 2 hours' 'remind = 7195 seconds before' "${WEB_LINES[@]}" \
	'max-connections = 100' 'timeout = 2 seconds'
seed_db
start_daemon
start_web

$PY - "$WPORT" "$T/slow.out" <<'PY' &
import socket, sys, time
port, out = int(sys.argv[1]), sys.argv[2]
socks = []
for i in range(300):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /l/x HTTP/1.1\r\nHost: a\r\nX-Slow: ")
        socks.append(s)
    except OSError:
        pass
closed, t0 = 0, time.time()
for s in socks:
    s.settimeout(max(0.1, 8 - (time.time() - t0)))
    try:
        closed += s.recv(1) == b""
    except socket.timeout:
        pass		# still held open: the timeout did not work
    except OSError:
        closed += 1	# reset, or refused beyond the limit
open(out, "w").write("%d %d\n" % (len(socks), closed))
PY
SLOW=$!
# a flood of plain requests meanwhile (each refused: no such link)
$PY - "$WPORT" <<'PY' &
import http.client, sys, time
end = time.time() + 4
while time.time() < end:
    try:
        c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=2)
        c.request("GET", "/l/AAAA"); c.getresponse().read(); c.close()
    except Exception:
        time.sleep(0.01)
PY
FLOOD=$!
ctl assign C1 zjj handling >/dev/null || fail "assign"
wait_for 15 has_mail "【预警】" || fail "the reminder did not arrive during the flood"
wait "$SLOW"
wait "$FLOOD"
read -r opened closed <"$T/slow.out"
[ "$opened" -ge 100 ] || fail "only $opened slow connections were opened"
assert_eq "$closed" "$opened" "slow connections closed by duban-web (their time is up, or beyond the limit)"
link=$(mail_link "【预警】")
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$link")" 200 "the link after the flood"
kill -0 "$WEB_PID" || fail "duban-web died under the flood"
assert_eq "$(sql "SELECT count(*) FROM events WHERE who LIKE 'link:%'")" 0 "answers recorded by the flood"

# one address may hold per-address connections: the rest are closed at once
kill "$WEB_PID"; wait "$WEB_PID" 2>/dev/null
sed -i 's/^timeout = 2 seconds$/timeout = 30 seconds\nper-address = 10/' "$T/duban.conf"
start_web
$PY - "$WPORT" <<'PY' >"$T/per.out"
import socket, sys, time
socks = []
for i in range(50):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
    s.sendall(b"GET /l/x HTTP/1.1\r\nHost: a\r\nX-Slow: ")
    socks.append(s)
time.sleep(1)
closed = 0
for s in socks:
    s.settimeout(0.2)
    try:
        closed += s.recv(1) == b""
    except socket.timeout:
        pass
    except OSError:
        closed += 1
print(closed)
PY
assert_eq "$(cat "$T/per.out")" 40 "connections beyond per-address = 10, closed at once"
exit 0
