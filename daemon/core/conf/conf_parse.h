/*
 * What the configuration's files share while one is read: the parse state
 * and its error helpers. Private to daemon/core/conf*.c.
 */
#ifndef DUBAN_CONF_PARSE_H
#define DUBAN_CONF_PARSE_H

#include <stdio.h>

#include "duban/conf.h"

#define CONF_MAX_LINE	(INI_MAX_LINE - 1)

struct conf_parse {
	struct config	*conf;
	struct diag	*d;
	FILE		*fp;
	int		 lineno;
	int		 section_line;	/* where the last [section] header stood */
	int		 handled_line;	/* the header conf_section last saw */
	char		*dir;
	char		 section[128];
	char		 pending[128];	/* the last [section] header read, until handled */
	enum { SEC_NONE, SEC_DAEMON, SEC_SMTP, SEC_MAIL, SEC_TARGET, SEC_STEP, SEC_RULE, SEC_CATEGORIES, SEC_WEB, SEC_BAD } kind;
	int		 seen_daemon, seen_smtp, seen_mail, seen_categories, seen_web;
};

/* An error at the line being read: file:line: message. */
void conf_error(struct conf_parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* An error at another line (a section's header; 0: the file as a whole). */
void conf_error_at(struct conf_parse *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Value helpers of conf.c, for the other section files. */
char *conf_path(struct conf_parse *p, const char *value);
void set_str(char **dst, const char *value);
int parse_bool(struct conf_parse *p, const char *name, const char *value, int *out);
int parse_int(struct conf_parse *p, const char *name, const char *value, int min, int max,
    int *out);
int parse_seconds(struct conf_parse *p, const char *name, const char *value, int min, int max,
    int *out);
void unknown_key(struct conf_parse *p, const char *name);
/* The systemd credential name's file, if the service manager passed it (to free), or NULL. */
char *conf_credential(const char *name);
/* [web] (confweb.c). */
void conf_web_defaults(struct web_conf *w);
int conf_web_key(struct conf_parse *p, const char *name, const char *value);
void conf_web_check(struct conf_parse *p);
void conf_web_print(const struct web_conf *w, FILE *fp);
void conf_web_clear(struct web_conf *w);
/* [step "KEY"] sections (confstep.c). */
void conf_step_section(struct conf_parse *p, const char *key);
int conf_step_key(struct conf_parse *p, const char *name, const char *value);
void conf_check_steps(struct conf_parse *p);
void conf_step_print(const struct step_name *st, FILE *fp);
void conf_step_clear(struct step_name *st);
/* The checks that need the whole file (confcheck.c). */
void conf_validate(struct conf_parse *p);

#endif
