#!/bin/bash
# Agreements (解决协议): a solution agreed with the petitioner has its own
# deadline (解决时限) and responsible person (责任人): an action of its kind,
# reminded and escalated by its rule like any other, from the agreed deadline.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[step "agreement"]' 'name = 解决协议' 'alias = 协议' \
	'[step "handling"]' 'name = 分工处理' \
	'[rule "agreement"]' 'match = step:agreement' 'deadline = 30 days' \
	'remind = 7 seconds before' 'escalate = 1 second after -> discipline' \
	'[rule "week"]' 'deadline = 7 days'
seed_db
soon=$(TZ=Asia/Shanghai date -d '+10 seconds' '+%F %T')
ctl assign C1 zjj handling --due "2026-01-01 00:00" >/dev/null 2>&1 && fail "an agreed deadline in the past"
ctl assign C1 zjj 协议 --what "三个月内完成回迁房产权登记" --due "$soon" --responsible 王五 >"$T/out" ||
	fail "assign an agreement: $(cat "$T/out")"
assert_eq "$(sql "SELECT step || ' ' || rule || ' ' || responsible || ' ' || CASE WHEN due_at = agreed_due THEN 1 ELSE 0 END FROM actions")" \
	"agreement agreement 王五 1" "the agreement's kind, rule, responsible person and deadline"
ctl explain 1 | grep -q "the deadline was agreed with the petitioner (解决协议): .*, responsible 王五" ||
	fail "explain: $(ctl explain 1)"
start_daemon
wait_for 30 has_mail "【督办】" || fail "the agreement was not escalated: $(mail_list)"
$PY - "$T/mail" <<'PY' || fail "the notices do not name the responsible person"
import email, email.policy, glob, sys
seen = set()
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    body = m.get_content()
    kind = m["Subject"][:4]
    assert "责任人：王五" in body and "解决协议：三个月内完成回迁房产权登记" in body, body
    seen.add(kind)
assert {"【预警】", "【督办】"} <= seen, seen
PY
# a reassignment keeps the agreed deadline
ctl assign C1 zjj 协议 --due "2027-03-01 17:00" --responsible 王五 >/dev/null
id=$(sql "SELECT max(id) FROM actions")
before=$(sql "SELECT due_at FROM actions WHERE id = $id")
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
ctl reassign "$id" swj >/dev/null || fail "reassign"
assert_eq "$(sql "SELECT due_at FROM actions WHERE id = $id")" "$before" "the agreed deadline after a reassignment"

# the ledger carries the agreement: 解决时限 and 责任人 go round
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
ctl ledger export "$T/l.csv" || fail "export"
head -1 "$T/l.csv" | grep -q ',解决时限,责任人' || fail "the export's header: $(head -1 "$T/l.csv")"
fresh_db
ctl init >/dev/null
ctl dept add zjj 住建局 --head 于海滨 --email zjj@example.gov.cn >/dev/null
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null
ctl ledger import "$T/l.csv" >/dev/null || fail "import"
assert_eq "$(sql "SELECT group_concat(step || ' ' || responsible || ' ' || CASE WHEN due_at = agreed_due THEN 1 ELSE 0 END, ', ') FROM actions")" \
	"agreement 王五 1, agreement 王五 1" "the agreements after export and import"
ctl ledger export "$T/l2.csv"
cmp -s "$T/l.csv" "$T/l2.csv" || fail "the ledger changed: $(diff "$T/l.csv" "$T/l2.csv")"
exit 0
