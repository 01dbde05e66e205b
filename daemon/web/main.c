/* duban-web: the answer pages of the notices' links, and /metrics. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"
#include "duban/i18n.h"
#include "duban/log.h"
#include "duban/notify.h"
#include "duban/tz.h"
#include "duban/version.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: duban-web [-dhtvV] [-f file]\n"
	    "  -d, --foreground    stay attached and log to stderr as well as syslog\n"
	    "  -f, --config file   configuration file (default %s); its [web] section\n"
	    "  -t, --check         check the configuration and the link keys, and exit\n"
	    "  -v, --verbose       more verbose logging (debug)\n"
	    "  -V, --version       print the version and exit\n"
	    "  -h, --help          this help\n",
	    DUBAN_CONF_PATH);
}

static const struct option opts[] = {
	{ "foreground", no_argument, NULL, 'd' },
	{ "config", required_argument, NULL, 'f' },
	{ "check", no_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The configuration with its link keys, or NULL (each error printed or logged). */
static struct config *
load(const char *path, bool print)
{
	struct diag d = { 0 };
	struct config *c = conf_load(path, &d);
	size_t i;

	if (c != NULL && c->web.listen == NULL) {
		diag_error(&d, path, 0, "no [web] section with 'listen': duban-web has nothing to"
		    " serve");
		conf_free(c);
		c = NULL;
	}
	if (c != NULL && conf_web_read_keys(c, &d) != 0) {
		conf_free(c);
		c = NULL;
	}
	if (print)
		diag_print(&d, stderr);
	else {
		for (i = 0; i < d.nwarn; i++)
			log_warnx("%s", d.warns[i]);
		for (i = 0; i < d.n; i++)
			log_warnx("%s", d.msgs[i]);
	}
	diag_free(&d);
	return c;
}

/* scheme://host[:port] of a URL, for the Origin check. */
static void
origin_of(const char *url, char *out, size_t len)
{
	const char *p = strstr(url, "://"), *slash;

	slash = p ? strchr(p + 3, '/') : NULL;
	snprintf(out, len, "%.*s", (int)(slash ? (size_t)(slash - url) : strlen(url)), url);
}

static struct web w;

int
main(int argc, char *argv[])
{
	int ch, foreground = 0, test = 0, verbose = 0, sig;
	char *cause = NULL;
	sigset_t set;

	i18n_init();
	w.conf_path = DUBAN_CONF_PATH;
	while ((ch = getopt_long(argc, argv, "df:htvV", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			foreground = 1;
			break;
		case 'f':
			w.conf_path = optarg;
			break;
		case 't':
			test = 1;
			break;
		case 'v':
			verbose++;
			break;
		case 'V':
			printf("duban-web %s\n", DUBAN_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "duban-web: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (test) {
		if ((w.conf = load(w.conf_path, true)) == NULL)
			return 1;
		printf("configuration OK: %d link keys, pages on %s, links %s/l/…%s%s\n",
		    w.conf->web.keys.n, w.conf->web.listen, w.conf->web.url,
		    w.conf->web.metrics ? ", /metrics on " : "",
		    w.conf->web.metrics ? w.conf->web.metrics : "");
		conf_free(w.conf);
		return 0;
	}
	log_init("duban-web", foreground, verbose);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);	/* before the server's threads: they inherit it */
	signal(SIGPIPE, SIG_IGN);
	store_log_init();
	if ((w.conf = load(w.conf_path, false)) == NULL) {
		notify_send("STATUS=configuration not valid (duban-web -t names every error)");
		fatalx("%s: configuration not valid; duban-web -t -f %s names every error",
		    w.conf_path, w.conf_path);
	}
	if (tz_set(w.conf->timezone) != 0)
		fatalx("%s: unknown time zone '%s'", w.conf_path, w.conf->timezone);
	if ((w.store = store_open(w.conf->database, STORE_OPEN_DURABLE, &cause)) == NULL)
		fatalx("%s", cause);
	pthread_mutex_init(&w.lock, NULL);
	origin_of(w.conf->web.url, w.origin, sizeof(w.origin));
	snprintf(w.local_origin, sizeof(w.local_origin), "http://%s", w.conf->web.listen);
	if (http_start(&w, &cause) != 0)
		fatalx("%s", cause);
	log_info("started: pages on %s (links %s/l/…), %d link keys%s%s", w.conf->web.listen,
	    w.conf->web.url, w.conf->web.keys.n, w.conf->web.metrics ? ", /metrics on " : "",
	    w.conf->web.metrics ? w.conf->web.metrics : "");
	notify_send("READY=1\nSTATUS=pages on %s", w.conf->web.listen);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig != SIGHUP)
			break;
		/* new keys (a rotation) without a restart; the rest needs one */
		{
			struct config *nc = load(w.conf_path, false);

			if (nc == NULL) {
				log_warnx("reload: the configuration is not valid; the old keys stay");
				continue;
			}
			pthread_mutex_lock(&w.lock);
			w.conf->web.keys = nc->web.keys;
			pthread_mutex_unlock(&w.lock);
			log_info("reload: %d link keys", nc->web.keys.n);
			conf_free(nc);
		}
	}
	notify_send("STOPPING=1");
	http_stop(&w);
	store_close(w.store);
	conf_free(w.conf);
	free(w.used);
	log_info("stopped");
	return 0;
}
