/* The office's operations without a CLI: their policy and their audit rows, on a real store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "duban/conf.h"
#include "duban/office.h"
#include "duban/rulelang.h"
#include "duban/store.h"

struct fixture {
	struct config	*conf;
	struct store	*st;
};

static const char conf_text[] =
    "[daemon]\ncalendar = " CN_CALENDAR "\n"
    "[smtp]\nfrom = 房信办 <fxb@example.gov.cn>\n"
    "[target \"discipline\"]\nname = 市纪委监委监督工作组\nemail = jw@example.gov.cn\n"
    "[rule \"week\"]\nmatch = step:handling\ndeadline = 1 week\nremind = 2 days before\n"
    "escalate = 1 workday after -> discipline\nextend = at most 10 days, 1 times\n"
    "[rule \"day\"]\nmatch = step:none-such\ndeadline = 1 day\n";

#define T0	((instant_t)1795000000000LL)	/* 2026-11-18, a Wednesday */
#define DAY	(86400LL * 1000)

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	tz_set("Asia/Shanghai");
	f->conf = unit_conf(conf_text);
	f->st = unit_store(T0 - 30 * DAY);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->st);
	conf_free(f->conf);
	free(f);
	return 0;
}

static struct office_assign
request(const char *step, instant_t at, instant_t now)
{
	struct office_assign rq = { .case_id = 1, .case_number = "C1", .category = 2, .dept_id = 1,
	    .dept_code = "zjj", .step = step, .at = at, .who = "clerk", .now = now };

	return rq;
}

struct audit {
	int	 n;
	char	 detail[4096];
	int64_t	 action;
};

static int
audit_row(instant_t at, const char *who, int64_t action, const char *what, const char *detail,
    void *arg)
{
	struct audit *a = arg;

	(void)at;
	assert_string_equal(who, "clerk");
	assert_string_equal(what, "assign");
	a->n++;
	a->action = action;
	snprintf(a->detail, sizeof(a->detail), "%s", detail ? detail : "");
	return 0;
}

static int
actions(struct fixture *f)
{
	struct store *s = f->st;
	dbst *st = db_stmt_once(s, "SELECT count(*) FROM actions");
	int n = -1;

	if (db_next(s, st) == 1)
		n = db_int(st, 0);
	db_finalize(st);
	return n;
}

/* The planner's own deadline for step handling, by rule (NULL: the first that matches). */
static instant_t
planned(struct fixture *f, const char *rule, instant_t at)
{
	struct plan p;
	const char *cause;

	assert_int_equal(sched_plan(f->conf, rule, "handling", "zjj", 2, 0, at, NULL, &p, &cause), 0);
	return p.due;
}

/* A matched rule plans the deadline; the action and its audit row are written together. */
static void
test_assign_plans_and_records(void **state)
{
	struct fixture *f = *state;
	struct office_assign rq = request("handling", T0, T0 + 1000);
	struct office_assigned res;
	struct audit a = { 0 };
	const char *cause;

	rq.what = "核验办证手续";
	rq.responsible = "张科长";
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_true(res.id > 0);
	assert_non_null(res.plan.rule);
	assert_string_equal(res.plan.rule->name, "week");
	assert_true(res.plan.due == planned(f, NULL, T0));
	assert_true(res.plan.due > T0 + 7 * DAY - DAY && res.plan.due <= T0 + 8 * DAY);
	assert_int_equal(store_event_each(f->st, res.id, 0, 0, audit_row, &a), 0);
	assert_int_equal(a.n, 1);
	assert_true(a.action == res.id);
	assert_non_null(strstr(a.detail, "case C1 to zjj: handling (核验办证手续), rule week, due "));
	assert_non_null(strstr(a.detail, ", responsible 张科长"));
}

/* Overdue at creation is refused unless the caller says it is right; nothing is written. */
static void
test_overdue_at_creation(void **state)
{
	struct fixture *f = *state;
	struct office_assign rq = request("handling", T0 - 10 * DAY, T0);
	struct office_assigned res;
	const char *cause;

	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_OVERDUE);
	assert_int_equal(actions(f), 0);
	rq.overdue_ok = true;
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_int_equal(actions(f), 1);
}

