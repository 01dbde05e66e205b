/*
 * [step "KEY"]: the kinds of step of the procedure. A kind has a key (what
 * the rules' match names), the Chinese name people read, the words clerks
 * write for it (aliases), and at most one kind is the catch-all, where the
 * migration places a step it cannot recognise.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_parse.h"
#include "duban/buf.h"
#include "duban/i18n.h"
#include "duban/xmalloc.h"

void
conf_step_section(struct conf_parse *p, const char *key)
{
	struct config *c = p->conf;
	struct step_name *st;
	int i;

	for (i = 0; i < c->nsteps; i++)
		if (strcmp(c->steps[i].key, key) == 0)
			conf_error_at(p, p->section_line, "step \"%s\" defined twice", key);
	c->steps = xreallocarray(c->steps, (size_t)c->nsteps + 1, sizeof(*c->steps));
	st = &c->steps[c->nsteps++];
	memset(st, 0, sizeof(*st));
	st->key = xstrdup(key);
	st->line = p->section_line;
	p->kind = SEC_STEP;
}

/* A copy of s[0..len) without the blanks around it. */
static void
trimmed(char *out, size_t size, const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	snprintf(out, size, "%.*s", (int)len, s);
}

/* One alias, trimmed, with the line that gave it. */
static void
add_alias(struct conf_parse *p, struct step_name *st, const char *word, size_t len)
{
	char w[256];

	trimmed(w, sizeof(w), word, len);
	if (w[0] == '\0') {
		conf_error(p, "alias: an empty word (aliases are separated by commas)");
		return;
	}
	st->aliases = xreallocarray(st->aliases, (size_t)st->naliases + 1, sizeof(*st->aliases));
	st->alias_lines = xreallocarray(st->alias_lines, (size_t)st->naliases + 1,
	    sizeof(*st->alias_lines));
	st->aliases[st->naliases] = xstrdup(w);
	st->alias_lines[st->naliases++] = p->lineno;
}

/* A department code as the roster writes it: letters, digits, - and _. */
static bool
dept_code_ok(const char *s)
{
	return s[0] != '\0' && strlen(s) <= 32 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == strlen(s);
}

/* next = KIND -> lead | same | DEPT [, confirm] */
static void
parse_next(struct conf_parse *p, struct step_name *st, const char *value)
{
	char kind[128], to[64], opt[32];
	struct step_next *n;
	const char *arrow = strstr(value, "->"), *rest, *comma;

	if (arrow == NULL) {
		conf_error(p, "next: expected KIND -> lead|same|DEPT[, confirm], not '%s'", value);
		return;
	}
	trimmed(kind, sizeof(kind), value, (size_t)(arrow - value));
	rest = arrow + 2;
	comma = strchr(rest, ',');
	trimmed(to, sizeof(to), rest, comma ? (size_t)(comma - rest) : strlen(rest));
	opt[0] = '\0';
	if (comma)
		trimmed(opt, sizeof(opt), comma + 1, strlen(comma + 1));
	if (kind[0] == '\0' || (comma != NULL && strcmp(opt, "confirm") != 0)) {
		conf_error(p, "next: expected KIND -> lead|same|DEPT[, confirm], not '%s'", value);
		return;
	}
	if (!dept_code_ok(to)) {
		conf_error(p, "next: '%s' is not lead, same or a department code", to);
		return;
	}
	st->next = xreallocarray(st->next, (size_t)st->nnext + 1, sizeof(*st->next));
	n = &st->next[st->nnext++];
	memset(n, 0, sizeof(*n));
	n->kind = xstrdup(kind);
	n->to = strcmp(to, "lead") == 0 ? NEXT_LEAD : strcmp(to, "same") == 0 ? NEXT_SAME :
	    NEXT_DEPT;
	n->dept = n->to == NEXT_DEPT ? xstrdup(to) : NULL;
	n->confirm = comma != NULL;
	n->line = p->lineno;
}

