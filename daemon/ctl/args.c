/*
 * The command table's parser: a command is a row (a subcommand too, "dept
 * add"), which carries its positional arguments and its options; one parser
 * reads every command's line, so that each handler only reads the result.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/log.h"
#include "duban/text.h"

void
args_usage_line(FILE *fp, const struct ctl_cmd *cmd)
{
	const struct ctl_opt *o;

	fprintf(fp, _("usage: dubanctl %s%s%s"), cmd->name, cmd->args[0] ? " " : "", cmd->args);
	for (o = cmd->opts; o != NULL && o->name != NULL; o++)
		fprintf(fp, " [--%s%s%s]", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	fputc('\n', fp);
}

int
args_usage(const struct ctl_args *a)
{
	args_usage_line(stderr, a->cmd);
	return EXIT_USAGE;
}


/* The word of the usage line that names positional argument i (0-based) into buf. */
static const char *
arg_word(const struct ctl_cmd *cmd, int i, char *buf, size_t len)
{
	const char *p = cmd->args, *sp;
	int k;

	for (k = 0; k < i && (sp = strchr(p, ' ')) != NULL; k++)
		p = sp + 1;
	if (k < i)
		return NULL;	/* past the words: a list (FILE...) repeats its last */
	snprintf(buf, len, "%.*s", (int)strcspn(p, " ."), p);
	return buf;
}

/*
 * Every value within the limit of the field it is (TEXT_MAX for a title, a
 * reason; TEXT_MAX_NAME for a name...): the argument or option named, with
 * the limit. 0, or EXIT_USAGE after the message.
 */
static int
args_limits(struct ctl_args *a)
{
	const struct ctl_cmd *cmd = a->cmd;
	char word[64], why[128];
	const char *w, *bad;
	int i;

	for (i = 0; i < a->argc; i++) {
		w = arg_word(cmd, i, word, sizeof(word));
		if ((bad = text_check_field(a->argv[i], strlen(a->argv[i]), text_limit(w), why, sizeof(why))) != NULL) {
			fprintf(stderr, _("dubanctl %s: %s (argument %d): %s\n"), cmd->name,
			    w ? w : "", i + 1, bad);
			return EXIT_USAGE;
		}
	}
	for (i = 0; cmd->opts != NULL && cmd->opts[i].name != NULL; i++) {
		if (a->vals[i] == NULL || cmd->opts[i].arg == NULL)
			continue;
		if ((bad = text_check_field(a->vals[i], strlen(a->vals[i]),
		    text_limit(cmd->opts[i].arg), why,
		    sizeof(why))) != NULL) {
			fprintf(stderr, _("dubanctl %s: --%s %s: %s\n"), cmd->name, cmd->opts[i].name,
			    cmd->opts[i].arg, bad);
			return EXIT_USAGE;
		}
	}
	return 0;
}

int
args_parse(const struct ctl_cmd *cmd, int argc, char **argv, struct ctl_args *a)
{
	struct option lopts[CTL_MAX_OPTS + 2];
	int n = 0, ch, i;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	for (i = 0; cmd->opts != NULL && cmd->opts[i].name != NULL; i++) {
		if (i == CTL_MAX_OPTS)
			fatalx("dubanctl %s: more than %d options", cmd->name, CTL_MAX_OPTS);
		lopts[n].name = cmd->opts[i].name;
		lopts[n].has_arg = cmd->opts[i].arg ? required_argument : no_argument;
		lopts[n].flag = NULL;
		lopts[n].val = i + 1;
		n++;
	}
	lopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	lopts[n + 1] = (struct option){ NULL, 0, NULL, 0 };
	optind = 0;
	opterr = 1;
	while ((ch = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		if (ch == 'h')
			return -1;	/* the caller prints the rows */
		if (ch < 1 || ch > n)
			return args_usage(a);
		a->vals[ch - 1] = cmd->opts[ch - 1].arg ? optarg : "";
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < cmd->min || (cmd->max >= 0 && a->argc > cmd->max))
		return args_usage(a);
	return args_limits(a);
}

static int
opt_index(const struct ctl_args *a, const char *name)
{
	int i;

	for (i = 0; a->cmd->opts != NULL && a->cmd->opts[i].name != NULL; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0)
			return i;
	fatalx("dubanctl %s: no option --%s in its row", a->cmd->name, name);
}

const char *
args_get(const struct ctl_args *a, const char *name)
{
	return a->vals[opt_index(a, name)];
}

const char *
args_lookup(const struct ctl_args *a, const char *name)
{
	int i;

	for (i = 0; a->cmd->opts != NULL && a->cmd->opts[i].name != NULL; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0)
			return a->vals[i];
	return NULL;
}

bool
args_has(const struct ctl_args *a, const char *name)
{
	return a->vals[opt_index(a, name)] != NULL;
}

int
args_time(const struct ctl_args *a, const char *name, instant_t *t)
{
	const char *v = args_get(a, name);

	if (v != NULL && instant_parse(v, t) != 0) {
		fprintf(stderr, _("dubanctl: --%s: '%s' is not a time (accepted: %s or a date alone, or now)\n"),
		    name, v, DAY_FORMS);
		return EXIT_USAGE;
	}
	return 0;
}

int
args_encoding(const struct ctl_args *a, const char **encoding)
{
	const char *v = args_get(a, "encoding");

	*encoding = v;
	if (v != NULL && strcmp(v, "utf-8") != 0 && strcmp(v, "gb18030") != 0) {
		fprintf(stderr, _("dubanctl: --encoding: utf-8 or gb18030, not '%s'\n"), v);
		return EXIT_USAGE;
	}
	return 0;
}
