/* One SMTP session with libESMTP: connection, STARTTLS, AUTH, deadlines, per-message results. */
#include <errno.h>
#include <dirent.h>
#include <stdarg.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stddef.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <auth-client.h>
#include <libesmtp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "duban/address.h"
#include "duban/log.h"
#include "duban/mailer.h"
#include "duban/message.h"
#include "duban/xmalloc.h"
#include "smtp.h"

#define MAILER_MAX_FD	4096	/* descriptors looked at for the session's socket */



/* A message's text as libESMTP reads it, through body_cb. */
struct body {
	struct session_note	*note;
	const char		*text;
};

/*
 * A session's state for libESMTP's event callback: what went wrong beyond
 * the SMTP replies, and each message's result, reported as soon as the
 * server has answered its DATA (so that the loop records it at once).
 */
struct session_note {
	char			 tls[256];
	struct mail_job		*jobs;
	struct mail_result	*res;
	smtp_message_t		*msgs;
	smtp_recipient_t	*rcpts;
	char			*done;		/* a result per job was reported */
	const struct smtp_hooks	*hooks;		/* NULL: nobody to tell */
	struct body		*bodies;	/* each message's text, for body_cb */
	/* deadlines: each reply within timeout, each message within msg_limit */
	int			 port;
	int			 fd;		/* the session's socket, once connected */
	unsigned char		 before[MAILER_MAX_FD / 8];	/* sockets open before it */
	int			 timeout_ms;
	long long		 wrote_at;	/* the last command written, monotonic ms */
	long long		 msg_at;	/* the message in flight began */
	long long		 msg_limit;
	int			 cut;		/* the session was cut short */
};

void
smtp_settings_from_conf(struct mail_settings *s, const struct smtp_conf *c)
{
	char *name;

	xasprintf(&s->server, "%s:%d", c->host, c->port);
	s->port = c->port;
	s->helo = xstrdup_null(c->helo);
	message_split_address(c->from, &name, &s->from_addr);
	free(name);
	s->starttls = c->starttls;
	s->timeout_ms = c->timeout * 1000;
	s->user = xstrdup_null(c->user);
	s->password = xstrdup_null(c->password);
	s->ca_file = xstrdup_null(c->ca_file);
	s->in_flight = c->in_flight > 0 ? c->in_flight : 1;
}

void
smtp_settings_free(struct mail_settings *s)
{
	free(s->server);
	free(s->helo);
	free(s->from_addr);
	free(s->user);
	if (s->password != NULL) {
		explicit_bzero(s->password, strlen(s->password));
		free(s->password);
	}
	free(s->ca_file);
	memset(s, 0, sizeof(*s));
}

void
smtp_settings_copy(struct mail_settings *dst, const struct mail_settings *src)
{
	dst->server = xstrdup(src->server);
	dst->port = src->port;
	dst->helo = xstrdup_null(src->helo);
	dst->from_addr = xstrdup(src->from_addr);
	dst->starttls = src->starttls;
	dst->timeout_ms = src->timeout_ms;
	dst->user = xstrdup_null(src->user);
	dst->password = xstrdup_null(src->password);
	dst->ca_file = xstrdup_null(src->ca_file);
	dst->in_flight = src->in_flight;
}

static void message_result(struct session_note *note, int i, int ok, const char *err);

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A connected TCP socket whose peer has this port? */
static int
is_session_socket(int fd, int port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	struct stat sb;
	int type;
	socklen_t tl = sizeof(type);

	if (fstat(fd, &sb) != 0 || !S_ISSOCK(sb.st_mode) ||
	    getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) != 0 || type != SOCK_STREAM ||
	    getpeername(fd, (struct sockaddr *)&ss, &len) != 0)
		return 0;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port) == port;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) == port;
	return 0;
}

/*
 * libESMTP bounds each read, not a reply or a message: a server that drips
 * a byte at a time holds a session for ever. It does not hand out its
 * socket, so the mailer finds it (the connected socket to the server that
 * was not open before the session) and shuts it down when a deadline
 * passes; the session then fails like a broken connection and its messages
 * are tried again later.
 */
/* Each descriptor open in the process (from /proc/self/fd), to fn; stops when fn returns 1. */
static void
each_fd(int (*fn)(int, struct session_note *), struct session_note *note)
{
	struct dirent *de;
	DIR *dir;
	int fd;

	if ((dir = opendir("/proc/self/fd")) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9' ||
		    (fd = atoi(de->d_name)) == dirfd(dir) || fd >= MAILER_MAX_FD)
			continue;
		if (fn(fd, note))
			break;
	}
	closedir(dir);
}

static int
mark_before(int fd, struct session_note *note)
{
	note->before[fd / 8] |= (unsigned char)(1 << (fd % 8));
	return 0;
}

