#!/bin/bash
# One message, one Message-ID: an escalation and its copies are separate
# messages with their own ids, and a database rebuilt from scratch never
# reuses an id (each database has an instance id made at init).
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline' \
	'escalate-cc = head, office'
seed_db
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign"
copies() { [ "$(sql "SELECT count(*) FROM notices WHERE kind = 'escalation' AND status = 'sent'")" -ge 3 ]; }
wait_for 15 copies || fail "the escalation and its two copies were not all sent"
sleep 1
first=$(grep -h '^Message-ID:' "$T"/mail/*.eml | tr -d '\r' | sort)
assert_eq "$(echo "$first" | wc -l)" "$(echo "$first" | sort -u | wc -l)" "distinct Message-IDs"
assert_eq "$(sql "SELECT count(DISTINCT message_id) FROM notices")" "$(sql "SELECT count(*) FROM notices")" \
	"distinct Message-IDs in the outbox"
inst1=$(sql "SELECT value FROM meta WHERE key = 'instance'")

# The same case and action in a database made anew: no id in common.
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
fresh_db
seed_db
inst2=$(sql "SELECT value FROM meta WHERE key = 'instance'")
[ -n "$inst1" ] && [ "$inst1" != "$inst2" ] || fail "two databases share the instance id '$inst1'"
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign again"
wait_for 15 copies || fail "the second database's escalation was not sent"
sleep 1
all=$(grep -h '^Message-ID:' "$T"/mail/*.eml | tr -d '\r' | sort)
assert_eq "$(echo "$all" | wc -l)" "$(echo "$all" | sort -u | wc -l)" "distinct Message-IDs across the two databases"
exit 0
