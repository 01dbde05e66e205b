/* Looking things up in a loaded configuration: targets, rules, steps. */
#include <string.h>

#include "duban/conf.h"

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