/* A pinned rule wins over the match; one the configuration lacks is refused with the planner's words. */
static void
test_pinned_rule(void **state)
{
	struct fixture *f = *state;
	struct office_assign rq = request("handling", T0, T0);
	struct office_assigned res;
	const char *cause = NULL;

	rq.rule = "day";
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_string_equal(res.plan.rule->name, "day");
	assert_true(res.plan.due == planned(f, "day", T0));
	assert_true(res.plan.due < planned(f, NULL, T0));
	rq.rule = "none-such";
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_NO_SUCH_RULE);
	assert_non_null(cause);
	assert_int_equal(actions(f), 1);
}

/* An agreed deadline is the deadline, and needs a rule for its notices. */
static void
test_agreed_deadline(void **state)
{
	struct fixture *f = *state;
	struct office_assign rq = request("handling", T0, T0);
	struct office_assigned res;
	struct audit a = { 0 };
	const char *cause;

	rq.agreed = T0 + 20 * DAY;
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_true(res.plan.due == T0 + 20 * DAY);
	assert_int_equal(store_event_each(f->st, res.id, 0, 0, audit_row, &a), 0);
	assert_non_null(strstr(a.detail, "(agreed with the petitioner)"));
	rq = request("unruled", T0, T0);
	rq.agreed = T0 + 20 * DAY;
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_AGREED_NO_RULE);
	assert_int_equal(actions(f), 1);
	/* without an agreement, a step no rule matches is assigned without a deadline */
	rq.agreed = 0;
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_null(res.plan.rule);
}

/* The ledger's rows: no audit row of their own; the procedure's: its reason at the end. */
static void
test_audit_row_kinds(void **state)
{
	struct fixture *f = *state;
	struct office_assign rq = request("handling", T0, T0);
	struct office_assigned res;
	struct audit a = { 0 };
	const char *cause;

	rq.no_audit_row = true;
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_int_equal(store_event_each(f->st, res.id, 0, 0, audit_row, &a), 0);
	assert_int_equal(a.n, 0);
	rq.no_audit_row = false;
	rq.why = "the procedure";
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_int_equal(store_event_each(f->st, res.id, 0, 0, audit_row, &a), 0);
	assert_int_equal(a.n, 1);
	assert_non_null(strstr(a.detail, ", rule week, due "));
	assert_int_equal((int)strlen(strstr(a.detail, " (the procedure)")), (int)strlen(" (the procedure)"));
}

/* When the audit row cannot be written the operation fails, for the caller to roll back. */
static void
test_audit_failure_fails(void **state)
{
	struct fixture *f = *state;
	struct office_assign rq = request("handling", T0, T0);
	struct office_assigned res;
	const char *cause;

	if (getenv("DUBAN_TEST_PG") != NULL && *getenv("DUBAN_TEST_PG"))
		assert_int_equal(db_exec(f->st, "CREATE FUNCTION t_refuse() RETURNS trigger"
		    " LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'disk full'; END$$;"
		    " CREATE TRIGGER t_refuse BEFORE INSERT ON events FOR EACH ROW"
		    " EXECUTE FUNCTION t_refuse()"), 0);
	else
		assert_int_equal(db_exec(f->st, "CREATE TRIGGER t_refuse BEFORE INSERT ON events"
		    " BEGIN SELECT RAISE(ABORT, 'disk full'); END"), 0);
	assert_int_equal(store_begin(f->st), 0);
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DATABASE);
	store_rollback(f->st);
	assert_int_equal(actions(f), 0);
}

/* An extension within its rule moves the deadline; a second one, or a longer one, is refused. */
static void
test_extend_cap(void **state)
{
	struct fixture *f = *state;
	struct office_assign rq = request("handling", T0, T0);
	struct office_who w = { "clerk", T0 + 1000 };
	struct office_assigned res;
	struct duration ten = { 10, UNIT_DAYS }, eleven = { 11, UNIT_DAYS }, wd = { 5, UNIT_WORKDAYS };
	const struct rule *r;
	struct action a;
	struct buf said = { 0 };
	const char *cause;

	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_int_equal(store_action_get(f->st, res.id, &a), 0);
	assert_int_equal(office_extend_check(f->conf, &a, &eleven, &r), OFFICE_EXTENSION_TOO_LONG);
	assert_int_equal(office_extend_check(f->conf, &a, &wd, &r), OFFICE_EXTENSION_TOO_LONG);
	assert_int_equal(office_extend(f->st, f->conf, &w, &a, &eleven, "局长", "材料不全",
	    T0, &said), OFFICE_EXTENSION_TOO_LONG);
	assert_int_equal(office_extend(f->st, f->conf, &w, &a, &ten, "局长", "材料不全", T0, &said),
	    OFFICE_DONE);
	assert_non_null(strstr(said.data, "approved by 局长: 材料不全"));
	store_action_clear(&a);
	assert_int_equal(store_action_get(f->st, res.id, &a), 0);
	assert_true(a.due_at > res.plan.due);
	assert_int_equal(a.nextensions, 1);
	assert_int_equal(office_extend(f->st, f->conf, &w, &a, &ten, "局长", "再次", T0, &said),
	    OFFICE_EXTENDED_ENOUGH);
	store_action_clear(&a);
	buf_free(&said);
	/* an action no rule governs has no extension to give */
	rq = request("unruled", T0, T0);
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_int_equal(store_action_get(f->st, res.id, &a), 0);
	assert_int_equal(office_extend_check(f->conf, &a, &ten, &r), OFFICE_NO_EXTENSION);
	store_action_clear(&a);
}

