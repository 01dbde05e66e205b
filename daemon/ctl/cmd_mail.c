/* dubanctl mail: the outbox with the server's replies; retry; a test message. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "duban/xmalloc.h"

static int
print_notice(const struct notice_row *r, void *arg)
{
	char id[24], action[24], tries[12], when[32] = "";
	const char *v[8];

	(void)arg;
	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	snprintf(action, sizeof(action), "%lld", (long long)r->action_id);
	snprintf(tries, sizeof(tries), "%d", r->attempts);
	if (r->sent_at)
		instant_format(r->sent_at, when, sizeof(when));
	else if (r->next_try)
		instant_format(r->next_try, when, sizeof(when));
	v[0] = id;
	v[1] = action;
	v[2] = r->kind;
	v[3] = r->status;
	v[4] = tries;
	v[5] = when;
	v[6] = r->recipient;
	v[7] = r->reply ? r->reply : "";
	out_row(v);
	return 0;
}

/* dubanctl mail retry ID: a failed notice goes back to the queue. */
int
cmd_mail_retry(struct ctl *c, struct ctl_args *a)
{
	char detail[64];
	int64_t id;
	int rc;

	if (ctl_parse_id(a->argv[0], &id) != 0)
		return EXIT_USAGE;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	if ((rc = store_notice_requeue(c->store, id, instant_now())) != 0) {
		store_rollback(c->store);
		fprintf(stderr, _("dubanctl: notice %lld is not a failed notice\n"), (long long)id);
		return EXIT_FAIL;
	}
	snprintf(detail, sizeof(detail), "notice %lld", (long long)id);
	if ((rc = ctl_event_commit(c, 0, "mail retry", detail)) != EXIT_OK)
		return rc;
	ctl_wake(c);
	printf(_("notice %lld queued again\n"), (long long)id);
	return EXIT_OK;
}

/* dubanctl mail test ADDRESS: one message through the configured server, now. */
int
cmd_mail_test(struct ctl *c, struct ctl_args *a)
{
	const char *addr = a->argv[0];
	char when[32], *body, *reply;
	int rc;

	if (ctl_check_address("mail test", addr, ADDR_ONE) != 0)
		return EXIT_USAGE;
	instant_format(instant_now(), when, sizeof(when));
	xasprintf(&body, "这是督办系统（duban）的测试邮件，发送时间 %s。\n"
	    "This is a test message from duban, sent %s.\n", when, when);
	rc = ctl_send_now(c, NULL, addr, "【测试】督办系统测试邮件", body, "test", &reply);
	if (reply != NULL)
		printf("%s:%d: %s\n", c->conf->smtp.host, c->conf->smtp.port, reply);
	free(reply);
	free(body);
	return rc;
}

int
cmd_mail_list(struct ctl *c, struct ctl_args *a)
{
	struct outbox_counts n;
	bool all = args_has(a, "all");

	if (store_outbox_counts_all(c->store, &n) != 0)
		return ctl_db_failed(c);
	if (ctl_out == OUT_TABLE)
		printf(_("queued %d, sent %d, failed %d\n"), n.queued, n.sent, n.failed);
	{
		static const char *const cols[] = { NC_("column", "id"),
		    NC_("column", "action"), NC_("column", "kind"), NC_("column", "status"),
		    NC_("column", "tries"), NC_("column", "sent_or_next_try"),
		    NC_("column", "recipient"), NC_("column", "server_reply") };
		static const int w[] = { 6, 6, 10, 7, 5, 19, 28, 0 };

		out_header_typed(cols, w, 8, "nneentss");
		if (store_notice_each(c->store, all, print_notice, NULL) != 0) {
			out_end();
			return ctl_db_failed(c);
		}
		out_end();
	}
	return EXIT_OK;
}

