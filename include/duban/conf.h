/* The configuration file: load, validate, print. */
#ifndef DUBAN_CONF_H
#define DUBAN_CONF_H

#include <stdio.h>
#include <sys/socket.h>

#include "duban/calendar.h"
#include "duban/diag.h"
#include "duban/link.h"
#include "duban/rules.h"
#include "duban/template.h"

#define DUBAN_CONF_PATH		"/etc/duban/duban.conf"
/* The systemd credential that carries the link keys ([web] keys otherwise). */
#define DUBAN_LINK_CREDENTIAL	"duban-link-keys"
/* The systemd credential that carries the SMTP password (LoadCredential=). */
#define DUBAN_CREDENTIAL	"duban-smtp-password"

enum starttls_mode {
	TLS_OFF,
	TLS_OPTIONAL,
	TLS_REQUIRED
};

struct target {
	char	*name;
	char	*label;		/* the body's name, e.g. 市纪委监委监督工作组 */
	char	*email;
	int	 line;
};

/* What follows a kind of step when it is done: next = KIND -> TO[, confirm]. */
enum next_to { NEXT_LEAD, NEXT_SAME, NEXT_DEPT };
struct step_next {
	char		*kind;		/* the next kind's key (as written until checked) */
	enum next_to	 to;		/* the case's lead department, the same one, or dept */
	char		*dept;		/* NEXT_DEPT: a department code */
	bool		 confirm;	/* proposed, until the office confirms or drops it */
	int		 line;
};

/*
 * A kind of step of the procedure ([step "KEY"]): the key an action stores
 * and the rules' match names, its name in mail, listings and the ledger, the
 * words clerks write for it, and whether it is the catch-all.
 */
struct step_name {
	char	*key;
	char	*name;		/* e.g. 分工处理 */
	int	 name_line;
	char	**aliases;
	int	*alias_lines;
	int	 naliases;
	bool	 catch_all;
	int	 catch_line;
	struct step_next *next;
	int	 nnext;
	int	 line;
};

struct smtp_conf {
	char			*host;
	int			 port;
	enum starttls_mode	 starttls;
	char			*user;
	char			*password_file;
	char			*password;	/* read at load; never logged or printed */
	char			*ca_file;	/* NULL: the system's CA store */
	char			*from;
	char			*helo;
	int			 timeout;	/* seconds */
	int			 retry_min;	/* seconds */
	int			 retry_max;	/* seconds */
	int			 batch;		/* messages per SMTP session */
	int			 in_flight;	/* delivered, not yet recorded: at most */
};

struct mail_conf {
	char		*templates_dir;	/* NULL: the built-in templates */
	int		 templates_line; /* where 'templates' is set */
	int		 digest;	/* merge the notices for one recipient */
	int		 digest_window;	/* seconds; 0: send when due */
	int		 escalate_at_once; /* escalations skip the window and the digest */
	int		 mask;		/* mask the petitioner's name */
};

/*
 * [web]: the service that answers the links in notices (duban-web), and
 * what the daemon needs to sign them. Off unless listen is set.
 */
struct web_conf {
	char		*listen;	/* "ADDRESS:PORT", or NULL: no web service */
	char		*url;		/* the links' base as people reach it, no trailing / */
	char		*keys_path;	/* the link keys' file (NULL: the credential only) */
	int		 link_valid;	/* seconds a link works after its deadline */
	char		*metrics;	/* "ADDRESS:PORT" of /metrics, or NULL: none */
	int		 max_connections;
	int		 per_address;	/* connections from one address (0: no limit) */
	int		 timeout;	/* seconds an idle connection is kept */
	int		 max_body;	/* bytes a form may carry */
	int		 escalated_light; /* the board shows escalated actions in a colour of their own */
	bool		 keys_loaded;	/* keys read (conf_read_secrets) */
	struct link_keys keys;		/* never printed or logged */
};

struct config {
	char		*path;
	bool		 invalid;	/* read leniently despite errors: for reading the database only */
	char		*database;
	char		*timezone;
	char		*calendar_path;
	char		*socket_path;
	char		*office_name;
	char		*office_email;
	char		*office_contact;	/* who to call, in every notice: 联系人 and telephone */
	char		*waiting_rules;		/* the waiting periods' rule names, a JSON array */
	int		 poll_interval;	/* seconds between checks for lost wake-ups */
	char		*instance;	/* this daemon's name among several (PostgreSQL), or NULL */
	int		 lease;		/* seconds a claim on queued mail holds (PostgreSQL) */
	int		 office_open;	/* minutes after midnight; open == close: always */
	int		 office_close;
	struct smtp_conf smtp;
	struct mail_conf mail;
	struct web_conf	 web;
	struct templates tpl;
	struct target	*targets;
	int		 ntargets;
	struct step_name *steps;
	int		 nsteps;
	char		*category_lead[10];	/* [categories]: category N's lead department code */
	char		*category_depts[10];	/* all that [categories] names for N, as written */
	int		 category_line[10];
	struct rule	*rules;
	int		 nrules;
	struct calendar	*cal;
};

/*
 * Read and validate a configuration file. Every error is recorded in d as
 * file:line; NULL is returned if there was any. Relative paths in the file
 * are taken relative to the file's directory.
 */
struct config *conf_load(const char *path, struct diag *d);
void conf_free(struct config *conf);
/*
 * Read the SMTP password: the systemd credential DUBAN_CREDENTIAL if the
 * service manager passed one, else password-file, which others must not be
 * able to read. Only the daemon and the checks need it. 0 or -1.
 */
int conf_read_secrets(struct config *conf, struct diag *d);
/* conf_load and conf_read_secrets: what the daemon and the checks use. */
/*
 * Like conf_load, but a file with errors still gives what it could read
 * (invalid set; the errors in d): enough to find the database and show it,
 * never to compute a deadline. NULL only if the file cannot be read.
 */
struct config *conf_load_lenient(const char *path, struct diag *d);
struct config *conf_load_all(const char *path, struct diag *d);
/*
 * The link keys of [web] (the credential DUBAN_LINK_CREDENTIAL, else its
 * keys file), for the daemon that signs and the service that checks; 0
 * without [web]. 0 or -1 (the error in d).
 */
int conf_web_read_keys(struct config *conf, struct diag *d);
/* "ADDRESS:PORT" (IPv6 in brackets) as a socket address: 0, or -1. */
int conf_web_address(const char *s, struct sockaddr_storage *ss, socklen_t *len);
/* Print the normalised configuration, as duband -tv shows it. */
void conf_print(const struct config *conf, FILE *fp);

const struct target *conf_target(const struct config *conf, const char *name);
/* The kind a word names (its key, name or an alias), or NULL. */
const struct step_name *conf_step_find(const struct config *conf, const char *word);
/* The kind named catch-all = yes, or NULL. */
const struct step_name *conf_step_catch_all(const struct config *conf);
/* The kinds for a message: "key (name), ..." (free it). */
char *conf_step_list(const struct config *conf);
/* How a step is shown to people: its [step] section's name, or the step as written. */
const char *conf_step_name(const struct config *conf, const char *step);
/* The first rule that governs an action, or NULL. */
const struct rule *conf_match_rule(const struct config *conf, const char *step,
    const char *dept, int category, int key);
const struct rule *conf_rule(const struct config *conf, const char *name);
/* What rule_deadline needs from the configuration. */
struct rule_env conf_env(const struct config *conf);

#endif
