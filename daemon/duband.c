/* duband's work between events: transitions, outbox, reload, control socket. */
#include <errno.h>
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
#include "duban/log.h"
#include "duban/notify.h"
#include "duban/sched.h"
#include "duban/xmalloc.h"

#define SCHED_BATCH	500

/* One daemon per database: a lock file beside it. */
static void
daemon_lock(struct daemon *d)
{
	char *path;

	if (strcmp(d->conf->database, ":memory:") == 0) {
		d->lock_fd = -1;
		return;
	}
	xasprintf(&path, "%s.lock", d->conf->database);
	d->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (d->lock_fd == -1)
		fatal("%s", path);
	if (flock(d->lock_fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			fatalx("%s: another duband is running on this database", path);
		fatal("%s: lock", path);
	}
	free(path);
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
	char *cause;
	size_t i;

	d->conf = conf_load(d->conf_path, &diag);
	if (d->conf != NULL && conf_read_secrets(d->conf, &diag) != 0) {
		conf_free(d->conf);
		d->conf = NULL;
	}
	for (i = 0; i < diag.nwarn; i++)
		log_warnx("%s", diag.warns[i]);
	for (i = 0; i < diag.n; i++)
		log_warnx("%s", diag.msgs[i]);
	diag_free(&diag);
	if (d->conf == NULL)
		fatalx("%s: configuration not valid", d->conf_path);
	daemon_lock(d);
	if ((d->store = store_open(d->conf->database, 0, &cause)) == NULL)
		fatalx("%s", cause);
	control_open(d);
	d->mailer = mailer_start(&d->conf->smtp, loop_wake_mail, d);
	log_info("started: database %s, %d rules, SMTP %s:%d", d->conf->database,
	    d->conf->nrules, d->conf->smtp.host, d->conf->smtp.port);
}

void
daemon_shutdown(struct daemon *d)
{
	if (mailer_stop(d->mailer, 5000) != 0)
		log_warnx("the SMTP exchange in flight did not end; its notices stay queued");
	else {
		daemon_mail_done(d);
		mailer_free(d->mailer);
	}
	if (d->ctl_fd != -1) {
		close(d->ctl_fd);
		unlink(d->conf->socket_path);
	}
	store_close(d->store);
	if (d->lock_fd != -1)
		close(d->lock_fd);
	conf_free(d->conf);
	log_info("stopped");
}

/* Hand the queued notices that are due to the mailer, if it is idle. */
static void
dispatch_mail(struct daemon *d, instant_t now)
{
	struct outbox_item *items;
	struct mail_job *jobs;
	int n, i, batch = d->conf->smtp.batch;

	if (d->stopping || mailer_busy(d->mailer))
		return;
	items = xcalloc((size_t)batch, sizeof(*items));
	n = store_outbox_due(d->store, now, batch, items);
	if (n > 0) {
		jobs = xcalloc((size_t)n, sizeof(*jobs));
		for (i = 0; i < n; i++) {
			jobs[i].id = items[i].id;
			jobs[i].recipient = items[i].recipient;
			jobs[i].message = items[i].message;
			jobs[i].attempts = items[i].attempts;
		}
		log_debug("handing %d messages to the mailer", n);
		mailer_submit(d->mailer, jobs, n);
	}
	free(items);
}

instant_t
daemon_work(struct daemon *d)
{
	instant_t now = time_now(), next, mail;
	int done;

	if (sched_run(d->store, d->conf, now, SCHED_BATCH, &done) != 0)
		log_warnx("transitions will be tried again");
	dispatch_mail(d, now);
	store_changed(d->store);
	next = store_next_event(d->store);
	if (!mailer_busy(d->mailer)) {
		mail = store_outbox_next(d->store);
		if (mail != 0 && (next == 0 || mail < next))
			next = mail;
	}
	if (done > 0)
		daemon_status(d);
	return next;
}

/* The wait before the next try of a notice: doubling, capped. */
static instant_t
retry_delay(const struct smtp_conf *smtp, int attempts)
{
	instant_t delay = (instant_t)smtp->retry_min * 1000;

	while (attempts-- > 0 && delay < (instant_t)smtp->retry_max * 1000)
		delay *= 2;
	if (delay > (instant_t)smtp->retry_max * 1000)
		delay = (instant_t)smtp->retry_max * 1000;
	return delay;
}

void
daemon_mail_done(struct daemon *d)
{
	struct mail_result *r;
	instant_t now = time_now();
	int n, i;

	if ((n = mailer_results(d->mailer, &r)) == 0)
		return;
	if (store_begin(d->store) != 0) {
		log_warnx("mail results not recorded; the messages will be sent again");
		mail_results_free(r, n);
		return;
	}
	for (i = 0; i < n; i++) {
		switch (r[i].outcome) {
		case MAIL_SENT:
			log_info("notice %lld delivered: %s", (long long)r[i].id, r[i].reply);
			store_notice_sent(d->store, r[i].id, now, r[i].reply);
			break;
		case MAIL_RETRY:
			log_warnx("notice %lld not delivered, will retry: %s", (long long)r[i].id,
			    r[i].reply);
			store_notice_retry(d->store, r[i].id,
			    now + retry_delay(&d->conf->smtp, r[i].attempts), r[i].reply);
			break;
		case MAIL_FAILED:
			log_warnx("notice %lld refused by the server: %s", (long long)r[i].id,
			    r[i].reply);
			store_notice_failed(d->store, r[i].id, r[i].reply);
			break;
		}
	}
	if (store_commit(d->store) != 0) {
		log_warnx("mail results not recorded: %s", store_errmsg(d->store));
		store_rollback(d->store);
	}
	mail_results_free(r, n);
	daemon_status(d);
}

void
daemon_reload(struct daemon *d)
{
	struct diag diag = { 0 };
	struct config *nc;
	size_t i;

	notify_send("RELOADING=1");
	nc = conf_load(d->conf_path, &diag);
	if (nc != NULL && conf_read_secrets(nc, &diag) != 0) {
		conf_free(nc);
		nc = NULL;
	}
	for (i = 0; i < diag.nwarn; i++)
		log_warnx("%s", diag.warns[i]);
	for (i = 0; i < diag.n; i++)
		log_warnx("%s", diag.msgs[i]);
	diag_free(&diag);
	if (nc == NULL) {
		log_warnx("reload refused: %s has errors; the running configuration stays",
		    d->conf_path);
		tz_set(d->conf->timezone);
		notify_send("READY=1");
		return;
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
	mailer_configure(d->mailer, &d->conf->smtp);
	log_info("configuration reloaded: %d rules", d->conf->nrules);
	notify_send("READY=1");
}

/* The answer to "status": what the daemon is doing, one "key: value" a line. */
static void
control_status(struct daemon *d, char *out, size_t len)
{
	struct outbox_counts c;
	instant_t next = store_next_event(d->store);
	char when[32] = "none";
	int open, overdue;

	store_count_open(d->store, time_now(), &open, &overdue);
	store_outbox_counts(d->store, &c);
	if (next != 0)
		instant_format(next, when, sizeof(when));
	snprintf(out, len,
	    "pid: %ld\nconfiguration: %s\ndatabase: %s\nrules: %d\n"
	    "open actions: %d\noverdue: %d\nnext event: %s\n"
	    "mail queued: %d\nmail sent: %d\nmail failed: %d\nmailer: %s\n",
	    (long)getpid(), d->conf->path, d->conf->database, d->conf->nrules, open, overdue,
	    when, c.queued, c.sent, c.failed, mailer_busy(d->mailer) ? "sending" : "idle");
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
daemon_changed(struct daemon *d)
{
	return store_changed(d->store);
}

void
daemon_status(struct daemon *d)
{
	struct outbox_counts c;
	int open, overdue;

	store_count_open(d->store, time_now(), &open, &overdue);
	store_outbox_counts(d->store, &c);
	notify_send("STATUS=%d open actions, %d overdue; mail: %d queued, %d failed",
	    open, overdue, c.queued, c.failed);
}
