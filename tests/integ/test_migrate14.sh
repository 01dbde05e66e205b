#!/bin/bash
# Schema 15 (a department's requests by link) on a database made by the
# release before, on either engine: tests/data/schema14.db (SQLite) and
# tests/data/schema14.pg.sql (PostgreSQL, dumped), an office with open, done
# and acknowledged actions. Every row stays as it was, and the daemon, the
# web service and dubanctl carry on: a completion report made by the link of
# a new notice is a request the office confirms.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
web_setup
write_conf '[rule "fast"]' 'match = step:again' 'deadline = 1 hour' 'remind = 3599 seconds before' \
	'[rule "default"]' 'deadline = 10 workdays' 'remind = 2 workdays before' \
	'escalate = 1 workday after -> discipline' 'extend = at most 10 workdays, 1 times' \
	"${WEB_LINES[@]}"
if [ -n "$PGDB" ]; then
	psql -Xq -v ON_ERROR_STOP=1 "$DB" -f "$TOP/tests/data/schema14.pg.sql" >/dev/null 2>"$T/load" ||
		fail "loading the fixture: $(cat "$T/load")"
	version() { sql "SELECT value FROM meta WHERE key = 'schema_version'"; }
else
	cp "$TOP/tests/data/schema14.db" "$T/duban.db"
	chmod 0660 "$T/duban.db"
	version() { sql 'PRAGMA user_version'; }
fi
assert_eq "$(version)" 14 "the fixture's schema"
rows() {
	for t in departments cases actions assignments escalations evidence events pauses \
		deadline_audit extensions notices; do
		sql "SELECT * FROM $t ORDER BY id"
	done
}
rows >"$T/rows.before"
[ "$(wc -l <"$T/rows.before")" -gt 10 ] || fail "the fixture holds too little: $(cat "$T/rows.before")"
ctl actions --all >"$T/actions.before" || fail "dubanctl on a schema 14 database"
assert_eq "$(version)" 15 "the schema after opening"
rows >"$T/rows.after"
cmp -s "$T/rows.before" "$T/rows.after" || fail "rows changed: $(diff "$T/rows.before" "$T/rows.after" | head)"
ctl actions --all >"$T/actions.after"
cmp -s "$T/actions.before" "$T/actions.after" || fail "what dubanctl shows changed"
ctl requests >"$T/requests" || fail "dubanctl requests on the migrated database"
assert_eq "$(wc -l <"$T/requests")" 1 "requests listed (the heading only)"
echo "纪检组的密码-2026" | ctl user add jw --role discipline >/dev/null || fail "an account on the migrated database"
assert_eq "$(sql "SELECT role FROM users WHERE name = 'jw'")" discipline "the account stored"
[ -z "$PGDB" ] && { integrity | grep -qx ok || fail "integrity check after the migration"; }

start_daemon
start_web
ctl assign 2026-FX-001 zjj again >/dev/null || fail "assign after the migration"
wait_for 20 has_mail "again" || fail "the daemon did not carry on after the migration"
link=$(mail_link "【预警】" again)
[ -n "$link" ] || fail "no link in the new reminder"
form=$(curl -s "$link" | sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' | head -1)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $URL" --data "op=done&form=$form" \
	--data-urlencode "text=已办结" "$link")
assert_eq "$code" 200 "a completion report on the migrated database"
id=$(sql "SELECT id FROM requests")
ctl report-done confirm "$id" >/dev/null || fail "confirm on the migrated database"
a=$(sql "SELECT action_id FROM requests WHERE id = $id")
assert_eq "$(sql "SELECT done_at = (SELECT asked_at FROM requests WHERE id = $id) FROM actions WHERE id = $a")" \
	1 "done when reported"
exit 0
