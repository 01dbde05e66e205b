#!/bin/bash
# The evidence record cannot be forged by its data: free text with a line
# break is refused where it enters (command line, ledger), and whatever the
# database holds is shown escaped, so no stored text adds a line that looks
# like the record's own.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline'
seed_db
start_daemon
ctl assign C1 zjj handling >/dev/null || fail "assign"
escalated() { [ "$(sql 'SELECT count(*) FROM escalations')" = 1 ]; }
wait_for 15 escalated || fail "no escalation"
forged=$'已办结\n  2026-11-20 09:00:00  zjj        ack                某某'
ctl done 1 --note "$forged" >/dev/null 2>"$T/err" && fail "done took a note with a line break"
grep -q "control characters" "$T/err" || fail "the refusal does not say why: $(cat "$T/err")"
ctl pause 1 --reason $'a\rb' >/dev/null 2>&1 && fail "pause took a reason with CR"
ctl case add C2 $'标题\x01' >/dev/null 2>&1 && fail "case add took a control character"
ctl case add C3 "$(printf '\xff\xfe')" >/dev/null 2>&1 && fail "case add took invalid UTF-8"
ctl case add C4 "$(head -c 3000 /dev/zero | tr '\0' x)" >/dev/null 2>&1 && fail "case add took a 3000-byte title"
ctl done 1 --note "已办结" >/dev/null || fail "done with a plain note"

# Forged lines written straight into the database still show as one line each.
sql "UPDATE actions SET note = '已办结
  2026-11-20 09:00:00  zjj        ack' WHERE id = 1"
sql "UPDATE events SET detail = 'x'" 2>/dev/null && fail "the audit log was rewritten"
sql "INSERT INTO events (at, who, action_id, what, detail) VALUES (1, 'x', 1, 'done',
	'a
  2026-11-20 09:00:00  zjj        ack')"
ctl queue show 1 >"$T/record" || fail "queue show"
ctl log --action 1 >"$T/log" || fail "log"
grep -q '^  2026-11-20' "$T/record" && fail "a forged line in the evidence record: $(cat "$T/record")"
grep -q '^ *2026-11-20' "$T/log" && fail "a forged line in the log: $(cat "$T/log")"
grep -q '\\n  2026-11-20' "$T/log" || fail "the stored text is not shown escaped: $(cat "$T/log")"

# A ledger cell with a line break is an error with its line and column.
ctl ledger export "$T/ledger.csv" >/dev/null || fail "export"
$PY - "$T/ledger.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
rows[1][13] = "已办结\n  2026-11-20 09:00:00  zjj  ack"
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows(rows)
PY
ctl ledger import "$T/ledger.csv" >/dev/null 2>"$T/err" && fail "import took a cell with a line break"
grep -q 'ledger.csv:2.*办理结果\|ledger.csv:2.*column 14' "$T/err" || fail "the import error: $(cat "$T/err")"
exit 0
