/* A loaded configuration: looking up its targets, rules and steps, and freeing it. */
#include <stdlib.h>
#include <string.h>

#include "conf_parse.h"
#include "duban/calendar.h"
#include "duban/conf.h"
#include "duban/rulelang.h"

const struct target *
conf_target(const struct config *c, const char *name)
{
	int i;

	for (i = 0; i < c->ntargets; i++)
		if (strcmp(c->targets[i].name, name) == 0)
			return &c->targets[i];
	return NULL;
}

const char *
conf_step_name(const struct config *c, const char *step)
{
	int i;

	for (i = 0; i < c->nsteps; i++)
		if (strcmp(c->steps[i].key, step) == 0 && c->steps[i].name != NULL)
			return c->steps[i].name;
	return step;
}

const struct rule *
conf_rule(const struct config *c, const char *name)
{
	int i;

	for (i = 0; i < c->nrules; i++)
		if (strcmp(c->rules[i].name, name) == 0)
			return &c->rules[i];
	return NULL;
}

struct rule_env
conf_env(const struct config *c)
{
	struct rule_env env = { c->cal, c->office_close };

	return env;
}

const struct rule *
conf_match_rule(const struct config *c, const char *step, const char *dept,
    int category, int key)
{
	int i;

	for (i = 0; i < c->nrules; i++)
		if (rule_matches(&c->rules[i], step, dept, category, key))
			return &c->rules[i];
	return NULL;
}

void
conf_free(struct config *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ntargets; i++) {
		free(c->targets[i].name);
		free(c->targets[i].label);
		free(c->targets[i].email);
	}
	for (i = 0; i < c->nrules; i++)
		rulelang_clear(&c->rules[i]);
	for (i = 0; i < c->nsteps; i++)
		conf_step_clear(&c->steps[i]);
	for (i = 0; i < 10; i++) {
		free(c->category_lead[i]);
		free(c->category_depts[i]);
	}
	free(c->steps);
	free(c->targets);
	free(c->rules);
	free(c->path);
	free(c->database);
	free(c->timezone);
	free(c->calendar_path);
	free(c->socket_path);
	free(c->office_name);
	free(c->office_email);
	free(c->office_contact);
	free(c->instance);
	free(c->waiting_rules);
	conf_web_clear(&c->web);
	free(c->smtp.host);
	free(c->smtp.user);
	free(c->smtp.password_file);
	if (c->smtp.password != NULL) {
		explicit_bzero(c->smtp.password, strlen(c->smtp.password));
		free(c->smtp.password);
	}
	free(c->smtp.ca_file);
	free(c->mail.templates_dir);
	templates_free(&c->tpl);
	free(c->smtp.from);
	free(c->smtp.helo);
	cal_free(c->cal);
	free(c);
}
