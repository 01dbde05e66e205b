#!/bin/bash
# A notice that no longer holds is not sent: an action done while its
# overdue notice waits for the digest window is left out of the digest; and
# a reminder is never held past the deadline it warns of.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
DIGEST=yes WINDOW="8 seconds" write_conf '[rule "fast"]' 'deadline = 1 second'
seed_db
ctl case add C2 第二件 >/dev/null
start_daemon
# windows are aligned on local midnight (a multiple of 8 s here): start just
# after a boundary, so that the window holds the notices for about 6 s
while [ $(( $(date +%s) % 8 )) -ne 0 ]; do sleep 0.1; done
ctl assign C1 zjj one >/dev/null || fail "assign one"
ctl assign C1 zjj two >/dev/null || fail "assign two"
queued() { [ "$(sql "SELECT count(*) FROM notices WHERE kind = 'overdue' AND status = 'queued'")" -eq 2 ]; }
wait_for 10 queued || fail "the overdue notices were not queued for the window"
ctl done 1 --note 已办结 >/dev/null || fail "done 1"
assert_eq "$(sql "SELECT status FROM notices WHERE action_id = 1 AND kind = 'overdue'")" withdrawn \
	"the done action's queued overdue notice"
wait_for 15 has_mail "zjj@example.gov.cn" || fail "no mail after the window"
sleep 1
f="$T/mail/$(mail_list | head -1 | cut -f1).eml"
$PY - "$f" <<'PY' || fail "the digest lists the done action"
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
body = m.get_content()
assert "C1 two" in body or "two" in body, body
assert "one" not in body, body
PY
assert_eq "$(mail_count "zjj@example.gov.cn")" 1 "messages to the department"

# A reminder 5 s before a deadline 8 s away, in a 10 s window: it leaves
# before the deadline, alone, not with the overdue notice after it.
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
DIGEST=yes WINDOW="10 seconds" write_conf '[rule "soon"]' 'deadline = 8 seconds' 'remind = 5 seconds before'
sed -i "s/^port = .*/port = $SMTP_PORT/" "$T/duban.conf"
start_daemon
before=$(mail_count "")
ctl assign C2 zjj soon >/dev/null || fail "assign soon"
due=$(sql "SELECT due_at FROM actions WHERE step = 'soon'")
wait_for 15 has_mail "【预警】C2" || fail "no reminder"
got=$(stat -c %Y "$T/mail/$(mail_list | grep '【预警】C2' | cut -f1).eml")
[ $((got * 1000)) -le "$due" ] || fail "the reminder arrived after the deadline ($got s, due $due ms)"
exit 0
