/* Allocation that cannot return NULL: running out of memory is fatal. */
#ifndef DUBAN_XMALLOC_H
#define DUBAN_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* strdup of NULL is NULL. */
char *xstrdup_null(const char *s);
int xasprintf(char **ret, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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
char *file_read(const char *path, size_t *len);

#endif
