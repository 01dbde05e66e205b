/* Configuration: INI read with inih, validated, with every error as file:line. */
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duban/address.h"
#include "duban/conf.h"
#include "duban/store.h"
#include "duban/i18n.h"
#include "duban/rulelang.h"
#include "duban/day.h"
#include "duban/instant.h"
#include "duban/tz.h"
#include "duban/xmalloc.h"

#include "conf_parse.h"

/* Where the rule language's errors go. */
static void
rule_error(void *arg, const char *msg)
{
	conf_error(arg, "%s", msg);
}

static void
conf_defaults(struct config *c)
{
	c->database = xstrdup("/var/lib/duban/duban.db");
	c->timezone = xstrdup("Asia/Shanghai");
	c->calendar_path = xstrdup("/etc/duban/calendar/cn.conf");
	c->socket_path = xstrdup("/run/duban/duban.sock");
	c->office_name = xstrdup("房信办");
	c->poll_interval = 10;
	c->lease = 300;
	c->smtp.host = xstrdup("localhost");
	c->smtp.port = 25;
	c->smtp.starttls = TLS_OPTIONAL;
	c->smtp.timeout = 30;
	c->smtp.retry_min = 30;
	c->smtp.retry_max = 3600;
	c->smtp.batch = 100;
	c->smtp.in_flight = 8;
	c->mail.digest = 1;
	c->mail.escalate_at_once = 1;
	c->mail.mask = 1;
	conf_web_defaults(&c->web);
}


/* "08:30-17:30" */
static void
parse_hours(struct conf_parse *p, const char *value, int *open, int *close)
{
	int h1, m1, h2, m2, n = 0;

	if (sscanf(value, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &n) != 4 ||
	    value[n] != '\0' || h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 ||
	    h1 * 60 + m1 >= h2 * 60 + m2) {
		conf_error(p, "office-hours: expected HH:MM-HH:MM, opening before closing, not '%s'", value);
		return;
	}
	*open = h1 * 60 + m1;
	*close = h2 * 60 + m2;
}

static void conf_section(struct conf_parse *p, const char *section);

/* A [section] header that no key followed: handled as if one had. */
static void
flush_section(struct conf_parse *p)
{
	if (p->section_line != 0 && p->handled_line != p->section_line && p->pending[0]) {
		p->handled_line = p->section_line;
		conf_section(p, p->pending);
	}
}

/* The ini_reader: counts lines and refuses those inih would cut. */
static char *
conf_reader(char *str, int num, void *arg)
{
	struct conf_parse *p = arg;
	int c, len = 0, toolong = 0;

	while ((c = getc(p->fp)) != EOF) {
		if (len < num - 1)
			str[len++] = (char)c;
		else
			toolong = 1;
		if (c == '\n')
			break;
	}
	if (len == 0 && c == EOF)
		return NULL;
	str[len] = '\0';
	p->lineno++;
	{
		const char *q = str;

		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '[') {
			const char *e = strchr(q, ']');
			size_t n;

			/* a section without keys is still a section: checked too */
			flush_section(p);
			p->section_line = p->lineno;
			for (q++; *q == ' ' || *q == '\t'; q++)
				;
			n = e != NULL ? (size_t)(e - q) : 0;
			while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t'))
				n--;
			if (n >= sizeof(p->pending))
				n = sizeof(p->pending) - 1;
			memcpy(p->pending, q, n);
			p->pending[n] = '\0';
		}
	}
	if (toolong) {
		conf_error(p, "line longer than %d bytes", CONF_MAX_LINE - 1);
		str[0] = '\0';
	}
	return str;
}

