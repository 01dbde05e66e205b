#!/bin/bash
# JSON and CSV that scripts can trust: hostile names (quotes, commas,
# backslashes, a leading = + - @) go through every listing's --json and
# --csv and parse with Python's json and csv modules; JSON has numbers as
# numbers, times in RFC 3339 with their offset and null for what is
# missing; a text cell a spreadsheet would take for a formula is kept text
# in CSV, and the ledger's round trip gives the text back.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline'
ctl init >/dev/null || fail "init"
HOSTILE='=HYPERLINK("http://x"),局\名'
ctl dept add h1 "$HOSTILE" --head '@某,"人' --email h1@example.gov.cn >/dev/null || fail "dept add"
ctl case add --petitioner '+86 张三' -- 'C,"1' '-标题"x",y' >/dev/null || fail "case add"
start_daemon
ctl assign 'C,"1' h1 handling >/dev/null || fail "assign"
escalated() { [ "$(sql "SELECT count(*) FROM notices WHERE kind = 'escalation' AND status = 'sent'")" -ge 1 ]; }
wait_for 15 escalated || fail "no escalation"
today=$(date +%F)
for cmd in "dept list" "actions --all" "queue --all" "mail --all" "log" "report" \
	"preview --day $today" "status"; do
	# shellcheck disable=SC2086
	ctl --json $cmd >"$T/out.json" 2>"$T/err" || fail "--json $cmd: $(cat "$T/err")"
	# shellcheck disable=SC2086
	ctl --csv $cmd >"$T/out.csv" 2>"$T/err" || fail "--csv $cmd: $(cat "$T/err")"
	$PY - "$T/out.json" "$T/out.csv" "$HOSTILE" "$cmd" <<'PY' || fail "dubanctl $cmd: $(cat "$T/out.json" "$T/out.csv")"
import csv, datetime, json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
table = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
hostile, cmd = sys.argv[3], sys.argv[4]
assert isinstance(rows, list) and (len(rows) >= 1 or cmd.startswith("preview")), rows
assert len(table) == len(rows) + 1, (len(table), len(rows))
assert all(len(r) == len(table[0]) for r in table), table
assert not rows or list(rows[0].keys()) == table[0], (rows[0].keys(), table[0])
for r in rows:
    for k, v in r.items():
        assert v != "", (k, r)                      # missing is null, not ""
        if k in ("deadline", "next", "when", "escalated", "event", "sent", "sent_or_next_try") and isinstance(v, str):
            t = datetime.datetime.fromisoformat(v)
            assert t.tzinfo is not None and "T" in v, (k, v)
for k in ("id", "action", "tries", "level", "assigned", "cases"):
    for r in rows:
        if r.get(k) is not None:
            assert isinstance(r[k], int), (k, r)
text = json.dumps(rows, ensure_ascii=False)
if cmd in ("dept list", "report"):
    assert hostile in [v for r in rows for v in r.values()], rows
    # in CSV the formula is text: a leading '
    assert "'" + hostile in [c for r in table for c in r], table
PY
done

# Tables line up by display columns (the C library's wcwidth): a CJK
# character takes two, a curly quote one, whatever its bytes.
ctl dept add q1 '“引号”局' --head 王五 >/dev/null || fail "dept add q1"
ctl dept add q2 住建局 --head 赵六 >/dev/null || fail "dept add q2"
ctl dept list >"$T/table" || fail "dept list"
$PY - "$T/table" <<'PY' || fail "the table does not line up: $(cat "$T/table")"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols = {}
for line in open(sys.argv[1], encoding="utf-8"):
    for head in ("王五", "赵六"):
        if head in line:
            cols[head] = width(line[:line.index(head)])
assert len(cols) == 2 and cols["王五"] == cols["赵六"], cols
PY

# The ledger: a formula-like cell is written as text and read back as it was.
ctl ledger export "$T/l.csv" >/dev/null || fail "ledger export"
grep -q "'-标题" "$T/l.csv" || fail "the ledger export keeps a formula-like title as is: $(cat "$T/l.csv")"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
fresh_db
ctl init >/dev/null && ctl dept add h1 x >/dev/null || fail "a new database"
ctl ledger import "$T/l.csv" >/dev/null || fail "ledger import"
assert_eq "$(sql "SELECT title || '|' || petitioner FROM cases")" '-标题"x",y|+86 张三' \
	"the text after the round trip"
exit 0
