/*
 * The store: sole owner of the database, SQLite or PostgreSQL. Its records
 * first, then its functions by the file of daemon/core/store that has them
 * (as smtpd.h is laid out): open.c, db.c, txn.c, outbox.c, pg.c,
 * pgconnect.c, copy.c, views.c, roster.c, actions.c, procedure.c, queue.c.
 */
#ifndef DUBAN_STORE_H
#define DUBAN_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "duban/rules.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"

#define STORE_SCHEMA_VERSION	15

/* A result the caller must look at: a write that failed is never passed over. */
#define STORE_MUST	__attribute__((warn_unused_result))

/*
 * What the store's functions return besides 0 (done, or found) and -1 (the
 * database failed; logged): never one for the other, so that a failing
 * database is not taken for a missing row.
 */
#define STORE_NOT_FOUND		1
#define STORE_DONE_ALREADY	2

struct store;

struct department {
	int64_t	 id;
	char	*code;
	char	*name;
	char	*head;
	char	*email;
	char	*cc;
};

struct case_rec {
	int64_t	 id;
	char	*number;
	char	*title;
	int	 category;
	int	 key_case;
	char	*leader;
	char	*petitioner;
	char	*lead_dept;	/* department code, may be NULL */
	instant_t received_at;
	char	*status;
};

/* An action with what a notice about it needs to say. */
struct action {
	int64_t		 id;
	char		*step;		/* its kind's key ([step]), or as written before kinds */
	char		*what;		/* the concrete work (核验办证手续), or NULL */
	char		*responsible;	/* 责任人 (an agreement's), or NULL */
	char		*rule;
	instant_t	 notified_at;
	instant_t	 due_at;	/* 0: no rule governs it */
	int		 uncertain;
	int		 stage;
	instant_t	 next_at;	/* 0: nothing scheduled */
	instant_t	 done_at;	/* 0: open */
	char		*note;
	instant_t	 acked_at;	/* 签收; 0: not yet */
	instant_t	 paused_at;	/* 0: the clock runs */
	struct adjust	 adj;
	int		 nextensions;
	instant_t	 checked_at;
	int		 pinned;
	int		 cycle;		/* which of its deadlines: 0 the first, +1 each extension or reassignment */
	int		 first_cycle;	/* the cycle its current department's assignment began with */
	struct department dept;
	struct case_rec	 kase;
};

struct notice {
	int64_t		 action_id;
	const char	*kind;
	int		 level;
	int		 seq;
	const char	*recipient;	/* envelope address */
	const char	*subject;
	/*
	 * What composes the message when it is sent: the template's name, the
	 * sender, the body's template text (stored once, by their digest), the
	 * variables (notice_vars_encode), the thread's Message-ID and the
	 * X-Duban-Action header.
	 */
	const char	*template;
	const char	*sender;
	const char	*body;
	const char	*vars;
	const char	*thread_id;
	const char	*ref;
	const char	*message_id;
	const char	*recipient_name;
	const char	*item;		/* its line in a digest */
	int		 digest;	/* may be merged into a digest */
	instant_t	 send_at;	/* 0: at once */
	int		 cycle;		/* the action's cycle: which deadline it is for */
	instant_t	 due_at;	/* that deadline; 0 none */
};

/* An outbox row handed to the mailer. */
struct outbox_item {
	int64_t	 id;
	int64_t	 action_id;
	char	*kind;
	char	*recipient;
	char	*recipient_name;
	char	*subject;
	char	*item;
	char	*message;	/* composed before schema 14; NULL or "": from the rest */
	char	*message_id;
	char	*sender;	/* what composes it (struct notice) */
	char	*body;
	char	*vars;
	char	*thread_id;
	char	*ref;
	int	 attempts;
	int	 digest;
};

struct escalation_row {
	int64_t		 id;
	int64_t		 action_id;
	int		 level;
	char		*target;
	instant_t	 opened_at;
	instant_t	 acked_at;
	instant_t	 resolved_at;
	char		*case_number;
	char		*case_title;
	char		*dept_name;
	char		*step;
	instant_t	 due_at;	/* the deadline it was escalated for */
	char		*note;
	int		 cycle;
};

struct outbox_counts {
	int	queued;
	int	sent;
	int	failed;
};

