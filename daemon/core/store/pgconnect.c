/*
 * The store's PostgreSQL connection: its errors, its session's settings,
 * and, lost, made again, one host of the connection
 * string at a time, as libpq would (each host in turn; with
 * target_session_attrs=read-write a standby refuses and the next is
 * tried), but by PQconnectStartParams and PQconnectPoll: the daemon's loop
 * is held at most a few milliseconds per call, never a host's whole
 * connect_timeout. A host that accepts and never answers is given up after
 * that timeout (5 s unless the string says otherwise), counted across
 * calls. Without store_nonblocking (dubanctl) the same steps wait on the
 * socket until the connection is made or every host has failed.
 */
#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/log.h"
#include "duban/xmalloc.h"
#include "internal.h"
#include "pg.h"

#define CONNECT_TIMEOUT_MS	5000	/* a host's, unless connect_timeout says otherwise */
#define STEP_MS			20	/* the longest a nonblocking call waits on the socket */

static void
pg_notice(void *arg, const char *msg)
{
	(void)arg;
	log_debug("postgresql: %s", msg);
}

void
pg_seterr(struct store *s, const char *msg)
{
	size_t n;

	snprintf(s->pg->err, sizeof(s->pg->err), "%s", msg ? msg : "unknown error");
	n = strlen(s->pg->err);
	while (n > 0 && isspace((unsigned char)s->pg->err[n - 1]))
		s->pg->err[--n] = '\0';
}

/* A result's error, logged; a connection lost is noted for the next begin. */
int
pg_failed(struct store *s, PGresult *res)
{
	pg_seterr(s, res ? PQresultErrorMessage(res) : PQerrorMessage(s->pg->conn));
	if (s->pg->err[0] == '\0')
		pg_seterr(s, PQerrorMessage(s->pg->conn));
	if (PQstatus(s->pg->conn) == CONNECTION_BAD)
		log_warnx("store: the connection to PostgreSQL was lost: %s", s->pg->err);
	else
		log_warnx("store: %s", s->pg->err);
	PQclear(res);
	return -1;
}

/* The session's settings, on each new connection. */
int
pg_session(struct store *s)
{
	PGresult *res;

	PQsetNoticeProcessor(s->pg->conn, pg_notice, NULL);
	res = PQexec(s->pg->conn, s->pg->listening ? "SET client_min_messages = warning;"
	    " LISTEN duban" : "SET client_min_messages = warning");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		return pg_failed(s, res);
	PQclear(res);
	return 0;
}

/* The i-th element of a comma-separated list (the last one if the list is shorter), to free. */
static char *
nth(const char *list, int i)
{
	const char *p = list, *c;
	int k;

	for (k = 0; k < i && (c = strchr(p, ',')) != NULL; k++)
		p = c + 1;
	char *v = xmalloc(strcspn(p, ",") + 1);

	memcpy(v, p, strcspn(p, ","));
	v[strcspn(p, ",")] = '\0';
	return v;
}

static int
count(const char *list)
{
	int n = 1;

	for (; *list; list++)
		n += *list == ',';
	return n;
}

/*
 * Start connecting to host i of the string: NULL when there is no such
 * host (*nhosts: how many there are), else the connection being made.
 */
static PGconn *
start_host(const char *conninfo, int i, int *nhosts, int *timeout_ms)
{
	PQconninfoOption *opts, *o;
	const char **keys, **vals;
	char *host = NULL, *addr = NULL, *port = NULL, *err = NULL;
	PGconn *conn = NULL;
	int n = 0, k = 0;

	*nhosts = 0;
	*timeout_ms = CONNECT_TIMEOUT_MS;
	if ((opts = PQconninfoParse(conninfo, &err)) == NULL) {
		PQfreemem(err);
		return NULL;
	}
	for (o = opts; o->keyword; o++)
		n++;
	keys = xcalloc((size_t)n + 1, sizeof(*keys));
	vals = xcalloc((size_t)n + 1, sizeof(*vals));
	for (o = opts; o->keyword; o++) {
		if (o->val == NULL || o->val[0] == '\0')
			continue;
		if (strcmp(o->keyword, "host") == 0 || strcmp(o->keyword, "hostaddr") == 0) {
			if (count(o->val) > *nhosts)
				*nhosts = count(o->val);
			if (o->keyword[4] == '\0')
				keys[k] = o->keyword, vals[k++] = host = nth(o->val, i);
			else
				keys[k] = o->keyword, vals[k++] = addr = nth(o->val, i);
			continue;
		}
		if (strcmp(o->keyword, "port") == 0) {
			keys[k] = o->keyword, vals[k++] = port = nth(o->val, i);
			continue;
		}
		if (strcmp(o->keyword, "connect_timeout") == 0 && atoi(o->val) > 0)
			*timeout_ms = atoi(o->val) * 1000;
		keys[k] = o->keyword, vals[k++] = o->val;
	}
	if (*nhosts == 0)
		*nhosts = 1;	/* the default host (a Unix socket) */
	if (i < *nhosts)
		conn = PQconnectStartParams(keys, vals, 0);
	free(host);
	free(addr);
	free(port);
	free(keys);
	free(vals);
	PQconninfoFree(opts);
	return conn;
}

