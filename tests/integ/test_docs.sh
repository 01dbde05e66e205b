#!/bin/bash
# The man pages render without warnings; make install puts every file in
# place under DESTDIR and keeps an existing configuration.
. "$(dirname "$0")/lib.sh"

setup_dir
for page in "$TOP"/man/*.[158]; do
	groff -k -ww -man -Tutf8 "$page" >/dev/null 2>"$T/warn" || fail "groff failed on $page"
	[ -s "$T/warn" ] && fail "groff warns about $page: $(cat "$T/warn")"
done

make -s -C "$TOP" BUILD="$BUILD" install DESTDIR="$T/root" PREFIX=/usr >/dev/null ||
	fail "make install"
for f in usr/sbin/duband usr/bin/dubanctl usr/sbin/duban-web usr/share/man/man8/duband.8 \
	usr/share/man/man8/duban-web.8 lib/systemd/system/duban-web.service \
	usr/share/man/man1/dubanctl.1 usr/share/man/man5/duban.conf.5 \
	usr/lib/sysusers.d/duban.conf usr/lib/tmpfiles.d/duban.conf \
	etc/duban/duban.conf etc/duban/calendar/cn.conf lib/systemd/system/duban.service \
	usr/share/bash-completion/completions/dubanctl usr/share/locale/zh_CN/LC_MESSAGES/duban.mo; do
	[ -e "$T/root/$f" ] || fail "make install did not install $f"
done
grep -q '^ExecStart=/usr/sbin/duband -f /etc/duban/duban.conf$' \
	"$T/root/lib/systemd/system/duban.service" || fail "unit ExecStart"
# the installed programs find the installed catalogue, whatever PREFIX they were built for
env -u TEXTDOMAINDIR LC_ALL=zh_CN.UTF-8 "$T/root/usr/bin/dubanctl" nosuch 2>&1 | grep -q '未知命令' ||
	fail "the installed dubanctl does not speak Chinese: $(env -u TEXTDOMAINDIR LC_ALL=zh_CN.UTF-8 "$T/root/usr/bin/dubanctl" nosuch 2>&1)"
echo "; edited by the administrator" >>"$T/root/etc/duban/duban.conf"
make -s -C "$TOP" BUILD="$BUILD" install DESTDIR="$T/root" PREFIX=/usr >/dev/null
grep -q "edited by the administrator" "$T/root/etc/duban/duban.conf" ||
	fail "make install overwrote an existing configuration"
"$T/root/usr/sbin/duband" -t -f "$T/root/etc/duban/duban.conf" >/dev/null 2>&1 ||
	fail "the installed configuration does not pass duband -t"
make -s -C "$TOP" BUILD="$BUILD" uninstall DESTDIR="$T/root" PREFIX=/usr >/dev/null
[ -e "$T/root/usr/sbin/duband" ] && fail "uninstall left duband"
[ -e "$T/root/usr/bin/dubanctl" ] && fail "uninstall left dubanctl"
[ -e "$T/root/usr/sbin/duban-web" ] && fail "uninstall left duban-web"
[ -e "$T/root/usr/share/bash-completion/completions/dubanctl" ] && fail "uninstall left the completion"
[ -e "$T/root/etc/duban/duban.conf" ] || fail "uninstall removed the configuration"

# dubanctl(1) documents every row of the command table and every option of
# each, in the row's own entry (its tag line, as groff renders it).
"$DUBANCTL" commands >"$T/rows" || fail "dubanctl commands"
[ "$(wc -l <"$T/rows")" -gt 20 ] || fail "dubanctl commands listed too little: $(cat "$T/rows")"
MANWIDTH=200 groff -man -Tutf8 -P-cbou -rLL=200n "$TOP/man/dubanctl.1" 2>/dev/null >"$T/man.txt"
$PY - "$T/rows" "$T/man.txt" <<'PY' || fail "dubanctl(1) does not document the command table"
import re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
man = open(sys.argv[2], encoding="utf-8").read().split("\n")
missing = []
for name, args, opts in rows:
    tags = [i for i, l in enumerate(man) if re.match(r"^ {7}" + re.escape(name) + r"( |$)", l)]
    if not tags:
        missing.append("row '%s' has no entry" % name)
        continue
    text = " ".join(man[i] + " " + man[i + 1] for i in tags)
    for o in re.findall(r"--[a-z-]+", opts):
        if o not in text:
            missing.append("row '%s': %s is not in its entry" % (name, o))
if missing:
    print("\n".join(missing), file=sys.stderr)
    sys.exit(1)
PY
exit 0
