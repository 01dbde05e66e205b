/* The schedule with an injected clock, on a real SQLite database in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "duban/conf.h"
#include "duban/notice.h"
#include "duban/sched.h"
#include "duban/store.h"

struct fixture {
	struct config	*conf;
	struct store	*st;
};

static const char conf_text[] =
    "[daemon]\ncalendar = " CN_CALENDAR "\n"
    "[smtp]\nfrom = 房信办 <fxb@example.gov.cn>\n"
    "[target \"discipline\"]\nname = 市纪委监委监督工作组\nemail = jw@example.gov.cn\n"
    "[rule \"fast\"]\nmatch = step:fast\ndeadline = 4 seconds\nremind = 2 seconds before\n"
    "escalate = 2 seconds after -> discipline\nescalate-cc = none\n"
    "[rule \"week\"]\ndeadline = 1 week\nremind = 2 days before\n"
    "escalate = 1 workday after -> discipline\n";

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->conf = unit_conf(conf_text);
	f->st = unit_store(1);
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

/* Assign an action as dubanctl does and return its id. */
static int64_t
assign(struct fixture *f, const char *step, instant_t at)
{
	struct action_new n = { .case_id = 1, .dept_id = 1, .step = step, .notified = at };
	struct plan p;
	const char *cause;
	int64_t id;

	assert_int_equal(sched_plan(f->conf, NULL, step, "zjj", 2, 0, at, NULL, &p, &cause), 0);
	assert_non_null(p.rule);
	n.rule = p.rule->name;

	assert_int_equal(store_action_add(f->st, &n, p.due, p.uncertain, p.next_at, at, &id), 0);
	return id;
}

struct count {
	int	reminder, overdue, escalation;
};

static int
count_escalations(const struct escalation_row *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static void
counts(struct fixture *f, struct outbox_counts *c, int *esc)
{
	assert_int_equal(store_outbox_counts(f->st, c), 0);
	*esc = 0;
	assert_int_equal(store_escalation_each(f->st, true, count_escalations, esc), 0);
}

static void
run_at(struct fixture *f, instant_t now, int want_done)
{
	int done;

	assert_int_equal(sched_run(f->st, f->conf, now, 500, 1000, &done, NULL), 0);
	assert_int_equal(done, want_done);
}

static void
test_reminder_overdue_escalation(void **state)
{
	struct fixture *f = *state;
	struct outbox_counts c;
	struct outbox_item items[8];
	instant_t t0 = 1800000000000LL;
	int esc, n, i;

	assign(f, "fast", t0);
	assert_true(store_next_event(f->st) == t0 + 2000);
	run_at(f, t0 + 1999, 0);		/* nothing yet */
	run_at(f, t0 + 2000, 1);		/* the reminder */
	run_at(f, t0 + 2000, 0);		/* never twice */
	assert_true(store_next_event(f->st) == t0 + 4000);
	run_at(f, t0 + 4000, 1);		/* overdue */
	counts(f, &c, &esc);
	assert_int_equal(c.queued, 2);
	assert_int_equal(esc, 0);
	run_at(f, t0 + 6000, 1);		/* escalation */
	run_at(f, t0 + 60000, 0);
	counts(f, &c, &esc);
	assert_int_equal(c.queued, 3);
	assert_int_equal(esc, 1);
	assert_true(store_next_event(f->st) == 0);

	n = store_outbox_singles(f->st, t0 + 60000, 8, 0, items);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].recipient, "zjj@example.gov.cn");
	assert_string_equal(items[1].recipient, "zjj@example.gov.cn");
	assert_string_equal(items[2].recipient, "jw@example.gov.cn");
	assert_true(strncmp(items[0].message_id, "duban.0.1.reminder.0.0.", 23) == 0);
	assert_true(strncmp(items[1].message_id, "duban.0.1.overdue.0.0.", 22) == 0);
	assert_true(strncmp(items[2].message_id, "duban.0.1.escalation.1.0.", 25) == 0);
	for (i = 0; i < n; i++) {
		/* the row holds what composes its text, made when it is sent */
		char *msg = notice_message(&items[i], t0 + 60000), want[96];

		assert_string_equal(items[i].message, "");
		snprintf(want, sizeof(want), "\r\nMessage-ID: <%s>\r\n", items[i].message_id);
		assert_non_null(msg);
		assert_non_null(strstr(msg, want));
		free(msg);
		store_outbox_item_clear(&items[i]);
	}
}

