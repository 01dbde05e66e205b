/* dubanctl init and check-config. */
#include <stdio.h>
#include <stdlib.h>

#include "ctl.h"

int
cmd_init(struct ctl *c, int argc, char **argv)
{
	struct store *s;
	char *cause;

	(void)argv;
	if (argc != 1)
		return ctl_usage("init");
	if ((s = store_open(c->conf->database, STORE_OPEN_CREATE, &cause)) == NULL) {
		fprintf(stderr, "dubanctl: %s\n", cause);
		free(cause);
		return EXIT_DATABASE;
	}
	store_event(s, instant_now(), c->who, 0, "init", c->conf->database);
	store_close(s);
	printf("database %s ready (schema version %d)\n", c->conf->database,
	    STORE_SCHEMA_VERSION);
	return EXIT_OK;
}

int
cmd_check_config(struct ctl *c, int argc, char **argv)
{
	struct diag d = { 0 };
	struct config *conf;

	(void)argv;
	if (argc != 1)
		return ctl_usage("check-config");
	conf = conf_load_all(c->conf_path, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (conf == NULL)
		return EXIT_CONFIG;
	printf("configuration OK\n");
	conf_free(conf);
	return EXIT_OK;
}

int
cmd_status(struct ctl *c, int argc, char **argv)
{
	char reply[2048];

	(void)argv;
	if (argc != 1)
		return ctl_usage("status");
	if (ctl_ask(c, "status", reply, sizeof(reply), 2000) != 0) {
		fprintf(stderr, "dubanctl: duband is not answering on %s (not running?)\n",
		    c->conf->socket_path);
		return EXIT_FAIL;
	}
	fputs(reply, stdout);
	return EXIT_OK;
}
