/* dubanctl: the command table and what the commands share. */
#ifndef DUBAN_CTL_H
#define DUBAN_CTL_H

#include "duban/conf.h"
#include "duban/store.h"
#include "duban/buf.h"
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

struct ctl_cmd {
	const char	*name;
	const char	*args;
	const char	*summary;
	int		(*fn)(struct ctl *, int, char **);
	int		 needs;		/* CTL_NEEDS_* */
};

#define CTL_NEEDS_CONF	1
#define CTL_NEEDS_STORE	2

extern const struct ctl_cmd ctl_cmds[];

/* Listings: a table for people, or CSV / JSON (dubanctl --csv / --json). */
enum out_fmt { OUT_TABLE, OUT_CSV, OUT_JSON };
extern enum out_fmt ctl_out;
/* Start a listing: column names (the JSON keys) and table widths. */
void out_header(const char *const *cols, const int *widths, int n);
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
/* Print "usage: dubanctl NAME ARGS" for a command to stderr; returns EXIT_USAGE. */
int ctl_usage(const char *name);
/* Is argv asking for help (-h or --help)? Then print the usage to stdout. */
int ctl_help(const char *name, int argc, char **argv);
/* Tell a running daemon to look at the database now (best effort). */
void ctl_wake(struct ctl *c);
/* Send a request to the daemon and wait for its answer; -1 if none came. */
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

int cmd_init(struct ctl *, int, char **);
int cmd_check_config(struct ctl *, int, char **);
int cmd_dept(struct ctl *, int, char **);
int cmd_case(struct ctl *, int, char **);
int cmd_assign(struct ctl *, int, char **);
int cmd_done(struct ctl *, int, char **);
int cmd_actions(struct ctl *, int, char **);
int cmd_queue(struct ctl *, int, char **);
int cmd_mail(struct ctl *, int, char **);
int cmd_status(struct ctl *, int, char **);
int cmd_explain(struct ctl *, int, char **);
int cmd_ack(struct ctl *, int, char **);
int cmd_extend(struct ctl *, int, char **);
int cmd_pause(struct ctl *, int, char **);
int cmd_resume(struct ctl *, int, char **);
int cmd_reassign(struct ctl *, int, char **);
int case_close(struct ctl *, int, char **);
int cmd_log(struct ctl *, int, char **);
int queue_sub(struct ctl *, int, char **);
int cmd_ledger(struct ctl *, int, char **);
int dept_import(struct ctl *, int, char **);
int cmd_report(struct ctl *, int, char **);
int cmd_preview(struct ctl *, int, char **);

#endif
