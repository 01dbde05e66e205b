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

#define TEXT_MAX	2000	/* bytes in one text field: about 660 Chinese characters */

/* 0 if s is text one may store (max bytes at most); -1 with *why otherwise. */
int text_check(const char *s, size_t max, const char **why);
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
