#!/bin/bash
# PostgreSQL and several daemons: N items (default 100,000) due at one
# instant, one message each, to postfix's smtp-sink (aiosmtpd without it),
# worked off by 1, 2 and 3 duband instances sharing one PostgreSQL database,
# beside one duband on SQLite; then 3 instances with one SIGKILLed when half
# the mail is out (its claims are taken over when their lease, 5 s here, runs
# out; that run's server is bench/recvsink.py, which logs each Message-ID,
# for the missing and the duplicates). PostgreSQL runs as shipped (fsync and synchronous_commit on) in a
# temporary directory (tests/pgserver), on a Unix socket.
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
N=${N:-100000}
T=$(mktemp -d /tmp/duban-bench.XXXXXX)
chmod 0755 "$T"
PIDS=()
. "$TOP/bench/lib.sh"
trap 'devlog_stop; kill "${PIDS[@]}" 2>/dev/null; wait 2>/dev/null; "$TOP/tests/pgserver" stop "$T/pg"; rm -rf "$T"' EXIT
command -v psql >/dev/null && [ -x /usr/lib/postgresql/15/bin/initdb ] ||
	{ echo "PostgreSQL 15 is not installed: no PostgreSQL rows"; exit 0; }
devlog_start
bench_sink
pgport=$(free_port)
base=$("$TOP/tests/pgserver" start "$T/pg" "$pgport") || exit 1
psql -Xq "$base" -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = ${PG_SYNC:-on}" \
	-c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
db_n=0

q() {	# q SQL: one value from this run's database
	if [ "$engine" = SQLite ]; then
		sqlite3 -cmd '.timeout 5000' "$T/duban.db" "$1"
	else
		psql -XAtq "$db" -c "$1"
	fi
}

# run ENGINE INSTANCES KILL [PORT]
run() {
	local k=$2 kill=$3 i pids=() hwm=0 start
	engine=$1
	local mport=${4:-$port}
	if [ "$engine" = SQLite ]; then
		rm -f "$T"/duban.db*
		db=$T/duban.db
	else
		db_n=$((db_n + 1))
		psql -Xq "$base" -c "CREATE DATABASE b$db_n" >/dev/null
		db=$(sed -E "s|^(postgresql:///)[^?]*|\1b$db_n|" <<<"$base")
	fi
	bench_conf "$mport" no
	sed -i -e "s|^database = .*|database = ${db//&/\\&}|" -e 's/^\[daemon\]$/[daemon]\nlease = 5 seconds/' "$T/duban.conf"
	"$BUILD/dubanctl" -f "$T/duban.conf" init >/dev/null || exit 1
	/usr/bin/python3 "$TOP/tests/integ/burst.py" "$db" "$N" $((3000 + k * 300)) 100 r >/dev/null
	for i in $(seq 1 "$k"); do
		sed -e "s|^socket = .*|socket = $T/s$i.sock|" -e "s|^\[daemon\]$|[daemon]\ninstance = i$i|" \
			"$T/duban.conf" >"$T/i$i.conf"
		"$BUILD/duband" -f "$T/i$i.conf" 2>/dev/null &
		pids+=($!)
		PIDS+=($!)
	done
	start=$(date +%s%N)
	while :; do
		for p in "${pids[@]}"; do
			h=$(awk '/^VmHWM/ { print $2 }' /proc/$p/status 2>/dev/null)
			[ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
		done
		sent=$(q "SELECT count(*) FROM notices WHERE status = 'sent'")
		[ "$sent" -ge "$N" ] && break
		if [ "$kill" = yes ] && [ "$sent" -ge $((N / 2)) ]; then
			kill -KILL "${pids[1]}"
			kill=done
		fi
		[ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 1800 ] && { echo "| $engine | $k | (not done in 30 min) |"; break; }
		sleep 0.2
	done
	kill "${pids[@]}" 2>/dev/null
	wait "${pids[@]}" 2>/dev/null
	q "SELECT min(n.sent_at - a.due_at), max(n.sent_at - a.due_at), max(n.created_at - a.due_at)
	   FROM notices n JOIN actions a ON a.id = n.action_id" | tr '|' ' ' >"$T/stats"
	read -r first last commit <"$T/stats"
	p99=$(q "SELECT n.sent_at - a.due_at FROM notices n JOIN actions a ON a.id = n.action_id
	   ORDER BY 1 LIMIT 1 OFFSET $((N * 99 / 100))")
	label="$k"
	if [ "$kill" = done ]; then
		# what the server received, by Message-ID
		kill -TERM "$RECV" 2>/dev/null; wait "$RECV" 2>/dev/null
		cut -f2 "$T/recv.log" | tr -d '<>' | sort >"$T/got"
		q "SELECT message_id FROM notices" | tr -d '<>' | sort >"$T/want"
		label="$k, one killed at half: $(comm -13 <(sort -u "$T/got") "$T/want" | wc -l) missing,"
		label="$label $(( $(wc -l <"$T/got") - $(sort -u "$T/got" | wc -l) )) duplicates"
	fi
	printf '| %s | %s | %s | %d ms | %.1f s | %.1f s | %.1f s | %d/s | %d MB |\n' "$engine" "$label" \
		"$(q "SELECT count(*) FROM notices WHERE status = 'sent'")" "$first" \
		"$(echo "$commit / 1000" | bc -l)" "$(echo "$p99 / 1000" | bc -l)" \
		"$(echo "$last / 1000" | bc -l)" "$(echo "$N * 1000 / $last" | bc)" $((hwm / 1024))
}

echo "$N items due at one instant, one message each, to $server; PostgreSQL 15 (fsync on, synchronous_commit ${PG_SYNC:-on}) on a Unix socket:"
echo
echo "| store | instances | sent | first accepted | last transition committed | acceptance p99 | last accepted | messages/s | peak RSS (per instance) |"
echo "|---|---|---|---|---|---|---|---|---|"
run SQLite 1 no
run PostgreSQL 1 no
run PostgreSQL 2 no
run PostgreSQL 3 no
# the kill: a server that logs each Message-ID it accepts (bench/recvsink.py)
rport=$(free_port)
/usr/bin/python3 "$TOP/bench/recvsink.py" "$rport" "$T/recv.log" &
RECV=$!
PIDS+=($RECV)
sleep 0.5
run PostgreSQL 3 yes "$rport"
