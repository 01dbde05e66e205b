#!/bin/bash
# Delivery throughput: N (default 100,000) queued single-recipient notices,
# one mailer thread, to a loopback SMTP server. Prints one table row per
# server: postfix's smtp-sink (C, if installed), with postfix's own
# smtp-source against it for the server's limit, and aiosmtpd (Python; at
# most N_PY of them, default 10,000).
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
N=${N:-100000}
T=$(mktemp -d /tmp/duban-bench.XXXXXX)
PIDS=()
. "$TOP/bench/lib.sh"
trap 'devlog_stop; kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
devlog_start

# A database with N queued notices, each a real composed message.
make_db() {
	rm -f "$T"/duban.db*
	bench_conf "$1" no "同江市房信办 <fxb@example.gov.cn>"
	"$BUILD/dubanctl" -f "$T/duban.conf" init >/dev/null
	"$BUILD/dubanctl" -f "$T/duban.conf" dept add zjj 住建局 --head 于海滨 --email zjj@example.gov.cn >/dev/null
	"$BUILD/dubanctl" -f "$T/duban.conf" case add C1 某小区办证 >/dev/null
	"$BUILD/dubanctl" -f "$T/duban.conf" assign C1 zjj handling >/dev/null
	/usr/bin/python3 - "$T/duban.db" "$N" <<'PY'
import base64, os, sqlite3, sys, textwrap
db, n = sys.argv[1], int(sys.argv[2])
body = "\r\n".join(textwrap.wrap(base64.b64encode(os.urandom(900)).decode(), 76))
msg = ("From: =?UTF-8?B?5ZCM5rGf5biC5oi/5L+h5Yqe?= <fxb@example.gov.cn>\r\n"
       "To: <zjj@example.gov.cn>\r\nSubject: =?UTF-8?B?44CQ6aKE6K2m44CRQzEgaGFuZGxpbmc=?=\r\n"
       "Date: Fri, 27 Nov 2026 10:00:00 +0800\r\n"
       "Message-ID: <duban.bench.%d@example.gov.cn>\r\nAuto-Submitted: auto-generated\r\n"
       "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n" + body + "\r\n")
c = sqlite3.connect(db)
c.executemany(
    "INSERT INTO notices (action_id, kind, level, seq, recipient, subject, message,"
    " message_id, status, next_try, created_at, digest)"
    " VALUES (1, 'reminder', 0, ?, 'zjj@example.gov.cn', 'bench', ?, ?, 'queued', 0, 0, 0)",
    ((i, msg % i, "duban.bench.%d@example.gov.cn" % i) for i in range(1, n + 1)))
c.commit()
PY
}
now_ms() { date +%s%3N; }

run() {	# server-name
	local t0 t1 left dpid
	t0=$(now_ms)
	"$BUILD/duband" -d -f "$T/duban.conf" >"$T/duband.log" 2>&1 &
	dpid=$!
	PIDS+=($dpid)
	# the queue's partial index answers this without reading the messages
	while :; do
		left=$(sqlite3 -cmd '.timeout 2000' "$T/duban.db" "SELECT count(*) FROM notices WHERE status = 'queued'")
		[ "$left" = 0 ] && break
		if [ $(( $(now_ms) - t0 )) -gt 300000 ]; then
			tail -3 "$T/duband.log" >&2
			echo "| $1 | timed out: $left of $N not delivered in 300 s | | |"
			kill "$dpid"; wait "$dpid" 2>/dev/null
			return
		fi
		sleep 0.2
	done
	kill "$dpid"; wait "$dpid" 2>/dev/null
	# from the daemon's start to the last acceptance it recorded
	t1=$(sqlite3 "$T/duban.db" "SELECT max(sent_at) FROM notices")
	printf '| %s | %d | %.2f s | %d |\n' "$1" "$N" "$(echo "($t1 - $t0) / 1000" | bc -l)" \
		"$(( N * 1000 / (t1 - t0) ))"
}

echo "| SMTP server on loopback | notices | time to deliver all | messages per second, 1 mailer thread |"
echo "|---|---|---|---|"
if [ -x /usr/sbin/smtp-sink ]; then
	port=$(free_port)
	/usr/sbin/smtp-sink -u nobody 127.0.0.1:$port 1000 >/dev/null 2>&1 &
	PIDS+=($!)
	sleep 0.3
	make_db "$port"
	run "postfix smtp-sink (C; accepts and discards)"
	# the server's limit: postfix's own client, one session, messages of the same size
	t0=$(now_ms)
	/usr/sbin/smtp-source -d -s 1 -m "$N" -l 1600 -f fxb@example.gov.cn -t zjj@example.gov.cn \
	    127.0.0.1:$port
	t1=$(now_ms)
	printf '| the same smtp-sink, from postfix'"'"'s smtp-source (1 session, no database) | %d | %.2f s | %d |\n' \
	    "$N" "$(echo "($t1 - $t0) / 1000" | bc -l)" "$(( N * 1000 / (t1 - t0) ))"
fi
# the Python server takes a few hundred a second: at most 10,000 (N_PY)
N=$(( N < ${N_PY:-10000} ? N : ${N_PY:-10000} ))
mkdir -p "$T/mail"
/usr/bin/python3 "$TOP/tests/integ/smtpsink.py" --dir "$T/mail" --quiet >/dev/null 2>&1 &
PIDS+=($!)
while [ ! -s "$T/mail/port" ]; do sleep 0.1; done
make_db "$(cat "$T/mail/port")"
run "aiosmtpd 1.4 (Python; parses, fsyncs each message to disk)"
