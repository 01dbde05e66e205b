/* dubanctl's listings: aligned tables for people, CSV and JSON for scripts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "duban/csv.h"
#include "duban/log.h"
#include "duban/text.h"

enum out_fmt ctl_out = OUT_TABLE;

static const char *const *out_cols;
static int out_widths[OUT_MAX_COLS];
static const char *out_types;	/* per column: see out_header_typed */
static int out_n, out_rows;
static FILE *out_fp;		/* NULL: standard output */

void
out_to(FILE *fp)
{
	out_fp = fp;
}

#define OUT	(out_fp != NULL ? out_fp : stdout)

FILE *
out_stream(void)
{
	return OUT;
}

static void
json_string(const char *s)
{
	fputc('"', OUT);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(OUT, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(OUT, "\\u%04x", *s);
		else
			fputc(*s, OUT);
	}
	fputc('"', OUT);
}

/*
 * A time as people read it ("2026-11-30 09:00:00", or a deadline's
 * "2026-11-30 24:00") in RFC 3339 with its offset, as scripts parse it.
 */
static int
rfc3339(const char *v, char *buf, size_t len)
{
	char date[16];
	instant_t t;
	int32_t day;
	time_t s;
	struct tm tm;
	size_t n;

	if (strlen(v) == 16 && strcmp(v + 10, " 24:00") == 0) {
		snprintf(date, sizeof(date), "%.10s", v);
		if (day_parse(date, &day) != 0)
			return -1;
		t = tz_day_start(day + 1);
	} else if (instant_parse(v, &t) != 0 || strcmp(v, "now") == 0)
		return -1;
	s = (time_t)(t / 1000);
	if (localtime_r(&s, &tm) == NULL || (n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S%z",
	    &tm)) < 5 || n + 2 > len)
		return -1;
	/* +0800 -> +08:00 */
	memmove(buf + n - 1, buf + n - 2, 3);
	buf[n - 2] = ':';
	return 0;
}

/*
 * A cell in JSON: nothing (or "-") is null; a number column's value a number, a
 * time column's an RFC 3339 string, anything else a string.
 */
static void
json_value(int col, const char *v)
{
	char *end, t[40];
	char type = out_types != NULL ? out_types[col] : 's';

	if (v == NULL || v[0] == '\0' || strcmp(v, "-") == 0)
		fputs("null", OUT);	/* missing, or the tables' "-" for none */
	else if (type == 'n' && (strtod(v, &end), *end == '\0'))
		fputs(v, OUT);
	else if (type == 't' && rfc3339(v, t, sizeof(t)) == 0)
		json_string(t);
	else
		json_string(v);
}

/* A cell in CSV: a text cell a spreadsheet would take for a formula stays text. */
static void
csv_cell(struct buf *b, int col, const char *v, int first)
{
	if (out_types == NULL || out_types[col] == 's' || out_types[col] == 'e')
		csv_put_text(b, v ? v : "", first);
	else
		csv_put(b, v ? v : "", first);
}

/*
 * The words of duband's vocabulary that a table shows (a state, a kind of
 * notice), in the reader's language; JSON and CSV keep them as they are.
 */
static const char *const out_vocabulary[] = {
	NC_("value", "open"), NC_("value", "overdue"), NC_("value", "done"),
	NC_("value", "done-late"), NC_("value", "waiting"), NC_("value", "period-run"),
	NC_("value", "no-deadline"), NC_("value", "paused"), NC_("value", "uncertain"),
	NC_("value", "acknowledged"), NC_("value", "resolved"), NC_("value", "queued"),
	NC_("value", "sending"), NC_("value", "sent"), NC_("value", "failed"),
	NC_("value", "reminder"), NC_("value", "escalation"), NC_("value", "digest"),
	NC_("value", "report"), NC_("value", "test"), NC_("value", "unmailable"),
	NC_("value", "repeat"), NC_("value", "period-end"),
};

const char *
out_word(const char *v)
{
	size_t i;

	for (i = 0; i < sizeof(out_vocabulary) / sizeof(out_vocabulary[0]); i++)
		if (strcmp(v, out_vocabulary[i]) == 0)
			return i18n_ctx("value", v);
	return v;
}

static void
table_cells(const char *const *vals, int header)
{
	int i, pad;

	for (i = 0; i < out_n; i++) {
		const char *s = vals[i] ? vals[i] : "";
		char *v;

		if (header)
			s = i18n_ctx("column", s);
		else if (out_types != NULL && out_types[i] == 'e')
			s = out_word(s);
		v = text_escape(s);	/* one row, one line */

		fputs(v, OUT);
		if (i == out_n - 1) {
			free(v);
			break;
		}
		pad = out_widths[i] - text_width(v);
		free(v);
		fprintf(OUT, "%*s", pad > 0 ? pad + 1 : 1, "");
	}
	fputc('\n', OUT);
}

void
out_header_typed(const char *const *cols, const int *widths, int n, const char *types)
{
	struct buf b = { 0 };
	int i;

	if (n > OUT_MAX_COLS)
		fatalx("out_header: %d columns", n);
	out_types = types;
	out_cols = cols;
	out_n = n;
	out_rows = 0;
	for (i = 0; i < n; i++) {
		/* a column is as wide as its heading in the reader's language */
		int hw = text_width(i18n_ctx("column", cols[i]));

		out_widths[i] = widths[i] != 0 && hw > widths[i] ? hw : widths[i];
	}
	switch (ctl_out) {
	case OUT_TABLE:
		table_cells(cols, 1);
		break;
	case OUT_CSV:
		for (i = 0; i < n; i++)
			csv_put(&b, cols[i], i == 0);
		fprintf(OUT, "%s\r\n", b.data);
		buf_free(&b);
		break;
	case OUT_JSON:
		fputc('[', OUT);
		break;
	}
}

void
out_header(const char *const *cols, const int *widths, int n)
{
	out_header_typed(cols, widths, n, NULL);
}

void
out_row(const char *const *vals)
{
	struct buf b = { 0 };
	int i;

	switch (ctl_out) {
	case OUT_TABLE:
		table_cells(vals, 0);
		break;
	case OUT_CSV:
		for (i = 0; i < out_n; i++)
			csv_cell(&b, i, vals[i], i == 0);
		fprintf(OUT, "%s\r\n", b.data);
		buf_free(&b);
		break;
	case OUT_JSON:
		fprintf(OUT, "%s\n  {", out_rows ? "," : "");
		for (i = 0; i < out_n; i++) {
			if (i)
				fprintf(OUT, ", ");
			json_string(out_cols[i]);
			fprintf(OUT, ": ");
			json_value(i, vals[i]);
		}
		fputc('}', OUT);
		break;
	}
	out_rows++;
}

void
out_end(void)
{
	if (ctl_out == OUT_JSON)
		fprintf(OUT, "%s]\n", out_rows ? "\n" : "");
}
