/* CSV parsing and writing, and UTF-8 / GB18030 conversion with iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/csv.h"
#include "duban/xmalloc.h"

static void
row_add(struct csv_row *r, struct csv_reader *rd)
{
	r->fields = xreallocarray(r->fields, (size_t)r->n + 1, sizeof(char *));
	r->lens = xreallocarray(r->lens, (size_t)r->n + 1, sizeof(size_t));
	r->lens[r->n] = rd->flen;
	r->fields[r->n++] = buf_take(&rd->field);
	rd->flen = 0;
}

void
csv_reader_init(struct csv_reader *r, FILE *fp)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->line = 1;
}

void
csv_reader_free(struct csv_reader *r)
{
	buf_free(&r->field);
}

void
csv_row_free(struct csv_row *row)
{
	int i;

	for (i = 0; i < row->n; i++)
		free(row->fields[i]);
	free(row->fields);
	free(row->lens);
	memset(row, 0, sizeof(*row));
}

/* One byte of the field; past CSV_FIELD_MAX it is counted, not kept. */
static void
add_char(struct csv_reader *r, int c)
{
	char ch = (char)c;

	if (r->flen++ < CSV_FIELD_MAX)
		buf_add(&r->field, &ch, 1);
}

int
csv_next(struct csv_reader *r, struct csv_row *row, char **err)
{
	FILE *fp = r->fp;
	int c, quoted;

	*err = NULL;
	memset(row, 0, sizeof(*row));
	for (;;) {
		if ((c = getc_unlocked(fp)) == EOF) {
			if (ferror(fp)) {
				xasprintf(err, "line %d: %s", r->line, strerror(errno));
				return -1;
			}
			return 0;
		}
		ungetc(c, fp);
		row->line = r->line;
		for (;;) {
			quoted = 0;
			if ((c = getc_unlocked(fp)) == '"') {
				quoted = 1;
				for (;;) {
					if ((c = getc_unlocked(fp)) == EOF) {
						xasprintf(err, "line %d: a quoted field is not closed",
						    row->line);
						goto fail;
					}
					if (c == '"') {
						if ((c = getc_unlocked(fp)) == '"') {
							add_char(r, '"');
							continue;
						}
						if (c != EOF)
							ungetc(c, fp);
						break;
					}
					if (c == '\n')
						r->line++;
					add_char(r, c);
				}
				c = getc_unlocked(fp);
			}
			while (c != EOF && c != ',' && c != '\n' && c != '\r') {
				if (quoted || c == '"') {
					xasprintf(err, "line %d: unexpected text around a quoted field",
					    r->line);
					goto fail;
				}
				add_char(r, c);
				c = getc_unlocked(fp);
			}
			row_add(row, r);
			if (c == ',')
				continue;
			if (c == '\r' && (c = getc_unlocked(fp)) != '\n' && c != EOF)
				ungetc(c, fp);
			r->line++;
			break;
		}
		/* a blank line is no row */
		if (row->n == 1 && row->fields[0][0] == '\0') {
			csv_row_free(row);
			continue;
		}
		return 1;
	}
fail:
	csv_row_free(row);
	buf_free(&r->field);
	r->flen = 0;
	return -1;
}

int
csv_parse(const char *p, size_t len, struct csv *out, char **err)
{
	struct csv_reader r;
	struct csv_row row;
	FILE *fp;
	int rc;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
	}
	if (len == 0)
		return 0;
	if ((fp = fmemopen((void *)(uintptr_t)p, len, "r")) == NULL) {
		xasprintf(err, "line 1: %s", strerror(errno));
		return -1;
	}
	csv_reader_init(&r, fp);
	while ((rc = csv_next(&r, &row, err)) == 1) {
		out->rows = xreallocarray(out->rows, (size_t)out->n + 1, sizeof(row));
		out->rows[out->n++] = row;
	}
	csv_reader_free(&r);
	fclose(fp);
	if (rc < 0) {
		csv_free(out);
		return -1;
	}
	return 0;
}

