/*
 * CSV as spreadsheet programs write it (RFC 4180: quoted fields, doubled
 * quotes, CRLF or LF), and the encodings Chinese offices use: UTF-8 with or
 * without a byte-order mark, and GB18030. A file is read as a stream, in
 * bounded memory; text in memory can be parsed too.
 */
#ifndef DUBAN_CSV_H
#define DUBAN_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "duban/buf.h"
#include "duban/xmalloc.h"

/*
 * A field longer than this is counted but not kept whole: no limit of a
 * field is near it, and a hostile file cannot make the reader hold a
 * 50 MB cell. lens[] gives each field's length as the file has it.
 */
#define CSV_FIELD_MAX	65536

struct csv_row {
	char	**fields;
	size_t	 *lens;		/* each field's length in the file, kept or not */
	int	  n;
	int	  line;		/* the file line the row starts on */
};

struct csv {
	struct csv_row	*rows;
	int		 n;
};

/*
 * A CSV file read one row at a time, so that a ledger of any size is read in
 * bounded memory. The stream is UTF-8 without a byte-order mark
 * (text_file_utf8 makes one so).
 */
struct csv_reader {
	FILE		*fp;
	int		 line;
	struct buf	 field;
	size_t		 flen;		/* the field's length so far, kept or not */
};
void csv_reader_init(struct csv_reader *r, FILE *fp);
/* The next row (blank lines are none): 1, 0 at the end, -1 with *err ("line N: ..."). */
int csv_next(struct csv_reader *r, struct csv_row *row, char **err);
void csv_row_free(struct csv_row *row);
void csv_reader_free(struct csv_reader *r);

/* Parse UTF-8 text; -1 with *err ("line N: ...") on a malformed file. */
int csv_parse(const char *text, size_t len, struct csv *out, char **err);
void csv_free(struct csv *c);
/* Append one field, quoted if it needs to be; sep is written before it unless first. */
void csv_put(struct buf *b, const char *field, int first);
/*
 * The same for a text cell meant for a spreadsheet: one that starts with
 * = + - @ (a formula to a spreadsheet: formula injection) is written with a
 * leading ' so that it stays text; csv_text gives the text back on import.
 */
void csv_put_text(struct buf *b, const char *field, int first);
const char *csv_text(const char *field);

/*
 * Text in UTF-8 from a file's bytes: encoding "utf-8", "gb18030" or NULL to
 * detect (a byte-order mark or valid UTF-8 is UTF-8, else GB18030).
 * *detected names what was used. NULL with *err on bytes that are neither.
 */
char *text_to_utf8(const char *data, size_t len, const char *encoding,
    const char **detected, char **err);
/*
 * A file's text in UTF-8, as text_to_utf8 decides, in a private temporary
 * file positioned after any byte-order mark: read in chunks, so memory stays
 * bounded whatever its size. NULL with *err ("…") if it cannot be read or is
 * neither encoding.
 */
FILE *text_file_utf8(const char *path, const char *encoding, const char **detected,
    char **err);
/* The same; a NUL's error names its column by cols (the header's names). */
FILE *text_file_utf8_cols(const char *path, const char *encoding, const char *const *cols,
    int ncols, const char **detected, char **err);
/* UTF-8 text in another encoding ("gb18030"); NULL with *err if it cannot be. */
char *utf8_to(const char *text, const char *encoding, size_t *outlen, char **err);
/* Is the text valid UTF-8? The offset of the first bad byte in *bad. */
int utf8_valid(const char *s, size_t len, size_t *bad);

#endif
