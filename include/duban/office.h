/*
 * The office's operations, one function each, for every caller (dubanctl,
 * the ledger import, the procedure, and any service to come): each checks
 * the office's policy, writes its change and its audit row inside the
 * caller's transaction, and fails whole if either write fails. Printing and
 * argument parsing stay with the callers.
 */
#ifndef DUBAN_OFFICE_H
#define DUBAN_OFFICE_H

#include <stdbool.h>
#include <stdint.h>

#include "duban/buf.h"
#include "duban/conf.h"
#include "duban/sched.h"
#include "duban/store.h"

#define OFFICE_MUST	__attribute__((warn_unused_result))

/* Why an operation was refused (0: done). */
enum office_refusal {
	OFFICE_DONE = 0,
	OFFICE_DATABASE,	/* the database failed: store_errmsg says how */
	OFFICE_NO_SUCH_RULE,	/* a pinned rule that the configuration does not have */
	OFFICE_AGREED_NO_RULE,	/* an agreed deadline, but no rule for its notices */
	OFFICE_OVERDUE,		/* overdue at once, and the caller did not say that is right */
	OFFICE_NO_EXTENSION,	/* the action's rule allows no extension */
	OFFICE_EXTENDED_ENOUGH,	/* extended as often as its rule allows */
	OFFICE_EXTENSION_TOO_LONG, /* longer than its rule allows, or not in its unit */
	OFFICE_SAME_DEPARTMENT,	/* reassigned to the department it is with */
	OFFICE_PAUSED,		/* paused: resumed first, so the pause ends with its period */
	OFFICE_BEFORE_NOTIFIED,	/* a time before the department was notified */
};

/* Who acts, and when: the audit row's who and time. */
struct office_who {
	const char	*who;
	instant_t	 now;
};

/* Assign an action on a case to a department. */
struct office_assign {
	int64_t		 case_id;
	const char	*case_number;
	int		 category;
	bool		 key_case;
	int64_t		 dept_id;
	const char	*dept_code;
	const char	*step;		/* a kind's key (or the word, without [step] sections) */
	const char	*what;		/* the concrete work, or NULL */
	instant_t	 at;		/* notified */
	const char	*rule;		/* a rule the office pins, or NULL: the first that matches */
	instant_t	 agreed;	/* a deadline agreed with the petitioner, or 0 */
	const char	*responsible;	/* 责任人, or NULL */
	bool		 overdue_ok;	/* overdue at once is right (a record of the past) */
	bool		 no_audit_row;	/* the caller writes one row for many (a ledger import) */
	const char	*why;		/* said at the end of the audit row, or NULL */
	const char	*who;		/* for the audit row */
	instant_t	 now;
};

struct office_assigned {
	int64_t		 id;
	struct plan	 plan;		/* its rule (NULL: none matched), deadline, first event */
};

/*
 * Plan the action's deadline by its rule, refuse what the office's policy
 * refuses (a named rule that does not exist, an agreed deadline without a
 * rule, an action overdue at once unless overdue_ok), add it and write its
 * audit row. OFFICE_DONE, or why not (*cause: the planner's words for
 * OFFICE_NO_SUCH_RULE). Nothing is written unless it is OFFICE_DONE; on
 * OFFICE_DATABASE the caller rolls its transaction back.
 */
OFFICE_MUST enum office_refusal office_assign(struct store *s, const struct config *conf,
    const struct office_assign *rq, struct office_assigned *out, const char **cause);

/*
 * The lifecycle of an open action, loaded by the caller (a is updated as
 * stored). Each writes its audit row; what it says is appended to said
 * (NULL: not wanted), for the caller to print.
 */
/* Received (签收) at at. */
OFFICE_MUST enum office_refusal office_ack(struct store *s, const struct office_who *w,
    const struct action *a, instant_t at, struct buf *said);
/*
 * Would its rule allow an extension by by? OFFICE_DONE, or why not; *rule
 * is the action's rule (NULL: none), for the caller's message.
 */
OFFICE_MUST enum office_refusal office_extend_check(const struct config *conf,
    const struct action *a, const struct duration *by, const struct rule **rule);
/* Extended (延期) by by, as its rule allows, approved by approver for reason. */
OFFICE_MUST enum office_refusal office_extend(struct store *s, const struct config *conf,
    const struct office_who *w, struct action *a, const struct duration *by,
    const char *approver, const char *reason, instant_t at, struct buf *said);
/* Its clock stopped from at; to: the body it is transferred to (转交), or NULL. */
OFFICE_MUST enum office_refusal office_pause(struct store *s, const struct office_who *w,
    struct action *a, instant_t at, const char *reason, const char *to, struct buf *said);
/* Its clock running again from at: the deadline moves by the pause. */
OFFICE_MUST enum office_refusal office_resume(struct store *s, const struct config *conf,
    const struct office_who *w, struct action *a, instant_t at, struct buf *said);
/* Could it go to department dept_id at at? OFFICE_DONE, or why not. */
OFFICE_MUST enum office_refusal office_reassign_check(const struct action *a, int64_t dept_id,
    instant_t at);
/* Given to another department, notified at at: its period restarts, an agreed deadline stays. */
OFFICE_MUST enum office_refusal office_reassign(struct store *s, const struct config *conf,
    const struct office_who *w, struct action *a, int64_t dept_id, const char *dept_code,
    instant_t at, struct buf *said);

#endif
