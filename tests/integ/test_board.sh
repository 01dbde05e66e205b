#!/bin/bash
# The office's and the leaders' pages: the board of open actions with their
# lights (green in time, yellow once the reminder's time has come, red
# overdue, purple escalated, grey paused), filtered by department, step,
# leader and key case; a leader sees his own cases only, whatever he asks
# for; the figures on /report are dubanctl --json report's to the last digit,
# with a bar chart in SVG; the office decides a department's extension
# request and completion report on /requests (the same office_decide as
# dubanctl). Hostile input: a department named <script> is text, SQL in a
# filter is a value, bytes that are not UTF-8 are refused.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
web_setup
write_conf '[rule "fast"]' 'match = step:急办' 'deadline = 1 second' 'escalate = 1 second after -> discipline' \
	'[rule "ten"]' 'deadline = 10 days' 'remind = 3 days before' 'extend = at most 30 days, 1 times' \
	"${WEB_LINES[@]}"
ctl init >/dev/null || fail "init"
ctl dept add bdc 不动产登记中心 --head 陈晓华 --email bdc@example.gov.cn >/dev/null || fail "dept bdc"
ctl dept add swj 税务局 --head 孙善起 --email swj@example.gov.cn >/dev/null || fail "dept swj"
ctl dept add xss '<script>alert(1)</script>局' --head 某 --email x@example.gov.cn >/dev/null || fail "dept xss"
ctl leader add 王副市长 --email wang@example.gov.cn >/dev/null || fail "leader 王"
ctl leader add 李副市长 --email li@example.gov.cn >/dev/null || fail "leader 李"
ctl case add R1 回迁户办证 --leader 王副市长 --petitioner 张三丰 --received "2026-12-01 08:00" >/dev/null || fail "R1"
ctl case add R2 楼盘办证 --leader 李副市长 --key --received "2026-12-01 08:00" >/dev/null || fail "R2"
ctl case add R3 "契税'; DROP TABLE actions; --" --received "2026-12-01 08:00" >/dev/null || fail "R3"
now_at() { TZ=Asia/Shanghai date -d "$1" +%FT%H:%M; }
ctl assign R1 bdc 核验 --at "$(now_at '-1 day')" --force >/dev/null || fail "assign 1"	# green
ctl assign R2 swj 意见 --at "$(now_at '-8 days')" --force >/dev/null || fail "assign 2"	# yellow
ctl assign R3 xss 契税 --at "$(now_at '-12 days')" --force --overdue-ok >/dev/null || fail "assign 3"	# red
ctl assign R2 bdc 急办 --at "$(now_at '-1 day')" --force --overdue-ok >/dev/null || fail "assign 4"	# escalated
for u in "bgs --role office" "wang --role leader --leader 王副市长" "li --role leader --leader 李副市长" \
	"jw --role discipline"; do
	set -- $u
	echo "页面账号的密码-$1" | ctl user add "$@" >/dev/null || fail "user add $u"
done
echo "页面账号的密码-x" | ctl user add nobody --role leader --leader 赵副市长 2>"$T/err" && fail "a leader not on the roster"
grep -q "no such leader" "$T/err" || fail "the refusal does not say why: $(cat "$T/err")"
echo "页面账号的密码-x" | ctl user add clerk --role office --leader 王副市长 2>/dev/null &&
	fail "--leader for an office account"
echo "页面账号的密码-x" | ctl user add lone --role leader 2>/dev/null && fail "a leader's account without --leader"
start_daemon
start_web
wait_for 20 has_mail "【督办】" || fail "action 4 was not escalated"

