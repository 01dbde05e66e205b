/* Collecting file:line diagnostics for configuration and data files. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "duban/diag.h"
#include "duban/xmalloc.h"

static char *
diag_format(const char *file, int line, const char *fmt, va_list ap)
{
	char *text, *msg;

	if (vasprintf(&text, fmt, ap) < 0)
		text = xstrdup(fmt);
	if (line > 0)
		xasprintf(&msg, "%s:%d: %s", file, line, text);
	else
		xasprintf(&msg, "%s: %s", file, text);
	free(text);
	return msg;
}

void
diag_error(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	d->msgs = xreallocarray(d->msgs, d->n + 1, sizeof(*d->msgs));
	va_start(ap, fmt);
	d->msgs[d->n++] = diag_format(file, line, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	d->warns = xreallocarray(d->warns, d->nwarn + 1, sizeof(*d->warns));
	va_start(ap, fmt);
	msg = diag_format(file, line, fmt, ap);
	va_end(ap);
	xasprintf(&d->warns[d->nwarn++], "%s (warning)", msg);
	free(msg);
}

void
diag_print(const struct diag *d, FILE *fp)
{
	size_t i;

	for (i = 0; i < d->nwarn; i++)
		fprintf(fp, "%s\n", d->warns[i]);
	for (i = 0; i < d->n; i++)
		fprintf(fp, "%s\n", d->msgs[i]);
}

void
diag_move(struct diag *dst, struct diag *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		dst->msgs = xreallocarray(dst->msgs, dst->n + 1, sizeof(char *));
		dst->msgs[dst->n++] = src->msgs[i];
	}
	for (i = 0; i < src->nwarn; i++) {
		dst->warns = xreallocarray(dst->warns, dst->nwarn + 1, sizeof(char *));
		dst->warns[dst->nwarn++] = src->warns[i];
	}
	free(src->msgs);
	free(src->warns);
	src->msgs = src->warns = NULL;
	src->n = src->nwarn = 0;
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	for (i = 0; i < d->nwarn; i++)
		free(d->warns[i]);
	free(d->msgs);
	free(d->warns);
	d->msgs = d->warns = NULL;
	d->n = d->nwarn = 0;
}
