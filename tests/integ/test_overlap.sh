#!/bin/bash
# A burst is delivered while it is still being worked off: 3,000 actions
# fall due at one instant (a notice each); the first notices reach the
# SMTP server before the last transitions are committed, each notice
# arrives exactly once, and the open/overdue counts in STATUS= are right.
. "$(dirname "$0")/lib.sh"

N=${OVERLAP_ACTIONS:-3000}
setup_dir
start_sink --no-fsync
write_conf '[rule "burst"]' 'deadline = 1 week'
ctl init >/dev/null
burst "$N" burst 1500
start_daemon
all_sent() { [ "$(sql "SELECT count(*) FROM notices WHERE status = 'sent'")" -ge "$N" ]; }
wait_for 120 all_sent || fail "only $(sql "SELECT count(*) FROM notices WHERE status = 'sent'") of $N sent"

# delivery began while transitions were still being committed: the first
# message's arrival at the server (its file's time; sent_at is when its
# result was recorded, which in-flight results may put later)
first_sent=$($PY -c 'import glob, os, sys; print(min(os.stat(f).st_mtime_ns for f in glob.glob(sys.argv[1] + "/*.eml")) // 1000000)' "$T/mail")
last_made=$(sql "SELECT max(created_at) FROM notices")
[ "$first_sent" -lt "$last_made" ] ||
	fail "the first notice was accepted at $first_sent, after the last one was made ($last_made)"
before=$(sql "SELECT count(*) FROM notices WHERE sent_at < $last_made")
echo "  $before of $N notices accepted before the burst's last transition was committed" >&2
assert_eq "$(sql "SELECT count(*) FROM notices")" "$N" "notices made"
grep -h '^Message-ID:' "$T"/mail/*.eml | tr -d '\r' | sort >"$T/received"
assert_eq "$(wc -l <"$T/received")" "$N" "messages received"
assert_eq "$(sort -u "$T/received" | wc -l)" "$N" "distinct messages received"

# the counts STATUS= gives come from the tally and the indexes: they match a full count
ctl done 1 >/dev/null || fail "done"
assert_eq "$(sql "SELECT n FROM tallies WHERE name = 'open actions'")" \
	"$(sql "SELECT count(*) FROM actions WHERE done_at IS NULL")" "open actions tallied"
assert_eq "$(sql "SELECT n FROM tallies WHERE name = 'open actions'")" "$((N - 1))" "open actions"
exit 0
