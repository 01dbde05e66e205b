#!/bin/bash
# STARTTLS with certificate verification against a test CA, a wrong CA
# (nothing sent, the reason shown), and AUTH over STARTTLS with the password
# from a file or from a systemd credential.
. "$(dirname "$0")/lib.sh"

setup_dir
bash "$TOP/tests/integ/mkcerts.sh" "$T/certs" || fail "cannot make test certificates"
C=$T/certs
RULE=('[rule "now"]' 'deadline = 30 seconds' 'remind = 20 seconds before')
ago() { TZ=Asia/Shanghai date -d '-10 seconds' '+%F %T'; }
tls_conf() {	# starttls = required, our CA, and extra [smtp] lines
	write_conf "${RULE[@]}"
	sed -i -e "s|^starttls = off$|starttls = required\nca-file = $1|" -e "s|^host = 127.0.0.1$|host = localhost|" "$T/duban.conf"
	shift
	for l in "$@"; do sed -i "s|^\[smtp\]$|[smtp]\n$l|" "$T/duban.conf"; done
}
restart() {
	[ -n "$DAEMON_PID" ] && { kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""; }
	[ -n "$SINK_PID" ] && stop_sink
	rm -rf "$T/mail"
	start_sink --tls-cert "$C/server.pem" --tls-key "$C/server.key" --require-tls "$@"
}

# 1. Verification passes with the right CA.
restart
tls_conf "$C/ca.pem"
seed_db
start_daemon
ctl assign C1 zjj handling --at "$(ago)" >/dev/null || fail "assign"
wait_for 30 has_mail "【预警】" || fail "nothing delivered over STARTTLS: $(ctl mail)"
grep -q "message over TLS" "$T/mail/events" || fail "the message did not come over TLS"

# 2. A CA that did not sign the server's certificate: not sent, reason shown.
restart
tls_conf "$C/other.pem"
start_daemon
ctl case add C2 另一小区 >/dev/null
ctl assign C2 zjj handling --at "$(ago)" >/dev/null || fail "assign 2"
wait_for 10 sh -c "'$DUBANCTL' -f '$T/duban.conf' mail | grep -q 'does not verify'" ||
	fail "no verification failure shown: $(ctl mail)"
[ -f "$T/mail/index" ] && fail "a message was sent to a server whose certificate did not verify"
assert_eq "$(sql "SELECT status FROM notices WHERE action_id = 2")" queued "notice after a bad certificate"

# 3. AUTH over STARTTLS, the password from a file that others cannot read.
restart --auth "fxb:s3cret pass"
printf 's3cret pass\n' >"$T/secret"
chmod 0640 "$T/secret"
tls_conf "$C/ca.pem" "user = fxb" "password-file = $T/secret"
start_daemon
wait_for 30 has_mail "C2" || fail "not delivered with AUTH: $(ctl mail)"
grep -Eq "AUTH (PLAIN|LOGIN) accepted" "$T/mail/events" || fail "no successful AUTH"
grep -q "s3cret" "$T/duband.log" && fail "the password reached the log"

# 4. The password from a systemd credential ($CREDENTIALS_DIRECTORY).
restart --auth "fxb:from credential"
mkdir -p "$T/creds"
printf 'from credential' >"$T/creds/duban-smtp-password"
tls_conf "$C/ca.pem" "user = fxb"
ctl case add C3 第三小区 >/dev/null
CREDENTIALS_DIRECTORY="$T/creds" start_daemon
CREDENTIALS_DIRECTORY="$T/creds" ctl assign C3 zjj handling --at "$(ago)" >/dev/null
wait_for 30 has_mail "C3" || fail "not delivered with the credential's password: $(ctl mail)"

# 5. A password file others can read is a configuration error.
chmod 0644 "$T/secret"
tls_conf "$C/ca.pem" "user = fxb" "password-file = $T/secret"
"$DUBAND" -t -f "$T/duban.conf" 2>"$T/err" && fail "a world-readable password file was accepted"
grep -q "password file $T/secret is readable by others" "$T/err" || fail "message: $(cat "$T/err")"
# and AUTH without TLS is refused
write_conf "${RULE[@]}"
sed -i "s|^\[smtp\]$|[smtp]\nuser = fxb\npassword-file = $T/secret|" "$T/duban.conf"
chmod 0600 "$T/secret"
"$DUBAND" -t -f "$T/duban.conf" 2>"$T/err" && fail "AUTH without TLS was accepted"
grep -q "'user' needs 'starttls = required'" "$T/err" || fail "message: $(cat "$T/err")"
exit 0
