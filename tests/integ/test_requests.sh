#!/bin/bash
# 延期申请 and 办结报告 by the link of a notice, decided by the office with
# dubanctl: an extension beyond the rule's cap (Art. 34: 30 days) is refused
# at the page, one within it approved moves the deadline by exactly that much
# (through the same extension as dubanctl extend), a second one is refused
# (once only); a completion report stops the clock, a return (退回) restarts
# it, a confirmation makes the action done when it was reported. Each is in
# the audit log and the evidence record of the escalated item.
. "$(dirname "$0")/lib.sh"

setup_dir
start_sink
web_setup
write_conf '[rule "art34"]' 'deadline = 10 days' 'remind = 10 days before' \
	'escalate = 20 days after -> discipline' 'extend = at most 30 days, 1 times' "${WEB_LINES[@]}"
seed_db
start_daemon
start_web
# notified yesterday: its reminder (10 days before the deadline) is due now
ctl assign C1 zjj handling --at "$(TZ=Asia/Shanghai date -d yesterday +%FT%H:%M)" --force >/dev/null ||
	fail "assign"
wait_for 30 has_mail "【预警】" || fail "no reminder arrived"
link=$(mail_link "【预警】")
[ -n "$link" ] || fail "no link"

form_of() { curl -s "$link" | sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' | head -1; }
post() { curl -s -o "$T/post.html" -w '%{http_code}' -H "Origin: $URL" "$@" "$link"; }
due() { sql "SELECT due_at FROM actions WHERE id = 1"; }
# the deadline's last day, and a day N calendar days after it (the test's own count)
day_after() { TZ=Asia/Shanghai date -d "@$(( ($(due) - 1) / 1000 + $1 * 86400 ))" +%F; }

due0=$(due)
curl -s "$link" | grep -q "延期申请" || fail "the page offers no extension"
assert_eq "$(post --data "op=extend&form=$(form_of)&until=$(day_after 31)" --data-urlencode "text=需补充鉴定")" \
	422 "31 days asked (the cap is 30)"
grep -q "超过规则允许的上限" "$T/post.html" || fail "the refusal does not say why"
assert_eq "$(sql "SELECT count(*) FROM requests")" 0 "requests after one beyond the cap"
# a reason with a control character (or bytes that are not UTF-8) is refused, as a report is
assert_eq "$(post --data "op=extend&form=$(form_of)&until=$(day_after 3)&text=%1B%5B2J%E9%A2" )" 422 \
	"a reason with an escape sequence and broken UTF-8"
assert_eq "$(post --data "op=done&form=$(form_of)&text=ok%07" )" 422 "a report with a bell"
assert_eq "$(sql "SELECT count(*) FROM requests")" 0 "requests after the refused texts"
# N days asked, the first N from 10 whose day is a weekday and not 元旦 (a last day
# off moves to the next working day, 民法典 Art. 203, and the test keeps clear of it)
for n in 10 11 12 13 14 15 16; do
	d=$(day_after $n)
	[ "$(date -d "$d" +%u)" -le 5 ] && case "$d" in *-01-0[1-3]) false ;; esac && break
done
assert_eq "$(post --data "op=extend&form=$(form_of)&until=$d" --data-urlencode "text=需补充鉴定材料")" \
	200 "$n days asked"
assert_eq "$(due)" "$due0" "the deadline before the office decides"
ctl requests >"$T/requests" || fail "dubanctl requests"
grep -q "需补充鉴定材料" "$T/requests" && grep -q "zjj@example.gov.cn" "$T/requests" ||
	fail "dubanctl requests: $(cat "$T/requests")"
rid=$(sql "SELECT id FROM requests WHERE kind = 'extend'")
ctl extension approve "$rid" 2>/dev/null && fail "approved without an approver"
ctl report-done confirm "$rid" 2>/dev/null && fail "an extension request confirmed as a report"
ctl extension approve "$rid" --approver 于海滨 >"$T/out" || fail "approve: $(cat "$T/out")"
assert_eq "$(( $(due) - due0 ))" $((n * 86400 * 1000)) "the deadline moved by the $n days approved"
assert_eq "$(day_after 0)" "$d" "the new deadline's last day, the one asked for"
assert_eq "$(sql "SELECT decision || ' ' || decided_by FROM requests WHERE id = $rid")" "approved 于海滨" "decision"
ctl extension approve "$rid" --approver 于海滨 2>/dev/null && fail "a request decided twice"
sql "SELECT what FROM events WHERE action_id = 1 ORDER BY id" | tr '\n' ' ' >"$T/what"
grep -q "extend request extend extend decision" "$T/what" || fail "audit rows: $(cat "$T/what")"
# once only: the form is gone, and a forged post is refused by the rule
curl -s "$link" | grep -q "提交延期申请" && fail "the page still offers an extension"
assert_eq "$(post --data "op=extend&form=$(form_of)&until=$(day_after 3)" --data-urlencode "text=再延")" \
	422 "a second extension"

# completion report: the clock stops; returned, it runs again; confirmed, done when reported
assert_eq "$(post --data "op=done&form=$(form_of)" --data-urlencode "text=已完成核验，书面意见附后")" 200 "办结报告"
assert_eq "$(sql "SELECT paused_at IS NOT NULL FROM actions WHERE id = 1")" 1 "paused while the office reads it"
assert_eq "$(post --data "op=done&form=$(form_of)" --data-urlencode "text=再报")" 422 "a second report while one waits"
r1=$(sql "SELECT id FROM requests WHERE kind = 'done'")
ctl report-done return "$r1" 2>/dev/null && fail "returned without a reason"
ctl report-done return "$r1" --reason 书面意见缺少签章 >/dev/null || fail "return"
assert_eq "$(sql "SELECT paused_at IS NULL AND done_at IS NULL FROM actions WHERE id = 1")" 1 "running again after 退回"
assert_eq "$(post --data "op=done&form=$(form_of)" --data-urlencode "text=已补签章")" 200 "the report again"
r2=$(sql "SELECT max(id) FROM requests WHERE kind = 'done'")
asked=$(sql "SELECT asked_at FROM requests WHERE id = $r2")
late=$(form_of)	# a page opened before the confirmation
ctl report-done confirm "$r2" >"$T/out" || fail "confirm: $(cat "$T/out")"
assert_eq "$(sql "SELECT done_at FROM actions WHERE id = 1")" "$asked" "done when it was reported"
curl -s "$link" | grep -q "已办结" || fail "the page does not show it done"
curl -s "$link" | grep -q "<form" && fail "a done action's page still has forms"
assert_eq "$(post --data "op=progress&form=$late" --data-urlencode "text=x")" 422 "progress on a done action"
# each answer and decision is in the audit log, in order
sql "SELECT what FROM events WHERE action_id = 1 ORDER BY id" | tr '\n' ' ' >"$T/what"
grep -q "done report pause resume done decision done report pause resume done " "$T/what" ||
	fail "audit rows: $(cat "$T/what")"
exit 0
