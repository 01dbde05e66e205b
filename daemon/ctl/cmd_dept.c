/* dubanctl dept add, list, edit, import: the department roster. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/address.h"
#include "duban/csv.h"
#include "duban/text.h"

static int
print_dept(const struct department *d, void *arg)
{
	const char *v[5] = { d->code, d->name, d->head, d->email, d->cc };

	(void)arg;
	out_row(v);
	return 0;
}

int
cmd_dept_list(struct ctl *c, struct ctl_args *a)
{
	static const char *const cols[] = { NC_("column", "code"), NC_("column", "name"),
	    NC_("column", "head"), NC_("column", "email"), NC_("column", "cc") };
	static const int w[] = { 6, 16, 8, 28, 0 };

	(void)a;
	out_header(cols, w, 5);
	if (store_dept_each(c->store, print_dept, NULL) != 0) {
		out_end();
		return ctl_db_failed(c);
	}
	out_end();
	return EXIT_OK;
}

int
cmd_dept_add(struct ctl *c, struct ctl_args *a)
{
	struct department d, old;
	char detail[256];
	int rc;

	memset(&d, 0, sizeof(d));
	d.head = UNCONST(args_get(a, "head"));
	d.email = UNCONST(args_get(a, "email"));
	d.cc = UNCONST(args_get(a, "cc"));
	if (d.cc != NULL && ctl_check_address("--cc", d.cc, ADDR_LIST) != 0)
		return EXIT_USAGE;
	d.code = a->argv[0];
	d.name = a->argv[1];
	if (d.code[0] == '\0' || d.name[0] == '\0' || strlen(d.code) > TEXT_MAX_DEPT ||
	    strpbrk(d.code, " ,;") != NULL) {
		fprintf(stderr, _("dubanctl: a department needs a code (at most 32 bytes, no spaces,"
		    " commas or semicolons) and a name\n"));
		return EXIT_USAGE;
	}
	if (d.email != NULL && ctl_check_address("--email", d.email, ADDR_ONE) != 0)
		return EXIT_USAGE;
	if ((rc = store_dept_get(c->store, d.code, &old)) == 0) {
		fprintf(stderr, _("dubanctl: department %s exists already (%s); 'dubanctl dept edit"
		    " %s' changes it\n"), d.code, old.name, d.code);
		store_dept_clear(&old);
		return EXIT_FAIL;
	} else if (rc < 0)
		return ctl_db_failed(c);
	if (store_begin(c->store) != 0 || store_dept_add(c->store, &d, NULL) != 0) {
		fprintf(stderr, _("dubanctl: department %s not added: %s\n"), d.code,
		    store_errmsg(c->store));
		store_rollback(c->store);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "%s %s", d.code, d.name);
	if ((rc = ctl_event_commit(c, 0, "dept add", detail)) != EXIT_OK)
		return rc;
	printf(_("department %s added\n"), d.code);
	return EXIT_OK;
}

/* dubanctl dept edit CODE [--name] [--head] [--email] [--cc] */
int
cmd_dept_edit(struct ctl *c, struct ctl_args *a)
{
	struct department d, upd;
	char detail[256];
	int rc;

	memset(&upd, 0, sizeof(upd));
	upd.name = UNCONST(args_get(a, "name"));
	upd.head = UNCONST(args_get(a, "head"));
	upd.email = UNCONST(args_get(a, "email"));
	upd.cc = UNCONST(args_get(a, "cc"));
	if ((upd.email && ctl_check_address("--email", upd.email, ADDR_ONE) != 0) ||
	    (upd.cc && ctl_check_address("--cc", upd.cc, ADDR_LIST) != 0))
		return EXIT_USAGE;
	if ((rc = store_dept_get(c->store, a->argv[0], &d)) != 0)
		return ctl_lookup(c, rc, "no department '%s'", a->argv[0]);
	upd.code = d.code;
	if (upd.name == NULL)
		upd.name = d.name;
	if (upd.head == NULL)
		upd.head = d.head;
	if (upd.email == NULL)
		upd.email = d.email;
	if (upd.cc == NULL)
		upd.cc = d.cc;
	snprintf(detail, sizeof(detail), "%s: %s, %s <%s>", upd.code, upd.name, upd.head, upd.email);
	rc = store_begin(c->store) == 0 && store_dept_update(c->store, &upd) == 0 &&
	    store_event(c->store, instant_now(), c->who, 0, "dept edit", detail) == 0 &&
	    store_commit(c->store) == 0;
	if (!rc)
		store_rollback(c->store);
	else
		printf(_("department %s\n"), detail);
	store_dept_clear(&d);
	return rc ? EXIT_OK : EXIT_DATABASE;
}