static int
daemon_key(struct conf_parse *p, const char *name, const char *value)
{
	struct config *c = p->conf;

	if (strcmp(name, "database") == 0) {
		free(c->database);
		c->database = store_path_is_file(value) ? conf_path(p, value) : xstrdup(value);
	} else if (strcmp(name, "timezone") == 0)
		set_str(&c->timezone, value);
	else if (strcmp(name, "calendar") == 0) {
		free(c->calendar_path);
		c->calendar_path = conf_path(p, value);
	} else if (strcmp(name, "socket") == 0) {
		free(c->socket_path);
		c->socket_path = conf_path(p, value);
	} else if (strcmp(name, "office") == 0)
		set_str(&c->office_name, value);
	else if (strcmp(name, "office-email") == 0)
		set_str(&c->office_email, value);
	else if (strcmp(name, "office-contact") == 0)
		set_str(&c->office_contact, value);
	else if (strcmp(name, "poll-interval") == 0)
		parse_seconds(p, name, value, 1, 3600, &c->poll_interval);
	else if (strcmp(name, "instance") == 0)
		set_str(&c->instance, value);
	else if (strcmp(name, "lease") == 0)
		parse_seconds(p, name, value, 2, 86400, &c->lease);
	else if (strcmp(name, "office-hours") == 0)
		parse_hours(p, value, &c->office_open, &c->office_close);
	else
		unknown_key(p, name);
	return 1;
}

static int
mail_key(struct conf_parse *p, const char *name, const char *value)
{
	struct mail_conf *m = &p->conf->mail;

	if (strcmp(name, "templates") == 0) {
		free(m->templates_dir);
		m->templates_dir = conf_path(p, value);
		m->templates_line = p->lineno;
	} else if (strcmp(name, "digest") == 0)
		parse_bool(p, name, value, &m->digest);
	else if (strcmp(name, "digest-window") == 0)
		parse_seconds(p, name, value, 0, 86400, &m->digest_window);
	else if (strcmp(name, "escalations") == 0) {
		if (strcmp(value, "immediate") == 0)
			m->escalate_at_once = 1;
		else if (strcmp(value, "digest") == 0)
			m->escalate_at_once = 0;
		else
			conf_error(p, "escalations: expected immediate or digest, not '%s'", value);
	} else if (strcmp(name, "mask-personal-data") == 0)
		parse_bool(p, name, value, &m->mask);
	else
		unknown_key(p, name);
	return 1;
}

static int
smtp_key(struct conf_parse *p, const char *name, const char *value)
{
	struct smtp_conf *s = &p->conf->smtp;

	if (strcmp(name, "host") == 0)
		set_str(&s->host, value);
	else if (strcmp(name, "port") == 0)
		parse_int(p, name, value, 1, 65535, &s->port);
	else if (strcmp(name, "starttls") == 0) {
		if (strcmp(value, "off") == 0)
			s->starttls = TLS_OFF;
		else if (strcmp(value, "optional") == 0)
			s->starttls = TLS_OPTIONAL;
		else if (strcmp(value, "required") == 0)
			s->starttls = TLS_REQUIRED;
		else
			conf_error(p, "starttls: expected off, optional or required, not '%s'", value);
	} else if (strcmp(name, "user") == 0)
		set_str(&s->user, value);
	else if (strcmp(name, "password-file") == 0) {
		free(s->password_file);
		s->password_file = conf_path(p, value);
	} else if (strcmp(name, "ca-file") == 0) {
		free(s->ca_file);
		s->ca_file = conf_path(p, value);
	} else if (strcmp(name, "from") == 0)
		set_str(&s->from, value);
	else if (strcmp(name, "helo") == 0)
		set_str(&s->helo, value);
	else if (strcmp(name, "timeout") == 0)
		parse_seconds(p, name, value, 1, 600, &s->timeout);
	else if (strcmp(name, "retry-min") == 0)
		parse_seconds(p, name, value, 1, 86400, &s->retry_min);
	else if (strcmp(name, "retry-max") == 0)
		parse_seconds(p, name, value, 1, 7 * 86400, &s->retry_max);
	else if (strcmp(name, "batch") == 0)
		parse_int(p, name, value, 1, 10000, &s->batch);
	else if (strcmp(name, "in-flight") == 0)
		parse_int(p, name, value, 1, 1000, &s->in_flight);
	else
		unknown_key(p, name);
	return 1;
}