void
csv_free(struct csv *c)
{
	int i, j;

	for (i = 0; i < c->n; i++) {
		for (j = 0; j < c->rows[i].n; j++)
			free(c->rows[i].fields[j]);
		free(c->rows[i].fields);
		free(c->rows[i].lens);
	}
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

/* Would a spreadsheet take this cell for a formula? */
static int
formula_like(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return 0;
	if (s[0] == '-' || s[0] == '+')
		return s[1] != '\0';	/* a lone "-" is a placeholder, not a formula */
	return strchr("=@\t\r", s[0]) != NULL;
}

void
csv_put_text(struct buf *b, const char *s, int first)
{
	char *safe;

	if (!formula_like(s)) {
		csv_put(b, s, first);
		return;
	}
	xasprintf(&safe, "'%s", s);
	csv_put(b, safe, first);
	free(safe);
}

const char *
csv_text(const char *field)
{
	return field[0] == '\'' && formula_like(field + 1) ? field + 1 : field;
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
	char *out, *o, *ip = UNCONST(in);

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

/*
 * Where a NUL is: its line, its byte in the line and its CSV column (the
 * column's name if cols has it). The column is counted on the raw bytes:
 * in UTF-8 and in GB18030 alike a comma, a quote or a line feed is never
 * part of a multibyte character.
 */
static void
nul_error(char **err, size_t line, size_t byte, int col, const char *const *cols, int ncols)
{
	char where[160];

	if (cols != NULL && col < ncols)
		snprintf(where, sizeof(where), "column %d (%s)", col + 1, cols[col]);
	else
		snprintf(where, sizeof(where), "column %d", col + 1);
	xasprintf(err, "line %zu, byte %zu of the line, %s: a NUL byte, which text never holds"
	    " (a UTF-16 file? save it as UTF-8 or GB18030)", line, byte, where);
}

/* The CSV column state after byte c: within quotes, and the column's number. */
static void
csv_track(unsigned char c, int *quoted, int *col)
{
	if (c == '"')
		*quoted = !*quoted;	/* a doubled quote toggles twice */
	else if (!*quoted && c == ',')
		(*col)++;
	else if (!*quoted && c == '\n')
		*col = 0;
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
		int quoted = 0, col = 0;

		/* a NUL would cut the text short after conversion: refuse it where it is */
		for (p = data; p < nul; p++) {
			if (*p == '\n') {
				line++;
				bol = p + 1;
			}
			csv_track((unsigned char)*p, &quoted, &col);
		}
		nul_error(err, line, (size_t)(nul - bol) + 1, col, NULL, 0);
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

/* Files are read in chunks of this many bytes (the fuzz build makes it tiny). */
#ifndef CSV_CHUNK
#define CSV_CHUNK	65536
#endif
#define CHUNK	CSV_CHUNK

/* How many bytes at the end of buf[0..len) start a UTF-8 sequence it does not finish. */
static size_t
utf8_unfinished(const unsigned char *buf, size_t len)
{
	size_t k, need;

	for (k = 1; k <= 3 && k <= len; k++) {
		unsigned char c = buf[len - k];

		if ((c & 0xc0) == 0x80)
			continue;	/* a continuation byte: look further back */
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		return need > k ? k : 0;
	}
	return 0;
}

/* Copy the file into raw, checking it for NUL bytes and UTF-8 as it goes. */
static int
copy_checking(FILE *in, FILE *raw, int *utf8, size_t *bad, const char *const *cols,
    int ncols, char **err)
{
	unsigned char buf[CHUNK + 4];
	size_t carry = 0, n, i, cut, off = 0, line = 1, bol = 0, at;
	int quoted = 0, col = 0;

	*utf8 = 1;
	while ((n = fread(buf + carry, 1, CHUNK, in)) > 0) {
		for (i = carry; i < carry + n; i++) {
			if (buf[i] == '\n') {
				line++;
				bol = off + (i - carry) + 1;
			} else if (buf[i] == '\0') {
				nul_error(err, line, off + (i - carry) - bol + 1, col, cols, ncols);
				return -1;
			}
			csv_track(buf[i], &quoted, &col);
		}
		if (fwrite(buf + carry, 1, n, raw) != n) {
			xasprintf(err, "a temporary copy: %s", strerror(errno));
			return -1;
		}
		n += carry;
		cut = n - utf8_unfinished(buf, n);
		if (*utf8 && !utf8_valid((const char *)buf, cut, &at)) {
			*utf8 = 0;
			*bad = off - carry + at;
		}
		off += n - carry;
		carry = n - cut;
		memmove(buf, buf + cut, carry);
	}
	if (ferror(in)) {
		xasprintf(err, "%s", strerror(errno));
		return -1;
	}
	if (*utf8 && carry > 0 && !utf8_valid((const char *)buf, carry, &at)) {
		*utf8 = 0;
		*bad = off - carry + at;
	}
	if (fflush(raw) != 0) {
		xasprintf(err, "a temporary copy: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* GB18030 in raw to UTF-8 in a new temporary file. */
static FILE *
convert_file(FILE *raw, char **err)
{
	char in[CHUNK + 16], out[CHUNK * 4 + 64], *ip, *op;
	size_t have = 0, n, inleft, outleft, done = 0;
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	FILE *fp;

	if (cd == (iconv_t)-1) {
		xasprintf(err, "cannot convert from GB18030: %s", strerror(errno));
		return NULL;
	}
	if ((fp = tmpfile()) == NULL) {
		xasprintf(err, "a temporary file: %s", strerror(errno));
		iconv_close(cd);
		return NULL;
	}
	rewind(raw);
	for (;;) {
		n = fread(in + have, 1, CHUNK, raw);
		have += n;
		if (have == 0)
			break;
		ip = in;
		inleft = have;
		op = out;
		outleft = sizeof(out);
		if (iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1 &&
		    (errno == EILSEQ || (errno == EINVAL && n == 0))) {
			xasprintf(err, "byte %zu is not valid GB18030", done + (size_t)(ip - in) + 1);
			goto fail;
		}
		if (fwrite(out, 1, (size_t)(op - out), fp) != (size_t)(op - out)) {
			xasprintf(err, "a temporary file: %s", strerror(errno));
			goto fail;
		}
		done += (size_t)(ip - in);
		memmove(in, ip, inleft);	/* a sequence the chunk cut in two */
		have = inleft;
		if (n == 0 && have == 0)
			break;
	}
	iconv_close(cd);
	if (fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0) {
		xasprintf(err, "a temporary file: %s", strerror(errno));
		fclose(fp);
		return NULL;
	}
	return fp;
fail:
	iconv_close(cd);
	fclose(fp);
	return NULL;
}

FILE *
text_file_utf8(const char *path, const char *encoding, const char **detected, char **err)
{
	return text_file_utf8_cols(path, encoding, NULL, 0, detected, err);
}

FILE *
text_file_utf8_cols(const char *path, const char *encoding, const char *const *cols, int ncols,
    const char **detected, char **err)
{
	unsigned char bom[3];
	FILE *in, *raw, *out;
	size_t bad = 0;
	int utf8;

	*err = NULL;
	if ((in = fopen(path, "rb")) == NULL) {
		xasprintf(err, "%s", strerror(errno));
		return NULL;
	}
	if ((raw = tmpfile()) == NULL) {
		xasprintf(err, "a temporary file: %s", strerror(errno));
		fclose(in);
		return NULL;
	}
	if (copy_checking(in, raw, &utf8, &bad, cols, ncols, err) != 0) {
		fclose(in);
		fclose(raw);
		return NULL;
	}
	fclose(in);
	if (utf8 && (encoding == NULL || strcmp(encoding, "utf-8") == 0)) {
		*detected = "utf-8";
		rewind(raw);
		if (fread(bom, 1, 3, raw) != 3 || memcmp(bom, "\xef\xbb\xbf", 3) != 0)
			rewind(raw);
		return raw;
	}
	if (encoding != NULL && strcmp(encoding, "utf-8") == 0) {
		xasprintf(err, "byte %zu is not valid UTF-8 (try --encoding gb18030)", bad + 1);
		fclose(raw);
		return NULL;
	}
	*detected = "gb18030";
	out = convert_file(raw, err);
	fclose(raw);
	if (out == NULL && encoding == NULL) {
		free(*err);
		xasprintf(err, "the file is neither UTF-8 nor GB18030 (byte %zu)", bad + 1);
	}
	return out;
}
