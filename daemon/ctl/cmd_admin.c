/* dubanctl init, check-config, status and log: the database, the configuration, the daemon, the audit log. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

int
cmd_init(struct ctl *c, struct ctl_args *a)
{
	struct store *s;
	char *cause;

	(void)a;
	if ((s = store_open(c->conf->database, STORE_OPEN_CREATE, &cause)) == NULL) {
		fprintf(stderr, "dubanctl: %s\n", cause);
		free(cause);
		return EXIT_DATABASE;
	}
	store_event(s, instant_now(), c->who, 0, "init", c->conf->database);
	store_close(s);
	printf(_("database %s ready (schema version %d)\n"), c->conf->database,
	    STORE_SCHEMA_VERSION);
	return EXIT_OK;
}

int
cmd_check_config(struct ctl *c, struct ctl_args *a)
{
	struct diag d = { 0 };
	struct config *conf;

	(void)a;
	conf = conf_load_all(c->conf_path, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (conf == NULL)
		return EXIT_CONFIG;
	printf(_("configuration OK\n"));
	conf_free(conf);
	return EXIT_OK;
}

int
cmd_status(struct ctl *c, struct ctl_args *a)
{
	char reply[2048];

	(void)a;
	if (ctl_ask(c, "status", reply, sizeof(reply), 2000) != 0) {
		fprintf(stderr, _("dubanctl: duband is not answering on %s (not running?)\n"),
		    c->conf->socket_path);
		return EXIT_FAIL;
	}
	if (ctl_out == OUT_TABLE) {
		fputs(reply, stdout);
		return EXIT_OK;
	}
	/* for scripts: the daemon's "key: value" lines as rows */
	{
		static const char *const cols[] = { NC_("column", "key"),
		    NC_("column", "value") };
		static const int w[] = { 20, 0 };
		char *line, *save, *sep;
		const char *v[2];

		out_header(cols, w, 2);
		for (line = strtok_r(reply, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			if ((sep = strstr(line, ": ")) == NULL)
				continue;
			*sep = '\0';
			v[0] = line;
			v[1] = sep + 2;
			out_row(v);
		}
		out_end();
	}
	return EXIT_OK;
}

static int
print_event(instant_t at, const char *who, int64_t action, const char *what,
    const char *detail, void *arg)
{
	char when[32], act[24] = "";
	const char *v[5];

	(void)arg;
	instant_format(at, when, sizeof(when));
	if (action)
		snprintf(act, sizeof(act), "%lld", (long long)action);
	v[0] = when;
	v[1] = who;
	v[2] = act;
	v[3] = what;
	v[4] = detail ? detail : "";
	out_row(v);
	return 0;
}

int
cmd_log(struct ctl *c, struct ctl_args *a)
{
	instant_t from = 0, to = INT64_MAX;
	int64_t action = 0;

	if (args_has(a, "action") && ctl_parse_id(args_get(a, "action"), &action) != 0)
		return EXIT_USAGE;
	if (args_time(a, "since", &from) != 0 || args_time(a, "until", &to) != 0)
		return EXIT_USAGE;
	if (from > to) {
		fprintf(stderr, _("dubanctl: --since %s is after --until %s\n"), args_get(a, "since"),
		    args_get(a, "until"));
		return EXIT_USAGE;
	}
	{
		static const char *const cols[] = { NC_("column", "when"), NC_("column", "who"),
		    NC_("column", "action"), NC_("column", "what"), NC_("column", "detail") };
		static const int w[] = { 19, 10, 6, 18, 0 };

		out_header_typed(cols, w, 5, "tsnss");
		if (store_event_each(c->store, action, from, to, print_event, NULL) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}
