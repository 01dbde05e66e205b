#!/bin/bash
# The systemd units (duband's, duban-web's): systemd-analyze verify is clean
# on each installed unit, and systemd-analyze security rates each 1.2 or lower.
. "$(dirname "$0")/lib.sh"

setup_dir
R=$T/inst
make -s -C "$TOP" BUILD="$BUILD" install PREFIX="$R/usr" SYSCONFDIR="$R/etc" UNITDIR="$R/unit" \
	SYSUSERSDIR="$R/sysusers" TMPFILESDIR="$R/tmpfiles" >/dev/null || fail "make install"
for name in duban duban-web; do
	unit=$R/unit/$name.service
	MANPATH=$R/usr/share/man systemd-analyze verify "$unit" >"$T/verify" 2>&1 ||
		fail "systemd-analyze verify $name failed: $(cat "$T/verify")"
	[ -s "$T/verify" ] && fail "systemd-analyze verify $name is not clean: $(cat "$T/verify")"
	systemd-analyze security --offline=true "$unit" >"$T/security" 2>&1 ||
		fail "systemd-analyze security $name failed: $(cat "$T/security")"
	level=$(sed -n "s/.*Overall exposure level for $name.service: \([0-9.]*\).*/\1/p" "$T/security")
	[ -n "$level" ] || fail "no exposure level for $name in: $(tail -3 "$T/security")"
	awk -v l="$level" 'BEGIN { exit !(l <= 1.2) }' || fail "$name: exposure level $level is above 1.2"
done
unit=$R/unit/duban.service

for d in Type=notify NotifyAccess=main WatchdogSec= 'ExecReload=/bin/kill -HUP $MAINPID' \
	Restart=on-failure User=duban StateDirectory=duban RuntimeDirectory=duban \
	ConfigurationDirectory=duban LoadCredential=duban-smtp-password NoNewPrivileges=yes \
	ProtectSystem=strict ProtectHome=yes PrivateTmp=yes PrivateDevices=yes \
	RestrictAddressFamilies= SystemCallFilter=@system-service 'CapabilityBoundingSet=$' \
	MemoryDenyWriteExecute=yes; do
	grep -q "^$d" "$unit" || fail "the unit lacks $d"
done
for d in Type=notify 'ExecStart=.*/duban-web -f ' User=duban LoadCredential=duban-link-keys \
	NoNewPrivileges=yes ProtectSystem=strict MemoryDenyWriteExecute=yes 'CapabilityBoundingSet=$'; do
	grep -q "^$d" "$R/unit/duban-web.service" || fail "duban-web's unit lacks $d"
done
grep -q '^u duban ' "$R/sysusers/duban.conf" || fail "sysusers snippet"
grep -q '^d /var/lib/duban ' "$R/tmpfiles/duban.conf" || fail "tmpfiles snippet"
exit 0
