/*
 * The rule language: durations ("3 workdays"), the keys of a [rule "NAME"]
 * section parsed into a rule, and a rule printed back in the same words.
 * It knows nothing of INI files or file names: an error is a message that
 * the caller places (conf.c adds file:line), so the language is tested
 * without a file.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "duban/rulelang.h"
#include "duban/i18n.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"
#include "duban/xmalloc.h"

/* A key being parsed: where errors go, and how many there were. */
struct rl {
	rulelang_error_fn	 error;
	void			*arg;
	int			 line;
	int			 errors;
};

static void rl_error(struct rl *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
rl_error(struct rl *x, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), gettext(fmt), ap);
	va_end(ap);
	x->errors++;
	x->error(x->arg, msg);
}

static void
set_str(char **dst, const char *value)
{
	free(*dst);
	*dst = xstrdup(value);
}

static int
yes_no(struct rl *x, const char *name, const char *value, int *out)
{
	if (strcmp(value, "yes") == 0)
		*out = 1;
	else if (strcmp(value, "no") == 0)
		*out = 0;
	else {
		rl_error(x, "%s: expected yes or no, not '%s'", name, value);
		return -1;
	}
	return 0;
}

static const struct {
	const char	*word;
	enum unit	 unit;
} unit_words[] = {
	{ "s", UNIT_SECONDS }, { "sec", UNIT_SECONDS }, { "second", UNIT_SECONDS },
	{ "seconds", UNIT_SECONDS },
	{ "min", UNIT_MINUTES }, { "minute", UNIT_MINUTES }, { "minutes", UNIT_MINUTES },
	{ "h", UNIT_HOURS }, { "hour", UNIT_HOURS }, { "hours", UNIT_HOURS },
	{ "day", UNIT_DAYS }, { "days", UNIT_DAYS },
	{ "week", UNIT_DAYS }, { "weeks", UNIT_DAYS },
	{ "workday", UNIT_WORKDAYS }, { "workdays", UNIT_WORKDAYS },
	{ "working-day", UNIT_WORKDAYS }, { "working-days", UNIT_WORKDAYS },
};

int
duration_parse(const char *s, struct duration *d, const char **cause)
{
	char word[32], *end;
	long n;
	size_t i, len;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strtol(s, &end, 10);
	if (end == s || n < 0 || n > 100000) {
		*cause = "expected a number from 0 to 100000 followed by a unit";
		return -1;
	}
	s = end;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strcspn(s, " \t");
	if (len == 0 || len >= sizeof(word)) {
		*cause = "expected a unit: seconds, minutes, hours, days, weeks or workdays";
		return -1;
	}
	memcpy(word, s, len);
	word[len] = '\0';
	s += len;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0') {
		*cause = "unexpected text after the unit";
		return -1;
	}
	for (i = 0; i < sizeof(unit_words) / sizeof(unit_words[0]); i++) {
		if (strcasecmp(word, unit_words[i].word) == 0) {
			d->unit = unit_words[i].unit;
			d->n = (int)n;
			if (strncasecmp(word, "week", 4) == 0)
				d->n *= 7;
			if (d->n > 100000) {
				*cause = "too long (at most 100000 of a unit)";
				return -1;
			}
			return 0;
		}
	}
	*cause = "unknown unit (use seconds, minutes, hours, days, weeks or workdays)";
	return -1;
}

void
duration_format(const struct duration *d, char *buf, int len)
{
	static const char *names[] = { "seconds", "minutes", "hours", "days", "workdays" };
	static const char *one[] = { "second", "minute", "hour", "day", "workday" };

	snprintf(buf, (size_t)len, "%d %s", d->n, d->n == 1 ? one[d->unit] : names[d->unit]);
}

