/* dubanctl: the command table and what the commands share. */
#ifndef DUBAN_CTL_H
#define DUBAN_CTL_H

#include <stdbool.h>
#include <stdio.h>

#include "duban/conf.h"
#include "duban/store.h"
#include "duban/buf.h"
#include "duban/i18n.h"
#include "duban/office.h"
#include "duban/xmalloc.h"

/* Exit codes, documented in dubanctl(1). */
#define EXIT_OK		0
#define EXIT_FAIL	1	/* the command could not be done */
#define EXIT_USAGE	2	/* bad arguments */
#define EXIT_CONFIG	3	/* the configuration is not valid */
#define EXIT_DATABASE	4	/* the database cannot be opened or written */

struct ctl {
	const char	*conf_path;
	const char	*db_path;	/* -D overrides the configuration's */
	struct config	*conf;
	struct store	*store;
	const char	*who;		/* the Unix user, for the audit log */
};

/* An option a command's row takes: --name, with a value named arg (NULL: a flag). */
struct ctl_opt {
	const char	*name;
	const char	*arg;
};

#define CTL_MAX_OPTS	8

/* A command's line as its row's parser read it. */
struct ctl_args {
	const struct ctl_cmd *cmd;
	int		 argc;			/* the positional arguments */
	char		**argv;
	const char	*vals[CTL_MAX_OPTS];	/* by option: its value, "" for a flag, NULL if not given */
};

/*
 * A row of the command table: a command, or a subcommand ("dept add"), with
 * its positional arguments (min to max; max -1: any) and its options. One
 * parser reads every line (args.c); dubanctl(1) documents every row.
 */
struct ctl_cmd {
	const char		*name;
	const char		*args;		/* the positional arguments, for usage */
	int			 min, max;
	const struct ctl_opt	*opts;		/* NULL-terminated, or NULL */
	const char		*summary;
	int			(*fn)(struct ctl *, struct ctl_args *);
	int			 needs;		/* CTL_NEEDS_* */
};

#define CTL_NEEDS_CONF	1
#define CTL_NEEDS_STORE	2
#define CTL_READS_ONLY	4	/* works on a configuration with errors (a listing) */

extern const struct ctl_cmd ctl_cmds[];

/* Listings: a table for people, or CSV / JSON (dubanctl --csv / --json). */
enum out_fmt { OUT_TABLE, OUT_CSV, OUT_JSON };
extern enum out_fmt ctl_out;
/*
 * Start a listing: column names (the JSON keys and CSV headings; a table
 * shows them in the reader's language, NC_("column", KEY) in the catalogue)
 * and table widths (at least the heading's).
 */
#define OUT_MAX_COLS	16
void out_header(const char *const *cols, const int *widths, int n);
/*
 * The same with column types: 'n' a number (JSON gives it unquoted, null if
 * empty), 't' a time (RFC 3339 in JSON), 'e' a word of duband's vocabulary
 * (a state: translated in tables, see out_word), 's' text.
 */
void out_header_typed(const char *const *cols, const int *widths, int n, const char *types);
/* A word of the vocabulary (a state, a kind of notice) in the reader's language. */
const char *out_word(const char *v);
/* Write listings to fp (NULL: standard output); where they go now. */
void out_to(FILE *fp);
FILE *out_stream(void);
void out_row(const char *const *vals);
void out_end(void);

/*
 * A lookup that gave rc (STORE_NOT_FOUND or -1): prints "dubanctl: " and the
 * message for a missing row (EXIT_FAIL), or the database's error
 * (EXIT_DATABASE), so that a failing database is never reported as a missing
 * row.
 */
