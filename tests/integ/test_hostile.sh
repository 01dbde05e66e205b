#!/bin/bash
# Hostile and careless input, round three: a field past its limit (ledger,
# rosters, arguments), a ledger import that stays linear, poll-interval 0 at
# reload, a second daemon (or a clerk) through another name of the file, a
# template directory outside the configuration's, the cause of a refused
# control socket, a NUL named by its column. Nothing already stored is lost.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[rule "long"]' 'deadline = 30 days'
seed_db
HEAD=$(ctl ledger export - | head -1 | sed 's/^\xef\xbb\xbf//; s/\r$//')
NC=$(awk -F, '{ print NF }' <<<"$HEAD")
stored() { sql "SELECT (SELECT count(*) FROM cases) || ' ' || (SELECT count(*) FROM actions) ||
	' ' || (SELECT count(*) FROM departments) || ' ' || (SELECT count(*) FROM leaders)"; }
before=$(stored)

# 1. Every text field has a limit, named with the field and the limit; a
#    50,000,000-byte title is refused without being read into memory whole.
$PY - "$T/big.csv" "$HEAD" "$NC" <<'PY'
import sys
path, head, nc = sys.argv[1], sys.argv[2], int(sys.argv[3])
row = ["N1", "a" * 50_000_000, "2", "", "", "否", "", "2026-11-01 09:00"] + [""] * (nc - 8)
open(path, "w", encoding="utf-8", newline="").write(head + "\r\n" + ",".join(row) + "\r\n")
PY
/usr/bin/time -f '%M' -o "$T/time" "$DUBANCTL" -f "$T/duban.conf" ledger import --dry-run \
	"$T/big.csv" >"$T/out" 2>"$T/err" && fail "a 50 MB title was accepted: $(cat "$T/out")"
grep -q "would be added" "$T/out" && fail "the dry run would add a 50 MB title"
grep -q "big.csv:2: column 2 (案件名称): .*at most 2000 bytes" "$T/err" ||
	fail "the error does not name the line, the field and the limit: $(head -c 300 "$T/err")"
[ -z "${SAN:-}" ] && [ -z "$WRAP" ] && [ "$(tail -1 "$T/time")" -gt 40000 ] &&
	fail "a 50 MB field took $(( $(tail -1 "$T/time") / 1024 )) MB to refuse"
long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }
ctl case add C9 "$(long 2001)" >/dev/null 2>"$T/err" && fail "case add took a 2001-byte title"
grep -q "TITLE.*at most 2000 bytes" "$T/err" || fail "case add: $(cut -c1-200 "$T/err")"
ctl case add "$(long 65)" 标题 >/dev/null 2>"$T/err" && fail "case add took a 65-byte number"
grep -q "NUMBER.*at most 64 bytes" "$T/err" || fail "case add number: $(cut -c1-200 "$T/err")"
ctl case add C9 标题 --petitioner "$(long 201)" >/dev/null 2>"$T/err" &&
	fail "case add took a 201-byte petitioner"
grep -q -- "--petitioner.*at most 200 bytes" "$T/err" || fail "--petitioner: $(cut -c1-200 "$T/err")"
ctl dept add d1 "$(long 201)" >/dev/null 2>&1 && fail "dept add took a 201-byte name"
ctl dept add d1 名 --email "$(long 250)@x.cn" >/dev/null 2>"$T/err" && fail "dept add took a 255-byte address"
grep -q -- "--email.*at most 254 bytes" "$T/err" || fail "--email: $(cut -c1-200 "$T/err")"
# exactly at the limit is taken (a limit, not an off-by-one)
t1998=$($PY -c "print('字' * 666, end='')")
ctl case add C8 "$t1998" >/dev/null || fail "a 1998-byte title refused"
# its audit line holds the whole title, valid UTF-8 (PostgreSQL refuses a cut one)
assert_eq "$(sql "SELECT detail FROM events WHERE what = 'case add' AND detail LIKE 'C8 %'")" "C8 $t1998" \
	"the audit line of a case with a 1998-byte title"
