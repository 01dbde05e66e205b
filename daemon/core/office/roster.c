/*
 * The configuration against the office's roster: the department codes it
 * names, each looked up in the database it names. Above both the
 * configuration and the store, which know nothing of each other.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duban/i18n.h"
#include "duban/office.h"
#include "duban/xmalloc.h"

struct roster {
	char	**codes;
	int	  n;
};

static int
roster_add(const char *code, void *arg)
{
	struct roster *r = arg;

	r->codes = xreallocarray(r->codes, (size_t)r->n + 1, sizeof(*r->codes));
	r->codes[r->n++] = xstrdup(code);
	return 0;
}

static bool
in_roster(const struct roster *r, const char *code)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->codes[i], code) == 0)
			return true;
	return false;
}

int
office_check_roster(const struct config *c, struct diag *d)
{
	struct roster r = { NULL, 0 };
	char *list, *tok, *save;
	int i, j, bad = 0;

	if (c->database == NULL || access(c->database, R_OK) != 0 ||
	    store_peek_departments(c->database, roster_add, &r) != 0)
		return 0;
	if (r.n == 0) {
		diag_warn(d, c->path, 0, _("the roster of %s is empty: the department codes are not"
		    " checked (dubanctl dept import)"), c->database);
		return 0;
	}
	for (i = 1; i <= 9; i++) {
		if (c->category_depts[i] == NULL)
			continue;
		list = xstrdup(c->category_depts[i]);
		for (tok = strtok_r(list, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save))
			if (!in_roster(&r, tok)) {
				diag_error(d, c->path, c->category_line[i], _("[categories] %d: no"
				    " department '%s' in the roster of %s (dubanctl dept list)"), i, tok,
				    c->database);
				bad++;
			}
		free(list);
	}
	for (i = 0; i < c->nsteps; i++)
		for (j = 0; j < c->steps[i].nnext; j++) {
			const struct step_next *n = &c->steps[i].next[j];

			if (n->to == NEXT_DEPT && !in_roster(&r, n->dept)) {
				diag_error(d, c->path, n->line, _("step \"%s\": next %s -> %s: no"
				    " department '%s' in the roster of %s (dubanctl dept list)"),
				    c->steps[i].key, n->kind, n->dept, n->dept, c->database);
				bad++;
			}
		}
	for (i = 0; i < r.n; i++)
		free(r.codes[i]);
	free(r.codes);
	return bad;
}
