/* The store's PostgreSQL connection, shared by pg.c and pgconnect.c. */
#ifndef DUBAN_STORE_PG_H
#define DUBAN_STORE_PG_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "duban/instant.h"

struct store;

struct pg {
	PGconn		*conn;
	char		*conninfo;
	char		 err[512];
	bool		 txn;		/* BEGIN sent, no COMMIT or ROLLBACK since */
	bool		 broken;	/* the connection was lost in that transaction */
	bool		 listening;	/* LISTEN duban, made again on a new connection */
	instant_t	 tried_at;	/* the last attempt to connect again */
	int		 gen;		/* connections made: statements are prepared on each */
	int		 nprepared;	/* names given on this connection */
	/* a connection made again a host at a time, without blocking (pgconnect.c) */
	bool		 nonblocking;	/* the caller must not wait for it (the daemon's loop) */
	PGconn		*next;		/* being made, or NULL */
	int		 host;		/* the host of the list it tries */
	instant_t	 host_since;	/* since when */
	int		 timeout;	/* ms a host has to answer */
};

void pg_seterr(struct store *s, const char *msg);
/* A result's error, logged; always -1. */
int pg_failed(struct store *s, PGresult *res);
/* The session's settings, on each new connection. */
int pg_session(struct store *s);
/*
 * Before a statement: 0 when the connection is there. A connection lost
 * outside a transaction is made again; inside one, every statement fails
 * until its ROLLBACK, so that its second half never runs alone on a new
 * connection.
 */
int pg_ready(struct store *s);
/* A connection being made, given up (at close). */
void pg_connect_clear(struct store *s);

#endif