/* Reassigned: refused to its own department, while paused, or before it was notified. */
static void
test_reassign(void **state)
{
	struct fixture *f = *state;
	struct department swj = { 0, "swj", "水务局", "某人", "swj@example.gov.cn", "" };
	struct office_assign rq = request("handling", T0, T0);
	struct office_who w = { "clerk", T0 + 1000 };
	struct office_assigned res;
	struct action a;
	struct buf said = { 0 };
	const char *cause;
	int64_t swj_id;

	assert_int_equal(store_dept_add(f->st, &swj, &swj_id), 0);
	rq.agreed = T0 + 20 * DAY;
	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	assert_int_equal(store_action_get(f->st, res.id, &a), 0);
	assert_int_equal(office_reassign_check(&a, 1, T0 + DAY), OFFICE_SAME_DEPARTMENT);
	assert_int_equal(office_reassign_check(&a, swj_id, T0 - DAY), OFFICE_BEFORE_NOTIFIED);
	assert_int_equal(office_pause(f->st, &w, &a, T0 + DAY, "法院", NULL, &said), OFFICE_DONE);
	assert_int_equal(office_reassign(f->st, f->conf, &w, &a, swj_id, "swj", T0 + 2 * DAY, &said),
	    OFFICE_PAUSED);
	assert_int_equal(office_resume(f->st, f->conf, &w, &a, T0 + 2 * DAY, &said), OFFICE_DONE);
	assert_int_equal(office_reassign(f->st, f->conf, &w, &a, swj_id, "swj", T0 + 3 * DAY, &said),
	    OFFICE_DONE);
	assert_non_null(strstr(said.data, "reassigned from zjj to swj"));
	store_action_clear(&a);
	assert_int_equal(store_action_get(f->st, res.id, &a), 0);
	assert_true(a.dept.id == swj_id);
	assert_true(a.due_at == T0 + 20 * DAY);	/* the agreed deadline stays */
	store_action_clear(&a);
	buf_free(&said);
}

/* The procedure's office: steps with next, a waiting period, the queue's target. */
static const char steps_text[] =
    "[daemon]\ncalendar = " CN_CALENDAR "\n"
    "[smtp]\nfrom = 房信办 <fxb@example.gov.cn>\n"
    "[target \"discipline\"]\nname = 市纪委监委监督工作组\nemail = jw@example.gov.cn\n"
    "[step \"handling\"]\nname = 分工处理\nnext = verification -> same\n"
    "[step \"verification\"]\nname = 核实约谈\nnext = public-notice -> same, confirm\n"
    "[step \"public-notice\"]\nname = 公告\n"
    "[rule \"notice\"]\nmatch = step:public-notice\nkind = waiting\ndeadline = 15 workdays\n"
    "[rule \"week\"]\ndeadline = 1 week\nescalate = 1 workday after -> discipline\n";

static int
setup_steps(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	tz_set("Asia/Shanghai");
	f->conf = unit_conf(steps_text);
	f->st = unit_store(T0 - 30 * DAY);
	*state = f;
	return 0;
}

struct told {
	int		 n;
	bool		 proposed[4];
	int64_t		 id[4];
	char		 step[4][32];
	char		 dept[4][16];
};

static void
told_fn(const struct office_told *t, void *arg)
{
	struct told *o = arg;

	assert_true(o->n < 4);
	o->proposed[o->n] = t->proposed;
	o->id[o->n] = t->id;
	snprintf(o->step[o->n], sizeof(o->step[0]), "%s", t->step);
	snprintf(o->dept[o->n], sizeof(o->dept[0]), "%s", t->dept ? t->dept : "");
	o->n++;
}

