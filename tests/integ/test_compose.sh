#!/bin/bash
# The notices' messages, byte for byte. A fixed office (its instance id set,
# the clock started by libfaketime at 2026-06-10 10:00 in Shanghai, every
# time given) sends reminders, overdue notices, an escalation with its
# copies, a referral and reports of refused notices; each message the server
# receives is exactly tests/data/notices/NAME.eml (named by its Message-ID),
# its Date header aside: that is the instant it was sent, checked to lie
# within the run. The files were made by schema 13's duband, which composed
# a notice's text at its transition; duband composes it when it is sent and
# must give the same bytes.
#
# Then the same office from tests/data/schema13.db (schema13.pg.sql on
# PostgreSQL): made by schema 13's duband with no server to send to, its
# notices queued with their composed texts. Opened by this release, they are
# sent as they were composed, the same bytes again.
#
# GOLDEN_UPDATE=1 rewrites the .eml files; FIXTURE=1 (with BUILD= a build of
# schema 13) writes the fixture instead. Read the diff before committing.
. "$(dirname "$0")/lib.sh"

FT=$(faketime_preload) || fail "libfaketime is not installed (Debian package faketime)"
export TZ=Asia/Shanghai
GOLD=$TOP/tests/data/notices
setup_dir
# the office's clock is libfaketime's; the test's own tools keep the real one
# (and never load a sanitizer's runtime)
ctl() {
	LD_PRELOAD="$FT" "$DUBANCTL" -f "$T/duban.conf" "$@"
}
start_daemon() {
	LD_PRELOAD="$FT" "$DUBAND" -d -f "$T/duban.conf" >>"$T/duband.log" 2>&1 &
	DAEMON_PID=$!
	wait_for 30 test -S "$T/duban.sock" || fail "duband did not start"
}

office() {
	write_conf '[step "handling"]' 'name = 分工处理' '[step "reply"]' 'name = 答复' \
		'[rule "slow"]' 'match = step:handling' 'deadline = 3 workdays' 'overdue-cc = office' \
		'remind = 1 day before' 'escalate = 1 workday after -> discipline' \
		'escalate-cc = head, leader, office' \
		'[rule "fast"]' 'match = step:reply' 'deadline = 30 seconds' 'remind = 10 seconds before'
	sed -i -e 's/^office-email = .*/&\noffice-contact = 联系人 张某某，电话 0454-0000000/' \
		-e 's/^\[mail\]$/&\nmask-personal-data = yes/' "$T/duban.conf"
}

cases() {
	seed_db
	sql "UPDATE meta SET value = 'golden' WHERE key = 'instance'"
	ctl dept add gone 已撤销局 --head 王五 --email gone@example.gov.cn >/dev/null || fail "dept add gone"
	printf 'name,title,email\n刘副市长,副市长,liu@example.gov.cn\n' >"$T/leaders.csv"
	ctl leader import "$T/leaders.csv" >/dev/null || fail "leader import"
	ctl case add C2 "有信访人的案件：\"引号\" <尖括号> & 符号，一个很长的标题用来折行看看编码后的主题是否正确" \
		--petitioner 李四光 --leader 刘副市长 >/dev/null || fail "case add C2"
	ctl case add C3 退回的通知 >/dev/null || fail "case add C3"
	ctl assign C1 zjj handling --at "2026-06-01 09:00" --overdue-ok >/dev/null || fail "assign C1"
	ctl assign C2 zjj handling --what "核实产权并出具意见" --responsible 赵六 \
		--at "2026-06-05 16:00" --overdue-ok >/dev/null || fail "assign C2"
	ctl assign C3 gone reply --at "2026-06-10 09:59:50" >/dev/null || fail "assign C3"
	ctl assign C1 zjj reply --at "2026-06-10 09:59:45" >/dev/null || fail "assign C1 reply"
	ctl queue refer 1 --target discipline --reason "疑难案件，提请督办" >/dev/null || fail "refer"
}

# run_until_sent FAKE-START: the daemon from FAKE-START until every notice is
# sent or refused (both refusals reported); sets start and end, the span of
# the daemon's clock
run_until_sent() {
	local real_start
	export FAKETIME="@$1"
	real_start=$(date +%s)
	start_daemon
	refused() { [ "$(sql "SELECT count(*) FROM notices WHERE kind = 'failure' AND status = 'sent'")" -ge 2 ]; }
	wait_for 60 refused || fail "the refusals were not reported: $(mail_list)"
	quiet() { [ "$(sql "SELECT count(*) FROM notices WHERE status = 'queued'")" = 0 ] &&
		[ "$(sql "SELECT count(*) FROM notices WHERE kind = 'overdue' AND action_id = 4 AND status = 'sent'")" -ge 1 ]; }
	wait_for 60 quiet || fail "notices still queued: $(sql "SELECT id, kind, next_try FROM notices WHERE status = 'queued'")"
	# the daemon's clock began at FAKE-START when it started
	start=$(date -d "$1" +%s)
	end=$((start + $(date +%s) - real_start))
	kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
}

