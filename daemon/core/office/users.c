/*
 * The accounts of the pages: added, their password set (yescrypt, the C
 * library's crypt), disabled, and a sign-in checked, each in the audit log.
 * A password is never stored, logged or printed; a change or a disabling
 * ends the account's sessions (its version moves).
 */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duban/office.h"

#define PASSWORD_MIN	10

static const char *const roles[] = { "office", "leader", "discipline", "leading-group" };

bool
office_role_valid(const char *role)
{
	size_t i;

	for (i = 0; role != NULL && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(role, roles[i]) == 0)
			return true;
	return false;
}

/* A name: 1 to 64 bytes of letters, digits, '.', '_', '-' or any character beyond ASCII. */
static bool
name_valid(const char *n)
{
	size_t i, len = n ? strlen(n) : 0;

	if (len == 0 || len > 64)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)n[i];

		if (c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '-')
			return false;
	}
	return true;
}

/* yescrypt of pw, or NULL (the password too short, or crypt failed). */
static char *
hash_of(const char *pw, enum office_refusal *why)
{
	struct crypt_data cd;
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	char *out;

	if (pw == NULL || strlen(pw) < PASSWORD_MIN) {
		*why = OFFICE_WEAK_PASSWORD;
		return NULL;
	}
	memset(&cd, 0, sizeof(cd));
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof(salt)) == NULL ||
	    (out = crypt_rn(pw, salt, &cd, sizeof(cd))) == NULL || out[0] == '*') {
		*why = OFFICE_DATABASE;
		return NULL;
	}
	out = strdup(out);
	explicit_bzero(&cd, sizeof(cd));
	return out;
}

static enum office_refusal
audit(struct store *s, const struct office_who *w, const char *what, const char *detail)
{
	return store_event(s, w->now, w->who, 0, what, detail) == 0 ? OFFICE_DONE : OFFICE_DATABASE;
}

static int
leader_seen(const char *name, const char *title, const char *email, void *arg)
{
	(void)name;
	(void)title;
	(void)email;
	(void)arg;
	return 0;
}

enum office_refusal
office_user_add(struct store *s, const struct office_who *w, const char *name,
    const char *role, const char *dept, const char *password)
{
	struct user u, old;
	enum office_refusal why = OFFICE_DONE;
	char detail[200];
	int rc;

	if (!name_valid(name))
		return OFFICE_BAD_NAME;
	if (!office_role_valid(role))
		return OFFICE_BAD_ROLE;
	if (strcmp(role, "leader") == 0) {
		if (dept == NULL || (rc = store_leader_each(s, dept, leader_seen, NULL)) == 0)
			return OFFICE_NO_SUCH_LEADER;
		if (rc < 0)
			return OFFICE_DATABASE;
	}
	if ((rc = store_user_get(s, name, 0, &old)) == 0) {
		store_user_clear(&old);
		return OFFICE_USER_EXISTS;
	} else if (rc < 0)
		return OFFICE_DATABASE;
	memset(&u, 0, sizeof(u));
	u.name = (char *)(uintptr_t)name;
	u.role = (char *)(uintptr_t)role;
	u.dept = (char *)(uintptr_t)dept;
	if ((u.hash = hash_of(password, &why)) == NULL)
		return why;
	rc = store_user_add(s, &u, w->now);
	explicit_bzero(u.hash, strlen(u.hash));
	free(u.hash);
	if (rc != 0)
		return OFFICE_DATABASE;
	snprintf(detail, sizeof(detail), "account %s added, role %s%s%s", name, role,
	    dept ? ", department " : "", dept ? dept : "");
	return audit(s, w, "user add", detail);
}

enum office_refusal
office_user_password(struct store *s, const struct office_who *w, const char *name,
    const char *password)
{
	enum office_refusal why = OFFICE_DONE;
	char detail[128], *h;
	int rc;

	if ((h = hash_of(password, &why)) == NULL)
		return why;
	rc = store_user_set_hash(s, name, h);
	explicit_bzero(h, strlen(h));
	free(h);
	if (rc != 0)
		return rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_USER;
	snprintf(detail, sizeof(detail), "account %.64s: password changed (its sessions ended)", name);
	return audit(s, w, "user password", detail);
}

enum office_refusal
office_user_disable(struct store *s, const struct office_who *w, const char *name, bool off)
{
	char detail[128];
	int rc;

	if ((rc = store_user_set_disabled(s, name, off)) != 0)
		return rc < 0 ? OFFICE_DATABASE : OFFICE_NO_SUCH_USER;
	snprintf(detail, sizeof(detail), "account %.64s %s", name, off ?
	    "disabled (its sessions ended)" : "enabled");
	return audit(s, w, off ? "user disable" : "user enable", detail);
}

enum office_refusal
office_sign_in(struct store *s, const struct office_who *w, const char *name,
    const char *password, const char *from, struct user *u)
{
	static const char dummy[] = "$y$j9T$873hSSF6eiwWO7Sg4gZ42/"
	    "$Wu7NjGFlU0zWYCnjNYxthSckhWcXj2IJ90G3BtZtsG9";
	struct crypt_data cd;
	const char *want, *got;
	char detail[300];
	size_t i, n;
	unsigned char diff = 0;
	int rc;

	memset(u, 0, sizeof(*u));
	rc = name_valid(name) ? store_user_get(s, name, 0, u) : STORE_NOT_FOUND;
	if (rc < 0)
		return OFFICE_DATABASE;
	/* the same work for an account that does not exist: no answer comes faster */
	want = rc == 0 ? u->hash : dummy;
	memset(&cd, 0, sizeof(cd));
	got = crypt_rn(password ? password : "", want, &cd, sizeof(cd));
	n = strlen(want);
	if (got == NULL || strlen(got) != n)
		diff = 1;
	else
		for (i = 0; i < n; i++)
			diff |= (unsigned char)(got[i] ^ want[i]);
	explicit_bzero(&cd, sizeof(cd));
	if (rc != 0 || diff != 0 || u->disabled) {
		snprintf(detail, sizeof(detail), "sign-in refused from %s: %s", from,
		    rc != 0 ? "no such account" : u->disabled ? "the account is disabled" :
		    "wrong password");
		store_user_clear(u);
		(void)audit(s, &(struct office_who){ rc == 0 ? name : "web", w->now }, "sign-in",
		    detail);
		return OFFICE_SIGN_IN_REFUSED;
	}
	snprintf(detail, sizeof(detail), "signed in from %s, role %s", from, u->role);
	return audit(s, &(struct office_who){ u->name, w->now }, "sign-in", detail);
}