code() { curl -s -o "$T/out.html" -D "$T/head" -w '%{http_code}' "$@"; }
token() { sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$T/out.html" | head -1; }
login() {	# NAME: signs in, cookie in $T/NAME.jar; the status code
	code -c "$T/$1.jar" "$URL/login" >/dev/null
	code -b "$T/$1.jar" -c "$T/$1.jar" -H "Origin: $URL" --data-urlencode "name=$1" \
		--data-urlencode "password=页面账号的密码-$1" --data "form=$(token)" "$URL/login"
}
# row CASE: the board's row of that case's action (one line per row)
row() { grep "<tr><td><span class=\"light" "$T/out.html" | grep "$1"; }

assert_eq "$(code "$URL/board")" 303 "the board without a session"
assert_eq "$(login bgs)" 303 "the office signs in"
grep -qi "^location: board" "$T/head" || fail "the office is not sent to the board: $(cat "$T/head")"
assert_eq "$(code -b "$T/bgs.jar" "$URL/board")" 200 "the office's board"
assert_eq "$(grep -c '<tr><td><span class="light' "$T/out.html")" 4 "open actions on the board"
row ">R1<" | grep -q 'light green' || fail "R1 (notified yesterday, 10 days) is not green: $(row '>R1<')"
row "意见" | grep -q 'light yellow' || fail "R2's (2 days left, reminder 3 days before) is not yellow"
row ">R3<" | grep -q 'light red' || fail "R3's (12 days ago) is not red"
row "急办" | grep -q 'light escalated' || fail "the escalated one is not purple: $(row 急办)"
# the nearest deadline first
order=$(grep -o 'href="action/[0-9]*"' "$T/out.html" | tr -dc '0-9\n' | tr '\n' ' ')
assert_eq "$order" "4 3 2 1 " "the board's order (by deadline)"
grep -q "&lt;script&gt;alert(1)&lt;/script&gt;局" "$T/out.html" || fail "the department's name is not shown as text"
grep -q "<script" "$T/out.html" && fail "a <script> element on the board"
grep -q "契税&#39;; DROP TABLE actions; --" "$T/out.html" || fail "the case title is not shown as written"

# filters: department, step, leader, key case; SQL and broken UTF-8 in them
code -b "$T/bgs.jar" "$URL/board?dept=bdc" >/dev/null
assert_eq "$(grep -c '<tr><td><span class="light' "$T/out.html")" 2 "bdc's open actions"
code -b "$T/bgs.jar" "$URL/board?step=%E6%84%8F%E8%A7%81" >/dev/null	# 意见
assert_eq "$(grep -o 'href="action/[0-9]*"' "$T/out.html" | tr -dc '0-9')" 2 "step 意见"
code -b "$T/bgs.jar" "$URL/board?leader=%E7%8E%8B%E5%89%AF%E5%B8%82%E9%95%BF" >/dev/null	# 王副市长
assert_eq "$(grep -o 'href="action/[0-9]*"' "$T/out.html" | tr -dc '0-9')" 1 "leader 王副市长"
code -b "$T/bgs.jar" "$URL/board?key=1" >/dev/null
assert_eq "$(grep -o 'href="action/[0-9]*"' "$T/out.html" | tr -dc '0-9\n' | sort | tr '\n' ' ')" "2 4 " "key cases"
assert_eq "$(code -b "$T/bgs.jar" "$URL/board?dept=bdc%27%20OR%201%3D1%20--")" 200 "SQL in a filter"
assert_eq "$(grep -c '<tr><td><span class="light' "$T/out.html")" 0 "rows for a department named with SQL"
assert_eq "$(sql "SELECT count(*) FROM actions")" 4 "actions after SQL in a filter"
assert_eq "$(code -b "$T/bgs.jar" "$URL/board?dept=%FF%FE")" 400 "a filter that is not UTF-8"
assert_eq "$(code -b "$T/bgs.jar" "$URL/board?page=-1")" 400 "a negative page"
assert_eq "$(code -b "$T/bgs.jar" "$URL/action/3")" 200 "an action's timeline"
grep -q "张三丰" "$T/out.html" && fail "action 3 is not R1's: the test is wrong"
assert_eq "$(code -b "$T/bgs.jar" "$URL/action/1")" 200 "R1's action, for the office"
grep -q "张三丰" "$T/out.html" || fail "the office does not see the petitioner"
grep -q "<td>assign</td>" "$T/out.html" || fail "the timeline lacks the assignment"
assert_eq "$(code -b "$T/bgs.jar" "$URL/action/99")" 404 "no such action"
assert_eq "$(code -b "$T/bgs.jar" "$URL/action/1x")" 404 "an action's id with junk"
assert_eq "$(code -b "$T/bgs.jar" -H "Origin: $URL" --data "form=x" "$URL/board")" 403 "a POST to the board"

# a leader: his cases only, the leader filter and others' actions out of reach
assert_eq "$(login wang)" 303 "a leader signs in"
assert_eq "$(code -b "$T/wang.jar" "$URL/board")" 200 "the leader's board"
assert_eq "$(grep -o 'href="action/[0-9]*"' "$T/out.html" | tr -dc '0-9')" 1 "王副市长's cases on his board"
code -b "$T/wang.jar" "$URL/board?leader=%E6%9D%8E%E5%89%AF%E5%B8%82%E9%95%BF" >/dev/null	# 李副市长
assert_eq "$(grep -o 'href="action/[0-9]*"' "$T/out.html" | tr -dc '0-9')" 1 "another leader's filter, asked by 王"
assert_eq "$(code -b "$T/wang.jar" "$URL/action/2")" 404 "another leader's action"
assert_eq "$(code -b "$T/wang.jar" "$URL/action/1")" 200 "his own action"
grep -q "张三丰" "$T/out.html" && fail "the leader sees the petitioner's full name (mail masks it)"
grep -q "张\*\*" "$T/out.html" || fail "the petitioner is not masked for the leader"
assert_eq "$(code -b "$T/wang.jar" "$URL/requests")" 403 "a leader on the office's requests"
assert_eq "$(code -b "$T/wang.jar" "$URL/queue/1")" 404 "a leader on the queue's entry"
assert_eq "$(login jw)" 303 "the discipline group signs in"
grep -qi "^location: queue" "$T/head" || fail "the discipline group is not sent to its queue"
assert_eq "$(code -b "$T/jw.jar" "$URL/board")" 403 "the discipline group on the board"

# the figures: the page's table is dubanctl --json report's, cell for cell
from=2026-01-01
to=$(TZ=Asia/Shanghai date +%F)
assert_eq "$(code -b "$T/bgs.jar" "$URL/report?from=$from&to=$to")" 200 "the report page"
ctl --json report --from "$from" --to "$to" >"$T/report.json" || fail "dubanctl report"
$PY - "$T/out.html" "$T/report.json" <<'PY' || fail "the page's figures differ from dubanctl's"
import html.parser, json, sys
class P(html.parser.HTMLParser):
    rows, row, cell, inside, rects, texts = [], None, None, False, 0, []
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "table" and "figures" in a.get("class", ""): self.inside = True
        if self.inside and tag == "tr": self.row = []
        if self.inside and tag == "td": self.cell = ""
        if tag == "rect": self.rects += 1
    def handle_endtag(self, tag):
        if tag == "table": self.inside = False
        if self.inside and tag == "td": self.row.append(self.cell); self.cell = None
        if self.inside and tag == "tr" and self.row: self.rows.append(self.row); self.row = None
    def handle_data(self, d):
        if self.cell is not None: self.cell += d
p = P(); p.feed(open(sys.argv[1]).read())
keys = ["department", "name", "assigned", "on_time", "late", "open", "overdue", "escalated",
        "on_time_rate", "cases", "cases_closed", "case_completion_rate", "ceased_rate",
        "average_working_days", "uncertain"]
# (JSON has null where the table has "-": nothing to divide by, or no lead department)
want = [["-" if r[k] is None else str(r[k]) for k in keys] for r in json.load(open(sys.argv[2]))]
assert p.rows == want, (p.rows, want)
assert len(want) == 5 and want[-1][0] == "all" and want[-1][2] == "4", want
assert p.rects >= 3 + 3, p.rects   # the legend's three, and a bar per department at least
PY
grep -q "<svg" "$T/out.html" || fail "no chart"
grep -q "<text[^>]*>&lt;script&gt;" "$T/out.html" || fail "the chart's label is not escaped text"
assert_eq "$(code -b "$T/bgs.jar" "$URL/report?from=2026-12-31&to=2026-01-01")" 400 "a period that ends before it starts"
assert_eq "$(code -b "$T/bgs.jar" "$URL/report?from=2026-02-30")" 400 "a date that does not exist"

# the office decides on /requests: an extension asked by the link of R2's reminder
wait_for 20 has_mail "【预警】" || fail "no reminder for R2"
link=$(mail_link "【预警】")
[ -n "$link" ] || fail "no link in the reminder"
lform=$(curl -s "$link" | sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' | head -1)
due2=$(sql "SELECT due_at FROM actions WHERE id = 2")
until=$(TZ=Asia/Shanghai date -d "@$(( (due2 - 1) / 1000 + 5 * 86400 ))" +%F)
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' -H "Origin: $URL" --data "op=extend&form=$lform&until=$until" \
	--data-urlencode "text=需要补充材料" "$link")" 200 "the department asks for five more days"
rid=$(sql "SELECT id FROM requests WHERE action_id = 2")
assert_eq "$(code -b "$T/bgs.jar" "$URL/requests")" 200 "the requests page"
grep -q "需要补充材料" "$T/out.html" || fail "the request's reason is not on the page"
form=$(token)
assert_eq "$(code -b "$T/bgs.jar" -H "Origin: $URL" --data "form=$form&id=$rid&op=approve" "$URL/requests")" \
	422 "an approval without the approver"
assert_eq "$(sql "SELECT decided_at IS NULL FROM requests WHERE id = $rid")" 1 "decided without an approver"
next=$(token)
assert_eq "$(code -b "$T/bgs.jar" -H "Origin: $URL" --data "form=$form&id=$rid&op=approve&approver=x" "$URL/requests")" \
	403 "the same form twice"
form=$next
assert_eq "$(code -b "$T/bgs.jar" -H "Origin: http://evil.example" --data "form=$form&id=$rid&op=approve&approver=x" \
	"$URL/requests")" 403 "an approval from another origin"
assert_eq "$(code -b "$T/bgs.jar" -H "Origin: $URL" --data "form=$form&id=$rid&op=approve" \
	--data-urlencode "approver=主任 王某" "$URL/requests")" 200 "the office approves"
assert_eq "$(sql "SELECT decision || ' ' || decided_by FROM requests WHERE id = $rid")" "approved 主任 王某" "the decision"
assert_eq "$(sql "SELECT who FROM events WHERE what = 'extend decision'")" bgs "who decided, in the audit log"
assert_eq "$(( $(sql "SELECT due_at FROM actions WHERE id = 2") - due2 ))" $((5 * 86400000)) \
	"the deadline moved by the five days asked"
sql "SELECT detail FROM events WHERE what = 'extend'" | grep -q "主任 王某" || fail "the approver is not in the audit log"
grep -q "没有待审核" "$T/out.html" || fail "the decided request is still listed"

# the 督办单 of the escalated item: for who may see the entry; one A4 page in Chromium
qid=$(sql "SELECT id FROM escalations WHERE action_id = 4")
assert_eq "$(code -b "$T/jw.jar" "$URL/queue/$qid/print")" 200 "the discipline group's 督办单"
grep -q "督办〔$(TZ=Asia/Shanghai date +%Y)〕第 $qid 号" "$T/out.html" || fail "the 督办单 has no number"
grep -q "已逾期" "$T/out.html" || fail "the 督办单 does not say it is overdue"
assert_eq "$(code -b "$T/wang.jar" "$URL/queue/$qid/print")" 404 "a leader's 督办单 of a queue entry"
assert_eq "$(code -b "$T/jw.jar" "$URL/queue/$qid/print/x")" 404 "a path beyond the 督办单"
assert_eq "$(code -b "$T/jw.jar" "$URL/queue/$qid/../../board")" 403 "a path with dots (curl sends them as they are)"
assert_eq "$(code "$URL/queue/$qid/print")" 303 "the 督办单 without a session"
grep -qi "^location: ../../login" "$T/head" || fail "not sent to sign in: $(grep -i location "$T/head")"
if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v pdfinfo >/dev/null; then
	cat >"$T/steps" <<STEPS
open $URL/login
type #name jw
type #password 页面账号的密码-jw
click form button
wait 督办队列
open $URL/queue/$qid/print
wait 督办单
pdf $T/sheet.pdf
STEPS
	$PY "$TOP/tests/integ/browser.py" "$(free_port)" "$T/steps" 2>"$T/browser.err" ||
		fail "the browser: $(cat "$T/browser.err")"
	assert_eq "$(pdfinfo "$T/sheet.pdf" | sed -n 's/^Pages: *//p')" 1 "the 督办单's pages"
	pdfinfo "$T/sheet.pdf" | grep -q "^Page size: *595.* x 841.* pts (A4)" ||
		fail "the 督办单 is not A4: $(pdfinfo "$T/sheet.pdf" | grep size)"
	pdftotext "$T/sheet.pdf" - | tr -d ' \n' >"$T/sheet.txt"
	for want in 督办单 急办 不动产登记中心 陈晓华 市纪委监委监督工作组 盖章; do
		grep -q "$want" "$T/sheet.txt" || fail "the printed 督办单 lacks $want: $(cat "$T/sheet.txt")"
	done
	grep -q "办理看板" "$T/sheet.txt" && fail "the printed 督办单 has the pages' links"
	cp "$T/sheet.pdf" "${SHOTS:-$T}/" 2>/dev/null
else
	fail "chromium, chromium-driver and poppler-utils are needed (scripts/deps test)"
fi
exit 0
