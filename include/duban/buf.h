/* A growable byte buffer, always NUL-terminated, and a whole file read into one. */
#ifndef DUBAN_BUF_H
#define DUBAN_BUF_H

#include <stddef.h>

#include "duban/xmalloc.h"

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void buf_add(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the contents to the caller (never NULL) and reset the buffer. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);
/* A whole file ("-": standard input), NUL-terminated; NULL with errno set. */
char *buf_read_file(const char *path, size_t *len);

#endif
