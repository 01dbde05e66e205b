/*
 * dubanctl ledger import: the office's ledger (台账) from CSV. An
 * import is all or nothing, read as a stream in bounded memory.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/address.h"
#include "duban/csv.h"
#include "duban/office.h"
#include "duban/sched.h"
#include "duban/text.h"

#include "ledger.h"

#define MAX_ERRORS	50

struct import {
	struct ctl	*c;
	const char	*file;
	int		 errors;
	int		 dry_run;
	int		 ncols;		/* NCOLS, or NCOLS_OLD for a first-release ledger */
	int		 cases_added, cases_updated, actions_added, actions_updated, unchanged;
};

static void
row_error(struct import *im, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
row_error(struct import *im, int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (++im->errors > MAX_ERRORS)
		return;
	if (col >= 0)
		fprintf(stderr, _("%s:%d: column %d (%s): "), im->file, line, col + 1, ledger_columns[col]);
	else
		fprintf(stderr, "%s:%d: ", im->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, gettext(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
parse_time(struct import *im, const struct csv_row *r, int col, int required, instant_t *t)
{
	const char *v = r->fields[col];

	*t = 0;
	if (v[0] == '\0') {
		if (required)
			row_error(im, r->line, col, "a time is required");
		return required ? -1 : 0;
	}
	if (instant_parse(v, t) != 0 || strcmp(v, "now") == 0) {
		row_error(im, r->line, col, "'%s' is not a time (accepted: %s or a date alone)", v,
		    DAY_FORMS);
		return -1;
	}
	return 0;
}

/* Is there such a department? 1 yes, 0 no, -1 the database failed. */
static int
dept_exists(struct ctl *c, const char *code, int64_t *id)
{
	struct department d;
	int rc;

	if ((rc = store_dept_get(c->store, code, &d)) != 0)
		return rc < 0 ? -1 : 0;
	if (id)
		*id = d.id;
	store_dept_clear(&d);
	return 1;
}

/*
 * A row's kind of step (its key) and concrete work: 办理事项 names the kind by
 * key, name or alias and 办理内容 the work. In a ledger of the first release
 * (no 办理内容) a 办理事项 that names no kind goes to the catch-all kind, with
 * its text as the work, and the import says so; otherwise it is refused.
 * Without [step] sections the step is taken as written. NULL: no kind.
 */
static const char *
row_kind(struct import *im, const struct csv_row *r, const char **what)
{
	const struct config *conf = im->c->conf;
	const char *step = r->fields[COL_STEP];
	const struct step_name *k, *all;

	if (what)
		*what = r->n > COL_WHAT && r->fields[COL_WHAT][0] ? r->fields[COL_WHAT] : NULL;
	if (conf->nsteps == 0)
		return step;
	if ((k = conf_step_find(conf, step)) != NULL)
		return k->key;
	if (r->n > COL_WHAT || (all = conf_step_catch_all(conf)) == NULL)
		return NULL;
	if (what && *what == NULL)
		*what = step;
	return all->key;
}

/* The columns that describe the case, the same on each of its lines. */
static const int case_cols[LEDGER_CASE_FIELDS] = {
	COL_TITLE, COL_CATEGORY, COL_LEAD, COL_LEADER, COL_KEY, COL_PETITIONER, COL_RECEIVED,
	COL_CLOSED, COL_CEASED
};

static void
case_fields(const struct csv_row *r, const char **cf)
{
	int i;

	for (i = 0; i < LEDGER_CASE_FIELDS; i++)
		cf[i] = case_cols[i] < r->n ? r->fields[case_cols[i]] : "";
}

/* Check one row; the case's fields must agree with its first row's. */
static int
check_row(struct import *im, const struct csv_row *r)
{
	const char *const *f = (const char *const *)r->fields;
	const char *cf[LEDGER_CASE_FIELDS];
	instant_t t, notified = 0, done;
	const char *step;
	int col, first, has_action, known, i;
	unsigned differ;

	if (r->n != im->ncols) {
		row_error(im, r->line, -1, "%d columns, expected %d", r->n, im->ncols);
		return 0;
	}
	for (col = 0; col < im->ncols; col++) {
		char buf[128];
		const char *why;

		if ((why = text_check_field(f[col], r->lens[col], ledger_limits[col], buf,
		    sizeof(buf))) != NULL)
			row_error(im, r->line, col, "%s", why);
	}
	if (f[COL_CASE][0] == '\0')
		row_error(im, r->line, COL_CASE, "the case number is empty");
	if (f[COL_TITLE][0] == '\0')
		row_error(im, r->line, COL_TITLE, "the case title is empty");
	if (strlen(f[COL_CATEGORY]) != 1 || f[COL_CATEGORY][0] < '1' || f[COL_CATEGORY][0] > '9')
		row_error(im, r->line, COL_CATEGORY, "expected a category from 1 to 9, not '%s'",
		    f[COL_CATEGORY]);
	if (f[COL_LEAD][0] != '\0' && (known = dept_exists(im->c, f[COL_LEAD], NULL)) < 0)
		return -1;
	if (f[COL_LEAD][0] != '\0' && known == 0)
		row_error(im, r->line, COL_LEAD, "no department '%s' (import the roster first)",
		    f[COL_LEAD]);
	if (strcmp(f[COL_KEY], "是") != 0 && strcmp(f[COL_KEY], "否") != 0 && f[COL_KEY][0])
		row_error(im, r->line, COL_KEY, "expected 是 or 否, not '%s'", f[COL_KEY]);
	parse_time(im, r, COL_RECEIVED, 1, &t);
	has_action = f[COL_DEPT][0] || f[COL_STEP][0] || f[COL_NOTIFIED][0] || f[COL_ACKED][0] ||
	    f[COL_DONE][0] || f[COL_RESULT][0];
	if (has_action) {
		if (f[COL_DEPT][0] == '\0')
			row_error(im, r->line, COL_DEPT, "an action needs its department");
		else if ((known = dept_exists(im->c, f[COL_DEPT], NULL)) < 0)
			return -1;
		else if (known == 0)
			row_error(im, r->line, COL_DEPT, "no department '%s' (import the roster first)",
			    f[COL_DEPT]);
		if (f[COL_STEP][0] == '\0')
			row_error(im, r->line, COL_STEP, "an action needs its step");
		else if (row_kind(im, r, NULL) == NULL) {
			char *kinds = conf_step_list(im->c->conf);

			row_error(im, r->line, COL_STEP, "'%s' is not a kind of step (known: %s)",
			    f[COL_STEP], kinds);
			free(kinds);
		}
		parse_time(im, r, COL_NOTIFIED, 1, &notified);
		if (parse_time(im, r, COL_ACKED, 0, &t) == 0 && t != 0 && notified && t < notified)
			row_error(im, r->line, COL_ACKED, "received before it was notified");
		if (parse_time(im, r, COL_DONE, 0, &done) == 0 && done != 0 && notified &&
		    done < notified)
			row_error(im, r->line, COL_DONE, "done before it was notified");
	}
	if (r->n > COL_RESPONSIBLE && parse_time(im, r, COL_AGREED, 0, &t) == 0 && t != 0 &&
	    notified && t <= notified)
		row_error(im, r->line, COL_AGREED, "the agreed deadline is not after the notification");
	else if (r->n > COL_RESPONSIBLE && t != 0 && has_action && f[COL_DEPT][0] &&
	    (step = row_kind(im, r, NULL)) != NULL) {
		/* as office_assign refuses it: an agreed deadline needs a rule for its notices */
		struct adjust adj = { .agreed = t };
		struct plan p;
		const char *cause;

		if (sched_plan(im->c->conf, NULL, step, f[COL_DEPT], f[COL_CATEGORY][0] - '0',
		    strcmp(f[COL_KEY], "是") == 0, notified, &adj, &p, &cause) == 0 && p.rule == NULL)
			row_error(im, r->line, COL_AGREED, "an agreed deadline needs a rule for its"
			    " reminders and escalation, and none matches step '%s'", step);
	}
	if (r->n > COL_TRANSFER_WHY && f[COL_TRANSFER_TO][0]) {
		instant_t from = 0, back = 0;

		if (parse_time(im, r, COL_TRANSFER_FROM, 1, &from) == 0 && from && notified &&
		    from < notified)
			row_error(im, r->line, COL_TRANSFER_FROM, "transferred before it was notified");
		if (parse_time(im, r, COL_TRANSFER_BACK, 0, &back) == 0 && back && back < from)
			row_error(im, r->line, COL_TRANSFER_BACK, "back before it was transferred");
		if (f[COL_TRANSFER_WHY][0] == '\0')
			row_error(im, r->line, COL_TRANSFER_WHY, "a transfer needs its reason");
	} else if (r->n > COL_TRANSFER_WHY && (f[COL_TRANSFER_FROM][0] || f[COL_TRANSFER_BACK][0]))
		row_error(im, r->line, COL_TRANSFER_TO, "a transfer needs the body it went to");
	if (r->n > COL_CEASED) {
		parse_time(im, r, COL_CLOSED, 0, &t);
		if (strcmp(f[COL_CEASED], "是") != 0 && strcmp(f[COL_CEASED], "否") != 0 &&
		    f[COL_CEASED][0])
			row_error(im, r->line, COL_CEASED, "expected 是 or 否, not '%s'", f[COL_CEASED]);
		else if (f[COL_CEASED][0] && !f[COL_CLOSED][0])
			row_error(im, r->line, COL_CEASED, "息诉罢访 is recorded when a case is closed"
			    " (销号时间 is empty)");
	}
	if (f[COL_CASE][0] == '\0')
		return 0;
	case_fields(r, cf);
	if ((first = store_ledger_stage_case(im->c->store, f[COL_CASE], r->line, cf,
	    &differ)) < 0)
		return -1;
	for (i = 0; i < LEDGER_CASE_FIELDS; i++)
		if (differ & (1u << i))
			row_error(im, r->line, case_cols[i], "differs from line %d for the same case",
			    first);
	return 0;
}

static void
case_from_row(const struct csv_row *r, struct case_rec *k)
{
	memset(k, 0, sizeof(*k));
	k->number = r->fields[COL_CASE];
	k->title = r->fields[COL_TITLE];
	k->category = r->fields[COL_CATEGORY][0] - '0';
	k->lead_dept = r->fields[COL_LEAD][0] ? r->fields[COL_LEAD] : NULL;
	k->leader = r->fields[COL_LEADER][0] ? r->fields[COL_LEADER] : NULL;
	k->key_case = strcmp(r->fields[COL_KEY], "是") == 0;
	k->petitioner = r->fields[COL_PETITIONER][0] ? r->fields[COL_PETITIONER] : NULL;
	instant_parse(r->fields[COL_RECEIVED], &k->received_at);
}

static int
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The same time as far as a ledger can tell: it writes whole seconds. */
static int
same_second(instant_t stored, instant_t ledger)
{
	return stored / 1000 == ledger / 1000;
}

/*
 * The row's closing (销号时间, 息诉罢访) onto the case when it differs: a
 * first-release ledger has none and leaves the case as it is.
 */
static int
apply_closing(struct import *im, const struct csv_row *r, int64_t case_id)
{
	const char *const *f = (const char *const *)r->fields;
	instant_t closed = 0, was = 0;
	int ceased, was_ceased = 0, rc;

	if (r->n <= COL_CEASED)
		return 0;
	if (f[COL_CLOSED][0])
		instant_parse(f[COL_CLOSED], &closed);
	ceased = strcmp(f[COL_CEASED], "是") == 0;
	if ((rc = store_case_closing(im->c->store, case_id, &was, &was_ceased)) != 0)
		return -1;
	if (same_second(was, closed) && was_ceased == ceased)
		return 0;
	printf(im->dry_run ? _("case %s: closing would be updated\n") :
	    _("case %s: closing updated\n"), f[COL_CASE]);
	return store_case_set_closing(im->c->store, case_id, closed, ceased);
}

/* A new action's transfer (转交法院) and its return, as dubanctl would have recorded them. */
static int
apply_transfer(struct import *im, const struct csv_row *r, int64_t id)
{
	const char *const *f = (const char *const *)r->fields;
	instant_t from = 0, back = 0;
	struct action a;
	int rc;

	instant_parse(f[COL_TRANSFER_FROM], &from);
	if (f[COL_TRANSFER_BACK][0])
		instant_parse(f[COL_TRANSFER_BACK], &back);
	if (store_action_get(im->c->store, id, &a) != 0)
		return -1;
	rc = office_pause(im->c->store, &WHO(im->c), &a, from, f[COL_TRANSFER_WHY],
	    f[COL_TRANSFER_TO], NULL) == OFFICE_DONE ? 0 : -1;
	if (rc == 0 && back != 0)
		rc = office_resume(im->c->store, im->c->conf, &WHO(im->c), &a, back, NULL) ==
		    OFFICE_DONE ? 0 : -1;
	store_action_clear(&a);
	return rc;
}

/* Store one row's case: added, updated or unchanged. */
static int
apply_case(struct import *im, const struct csv_row *r, int64_t *case_id)
{
	struct case_rec k, old;
	int rc;

	case_from_row(r, &k);
	if ((rc = store_case_get(im->c->store, k.number, &old)) < 0)
		return -1;
	if (rc == 0) {
		*case_id = old.id;
		if (same(old.title, k.title) && old.category == k.category &&
		    same(old.lead_dept, k.lead_dept) && same(old.leader, k.leader) &&
		    old.key_case == k.key_case && same(old.petitioner, k.petitioner) &&
		    same_second(old.received_at, k.received_at)) {
			store_case_clear(&old);
			return 0;
		}
		store_case_clear(&old);
		printf(im->dry_run ? _("case %s: would be updated\n") : _("case %s: updated\n"), k.number);
		im->cases_updated++;
		return store_case_update(im->c->store, *case_id, &k);
	}
	printf(im->dry_run ? _("case %s: would be added\n") : _("case %s: added\n"), k.number);
	im->cases_added++;
	return store_case_add(im->c->store, &k, case_id);
}

/* Store one row's action: added with its deadline, or its record updated. */
static int
apply_action(struct import *im, const struct csv_row *r, int64_t case_id)
{
	struct office_assign rq = { 0 };
	struct office_assigned res;
	const char *const *f = (const char *const *)r->fields;
	struct case_rec k;
	struct action a;
	const char *cause, *what, *step = row_kind(im, r, &what);
	instant_t notified, acked = 0, done = 0;
	int64_t dept_id = 0, id;
	int changed;
	bool earlier = false;

	if (f[COL_DEPT][0] == '\0')
		return 0;
	if (dept_exists(im->c, f[COL_DEPT], &dept_id) <= 0)
		return -1;
	instant_parse(f[COL_NOTIFIED], &notified);
	if (f[COL_ACKED][0])
		instant_parse(f[COL_ACKED], &acked);
	if (f[COL_DONE][0])
		instant_parse(f[COL_DONE], &done);
	if ((id = store_action_find(im->c->store, case_id, dept_id, step, what, notified,
	    &earlier)) < 0)
		return -1;
	if (id != 0 && earlier) {
		/* the line is a department's part that ended with a reassignment */
		if (acked || done || f[COL_RESULT][0])
			printf(_("action %lld (case %s, %s %s): this line is its earlier assignment to"
			    " %s, which ended when it was reassigned; left as it is\n"), (long long)id,
			    f[COL_CASE], f[COL_DEPT], f[COL_STEP], f[COL_DEPT]);
		im->unchanged++;
		return 0;
	}
	if (id != 0) {
		if (store_action_get(im->c->store, id, &a) != 0)
			return -1;
		changed = !same_second(a.acked_at, acked) || !same_second(a.done_at, done) ||
		    !same(a.note,
		    f[COL_RESULT][0] ? f[COL_RESULT] : NULL);
		store_action_clear(&a);
		if (!changed) {
			im->unchanged++;
			return 0;
		}
		printf(im->dry_run ? _("action %lld (case %s, %s %s): would be updated\n") :
		    _("action %lld (case %s, %s %s): updated\n"), (long long)id, f[COL_CASE],
		    f[COL_DEPT], f[COL_STEP]);
		im->actions_updated++;
		return store_action_set_record(im->c->store, id, acked, done,
		    f[COL_RESULT][0] ? f[COL_RESULT] : NULL);
	}
	case_from_row(r, &k);
	/* an agreement's deadline (解决时限) and its responsible person (责任人) */
	if (r->n > COL_RESPONSIBLE) {
		if (f[COL_AGREED][0])
			instant_parse(f[COL_AGREED], &rq.agreed);
		rq.responsible = f[COL_RESPONSIBLE][0] ? f[COL_RESPONSIBLE] : NULL;
	}
	rq.case_id = case_id;
	rq.case_number = k.number;
	rq.category = k.category;
	rq.key_case = k.key_case;
	rq.dept_id = dept_id;
	rq.dept_code = f[COL_DEPT];
	rq.step = step;
	rq.what = what;
	rq.at = notified;
	rq.overdue_ok = true;		/* a record of what was: overdue or not, as it was */
	rq.no_audit_row = true;		/* the import writes one line for the file */
	rq.who = im->c->who;
	rq.now = instant_now();
	if (office_assign(im->c->store, im->c->conf, &rq, &res, &cause) != OFFICE_DONE)
		return -1;
	id = res.id;
	printf(im->dry_run ? _("action %lld (case %s, %s %s): would be added\n") :
	    _("action %lld (case %s, %s %s): added\n"), (long long)id, f[COL_CASE], f[COL_DEPT],
	    f[COL_STEP]);
	im->actions_added++;
	if (strcmp(step, f[COL_STEP]) != 0 && conf_step_find(im->c->conf, f[COL_STEP]) == NULL)
		printf(_("%s:%d: %s '%s' names no kind of step: kind %s, the catch-all, with '%s' as"
		    " %s\n"), im->file, r->line, ledger_columns[COL_STEP], f[COL_STEP], step, f[COL_STEP],
		    ledger_columns[COL_WHAT]);
	if (r->n > COL_TRANSFER_WHY && f[COL_TRANSFER_TO][0] && apply_transfer(im, r, id) != 0)
		return -1;
	if ((acked || done || f[COL_RESULT][0]) && store_action_set_record(im->c->store, id,
	    acked, done, f[COL_RESULT][0] ? f[COL_RESULT] : NULL) != 0)
		return -1;
	return 0;
}


/* The ledger's header line: its columns, named and in order. */
static int
check_header(struct import *im, const struct csv_row *h)
{
	int i;

	if (h->n != NCOLS && h->n != NCOLS_OLD) {
		row_error(im, 1, -1, "the first line must be the header: %d columns, %s ... %s",
		    NCOLS, ledger_columns[0], ledger_columns[NCOLS - 1]);
		return -1;
	}
	im->ncols = h->n;
	for (i = 0; i < h->n; i++)
		if (strcmp(h->fields[i], ledger_columns[i]) != 0)
			row_error(im, 1, i, "the header says '%s'", h->fields[i]);
	return 0;
}

/* A cell written with a leading ' so that a spreadsheet keeps it text: its text again. */
static void
untext_row(struct csv_row *row)
{
	const char *t;
	int i;

	for (i = 0; i < row->n; i++)
		if ((t = csv_text(row->fields[i])) != row->fields[i])
			memmove(row->fields[i], t, strlen(t) + 1);
}

/*
 * The first pass, in the caller's read transaction: every row checked,
 * without a lock on the database (the cases' first rows go to a temporary
 * table). Returns the errors found, or -1 if the file or the database failed.
 */
static int
check_pass(struct import *im, struct csv_reader *rd)
{
	struct csv_row row;
	char *err;
	int rc, n = 0;

	if (store_ledger_stage_begin(im->c->store) != 0)
		return -1;
	while ((rc = csv_next(rd, &row, &err)) == 1) {
		untext_row(&row);
		if (n++ == 0) {
			rc = check_header(im, &row);
			csv_row_free(&row);
			if (rc != 0)
				return im->errors;
			continue;
		}
		rc = check_row(im, &row);
		csv_row_free(&row);
		if (rc != 0)
			return -1;
	}
	if (rc < 0) {
		fprintf(stderr, "%s:%s\n", im->file, err + 4);
		free(err);
		return -1;
	}
	if (n == 0)
		row_error(im, 1, -1, "the first line must be the header: %d columns, %s ... %s",
		    NCOLS, ledger_columns[0], ledger_columns[NCOLS - 1]);
	return im->errors;
}

/* The second pass, inside the caller's transaction: every row stored. */
static int
apply_pass(struct import *im, struct csv_reader *rd)
{
	struct csv_row row;
	int64_t case_id;
	char *err;
	int rc, n = 0;

	while ((rc = csv_next(rd, &row, &err)) == 1) {
		untext_row(&row);
		if (n++ > 0 && (apply_case(im, &row, &case_id) != 0 ||
		    apply_action(im, &row, case_id) != 0 || apply_closing(im, &row, case_id) != 0)) {
			fprintf(stderr, _("dubanctl: %s:%d: not stored: %s; nothing was imported\n"),
			    im->file, row.line, store_errmsg(im->c->store));
			csv_row_free(&row);
			return -1;
		}
		csv_row_free(&row);
	}
	if (rc < 0) {
		fprintf(stderr, _("%s:%s; nothing was imported\n"), im->file, err + 4);
		free(err);
		return -1;
	}
	return 0;
}

/*
 * Import a ledger, all or nothing, in bounded memory: the file is decoded
 * into a private temporary copy and read twice, row by row: once to check
 * every row (no lock held), once to store them in one transaction.
 */
int
cmd_ledger_import(struct ctl *c, struct ctl_args *args)
{
	struct import im;
	struct csv_reader rd;
	const char *encoding, *used;
	char detail[256], *err;
	FILE *fp;
	int rc;

	memset(&im, 0, sizeof(im));
	if ((rc = args_encoding(args, &encoding)) != 0)
		return rc;
	im.dry_run = args_has(args, "dry-run");
	im.c = c;
	im.file = args->argv[0];
	if ((fp = text_file_utf8_cols(im.file, encoding, ledger_columns, NCOLS, &used, &err)) ==
	    NULL) {
		fprintf(stderr, "dubanctl: %s: %s\n", im.file, err);
		free(err);
		return EXIT_FAIL;
	}
	csv_reader_init(&rd, fp);
	/* one read transaction: each row's look-ups see one state and take no lock of their own */
	if (store_begin_read(c->store) != 0) {
		csv_reader_free(&rd);
		fclose(fp);
		return ctl_db_failed(c);
	}
	rc = check_pass(&im, &rd);
	store_rollback(c->store);	/* it wrote only the staging table, needed no longer */
	csv_reader_free(&rd);
	if (rc != 0) {
		if (rc < 0 && im.errors == 0) {
			fclose(fp);
			return EXIT_FAIL;
		}
		if (im.errors > MAX_ERRORS)
			fprintf(stderr, _("%s: %d more errors\n"), im.file, im.errors - MAX_ERRORS);
		fprintf(stderr, _("dubanctl: %s: %d error%s; nothing was imported\n"), im.file,
		    im.errors, im.errors == 1 ? "" : "s");
		fclose(fp);
		return EXIT_FAIL;
	}
	rewind(fp);
	if (fread(detail, 1, 3, fp) != 3 || memcmp(detail, "\xef\xbb\xbf", 3) != 0)
		rewind(fp);
	csv_reader_init(&rd, fp);
	if (store_begin(c->store) != 0) {
		fclose(fp);
		return EXIT_DATABASE;
	}
	rc = apply_pass(&im, &rd);
	csv_reader_free(&rd);
	fclose(fp);
	if (rc != 0) {
		store_rollback(c->store);
		return EXIT_DATABASE;
	}
	printf(_("%s (%s): %d cases added, %d updated; %d actions added, %d updated, %d unchanged%s\n"),
	    im.file, used, im.cases_added, im.cases_updated, im.actions_added,
	    im.actions_updated, im.unchanged, im.dry_run ? _(" (dry run: nothing stored)") : "");
	if (im.dry_run) {
		store_rollback(c->store);
		return EXIT_OK;
	}
	snprintf(detail, sizeof(detail), "%s: %d cases added, %d updated, %d actions added, "
	    "%d updated", im.file, im.cases_added, im.cases_updated, im.actions_added,
	    im.actions_updated);
	if (store_event(c->store, instant_now(), c->who, 0, "ledger import", detail) != 0 ||
	    store_commit(c->store) != 0) {
		fprintf(stderr, _("dubanctl: %s: not stored: %s; nothing was imported\n"), im.file,
		    store_errmsg(c->store));
		store_rollback(c->store);
		return EXIT_DATABASE;
	}
	ctl_wake(c);
	return EXIT_OK;
}
