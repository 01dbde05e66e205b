# Shared by the integration tests: a private daemon in a temporary directory,
# a real SMTP server on loopback, and assertions on the mail it received.
# Source it; call setup_dir first. Everything started is stopped on exit.

set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
# the build's own message catalogues; English unless a test asks for Chinese
export TEXTDOMAINDIR="$BUILD/locale"
unset LANGUAGE LANG LC_MESSAGES
DUBAND="$BUILD/duband"
DUBANCTL="$BUILD/dubanctl"
PY=/usr/bin/python3
T=""
SINK_PID=""
DAEMON_PID=""
FAILED=0

cleanup() {
	[ -n "$DAEMON_PID" ] && kill -9 "$DAEMON_PID" 2>/dev/null
	[ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null
	# whatever else the test started (a second daemon, a listener): a test
	# that failed half-way must not wait for them for ever
	local p
	for p in $(jobs -p); do
		[ "$p" = "$SINK_PID" ] || kill -9 "$p" 2>/dev/null
	done
	wait 2>/dev/null
	if [ -n "${PGDB:-}" ] && [ "$FAILED" = 0 ]; then
		for d in $PGDB ${PGDB_MORE:-}; do
			psql -Xq "$DUBAN_TEST_PG" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1
		done
	fi
	if [ "$FAILED" = 0 ] && [ -n "$T" ]; then
		rm -rf "$T"
	elif [ -n "$T" ]; then
		echo "  (files kept in $T)" >&2
	fi
}
trap cleanup EXIT

fail() {
	echo "  FAIL: $*" >&2
	FAILED=1
	[ -f "$T/duband.log" ] && { echo "  --- duband log (last 60 lines):" >&2; tail -n 60 "$T/duband.log" | sed "s/^/  | /" >&2; }
	[ -f "$T/web.log" ] && { echo "  --- duban-web log (last 20 lines):" >&2; tail -n 20 "$T/web.log" | sed "s/^/  | /" >&2; }
	exit 1
}

# With DUBAN_TEST_PG (a libpq URI of a server's database, see tests/pgserver)
# each test gets a PostgreSQL database of its own instead of a SQLite file:
# DB is what the configuration's database says, and sql() speaks to it.
setup_dir() {
	T=$(mktemp -d /tmp/duban-test.XXXXXX)
	DB=$T/duban.db
	PGDB=""
	if [ -n "${DUBAN_TEST_PG:-}" ]; then
		PGDB=t_$(basename "$T" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')
		psql -Xq "$DUBAN_TEST_PG" -c "CREATE DATABASE $PGDB" >/dev/null ||
			fail "cannot create the test's database $PGDB"
		DB=$(pg_uri "$PGDB")
		pg_shims "$DB"
	fi
}

# The tests' own SQL is SQLite's: the few functions it uses that PostgreSQL
# lacks, in the test's database only (the product's SQL needs none of them).
pg_shims() {
	psql -Xq -v ON_ERROR_STOP=1 "$1" >/dev/null <<'SQL' || fail "the tests' SQL functions on PostgreSQL"
CREATE FUNCTION test_gc(acc text, v text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END$$;
CREATE FUNCTION test_gc1(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$SELECT test_gc(acc, v, ',')$$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = test_gc, STYPE = text);
CREATE AGGREGATE group_concat(text) (SFUNC = test_gc1, STYPE = text);
CREATE FUNCTION test_gc1i(acc text, v bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$SELECT test_gc(acc, v::text, ',')$$;
CREATE AGGREGATE group_concat(bigint) (SFUNC = test_gc1i, STYPE = text);
CREATE AGGREGATE total(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0');
CREATE FUNCTION datetime(v bigint, unit text, m text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$SELECT to_char((to_timestamp(v) AT TIME ZONE 'UTC') + m::interval, 'YYYY-MM-DD HH24:MI:SS')$$;
CREATE FUNCTION datetime(v bigint, unit text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$SELECT to_char(to_timestamp(v) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')$$;
SQL
}

# fresh_db: a new, empty database in the test's place (dubanctl init makes
# its schema); the old one is kept aside as $OLD_DB (a file, or a URI)
fresh_db() {
	if [ -n "${PGDB:-}" ]; then
		FRESH_N=$(( ${FRESH_N:-0} + 1 ))
		psql -Xq "$DUBAN_TEST_PG" -c "CREATE DATABASE ${PGDB}_$FRESH_N" >/dev/null ||
			fail "cannot create a fresh database"
		PGDB_MORE="${PGDB_MORE:-} ${PGDB}_$FRESH_N"
		OLD_DB=$DB
		DB=$(pg_uri "${PGDB}_$FRESH_N")
		pg_shims "$DB"
		sed -i "s|^database = .*|database = ${DB//&/\\&}|" "$T/duban.conf"
	else
		FRESH_N=$(( ${FRESH_N:-0} + 1 ))
		OLD_DB=$T/old$FRESH_N.db
		mv "$T/duban.db" "$OLD_DB"
		rm -f "$T/duban.db-wal" "$T/duban.db-shm"
	fi
}

# pg_uri NAME: the test server's URI for database NAME
pg_uri() {
	sed -E "s|^(postgres(ql)?://[^/]*/)[^?]*|\1$1|" <<<"$DUBAN_TEST_PG"
}

# pg_only / sqlite_only: end a test that speaks of one engine on the other
pg_only() {
	[ -n "${PGDB:-}" ] || { echo "  (PostgreSQL only: DUBAN_TEST_PG is not set)"; exit 0; }
}
sqlite_only() {
	[ -z "${PGDB:-}" ] || { echo "  (SQLite only${1:+: $1})"; exit 0; }
}

# start_sink [extra smtpsink options]: SMTP server on a free loopback port
start_sink() {
	rm -f "$T/mail/port"
	$PY "$TOP/tests/integ/smtpsink.py" --dir "$T/mail" --quiet "$@" >"$T/sink.log" 2>&1 &
	SINK_PID=$!
	wait_for 10 test -s "$T/mail/port" || fail "the SMTP sink did not start: $(cat "$T/sink.log")"
	SMTP_PORT=$(cat "$T/mail/port")
}

stop_sink() {
	kill "$SINK_PID" 2>/dev/null
	wait "$SINK_PID" 2>/dev/null
	SINK_PID=""
}

# write_conf RULE-LINES...: a configuration for this test
write_conf() {
	{
		cat <<CONF
[daemon]
database = $DB
calendar = $TOP/conf/calendar/cn.conf
socket = $T/duban.sock
poll-interval = ${POLL:-30 seconds}
office = 房信办
office-email = fxb@example.gov.cn
[mail]
digest = ${DIGEST:-no}
digest-window = ${WINDOW:-0}
[smtp]
host = 127.0.0.1
port = ${SMTP_PORT:-25}
starttls = off
from = 同江市房信办 <fxb@example.gov.cn>
timeout = 5 seconds
retry-min = 1 second
retry-max = 2 seconds
${IN_FLIGHT:+in-flight = $IN_FLIGHT}
[target "discipline"]
name = 市纪委监委监督工作组
email = jw@example.gov.cn
CONF
		printf '%s\n' "$@"
	} >"$T/duban.conf"
}

# WRAP (e.g. "valgrind --error-exitcode=99 ...") runs the programs under a tool.
WRAP=${WRAP:-}

ctl() {
	$WRAP "$DUBANCTL" -f "$T/duban.conf" "$@"
}

# A database with one department and one case.
seed_db() {
	ctl init >/dev/null || fail "dubanctl init"
	ctl dept add zjj 住建局 --head 于海滨 --email zjj@example.gov.cn >/dev/null || fail "dept add"
	ctl case add C1 某小区办证 --category 2 >/dev/null || fail "case add"
}

start_daemon() {
	$WRAP "$DUBAND" -d -f "$T/duban.conf" >>"$T/duband.log" 2>&1 &
	DAEMON_PID=$!
	wait_for 30 test -S "$T/duban.sock" || fail "duband did not start"
}

# wait_for SECONDS COMMAND...: poll every 50 ms until COMMAND succeeds
wait_for() {
	local limit=$1 i=0
	shift
	while ! "$@" 2>/dev/null; do
		i=$((i + 1))
		[ $i -ge $((limit * 20)) ] && return 1
		sleep 0.05
	done
	return 0
}

# The received mail, one line each: file recipient subject
mail_list() {
	[ -f "$T/mail/index" ] || return 0
	cut -f1,3,4 "$T/mail/index"
}

mail_count() {
	mail_list | grep -c -- "${1:-}" || true
}

has_mail() {
	[ "$(mail_count "$1")" -ge "${2:-1}" ]
}

# LD_PRELOAD for libfaketime (the MT one with MT=1); a build with ASan needs
# its runtime first.
faketime_preload() {
	local ft asan
	ft=$(ls /usr/lib/*/faketime/libfaketime${MT:+MT}.so.1 2>/dev/null | head -1)
	[ -n "$ft" ] || return 1
	asan=$(ldd "$DUBAND" | awk '/libasan/ { print $3 }')
	echo "${asan:+$asan }$ft"
}

# hold_lock SECONDS: another process takes the database's write lock and
# keeps it that long; returns once the lock is held, with its pid in LOCKER.
hold_lock() {
	rm -f "$T/locked"
	if [ -n "${PGDB:-}" ]; then
		psql -Xq "$DB" >/dev/null 2>&1 <<SQL &
BEGIN;
LOCK TABLE actions, notices, events IN ACCESS EXCLUSIVE MODE;
\! touch "$T/locked"
SELECT pg_sleep($1);
COMMIT;
SQL
		LOCKER=$!
		wait_for 5 test -e "$T/locked" || fail "could not lock the database"
		return
	fi
	$PY - "$T/duban.db" "$T/locked" "$1" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("COMMIT")
PY
	LOCKER=$!
	wait_for 5 test -e "$T/locked" || fail "could not lock the database"
}

sql() {
	if [ -n "${PGDB:-}" ]; then
		# (a comparison's value as SQLite prints it: 1 or 0, not t or f)
		local out rc
		out=$(psql -XAtq -F '|' -v ON_ERROR_STOP=1 "$DB" -c "$*")
		rc=$?
		[ -n "$out" ] && sed -E ':a; s/(^|\|)t(\||$)/\11\2/; s/(^|\|)f(\||$)/\10\2/; ta' <<<"$out"
		return $rc
	else
		sqlite3 -cmd '.timeout 5000' "$T/duban.db" "$@"
	fi
}

# integrity: "ok", or what is wrong (SQLite's integrity_check; on PostgreSQL
# amcheck's heap and B-tree checks of every table and index)
integrity() {
	local n
	if [ -n "${PGDB:-}" ]; then
		sql "CREATE EXTENSION IF NOT EXISTS amcheck" >/dev/null || { echo "no amcheck"; return; }
		n=$(sql "SELECT count(*) FROM pg_class c, LATERAL verify_heapam(c.oid)
			WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace")
		sql "SELECT bt_index_check(c.oid, true) FROM pg_class c JOIN pg_am a ON a.oid = c.relam
			WHERE c.relkind = 'i' AND a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace" \
			>/dev/null 2>"$T/amcheck" || n="index: $(cat "$T/amcheck")"
		[ "$n" = 0 ] && echo ok || echo "corrupt: $n"
	else
		sql "PRAGMA integrity_check"
	fi
}

# received_vs_stored: the messages the SMTP sink received against the
# notices stored, by Message-ID: fails on a notice that never arrived or a
# message the database does not know (a lost commit); sets DUPS, the
# messages received more than once.
received_vs_stored() {
	grep -h '^Message-ID:' "$T"/mail/*.eml | tr -d '\r' | sort >"$T/received"
	sql "SELECT '<' || message_id || '>' FROM notices" | sed 's/^/Message-ID: /' | sort >"$T/expected"
	assert_eq "$(comm -13 <(sort -u "$T/received") "$T/expected" | wc -l)" 0 \
		"notices that never reached the server"
	assert_eq "$(comm -23 <(sort -u "$T/received") "$T/expected" | wc -l)" 0 \
		"messages received that the database does not know (a lost commit)"
	DUPS=$(( $(wc -l <"$T/received") - $(sort -u "$T/received" | wc -l) ))
}

assert_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# burst N RULE OFFSET_MS: N actions of case C for 20 departments, all due
# OFFSET_MS from now (see burst.py).
burst() {
	$PY "$TOP/tests/integ/burst.py" "$DB" "$1" "$3" 20 "$2" >/dev/null
}

# The shipped configuration on this test's files, SMTP server and templates
# (copied beside it: templates live in the configuration's directory); more
# sed expressions may follow.
shipped_conf() {
	mkdir -p "$T/templates"
	cp "$TOP"/conf/templates/*.txt "$T/templates/"
	sed -e "s|^database = .*|database = ${DB//&/\\&}|" -e "s|^socket = .*|socket = $T/duban.sock|" \
		-e "s|^calendar = .*|calendar = $TOP/conf/calendar/cn.conf|" \
		-e "s|^templates = .*|templates = templates|" \
		-e "s|^host = .*|host = 127.0.0.1|" -e "s|^port = .*|port = $SMTP_PORT|" \
		-e "s|^starttls = .*|starttls = off|" "$@" "$TOP/conf/duban.conf" >"$T/duban.conf"
}

# A free TCP port on loopback.
free_port() {
	$PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# web_setup: a link key (KEY, id 7) in $T/link.keys, ports WPORT (pages) and
# MPORT (/metrics), URL; WEB_LINES the [web] section for write_conf.
web_setup() {
	WPORT=$(free_port)
	MPORT=$(free_port)
	URL="http://127.0.0.1:$WPORT"
	KEY=$(openssl rand -hex 32)
	printf '# id key\n7 %s\n' "$KEY" >"$T/link.keys"
	chmod 600 "$T/link.keys"
	WEB_LINES=('[web]' "listen = 127.0.0.1:$WPORT" "metrics = 127.0.0.1:$MPORT" \
		"keys = $T/link.keys")
}

web_up() {
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/")" = 404 ]
}

start_web() {
	"$BUILD/duban-web" -d -f "$T/duban.conf" >>"$T/web.log" 2>&1 &
	WEB_PID=$!
	wait_for 10 web_up || fail "duban-web did not start: $(cat "$T/web.log")"
}

# mail_link SUBJECT-START [TEXT-IN-SUBJECT]: the answer link of the first such mail
mail_link() {
	$PY - "$T/mail" "$1" "${2:-}" <<'PY'
import email, email.policy, glob, re, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    if m["Subject"].startswith(sys.argv[2]) and sys.argv[3] in m["Subject"]:
        found = re.search(r"在线签收与反馈：(\S+)", m.get_content())
        if found:
            print(found.group(1))
            break
PY
}
