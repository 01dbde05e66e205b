#!/bin/bash
# SIGHUP reloads the configuration; a broken file is refused with file:line
# and the old configuration stays in force.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 2 seconds' 'remind = 1 second before'
seed_db
start_daemon
cp "$T/duban.conf" "$T/good.conf"

# Break the file: an unknown unit on a known line.
printf '[rule "broken"]\ndeadline = 3 fortnights\n' >>"$T/duban.conf"
line=$(grep -n 'fortnights' "$T/duban.conf" | cut -d: -f1)
kill -HUP "$DAEMON_PID"
wait_for 5 grep -q "reload refused" "$T/duband.log" || fail "the broken file was not refused"
grep -q "$T/duban.conf:$line: deadline: unknown unit" "$T/duband.log" ||
	fail "no file:line error for the broken rule"
kill -0 "$DAEMON_PID" || fail "duband died on a bad reload"

# The old rule still works.
ctl() { "$DUBANCTL" -f "$T/good.conf" "$@"; }
ctl assign C1 zjj handling >/dev/null || fail "assign"
wait_for 10 has_mail "【催办】" || fail "the old rules stopped working after a bad reload"

# A good file is taken: a new rule with a new step.
cp "$T/good.conf" "$T/duban.conf"
printf '[rule "second"]\nmatch = step:second\ndeadline = 1 second\n' >>"$T/duban.conf"
kill -HUP "$DAEMON_PID"
wait_for 5 grep -q "configuration reloaded: 2 rules" "$T/duband.log" || fail "good reload not taken"
ctl() { "$DUBANCTL" -f "$T/duban.conf" "$@"; }
ctl case add C2 另一小区办证 >/dev/null
ctl assign C2 zjj second >/dev/null || fail "assign second"
wait_for 10 has_mail "C2 second" || fail "the new rule was not used"

# A changed rule moves an open action's deadline: recomputed, audited, explained.
cp "$T/good.conf" "$T/duban.conf"
printf '[rule "long"]\nmatch = step:long\ndeadline = 1 hour\n' >>"$T/duban.conf"
reloads() { grep -c "^recomputed" "$T/duband.log"; }
more_reloads() { [ "$(reloads)" -gt "$1" ]; }
n=$(reloads)
kill -HUP "$DAEMON_PID"
wait_for 5 more_reloads "$n" || fail "reload 3"
ctl case add C3 第三件 >/dev/null
ctl assign C3 zjj long --rule long --at "2026-11-20 09:00" --overdue-ok >/dev/null || fail "assign long"
id=$(sql "SELECT id FROM actions WHERE step = 'long'")
assert_eq "$(sql "SELECT datetime(due_at / 1000, 'unixepoch', '+8 hours') FROM actions WHERE id = $id")" \
	"2026-11-20 10:00:00" "deadline under the first rule"
sed -i 's/^deadline = 1 hour$/deadline = 3 hours/' "$T/duban.conf"
n=$(reloads)
kill -HUP "$DAEMON_PID"
wait_for 5 more_reloads "$n" || fail "no reload 4"
assert_eq "$(sql "SELECT datetime(due_at / 1000, 'unixepoch', '+8 hours') FROM actions WHERE id = $id")" \
	"2026-11-20 12:00:00" "deadline after the rule changed"
assert_eq "$(sql "SELECT datetime(old_due / 1000, 'unixepoch', '+8 hours') || ' -> ' || datetime(new_due / 1000, 'unixepoch', '+8 hours') || ' ' || why FROM deadline_audit WHERE action_id = $id")" \
	"2026-11-20 10:00:00 -> 2026-11-20 12:00:00 the rule or the calendar changed" "audit row"
ctl explain "$id" >"$T/explain" || fail "explain"
grep -q "2026-11-20 10:00:00 -> 2026-11-20 12:00:00" "$T/explain" || fail "explain: $(cat "$T/explain")"
grep -q '^rule "long": deadline = 3 hours$' "$T/explain" || fail "explain rule: $(cat "$T/explain")"
# the other, untouched actions were not audited
assert_eq "$(sql "SELECT count(*) FROM deadline_audit")" 1 "audit rows"
exit 0
