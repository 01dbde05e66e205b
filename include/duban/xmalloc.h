/* Allocation that cannot return NULL: running out of memory is fatal. */
#ifndef DUBAN_XMALLOC_H
#define DUBAN_XMALLOC_H

#include <stddef.h>
#include <stdint.h>

/*
 * A const pointer handed where the type says it may be written but nothing
 * is (iconv's input, a library's callback argument, a string lent to a
 * record that is only read): the one cast -Wcast-qual lets through.
 */
#define UNCONST(p)	((void *)(uintptr_t)(const void *)(p))

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* strdup of NULL is NULL. */
char *xstrdup_null(const char *s);
int xasprintf(char **ret, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
