/* The mailer thread: SMTP sessions (smtp.c) on self-contained copies of the jobs. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <auth-client.h>
#include <libesmtp.h>

#include "duban/log.h"
#include "duban/mailer.h"
#include "duban/xmalloc.h"
#include "core/mail/smtp.h"

struct mailer {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct mail_settings	 set;		/* guarded by lock; copied per batch */
	struct mail_job		*jobs;
	int			 njobs;
	int			 busy;
	int			 stopping;
	int			 exited;
	struct mail_result	*results;
	int			 nresults;
	int			 unrecorded;	/* delivered, not yet recorded by the loop */
	void			(*wake)(void *);
	void			*wake_arg;
	instant_t		 hold_until;	/* the batch's claim runs out (0: none) */
};

/* A result for the loop, handed over at once (the reply moves with it). */
static void
mailer_report(void *arg, struct mail_result *r)
{
	struct mailer *m = arg;

	pthread_mutex_lock(&m->lock);
	m->results = xreallocarray(m->results, (size_t)m->nresults + 1, sizeof(*r));
	m->results[m->nresults++] = *r;
	r->reply = NULL;
	if (m->results[m->nresults - 1].outcome == MAIL_SENT)
		m->unrecorded++;
	pthread_mutex_unlock(&m->lock);
	m->wake(m->wake_arg);
}

/*
 * At most in_flight delivered messages wait to be recorded when the text of
 * the next one leaves (its envelope may go meanwhile), so that a crash can
 * send again only those the server has just accepted (the loop records them
 * meanwhile, several in one commit), and a database that cannot take the
 * results stops delivery rather than repeating it. Stopping lets the batch
 * finish; the results are recorded after.
 */
static int
mailer_before_text(void *arg)
{
	struct mailer *m = arg;
	instant_t until;

	pthread_mutex_lock(&m->lock);
	while (m->unrecorded >= m->set.in_flight && !m->stopping)
		pthread_cond_wait(&m->cond, &m->lock);
	until = m->hold_until;
	pthread_mutex_unlock(&m->lock);
	/* a batch claimed on a shared database is sent only while the claim holds */
	return until != 0 && instant_now() >= until;
}

void
mailer_hold_until(struct mailer *m, instant_t until)
{
	pthread_mutex_lock(&m->lock);
	m->hold_until = until;
	pthread_mutex_unlock(&m->lock);
}

void
mailer_recorded(struct mailer *m, int delivered)
{
	pthread_mutex_lock(&m->lock);
	m->unrecorded = delivered < m->unrecorded ? m->unrecorded - delivered : 0;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
}

static void *
mailer_main(void *arg)
{
	struct mailer *m = arg;
	struct smtp_hooks hooks = { mailer_report, mailer_before_text, m };
	struct mail_settings set;
	struct mail_result *res;
	struct mail_job *jobs;
	sigset_t all;
	int n;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	auth_client_init();
	pthread_mutex_lock(&m->lock);
	for (;;) {
		while (m->jobs == NULL && !m->stopping)
			pthread_cond_wait(&m->cond, &m->lock);
		if (m->stopping)
			break;
		jobs = m->jobs;
		n = m->njobs;
		m->jobs = NULL;
		m->njobs = 0;
		smtp_settings_copy(&set, &m->set);
		pthread_mutex_unlock(&m->lock);

		res = xcalloc((size_t)n, sizeof(*res));
		smtp_deliver(&set, jobs, n, res, &hooks);
		smtp_settings_free(&set);
		smtp_jobs_free(jobs, n);
		free(res);	/* each result went to the loop as it came */

		pthread_mutex_lock(&m->lock);
		m->busy = 0;
		pthread_cond_broadcast(&m->cond);
		pthread_mutex_unlock(&m->lock);
		m->wake(m->wake_arg);
		pthread_mutex_lock(&m->lock);
	}
	m->exited = 1;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
	return NULL;
}

struct mailer *
mailer_start(const struct smtp_conf *smtp, void (*wake)(void *), void *arg)
{
	struct mailer *m = xcalloc(1, sizeof(*m));
	int rc;

	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->cond, NULL);
	smtp_settings_from_conf(&m->set, smtp);
	m->wake = wake;
	m->wake_arg = arg;
	if ((rc = pthread_create(&m->thread, NULL, mailer_main, m)) != 0) {
		errno = rc;
		fatal("cannot start the mailer thread");
	}
	return m;
}

void
mailer_configure(struct mailer *m, const struct smtp_conf *smtp)
{
	pthread_mutex_lock(&m->lock);
	smtp_settings_free(&m->set);
	smtp_settings_from_conf(&m->set, smtp);
	pthread_cond_broadcast(&m->cond);	/* a larger in-flight lets a held text go */
	pthread_mutex_unlock(&m->lock);
}

int
mailer_busy(struct mailer *m)
{
	int busy;

	pthread_mutex_lock(&m->lock);
	busy = m->busy;
	pthread_mutex_unlock(&m->lock);
	return busy;
}

int
mailer_waiting(struct mailer *m)
{
	int waiting;

	pthread_mutex_lock(&m->lock);
	/* held before a text, or done with results the loop has not taken */
	waiting = m->unrecorded >= m->set.in_flight || (!m->busy && m->nresults > 0);
	pthread_mutex_unlock(&m->lock);
	return waiting;
}

void
mailer_submit(struct mailer *m, struct mail_job *jobs, int n)
{
	pthread_mutex_lock(&m->lock);
	if (m->busy)
		fatalx("mailer: a batch was submitted while another is in flight");
	m->jobs = jobs;
	m->njobs = n;
	m->busy = 1;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
}

int
mailer_results(struct mailer *m, struct mail_result **out)
{
	int n;

	pthread_mutex_lock(&m->lock);
	*out = m->results;
	n = m->nresults;
	m->results = NULL;
	m->nresults = 0;
	pthread_mutex_unlock(&m->lock);
	return n;
}

void
mail_results_free(struct mail_result *r, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(r[i].reply);
	free(r);
}

int
mailer_stop(struct mailer *m, int wait_ms)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += wait_ms / 1000;
	until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&m->lock);
	m->stopping = 1;
	pthread_cond_broadcast(&m->cond);
	while (!m->exited && rc == 0)
		rc = pthread_cond_timedwait(&m->cond, &m->lock, &until);
	if (!m->exited) {
		/* Still in an SMTP exchange: leave it; the notices stay queued. */
		pthread_mutex_unlock(&m->lock);
		pthread_detach(m->thread);
		return -1;
	}
	pthread_mutex_unlock(&m->lock);
	pthread_join(m->thread, NULL);
	return 0;
}

void
mailer_free(struct mailer *m)
{
	mail_results_free(m->results, m->nresults);
	smtp_jobs_free(m->jobs, m->njobs);
	smtp_settings_free(&m->set);
	pthread_mutex_destroy(&m->lock);
	pthread_cond_destroy(&m->cond);
	free(m);
}
