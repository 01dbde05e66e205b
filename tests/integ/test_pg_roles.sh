#!/bin/bash
# README's roles and grants on PostgreSQL, as written there: an owner that
# makes the schema (dubanctl init), the daemon's role that writes, a clerk's
# role that works through dubanctl. The daemon sends, escalates and records
# with its grants only; neither it nor the clerk can delete or rewrite the
# audit log, the evidence or the escalations, or drop a table.
. "$(dirname "$0")/lib.sh"

setup_dir
pg_only
start_sink
s=$PGDB	# role names of this test's own (roles are the server's, not the database's)
owner=${s}_owner daemon=${s}_duband clerk=${s}_clerk
super() { psql -Xq -v ON_ERROR_STOP=1 "$DB" "$@"; }
super -c "CREATE ROLE $owner NOLOGIN" -c "CREATE ROLE $daemon LOGIN" -c "CREATE ROLE $clerk LOGIN" \
	-c "ALTER DATABASE $PGDB OWNER TO $owner" -c "ALTER SCHEMA public OWNER TO $owner" ||
	fail "roles"
cleanup_roles() { for r in "$daemon" "$clerk" "$owner"; do
	psql -Xq "$DUBAN_TEST_PG" -c "DROP OWNED BY $r" -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done; }
as_role() {	# as_role ROLE: this database's URI for a login as ROLE
	sed -E "s/([?&])user=[^&]*/\\1user=$1/" <<<"$DB"
}
# the owner makes the schema (a superuser acting as the owner)
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline'
sed -i "s|^database = .*|database = ${DB//&/\\&}\\&options=-c%20role%3D$owner|" "$T/duban.conf"
ctl init >/dev/null || fail "init as the owner"
assert_eq "$(super -At -c "SELECT tableowner FROM pg_tables WHERE tablename = 'events'")" "$owner" "the tables' owner"
# the grants, as README gives them
super -c "GRANT USAGE ON SCHEMA public TO $daemon, $clerk" \
	-c "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO $daemon, $clerk" \
	-c "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO $daemon, $clerk" || fail "grants"
# the clerk works through dubanctl
sed -i "s|^database = .*|database = $(as_role "$clerk" | sed 's/&/\\&/g')|" "$T/duban.conf"
ctl dept add zjj 住建局 --head 于海滨 --email zjj@example.gov.cn >/dev/null || fail "dept add as the clerk"
ctl case add C1 某小区办证 >/dev/null || fail "case add as the clerk"
ctl assign C1 zjj fast >/dev/null || fail "assign as the clerk"
# the daemon, with its role
sed "s|^database = .*|database = $(as_role "$daemon" | sed 's/&/\\&/g')|" "$T/duban.conf" >"$T/d.conf"
"$DUBAND" -d -f "$T/d.conf" >>"$T/duband.log" 2>&1 &
DAEMON_PID=$!
wait_for 20 has_mail "【督办】" || fail "the daemon's role did not escalate: $(tail -5 "$T/duband.log")"
wait_for 10 sh -c "[ \"\$(psql -XAt '$DB' -c \"SELECT count(*) FROM notices WHERE status <> 'sent'\")\" = 0 ]" ||
	fail "notices left unsent"
grep -q "permission denied" "$T/duband.log" && fail "the daemon needed more than README grants: $(grep 'permission denied' "$T/duband.log" | head -3)"
ctl done 1 >/dev/null || fail "done as the clerk"
ctl queue ack 1 >/dev/null || fail "queue ack as the clerk"
# nobody but the owner deletes, and triggers refuse even the owner
for r in "$daemon" "$clerk"; do
	for q in "DELETE FROM events" "DELETE FROM evidence" "DELETE FROM escalations" \
		"UPDATE events SET detail = 'x'" "TRUNCATE events" "DROP TABLE notices"; do
		psql -Xq "$(as_role "$r")" -c "$q" >/dev/null 2>&1 && fail "$r could: $q"
	done
done
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""

# An upgrade: the previous release's office (tests/data/schema13.pg.sql, its
# notices queued) owned by the owner, README's grants given then; the owner
# opens it with this release (the migration), and the daemon's and the
# clerk's roles work on with those grants alone, the new tables included.
up=${PGDB}_up
PGDB_MORE="${PGDB_MORE:-} $up"
super -c "CREATE DATABASE $up OWNER $owner" || fail "the upgrade's database"
UP=$(pg_uri "$up")
psql -Xq -v ON_ERROR_STOP=1 "$UP" -c "SET ROLE $owner" -c "ALTER SCHEMA public OWNER TO $owner" \
	-f "$TOP/tests/data/schema13.pg.sql" >/dev/null 2>"$T/load" || fail "the fixture: $(cat "$T/load")"
psql -Xq -v ON_ERROR_STOP=1 "$UP" -c "GRANT USAGE ON SCHEMA public TO $daemon, $clerk" \
	-c "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO $daemon, $clerk" \
	-c "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO $daemon, $clerk" || fail "grants on the fixture"
as() {	# as ROLE [OPTIONS]: a configuration on the upgraded database as ROLE
	awk -v db="$(sed -E "s/([?&])user=[^&]*/\1user=$1/" <<<"$UP")${2:-}" \
		'/^database = / { print "database = " db; next } { print }' "$T/duban.conf" >"$T/as-$1.conf"
	echo "$T/as-$1.conf"
}
o=$(as "$(psql -XAt "$DB" -c "SELECT current_user")" "&options=-c%20role%3D$owner")
"$DUBANCTL" -f "$o" actions >/dev/null 2>"$T/migrate" || fail "the owner's migration: $(cat "$T/migrate")"
assert_eq "$(psql -XAt "$UP" -c "SELECT value FROM meta WHERE key = 'schema_version'")" 15 "the schema after the upgrade"
"$DUBANCTL" -f "$(as "$clerk")" assign C1 zjj reply --force >/dev/null 2>"$T/assign" ||
	fail "the clerk after the upgrade: $(cat "$T/assign")"
# schema 15's tables, with the grants the migration gave from the actions table's
echo "纪检组的密码-2026" | "$DUBANCTL" -f "$(as "$clerk")" user add jw --role discipline >/dev/null \
	2>"$T/user" || fail "the clerk adds an account after the upgrade: $(cat "$T/user")"
"$DUBANCTL" -f "$(as "$clerk")" requests >/dev/null 2>"$T/req" ||
	fail "the clerk reads the requests after the upgrade: $(cat "$T/req")"
: >"$T/duband.log"
"$DUBAND" -d -f "$(as "$daemon")" >>"$T/duband.log" 2>&1 &
DAEMON_PID=$!
up_sql() { psql -XAt "$UP" -c "$1"; }
unsent() { up_sql "SELECT count(*) FROM notices WHERE status = 'queued'"; }
# every notice worked off, the new one (composed from its format) among them
worked() { [ "$(unsent)" = 0 ] &&
	[ "$(up_sql "SELECT count(*) FROM notices WHERE format IS NOT NULL AND status <> 'queued'")" -ge 1 ]; }
wait_for 60 worked ||
	fail "after the upgrade, $(unsent) notices queued: $(grep -i 'denied\|error' "$T/duband.log" | head -3)"
grep -q "permission denied" "$T/duband.log" &&
	fail "after the upgrade the daemon needed more than README's grants: $(grep 'permission denied' "$T/duband.log" | head -3)"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
cleanup_roles
exit 0
