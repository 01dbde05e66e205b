#!/bin/bash
# Kinds of step: an action names its kind (by key, name or alias) and the
# concrete work beside it; the rule follows from the kind, never from the
# free text. A word no kind has is refused (command line: the known kinds;
# ledger: line and column); a ledger of the first release still imports; a
# database of the release before places its steps at dubanctl init, without
# changing a deadline; mail shows the kind's name and the work.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
kinds=('[step "handling"]' 'name = 分工处理（履行相关手续或出具书面意见）'
	'alias = 分工处理, 出具书面意见'
	'[step "registration"]' 'name = 办理不动产登记' 'alias = 登记, 不动产登记'
	'[step "other"]' 'name = 其他事项' 'catch-all = yes')
rules=('[rule "key-case"]' 'match = step:handling key:yes' 'deadline = 2 seconds'
	'remind = 1 second before'
	'[rule "registration"]' 'match = step:登记' 'deadline = 3 days'
	'[rule "week"]' 'deadline = 7 days')
write_conf "${kinds[@]}" "${rules[@]}"
ctl init >/dev/null || fail "init"
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl case add 2018-FX-001 某小区无法办证 --category 2 --lead bdc --key >/dev/null || fail "case add"

# free text where the kind goes: refused, with the kinds it could have been
ctl assign 2018-FX-001 bdc 核验办证手续 >"$T/out" 2>"$T/err"
assert_eq "$?" 2 "exit code of an unknown kind"
grep -q "no kind of step '核验办证手续'" "$T/err" || fail "the error: $(cat "$T/err")"
grep -q "handling (分工处理（履行相关手续或出具书面意见）), registration (办理不动产登记)" "$T/err" ||
	fail "the error does not list the kinds: $(cat "$T/err")"
assert_eq "$(sql 'SELECT count(*) FROM actions')" 0 "actions after a refused assign"

# the README's example: a key case's handling, by key or by its alias, gets key-case
ctl assign 2018-FX-001 bdc handling --what 核验办证手续 >/dev/null || fail "assign by key"
ctl assign 2018-FX-001 bdc 分工处理 --what 出具书面意见 >/dev/null || fail "assign by alias"
ctl assign 2018-FX-001 bdc 办理不动产登记 >/dev/null || fail "assign by name"
assert_eq "$(sql "SELECT group_concat(step || '/' || coalesce(what, '-') || '/' || rule, ' ')
	FROM (SELECT * FROM actions ORDER BY id) x")" \
	"handling/核验办证手续/key-case handling/出具书面意见/key-case registration/-/registration" \
	"kinds, work and rules"

# mail: the kind's name and the work
start_daemon
wait_for 20 has_mail "核验办证手续" || fail "no reminder naming the work: $(mail_list)"
$PY - "$T/mail" <<'PY' || fail "the notice does not name the kind and the work"
import email, email.policy, glob, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    if "核验办证手续" in m["Subject"]:
        assert "办理事项：分工处理（履行相关手续或出具书面意见）：核验办证手续" in m.get_content(), m.get_content()
        break
else:
    sys.exit("no notice about the work")
PY
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""

# the ledger: 办理事项 is the kind's name, 办理内容 the work; it goes round
ctl ledger export "$T/l.csv" || fail "export"
head -1 "$T/l.csv" | grep -q '办理结果,办理内容' || fail "export header: $(head -1 "$T/l.csv")"
grep -q ',分工处理（履行相关手续或出具书面意见）,.*,核验办证手续' "$T/l.csv" ||
	fail "export row: $(cat "$T/l.csv")"
fresh_db
ctl init >/dev/null
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null
ctl ledger import "$T/l.csv" >/dev/null || fail "import of the export"
ctl ledger export "$T/l2.csv" || fail "export again"
cmp -s "$T/l.csv" "$T/l2.csv" || fail "round trip: $(diff "$T/l.csv" "$T/l2.csv")"
assert_eq "$(sql "SELECT group_concat(step || '/' || coalesce(what, '-'), ' ')
	FROM (SELECT * FROM actions ORDER BY id) x")" \
	"handling/核验办证手续 handling/出具书面意见 registration/-" "kinds after the round trip"

