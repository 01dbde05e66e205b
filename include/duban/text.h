/*
 * Free text people enter (titles, notes, reasons, names) and how records
 * show it. Text is checked where it enters: valid UTF-8, no control
 * characters, a bounded length. Records (the evidence handed to the
 * discipline-inspection group, the audit log, tables) show every stored
 * text escaped, so that nothing stored, however it got there, can look like
 * a line of the record. Pure, no I/O.
 */
#ifndef DUBAN_TEXT_H
#define DUBAN_TEXT_H

#include <stddef.h>

#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"
#include "duban/buf.h"
#include "duban/xmalloc.h"

/*
 * The limits of what people enter, in bytes of UTF-8 (a Chinese character
 * takes 3); dubanctl(1) lists them under LIMITS.
 */
#define TEXT_MAX_DEPT	32	/* a department's code */
#define TEXT_MAX_CODE	64	/* a case number, a time, an id, a word of a closed list */
#define TEXT_MAX_NAME	200	/* a name: a person, a department, a kind of step, a body */
#define TEXT_MAX_ADDR	254	/* one mail address (RFC 5321's path less its brackets) */
#define TEXT_MAX	2000	/* free text: a title, the work, a result, a reason, a note */
#define TEXT_MAX_PATH	4096	/* a file's name, a database's URI */

/* 0 if s is text one may store (max bytes at most); -1 with *why otherwise. */
int text_check(const char *s, size_t max, const char **why);
/*
 * The same, with the length and the limit in the reason ("too long: 3000
 * bytes, at most 2000 bytes"), written into buf: NULL if s is fine. n is the
 * field's length as entered (a reader may have kept less of it than that).
 */
const char *text_check_field(const char *s, size_t n, size_t max, char *buf, size_t len);
/*
 * The limit of a field by the word that names it in a usage line (NAME,
 * TEXT, ADDR, CODE...; see dubanctl(1)): TEXT_MAX for a word it does not know.
 */
size_t text_limit(const char *metavar);
/*
 * s with a backslash, control characters and invalid UTF-8 escaped (\\, \n,
 * \r, \t, \xNN): one line whatever s holds. To free.
 */
char *text_escape(const char *s);
/* Display columns of a UTF-8 string on a terminal (the C library's wcwidth, in a UTF-8 locale). */
int text_width(const char *s);
/* The spaces s needs to fill width display columns: printf("%s%*s", s, text_pad(s, w), ""). */
int text_pad(const char *s, int width);
/* Append s escaped. */
void text_put(struct buf *b, const char *s);
/* One timeline line of a record: "  TIME  WHO  WHAT  DETAIL\n", each text escaped. */
void text_event_line(struct buf *b, instant_t at, const char *who, const char *what,
    const char *detail);

#endif
