#!/bin/bash
# Hostile and mistaken inputs: a NUL in a ledger, a second daemon on the same
# database through another path, a department without an address, keys out
# of range, empty and far-off values. Each is refused with a clear error, or
# handled so that nothing is lost in silence.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
write_conf '[rule "fast"]' 'deadline = 2 seconds'
seed_db

# 1. A NUL in a GB18030 ledger: an error with its line, nothing imported.
ctl ledger export "$T/ledger.csv" >/dev/null || fail "export"
$PY - "$T/ledger.csv" "$T/nul.csv" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
rows = [text[0]] + ["N%d,案件%d,2,,,否,,2026-11-01 09:00,,,,,," % (i, i) for i in range(3)]
data = ("\r\n".join(rows) + "\r\n").encode("gb18030")
i = data.index("案件1".encode("gb18030"))
open(sys.argv[2], "wb").write(data[:i] + b"\0" + data[i:])
PY
ctl ledger import "$T/nul.csv" --encoding gb18030 >/dev/null 2>"$T/err" && fail "a ledger with a NUL was imported"
grep -q "line 3, byte 4" "$T/err" || fail "the NUL is not reported at its place: $(cat "$T/err")"
assert_eq "$(sql "SELECT count(*) FROM cases WHERE number LIKE 'N%'")" 0 "cases imported from a ledger with a NUL"
tr -d '\0' <"$T/nul.csv" | iconv -f gb18030 -t utf-8 | sed '3s/案件1/\x00案件1/' >"$T/nul8.csv"
ctl ledger import "$T/nul8.csv" >/dev/null 2>"$T/err" && fail "a UTF-8 ledger with a NUL was imported"
grep -q "line 3, byte 4" "$T/err" || fail "UTF-8: the NUL is not reported at its place: $(cat "$T/err")"

# 2. One daemon per SQLite file, whatever the path (PostgreSQL is shared by design).
start_daemon
if [ -z "$PGDB" ]; then
ln -s "$T/duban.db" "$T/link.db"
sed "s|^database = .*|database = $T/link.db|; s|^socket = .*|socket = $T/two.sock|" \
	"$T/duban.conf" >"$T/two.conf"
"$DUBAND" -d -f "$T/two.conf" >"$T/two.log" 2>&1 &
two=$!
sleep 1
kill -0 "$two" 2>/dev/null && { kill -9 "$two"; fail "a second daemon started through a symlink"; }
wait "$two"
assert_eq "$?" 78 "the second daemon's exit status"
grep -q "another duband is running" "$T/two.log" || fail "the second daemon's message: $(cat "$T/two.log")"
mkdir -p "$T/bind"
if mount --bind "$T" "$T/bind" 2>/dev/null; then
	sed "s|^database = .*|database = $T/bind/duban.db|; s|^socket = .*|socket = $T/three.sock|" \
		"$T/duban.conf" >"$T/three.conf"
	"$DUBAND" -d -f "$T/three.conf" >"$T/three.log" 2>&1
	rc=$?
	umount "$T/bind"
	assert_eq "$rc" 78 "a second daemon through a bind mount"
fi
fi

# 3. A department without an address: assign warns; the notice is failed
#    with the reason, the office is told, and "mail" lists it.
ctl dept add noaddr 无地址局 --head 某人 >/dev/null || fail "dept add without an address"
ctl case add C2 无地址 >/dev/null
ctl assign C2 noaddr handling 2>"$T/err" >/dev/null || fail "assign to noaddr"
grep -q "no mail address" "$T/err" || fail "assign does not warn: $(cat "$T/err")"
failed() { [ "$(sql "SELECT count(*) FROM notices WHERE status = 'failed' AND recipient = ''")" -ge 1 ]; }
wait_for 10 failed || fail "the notice to a department without an address was not recorded as failed"
sql "SELECT reply FROM notices WHERE recipient = ''" | grep -q "no mail address" ||
	fail "the failure does not say why"
wait_for 10 has_mail "fxb@example.gov.cn" || fail "the office was not told"
ctl mail --all >"$T/mail.out" 2>&1
grep -q "failed" "$T/mail.out" || fail "dubanctl mail does not list it: $(cat "$T/mail.out")"

# 4. Keys out of range or of the wrong form.
for edit in 's/^poll-interval = .*/poll-interval = 0/' 's/^timeout = .*/timeout = 0/' \
	's/^office-email = .*/office-email = not-an-address/' 's/^host = .*/host = a b/' \
	's/^retry-min = .*/retry-min = 0/'; do
	sed "$edit" "$T/duban.conf" >"$T/bad.conf"
	cmp -s "$T/bad.conf" "$T/duban.conf" && fail "the edit '$edit' changed nothing"
	"$DUBAND" -t -f "$T/bad.conf" >/dev/null 2>"$T/err" && fail "duband -t took: $edit"
	grep -q "bad.conf" "$T/err" || fail "the error does not name the file: $(cat "$T/err")"
done

# 5. Empty, far-off and mistaken values.
ctl case add "" 标题 >/dev/null 2>&1 && fail "an empty case number"
ctl case add C9 "" >/dev/null 2>&1 && fail "an empty case title"
ctl dept add "" 名称 >/dev/null 2>&1 && fail "an empty department code"
ctl dept add x y --email @ >/dev/null 2>&1 && fail "the address @"
for at in "1970-01-01" "9999-12-31" "2016-11-27"; do
	ctl assign C1 zjj handling --at "$at" >/dev/null 2>"$T/err" && fail "--at $at was accepted"
	grep -q -- "--force" "$T/err" || fail "--at $at: $(cat "$T/err")"
done
before=$(sql "SELECT count(*) FROM actions")
ctl assign C1 zjj handling --at "$(TZ=Asia/Shanghai date -d '-1 hour' '+%F %T')" >/dev/null 2>"$T/err" &&
	fail "an action overdue at creation was assigned without --overdue-ok"
grep -q "overdue-ok" "$T/err" || fail "the refusal does not say how: $(cat "$T/err")"
assert_eq "$(sql "SELECT count(*) FROM actions")" "$before" "actions after a refused assign"
ctl assign C1 zjj handling --at "$(TZ=Asia/Shanghai date -d '-1 hour' '+%F %T')" --overdue-ok >/dev/null ||
	fail "--overdue-ok"
ctl case add C10 "$(head -c 120000 /dev/zero | tr '\0' x)" >/dev/null 2>&1 && fail "a 120 KB title"
exit 0
