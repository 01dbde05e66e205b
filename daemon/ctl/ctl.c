/*
 * What every handler of dubanctl shares: the database's failure said once,
 * an audit row committed, a lookup refused, the daemon woken or asked, a
 * message sent now, an argument's time, address or id checked.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"
#include "duban/control.h"
#include "duban/address.h"
#include "duban/dbfile.h"
#include "duban/log.h"
#include "duban/mailer.h"
#include "duban/notice.h"
#include "duban/text.h"
#include "duban/version.h"

int
ctl_db_failed(struct ctl *c)
{
	fprintf(stderr, _("dubanctl: the database failed: %s\n"), store_errmsg(c->store));
	return EXIT_DATABASE;
}

int
ctl_event_commit(struct ctl *c, int64_t action_id, const char *what, const char *detail)
{
	if (store_event(c->store, instant_now(), c->who, action_id, what, detail) == 0 &&
	    store_commit(c->store) == 0)
		return EXIT_OK;
	fprintf(stderr, _("dubanctl: %s: nothing was stored: %s\n"), what, store_errmsg(c->store));
	store_rollback(c->store);
	return EXIT_DATABASE;
}

int
ctl_lookup(struct ctl *c, int rc, const char *fmt, ...)
{
	va_list ap;

	if (rc < 0)
		return ctl_db_failed(c);
	fprintf(stderr, "dubanctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, gettext(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

void
ctl_wake(struct ctl *c)
{
	/* PostgreSQL: every instance, on whatever host, hears it */
	if (c->store != NULL)
		store_notify(c->store);
	/* The daemon may be down: then it looks at the database when it starts. */
	if (c->conf != NULL)
		control_send(c->conf->socket_path, "wake");
}

int
ctl_ask(struct ctl *c, const char *request, char *reply, size_t len, int timeout_ms)
{
	if (c->conf == NULL) {
		errno = EINVAL;
		return -1;
	}
	return control_ask(c->conf->socket_path, request, reply, len, timeout_ms);
}

int
ctl_send_now(struct ctl *c, const char *to_name, const char *to_addr, const char *subject,
    const char *body, const char *tag_kind, char **reply)
{
	struct diag d = { 0 };
	struct mail_job job;
	struct mail_result res;
	instant_t now = instant_now();
	char tag[64], *msgid;

	*reply = NULL;
	if (conf_read_secrets(c->conf, &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		return EXIT_CONFIG;
	}
	snprintf(tag, sizeof(tag), "%s.%lld", tag_kind, (long long)now);
	memset(&job, 0, sizeof(job));
	memset(&res, 0, sizeof(res));
	job.recipient = UNCONST(to_addr);
	job.message = notice_compose(c->conf, to_name, to_addr, subject, body, tag, NULL, NULL,
	    now, &msgid);
	mailer_send_now(&c->conf->smtp, &job, 1, &res);
	free(job.message);
	free(msgid);
	*reply = res.reply;
	return res.outcome == MAIL_SENT ? EXIT_OK : EXIT_FAIL;
}

int
ctl_check_time(const char *opt, instant_t t, int force)
{
	const instant_t year = 366LL * 86400 * 1000;
	instant_t now = instant_now();
	char when[32];

	if (force || (t >= now - year && t <= now + year))
		return 0;
	instant_format(t, when, sizeof(when));
	fprintf(stderr, t < now ? _("dubanctl: %s %s is more than a year before now (a typo?); give"
	    " --force if it is right\n") : _("dubanctl: %s %s is more than a year after now (a"
	    " typo?); give --force if it is right\n"), opt, when);
	return EXIT_USAGE;
}

int
ctl_check_address(const char *what, const char *value, int kind)
{
	const char *why = NULL;
	char *bad = NULL, *e;
	int rc;

	if (kind == ADDR_LIST)
		rc = address_check_list(value, &why, &bad);
	else if (kind == ADDR_SPEC)
		rc = address_check_spec(value, &why);
	else
		rc = address_check(value, &why);
	if (rc == 0)
		return 0;
	e = text_escape(bad ? bad : value);
	fprintf(stderr, _("dubanctl: %s: '%s' is not a mail address: %s\n"), what, e, why);
	free(e);
	free(bad);
	return EXIT_USAGE;
}

int
ctl_parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v <= 0) {
		fprintf(stderr, _("dubanctl: '%s' is not an action number\n"), s);
		return -1;
	}
	*id = v;
	return 0;
}