enum {
	STORE_OPEN_CREATE = 1,		/* create and migrate the file */
	STORE_OPEN_MUST_EXIST = 2,
	/*
	 * What a person records (dubanctl, a form): each commit on disk before
	 * it returns (SQLite's synchronous = FULL; the daemon's own writes, which
	 * only repeat work when lost, keep NORMAL). PostgreSQL's commits are
	 * durable by the server's synchronous_commit.
	 */
	STORE_OPEN_DURABLE = 4
};

/* Actions */
/* What a new action is: its case, department, kind and work, notification and rule. */
struct action_new {
	int64_t		 case_id, dept_id;
	const char	*step;
	const char	*what;		/* the concrete work, or NULL */
	instant_t	 notified;
	const char	*rule;		/* the rule that governs it, or NULL */
	int		 pinned;	/* the rule was named by the office, not matched */
	instant_t	 agreed;	/* a deadline agreed with the petitioner, or 0 */
	const char	*responsible;	/* 责任人, or NULL */
};
/* The procedure: a next step proposed, until the office confirms or drops it. */
struct proposal {
	int64_t		 id;
	int64_t		 after_action;
	const char	*case_number;
	const char	*step;
	const char	*dept;		/* NULL: the office names it when it confirms */
	instant_t	 proposed_at;
	const char	*why;
	instant_t	 decided_at;	/* 0: open */
	int64_t		 action_id;	/* confirmed: the action; 0: dropped or open */
	const char	*reason;	/* why it was dropped */
};

/* What a recompute needs of an open action. */
struct recompute_row {
	int64_t		 id;
	const char	*step;
	const char	*dept;
	int		 category;
	int		 key;
	const char	*rule;
	int		 pinned;
	instant_t	 notified_at;
	instant_t	 due_at;
	int		 stage;
	instant_t	 checked_at;
	int		 uncertain;
	instant_t	 paused_at;
	struct adjust	 adj;
};

struct audit_row {
	instant_t	 at;
	instant_t	 old_due;
	instant_t	 new_due;
	const char	*old_rule;
	const char	*new_rule;
	const char	*why;
};

/* A notice as dubanctl mail shows it. */
struct notice_row {
	int64_t		 id;
	int64_t		 action_id;
	const char	*kind;
	const char	*recipient;
	const char	*subject;
	const char	*status;
	int		 attempts;
	instant_t	 next_try;
	instant_t	 sent_at;
	const char	*reply;
	int		 level;
	int		 seq;
	int		 cycle;		/* which of the action's deadlines it was for */
	instant_t	 due_at;	/* that deadline (0: not recorded, before schema 10) */
};

/* An action's earlier assignments, oldest first. */
struct assignment_row {
	const char	*dept;
	const char	*dept_name;
	instant_t	 notified_at;
	const char	*rule;
	instant_t	 due_at;
	instant_t	 ended_at;
	const char	*why;
};

/* A line of the ledger (台账): a case, and one of its actions if it has any. */
struct ledger_row {
	const char	*number;
	const char	*title;
	int		 category;
	const char	*lead;
	const char	*leader;
	int		 key;
	const char	*petitioner;
	instant_t	 received;
	const char	*dept;		/* NULL: the case has no action */
	const char	*step;
	instant_t	 notified;
	instant_t	 acked;
	instant_t	 done;
	const char	*note;
	const char	*what;
	instant_t	 closed;	/* 销号; 0: open */
	int		 ceased;	/* 息诉罢访 */
	instant_t	 agreed;	/* an agreement's deadline (解决时限), or 0 */
	const char	*responsible;	/* 责任人, or NULL */
	const char	*transfer_to;	/* its last transfer: to whom (NULL: none), when, back, why */
	instant_t	 transfer_from;
	instant_t	 transfer_back;	/* 0: still away */
	const char	*transfer_why;
};
/* The case fields an import compares between a case's lines. */
#define LEDGER_CASE_FIELDS	9

/* What the acceptance report counts: an action, or a case by its lead department. */
struct report_row {
	int		 is_case;
	const char	*dept;
	const char	*dept_name;
	instant_t	 start;		/* notified, or received */
	instant_t	 due;
	instant_t	 done;		/* done, or closed */
	int		 escalated;
	int		 closed;
	int		 ceased;
	const char	*rule;		/* an action's rule, or NULL */
	int		 uncertain;	/* its deadline crosses a year the calendar lacks */
	instant_t	 handed_on;	/* an earlier assignment: when it was reassigned */
};

