#!/bin/bash
# Chinese where people read, English otherwise: the catalogue is complete
# (every message the sources mark is translated), and report, queue show,
# explain and errors give tests/i18n/LANG.out under each locale (LC_ALL,
# LANG or LANGUAGE, whether or not the locale is generated on the machine).
# What scripts read does not change with the language. The daemon writes
# its evidence records in its own language. GOLDEN_UPDATE=1 rewrites the
# .out files (read the diff before committing them).
. "$(dirname "$0")/lib.sh"

setup_dir
make -s -C "$TOP" BUILD="$BUILD" check-po >"$T/po" 2>&1 ||
	fail "the catalogue is not complete: $(cat "$T/po")"
grep -q "translated messages" "$T/po" || fail "check-po: $(cat "$T/po")"

write_conf '[rule "five"]' 'deadline = 5 workdays' 'remind = 1 day before' \
	'escalate = 1 day after -> discipline'
ctl init >/dev/null || fail "init"
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl dept add swj '税务局,"一分局"' --head 孙善起 --email swj@example.gov.cn >/dev/null
ctl case add R1 回迁户办证 --lead bdc --received "2026-09-28 08:00" --force >/dev/null
ctl assign R1 bdc 核验 --at "2026-09-28 09:00" --overdue-ok --force >/dev/null || fail "assign 1"
ctl assign R1 swj 契税 --at "2026-09-29 09:00" --overdue-ok --force >/dev/null || fail "assign 2"
ctl done 2 --at "2026-10-09 10:00" --force >/dev/null || fail "done 2"
sql "INSERT INTO escalations (action_id, dept_id, level, target, opened_at, cycle, due_at)
	SELECT id, dept_id, 1, 'discipline', due_at + 86400000, cycle, due_at FROM actions WHERE id = 1" ||
	fail "escalation"

# run LOCALE-SETTING...: every command of the golden file, stderr with stdout
run() {
	local c
	for c in "report --from 2026-09-01 --to 2026-10-31" "queue show 1" "explain 1" \
		"queue shwo 1" "case add R1 重复" "assign R1 bdc 核验 --at 2026.9.28" \
		"report --from 2026-12-01 --to 2026-11-01" "dept add"; do
		echo "\$ dubanctl $c"
		# shellcheck disable=SC2086
		# the timeline's clock and user are those of the run
		env "$@" "$DUBANCTL" -f "$T/duban.conf" $c 2>&1 |
			sed -E "s|$T|T|g; s/^  [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}  [^ ]+ +/  WHEN  WHO  /"
		echo "exit ${PIPESTATUS[0]}"
	done
}
for lang in en zh; do
	if [ "$lang" = en ]; then
		run LC_ALL=C.UTF-8 >"$T/$lang.out"
	else
		run LC_ALL=zh_CN.UTF-8 >"$T/$lang.out"
	fi
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$T/$lang.out" "$TOP/tests/i18n/$lang.out"
	fi
	diff -u "$TOP/tests/i18n/$lang.out" "$T/$lang.out" >"$T/$lang.diff" ||
		fail "$lang output differs from tests/i18n/$lang.out: $(cat "$T/$lang.diff")"
done
# the golden files are what they say they are
grep -q '督办记录：移送 1' "$T/zh.out" || fail "no Chinese evidence record"
grep -q '未知子命令“shwo”' "$T/zh.out" || fail "no Chinese error"
grep -q '^部门 .*按期率' "$T/zh.out" || fail "no Chinese report heading"
grep -q 'evidence record: escalation 1' "$T/en.out" || fail "no English evidence record"
grep -q '[一-龥]' <(grep -v '^\$\|不动产\|税务局\|回迁户\|核验\|契税\|重复\|国庆\|中秋\|合计\|督办\|挂牌\|市纪委' "$T/en.out") &&
	fail "Chinese in the English output: $(grep '[一-龥]' "$T/en.out" | head -3)"

# LANG alone, and LANGUAGE over a C locale, choose Chinese too
env -u LC_ALL LANG=zh_CN.UTF-8 "$DUBANCTL" -f "$T/duban.conf" queue shwo 1 2>&1 | grep -q '未知子命令' ||
	fail "LANG=zh_CN.UTF-8 is not Chinese"
