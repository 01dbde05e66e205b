/*
 * Escalation rules: which actions a rule governs, how their deadline is
 * counted and which notices follow from it. Pure logic, no I/O.
 */
#ifndef DUBAN_RULES_H
#define DUBAN_RULES_H

#include <stdbool.h>

#include "duban/cal.h"
#include "duban/timeutil.h"

enum unit {
	UNIT_SECONDS,
	UNIT_MINUTES,
	UNIT_HOURS,
	UNIT_DAYS,		/* calendar days, ending at 24:00 */
	UNIT_WORKDAYS		/* working days, ending at 24:00 */
};

struct duration {
	int		n;
	enum unit	unit;
};

#define RULE_MAX_REMIND	8

struct rule {
	char		*name;
	int		 line;			/* where the section starts */
	/* match: NULL / -1 means any */
	char		*match_step;
	char		*match_dept;
	int		 match_category;
	int		 match_key;
	struct duration	 deadline;
	bool		 rollover;		/* a last day off moves to the next working day */
	struct duration	 remind[RULE_MAX_REMIND];
	int		 nremind;
	bool		 has_escalate;
	struct duration	 escalate_after;
	char		*escalate_target;
};

enum event_kind {
	EV_REMIND,
	EV_OVERDUE,
	EV_ESCALATE
};

#define RULE_MAX_EVENTS	(RULE_MAX_REMIND + 2)

/* One scheduled notice of an action; (kind, level, seq) names it uniquely. */
struct event {
	enum event_kind	kind;
	int		level;
	int		seq;
	instant_t	at;
};

/* Parse "7 days", "15 workdays", "4 seconds"...; -1 with *cause set on error. */
int duration_parse(const char *s, struct duration *d, const char **cause);
/* Print a duration the way duration_parse reads it. */
void duration_format(const struct duration *d, char *buf, int len);
/* The name of an event kind: "reminder", "overdue", "escalation". */
const char *event_kind_name(enum event_kind kind);

/* The deadline of an action notified at the given instant under the rule. */
instant_t rule_deadline(const struct rule *r, const struct calendar *cal,
    instant_t notified, bool *uncertain);
/* Move an instant by a duration (n may be negative) on the calendar. */
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

#endif