/* open.c */
/* Send what SQLite reports (a malformed file, I/O errors) to the log; before any open. */
void store_log_init(void);
/*
 * Open (and with STORE_OPEN_CREATE create) the database; NULL with *cause.
 * path is a SQLite file, or a libpq connection string starting with
 * postgresql:// (or postgres://) for PostgreSQL.
 */
struct store *store_open(const char *path, int flags, char **cause);
void store_close(struct store *s);
/*
 * What a database path is, for those outside the store: a file (relative
 * paths are the configuration's; one daemon per file, by its lock), or a
 * database several daemons share (each claims what it works on, and hears
 * the others' changes); :memory: is neither.
 */
bool store_path_is_file(const char *path);
bool store_path_is_shared(const char *path);
/* Has another connection written since the last call? */
bool store_changed(struct store *s);
/* The database's instance id, made at init (to free; NULL on error). */
char *store_instance(struct store *s);

/* db.c */
/* Whether several daemons share this store. */
bool store_is_shared(struct store *s);
/* The last error of the database, for messages. */
const char *store_errmsg(struct store *s);

/* txn.c */
STORE_MUST int store_begin(struct store *s);
/*
 * A transaction that reads (and writes only temporary tables) until its
 * first write: no writer is kept waiting (SQLite's WAL, PostgreSQL's
 * snapshots); its reads see one state of the database. End it with
 * store_commit or store_rollback.
 */
STORE_MUST int store_begin_read(struct store *s);
STORE_MUST int store_commit(struct store *s);
void store_rollback(struct store *s);
/*
 * A recompute's transaction, which rewrites every open action: begun with
 * what makes that fast where the engine has it (a larger cache, the
 * indexes on deadlines dropped, to be built again by a sort), ended by
 * store_recompute_end (committed) or store_recompute_abort (rolled back).
 * When begin or end fails, store_errmsg says why until the abort.
 */
STORE_MUST int store_recompute_begin(struct store *s);
STORE_MUST int store_recompute_end(struct store *s);
void store_recompute_abort(struct store *s);
/* A part of the open transaction that can be undone alone (SAVEPOINT). */
STORE_MUST int store_savepoint(struct store *s);
STORE_MUST int store_release(struct store *s);
void store_rollback_part(struct store *s);

/* outbox.c */
/*
 * Several daemons on one PostgreSQL database: this instance's name, written
 * on the notices it claims for delivery, and how long a claim holds before
 * another instance may take the notice (SQLite: one daemon, no claims).
 * The claims of this instance's earlier runs (a crash) go back to the queue
 * at once rather than when their lease runs out: how many, or -1.
 */
STORE_MUST int store_set_owner(struct store *s, const char *name, instant_t lease_ms);
/* "duband", or "duband@NAME" once an instance is named. */
const char *store_who(struct store *s);
/* This run's name on its claims, or NULL. */
const char *store_owner(struct store *s);
/* Give up this run's claims (a clean stop): another instance, or the next run, sends them. */
STORE_MUST int store_lease_release(struct store *s);
/* Extend this instance's claims that still hold; 0 or -1. */
STORE_MUST int store_lease_renew(struct store *s, instant_t now);
/* Outbox */
/* Queue a notice; 0 if queued, 1 if that notice exists already. */
STORE_MUST int store_notice_add(struct store *s, const struct notice *n, instant_t now);
/*
 * Up to max queued notices that may be tried at now, with their messages;
 * only_singles: only those that may not merge into a digest.
 */
STORE_MUST int store_outbox_singles(struct store *s, instant_t now, int max, int only_singles,
    struct outbox_item *out);
/* Up to max recipients with queued notices due that may merge into a digest. */
STORE_MUST int store_outbox_recipients(struct store *s, instant_t now, int max, char ***out);
/* One recipient's mergeable notices due, without their messages. */
STORE_MUST int store_outbox_for(struct store *s, const char *recipient, instant_t now, int max,
    struct outbox_item *out);
/* What composes notice it->id (its message, or its composition) read into it; -1: not read. */
STORE_MUST int store_notice_message(struct store *s, struct outbox_item *it);
/* The earliest next try of a queued notice, 0 if none. */
instant_t store_outbox_next(struct store *s);
/* Sent: message_id is that of the message that carried it (a digest's, maybe). */
STORE_MUST int store_notice_sent(struct store *s, int64_t id, instant_t at, const char *reply,
    const char *message_id);
