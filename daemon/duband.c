/* duband's work between events: transitions, outbox, reload, control socket. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon.h"
#include "duban/dbfile.h"
#include "duban/evidence.h"
#include "duban/log.h"
#include "duban/message.h"
#include "duban/notice.h"
#include "duban/notify.h"
#include "duban/sched.h"
#include "duban/xmalloc.h"

#define SCHED_BATCH	500
#define SCHED_ROUNDS	20	/* then let the loop breathe */
#define SCHED_ROUND_MS	20	/* a burst's first notices are committed, and sent, by then */

/*
 * What the administrator must do before the daemon can run (no valid
 * configuration, no database, no permission): said once, and an exit status
 * that the unit's RestartPreventExitStatus= keeps from a restart loop.
 */
static void daemon_swap(struct daemon *);
static void swap_if_idle(struct daemon *);

static void __attribute__((noreturn, format(printf, 1, 2)))
not_ready(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	log_warnx("%s", msg ? msg : "cannot start");
	free(msg);
	exit(DUBAND_EXIT_NOT_READY);
}

/* Open the store and take its lock; NULL, or why not (to free). */
static char *
store_and_lock(struct daemon *d, struct store **s, int *fd)
{
	char *cause, *inst;

	*fd = -1;
	if ((*s = store_open(d->conf->database, 0, &cause)) == NULL)
		return cause;
	if ((inst = store_instance(*s)) != NULL) {
		notice_instance(inst);
		free(inst);
	}
	/* a lost connection is made again without holding the loop (the watchdog's) */
	store_nonblocking(*s);
	if (store_is_shared(*s)) {
		/* several daemons share the database: each claims what it works on */
		char host[256] = "localhost";
		int n;

		if (d->conf->instance == NULL && gethostname(host, sizeof(host) - 1) == 0)
			host[sizeof(host) - 1] = '\0';
		if ((n = store_set_owner(*s, d->conf->instance ? d->conf->instance : host,
		    (instant_t)d->conf->lease * 1000)) > 0)
			log_info("%d notices claimed by an earlier run of this instance are"
			    " queued again", n);
		if (store_listen(*s) != 0) {
			xasprintf(&cause, "LISTEN: %s", store_errmsg(*s));
			store_close(*s);
			*s = NULL;
			return cause;
		}
		return NULL;
	}
	if (store_path_is_file(d->conf->database) &&
	    (*fd = dbfile_lock(d->conf->database, &cause)) == -1) {
		store_close(*s);
		*s = NULL;
		return cause;
	}
	return NULL;
}

/* The new file at the database's path in place of the old one; NULL, or why not. */
static char *
daemon_reopen(struct daemon *d)
{
	struct store *s;
	char *cause;
	int fd;

	if ((cause = store_and_lock(d, &s, &fd)) != NULL)
		return cause;
	store_close(d->store);
	if (d->lock_fd != -1)
		close(d->lock_fd);	/* after the store: it would drop SQLite's locks */
	d->store = s;
	d->lock_fd = fd;
	store_changed(d->store);
	return NULL;
}

