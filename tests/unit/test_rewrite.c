/* SQLite's dialect in PostgreSQL's: one golden case, or more, for every rule of pg_rewrite. */
#include <stdlib.h>

#include "unit.h"

static void
golden(const char *sql, const char *want, int want_params)
{
	int n = -1;
	char *got = pg_rewrite(sql, &n);

	assert_string_equal(got, want);
	assert_int_equal(n, want_params);
	free(got);
}

/* ? numbered in order; ?N keeps its number and the next ? follows it */
static void
test_parameters(void **state)
{
	(void)state;
	golden("SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2", 2);
	golden("UPDATE t SET a = ?2 WHERE id = ?1", "UPDATE t SET a = $2 WHERE id = $1", 2);
	golden("SELECT ?3, ?", "SELECT $3, $4", 4);
	golden("SELECT 1", "SELECT 1", 0);
}

/* INSERT OR IGNORE: a plain INSERT with ON CONFLICT DO NOTHING at its end, before any ';' */
static void
test_insert_or_ignore(void **state)
{
	(void)state;
	golden("INSERT OR IGNORE INTO t (a) VALUES (?)",
	    "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING", 1);
	golden("INSERT OR IGNORE INTO t SELECT 1;  ", "INSERT INTO t SELECT 1 ON CONFLICT DO NOTHING", 0);
	golden("insert or ignore into t values (1)", "INSERT into t values (1) ON CONFLICT DO NOTHING", 0);
	/* part of a longer word is not the statement */
	golden("SELECT xINSERT OR IGNORE ", "SELECT xINSERT OR IGNORE ", 0);
}

/* x IS ? compares like =, NULL included; IS NULL, IS TRUE and IS DISTINCT stay */
static void
test_is(void **state)
{
	(void)state;
	golden("WHERE a IS ?", "WHERE a IS NOT DISTINCT FROM $1", 1);
	golden("WHERE a IS NOT ?", "WHERE a IS DISTINCT FROM $1", 1);
	golden("WHERE (a)IS ?", "WHERE (a)IS NOT DISTINCT FROM $1", 1);
	golden("WHERE a\n\tIS ?2", "WHERE a\n\tIS NOT DISTINCT FROM $2", 2);
	golden("WHERE a IS b", "WHERE a IS NOT DISTINCT FROM b", 0);
	golden("WHERE a IS NULL AND b IS NOT NULL", "WHERE a IS NULL AND b IS NOT NULL", 0);
	golden("WHERE a IS TRUE OR b IS FALSE", "WHERE a IS TRUE OR b IS FALSE", 0);
	golden("WHERE a IS DISTINCT FROM b", "WHERE a IS DISTINCT FROM b", 0);
	/* a word that ends in IS is not the operator */
	golden("SELECT this, axis FROM t", "SELECT this, axis FROM t", 0);
	golden("SELECT IS_x IS ?", "SELECT IS_x IS NOT DISTINCT FROM $1", 1);
}

/* temp. as pg_temp., only as a whole word */
static void
test_temp(void **state)
{
	(void)state;
	golden("CREATE TABLE temp.seen (a)", "CREATE TABLE pg_temp.seen (a)", 0);
	golden("SELECT * FROM temp.seen, attemp.x", "SELECT * FROM pg_temp.seen, attemp.x", 0);
}

/* what is quoted is data: no rule applies inside '...' or "..." */
static void
test_quoted(void **state)
{
	(void)state;
	golden("SELECT 'a IS ? temp. INSERT OR IGNORE ' || ?", "SELECT 'a IS ? temp. INSERT OR IGNORE ' || $1", 1);
	golden("SELECT \"is ?\" FROM t WHERE x = 'it''s ?'", "SELECT \"is ?\" FROM t WHERE x = 'it''s ?'", 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_insert_or_ignore),
		cmocka_unit_test(test_is),
		cmocka_unit_test(test_temp),
		cmocka_unit_test(test_quoted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