# compare WHAT [SKIP]: each message received under its Message-ID, the Date
# header checked and set aside, against the golden files (but those named
# SKIP*)
compare() {
	rm -rf "$T/got"; mkdir -p "$T/got"
	$PY - "$T/mail" "$T/got" "$start" "$end" <<'PY' || fail "$1: the messages received"
import email.utils, glob, os, re, sys
src, dst, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for f in sorted(glob.glob(src + "/*.eml")):
    raw = open(f, "rb").read()
    head = raw.split(b"\r\n\r\n", 1)[0]
    mid = re.search(rb"\r\nMessage-ID: <([^>]+)>", head).group(1).decode()
    date = re.search(rb"\r\nDate: ([^\r]+)\r\n", head).group(1).decode()
    t = email.utils.parsedate_to_datetime(date).timestamp()
    assert start - 1 <= t <= end + 1, (mid, date, start, end)
    raw = raw.replace(b"\r\nDate: " + date.encode() + b"\r\n",
                      b"\r\nDate: (the instant it was sent)\r\n", 1)
    out = os.path.join(dst, mid.split("@")[0].replace("/", "_") + ".eml")
    assert not os.path.exists(out), "received twice: " + mid
    open(out, "wb").write(raw)
PY
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		rm -f "$GOLD"/*.eml
		cp "$T"/got/*.eml "$GOLD"/
		return
	fi
	local bad=0 f name
	for f in "$GOLD"/*.eml; do
		name=$(basename "$f")
		case $name in "${2:-/}"*) continue ;; esac
		if ! cmp -s "$f" "$T/got/$name"; then
			echo "  $1: $name differs or was not sent:" >&2
			diff -u <(tr -d '\r' <"$f") <(tr -d '\r' <"$T/got/$name" 2>/dev/null) |
				sed 's/^/    /' | head -30 >&2
			bad=$((bad + 1))
		fi
	done
	for f in "$T"/got/*.eml; do
		case $(basename "$f") in "${2:-/}"*) continue ;; esac
		[ -f "$GOLD/$(basename "$f")" ] ||
			{ echo "  $1: $(basename "$f") is not in $GOLD" >&2; bad=$((bad + 1)); }
	done
	[ "$bad" -eq 0 ] || fail "$1: $bad of $(ls "$GOLD" | wc -l) golden notices differ"
}

if [ "${FIXTURE:-0}" = 1 ]; then
	# no server: port 9 of the loopback refuses, every notice stays queued
	SMTP_PORT=9 office
	export FAKETIME="@2026-06-10 10:00:00"
	cases
	start_daemon
	due() { [ "$(sql "SELECT count(*) FROM notices WHERE kind = 'overdue' AND action_id IN (3, 4)")" = 2 ]; }
	wait_for 60 due || fail "the fast rule's overdue notices were not queued"
	kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; DAEMON_PID=""
	if [ -n "$PGDB" ]; then
		# without the tests' own SQL functions (lib.sh's pg_shims)
		psql -Xq -v ON_ERROR_STOP=1 "$DB" >/dev/null <<'SQL' || fail "dropping the shims"
DROP AGGREGATE group_concat(text, text), group_concat(text), group_concat(bigint), total(bigint);
DROP FUNCTION test_gc1i(text, bigint), test_gc1(text, text), test_gc(text, text, text),
  datetime(bigint, text, text), datetime(bigint, text);
SQL
		pg_dump --no-owner --no-privileges "$DB" >"$TOP/tests/data/schema13.pg.sql" || fail "pg_dump"
	else
		sqlite3 "$T/duban.db" "VACUUM INTO '$TOP/tests/data/schema13.db'" || fail "vacuum into"
	fi
	exit 0
fi

start_sink --reject gone@example.gov.cn
office
export FAKETIME="@2026-06-10 10:00:00"
cases
run_until_sent "2026-06-10 10:00:00"
n=$(ls "$T/mail"/*.eml | wc -l)
[ "$n" -ge 12 ] || fail "only $n messages: $(mail_list)"
compare "composed when sent"
[ "${GOLDEN_UPDATE:-0}" = 1 ] && exit 0

# schema 13's database, its notices composed and queued
stop_sink
rm -rf "$T/mail"
if [ -n "$PGDB" ]; then
	fresh_db
	psql -Xq -v ON_ERROR_STOP=1 "$DB" -f "$TOP/tests/data/schema13.pg.sql" >/dev/null 2>"$T/load" ||
		fail "loading the fixture: $(cat "$T/load")"
	queued=$(sql "SELECT count(*) FROM notices WHERE status = 'queued' AND message <> ''")
else
	rm -f "$T/duban.db"*
	cp "$TOP/tests/data/schema13.db" "$T/duban.db"
	chmod 0660 "$T/duban.db"
	assert_eq "$(sql 'PRAGMA user_version')" 13 "the fixture's schema"
	queued=$(sql "SELECT count(*) FROM notices WHERE status = 'queued' AND message <> ''")
fi
[ "$queued" -ge 10 ] || fail "the fixture holds $queued composed notices"
start_sink --reject gone@example.gov.cn
office
run_until_sent "2026-06-10 10:01:00"
# the reports of the refusals are made now, named by the refused notice's id
# (the fixture, sent nothing, numbered its notices without them): the rest is
# the fixture's texts
compare "schema 13's composed notices" duban.golden.failure.
assert_eq "$(ls "$T"/got/duban.golden.failure.*.eml | wc -l)" 2 "reports of the refusals"
exit 0
