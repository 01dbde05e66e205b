/* Shared by the unit tests: cmocka, and where the shipped files are. */
#ifndef DUBAN_UNIT_H
#define DUBAN_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#ifndef SRCDIR
#define SRCDIR "."
#endif
#define CN_CALENDAR SRCDIR "/conf/calendar/cn.conf"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duban/calendar.h"
#include "duban/conf.h"
#include "duban/store.h"
#include "core/store/internal.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"

/* The shipped calendar, in the office's zone, for a group of tests. */
static struct calendar *cn __attribute__((unused));

static inline int
cn_setup(void **state)
{
	struct diag d = { 0 };

	(void)state;
	tz_set("Asia/Shanghai");
	cn = cal_load(CN_CALENDAR, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	return cn == NULL ? -1 : 0;
}

static inline int
cn_teardown(void **state)
{
	(void)state;
	cal_free(cn);
	return 0;
}

/* A configuration loaded from text (through a temporary file, removed again). */
static inline struct config *
unit_conf(const char *text)
{
	char path[] = "/tmp/duban-unit-XXXXXX";
	struct diag d = { 0 };
	struct config *c;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	c = conf_load(path, &d);
	unlink(path);
	diag_print(&d, stderr);
	diag_free(&d);
	assert_non_null(c);
	return c;
}

/* A store in memory with department zjj and case C1 (category 2) received at received. */
/*
 * An empty store: SQLite in memory, or with DUBAN_TEST_PG set (a libpq
 * connection string) that PostgreSQL database, emptied first.
 */
static inline struct store *
unit_store_empty(void)
{
	const char *pg = getenv("DUBAN_TEST_PG");
	struct store *st;
	char *cause = NULL;

	if (pg != NULL && *pg != '\0') {
		st = store_open(pg, STORE_OPEN_CREATE, &cause);
		if (st == NULL)
			fail_msg("%s", cause);
		assert_int_equal(db_exec(st, "DROP SCHEMA public CASCADE; CREATE SCHEMA public"), 0);
		store_close(st);
		st = store_open(pg, STORE_OPEN_CREATE, &cause);
	} else
		st = store_open(":memory:", STORE_OPEN_CREATE, &cause);
	if (st == NULL)
		fail_msg("%s", cause);
	return st;
}

static inline struct store *
unit_store(instant_t received)
{
	struct department dept = { 0, "zjj", "住建局", "于海滨", "zjj@example.gov.cn", "" };
	struct case_rec k;
	struct store *st;

	st = unit_store_empty();
	assert_int_equal(store_dept_add(st, &dept, NULL), 0);
	memset(&k, 0, sizeof(k));
	k.number = "C1";
	k.title = "某小区办证";
	k.category = 2;
	k.received_at = received;
	assert_int_equal(store_case_add(st, &k, NULL), 0);
	return st;
}

/* "YYYY-MM-DD HH:MM" in the office's zone. */
static inline instant_t
at(const char *s)
{
	instant_t t;

	assert_int_equal(instant_parse(s, &t), 0);
	return t;
}

#endif