/* dubanctl dept import FILE: the roster, code,name,head,title,email (conf/departments.csv). */
int
cmd_dept_import(struct ctl *c, struct ctl_args *args)
{
	static const char *const roster[] = { "code", "name", "head", "title", "email" };
	static const size_t max[] = { TEXT_MAX_DEPT, TEXT_MAX_NAME, TEXT_MAX_NAME, TEXT_MAX_NAME,
	    TEXT_MAX_ADDR };
	struct {
		const char	*file;
		int		 errors, dry_run;
	} im;
	struct department d, old;
	struct csv csv;
	const char *encoding, *used, *why;
	int i, j, rc, added = 0, updated = 0;

	memset(&im, 0, sizeof(im));
	if ((rc = args_encoding(args, &encoding)) != 0)
		return rc;
	im.dry_run = args_has(args, "dry-run");
	im.file = args->argv[0];
	if ((rc = ctl_read_table(im.file, encoding, roster, 5, max, &csv, &used)) != 0)
		return rc;
	for (i = 1; i < csv.n; i++) {
		const struct csv_row *r = &csv.rows[i];

		if (r->n != 5) {
			fprintf(stderr, _("%s:%d: %d columns, expected %d\n"), im.file, r->line, r->n, 5);
			im.errors++;
			continue;
		}
		for (j = 0; j < 2; j++)
			if (r->fields[j][0] == '\0') {
				fprintf(stderr, _("%s:%d: column %d (%s): empty\n"), im.file, r->line, j + 1,
				    roster[j]);
				im.errors++;
			}
		if (r->fields[4][0] && address_check(r->fields[4], &why) != 0) {
			char *e = text_escape(r->fields[4]);

			fprintf(stderr, _("%s:%d: column 5 (email): '%s' is not a mail address: %s\n"),
			    im.file, r->line, e, why);
			free(e);
			im.errors++;
		}
	}
	if (im.errors > 0) {
		fprintf(stderr, _("dubanctl: %s: %d errors; nothing was imported\n"), im.file, im.errors);
		csv_free(&csv);
		return EXIT_FAIL;
	}
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	for (i = 1; i < csv.n; i++) {
		char **f = csv.rows[i].fields;

		memset(&d, 0, sizeof(d));
		d.code = f[0];
		d.name = f[1];
		d.head = f[2];
		d.email = f[4];
		if ((rc = store_dept_get(c->store, d.code, &old)) < 0) {
			/* the database failed: said below */
		} else if (rc == 0) {
			d.cc = old.cc;
			rc = store_dept_update(c->store, &d);
			store_dept_clear(&old);
			updated++;
		} else {
			rc = store_dept_add(c->store, &d, NULL);
			added++;
		}
		if (rc != 0) {
			fprintf(stderr, _("dubanctl: %s:%d: not stored: %s\n"), im.file, csv.rows[i].line,
			    store_errmsg(c->store));
			store_rollback(c->store);
			csv_free(&csv);
			return EXIT_DATABASE;
		}
	}
	printf(_("%s (%s): %d departments added, %d updated%s\n"), im.file, used, added, updated,
	    im.dry_run ? _(" (dry run: nothing stored)") : "");
	csv_free(&csv);
	if (im.dry_run) {
		store_rollback(c->store);
		return EXIT_OK;
	}
	return ctl_event_commit(c, 0, "dept import", im.file);
}
