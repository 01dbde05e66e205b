/*
 * The store on PostgreSQL, through libpq: the statements of the store's
 * files, rewritten where PostgreSQL's words differ from SQLite's, run with
 * their parameters as text; the schema's versions in the meta table; a
 * connection lost is made again (libpq's multi-host strings with
 * target_session_attrs=read-write find the primary after a failover).
 */
#include <ctype.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/log.h"
#include "internal.h"
#include "pg.h"

#define INT8OID	20

extern const char *const pg_migrations[];
extern const int pg_nmigrations, pg_first_version;





static const char *
pg_errmsg(struct store *s)
{
	return s->pg->err;
}

/* Whether the word w starts at p (case-insensitive, a whole word). */
static bool
word(const char *p, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(p, w, n) == 0 && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

char *
pg_rewrite(const char *sql, int *nparams)
{
	size_t cap = strlen(sql) * 2 + 64, n = 0;
	char *out = xmalloc(cap);
	const char *p = sql;
	int next = 1, max = 0, ignore = 0;
	char quote = 0;

#define PUT(str) do { size_t l_ = strlen(str); memcpy(out + n, str, l_); n += l_; } while (0)
	while (*p) {
		if (n + 64 > cap) {
			cap *= 2;
			out = xreallocarray(out, 1, cap);
		}
		if (quote) {
			if (*p == quote)
				quote = 0;
			out[n++] = *p++;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			out[n++] = *p++;
			continue;
		}
		if (*p == '?') {
			int k;
			char num[16], *end;

			p++;
			if (isdigit((unsigned char)*p)) {
				k = (int)strtol(p, &end, 10);
				p = end;
				next = k + 1;
			} else
				k = next++;
			if (k > max)
				max = k;
			snprintf(num, sizeof(num), "$%d", k);
			PUT(num);
			continue;
		}
		if ((p == sql || !isalnum((unsigned char)p[-1])) &&
		    strncasecmp(p, "INSERT OR IGNORE ", 17) == 0) {
			PUT("INSERT ");
			p += 17;
			ignore = 1;
			continue;
		}
		if (p > sql && !isalnum((unsigned char)p[-1]) && p[-1] != '_' && word(p, "IS")) {
			const char *q = p + 2;
			bool not = false;

			while (*q == ' ')
				q++;
			if (word(q, "NOT")) {
				not = true;
				q += 3;
				while (*q == ' ')
					q++;
			}
			if (!word(q, "NULL") && !word(q, "DISTINCT") && !word(q, "TRUE") &&
			    !word(q, "FALSE")) {
				PUT(not ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ");
				p = q;
				continue;
			}
		}
		if ((p == sql || !isalnum((unsigned char)p[-1])) && strncasecmp(p, "temp.", 5) == 0) {
			PUT("pg_temp.");
			p += 5;
			continue;
		}
		out[n++] = *p++;
	}
	out[n] = '\0';
	if (ignore) {
		while (n > 0 && (out[n - 1] == ';' || isspace((unsigned char)out[n - 1])))
			out[--n] = '\0';
		out = xreallocarray(out, 1, n + 32);
		strcpy(out + n, " ON CONFLICT DO NOTHING");
	}
	*nparams = max;
	return out;
#undef PUT
}

static dbst *
pg_prepare(struct store *s, const char *sql)
{
	dbst *st = xcalloc(1, sizeof(*st));

	st->s = s;
	st->sql = pg_rewrite(sql, &st->nparams);
	if (st->nparams > 0) {
		st->params = xcalloc((size_t)st->nparams, sizeof(*st->params));
		st->types = xcalloc((size_t)st->nparams, sizeof(*st->types));
	}
	st->row = -1;
	return st;
}

/*
 * A parameter whose type the server cannot tell from the text alone ("?
 * IS NULL") gets it from its binding when the statement runs; here it is
 * given a bigint's, one at a time, as the error names them (42P18
 * indeterminate, 42P08 ambiguous).
 */
static int
pg_check(struct store *s, const char *sql)
{
	PGresult *res;
	Oid *types;
	char *q;
	const char *state, *msg, *dollar;
	int n, k, tries, rc = -1;

	if (pg_ready(s) != 0)
		return -1;
	q = pg_rewrite(sql, &n);
	types = xcalloc((size_t)n + 1, sizeof(*types));
	for (tries = 0; tries <= n; tries++) {
		res = PQprepare(s->pg->conn, "duban_check", q, n, types);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			PQclear(PQexec(s->pg->conn, "DEALLOCATE duban_check"));
			rc = 0;
			break;
		}
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		if (state == NULL || (strcmp(state, "42P18") != 0 && strcmp(state, "42P08") != 0) ||
		    msg == NULL || (dollar = strchr(msg, '$')) == NULL || (k = atoi(dollar + 1)) < 1 || k > n ||
		    types[k - 1] != 0) {
			rc = pg_failed(s, res);
			break;
		}
		types[k - 1] = INT8OID;
		PQclear(res);
	}
	free(types);
	free(q);
	return rc;
}

static void
pg_reset(dbst *st)
{
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
}

static void
pg_clear(dbst *st)
{
	int i;

	for (i = 0; i < st->nparams; i++) {
		free(st->params[i]);
		st->params[i] = NULL;
		st->types[i] = 0;
	}
}

static void
pg_finalize(dbst *st)
{
	pg_reset(st);
	pg_clear(st);
	free(st->params);
	free(st->types);
	free(st->sql);
}

static void
pg_bind(dbst *st, int i, const char *v, bool integer)
{
	if (i < 1 || i > st->nparams)
		fatalx("store: parameter %d of %d in: %s", i, st->nparams, st->sql);
	free(st->params[i - 1]);
	st->params[i - 1] = v ? xstrdup(v) : NULL;
	st->types[i - 1] = integer ? INT8OID : 0;
}

static const char *
pg_value(dbst *st, int i)
{
	PGresult *res = st->res;

	if (res == NULL || st->row < 0 || st->row >= st->nrows || i >= PQnfields(res) ||
	    PQgetisnull(res, st->row, i))
		return NULL;
	return PQgetvalue(res, st->row, i);
}

static const char *
pg_fname(dbst *st, int i)
{
	return st->res ? PQfname(st->res, i) : "";
}

static int
pg_ncols(dbst *st)
{
	return st->res ? PQnfields(st->res) : 0;
}


bool
store_waiting(struct store *s, const char **why)
{
	if (s->pg == NULL || (PQstatus(s->pg->conn) == CONNECTION_OK && !s->pg->broken &&
	    s->pg->next == NULL))
		return false;
	*why = s->pg->err[0] ? s->pg->err : "connection lost";
	return true;
}

static int
pg_next(struct store *s, dbst *st)
{
	PGresult *res;
	const char *n;

	if (st->res == NULL) {
		if (pg_ready(s) != 0)
			return -1;
		/* prepared once per connection, with the types of its first bindings */
		if (st->gen != s->pg->gen + 1) {
			snprintf(st->name, sizeof(st->name), "d%d", ++s->pg->nprepared);
			res = PQprepare(s->pg->conn, st->name, st->sql, st->nparams, st->types);
			if (PQresultStatus(res) != PGRES_COMMAND_OK)
				return pg_failed(s, res);
			PQclear(res);
			st->gen = s->pg->gen + 1;
		}
		res = PQexecPrepared(s->pg->conn, st->name, st->nparams,
		    (const char *const *)st->params, NULL, NULL, 0);
		switch (PQresultStatus(res)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			break;
		default:
			return pg_failed(s, res);
		}
		n = PQcmdTuples(res);
		s->changes = n && *n ? strtoll(n, NULL, 10) : 0;
		st->res = res;
		st->nrows = PQntuples(res);
		st->row = -1;
	}
	if (st->row + 1 >= st->nrows) {
		st->row = st->nrows;
		return 0;
	}
	st->row++;
	return 1;
}

static int
pg_exec(struct store *s, const char *sql)
{
	PGresult *res;
	char *q;
	int n;

	if (pg_ready(s) != 0)
		return -1;
	q = pg_rewrite(sql, &n);
	res = PQexec(s->pg->conn, q);
	free(q);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		PQclear(res);
		return 0;
	default:
		if (s->pg->txn && PQstatus(s->pg->conn) != CONNECTION_OK)
			s->pg->broken = true;
		return pg_failed(s, res);
	}
}

