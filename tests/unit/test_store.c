/*
 * The store on a real SQLite database in memory, with faults injected: a
 * progress handler interrupts a statement after any number of its steps, so
 * that every read can fail on its first row, in the middle, or at the end.
 * A read must then say it failed: never a shorter list, never "not found".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "core/store/internal.h"
#include "duban/conf.h"
#include "duban/evidence.h"
#include "duban/notice.h"
#include "duban/sched.h"

#define NACTIONS	30	/* reminded, overdue and escalated */
#define NLATER		5	/* due later: read as due by the daemon */
#define T0		1780000000000LL	/* 2026-05-28 */

struct fixture {
	struct config	*conf;
	struct store	*st;
};

static const char conf_text[] =
    "[daemon]\ncalendar = " CN_CALENDAR "\noffice-email = fxb@example.gov.cn\n"
    "[smtp]\nfrom = 房信办 <fxb@example.gov.cn>\n"
    "[target \"discipline\"]\nname = 市纪委监委监督工作组\nemail = jw@example.gov.cn\n"
    "[rule \"fast\"]\ndeadline = 4 seconds\nremind = 2 seconds before\n"
    "escalate = 2 seconds after -> discipline\n";

/*
 * The fault: interrupt the running statement once `left` progress calls have
 * passed; once, so that the rollback after it runs.
 */
static int fault_left;

static int
fault(void *arg)
{
	(void)arg;
	return fault_left-- == 0;
}

static void
fail_after(struct store *s, int steps)
{
	if (s->db == NULL)
		skip();	/* the faults are SQLite's progress handler: PostgreSQL has none */
	fault_left = steps;
	sqlite3_progress_handler(s->db, 1, fault, NULL);
}

