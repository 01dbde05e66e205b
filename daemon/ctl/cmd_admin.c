/* dubanctl init, check-config, status and log: the database, the configuration, the daemon, the audit log. */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/dbfile.h"

struct steps_seen {
	char	**step;
	int	 *n;
	int	  count;
};

static int
collect_step(const char *step, int n, void *arg)
{
	struct steps_seen *ss = arg;

	ss->step = xreallocarray(ss->step, (size_t)ss->count + 1, sizeof(*ss->step));
	ss->n = xreallocarray(ss->n, (size_t)ss->count + 1, sizeof(*ss->n));
	ss->step[ss->count] = xstrdup(step);
	ss->n[ss->count++] = n;
	return 0;
}

/*
 * The steps of a database made before kinds (or under other kinds) become
 * the configuration's kinds: a key stays, a name or an alias becomes its key,
 * anything else goes to the catch-all kind with its text kept beside it, or,
 * without one, is named for the administrator. Rules stay as they were.
 */
static int
place_steps(struct ctl *c, struct store *s)
{
	const struct step_name *k, *all = conf_step_catch_all(c->conf);
	struct steps_seen ss = { 0 };
	int i, n, rc = 0, unplaced = 0;

	if (c->conf->nsteps == 0)
		return 0;
	if (store_begin(s) != 0)
		return -1;
	if (store_steps_each(s, collect_step, &ss) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < ss.count; i++) {
		k = conf_step_find(c->conf, ss.step[i]);
		if (k != NULL && strcmp(k->key, ss.step[i]) == 0)
			continue;
		if (k == NULL && all == NULL) {
			unplaced++;
			continue;
		}
		if ((n = store_steps_place(s, ss.step[i], k ? k->key : all->key, k == NULL,
		    instant_now(), c->who)) < 0)
			rc = -1;
		else if (k != NULL)
			printf(_("step '%s' (%d action%s): kind %s\n"), ss.step[i], n,
			    n == 1 ? "" : "s", k->key);
		else
			printf(_("step '%s' (%d action%s): no kind names it: kind %s, the catch-all,"
			    " with '%s' kept as what\n"), ss.step[i], n, n == 1 ? "" : "s", all->key,
			    ss.step[i]);
	}
	if (rc == 0 && store_commit(s) != 0)
		rc = -1;
	else if (rc != 0)
		store_rollback(s);
	for (i = 0; rc == 0 && unplaced > 0 && i < ss.count; i++)
		if (conf_step_find(c->conf, ss.step[i]) == NULL)
			fprintf(stderr, _("dubanctl: warning: step '%s' (%d action%s) names no kind and"
			    " the configuration has no catch-all kind: add it as a kind's alias (or a"
			    " [step] with catch-all = yes) and run dubanctl init again\n"), ss.step[i],
			    ss.n[i], ss.n[i] == 1 ? "" : "s");
	for (i = 0; i < ss.count; i++)
		free(ss.step[i]);
	free(ss.step);
	free(ss.n);
	return rc;
}

int
cmd_init(struct ctl *c, struct ctl_args *a)
{
	struct store *s;
	char *cause, *name;

	(void)a;
	if ((s = store_open(c->conf->database, STORE_OPEN_CREATE | STORE_OPEN_DURABLE,
	    &cause)) == NULL) {
		fprintf(stderr, "dubanctl: %s\n", cause);
		free(cause);
		return EXIT_DATABASE;
	}
	if (place_steps(c, s) != 0) {
		fprintf(stderr, _("dubanctl: the steps could not be placed: %s\n"), store_errmsg(s));
		store_close(s);
		return EXIT_DATABASE;
	}
	name = store_display_name(c->conf->database);
	if (store_event(s, instant_now(), c->who, 0, "init", name) != 0) {
		fprintf(stderr, _("dubanctl: init: the audit log could not be written: %s\n"),
		    store_errmsg(s));
		store_close(s);
		free(name);
		return EXIT_DATABASE;
	}
	store_close(s);
	printf(_("database %s ready (schema version %d)\n"), name, STORE_SCHEMA_VERSION);
	free(name);
	return EXIT_OK;
}

