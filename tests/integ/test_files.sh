#!/bin/bash
# Files dubanctl writes hold personal data: created 0640 (0600 with
# --private) whatever the umask, never over an existing file without
# --force, never through a symlink.
. "$(dirname "$0")/lib.sh"

setup_dir
write_conf
seed_db
ctl case add C2 某小区 --petitioner 张三 >/dev/null || fail "case add"
umask 0022
mode() { stat -c %a "$1"; }

ctl ledger export "$T/ledger.csv" >/dev/null || fail "ledger export"
assert_eq "$(mode "$T/ledger.csv")" 640 "mode of a ledger export under umask 0022"
grep -q 张三 "$T/ledger.csv" || fail "the export lacks the petitioner"
echo old >"$T/old.csv"
ctl ledger export "$T/old.csv" >/dev/null 2>"$T/err" && fail "export replaced a file without --force"
grep -q -- --force "$T/err" || fail "the refusal does not mention --force: $(cat "$T/err")"
assert_eq "$(cat "$T/old.csv")" old "the existing file"
ctl ledger export "$T/old.csv" --force >/dev/null || fail "export --force"
grep -q 张三 "$T/old.csv" || fail "--force did not replace the file"
ctl ledger export "$T/private.csv" --private >/dev/null || fail "export --private"
assert_eq "$(mode "$T/private.csv")" 600 "mode with --private"

echo secret >"$T/victim"
chmod 0644 "$T/victim"
ln -s "$T/victim" "$T/link.csv"
ctl ledger export "$T/link.csv" >/dev/null 2>&1 && fail "export wrote through a symlink"
ctl ledger export "$T/link.csv" --force >/dev/null || fail "export --force over a symlink"
assert_eq "$(cat "$T/victim")" secret "the symlink's target"
[ -L "$T/link.csv" ] && fail "the symlink is still there: the file was not replaced"
assert_eq "$(mode "$T/link.csv")" 640 "mode of the file that replaced the symlink"
ls "$T"/*.XXXXXX* "$T"/link.csv.* 2>/dev/null && fail "temporary files left behind"

# The evidence record, the same way.
sql "INSERT INTO actions (case_id, dept_id, step, notified_at, created_at) VALUES (1, 1, 'x', 0, 0)"
sql "INSERT INTO escalations (action_id, level, target, opened_at) VALUES (1, 1, 'discipline', 0)"
ctl queue export 1 "$T/record.txt" >/dev/null || fail "queue export"
assert_eq "$(mode "$T/record.txt")" 640 "mode of an evidence export"
ctl queue export 1 "$T/record.txt" >/dev/null 2>&1 && fail "queue export replaced a file"
ctl queue export 1 "$T/record.txt" --force --private >/dev/null || fail "queue export --force --private"
assert_eq "$(mode "$T/record.txt")" 600 "mode of a private evidence export"
ln -s "$T/victim" "$T/rec-link.txt"
ctl queue export 1 "$T/rec-link.txt" >/dev/null 2>&1 && fail "queue export wrote through a symlink"
assert_eq "$(cat "$T/victim")" secret "the symlink's target"
exit 0
