#!/bin/bash
# Failover without losing a notice: a primary and a synchronous streaming
# standby (pg_basebackup), two duband instances on a multi-host connection
# string with target_session_attrs=read-write, a burst of due actions. In
# the middle of it the primary dies; the standby is promoted and, as a
# failover manager does, its synchronous_standby_names is emptied (it has no
# standby of its own to wait for). The daemons connect to it and carry on:
# every due notice arrives, nothing the server received is unknown to the
# database (nothing committed was lost), no action is escalated twice, and
# the daemons said they were waiting for the database.
. "$(dirname "$0")/lib.sh"

N=${FAILOVER_ACTIONS:-1000}
setup_dir
pg_only
P1=$T/pg1 P2=$T/pg2
chmod 0755 "$T"	# the servers run as an unprivileged user
port1=$((40000 + RANDOM % 10000)) port2=$((port1 + 1))
stop_servers() { "$TOP/tests/pgserver" stop "$P1"; "$TOP/tests/pgserver" stop "$P2"; }
trap 'stop_servers; cleanup' EXIT
"$TOP/tests/pgserver" start "$P1" "$port1" >/dev/null || fail "the primary did not start"
primary="postgresql:///duban?host=$P1&port=$port1&user=duban"
psql -Xq "$primary" -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" \
	-c "ALTER SYSTEM SET synchronous_commit = 'on'" -c "ALTER SYSTEM SET fsync = 'on'" \
	-c "SELECT pg_reload_conf()" >/dev/null || fail "synchronous replication on the primary"
"$TOP/tests/pgserver" standby "$P2" "$port2" "$P1" "$port1" standby || fail "the standby did not start"
sync() { [ "$(psql -XAt "$primary" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'")" = sync ]; }
wait_for 30 sync || fail "the standby is not synchronous"

DB="postgresql:///duban?host=$P1,$P2&port=$port1,$port2&user=duban&target_session_attrs=read-write"
start_sink --no-fsync
IN_FLIGHT=${IN_FLIGHT:-4}
POLL="2 seconds" write_conf '[rule "burst"]' 'deadline = 2 seconds' \
	'escalate = 2 seconds after -> discipline' 'escalate-cc = none'
sed -i 's/^\[daemon\]$/[daemon]\nlease = 5 seconds/' "$T/duban.conf"
ctl init >/dev/null || fail "dubanctl init on the primary"
burst "$N" burst 1500
# instance a tells systemd's protocol to a listener of the test's
$PY "$TOP/tests/integ/notifylisten.py" "$T/notify.sock" "$T/notify.log" &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; stop_servers; cleanup' EXIT
wait_for 5 grep -q LISTENING "$T/notify.log" || fail "listener did not start"
PIDS=()
for name in a b; do
	sed -e "s|^socket = .*|socket = $T/$name.sock|" -e "s|^\[daemon\]$|[daemon]\ninstance = $name|" \
		"$T/duban.conf" >"$T/$name.conf"
	notify=""
	[ "$name" = a ] && notify=$T/notify.sock
	NOTIFY_SOCKET=$notify WATCHDOG_USEC=2000000 "$DUBAND" -d -f "$T/$name.conf" >>"$T/$name.log" 2>&1 &
	PIDS+=($!)
	wait_for 30 test -S "$T/$name.sock" || fail "instance $name did not start: $(cat "$T/$name.log")"
done
expected=$((N * 2))
sent() { psql -XAt "$DB" -c "SELECT count(*) FROM notices WHERE status = 'sent'" 2>/dev/null || echo 0; }
third() { [ "$(sent)" -ge $((N * 2 / 3)) ]; }
wait_for 120 third || fail "the burst did not start: $(sent) sent"
"$TOP/tests/pgserver" crash "$P1"
# while there is no primary: STATUS= says so, the watchdog is still fed
waiting() { grep -q " STATUS=duband@a: waiting for the database" "$T/notify.log"; }
wait_for 20 waiting || fail "STATUS= did not say the daemon waits for the database: $(tail -5 "$T/notify.log")"
w=$(grep -n " STATUS=duband@a: waiting for the database" "$T/notify.log" | head -1 | cut -d: -f1)
sleep 2
[ "$(tail -n +"$w" "$T/notify.log" | grep -c ' WATCHDOG=1$')" -ge 2 ] ||
	fail "the watchdog was not fed while waiting for the database"
"$TOP/tests/pgserver" promote "$P2" || fail "promote"
psql -Xq "postgresql:///duban?host=$P2&port=$port2&user=duban" \
	-c "ALTER SYSTEM SET synchronous_standby_names = ''" -c "SELECT pg_reload_conf()" >/dev/null ||
	fail "synchronous_standby_names on the promoted standby"
# what the daemons had recorded when the old primary went: the rest is theirs on the new one
at_promotion=$(psql -XAt "postgresql:///duban?host=$P2&port=$port2&user=duban" \
	-c "SELECT count(*) FROM notices WHERE status = 'sent'")
all_sent() { [ "$(sent)" -ge "$expected" ]; }
wait_for 180 all_sent || fail "only $(sent) of $expected notices sent after the failover"

assert_eq "$(sql "SELECT count(*) FROM notices")" "$expected" "notices recorded"
assert_eq "$(sql "SELECT count(*) FROM escalations")" "$N" "escalations recorded"
assert_eq "$(sql "SELECT count(*) FROM (SELECT action_id FROM escalations GROUP BY action_id HAVING count(*) > 1) x")" 0 \
	"actions escalated twice"
# what the server received, by Message-ID
received_vs_stored
[ "$at_promotion" -lt "$expected" ] || fail "everything was sent before the failover: it tested nothing"
echo "  $expected notices by 2 instances across a failover: $DUPS duplicates" >&2
[ "$DUPS" -le $((4 * IN_FLIGHT)) ] || fail "$DUPS duplicates: more than the messages in flight at the failover"
kill -TERM "${PIDS[@]}"
wait "${PIDS[@]}" 2>/dev/null
exit 0
