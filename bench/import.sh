#!/bin/bash
# Ledger import: time and peak memory of "dubanctl ledger import" for
# ledgers of SIZES rows, of three shapes: many actions of one case, many
# cases of two actions each, and many actions of one case, department, step
# and time that differ by their work (办理内容), and the longest another
# writer (a clerk's command, the daemon's transitions) waited for the
# database meanwhile.
# Prints one table row per size and shape.
set -u
export LC_ALL=C.UTF-8
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
SIZES=${SIZES:-10000 80000 1000000}
T=$(mktemp -d /tmp/duban-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT

cat >"$T/duban.conf" <<CONF
[daemon]
database = $T/duban.db
calendar = $TOP/conf/calendar/cn.conf
[smtp]
host = 127.0.0.1
from = fxb@example.gov.cn
[rule "long"]
deadline = 30 days
CONF

ledger() {	# ledger ROWS SHAPE FILE
	/usr/bin/python3 - "$@" <<'PY'
import sys
n, shape, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("案件编号,案件名称,类别,牵头单位,包案领导,挂牌督办,信访人,受理时间,承办单位,办理事项,"
            "通知时间,签收时间,办结时间,办理结果,办理内容,销号时间,息诉罢访,解决时限,责任人,"
            "转办单位,转办时间,转回时间,转办原因\r\n")
    for i in range(n):
        what = ""
        if shape == "one-case":
            case, step, m = "BIG-1", "step%d" % i, i % 1440
            notified = "2026-11-%02d %02d:%02d" % (20 + (i // 1440) % 8, m // 60, m % 60)
        elif shape == "one-identity":
            # one case, department, step and second: the rows differ by their work
            case, step, notified, what = "ONE-1", "handling", "2026-11-20 09:00", "第%d项" % i
        else:
            case, step, notified = "K-%d" % (i // 2), "step%d" % (i % 2), "2026-11-20 09:00"
        f.write("%s,案件,2,,,否,,2026-11-01 08:00,zjj,%s,%s,,,,%s,,,,,,,,\r\n" %
                (case, step, notified, what))
PY
}

# probe DB STOPFILE: take the write lock every 5 ms; print the longest wait in ms
probe() {
	/usr/bin/python3 - "$@" <<'PY'
import os, sqlite3, sys, time
db, stop = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, timeout=60, isolation_level=None)
worst = 0.0
while not os.path.exists(stop):
    t = time.monotonic()
    c.execute("BEGIN IMMEDIATE")
    c.execute("ROLLBACK")
    worst = max(worst, time.monotonic() - t)
    time.sleep(0.005)
print("%d" % (worst * 1000))
PY
}

echo "| rows | shape | import | peak RSS | longest wait of another writer |"
echo "|---|---|---|---|---|"
for n in $SIZES; do
	for shape in one-case many-cases one-identity; do
		ledger "$n" "$shape" "$T/ledger.csv"
		rm -f "$T"/duban.db*
		"$BUILD/dubanctl" -f "$T/duban.conf" init >/dev/null
		"$BUILD/dubanctl" -f "$T/duban.conf" dept add zjj 住建局 --email zjj@example.gov.cn >/dev/null
		rm -f "$T/stop"
		probe "$T/duban.db" "$T/stop" >"$T/wait" &
		sleep 0.3
		/usr/bin/time -f '%e %M' -o "$T/time" "$BUILD/dubanctl" -f "$T/duban.conf" \
			ledger import "$T/ledger.csv" >/dev/null 2>&1
		touch "$T/stop"
		wait
		read -r secs kb <"$T/time"
		printf '| %s | %s | %s s | %d MB | %s ms |\n' "$n" "$shape" "$secs" $((kb / 1024)) \
			"$(cat "$T/wait")"
	done
done
