/* Diagnostics gathered while reading a file: every error as "file:line: message". */
#ifndef DUBAN_DIAG_H
#define DUBAN_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag {
	char	**msgs;
	size_t	  n;
	size_t	  nwarn;
	char	**warns;
};

/* Record an error at file:line (line 0: the file as a whole). */
void diag_error(struct diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Record a warning; warnings do not make a file invalid. */
void diag_warn(struct diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Print every warning and error, one per line. */
void diag_print(const struct diag *d, FILE *fp);
/* Append everything in src to dst and empty src. */
void diag_move(struct diag *dst, struct diag *src);
void diag_free(struct diag *d);

#endif