ctl case add "$(long 64)" 标题 >/dev/null || fail "a 64-byte case number refused"
sql "DELETE FROM cases WHERE number = 'C8' OR length(number) = 64" >/dev/null
before=$(stored)
# the rosters' CSV: file:line, the column's name, the limit
printf 'code,name,head,title,email\nd2,%s,某人,局长,d2@example.gov.cn\n' "$(long 201)" >"$T/depts.csv"
ctl dept import "$T/depts.csv" >/dev/null 2>"$T/err" && fail "dept import took a 201-byte name"
grep -q "depts.csv:2.*name.*at most 200 bytes" "$T/err" || fail "dept import: $(cut -c1-200 "$T/err")"
printf 'name,title,email\n%s,副市长,l@example.gov.cn\n' "$(long 201)" >"$T/leaders.csv"
ctl leader import "$T/leaders.csv" >/dev/null 2>"$T/err" && fail "leader import took a 201-byte name"
grep -q "leaders.csv:2.*name.*at most 200 bytes" "$T/err" || fail "leader import: $(cut -c1-200 "$T/err")"
# each ledger column at one byte past its limit: refused, naming the column
$PY - "$T" "$HEAD" <<'PY'
import sys
d, head = sys.argv[1], sys.argv[2]
cols = head.split(",")
limits = {"案件编号": 64, "案件名称": 2000, "包案领导": 200, "信访人": 200, "办理事项": 200,
          "办理结果": 2000, "办理内容": 2000, "责任人": 200, "转办单位": 200, "转办原因": 2000}
base = {"案件编号": "L1", "案件名称": "标题", "类别": "2", "挂牌督办": "否",
        "受理时间": "2026-11-01 09:00", "承办单位": "zjj", "办理事项": "handling",
        "通知时间": "2026-11-20 09:00"}
for name, n in limits.items():
    row = dict(base)
    row[name] = "x" * (n + 1)
    if name.startswith("转办") and name != "转办单位":
        row["转办单位"] = "法院"
    if name == "转办单位":
        row["转办原因"] = "产权纠纷"
    if name.startswith("转办"):
        row["转办时间"] = "2026-11-21 09:00"
    open("%s/col-%d.csv" % (d, cols.index(name) + 1), "w", encoding="utf-8").write(
        head + "\n" + ",".join(row.get(c, "") for c in cols) + "\n")