/* Woken late (the daemon was down), a stale reminder is skipped. */
static void
test_late_wakeup_skips_stale_reminder(void **state)
{
	struct fixture *f = *state;
	struct outbox_counts c;
	instant_t t0 = 1800000000000LL;
	int esc;

	assign(f, "fast", t0);
	run_at(f, t0 + 7000, 2);		/* overdue and escalation, no reminder */
	counts(f, &c, &esc);
	assert_int_equal(c.queued, 2);
	assert_int_equal(esc, 1);
}

static void
test_done_before_deadline(void **state)
{
	struct fixture *f = *state;
	struct outbox_counts c;
	instant_t t0 = 1800000000000LL;
	int64_t id;
	int esc;

	id = assign(f, "fast", t0);
	run_at(f, t0 + 2500, 1);		/* reminded */
	assert_int_equal(store_action_done(f->st, id, t0 + 3000, "办结"), 0);
	assert_int_equal(store_action_done(f->st, id, t0 + 3001, NULL), STORE_DONE_ALREADY);
	run_at(f, t0 + 100000, 0);
	counts(f, &c, &esc);
	assert_int_equal(c.queued, 0);		/* the queued reminder was withdrawn */
	assert_int_equal(esc, 0);
	assert_true(store_next_event(f->st) == 0);
}

/* One week after a Thursday notification: due at 24:00 the next Thursday. */
static void
test_week_rule_times(void **state)
{
	struct fixture *f = *state;
	struct plan p;
	const char *cause;
	instant_t at, due;
	int32_t day;

	assert_int_equal(day_parse("2026-03-05", &day), 0);	/* a Thursday */
	at = tz_day_start(day) + 15 * 3600000LL;
	assert_int_equal(sched_plan(f->conf, NULL, "handling", "zjj", 2, 0, at, NULL, &p, &cause), 0);
	assert_string_equal(p.rule->name, "week");
	due = tz_day_start(day + 8);
	assert_true(p.due == due);
	assert_true(p.next_at == due - 2 * 86400000LL);	/* two days before */
	assert_int_equal(sched_plan(f->conf, "nosuch", "x", "zjj", 2, 0, at, NULL, &p, &cause), -1);
}


/* Mail waits for office hours on working days, and for the end of its window. */
static void
test_send_time(void **state)
{
	struct fixture *f = *state;

	f->conf->office_open = 8 * 60 + 30;
	f->conf->office_close = 17 * 60 + 30;
	assert_true(notice_send_time(f->conf, at("2026-11-25 22:00"), false) ==
	    at("2026-11-26 08:30"));				/* Wednesday night */
	assert_true(notice_send_time(f->conf, at("2026-11-25 07:00"), false) ==
	    at("2026-11-25 08:30"));				/* before opening */
	assert_true(notice_send_time(f->conf, at("2026-11-25 10:15"), false) ==
	    at("2026-11-25 10:15"));				/* open */
	assert_true(notice_send_time(f->conf, at("2026-11-27 17:30"), false) ==
	    at("2026-11-30 08:30"));				/* Friday close: Monday */
	assert_true(notice_send_time(f->conf, at("2026-09-30 22:00"), false) ==
	    at("2026-10-08 08:30"));				/* National Day */
	assert_true(notice_send_time(f->conf, at("2026-10-09 18:00"), false) ==
	    at("2026-10-10 08:30"));				/* a working Saturday */
	f->conf->mail.digest_window = 3600;
	assert_true(notice_send_time(f->conf, at("2026-11-25 09:10"), false) ==
	    at("2026-11-25 10:00"));				/* end of the window */
	assert_true(notice_send_time(f->conf, at("2026-11-25 09:10"), true) ==
	    at("2026-11-25 09:10"));				/* at once */
	assert_true(notice_send_time(f->conf, at("2026-11-25 17:10"), false) ==
	    at("2026-11-26 08:30"));				/* window ends after closing */
}