static void
copied(const char *table, int64_t rows, void *arg)
{
	(void)arg;
	printf("  %-16s %lld\n", table, (long long)rows);
}

int
cmd_migrate_store(struct ctl *c, struct ctl_args *a)
{
	struct store *from, *to;
	char *cause, *fname = store_display_name(a->argv[0]), *tname = store_display_name(a->argv[1]);
	int rc = EXIT_DATABASE;

	if ((from = store_open(a->argv[0], STORE_OPEN_MUST_EXIST, &cause)) == NULL) {
		fprintf(stderr, "dubanctl: %s\n", cause);
		goto out;
	}
	if ((to = store_open(a->argv[1], STORE_OPEN_CREATE | STORE_OPEN_DURABLE, &cause)) == NULL) {
		fprintf(stderr, "dubanctl: %s\n", cause);
		store_close(from);
		goto out;
	}
	printf(_("copying %s to %s:\n"), fname, tname);
	if (store_copy(from, to, copied, NULL, &cause) != 0) {
		fprintf(stderr, _("dubanctl: nothing was written to %s: %s\n"), tname, cause);
	} else {
		char *detail;

		xasprintf(&detail, "from %s", fname);
		if (store_event(to, instant_now(), c->who, 0, "migrate-store", detail) != 0)
			fprintf(stderr, _("dubanctl: every row was copied, but the audit log of %s"
			    " could not say so: %s\n"), tname, store_errmsg(to));
		else {
			printf(_("every row copied; point [daemon] database at %s, then start"
			    " duband\n"), tname);
			rc = EXIT_OK;
		}
		free(detail);
	}
	store_close(to);
	store_close(from);
out:
	free(cause);
	free(fname);
	free(tname);
	return rc;
}

int
cmd_check_config(struct ctl *c, struct ctl_args *a)
{
	struct diag d = { 0 };
	struct config *conf;
	int bad;

	(void)a;
	conf = conf_load_all(c->conf_path, &d);
	bad = conf != NULL && office_check_roster(conf, &d) > 0;
	diag_print(&d, stderr);
	diag_free(&d);
	if (conf == NULL || bad) {
		conf_free(conf);
		return EXIT_CONFIG;
	}
	printf(_("configuration OK\n"));
	conf_free(conf);
	return EXIT_OK;
}

/* Why the daemon did not answer, by the socket's error. */
static void
ctl_ask_failed(const char *path, int e)
{
	char hint[512];

	switch (e) {
	case EACCES:
	case EPERM:
		if (dbfile_group_hint(path, hint, sizeof(hint))[0])
			fprintf(stderr, _("dubanctl: %s: permission denied: %s\n"), path, hint);
		else
			fprintf(stderr, _("dubanctl: %s: permission denied: add the user to the"
			    " socket's group (duban), then log in again\n"), path);
		break;
	case ENOENT:
		fprintf(stderr, _("dubanctl: %s: no socket there: duband is not running (or its"
		    " [daemon] socket is another path)\n"), path);
		break;
	case ECONNREFUSED:
		fprintf(stderr, _("dubanctl: %s: connection refused: the socket is there but no"
		    " duband listens on it (it stopped without removing it?)\n"), path);
		break;
	case ETIMEDOUT:
		fprintf(stderr, _("dubanctl: %s: duband did not answer within 2 seconds (busy, or"
		    " stuck: see its log)\n"), path);
		break;
	default:
		fprintf(stderr, _("dubanctl: %s: duband is not answering: %s\n"), path,
		    strerror(e));
	}
}

int
cmd_status(struct ctl *c, struct ctl_args *a)
{
	char reply[2048];

	(void)a;
	if (ctl_ask(c, "status", reply, sizeof(reply), 2000) != 0) {
		ctl_ask_failed(c->conf->socket_path, errno);
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
