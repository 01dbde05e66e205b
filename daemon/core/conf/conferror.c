/*
 * The configuration's errors, as file:line in the diagnostics: below every
 * section parser and check, so that none of them calls back up into conf.c.
 */
#include <stdarg.h>
#include <stdio.h>

#include "duban/conf.h"
#include "duban/i18n.h"

#include "conf_parse.h"

static void
conf_verror(struct conf_parse *p, int line, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	diag_error(p->d, p->conf->path, line, "%s", msg);
}

void
conf_error(struct conf_parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_verror(p, p->lineno, fmt, ap);
	va_end(ap);
}

void
conf_error_at(struct conf_parse *p, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	conf_verror(p, line, fmt, ap);
	va_end(ap);
}
