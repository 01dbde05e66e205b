#!/bin/bash
# duband -t and dubanctl check-config: the shipped file passes; errors are
# reported as file:line: message with a non-zero exit.
. "$(dirname "$0")/lib.sh"

setup_dir
out=$("$DUBAND" -t -f "$TOP/conf/duban.conf" 2>/dev/null) || fail "shipped conf/duban.conf rejected"
assert_eq "$out" "configuration OK" "duband -t on the shipped file"
out=$("$DUBANCTL" -f "$TOP/conf/duban.conf" check-config 2>/dev/null) || fail "check-config rejected the shipped file"
assert_eq "$out" "configuration OK" "dubanctl check-config"

cat >"$T/bad.conf" <<CONF
[daemon]
calendar = $TOP/conf/calendar/cn.conf
colour = blue
[smtp]
from = fxb@example.gov.cn
port = 99999
[rule "r"]
deadline = 7 dayz
escalate = 1 day after -> nobody
CONF
"$DUBAND" -t -f "$T/bad.conf" >"$T/out" 2>"$T/err" && fail "a bad file was accepted"
grep -q "^$T/bad.conf:3: unknown key 'colour' in \[daemon\]$" "$T/err" || fail "colour: $(cat "$T/err")"
grep -q "^$T/bad.conf:6: port: expected a whole number from 1 to 65535, not '99999'$" "$T/err" || fail "port"
grep -q "^$T/bad.conf:8: deadline: unknown unit" "$T/err" || fail "deadline"
"$DUBANCTL" -f "$T/bad.conf" check-config >/dev/null 2>&1
assert_eq "$?" 3 "check-config exit status on a bad file"

"$DUBAND" -t -f "$T/missing.conf" 2>"$T/err" && fail "a missing file was accepted"
grep -q "$T/missing.conf: cannot open: No such file or directory" "$T/err" || fail "missing file message"
"$DUBAND" -x 2>/dev/null
assert_eq "$?" 2 "duband exit status on a bad option"
"$DUBAND" -h | grep -q '^usage: duband' || fail "duband -h"
"$DUBANCTL" --help | grep -q '^usage: dubanctl' || fail "dubanctl --help"
"$DUBANCTL" assign --help | grep -q '^usage: dubanctl assign' || fail "dubanctl assign --help"

