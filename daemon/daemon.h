/* duband's state and the plain functions the libev adapters in loop.c call. */
#ifndef DUBAN_DAEMON_H
#define DUBAN_DAEMON_H

#include "delivery.h"
#include "duban/conf.h"
#include "duban/store.h"

/* Exit status when the administrator must act first (EX_CONFIG); the unit does not restart on it. */
#define DUBAND_EXIT_NOT_READY	78

struct daemon {
	struct config	*conf;
	const char	*conf_path;
	struct store	*store;
	struct delivery	 dl;		/* the batch at the mailer and its results */
	int		 ctl_fd;
	int		 lock_fd;
	int		 stopping;
	instant_t	 db_retry_at;	/* after a failed write: wait, don't spin */
	instant_t	 status_at;	/* when STATUS= was last sent */
	instant_t	 last_pass;	/* when the transitions were last worked (status, /metrics) */
	int		 status_pending;	/* a change since, not yet told */
	int		 db_failures;
	int		 db_lost;	/* the path no longer names the open file */
	int		 exit_code;	/* duband's status when it stops by itself */
	int		 db_linked;	/* the open file has more than one name: said once */
	struct config	*next_conf;	/* read by a reload, waiting for an idle mailer */
	void		(*wake_mail)(void *d);	/* the loop's wake-up, safe from the mailer's thread */
};

/* Open everything in order (d->wake_mail set first); exits with a message on failure. */
void daemon_init(struct daemon *d);
void daemon_shutdown(struct daemon *d);
/*
 * Perform due transitions and hand queued mail to the mailer; returns the
 * next instant something is due (0: nothing).
 */
instant_t daemon_work(struct daemon *d);
/*
 * Record the mailer's results in the outbox (delivery.c); 1 when its batch
 * is over (the loop then looks for more work), 0 while it goes on.
 */
int daemon_mail_done(struct daemon *d);
/* SIGHUP: swap in a new configuration if it is valid. */
void daemon_reload(struct daemon *d);
/* A datagram arrived on the control socket. */
void daemon_control(struct daemon *d);
/* Periodic: notice changes made while a wake-up was lost. */
int daemon_changed(struct daemon *d);
/* PostgreSQL's socket has something: 1 when dubanctl (or another) notified. */
int daemon_notified(struct daemon *d);
/* status.c: tell systemd the queue sizes (at most once a second). */
void daemon_status(struct daemon *d);

/* loop.c: run until SIGTERM or SIGINT. */
void loop_run(struct daemon *d);
/* loop.c: the mailer's wake-up, safe from any thread. */
void loop_wake_mail(void *arg);

#endif
