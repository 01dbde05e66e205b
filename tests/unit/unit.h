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

#include "duban/calendar.h"
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

/* "YYYY-MM-DD HH:MM" in the office's zone. */
static inline instant_t
at(const char *s)
{
	instant_t t;

	assert_int_equal(instant_parse(s, &t), 0);
	return t;
}

#endif
