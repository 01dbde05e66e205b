/* dubanctl: the office's command-line tool. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <poll.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl.h"
#include "duban/address.h"
#include "duban/dbfile.h"
#include "duban/log.h"
#include "duban/mailer.h"
#include "duban/notice.h"
#include "duban/text.h"
#include "duban/version.h"

static void
usage(FILE *fp)
{
	const struct ctl_cmd *cmd;

	fprintf(fp, _("usage: dubanctl [-f file] [-D database] [--json | --csv] COMMAND [ARGS]\n"
	    "  -f file      configuration file (default %s)\n"
	    "  -D database  use this database instead of the configuration's\n"
	    "  --json, --csv  listings for scripts instead of tables\n"
	    "  -V           print the version\n\ncommands:\n"), DUBAN_CONF_PATH);
	for (cmd = ctl_cmds; cmd->name; cmd++)
		fprintf(fp, "  %-15s %s\n", cmd->name, gettext(cmd->summary));
	fprintf(fp, _("\n'dubanctl COMMAND --help' shows a command's arguments.\n"));
}

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

/* A datagram socket bound to an automatic abstract address, so the daemon can answer. */
static int
ctl_socket(struct ctl *c, struct sockaddr_un *sun)
{
	struct sockaddr_un self;
	int fd;

	if (c->conf == NULL || strlen(c->conf->socket_path) >= sizeof(sun->sun_path))
		return -1;
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, c->conf->socket_path);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	/* an address of the family alone: the kernel picks an abstract name */
	memset(&self, 0, sizeof(self));
	self.sun_family = AF_UNIX;
	if (bind(fd, (struct sockaddr *)&self, sizeof(sa_family_t)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

void
ctl_wake(struct ctl *c)
{
	struct sockaddr_un sun;
	int fd;

	/* PostgreSQL: every instance, on whatever host, hears it */
	if (c->store != NULL)
		store_notify(c->store);
	if ((fd = ctl_socket(c, &sun)) == -1)
		return;
	/* The daemon may be down: then it looks at the database when it starts. */
	(void)sendto(fd, "wake", 4, MSG_DONTWAIT | MSG_NOSIGNAL, (struct sockaddr *)&sun,
	    sizeof(sun));
	close(fd);
}

int
ctl_ask(struct ctl *c, const char *request, char *reply, size_t len, int timeout_ms)
{
	struct sockaddr_un sun;
	struct pollfd pfd;
	ssize_t n;
	int fd, e;

	if ((fd = ctl_socket(c, &sun)) == -1)
		return -1;
	if (sendto(fd, request, strlen(request), MSG_DONTWAIT | MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	if ((e = poll(&pfd, 1, timeout_ms)) != 1 || (n = recv(fd, reply, len - 1, 0)) < 0) {
		e = e == 0 ? ETIMEDOUT : errno;
		close(fd);
		errno = e;
		return -1;
	}
	reply[n] = '\0';
	close(fd);
	return 0;
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

static int
ctl_open(struct ctl *c, const struct ctl_cmd *cmd)
{
	struct diag d = { 0 };
	char *cause;

	if (cmd->needs & (CTL_NEEDS_CONF | CTL_NEEDS_STORE)) {
		char hint[512];

		if (access(c->conf_path, R_OK) != 0 && errno == EACCES &&
		    dbfile_group_hint(c->conf_path, hint, sizeof(hint))[0]) {
			fprintf(stderr, _("dubanctl: %s: permission denied: %s\n"), c->conf_path, hint);
			return EXIT_CONFIG;
		}
		/* a listing still shows the database when the file has errors; a change does not */
		c->conf = (cmd->needs & CTL_READS_ONLY) ? conf_load_lenient(c->conf_path, &d) :
		    conf_load(c->conf_path, &d);
		/* Warnings are for check-config and the daemon's log. */
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.msgs[i]);
		diag_free(&d);
		if (c->conf == NULL) {
			fprintf(stderr, _("dubanctl: %s: configuration not valid\n"), c->conf_path);
			return EXIT_CONFIG;
		}
		if (c->conf->invalid)
			fprintf(stderr, _("dubanctl: warning: %s has the errors above: showing the"
			    " database read-only; commands that change it or count deadlines refuse"
			    " until 'dubanctl check-config' passes\n"), c->conf_path);
		if (c->conf->invalid && tz_check(c->conf->timezone) != 0) {
			free(c->conf->timezone);
			c->conf->timezone = strdup("Asia/Shanghai");
		}
		if (tz_set(c->conf->timezone) != 0) {
			fprintf(stderr, _("dubanctl: unknown time zone '%s'\n"), c->conf->timezone);
			return EXIT_CONFIG;
		}
		if (c->db_path != NULL) {
			free(c->conf->database);
			c->conf->database = strdup(c->db_path);
		}
	}
	if (cmd->needs & CTL_NEEDS_STORE) {
		if ((c->store = store_open(c->conf->database, 0, &cause)) == NULL) {
			fprintf(stderr, "dubanctl: %s\n", cause);
			free(cause);
			return EXIT_DATABASE;
		}
		if ((cause = store_instance(c->store)) != NULL) {
			notice_instance(cause);
			free(cause);
		}
	}
	return EXIT_OK;
}

static const struct option main_opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "csv", no_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	const struct ctl_cmd *cmd;
	struct ctl_args args;
	struct passwd *pw;
	struct ctl c;
	int ch, rc, i, words;

	umask(DBFILE_UMASK);	/* what dubanctl creates is the group's, never the world's */
	i18n_init();	/* messages in the reader's language; UTF-8 widths for the tables */
	memset(&c, 0, sizeof(c));
	c.conf_path = getenv("DUBAN_CONF") ? getenv("DUBAN_CONF") : DUBAN_CONF_PATH;
	while ((ch = getopt_long(argc, argv, "+f:D:hV", main_opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			c.conf_path = optarg;
			break;
		case 'D':
			c.db_path = optarg;
			break;
		case 'V':
			printf("dubanctl %s\n", DUBAN_VERSION);
			return EXIT_OK;
		case 'j':
			ctl_out = OUT_JSON;
			break;
		case 'c':
			ctl_out = OUT_CSV;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[0], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if ((cmd = ctl_find(argc, argv, &words)) == NULL)
		return ctl_unknown(argc, argv);
	/* "queue shwo 1": a word where the family's plain row takes none is a subcommand */
	if (words == 1 && cmd->max == 0 && argc > 1 && argv[1][0] != '-' && ctl_has_sub(argv[0]))
		return ctl_unknown(argc, argv);
	for (i = 1; i < argc; i++) {
		const char *why;

		if (text_check(argv[i], TEXT_MAX_PATH, &why) != 0) {
			char *e = text_escape(argv[i]);

			if (argv[i - 1][0] == '-' && argv[i - 1][1] == '-' && !strchr(argv[i - 1], '='))
				fprintf(stderr, _("dubanctl: %s '%.60s%s': %s\n"), argv[i - 1], e,
				    strlen(e) > 60 ? "..." : "", why);
			else
				fprintf(stderr, _("dubanctl: argument %d '%.60s%s': %s\n"), i, e,
				    strlen(e) > 60 ? "..." : "", why);
			free(e);
			return EXIT_USAGE;
		}
	}
	/* the command's words stay as argv[0] for getopt; the rest is the row's line */
	if ((rc = args_parse(cmd, argc - words + 1, argv + words - 1, &args)) != 0)
		return rc < 0 ? EXIT_OK : rc;
	pw = getpwuid(getuid());
	c.who = pw ? pw->pw_name : "unknown";
	if ((rc = ctl_open(&c, cmd)) != EXIT_OK) {
		conf_free(c.conf);
		return rc;
	}
	rc = cmd->fn(&c, &args);
	store_close(c.store);
	conf_free(c.conf);
	return rc;
}
