/* The logging idiom of the OpenBSD daemons: syslog, and stderr in the foreground. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "duban/log.h"

static int log_foreground = 1;
static int log_verbose;
static int log_opened;

void
log_init(const char *progname, int foreground, int verbose)
{
	log_foreground = foreground;
	log_verbose = verbose;
	openlog(progname, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	log_opened = 1;
	tzset();
}

void
log_setverbose(int verbose)
{
	log_verbose = verbose;
}

static void
log_vwrite(int pri, const char *fmt, va_list ap)
{
	char msg[2048];
	va_list ap2;

	va_copy(ap2, ap);
	vsnprintf(msg, sizeof(msg), fmt, ap2);
	va_end(ap2);
	/* Control characters never reach the log as they are. */
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (log_foreground || !log_opened)
		fprintf(stderr, "%s\n", msg);
	if (log_opened)
		syslog(pri, "%s", msg);
}

static void
log_vwarn(int pri, int with_errno, const char *fmt, va_list ap)
{
	int saved = errno;
	char fmt2[1024];

	if (with_errno) {
		snprintf(fmt2, sizeof(fmt2), "%s: %s", fmt, strerror(saved));
		log_vwrite(pri, fmt2, ap);
	} else
		log_vwrite(pri, fmt, ap);
	errno = saved;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarn(LOG_ERR, 1, fmt, ap);
	va_end(ap);
}
#pragma GCC diagnostic pop

/* Something the administrator must see at once (syslog's LOG_CRIT). */
void
log_crit(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarn(LOG_CRIT, 0, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarn(LOG_ERR, 0, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarn(LOG_INFO, 0, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!log_verbose)
		return;
	va_start(ap, fmt);
	log_vwarn(LOG_DEBUG, 0, fmt, ap);
	va_end(ap);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarn(LOG_CRIT, 1, fmt, ap);
	va_end(ap);
	exit(1);
}
#pragma GCC diagnostic pop

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwarn(LOG_CRIT, 0, fmt, ap);
	va_end(ap);
	exit(1);
}
