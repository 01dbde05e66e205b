#!/bin/bash
# Every example of README's "Using dubanctl" and of dubanctl(1)'s EXAMPLES
# runs, in order, on the shipped configuration and roster, with the daemon
# running (its clock and dubanctl's in August 2018, under libfaketime), and
# succeeds. In the README, "a | b" are examples one after the other, "[x]"
# is run with x, "[x | y]" once with each, "#" begins a remark.
. "$(dirname "$0")/lib.sh"

FT=$(MT=1 faketime_preload) || fail "libfaketime is not installed (Debian package faketime)"
setup_dir
sqlite_only "the examples name ids; PostgreSQL's sequences leave gaps after a dry run"
start_sink
shipped_conf
ln -s "$TOP/conf" "$T/conf"
cp "$TOP/tests/data/ledger-utf8.csv" "$T/台账.csv"
NOW="2018-08-07 10:00:00"	# a Tuesday; the daemon's clock starts here
export TZ=Asia/Shanghai

# the examples, one command a line
$PY - "$TOP/README.md" "$TOP/man/dubanctl.1" >"$T/examples" <<'PY' || fail "the examples cannot be read"
import re, shlex, sys
readme, man = (open(f, encoding="utf-8").read() for f in sys.argv[1:])
block = readme.split("dubanctl(1) for everything):\n\n", 1)[1].split("\n\n", 1)[0]
out = []
def variants(cmd):
    m = re.search(r"\[([^\[\]]*)\]", cmd)
    if not m:
        return [cmd]
    alts = [a.strip() for a in m.group(1).split(" | ")]
    return [v for a in alts for v in variants(cmd[:m.start()] + a + cmd[m.end():])]
for line in block.splitlines():
    line = line.strip()
    line = re.sub(r"\s+#.*$", "", line)
    # split at " | " and "; " outside brackets
    parts, depth, cur, i = [], 0, "", 0
    while i < len(line):
        c = line[i]
        depth += (c == "[") - (c == "]")
        if depth == 0 and (line.startswith(" | ", i) or line.startswith("; ", i)):
            parts.append(cur)
            cur = ""
            i += 3 if line.startswith(" | ", i) else 2
            continue
        cur += c
        i += 1
    parts.append(cur)
    for part in parts:
        part = part.strip()
        if not part.startswith("dubanctl "):
            part = "dubanctl " + part
        out += variants(part)
ex = man.split(".SH EXAMPLES", 1)[1].split(".SH ", 1)[0]
times = ex.split("Times as a spreadsheet writes them:", 1)[1]
for l in re.findall(r"^\$ (dubanctl .*)$", times, re.M):
    out.append(l.replace("\\-", "-"))
for o in out:
    shlex.split(o)
    print(o)
PY
[ "$(wc -l <"$T/examples")" -ge 40 ] || fail "too few examples: $(cat "$T/examples")"

# after the first example (init), the daemon runs, its clock in August 2018
cd "$T" || fail "cd"
n=0
while IFS= read -r cmd; do
	n=$((n + 1))
	if [ "$n" = 2 ]; then
		LD_PRELOAD="$FT" FAKETIME="@$NOW" FAKETIME_DONT_RESET=1 "$DUBAND" -d -f "$T/duban.conf" \
			>>"$T/duband.log" 2>&1 &
		DAEMON_PID=$!
		wait_for 30 test -S "$T/duban.sock" || fail "duband did not start: $(cat "$T/duband.log")"
	fi
	eval "set -- ${cmd#dubanctl }"
	# a minute passes between two examples, as it would for a clerk
	when=$(date -d "$NOW $n minutes" '+%F %T')
	if ! LD_PRELOAD="$FT" FAKETIME="@$when" DUBAN_CONF="$T/duban.conf" "$DUBANCTL" "$@" \
		>"$T/out.$n" 2>&1; then
		fail "example $n, '$cmd': $(cat "$T/out.$n")"
	fi
done <"$T/examples"
# what they did
assert_eq "$(sql "SELECT step || ' ' || coalesce(what, '') FROM actions WHERE id = 1")" "handling 核验办证手续" \
	"the first example's action"
[ -s "$T/记录.txt" ] && [ -s "$T/台账-导出.csv" ] || fail "the files the examples write"
grep -q "^督办记录 / evidence record: referral 1" "$T/记录.txt" || fail "the exported record: $(head -2 "$T/记录.txt")"
grep -q "^open actions: 1$" "$T/out.$(grep -n '^dubanctl status$' "$T/examples" | cut -d: -f1)" ||
	fail "status: $(cat "$T"/out.*)"
exit 0