PY
for f in "$T"/col-*.csv; do
	n=${f##*col-}; n=${n%.csv}
	ctl ledger import "$f" >/dev/null 2>"$T/err" && fail "column $n past its limit was imported"
	grep -q "col-$n.csv:2: column $n (.*): .*at most [0-9]* bytes" "$T/err" ||
		fail "column $n: $(cut -c1-200 "$T/err")"
done
assert_eq "$(stored)" "$before" "rows after the refused inputs"

# 2. A ledger import is linear: rows of one case, department, step and
#    notification that differ by their work (办理内容) cost the same per row
#    at S and at 4 S rows (before, each row compared itself with every
#    earlier one of that identity). On SQLite CPU seconds, not wall time; on
#    PostgreSQL the rows of actions the server's scans read. A generous
#    ratio: linear is 4, the old cost was above 16.
same_identity() {	# same_identity N FILE
	$PY - "$1" "$2" "$HEAD" <<'PY'
import sys
n, path, head = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cols = head.split(",")
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(head + "\r\n")
    for i in range(n):
        r = {"案件编号": "S-1", "案件名称": "同一案件", "类别": "2", "挂牌督办": "否",
             "受理时间": "2026-11-01 08:00", "承办单位": "zjj", "办理事项": "handling",
             "通知时间": "2026-11-20 09:00", "办理内容": "第%d项" % i}
        f.write(",".join(r.get(c, "") for c in cols) + "\r\n")
PY
}
cpu() {	# cpu FILE: import it into a fresh database; CPU in user+sys seconds x100
	fresh_db
	seed_db
	/usr/bin/time -f '%U %S' -o "$T/time" "$DUBANCTL" -f "$T/duban.conf" ledger import "$1" \
		>/dev/null 2>"$T/err" || fail "import $1: $(tail -3 "$T/err")"
	CPU=$(awk '{ printf "%d\n", ($1 + $2) * 100 + 1 }' "$T/time")
	# on PostgreSQL the work is the server's: the rows its scans read instead
	[ -n "$PGDB" ] && CPU=$(sql "SELECT pg_stat_clear_snapshot();
		SELECT coalesce(sum(idx_tup_fetch + seq_tup_read), 0) FROM pg_stat_user_tables
		WHERE relname = 'actions'" | tail -1)
}
if [ -z "${SAN:-}" ] && [ -z "$WRAP" ]; then
	S=4000
	[ -n "$PGDB" ] && S=1000
	same_identity "$S" "$T/s1.csv"
	same_identity $((S * 4)) "$T/s4.csv"
	cpu "$T/s1.csv"; c1=$CPU
	cpu "$T/s4.csv"; c4=$CPU
	assert_eq "$(sql "SELECT count(*) FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.number = 'S-1'")" \
		$((S * 4)) "the actions of one identity imported"
	[ "$c4" -le $((c1 * 8 + 50)) ] ||
		fail "4 times the rows cost $c4 against $c1: not linear"
	ctl ledger import "$T/s4.csv" >"$T/out" || fail "importing the same ledger again"
	grep -q " 0 actions added, 0 updated, $((S * 4)) unchanged" "$T/out" ||
		fail "the same ledger again: $(tail -1 "$T/out")"
fi

# 3. poll-interval below its minimum (1 second): refused by duband -t and
#    at reload, with file:line; the running daemon keeps its configuration.
start_sink
write_conf '[rule "long"]' 'deadline = 30 days'
for v in 0 "0 seconds" 00 "0 minutes"; do
	sed "s/^poll-interval = .*/poll-interval = $v/" "$T/duban.conf" >"$T/bad.conf"
	"$DUBAND" -t -f "$T/bad.conf" >/dev/null 2>"$T/err" && fail "duband -t took poll-interval = $v"
	grep -q "bad.conf:5: poll-interval: .*from 1 to 3600 seconds" "$T/err" ||
		fail "poll-interval = $v: $(cat "$T/err")"
done
start_daemon
cp "$T/duban.conf" "$T/good.conf"
sed -i "s/^poll-interval = .*/poll-interval = 0/" "$T/duban.conf"
kill -HUP "$DAEMON_PID"
wait_for 10 grep -q "reload refused" "$T/duband.log" || fail "a reload to poll-interval = 0 was not refused"
grep -q "duban.conf:5: poll-interval" "$T/duband.log" || fail "the refused reload does not say where"
cp "$T/good.conf" "$T/duban.conf"
ctl status >"$T/status" 2>&1 || fail "the daemon stopped answering after a refused reload"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""

# 4. One daemon per SQLite file however it is named, and no second name at
#    all where SQLite would keep a second journal (a hard link). PostgreSQL
#    is shared by several daemons by design (test_instances).
if [ -z "$PGDB" ]; then
	start_daemon
	mkdir -p "$T/sub" "$T/bind"
	ln -s "$T/duban.db" "$T/sym.db"
	ln -s "$T" "$T/dirlink"
	second() {	# second PATH: a second daemon on PATH; its exit status and last line
		sed "s|^database = .*|database = $1|; s|^socket = .*|socket = $T/two.sock|" \
			"$T/duban.conf" >"$T/two.conf"
		(cd "$T" && timeout 10 "$DUBAND" -d -f "$T/two.conf" >"$T/two.log" 2>&1)
		echo "$? $(grep -v calendar "$T/two.log" | tail -1)"
	}
	for p in "$T/sym.db" "$T/dirlink/duban.db" "$T/./duban.db" "$T/sub/../duban.db" \
		duban.db ./sub/../sym.db; do
		r=$(second "$p")
		[[ "$r" == "78 "*"another duband is running"* ]] || fail "a second daemon through $p: $r"
	done
	if mount --bind "$T" "$T/bind" 2>/dev/null; then
		r=$(second "$T/bind/duban.db")
		umount "$T/bind"
		[[ "$r" == "78 "*"another duband is running"* ]] || fail "a second daemon through a bind mount: $r"
	fi
	ln "$T/duban.db" "$T/hard.db"
	r=$(second "$T/hard.db")
	[[ "$r" == "78 "*"hard link"* ]] || fail "a second daemon through a hard link: $r"
	# a clerk through the hard link would write a journal the daemon never reads
	sed "s|^database = .*|database = $T/hard.db|" "$T/duban.conf" >"$T/hard.conf"
	"$DUBANCTL" -f "$T/hard.conf" case add H1 硬链接 >/dev/null 2>"$T/err" &&
		fail "dubanctl wrote through a hard link"
	grep -q "hard link" "$T/err" || fail "dubanctl through a hard link: $(cat "$T/err")"
	rm "$T/hard.db"
	# the same daemon after a restart: the one name is fine again
	kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
	# 1,000 notices, two daemons started at once through two names: each once
	ctl case add C1000 千件 >/dev/null 2>&1
	burst 1000 long -1000
	stop_sink; rm -rf "$T/mail"; start_sink
	write_conf '[rule "long"]' 'deadline = 30 days'
	sed "s|^database = .*|database = $T/sym.db|; s|^socket = .*|socket = $T/two.sock|" \
		"$T/duban.conf" >"$T/two.conf"
	"$DUBAND" -d -f "$T/two.conf" >"$T/two.log" 2>&1 &
	two=$!
	"$DUBAND" -d -f "$T/duban.conf" >>"$T/duband.log" 2>&1 &
	DAEMON_PID=$!
	all_sent() { [ "$(sql "SELECT count(*) FROM notices WHERE status = 'queued'")" = 0 ] &&
		[ "$(sql "SELECT count(*) FROM notices")" -ge 1000 ]; }
	ok=0
	wait_for 60 all_sent && ok=1
	alive=0
	kill -0 "$two" 2>/dev/null && alive=$((alive + 1))
	kill -0 "$DAEMON_PID" 2>/dev/null && alive=$((alive + 1))
	kill -TERM "$two" "$DAEMON_PID" 2>/dev/null; wait "$two" "$DAEMON_PID" 2>/dev/null; DAEMON_PID=""
	[ "$ok" = 1 ] || fail "the burst was not sent"
	assert_eq "$alive" 1 "daemons running on one file through two names"
	grep -qh "another duband is running" "$T/two.log" "$T/duban.log" 2>/dev/null ||
		grep -q "another duband is running" "$T/duband.log" || fail "the one refused does not say why"
	received_vs_stored
	assert_eq "$DUPS" 0 "messages received twice with two daemons through two names"
fi

# 5. The template directory: outside the configuration's directory, or
#    missing, is an error at duband -t, named at its line; a directory inside
#    it that lacks one template (one newer than it, after an upgrade) warns.
mkdir -p "$T/etc/templates" "$T/elsewhere"
cp "$TOP"/conf/templates/*.txt "$T/etc/templates/"
cp "$TOP"/conf/templates/*.txt "$T/elsewhere/"
tpl() {	# tpl VALUE: duband -t on a configuration in $T/etc with templates = VALUE
	sed "/^\[mail\]\$/a templates = $1" "$T/duban.conf" >"$T/etc/duban.conf"
	"$DUBAND" -t -f "$T/etc/duban.conf" >/dev/null 2>"$T/err"
}
tpl templates || fail "templates inside the configuration's directory: $(cat "$T/err")"
for v in ../../../../etc ../elsewhere "$T/elsewhere" templates/../../elsewhere nowhere; do
	tpl "$v" && fail "duband -t took templates = $v"
	grep -q "etc/duban.conf:[0-9]*: templates" "$T/err" || fail "templates = $v: $(cat "$T/err")"
done
ln -s "$T/elsewhere" "$T/etc/linked"
tpl linked && fail "duband -t took a symlink to a directory outside"
ln -s /etc/passwd "$T/etc/templates/digest.txt.new" && mv "$T/etc/templates/digest.txt.new" "$T/etc/templates/reminder.txt"
tpl templates && fail "duband -t took a template that is a symlink outside the directory"
grep -q "reminder.txt" "$T/err" || fail "the symlinked template is not named: $(cat "$T/err")"
cp "$TOP/conf/templates/reminder.txt" "$T/etc/templates/reminder.txt" --remove-destination
rm "$T/etc/templates/digest.txt"
tpl templates || fail "a directory lacking one template: $(cat "$T/err")"
grep -q "digest.txt.*built-in" "$T/err" || fail "the missing template is not warned of: $(cat "$T/err")"

# 6. The control socket's refusal names its cause.
start_daemon
ctl status >/dev/null || fail "status"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chmod 0755 "$T"
	chmod 0644 "$T/duban.conf"
	runuser -u nobody -- "$DUBANCTL" -f "$T/duban.conf" -D /nonexistent status >/dev/null 2>"$T/err" &&
		fail "status through a socket nobody may write"
	grep -q "permission denied.*group" "$T/err" || fail "EACCES: $(cat "$T/err")"
	chmod 0700 "$T"
fi
kill -STOP "$DAEMON_PID"
kill -9 "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null; DAEMON_PID=""
ctl status >/dev/null 2>"$T/err" && fail "status with the daemon killed"
grep -q "refused" "$T/err" || fail "ECONNREFUSED: $(cat "$T/err")"
rm -f "$T/duban.sock"
ctl status >/dev/null 2>"$T/err" && fail "status with no socket"
grep -q "no socket" "$T/err" || fail "ENOENT: $(cat "$T/err")"

# 7. A NUL in a ledger names its line, its byte and its column.
printf '%s\nN1,案\0件,2,,,否,,2026-11-01 09:00%s\n' "$HEAD" "$(printf ',%.0s' $(seq 9 "$NC"))" >"$T/nul.csv"
ctl ledger import "$T/nul.csv" >/dev/null 2>"$T/err" && fail "a ledger with a NUL was imported"
grep -q "line 2, byte 7.*column 2 (案件名称)" "$T/err" || fail "the NUL's column: $(cat "$T/err")"
iconv -f utf-8 -t gb18030 <"$T/nul.csv" >"$T/nul-gb.csv" 2>/dev/null ||
	{ tr -d '\0' <"$T/nul.csv" | iconv -f utf-8 -t gb18030 | sed '2s/,/,\x00/' >"$T/nul-gb.csv"; }
ctl ledger import "$T/nul-gb.csv" --encoding gb18030 >/dev/null 2>"$T/err" && fail "GB18030 with a NUL"
grep -q "column 2 (案件名称)" "$T/err" || fail "GB18030: the NUL's column: $(cat "$T/err")"
exit 0
