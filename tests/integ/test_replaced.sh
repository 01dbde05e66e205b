#!/bin/bash
# The database replaced under the daemon: deleted and re-initialised, or a
# backup renamed over it. The daemon says so loudly, reopens the path, and
# notifies what the new file holds; status shows the new file's figures.
. "$(dirname "$0")/lib.sh"

setup_dir
sqlite_only "a file replaced under the daemon"
start_sink
POLL="1 second" write_conf '[rule "fast"]' 'deadline = 2 seconds'
seed_db
start_daemon
ctl assign C1 zjj one >/dev/null || fail "assign one"
wait_for 10 has_mail "C1 one" || fail "no mail before the replacement"

# 1. A backup (taken now) restored by rename over the live file.
sqlite3 "$T/duban.db" ".backup '$T/backup.db'" || fail "backup"
ctl case add C2 备份后 >/dev/null
ctl assign C2 zjj two >/dev/null || fail "assign two"
wait_for 10 has_mail "C2 two" || fail "no mail for action two"
mv "$T/backup.db" "$T/duban.db"
rm -f "$T/duban.db-wal" "$T/duban.db-shm"
wait_for 10 grep -q "was replaced under the daemon" "$T/duband.log" || fail "the replacement was not noticed"
wait_for 10 grep -q "reopened the database" "$T/duband.log" || fail "the database was not reopened"
ctl case add C3 恢复后 >/dev/null || fail "case add after the restore"
ctl assign C3 zjj three >/dev/null || fail "assign three"
wait_for 10 has_mail "C3 three" || fail "an action in the restored file was never notified"
ctl status >"$T/status" || fail "status"
grep -q "open actions: 2" "$T/status" || fail "status does not show the restored file: $(cat "$T/status")"

# 2. Deleted and initialised anew.
rm -f "$T/duban.db" "$T/duban.db-wal" "$T/duban.db-shm"
wait_for 10 grep -q "was deleted under the daemon" "$T/duband.log" || fail "the deletion was not noticed"
seed_db
ctl assign C1 zjj four >/dev/null || fail "assign four"
wait_for 10 has_mail "C1 four" || fail "an action in the new file was never notified"
kill -0 "$DAEMON_PID" || fail "duband died"
grep -q "malformed" "$T/duband.log" && fail "the daemon read a malformed file"
exit 0
