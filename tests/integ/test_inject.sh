#!/bin/bash
# No SMTP command injection: a mail address is checked against RFC 5321's
# mailbox syntax where it enters (roster, command line, ledger, configuration)
# and again by the mailer, so that a value stored by any other means never
# reaches the SMTP session.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 2 seconds' 'remind = 1 second before'
seed_db

evil=$'a@x>\r\nRCPT TO:<leak@evil.example'
ctl dept add x X --email "$evil" >/dev/null 2>"$T/err" && fail "dept add took an injected address"
grep -q "email" "$T/err" || fail "the refusal does not name the field: $(cat "$T/err")"
ctl dept add y Y --email zjj@example.gov.cn --cc "ok@example.gov.cn, $evil" >/dev/null 2>&1 &&
	fail "dept add took an injected cc"
ctl dept edit zjj --email "$evil" >/dev/null 2>&1 && fail "dept edit took an injected address"
ctl dept edit zjj --cc "$evil" >/dev/null 2>&1 && fail "dept edit took an injected cc"
ctl case add C9 title --leader "李某 <$evil>" >/dev/null 2>&1 && fail "case add took an injected leader"
ctl mail test "$evil" >/dev/null 2>&1 && fail "mail test took an injected address"
for bad in '@' 'a@' '@b' 'a b@c' 'a@b..c' 'a@-b.c' '"q"@b.c' '用户@b.c' 'a@b_c.d' \
	"$(printf 'x%.0s' $(seq 65))@b.c"; do
	ctl dept add z Z --email "$bad" >/dev/null 2>&1 && fail "dept add took '$bad'"
done
for good in 'a@b' 'first.last+tag@sub.example.gov.cn' "o'neil@example.com" 'x@[127.0.0.1]'; do
	ctl dept add "g$RANDOM" G --email "$good" >/dev/null 2>"$T/err" ||
		fail "dept add refused '$good': $(cat "$T/err")"
done
printf 'code,name,head,title,email\nq,Q,,,"a@x>\r\nRCPT TO:<leak@evil.example>"\n' >"$T/roster.csv"
ctl dept import "$T/roster.csv" >/dev/null 2>"$T/err" && fail "dept import took an injected address"
grep -q 'roster.csv:2: column 5 (email)' "$T/err" || fail "the import error: $(cat "$T/err")"
printf 'code,name,head,title,email\nq,Q,,,q@example.gov.cn\n' >"$T/roster.csv"
ctl dept import "$T/roster.csv" >/dev/null 2>"$T/err" || fail "dept import refused a good roster: $(cat "$T/err")"

# A configuration with an injected office address is refused.
cp "$T/duban.conf" "$T/good.conf"
sed -i 's/^office-email = .*/office-email = not-an-address/' "$T/duban.conf"
ctl check-config >/dev/null 2>&1 && fail "check-config took office-email = not-an-address"
cp "$T/good.conf" "$T/duban.conf"

# A value written straight into the database never reaches the session.
sql "UPDATE departments SET email = '$evil' WHERE code = 'zjj'"
sql "INSERT INTO departments (code, name, email) VALUES ('ok', 'OK', 'ok@example.gov.cn')"
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign to zjj"
ctl assign C1 ok handling >/dev/null || fail "assign to ok"
wait_for 15 has_mail "ok@example.gov.cn" 2 || fail "the valid department got no mail"
wait_for 10 test "$(sql "SELECT count(*) FROM notices WHERE status = 'failed'")" -ge 1 ||
	fail "the notice to the stored bad address was not marked failed"
grep -q 'leak@evil.example' "$T/mail/events" && fail "the injected RCPT reached the server"
assert_eq "$(sql "SELECT count(*) FROM notices WHERE status = 'sent'
	AND recipient NOT LIKE '%@example.gov.cn'")" 0 "notices recorded sent to a bad address"
sql "SELECT reply FROM notices WHERE status = 'failed'" | grep -qi 'address' ||
	fail "the failure does not say the address is invalid"
exit 0
