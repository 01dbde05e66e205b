/* Logging: syslog always, stderr as well in the foreground. */
#ifndef DUBAN_LOG_H
#define DUBAN_LOG_H

#include <stdarg.h>

/* Open the log under the given program name; foreground also writes to stderr. */
void log_init(const char *progname, int foreground, int verbose);
/* Raise or lower the verbosity at run time (0 = info, 1 = debug). */
void log_setverbose(int verbose);

/* Warnings that append strerror(errno), and the plain ones. */
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_crit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Log and exit(1). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
