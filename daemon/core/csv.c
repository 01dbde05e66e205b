/* CSV parsing and writing, and UTF-8 / GB18030 conversion with iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "duban/csv.h"

static void
row_add(struct csv_row *r, struct buf *field)
{
	r->fields = xreallocarray(r->fields, (size_t)r->n + 1, sizeof(char *));
	r->fields[r->n++] = buf_take(field);
}

int
csv_parse(const char *p, size_t len, struct csv *out, char **err)
{
	const char *end = p + len;
	struct buf field = { 0 };
	struct csv_row row;
	int line = 1, quoted;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		memset(&row, 0, sizeof(row));
		row.line = line;
		for (;;) {
			quoted = 0;
			if (p < end && *p == '"') {
				quoted = 1;
				p++;
				for (;;) {
					if (p >= end) {
						xasprintf(err, "line %d: a quoted field is not closed",
						    row.line);
						goto fail;
					}
					if (*p == '"') {
						if (p + 1 < end && p[1] == '"') {
							buf_add(&field, "\"", 1);
							p += 2;
							continue;
						}
						p++;
						break;
					}
					if (*p == '\n')
						line++;
					buf_add(&field, p++, 1);
				}
			}
			while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
				if (quoted || *p == '"') {
					xasprintf(err, "line %d: unexpected text around a quoted field",
					    line);
					goto fail;
				}
				buf_add(&field, p++, 1);
			}
			row_add(&row, &field);
			if (p < end && *p == ',') {
				p++;
				continue;
			}
			if (p < end && *p == '\r')
				p++;
			if (p < end && *p == '\n')
				p++;
			line++;
			break;
		}
		/* a blank line is no row */
		if (row.n == 1 && row.fields[0][0] == '\0') {
			free(row.fields[0]);
			free(row.fields);
			continue;
		}
		out->rows = xreallocarray(out->rows, (size_t)out->n + 1, sizeof(row));
		out->rows[out->n++] = row;
	}
	buf_free(&field);
	return 0;
fail:
	for (int i = 0; i < row.n; i++)
		free(row.fields[i]);
	free(row.fields);
	buf_free(&field);
	csv_free(out);
	return -1;
}

void
csv_free(struct csv *c)
{
	int i, j;

	for (i = 0; i < c->n; i++) {
		for (j = 0; j < c->rows[i].n; j++)
			free(c->rows[i].fields[j]);
		free(c->rows[i].fields);
	}
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

void
csv_put(struct buf *b, const char *s, int first)
{
	const char *p;

	if (!first)
		buf_add(b, ",", 1);
	if (s == NULL)
		return;
	/* quote what a reader could take otherwise, a leading byte-order mark included */
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && strncmp(s, "\xef\xbb\xbf", 3) != 0 &&
	    (s[0] == '\0' || s[strlen(s) - 1] != ' ')) {
		buf_puts(b, s);
		return;
	}
	buf_add(b, "\"", 1);
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_add(b, "\"", 1);
		buf_add(b, p, 1);
	}
	buf_add(b, "\"", 1);
}

int
utf8_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, k;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			n = 1;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			n = 2;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			n = 3;
		else
			goto no;
		if (i + 1 < len && ((s[i] == 0xe0 && s[i + 1] < 0xa0) ||
		    (s[i] == 0xed && s[i + 1] > 0x9f) || (s[i] == 0xf0 && s[i + 1] < 0x90) ||
		    (s[i] == 0xf4 && s[i + 1] > 0x8f)))
			goto no;	/* overlong, a surrogate, or past U+10FFFF */
		for (k = 1; k <= n; k++)
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto no;
		i += n + 1;
	}
	return 1;
no:
	if (bad)
		*bad = i;
	return 0;
}

static char *
convert(const char *from, const char *to, const char *in, size_t len, size_t *outlen,
    char **err)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = len * 4 + 16, left = cap, inleft = len;
	char *out, *o, *ip = (char *)in;

	if (cd == (iconv_t)-1) {
		xasprintf(err, "cannot convert from %s to %s: %s", from, to, strerror(errno));
		return NULL;
	}
	out = o = xmalloc(cap + 1);
	if (iconv(cd, &ip, &inleft, &o, &left) == (size_t)-1) {
		xasprintf(err, "byte %zu is not valid %s", (size_t)(ip - in) + 1, from);
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	if (outlen)
		*outlen = (size_t)(o - out);
	return out;
}

char *
text_to_utf8(const char *data, size_t len, const char *encoding, const char **detected,
    char **err)
{
	const char *nul = memchr(data, '\0', len), *p, *bol = data;
	char *out;
	size_t bad = 0, line = 1;

	*err = NULL;
	if (nul != NULL) {
		/* a NUL would cut the text short after conversion: refuse it where it is */
		for (p = data; p < nul; p++)
			if (*p == '\n') {
				line++;
				bol = p + 1;
			}
		xasprintf(err, "line %zu, byte %zu of the line: a NUL byte, which text never holds"
		    " (a UTF-16 file? save it as UTF-8 or GB18030)", line, (size_t)(nul - bol) + 1);
		return NULL;
	}
	if (encoding == NULL || strcmp(encoding, "utf-8") == 0) {
		if (utf8_valid(data, len, &bad) && memchr(data, '\0', len) == NULL) {
			*detected = "utf-8";
			out = xmalloc(len + 1);
			memcpy(out, data, len);
			out[len] = '\0';
			return out;
		}
		if (encoding != NULL) {
			xasprintf(err, "byte %zu is not valid UTF-8 (try --encoding gb18030)", bad + 1);
			return NULL;
		}
	}
	*detected = "gb18030";
	if ((out = convert("GB18030", "UTF-8", data, len, NULL, err)) == NULL && encoding == NULL) {
		free(*err);
		xasprintf(err, "the file is neither UTF-8 nor GB18030 (byte %zu)", bad + 1);
	}
	return out;
}

char *
utf8_to(const char *text, const char *encoding, size_t *outlen, char **err)
{
	*err = NULL;
	return convert("UTF-8", encoding, text, strlen(text), outlen, err);
}