void
rulelang_format_deadline(const struct rule *r, char *buf, int len)
{
	int y, m, d;

	switch (r->kind) {
	case DL_PERIOD:
		duration_format(&r->deadline, buf, len);
		break;
	case DL_SAME_DAY:
		snprintf(buf, (size_t)len, "same-day %02d:%02d", r->cutoff / 60, r->cutoff % 60);
		break;
	case DL_DATE:
		day_to_civil(r->date, &y, &m, &d);
		snprintf(buf, (size_t)len, "%04d-%02d-%02d", y, m, d);
		break;
	}
}

/* "step:handling dept:tax category:2 key:yes" */
static void
rule_match(struct rl *x, struct rule *r, const char *value)
{
	char *copy = xstrdup(value), *tok, *save, *v;

	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (strcmp(tok, "any") == 0)
			continue;
		if ((v = strchr(tok, ':')) == NULL || v[1] == '\0') {
			rl_error(x, "match: expected FIELD:VALUE, not '%s'", tok);
			continue;
		}
		*v++ = '\0';
		if (strcmp(tok, "step") == 0)
			set_str(&r->match_step, v);
		else if (strcmp(tok, "dept") == 0)
			set_str(&r->match_dept, v);
		else if (strcmp(tok, "category") == 0) {
			if (strlen(v) != 1 || v[0] < '1' || v[0] > '9')
				rl_error(x, "match: category is a number from 1 to 9, not '%s'", v);
			else
				r->match_category = v[0] - '0';
		} else if (strcmp(tok, "key") == 0) {
			if (strcmp(v, "yes") == 0)
				r->match_key = 1;
			else if (strcmp(v, "no") == 0)
				r->match_key = 0;
			else
				rl_error(x, "match: key is yes or no, not '%s'", v);
		} else
			rl_error(x, "match: unknown field '%s' (use step, dept, category or key)", tok);
	}
	free(copy);
}

/* "2 days before, 1 day before" */
static void
rule_remind(struct rl *x, struct rule *r, const char *value)
{
	char *copy = xstrdup(value), *tok, *save;
	const char *cause;
	size_t len;

	r->nremind = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*tok))
			tok++;
		len = strlen(tok);
		while (len > 0 && isspace((unsigned char)tok[len - 1]))
			tok[--len] = '\0';
		if (len < 7 || strcmp(tok + len - 7, " before") != 0) {
			rl_error(x, "remind: expected 'N UNIT before', not '%s'", tok);
			continue;
		}
		tok[len - 7] = '\0';
		if (r->nremind == RULE_MAX_REMIND) {
			rl_error(x, "remind: at most %d reminders", RULE_MAX_REMIND);
			break;
		}
		if (duration_parse(tok, &r->remind[r->nremind], &cause) != 0) {
			rl_error(x, "remind: %s: '%s'", cause, tok);
			continue;
		}
		if (r->remind[r->nremind].n == 0)
			rl_error(x, "remind: a reminder must come before the deadline");
		r->nremind++;
	}
	free(copy);
}

static char *
strip(char *s)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

/* "1 workday after -> director, 3 workdays after -> discipline" */
static void
rule_escalate(struct rl *x, struct rule *r, const char *value)
{
	char *copy = xstrdup(value), *tok, *save, *arrow, *when, *target;
	const char *cause;
	size_t len;

	while (r->nlevels > 0)		/* a second escalate line replaces the first */
		free(r->levels[--r->nlevels].target);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if ((arrow = strstr(tok, "->")) == NULL) {
			rl_error(x, "escalate: expected 'N UNIT after -> TARGET', not '%s'", strip(tok));
			continue;
		}
		*arrow = '\0';
		when = strip(tok);
		target = strip(arrow + 2);
		len = strlen(when);
		if (len < 6 || strcmp(when + len - 6, " after") != 0) {
			rl_error(x, "escalate: expected 'N UNIT after -> TARGET', not '%s'", when);
			continue;
		}
		when[len - 6] = '\0';
		if (r->nlevels == RULE_MAX_LEVELS) {
			rl_error(x, "escalate: at most %d levels",
			    RULE_MAX_LEVELS);
			break;
		}
		if (duration_parse(when, &r->levels[r->nlevels].after, &cause) != 0) {
			rl_error(x, "escalate: %s: '%s'", cause, when);
			continue;
		}
		if (*target == '\0' || strpbrk(target, " \t") != NULL) {
			rl_error(x, "escalate: expected one target name after '->', not '%s'", target);
			continue;
		}
		r->levels[r->nlevels].target = xstrdup(target);
		r->levels[r->nlevels].line = x->line;
		r->nlevels++;
	}
	free(copy);
}