# A template with an unknown placeholder is a configuration error at its line.
mkdir -p "$T/tpl"
cp "$TOP"/conf/templates/*.txt "$T/tpl/"
sed -i 's/^贵单位（{dept}）承办/贵单位（{department}）承办/' "$T/tpl/reminder.txt"
line=$(grep -n '{department}' "$T/tpl/reminder.txt" | cut -d: -f1)
cat >"$T/tpl.conf" <<CONF
[daemon]
calendar = $TOP/conf/calendar/cn.conf
[smtp]
from = fxb@example.gov.cn
[mail]
templates = $T/tpl
CONF
"$DUBAND" -t -f "$T/tpl.conf" 2>"$T/err" && fail "a bad template was accepted"
grep -q "^$T/tpl/reminder.txt:$line: unknown placeholder {department} in reminder.txt$" "$T/err" ||
	fail "template error: $(cat "$T/err")"
# a template missing from the directory (one added by an upgrade): the
# built-in one, with a warning that names it
rm "$T/tpl/digest.txt"
"$DUBAND" -t -f "$T/tpl.conf" 2>"$T/err"
grep -q "^$T/tpl/digest.txt: no such template: the built-in one is used (warning)$" "$T/err" ||
	fail "missing template: $(cat "$T/err")"
# a template that is there but cannot be read is an error, not a fallback
rm "$T/tpl/item.txt"
mkdir "$T/tpl/item.txt"
"$DUBAND" -t -f "$T/tpl.conf" 2>"$T/err" && fail "an unreadable template was accepted"
grep -q "^$T/tpl/item.txt: cannot open template" "$T/err" || fail "unreadable: $(cat "$T/err")"
rmdir "$T/tpl/item.txt"
cp "$TOP"/conf/templates/*.txt "$T/tpl/"
"$DUBAND" -t -f "$T/tpl.conf" >/dev/null 2>&1 || fail "the shipped templates copied are refused"

# dubanctl refuses nonsense with clear words and nothing stored.
write_conf '[rule "r"]' 'deadline = 1 week'
ctl() { "$DUBANCTL" -f "$T/duban.conf" "$@"; }
ctl actions 2>"$T/err" && fail "actions on a missing database"
grep -q "create it with 'dubanctl init'" "$T/err" || fail "missing database message"
seed_db
ctl assign C1 nosuch handling 2>"$T/err" && fail "assign to an unknown department"
grep -q "no department 'nosuch'" "$T/err" || fail "unknown department message"
ctl assign C1 zjj handling --at yesterday 2>"$T/err" && fail "a bad --at was accepted"
ctl done 99 2>"$T/err" && fail "done on a missing action"
grep -q "action 99 does not exist" "$T/err" || fail "missing action message"
# impossible arguments are refused, a duplicate is named, a typo gets the nearest word
ctl report --from 2026-12-01 --to 2026-11-01 2>"$T/err" && fail "report took --from after --to"
grep -q "from 2026-12-01 is after --to 2026-11-01" "$T/err" || fail "from/to message: $(cat "$T/err")"
ctl case add C1 又一个 2>"$T/err" && fail "a duplicate case was added"
grep -q "case C1 exists already" "$T/err" || fail "duplicate case message: $(cat "$T/err")"
grep -q "UNIQUE" "$T/err" && fail "the duplicate case message is SQLite's"
ctl dept add zjj 另一个局 2>"$T/err" && fail "a duplicate department was added"
grep -q "department zjj exists already" "$T/err" || fail "duplicate dept message: $(cat "$T/err")"
ctl queue shwo 1 2>"$T/err" && fail "queue shwo was taken"
grep -q "queue: unknown subcommand 'shwo' (did you mean 'queue show'?)" "$T/err" ||
	fail "unknown subcommand message: $(cat "$T/err")"
ctl raport 2>"$T/err" && fail "raport was taken"
grep -q "unknown command 'raport' (did you mean 'report'?)" "$T/err" || fail "unknown command: $(cat "$T/err")"
ctl dept add zjj 重复 2>"$T/err" && fail "a duplicate department was accepted"
assert_eq "$(sql 'SELECT count(*) FROM actions')" 0 "actions stored after refusals"
assert_eq "$(sql 'SELECT name FROM departments')" 住建局 "departments after a refused duplicate"
# a configuration broken on disk does not lock the office out of its data
cp "$T/duban.conf" "$T/good.conf"
printf '[rule "broken"]\ndeadline = 3 fortnights\n' >>"$T/duban.conf"
ctl actions --all >"$T/out" 2>"$T/err" || fail "actions on a broken configuration: $(cat "$T/err")"
grep -q "3 fortnights" "$T/err" || fail "the listing does not say what is wrong: $(cat "$T/err")"
grep -q "read-only" "$T/err" || fail "the listing does not say it is read-only: $(cat "$T/err")"
ctl --json queue --all 2>/dev/null | $PY -c 'import json, sys; json.load(sys.stdin)' ||
	fail "queue --json on a broken configuration"
ctl dept list >/dev/null 2>&1 || fail "dept list on a broken configuration"
ctl assign C1 zjj handling >/dev/null 2>&1
assert_eq "$?" 3 "assign on a broken configuration (exit status)"
ctl check-config >/dev/null 2>&1 && fail "check-config passed a broken configuration"
cp "$T/good.conf" "$T/duban.conf"
# the conventions people expect: long options and versions
"$DUBAND" --version | grep -q "^duband [0-9]" || fail "duband --version"
"$DUBAND" --help | grep -q -- "--check" || fail "duband --help"
"$DUBAND" --check --config "$T/duban.conf" >/dev/null || fail "duband --check --config"
"$DUBANCTL" --version | grep -q "^dubanctl [0-9]" || fail "dubanctl --version"
exit 0
