/*
 * The mailer: a thread that delivers batches of messages with libESMTP, one
 * SMTP session per batch, and hands back one result per message as soon as
 * the server has answered it, so that the loop records it at once and a
 * crash can duplicate only the message in flight. It never touches the
 * database; the loop owns the outbox.
 */
#ifndef DUBAN_MAILER_H
#define DUBAN_MAILER_H

#include <stdint.h>

#include "duban/conf.h"

struct mail_job {
	int64_t	 id;
	char	*recipient;	/* envelope address */
	char	*message;	/* the whole message, CRLF */
	int	 attempts;	/* tries so far, handed back in the result */
};

enum mail_outcome {
	MAIL_SENT,
	MAIL_RETRY,		/* 4xx, or the server could not be reached */
	MAIL_FAILED		/* 5xx: the server refused it for good */
};

struct mail_result {
	int64_t			 id;
	enum mail_outcome	 outcome;
	int			 code;
	char			*reply;		/* the server's words or the error */
	int			 attempts;
};

struct mailer;

/*
 * Start the thread. wake(arg) is called from the mailer thread when results
 * are ready (the loop passes ev_async_send).
 */
struct mailer *mailer_start(const struct smtp_conf *smtp, void (*wake)(void *), void *arg);
/* Use new SMTP settings from the next batch on. */
void mailer_configure(struct mailer *m, const struct smtp_conf *smtp);
/* Is a batch being delivered (or waiting to be)? */
int mailer_busy(struct mailer *m);
/*
 * Does the mailer wait for the loop: in-flight deliveries to record before
 * the next text, or the results of a batch it has finished?
 */
int mailer_waiting(struct mailer *m);
/*
 * The batch's claim on a shared outbox holds until this instant (0: no
 * claim): from then on no message's text is sent; the session is cut.
 */
void mailer_hold_until(struct mailer *m, instant_t until);
/* Hand over a batch; the mailer owns the jobs' strings from now on. */
void mailer_submit(struct mailer *m, struct mail_job *jobs, int n);
/*
 * Take the results gathered so far; returns their count. A batch's results
 * come one by one; the batch is over when each of its jobs has one.
 */
int mailer_results(struct mailer *m, struct mail_result **out);
void mail_results_free(struct mail_result *r, int n);
/*
 * The loop has recorded `delivered` more of the messages the server
 * accepted. While [smtp] in-flight of them wait to be recorded, the mailer
 * sends no message's text: a crash repeats at most that many.
 */
void mailer_recorded(struct mailer *m, int delivered);
/*
 * Stop: let the batch in flight finish for at most wait_ms. Returns 0 if
 * the thread ended (take its last results, then mailer_free), -1 if it was
 * still in an SMTP exchange: it is detached and must not be freed.
 */
int mailer_stop(struct mailer *m, int wait_ms);
void mailer_free(struct mailer *m);
/* Deliver in the calling thread (dubanctl mail test): one result per job. */
void mailer_send_now(const struct smtp_conf *smtp, struct mail_job *jobs, int n,
    struct mail_result *res);

#endif