/* "every 1 workday max 3, then every 5 workdays max 2" */
static void
rule_repeat(struct rl *x, struct rule *r, const char *value)
{
	char *copy = xstrdup(value), *tok, *save, *maxp, *end;
	const char *cause;
	int total = 0;
	long max;

	r->nrepeat = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		tok = strip(tok);
		if (r->nrepeat == 1 && strncmp(tok, "then ", 5) == 0)
			tok = strip(tok + 5);
		if (r->nrepeat == 2 || strncmp(tok, "every ", 6) != 0 ||
		    (maxp = strstr(tok, " max ")) == NULL) {
			rl_error(x, "repeat: expected 'every N UNIT max M[, then every N UNIT max M]', not '%s'",
			    tok);
			break;
		}
		*maxp = '\0';
		max = strtol(maxp + 5, &end, 10);
		if (*end != '\0' || max < 1) {
			rl_error(x, "repeat: 'max' needs a whole number of at least 1, not '%s'", maxp + 5);
			break;
		}
		if (duration_parse(tok + 6, &r->repeat[r->nrepeat].every, &cause) != 0 ||
		    r->repeat[r->nrepeat].every.n == 0) {
			rl_error(x, "repeat: %s: '%s'",
			    r->repeat[r->nrepeat].every.n == 0 ? "the interval must be more than 0" :
			    cause, tok + 6);
			break;
		}
		total += (int)max;
		if (total > RULE_MAX_REPEAT) {
			rl_error(x, "repeat: at most %d repeated notices in all", RULE_MAX_REPEAT);
			break;
		}
		r->repeat[r->nrepeat++].max = (int)max;
	}
	free(copy);
}

/* "head, leader, office" or "none"; head only where may_head (escalate-cc). */
static int
rule_cc(struct rl *x, const char *key, const char *value, int may_head)
{
	char *copy = xstrdup(value), *tok, *save;
	int cc = 0;

	for (tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		if (strcmp(tok, "head") == 0 && may_head)
			cc |= CC_HEAD;
		else if (strcmp(tok, "leader") == 0)
			cc |= CC_LEADER;
		else if (strcmp(tok, "office") == 0)
			cc |= CC_OFFICE;
		else if (strcmp(tok, "cc") == 0)
			cc |= CC_DEPT_CC;
		else if (strcmp(tok, "none") == 0)
			;
		else
			rl_error(x, "%s: expected %scc, leader, office or none, not '%s'", key,
			    may_head ? "head, " : "", tok);
	}
	free(copy);
	return cc;
}

/* "at most 30 days, 1 time" (信访工作条例 Art. 34: once, by at most 30 days) */
static void
rule_extend(struct rl *x, struct rule *r, const char *value)
{
	char *copy = xstrdup(value), *comma, *end;
	const char *cause;
	long times = 1;

	if (strncmp(copy, "at most ", 8) != 0)
		goto bad;
	if ((comma = strchr(copy, ',')) != NULL) {
		*comma++ = '\0';
		times = strtol(comma, &end, 10);
		end = strip(end);
		if (times < 1 || times > 100 || (strcmp(end, "time") != 0 && strcmp(end, "times") != 0))
			goto bad;
	}
	if (duration_parse(copy + 8, &r->extend_max, &cause) != 0 || r->extend_max.n < 1)
		goto bad;
	r->extend_times = (int)times;
	r->has_extend = true;
	free(copy);
	return;
bad:
	rl_error(x, "extend: expected 'at most N UNIT[, M times]', not '%s'", value);
	free(copy);
}

