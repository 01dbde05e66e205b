#!/bin/bash
# An assigned action is reminded, goes overdue and is escalated by email,
# each exactly once and in order; an action done in time causes nothing more.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 4 seconds' 'remind = 2 seconds before' \
	'escalate = 2 seconds after -> discipline'
seed_db
ctl case add C2 另一小区办证 --category 2 >/dev/null || fail "case add C2"
start_daemon

ctl assign C1 zjj handling >/dev/null || fail "assign 1"
ctl assign C2 zjj handling >/dev/null || fail "assign 2"
wait_for 10 has_mail "C2 handling" || fail "no reminder for action 2"
ctl done 2 --note 已办结 >/dev/null || fail "done 2"

wait_for 15 has_mail "【督办】" || fail "no escalation arrived"
sleep 2.5	# action 2's overdue notice and escalation would have come by now

mail_list >"$T/got"
assert_eq "$(grep -c 'C1 handling' "$T/got")" 4 "messages about action 1 (the escalation copies the head)"
assert_eq "$(sed -n 1p "$T/got" | cut -f2)" zjj@example.gov.cn "reminder recipient"
grep 'C1 handling' "$T/got" | cut -f3 | grep -o '^【[^】]*】' >"$T/order"
assert_eq "$(tr '\n' ' ' <"$T/order")" "【预警】 【催办】 【督办】 【督办】 " "order of notices for action 1"
assert_eq "$(grep '【督办】' "$T/got" | cut -f2 | sort | tr '\n' ' ')" "jw@example.gov.cn zjj@example.gov.cn " \
	"escalation recipients (the group, and the head in copy)"
assert_eq "$(grep -c 'C2 handling' "$T/got")" 1 "messages about action 2 (its reminder only)"
grep -q 'C2.*【催办】\|【催办】.*C2' "$T/got" && fail "action 2 got an overdue notice"

# The messages as a mail client reads them.
$PY - "$T/mail" <<'PY' || fail "message check"
import email, email.policy, glob, sys
msgs = [email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
        for f in sorted(glob.glob(sys.argv[1] + "/*.eml"))]
esc = [m for m in msgs if m["Subject"].startswith("【督办】")
       and m["To"].addresses[0].addr_spec == "jw@example.gov.cn"][0]
assert esc["To"].addresses[0].display_name == "市纪委监委监督工作组", esc["To"]
assert "移交贵组进行督办" in esc.get_content(), esc.get_content()
assert esc["Auto-Submitted"] == "auto-generated"
first = [m for m in msgs if "C1" in m["Subject"]]
assert len({m["References"] for m in first}) == 1, "notices of one action thread together"
assert len({m["Message-ID"] for m in msgs}) == len(msgs)
PY

ctl queue >"$T/queue"
assert_eq "$(grep -c ' C1 ' "$T/queue")" 1 "queue entries for action 1"
grep -q ' C2 ' "$T/queue" && fail "action 2 is in the discipline queue"
assert_eq "$(sql "SELECT count(*) FROM notices WHERE status = 'sent'")" 5 "notices sent"

# The evidence record lists every notice with the server's reply.
qid=$(sql "SELECT id FROM escalations")
ctl queue show "$qid" >"$T/evidence" || fail "queue show"
for kind in reminder overdue; do
	grep -A1 "^  $kind  *sent  " "$T/evidence" | grep -q "server: 250 " ||
		fail "the evidence lacks the $kind with its SMTP reply: $(cat "$T/evidence")"
done
# the escalation's own notice was queued when the record was made; its delivery is appended
grep -q "^  escalation  *queued " "$T/evidence" || fail "the record lacks the escalation notice"
grep -q "delivered .*to jw@example.gov.cn: server: 250 " "$T/evidence" ||
	fail "the evidence lacks the escalation's delivery: $(cat "$T/evidence")"
grep -q "assign" "$T/evidence" || fail "the evidence lacks the timeline"
ctl queue export "$qid" "$T/record.txt" >/dev/null || fail "queue export"
cmp -s "$T/record.txt" "$T/evidence" || fail "the exported record differs from the shown one"
ctl queue export "$qid" "$T/record.txt" 2>/dev/null && fail "export overwrote a file"
ctl queue ack "$qid" --note 已接收 >/dev/null || fail "queue ack"
ctl queue resolve "$qid" --note 已约谈整改 >/dev/null || fail "queue resolve"
ctl queue | grep -q ' C1 ' && fail "a resolved item is still in the open queue"
ctl queue --all | grep -q 'resolved' || fail "queue --all does not show the resolved item"

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
assert_eq "$?" 0 "duband exit status after SIGTERM"
DAEMON_PID=""
exit 0
