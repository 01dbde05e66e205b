/*
 * Escalation rules: which actions a rule governs, how their deadline is
 * counted and which notices follow from it. Pure logic, no I/O.
 */
#ifndef DUBAN_RULES_H
#define DUBAN_RULES_H

#include <stdbool.h>
#include <stdio.h>

#include "duban/calendar.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"

enum unit {
	UNIT_SECONDS,
	UNIT_MINUTES,
	UNIT_HOURS,
	UNIT_DAYS,		/* calendar days */
	UNIT_WORKDAYS		/* working days of the calendar */
};

struct duration {
	int		n;
	enum unit	unit;
};

enum deadline_kind {
	DL_PERIOD,		/* N units after notification */
	DL_SAME_DAY,		/* the same working day's cut-off, or the next one's */
	DL_DATE			/* a fixed date (the campaign's phases) */
};

#define RULE_MAX_REMIND	8
#define RULE_MAX_REPEAT	20	/* repeated overdue notices, all phases together */
#define RULE_MAX_LEVELS	4
#define RULE_MAX_EVENTS	(RULE_MAX_REMIND + 1 + RULE_MAX_REPEAT + RULE_MAX_LEVELS)

/* A phase of repeated overdue notices: every N units, at most max times. */
struct repeat {
	struct duration	every;
	int		max;
};

/* An escalation level: how long after the deadline, and to whom. */
struct level {
	struct duration	 after;
	char		*target;
	int		 line;
};

enum cc_flags {
	CC_HEAD = 1,		/* the department head */
	CC_LEADER = 2,		/* the case's owning leader (包案领导) */
	CC_OFFICE = 4,		/* the office */
	CC_DEPT_CC = 8		/* the department's cc addresses */
};

struct rule {
	char		*name;
	int		 line;			/* where the section starts */
	/* match: NULL / -1 means any */
	char		*match_step;
	char		*match_dept;
	int		 match_category;
	int		 match_key;
	bool		 has_deadline;
	int		 end_line;		/* where end = close was set */
	enum deadline_kind kind;
	struct duration	 deadline;		/* DL_PERIOD */
	int		 cutoff;		/* DL_SAME_DAY: minutes after midnight */
	int32_t		 date;			/* DL_DATE: the last day */
	bool		 count_start;		/* the notification day counts as day 1 */
	bool		 end_at_close;		/* days end at the office's close, not 24:00 */
	bool		 rollover;		/* a last day off moves to the next working day */
	bool		 rollover_set;		/* written in the rule (else the law's default) */
	bool		 waiting;		/* kind = waiting: a minimum (不少于), not a deadline */
	int		 kind_line;
	struct duration	 remind[RULE_MAX_REMIND];
	int		 nremind;
	struct repeat	 repeat[2];
	int		 nrepeat;
	struct level	 levels[RULE_MAX_LEVELS];
	int		 nlevels;
	int		 escalate_cc;		/* enum cc_flags; head by default */
	int		 remind_cc;		/* copies of reminders (not the head: it is the recipient) */
	int		 overdue_cc;		/* copies of overdue notices */
	bool		 has_extend;
	struct duration	 extend_max;		/* one extension at most this long */
	int		 extend_times;		/* and at most this many */
};

/*
 * What moved an action's deadline after the rule gave it: the time it was
 * paused (counted in each unit; the rule's own unit applies) and the
 * extensions granted (in their own units).
 */
struct adjust {
	int		pause_days;
	int		pause_workdays;
	int64_t		pause_ms;
	int		ext_days;
	int		ext_workdays;
	int64_t		ext_ms;
	/* a deadline agreed with the petitioner (解决协议), instead of the rule's: 0 none */
	int64_t		agreed;
};

/* What a deadline computation needs besides the rule. */
struct rule_env {
	const struct calendar	*cal;
	int			 office_close;	/* minutes after midnight, for end = close */
};

enum event_kind {
	EV_REMIND,
	EV_OVERDUE,		/* seq 0 at the deadline, 1.. the repeats */
	EV_ESCALATE,		/* level 1.. */
	EV_PERIOD_END		/* a waiting period has run: the office is told */
};

/* One scheduled notice of an action; (kind, level, seq) names it uniquely. */
struct event {
	enum event_kind	kind;
	int		level;
	int		seq;
	instant_t	at;
};

/* The name of an event kind: "reminder", "overdue", "escalation". */
const char *event_kind_name(enum event_kind kind);

/*
 * The deadline of an action notified at the given instant under the rule.
 * *uncertain becomes true if the count crosses a year the calendar does
 * not cover.
 */
instant_t rule_deadline(const struct rule *r, const struct rule_env *env,
    instant_t notified, bool *uncertain);
/*
 * The deadline moved by the pauses (in the rule's unit) and the extensions,
 * then rolled over again where the rule (or a move in calendar days) says.
 */
instant_t rule_adjust(const struct rule *r, const struct calendar *cal, instant_t due,
    const struct adjust *adj, bool *uncertain);
/*
 * A deadline whose last day is a rest day or a holiday, moved to the same
 * time of the next working day (for 24:00, the end of that day).
 */
instant_t rule_roll(const struct calendar *cal, instant_t due, bool *uncertain);
/* Move an instant by a duration (sign -1: back) on the calendar. */
instant_t duration_shift(const struct duration *d, int sign,
    const struct calendar *cal, instant_t t, bool *uncertain);
/*
 * The notices of an action with this deadline, sorted by time; returns how
 * many were written to out (at most RULE_MAX_EVENTS).
 */
int rule_events(const struct rule *r, const struct calendar *cal, instant_t due,
    struct event *out);
/* Does the rule govern an action with these attributes? */
bool rule_matches(const struct rule *r, const char *step, const char *dept,
    int category, int key);
/*
 * Write how the deadline was reached, a line per step: the start, each day
 * counted or skipped and why, the roll-over, the end.
 */
void rule_explain(const struct rule *r, const struct rule_env *env, instant_t notified,
    FILE *fp);

#endif
