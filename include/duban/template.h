/*
 * Mail templates: a subject line and a body with {placeholders}, read from
 * files an administrator can override (conf/templates), or the built-in copy
 * of the shipped ones. An error in a template is a configuration error.
 */
#ifndef DUBAN_TEMPLATE_H
#define DUBAN_TEMPLATE_H

#include "duban/diag.h"

enum tpl_kind {
	TPL_REMINDER,
	TPL_OVERDUE,
	TPL_ESCALATION,
	TPL_DIGEST,
	TPL_ITEM,
	TPL_FAILURE,
	TPL_PERIOD_END,		/* a waiting period has run: to the office */
	TPL_REFERRAL,		/* an escalation of level 0: the office refers a case */
	TPL_COUNT
};

struct template {
	char	*subject;
	char	*body;
};

struct templates {
	struct template	t[TPL_COUNT];
};

/* A placeholder's value while rendering. */
struct tpl_var {
	const char	*name;
	const char	*value;
};

/* The file name of a kind ("reminder.txt"). */
const char *template_file(enum tpl_kind kind);
/*
 * Load every template from dir, or the built-in ones when dir is NULL.
 * Errors go to d as file:line. 0 or -1.
 */
int templates_load(struct templates *ts, const char *dir, struct diag *d);
void templates_free(struct templates *ts);
/* Replace each {name} by its value; "{{" and "}}" stand for braces. */
char *template_render(const char *text, const struct tpl_var *vars, int nvars);

/* The shipped templates, compiled in (generated from conf/templates). */
extern const char *const templates_builtin[TPL_COUNT];

#endif