/* A failed notice goes back to the queue; 1 if it was not failed. */
STORE_MUST int store_notice_requeue(struct store *s, int64_t id, instant_t at);
STORE_MUST int store_notice_retry(struct store *s, int64_t id, instant_t next_try, const char *reply);
STORE_MUST int store_notice_failed(struct store *s, int64_t id, const char *reply);
/* A queued notice that no longer holds: not sent, and why. */
STORE_MUST int store_notice_withdraw(struct store *s, int64_t id, const char *why);
/* The id of the row the last INSERT added. */
STORE_MUST int64_t store_last_id(struct store *s);
/* Queued and failed, from indexes (sent is -1); _all reads every notice for the three. */
STORE_MUST int store_outbox_counts(struct store *s, struct outbox_counts *c);
STORE_MUST int store_outbox_counts_all(struct store *s, struct outbox_counts *c);
void store_outbox_item_clear(struct outbox_item *o);
/* Each notice about one action, oldest first. */
STORE_MUST int store_notice_each_action(struct store *s, int64_t action,
    int (*fn)(const struct notice_row *, void *), void *arg);
/* Each notice (all = also the sent ones), oldest first. */
STORE_MUST int store_notice_each(struct store *s, bool all,
    int (*fn)(const struct notice_row *, void *), void *arg);

/* pg.c */
/*
 * PostgreSQL's wake-ups: the daemon listens, dubanctl notifies after its
 * commit, every instance hears it. store_fd is the socket to watch (-1 on
 * SQLite; it changes after a reconnection); store_notified reads what came.
 */
STORE_MUST int store_listen(struct store *s);
void store_notify(struct store *s);
STORE_MUST int store_fd(struct store *s);
bool store_notified(struct store *s);
/* The connection to the database is lost and not yet made again: why. */
bool store_waiting(struct store *s, const char **why);

/* pgconnect.c */
/*
 * From now on a lost connection is made again without blocking the caller
 * (a daemon's loop): statements fail, and store_waiting says why, until it
 * is through. Without it a reconnection waits for each host in turn.
 */
void store_nonblocking(struct store *s);
/* Connections made again so far (0 on SQLite): store_fd may have changed with it. */
STORE_MUST int store_connections(struct store *s);

/* copy.c */
/*
 * Copy every row of from into to, a new database of either engine, in one
 * transaction; fn is told each table's count once they match. 0, or -1
 * with *cause (to free) and nothing written.
 */
STORE_MUST int store_copy(struct store *from, struct store *to,
    void (*fn)(const char *table, int64_t rows, void *arg), void *arg, char **cause);
/* A database's name for messages and logs: a connection string without its password. */
char *store_display_name(const char *path);

/* requests.c: what a department asks by link, for the office to decide */
struct request {
	int64_t		 id;
	int64_t		 action_id;
	int		 cycle;
	char		 kind[8];	/* "extend" (延期申请) or "done" (办结报告) */
	char		*asked_by;	/* the link's recipient */
	char		*asked_from;	/* the client's address */
	instant_t	 asked_at;
	char		*text;		/* the reason, or the written opinion */
	instant_t	 until_at;	/* extend: the deadline asked for (0: none) */
	instant_t	 decided_at;	/* 0: pending */
	char		*decision;	/* approved, refused, confirmed, returned */
	char		*decided_by;
	char		*note;
	char		*case_number;
	char		*dept_name;
};
/* Add one (its id in *id). */
STORE_MUST int store_request_add(struct store *s, const struct request *r, int64_t *id);
/* By id: 0, STORE_NOT_FOUND or -1; clear it with store_request_clear. */
STORE_MUST int store_request_get(struct store *s, int64_t id, struct request *r);
void store_request_clear(struct request *r);
/* The action's pending request of that kind: its id, 0 if none, -1 on error. */
STORE_MUST int64_t store_request_pending(struct store *s, int64_t action, const char *kind);
/* Decided once: 0, 1 if it was decided already, -1 on error. */
STORE_MUST int store_request_decide(struct store *s, int64_t id, instant_t at,
    const char *decision, const char *by, const char *note);
/* The pending ones (all: every one), oldest first; stops at fn's first non-zero. */
STORE_MUST int store_request_each(struct store *s, bool all,
    int (*fn)(const struct request *, void *), void *arg);

