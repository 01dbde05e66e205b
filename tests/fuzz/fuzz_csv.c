/* libFuzzer: the ledger's CSV reader and the encoding detection. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duban/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
		return 0;
	}
	if (csv_parse(text, strlen(text), &csv, &err) != 0) {
		free(err);
		free(text);
		return 0;
	}
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