static int
pick_session(int fd, struct session_note *note)
{
	if ((note->before[fd / 8] & (1 << (fd % 8))) || !is_session_socket(fd, note->port))
		return 0;
	note->fd = fd;
	return 1;
}

static void
note_sockets_before(struct session_note *note)
{
	memset(note->before, 0, sizeof(note->before));
	each_fd(mark_before, note);
}

static void
find_session_socket(struct session_note *note)
{
	note->fd = -1;
	each_fd(pick_session, note);
}

static void
session_monitor(const char *buf, int len, int writing, void *arg)
{
	struct session_note *note = arg;
	long long now = mono_ms();

	(void)buf;
	(void)len;
	if (writing != SMTP_CB_READING) {
		note->wrote_at = now;
		return;
	}
	if (note->fd == -1 || note->cut)
		return;
	if (now - note->wrote_at > note->timeout_ms || now - note->msg_at > note->msg_limit) {
		snprintf(note->tls, sizeof(note->tls), "the server took longer than %s allows; "
		    "the session was cut", now - note->wrote_at > note->timeout_ms ?
		    "the timeout for one reply" : "the time for one message");
		note->cut = 1;
		log_warnx("SMTP session cut: %s", note->tls);
		shutdown(note->fd, SHUT_RDWR);
	}
}

/* libESMTP's events: a message answered; a certificate that does not verify ends the session. */
static void
session_event(smtp_session_t session, int event, void *arg, ...)
{
	struct session_note *note = arg;
	smtp_message_t msg;
	va_list ap;
	intptr_t i;
	long vfy;
	int *ok, one = 1;

	(void)session;
	va_start(ap, arg);
	switch (event) {
	case SMTP_EV_CONNECT:
		find_session_socket(note);
		note->wrote_at = note->msg_at = mono_ms();
		/*
		 * libESMTP buffers each command and message itself: Nagle's
		 * algorithm only holds its last small write until the server's
		 * delayed acknowledgement of the one before (up to 40 ms).
		 */
		if (note->fd != -1 && setsockopt(note->fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one)) != 0)
			log_warn("SMTP: TCP_NODELAY");
		break;
	case SMTP_EV_MESSAGESENT:
		msg = va_arg(ap, smtp_message_t);
		i = (intptr_t)smtp_message_get_application_data(msg);
		if (i > 0)
			message_result(note, (int)i - 1, 1, NULL);
		note->msg_at = mono_ms();
		break;
	case SMTP_EV_INVALID_PEER_CERTIFICATE:
		vfy = va_arg(ap, long);
		ok = va_arg(ap, int *);
		*ok = 0;
		snprintf(note->tls, sizeof(note->tls),
		    "TLS: the server's certificate does not verify: %s",
		    X509_verify_cert_error_string(vfy));
		break;
	case SMTP_EV_NO_PEER_CERTIFICATE:
	case SMTP_EV_WRONG_PEER_CERTIFICATE:
		ok = va_arg(ap, int *);
		*ok = 0;
		snprintf(note->tls, sizeof(note->tls), "TLS: %s",
		    event == SMTP_EV_NO_PEER_CERTIFICATE ? "the server sent no certificate" :
		    "the server's certificate does not name the host");
		break;
	case SMTP_EV_WEAK_CIPHER:
		(void)va_arg(ap, int);
		ok = va_arg(ap, int *);
		*ok = 0;
		snprintf(note->tls, sizeof(note->tls), "TLS: cipher too weak");
		break;
	case SMTP_EV_NO_CLIENT_CERTIFICATE:
		ok = va_arg(ap, int *);
		*ok = 1;
		break;
	case SMTP_EV_EXTNA_STARTTLS:
		snprintf(note->tls, sizeof(note->tls),
		    "TLS: the server does not offer STARTTLS (starttls = required)");
		break;
	default:
		break;
	}
	va_end(ap);
}

/* AUTH asks for the user and the password. */
static int
auth_interact(auth_client_request_t req, char **result, int fields, void *arg)
{
	const struct mail_settings *set = arg;
	int i;

	for (i = 0; i < fields; i++) {
		if (req[i].flags & AUTH_USER)
			result[i] = set->user;
		else if (req[i].flags & AUTH_PASS)
			result[i] = set->password;
		else
			return 0;
	}
	return 1;
}

/* A TLS context that verifies against the system's store or the given CA file. */
static SSL_CTX *
tls_context(const struct mail_settings *set, struct session_note *note)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

	if (ctx == NULL)
		return NULL;
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	/* libESMTP checks the verification result and the host name itself */
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	if (set->ca_file != NULL) {
		if (SSL_CTX_load_verify_locations(ctx, set->ca_file, NULL) != 1) {
			snprintf(note->tls, sizeof(note->tls), "TLS: cannot load CA file %s",
			    set->ca_file);
			SSL_CTX_free(ctx);
			return NULL;
		}
	} else
		SSL_CTX_set_default_verify_paths(ctx);
	return ctx;
}