/* "7 days", "same-day 16:00", "2018-08-20" */
static void
rule_deadline_key(struct rl *x, struct rule *r, const char *value)
{
	const char *cause;
	int h, m, n = 0;

	r->has_deadline = true;
	if (strncmp(value, "same-day", 8) == 0) {
		r->kind = DL_SAME_DAY;
		if (sscanf(value + 8, " %2d:%2d%n", &h, &m, &n) != 2 || value[8 + n] != '\0' ||
		    h > 23 || m > 59) {
			rl_error(x, "deadline: expected 'same-day HH:MM' (the cut-off), not '%s'", value);
			return;
		}
		r->cutoff = h * 60 + m;
		return;
	}
	if (isdigit((unsigned char)value[0]) && strlen(value) == 10 && value[4] == '-') {
		r->kind = DL_DATE;
		if (day_parse(value, &r->date) != 0)
			rl_error(x, "deadline: '%s' is not a date (YYYY-MM-DD)", value);
		return;
	}
	r->kind = DL_PERIOD;
	if (duration_parse(value, &r->deadline, &cause) != 0)
		rl_error(x, "deadline: %s: '%s'", cause, value);
	else if (r->deadline.n == 0 && r->deadline.unit <= UNIT_HOURS)
		rl_error(x, "deadline: must be more than 0");
}

void
rulelang_init(struct rule *r, const char *name, int line)
{
	memset(r, 0, sizeof(*r));
	r->name = xstrdup(name);
	r->line = line;
	r->match_category = -1;
	r->match_key = -1;
	r->escalate_cc = CC_HEAD;	/* a department learns it was escalated */
}

void
rulelang_clear(struct rule *r)
{
	free(r->name);
	free(r->match_step);
	free(r->match_dept);
	while (r->nlevels > 0)
		free(r->levels[--r->nlevels].target);
	memset(r, 0, sizeof(*r));
}

int
rulelang_key(struct rule *r, const char *name, const char *value, int line,
    rulelang_error_fn error, void *arg)
{
	struct rl ctx = { error, arg, line, 0 }, *x = &ctx;
	int b;

	if (strcmp(name, "match") == 0)
		rule_match(x, r, value);
	else if (strcmp(name, "deadline") == 0)
		rule_deadline_key(x, r, value);
	else if (strcmp(name, "kind") == 0) {
		r->kind_line = x->line;
		if (strcmp(value, "waiting") == 0)
			r->waiting = true;
		else if (strcmp(value, "deadline") == 0)
			r->waiting = false;
		else
			rl_error(x, "kind: expected deadline (a department must act by then) or waiting (a"
			    " minimum period, 不少于), not '%s'", value);
	} else if (strcmp(name, "roll-over") == 0) {
		if (yes_no(x, name, value, &b) == 0) {
			r->rollover = b;
			r->rollover_set = true;
		}
	} else if (strcmp(name, "count-start-day") == 0) {
		if (yes_no(x, name, value, &b) == 0)
			r->count_start = b;
	} else if (strcmp(name, "end") == 0) {
		if (strcmp(value, "midnight") == 0)
			r->end_at_close = false;
		else if (strcmp(value, "close") == 0) {
			r->end_at_close = true;
			r->end_line = x->line;
		} else
			rl_error(x, "end: expected midnight or close, not '%s'", value);
	} else if (strcmp(name, "remind") == 0)
		rule_remind(x, r, value);
	else if (strcmp(name, "repeat") == 0)
		rule_repeat(x, r, value);
	else if (strcmp(name, "escalate") == 0)
		rule_escalate(x, r, value);
	else if (strcmp(name, "escalate-cc") == 0)
		r->escalate_cc = rule_cc(x, name, value, 1);
	else if (strcmp(name, "remind-cc") == 0)
		r->remind_cc = rule_cc(x, name, value, 0);
	else if (strcmp(name, "overdue-cc") == 0)
		r->overdue_cc = rule_cc(x, name, value, 0);
	else if (strcmp(name, "extend") == 0)
		rule_extend(x, r, value);
	else
		return RULELANG_UNKNOWN;
	return x->errors > 0 ? -1 : 0;
}

