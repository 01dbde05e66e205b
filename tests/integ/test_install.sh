#!/bin/bash
# Installed as an office installs it: the Debian package, installed with
# apt-get; the README's install commands as written; the daemon as user
# duban against a real SMTP server; two clerks in group duban writing in
# turns and then twenty writers at once while the daemon sends; a user
# outside the group refused; then remove and purge. Needs root (it installs
# a package and creates accounts): exits 77 (skipped) otherwise.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "skipped: needs root"; exit 77; }
[ -z "${SAN:-}" ] || { echo "skipped: the package is built without sanitizers"; exit 77; }
WRITERS=${INSTALL_WRITERS:-20}
SECONDS_BUSY=${INSTALL_SECONDS:-30}

setup_dir
chmod 0755 "$T"
deb=$(ls "$BUILD"/deb/duban_*_amd64.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
	make -s -C "$TOP" BUILD="$BUILD" deb >"$T/deb.log" 2>&1 || fail "make deb: $(tail -20 "$T/deb.log")"
	deb=$(ls "$BUILD"/deb/duban_*_amd64.deb | head -1)
fi
if command -v lintian >/dev/null; then
	lintian --fail-on error "$deb" >"$T/lintian" 2>&1 || fail "lintian: $(cat "$T/lintian")"
fi

# A machine where duban was never installed.
stop_all() {
	pkill -x duband 2>/dev/null
	dpkg -l duban 2>/dev/null | grep -q '^[ir]' && apt-get purge -y -qq duban >/dev/null 2>&1
	for u in clerka clerkb outsider; do userdel "$u" 2>/dev/null; done
	rm -rf /var/lib/duban /run/duban
}
stop_all
trap 'stop_all; cleanup' EXIT
for u in clerka clerkb outsider; do useradd -M -s /bin/sh "$u" || fail "useradd $u"; done

start_sink
# The README's install commands, as written. systemd is not PID 1 here, so
# "systemctl start duban" runs what the unit runs, as the unit's user; the
# editor makes the administrator's edits; "clerk" stands for each clerk.
mkdir -p "$T/shim"
cat >"$T/shim/editor" <<SH
#!/bin/sh
sed -i -e 's/^host = .*/host = 127.0.0.1/' -e 's/^port = .*/port = $SMTP_PORT/' \\
	-e 's/^starttls = .*/starttls = off/' -e 's/^office-hours = .*//' \\
	-e 's/^digest = .*/digest = no/' -e 's/^end = close/end = midnight/' -e 's/^digest-window = .*/digest-window = 0/' "\$1"
awk '/^\[rule/ && !done { print "[step \"fast\"]\nname = 加急测试\n\n[rule \"fast\"]\nmatch = step:fast\ndeadline = 3 seconds"; print "remind = 1 second before\n"; done = 1 } { print }' "\$1" >"\$1.new"
cat "\$1.new" >"\$1" && rm "\$1.new"
SH
cat >"$T/shim/systemctl" <<SH
#!/bin/sh
[ "\$1 \$2" = "start duban" ] || { echo "systemctl shim: \$*" >&2; exit 1; }
install -d -o duban -g duban -m 0750 /run/duban
exec setpriv --reuid=duban --regid=duban --clear-groups --inh-caps=-all \\
	/usr/sbin/duband -d -f /etc/duban/duban.conf >>"$T/duband.log" 2>&1 &
echo \$! >"$T/duband.pid"
SH
chmod +x "$T/shim/editor" "$T/shim/systemctl"
sed -n '/<!-- install:begin -->/,/<!-- install:end -->/p' "$TOP/README.md" | grep '^    ' |
	sed -e 's/^    //' -e 's/  *#.*$//' -e "s|\./build/deb/duban_[^ ]*\.deb|$deb|" >"$T/readme.sh"
[ "$(wc -l <"$T/readme.sh")" -ge 5 ] || fail "README's install block: $(cat "$T/readme.sh")"
: >"$T/run.sh"
while read -r line; do
	case "$line" in
	*clerk*) for c in clerka clerkb; do echo "${line//clerk/$c}"; done ;;
	*) echo "$line" ;;
	esac
