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
	OFFICE_NO_SUCH_ACTION,	/* no action of that id */
	OFFICE_DONE_ALREADY,	/* the action is done already */
	OFFICE_WAITING,		/* a waiting period that has not run, and not forced */
	OFFICE_NO_SUCH_PROPOSAL, /* no proposal of that id */
	OFFICE_DECIDED_ALREADY,	/* the proposal is confirmed or dropped already */
	OFFICE_NO_DEPARTMENT,	/* the proposal names none, and the caller gave none */
	OFFICE_NO_SUCH_DEPARTMENT, /* no department of that code */
	OFFICE_CLOSED_ALREADY,	/* the case is closed (销号) already */
	OFFICE_OPEN_ACTIONS,	/* the case has actions still open */
	OFFICE_OPEN_PROPOSALS,	/* the case has next steps that await the office's decision */
	OFFICE_NOT_CLOSED,	/* the case is not closed */
	OFFICE_BEFORE_CLOSED,	/* a time before the case was closed */
	OFFICE_NO_SUCH_ESCALATION, /* no entry of that id in the queue */
	OFFICE_RESOLVED_ALREADY, /* the queue entry is resolved already */
	OFFICE_REFERRED_ALREADY, /* the action is referred already in this cycle */
	OFFICE_NO_REASON,	/* a reason (a note) is required and was not given */
	OFFICE_NOTHING_TO_TRANSFER, /* no open action to transfer, or none transferred to return */
	OFFICE_ACKED_ALREADY,	/* received (签收) already */
	OFFICE_BAD_TEXT,	/* a text too long, not UTF-8, or with control characters */
	OFFICE_ASKED_ALREADY,	/* a request of that kind awaits the office's decision */
	OFFICE_PAST_DEADLINE,	/* more time is asked for before the deadline only */
	OFFICE_NO_SUCH_REQUEST,	/* no request of that id */
	OFFICE_WRONG_KIND,	/* an extension confirmed, or a report approved */
	OFFICE_NO_APPROVER,	/* an extension is approved by someone named */
	OFFICE_BAD_NAME,	/* an account's name: 1 to 64 letters, digits, '.', '_', '-' */
	OFFICE_BAD_ROLE,	/* not office, leader, discipline or leading-group */
	OFFICE_USER_EXISTS,	/* an account of that name exists */
	OFFICE_NO_SUCH_USER,	/* no account of that name */
	OFFICE_WEAK_PASSWORD,	/* a password of fewer than 10 characters */
	OFFICE_SIGN_IN_REFUSED,	/* no such account, disabled, or the wrong password */
	OFFICE_TOO_MANY,	/* too many refused sign-ins from there, or for that name, lately */
	OFFICE_NO_SUCH_LEADER,	/* a leader's account names no leader of the roster, or another role names one */
};

/*
 * The department codes the configuration names ([categories], next = … ->
 * DEPT) checked against the roster of its database, when the file exists:
 * each one missing is an error at its line. 0: all there (or no database).
 */
OFFICE_MUST int office_check_roster(const struct config *conf, struct diag *d);

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

/*
 * What the procedure did after a step was done: an action assigned (its
 * deadline, 0: none) or a step proposed for the office (why), for the
 * caller to tell. The strings live until the operation returns.
 */
struct office_told {
	bool		 proposed;
	int64_t		 id;		/* the action, or the proposal */
	int64_t		 after;		/* the action done */
	const char	*step;
	const char	*dept;		/* NULL or "?": none known */
	instant_t	 due;
	const char	*why;
};
typedef void office_told_fn(const struct office_told *told, void *arg);

/* An action done (办结). */
struct office_done {
	int64_t		 id;
	instant_t	 at;
	const char	*note;		/* or NULL */
	const char	*forced;	/* the reason to end a waiting period early, or NULL */
};
struct office_done_result {
	int		 left;		/* working days left of a waiting period not over */
	const struct rule *rule;	/* the action's rule, or NULL */
};
/*
 * Done at rq->at: refused while its rule's waiting period has not run
 * (OFFICE_WAITING, out->left days) unless forced, which the audit row says;
 * then what follows it by the procedure, each step told to fn (or NULL).
 */
OFFICE_MUST enum office_refusal office_done(struct store *s, const struct config *conf,
    const struct office_who *w, const struct office_done *rq, struct office_done_result *out,
    office_told_fn *fn, void *arg);

