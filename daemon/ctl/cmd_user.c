/*
 * dubanctl user add, password, disable, enable, list: the accounts that
 * sign in to duban-web's pages. The password is read from the terminal
 * (twice, not shown) or, when standard input is not one, its first line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ctl.h"
#include "duban/office.h"

static int
read_line(const char *prompt, char *buf, size_t len)
{
	struct termios t, quiet;
	bool tty = isatty(STDIN_FILENO);
	char *ok;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &t);
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)len, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
		fprintf(stderr, "\n");
	}
	if (ok == NULL)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

/* The new password into buf: 0, or an exit status (said why). */
static int
new_password(char *buf, size_t len)
{
	char again[256];

	if (read_line(_("new password: "), buf, len) != 0) {
		fprintf(stderr, _("dubanctl: no password given (on standard input or the terminal)\n"));
		return EXIT_USAGE;
	}
	if (isatty(STDIN_FILENO)) {
		if (read_line(_("again: "), again, sizeof(again)) != 0 || strcmp(buf, again) != 0) {
			explicit_bzero(again, sizeof(again));
			fprintf(stderr, _("dubanctl: the passwords differ\n"));
			return EXIT_USAGE;
		}
		explicit_bzero(again, sizeof(again));
	}
	return 0;
}

static int
done(struct ctl *c, enum office_refusal r, const char *name, const char *said)
{
	if (r == OFFICE_DONE && store_commit(c->store) == 0) {
		printf(_("account %s: %s\n"), name, said);
		return EXIT_OK;
	}
	store_rollback(c->store);
	switch (r) {
	case OFFICE_BAD_NAME:
		fprintf(stderr, _("dubanctl: '%s': an account's name is 1 to 64 letters, digits, '.',"
		    " '_' or '-'\n"), name);
		return EXIT_USAGE;
	case OFFICE_BAD_ROLE:
		fprintf(stderr, _("dubanctl: --role: office, leader, discipline or leading-group\n"));
		return EXIT_USAGE;
	case OFFICE_USER_EXISTS:
		fprintf(stderr, _("dubanctl: account %s exists already\n"), name);
		return EXIT_FAIL;
	case OFFICE_NO_SUCH_USER:
		fprintf(stderr, _("dubanctl: no account %s\n"), name);
		return EXIT_FAIL;
	case OFFICE_NO_SUCH_LEADER:
		fprintf(stderr, _("dubanctl: --leader: no such leader (dubanctl leader list)\n"));
		return EXIT_USAGE;
	case OFFICE_WEAK_PASSWORD:
		fprintf(stderr, _("dubanctl: a password has 10 characters at least\n"));
		return EXIT_USAGE;
	default:
		fprintf(stderr, _("dubanctl: account %s: %s\n"), name, store_errmsg(c->store));
		return EXIT_DATABASE;
	}
}

int
cmd_user_add(struct ctl *c, struct ctl_args *a)
{
	const char *role = args_lookup(a, "role"), *dept = args_lookup(a, "dept");
	const char *leader = args_lookup(a, "leader");
	char pw[256];
	enum office_refusal r;
	int rc;

	if (role == NULL || !office_role_valid(role)) {
		fprintf(stderr, _("dubanctl: --role: office, leader, discipline or leading-group\n"));
		return EXIT_USAGE;
	}
	if ((strcmp(role, "leader") == 0) != (leader != NULL) || (leader != NULL && dept != NULL)) {
		fprintf(stderr, _("dubanctl: a leader's account needs --leader NAME (the leader whose"
		    " cases it sees), and only a leader's takes it\n"));
		return EXIT_USAGE;
	}
	if ((rc = new_password(pw, sizeof(pw))) != 0)
		return rc;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	r = office_user_add(c->store, &WHO(c), a->argv[0], role, leader ? leader : dept, pw);
	explicit_bzero(pw, sizeof(pw));
	return done(c, r, a->argv[0], _("added"));
}

int
cmd_user_password(struct ctl *c, struct ctl_args *a)
{
	char pw[256];
	enum office_refusal r;
	int rc;

	if ((rc = new_password(pw, sizeof(pw))) != 0)
		return rc;
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	r = office_user_password(c->store, &WHO(c), a->argv[0], pw);
	explicit_bzero(pw, sizeof(pw));
	return done(c, r, a->argv[0], _("password changed; its sessions have ended"));
}

static int
toggle(struct ctl *c, struct ctl_args *a, bool off)
{
	if (store_begin(c->store) != 0)
		return EXIT_DATABASE;
	return done(c, office_user_disable(c->store, &WHO(c), a->argv[0], off), a->argv[0],
	    off ? _("disabled; its sessions have ended") : _("enabled"));
}

int
cmd_user_disable(struct ctl *c, struct ctl_args *a)
{
	return toggle(c, a, true);
}

int
cmd_user_enable(struct ctl *c, struct ctl_args *a)
{
	return toggle(c, a, false);
}

static int
print_user(const struct user *u, void *arg)
{
	(void)arg;
	printf("%-20s %-14s %-10s %s\n", u->name, u->role, u->dept ? u->dept : "-",
	    u->disabled ? _("disabled") : _("active"));
	return 0;
}

int
cmd_user_list(struct ctl *c, struct ctl_args *a)
{
	(void)a;
	printf(_("NAME                 ROLE           DEPT       STATE\n"));
	if (store_user_each(c->store, print_user, NULL) != 0)
		return ctl_db_failed(c);
	return EXIT_OK;
}