# a new ledger naming no kind: refused at its line and column
sed 's/,办理不动产登记,/,核验办证手续,/' "$T/l.csv" >"$T/bad.csv"
ctl ledger import "$T/bad.csv" >/dev/null 2>"$T/err" && fail "a ledger with an unknown kind imported"
grep -q "bad.csv:4: column 10 (办理事项): '核验办证手续' is not a kind of step (known: handling" "$T/err" ||
	fail "the ledger error: $(cat "$T/err")"

# a ledger of the first release (no 办理内容, free text): the catch-all, said aloud
{
	echo "案件编号,案件名称,类别,牵头单位,包案领导,挂牌督办,信访人,受理时间,承办单位,办理事项,通知时间,签收时间,办结时间,办理结果"
	echo "2018-FX-002,回迁户办证,9,bdc,,否,,2018-08-06 09:00,bdc,登记,2018-08-07 09:00,,2018-08-08 10:00,"
	echo "2018-FX-002,回迁户办证,9,bdc,,否,,2018-08-06 09:00,bdc,核验回迁确认书,2018-08-07 10:00,,2018-08-09 10:00,"
} >"$T/old.csv"
ctl ledger import "$T/old.csv" >"$T/out" 2>"$T/err" || fail "an old ledger: $(cat "$T/err")"
grep -q "old.csv:3: 办理事项 '核验回迁确认书' names no kind of step: kind other, the catch-all" "$T/out" ||
	fail "the placement is not said: $(cat "$T/out")"
assert_eq "$(sql "SELECT group_concat(step || '/' || coalesce(what, '-'), ' ') FROM
	(SELECT a.* FROM actions a JOIN cases c ON c.id = a.case_id WHERE c.number = '2018-FX-002' ORDER BY a.id) x")" \
	"registration/- other/核验回迁确认书" "an old ledger's kinds"

# a database of the release before: dubanctl init places its steps
sqlite_only "the rest migrates a SQLite file made by the release before"
rm -f "$T"/duban.db*
cp "$TOP/tests/data/schema10.db" "$T/duban.db"
chmod 0660 "$T/duban.db"
assert_eq "$(sql 'PRAGMA user_version')" 10 "the fixture's schema"
deadlines() { sql "SELECT group_concat(id || ':' || due_at || ':' || rule, ' ') FROM actions"; }
before=$(deadlines)
write_conf "${kinds[@]/'catch-all = yes'/}" "${rules[@]}"
ctl init >"$T/out" 2>"$T/err" || fail "init without a catch-all: $(cat "$T/err")"
grep -q "step '核验办证手续' (1 action) names no kind and the configuration has no catch-all kind" "$T/err" ||
	fail "init does not name the step it could not place: $(cat "$T/err")"
grep -q "step '办理不动产登记' (1 action): kind registration" "$T/out" || fail "init output: $(cat "$T/out")"
assert_eq "$(sql "SELECT step FROM actions WHERE id = 2")" "核验办证手续" "an unplaced step"
write_conf "${kinds[@]}" "${rules[@]}"
ctl init >"$T/out" 2>"$T/err" || fail "init: $(cat "$T/err")"
grep -q "step '核验办证手续' (1 action): no kind names it: kind other, the catch-all" "$T/out" ||
	fail "init output: $(cat "$T/out")"
assert_eq "$(sql "SELECT group_concat(id || ':' || step || ':' || coalesce(what, '-'), ' ')
	FROM (SELECT * FROM actions ORDER BY id) x")" \
	"1:handling:- 2:other:核验办证手续 3:registration:- 4:registration:-" "the steps placed"
assert_eq "$(deadlines)" "$before" "deadlines and rules after the placement"
assert_eq "$(sql "SELECT count(*) FROM events WHERE what = 'place-step'")" 2 "placements in the audit log"
assert_eq "$(sql "SELECT rule_pinned FROM actions WHERE id = 3")" 1 "the placed action keeps its rule"
exit 0