/* users.c: the accounts that sign in to the pages */
struct user {
	int64_t		 id;
	char		*name;
	char		*role;		/* office, leader, discipline, leading-group */
	char		*dept;		/* or NULL */
	char		*hash;		/* crypt(3) yescrypt */
	int		 version;	/* +1 at each password change or disabling: sessions end */
	int		 disabled;
};
STORE_MUST int store_user_add(struct store *s, const struct user *u, instant_t now);
/* By name (id 0) or by id: 0, STORE_NOT_FOUND or -1; clear it with store_user_clear. */
STORE_MUST int store_user_get(struct store *s, const char *name, int64_t id, struct user *u);
void store_user_clear(struct user *u);
/* A new hash, or disabled set: 0, STORE_NOT_FOUND or -1. */
STORE_MUST int store_user_set_hash(struct store *s, const char *name, const char *hash);
STORE_MUST int store_user_set_disabled(struct store *s, const char *name, bool disabled);
STORE_MUST int store_user_each(struct store *s, int (*fn)(const struct user *, void *), void *arg);

/* metrics.c: what /metrics shows */
/* Actions by department code and state (open, overdue, paused, done): fn for each pair. */
STORE_MUST int store_metrics_actions(struct store *s, instant_t now, const char *waiting,
    void (*fn)(const char *dept, const char *state, int64_t n, void *arg), void *arg);
/* The queue's entries: open, acknowledged, resolved. */
STORE_MUST int store_metrics_escalations(struct store *s, int64_t n[3]);
/* When the oldest notice still queued was queued (0: none). */
instant_t store_oldest_queued(struct store *s);

/* views.c */
/* Record who did what to which action (action 0: none) in the audit log. */
STORE_MUST int store_event(struct store *s, instant_t at, const char *who, int64_t action,
    const char *what, const char *detail);
/* The audit log: of one action, or (action 0) of the period [from, to). */
STORE_MUST int store_event_each(struct store *s, int64_t action, instant_t from, instant_t to,
    int (*fn)(instant_t at, const char *who, int64_t action, const char *what,
    const char *detail, void *arg), void *arg);
/* Every case and action in ledger order; stops at fn's first non-zero return. */
STORE_MUST int store_ledger_each(struct store *s, int (*fn)(const struct ledger_row *, void *),
    void *arg);
/* The action of that case, department, step and notification, or 0. */
/*
 * An import's first pass: each case's fields as its first line gives them,
 * kept in a temporary table (no lock on the database, bounded memory).
 * stage_case gives 0 for a case's first line, else the line of its first
 * with the LEDGER_CASE_FIELDS fields that differ from it as bits of *differ;
 * -1 an error.
 */
STORE_MUST int store_ledger_stage_begin(struct store *s);
STORE_MUST int store_ledger_stage_case(struct store *s, const char *number, int line,
    const char *const *fields, unsigned *differ);
/*
 * The office's board: open actions with a deadline, the nearest first,
 * those of a department (code), a step, a leader (包案领导) and key cases
 * only where given; limit from offset. How many, or -1.
 */
struct board_filter {
	const char	*dept, *step, *leader;
	bool		 key_only;
	int		 limit, offset;
};
STORE_MUST int store_board_each(struct store *s, const struct board_filter *f,
    int (*fn)(const struct action *, void *), void *arg);
/* The assignments notified (each department's part of an action) and the cases received in [from, to). */
STORE_MUST int store_report_each(struct store *s, instant_t from, instant_t to,
    int (*fn)(const struct report_row *, void *), void *arg);
/* Counts for status lines. */
/* Open actions, and those overdue (not counting the rules named in waiting, a JSON array). */
STORE_MUST int store_count_open(struct store *s, instant_t now, const char *waiting, int *open,
    int *overdue);