/* A next step the office confirms. */
struct office_next {
	const char	*step;		/* (set by office_next_confirm from the proposal) */
	const char	*dept;		/* a department code other than the proposal's, or NULL */
	const char	*what;		/* the concrete work, or NULL */
	instant_t	 at;		/* notified */
	bool		 overdue_ok;
	const char	*why;		/* (set by the operation) */
};
/* An open proposal by its id; clear it with office_proposal_clear. */
OFFICE_MUST enum office_refusal office_proposal_get(struct store *s, int64_t id,
    struct proposal *p);
void office_proposal_clear(struct proposal *p);
/* The proposal confirmed: its step assigned (told), the proposal decided. */
OFFICE_MUST enum office_refusal office_next_confirm(struct store *s, const struct config *conf,
    const struct office_who *w, const struct proposal *p, const struct office_next *rq,
    struct office_told *told);
/* The proposal dropped, for reason. */
OFFICE_MUST enum office_refusal office_next_drop(struct store *s, const struct office_who *w,
    const struct proposal *p, const char *reason, struct buf *said);

/*
 * A case closed (销号) at at, ceased: the petitioner ceased (息诉罢访).
 * Refused while actions are open (OFFICE_OPEN_ACTIONS: *n of them, their
 * ids in ids) or next steps await a decision (OFFICE_OPEN_PROPOSALS: *n).
 */
OFFICE_MUST enum office_refusal office_case_close(struct store *s, const struct office_who *w,
    const struct case_rec *k, instant_t at, bool ceased, char *ids, size_t idlen, int *n,
    struct buf *said);
/* A closed case open again at at (not before its closing, *closed), for reason. */
OFFICE_MUST enum office_refusal office_case_reopen(struct store *s, const struct office_who *w,
    const struct case_rec *k, instant_t at, const char *reason, instant_t *closed,
    struct buf *said);
/* A closed case's 息诉罢访 recorded (ceased) or withdrawn, for reason. */
OFFICE_MUST enum office_refusal office_case_ceased(struct store *s, const struct office_who *w,
    const struct case_rec *k, bool ceased, const char *reason, struct buf *said);

/*
 * A case transferred to another body (转交: to, for reason) or back (to
 * NULL): each open action paused, or each paused one resumed, each told to
 * each (or NULL) with what its audit row says; then the case's own row.
 */
OFFICE_MUST enum office_refusal office_case_transfer(struct store *s, const struct config *conf,
    const struct office_who *w, const struct case_rec *k, instant_t at, const char *to,
    const char *reason, void (*each)(int64_t id, const char *said, void *arg), void *arg,
    struct buf *said);

/*
 * The queue's entry id acknowledged, or resolved (a note required), in the
 * audit log and its evidence record.
 */
OFFICE_MUST enum office_refusal office_queue(struct store *s, const struct office_who *w,
    int64_t id, bool resolve, const char *note, struct buf *said);
/* Action a referred to target t (疑难案件 上报领导小组) for reason: its queue entry *eid. */
OFFICE_MUST enum office_refusal office_refer(struct store *s, const struct config *conf,
    const struct office_who *w, const struct action *a, const struct target *t,
    const char *reason, int64_t *eid);

/*
 * A department's answer by the signed link of its notice: who (w->who) is
 * the recipient the link was for. Received (签收: refused if it was
 * already) or progress reported (a text required, at most 4000 bytes of
 * UTF-8 without control characters but line breaks); in the audit log with
 * the client's address and in the evidence record of each escalation of
 * the action's cycle. Never moves the deadline.
 */
enum answer_kind { ANSWER_ACK, ANSWER_PROGRESS, ANSWER_EXTEND, ANSWER_DONE };
struct office_answer {
	enum answer_kind kind;
	const char	*recipient;	/* the link's recipient */
	const char	*from;		/* the client's address */
	const char	*text;		/* the report, the reason, the written opinion */
	instant_t	 until;		/* ANSWER_EXTEND: a time on the last day asked for */
};
OFFICE_MUST enum office_refusal office_answer(struct store *s, const struct config *conf,
    const struct office_who *w, struct action *a, const struct office_answer *rq,
    struct buf *said);

/*
 * A request for the office (ANSWER_EXTEND, ANSWER_DONE) by the same link:
 * more time, only before the deadline and only what the rule could grant
 * (refused at once otherwise); or the completion report, which stops the
 * clock until the office decides. One of each kind pending at a time; *id
 * the request's.
 */