static int
pg_txn(struct store *s, enum db_txn what)
{
	static const char *const sql[] = { "BEGIN", "COMMIT", "ROLLBACK", "BEGIN" };
	bool begin = what == DB_BEGIN || what == DB_BEGIN_READ;
	PGresult *res;

	if (what == DB_ROLLBACK && s->pg->broken) {
		s->pg->broken = s->pg->txn = false;	/* the server undid it already */
		return 0;
	}
	if (!begin && !s->pg->txn)
		return 0;
	if (pg_ready(s) != 0)
		return -1;
	res = PQexec(s->pg->conn, sql[what]);
	if (PQresultStatus(res) == PGRES_COMMAND_OK) {
		PQclear(res);
		s->pg->txn = begin;
		return 0;
	}
	/* a COMMIT or ROLLBACK that failed ends it all the same */
	if (!begin)
		s->pg->txn = false;
	return pg_failed(s, res);
}

static int64_t
pg_last_id(struct store *s)
{
	PGresult *res = PQexec(s->pg->conn, "SELECT lastval()");
	int64_t id = 0;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	else
		log_warnx("store: lastval: %s", PQresultErrorMessage(res));
	PQclear(res);
	return id;
}

static bool
pg_in_txn(struct store *s)
{
	return s->pg->txn;
}


