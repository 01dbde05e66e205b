/*
 * The evidence record of an escalation, what the discipline-inspection group
 * receives: fixed when the item is escalated (the department, its head and
 * address, the rule and the deadline with how it was counted, every notice
 * with its time and the server's reply, the timeline), with later entries
 * about the escalation itself (its notices' delivery, its acknowledgement
 * and resolution) appended. The store keeps it append-only: triggers refuse
 * UPDATE and DELETE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/conf.h"
#include "duban/evidence.h"
#include "duban/i18n.h"
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
	const char *kind = i18n_ctx("value", E(n->kind));
	const char *status = i18n_ctx("value", E(n->status));
	char when[32], due[32];

	snprintf(when, sizeof(when), "%s", _("not yet"));
	if (n->sent_at)
		instant_format(n->sent_at, when, sizeof(when));
	fprintf(arg, _("  %s%*s %s%*s sent %s to %s, %d tr%s; server: %s\n    subject: %s\n"),
	    kind, text_pad(kind, 10), "", status, text_pad(status, 7), "", when, E(n->recipient),
	    n->attempts, n->attempts == 1 ? "y" : "ies", n->reply ? E(n->reply) :
	    _("(no reply yet)"), E(n->subject));
	if (n->due_at != 0)
		fprintf(arg, _("    for the deadline %s\n"), instant_deadline(n->due_at, due,
		    sizeof(due)));
	esc_done();
	return 0;
}

static int
assignment_line(const struct assignment_row *r, void *arg)
{
	char from[32], due[32], to[32];

	snprintf(due, sizeof(due), "%s", _("none"));
	instant_format(r->notified_at, from, sizeof(from));
	if (r->due_at != 0)
		instant_deadline(r->due_at, due, sizeof(due));
	instant_format(r->ended_at, to, sizeof(to));
	fprintf(arg, _("  %s %s: notified %s, deadline %s, until %s: %s\n"), E(r->dept),
	    E(r->dept_name), from, due, to, E(r->why));
	esc_done();
	return 0;
}

static int
period_line(const char *kind, instant_t from, instant_t to, const char *a, const char *b,
    const char *c, void *arg)
{
	char f[32], t[32];

	snprintf(t, sizeof(t), "%s", _("(still paused)"));
	instant_format(from, f, sizeof(f));
	if (to)
		instant_format(to, t, sizeof(t));
	if (strcmp(kind, "pause") == 0)
		fprintf(arg, _("  pause %s to %s: %s (entered by %s)\n"), f, t, E(a), E(b));
	else if (strcmp(kind, "transfer") == 0)
		fprintf(arg, _("  transferred to %s %s, back %s: %s (entered by %s)\n"), E(c), f, t,
		    E(a), E(b));
	else
		fprintf(arg, _("  extension %s by %s, approved by %s: %s\n"), f, E(a), E(b), E(c));
	esc_done();
	return 0;
}

static int
audit_line(const struct audit_row *r, void *arg)
{
	char at[32], o[32], n[32];

	snprintf(o, sizeof(o), "%s", _("none"));
	snprintf(n, sizeof(n), "%s", _("none"));
	instant_format(r->at, at, sizeof(at));
	if (r->old_due)
		instant_deadline(r->old_due, o, sizeof(o));
	if (r->new_due)
		instant_deadline(r->new_due, n, sizeof(n));
	fprintf(arg, "  %s  %s -> %s: %s\n", at, o, n, E(r->why));
	esc_done();
	return 0;
}

/* Everything about an escalated action as it stands, into fp. */
static int
render(struct store *s, const struct config *conf, const struct escalation_row *e, FILE *fp,
    int live)
{
	struct action a;
	const char *step;
	char t1[32], t2[32], t3[32], *label;
	int rc = 0;

	t2[0] = t3[0] = '\0';
	if (store_action_get(s, e->action_id, &a) != 0)
		return -1;
	if (e->level == 0)
		fprintf(fp, _("督办记录 / evidence record: referral %lld (to %s, by the office)\n"),
		    (long long)e->id, E(e->target));
	else
		fprintf(fp, _("督办记录 / evidence record: escalation %lld (level %d, to %s)\n"),
		    (long long)e->id, e->level, E(e->target));
	if (live)
		fprintf(fp, _("escalated %s; acknowledged %s; resolved %s%s%s\n\n"),
		    instant_format(e->opened_at, t1, sizeof(t1)),
		    e->acked_at ? instant_format(e->acked_at, t2, sizeof(t2)) : _("no"),
		    e->resolved_at ? instant_format(e->resolved_at, t3, sizeof(t3)) : _("no"),
		    e->note ? _("; note: ") : "", e->note ? E(e->note) : "");
	else
		fprintf(fp, _("escalated %s; recorded then, and never changed since\n\n"),
		    instant_format(e->opened_at, t1, sizeof(t1)));
	fprintf(fp, _("case:        %s %s (category %d%s)\n"), E(a.kase.number), E(a.kase.title),
	    a.kase.category, a.kase.key_case ? _(", key case 挂牌督办") : "");
	if (a.kase.leader)
		fprintf(fp, _("leader:      %s\n"), E(a.kase.leader));
	fprintf(fp, _("department:  %s %s, head %s <%s>\n"), E(a.dept.code), E(a.dept.name),
	    E(a.dept.head), E(a.dept.email));
	/* the kind by the name people read, and the work beside it */
	step = conf != NULL ? conf_step_name(conf, a.step) : a.step;
	if (a.what != NULL)
		xasprintf(&label, "%s：%s", step, a.what);
	else
		label = xstrdup(step);
	fprintf(fp, _("action:      %lld %s, rule %s\n"), (long long)a.id, E(label),
	    a.rule ? E(a.rule) : _("(none)"));
	free(label);
	esc_done();
	fprintf(fp, _("notified:    %s\n"), instant_format(a.notified_at, t1, sizeof(t1)));
	fprintf(fp, _("received:    %s\n"), a.acked_at ? instant_format(a.acked_at, t1, sizeof(t1)) :
	    _("not acknowledged"));
	fprintf(fp, _("deadline:    %s%s\n"), a.due_at ? instant_deadline(a.due_at, t1, sizeof(t1)) :
	    _("none"), a.uncertain ? _(" (uncertain)") : "");
	fprintf(fp, _("done:        %s%s%s\n"), a.done_at ? instant_format(a.done_at, t1, sizeof(t1)) :
	    _("not done"), a.note ? ", " : "", a.note ? E(a.note) : "");
	esc_done();
	if (conf != NULL && a.rule != NULL && conf_rule(conf, a.rule) != NULL) {
		struct rule_env env = conf_env(conf);

		fprintf(fp, _("\nhow the deadline was counted:\n"));
		rule_explain(conf_rule(conf, a.rule), &env, a.notified_at, fp);
	}
	/* a record with a part missing would say something that did not happen: all or none */
	fprintf(fp, _("\nearlier departments of this action:\n"));
	rc |= store_assignment_each(s, a.id, assignment_line, fp);
	fprintf(fp, _("\nextensions and pauses:\n"));
	rc |= store_period_each(s, a.id, period_line, fp);
	fprintf(fp, _("\ndeadline changes:\n"));
	rc |= store_audit_each(s, a.id, audit_line, fp);
	fprintf(fp, _("\nnotices and their delivery:\n"));
	rc |= store_notice_each_action(s, a.id, notice_line, fp);
	fprintf(fp, _("\ntimeline (who did what, when):\n"));
	rc |= store_event_each(s, a.id, 0, 0, ev_line, fp);
	store_action_clear(&a);
	return rc != 0 ? -1 : 0;
}