/* roster.c */
/* Departments */
STORE_MUST int store_dept_add(struct store *s, const struct department *d, int64_t *id);
STORE_MUST int store_dept_get(struct store *s, const char *code, struct department *d);
/* Change a department's name, head, email and cc (by its code). */
STORE_MUST int store_dept_update(struct store *s, const struct department *d);
/* Calls fn for each department, ordered by code; stops if fn returns non-zero. */
STORE_MUST int store_dept_each(struct store *s, int (*fn)(const struct department *, void *), void *arg);
void store_dept_clear(struct department *d);
/* Cases */
STORE_MUST int store_case_add(struct store *s, const struct case_rec *c, int64_t *id);
STORE_MUST int store_case_get(struct store *s, const char *number, struct case_rec *c);
void store_case_clear(struct case_rec *c);
/* How many actions of the case are open; their ids, listed in ids. */
STORE_MUST int store_case_open_actions(struct store *s, int64_t case_id, char *ids, size_t len);
STORE_MUST int store_case_close(struct store *s, int64_t case_id, instant_t at, int ceased);
STORE_MUST int store_case_update(struct store *s, int64_t id, const struct case_rec *c);
/* A case's closing (销号 time, 0: open; 息诉罢访): 0 or -1. */
STORE_MUST int store_case_closing(struct store *s, int64_t case_id, instant_t *closed, int *ceased);
/*
 * The department codes of the database at path, read only and without a
 * migration (for the configuration's checks): fn for each; 0 or -1.
 */
STORE_MUST int store_peek_departments(const char *path, int (*fn)(const char *code, void *arg), void *arg);
/* The leaders (包案领导): add one, or change its title and address. 0 or -1. */
STORE_MUST int store_leader_set(struct store *s, const char *name, const char *title, const char *email);
/* Each leader (or the one named), in the order added: how many, or -1. */
STORE_MUST int store_leader_each(struct store *s, const char *name,
    int (*fn)(const char *name, const char *title, const char *email, void *arg), void *arg);
/* The ids of a case's open actions (free *ids): how many, or -1. */
STORE_MUST int store_case_action_ids(struct store *s, int64_t case_id, int64_t **ids);
/* Open a closed case again, its closing kept with the reason: 0 or -1. */
STORE_MUST int store_case_reopen(struct store *s, int64_t case_id, instant_t at, const char *reason);
/* Set it (closed 0: open again): 0 or -1. */
STORE_MUST int store_case_set_closing(struct store *s, int64_t case_id, instant_t closed, int ceased);

/* actions.c */
STORE_MUST int store_action_add(struct store *s, const struct action_new *n, instant_t due, int uncertain,
    instant_t next_at, instant_t now, int64_t *id);
STORE_MUST int store_action_get(struct store *s, int64_t id, struct action *a);
/* Mark an action done: 0, STORE_NOT_FOUND, STORE_DONE_ALREADY, or -1. */
STORE_MUST int store_action_done(struct store *s, int64_t id, instant_t at, const char *note);
/* Each open action (all = also the done ones), ordered by deadline. */
STORE_MUST int store_action_each(struct store *s, bool all, int (*fn)(const struct action *, void *), void *arg);
/* Up to max open actions whose next event is due at or before now. */
STORE_MUST int store_action_due(struct store *s, instant_t now, int max, struct action *out);
/* Each step the actions name, with how many; stops at fn's first non-zero return. */
STORE_MUST int store_steps_each(struct store *s, int (*fn)(const char *step, int n, void *arg), void *arg);
/*
 * The actions that name step old get the kind key (keep_text: the old text is
 * kept as their what, for the catch-all); their rule is pinned, so that no
 * deadline changes; each is recorded in the audit log. How many, or -1.
 */
STORE_MUST int store_steps_place(struct store *s, const char *old, const char *key, int keep_text,
    instant_t now, const char *who);
/* Events before stage are done; checked_at: the instant they were looked at. */
STORE_MUST int store_action_schedule(struct store *s, int64_t id, int stage, instant_t next_at,
    instant_t checked_at);
/* Each open action; stops at the first non-zero return of fn and returns it. */
STORE_MUST int store_action_each_open(struct store *s, int (*fn)(const struct recompute_row *, void *),
    void *arg);
STORE_MUST int store_action_replan(struct store *s, int64_t id, const char *rule, instant_t due,
    int uncertain, int stage, instant_t next_at);
/* Record that an action's deadline moved, and why. */
STORE_MUST int store_deadline_audit(struct store *s, int64_t action, instant_t at, instant_t old_due,
    instant_t new_due, const char *old_rule, const char *new_rule, const char *why);
STORE_MUST int store_audit_each(struct store *s, int64_t action,
    int (*fn)(const struct audit_row *, void *), void *arg);