int
conf_step_key(struct conf_parse *p, const char *name, const char *value)
{
	struct step_name *st = &p->conf->steps[p->conf->nsteps - 1];
	const char *q;

	if (strcmp(name, "name") == 0) {
		if (value[0] == '\0')
			conf_error(p, "name: empty (the step's name as mail shows it, e.g. 分工处理)");
		else {
			free(st->name);
			st->name = xstrdup(value);
			st->name_line = p->lineno;
		}
	} else if (strcmp(name, "alias") == 0) {
		/* alias = 登记, 办证 (and more alias lines add to them) */
		for (q = value;; q++) {
			size_t n = strcspn(q, ",，");

			add_alias(p, st, q, n);
			q += n;
			if (*q == '\0')
				break;
			if ((unsigned char)*q != ',')
				q += strlen("，") - 1;
		}
	} else if (strcmp(name, "next") == 0) {
		parse_next(p, st, value);
	} else if (strcmp(name, "catch-all") == 0) {
		if (strcmp(value, "yes") == 0)
			st->catch_all = true;
		else if (strcmp(value, "no") == 0)
			st->catch_all = false;
		else
			conf_error(p, "catch-all: expected yes or no, not '%s'", value);
		st->catch_line = p->lineno;
	} else
		conf_error(p, "unknown key '%s' in [step \"%s\"] (name, alias, next, catch-all)",
		    name, st->key);
	return 1;
}

/*
 * The words that name kinds (keys, names, aliases) in the file's order: a word
 * that an earlier line gave another kind is an error at the later line.
 */
struct word {
	const char		*w;
	int			 line;
	const struct step_name	*st;
};

static int
word_cmp(const void *a, const void *b)
{
	const struct word *x = a, *y = b;
	int c = strcmp(x->w, y->w);

	return c != 0 ? c : x->line - y->line;
}

static void
check_words(struct conf_parse *p)
{
	struct config *c = p->conf;
	struct word *w = NULL;
	size_t n = 0, i;
	int k, j;

	for (k = 0; k < c->nsteps; k++) {
		const struct step_name *st = &c->steps[k];

		w = xreallocarray(w, n + 2 + (size_t)st->naliases, sizeof(*w));
		w[n++] = (struct word){ st->key, st->line, st };
		if (st->name != NULL)
			w[n++] = (struct word){ st->name, st->name_line, st };
		for (j = 0; j < st->naliases; j++)
			w[n++] = (struct word){ st->aliases[j], st->alias_lines[j], st };
	}
	if (n > 0)
		qsort(w, n, sizeof(*w), word_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(w[i].w, w[i - 1].w) == 0 && w[i].st != w[i - 1].st)
			conf_error_at(p, w[i].line, "step \"%s\": '%s' already names step \"%s\""
			    " (line %d): a word names one kind", w[i].st->key, w[i].w,
			    w[i - 1].st->key, w[i - 1].line);
	free(w);
}

/*
 * A word a next step or a rule's match gives: its kind's key from now on (a
 * name or an alias means the key). NULL, the word untouched, if no kind has it.
 */
static const struct step_name *
to_key(const struct config *c, char **word)
{
	const struct step_name *k = conf_step_find(c, *word);

	if (k != NULL && strcmp(k->key, *word) != 0) {
		free(*word);
		*word = xstrdup(k->key);
	}
	return k;
}

/* The index of the kind whose key this is, or -1. */
static int
kind_index(const struct config *c, const char *key)
{
	int i;

	for (i = 0; i < c->nsteps; i++)
		if (strcmp(c->steps[i].key, key) == 0)
			return i;
	return -1;
}

/* Does the procedure lead from kind i back to kind target? (depth-first, seen marks) */
static bool
reaches(const struct config *c, int i, int target, char *seen)
{
	const struct step_name *from = &c->steps[i];
	int j, k;

	if (seen[i])
		return false;
	seen[i] = 1;
	for (j = 0; j < from->nnext; j++)
		if ((k = kind_index(c, from->next[j].kind)) == target ||
		    (k >= 0 && reaches(c, k, target, seen)))
			return true;
	return false;
}

/* Each next names a kind; the procedure runs forward: no kind follows itself. */
static void
check_next(struct conf_parse *p)
{
	struct config *c = p->conf;
	char *seen;
	int i, j, bad = 0;

	for (i = 0; i < c->nsteps; i++)
		for (j = 0; j < c->steps[i].nnext; j++) {
			struct step_next *n = &c->steps[i].next[j];

			if (to_key(c, &n->kind) == NULL) {
				char *known = conf_step_list(c);

				conf_error_at(p, n->line, "step \"%s\": next %s: no such step (known: %s)",
				    c->steps[i].key, n->kind, known);
				free(known);
				bad = 1;
			}
		}
	if (bad || c->nsteps == 0)
		return;
	seen = xcalloc((size_t)c->nsteps, 1);
	for (i = 0; i < c->nsteps; i++)
		for (j = 0; j < c->steps[i].nnext; j++) {
			int t = kind_index(c, c->steps[i].next[j].kind), k2;

			/* every cycle has an edge back to an earlier kind (or to itself): that one */
			for (k2 = 0; k2 < c->nsteps; k2++)
				seen[k2] = 0;
			if (t <= i && (t == i || reaches(c, t, i, seen)))
				conf_error_at(p, c->steps[i].next[j].line, "step \"%s\": next %s makes a"
				    " cycle (%s comes back to %s): the procedure runs forward; a step"
				    " done again is assigned again", c->steps[i].key,
				    c->steps[i].next[j].kind, c->steps[i].next[j].kind, c->steps[i].key);
		}
	free(seen);
}

