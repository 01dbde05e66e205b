/*
 * Files dubanctl writes (ledger and evidence exports): they hold
 * petitioners' names and telephone numbers, so they are created 0640 (0600
 * with --private) whatever the umask, never over an existing file without
 * --force, and never through a symlink: the data goes to a new file in the
 * same directory, which is then linked (or, with --force, renamed) into
 * place, so the name is replaced, not whatever it points to. And the CSV
 * files dubanctl reads whole (the roster).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"
#include "duban/text.h"
#include "duban/csv.h"

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
ctl_write_file(const char *path, const char *data, size_t len, int flags)
{
	char *tmp;
	int fd, saved;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, _("dubanctl: standard output: %s\n"), strerror(errno));
			return EXIT_FAIL;
		}
		return EXIT_OK;
	}
	if (!(flags & CTL_FILE_FORCE) && access(path, F_OK) == 0) {
		fprintf(stderr, _("dubanctl: %s exists; give --force to replace it\n"), path);
		return EXIT_FAIL;
	}
	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		fprintf(stderr, "dubanctl: %s: %s\n", path, strerror(errno));
		free(tmp);
		return EXIT_FAIL;
	}
	if (fchmod(fd, (flags & CTL_FILE_PRIVATE) ? 0600 : 0640) != 0 ||
	    write_all(fd, data, len) != 0 || fsync(fd) != 0 || close(fd) != 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (flags & CTL_FILE_FORCE) {
		if (rename(tmp, path) != 0) {
			saved = errno;
			goto fail;
		}
	} else if (link(tmp, path) != 0) {
		saved = errno;
		goto fail;
	} else
		unlink(tmp);
	free(tmp);
	return EXIT_OK;
fail:
	unlink(tmp);
	free(tmp);
	if (saved == EEXIST)
		fprintf(stderr, _("dubanctl: %s exists; give --force to replace it\n"), path);
	else
		fprintf(stderr, "dubanctl: %s: %s\n", path, strerror(saved));
	return EXIT_FAIL;
}

/* Read, decode and parse a CSV file; prints the error and returns NULL-ish. */
int
ctl_read_csv(const char *file, const char *encoding, struct csv *csv, const char **used)
{
	char *raw, *text, *err;
	size_t len;

	if ((raw = buf_read_file(file, &len)) == NULL) {
		fprintf(stderr, "dubanctl: %s: %s\n", file, strerror(errno));
		return EXIT_FAIL;
	}
	text = text_to_utf8(raw, len, encoding, used, &err);
	free(raw);
	if (text == NULL) {
		fprintf(stderr, "dubanctl: %s: %s\n", file, err);
		free(err);
		return EXIT_FAIL;
	}
	if (csv_parse(text, strlen(text), csv, &err) != 0) {
		fprintf(stderr, "%s:%s\n", file, err + 4);
		free(err);
		free(text);
		return EXIT_FAIL;
	}
	free(text);
	return 0;
}

/* Every cell text within its column's limit: 0, or EXIT_FAIL after naming each that is not. */
static int
table_limits(const char *file, const char *const *cols, int ncols, const size_t *max,
    struct csv *csv)
{
	char buf[128];
	const char *why;
	int i, j, errors = 0;

	for (i = 1; i < csv->n; i++)
		for (j = 0; j < csv->rows[i].n && j < ncols; j++)
			if ((why = text_check_field(csv->rows[i].fields[j],
			    csv->rows[i].lens[j], max[j], buf,
			    sizeof(buf))) != NULL) {
				fprintf(stderr, _("%s:%d: column %d (%s): %s\n"), file,
				    csv->rows[i].line, j + 1, cols[j], why);
				errors++;
			}
	if (errors == 0)
		return 0;
	fprintf(stderr, _("dubanctl: %s: %d errors; nothing was imported\n"), file, errors);
	csv_free(csv);
	return EXIT_FAIL;
}

int
ctl_read_table(const char *file, const char *encoding, const char *const *cols, int ncols,
    const size_t *max, struct csv *csv, const char **used)
{
	struct buf head = { 0 };
	int i, rc;

	if ((rc = ctl_read_csv(file, encoding, csv, used)) != 0)
		return rc;
	for (i = 0; csv->n > 0 && i < ncols && i < csv->rows[0].n; i++)
		if (strcmp(csv->rows[0].fields[i], cols[i]) != 0)
			break;
	if (csv->n > 0 && i == ncols && csv->rows[0].n == ncols)
		return table_limits(file, cols, ncols, max, csv);
	for (i = 0; i < ncols; i++)
		buf_printf(&head, "%s%s", i ? "," : "", cols[i]);
	fprintf(stderr, _("%s:1: the first line must be the header: %s\n"), file, head.data);
	buf_free(&head);
	csv_free(csv);
	return EXIT_FAIL;
}
