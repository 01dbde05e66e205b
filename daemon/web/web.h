/*
 * duban-web: the service that answers the signed links of the notices and
 * serves /metrics. Its own process (a flood of requests never reaches the
 * daemon's loop), libmicrohttpd's own thread; the store is used under one
 * lock. Every operation goes through the office layer, as dubanctl's.
 */
#ifndef DUBAN_WEB_H
#define DUBAN_WEB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <microhttpd.h>

#include "duban/buf.h"
#include "duban/conf.h"
#include "duban/link.h"
#include "duban/office.h"
#include "duban/store.h"

struct web {
	const char	*conf_path;
	struct config	*conf;
	struct store	*store;
	pthread_mutex_t	 lock;		/* the store, the counters, the used forms */
	struct MHD_Daemon *pages, *metrics;
	char		 origin[256];	/* scheme://host[:port] of [web] url */
	char		 local_origin[96]; /* http://listen */
	/* counters for /metrics */
	uint64_t	 requests[6];	/* by class: 2xx 3xx 4xx 5xx, refused links, acts */
	uint64_t	 refused[5];	/* by enum link_check (LINK_OK: a stale cycle) */
	/* forms sent once: their MACs, each until it would have expired anyway */
	struct used_form { unsigned char mac[16]; int64_t until; } *used;
	size_t		 nused, capused;
};

enum { REQ_2XX, REQ_3XX, REQ_4XX, REQ_5XX, REQ_REFUSED, REQ_ACTS };

/* A request's form fields (application/x-www-form-urlencoded). */
#define FORM_MAX	8
struct form {
	int		 n;
	char		*name[FORM_MAX], *value[FORM_MAX];
};
int form_parse(const char *body, size_t len, struct form *f);
const char *form_get(const struct form *f, const char *name);
void form_clear(struct form *f);

/* What a link is, once checked against the store (answer.c). */
struct answer_ctx {
	enum link_check	 check;
	bool		 stale;		/* a true link of a department no longer responsible */
	struct link	 link;
	char		 recipient[256];
	bool		 have_action;
	struct action	 action;
	bool		 escalated;
};
/* Check token (under w->lock): ctx filled; 0 if it may be shown and acted on. */
int answer_find(struct web *w, const char *token, instant_t now, struct answer_ctx *ctx);
void answer_clear(struct answer_ctx *ctx);

/* The form token of a page for a link: "ISSUED.MAC", good for two hours, once. */
void form_token(struct web *w, const char *link_token, instant_t now, char *out, size_t len);
/* 0 if tok is a true, unexpired, unused form token for link_token (then marked used). */
int form_token_use(struct web *w, const char *link_token, const char *tok, instant_t now);

/* The pages (page.c): each into b, HTML escaped where it holds data. */
void page_action(struct web *w, const struct answer_ctx *ctx, const char *form_tok,
    const char *notice, instant_t now, struct buf *b);
void page_head(struct web *w, const char *title, struct buf *b);
void page_message(struct web *w, const char *title, const char *text, struct buf *b);
extern const char web_css[];
const char *light_class(enum office_light l, const char **words);
void html_escape(struct buf *b, const char *s);
/* A row of a facts table: name, and the value (an em dash when there is none). */
void page_fact(struct buf *b, const char *name, const char *value);

/* Accounts (account.c): sessions in signed cookies, sign-in, the queue's pages. */
void session_cookie(struct web *w, const struct user *u, instant_t now, char *out, size_t len);
int session_check(struct web *w, const char *cookie, instant_t now, struct user *u);
void session_form(struct web *w, const struct user *u, instant_t now, char *out, size_t len);
int session_form_use(struct web *w, const struct user *u, const char *tok, instant_t now);
int account_sign_in(struct web *w, const char *name, const char *password, const char *from,
    instant_t now, struct user *u);
void page_login(struct web *w, const char *form_tok, const char *notice, struct buf *b);
int page_queue(struct web *w, const struct user *u, const char *form_tok, struct buf *b);
int page_entry(struct web *w, const struct user *u, int64_t id, const char *form_tok,
    const char *notice, struct buf *b);

/* The office's and leaders' pages (office.c, board.c, figures.c): each page_* fills b and
 * answers 200, or 400 (a bad parameter), 404 (none, or not this account's), -1 (the store). */
bool web_is(const struct user *u, const char *role);
bool web_leader_owns(const struct action *a, const char *leader);
const char *web_arg(struct MHD_Connection *c, const char *name, bool *bad);
void page_nav(struct web *w, const struct user *u, const char *up, const char *title,
    const char *form_tok, struct buf *b);
int page_board(struct web *w, struct MHD_Connection *c, const struct user *u, const char *form_tok,
    instant_t now, struct buf *b);
int page_timeline(struct web *w, const struct user *u, int64_t id, const char *form_tok,
    instant_t now, struct buf *b);
int page_report(struct web *w, struct MHD_Connection *c, const struct user *u, const char *form_tok,
    instant_t now, struct buf *b);
/* May this account see (and act on) the queue's entries of target? (account.c) */
bool web_sees(const struct user *u, const char *target);
/* The 督办单 of queue entry id, A4 (print.c): 0, or -1 (none, or not this account's). */
int page_print(struct web *w, const struct user *u, int64_t id, instant_t now, struct buf *b);
/* /queue and /queue/ID (account.c): f a POST's form, its token checked, or NULL. */
enum MHD_Result web_queue(struct web *w, struct MHD_Connection *c, const char *url,
    struct form *f, const struct user *u, const char *from, instant_t now);

/* The text of /metrics (metrics.c), under w->lock. */
void metrics_render(struct web *w, instant_t now, struct buf *b);

/* A request's body, as it comes (http.c). */
struct req {
	struct buf	 body;
	bool		 too_big;
};

/* The answers every page shares (reply.c). */
extern char web_csp[256];
enum MHD_Result web_respond_with(struct web *w, struct MHD_Connection *c, unsigned int code, struct buf *b,
    const char *type, const char *location, const char *cookie);
enum MHD_Result web_respond(struct web *w, struct MHD_Connection *c, unsigned int code, struct buf *b,
    const char *type);
enum MHD_Result web_redirect(struct web *w, struct MHD_Connection *c, const char *to, const char *cookie);
enum MHD_Result web_message(struct web *w, struct MHD_Connection *c, unsigned int code, const char *title,
    const char *text);
void web_client(struct MHD_Connection *c, char *out, size_t len);
bool web_same_origin(struct web *w, struct MHD_Connection *c);
int web_posted_form(struct web *w, struct MHD_Connection *c, struct req *rq, const char *from,
    struct form *f, enum MHD_Result *rc);
/* /login (account.c), and the pages signed in (office.c): the queue's, the office's, /logout. */
enum MHD_Result web_login(struct web *w, struct MHD_Connection *c, bool post, struct req *rq,
    const char *from, instant_t now);
enum MHD_Result web_signed_in(struct web *w, struct MHD_Connection *c, const char *url, bool post,
    struct req *rq, const char *from, instant_t now);

/* The HTTP side (http.c): start both listeners, stop them. */
int http_start(struct web *w, char **cause);
void http_stop(struct web *w);

#endif