static void
result_set(struct mail_result *r, int64_t id, enum mail_outcome o, int code,
    const char *text)
{
	char *t;
	size_t len;

	r->id = id;
	r->outcome = o;
	r->code = code;
	t = message_wash(text ? text : "");
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ')
		t[--len] = '\0';
	if (code > 0)
		xasprintf(&r->reply, "%d %s", code, t);
	else
		r->reply = xstrdup(t);
	free(t);
}

static enum mail_outcome
outcome_of(int code)
{
	if (code >= 200 && code < 300)
		return MAIL_SENT;
	if (code >= 500 && code < 600)
		return MAIL_FAILED;
	return MAIL_RETRY;
}

/* Job i's result, once: from its message's and recipient's status, or err. */
static void
message_result(struct session_note *note, int i, int ok, const char *err)
{
	const smtp_status_t *ms = NULL, *rs = NULL;
	struct mail_result *r = &note->res[i];
	struct mail_job *j = &note->jobs[i];

	if (note->done[i])
		return;
	note->done[i] = 1;
	if (note->msgs[i] != NULL) {
		rs = smtp_recipient_status(note->rcpts[i]);
		ms = smtp_message_transfer_status(note->msgs[i]);
	}
	if (rs != NULL && rs->code >= 400)
		result_set(r, j->id, outcome_of(rs->code), rs->code, rs->text);
	else if (ms != NULL && ms->code > 0)
		result_set(r, j->id, outcome_of(ms->code), ms->code, ms->text);
	else
		result_set(r, j->id, MAIL_RETRY, 0,
		    note->tls[0] ? note->tls : ok ? "no reply from the server" : err);
	r->attempts = j->attempts;
	if (note->hooks != NULL && note->hooks->report != NULL)
		note->hooks->report(note->hooks->arg, r);
}

/* Every job without a result gets one now: (code, text). */
static void
results_all(struct session_note *note, int n, enum mail_outcome o, const char *text)
{
	int i;

	for (i = 0; i < n; i++) {
		if (note->done[i])
			continue;
		note->done[i] = 1;
		result_set(&note->res[i], note->jobs[i].id, o, 0, text);
		note->res[i].attempts = note->jobs[i].attempts;
		if (note->hooks != NULL && note->hooks->report != NULL)
			note->hooks->report(note->hooks->arg, &note->res[i]);
	}
}

/* libESMTP's progress through a message's text: 0 rewound, 1 handed out. */
struct body_state {
	int	handed;
	int	length;
};

/*
 * A message's text for libESMTP, in one piece. The envelope of a message
 * (MAIL, RCPT, DATA) goes out while the loop records the message before
 * it; its text waits until that is recorded, so that a crash can repeat
 * only the message the server has just accepted.
 */
static const char *
body_cb(void **ctx, int *len, void *arg)
{
	struct body *b = arg;
	struct body_state *st;

	if (*ctx == NULL && (*ctx = calloc(1, sizeof(*st))) == NULL) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	st = *ctx;
	if (len == NULL) {
		st->handed = 0;
		st->length = (int)strlen(b->text);
		return NULL;
	}
	if (st->handed) {
		*len = 0;
		return b->text;
	}
	if (b->note->hooks != NULL && b->note->hooks->before_text != NULL &&
	    b->note->hooks->before_text(b->note->hooks->arg) != 0 && b->note->fd != -1) {
		/* no text, no final dot: the server keeps nothing of this message */
		snprintf(b->note->tls, sizeof(b->note->tls), "the claim on this batch ran out before"
		    " its text was sent; another duband instance may hold it now");
		b->note->cut = 1;
		log_warnx("SMTP session cut: %s", b->note->tls);
		shutdown(b->note->fd, SHUT_RDWR);
		*len = 0;
		st->handed = 1;
		return NULL;
	}
	st->handed = 1;
	*len = st->length;
	return b->text;
}

void
smtp_deliver(const struct mail_settings *set, struct mail_job *jobs, int n,
    struct mail_result *res, const struct smtp_hooks *hooks)
{
	smtp_session_t session;
	smtp_message_t *msgs;
	smtp_recipient_t *rcpts;
	struct session_note note;
	auth_context_t auth = NULL;
	SSL_CTX *tls = NULL;
	char err[256] = "";
	int i, ok;

