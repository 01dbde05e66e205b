#!/bin/bash
# Configuration golden files: each tests/conf/NAME.conf gives exactly
# tests/conf/NAME.out from duband -t (or the arguments its first line names,
# "; args: -tv"), with the exit status as the last line. duband runs under
# libfaketime on 2026-06-01, so that the calendar's warnings about the years
# it covers do not change with the date. GOLDEN_UPDATE=1 rewrites the .out
# files (read the diff before committing them).
. "$(dirname "$0")/lib.sh"

FT=$(faketime_preload) || fail "libfaketime is not installed (Debian package faketime)"
setup_dir
cd "$TOP/tests/conf" || fail "no tests/conf"
n=0
bad=0
for conf in *.conf; do
	name=${conf%.conf}
	args=$(sed -n '1s/^; args: //p' "$conf")
	[ -n "$args" ] || args=-t
	# shellcheck disable=SC2086
	TZ=Asia/Shanghai LD_PRELOAD="$FT" FAKETIME="@2026-06-01 12:00:00" \
		"$DUBAND" $args -f "$conf" >"$T/$name.out" 2>&1
	echo "exit $?" >>"$T/$name.out"
	n=$((n + 1))
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$T/$name.out" "$name.out"
	elif ! diff -u "$name.out" "$T/$name.out" >"$T/$name.diff" 2>&1; then
		echo "  $conf: output differs from $name.out:" >&2
		sed 's/^/    /' "$T/$name.diff" >&2
		bad=$((bad + 1))
	fi
done
[ "$n" -ge 25 ] || fail "only $n golden files"
[ "$bad" -eq 0 ] || fail "$bad of $n golden files differ"
# the shipped configuration passes
"$DUBAND" -t -f "$TOP/conf/duban.conf" >/dev/null 2>&1 || fail "conf/duban.conf does not pass duband -t"
exit 0
