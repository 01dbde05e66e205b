/*
 * One SMTP session with libESMTP, private to the mailer: the settings it is
 * given, and the delivery of a batch of jobs, each job's result reported as
 * soon as the server has answered it.
 */
#ifndef DUBAN_SMTP_H
#define DUBAN_SMTP_H

#include "duban/conf.h"
#include "duban/mailer.h"

struct mail_settings {
	char	*server;	/* host:port */
	int	 port;
	char	*helo;
	char	*from_addr;
	int	 starttls;
	int	 timeout_ms;
	char	*user;
	char	*password;
	char	*ca_file;	/* NULL: the system's CA store */
	int	 in_flight;	/* accepted, unrecorded messages before a text waits (≥ 1) */
};

void smtp_settings_from_conf(struct mail_settings *s, const struct smtp_conf *c);
void smtp_settings_free(struct mail_settings *s);
void smtp_settings_copy(struct mail_settings *dst, const struct mail_settings *src);
/* Where a session's results go, if anywhere. */
struct smtp_hooks {
	/* each result, as soon as the server has answered its message */
	void	(*report)(void *, struct mail_result *);
	/*
	 * before a message's text leaves: waits while in_flight accepted
	 * messages wait to be recorded; nonzero: the batch may no longer be sent (its claim ran
	 * out), and the session is cut before the text
	 */
	int	(*before_text)(void *);
	void	*arg;
};

/* One SMTP session for the whole batch; one result per job in res. */
void smtp_deliver(const struct mail_settings *set, struct mail_job *jobs, int n,
    struct mail_result *res, const struct smtp_hooks *hooks);
void smtp_jobs_free(struct mail_job *jobs, int n);

#endif
