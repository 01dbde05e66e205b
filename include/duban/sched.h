/*
 * The schedule: what follows from an action's rule, and the due transitions
 * (reminder, overdue notice, escalation) performed at a given instant. The
 * clock is always passed in, so that tests can drive it.
 */
#ifndef DUBAN_SCHED_H
#define DUBAN_SCHED_H

#include "duban/conf.h"
#include "duban/store.h"

struct plan {
	const struct rule	*rule;		/* NULL: no rule governs the action */
	instant_t		 due;
	int			 uncertain;
	instant_t		 next_at;	/* the first event, 0 if none */
	struct event		 ev[RULE_MAX_EVENTS];	/* the rule's notices, in order */
	int			 nev;
};

/*
 * Work out an action's rule (by name, or the first that matches), deadline
 * and first event. -1 with *cause if a named rule does not exist.
 */
/*
 * Every recipient of event e of action a under rule r, in the order the
 * daemon queues them (the department head is passed with an empty address
 * when it has none); dubanctl preview lists the same.
 */
typedef void (*sched_recipient_fn)(void *arg, const char *name, const char *addr,
    const struct target *t);
void sched_recipients(const struct config *conf, const struct action *a, const struct rule *r,
    const struct event *e, sched_recipient_fn fn, void *arg);
int sched_plan(const struct config *conf, const char *rule_name, const char *step,
    const char *dept, int category, int key, instant_t notified, const struct adjust *adj,
    struct plan *p, const char **cause);
/*
 * Replan one action after a change (extension, pause, resume, reassignment)
 * inside the caller's transaction: its rule, deadline and next event; the
 * events before its last check stay past. The move is audited with why.
 */
#define REPLAN_KEEP_STAGE	0x1	/* the same deadline shifted: performed events stay performed */
/*
 * The office refers an action's case to a target (疑难案件 to the leading
 * group): an escalation of level 0 in the target's queue, its notice to the
 * target (and the office), the reason in the audit log, and its evidence
 * record, inside the caller's transaction. 0 (*eid), 1 referred already in
 * this cycle, -1.
 */
STORE_MUST int sched_refer(struct store *st, const struct config *conf, const struct action *a,
    const struct target *t, const char *who, const char *reason, instant_t now, int64_t *eid);
int sched_replan(struct store *st, const struct config *conf, const struct action *a,
    instant_t now, const char *why, int flags);

/* What the daemon does between the transactions of a burst. */
struct sched_hooks {
	int	(*yield)(void *);	/* nonzero: end the transaction now (mail results wait) */
	void	(*before_commit)(void *);	/* writes of its own in the transaction */
	void	(*after)(void *, bool committed, bool more);	/* after each transaction */
	void	*arg;
	int	 round_ms;		/* end a transaction after this long; 0: no limit */
};

/*
 * Perform the transitions due at or before now, in transactions of at most
 * batch actions, at most max_batches of them (the caller comes back for the
 * rest, so that a backlog does not hold up its loop); *done counts the
 * transitions performed. With hooks, a transaction also ends after round_ms
 * or as soon as yield() says so; before_commit() writes in it (the daemon:
 * the mail results waiting), and after() is told whether it was committed
 * and whether more is due, so that the first notices of a burst are
 * committed, and sent, while the rest are still being worked off. 0, or -1
 * if the database failed (nothing of the failed transaction is kept).
 */
int sched_run(struct store *st, const struct config *conf, instant_t now, int batch,
    int max_batches, int *done, const struct sched_hooks *h);

/*
 * After a reload: work out every open action's rule, deadline and next
 * event again under the current configuration, and record each deadline
 * that moved in the audit table. Events before the action's last check are
 * not sent after the fact. 0, or -1 (nothing changed).
 */
int sched_recompute(struct store *st, const struct config *conf, instant_t now, int *seen,
    int *moved);

#endif
