#!/bin/bash
# preview tells the truth: every recipient the daemon sends to that day
# (head, the department's cc, the case's leader, the office, each target and
# its copies), computed by the daemon's own code, held against what the SMTP
# server receives for the same day.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 4 seconds' 'remind = 2 seconds before' 'remind-cc = cc' \
	'overdue-cc = office, leader' 'escalate = 1 second after -> discipline' \
	'escalate-cc = head, cc, leader, office'
seed_db
ctl dept edit zjj --cc "deputy@example.gov.cn" >/dev/null || fail "dept edit"
ctl case add C2 包案 --leader "李某 <leader@example.gov.cn>" >/dev/null || fail "case add"
ctl assign C2 zjj handling >/dev/null || fail "assign"
ctl --csv preview >"$T/preview.csv" || fail "preview"
$PY - "$T/preview.csv" >"$T/expected" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
for r in rows:
    print(r["kind"], r["recipient"])
PY
[ "$(wc -l <"$T/expected")" -ge 10 ] || fail "preview lists too few: $(cat "$T/preview.csv")"
start_daemon
n=$(wc -l <"$T/expected")
all_sent() { [ "$(mail_count "")" -ge "$n" ]; }
wait_for 20 all_sent || fail "only $(mail_count "") of $n messages arrived"
sleep 1
mail_list | $PY -c '
import sys
kinds = {"【预警】": "reminder", "【催办】": "overdue", "【督办】": "escalation"}
for line in sys.stdin:
    f, rcpt, subject = line.rstrip("\n").split("\t")
    print(kinds.get(subject[:4], subject), rcpt)' >"$T/received"
sort "$T/expected" >"$T/e"; sort "$T/received" >"$T/r"
cmp -s "$T/e" "$T/r" || fail "preview and the server disagree: $(diff "$T/e" "$T/r")"
exit 0
