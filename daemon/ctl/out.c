/* dubanctl's listings: aligned tables for people, CSV and JSON for scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/csv.h"
#include "duban/text.h"

enum out_fmt ctl_out = OUT_TABLE;

static const char *const *out_cols;
static const int *out_widths;
static int out_n, out_rows;

/* Columns a string takes on a terminal: CJK characters take two. */
static int
display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;

	while (*p) {
		if (*p < 0x80) {
			w++;
			p++;
		} else if (*p >= 0xe0) {
			w += 2;		/* the CJK blocks are three-byte UTF-8 */
			p += *p >= 0xf0 ? 4 : 3;
		} else {
			w++;
			p += 2;
		}
	}
	return w;
}

static void
json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void
table_cells(const char *const *vals)
{
	int i, pad;

	for (i = 0; i < out_n; i++) {
		char *v = text_escape(vals[i] ? vals[i] : "");	/* one row, one line */

		fputs(v, stdout);
		if (i == out_n - 1) {
			free(v);
			break;
		}
		pad = out_widths[i] - display_width(v);
		free(v);
		printf("%*s", pad > 0 ? pad + 1 : 1, "");
	}
	putchar('\n');
}

void
out_header(const char *const *cols, const int *widths, int n)
{
	struct buf b = { 0 };
	int i;

	out_cols = cols;
	out_widths = widths;
	out_n = n;
	out_rows = 0;
	switch (ctl_out) {
	case OUT_TABLE:
		table_cells(cols);
		break;
	case OUT_CSV:
		for (i = 0; i < n; i++)
			csv_put(&b, cols[i], i == 0);
		printf("%s\r\n", b.data);
		buf_free(&b);
		break;
	case OUT_JSON:
		putchar('[');
		break;
	}
}

void
out_row(const char *const *vals)
{
	struct buf b = { 0 };
	int i;

	switch (ctl_out) {
	case OUT_TABLE:
		table_cells(vals);
		break;
	case OUT_CSV:
		for (i = 0; i < out_n; i++)
			csv_put(&b, vals[i] ? vals[i] : "", i == 0);
		printf("%s\r\n", b.data);
		buf_free(&b);
		break;
	case OUT_JSON:
		printf("%s\n  {", out_rows ? "," : "");
		for (i = 0; i < out_n; i++) {
			if (i)
				printf(", ");
			json_string(out_cols[i]);
			printf(": ");
			json_string(vals[i] ? vals[i] : "");
		}
		putchar('}');
		break;
	}
	out_rows++;
}

void
out_end(void)
{
	if (ctl_out == OUT_JSON)
		printf("%s]\n", out_rows ? "\n" : "");
}