static int
target_key(struct conf_parse *p, const char *name, const char *value)
{
	struct target *t = &p->conf->targets[p->conf->ntargets - 1];

	if (strcmp(name, "name") == 0)
		set_str(&t->label, value);
	else if (strcmp(name, "email") == 0)
		set_str(&t->email, value);
	else
		unknown_key(p, name);
	return 1;
}

/* [categories]: N = the lead department(s) of category N (三、整治内容). */
static int
category_key(struct conf_parse *p, const char *name, const char *value)
{
	char *copy, *tok, *save;
	int n;

	if (strlen(name) != 1 || name[0] < '1' || name[0] > '9') {
		conf_error(p, "a category is a number from 1 to 9, not '%s'", name);
		return 1;
	}
	n = name[0] - '0';
	p->conf->category_line[n] = p->lineno;
	copy = xstrdup(value);
	/* the first department named leads; the others are named for people */
	tok = strtok_r(copy, ", \t", &save);
	free(p->conf->category_lead[n]);
	p->conf->category_lead[n] = tok ? xstrdup(tok) : NULL;
	free(p->conf->category_depts[n]);
	p->conf->category_depts[n] = xstrdup(value);
	free(copy);
	return 1;
}

/* A key of a rule section: the rule language's (rulelang.c). */
static int
rule_key(struct conf_parse *p, const char *name, const char *value)
{
	struct rule *r = &p->conf->rules[p->conf->nrules - 1];

	if (rulelang_key(r, name, value, p->lineno, rule_error, p) == RULELANG_UNKNOWN)
		unknown_key(p, name);
	return 1;
}

/* Section names: daemon, smtp, target "NAME", rule "NAME". */
static void
conf_section(struct conf_parse *p, const char *section)
{
	struct config *c = p->conf;
	char kind[32], name[128];
	const char *q;
	size_t klen, nlen;

	snprintf(p->section, sizeof(p->section), "%s", section);
	if (strcmp(section, "categories") == 0) {
		if (p->seen_categories)
			conf_error_at(p, p->section_line, "[%s] appears twice", section);
		p->seen_categories = 1;
		p->kind = SEC_CATEGORIES;
		return;
	}
	if (strcmp(section, "web") == 0) {
		if (p->seen_web++)
			conf_error_at(p, p->section_line, "[%s] appears twice", section);
		p->kind = SEC_WEB;
		return;
	}
	if (strcmp(section, "daemon") == 0 || strcmp(section, "smtp") == 0 ||
	    strcmp(section, "mail") == 0) {
		int *seen = section[0] == 'd' ? &p->seen_daemon :
		    section[0] == 's' ? &p->seen_smtp : &p->seen_mail;

		if (*seen)
			conf_error_at(p, p->section_line, "[%s] appears twice", section);
		*seen = 1;
		p->kind = section[0] == 'd' ? SEC_DAEMON : section[0] == 's' ? SEC_SMTP : SEC_MAIL;
		return;
	}
	p->kind = SEC_BAD;
	klen = strcspn(section, " \t");
	q = section + klen;
	while (*q == ' ' || *q == '\t')
		q++;
	nlen = strlen(q);
	if (klen >= sizeof(kind) || nlen < 3 || q[0] != '"' || q[nlen - 1] != '"' ||
	    nlen - 2 >= sizeof(name)) {
		conf_error_at(p, p->section_line,
		    "unknown section [%s] (use [daemon], [smtp], [mail], [web], [categories],"
		    " [target \"NAME\"], [step \"KEY\"], [rule \"NAME\"])",
		    section);
		return;
	}
	memcpy(kind, section, klen);
	kind[klen] = '\0';
	memcpy(name, q + 1, nlen - 2);
	name[nlen - 2] = '\0';
	if (strchr(name, '"') != NULL || strspn(name, " \t") == strlen(name)) {
		conf_error_at(p, p->section_line, "bad section name [%s]", section);
		return;
	}
	if (strcmp(kind, "target") == 0) {
		if (conf_target(c, name) != NULL)
			conf_error_at(p, p->section_line, "target \"%s\" defined twice", name);
		c->targets = xreallocarray(c->targets, (size_t)c->ntargets + 1, sizeof(*c->targets));
		memset(&c->targets[c->ntargets], 0, sizeof(struct target));
		c->targets[c->ntargets].name = xstrdup(name);
		c->targets[c->ntargets].line = p->section_line;
		c->ntargets++;
		p->kind = SEC_TARGET;
	} else if (strcmp(kind, "step") == 0) {
		conf_step_section(p, name);
	} else if (strcmp(kind, "rule") == 0) {
		struct rule *r;

		if (conf_rule(c, name) != NULL)
			conf_error_at(p, p->section_line, "rule \"%s\" defined twice", name);
		c->rules = xreallocarray(c->rules, (size_t)c->nrules + 1, sizeof(*c->rules));
		r = &c->rules[c->nrules++];
		rulelang_init(r, name, p->section_line);
		p->kind = SEC_RULE;
	} else
		conf_error_at(p, p->section_line,
		    "unknown section [%s] (use [daemon], [smtp], [mail], [web], [categories],"
		    " [target \"NAME\"], [step \"KEY\"], [rule \"NAME\"])",
		    section);
}

