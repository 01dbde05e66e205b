/*
 * The command table: every command and subcommand of dubanctl, with its
 * options; finding a row for a command line, and the rows' usage and help.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

#define CS	(CTL_NEEDS_CONF | CTL_NEEDS_STORE)
#define CSR	(CS | CTL_READS_ONLY)
#define OPT_AT		{ "at", "TIME" }
#define OPT_FORCE	{ "force", NULL }
#define OPT_END		{ NULL, NULL }

static const struct ctl_opt o_all[] = { { "all", NULL }, OPT_END };
static const struct ctl_opt o_dept_add[] = {
	{ "head", "NAME" }, { "email", "ADDR" }, { "cc", "ADDR[,ADDR]" }, OPT_END
};
static const struct ctl_opt o_dept_edit[] = {
	{ "name", "NAME" }, { "head", "NAME" }, { "email", "ADDR" }, { "cc", "ADDR[,ADDR]" },
	OPT_END
};
static const struct ctl_opt o_import[] = {
	{ "encoding", "utf-8|gb18030" }, { "dry-run", NULL }, OPT_END
};
static const struct ctl_opt o_export[] = {
	{ "encoding", "utf-8|gb18030" }, OPT_FORCE, { "private", NULL }, OPT_END
};
static const struct ctl_opt o_case_add[] = {
	{ "category", "1-9" }, { "key", NULL }, { "leader", "NAME" }, { "petitioner", "NAME" },
	{ "lead", "DEPT" }, { "received", "TIME" }, OPT_FORCE, OPT_END
};
static const struct ctl_opt o_case_close[] = { { "ceased", NULL }, OPT_AT, OPT_FORCE, OPT_END };
static const struct ctl_opt o_case_reopen[] = { { "reason", "TEXT" }, OPT_AT, OPT_FORCE, OPT_END };
static const struct ctl_opt o_case_ceased[] = { { "reason", "TEXT" }, { "no", NULL }, OPT_END };
static const struct ctl_opt o_assign[] = {
	{ "what", "TEXT" }, OPT_AT, { "due", "TIME" }, { "responsible", "NAME" }, OPT_FORCE,
	{ "rule", "NAME" }, { "overdue-ok", NULL }, OPT_END
};
static const struct ctl_opt o_at[] = { OPT_AT, OPT_FORCE, OPT_END };
static const struct ctl_opt o_confirm[] = {
	{ "dept", "DEPT" }, { "what", "TEXT" }, OPT_AT, OPT_FORCE, { "overdue-ok", NULL }, OPT_END
};
static const struct ctl_opt o_drop[] = { { "reason", "TEXT" }, OPT_END };
static const struct ctl_opt o_done[] = {
	OPT_AT, { "note", "TEXT" }, OPT_FORCE, { "reason", "TEXT" }, OPT_END
};
static const struct ctl_opt o_extend[] = {
	{ "by", "DURATION" }, { "approver", "NAME" }, { "reason", "TEXT" }, OPT_AT, OPT_FORCE,
	OPT_END
};
static const struct ctl_opt o_pause[] = {
	{ "reason", "TEXT" }, { "to", "BODY" }, OPT_AT, OPT_FORCE, OPT_END
};
static const struct ctl_opt o_leader[] = { { "email", "ADDR" }, { "title", "TEXT" }, OPT_END };
static const struct ctl_opt o_queue[] = { { "all", NULL }, { "target", "NAME" }, OPT_END };
static const struct ctl_opt o_refer[] = { { "target", "NAME" }, { "reason", "TEXT" }, OPT_END };
static const struct ctl_opt o_transfer[] = {
	{ "to", "BODY" }, { "reason", "TEXT" }, OPT_AT, OPT_FORCE, OPT_END
};
static const struct ctl_opt o_note[] = { { "note", "TEXT" }, OPT_END };
static const struct ctl_opt o_approve[] = { { "approver", "NAME" }, { "reason", "TEXT" }, OPT_END };
static const struct ctl_opt o_reason[] = { { "reason", "TEXT" }, OPT_END };
static const struct ctl_opt o_user[] = { { "role", "ROLE" }, { "dept", "CODE" }, { "leader", "NAME" }, OPT_END };
static const struct ctl_opt o_file[] = { OPT_FORCE, { "private", NULL }, OPT_END };
static const struct ctl_opt o_preview[] = { { "day", "DATE" }, OPT_END };
static const struct ctl_opt o_report[] = {
	{ "from", "DATE" }, { "to", "DATE" }, { "dept", "CODE" }, { "csv", NULL },
	{ "json", NULL }, { "mail", NULL }, OPT_END
};
static const struct ctl_opt o_log[] = {
	{ "action", "ACTION" }, { "since", "TIME" }, { "until", "TIME" }, OPT_END
};

const struct ctl_cmd ctl_cmds[] = {
	{ "init", "", 0, 0, NULL, N_("create the database, or bring its schema up to date"),
	  cmd_init, CTL_NEEDS_CONF },
	{ "migrate-store", "FROM TO", 2, 2, NULL,
	  N_("copy every row of one database into a new one (SQLite or PostgreSQL)"),
	  cmd_migrate_store, 0 },
	{ "check-config", "", 0, 0, NULL, N_("check the configuration file"), cmd_check_config, 0 },
	{ "dept add", "CODE NAME", 2, 2, o_dept_add, N_("add a department to the roster"),
	  cmd_dept_add, CS },
	{ "dept list", "", 0, 0, NULL, N_("the department roster"), cmd_dept_list, CSR },
	{ "dept edit", "CODE", 1, 1, o_dept_edit, N_("change a department's name, head or addresses"),
	  cmd_dept_edit, CS },
	{ "dept import", "FILE", 1, 1, o_import,
	  N_("the roster from CSV (code,name,head,title,email), all or nothing"), cmd_dept_import, CS },
	{ "leader add", "NAME", 1, 1, o_leader,
	  N_("add a leader who owns cases (包案领导), or change their address"), cmd_leader_add, CS },
	{ "leader list", "", 0, 0, NULL, N_("the leaders' roster"), cmd_leader_list, CSR },
	{ "leader import", "FILE", 1, 1, o_import, N_("the leaders from CSV (name,title,email)"),
	  cmd_leader_import, CS },
	{ "ledger import", "FILE", 1, 1, o_import,
	  N_("the ledger (台账) from CSV, all or nothing; FILE - is standard input"),
	  cmd_ledger_import, CS },
	{ "ledger export", "FILE", 1, 1, o_export,
	  N_("the ledger (台账) as CSV; FILE - is standard output"), cmd_ledger_export, CSR },
	{ "case add", "NUMBER TITLE", 2, 2, o_case_add, N_("register a case"), cmd_case_add, CS },
	{ "case reopen", "NUMBER", 1, 1, o_case_reopen,
	  N_("open a closed case again (the petitioner came back), with a reason"),
	  cmd_case_reopen, CS },
	{ "case ceased", "NUMBER", 1, 1, o_case_ceased,
	  N_("record (or, with --no, withdraw) 息诉罢访 on a closed case, with a reason"),
	  cmd_case_ceased, CS },
	{ "case transfer", "NUMBER", 1, 1, o_transfer,
	  N_("transfer a case (产权纠纷 to the court): every open action's clock stops"),
	  cmd_case_transfer, CS },
	{ "case return", "NUMBER", 1, 1, o_at,
	  N_("a transferred case comes back: its actions' clocks run again"), cmd_case_return, CS },
	{ "case close", "NUMBER", 1, 1, o_case_close,
	  N_("close a case (销号) once its actions are done"), cmd_case_close, CS },
	{ "assign", "CASE DEPT KIND", 3, 3, o_assign,
	  N_("assign an action on a case to a department"), cmd_assign, CS },
	{ "ack", "ACTION", 1, 1, o_at, N_("record that the department received it (签收)"),
	  cmd_ack, CS },
	{ "done", "ACTION", 1, 1, o_done, N_("mark an action done"), cmd_done, CS },
	{ "extend", "ACTION", 1, 1, o_extend,
	  N_("extend an action's deadline (延期), as far as its rule allows"), cmd_extend, CS },
	{ "pause", "ACTION", 1, 1, o_pause, N_("stop an action's clock (a court dispute, say)"),
	  cmd_pause, CS },
	{ "resume", "ACTION", 1, 1, o_at,
	  N_("start its clock again; the deadline moves by the pause"), cmd_resume, CS },
	{ "reassign", "ACTION DEPT", 2, 2, o_at,
	  N_("give an action to another department; its period restarts"), cmd_reassign, CS },
	{ "explain", "ACTION", 1, 1, NULL,
	  N_("show how an action's deadline was reached and its notices"), cmd_explain, CS },
	{ "actions", "", 0, 0, o_all, N_("list open actions with their deadline and state"),
	  cmd_actions, CSR },
	{ "next", "", 0, 0, o_all,
	  N_("the next steps the procedure proposes, until the office confirms or drops them"),
	  cmd_next_list, CSR },
	{ "next confirm", "ID", 1, 1, o_confirm, N_("assign a proposed next step"),
	  cmd_next_confirm, CS },
	{ "next drop", "ID", 1, 1, o_drop, N_("drop a proposed next step, with a reason"),
	  cmd_next_drop, CS },
	{ "queue", "", 0, 0, o_queue,
	  N_("the queues: the discipline-inspection group's, the leading group's (--target)"),
	  cmd_queue_list, CSR },
	{ "queue refer", "ACTION", 1, 1, o_refer,
	  N_("refer a case to a target's queue (疑难案件 to the leading group), with a reason"),
	  cmd_queue_refer, CS },
	{ "user add", "NAME", 1, 1, o_user,
	  N_("an account for the pages: --role office|leader|discipline|leading-group"),
	  cmd_user_add, CS },
	{ "user password", "NAME", 1, 1, NULL, N_("set an account's password (its sessions end)"),
	  cmd_user_password, CS },
	{ "user disable", "NAME", 1, 1, NULL, N_("disable an account (its sessions end)"),
	  cmd_user_disable, CS },
	{ "user enable", "NAME", 1, 1, NULL, N_("enable a disabled account"), cmd_user_enable, CS },
	{ "user list", "", 0, 0, NULL, N_("the accounts and their roles"), cmd_user_list, CSR },
	{ "requests", "", 0, 0, o_all,
	  N_("what departments asked by link: extensions (延期申请), completion reports (办结报告)"),
	  cmd_requests, CSR },
	{ "extension approve", "ID", 1, 1, o_approve,
	  N_("approve a department's extension request, within its rule's cap"),
	  cmd_extension_approve, CS },
	{ "extension refuse", "ID", 1, 1, o_reason,
	  N_("refuse a department's extension request, with a reason (the clock runs on)"),
	  cmd_extension_refuse, CS },
	{ "report-done confirm", "ID", 1, 1, o_reason,
	  N_("confirm a completion report: the action done when it was reported"),
	  cmd_report_confirm, CS },
	{ "report-done return", "ID", 1, 1, o_reason,
	  N_("return a completion report (退回), with a reason: the clock runs again"),
	  cmd_report_return, CS },
	{ "queue show", "ID", 1, 1, NULL, N_("an escalation's evidence record"), cmd_queue_show, CSR },
	{ "queue ack", "ID", 1, 1, o_note, N_("acknowledge an escalation"), cmd_queue_ack, CS },
	{ "queue resolve", "ID", 1, 1, o_note, N_("resolve an escalation, with a note"),
	  cmd_queue_resolve, CS },
	{ "queue export", "ID FILE", 2, 2, o_file,
	  N_("write an escalation's evidence record to a file"), cmd_queue_export, CSR },
	{ "preview", "", 0, 0, o_preview, N_("who will receive what on that day (default today)"),
	  cmd_preview, CS },
	{ "report", "", 0, 0, o_report,
	  N_("the acceptance check's figures per department and overall"), cmd_report, CS },
	{ "log", "", 0, 0, o_log, N_("the audit log: every change, who made it and when"),
	  cmd_log, CSR },
	{ "status", "", 0, 0, NULL, N_("ask the running daemon what it is doing"), cmd_status,
	  CTL_NEEDS_CONF | CTL_READS_ONLY },
	{ "mail", "", 0, 0, o_all, N_("the outbox with the server's replies"), cmd_mail_list, CSR },
	{ "mail retry", "NOTICE", 1, 1, NULL, N_("queue a failed notice again"), cmd_mail_retry, CS },
	{ "mail test", "ADDRESS", 1, 1, NULL, N_("send a test message through the server"),
	  cmd_mail_test, CS },
	{ "commands", "", 0, 0, NULL, N_("every command with its arguments and options, one a line"),
	  cmd_commands, 0 },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 }
};

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
			args_usage_line(stderr, cmd);
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
			args_usage_line(fp, cmd);
			fprintf(fp, "  %s\n", gettext(cmd->summary));
		}
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