/* The record as it stands now, rendered from the live data (to free). */
static char *
render_text(struct store *s, const struct config *conf, const struct escalation_row *e,
    int live)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&text, &len)) == NULL)
		return NULL;
	rc = render(s, conf, e, fp, live);
	if (fclose(fp) != 0 || rc != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int
evidence_snapshot(struct store *s, const struct config *conf, int64_t escalation_id,
    instant_t now)
{
	struct escalation_row e;
	char *text;
	int rc;

	if (store_escalation_get(s, escalation_id, &e) != 0)
		return -1;
	text = render_text(s, conf, &e, 0);
	store_escalation_clear(&e);
	if (text == NULL)
		return -1;
	rc = store_evidence_add(s, escalation_id, now, text);
	free(text);
	return rc;
}

int
evidence_append(struct store *s, int64_t escalation_id, instant_t at, const char *who,
    const char *what, const char *detail)
{
	struct buf b = { 0 };
	int rc;

	text_event_line(&b, at, who, what, detail);
	rc = store_evidence_add(s, escalation_id, at, b.data);
	buf_free(&b);
	return rc;
}

int
evidence_append_action(struct store *s, const struct config *conf, const struct action *a,
    instant_t at, const char *who, const char *what, const char *detail)
{
	const struct rule *r = a->rule ? conf_rule(conf, a->rule) : NULL;
	int level, last = r ? r->nlevels : 0;
	int64_t id;

	/* the referral is level 0, then each level of the rule */
	for (level = 0; level <= last; level++) {
		if ((id = store_escalation_id(s, a->id, a->cycle, level)) < 0)
			return -1;
		if (id > 0 && evidence_append(s, id, at, who, what, detail) != 0)
			return -1;
	}
	return 0;
}

int
evidence_append_notice(struct store *s, int64_t notice_id, instant_t at, const char *what,
    const char *detail)
{
	struct buf b = { 0 };
	int rc;

	text_event_line(&b, at, "duband", what, detail);
	rc = store_evidence_add_for_notice(s, notice_id, at, b.data);
	buf_free(&b);
	return rc;
}

static int
cat_entry(const char *text, void *arg)
{
	buf_puts(arg, text);
	return 0;
}

char *
evidence_text(struct store *s, int64_t escalation_id, int *live)
{
	struct escalation_row e;
	struct buf b = { 0 };
	int n;

	*live = 0;
	if ((n = store_evidence_each(s, escalation_id, cat_entry, &b)) < 0) {
		buf_free(&b);
		return NULL;
	}
	if (n > 0) {
		buf_puts(&b, "");
		return buf_take(&b);
	}
	/* escalated before records were kept (schema 6 and older): the live data */
	buf_free(&b);
	if (store_escalation_get(s, escalation_id, &e) != 0)
		return NULL;
	*live = 1;
	{
		char *text = render_text(s, NULL, &e, 1);

		store_escalation_clear(&e);
		return text;
	}
}
