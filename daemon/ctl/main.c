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
		/* what a clerk records is on disk when dubanctl returns */
		if ((c->store = store_open(c->conf->database, STORE_OPEN_DURABLE, &cause)) == NULL) {
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
	if ((rc = args_parse(cmd, argc - words + 1, argv + words - 1, &args)) < 0) {
		ctl_help_rows(stdout, cmd->name);
		return EXIT_OK;
	}
	if (rc != 0)
		return rc;
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
