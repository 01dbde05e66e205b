#!/bin/bash
# Mail a department head can act on: the overdue notice says when, and to
# whom, the item will be escalated; every notice ends with the office's
# contact; a line with nothing to say (no petitioner) is left out rather
# than printed empty; a step is shown by its name from the configuration's
# [step] section, never by the key it was assigned with.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[step "handling"]' 'name = 分工处理' '[rule "fast"]' 'deadline = 2 seconds' \
	'remind = 1 second before' 'escalate = 1 hour after -> discipline'
sed -i 's/^office-email = .*/&\noffice-contact = 联系人 张某某，电话 0454-0000000/' "$T/duban.conf"
seed_db
ctl case add C2 有信访人 --petitioner 李四 >/dev/null
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign"
ctl assign C2 zjj handling >/dev/null || fail "assign 2"
wait_for 15 has_mail "【催办】C2" || fail "no overdue notices"
wait_for 15 has_mail "【催办】C1" || fail "no overdue notice for C1"
$PY - "$T/mail" <<'PY' || fail "the notices' content"
import email, email.policy, glob, sys
msgs = {}
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    msgs[m["Subject"]] = m.get_content()
def body(prefix):
    return [b for s, b in msgs.items() if s.startswith(prefix)][0]
o1, o2, r1 = body("【催办】C1"), body("【催办】C2"), body("【预警】C1")
for b in (o1, o2, r1):
    assert "联系人：联系人 张某某，电话 0454-0000000" in b, b
assert "仍未办结，将移交市纪委监委监督工作组督办" in o1 and "如至 " in o1, o1
assert "后续督办：" in o1 and "逾期后果：" in r1, (o1, r1)
assert "信访人" not in o1, o1              # no petitioner: no line
assert "信访人：李*" in o2, o2             # masked, and there
assert "已逾期：" not in o1, o1             # at the deadline itself, nothing to count
for s, b in msgs.items():                 # the step by its name, never its key
    assert "handling" not in s and "handling" not in b, (s, b)
assert "分工处理" in [s for s in msgs if s.startswith("【催办】C1")][0], msgs.keys()
assert "办理事项：分工处理" in o1, o1
PY
exit 0
