/* dubanctl ledger export: the office's ledger (台账) as CSV, UTF-8 or GB18030. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/buf.h"
#include "duban/csv.h"
#include "duban/text.h"
#include "ledger.h"

static void
put_time(struct buf *b, instant_t t)
{
	char s[32];

	csv_put(b, t ? instant_format(t, s, sizeof(s)) : "", 0);
}

struct export {
	struct buf		*b;
	const struct config	*conf;
};

static int
export_row(const struct ledger_row *r, void *arg)
{
	struct export *ex = arg;
	struct buf *b = ex->b;
	char cat[4];

	snprintf(cat, sizeof(cat), "%d", r->category);
	csv_put_text(b, r->number, 1);
	csv_put_text(b, r->title, 0);
	csv_put(b, cat, 0);
	csv_put_text(b, r->lead, 0);
	csv_put_text(b, r->leader, 0);
	csv_put(b, r->key ? "是" : "否", 0);
	csv_put_text(b, r->petitioner, 0);
	put_time(b, r->received);
	csv_put_text(b, r->dept, 0);
	/* the kind by the name people read; import reads it back to its key */
	csv_put_text(b, r->step ? conf_step_name(ex->conf, r->step) : NULL, 0);
	put_time(b, r->dept ? r->notified : 0);
	put_time(b, r->acked);
	put_time(b, r->done);
	csv_put_text(b, r->note, 0);
	csv_put_text(b, r->what, 0);
	put_time(b, r->closed);
	csv_put(b, r->closed ? (r->ceased ? "是" : "否") : "", 0);
	put_time(b, r->agreed);
	csv_put_text(b, r->responsible, 0);
	csv_put_text(b, r->transfer_to, 0);
	put_time(b, r->transfer_to ? r->transfer_from : 0);
	put_time(b, r->transfer_to ? r->transfer_back : 0);
	csv_put_text(b, r->transfer_to ? r->transfer_why : NULL, 0);
	buf_puts(b, "\r\n");
	return 0;
}

int
cmd_ledger_export(struct ctl *c, struct ctl_args *args)
{
	struct buf b = { 0 };
	struct export ex = { &b, c->conf };
	const char *encoding, *file;
	char *out = NULL, *err;
	size_t len;
	int i, rc, flags;

	if ((rc = args_encoding(args, &encoding)) != 0)
		return rc;
	flags = (args_has(args, "force") ? CTL_FILE_FORCE : 0) |
	    (args_has(args, "private") ? CTL_FILE_PRIVATE : 0);
	file = args->argv[0];
	if (encoding == NULL || strcmp(encoding, "utf-8") == 0)
		buf_puts(&b, "\xef\xbb\xbf");	/* so that spreadsheet programs see UTF-8 */
	for (i = 0; i < NCOLS; i++)
		csv_put(&b, ledger_columns[i], i == 0);
	buf_puts(&b, "\r\n");
	if (store_ledger_each(c->store, export_row, &ex) != 0) {
		buf_free(&b);
		return ctl_db_failed(c);
	}
	if (encoding != NULL && strcmp(encoding, "gb18030") == 0) {
		if ((out = utf8_to(b.data, "GB18030", &len, &err)) == NULL) {
			fprintf(stderr, "dubanctl: %s\n", err);
			free(err);
			buf_free(&b);
			return EXIT_FAIL;
		}
	} else {
		len = b.len;
		out = buf_take(&b);
	}
	buf_free(&b);
	rc = ctl_write_file(file, out, len, flags);
	free(out);
	return rc;
}
