#!/bin/bash
# The evidence record never changes: what "queue show" and "queue export"
# give for an escalation is fixed when it is escalated, with the delivery of
# its notices appended; pause, resume, reassign, a roster edit or done do not
# rewrite it, and the store refuses UPDATE and DELETE on it.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline'
seed_db
ctl dept add swj 税务局 --head 李四 --email swj@example.gov.cn >/dev/null
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign"
escalated() { [ "$(sql "SELECT count(*) FROM notices WHERE kind = 'escalation' AND status = 'sent'")" -ge 1 ]; }
wait_for 15 escalated || fail "no escalation delivered"
sleep 1
ctl queue export 1 "$T/before.txt" >/dev/null || fail "export before"
grep -q "department:  zjj 住建局, head 于海滨 <zjj@example.gov.cn>" "$T/before.txt" ||
	fail "the record lacks the department: $(cat "$T/before.txt")"
grep -q "delivered .*notice [0-9]* to jw@example.gov.cn: server: 250" "$T/before.txt" ||
	fail "the record lacks the escalation's delivery: $(cat "$T/before.txt")"

# Everything that happens to the action afterwards leaves the record alone.
ctl pause 1 --reason "产权纠纷诉讼中" >/dev/null || fail "pause"
ctl resume 1 >/dev/null || fail "resume"
ctl reassign 1 swj >/dev/null || fail "reassign"
ctl dept edit zjj --name 改名局 --head 某某 --email other@example.gov.cn >/dev/null || fail "dept edit"
sleep 3
ctl queue export 1 "$T/after.txt" >/dev/null || fail "export after"
cmp "$T/before.txt" "$T/after.txt" || fail "the record changed: $(diff "$T/before.txt" "$T/after.txt")"

# Neither a command nor a hand on the database rewrites it.
sql "UPDATE evidence SET text = 'forged' WHERE escalation_id = 1" 2>"$T/err" &&
	fail "UPDATE on the evidence record succeeded"
grep -q "append-only" "$T/err" || fail "the refusal: $(cat "$T/err")"
sql "DELETE FROM evidence" 2>/dev/null && fail "DELETE on the evidence record succeeded"
sql "DELETE FROM escalations" 2>/dev/null && fail "DELETE on the escalations succeeded"
sql "UPDATE escalations SET target = 'x'" 2>/dev/null && fail "an escalation was rewritten"
ctl queue export 1 "$T/again.txt" >/dev/null || fail "export again"
cmp -s "$T/before.txt" "$T/again.txt" || fail "the record changed after the attempts"

# Acknowledging and resolving are appended, after what was there.
ctl queue ack 1 --note "已约谈" >/dev/null || fail "queue ack"
ctl queue show 1 >"$T/acked.txt" || fail "queue show"
head -c "$(stat -c %s "$T/before.txt")" "$T/acked.txt" | cmp -s - "$T/before.txt" ||
	fail "acknowledging rewrote the record instead of appending"
tail -1 "$T/acked.txt" | grep -q "queue ack .*已约谈" || fail "the acknowledgement is not appended"
exit 0