LANGUAGE=zh_CN "$DUBANCTL" -f "$T/duban.conf" queue shwo 1 2>&1 | grep -q '未知子命令' ||
	fail "LANGUAGE=zh_CN over C.UTF-8 is not Chinese"
env -u LC_ALL LANG=C "$DUBANCTL" -f "$T/duban.conf" queue shwo 1 2>&1 | grep -q 'unknown subcommand' ||
	fail "LANG=C is not English"

# scripts read the same keys and values in every language
for f in --json --csv; do
	LC_ALL=C.UTF-8 "$DUBANCTL" -f "$T/duban.conf" $f actions --all >"$T/a.en" || fail "actions $f"
	LC_ALL=zh_CN.UTF-8 "$DUBANCTL" -f "$T/duban.conf" $f actions --all >"$T/a.zh" || fail "actions $f zh"
	cmp -s "$T/a.en" "$T/a.zh" || fail "$f differs by language: $(diff "$T/a.en" "$T/a.zh")"
	LC_ALL=zh_CN.UTF-8 "$DUBANCTL" -f "$T/duban.conf" $f report >"$T/r.zh" || fail "report $f zh"
	LC_ALL=C.UTF-8 "$DUBANCTL" -f "$T/duban.conf" $f report >"$T/r.en" || fail "report $f"
	cmp -s "$T/r.en" "$T/r.zh" || fail "report $f differs by language"
	cp "$T/a.zh" "$T/a.zh$f"
done
$PY -c 'import json,sys; r=json.load(open(sys.argv[1])); assert {a["state"] for a in r} == {"overdue","done"}, r' \
	"$T/a.zh--json" || fail "zh JSON: $(cat "$T/a.zh--json")"

# the daemon writes its evidence record in its language (the unit's LANG)
start_sink
write_conf '[rule "fast"]' 'deadline = 1 second' 'escalate = 1 second after -> discipline'
LC_ALL="" LANG=zh_CN.UTF-8 start_daemon
ctl assign R1 bdc 公告 >/dev/null || fail "assign fast"
escalated() { [ "$(sql 'SELECT count(*) FROM escalations')" = 2 ]; }
wait_for 15 escalated || fail "the daemon did not escalate"
LC_ALL=C.UTF-8 "$DUBANCTL" -f "$T/duban.conf" queue show 2 >"$T/record" || fail "queue show 2"
grep -q '^督办记录：移送 2' "$T/record" || fail "the record is not in the daemon's language: $(head -3 "$T/record")"
grep -q '^期限计算过程：' "$T/record" || fail "the record's sections are not Chinese: $(cat "$T/record")"
# the examples of README and dubanctl(1) are what dubanctl prints: each
# output line there begins a line of the golden files (a shortened table row
# ends with "...")
$PY - "$TOP/README.md" "$TOP/man/dubanctl.1" "$T/zh.out" "$T/en.out" <<'PYEOF' || fail "an example in the docs is not the output"
import re, sys
readme, man, zh, en = (open(f, encoding="utf-8").read() for f in sys.argv[1:])
golden = zh.splitlines() + en.splitlines()
def examples():
    # README: the indented block after "Under `LANG=zh_CN.UTF-8`:"
    block = readme.split("Under `LANG=zh_CN.UTF-8`:\n\n", 1)[1].split("\n\n", 1)[0]
    yield "README", [l[4:] for l in block.splitlines()]
    # dubanctl(1): the .nf blocks of EXAMPLES
    ex = man.split(".SH EXAMPLES", 1)[1].split(".SH ", 1)[0]
    for b in re.findall(r"\.nf\n\.RS\n(.*?)\n\.RE", ex, re.S):
        yield "dubanctl(1)", [l.replace("\\-", "-") for l in b.splitlines()]
n = 0
for where, lines in examples():
    for l in lines:
        if l.startswith("$ "):
            continue
        l = re.sub(r"\s*\.\.\.$", "", l).rstrip()
        if not any(g.startswith(l) for g in golden):
            sys.exit(f"{where}: not in the output: {l}")
        n += 1
if n < 12:
    sys.exit(f"only {n} example lines found")
PYEOF
exit 0
