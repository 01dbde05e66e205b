/* dubanctl queue: the discipline-inspection queue, its evidence records, ack, resolve, export. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/evidence.h"
#include "duban/log.h"
#include "duban/sched.h"
#include "duban/text.h"

static int
queue_change(struct ctl *c, const char *arg, const char *note, bool resolve)
{
	struct buf said = { 0 };
	int64_t id;
	int rc;

	if (ctl_parse_id(arg, &id) != 0)
		return EXIT_USAGE;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	switch (office_queue(c->store, &WHO(c), id, resolve, note, &said)) {
	case OFFICE_DONE:
		rc = store_commit(c->store) == 0 ? EXIT_OK : ctl_db_failed(c);
		break;
	case OFFICE_NO_SUCH_ESCALATION:
		rc = ctl_lookup(c, STORE_NOT_FOUND, "no escalation %lld in the queue", (long long)id);
		break;
	case OFFICE_RESOLVED_ALREADY:
		fprintf(stderr, _("dubanctl: escalation %lld is resolved already\n"), (long long)id);
		rc = EXIT_FAIL;
		break;
	case OFFICE_NO_REASON:
		fprintf(stderr, _("dubanctl: queue resolve needs --note TEXT\n"));
		rc = EXIT_USAGE;
		break;
	default:
		rc = ctl_db_failed(c);
		break;
	}
	if (rc == EXIT_OK)
		printf("%s\n", said.data);
	else
		store_rollback(c->store);
	buf_free(&said);
	return rc;
}

/* The evidence record of an escalation, as stored, into fp. */
static int
evidence(struct ctl *c, int64_t id, FILE *fp)
{
	struct escalation_row e;
	char *text;
	int live, rc;

	if ((rc = store_escalation_get(c->store, id, &e)) != 0)
		return ctl_lookup(c, rc, "no escalation %lld in the queue", (long long)id);
	store_escalation_clear(&e);
	if ((text = evidence_text(c->store, id, &live)) == NULL) {
		fprintf(stderr, _("dubanctl: escalation %lld: %s\n"), (long long)id,
		    store_errmsg(c->store));
		return EXIT_DATABASE;
	}
	fputs(text, fp);
	if (live)
		fprintf(fp, _("\n(escalated before evidence records were kept: shown from the data"
		    " as it stands now)\n"));
	free(text);
	return EXIT_OK;
}

int
cmd_queue_show(struct ctl *c, struct ctl_args *a)
{
	int64_t id;

	if (ctl_parse_id(a->argv[0], &id) != 0)
		return EXIT_USAGE;
	return evidence(c, id, stdout);
}

int
cmd_queue_ack(struct ctl *c, struct ctl_args *a)
{
	return queue_change(c, a->argv[0], args_get(a, "note"), false);
}

int
cmd_queue_resolve(struct ctl *c, struct ctl_args *a)
{
	if (!args_has(a, "note")) {
		fprintf(stderr, _("dubanctl: queue resolve needs --note TEXT\n"));
		return EXIT_USAGE;
	}
	return queue_change(c, a->argv[0], args_get(a, "note"), true);
}

int
cmd_queue_export(struct ctl *c, struct ctl_args *a)
{
	int64_t id;
	FILE *fp;
	char *text = NULL;
	size_t len = 0;
	int rc, flags = (args_has(a, "force") ? CTL_FILE_FORCE : 0) |
	    (args_has(a, "private") ? CTL_FILE_PRIVATE : 0);

	if (ctl_parse_id(a->argv[0], &id) != 0)
		return EXIT_USAGE;
	if ((fp = open_memstream(&text, &len)) == NULL) {
		fprintf(stderr, "dubanctl: %s\n", strerror(errno));
		return EXIT_FAIL;
	}
	rc = evidence(c, id, fp);
	if (fclose(fp) != 0 && rc == EXIT_OK)
		rc = EXIT_FAIL;
	if (rc == EXIT_OK)
		rc = ctl_write_file(a->argv[1], text, len, flags);
	free(text);
	if (rc != EXIT_OK)
		return rc;
	printf(_("evidence record of escalation %lld written to %s\n"), (long long)id, a->argv[1]);
	return EXIT_OK;
}