done <"$T/readme.sh" >"$T/run.sh"
PATH="$T/shim:$PATH" DEBIAN_FRONTEND=noninteractive bash -e -x "$T/run.sh" >"$T/readme.log" 2>&1 ||
	fail "the README's install commands: $(tail -20 "$T/readme.log")"
DAEMON_PID=$(cat "$T/duband.pid")
wait_for 20 test -S /run/duban/duban.sock || fail "duband did not start: $(cat "$T/duband.log")"

# What the package left on the machine.
assert_eq "$(stat -c '%a %U %G' /etc/duban)" "750 root duban" "/etc/duban"
assert_eq "$(stat -c '%a %U %G' /etc/duban/duban.conf)" "640 root duban" "duban.conf"
assert_eq "$(stat -c '%a %U %G' /var/lib/duban)" "2770 duban duban" "/var/lib/duban"
assert_eq "$(stat -c '%a %G' /run/duban/duban.sock)" "660 duban" "the control socket"
[ -x /usr/bin/dubanctl ] || fail "dubanctl is not in /usr/bin"
[ -e /usr/share/man/man1/dubanctl.1.gz ] || fail "dubanctl(1) is not installed"
setpriv --reuid=duban --regid=duban --clear-groups /usr/sbin/duband -t -f /etc/duban/duban.conf \
	>/dev/null 2>"$T/err" || fail "duband -t as duban: $(cat "$T/err")"
grep -q '^duban:' /etc/group || fail "no group duban"
dpkg -s duban | grep -q '^Conffiles:' || fail "no conffiles"
dpkg -s duban | grep -A20 '^Conffiles:' | grep -q /etc/duban/duban.conf || fail "duban.conf is not a conffile"
systemd-analyze verify /lib/systemd/system/duban.service >"$T/verify" 2>&1 || true
grep -v 'is not executable\|man \|failed with code 16' "$T/verify" | grep . &&
	fail "systemd-analyze verify: $(cat "$T/verify")"
level=$(systemd-analyze security --offline=true /lib/systemd/system/duban.service 2>&1 |
	sed -n 's/.*Overall exposure level for duban.service: \([0-9.]*\).*/\1/p')
awk -v l="$level" 'BEGIN { exit !(l <= 1.2) }' || fail "exposure level '$level' is above 1.2"

as() { local u=$1; shift; runuser -u "$u" -- "$@"; }
cp "$TOP/conf/departments.csv" "$T/roster.csv" && chmod 0644 "$T/roster.csv"

# Clerks in turns.
as clerka dubanctl dept import "$T/roster.csv" >/dev/null 2>"$T/err" || fail "clerk A: dept import: $(cat "$T/err")"
as clerkb dubanctl case add T-1 某小区 --category 2 >/dev/null 2>"$T/err" || fail "clerk B: case add: $(cat "$T/err")"
as clerka dubanctl assign T-1 bdc fast >/dev/null 2>"$T/err" || fail "clerk A: assign: $(cat "$T/err")"
as clerkb dubanctl ack 1 >/dev/null 2>"$T/err" || fail "clerk B: ack: $(cat "$T/err")"
wait_for 15 has_mail "T-1" || fail "no mail for the first action: $(tail "$T/duband.log")"

# Twenty writers at once, for a while, as both clerks, while the daemon sends.
writer() {
	local u=$1 n=$2 end=$((SECONDS + SECONDS_BUSY)) i=0 ok=0 bad=0
	while [ $SECONDS -lt $end ]; do
		i=$((i + 1))
		if as "$u" dubanctl case add "W$n-$i" 并发 >/dev/null 2>>"$T/writer-$n.err" &&
		    as "$u" dubanctl assign "W$n-$i" bdc fast >/dev/null 2>>"$T/writer-$n.err"; then
			ok=$((ok + 1))
		else
			bad=$((bad + 1))
		fi
	done
	echo "$ok $bad" >"$T/writer-$n.count"
}
for n in $(seq 1 "$WRITERS"); do
	if [ $((n % 2)) -eq 0 ]; then writer clerka "$n" & else writer clerkb "$n" & fi