/* Everything the audit log says of an action, one line each, into out. */
static int
log_line(instant_t at, const char *who, int64_t action, const char *what, const char *detail,
    void *arg)
{
	struct buf *out = arg;

	(void)at;
	(void)action;
	buf_printf(out, "%s %s: %s\n", who, what, detail ? detail : "");
	return 0;
}

static int64_t
assigned(struct fixture *f, const char *step, instant_t at, instant_t now)
{
	struct office_assign rq = request(step, at, now);
	struct office_assigned res;
	const char *cause;

	assert_int_equal(office_assign(f->st, f->conf, &rq, &res, &cause), OFFICE_DONE);
	return res.id;
}

/* A waiting period that has not run cannot be done unless forced, and the audit row says so. */
static void
test_done_waiting(void **state)
{
	struct fixture *f = *state;
	struct office_who w = { "clerk", T0 + DAY };
	struct office_done rq = { .at = T0 + DAY };
	struct office_done_result res;
	struct buf log = { 0 };
	struct action a;

	rq.id = assigned(f, "public-notice", T0, T0);
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, NULL, NULL), OFFICE_WAITING);
	assert_non_null(res.rule);
	assert_string_equal(res.rule->name, "notice");
	assert_true(res.left >= 13 && res.left <= 15);
	assert_int_equal(store_action_get(f->st, rq.id, &a), 0);
	assert_true(a.done_at == 0);
	store_action_clear(&a);
	rq.forced = "异议已撤回";
	rq.note = "提前结束";
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, NULL, NULL), OFFICE_DONE);
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, NULL, NULL), OFFICE_DONE_ALREADY);
	assert_int_equal(store_event_each(f->st, rq.id, 0, 0, log_line, &log), 0);
	assert_non_null(strstr(log.data, "clerk done: 提前结束; before its waiting period ended,"
	    " forced: 异议已撤回\n"));
	buf_free(&log);
	rq.id = 999;
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, NULL, NULL),
	    OFFICE_NO_SUCH_ACTION);
	/* a reason given when nothing is cut short is not recorded as forced */
	rq.id = assigned(f, "handling", T0, T0);
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, NULL, NULL), OFFICE_DONE);
	assert_int_equal(store_event_each(f->st, rq.id, 0, 0, log_line, &log), 0);
	assert_null(strstr(log.data, "forced"));
	buf_free(&log);
}

/* Done: the next step is assigned at once, or proposed; a proposal confirmed once. */
static void
test_done_procedure(void **state)
{
	struct fixture *f = *state;
	struct office_who w = { "clerk", T0 + DAY };
	struct office_done rq = { .at = T0 + DAY };
	struct office_done_result res;
	struct office_next nx = { .at = T0 + 2 * DAY };
	struct office_told t;
	struct told o = { 0 };
	struct proposal p;

	rq.id = assigned(f, "handling", T0, T0);
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, told_fn, &o), OFFICE_DONE);
	assert_int_equal(o.n, 1);
	assert_false(o.proposed[0]);
	assert_string_equal(o.step[0], "verification");
	assert_string_equal(o.dept[0], "zjj");
	assert_int_equal(actions(f), 2);
	/* verification's next waits for the office */
	rq.id = o.id[0];
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, told_fn, &o), OFFICE_DONE);
	assert_int_equal(o.n, 2);
	assert_true(o.proposed[1]);
	assert_string_equal(o.step[1], "public-notice");
	assert_int_equal(actions(f), 2);
	assert_int_equal(office_proposal_get(f->st, o.id[1], &p), OFFICE_DONE);
	assert_int_equal(office_next_confirm(f->st, f->conf, &w, &p, &nx, &t), OFFICE_DONE);
	assert_false(t.proposed);
	assert_string_equal(t.dept, "zjj");
	assert_int_equal(actions(f), 3);
	office_proposal_clear(&p);
	assert_int_equal(office_proposal_get(f->st, o.id[1], &p), OFFICE_DECIDED_ALREADY);
	assert_int_equal(office_proposal_get(f->st, 999, &p), OFFICE_NO_SUCH_PROPOSAL);
	/* a done recorded late: its next step would be overdue at once, so it is proposed */
	rq.id = assigned(f, "handling", T0 - 20 * DAY, T0 - 20 * DAY);
	rq.at = T0 - 19 * DAY;
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, told_fn, &o), OFFICE_DONE);
	assert_int_equal(o.n, 3);
	assert_true(o.proposed[2]);
	assert_int_equal(actions(f), 4);
}

