#!/bin/bash
# A notice due at 22:00 on a working day is sent at the next opening of
# office hours. duband runs under libfaketime: first on a Wednesday evening
# just before 22:00, then the next morning just before 08:30.
. "$(dirname "$0")/lib.sh"

FT=$(MT=1 faketime_preload) || fail "libfaketime is not installed (Debian package faketime)"

setup_dir
start_sink
POLL="1 second" write_conf '[rule "evening"]' 'deadline = 1 minute'
sed -i 's/^\[daemon\]$/[daemon]\noffice-hours = 08:30-17:30/' "$T/duban.conf"
seed_db
# notified at 21:59 on Wednesday 2026-11-25: the deadline, and the overdue
# notice, fall at 22:00
ctl assign C1 zjj handling --at "2026-11-25 21:59:00" --overdue-ok >/dev/null || fail "assign"

# The evening: duband's clock starts at 21:59:50.
TZ=Asia/Shanghai LD_PRELOAD="$FT" FAKETIME="@2026-11-25 21:59:50" FAKETIME_DONT_RESET=1 \
	"$DUBAND" -d -f "$T/duban.conf" >>"$T/duband.log" 2>&1 &
DAEMON_PID=$!
queued() { [ "$(sql 'SELECT count(*) FROM notices')" = 1 ]; }
wait_for 20 queued ||
	fail "the overdue notice was not queued at 22:00"
sleep 3
has_mail "【催办】" && fail "the overdue notice went out at night"
assert_eq "$(sql "SELECT datetime(created_at / 1000, 'unixepoch', '+8 hours') FROM notices")" \
	"2026-11-25 22:00:00" "when the overdue notice was queued (local time)"
assert_eq "$(sql "SELECT datetime(next_try / 1000, 'unixepoch', '+8 hours') FROM notices")" \
	"2026-11-26 08:30:00" "when it may be sent (local time)"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""

# The next morning: the clock starts at 08:29:55.
TZ=Asia/Shanghai LD_PRELOAD="$FT" FAKETIME="@2026-11-26 08:29:55" FAKETIME_DONT_RESET=1 \
	"$DUBAND" -d -f "$T/duban.conf" >>"$T/duband.log" 2>&1 &
DAEMON_PID=$!
sleep 3
has_mail "【催办】" && fail "the overdue notice went out before the office opened"
wait_for 20 has_mail "【催办】" || fail "the overdue notice was not sent when the office opened"
$PY - "$T/mail/000001.eml" <<'PY' || fail "the message's date"
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
d = m["Date"].datetime
assert (d.year, d.month, d.day, d.hour, d.minute) == (2026, 11, 26, 8, 30), d
PY
exit 0
