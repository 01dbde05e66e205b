/*
 * dubanctl leader add, list, import: the leaders who own cases (包案领导). A
 * case names its leader by name; mail finds the address here when it is sent,
 * so that a leader's new address reaches every case they own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/address.h"
#include "duban/csv.h"
#include "duban/text.h"

static int
leader_store(struct ctl *c, const char *name, const char *title, const char *email)
{
	char detail[512];

	snprintf(detail, sizeof(detail), "%s%s%s <%s>", name, title ? ", " : "", title ? title : "",
	    email);
	return store_leader_set(c->store, name, title, email) == 0 &&
	    store_event(c->store, instant_now(), c->who, 0, "leader", detail) == 0 ? 0 : -1;
}

int
cmd_leader_add(struct ctl *c, struct ctl_args *args)
{
	const char *name = args->argv[0], *email = args_get(args, "email");

	if (email == NULL) {
		fprintf(stderr, _("dubanctl: leader add needs --email ADDRESS\n"));
		return EXIT_USAGE;
	}
	if (strchr(name, '<') != NULL || strchr(name, '@') != NULL || strchr(name, ',') != NULL) {
		fprintf(stderr, _("dubanctl: '%s': a leader's name, without an address or a comma\n"),
		    name);
		return EXIT_USAGE;
	}
	if (ctl_check_address("--email", email, ADDR_ONE) != 0)
		return EXIT_USAGE;
	if (store_begin(c->store) != 0 || leader_store(c, name, args_get(args, "title"), email) != 0 ||
	    store_commit(c->store) != 0) {
		store_rollback(c->store);
		return ctl_db_failed(c);
	}
	printf(_("leader %s <%s>\n"), name, email);
	return EXIT_OK;
}

static int
list_row(const char *name, const char *title, const char *email, void *arg)
{
	const char *v[3] = { name, title ? title : "", email };

	(void)arg;
	out_row(v);
	return 0;
}

int
cmd_leader_list(struct ctl *c, struct ctl_args *args)
{
	static const char *const cols[] = { NC_("column", "name"), NC_("column", "title"),
	    NC_("column", "email") };
	static const int w[] = { 8, 24, 0 };

	(void)args;
	out_header(cols, w, 3);
	if (store_leader_each(c->store, NULL, list_row, NULL) < 0)
		return ctl_db_failed(c);
	out_end();
	return EXIT_OK;
}

/* dubanctl leader import FILE: name,title,email (conf/leaders.csv), all or nothing. */
int
cmd_leader_import(struct ctl *c, struct ctl_args *args)
{
	static const char *const cols[] = { "name", "title", "email" };
	static const size_t max[] = { TEXT_MAX_NAME, TEXT_MAX_NAME, TEXT_MAX_ADDR };
	const char *encoding, *used, *why;
	struct csv csv;
	int i, rc, errors = 0;

	if ((rc = args_encoding(args, &encoding)) != 0)
		return rc;
	if ((rc = ctl_read_table(args->argv[0], encoding, cols, 3, max, &csv, &used)) != 0)
		return rc;
	for (i = 1; i < csv.n; i++) {
		const struct csv_row *r = &csv.rows[i];

		if (r->n != 3) {
			fprintf(stderr, _("%s:%d: %d columns, expected %d\n"), args->argv[0], r->line,
			    r->n, 3);
			errors++;
		} else if (r->fields[0][0] == '\0' || strpbrk(r->fields[0], "<@,") != NULL) {
			fprintf(stderr, _("%s:%d: column 1 (name): a leader's name, without an address"
			    " or a comma\n"), args->argv[0], r->line);
			errors++;
		} else if (address_check(r->fields[2], &why) != 0) {
			char *e = text_escape(r->fields[2]);

			fprintf(stderr, _("%s:%d: column 3 (email): '%s' is not a mail address: %s\n"),
			    args->argv[0], r->line, e, why);
			free(e);
			errors++;
		}
	}
	if (errors > 0) {
		fprintf(stderr, _("dubanctl: %s: %d errors; nothing was imported\n"), args->argv[0],
		    errors);
		csv_free(&csv);
		return EXIT_FAIL;
	}
	rc = store_begin(c->store);
	for (i = 1; rc == 0 && i < csv.n; i++)
		rc = leader_store(c, csv.rows[i].fields[0],
		    csv.rows[i].fields[1][0] ? csv.rows[i].fields[1] : NULL, csv.rows[i].fields[2]);
	if (rc == 0 && args_has(args, "dry-run")) {
		store_rollback(c->store);
		printf(_("%s (%s): %d leaders (dry run: nothing stored)\n"), args->argv[0], used,
		    csv.n - 1);
		csv_free(&csv);
		return EXIT_OK;
	}
	if (rc != 0 || store_commit(c->store) != 0) {
		store_rollback(c->store);
		csv_free(&csv);
		return ctl_db_failed(c);
	}
	printf(_("%s (%s): %d leaders\n"), args->argv[0], used, csv.n - 1);
	csv_free(&csv);
	return EXIT_OK;
}
