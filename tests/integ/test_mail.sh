#!/bin/bash
# Delivery as department heads and administrators see it: retries after 451,
# a 550 recorded and reported to the office, a server down and back, digests,
# and the messages as a mail client decodes them.
. "$(dirname "$0")/lib.sh"

setup_dir
ago() { TZ=Asia/Shanghai date -d "-${1:-10} seconds" '+%F %T'; }
RULE=('[rule "now"]' 'deadline = 30 seconds' 'remind = 20 seconds before')

# 1. 451, then 250: delivered exactly once.
start_sink --fail "451 4.3.0 try again later"
write_conf "${RULE[@]}"
seed_db
ctl case add C1-2 第二件 --petitioner 张三丰 >/dev/null
start_daemon
ctl assign C1 zjj handling --at "$(ago)" >/dev/null || fail "assign"
wait_for 10 has_mail "【预警】C1 " || fail "not delivered after a 451"
grep -q "answered DATA with 451" "$T/mail/events" || fail "the server did not answer 451 first"
sleep 1.5
assert_eq "$(mail_count "【预警】C1 ")" 1 "copies delivered after a 451"
assert_eq "$(sql "SELECT status || ' ' || attempts FROM notices WHERE action_id = 1")" "sent 2" \
	"the notice after a 451 and a 250"

# 2. 550 for one recipient: failed with the server's words, the office told.
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
stop_sink
start_sink --reject zjj@example.gov.cn
write_conf "${RULE[@]}"
start_daemon
ctl assign C1-2 zjj handling --at "$(ago)" >/dev/null || fail "assign 2"
wait_for 10 has_mail "【退信】" || fail "the office was not told of the refused notice"
assert_eq "$(sql "SELECT status FROM notices WHERE action_id = 2 AND kind = 'reminder'")" failed \
	"the refused notice"
sql "SELECT reply FROM notices WHERE action_id = 2 AND kind = 'reminder'" | grep -q '^550 5.1.1' ||
	fail "the server's reply is not recorded"
ctl mail | grep -q "failed  1.*550 5.1.1" || fail "dubanctl mail does not show the failure: $(ctl mail)"
grep '【退信】' "$T/mail/index" | cut -f3 | grep -q '^fxb@example.gov.cn$' ||
	fail "the failure report did not go to the office"
# the mailbox is fixed; the administrator retries
stop_sink
start_sink --port "$SMTP_PORT"
id=$(sql "SELECT id FROM notices WHERE action_id = 2 AND kind = 'reminder'")
ctl mail retry "$id" >/dev/null || fail "mail retry"
wait_for 10 has_mail "【预警】C1-2" || fail "the retried notice was not delivered"

# 3. The server down for a while, then back: everything once.
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
stop_sink
port=$SMTP_PORT
start_daemon
for i in 1 2 3 4 5; do
	ctl case add "D$i" "停机第$i件" >/dev/null
	ctl assign "D$i" zjj handling --at "$(ago)" >/dev/null || fail "assign D$i"
done
refused() { [ "$(sql "SELECT count(*) FROM notices WHERE reply LIKE '%onnect%' OR reply LIKE '%refused%'")" -ge 1 ]; }
wait_for 10 refused ||
	fail "no failed connection recorded: $(ctl mail)"
start_sink --port "$port"
for i in 1 2 3 4 5; do
	wait_for 15 has_mail "【预警】D$i " || fail "D$i not delivered after the server came back"
done
sleep 2
for i in 1 2 3 4 5; do
	assert_eq "$(mail_count "【预警】D$i ")" 1 "copies of D$i"
done

# dubanctl mail test: one message through the configured server, now.
ctl mail test check@example.gov.cn >"$T/out" || fail "mail test: $(cat "$T/out")"
grep -q "^127.0.0.1:$SMTP_PORT: 250 " "$T/out" || fail "mail test output: $(cat "$T/out")"
wait_for 5 has_mail "【测试】" || fail "the test message did not arrive"
ctl mail test not-an-address 2>/dev/null && fail "mail test took a bad address"

# 4. 50 items of one department in one window: one digest, not 50.
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
# their overdue notices (another digest) fall long after the reminders' window
DIGEST=yes WINDOW="5 seconds" write_conf '[rule "now"]' 'deadline = 120 seconds' \
	'remind = 110 seconds before'
sed -i "s/^port = .*/port = $SMTP_PORT/" "$T/duban.conf"
# the earlier parts' actions are done: their overdue notices would be a digest of their own
for id in $(sql "SELECT id FROM actions WHERE done_at IS NULL"); do ctl done "$id" >/dev/null; done
# one notification time for all: their reminders fall due together, however
# slowly the 100 commands run (a sanitizer build takes seconds for them)
at=$(ago 12)
for i in $(seq 1 50); do
	ctl case add "W$i" "窗口第$i件" >/dev/null
	ctl assign "W$i" zjj handling --at "$at" >/dev/null
done
start_daemon
wait_for 15 has_mail "【督办提醒】" || fail "no digest"
sleep 6
assert_eq "$(mail_count "【督办提醒】")" 1 "digests for 50 items in one window"
assert_eq "$(mail_count "【预警】W")" 0 "single messages for items of the digest"
assert_eq "$(sql "SELECT count(DISTINCT sent_message_id) FROM notices WHERE action_id > 7")" 1 \
	"messages recorded for the 50 notices"

# 5. What a mail client sees.
$PY - "$T/mail" <<'PY' || fail "message check"
import email, email.policy, glob, sys
msgs = {}
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    msgs[m["Subject"]] = m
digest = [m for s, m in msgs.items() if s.startswith("【督办提醒】")][0]
assert digest["Subject"] == "【督办提醒】房信办：您有50项事项需要处理", digest["Subject"]
body = digest.get_content()
assert body.count("窗口第") == 50, body
assert "三、" not in body and "一、即将到期（50项）" in body, body
assert digest["To"].addresses[0].display_name == "于海滨"
for s, m in msgs.items():
    assert m["Auto-Submitted"] == "auto-generated", s
    assert m["Date"] is not None and m["Message-ID"] is not None, s
    assert m.get_content_charset() == "utf-8", s
    for line in open(sys.argv[1] + "/000001.eml", "rb").read().split(b"\r\n"):
        assert len(line) <= 998
one = [m for s, m in msgs.items() if s.startswith("【预警】C1-2")][0]
assert "信访人：张**" in one.get_content(), one.get_content()      # masked
assert "张三丰" not in one.as_string()
import re
assert re.fullmatch(r"<duban\.[0-9a-f]{16}\.2@example\.gov\.cn>", one["References"]), one["References"]
assert one["In-Reply-To"] == one["References"]
fail = [m for s, m in msgs.items() if s.startswith("【退信】")][0]
assert "550 5.1.1" in fail.get_content() and "zjj@example.gov.cn" in fail.get_content()
PY
exit 0