int ctl_lookup(struct ctl *c, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The database failed: says so with its error; returns EXIT_DATABASE. */
int ctl_db_failed(struct ctl *c);
/*
 * Write the change's audit row and commit, inside the caller's transaction:
 * EXIT_OK, or EXIT_DATABASE after a rollback and a message (a change is
 * never stored without its line in the audit log).
 */
int ctl_event_commit(struct ctl *c, int64_t action_id, const char *what, const char *detail)
    __attribute__((warn_unused_result));
/* The row argv names (the words it took in *words), or NULL. */
const struct ctl_cmd *ctl_find(int argc, char **argv, int *words);
/* Read a row's line: 0, an exit code after a usage message, or -1 for --help. */
int args_parse(const struct ctl_cmd *cmd, int argc, char **argv, struct ctl_args *a);
/* An option's value ("" for a flag), or NULL if it was not given. */
const char *args_get(const struct ctl_args *a, const char *name);
bool args_has(const struct ctl_args *a, const char *name);
/* Like args_get, for a helper shared by rows of which some lack the option: NULL then. */
const char *args_lookup(const struct ctl_args *a, const char *name);
/* A time option into *t if it was given: 0, or EXIT_USAGE with a message. */
int args_time(const struct ctl_args *a, const char *name, instant_t *t);
/* --encoding utf-8|gb18030 (NULL: not given): 0, or EXIT_USAGE with a message. */
int args_encoding(const struct ctl_args *a, const char **encoding);
/* Read, decode (encoding as text_to_utf8) and parse a CSV file: 0, or an exit code after a message. */
struct csv;
int ctl_read_csv(const char *file, const char *encoding, struct csv *csv, const char **used);
/*
 * The same, for a file whose first line must be exactly the header cols,
 * each cell of the rows within its column's limit max[i] (bytes).
 */
int ctl_read_table(const char *file, const char *encoding, const char *const *cols, int ncols,
    const size_t *max, struct csv *csv, const char **used);
/* Print the row's usage to stderr; returns EXIT_USAGE. */
int args_usage(const struct ctl_args *a);
/* A row's usage line into fp. */
void args_usage_line(FILE *fp, const struct ctl_cmd *cmd);
/* No row for argv: say so, with the nearest command or subcommand; EXIT_USAGE. */
int ctl_unknown(int argc, char **argv);
/* Has the command subcommands ("queue show")? */
bool ctl_has_sub(const char *family);
/* Print the usage of every row of a command to stderr; returns EXIT_USAGE. */
int ctl_usage(const char *name);
/* Every row of a command with its summary, for --help. */
void ctl_help_rows(FILE *fp, const char *name);
/* Tell a running daemon to look at the database now (best effort). */
void ctl_wake(struct ctl *c);
/*
 * Send a request to the daemon and wait for its answer; -1 if none came,
 * with errno: EACCES (not in the socket's group), ENOENT (no socket),
 * ECONNREFUSED (a socket nobody listens on), ETIMEDOUT (no answer in time).
 */
int ctl_ask(struct ctl *c, const char *request, char *reply, size_t len, int timeout_ms);
/*
 * Send one message through the configured server now (dubanctl mail test,
 * report --mail); *reply gets the server's words, to free. An exit code.
 */
int ctl_send_now(struct ctl *c, const char *to_name, const char *to_addr, const char *subject,
    const char *body, const char *tag_kind, char **reply);
/*
 * Check a mail address given as what (e.g. "--email"): 0 if it is a mailbox
 * (kind ADDR_ONE), a list of them (ADDR_LIST) or "Name <addr>" (ADDR_SPEC);
 * otherwise print why, naming what, and return EXIT_USAGE.
 */
enum { ADDR_ONE, ADDR_LIST, ADDR_SPEC };
int ctl_check_address(const char *what, const char *value, int kind);
/*
 * Write a file that may hold personal data: 0640 (0600 with
 * CTL_FILE_PRIVATE), never over an existing one unless CTL_FILE_FORCE,
 * never through a symlink; "-" is standard output. An exit code.
 */
#define CTL_FILE_FORCE		1
#define CTL_FILE_PRIVATE	2
int ctl_write_file(const char *path, const char *data, size_t len, int flags);
/*
 * A time given on the command line (opt names it) more than a year from now
 * is a typo more often than not (2016 for 2026): refused unless force.
 * 0, or EXIT_USAGE with a message.
 */
int ctl_check_time(const char *opt, instant_t t, int force);
/* Parse an action id; -1 with a message on error. */
int ctl_parse_id(const char *s, int64_t *id);

/* The handlers, by family: cmd_FAMILY.c. */
#define CTL_HANDLER(n)	int n(struct ctl *, struct ctl_args *)
CTL_HANDLER(cmd_init);
CTL_HANDLER(cmd_migrate_store);
CTL_HANDLER(cmd_check_config);
CTL_HANDLER(cmd_status);
CTL_HANDLER(cmd_log);
CTL_HANDLER(cmd_commands);
CTL_HANDLER(cmd_dept_add);
CTL_HANDLER(cmd_dept_list);
CTL_HANDLER(cmd_dept_edit);
CTL_HANDLER(cmd_dept_import);
CTL_HANDLER(cmd_ledger_import);
CTL_HANDLER(cmd_ledger_export);
CTL_HANDLER(cmd_case_add);
CTL_HANDLER(cmd_case_close);
CTL_HANDLER(cmd_assign);
CTL_HANDLER(cmd_ack);
CTL_HANDLER(cmd_done);
CTL_HANDLER(cmd_extend);
CTL_HANDLER(cmd_pause);
CTL_HANDLER(cmd_resume);
CTL_HANDLER(cmd_reassign);
CTL_HANDLER(cmd_explain);
CTL_HANDLER(cmd_actions);
CTL_HANDLER(cmd_preview);
CTL_HANDLER(cmd_leader_add);
CTL_HANDLER(cmd_leader_list);
CTL_HANDLER(cmd_leader_import);
CTL_HANDLER(cmd_case_reopen);
CTL_HANDLER(cmd_case_transfer);
CTL_HANDLER(cmd_case_return);
CTL_HANDLER(cmd_case_ceased);
/* Who acts through dubanctl, now: for the office's operations. */
#define WHO(c)	((struct office_who){ (c)->who, instant_now() })
CTL_HANDLER(cmd_next_list);
CTL_HANDLER(cmd_next_confirm);
CTL_HANDLER(cmd_next_drop);
/* Tell what the procedure did after a step was done (an office_told_fn; arg: the struct ctl). */
void ctl_told(const struct office_told *t, void *arg);
CTL_HANDLER(cmd_queue_list);
CTL_HANDLER(cmd_queue_refer);
CTL_HANDLER(cmd_queue_show);
CTL_HANDLER(cmd_queue_ack);
CTL_HANDLER(cmd_requests);
CTL_HANDLER(cmd_user_add);
CTL_HANDLER(cmd_user_password);
CTL_HANDLER(cmd_user_disable);
CTL_HANDLER(cmd_user_enable);
CTL_HANDLER(cmd_user_list);
CTL_HANDLER(cmd_extension_approve);
CTL_HANDLER(cmd_extension_refuse);
CTL_HANDLER(cmd_report_confirm);
CTL_HANDLER(cmd_report_return);
CTL_HANDLER(cmd_queue_resolve);
CTL_HANDLER(cmd_queue_export);
CTL_HANDLER(cmd_mail_list);
CTL_HANDLER(cmd_mail_retry);
CTL_HANDLER(cmd_mail_test);
CTL_HANDLER(cmd_report);

#endif