void
pg_connect_clear(struct store *s)
{
	if (s->pg->next != NULL)
		PQfinish(s->pg->next);
	s->pg->next = NULL;
}

/* The connection made: the session set up on it, the old one closed. */
static int
connected(struct store *s)
{
	PQfinish(s->pg->conn);
	s->pg->conn = s->pg->next;
	s->pg->next = NULL;
	s->pg->broken = false;
	if (pg_session(s) != 0)
		return -1;
	s->pg->tried_at = 0;
	s->pg->gen++;
	s->pg->nprepared = 0;
	log_info("store: connected to PostgreSQL again (%s:%s)", PQhost(s->pg->conn),
	    PQport(s->pg->conn));
	return 0;
}

int
pg_ready(struct store *s)
{
	struct pg *pg = s->pg;
	PostgresPollingStatusType st;
	struct pollfd pfd;
	instant_t now = instant_now();
	char why[600];
	int nhosts, wait;

	if (PQstatus(pg->conn) == CONNECTION_OK && !pg->broken && pg->next == NULL)
		return 0;
	if (pg->txn) {
		pg->broken = true;
		pg_seterr(s, "the connection to PostgreSQL was lost in a transaction");
		return -1;
	}
	if (pg->next == NULL) {
		if (pg->tried_at != 0 && now - pg->tried_at < 1000) {
			pg_seterr(s, "waiting to connect to PostgreSQL again");
			return -1;
		}
		pg->tried_at = now;
		pg->host = -1;
	}
	for (;;) {
		if (pg->next == NULL) {
			pg->host++;
			pg->host_since = now = instant_now();
			if ((pg->next = start_host(pg->conninfo, pg->host, &nhosts,
			    &pg->timeout)) == NULL) {
				/* every host tried: the last one's error stands, and a second's rest */
				pg->tried_at = now;
				return -1;
			}
		}
		st = PQconnectPoll(pg->next);
		if (st == PGRES_POLLING_OK)
			return connected(s);
		now = instant_now();
		if (st == PGRES_POLLING_FAILED || now - pg->host_since >= pg->timeout) {
			snprintf(why, sizeof(why), "PostgreSQL at %s:%s: %s", PQhost(pg->next),
			    PQport(pg->next), st == PGRES_POLLING_FAILED ?
			    PQerrorMessage(pg->next) : "no answer");
			pg_seterr(s, why);
			log_warnx("store: %s", pg->err);
			pg_connect_clear(s);
			continue;
		}
		pfd.fd = PQsocket(pg->next);
		pfd.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
		wait = (int)(pg->timeout - (now - pg->host_since));
		if (pg->nonblocking && wait > STEP_MS)
			wait = STEP_MS;
		if (poll(&pfd, 1, wait) == 0 && pg->nonblocking) {
			snprintf(why, sizeof(why), "connecting to PostgreSQL at %s:%s",
			    PQhost(pg->next), PQport(pg->next));
			pg_seterr(s, why);
			return -1;
		}
	}
}

void
store_nonblocking(struct store *s)
{
	if (s->pg != NULL)
		s->pg->nonblocking = true;
}

int
store_connections(struct store *s)
{
	return s->pg != NULL ? s->pg->gen : 0;
}