int
store_listen(struct store *s)
{
	if (s->pg == NULL)
		return 0;
	s->pg->listening = true;
	return pg_exec(s, "LISTEN duban");
}

void
store_notify(struct store *s)
{
	if (s->pg != NULL)
		pg_exec(s, "NOTIFY duban");
}

int
store_fd(struct store *s)
{
	return s->pg ? PQsocket(s->pg->conn) : -1;
}

bool
store_notified(struct store *s)
{
	PGnotify *n;
	bool any = false;

	if (s->pg == NULL || PQstatus(s->pg->conn) != CONNECTION_OK)
		return false;
	PQconsumeInput(s->pg->conn);
	while ((n = PQnotifies(s->pg->conn)) != NULL) {
		any = true;
		PQfreemem(n);
	}
	return any;
}

bool
pg_changed(struct store *s)
{
	(void)s;
	return true;	/* no cheap counter of others' writes: the caller looks again */
}

/* The one text value of a query, or NULL (to free). */
static char *
pg_value1(struct store *s, const char *sql)
{
	PGresult *res = PQexec(s->pg->conn, sql);
	char *v = NULL;

	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	    !PQgetisnull(res, 0, 0))
		v = xstrdup(PQgetvalue(res, 0, 0));
	else if (PQresultStatus(res) != PGRES_TUPLES_OK)
		pg_seterr(s, PQresultErrorMessage(res));
	PQclear(res);
	return v;
}

/* The schema's version: 0 for an empty database, -1 on an error (s->pg->err). */
static int
pg_version(struct store *s)
{
	char *v;
	int n;

	s->pg->err[0] = '\0';
	if ((v = pg_value1(s, "SELECT to_regclass('meta') IS NOT NULL")) == NULL)
		return -1;
	n = strcmp(v, "t") == 0;
	free(v);
	if (!n)
		return 0;
	if ((v = pg_value1(s, "SELECT value FROM meta WHERE key = 'schema_version'")) == NULL) {
		if (s->pg->err[0] == '\0')
			pg_seterr(s, "a table meta without a schema version: not a duban database");
		return -1;
	}
	n = atoi(v);
	free(v);
	return n;
}

