/* The values of the configuration's keys: paths, strings, numbers, durations. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_parse.h"
#include "duban/rulelang.h"
#include "duban/xmalloc.h"

char *
conf_path(struct conf_parse *p, const char *value)
{
	char *out;

	if (value[0] == '/' || p->dir == NULL || strcmp(p->dir, ".") == 0)
		return xstrdup(value);
	xasprintf(&out, "%s/%s", p->dir, value);
	return out;
}

void
set_str(char **dst, const char *value)
{
	free(*dst);
	*dst = xstrdup(value);
}

int
parse_bool(struct conf_parse *p, const char *name, const char *value, int *out)
{
	if (strcmp(value, "yes") == 0)
		*out = 1;
	else if (strcmp(value, "no") == 0)
		*out = 0;
	else {
		conf_error(p, "%s: expected yes or no, not '%s'",
		    name, value);
		return -1;
	}
	return 0;
}

int
parse_int(struct conf_parse *p, const char *name, const char *value, int min, int max,
    int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || errno || v < min || v > max) {
		conf_error(p, "%s: expected a whole number from %d to %d, not '%s'", name, min, max, value);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* A duration in seconds ("30", "30s", "5 minutes", "1 hour"), from min to max. */
int
parse_seconds(struct conf_parse *p, const char *name, const char *value, int min, int max,
    int *out)
{
	struct duration d;
	const char *cause;
	char *end;
	long v = -1;

	v = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || v < 0 || v > 86400 * 7) {
		v = -1;
		if (duration_parse(value, &d, &cause) == 0 && d.unit <= UNIT_HOURS)
			v = (long)d.n * (d.unit == UNIT_SECONDS ? 1 : d.unit == UNIT_MINUTES ? 60 : 3600);
	}
	if (v < 0) {
		conf_error(p, "%s: expected seconds, minutes or hours, not '%s'", name, value);
		return -1;
	}
	if (v < min || v > max) {
		conf_error(p, "%s: '%s' is out of range: from %d to %d seconds", name, value, min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

char *
conf_credential(const char *name)
{
	const char *dir = getenv("CREDENTIALS_DIRECTORY");
	char *path;

	if (dir == NULL)
		return NULL;
	xasprintf(&path, "%s/%s", dir, name);
	if (access(path, F_OK) == 0)
		return path;
	free(path);
	return NULL;
}

void
unknown_key(struct conf_parse *p, const char *name)
{
	conf_error(p, "unknown key '%s' in [%s]", name,
	    p->section);
}
