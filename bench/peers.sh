#!/bin/bash
# make bench-peers: duband against Alertmanager 0.25 (Debian's
# prometheus-alertmanager), N items crossing their deadline at one instant,
# one mail per item, to the same loopback SMTP server. Lateness is measured
# at the server's side: each message's receipt time (matched by Message-ID,
# a duplicate counted once) minus the deadline. Two servers: postfix's
# smtp-sink (C, one listener; each message dumped to a file whose time is
# its receipt) and bench/recvsink.py (asyncio, accepts many connections at
# once). For Alertmanager the deadline is the instant its alerts are posted
# (1,000 per request, as a scheduler in front of it would); its route gives
# each item its own group with group_wait 0s, so it mails each at once.
# PEER_N: the sizes (default "1000 10000 100000"); PEER_SERVERS: which
# servers (default "smtp-sink asyncio"). Installs what it needs from Debian.
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
SIZES=${PEER_N:-1000 10000 100000}
SERVERS=${PEER_SERVERS:-smtp-sink asyncio}
LIMIT=${PEER_LIMIT:-900}	# seconds a row may take before it is cut
AM=/usr/bin/prometheus-alertmanager
PY=/usr/bin/python3

if [ ! -x "$AM" ] || [ ! -x /usr/sbin/smtp-sink ]; then
	echo "installing prometheus-alertmanager and postfix (for smtp-sink) from Debian" >&2
	apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    prometheus-alertmanager postfix >/dev/null || { echo "cannot install them" >&2; exit 1; }
fi
T=$(mktemp -d /tmp/duban-peers.XXXXXX)
chmod 755 "$T"
PIDS=()
. "$TOP/bench/lib.sh"
trap 'devlog_stop; kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
devlog_start
now_ms() { date +%s%3N; }

