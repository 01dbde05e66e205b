#!/bin/bash
# A large ledger imports in bounded memory: 150,000 rows (UTF-8) and 40,000
# rows (GB18030, every multibyte sequence a chance to be cut between two
# reads) stay under 40 MB, all rows arrive, a clerk's command meanwhile is
# not refused, and importing the same file again changes nothing.
. "$(dirname "$0")/lib.sh"

[ -z "${SAN:-}" ] || { echo "skipped: sanitizers change the memory measured"; exit 77; }
[ -z "$WRAP" ] || { echo "skipped: too slow under $WRAP"; exit 77; }
setup_dir
write_conf '[rule "long"]' 'deadline = 30 days'
seed_db
# PostgreSQL takes a row in a round trip per statement (~1,200 rows/s here):
# a tenth of the rows there, the same bound on memory
U=150000 G=40000
[ -n "$PGDB" ] && U=15000 G=4000
$PY - "$T" "$U" "$G" <<'PY'
import sys
d = sys.argv[1]
nu, ng = int(sys.argv[2]), int(sys.argv[3])
head = ("案件编号,案件名称,类别,牵头单位,包案领导,挂牌督办,信访人,受理时间,承办单位,办理事项,"
        "通知时间,签收时间,办结时间,办理结果")
def rows(n, prefix):
    for i in range(n):
        yield ("%s-%d,某小区“%d号楼”无法办证,2,,,否,张三,2026-11-01 08:00,zjj,核验办证手续%d,"
               "2026-11-20 09:%02d,,," % (prefix, i // 2, i // 2, i % 2, i % 60))
open(d + "/big.csv", "w", encoding="utf-8", newline="").write(
    "\ufeff" + head + "\r\n" + "\r\n".join(rows(nu, "U")) + "\r\n")
open(d + "/big-gb.csv", "w", encoding="gb18030", newline="").write(
    head + "\r\n" + "\r\n".join(rows(ng, "G")) + "\r\n")
PY
peak() {	# peak FILE: import FILE, print its peak RSS in MB
	/usr/bin/time -f '%M' -o "$T/time" "$DUBANCTL" -f "$T/duban.conf" ledger import "$1" \
		>"$T/out" 2>"$T/err" || fail "import $1: $(tail -3 "$T/err")"
	echo $(($(tail -1 "$T/time") / 1024))
}
ctl case add LATE 迟到的案件 >/dev/null &	# a clerk, at the same time
mb=$(peak "$T/big.csv")
wait $! || fail "a clerk's command failed during the import"
[ "$mb" -lt 40 ] || fail "$U rows took $mb MB"
rows() {	# rows PREFIX: its cases and their actions, as stored
	sql "SELECT count(DISTINCT c.id) || ' ' || count(a.id) FROM cases c
		JOIN actions a ON a.case_id = c.id WHERE c.number LIKE '$1-%'"
}
assert_eq "$(rows U)" "$((U / 2)) $U" "cases and actions stored from UTF-8"
mb=$(peak "$T/big-gb.csv")
[ "$mb" -lt 40 ] || fail "$G GB18030 rows took $mb MB"
assert_eq "$(rows G)" "$((G / 2)) $G" "cases and actions stored from GB18030"
assert_eq "$(sql "SELECT title FROM cases WHERE number = 'G-7'")" "某小区“7号楼”无法办证" \
	"a title read from GB18030"
before=$(sql "SELECT count(*) || ' ' || max(id) || ' ' || sum(notified_at) FROM actions")
mb=$(peak "$T/big.csv")
assert_eq "$(sql "SELECT count(*) || ' ' || max(id) || ' ' || sum(notified_at) FROM actions")" \
	"$before" "the actions after importing the same file again"
exit 0