OFFICE_MUST enum office_refusal office_request(struct store *s, const struct config *conf,
    const struct office_who *w, struct action *a, const struct office_answer *rq, int64_t *id,
    struct buf *said);
/* The extension (in a's rule's unit) that moves its deadline to until's day: 0, or -1. */
OFFICE_MUST int office_extension_to(const struct config *conf, const struct action *a, instant_t until,
    struct duration *by);
/*
 * The office decides a request: an extension approved (by the approver,
 * through office_extend, capped by the rule as the deadline is then) or
 * refused (a reason required; the clock ran on); a completion report
 * confirmed (the action done when it was reported, the procedure's next
 * steps told to fn) or returned (退回, a reason required: the clock runs
 * again from where it stood).
 */
enum decide_kind { DECIDE_APPROVE, DECIDE_REFUSE, DECIDE_CONFIRM, DECIDE_RETURN };
struct office_decision {
	int64_t		 id;
	enum decide_kind kind;
	const char	*approver;	/* DECIDE_APPROVE: who approved it (required) */
	const char	*note;		/* the reason (required to refuse or return) */
};
OFFICE_MUST enum office_refusal office_decide(struct store *s, const struct config *conf,
    const struct office_who *w, const struct office_decision *rq, office_told_fn *fn,
    void *arg, struct buf *said);

/*
 * Accounts of the pages (users.c): added with a role and a scope: for a
 * leader, the leader (包案领导, dubanctl leader add) whose cases it sees,
 * required; for the others a department code or NULL; a password of 10 characters at
 * least hashed with yescrypt; a new password or disabling ends the
 * account's sessions. A sign-in is checked in the same time whether or not
 * the account exists, and each one, refused or not, is in the audit log;
 * *u is the account signed in (clear it with store_user_clear).
 */
bool office_role_valid(const char *role);
OFFICE_MUST enum office_refusal office_user_add(struct store *s, const struct office_who *w,
    const char *name, const char *role, const char *dept, const char *password);
OFFICE_MUST enum office_refusal office_user_password(struct store *s,
    const struct office_who *w, const char *name, const char *password);
OFFICE_MUST enum office_refusal office_user_disable(struct store *s, const struct office_who *w,
    const char *name, bool off);
OFFICE_MUST enum office_refusal office_sign_in(struct store *s, const struct office_who *w,
    const char *name, const char *password, const char *from, struct user *u);

/*
 * The figures of the acceptance check (report.c) for the days [from_day,
 * to_day] (the assignments notified and the cases received then), per
 * department ordered by code, and their sum (all); only: one department's
 * code, or NULL. 0, or -1 (the database; nothing to clear). The rates and
 * averages as every reader shows them: "50.0%", "3.5", or "-".
 */
struct office_tally {
	char	 dept[32];
	char	 name[96];
	int	 assigned, on_time, late, open, overdue, escalated;
	int	 cases, closed, ceased;
	long	 workdays;	/* handling time of the done actions, in working days */
	int	 uncertain;	/* actions whose deadline crosses a year the calendar lacks */
	int	 handed_on;	/* late ones taken from it by a reassignment (no handling time) */
};
struct office_report {
	struct office_tally	*t;
	int			 n;
	struct office_tally	 all;
	int32_t			 from_day, to_day;
};
OFFICE_MUST int office_report(struct store *s, const struct config *conf, instant_t now,
    int32_t from_day, int32_t to_day, const char *only, struct office_report *r);
void office_report_clear(struct office_report *r);
const char *office_rate(char *buf, size_t len, long num, long den);
const char *office_average(char *buf, size_t len, long sum, long n);

/*
 * How an open action stands on the board (亮灯): green in time, yellow once
 * its first reminder's time has come, red overdue, escalated (where [web]
 * escalated-light says so) once an escalation of its rule was performed,
 * paused while its clock stands (a completion report awaiting the office);
 * LIGHT_NONE done, or without a deadline.
 */
enum office_light { LIGHT_GREEN, LIGHT_YELLOW, LIGHT_RED, LIGHT_ESCALATED, LIGHT_PAUSED,
	LIGHT_NONE };
enum office_light office_light(const struct config *conf, const struct action *a, instant_t now);

#endif