	memset(&note, 0, sizeof(note));
	session = smtp_create_session();
	msgs = xcalloc((size_t)n, sizeof(*msgs));
	rcpts = xcalloc((size_t)n, sizeof(*rcpts));
	note.jobs = jobs;
	note.res = res;
	note.msgs = msgs;
	note.rcpts = rcpts;
	note.done = xcalloc((size_t)n, 1);
	note.hooks = hooks;
	note.bodies = xcalloc((size_t)n, sizeof(*note.bodies));
	note.fd = -1;
	note.port = set->port;
	note.timeout_ms = set->timeout_ms;
	note.msg_limit = 3LL * set->timeout_ms;
	for (i = 0; i < n; i++)		/* and a second for each 100 KB of the largest */
		if (jobs[i].message != NULL &&
		    3LL * set->timeout_ms + (long long)strlen(jobs[i].message) / 100 > note.msg_limit)
			note.msg_limit = 3LL * set->timeout_ms + (long long)strlen(jobs[i].message) / 100;
	note_sockets_before(&note);
	if (session == NULL || smtp_set_server(session, set->server) == 0) {
		results_all(&note, n, MAIL_RETRY, "cannot set up an SMTP session");
		goto out;
	}
	if (set->helo)
		smtp_set_hostname(session, set->helo);
	smtp_set_eventcb(session, session_event, &note);
	smtp_set_monitorcb(session, session_monitor, &note, 0);
	if (set->starttls != TLS_OFF) {
		if ((tls = tls_context(set, &note)) == NULL && set->starttls == TLS_REQUIRED) {
			results_all(&note, n, MAIL_RETRY,
			    note.tls[0] ? note.tls : "TLS: cannot set up a context");
			goto out;
		}
		if (tls != NULL)
			smtp_starttls_set_ctx(session, tls);
		smtp_starttls_enable(session, set->starttls == TLS_REQUIRED ?
		    Starttls_REQUIRED : Starttls_ENABLED);
	}
	if (set->user != NULL && set->password != NULL) {
		auth = auth_create_context();
		auth_set_mechanism_flags(auth, AUTH_PLUGIN_PLAIN, 0);
		auth_set_interact_cb(auth, auth_interact, UNCONST(set));
		smtp_auth_set_context(session, auth);
	}
	for (i = Timeout_GREETING; i <= Timeout_DATA2; i++)
		smtp_set_timeout(session, i | Timeout_OVERRIDE_RFC2822_MINIMUM, set->timeout_ms);
	for (i = 0; i < n; i++) {
		const char *why;

		/* nothing unchecked reaches the envelope, whatever the store holds */
		if (jobs[i].message == NULL || address_check(set->from_addr, &why) != 0 ||
		    address_check(jobs[i].recipient, &why) != 0) {
			char text[160];

			if (jobs[i].message == NULL)
				snprintf(text, sizeof(text), "not sent: its text could not be composed"
				    " from what the database holds");
			else
				snprintf(text, sizeof(text), "not sent: invalid mail address (%s)", why);
			note.done[i] = 1;
			result_set(&res[i], jobs[i].id, MAIL_FAILED, 0, text);
			res[i].attempts = jobs[i].attempts;
			if (hooks != NULL && hooks->report != NULL)
				hooks->report(hooks->arg, &res[i]);
			continue;
		}
		msgs[i] = smtp_add_message(session);
		smtp_message_set_application_data_release(msgs[i], (void *)(intptr_t)(i + 1), NULL);
		smtp_set_reverse_path(msgs[i], set->from_addr);
		rcpts[i] = smtp_add_recipient(msgs[i], jobs[i].recipient);
		note.bodies[i].note = &note;
		note.bodies[i].text = jobs[i].message != NULL ? jobs[i].message : "";
		smtp_set_messagecb(msgs[i], body_cb, &note.bodies[i]);
	}
	ok = smtp_start_session(session);
	if (!ok)
		smtp_strerror(smtp_errno(), err, sizeof(err));
	for (i = 0; i < n; i++)
		message_result(&note, i, ok, err);
out:
	free(note.done);
	free(note.bodies);
	if (session != NULL)
		smtp_destroy_session(session);
	if (auth != NULL)
		auth_destroy_context(auth);
	if (tls != NULL)
		SSL_CTX_free(tls);
	free(msgs);
	free(rcpts);
}

void
smtp_jobs_free(struct mail_job *jobs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(jobs[i].recipient);
		free(jobs[i].message);
	}
	free(jobs);
}

/* Deliver now, on the caller's thread (dubanctl mail test, report --mail). */
void
mailer_send_now(const struct smtp_conf *smtp, struct mail_job *jobs, int n,
    struct mail_result *res)
{
	struct mail_settings set;

	memset(&set, 0, sizeof(set));
	smtp_settings_from_conf(&set, smtp);
	auth_client_init();
	smtp_deliver(&set, jobs, n, res, NULL);
	smtp_settings_free(&set);
}
