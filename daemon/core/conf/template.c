/* Mail templates: parsing with file:line errors, and rendering. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdbool.h>

#include "duban/template.h"
#include "duban/buf.h"
#include "duban/xmalloc.h"

static const char *files[TPL_COUNT] = {
	"reminder.txt", "overdue.txt", "escalation.txt", "digest.txt", "item.txt", "failure.txt",
	"period-end.txt", "referral.txt"
};

#define ITEM_VARS "case", "case_title", "category", "step", "step_key", "step_name", "what", "responsible", "dept", "dept_code", "head", \
	"due", "notified", "action", "office", "petitioner", "leader", "uncertain", "contact", \
	"escalation", "overdue_days"

/* The placeholders each kind may use. */
static const char *const allowed[TPL_COUNT][32] = {
	[TPL_REMINDER] = { ITEM_VARS, "link", NULL },
	[TPL_OVERDUE] = { ITEM_VARS, "link", NULL },
	[TPL_ESCALATION] = { ITEM_VARS, "target", "level", NULL },
	[TPL_DIGEST] = { "recipient", "count", "items", "office", "date", "contact", NULL },
	[TPL_ITEM] = { ITEM_VARS, "target", "level", NULL },
	[TPL_FAILURE] = { "recipient", "reply", "failed_subject", "action", "office", NULL },
	[TPL_PERIOD_END] = { ITEM_VARS, NULL },
	[TPL_REFERRAL] = { ITEM_VARS, "target", NULL },
};

const char *
template_file(enum tpl_kind kind)
{
	return files[kind];
}

static int
is_allowed(enum tpl_kind kind, const char *name, size_t len)
{
	int i;

	for (i = 0; allowed[kind][i] != NULL; i++)
		if (strlen(allowed[kind][i]) == len && strncmp(allowed[kind][i], name, len) == 0)
			return 1;
	return 0;
}

/* Check the placeholders of one line of a template. */
static void
check_line(enum tpl_kind kind, const char *line, const char *path, int lineno,
    struct diag *d)
{
	const char *p = line, *end;

	while ((p = strpbrk(p, "{}")) != NULL) {
		if (p[0] == p[1]) {
			p += 2;
			continue;
		}
		if (*p == '}') {
			diag_error(d, path, lineno, "'}' without '{' (write }} for a brace)");
			return;
		}
		if ((end = strchr(p, '}')) == NULL) {
			diag_error(d, path, lineno, "'{' without '}' (write {{ for a brace)");
			return;
		}
		if (!is_allowed(kind, p + 1, (size_t)(end - p - 1 - (end[-1] == '?'))))
			diag_error(d, path, lineno, "unknown placeholder {%.*s} in %s",
			    (int)(end - p - 1), p + 1, files[kind]);
		p = end + 1;
	}
}

/* Parse a template's text: comments, "Subject: ...", a blank line, the body. */
static int
parse(enum tpl_kind kind, const char *text, const char *path, struct template *t,
    struct diag *d)
{
	const char *p = text, *nl;
	struct buf body = { 0 };
	size_t nerr = d->n, len;
	int lineno = 0, state = 0;	/* 0: before the subject, 1: blank, 2: body */

	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; *p; p = nl ? nl + 1 : p + len) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		lineno++;
		if (state == 0) {
			if (len == 0 || p[0] == '#')
				continue;
			if (len < 9 || strncmp(p, "Subject: ", 9) != 0) {
				diag_error(d, path, lineno, "expected 'Subject: ' as the first line");
				break;
			}
			t->subject = xmalloc(len - 9 + 1);
			memcpy(t->subject, p + 9, len - 9);
			t->subject[len - 9] = '\0';
			check_line(kind, t->subject, path, lineno, d);
			state = 1;
			continue;
		}
		if (state == 1) {
			if (len != 0) {
				diag_error(d, path, lineno, "expected a blank line after the subject");
				break;
			}
			state = 2;
			continue;
		}
		buf_add(&body, p, len);
		buf_add(&body, "\n", 1);
		{
			char *line = xmalloc(len + 1);

			memcpy(line, p, len);
			line[len] = '\0';
			check_line(kind, line, path, lineno, d);
			free(line);
		}
		if (nl == NULL)
			break;
	}
	if (state == 0 && d->n == nerr)
		diag_error(d, path, 0, "no 'Subject: ' line");
	t->body = buf_take(&body);
	if (kind == TPL_DIGEST && strstr(t->body, "{items}") == NULL && d->n == nerr)
		diag_error(d, path, 0, "the digest template must contain {items}");
	return d->n > nerr ? -1 : 0;
}

