/* dubanctl queue show, ack, resolve, export: the discipline-inspection queue's records. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/log.h"
#include "duban/text.h"

/*
 * Every stored text in a record goes through E(): escaped, so that a note
 * holding a line break cannot add a line that looks like the record's own.
 * The strings live until esc_done().
 */
static char *esc_pool[32];
static int esc_n;

static const char *
E(const char *s)
{
	if (esc_n == (int)(sizeof(esc_pool) / sizeof(esc_pool[0])))
		fatalx("record: too many fields on one line");
	return esc_pool[esc_n++] = text_escape(s ? s : "");
}

static void
esc_done(void)
{
	while (esc_n > 0)
		free(esc_pool[--esc_n]);
}

static int
ev_line(instant_t at, const char *who, int64_t action, const char *what, const char *detail,
    void *arg)
{
	struct buf b = { 0 };

	(void)action;
	text_event_line(&b, at, who, what, detail);
	fputs(b.data, arg);
	buf_free(&b);
	return 0;
}

static int
notice_line(const struct notice_row *n, void *arg)
{
	char when[32] = "not yet";

	if (n->sent_at)
		instant_format(n->sent_at, when, sizeof(when));
	fprintf(arg, "  %-10s %-7s sent %s to %s, %d tr%s; server: %s\n    subject: %s\n",
	    E(n->kind), E(n->status), when, E(n->recipient), n->attempts,
	    n->attempts == 1 ? "y" : "ies", n->reply ? E(n->reply) : "(no reply yet)",
	    E(n->subject));
	esc_done();
	return 0;
}

static int
period_line(const char *kind, instant_t from, instant_t to, const char *a, const char *b,
    const char *c, void *arg)
{
	char f[32], t[32] = "(still paused)";

	instant_format(from, f, sizeof(f));
	if (to)
		instant_format(to, t, sizeof(t));
	if (strcmp(kind, "pause") == 0)
		fprintf(arg, "  pause %s to %s: %s (entered by %s)\n", f, t, E(a), E(b));
	else
		fprintf(arg, "  extension %s by %s, approved by %s: %s\n", f, E(a), E(b), E(c));
	esc_done();
	return 0;
}

static int
audit_line(const struct audit_row *r, void *arg)
{
	char at[32], o[32] = "none", n[32] = "none";

	instant_format(r->at, at, sizeof(at));
	if (r->old_due)
		deadline_format(r->old_due, o, sizeof(o));
	if (r->new_due)
		deadline_format(r->new_due, n, sizeof(n));
	fprintf(arg, "  %s  %s -> %s: %s\n", at, o, n, E(r->why));
	esc_done();
	return 0;
}

/* The evidence record of an escalated item: everything about its action. */
static int
evidence(struct ctl *c, int64_t id, FILE *fp)
{
	struct escalation_row e;
	struct action a;
	char t1[32], t2[32], t3[32];

	if (store_escalation_get(c->store, id, &e) != 0) {
		fprintf(stderr, "dubanctl: no escalation %lld in the queue\n", (long long)id);
		return EXIT_FAIL;
	}
	if (store_action_get(c->store, e.action_id, &a) != 0) {
		escalation_clear(&e);
		return EXIT_DATABASE;
	}
	fprintf(fp, "督办记录 / evidence record: escalation %lld (level %d, to %s)\n",
	    (long long)e.id, e.level, E(e.target));
	fprintf(fp, "escalated %s; acknowledged %s; resolved %s%s%s\n\n",
	    instant_format(e.opened_at, t1, sizeof(t1)),
	    e.acked_at ? instant_format(e.acked_at, t2, sizeof(t2)) : "no",
	    e.resolved_at ? instant_format(e.resolved_at, t3, sizeof(t3)) : "no",
	    e.note ? "; note: " : "", e.note ? E(e.note) : "");
	fprintf(fp, "case:        %s %s (category %d%s)\n", E(a.kase.number), E(a.kase.title),
	    a.kase.category, a.kase.key_case ? ", key case 挂牌督办" : "");
	if (a.kase.leader)
		fprintf(fp, "leader:      %s\n", E(a.kase.leader));
	fprintf(fp, "department:  %s %s, head %s <%s>\n", E(a.dept.code), E(a.dept.name),
	    E(a.dept.head), E(a.dept.email));
	fprintf(fp, "action:      %lld %s, rule %s\n", (long long)a.id, E(a.step),
	    a.rule ? E(a.rule) : "(none)");
	esc_done();
	fprintf(fp, "notified:    %s\n", instant_format(a.notified_at, t1, sizeof(t1)));
	fprintf(fp, "received:    %s\n", a.acked_at ? instant_format(a.acked_at, t1, sizeof(t1)) :
	    "not acknowledged");
	fprintf(fp, "deadline:    %s%s\n", a.due_at ? deadline_format(a.due_at, t1, sizeof(t1)) :
	    "none", a.uncertain ? " (uncertain)" : "");
	fprintf(fp, "done:        %s%s%s\n", a.done_at ? instant_format(a.done_at, t1, sizeof(t1)) :
	    "not done", a.note ? ", " : "", a.note ? E(a.note) : "");
	esc_done();
	fprintf(fp, "\nextensions and pauses:\n");
	store_period_each(c->store, a.id, period_line, fp);
	fprintf(fp, "\ndeadline changes:\n");
	store_audit_each(c->store, a.id, audit_line, fp);
	fprintf(fp, "\nnotices and their delivery:\n");
	store_notice_each_action(c->store, a.id, notice_line, fp);
	fprintf(fp, "\ntimeline (who did what, when):\n");
	store_event_each(c->store, a.id, 0, 0, ev_line, fp);
	escalation_clear(&e);
	action_clear(&a);
	return EXIT_OK;
}

static int
queue_change(struct ctl *c, const char *arg, const char *note, int resolve)
{
	struct escalation_row e;
	char detail[512];
	int64_t id;

	if (ctl_parse_id(arg, &id) != 0)
		return EXIT_USAGE;
	if (store_escalation_get(c->store, id, &e) != 0) {
		fprintf(stderr, "dubanctl: no escalation %lld in the queue\n", (long long)id);
		return EXIT_FAIL;
	}
	if (e.resolved_at != 0) {
		fprintf(stderr, "dubanctl: escalation %lld is resolved already\n", (long long)id);
		escalation_clear(&e);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "escalation %lld %s%s%s", (long long)id,
	    resolve ? "resolved" : "acknowledged", note ? ": " : "", note ? note : "");
	if (store_begin(c->store) != 0 ||
	    (resolve ? store_escalation_resolve(c->store, id, time_now(), note) :
	    store_escalation_ack(c->store, id, time_now(), note)) != 0 ||
	    store_event(c->store, time_now(), c->who, e.action_id,
	    resolve ? "queue resolve" : "queue ack", detail) != 0 ||
	    store_commit(c->store) != 0) {
		store_rollback(c->store);
		escalation_clear(&e);
		return EXIT_DATABASE;
	}
	printf("%s\n", detail);
	escalation_clear(&e);
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