/* An overdue notice at 24:00 waits for the next morning's opening. */
static void
test_night_notice_waits(void **state)
{
	struct fixture *f = *state;
	struct outbox_item it[2];
	instant_t t0 = at("2026-11-25 21:59:56");

	f->conf->office_open = 8 * 60 + 30;
	f->conf->office_close = 17 * 60 + 30;
	assign(f, "fast", t0);
	run_at(f, t0 + 2000, 1);	/* 21:59:58: the reminder */
	run_at(f, t0 + 4000, 1);	/* 22:00:00: the overdue notice */
	assert_int_equal(store_outbox_singles(f->st, at("2026-11-26 08:29:59"), 2, 0, it), 0);
	assert_true(store_outbox_next(f->st) == at("2026-11-26 08:30"));
	/* the reminder could only leave after its deadline: withdrawn; the overdue goes */
	assert_int_equal(store_outbox_singles(f->st, at("2026-11-26 08:30"), 2, 0, it), 1);
	assert_non_null(strstr(it[0].message_id, ".overdue."));
	store_outbox_item_clear(&it[0]);
}

/* What the hooks of a cut-short burst saw. */
struct hooked {
	struct fixture	*f;
	int		 calls;		/* yield asked */
	int		 every;		/* yield every so many */
	int		 before, committed, more;
	int		 queued_at_commit;	/* notices queued when a transaction was committed */
};

static int
hook_yield(void *arg)
{
	struct hooked *h = arg;

	return ++h->calls % h->every == 0;
}

static void
hook_before(void *arg)
{
	((struct hooked *)arg)->before++;
}

static void
hook_after(void *arg, bool committed, bool more)
{
	struct hooked *h = arg;
	struct outbox_counts c;

	assert_true(committed);
	h->committed++;
	h->more += more;
	/* each transaction is committed when the hook hears of it: others see its notices */
	assert_int_equal(store_outbox_counts(h->f->st, &c), 0);
	assert_true(c.queued >= h->queued_at_commit);
	h->queued_at_commit = c.queued;
}

/* A burst cut into many transactions: each action's notice once, every transaction committed. */
static void
test_cut_burst(void **state)
{
	struct fixture *f = *state;
	struct hooked h = { .f = f, .every = 7 };
	struct sched_hooks hooks = { hook_yield, hook_before, hook_after, &h, 0 };
	struct outbox_counts c;
	instant_t t0 = 1800000000000LL;
	int i, done, total = 0, runs = 0;

	for (i = 0; i < 100; i++)
		assign(f, "fast", t0);
	/* at most 20 transactions of at most 500 per run: the caller comes back */
	do {
		assert_int_equal(sched_run(f->st, f->conf, t0 + 4000, 500, 20, &done, &hooks), 0);
		total += done;
		runs++;
	} while (done > 0 && runs < 10);
	assert_int_equal(total, 100);		/* the overdue notice of each, the stale reminder skipped */
	assert_int_equal(store_outbox_counts(f->st, &c), 0);
	assert_int_equal(c.queued, 100);
	assert_int_equal(h.before, h.committed);
	assert_true(h.committed >= 100 / 7);	/* cut every seventh action */
	assert_true(h.more > 0 && h.more < h.committed);
	assert_true(store_next_event(f->st) == t0 + 6000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reminder_overdue_escalation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_wakeup_skips_stale_reminder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_done_before_deadline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_week_rule_times, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_burst, setup, teardown),
		cmocka_unit_test_setup_teardown(test_night_notice_waits, setup, teardown),
	};

	return cmocka_run_group_tests_name("sched", tests, NULL, NULL);
}
