/* libev glue only: each callback hands its watcher's data to a plain function. */
#include <ev.h>
#include <signal.h>

#include "daemon.h"
#include "duban/log.h"
#include "duban/notify.h"

static struct ev_loop	*loop;
static ev_periodic	 next_event;
static ev_timer		 housekeeping;
static ev_signal	 sig_hup, sig_term, sig_int;
static ev_async		 mail_async;
static ev_io		 ctl_io;
static ev_io		 db_io;		/* PostgreSQL's socket, for NOTIFY */
static int		 watchdog;

/* Arm the one timer at the next instant something is due. */
static void
arm(struct daemon *d, instant_t next)
{
	ev_periodic_stop(loop, &next_event);
	if (next == 0 || d->stopping)
		return;
	ev_periodic_set(&next_event, (ev_tstamp)next / 1000.0, 0, NULL);
	ev_periodic_start(loop, &next_event);
}

static void
work(struct daemon *d)
{
	arm(d, daemon_work(d));
	if (d->stopping)
		ev_break(loop, EVBREAK_ALL);	/* the daemon found it must not go on */
}

static void
on_next_event(EV_P_ ev_periodic *w, int revents)
{
	(void)revents;
	(void)loop;
	work(w->data);
}

static void
on_mail(EV_P_ ev_async *w, int revents)
{
	(void)revents;
	(void)loop;
	if (daemon_mail_done(w->data))
		work(w->data);
}

static void
on_control(EV_P_ ev_io *w, int revents)
{
	(void)revents;
	(void)loop;
	daemon_control(w->data);
	work(w->data);
	daemon_status(w->data);
}

static void
on_db(EV_P_ ev_io *w, int revents)
{
	(void)revents;
	(void)loop;
	if (daemon_notified(w->data)) {
		work(w->data);
		daemon_status(w->data);
	}
}

/*
 * Watch the database's socket, the new one after a reconnection (even one
 * that got the old one's number: libev must be told of it again).
 */
static void
watch_db(struct daemon *d)
{
	static int gen;
	int fd = store_fd(d->store);

	if (fd == db_io.fd && ev_is_active(&db_io) && gen == store_connections(d->store))
		return;
	gen = store_connections(d->store);
	ev_io_stop(loop, &db_io);
	if (fd < 0)
		return;
	ev_io_set(&db_io, fd, EV_READ);
	ev_io_start(loop, &db_io);
}

static void
on_housekeeping(EV_P_ ev_timer *w, int revents)
{
	struct daemon *d = w->data;

	(void)revents;
	(void)loop;
	watch_db(d);
	if (watchdog)
		notify_send("WATCHDOG=1");
	if (daemon_changed(d)) {
		work(d);
		daemon_status(d);
	} else if (d->status_pending)
		daemon_status(d);
}

static void
on_hup(EV_P_ ev_signal *w, int revents)
{
	(void)revents;
	(void)loop;
	log_info("SIGHUP: reloading the configuration");
	daemon_reload(w->data);
	work(w->data);
}

static void
on_stop(EV_P_ ev_signal *w, int revents)
{
	struct daemon *d = w->data;

	(void)revents;
	log_info("%s: stopping", w->signum == SIGTERM ? "SIGTERM" : "SIGINT");
	d->stopping = 1;
	notify_send("STOPPING=1");
	ev_break(EV_A_ EVBREAK_ALL);
}

void
loop_wake_mail(void *arg)
{
	(void)arg;
	ev_async_send(loop, &mail_async);
}

void
loop_run(struct daemon *d)
{
	uint64_t wd = notify_watchdog_usec();
	sigset_t stop;
	double interval = d->conf->poll_interval;

	loop = ev_default_loop(EVFLAG_AUTO);
	signal(SIGPIPE, SIG_IGN);
	ev_periodic_init(&next_event, on_next_event, 0, 0, NULL);
	next_event.data = d;
	ev_async_init(&mail_async, on_mail);
	mail_async.data = d;
	ev_async_start(loop, &mail_async);
	ev_signal_init(&sig_hup, on_hup, SIGHUP);
	ev_signal_init(&sig_term, on_stop, SIGTERM);
	ev_signal_init(&sig_int, on_stop, SIGINT);
	sig_hup.data = sig_term.data = sig_int.data = d;
	ev_signal_start(loop, &sig_hup);
	ev_signal_start(loop, &sig_term);
	ev_signal_start(loop, &sig_int);
	/* main() blocked them while starting; any that came are handled now */
	sigemptyset(&stop);
	sigaddset(&stop, SIGHUP);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_UNBLOCK, &stop, NULL);
	if (d->ctl_fd != -1) {
		ev_io_init(&ctl_io, on_control, d->ctl_fd, EV_READ);
		ctl_io.data = d;
		ev_io_start(loop, &ctl_io);
	}
	if (wd > 0) {
		watchdog = 1;
		if (wd / 2e6 < interval)
			interval = wd / 2e6;
	}
	ev_io_init(&db_io, on_db, -1, EV_READ);
	db_io.data = d;
	watch_db(d);
	ev_timer_init(&housekeeping, on_housekeeping, interval, interval);
	housekeeping.data = d;
	ev_timer_start(loop, &housekeeping);

	work(d);
	daemon_status(d);
	notify_send("READY=1");
	if (watchdog)
		notify_send("WATCHDOG=1");
	ev_run(loop, 0);
}
