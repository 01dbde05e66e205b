#!/bin/bash
# bash completion for dubanctl: commands, subcommands, each row's options,
# department codes and case numbers, from the program and the database.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf '[rule "week"]' 'deadline = 1 week'
seed_db
ctl assign C1 zjj handling >/dev/null || fail "assign"
export DUBAN_CONF="$T/duban.conf"
PATH="$(dirname "$DUBANCTL"):$PATH"
# shellcheck source=/dev/null
. "$TOP/completion/dubanctl.bash"
complete_words() {	# complete_words WORD...: what completing the last word offers
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_dubanctl
	printf '%s\n' "${COMPREPLY[@]}"
}
complete_words dubanctl que | grep -qx queue || fail "command: $(complete_words dubanctl que)"
complete_words dubanctl queue s | grep -qx show || fail "subcommand: $(complete_words dubanctl queue s)"
complete_words dubanctl assign -- >"$T/opts"
for o in --at --rule --force --overdue-ok; do
	grep -qx -- "$o" "$T/opts" || fail "assign's $o: $(cat "$T/opts")"
done
complete_words dubanctl assign --n | grep -q . && fail "an option assign does not have"
complete_words dubanctl assign C | grep -qx C1 || fail "case number: $(complete_words dubanctl assign C)"
complete_words dubanctl assign C1 z | grep -qx zjj || fail "department: $(complete_words dubanctl assign C1 z)"
complete_words dubanctl dept edit z | grep -qx zjj || fail "dept edit: $(complete_words dubanctl dept edit z)"
complete_words dubanctl case close C | grep -qx C1 || fail "case close: $(complete_words dubanctl case close C)"
exit 0