static int
conf_handler(void *arg, const char *section, const char *name, const char *value)
{
	struct conf_parse *p = arg;

	if (p->section_line != p->handled_line || p->kind == SEC_NONE) {
		p->handled_line = p->section_line;
		conf_section(p, section);
	}
	switch (p->kind) {
	case SEC_DAEMON:
		return daemon_key(p, name, value);
	case SEC_SMTP:
		return smtp_key(p, name, value);
	case SEC_CATEGORIES:
		return category_key(p, name, value);
	case SEC_MAIL:
		return mail_key(p, name, value);
	case SEC_WEB:
		return conf_web_key(p, name, value);
	case SEC_TARGET:
		return target_key(p, name, value);
	case SEC_RULE:
		return rule_key(p, name, value);
	case SEC_STEP:
		return conf_step_key(p, name, value);
	case SEC_NONE:
		conf_error(p, "'%s' outside any section", name);
		return 1;
	case SEC_BAD:
		return 1;
	}
	return 1;
}

static struct config *conf_read(const char *path, struct diag *d, bool lenient);

struct config *
conf_load(const char *path, struct diag *d)
{
	return conf_read(path, d, false);
}

struct config *
conf_load_lenient(const char *path, struct diag *d)
{
	return conf_read(path, d, true);
}

static struct config *
conf_read(const char *path, struct diag *d, bool lenient)
{
	struct conf_parse p;
	struct config *c;
	char *copy;
	size_t nerr = d->n;
	int rc;

	memset(&p, 0, sizeof(p));
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(path);
	conf_defaults(c);
	p.conf = c;
	p.d = d;
	if ((p.fp = fopen(path, "r")) == NULL) {
		diag_error(d, path, 0, "cannot open: %s", strerror(errno));
		conf_free(c);
		return NULL;
	}
	copy = xstrdup(path);
	p.dir = xstrdup(dirname(copy));
	free(copy);
	rc = ini_parse_stream(conf_reader, &p, conf_handler, &p);
	flush_section(&p);
	fclose(p.fp);
	if (rc > 0 && d->n == nerr)
		diag_error(d, path, rc, "syntax error (expected [section], key = value or a comment)");
	else if (rc < 0)
		diag_error(d, path, 0, "cannot read the file");
	/* every error at once: the whole-file checks run after line errors too */
	if (rc >= 0)
		conf_validate(&p);
	free(p.dir);
	if (d->n > nerr && !(lenient && rc >= 0)) {
		conf_free(c);
		return NULL;
	}
	c->invalid = d->n > nerr;
	return c;
}

/* The entry: the file read and checked, and its secrets read. */
struct config *
conf_load_all(const char *path, struct diag *d)
{
	struct config *c = conf_load(path, d);

	if (c != NULL && conf_read_secrets(c, d) != 0) {
		conf_free(c);
		return NULL;
	}
	return c;
}