void
conf_check_steps(struct conf_parse *p)
{
	struct config *c = p->conf;
	const struct step_name *all = NULL;
	int i;

	for (i = 0; i < c->nsteps; i++) {
		struct step_name *st = &c->steps[i];

		if (st->name == NULL)
			conf_error_at(p, st->line, "step \"%s\" needs 'name', how mail shows it"
			    " (e.g. 分工处理)", st->key);
		if (st->catch_all && all != NULL)
			conf_error_at(p, st->catch_line, "step \"%s\": catch-all: step \"%s\" is the"
			    " catch-all already (there is one at most)", st->key, all->key);
		else if (st->catch_all)
			all = st;
	}
	check_words(p);
	check_next(p);
	if (c->nsteps == 0)
		return;
	for (i = 0; i < c->nrules; i++) {
		struct rule *r = &c->rules[i];

		if (r->match_step != NULL && to_key(c, &r->match_step) == NULL) {
			char *known = conf_step_list(c);

			conf_error_at(p, r->line, "rule \"%s\": match step:%s: no such step (known: %s)",
			    r->name, r->match_step, known);
			free(known);
		}
	}
}

const struct step_name *
conf_step_find(const struct config *c, const char *word)
{
	int i, j;

	if (word == NULL)
		return NULL;
	for (i = 0; i < c->nsteps; i++)
		if (strcmp(c->steps[i].key, word) == 0)
			return &c->steps[i];
	for (i = 0; i < c->nsteps; i++) {
		if (c->steps[i].name != NULL && strcmp(c->steps[i].name, word) == 0)
			return &c->steps[i];
		for (j = 0; j < c->steps[i].naliases; j++)
			if (strcmp(c->steps[i].aliases[j], word) == 0)
				return &c->steps[i];
	}
	return NULL;
}

const struct step_name *
conf_step_catch_all(const struct config *c)
{
	int i;

	for (i = 0; i < c->nsteps; i++)
		if (c->steps[i].catch_all)
			return &c->steps[i];
	return NULL;
}

char *
conf_step_list(const struct config *c)
{
	struct buf b = { 0 };
	int i;

	for (i = 0; i < c->nsteps; i++)
		buf_printf(&b, "%s%s (%s)", i ? ", " : "", c->steps[i].key,
		    c->steps[i].name ? c->steps[i].name : c->steps[i].key);
	return buf_take(&b);
}

void
conf_step_print(const struct step_name *st, FILE *fp)
{
	int j;

	fprintf(fp, "\n[step \"%s\"]\nname = %s\n", st->key, st->name ? st->name : "");
	if (st->naliases > 0) {
		fprintf(fp, "alias = ");
		for (j = 0; j < st->naliases; j++)
			fprintf(fp, "%s%s", j ? ", " : "", st->aliases[j]);
		fprintf(fp, "\n");
	}
	for (j = 0; j < st->nnext; j++)
		fprintf(fp, "next = %s -> %s%s\n", st->next[j].kind,
		    st->next[j].to == NEXT_LEAD ? "lead" : st->next[j].to == NEXT_SAME ? "same" :
		    st->next[j].dept, st->next[j].confirm ? ", confirm" : "");
	if (st->catch_all)
		fprintf(fp, "catch-all = yes\n");
}

void
conf_step_clear(struct step_name *st)
{
	int j;

	free(st->key);
	free(st->name);
	for (j = 0; j < st->naliases; j++)
		free(st->aliases[j]);
	free(st->aliases);
	free(st->alias_lines);
	for (j = 0; j < st->nnext; j++) {
		free(st->next[j].kind);
		free(st->next[j].dept);
	}
	free(st->next);
}
