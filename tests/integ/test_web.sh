#!/bin/bash
# The answer channel: a notice carries a signed link; opening it (GET, as a
# mail scanner does, three times) changes nothing; only the page's own form,
# posted from its origin once, records 签收 or 进展反馈 through the office
# layer, in the audit log and the evidence record of an escalated item.
# Forged, altered, expired, other-recipient and unknown-key links, CSRF,
# replays, injected markup, a body over the limit and path tricks are each
# refused and change nothing; /metrics passes promtool and counts right.
. "$(dirname "$0")/lib.sh"
WEB="$BUILD/duban-web"
command -v curl >/dev/null || fail "curl is needed"

setup_dir
start_sink
web_setup
write_conf '[rule "fast"]' 'match = step:reply' 'deadline = 4 seconds' \
	'escalate = 1 second after -> discipline' \
	'[rule "slow"]' 'deadline = 2 hours' 'remind = 7195 seconds before' \
	"${WEB_LINES[@]}" 'max-body = 65536'
seed_db
ctl case add C2 另一小区办证 --category 2 --petitioner 张三丰 >/dev/null || fail "case add C2"
"$WEB" -t -f "$T/duban.conf" >"$T/check" 2>&1 || fail "duban-web -t: $(cat "$T/check")"
# a key file others can read is refused, with the file named
chmod 644 "$T/link.keys"
"$WEB" -t -f "$T/duban.conf" 2>"$T/err" && fail "duban-web accepted a key file others can read"
grep -q "link.keys.*owner only" "$T/err" || fail "the key file error does not say why: $(cat "$T/err")"
chmod 600 "$T/link.keys"
# the normalised configuration prints [web], never a key
"$DUBAND" -tv -f "$T/duban.conf" >"$T/printed" 2>&1 || fail "duband -tv: $(cat "$T/printed")"
grep -q "^\[web\]$" "$T/printed" && grep -q "^url = http://127.0.0.1:$WPORT$" "$T/printed" &&
	grep -q "^link-valid = 30 days$" "$T/printed" || fail "[web] printed: $(cat "$T/printed")"
grep -q "$KEY" "$T/printed" && fail "duband -tv printed a key"

start_daemon
start_web

ctl assign C1 zjj handling >/dev/null || fail "assign 1"
wait_for 30 has_mail "【预警】" || fail "no reminder arrived"

