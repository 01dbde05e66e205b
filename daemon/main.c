/* duband: the deadline and escalation daemon. main() reads like a table of contents. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "daemon.h"
#include "duban/i18n.h"
#include "duban/dbfile.h"
#include "duban/log.h"
#include "duban/office.h"
#include "duban/version.h"

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: duband [-dhtvV] [-f file]\n"
	    "  -d, --foreground    stay attached and log to stderr as well as syslog\n"
	    "  -f, --config file   configuration file (default %s)\n"
	    "  -t, --check         check the configuration and exit; with -v print it normalised\n"
	    "  -v, --verbose       more verbose logging (debug)\n"
	    "  -V, --version       print the version and exit\n"
	    "  -h, --help          this help\n",
	    DUBAN_CONF_PATH);
}

/* duband -t: validate, print every error as file:line: message. */
static int
check_config(const char *path, int verbose)
{
	struct diag d = { 0 };
	struct config *conf = conf_load_all(path, &d);
	int bad = conf != NULL && office_check_roster(conf, &d) > 0;

	diag_print(&d, stderr);
	diag_free(&d);
	if (conf == NULL)
		return 1;
	if (bad) {
		conf_free(conf);
		return 1;
	}
	if (verbose)
		conf_print(conf, stdout);
	else
		printf("configuration OK\n");
	conf_free(conf);
	return 0;
}

static const struct option main_opts[] = {
	{ "foreground", no_argument, NULL, 'd' },
	{ "config", required_argument, NULL, 'f' },
	{ "check", no_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Static: what a detached mailer thread still uses stays reachable at exit. */
static struct daemon d;

int
main(int argc, char *argv[])
{
	int ch, foreground = 0, test = 0, verbose = 0;
	sigset_t stop;

	umask(DBFILE_UMASK);	/* the database and its -wal, -shm: 0660 for the group */
	i18n_init();		/* evidence records and configuration errors in its language */
	memset(&d, 0, sizeof(d));
	d.conf_path = DUBAN_CONF_PATH;
	while ((ch = getopt_long(argc, argv, "df:htvV", main_opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			foreground = 1;
			break;
		case 'f':
			d.conf_path = optarg;
			break;
		case 't':
			test = 1;
			break;
		case 'v':
			verbose++;
			break;
		case 'V':
			printf("duband %s\n", DUBAN_VERSION);
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
		fprintf(stderr, "duband: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (test)
		return check_config(d.conf_path, verbose);

	log_init("duband", foreground, verbose);
	/* a signal that comes while starting waits for the loop's handlers */
	sigemptyset(&stop);
	sigaddset(&stop, SIGHUP);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_BLOCK, &stop, NULL);
	d.wake_mail = loop_wake_mail;
	daemon_init(&d);
	loop_run(&d);
	daemon_shutdown(&d);
	return d.exit_code;
}
