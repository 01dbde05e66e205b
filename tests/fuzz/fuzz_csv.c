/*
 * libFuzzer: the ledger's CSV reader and the encoding detection. The file
 * path (decoded in chunks of CSV_CHUNK bytes, a few in this build, so that
 * sequences are cut everywhere) must agree with the in-memory one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duban/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode and read data as a file; abort where it differs from the in-memory result. */
static void
same_as_file(const uint8_t *data, size_t size, const char *used, const struct csv *csv)
{
	static char path[] = "/tmp/fuzz_csv.XXXXXX";
	static int fd = -1;
	struct csv_reader r;
	struct csv_row row;
	const char *fused;
	char *err;
	FILE *fp;
	int i, j, rc;

	if (fd < 0 && (fd = mkstemp(path)) < 0)
		abort();
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if ((fp = text_file_utf8(path, NULL, &fused, &err)) == NULL) {
		if (used != NULL)
			abort();	/* decoded in memory, not from the file */
		free(err);
		return;
	}
	if (used == NULL || strcmp(used, fused) != 0)
		abort();
	csv_reader_init(&r, fp);
	for (i = 0; (rc = csv_next(&r, &row, &err)) == 1; i++) {
		/* (where the text is malformed, the rows before the fault still come) */
		if (csv != NULL && (i >= csv->n || row.n != csv->rows[i].n ||
		    row.line != csv->rows[i].line))
			abort();
		for (j = 0; csv != NULL && j < row.n; j++)
			if (strcmp(row.fields[j], csv->rows[i].fields[j]) != 0)
				abort();
		csv_row_free(&row);
	}
	if (rc < 0) {
		if (csv != NULL)
			abort();
		free(err);
	} else if (csv == NULL || i != csv->n)
		abort();
	csv_reader_free(&r);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = { 0 };
	struct csv csv, again;
	const char *used;
	char *text, *err;
	int i, j;

	if ((text = text_to_utf8((const char *)data, size, NULL, &used, &err)) == NULL) {
		free(err);
		same_as_file(data, size, NULL, NULL);
		return 0;
	}
	if (csv_parse(text, strlen(text), &csv, &err) != 0) {
		free(err);
		same_as_file(data, size, used, NULL);
		free(text);
		return 0;
	}
	same_as_file(data, size, used, &csv);
	/* what the writer makes of it reads back the same */
	for (i = 0; i < csv.n; i++) {
		for (j = 0; j < csv.rows[i].n; j++)
			csv_put(&b, csv.rows[i].fields[j], j == 0);
		buf_puts(&b, "\r\n");
	}
	if (b.data != NULL && csv_parse(b.data, b.len, &again, &err) == 0) {
		int n = 0;

		for (i = 0; i < csv.n; i++)
			if (!(csv.rows[i].n == 1 && csv.rows[i].fields[0][0] == '\0'))
				n++;
		if (again.n != n)
			abort();
		csv_free(&again);
	} else if (b.data != NULL) {
		abort();
	}
	buf_free(&b);
	csv_free(&csv);
	free(text);
	return 0;
}