# The server for one row: SRV_PID, SRV_PORT; received() counts what it accepted.
start_server() {
	SRV_PORT=$(free_port)
	rm -rf "$T/dump" "$T/recv.log"
	case $1 in
	smtp-sink)
		mkdir -m 0777 "$T/dump"
		/usr/sbin/smtp-sink -u nobody -d "$T/dump/%H%M%S." 127.0.0.1:"$SRV_PORT" 4096 \
		    >/dev/null 2>&1 &
		;;
	asyncio)
		$PY "$TOP/bench/recvsink.py" "$SRV_PORT" "$T/recv.log" 2>"$T/recv.err" &
		;;
	esac
	SRV_PID=$!
	PIDS+=($SRV_PID)
	while ! $PY -c "import socket; socket.create_connection(('127.0.0.1', $SRV_PORT)).close()" \
	    2>/dev/null; do sleep 0.05; done
}
stop_server() { kill "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null; }
received() {
	if [ -d "$T/dump" ]; then find "$T/dump" -type f | wc -l; else wc -l <"$T/recv.log"; fi
}

# Wait for n messages at the server (or the limit); then "first p50 p99 distinct".
lateness() {	# due_ms n
	local t0 got
	t0=$(now_ms)
	while got=$(received); [ "$got" -lt "$2" ]; do
		[ $(( $(now_ms) - t0 )) -gt $((LIMIT * 1000)) ] && break
		sleep 0.2
	done
	sleep 0.3	# a dump file's last write
	$PY - "$T" "$1" <<'PY'
import os, sys
top, due = sys.argv[1], int(sys.argv[2]) * 1000000
seen = {}
if os.path.isdir(os.path.join(top, "dump")):
    for d, _, files in os.walk(os.path.join(top, "dump")):
        for f in files:
            p = os.path.join(d, f)
            t = os.stat(p).st_mtime_ns
            key = p
            with open(p, "rb") as fp:
                for line in fp:
                    if line[:12].lower() == b"message-id: ":
                        key = line[12:].strip()
                        break
            seen[key] = min(t, seen.get(key, t))
else:
    for line in open(os.path.join(top, "recv.log")):
        t, key = line.rstrip("\n").split("\t", 1)
        seen[key] = min(int(t), seen.get(key, int(t)))
late = sorted((t - due) / 1e6 for t in seen.values())
if not late:
    print("- - - 0")
else:
    q = lambda f: late[min(len(late) - 1, int(len(late) * f))]
    print("%d %d %d %d" % (late[0], q(0.5), q(0.99), len(late)))
PY
}
cpu_s() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat"; }
hwm_mb() { awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$1/status"; }

run_duband() {	# n → "first p50 p99 distinct cpu rss"
	local n=$1 due pid stats
	rm -f "$T"/duban.db*
	bench_conf "$SRV_PORT" no
	"$BUILD/dubanctl" -f "$T/duban.conf" init >/dev/null
	due=$($PY "$TOP/tests/integ/burst.py" "$T/duban.db" "$n" 2000 100 r)
	"$BUILD/duband" -f "$T/duban.conf" 2>/dev/null &
	pid=$!
	PIDS+=($pid)
	stats=$(lateness "$due" "$n")
	echo "$stats $(cpu_s $pid) $(hwm_mb $pid)"
	kill "$pid"; wait "$pid" 2>/dev/null
}

run_am() {	# n → "first p50 p99 distinct cpu rss"
	local n=$1 due pid stats web
	web=$(free_port)
	rm -rf "$T/am"
	mkdir "$T/am"
	cat >"$T/am/am.yml" <<YML
route:
  receiver: mail
  group_by: ['item']
  group_wait: 0s
  group_interval: 1h
  repeat_interval: 24h
receivers:
  - name: mail
    email_configs:
      - to: d@example.gov.cn
        from: fxb@example.gov.cn
        smarthost: 127.0.0.1:$SRV_PORT
        require_tls: false
        send_resolved: false
YML
	"$AM" --config.file="$T/am/am.yml" --storage.path="$T/am/data" \
	    --web.listen-address=127.0.0.1:"$web" --cluster.listen-address= >"$T/am/log" 2>&1 &
	pid=$!
	PIDS+=($pid)
	while ! curl -sf "http://127.0.0.1:$web/-/ready" >/dev/null; do sleep 0.1; done
	due=$(( $(now_ms) + 2000 ))
	$PY - "$web" "$n" "$due" <<'PY' &
import datetime, json, sys, time, urllib.request
web, n, due = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
starts = datetime.datetime.fromtimestamp(due / 1000, datetime.timezone.utc).isoformat()
batches = [json.dumps([{"labels": {"alertname": "overdue", "item": str(i)}, "startsAt": starts}
                       for i in range(k, min(n, k + 1000))]).encode() for k in range(0, n, 1000)]
time.sleep(max(0, due / 1000 - time.time()))
for b in batches:
    urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:%s/api/v2/alerts" % web,
                           data=b, headers={"Content-Type": "application/json"})).read()
PY
	PIDS+=($!)
	stats=$(lateness "$due" "$n")
	echo "$stats $(cpu_s $pid) $(hwm_mb $pid)"
	kill "$pid"; wait "$pid" 2>/dev/null
}

echo "Alertmanager: $("$AM" --version 2>&1 | head -1)"
echo
echo "| server | N | first mail: duband / AM | p50: duband / AM | p99: duband / AM | AM's p99 ÷ duband's | CPU: duband / AM | peak RSS: duband / AM |"
echo "|---|---|---|---|---|---|---|---|"
for server in $SERVERS; do
	for n in $SIZES; do
		start_server "$server"
		read -r df dp50 dp99 dn dcpu drss <<<"$(run_duband "$n")"
		stop_server
		start_server "$server"
		read -r af ap50 ap99 an acpu arss <<<"$(run_am "$n")"
		stop_server
		ratio=$(awk -v a="$ap99" -v d="$dp99" 'BEGIN { if (d > 0) printf "%.1f", a / d; else print "-" }')
		note=""
		[ "$dn" -lt "$n" ] && note=" (duband: $dn of $n in ${LIMIT} s)"
		[ "$an" -lt "$n" ] && note="$note (AM: $an of $n in ${LIMIT} s)"
		echo "| $server | $n$note | $df / $af ms | $dp50 / $ap50 ms | $dp99 / $ap99 ms | $ratio | $dcpu / $acpu s | $drss / $arss MB |"
	done
done
