#!/bin/bash
# Lateness of transitions: from the due instant to the outbox commit
# (notices.created_at) and to the SMTP server's acceptance (notices.sent_at),
# for single items spread over a few seconds and for 100,000 items due at the
# same instant (one message each, then digests for 100 recipients). Uses
# postfix's smtp-sink when installed, else aiosmtpd. Also the peak memory.
# ROWS selects rows (single, burst, digest, alone: the burst with no server,
# its transitions alone), BURST the burst's size.
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
BURST=${BURST:-100000}
T=$(mktemp -d /tmp/duban-bench.XXXXXX)
PIDS=()
. "$TOP/bench/lib.sh"
trap 'devlog_stop; kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
devlog_start
bench_sink

# run NAME N SPREAD_MS DIGEST [none]: with "none", no server and office hours
# that hold every notice: the transitions alone, until every notice is committed
run() {
	local name=$1 n=$2 spread=$3 digest=$4 alone=${5:-} pid hwm hours
	rm -f "$T"/duban.db*
	if [ "$alone" = none ]; then
		# and office hours far from now: every notice waits for them, none is tried
		bench_conf 9 "$digest"
		if [ "$(date +%H)" -lt 12 ]; then hours=23:00-23:01; else hours=03:00-03:01; fi
		sed -i "s/^\[daemon\]\$/&\noffice-hours = $hours/" "$T/duban.conf"
	else
		bench_conf "$port" "$digest"
	fi
	"$BUILD/dubanctl" -f "$T/duban.conf" init >/dev/null
	/usr/bin/python3 "$TOP/tests/integ/burst.py" "$T/duban.db" "$n" 2000 100 r "$spread" >/dev/null
	${BENCH_WRAP:-} "$BUILD/duband" ${BENCH_ARGS:-} -f "$T/duban.conf" 2>${BENCH_LOG:-/dev/null} &
	pid=$!
	PIDS+=($pid)
	hwm=0
	while :; do
		h=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status 2>/dev/null)
		[ -n "$h" ] && hwm=$h
		if [ "$alone" = none ]; then
			left=$(sqlite3 -cmd '.timeout 5000' "$T/duban.db" \
			    "SELECT (SELECT count(*) FROM actions WHERE next_at IS NOT NULL) + $n - (SELECT count(*) FROM notices)")
		else
			left=$(sqlite3 -cmd '.timeout 5000' "$T/duban.db" \
			    "SELECT (SELECT count(*) FROM actions WHERE next_at IS NOT NULL) + (SELECT count(*) FROM notices WHERE status <> 'sent')")
		fi
		[ "$left" = 0 ] && break
		sleep 0.2
	done
	kill $pid; wait $pid 2>/dev/null
	sqlite3 "$T/duban.db" >"$T/stats" <<'SQL'
CREATE TEMP TABLE l AS SELECT n.created_at - a.due_at AS c, n.sent_at - a.due_at AS s
  FROM notices n JOIN actions a ON a.id = n.action_id;
SELECT count(*) FROM l;
SELECT c FROM l ORDER BY c LIMIT 1 OFFSET (SELECT count(*) / 2 FROM l);
SELECT c FROM l ORDER BY c LIMIT 1 OFFSET (SELECT count(*) * 99 / 100 FROM l);
SELECT max(c) FROM l;
SELECT s FROM l ORDER BY s LIMIT 1 OFFSET (SELECT count(*) / 2 FROM l);
SELECT s FROM l ORDER BY s LIMIT 1 OFFSET (SELECT count(*) * 99 / 100 FROM l);
SELECT max(s) FROM l;
SELECT count(DISTINCT sent_message_id) FROM notices;
SELECT min(s) FROM l;
SQL
	mapfile -t v <"$T/stats"
	if [ "$alone" = none ]; then
		echo "| $name | (no server) | ${v[1]} / ${v[2]} / ${v[3]} ms: $(( v[3] * 1000 / n )) µs a transition | | 0 | $((hwm / 1024)) MB |"
		return
	fi
	echo "| $name | ${v[8]} ms | ${v[1]} / ${v[2]} / ${v[3]} ms | ${v[4]} / ${v[5]} / ${v[6]} ms | ${v[7]} | $((hwm / 1024)) MB |"
}

echo "| items due ($server on loopback) | first accepted | due to outbox commit, p50 / p99 / max | due to the server's acceptance, p50 / p99 / max | messages | peak RSS |"
echo "|---|---|---|---|---|---|"
# ROWS: which rows to run (default all): single burst digest alone
for row in ${ROWS:-single burst digest alone}; do
	case $row in
	single)	run "200 single items, 20 ms apart" 200 4000 no ;;
	burst)	run "$BURST items due at the same instant, one message each" "$BURST" 0 no ;;
	digest)	run "$BURST items due at the same instant, digests for 100 recipients" "$BURST" 0 yes ;;
	alone)	run "$BURST items due at the same instant, no server: the transitions alone" "$BURST" 0 no none ;;
	esac
done
