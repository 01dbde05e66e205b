#!/bin/bash
# Accounts on the pages: dubanctl user add (yescrypt), sign-in in the audit
# log (refused ones too), a session in a signed cookie (HttpOnly,
# SameSite=Strict) that a forged cookie, a password change or a disabling
# ends, 5 failures from one address then 429 even with the right password;
# the discipline group's queue with each entry's evidence record, acknowledged
# from its page with the session's own form token (once); another role's
# account does not see it.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
web_setup
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline' \
	"${WEB_LINES[@]}"
seed_db
echo "纪检组的密码-2026" | ctl user add jw --role discipline >/dev/null || fail "user add jw"
echo "领导小组的密码-2026" | ctl user add ldxz --role leading-group >/dev/null || fail "user add ldxz"
echo "short" | ctl user add weak --role office 2>/dev/null && fail "a 5-character password accepted"
echo "x-long-enough-1" | ctl user add "a b" --role office 2>/dev/null && fail "a name with a space accepted"
echo "x-long-enough-1" | ctl user add boss --role king 2>/dev/null && fail "an unknown role accepted"
sql "SELECT hash FROM users WHERE name = 'jw'" | grep -q '^\$y\$' || fail "the password is not a yescrypt hash"
sql "SELECT hash FROM users" | grep -q "密码" && fail "a password stored in the clear"
ctl user list | grep -q "^jw  *discipline" || fail "user list: $(ctl user list)"
start_daemon
start_web
ctl assign C1 zjj handling >/dev/null || fail "assign"
wait_for 20 has_mail "【督办】" || fail "no escalation"
qid=$(sql "SELECT id FROM escalations")

code() { curl -s -o "$T/out.html" -D "$T/head" -w '%{http_code}' "$@"; }
token() { sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$T/out.html" | head -1; }
login() {	# NAME PASSWORD: the status code; the cookie in $T/jar
	code "$URL/login" >/dev/null
	code -c "$T/jar" -H "Origin: $URL" --data-urlencode "name=$1" --data-urlencode "password=$2" \
		--data "form=$(token)" "$URL/login"
}
assert_eq "$(code "$URL/queue")" 303 "the queue without a session"
grep -qi "^location: login" "$T/head" || fail "not sent to sign in: $(cat "$T/head")"
assert_eq "$(login jw wrong-password-1)" 403 "a wrong password"
assert_eq "$(login nosuch 纪检组的密码-2026)" 403 "no such account"
assert_eq "$(sql "SELECT count(*) FROM events WHERE what = 'sign-in' AND detail LIKE 'sign-in refused%'")" 2 \
	"refused sign-ins in the audit log"
sql "SELECT detail FROM events WHERE what = 'sign-in'" | grep -q "密码" && fail "a password in the audit log"
assert_eq "$(login jw 纪检组的密码-2026)" 303 "the right password"
grep -qi "^set-cookie: duban_session=.*HttpOnly; SameSite=Strict" "$T/head" || fail "the cookie: $(cat "$T/head")"
assert_eq "$(sql "SELECT who FROM events WHERE what = 'sign-in' AND detail LIKE 'signed in from 127.0.0.1%'")" jw \
	"the sign-in in the audit log"
cp "$T/jar" "$T/jw.jar"
assert_eq "$(code -b "$T/jw.jar" "$URL/queue")" 200 "the queue, signed in"
grep -q "queue/$qid" "$T/out.html" || fail "the entry is not in the queue page"
assert_eq "$(code -b "$T/jw.jar" "$URL/queue/$qid")" 200 "the entry's page"
grep -q '<pre class="record">' "$T/out.html" || fail "no evidence record on the entry's page"
grep -q "C1" "$T/out.html" || fail "the record does not name the case"
form=$(token)
assert_eq "$(code -b "$T/jw.jar" -H "Origin: http://evil.example" --data "op=ack&form=$form" "$URL/queue/$qid")" \
	403 "an ack posted from another origin"
assert_eq "$(sql "SELECT acked_at IS NULL FROM escalations WHERE id = $qid")" 1 "not acked by the forged post"
assert_eq "$(code -b "$T/jw.jar" -H "Origin: $URL" --data-urlencode "note=已接收，约谈住建局" \
	--data "op=ack&form=$form" "$URL/queue/$qid")" 200 "接收 from the page"
assert_eq "$(sql "SELECT acked_at IS NOT NULL FROM escalations WHERE id = $qid")" 1 "acked from the page"
ctl queue show "$qid" | grep -q "jw.*queue ack.*已接收，约谈住建局" || fail "the evidence lacks the ack: $(ctl queue show "$qid")"
assert_eq "$(code -b "$T/jw.jar" -H "Origin: $URL" --data "op=resolve&form=$form&note=x" "$URL/queue/$qid")" \
	403 "the same form again"
# another role does not see the discipline group's entry
assert_eq "$(login ldxz 领导小组的密码-2026)" 303 "the leading group signs in"
assert_eq "$(code -b "$T/jar" "$URL/queue/$qid")" 404 "another group's entry"
code -b "$T/jar" "$URL/queue" >/dev/null
grep -q "queue/$qid" "$T/out.html" && fail "the leading group sees the discipline group's queue"
# a forged cookie, a changed password, a disabled account: no session
sed -E 's/(duban_session\t[0-9]+\.[0-9]+\.[0-9]+\.)[0-9a-f]/\1f/; s/(duban_session\t[0-9]+\.[0-9]+\.[0-9]+\.)f/\10/' \
	"$T/jw.jar" >"$T/forged.jar"
cmp -s "$T/jw.jar" "$T/forged.jar" && fail "the test did not alter the cookie"
assert_eq "$(code -b "$T/forged.jar" "$URL/queue")" 303 "a forged cookie"
echo "新的密码-2026-12" | ctl user password jw >/dev/null || fail "user password"
assert_eq "$(code -b "$T/jw.jar" "$URL/queue")" 303 "a session after the password changed"
ctl user disable ldxz >/dev/null || fail "user disable"
assert_eq "$(code -b "$T/jar" "$URL/queue")" 303 "a session of a disabled account"
assert_eq "$(login ldxz 领导小组的密码-2026)" 403 "a disabled account signs in"
# five failures from one address: then refused whatever the password, and cheaply
for i in 1 2 3; do login jw "guess-$i-xxxxxxxx" >/dev/null; done
assert_eq "$(login jw 新的密码-2026-12)" 429 "the right password after 5 failures from this address"
exit 0
