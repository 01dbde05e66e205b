#!/bin/bash
# duban-web's pages with N actions in the store (default 1,000,000): the
# answer page of a link (GET: the link checked against the action's notices,
# the action, its queue entries and its record read) and a refused link,
# each over keep-alive connections from 8 clients at once, p50/p99 and rate;
# then the office's pages signed in: the board (its first page, and one
# department's), an action's timeline and the figures of the whole store.
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
N=${N:-1000000}
REQUESTS=${REQUESTS:-4000}
T=$(mktemp -d /tmp/duban-bench.XXXXXX)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KEY=$(openssl rand -hex 32)
printf '1 %s\n' "$KEY" >"$T/link.keys"
chmod 600 "$T/link.keys"

run() {	# n
	local n=$1 rss
	rm -f "$T"/duban.db*
	cat >"$T/duban.conf" <<CONF
[daemon]
database = $T/duban.db
calendar = $TOP/conf/calendar/cn.conf
socket = $T/duban.sock
[smtp]
from = fxb@example.gov.cn
[target "discipline"]
email = jw@example.gov.cn
[rule "department-response"]
deadline = 1 week
remind = 2 days before
escalate = 1 workday after -> discipline
[web]
listen = 127.0.0.1:$PORT
keys = $T/link.keys
CONF
	"$BUILD/dubanctl" -f "$T/duban.conf" init >/dev/null
	/usr/bin/python3 "$TOP/bench/mkdb.py" "$T/duban.db" "$n"
	echo "bench-office-password" | "$BUILD/dubanctl" -f "$T/duban.conf" user add bench --role office >/dev/null
	# a reminder on record for 1,000 actions spread over the store, as the daemon queues them
	sqlite3 "$T/duban.db" "INSERT INTO notices (action_id, kind, level, seq, recipient, subject,
		message, message_id, status, created_at, cycle)
		SELECT a.id, 'reminder', 0, 0, d.email, 'x', '', 'm' || a.id, 'sent', 0, 0
		FROM actions a JOIN departments d ON d.id = a.dept_id
		WHERE a.id % ($n / 1000) = 0; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	"$BUILD/duban-web" -f "$T/duban.conf" 2>/dev/null &
	PIDS+=($!)
	local pid=$!
	while [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/")" != 404 ]; do
		sleep 0.05
	done
	/usr/bin/python3 - "$T/duban.db" "$KEY" "$PORT" "$REQUESTS" "$n" <<'PY'
import base64, hashlib, hmac, http.client, sqlite3, struct, sys, threading, time
db, key, port, total, n = sys.argv[1], bytes.fromhex(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rows = sqlite3.connect(db).execute("SELECT action_id, recipient FROM notices").fetchall()
exp = int(time.time() * 1000) + 86400000
def sign(a, r, k=key):
    p = struct.pack(">IQIQQ", 1, a, 0, exp, a)
    m = hmac.new(k, b"duban-link-v1\0" + p + r.lower().encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(p + m).decode().rstrip("=")
def bench(tokens, want):
    lat, lock, bad = [], threading.Lock(), []
    def client(part):
        c = http.client.HTTPConnection("127.0.0.1", port)
        for t in part:
            t0 = time.perf_counter()
            c.request("GET", "/l/" + t)
            r = c.getresponse(); r.read()
            d = time.perf_counter() - t0
            with lock:
                lat.append(d)
                if r.status != want: bad.append(r.status)
    th = [threading.Thread(target=client, args=(tokens[i::8],)) for i in range(8)]
    t0 = time.perf_counter()
    for x in th: x.start()
    for x in th: x.join()
    wall = time.perf_counter() - t0
    lat.sort()
    assert not bad, "unexpected answers: %s" % bad[:5]
    return lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.99)] * 1000, len(lat) / wall
good = [sign(rows[i % len(rows)][0], rows[i % len(rows)][1]) for i in range(total)]
forged = [sign(rows[i % len(rows)][0], rows[i % len(rows)][1], b"x" * 32) for i in range(total)]
p50, p99, rate = bench(good, 200)
f50, f99, frate = bench(forged, 403)
print("| %s | %.1f ms | %.1f ms | %.0f/s | %.1f ms | %.0f/s |" % (format(n, ","), p50, p99, rate, f99, frate))
PY
	/usr/bin/python3 - "$T/duban.db" "$PORT" "$n" >"$T/office.txt" <<'PY'
import http.client, re, sqlite3, sys, threading, time, urllib.parse
db, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
c = http.client.HTTPConnection("127.0.0.1", port)
c.request("GET", "/login"); r = c.getresponse(); page = r.read().decode()
form = re.search(r'name="form" value="([^"]*)"', page).group(1)
body = urllib.parse.urlencode({"name": "bench", "password": "bench-office-password", "form": form})
c.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                   "Origin": "http://127.0.0.1:%d" % port})
r = c.getresponse(); r.read()
cookie = r.getheader("Set-Cookie").split(";")[0]
dept = sqlite3.connect(db).execute("SELECT code FROM departments ORDER BY id LIMIT 1").fetchone()[0]
def bench(paths, clients=4):
    lat, lock = [], threading.Lock()
    def client(part):
        k = http.client.HTTPConnection("127.0.0.1", port)
        for p in part:
            t0 = time.perf_counter()
            k.request("GET", p, headers={"Cookie": cookie})
            r = k.getresponse(); r.read()
            assert r.status == 200, (p, r.status)
            with lock: lat.append(time.perf_counter() - t0)
    th = [threading.Thread(target=client, args=(paths[i::clients],)) for i in range(clients)]
    for x in th: x.start()
    for x in th: x.join()
    lat.sort()
    return lat[len(lat) // 2] * 1000, lat[int(len(lat) * 0.99)] * 1000
rows = [("board, first page", ["/board"] * 400), ("board, one department", ["/board?dept=" + dept] * 400),
        ("board, page 50", ["/board?page=49"] * 200),
        ("action timeline", ["/action/%d" % (1 + i * (n // 400)) for i in range(400)]),
        ("figures, whole store", ["/report"] * 8)]
for name, paths in rows:
    p50, p99 = bench(paths, 4 if len(paths) > 8 else 1)
    print("| %s | %s | %.1f ms | %.1f ms |" % (format(n, ","), name, p50, p99))
PY
	echo
	echo "| actions in the store | office's page (signed in, 4 clients) | p50 | p99 (target: under 50 ms) |"
	echo "|---|---|---|---|"
	cat "$T/office.txt"
	rss=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status)
	echo "(duban-web peak resident memory: $((rss / 1024)) MB)"
	kill "$pid"
	wait "$pid" 2>/dev/null
}

echo "| actions in the store | answer page p50 | p99 (target: under 50 ms) | pages per second (8 clients) | refused link p99 | refused per second |"
echo "|---|---|---|---|---|---|"
for n in $N; do
	run "$n"
done