/* The control socket; without it dubanctl's changes are noticed by polling. */
static void
control_open(struct daemon *d)
{
	struct sockaddr_un sun;
	const char *path = d->conf->socket_path;

	d->ctl_fd = -1;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_warnx("control socket path too long: %s", path);
		return;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	if ((d->ctl_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("control socket");
		return;
	}
	unlink(path);
	if (bind(d->ctl_fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		log_warn("control socket %s: bind (changes are noticed every %d s instead)",
		    path, d->conf->poll_interval);
		close(d->ctl_fd);
		d->ctl_fd = -1;
		return;
	}
	chmod(path, 0660);
}

void
daemon_init(struct daemon *d)
{
	struct diag diag = { 0 };
	char *cause, *name;
	size_t i;

	store_log_init();
	d->conf = conf_load_all(d->conf_path, &diag);
	for (i = 0; i < diag.nwarn; i++)
		log_warnx("%s", diag.warns[i]);
	for (i = 0; i < diag.n; i++)
		log_warnx("%s", diag.msgs[i]);
	diag_free(&diag);
	if (d->conf == NULL)
		not_ready("%s: configuration not valid; fix it (duband -t -f %s names every "
		    "error), then start duband again", d->conf_path, d->conf_path);
	/* the zone is installed here, before the mailer thread starts */
	if (tz_set(d->conf->timezone) != 0)
		not_ready("%s: unknown time zone '%s'", d->conf_path, d->conf->timezone);
	if ((cause = store_and_lock(d, &d->store, &d->lock_fd)) != NULL)
		not_ready("%s", cause);
	control_open(d);
	d->dl.mailer = mailer_start(&d->conf->smtp, d->wake_mail, d);
	name = store_display_name(d->conf->database);
	log_info("started: database %s, %d rules, SMTP %s:%d%s%s", name,
	    d->conf->nrules, d->conf->smtp.host, d->conf->smtp.port,
	    store_owner(d->store) ? ", as " : "", store_owner(d->store) ? store_who(d->store) : "");
	free(name);
}

void
daemon_shutdown(struct daemon *d)
{
	delivery_stop(&d->dl, d->store, d->conf);
	/* what this run claimed and did not send goes back to the queue at once, as on SQLite */
	if (store_lease_release(d->store) != 0)
		log_warnx("the claims on queued mail were not given back: another instance sends"
		    " them when their lease runs out");
	if (d->ctl_fd != -1) {
		close(d->ctl_fd);
		unlink(d->conf->socket_path);
	}
	store_close(d->store);
	if (d->lock_fd != -1)
		close(d->lock_fd);	/* after the store: it would drop SQLite's locks */
	conf_free(d->next_conf);
	conf_free(d->conf);
	log_info("stopped");
}

/* The earlier of two instants, 0 meaning none. */
static instant_t
earliest(instant_t a, instant_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}


/*
 * Hand the queued notices that are due to an idle mailer: for each
 * recipient with notices that may merge, one digest of them all (or the
 * notice itself if it is alone); then the notices that go on their own.
 * While a burst is worked off (burst), only the notices that go alone
 * leave: a digest waits for all its items.
 */
static void
dispatch_mail(struct daemon *d, instant_t now, bool burst)
{
	if (!d->stopping)
		delivery_dispatch(&d->dl, d->store, d->conf, now, burst);
}

/*
 * Is the database the daemon has open still the file its path names? A file
 * deleted, re-initialised or restored by rename leaves the daemon on an
 * orphan that nobody else sees: said loudly, and the path reopened (once
 * the batch at the mailer is recorded, in the file that sent it).
 */
static int
daemon_check_file(struct daemon *d)
{
	struct stat now, held;
	char *cause;

	if (d->lock_fd == -1 || fstat(d->lock_fd, &held) != 0)
		return 0;
	if (held.st_nlink > 1 && !d->db_linked) {
		if (dbfile_one_name(d->conf->database, &cause) != 0) {
			log_crit("%s; a clerk writing through another name is not seen here", cause);
			free(cause);
		}
	}
	d->db_linked = held.st_nlink > 1;
	if (stat(d->conf->database, &now) == 0 && now.st_dev == held.st_dev &&
	    now.st_ino == held.st_ino) {
		d->db_lost = 0;
		return 0;
	}
	if (!d->db_lost)
		log_crit("the database %s was %s under the daemon: what it holds now is not "
		    "what the office sees; reopening %s", d->conf->database,
		    stat(d->conf->database, &now) == 0 ? "replaced" : "deleted",
		    d->conf->database);
	d->db_lost = 1;
	if (!delivery_idle(&d->dl))
		return 0;
	if (stat(d->conf->database, &now) != 0)
		return 0;	/* deleted: told once; reopened when it is back */
	if ((cause = daemon_reopen(d)) != NULL) {
		log_crit("cannot reopen %s: %s", d->conf->database, cause);
		if (strstr(cause, "another duband is running") != NULL) {
			/* it works the file the office sees: this one holds an orphan */
			log_crit("stopping: another duband works %s now", d->conf->database);
			notify_send("STOPPING=1");
			d->stopping = 1;
			d->exit_code = DUBAND_EXIT_NOT_READY;
		}
		free(cause);
		return 0;
	}
	d->db_lost = 0;
	log_info("reopened the database %s", d->conf->database);
	return 1;
}

/* A mail result waits to be recorded (and the mailer with it): end the transaction. */
static int
mail_waits(void *arg)
{
	struct daemon *d = arg;

	return delivery_waits(&d->dl, instant_now());
}

/* The mail results gathered so far go into the transitions' transaction. */
static void
record_inside(void *arg)
{
	struct daemon *d = arg;

	delivery_record_in(&d->dl, d->store, d->conf, instant_now());
}

/*
 * After a transaction of a burst's transitions: the results in it are
 * recorded if it was committed, and the notices committed so far go to an
 * idle mailer, so that delivery runs alongside the burst.
 */
static void
after_round(void *arg, bool committed, bool more)
{
	struct daemon *d = arg;

	if (delivery_txn_end(&d->dl, committed))
		daemon_status(d);
	if (committed && more)
		dispatch_mail(d, instant_now(), true);
}

instant_t
daemon_work(struct daemon *d)
{
	struct sched_hooks hooks = { mail_waits, record_inside, after_round, d, SCHED_ROUND_MS };
	instant_t now = instant_now(), next, mail, wait;
	int done = 0;

	daemon_check_file(d);
	if (delivery_to_record(&d->dl, now))
		daemon_mail_done(d);
	if (d->stopping)
		return 0;
	if (d->db_lost)
		return now + 1000;	/* nothing new from a file the office no longer sees */
	swap_if_idle(d);
	if (now < d->db_retry_at)
		return earliest(d->db_retry_at, delivery_next(&d->dl));
	if (sched_run(d->store, d->conf, now, SCHED_BATCH, SCHED_ROUNDS, &done, &hooks) != 0) {
		/* locked by another process, or the disk is full: back off, 1 s to 30 s */
		wait = 1000LL << (d->db_failures < 5 ? d->db_failures : 5);
		d->db_failures++;
		d->db_retry_at = now + wait;
		log_warnx("transitions will be tried again in %lld s", (long long)(wait / 1000));
		return d->db_retry_at;
	}
	if (d->db_failures > 0)
		log_info("the database takes writes again");
	d->db_failures = 0;
	d->db_retry_at = 0;
	d->last_pass = now;
	next = store_next_event(d->store);
	/* a burst still being worked off: its digests wait for the rest of it */
	dispatch_mail(d, now, next != 0 && next <= now);
	store_changed(d->store);
	next = earliest(next, delivery_next(&d->dl));	/* results in back-off */
	if (delivery_idle(&d->dl)) {
		mail = store_outbox_next(d->store);
		if (mail != 0 && mail < now)
			mail = now;
		next = earliest(next, mail);
	}
	if (done > 0)
		daemon_status(d);
	return next;
}

/* Every open action's deadline and next event under the configuration in force. */
static void
daemon_recompute(struct daemon *d)
{
	instant_t t0 = instant_now();
	int seen, moved;

	if (sched_recompute(d->store, d->conf, t0, &seen, &moved) != 0) {
		log_warnx("deadlines not recomputed; they will be at the next reload");
		return;
	}
	log_info("recomputed %d open actions in %lld ms: %d deadlines moved", seen,
	    (long long)(instant_now() - t0), moved);
}

void
daemon_reload(struct daemon *d)
{
	struct diag diag = { 0 };
	struct config *nc;
	size_t i;

	notify_send("RELOADING=1");
	nc = conf_load_all(d->conf_path, &diag);
	for (i = 0; i < diag.nwarn; i++)
		log_warnx("%s", diag.warns[i]);
	for (i = 0; i < diag.n; i++)
		log_warnx("%s", diag.msgs[i]);
	diag_free(&diag);
	if (nc == NULL) {
		log_warnx("reload refused: %s has errors; the running configuration stays",
		    d->conf_path);
		notify_send("READY=1");
		return;
	}
	if (d->next_conf != NULL)
		conf_free(d->next_conf);
	d->next_conf = nc;
	if (!delivery_idle(&d->dl)) {
		/* swapped when the message in flight is done: see daemon_swap */
		log_info("reload: the new configuration takes over when the mail in flight is done");
		return;
	}
	daemon_swap(d);
}

/*
 * Swap in the configuration a reload read, with the mailer idle: installing
 * its time zone changes the process's environment, which no other thread
 * may read meanwhile.
 */
static void
daemon_swap(struct daemon *d)
{
	struct config *nc = d->next_conf;

	d->next_conf = NULL;
	if (strcmp(nc->timezone, d->conf->timezone) != 0) {
		tz_set(nc->timezone);
		log_info("reload: local time is %s now", nc->timezone);
	}
	if (strcmp(nc->database, d->conf->database) != 0)
		log_warnx("reload: a new database path takes effect only after a restart");
	if (strcmp(nc->socket_path, d->conf->socket_path) != 0)
		log_warnx("reload: a new control socket path takes effect only after a restart");
	free(nc->database);
	nc->database = xstrdup(d->conf->database);
	free(nc->socket_path);
	nc->socket_path = xstrdup(d->conf->socket_path);
	conf_free(d->conf);
	d->conf = nc;
	mailer_configure(d->dl.mailer, &d->conf->smtp);
	log_info("configuration reloaded: %d rules", d->conf->nrules);
	daemon_recompute(d);
	notify_send("READY=1");
}

/* Reload's part that waits for an idle mailer, if it waited. */
static void
swap_if_idle(struct daemon *d)
{
	if (d->next_conf != NULL && delivery_idle(&d->dl))
		daemon_swap(d);
}

/* The answer to "status": what the daemon is doing, one "key: value" a line. */
static void
control_status(struct daemon *d, char *out, size_t len)
{
	struct outbox_counts c;
	instant_t next = store_next_event(d->store);
	char when[32] = "none";
	int open, overdue;

	if (store_count_open(d->store, instant_now(), d->conf->waiting_rules, &open, &overdue) != 0)
		open = overdue = -1;
	if (store_outbox_counts_all(d->store, &c) != 0)
		memset(&c, 0xff, sizeof(c));	/* -1 each: the database did not answer */
	if (next != 0)
		instant_format(next, when, sizeof(when));
	snprintf(out, len,
	    "pid: %ld\nconfiguration: %s\ndatabase: %s\nrules: %d\n"
	    "open actions: %d\noverdue: %d\nnext event: %s\n"
	    "mail queued: %d\nmail sent: %d\nmail failed: %d\nmailer: %s\nlast pass: %lld\n",
	    (long)getpid(), d->conf->path, d->conf->database, d->conf->nrules, open, overdue,
	    when, c.queued, c.sent, c.failed, delivery_state_name(&d->dl),
	    (long long)(d->last_pass / 1000));
}

void
daemon_control(struct daemon *d)
{
	struct sockaddr_un from;
	socklen_t fromlen;
	char buf[256], reply[1024];
	ssize_t n;

	for (;;) {
		fromlen = sizeof(from);
		n = recvfrom(d->ctl_fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fromlen);
		if (n < 0)
			break;
		buf[n] = '\0';
		log_debug("control: %s", buf);
		if (strcmp(buf, "status") == 0 && fromlen > sizeof(sa_family_t)) {
			control_status(d, reply, sizeof(reply));
			if (sendto(d->ctl_fd, reply, strlen(reply), MSG_DONTWAIT | MSG_NOSIGNAL,
			    (struct sockaddr *)&from, fromlen) == -1)
				log_warn("control: cannot answer status");
		}
	}
}

int
daemon_notified(struct daemon *d)
{
	return store_notified(d->store);
}

int
daemon_changed(struct daemon *d)
{
	int reopened = daemon_check_file(d);

	return store_changed(d->store) || reopened;
}

int
daemon_mail_done(struct daemon *d)
{
	int over = delivery_record(&d->dl, d->store, d->conf, instant_now());

	if (over && d->dl.state == DELIVERY_IDLE)
		daemon_status(d);
	return over;
}
