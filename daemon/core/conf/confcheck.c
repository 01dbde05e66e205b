/*
 * The configuration's checks that need the whole file (addresses, hosts,
 * rules against targets, the calendar, the templates) and its secrets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_parse.h"
#include "duban/address.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"
#include "duban/buf.h"
#include "duban/xmalloc.h"

/* An address key ("Name <addr>" or addr) that RFC 5321 would take. */
static void
check_address(struct conf_parse *p, int line, const char *key, const char *value)
{
	const char *why;

	if (value != NULL && address_check_spec(value, &why) != 0)
		conf_error_at(p, line, "%s: '%s' is not a mail address: %s", key,
		    value, why);
}

/* A host name or address literal, as SMTP's EHLO and the connection take it. */
static void
check_host(struct conf_parse *p, const char *key, const char *value)
{
	const char *why;
	char *addr;

	if (value == NULL)
		return;
	xasprintf(&addr, "x@%s", value);
	if (address_check(addr, &why) != 0 && strspn(value, "0123456789.:abcdefABCDEF") !=
	    strlen(value))
		conf_error_at(p, 0, "%s: '%s' is not a host name: %s", key, value,
		    why);
	free(addr);
}

/* Read the first line of a secret file into a string; NULL on error. */
static char *
read_secret(const char *path, struct config *c, struct diag *d, int check_mode)
{
	struct stat sb;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_error(d, c->path, 0, "[smtp] password file %s: %s", path, strerror(errno));
		return NULL;
	}
	if (check_mode && fstat(fileno(fp), &sb) == 0 && (sb.st_mode & 0007) != 0) {
		diag_error(d, c->path, 0,
		    "[smtp] password file %s is readable by others (chmod o-rwx it)", path);
		fclose(fp);
		return NULL;
	}
	n = getline(&line, &cap, fp);
	fclose(fp);
	if (n <= 0) {
		free(line);
		diag_error(d, c->path, 0, "[smtp] password file %s is empty", path);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

int
conf_read_secrets(struct config *c, struct diag *d)
{
	struct smtp_conf *s = &c->smtp;
	char *path;
	size_t nerr = d->n;

	if (conf_web_read_keys(c, d) != 0)
		return -1;
	if (s->user == NULL || s->password != NULL)
		return 0;
	if ((path = conf_credential(DUBAN_CREDENTIAL)) != NULL) {
		s->password = read_secret(path, c, d, 0);
		free(path);
		return d->n > nerr ? -1 : 0;
	}
	if (s->password_file == NULL) {
		diag_error(d, c->path, 0,
		    "[smtp] 'user' needs 'password-file' or the systemd credential %s",
		    DUBAN_CREDENTIAL);
		return -1;
	}
	s->password = read_secret(s->password_file, c, d, 1);
	return d->n > nerr ? -1 : 0;
}

/* One rule against the rest of the file: targets, office hours, its own keys. */
static void
check_rule(struct conf_parse *p, struct rule *r)
{
	struct config *c = p->conf;
	int j;

	if (!r->has_deadline)
		conf_error_at(p, r->line, "rule \"%s\" needs 'deadline'", r->name);
	for (j = 0; j < r->nlevels; j++)
		if (conf_target(c, r->levels[j].target) == NULL)
			conf_error_at(p, r->levels[j].line,
			    "rule \"%s\": escalation target \"%s\" is not defined",
			    r->name, r->levels[j].target);
	if (r->waiting && (r->nremind > 0 || r->nrepeat > 0 || r->nlevels > 0))
		conf_error_at(p, r->kind_line,
		    "rule \"%s\": a waiting period has no remind, repeat or escalate:"
		    " nobody is late when it ends (the office is told)", r->name);
	if (r->end_at_close && c->office_open == c->office_close)
		conf_error_at(p, r->end_line,
		    "rule \"%s\": 'end = close' needs office-hours in [daemon]", r->name);
	/*
	 * The law's counting by default (民法典 Art. 203): a period of calendar
	 * days or weeks, or a fixed date, whose last day is a rest day or a
	 * holiday ends on the next working day. roll-over = no must be written.
	 */
	if (!r->rollover_set)
		r->rollover = r->kind == DL_DATE ||
		    (r->kind == DL_PERIOD && r->deadline.unit == UNIT_DAYS);
	else if (r->rollover && !(r->kind == DL_DATE ||
	    (r->kind == DL_PERIOD && r->deadline.unit == UNIT_DAYS)))
		diag_warn(p->d, c->path, r->line,
		    "rule \"%s\": roll-over applies only to deadlines in calendar days"
		    " and fixed dates", r->name);
	for (j = 0; j < r->nremind; j++)
		if (r->kind == DL_PERIOD && r->remind[j].unit <= UNIT_HOURS &&
		    r->deadline.unit <= UNIT_HOURS &&
		    duration_shift(&r->remind[j], 1, NULL, 0, NULL) >=
		    duration_shift(&r->deadline, 1, NULL, 0, NULL))
			conf_error_at(p, r->line,
			    "rule \"%s\": a reminder comes before the action was notified",
			    r->name);
}

/* The waiting periods' rules as a JSON array, for counting who is overdue in SQL. */
static void
waiting_rules(struct config *c)
{
	struct buf w = { 0 };
	const char *q;
	int i;

	buf_puts(&w, "[");
	for (i = 0; i < c->nrules; i++) {
		if (!c->rules[i].waiting)
			continue;
		buf_puts(&w, w.len > 1 ? ",\"" : "\"");
		for (q = c->rules[i].name; *q; q++)
			if (*q == '"' || *q == '\\')
				buf_printf(&w, "\\%c", *q);
			else if ((unsigned char)*q < 0x20)
				buf_printf(&w, "\\u%04x", *q);
			else
				buf_add(&w, q, 1);
		buf_puts(&w, "\"");
	}
	buf_puts(&w, "]");
	free(c->waiting_rules);
	c->waiting_rules = buf_take(&w);
}

/*
 * The templates' directory is one, and lies in the configuration's own
 * directory (after symlinks): a configuration cannot have the daemon read
 * files from elsewhere (templates = ../../../../etc), and a directory that
 * is not there is a mistake, not a reason to fall back on the built-in ones.
 */
static bool
templates_inside(struct conf_parse *p)
{
	const struct mail_conf *m = &p->conf->mail;
	char *dir, *top;
	size_t n;
	bool ok = false;

	if (m->templates_dir == NULL)
		return true;
	if ((dir = realpath(m->templates_dir, NULL)) == NULL) {
		conf_error_at(p, m->templates_line, "templates: %s: %s", m->templates_dir,
		    strerror(errno));
		return false;
	}
	if ((top = realpath(p->dir ? p->dir : ".", NULL)) == NULL) {
		conf_error_at(p, m->templates_line, "templates: the configuration's directory: %s",
		    strerror(errno));
		free(dir);
		return false;
	}
	n = strlen(top);
	if (strncmp(dir, top, n) == 0 && (dir[n] == '/' || dir[n] == '\0' || n == 1))
		ok = true;
	else
		conf_error_at(p, m->templates_line, "templates: %s is not inside the configuration's"
		    " directory %s: keep the templates beside the configuration", dir, top);
	free(dir);
	free(top);
	return ok;
}

void
conf_validate(struct conf_parse *p)
{
	struct config *c = p->conf;
	struct diag cd = { 0 };
	int i;

	if (tz_check(c->timezone) != 0)
		conf_error_at(p, 0, "unknown time zone '%s'", c->timezone);
	if (c->smtp.from == NULL)
		conf_error_at(p, 0, "[smtp] needs 'from', the sender address");
	check_address(p, 0, "[smtp] from", c->smtp.from);
	check_host(p, "[smtp] host", c->smtp.host);
	check_host(p, "[smtp] helo", c->smtp.helo);
	check_address(p, 0, "[daemon] office-email", c->office_email);
	conf_web_check(p);
	if (c->smtp.retry_min < 1 || c->smtp.retry_max < c->smtp.retry_min)
		conf_error_at(p, 0, "[smtp] retry-max must not be below retry-min (1 s at least)");
	if (c->smtp.user != NULL && c->smtp.starttls != TLS_REQUIRED)
		conf_error_at(p, 0,
		    "[smtp] 'user' needs 'starttls = required': the password goes only over TLS");
	if (c->smtp.ca_file != NULL && access(c->smtp.ca_file, R_OK) != 0)
		conf_error_at(p, 0, "[smtp] ca-file %s: %s", c->smtp.ca_file,
		    strerror(errno));
	for (i = 0; i < c->ntargets; i++) {
		struct target *t = &c->targets[i];

		if (t->email == NULL)
			conf_error_at(p, t->line,
			    "target \"%s\" needs 'email', a mail address", t->name);
		check_address(p, t->line, "email", t->email);
		if (t->label == NULL)
			t->label = xstrdup(t->name);
	}
	conf_check_steps(p);
	for (i = 0; i < c->nrules; i++)
		check_rule(p, &c->rules[i]);
	if (c->nrules == 0)
		diag_warn(p->d, c->path, 0, "no [rule] section: no action gets a deadline");
	waiting_rules(c);
	if (templates_inside(p))
		templates_load(&c->tpl, c->mail.templates_dir, p->d);
	c->cal = cal_load(c->calendar_path, &cd);
	if (c->cal != NULL) {
		int y, m, dd;
		int32_t today = tz_day_of(instant_now());

		day_to_civil(today, &y, &m, &dd);
		if (!cal_year_covered(c->cal, y))
			diag_warn(&cd, c->calendar_path, 0,
			    "the calendar does not cover %d, this year: working days are counted Monday to Friday and deadlines are marked uncertain", y);
		else if (m >= 11 && !cal_year_covered(c->cal, y + 1))
			diag_warn(&cd, c->calendar_path, 0,
			    "the calendar does not cover %d yet: add the State Council's schedule when it is published", y + 1);
	}
	diag_move(p->d, &cd);
}