/* Bring the schema up to date, one migration per transaction; others wait on a lock. */
static int
pg_migrate(struct store *s, int flags, char **cause)
{
	char sql[160];
	int v, last = pg_first_version + pg_nmigrations - 1, i;

	for (;;) {
		if (pg_txn(s, DB_BEGIN) != 0 ||
		    pg_exec(s, "SELECT pg_advisory_xact_lock(2009051771)") != 0)
			goto fail;
		if ((v = pg_version(s)) < 0)
			goto fail;
		if (v > last) {
			xasprintf(cause, "the database has schema version %d, newer than this"
			    " program's %d", v, last);
			pg_txn(s, DB_ROLLBACK);
			return -1;
		}
		if (v == last) {
			if (pg_txn(s, DB_COMMIT) != 0)
				goto fail;
			return 0;
		}
		if (v == 0 && !(flags & STORE_OPEN_CREATE)) {
			xasprintf(cause, "no duban schema in this database (create it with"
			    " 'dubanctl init')");
			pg_txn(s, DB_ROLLBACK);
			return -1;
		}
		i = v == 0 ? 0 : v - pg_first_version + 1;
		snprintf(sql, sizeof(sql), "INSERT INTO meta VALUES ('schema_version', '%d')"
		    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		    pg_first_version + i);
		if (pg_exec(s, pg_migrations[i]) != 0 || pg_exec(s, sql) != 0 ||
		    pg_txn(s, DB_COMMIT) != 0)
			goto fail;
	}
fail:
	xasprintf(cause, "schema: %s", s->pg->err);
	if (pg_in_txn(s))
		pg_txn(s, DB_ROLLBACK);
	return -1;
}

struct store *
pg_open(const char *conninfo, int flags, char **cause)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->eng = &engine_pg;
	s->pg = xcalloc(1, sizeof(*s->pg));
	s->pg->conninfo = xstrdup(conninfo);
	/* a host that does not answer is given up after 5 s unless the string says otherwise */
	{
		const char *const keys[] = { "connect_timeout", "dbname", NULL };
		const char *const values[] = { "5", conninfo, NULL };

		s->pg->conn = PQconnectdbParams(keys, values, 1);
	}
	if (s->pg->conn == NULL || PQstatus(s->pg->conn) != CONNECTION_OK) {
		pg_seterr(s, s->pg->conn ? PQerrorMessage(s->pg->conn) : "out of memory");
		xasprintf(cause, "PostgreSQL: %s", s->pg->err);
		goto fail;
	}
	if (pg_session(s) != 0) {
		xasprintf(cause, "PostgreSQL: %s", s->pg->err);
		goto fail;
	}
	if (pg_migrate(s, flags, cause) != 0) {
		char *c = *cause;

		xasprintf(cause, "PostgreSQL: %s", c);
		free(c);
		goto fail;
	}
	return s;
fail:
	pg_close(s);
	free(s);
	return NULL;
}

void
pg_close(struct store *s)
{
	if (s->pg == NULL)
		return;
	PQfinish(s->pg->conn);
	pg_connect_clear(s);
	free(s->pg->conninfo);
	free(s->pg);
	s->pg = NULL;
}

static void
pg_bind_text(dbst *st, int i, const char *v)
{
	pg_bind(st, i, v, false);
}

static void
pg_bind_int64(dbst *st, int i, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	pg_bind(st, i, buf, true);
}

static void
pg_bind_null_int(dbst *st, int i)
{
	pg_bind(st, i, NULL, true);
}

static int64_t
pg_col_int64(dbst *st, int i)
{
	const char *v = pg_value(st, i);

	if (v == NULL)
		return 0;
	if (v[0] == 't' && v[1] == '\0')	/* a boolean */
		return 1;
	return strtoll(v, NULL, 10);
}

static int64_t
pg_changes(struct store *s)
{
	return s->changes;
}

const struct engine engine_pg = {
	.name = "PostgreSQL",
	.errmsg = pg_errmsg,
	.prepare = pg_prepare,
	.check = pg_check,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.clear = pg_clear,
	.bind_text = pg_bind_text,
	.bind_int64 = pg_bind_int64,
	.bind_null_int = pg_bind_null_int,
	.col_int64 = pg_col_int64,
	.col_text = pg_value,
	.ncols = pg_ncols,
	.col_name = pg_fname,
	.step = pg_next,
	.exec = pg_exec,
	.txn = pg_txn,
	.in_txn = pg_in_txn,
	.changes = pg_changes,
	.last_id = pg_last_id,
};