static void
no_fault(struct store *s)
{
	if (s->db != NULL)
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct action_new n = { .case_id = 1, .dept_id = 1 };
	struct plan p;
	const char *cause;
	char step[16];
	int done, i;

	f->conf = unit_conf(conf_text);
	f->st = unit_store(T0);
	notice_instance("0123456789abcdef");
	/* actions that are reminded, overdue and escalated: rows in every table */
	for (i = 0; i < NACTIONS; i++) {
		snprintf(step, sizeof(step), "step%d", i);
		n.step = step;
		assert_int_equal(sched_plan(f->conf, NULL, step, "zjj", 2, 0, T0, NULL, &p,
		    &cause), 0);
		n.notified = T0;
		n.rule = p.rule->name;
		assert_int_equal(store_action_add(f->st, &n, p.due, p.uncertain, p.next_at, T0,
		    NULL), 0);
	}
	assert_int_equal(sched_run(f->st, f->conf, T0 + 60000, 500, 100, &done, NULL), 0);
	assert_true(done >= NACTIONS * 2);
	for (i = 0; i < NLATER; i++) {
		snprintf(step, sizeof(step), "later%d", i);
		n.step = step;
		assert_int_equal(sched_plan(f->conf, NULL, step, "zjj", 2, 0, T0 + 60000, NULL, &p,
		    &cause), 0);
		n.notified = T0 + 60000;
		n.rule = p.rule->name;
		assert_int_equal(store_action_add(f->st, &n, p.due, p.uncertain, p.next_at,
		    T0 + 60000, NULL), 0);
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	no_fault(f->st);
	store_close(f->st);
	conf_free(f->conf);
	free(f);
	return 0;
}

static int
count_row(void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static int cb_action(const struct action *a, void *arg) { (void)a; return count_row(arg); }
static int cb_open(const struct recompute_row *r, void *arg) { (void)r; return count_row(arg); }
static int cb_notice(const struct notice_row *r, void *arg) { (void)r; return count_row(arg); }
static int cb_esc(const struct escalation_row *r, void *arg) { (void)r; return count_row(arg); }
static int cb_dept(const struct department *r, void *arg) { (void)r; return count_row(arg); }
static int cb_ledger(const struct ledger_row *r, void *arg) { (void)r; return count_row(arg); }
static int cb_report(const struct report_row *r, void *arg) { (void)r; return count_row(arg); }
static int cb_text(const char *t, void *arg) { (void)t; return count_row(arg); }

static int
cb_event(instant_t at, const char *who, int64_t action, const char *what, const char *detail,
    void *arg)
{
	(void)at; (void)who; (void)action; (void)what; (void)detail;
	return count_row(arg);
}

/* One read of the store: its result and the rows it handed over. */
typedef int (*read_fn)(struct store *s, int *rows);

static int r_actions(struct store *s, int *n) { return store_action_each(s, true, cb_action, n); }
static int r_open(struct store *s, int *n) { return store_action_each_open(s, cb_open, n); }
static int r_notices(struct store *s, int *n) { return store_notice_each(s, true, cb_notice, n); }
static int r_notices1(struct store *s, int *n) { return store_notice_each_action(s, 1, cb_notice, n); }
static int r_queue(struct store *s, int *n) { return store_escalation_each(s, true, cb_esc, n); }
static int r_depts(struct store *s, int *n) { return store_dept_each(s, cb_dept, n); }
static int r_ledger(struct store *s, int *n) { return store_ledger_each(s, cb_ledger, n); }
static int r_events(struct store *s, int *n) { return store_event_each(s, 0, 0, T0 * 2, cb_event, n); }

static int
r_report(struct store *s, int *n)
{
	return store_report_each(s, 0, T0 * 2, cb_report, n);
}

static int
r_evidence(struct store *s, int *n)
{
	int rc = store_evidence_each(s, 1, cb_text, n);

	return rc < 0 ? -1 : 0;
}

static int
r_due(struct store *s, int *n)
{
	struct action a[NLATER];
	int i, rc;

	/* the daemon's batch read */
	if ((rc = store_action_due(s, T0 * 2, NLATER, a)) < 0)
		return -1;
	for (i = 0; i < rc; i++)
		store_action_clear(&a[i]);
	*n = rc;
	return 0;
}

static int
r_singles(struct store *s, int *n)
{
	struct outbox_item o[NACTIONS * 4];
	int i, rc;

	if ((rc = store_outbox_singles(s, T0 * 2, NACTIONS * 4, 0, o)) < 0)
		return -1;
	for (i = 0; i < rc; i++)
		store_outbox_item_clear(&o[i]);
	*n = rc;
	return 0;
}

static int
r_recipients(struct store *s, int *n)
{
	char **r;
	int i, rc;

	if ((rc = store_outbox_recipients(s, T0 * 2, 100, &r)) < 0)
		return -1;
	for (i = 0; i < rc; i++)
		free(r[i]);
	free(r);
	*n = rc;
	return 0;
}

/*
 * Run a read with a fault at step 0, 1, 2, ... until it runs without one:
 * each run must fail (-1) or give every row; and, for a read that hands
 * rows over one by one (streams), some run must have failed after rows had
 * come, so that the middle of the scan is tried.
 */
static void
every_fault(struct store *s, read_fn fn, const char *name, int streams)
{
	int want = 0, rows, rc, k, midway = 0, fired = 1;

	no_fault(s);
	assert_int_equal(fn(s, &want), 0);
	if (want == 0)
		fail_msg("%s: no rows to read", name);
	for (k = 0; fired; k++) {
		rows = 0;
		fail_after(s, k);
		rc = fn(s, &rows);
		fired = fault_left < 0;
		no_fault(s);
		if (rc == 0 && rows != want)
			fail_msg("%s: a fault at step %d gave %d rows of %d and no error", name, k,
			    rows, want);
		if (rc != 0)
			assert_int_equal(rc, -1);
		if (rc != 0 && rows > 0)
			midway = 1;
	}
	if (streams && !midway && want > 1)
		fail_msg("%s: no fault came in the middle of the scan", name);
}

static void
test_reads_fail_whole(void **state)
{
	struct fixture *f = *state;
	struct { read_fn fn; const char *name; int streams; } reads[] = {
		{ r_actions, "store_action_each", 1 }, { r_open, "store_action_each_open", 1 },
		{ r_notices, "store_notice_each", 1 }, { r_notices1, "store_notice_each_action", 1 },
		{ r_queue, "store_escalation_each", 1 }, { r_depts, "store_dept_each", 0 },
		{ r_ledger, "store_ledger_each", 1 }, { r_events, "store_event_each", 1 },
		{ r_report, "store_report_each", 1 }, { r_evidence, "store_evidence_each", 0 },
		{ r_due, "store_action_due", 0 }, { r_singles, "store_outbox_singles", 0 },
		{ r_recipients, "store_outbox_recipients", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
		every_fault(f->st, reads[i].fn, reads[i].name, reads[i].streams);
}

/* A lookup tells a missing row from a failed database. */
static void
test_get_not_found_or_failed(void **state)
{
	struct fixture *f = *state;
	struct department d;
	struct case_rec k;
	struct action a;
	struct escalation_row e;

	assert_int_equal(store_dept_get(f->st, "nope", &d), STORE_NOT_FOUND);
	assert_int_equal(store_case_get(f->st, "nope", &k), STORE_NOT_FOUND);
	assert_int_equal(store_action_get(f->st, 9999, &a), STORE_NOT_FOUND);
	assert_int_equal(store_escalation_get(f->st, 9999, &e), STORE_NOT_FOUND);
	fail_after(f->st, 0);
	assert_int_equal(store_dept_get(f->st, "zjj", &d), -1);
	fail_after(f->st, 0);
	assert_int_equal(store_case_get(f->st, "C1", &k), -1);
	fail_after(f->st, 0);
	assert_int_equal(store_action_get(f->st, 1, &a), -1);
	fail_after(f->st, 0);
	assert_int_equal(store_escalation_get(f->st, 1, &e), -1);
	fail_after(f->st, 0);
	assert_int_equal(store_action_done(f->st, 1, T0, NULL), -1);
	no_fault(f->st);
	assert_int_equal(store_action_done(f->st, 9999, T0, NULL), STORE_NOT_FOUND);
	assert_int_equal(store_action_done(f->st, 1, T0, NULL), 0);
	assert_int_equal(store_action_done(f->st, 1, T0, NULL), STORE_DONE_ALREADY);
	assert_int_equal(store_dept_get(f->st, "zjj", &d), 0);
	store_dept_clear(&d);
}

/*
 * The recompute after a reload reads every open action: a read that fails
 * midway is a failed recompute (rolled back), not a finished one that left
 * the rest of the deadlines where they were.
 */
static void
test_recompute_fails_whole(void **state)
{
	struct fixture *f = *state;
	int seen, moved, k, rc, failed = 0, fired = 1;

	for (k = 0; fired; k++) {
		seen = -1;
		fail_after(f->st, k);
		rc = sched_recompute(f->st, f->conf, T0 + 70000, &seen, &moved);
		fired = fault_left < 0;
		no_fault(f->st);
		if (rc == 0 && seen != NACTIONS + NLATER)
			fail_msg("a fault at step %d: the recompute saw %d actions of %d and"
			    " said it was done", k, seen, NACTIONS + NLATER);
		failed += rc != 0;
	}
	if (failed <= NACTIONS)	/* faults came in the scan's middle too */
		fail_msg("only %d faults made the recompute fail", failed);
}

/*
 * Every statement of the table prepares on this engine (run on both: a
 * dialect error in a rarely used path fails here, not at an office), and a
 * statement is prepared once and kept.
 */
static void
test_every_statement(void **state)
{
	struct fixture *f = *state;
	int q, bad = 0;

	/* the ledger import's staging table, made at its start */
	assert_int_equal(store_ledger_stage_begin(f->st), 0);
	for (q = 0; q < Q_N; q++)
		if (db_stmt_check(f->st, q) != 0) {
			print_error("statement %s: %s\n", store_stmts[q].name, store_errmsg(f->st));
			bad++;
		}
	assert_int_equal(bad, 0);
	assert_ptr_equal(db_stmt(f->st, Q_ACTION_GET), db_stmt(f->st, Q_ACTION_GET));
}

/*
 * A format is stored once per transaction: a notice that names one stored
 * in a part of the transaction since undone stores it again (else the
 * notice would name a format that is not there).
 */
static void
test_format_after_rollback(void **state)
{
	struct fixture *f = *state;
	struct notice n = { .action_id = 1, .kind = "overdue", .level = 0, .seq = 90,
	    .recipient = "zjj@example.gov.cn", .subject = "s", .template = "t-undone",
	    .sender = "fxb@example.gov.cn", .body = "{case}", .vars = "case 2:C1",
	    .ref = "1 overdue", .message_id = "<m90@example.gov.cn>", .item = "i", .cycle = 1 };
	dbst *st;

	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(store_savepoint(f->st), 0);
	assert_int_equal(store_notice_add(f->st, &n, T0), 0);
	store_rollback_part(f->st);
	n.seq = 91;
	n.message_id = "<m91@example.gov.cn>";
	assert_int_equal(store_notice_add(f->st, &n, T0), 0);
	assert_int_equal(store_commit(f->st), 0);
	st = db_stmt_once(f->st, "SELECT count(*) FROM notices n JOIN formats f ON f.key = n.format"
	    " WHERE f.template = 't-undone'");
	assert_int_equal(db_next(f->st, st), 1);
	assert_int_equal(db_int(st, 0), 1);
	db_finalize(st);
}

/*
 * One statement that changes more pages than SQLite keeps of its journal in
 * memory, inside a larger transaction: its journal goes to a temporary file
 * and the statement still succeeds. (SQLite's unix files are written at most
 * 128 KiB at a time, and a spill is written in pieces the size of that
 * limit: one above it made such a statement fail with "database or disk is
 * full", a recompute's DROP INDEX over a million actions among them.)
 */
static void
test_large_statement(void **state)
{
	char dir[] = "/tmp/duban-unit.XXXXXX", path[64], *cause = NULL;
	struct store *s;

	(void)state;
	if (getenv("DUBAN_TEST_PG") != NULL && *getenv("DUBAN_TEST_PG") != '\0')
		skip();	/* PostgreSQL's own journal */
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/duban.db", dir);
	if ((s = store_open(path, STORE_OPEN_CREATE, &cause)) == NULL)
		fail_msg("%s", cause);
	assert_int_equal(db_exec(s, "CREATE TABLE big(k INTEGER UNIQUE, v TEXT);"
	    " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
	    " INSERT INTO big SELECT i, printf('%.200c', 'x') FROM n"), 0);
	assert_int_equal(store_begin(s), 0);
	assert_int_equal(db_exec(s, "INSERT INTO big VALUES (0, 'first')"), 0);
	/* about 5 MB of pages changed by one statement that may fail half-way */
	if (db_exec(s, "UPDATE big SET k = k + 100000, v = upper(v) WHERE k > 0") != 0)
		fail_msg("a statement of 5 MB in a transaction: %s", store_errmsg(s));
	assert_int_equal(store_commit(s), 0);
	store_close(s);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reads_fail_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_not_found_or_failed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recompute_fails_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_statement, setup, teardown),
		cmocka_unit_test(test_large_statement),
		cmocka_unit_test_setup_teardown(test_format_after_rollback, setup, teardown),
	};

	return cmocka_run_group_tests(tests, cn_setup, cn_teardown);
}