static void
print_duration(FILE *fp, const struct duration *d)
{
	char buf[64];

	duration_format(d, buf, sizeof(buf));
	fputs(buf, fp);
}

static void
print_cc(FILE *fp, const char *key, int cc)
{
	static const struct { int flag; const char *name; } names[] = {
		{ CC_HEAD, "head" }, { CC_LEADER, "leader" }, { CC_DEPT_CC, "cc" },
		{ CC_OFFICE, "office" },
	};
	const char *sep = " ";
	size_t i;

	if (cc == 0)
		return;
	fprintf(fp, "\n%s =", key);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (cc & names[i].flag) {
			fprintf(fp, "%s%s", sep, names[i].name);
			sep = ", ";
		}
}

void
rulelang_print(const struct rule *r, FILE *fp)
{
	char buf[64];
	int j;


	fprintf(fp, "[rule \"%s\"]\nmatch =", r->name);
	if (r->match_step)
		fprintf(fp, " step:%s", r->match_step);
	if (r->match_dept)
		fprintf(fp, " dept:%s", r->match_dept);
	if (r->match_category >= 0)
		fprintf(fp, " category:%d", r->match_category);
	if (r->match_key >= 0)
		fprintf(fp, " key:%s", r->match_key ? "yes" : "no");
	if (!r->match_step && !r->match_dept && r->match_category < 0 && r->match_key < 0)
		fprintf(fp, " any");
	if (r->waiting)
		fprintf(fp, "\nkind = waiting");
	rulelang_format_deadline(r, buf, sizeof(buf));
	fprintf(fp, "\ndeadline = %s", buf);
	if (r->count_start)
		fprintf(fp, "\ncount-start-day = yes");
	if (r->end_at_close)
		fprintf(fp, "\nend = close");
	if (r->rollover)
		fprintf(fp, "\nroll-over = yes");
	else if (r->kind == DL_DATE || (r->kind == DL_PERIOD && r->deadline.unit == UNIT_DAYS))
		fprintf(fp, "\nroll-over = no");
	if (r->nremind > 0) {
		fprintf(fp, "\nremind = ");
		for (j = 0; j < r->nremind; j++) {
			if (j > 0)
				fprintf(fp, ", ");
			print_duration(fp, &r->remind[j]);
			fprintf(fp, " before");
		}
	}
	for (j = 0; j < r->nrepeat; j++) {
		fprintf(fp, j == 0 ? "\nrepeat = every " : ", then every ");
		print_duration(fp, &r->repeat[j].every);
		fprintf(fp, " max %d", r->repeat[j].max);
	}
	for (j = 0; j < r->nlevels; j++) {
		fprintf(fp, j == 0 ? "\nescalate = " : ", ");
		print_duration(fp, &r->levels[j].after);
		fprintf(fp, " after -> %s", r->levels[j].target);
	}
	if (r->has_extend) {
		fprintf(fp, "\nextend = at most ");
		print_duration(fp, &r->extend_max);
		fprintf(fp, ", %d time%s", r->extend_times, r->extend_times == 1 ? "" : "s");
	}
	print_cc(fp, "remind-cc", r->remind_cc);
	print_cc(fp, "overdue-cc", r->overdue_cc);
	if (r->nlevels > 0)
		print_cc(fp, "escalate-cc", r->escalate_cc);
	fprintf(fp, "\n");
}
