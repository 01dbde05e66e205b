#!/bin/bash
# A department head's browser: Debian's headless Chromium opens the link of a
# real notice, the page renders in Chinese (a CJK font, the header drawn,
# the screenshot kept), and the forms sent from the page itself record 签收
# and 进展反馈, as the database shows; the DOM holds no script. Then the
# office signs in from the browser: its board shows the action with its
# light, and the figures' bar chart is drawn (its bar's pixels).
. "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null && command -v chromedriver >/dev/null ||
	fail "chromium and chromium-driver are needed (scripts/deps test)"
fc-list :lang=zh-cn family | grep -q "Noto Sans CJK SC" ||
	fail "no CJK font: the pages would show boxes (fonts-noto-cjk)"

setup_dir
start_sink
web_setup
write_conf '[rule "slow"]' 'deadline = 2 hours' 'remind = 7195 seconds before' "${WEB_LINES[@]}"
seed_db
echo "办公室的密码-2026" | ctl user add bgs --role office >/dev/null || fail "user add"
start_daemon
start_web
ctl assign C1 zjj handling --what 核验办证手续 >/dev/null || fail "assign"
wait_for 30 has_mail "【预警】" || fail "no reminder arrived"
link=$(mail_link "【预警】")
[ -n "$link" ] || fail "no link in the reminder"

cat >"$T/steps" <<STEPS
open $link
shot $T/page.png
dom $T/page.html
click form:first-of-type button
wait 已签收，谢谢。
dom $T/acked.html
type textarea 已约谈开发商，本周内完成核验
click textarea ~ button
wait 办理情况已提交
dom $T/progress.html
shot $T/progress.png
open $URL/login
type #name bgs
type #password 办公室的密码-2026
click form button
wait 办理看板
dom $T/board.html
shot $T/board.png
open $URL/report
wait 督办工作统计
dom $T/report.html
shot $T/report.png
STEPS
$PY "$TOP/tests/integ/browser.py" "$(free_port)" "$T/steps" 2>"$T/browser.err" ||
	fail "the browser: $(cat "$T/browser.err")"

grep -q "案件编号" "$T/page.html" && grep -q "核验办证手续" "$T/page.html" ||
	fail "the page as Chromium has it lacks the action"
grep -qi "<script" "$T/page.html" && fail "the page has a script"
grep -q "已签收，谢谢。" "$T/acked.html" || fail "the page after 签收 does not say so"
grep -q "办理情况已提交" "$T/progress.html" || fail "the page after 进展反馈 does not say so"
assert_eq "$(sql "SELECT acked_at IS NOT NULL FROM actions WHERE id = 1")" 1 "received, from the browser"
assert_eq "$(sql "SELECT detail LIKE '%已约谈开发商，本周内完成核验' FROM events WHERE what = 'progress'")" 1 \
	"the progress the browser sent"

grep -q '<span class="light yellow">即将到期</span>' "$T/board.html" ||
	fail "the board in the browser lacks the action's light"
grep -q "<svg" "$T/report.html" || fail "no chart in the figures' page"
grep -qi "<script" "$T/board.html" "$T/report.html" && fail "a script on the office's pages"

# the screenshot: a page drawn (the header's red band, dark text on white),
# not an error page or a blank
check_shot() {
$PY - "$@" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h, depth, ctype = struct.unpack(">IIBB", data[16:26])
idat, pos = b"", 8
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = w * bpp
rows, prev = [], bytearray(stride)
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
def px(x, y): r = rows[y]; return tuple(r[x * bpp:x * bpp + 3])
red = sum(1 for x in range(0, w, 4) if px(x, 10)[0] > 130 and px(x, 10)[1] < 60)
assert red > w // 8, "no header band: %d" % red
dark = sum(1 for y in range(60, min(h, 700), 3) for x in range(0, w, 3) if sum(px(x, y)) < 200)
assert dark > 300, "too little text drawn: %d" % dark
print("%dx%d, header %d, text pixels %d" % (w, h, red, dark))
if len(sys.argv) > 2:   # the chart's grey bar (#9e9e9e: the open action) drawn
    bar = sum(1 for y in range(0, h, 2) for x in range(0, w, 2) if px(x, y) == (158, 158, 158))
    assert bar > 100, "no bar drawn: %d" % bar
    print("bar pixels %d" % bar)
PY
}
check_shot "$T/page.png" || fail "the screenshot does not look like the page"
check_shot "$T/board.png" || fail "the board's screenshot does not look like a page"
check_shot "$T/report.png" bar || fail "the figures' screenshot has no chart"
cp "$T/page.png" "$T/progress.png" "$T/board.png" "$T/report.png" "${SHOTS:-$T}/" 2>/dev/null
exit 0
