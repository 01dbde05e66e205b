/*
 * The rule language of duban.conf(5): durations, the keys of a rule
 * section, and a rule printed back as it would be written.
 */
#ifndef DUBAN_RULELANG_H
#define DUBAN_RULELANG_H

#include <stdio.h>

#include "duban/rules.h"

/* "3 workdays", "1 week", "30 seconds": 0, or -1 with *cause. */
int duration_parse(const char *s, struct duration *d, const char **cause);
/* Print a duration the way duration_parse reads it. */
void duration_format(const struct duration *d, char *buf, int len);
/* A rule's deadline as its 'deadline' key says it. */
void rulelang_format_deadline(const struct rule *r, char *buf, int len);

/* A rule named name, its section at line, with the defaults of a section without keys. */
void rulelang_init(struct rule *r, const char *name, int line);
void rulelang_clear(struct rule *r);
/* Where the errors of a key go: one message each, without file or line. */
typedef void (*rulelang_error_fn)(void *arg, const char *msg);
#define RULELANG_UNKNOWN	1	/* not a key of a rule section */
/*
 * Parse one key of a rule section (line: where it stands, kept for later
 * checks) into r: 0, -1 after errors told to error, or RULELANG_UNKNOWN.
 */
int rulelang_key(struct rule *r, const char *key, const char *value, int line,
    rulelang_error_fn error, void *arg);
/* Print a rule as a [rule "NAME"] section that rulelang_key reads back. */
void rulelang_print(const struct rule *r, FILE *fp);

#endif
