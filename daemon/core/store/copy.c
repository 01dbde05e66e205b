/*
 * Moving an office from one store to another (SQLite to PostgreSQL, or
 * back): every row of every table, ids kept, in one transaction on the
 * target, then the counts compared. The guards that make the audit log,
 * the evidence and the escalations append-only allow inserts, so the record
 * arrives as it was, and stays so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* In an order that satisfies the foreign keys. */
static const char *const tables[] = {
	"departments", "cases", "leaders", "actions", "events", "deadline_audit",
	"extensions", "pauses", "escalations", "evidence", "assignments", "formats", "notices",
	"proposals", "closings", NULL
};

/* The number of rows of table t, or -1. */
static int64_t
count_rows(struct store *s, const char *t)
{
	char sql[96];
	dbst *st;
	int64_t n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", t);
	st = db_stmt_once(s, sql);
	if (db_next(s, st) == 1)
		n = db_int64(st, 0);
	db_finalize(st);
	return n;
}

/* Whether the target's table (its empty read, tst) has column c: PostgreSQL's claims are its own. */
static bool
has_col(dbst *tst, const char *c)
{
	int i;

	for (i = 0; i < db_ncols(tst); i++)
		if (strcmp(db_col_name(tst, i), c) == 0)
			return true;
	return false;
}

/* Copy table t's rows, the columns both stores have. */
static int
copy_table(struct store *from, struct store *to, const char *t, char **cause)
{
	char sql[128], *ins = NULL;
	dbst *src, *dst, *tst;
	int rc, i, k, ncols, n = 0, *cols;
	size_t len;

	snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY 1", t);
	src = db_stmt_once(from, sql);
	if ((rc = db_next(from, src)) < 0) {
		xasprintf(cause, "reading %s: %s", t, store_errmsg(from));
		db_finalize(src);
		return -1;
	}
	snprintf(sql, sizeof(sql), "SELECT * FROM %s LIMIT 0", t);
	tst = db_stmt_once(to, sql);
	if (to->pg)
		db_next(to, tst);	/* PostgreSQL names the columns of a result */
	cols = xcalloc((size_t)db_ncols(src) + 1, sizeof(*cols));
	for (i = ncols = 0; i < db_ncols(src); i++)
		if (has_col(tst, db_col_name(src, i)))
			cols[ncols++] = i;
	db_finalize(tst);
	len = strlen(t) + 64;
	for (i = 0; i < ncols; i++)
		len += strlen(db_col_name(src, cols[i])) + 8;
	ins = xmalloc(len);
	n = snprintf(ins, len, "INSERT INTO %s (", t);
	for (i = 0; i < ncols; i++)
		n += snprintf(ins + n, len - (size_t)n, "%s%s", i ? ", " : "",
		    db_col_name(src, cols[i]));
	n += snprintf(ins + n, len - (size_t)n, ") VALUES (");
	for (i = 0; i < ncols; i++)
		n += snprintf(ins + n, len - (size_t)n, "%s?", i ? ", " : "");
	snprintf(ins + n, len - (size_t)n, ")");
	dst = db_stmt_once(to, ins);
	for (; rc == 1; rc = db_next(from, src)) {
		for (k = 0; k < ncols; k++)
			db_bind_text(dst, k + 1, db_text(src, cols[k]));
		if (db_step_done(to, dst) != 0) {
			xasprintf(cause, "writing %s row %s: %s", t, db_text(src, 0),
			    store_errmsg(to));
			rc = -2;
			break;
		}
	}
	if (rc == -1)
		xasprintf(cause, "reading %s: %s", t, store_errmsg(from));
	db_finalize(dst);
	db_finalize(src);
	free(cols);
	free(ins);
	return rc == 0 ? 0 : -1;
}

int
store_copy(struct store *from, struct store *to, void (*fn)(const char *, int64_t, void *),
    void *arg, char **cause)
{
	char sql[256];
	int i;
	int64_t n;

	*cause = NULL;
	for (i = 0; tables[i] != NULL; i++)
		if ((n = count_rows(to, tables[i])) != 0) {
			xasprintf(cause, n < 0 ? "cannot read the target's %s: %s" :
			    "the target already holds %s (%s): it must be a new database",
			    tables[i], n < 0 ? store_errmsg(to) : "rows");
			return -1;
		}
	if (store_begin(to) != 0) {
		xasprintf(cause, "BEGIN on the target: %s", store_errmsg(to));
		return -1;
	}
	for (i = 0; tables[i] != NULL; i++)
		if (copy_table(from, to, tables[i], cause) != 0)
			goto fail;
	/* the instance keeps its name: Message-IDs stay those already sent */
	{
		dbst *st = db_stmt(from, Q_COPY_GET);
		char *inst = db_next(from, st) == 1 ? db_col_text(st, 0) : NULL;

		db_reset(st);
		if (inst != NULL) {
			st = db_stmt(to, Q_COPY_PUT);
			db_bind_text(st, 1, inst);
			free(inst);
			if (db_step_done(to, st) != 0) {
				xasprintf(cause, "meta: %s", store_errmsg(to));
				goto fail;
			}
		}
	}
	if (db_exec(to, "UPDATE tallies SET n = (SELECT count(*) FROM actions"
	    " WHERE done_at IS NULL) WHERE name = 'open actions'") != 0) {
		xasprintf(cause, "tallies: %s", store_errmsg(to));
		goto fail;
	}
	/* PostgreSQL's sequences continue after the ids carried over */
	for (i = 0; to->pg && tables[i] != NULL; i++) {
		if (strcmp(tables[i], "formats") == 0)
			continue;	/* keyed by its digest */
		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
		    " coalesce(max(id), 0) + 1, false) FROM %s", tables[i], tables[i]);
		if (db_exec(to, sql) != 0) {
			xasprintf(cause, "sequence of %s: %s", tables[i], store_errmsg(to));
			goto fail;
		}
	}
	for (i = 0; tables[i] != NULL; i++) {
		int64_t a = count_rows(from, tables[i]), b = count_rows(to, tables[i]);

		if (a != b || a < 0) {
			xasprintf(cause, "%s: %lld rows read, %lld written", tables[i],
			    (long long)a, (long long)b);
			goto fail;
		}
		if (fn != NULL)
			fn(tables[i], b, arg);
	}
	if (store_commit(to) != 0) {
		xasprintf(cause, "COMMIT on the target: %s", store_errmsg(to));
		goto fail;
	}
	return 0;
fail:
	store_rollback(to);
	return -1;
}

char *
store_display_name(const char *path)
{
	char *out = xstrdup(path), *p, *at, *slash, *end;

	if (!store_path_is_pg(path))
		return out;
	/* postgresql://user:password@host/... */
	if ((p = strstr(out, "://")) != NULL) {
		p += 3;
		slash = strchr(p, '/');
		at = strchr(p, '@');
		if (at != NULL && (slash == NULL || at < slash)) {
			char *colon = memchr(p, ':', (size_t)(at - p));

			if (colon != NULL)
				memmove(colon, at, strlen(at) + 1);
		}
	}
	/* ...?password=... or ...&password=... */
	for (p = out; (p = strstr(p, "password=")) != NULL; ) {
		if (p != out && p[-1] != '?' && p[-1] != '&' && p[-1] != ' ') {
			p++;
			continue;
		}
		end = p + 9;
		while (*end && *end != '&' && *end != ' ')
			end++;
		if (*end)
			end++;
		else if (p != out && (p[-1] == '&' || p[-1] == '?' || p[-1] == ' '))
			p--;
		memmove(p, end, strlen(end) + 1);
	}
	return out;
}