done
wait $(jobs -p | grep -v "^$SINK_PID$" | grep -v "^$DAEMON_PID$") 2>/dev/null
for n in $(seq 1 "$WRITERS"); do wait_for 5 test -s "$T/writer-$n.count"; done
ok=$(cat "$T"/writer-*.count | awk '{ s += $1 } END { print s }')
bad=$(cat "$T"/writer-*.count | awk '{ s += $2 } END { print s }')
[ "$bad" -eq 0 ] || fail "$bad writes failed: $(sort "$T"/writer-*.err | uniq -c | head)"
[ "$ok" -gt 0 ] || fail "no write at all"
rows=$(as clerka sqlite3 /var/lib/duban/duban.db "SELECT count(*) FROM cases WHERE number LIKE 'W%'")
assert_eq "$rows" "$ok" "cases stored by the concurrent writers"
kill -0 "$DAEMON_PID" || fail "duband died while the clerks wrote: $(tail "$T/duband.log")"
for f in /var/lib/duban/duban.db /var/lib/duban/duban.db-wal /var/lib/duban/duban.db-shm; do
	[ -e "$f" ] || continue
	assert_eq "$(stat -c '%a %G' "$f")" "660 duban" "$f"
done
grep -qi 'readonly\|permission\|unable to open' "$T/duband.log" && fail "the daemon met a permission error"
echo "  $WRITERS writers for $SECONDS_BUSY s: $ok cases and actions, 0 failed; $(mail_count "") messages" >&2

# Outside the group: refused, and told why.
as outsider dubanctl actions >/dev/null 2>"$T/err" && fail "a user outside the group could read"
grep -q "not in group duban" "$T/err" || fail "the refusal does not say why: $(cat "$T/err")"
as outsider dubanctl status >/dev/null 2>"$T/err" && fail "status for a user outside the group"
grep -q "not in group duban" "$T/err" || fail "status's refusal: $(cat "$T/err")"

# Without a database the service stops at once, saying what to do, with 78.
kill -TERM "$DAEMON_PID"; wait_for 10 sh -c "! kill -0 $DAEMON_PID"
DAEMON_PID=""
mv /var/lib/duban/duban.db "$T/saved.db"
rm -f /var/lib/duban/duban.db-wal /var/lib/duban/duban.db-shm
setpriv --reuid=duban --regid=duban --clear-groups /usr/sbin/duband -d -f /etc/duban/duban.conf \
	>"$T/nodb.log" 2>&1
assert_eq "$?" 78 "duband's exit status without a database"
grep -q "dubanctl init" "$T/nodb.log" || fail "no hint to run dubanctl init: $(cat "$T/nodb.log")"
grep -q '^RestartPreventExitStatus=78' /lib/systemd/system/duban.service ||
	fail "the unit restarts on 78"
mv "$T/saved.db" /var/lib/duban/duban.db

# remove keeps configuration and data; purge removes the configuration only.
echo "; edited" >>/etc/duban/duban.conf
apt-get remove -y -qq duban >/dev/null 2>&1 || fail "apt-get remove"
[ -e /usr/sbin/duband ] && fail "remove left duband"
grep -q '; edited' /etc/duban/duban.conf || fail "remove did not keep the configuration"
[ -e /var/lib/duban/duban.db ] || fail "remove did not keep the data"
apt-get purge -y duban >"$T/purge.log" 2>&1 || fail "apt-get purge"
[ -e /etc/duban ] && fail "purge left /etc/duban"
[ -e /var/lib/duban/duban.db ] || fail "purge removed the data"
grep -q "/var/lib/duban" "$T/purge.log" || fail "purge does not say where the data is"
exit 0