static int
print_escalation(const struct escalation_row *e, void *arg)
{
	const char *target = arg;
	char id[24], action[24], level[8], opened[32], due[32];
	const char *v[9];

	if (target != NULL && strcmp(target, e->target) != 0)
		return 0;
	snprintf(id, sizeof(id), "%lld", (long long)e->id);
	snprintf(action, sizeof(action), "%lld", (long long)e->action_id);
	snprintf(level, sizeof(level), "%d", e->level);
	instant_format(e->opened_at, opened, sizeof(opened));
	instant_deadline(e->due_at, due, sizeof(due));
	v[0] = id;
	v[1] = action;
	v[2] = level;
	v[3] = e->target;
	v[4] = e->case_number;
	v[5] = e->dept_name;
	v[6] = due;
	v[7] = opened;
	v[8] = e->resolved_at ? "resolved" : e->acked_at ? "acknowledged" : "open";
	out_row(v);
	return 0;
}

int
cmd_queue_list(struct ctl *c, struct ctl_args *a)
{
	bool all = args_has(a, "all");

	{
		static const char *const cols[] = { NC_("column", "id"),
		    NC_("column", "action"), NC_("column", "level"), NC_("column", "target"),
		    NC_("column", "case"), NC_("column", "dept"), NC_("column", "deadline"),
		    NC_("column", "escalated"), NC_("column", "state") };
		static const int w[] = { 5, 6, 5, 12, 12, 14, 19, 19, 0 };

		const char *target = args_get(a, "target");

		if (target != NULL && conf_target(c->conf, target) == NULL) {
			fprintf(stderr, _("dubanctl: --target: no target \"%s\" in the configuration\n"),
			    target);
			return EXIT_USAGE;
		}
		out_header_typed(cols, w, 9, "nnnssstte");
		if (store_escalation_each(c->store, all, print_escalation, UNCONST(target)) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}


/* dubanctl queue refer ACTION --target NAME --reason TEXT: 疑难案件 上报领导小组. */
int
cmd_queue_refer(struct ctl *c, struct ctl_args *a)
{
	const char *name = args_get(a, "target"), *reason = args_get(a, "reason");
	const struct target *t;
	struct action act;
	int64_t id, eid = 0;
	int rc;

	if (name == NULL || reason == NULL || reason[0] == '\0') {
		fprintf(stderr, _("dubanctl: queue refer needs --target NAME and --reason TEXT\n"));
		return EXIT_USAGE;
	}
	if ((t = conf_target(c->conf, name)) == NULL) {
		fprintf(stderr, _("dubanctl: --target: no target \"%s\" in the configuration\n"), name);
		return EXIT_USAGE;
	}
	if (ctl_parse_id(a->argv[0], &id) != 0)
		return EXIT_USAGE;
	if ((rc = store_action_get(c->store, id, &act)) != 0)
		return ctl_lookup(c, rc, "action %lld does not exist", (long long)id);
	if (store_begin(c->store) != 0) {
		store_action_clear(&act);
		return EXIT_DATABASE;
	}
	rc = office_refer(c->store, c->conf, &WHO(c), &act, t, reason, &eid);
	store_action_clear(&act);
	if (rc == OFFICE_REFERRED_ALREADY) {
		store_rollback(c->store);
		fprintf(stderr, _("dubanctl: action %lld is referred already (dubanctl queue --all)\n"),
		    (long long)id);
		return EXIT_FAIL;
	}
	if (rc != OFFICE_DONE || store_commit(c->store) != 0) {
		store_rollback(c->store);
		return ctl_db_failed(c);
	}
	ctl_wake(c);
	printf(_("action %lld referred to %s: queue entry %lld\n"), (long long)id, t->label,
	    (long long)eid);
	return EXIT_OK;
}