/* Does the file at path, once its symlinks are followed, lie outside dir? */
static bool
outside(const char *dir, const char *path)
{
	char *rd, *rp;
	size_t n;
	bool out = false;

	if ((rp = realpath(path, NULL)) == NULL)
		return false;	/* missing: said when it is read */
	if ((rd = realpath(dir, NULL)) != NULL) {
		n = strlen(rd);
		out = strncmp(rp, rd, n) != 0 || rp[n] != '/' || strchr(rp + n + 1, '/') != NULL;
	}
	free(rd);
	free(rp);
	return out;
}

int
templates_load(struct templates *ts, const char *dir, struct diag *d)
{
	size_t nerr = d->n;
	char *path, *text;
	int k;

	memset(ts, 0, sizeof(*ts));
	for (k = 0; k < TPL_COUNT; k++) {
		if (dir == NULL) {
			xasprintf(&path, "(built-in)/%s", files[k]);
			parse(k, templates_builtin[k], path, &ts->t[k], d);
		} else {
			xasprintf(&path, "%s/%s", dir, files[k]);
			if (outside(dir, path)) {
				diag_error(d, path, 0, "a template outside its directory (a symlink"
				    " elsewhere): copy the file into the directory instead");
			} else if ((text = buf_read_file(path, NULL)) == NULL && errno == ENOENT) {
				/* a template newer than the directory (after an upgrade) */
				diag_warn(d, path, 0, "no such template: the built-in one is used");
				parse(k, templates_builtin[k], path, &ts->t[k], d);
			} else if (text == NULL)
				diag_error(d, path, 0, "cannot open template: %s", strerror(errno));
			else {
				parse(k, text, path, &ts->t[k], d);
				free(text);
			}
		}
		free(path);
	}
	if (d->n > nerr) {
		templates_free(ts);
		return -1;
	}
	return 0;
}

void
templates_free(struct templates *ts)
{
	int k;

	for (k = 0; k < TPL_COUNT; k++) {
		free(ts->t[k].subject);
		free(ts->t[k].body);
	}
	memset(ts, 0, sizeof(*ts));
}

char *
template_render(const char *text, const struct tpl_var *vars, int nvars)
{
	struct buf b = { 0 };
	const char *p = text, *end;
	int i;

	int drop = 0;
	size_t bol = 0, len;
	bool optional;

	while (*p) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			buf_add(&b, p, 1);
			p += 2;
			continue;
		}
		if (*p == '\n') {
			/* a line with an empty {name?} is left out whole */
			if (drop)
				b.len = bol;
			else
				buf_add(&b, p, 1);
			bol = b.len;
			drop = 0;
			p++;
			continue;
		}
		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			buf_add(&b, p, 1);
			p++;
			continue;
		}
		optional = end[-1] == '?';
		len = (size_t)(end - p - 1 - optional);
		for (i = 0; i < nvars; i++)
			if (strlen(vars[i].name) == len && strncmp(vars[i].name, p + 1, len) == 0)
				break;
		if (i < nvars && vars[i].value != NULL && vars[i].value[0] != '\0')
			buf_puts(&b, vars[i].value);
		else if (optional)
			drop = 1;
		p = end + 1;
	}
	if (drop)
		b.len = bol;
	if (b.data != NULL)
		b.data[b.len] = '\0';
	return buf_take(&b);
}
