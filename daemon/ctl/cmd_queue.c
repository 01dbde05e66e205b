/* dubanctl queue show, ack, resolve, export: the discipline-inspection queue's records. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/evidence.h"
#include "duban/log.h"
#include "duban/text.h"

static int
queue_change(struct ctl *c, const char *arg, const char *note, int resolve)
{
	struct escalation_row e;
	char detail[512];
	int64_t id;
	int rc;

	if (ctl_parse_id(arg, &id) != 0)
		return EXIT_USAGE;
	if ((rc = store_escalation_get(c->store, id, &e)) != 0)
		return ctl_lookup(c, rc, "no escalation %lld in the queue", (long long)id);
	if (e.resolved_at != 0) {
		fprintf(stderr, "dubanctl: escalation %lld is resolved already\n", (long long)id);
		store_escalation_clear(&e);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "escalation %lld %s%s%s", (long long)id,
	    resolve ? "resolved" : "acknowledged", note ? ": " : "", note ? note : "");
	if (store_begin(c->store) != 0 ||
	    (resolve ? store_escalation_resolve(c->store, id, instant_now(), note) :
	    store_escalation_ack(c->store, id, instant_now(), note)) != 0 ||
	    store_event(c->store, instant_now(), c->who, e.action_id,
	    resolve ? "queue resolve" : "queue ack", detail) != 0 ||
	    evidence_append(c->store, id, instant_now(), c->who,
	    resolve ? "queue resolve" : "queue ack", note ? note : "") != 0 ||
	    store_commit(c->store) != 0) {
		store_rollback(c->store);
		store_escalation_clear(&e);
		return EXIT_DATABASE;
	}
	printf("%s\n", detail);
	store_escalation_clear(&e);
	return EXIT_OK;
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
		fprintf(stderr, "dubanctl: escalation %lld: %s\n", (long long)id,
		    store_errmsg(c->store));
		return EXIT_DATABASE;
	}
	fputs(text, fp);
	if (live)
		fprintf(fp, "\n(escalated before evidence records were kept: shown from the data"
		    " as it stands now)\n");
	free(text);
	return EXIT_OK;
}

int
queue_sub(struct ctl *c, int argc, char **argv)
{
	const char *note = NULL;
	int64_t id;
	FILE *fp;
	char *text = NULL;
	size_t len = 0;
	int rc, flags = 0;

	while (argc >= 4 && (strcmp(argv[argc - 1], "--force") == 0 ||
	    strcmp(argv[argc - 1], "--private") == 0)) {
		flags |= strcmp(argv[argc - 1], "--force") == 0 ? CTL_FILE_FORCE : CTL_FILE_PRIVATE;
		argc--;
	}
	if (argc >= 4 && strcmp(argv[argc - 2], "--note") == 0) {
		note = argv[argc - 1];
		argc -= 2;
	}
	if (argc == 3 && strcmp(argv[1], "show") == 0) {
		if (ctl_parse_id(argv[2], &id) != 0)
			return EXIT_USAGE;
		return evidence(c, id, stdout);
	}
	if (argc == 3 && strcmp(argv[1], "ack") == 0)
		return queue_change(c, argv[2], note, 0);
	if (argc == 3 && strcmp(argv[1], "resolve") == 0) {
		if (note == NULL) {
			fprintf(stderr, "dubanctl: queue resolve needs --note TEXT\n");
			return EXIT_USAGE;
		}
		return queue_change(c, argv[2], note, 1);
	}
	if (argc == 4 && strcmp(argv[1], "export") == 0) {
		if (ctl_parse_id(argv[2], &id) != 0)
			return EXIT_USAGE;
		if ((fp = open_memstream(&text, &len)) == NULL) {
			fprintf(stderr, "dubanctl: %s\n", strerror(errno));
			return EXIT_FAIL;
		}
		rc = evidence(c, id, fp);
		if (fclose(fp) != 0 && rc == EXIT_OK)
			rc = EXIT_FAIL;
		if (rc == EXIT_OK)
			rc = ctl_write_file(argv[3], text, len, flags);
		free(text);
		if (rc != EXIT_OK)
			return rc;
		printf("evidence record of escalation %lld written to %s\n", (long long)id, argv[3]);
		return EXIT_OK;
	}
	return ctl_usage("queue");
}
