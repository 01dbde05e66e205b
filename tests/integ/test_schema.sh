#!/bin/bash
# The two engines keep one schema: the tables, their columns, the indexes
# and the triggers of a SQLite database and of a PostgreSQL one agree, both when
# dubanctl init makes them and when each migrates the schema 12 database of
# the release before (tests/data/schema12.db, schema12.pg.sql). What only
# PostgreSQL has is declared here, with why: the claims of several daemons
# sharing a database (a lease per notice) and the tables only one engine
# needs.
. "$(dirname "$0")/lib.sh"

setup_dir
pg_only
# PostgreSQL's own: several daemons claim notices for a lease
PG_ONLY_COLUMNS="notices.lease_owner notices.lease_until"
PG_ONLY_INDEXES="notices.notices_leases notices.notices_owner"
PG_ONLY_TABLES=""
SQLITE_ONLY_TABLES="sqlite_sequence"
# one PostgreSQL trigger for INSERT, UPDATE and DELETE is three on SQLite
SQLITE_PER_EVENT_TRIGGERS="tally_open"

sqlite_schema() {	# FILE: "table column" and "index table name" lines, sorted
	$PY - "$1" "$SQLITE_PER_EVENT_TRIGGERS" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = []
for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
    for row in db.execute("SELECT name FROM pragma_table_info(?)", (t,)):
        out.append("column %s.%s" % (t, row[0]))
for (i, t) in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
                         " AND name NOT LIKE 'sqlite_autoindex%'"):
    out.append("index %s.%s" % (t, i))
per_event = sys.argv[2].split()
for (i, t) in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"):
    for base in per_event:
        if i in (base + "_insert", base + "_update", base + "_delete"):
            i = base
    out.append("trigger %s.%s" % (t, i))
print("\n".join(sorted(set(out))))
PY
}
pg_schema() {	# URI
	psql -XAt "$1" -c "SELECT 'column ' || table_name || '.' || column_name
		FROM information_schema.columns WHERE table_schema = 'public'
		UNION ALL SELECT 'index ' || tablename || '.' || indexname FROM pg_indexes
		WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'
		UNION SELECT DISTINCT 'trigger ' || event_object_table || '.' || trigger_name
		FROM information_schema.triggers WHERE trigger_schema = 'public'" |
		sort
}
# what one engine has and the other lacks, less what is declared
compare() {	# SQLITE-FILE PG-URI WHAT
	sqlite_schema "$1" >"$T/lite"
	pg_schema "$2" >"$T/pg"
	local extra missing declared c
	declared=" $PG_ONLY_COLUMNS $PG_ONLY_INDEXES "
	extra=$(comm -13 "$T/lite" "$T/pg" | while read -r kind name; do
		[[ "$declared" == *" $name "* ]] && continue
		[ "$kind" = column ] && [[ " $PG_ONLY_TABLES " == *" ${name%%.*} "* ]] && continue
		echo "$kind $name"
	done)
	missing=$(comm -23 "$T/lite" "$T/pg" | while read -r kind name; do
		[[ " $SQLITE_ONLY_TABLES " == *" ${name%%.*} "* ]] && continue
		echo "$kind $name"
	done)
	[ -z "$extra" ] || fail "$3: only on PostgreSQL, and not declared: $(echo $extra)"
	[ -z "$missing" ] || fail "$3: only on SQLite: $(echo $missing)"
	for c in $PG_ONLY_COLUMNS; do
		grep -qx "column $c" "$T/pg" || fail "$3: the declared column $c is not on PostgreSQL"
	done
	for c in $PG_ONLY_INDEXES; do
		grep -qx "index $c" "$T/pg" || fail "$3: the declared index $c is not on PostgreSQL"
	done
	echo "  $3: $(grep -c '^column' "$T/pg") columns, $(grep -c '^index' "$T/pg") indexes," \
		"$(grep -c '^trigger' "$T/pg") triggers agree" >&2
}

# made new by dubanctl init
write_conf
ctl init >/dev/null || fail "init on PostgreSQL"
"$DUBANCTL" -f "$T/duban.conf" -D "$T/new.db" init >/dev/null || fail "init on SQLite"
compare "$T/new.db" "$DB" "made by init"

# migrated from the release before, each on its engine
fresh_db
psql -Xq -v ON_ERROR_STOP=1 "$DB" -f "$TOP/tests/data/schema12.pg.sql" >/dev/null 2>"$T/load" ||
	fail "loading the fixture: $(cat "$T/load")"
cp "$TOP/tests/data/schema12.db" "$T/old.db"
chmod 0660 "$T/old.db"
ctl actions --all >/dev/null || fail "dubanctl migrating PostgreSQL"
"$DUBANCTL" -f "$T/duban.conf" -D "$T/old.db" actions --all >/dev/null || fail "dubanctl migrating SQLite"
compare "$T/old.db" "$DB" "migrated from schema 12"
exit 0