/* The earliest scheduled event, 0 if none. */
instant_t store_next_event(struct store *s);
void store_action_clear(struct action *a);
/* The lifecycle */
STORE_MUST int store_action_ack(struct store *s, int64_t id, instant_t at);
/* The pause state and the adjustments of the deadline (paused_at 0: running). */
STORE_MUST int store_action_set_pause(struct store *s, int64_t id, instant_t paused_at,
    const struct adjust *adj, int nextensions);
STORE_MUST int store_pause_open(struct store *s, int64_t id, instant_t from, const char *reason,
    const char *who, const char *to);
STORE_MUST int store_pause_close(struct store *s, int64_t id, instant_t to);
STORE_MUST int store_extension_add(struct store *s, int64_t id, instant_t at, const char *length,
    const char *approver, const char *reason, const char *who);
/*
 * Give an action to another department from a moment on: its current
 * assignment is kept as it ended (department, notification, rule, deadline,
 * cycles), and the new one starts a new cycle counted from that moment with
 * no receipt, pause or extension of its own yet.
 */
STORE_MUST int store_action_reassign(struct store *s, const struct action *a, int64_t dept,
    instant_t at, const char *why);
/* A new deadline for the action (an extension): the next cycle of notices. */
STORE_MUST int store_action_new_cycle(struct store *s, int64_t id);
STORE_MUST int store_assignment_each(struct store *s, int64_t action,
    int (*fn)(const struct assignment_row *, void *), void *arg);
/*
 * Each pause ("pause", from, to (0: still), reason, who) and extension
 * ("extension", at, 0, length, approver, reason) of an action, in order.
 */
STORE_MUST int store_period_each(struct store *s, int64_t action,
    int (*fn)(const char *kind, instant_t from, instant_t to, const char *a,
    const char *b, const char *c, void *arg), void *arg);
/*
 * A ledger line's action, notified within the second the line names (earlier:
 * the line is one of its earlier assignments); 0 none, -1 an error.
 */
STORE_MUST int64_t store_action_find(struct store *s, int64_t case_id, int64_t dept_id,
    const char *step, const char *what, instant_t notified, bool *earlier);
STORE_MUST int store_action_set_record(struct store *s, int64_t id, instant_t acked, instant_t done,
    const char *note);

/* procedure.c */
STORE_MUST int store_proposal_add(struct store *s, int64_t case_id, int64_t after_action, const char *step,
    int64_t dept_id, instant_t at, const char *why, int64_t *id);
/* The open proposals (all: also the decided ones), oldest first; or only id if id != 0. */
STORE_MUST int store_proposal_each(struct store *s, bool all, int64_t id,
    int (*fn)(const struct proposal *, void *), void *arg);
/* How many proposals of a case wait for a decision, or -1. */
STORE_MUST int store_proposal_open_count(struct store *s, int64_t case_id);
/* Confirm (action_id) or drop (reason) an open proposal: 0, STORE_NOT_FOUND (or decided), -1. */
STORE_MUST int store_proposal_decide(struct store *s, int64_t id, instant_t at, const char *who,
    int64_t action_id, const char *reason);

/* queue.c */
/* The discipline-inspection queue */
/* Open an escalation; 0 if opened, 1 if it existed already. */
/* Open an escalation of the action's current cycle (0; 1: there already). */
STORE_MUST int store_escalation_add(struct store *s, const struct action *a, int level,
    const char *target, instant_t now);
STORE_MUST int store_escalation_each(struct store *s, bool all,
    int (*fn)(const struct escalation_row *, void *), void *arg);
STORE_MUST int store_escalation_get(struct store *s, int64_t id, struct escalation_row *e);
void store_escalation_clear(struct escalation_row *e);
STORE_MUST int store_escalation_ack(struct store *s, int64_t id, instant_t at, const char *note);
/* The id of an action's escalation at a level: 0 if none, -1 on error. */
STORE_MUST int64_t store_escalation_id(struct store *s, int64_t action, int cycle, int level);
/* Evidence records: append an entry; the entries of one escalation in order (their count, or -1). */
STORE_MUST int store_evidence_add(struct store *s, int64_t escalation, instant_t at, const char *text);
STORE_MUST int store_evidence_add_for_notice(struct store *s, int64_t notice, instant_t at,
    const char *text);
STORE_MUST int store_evidence_each(struct store *s, int64_t escalation, int (*fn)(const char *, void *),
    void *arg);
STORE_MUST int store_escalation_resolve(struct store *s, int64_t id, instant_t at, const char *note);

#endif
