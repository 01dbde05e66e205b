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

/* How many words of argv name the row (1 or 2), 0 if it does not match. */
static int
row_matches(const struct ctl_cmd *cmd, int argc, char **argv)
{
	const char *sp = strchr(cmd->name, ' ');
	size_t len = sp ? (size_t)(sp - cmd->name) : strlen(cmd->name);

	if (strlen(argv[0]) != len || strncmp(argv[0], cmd->name, len) != 0)
		return 0;
	if (sp == NULL)
		return 1;
	return argc >= 2 && strcmp(argv[1], sp + 1) == 0 ? 2 : 0;
}

const struct ctl_cmd *
ctl_find(int argc, char **argv, int *words)
{
	const struct ctl_cmd *cmd, *best = NULL;
	int n;

	*words = 0;
	for (cmd = ctl_cmds; cmd->name; cmd++)
		if ((n = row_matches(cmd, argc, argv)) > *words) {
			best = cmd;
			*words = n;
		}
	return best;
}

/* One usage line of a row: its words, positional arguments and options. */
static void
usage_line(FILE *fp, const struct ctl_cmd *cmd)
{
	const struct ctl_opt *o;

	fprintf(fp, _("usage: dubanctl %s%s%s"), cmd->name, cmd->args[0] ? " " : "", cmd->args);
	for (o = cmd->opts; o != NULL && o->name != NULL; o++)
		fprintf(fp, " [--%s%s%s]", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	fputc('\n', fp);
}

/* Edits from a to b (Levenshtein), for "did you mean". */
static int
distance(const char *a, const char *b)
{
	int la = (int)strlen(a), lb = (int)strlen(b), i, j, prev, cur, tmp;
	int row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			tmp = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < tmp)
				tmp = row[j] + 1;
			if (row[j - 1] + 1 < tmp)
				tmp = row[j - 1] + 1;
			row[j] = tmp;
			prev = cur;
		}
	}
	return row[lb];
}

/* The word of a row at position word (0: the command, 1: the subcommand) into buf. */
static const char *
row_word(const struct ctl_cmd *cmd, int word, char *buf, size_t len)
{
	const char *sp = strchr(cmd->name, ' ');

	if (word == 0) {
		size_t n = sp ? (size_t)(sp - cmd->name) : strlen(cmd->name);

		snprintf(buf, len, "%.*s", (int)n, cmd->name);
		return buf;
	}
	return sp ? sp + 1 : NULL;
}

bool
ctl_has_sub(const char *family)
{
	const struct ctl_cmd *cmd;
	size_t len = strlen(family);

	for (cmd = ctl_cmds; cmd->name; cmd++)
		if (strncmp(cmd->name, family, len) == 0 && cmd->name[len] == ' ')
			return true;
	return false;
}

int
ctl_unknown(int argc, char **argv)
{
	const struct ctl_cmd *cmd;
	const char *best = NULL, *w;
	char buf[64];
	int family = 0, d, bestd = 3;

	for (cmd = ctl_cmds; cmd->name; cmd++)
		if (strcmp(row_word(cmd, 0, buf, sizeof(buf)), argv[0]) == 0)
			family = 1;
	for (cmd = ctl_cmds; cmd->name; cmd++) {
		if (family) {
			if (strcmp(row_word(cmd, 0, buf, sizeof(buf)), argv[0]) != 0 ||
			    (w = row_word(cmd, 1, buf, sizeof(buf))) == NULL)
				continue;
		} else
			w = row_word(cmd, 0, buf, sizeof(buf));
		if ((d = distance(family ? (argc > 1 ? argv[1] : "") : argv[0], w)) < bestd) {
			bestd = d;
			best = cmd->name;
		}
	}
	if (family && (argc < 2 || argv[1][0] == '-'))
		fprintf(stderr, _("dubanctl: %s needs a subcommand\n"), argv[0]);
	else if (family && best)
		fprintf(stderr, _("dubanctl: %s: unknown subcommand '%s' (did you mean '%s'?)\n"),
		    argv[0], argv[1], best);
	else if (family)
		fprintf(stderr, _("dubanctl: %s: unknown subcommand '%s'\n"), argv[0], argv[1]);
	else if (best)
		fprintf(stderr, _("dubanctl: unknown command '%s' (did you mean '%s'?) (see 'dubanctl"
		    " --help')\n"), argv[0], best);
	else
		fprintf(stderr, _("dubanctl: unknown command '%s' (see 'dubanctl --help')\n"),
		    argv[0]);
	if (family)
		ctl_usage(argv[0]);
	return EXIT_USAGE;
}

int
ctl_usage(const char *name)
{
	const struct ctl_cmd *cmd;
	size_t len = strlen(name);

	/* every row of the command: "queue" gives queue, queue show, queue ack... */
	for (cmd = ctl_cmds; cmd->name; cmd++)
		if (strncmp(cmd->name, name, len) == 0 &&
		    (cmd->name[len] == '\0' || cmd->name[len] == ' '))
			usage_line(stderr, cmd);
	return EXIT_USAGE;
}

int
args_usage(const struct ctl_args *a)
{
	usage_line(stderr, a->cmd);
	return EXIT_USAGE;
}

void
ctl_help_rows(FILE *fp, const char *name)
{
	const struct ctl_cmd *cmd;
	size_t len = strlen(name);

	for (cmd = ctl_cmds; cmd->name; cmd++)
		if (strncmp(cmd->name, name, len) == 0 &&
		    (cmd->name[len] == '\0' || cmd->name[len] == ' ')) {
			usage_line(fp, cmd);
			fprintf(fp, "  %s\n", gettext(cmd->summary));
		}
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
		if (ch == 'h') {
			ctl_help_rows(stdout, cmd->name);
			return -1;
		}
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

/* dubanctl commands: every row with its arguments and options, one a line. */
int
cmd_commands(struct ctl *c, struct ctl_args *a)
{
	const struct ctl_cmd *cmd;
	const struct ctl_opt *o;

	(void)c;
	(void)a;
	for (cmd = ctl_cmds; cmd->name; cmd++) {
		printf("%s\t%s\t", cmd->name, cmd->args);
		for (o = cmd->opts; o != NULL && o->name != NULL; o++)
			printf("%s--%s%s%s", o == cmd->opts ? "" : " ", o->name, o->arg ? " " : "",
			    o->arg ? o->arg : "");
		printf("\n");
	}
	return EXIT_OK;
}
