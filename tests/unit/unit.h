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

#endif