# the link, as a mail client shows it
link=$(mail_link "【预警】")
case "$link" in "$URL/l/"*) ;; *) fail "the reminder has no link to the page: '$link'" ;; esac
token=${link#"$URL/l/"}

events() { sql "SELECT count(*) FROM events WHERE action_id = 1"; }
before=$(events)
# a mail scanner opens the link three times: nothing changes
for i in 1 2 3; do
	code=$(curl -s -o "$T/page$i.html" -D "$T/head$i" -w '%{http_code}' "$link")
	assert_eq "$code" 200 "GET of the link ($i)"
done
assert_eq "$(events)" "$before" "audit rows after three GETs"
assert_eq "$(sql "SELECT acked_at IS NULL FROM actions WHERE id = 1")" 1 "received after GETs"
grep -q "案件编号" "$T/page1.html" && grep -q "C1" "$T/page1.html" || fail "the page does not show the action"
grep -qi "^content-security-policy: default-src 'none'; style-src 'sha256-" "$T/head1" ||
	fail "no Content-Security-Policy: $(cat "$T/head1")"
grep -qi "^referrer-policy: same-origin" "$T/head1" || fail "the token could leak by Referer"
grep -qi "^cache-control: no-store" "$T/head1" || fail "the page may be cached"
grep -q "<script" "$T/page1.html" && fail "the page has a script"
# the style's digest in the policy is the inline style's own
$PY - "$T/page1.html" "$T/head1" <<'PY' || fail "the policy's style digest is not the page's style"
import base64, hashlib, re, sys
css = re.search(r"<style>(.*?)</style>", open(sys.argv[1], encoding="utf-8").read(), re.S).group(1)
want = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
assert ("'sha256-%s'" % want) in open(sys.argv[2]).read()
PY
form=$(sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$T/page1.html" | head -1)
[ -n "$form" ] || fail "no form token on the page"

post() {	# post LINK ORIGIN BODY...: the status code
	local l=$1 o=$2
	shift 2
	curl -s -o "$T/post.html" -w '%{http_code}' ${o:+-H "Origin: $o"} "$@" "$l"
}
# CSRF: no token, a made-up token, another site's page
assert_eq "$(post "$link" "$URL" --data 'op=ack')" 403 "POST without the form token"
assert_eq "$(post "$link" "$URL" --data "op=ack&form=1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")" 403 "POST with a made-up token"
assert_eq "$(post "$link" "http://evil.example" --data "op=ack&form=$form")" 403 "POST from another origin"
assert_eq "$(post "$link" "$URL" -H 'Sec-Fetch-Site: cross-site' --data "op=ack&form=$form")" 403 \
	"POST a browser says is cross-site"
assert_eq "$(events)" "$before" "audit rows after refused posts"
# the page's own form: received
assert_eq "$(post "$link" "$URL" --data "op=ack&form=$form")" 200 "签收"
grep -q "已签收" "$T/post.html" || fail "the page does not say it was received"
assert_eq "$(sql "SELECT acked_at IS NOT NULL FROM actions WHERE id = 1")" 1 "received after the form"
sql "SELECT who || ' | ' || detail FROM events WHERE action_id = 1 AND what = 'ack'" >"$T/ack"
grep -q "^link:zjj@example.gov.cn | received (签收) .* by link, from 127.0.0.1$" "$T/ack" ||
	fail "the audit row does not say who and from where: $(cat "$T/ack")"
# the same form again (a replay, a double click): refused, nothing written
n=$(events)
assert_eq "$(post "$link" "$URL" --data "op=ack&form=$form")" 403 "the same form posted again"
assert_eq "$(events)" "$n" "audit rows after a replay"

# progress, with markup in it: stored as said, shown as text
curl -s -o "$T/page.html" "$link"
form=$(sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$T/page.html" | head -1)
assert_eq "$(post "$link" "$URL" --data-urlencode "text=已约谈开发商<script>alert(1)</script>" \
	--data "op=progress&form=$form")" 200 "进展反馈"
assert_eq "$(sql "SELECT count(*) FROM events WHERE action_id = 1 AND what = 'progress'")" 1 "progress rows"
curl -s -o "$T/page.html" "$link"
grep -q "已约谈开发商&lt;script&gt;alert(1)&lt;/script&gt;" "$T/page.html" ||
	fail "the progress is not shown escaped"
grep -q "<script" "$T/page.html" && fail "markup from a department reached the page"
# an empty report, and a control character: refused
form=$(sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$T/page.html" | head -1)
assert_eq "$(post "$link" "$URL" --data "op=progress&form=$form&text=%20")" 422 "an empty report"

# links that are not true: each 403, each logged without the token
sign() {	# sign KEYID HEXKEY ACTION CYCLE EXPIRES_MS RECIPIENT
	$PY - "$@" <<'PY'
import base64, hmac, hashlib, struct, sys
kid, key, action, cycle, expires, rcpt = sys.argv[1:]
p = struct.pack(">IQIQQ", int(kid), int(action), int(cycle), int(expires), 12345)
mac = hmac.new(bytes.fromhex(key), b"duban-link-v1\0" + p + rcpt.lower().encode(), hashlib.sha256).digest()
print(base64.urlsafe_b64encode(p + mac).decode().rstrip("="))
PY
}
future=$(( ($(date +%s) + 86400) * 1000 ))
past=$(( ($(date +%s) - 60) * 1000 ))
own=$(sign 7 "$KEY" 1 0 "$future" zjj@example.gov.cn)
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' "$URL/l/$own")" 200 \
	"a link signed by the test itself (the format is the documented one)"
declare -A bad=(
	[other-recipient]=$(sign 7 "$KEY" 1 0 "$future" someone@example.gov.cn)
	[expired]=$(sign 7 "$KEY" 1 0 "$past" zjj@example.gov.cn)
	[unknown-key]=$(sign 8 "$KEY" 1 0 "$future" zjj@example.gov.cn)
	[other-key]=$(sign 7 "$(openssl rand -hex 32)" 1 0 "$future" zjj@example.gov.cn)
	[other-action]=$(sign 7 "$(openssl rand -hex 32)" 2 0 "$future" zjj@example.gov.cn)
	[malformed]=not-a-token
)
# the true link altered in one character
c=${token:10:1}
[ "$c" = A ] && r=B || r=A
bad[altered]=${token:0:10}$r${token:11}
n=$(events)
for k in "${!bad[@]}"; do
	assert_eq "$(curl -s -o "$T/bad.html" -w '%{http_code}' "$URL/l/${bad[$k]}")" 403 "GET of the $k link"
	form=x
	assert_eq "$(post "$URL/l/${bad[$k]}" "$URL" --data "op=ack&form=$form")" 403 "POST to the $k link"
done
grep -q "已过有效期" <(curl -s "$URL/l/${bad[expired]}") || fail "an expired link does not say so"
assert_eq "$(events)" "$n" "audit rows after false links"
grep -q "link refused from 127.0.0.1: expired" "$T/web.log" || fail "a refused link is not logged"
for k in "${!bad[@]}" x; do
	[ "$k" = x ] && v=$token || v=${bad[$k]}
	[ ${#v} -gt 20 ] && grep -qF -- "$v" "$T/web.log" && fail "the log holds a token ($k)"
done

# too large, path tricks, other methods
head -c 1048576 /dev/zero | tr '\0' a >"$T/big"
assert_eq "$(post "$link" "$URL" --data-binary "@$T/big")" 413 "a body over max-body"
for p in "/l/../../etc/passwd" "/l/$token/../x" "/etc/passwd" "/l/$token/x"; do
	code=$(curl -s --path-as-is -o "$T/trick" -w '%{http_code}' "$URL$p")
	[ "$code" = 404 ] || [ "$code" = 403 ] || fail "$p answered $code"
	grep -q "root:" "$T/trick" && fail "$p served a file"
done
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$link")" 405 "DELETE"

# an escalated item: the answer is appended to its evidence record
ctl assign C2 zjj reply >/dev/null || fail "assign 2"
escalated() { [ "$(sql "SELECT count(*) FROM escalations WHERE action_id = 2")" -gt 0 ]; }
wait_for 20 escalated || fail "action 2 was not escalated"
wait_for 20 has_mail "【督办】" || fail "no escalation mail for action 2"
link2=$(mail_link "【催办】" C2)
[ -n "$link2" ] || fail "the overdue notice has no link"
curl -s -o "$T/page2.html" "$link2"
grep -q "已移交督办" "$T/page2.html" || fail "the escalated item's page does not say so"
grep -q "张\*\*" "$T/page2.html" || fail "the petitioner is not masked"
grep -q "张三丰" "$T/page2.html" && fail "the petitioner's name is on the page"
form=$(sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$T/page2.html" | head -1)
assert_eq "$(post "$link2" "$URL" --data-urlencode "text=已整改到位" --data "op=progress&form=$form")" 200 \
	"progress on an escalated item"
qid=$(sql "SELECT id FROM escalations WHERE action_id = 2 ORDER BY id LIMIT 1")
ctl queue show "$qid" >"$T/evidence" || fail "queue show"
grep -q "progress.*已整改到位" "$T/evidence" || fail "the evidence lacks the answer: $(cat "$T/evidence")"

# /metrics: Prometheus' own checker, and the figures against the database
curl -s -o "$T/metrics" "http://127.0.0.1:$MPORT/metrics" || fail "no /metrics"
if command -v promtool >/dev/null; then
	promtool check metrics <"$T/metrics" >"$T/promtool" 2>&1 || fail "promtool: $(cat "$T/promtool")"
fi
grep -q '^duban_actions{dept="zjj",state="overdue"} 1$' "$T/metrics" || fail "overdue by department: $(grep actions "$T/metrics")"
grep -q '^duban_actions{dept="zjj",state="open"} 1$' "$T/metrics" || fail "open by department"
assert_eq "$(sed -n 's/^duban_outbox_notices{status="sent"} //p' "$T/metrics")" \
	"$(sql "SELECT count(*) FROM notices WHERE status = 'sent'")" "sent notices in /metrics"
grep -q '^duban_daemon_up 1$' "$T/metrics" || fail "the daemon is not seen up"
pass=$(sed -n 's/^duban_daemon_last_pass_timestamp_seconds //p' "$T/metrics")
[ "$pass" -gt $(( $(date +%s) - 60 )) ] || fail "the daemon's last pass is not recent: $pass"
assert_eq "$(sed -n 's/^duban_web_answers_total //p' "$T/metrics")" \
	"$(sql "SELECT count(*) FROM events WHERE who LIKE 'link:%'")" "answers in /metrics, against the audit log"
grep -q 'zjj@\|于海滨' "$T/metrics" && fail "/metrics names a person"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
curl -s -o "$T/metrics" "http://127.0.0.1:$MPORT/metrics"
grep -q '^duban_daemon_up 0$' "$T/metrics" || fail "a stopped daemon is not seen down"

kill -TERM "$WEB_PID"
wait "$WEB_PID"
assert_eq "$?" 0 "duban-web exit status after SIGTERM"
exit 0