/* A case is closed only with nothing open, reopened not before its closing. */
static void
test_case_close_reopen(void **state)
{
	struct fixture *f = *state;
	struct office_who w = { "clerk", T0 + DAY };
	struct office_done rq = { .at = T0 + DAY };
	struct office_done_result res;
	struct buf said = { 0 };
	struct case_rec k;
	instant_t closed;
	char ids[64];
	int n;

	rq.id = assigned(f, "public-notice", T0, T0);
	assert_int_equal(store_case_get(f->st, "C1", &k), 0);
	assert_int_equal(office_case_close(f->st, &w, &k, T0 + DAY, false, ids, sizeof(ids), &n,
	    &said), OFFICE_OPEN_ACTIONS);
	assert_int_equal(n, 1);
	rq.forced = "撤回";
	assert_int_equal(office_done(f->st, f->conf, &w, &rq, &res, NULL, NULL), OFFICE_DONE);
	assert_int_equal(office_case_reopen(f->st, &w, &k, T0 + DAY, "x", &closed, &said),
	    OFFICE_NOT_CLOSED);
	assert_int_equal(office_case_close(f->st, &w, &k, T0 + 2 * DAY, true, ids, sizeof(ids),
	    &n, &said), OFFICE_DONE);
	assert_non_null(strstr(said.data, "case C1 closed (销号), petitioner ceased"));
	store_case_clear(&k);
	assert_int_equal(store_case_get(f->st, "C1", &k), 0);
	assert_int_equal(office_case_close(f->st, &w, &k, T0 + 2 * DAY, false, ids, sizeof(ids),
	    &n, &said), OFFICE_CLOSED_ALREADY);
	assert_int_equal(office_case_reopen(f->st, &w, &k, T0 + DAY, "复查", &closed, &said),
	    OFFICE_BEFORE_CLOSED);
	assert_true(closed == T0 + 2 * DAY);
	assert_int_equal(office_case_reopen(f->st, &w, &k, T0 + 3 * DAY, "复查", &closed, &said),
	    OFFICE_DONE);
	store_case_clear(&k);
	buf_free(&said);
}

/* The queue: resolved only with a note, once; an action referred once per cycle. */
static void
test_queue_and_refer(void **state)
{
	struct fixture *f = *state;
	struct office_who w = { "clerk", T0 + 10 * DAY };
	struct buf said = { 0 };
	struct action a;
	int64_t eid, again, id = assigned(f, "handling", T0, T0);
	const struct target *t = conf_target(f->conf, "discipline");

	assert_non_null(t);
	assert_int_equal(store_action_get(f->st, id, &a), 0);
	assert_int_equal(office_refer(f->st, f->conf, &w, &a, t, "", &eid), OFFICE_NO_REASON);
	assert_int_equal(office_refer(f->st, f->conf, &w, &a, t, "疑难", &eid), OFFICE_DONE);
	assert_true(eid > 0);
	assert_int_equal(office_refer(f->st, f->conf, &w, &a, t, "疑难", &again),
	    OFFICE_REFERRED_ALREADY);
	store_action_clear(&a);
	assert_int_equal(office_queue(f->st, &w, eid + 1, false, NULL, &said),
	    OFFICE_NO_SUCH_ESCALATION);
	assert_int_equal(office_queue(f->st, &w, eid, true, NULL, &said), OFFICE_NO_REASON);
	assert_int_equal(office_queue(f->st, &w, eid, false, NULL, &said), OFFICE_DONE);
	assert_int_equal(office_queue(f->st, &w, eid, true, "已约谈", &said), OFFICE_DONE);
	assert_non_null(strstr(said.data, "resolved: 已约谈"));
	assert_int_equal(office_queue(f->st, &w, eid, true, "again", &said),
	    OFFICE_RESOLVED_ALREADY);
	buf_free(&said);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_assign_plans_and_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overdue_at_creation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pinned_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agreed_deadline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_row_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_failure_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extend_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reassign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_waiting, setup_steps, teardown),
		cmocka_unit_test_setup_teardown(test_done_procedure, setup_steps, teardown),
		cmocka_unit_test_setup_teardown(test_case_close_reopen, setup_steps, teardown),
		cmocka_unit_test_setup_teardown(test_queue_and_refer, setup_steps, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
